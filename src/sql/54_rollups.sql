-- Rollups (design §8): the seed-003 and seed-004 reports are written once, over per-slice facts (a slice is
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
-- scans of a report on one user or a few contents. local_only: the events stored here (events_local), not
-- those of shards (a coordinator's refresh pulls their facts instead, 57_shards.sql).
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

-- Refresh: one at a time (a transaction-scoped advisory lock: a second refresh waits, then finds nothing
-- left), one day per step so memory is bounded by a day's events. Runs as the extension's owner, so a
-- portal-bound writer rolls up every portal's events (reports still filter the facts by portal).
CREATE FUNCTION activity_report.refresh_rollups(upto timestamptz DEFAULT now(), all_time boolean DEFAULT true) RETURNS bigint
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

-- rollup_status, the view of the days: 60_security.sql (it reads the caller's portal bindings).

-- What makes a day dirty. An inserted event marks its day from the classifying trigger (once per day and
-- transaction: src/pg/dirty_days.cpp). Updates and deletes mark from row triggers: a transition table (one
-- statement trigger) cannot be collected from a shard's foreign partition. SECURITY DEFINER: any writer of
-- events marks days.
CREATE FUNCTION activity_report_internal.made_by_this_transaction(row_xmin xid) RETURNS boolean
    LANGUAGE c STABLE STRICT PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'ar_made_by_this_transaction';
COMMENT ON FUNCTION activity_report_internal.made_by_this_transaction(xid) IS
  'Whether a row whose xmin is given was written by the current transaction or one of its subtransactions (savepoints).';

CREATE FUNCTION activity_report_internal.events_changed() RETURNS trigger
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
