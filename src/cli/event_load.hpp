// activity-report load of an export (events): the rows stream through COPY into a staging table with their
// idempotency keys computed by the client (load_keys.hpp); the users and contents they name go as small tables
// (load_dimensions.hpp); then one INSERT judges every new row once, in the classifying trigger (rejected rows go
// to rejected_events), and fills users and contents from the rows that landed. Rows that the client or the
// trigger rejected are reported with file, line and reason; a row without a vocabulary of its own that the
// trigger rejected is tried in the other vocabularies.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "cli/export_reader.hpp"
#include "cli/pg_session.hpp"
#include "cli/progress.hpp"

namespace ar::cli {

struct EventCounts {
    std::uint64_t read = 0, loaded = 0, rejected = 0, already = 0;
};

struct EventLoadOptions {
    std::optional<std::string> portal;  // for rows that name none
    bool quiet = false;
    bool ascii_lower = true;            // the database's lower() of ASCII text is ASCII's (keys by email)
    // Opens the file again from its start (not for standard input): a file loaded before is read twice, keys
    // first, then only its new rows.
    std::function<std::unique_ptr<std::istream>()> reopen;
    std::optional<Layout> forced_layout;  // as given to the first reading
    bool make_months = true;              // months without a partition get one (load_months.hpp)
};

// In the caller's transaction. Prints each rejected row as "name:line: reason" unless quiet. Throws
// InputError (after ending the COPY) when the file cannot be read on.
EventCounts load_events(PgSession& db, ExportReader& reader, ByteSource& source, const std::string& name,
                        Progress& progress, const EventLoadOptions& options);

} // namespace ar::cli
