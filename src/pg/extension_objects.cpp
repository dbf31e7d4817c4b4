#include "pg/extension_objects.hpp"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/pg_class.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

namespace ar::pg {

namespace {

constexpr const char* extension_name = "activity_report";

Oid extension_oid() {
    Oid ext = get_extension_oid(extension_name, true);
    if (!OidIsValid(ext))
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("extension \"%s\" is not installed in this database", extension_name),
                        errhint("Run CREATE EXTENSION %s.", extension_name)));
    return ext;
}

} // namespace

// pg_extension.extnamespace (get_extension_schema is not exported before PostgreSQL 16).
Oid extension_schema() {
    Oid ext = extension_oid();
    Relation rel = table_open(ExtensionRelationId, AccessShareLock);
    ScanKeyData key;
    ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(ext));
    SysScanDesc scan = systable_beginscan(rel, ExtensionOidIndexId, true, nullptr, 1, &key);
    HeapTuple tuple = systable_getnext(scan);
    Oid schema = HeapTupleIsValid(tuple) ? reinterpret_cast<Form_pg_extension>(GETSTRUCT(tuple))->extnamespace : InvalidOid;
    systable_endscan(scan);
    table_close(rel, AccessShareLock);
    if (!OidIsValid(schema))
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_SCHEMA), errmsg("the schema of extension \"%s\" does not exist", extension_name)));
    return schema;
}

Oid extension_table(Oid schema, const char* name) {
    Oid relid = get_relname_relid(name, schema);
    auto refuse = [&] {
        char* nsp = get_namespace_name(schema);
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("%s.%s is not a table of extension \"%s\"", nsp ? nsp : "?", name, extension_name),
                        errdetail("The extension reads only the tables it created; this one is missing, is not a plain table or is not a member of the extension."),
                        errhint("Restore the extension's table (or DROP EXTENSION %s and create it again).", extension_name)));
    };
    if (!OidIsValid(relid) || get_rel_relkind(relid) != RELKIND_RELATION || getExtensionOfObject(RelationRelationId, relid) != extension_oid())
        refuse();
    // A rename needs AccessExclusiveLock: once we hold ours, the name keeps meaning this table.
    LockRelationOid(relid, AccessShareLock);
    if (get_relname_relid(name, schema) != relid) refuse();
    return relid;
}

const char* qualified_table_name(Oid relid) {
    char* nsp = get_namespace_name(get_rel_namespace(relid));
    char* rel = get_rel_name(relid);
    if (!nsp || !rel) elog(ERROR, "activity_report: relation %u disappeared", relid);
    return quote_qualified_identifier(nsp, rel);
}

} // namespace ar::pg
