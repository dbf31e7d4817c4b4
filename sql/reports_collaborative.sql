-- Reports of seed 004 on a curated data set. Every expected row is written by hand from the seed's rules
-- (the reasoning is in the comments); pg_temp.differences lists the rows that differ (none expected).
\pset null '(null)'
\i test/regress/differences.sql
-- The check itself: one wrong value in the second row is reported at position 2.
SELECT * FROM pg_temp.differences('[{"a": 1}, {"a": 2}]', '[{"a": 1}, {"a": 3}]');
INSERT INTO activity_report.users (user_id, first_name, last_name, email, additional_information, role, deleted) VALUES
  ('ann', 'Ann', 'Lee', 'ann@x.test', 'Team A', NULL, false), ('bob', 'Bob', 'Ray', 'bob@x.test', NULL, 'learner', false),
  ('cat', 'Cat', 'Kim', 'cat@x.test', NULL, 'Editor', false), ('dan', 'Dan', 'Fox', 'dan@x.test', 'left', NULL, true);
-- Platform is a sub-group of Engineering: the deepest group of its members.
INSERT INTO activity_report.groups (group_id, name, parent_id) VALUES
  ('g1', 'Engineering', NULL), ('g1a', 'Platform', 'g1'), ('g2', 'Sales', NULL), ('g3', 'Empty group', NULL);
INSERT INTO activity_report.group_members (group_id, user_id, role) VALUES
  ('g1', 'ann', 'learner'), ('g1', 'bob', 'learner'), ('g1', 'cat', 'editor'), ('g1a', 'ann', 'editor'),
  ('g2', 'bob', 'learner'), ('g2', 'dan', 'admin');
INSERT INTO activity_report.contents (content_id, content_type, name, parent_id, status, author, co_authors, group_id,
                                      source_language, available_languages, unavailable_languages, tags, created_at, updated_at) VALUES
  ('c1', 'Course', 'Crypto', NULL, 'Archived', 'Ann Lee', '{Bob Ray,cat}', 'g2', 'en', '{fr,de}', '{es}', '{security,math}',
   '2026-01-01 10:00+00', '2026-02-01 10:00+00'),
  ('a1', 'Document', 'Notes', 'c1', 'Active', NULL, '{}', NULL, NULL, '{}', '{}', '{math}', NULL, '2026-02-15 10:00+00'),
  ('a2', 'Cheat Sheet', 'Sheet', 'c1', 'Active', NULL, '{}', NULL, NULL, '{}', '{}', '{crypto,basics}', NULL, NULL),
  ('a3', 'Question', 'Quiz', 'c1', 'Deleted', NULL, '{}', NULL, NULL, '{}', '{}', '{}', NULL, '2026-01-20 10:00+00'),
  ('c2', 'course', 'Empty', NULL, 'Active', 'bob', '{}', NULL, NULL, '{}', '{}', '{}', NULL, NULL),
  ('c3', 'Course', 'Orphan', NULL, 'Active', 'Zed Unknown', '{}', 'g2', NULL, '{}', '{}', '{}', NULL, NULL);
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id) VALUES
  ('collaborative', '2026-03-01 10:00+00', 'ann', 'Messages', 'Post', 'hi', NULL),
  ('collaborative', '2026-03-01 10:01+00', 'ann', 'Messages', 'Reply', 're', NULL),
  ('collaborative', '2026-03-01 10:02+00', 'ann', 'Messages', 'Like', 'N/A', NULL),
  ('collaborative', '2026-03-01 10:03+00', 'bob', 'Forum', 'Post', 'q?', NULL),
  ('collaborative', '2026-03-01 10:04+00', 'bob', 'Forum', 'Reply', 'a', NULL),
  ('collaborative', '2026-03-01 10:05+00', 'cat', 'Messages', 'Post', 'x', NULL),
  ('collaborative', '2026-03-01 10:06+00', 'dan', 'Activity', 'React', 'Useful', 'a1'),
  ('collaborative', '2026-03-01 10:07+00', 'ann', 'Course', 'Start', 'N/A', 'c1'),
  ('collaborative', '2026-03-02 10:07+00', 'ann', 'Course', 'Start', 'N/A', 'c1'),
  ('collaborative', '2026-03-01 10:08+00', 'bob', 'Activity', 'Start', 'N/A', 'a1'),
  ('collaborative', '2026-03-01 10:09+00', 'bob', 'Activity', 'Start', 'N/A', 'a1'),
  ('collaborative', '2026-03-01 10:10+00', 'bob', 'Activity', 'Start', 'N/A', 'a1'),
  ('collaborative', '2026-03-01 10:11+00', 'ann', 'Activity', 'React', 'Like', 'a1'),
  ('collaborative', '2026-03-01 10:12+00', 'bob', 'Activity', 'React', 'Learned something', 'a1'),
  ('collaborative', '2026-03-01 10:13+00', 'bob', 'Activity', 'React', 'outdated', 'a2'),
  ('collaborative', '2026-03-01 10:14+00', 'ann', 'Activity', 'React', 'Have a question', 'a3'),
  ('collaborative', '2026-03-01 10:15+00', 'cat', 'Activity', 'React', 'Meh', 'a2'),
  ('collaborative', '2026-03-01 10:16+00', 'ann', 'Activity', 'Comment', 'nice', 'a1'),
  ('collaborative', '2026-03-01 10:17+00', 'bob', 'Activity', 'Download', 'N/A', 'a1'),
  ('collaborative', '2026-03-01 10:18+00', 'ann', 'Activity', 'Download', 'N/A', 'a2'),
  ('collaborative', '2026-03-01 10:19+00', 'cat', 'Activity', 'Download', 'N/A', 'a1'),
  ('collaborative', '2026-03-01 10:20+00', 'bob', 'Activity', 'Download', 'N/A', 'a3'),
  ('collaborative', '2026-03-01 10:21+00', 'dan', 'Activity', 'Download', 'N/A', 'a2'),
  ('activity_exporter', '2026-03-01 10:22+00', 'ann', 'Feed', 'Comment', '12 + hey', NULL);

-- Members of g1 by last name. Kim (cat): 1 publication (Messages post), 1 reaction ("Meh"). Lee (ann):
-- 1 publication (the Messages post; the reply is not one), comments = Messages reply + activity comment +
-- Feed comment = 3, reactions = like on a post + Like + Have a question = 3. Ray (bob): comments = forum
-- post + forum reply = 2, reactions = Learned something + outdated = 2. Downloads and starts count nowhere.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.collaborative_users('g1') t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Cat', 'Kim', 'cat@x.test', NULL, 1, 0, 1),
     ('Ann', 'Lee', 'ann@x.test', 'Team A', 1, 3, 3),
     ('Bob', 'Ray', 'bob@x.test', NULL, 0, 2, 2)
   ) x(first_name, last_name, email, additional_information, publications, comments, reactions)));
-- g2: Fox (dan: deleted, still counts: the Useful reaction), Ray (bob). g1a: ann alone. g3: nobody.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.collaborative_users('g2') t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Dan', 'Fox', 'dan@x.test', 'left', 0, 0, 1),
     ('Bob', 'Ray', 'bob@x.test', NULL, 0, 2, 2)
   ) x(first_name, last_name, email, additional_information, publications, comments, reactions)));
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.collaborative_users('g1a') t),
  '[{"first_name": "Ann", "last_name": "Lee", "email": "ann@x.test", "additional_information": "Team A",
     "publications": 1, "comments": 3, "reactions": 3}]');
SELECT count(*) AS members_of_empty_group FROM activity_report.collaborative_users('g3');

-- Group totals count learners only, by name: Empty group 0; Engineering = ann + bob (cat is an editor)
-- = 1 / 5 / 5; Platform = nobody (ann is its editor); Sales = bob (dan is an admin) = 0 / 2 / 2.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.collaborative_groups() t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Empty group', 0, 0, 0), ('Engineering', 1, 5, 5), ('Platform', 0, 0, 0), ('Sales', 0, 2, 2)
   ) x(name, publications, comments, reactions)));

-- Course c1's activities by title. Notes (a1): 3 starts, Like, Learned something, 1 comment; downloads:
-- bob's counts, cat's does not (an editor); dan's Useful is not one of these columns. Quiz (a3, deleted):
-- Have a question; bob's download of a question does not count. Sheet (a2): outdated ("Meh" is no column);
-- downloads by ann (no role) and dan (deleted, no role) = 2.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.course_activity_engagement('c1') t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Notes', 3, 1, 1, 0, 0, 1, 1, 'Document'),
     ('Quiz', 0, 0, 0, 0, 1, 0, 0, 'Question'),
     ('Sheet', 0, 0, 0, 1, 0, 0, 2, 'Cheat Sheet')
   ) x(title, views, likes, learned_something, outdated, have_a_question, comments, downloads, type)));

-- Courses by name. Crypto: author "Ann Lee" (a name), co-authors "Bob Ray" (a name) and cat (a user ID,
-- printed as Cat Kim); 2 starts; last update = a1's edit on 02-15, later than the course's 02-01; reaction
-- score over its 2 starts and the reactions on its activities: +Like +Learned something +Useful -outdated
-- -Have a question (Meh is no reaction type: neutral) = 100 * (3 - 2) / 2 = 50; one activity of each type;
-- tags: the course's, then basics and crypto from a2 (math is already there); group: ann's deepest group,
-- Platform, not the course's own g2. Empty: author bob (a user ID), no views: score NULL; bob is in
-- Engineering and Sales, both top-level: the first by name. Orphan: an author who is no user, printed as
-- given; no group of the author, so the course's own group, Sales. Crypto's score 50 is in the orange band
-- (25 to 50); no score, no band.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.collaborative_courses() t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Crypto', 'c1', 'Ann Lee', 'Bob Ray|Cat Kim', 2, 'Archived', timestamptz '2026-01-01 10:00+00', timestamptz '2026-02-15 10:00+00',
      50, 1, 1, 1, 1, 1, 0, 1, 1, 1, 'en', 'fr|de', 'es', 'security|math|basics|crypto', 'Platform', 'orange'),
     ('Empty', 'c2', 'Bob Ray', '', 0, 'Active', NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, '', '', '', 'Engineering', NULL),
     ('Orphan', 'c3', 'Zed Unknown', '', 0, 'Active', NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, '', '', '', 'Sales', NULL)
   ) x(course_name, course_id, author, co_authors, views, status, creation_date, last_update, reaction_score, likes,
       learned_something, outdated, have_a_question, useful, irrelevant, documents, cheat_sheets, questions, source_language,
       available_translation_languages, unavailable_translation_languages, tags, "group", reaction_band)));

-- Every function also takes the event-time range [from_ts, to_ts). In [10:05, 10:13) on 03-01: cat's post,
-- dan's Useful, ann's first course start, bob's three starts of a1, ann's Like, bob's Learned something.
-- g1: Kim 1 publication; Lee 1 reaction (Like); Ray 1 reaction. Groups: Engineering = ann + bob = 0 / 0 / 2,
-- Sales = bob = 0 / 0 / 1. c1's activities: Notes 3 views, 1 like, 1 learned something; the others nothing.
-- Crypto: 1 view (the 03-02 start is outside); +Useful +Like +Learned something over 1 view = 300, clamped
-- to 100; the static columns as before.
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.collaborative_users('g1', '2026-03-01 10:05+00', '2026-03-01 10:13+00') t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Cat', 'Kim', 'cat@x.test', NULL, 1, 0, 0), ('Ann', 'Lee', 'ann@x.test', 'Team A', 0, 0, 1), ('Bob', 'Ray', 'bob@x.test', NULL, 0, 0, 1)
   ) x(first_name, last_name, email, additional_information, publications, comments, reactions)));
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.collaborative_groups('2026-03-01 10:05+00', '2026-03-01 10:13+00') t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Empty group', 0, 0, 0), ('Engineering', 0, 0, 2), ('Platform', 0, 0, 0), ('Sales', 0, 0, 1)
   ) x(name, publications, comments, reactions)));
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(to_jsonb(t)) FROM activity_report.course_activity_engagement('c1', '2026-03-01 10:05+00', '2026-03-01 10:13+00') t),
  (SELECT jsonb_agg(to_jsonb(x)) FROM (VALUES
     ('Notes', 3, 1, 1, 0, 0, 0, 0, 'Document'), ('Quiz', 0, 0, 0, 0, 0, 0, 0, 'Question'), ('Sheet', 0, 0, 0, 0, 0, 0, 0, 'Cheat Sheet')
   ) x(title, views, likes, learned_something, outdated, have_a_question, comments, downloads, type)));
SELECT * FROM pg_temp.differences(
  (SELECT jsonb_agg(jsonb_build_object('course_id', course_id, 'views', views, 'reaction_score', reaction_score, 'likes', likes,
                                       'learned_something', learned_something, 'outdated', outdated, 'have_a_question', have_a_question,
                                       'useful', useful, 'documents', documents, 'tags', tags, 'group', "group"))
     FROM activity_report.collaborative_courses('2026-03-01 10:05+00', '2026-03-01 10:13+00')),
  '[{"course_id": "c1", "views": 1, "reaction_score": 100, "likes": 1, "learned_something": 1, "outdated": 0, "have_a_question": 0,
     "useful": 1, "documents": 1, "tags": "security|math|basics|crypto", "group": "Platform"},
    {"course_id": "c2", "views": 0, "reaction_score": null, "likes": 0, "learned_something": 0, "outdated": 0, "have_a_question": 0,
     "useful": 0, "documents": 0, "tags": "", "group": "Engineering"},
    {"course_id": "c3", "views": 0, "reaction_score": null, "likes": 0, "learned_something": 0, "outdated": 0, "have_a_question": 0,
     "useful": 0, "documents": 0, "tags": "", "group": "Sales"}]');

-- Rounding, spelling and bounds. Half (c4): 8 starts and one Useful reaction on its activity = 100 * 1 / 8
-- = 12.5, rounded half away from zero to 13. A membership spelled "Learner" counts in group totals: Caps =
-- bob over all time = 0 publications, 2 comments, 2 reactions + the Useful = 3. NULL bounds are no bounds.
INSERT INTO activity_report.contents (content_id, content_type, name, parent_id) VALUES ('c4', 'Course', 'Half', NULL), ('a4', 'Document', 'Doc', 'c4');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id)
SELECT 'collaborative', timestamptz '2026-04-01 10:00+00' + n * interval '1 minute', 'ann', 'Course', 'Start', 'N/A', 'c4' FROM generate_series(1, 8) n
UNION ALL SELECT 'collaborative', '2026-04-01 11:00+00', 'bob', 'Activity', 'React', 'Useful', 'a4';
INSERT INTO activity_report.groups (group_id, name) VALUES ('g4', 'Caps');
INSERT INTO activity_report.group_members VALUES ('g4', 'bob', 'Learner');
SELECT course_name, views, reaction_score FROM activity_report.collaborative_courses('2026-04-01', '2026-05-01') WHERE course_id = 'c4';
SELECT * FROM activity_report.collaborative_groups(NULL, NULL) WHERE name = 'Caps';
SELECT pg_temp.set_differences('SELECT * FROM activity_report.collaborative_courses(NULL, NULL)',
                               'SELECT * FROM activity_report.collaborative_courses()') AS courses_null_bounds,
       pg_temp.set_differences($$SELECT * FROM activity_report.collaborative_users('g1', NULL, NULL)$$,
                               $$SELECT * FROM activity_report.collaborative_users('g1')$$) AS users_null_bounds,
       pg_temp.set_differences($$SELECT * FROM activity_report.course_activity_engagement('c1', NULL, NULL)$$,
                               $$SELECT * FROM activity_report.course_activity_engagement('c1')$$) AS engagement_null_bounds;
-- Two reaction names that differ only in case would count a reaction twice: refused.
\set VERBOSITY terse
INSERT INTO activity_report.reaction_types (reaction, polarity) VALUES ('useful', 1);
\set VERBOSITY default

-- The views for BI tools hold the same rows as the functions, per group, per course and in all.
SELECT g.group_id, pg_temp.set_differences(
         format('SELECT first_name, last_name, email, additional_information, publications, comments, reactions
                   FROM activity_report.collaborative_users_v WHERE group_id = %L', g.group_id),
         format('SELECT * FROM activity_report.collaborative_users(%L)', g.group_id)) AS differences
  FROM activity_report.groups g ORDER BY g.group_id;
SELECT pg_temp.set_differences('SELECT name, publications, comments, reactions FROM activity_report.collaborative_groups',
                               'SELECT * FROM activity_report.collaborative_groups()') AS groups_differences,
       pg_temp.set_differences($$SELECT title, views, likes, learned_something, outdated, have_a_question, comments, downloads, type
                                   FROM activity_report.course_activity_engagement_v WHERE course_id = 'c1'$$,
                               $$SELECT * FROM activity_report.course_activity_engagement('c1')$$) AS engagement_differences,
       pg_temp.set_differences('SELECT * FROM activity_report.collaborative_courses',
                               'SELECT * FROM activity_report.collaborative_courses()') AS courses_differences;

TRUNCATE activity_report.events, activity_report.users, activity_report.contents, activity_report.groups, activity_report.group_members;
