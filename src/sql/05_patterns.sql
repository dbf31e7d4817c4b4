-- Pattern checking, needed by the CHECK constraints of the taxonomy tables.
CREATE FUNCTION activity_report.check_pattern(pattern text) RETURNS boolean
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'ar_check_pattern';
COMMENT ON FUNCTION activity_report.check_pattern(text) IS
  'Returns true when the text is a valid activity pattern (literal words, [Placeholder], N/A, | between alternatives); otherwise raises an error (SQLSTATE 22023) saying what is wrong.';
