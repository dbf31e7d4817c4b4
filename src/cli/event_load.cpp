#include "cli/event_load.hpp"

#include <charconv>
#include <functional>
#include <unordered_map>
#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "cli/catalog_load.hpp"
#include "cli/copy_sender.hpp"
#include "cli/load_dimensions.hpp"
#include "cli/load_keys.hpp"
#include "cli/load_months.hpp"

namespace ar::cli {

namespace {

constexpr const char* stage_sql =
    "CREATE TEMP TABLE pg_temp.ar_load_stage (seq bigint NOT NULL, line bigint NOT NULL, vocabulary pg_catalog.text, "
    "vocabulary_given boolean NOT NULL, occurred_at pg_catalog.text, user_id pg_catalog.text, email pg_catalog.text, "
    "category pg_catalog.text, action pg_catalog.text, label pg_catalog.text, content_id pg_catalog.text, "
    "content_name pg_catalog.text, content_slug pg_catalog.text, portal pg_catalog.text, problem pg_catalog.text, "
    "problem_field pg_catalog.text, h pg_catalog.text, n bigint) ON COMMIT DROP";
constexpr const char* stage_columns =
    "seq, line, vocabulary, vocabulary_given, occurred_at, user_id, email, category, action, label, content_id, "
    "content_name, content_slug, portal, problem, problem_field, h, n";
// The staged fields, in stage_columns' order after vocabulary_given.
constexpr Target staged_fields[] = {Target::occurred_at, Target::user_id, Target::email, Target::category,
                                    Target::action, Target::label, Target::content_id, Target::content_name,
                                    Target::content_slug, Target::portal};

// Who and what the file names (load_dimensions.hpp); emails and titles get the IDs they resolve to.
constexpr const char* dimension_tables_sql[] = {
    "CREATE TEMP TABLE pg_temp.ar_load_users (user_id pg_catalog.text, first_name pg_catalog.text, last_name pg_catalog.text, "
    "company pg_catalog.text, email pg_catalog.text, portal pg_catalog.text) ON COMMIT DROP",
    "CREATE TEMP TABLE pg_temp.ar_load_emails (email pg_catalog.text, portal pg_catalog.text, user_id pg_catalog.text) ON COMMIT DROP",
    "CREATE TEMP TABLE pg_temp.ar_load_contents (content_id pg_catalog.text, name pg_catalog.text, slug pg_catalog.text, "
    "portal pg_catalog.text) ON COMMIT DROP",
    "CREATE TEMP TABLE pg_temp.ar_load_titles (name pg_catalog.text, content_id pg_catalog.text) ON COMMIT DROP",
    "CREATE TEMP TABLE pg_temp.ar_load_categories (content_id pg_catalog.text, content_name pg_catalog.text, "
    "vocabulary pg_catalog.text, category pg_catalog.text) ON COMMIT DROP",
};
// Categories of retried rows, in the vocabulary they landed in.
constexpr const char* retried_categories_sql =
    "INSERT INTO pg_temp.ar_load_categories SELECT DISTINCT s.content_id, s.content_name, r.vocabulary, s.category "
    "  FROM pg_temp.ar_load_retry r JOIN pg_temp.ar_load_stage s ON s.seq OPERATOR(pg_catalog.=) r.seq "
    " WHERE s.category IS NOT NULL AND (s.content_id IS NOT NULL OR s.content_name IS NOT NULL)";

// The row's idempotency key (load_keys.hpp).
std::string key_of(std::string_view s) {
    return fmt::format("('load:' OPERATOR(pg_catalog.||) {0}.h OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) "
                       "{0}.n::pg_catalog.text)", s);
}

// Whether an event has the key `key` (an SQL expression): source_ref is each partition's unique key.
std::string event_has_key(std::string_view key) {
    return fmt::format("EXISTS (SELECT FROM activity_report.events e WHERE e.source_ref OPERATOR(pg_catalog.=) {})", key);
}

// Rows whose key the client could not compute (identity by a non-ASCII email) get it here; then the rows that
// may repeat an earlier one are numbered among their twins (the others are the first of their kind: n = 1).
constexpr const char* server_hash_sql =
    "UPDATE pg_temp.ar_load_stage SET h = pg_catalog.md5(ROW(vocabulary, occurred_at, COALESCE(user_id, pg_catalog.lower(email)), "
    "category, action, label, COALESCE(content_id, content_name), portal)::pg_catalog.text) WHERE h IS NULL";
std::string twins_sql(std::string_view table) {
    return fmt::format(
        "UPDATE pg_temp.{0} s SET n = c.n "
        "FROM (SELECT t.seq, pg_catalog.count(*) AS n FROM pg_temp.{0} t "
        "        JOIN pg_temp.{0} u ON u.h OPERATOR(pg_catalog.=) t.h AND u.seq OPERATOR(pg_catalog.<=) t.seq "
        "       WHERE t.n IS NULL AND t.h IS NOT NULL GROUP BY t.seq) c "
        "WHERE c.seq OPERATOR(pg_catalog.=) s.seq",
        table);
}

// A learner known only by email is the user with that email, a real one before a stand-in (identity.hpp), else a
// stand-in whose ID is the email in lower case. A content named by its title alone is the one content of that name
// (catalog_load.hpp).
constexpr const char* resolve_sql[] = {
    "UPDATE pg_temp.ar_load_emails e SET user_id = COALESCE("
    "  (SELECT u.user_id FROM activity_report.users u "
    "    WHERE pg_catalog.lower(u.email) OPERATOR(pg_catalog.=) pg_catalog.lower(e.email) "
    "    ORDER BY pg_catalog.lower(u.user_id) OPERATOR(pg_catalog.=) pg_catalog.lower(u.email), u.user_id LIMIT 1), "
    "  pg_catalog.lower(e.email))",
    "UPDATE pg_temp.ar_load_titles t SET content_id = " AR_CONTENT_OF_TITLE("t.name"),
};

constexpr const char* resolved_joins =
    " LEFT JOIN pg_temp.ar_load_emails em ON s.user_id IS NULL AND em.email OPERATOR(pg_catalog.=) s.email"
    " LEFT JOIN pg_temp.ar_load_titles ti ON s.content_id IS NULL AND s.vocabulary OPERATOR(pg_catalog.=) 'content_actions'"
    "      AND ti.name OPERATOR(pg_catalog.=) s.content_name";

// Rows the client rejected (unreadable date, wrong field count, bad UTF-8), kept as given once per key.
std::string client_rejects_sql() {
    return fmt::format(
        "INSERT INTO activity_report.rejected_events (vocabulary, occurred_at, user_id, category, action, label, content_id, "
        "content_name, content_slug, portal, source_ref, origin, reason, problems) "
        "SELECT s.vocabulary, s.occurred_at, COALESCE(s.user_id, em.user_id), s.category, s.action, s.label, "
        "       COALESCE(s.content_id, ti.content_id), s.content_name, s.content_slug, s.portal, {0}, "
        "       $1 OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) s.line::pg_catalog.text, s.problem, "
        "       pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('field', s.problem_field, 'problem', s.problem, "
        "           'hint', 'Correct the row in the file and load it again.')) "
        "  FROM pg_temp.ar_load_stage s{1} WHERE s.problem IS NOT NULL "
        "   AND NOT EXISTS (SELECT FROM activity_report.rejected_events r WHERE r.source_ref OPERATOR(pg_catalog.=) {0}) "
        " ORDER BY s.seq "
        "ON CONFLICT DO NOTHING",  // no target: a 0.1.0 schema has no unique key on source_ref (NOT EXISTS keeps it once)
        key_of("s"), resolved_joins);
}

// The good rows an event already has the key of are done: out of the stage before the INSERT, which then reads
// the stage alone, in file order, by its index on seq (an anti-join in the INSERT would make it sort every row
// instead). Into an empty events this join ends without reading the stage; otherwise it is the probe the
// anti-join made.
std::string present_sql() {
    return fmt::format(
        "DELETE FROM pg_temp.ar_load_stage s WHERE s.problem IS NULL AND {}", event_has_key(key_of("s")));
}

// The statement that loads: every new row (no event has its key) into events, judged by the classifying
// trigger (under on_invalid = reject), in file order. `Rows` chooses them (all good rows, the present ones
// already gone from the stage, or those retried in another vocabulary); `resolve` adds the learners known by
// email and the contents known by title; on_conflict is for a load of the same rows that committed them
// meanwhile.
struct Rows {
    std::string_view vocabulary, join, filter;
    bool probe;  // whether the INSERT itself leaves out the rows an event has the key of
};
constexpr Rows good_rows{"s.vocabulary", "", "s.problem IS NULL", false};
constexpr Rows retried_rows{"r.vocabulary", " JOIN pg_temp.ar_load_retry r ON r.seq OPERATOR(pg_catalog.=) s.seq", "true", true};

std::string insert_sql(const Rows& rows, bool resolve, bool on_conflict) {
    return fmt::format(
        "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, "
        "content_name, content_slug, portal, source_ref) "
        "SELECT {vocabulary}, s.occurred_at::pg_catalog.timestamptz, {user}, s.category, s.action, s.label, {content}, "
        "       s.content_name, s.content_slug, s.portal, {key} "
        "  FROM pg_temp.ar_load_stage s{join}{joins} "
        " WHERE {filter}{probe} "
        " ORDER BY s.seq{conflict}",
        fmt::arg("vocabulary", rows.vocabulary), fmt::arg("join", rows.join), fmt::arg("filter", rows.filter),
        fmt::arg("user", resolve ? "COALESCE(s.user_id, em.user_id)" : "s.user_id"),
        fmt::arg("content", resolve ? "COALESCE(s.content_id, ti.content_id)" : "s.content_id"),
        fmt::arg("joins", resolve ? resolved_joins : ""), fmt::arg("key", key_of("s")),
        fmt::arg("probe", rows.probe ? " AND NOT " + event_has_key(key_of("s")) : std::string()),
        fmt::arg("conflict", on_conflict ? " ON CONFLICT DO NOTHING" : ""));
}

// Users and contents the file names that have events: a field still empty takes the file's value; a content
// still without a type takes it from a category of its rows where the vocabulary says it (a category pattern's
// [content type] filled by a content_types row, matched case-insensitively, its exact spelling first).
// "Has events" is one index probe per user or content (OFFSET 0 keeps the EXISTS a subplan): as a semi-join,
// the planner, with no statistics on the partitioned events, guesses 200 distinct users there and hashes
// every event instead.
constexpr const char* dimensions_sql[] = {
    R"(INSERT INTO activity_report.users AS u (user_id, first_name, last_name, company, email, portal)
       SELECT w.user_id, d.first_name, d.last_name, d.company, COALESCE(d.email, e.email), COALESCE(d.portal, e.portal)
         FROM (SELECT user_id FROM pg_temp.ar_load_users UNION SELECT user_id FROM pg_temp.ar_load_emails) w
         LEFT JOIN pg_temp.ar_load_users d ON d.user_id OPERATOR(pg_catalog.=) w.user_id
         LEFT JOIN (SELECT DISTINCT ON (user_id) user_id, email, portal FROM pg_temp.ar_load_emails ORDER BY user_id, email) e
                ON e.user_id OPERATOR(pg_catalog.=) w.user_id
        WHERE EXISTS (SELECT FROM activity_report.events x WHERE x.user_id OPERATOR(pg_catalog.=) w.user_id OFFSET 0)
       ON CONFLICT (user_id) DO UPDATE
          SET first_name = COALESCE(u.first_name, EXCLUDED.first_name), last_name = COALESCE(u.last_name, EXCLUDED.last_name),
              company = COALESCE(u.company, EXCLUDED.company), email = COALESCE(u.email, EXCLUDED.email),
              portal = COALESCE(u.portal, EXCLUDED.portal)
        WHERE (u.first_name IS NULL AND EXCLUDED.first_name IS NOT NULL) OR (u.last_name IS NULL AND EXCLUDED.last_name IS NOT NULL)
           OR (u.company IS NULL AND EXCLUDED.company IS NOT NULL) OR (u.email IS NULL AND EXCLUDED.email IS NOT NULL)
           OR (u.portal IS NULL AND EXCLUDED.portal IS NOT NULL))",
    R"(WITH named AS (
           SELECT COALESCE(g.content_id, ti.content_id) AS content_id, g.vocabulary, g.category
             FROM pg_temp.ar_load_categories g
             LEFT JOIN pg_temp.ar_load_titles ti ON g.content_id IS NULL AND ti.name OPERATOR(pg_catalog.=) g.content_name),
       typed AS (
           SELECT DISTINCT ON (n.content_id) n.content_id, ct.content_type
             FROM named n
             JOIN activity_report.activity_kinds k ON k.vocabulary OPERATOR(pg_catalog.=) n.vocabulary
                  AND pg_catalog.strpos(pg_catalog.lower(k.category_pattern), '[content type]') OPERATOR(pg_catalog.>) 0
             JOIN activity_report.content_types ct
               ON pg_catalog.lower(n.category) OPERATOR(pg_catalog.=)
                  pg_catalog.replace(pg_catalog.lower(k.category_pattern), '[content type]', pg_catalog.lower(ct.content_type))
            WHERE n.content_id IS NOT NULL
            ORDER BY n.content_id, pg_catalog.strpos(n.category, ct.content_type) OPERATOR(pg_catalog.>) 0 DESC, ct.content_type)
       INSERT INTO activity_report.contents AS c (content_id, content_type, name, slug, portal)
       SELECT w.content_id, t.content_type, d.name, d.slug, d.portal
         FROM (SELECT content_id FROM pg_temp.ar_load_contents
               UNION SELECT content_id FROM pg_temp.ar_load_titles WHERE content_id IS NOT NULL) w
         LEFT JOIN pg_temp.ar_load_contents d ON d.content_id OPERATOR(pg_catalog.=) w.content_id
         LEFT JOIN typed t ON t.content_id OPERATOR(pg_catalog.=) w.content_id
        WHERE EXISTS (SELECT FROM activity_report.events x WHERE x.content_id OPERATOR(pg_catalog.=) w.content_id OFFSET 0)
       ON CONFLICT (content_id) DO UPDATE
          SET content_type = COALESCE(c.content_type, EXCLUDED.content_type), name = COALESCE(c.name, EXCLUDED.name),
              slug = COALESCE(c.slug, EXCLUDED.slug), portal = COALESCE(c.portal, EXCLUDED.portal)
        WHERE (c.content_type IS NULL AND EXCLUDED.content_type IS NOT NULL) OR (c.name IS NULL AND EXCLUDED.name IS NOT NULL)
           OR (c.slug IS NULL AND EXCLUDED.slug IS NOT NULL) OR (c.portal IS NULL AND EXCLUDED.portal IS NOT NULL))",
};

// Good rows that did not land and are in rejected_events: the trigger rejected them, in this load (a rejection
// numbered after $1, the last one before it) or an earlier one.
std::string trigger_rejects_sql() {
    return fmt::format(
        "CREATE TEMP TABLE pg_temp.ar_load_rejected ON COMMIT DROP AS "
        "SELECT s.seq, s.line, s.vocabulary_given, r.rejected_id, r.rejected_id OPERATOR(pg_catalog.>) $1::pg_catalog.int8 AS now_rejected "
        "  FROM pg_temp.ar_load_stage s "
        "  JOIN activity_report.rejected_events r ON r.source_ref OPERATOR(pg_catalog.=) {0} "
        " WHERE s.problem IS NULL AND NOT {1}",
        key_of("s"), event_has_key(key_of("s")));
}

// A file may mix vocabularies (the tool's own sitewide_activity download does): a rejected row without a
// Vocabulary of its own takes the first other vocabulary (by name) in which it is a valid event. Its key keeps
// the layout's vocabulary, so re-loading the file adds nothing.
// (A scalar subquery, evaluated for the rejected rows only.)
constexpr const char* retry_sql[] = {
    "CREATE TEMP TABLE pg_temp.ar_load_retry ON COMMIT DROP AS "
    "SELECT x.seq, x.rejected_id, x.now_rejected, "
    "       (SELECT v.vocabulary FROM activity_report.vocabularies v "
    "         WHERE v.vocabulary OPERATOR(pg_catalog.<>) s.vocabulary "
    "           AND activity_report.is_valid_event(ROW(s.occurred_at::pg_catalog.timestamptz, COALESCE(s.user_id, "
    "                 (SELECT em.user_id FROM pg_temp.ar_load_emails em WHERE em.email OPERATOR(pg_catalog.=) s.email)), "
    "                 s.category, s.action, s.label, COALESCE(s.content_id, (SELECT ti.content_id FROM pg_temp.ar_load_titles ti "
    "                   WHERE s.vocabulary OPERATOR(pg_catalog.=) 'content_actions' AND ti.name OPERATOR(pg_catalog.=) s.content_name)), "
    "                 s.content_name, s.content_slug)::activity_report.activity_event, v.vocabulary) "
    "         ORDER BY v.vocabulary LIMIT 1) AS vocabulary "
    "  FROM pg_temp.ar_load_rejected x JOIN pg_temp.ar_load_stage s ON s.seq OPERATOR(pg_catalog.=) x.seq "
    " WHERE NOT x.vocabulary_given",
    "DELETE FROM pg_temp.ar_load_retry WHERE vocabulary IS NULL",
};
// Retried rows that landed are no longer rejected; their rejection of this load is undone.
std::vector<std::string> retried_sql() {
    return {fmt::format("DELETE FROM pg_temp.ar_load_retry t USING pg_temp.ar_load_stage s WHERE s.seq OPERATOR(pg_catalog.=) t.seq "
                        "   AND NOT {}",
                        event_has_key(key_of("s"))),
            "DELETE FROM activity_report.rejected_events r USING pg_temp.ar_load_retry t "
            " WHERE r.rejected_id OPERATOR(pg_catalog.=) t.rejected_id AND t.now_rejected",
            "DELETE FROM pg_temp.ar_load_rejected x USING pg_temp.ar_load_retry t WHERE x.seq OPERATOR(pg_catalog.=) t.seq"};
}
// What the trigger kept of a row it rejected in this load: the file and line, and the date as the file gave it.
constexpr const char* rejected_origin_sql =
    "UPDATE activity_report.rejected_events r "
    "   SET origin = COALESCE(r.origin, $1 OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) x.line::pg_catalog.text), "
    "       occurred_at = CASE WHEN x.now_rejected THEN s.occurred_at ELSE r.occurred_at END "
    "  FROM pg_temp.ar_load_rejected x JOIN pg_temp.ar_load_stage s ON s.seq OPERATOR(pg_catalog.=) x.seq "
    " WHERE r.rejected_id OPERATOR(pg_catalog.=) x.rejected_id";

void append_number(std::string& out, std::uint64_t n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
}

std::uint64_t count_of(const Result& r) { return std::stoull(PQgetvalue(r.get(), 0, 0)); }

// The insert, first without ON CONFLICT (it costs an index probe per row); when a load of the same rows
// committed them meanwhile, again with it.
std::uint64_t insert(PgSession& db, const Rows& rows, bool resolve) {
    db.exec("SAVEPOINT ar_load_insert");
    try {
        auto n = std::stoull(PQcmdTuples(db.exec(insert_sql(rows, resolve, false)).get()));
        db.exec("RELEASE SAVEPOINT ar_load_insert");
        return n;
    } catch (const PgError& e) {
        if (e.sqlstate() != "23505") throw;
    }
    db.exec("ROLLBACK TO SAVEPOINT ar_load_insert");
    auto n = std::stoull(PQcmdTuples(db.exec(insert_sql(rows, resolve, true)).get()));
    db.exec("RELEASE SAVEPOINT ar_load_insert");
    return n;
}

void copy_table(PgSession& db, std::string_view table, std::string_view columns, const std::string& csv) {
    if (csv.empty()) return;
    db.copy_in_begin(fmt::format("COPY pg_temp.{} ({}) FROM STDIN (FORMAT csv)", table, columns));
    db.copy_in_put(csv);
    db.copy_in_end();
}

// A COPY fed from the sender thread, 64 KiB at a time.
class CopyStream {
public:
    CopyStream(PgSession& db, const std::string& copy_sql) : db_(db) {
        db_.copy_in_begin(copy_sql);
        sender_.emplace(db_);
    }
    std::string& buffer() { return buffer_; }
    void row_done() {
        if (buffer_.size() < (1u << 16)) return;
        sender_->put(std::move(buffer_));
        buffer_.clear();
        buffer_.reserve(1u << 17);
    }
    void finish() {
        if (!buffer_.empty()) sender_->put(std::move(buffer_));
        sender_->finish();
        sender_.reset();
        db_.copy_in_end();
    }
    // The input failed: what was sent is discarded with the COPY (and the file's transaction).
    void abort() {
        try {
            sender_->finish();
        } catch (const PgError&) {
        }
        sender_.reset();
        db_.copy_in_abort("input error");
    }

private:
    PgSession& db_;
    std::optional<CopySender> sender_;
    std::string buffer_;
};

// What the client found while staging rows.
struct Staged {
    std::uint64_t client_rejected = 0, server_keys = 0, twins = 0;
    MonthSample months;  // of the good rows
};

// One staged row (stage_columns); n: the row's number among its twins, or nullopt for the server to count.
void append_stage_row(std::string& buffer, std::uint64_t seq, const StagedRow& row, std::string_view vocabulary,
                      bool given, const std::optional<Md5Digest>& digest, std::optional<std::uint64_t> n, Staged& staged) {
    append_number(buffer, seq);
    buffer += ',';
    append_number(buffer, row.line);
    buffer += ',';
    append_csv_field(buffer, vocabulary);
    buffer += given ? ",t" : ",f";
    for (Target t : staged_fields) {
        buffer += ',';
        // The email matters only for a row without user ID (its learner is found by it).
        if (row[t] && (t != Target::email || !row[Target::user_id])) append_csv_field(buffer, *row[t]);
    }
    buffer += ',';
    if (!row.problem.empty()) {
        ++staged.client_rejected;
        append_csv_field(buffer, row.problem);
        buffer += ',';
        append_csv_field(buffer, row.problem_field);
    } else {
        buffer += ',';
        if (const auto& when = row[Target::occurred_at]) staged.months.add(*when);
    }
    buffer += ',';
    if (digest) buffer += md5_hex(*digest);
    else ++staged.server_keys;
    buffer += ',';
    if (n) append_number(buffer, *n);
    else ++staged.twins;
    buffer += '\n';
}

// Rows come from the first ones read (the probe) and then from the reader.
class RowFeed {
public:
    RowFeed(std::vector<StagedRow> head, ExportReader& reader) : head_(std::move(head)), reader_(reader) {}
    bool next(StagedRow& row) {
        if (at_ < head_.size()) {
            row = std::move(head_[at_++]);
            return true;
        }
        return reader_.next(row);
    }

private:
    std::vector<StagedRow> head_;
    std::size_t at_ = 0;
    ExportReader& reader_;
};

constexpr std::size_t probe_rows = 1000;

using VocabularyOf = std::function<std::pair<std::string_view, bool>(const StagedRow&)>;

// Whether the keys of the first rows (the good ones whose key the client computes) are almost all in events.
bool loaded_before(PgSession& db, const std::vector<StagedRow>& head, const VocabularyOf& vocabulary_of_row, bool ascii) {
    std::unordered_map<std::string, std::uint64_t> seen;  // exact numbers among identical rows: these are the first
    std::string csv;
    std::uint64_t probed = 0;
    for (const auto& row : head) {
        if (!row.problem.empty()) continue;
        auto digest = row_digest(row, vocabulary_of_row(row).first, ascii);
        if (!digest) continue;
        std::string hex = md5_hex(*digest);
        csv += "load:" + hex + ":" + std::to_string(++seen[hex]) + "\n";
        ++probed;
    }
    if (!probed) return false;
    db.exec("CREATE TEMP TABLE pg_temp.ar_load_probe (source_ref pg_catalog.text) ON COMMIT DROP");
    copy_table(db, "ar_load_probe", "source_ref", csv);
    std::uint64_t found = count_of(db.exec(
        "SELECT pg_catalog.count(*) FROM pg_temp.ar_load_probe p WHERE " + event_has_key("p.source_ref")));
    db.exec("DROP TABLE pg_temp.ar_load_probe");
    return found * 20 >= probed * 19;
}

// A file loaded before: first every row's key alone (seq, h, n: a narrow COPY), then, on a second reading of the
// file, only the rows no event has the key of (with the client-rejected ones, and those whose key only the
// server computes) into the stage. Returns the number of rows of the file.
std::uint64_t stage_new_rows(PgSession& db, std::vector<StagedRow> head, ExportReader& reader, ByteSource& source,
                             Progress& progress, const EventLoadOptions& options, const VocabularyOf& vocabulary_of_row,
                             const std::function<void(StagedRow&)>& prepare, bool titles, Staged& staged,
                             DimensionCollector& dimensions) {
    db.exec("CREATE TEMP TABLE pg_temp.ar_load_keys (seq bigint NOT NULL, h pg_catalog.text, n bigint) ON COMMIT DROP");
    std::uint64_t rows = 0, suspects = 0, server_keys = 0;
    {
        RepeatFilter repeats;
        RowFeed feed(std::move(head), reader);
        CopyStream copy(db, "COPY pg_temp.ar_load_keys (seq, h, n) FROM STDIN (FORMAT csv)");
        StagedRow row;
        try {
            while (feed.next(row)) {
                ++rows;
                prepare(row);
                std::string& buffer = copy.buffer();
                append_number(buffer, rows);
                if (auto digest = row_digest(row, vocabulary_of_row(row).first, options.ascii_lower)) {
                    buffer += ',';
                    buffer += md5_hex(*digest);
                    if (repeats.add(*digest)) ++suspects, buffer += ",\n";
                    else buffer += ",1\n";
                } else {
                    ++server_keys;
                    buffer += ",,\n";
                }
                copy.row_done();
                progress.update(rows, source.bytes_read());
            }
        } catch (const InputError&) {
            copy.abort();
            throw;
        }
        copy.finish();
    }
    if (suspects) db.exec(twins_sql("ar_load_keys"));
    db.exec("SET LOCAL default_statistics_target = 10");
    db.exec("ANALYZE pg_temp.ar_load_keys (h)");
    db.exec("RESET default_statistics_target");
    // (Rows whose key only the server computes are not in this table's anti-join: the second reading sends them.)
    auto fresh = db.exec(fmt::format(
        "SELECT seq, n FROM pg_temp.ar_load_keys k WHERE k.h IS NOT NULL AND NOT {} ORDER BY seq",
        event_has_key(key_of("k"))));
    if (PQntuples(fresh.get()) == 0 && server_keys == 0) return rows;

    // The second reading: the same file, the new rows only.
    auto in = options.reopen();
    ByteSource again(*in);
    ExportReader rereader(again, options.forced_layout);
    CopyStream copy(db, fmt::format("COPY pg_temp.ar_load_stage ({}) FROM STDIN (FORMAT csv)", stage_columns));
    StagedRow row;
    std::uint64_t seq = 0;
    int next = 0, wanted = PQntuples(fresh.get());
    try {
        while (rereader.next(row)) {
            ++seq;
            prepare(row);
            auto [vocabulary, given] = vocabulary_of_row(row);
            auto digest = row_digest(row, vocabulary, options.ascii_lower);
            std::optional<std::uint64_t> n;
            if (next < wanted && std::stoull(PQgetvalue(fresh.get(), next, 0)) == seq) {
                if (!PQgetisnull(fresh.get(), next, 1)) n = std::stoull(PQgetvalue(fresh.get(), next, 1));
                ++next;
            } else if (digest) {
                continue;  // an event has its key
            }
            append_stage_row(copy.buffer(), seq, row, vocabulary, given, digest, n, staged);
            dimensions.add(row, titles, vocabulary);
            copy.row_done();
        }
        if (seq != rows) throw InputError("the file changed while it was read");
    } catch (const InputError&) {
        copy.abort();
        throw;
    }
    copy.finish();
    return rows;
}

} // namespace

EventCounts load_events(PgSession& db, ExportReader& reader, ByteSource& source, const std::string& name,
                        Progress& progress, const EventLoadOptions& options) {
    db.exec(stage_sql);
    for (const char* sql : dimension_tables_sql) db.exec(sql);
    std::string_view layout_vocabulary = vocabulary_of(reader.layout());
    bool titles = reader.layout() == Layout::content_actions;
    auto vocabulary_of_row = [&](const StagedRow& row) -> std::pair<std::string_view, bool> {
        if (const auto& given = row[Target::vocabulary]) return {*given, true};
        return {layout_vocabulary, false};
    };
    auto prepare = [&](StagedRow& row) {
        if (!row[Target::portal] && options.portal) row[Target::portal] = options.portal;
    };
    EventCounts counts;
    Staged staged;
    DimensionCollector dimensions;

    // The first rows tell whether the file was loaded before: then only keys are sent first, and the rows
    // that are new (if any) on a second reading of the file.
    std::vector<StagedRow> head;
    StagedRow row;
    bool more = true;
    while (head.size() < probe_rows && (more = reader.next(row))) {
        prepare(row);
        head.push_back(row);
    }
    bool keys_first = more && options.reopen && loaded_before(db, head, vocabulary_of_row, options.ascii_lower);

    if (!keys_first) {
        RepeatFilter repeats;
        RowFeed feed(std::move(head), reader);
        CopyStream copy(db, fmt::format("COPY pg_temp.ar_load_stage ({}) FROM STDIN (FORMAT csv)", stage_columns));
        try {
            while (feed.next(row)) {
                ++counts.read;
                prepare(row);
                auto [vocabulary, given] = vocabulary_of_row(row);
                auto digest = row_digest(row, vocabulary, options.ascii_lower);
                std::optional<std::uint64_t> n;
                if (digest && !repeats.add(*digest)) n = 1;  // else it may repeat an earlier row: the server counts
                append_stage_row(copy.buffer(), counts.read, row, vocabulary, given, digest, n, staged);
                dimensions.add(row, titles, vocabulary);
                copy.row_done();
                progress.update(counts.read, source.bytes_read());
            }
        } catch (const InputError&) {
            progress.finish();
            copy.abort();
            throw;
        }
        copy.finish();
    } else {
        counts.read = stage_new_rows(db, std::move(head), reader, source, progress, options, vocabulary_of_row, prepare,
                                     titles, staged, dimensions);
    }
    progress.finish();
    // Row counts and null fractions for the plans below; a small sample is enough for those.
    db.exec("SET LOCAL default_statistics_target = 10");
    db.exec("ANALYZE pg_temp.ar_load_stage (problem, seq)");
    db.exec("RESET default_statistics_target");

    if (staged.server_keys) db.exec(server_hash_sql);
    if (staged.twins) db.exec(twins_sql("ar_load_stage"));
    copy_table(db, "ar_load_users", "user_id, first_name, last_name, company, email, portal", dimensions.users_csv());
    copy_table(db, "ar_load_emails", "email, portal", dimensions.emails_csv());
    copy_table(db, "ar_load_contents", "content_id, name, slug, portal", dimensions.contents_csv());
    copy_table(db, "ar_load_titles", "name", dimensions.titles_csv());
    copy_table(db, "ar_load_categories", "content_id, content_name, vocabulary, category", dimensions.categories_csv());
    if (dimensions.has_emails()) db.exec(resolve_sql[0]);
    if (dimensions.has_titles()) db.exec(resolve_sql[1]);
    // From here to its commit, a load writes alone (the other loads wait here, after their staging): the
    // check for present keys (present_sql, and the retried rows' NOT EXISTS) then sees every key a load
    // committed, so no load stores a key again. The unique key
    // of events is per partition, (source_ref, occurred_at): without this, two simultaneous loads of rows
    // without a UTC offset under different --timezone would give one key two times, in two partitions
    // (README "Partitions"). Taken before the first write to a shared table, so no lock cycle through them.
    db.exec("SELECT pg_catalog.pg_advisory_xact_lock(1633838700, 1701146228)");  // 'ar_l', 'evt' + 't'
    if (staged.client_rejected) db.exec(client_rejects_sql(), {name});
    // Before the months are made: the default partition's rows they move in are still indexed there.
    db.exec(present_sql());
    int new_months = options.make_months ? open_new_months(db, staged.months, options.quiet) : 0;
    db.exec("CREATE INDEX ON pg_temp.ar_load_stage (seq)");

    // Every row is judged once, by the classifying trigger: rows it refuses go to rejected_events.
    db.exec("SET LOCAL activity_report.on_invalid = 'reject'");
    std::uint64_t good = counts.read - staged.client_rejected;
    std::string last_rejection = PQgetvalue(
        db.exec("SELECT COALESCE(pg_catalog.max(rejected_id), 0) FROM activity_report.rejected_events").get(), 0, 0);
    bool resolve = dimensions.has_emails_or_titles();
    counts.loaded = insert(db, good_rows, resolve);
    std::uint64_t trigger_rejected = 0;
    if (counts.loaded != good) {
        // A 0.1.0 schema has no unique key on rejected_events.source_ref: a row the trigger rejected again is
        // kept once there too.
        db.exec("DELETE FROM activity_report.rejected_events r WHERE r.rejected_id OPERATOR(pg_catalog.>) $1::pg_catalog.int8 "
                "   AND EXISTS (SELECT FROM activity_report.rejected_events o WHERE o.source_ref OPERATOR(pg_catalog.=) r.source_ref "
                "                  AND o.rejected_id OPERATOR(pg_catalog.<=) $1::pg_catalog.int8)",
                {last_rejection});
        db.exec(trigger_rejects_sql(), {last_rejection});
        trigger_rejected = count_of(db.exec("SELECT pg_catalog.count(*) FROM pg_temp.ar_load_rejected"));
        if (trigger_rejected && count_of(db.exec("SELECT pg_catalog.count(*) FROM pg_temp.ar_load_rejected WHERE NOT vocabulary_given"))) {
            for (const char* sql : retry_sql) db.exec(sql);
            if (count_of(db.exec("SELECT pg_catalog.count(*) FROM pg_temp.ar_load_retry"))) {
                counts.loaded += insert(db, retried_rows, resolve);
                for (auto& sql : retried_sql()) db.exec(sql);
                db.exec(retried_categories_sql);
                trigger_rejected = count_of(db.exec("SELECT pg_catalog.count(*) FROM pg_temp.ar_load_rejected"));
            }
        }
        if (trigger_rejected) db.exec(rejected_origin_sql, {name});
    }
    if (new_months) index_new_months(db);
    if (counts.loaded)  // users and contents of rows loaded before were filled then
        for (const char* sql : dimensions_sql) db.exec(sql);
    counts.rejected = staged.client_rejected + trigger_rejected;
    counts.already = good - (counts.loaded + trigger_rejected);  // also rows a simultaneous load of them committed

    if (!options.quiet && counts.rejected) {
        std::string sql =
            "SELECT line, problem FROM pg_temp.ar_load_stage WHERE problem IS NOT NULL";
        if (trigger_rejected)
            sql = "SELECT q.line, q.reason FROM (SELECT seq, line, problem AS reason FROM pg_temp.ar_load_stage WHERE problem IS NOT NULL "
                  "UNION ALL SELECT x.seq, x.line, r.reason FROM pg_temp.ar_load_rejected x "
                  "JOIN activity_report.rejected_events r ON r.rejected_id OPERATOR(pg_catalog.=) x.rejected_id) q ORDER BY q.seq";
        else
            sql += " ORDER BY seq";
        auto rejected = db.exec(sql);
        for (int i = 0; i < PQntuples(rejected.get()); ++i)
            fmt::print("{}:{}: {}\n", name, PQgetvalue(rejected.get(), i, 0), PQgetvalue(rejected.get(), i, 1));
    }
    return counts;
}

} // namespace ar::cli
