-- drop_events_before (design §8): whole raw months that are rolled up are dropped, and every report still
-- answers for them from the rollups; a month not fully rolled up is kept.
\pset null '(null)'
TRUNCATE activity_report.events, activity_report.users, activity_report.contents, activity_report.groups,
         activity_report.group_members, activity_report.rollup_facts, activity_report.rollup_details,
         activity_report.rollup_slices, activity_report_internal.rollup_dirty;
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at, duration, portal) VALUES
  ('s1', 'OTSession', 'January talk', '2026-01-10 10:00+00', '2026-01-10 11:00+00', '60 minutes', 'acme');
INSERT INTO activity_report.groups (group_id, name, portal) VALUES ('g1', 'Team', 'acme');
INSERT INTO activity_report.group_members VALUES ('g1', 'u1', 'learner'), ('g1', 'u2', 'learner');
-- January: u1 in the talk 10:00-10:45 and a post; February: two posts of u2; March: one post of u1.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-01-10 10:00+00', 'u1', 'Content - OTSession', 'Join', 'N/A', 's1', 'acme'),
  ('activity_exporter', '2026-01-10 10:45+00', 'u1', 'Content - OTSession', 'Leave', 'N/A', 's1', 'acme'),
  ('collaborative', '2026-01-11 09:00+00', 'u1', 'Messages', 'Post', 'jan', NULL, 'acme'),
  ('collaborative', '2026-02-02 09:00+00', 'u2', 'Messages', 'Post', 'feb 1', NULL, 'acme'),
  ('collaborative', '2026-02-20 09:00+00', 'u2', 'Messages', 'Post', 'feb 2', NULL, 'acme'),
  ('collaborative', '2026-03-03 09:00+00', 'u1', 'Messages', 'Post', 'mar', NULL, 'acme');
SELECT activity_report.ensure_event_partitions('2026-01-01 00:00+00', '2026-04-01 00:00+00') AS partitions_made;
SELECT activity_report.refresh_rollups('2026-04-01 00:00+00') AS days_written;
-- A late February event after the refresh: February is not all rolled up any more.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('collaborative', '2026-02-21 09:00+00', 'u2', 'Messages', 'Post', 'feb late', NULL, 'acme');
CREATE TEMP TABLE before_drop AS
SELECT 'analytics' AS report, to_jsonb(a) AS row FROM activity_report.user_analytics_v a
UNION ALL SELECT 'sessions', to_jsonb(s) FROM activity_report.user_sessions_v s
UNION ALL SELECT 'users', to_jsonb(u) FROM activity_report.collaborative_users_v u
UNION ALL SELECT 'january', to_jsonb(j) FROM activity_report.collaborative_groups('2026-01-01 00:00+00', '2026-02-01 00:00+00') j;
-- Events before March: January (3 events) is dropped; February (a dirty day) is kept with a notice.
SELECT activity_report.drop_events_before('2026-03-01 00:00+00') AS events_dropped;
SELECT count(*) AS raw_events_left, min(occurred_at) AT TIME ZONE 'UTC' AS oldest FROM activity_report.events;
SELECT day, archived FROM activity_report.rollup_slices ORDER BY day;
-- Every report gives what it gave before the drop, on both paths (u1: 45 live minutes, 2 posts).
SELECT b.report, count(*) AS rows, bool_and(b.row = a.row) AS same_rows FROM (
  SELECT 'analytics' AS report, to_jsonb(a) AS row FROM activity_report.user_analytics_v a
  UNION ALL SELECT 'sessions', to_jsonb(s) FROM activity_report.user_sessions_v s
  UNION ALL SELECT 'users', to_jsonb(u) FROM activity_report.collaborative_users_v u
  UNION ALL SELECT 'january', to_jsonb(j) FROM activity_report.collaborative_groups('2026-01-01 00:00+00', '2026-02-01 00:00+00') j) a
  FULL JOIN before_drop b ON b.report = a.report AND b.row = a.row
 GROUP BY b.report ORDER BY 1;
SELECT user_id, live_minutes FROM activity_report.user_analytics_v WHERE live_minutes > 0;
SET activity_report.use_rollups = off;
SELECT user_id, live_minutes FROM activity_report.user_analytics_v WHERE live_minutes > 0;
SELECT publications FROM activity_report.collaborative_groups('2026-01-01 00:00+00', '2026-02-01 00:00+00');
RESET activity_report.use_rollups;
-- A late event of an archived day could never be counted (its raw events are gone, its rollups final): it is
-- invalid, so on_invalid applies: refused (55000), rejected with the reason, or kept as an invalid row.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-01-10 10:50+00', 'u2', 'Content - OTSession', 'Join', 'N/A', 's1', 'acme');
\echo :LAST_ERROR_SQLSTATE
BEGIN;
SET LOCAL activity_report.on_invalid = 'reject';
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-01-10 10:50+00', 'u2', 'Content - OTSession', 'Join', 'N/A', 's1', 'acme');
SELECT user_id, reason FROM activity_report.rejected_events;
SET LOCAL activity_report.on_invalid = 'accept';
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-01-10 10:55+00', 'u2', 'Content - OTSession', 'Leave', 'N/A', 's1', 'acme');
SELECT user_id, kind_id, details -> 'problems' -> 0 ->> 'field' AS problem_field FROM activity_report.events WHERE user_id = 'u2' AND occurred_at < '2026-02-01';
-- The accepted row leaves its archived day clean (it is never rolled up again); deleting it marks the day, and
-- a refresh drops marks of archived days.
SELECT count(*) AS archived_day_marks FROM activity_report_internal.rollup_dirty WHERE day = '2026-01-10';
DELETE FROM activity_report.events WHERE user_id = 'u2' AND occurred_at < '2026-02-01';
SELECT count(*) AS marks_after_delete FROM activity_report_internal.rollup_dirty WHERE day = '2026-01-10';
SELECT activity_report.refresh_rollups('2026-04-01 00:00+00', false) >= 0 AS refreshed;
SELECT count(*) AS marks_after_refresh FROM activity_report_internal.rollup_dirty WHERE day = '2026-01-10';
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-01-10 10:55+00', 'u2', 'Content - OTSession', 'Leave', 'N/A', 's1', 'acme');
-- A row that comes as an accepted invalid one (as a restore brings it) is kept as it is, under 'error' too.
SET LOCAL activity_report.on_invalid = 'error';
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal, details)
SELECT vocabulary, occurred_at, user_id, category, action, label, content_id, portal, details
  FROM activity_report.events WHERE user_id = 'u2' AND occurred_at < '2026-02-01';
SELECT count(*) AS accepted_rows FROM activity_report.events WHERE user_id = 'u2' AND occurred_at < '2026-02-01' AND kind_id IS NULL;
-- An event moved into an archived day is refused too; one of a day next to it is not.
SAVEPOINT s;
UPDATE activity_report.events SET occurred_at = '2026-01-11 12:00+00' WHERE label = 'feb 1';
ROLLBACK TO SAVEPOINT s;
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('collaborative', '2026-01-12 09:00+00', 'u1', 'Messages', 'Post', 'jan 12', NULL, 'acme');
SELECT count(*) AS january_12 FROM activity_report.events WHERE occurred_at >= '2026-01-12' AND occurred_at < '2026-01-13';
ROLLBACK;
-- Refreshing again keeps the archived days; February can go once rolled up.
SELECT activity_report.refresh_rollups('2026-04-01 00:00+00') AS days_written;
SELECT activity_report.drop_events_before('2026-03-01 00:00+00') AS events_dropped;
SELECT publications FROM activity_report.collaborative_groups();
-- Not for readers or writers.
SELECT has_function_privilege('activity_report_writer', 'activity_report.drop_events_before(timestamptz)', 'EXECUTE') AS writer_may_drop;
SELECT activity_report.drop_events_before(NULL);
TRUNCATE activity_report.events, activity_report.contents, activity_report.groups, activity_report.group_members,
         activity_report.rollup_facts, activity_report.rollup_details, activity_report.rollup_slices,
         activity_report_internal.rollup_dirty;
-- Rows inserted where their month has no partition wait in events_default; once rolled up, the first
-- drop_events_before moves them into their month (which leaves the rolled-up days clean) and drops it: 2 events.
DROP TABLE activity_report.events_y2026m03;
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('collaborative', '2025-11-03 09:00+00', 'u1', 'Messages', 'Post', 'nov', NULL, 'acme'),
  ('collaborative', '2025-11-04 09:00+00', 'u2', 'Messages', 'Post', 'nov 2', NULL, 'acme');
SELECT count(*) AS in_default FROM activity_report.events_default;
SELECT activity_report.refresh_rollups('2026-04-01 00:00+00') AS days_written;
-- (under a savepoint, as a client library may run it: the move's marks are this transaction's all the same)
BEGIN;
SAVEPOINT before_drop;
SELECT activity_report.drop_events_before('2025-12-01 00:00+00') AS events_dropped;
RELEASE SAVEPOINT before_drop;
COMMIT;
SELECT day, archived, NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = s.day) AS clean
  FROM activity_report.rollup_slices s WHERE day < '2025-12-01' ORDER BY day;
SELECT sum(publications) AS november_publications_rolled_up FROM activity_report.rollup_facts WHERE day < '2025-12-01';
-- Moving rows of a day that changed in the same transaction keeps its mark (an insert of 10-20 after a refresh).
BEGIN;
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('collaborative', '2025-10-20 09:00+00', 'u1', 'Messages', 'Post', 'oct', NULL, 'acme');
SELECT activity_report.refresh_rollups('2026-04-01 00:00+00') AS days_written;
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('collaborative', '2025-10-20 10:00+00', 'u2', 'Messages', 'Post', 'oct 2', NULL, 'acme');
SELECT activity_report.ensure_event_partitions('2025-10-01 00:00+00', '2025-11-01 00:00+00') AS partitions_made;
SELECT count(*) AS october_dirty_marks FROM activity_report_internal.rollup_dirty WHERE day = '2025-10-20';
COMMIT;
SELECT activity_report.refresh_rollups('2026-04-01 00:00+00') AS days_written;
SELECT events FROM activity_report.rollup_slices WHERE day = '2025-10-20';
TRUNCATE activity_report.events, activity_report.rollup_facts, activity_report.rollup_details, activity_report.rollup_slices,
         activity_report.rollup_slice_portals, activity_report_internal.rollup_dirty;
-- The tests after this one expect events without monthly partitions.
DROP TABLE activity_report.events_y2025m10;
