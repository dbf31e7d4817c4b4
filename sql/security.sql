-- Least privilege and row-level security by portal: two roles bound to one portal each see exactly the
-- rows a superuser sees for that portal, through tables, views, report functions and aggregates.
\pset null '(null)'
CREATE ROLE ar_test_acme NOLOGIN IN ROLE activity_report_reader;
CREATE ROLE ar_test_globex NOLOGIN IN ROLE activity_report_writer;
INSERT INTO activity_report.portal_access VALUES ('ar_test_acme', 'acme'), ('ar_test_globex', 'globex');
INSERT INTO activity_report.users (user_id, email, portal) VALUES ('a1', 'a1@acme.test', 'acme'), ('g1', 'g1@globex.test', 'globex');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-06-01 10:00+00', 'a1', 'Content - OTSession', 'Join', 'N/A', 's1', 'acme'),
  ('activity_exporter', '2026-06-01 10:30+00', 'a1', 'Content - OTSession', 'Leave', 'N/A', 's1', 'acme'),
  ('activity_exporter', '2026-06-01 10:00+00', 'g1', 'Content - OTSession', 'Join', 'N/A', 's1', 'globex'),
  ('activity_exporter', '2026-06-01 11:00+00', 'g1', 'Content - OTSession', 'Leave', 'N/A', 's1', 'globex'),
  ('activity_exporter', '2026-06-01 12:00+00', 'x1', 'Content - OTSession', 'View', 'N/A', 's1', NULL),
  ('content_actions', '2026-06-01 09:00+00', 'a1', 'course', 'enrollment', 'sso', 'c1', 'acme'),
  ('content_actions', '2026-06-01 09:00+00', 'g1', 'course', 'enrollment', 'public', 'c1', 'globex');

-- What the superuser sees, per portal: the reference.
CREATE TEMP VIEW reference AS
SELECT portal, count(*) AS events,
       activity_report.minutes_viewed(user_id, content_id, action, occurred_at) AS minutes
  FROM activity_report.events GROUP BY portal;
SELECT * FROM reference ORDER BY portal;
GRANT SELECT ON reference TO PUBLIC;

SET ROLE ar_test_acme;
SELECT portal, count(*) AS events, activity_report.minutes_viewed(user_id, content_id, action, occurred_at) AS minutes
  FROM activity_report.events GROUP BY portal;
-- Differences from the superuser's rows for acme (none expected), both ways.
(SELECT portal, count(*), activity_report.minutes_viewed(user_id, content_id, action, occurred_at) FROM activity_report.events GROUP BY portal
 EXCEPT SELECT * FROM reference WHERE portal = 'acme')
UNION ALL
(SELECT * FROM reference WHERE portal = 'acme'
 EXCEPT SELECT portal, count(*), activity_report.minutes_viewed(user_id, content_id, action, occurred_at) FROM activity_report.events GROUP BY portal);
-- The bindings are read once per query (InitPlan), not per row.
EXPLAIN (COSTS OFF) SELECT count(*) FROM activity_report.events;
SELECT user_id, action FROM activity_report.sitewide_activity('2026-06-01', '2026-06-02');
SELECT count(*) AS sitewide_v FROM activity_report.sitewide_activity_v;
SELECT email, panorama_name, source FROM activity_report.content_actions_log('-infinity', 'infinity');
SELECT user_id, email FROM activity_report.unique_users('-infinity', 'infinity');
SELECT user_id FROM activity_report.users;
-- A reader cannot write, and sees only its own bindings.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES (now(), 'a1', 'Content - OTSession', 'View', 'acme');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM activity_report.portal_access;
\set VERBOSITY terse
DELETE FROM activity_report.portal_access;
\set VERBOSITY default
RESET ROLE;

SET ROLE ar_test_globex;
(SELECT portal, count(*), activity_report.minutes_viewed(user_id, content_id, action, occurred_at) FROM activity_report.events GROUP BY portal
 EXCEPT SELECT * FROM reference WHERE portal = 'globex')
UNION ALL
(SELECT * FROM reference WHERE portal = 'globex'
 EXCEPT SELECT portal, count(*), activity_report.minutes_viewed(user_id, content_id, action, occurred_at) FROM activity_report.events GROUP BY portal);
SELECT email, panorama_name, source FROM activity_report.content_actions_log('-infinity', 'infinity');
-- A writer writes in its own portal only.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES ('2026-06-02', 'g1', 'Content - OTSession', 'View', 'globex');
\set VERBOSITY terse
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES ('2026-06-02', 'g1', 'Content - OTSession', 'View', 'acme');
\set VERBOSITY default
SET activity_report.on_invalid = 'reject';
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES ('2026-06-02', 'g1', 'Content - OTSession', 'Fly', 'globex');
SELECT portal, reason FROM activity_report.rejected_events;
RESET activity_report.on_invalid;
RESET ROLE;

-- Back as superuser: everything, including the row without a portal and the writer's one row.
SELECT portal, count(*) FROM activity_report.events GROUP BY portal ORDER BY portal;
SELECT count(*) AS rejected FROM activity_report.rejected_events;

TRUNCATE activity_report.events, activity_report.rejected_events, activity_report.users, activity_report.portal_access;
DROP VIEW reference;
DROP ROLE ar_test_acme, ar_test_globex;
