-- rejected_events keeps a row as it was given: the time with its era and its infinities (written in ISO 8601
-- UTC whatever the session's DateStyle and TimeZone, so it reads back as the same timestamptz), and a row
-- rejected twice (same source_ref) once.
SET activity_report.on_invalid = 'reject';
SET TimeZone = 'America/New_York';
SET DateStyle = 'SQL, DMY';
INSERT INTO activity_report.events (occurred_at, user_id, category, action, source_ref)
VALUES ('0044-03-15 10:00:00+00 BC', 'u1', 'Nope', 'Nope', 'given-bc'),
       ('4714-11-24 00:00:00+00 BC', 'u1', 'Nope', 'Nope', 'given-first-day'),
       ('infinity', 'u1', 'Nope', 'Nope', 'given-infinity'),
       ('-infinity', 'u1', 'Nope', 'Nope', 'given-minus-infinity'),
       ('2026-03-15 10:00:00.25+01', 'u1', 'Nope', 'Nope', 'given-normal'),
       ('294276-12-31 23:59:59.999999+00', 'u1', 'Nope', 'Nope', 'given-last-day');
-- Rejected again: still one row.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, source_ref)
VALUES ('2026-03-15 10:00:00.25+01', 'u1', 'Nope', 'Nope', 'given-normal');
RESET DateStyle;
SET TimeZone = 'UTC';
SELECT source_ref, occurred_at FROM activity_report.rejected_events WHERE source_ref LIKE 'given-%' ORDER BY rejected_id;
-- Each reads back as the timestamptz that was inserted.
SELECT r.source_ref, r.occurred_at::timestamptz = g.t AS same_time
  FROM activity_report.rejected_events r
  JOIN (VALUES ('given-bc', '0044-03-15 10:00:00+00 BC'::timestamptz), ('given-first-day', '4714-11-24 00:00:00+00 BC'),
               ('given-infinity', 'infinity'), ('given-minus-infinity', '-infinity'),
               ('given-normal', '2026-03-15 09:00:00.25+00'), ('given-last-day', '294276-12-31 23:59:59.999999+00')) g (ref, t)
    ON g.ref = r.source_ref
 ORDER BY r.rejected_id;
SELECT count(*) AS events_stored FROM activity_report.events WHERE source_ref LIKE 'given-%';
DELETE FROM activity_report.rejected_events WHERE source_ref LIKE 'given-%';
RESET TimeZone;
RESET activity_report.on_invalid;
