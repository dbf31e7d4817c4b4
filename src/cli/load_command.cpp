// activity-report load: platform exports into activity_report.events through COPY into a staging table,
// then set-based SQL: idempotency keys, validation by the extension's own validate_event, rejected rows
// into rejected_events with file and line, dimensions filled in, good rows inserted. One transaction per file.
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/export_reader.hpp"
#include "cli/pg_session.hpp"
#include "cli/progress.hpp"

namespace ar::cli {

const char* const load_help = R"(Usage: activity-report load [OPTIONS] FILE...

Loads platform exports into activity_report.events: the sitewide activity report (seed 000, CSV), the
User Activity Exporter report (seed 001, CSV) and the Content Actions Log (seed 002, CSV or JSON). The
layout is detected from the header; FILE "-" reads standard input. Each file is loaded in one transaction:
good rows land, bad rows go to activity_report.rejected_events with file, line and reason. Loading the same
rows again adds nothing.

Options:
  -f, --format LAYOUT   sitewide | exporter | content-actions (needed when the file has no header)
      --portal NAME     tenant (portal) of rows that do not name one
      --timezone TZ     time zone of dates written without an offset (default: the session's, PGTZ)
  -q, --quiet           print nothing but errors
  -d, --dbname CONN     database name, connection string or URI (default: PG* environment)
  -h, --help            this help

Exit status: 0 all rows loaded, 3 some rows rejected, 1 a file or the database failed, 2 bad usage.
)";

namespace {

struct Counts {
    std::uint64_t read = 0, loaded = 0, rejected = 0, already = 0;
    bool empty = false;
};

constexpr const char* stage_columns =
    "seq, line, origin, vocabulary, occurred_at, user_id, first_name, last_name, company, email, category, action, "
    "label, content_id, content_name, content_slug, portal, problem, problem_field";

// Set-based steps after the COPY. Rows already loaded (same idempotency key) leave the stage first.
constexpr const char* process_sql[] = {
    // Idempotency key: a hash of the event's own fields plus its occurrence number among identical rows
    // of the file, so re-loading (or loading an overlapping export) adds nothing and true duplicates stay.
    R"(UPDATE pg_temp.ar_load_stage s SET source_ref = k.ref
         FROM (SELECT seq, 'load:' OPERATOR(pg_catalog.||) h OPERATOR(pg_catalog.||) ':'
                           OPERATOR(pg_catalog.||) (pg_catalog.row_number() OVER (PARTITION BY h ORDER BY seq))::pg_catalog.text AS ref
                 FROM (SELECT seq, pg_catalog.md5(ROW(vocabulary, occurred_at, COALESCE(user_id, pg_catalog.lower(email)),
                                                  category, action, label, COALESCE(content_id, content_name), portal)::pg_catalog.text) AS h
                         FROM pg_temp.ar_load_stage) x) k
        WHERE k.seq OPERATOR(pg_catalog.=) s.seq)",
    // The Content Actions Log names learners by email and contents by title.
    R"(UPDATE pg_temp.ar_load_stage s SET user_id = u.user_id
         FROM (SELECT pg_catalog.lower(email) AS email, pg_catalog.min(user_id) AS user_id
                 FROM activity_report.users WHERE email IS NOT NULL GROUP BY 1) u
        WHERE s.user_id IS NULL AND pg_catalog.lower(s.email) OPERATOR(pg_catalog.=) u.email)",
    R"(UPDATE pg_temp.ar_load_stage SET user_id = email WHERE user_id IS NULL AND email IS NOT NULL)",
    R"(UPDATE pg_temp.ar_load_stage s SET content_id = c.content_id
         FROM (SELECT name, pg_catalog.min(content_id) AS content_id FROM activity_report.contents
                GROUP BY name HAVING pg_catalog.count(*) OPERATOR(pg_catalog.=) 1) c
        WHERE s.content_id IS NULL AND s.vocabulary OPERATOR(pg_catalog.=) 'content_actions'
          AND s.content_name OPERATOR(pg_catalog.=) c.name)",
    R"(UPDATE pg_temp.ar_load_stage SET problems = pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
              'field', problem_field, 'problem', problem, 'hint', 'Correct the row in the file and load it again.'))
        WHERE problem IS NOT NULL)",
    // The extension's own validation, so the trigger accepts every row that is left.
    R"(UPDATE pg_temp.ar_load_stage s SET problems = v.problems,
              problem = (v.problems OPERATOR(pg_catalog.->) 0 OPERATOR(pg_catalog.->>) 'field') OPERATOR(pg_catalog.||) ': '
                        OPERATOR(pg_catalog.||) (v.problems OPERATOR(pg_catalog.->) 0 OPERATOR(pg_catalog.->>) 'problem')
         FROM (SELECT t.seq, pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('field', p.field, 'problem', p.problem, 'hint', p.hint)) AS problems
                 FROM pg_temp.ar_load_stage t,
                      LATERAL activity_report.validate_event(ROW(t.occurred_at::pg_catalog.timestamptz, t.user_id, t.category, t.action, t.label,
                                                                 t.content_id, t.content_name, t.content_slug)::activity_report.activity_event,
                                                             t.vocabulary) p
                WHERE t.problem IS NULL AND NOT t.done
                GROUP BY t.seq) v
        WHERE v.seq OPERATOR(pg_catalog.=) s.seq)",
};

constexpr const char* dimensions_sql[] = {
    // Dimensions: fill in what is unknown, never overwrite what the database already has.
    R"(INSERT INTO activity_report.users AS u (user_id, first_name, last_name, company, email, portal)
       SELECT DISTINCT ON (user_id) user_id, first_name, last_name, company, email, portal
         FROM pg_temp.ar_load_stage WHERE problem IS NULL AND NOT done ORDER BY user_id, seq DESC
       ON CONFLICT (user_id) DO UPDATE
          SET first_name = COALESCE(u.first_name, EXCLUDED.first_name), last_name = COALESCE(u.last_name, EXCLUDED.last_name),
              company = COALESCE(u.company, EXCLUDED.company), email = COALESCE(u.email, EXCLUDED.email),
              portal = COALESCE(u.portal, EXCLUDED.portal)
        WHERE (u.first_name IS NULL AND EXCLUDED.first_name IS NOT NULL) OR (u.last_name IS NULL AND EXCLUDED.last_name IS NOT NULL)
           OR (u.company IS NULL AND EXCLUDED.company IS NOT NULL) OR (u.email IS NULL AND EXCLUDED.email IS NOT NULL)
           OR (u.portal IS NULL AND EXCLUDED.portal IS NOT NULL))",
    R"(INSERT INTO activity_report.contents AS c (content_id, name, slug, portal)
       SELECT DISTINCT ON (content_id) content_id, content_name, content_slug, portal
         FROM pg_temp.ar_load_stage WHERE problem IS NULL AND NOT done AND content_id IS NOT NULL ORDER BY content_id, seq DESC
       ON CONFLICT (content_id) DO UPDATE
          SET name = COALESCE(c.name, EXCLUDED.name), slug = COALESCE(c.slug, EXCLUDED.slug), portal = COALESCE(c.portal, EXCLUDED.portal)
        WHERE (c.name IS NULL AND EXCLUDED.name IS NOT NULL) OR (c.slug IS NULL AND EXCLUDED.slug IS NOT NULL)
           OR (c.portal IS NULL AND EXCLUDED.portal IS NOT NULL))",
};

class FileLoader {
public:
    FileLoader(PgSession& db, const ParsedArgs& args) : db_(db), args_(args) {}

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
            bool ok = load_in_transaction(*in, name, size, counts);
            db_.exec(ok ? "COMMIT" : "ROLLBACK");
            return ok;
        } catch (...) {
            Result(PQexec(db_.raw(), "ROLLBACK"));  // best effort: the connection may be gone
            throw;
        }
    }

private:
    bool load_in_transaction(std::istream& in, const std::string& name, std::optional<std::uint64_t> size, Counts& counts) {
        if (args_.has("timezone")) db_.exec("SELECT pg_catalog.set_config('TimeZone', $1, true)", {args_.get("timezone")});
        // Anything the validation above let through and the trigger refused should fail loudly.
        db_.exec("SET LOCAL activity_report.on_invalid = 'error'");
        db_.exec("CREATE TEMP TABLE pg_temp.ar_load_stage (seq bigint PRIMARY KEY, line bigint NOT NULL, origin pg_catalog.text, "
                 "vocabulary pg_catalog.text, occurred_at pg_catalog.text, user_id pg_catalog.text, first_name pg_catalog.text, "
                 "last_name pg_catalog.text, company pg_catalog.text, email pg_catalog.text, category pg_catalog.text, "
                 "action pg_catalog.text, label pg_catalog.text, content_id pg_catalog.text, content_name pg_catalog.text, "
                 "content_slug pg_catalog.text, portal pg_catalog.text, problem pg_catalog.text, problem_field pg_catalog.text, "
                 "problems pg_catalog.jsonb, source_ref pg_catalog.text, done boolean NOT NULL DEFAULT false) ON COMMIT DROP");
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
        for (auto& col : reader->ignored_columns())
            if (!args_.has("quiet")) fmt::print(stderr, "activity-report: {}: column \"{}\" is not part of the {} layout; ignored\n",
                                                name, col, layout_name(reader->layout()));
        std::optional<std::string> portal;
        if (args_.has("portal")) portal = args_.get("portal");

        db_.copy_in_begin(fmt::format("COPY pg_temp.ar_load_stage ({}) FROM STDIN (FORMAT csv)", stage_columns));
        Progress progress(name, size, args_.has("quiet"));
        StagedRow row;
        std::string buffer, origin_prefix;
        append_csv_field(origin_prefix, name);
        std::uint64_t rows = 0;
        try {
            while (reader->next(row)) {
                ++rows;
                if (!row[Target::portal] && portal) row[Target::portal] = portal;
                fmt::format_to(std::back_inserter(buffer), "{},{},", rows, row.line);
                append_csv_field(buffer, fmt::format("{}:{}", name, row.line));
                buffer += ',';
                buffer += vocabulary_of(reader->layout());
                for (auto& v : row.values) {
                    buffer += ',';
                    if (v) append_csv_field(buffer, *v);
                }
                buffer += ',';
                if (!row.problem.empty()) {
                    append_csv_field(buffer, row.problem);
                    buffer += ',';
                    append_csv_field(buffer, row.problem_field);
                } else {
                    buffer += ',';
                }
                buffer += '\n';
                if (buffer.size() >= (1u << 16)) {
                    db_.copy_in_put(buffer);
                    buffer.clear();
                }
                progress.update(rows, source.bytes_read());
            }
        } catch (const InputError& e) {
            progress.finish();
            db_.copy_in_abort("input error");
            fmt::print(stderr, "activity-report: {}: {} (nothing of this file was loaded)\n", name, e.what());
            return false;
        }
        if (!buffer.empty()) db_.copy_in_put(buffer);
        db_.copy_in_end();
        progress.finish();
        counts.read += rows;

        for (const char* sql : process_sql) {
            db_.exec(sql);
            // Rows already in events leave the stage as soon as they have their key.
            if (sql == process_sql[0])
                counts.already += std::stoull(PQcmdTuples(db_.exec(
                    "UPDATE pg_temp.ar_load_stage s SET done = true WHERE EXISTS "
                    "(SELECT FROM activity_report.events e WHERE e.source_ref OPERATOR(pg_catalog.=) s.source_ref)").get()));
        }
        // A row rejected before is reported again but recorded once, also when another load of the same
        // rows runs at the same time: 0.2.0's unique key on source_ref makes the second insert wait, then skip
        // (no conflict target, so the statement also runs against a 0.1.0 schema, which has no such key).
        db_.exec(R"(INSERT INTO activity_report.rejected_events (vocabulary, occurred_at, user_id, category, action, label,
                        content_id, content_name, content_slug, portal, source_ref, origin, reason, problems)
                    SELECT vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, content_slug,
                           portal, source_ref, origin, problem, problems
                      FROM pg_temp.ar_load_stage s
                     WHERE problem IS NOT NULL AND NOT done
                       AND NOT EXISTS (SELECT FROM activity_report.rejected_events r
                                        WHERE r.source_ref OPERATOR(pg_catalog.=) s.source_ref)
                     ORDER BY seq
                    ON CONFLICT DO NOTHING)");
        for (const char* sql : dimensions_sql) db_.exec(sql);
        auto inserted = db_.exec(R"(INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label,
                        content_id, content_name, content_slug, portal, source_ref)
                    SELECT vocabulary, occurred_at::pg_catalog.timestamptz, user_id, category, action, label, content_id, content_name,
                           content_slug, portal, source_ref
                      FROM pg_temp.ar_load_stage WHERE problem IS NULL AND NOT done ORDER BY seq
                    ON CONFLICT (source_ref) WHERE source_ref IS NOT NULL DO NOTHING)");
        std::uint64_t loaded = std::stoull(PQcmdTuples(inserted.get()));
        auto rejected = db_.exec("SELECT origin, problem FROM pg_temp.ar_load_stage WHERE problem IS NOT NULL AND NOT done ORDER BY seq");
        auto good = db_.exec("SELECT pg_catalog.count(*) FROM pg_temp.ar_load_stage WHERE problem IS NULL AND NOT done");
        std::uint64_t good_rows = std::stoull(PQgetvalue(good.get(), 0, 0));
        std::uint64_t file_rejected = static_cast<std::uint64_t>(PQntuples(rejected.get()));
        // A concurrent load of the same rows makes ON CONFLICT skip them: they were loaded, just not by us.
        counts.already += good_rows - loaded;
        counts.loaded += loaded;
        counts.rejected += file_rejected;
        if (!args_.has("quiet")) {
            for (int i = 0; i < PQntuples(rejected.get()); ++i)
                fmt::print("{}: {}\n", PQgetvalue(rejected.get(), i, 0), PQgetvalue(rejected.get(), i, 1));
        }
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
    bool failed = false;
    Counts total;
    for (auto& path : args.positionals) {
        Counts counts;
        if (!loader.load(path, counts)) {
            failed = true;
            continue;
        }
        if (!args.has("quiet") && counts.empty)
            fmt::print("{}: empty, nothing to load\n", path == "-" ? "stdin" : path);
        else if (!args.has("quiet"))
            fmt::print("{}: {} rows read, {} loaded, {} rejected, {} already loaded\n", path == "-" ? "stdin" : path,
                       counts.read, counts.loaded, counts.rejected, counts.already);
        total.rejected += counts.rejected;
    }
    if (failed) return exit_code::failure;
    return total.rejected ? exit_code::rejected : exit_code::ok;
}

} // namespace ar::cli
