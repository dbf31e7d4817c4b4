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
