-- activity_report upgrade 0.1.0 -> 0.2.0. Every change to src/sql since 0.1.0 is repeated here, so that
-- ALTER EXTENSION activity_report UPDATE leaves a database identical to CREATE EXTENSION ... VERSION '0.2.0'
-- (scripts/test.sh: test/upgrade). Same rules as the install script: schema-qualified, search_path pinned.
\echo Use "ALTER EXTENSION activity_report UPDATE TO '0.2.0'" to load this file. \quit

-- 0.2.0 replaces the events table (below). What a DBA added to the 0.1.0 table (views over it, triggers,
-- indexes, foreign keys, rules, policies, statistics, publications, grants, SQL-bodied functions) would stop
-- the update half-way or go with the old table: the update refuses to start and lists each, with the statement
-- that makes it again after the update (README "Versions and upgrades"). First, before a GRANT of this script
-- makes the table's privileges the extension's own.
DO $own_objects$
DECLARE
    events_oid pg_catalog.oid := CAST('activity_report.events' AS pg_catalog.regclass);
    old_path text := pg_catalog.current_setting('search_path');
    found text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);  -- definitions printed schema-qualified
    SELECT pg_catalog.string_agg(x.what, E'\n' ORDER BY x.what) INTO found FROM (
        SELECT DISTINCT pg_catalog.format('view %s: CREATE %sVIEW %s AS %s', c.oid::pg_catalog.regclass,
                                          CASE WHEN c.relkind OPERATOR(pg_catalog.=) 'm' THEN 'MATERIALIZED ' ELSE '' END,
                                          c.oid::pg_catalog.regclass, pg_catalog.pg_get_viewdef(c.oid)) AS what
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_rewrite r ON r.oid OPERATOR(pg_catalog.=) d.objid
          JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) r.ev_class
         WHERE d.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_rewrite' AS pg_catalog.regclass)
           AND d.refclassid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass)
           AND d.refobjid OPERATOR(pg_catalog.=) events_oid AND c.oid OPERATOR(pg_catalog.<>) events_oid
           AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend m
                            WHERE m.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass)
                              AND m.objid OPERATOR(pg_catalog.=) c.oid AND m.deptype OPERATOR(pg_catalog.=) 'e')
        UNION ALL
        SELECT pg_catalog.format('trigger %I: %s', t.tgname, pg_catalog.pg_get_triggerdef(t.oid)) FROM pg_catalog.pg_trigger t
         WHERE t.tgrelid OPERATOR(pg_catalog.=) events_oid AND NOT t.tgisinternal AND t.tgname OPERATOR(pg_catalog.<>) 'events_classify'
        UNION ALL
        SELECT pg_catalog.format('index %s: %s', i.indexrelid::pg_catalog.regclass, pg_catalog.pg_get_indexdef(i.indexrelid))
          FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) i.indexrelid
         WHERE i.indrelid OPERATOR(pg_catalog.=) events_oid
           AND c.relname OPERATOR(pg_catalog.<>) ALL (ARRAY['events_pkey', 'events_source_ref_key', 'events_occurred_at_idx', 'events_user_idx', 'events_content_idx'])
        UNION ALL
        SELECT pg_catalog.format('foreign key %I of %s: ALTER TABLE %s ADD CONSTRAINT %I %s', k.conname, k.conrelid::pg_catalog.regclass,
                                 k.conrelid::pg_catalog.regclass, k.conname, pg_catalog.pg_get_constraintdef(k.oid))
          FROM pg_catalog.pg_constraint k
         WHERE k.contype OPERATOR(pg_catalog.=) 'f' AND (k.confrelid OPERATOR(pg_catalog.=) events_oid OR k.conrelid OPERATOR(pg_catalog.=) events_oid)
        UNION ALL
        SELECT pg_catalog.format('policy %I: CREATE POLICY %I ON activity_report.events ...', p.polname, p.polname)
          FROM pg_catalog.pg_policy p
         WHERE p.polrelid OPERATOR(pg_catalog.=) events_oid AND p.polname OPERATOR(pg_catalog.<>) 'portal_isolation'
        UNION ALL
        SELECT pg_catalog.format('rule %I: %s', r.rulename, pg_catalog.pg_get_ruledef(r.oid)) FROM pg_catalog.pg_rewrite r
         WHERE r.ev_class OPERATOR(pg_catalog.=) events_oid
        UNION ALL
        SELECT pg_catalog.format('function %s: %s', f.oid::pg_catalog.regprocedure, 'its SQL body reads events (pg_get_functiondef)')
          FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_proc f ON f.oid OPERATOR(pg_catalog.=) d.objid
         WHERE d.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_proc' AS pg_catalog.regclass)
           AND d.refclassid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass)
           AND d.refobjid OPERATOR(pg_catalog.=) events_oid
           AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend m
                            WHERE m.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_proc' AS pg_catalog.regclass)
                              AND m.objid OPERATOR(pg_catalog.=) f.oid AND m.deptype OPERATOR(pg_catalog.=) 'e')
        UNION ALL
        -- functions and columns of the row type of events (or an array of it): the type goes with the table
        SELECT CASE WHEN d.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_proc' AS pg_catalog.regclass)
                    THEN pg_catalog.format('function %s: %s', CAST(d.objid AS pg_catalog.regprocedure), pg_catalog.pg_get_functiondef(d.objid))
                    ELSE pg_catalog.format('column %s of %s: its type is activity_report.events', d.objsubid,
                                           CAST(d.objid AS pg_catalog.regclass)) END
          FROM pg_catalog.pg_depend d
         WHERE d.refclassid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_type' AS pg_catalog.regclass)
           AND d.refobjid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT t.oid FROM pg_catalog.pg_type t
                                                             WHERE t.typrelid OPERATOR(pg_catalog.=) events_oid
                                                             UNION ALL
                                                             SELECT a.oid FROM pg_catalog.pg_type a JOIN pg_catalog.pg_type t ON a.oid OPERATOR(pg_catalog.=) t.typarray
                                                             WHERE t.typrelid OPERATOR(pg_catalog.=) events_oid))
           AND d.classid OPERATOR(pg_catalog.=) ANY (ARRAY[CAST('pg_catalog.pg_proc' AS pg_catalog.regclass), CAST('pg_catalog.pg_class' AS pg_catalog.regclass)]::pg_catalog.oid[])
           AND d.deptype OPERATOR(pg_catalog.=) 'n'
           AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend m
                            WHERE m.classid OPERATOR(pg_catalog.=) d.classid
                              AND m.objid OPERATOR(pg_catalog.=) d.objid AND m.deptype OPERATOR(pg_catalog.=) 'e')
        UNION ALL
        SELECT pg_catalog.format('statistics %I: CREATE STATISTICS %I ... ON ... FROM activity_report.events', x.stxname, x.stxname)
          FROM pg_catalog.pg_statistic_ext x WHERE x.stxrelid OPERATOR(pg_catalog.=) events_oid
        UNION ALL
        SELECT pg_catalog.format('publication %I: ALTER PUBLICATION %I ADD TABLE activity_report.events', b.pubname, b.pubname)
          FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_publication b ON b.oid OPERATOR(pg_catalog.=) pr.prpubid
         WHERE pr.prrelid OPERATOR(pg_catalog.=) events_oid
        UNION ALL
        SELECT pg_catalog.format('grant: GRANT %s (%I) ON activity_report.events TO %s', g.privilege_type, a.attname,
                                 CASE WHEN g.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(g.grantee)) END)
          FROM pg_catalog.pg_attribute a, pg_catalog.aclexplode(a.attacl) g
         WHERE a.attrelid OPERATOR(pg_catalog.=) events_oid AND a.attacl IS NOT NULL
        UNION ALL
        SELECT pg_catalog.format('grant: GRANT %s ON SEQUENCE activity_report.events_event_id_seq TO %s', g.privilege_type,
                                 CASE WHEN g.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(g.grantee)) END)
          FROM (SELECT a.grantee, a.privilege_type FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
                 WHERE c.oid OPERATOR(pg_catalog.=) CAST('activity_report.events_event_id_seq' AS pg_catalog.regclass) AND a.grantee OPERATOR(pg_catalog.<>) c.relowner
                EXCEPT
                SELECT a.grantee, a.privilege_type FROM pg_catalog.pg_init_privs ip, pg_catalog.aclexplode(ip.initprivs) a
                 WHERE ip.objoid OPERATOR(pg_catalog.=) CAST('activity_report.events_event_id_seq' AS pg_catalog.regclass)
                   AND ip.classoid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass) AND ip.objsubid OPERATOR(pg_catalog.=) 0) g
        UNION ALL
        SELECT pg_catalog.format('grant: GRANT %s ON activity_report.events TO %s', g.privilege_type,
                                 CASE WHEN g.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(g.grantee)) END)
          FROM (SELECT a.grantee, a.privilege_type FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
                 WHERE c.oid OPERATOR(pg_catalog.=) events_oid AND a.grantee OPERATOR(pg_catalog.<>) c.relowner
                EXCEPT
                SELECT a.grantee, a.privilege_type FROM pg_catalog.pg_init_privs ip, pg_catalog.aclexplode(ip.initprivs) a
                 WHERE ip.objoid OPERATOR(pg_catalog.=) events_oid AND ip.classoid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass)
                   AND ip.objsubid OPERATOR(pg_catalog.=) 0) g
    ) x;
    PERFORM pg_catalog.set_config('search_path', old_path, true);
    IF found IS NOT NULL THEN
        RAISE EXCEPTION 'activity_report 0.2.0 replaces activity_report.events by a partitioned table, and these objects of yours depend on the 0.1.0 table'
            USING ERRCODE = '2BP01', DETAIL = found,
                  HINT = 'Drop them (or revoke the grants), run ALTER EXTENSION activity_report UPDATE again, then make them again with the statements above. Nothing was changed.';
    END IF;
END
$own_objects$;

-- 0.2.0: building blocks move to schema activity_report_internal (objects keep their OIDs, so aggregates,
-- triggers, policies and views follow); the SQL functions that name them get their new bodies (here, or
-- below where a later change of 0.2.0 replaces them anyway).
CREATE SCHEMA activity_report_internal;
COMMENT ON SCHEMA activity_report_internal IS 'activity_report building blocks (support functions of triggers, aggregates and reports): not a public interface, they may change in any version.';
ALTER FUNCTION activity_report.taxonomy_changed() SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.events_classify() SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_minutes_sfunc(internal,text,text,text,timestamp with time zone) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_minutes_sfunc(internal,text,text,text,timestamp with time zone,timestamp with time zone) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_engagement_sfunc(internal,text,text,text,timestamp with time zone,timestamp with time zone,timestamp with time zone) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_combine(internal,internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_serialize(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_deserialize(bytea,internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.minutes_viewed_final(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.engagement_rate_final(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.reaction_sfunc(internal,text,text) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.reaction_combine(internal,internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.reaction_serialize(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.reaction_deserialize(bytea,internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.reaction_score_final(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.watch_sfunc(internal,text,text,text) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.watch_combine(internal,internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.watch_serialize(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.watch_deserialize(bytea,internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.watched_fraction_final(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_summary_final(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.presence_rollup_sfunc(internal,activity_report.presence_summary) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.reaction_summary_final(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.reaction_rollup_sfunc(internal,activity_report.reaction_summary) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.watch_summary_final(internal) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.watch_rollup_sfunc(internal,activity_report.watch_summary) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.resolve_person(text) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.lowest_group(text) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.activity_type_key(text) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.is_learner(text) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.group_member_activity(text,timestamp with time zone,timestamp with time zone) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.group_learner_totals(text,timestamp with time zone,timestamp with time zone) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.course_activity_rows(text,timestamp with time zone,timestamp with time zone) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.user_content_metrics(text,timestamp with time zone,timestamp with time zone) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.attachment_file(text,text) SET SCHEMA activity_report_internal;
ALTER FUNCTION activity_report.visible_portals() SET SCHEMA activity_report_internal;
ALTER VIEW activity_report.event_roles_v SET SCHEMA activity_report_internal;

CREATE OR REPLACE FUNCTION activity_report_internal.group_member_activity(group_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint, user_id text, role text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.first_name, u.last_name, u.email, u.additional_information,
           count(r.event_id) FILTER (WHERE 'publication' = ANY (r.roles)),
           count(r.event_id) FILTER (WHERE 'comment' = ANY (r.roles)),
           count(r.event_id) FILTER (WHERE 'reaction' = ANY (r.roles)),
           m.user_id, m.role
      FROM activity_report.group_members m
      LEFT JOIN activity_report.users u ON u.user_id = m.user_id
      LEFT JOIN activity_report_internal.event_roles_v r ON r.user_id = m.user_id AND r.occurred_at >= $2 AND r.occurred_at < $3
     WHERE m.group_id = $1
     GROUP BY m.user_id, m.role, u.first_name, u.last_name, u.email, u.additional_information
$$;

CREATE OR REPLACE FUNCTION activity_report_internal.group_learner_totals(group_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE(sum(a.publications), 0)::bigint, COALESCE(sum(a.comments), 0)::bigint, COALESCE(sum(a.reactions), 0)::bigint
      FROM activity_report_internal.group_member_activity($1, $2, $3) a
     WHERE lower(a.role) = 'learner'
$$;

CREATE OR REPLACE FUNCTION activity_report.collaborative_users(group_id text, from_ts timestamptz DEFAULT '-infinity',
                                                   to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments, a.reactions
      FROM activity_report_internal.group_member_activity($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) a
     ORDER BY a.last_name, a.first_name, a.user_id
$$;

CREATE OR REPLACE FUNCTION activity_report.collaborative_groups(from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT g.name, t.publications, t.comments, t.reactions
      FROM activity_report.groups g
     CROSS JOIN LATERAL activity_report_internal.group_learner_totals(g.group_id, COALESCE($1, '-infinity'), COALESCE($2, 'infinity')) t
     ORDER BY g.name, g.group_id
$$;

CREATE OR REPLACE FUNCTION activity_report.course_activity_engagement(course_id text, from_ts timestamptz DEFAULT '-infinity',
                                                          to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question, a.comments, a.downloads, a.type
      FROM activity_report_internal.course_activity_rows($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) a
     ORDER BY a.title, a.activity_id
$$;

CREATE OR REPLACE FUNCTION activity_report.user_attachments(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, file_type text, source text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT DISTINCT ON (f.file) COALESCE(f.name, e.content_id), lower(substring(f.name FROM '\.([A-Za-z0-9]+)$')),
           COALESCE(e.content_name, c.name)
      FROM activity_report.events e
      JOIN activity_report_internal.event_roles_v r ON r.event_id = e.event_id
      LEFT JOIN activity_report.contents c ON c.content_id = e.content_id
     -- the file (as user_analytics counts it) and its name: the content's own name for a download without one
     CROSS JOIN LATERAL (SELECT activity_report_internal.attachment_file(e.label, e.content_id) AS file,
                                activity_report_internal.attachment_file(e.label, COALESCE(e.content_name, c.name)) AS name) f
     WHERE e.user_id = $1 AND e.occurred_at >= COALESCE($2, '-infinity') AND e.occurred_at < COALESCE($3, 'infinity') AND 'attachment_download' = ANY (r.roles)
     ORDER BY f.file, e.occurred_at, e.event_id
$$;

CREATE OR REPLACE FUNCTION activity_report.user_sessions(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (session_name text, minutes_viewed double precision, engagement_rate double precision, reactions bigint,
                   raised_hands bigint, attachments_downloaded bigint, chat_messages_sent bigint, polls_answered bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.name, COALESCE(m.live_minutes, 0) + m.recording_minutes, m.engagement_rate, m.reactions, m.raised_hands,
           m.attachments_downloaded, m.chat_messages, m.polls_answered
      FROM activity_report_internal.user_content_metrics($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) m
     WHERE m.is_session
     ORDER BY m.starts_at, m.name, m.content_id
$$;

CREATE OR REPLACE FUNCTION activity_report.user_on_demand(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, minutes_viewed double precision, completion_rate double precision)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.name, m.on_demand_minutes, 100 * m.watched_fraction
      FROM activity_report_internal.user_content_metrics($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) m
     WHERE NOT m.is_session AND m.played
     ORDER BY m.name, m.content_id
$$;

GRANT USAGE ON SCHEMA activity_report_internal TO activity_report_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report_internal TO activity_report_reader;

-- 0.2.0: summaries have a versioned byte format (format 1; the library still reads 0.1.0's bytes).
COMMENT ON TYPE activity_report.presence_summary IS 'Stored partial state of minutes_viewed and engagement_rate: every join and leave of every (user_id, content_id) stream, with the window arguments of each stream. Text form: the bytea hex form of its bytes (summary format 1: a version byte, the kind, big-endian fields; 0.1.0''s bytes still read).';
COMMENT ON TYPE activity_report.reaction_summary IS 'Stored partial state of reaction_score: counts of views, positive and negative reactions. Text form: the bytea hex form of its bytes (summary format 1: a version byte, the kind, big-endian fields; 0.1.0''s bytes still read).';
COMMENT ON TYPE activity_report.watch_summary IS 'Stored partial state of watched_fraction: the largest explicit percentage and the number of unmarked watch-progress events. Text form: the bytea hex form of its bytes (summary format 1: a version byte, the kind, big-endian fields; 0.1.0''s bytes still read).';

-- 0.2.0: seed 003 at its edges (design §6, §8): live-session watching is never recording time
-- (activity_kinds.live_watch), a time range clips presence, a session without a known window counts its
-- presence unclipped and has no engagement rate.
ALTER TABLE activity_report.activity_kinds ADD COLUMN live_watch boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN activity_report.activity_kinds.live_watch IS 'true for a watch-progress kind that measures the live session itself (logged when a viewer leaves it): never recording time.';
UPDATE activity_report.activity_kinds SET live_watch = true
 WHERE seeded AND vocabulary OPERATOR(pg_catalog.=) 'event_platform' AND category_pattern OPERATOR(pg_catalog.=) 'Progress'
   AND action_pattern OPERATOR(pg_catalog.=) 'Watched';
CREATE OR REPLACE FUNCTION activity_report_internal.user_content_metrics(user_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (content_id text, name text, is_session boolean, starts_at timestamptz, ends_at timestamptz,
                   live_minutes double precision, engagement_rate double precision, recording_minutes double precision,
                   on_demand_minutes double precision, watched_fraction double precision,
                   viewed boolean, played boolean, reactions bigint, raised_hands bigint, chat_messages bigint,
                   qa_threads bigint, polls_answered bigint, attachments_downloaded bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH ev AS (
        SELECT e.content_id, e.category, e.action, e.label, e.occurred_at, e.details, r.roles,
               COALESCE(k.live_watch, false) AS live_watch,
               e.occurred_at >= $2 AND e.occurred_at < $3 AS in_range,
               COALESCE(e.content_name, c.name) AS name, c.starts_at, c.ends_at, c.duration,
               COALESCE(t.is_live, false) AS is_session
          FROM activity_report.events e
          JOIN activity_report_internal.event_roles_v r ON r.event_id = e.event_id
          LEFT JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id
          LEFT JOIN activity_report.contents c ON c.content_id = e.content_id
          LEFT JOIN activity_report.content_types t ON t.content_type = c.content_type
         WHERE e.user_id = $1 AND e.content_id IS NOT NULL
    ),
    -- Per session, the part of the timeline whose presence counts: the live window (when known, else all
    -- of the stream up to its last leave, so an open interval adds nothing) within [from_ts, to_ts).
    span AS (
        SELECT ev.content_id, w.content_id IS NOT NULL AS known,
               extract(epoch FROM w.ends_at - w.starts_at) / 60 AS window_minutes,
               GREATEST(COALESCE(w.starts_at, min(ev.occurred_at)), $2) AS clip_from,
               LEAST(COALESCE(w.ends_at, max(ev.occurred_at) FILTER (WHERE 'leave' = ANY (ev.roles))), $3) AS clip_to
          FROM ev
          LEFT JOIN activity_report.contents w
                 ON w.content_id = ev.content_id AND w.starts_at IS NOT NULL AND w.ends_at > w.starts_at
         WHERE ev.is_session
         GROUP BY ev.content_id, w.content_id, w.starts_at, w.ends_at
    ),
    live AS (
        SELECT s.content_id, s.known, s.window_minutes,
               CASE WHEN s.clip_to > s.clip_from THEN
                    COALESCE(activity_report.engagement_rate($1, ev.content_id, ev.action, ev.occurred_at, s.clip_from, s.clip_to), 0)
                    * extract(epoch FROM s.clip_to - s.clip_from) / 6000
               ELSE 0 END AS minutes
          FROM span s JOIN ev ON ev.content_id = s.content_id
         GROUP BY s.content_id, s.known, s.window_minutes, s.clip_from, s.clip_to
    )
    SELECT ev.content_id, max(ev.name), bool_or(ev.is_session), min(ev.starts_at), max(ev.ends_at),
           max(l.minutes),
           CASE WHEN bool_or(l.known) AND max(l.minutes) > 0 THEN 100 * max(l.minutes) / max(l.window_minutes) END,
           CASE WHEN bool_or(ev.is_session) THEN
                COALESCE(activity_report.watched_fraction(ev.category, ev.action, ev.label)
                           FILTER (WHERE ev.in_range AND ev.occurred_at >= ev.ends_at AND NOT ev.live_watch), 0)
                * COALESCE(extract(epoch FROM max(ev.duration)) / 60, 0) ELSE 0 END,
           CASE WHEN NOT bool_or(ev.is_session) THEN
                COALESCE(activity_report.watched_fraction(ev.category, ev.action, ev.label) FILTER (WHERE ev.in_range), 0)
                * COALESCE(extract(epoch FROM max(ev.duration)) / 60, 0) ELSE 0 END,
           COALESCE(activity_report.watched_fraction(ev.category, ev.action, ev.label) FILTER (WHERE ev.in_range), 0),
           bool_or(ev.in_range AND ('view' = ANY (ev.roles) OR 'join' = ANY (ev.roles))) OR COALESCE(max(l.minutes) > 0, false),
           bool_or(ev.in_range AND ('play' = ANY (ev.roles) OR 'watch_progress' = ANY (ev.roles))),
           count(*) FILTER (WHERE ev.in_range AND 'reaction' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'raise_hand' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'chat_message' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'qa_thread' = ANY (ev.roles)),
           count(DISTINCT COALESCE(ev.details ->> 'question_name', ev.category)) FILTER (WHERE ev.in_range AND 'poll_response' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'attachment_download' = ANY (ev.roles))
      FROM ev LEFT JOIN live l ON l.content_id = ev.content_id
     GROUP BY ev.content_id
    HAVING bool_or(ev.in_range) OR COALESCE(max(l.minutes) > 0, false)
$$;

CREATE OR REPLACE FUNCTION activity_report.user_analytics(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (user_name text, role text, company text, industry text, country text,
                   total_minutes_viewed double precision, sessions_viewed bigint, average_live_engagement_rate double precision,
                   videos_viewed bigint, reactions bigint, chat_messages_sent bigint, poll_responses bigint,
                   qa_threads_created bigint, attachments_downloaded bigint,
                   live_minutes double precision, recording_minutes double precision, on_demand_minutes double precision)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH m AS (SELECT * FROM activity_report_internal.user_content_metrics($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity'))),
    totals AS (
        SELECT COALESCE(sum(m.live_minutes) FILTER (WHERE m.is_session), 0) AS live,
               COALESCE(sum(m.recording_minutes), 0) AS recording,
               COALESCE(sum(m.on_demand_minutes), 0) AS on_demand,
               count(*) FILTER (WHERE m.is_session AND m.viewed) AS sessions_viewed,
               count(*) FILTER (WHERE NOT m.is_session AND m.played) AS videos_viewed,
               avg(m.engagement_rate) FILTER (WHERE m.is_session) AS engagement
          FROM m),
    flat AS (
        SELECT r.roles, e.content_id, e.category, e.label, e.details
          FROM activity_report.events e JOIN activity_report_internal.event_roles_v r ON r.event_id = e.event_id
         WHERE e.user_id = $1 AND e.occurred_at >= COALESCE($2, '-infinity') AND e.occurred_at < COALESCE($3, 'infinity'))
    SELECT NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), ''), u.role, u.company, u.industry, u.country,
           t.live + t.recording + t.on_demand, t.sessions_viewed,
           t.engagement,
           t.videos_viewed,
           (SELECT count(*) FROM flat WHERE 'reaction' = ANY (flat.roles)),
           (SELECT count(*) FROM flat WHERE 'chat_message' = ANY (flat.roles)),
           (SELECT count(DISTINCT (flat.content_id, COALESCE(flat.details ->> 'question_name', flat.category))) FROM flat WHERE 'poll_response' = ANY (flat.roles)),
           (SELECT count(*) FROM flat WHERE 'qa_thread' = ANY (flat.roles)),
           (SELECT count(DISTINCT activity_report_internal.attachment_file(flat.label, flat.content_id)) FROM flat WHERE 'attachment_download' = ANY (flat.roles)),
           t.live, t.recording, t.on_demand
      FROM totals t LEFT JOIN activity_report.users u ON u.user_id = $1
$$;



-- 0.2.0: reports true to the seeds at their edges (seeds 000-002 and 004).
-- Reactions go through reaction_types, the rule in one place (reaction_of, the C++ of reaction_score);
-- a spelling added there counts as the reaction it names (counts_as).
ALTER TABLE activity_report.reaction_types ADD COLUMN counts_as text;
COMMENT ON COLUMN activity_report.reaction_types.counts_as IS 'The reaction this name is a spelling of, as the reports count it (e.g. ''Thumbs up'' counts as ''Like''); NULL: itself.';
CREATE FUNCTION activity_report.reaction_of(action text, label text)
    RETURNS text
    LANGUAGE c STABLE PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'ar_reaction_of';

COMMENT ON FUNCTION activity_report.reaction_of(text, text) IS
  'The reaction an event names, as the reports count it: its label when that is a reaction of reaction_types (case-insensitive), else its action (a thumbs-up Like action); its counts_as when set; NULL when neither names one. The rule of reaction_score, in one place.';
CREATE FUNCTION activity_report.reaction_band(score double precision) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN $1 > 50 THEN 'green' WHEN $1 >= 25 THEN 'orange' ELSE 'red' END $$;

COMMENT ON FUNCTION activity_report.reaction_band(double precision) IS
  'Band of a reaction score (360Learning): green above 50, orange from 25 to 50, red below 25; NULL without a score.';
CREATE OR REPLACE VIEW activity_report_internal.event_roles_v WITH (security_invoker = true) AS
SELECT e.event_id, e.user_id, e.content_id, e.occurred_at, e.action, e.label, e.portal,
       COALESCE(k.roles, '{}'::text[]) AS roles,
       CASE WHEN 'reaction' = ANY (k.roles) THEN activity_report.reaction_of(e.action, e.label) END AS reaction
  FROM activity_report.events e
  LEFT JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id;

COMMENT ON VIEW activity_report_internal.event_roles_v IS 'Every event with the roles of its kind and, for reactions, the reaction it names: the basis of the role-counted reports.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.event_id IS 'Event.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.user_id IS 'Who.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.content_id IS 'Where.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.occurred_at IS 'When.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.action IS 'Action.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.label IS 'Label.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.portal IS 'Tenant.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.roles IS 'Roles of the event''s kind (empty for unclassified rows).';
COMMENT ON COLUMN activity_report_internal.event_roles_v.reaction IS 'For a reaction: the reaction_types name its label (else its action) names.';
CREATE OR REPLACE FUNCTION activity_report_internal.course_activity_rows(course_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text, activity_id text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.name,
           count(r.event_id) FILTER (WHERE 'view' = ANY (r.roles)),
           count(r.event_id) FILTER (WHERE lower(r.reaction) = 'like'),
           count(r.event_id) FILTER (WHERE lower(r.reaction) = 'learned something'),
           count(r.event_id) FILTER (WHERE lower(r.reaction) = 'outdated'),
           count(r.event_id) FILTER (WHERE lower(r.reaction) = 'have a question'),
           count(r.event_id) FILTER (WHERE 'comment' = ANY (r.roles)),
           count(r.event_id) FILTER (WHERE 'attachment_download' = ANY (r.roles)
                                       AND activity_report_internal.activity_type_key(a.content_type) IN ('document', 'cheatsheet')
                                       AND activity_report_internal.is_learner(du.role)),
           a.content_type, a.content_id
      FROM activity_report.contents a
      LEFT JOIN activity_report_internal.event_roles_v r ON r.content_id = a.content_id AND r.occurred_at >= $2 AND r.occurred_at < $3
      LEFT JOIN activity_report.users du ON du.user_id = r.user_id
     WHERE a.parent_id = $1
     GROUP BY a.content_id, a.name, a.content_type
$$;

COMMENT ON FUNCTION activity_report_internal.course_activity_rows(text, timestamptz, timestamptz) IS
  'Per activity of a course (its child contents): views, reactions by kind, comments and learner downloads in [from_ts, to_ts). Building block of course_activity_engagement.';
-- collaborative_courses gains reaction_band: its view goes and comes back with it.
DROP VIEW activity_report.collaborative_courses;
DROP FUNCTION activity_report.collaborative_courses(timestamptz, timestamptz);
CREATE FUNCTION activity_report.collaborative_courses(from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (course_name text, course_id text, author text, co_authors text, views bigint, status text,
                   creation_date timestamptz, last_update timestamptz, reaction_score integer, likes bigint,
                   learned_something bigint, outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint,
                   documents bigint, cheat_sheets bigint, questions bigint, source_language text,
                   available_translation_languages text, unavailable_translation_languages text, tags text, "group" text,
                   reaction_band text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT q.*, activity_report.reaction_band(q.reaction_score) FROM (
    SELECT c.name AS course_name, c.content_id AS course_id, au.display_name AS author,
           (SELECT COALESCE(string_agg(p.display_name, '|' ORDER BY x.n), '')
              FROM unnest(c.co_authors) WITH ORDINALITY x(who, n)
              CROSS JOIN LATERAL activity_report_internal.resolve_person(x.who) p) AS co_authors,
           (SELECT count(*) FROM activity_report_internal.event_roles_v r
             WHERE r.content_id = c.content_id AND 'view' = ANY (r.roles) AND r.occurred_at >= COALESCE($1, '-infinity') AND r.occurred_at < COALESCE($2, 'infinity')) AS views,
           c.status, c.created_at AS creation_date,
           GREATEST(c.updated_at, (SELECT max(a.updated_at) FROM activity_report.contents a WHERE a.parent_id = c.content_id)) AS last_update,
           (SELECT round(activity_report.reaction_score(s.action, s.label)::numeric)::integer
              FROM (SELECT r.action, r.label FROM activity_report_internal.event_roles_v r
                     WHERE r.content_id = c.content_id AND r.occurred_at >= COALESCE($1, '-infinity') AND r.occurred_at < COALESCE($2, 'infinity')
                    UNION ALL
                    SELECT r.action, r.label FROM activity_report_internal.event_roles_v r
                      JOIN activity_report.contents a ON a.content_id = r.content_id
                     WHERE a.parent_id = c.content_id AND 'reaction' = ANY (r.roles) AND r.occurred_at >= COALESCE($1, '-infinity') AND r.occurred_at < COALESCE($2, 'infinity')) s) AS reaction_score,
           COALESCE(x.likes, 0) AS likes, COALESCE(x.learned_something, 0) AS learned_something,
           COALESCE(x.outdated, 0) AS outdated, COALESCE(x.have_a_question, 0) AS have_a_question,
           COALESCE(x.useful, 0) AS useful, COALESCE(x.irrelevant, 0) AS irrelevant,
           COALESCE(k.documents, 0) AS documents, COALESCE(k.cheat_sheets, 0) AS cheat_sheets,
           COALESCE(k.questions, 0) AS questions,
           c.source_language,
           array_to_string(c.available_languages, '|') AS available_translation_languages,
           array_to_string(c.unavailable_languages, '|') AS unavailable_translation_languages,
           array_to_string(COALESCE(c.tags, '{}') || ARRAY(
               SELECT DISTINCT t FROM activity_report.contents a, unnest(a.tags) t
                WHERE a.parent_id = c.content_id AND t <> ALL (COALESCE(c.tags, '{}')) ORDER BY t), '|') AS tags,
           COALESCE(activity_report_internal.lowest_group(au.user_id), g.name) AS "group"
      FROM activity_report.contents c
      LEFT JOIN LATERAL activity_report_internal.resolve_person(c.author) au ON true
      LEFT JOIN activity_report.groups g ON g.group_id = c.group_id
      LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE kt = 'document') AS documents,
                  count(*) FILTER (WHERE kt = 'cheatsheet') AS cheat_sheets,
                  count(*) FILTER (WHERE kt = 'question') AS questions
             FROM activity_report.contents a, activity_report_internal.activity_type_key(a.content_type) kt
            WHERE a.parent_id = c.content_id) k ON true
      LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE lower(r.reaction) = 'like') AS likes,
                  count(*) FILTER (WHERE lower(r.reaction) = 'learned something') AS learned_something,
                  count(*) FILTER (WHERE lower(r.reaction) = 'outdated') AS outdated,
                  count(*) FILTER (WHERE lower(r.reaction) = 'have a question') AS have_a_question,
                  count(*) FILTER (WHERE lower(r.reaction) = 'useful') AS useful,
                  count(*) FILTER (WHERE lower(r.reaction) = 'irrelevant') AS irrelevant
             FROM activity_report_internal.event_roles_v r
             JOIN activity_report.contents a ON a.content_id = r.content_id
            WHERE a.parent_id = c.content_id AND r.occurred_at >= COALESCE($1, '-infinity') AND r.occurred_at < COALESCE($2, 'infinity')) x ON true
     WHERE lower(c.content_type) = 'course') q
     ORDER BY q.course_name, q.course_id
$$;

COMMENT ON FUNCTION activity_report.collaborative_courses(timestamptz, timestamptz) IS
  'Collaborative activity of several courses (seed 004): one row per course, with views, reaction score (and its band) and reactions by kind from events in [from_ts, to_ts), activity counts and languages.';
CREATE VIEW activity_report.collaborative_courses WITH (security_invoker = true) AS
SELECT * FROM activity_report.collaborative_courses('-infinity', 'infinity');

COMMENT ON VIEW activity_report.collaborative_courses IS 'Collaborative activity of several courses (seed 004): one row per course (contents of type course).';
COMMENT ON COLUMN activity_report.collaborative_courses.course_name IS 'Title of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.course_id IS 'Course ID.';
COMMENT ON COLUMN activity_report.collaborative_courses.author IS 'First and last name of the main author (contents.author, a user ID or a name; printed as given when no user matches).';
COMMENT ON COLUMN activity_report.collaborative_courses.co_authors IS 'First and last names of the co-authors, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.views IS 'Times the course itself was started (each attempt counts).';
COMMENT ON COLUMN activity_report.collaborative_courses.status IS 'Active, Archived or Deleted.';
COMMENT ON COLUMN activity_report.collaborative_courses.creation_date IS 'Date of the first save.';
COMMENT ON COLUMN activity_report.collaborative_courses.last_update IS 'Last edition of the course settings or of one of its activities (latest updated_at).';
COMMENT ON COLUMN activity_report.collaborative_courses.reaction_score IS 'reaction_score over the course''s own events (its starts are the views) and the reactions on its activities, rounded half away from zero.';
COMMENT ON COLUMN activity_report.collaborative_courses.likes IS 'Like reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.learned_something IS 'Learned something reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.outdated IS 'Outdated reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.have_a_question IS 'Have a question reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.useful IS 'Useful reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.irrelevant IS 'Irrelevant reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.documents IS 'Document activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.cheat_sheets IS 'Cheat sheet activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.questions IS 'Question activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.source_language IS 'Language of the course edition.';
COMMENT ON COLUMN activity_report.collaborative_courses.available_translation_languages IS 'Translations available to learners, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.unavailable_translation_languages IS 'Translations declared but not available, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.tags IS 'Tags of the course, then those only its activities carry (alphabetical), separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.reaction_band IS 'Band of the reaction score: green above 50, orange from 25 to 50, red below 25; NULL without a score.';
COMMENT ON COLUMN activity_report.collaborative_courses."group" IS 'Name of the lowest-level group of the main author (deepest group the author is a member of); the course''s own group_id when the author is in no group.';

-- sitewide: where-columns from contents, a vocabulary filter. Exporter: include over every kind with that
-- section and name, a vocabulary filter. Content Actions Log: the learner's portal, content type and
-- group-name filters, json in the report's key order.
CREATE OR REPLACE VIEW activity_report.sitewide_activity_v WITH (security_invoker = true) AS
SELECT e.user_id, u.first_name AS first, u.last_name AS last, u.company, u.email,
       e.category, e.action, e.label, e.occurred_at AS date,
       e.content_id, COALESCE(NULLIF(e.content_name, ''), c.name) AS content_name,
       COALESCE(NULLIF(e.content_slug, ''), c.slug) AS content_slug, e.event_id, e.vocabulary, e.kind_id, e.portal
  FROM activity_report.events e
  LEFT JOIN activity_report.users u ON u.user_id OPERATOR(pg_catalog.=) e.user_id
  LEFT JOIN activity_report.contents c ON c.content_id OPERATOR(pg_catalog.=) e.content_id;

COMMENT ON VIEW activity_report.sitewide_activity_v IS
  'Sitewide activity report (seed 000), all time: one row per event - who (users), what (category, action, label), when (date), where (content; NULL when not on a content page).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.user_id IS 'Who: user ID.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.first IS 'Who: first name.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.last IS 'Who: last name.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.company IS 'Who: company.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.email IS 'Who: email.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.category IS 'What: category.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.action IS 'What: action.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.label IS 'What: label.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.date IS 'When: date and time of the activity.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.content_id IS 'Where: content ID (NULL when not on a content page).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.content_name IS 'Where: content name (the event''s, else the content''s).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.content_slug IS 'Where: content slug (the event''s, else the content''s).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.event_id IS 'Event identifier (the report''s tie-breaker order).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.vocabulary IS 'Vocabulary of the event.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.kind_id IS 'Activity kind of the event.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.portal IS 'Tenant of the event.';
CREATE OR REPLACE VIEW activity_report.user_activity_export_v WITH (security_invoker = true) AS
SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date AS date_time,
       v.content_id, v.content_name, v.content_slug, v.event_id, v.vocabulary, k.section, k.name AS exporter_name, v.portal,
       v.kind_id
  FROM activity_report.sitewide_activity_v v
  LEFT JOIN activity_report.activity_kinds k ON k.kind_id OPERATOR(pg_catalog.=) v.kind_id;

COMMENT ON VIEW activity_report.user_activity_export_v IS
  'User Activity Exporter report (seed 001), all time: the activity rows with the section and "Name in exporter" of their kind.';
COMMENT ON COLUMN activity_report.user_activity_export_v.user_id IS 'Who: user ID.';
COMMENT ON COLUMN activity_report.user_activity_export_v.first IS 'Who: first name.';
COMMENT ON COLUMN activity_report.user_activity_export_v.last IS 'Who: last name.';
COMMENT ON COLUMN activity_report.user_activity_export_v.company IS 'Who: company.';
COMMENT ON COLUMN activity_report.user_activity_export_v.email IS 'Who: email.';
COMMENT ON COLUMN activity_report.user_activity_export_v.category IS 'What: category.';
COMMENT ON COLUMN activity_report.user_activity_export_v.action IS 'What: action.';
COMMENT ON COLUMN activity_report.user_activity_export_v.label IS 'What: label.';
COMMENT ON COLUMN activity_report.user_activity_export_v.date_time IS 'When: date and time of the activity.';
COMMENT ON COLUMN activity_report.user_activity_export_v.content_id IS 'Where: content ID (NULL when not on a content page).';
COMMENT ON COLUMN activity_report.user_activity_export_v.content_name IS 'Where: content name.';
COMMENT ON COLUMN activity_report.user_activity_export_v.content_slug IS 'Where: content slug.';
COMMENT ON COLUMN activity_report.user_activity_export_v.event_id IS 'Event identifier (the report''s tie-breaker order).';
COMMENT ON COLUMN activity_report.user_activity_export_v.vocabulary IS 'Vocabulary of the event.';
COMMENT ON COLUMN activity_report.user_activity_export_v.section IS 'Section of the event''s kind (Content, Feed, ...), used by "choose which data to include".';
COMMENT ON COLUMN activity_report.user_activity_export_v.exporter_name IS 'Name in exporter of the event''s kind.';
COMMENT ON COLUMN activity_report.user_activity_export_v.portal IS 'Tenant of the event.';
COMMENT ON COLUMN activity_report.user_activity_export_v.kind_id IS 'Activity kind of the event.';
CREATE OR REPLACE VIEW activity_report.content_actions_log_v WITH (security_invoker = true) AS
SELECT u.email, COALESCE(u.portal, e.portal) AS panorama_name, e.category AS content_type,
       COALESCE(NULLIF(e.content_name, ''), c.name) AS content_title,
       e.action AS type, e.label AS source, e.occurred_at AS timestamp,
       e.user_id, e.content_id, c.group_id AS course_group, e.event_id, g.name AS course_group_name
  FROM activity_report.events e
  LEFT JOIN activity_report.users u ON u.user_id OPERATOR(pg_catalog.=) e.user_id
  LEFT JOIN activity_report.contents c ON c.content_id OPERATOR(pg_catalog.=) e.content_id
  LEFT JOIN activity_report.groups g ON g.group_id OPERATOR(pg_catalog.=) c.group_id
 WHERE e.vocabulary OPERATOR(pg_catalog.=) 'content_actions';

COMMENT ON VIEW activity_report.content_actions_log_v IS
  'Content Actions Log (seed 002), all time: enrollments, status changes, certificate grants and access revocations.';
COMMENT ON COLUMN activity_report.content_actions_log_v.email IS 'Learner''s email address.';
COMMENT ON COLUMN activity_report.content_actions_log_v.panorama_name IS 'Name of the client portal (Panorama) the learner is part of (the learner''s portal, else the event''s).';
COMMENT ON COLUMN activity_report.content_actions_log_v.content_type IS 'Type of content (webinar, video, course, ...).';
COMMENT ON COLUMN activity_report.content_actions_log_v.content_title IS 'Title of the content (the event''s, else the content''s).';
COMMENT ON COLUMN activity_report.content_actions_log_v.type IS 'Action type: enrollment, status_change, revoked_access or certificate_grant.';
COMMENT ON COLUMN activity_report.content_actions_log_v.source IS 'How the action was performed (course_purchase, manager status change, ...).';
COMMENT ON COLUMN activity_report.content_actions_log_v.timestamp IS 'Date and time the action was recorded.';
COMMENT ON COLUMN activity_report.content_actions_log_v.user_id IS 'Learner''s user ID.';
COMMENT ON COLUMN activity_report.content_actions_log_v.content_id IS 'Content ID.';
COMMENT ON COLUMN activity_report.content_actions_log_v.course_group IS 'Group of the content (contents.group_id).';
COMMENT ON COLUMN activity_report.content_actions_log_v.event_id IS 'Event identifier (tie-breaker order).';
COMMENT ON COLUMN activity_report.content_actions_log_v.course_group_name IS 'Name of the group of the content.';
DROP FUNCTION activity_report.sitewide_activity(timestamptz, timestamptz, text);
DROP FUNCTION activity_report.user_activity_export(timestamptz, timestamptz, text[]);
DROP FUNCTION activity_report.content_actions_log_json(timestamptz, timestamptz, text, text, text, text, text, text);
DROP FUNCTION activity_report.content_actions_log(timestamptz, timestamptz, text, text, text, text, text, text);
-- A report of activity rows and its download twin (activity_report_internal.<report>_download, the same
-- arguments) run one query, written once in <report>_query: the twin's rows also carry each event's vocabulary
-- and portal, which `activity-report report` writes as two more columns, so that a download loads back as the
-- same events (a row valid in several vocabularies lands in its own, a tenant's rows stay its).
CREATE FUNCTION activity_report_internal.sitewide_activity_query(download boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date,
                   v.content_id, v.content_name, v.content_slug'
           OPERATOR(pg_catalog.||) CASE WHEN $1 THEN ', v.vocabulary, v.portal' ELSE '' END OPERATOR(pg_catalog.||) '
              FROM activity_report.sitewide_activity_v v
             WHERE v.date >= $1 AND v.date < $2
               AND ($3 IS NULL OR v.content_id = $3)
               AND ($4 IS NULL OR v.vocabulary = $4)
             ORDER BY v.date, v.event_id'
$$;
COMMENT ON FUNCTION activity_report_internal.sitewide_activity_query(boolean) IS
  'The query of sitewide_activity() (parameters: from_ts, to_ts, content_id, vocabulary); with download, its rows also carry the vocabulary and portal (sitewide_activity_download).';

CREATE FUNCTION activity_report.sitewide_activity(from_ts timestamptz, to_ts timestamptz, content_id text DEFAULT NULL,
                                                  vocabulary text DEFAULT NULL)
    RETURNS SETOF activity_report.sitewide_activity_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE activity_report_internal.sitewide_activity_query(false)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report.sitewide_activity(timestamptz, timestamptz, text, text) IS
  'Sitewide activity report (seed 000): the events of [from_ts, to_ts), optionally of one content page and of one vocabulary (platform), with who / what / when / where columns, ordered by date then event.';

CREATE TYPE activity_report_internal.sitewide_activity_download_row AS (user_id text, first text, last text, company text,
    email text, category text, action text, label text, date timestamptz, content_id text, content_name text,
    content_slug text, vocabulary text, portal text);
COMMENT ON TYPE activity_report_internal.sitewide_activity_download_row IS
  'A row of sitewide_activity_download(): the columns of sitewide_activity(), then the event''s vocabulary and portal.';
CREATE FUNCTION activity_report_internal.sitewide_activity_download(from_ts timestamptz, to_ts timestamptz,
                                                                   content_id text DEFAULT NULL, vocabulary text DEFAULT NULL)
    RETURNS SETOF activity_report_internal.sitewide_activity_download_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE activity_report_internal.sitewide_activity_query(true)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report_internal.sitewide_activity_download(timestamptz, timestamptz, text, text) IS
  'The rows of sitewide_activity() with each event''s vocabulary and portal, for the download (activity-report report sitewide_activity), which then loads back as the same events.';

-- include selects kinds by section or Section/Name; a row matches when its kind has the patterns of a
-- selected kind, so kinds the seed lists twice with the same triple (rows classify as the first) match too.
CREATE FUNCTION activity_report_internal.check_include(include text[]) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unknown text;
BEGIN
    SELECT i.item INTO unknown FROM unnest(include) AS i(item)
     WHERE NOT EXISTS (SELECT FROM activity_report.activity_kinds k
                        WHERE lower(k.section) = lower(btrim(i.item)) OR lower(k.section || '/' || k.name) = lower(btrim(i.item)))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'user_activity_export: include value % names no section and no Section/Name in exporter', quote_literal(unknown)
            USING ERRCODE = '22023',
                  HINT = 'Valid sections: ' || (SELECT string_agg(DISTINCT k.section, ', ' ORDER BY k.section) FROM activity_report.activity_kinds k)
                         || '; or a section and a name, as in ''Content/Viewed''.';
    END IF;
END
$$;
COMMENT ON FUNCTION activity_report_internal.check_include(text[]) IS
  'Raises 22023, with the valid sections as hint, when a value of user_activity_export''s include names no section and no Section/Name in exporter.';

CREATE FUNCTION activity_report_internal.user_activity_export_query(download boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date_time,
                   v.content_id, v.content_name, v.content_slug'
           OPERATOR(pg_catalog.||) CASE WHEN $1 THEN ', v.vocabulary, v.portal' ELSE '' END OPERATOR(pg_catalog.||) '
              FROM activity_report.user_activity_export_v v
             WHERE v.date_time >= $1 AND v.date_time < $2
               AND ($4 IS NULL OR v.vocabulary = $4)
               AND ($3 IS NULL OR EXISTS (
                     SELECT FROM activity_report.activity_kinds k, activity_report.activity_kinds sel, unnest($3) AS i(item)
                      WHERE k.kind_id = v.kind_id AND sel.vocabulary = k.vocabulary
                        AND lower(sel.category_pattern) = lower(k.category_pattern)
                        AND lower(sel.action_pattern) = lower(k.action_pattern)
                        AND lower(sel.label_pattern) = lower(k.label_pattern)
                        AND (lower(btrim(i.item)) = lower(sel.section) OR lower(btrim(i.item)) = lower(sel.section || ''/'' || sel.name))))
             ORDER BY v.date_time, v.event_id'
$$;
COMMENT ON FUNCTION activity_report_internal.user_activity_export_query(boolean) IS
  'The query of user_activity_export() (parameters: from_ts, to_ts, include, vocabulary); with download, its rows also carry the vocabulary and portal (user_activity_export_download).';

CREATE FUNCTION activity_report.user_activity_export(from_ts timestamptz, to_ts timestamptz, include text[] DEFAULT NULL,
                                                     vocabulary text DEFAULT NULL)
    RETURNS TABLE (user_id text, first text, last text, company text, email text, category text, action text,
                   label text, date_time timestamptz, content_id text, content_name text, content_slug text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM activity_report_internal.check_include(include);
    RETURN QUERY EXECUTE activity_report_internal.user_activity_export_query(false)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report.user_activity_export(timestamptz, timestamptz, text[], text) IS
  'User Activity Exporter report (seed 001): the activity rows of [from_ts, to_ts), optionally of one vocabulary; include chooses which data to include, by section (''Content'', ''Feed'') or ''Section/Name in exporter'' (''Content/Viewed''), case-insensitively, matching every kind with that section and name; NULL includes everything, a value that names nothing is an error listing the sections.';

CREATE TYPE activity_report_internal.user_activity_export_download_row AS (user_id text, first text, last text,
    company text, email text, category text, action text, label text, date_time timestamptz, content_id text,
    content_name text, content_slug text, vocabulary text, portal text);
COMMENT ON TYPE activity_report_internal.user_activity_export_download_row IS
  'A row of user_activity_export_download(): the columns of user_activity_export(), then the event''s vocabulary and portal.';
CREATE FUNCTION activity_report_internal.user_activity_export_download(from_ts timestamptz, to_ts timestamptz,
                                                                      include text[] DEFAULT NULL, vocabulary text DEFAULT NULL)
    RETURNS SETOF activity_report_internal.user_activity_export_download_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM activity_report_internal.check_include(include);
    RETURN QUERY EXECUTE activity_report_internal.user_activity_export_query(true)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report_internal.user_activity_export_download(timestamptz, timestamptz, text[], text) IS
  'The rows of user_activity_export() with each event''s vocabulary and portal, for the download (activity-report report user_activity_export), which then loads back as the same events.';

CREATE FUNCTION activity_report.content_actions_log(from_ts timestamptz, to_ts timestamptz, portal text DEFAULT NULL,
                                                    content_id text DEFAULT NULL, learner text DEFAULT NULL,
                                                    type text DEFAULT NULL, source text DEFAULT NULL,
                                                    course_group text DEFAULT NULL, content_type text DEFAULT NULL)
    RETURNS SETOF activity_report.content_actions_log_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE $q$
        SELECT v.email, v.panorama_name, v.content_type, v.content_title, v.type, v.source, v.timestamp
          FROM activity_report.content_actions_log_v v
         WHERE v.timestamp >= $1 AND v.timestamp < $2
           AND ($3 IS NULL OR v.panorama_name = $3)
           AND ($4 IS NULL OR v.content_id = $4)
           AND ($5 IS NULL OR v.user_id = $5 OR lower(v.email) = lower($5))
           AND ($6 IS NULL OR lower(v.type) = lower($6))
           AND ($7 IS NULL OR lower(v.source) = lower($7))
           AND ($8 IS NULL OR v.course_group = $8 OR lower(v.course_group_name) = lower($8))
           AND ($9 IS NULL OR lower(v.content_type) = lower($9))
         ORDER BY v.timestamp, v.event_id
    $q$ USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4, $5, $6, $7, $8, $9;
END
$$;

COMMENT ON FUNCTION activity_report.content_actions_log(timestamptz, timestamptz, text, text, text, text, text, text, text) IS
  'Content Actions Log (seed 002) of [from_ts, to_ts), filtered by portal (Panorama: the learner''s), content, learner (user ID or email), type, source, course group (ID or name) and content type (case-insensitive); NULL filters are off. Ordered by timestamp.';
CREATE FUNCTION activity_report.content_actions_log_json(from_ts timestamptz, to_ts timestamptz, portal text DEFAULT NULL,
                                                         content_id text DEFAULT NULL, learner text DEFAULT NULL,
                                                         type text DEFAULT NULL, source text DEFAULT NULL,
                                                         course_group text DEFAULT NULL, content_type text DEFAULT NULL)
    RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object('email', l.email, 'panorama_name', l.panorama_name,
                                                 'content_type', l.content_type, 'content_title', l.content_title,
                                                 'type', l.type, 'source', l.source, 'timestamp', l."timestamp")
                              ORDER BY l.ord), '[]'::jsonb)
      FROM activity_report.content_actions_log($1, $2, $3, $4, $5, $6, $7, $8, $9) WITH ORDINALITY AS l(email, panorama_name, content_type, content_title, type, source, "timestamp", ord)
$$;

COMMENT ON FUNCTION activity_report.content_actions_log_json(timestamptz, timestamptz, text, text, text, text, text, text, text) IS
  'The Content Actions Log as one jsonb array of objects (email, panorama_name, content_type, content_title, type, source, timestamp), in the report''s order.';

-- Privileges of what this version adds, as the install script gives them.
GRANT USAGE ON SCHEMA activity_report TO activity_report_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report TO activity_report_reader;
-- Reports run with the caller's rights: a reader calls the building blocks they are made of.
GRANT USAGE ON SCHEMA activity_report_internal TO activity_report_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT INSERT, UPDATE, DELETE ON activity_report.events, activity_report.rejected_events, activity_report.users,
      activity_report.contents, activity_report.groups, activity_report.group_members,
      activity_report.vocabularies, activity_report.activity_kinds, activity_report.content_types,
      activity_report.reaction_types TO activity_report_writer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA activity_report TO activity_report_writer;

-- Rejected rows are kept once per source_ref, also when two loads of one file run at the same time (the
-- loader and the trigger insert with ON CONFLICT DO NOTHING). Duplicates stored by 0.1.0 are removed first,
-- keeping the first rejection of each row.
DELETE FROM activity_report.rejected_events r
 USING activity_report.rejected_events d
 WHERE r.source_ref OPERATOR(pg_catalog.=) d.source_ref AND r.rejected_id OPERATOR(pg_catalog.>) d.rejected_id;
DROP INDEX activity_report.rejected_events_source_ref_idx;
CREATE UNIQUE INDEX rejected_events_source_ref_idx ON activity_report.rejected_events (source_ref) WHERE source_ref IS NOT NULL;
COMMENT ON COLUMN activity_report.rejected_events.source_ref IS 'Idempotency key as given: unique when not NULL, so a row rejected again is kept once.';

-- CREATE EXTENSION refuses a schema activity_report that existed before and is owned or writable by another
-- role, or not empty (src/sql/01_install_check.sql). That check is a DO block run at install time only: an
-- installed database already has its schema, so it has no place here. (The C code now finds its tables
-- through the extension's membership, which needs no SQL change.)

-- activity_kinds.vocabulary is kept by triggers instead of a foreign key, so that pg_restore -j, which loads
-- the user rows of vocabularies and activity_kinds in parallel, cannot lose a kind whose vocabulary row has
-- not arrived yet (src/sql/12_taxonomy_finish.sql). The classifying trigger keeps the classification a
-- restored row brings (C code, no SQL change).
ALTER TABLE activity_report.activity_kinds DROP CONSTRAINT activity_kinds_vocabulary_fkey;
COMMENT ON COLUMN activity_report.activity_kinds.vocabulary IS 'The vocabulary this kind belongs to (an activity_report.vocabularies row; while it is missing the kind is inactive).';
CREATE FUNCTION activity_report_internal.kind_vocabulary_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM activity_report.vocabularies v WHERE v.vocabulary OPERATOR(pg_catalog.=) NEW.vocabulary) THEN
        -- A notice, not an error: during a restore the vocabulary may come later (pg_restore shows no notices).
        RAISE NOTICE 'activity kind % names vocabulary "%", which is not in activity_report.vocabularies: the kind is inactive until it is added',
                     NEW.kind_id, NEW.vocabulary
            USING HINT = 'Add the vocabulary to activity_report.vocabularies, or correct the kind''s vocabulary.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION activity_report_internal.kind_vocabulary_check() IS
  'Trigger on activity_report.activity_kinds: notes a kind whose vocabulary is not (yet) in activity_report.vocabularies; such a kind is inactive until the vocabulary exists.';

CREATE FUNCTION activity_report_internal.vocabulary_kinds_follow() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        UPDATE activity_report.activity_kinds k SET vocabulary = NEW.vocabulary
         WHERE k.vocabulary OPERATOR(pg_catalog.=) OLD.vocabulary;
        RETURN NEW;
    ELSIF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
        IF EXISTS (SELECT FROM activity_report.activity_kinds k WHERE k.vocabulary OPERATOR(pg_catalog.=) OLD.vocabulary) THEN
            RAISE EXCEPTION 'vocabulary "%" still has activity kinds', OLD.vocabulary
                USING ERRCODE = '23503', HINT = 'Delete its kinds from activity_report.activity_kinds first.';
        END IF;
        RETURN OLD;
    END IF;
    IF EXISTS (SELECT FROM activity_report.activity_kinds) THEN -- TRUNCATE
        RAISE EXCEPTION 'activity_report.vocabularies cannot be truncated while activity kinds use it'
            USING ERRCODE = '23503', HINT = 'Delete the kinds from activity_report.activity_kinds first.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION activity_report_internal.vocabulary_kinds_follow() IS
  'Trigger on activity_report.vocabularies: a renamed vocabulary carries its kinds along; one still used by kinds cannot be deleted (SQLSTATE 23503).';

CREATE TRIGGER kind_vocabulary_check BEFORE INSERT OR UPDATE OF vocabulary ON activity_report.activity_kinds
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.kind_vocabulary_check();
CREATE TRIGGER vocabulary_renamed AFTER UPDATE OF vocabulary ON activity_report.vocabularies
    FOR EACH ROW WHEN (OLD.vocabulary OPERATOR(pg_catalog.<>) NEW.vocabulary) EXECUTE FUNCTION activity_report_internal.vocabulary_kinds_follow();
CREATE TRIGGER vocabulary_deleted BEFORE DELETE ON activity_report.vocabularies
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.vocabulary_kinds_follow();
CREATE TRIGGER vocabulary_truncated BEFORE TRUNCATE ON activity_report.vocabularies
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.vocabulary_kinds_follow();
COMMENT ON TRIGGER kind_vocabulary_check ON activity_report.activity_kinds IS 'Notes a kind whose vocabulary is missing (the kind is inactive until it is added).';
COMMENT ON TRIGGER vocabulary_renamed ON activity_report.vocabularies IS 'A renamed vocabulary carries its kinds along.';
COMMENT ON TRIGGER vocabulary_deleted ON activity_report.vocabularies IS 'A vocabulary still used by kinds cannot be deleted.';
COMMENT ON TRIGGER vocabulary_truncated ON activity_report.vocabularies IS 'vocabularies cannot be truncated while kinds exist.';
GRANT EXECUTE ON FUNCTION activity_report_internal.kind_vocabulary_check(), activity_report_internal.vocabulary_kinds_follow() TO activity_report_reader;

-- 0.2.0: interval lengths exact over the whole timestamp range (issue 12): user_content_metrics measures
-- windows as differences of epochs, not as timestamptz - timestamptz, which wraps around past 292,000 years.
CREATE OR REPLACE FUNCTION activity_report_internal.user_content_metrics(user_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (content_id text, name text, is_session boolean, starts_at timestamptz, ends_at timestamptz,
                   live_minutes double precision, engagement_rate double precision, recording_minutes double precision,
                   on_demand_minutes double precision, watched_fraction double precision,
                   viewed boolean, played boolean, reactions bigint, raised_hands bigint, chat_messages bigint,
                   qa_threads bigint, polls_answered bigint, attachments_downloaded bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH ev AS (
        SELECT e.content_id, e.category, e.action, e.label, e.occurred_at, e.details, r.roles,
               COALESCE(k.live_watch, false) AS live_watch,
               e.occurred_at >= $2 AND e.occurred_at < $3 AS in_range,
               COALESCE(e.content_name, c.name) AS name, c.starts_at, c.ends_at, c.duration,
               COALESCE(t.is_live, false) AS is_session
          FROM activity_report.events e
          JOIN activity_report_internal.event_roles_v r ON r.event_id = e.event_id
          LEFT JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id
          LEFT JOIN activity_report.contents c ON c.content_id = e.content_id
          LEFT JOIN activity_report.content_types t ON t.content_type = c.content_type
         WHERE e.user_id = $1 AND e.content_id IS NOT NULL
    ),
    -- Per session, the part of the timeline whose presence counts: the live window (when known, else all
    -- of the stream up to its last leave, so an open interval adds nothing) within [from_ts, to_ts).
    -- Lengths are differences of epochs (numeric, exact): timestamptz - timestamptz wraps around past
    -- 292,000 years, and valid timestamps span 299,000.
    span AS (
        SELECT ev.content_id, w.content_id IS NOT NULL AS known,
               (extract(epoch FROM w.ends_at) - extract(epoch FROM w.starts_at)) / 60 AS window_minutes,
               GREATEST(COALESCE(w.starts_at, min(ev.occurred_at)), $2) AS clip_from,
               LEAST(COALESCE(w.ends_at, max(ev.occurred_at) FILTER (WHERE 'leave' = ANY (ev.roles))), $3) AS clip_to
          FROM ev
          LEFT JOIN activity_report.contents w
                 ON w.content_id = ev.content_id AND w.starts_at IS NOT NULL AND w.ends_at > w.starts_at
         WHERE ev.is_session
         GROUP BY ev.content_id, w.content_id, w.starts_at, w.ends_at
    ),
    live AS (
        SELECT s.content_id, s.known, s.window_minutes,
               CASE WHEN s.clip_to > s.clip_from THEN
                    COALESCE(activity_report.engagement_rate($1, ev.content_id, ev.action, ev.occurred_at, s.clip_from, s.clip_to), 0)
                    * (extract(epoch FROM s.clip_to) - extract(epoch FROM s.clip_from)) / 6000
               ELSE 0 END AS minutes
          FROM span s JOIN ev ON ev.content_id = s.content_id
         GROUP BY s.content_id, s.known, s.window_minutes, s.clip_from, s.clip_to
    )
    SELECT ev.content_id, max(ev.name), bool_or(ev.is_session), min(ev.starts_at), max(ev.ends_at),
           max(l.minutes),
           CASE WHEN bool_or(l.known) AND max(l.minutes) > 0 THEN 100 * max(l.minutes) / max(l.window_minutes) END,
           CASE WHEN bool_or(ev.is_session) THEN
                COALESCE(activity_report.watched_fraction(ev.category, ev.action, ev.label)
                           FILTER (WHERE ev.in_range AND ev.occurred_at >= ev.ends_at AND NOT ev.live_watch), 0)
                * COALESCE(extract(epoch FROM max(ev.duration)) / 60, 0) ELSE 0 END,
           CASE WHEN NOT bool_or(ev.is_session) THEN
                COALESCE(activity_report.watched_fraction(ev.category, ev.action, ev.label) FILTER (WHERE ev.in_range), 0)
                * COALESCE(extract(epoch FROM max(ev.duration)) / 60, 0) ELSE 0 END,
           COALESCE(activity_report.watched_fraction(ev.category, ev.action, ev.label) FILTER (WHERE ev.in_range), 0),
           bool_or(ev.in_range AND ('view' = ANY (ev.roles) OR 'join' = ANY (ev.roles))) OR COALESCE(max(l.minutes) > 0, false),
           bool_or(ev.in_range AND ('play' = ANY (ev.roles) OR 'watch_progress' = ANY (ev.roles))),
           count(*) FILTER (WHERE ev.in_range AND 'reaction' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'raise_hand' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'chat_message' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'qa_thread' = ANY (ev.roles)),
           count(DISTINCT COALESCE(ev.details ->> 'question_name', ev.category)) FILTER (WHERE ev.in_range AND 'poll_response' = ANY (ev.roles)),
           count(*) FILTER (WHERE ev.in_range AND 'attachment_download' = ANY (ev.roles))
      FROM ev LEFT JOIN live l ON l.content_id = ev.content_id
     GROUP BY ev.content_id
    HAVING bool_or(ev.in_range) OR COALESCE(max(l.minutes) > 0, false)
$$;

-- 0.2.0: activity_report.events is partitioned by portal, then by month on occurred_at (design §8;
-- src/sql/20_events.sql).
-- A table cannot become partitioned in place: the 0.1.0 table is renamed, the partitioned one made as the
-- install script makes it, every row copied with its event_id (into the default partition: run
-- activity_report.ensure_event_partitions over the months held to split them, see README "Partitions"),
-- the identity continued where 0.1.0 left it, the views over events made again over the new table (same
-- definitions), and the old table dropped. The classifying trigger is created after the copy: rows keep the
-- classification 0.1.0 gave them, as a restore keeps it.
ALTER TABLE activity_report.events RENAME TO events_0_1_0;
ALTER SEQUENCE activity_report.events_event_id_seq RENAME TO events_0_1_0_event_id_seq;

CREATE TABLE activity_report.events (
    event_id     bigint GENERATED BY DEFAULT AS IDENTITY,
    vocabulary   text NOT NULL DEFAULT 'activity_exporter',
    occurred_at  timestamptz NOT NULL,
    user_id      text NOT NULL,
    category     text NOT NULL,
    action       text NOT NULL,
    label        text,
    content_id   text,
    content_name text,
    content_slug text,
    portal       text,
    source_ref   text COLLATE pg_catalog."C",
    kind_id      integer,
    details      jsonb,
    loaded_at    timestamptz NOT NULL DEFAULT pg_catalog.now()
) PARTITION BY LIST (portal);
CREATE TABLE activity_report.events_local PARTITION OF activity_report.events DEFAULT PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE activity_report.events_local IS
  'Default partition of activity_report.events: the events of every portal not attached to a shard, partitioned by month. Read it through activity_report.events.';
-- Every partition of events_local is made by create_event_table, with one column dropped ahead of events'
-- columns. Its attribute numbers then differ from events', so PostgreSQL routes an inserted row into a slot of
-- the partition's own (heap) kind and stores the row the classifying trigger returns as it is; with the same
-- numbers it would use events' virtual slot, deforming that row into it and forming it again (about half of
-- what the trigger costs a row inserted through events: bench/classify.sh). Nothing reads the dropped column.
-- pg_dump writes a later month without it: a restored month stores the same rows, the slower way.
CREATE FUNCTION activity_report_internal.create_event_table(part text) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE pg_catalog.format('CREATE TABLE activity_report.%I (routing_pad integer, LIKE activity_report.events_local INCLUDING DEFAULTS)', part);
    EXECUTE pg_catalog.format('ALTER TABLE activity_report.%I DROP COLUMN routing_pad', part);
END
$$;
COMMENT ON FUNCTION activity_report_internal.create_event_table(text) IS
  'Creates activity_report.<part>, a table of the columns of activity_report.events_local (not yet attached), laid out so that rows routed into it through events are stored without being formed again.';
SELECT activity_report_internal.create_event_table('events_default');
ALTER TABLE activity_report.events_local ATTACH PARTITION activity_report.events_default DEFAULT;
COMMENT ON TABLE activity_report.events_default IS
  'Default partition of activity_report.events_local: events of a month that has no partition of its own yet (activity_report.ensure_event_partitions moves them into it). Read it through activity_report.events.';
COMMENT ON TABLE activity_report.events IS
  'Activity events. Each row is validated and classified on insert (kind_id, details); activity_report.on_invalid decides what happens to invalid rows.';
COMMENT ON COLUMN activity_report.events.event_id IS 'Event identifier, in insertion order.';
COMMENT ON COLUMN activity_report.events.vocabulary IS 'Vocabulary of the (category, action, label) triple; see activity_report.vocabularies.';
COMMENT ON COLUMN activity_report.events.occurred_at IS 'When the activity happened.';
COMMENT ON COLUMN activity_report.events.user_id IS 'Who did it (activity_report.users.user_id).';
COMMENT ON COLUMN activity_report.events.category IS 'Category column of the platform export.';
COMMENT ON COLUMN activity_report.events.action IS 'Action column of the platform export.';
COMMENT ON COLUMN activity_report.events.label IS 'Label column of the platform export (NULL, empty or N/A when not applicable).';
COMMENT ON COLUMN activity_report.events.content_id IS 'Content page where it happened (blank when not on a content page).';
COMMENT ON COLUMN activity_report.events.content_name IS 'Name of that content.';
COMMENT ON COLUMN activity_report.events.content_slug IS 'Slug of that content.';
COMMENT ON COLUMN activity_report.events.portal IS 'Tenant (the Panorama of the Content Actions Log).';
COMMENT ON COLUMN activity_report.events.source_ref IS 'Idempotency key of a load: unique (with occurred_at, the partition key) when not NULL, so re-loading an export adds nothing. Compared byte for byte (collation "C"): a key is never sorted by a language''s rules.';
COMMENT ON COLUMN activity_report.events.kind_id IS 'The activity kind the triple matched (activity_report.activity_kinds); NULL for an invalid row kept with on_invalid = accept.';
COMMENT ON COLUMN activity_report.events.details IS 'Placeholder values parsed from the triple, e.g. {"content_type": "OTSession"}; for an accepted invalid row {"problems": [...]}.';
COMMENT ON COLUMN activity_report.events.loaded_at IS 'When the row was inserted.';

CREATE FUNCTION activity_report_internal.index_event_partition(part regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    name text := (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) part);
BEGIN
    EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (event_id, occurred_at)', part, name OPERATOR(pg_catalog.||) '_pkey');
    EXECUTE pg_catalog.format('CREATE UNIQUE INDEX %I ON %s (source_ref, occurred_at) WHERE source_ref IS NOT NULL', name OPERATOR(pg_catalog.||) '_source_ref_key', part);
    EXECUTE pg_catalog.format('CREATE INDEX %I ON %s (occurred_at)', name OPERATOR(pg_catalog.||) '_occurred_at_idx', part);
    EXECUTE pg_catalog.format('CREATE INDEX %I ON %s (user_id, occurred_at)', name OPERATOR(pg_catalog.||) '_user_idx', part);
    EXECUTE pg_catalog.format('CREATE INDEX %I ON %s (content_id, occurred_at)', name OPERATOR(pg_catalog.||) '_content_idx', part);
END
$$;
COMMENT ON FUNCTION activity_report_internal.index_event_partition(regclass) IS
  'Gives a partition of activity_report.events its keys and indexes: primary key (event_id, occurred_at), unique (source_ref, occurred_at) where source_ref is not NULL, and (occurred_at), (user_id, occurred_at), (content_id, occurred_at).';

INSERT INTO activity_report.events (event_id, vocabulary, occurred_at, user_id, category, action, label, content_id,
                                    content_name, content_slug, portal, source_ref, kind_id, details, loaded_at)
OVERRIDING SYSTEM VALUE
SELECT event_id, vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, content_slug,
       portal, source_ref, kind_id, details, loaded_at
  FROM activity_report.events_0_1_0 ORDER BY event_id;
SELECT pg_catalog.setval('activity_report.events_event_id_seq', s.last_value, s.is_called)
  FROM activity_report.events_0_1_0_event_id_seq s;
SELECT activity_report_internal.index_event_partition('activity_report.events_default');

-- The views that read events (directly) read the new table: the same definition, made again.
DO $views$
DECLARE
    v record;
    old_path text := pg_catalog.current_setting('search_path');
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);  -- definitions printed schema-qualified
    FOR v IN SELECT DISTINCT c.oid::pg_catalog.regclass AS view, c.reloptions, pg_catalog.pg_get_viewdef(c.oid) AS def
               FROM pg_catalog.pg_depend d
               JOIN pg_catalog.pg_rewrite r ON r.oid OPERATOR(pg_catalog.=) d.objid
               JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) r.ev_class
              WHERE d.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_rewrite' AS pg_catalog.regclass)
                AND d.refclassid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass)
                AND d.refobjid OPERATOR(pg_catalog.=) CAST('activity_report.events_0_1_0' AS pg_catalog.regclass)
                AND c.oid OPERATOR(pg_catalog.<>) CAST('activity_report.events_0_1_0' AS pg_catalog.regclass) LOOP
        EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %s%s AS %s', v.view,
            CASE WHEN v.reloptions IS NULL THEN '' ELSE ' WITH (' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(v.reloptions, ', ') OPERATOR(pg_catalog.||) ')' END,
            pg_catalog.regexp_replace(v.def, '\mevents_0_1_0\M', 'events', 'g'));
    END LOOP;
    PERFORM pg_catalog.set_config('search_path', old_path, true);
END
$views$;
-- Out of the extension first, so that pg_extension.extconfig forgets them (DROP TABLE alone leaves their OIDs).
ALTER EXTENSION activity_report DROP SEQUENCE activity_report.events_0_1_0_event_id_seq;
ALTER EXTENSION activity_report DROP TABLE activity_report.events_0_1_0;
DROP TABLE activity_report.events_0_1_0;

SELECT pg_catalog.pg_extension_config_dump('activity_report.events', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.events_local', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.events_default', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.events_event_id_seq', '');

CREATE TRIGGER events_classify BEFORE INSERT OR UPDATE OF vocabulary, occurred_at, user_id, category, action, label
    ON activity_report.events FOR EACH ROW EXECUTE FUNCTION activity_report_internal.events_classify();
COMMENT ON TRIGGER events_classify ON activity_report.events IS
  'Validates and classifies each inserted or updated event; activity_report.on_invalid decides what happens to invalid ones.';

ALTER TABLE activity_report.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY portal_isolation ON activity_report.events
    USING (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[]))
           OR '*' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])))
    WITH CHECK (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[]))
           OR '*' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])));
COMMENT ON POLICY portal_isolation ON activity_report.events IS 'Rows are visible to roles bound to their portal in activity_report.portal_access.';

-- Monthly partitions (design §8). The default partition takes every event whose month has no partition;
-- ensure_event_partitions makes the missing months of a range, and moves the default partition's rows of such
-- a month into it (in the caller's transaction: all or nothing). The functions run as the extension's owner
-- (only the owner of events may add partitions) and are granted to activity_report_writer
-- (src/sql/60_security.sql). Partitions they make are not extension members: pg_dump dumps them, definition
-- and rows, like user tables.

-- Only the extension's own tables are touched (the callers run as their owner): a schema activity_report
-- made by someone else after the extension's was renamed is not.
CREATE FUNCTION activity_report_internal.check_event_tables(caller text) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF (SELECT pg_catalog.count(*) FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension x ON x.oid OPERATOR(pg_catalog.=) d.refobjid
         WHERE x.extname OPERATOR(pg_catalog.=) 'activity_report' AND d.deptype OPERATOR(pg_catalog.=) 'e'
           AND d.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass)
           AND d.objid OPERATOR(pg_catalog.=) ANY (ARRAY[pg_catalog.to_regclass('activity_report.events'),
                                                         pg_catalog.to_regclass('activity_report.events_local'),
                                                         pg_catalog.to_regclass('activity_report.events_default')]::pg_catalog.oid[]))
       OPERATOR(pg_catalog.<>) 3 THEN
        RAISE EXCEPTION '%: activity_report.events, events_local or events_default is not the extension''s table', caller
            USING ERRCODE = '42809';
    END IF;
END
$$;
COMMENT ON FUNCTION activity_report_internal.check_event_tables(text) IS
  'Raises 42809 (naming the caller) unless activity_report.events, events_local and events_default are the extension''s own tables.';

-- The name of a month's partition (m: the month's first instant in UTC, as a timestamp): events_yYYYYmMM.
CREATE FUNCTION activity_report_internal.month_partition(m timestamp) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
RETURN 'events_' OPERATOR(pg_catalog.||) pg_catalog.to_char(m, '"y"YYYY"m"MM');
COMMENT ON FUNCTION activity_report_internal.month_partition(timestamp) IS
  'Name (in schema activity_report) of the partition of the UTC month that starts at m: events_yYYYYmMM.';

-- One month (m: its first instant in UTC, as a timestamp) that has no partition: its rows leave the default
-- partition for a new table (as they are: no trigger judges them again, event_id and loaded_at kept), which
-- becomes the month's partition, with its keys and indexes, or without them when `indexed` is false: then the
-- caller builds them after filling it (index_event_months), which is several times faster than maintaining
-- them row by row. The caller holds events' ACCESS EXCLUSIVE lock. Returns the partition's name.
CREATE FUNCTION activity_report_internal.make_event_month(m timestamp, indexed boolean) RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE STRICT
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC'
AS $$
DECLARE
    part text := activity_report_internal.month_partition(m);
    lo   timestamptz := m AT TIME ZONE 'UTC';
    hi   timestamptz := (m OPERATOR(pg_catalog.+) CAST('1 month' AS interval)) AT TIME ZONE 'UTC';
    clean date[];
BEGIN
    PERFORM activity_report_internal.create_event_table(part);
    -- Moving rows changes no event, so the days of the month that are rolled up and clean stay clean: the marks
    -- the move's DELETE and INSERT make on them (this transaction's, under a savepoint too) are taken back.
    SELECT pg_catalog.array_agg(s.day) INTO clean FROM activity_report.rollup_slices s
     WHERE s.day OPERATOR(pg_catalog.>=) CAST(m AS date) AND s.day OPERATOR(pg_catalog.<) CAST(m OPERATOR(pg_catalog.+) CAST('1 month' AS interval) AS date)
       AND NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day OPERATOR(pg_catalog.=) s.day);
    EXECUTE pg_catalog.format(
        'WITH moved AS (DELETE FROM activity_report.events_default d '
        '                WHERE d.occurred_at OPERATOR(pg_catalog.>=) $1 AND d.occurred_at OPERATOR(pg_catalog.<) $2 RETURNING d.*) '
        'INSERT INTO activity_report.%I SELECT * FROM moved', part) USING lo, hi;
    IF clean IS NOT NULL THEN
        DELETE FROM activity_report_internal.rollup_dirty r
         WHERE r.day OPERATOR(pg_catalog.=) ANY (clean) AND activity_report_internal.made_by_this_transaction(r.xmin);
        PERFORM activity_report_internal.forget_dirty_marks();  -- later inserts of this transaction mark again
    END IF;
    IF indexed THEN
        PERFORM activity_report_internal.index_event_partition(pg_catalog.format('activity_report.%I', part)::pg_catalog.regclass);
    ELSE
        INSERT INTO activity_report_internal.unindexed_event_months (part) VALUES (part);
    END IF;
    EXECUTE pg_catalog.format('ALTER TABLE activity_report.events_local ATTACH PARTITION activity_report.%I FOR VALUES FROM (%L) TO (%L)',
                              part, lo, hi);
    EXECUTE pg_catalog.format('COMMENT ON TABLE activity_report.%I IS %L', part,
        pg_catalog.format('Events of %s (UTC): a partition of activity_report.events_local. Read it through activity_report.events.',
                          pg_catalog.to_char(m, 'YYYY-MM')));
    RETURN part;
END
$$;
COMMENT ON FUNCTION activity_report_internal.make_event_month(timestamp, boolean) IS
  'Makes the partition of one UTC month (m: its first instant) of activity_report.events_local, moving the default partition''s rows of that month into it; with indexed = false it is left without its keys and indexes, recorded in activity_report_internal.unindexed_event_months for index_event_months. The caller holds the lock on events.';

-- Months made without their indexes, until index_event_months builds them: always empty when a transaction
-- commits (its deferred trigger refuses the commit otherwise), so a month never stays without its keys.
CREATE TABLE activity_report_internal.unindexed_event_months (part text PRIMARY KEY);
COMMENT ON TABLE activity_report_internal.unindexed_event_months IS
  'Partitions of activity_report.events_local made in the current transaction without their keys and indexes (activity_report_internal.open_event_months); empty at every commit.';
COMMENT ON COLUMN activity_report_internal.unindexed_event_months.part IS 'The partition''s name in schema activity_report.';

CREATE FUNCTION activity_report_internal.unindexed_month_left() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT FROM activity_report_internal.unindexed_event_months u WHERE u.part OPERATOR(pg_catalog.=) NEW.part) THEN
        RAISE EXCEPTION 'the partition activity_report.% of events would be committed without its keys and indexes', NEW.part
            USING ERRCODE = '55000',
                  HINT = 'Call activity_report_internal.index_event_months() after filling the months made by open_event_months, before the commit; this transaction is rolled back.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION activity_report_internal.unindexed_month_left() IS
  'Deferred constraint trigger of activity_report_internal.unindexed_event_months: refuses the commit of a transaction that made a month without its indexes and did not build them.';
CREATE CONSTRAINT TRIGGER unindexed_month_left AFTER INSERT ON activity_report_internal.unindexed_event_months
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION activity_report_internal.unindexed_month_left();
COMMENT ON TRIGGER unindexed_month_left ON activity_report_internal.unindexed_event_months IS
  'At commit: no partition of events made without its indexes is left so.';

-- month_of: the partition-month of a time, or NULL for a time no monthly partition takes (BC, year 10000 on,
-- ±infinity: those rows stay in events_default).
CREATE FUNCTION activity_report_internal.month_of(ts timestamptz) RETURNS timestamp
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN ts OPERATOR(pg_catalog.>=) CAST('0001-01-01 00:00:00+00' AS timestamptz)
             AND ts OPERATOR(pg_catalog.<) CAST('10000-01-01 00:00:00+00' AS timestamptz)
            THEN pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', ts)) END;
COMMENT ON FUNCTION activity_report_internal.month_of(timestamptz) IS
  'The first instant (UTC, as a timestamp) of the month whose partition holds an event at ts; NULL for times outside the years 1 to 9999 (the default partition''s).';

CREATE FUNCTION activity_report.ensure_event_partitions(from_ts timestamptz, to_ts timestamptz) RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC'
AS $$
DECLARE
    first_month timestamp;
    last_month  timestamp;
    m           timestamp;
    locked      boolean := false;
    created     integer := 0;
BEGIN
    IF from_ts IS NULL OR to_ts IS NULL OR to_ts OPERATOR(pg_catalog.<=) from_ts THEN
        RETURN 0;
    END IF;
    IF NOT pg_catalog.isfinite(from_ts) OR NOT pg_catalog.isfinite(to_ts)
       OR from_ts OPERATOR(pg_catalog.<) CAST('0001-01-01 00:00:00+00' AS timestamptz)
       OR to_ts OPERATOR(pg_catalog.>) CAST('10000-01-01 00:00:00+00' AS timestamptz) THEN
        RAISE EXCEPTION 'ensure_event_partitions: the range [%, %) is not within the years 1 to 9999', from_ts, to_ts
            USING ERRCODE = '22023', HINT = 'Events outside monthly partitions stay in activity_report.events_default.';
    END IF;
    PERFORM activity_report_internal.check_event_tables('ensure_event_partitions');
    first_month := pg_catalog.date_trunc('month', from_ts AT TIME ZONE 'UTC');
    last_month := pg_catalog.date_trunc('month', (to_ts OPERATOR(pg_catalog.-) CAST('1 microsecond' AS interval)) AT TIME ZONE 'UTC');
    IF pg_catalog.age(last_month, first_month) OPERATOR(pg_catalog.>=) CAST('100 years' AS interval) THEN
        RAISE EXCEPTION 'ensure_event_partitions: [%, %) spans more than 1200 months', from_ts, to_ts
            USING ERRCODE = '22023', HINT = 'Ask for the months that hold events.';
    END IF;
    m := first_month;
    WHILE m OPERATOR(pg_catalog.<=) last_month LOOP
        IF pg_catalog.to_regclass(pg_catalog.format('activity_report.%I', activity_report_internal.month_partition(m))) IS NULL THEN
            IF NOT locked THEN
                -- Adding a partition takes this lock anyway; taken first, no other lock is upgraded to it.
                -- Then look again: another session may have made the month meanwhile.
                LOCK TABLE activity_report.events IN ACCESS EXCLUSIVE MODE;
                locked := true;
                CONTINUE;
            END IF;
            PERFORM activity_report_internal.make_event_month(m, true);
            created := created OPERATOR(pg_catalog.+) 1;
        END IF;
        m := m OPERATOR(pg_catalog.+) CAST('1 month' AS interval);
    END LOOP;
    RETURN created;
END
$$;
COMMENT ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) IS
  'Makes the missing monthly partitions (UTC months, named activity_report.events_yYYYYmMM) of activity_report.events for the months that meet [from_ts, to_ts), moving the default partition''s rows of those months into them; returns the number of partitions made. Takes an ACCESS EXCLUSIVE lock on events only when a month is missing.';

-- A bulk load's months (activity-report load): the months of `months` (times, any number, duplicates and
-- times outside the years 1 to 9999 ignored) that have no partition are made without their indexes, to be
-- filled and then indexed by index_event_months in the same transaction. Holds events' ACCESS EXCLUSIVE lock
-- to the end of the transaction when it makes one.
CREATE FUNCTION activity_report_internal.open_event_months(months timestamptz[]) RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER STRICT
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC'
AS $$
DECLARE
    missing timestamp[];
    m       timestamp;
BEGIN
    PERFORM activity_report_internal.check_event_tables('open_event_months');
    FOR pass IN 1..2 LOOP
        missing := ARRAY(SELECT DISTINCT x.m FROM (SELECT activity_report_internal.month_of(t) AS m FROM pg_catalog.unnest(months) t) x
                          WHERE x.m IS NOT NULL
                            AND pg_catalog.to_regclass(pg_catalog.format('activity_report.%I', activity_report_internal.month_partition(x.m))) IS NULL
                          ORDER BY 1);
        IF pg_catalog.cardinality(missing) OPERATOR(pg_catalog.>) 1200 THEN
            RAISE EXCEPTION 'open_event_months: % months have no partition, more than 1200', pg_catalog.cardinality(missing)
                USING ERRCODE = '22023', HINT = 'Make the months with activity_report.ensure_event_partitions, or load without making them.';
        END IF;
        EXIT WHEN pg_catalog.cardinality(missing) OPERATOR(pg_catalog.=) 0 OR pass OPERATOR(pg_catalog.=) 2;
        -- As in ensure_event_partitions: the lock first, then look again.
        LOCK TABLE activity_report.events IN ACCESS EXCLUSIVE MODE;
    END LOOP;
    FOREACH m IN ARRAY missing LOOP
        PERFORM activity_report_internal.make_event_month(m, false);
    END LOOP;
    RETURN pg_catalog.cardinality(missing);
END
$$;
COMMENT ON FUNCTION activity_report_internal.open_event_months(timestamptz[]) IS
  'Makes the partitions of the months of the given times that have none, without their keys and indexes (index_event_months builds them before the commit; the commit fails otherwise); returns how many it made. Holds an ACCESS EXCLUSIVE lock on activity_report.events when it makes one.';

CREATE FUNCTION activity_report_internal.index_event_months() RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p text;
    n integer := 0;
BEGIN
    FOR p IN DELETE FROM activity_report_internal.unindexed_event_months RETURNING part LOOP
        PERFORM activity_report_internal.index_event_partition(pg_catalog.format('activity_report.%I', p)::pg_catalog.regclass);
        -- The month is new: without statistics the next plans over it (the load's own, a refresh's) guess.
        EXECUTE pg_catalog.format('ANALYZE activity_report.%I', p);
        n := n OPERATOR(pg_catalog.+) 1;
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION activity_report_internal.index_event_months() IS
  'Builds the keys and indexes of the months open_event_months made in this transaction, and their statistics; returns how many. A key the rows break (a source_ref twice in a month) fails it with 23505.';

GRANT SELECT ON activity_report.events, activity_report.events_default TO activity_report_reader;
GRANT INSERT, UPDATE, DELETE ON activity_report.events, activity_report.events_default TO activity_report_writer;
GRANT USAGE ON SEQUENCE activity_report.events_event_id_seq TO activity_report_writer;
GRANT EXECUTE ON FUNCTION activity_report_internal.index_event_partition(regclass) TO activity_report_reader;
REVOKE ALL ON TABLE activity_report.events_local, activity_report.events_default FROM PUBLIC, activity_report_reader, activity_report_writer;
REVOKE EXECUTE ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) FROM PUBLIC, activity_report_reader;
GRANT EXECUTE ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) TO activity_report_writer;
REVOKE EXECUTE ON FUNCTION activity_report_internal.index_event_partition(regclass) FROM PUBLIC, activity_report_reader;

-- Rollups (design §8): facts per day, refresh_rollups, rollup_status; the seed-003 and seed-004 reports
-- rewritten over the facts (src/sql/54_rollups.sql, the report files and 59_reports_daily.sql).


CREATE FUNCTION activity_report.presence_minutes(summary activity_report.presence_summary, clip_from timestamptz, clip_to timestamptz, open_closes boolean DEFAULT false) RETURNS double precision
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_presence_minutes';
COMMENT ON FUNCTION activity_report.presence_minutes(activity_report.presence_summary, timestamptz, timestamptz, boolean) IS 'Minutes of presence inside [clip_from, clip_to): the sum over the summary''s (user_id, content_id) streams of their presence intervals (sorted by time, a leave before a join at equal times, a join while present and a leave while absent ignored) clipped to the range. An interval still open at the end of its stream closes at clip_to when open_closes is true and clip_to is finite and later than the join; otherwise it counts nothing. The summarised closes_at, live_starts and live_ends are not used (the reports clip presence to a session''s live window and a time range with it, design §8). -infinity and infinity are allowed as bounds.';
-- a UTC day). The raw path computes the facts from events; the rollup path reads them from rollup_facts and
-- rollup_details, filled by refresh_rollups(). report_facts() gives a report the facts of every slice:
-- rolled-up ones where a slice is refreshed and clean (and activity_report.use_rollups is on), raw ones for
-- the rest, and raw ones for the two slices a range bound falls inside, split at the bound ("pieces"), so a
-- range inside a day still counts exactly its events.
-- What a fact bakes in (roles, reaction names, the content's ends_at) makes its slice dirty when it changes:
-- the statement triggers at the end of this file. What a report reads at query time (content windows,
-- types, durations, users, groups) needs no refresh.

-- The facts of one (slice, piece, portal, user, content): counts by role, the presence and watch summaries
-- and the reaction-score summaries. piece: -1 before the range, 0 in it, 1 after it (rolled-up rows: 0).
CREATE TYPE activity_report_internal.fact AS (
    day date, piece smallint, portal text, user_id text, content_id text, content_name text,
    events bigint, viewed bigint, played bigint, views bigint, reactions bigint, raised_hands bigint,
    chat_messages bigint, qa_threads bigint, downloads bigint,
    publications bigint, comments bigint,
    likes bigint, learned_something bigint, outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint,
    presence activity_report.presence_summary, watch_all activity_report.watch_summary,
    watch_after_end activity_report.watch_summary,
    score_all activity_report.reaction_summary, score_reactions activity_report.reaction_summary
);
COMMENT ON TYPE activity_report_internal.fact IS 'Facts of one slice (UTC day), piece of it, portal, user and content: the row type of rollup_facts and report_facts.';

-- Distinct things a report counts once however often they occur: polls answered ('poll': content and
-- question) and files downloaded ('file'), with the first download's label and content name.
CREATE TYPE activity_report_internal.fact_detail AS (
    day date, piece smallint, portal text, user_id text, content_id text, what text, detail text,
    first_at timestamptz, first_event_id bigint, first_label text, first_content_name text
);
COMMENT ON TYPE activity_report_internal.fact_detail IS 'Polls answered and files downloaded per slice, piece, portal, user and content: the row type of rollup_details and report_details.';

CREATE TABLE activity_report.rollup_facts OF activity_report_internal.fact;
ALTER TABLE activity_report.rollup_facts ALTER COLUMN day SET NOT NULL, ALTER COLUMN user_id SET NOT NULL;
CREATE INDEX rollup_facts_day_idx ON activity_report.rollup_facts (day);
CREATE INDEX rollup_facts_user_idx ON activity_report.rollup_facts (user_id, day);
CREATE INDEX rollup_facts_content_idx ON activity_report.rollup_facts (content_id, day);
COMMENT ON TABLE activity_report.rollup_facts IS
  'Rolled-up facts per day, portal, user and content (written by refresh_rollups): counts by role, presence, watch and reaction-score summaries. The reports read them for refreshed days; kept by pg_dump, so dropped raw months still answer.';
SELECT pg_catalog.pg_extension_config_dump('activity_report.rollup_facts', '');

CREATE TABLE activity_report.rollup_details OF activity_report_internal.fact_detail;
ALTER TABLE activity_report.rollup_details ALTER COLUMN day SET NOT NULL, ALTER COLUMN user_id SET NOT NULL;
CREATE INDEX rollup_details_day_idx ON activity_report.rollup_details (day);
CREATE INDEX rollup_details_user_idx ON activity_report.rollup_details (user_id, day);
COMMENT ON TABLE activity_report.rollup_details IS
  'Rolled-up polls answered and files downloaded per day, portal, user and content (written by refresh_rollups).';
SELECT pg_catalog.pg_extension_config_dump('activity_report.rollup_details', '');

CREATE TABLE activity_report.rollup_slices (
    day          date PRIMARY KEY,
    events       bigint NOT NULL,
    refreshed_at timestamptz NOT NULL,
    archived     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE activity_report.rollup_slices IS 'Days rolled up by refresh_rollups: the events they held and when; archived: its raw events were dropped (drop_events_before), so its rollups are all there is.';
SELECT pg_catalog.pg_extension_config_dump('activity_report.rollup_slices', '');
COMMENT ON COLUMN activity_report.rollup_facts.day IS 'The day (UTC) the facts are of.';
COMMENT ON COLUMN activity_report.rollup_facts.piece IS 'Always 0 here (report_facts cuts raw days into pieces at a ranges bounds).';
COMMENT ON COLUMN activity_report.rollup_facts.portal IS 'Tenant of the events.';
COMMENT ON COLUMN activity_report.rollup_facts.user_id IS 'Who.';
COMMENT ON COLUMN activity_report.rollup_facts.content_id IS 'Where (NULL: not on a content page).';
COMMENT ON COLUMN activity_report.rollup_facts.content_name IS 'Latest content name the events carry.';
COMMENT ON COLUMN activity_report.rollup_facts.events IS 'Events of the day.';
COMMENT ON COLUMN activity_report.rollup_facts.viewed IS 'Events with role view or join.';
COMMENT ON COLUMN activity_report.rollup_facts.played IS 'Events with role play or watch_progress.';
COMMENT ON COLUMN activity_report.rollup_facts.views IS 'Events with role view.';
COMMENT ON COLUMN activity_report.rollup_facts.reactions IS 'Events with role reaction.';
COMMENT ON COLUMN activity_report.rollup_facts.raised_hands IS 'Events with role raise_hand.';
COMMENT ON COLUMN activity_report.rollup_facts.chat_messages IS 'Events with role chat_message.';
COMMENT ON COLUMN activity_report.rollup_facts.qa_threads IS 'Events with role qa_thread.';
COMMENT ON COLUMN activity_report.rollup_facts.downloads IS 'Events with role attachment_download.';
COMMENT ON COLUMN activity_report.rollup_facts.publications IS 'Events with role publication.';
COMMENT ON COLUMN activity_report.rollup_facts.comments IS 'Events with role comment.';
COMMENT ON COLUMN activity_report.rollup_facts.likes IS 'Reactions naming Like.';
COMMENT ON COLUMN activity_report.rollup_facts.learned_something IS 'Reactions naming Learned something.';
COMMENT ON COLUMN activity_report.rollup_facts.outdated IS 'Reactions naming Outdated.';
COMMENT ON COLUMN activity_report.rollup_facts.have_a_question IS 'Reactions naming Have a question.';
COMMENT ON COLUMN activity_report.rollup_facts.useful IS 'Reactions naming Useful.';
COMMENT ON COLUMN activity_report.rollup_facts.irrelevant IS 'Reactions naming Irrelevant.';
COMMENT ON COLUMN activity_report.rollup_facts.presence IS 'presence_summary of the joins and leaves (no window: the reports clip it).';
COMMENT ON COLUMN activity_report.rollup_facts.watch_all IS 'watch_summary of the watch-progress events.';
COMMENT ON COLUMN activity_report.rollup_facts.watch_after_end IS 'watch_summary of the watch-progress events at or after the contents ends_at, live-session kinds excepted.';
COMMENT ON COLUMN activity_report.rollup_facts.score_all IS 'reaction_summary of the views and reactions.';
COMMENT ON COLUMN activity_report.rollup_facts.score_reactions IS 'reaction_summary of the reactions.';
COMMENT ON COLUMN activity_report.rollup_details.day IS 'The day (UTC).';
COMMENT ON COLUMN activity_report.rollup_details.piece IS 'Always 0 here.';
COMMENT ON COLUMN activity_report.rollup_details.portal IS 'Tenant of the events.';
COMMENT ON COLUMN activity_report.rollup_details.user_id IS 'Who.';
COMMENT ON COLUMN activity_report.rollup_details.content_id IS 'Where.';
COMMENT ON COLUMN activity_report.rollup_details.what IS 'poll (a poll answered) or file (a file downloaded).';
COMMENT ON COLUMN activity_report.rollup_details.detail IS 'The polls question, or the file (its label, or the content for a download without one).';
COMMENT ON COLUMN activity_report.rollup_details.first_at IS 'Time of the first such event of the day.';
COMMENT ON COLUMN activity_report.rollup_details.first_event_id IS 'Its event_id (ties of time).';
COMMENT ON COLUMN activity_report.rollup_details.first_label IS 'Its label.';
COMMENT ON COLUMN activity_report.rollup_details.first_content_name IS 'Its content name.';
COMMENT ON COLUMN activity_report.rollup_slices.day IS 'The day (UTC).';
COMMENT ON COLUMN activity_report.rollup_slices.events IS 'Events rolled up at the last refresh.';
COMMENT ON COLUMN activity_report.rollup_slices.refreshed_at IS 'When it was last rolled up.';
COMMENT ON COLUMN activity_report.rollup_slices.archived IS 'true once drop_events_before dropped its raw events.';

-- Days with changes since their last refresh: an append-only log (no key), so concurrent writers never wait
-- on each other; a refresh deletes the rows it has seen before it reads the day's events, and a row
-- committed meanwhile stays for the next refresh. Not dumped: restoring events writes it again.
CREATE TABLE activity_report_internal.rollup_dirty (day date NOT NULL);
CREATE INDEX rollup_dirty_day_idx ON activity_report_internal.rollup_dirty (day);
COMMENT ON TABLE activity_report_internal.rollup_dirty IS 'Days whose events (or what their facts bake in) changed since their last refresh; one row per change.';
COMMENT ON COLUMN activity_report_internal.rollup_dirty.day IS 'The day (UTC) that changed.';

CREATE FUNCTION activity_report_internal.day_start(day date) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT $1::timestamp AT TIME ZONE 'UTC' $$;
COMMENT ON FUNCTION activity_report_internal.day_start(date) IS 'Start of a slice: the day''s midnight UTC.';

CREATE FUNCTION activity_report_internal.day_of(at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT ($1 AT TIME ZONE 'UTC')::date $$;
COMMENT ON FUNCTION activity_report_internal.day_of(timestamptz) IS 'The slice (UTC day) of a time.';

CREATE FUNCTION activity_report_internal.days_until(at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN $1 = activity_report_internal.day_start(activity_report_internal.day_of($1))
                  THEN activity_report_internal.day_of($1) ELSE activity_report_internal.day_of($1) + 1 END $$;
COMMENT ON FUNCTION activity_report_internal.days_until(timestamptz) IS 'The first day (UTC) that starts at or after a time: the days before it begin before the time.';

-- The raw path: facts and details of the events in `ranges`, cut into pieces at [from_ts, to_ts). The one
-- definition of every fact, for refresh_rollups and for reports alike. Filters (NULL: none) keep the index
-- scans of a report on one user or a few contents.
CREATE FUNCTION activity_report_internal.raw_facts(ranges tstzmultirange, from_ts timestamptz, to_ts timestamptz,
                                                   user_ids text[] DEFAULT NULL, content_ids text[] DEFAULT NULL)
    RETURNS SETOF activity_report_internal.fact
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    cond text := activity_report_internal.raw_condition(ranges, user_ids, content_ids);
BEGIN
    IF cond IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
    SELECT (e.occurred_at AT TIME ZONE 'UTC')::date,  -- day_of, inlined (per event)
           (CASE WHEN e.occurred_at < $1 THEN -1 WHEN e.occurred_at >= $2 THEN 1 ELSE 0 END)::smallint,
           e.portal, e.user_id, e.content_id, max(e.content_name),
           count(*),
           count(*) FILTER (WHERE x.roles && '{view,join}'),
           count(*) FILTER (WHERE x.roles && '{play,watch_progress}'),
           count(*) FILTER (WHERE 'view' = ANY (x.roles)),
           count(*) FILTER (WHERE 'reaction' = ANY (x.roles)),
           count(*) FILTER (WHERE 'raise_hand' = ANY (x.roles)),
           count(*) FILTER (WHERE 'chat_message' = ANY (x.roles)),
           count(*) FILTER (WHERE 'qa_thread' = ANY (x.roles)),
           count(*) FILTER (WHERE 'attachment_download' = ANY (x.roles)),
           count(*) FILTER (WHERE 'publication' = ANY (x.roles)),
           count(*) FILTER (WHERE 'comment' = ANY (x.roles)),
           count(*) FILTER (WHERE x.reaction = 'like'),
           count(*) FILTER (WHERE x.reaction = 'learned something'),
           count(*) FILTER (WHERE x.reaction = 'outdated'),
           count(*) FILTER (WHERE x.reaction = 'have a question'),
           count(*) FILTER (WHERE x.reaction = 'useful'),
           count(*) FILTER (WHERE x.reaction = 'irrelevant'),
           -- a stream per viewer, content and portal: facts are per portal (row-level security), and summaries
           -- of one stream from two portals would overlap in time
           activity_report.minutes_viewed_summary(COALESCE(e.portal, '') || E'\x1f' || e.user_id, e.content_id, e.action, e.occurred_at)
               FILTER (WHERE e.content_id IS NOT NULL AND x.roles && '{join,leave}'),
           activity_report.watched_fraction_summary(e.category, e.action, e.label)
               FILTER (WHERE 'watch_progress' = ANY (x.roles)),
           activity_report.watched_fraction_summary(e.category, e.action, e.label)
               FILTER (WHERE 'watch_progress' = ANY (x.roles) AND e.occurred_at >= c.ends_at AND NOT x.live_watch),
           activity_report.reaction_score_summary(e.action, e.label) FILTER (WHERE x.roles && '{view,reaction}'),
           activity_report.reaction_score_summary(e.action, e.label) FILTER (WHERE 'reaction' = ANY (x.roles))
      FROM activity_report.events e
      LEFT JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id
      LEFT JOIN activity_report.contents c ON c.content_id = e.content_id
     CROSS JOIN LATERAL (SELECT COALESCE(k.roles, '{}') AS roles, COALESCE(k.live_watch, false) AS live_watch,
                                CASE WHEN 'reaction' = ANY (k.roles) THEN lower(activity_report.reaction_of(e.action, e.label)) END AS reaction) x
     WHERE $q$ || cond || $q$
     GROUP BY 1, 2, 3, 4, 5
    $q$ USING from_ts, to_ts, user_ids, content_ids;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.raw_facts(tstzmultirange, timestamptz, timestamptz, text[], text[]) IS
  'Facts computed from the events in the given time ranges (optionally of some users or contents), cut into pieces before, in and after [from_ts, to_ts): the raw path of the reports and what refresh_rollups stores.';

CREATE FUNCTION activity_report_internal.raw_details(ranges tstzmultirange, from_ts timestamptz, to_ts timestamptz,
                                                     user_ids text[] DEFAULT NULL, content_ids text[] DEFAULT NULL)
    RETURNS SETOF activity_report_internal.fact_detail
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    cond text := activity_report_internal.raw_condition(ranges, user_ids, content_ids);
BEGIN
    IF cond IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
    SELECT (e.occurred_at AT TIME ZONE 'UTC')::date,  -- day_of, inlined (per event)
           (CASE WHEN e.occurred_at < $1 THEN -1 WHEN e.occurred_at >= $2 THEN 1 ELSE 0 END)::smallint,
           e.portal, e.user_id, e.content_id, d.what, d.detail,
           min(e.occurred_at),
           (array_agg(e.event_id ORDER BY e.occurred_at, e.event_id))[1],
           (array_agg(e.label ORDER BY e.occurred_at, e.event_id))[1],
           (array_agg(e.content_name ORDER BY e.occurred_at, e.event_id))[1]
      FROM activity_report.events e
      JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id
     CROSS JOIN LATERAL (
           SELECT 'poll' AS what, COALESCE(e.details ->> 'question_name', e.category) AS detail WHERE 'poll_response' = ANY (k.roles)
           UNION ALL
           SELECT 'file', activity_report_internal.attachment_file(e.label, e.content_id) WHERE 'attachment_download' = ANY (k.roles)) d
     WHERE k.roles && '{poll_response,attachment_download}' AND $q$ || cond || $q$
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    $q$ USING from_ts, to_ts, user_ids, content_ids;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.raw_details(tstzmultirange, timestamptz, timestamptz, text[], text[]) IS
  'Polls answered and files downloaded, from the events in the given time ranges, cut into pieces at [from_ts, to_ts): the raw path of rollup_details.';

-- The WHERE clause of the raw path: the ranges as index-range conditions on occurred_at (constants, so the
-- planner scans each range), and the filters; NULL when the ranges are empty.
CREATE FUNCTION activity_report_internal.raw_condition(ranges tstzmultirange, user_ids text[], content_ids text[]) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE  -- the times are written as text in the session's DateStyle
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT '((' || string_agg(concat_ws(' AND ',
                   CASE WHEN NOT lower_inf(r) THEN format('e.occurred_at >= %L::timestamptz', lower(r)) END,
                   CASE WHEN NOT upper_inf(r) THEN format('e.occurred_at < %L::timestamptz', upper(r)) END,
                   CASE WHEN lower_inf(r) AND upper_inf(r) THEN 'true' END), ') OR (') || '))'
           || CASE WHEN $2 IS NOT NULL THEN ' AND e.user_id = ANY ($3)' ELSE '' END
           || CASE WHEN $3 IS NOT NULL THEN ' AND e.content_id = ANY ($4)' ELSE '' END
      FROM unnest($1) r
    HAVING count(*) > 0
$$;
COMMENT ON FUNCTION activity_report_internal.raw_condition(tstzmultirange, text[], text[]) IS
  'SQL condition selecting the events in the given time ranges (and of the given users and contents): the WHERE clause of the raw path.';

-- Days a report may read from the rollups for [from_ts, to_ts): refreshed, clean, and not cut by a bound
-- (those the raw path splits); none when activity_report.use_rollups is off. Archived days (raw events
-- dropped) always: they count whole where the range meets them.
CREATE FUNCTION activity_report_internal.rolled_days(from_ts timestamptz, to_ts timestamptz) RETURNS date[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE(array_agg(s.day ORDER BY s.day), '{}')
      FROM activity_report.rollup_slices s
     WHERE s.archived
        OR (COALESCE(current_setting('activity_report.use_rollups', true), 'on')::boolean
            AND NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty d WHERE d.day = s.day)
            AND NOT ($1 > (s.day::timestamp AT TIME ZONE 'UTC') AND $1 < ((s.day + 1)::timestamp AT TIME ZONE 'UTC'))
            AND NOT ($2 > (s.day::timestamp AT TIME ZONE 'UTC') AND $2 < ((s.day + 1)::timestamp AT TIME ZONE 'UTC')))
$$;
COMMENT ON FUNCTION activity_report_internal.rolled_days(timestamptz, timestamptz) IS
  'The days a report over [from_ts, to_ts) reads from the rollups: refreshed, with no change since, and not cut by a bound of the range; none when activity_report.use_rollups is off.';

-- Every fact a report over [from_ts, to_ts) needs: all slices when with_outside (presence is computed from
-- all of a stream's events), else only those that meet the range.
CREATE FUNCTION activity_report_internal.report_facts(from_ts timestamptz, to_ts timestamptz, with_outside boolean,
                                                      user_ids text[] DEFAULT NULL, content_ids text[] DEFAULT NULL)
    RETURNS SETOF activity_report_internal.fact
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    rolled date[] := activity_report_internal.rolled_days(from_ts, to_ts);
    wanted tstzmultirange := CASE WHEN with_outside THEN '{(,)}'::tstzmultirange ELSE tstzmultirange(tstzrange(from_ts, to_ts)) END;
BEGIN
    RETURN QUERY EXECUTE
        -- pieces by comparing days (a per-row time zone conversion costs more than the scan): a rolled-up
        -- day is never cut by a bound, so it lies before the range when it precedes from_ts's day, after it
        -- from the first day that starts at or after to_ts
        'SELECT f.day, (CASE WHEN f.day < $6 THEN -1 WHEN f.day >= $7 THEN 1 ELSE 0 END)::smallint,
                f.portal, f.user_id, f.content_id, f.content_name, f.events, f.viewed, f.played, f.views, f.reactions,
                f.raised_hands, f.chat_messages, f.qa_threads, f.downloads, f.publications, f.comments, f.likes,
                f.learned_something, f.outdated, f.have_a_question, f.useful, f.irrelevant, f.presence, f.watch_all,
                f.watch_after_end, f.score_all, f.score_reactions
           FROM activity_report.rollup_facts f
          WHERE f.day = ANY ($3)'
        || CASE WHEN with_outside THEN '' ELSE ' AND f.day >= $6 AND f.day < $7' END
        || CASE WHEN user_ids IS NOT NULL THEN ' AND f.user_id = ANY ($4)' ELSE '' END
        || CASE WHEN content_ids IS NOT NULL THEN ' AND f.content_id = ANY ($5)' ELSE '' END
        USING from_ts, to_ts, rolled, user_ids, content_ids, activity_report_internal.day_of(from_ts),
              activity_report_internal.days_until(to_ts);
    RETURN QUERY
        SELECT * FROM activity_report_internal.raw_facts(wanted - activity_report_internal.day_ranges(rolled),
                                                         from_ts, to_ts, user_ids, content_ids);
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.report_facts(timestamptz, timestamptz, boolean, text[], text[]) IS
  'The facts a report over [from_ts, to_ts) reads: from rollup_facts for refreshed clean days, from the events for the rest (design §8); with_outside adds the slices outside the range (for presence).';

CREATE FUNCTION activity_report_internal.report_details(from_ts timestamptz, to_ts timestamptz,
                                                        user_ids text[] DEFAULT NULL, content_ids text[] DEFAULT NULL)
    RETURNS SETOF activity_report_internal.fact_detail
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    rolled date[] := activity_report_internal.rolled_days(from_ts, to_ts);
BEGIN
    RETURN QUERY EXECUTE
        'SELECT f.day, 0::smallint, f.portal, f.user_id, f.content_id, f.what, f.detail, f.first_at, f.first_event_id,
                f.first_label, f.first_content_name
           FROM activity_report.rollup_details f
          WHERE f.day = ANY ($3) AND f.day >= $6 AND f.day < $7'
        || CASE WHEN user_ids IS NOT NULL THEN ' AND f.user_id = ANY ($4)' ELSE '' END
        || CASE WHEN content_ids IS NOT NULL THEN ' AND f.content_id = ANY ($5)' ELSE '' END
        USING from_ts, to_ts, rolled, user_ids, content_ids, activity_report_internal.day_of(from_ts),
              activity_report_internal.days_until(to_ts);
    RETURN QUERY
        SELECT * FROM activity_report_internal.raw_details(
            tstzmultirange(tstzrange(from_ts, to_ts)) - activity_report_internal.day_ranges(rolled),
            from_ts, to_ts, user_ids, content_ids) d
         WHERE d.piece = 0;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.report_details(timestamptz, timestamptz, text[], text[]) IS
  'Polls answered and files downloaded in [from_ts, to_ts): from rollup_details for refreshed clean days, from the events for the rest.';

CREATE FUNCTION activity_report_internal.day_ranges(days date[]) RETURNS tstzmultirange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE(range_agg(tstzrange(activity_report_internal.day_start(d), activity_report_internal.day_start(d + 1))),
                    '{}'::tstzmultirange)
      FROM unnest($1) d
$$;
COMMENT ON FUNCTION activity_report_internal.day_ranges(date[]) IS 'The time covered by some days (UTC), as one multirange.';

-- Refresh: one at a time (a transaction-scoped advisory lock: a second refresh waits, then finds nothing
-- left), one day per step so memory is bounded by a day's events. Runs as the extension's owner, so a
-- portal-bound writer rolls up every portal's events (reports still filter the facts by portal).
CREATE FUNCTION activity_report.refresh_rollups(upto timestamptz DEFAULT now(), all_time boolean DEFAULT true) RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    d date;
    n bigint := 0;
    whole tstzmultirange;
BEGIN
    IF upto IS NULL THEN
        RAISE EXCEPTION 'refresh_rollups: upto must not be NULL'
            USING ERRCODE = '22004', HINT = 'Pass a time, or omit it to roll up every day that has ended (now()).';
    END IF;
    PERFORM pg_advisory_xact_lock(1096184900, 1);  -- 'ARRD': the rollup refresh
    -- an archived day keeps its rollups: its raw events are gone (events that arrive for it later are kept
    -- in events, and its dirty mark stays, until it is dropped again)
    FOR d IN SELECT DISTINCT r.day FROM activity_report_internal.rollup_dirty r
              WHERE activity_report_internal.day_start(r.day + 1) <= upto
                AND NOT EXISTS (SELECT FROM activity_report.rollup_slices s WHERE s.day = r.day AND s.archived)
              ORDER BY 1 LOOP
        DELETE FROM activity_report_internal.rollup_dirty r WHERE r.day = d;
        DELETE FROM activity_report.rollup_facts f WHERE f.day = d;
        DELETE FROM activity_report.rollup_details f WHERE f.day = d;
        whole := tstzmultirange(tstzrange(activity_report_internal.day_start(d), activity_report_internal.day_start(d + 1)));
        INSERT INTO activity_report.rollup_facts SELECT * FROM activity_report_internal.raw_facts(whole, '-infinity', 'infinity');
        INSERT INTO activity_report.rollup_details SELECT * FROM activity_report_internal.raw_details(whole, '-infinity', 'infinity');
        INSERT INTO activity_report.rollup_slices AS s (day, events, refreshed_at)
             SELECT d, COALESCE(sum(f.events), 0), clock_timestamp() FROM activity_report.rollup_facts f WHERE f.day = d
        ON CONFLICT (day) DO UPDATE SET events = excluded.events, refreshed_at = excluded.refreshed_at;
        n := n + 1;
        PERFORM pg_catalog.pg_sleep(0);  -- an interrupt point between days
    END LOOP;
    RETURN n;
END
$fn$;
REVOKE ALL ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) FROM PUBLIC;
COMMENT ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) IS
  'Rolls up every day (UTC) that ends at or before upto and changed since its last refresh (new, late, updated or deleted events, or a taxonomy change); returns the number of days written. Incremental, idempotent, one at a time (a concurrent call waits, then does what is left). Schedule it with pg_cron.';

CREATE VIEW activity_report.rollup_status WITH (security_invoker = true) AS
SELECT d.day AS slice, s.events, s.refreshed_at,
       (s.day IS NULL OR EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = d.day)) AS dirty
  FROM (SELECT s.day FROM activity_report.rollup_slices s UNION SELECT r.day FROM activity_report_internal.rollup_dirty r) d
  LEFT JOIN activity_report.rollup_slices s ON s.day = d.day;
COMMENT ON VIEW activity_report.rollup_status IS 'Per day (UTC): the events rolled up, when, and whether it changed since (dirty: the reports read its raw events until the next refresh_rollups).';
COMMENT ON COLUMN activity_report.rollup_status.slice IS 'The day (UTC).';
COMMENT ON COLUMN activity_report.rollup_status.events IS 'Events of the day at its last refresh; NULL if never refreshed.';
COMMENT ON COLUMN activity_report.rollup_status.refreshed_at IS 'When it was last rolled up.';
COMMENT ON COLUMN activity_report.rollup_status.dirty IS 'true when the day changed since (or was never rolled up).';

-- What makes a day dirty. SECURITY DEFINER: any writer of events marks days, and nobody else writes the log.
CREATE FUNCTION activity_report_internal.events_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO activity_report_internal.rollup_dirty SELECT s.day FROM activity_report.rollup_slices s;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO activity_report_internal.rollup_dirty
             SELECT DISTINCT (n.occurred_at AT TIME ZONE 'UTC')::date FROM new_rows n;  -- day_of, inlined
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO activity_report_internal.rollup_dirty
             SELECT DISTINCT (o.occurred_at AT TIME ZONE 'UTC')::date FROM old_rows o;  -- day_of, inlined
    ELSE
        INSERT INTO activity_report_internal.rollup_dirty
             SELECT (n.occurred_at AT TIME ZONE 'UTC')::date FROM new_rows n  -- day_of, inlined
              UNION SELECT (o.occurred_at AT TIME ZONE 'UTC')::date FROM old_rows o;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.events_changed() IS 'Statement trigger of events: marks the days of the inserted, updated or deleted rows dirty for refresh_rollups.';
CREATE TRIGGER events_rollup_insert AFTER INSERT ON activity_report.events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.events_changed();
CREATE TRIGGER events_rollup_update AFTER UPDATE ON activity_report.events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.events_changed();
CREATE TRIGGER events_rollup_delete AFTER DELETE ON activity_report.events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.events_changed();
CREATE TRIGGER events_rollup_truncate AFTER TRUNCATE ON activity_report.events
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.events_changed();
COMMENT ON TRIGGER events_rollup_insert ON activity_report.events IS 'New events make their days dirty (late events too).';
COMMENT ON TRIGGER events_rollup_update ON activity_report.events IS 'Updated events make their old and new days dirty.';
COMMENT ON TRIGGER events_rollup_delete ON activity_report.events IS 'Deleted events make their days dirty.';
COMMENT ON TRIGGER events_rollup_truncate ON activity_report.events IS 'Truncating events makes every rolled-up day dirty.';

-- Facts bake in roles, reaction names and the live-watch flag (taxonomy), so a taxonomy change makes every
-- rolled-up day dirty; a content whose ends_at changes makes the days of its facts dirty (recording minutes
-- count watch progress after it).
CREATE FUNCTION activity_report_internal.taxonomy_changed_rollups() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    INSERT INTO activity_report_internal.rollup_dirty
         SELECT s.day FROM activity_report.rollup_slices s
          WHERE NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = s.day);
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.taxonomy_changed_rollups() IS 'Statement trigger of the taxonomy tables: marks every rolled-up day dirty (facts bake in roles and reaction names).';
CREATE TRIGGER taxonomy_changed_rollups AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.activity_kinds
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.taxonomy_changed_rollups();
CREATE TRIGGER taxonomy_changed_rollups AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.reaction_types
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.taxonomy_changed_rollups();
CREATE TRIGGER taxonomy_changed_rollups AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.vocabularies
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.taxonomy_changed_rollups();
COMMENT ON TRIGGER taxonomy_changed_rollups ON activity_report.activity_kinds IS 'A kind change makes every rolled-up day dirty.';
COMMENT ON TRIGGER taxonomy_changed_rollups ON activity_report.reaction_types IS 'A reaction type change makes every rolled-up day dirty.';
COMMENT ON TRIGGER taxonomy_changed_rollups ON activity_report.vocabularies IS 'A vocabulary change makes every rolled-up day dirty.';

CREATE FUNCTION activity_report_internal.contents_changed_rollups() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- the days of the watch progress of contents whose ends_at is new, changed or gone (a statement sees only
    -- the transition tables of its own operation)
    IF TG_OP = 'INSERT' THEN
        INSERT INTO activity_report_internal.rollup_dirty
             SELECT DISTINCT f.day FROM new_rows n JOIN activity_report.rollup_facts f ON f.content_id = n.content_id
              WHERE n.ends_at IS NOT NULL AND f.watch_all IS NOT NULL;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO activity_report_internal.rollup_dirty
             SELECT DISTINCT f.day FROM old_rows o JOIN activity_report.rollup_facts f ON f.content_id = o.content_id
              WHERE o.ends_at IS NOT NULL AND f.watch_all IS NOT NULL;
    ELSE
        INSERT INTO activity_report_internal.rollup_dirty
             SELECT DISTINCT f.day
               FROM (SELECT o.content_id FROM old_rows o FULL JOIN new_rows n USING (content_id)
                      WHERE o.ends_at IS DISTINCT FROM n.ends_at) c
               JOIN activity_report.rollup_facts f ON f.content_id = c.content_id
              WHERE f.watch_all IS NOT NULL;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.contents_changed_rollups() IS 'Statement trigger of contents: a content whose ends_at is new, changed or gone makes the rolled-up days of its watch progress dirty.';
CREATE TRIGGER contents_rollup_update AFTER UPDATE ON activity_report.contents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.contents_changed_rollups();
CREATE TRIGGER contents_rollup_insert AFTER INSERT ON activity_report.contents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.contents_changed_rollups();
CREATE TRIGGER contents_rollup_delete AFTER DELETE ON activity_report.contents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.contents_changed_rollups();
COMMENT ON TRIGGER contents_rollup_update ON activity_report.contents IS 'A changed ends_at makes the rolled-up days of the content''s watch progress dirty.';
COMMENT ON TRIGGER contents_rollup_insert ON activity_report.contents IS 'A new content with an ends_at makes the rolled-up days of its watch progress dirty.';
COMMENT ON TRIGGER contents_rollup_delete ON activity_report.contents IS 'A deleted content with an ends_at makes the rolled-up days of its watch progress dirty.';

-- The building blocks take the event-time range [from_ts, to_ts); the views call them over all time, the
-- report functions with the caller's range (design §6).

-- Per user, the publications, comments and reactions in [from_ts, to_ts) (users of user_ids; NULL: all).
CREATE FUNCTION activity_report_internal.user_collab_totals(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                             per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN $4 THEN f.day END, f.user_id, sum(f.publications)::bigint, sum(f.comments)::bigint, sum(f.reactions)::bigint
      FROM activity_report_internal.report_facts($2, $3, false, $1) f
     WHERE f.piece = 0
     GROUP BY 1, f.user_id
$$;
COMMENT ON FUNCTION activity_report_internal.user_collab_totals(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user), and per UTC day when per_day, publications, comments and reactions in [from_ts, to_ts), from the facts of report_facts.';

-- Per member of the groups (of group_ids; NULL: every group), with the member's role in the group.
CREATE FUNCTION activity_report_internal.member_rows(group_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                     per_day boolean DEFAULT false)
    RETURNS TABLE (day date, group_id text, first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint, user_id text, role text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH m AS (SELECT g.group_id, g.user_id, g.role FROM activity_report.group_members g
                WHERE $1 IS NULL OR g.group_id = ANY ($1)),
    t AS (SELECT * FROM activity_report_internal.user_collab_totals(
              CASE WHEN $1 IS NOT NULL THEN ARRAY(SELECT DISTINCT m.user_id FROM m) END, $2, $3, $4))
    -- per day: the members with events that day
    SELECT t.day, m.group_id, u.first_name, u.last_name, u.email, u.additional_information,
           COALESCE(t.publications, 0), COALESCE(t.comments, 0), COALESCE(t.reactions, 0), m.user_id, m.role
      FROM m
      LEFT JOIN activity_report.users u ON u.user_id = m.user_id
      LEFT JOIN t ON t.user_id = m.user_id
     WHERE NOT $4 OR t.user_id IS NOT NULL
$$;
COMMENT ON FUNCTION activity_report_internal.member_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per member of the groups (of group_ids; NULL: every group), and per UTC day with events when per_day, with the member''s role in it: publications, comments and reactions in [from_ts, to_ts). Building block of the seed-004 group reports and views.';

CREATE OR REPLACE FUNCTION activity_report_internal.group_member_activity(group_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint, user_id text, role text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments, a.reactions,
           a.user_id, a.role
      FROM activity_report_internal.member_rows(ARRAY[$1], $2, $3) a
$$;
COMMENT ON FUNCTION activity_report_internal.group_member_activity(text, timestamptz, timestamptz) IS
  'Per member of a group, with the member''s role in it: publications, comments and reactions in [from_ts, to_ts). Building block of the seed-004 group reports.';


-- Per activity of the courses (of course_ids; NULL: every content with a parent): the seed-004 counts.
CREATE FUNCTION activity_report_internal.activity_rows(course_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                       per_day boolean DEFAULT false)
    RETURNS TABLE (day date, course_id text, title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text, activity_id text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH a AS (SELECT c.parent_id, c.content_id, c.name, c.content_type FROM activity_report.contents c
                WHERE c.parent_id IS NOT NULL AND ($1 IS NULL OR c.parent_id = ANY ($1))),
    f AS (SELECT CASE WHEN $4 THEN f.day END AS day, f.content_id, sum(f.views) AS views, sum(f.likes) AS likes, sum(f.learned_something) AS learned_something,
                 sum(f.outdated) AS outdated, sum(f.have_a_question) AS have_a_question, sum(f.comments) AS comments,
                 sum(f.downloads) FILTER (WHERE activity_report_internal.is_learner(du.role)) AS downloads
            FROM activity_report_internal.report_facts($2, $3, false, NULL,
                     CASE WHEN $1 IS NOT NULL THEN ARRAY(SELECT a.content_id FROM a) END) f
            LEFT JOIN activity_report.users du ON du.user_id = f.user_id
           WHERE f.piece = 0
           GROUP BY 1, f.content_id)
    -- per day: the activities with events that day
    SELECT f.day, a.parent_id, a.name, COALESCE(f.views, 0)::bigint, COALESCE(f.likes, 0)::bigint, COALESCE(f.learned_something, 0)::bigint,
           COALESCE(f.outdated, 0)::bigint, COALESCE(f.have_a_question, 0)::bigint, COALESCE(f.comments, 0)::bigint,
           CASE WHEN activity_report_internal.activity_type_key(a.content_type) IN ('document', 'cheatsheet')
                THEN COALESCE(f.downloads, 0) ELSE 0 END::bigint,
           a.content_type, a.content_id
      FROM a LEFT JOIN f ON f.content_id = a.content_id
     WHERE NOT $4 OR f.content_id IS NOT NULL
$$;
COMMENT ON FUNCTION activity_report_internal.activity_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per activity (child content) of the courses (of course_ids; NULL: every parent), and per UTC day with events when per_day: views, reactions by kind, comments and learner downloads in [from_ts, to_ts). Building block of course_activity_engagement and its view.';

CREATE OR REPLACE FUNCTION activity_report_internal.course_activity_rows(course_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text, activity_id text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question, a.comments, a.downloads,
           a.type, a.activity_id
      FROM activity_report_internal.activity_rows(ARRAY[$1], $2, $3) a
$$;
COMMENT ON FUNCTION activity_report_internal.course_activity_rows(text, timestamptz, timestamptz) IS
  'Per activity of a course (its child contents): views, reactions by kind, comments and learner downloads in [from_ts, to_ts). Building block of course_activity_engagement.';

CREATE OR REPLACE VIEW activity_report.collaborative_users_v WITH (security_invoker = true) AS
SELECT g.group_id, a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments, a.reactions,
       a.user_id, a.role
  FROM activity_report.groups g
  JOIN activity_report_internal.member_rows(NULL, '-infinity', 'infinity') a ON a.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_users_v IS 'Collaborative activity of the users of every group (seed 004, Users tab): publications, comments and reactions per member.';
COMMENT ON COLUMN activity_report.collaborative_users_v.group_id IS 'Group.';
COMMENT ON COLUMN activity_report.collaborative_users_v.first_name IS 'First name of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.last_name IS 'Last name of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.email IS 'Email of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.additional_information IS 'The user''s Additional information field.';
COMMENT ON COLUMN activity_report.collaborative_users_v.publications IS 'Posts in Messages (role publication); replies are not counted.';
COMMENT ON COLUMN activity_report.collaborative_users_v.comments IS 'Forum posts and replies, replies in Messages, comments (role comment).';
COMMENT ON COLUMN activity_report.collaborative_users_v.reactions IS 'Reactions in activities and likes on posts (role reaction).';
COMMENT ON COLUMN activity_report.collaborative_users_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.collaborative_users_v.role IS 'Role of the user in the group.';

-- Per group, the totals of the members whose role in it is learner (seed 004), in [from_ts, to_ts).
CREATE FUNCTION activity_report_internal.group_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false,
                                                      group_ids text[] DEFAULT NULL)
    RETURNS TABLE (day date, group_id text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.day, a.group_id, sum(a.publications)::bigint, sum(a.comments)::bigint, sum(a.reactions)::bigint
      FROM activity_report_internal.member_rows($4, $1, $2, $3) a
     WHERE lower(a.role) = 'learner'
     GROUP BY a.day, a.group_id
$$;
COMMENT ON FUNCTION activity_report_internal.group_totals(timestamptz, timestamptz, boolean, text[]) IS
  'Per group (of group_ids; NULL: every group), and per UTC day when per_day, publications, comments and reactions in [from_ts, to_ts) of the members whose role in the group is learner: the body of collaborative_groups and its view.';

CREATE OR REPLACE VIEW activity_report.collaborative_groups WITH (security_invoker = true) AS
SELECT g.name, t.publications, t.comments, t.reactions, g.group_id
  FROM activity_report.groups g
  LEFT JOIN LATERAL (
       SELECT COALESCE(sum(a.publications), 0)::bigint AS publications, COALESCE(sum(a.comments), 0)::bigint AS comments,
              COALESCE(sum(a.reactions), 0)::bigint AS reactions
         FROM activity_report_internal.group_totals('-infinity', 'infinity') a WHERE a.group_id = g.group_id) t ON true;
COMMENT ON VIEW activity_report.collaborative_groups IS 'Collaborative activity of several groups (seed 004, Groups tab): totals of the members whose role in the group is learner.';
COMMENT ON COLUMN activity_report.collaborative_groups.name IS 'Name of the group.';
COMMENT ON COLUMN activity_report.collaborative_groups.publications IS 'Publications of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.comments IS 'Comments of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.reactions IS 'Reactions of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.group_id IS 'Group ID.';

CREATE OR REPLACE FUNCTION activity_report.collaborative_groups(from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT g.name, COALESCE(t.publications, 0), COALESCE(t.comments, 0), COALESCE(t.reactions, 0)
      FROM activity_report.groups g
     LEFT JOIN activity_report_internal.group_totals(COALESCE($1, '-infinity'), COALESCE($2, 'infinity')) t ON t.group_id = g.group_id
     ORDER BY g.name, g.group_id
$$;
COMMENT ON FUNCTION activity_report.collaborative_groups(timestamptz, timestamptz) IS
  'Collaborative activity of several groups (seed 004): one row per group, totals in [from_ts, to_ts) over the members with the learner role.';

CREATE OR REPLACE VIEW activity_report.course_activity_engagement_v WITH (security_invoker = true) AS
SELECT a.course_id, a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question,
       a.comments, a.downloads, a.type, a.activity_id
  FROM activity_report_internal.activity_rows(NULL, '-infinity', 'infinity') a;
COMMENT ON VIEW activity_report.course_activity_engagement_v IS 'Engagement by activity of every course (seed 004): views (starts), reactions by kind, comments and downloads per activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.course_id IS 'Course of the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.title IS 'Title of the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.views IS 'Times the activity was started (each attempt counts).';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.likes IS 'Like reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.learned_something IS 'Learned something reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.outdated IS 'Outdated reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.have_a_question IS 'Have a question reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.comments IS 'Public comments published in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.downloads IS 'Times the activity was downloaded by a learner (users.role not admin, editor or contributor); documents and cheat sheets only.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.type IS 'Type of activity (Cheat Sheet, Question, Document).';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.activity_id IS 'Activity content ID.';

-- Per course: views (starts of the course itself), reaction score (the course's own events, whose starts
-- are the views, and the reactions on its activities) and reactions by kind on its activities.
CREATE FUNCTION activity_report_internal.course_event_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false,
                                                             course_ids text[] DEFAULT NULL)
    RETURNS TABLE (day date, course_id text, views bigint, score double precision, likes bigint, learned_something bigint,
                   outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH courses AS (SELECT c.content_id FROM activity_report.contents c
                      WHERE lower(c.content_type) = 'course' AND ($4 IS NULL OR c.content_id = ANY ($4))),
    per_content AS (
        SELECT CASE WHEN $3 THEN f.day END AS day, f.content_id, sum(f.views) AS views, activity_report.rollup(f.score_all) AS score_all,
               activity_report.rollup(f.score_reactions) AS score_reactions,
               sum(f.likes) AS likes, sum(f.learned_something) AS learned_something, sum(f.outdated) AS outdated,
               sum(f.have_a_question) AS have_a_question, sum(f.useful) AS useful, sum(f.irrelevant) AS irrelevant
          FROM activity_report_internal.report_facts($1, $2, false, NULL,
                   -- given courses: their own facts and their activities'
                   CASE WHEN $4 IS NOT NULL THEN ARRAY(SELECT c.content_id FROM courses c UNION ALL
                                                       SELECT a.content_id FROM activity_report.contents a
                                                        WHERE a.parent_id IN (SELECT c.content_id FROM courses c)) END) f
         WHERE f.piece = 0 AND f.content_id IS NOT NULL
         GROUP BY 1, f.content_id),
    parts AS (  -- the course itself (own = true) and its activities
        SELECT c.content_id AS course_id, true AS own, p.* FROM courses c JOIN per_content p ON p.content_id = c.content_id
        UNION ALL
        SELECT c.content_id, false, p.* FROM courses c
          JOIN activity_report.contents a ON a.parent_id = c.content_id
          JOIN per_content p ON p.content_id = a.content_id)
    SELECT parts.day, parts.course_id,
           COALESCE(sum(parts.views) FILTER (WHERE parts.own), 0)::bigint,
           activity_report.reaction_score(activity_report.rollup(CASE WHEN parts.own THEN parts.score_all ELSE parts.score_reactions END)),
           COALESCE(sum(parts.likes) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.learned_something) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.outdated) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.have_a_question) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.useful) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.irrelevant) FILTER (WHERE NOT parts.own), 0)::bigint
      FROM parts
     GROUP BY parts.day, parts.course_id
$$;
COMMENT ON FUNCTION activity_report_internal.course_event_totals(timestamptz, timestamptz, boolean, text[]) IS
  'Per course (content of type course; of course_ids, NULL: every course) with events in [from_ts, to_ts), and per UTC day when per_day: views, reaction score and reactions by kind on its activities, from the facts of report_facts. Building block of collaborative_courses.';

CREATE OR REPLACE FUNCTION activity_report.collaborative_courses(from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (course_name text, course_id text, author text, co_authors text, views bigint, status text,
                   creation_date timestamptz, last_update timestamptz, reaction_score integer, likes bigint,
                   learned_something bigint, outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint,
                   documents bigint, cheat_sheets bigint, questions bigint, source_language text,
                   available_translation_languages text, unavailable_translation_languages text, tags text, "group" text,
                   reaction_band text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT q.*, activity_report.reaction_band(q.reaction_score) FROM (
    SELECT c.name AS course_name, c.content_id AS course_id, au.display_name AS author,
           (SELECT COALESCE(string_agg(p.display_name, '|' ORDER BY x.n), '')
              FROM unnest(c.co_authors) WITH ORDINALITY x(who, n)
              CROSS JOIN LATERAL activity_report_internal.resolve_person(x.who) p) AS co_authors,
           COALESCE(x.views, 0) AS views,
           c.status, c.created_at AS creation_date,
           GREATEST(c.updated_at, (SELECT max(a.updated_at) FROM activity_report.contents a WHERE a.parent_id = c.content_id)) AS last_update,
           round(x.score::numeric)::integer AS reaction_score,
           COALESCE(x.likes, 0) AS likes, COALESCE(x.learned_something, 0) AS learned_something,
           COALESCE(x.outdated, 0) AS outdated, COALESCE(x.have_a_question, 0) AS have_a_question,
           COALESCE(x.useful, 0) AS useful, COALESCE(x.irrelevant, 0) AS irrelevant,
           COALESCE(k.documents, 0) AS documents, COALESCE(k.cheat_sheets, 0) AS cheat_sheets,
           COALESCE(k.questions, 0) AS questions,
           c.source_language,
           array_to_string(c.available_languages, '|') AS available_translation_languages,
           array_to_string(c.unavailable_languages, '|') AS unavailable_translation_languages,
           array_to_string(COALESCE(c.tags, '{}') || ARRAY(
               SELECT DISTINCT t FROM activity_report.contents a, unnest(a.tags) t
                WHERE a.parent_id = c.content_id AND t <> ALL (COALESCE(c.tags, '{}')) ORDER BY t), '|') AS tags,
           COALESCE(activity_report_internal.lowest_group(au.user_id), g.name) AS "group"
      FROM activity_report.contents c
      LEFT JOIN LATERAL activity_report_internal.resolve_person(c.author) au ON true
      LEFT JOIN activity_report.groups g ON g.group_id = c.group_id
      LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE kt = 'document') AS documents,
                  count(*) FILTER (WHERE kt = 'cheatsheet') AS cheat_sheets,
                  count(*) FILTER (WHERE kt = 'question') AS questions
             FROM activity_report.contents a, activity_report_internal.activity_type_key(a.content_type) kt
            WHERE a.parent_id = c.content_id) k ON true
      LEFT JOIN activity_report_internal.course_event_totals(COALESCE($1, '-infinity'), COALESCE($2, 'infinity')) x
             ON x.course_id = c.content_id
     WHERE lower(c.content_type) = 'course') q
     ORDER BY q.course_name, q.course_id
$$;
COMMENT ON FUNCTION activity_report.collaborative_courses(timestamptz, timestamptz) IS
  'Collaborative activity of several courses (seed 004): one row per course, with views, reaction score (and its band) and reactions by kind from events in [from_ts, to_ts), activity counts and languages.';

CREATE OR REPLACE VIEW activity_report.collaborative_courses WITH (security_invoker = true) AS
SELECT * FROM activity_report.collaborative_courses('-infinity', 'infinity');
COMMENT ON VIEW activity_report.collaborative_courses IS 'Collaborative activity of several courses (seed 004): one row per course (contents of type course).';
COMMENT ON COLUMN activity_report.collaborative_courses.course_name IS 'Title of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.course_id IS 'Course ID.';
COMMENT ON COLUMN activity_report.collaborative_courses.author IS 'First and last name of the main author (contents.author, a user ID or a name; printed as given when no user matches).';
COMMENT ON COLUMN activity_report.collaborative_courses.co_authors IS 'First and last names of the co-authors, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.views IS 'Times the course itself was started (each attempt counts).';
COMMENT ON COLUMN activity_report.collaborative_courses.status IS 'Active, Archived or Deleted.';
COMMENT ON COLUMN activity_report.collaborative_courses.creation_date IS 'Date of the first save.';
COMMENT ON COLUMN activity_report.collaborative_courses.last_update IS 'Last edition of the course settings or of one of its activities (latest updated_at).';
COMMENT ON COLUMN activity_report.collaborative_courses.reaction_score IS 'reaction_score over the course''s own events (its starts are the views) and the reactions on its activities, rounded half away from zero.';
COMMENT ON COLUMN activity_report.collaborative_courses.likes IS 'Like reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.learned_something IS 'Learned something reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.outdated IS 'Outdated reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.have_a_question IS 'Have a question reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.useful IS 'Useful reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.irrelevant IS 'Irrelevant reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.documents IS 'Document activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.cheat_sheets IS 'Cheat sheet activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.questions IS 'Question activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.source_language IS 'Language of the course edition.';
COMMENT ON COLUMN activity_report.collaborative_courses.available_translation_languages IS 'Translations available to learners, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.unavailable_translation_languages IS 'Translations declared but not available, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.tags IS 'Tags of the course, then those only its activities carry (alphabetical), separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.reaction_band IS 'Band of the reaction score: green above 50, orange from 25 to 50, red below 25; NULL without a score.';
COMMENT ON COLUMN activity_report.collaborative_courses."group" IS 'Name of the lowest-level group of the main author (deepest group the author is a member of); the course''s own group_id when the author is in no group.';
-- Reports of seed 003 (user analytics dashboard). Sessions are contents whose type is live
-- (content_types.is_live); videos are the other contents a user plays or watches. Live minutes: presence
-- (joins / leaves) clipped to the session's [starts_at, ends_at), an open interval closing at ends_at; a
-- session whose window is not known yet counts its presence unclipped and has no engagement rate.
-- Recording minutes: watched fraction of watch-progress events after ends_at x duration, except kinds that
-- measure the live session itself (activity_kinds.live_watch); on-demand minutes: watched fraction x
-- duration of videos. A time range clips presence (design §8): a stream's presence in [from_ts, to_ts) is
-- computed from all of its events, and engagement keeps the session's whole window as its denominator.
-- Counts go through the roles of each event's kind and take the events in the range.

-- Per user and content in a time range, over the facts of report_facts (design §8): the building block of
-- the four functions, their views and their daily views. A content appears when the user has an event on
-- it in the range or was present in it during the range. per_day splits it by UTC day (day NULL
-- otherwise): presence at midnight, counts by their event's day, watched minutes as the day's increase of
-- the watched fraction so far, so additive columns sum over the days to the whole range.
CREATE FUNCTION activity_report_internal.content_metrics(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                        per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, content_id text, name text, is_session boolean, starts_at timestamptz, ends_at timestamptz,
                   live_minutes double precision, engagement_rate double precision, recording_minutes double precision,
                   on_demand_minutes double precision, watched_fraction double precision,
                   viewed boolean, played boolean, reactions bigint, raised_hands bigint, chat_messages bigint,
                   qa_threads bigint, polls_answered bigint, attachments_downloaded bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH f AS (
        SELECT f.*, CASE WHEN $4 THEN f.day END AS bucket
          FROM activity_report_internal.report_facts($2, $3, true, $1) f
         WHERE f.content_id IS NOT NULL),
    -- per stream: its presence over all time and where it lies
    st AS (
        SELECT f.user_id, f.content_id, max(f.content_name) AS event_name, activity_report.rollup(f.presence) AS presence,
               min(f.day) AS first_day, max(f.day) AS last_day
          FROM f GROUP BY f.user_id, f.content_id),
    m AS (
        SELECT st.*, COALESCE(st.event_name, c.name) AS name, COALESCE(t.is_live, false) AS is_session,
               c.starts_at, c.ends_at, c.duration,
               c.starts_at IS NOT NULL AND c.ends_at > c.starts_at AS known
          FROM st
          LEFT JOIN activity_report.contents c ON c.content_id = st.content_id
          LEFT JOIN activity_report.content_types t ON t.content_type = c.content_type),
    -- the part of the timeline whose presence counts: the live window (when known) within the range, per
    -- day when per_day; an interval still open closes at the window's end only when the window is known
    live AS (
        SELECT m.user_id, m.content_id, b.bucket,
               CASE WHEN m.presence IS NULL OR b.hi <= b.lo THEN 0
                    ELSE activity_report.presence_minutes(m.presence, b.lo, b.hi, m.known) END AS minutes
          FROM m
         CROSS JOIN LATERAL (
               SELECT CASE WHEN m.known THEN GREATEST(m.starts_at, $2) ELSE $2 END AS lo,
                      CASE WHEN m.known THEN LEAST(m.ends_at, $3) ELSE $3 END AS hi) w
         CROSS JOIN LATERAL (
               SELECT NULL::date AS bucket, w.lo, w.hi WHERE NOT $4
               UNION ALL
               SELECT d::date, GREATEST(w.lo, activity_report_internal.day_start(d::date)),
                      LEAST(w.hi, activity_report_internal.day_start(d::date + 1))
                 FROM generate_series(CASE WHEN m.known THEN activity_report_internal.day_of(GREATEST(w.lo, m.starts_at)) ELSE m.first_day END::timestamp,
                                      CASE WHEN m.known THEN activity_report_internal.day_of(LEAST(w.hi, m.ends_at)) ELSE m.last_day END::timestamp,
                                      interval '1 day') d
                WHERE $4 AND m.presence IS NOT NULL) b
         WHERE m.is_session),
    -- counts of the events in the range, and the watched fraction so far (per day: cumulated over the days)
    ct AS (
        SELECT f.user_id, f.content_id, f.bucket,
               sum(f.viewed) AS viewed, sum(f.played) AS played,
               sum(f.reactions)::bigint AS reactions, sum(f.raised_hands)::bigint AS raised_hands,
               sum(f.chat_messages)::bigint AS chat_messages, sum(f.qa_threads)::bigint AS qa_threads,
               sum(f.downloads)::bigint AS downloads,
               activity_report.rollup(f.watch_all) AS watch_all, activity_report.rollup(f.watch_after_end) AS watch_after_end
          FROM f WHERE f.piece = 0
         GROUP BY f.user_id, f.content_id, f.bucket),
    wt AS (
        SELECT ct.*,
               COALESCE(activity_report.watched_fraction(activity_report.rollup(ct.watch_all)
                   OVER (PARTITION BY ct.user_id, ct.content_id ORDER BY ct.bucket)), 0) AS all_so_far,
               COALESCE(activity_report.watched_fraction(activity_report.rollup(ct.watch_after_end)
                   OVER (PARTITION BY ct.user_id, ct.content_id ORDER BY ct.bucket)), 0) AS after_end_so_far
          FROM ct),
    wd AS (
        SELECT wt.*,
               wt.all_so_far - COALESCE(lag(wt.all_so_far) OVER w, 0) AS all_increase,
               wt.after_end_so_far - COALESCE(lag(wt.after_end_so_far) OVER w, 0) AS after_end_increase
          FROM wt WINDOW w AS (PARTITION BY wt.user_id, wt.content_id ORDER BY wt.bucket)),
    polls AS (
        SELECT d.user_id, d.content_id, CASE WHEN $4 THEN d.day END AS bucket, count(DISTINCT d.detail) AS polls
          FROM activity_report_internal.report_details($2, $3, $1) d
         WHERE d.what = 'poll'
         GROUP BY 1, 2, 3),
    cells AS (
        SELECT COALESCE(l.user_id, wd.user_id) AS user_id, COALESCE(l.content_id, wd.content_id) AS content_id,
               COALESCE(l.bucket, wd.bucket) AS bucket, l.minutes AS live, wd.viewed, wd.played, wd.reactions,
               wd.raised_hands, wd.chat_messages, wd.qa_threads, wd.downloads, wd.all_increase, wd.after_end_increase
          FROM live l FULL JOIN wd ON wd.user_id = l.user_id AND wd.content_id = l.content_id
                                  AND wd.bucket IS NOT DISTINCT FROM l.bucket)
    SELECT x.bucket, x.user_id, x.content_id, m.name, m.is_session, m.starts_at, m.ends_at,
           CASE WHEN m.is_session THEN COALESCE(x.live, 0) END,
           -- lengths as differences of epochs (numeric, exact): timestamptz - timestamptz wraps past 292,000 years
           CASE WHEN m.known AND x.live > 0
                THEN 100 * x.live / ((extract(epoch FROM m.ends_at) - extract(epoch FROM m.starts_at)) / 60)::double precision END,
           CASE WHEN m.is_session THEN COALESCE(x.after_end_increase, 0) * COALESCE(extract(epoch FROM m.duration) / 60, 0) ELSE 0 END,
           CASE WHEN NOT m.is_session THEN COALESCE(x.all_increase, 0) * COALESCE(extract(epoch FROM m.duration) / 60, 0) ELSE 0 END,
           COALESCE(x.all_increase, 0),
           COALESCE(x.viewed > 0, false) OR COALESCE(x.live > 0, false),
           COALESCE(x.played > 0, false),
           COALESCE(x.reactions, 0), COALESCE(x.raised_hands, 0), COALESCE(x.chat_messages, 0), COALESCE(x.qa_threads, 0),
           COALESCE(p.polls, 0), COALESCE(x.downloads, 0)
      FROM cells x
      JOIN m ON m.user_id = x.user_id AND m.content_id = x.content_id
      LEFT JOIN polls p ON p.user_id = x.user_id AND p.content_id = x.content_id AND p.bucket IS NOT DISTINCT FROM x.bucket
     WHERE x.viewed IS NOT NULL OR COALESCE(x.live > 0, false)
$$;
COMMENT ON FUNCTION activity_report_internal.content_metrics(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user) and content, and per UTC day when per_day, the seed-003 metrics in [from_ts, to_ts): live, recording and on-demand minutes, engagement, interaction counts. Building block of user_analytics, user_sessions, user_on_demand, their views and daily views; reads the facts of report_facts.';


-- Per user (of user_ids; NULL: every user with an event in the range), and per UTC day when per_day, the
-- user-analytics numbers in [from_ts, to_ts): the body of user_analytics and of its views.
CREATE FUNCTION activity_report_internal.analytics_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                       per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, total_minutes_viewed double precision, sessions_viewed bigint,
                   average_live_engagement_rate double precision, videos_viewed bigint, reactions bigint,
                   chat_messages_sent bigint, poll_responses bigint, qa_threads_created bigint, attachments_downloaded bigint,
                   live_minutes double precision, recording_minutes double precision, on_demand_minutes double precision)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH totals AS (
        SELECT m.day, m.user_id,
               COALESCE(sum(m.live_minutes) FILTER (WHERE m.is_session), 0) AS live,
               COALESCE(sum(m.recording_minutes), 0) AS recording,
               COALESCE(sum(m.on_demand_minutes), 0) AS on_demand,
               count(*) FILTER (WHERE m.is_session AND m.viewed) AS sessions_viewed,
               count(*) FILTER (WHERE NOT m.is_session AND m.played) AS videos_viewed,
               avg(m.engagement_rate) FILTER (WHERE m.is_session) AS engagement
          FROM activity_report_internal.content_metrics($1, $2, $3, $4) m
         GROUP BY m.day, m.user_id),
    flat AS (
        SELECT CASE WHEN $4 THEN f.day END AS day, f.user_id, sum(f.reactions) AS reactions, sum(f.chat_messages) AS chat,
               sum(f.qa_threads) AS qa
          FROM activity_report_internal.report_facts($2, $3, false, $1) f
         WHERE f.piece = 0
         GROUP BY 1, f.user_id),
    det AS (
        SELECT CASE WHEN $4 THEN d.day END AS day, d.user_id,
               count(DISTINCT (d.content_id, d.detail)) FILTER (WHERE d.what = 'poll') AS polls,
               count(DISTINCT d.detail) FILTER (WHERE d.what = 'file') AS files
          FROM activity_report_internal.report_details($2, $3, $1) d
         GROUP BY 1, d.user_id),
    who AS (
        SELECT NULL::date AS day, unnest($1) AS user_id WHERE $1 IS NOT NULL AND NOT $4
        UNION SELECT flat.day, flat.user_id FROM flat WHERE $1 IS NULL OR $4
        UNION SELECT totals.day, totals.user_id FROM totals WHERE $1 IS NULL OR $4)
    SELECT w.day, w.user_id,
           COALESCE(t.live + t.recording + t.on_demand, 0), COALESCE(t.sessions_viewed, 0), t.engagement,
           COALESCE(t.videos_viewed, 0), COALESCE(f.reactions, 0)::bigint, COALESCE(f.chat, 0)::bigint,
           COALESCE(d.polls, 0), COALESCE(f.qa, 0)::bigint, COALESCE(d.files, 0),
           COALESCE(t.live, 0), COALESCE(t.recording, 0), COALESCE(t.on_demand, 0)
      FROM who w
      LEFT JOIN totals t ON t.user_id = w.user_id AND t.day IS NOT DISTINCT FROM w.day
      LEFT JOIN flat f ON f.user_id = w.user_id AND f.day IS NOT DISTINCT FROM w.day
      LEFT JOIN det d ON d.user_id = w.user_id AND d.day IS NOT DISTINCT FROM w.day
$$;
COMMENT ON FUNCTION activity_report_internal.analytics_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user with an event in the range), and per UTC day when per_day, the user-analytics numbers in [from_ts, to_ts): the body of user_analytics and its views.';

CREATE OR REPLACE FUNCTION activity_report.user_analytics(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (user_name text, role text, company text, industry text, country text,
                   total_minutes_viewed double precision, sessions_viewed bigint, average_live_engagement_rate double precision,
                   videos_viewed bigint, reactions bigint, chat_messages_sent bigint, poll_responses bigint,
                   qa_threads_created bigint, attachments_downloaded bigint,
                   live_minutes double precision, recording_minutes double precision, on_demand_minutes double precision)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), ''), u.role, u.company, u.industry, u.country,
           a.total_minutes_viewed, a.sessions_viewed, a.average_live_engagement_rate, a.videos_viewed, a.reactions,
           a.chat_messages_sent, a.poll_responses, a.qa_threads_created, a.attachments_downloaded,
           a.live_minutes, a.recording_minutes, a.on_demand_minutes
      FROM activity_report_internal.analytics_rows(ARRAY[$1], COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) a
      LEFT JOIN activity_report.users u ON u.user_id = a.user_id
$$;
COMMENT ON FUNCTION activity_report.user_analytics(text, timestamptz, timestamptz) IS
  'User analytics dashboard (seed 003): one row with the user''s details, total minutes viewed (live + recordings + on demand), sessions and videos viewed, average live engagement rate, reactions, chat messages, polls answered, Q&A threads and distinct attachments downloaded in [from_ts, to_ts).';

-- Per user (and per UTC day when per_day), the distinct files downloaded in the range, each with its first
-- download's name and source.
CREATE FUNCTION activity_report_internal.attachment_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                        per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, file text, name text, file_type text, source text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT DISTINCT ON (CASE WHEN $4 THEN d.day END, d.user_id, d.detail)
           CASE WHEN $4 THEN d.day END, d.user_id, d.detail, COALESCE(n.name, d.content_id),
           lower(substring(n.name FROM '\.([A-Za-z0-9]+)$')), COALESCE(d.first_content_name, c.name)
      FROM activity_report_internal.report_details($2, $3, $1) d
      LEFT JOIN activity_report.contents c ON c.content_id = d.content_id
     -- the file's name: the content's own name for a download without one
     CROSS JOIN LATERAL (SELECT activity_report_internal.attachment_file(d.first_label, COALESCE(d.first_content_name, c.name)) AS name) n
     WHERE d.what = 'file'
     ORDER BY CASE WHEN $4 THEN d.day END, d.user_id, d.detail, d.first_at, d.first_event_id
$$;
COMMENT ON FUNCTION activity_report_internal.attachment_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user), and per UTC day when per_day, the distinct files downloaded in [from_ts, to_ts), with type and source of the first download: the body of user_attachments and its views.';

CREATE OR REPLACE FUNCTION activity_report.user_attachments(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, file_type text, source text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.name, a.file_type, a.source
      FROM activity_report_internal.attachment_rows(ARRAY[$1], COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) a
     ORDER BY a.file
$$;
COMMENT ON FUNCTION activity_report.user_attachments(text, timestamptz, timestamptz) IS
  'Attachments a user downloaded (seed 003): distinct files with their type (file extension) and source (the session or content where first downloaded).';

CREATE OR REPLACE FUNCTION activity_report.user_sessions(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (session_name text, minutes_viewed double precision, engagement_rate double precision, reactions bigint,
                   raised_hands bigint, attachments_downloaded bigint, chat_messages_sent bigint, polls_answered bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.name, COALESCE(m.live_minutes, 0) + m.recording_minutes, m.engagement_rate, m.reactions, m.raised_hands,
           m.attachments_downloaded, m.chat_messages, m.polls_answered
      FROM activity_report_internal.content_metrics(ARRAY[$1], COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) m
     WHERE m.is_session
     ORDER BY m.starts_at, m.name, m.content_id
$$;
COMMENT ON FUNCTION activity_report.user_sessions(text, timestamptz, timestamptz) IS
  'A user''s participation per session (seed 003): minutes viewed (live + recording), live engagement rate, reactions, raised hands, attachments, chat messages and polls answered.';

CREATE OR REPLACE FUNCTION activity_report.user_on_demand(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, minutes_viewed double precision, completion_rate double precision)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.name, m.on_demand_minutes, 100 * m.watched_fraction
      FROM activity_report_internal.content_metrics(ARRAY[$1], COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) m
     WHERE NOT m.is_session AND m.played
     ORDER BY m.name, m.content_id
$$;
COMMENT ON FUNCTION activity_report.user_on_demand(text, timestamptz, timestamptz) IS
  'A user''s on-demand viewing (seed 003): per video, minutes viewed (watched fraction x duration) and completion rate (0-100).';

-- Views for BI tools over all time: the four reports for every user with at least one event, keyed by user_id.
CREATE OR REPLACE VIEW activity_report.user_analytics_v WITH (security_invoker = true) AS
SELECT a.user_id, NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS user_name, u.role, u.company, u.industry, u.country,
       a.total_minutes_viewed, a.sessions_viewed, a.average_live_engagement_rate, a.videos_viewed, a.reactions,
       a.chat_messages_sent, a.poll_responses, a.qa_threads_created, a.attachments_downloaded,
       a.live_minutes, a.recording_minutes, a.on_demand_minutes
  FROM activity_report_internal.analytics_rows(NULL, '-infinity', 'infinity') a
  LEFT JOIN activity_report.users u ON u.user_id = a.user_id;
COMMENT ON VIEW activity_report.user_analytics_v IS 'User analytics dashboard (seed 003), all time: one row per user with at least one event.';
COMMENT ON COLUMN activity_report.user_analytics_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_analytics_v.user_name IS 'First and last name of the user.';
COMMENT ON COLUMN activity_report.user_analytics_v.role IS 'Role of the user.';
COMMENT ON COLUMN activity_report.user_analytics_v.company IS 'Company.';
COMMENT ON COLUMN activity_report.user_analytics_v.industry IS 'Industry.';
COMMENT ON COLUMN activity_report.user_analytics_v.country IS 'Country.';
COMMENT ON COLUMN activity_report.user_analytics_v.total_minutes_viewed IS 'Live + recording + on-demand minutes.';
COMMENT ON COLUMN activity_report.user_analytics_v.sessions_viewed IS 'Distinct sessions the user viewed or joined.';
COMMENT ON COLUMN activity_report.user_analytics_v.average_live_engagement_rate IS 'engagement_rate over the user''s live sessions (percent).';
COMMENT ON COLUMN activity_report.user_analytics_v.videos_viewed IS 'Distinct videos with a play or watch-progress event.';
COMMENT ON COLUMN activity_report.user_analytics_v.reactions IS 'Reactions (role reaction).';
COMMENT ON COLUMN activity_report.user_analytics_v.chat_messages_sent IS 'Chat messages sent.';
COMMENT ON COLUMN activity_report.user_analytics_v.poll_responses IS 'Distinct polls answered (per content and question).';
COMMENT ON COLUMN activity_report.user_analytics_v.qa_threads_created IS 'Q&A threads created.';
COMMENT ON COLUMN activity_report.user_analytics_v.attachments_downloaded IS 'Distinct files downloaded.';
COMMENT ON COLUMN activity_report.user_analytics_v.live_minutes IS 'Presence minutes in live sessions, clipped to their live window.';
COMMENT ON COLUMN activity_report.user_analytics_v.recording_minutes IS 'Watched fraction x duration of session recordings (after the session ended).';
COMMENT ON COLUMN activity_report.user_analytics_v.on_demand_minutes IS 'Watched fraction x duration of videos.';

CREATE OR REPLACE VIEW activity_report.user_sessions_v WITH (security_invoker = true) AS
SELECT m.user_id, m.name AS session_name, COALESCE(m.live_minutes, 0) + m.recording_minutes AS minutes_viewed, m.engagement_rate,
       m.reactions, m.raised_hands, m.attachments_downloaded, m.chat_messages AS chat_messages_sent, m.polls_answered
  FROM activity_report_internal.content_metrics(NULL, '-infinity', 'infinity') m
 WHERE m.is_session;
COMMENT ON VIEW activity_report.user_sessions_v IS 'Per-session breakdown of the user analytics (seed 003), all time: one row per user and session attended.';
COMMENT ON COLUMN activity_report.user_sessions_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_sessions_v.session_name IS 'Name of the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.minutes_viewed IS 'Live + recording minutes of the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.engagement_rate IS 'Live engagement rate in the session (percent).';
COMMENT ON COLUMN activity_report.user_sessions_v.reactions IS 'Reactions in the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.raised_hands IS 'Hands raised in the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.attachments_downloaded IS 'Attachment downloads by the user in the session (each download counts).';
COMMENT ON COLUMN activity_report.user_sessions_v.chat_messages_sent IS 'Chat messages sent in the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.polls_answered IS 'Distinct polls answered in the session.';

CREATE OR REPLACE VIEW activity_report.user_on_demand_v WITH (security_invoker = true) AS
SELECT m.user_id, m.name, m.on_demand_minutes AS minutes_viewed, 100 * m.watched_fraction AS completion_rate
  FROM activity_report_internal.content_metrics(NULL, '-infinity', 'infinity') m
 WHERE NOT m.is_session AND m.played;
COMMENT ON VIEW activity_report.user_on_demand_v IS 'On-demand (VOD) breakdown of the user analytics (seed 003), all time: one row per user and video played.';
COMMENT ON COLUMN activity_report.user_on_demand_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_on_demand_v.name IS 'Name of the video.';
COMMENT ON COLUMN activity_report.user_on_demand_v.minutes_viewed IS 'Watched fraction x duration.';
COMMENT ON COLUMN activity_report.user_on_demand_v.completion_rate IS 'Watched fraction, 0-100.';

CREATE OR REPLACE VIEW activity_report.user_attachments_v WITH (security_invoker = true) AS
SELECT a.user_id, a.name, a.file_type, a.source
  FROM activity_report_internal.attachment_rows(NULL, '-infinity', 'infinity') a;
COMMENT ON VIEW activity_report.user_attachments_v IS 'Attachments downloaded (seed 003), all time: one row per user and distinct file.';
COMMENT ON COLUMN activity_report.user_attachments_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_attachments_v.name IS 'File name.';
COMMENT ON COLUMN activity_report.user_attachments_v.file_type IS 'File type (its extension, lower case).';
COMMENT ON COLUMN activity_report.user_attachments_v.source IS 'Session or content where the file was first downloaded.';
-- Daily views for BI tools (design §8): each seed-003 and seed-004 view with a leading day (UTC) column, for
-- the days with activity. Additive columns (counts, minutes: presence split at midnight, watched minutes as
-- the day's increase of the watched fraction) sum over the days to the all-time view; distinct counts and
-- rates are those of the day.

CREATE VIEW activity_report.user_analytics_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.user_id, NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS user_name, u.role, u.company,
       u.industry, u.country, a.total_minutes_viewed, a.sessions_viewed, a.average_live_engagement_rate, a.videos_viewed,
       a.reactions, a.chat_messages_sent, a.poll_responses, a.qa_threads_created, a.attachments_downloaded,
       a.live_minutes, a.recording_minutes, a.on_demand_minutes
  FROM activity_report_internal.analytics_rows(NULL, '-infinity', 'infinity', true) a
  LEFT JOIN activity_report.users u ON u.user_id = a.user_id;
COMMENT ON VIEW activity_report.user_analytics_daily_v IS 'User analytics dashboard (seed 003) per day (UTC): one row per user and day with activity; minutes and counts sum over the days to user_analytics_v.';

CREATE VIEW activity_report.user_sessions_daily_v WITH (security_invoker = true) AS
SELECT m.day, m.user_id, m.name AS session_name, COALESCE(m.live_minutes, 0) + m.recording_minutes AS minutes_viewed,
       m.engagement_rate, m.reactions, m.raised_hands, m.attachments_downloaded, m.chat_messages AS chat_messages_sent,
       m.polls_answered
  FROM activity_report_internal.content_metrics(NULL, '-infinity', 'infinity', true) m
 WHERE m.is_session;
COMMENT ON VIEW activity_report.user_sessions_daily_v IS 'Per-session breakdown of the user analytics (seed 003) per day (UTC): minutes (presence split at midnight) and counts sum over the days to user_sessions_v.';

CREATE VIEW activity_report.user_on_demand_daily_v WITH (security_invoker = true) AS
SELECT m.day, m.user_id, m.name, m.on_demand_minutes AS minutes_viewed, 100 * m.watched_fraction AS completion_rate
  FROM activity_report_internal.content_metrics(NULL, '-infinity', 'infinity', true) m
 WHERE NOT m.is_session AND m.played;
COMMENT ON VIEW activity_report.user_on_demand_daily_v IS 'On-demand breakdown of the user analytics (seed 003) per day (UTC): the day''s increase of minutes viewed and of the completion rate; both sum over the days to user_on_demand_v.';

CREATE VIEW activity_report.user_attachments_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.user_id, a.name, a.file_type, a.source
  FROM activity_report_internal.attachment_rows(NULL, '-infinity', 'infinity', true) a;
COMMENT ON VIEW activity_report.user_attachments_daily_v IS 'Attachments downloaded (seed 003) per day (UTC): one row per user, day and distinct file downloaded that day.';

CREATE VIEW activity_report.collaborative_users_daily_v WITH (security_invoker = true) AS
SELECT a.day, g.group_id, a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments,
       a.reactions, a.user_id, a.role
  FROM activity_report.groups g
  JOIN activity_report_internal.member_rows(NULL, '-infinity', 'infinity', true) a ON a.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_users_daily_v IS 'Collaborative activity of the users of every group (seed 004) per day (UTC): one row per member and day with activity; counts sum to collaborative_users_v.';

CREATE VIEW activity_report.collaborative_groups_daily_v WITH (security_invoker = true) AS
SELECT t.day, g.name, t.publications, t.comments, t.reactions, g.group_id
  FROM activity_report.groups g
  JOIN activity_report_internal.group_totals('-infinity', 'infinity', true) t ON t.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_groups_daily_v IS 'Collaborative activity of several groups (seed 004) per day (UTC): learners'' totals per group and day with activity; they sum to collaborative_groups.';

CREATE VIEW activity_report.course_activity_engagement_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.course_id, a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question,
       a.comments, a.downloads, a.type, a.activity_id
  FROM activity_report_internal.activity_rows(NULL, '-infinity', 'infinity', true) a;
COMMENT ON VIEW activity_report.course_activity_engagement_daily_v IS 'Engagement by activity of every course (seed 004) per day (UTC): one row per activity and day with events; counts sum to course_activity_engagement_v.';

CREATE VIEW activity_report.collaborative_courses_daily_v WITH (security_invoker = true) AS
SELECT x.day, c.name AS course_name, x.course_id, x.views, round(x.score::numeric)::integer AS reaction_score,
       activity_report.reaction_band(round(x.score::numeric)::integer) AS reaction_band,
       x.likes, x.learned_something, x.outdated, x.have_a_question, x.useful, x.irrelevant
  FROM activity_report_internal.course_event_totals('-infinity', 'infinity', true) x
  JOIN activity_report.contents c ON c.content_id = x.course_id;
COMMENT ON VIEW activity_report.collaborative_courses_daily_v IS 'Collaborative activity of several courses (seed 004) per day (UTC): views, reaction score and reactions by kind per course and day with events; counts sum to collaborative_courses.';

-- The daily views' columns mean what the all-time views' do (for that day).
DO $comments$
DECLARE
    v record;
    c record;
BEGIN
    FOR v IN SELECT * FROM (VALUES ('user_analytics_daily_v', 'user_analytics_v'), ('user_sessions_daily_v', 'user_sessions_v'),
                                   ('user_on_demand_daily_v', 'user_on_demand_v'), ('user_attachments_daily_v', 'user_attachments_v'),
                                   ('collaborative_users_daily_v', 'collaborative_users_v'),
                                   ('collaborative_groups_daily_v', 'collaborative_groups'),
                                   ('course_activity_engagement_daily_v', 'course_activity_engagement_v'),
                                   ('collaborative_courses_daily_v', 'collaborative_courses')) x(daily, total) LOOP
        FOR c IN SELECT a.attname, pg_catalog.col_description(t.attrelid, t.attnum) AS comment
                   FROM pg_catalog.pg_attribute a
                   LEFT JOIN pg_catalog.pg_attribute t
                          ON t.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('activity_report.' OPERATOR(pg_catalog.||) v.total)
                         AND t.attname OPERATOR(pg_catalog.=) a.attname
                  WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('activity_report.' OPERATOR(pg_catalog.||) v.daily)
                    AND a.attnum OPERATOR(pg_catalog.>) 0 LOOP
            EXECUTE pg_catalog.format('COMMENT ON COLUMN activity_report.%I.%I IS %L', v.daily, c.attname,
                CASE WHEN c.attname OPERATOR(pg_catalog.=) 'day' THEN 'The day (UTC).'
                     ELSE COALESCE(c.comment, pg_catalog.initcap(pg_catalog.replace(c.attname, '_', ' ')) OPERATOR(pg_catalog.||) '.') END
                OPERATOR(pg_catalog.||) CASE WHEN c.attname OPERATOR(pg_catalog.=) 'day' THEN '' ELSE ' That day.' END);
        END LOOP;
    END LOOP;
END
$comments$;
-- The rollup tables carry the portal: row-level security as on events (src/sql/60_security.sql).
DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['rollup_facts', 'rollup_details'] LOOP
        EXECUTE pg_catalog.format('ALTER TABLE activity_report.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format(
            'CREATE POLICY portal_isolation ON activity_report.%I '
            'USING (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])) '
            '       OR ''*'' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[]))) '
            'WITH CHECK (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])) '
            '       OR ''*'' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])))', t);
        EXECUTE pg_catalog.format('COMMENT ON POLICY portal_isolation ON activity_report.%I IS %L', t,
            'Rows are visible to roles bound to their portal in activity_report.portal_access.');
    END LOOP;
END
$policies$;
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report TO activity_report_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report_internal TO activity_report_reader;
REVOKE EXECUTE ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) FROM activity_report_reader;
GRANT EXECUTE ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) TO activity_report_writer;

-- The events 0.1.0 stored are not rolled up yet: every day that has some is dirty.
INSERT INTO activity_report_internal.rollup_dirty
     SELECT DISTINCT activity_report_internal.day_of(e.occurred_at) FROM activity_report.events e;

-- Retention (design §8): whole raw months whose every day with events is rolled up and clean can be dropped;
-- their days become archived in rollup_slices and every report reads them from the rollups from then on.
CREATE FUNCTION activity_report.drop_events_before(ts timestamptz) RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC'
AS $fn$
DECLARE
    p record;
    oldest timestamptz;
    pending date;
    n bigint;
    dropped bigint := 0;
BEGIN
    IF ts IS NULL THEN
        RAISE EXCEPTION 'drop_events_before: ts must not be NULL'
            USING ERRCODE = '22004', HINT = 'Pass the time before which whole months of raw events are dropped.';
    END IF;
    PERFORM pg_advisory_xact_lock(1096184900, 1);  -- no refresh meanwhile (refresh_rollups takes the same lock)
    -- rows of those months still in the default partition go to their month's partition first
    SELECT min(d.occurred_at) INTO oldest FROM activity_report.events_default d
     WHERE d.occurred_at < date_trunc('month', ts) AND d.occurred_at >= '0001-01-01 00:00+00';
    IF oldest IS NOT NULL THEN
        PERFORM activity_report.ensure_event_partitions(oldest, date_trunc('month', ts));
    END IF;
    FOR p IN SELECT c.oid::regclass AS part, c.relname,
                    (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz AS upper_bound,
                    (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz AS lower_bound
               FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'activity_report.events_local'::regclass AND c.relispartition
                AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
              ORDER BY 4 LOOP
        CONTINUE WHEN p.upper_bound > ts;
        -- a month whose events are not all rolled up (and unchanged since) stays
        EXECUTE format($q$SELECT min(x.day) FROM (SELECT DISTINCT (e.occurred_at AT TIME ZONE 'UTC')::date AS day FROM %s e) x
                          WHERE NOT EXISTS (SELECT FROM activity_report.rollup_slices s WHERE s.day = x.day)
                             OR EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = x.day)$q$, p.part)
            INTO pending;
        IF pending IS NOT NULL THEN
            RAISE NOTICE 'drop_events_before: % kept: % is not rolled up', p.relname, pending
                USING HINT = 'Run activity_report.refresh_rollups() first.';
            CONTINUE;
        END IF;
        EXECUTE format('SELECT count(*) FROM %s', p.part) INTO n;
        UPDATE activity_report.rollup_slices s SET archived = true
         WHERE s.day >= (p.lower_bound AT TIME ZONE 'UTC')::date AND s.day < (p.upper_bound AT TIME ZONE 'UTC')::date;
        EXECUTE format('DROP TABLE %s', p.part);
        dropped := dropped + n;
    END LOOP;
    -- the classifying trigger looks the days up again (it keeps which days are archived per transaction)
    PERFORM activity_report_internal.forget_dirty_marks();
    RETURN dropped;
END
$fn$;
REVOKE ALL ON FUNCTION activity_report.drop_events_before(timestamptz) FROM PUBLIC;
COMMENT ON FUNCTION activity_report.drop_events_before(timestamptz) IS
  'Drops the monthly partitions of activity_report.events that end at or before ts and whose every day with events is rolled up and unchanged since (others are kept, with a notice); returns the number of events dropped. The reports answer for those days from the rollups (whole days), with or without activity_report.use_rollups.';
REVOKE EXECUTE ON FUNCTION activity_report.drop_events_before(timestamptz) FROM activity_report_reader;
-- The grants above (every function to readers) must not reopen what partitions keep to writers and the owner.
REVOKE EXECUTE ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) FROM PUBLIC, activity_report_reader;
GRANT EXECUTE ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) TO activity_report_writer;
REVOKE EXECUTE ON FUNCTION activity_report_internal.index_event_partition(regclass) FROM PUBLIC, activity_report_reader;
REVOKE ALL ON TABLE activity_report.events_local, activity_report.events_default FROM PUBLIC, activity_report_reader, activity_report_writer;

-- 0.2.0: presence summaries are compact (summary format 2, design §8); the type and rollup() say so.
COMMENT ON TYPE activity_report.presence_summary IS 'Stored partial state of minutes_viewed, engagement_rate and presence_minutes, compact: per (user_id, content_id) stream only what another slice can still change (the earliest join before its first leave and that leave, the presence intervals after it, a trailing open join), its window arguments, the time span of its events and whether events were dropped. Text form: the bytea hex form of its bytes (summary format 2: a version byte, the kind, big-endian fields; format 1 and 0.1.0''s bytes still read).';
COMMENT ON AGGREGATE activity_report.rollup(activity_report.presence_summary) IS 'Combines presence summaries (e.g. daily ones into a month): the same as summarising their raw events at once. A stream in two summaries whose time spans overlap, one of them compacted, raises SQLSTATE 22023.';
-- Building blocks of 0.1.0 that the reports over facts no longer use.
DROP FUNCTION activity_report_internal.user_content_metrics(text, timestamptz, timestamptz);
DROP FUNCTION activity_report_internal.group_learner_totals(text, timestamptz, timestamptz);

-- 0.2.0: stored rows over all time of the report building blocks (54_rollups_all_time.sql), rebuilt by
-- refresh_rollups; authors found by index (full_name).
-- A person is also named by "first last" (contents.author, co_authors): an index finds them by it.
CREATE FUNCTION activity_report_internal.full_name(first_name text, last_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT trim(concat_ws(' ', $1, $2)) $$;
COMMENT ON FUNCTION activity_report_internal.full_name(text, text) IS
  'A user''s "first last" name (trimmed; a missing part is left out), as the reports print it and authors name users.';
CREATE INDEX users_full_name_idx ON activity_report.users (activity_report_internal.full_name(first_name, last_name));

-- A person named in contents.author / co_authors: a user ID, or a user's "first last" name. Resolves to the
-- user (by ID, else the first user by ID with that full name) so reports print names and find the author's groups.
CREATE OR REPLACE FUNCTION activity_report_internal.resolve_person(who text, OUT user_id text, OUT display_name text)
    LANGUAGE sql STABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.user_id, COALESCE(NULLIF(activity_report_internal.full_name(u.first_name, u.last_name), ''), $1)
      FROM (SELECT) one
      LEFT JOIN LATERAL (
           -- two index lookups, the ID first (an OR of both would scan every user)
           (SELECT 0 AS rank, x.user_id, x.first_name, x.last_name FROM activity_report.users x WHERE x.user_id = $1)
           UNION ALL
           (SELECT 1, x.user_id, x.first_name, x.last_name FROM activity_report.users x
             WHERE activity_report_internal.full_name(x.first_name, x.last_name) = $1
             ORDER BY x.user_id LIMIT 1)
           ORDER BY rank LIMIT 1) u ON true
$$;
COMMENT ON FUNCTION activity_report_internal.resolve_person(text) IS
  'The user an author field names (by user ID, else by "first last" name) and the name to print: the user''s first and last name, or the field as given when no user matches.';
-- All-time results (design §8, a level above the daily rollups). The all-time and daily views, and the
-- all-time calls of the reports, recombine every day of every stream: seconds at 10M events. So
-- refresh_rollups, when it leaves no day dirty, also stores the rows over all time of the reports' building
-- blocks (tables activity_report_internal.all_time_* and, per day, daily_*: filled by
-- rebuild_all_time_results from the very same functions, then kept current key by key by
-- update_all_time_results), and the building blocks read them back while nothing changed. That is checked
-- when a report runs: no dirty day (events, taxonomy), no pending key (changed facts or dimension rows), no
-- rebuild due, and a caller who sees every portal (the stored rows hold every portal; a portal-bound reader
-- computes from the daily rollups, under row-level security as before).

-- Built: one row once rebuild_all_time_results has run (not dumped: a restored database recomputes until
-- its next refresh). Stale: a row per statement since that requires a whole rebuild (a dimension table
-- emptied, or a quarter of it changed); append-only with no key, so concurrent writers never wait on each
-- other (as rollup_dirty).
CREATE TABLE activity_report_internal.all_time_built (built_at timestamptz NOT NULL);
COMMENT ON TABLE activity_report_internal.all_time_built IS
  'One row when the all-time results were last rebuilt by refresh_rollups; none before (or after a restore).';
CREATE TABLE activity_report_internal.all_time_stale (changed regclass NOT NULL);
COMMENT ON TABLE activity_report_internal.all_time_stale IS
  'A row per statement that emptied a dimension table, or changed more than a quarter of it, since the last rebuild of the all-time results: they are not read until the next refresh_rollups rebuilds them.';
COMMENT ON COLUMN activity_report_internal.all_time_built.built_at IS 'When the all-time results were rebuilt.';
COMMENT ON COLUMN activity_report_internal.all_time_stale.changed IS 'The dimension table a statement changed.';

-- Pending: what changed since the stored rows were last brought up to date, as keys: a fact or detail a
-- refresh wrote differently (its user and content), or a row of users, contents, content_types or
-- group_members a statement changed (its key; update_all_time_results finds the rows that read it, when it
-- runs, from the rollups it then sees). Append-only with no key, as rollup_dirty; not dumped. The stored rows
-- are not read while it has rows.
CREATE TABLE activity_report_internal.all_time_pending (what text NOT NULL, id text NOT NULL, content_id text);
COMMENT ON TABLE activity_report_internal.all_time_pending IS
  'What changed since the stored all-time rows were last brought up to date (facts, users, contents, content types, group members): the next update recomputes the rows that read it.';
COMMENT ON COLUMN activity_report_internal.all_time_pending.what IS 'fact (a rolled-up fact or detail), user, content, course (a parent before a change), content_type or group.';
COMMENT ON COLUMN activity_report_internal.all_time_pending.id IS 'Its key: the user of a fact, else the row''s user_id, content_id, content_type or group_id.';
COMMENT ON COLUMN activity_report_internal.all_time_pending.content_id IS 'The content of a fact (NULL otherwise, or not on a content page).';

-- Whether changed keys are worth keeping: the stored rows exist and no whole rebuild is due.
CREATE FUNCTION activity_report_internal.all_time_tracked() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT FROM activity_report_internal.all_time_built)
       AND NOT EXISTS (SELECT FROM activity_report_internal.all_time_stale)
$$;
COMMENT ON FUNCTION activity_report_internal.all_time_tracked() IS
  'true when the stored all-time results exist and no change since requires rebuilding them whole: changed keys are then kept in all_time_pending.';

-- Whether a building block called over [from_ts, to_ts) (per day or not) may read the stored all-time rows.
CREATE FUNCTION activity_report_internal.use_all_time(from_ts timestamptz, to_ts timestamptz)
    RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1 = '-infinity' AND $2 = 'infinity'
       AND COALESCE(current_setting('activity_report.use_rollups', true), 'on')::boolean
       AND (NOT pg_catalog.row_security_active('activity_report.events'::regclass)
            OR '*' = ANY (activity_report_internal.visible_portals()))
       AND EXISTS (SELECT FROM activity_report_internal.all_time_built)
       AND NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty)
       AND NOT EXISTS (SELECT FROM activity_report_internal.all_time_stale)
       AND NOT EXISTS (SELECT FROM activity_report_internal.all_time_pending)
$$;
COMMENT ON FUNCTION activity_report_internal.use_all_time(timestamptz, timestamptz) IS
  'true when a report building block over [from_ts, to_ts) may read the stored all-time results: the range is all time (per day or not), activity_report.use_rollups is on, the caller sees every portal, and no event, taxonomy or dimension changed since the last refresh_rollups brought them up to date.';

CREATE FUNCTION activity_report_internal.dimensions_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    INSERT INTO activity_report_internal.all_time_stale VALUES (TG_RELID);
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.dimensions_changed() IS
  'TRUNCATE trigger of users, contents, content_types and group_members: the stored all-time results are not read until the next refresh_rollups rebuilds them.';

-- A change of users, contents, content_types or group_members makes pending the keys of the row versions
-- that differ (each as jsonb: a statement that changes nothing, as a catalog loaded again, makes nothing
-- pending). Which stored rows read a key is found when they are updated, from the rollups then (a fact
-- written by a refresh while this statement was uncommitted is seen then). A statement that changes more than
-- a quarter of the table, or any change while a whole rebuild is due, makes the results stale: a stale row
-- this transaction has not committed yet survives a rebuild that runs meanwhile, so the change is not lost.
CREATE FUNCTION activity_report_internal.dimension_rows_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    versions jsonb[];
    total real;
BEGIN
    IF TG_OP = 'INSERT' THEN
        versions := ARRAY(SELECT to_jsonb(n) FROM new_rows n);
    ELSIF TG_OP = 'DELETE' THEN
        versions := ARRAY(SELECT to_jsonb(o) FROM old_rows o);
    ELSE
        versions := ARRAY(SELECT x.j FROM (SELECT to_jsonb(o) AS j, 1 AS side FROM old_rows o
                                           UNION ALL SELECT to_jsonb(n), -1 FROM new_rows n) x
                           GROUP BY x.j HAVING sum(x.side) <> 0);
    END IF;
    IF cardinality(versions) = 0 THEN
        RETURN NULL;
    END IF;
    -- the planner's row count (a count(*) per statement would make row-by-row writes quadratic), counted
    -- while the table has never been analyzed
    SELECT c.reltuples INTO total FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID;
    IF total < 0 THEN
        EXECUTE pg_catalog.format('SELECT count(*) FROM activity_report.%I', TG_TABLE_NAME) INTO total;
    END IF;
    IF NOT activity_report_internal.all_time_tracked() OR 4 * cardinality(versions) > total THEN
        INSERT INTO activity_report_internal.all_time_stale VALUES (TG_RELID);
    ELSE
        INSERT INTO activity_report_internal.all_time_pending (what, id)
             SELECT DISTINCT k.what, k.id
               FROM unnest(versions) v
              CROSS JOIN LATERAL (VALUES
                    ('user', CASE WHEN TG_TABLE_NAME = 'users' THEN v ->> 'user_id' END),
                    ('content', CASE WHEN TG_TABLE_NAME = 'contents' THEN v ->> 'content_id' END),
                    ('course', CASE WHEN TG_TABLE_NAME = 'contents' THEN v ->> 'parent_id' END),
                    ('content_type', CASE WHEN TG_TABLE_NAME = 'content_types' THEN v ->> 'content_type' END),
                    ('group', CASE WHEN TG_TABLE_NAME = 'group_members' THEN v ->> 'group_id' END)) k(what, id)
              WHERE k.id IS NOT NULL;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.dimension_rows_changed() IS
  'Statement trigger of users, contents, content_types and group_members: the keys of the rows it changed become pending for the stored all-time results (or, past a quarter of the table or while a rebuild is due, the results stale).';

DO $triggers$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'contents', 'content_types', 'group_members'] LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_stale AFTER TRUNCATE ON activity_report.%I '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimensions_changed()', t);
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_stale ON activity_report.%I IS %L', t,
            'Emptying the table makes the stored all-time results stale until the next refresh_rollups.');
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_rows_inserted AFTER INSERT ON activity_report.%I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimension_rows_changed()', t);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_rows_updated AFTER UPDATE ON activity_report.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimension_rows_changed()', t);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_rows_deleted AFTER DELETE ON activity_report.%I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimension_rows_changed()', t);
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_rows_inserted ON activity_report.%I IS %L', t,
            'The stored all-time rows built from the inserted rows are recomputed at the next refresh_rollups.');
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_rows_updated ON activity_report.%I IS %L', t,
            'The stored all-time rows built from the changed rows are recomputed at the next refresh_rollups.');
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_rows_deleted ON activity_report.%I IS %L', t,
            'The stored all-time rows built from the deleted rows are recomputed at the next refresh_rollups.');
    END LOOP;
END
$triggers$;

-- The stored rows are the building blocks' own output (their computed_* bodies), so both ways give the same
-- rows by construction. content_metrics goes first and is marked built at once, so the blocks built after
-- it read what is already stored instead of recombining every day again (analytics_rows reads
-- content_metrics, group_totals member_rows).
CREATE FUNCTION activity_report_internal.rebuild_all_time_results() RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    sets text[] := ARRAY['content_metrics', 'analytics', 'attachments', 'members', 'group_totals', 'activities', 'course_totals'];
    t text;
BEGIN
    DELETE FROM activity_report_internal.all_time_built;
    DELETE FROM activity_report_internal.all_time_stale;
    DELETE FROM activity_report_internal.all_time_pending;
    FOREACH t IN ARRAY sets LOOP
        EXECUTE pg_catalog.format('DELETE FROM activity_report_internal.all_time_%s', t);
        EXECUTE pg_catalog.format('DELETE FROM activity_report_internal.daily_%s', t);
    END LOOP;
    INSERT INTO activity_report_internal.all_time_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_built VALUES (clock_timestamp());
    INSERT INTO activity_report_internal.all_time_analytics
         SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_analytics
         SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_members
         SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_members
         SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', true);
END
$fn$;
REVOKE ALL ON FUNCTION activity_report_internal.rebuild_all_time_results() FROM PUBLIC;
COMMENT ON FUNCTION activity_report_internal.rebuild_all_time_results() IS
  'Stores the all-time and per-day rows over all time of the report building blocks (content_metrics, analytics_rows, attachment_rows, member_rows, group_totals, activity_rows, course_event_totals); called by update_all_time_results when the stored rows are missing, a rebuild is due (all_time_stale) or most users changed.';

-- When only some keys changed, the rows that read them are recomputed and the others stay as they are. What
-- reads what: a user's rows (content_metrics, analytics, attachments) read the user's facts, and the contents
-- and content types of those facts; member rows read the members' facts, names and roles; activity rows and
-- course totals read the facts on the course and its activities, the contents' types and parents, and the
-- downloaders' roles; group totals read the member rows. Nothing stored reads groups. Each set is the same
-- building block called for those keys, so a key's rows are those a rebuild would store. When most users
-- changed (a first load of months), recombining everything at once is cheaper.
CREATE FUNCTION activity_report_internal.update_all_time_results() RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    fact_users text[];
    fact_contents text[];
    users_changed text[];
    contents_changed text[];
    parents_before text[];
    types_changed text[];
    groups_changed text[];
    u text[];
    c text[];
    g text[];
    k text[];
BEGIN
    -- the keys seen are taken at once (a key a writer adds meanwhile stays for the next update); the stored
    -- rows of the other keys are current from here on, and the blocks below read them
    WITH taken AS (DELETE FROM activity_report_internal.all_time_pending RETURNING *)
    SELECT COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'fact'), '{}'),
           COALESCE(array_agg(DISTINCT t.content_id) FILTER (WHERE t.what = 'fact' AND t.content_id IS NOT NULL), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'user'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'content'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'course'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'content_type'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'group'), '{}')
      INTO fact_users, fact_contents, users_changed, contents_changed, parents_before, types_changed, groups_changed
      FROM taken t;
    -- users: of changed facts, with facts on a changed content or on a content of a changed type
    u := ARRAY(SELECT unnest(fact_users)
               UNION SELECT f.user_id FROM activity_report.rollup_facts f WHERE f.content_id = ANY (contents_changed)
               UNION SELECT f.user_id FROM activity_report.contents x
                       JOIN activity_report.rollup_facts f ON f.content_id = x.content_id
                      WHERE x.content_type = ANY (types_changed));
    IF NOT activity_report_internal.all_time_tracked()
       OR 4 * cardinality(u) > (SELECT count(*) FROM activity_report_internal.all_time_analytics) THEN
        PERFORM activity_report_internal.rebuild_all_time_results();
        RETURN;
    END IF;
    -- contents whose courses are recomputed: of changed facts, changed contents and their parents before, and
    -- the contents a changed user downloaded from (learner downloads go by role); the courses are those ids
    -- and their parents now
    c := ARRAY(SELECT unnest(fact_contents) UNION SELECT unnest(contents_changed) UNION SELECT unnest(parents_before)
               UNION SELECT f.content_id FROM activity_report.rollup_facts f
                      WHERE f.user_id = ANY (users_changed) AND f.downloads > 0 AND f.content_id IS NOT NULL);
    k := ARRAY(SELECT unnest(c) UNION SELECT x.parent_id FROM activity_report.contents x
                WHERE x.content_id = ANY (c) AND x.parent_id IS NOT NULL);
    -- groups: changed memberships, and the groups of changed users (names, roles) and of the users above
    g := ARRAY(SELECT unnest(groups_changed)
               UNION SELECT m.group_id FROM activity_report.group_members m
                      WHERE m.user_id = ANY (u) OR m.user_id = ANY (users_changed));
    DELETE FROM activity_report_internal.all_time_content_metrics r WHERE r.user_id = ANY (u);
    DELETE FROM activity_report_internal.daily_content_metrics r WHERE r.user_id = ANY (u);
    INSERT INTO activity_report_internal.all_time_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(u, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(u, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_analytics r WHERE r.user_id = ANY (u);
    DELETE FROM activity_report_internal.daily_analytics r WHERE r.user_id = ANY (u);
    INSERT INTO activity_report_internal.daily_analytics
         SELECT * FROM activity_report_internal.computed_analytics_rows(u, '-infinity', 'infinity', true);
    -- given users, analytics_rows gives each a row; over all users, only those with facts have one, who
    -- are those with a row on some day
    INSERT INTO activity_report_internal.all_time_analytics
         SELECT r.* FROM activity_report_internal.computed_analytics_rows(u, '-infinity', 'infinity') r
          WHERE EXISTS (SELECT FROM activity_report_internal.daily_analytics d WHERE d.user_id = r.user_id);
    DELETE FROM activity_report_internal.all_time_attachments r WHERE r.user_id = ANY (u);
    DELETE FROM activity_report_internal.daily_attachments r WHERE r.user_id = ANY (u);
    INSERT INTO activity_report_internal.all_time_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(u, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(u, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_members r WHERE r.group_id = ANY (g);
    DELETE FROM activity_report_internal.daily_members r WHERE r.group_id = ANY (g);
    INSERT INTO activity_report_internal.all_time_members
         SELECT * FROM activity_report_internal.computed_member_rows(g, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_members
         SELECT * FROM activity_report_internal.computed_member_rows(g, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_group_totals r WHERE r.group_id = ANY (g);
    DELETE FROM activity_report_internal.daily_group_totals r WHERE r.group_id = ANY (g);
    INSERT INTO activity_report_internal.all_time_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', false, g);
    INSERT INTO activity_report_internal.daily_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true, g);
    DELETE FROM activity_report_internal.all_time_activities r WHERE r.course_id = ANY (k);
    DELETE FROM activity_report_internal.daily_activities r WHERE r.course_id = ANY (k);
    INSERT INTO activity_report_internal.all_time_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(k, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(k, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_course_totals r WHERE r.course_id = ANY (k);
    DELETE FROM activity_report_internal.daily_course_totals r WHERE r.course_id = ANY (k);
    INSERT INTO activity_report_internal.all_time_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', false, k);
    INSERT INTO activity_report_internal.daily_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', true, k);
    UPDATE activity_report_internal.all_time_built SET built_at = clock_timestamp();
END
$fn$;
REVOKE ALL ON FUNCTION activity_report_internal.update_all_time_results() FROM PUBLIC;
COMMENT ON FUNCTION activity_report_internal.update_all_time_results() IS
  'Brings the stored all-time and per-day rows up to date after refresh_rollups changed facts or a statement changed users, contents, content types or group members: recomputes the rows of the users, groups and courses that read what changed (all_time_pending), or rebuilds them all (rebuild_all_time_results) when they are missing, a rebuild is due, or more than a quarter of the users changed.';

-- Refresh: one at a time (a transaction-scoped advisory lock: a second refresh waits, then finds nothing
-- left), one day per step so memory is bounded by a day's events. Runs as the extension's owner, so a
-- portal-bound writer rolls up every portal's events (reports still filter the facts by portal).
CREATE OR REPLACE FUNCTION activity_report.refresh_rollups(upto timestamptz DEFAULT now(), all_time boolean DEFAULT true) RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET activity_report.use_rollups = on
AS $fn$
DECLARE
    d date;
    n bigint := 0;
    whole tstzmultirange;
BEGIN
    IF upto IS NULL THEN
        RAISE EXCEPTION 'refresh_rollups: upto must not be NULL'
            USING ERRCODE = '22004', HINT = 'Pass a time, or omit it to roll up every day that has ended (now()).';
    END IF;
    PERFORM pg_advisory_xact_lock(1096184900, 1);  -- 'ARRD': the rollup refresh
    -- an archived day keeps its rollups: its raw events are gone (events that arrive for it later are kept
    -- in events, and its dirty mark stays, until it is dropped again)
    FOR d IN SELECT DISTINCT r.day FROM activity_report_internal.rollup_dirty r
              WHERE activity_report_internal.day_start(r.day + 1) <= upto
                AND NOT EXISTS (SELECT FROM activity_report.rollup_slices s WHERE s.day = r.day AND s.archived)
              ORDER BY 1 LOOP
        DELETE FROM activity_report_internal.rollup_dirty r WHERE r.day = d;
        DELETE FROM activity_report.rollup_facts f WHERE f.day = d;
        DELETE FROM activity_report.rollup_details f WHERE f.day = d;
        whole := tstzmultirange(tstzrange(activity_report_internal.day_start(d), activity_report_internal.day_start(d + 1)));
        INSERT INTO activity_report.rollup_facts SELECT * FROM activity_report_internal.raw_facts(whole, '-infinity', 'infinity');
        INSERT INTO activity_report.rollup_details SELECT * FROM activity_report_internal.raw_details(whole, '-infinity', 'infinity');
        INSERT INTO activity_report.rollup_slices AS s (day, events, refreshed_at)
             SELECT d, COALESCE(sum(f.events), 0), clock_timestamp() FROM activity_report.rollup_facts f WHERE f.day = d
        ON CONFLICT (day) DO UPDATE SET events = excluded.events, refreshed_at = excluded.refreshed_at;
        n := n + 1;
        PERFORM pg_catalog.pg_sleep(0);  -- an interrupt point between days
    END LOOP;
    -- the stored all-time results (54_rollups_all_time.sql): rebuilt once every day is clean and something
    -- changed; else, when days were written, not read until a refresh rebuilds them
    IF all_time AND NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty)
       AND (n > 0 OR EXISTS (SELECT FROM activity_report_internal.all_time_stale)
            OR NOT EXISTS (SELECT FROM activity_report_internal.all_time_built)) THEN
        PERFORM activity_report_internal.rebuild_all_time_results();
    ELSIF n > 0 THEN
        INSERT INTO activity_report_internal.all_time_stale VALUES ('activity_report.rollup_facts'::regclass);
    END IF;
    RETURN n;
END
$fn$;
COMMENT ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) IS
  'Rolls up every day (UTC) that ends at or before upto and changed since its last refresh (new, late, updated or deleted events, or a taxonomy change); returns the number of days written. With all_time (the default), once no day is left dirty, it also rebuilds the stored results over all time that the all-time and daily views read (their cost grows with the rollups, not with the new events; pass false to defer it, e.g. between the files of a load). Incremental, idempotent, one at a time (a concurrent call waits, then does what is left). Schedule it with pg_cron.';
-- Each building block keeps its body as computed_<name> (renamed: views and callers follow by name), and
-- <name> reads the stored rows first.
ALTER FUNCTION activity_report_internal.member_rows(text[], timestamptz, timestamptz, boolean) RENAME TO computed_member_rows;
-- The stored rows over all time of member_rows (54_rollups_all_time.sql), per group member.
CREATE TABLE activity_report_internal.all_time_members AS
    SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_members (group_id);
COMMENT ON TABLE activity_report_internal.all_time_members IS
  'The all-time rows of member_rows over all time, per group member, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_members AS
    SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_members (group_id);
CREATE INDEX ON activity_report_internal.daily_members (day);
COMMENT ON TABLE activity_report_internal.daily_members IS
  'The per-day rows of member_rows over all time, per group member, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.member_rows(group_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                     per_day boolean DEFAULT false)
    RETURNS TABLE (day date, group_id text, first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint, user_id text, role text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_members' ELSE 'all_time_members' END)
            || CASE WHEN group_ids IS NOT NULL THEN ' WHERE r.group_id OPERATOR(pg_catalog.=) ANY ($1)' ELSE '' END
            USING group_ids;
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_member_rows(group_ids, from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.member_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per member of the groups (of group_ids; NULL: every group), and per UTC day with events when per_day, with the member''s role in it: publications, comments and reactions in [from_ts, to_ts). Building block of the seed-004 group reports and views. Reads the stored rows over all time when use_all_time allows, else computes them (computed_member_rows).';

-- The views over all time read the stored rows as they are (a function's rows would be copied first).
CREATE VIEW activity_report_internal.all_time_members_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.all_time_members r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity') c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.all_time_members_v IS 'member_rows(NULL, ''-infinity'', ''infinity''): the stored rows when use_all_time allows, else computed.';
CREATE VIEW activity_report_internal.daily_members_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.daily_members r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity', true) c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.daily_members_v IS 'member_rows(NULL, ''-infinity'', ''infinity'', true): the stored rows when use_all_time allows, else computed.';
ALTER FUNCTION activity_report_internal.group_totals(timestamptz, timestamptz, boolean, text[]) RENAME TO computed_group_totals;
-- The stored rows over all time of group_totals (54_rollups_all_time.sql), per group.
CREATE TABLE activity_report_internal.all_time_group_totals AS
    SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_group_totals (group_id);
COMMENT ON TABLE activity_report_internal.all_time_group_totals IS
  'The all-time rows of group_totals over all time, per group, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_group_totals AS
    SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_group_totals (group_id);
CREATE INDEX ON activity_report_internal.daily_group_totals (day);
COMMENT ON TABLE activity_report_internal.daily_group_totals IS
  'The per-day rows of group_totals over all time, per group, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.group_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false)
    RETURNS TABLE (day date, group_id text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_group_totals' ELSE 'all_time_group_totals' END);
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_group_totals(from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.group_totals(timestamptz, timestamptz, boolean) IS
  'Per group (and per UTC day when per_day), publications, comments and reactions in [from_ts, to_ts) of the members whose role in the group is learner: the body of collaborative_groups and its view. Reads the stored rows over all time when use_all_time allows, else computes them (computed_group_totals).';
ALTER FUNCTION activity_report_internal.activity_rows(text[], timestamptz, timestamptz, boolean) RENAME TO computed_activity_rows;
-- The stored rows over all time of activity_rows (54_rollups_all_time.sql), per course activity.
CREATE TABLE activity_report_internal.all_time_activities AS
    SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_activities (course_id);
COMMENT ON TABLE activity_report_internal.all_time_activities IS
  'The all-time rows of activity_rows over all time, per course activity, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_activities AS
    SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_activities (course_id);
CREATE INDEX ON activity_report_internal.daily_activities (day);
COMMENT ON TABLE activity_report_internal.daily_activities IS
  'The per-day rows of activity_rows over all time, per course activity, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.activity_rows(course_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                       per_day boolean DEFAULT false)
    RETURNS TABLE (day date, course_id text, title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text, activity_id text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_activities' ELSE 'all_time_activities' END)
            || CASE WHEN course_ids IS NOT NULL THEN ' WHERE r.course_id OPERATOR(pg_catalog.=) ANY ($1)' ELSE '' END
            USING course_ids;
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_activity_rows(course_ids, from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.activity_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per activity (child content) of the courses (of course_ids; NULL: every parent), and per UTC day with events when per_day: views, reactions by kind, comments and learner downloads in [from_ts, to_ts). Building block of course_activity_engagement and its view. Reads the stored rows over all time when use_all_time allows, else computes them (computed_activity_rows).';
ALTER FUNCTION activity_report_internal.course_event_totals(timestamptz, timestamptz, boolean, text[]) RENAME TO computed_course_event_totals;
-- The stored rows over all time of course_event_totals (54_rollups_all_time.sql), per course.
CREATE TABLE activity_report_internal.all_time_course_totals AS
    SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_course_totals (course_id);
COMMENT ON TABLE activity_report_internal.all_time_course_totals IS
  'The all-time rows of course_event_totals over all time, per course, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_course_totals AS
    SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_course_totals (course_id);
CREATE INDEX ON activity_report_internal.daily_course_totals (day);
COMMENT ON TABLE activity_report_internal.daily_course_totals IS
  'The per-day rows of course_event_totals over all time, per course, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.course_event_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false)
    RETURNS TABLE (day date, course_id text, views bigint, score double precision, likes bigint, learned_something bigint,
                   outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_course_totals' ELSE 'all_time_course_totals' END);
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_course_event_totals(from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.course_event_totals(timestamptz, timestamptz, boolean) IS
  'Per course (content of type course) with events in [from_ts, to_ts), and per UTC day when per_day: views, reaction score and reactions by kind on its activities, from the facts of report_facts. Building block of collaborative_courses. Reads the stored rows over all time when use_all_time allows, else computes them (computed_course_event_totals).';
ALTER FUNCTION activity_report_internal.content_metrics(text[], timestamptz, timestamptz, boolean) RENAME TO computed_content_metrics;
-- The stored rows over all time of content_metrics (54_rollups_all_time.sql), per user and content.
CREATE TABLE activity_report_internal.all_time_content_metrics AS
    SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_content_metrics (user_id);
COMMENT ON TABLE activity_report_internal.all_time_content_metrics IS
  'The all-time rows of content_metrics over all time, per user and content, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_content_metrics AS
    SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_content_metrics (user_id);
CREATE INDEX ON activity_report_internal.daily_content_metrics (day);
COMMENT ON TABLE activity_report_internal.daily_content_metrics IS
  'The per-day rows of content_metrics over all time, per user and content, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.content_metrics(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                        per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, content_id text, name text, is_session boolean, starts_at timestamptz, ends_at timestamptz,
                   live_minutes double precision, engagement_rate double precision, recording_minutes double precision,
                   on_demand_minutes double precision, watched_fraction double precision,
                   viewed boolean, played boolean, reactions bigint, raised_hands bigint, chat_messages bigint,
                   qa_threads bigint, polls_answered bigint, attachments_downloaded bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_content_metrics' ELSE 'all_time_content_metrics' END)
            || CASE WHEN user_ids IS NOT NULL THEN ' WHERE r.user_id OPERATOR(pg_catalog.=) ANY ($1)' ELSE '' END
            USING user_ids;
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_content_metrics(user_ids, from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.content_metrics(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user) and content, and per UTC day when per_day, the seed-003 metrics in [from_ts, to_ts): live, recording and on-demand minutes, engagement, interaction counts. Building block of user_analytics, user_sessions, user_on_demand, their views and daily views; reads the facts of report_facts. Reads the stored rows over all time when use_all_time allows, else computes them (computed_content_metrics).';

-- The views over all time read the stored rows as they are (a function's rows would be copied first).
CREATE VIEW activity_report_internal.all_time_content_metrics_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.all_time_content_metrics r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity') c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.all_time_content_metrics_v IS 'content_metrics(NULL, ''-infinity'', ''infinity''): the stored rows when use_all_time allows, else computed.';
CREATE VIEW activity_report_internal.daily_content_metrics_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.daily_content_metrics r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity', true) c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.daily_content_metrics_v IS 'content_metrics(NULL, ''-infinity'', ''infinity'', true): the stored rows when use_all_time allows, else computed.';
ALTER FUNCTION activity_report_internal.analytics_rows(text[], timestamptz, timestamptz, boolean) RENAME TO computed_analytics_rows;
-- The stored rows over all time of analytics_rows (54_rollups_all_time.sql), per user.
CREATE TABLE activity_report_internal.all_time_analytics AS
    SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_analytics (user_id);
COMMENT ON TABLE activity_report_internal.all_time_analytics IS
  'The all-time rows of analytics_rows over all time, per user, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_analytics AS
    SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_analytics (user_id);
CREATE INDEX ON activity_report_internal.daily_analytics (day);
COMMENT ON TABLE activity_report_internal.daily_analytics IS
  'The per-day rows of analytics_rows over all time, per user, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.analytics_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                       per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, total_minutes_viewed double precision, sessions_viewed bigint,
                   average_live_engagement_rate double precision, videos_viewed bigint, reactions bigint,
                   chat_messages_sent bigint, poll_responses bigint, qa_threads_created bigint, attachments_downloaded bigint,
                   live_minutes double precision, recording_minutes double precision, on_demand_minutes double precision)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    missing text[];
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_analytics' ELSE 'all_time_analytics' END)
            || CASE WHEN user_ids IS NOT NULL THEN ' WHERE r.user_id OPERATOR(pg_catalog.=) ANY ($1)' ELSE '' END
            USING user_ids;
        IF user_ids IS NOT NULL AND NOT per_day THEN  -- a user of user_ids without events: a row of zeros
            missing := ARRAY(SELECT u FROM unnest(user_ids) u
                              WHERE NOT EXISTS (SELECT FROM activity_report_internal.all_time_analytics r WHERE r.user_id = u));
            IF cardinality(missing) > 0 THEN
                RETURN QUERY SELECT * FROM activity_report_internal.computed_analytics_rows(missing, from_ts, to_ts, false);
            END IF;
        END IF;
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_analytics_rows(user_ids, from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.analytics_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user with an event in the range), and per UTC day when per_day, the user-analytics numbers in [from_ts, to_ts): the body of user_analytics and its views. Reads the stored rows over all time when use_all_time allows, else computes them (computed_analytics_rows).';

-- The views over all time read the stored rows as they are (a function's rows would be copied first).
CREATE VIEW activity_report_internal.all_time_analytics_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.all_time_analytics r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity') c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.all_time_analytics_v IS 'analytics_rows(NULL, ''-infinity'', ''infinity''): the stored rows when use_all_time allows, else computed.';
CREATE VIEW activity_report_internal.daily_analytics_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.daily_analytics r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity', true) c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.daily_analytics_v IS 'analytics_rows(NULL, ''-infinity'', ''infinity'', true): the stored rows when use_all_time allows, else computed.';
ALTER FUNCTION activity_report_internal.attachment_rows(text[], timestamptz, timestamptz, boolean) RENAME TO computed_attachment_rows;
-- The stored rows over all time of attachment_rows (54_rollups_all_time.sql), per user and file.
CREATE TABLE activity_report_internal.all_time_attachments AS
    SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_attachments (user_id);
COMMENT ON TABLE activity_report_internal.all_time_attachments IS
  'The all-time rows of attachment_rows over all time, per user and file, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_attachments AS
    SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_attachments (user_id);
CREATE INDEX ON activity_report_internal.daily_attachments (day);
COMMENT ON TABLE activity_report_internal.daily_attachments IS
  'The per-day rows of attachment_rows over all time, per user and file, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.attachment_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                        per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, file text, name text, file_type text, source text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_attachments' ELSE 'all_time_attachments' END)
            || CASE WHEN user_ids IS NOT NULL THEN ' WHERE r.user_id OPERATOR(pg_catalog.=) ANY ($1)' ELSE '' END
            USING user_ids;
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_attachment_rows(user_ids, from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.attachment_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user), and per UTC day when per_day, the distinct files downloaded in [from_ts, to_ts), with type and source of the first download: the body of user_attachments and its views. Reads the stored rows over all time when use_all_time allows, else computes them (computed_attachment_rows).';

-- The views over all time read the stored rows as they are (a function's rows would be copied first).
CREATE VIEW activity_report_internal.all_time_attachments_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.all_time_attachments r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity') c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.all_time_attachments_v IS 'attachment_rows(NULL, ''-infinity'', ''infinity''): the stored rows when use_all_time allows, else computed.';
CREATE VIEW activity_report_internal.daily_attachments_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.daily_attachments r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity', true) c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.daily_attachments_v IS 'attachment_rows(NULL, ''-infinity'', ''infinity'', true): the stored rows when use_all_time allows, else computed.';

CREATE OR REPLACE VIEW activity_report.collaborative_users_v WITH (security_invoker = true) AS
SELECT g.group_id, a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments, a.reactions,
       a.user_id, a.role
  FROM activity_report.groups g
  JOIN activity_report_internal.all_time_members_v a ON a.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_users_v IS 'Collaborative activity of the users of every group (seed 004, Users tab): publications, comments and reactions per member.';
COMMENT ON COLUMN activity_report.collaborative_users_v.group_id IS 'Group.';
COMMENT ON COLUMN activity_report.collaborative_users_v.first_name IS 'First name of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.last_name IS 'Last name of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.email IS 'Email of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.additional_information IS 'The user''s Additional information field.';
COMMENT ON COLUMN activity_report.collaborative_users_v.publications IS 'Posts in Messages (role publication); replies are not counted.';
COMMENT ON COLUMN activity_report.collaborative_users_v.comments IS 'Forum posts and replies, replies in Messages, comments (role comment).';
COMMENT ON COLUMN activity_report.collaborative_users_v.reactions IS 'Reactions in activities and likes on posts (role reaction).';
COMMENT ON COLUMN activity_report.collaborative_users_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.collaborative_users_v.role IS 'Role of the user in the group.';

CREATE OR REPLACE VIEW activity_report.collaborative_groups WITH (security_invoker = true) AS
SELECT g.name, COALESCE(t.publications, 0) AS publications, COALESCE(t.comments, 0) AS comments,
       COALESCE(t.reactions, 0) AS reactions, g.group_id
  FROM activity_report.groups g
  LEFT JOIN activity_report_internal.group_totals('-infinity', 'infinity') t ON t.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_groups IS 'Collaborative activity of several groups (seed 004, Groups tab): totals of the members whose role in the group is learner.';
COMMENT ON COLUMN activity_report.collaborative_groups.name IS 'Name of the group.';
COMMENT ON COLUMN activity_report.collaborative_groups.publications IS 'Publications of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.comments IS 'Comments of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.reactions IS 'Reactions of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.group_id IS 'Group ID.';

CREATE OR REPLACE FUNCTION activity_report.collaborative_groups(from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT g.name, COALESCE(t.publications, 0), COALESCE(t.comments, 0), COALESCE(t.reactions, 0)
      FROM activity_report.groups g
     LEFT JOIN activity_report_internal.group_totals(COALESCE($1, '-infinity'), COALESCE($2, 'infinity')) t ON t.group_id = g.group_id
     ORDER BY g.name, g.group_id
$$;
COMMENT ON FUNCTION activity_report.collaborative_groups(timestamptz, timestamptz) IS
  'Collaborative activity of several groups (seed 004): one row per group, totals in [from_ts, to_ts) over the members with the learner role.';

-- Views for BI tools over all time: the four reports for every user with at least one event, keyed by user_id.
CREATE OR REPLACE VIEW activity_report.user_analytics_v WITH (security_invoker = true) AS
SELECT a.user_id, NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS user_name, u.role, u.company, u.industry, u.country,
       a.total_minutes_viewed, a.sessions_viewed, a.average_live_engagement_rate, a.videos_viewed, a.reactions,
       a.chat_messages_sent, a.poll_responses, a.qa_threads_created, a.attachments_downloaded,
       a.live_minutes, a.recording_minutes, a.on_demand_minutes
  FROM activity_report_internal.all_time_analytics_v a
  LEFT JOIN activity_report.users u ON u.user_id = a.user_id;
COMMENT ON VIEW activity_report.user_analytics_v IS 'User analytics dashboard (seed 003), all time: one row per user with at least one event.';
COMMENT ON COLUMN activity_report.user_analytics_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_analytics_v.user_name IS 'First and last name of the user.';
COMMENT ON COLUMN activity_report.user_analytics_v.role IS 'Role of the user.';
COMMENT ON COLUMN activity_report.user_analytics_v.company IS 'Company.';
COMMENT ON COLUMN activity_report.user_analytics_v.industry IS 'Industry.';
COMMENT ON COLUMN activity_report.user_analytics_v.country IS 'Country.';
COMMENT ON COLUMN activity_report.user_analytics_v.total_minutes_viewed IS 'Live + recording + on-demand minutes.';
COMMENT ON COLUMN activity_report.user_analytics_v.sessions_viewed IS 'Distinct sessions the user viewed or joined.';
COMMENT ON COLUMN activity_report.user_analytics_v.average_live_engagement_rate IS 'engagement_rate over the user''s live sessions (percent).';
COMMENT ON COLUMN activity_report.user_analytics_v.videos_viewed IS 'Distinct videos with a play or watch-progress event.';
COMMENT ON COLUMN activity_report.user_analytics_v.reactions IS 'Reactions (role reaction).';
COMMENT ON COLUMN activity_report.user_analytics_v.chat_messages_sent IS 'Chat messages sent.';
COMMENT ON COLUMN activity_report.user_analytics_v.poll_responses IS 'Distinct polls answered (per content and question).';
COMMENT ON COLUMN activity_report.user_analytics_v.qa_threads_created IS 'Q&A threads created.';
COMMENT ON COLUMN activity_report.user_analytics_v.attachments_downloaded IS 'Distinct files downloaded.';
COMMENT ON COLUMN activity_report.user_analytics_v.live_minutes IS 'Presence minutes in live sessions, clipped to their live window.';
COMMENT ON COLUMN activity_report.user_analytics_v.recording_minutes IS 'Watched fraction x duration of session recordings (after the session ended).';
COMMENT ON COLUMN activity_report.user_analytics_v.on_demand_minutes IS 'Watched fraction x duration of videos.';

CREATE OR REPLACE VIEW activity_report.user_sessions_v WITH (security_invoker = true) AS
SELECT m.user_id, m.name AS session_name, COALESCE(m.live_minutes, 0) + m.recording_minutes AS minutes_viewed, m.engagement_rate,
       m.reactions, m.raised_hands, m.attachments_downloaded, m.chat_messages AS chat_messages_sent, m.polls_answered
  FROM activity_report_internal.all_time_content_metrics_v m
 WHERE m.is_session;
COMMENT ON VIEW activity_report.user_sessions_v IS 'Per-session breakdown of the user analytics (seed 003), all time: one row per user and session attended.';
COMMENT ON COLUMN activity_report.user_sessions_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_sessions_v.session_name IS 'Name of the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.minutes_viewed IS 'Live + recording minutes of the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.engagement_rate IS 'Live engagement rate in the session (percent).';
COMMENT ON COLUMN activity_report.user_sessions_v.reactions IS 'Reactions in the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.raised_hands IS 'Hands raised in the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.attachments_downloaded IS 'Attachment downloads by the user in the session (each download counts).';
COMMENT ON COLUMN activity_report.user_sessions_v.chat_messages_sent IS 'Chat messages sent in the session.';
COMMENT ON COLUMN activity_report.user_sessions_v.polls_answered IS 'Distinct polls answered in the session.';

CREATE OR REPLACE VIEW activity_report.user_on_demand_v WITH (security_invoker = true) AS
SELECT m.user_id, m.name, m.on_demand_minutes AS minutes_viewed, 100 * m.watched_fraction AS completion_rate
  FROM activity_report_internal.all_time_content_metrics_v m
 WHERE NOT m.is_session AND m.played;
COMMENT ON VIEW activity_report.user_on_demand_v IS 'On-demand (VOD) breakdown of the user analytics (seed 003), all time: one row per user and video played.';
COMMENT ON COLUMN activity_report.user_on_demand_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_on_demand_v.name IS 'Name of the video.';
COMMENT ON COLUMN activity_report.user_on_demand_v.minutes_viewed IS 'Watched fraction x duration.';
COMMENT ON COLUMN activity_report.user_on_demand_v.completion_rate IS 'Watched fraction, 0-100.';

CREATE OR REPLACE VIEW activity_report.user_attachments_v WITH (security_invoker = true) AS
SELECT a.user_id, a.name, a.file_type, a.source
  FROM activity_report_internal.all_time_attachments_v a;
COMMENT ON VIEW activity_report.user_attachments_v IS 'Attachments downloaded (seed 003), all time: one row per user and distinct file.';
COMMENT ON COLUMN activity_report.user_attachments_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_attachments_v.name IS 'File name.';
COMMENT ON COLUMN activity_report.user_attachments_v.file_type IS 'File type (its extension, lower case).';
COMMENT ON COLUMN activity_report.user_attachments_v.source IS 'Session or content where the file was first downloaded.';
-- Daily views for BI tools (design §8): each seed-003 and seed-004 view with a leading day (UTC) column, for
-- the days with activity. Additive columns (counts, minutes: presence split at midnight, watched minutes as
-- the day's increase of the watched fraction) sum over the days to the all-time view; distinct counts and
-- rates are those of the day.

CREATE OR REPLACE VIEW activity_report.user_analytics_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.user_id, NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS user_name, u.role, u.company,
       u.industry, u.country, a.total_minutes_viewed, a.sessions_viewed, a.average_live_engagement_rate, a.videos_viewed,
       a.reactions, a.chat_messages_sent, a.poll_responses, a.qa_threads_created, a.attachments_downloaded,
       a.live_minutes, a.recording_minutes, a.on_demand_minutes
  FROM activity_report_internal.daily_analytics_v a
  LEFT JOIN activity_report.users u ON u.user_id = a.user_id;
COMMENT ON VIEW activity_report.user_analytics_daily_v IS 'User analytics dashboard (seed 003) per day (UTC): one row per user and day with activity; minutes and counts sum over the days to user_analytics_v.';

CREATE OR REPLACE VIEW activity_report.user_sessions_daily_v WITH (security_invoker = true) AS
SELECT m.day, m.user_id, m.name AS session_name, COALESCE(m.live_minutes, 0) + m.recording_minutes AS minutes_viewed,
       m.engagement_rate, m.reactions, m.raised_hands, m.attachments_downloaded, m.chat_messages AS chat_messages_sent,
       m.polls_answered
  FROM activity_report_internal.daily_content_metrics_v m
 WHERE m.is_session;
COMMENT ON VIEW activity_report.user_sessions_daily_v IS 'Per-session breakdown of the user analytics (seed 003) per day (UTC): minutes (presence split at midnight) and counts sum over the days to user_sessions_v.';

CREATE OR REPLACE VIEW activity_report.user_on_demand_daily_v WITH (security_invoker = true) AS
SELECT m.day, m.user_id, m.name, m.on_demand_minutes AS minutes_viewed, 100 * m.watched_fraction AS completion_rate
  FROM activity_report_internal.daily_content_metrics_v m
 WHERE NOT m.is_session AND m.played;
COMMENT ON VIEW activity_report.user_on_demand_daily_v IS 'On-demand breakdown of the user analytics (seed 003) per day (UTC): the day''s increase of minutes viewed and of the completion rate; both sum over the days to user_on_demand_v.';

CREATE OR REPLACE VIEW activity_report.user_attachments_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.user_id, a.name, a.file_type, a.source
  FROM activity_report_internal.daily_attachments_v a;
COMMENT ON VIEW activity_report.user_attachments_daily_v IS 'Attachments downloaded (seed 003) per day (UTC): one row per user, day and distinct file downloaded that day.';

CREATE OR REPLACE VIEW activity_report.collaborative_users_daily_v WITH (security_invoker = true) AS
SELECT a.day, g.group_id, a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments,
       a.reactions, a.user_id, a.role
  FROM activity_report.groups g
  JOIN activity_report_internal.daily_members_v a ON a.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_users_daily_v IS 'Collaborative activity of the users of every group (seed 004) per day (UTC): one row per member and day with activity; counts sum to collaborative_users_v.';
-- Views that named a renamed block by its old name now name it again (a view follows a function by oid).

CREATE OR REPLACE VIEW activity_report.course_activity_engagement_v WITH (security_invoker = true) AS
SELECT a.course_id, a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question,
       a.comments, a.downloads, a.type, a.activity_id
  FROM activity_report_internal.activity_rows(NULL, '-infinity', 'infinity') a;
COMMENT ON VIEW activity_report.course_activity_engagement_v IS 'Engagement by activity of every course (seed 004): views (starts), reactions by kind, comments and downloads per activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.course_id IS 'Course of the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.title IS 'Title of the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.views IS 'Times the activity was started (each attempt counts).';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.likes IS 'Like reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.learned_something IS 'Learned something reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.outdated IS 'Outdated reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.have_a_question IS 'Have a question reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.comments IS 'Public comments published in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.downloads IS 'Times the activity was downloaded by a learner (users.role not admin, editor or contributor); documents and cheat sheets only.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.type IS 'Type of activity (Cheat Sheet, Question, Document).';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.activity_id IS 'Activity content ID.';

CREATE OR REPLACE VIEW activity_report.collaborative_groups_daily_v WITH (security_invoker = true) AS
SELECT t.day, g.name, t.publications, t.comments, t.reactions, g.group_id
  FROM activity_report.groups g
  JOIN activity_report_internal.group_totals('-infinity', 'infinity', true) t ON t.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_groups_daily_v IS 'Collaborative activity of several groups (seed 004) per day (UTC): learners'' totals per group and day with activity; they sum to collaborative_groups.';

CREATE OR REPLACE VIEW activity_report.course_activity_engagement_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.course_id, a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question,
       a.comments, a.downloads, a.type, a.activity_id
  FROM activity_report_internal.activity_rows(NULL, '-infinity', 'infinity', true) a;
COMMENT ON VIEW activity_report.course_activity_engagement_daily_v IS 'Engagement by activity of every course (seed 004) per day (UTC): one row per activity and day with events; counts sum to course_activity_engagement_v.';

CREATE OR REPLACE VIEW activity_report.collaborative_courses_daily_v WITH (security_invoker = true) AS
SELECT x.day, c.name AS course_name, x.course_id, x.views, round(x.score::numeric)::integer AS reaction_score,
       activity_report.reaction_band(round(x.score::numeric)::integer) AS reaction_band,
       x.likes, x.learned_something, x.outdated, x.have_a_question, x.useful, x.irrelevant
  FROM activity_report_internal.course_event_totals('-infinity', 'infinity', true) x
  JOIN activity_report.contents c ON c.content_id = x.course_id;
COMMENT ON VIEW activity_report.collaborative_courses_daily_v IS 'Collaborative activity of several courses (seed 004) per day (UTC): views, reaction score and reactions by kind per course and day with events; counts sum to collaborative_courses.';
-- The tables and views of the stored rows over all time (54_rollups_all_time.sql), found by name: each holds
-- the rows of one building block, column for column, which their column comments say. The tables hold every
-- portal, so only a role that sees every portal reads them (the building blocks compute for the others, see
-- use_all_time).
DO $stored$
DECLARE
    r record;
    col name;
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS rel, c.relkind, m[1] = 'daily' AS per_day,
               CASE m[2] WHEN 'content_metrics' THEN 'content_metrics' WHEN 'analytics' THEN 'analytics_rows'
                         WHEN 'attachments' THEN 'attachment_rows' WHEN 'members' THEN 'member_rows'
                         WHEN 'group_totals' THEN 'group_totals' WHEN 'activities' THEN 'activity_rows'
                         WHEN 'course_totals' THEN 'course_event_totals' END AS block
          FROM pg_catalog.pg_class c
         CROSS JOIN LATERAL pg_catalog.regexp_match(c.relname, '^(all_time|daily)_(.*?)(_v)?$') m
         WHERE c.relnamespace = 'activity_report_internal'::regnamespace AND c.relkind IN ('r', 'v')
           AND m IS NOT NULL AND m[2] NOT IN ('built', 'stale', 'pending')
    LOOP
        FOR col IN SELECT a.attname FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = r.rel AND a.attnum > 0 AND NOT a.attisdropped LOOP
            EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', r.rel, col,
                pg_catalog.format('%s of activity_report_internal.%s over all time%s.', col, r.block,
                                  CASE WHEN r.per_day THEN ', per day' ELSE '' END));
        END LOOP;
        CONTINUE WHEN r.relkind <> 'r';
        EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r.rel);
        EXECUTE pg_catalog.format(
            'CREATE POLICY every_portal ON %s '
            'USING (''*'' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])))', r.rel);
        EXECUTE pg_catalog.format('COMMENT ON POLICY every_portal ON %s IS %L', r.rel,
            'All-time results of every portal: visible to the roles bound to every portal (''*'').');
    END LOOP;
END
$stored$;
-- As in a fresh install: readers read every internal table and run every internal function (60_security.sql),
-- except what partitions keep to writers and the owner.
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report_internal TO activity_report_reader;
REVOKE EXECUTE ON FUNCTION activity_report_internal.index_event_partition(regclass) FROM PUBLIC, activity_report_reader;

-- 0.2.0: shards (src/sql/57_shards.sql). Inserted events mark their days dirty from the classifying trigger,
-- updates and deletes from row triggers (a transition table cannot be collected from a foreign partition);
-- the raw path can read the local events only; refresh_rollups rolls up and pulls the shards.
DROP TRIGGER events_rollup_insert ON activity_report.events;
DROP TRIGGER events_rollup_update ON activity_report.events;
DROP TRIGGER events_rollup_delete ON activity_report.events;
DROP TRIGGER events_rollup_truncate ON activity_report.events;
CREATE FUNCTION activity_report_internal.made_by_this_transaction(row_xmin xid) RETURNS boolean
    LANGUAGE c STABLE STRICT PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'ar_made_by_this_transaction';
COMMENT ON FUNCTION activity_report_internal.made_by_this_transaction(xid) IS
  'Whether a row whose xmin is given was written by the current transaction or one of its subtransactions (savepoints).';
GRANT EXECUTE ON FUNCTION activity_report_internal.made_by_this_transaction(xid) TO activity_report_reader;

CREATE OR REPLACE FUNCTION activity_report_internal.events_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO activity_report_internal.rollup_dirty SELECT s.day FROM activity_report.rollup_slices s;
        RETURN NULL;
    END IF;
    -- a mark this transaction made (or a subtransaction of it) is enough: a refresh cannot take it away before
    -- this commits; one made by another may be deleted by a refresh that does not see this change
    INSERT INTO activity_report_internal.rollup_dirty
         SELECT x.day FROM (SELECT activity_report_internal.day_of(OLD.occurred_at) AS day) x
          WHERE NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty r
                             WHERE r.day = x.day AND activity_report_internal.made_by_this_transaction(r.xmin));
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO activity_report_internal.rollup_dirty
             SELECT x.day FROM (SELECT activity_report_internal.day_of(NEW.occurred_at) AS day) x
              WHERE NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty r
                             WHERE r.day = x.day AND activity_report_internal.made_by_this_transaction(r.xmin));
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.events_changed() IS 'Trigger of events: marks the days of updated or deleted rows dirty for refresh_rollups (every rolled-up day on TRUNCATE); inserted rows are marked by the classifying trigger.';
CREATE TRIGGER events_rollup_update AFTER UPDATE ON activity_report.events
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.events_changed();
CREATE TRIGGER events_rollup_delete AFTER DELETE ON activity_report.events
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.events_changed();
CREATE TRIGGER events_rollup_truncate AFTER TRUNCATE ON activity_report.events
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.events_changed();
COMMENT ON TRIGGER events_rollup_update ON activity_report.events IS 'An updated event makes its old and new days dirty.';
COMMENT ON TRIGGER events_rollup_delete ON activity_report.events IS 'A deleted event makes its day dirty.';
COMMENT ON TRIGGER events_rollup_truncate ON activity_report.events IS 'Truncating events makes every rolled-up day dirty.';

CREATE FUNCTION activity_report_internal.forget_dirty_marks() RETURNS void
    LANGUAGE c VOLATILE PARALLEL UNSAFE
    AS 'MODULE_PATHNAME', 'ar_forget_dirty_marks';
COMMENT ON FUNCTION activity_report_internal.forget_dirty_marks() IS
  'Forgets which days this transaction''s inserts marked dirty (refresh_rollups deleted the marks), so the next insert of such a day marks it again.';

DROP FUNCTION activity_report_internal.raw_facts(tstzmultirange, timestamptz, timestamptz, text[], text[]);
DROP FUNCTION activity_report_internal.raw_details(tstzmultirange, timestamptz, timestamptz, text[], text[]);
CREATE FUNCTION activity_report_internal.raw_facts(ranges tstzmultirange, from_ts timestamptz, to_ts timestamptz,
                                                   user_ids text[] DEFAULT NULL, content_ids text[] DEFAULT NULL,
                                                   local_only boolean DEFAULT false)
    RETURNS SETOF activity_report_internal.fact
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    cond text := activity_report_internal.raw_condition(ranges, user_ids, content_ids);
BEGIN
    IF cond IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
    SELECT (e.occurred_at AT TIME ZONE 'UTC')::date,  -- day_of, inlined (per event)
           (CASE WHEN e.occurred_at < $1 THEN -1 WHEN e.occurred_at >= $2 THEN 1 ELSE 0 END)::smallint,
           e.portal, e.user_id, e.content_id, max(e.content_name),
           count(*),
           count(*) FILTER (WHERE x.roles && '{view,join}'),
           count(*) FILTER (WHERE x.roles && '{play,watch_progress}'),
           count(*) FILTER (WHERE 'view' = ANY (x.roles)),
           count(*) FILTER (WHERE 'reaction' = ANY (x.roles)),
           count(*) FILTER (WHERE 'raise_hand' = ANY (x.roles)),
           count(*) FILTER (WHERE 'chat_message' = ANY (x.roles)),
           count(*) FILTER (WHERE 'qa_thread' = ANY (x.roles)),
           count(*) FILTER (WHERE 'attachment_download' = ANY (x.roles)),
           count(*) FILTER (WHERE 'publication' = ANY (x.roles)),
           count(*) FILTER (WHERE 'comment' = ANY (x.roles)),
           count(*) FILTER (WHERE x.reaction = 'like'),
           count(*) FILTER (WHERE x.reaction = 'learned something'),
           count(*) FILTER (WHERE x.reaction = 'outdated'),
           count(*) FILTER (WHERE x.reaction = 'have a question'),
           count(*) FILTER (WHERE x.reaction = 'useful'),
           count(*) FILTER (WHERE x.reaction = 'irrelevant'),
           -- a stream per viewer, content and portal: facts are per portal (row-level security), and summaries
           -- of one stream from two portals would overlap in time
           activity_report.minutes_viewed_summary(COALESCE(e.portal, '') || E'\x1f' || e.user_id, e.content_id, e.action, e.occurred_at)
               FILTER (WHERE e.content_id IS NOT NULL AND x.roles && '{join,leave}'),
           activity_report.watched_fraction_summary(e.category, e.action, e.label)
               FILTER (WHERE 'watch_progress' = ANY (x.roles)),
           activity_report.watched_fraction_summary(e.category, e.action, e.label)
               FILTER (WHERE 'watch_progress' = ANY (x.roles) AND e.occurred_at >= c.ends_at AND NOT x.live_watch),
           activity_report.reaction_score_summary(e.action, e.label) FILTER (WHERE x.roles && '{view,reaction}'),
           activity_report.reaction_score_summary(e.action, e.label) FILTER (WHERE 'reaction' = ANY (x.roles))
      FROM $q$ || CASE WHEN local_only THEN 'activity_report.events_local' ELSE 'activity_report.events' END || $q$ e
      LEFT JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id
      LEFT JOIN activity_report.contents c ON c.content_id = e.content_id
     CROSS JOIN LATERAL (SELECT COALESCE(k.roles, '{}') AS roles, COALESCE(k.live_watch, false) AS live_watch,
                                CASE WHEN 'reaction' = ANY (k.roles) THEN lower(activity_report.reaction_of(e.action, e.label)) END AS reaction) x
     WHERE $q$ || cond || $q$
     GROUP BY 1, 2, 3, 4, 5
    $q$ USING from_ts, to_ts, user_ids, content_ids;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.raw_facts(tstzmultirange, timestamptz, timestamptz, text[], text[], boolean) IS
  'Facts computed from the events in the given time ranges (optionally of some users or contents; local_only: only the events stored on this server, not those of shards), cut into pieces before, in and after [from_ts, to_ts): the raw path of the reports and what refresh_rollups stores.';

CREATE FUNCTION activity_report_internal.raw_details(ranges tstzmultirange, from_ts timestamptz, to_ts timestamptz,
                                                     user_ids text[] DEFAULT NULL, content_ids text[] DEFAULT NULL,
                                                     local_only boolean DEFAULT false)
    RETURNS SETOF activity_report_internal.fact_detail
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    cond text := activity_report_internal.raw_condition(ranges, user_ids, content_ids);
BEGIN
    IF cond IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
    SELECT (e.occurred_at AT TIME ZONE 'UTC')::date,  -- day_of, inlined (per event)
           (CASE WHEN e.occurred_at < $1 THEN -1 WHEN e.occurred_at >= $2 THEN 1 ELSE 0 END)::smallint,
           e.portal, e.user_id, e.content_id, d.what, d.detail,
           min(e.occurred_at),
           (array_agg(e.event_id ORDER BY e.occurred_at, e.event_id))[1],
           (array_agg(e.label ORDER BY e.occurred_at, e.event_id))[1],
           (array_agg(e.content_name ORDER BY e.occurred_at, e.event_id))[1]
      FROM $q$ || CASE WHEN local_only THEN 'activity_report.events_local' ELSE 'activity_report.events' END || $q$ e
      JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id
     CROSS JOIN LATERAL (
           SELECT 'poll' AS what, COALESCE(e.details ->> 'question_name', e.category) AS detail WHERE 'poll_response' = ANY (k.roles)
           UNION ALL
           SELECT 'file', activity_report_internal.attachment_file(e.label, e.content_id) WHERE 'attachment_download' = ANY (k.roles)) d
     WHERE k.roles && '{poll_response,attachment_download}' AND $q$ || cond || $q$
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    $q$ USING from_ts, to_ts, user_ids, content_ids;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.raw_details(tstzmultirange, timestamptz, timestamptz, text[], text[], boolean) IS
  'Polls answered and files downloaded, from the events in the given time ranges (local_only: stored on this server), cut into pieces at [from_ts, to_ts): the raw path of rollup_details.';

-- One day of one rollup table (rollup_facts from raw_facts, rollup_details from raw_details) written again.
-- With track, the keys of the rows that changed go to all_time_pending for the stored all-time results (a
-- row unchanged, as most are when a few late events come, changes none there). A row is compared as text
-- (summaries have no equality), made once per row, and only when the day had rows (else every new one is a
-- change).
CREATE FUNCTION activity_report_internal.roll_up_day(tbl text, source text, d date, track boolean) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    EXECUTE pg_catalog.format($q$
        WITH old AS (DELETE FROM activity_report.%1$I f WHERE f.day = $1
                     RETURNING f.user_id, f.content_id, CASE WHEN $3 THEN f::text END AS t),
             new AS (SELECT * FROM activity_report_internal.%2$I($2, '-infinity', 'infinity', NULL, NULL, true)),
             ins AS (INSERT INTO activity_report.%1$I SELECT * FROM new)
        INSERT INTO activity_report_internal.all_time_pending (what, id, content_id)
             SELECT DISTINCT 'fact', c.user_id, c.content_id
               FROM (SELECT o.user_id, o.content_id, o.t, 1 AS side FROM old o
                     UNION ALL
                     SELECT w.user_id, w.content_id, CASE WHEN EXISTS (SELECT FROM old) THEN w::text END, -1 FROM new w) c
              WHERE $3
              GROUP BY c.user_id, c.content_id, c.t HAVING sum(c.side) <> 0$q$, tbl, source)
    USING d, tstzmultirange(tstzrange(activity_report_internal.day_start(d), activity_report_internal.day_start(d + 1))), track;
END
$fn$;
REVOKE ALL ON FUNCTION activity_report_internal.roll_up_day(text, text, date, boolean) FROM PUBLIC;
COMMENT ON FUNCTION activity_report_internal.roll_up_day(text, text, date, boolean) IS
  'In refresh_rollups: writes one day of rollup_facts (from raw_facts) or rollup_details (from raw_details) again; with track, the user and content of every row that changed go to all_time_pending.';

CREATE OR REPLACE FUNCTION activity_report.refresh_rollups(upto timestamptz DEFAULT now(), all_time boolean DEFAULT true) RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET activity_report.use_rollups = on
AS $fn$
DECLARE
    d date;
    n bigint := 0;
    shard_days date[];
    track boolean;
BEGIN
    IF upto IS NULL THEN
        RAISE EXCEPTION 'refresh_rollups: upto must not be NULL'
            USING ERRCODE = '22004', HINT = 'Pass a time, or omit it to roll up every day that has ended (now()).';
    END IF;
    PERFORM pg_advisory_xact_lock(1096184900, 1);  -- 'ARRD': the rollup refresh
    -- changed keys are tracked only for stored results that can be updated (else they are rebuilt whole)
    track := activity_report_internal.all_time_tracked();
    -- shards (57_shards.sql) roll up their own events first; the days they wrote are refreshed here too
    shard_days := activity_report_internal.refresh_shards(upto);
    -- an archived day keeps its rollups: its raw events are gone (an event inserted for it later is invalid:
    -- the classifying trigger, src/pg/dirty_days.cpp)
    FOR d IN SELECT DISTINCT x.day
               FROM (SELECT r.day FROM activity_report_internal.rollup_dirty r
                      WHERE activity_report_internal.day_start(r.day + 1) <= upto
                     UNION ALL SELECT unnest(shard_days)) x
              WHERE NOT EXISTS (SELECT FROM activity_report.rollup_slices s WHERE s.day = x.day AND s.archived)
              ORDER BY 1 LOOP
        DELETE FROM activity_report_internal.rollup_dirty r WHERE r.day = d;
        PERFORM activity_report_internal.roll_up_day('rollup_facts', 'raw_facts', d, track);
        PERFORM activity_report_internal.roll_up_day('rollup_details', 'raw_details', d, track);
        PERFORM activity_report_internal.pull_shard_day(d);  -- the shards' facts of the day, never their events
        IF track THEN  -- what the shards sent is pending as a whole (what they had was deleted above; a
                       -- detail's event is counted in a fact of the same day, user and content)
            INSERT INTO activity_report_internal.all_time_pending (what, id, content_id)
                 SELECT DISTINCT 'fact', f.user_id, f.content_id FROM activity_report.rollup_facts f
                  WHERE f.day = d AND f.portal = ANY (ARRAY(SELECT unnest(s.portals) FROM activity_report_internal.shards s));
        END IF;
        DELETE FROM activity_report.rollup_slice_portals p WHERE p.day = d;
        INSERT INTO activity_report.rollup_slice_portals (day, portal, events)
             SELECT d, f.portal, sum(f.events) FROM activity_report.rollup_facts f WHERE f.day = d GROUP BY f.portal;
        INSERT INTO activity_report.rollup_slices AS s (day, events, refreshed_at)
             SELECT d, COALESCE(sum(p.events), 0), clock_timestamp() FROM activity_report.rollup_slice_portals p WHERE p.day = d
        ON CONFLICT (day) DO UPDATE SET events = excluded.events, refreshed_at = excluded.refreshed_at;
        n := n + 1;
        PERFORM pg_catalog.pg_sleep(0);  -- an interrupt point between days
    END LOOP;
    -- an archived day is never rolled up again: a mark on it (an accepted invalid row changed or deleted) means
    -- nothing, and would keep the all-time results from being read
    DELETE FROM activity_report_internal.rollup_dirty r USING activity_report.rollup_slices s
     WHERE s.day = r.day AND s.archived;
    -- this transaction's inserts mark the days they touch again (the trigger remembers which it marked)
    PERFORM activity_report_internal.forget_dirty_marks();
    -- the stored all-time results (54_rollups_all_time.sql): brought up to date once every day is clean, the
    -- rows of the changed keys (all_time_pending) or all of them; until then not read
    IF all_time AND NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty)
       AND (EXISTS (SELECT FROM activity_report_internal.all_time_pending)
            OR EXISTS (SELECT FROM activity_report_internal.all_time_stale)
            OR NOT EXISTS (SELECT FROM activity_report_internal.all_time_built)) THEN
        PERFORM activity_report_internal.update_all_time_results();
    END IF;
    RETURN n;
END
$fn$;
REVOKE ALL ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) FROM PUBLIC;
COMMENT ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) IS
  'Rolls up every day (UTC) that ends at or before upto and changed since its last refresh (new, late, updated or deleted events, or a taxonomy change); returns the number of days written. With all_time (the default), once no day is left dirty, it also brings up to date the stored results over all time that the all-time and daily views read: the rows of the users, groups and courses that read the facts and dimension rows that changed, or all of them when they are missing, a rebuild is due or most users changed (pass false to defer it, e.g. between the files of a load). Incremental, idempotent, one at a time (a concurrent call waits, then does what is left). Schedule it with pg_cron.';

-- Beyond one node (design §8): the events of some portals live on another PostgreSQL server (a shard) that
-- has the extension, as a postgres_fdw foreign partition of events. The shard validates, classifies and
-- rolls up its events; the coordinator's refresh_rollups asks each shard to roll up, then pulls the shards'
-- daily facts (never their events) into its own rollups. Every node has both sides: a coordinator's
-- catalog of shards, and a shard's request table that a coordinator writes to.

-- The coordinator's side. One row per attached server; its objects are named by shard_id: the partition
-- activity_report.events_shard_<id> and the schema activity_report_shard_<id> of foreign tables over the
-- shard's rollups, dimensions and request table.
CREATE TABLE activity_report_internal.shards (
    shard_id          integer PRIMARY KEY,
    server            name NOT NULL UNIQUE,
    portals           text[] NOT NULL,
    pulled_upto       timestamptz,
    dimensions_pushed boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE activity_report_internal.shards IS 'Shards attached to this coordinator (activity_report.attach_shard): the postgres_fdw server holding the events of some portals.';
COMMENT ON COLUMN activity_report_internal.shards.shard_id IS 'Number of the shard: its partition is activity_report.events_shard_<id>, its foreign tables are in schema activity_report_shard_<id>.';
COMMENT ON COLUMN activity_report_internal.shards.server IS 'The postgres_fdw foreign server.';
COMMENT ON COLUMN activity_report_internal.shards.portals IS 'The portals whose events it holds.';
COMMENT ON COLUMN activity_report_internal.shards.pulled_upto IS 'The latest refreshed_at of the shard''s rollup_slices that the coordinator pulled (the shard''s clock).';
COMMENT ON COLUMN activity_report_internal.shards.dimensions_pushed IS 'false when users, contents, content types, groups or memberships changed since they were last pushed to the shard.';
SELECT pg_catalog.pg_extension_config_dump('activity_report_internal.shards', '');

-- The shard's side: a coordinator inserts one row per refresh (through a foreign table); the trigger merges
-- the dimensions it sent into shard_inbox, when it sent them, and rolls up the shard's dirty days until upto.
CREATE TABLE activity_report_internal.shard_inbox (
    kind text NOT NULL,
    row  jsonb NOT NULL
);
COMMENT ON TABLE activity_report_internal.shard_inbox IS 'On a shard: the dimension rows a coordinator sent (kind: the table), merged into users, contents, content_types, groups and group_members by the next refresh request.';
COMMENT ON COLUMN activity_report_internal.shard_inbox.kind IS 'The dimension table the row is of.';
COMMENT ON COLUMN activity_report_internal.shard_inbox.row IS 'The row, as to_jsonb gives it.';
CREATE TABLE activity_report_internal.shard_requests (
    requested_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    upto             timestamptz NOT NULL,
    merge_dimensions boolean NOT NULL DEFAULT false,
    days             bigint
);
COMMENT ON TABLE activity_report_internal.shard_requests IS 'On a shard: the refreshes a coordinator asked for (each insert runs refresh_rollups(upto, false) here), kept as a log.';
COMMENT ON COLUMN activity_report_internal.shard_requests.requested_at IS 'When.';
COMMENT ON COLUMN activity_report_internal.shard_requests.upto IS 'The coordinator''s upto.';
COMMENT ON COLUMN activity_report_internal.shard_requests.merge_dimensions IS 'true: the coordinator sent its dimensions into shard_inbox first.';
COMMENT ON COLUMN activity_report_internal.shard_requests.days IS 'Days the shard rolled up.';

-- The dimension tables a shard gets from its coordinator, in the order they are merged.
CREATE FUNCTION activity_report_internal.shard_dimensions() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['content_types', 'users', 'contents', 'groups', 'group_members'] $$;
COMMENT ON FUNCTION activity_report_internal.shard_dimensions() IS 'The dimension tables a coordinator pushes to its shards.';

-- Each table becomes what the inbox holds: rows upserted by primary key (unchanged rows are not written,
-- so a content's unchanged ends_at dirties nothing), rows the coordinator no longer has deleted.
CREATE FUNCTION activity_report_internal.merge_dimensions() RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    t text;
    keys text;
    key_match text;
    sets text;
BEGIN
    FOREACH t IN ARRAY activity_report_internal.shard_dimensions() LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i),
               string_agg(format('x.%1$I = y.%1$I', a.attname), ' AND ' ORDER BY k.i)
          INTO keys, key_match
          FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, i)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         WHERE c.conrelid = format('activity_report.%I', t)::regclass AND c.contype = 'p';
        SELECT string_agg(format('%1$I = excluded.%1$I', a.attname), ', ' ORDER BY a.attnum) INTO sets
          FROM pg_attribute a
         WHERE a.attrelid = format('activity_report.%I', t)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
        EXECUTE format($q$DELETE FROM activity_report.%1$I x
                           WHERE NOT EXISTS (SELECT FROM activity_report_internal.shard_inbox i
                                              CROSS JOIN LATERAL jsonb_populate_record(NULL::activity_report.%1$I, i.row) y
                                              WHERE i.kind = %2$L AND %3$s)$q$, t, t, key_match);
        EXECUTE format($q$INSERT INTO activity_report.%1$I AS x
                          SELECT y.* FROM activity_report_internal.shard_inbox i
                           CROSS JOIN LATERAL jsonb_populate_record(NULL::activity_report.%1$I, i.row) y
                           WHERE i.kind = %2$L
                          ON CONFLICT (%3$s) DO UPDATE SET %4$s WHERE (x.*) IS DISTINCT FROM (excluded.*)$q$, t, t, keys, sets);
    END LOOP;
    DELETE FROM activity_report_internal.shard_inbox;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.merge_dimensions() IS 'On a shard: makes each dimension table what the coordinator sent into shard_inbox (upserts by primary key, deletes what it no longer has).';

CREATE FUNCTION activity_report_internal.shard_request() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    NEW.requested_at := COALESCE(NEW.requested_at, now());  -- postgres_fdw sends every column, NULL when not given
    IF NEW.merge_dimensions THEN
        PERFORM activity_report_internal.merge_dimensions();
    END IF;
    NEW.days := activity_report.refresh_rollups(NEW.upto, false);
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.shard_request() IS 'On a shard: a coordinator''s refresh request merges the dimensions sent, then rolls up the dirty days until upto.';
CREATE TRIGGER shard_request BEFORE INSERT ON activity_report_internal.shard_requests
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.shard_request();
COMMENT ON TRIGGER shard_request ON activity_report_internal.shard_requests IS 'Runs the refresh a coordinator asks for.';

-- A change of a dimension is pushed to every shard at the next refresh.
CREATE FUNCTION activity_report_internal.dimensions_changed_shards() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    UPDATE activity_report_internal.shards SET dimensions_pushed = false WHERE dimensions_pushed;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.dimensions_changed_shards() IS 'Statement trigger of the dimension tables: the shards get them again at the next refresh.';
DO $triggers$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY activity_report_internal.shard_dimensions() LOOP
        EXECUTE format('CREATE TRIGGER dimensions_changed_shards AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimensions_changed_shards()', t);
        EXECUTE format('COMMENT ON TRIGGER dimensions_changed_shards ON activity_report.%I IS %L', t,
                       'A change is pushed to the shards at the next refresh_rollups.');
    END LOOP;
END
$triggers$;

-- The foreign tables of one shard, in its schema: what the coordinator reads and writes there.
CREATE FUNCTION activity_report_internal.shard_tables() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['rollup_facts', 'rollup_details', 'rollup_slices', 'activity_kinds', 'vocabularies', 'reaction_types'] $$;
COMMENT ON FUNCTION activity_report_internal.shard_tables() IS 'The tables of schema activity_report a coordinator reads on each shard (besides the dimensions it writes and its events partition).';

CREATE FUNCTION activity_report.attach_shard(server name, portals text[]) RETURNS regclass
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    id integer;
    nsp text;
    part text;
    taken record;
    missing text;
    moved bigint;
BEGIN
    IF server IS NULL OR portals IS NULL OR cardinality(portals) = 0 OR array_position(portals, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'attach_shard: server and portals must be given, and no portal may be NULL'
            USING ERRCODE = '22004', HINT = 'SELECT activity_report.attach_shard(''shard_a'', ARRAY[''portal-a'']); events without a portal stay on this server.';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
                    WHERE s.srvname = server AND w.fdwname = 'postgres_fdw') THEN
        RAISE EXCEPTION 'attach_shard: "%" is not a postgres_fdw foreign server', server
            USING ERRCODE = '42704',
                  HINT = 'CREATE EXTENSION postgres_fdw; CREATE SERVER ... FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host ..., dbname ...); and a USER MAPPING for the extension''s owner and every role that reads or writes events.';
    END IF;
    SELECT s.server, p INTO taken FROM activity_report_internal.shards s CROSS JOIN LATERAL unnest(s.portals) p
     WHERE s.server = attach_shard.server OR p = ANY (attach_shard.portals) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'attach_shard: portal "%" is already on server "%"', taken.p, taken.server
            USING ERRCODE = '23505', HINT = 'A server is attached once, with all its portals; a portal lives on one server.';
    END IF;
    LOCK TABLE activity_report.events IN ACCESS EXCLUSIVE MODE;
    id := COALESCE((SELECT max(s.shard_id) FROM activity_report_internal.shards s), 0) + 1;
    nsp := 'activity_report_shard_' || id;
    part := 'events_shard_' || id;
    EXECUTE format('CREATE SCHEMA %I', nsp);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', nsp);
    EXECUTE format('IMPORT FOREIGN SCHEMA activity_report LIMIT TO (%s) FROM SERVER %I INTO %I',
                   array_to_string(activity_report_internal.shard_tables() || activity_report_internal.shard_dimensions(), ', '),
                   server, nsp);
    EXECUTE format('IMPORT FOREIGN SCHEMA activity_report_internal LIMIT TO (shard_inbox, shard_requests) FROM SERVER %I INTO %I',
                   server, nsp);
    SELECT string_agg(t, ', ') INTO missing
      FROM unnest(activity_report_internal.shard_tables() || activity_report_internal.shard_dimensions()
                  || ARRAY['shard_inbox', 'shard_requests']) t
     WHERE to_regclass(format('%I.%I', nsp, t)) IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'attach_shard: server "%" has no activity_report 0.2.0 (missing: %)', server, missing
            USING ERRCODE = '42P01', HINT = 'Run CREATE EXTENSION activity_report (or ALTER EXTENSION activity_report UPDATE) in the shard''s database.';
    END IF;
    PERFORM activity_report_internal.check_shard_taxonomy(server, nsp);
    -- the portals' events stored here move to the shard, as they are (event_id, loaded_at, classification)
    CREATE TEMP TABLE attach_shard_moving ON COMMIT DROP AS
        WITH m AS (DELETE FROM activity_report.events_local e WHERE e.portal = ANY (attach_shard.portals) RETURNING e.*)
        SELECT * FROM m;
    EXECUTE format('CREATE FOREIGN TABLE activity_report.%I PARTITION OF activity_report.events FOR VALUES IN (%s) '
                   'SERVER %I OPTIONS (schema_name ''activity_report'', table_name ''events'')',
                   part, (SELECT string_agg(quote_literal(p), ', ') FROM unnest(portals) p), server);
    EXECUTE format('COMMENT ON FOREIGN TABLE activity_report.%I IS %L', part,
                   format('Events of portals %s, on server %s (attach_shard): a partition of activity_report.events. Read and write it through activity_report.events.',
                          array_to_string(portals, ', '), server));
    -- as every partition: used through events only, where its row-level security applies
    EXECUTE format('REVOKE ALL ON activity_report.%I FROM PUBLIC, activity_report_reader, activity_report_writer', part);
    INSERT INTO activity_report.events SELECT * FROM attach_shard_moving;
    GET DIAGNOSTICS moved = ROW_COUNT;
    DROP TABLE attach_shard_moving;
    INSERT INTO activity_report_internal.shards (shard_id, server, portals) VALUES (id, server, portals);
    RAISE NOTICE 'attach_shard: portals % on server "%": % events moved there', array_to_string(portals, ', '), server, moved
        USING HINT = 'Run activity_report.refresh_rollups() to roll them up there and pull their facts.';
    RETURN format('activity_report.%I', part)::regclass;
END
$fn$;
REVOKE ALL ON FUNCTION activity_report.attach_shard(name, text[]) FROM PUBLIC;
COMMENT ON FUNCTION activity_report.attach_shard(name, text[]) IS
  'Makes the events of some portals a postgres_fdw foreign partition of activity_report.events on another server that has the extension (a shard), moving the events of those portals stored here to it; returns the partition. From then on inserts and loads through events reach the shard, refresh_rollups rolls up there and pulls the shard''s daily facts, and the dimension tables are pushed to it.';

-- The taxonomy is baked into facts (roles, reaction names): a shard's must be this node's.
CREATE FUNCTION activity_report_internal.check_shard_taxonomy(server name, nsp text) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    t text;
    here text;
    there text;
BEGIN
    FOREACH t IN ARRAY ARRAY['activity_kinds', 'vocabularies', 'reaction_types'] LOOP
        EXECUTE format('SELECT md5(COALESCE(string_agg(x::text, E''\n'' ORDER BY x::text), '''')) FROM activity_report.%I x', t) INTO here;
        EXECUTE format('SELECT md5(COALESCE(string_agg(x::text, E''\n'' ORDER BY x::text), '''')) FROM %I.%I x', nsp, t) INTO there;
        IF here IS DISTINCT FROM there THEN
            RAISE EXCEPTION 'shard "%": its activity_report.% differs from this server''s', server, t
                USING ERRCODE = '55000', HINT = 'Facts bake in the taxonomy: make the same taxonomy changes on every shard as here.';
        END IF;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.check_shard_taxonomy(name, text) IS 'Raises an error when a shard''s taxonomy (activity_kinds, vocabularies, reaction_types) is not this server''s.';

-- In refresh_rollups, for each shard: push the dimensions when they changed, ask the shard to roll up, and
-- return the days whose facts it wrote since they were last pulled. Any failure names the server; the
-- refresh then fails as a whole, and the rollups stay as they were (here and, through postgres_fdw's remote
-- transactions, on the shards).
CREATE FUNCTION activity_report_internal.refresh_shards(upto timestamptz) RETURNS date[]
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    s record;
    nsp text;
    t text;
    days date[];
    mark timestamptz;
    all_days date[] := '{}';
    state text;
    msg text;
    detail text;
BEGIN
    FOR s IN SELECT * FROM activity_report_internal.shards ORDER BY shard_id LOOP
        nsp := 'activity_report_shard_' || s.shard_id;
        BEGIN
            PERFORM activity_report_internal.check_shard_taxonomy(s.server, nsp);
            IF NOT s.dimensions_pushed THEN
                EXECUTE format('DELETE FROM %I.shard_inbox', nsp);
                FOREACH t IN ARRAY activity_report_internal.shard_dimensions() LOOP
                    EXECUTE format('INSERT INTO %I.shard_inbox (kind, row) SELECT %L, to_jsonb(x) FROM activity_report.%I x', nsp, t, t);
                END LOOP;
            END IF;
            EXECUTE format('INSERT INTO %I.shard_requests (upto, merge_dimensions) VALUES ($1, $2)', nsp)
                USING upto, NOT s.dimensions_pushed;
            EXECUTE format('SELECT array_agg(x.day), max(x.refreshed_at) FROM %I.rollup_slices x WHERE x.refreshed_at > $1 OR $1 IS NULL', nsp)
                INTO days, mark USING s.pulled_upto;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
            RAISE EXCEPTION 'refresh_rollups: shard "%" failed: %', s.server, msg
                USING ERRCODE = state, DETAIL = detail,
                      HINT = 'Nothing was refreshed. Check that the server is up and the user mapping of the extension''s owner, then refresh again.';
        END;
        UPDATE activity_report_internal.shards x SET pulled_upto = COALESCE(mark, x.pulled_upto), dimensions_pushed = true
         WHERE x.shard_id = s.shard_id;
        all_days := all_days || COALESCE(days, '{}');
    END LOOP;
    RETURN all_days;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.refresh_shards(timestamptz) IS 'In refresh_rollups on a coordinator: pushes changed dimensions to each shard, has it roll up its days until upto, and returns the days whose facts it wrote since they were last pulled.';

CREATE FUNCTION activity_report_internal.pull_shard_day(d date) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    s record;
    nsp text;
BEGIN
    FOR s IN SELECT * FROM activity_report_internal.shards ORDER BY shard_id LOOP
        nsp := 'activity_report_shard_' || s.shard_id;
        EXECUTE format('INSERT INTO activity_report.rollup_facts SELECT * FROM %I.rollup_facts f WHERE f.day = $1 AND f.portal = ANY ($2)', nsp)
            USING d, s.portals;
        EXECUTE format('INSERT INTO activity_report.rollup_details SELECT * FROM %I.rollup_details f WHERE f.day = $1 AND f.portal = ANY ($2)', nsp)
            USING d, s.portals;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.pull_shard_day(date) IS 'In refresh_rollups on a coordinator: copies the shards'' facts and details of one day (of their portals) into the rollups.';

-- As in a fresh install (60_security.sql).
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report_internal TO activity_report_reader;
REVOKE EXECUTE ON FUNCTION activity_report_internal.index_event_partition(regclass) FROM PUBLIC, activity_report_reader;
REVOKE ALL ON TABLE activity_report_internal.shard_inbox, activity_report_internal.shard_requests FROM activity_report_reader;
GRANT INSERT ON TABLE activity_report_internal.rollup_dirty TO activity_report_writer;

-- 0.2.0: a load makes its new months and indexes them once filled (src/sql/20_events.sql, 60_security.sql).
-- Loads that make their months (open_event_months, index_event_months): writers; the table and the steps
-- behind them are the owner's.
REVOKE EXECUTE ON FUNCTION activity_report_internal.make_event_month(timestamp, boolean), activity_report_internal.create_event_table(text),
    activity_report_internal.open_event_months(timestamptz[]), activity_report_internal.index_event_months(),
    activity_report_internal.unindexed_month_left() FROM PUBLIC, activity_report_reader;
GRANT EXECUTE ON FUNCTION activity_report_internal.open_event_months(timestamptz[]), activity_report_internal.index_event_months()
    TO activity_report_writer;
REVOKE ALL ON TABLE activity_report_internal.unindexed_event_months FROM PUBLIC, activity_report_reader;

-- 0.2.0: rollup_status shows a role the events of the portals it sees (src/sql/54_rollups.sql, 60_security.sql).
-- The events of each day per portal at its last refresh: what rollup_status shows a role, under row-level
-- security. The day's total (rollup_slices.events) counts every portal, so a role reads only the other
-- columns of rollup_slices (60_security.sql).
CREATE TABLE activity_report.rollup_slice_portals (
    day    date NOT NULL,
    portal text,
    events bigint NOT NULL
);
CREATE INDEX rollup_slice_portals_day_idx ON activity_report.rollup_slice_portals (day);
COMMENT ON TABLE activity_report.rollup_slice_portals IS 'Per day rolled up and portal: the events it held at its last refresh (rollup_status sums those of the portals the caller sees).';
COMMENT ON COLUMN activity_report.rollup_slice_portals.day IS 'The day (UTC).';
COMMENT ON COLUMN activity_report.rollup_slice_portals.portal IS 'Tenant of the events.';
COMMENT ON COLUMN activity_report.rollup_slice_portals.events IS 'Events of the day and portal rolled up at the last refresh.';
SELECT pg_catalog.pg_extension_config_dump('activity_report.rollup_slice_portals', '');
ALTER TABLE activity_report.rollup_slice_portals ENABLE ROW LEVEL SECURITY;
CREATE POLICY portal_isolation ON activity_report.rollup_slice_portals
    USING (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[]))
           OR '*' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])))
    WITH CHECK (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[]))
           OR '*' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])));
COMMENT ON POLICY portal_isolation ON activity_report.rollup_slice_portals IS 'Rows are visible to roles bound to their portal in activity_report.portal_access.';
GRANT SELECT ON TABLE activity_report.rollup_slice_portals TO activity_report_reader;
REVOKE SELECT ON TABLE activity_report.rollup_slices FROM activity_report_reader;
GRANT SELECT (day, refreshed_at, archived) ON TABLE activity_report.rollup_slices TO activity_report_reader;
INSERT INTO activity_report.rollup_slice_portals (day, portal, events)
     SELECT f.day, f.portal, pg_catalog.sum(f.events) FROM activity_report.rollup_facts f GROUP BY f.day, f.portal;
-- events: of the portals the caller sees (rollup_slice_portals, under row-level security). A role bound to
-- some portals sees only the days that hold events of its portals: which days others loaded is not its to know.
CREATE OR REPLACE VIEW activity_report.rollup_status WITH (security_invoker = true) AS
SELECT v.slice, v.events, v.refreshed_at, v.dirty
  FROM (SELECT d.day AS slice,
               CASE WHEN s.day IS NOT NULL
                    THEN COALESCE((SELECT pg_catalog.sum(p.events) FROM activity_report.rollup_slice_portals p WHERE p.day = d.day), 0)::bigint
               END AS events,
               s.refreshed_at,
               (s.day IS NULL OR EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = d.day)) AS dirty
          FROM (SELECT s.day FROM activity_report.rollup_slices s UNION SELECT r.day FROM activity_report_internal.rollup_dirty r) d
          LEFT JOIN activity_report.rollup_slices s ON s.day = d.day) v
 WHERE NOT pg_catalog.row_security_active('activity_report.rollup_slice_portals'::pg_catalog.regclass)
    OR '*' = ANY (activity_report_internal.visible_portals())
    OR v.events > 0;
COMMENT ON COLUMN activity_report.rollup_status.events IS 'Events of the day at its last refresh, of the portals the caller sees; NULL if never refreshed (a role bound to some portals sees only the days with events of its portals).';
-- The stored all-time results are written by refresh_rollups alone (as the owner).
REVOKE EXECUTE ON FUNCTION activity_report_internal.rebuild_all_time_results(), activity_report_internal.update_all_time_results(),
    activity_report_internal.roll_up_day(text, text, date, boolean) FROM activity_report_reader;
