-- The C++ <-> PostgreSQL error boundary (src/pg/boundary.hpp): our errors raised where PostgreSQL's
-- error stack is live, and PostgreSQL errors passed through the extension's C++ with every field.
\pset null '(null)'

-- A renamed column of events: the classifying trigger fails cleanly (SQLSTATE 42703, a hint), and
-- the errors after it still find a live error stack.
ALTER TABLE activity_report.events RENAME COLUMN occurred_at TO happened_at;
INSERT INTO activity_report.events (happened_at, user_id, category, action, label)
VALUES ('2026-03-01 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A');
\echo :LAST_ERROR_SQLSTATE
SELECT 1 / 0;
\echo :LAST_ERROR_SQLSTATE
-- The same inside one transaction: caught in a subtransaction, then more errors and inserts.
DO $$
DECLARE
    state text;
BEGIN
    FOR i IN 1..3 LOOP
        BEGIN
            INSERT INTO activity_report.events (happened_at, user_id, category, action, label)
            VALUES ('2026-03-01 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A');
        EXCEPTION WHEN undefined_column THEN
            GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE;
            RAISE NOTICE 'try %: %', i, state;
        END;
        BEGIN
            PERFORM 1 / 0;
        EXCEPTION WHEN division_by_zero THEN
            RAISE NOTICE 'try %: division by zero caught', i;
        END;
    END LOOP;
END
$$;
ALTER TABLE activity_report.events RENAME COLUMN happened_at TO occurred_at;

-- A column read only when a row is rejected (reject mode keeps every column as given).
ALTER TABLE activity_report.events RENAME COLUMN portal TO tenant;
SET activity_report.on_invalid = 'reject';
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-01 10:00+00', 'u1', 'Content - OTSession', 'Teleport', 'N/A');
\echo :LAST_ERROR_SQLSTATE
RESET activity_report.on_invalid;
ALTER TABLE activity_report.events RENAME COLUMN tenant TO portal;

-- Renamed back, inserts work again.
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, portal)
VALUES ('2026-03-01 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A', 'p1')
RETURNING user_id, portal, kind_id = (SELECT kind_id FROM activity_report.activity_kinds
                                        WHERE vocabulary = 'activity_exporter' AND section = 'Content' AND name = 'Viewed') AS viewed;
SELECT 1 / 0;
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS events FROM activity_report.events;

-- PostgreSQL errors raised under the extension's C++ (here: while the trigger stores a rejected row
-- through SPI) come out whole. A user trigger on rejected_events raises an error with every field set
-- and a message of 5,000+ bytes.
CREATE SCHEMA boundary_test;
CREATE FUNCTION boundary_test.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'refused rejected event: %', NEW.label
        USING ERRCODE = 'check_violation', DETAIL = 'category ' || NEW.category, HINT = 'the hint of refuse()',
              SCHEMA = 'activity_report', TABLE = 'rejected_events', COLUMN = 'label', DATATYPE = 'text',
              CONSTRAINT = 'refuse_constraint';
END
$$;
CREATE TRIGGER refuse BEFORE INSERT ON activity_report.rejected_events
    FOR EACH ROW EXECUTE FUNCTION boundary_test.refuse();
SET activity_report.on_invalid = 'reject';
DO $$
DECLARE
    msg text; det text; hnt text; st text; sch text; tbl text; col text; typ text; con text; ctx text;
BEGIN
    INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
    VALUES ('2026-03-01 10:00+00', 'u1', 'No such category', 'View', pg_catalog.repeat('x', 5000));
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT,
        st = RETURNED_SQLSTATE, sch = SCHEMA_NAME, tbl = TABLE_NAME, col = COLUMN_NAME, typ = PG_DATATYPE_NAME,
        con = CONSTRAINT_NAME, ctx = PG_EXCEPTION_CONTEXT;
    RAISE NOTICE 'sqlstate %, message of % bytes, whole: %', st, pg_catalog.octet_length(msg),
        msg = 'refused rejected event: ' || pg_catalog.repeat('x', 5000);
    RAISE NOTICE 'detail "%", hint "%"', det, hnt;
    RAISE NOTICE 'schema %, table %, column %, datatype %, constraint %', sch, tbl, col, typ, con;
    RAISE NOTICE 'context: %', ctx;
END
$$;
DROP TRIGGER refuse ON activity_report.rejected_events;

-- A constraint violation keeps its constraint, table and schema names and its detail.
ALTER TABLE activity_report.rejected_events ADD CONSTRAINT boundary_label_short
    CHECK (pg_catalog.length(label) OPERATOR(pg_catalog.<=) 100);
DO $$
DECLARE
    msg text; det text; st text; sch text; tbl text; con text;
BEGIN
    INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
    VALUES ('2026-03-01 10:00+00', 'u1', 'No such category', 'View', pg_catalog.repeat('y', 5000));
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, st = RETURNED_SQLSTATE,
        sch = SCHEMA_NAME, tbl = TABLE_NAME, con = CONSTRAINT_NAME;
    RAISE NOTICE 'sqlstate %: %', st, msg;
    RAISE NOTICE 'schema %, table %, constraint %', sch, tbl, con;
    RAISE NOTICE 'detail: %...', pg_catalog.left(det, 22);
END
$$;
ALTER TABLE activity_report.rejected_events DROP CONSTRAINT boundary_label_short;

-- An error in a query run under the extension keeps its query and position (QUERY, LINE, ^) and its
-- context lines, as psql shows them.
CREATE FUNCTION boundary_test.broken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'SELECT 1 FROM activity_report.rejected_events WHERE no_such_column = 1';
    RETURN NEW;
END
$$;
CREATE TRIGGER broken BEFORE INSERT ON activity_report.rejected_events
    FOR EACH ROW EXECUTE FUNCTION boundary_test.broken();
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-01 10:00+00', 'u1', 'No such category', 'View', 'N/A');
\echo :LAST_ERROR_SQLSTATE
DROP TRIGGER broken ON activity_report.rejected_events;

-- Nothing was kept by the failed statements; a rejected row is kept once the triggers are gone.
SELECT count(*) AS rejected FROM activity_report.rejected_events;
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label)
VALUES ('2026-03-01 10:00+00', 'u1', 'No such category', 'View', 'N/A');
SELECT category, reason FROM activity_report.rejected_events;
RESET activity_report.on_invalid;

DROP SCHEMA boundary_test CASCADE;
TRUNCATE activity_report.events, activity_report.rejected_events;
