-- Seed 000's live-session watch (Progress | Watched | [Percentage watched], logged when a viewer leaves a
-- live session) measures the live session: it is never recording time (design §6).
UPDATE activity_report.activity_kinds SET live_watch = true
 WHERE vocabulary OPERATOR(pg_catalog.=) 'event_platform' AND category_pattern OPERATOR(pg_catalog.=) 'Progress'
   AND action_pattern OPERATOR(pg_catalog.=) 'Watched';

-- Everything above this point is seed data; user rows added later are dumped by pg_dump.
UPDATE activity_report.vocabularies SET seeded = true;
UPDATE activity_report.activity_kinds SET seeded = true;
UPDATE activity_report.content_types SET seeded = true;
UPDATE activity_report.reaction_types SET seeded = true;

SELECT pg_catalog.pg_extension_config_dump('activity_report.vocabularies', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('activity_report.activity_kinds', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('activity_report.activity_kinds_kind_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.content_types', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('activity_report.reaction_types', 'WHERE NOT seeded');

-- Any change to the taxonomy reaches every session's compiled copy through relcache invalidation.
CREATE FUNCTION activity_report_internal.taxonomy_changed() RETURNS trigger
    LANGUAGE c VOLATILE PARALLEL UNSAFE
    AS 'MODULE_PATHNAME', 'ar_taxonomy_changed';
COMMENT ON FUNCTION activity_report_internal.taxonomy_changed() IS
  'Statement trigger on the taxonomy tables: invalidates every session''s compiled taxonomy so the change is honoured by the next statement.';

CREATE TRIGGER taxonomy_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.vocabularies
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.taxonomy_changed();
CREATE TRIGGER taxonomy_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.activity_kinds
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.taxonomy_changed();
CREATE TRIGGER taxonomy_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.content_types
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.taxonomy_changed();
CREATE TRIGGER taxonomy_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.reaction_types
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.taxonomy_changed();

-- activity_kinds.vocabulary names a vocabularies row, kept so by triggers rather than a foreign key: pg_restore -j
-- loads the user rows of the two tables in parallel, in any order, and a foreign key refused (lost) a user kind
-- whose vocabulary row had not arrived yet. A kind whose vocabulary is missing is inactive (the taxonomy leaves it
-- out: it can match no event) until the vocabulary is added; deleting, renaming or truncating vocabularies
-- behaves as under the foreign key (refused while kinds use it; a rename carries the kinds along).
CREATE FUNCTION activity_report_internal.kind_vocabulary_check() RETURNS trigger
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
COMMENT ON FUNCTION activity_report_internal.kind_vocabulary_check() IS
  'Trigger on activity_report.activity_kinds: notes a kind whose vocabulary is not (yet) in activity_report.vocabularies; such a kind is inactive until the vocabulary exists.';

CREATE FUNCTION activity_report_internal.vocabulary_kinds_follow() RETURNS trigger
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
COMMENT ON FUNCTION activity_report_internal.vocabulary_kinds_follow() IS
  'Trigger on activity_report.vocabularies: a renamed vocabulary carries its kinds along; one still used by kinds cannot be deleted (SQLSTATE 23503).';

CREATE TRIGGER kind_vocabulary_check BEFORE INSERT OR UPDATE OF vocabulary ON activity_report.activity_kinds
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.kind_vocabulary_check();
CREATE TRIGGER vocabulary_renamed AFTER UPDATE OF vocabulary ON activity_report.vocabularies
    FOR EACH ROW WHEN (OLD.vocabulary OPERATOR(pg_catalog.<>) NEW.vocabulary) EXECUTE FUNCTION activity_report_internal.vocabulary_kinds_follow();
CREATE TRIGGER vocabulary_deleted BEFORE DELETE ON activity_report.vocabularies
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.vocabulary_kinds_follow();
CREATE TRIGGER vocabulary_truncated BEFORE TRUNCATE ON activity_report.vocabularies
    FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.vocabulary_kinds_follow();
COMMENT ON TRIGGER kind_vocabulary_check ON activity_report.activity_kinds IS 'Notes a kind whose vocabulary is missing (the kind is inactive until it is added).';
COMMENT ON TRIGGER vocabulary_renamed ON activity_report.vocabularies IS 'A renamed vocabulary carries its kinds along.';
COMMENT ON TRIGGER vocabulary_deleted ON activity_report.vocabularies IS 'A vocabulary still used by kinds cannot be deleted.';
COMMENT ON TRIGGER vocabulary_truncated ON activity_report.vocabularies IS 'vocabularies cannot be truncated while kinds exist.';

CREATE VIEW activity_report.content_action_sources WITH (security_invoker = true) AS
    SELECT k.action_pattern AS type, k.name AS source, k.label_pattern AS source_pattern, k.definition, k.roles
      FROM activity_report.activity_kinds k
     WHERE k.vocabulary OPERATOR(pg_catalog.=) 'content_actions';
COMMENT ON VIEW activity_report.content_action_sources IS 'The Type / Source pairs of the Content Actions Log (seed 002), from activity_kinds.';
COMMENT ON COLUMN activity_report.content_action_sources.type IS 'Action type: enrollment, status_change, revoked_access or certificate_grant.';
COMMENT ON COLUMN activity_report.content_action_sources.source IS 'How the action was performed (the Source value).';
COMMENT ON COLUMN activity_report.content_action_sources.source_pattern IS 'Pattern the Source must match (alternatives for documented spelling variants).';
COMMENT ON COLUMN activity_report.content_action_sources.definition IS 'Definition text from the Content Actions Log help page.';
COMMENT ON COLUMN activity_report.content_action_sources.roles IS 'Metric roles of the pair (enrollment, completion, certificate, access_revoked).';

COMMENT ON SCHEMA activity_report IS 'activity_report: taxonomy, events, validation, metrics and reports for platform activity logs.';
COMMENT ON TRIGGER taxonomy_changed ON activity_report.vocabularies IS 'Recompiles every session''s taxonomy after a change.';
COMMENT ON TRIGGER taxonomy_changed ON activity_report.activity_kinds IS 'Recompiles every session''s taxonomy after a change.';
COMMENT ON TRIGGER taxonomy_changed ON activity_report.content_types IS 'Recompiles every session''s taxonomy after a change.';
COMMENT ON TRIGGER taxonomy_changed ON activity_report.reaction_types IS 'Recompiles every session''s taxonomy after a change.';
