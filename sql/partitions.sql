-- activity_report.events is partitioned by month on occurred_at (design §8): monthly partitions made by
-- ensure_event_partitions, a DEFAULT partition for any other time; the idempotency key, the classifying
-- trigger and row-level security hold across partitions. Expected numbers are counted by hand from the rows
-- below (UTC months).
\pset null '(null)'
SET TimeZone = 'UTC';
CREATE ROLE ar_part_acme NOLOGIN IN ROLE activity_report_reader;
CREATE ROLE ar_part_writer NOLOGIN IN ROLE activity_report_writer;
INSERT INTO activity_report.portal_access VALUES ('ar_part_acme', 'acme'), ('ar_part_writer', 'acme');

-- Before any monthly partition, the default partition takes everything.
SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'activity_report.events_local'::regclass ORDER BY 1;

-- January to March 2026: three partitions; asked again, none.
SELECT activity_report.ensure_event_partitions('2026-01-20', '2026-03-02');
SELECT activity_report.ensure_event_partitions('2026-01-01', '2026-04-01');
-- A range that ends on a month's first instant does not reach that month: 0.
SELECT activity_report.ensure_event_partitions('2026-02-01', '2026-04-01');

-- Rows: January 2 (one on its last microsecond), February 3 (one on its first instant), March 1, and to the
-- default partition: December 2025, one at 23:30 on 31 March at -02 (1 April 01:30 UTC), one at infinity.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref) VALUES
  ('2026-01-05 10:00+00',             'u1', 'Content - OTSession', 'View', 'N/A', 'acme',   'p-jan-1'),
  ('2026-01-31 23:59:59.999999+00',   'u1', 'Content - OTSession', 'View', 'N/A', 'globex', 'p-jan-2'),
  ('2026-02-01 00:00+00',             'u2', 'Content - OTSession', 'View', 'N/A', 'acme',   'p-feb-1'),
  ('2026-02-14 12:00+01',             'u2', 'Content - OTSession', 'View', 'N/A', 'acme',   'p-feb-2'),
  ('2026-02-28 08:00+00',             'u3', 'Content - OTSession', 'View', 'N/A', 'globex', 'p-feb-3'),
  ('2026-03-10 09:00+00',             'u3', 'Content - OTSession', 'View', 'N/A', 'acme',   'p-mar-1'),
  ('2025-12-24 18:00+00',             'u4', 'Content - OTSession', 'View', 'N/A', 'acme',   'p-dec-1'),
  ('2026-03-31 23:30-02',             'u4', 'Content - OTSession', 'View', 'N/A', 'globex', 'p-apr-1'),
  ('infinity',                        'u5', 'Content - OTSession', 'View', 'N/A', 'acme',   'p-inf-1');
SELECT tableoid::regclass AS partition, count(*), string_agg(source_ref, ' ' ORDER BY occurred_at) AS refs
  FROM activity_report.events GROUP BY 1 ORDER BY 1::text;
-- Every partition's rows were judged by the classifying trigger (kind_id filled).
SELECT count(*) FILTER (WHERE kind_id IS NULL) AS unclassified FROM activity_report.events;

-- December 2025 to April 2026: December and April are made and their rows leave the default partition
-- with their event_id, classification and loaded_at; the row at infinity stays.
CREATE TEMP TABLE before_move AS SELECT event_id, source_ref, kind_id, details, loaded_at FROM activity_report.events;
-- (00:30 on 1 January at +01 is 31 December 23:30 UTC: December.)
SELECT activity_report.ensure_event_partitions('2026-01-01 00:30+01', '2026-04-01 00:00:01+00');
SELECT tableoid::regclass AS partition, count(*), string_agg(source_ref, ' ' ORDER BY occurred_at) AS refs
  FROM activity_report.events GROUP BY 1 ORDER BY 1::text;
SELECT (SELECT count(*) FROM before_move) AS rows_before, count(*) AS rows_after,
       count(*) FILTER (WHERE (b.event_id, b.source_ref, b.kind_id, b.details, b.loaded_at)
                              IS NOT DISTINCT FROM (e.event_id, e.source_ref, e.kind_id, e.details, e.loaded_at)) AS unchanged
  FROM activity_report.events e FULL JOIN before_move b USING (event_id);
SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound, obj_description(c.oid, 'pg_class') AS comment
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'activity_report.events_local'::regclass ORDER BY 1;
-- Each partition has the indexes, the trigger and no privileges of its own (it is read through events).
SELECT c.relname, (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid) AS indexes,
       (SELECT string_agg(t.tgname, ',' ORDER BY t.tgname) FROM pg_trigger t WHERE t.tgrelid = c.oid) AS triggers,
       c.relacl IS NULL OR NOT EXISTS (SELECT FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner) AS owner_only,
       EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') AS member
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'activity_report.events_local'::regclass ORDER BY 1;

-- The idempotency key across partitions: a row moved from the default partition still conflicts.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
VALUES ('2025-12-24 18:00+00', 'u4', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-dec-1')
ON CONFLICT DO NOTHING;
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
VALUES ('2026-02-14 11:00+00', 'u2', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-feb-2') ON CONFLICT DO NOTHING;  -- 12:00+01
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
VALUES ('2026-03-10 09:00+00', 'u3', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-mar-1');
-- The loader's form: a key already stored (whatever its month) is not inserted again.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
SELECT t, 'u1', 'Content - OTSession', 'View', 'N/A', 'acme', r
  FROM (VALUES (timestamptz '2026-01-05 10:00+00', 'p-jan-1'), ('2026-03-05 10:00+00', 'p-jan-1'), ('2026-03-06 10:00+00', 'p-new-1')) v(t, r)
 WHERE NOT EXISTS (SELECT FROM activity_report.events e WHERE e.source_ref = v.r);
SELECT count(*) AS events, count(DISTINCT source_ref) AS keys FROM activity_report.events;
-- What the unique key does not cover: a source_ref written by SQL again with another time is another row
-- (the loader never does this: its key is made from the row's time; README "Partitions").
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
VALUES ('2026-03-11 09:00+00', 'u3', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-mar-1');
SELECT source_ref, count(*) FROM activity_report.events WHERE source_ref = 'p-mar-1' GROUP BY 1;
DELETE FROM activity_report.events WHERE source_ref = 'p-mar-1' AND occurred_at = '2026-03-11 09:00+00';

-- An update that changes the month moves the row (judged again by the trigger on the way).
UPDATE activity_report.events SET occurred_at = '2026-01-15 10:00+00', action = 'Join' WHERE source_ref = 'p-new-1';
SELECT tableoid::regclass AS partition, action, kind_id IS NOT NULL AS classified FROM activity_report.events WHERE source_ref = 'p-new-1';

-- A statement-level trigger with transition tables on events (a user's own, on one node) sees the rows of every
-- partition a statement touches.
CREATE TABLE statement_log (op text, n bigint, months text);
CREATE FUNCTION pg_temp.log_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO statement_log SELECT TG_OP, count(*), string_agg(DISTINCT to_char(occurred_at, 'YYYY-MM'), ' ') FROM old_rows;
    ELSE
        INSERT INTO statement_log SELECT TG_OP, count(*), string_agg(DISTINCT to_char(occurred_at, 'YYYY-MM'), ' ') FROM new_rows;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER log_insert AFTER INSERT ON activity_report.events REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.log_statement();
CREATE TRIGGER log_delete AFTER DELETE ON activity_report.events REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.log_statement();
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref) VALUES
  ('2026-01-06 10:00+00', 'u6', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-st-1'),
  ('2026-04-06 10:00+00', 'u6', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-st-2'),
  ('2027-01-06 10:00+00', 'u6', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-st-3');
DELETE FROM activity_report.events WHERE user_id = 'u6';
SELECT * FROM statement_log;
DROP TRIGGER log_insert ON activity_report.events;
DROP TRIGGER log_delete ON activity_report.events;
DROP TABLE statement_log;

-- Row-level security through the parent, for a reader bound to acme: acme's rows of every partition.
SELECT portal, count(*) FROM activity_report.events GROUP BY 1 ORDER BY 1;
SET ROLE ar_part_acme;
SELECT count(*) AS acme_rows, count(*) FILTER (WHERE portal <> 'acme') AS other_rows,
       count(DISTINCT tableoid) AS partitions FROM activity_report.events;
SELECT count(*) AS acme_in_february FROM activity_report.events WHERE occurred_at >= '2026-02-01' AND occurred_at < '2026-03-01';
-- A partition by name is not for readers (its rows would escape the policy).
SELECT count(*) FROM activity_report.events_y2026m02;
SELECT count(*) FROM activity_report.events_default;
-- Readers make no partitions.
SELECT activity_report.ensure_event_partitions('2026-05-01', '2026-06-01');
RESET ROLE;

-- A writer bound to acme writes acme rows into any month and makes partitions; not another portal's rows.
SET ROLE ar_part_writer;
SELECT activity_report.ensure_event_partitions('2026-05-01', '2026-06-01');
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
VALUES ('2026-05-07 10:00+00', 'u7', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-may-1');
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
VALUES ('2026-05-08 10:00+00', 'u7', 'Content - OTSession', 'View', 'N/A', 'globex', 'p-may-2');
SELECT tableoid::regclass AS partition, source_ref FROM activity_report.events WHERE user_id = 'u7';
RESET ROLE;
SELECT relowner = (SELECT relowner FROM pg_class WHERE oid = 'activity_report.events'::regclass) AS owned_like_events
  FROM pg_class WHERE oid = 'activity_report.events_y2026m05'::regclass;

-- A load's new months (activity-report load): open_event_months makes the months of the given times that have
-- no partition, without keys and indexes; rows inserted then are classified as anywhere; index_event_months
-- builds the five indexes. Here June and July are new: 1 July 01:00 at +02 is 30 June 23:00 UTC (June), May
-- has its partition, and infinity has no month. The writer may do this, a reader may not.
SET ROLE ar_part_writer;
BEGIN;
SELECT activity_report_internal.open_event_months(ARRAY['2026-06-03 10:00+00', '2026-07-01 01:00+02', '2026-07-15 00:00+00',
                                                        'infinity', '2026-05-09 00:00+00']::timestamptz[]) AS made;
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal, source_ref)
VALUES ('2026-06-30 23:00+00', 'u8', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-jun-1'),
       ('2026-07-15 08:00+00', 'u8', 'Content - OTSession', 'View', 'N/A', 'acme', 'p-jul-1');
SELECT tableoid::regclass AS partition, source_ref, kind_id IS NOT NULL AS classified FROM activity_report.events
 WHERE user_id = 'u8' ORDER BY 2;
RESET ROLE;
SELECT c.relname, (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid) AS indexes
  FROM pg_class c WHERE c.relname IN ('events_y2026m06', 'events_y2026m07') ORDER BY 1;
SET ROLE ar_part_writer;
SELECT activity_report_internal.index_event_months() AS indexed;
COMMIT;
RESET ROLE;
SELECT c.relname, (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid) AS indexes,
       (SELECT string_agg(t.tgname, ',' ORDER BY t.tgname) FROM pg_trigger t WHERE t.tgrelid = c.oid) AS triggers,
       pg_get_expr(c.relpartbound, c.oid) AS bound
  FROM pg_class c WHERE c.relname IN ('events_y2026m06', 'events_y2026m07') ORDER BY 1;
-- A month made so and not indexed is not committed: the commit fails and takes the month back; so does an
-- immediate check. Asked again for months that exist: 0.
SET ROLE ar_part_writer;
\set SHOW_CONTEXT never
BEGIN;
SELECT activity_report_internal.open_event_months(ARRAY['2026-08-02 00:00+00']::timestamptz[]) AS made;
COMMIT;
BEGIN;
SELECT activity_report_internal.open_event_months(ARRAY['2026-08-02 00:00+00']::timestamptz[]) AS made;
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK;
SELECT pg_catalog.to_regclass('activity_report.events_y2026m08') AS august;
SELECT activity_report_internal.open_event_months(ARRAY['2026-06-09 00:00+00', '2026-07-09 00:00+00']::timestamptz[]) AS made;
RESET ROLE;
SET ROLE ar_part_acme;
SELECT activity_report_internal.open_event_months(ARRAY['2026-09-02 00:00+00']::timestamptz[]);
SELECT activity_report_internal.index_event_months();
RESET ROLE;
\set SHOW_CONTEXT errors

-- Out of range, or too long a range: refused.
\set SHOW_CONTEXT never
SELECT activity_report.ensure_event_partitions('-infinity', '2026-01-01');
SELECT activity_report.ensure_event_partitions('2000-01-01', '2200-01-01');

\set SHOW_CONTEXT errors
-- The layout (create_event_table): every partition the extension made has one dropped column, ahead of
-- events' columns. A month made by hand with events' own layout (as pg_dump restores one) stores the same
-- row: the same triple into October (by hand) and into January (made by the extension) gets the kind and
-- details classify() gives it, and every column as inserted.
SELECT c.relname, (SELECT string_agg(a.attnum::text, ',') FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attisdropped) AS dropped
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'activity_report.events_local'::regclass ORDER BY 1;
SELECT has_function_privilege('activity_report_writer', 'activity_report_internal.create_event_table(text)', 'EXECUTE') AS writer_may_create,
       has_function_privilege('activity_report_reader', 'activity_report_internal.create_event_table(text)', 'EXECUTE') AS reader_may_create;
CREATE TABLE activity_report.events_y2026m10 (LIKE activity_report.events_local INCLUDING DEFAULTS);
SELECT activity_report_internal.index_event_partition('activity_report.events_y2026m10');
ALTER TABLE activity_report.events_local ATTACH PARTITION activity_report.events_y2026m10
  FOR VALUES FROM ('2026-10-01 00:00+00') TO ('2026-11-01 00:00+00');
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id, content_name, content_slug, portal, source_ref)
VALUES ('2026-10-05 10:00+00', 'u-lay', 'Content - OTSession', 'Emoji', 'Love', 's-lay', 'Layout talk', '/s/lay', 'acme', 'p-lay-oct'),
       ('2026-01-07 10:00+00', 'u-lay', 'Content - OTSession', 'Emoji', 'Love', 's-lay', 'Layout talk', '/s/lay', 'acme', 'p-lay-jan');
SELECT e.tableoid::regclass AS partition, e.occurred_at, e.user_id, e.category, e.action, e.label, e.content_id,
       e.content_name, e.content_slug, e.portal, e.source_ref, e.vocabulary,
       e.kind_id = c.kind_id AS kind_as_classify, e.details = c.details AS details_as_classify, e.details
  FROM activity_report.events e, activity_report.classify(e.vocabulary, e.category, e.action, e.label) c
 WHERE e.user_id = 'u-lay' ORDER BY e.occurred_at;

-- Back to the state of the other tests: only the default partition, no rows.
DO $$
DECLARE r regclass;
BEGIN
    FOR r IN SELECT i.inhrelid::regclass FROM pg_inherits i WHERE i.inhparent = 'activity_report.events_local'::regclass
               AND i.inhrelid <> 'activity_report.events_default'::regclass LOOP
        EXECUTE format('DROP TABLE %s', r);
    END LOOP;
END $$;
TRUNCATE activity_report.events, activity_report.rejected_events, activity_report.portal_access;
DROP ROLE ar_part_acme, ar_part_writer;
RESET TimeZone;
