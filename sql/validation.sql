-- validate_event / is_valid_event: every kind of problem names the field, the offending value and a hint.
\pset null '(null)'
SELECT * FROM activity_report.validate_event(ROW('2026-01-01 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A', 's1', 'Keynote', '/keynote'));
SELECT activity_report.is_valid_event(ROW('2026-01-01 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A', 's1', 'Keynote', '/keynote'));
-- Missing fields: all reported at once.
SELECT * FROM activity_report.validate_event(ROW(NULL, NULL, NULL, '', NULL, NULL, NULL, NULL));
SELECT * FROM activity_report.validate_event(NULL);
SELECT activity_report.is_valid_event(NULL) AS null_event_is_valid;
-- Unknown vocabulary, unknown action, no matching category, label mismatch.
SELECT * FROM activity_report.validate_event(ROW(now(), 'u1', 'Content - OTSession', 'View', NULL, NULL, NULL, NULL), 'myspace');
SELECT * FROM activity_report.validate_event(ROW(now(), 'u1', 'Content - OTSession', 'Moonwalk', NULL, NULL, NULL, NULL));
SELECT field, problem FROM activity_report.validate_event(ROW(now(), 'u1', 'Spaceship', 'Enroll', NULL, NULL, NULL, NULL));
SELECT * FROM activity_report.validate_event(ROW(now(), 'u1', 'Content - OTSession', 'Join', 'Keynote', NULL, NULL, NULL));
-- Typed placeholders: percentages 0–100, ratings 1–5, credits, post IDs, #IDs, URLs.
SELECT v.category, v.action, v.label, p.field, p.problem
  FROM (VALUES ('event_platform', 'YouTube 100%', 'Watched YouTube', 'abc'),
               ('event_platform', 'YouTube 0%', 'Watched YouTube', 'abc'),
               ('event_platform', 'YouTube 100.5%', 'Watched YouTube', 'abc'),
               ('event_platform', 'YouTube -5%', 'Watched YouTube', 'abc'),
               ('event_platform', 'YouTube half', 'Watched YouTube', 'abc'),
               ('event_platform', 'YouTube 50%', 'Watched YouTube', ''),
               ('activity_exporter', 'Content - OTSession', 'Review', 'Rating: 1 / ok'),
               ('activity_exporter', 'Content - OTSession', 'Review', 'Rating: 6 / wow'),
               ('activity_exporter', 'Content - OTSession', 'Review', 'Rating: 3.5 / hmm'),
               ('activity_exporter', 'Content - OTSession', 'Review', 'Rating: 5 /'),
               ('event_platform', 'CE/CME', 'Accumulative Content', '2.5'),
               ('event_platform', 'CE/CME', 'Accumulative Content', 'lots'),
               ('activity_exporter', 'Feed', 'Comment', 'a9f3 + nice'),
               ('activity_exporter', 'Feed', 'Comment', 'nice post'),
               ('activity_exporter', 'Feed', 'Comment', '123 +'),
               ('activity_exporter', 'Forum', 'Tag', '77: cryptography')) AS v(vocabulary, category, action, label)
  LEFT JOIN LATERAL activity_report.validate_event(ROW(now(), 'u1', v.category, v.action, v.label, NULL, NULL, NULL), v.vocabulary) p ON true
 ORDER BY v.vocabulary, v.category, v.label;

-- The collaborative vocabulary: positive and negative cases.
SELECT v.category, v.action, v.label, c.name, c.roles, c.details
  FROM (VALUES ('Activity', 'React', 'Learned something'), ('Messages', 'Reply', 'Thanks!'), ('Messages', 'Like', NULL),
               ('Course', 'Start', 'N/A'), ('Forum', 'Post', 'Anyone?')) AS v(category, action, label)
  LEFT JOIN LATERAL activity_report.classify('collaborative', v.category, v.action, v.label) c ON true;
SELECT v.category, v.action, v.label, p.field, p.problem
  FROM (VALUES ('Messages', 'Post', ''), ('Course', 'Start', 'Intro'), ('Activity', 'Share', 'N/A'), ('Group', 'Start', 'N/A')) AS v(category, action, label),
  LATERAL activity_report.validate_event(ROW(now(), 'u1', v.category, v.action, v.label, NULL, NULL, NULL), 'collaborative') p;

-- Huge values are matched and reported without trouble; the message shows an excerpt.
SELECT count(*) AS kinds FROM activity_report.classify('activity_exporter', 'Content - OTSession', 'Chat', repeat('blah ', 200000));
SELECT length(problem) < 400 AS short_message, problem LIKE 'label "xxxx%… (1000000 bytes)"%' AS excerpted
  FROM activity_report.validate_event(ROW(now(), 'u1', 'Content - OTSession', 'View', repeat('x', 1000000), NULL, NULL, NULL));

-- check_pattern guards the taxonomy tables.
SELECT activity_report.check_pattern('Content - [content type]'), activity_report.check_pattern('N/A|[Label]');
SELECT activity_report.check_pattern('Content - [content type');
\echo :LAST_ERROR_SQLSTATE
SELECT activity_report.check_pattern('[A][B]');
SELECT activity_report.check_pattern('a||b');
SELECT activity_report.check_pattern('');
SELECT activity_report.check_pattern('[]');
INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern)
VALUES ('activity_exporter', 'Mine', 'Broken', 'Widget ]', 'Spin');
\set VERBOSITY terse
INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, roles)
VALUES ('activity_exporter', 'Mine', 'Bad role', 'Widget', 'Spin', '{dance}');
\set VERBOSITY default

-- A kind added in this session is used by its next statement; the most specific kind wins.
SELECT name FROM activity_report.classify('activity_exporter', 'Content - Hologram', 'View', NULL);
INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, roles)
VALUES ('activity_exporter', 'Mine', 'Hologram viewed', 'Content - Hologram', 'View', '{view}');
SELECT section, name FROM activity_report.classify('activity_exporter', 'Content - Hologram', 'View', NULL);
SELECT section, name FROM activity_report.classify('activity_exporter', 'Content - OTSession', 'View', NULL);
DELETE FROM activity_report.activity_kinds WHERE section = 'Mine';
SELECT section, name FROM activity_report.classify('activity_exporter', 'Content - Hologram', 'View', NULL);
