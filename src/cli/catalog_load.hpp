// activity-report load of a catalog file (users, contents, groups, group members): COPY into a staging table,
// set-based checks (a key given twice, an unknown content type, a live window that ends before it starts),
// then one upsert that overwrites the columns the file carries and only those. Rejected rows are listed with
// file, line and reason; catalogs have no rejected_events table, so they are not stored.
#pragma once

#include <cstdint>
#include <string>

#include "cli/export_reader.hpp"
#include "cli/pg_session.hpp"
#include "cli/progress.hpp"

namespace ar::cli {

// The content a title names (the Content Actions Log names contents by title alone): the one content of that
// name, else NULL. An SQL expression over the name expression given; a literal, for the load's constant SQL.
#define AR_CONTENT_OF_TITLE(name)                                                                                \
    "(SELECT pg_catalog.min(c.content_id) FROM activity_report.contents c WHERE c.name OPERATOR(pg_catalog.=) " \
    name " HAVING pg_catalog.count(*) OPERATOR(pg_catalog.=) 1)"

struct CatalogCounts {
    std::uint64_t read = 0, loaded = 0, rejected = 0;
};

// In the caller's transaction. Prints each rejected row as "name:line: reason" unless quiet. A contents catalog
// also gives their content_id to the events loaded earlier by a title it now names, whatever the files' order.
CatalogCounts load_catalog(PgSession& db, ExportReader& reader, ByteSource& source, const std::string& name,
                           Progress& progress, bool quiet);

} // namespace ar::cli
