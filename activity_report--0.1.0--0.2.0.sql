-- activity_report upgrade 0.1.0 -> 0.2.0. Every change to src/sql since 0.1.0 is repeated here, so that
-- ALTER EXTENSION activity_report UPDATE leaves a database identical to CREATE EXTENSION ... VERSION '0.2.0'
-- (scripts/test.sh: test/upgrade). Same rules as the install script: schema-qualified, search_path pinned.
\echo Use "ALTER EXTENSION activity_report UPDATE TO '0.2.0'" to load this file. \quit

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
       COALESCE(e.content_name, c.name) AS content_title,
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
COMMENT ON COLUMN activity_report.content_actions_log_v.content_title IS 'Title of the content.';
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
CREATE FUNCTION activity_report.sitewide_activity(from_ts timestamptz, to_ts timestamptz, content_id text DEFAULT NULL,
                                                  vocabulary text DEFAULT NULL)
    RETURNS SETOF activity_report.sitewide_activity_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE $q$
        SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date,
               v.content_id, v.content_name, v.content_slug
          FROM activity_report.sitewide_activity_v v
         WHERE v.date >= $1 AND v.date < $2
           AND ($3 IS NULL OR v.content_id = $3)
           AND ($4 IS NULL OR v.vocabulary = $4)
         ORDER BY v.date, v.event_id
    $q$ USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;

COMMENT ON FUNCTION activity_report.sitewide_activity(timestamptz, timestamptz, text, text) IS
  'Sitewide activity report (seed 000): the events of [from_ts, to_ts), optionally of one content page and of one vocabulary (platform), with who / what / when / where columns, ordered by date then event.';
CREATE FUNCTION activity_report.user_activity_export(from_ts timestamptz, to_ts timestamptz, include text[] DEFAULT NULL,
                                                     vocabulary text DEFAULT NULL)
    RETURNS TABLE (user_id text, first text, last text, company text, email text, category text, action text,
                   label text, date_time timestamptz, content_id text, content_name text, content_slug text)
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
    RETURN QUERY EXECUTE $q$
        SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date_time,
               v.content_id, v.content_name, v.content_slug
          FROM activity_report.user_activity_export_v v
         WHERE v.date_time >= $1 AND v.date_time < $2
           AND ($4 IS NULL OR v.vocabulary = $4)
           AND ($3 IS NULL OR EXISTS (
                 SELECT FROM activity_report.activity_kinds k, activity_report.activity_kinds sel, unnest($3) AS i(item)
                  WHERE k.kind_id = v.kind_id AND sel.vocabulary = k.vocabulary
                    AND lower(sel.category_pattern) = lower(k.category_pattern)
                    AND lower(sel.action_pattern) = lower(k.action_pattern)
                    AND lower(sel.label_pattern) = lower(k.label_pattern)
                    AND (lower(btrim(i.item)) = lower(sel.section) OR lower(btrim(i.item)) = lower(sel.section || '/' || sel.name))))
         ORDER BY v.date_time, v.event_id
    $q$ USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;

COMMENT ON FUNCTION activity_report.user_activity_export(timestamptz, timestamptz, text[], text) IS
  'User Activity Exporter report (seed 001): the activity rows of [from_ts, to_ts), optionally of one vocabulary; include chooses which data to include, by section (''Content'', ''Feed'') or ''Section/Name in exporter'' (''Content/Viewed''), case-insensitively, matching every kind with that section and name; NULL includes everything, a value that names nothing is an error listing the sections.';
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
    RETURNS json
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(json_agg(json_build_object('email', l.email, 'panorama_name', l.panorama_name,
                                               'content_type', l.content_type, 'content_title', l.content_title,
                                               'type', l.type, 'source', l.source, 'timestamp', l."timestamp")
                             ORDER BY l.ord), '[]'::json)
      FROM activity_report.content_actions_log($1, $2, $3, $4, $5, $6, $7, $8, $9) WITH ORDINALITY AS l(email, panorama_name, content_type, content_title, type, source, "timestamp", ord)
$$;

COMMENT ON FUNCTION activity_report.content_actions_log_json(timestamptz, timestamptz, text, text, text, text, text, text, text) IS
  'The Content Actions Log as one JSON array of objects with the report''s keys in its order (email, panorama_name, content_type, content_title, type, source, timestamp), for the JSON download.';

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

-- 0.2.0: presence_minutes(summary, from_ts, to_ts[, open_closes]): a summary's presence inside a time range.
CREATE FUNCTION activity_report.presence_minutes(summary activity_report.presence_summary, from_ts timestamptz, to_ts timestamptz, open_closes boolean DEFAULT false) RETURNS double precision
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_presence_minutes';
COMMENT ON FUNCTION activity_report.presence_minutes(activity_report.presence_summary, timestamptz, timestamptz, boolean) IS 'Minutes of presence inside [from_ts, to_ts): the sum over the summary''s (user_id, content_id) streams of their presence intervals (sorted by time, a leave before a join at equal times, a join while present and a leave while absent ignored) clipped to the range. An interval still open at the end of its stream closes at to_ts when open_closes is true and to_ts is finite and later than the join; otherwise it counts nothing. The summarised closes_at, live_starts and live_ends are not used. -infinity and infinity are allowed as bounds.';
GRANT EXECUTE ON FUNCTION activity_report.presence_minutes(activity_report.presence_summary, timestamptz, timestamptz, boolean) TO activity_report_reader;

-- 0.2.0: presence summaries are compact (summary format 2, design §8); the type and rollup() say so.
COMMENT ON TYPE activity_report.presence_summary IS 'Stored partial state of minutes_viewed, engagement_rate and presence_minutes, compact: per (user_id, content_id) stream only what another slice can still change (the earliest join before its first leave and that leave, the presence intervals after it, a trailing open join), its window arguments, the time span of its events and whether events were dropped. Text form: the bytea hex form of its bytes (summary format 2: a version byte, the kind, big-endian fields; format 1 and 0.1.0''s bytes still read).';
COMMENT ON AGGREGATE activity_report.rollup(activity_report.presence_summary) IS 'Combines presence summaries (e.g. daily ones into a month): the same as summarising their raw events at once. A stream in two summaries whose time spans overlap, one of them compacted, raises SQLSTATE 22023.';
