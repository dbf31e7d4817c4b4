-- Reports true to the seeds at their edges (design §6, §8 time ranges). Every expected number is worked
-- out by hand in the comment above its query.
\pset null '(null)'
INSERT INTO activity_report.users (user_id, first_name, last_name, email, portal) VALUES
  ('u1', 'Ada', 'One', 'u1@test', 'acme'), ('u2', 'Bo', 'Two', 'u2@test', 'acme'), ('u3', 'Cy', 'Three', 'u3@test', 'acme');
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at, duration) VALUES
  ('e1', 'OTSession', 'Keynote', '2026-03-02 09:00+00', '2026-03-02 10:00+00', '60 minutes'),
  ('e2', 'OTSession', 'Panel', '2026-03-03 09:00+00', '2026-03-03 10:00+00', '60 minutes'),
  ('e3', 'OTSession', 'Unscheduled', NULL, NULL, NULL);

-- 1. Live watching is not recording. u1 joins the 09:00-10:00 keynote at 09:00 and leaves at 10:02; the
-- platform logs "Progress | Watched | 100%" as the viewer leaves (after ends_at): live 60 (clipped at 10:00),
-- and that event is not recording time. A real recording watch (Watch, no percentage) at 11:00 is 10% of
-- the 60-minute recording: 6 minutes. Total 66, engagement 60 / 60 = 100 %.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id) VALUES
  ('event_platform', '2026-03-02 09:00+00', 'u1', 'Session attendance', 'Joined', 'Keynote', 'e1'),
  ('event_platform', '2026-03-02 10:02+00', 'u1', 'Session attendance', 'Left', 'Keynote', 'e1'),
  ('event_platform', '2026-03-02 10:02+00', 'u1', 'Progress', 'Watched', '100%', 'e1'),
  ('activity_exporter', '2026-03-02 11:00+00', 'u1', 'Content - OTSession', 'Watch', 'N/A', 'e1');
SELECT live_minutes, recording_minutes, total_minutes_viewed, average_live_engagement_rate, sessions_viewed
  FROM activity_report.user_analytics('u1');
SELECT * FROM activity_report.user_sessions('u1');

-- 2. A time range clips presence. u2 is in the 09:00-10:00 panel from 09:00 to 09:30.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id) VALUES
  ('2026-03-03 09:00+00', 'u2', 'Content - OTSession', 'Join', 'N/A', 'e2'),
  ('2026-03-03 09:30+00', 'u2', 'Content - OTSession', 'Leave', 'N/A', 'e2');
-- all time: 30 minutes, 30 / 60 = 50 %
SELECT live_minutes, average_live_engagement_rate, sessions_viewed FROM activity_report.user_analytics('u2');
-- [09:15, 12:00): the part inside, 15 minutes; the whole window stays the denominator: 15 / 60 = 25 %
SELECT live_minutes, average_live_engagement_rate, sessions_viewed
  FROM activity_report.user_analytics('u2', '2026-03-03 09:15+00', '2026-03-03 12:00+00');
SELECT * FROM activity_report.user_sessions('u2', '2026-03-03 09:15+00', '2026-03-03 12:00+00');
-- [09:10, 09:20): 10 minutes, 10 / 60 = 16.67 %
SELECT live_minutes, round(average_live_engagement_rate::numeric, 4) AS rate
  FROM activity_report.user_analytics('u2', '2026-03-03 09:10+00', '2026-03-03 09:20+00');
-- [09:40, 12:00): not present then and no event: nothing, and no session row
SELECT live_minutes, average_live_engagement_rate, sessions_viewed
  FROM activity_report.user_analytics('u2', '2026-03-03 09:40+00', '2026-03-03 12:00+00');
SELECT count(*) AS session_rows FROM activity_report.user_sessions('u2', '2026-03-03 09:40+00', '2026-03-03 12:00+00');

-- 6. A session whose live window is not known yet: presence unclipped, no engagement rate. u3 is present
-- 14:00-14:40 (40 minutes), then joins again at 15:00 and never leaves (an open interval adds nothing).
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id) VALUES
  ('2026-03-04 14:00+00', 'u3', 'Content - OTSession', 'Join', 'N/A', 'e3'),
  ('2026-03-04 14:40+00', 'u3', 'Content - OTSession', 'Leave', 'N/A', 'e3'),
  ('2026-03-04 15:00+00', 'u3', 'Content - OTSession', 'Join', 'N/A', 'e3');
SELECT live_minutes, average_live_engagement_rate, sessions_viewed FROM activity_report.user_analytics('u3');
-- from 14:10: 30 minutes; until 14:30: 30 minutes; [14:10, 14:30): 20
SELECT (SELECT live_minutes FROM activity_report.user_analytics('u3', '2026-03-04 14:10+00', 'infinity')) AS from_1410,
       (SELECT live_minutes FROM activity_report.user_analytics('u3', '-infinity', '2026-03-04 14:30+00')) AS until_1430,
       (SELECT live_minutes FROM activity_report.user_analytics('u3', '2026-03-04 14:10+00', '2026-03-04 14:30+00')) AS between;
SELECT * FROM activity_report.user_sessions('u3');
