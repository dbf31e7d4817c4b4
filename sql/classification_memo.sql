-- The classifying trigger remembers the keys (vocabulary, category, action, label) it classified lately:
-- rows of a remembered key must get what activity_report.classify gives (it does not use the memo), a key
-- differing in any byte (a NULL label is not an empty one) is its own, only the key may decide (a row
-- without a user is refused even when its key was classified just before), and a taxonomy change reaches
-- the next statement, also inside the transaction that made it.
\pset null '(null)'

-- 400 rows, five keys round-robin in one statement: every row as classify() says.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
SELECT timestamptz '2026-03-01 00:00+00' + g * interval '1 minute', 'memo' || g % 7, k.category, k.action, k.label
  FROM generate_series(1, 400) g
  JOIN (VALUES (0, 'Content - OTSession', 'View', 'N/A'),
               (1, 'Content - OTSession', 'Chat', 'Hello from London!'),
               (2, 'Content - OTSession', 'Review', 'Rating: 4 / Great talk'),
               (3, 'Content - Lesson', 'View', NULL),
               (4, 'Content - Lesson', 'View', '')) AS k(i, category, action, label) ON g % 5 = k.i;
SELECT e.category, e.action, e.label, k.section, k.name, e.details, count(*) AS events,
       count(*) FILTER (WHERE (e.kind_id, e.details) IS NOT DISTINCT FROM (c.kind_id, c.details)) AS as_classify_says
  FROM activity_report.events e
  JOIN activity_report.activity_kinds k USING (kind_id)
  CROSS JOIN LATERAL activity_report.classify(e.vocabulary, e.category, e.action, e.label) c
 WHERE e.user_id LIKE 'memo%'
 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3 NULLS FIRST;

-- A remembered key does not excuse a missing user.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-02 10:00+00', ' ', 'Content - OTSession', 'View', 'N/A');
\echo :LAST_ERROR_SQLSTATE

-- A more specific kind for one remembered key, added inside the transaction: the next statement uses it.
BEGIN;
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-02 10:01+00', 'memo1', 'Content - OTSession', 'View', 'N/A');
INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, label_pattern, roles)
VALUES ('activity_exporter', 'Mine', 'Session viewed', 'Content - OTSession', 'View', 'N/A', '{view}')
RETURNING kind_id AS mine \gset
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-02 10:02+00', 'memo1', 'Content - OTSession', 'View', 'N/A');
COMMIT;
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-02 10:03+00', 'memo1', 'Content - OTSession', 'View', 'N/A');
-- Removed again: the key is back to the general kind.
DELETE FROM activity_report.activity_kinds WHERE section = 'Mine';
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-02 10:04+00', 'memo1', 'Content - OTSession', 'View', 'N/A');
SELECT e.occurred_at, e.kind_id = :mine AS the_added_kind, k.section || ' / ' || k.name AS kind_now, e.details
  FROM activity_report.events e LEFT JOIN activity_report.activity_kinds k USING (kind_id)
 WHERE e.user_id LIKE 'memo%' AND e.occurred_at >= '2026-03-02' ORDER BY e.occurred_at;

-- An update is judged afresh through the same memo: the changed key's kind, not the old one's.
UPDATE activity_report.events SET action = 'Join' WHERE user_id = 'memo1' AND occurred_at = '2026-03-02 10:04+00'
RETURNING action, (SELECT name FROM activity_report.activity_kinds k WHERE k.kind_id = events.kind_id), details;

-- The tests after this one share the database.
DELETE FROM activity_report.events WHERE user_id LIKE 'memo%';
