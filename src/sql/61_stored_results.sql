-- The tables and views of the stored rows over all time (54_rollups_all_time.sql), found by name: each holds
-- the rows of one building block, column for column, which their column comments say. The tables hold every
-- portal, so only a role that sees every portal reads them (the building blocks compute for the others, see
-- use_all_time).
DO $stored$
DECLARE
    r record;
    col name;
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS rel, c.relkind, m[1] = 'daily' AS per_day,
               CASE m[2] WHEN 'content_metrics' THEN 'content_metrics' WHEN 'analytics' THEN 'analytics_rows'
                         WHEN 'attachments' THEN 'attachment_rows' WHEN 'members' THEN 'member_rows'
                         WHEN 'group_totals' THEN 'group_totals' WHEN 'activities' THEN 'activity_rows'
                         WHEN 'course_totals' THEN 'course_event_totals' END AS block
          FROM pg_catalog.pg_class c
         CROSS JOIN LATERAL pg_catalog.regexp_match(c.relname, '^(all_time|daily)_(.*?)(_v)?$') m
         WHERE c.relnamespace = 'activity_report_internal'::regnamespace AND c.relkind IN ('r', 'v')
           AND m IS NOT NULL AND m[2] NOT IN ('built', 'stale', 'pending')
    LOOP
        FOR col IN SELECT a.attname FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = r.rel AND a.attnum > 0 AND NOT a.attisdropped LOOP
            EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', r.rel, col,
                pg_catalog.format('%s of activity_report_internal.%s over all time%s.', col, r.block,
                                  CASE WHEN r.per_day THEN ', per day' ELSE '' END));
        END LOOP;
        CONTINUE WHEN r.relkind <> 'r';
        EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r.rel);
        EXECUTE pg_catalog.format(
            'CREATE POLICY every_portal ON %s '
            'USING (''*'' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])))', r.rel);
        EXECUTE pg_catalog.format('COMMENT ON POLICY every_portal ON %s IS %L', r.rel,
            'All-time results of every portal: visible to the roles bound to every portal (''*'').');
    END LOOP;
END
$stored$;
