-- The classifying trigger on activity_report.events and the three activity_report.on_invalid modes.
\pset null '(null)'

-- Valid rows are classified: kind_id and the parsed placeholders in details.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id)
VALUES ('2026-03-01 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A', 's1'),
       ('2026-03-01 10:01+00', 'u1', 'Content - OTSession', 'Review', 'Rating: 4 / Great talk', 's1'),
       ('2026-03-01 10:02+00', 'u1', 'Content - Lesson', 'View', NULL, 'l1');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id)
VALUES ('event_platform', '2026-03-01 10:03+00', 'u2', 'YouTube 50%', 'Watched YouTube', 'mcDnMbJwFCA', 'v1');
SELECT e.vocabulary, e.category, e.action, k.section, k.name, e.details
  FROM activity_report.events e JOIN activity_report.activity_kinds k USING (kind_id)
 ORDER BY e.event_id;

SHOW activity_report.on_invalid;
-- error (default): SQLSTATE, the offending value and a hint; nothing is stored.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-01 11:00+00', 'u1', 'Content - OTSession', 'Review', 'Rating: 9 / too good');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-01 11:00+00', 'u1', 'Content - OTSession', 'Teleport', 'N/A');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label)
VALUES ('event_platform', '2026-03-01 11:00+00', 'u1', 'YouTube 150%', 'Watched YouTube', 'abc');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action)
VALUES ('no_such_vocabulary', '2026-03-01 11:00+00', 'u1', 'Content - OTSession', 'View');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO activity_report.events (occurred_at, user_id, category, action)
VALUES ('2026-03-01 11:00+00', '  ', 'Content - OTSession', 'View');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS events_after_errors FROM activity_report.events;

-- An update that makes a row invalid is refused too; one that changes the kind reclassifies it.
UPDATE activity_report.events SET label = 'not N/A' WHERE action = 'View' AND content_id = 's1';
UPDATE activity_report.events SET action = 'Join' WHERE action = 'View' AND content_id = 's1'
RETURNING action, (SELECT name FROM activity_report.activity_kinds k WHERE k.kind_id = events.kind_id);

-- reject: invalid rows go to rejected_events as given, with the reason; valid rows of the same
-- statement land.
SET activity_report.on_invalid = 'reject';
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, source_ref)
VALUES ('2026-03-02 09:00+00', 'u3', 'Content - OTSession', 'View', 'N/A', 'ref-1'),
       ('2026-03-02 09:01+00', 'u3', 'Content - OTSession', 'Review', 'Rating: 0 / meh', 'ref-2'),
       ('2026-03-02 09:02+00', 'u3', 'Feed', 'Comment', 'no post id here', 'ref-3'),
       ('2026-03-02 09:03+00', 'u3', 'Feed', 'Comment', '8841 + Welcome all!', 'ref-4');
SELECT source_ref, details FROM activity_report.events WHERE user_id = 'u3' ORDER BY source_ref;
SELECT source_ref, occurred_at, category, action, label, reason, jsonb_array_length(problems) AS problems
  FROM activity_report.rejected_events ORDER BY rejected_id;

-- accept: the row is stored unclassified, its problems in details; rows without a time, user,
-- category or action cannot be stored and still fail.
SET activity_report.on_invalid = 'accept';
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-02 10:00+00', 'u4', 'Content - OTSession', 'Levitate', 'N/A')
RETURNING kind_id, details -> 'problems' -> 0 ->> 'problem' AS problem;
INSERT INTO activity_report.events (occurred_at, user_id, category, action)
VALUES ('2026-03-02 10:00+00', 'u4', 'Content - OTSession', NULL);
\echo :LAST_ERROR_SQLSTATE

SET activity_report.on_invalid = 'sometimes';
RESET activity_report.on_invalid;

-- A re-loaded row with the same source_ref adds nothing (the unique key of each partition: source_ref, occurred_at).
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, source_ref)
VALUES ('2026-03-02 09:00+00', 'u3', 'Content - OTSession', 'View', 'N/A', 'ref-1')
ON CONFLICT DO NOTHING;
SELECT count(*) FROM activity_report.events WHERE source_ref = 'ref-1';

TRUNCATE activity_report.events, activity_report.rejected_events;
