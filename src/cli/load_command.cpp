// activity-report load: the command. Each file in one transaction: an export goes to events (event_load.hpp),
// a catalog to its table (catalog_load.hpp); then stand-in users whose real user is known give way to it
// (identity.hpp).
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/catalog_load.hpp"
#include "cli/commands.hpp"
#include "cli/event_load.hpp"
#include "cli/export_reader.hpp"
#include "cli/identity.hpp"
#include "cli/pg_session.hpp"
#include "cli/progress.hpp"
#include "cli/rollup_refresh.hpp"

namespace ar::cli {

const char* const load_help = R"(Usage: activity-report load [OPTIONS] FILE...

Loads platform exports into activity_report.events: the sitewide activity report (seed 000, CSV), the
User Activity Exporter report (seed 001, CSV) and the Content Actions Log (seed 002, CSV or JSON). The
layout is detected from the header; FILE "-" reads standard input. Each file is loaded in one transaction:
good rows land, bad rows go to activity_report.rejected_events with file, line and reason. Loading the same
rows again adds nothing.

Catalog files (CSV) are told by their header too and overwrite the columns they carry:
  users          User ID, First, Last, Company, Email [, Role, Industry, Country, Additional information,
                 Tags, Portal, any other column: a key of dimensions]
  contents       Content ID, Content Type, Content Name [, Content Slug, Parent ID, Starts At, Ends At,
                 Duration (minutes or an interval), Status, Author, Co-authors, Group ID, Source language,
                 Available translation languages, Unavailable translation languages, Tags, Creation date,
                 Last update, Portal]
  groups         Group ID, Name [, Parent ID, Portal]
  group members  Group ID, User ID, Role
Lists inside a field are separated by |. Rejected catalog rows are listed (file:line: reason), not stored.

Options:
  -f, --format LAYOUT   sitewide | exporter | content-actions (needed when the file has no header)
      --portal NAME     tenant (portal) of rows that do not name one
      --timezone TZ     time zone of dates written without an offset (default: the session's, PGTZ)
      --no-refresh      do not roll up after each file (activity_report.refresh_rollups(): the days that
                        have ended; after the last file, the stored all-time results too); schedule it
                        instead, e.g. with pg_cron
      --no-new-months   do not make partitions for months of the file that have none: their rows go to
                        events_default (a load that makes months holds an ACCESS EXCLUSIVE lock on
                        activity_report.events until it commits; it fills them, then builds their indexes)
  -q, --quiet           print nothing but errors
  -d, --dbname CONN     database name, connection string or URI (default: PG* environment)
  -h, --help            this help

Exit status: 0 all rows loaded, 3 some rows rejected, 1 a file or the database failed, 2 bad usage.
)";

namespace {

struct Counts {
    std::uint64_t read = 0, loaded = 0, rejected = 0, already = 0;
    bool empty = false;
    std::string_view catalog;  // the catalog the file was ("users", ...), empty for an export
};

class FileLoader {
public:
    FileLoader(PgSession& db, const ParsedArgs& args) : db_(db), args_(args) {
        // The staging tables stay in memory up to this size (temporary buffers are set before a session's first
        // temporary table); beyond it they spill to disk.
        db_.exec("SET temp_buffers = '256MB'");
        // Keys of learners known by email use the database's lower(): the client computes them when that is ASCII's.
        ascii_lower_ = std::string_view(PQgetvalue(db_.exec("SELECT pg_catalog.lower('ABCDEFGHIJKLMNOPQRSTUVWXYZ') "
                                                            "OPERATOR(pg_catalog.=) 'abcdefghijklmnopqrstuvwxyz'").get(), 0, 0)) == "t";
    }

    // Loads one file; returns false when it failed as a whole (already reported).
    bool load(const std::string& path, Counts& counts) {
        std::ifstream file;
        std::istream* in = &std::cin;
        std::optional<std::uint64_t> size;
        if (path != "-") {
            file.open(path, std::ios::binary);
            if (!file) {
                fmt::print(stderr, "activity-report: cannot open {}: {}\n", path, std::strerror(errno));
                return false;
            }
            struct stat st {};
            if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) size = static_cast<std::uint64_t>(st.st_size);
            in = &file;
        }
        std::string name = path == "-" ? "stdin" : path;
        db_.exec("BEGIN");
        try {
            bool ok = load_in_transaction(*in, path, name, size, counts);
            db_.exec(ok ? "COMMIT" : "ROLLBACK");
            return ok;
        } catch (...) {
            Result(PQexec(db_.raw(), "ROLLBACK"));  // best effort: the connection may be gone
            throw;
        }
    }

private:
    bool load_in_transaction(std::istream& in, const std::string& path, const std::string& name,
                             std::optional<std::uint64_t> size, Counts& counts) {
        if (args_.has("timezone")) db_.exec("SELECT pg_catalog.set_config('TimeZone', $1, true)", {args_.get("timezone")});
        ByteSource source(in);
        std::optional<ExportReader> reader;
        try {
            reader.emplace(source, forced_layout());
        } catch (const InputError& e) {
            fmt::print(stderr, "activity-report: {}: {}\n", name, e.what());
            return false;
        }
        if (reader->empty()) {
            counts.empty = true;
            return true;
        }
        if (auto* catalog = reader->catalog()) {
            for (auto& col : reader->ignored_columns())
                if (!args_.has("quiet"))
                    fmt::print(stderr, "activity-report: {}: column \"{}\" is not part of the {} catalog; ignored\n", name, col,
                               catalog_name(catalog->catalog()));
            Progress progress(name, size, args_.has("quiet"));
            auto c = load_catalog(db_, *reader, source, name, progress, args_.has("quiet"));
            counts.catalog = catalog_name(catalog->catalog());
            counts.read += c.read;
            counts.loaded += c.loaded;
            counts.rejected += c.rejected;
            return true;
        }
        for (auto& col : reader->ignored_columns())
            if (!args_.has("quiet")) fmt::print(stderr, "activity-report: {}: column \"{}\" is not part of the {} layout; ignored\n",
                                                name, col, layout_name(reader->layout()));
        EventLoadOptions options;
        if (args_.has("portal")) options.portal = args_.get("portal");
        options.quiet = args_.has("quiet");
        options.ascii_lower = ascii_lower_;
        options.forced_layout = forced_layout();
        options.make_months = !args_.has("no-new-months");
        if (path != "-" && size)  // a regular file can be read again
            options.reopen = [path]() -> std::unique_ptr<std::istream> {
                auto again = std::make_unique<std::ifstream>(path, std::ios::binary);
                if (!*again) throw InputError(fmt::format("cannot open it again: {}", std::strerror(errno)));
                return again;
            };
        Progress progress(name, size, args_.has("quiet"));
        EventCounts c;
        try {
            c = load_events(db_, *reader, source, name, progress, options);
        } catch (const InputError& e) {
            fmt::print(stderr, "activity-report: {}: {} (nothing of this file was loaded)\n", name, e.what());
            return false;
        }
        counts.read += c.read;
        counts.loaded += c.loaded;
        counts.rejected += c.rejected;
        counts.already += c.already;
        reconcile_identities(db_);
        return true;
    }

    std::optional<Layout> forced_layout() const {
        if (!args_.has("format")) return std::nullopt;
        auto layout = parse_layout(args_.get("format"));
        if (!layout)
            throw UsageError(fmt::format("--format \"{}\" is not a layout (sitewide, exporter, content-actions)", args_.get("format")));
        return layout;
    }

    PgSession& db_;
    const ParsedArgs& args_;
    bool ascii_lower_ = true;
};

} // namespace

int run_load(const ParsedArgs& args) {
    if (args.positionals.empty()) throw UsageError("load: no FILE given (use - for standard input)");
    if (args.has("format") && !parse_layout(args.get("format")))
        throw UsageError(fmt::format("--format \"{}\" is not a layout (sitewide, exporter, content-actions)", args.get("format")));
    PgSession db(args.get("dbname"));
    auto ext = db.exec("SELECT 1 FROM pg_catalog.pg_extension WHERE extname OPERATOR(pg_catalog.=) 'activity_report'");
    if (PQntuples(ext.get()) == 0)
        throw PgError("the activity_report extension is not installed in this database\nHINT: CREATE EXTENSION activity_report;");
    FileLoader loader(db, args);
    bool failed = false, refreshed = false;
    Counts total;
    for (auto& path : args.positionals) {
        Counts counts;
        if (!loader.load(path, counts)) {
            failed = true;
            continue;
        }
        if (!args.has("quiet") && counts.empty)
            fmt::print("{}: empty, nothing to load\n", path == "-" ? "stdin" : path);
        else if (!args.has("quiet") && !counts.catalog.empty())
            fmt::print("{}: {} catalog, {} rows read, {} loaded, {} rejected{}\n", path == "-" ? "stdin" : path, counts.catalog,
                       counts.read, counts.loaded, counts.rejected,
                       counts.rejected ? " (catalog rows are rejected here only: correct them in the file and load it again)" : "");
        else if (!args.has("quiet"))
            fmt::print("{}: {} rows read, {} loaded, {} rejected, {} already loaded\n", path == "-" ? "stdin" : path,
                       counts.read, counts.loaded, counts.rejected, counts.already);
        total.rejected += counts.rejected;
        // the stored all-time results are rebuilt once, after the last file
        if (!counts.empty && !args.has("no-refresh")) {
            refresh_rollups(db, path == "-" ? "stdin" : path, args.has("quiet"), false);
            refreshed = true;
        }
    }
    if (refreshed) refresh_rollups(db, "all files", true);
    if (failed) return exit_code::failure;
    return total.rejected ? exit_code::rejected : exit_code::ok;
}

} // namespace ar::cli
