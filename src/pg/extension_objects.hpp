// The extension's own tables, found through the extension itself: its pg_extension row gives the schema,
// pg_depend says which relations are its members. Never by name alone: a schema renamed and replaced, or a
// view put where a table was, would make the extension run someone else's code (CVE-2023-39417's lesson).
#pragma once

#include "pg/boundary.hpp"

namespace ar::pg {

// Call these inside pg_call: they ereport. extension_table also takes AccessShareLock on the table, so
// that its name cannot change before the caller's query (which names it) runs.
Oid extension_schema();
Oid extension_table(Oid schema, const char* name);
// "schema"."table" of a table found above, quoted for SQL text; palloc'd in the current memory context.
const char* qualified_table_name(Oid relid);

} // namespace ar::pg
