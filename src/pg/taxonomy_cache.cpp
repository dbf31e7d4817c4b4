#include "pg/taxonomy_cache.hpp"

#include "pg/boundary.hpp"

extern "C" {
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
PG_FUNCTION_INFO_V1(ar_taxonomy_changed);
}

#include <array>
#include <cstdlib>

namespace ar::pg {

namespace {

std::shared_ptr<const Taxonomy> cached;
bool stale = true;
constexpr std::array<const char*, 4> taxonomy_tables = {"vocabularies", "activity_kinds", "reaction_types", "content_types"};
std::array<Oid, taxonomy_tables.size()> watched{};

void on_relcache_invalidation(Datum, Oid relid) {
    if (relid == InvalidOid) { stale = true; return; }
    for (Oid oid : watched)
        if (oid == relid) stale = true;
}

// Rows of one query as C strings (NULL cells are nullptr), copied out of SPI into `into`.
struct Rows {
    uint64 count = 0;
    int columns = 0;
    char** cells = nullptr;
    const char* at(uint64 row, int col) const { return cells[row * static_cast<uint64>(columns) + static_cast<uint64>(col)]; }
};

// Runs under pg_call: plain C, nothing with a destructor.
void fetch(const char* sql, Rows* rows, MemoryContext into) {
    if (SPI_execute(sql, true, 0) != SPI_OK_SELECT) elog(ERROR, "activity_report: taxonomy query failed: %s", sql);
    rows->count = SPI_processed;
    rows->columns = SPI_tuptable->tupdesc->natts;
    rows->cells = static_cast<char**>(MemoryContextAllocZero(into, sizeof(char*) * (rows->count ? rows->count : 1) *
                                                                       static_cast<Size>(rows->columns)));
    for (uint64 r = 0; r < rows->count; ++r)
        for (int c = 0; c < rows->columns; ++c) {
            char* v = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, c + 1);
            rows->cells[r * static_cast<uint64>(rows->columns) + static_cast<uint64>(c)] = v ? MemoryContextStrdup(into, v) : nullptr;
        }
}

std::string str(const char* s) { return s ? s : ""; }

std::shared_ptr<const Taxonomy> load() {
    MemoryContext scratch = pg_call([] {
        return AllocSetContextCreate(CurrentMemoryContext, "activity_report taxonomy load", ALLOCSET_DEFAULT_SIZES);
    });
    Rows vocabularies, kinds, reactions;
    std::array<Oid, taxonomy_tables.size()> oids{};
    pg_call([&] {
        Oid nsp = get_namespace_oid("activity_report", true);
        if (!OidIsValid(nsp))
            ereport(ERROR, (errcode(ERRCODE_UNDEFINED_SCHEMA), errmsg("schema \"activity_report\" does not exist"),
                            errhint("Run CREATE EXTENSION activity_report.")));
        for (std::size_t i = 0; i < taxonomy_tables.size(); ++i) oids[i] = get_relname_relid(taxonomy_tables[i], nsp);
        SPI_connect();
        fetch("SELECT vocabulary FROM activity_report.vocabularies ORDER BY vocabulary", &vocabularies, scratch);
        fetch("SELECT kind_id::pg_catalog.text, vocabulary, section, name, category_pattern, action_pattern, "
              "label_pattern, pg_catalog.array_to_string(roles, ',') FROM activity_report.activity_kinds ORDER BY kind_id",
              &kinds, scratch);
        // counts_as came in 0.2.0: read through to_jsonb so the library also serves a 0.1.0 schema.
        fetch("SELECT reaction, polarity::pg_catalog.text,"
              "       COALESCE(pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.->>) 'counts_as', '')"
              "  FROM activity_report.reaction_types r", &reactions, scratch);
        SPI_finish();
    });

    std::vector<std::string> vocabulary_names;
    for (uint64 r = 0; r < vocabularies.count; ++r) vocabulary_names.push_back(str(vocabularies.at(r, 0)));
    std::vector<KindSpec> specs;
    specs.reserve(kinds.count);
    for (uint64 r = 0; r < kinds.count; ++r) {
        KindSpec k;
        k.id = std::atoi(kinds.at(r, 0));
        k.vocabulary = str(kinds.at(r, 1));
        k.section = str(kinds.at(r, 2));
        k.name = str(kinds.at(r, 3));
        k.category = str(kinds.at(r, 4));
        k.action = str(kinds.at(r, 5));
        k.label = str(kinds.at(r, 6));
        std::string_view roles = kinds.at(r, 7) ? kinds.at(r, 7) : "";
        while (!roles.empty()) {
            std::size_t comma = roles.find(',');
            k.roles.emplace_back(roles.substr(0, comma));
            roles = comma == std::string_view::npos ? std::string_view{} : roles.substr(comma + 1);
        }
        specs.push_back(std::move(k));
    }
    std::vector<ReactionSpec> reaction_specs;
    for (uint64 r = 0; r < reactions.count; ++r)
        reaction_specs.push_back({str(reactions.at(r, 0)), std::atoi(reactions.at(r, 1)), str(reactions.at(r, 2))});
    pg_call([&] { MemoryContextDelete(scratch); });

    auto compiled = Taxonomy::compile(vocabulary_names, specs, reaction_specs);
    watched = oids;
    return compiled;
}

} // namespace

std::shared_ptr<const Taxonomy> current_taxonomy() {
    if (stale || !cached) {
        // Clear first: an invalidation that arrives while loading must trigger another load.
        stale = false;
        try {
            cached = load();
        } catch (...) {
            stale = true;
            throw;
        }
    }
    return cached;
}

const Taxonomy& taxonomy() {
    if (stale || !cached) current_taxonomy();
    return *cached;
}

void register_taxonomy_invalidation() { CacheRegisterRelcacheCallback(on_relcache_invalidation, 0); }

} // namespace ar::pg

// Statement trigger on the taxonomy tables: a relcache invalidation reaches every backend (at commit)
// and this one (at the next command), which then recompiles its taxonomy.
extern "C" Datum ar_taxonomy_changed(PG_FUNCTION_ARGS) {
    return ar::pg::boundary([&] {
        if (!CALLED_AS_TRIGGER(fcinfo))
            throw ar::pg::SqlError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "taxonomy_changed() must be called as a trigger");
        auto* trigger = reinterpret_cast<TriggerData*>(fcinfo->context);
        ar::pg::pg_call([&] { CacheInvalidateRelcache(trigger->tg_relation); });
        return PointerGetDatum(nullptr);
    });
}
