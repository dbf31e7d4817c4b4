-- Rollups (design §8): refresh_rollups, rollup_status, dirty days, and the same rows from raw events and
-- from rollups for every seed-003/004 report and view, with presence across midnight, range bounds inside
-- a day and late events. Expected numbers are worked out by hand in the comments.
\pset null '(null)'
\set ECHO none
\i test/rollups/compare.sql
\set ECHO all
-- A clean start: no events, nothing rolled up or marked by the tests before.
TRUNCATE activity_report.events, activity_report.rollup_facts, activity_report.rollup_details, activity_report.rollup_slices,
         activity_report_internal.rollup_dirty;
INSERT INTO activity_report.users (user_id, first_name, last_name, role, portal) VALUES
  ('u1', 'Ada', 'One', 'learner', 'acme'), ('u2', 'Bo', 'Two', 'learner', 'acme'), ('u3', 'Cy', 'Three', 'admin', 'other');
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at, duration, parent_id, portal) VALUES
  ('s1', 'OTSession', 'Night', '2026-03-03 23:00+00', '2026-03-04 01:00+00', '120 minutes', NULL, 'acme'),
  ('v1', 'video', 'Clip', NULL, NULL, '10 minutes', NULL, 'acme'),
  ('c1', 'course', 'Course', NULL, NULL, NULL, NULL, 'acme'),
  ('a1', 'Document', 'Doc', NULL, NULL, NULL, 'c1', 'acme');
INSERT INTO activity_report.groups (group_id, name, portal) VALUES ('g1', 'Team', 'acme');
INSERT INTO activity_report.group_members VALUES ('g1', 'u1', 'learner'), ('g1', 'u2', 'learner');
-- u1 is in the session from 23:30 to 00:30 (across midnight), chats on each day; u2 joins at 23:00 and never
-- leaves (the open interval closes at ends_at 01:00); u1 watches the recording at 02:00; u1 plays the clip and watches 3 x 10 %; the course
-- gets two starts and a like; u3 (another portal) posts.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-03-03 23:30+00', 'u1', 'Content - OTSession', 'Join', 'N/A', 's1', 'acme'),
  ('activity_exporter', '2026-03-03 23:40+00', 'u1', 'Content - OTSession', 'Chat', 'hi', 's1', 'acme'),
  ('activity_exporter', '2026-03-04 00:10+00', 'u1', 'Content - OTSession', 'Chat', 'again', 's1', 'acme'),
  ('activity_exporter', '2026-03-04 00:30+00', 'u1', 'Content - OTSession', 'Leave', 'N/A', 's1', 'acme'),
  ('activity_exporter', '2026-03-04 02:00+00', 'u1', 'Content - OTSession', 'Watch', 'N/A', 's1', 'acme'),
  ('activity_exporter', '2026-03-03 23:00+00', 'u2', 'Content - OTSession', 'Join', 'N/A', 's1', 'acme'),
  ('activity_exporter', '2026-03-05 10:00+00', 'u1', 'Content - video', 'Play', 'N/A', 'v1', 'acme'),
  ('activity_exporter', '2026-03-05 10:01+00', 'u1', 'Content - video', 'Watch', 'N/A', 'v1', 'acme'),
  ('activity_exporter', '2026-03-05 10:02+00', 'u1', 'Content - video', 'Watch', 'N/A', 'v1', 'acme'),
  ('activity_exporter', '2026-03-06 10:03+00', 'u1', 'Content - video', 'Watch', 'N/A', 'v1', 'acme'),
  ('activity_exporter', '2026-03-05 11:00+00', 'u1', 'Download', 'Download', 'notes.pdf', 's1', 'acme'),
  ('collaborative', '2026-03-05 12:00+00', 'u1', 'Course', 'Start', 'N/A', 'c1', 'acme'),
  ('collaborative', '2026-03-06 12:00+00', 'u2', 'Course', 'Start', 'N/A', 'c1', 'acme'),
  ('collaborative', '2026-03-06 12:05+00', 'u2', 'Activity', 'React', 'Like', 'a1', 'acme'),
  ('collaborative', '2026-03-05 13:00+00', 'u1', 'Messages', 'Post', 'hello', NULL, 'acme'),
  ('collaborative', '2026-03-05 13:00+00', 'u3', 'Messages', 'Post', 'elsewhere', NULL, 'other');

-- Nothing is rolled up yet: four days with events, all dirty.
SELECT slice, events, refreshed_at IS NOT NULL AS refreshed, dirty FROM activity_report.rollup_status ORDER BY slice;
-- A refresh up to 2026-03-05 00:00 rolls up the two days that have ended by then; a second one has nothing to do.
SELECT activity_report.refresh_rollups('2026-03-05 00:00+00') AS days_written;
SELECT activity_report.refresh_rollups('2026-03-05 00:00+00') AS days_written;
SELECT slice, events, refreshed_at IS NOT NULL AS refreshed, dirty FROM activity_report.rollup_status ORDER BY slice;
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
SELECT count(*) FILTER (WHERE dirty) AS dirty_days, sum(events) AS events FROM activity_report.rollup_status;

-- Live minutes: u1 60 (23:30-00:30, 60 / 120 = 50 %), u2 120 (23:00-01:00, 100 %): from rollups and raw alike.
SELECT user_id, live_minutes, average_live_engagement_rate, chat_messages_sent, sessions_viewed
  FROM activity_report.user_analytics_v ORDER BY user_id;
-- [2026-03-04 00:00, 2026-03-05 00:00): u1's part after midnight, 30 minutes (25 %); one chat on that day.
SELECT live_minutes, average_live_engagement_rate, chat_messages_sent FROM activity_report.user_analytics('u1', '2026-03-04 00:00+00', '2026-03-05 00:00+00');
-- A range whose bounds fall inside days: [23:45, 00:15): 30 minutes of presence, 15 %, and one chat (00:10).
SELECT live_minutes, average_live_engagement_rate, chat_messages_sent
  FROM activity_report.user_analytics('u1', '2026-03-03 23:45+00', '2026-03-04 00:15+00');
-- u1's session: 60 live + a recording watch after ends_at, 10 % of 120 = 12: 72 minutes.
SELECT * FROM activity_report.user_sessions('u1');
-- On demand: 3 watches of 10 % over two days: 0.3 x 10 = 3 minutes, completion 30 %.
SELECT * FROM activity_report.user_on_demand('u1');

-- Every seed-003/004 report and view, raw against rollups, over all time and over ranges cut inside days.
SELECT q, pg_temp.paths_agree(q) FROM unnest(ARRAY[
  'SELECT * FROM activity_report.user_analytics_v',
  'SELECT * FROM activity_report.user_sessions_v',
  'SELECT * FROM activity_report.user_on_demand_v',
  'SELECT * FROM activity_report.user_attachments_v',
  'SELECT * FROM activity_report.collaborative_users_v',
  'SELECT * FROM activity_report.collaborative_groups',
  'SELECT * FROM activity_report.course_activity_engagement_v',
  'SELECT * FROM activity_report.collaborative_courses',
  'SELECT * FROM activity_report.user_analytics_daily_v',
  'SELECT * FROM activity_report.user_sessions_daily_v',
  'SELECT * FROM activity_report.user_on_demand_daily_v',
  'SELECT * FROM activity_report.user_attachments_daily_v',
  'SELECT * FROM activity_report.collaborative_users_daily_v',
  'SELECT * FROM activity_report.collaborative_groups_daily_v',
  'SELECT * FROM activity_report.course_activity_engagement_daily_v',
  'SELECT * FROM activity_report.collaborative_courses_daily_v',
  $$SELECT * FROM activity_report.user_analytics('u1', '2026-03-03 23:45+00', '2026-03-05 10:01:30+00')$$,
  $$SELECT * FROM activity_report.user_sessions('u2', '2026-03-04 00:30+00', '2026-03-06 00:00+00')$$,
  $$SELECT * FROM activity_report.user_on_demand('u1', '2026-03-05 10:01:30+00', 'infinity')$$,
  $$SELECT * FROM activity_report.user_attachments('u1', '2026-03-05 10:30+00', '2026-03-05 12:00+00')$$,
  $$SELECT * FROM activity_report.collaborative_users('g1', '2026-03-05 12:30+00', '2026-03-06 12:01+00')$$,
  $$SELECT * FROM activity_report.collaborative_groups('2026-03-05 12:30+00', '2026-03-06 12:01+00')$$,
  $$SELECT * FROM activity_report.course_activity_engagement('c1', '2026-03-06 12:01+00', '2026-03-07 00:00+00')$$,
  $$SELECT * FROM activity_report.collaborative_courses('2026-03-05 11:00+00', '2026-03-06 12:01+00')$$]) q;

-- Every day is clean now, so the refresh also stored the rows over all time (54_rollups_all_time.sql): the
-- all-time reports above (live minutes 60 and 120, the comparisons with the raw path) read them. A range
-- other than all time, or the setting off, computes.
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       activity_report_internal.use_all_time('-infinity', '2026-03-06 00:00+00') AS ranged,
       (SELECT count(*) FROM activity_report_internal.all_time_content_metrics) AS content_rows,
       (SELECT count(*) FROM activity_report_internal.daily_content_metrics) AS daily_content_rows;
SET activity_report.use_rollups = off;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored_when_off;
RESET activity_report.use_rollups;
-- A dimension change (a user's name) is not read from the stored rows until the next refresh: the reports
-- compute meanwhile and show it at once; the refresh rebuilds them (no day is dirty: 0 days written).
UPDATE activity_report.users SET first_name = 'Adah' WHERE user_id = 'u1';
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored;
SELECT first_name, publications FROM activity_report.collaborative_users_v WHERE user_id = 'u1';
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored;
SELECT first_name, publications FROM activity_report.collaborative_users_v WHERE user_id = 'u1';
-- A user named in user_ids with no events gets the row of zeros from the stored path too.
SELECT user_id, total_minutes_viewed, sessions_viewed FROM activity_report_internal.analytics_rows(ARRAY['u1', 'nobody'], '-infinity', 'infinity') ORDER BY 1;
SELECT pg_temp.paths_agree($$SELECT * FROM activity_report.user_analytics('nobody')$$);

-- Daily views: u1's session per day, presence split at midnight: 30 minutes on 2026-03-03 (23:30-24:00,
-- 25 %), 30 + 12 recording = 42 on 2026-03-04; the clip's 3 minutes are 2 on 2026-03-05 and 1 on 2026-03-06.
SELECT day, session_name, minutes_viewed, engagement_rate, chat_messages_sent FROM activity_report.user_sessions_daily_v
 WHERE user_id = 'u1' AND minutes_viewed > 0 ORDER BY day;
SELECT day, name, round(minutes_viewed::numeric, 9) AS minutes_viewed, round(completion_rate::numeric, 9) AS completion_rate
  FROM activity_report.user_on_demand_daily_v ORDER BY day;
-- Additive columns of every daily view sum over the days to its all-time view.
SELECT c.daily, pg_temp.daily_sums_agree(c.daily, c.total, c.keys, c.additive) FROM pg_temp.daily_checks() c;

-- A late event (a leave of u2 at 00:20 on the rolled-up 2026-03-04) makes that day dirty; until the next
-- refresh the reports read its raw events: u2 now 23:00-00:20, 80 minutes, on both paths.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-03-04 00:20+00', 'u2', 'Content - OTSession', 'Leave', 'N/A', 's1', 'acme');
SELECT slice, dirty FROM activity_report.rollup_status WHERE dirty;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored;
SELECT live_minutes FROM activity_report.user_analytics('u2');
SELECT pg_temp.paths_agree('SELECT * FROM activity_report.user_analytics_v');
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
SELECT live_minutes FROM activity_report.user_analytics('u2');
-- A deleted event makes its day dirty too; so does a taxonomy change (every rolled-up day).
DELETE FROM activity_report.events WHERE label = 'elsewhere';
SELECT slice, dirty FROM activity_report.rollup_status WHERE dirty;
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
UPDATE activity_report.reaction_types SET polarity = polarity WHERE reaction = 'Like';
SELECT count(*) FILTER (WHERE dirty) AS dirty_days FROM activity_report.rollup_status;
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
-- A new ends_at for the session makes the days of its watch progress dirty (recording minutes count after it).
UPDATE activity_report.contents SET ends_at = '2026-03-04 03:00+00' WHERE content_id = 's1';
SELECT slice, dirty FROM activity_report.rollup_status WHERE dirty;
-- Now the 02:00 watch is inside the window: no recording; live 60 of 240 minutes = 25 %.
SELECT * FROM activity_report.user_sessions('u1');
SELECT pg_temp.paths_agree('SELECT * FROM activity_report.user_sessions_v');
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
SELECT * FROM activity_report.user_sessions('u1');

-- Row-level security covers the rollups: a reader bound to portal acme sees acme's facts only.
CREATE ROLE rollup_reader IN ROLE activity_report_reader;
INSERT INTO activity_report.portal_access VALUES ('rollup_reader', 'acme');
SET ROLE rollup_reader;
SELECT DISTINCT portal FROM activity_report.rollup_facts ORDER BY 1;
-- The stored rows hold every portal: a portal-bound reader neither reads them nor sees them.
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       (SELECT count(*) FROM activity_report_internal.all_time_analytics) AS visible_stored_rows;
SELECT name, publications FROM activity_report.collaborative_groups;
SELECT activity_report.refresh_rollups();
RESET ROLE;
SET activity_report.use_rollups = 'banana';
RESET activity_report.use_rollups;
DELETE FROM activity_report.portal_access WHERE role_name = 'rollup_reader';
DROP ROLE rollup_reader;
SELECT activity_report.refresh_rollups(NULL);
TRUNCATE activity_report.events, activity_report.users, activity_report.contents, activity_report.groups, activity_report.group_members;
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
SELECT count(*) AS facts FROM activity_report.rollup_facts;
-- A viewer whose events on a content carry two portals on one day: presence pairs joins and leaves within a
-- portal (facts are per portal), so no summaries overlap. Portal a: join 10:00, joins 10:40 and 10:50 while
-- present, no leave: open until the window's end, 12:00, 120 minutes; no portal: a lone leave, ignored. The
-- same on both paths, no error.
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at) VALUES
  ('s9', 'OTSession', 'Two portals', '2026-03-03 09:00+00', '2026-03-03 12:00+00');
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('2026-03-03 10:00+00', 'u9', 'Content - OTSession', 'Join', 'N/A', 's9', 'a'),
  ('2026-03-03 10:30+00', 'u9', 'Content - OTSession', 'Leave', 'N/A', 's9', NULL),
  ('2026-03-03 10:40+00', 'u9', 'Content - OTSession', 'Join', 'N/A', 's9', 'a'),
  ('2026-03-03 10:50+00', 'u9', 'Content - OTSession', 'Join', 'N/A', 's9', 'a');
SELECT activity_report.refresh_rollups('2026-03-07 00:00+00') AS days_written;
SELECT live_minutes, sessions_viewed FROM activity_report.user_analytics('u9');
SELECT pg_temp.paths_agree($$SELECT * FROM activity_report.user_analytics('u9')$$);
TRUNCATE activity_report.events, activity_report.contents;

-- The comparison itself notices a difference: the setting it flips.
SELECT pg_temp.paths_agree($$SELECT current_setting('activity_report.use_rollups') AS setting$$);

-- A parallel worker that loads the library itself (a fresh session has not loaded it: the reports are SQL)
-- keeps the session's setting: 'off', not the default.
CREATE FUNCTION public.setting_in_worker() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
$$ SELECT (SELECT count(*) FROM activity_report.classify('event_platform', 'YouTube 50%', 'Watched YouTube', 'x'))::text
          || ' ' || current_setting('activity_report.use_rollups') $$;
\c
SET activity_report.use_rollups = off;
SET force_parallel_mode = on;
SELECT public.setting_in_worker();
RESET force_parallel_mode;
RESET activity_report.use_rollups;
DROP FUNCTION public.setting_in_worker();
