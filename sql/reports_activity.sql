-- Reports of seeds 000-002: a curated data set and, for every report, the expected rows written by hand.
-- Each check lists the differences between the report and the hand-written rows (none expected), in order.
\pset null '(null)'
INSERT INTO activity_report.users (user_id, first_name, last_name, company, email, tags, dimensions, portal) VALUES
  ('ann', 'Ann', 'Lee', 'Acme', 'ann@acme.test', '{vip}', '{"phone": "+1 555 0100"}', 'acme'),
  ('bob', 'Bob', 'Ray', 'Globex', 'Bob@Globex.test', '{}', '{}', 'globex');
INSERT INTO activity_report.contents (content_id, content_type, name, slug, group_id) VALUES
  ('k1', 'OTSession', 'Keynote', '/main/live/keynote', NULL),
  ('c1', 'course', 'Crypto 101', '/courses/crypto', 'g-eng');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, content_slug, portal) VALUES
  ('activity_exporter', '2026-05-01 09:00+00', 'ann', 'Content - OTSession', 'View', 'N/A', 'k1', 'Keynote', '/main/live/keynote', 'acme'),
  ('activity_exporter', '2026-05-01 09:00+00', 'ann', 'Content - OTSession', 'Join', 'N/A', 'k1', 'Keynote', '/main/live/keynote', 'acme'),
  ('activity_exporter', '2026-05-01 09:30+00', 'bob', 'Feed', 'Post', 'Hello', NULL, NULL, NULL, 'globex'),
  ('event_platform',    '2026-05-01 10:00+00', 'carl', 'Clicked', 'Schedule Row', '/main/live/keynote', NULL, NULL, NULL, 'acme'),
  ('activity_exporter', '2026-05-02 00:00+00', 'ann', 'Content - OTSession', 'Leave', 'N/A', 'k1', 'Keynote', '/main/live/keynote', 'acme'),
  ('content_actions',   '2026-05-01 08:00+00', 'bob', 'course', 'enrollment', 'sso', 'c1', NULL, NULL, 'globex'),
  ('content_actions',   '2026-05-03 08:00+00', 'bob', 'course', 'status_change', 'course_completed', 'c1', 'Crypto 101', NULL, 'globex'),
  ('content_actions',   '2026-05-03 09:00+00', 'ann', 'webinar', 'enrollment', 'public', NULL, 'Ciphers live', NULL, 'acme');

-- sitewide_activity: [from, to) on the event time; the row at 2026-05-02 00:00 is outside; ties by event id.
SELECT row_number() OVER () AS n, * FROM activity_report.sitewide_activity('2026-05-01 09:00+00', '2026-05-02 00:00+00');
WITH got AS (SELECT row_number() OVER () AS n, s.* FROM activity_report.sitewide_activity('2026-05-01', '2026-06-01', 'k1') s),
expected(n, user_id, first, last, company, email, category, action, label, date, content_id, content_name, content_slug) AS (VALUES
  (1::bigint, 'ann', 'Ann', 'Lee', 'Acme', 'ann@acme.test', 'Content - OTSession', 'View', 'N/A', timestamptz '2026-05-01 09:00+00', 'k1', 'Keynote', '/main/live/keynote'),
  (2, 'ann', 'Ann', 'Lee', 'Acme', 'ann@acme.test', 'Content - OTSession', 'Join', 'N/A', '2026-05-01 09:00+00', 'k1', 'Keynote', '/main/live/keynote'),
  (3, 'ann', 'Ann', 'Lee', 'Acme', 'ann@acme.test', 'Content - OTSession', 'Leave', 'N/A', '2026-05-02 00:00+00', 'k1', 'Keynote', '/main/live/keynote'))
(SELECT 'unexpected' AS diff, * FROM got EXCEPT ALL SELECT 'unexpected', * FROM expected)
UNION ALL
(SELECT 'missing', * FROM expected EXCEPT ALL SELECT 'missing', * FROM got);

-- user_activity_export: sections and Section/Name in exporter, case-insensitively.
SELECT user_id, category, action, date_time FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['FEED']);
SELECT user_id, category, action, date_time FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['content/joined', 'Navigation']);
SELECT count(*) AS all_rows FROM activity_report.user_activity_export('-infinity', 'infinity');
SELECT count(*) AS nothing FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['Nope']);

-- unique_users: users with an event in range, ordered by user ID; carl has no users row.
SELECT * FROM activity_report.unique_users('2026-05-01', '2026-05-02');
SELECT * FROM activity_report.unique_users('2026-05-02', '2026-05-03');

-- content_actions_log and its filters; the title falls back to the contents table.
SELECT * FROM activity_report.content_actions_log('2026-05-01', '2026-06-01');
SELECT type, source FROM activity_report.content_actions_log('2026-05-01', '2026-06-01', learner => 'bob@globex.TEST');
SELECT type, source FROM activity_report.content_actions_log('2026-05-01', '2026-06-01', portal => 'acme');
SELECT type, source FROM activity_report.content_actions_log('2026-05-01', '2026-06-01', type => 'Status_Change', source => 'COURSE_COMPLETED');
SELECT type, source FROM activity_report.content_actions_log('2026-05-01', '2026-06-01', course_group => 'g-eng', content_id => 'c1');
SELECT count(*) FROM activity_report.content_actions_log('2026-05-03 09:00+00', '2026-05-03 09:00+00');
SELECT jsonb_pretty(activity_report.content_actions_log_json('2026-05-03', '2026-05-04'));
SELECT activity_report.content_actions_log_json('2030-01-01', '2030-01-02') AS empty_log;

-- The views carry the same rows over all time.
SELECT (SELECT count(*) FROM activity_report.sitewide_activity_v) AS sitewide_rows,
       (SELECT count(*) FROM activity_report.unique_users_v) AS unique_users,
       (SELECT count(*) FROM activity_report.content_actions_log_v) AS content_actions;
-- Every view of the extension runs with the caller's privileges and row-level security.
SELECT c.relname AS view_without_security_invoker FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'activity_report' AND c.relkind = 'v'
   AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false);

TRUNCATE activity_report.events, activity_report.users, activity_report.contents;
