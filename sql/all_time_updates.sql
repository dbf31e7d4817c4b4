-- Stored all-time results brought up to date key by key (54_rollups_all_time.sql, update_all_time_results):
-- after a refresh that changed the facts of a few users, or a change of a few users, contents or group
-- members, only the rows built from them (those users', their groups', the courses of those contents) are
-- recomputed; the other stored rows stay as they are (same xmin), every stored table still holds what a
-- whole rebuild gives, and every view what the raw events give.
\pset null '(null)'
\set ECHO none
\i test/rollups/compare.sql
-- 'same' when a query gives the rows a second one gives from the raw events alone (use_rollups off: no
-- rollup and no stored row read; compared as paths_agree does), else the first difference.
CREATE FUNCTION pg_temp.rows_agree(a text, b text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    x jsonb[] := pg_temp.rows_of(a);
    y jsonb[];
BEGIN
    PERFORM set_config('activity_report.use_rollups', 'off', true);
    y := pg_temp.rows_of(b);
    PERFORM set_config('activity_report.use_rollups', 'on', true);
    RETURN pg_temp.first_difference(x, y, 'stored', 'computed');
END
$$;
-- Each stored table against its building block computed over all time now, from the raw events.
CREATE FUNCTION pg_temp.stored_agree() RETURNS TABLE (stored text, agree text) LANGUAGE sql AS $$
    SELECT t, pg_temp.rows_agree(format('SELECT * FROM activity_report_internal.%I', t), q)
      FROM (VALUES
        ('all_time_content_metrics', $q$SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity')$q$),
        ('daily_content_metrics', $q$SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity', true)$q$),
        ('all_time_analytics', $q$SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity')$q$),
        ('daily_analytics', $q$SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity', true)$q$),
        ('all_time_attachments', $q$SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity')$q$),
        ('daily_attachments', $q$SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity', true)$q$),
        ('all_time_members', $q$SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity')$q$),
        ('daily_members', $q$SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity', true)$q$),
        ('all_time_group_totals', $q$SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity')$q$),
        ('daily_group_totals', $q$SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true)$q$),
        ('all_time_activities', $q$SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity')$q$),
        ('daily_activities', $q$SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity', true)$q$),
        ('all_time_course_totals', $q$SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity')$q$),
        ('daily_course_totals', $q$SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', true)$q$)) v(t, q)
     WHERE pg_temp.rows_agree(format('SELECT * FROM activity_report_internal.%I', t), q) <> 'same'
$$;
-- Every all-time and daily view against the raw events.
CREATE FUNCTION pg_temp.views_agree() RETURNS TABLE (view text, agree text) LANGUAGE sql AS $$
    SELECT v, pg_temp.paths_agree('SELECT * FROM activity_report.' || v)
      FROM unnest(ARRAY['user_analytics_v', 'user_sessions_v', 'user_on_demand_v', 'user_attachments_v',
                        'collaborative_users_v', 'collaborative_groups', 'course_activity_engagement_v',
                        'collaborative_courses', 'user_analytics_daily_v', 'user_sessions_daily_v',
                        'user_on_demand_daily_v', 'user_attachments_daily_v', 'collaborative_users_daily_v',
                        'collaborative_groups_daily_v', 'course_activity_engagement_daily_v',
                        'collaborative_courses_daily_v']) v
     WHERE pg_temp.paths_agree('SELECT * FROM activity_report.' || v) <> 'same'
$$;
-- Which transactions wrote the stored rows of some keys (a row written again has the xmin of its refresh).
CREATE TEMP TABLE places (what text, at text[]);
CREATE FUNCTION pg_temp.places_now() RETURNS TABLE (what text, at text[]) LANGUAGE sql AS $$
    SELECT 'analytics u30', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.all_time_analytics WHERE user_id = 'u30'
    UNION ALL SELECT 'daily metrics u30', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.daily_content_metrics WHERE user_id = 'u30'
    UNION ALL SELECT 'members g2', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.all_time_members WHERE group_id = 'g2'
    UNION ALL SELECT 'activities c2', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.all_time_activities WHERE course_id = 'c2'
    UNION ALL SELECT 'course totals c2', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.daily_course_totals WHERE course_id = 'c2'
    UNION ALL SELECT 'analytics u01', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.all_time_analytics WHERE user_id = 'u01'
    UNION ALL SELECT 'members g1', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.all_time_members WHERE group_id = 'g1'
    UNION ALL SELECT 'activities c1', array_agg(xmin::text ORDER BY xmin::text) FROM activity_report_internal.all_time_activities WHERE course_id = 'c1'
$$;
CREATE FUNCTION pg_temp.places_kept() RETURNS TABLE (what text, kept boolean) LANGUAGE sql AS $$
    SELECT n.what, n.at = p.at FROM pg_temp.places_now() n JOIN places p USING (what) ORDER BY n.what
$$;
\set ECHO all
TRUNCATE activity_report.events, activity_report.rollup_facts, activity_report.rollup_details, activity_report.rollup_slices,
         activity_report.rollup_slice_portals, activity_report_internal.rollup_dirty;
-- 40 learners: u01-u10 in group g1, u11-u40 in g2. A session s1 (2026-05-01 09:00-11:00), a video, two courses
-- with one document each.
INSERT INTO activity_report.users (user_id, first_name, last_name, role, portal)
     SELECT format('u%s', to_char(i, 'FM00')), 'First' || i, 'Last' || i, 'learner', 'acme' FROM generate_series(1, 40) i;
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at, duration, parent_id, portal) VALUES
  ('s1', 'OTSession', 'Morning', '2026-05-01 09:00+00', '2026-05-01 11:00+00', '120 minutes', NULL, 'acme'),
  ('v1', 'video', 'Clip', NULL, NULL, '10 minutes', NULL, 'acme'),
  ('c1', 'course', 'Course one', NULL, NULL, NULL, NULL, 'acme'),
  ('a1', 'Document', 'Doc one', NULL, NULL, NULL, 'c1', 'acme'),
  ('c2', 'course', 'Course two', NULL, NULL, NULL, NULL, 'acme'),
  ('a3', 'Document', 'Doc two', NULL, NULL, NULL, 'c2', 'acme'),
  ('v2', 'video', 'Rare clip', NULL, NULL, '20 minutes', NULL, 'acme'),
  ('a4', 'Document', 'Doc four', NULL, NULL, NULL, 'c1', 'acme'),
  ('w1', 'webinar', 'Talk', '2026-05-02 14:00+00', '2026-05-02 15:00+00', '60 minutes', NULL, 'acme'),
  ('c3', 'course', 'Course three', NULL, NULL, NULL, NULL, 'acme'),
  ('a5', 'Document', 'Doc five', NULL, NULL, NULL, 'c3', 'acme');
INSERT INTO activity_report.groups (group_id, name, portal) VALUES ('g1', 'Team one', 'acme'), ('g2', 'Team two', 'acme');
INSERT INTO activity_report.group_members
     SELECT CASE WHEN i <= 10 THEN 'g1' ELSE 'g2' END, format('u%s', to_char(i, 'FM00')), 'learner' FROM generate_series(1, 40) i;
-- User i joins s1 at 09:00 + i minutes and chats; the even ones leave at 10:00 + i minutes, the odd ones
-- never leave (their presence closes at ends_at, 11:00). Next day: the clip played and watched twice, a file
-- downloaded. Day three: odd users start c1 and like a1, even users c2 and a3, and everyone posts.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal)
SELECT e.vocabulary, e.at, format('u%s', to_char(i, 'FM00')), e.category, e.action, e.label, e.content_id, 'acme'
  FROM generate_series(1, 40) i
 CROSS JOIN LATERAL (VALUES
   ('activity_exporter', timestamptz '2026-05-01 09:00+00' + i * interval '1 minute', 'Content - OTSession', 'Join', 'N/A', 's1'),
   ('activity_exporter', timestamptz '2026-05-01 09:50+00', 'Content - OTSession', 'Chat', 'hello', 's1'),
   ('activity_exporter', CASE WHEN i % 2 = 0 THEN timestamptz '2026-05-01 10:00+00' + i * interval '1 minute' END,
    'Content - OTSession', 'Leave', 'N/A', 's1'),
   ('activity_exporter', timestamptz '2026-05-02 08:00+00', 'Content - video', 'Play', 'N/A', 'v1'),
   ('activity_exporter', timestamptz '2026-05-02 08:01+00', 'Content - video', 'Watch', 'N/A', 'v1'),
   ('activity_exporter', timestamptz '2026-05-02 08:02+00', 'Content - video', 'Watch', 'N/A', 'v1'),
   ('activity_exporter', timestamptz '2026-05-02 09:00+00', 'Download', 'Download', 'notes.pdf', 's1'),
   ('collaborative', timestamptz '2026-05-03 12:00+00', 'Course', 'Start', 'N/A', CASE WHEN i % 2 = 1 THEN 'c1' ELSE 'c2' END),
   ('collaborative', timestamptz '2026-05-03 12:05+00', 'Activity', 'React', 'Like', CASE WHEN i % 2 = 1 THEN 'a1' ELSE 'a3' END),
   ('collaborative', timestamptz '2026-05-03 13:00+00', 'Messages', 'Post', 'post of ' || i, NULL)) e(vocabulary, at, category, action, label, content_id)
 WHERE e.at IS NOT NULL;
-- Fewer users on four contents: u01-u03 watch 5 x 10 % of v2, u07 downloads from a1, u09 likes a4, u01
-- is in the webinar w1 from 14:00 to 14:30 (a webinar is not live: no live minutes), u11 starts c3 and
-- likes a5.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal)
SELECT 'activity_exporter', timestamptz '2026-05-02 11:00+00' + n * interval '1 minute', u, 'Content - video', 'Watch', 'N/A', 'v2', 'acme'
  FROM unnest(ARRAY['u01', 'u02', 'u03']) u CROSS JOIN generate_series(1, 5) n;
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-05-03 14:00+00', 'u07', 'Download', 'Download', 'doc.pdf', 'a1', 'acme'),
  ('collaborative', '2026-05-03 14:00+00', 'u09', 'Activity', 'React', 'Like', 'a4', 'acme'),
  ('activity_exporter', '2026-05-02 14:00+00', 'u01', 'Content - OTSession', 'Join', 'N/A', 'w1', 'acme'),
  ('activity_exporter', '2026-05-02 14:30+00', 'u01', 'Content - OTSession', 'Leave', 'N/A', 'w1', 'acme'),
  ('collaborative', '2026-05-03 15:00+00', 'u11', 'Course', 'Start', 'N/A', 'c3', 'acme'),
  ('collaborative', '2026-05-03 15:05+00', 'u11', 'Activity', 'React', 'Like', 'a5', 'acme');
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       (SELECT count(*) FROM activity_report_internal.all_time_analytics) AS users_stored;
SELECT * FROM pg_temp.stored_agree();
INSERT INTO places SELECT * FROM pg_temp.places_now();
-- u01 (odd: 09:01 until ends_at, 119 minutes) and u02 (even: 09:02-10:02, 60 minutes) before the changes.
SELECT user_id, live_minutes, round(average_live_engagement_rate::numeric, 6) AS engagement
  FROM activity_report.user_analytics_v WHERE user_id IN ('u01', 'u02') ORDER BY 1;

-- Late changes of four users of g1: u01 leaves at 09:31 (30 minutes, 25 %), u02 likes a1 (course c1), u03's
-- post is deleted, u04 chats on a new day. u30, group g2 and course c2 have no changed fact.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-05-01 09:31+00', 'u01', 'Content - OTSession', 'Leave', 'N/A', 's1', 'acme'),
  ('collaborative', '2026-05-03 12:30+00', 'u02', 'Activity', 'React', 'Like', 'a1', 'acme'),
  ('activity_exporter', '2026-05-04 10:00+00', 'u04', 'Content - OTSession', 'Chat', 'late', 's1', 'acme');
DELETE FROM activity_report.events WHERE label = 'post of 3';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       (SELECT count(*) FROM activity_report_internal.all_time_pending) AS pending;
-- Only the rows of the changed keys were written again.
SELECT * FROM pg_temp.places_kept();
SELECT * FROM pg_temp.stored_agree();
SELECT * FROM pg_temp.views_agree();
SELECT user_id, live_minutes, round(average_live_engagement_rate::numeric, 6) AS engagement
  FROM activity_report.user_analytics_v WHERE user_id IN ('u01', 'u02') ORDER BY 1;
-- c1: 20 likes of odd users + u02's = 21 on a1; c2 keeps its 20; u03 has no publication left, g1 9 (10 - 1).
SELECT course_id, title, likes FROM activity_report.course_activity_engagement_v ORDER BY 1;
SELECT name, publications FROM activity_report.collaborative_groups ORDER BY 1;
SELECT publications FROM activity_report.collaborative_users_v WHERE user_id = 'u03';

-- A taxonomy change makes every day dirty, but no fact changes: nothing stored is written again.
DELETE FROM places; INSERT INTO places SELECT * FROM pg_temp.places_now();
UPDATE activity_report.reaction_types SET polarity = polarity WHERE reaction = 'Like';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       (SELECT count(*) FROM activity_report_internal.all_time_pending) AS pending;
SELECT bool_and(kept) AS all_kept FROM pg_temp.places_kept();

-- Deferred (all_time => false, as between the files of a load): the changed keys wait, the stored rows are
-- not read meanwhile, and the next refresh brings them up to date.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('activity_exporter', '2026-05-02 09:30+00', 'u05', 'Content - video', 'Watch', 'N/A', 'v1', 'acme');
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00', false) AS days_written;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       (SELECT array_agg(DISTINCT p.what || ' ' || p.id) FROM activity_report_internal.all_time_pending p) AS pending;
SELECT * FROM pg_temp.views_agree();
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored;
SELECT * FROM pg_temp.places_kept();
SELECT * FROM pg_temp.stored_agree();

-- Dimension rows: the keys of the rows built from them are recomputed, nothing else.
DELETE FROM places; INSERT INTO places SELECT * FROM pg_temp.places_now();
-- A catalog loaded again (every user written with its own values) changes nothing.
UPDATE activity_report.users SET first_name = first_name;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       (SELECT count(*) FROM activity_report_internal.all_time_pending) AS pending;
-- u07 becomes an admin: a1's learner downloads go from 1 to 0 (course c1 again, and u07's group g1).
SELECT activity_id, downloads FROM activity_report.course_activity_engagement_v WHERE activity_id = 'a1';
UPDATE activity_report.users SET role = 'admin' WHERE user_id = 'u07';
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored,
       (SELECT array_agg(DISTINCT p.what || ' ' || p.id) FROM activity_report_internal.all_time_pending p) AS pending;
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT activity_id, downloads FROM activity_report.course_activity_engagement_v WHERE activity_id = 'a1';
SELECT * FROM pg_temp.places_kept();
SELECT * FROM pg_temp.stored_agree();
-- v2 renamed and made 40 minutes long: its three viewers' on-demand rows (50 % of 40 = 20 minutes each).
UPDATE activity_report.contents SET name = 'Rare film', duration = '40 minutes' WHERE content_id = 'v2';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT user_id, name, minutes_viewed FROM activity_report.user_on_demand_v WHERE name LIKE 'Rare%' ORDER BY 1;
SELECT what, kept FROM pg_temp.places_kept() WHERE what IN ('analytics u30', 'daily metrics u30', 'members g2');
SELECT * FROM pg_temp.stored_agree();
-- a4 moves from c1 to c2: u09's like leaves c1's activities for c2's (both courses again).
UPDATE activity_report.contents SET parent_id = 'c2' WHERE content_id = 'a4';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT course_id, activity_id, likes FROM activity_report.course_activity_engagement_v ORDER BY 1, 2;
SELECT * FROM pg_temp.stored_agree();
-- Webinars become live: w1 is a session, u01 (its only viewer) gets its 30 minutes and one session more;
-- nothing else is written again.
DELETE FROM places; INSERT INTO places SELECT * FROM pg_temp.places_now();
SELECT live_minutes, sessions_viewed FROM activity_report.user_analytics_v WHERE user_id = 'u01';
UPDATE activity_report.content_types SET is_live = true WHERE content_type = 'webinar';
SELECT array_agg(DISTINCT p.what || ' ' || p.id) AS pending FROM activity_report_internal.all_time_pending p;
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT live_minutes, sessions_viewed FROM activity_report.user_analytics_v WHERE user_id = 'u01';
SELECT what, kept FROM pg_temp.places_kept() WHERE what IN ('analytics u01', 'analytics u30', 'members g1', 'members g2');
SELECT * FROM pg_temp.stored_agree();
UPDATE activity_report.content_types SET is_live = false WHERE content_type = 'webinar';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
-- Nothing stored reads groups: a group renamed leaves the stored rows current, the views show the new name.
UPDATE activity_report.groups SET name = 'Team two, renamed' WHERE group_id = 'g2';
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored;
SELECT name FROM activity_report.collaborative_groups ORDER BY 1;
SELECT * FROM pg_temp.views_agree();
-- Course c3 deleted from the catalog: its course totals go (no course has that id now; nothing else is written
-- again), while a5 still names it as parent and keeps its activity row; then a5 is deleted too, and that row
-- goes (its parent is no content, so it is found from the deleted row).
SELECT course_id, activity_id, likes FROM activity_report.course_activity_engagement_v WHERE course_id = 'c3';
SELECT course_id, views, likes FROM activity_report_internal.all_time_course_totals WHERE course_id = 'c3';
DELETE FROM activity_report.contents WHERE content_id = 'c3';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT count(*) AS c3_rows FROM activity_report.course_activity_engagement_v WHERE course_id = 'c3';
SELECT count(*) AS c3_totals FROM activity_report_internal.daily_course_totals WHERE course_id = 'c3';
SELECT what, kept FROM pg_temp.places_kept() WHERE what IN ('activities c1', 'activities c2', 'analytics u30');
SELECT * FROM pg_temp.stored_agree();
DELETE FROM activity_report.contents WHERE content_id = 'a5';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT count(*) AS c3_rows FROM activity_report_internal.all_time_activities WHERE course_id = 'c3';
SELECT * FROM pg_temp.stored_agree();
-- u15 leaves g2: g2's member rows again (29 members, 29 publications), g1's kept.
DELETE FROM places; INSERT INTO places SELECT * FROM pg_temp.places_now();
DELETE FROM activity_report.group_members WHERE user_id = 'u15';
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT name, publications FROM activity_report.collaborative_groups ORDER BY 1;
SELECT what, kept FROM pg_temp.places_kept() WHERE what IN ('members g1', 'members g2', 'analytics u30');
SELECT * FROM pg_temp.stored_agree();
SELECT * FROM pg_temp.views_agree();

-- When more than a quarter of the users changed (11 of 40 here: 44 > 40), everything is rebuilt at once.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal)
     SELECT 'activity_exporter', '2026-05-02 10:00+00', format('u%s', i), 'Content - video', 'Watch', 'N/A', 'v1', 'acme'
       FROM generate_series(20, 30) i;
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT what, kept FROM pg_temp.places_kept() WHERE what IN ('members g2', 'activities c2');
SELECT * FROM pg_temp.stored_agree();
SELECT * FROM pg_temp.views_agree();

-- A statement that changes more than a quarter of a table (every user's company) rebuilds everything.
UPDATE activity_report.users SET company = 'Acme';
SELECT (SELECT count(*) FROM activity_report_internal.all_time_stale) AS stale,
       (SELECT count(*) FROM activity_report_internal.all_time_pending) AS pending;
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT what, kept FROM pg_temp.places_kept() WHERE what IN ('members g1', 'analytics u30');
SELECT * FROM pg_temp.stored_agree();
-- u05 joins g2 too: g2 has 30 members, 30 publications (u05 posted).
INSERT INTO activity_report.group_members VALUES ('g2', 'u05', 'learner');
SELECT activity_report.refresh_rollups('2026-05-10 00:00+00') AS days_written;
SELECT activity_report_internal.use_all_time('-infinity', 'infinity') AS stored;
SELECT count(*) AS members, sum(publications) AS publications FROM activity_report.collaborative_users_v WHERE group_id = 'g2';
SELECT * FROM pg_temp.stored_agree();

-- Back to a clean database for the tests after this one.
TRUNCATE activity_report.events, activity_report.users, activity_report.contents, activity_report.groups,
         activity_report.group_members, activity_report.rollup_facts, activity_report.rollup_details,
         activity_report.rollup_slices, activity_report.rollup_slice_portals, activity_report_internal.rollup_dirty,
         activity_report_internal.all_time_built, activity_report_internal.all_time_stale,
         activity_report_internal.all_time_pending;
SELECT activity_report_internal.rebuild_all_time_results();
TRUNCATE activity_report_internal.all_time_built;
