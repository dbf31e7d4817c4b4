// activity-report dashboard: seed 003's user analytics dashboard as a PDF or HTML document. Reads the four
// SQL reports in one read-only snapshot, builds the document in memory (dashboard_model, _layout, _pdf,
// _html) and only then writes it, so a failure leaves no partial file.
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/dashboard_html.hpp"
#include "cli/dashboard_pdf.hpp"
#include "cli/pg_session.hpp"

namespace ar::cli {

const char* const dashboard_help = R"(Usage: activity-report dashboard [OPTIONS] USER_ID

Writes seed 003's user analytics dashboard of one user as a document: name and details, total minutes,
sessions and videos viewed, average live engagement, reactions, chat messages, poll responses, Q&A threads,
attachments, the live / recordings / on-demand split as a chart, the attachments list, the per-session
table and the on-demand table. The numbers are those of the reports user_analytics, user_sessions,
user_on_demand and user_attachments, rounded to one decimal.

Options:
      --from TS         start of the half-open time range [from, to) (default: all time)
      --to TS           its end
  -f, --format FORMAT   pdf or html (default: from the -o file's extension, else pdf)
  -o, --output FILE     write there instead of standard output
      --timezone TZ     time zone of the dates shown (default: the session's, PGTZ)
  -d, --dbname CONN     database name, connection string or URI (default: PG* environment)
  -h, --help            this help

An unknown USER_ID (no row in activity_report.users and no events) is an error (exit status 1).
)";

namespace {

using namespace dashboard;

// The reports' argument list: user, from, to; the bounds go through the server's own timestamptz input.
constexpr const char* report_arguments = "($1, $2::pg_catalog.timestamptz, $3::pg_catalog.timestamptz)";

class Rows {
public:
    explicit Rows(Result r) : r_(std::move(r)) {}
    int count() const { return PQntuples(r_.get()); }
    std::optional<std::string> text(int row, const char* column) const {
        int c = field(column);
        if (PQgetisnull(r_.get(), row, c)) return std::nullopt;
        return std::string(PQgetvalue(r_.get(), row, c), static_cast<std::size_t>(PQgetlength(r_.get(), row, c)));
    }
    std::optional<double> real(int row, const char* column) const {
        auto t = text(row, column);
        if (!t) return std::nullopt;
        if (*t == "NaN") return std::nullopt;
        double v = 0;
        auto [end, error] = std::from_chars(t->data(), t->data() + t->size(), v);
        if (error != std::errc() || end != t->data() + t->size())
            throw std::runtime_error(fmt::format("column {}: cannot read \"{}\" as a number", column, *t));
        return v;
    }
    double real_or_zero(int row, const char* column) const { return real(row, column).value_or(0); }
    long long count_of(int row, const char* column) const {
        auto t = text(row, column);
        long long v = 0;
        if (t && std::from_chars(t->data(), t->data() + t->size(), v).ec != std::errc())
            throw std::runtime_error(fmt::format("column {}: cannot read \"{}\" as a count", column, *t));
        return v;
    }

private:
    int field(const char* column) const {
        int c = PQfnumber(r_.get(), column);
        if (c < 0) throw std::runtime_error(fmt::format("the report has no column {} (is the extension up to date?)", column));
        return c;
    }
    Result r_;
};

Dashboard read_dashboard(PgSession& db, const std::string& user_id, const std::optional<std::string>& from,
                         const std::optional<std::string>& to) {
    std::vector<std::optional<std::string>> args{user_id, from.value_or("-infinity"), to.value_or("infinity")};
    Dashboard d;
    d.user.user_id = user_id;
    // One snapshot for the four reports, so their numbers agree with each other.
    db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    Rows known(db.exec("SELECT EXISTS (SELECT FROM activity_report.users u WHERE u.user_id OPERATOR(pg_catalog.=) $1)"
                       "    OR EXISTS (SELECT FROM activity_report.events e WHERE e.user_id OPERATOR(pg_catalog.=) $1) AS known",
                       {user_id}));
    if (known.text(0, "known") != "t")
        throw std::runtime_error(fmt::format("there is no user \"{}\" (no row in activity_report.users and no events)", user_id));
    // The bounds as shown: ISO 8601 in the session's time zone; infinite bounds are no bound.
    Rows period(db.exec("SELECT CASE WHEN pg_catalog.isfinite(f) THEN pg_catalog.to_char(f, 'YYYY-MM-DD\"T\"HH24:MI:SSOF') END AS from_text,"
                        "       CASE WHEN pg_catalog.isfinite(t) THEN pg_catalog.to_char(t, 'YYYY-MM-DD\"T\"HH24:MI:SSOF') END AS to_text"
                        "  FROM (SELECT $1::pg_catalog.timestamptz, $2::pg_catalog.timestamptz) b(f, t)",
                        {args[1], args[2]}));
    d.period = {period.text(0, "from_text"), period.text(0, "to_text")};

    Rows a(db.exec(fmt::format("SELECT * FROM activity_report.user_analytics{}", report_arguments), args));
    if (a.count() != 1) throw std::runtime_error(fmt::format("user_analytics returned {} rows, not one", a.count()));
    d.user.name = a.text(0, "user_name");
    d.user.role = a.text(0, "role");
    d.user.company = a.text(0, "company");
    d.user.industry = a.text(0, "industry");
    d.user.country = a.text(0, "country");
    Totals& t = d.totals;
    t.total_minutes = a.real_or_zero(0, "total_minutes_viewed");
    t.sessions_viewed = a.count_of(0, "sessions_viewed");
    t.average_engagement = a.real(0, "average_live_engagement_rate");
    t.videos_viewed = a.count_of(0, "videos_viewed");
    t.reactions = a.count_of(0, "reactions");
    t.chat_messages = a.count_of(0, "chat_messages_sent");
    t.poll_responses = a.count_of(0, "poll_responses");
    t.qa_threads = a.count_of(0, "qa_threads_created");
    t.attachments = a.count_of(0, "attachments_downloaded");
    t.live_minutes = a.real_or_zero(0, "live_minutes");
    t.recording_minutes = a.real_or_zero(0, "recording_minutes");
    t.on_demand_minutes = a.real_or_zero(0, "on_demand_minutes");

    Rows files(db.exec(fmt::format("SELECT * FROM activity_report.user_attachments{} f ORDER BY f.name, f.source", report_arguments), args));
    for (int i = 0; i < files.count(); ++i)
        d.attachments.push_back({files.text(i, "name"), files.text(i, "file_type"), files.text(i, "source")});
    Rows sessions(db.exec(fmt::format("SELECT * FROM activity_report.user_sessions{}", report_arguments), args));
    for (int i = 0; i < sessions.count(); ++i)
        d.sessions.push_back({sessions.text(i, "session_name"), sessions.real_or_zero(i, "minutes_viewed"),
                              sessions.real(i, "engagement_rate"), sessions.count_of(i, "reactions"),
                              sessions.count_of(i, "raised_hands"), sessions.count_of(i, "attachments_downloaded"),
                              sessions.count_of(i, "chat_messages_sent"), sessions.count_of(i, "polls_answered")});
    Rows videos(db.exec(fmt::format("SELECT * FROM activity_report.user_on_demand{}", report_arguments), args));
    for (int i = 0; i < videos.count(); ++i)
        d.on_demand.push_back({videos.text(i, "name"), videos.real_or_zero(i, "minutes_viewed"), videos.real(i, "completion_rate")});
    db.exec("COMMIT");
    return d;
}

std::string format_of(const ParsedArgs& args) {
    if (args.has("format")) {
        std::string f = args.get("format");
        if (f != "pdf" && f != "html") throw UsageError(fmt::format("--format \"{}\": use pdf or html", f));
        return f;
    }
    std::string file = args.get("output");
    return file.ends_with(".html") || file.ends_with(".htm") ? "html" : "pdf";
}

} // namespace

int run_dashboard(const ParsedArgs& args) {
    if (args.positionals.size() != 1)
        throw UsageError(args.positionals.empty() ? "dashboard: no USER_ID given" : "dashboard: give one USER_ID");
    std::string format = format_of(args);
    bool to_file = args.has("output") && args.get("output") != "-";
    if (!to_file && format == "pdf" && isatty(STDOUT_FILENO))
        throw UsageError("dashboard: not writing a PDF to a terminal; use -o FILE (or redirect standard output)");
    auto optional_arg = [&](const char* name) { return args.has(name) ? std::optional(args.get(name)) : std::nullopt; };

    PgSession db(args.get("dbname"));
    if (args.has("timezone")) db.exec("SELECT pg_catalog.set_config('TimeZone', $1, false)", {args.get("timezone")});
    Dashboard d = read_dashboard(db, args.positionals[0], optional_arg("from"), optional_arg("to"));
    std::string document = format == "pdf" ? render_pdf(d) : render_html(d);

    std::ofstream file;
    std::ostream* out = &std::cout;
    if (to_file) {
        file.open(args.get("output"), std::ios::binary | std::ios::trunc);
        if (!file) throw std::runtime_error(fmt::format("cannot write {}", args.get("output")));
        out = &file;
    }
    out->write(document.data(), static_cast<std::streamsize>(document.size()));
    out->flush();
    if (!*out) throw std::runtime_error("cannot write the output (disk full?)");
    return exit_code::ok;
}

} // namespace ar::cli
