-- Validating functions (design §4). STABLE: they read the taxonomy tables.
CREATE FUNCTION activity_report.classify(vocabulary text, category text, action text, label text DEFAULT NULL)
    RETURNS TABLE (kind_id integer, section text, name text, roles text[], details jsonb)
    LANGUAGE c STABLE PARALLEL SAFE ROWS 1
    AS 'MODULE_PATHNAME', 'ar_classify';
COMMENT ON FUNCTION activity_report.classify(text, text, text, text) IS
  'The activity kind a (category, action, label) triple of the vocabulary matches, with its roles and the placeholder values parsed from the triple (details); no row when nothing matches. The most specific kind wins.';

CREATE FUNCTION activity_report.validate_event(event activity_report.activity_event,
                                               vocabulary text DEFAULT 'activity_exporter')
    RETURNS TABLE (field text, problem text, hint text)
    LANGUAGE c STABLE PARALLEL SAFE ROWS 1
    AS 'MODULE_PATHNAME', 'ar_validate_event';
COMMENT ON FUNCTION activity_report.validate_event(activity_report.activity_event, text) IS
  'Every problem of an event (field, problem naming the offending value, hint); no row means the event is valid.';

CREATE FUNCTION activity_report.is_valid_event(event activity_report.activity_event,
                                               vocabulary text DEFAULT 'activity_exporter')
    RETURNS boolean
    LANGUAGE c STABLE PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'ar_is_valid_event';
COMMENT ON FUNCTION activity_report.is_valid_event(activity_report.activity_event, text) IS
  'true when validate_event finds no problem (a NULL event is not valid).';

CREATE FUNCTION activity_report.validate_content_action(type text, source text)
    RETURNS boolean
    LANGUAGE c STABLE STRICT PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'ar_validate_content_action';
COMMENT ON FUNCTION activity_report.validate_content_action(text, text) IS
  'Whether the Source is documented for the Type in the Content Actions Log (content_actions vocabulary); case-insensitive.';

CREATE FUNCTION activity_report.reaction_of(action text, label text)
    RETURNS text
    LANGUAGE c STABLE PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'ar_reaction_of';
COMMENT ON FUNCTION activity_report.reaction_of(text, text) IS
  'The reaction an event names, as the reports count it: its label when that is a reaction of reaction_types (case-insensitive), else its action (a thumbs-up Like action); its counts_as when set; NULL when neither names one. The rule of reaction_score, in one place.';
