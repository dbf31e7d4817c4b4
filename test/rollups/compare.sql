-- pg_temp.paths_agree(query): runs the query with activity_report.use_rollups off (raw events) and on
-- (rollups where refreshed) and returns 'same' when both give the same rows (as a multiset; numbers equal to
-- 1e-9 relative), else the first row that differs on each side. Shared by sql/rollups.sql and test/rollups/run.sh.
CREATE FUNCTION pg_temp.json_close(a jsonb, b jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k text;
    x double precision;
    y double precision;
BEGIN
    IF jsonb_typeof(a) IS DISTINCT FROM jsonb_typeof(b) THEN
        RETURN false;
    ELSIF jsonb_typeof(a) = 'number' THEN
        x := a::text::double precision; y := b::text::double precision;
        RETURN abs(x - y) <= 1e-9 * greatest(abs(x), abs(y)) + 1e-12;
    ELSIF jsonb_typeof(a) = 'object' THEN
        IF (SELECT array_agg(j ORDER BY j) FROM jsonb_object_keys(a) j) IS DISTINCT FROM
           (SELECT array_agg(j ORDER BY j) FROM jsonb_object_keys(b) j) THEN
            RETURN false;
        END IF;
        FOR k IN SELECT jsonb_object_keys(a) LOOP
            IF NOT pg_temp.json_close(a -> k, b -> k) THEN RETURN false; END IF;
        END LOOP;
        RETURN true;
    ELSE
        RETURN a = b;
    END IF;
END
$$;

-- The rows of a query, each as jsonb, in a canonical order (numbers rounded to 9 significant digits for
-- ordering only, so tiny float differences do not reorder rows).
CREATE FUNCTION pg_temp.rows_of(q text) RETURNS jsonb[] LANGUAGE plpgsql AS $$
DECLARE
    r jsonb[];
BEGIN
    EXECUTE format($f$SELECT COALESCE(array_agg(j ORDER BY regexp_replace(j::text, '(\d\.\d{6})\d+', '\1', 'g'), j::text), '{}')
                       FROM (SELECT to_jsonb(x) AS j FROM (%s) x) s$f$, q) INTO r;
    RETURN r;
END
$$;

CREATE FUNCTION pg_temp.paths_agree(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    raw jsonb[];
    rolled jsonb[];
    i int;
BEGIN
    PERFORM set_config('activity_report.use_rollups', 'off', true);
    raw := pg_temp.rows_of(q);
    PERFORM set_config('activity_report.use_rollups', 'on', true);
    rolled := pg_temp.rows_of(q);
    PERFORM set_config('activity_report.use_rollups', 'on', true);
    IF cardinality(raw) <> cardinality(rolled) THEN
        RETURN format('%s raw rows, %s rolled-up rows', cardinality(raw), cardinality(rolled));
    END IF;
    FOR i IN 1 .. cardinality(raw) LOOP
        IF NOT pg_temp.json_close(raw[i], rolled[i]) THEN
            RETURN format('row %s: raw %s, rolled up %s', i, raw[i], rolled[i]);
        END IF;
    END LOOP;
    RETURN 'same';
END
$$;
