-- presence_minutes(summary, from_ts, to_ts, open_closes): a summary's presence inside [from_ts, to_ts), in
-- minutes, the summarised window arguments ignored. Every expected value is worked out by hand below.
--   u1/c1: Join 10:00, Leave 10:30, Join 10:40 (open at the end)          -> 10:00-10:30, open from 10:40
--   u2/c1: Join 10:10, Leave 10:20, Join 10:20 (a leave sorts first at equal times), Leave 10:50,
--          Leave 11:00 (while absent: ignored)                            -> 10:10-10:20, 10:20-10:50
--   u3/c2: Join 09:00, Join 09:30 (while present: ignored), Leave 09:45   -> 09:00-09:45
SET timezone = 'UTC';
CREATE TEMP TABLE pm_events (u text, c text, a text, t timestamptz, closes timestamptz);
INSERT INTO pm_events VALUES
  ('u1', 'c1', 'Join',  '2026-01-05 10:00', '2026-01-05 11:40'), ('u1', 'c1', 'Leave', '2026-01-05 10:30', NULL),
  ('u1', 'c1', 'Join',  '2026-01-05 10:40', NULL),
  ('u2', 'c1', 'Join',  '2026-01-05 10:10', NULL), ('u2', 'c1', 'Join', '2026-01-05 10:20', NULL),
  ('u2', 'c1', 'Leave', '2026-01-05 10:20', NULL), ('u2', 'c1', 'Leave', '2026-01-05 10:50', NULL),
  ('u2', 'c1', 'Leave', '2026-01-05 11:00', NULL),
  ('u3', 'c2', 'Join',  '2026-01-05 09:00', NULL), ('u3', 'c2', 'Join', '2026-01-05 09:30', NULL),
  ('u3', 'c2', 'Leave', '2026-01-05 09:45', NULL);
CREATE TEMP TABLE pm AS
SELECT activity_report.minutes_viewed_summary(u, c, a, t, closes) AS s FROM pm_events;

SELECT activity_report.presence_minutes(s, '-infinity', 'infinity') AS all_115,          -- 30 + 40 + 45
       activity_report.presence_minutes(s, '-infinity', 'infinity', true) AS all_closing_115, -- an infinite end closes nothing
       activity_report.minutes_viewed(s) AS minutes_viewed_175                            -- its closes_at 11:40 counts there: + 60
  FROM pm;
SELECT activity_report.presence_minutes(s, '2026-01-05 10:15', '2026-01-05 10:45') AS mid_45,        -- u1 15, u2 5 + 25
       activity_report.presence_minutes(s, '2026-01-05 10:15', '2026-01-05 10:45', true) AS mid_closing_50, -- + u1 10:40-10:45
       activity_report.presence_minutes(s, '2026-01-05 09:40', '2026-01-05 10:05', true) AS early_10,  -- u3 5, u1 5; u1's open join is after to_ts
       activity_report.presence_minutes(s, '-infinity', '2026-01-05 10:00') AS before_ten_45,          -- u3
       activity_report.presence_minutes(s, '2026-01-05 11:00', 'infinity', true) AS after_eleven_0,
       activity_report.presence_minutes(s, '2026-01-05 11:00', '2026-01-05 12:00', true) AS open_to_noon_60,
       activity_report.presence_minutes(s, '2026-01-05 11:00', '2026-01-05 12:00', false) AS open_not_closed_0,
       activity_report.presence_minutes(s, '2026-01-05 11:00', '2026-01-05 10:00', true) AS reversed_0,
       activity_report.presence_minutes(s, '2026-01-05 10:40', '2026-01-05 10:40', true) AS empty_0
  FROM pm;
-- STRICT: a NULL bound gives NULL
SELECT activity_report.presence_minutes(s, NULL, 'infinity') IS NULL AS null_bound FROM pm;
-- summaries per user, rolled up: the same
SELECT activity_report.presence_minutes(activity_report.rollup(s), '2026-01-05 10:15', '2026-01-05 10:45', true) AS rolled_up_50
  FROM (SELECT activity_report.minutes_viewed_summary(u, c, a, t, closes) AS s FROM pm_events GROUP BY u) per_user;
-- engagement_rate_summary makes the same type; its live window is not used either
SELECT activity_report.presence_minutes(activity_report.engagement_rate_summary(u, c, a, t, '2026-01-05 10:00', '2026-01-05 10:05'),
                                        '-infinity', 'infinity') AS engagement_summary_115
  FROM pm_events;
-- exact lengths: 30 s = 0.5 min; 6 µs = 1e-7 min; the whole timestamp range, 4714-11-24 BC to 294276-12-31,
-- is 109,203,527 days = 157,253,078,880 minutes (more microseconds than a bigint holds)
SELECT activity_report.presence_minutes(activity_report.minutes_viewed_summary(u, c, a, t), '-infinity', 'infinity') AS half_minute
  FROM (VALUES ('u', 'c', 'Join', timestamptz '2026-01-05 10:00:00'), ('u', 'c', 'Leave', '2026-01-05 10:00:30')) v(u, c, a, t);
SELECT activity_report.presence_minutes(activity_report.minutes_viewed_summary(u, c, a, t), '-infinity', 'infinity') AS six_microseconds
  FROM (VALUES ('u', 'c', 'Join', timestamptz '2026-01-05 10:00:00'), ('u', 'c', 'Leave', '2026-01-05 10:00:00.000006')) v(u, c, a, t);
SELECT activity_report.presence_minutes(activity_report.minutes_viewed_summary(u, c, a, t), '-infinity', 'infinity') AS whole_range,
       activity_report.presence_minutes(activity_report.minutes_viewed_summary(u, c, a, t), '-infinity', '294276-12-31 00:00+00', true) AS whole_range_open_closing
  FROM (VALUES ('u', 'c', 'Join', timestamptz '4714-11-24 00:00+00 BC'), ('u', 'c', 'Leave', '294276-12-31 00:00+00'),
               ('u', 'd', 'Join', timestamptz '4714-11-24 00:00+00 BC')) v(u, c, a, t);
