-- Rows inserted already classified (what pg_restore's COPY does) keep their classification when nothing
-- contradicts it, whatever activity_report.on_invalid is; and activity_kinds.vocabulary is kept by triggers,
-- not a foreign key, so that the two tables may be restored in either order.
\pset null '(null)'
CREATE TEMP VIEW viewed AS
    SELECT kind_id FROM activity_report.activity_kinds WHERE vocabulary = 'activity_exporter' AND section = 'Content' AND name = 'Viewed';

-- (on_invalid is error, the default.) A known kind the row is an instance of: kept, its details
-- recomputed from the row.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, kind_id, details, source_ref)
VALUES ('2026-05-01', 'u1', 'Content - Video', 'View', 'N/A', (SELECT kind_id FROM viewed), '{"content_type": "Forged"}', 'given-1');
-- A known kind the row is not an instance of: classified afresh (Viewed, not Joined).
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, kind_id, source_ref)
VALUES ('2026-05-01', 'u1', 'Content - Video', 'View', 'N/A',
        (SELECT kind_id FROM activity_report.activity_kinds WHERE vocabulary = 'activity_exporter' AND section = 'Content' AND name = 'Joined'), 'given-2');
-- ... and refused when the row is invalid (error mode).
INSERT INTO activity_report.events (occurred_at, user_id, category, action, kind_id, source_ref)
VALUES ('2026-05-01', 'u1', 'Content - Video', 'Teleport', (SELECT kind_id FROM viewed), 'given-3');
\echo :LAST_ERROR_SQLSTATE
-- A kind the taxonomy does not know (not restored yet, or deleted): kept with its details as given.
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, kind_id, details, source_ref)
VALUES ('not_yet_restored', '2026-05-01', 'u1', 'Quiz - Ciphers', 'Score', '80%', 987654, '{"score_percentage": 80}', 'given-4');
-- An accepted row's mark: kept unclassified, even in error mode and even when a kind matches it now.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, details, source_ref)
VALUES ('2026-05-01', 'u1', 'Nope', 'Nope', NULL, '{"problems": [{"field": "action", "problem": "as stored"}]}', 'given-5'),
       ('2026-05-01', 'u1', 'Content - Video', 'View', 'N/A', '{"problems": []}', 'given-6');
-- Details that are not the mark are no mark: classified (given-7) or refused (given-8).
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, details, source_ref)
VALUES ('2026-05-01', 'u1', 'Content - Video', 'View', 'N/A', '{"problems": "none", "x": 1}', 'given-7');
INSERT INTO activity_report.events (occurred_at, user_id, category, action, details, source_ref)
VALUES ('2026-05-01', 'u1', 'Nope', 'Nope', '{"problems": {}}', 'given-8');
\echo :LAST_ERROR_SQLSTATE
SELECT source_ref, CASE WHEN kind_id = (SELECT kind_id FROM viewed) THEN 'Content / Viewed' ELSE kind_id::text END AS kind, details
  FROM activity_report.events WHERE source_ref LIKE 'given-%' ORDER BY source_ref;
-- An update judges the row afresh: its old classification proves nothing.
UPDATE activity_report.events SET category = 'Content - Webinar' WHERE source_ref = 'given-6'
RETURNING kind_id = (SELECT kind_id FROM viewed) AS is_viewed, details;
UPDATE activity_report.events SET category = 'Content - Nope', action = 'Nope' WHERE source_ref = 'given-1';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM activity_report.events WHERE source_ref LIKE 'given-%';

-- A kind may arrive before its vocabulary: a notice, and the kind is inactive until the vocabulary exists.
INSERT INTO activity_report.activity_kinds (kind_id, vocabulary, section, name, category_pattern, action_pattern, label_pattern)
VALUES (900001, 'late_vocabulary', 'Quizzes', 'Scored', 'Quiz - [Quiz name]', 'Score', '[Score percentage]');
SELECT name, details FROM activity_report.classify('late_vocabulary', 'Quiz - Ciphers', 'Score', '80%');
INSERT INTO activity_report.vocabularies (vocabulary, title) VALUES ('late_vocabulary', 'Arrives after its kind');
SELECT name, details FROM activity_report.classify('late_vocabulary', 'Quiz - Ciphers', 'Score', '80%');
-- A vocabulary in use cannot be deleted or truncated; a rename carries its kinds along.
DELETE FROM activity_report.vocabularies WHERE vocabulary = 'late_vocabulary';
\echo :LAST_ERROR_SQLSTATE
TRUNCATE activity_report.vocabularies;
\echo :LAST_ERROR_SQLSTATE
UPDATE activity_report.vocabularies SET vocabulary = 'renamed_vocabulary' WHERE vocabulary = 'late_vocabulary';
SELECT kind_id, vocabulary FROM activity_report.activity_kinds WHERE kind_id = 900001;
SELECT name FROM activity_report.classify('renamed_vocabulary', 'Quiz - Ciphers', 'Score', '80%');
DELETE FROM activity_report.activity_kinds WHERE kind_id = 900001;
DELETE FROM activity_report.vocabularies WHERE vocabulary = 'renamed_vocabulary';
SELECT count(*) AS left_over FROM activity_report.vocabularies WHERE vocabulary IN ('late_vocabulary', 'renamed_vocabulary');
