-- Least privilege and row-level security by portal. The reference is what a superuser sees when a portal's
-- data are alone in the database; with both portals loaded, a role bound to one portal must see exactly
-- that through every report function, view and aggregate.
\pset null '(null)'
CREATE ROLE ar_test_acme NOLOGIN IN ROLE activity_report_reader;
CREATE ROLE ar_test_globex NOLOGIN IN ROLE activity_report_writer;
INSERT INTO activity_report.portal_access VALUES ('ar_test_acme', 'acme'), ('ar_test_globex', 'globex');

-- One tenant's data for every report: users, a live session, a video, a course with an activity, a group,
-- and events of the four vocabularies. IDs carry the portal; n makes the two portals differ in amounts.
CREATE FUNCTION pg_temp.load_portal(p text, n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO activity_report.users (user_id, first_name, last_name, email, role, portal) VALUES
      (p || '-u1', 'Learner', p, p || '-u1@test', 'learner', p), (p || '-u2', 'Editor', p, p || '-u2@test', 'editor', p);
    INSERT INTO activity_report.groups (group_id, name, portal) VALUES (p || '-g1', 'Group ' || p, p);
    INSERT INTO activity_report.group_members VALUES (p || '-g1', p || '-u1', 'learner'), (p || '-g1', p || '-u2', 'editor');
    INSERT INTO activity_report.contents (content_id, content_type, name, parent_id, starts_at, ends_at, duration, status, author, group_id, tags, portal) VALUES
      (p || '-s1', 'OTSession', 'Session ' || p, NULL, '2026-06-01 10:00+00', '2026-06-01 11:00+00', '60 minutes', 'Active', NULL, NULL, '{}', p),
      (p || '-v1', 'video', 'Video ' || p, NULL, NULL, NULL, '10 minutes', 'Active', NULL, NULL, '{}', p),
      (p || '-c1', 'Course', 'Course ' || p, NULL, NULL, NULL, NULL, 'Active', p || '-u2', p || '-g1', ARRAY[p], p),
      (p || '-a1', 'Document', 'Notes ' || p, p || '-c1', NULL, NULL, NULL, 'Active', NULL, NULL, '{}', p);
    INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal)
    SELECT v.vocabulary, timestamptz '2026-06-01 10:00+00' + v.at, p || v.who, v.category, v.action, v.label, p || v.content, p
      FROM generate_series(1, n) i,
           LATERAL (VALUES
             ('activity_exporter', interval '0', '-u1', 'Content - OTSession', 'Join', 'N/A', '-s1'),
             ('activity_exporter', 20 * i * interval '1 minute', '-u1', 'Content - OTSession', 'Leave', 'N/A', '-s1'),
             ('activity_exporter', interval '1 minute', '-u1', 'Content - OTSession', 'Emoji', 'Love', '-s1'),
             ('activity_exporter', interval '2 minutes', '-u1', 'Content - OTSession', 'Chat', 'hi', '-s1'),
             ('activity_exporter', interval '3 minutes', '-u1', 'Download', 'Download', 'deck' || i || '.pdf', '-s1'),
             ('activity_exporter', interval '2 hours', '-u1', 'Content - video', 'Play', 'N/A', '-v1'),
             ('activity_exporter', interval '2 hours' + i * interval '1 minute', '-u1', 'Content - video', 'Watch', 'N/A', '-v1'),
             ('event_platform', interval '3 hours', '-u2', 'Clicked', 'Schedule Row', '/main', NULL),
             ('content_actions', interval '4 hours', '-u1', 'course', 'enrollment', 'sso', '-c1'),
             ('collaborative', interval '5 hours', '-u1', 'Messages', 'Post', 'hi', NULL),
             ('collaborative', interval '5 hours', '-u1', 'Forum', 'Reply', 're', NULL),
             ('collaborative', interval '5 hours', '-u1', 'Course', 'Start', 'N/A', '-c1'),
             ('collaborative', interval '5 hours', '-u1', 'Activity', 'Start', 'N/A', '-a1'),
             ('collaborative', interval '5 hours', '-u1', 'Activity', 'React', 'Like', '-a1'),
             ('collaborative', interval '5 hours', '-u1', 'Activity', 'Download', 'N/A', '-a1'),
             ('collaborative', interval '5 hours', '-u2', 'Activity', 'React', 'Outdated', '-a1')
           ) v(vocabulary, at, who, category, action, label, content);
END
$$;

-- Every report function and view ({p} = the portal's ID prefix); each row compared as text.
CREATE TEMP TABLE report_queries (n serial, report text, q text);
GRANT SELECT ON report_queries TO PUBLIC;
INSERT INTO report_queries (report, q) VALUES
  ('sitewide_activity', $$SELECT * FROM activity_report.sitewide_activity('-infinity', 'infinity')$$),
  ('sitewide_activity_v', $$SELECT user_id, action, date, content_id FROM activity_report.sitewide_activity_v$$),
  ('user_activity_export', $$SELECT * FROM activity_report.user_activity_export('-infinity', 'infinity')$$),
  ('user_activity_export_v', $$SELECT user_id, action, date_time FROM activity_report.user_activity_export_v$$),
  ('unique_users', $$SELECT * FROM activity_report.unique_users('-infinity', 'infinity')$$),
  ('unique_users_v', $$SELECT * FROM activity_report.unique_users_v$$),
  ('content_actions_log', $$SELECT * FROM activity_report.content_actions_log('-infinity', 'infinity')$$),
  ('content_actions_log_json', $$SELECT activity_report.content_actions_log_json('-infinity', 'infinity')$$),
  ('content_actions_log_v', $$SELECT email, panorama_name, content_type, content_title, type, source, timestamp, user_id, content_id, course_group FROM activity_report.content_actions_log_v$$),
  ('user_analytics', $$SELECT * FROM activity_report.user_analytics('{p}-u1')$$),
  ('user_analytics_v', $$SELECT * FROM activity_report.user_analytics_v$$),
  ('user_sessions', $$SELECT * FROM activity_report.user_sessions('{p}-u1')$$),
  ('user_sessions_v', $$SELECT * FROM activity_report.user_sessions_v$$),
  ('user_on_demand', $$SELECT * FROM activity_report.user_on_demand('{p}-u1')$$),
  ('user_on_demand_v', $$SELECT * FROM activity_report.user_on_demand_v$$),
  ('user_attachments', $$SELECT * FROM activity_report.user_attachments('{p}-u1')$$),
  ('user_attachments_v', $$SELECT * FROM activity_report.user_attachments_v$$),
  ('collaborative_users', $$SELECT * FROM activity_report.collaborative_users('{p}-g1')$$),
  ('collaborative_users_v', $$SELECT * FROM activity_report.collaborative_users_v$$),
  ('collaborative_groups', $$SELECT * FROM activity_report.collaborative_groups()$$),
  ('collaborative_groups (view)', $$SELECT * FROM activity_report.collaborative_groups$$),
  ('course_activity_engagement', $$SELECT * FROM activity_report.course_activity_engagement('{p}-c1')$$),
  ('course_activity_engagement_v', $$SELECT * FROM activity_report.course_activity_engagement_v$$),
  ('collaborative_courses', $$SELECT * FROM activity_report.collaborative_courses()$$),
  ('collaborative_courses (view)', $$SELECT * FROM activity_report.collaborative_courses$$),
  ('user_analytics_daily_v', $$SELECT * FROM activity_report.user_analytics_daily_v$$),
  ('user_sessions_daily_v', $$SELECT * FROM activity_report.user_sessions_daily_v$$),
  ('user_on_demand_daily_v', $$SELECT * FROM activity_report.user_on_demand_daily_v$$),
  ('user_attachments_daily_v', $$SELECT * FROM activity_report.user_attachments_daily_v$$),
  ('collaborative_users_daily_v', $$SELECT * FROM activity_report.collaborative_users_daily_v$$),
  ('collaborative_groups_daily_v', $$SELECT * FROM activity_report.collaborative_groups_daily_v$$),
  ('course_activity_engagement_daily_v', $$SELECT * FROM activity_report.course_activity_engagement_daily_v$$),
  ('collaborative_courses_daily_v', $$SELECT * FROM activity_report.collaborative_courses_daily_v$$),
  ('rollup_facts', $$SELECT day, portal, user_id, content_id, events, publications, reactions FROM activity_report.rollup_facts$$),
  ('rollup_details', $$SELECT day, portal, user_id, content_id, what, detail FROM activity_report.rollup_details$$),
  ('rollup_status', $$SELECT slice, events FROM activity_report.rollup_status WHERE events > 0$$),
  ('event_roles_v', $$SELECT user_id, action, roles, reaction, portal FROM activity_report_internal.event_roles_v$$),
  ('group_members', $$SELECT * FROM activity_report.group_members$$),
  ('aggregates', $$SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at),
                          activity_report.watched_fraction(category, action, label), activity_report.reaction_score(action, label),
                          count(*) FROM activity_report.events GROUP BY user_id$$);

CREATE FUNCTION pg_temp.reports(p text) RETURNS TABLE (report text, row_text text) LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM report_queries ORDER BY n LOOP
        RETURN QUERY EXECUTE format('SELECT %L, t::text FROM (%s) t', r.report, replace(r.q, '{p}', p));
    END LOOP;
END
$$;

-- The reference: each portal loaded alone and rolled up, read by the superuser.
SELECT pg_temp.load_portal('acme', 1);
SELECT activity_report.refresh_rollups('infinity') > 0 AS rolled_up;
CREATE TEMP TABLE reference AS SELECT 'acme' AS portal, * FROM pg_temp.reports('acme');
TRUNCATE activity_report.events, activity_report.users, activity_report.contents, activity_report.groups, activity_report.group_members;
SELECT pg_temp.load_portal('globex', 2);
SELECT activity_report.refresh_rollups('infinity') > 0 AS rolled_up;
INSERT INTO reference SELECT 'globex', * FROM pg_temp.reports('globex');
GRANT SELECT ON reference TO PUBLIC;
-- Now both portals, rolled up, and a row of no portal that no bound role sees (its day is read raw).
SELECT pg_temp.load_portal('acme', 1);
SELECT activity_report.refresh_rollups('infinity') > 0 AS rolled_up;
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id, portal)
VALUES ('2026-06-01 12:00+00', 'x1', 'Content - OTSession', 'View', 'N/A', 'acme-s1', NULL);

-- Per report: rows of the reference, rows missing from what the caller sees, rows the caller sees in excess.
CREATE FUNCTION pg_temp.compare(p text) RETURNS TABLE (report text, reference bigint, missing bigint, extra bigint)
LANGUAGE sql AS $$
    WITH got AS (SELECT * FROM pg_temp.reports(p)),
    want AS (SELECT r.report, r.row_text FROM reference r WHERE r.portal = p)
    SELECT q.report,
           (SELECT count(*) FROM want w WHERE w.report = q.report),
           (SELECT count(*) FROM (SELECT w.row_text FROM want w WHERE w.report = q.report
                                  EXCEPT ALL SELECT g.row_text FROM got g WHERE g.report = q.report) d),
           (SELECT count(*) FROM (SELECT g.row_text FROM got g WHERE g.report = q.report
                                  EXCEPT ALL SELECT w.row_text FROM want w WHERE w.report = q.report) d)
      FROM report_queries q ORDER BY q.n
$$;

-- The superuser sees both portals: most reports over all data exceed each portal's reference, so a leak
-- would show below.
SELECT count(*) FILTER (WHERE extra > 0) AS reports_with_more_rows_for_superuser, count(*) AS reports FROM pg_temp.compare('acme');

SET ROLE ar_test_acme;
SELECT * FROM pg_temp.compare('acme');
-- The raw path too (use_rollups off): nothing missing, nothing extra.
SET activity_report.use_rollups = off;
SELECT report, missing, extra FROM pg_temp.compare('acme') WHERE missing > 0 OR extra > 0;
RESET activity_report.use_rollups;
-- Another portal's IDs give what unknown IDs give.
SELECT (SELECT row(a.*)::text FROM activity_report.user_analytics('globex-u1') a) = (SELECT row(a.*)::text FROM activity_report.user_analytics('nobody') a) AS other_portals_user_unknown,
       (SELECT count(*) FROM activity_report.collaborative_users('globex-g1')) AS other_portals_group_members,
       (SELECT count(*) FROM activity_report.course_activity_engagement('globex-c1')) AS other_portals_course_activities;
-- A day's total over every portal (rollup_slices.events) is not the role's to read (rollup_status counts its
-- portals' events: in the reports above), nor are the days that hold none of its events (the superuser sees 5).
SELECT count(*) AS days_seen, count(*) FILTER (WHERE events IS NULL OR events = 0) AS days_without_own_events
  FROM activity_report.rollup_status;
\set VERBOSITY terse
SELECT events FROM activity_report.rollup_slices;
\set VERBOSITY default
SELECT count(*) > 0 AS slices_readable FROM (SELECT day, refreshed_at, archived FROM activity_report.rollup_slices) s;
-- The bindings are read once per query (InitPlan), not per row.
EXPLAIN (COSTS OFF) SELECT count(*) FROM activity_report.events;
-- A reader cannot write, and sees only its own bindings.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES (now(), 'acme-u1', 'Content - OTSession', 'View', 'acme');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM activity_report.portal_access;
\set VERBOSITY terse
DELETE FROM activity_report.portal_access;
\set VERBOSITY default
RESET ROLE;

SET ROLE ar_test_globex;
SELECT * FROM pg_temp.compare('globex');
-- A writer writes in its own portal only: events, and memberships of its own groups.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES ('2026-06-02', 'globex-u1', 'Content - OTSession', 'View', 'globex');
INSERT INTO activity_report.group_members VALUES ('globex-g1', 'globex-u3', 'learner');
\set VERBOSITY terse
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES ('2026-06-02', 'globex-u1', 'Content - OTSession', 'View', 'acme');
INSERT INTO activity_report.group_members VALUES ('acme-g1', 'globex-u1', 'learner');
\set VERBOSITY default
UPDATE activity_report.group_members SET role = 'admin' WHERE group_id = 'acme-g1';
SET activity_report.on_invalid = 'reject';
INSERT INTO activity_report.events (occurred_at, user_id, category, action, portal) VALUES ('2026-06-02', 'globex-u1', 'Content - OTSession', 'Fly', 'globex');
SELECT portal, reason FROM activity_report.rejected_events;
RESET activity_report.on_invalid;
RESET ROLE;

-- Back as superuser: everything, including the row without a portal and the writer's rows; acme's
-- memberships untouched.
SELECT portal, count(*) FROM activity_report.events GROUP BY portal ORDER BY portal;
SELECT group_id, user_id, role FROM activity_report.group_members ORDER BY group_id, user_id;
SELECT count(*) AS rejected FROM activity_report.rejected_events;

TRUNCATE activity_report.events, activity_report.rejected_events, activity_report.users, activity_report.contents,
         activity_report.groups, activity_report.group_members, activity_report.portal_access;
DROP TABLE reference, report_queries;
DROP ROLE ar_test_acme, ar_test_globex;
