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
-- the four functions and their views. A content appears when the user has an event on it in the range or
-- was present in it during the range.
CREATE FUNCTION activity_report_internal.content_metrics(user_ids text[], from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (user_id text, content_id text, name text, is_session boolean, starts_at timestamptz, ends_at timestamptz,
                   live_minutes double precision, engagement_rate double precision, recording_minutes double precision,
                   on_demand_minutes double precision, watched_fraction double precision,
                   viewed boolean, played boolean, reactions bigint, raised_hands bigint, chat_messages bigint,
                   qa_threads bigint, polls_answered bigint, attachments_downloaded bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT f.user_id, f.content_id, max(f.content_name) AS event_name,
               activity_report.rollup(f.presence) AS presence,
               bool_or(f.piece = 0) AS in_range,
               sum(f.viewed) FILTER (WHERE f.piece = 0) AS viewed, sum(f.played) FILTER (WHERE f.piece = 0) AS played,
               COALESCE(sum(f.reactions) FILTER (WHERE f.piece = 0), 0)::bigint AS reactions,
               COALESCE(sum(f.raised_hands) FILTER (WHERE f.piece = 0), 0)::bigint AS raised_hands,
               COALESCE(sum(f.chat_messages) FILTER (WHERE f.piece = 0), 0)::bigint AS chat_messages,
               COALESCE(sum(f.qa_threads) FILTER (WHERE f.piece = 0), 0)::bigint AS qa_threads,
               COALESCE(sum(f.downloads) FILTER (WHERE f.piece = 0), 0)::bigint AS downloads,
               activity_report.rollup(f.watch_all) FILTER (WHERE f.piece = 0) AS watch_all,
               activity_report.rollup(f.watch_after_end) FILTER (WHERE f.piece = 0) AS watch_after_end
          FROM activity_report_internal.report_facts($2, $3, true, $1) f
         WHERE f.content_id IS NOT NULL
         GROUP BY f.user_id, f.content_id),
    polls AS (
        SELECT d.user_id, d.content_id, count(DISTINCT d.detail) AS polls
          FROM activity_report_internal.report_details($2, $3, $1) d
         WHERE d.what = 'poll'
         GROUP BY d.user_id, d.content_id),
    m AS (
        SELECT s.*, COALESCE(s.event_name, c.name) AS name, COALESCE(t.is_live, false) AS is_session,
               c.starts_at, c.ends_at, c.duration,
               c.starts_at IS NOT NULL AND c.ends_at > c.starts_at AS known,
               -- the part of the timeline whose presence counts: the live window (when known) within the range
               GREATEST(c.starts_at, $2) AS clip_from, LEAST(c.ends_at, $3) AS clip_to
          FROM s
          LEFT JOIN activity_report.contents c ON c.content_id = s.content_id
          LEFT JOIN activity_report.content_types t ON t.content_type = c.content_type),
    l AS (
        SELECT m.*,
               CASE WHEN NOT m.is_session THEN NULL
                    WHEN m.presence IS NULL THEN 0
                    WHEN m.known THEN CASE WHEN m.clip_to > m.clip_from
                                           THEN activity_report.presence_minutes(m.presence, m.clip_from, m.clip_to, true) ELSE 0 END
                    ELSE activity_report.presence_minutes(m.presence, $2, $3, false) END AS live
          FROM m)
    SELECT l.user_id, l.content_id, l.name, l.is_session, l.starts_at, l.ends_at, l.live,
           -- lengths as differences of epochs (numeric, exact): timestamptz - timestamptz wraps past 292,000 years
           CASE WHEN l.known AND l.live > 0
                THEN 100 * l.live / ((extract(epoch FROM l.ends_at) - extract(epoch FROM l.starts_at)) / 60)::double precision END,
           CASE WHEN l.is_session THEN COALESCE(activity_report.watched_fraction(l.watch_after_end), 0)
                                       * COALESCE(extract(epoch FROM l.duration) / 60, 0) ELSE 0 END,
           CASE WHEN NOT l.is_session THEN COALESCE(activity_report.watched_fraction(l.watch_all), 0)
                                           * COALESCE(extract(epoch FROM l.duration) / 60, 0) ELSE 0 END,
           COALESCE(activity_report.watched_fraction(l.watch_all), 0),
           COALESCE(l.viewed > 0, false) OR COALESCE(l.live > 0, false),
           COALESCE(l.played > 0, false),
           l.reactions, l.raised_hands, l.chat_messages, l.qa_threads, COALESCE(p.polls, 0), l.downloads
      FROM l LEFT JOIN polls p ON p.user_id = l.user_id AND p.content_id = l.content_id
     WHERE l.in_range OR COALESCE(l.live > 0, false)
$$;
COMMENT ON FUNCTION activity_report_internal.content_metrics(text[], timestamptz, timestamptz) IS
  'Per user (of user_ids; NULL: every user) and content, the seed-003 metrics in [from_ts, to_ts): live, recording and on-demand minutes, engagement, interaction counts. Building block of user_analytics, user_sessions, user_on_demand and their views; reads the facts of report_facts.';

CREATE FUNCTION activity_report_internal.user_content_metrics(user_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (content_id text, name text, is_session boolean, starts_at timestamptz, ends_at timestamptz,
                   live_minutes double precision, engagement_rate double precision, recording_minutes double precision,
                   on_demand_minutes double precision, watched_fraction double precision,
                   viewed boolean, played boolean, reactions bigint, raised_hands bigint, chat_messages bigint,
                   qa_threads bigint, polls_answered bigint, attachments_downloaded bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.content_id, m.name, m.is_session, m.starts_at, m.ends_at, m.live_minutes, m.engagement_rate,
           m.recording_minutes, m.on_demand_minutes, m.watched_fraction, m.viewed, m.played, m.reactions,
           m.raised_hands, m.chat_messages, m.qa_threads, m.polls_answered, m.attachments_downloaded
      FROM activity_report_internal.content_metrics(ARRAY[$1], $2, $3) m
$$;
COMMENT ON FUNCTION activity_report_internal.user_content_metrics(text, timestamptz, timestamptz) IS
  'Per content, a user''s seed-003 metrics in [from_ts, to_ts): live, recording and on-demand minutes, engagement, interaction counts. Building block of user_analytics, user_sessions and user_on_demand.';

-- A downloaded file is known by its name (the label); a download without one (label empty or N/A, as for a
-- course activity) is the content itself.
CREATE FUNCTION activity_report_internal.attachment_file(label text, content text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN $1 IS NULL OR upper(btrim($1)) IN ('', 'N/A') THEN $2 ELSE $1 END $$;
COMMENT ON FUNCTION activity_report_internal.attachment_file(text, text) IS
  'The file an attachment download names: its label, or the given content when the label is empty or N/A.';

-- Per user (of user_ids; NULL: every user with an event in the range) the user-analytics numbers in
-- [from_ts, to_ts): the body of user_analytics and of user_analytics_v.
CREATE FUNCTION activity_report_internal.analytics_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (user_id text, total_minutes_viewed double precision, sessions_viewed bigint,
                   average_live_engagement_rate double precision, videos_viewed bigint, reactions bigint,
                   chat_messages_sent bigint, poll_responses bigint, qa_threads_created bigint, attachments_downloaded bigint,
                   live_minutes double precision, recording_minutes double precision, on_demand_minutes double precision)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH totals AS (
        SELECT m.user_id,
               COALESCE(sum(m.live_minutes) FILTER (WHERE m.is_session), 0) AS live,
               COALESCE(sum(m.recording_minutes), 0) AS recording,
               COALESCE(sum(m.on_demand_minutes), 0) AS on_demand,
               count(*) FILTER (WHERE m.is_session AND m.viewed) AS sessions_viewed,
               count(*) FILTER (WHERE NOT m.is_session AND m.played) AS videos_viewed,
               avg(m.engagement_rate) FILTER (WHERE m.is_session) AS engagement
          FROM activity_report_internal.content_metrics($1, $2, $3) m
         GROUP BY m.user_id),
    flat AS (
        SELECT f.user_id, sum(f.reactions) AS reactions, sum(f.chat_messages) AS chat, sum(f.qa_threads) AS qa
          FROM activity_report_internal.report_facts($2, $3, false, $1) f
         WHERE f.piece = 0
         GROUP BY f.user_id),
    det AS (
        SELECT d.user_id, count(DISTINCT (d.content_id, d.detail)) FILTER (WHERE d.what = 'poll') AS polls,
               count(DISTINCT d.detail) FILTER (WHERE d.what = 'file') AS files
          FROM activity_report_internal.report_details($2, $3, $1) d
         GROUP BY d.user_id),
    who AS (
        SELECT unnest($1) AS user_id WHERE $1 IS NOT NULL
        UNION SELECT flat.user_id FROM flat WHERE $1 IS NULL
        UNION SELECT totals.user_id FROM totals WHERE $1 IS NULL)
    SELECT w.user_id,
           COALESCE(t.live + t.recording + t.on_demand, 0), COALESCE(t.sessions_viewed, 0), t.engagement,
           COALESCE(t.videos_viewed, 0), COALESCE(f.reactions, 0)::bigint, COALESCE(f.chat, 0)::bigint,
           COALESCE(d.polls, 0), COALESCE(f.qa, 0)::bigint, COALESCE(d.files, 0),
           COALESCE(t.live, 0), COALESCE(t.recording, 0), COALESCE(t.on_demand, 0)
      FROM who w
      LEFT JOIN totals t ON t.user_id = w.user_id
      LEFT JOIN flat f ON f.user_id = w.user_id
      LEFT JOIN det d ON d.user_id = w.user_id
$$;
COMMENT ON FUNCTION activity_report_internal.analytics_rows(text[], timestamptz, timestamptz) IS
  'Per user (of user_ids; NULL: every user with an event in the range) the user-analytics numbers in [from_ts, to_ts): the body of user_analytics and user_analytics_v.';

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

-- Per user, the distinct files downloaded in the range, each with its first download's name and source.
CREATE FUNCTION activity_report_internal.attachment_rows(user_ids text[], from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (user_id text, file text, name text, file_type text, source text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT DISTINCT ON (d.user_id, d.detail) d.user_id, d.detail, COALESCE(n.name, d.content_id),
           lower(substring(n.name FROM '\.([A-Za-z0-9]+)$')), COALESCE(d.first_content_name, c.name)
      FROM activity_report_internal.report_details($2, $3, $1) d
      LEFT JOIN activity_report.contents c ON c.content_id = d.content_id
     -- the file's name: the content's own name for a download without one
     CROSS JOIN LATERAL (SELECT activity_report_internal.attachment_file(d.first_label, COALESCE(d.first_content_name, c.name)) AS name) n
     WHERE d.what = 'file'
     ORDER BY d.user_id, d.detail, d.first_at, d.first_event_id
$$;
COMMENT ON FUNCTION activity_report_internal.attachment_rows(text[], timestamptz, timestamptz) IS
  'Per user (of user_ids; NULL: every user) the distinct files downloaded in [from_ts, to_ts), with type and source of the first download: the body of user_attachments and user_attachments_v.';

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

CREATE VIEW activity_report.user_sessions_v WITH (security_invoker = true) AS
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

CREATE VIEW activity_report.user_on_demand_v WITH (security_invoker = true) AS
SELECT m.user_id, m.name, m.on_demand_minutes AS minutes_viewed, 100 * m.watched_fraction AS completion_rate
  FROM activity_report_internal.content_metrics(NULL, '-infinity', 'infinity') m
 WHERE NOT m.is_session AND m.played;
COMMENT ON VIEW activity_report.user_on_demand_v IS 'On-demand (VOD) breakdown of the user analytics (seed 003), all time: one row per user and video played.';
COMMENT ON COLUMN activity_report.user_on_demand_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_on_demand_v.name IS 'Name of the video.';
COMMENT ON COLUMN activity_report.user_on_demand_v.minutes_viewed IS 'Watched fraction x duration.';
COMMENT ON COLUMN activity_report.user_on_demand_v.completion_rate IS 'Watched fraction, 0-100.';

CREATE VIEW activity_report.user_attachments_v WITH (security_invoker = true) AS
SELECT a.user_id, a.name, a.file_type, a.source
  FROM activity_report_internal.attachment_rows(NULL, '-infinity', 'infinity') a;
COMMENT ON VIEW activity_report.user_attachments_v IS 'Attachments downloaded (seed 003), all time: one row per user and distinct file.';
COMMENT ON COLUMN activity_report.user_attachments_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_attachments_v.name IS 'File name.';
COMMENT ON COLUMN activity_report.user_attachments_v.file_type IS 'File type (its extension, lower case).';
COMMENT ON COLUMN activity_report.user_attachments_v.source IS 'Session or content where the file was first downloaded.';
