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
CREATE FUNCTION activity_report_internal.computed_content_metrics(user_ids text[], from_ts timestamptz, to_ts timestamptz,
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
COMMENT ON FUNCTION activity_report_internal.computed_content_metrics(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user) and content, and per UTC day when per_day, the seed-003 metrics in [from_ts, to_ts): live, recording and on-demand minutes, engagement, interaction counts. Building block of user_analytics, user_sessions, user_on_demand, their views and daily views; reads the facts of report_facts.';

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


-- A downloaded file is known by its name (the label); a download without one (label empty or N/A, as for a
-- course activity) is the content itself.
CREATE FUNCTION activity_report_internal.attachment_file(label text, content text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN $1 IS NULL OR upper(btrim($1)) IN ('', 'N/A') THEN $2 ELSE $1 END $$;
COMMENT ON FUNCTION activity_report_internal.attachment_file(text, text) IS
  'The file an attachment download names: its label, or the given content when the label is empty or N/A.';

-- Per user (of user_ids; NULL: every user with an event in the range), and per UTC day when per_day, the
-- user-analytics numbers in [from_ts, to_ts): the body of user_analytics and of its views.
CREATE FUNCTION activity_report_internal.computed_analytics_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz,
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
COMMENT ON FUNCTION activity_report_internal.computed_analytics_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user with an event in the range), and per UTC day when per_day, the user-analytics numbers in [from_ts, to_ts): the body of user_analytics and its views.';

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

CREATE FUNCTION activity_report.user_analytics(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
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
CREATE FUNCTION activity_report_internal.computed_attachment_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz,
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
COMMENT ON FUNCTION activity_report_internal.computed_attachment_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user), and per UTC day when per_day, the distinct files downloaded in [from_ts, to_ts), with type and source of the first download: the body of user_attachments and its views.';

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

CREATE FUNCTION activity_report.user_attachments(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
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

CREATE FUNCTION activity_report.user_sessions(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
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

CREATE FUNCTION activity_report.user_on_demand(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
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
CREATE VIEW activity_report.user_analytics_v WITH (security_invoker = true) AS
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

CREATE VIEW activity_report.user_sessions_v WITH (security_invoker = true) AS
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

CREATE VIEW activity_report.user_on_demand_v WITH (security_invoker = true) AS
SELECT m.user_id, m.name, m.on_demand_minutes AS minutes_viewed, 100 * m.watched_fraction AS completion_rate
  FROM activity_report_internal.all_time_content_metrics_v m
 WHERE NOT m.is_session AND m.played;
COMMENT ON VIEW activity_report.user_on_demand_v IS 'On-demand (VOD) breakdown of the user analytics (seed 003), all time: one row per user and video played.';
COMMENT ON COLUMN activity_report.user_on_demand_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_on_demand_v.name IS 'Name of the video.';
COMMENT ON COLUMN activity_report.user_on_demand_v.minutes_viewed IS 'Watched fraction x duration.';
COMMENT ON COLUMN activity_report.user_on_demand_v.completion_rate IS 'Watched fraction, 0-100.';

CREATE VIEW activity_report.user_attachments_v WITH (security_invoker = true) AS
SELECT a.user_id, a.name, a.file_type, a.source
  FROM activity_report_internal.all_time_attachments_v a;
COMMENT ON VIEW activity_report.user_attachments_v IS 'Attachments downloaded (seed 003), all time: one row per user and distinct file.';
COMMENT ON COLUMN activity_report.user_attachments_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_attachments_v.name IS 'File name.';
COMMENT ON COLUMN activity_report.user_attachments_v.file_type IS 'File type (its extension, lower case).';
COMMENT ON COLUMN activity_report.user_attachments_v.source IS 'Session or content where the file was first downloaded.';
