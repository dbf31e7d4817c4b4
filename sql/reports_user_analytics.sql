-- Reports of seed 003 on a curated data set. Every expected row is written by hand from the seed's rules
-- (the reasoning is in the comments); pg_temp.differences lists the rows that differ (none expected).
\pset null '(null)'
\i test/regress/differences.sql
INSERT INTO activity_report.users (user_id, first_name, last_name, role, company, industry, country)
VALUES ('vic', 'Vic', 'Tor', 'Speaker', 'Co', 'Tech', 'FR');
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at, duration) VALUES
  ('s1', 'OTSession', 'Main', '2026-07-01 10:00+00', '2026-07-01 11:00+00', '60 minutes'),
  ('s2', 'BreakoutOTSession', 'Breakout', '2026-07-01 12:00+00', '2026-07-01 12:30+00', NULL),
  ('v1', 'video', 'Alpha video', NULL, NULL, '10 minutes'),
  ('v2', 'video', 'Beta video', NULL, NULL, '30 minutes');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id) VALUES
  ('activity_exporter', '2026-07-01 09:55+00', 'vic', 'Content - OTSession', 'View', 'N/A', 's1'),
  ('activity_exporter', '2026-07-01 10:10+00', 'vic', 'Content - OTSession', 'Join', 'N/A', 's1'),
  ('activity_exporter', '2026-07-01 10:40+00', 'vic', 'Content - OTSession', 'Leave', 'N/A', 's1'),
  ('activity_exporter', '2026-07-01 10:50+00', 'vic', 'Content - OTSession', 'Join', 'N/A', 's1'),
  ('activity_exporter', '2026-07-01 10:15+00', 'vic', 'Content - OTSession', 'Emoji', 'Love', 's1'),
  ('activity_exporter', '2026-07-01 10:20+00', 'vic', 'Content - OTSession', 'Raise Hand', 'N/A', 's1'),
  ('activity_exporter', '2026-07-01 10:21+00', 'vic', 'Content - OTSession', 'Chat', 'hi', 's1'),
  ('activity_exporter', '2026-07-01 10:22+00', 'vic', 'Content - OTSession', 'Chat', 'again', 's1'),
  ('activity_exporter', '2026-07-01 10:30+00', 'vic', 'Question - Poll', 'Answer', 'Yes', 's1'),
  ('activity_exporter', '2026-07-01 10:31+00', 'vic', 'Question - Poll', 'Answer', 'No', 's1'),
  ('activity_exporter', '2026-07-01 10:35+00', 'vic', 'Download', 'Download', 'deck.PDF', 's1'),
  ('activity_exporter', '2026-07-01 10:36+00', 'vic', 'Download', 'Download', 'deck.PDF', 's1'),
  ('activity_exporter', '2026-07-01 11:30+00', 'vic', 'Content - OTSession', 'Watch', 'N/A', 's1'),
  ('activity_exporter', '2026-07-01 11:40+00', 'vic', 'Content - OTSession', 'Watch', 'N/A', 's1'),
  ('activity_exporter', '2026-07-01 12:00+00', 'vic', 'Content - BreakoutOTSession', 'Join', 'N/A', 's2'),
  ('activity_exporter', '2026-07-01 12:15+00', 'vic', 'Content - BreakoutOTSession', 'Leave', 'N/A', 's2'),
  ('activity_exporter', '2026-07-01 12:05+00', 'vic', 'Content - BreakoutOTSession', 'Question', 'why?', 's2'),
  ('activity_exporter', '2026-07-01 13:00+00', 'vic', 'Content - video', 'Play', 'N/A', 'v1'),
  ('activity_exporter', '2026-07-01 13:01+00', 'vic', 'Content - video', 'Watch', 'N/A', 'v1'),
  ('activity_exporter', '2026-07-01 13:02+00', 'vic', 'Content - video', 'Watch', 'N/A', 'v1'),
  ('activity_exporter', '2026-07-01 13:03+00', 'vic', 'Content - video', 'Watch', 'N/A', 'v1'),
  ('event_platform', '2026-07-01 14:00+00', 'vic', 'YouTube 80%', 'Watched YouTube', 'abc123', 'v2');

-- Live: s1 10:10-10:40 and 10:50-11:00 (open, closes at ends_at) = 40; s2 12:00-12:15 = 15; total 55.
-- Recording: s1 two watch events after ends_at = 0.2 x 60 = 12. On demand: v1 0.3 x 10 = 3, v2 0.8 x 30 = 24.
-- Total 55 + 12 + 27 = 94. Sessions viewed 2, videos 2. Engagement: s1 40/60, s2 15/30: mean 58.3333.
-- Reactions 1 (Emoji), chat 2, polls 1 (two answers, one poll), Q&A 1, attachments 1 (one file twice).
CREATE TEMP VIEW analytics AS
SELECT user_name, role, company, industry, country, round(total_minutes_viewed::numeric, 6) AS total_minutes_viewed,
       sessions_viewed, round(average_live_engagement_rate::numeric, 4) AS average_live_engagement_rate, videos_viewed,
       reactions, chat_messages_sent, poll_responses, qa_threads_created, attachments_downloaded,
       round(live_minutes::numeric, 6) AS live_minutes, round(recording_minutes::numeric, 6) AS recording_minutes,
       round(on_demand_minutes::numeric, 6) AS on_demand_minutes, u.user_id, u.from_ts, u.to_ts
  FROM (VALUES ('vic', timestamptz '-infinity', timestamptz 'infinity'),
               ('vic', '2026-07-01 12:00+00', '2026-07-01 13:00+00'),
               ('nobody', '-infinity', 'infinity')) u(user_id, from_ts, to_ts)
 CROSS JOIN LATERAL activity_report.user_analytics(u.user_id, u.from_ts, u.to_ts);
-- Second row, only [12:00, 13:00): the breakout: 15 live minutes, 50 %, one Q&A thread.
-- Third row, an unknown user: one row of zeros, NULL details and no engagement rate.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(a) - '{user_id,from_ts,to_ts}'::text[]) FROM analytics a),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Vic Tor', 'Speaker', 'Co', 'Tech', 'FR', 94, 2, 58.3333, 2, 1, 2, 1, 1, 1, 55, 12, 27),
     (        'Vic Tor', 'Speaker', 'Co', 'Tech', 'FR', 15, 1, 50, 0, 0, 0, 0, 1, 0, 15, 0, 0),
     (NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0)
   ) x(user_name, role, company, industry, country, total_minutes_viewed, sessions_viewed, average_live_engagement_rate,
       videos_viewed, reactions, chat_messages_sent, poll_responses, qa_threads_created, attachments_downloaded,
       live_minutes, recording_minutes, on_demand_minutes)));
-- Per session, by start: Main 40 live + 12 recording = 52 minutes, 66.6667 %, one Emoji, one raised hand,
-- deck.PDF downloaded twice (seed 003 counts downloads per session), two chats, one poll; Breakout 15, 50 %.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(s)) FROM (
     SELECT session_name, round(minutes_viewed::numeric, 6) AS minutes_viewed, round(engagement_rate::numeric, 4) AS engagement_rate,
            reactions, raised_hands, attachments_downloaded, chat_messages_sent, polls_answered
       FROM activity_report.user_sessions('vic')) s),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Main', 52, 66.6667, 1, 1, 2, 2, 1),
     ('Breakout', 15, 50, 0, 0, 0, 0, 0)
   ) x(session_name, minutes_viewed, engagement_rate, reactions, raised_hands, attachments_downloaded, chat_messages_sent, polls_answered)));
-- On demand, by name: Alpha 3 of 10 minutes (30 %), Beta 80 % of 30 = 24 minutes.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(o)) FROM (
     SELECT name, round(minutes_viewed::numeric, 6) AS minutes_viewed, round(completion_rate::numeric, 6) AS completion_rate
       FROM activity_report.user_on_demand('vic')) o),
  '[{"name": "Alpha video", "minutes_viewed": 3, "completion_rate": 30},
    {"name": "Beta video", "minutes_viewed": 24, "completion_rate": 80}]');
-- One file, downloaded twice: listed once, its type from the extension, its source the session.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(f)) FROM activity_report.user_attachments('vic') f),
  '[{"name": "deck.PDF", "file_type": "pdf", "source": "Main"}]');

-- The views for BI tools: the same rows for every user with events (vic is the only one).
SELECT r AS report, pg_temp.set_differences(format('SELECT * FROM activity_report.%s_v', r),
                                            format('SELECT ''vic'', * FROM activity_report.%s(''vic'')', r)) AS differences
  FROM unnest(ARRAY['user_analytics', 'user_sessions', 'user_on_demand', 'user_attachments']) r;
SELECT count(*) AS session_rows FROM activity_report.user_sessions_v;

-- NULL bounds are no bounds.
SELECT pg_temp.set_differences($$SELECT * FROM activity_report.user_analytics('vic', NULL, NULL)$$,
                               $$SELECT * FROM activity_report.user_analytics('vic')$$) AS analytics_null_bounds,
       pg_temp.set_differences($$SELECT * FROM activity_report.user_sessions('vic', NULL, NULL)$$,
                               $$SELECT * FROM activity_report.user_sessions('vic')$$) AS sessions_null_bounds;
-- Downloads without a file name (label N/A, as for course activities) are the content downloaded: two
-- activities downloaded in August are two attachments, listed by their names, not one file called N/A.
INSERT INTO activity_report.contents (content_id, content_type, name) VALUES ('a1', 'Document', 'Notes'), ('a2', 'Cheat Sheet', 'Sheet');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id) VALUES
  ('collaborative', '2026-08-01 10:00+00', 'vic', 'Activity', 'Download', 'N/A', 'a1'),
  ('collaborative', '2026-08-01 10:01+00', 'vic', 'Activity', 'Download', 'N/A', 'a2'),
  ('collaborative', '2026-08-01 10:02+00', 'vic', 'Activity', 'Download', 'N/A', 'a1');
SELECT attachments_downloaded FROM activity_report.user_analytics('vic', '2026-08-01', '2026-09-01');
SELECT * FROM activity_report.user_attachments('vic', '2026-08-01', '2026-09-01');

DROP VIEW analytics;
TRUNCATE activity_report.events, activity_report.users, activity_report.contents;
