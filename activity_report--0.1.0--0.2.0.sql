-- activity_report upgrade 0.1.0 -> 0.2.0. Every change to src/sql since 0.1.0 is repeated here, so that
-- ALTER EXTENSION activity_report UPDATE leaves a database identical to CREATE EXTENSION ... VERSION '0.2.0'
-- (scripts/test.sh: test/upgrade). Same rules as the install script: schema-qualified, search_path pinned.
\echo Use "ALTER EXTENSION activity_report UPDATE TO '0.2.0'" to load this file. \quit

-- Rejected rows are kept once per source_ref, also when two loads of one file run at the same time (the
-- loader and the trigger insert with ON CONFLICT DO NOTHING). Duplicates stored by 0.1.0 are removed first,
-- keeping the first rejection of each row.
DELETE FROM activity_report.rejected_events r
 USING activity_report.rejected_events d
 WHERE r.source_ref OPERATOR(pg_catalog.=) d.source_ref AND r.rejected_id OPERATOR(pg_catalog.>) d.rejected_id;
DROP INDEX activity_report.rejected_events_source_ref_idx;
CREATE UNIQUE INDEX rejected_events_source_ref_idx ON activity_report.rejected_events (source_ref) WHERE source_ref IS NOT NULL;
COMMENT ON COLUMN activity_report.rejected_events.source_ref IS 'Idempotency key as given: unique when not NULL, so a row rejected again is kept once.';

-- CREATE EXTENSION refuses a schema activity_report that existed before and is owned or writable by another
-- role, or not empty (src/sql/01_install_check.sql). That check is a DO block run at install time only: an
-- installed database already has its schema, so it has no place here. (The C code now finds its tables
-- through the extension's membership, which needs no SQL change.)
