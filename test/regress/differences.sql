-- Included by the pg_regress tests (\i from the repository root). pg_temp.differences(actual, expected): the
-- positions where a report's rows, in order, differ from the rows written by hand. No rows = they match.
CREATE FUNCTION pg_temp.differences(actual jsonb, expected jsonb)
    RETURNS TABLE (pos bigint, actual jsonb, expected jsonb) LANGUAGE sql AS $$
    SELECT COALESCE(a.i, e.i), a.v, e.v
      FROM jsonb_array_elements(COALESCE($1, '[]')) WITH ORDINALITY a(v, i)
      FULL JOIN jsonb_array_elements(COALESCE($2, '[]')) WITH ORDINALITY e(v, i) ON a.i = e.i
     WHERE a.v IS DISTINCT FROM e.v
     ORDER BY 1
$$;
-- pg_temp.set_differences(a, b): rows of query a that query b lacks plus rows of b that a lacks, as
-- multisets; 0 = both return the same rows (used to compare each view with its function).
CREATE FUNCTION pg_temp.set_differences(a text, b text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM (((%1$s) EXCEPT ALL (%2$s)) UNION ALL ((%2$s) EXCEPT ALL (%1$s))) d', a, b) INTO n;
    RETURN n;
END
$$;
