// activity-report report: runs a report function of the extension with named arguments and writes CSV
// (COPY, streamed), JSON (one object per row, streamed), CSV for people (platform headers, streamed unless
// a JSON column's keys make columns) or an aligned table.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/csv_reader.hpp"
#include "cli/people_table.hpp"
#include "cli/pg_session.hpp"
#include "cli/platform_headers.hpp"
#include "cli/report_columns.hpp"
#include "cli/table_format.hpp"
#include "cli/timestamp.hpp"
#include "core/text.hpp"

namespace ar::cli {

const char* const report_help = R"(Usage: activity-report report [OPTIONS] NAME [ARGUMENT=VALUE...]
       activity-report report --list

Runs the report function activity_report.NAME and writes its rows. Arguments are the function's own
parameter names (see --list), e.g. content_id=s-keynote, include=Content,Feed (lists are comma-separated).
from_ts and to_ts default to all time.

Options:
      --from TS         from_ts: start of the half-open time range [from, to)
      --to TS           to_ts: its end
  -f, --format FORMAT   csv (default), json or table
      --headers H       sql (default): the report's column names; platform: the platform's own column
                        titles (seed 000 "User ID, First, ..., Date", seed 002 "Email, Panorama Name, ...")
  -o, --output FILE     write there instead of standard output
      --timezone TZ     time zone for the dates written (default: the session's, PGTZ)
      --list            list the report functions and their arguments
  -d, --dbname CONN     database name, connection string or URI (default: PG* environment)
  -h, --help            this help

Dates are written in ISO 8601 in every format, with the offset of the time zone: 2026-03-10T09:00:00+00:00.
Downloads for people (--format table, and CSV with --headers platform) show real and double precision
numbers (minutes, rates) to one decimal, lists joined with "|" and each key of a JSON object column (the
dimensions of unique_users) as its own column; CSV with SQL headers and JSON keep full precision.
Time arguments are ISO 8601 (2026-03-10, 2026-03-10T09:00, 2026-03-10T09:00+01:00): a date with the day
and the month before the year (10/03/2026) is refused, as its order is ambiguous.
)";

namespace {

struct Parameter {
    std::string name, type;
    bool is_array = false, has_default = false;
};

// A report is a function of the extension's public schema that takes the event-time range (design §6) and
// only reads (not VOLATILE: ensure_event_partitions takes a range too, and writes): read from the catalog, so a
// report added to the extension is listed without a change here.
constexpr const char* report_functions = R"(
      FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                                 AND d.objid OPERATOR(pg_catalog.=) p.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
      JOIN pg_catalog.pg_extension x ON x.oid OPERATOR(pg_catalog.=) d.refobjid AND x.extname OPERATOR(pg_catalog.=) 'activity_report'
     WHERE p.prokind OPERATOR(pg_catalog.=) 'f' AND p.pronamespace OPERATOR(pg_catalog.=) x.extnamespace
       AND p.proargnames OPERATOR(pg_catalog.@>) ARRAY['from_ts', 'to_ts']::pg_catalog.text[]
       AND p.provolatile OPERATOR(pg_catalog.<>) 'v')";

std::string reports_sql() {
    return fmt::format("SELECT p.proname, pg_catalog.pg_get_function_arguments(p.oid), pg_catalog.obj_description(p.oid, 'pg_proc') {} ORDER BY 1",
                       report_functions);
}

std::vector<Parameter> parameters_of(PgSession& db, const std::string& name) {
    auto r = db.exec(fmt::format(R"(
        SELECT a.name, pg_catalog.format_type(a.type, NULL), t.typcategory OPERATOR(pg_catalog.=) 'A',
               a.n OPERATOR(pg_catalog.>) (p.pronargs OPERATOR(pg_catalog.-) p.pronargdefaults)
          FROM (SELECT p.pronargs, p.pronargdefaults, p.proargtypes, p.proargnames {} AND p.proname OPERATOR(pg_catalog.=) $1) p
         CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]),
                                       pg_catalog.unnest(p.proargnames[1:p.pronargs])) WITH ORDINALITY AS a(type, name, n)
          JOIN pg_catalog.pg_type t ON t.oid OPERATOR(pg_catalog.=) a.type
         ORDER BY a.n)", report_functions), {name});
    std::vector<Parameter> params;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        params.push_back({PQgetvalue(r.get(), i, 0), PQgetvalue(r.get(), i, 1), PQgetvalue(r.get(), i, 2)[0] == 't',
                          PQgetvalue(r.get(), i, 3)[0] == 't'});
    return params;
}

// "a,b" -> {"a","b"}; a value already in array syntax is kept.
std::string array_literal(std::string_view value) {
    if (value.starts_with("{")) return std::string(value);
    std::string out = "{";
    std::size_t start = 0;
    while (start <= value.size()) {
        auto comma = value.find(',', start);
        auto item = ar::trim(value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out + "}";
}

// The call of `function` (a qualified name) with the report's parameters.
std::string build_call(PgSession& db, const std::string& name, const std::string& function, const std::vector<Parameter>& params,
                       std::map<std::string, std::string, std::less<>> given) {
    std::string call = function + "(";
    bool first = true;
    for (auto& p : params) {
        auto it = given.find(p.name);
        std::optional<std::string> value;
        if (it != given.end()) {
            value = it->second;
            given.erase(it);
        } else if (p.name == "from_ts") {
            value = "-infinity";
        } else if (p.name == "to_ts") {
            value = "infinity";
        } else if (!p.has_default) {
            throw UsageError(fmt::format("report {} needs {}=VALUE ({})", name, p.name, p.type));
        }
        if (!value) continue;
        call += fmt::format("{}{} => {}::{}", first ? "" : ", ", p.name, db.literal(p.is_array ? array_literal(*value) : *value), p.type);
        first = false;
    }
    if (!given.empty()) {
        std::string known;
        for (auto& p : params) known += (known.empty() ? "" : ", ") + p.name;
        throw UsageError(fmt::format("report {} has no argument \"{}\" (its arguments: {})", name, given.begin()->first, known));
    }
    return call + ")";
}

// A report of activity rows has a download twin, activity_report_internal.<name>_download with the same
// arguments, whose rows also carry each event's vocabulary and portal: the download then loads back as the
// same events. The report's own function where there is none (a 0.1.0 schema) or it cannot be run.
std::string download_function(PgSession& db, const std::string& name) {
    auto r = db.exec(R"(
        SELECT t.oid IS NOT NULL AND pg_catalog.has_schema_privilege(t.pronamespace, 'USAGE')
               AND pg_catalog.has_function_privilege(t.oid, 'EXECUTE')
          FROM pg_catalog.pg_proc p
          JOIN pg_catalog.pg_extension x ON x.extname OPERATOR(pg_catalog.=) 'activity_report'
                                        AND p.pronamespace OPERATOR(pg_catalog.=) x.extnamespace
          LEFT JOIN pg_catalog.pg_proc t ON t.proname OPERATOR(pg_catalog.=) (p.proname OPERATOR(pg_catalog.||) '_download')
                                        AND t.pronamespace OPERATOR(pg_catalog.=) pg_catalog.to_regnamespace('activity_report_internal')
                                        AND t.proargtypes OPERATOR(pg_catalog.=) p.proargtypes
                                        AND t.proargnames[1:t.pronargs] OPERATOR(pg_catalog.=) p.proargnames[1:p.pronargs]
         WHERE p.proname OPERATOR(pg_catalog.=) $1)", {name});
    bool twin = PQntuples(r.get()) == 1 && std::string_view(PQgetvalue(r.get(), 0, 0)) == "t";
    return fmt::format("activity_report{}.{}{}", twin ? "_internal" : "", name, twin ? "_download" : "");
}

bool is_time_type(const std::string& type) {
    return type == "timestamp with time zone" || type == "timestamp without time zone" || type == "date";
}

// A time argument PostgreSQL would read by its DateStyle is a usage error (see ambiguous_date_problem).
void check_time_argument(std::string_view what, const std::string& value) {
    if (auto problem = ambiguous_date_problem(value)) throw UsageError(fmt::format("{}: {}", what, *problem));
}

// The result columns of the report call, with their kinds; nothing runs.
std::vector<ReportColumn> describe_columns(PgSession& db, const std::string& query) {
    auto d = db.describe(query);
    std::string oids = "{";
    for (int c = 0; c < PQnfields(d.get()); ++c) oids += fmt::format("{}{}", c ? "," : "", PQftype(d.get(), c));
    oids += "}";
    auto types = db.exec("SELECT t.oid, t.typcategory FROM pg_catalog.pg_type t "
                         "WHERE t.oid OPERATOR(pg_catalog.=) ANY ($1::pg_catalog.oid[])", {oids});
    std::map<unsigned, char> category;
    for (int i = 0; i < PQntuples(types.get()); ++i)
        category[static_cast<unsigned>(std::stoul(PQgetvalue(types.get(), i, 0)))] = PQgetvalue(types.get(), i, 1)[0];
    std::vector<ReportColumn> columns;
    for (int c = 0; c < PQnfields(d.get()); ++c) {
        unsigned oid = PQftype(d.get(), c);
        columns.push_back({PQfname(d.get(), c), column_kind(oid, category[oid])});
    }
    return columns;
}

std::string csv_line(const TableRow& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) line += ',';
        if (row[i]) append_csv_field(line, *row[i]);
    }
    return line + '\n';
}

std::string csv_header(const std::vector<TableColumn>& columns) {
    TableRow names;
    for (auto& c : columns) names.push_back(c.name);
    return csv_line(names);
}

TableRow row_values(const PGresult& row) {
    TableRow values;
    for (int c = 0; c < PQnfields(&row); ++c)
        values.push_back(PQgetisnull(&row, 0, c) ? std::nullopt : std::optional<std::string>(PQgetvalue(&row, 0, c)));
    return values;
}

int list_reports(PgSession& db, std::ostream& out) {
    auto r = db.exec(reports_sql());
    for (int i = 0; i < PQntuples(r.get()); ++i)
        out << fmt::format("{}({})\n    {}\n", PQgetvalue(r.get(), i, 0), PQgetvalue(r.get(), i, 1), PQgetvalue(r.get(), i, 2));
    return exit_code::ok;
}

} // namespace

int run_report(const ParsedArgs& args) {
    std::string format = args.get("format", "csv");
    if (format != "csv" && format != "json" && format != "table")
        throw UsageError(fmt::format("--format \"{}\": use csv, json or table", format));
    auto headers = parse_headers(args.get("headers", "sql"));
    if (!headers) throw UsageError(fmt::format("--headers \"{}\": use sql or platform", args.get("headers")));
    if (!args.has("list") && args.positionals.empty()) throw UsageError("report: no report NAME given (see --list)");
    std::map<std::string, std::string, std::less<>> given;
    for (std::size_t i = 1; i < args.positionals.size(); ++i) {
        auto& a = args.positionals[i];
        auto eq = a.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("report argument \"{}\" is not NAME=VALUE", a));
        given[a.substr(0, eq)] = a.substr(eq + 1);
    }
    for (const char* option : {"from", "to"}) {
        if (!args.has(option)) continue;
        check_time_argument(fmt::format("--{}", option), args.get(option));
        given[fmt::format("{}_ts", option)] = args.get(option);
    }

    PgSession db(args.get("dbname"));
    if (args.has("timezone")) db.exec("SELECT pg_catalog.set_config('TimeZone', $1, false)", {args.get("timezone")});

    std::ofstream file;
    std::ostream* out = &std::cout;
    if (args.has("output")) {
        file.open(args.get("output"), std::ios::binary | std::ios::trunc);
        if (!file) throw std::runtime_error(fmt::format("cannot write {}", args.get("output")));
        out = &file;
    }
    if (args.has("list")) return list_reports(db, *out);

    const std::string& name = args.positionals[0];
    auto params = parameters_of(db, name);
    auto known = db.exec(reports_sql());
    bool found = false;
    for (int i = 0; i < PQntuples(known.get()); ++i) found |= name == PQgetvalue(known.get(), i, 0);
    if (!found) throw UsageError(fmt::format("there is no report \"{}\" (see activity-report report --list)", name));
    for (auto& p : params)
        if (auto it = given.find(p.name); it != given.end() && is_time_type(p.type))
            check_time_argument(fmt::format("{}={}", p.name, it->second), it->second);
    std::string call = build_call(db, name, download_function(db, name), params, given);
    auto columns = describe_columns(db, fmt::format("SELECT * FROM {}", call));
    std::vector<std::string> sql_names, titles;
    for (auto& c : columns) {
        sql_names.push_back(c.name);
        titles.push_back(*headers == Headers::platform ? platform_title(name, c.name) : c.name);
    }

    if (format == "json") {
        // row_to_json writes timestamps in ISO 8601 itself; full precision, keys by --headers.
        std::string rows = *headers == Headers::platform
                               ? fmt::format("SELECT {} FROM (SELECT * FROM {}) r", report_select_list(columns, titles, false), call)
                               : fmt::format("SELECT * FROM {}", call);
        bool first = true;
        *out << '[';
        db.stream(fmt::format("SELECT pg_catalog.row_to_json(r)::pg_catalog.text FROM ({}) r", rows), [&](const PGresult& row) {
            *out << (first ? "\n  " : ",\n  ") << PQgetvalue(&row, 0, 0);
            first = false;
        });
        *out << (first ? "]\n" : "\n]\n");
    } else {
        std::string query = fmt::format("SELECT {} FROM (SELECT * FROM {}) r", report_select_list(columns, sql_names, true), call);
        if (format == "csv" && *headers == Headers::sql) {
            // A machine download: PostgreSQL's own values at full precision, streamed by COPY.
            db.copy_out(fmt::format("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER)", query),
                        [&](std::string_view chunk) { out->write(chunk.data(), static_cast<std::streamsize>(chunk.size())); });
        } else {
            PeopleTable table(name, columns, *headers);
            if (format == "csv" && !table.needs_all_rows()) {
                *out << csv_header(table.columns());
                db.stream(query, [&](const PGresult& row) { *out << csv_line(table.format(row_values(row))); });
            } else {
                std::vector<TableRow> rows;
                db.stream(query, [&](const PGresult& row) {
                    rows.push_back(row_values(row));
                    table.observe(rows.back());
                });
                for (auto& r : rows) r = table.format(r);
                if (format == "csv") {
                    *out << csv_header(table.columns());
                    for (auto& r : rows) *out << csv_line(r);
                } else {
                    *out << format_table(table.columns(), rows);
                }
            }
        }
    }
    out->flush();
    if (!*out) throw std::runtime_error("cannot write the output (disk full?)");
    return exit_code::ok;
}

} // namespace ar::cli
