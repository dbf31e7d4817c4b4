-- Reports of seeds 000-002: a curated data set and, for every report, the expected rows written by hand.
-- Each check lists the differences between the report and the hand-written rows (none expected), in order.
\pset null '(null)'
\i test/regress/differences.sql
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

-- A second, plain-SQL formulation of the same report over the whole month (events joined to users, and to
-- contents for the where-columns an event leaves empty; ordered by time then event ID): no differences.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(s)) FROM activity_report.sitewide_activity('2026-05-01', '2026-06-01') s),
  (SELECT jsonb_agg(jsonb_build_object('user_id', e.user_id, 'first', u.first_name, 'last', u.last_name, 'company', u.company,
                                       'email', u.email, 'category', e.category, 'action', e.action, 'label', e.label,
                                       'date', e.occurred_at, 'content_id', e.content_id, 'content_name', COALESCE(e.content_name, c.name),
                                       'content_slug', COALESCE(e.content_slug, c.slug)) ORDER BY e.occurred_at, e.event_id)
     FROM activity_report.events e LEFT JOIN activity_report.users u USING (user_id) LEFT JOIN activity_report.contents c USING (content_id)
    WHERE e.occurred_at >= '2026-05-01' AND e.occurred_at < '2026-06-01'));

-- user_activity_export: sections and Section/Name in exporter, case-insensitively. "FEED" is bob's post;
-- "content/joined" is ann's Join (not her View or Leave), "Navigation" is carl's Schedule Row click.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(jsonb_build_object('user_id', user_id, 'action', action, 'date_time', date_time))
     FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['FEED'])),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES ('bob', 'Post', timestamptz '2026-05-01 09:30+00')) x(user_id, action, date_time)));
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(s)) FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['content/joined', 'Navigation']) s),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('ann', 'Ann', 'Lee', 'Acme', 'ann@acme.test', 'Content - OTSession', 'Join', 'N/A', timestamptz '2026-05-01 09:00+00', 'k1', 'Keynote', '/main/live/keynote'),
     ('carl', NULL, NULL, NULL, NULL, 'Clicked', 'Schedule Row', '/main/live/keynote', '2026-05-01 10:00+00', NULL, NULL, NULL)
   ) x(user_id, first, last, company, email, category, action, label, date_time, content_id, content_name, content_slug)));
-- NULL includes everything: all 8 events, in time order (the same rows as sitewide_activity over all time).
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(jsonb_build_object('user_id', user_id, 'action', action)) FROM activity_report.user_activity_export('-infinity', 'infinity')),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES ('bob', 'enrollment'), ('ann', 'View'), ('ann', 'Join'), ('bob', 'Post'), ('carl', 'Schedule Row'),
                                              ('ann', 'Leave'), ('bob', 'status_change'), ('ann', 'enrollment')) x(user_id, action)));
-- A value that names no section and no kind is an error that lists the sections.
SELECT count(*) AS nothing FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['Nope']);

-- unique_users: users with an event in range, ordered by user ID; carl has no users row. Dates without a
-- zone are in the session's (PST8PDT under pg_regress): [05-02 07:00 UTC, 05-03 07:00 UTC) holds no event.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(s)) FROM activity_report.unique_users('2026-05-01', '2026-05-02') s),
  '[{"user_id": "ann", "first": "Ann", "last": "Lee", "company": "Acme", "email": "ann@acme.test", "tags": ["vip"], "dimensions": {"phone": "+1 555 0100"}},
    {"user_id": "bob", "first": "Bob", "last": "Ray", "company": "Globex", "email": "Bob@Globex.test", "tags": [], "dimensions": {}},
    {"user_id": "carl", "first": null, "last": null, "company": null, "email": null, "tags": null, "dimensions": null}]');
SELECT user_id FROM activity_report.unique_users('2026-05-02', '2026-05-03');

-- content_actions_log: the three content_actions events in time order; the first has no content name, so
-- the title comes from the contents table (c1 = Crypto 101).
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(s)) FROM activity_report.content_actions_log('2026-05-01', '2026-06-01') s),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Bob@Globex.test', 'globex', 'course', 'Crypto 101', 'enrollment', 'sso', timestamptz '2026-05-01 08:00+00'),
     ('Bob@Globex.test', 'globex', 'course', 'Crypto 101', 'status_change', 'course_completed', '2026-05-03 08:00+00'),
     ('ann@acme.test', 'acme', 'webinar', 'Ciphers live', 'enrollment', 'public', '2026-05-03 09:00+00')
   ) x(email, panorama_name, content_type, content_title, type, source, "timestamp")));
-- Filters, each naming the events it keeps: learner by e-mail (case-insensitive) = bob's two; portal acme =
-- ann's; type and source case-insensitive = the completion; course group g-eng and content c1 = bob's two;
-- an empty range [t, t) = nothing.
SELECT f.filter, (SELECT string_agg(l.type || '/' || l.source, ', ' ORDER BY l."timestamp") FROM activity_report.content_actions_log(
           '2026-05-01', '2026-06-01', portal => f.portal, content_id => f.content_id, learner => f.learner,
           type => f.type, source => f.source, course_group => f.course_group) l) AS kept
  FROM (VALUES ('learner', NULL, NULL, 'bob@globex.TEST', NULL, NULL, NULL),
               ('portal', 'acme', NULL, NULL, NULL, NULL, NULL),
               ('type and source', NULL, NULL, NULL, 'Status_Change', 'COURSE_COMPLETED', NULL),
               ('group and content', NULL, 'c1', NULL, NULL, NULL, 'g-eng'),
               ('unknown learner', NULL, NULL, 'nobody', NULL, NULL, NULL)) f(filter, portal, content_id, learner, type, source, course_group);
SELECT count(*) AS empty_range FROM activity_report.content_actions_log('2026-05-03 09:00+00', '2026-05-03 09:00+00');
-- The JSON form: one array of objects with the same keys and values, in the same order.
SELECT * FROM pg_temp.differences(
  activity_report.content_actions_log_json('2026-05-03', '2026-05-04')::jsonb,
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Bob@Globex.test', 'globex', 'course', 'Crypto 101', 'status_change', 'course_completed', timestamptz '2026-05-03 08:00+00'),
     ('ann@acme.test', 'acme', 'webinar', 'Ciphers live', 'enrollment', 'public', '2026-05-03 09:00+00')
   ) x(email, panorama_name, content_type, content_title, type, source, "timestamp")));
SELECT activity_report.content_actions_log_json('2030-01-01', '2030-01-02') AS empty_log;
-- jsonb (design §6), as in 0.1.0: jsonb operators apply to it.
SELECT pg_typeof(activity_report.content_actions_log_json('2026-05-03', '2026-05-04')) AS json_type,
       jsonb_array_length(activity_report.content_actions_log_json('2026-05-03', '2026-05-04')) AS objects,
       activity_report.content_actions_log_json('2026-05-03', '2026-05-04') @> '[{"email": "ann@acme.test"}]' AS has_ann;

-- NULL bounds are no bounds: before 05-02 00:00 UTC there are ann, bob and carl (3).
SELECT pg_temp.set_differences($$SELECT * FROM activity_report.sitewide_activity(NULL, NULL)$$,
                               $$SELECT * FROM activity_report.sitewide_activity('-infinity', 'infinity')$$) AS sitewide_null_bounds,
       pg_temp.set_differences($$SELECT * FROM activity_report.content_actions_log(NULL, NULL)$$,
                               $$SELECT * FROM activity_report.content_actions_log('-infinity', 'infinity')$$) AS content_actions_null_bounds,
       (SELECT count(*) FROM activity_report.unique_users(NULL, '2026-05-02 00:00+00')) AS users_before_may_2;

-- The downloads' twins: the report's rows in its order, each with its event's vocabulary and portal (counted
-- per vocabulary and portal from events, a second formulation); the twin of user_activity_export checks include.
SELECT (SELECT array_agg(ROW(user_id, first, last, company, email, category, action, label, date, content_id, content_name, content_slug) ORDER BY n)::text
          FROM activity_report.sitewide_activity('-infinity', 'infinity') WITH ORDINALITY r(user_id, first, last, company, email, category, action, label, date, content_id, content_name, content_slug, n))
       = (SELECT array_agg(ROW(user_id, first, last, company, email, category, action, label, date, content_id, content_name, content_slug) ORDER BY n)::text
          FROM activity_report_internal.sitewide_activity_download('-infinity', 'infinity') WITH ORDINALITY d(user_id, first, last, company, email, category, action, label, date, content_id, content_name, content_slug, vocabulary, portal, n)) AS sitewide_twin_same_rows,
       (SELECT array_agg(ROW(user_id, first, last, company, email, category, action, label, date_time, content_id, content_name, content_slug) ORDER BY n)::text
          FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['Content']) WITH ORDINALITY r(user_id, first, last, company, email, category, action, label, date_time, content_id, content_name, content_slug, n))
       = (SELECT array_agg(ROW(user_id, first, last, company, email, category, action, label, date_time, content_id, content_name, content_slug) ORDER BY n)::text
          FROM activity_report_internal.user_activity_export_download('-infinity', 'infinity', ARRAY['Content']) WITH ORDINALITY d(user_id, first, last, company, email, category, action, label, date_time, content_id, content_name, content_slug, vocabulary, portal, n)) AS export_twin_same_rows;
(SELECT vocabulary, portal, count(*) FROM activity_report_internal.sitewide_activity_download('-infinity', 'infinity') GROUP BY 1, 2
 EXCEPT ALL SELECT vocabulary, portal, count(*) FROM activity_report.events GROUP BY 1, 2)
UNION ALL
(SELECT vocabulary, portal, count(*) FROM activity_report.events GROUP BY 1, 2
 EXCEPT ALL SELECT vocabulary, portal, count(*) FROM activity_report_internal.sitewide_activity_download('-infinity', 'infinity') GROUP BY 1, 2);
SELECT vocabulary, portal, count(*) FROM activity_report.events GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(*) FROM activity_report_internal.user_activity_export_download('-infinity', 'infinity', ARRAY['nothing']);

-- The views carry the same rows over all time.
SELECT (SELECT count(*) FROM activity_report.sitewide_activity_v) AS sitewide_rows,
       (SELECT count(*) FROM activity_report.unique_users_v) AS unique_users,
       (SELECT count(*) FROM activity_report.content_actions_log_v) AS content_actions;
-- Every view of the extension runs with the caller's privileges and row-level security.
SELECT c.relname AS view_without_security_invoker FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'activity_report' AND c.relkind = 'v'
   AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false);

TRUNCATE activity_report.events, activity_report.users, activity_report.contents;
