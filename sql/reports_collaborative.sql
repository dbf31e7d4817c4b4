-- Reports of seed 004 on a curated data set; expected values computed by hand in the comments.
\pset null '(null)'
INSERT INTO activity_report.users (user_id, first_name, last_name, email, additional_information, deleted) VALUES
  ('ann', 'Ann', 'Lee', 'ann@x.test', 'Team A', false), ('bob', 'Bob', 'Ray', 'bob@x.test', NULL, false),
  ('cat', 'Cat', 'Kim', 'cat@x.test', NULL, false), ('dan', 'Dan', 'Fox', 'dan@x.test', 'left', true);
INSERT INTO activity_report.groups (group_id, name) VALUES ('g1', 'Engineering'), ('g2', 'Sales'), ('g3', 'Empty group');
INSERT INTO activity_report.group_members (group_id, user_id, role) VALUES
  ('g1', 'ann', 'learner'), ('g1', 'bob', 'learner'), ('g1', 'cat', 'editor'), ('g2', 'bob', 'learner'), ('g2', 'dan', 'admin');
INSERT INTO activity_report.contents (content_id, content_type, name, parent_id, status, author, co_authors, group_id,
                                      source_language, available_languages, unavailable_languages, tags, created_at, updated_at) VALUES
  ('c1', 'Course', 'Crypto', NULL, 'Archived', 'Ann Lee', '{Bob Ray,Cat Kim}', 'g1', 'en', '{fr,de}', '{es}', '{security,math}',
   '2026-01-01 10:00+00', '2026-02-01 10:00+00'),
  ('a1', 'Document', 'Notes', 'c1', 'Active', NULL, '{}', NULL, NULL, '{}', '{}', '{}', NULL, NULL),
  ('a2', 'Cheat Sheet', 'Sheet', 'c1', 'Active', NULL, '{}', NULL, NULL, '{}', '{}', '{}', NULL, NULL),
  ('a3', 'Question', 'Quiz', 'c1', 'Deleted', NULL, '{}', NULL, NULL, '{}', '{}', '{}', NULL, NULL),
  ('c2', 'course', 'Empty', NULL, 'Active', 'Bob Ray', '{}', NULL, NULL, '{}', '{}', '{}', NULL, NULL);
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
  ('activity_exporter', '2026-03-01 10:19+00', 'ann', 'Feed', 'Comment', '12 + hey', NULL);

-- g1, by last name: Kim (cat: 1 publication, 1 reaction "Meh"), Lee (ann: 1 publication; comments = Messages
-- reply + activity comment + Feed comment = 3; reactions = like on a post + Like + Have a question = 3),
-- Ray (bob: comments = forum post + forum reply = 2; reactions = Learned something + Outdated = 2).
SELECT * FROM activity_report.collaborative_users('g1');
-- g2: Fox (dan, deleted, admin: 1 reaction), Ray (bob: 0 / 2 / 2).
SELECT * FROM activity_report.collaborative_users('g2');
-- Groups count learners only: Engineering = ann + bob = 1 / 5 / 5; Sales = bob = 0 / 2 / 2; Empty = 0.
SELECT * FROM activity_report.collaborative_groups();
-- Course c1's activities by title: Notes (a1: 3 starts, Like, Learned something, 1 comment, 1 download;
-- dan's Useful is not one of these columns), Quiz (a3, deleted: Have a question), Sheet (a2: Outdated, 1 download).
SELECT * FROM activity_report.course_activity_engagement('c1');
-- Courses: Crypto has 2 starts; reaction score over its starts (2 views) and the reactions on its activities:
-- +Like +Learned something +Useful -Outdated -Have a question (Meh is neutral) = 100 * (3 - 2) / 2 = 50.
-- Empty has no views: reaction score NULL.
SELECT * FROM activity_report.collaborative_courses();
-- The views for BI tools hold the same rows.
SELECT count(*) FROM activity_report.collaborative_users_v;
SELECT name, publications, comments, reactions FROM activity_report.collaborative_groups ORDER BY name;
SELECT course_id, title, views FROM activity_report.course_activity_engagement_v ORDER BY course_id, title;

TRUNCATE activity_report.events, activity_report.users, activity_report.contents, activity_report.groups, activity_report.group_members;
