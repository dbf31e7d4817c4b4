-- Extension hygiene: every function is commented and correctly marked; every relation and column is
-- commented; SQL-language functions pin search_path.
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility, p.proparallel AS parallel, p.proisstrict AS strict,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = 'activity_report'
 ORDER BY p.oid::regprocedure::text;

SELECT p.oid::regprocedure AS function_without_pinned_search_path
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname IN ('activity_report', 'activity_report_internal') AND p.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql'))
   AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false);

SELECT c.relname AS uncommented_relation
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname IN ('activity_report', 'activity_report_internal') AND c.relkind IN ('r', 'v', 'p', 'c') AND obj_description(c.oid, 'pg_class') IS NULL
   AND c.relname NOT IN (SELECT typname FROM pg_type WHERE typtype = 'c' AND typnamespace = n.oid AND obj_description(oid, 'pg_type') IS NOT NULL);

SELECT c.relname, a.attname AS uncommented_column
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE n.nspname IN ('activity_report', 'activity_report_internal') AND c.relkind IN ('r', 'v', 'p') AND col_description(c.oid, a.attnum) IS NULL
   AND NOT c.relispartition  -- a partition's columns are those of its table (events), commented there
 ORDER BY 1, 2;

-- Tables whose data pg_dump keeps, and with which condition.
SELECT c.relname, cfg.cond
  FROM pg_extension x, unnest(x.extconfig, x.extcondition) AS cfg(oid, cond)
  JOIN pg_class c ON c.oid = cfg.oid
 WHERE x.extname = 'activity_report' ORDER BY 1;
