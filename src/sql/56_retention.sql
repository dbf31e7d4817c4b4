-- Retention (design §8): whole raw months whose every day with events is rolled up and clean can be dropped;
-- their days become archived in rollup_slices and every report reads them from the rollups from then on.
CREATE FUNCTION activity_report.drop_events_before(ts timestamptz) RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC'
AS $fn$
DECLARE
    p record;
    oldest timestamptz;
    pending date;
    n bigint;
    dropped bigint := 0;
BEGIN
    IF ts IS NULL THEN
        RAISE EXCEPTION 'drop_events_before: ts must not be NULL'
            USING ERRCODE = '22004', HINT = 'Pass the time before which whole months of raw events are dropped.';
    END IF;
    PERFORM pg_advisory_xact_lock(1096184900, 1);  -- no refresh meanwhile (refresh_rollups takes the same lock)
    -- rows of those months still in the default partition go to their month's partition first
    SELECT min(d.occurred_at) INTO oldest FROM activity_report.events_default d
     WHERE d.occurred_at < date_trunc('month', ts) AND d.occurred_at >= '0001-01-01 00:00+00';
    IF oldest IS NOT NULL THEN
        PERFORM activity_report.ensure_event_partitions(oldest, date_trunc('month', ts));
    END IF;
    FOR p IN SELECT c.oid::regclass AS part, c.relname,
                    (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz AS upper_bound,
                    (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz AS lower_bound
               FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'activity_report.events_local'::regclass AND c.relispartition
                AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
              ORDER BY 4 LOOP
        CONTINUE WHEN p.upper_bound > ts;
        -- a month whose events are not all rolled up (and unchanged since) stays
        EXECUTE format($q$SELECT min(x.day) FROM (SELECT DISTINCT (e.occurred_at AT TIME ZONE 'UTC')::date AS day FROM %s e) x
                          WHERE NOT EXISTS (SELECT FROM activity_report.rollup_slices s WHERE s.day = x.day)
                             OR EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = x.day)$q$, p.part)
            INTO pending;
        IF pending IS NOT NULL THEN
            RAISE NOTICE 'drop_events_before: % kept: % is not rolled up', p.relname, pending
                USING HINT = 'Run activity_report.refresh_rollups() first.';
            CONTINUE;
        END IF;
        EXECUTE format('SELECT count(*) FROM %s', p.part) INTO n;
        UPDATE activity_report.rollup_slices s SET archived = true
         WHERE s.day >= (p.lower_bound AT TIME ZONE 'UTC')::date AND s.day < (p.upper_bound AT TIME ZONE 'UTC')::date;
        EXECUTE format('DROP TABLE %s', p.part);
        dropped := dropped + n;
    END LOOP;
    -- the classifying trigger looks the days up again (it keeps which days are archived per transaction)
    PERFORM activity_report_internal.forget_dirty_marks();
    RETURN dropped;
END
$fn$;
REVOKE ALL ON FUNCTION activity_report.drop_events_before(timestamptz) FROM PUBLIC;
COMMENT ON FUNCTION activity_report.drop_events_before(timestamptz) IS
  'Drops the monthly partitions of activity_report.events that end at or before ts and whose every day with events is rolled up and unchanged since (others are kept, with a notice); returns the number of events dropped. The reports answer for those days from the rollups (whole days), with or without activity_report.use_rollups.';
