// The BEFORE INSERT OR UPDATE trigger on activity_report.events: validates and classifies each row
// (fills kind_id and details) and applies activity_report.on_invalid to the rows that fail. An inserted row
// that brings its classification (a restore) keeps it when nothing contradicts it (given_classification.hpp).
#include "core/given_classification.hpp"
#include "core/json.hpp"
#include "core/recent_classifications.hpp"
#include "pg/convert.hpp"
#include "pg/dirty_days.hpp"
#include "pg/taxonomy_cache.hpp"

#include "pg/boundary.hpp"
#include "pg/extension_objects.hpp"
#include "pg/module.hpp"

extern "C" {
#include "access/htup_details.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/inval.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/rel.h"
PG_FUNCTION_INFO_V1(ar_events_classify);
}

#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace {

using namespace ar;
using namespace ar::pg;

// Columns copied into rejected_events, all as text: a rejected row is kept as given. occurred_at, already
// parsed by the insert, is written in ISO 8601 UTC so it reads the same whatever the DateStyle, with its era
// (" BC") and its infinities, so that it reads back as the same timestamptz.
constexpr std::array<const char*, 11> kept_columns = {"vocabulary", "occurred_at", "user_id", "category", "action",
                                                      "label", "content_id", "content_name", "content_slug",
                                                      "portal", "source_ref"};
constexpr std::size_t occurred_at_index = 1;
static_assert(std::string_view(kept_columns[occurred_at_index]) == "occurred_at");
SPIPlanPtr reject_plan = nullptr;
char* reject_table = nullptr; // the qualified name reject_plan inserts into

int column(TupleDesc desc, const char* name) {
    int attno = pg_call([&] { return SPI_fnumber(desc, name); });
    if (attno <= 0)
        throw SqlError(ERRCODE_UNDEFINED_COLUMN, fmt::format("activity_report.events has no column \"{}\"", name), {},
                       "The classifying trigger needs the columns of activity_report.events as the extension creates them.");
    return attno;
}

// The columns the trigger reads and writes, by number: looked up once per relation (each partition of
// events is one) instead of by name for every row. An entry is checked against its relation's columns when
// made and dropped on that relation's relcache invalidation, which every ALTER TABLE sends (a column may move).
enum EventColumn { c_occurred_at, c_user_id, c_category, c_action, c_label, c_vocabulary, c_kind_id, c_details, c_count };
constexpr std::array<const char*, c_count> event_column_names = {"occurred_at", "user_id", "category", "action",
                                                                 "label", "vocabulary", "kind_id", "details"};
struct EventColumns {
    Oid relid = InvalidOid;
    std::array<int, c_count> attno{};
};
std::array<EventColumns, 64> column_cache{}; // direct-mapped by relation OID
bool column_cache_watched = false;

void forget_event_columns(Datum, Oid relid) {
    for (EventColumns& c : column_cache)
        if (relid == InvalidOid || c.relid == relid) c.relid = InvalidOid;
}

const EventColumns& event_columns(Relation rel) {
    EventColumns& c = column_cache[RelationGetRelid(rel) % column_cache.size()];
    if (c.relid == RelationGetRelid(rel)) return c;
    if (!column_cache_watched) {
        pg_call([] { CacheRegisterRelcacheCallback(forget_event_columns, 0); });
        column_cache_watched = true;
    }
    EventColumns fresh;
    fresh.relid = RelationGetRelid(rel);
    for (int i = 0; i < c_count; ++i) fresh.attno[i] = column(RelationGetDescr(rel), event_column_names[i]);
    c = fresh;
    return c;
}

void reject(HeapTuple tuple, TupleDesc desc, const std::vector<Problem>& problems) {
    std::array<Datum, kept_columns.size() + 2> values{};
    std::array<char, kept_columns.size() + 2> nulls{};
    for (std::size_t i = 0; i < kept_columns.size(); ++i) {
        const char* name = kept_columns[i];
        int attno = column(desc, name);
        if (i == occurred_at_index) { // the timestamptz itself: the statement below writes it as text
            bool isnull = false;
            values[i] = pg_call([&] { return SPI_getbinval(tuple, desc, attno, &isnull); });
            nulls[i] = isnull ? 'n' : ' ';
            continue;
        }
        char* v = pg_call([&] { return SPI_getvalue(tuple, desc, attno); });
        values[i] = v ? text_datum(v) : Datum(0);
        nulls[i] = v ? ' ' : 'n';
    }
    std::string reason = fmt::format("{}: {}", field_name(problems.front().field), problems.front().message);
    values[kept_columns.size()] = text_datum(reason);
    nulls[kept_columns.size()] = ' ';
    values[kept_columns.size() + 1] = jsonb_datum(problems_to_json(problems));
    nulls[kept_columns.size() + 1] = ' ';
    pg_call([&] {
        // rejected_events as the extension's member table (extension_objects.hpp), never by name alone; the
        // kept plan is prepared again if that table's name changed.
        const char* table = qualified_table_name(extension_table(extension_schema(), "rejected_events"));
        if (reject_plan && strcmp(table, reject_table) != 0) {
            SPI_freeplan(reject_plan);
            reject_plan = nullptr;
        }
        SPI_connect();
        if (!reject_plan) {
            Oid types[kept_columns.size() + 2];
            for (std::size_t i = 0; i < kept_columns.size() + 1; ++i) types[i] = TEXTOID;
            types[occurred_at_index] = TIMESTAMPTZOID;
            types[kept_columns.size() + 1] = JSONBOID;
            // A row rejected again (same source_ref) is kept once: 0.2.0's unique key. No conflict target,
            // so the statement also runs against a 0.1.0 schema (no such key; the identity never conflicts).
            char* sql = psprintf(
                "INSERT INTO %s (vocabulary, occurred_at, user_id, category, action, label, "
                "content_id, content_name, content_slug, portal, source_ref, reason, problems) "
                "VALUES ($1, CASE WHEN NOT pg_catalog.isfinite($2) THEN CAST($2 AS pg_catalog.text) "
                "ELSE pg_catalog.to_char($2 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                "OPERATOR(pg_catalog.||) CASE WHEN pg_catalog.to_char($2 AT TIME ZONE 'UTC', 'BC') OPERATOR(pg_catalog.=) 'BC' "
                "THEN ' BC' ELSE '' END END, "
                "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                "ON CONFLICT DO NOTHING", table);
            SPIPlanPtr plan = SPI_prepare(sql, static_cast<int>(kept_columns.size() + 2), types);
            if (!plan) elog(ERROR, "activity_report: could not prepare the rejected_events insert");
            SPI_keepplan(plan);
            reject_plan = plan;
            if (reject_table) pfree(reject_table);
            reject_table = MemoryContextStrdup(TopMemoryContext, table);
        }
        if (SPI_execute_plan(reject_plan, values.data(), nulls.data(), false, 0) != SPI_OK_INSERT)
            elog(ERROR, "activity_report: could not store the rejected event");
        SPI_finish();
    });
}

// The row's columns, read once (heap_getattr walks the row from its start for every column after a
// text one); the by-reference values point into the row or its slot. The new row is formed from them. The
// trigger's slot holds the same row: a virtual slot (an insert routed through events) has its columns
// already apart, so they are copied rather than deformed from the heap tuple again.
class DeformedRow {
public:
    DeformedRow(HeapTuple tuple, TupleTableSlot* slot, TupleDesc desc) : tuple_(tuple), desc_(desc) {
        const std::size_t n = static_cast<std::size_t>(desc->natts);
        if (n > inline_columns) {
            values_ = pg_call([&] { return static_cast<Datum*>(palloc(n * sizeof(Datum))); });
            nulls_ = pg_call([&] { return static_cast<bool*>(palloc(n * sizeof(bool))); });
        }
        if (slot && TTS_IS_VIRTUAL(slot) && slot->tts_tupleDescriptor->natts == desc->natts &&
            slot->tts_nvalid == desc->natts) {
            std::memcpy(values_, slot->tts_values, n * sizeof(Datum));
            std::memcpy(nulls_, slot->tts_isnull, n * sizeof(bool));
        } else {
            heap_deform_tuple(tuple, desc, values_, nulls_); // reads the row only: cannot fail
        }
    }
    bool null(int attno) const { return nulls_[attno - 1]; }
    Datum value(int attno) const { return values_[attno - 1]; }
    std::optional<std::string_view> text(int attno) const {
        if (null(attno)) return std::nullopt;
        return text_view(value(attno)); // may detoast, under its own guard
    }
    void set(int attno, Datum v, bool is_null) {
        values_[attno - 1] = v;
        nulls_[attno - 1] = is_null;
    }
    // The row with the values set, keeping the original's identity (what heap_modify_tuple does).
    HeapTuple formed() const {
        return pg_call([&] {
            HeapTuple t = heap_form_tuple(desc_, values_, nulls_);
            t->t_data->t_ctid = tuple_->t_data->t_ctid;
            t->t_self = tuple_->t_self;
            t->t_tableOid = tuple_->t_tableOid;
            return t;
        });
    }

private:
    static constexpr std::size_t inline_columns = 32;
    HeapTuple tuple_;
    TupleDesc desc_;
    Datum inline_values_[inline_columns];
    bool inline_nulls_[inline_columns];
    Datum* values_ = inline_values_;
    bool* nulls_ = inline_nulls_;
};

// What an inserted row brings in kind_id and details (given_classification.hpp). Accepted rows are marked by
// details of the form {"problems": [...]}, which is what accept stores.
GivenClassification given_classification(const DeformedRow& row, int kind_col, int details_col) {
    GivenClassification given;
    if (!row.null(kind_col)) {
        given.kind_id = DatumGetInt32(row.value(kind_col));
        return given;
    }
    if (row.null(details_col)) return given;
    Datum details = row.value(details_col);
    given.accepted = pg_call([&] {
        Jsonb* jb = DatumGetJsonbP(details);
        if (!JB_ROOT_IS_OBJECT(jb) || JB_ROOT_COUNT(jb) != 1) return false;
        JsonbValue v;
        return getKeyJsonValueFromContainer(&jb->root, "problems", 8, &v) != nullptr && v.type == jbvBinary &&
               JsonContainerIsArray(v.val.binary.data);
    });
    return given;
}

// The kinds and details of recent rows (core/recent_classifications.hpp) under the taxonomy they were
// classified with: another taxonomy (the cache was reloaded) starts an empty memo. It holds that taxonomy, so
// its address cannot come back as a new one's. The details are the jsonb's bytes, 8-byte aligned like the
// palloc'd value heap_form_tuple copies them from.
struct RecentKind {
    int32 kind_id = 0;
    std::vector<std::uint64_t> details;
};

class KindMemo {
public:
    using Probe = RecentClassifications<RecentKind>::Probe;
    const RecentKind* find(const std::shared_ptr<const Taxonomy>& taxonomy, const Probe& key) {
        if (taxonomy.get() != taxonomy_.get()) {
            recent_.clear();
            taxonomy_ = taxonomy;
        }
        return recent_.find(key);
    }
    // The memo is optional: a failure to keep (out of memory) forgets the key and lets the row be stored.
    void keep(const Probe& key, int32 kind_id, Datum details) noexcept {
        try {
            RecentKind* slot = recent_.put(key);
            if (!slot) return;
            const void* jsonb = DatumGetPointer(details); // JsonbValueToJsonb's value: plain, 4-byte header
            const std::size_t size = VARSIZE(jsonb);
            slot->details.resize((size + sizeof(std::uint64_t) - 1) / sizeof(std::uint64_t));
            std::memcpy(slot->details.data(), jsonb, size);
            slot->kind_id = kind_id;
        } catch (...) {
            recent_.forget(key.key);
        }
    }

private:
    std::shared_ptr<const Taxonomy> taxonomy_;
    RecentClassifications<RecentKind> recent_;
};
KindMemo* kind_memo = nullptr; // made on first use, kept for the backend's life

// accept keeps an unclassified row, but a row without time, user, category or action cannot be stored.
bool storable(const std::vector<Problem>& problems) {
    for (const Problem& p : problems)
        if (p.code == ProblemCode::missing && p.field != Field::label) return false;
    return true;
}

std::string describe_event(const EventView& e, std::string_view vocabulary) {
    auto show = [](const std::optional<std::string_view>& v) { return v ? fmt::format("\"{}\"", excerpt(*v, 80)) : std::string("NULL"); };
    return fmt::format("vocabulary \"{}\", user_id {}, category {}, action {}, label {}", excerpt(vocabulary, 80), show(e.user_id),
                       show(e.category), show(e.action), show(e.label));
}

} // namespace

extern "C" Datum ar_events_classify(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (!CALLED_AS_TRIGGER(fcinfo))
            throw SqlError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "events_classify() must be called as a trigger");
        auto* trigger = reinterpret_cast<TriggerData*>(fcinfo->context);
        TriggerEvent ev = trigger->tg_event;
        if (!TRIGGER_FIRED_BEFORE(ev) || !TRIGGER_FIRED_FOR_ROW(ev) || TRIGGER_FIRED_BY_DELETE(ev))
            throw SqlError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                           "events_classify() must run BEFORE INSERT OR UPDATE FOR EACH ROW");
        HeapTuple tuple = TRIGGER_FIRED_BY_UPDATE(ev) ? trigger->tg_newtuple : trigger->tg_trigtuple;
        TupleDesc desc = trigger->tg_relation->rd_att;

        const EventColumns col = event_columns(trigger->tg_relation); // a copy: a nested call may refill the slot
        DeformedRow row(tuple, TRIGGER_FIRED_BY_UPDATE(ev) ? trigger->tg_newslot : trigger->tg_trigslot, desc);
        EventView e;
        e.has_occurred_at = !row.null(col.attno[c_occurred_at]);
        Datum occurred_at = row.value(col.attno[c_occurred_at]);
        e.user_id = row.text(col.attno[c_user_id]);
        e.category = row.text(col.attno[c_category]);
        e.action = row.text(col.attno[c_action]);
        e.label = row.text(col.attno[c_label]);
        std::optional<std::string_view> vocabulary = row.text(col.attno[c_vocabulary]);
        std::string_view vocab = vocabulary.value_or(std::string_view{});

        auto taxonomy = current_taxonomy();
        int kind_col = col.attno[c_kind_id], details_col = col.attno[c_details];
        // An event of an archived day could never be counted (its rollups are final): invalid, whatever its
        // triple. A row that comes as an accepted invalid one (a restore of an accepted row) is judged as ever.
        const bool day_is_archived = e.has_occurred_at && day_archived(occurred_at);
        // An inserted row that is stored makes its day dirty (updates and deletes: the row triggers of
        // 54_rollups.sql, which also see the rows this trigger does not fire for); an archived day is never
        // rolled up again, so it is not marked.
        auto stored = [&](HeapTuple t) {
            if (TRIGGER_FIRED_BY_INSERT(ev) && e.has_occurred_at && !day_is_archived) mark_day_dirty(occurred_at);
            return PointerGetDatum(t);
        };
        GivenClassification brought; // an update's old classification proves nothing
        if (TRIGGER_FIRED_BY_INSERT(ev)) brought = given_classification(row, kind_col, details_col);
        const bool archived = day_is_archived && !brought.accepted;
        // A row that brings no classification is judged afresh; when its key decides the verdict, the same
        // key may have been classified a moment ago.
        const bool by_key = !archived && !brought.kind_id && !brought.accepted && Taxonomy::decided_by_key(e);
        ClassificationKey key;
        std::optional<KindMemo::Probe> probe;
        if (by_key) key = {vocab, *e.category, *e.action, e.label};
        if (by_key && RecentClassifications<RecentKind>::keepable(key)) {
            if (!kind_memo) kind_memo = new KindMemo();
            probe.emplace(RecentClassifications<RecentKind>::probe(key));
            if (const RecentKind* recent = kind_memo->find(taxonomy, *probe)) {
                row.set(kind_col, Int32GetDatum(recent->kind_id), false);
                row.set(details_col, PointerGetDatum(recent->details.data()), false);
                return stored(row.formed());
            }
        }
        std::vector<Problem> problems;
        Captures captures;
        // A row inserted already classified (a restore) keeps its classification when nothing contradicts it.
        GivenJudgement given;
        if (TRIGGER_FIRED_BY_INSERT(ev) && !archived) given = judge_given(*taxonomy, e, vocab, brought, captures);
        if (given.verdict == GivenVerdict::keep_as_given) return stored(tuple);
        if (given.verdict == GivenVerdict::classify) captures.clear();
        const Taxonomy::Kind* kind = nullptr;
        if (archived) problems.push_back(archived_day_problem(occurred_at));
        else kind = given.verdict == GivenVerdict::kind_verified ? given.kind : taxonomy->validate(e, vocab, problems, &captures);

        Datum values[2] = {Datum(0), Datum(0)};
        bool nulls[2] = {true, true};
        if (kind) {
            values[0] = Int32GetDatum(kind->id);
            values[1] = details_jsonb(captures);
            nulls[0] = nulls[1] = false;
            if (probe) kind_memo->keep(*probe, kind->id, values[1]);
        } else if (const int mode = current_on_invalid(); mode == on_invalid_reject) {
            reject(tuple, desc, problems);
            return PointerGetDatum(nullptr); // the row is skipped; it is kept in rejected_events
        } else if (mode == on_invalid_accept && storable(problems)) {
            values[1] = jsonb_datum(fmt::format("{{\"problems\": {}}}", problems_to_json(problems)));
            nulls[1] = false;
        } else {
            const Problem& p = problems.front();
            std::string detail = fmt::format("Event: {}.", describe_event(e, vocab));
            if (problems.size() > 1) detail += fmt::format(" {} more problem(s): ", problems.size() - 1);
            for (std::size_t i = 1; i < problems.size(); ++i)
                detail += fmt::format("{}{}: {}", i > 1 ? "; " : "", field_name(problems[i].field), problems[i].message);
            throw SqlError(sqlstate_of(p.code), fmt::format("invalid activity event: {}", p.message), detail,
                           p.hint + " To keep invalid rows instead, SET activity_report.on_invalid = 'reject' "
                                    "(they go to activity_report.rejected_events) or 'accept'.");
        }
        row.set(kind_col, values[0], nulls[0]);
        row.set(details_col, values[1], nulls[1]);
        return stored(row.formed());
    });
}
