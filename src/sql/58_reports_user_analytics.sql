-- Reports of seed 003 (user analytics dashboard). Sessions are contents whose type is live
-- (content_types.is_live); videos are the other contents a user plays or watches. Live minutes: presence
-- (joins / leaves) clipped to the session's [starts_at, ends_at), an open interval closing at ends_at; a
-- session whose window is not known yet counts its presence unclipped and has no engagement rate.
-- Recording minutes: watched fraction of watch-progress events after ends_at x duration, except kinds that
-- measure the live session itself (activity_kinds.live_watch); on-demand minutes: watched fraction x
-- duration of videos. A time range clips presence (design §8): a stream's presence in [from_ts, to_ts) is
-- computed from all of its events, and engagement keeps the session's whole window as its denominator.
-- Counts go through the roles of each event's kind and take the events in the range.

-- Per user and content in a time range: the building block of the four functions. A content appears when
-- the user has an event on it in the range or was present in it during the range.
CREATE FUNCTION activity_report_internal.user_content_metrics(user_id text, from_ts timestamptz, to_ts timestamptz)
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

CREATE FUNCTION activity_report.user_analytics(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
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
COMMENT ON FUNCTION activity_report.user_analytics(text, timestamptz, timestamptz) IS
  'User analytics dashboard (seed 003): one row with the user''s details, total minutes viewed (live + recordings + on demand), sessions and videos viewed, average live engagement rate, reactions, chat messages, polls answered, Q&A threads and distinct attachments downloaded in [from_ts, to_ts).';

CREATE FUNCTION activity_report.user_attachments(user_id text, from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
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
      FROM activity_report_internal.user_content_metrics($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) m
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
      FROM activity_report_internal.user_content_metrics($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) m
     WHERE NOT m.is_session AND m.played
     ORDER BY m.name, m.content_id
$$;
COMMENT ON FUNCTION activity_report.user_on_demand(text, timestamptz, timestamptz) IS
  'A user''s on-demand viewing (seed 003): per video, minutes viewed (watched fraction x duration) and completion rate (0-100).';

-- Views for BI tools over all time: the four reports for every user with at least one event, keyed by user_id.
CREATE VIEW activity_report.user_analytics_v WITH (security_invoker = true) AS
SELECT u.user_id, a.* FROM activity_report.unique_users_v u CROSS JOIN LATERAL activity_report.user_analytics(u.user_id) a;
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
SELECT u.user_id, s.* FROM activity_report.unique_users_v u CROSS JOIN LATERAL activity_report.user_sessions(u.user_id) s;
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
SELECT u.user_id, o.* FROM activity_report.unique_users_v u CROSS JOIN LATERAL activity_report.user_on_demand(u.user_id) o;
COMMENT ON VIEW activity_report.user_on_demand_v IS 'On-demand (VOD) breakdown of the user analytics (seed 003), all time: one row per user and video played.';
COMMENT ON COLUMN activity_report.user_on_demand_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_on_demand_v.name IS 'Name of the video.';
COMMENT ON COLUMN activity_report.user_on_demand_v.minutes_viewed IS 'Watched fraction x duration.';
COMMENT ON COLUMN activity_report.user_on_demand_v.completion_rate IS 'Watched fraction, 0-100.';

CREATE VIEW activity_report.user_attachments_v WITH (security_invoker = true) AS
SELECT u.user_id, f.* FROM activity_report.unique_users_v u CROSS JOIN LATERAL activity_report.user_attachments(u.user_id) f;
COMMENT ON VIEW activity_report.user_attachments_v IS 'Attachments downloaded (seed 003), all time: one row per user and distinct file.';
COMMENT ON COLUMN activity_report.user_attachments_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.user_attachments_v.name IS 'File name.';
COMMENT ON COLUMN activity_report.user_attachments_v.file_type IS 'File type (its extension, lower case).';
COMMENT ON COLUMN activity_report.user_attachments_v.source IS 'Session or content where the file was first downloaded.';
