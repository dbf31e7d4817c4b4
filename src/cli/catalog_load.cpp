#include "cli/catalog_load.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "cli/identity.hpp"

namespace ar::cli {

namespace {

std::string column_list(const std::vector<const CatalogColumn*>& columns, std::string_view prefix = "") {
    std::string out;
    for (auto* c : columns) out += fmt::format("{}{}{}", out.empty() ? "" : ", ", prefix, c->column);
    return out;
}

std::vector<const CatalogColumn*> keys_of(const CatalogMapper& m) {
    std::vector<const CatalogColumn*> keys;
    for (auto* c : m.columns())
        if (c->kind == ColumnKind::key) keys.push_back(c);
    return keys;
}

const CatalogColumn* column(const CatalogMapper& m, std::string_view name) {
    for (auto* c : m.columns())
        if (c->column == name) return c;
    return nullptr;
}
bool carries(const CatalogMapper& m, std::string_view name) { return column(m, name) != nullptr; }

// A header name inside a format() string literal of our SQL: quotes doubled, % written as %%.
std::string sql_quoted(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\'') out += "''";
        else if (c == '%') out += "%%";
        else out.push_back(c);
    }
    return out;
}

// Set-based checks the client cannot make: a key given twice in the file (the last row wins), a content type
// that is no content_types row (its spelling there is taken), a live window that would end before it starts.
std::vector<std::string> checks_sql(const CatalogMapper& m) {
    std::vector<std::string> sql;
    auto keys = keys_of(m);
    std::string described, args;
    for (auto* k : keys) {
        described += fmt::format("{}{} \"%s\"", described.empty() ? "" : " with ", sql_quoted(m.header_name(*k)));
        args += fmt::format(", s.{}", k->column);
    }
    sql.push_back(fmt::format(
        "UPDATE pg_temp.ar_catalog_stage s SET problem = pg_catalog.format('{} appears again on line %s (that row is loaded)'{}, d.next_line) "
        "FROM (SELECT seq, pg_catalog.lead(line) OVER (PARTITION BY {} ORDER BY seq) AS next_line "
        "        FROM pg_temp.ar_catalog_stage WHERE problem IS NULL) d "
        "WHERE d.seq OPERATOR(pg_catalog.=) s.seq AND d.next_line IS NOT NULL",
        described, args, column_list(keys)));
    if (m.catalog() == Catalog::contents) {
        sql.emplace_back(
            "UPDATE pg_temp.ar_catalog_stage s SET problem = pg_catalog.format("
            "'" + sql_quoted(m.header_name(*column(m, "content_type"))) +
            ": \"%s\" is not a content type of activity_report.content_types (add it there first)', s.content_type) "
            "WHERE problem IS NULL AND NOT EXISTS (SELECT FROM activity_report.content_types ct "
            "WHERE pg_catalog.lower(ct.content_type) OPERATOR(pg_catalog.=) pg_catalog.lower(s.content_type))");
        sql.emplace_back(
            "UPDATE pg_temp.ar_catalog_stage s SET content_type = (SELECT ct.content_type FROM activity_report.content_types ct "
            "  WHERE pg_catalog.lower(ct.content_type) OPERATOR(pg_catalog.=) pg_catalog.lower(s.content_type) "
            "  ORDER BY ct.content_type LIMIT 1) "
            "WHERE problem IS NULL AND NOT EXISTS (SELECT FROM activity_report.content_types ct "
            "WHERE ct.content_type OPERATOR(pg_catalog.=) s.content_type)");
        bool starts = carries(m, "starts_at"), ends = carries(m, "ends_at");
        if (starts || ends) {
            // A column the file carries replaces the stored one, even with nothing.
            std::string st = starts ? "x.starts_at::pg_catalog.timestamptz" : "c.starts_at";
            std::string en = ends ? "x.ends_at::pg_catalog.timestamptz" : "c.ends_at";
            sql.push_back(fmt::format(
                "UPDATE pg_temp.ar_catalog_stage s SET problem = pg_catalog.format('{}: %s is not after {} %s', w.en, w.st) "
                "FROM (SELECT x.seq, {} AS st, {} AS en FROM pg_temp.ar_catalog_stage x "
                "        LEFT JOIN activity_report.contents c ON c.content_id OPERATOR(pg_catalog.=) x.content_id) w "
                "WHERE w.seq OPERATOR(pg_catalog.=) s.seq AND s.problem IS NULL AND w.en OPERATOR(pg_catalog.<=) w.st",
                ends ? sql_quoted(m.header_name(*column(m, "ends_at"))) : "ends_at (stored)",
                starts ? sql_quoted(m.header_name(*column(m, "starts_at"))) : "starts_at (stored)", st, en));
        }
    }
    return sql;
}

// One upsert: new rows get every carried column, stored rows have exactly the carried columns replaced. Users'
// dimensions: the keys this file carries are replaced (removed when the row leaves them empty), others kept.
std::string upsert_sql(const CatalogMapper& m) {
    std::string table(catalog_table(m.catalog()));
    std::string columns = column_list(m.columns()), values, updates;
    for (auto* c : m.columns()) {
        values += fmt::format("{}s.{}::pg_catalog.{}", values.empty() ? "" : ", ", c->column, c->sql_type);
        if (c->kind != ColumnKind::key)
            updates += fmt::format("{}{} = EXCLUDED.{}", updates.empty() ? "" : ", ", c->column, c->column);
    }
    if (m.has_dimensions()) {
        columns += ", dimensions";
        values += ", s.dimensions::pg_catalog.jsonb";
        updates += ", dimensions = (t.dimensions OPERATOR(pg_catalog.-) $1::pg_catalog.text[]) OPERATOR(pg_catalog.||) EXCLUDED.dimensions";
    }
    return fmt::format(
        "INSERT INTO activity_report.{} AS t ({}) SELECT {} FROM pg_temp.ar_catalog_stage s WHERE s.problem IS NULL ORDER BY s.seq "
        "ON CONFLICT ({}) DO UPDATE SET {}",
        table, columns, values, column_list(keys_of(m)), updates);
}

// Events named by a title before a catalog named that content (an UPDATE: the events' days become dirty).
constexpr const char* titled_events_sql =
    "UPDATE activity_report.events e SET content_id = t.content_id "
    "  FROM (SELECT x.name, " AR_CONTENT_OF_TITLE("x.name") " AS content_id "
    "          FROM (SELECT DISTINCT content_name AS name FROM activity_report.events "
    "                 WHERE content_id IS NULL AND vocabulary OPERATOR(pg_catalog.=) 'content_actions' AND content_name IS NOT NULL) x) t "
    " WHERE e.content_id IS NULL AND e.vocabulary OPERATOR(pg_catalog.=) 'content_actions' "
    "   AND e.content_name OPERATOR(pg_catalog.=) t.name AND t.content_id IS NOT NULL";

} // namespace

CatalogCounts load_catalog(PgSession& db, ExportReader& reader, ByteSource& source, const std::string& name,
                           Progress& progress, bool quiet) {
    const CatalogMapper& m = *reader.catalog();
    std::string stage_columns = "seq bigint, line bigint, problem pg_catalog.text";
    for (auto* c : m.columns()) stage_columns += fmt::format(", {} pg_catalog.text", c->column);
    if (m.has_dimensions()) stage_columns += ", dimensions pg_catalog.text";
    db.exec(fmt::format("CREATE TEMP TABLE pg_temp.ar_catalog_stage ({}) ON COMMIT DROP", stage_columns));

    std::string copy_columns = "seq, line, problem, " + column_list(m.columns());
    if (m.has_dimensions()) copy_columns += ", dimensions";
    db.copy_in_begin(fmt::format("COPY pg_temp.ar_catalog_stage ({}) FROM STDIN (FORMAT csv)", copy_columns));
    CatalogCounts counts;
    CatalogRow row;
    std::string buffer;
    try {
        while (reader.next(row)) {
            ++counts.read;
            fmt::format_to(std::back_inserter(buffer), "{},{},", counts.read, row.line);
            if (!row.problem.empty()) append_csv_field(buffer, row.problem);
            for (auto& v : row.values) {
                buffer += ',';
                if (v) append_csv_field(buffer, *v);
            }
            buffer += '\n';
            if (buffer.size() >= (1u << 16)) {
                db.copy_in_put(buffer);
                buffer.clear();
            }
            progress.update(counts.read, source.bytes_read());
        }
    } catch (const InputError&) {
        db.copy_in_abort("input error");
        throw;
    }
    if (!buffer.empty()) db.copy_in_put(buffer);
    db.copy_in_end();
    progress.finish();

    for (auto& sql : checks_sql(m)) db.exec(sql);
    std::vector<std::optional<std::string>> params;
    if (m.has_dimensions()) params.emplace_back(array_literal(m.dimension_keys()));
    auto upserted = db.exec(upsert_sql(m), params);
    counts.loaded = std::stoull(PQcmdTuples(upserted.get()));
    auto rejected = db.exec("SELECT line, problem FROM pg_temp.ar_catalog_stage WHERE problem IS NOT NULL ORDER BY seq");
    counts.rejected = static_cast<std::uint64_t>(PQntuples(rejected.get()));
    if (!quiet)
        for (int i = 0; i < PQntuples(rejected.get()); ++i)
            fmt::print("{}:{}: {}\n", name, PQgetvalue(rejected.get(), i, 0), PQgetvalue(rejected.get(), i, 1));
    db.exec("DROP TABLE pg_temp.ar_catalog_stage");
    if (m.catalog() == Catalog::users) reconcile_identities(db);
    if (m.catalog() == Catalog::contents) db.exec(titled_events_sql);
    return counts;
}

} // namespace ar::cli
