-- Column comments of the stored rows over all time (54_rollups_all_time.sql): each table and view holds the
-- rows of one building block, column for column.
DO $comments$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS rel, a.attname,
               CASE m[2] WHEN 'content_metrics' THEN 'content_metrics' WHEN 'analytics' THEN 'analytics_rows'
                         WHEN 'attachments' THEN 'attachment_rows' WHEN 'members' THEN 'member_rows'
                         WHEN 'group_totals' THEN 'group_totals' WHEN 'activities' THEN 'activity_rows'
                         WHEN 'course_totals' THEN 'course_event_totals' END AS block,
               m[1] = 'daily' AS per_day
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         CROSS JOIN LATERAL pg_catalog.regexp_match(c.relname, '^(all_time|daily)_(.*?)(_v)?$') m
         WHERE c.relnamespace = 'activity_report_internal'::regnamespace AND c.relkind IN ('r', 'v')
           AND m IS NOT NULL AND m[2] NOT IN ('built', 'stale')
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', r.rel, r.attname,
            pg_catalog.format('%s of activity_report_internal.%s over all time%s.', r.attname, r.block,
                              CASE WHEN r.per_day THEN ', per day' ELSE '' END));
    END LOOP;
END
$comments$;
