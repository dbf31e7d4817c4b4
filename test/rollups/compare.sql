-- pg_temp.paths_agree(query): runs the query with activity_report.use_rollups off (raw events) and on
-- (rollups where refreshed) and returns 'same' when both give the same rows (as a multiset; numbers equal to
-- 1e-9 relative), else the first row that differs on each side. Shared by sql/rollups.sql,
-- sql/all_time_updates.sql, test/rollups/run.sh and test/shards/run.sh.
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

-- 'same' when two row lists (rows_of) are the same, else the first difference, the sides named a and b.
CREATE FUNCTION pg_temp.first_difference(x jsonb[], y jsonb[], a text, b text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(x) <> cardinality(y) THEN
        RETURN format('%s %s rows, %s %s rows', cardinality(x), a, cardinality(y), b);
    END IF;
    FOR i IN 1 .. cardinality(x) LOOP
        IF NOT pg_temp.json_close(x[i], y[i]) THEN
            RETURN format('row %s: %s %s, %s %s', i, a, x[i], b, y[i]);
        END IF;
    END LOOP;
    RETURN 'same';
END
$$;

CREATE FUNCTION pg_temp.paths_agree(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    raw jsonb[];
    rolled jsonb[];
BEGIN
    PERFORM set_config('activity_report.use_rollups', 'off', true);
    raw := pg_temp.rows_of(q);
    PERFORM set_config('activity_report.use_rollups', 'on', true);
    rolled := pg_temp.rows_of(q);
    PERFORM set_config('activity_report.use_rollups', 'on', true);
    RETURN pg_temp.first_difference(raw, rolled, 'raw', 'rolled up');
END
$$;

-- pg_temp.daily_sums_agree(daily view, all-time view, key columns, additive columns): 'same' when the additive
-- columns of the daily view, summed over the days per key, equal the all-time view's (1e-9 relative; a key
-- with no day sums to 0), else the first key that differs.
CREATE FUNCTION pg_temp.daily_sums_agree(daily text, total text, keys text[], additive text[]) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    bad text;
    k text := array_to_string(keys, ', ');
BEGIN
    EXECUTE format($f$
        WITH d AS (SELECT %1$s, %2$s FROM activity_report.%3$I GROUP BY %1$s),
             t AS (SELECT %1$s, %4$s FROM activity_report.%5$I GROUP BY %1$s)
        SELECT format('%%s: days sum to %%s, all time %%s', row(%6$s), to_jsonb(d), to_jsonb(t))
          FROM t LEFT JOIN d USING (%1$s)
         WHERE NOT (%7$s) LIMIT 1$f$,
        k,
        (SELECT string_agg(format('sum(%1$I)::double precision AS %1$I', c), ', ') FROM unnest(additive) c),
        daily,
        (SELECT string_agg(format('sum(%1$I)::double precision AS %1$I', c), ', ') FROM unnest(additive) c),
        total,
        (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(keys) c),
        (SELECT string_agg(format('abs(COALESCE(d.%1$I, 0) - COALESCE(t.%1$I, 0)) <= 1e-9 * greatest(abs(COALESCE(d.%1$I, 0)), abs(COALESCE(t.%1$I, 0))) + 1e-9', c), ' AND ')
           FROM unnest(additive) c))
    INTO bad;
    RETURN COALESCE(bad, 'same');
END
$$;

-- The daily views checked by daily_sums_agree, with their keys and additive columns.
CREATE FUNCTION pg_temp.daily_checks() RETURNS TABLE (daily text, total text, keys text[], additive text[])
    LANGUAGE sql AS $$
    VALUES ('user_analytics_daily_v', 'user_analytics_v', '{user_id}'::text[],
            '{total_minutes_viewed,reactions,chat_messages_sent,qa_threads_created,live_minutes,recording_minutes,on_demand_minutes}'::text[]),
           ('user_sessions_daily_v', 'user_sessions_v', '{user_id,session_name}',
            '{minutes_viewed,reactions,raised_hands,attachments_downloaded,chat_messages_sent}'),
           ('user_on_demand_daily_v', 'user_on_demand_v', '{user_id,name}', '{minutes_viewed,completion_rate}'),
           ('collaborative_users_daily_v', 'collaborative_users_v', '{group_id,user_id}', '{publications,comments,reactions}'),
           ('collaborative_groups_daily_v', 'collaborative_groups', '{group_id}', '{publications,comments,reactions}'),
           ('course_activity_engagement_daily_v', 'course_activity_engagement_v', '{course_id,activity_id}',
            '{views,likes,learned_something,outdated,have_a_question,comments,downloads}'),
           ('collaborative_courses_daily_v', 'collaborative_courses', '{course_id}',
            '{views,likes,learned_something,outdated,have_a_question,useful,irrelevant}')
$$;
