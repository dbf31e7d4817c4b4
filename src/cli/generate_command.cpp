// activity-report generate: deterministic synthetic data of every vocabulary, streamed through COPY in one
// transaction (events pass the classifying trigger like any other insert).
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/generate.hpp"
#include "cli/pg_session.hpp"
#include "cli/progress.hpp"
#include "cli/rollup_refresh.hpp"

namespace ar::cli {

const char* const generate_help = R"(Usage: activity-report generate [OPTIONS]

Writes realistic synthetic data into the database: users, contents (live sessions, videos, courses and their
activities), groups with members, and events of all four vocabularies. The same --seed and --events give
the same rows; identifiers carry the seed (users g<seed>-u<n>, ...), so several seeds can live side by side.

Options:
  -n, --events N        number of events (default 100000; 10k, 10M are understood)
  -s, --seed S          seed (default 1)
  -q, --quiet           print nothing but errors
      --no-refresh      do not roll up the new events (activity_report.refresh_rollups()) at the end
  -d, --dbname CONN     database name, connection string or URI (default: PG* environment)
  -h, --help            this help
)";

namespace {

class CopySink : public TableSink {
public:
    CopySink(PgSession& db, std::uint64_t events, bool quiet) : db_(db), events_(events), quiet_(quiet) {}

    void begin(std::string_view table, std::string_view columns) override {
        table_ = table;
        rows_ = 0;
        if (table == "events") progress_.emplace("events", events_, quiet_);
        db_.copy_in_begin(fmt::format("COPY activity_report.{} ({}) FROM STDIN (FORMAT csv)", table, columns));
    }
    void row(std::string_view csv_line) override {
        buffer_ += csv_line;
        buffer_ += '\n';
        ++rows_;
        if (buffer_.size() >= (1u << 16)) flush();
        if (progress_) progress_->update(rows_, rows_);
    }
    void end() override {
        flush();
        db_.copy_in_end();
        if (progress_) progress_.reset();
        summary_ += fmt::format("{}{} {}", summary_.empty() ? "" : ", ", rows_, table_);
    }
    const std::string& summary() const { return summary_; }

private:
    void flush() {
        if (!buffer_.empty()) db_.copy_in_put(buffer_);
        buffer_.clear();
    }

    PgSession& db_;
    std::uint64_t events_;
    bool quiet_;
    std::string table_, buffer_, summary_;
    std::uint64_t rows_ = 0;
    std::optional<Progress> progress_;
};

} // namespace

int run_generate(const ParsedArgs& args) {
    GenerateOptions options;
    if (args.has("events")) options.events = parse_count("events", args.get("events"));
    if (args.has("seed")) options.seed = parse_count("seed", args.get("seed"));
    bool quiet = args.has("quiet");

    PgSession db(args.get("dbname"));
    auto ext = db.exec("SELECT 1 FROM pg_catalog.pg_extension WHERE extname OPERATOR(pg_catalog.=) 'activity_report'");
    if (PQntuples(ext.get()) == 0)
        throw PgError("the activity_report extension is not installed in this database\nHINT: CREATE EXTENSION activity_report;");
    auto existing = db.exec("SELECT 1 FROM activity_report.users WHERE user_id OPERATOR(pg_catalog.=) $1",
                            {fmt::format("g{}-u1", options.seed)});
    if (PQntuples(existing.get()) > 0)
        throw PgError(fmt::format("data of seed {} is already in this database\nHINT: use another --seed, or delete the rows "
                                  "whose identifiers start with g{}-.", options.seed, options.seed));
    auto start = std::chrono::steady_clock::now();
    db.exec("BEGIN");
    db.exec("SET LOCAL activity_report.on_invalid = 'error'");
    CopySink sink(db, options.events, quiet);
    generate(options, sink);
    db.exec("COMMIT");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!quiet) fmt::print("seed {}: {} in {:.1f} s\n", options.seed, sink.summary(), seconds);
    if (!args.has("no-refresh")) refresh_rollups(db, fmt::format("seed {}", options.seed), quiet);
    return exit_code::ok;
}

} // namespace ar::cli
