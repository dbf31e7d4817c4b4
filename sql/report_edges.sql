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

-- Seed 002: panorama_name is the learner's portal (else the event's); filters by content type and by the
-- course group's ID or name. lea belongs to panorama-a; her events say NULL and panorama-b. max has no
-- portal: his row takes the event's, p-x.
INSERT INTO activity_report.users (user_id, first_name, last_name, email, portal) VALUES
  ('lea', 'Lea', 'Four', 'lea@test', 'panorama-a'), ('max', 'Max', 'Five', 'max@test', NULL);
INSERT INTO activity_report.groups (group_id, name) VALUES ('g9', 'Engineering');
INSERT INTO activity_report.contents (content_id, content_type, name, slug, group_id, parent_id) VALUES
  ('k9', 'course', 'Rust', '/courses/rust', 'g9', NULL), ('w9', 'webinar', 'Async', '/webinars/async', NULL, NULL),
  ('a9', 'Document', 'Cheatsheet', NULL, NULL, 'k9');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal) VALUES
  ('content_actions', '2026-07-01 10:00+00', 'lea', 'course', 'enrollment', 'sso', 'k9', NULL),
  ('content_actions', '2026-07-01 11:00+00', 'lea', 'webinar', 'enrollment', 'public', 'w9', 'panorama-b'),
  ('content_actions', '2026-07-01 12:00+00', 'max', 'webinar', 'enrollment', 'public', 'w9', 'p-x');
-- An empty content name in the event is no name: the title comes from contents, as in seed 000 (Async).
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, portal) VALUES
  ('content_actions', '2026-07-01 13:00+00', 'max', 'webinar', 'enrollment', 'public', 'w9', '', 'p-x');
SELECT email, panorama_name, content_type, content_title, type FROM activity_report.content_actions_log('-infinity', 'infinity');
-- content type, case-insensitive: 1 course row, 2 webinar rows; course group by ID and by name: the k9 row
SELECT (SELECT count(*) FROM activity_report.content_actions_log('-infinity', 'infinity', content_type => 'COURSE')) AS course,
       (SELECT count(*) FROM activity_report.content_actions_log('-infinity', 'infinity', content_type => 'Webinar')) AS webinar,
       (SELECT string_agg(content_title, ',') FROM activity_report.content_actions_log('-infinity', 'infinity', course_group => 'g9')) AS group_by_id,
       (SELECT string_agg(content_title, ',') FROM activity_report.content_actions_log('-infinity', 'infinity', course_group => 'engineering')) AS group_by_name,
       jsonb_array_length(activity_report.content_actions_log_json('-infinity', 'infinity', content_type => 'webinar', portal => 'panorama-a')) AS json_webinar_panorama_a;

-- Seed 000: the where-columns come from contents when the event leaves them empty (k9: Rust, /courses/rust),
-- and a vocabulary keeps one platform's rows: the 3 event_platform rows of u1 above, the 3 rows just loaded.
SELECT user_id, action, content_id, content_name, content_slug
  FROM activity_report.sitewide_activity('-infinity', 'infinity', 'k9');
SELECT (SELECT count(*) FROM activity_report.sitewide_activity('-infinity', 'infinity', vocabulary => 'event_platform')) AS event_platform,
       (SELECT count(*) FROM activity_report.sitewide_activity('-infinity', 'infinity', vocabulary => 'content_actions')) AS content_actions,
       (SELECT count(*) FROM activity_report.user_activity_export('-infinity', 'infinity', vocabulary => 'event_platform')) AS export_event_platform;

-- Seed 001: an include value matches every kind with that section and name, also a kind the seed lists twice
-- with the same triple (a click on a course page classifies as Content/Clicked; a poll answer as
-- Questions/Answer): each of these includes finds its one row.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id) VALUES
  ('2026-07-02 10:00+00', 'lea', 'Content - Course', 'Click', 'N/A', 'k9'),
  ('2026-07-02 11:00+00', 'lea', 'Question - Poll', 'Answer', 'Blue', 'k9');
SELECT i.include, (SELECT string_agg(x.action, ',') FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY[i.include]) x) AS rows
  FROM (VALUES ('Content/Clicked'), ('Courses and lessons/Clicked'), ('courses and lessons/clicked'),
               ('Questions/Answer'), ('Questions (courses)/Answer'), ('Questions (courses)')) i(include);
-- a value that names nothing is an error that lists the sections
\set VERBOSITY terse
SELECT count(*) FROM activity_report.user_activity_export('-infinity', 'infinity', ARRAY['Content', 'Contnet']);
\set VERBOSITY default

-- Seed 004: reactions counted through reaction_types (a spelling added there counts as its reaction), the
-- reaction rule in one place (reaction_of), and the score's band. One start of k9 (a view) and one
-- "Thumbs up" on its activity a9, added as a spelling of Like: likes 1, score 100 x 1 / 1 = 100, green.
INSERT INTO activity_report.reaction_types (reaction, polarity, description, counts_as) VALUES ('Thumbs up', 1, 'a spelling of Like', 'Like');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id) VALUES
  ('collaborative', '2026-07-03 10:00+00', 'lea', 'Course', 'Start', 'N/A', 'k9'),
  ('collaborative', '2026-07-03 10:05+00', 'lea', 'Activity', 'React', 'Thumbs up', 'a9');
SELECT course_id, views, reaction_score, reaction_band, likes, outdated FROM activity_report.collaborative_courses() WHERE course_id = 'k9';
SELECT title, views, likes FROM activity_report.course_activity_engagement('k9');
SELECT activity_report.reaction_of('React', 'thumbs UP') AS spelling, activity_report.reaction_of('Like', NULL) AS by_action,
       activity_report.reaction_of('React', 'nonsense') AS unknown, activity_report.reaction_of('Like', 'Outdated') AS label_first;
-- bands: above 50 green, 25 to 50 orange, below 25 red, no score none
SELECT s AS score, activity_report.reaction_band(s) AS band
  FROM (VALUES (100::float8), (50.5), (50), (25), (24.9), (-100), (NULL)) v(s);

TRUNCATE activity_report.events, activity_report.users, activity_report.contents, activity_report.groups;
DELETE FROM activity_report.reaction_types WHERE NOT seeded;
