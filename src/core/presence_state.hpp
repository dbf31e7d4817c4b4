// Aggregate state of minutes_viewed and engagement_rate. Each (user, content) stream is interned once per
// state in a small open-addressing table: its key bytes go to an arena and its window arguments are
// folded into the stream's record; a join or leave is one 16-byte event (time, stream number, leave flag).
// Rows are first appended to a compact staging log (about 20 bytes a row; past 64 kB interned in a batch)
// and interned when a result is asked for: consecutive rows usually belong to different groups, so a
// per-row probe would miss the cache on every row, while a batch finds the group's table in cache and
// lets the CPU overlap the misses; and the final functions intern into a scratch state freed right after,
// so a group's table is only ever built in memory the previous group just released. Events are grouped by stream
// at the end with a counting sort and each stream's few events sorted by time. Memory is proportional to
// the group's rows and comes from one std::pmr resource (PostgreSQL's aggregate context in the
// extension), so freeing the context frees the state. Results do not depend on row order or on how
// states were combined.
#pragma once
#include "cpp_only.hpp"

#include <cstdint>
#include <limits>
#include <memory_resource>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "byte_order.hpp"
#include "presence.hpp"

namespace ar {

// rollup() met one stream in two summaries whose time spans overlap (closed intervals) while one of them
// is compacted: the exact presence cannot be known. The extension raises SQLSTATE 22023 with what().
struct OverlappingSummaries : std::runtime_error {
    std::string user, content;
    Micros first[2], last[2];
    bool compacted[2];
    OverlappingSummaries(std::string_view key, const Micros (&f)[2], const Micros (&l)[2], const bool (&c)[2]);
};

// A time as PostgreSQL prints a timestamptz in UTC ("2026-01-05 10:00:00+00", fractions when present, BC).
std::string utc_text(Micros t);

class PresenceState {
public:
    explicit PresenceState(std::pmr::memory_resource* mr = std::pmr::get_default_resource());
    ~PresenceState() { // not run in the extension: the memory context frees everything
        if (keys_) mr_->deallocate(keys_, key_capacity_, 1);
        free_stage();
        free_runs();
    }
    PresenceState(const PresenceState&) = delete;
    PresenceState& operator=(const PresenceState&) = delete;

    // One row. `kind`: 0 neither join nor leave (only its window arguments count), 1 join, 2 leave.
    // Window arguments: per stream, `w_min` keeps the earliest non-null value (live_starts), `w_max`
    // the latest (closes_at or live_ends).
    void add(std::string_view user, std::string_view content, int kind, Micros at,
             std::optional<Micros> w_min, std::optional<Micros> w_max);
    void combine(const PresenceState& other);

    // Sum over streams of presence, in minutes, an open interval closing at the stream's w_max.
    double minutes_viewed() const;
    // Mean over attended streams of the share of [w_min, w_max) present, in percent; nullopt if none.
    std::optional<double> engagement_rate() const;
    // Sum over streams of presence clipped to [from, to) (presence.hpp: presence_in_range), in minutes;
    // the streams' window arguments are ignored. Either bound may be minus_infinity / plus_infinity.
    double presence_minutes(Micros from, Micros to, bool open_closes) const;

    // The state's bytes between parallel workers (summary_format.hpp), header included, every event kept:
    // format 1 for a state made from rows; format 2 (not compacted) for a rollup's state, which also
    // carries the spans of the summaries it combines. `key_ordered`: format 1's streams in key order
    // (order_hash, then bytes), which lets the leader of a parallel plan merge the workers' states
    // without interning them (presence_runs.cpp); the order is free in format 1, so the bytes read the same.
    std::string serialize(bool key_ordered = false) const;
    // The state's bytes as a stored summary: format 2, compacted. Per stream only what another slice can
    // still change: the earliest join before the stream's first leave and that leave, the presence
    // intervals after it (merged where they touch), a trailing open join; with the stream's window
    // arguments, the span [first, last] of the events summarised and whether events were dropped
    // ("compacted"). Every metric reads the same from it as from the events. Throws OverlappingSummaries.
    std::string summary() const;
    // Merges bytes (format 1 or 2, or 0.1.0's) into `state`; throws InvalidState on bytes that are
    // not a state (an empty `state` may then hold part of them: it is filled directly). `as_summary`:
    // the bytes are one input of rollup(), so its streams keep their span (format 1 and 0.1.0 bytes:
    // that of their events) to be checked against the other inputs'.
    // `lazy`: key-ordered format-1 bytes (serialize(true)) are checked and kept as they are until a result
    // is asked for; minutes_viewed, engagement_rate and presence_minutes then merge them in key order, and
    // anything else interns them first. Other bytes are read at once.
    static void deserialize_into(PresenceState& state, std::string_view bytes, bool as_summary = false, bool lazy = false);

    std::size_t event_count() const { absorb_runs(); return events_.size() + staged_events_; }
    // Spans of summaries kept for rollup's overlap check (0 for a state made from rows).
    std::size_t span_count() const { return pieces_.size(); }

private:
    // No window value: w_min = max, w_max = min. Equivalent to an absent value for both metrics (an
    // absent live_starts or live_ends skips the stream, and so does w_max <= w_min; a close at the
    // minimum is never later than a join).
    static constexpr Micros no_min = std::numeric_limits<Micros>::max(), no_max = std::numeric_limits<Micros>::min();
    struct Stream {
        std::uint32_t offset, length; // key bytes in keys_: user '\0' content
        Micros w_min, w_max;
    };
    // Staged rows: a flags byte (kind in bits 0-1; bit 2: w_min given, bit 3: w_max given; bit 4: w_min
    // as in the previous staged row, bit 5: w_max likewise, neither then stored; bit 6: user as in the
    // previous row that stored one, bit 7: content likewise), the user and content lengths when stored
    // (LEB128), the time, w_min and w_max when given and not repeated, then the user and content bytes
    // when not repeated; unaligned, in chunks that grow with the group (no copying), until stage_limit
    // bytes are interned in a batch.
    struct Chunk {
        Chunk* next;
        std::uint32_t size, capacity; // bytes of data after the header
        char* data() { return reinterpret_cast<char*>(this + 1); }
    };
    static constexpr std::size_t stage_limit = 65536, long_key = 1024;
    struct Event {
        Micros at;
        std::uint32_t stream;
        std::uint32_t leave; // 0: join
    };
    // The span of one summary's events of a stream, in a rollup's state.
    struct Piece {
        Micros first, last;
        std::uint32_t stream;
        std::uint32_t compacted; // 0 or 1
    };

    static std::uint64_t table_hash(const char* bytes, std::size_t length);
    static std::uint64_t order_hash(std::string_view bytes, std::uint64_t h = 1469598103934665603ull);
    std::string_view key_view(const Stream& s) const { return {keys_ + s.offset, s.length}; }
    char* reserve_keys(std::size_t more); // room for `more` key bytes at keys_ + key_size_
    // The stream of these key bytes, created (without a window) if new. `bytes` may point into keys_ at
    // or past its end only if `in_arena` says so: then a new stream adopts them in place.
    std::uint32_t intern(const char* bytes, std::size_t length, bool in_arena);
    void grow_table();
    void add_key(const char* key, std::size_t length, bool in_arena, int kind, Micros at, Micros w_min, Micros w_max);
    char* stage_room(std::size_t bytes); // room for a staged row at the tail
    void flush_into(PresenceState& target) const; // interns the staged rows into target (this or a scratch state)
    void free_stage();
    static void remember(char* copy, std::uint8_t& length, std::string_view part);
    void settle(); // flushes into this state and frees the staging chunks
    // Calls f(const PresenceState&) on a state holding every row: this one, or, when this one holds only
    // staged rows (the usual case when a result is asked for), a scratch state freed right after, so the
    // next group reuses its memory.
    template <typename F> auto with_settled(F&& f) const;
    void fold_window(Stream& s, Micros w_min, Micros w_max) {
        if (w_min < s.w_min) s.w_min = w_min;
        if (w_max > s.w_max) s.w_max = w_max;
    }
    // Calls f(stream number, events of the stream sorted by PresenceEvent's order) for every stream with
    // events, in stream-number order.
    template <typename PerStream> void for_each_stream(PerStream&& f) const;
    // Throws OverlappingSummaries when two pieces of one stream overlap and either is compacted.
    void check_pieces() const;
    // pieces_ grouped by stream: begin[s] .. begin[s + 1] in the returned order.
    std::pmr::vector<const Piece*> pieces_by_stream(std::pmr::vector<std::uint32_t>& begin) const;
    // Format 2 bytes, compacted or with every event.
    std::string format_2(bool compact) const;
    static void read_format_2(PresenceState& part, std::string_view in);

    // Format 1's fixed-size records (an event; a stream's window), and PostgreSQL's range of finite
    // timestamptz values (MIN_TIMESTAMP, END_TIMESTAMP in µs from 2000-01-01): a stored time outside it is
    // not one a summary could have been made from.
    static constexpr std::size_t event_bytes = 4 + 4 + 8 + 1, window_bytes = 4 + 4 + 8 + 8 + 1 + 1;
    static constexpr Micros min_time = -211813488000000000LL, end_time = 9223371331200000000LL;
    static bool in_time_range(Micros t) { return t >= min_time && t < end_time; }
    static Micros stored_time(std::string_view& in, ByteOrder order); // throws InvalidState outside the range
    // Nothing interned, staged or combined (kept bytes aside).
    bool holds_nothing() const { return streams_.empty() && events_.empty() && pieces_.empty() && !stage_head_; }

    // Key-ordered format-1 bytes kept by a lazy deserialize (presence_runs.cpp), with where their sections
    // start and the order_hash of each stream of both sections, in order (the check computed them); all in mr_.
    struct Run {
        char* bytes;
        std::size_t size;
        const char *keys, *events, *windows;
        std::uint64_t key_bytes, event_count, window_count;
        std::uint64_t* hashes;
        std::size_t hash_count;
    };
    // A stream as the merge of runs gives it: key, folded window, events sorted (PresenceEvent's order).
    using MergedStream = void (*)(void* context, std::string_view key, Micros w_min, Micros w_max, std::span<const PresenceEvent> events);
    static bool key_before(std::uint64_t ha, std::string_view a, std::uint64_t hb, std::string_view b) {
        return ha != hb ? ha < hb : a.compare(b) < 0;
    }
    // nullopt: not key-ordered, or not valid. `hashes`: the order_hash of each stream, events' then windows'.
    static std::optional<Run> ordered_run(std::string_view payload, std::pmr::vector<std::uint64_t>& hashes);
    bool only_runs() const { return !runs_.empty() && holds_nothing(); }
    void keep_run(std::string_view bytes, const Run& parsed, const std::uint64_t* hashes, std::size_t hash_count);
    void absorb_runs() const; // interns the runs into this state (states are never const objects)
    void free_runs();
    void free_run(const Run& r) const;
    // Calls f(key, w_min, w_max, events) for every stream with events of the runs, in key order.
    template <typename F> void for_each_merged_stream(F&& f) const {
        merge_runs(&f, [](void* c, std::string_view k, Micros lo, Micros hi, std::span<const PresenceEvent> e) { (*static_cast<F*>(c))(k, lo, hi, e); });
    }
    void merge_runs(void* context, MergedStream f) const;

    std::pmr::memory_resource* mr_;
    char* keys_ = nullptr; // arena of key bytes from mr_ (a std::pmr::vector<char> inserts slowly)
    std::size_t key_size_ = 0, key_capacity_ = 0;
    std::pmr::vector<Stream> streams_;
    std::pmr::vector<std::uint64_t> table_; // 0 empty, else (hash >> 32) << 32 | (stream + 1)
    std::pmr::vector<Event> events_;
    std::pmr::vector<Piece> pieces_;
    std::pmr::vector<Run> runs_;
    Chunk *stage_head_ = nullptr, *stage_tail_ = nullptr; // from mr_
    std::size_t stage_capacity_ = 0, staged_events_ = 0, staged_rows_ = 0;
    Micros stage_min_ = 0, stage_max_ = 0; // window values of the last staged row that gave them
    bool stage_has_min_ = false, stage_has_max_ = false;
    std::uint8_t stage_user_length_ = 0xff, stage_content_length_ = 0xff; // 0xff: none to repeat
    char stage_user_[23], stage_content_[23]; // user and content of the last staged row that stored them
};

} // namespace ar
