#include "pg/taxonomy_cache.hpp"

#include "pg/boundary.hpp"
#include "pg/extension_objects.hpp"

extern "C" {
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "storage/proc.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
PG_FUNCTION_INFO_V1(ar_taxonomy_changed);
}

#include <array>
#include <cstdlib>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace ar::pg {

namespace {

// Which transactions a snapshot sees as finished; enough to compare two snapshots' views of the taxonomy.
struct SnapshotView {
    LocalTransactionId lxid = InvalidLocalTransactionId;
    TransactionId xmin = InvalidTransactionId, xmax = InvalidTransactionId;
    CommandId curcid = InvalidCommandId;
    std::vector<TransactionId> running; // xip and subxip
    bool complete = false;              // false when subtransactions overflowed: `running` is not the whole list
};

SnapshotView view_of(Snapshot s) {
    SnapshotView v;
    v.lxid = MyProc->lxid;
    v.xmin = s->xmin;
    v.xmax = s->xmax;
    v.curcid = s->curcid;
    v.running.assign(s->xip, s->xip + s->xcnt);
    v.running.insert(v.running.end(), s->subxip, s->subxip + s->subxcnt);
    v.complete = !s->suboverflowed;
    return v;
}

// Is xid still running in that view? nullopt when the view cannot tell (overflowed subtransactions).
std::optional<bool> running_in(const SnapshotView& v, TransactionId xid) {
    if (TransactionIdFollowsOrEquals(xid, v.xmax)) return true;
    if (TransactionIdPrecedes(xid, v.xmin)) return false;
    for (TransactionId r : v.running)
        if (TransactionIdEquals(r, xid)) return true;
    if (!v.complete) return std::nullopt;
    return false;
}

// Does snapshot s see every transaction that `loaded` saw finished? Then a taxonomy read under `loaded`
// holds nothing s must not see. (What s sees beyond it arrives as an invalidation, see current_entry.)
// Errs on the side of "no": the caller then reads the taxonomy under s itself.
bool sees_everything_of(Snapshot s, const SnapshotView& loaded) {
    if (loaded.lxid == MyProc->lxid && s->curcid < loaded.curcid) return false; // our own later commands
    if (TransactionIdPrecedesOrEquals(loaded.xmax, s->xmin)) return true;      // all of it finished before s
    if (TransactionIdFollows(loaded.xmax, s->xmax) || s->suboverflowed) return false;
    auto finished_for_loaded = [&](TransactionId xid) {
        if (!TransactionIdPrecedes(xid, loaded.xmax)) return false;
        std::optional<bool> running = running_in(loaded, xid);
        return !running || !*running; // unknown counts as finished: answer "no"
    };
    for (uint32 i = 0; i < s->xcnt; ++i)
        if (finished_for_loaded(s->xip[i])) return false;
    for (int32 i = 0; i < s->subxcnt; ++i)
        if (finished_for_loaded(s->subxip[i])) return false;
    return true;
}

// A cheap identity of the statement snapshot in use: when it changes, a new statement (or command) began.
struct SnapshotKey {
    LocalTransactionId lxid = InvalidLocalTransactionId;
    TransactionId xmin = InvalidTransactionId, xmax = InvalidTransactionId;
    uint32 xcnt = 0;
    int32 subxcnt = 0;
    bool suboverflowed = false;
    CommandId curcid = InvalidCommandId;
    bool operator==(const SnapshotKey&) const = default;
    // The same view of the data, whatever the command: a private load stays right for the whole RR
    // transaction (our own changes arrive as invalidations).
    bool same_data(const SnapshotKey& o) const {
        return lxid == o.lxid && xmin == o.xmin && xmax == o.xmax && xcnt == o.xcnt && subxcnt == o.subxcnt &&
               suboverflowed == o.suboverflowed;
    }
};

SnapshotKey key_of(Snapshot s) {
    return {MyProc->lxid, s->xmin, s->xmax, s->xcnt, s->subxcnt, s->suboverflowed, s->curcid};
}

struct Entry {
    std::shared_ptr<const Taxonomy> taxonomy;
    SnapshotView loaded_under;
    SnapshotKey key;
};

// `latest`: read under a snapshot taken now, after every invalidation received so far, so it holds every
// committed change; shared by the statements whose snapshot sees all of it. `own`: read under the current
// statement's snapshot when that snapshot is older (a REPEATABLE READ transaction begun before a change, a
// long statement); valid while that snapshot is.
std::optional<Entry> latest, own;
bool stale = true;
SnapshotKey last_key;
const Entry* in_use = nullptr;

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

// Reads and compiles the taxonomy under the active snapshot. The tables are the extension's members,
// found through the extension (extension_objects.hpp); kinds of a vocabulary that is not (yet) there are
// left out: they cannot match any event.
std::shared_ptr<const Taxonomy> load() {
    MemoryContext scratch = pg_call([] {
        return AllocSetContextCreate(CurrentMemoryContext, "activity_report taxonomy load", ALLOCSET_DEFAULT_SIZES);
    });
    std::array<Oid, taxonomy_tables.size()> oids{};
    std::array<const char*, taxonomy_tables.size()> names{};
    pg_call([&] {
        MemoryContext old = MemoryContextSwitchTo(scratch);
        Oid schema = extension_schema();
        for (std::size_t i = 0; i < taxonomy_tables.size(); ++i) {
            oids[i] = extension_table(schema, taxonomy_tables[i]);
            names[i] = qualified_table_name(oids[i]);
        }
        MemoryContextSwitchTo(old);
    });
    const char *vocabularies_table = names[0], *kinds_table = names[1], *reactions_table = names[2];
    std::string vocabularies_sql = fmt::format("SELECT vocabulary FROM {} ORDER BY vocabulary", vocabularies_table);
    std::string kinds_sql = fmt::format(
        "SELECT k.kind_id::pg_catalog.text, k.vocabulary, k.section, k.name, k.category_pattern, k.action_pattern, "
        "k.label_pattern, pg_catalog.array_to_string(k.roles, ',') FROM {} k "
        "WHERE EXISTS (SELECT FROM {} v WHERE v.vocabulary OPERATOR(pg_catalog.=) k.vocabulary) ORDER BY k.kind_id",
        kinds_table, vocabularies_table);
    // counts_as came in 0.2.0: read through to_jsonb so the library also serves a 0.1.0 schema.
    std::string reactions_sql = fmt::format(
        "SELECT reaction, polarity::pg_catalog.text, "
        "COALESCE(pg_catalog.to_jsonb(r) OPERATOR(pg_catalog.->>) 'counts_as', '') FROM {} r", reactions_table);

    Rows vocabularies, kinds, reactions;
    pg_call([&] {
        SPI_connect();
        fetch(vocabularies_sql.c_str(), &vocabularies, scratch);
        fetch(kinds_sql.c_str(), &kinds, scratch);
        fetch(reactions_sql.c_str(), &reactions, scratch);
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

// Loads under `snapshot` pushed as the active one (nullptr: under the active snapshot as it is).
Entry load_entry(Snapshot snapshot) {
    Snapshot active = pg_call([&] {
        if (snapshot) PushActiveSnapshot(snapshot);
        return GetActiveSnapshot();
    });
    Entry e;
    e.loaded_under = view_of(active);
    e.key = key_of(active);
    e.taxonomy = load();
    if (snapshot) pg_call([] { PopActiveSnapshot(); });
    return e;
}

// The entry right for the current statement's snapshot.
//  - A change to the taxonomy is committed (visible to new snapshots) and then announced by a relcache
//    invalidation. PostgreSQL reads invalidations at transaction start and when it takes a lock, not at
//    every statement, so each new statement snapshot first reads them here: a change committed before the
//    snapshot marks the cache stale.
//  - A stale cache is read again under a snapshot taken after those invalidations (`latest`), never under
//    an older statement snapshot: that would miss the change for good once the invalidation is consumed
//    (a REPEATABLE READ transaction kept the old taxonomy after it ended).
//  - A statement whose snapshot does not see everything `latest` saw (REPEATABLE READ or SERIALIZABLE
//    begun before the change) reads its own copy under its snapshot.
// Left open: a snapshot taken in the instant between a writer's commit and its invalidation (PostgreSQL
// sends it a few steps later in CommitTransaction) uses the old taxonomy for that statement.
const Entry& current_entry() {
    // ActiveSnapshotSet and GetActiveSnapshot cannot fail: no error guard on the per-row path.
    Snapshot s = ActiveSnapshotSet() ? GetActiveSnapshot() : pg_call([] { return GetTransactionSnapshot(); });
    SnapshotKey key = key_of(s);
    if (in_use && key == last_key && !stale) return *in_use; // the same statement, nothing changed: per-row fast path
    if (!(key == last_key)) {
        last_key = key;
        pg_call([] { AcceptInvalidationMessages(); });
    }
    if (stale) {
        latest.reset();
        own.reset();
        stale = false; // an invalidation that arrives while loading must trigger another load
    }
    in_use = nullptr;
    bool parallel = IsInParallelMode(); // no new snapshot can be taken: read under the statement's
    if (!latest && !parallel) {
        Snapshot now = pg_call([] { return GetLatestSnapshot(); });
        latest = load_entry(now);
    }
    if (latest && sees_everything_of(s, latest->loaded_under)) {
        in_use = &*latest;
    } else {
        if (!own || !own->key.same_data(key)) own = load_entry(nullptr);
        in_use = &*own;
    }
    return *in_use;
}

} // namespace

namespace {
const Entry& checked_entry() {
    try {
        return current_entry();
    } catch (...) {
        in_use = nullptr;
        stale = true;
        throw;
    }
}
} // namespace

std::shared_ptr<const Taxonomy> current_taxonomy() { return checked_entry().taxonomy; }

const Taxonomy& taxonomy() { return *checked_entry().taxonomy; }

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
