// The leader's side of a parallel plan for the presence aggregates. Each worker sends its state as
// format-1 bytes with the streams in key order (serialize(true)); the leader keeps those bytes as they are
// (a lazy deserialize, after checking them) and, when a result is asked for, merges them stream by stream in
// key order: no hash table, no interning, no sort but each stream's few events when several workers saw it.
// Interning every worker's streams again was most of a parallel plan's serial part.
#include "presence_state.hpp"

#include "interrupt.hpp"

#include <algorithm>
#include <cstring>

namespace ar {

namespace {
// Format 1 is big-endian; every read below is inside bytes ordered_run checked.
std::uint64_t be64(const char* p) { return read_int<std::uint64_t>(p, ByteOrder::big); }
std::uint32_t be32(const char* p) { return read_int<std::uint32_t>(p, ByteOrder::big); }
} // namespace

// Checks everything the full reader checks, and that the streams of both sections come in strictly
// increasing key order (which also makes each stream's events one group). Anything else: nullopt, and the
// caller reads the bytes the full way (which then explains what is wrong, if anything is).
std::optional<PresenceState::Run> PresenceState::ordered_run(std::string_view in, std::pmr::vector<std::uint64_t>& hashes) {
    Run r{};
    const char* p = in.data();
    const char* end = p + in.size();
    // A section: a u64 count, then that many records of `size` bytes; false if the bytes are too few.
    auto section = [&](std::uint64_t& count, const char*& start, std::size_t size) {
        if (end - p < 8) return false;
        count = be64(p);
        p += 8;
        if (count > static_cast<std::size_t>(end - p) / size) return false;
        start = p;
        return true;
    };
    if (!section(r.key_bytes, r.keys, 1)) return std::nullopt;
    p += r.key_bytes;
    auto key_at = [&](const char* q, std::string_view& key) {
        std::uint64_t offset = be32(q), length = be32(q + 4);
        if (offset + length > r.key_bytes) return false;
        key = std::string_view(r.keys + offset, length);
        return std::count(key.begin(), key.end(), '\0') == 1;
    };
    auto ordered = [&](std::string_view key, bool& first, std::uint64_t& hash, std::string_view& previous) {
        std::uint64_t h = order_hash(key);
        if (!first && !key_before(hash, previous, h, key)) return false;
        first = false;
        hash = h;
        hashes.push_back(h);
        previous = key;
        return true;
    };
    if (!section(r.event_count, r.events, event_bytes)) return std::nullopt;
    {
        bool first = true;
        std::uint64_t hash = 0, group = 0; // group: the stream of the events before, once there is one
        std::string_view previous;
        PresenceEvent last{0, false};
        for (std::uint64_t i = 0; i < r.event_count; ++i, p += event_bytes) {
            std::uint64_t packed = be64(p); // offset and length: the stream
            Micros at = static_cast<Micros>(be64(p + 8));
            unsigned char leave = static_cast<unsigned char>(p[16]);
            if (!in_time_range(at) || leave > 1) return std::nullopt;
            PresenceEvent e{at, leave == 1};
            if (i == 0 || packed != group) { // no value of `packed` may stand for "no group yet": every key is checked
                std::string_view key;
                if (!key_at(p, key) || !ordered(key, first, hash, previous)) return std::nullopt;
                group = packed;
            } else if (e < last) {
                return std::nullopt;
            }
            last = e;
        }
    }
    if (!section(r.window_count, r.windows, window_bytes)) return std::nullopt;
    {
        bool first = true;
        std::uint64_t hash = 0;
        std::string_view previous, key;
        for (std::uint64_t i = 0; i < r.window_count; ++i, p += window_bytes) {
            Micros w_min = static_cast<Micros>(be64(p + 8)), w_max = static_cast<Micros>(be64(p + 16));
            unsigned char has_min = static_cast<unsigned char>(p[24]), has_max = static_cast<unsigned char>(p[25]);
            if (has_min > 1 || has_max > 1 || (has_min && !in_time_range(w_min)) || (has_max && !in_time_range(w_max))) return std::nullopt;
            if (!key_at(p, key) || !ordered(key, first, hash, previous)) return std::nullopt;
        }
    }
    if (p != end) return std::nullopt;
    return r;
}

void PresenceState::keep_run(std::string_view bytes, const Run& parsed, const std::uint64_t* hashes, std::size_t hash_count) {
    auto* copy = static_cast<char*>(mr_->allocate(bytes.size(), 1));
    std::memcpy(copy, bytes.data(), bytes.size());
    auto* hash_copy = static_cast<std::uint64_t*>(mr_->allocate(std::max<std::size_t>(hash_count, 1) * 8, alignof(std::uint64_t)));
    if (hash_count) std::memcpy(hash_copy, hashes, hash_count * 8);
    auto moved = [&](const char* q) { return copy + (q - bytes.data()); };
    runs_.push_back(Run{copy, bytes.size(), moved(parsed.keys), moved(parsed.events), moved(parsed.windows), parsed.key_bytes,
                        parsed.event_count, parsed.window_count, hash_copy, hash_count});
}

void PresenceState::free_run(const Run& r) const {
    mr_->deallocate(r.bytes, r.size, 1);
    mr_->deallocate(r.hashes, std::max<std::size_t>(r.hash_count, 1) * 8, alignof(std::uint64_t));
}

void PresenceState::free_runs() {
    for (const Run& r : runs_) free_run(r);
    runs_.clear();
}

void PresenceState::absorb_runs() const {
    if (runs_.empty()) return;
    auto* self = const_cast<PresenceState*>(this); // the same rows, interned; states are never const objects
    std::pmr::vector<Run> runs(std::move(self->runs_), mr_);
    self->runs_.clear();
    for (const Run& r : runs) deserialize_into(*self, {r.bytes, r.size});
    for (const Run& r : runs) free_run(r);
}

void PresenceState::merge_runs(void* context, MergedStream f) const {
    struct Cursor {
        const Run* run;
        std::uint64_t event = 0, window = 0;
        std::string_view event_key, window_key;
        std::uint64_t event_hash = 0, window_hash = 0;
        const std::uint64_t *next_event_hash, *next_window_hash; // in run->hashes: event groups, then windows
        std::string_view key_of(const char* q) const { return {run->keys + be32(q), be32(q + 4)}; }
        void load_event() { // at the first event of a group
            if (event < run->event_count) event_key = key_of(run->events + event * event_bytes), event_hash = *next_event_hash++;
        }
        void load_window() {
            if (window < run->window_count) window_key = key_of(run->windows + window * window_bytes), window_hash = *next_window_hash++;
        }
    };
    std::pmr::vector<Cursor> cursors(mr_);
    for (const Run& r : runs_) {
        Cursor c{&r};
        c.next_event_hash = r.hashes;
        c.next_window_hash = r.hashes + (r.hash_count - r.window_count);
        c.load_event();
        c.load_window();
        cursors.push_back(c);
    }
    std::pmr::vector<PresenceEvent> events(mr_);
    WorkMeter meter; // query cancel and statement_timeout, between streams
    for (;;) {
        const Cursor* least = nullptr;
        for (const Cursor& c : cursors)
            if (c.event < c.run->event_count && (!least || key_before(c.event_hash, c.event_key, least->event_hash, least->event_key)))
                least = &c;
        if (!least) return;
        const std::uint64_t hash = least->event_hash;
        const std::string_view key = least->event_key;
        events.clear();
        Micros w_min = no_min, w_max = no_max;
        int sources = 0;
        for (Cursor& c : cursors) {
            if (c.event < c.run->event_count && c.event_hash == hash && c.event_key == key) {
                ++sources;
                const char* q = c.run->events + c.event * event_bytes;
                const std::uint64_t group = be64(q);
                do {
                    events.push_back(PresenceEvent{static_cast<Micros>(be64(q + 8)), q[16] == 1});
                    ++c.event;
                    q += event_bytes;
                } while (c.event < c.run->event_count && be64(q) == group);
                c.load_event();
            }
            // windows of streams without events count for nothing: skipped
            while (c.window < c.run->window_count && key_before(c.window_hash, c.window_key, hash, key)) {
                ++c.window;
                c.load_window();
            }
            if (c.window < c.run->window_count && c.window_hash == hash && c.window_key == key) {
                const char* q = c.run->windows + c.window * window_bytes;
                if (q[24]) w_min = std::min(w_min, static_cast<Micros>(be64(q + 8)));
                if (q[25]) w_max = std::max(w_max, static_cast<Micros>(be64(q + 16)));
                ++c.window;
                c.load_window();
            }
        }
        meter.step(events.size());
        if (sources > 1) sort_few(events.begin(), events.end());
        f(context, key, w_min, w_max, std::span<const PresenceEvent>(events.data(), events.size()));
    }
}

} // namespace ar
