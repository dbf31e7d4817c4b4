-- Everything an install of activity_report puts into the catalog, one line per fact, sorted: two databases with
-- the same output have the same extension objects, signatures, markings, bodies, comments, privileges,
-- indexes, constraints, triggers, policies, views and seeded taxonomy. Used by test/upgrade/run.sh to compare
-- ALTER EXTENSION ... UPDATE with a fresh install. Names print schema-qualified (search_path is pg_catalog only).
SET search_path = pg_catalog;
\pset format unaligned
\pset tuples_only on
WITH ext AS (SELECT oid, extconfig, extcondition FROM pg_extension WHERE extname = 'activity_report'),
members AS (SELECT d.classid, d.objid FROM pg_depend d, ext
             WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'),
rels AS (SELECT c.* FROM pg_class c JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
         UNION ALL
         SELECT c.* FROM pg_class c JOIN pg_type t ON t.typrelid = c.oid
           JOIN members m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid WHERE c.relkind = 'c'),
procs AS (SELECT p.* FROM pg_proc p JOIN members m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid),
facts(line) AS (
    SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM members
  UNION ALL
    SELECT format('schema %s owner-is-installer=%s acl=%s comment=%L', n.nspname, n.nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user),
                  n.nspacl, obj_description(n.oid, 'pg_namespace'))
      FROM pg_namespace n WHERE n.nspname LIKE 'activity\_report%'
  UNION ALL
    SELECT format('function %s kind=%s args=%L result=%L volatile=%s strict=%s parallel=%s secdef=%s leakproof=%s cost=%s rows=%s config=%s lang=%s acl=%s comment=%L def=%s',
                  p.oid::regprocedure, p.prokind, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid),
                  p.provolatile, p.proisstrict, p.proparallel, p.prosecdef, p.proleakproof, p.procost, p.prorows,
                  p.proconfig, l.lanname, p.proacl, obj_description(p.oid, 'pg_proc'),
                  CASE WHEN p.prokind = 'a' THEN '-' WHEN l.lanname = 'c' THEN p.prosrc ELSE md5(pg_get_functiondef(p.oid)) END)
      FROM procs p JOIN pg_language l ON l.oid = p.prolang
  UNION ALL
    SELECT format('aggregate %s sfunc=%s stype=%s final=%s combine=%s serial=%s deserial=%s finalmodify=%s init=%L',
                  a.aggfnoid::regprocedure, a.aggtransfn::regprocedure, a.aggtranstype::regtype, a.aggfinalfn,
                  a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggfinalmodify, a.agginitval)
      FROM pg_aggregate a JOIN procs p ON p.oid = a.aggfnoid
  UNION ALL
    SELECT format('type %s typtype=%s len=%s align=%s storage=%s in=%s out=%s recv=%s send=%s category=%s comment=%L acl=%s',
                  t.oid::regtype, t.typtype, t.typlen, t.typalign, t.typstorage, t.typinput, t.typoutput, t.typreceive,
                  t.typsend, t.typcategory, obj_description(t.oid, 'pg_type'), t.typacl)
      FROM pg_type t JOIN members m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
  UNION ALL
    SELECT format('relation %s kind=%s persistence=%s rls=%s force-rls=%s options=%s acl=%s comment=%L partkey=%L',
                  c.oid::regclass, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions,
                  c.relacl, obj_description(c.oid, 'pg_class'),
                  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END)
      FROM rels c
  UNION ALL
    SELECT format('partition %s of %s: %s', c.oid::regclass, i.inhparent::regclass, pg_get_expr(c.relpartbound, c.oid))
      FROM rels c JOIN pg_inherits i ON i.inhrelid = c.oid WHERE c.relispartition
  UNION ALL
    SELECT format('column %s.%s #%s type=%s notnull=%s default=%L identity=%L generated=%L collation=%s acl=%s comment=%L',
                  c.oid::regclass, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                  pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated, a.attcollation, a.attacl,
                  col_description(c.oid, a.attnum))
      FROM rels c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
  UNION ALL
    -- the partitions' layout (create_event_table): how many dropped columns, and where
    SELECT format('dropped columns of %s: %s', c.oid::regclass, string_agg(a.attnum::text, ',' ORDER BY a.attnum))
      FROM rels c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND a.attisdropped GROUP BY c.oid
  UNION ALL
    SELECT format('index %s on %s: %s comment=%L', i.indexrelid::regclass, i.indrelid::regclass, pg_get_indexdef(i.indexrelid),
                  obj_description(i.indexrelid, 'pg_class'))
      FROM pg_index i JOIN rels c ON c.oid = i.indrelid
  UNION ALL
    SELECT format('constraint %s on %s: %s deferrable=%s deferred=%s validated=%s comment=%L', co.conname, co.conrelid::regclass,
                  pg_get_constraintdef(co.oid), co.condeferrable, co.condeferred, co.convalidated, obj_description(co.oid, 'pg_constraint'))
      FROM pg_constraint co JOIN rels c ON c.oid = co.conrelid
  UNION ALL
    SELECT format('constraint %s on type %s: %s', co.conname, co.contypid::regtype, pg_get_constraintdef(co.oid))
      FROM pg_constraint co JOIN members m ON m.classid = 'pg_type'::regclass AND m.objid = co.contypid
  UNION ALL
    SELECT format('trigger %s enabled=%s comment=%L', pg_get_triggerdef(tg.oid), tg.tgenabled, obj_description(tg.oid, 'pg_trigger'))
      FROM pg_trigger tg JOIN rels c ON c.oid = tg.tgrelid WHERE NOT tg.tgisinternal
  UNION ALL
    SELECT format('policy %s on %s cmd=%s permissive=%s roles=%s using=%L check=%L comment=%L', po.polname, po.polrelid::regclass,
                  po.polcmd, po.polpermissive, (SELECT array_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END ORDER BY 1) FROM unnest(po.polroles) r),
                  pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid), obj_description(po.oid, 'pg_policy'))
      FROM pg_policy po JOIN rels c ON c.oid = po.polrelid
  UNION ALL
    SELECT format('view %s: %s', c.oid::regclass, pg_get_viewdef(c.oid)) FROM rels c WHERE c.relkind IN ('v', 'm')
  UNION ALL
    SELECT format('sequence %s start=%s inc=%s min=%s max=%s cycle=%s', s.seqrelid::regclass, s.seqstart, s.seqincrement,
                  s.seqmin, s.seqmax, s.seqcycle)
      FROM pg_sequence s JOIN rels c ON c.oid = s.seqrelid
  UNION ALL
    SELECT format('rule %s on %s: %s', r.rulename, r.ev_class::regclass, pg_get_ruledef(r.oid))
      FROM pg_rewrite r JOIN rels c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN'
  UNION ALL
    SELECT format('config-dump %s where %L', cfg, cond)
      FROM ext, unnest(ext.extconfig::regclass[], ext.extcondition) AS u(cfg, cond)
  UNION ALL
    SELECT format('init-privs %s sub=%s type=%s %s', pg_describe_object(ip.classoid, ip.objoid, ip.objsubid), ip.objsubid,
                  ip.privtype, ip.initprivs)
      FROM pg_init_privs ip JOIN members m ON m.classid = ip.classoid AND m.objid = ip.objoid
)
SELECT line FROM facts ORDER BY line COLLATE "C";
-- The seeded taxonomy: what the install script puts there (user rows are data, compared elsewhere).
SELECT 'seed vocabularies ' || md5(string_agg(v::text, E'\n' ORDER BY v.vocabulary COLLATE "C")) FROM activity_report.vocabularies v WHERE v.seeded;
SELECT 'seed activity_kinds ' || md5(string_agg(k::text, E'\n' ORDER BY k.kind_id)) FROM activity_report.activity_kinds k WHERE k.seeded;
SELECT 'seed content_types ' || md5(string_agg(t::text, E'\n' ORDER BY t::text COLLATE "C")) FROM activity_report.content_types t WHERE t.seeded;
SELECT 'seed reaction_types ' || md5(string_agg(t::text, E'\n' ORDER BY t::text COLLATE "C")) FROM activity_report.reaction_types t WHERE t.seeded;
