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

-- activity_kinds.vocabulary is kept by triggers instead of a foreign key, so that pg_restore -j, which loads
-- the user rows of vocabularies and activity_kinds in parallel, cannot lose a kind whose vocabulary row has
-- not arrived yet (src/sql/12_taxonomy_finish.sql). The classifying trigger keeps the classification a
-- restored row brings (C code, no SQL change).
ALTER TABLE activity_report.activity_kinds DROP CONSTRAINT activity_kinds_vocabulary_fkey;
COMMENT ON COLUMN activity_report.activity_kinds.vocabulary IS 'The vocabulary this kind belongs to (an activity_report.vocabularies row; while it is missing the kind is inactive).';
CREATE FUNCTION activity_report.kind_vocabulary_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM activity_report.vocabularies v WHERE v.vocabulary OPERATOR(pg_catalog.=) NEW.vocabulary) THEN
        -- A notice, not an error: during a restore the vocabulary may come later (pg_restore shows no notices).
        RAISE NOTICE 'activity kind % names vocabulary "%", which is not in activity_report.vocabularies: the kind is inactive until it is added',
                     NEW.kind_id, NEW.vocabulary
            USING HINT = 'Add the vocabulary to activity_report.vocabularies, or correct the kind''s vocabulary.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION activity_report.kind_vocabulary_check() IS
  'Trigger on activity_report.activity_kinds: notes a kind whose vocabulary is not (yet) in activity_report.vocabularies; such a kind is inactive until the vocabulary exists.';

CREATE FUNCTION activity_report.vocabulary_kinds_follow() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        UPDATE activity_report.activity_kinds k SET vocabulary = NEW.vocabulary
         WHERE k.vocabulary OPERATOR(pg_catalog.=) OLD.vocabulary;
        RETURN NEW;
    ELSIF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
        IF EXISTS (SELECT FROM activity_report.activity_kinds k WHERE k.vocabulary OPERATOR(pg_catalog.=) OLD.vocabulary) THEN
            RAISE EXCEPTION 'vocabulary "%" still has activity kinds', OLD.vocabulary
                USING ERRCODE = '23503', HINT = 'Delete its kinds from activity_report.activity_kinds first.';
        END IF;
        RETURN OLD;
    END IF;
    IF EXISTS (SELECT FROM activity_report.activity_kinds) THEN -- TRUNCATE
        RAISE EXCEPTION 'activity_report.vocabularies cannot be truncated while activity kinds use it'
            USING ERRCODE = '23503', HINT = 'Delete the kinds from activity_report.activity_kinds first.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION activity_report.vocabulary_kinds_follow() IS
  'Trigger on activity_report.vocabularies: a renamed vocabulary carries its kinds along; one still used by kinds cannot be deleted (SQLSTATE 23503).';

CREATE TRIGGER kind_vocabulary_check BEFORE INSERT OR UPDATE OF vocabulary ON activity_report.activity_kinds
    FOR EACH ROW EXECUTE FUNCTION activity_report.kind_vocabulary_check();
CREATE TRIGGER vocabulary_renamed AFTER UPDATE OF vocabulary ON activity_report.vocabularies
    FOR EACH ROW WHEN (OLD.vocabulary OPERATOR(pg_catalog.<>) NEW.vocabulary) EXECUTE FUNCTION activity_report.vocabulary_kinds_follow();
CREATE TRIGGER vocabulary_deleted BEFORE DELETE ON activity_report.vocabularies
    FOR EACH ROW EXECUTE FUNCTION activity_report.vocabulary_kinds_follow();
CREATE TRIGGER vocabulary_truncated BEFORE TRUNCATE ON activity_report.vocabularies
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report.vocabulary_kinds_follow();
COMMENT ON TRIGGER kind_vocabulary_check ON activity_report.activity_kinds IS 'Notes a kind whose vocabulary is missing (the kind is inactive until it is added).';
COMMENT ON TRIGGER vocabulary_renamed ON activity_report.vocabularies IS 'A renamed vocabulary carries its kinds along.';
COMMENT ON TRIGGER vocabulary_deleted ON activity_report.vocabularies IS 'A vocabulary still used by kinds cannot be deleted.';
COMMENT ON TRIGGER vocabulary_truncated ON activity_report.vocabularies IS 'vocabularies cannot be truncated while kinds exist.';
GRANT EXECUTE ON FUNCTION activity_report.kind_vocabulary_check(), activity_report.vocabulary_kinds_follow() TO activity_report_reader;
