-- CREATE EXTENSION creates schema activity_report when it is missing (control file: schema = ...), owned by
-- the installing role. When it already existed, refuse it unless that role owns it, nobody else may create
-- objects in it and it is empty: whoever owns or can write the schema could rename it, or put a view or a
-- function where the extension's objects are looked up, and have the installing superuser run their code.
DO $install_check$
DECLARE
    schema_oid   oid;
    schema_owner name;
    writer       text;
BEGIN
    SELECT n.oid, pg_catalog.pg_get_userbyid(n.nspowner) INTO schema_oid, schema_owner
      FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'activity_report';
    IF schema_owner OPERATOR(pg_catalog.<>) CURRENT_USER THEN
        RAISE EXCEPTION 'schema activity_report already exists and is owned by role "%", not by "%"', schema_owner, CURRENT_USER
            USING ERRCODE = '42501',
                  HINT = 'CREATE EXTENSION activity_report must create its schema itself or find it owned by the installing role: '
                         'drop the schema (or ALTER SCHEMA activity_report OWNER TO ' || CURRENT_USER || ') and try again.';
    END IF;
    SELECT CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END INTO writer
      FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
     WHERE n.oid OPERATOR(pg_catalog.=) schema_oid AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
       AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner
     LIMIT 1;
    IF writer IS NOT NULL THEN
        RAISE EXCEPTION 'schema activity_report already exists and % may create objects in it', writer
            USING ERRCODE = '42501',
                  HINT = 'REVOKE CREATE ON SCHEMA activity_report FROM ' || writer || ', or drop the schema, and try again.';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_class WHERE relnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_proc WHERE pronamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_type WHERE typnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_operator WHERE oprnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_collation WHERE collnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_conversion WHERE connamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_opfamily WHERE opfnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_ts_config WHERE cfgnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_ts_dict WHERE dictnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_statistic_ext WHERE stxnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extnamespace OPERATOR(pg_catalog.=) schema_oid
                                                        AND extname OPERATOR(pg_catalog.<>) 'activity_report') THEN
        RAISE EXCEPTION 'schema activity_report already exists and is not empty'
            USING ERRCODE = '42501',
                  HINT = 'The extension installs into an empty schema of its own: move or drop what is in activity_report and try again.';
    END IF;
END
$install_check$;
