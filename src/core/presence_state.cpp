#include "presence_state.hpp"

#include "interrupt.hpp"
#include "summary_format.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace ar {

namespace {

std::uint64_t read64(const char* p) { std::uint64_t v; std::memcpy(&v, p, 8); return v; }
std::uint64_t read32(const char* p) { std::uint32_t v; std::memcpy(&v, p, 4); return v; }
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

constexpr std::size_t max_key_bytes = std::numeric_limits<std::uint32_t>::max();
[[noreturn]] void too_many_key_bytes() {
    throw std::length_error("presence state: more than 4 GB of user and content identifiers in one group");
}

// memcmp(a, b, n) == 0, without a library call for short keys (overlapping word loads).
bool same_bytes(const char* a, const char* b, std::size_t n) {
    if (n >= 8 && n <= 16) return read64(a) == read64(b) && read64(a + n - 8) == read64(b + n - 8);
    if (n >= 4 && n < 8) return read32(a) == read32(b) && read32(a + n - 4) == read32(b + n - 4);
    if (n < 4) {
        for (std::size_t i = 0; i < n; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    return std::memcmp(a, b, n) == 0;
}

// Room for `more` elements. reserve() to the exact size would reallocate, and copy everything, on every
// staged batch or combined state: quadratic in one large group. Doubling keeps appends linear.
template <typename Vector> void reserve_more(Vector& v, std::size_t more) {
    std::size_t need = v.size() + more;
    if (need > v.capacity()) v.reserve(std::max(need, 2 * v.capacity()));
}

} // namespace

PresenceState::PresenceState(std::pmr::memory_resource* mr)
    : mr_(mr), streams_(mr), table_(mr), events_(mr), pieces_(mr), runs_(mr) {}

char* PresenceState::reserve_keys(std::size_t more) {
    if (key_size_ + more > max_key_bytes) too_many_key_bytes();
    if (key_size_ + more > key_capacity_) {
        std::size_t capacity = std::max({key_capacity_ * 2, key_size_ + more, std::size_t(64)});
        auto* keys = static_cast<char*>(mr_->allocate(capacity, 1));
        if (key_size_) std::memcpy(keys, keys_, key_size_);
        if (keys_) mr_->deallocate(keys_, key_capacity_, 1);
        keys_ = keys;
        key_capacity_ = capacity;
    }
    return keys_ + key_size_;
}

// A fast hash of short byte strings (wyhash's mixing), for the stream table only.
std::uint64_t PresenceState::table_hash(const char* p, std::size_t n) {
    constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull;
    std::uint64_t seed = k0 ^ n, a, b;
    if (n <= 16) {
        if (n >= 4) {
            std::size_t m = (n >> 3) << 2;
            a = (read32(p) << 32) | read32(p + m);
            b = (read32(p + n - 4) << 32) | read32(p + n - 4 - m);
        } else if (n > 0) {
            a = (std::uint64_t(static_cast<unsigned char>(p[0])) << 16) | (std::uint64_t(static_cast<unsigned char>(p[n >> 1])) << 8) |
                static_cast<unsigned char>(p[n - 1]);
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        std::size_t i = n;
        while (i > 16) {
            seed = mix(read64(p) ^ k1, read64(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = read64(p + i - 16);
        b = read64(p + i - 8);
    }
    return mix(k1 ^ n, mix(a ^ k1, b ^ seed));
}

// FNV-1a: fixes the order in which engagement_rate sums its streams (hash, then bytes).
std::uint64_t PresenceState::order_hash(std::string_view bytes, std::uint64_t h) {
    for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

void PresenceState::grow_table() {
    std::size_t capacity = table_.empty() ? 16 : table_.size() * 2;
    std::pmr::vector<std::uint64_t> table(capacity, 0, mr_);
    std::size_t mask = capacity - 1;
    for (std::uint64_t slot : table_) {
        if (!slot) continue;
        std::size_t i = (slot >> 32) & mask;
        while (table[i]) i = (i + 1) & mask;
        table[i] = slot;
    }
    table_.swap(table);
}

std::uint32_t PresenceState::intern(const char* bytes, std::size_t length, bool in_arena) {
    if (table_.empty()) grow_table();
    std::uint64_t tag = table_hash(bytes, length) >> 32;
    std::size_t mask = table_.size() - 1, i = tag & mask;
    for (;; i = (i + 1) & mask) {
        std::uint64_t slot = table_[i];
        if (!slot) break;
        if ((slot >> 32) == tag) {
            auto n = static_cast<std::uint32_t>(slot) - 1;
            const Stream& s = streams_[n];
            if (s.length == length && same_bytes(keys_ + s.offset, bytes, length)) return n;
        }
    }
    if (streams_.size() >= std::numeric_limits<std::uint32_t>::max() - 1)
        throw std::length_error("presence state: too many streams in one group");
    std::uint32_t offset;
    if (!in_arena) std::memcpy(reserve_keys(length), bytes, length);
    offset = static_cast<std::uint32_t>(key_size_);
    key_size_ += length;
    auto n = static_cast<std::uint32_t>(streams_.size());
    streams_.push_back(Stream{offset, static_cast<std::uint32_t>(length), no_min, no_max});
    if (streams_.size() * 4 > table_.size() * 3) {
        grow_table();
        mask = table_.size() - 1;
        for (i = tag & mask; table_[i]; i = (i + 1) & mask) {}
    }
    table_[i] = (tag << 32) | (std::uint64_t(n) + 1);
    return n;
}

void PresenceState::add(std::string_view user, std::string_view content, int kind, Micros at,
                        std::optional<Micros> w_min, std::optional<Micros> w_max) {
    if (kind == 0 && !w_min && !w_max) return; // contributes nothing
    if (!runs_.empty()) absorb_runs();
    std::size_t length = user.size() + 1 + content.size();
    if (length > long_key) { // written past the arena's end, and kept there only by a new stream
        settle();
        char* key = reserve_keys(length);
        std::memcpy(key, user.data(), user.size());
        key[user.size()] = '\0';
        std::memcpy(key + user.size() + 1, content.data(), content.size());
        add_key(key, length, true, kind, at, w_min.value_or(no_min), w_max.value_or(no_max));
        return;
    }
    char* p = stage_room(1 + 2 + 2 + 3 * 8 + length); // may flush, which forgets the previous row
    char* start = p++;
    std::uint8_t flags = static_cast<std::uint8_t>(kind);
    auto put_length = [&](std::size_t n) { // LEB128; n < long_key needs two bytes at most
        if (n >= 0x80) *p++ = static_cast<char>(0x80 | (n & 0x7f)), n >>= 7;
        *p++ = static_cast<char>(n);
    };
    // GROUP BY user_id repeats the user on every row of a group, GROUP BY content_id the content
    bool same_user = stage_user_length_ != 0xff && user.size() == stage_user_length_ && same_bytes(user.data(), stage_user_, user.size());
    bool same_content = stage_content_length_ != 0xff && content.size() == stage_content_length_ &&
                        same_bytes(content.data(), stage_content_, content.size());
    if (same_user) flags |= 64;
    else put_length(user.size());
    if (same_content) flags |= 128;
    else put_length(content.size());
    std::memcpy(p, &at, 8);
    p += 8;
    if (w_min) {
        flags |= 4;
        if (stage_has_min_ && *w_min == stage_min_) flags |= 16;
        else { std::memcpy(p, &*w_min, 8); p += 8; stage_min_ = *w_min; stage_has_min_ = true; }
    }
    if (w_max) {
        flags |= 8;
        if (stage_has_max_ && *w_max == stage_max_) flags |= 32;
        else { std::memcpy(p, &*w_max, 8); p += 8; stage_max_ = *w_max; stage_has_max_ = true; }
    }
    *start = static_cast<char>(flags);
    if (!same_user) {
        std::memcpy(p, user.data(), user.size());
        p += user.size();
        remember(stage_user_, stage_user_length_, user);
    }
    if (!same_content) {
        std::memcpy(p, content.data(), content.size());
        p += content.size();
        remember(stage_content_, stage_content_length_, content);
    }
    stage_tail_->size += static_cast<std::uint32_t>(p - start);
    staged_events_ += kind != 0;
    ++staged_rows_;
}

void PresenceState::remember(char* copy, std::uint8_t& length, std::string_view part) {
    if (part.size() < sizeof(stage_user_)) {
        std::memcpy(copy, part.data(), part.size());
        length = static_cast<std::uint8_t>(part.size());
    } else {
        length = 0xff; // too long to compare cheaply: stored on every row
    }
}

char* PresenceState::stage_room(std::size_t bytes) {
    if (stage_tail_ && stage_tail_->capacity - stage_tail_->size >= bytes) return stage_tail_->data() + stage_tail_->size;
    if (stage_capacity_ >= stage_limit) settle(); // a large group: intern a batch
    // Chunks of 256 bytes to 8 kB (powers of two, as the allocator rounds), a third to a half of the stage
    // so far: little unused room at the end of a group, few chunks.
    std::size_t size = std::clamp<std::size_t>(std::bit_floor(stage_capacity_ / 2), 256, 8192);
    size = std::max(size, std::bit_ceil(bytes + sizeof(Chunk)));
    auto* chunk = static_cast<Chunk*>(mr_->allocate(size, alignof(Chunk)));
    *chunk = Chunk{nullptr, 0, static_cast<std::uint32_t>(size - sizeof(Chunk))};
    (stage_tail_ ? stage_tail_->next : stage_head_) = chunk;
    stage_tail_ = chunk;
    stage_capacity_ += size;
    return chunk->data();
}

void PresenceState::free_stage() {
    for (Chunk* c = stage_head_; c;) {
        Chunk* next = c->next;
        mr_->deallocate(c, c->capacity + sizeof(Chunk), alignof(Chunk));
        c = next;
    }
    stage_head_ = stage_tail_ = nullptr;
    stage_capacity_ = staged_events_ = staged_rows_ = 0;
    stage_has_min_ = stage_has_max_ = false;
    stage_user_length_ = stage_content_length_ = 0xff;
}

void PresenceState::add_key(const char* key, std::size_t length, bool in_arena, int kind, Micros at, Micros w_min, Micros w_max) {
    std::uint32_t n = intern(key, length, in_arena);
    fold_window(streams_[n], w_min, w_max);
    if (kind != 0) events_.push_back(Event{at, n, kind == 2 ? 1u : 0u});
}

void PresenceState::flush_into(PresenceState& target) const {
    reserve_more(target.events_, staged_events_);
    if (target.streams_.empty()) { // size for half as many streams as rows (2.5 rows a stream is typical)
        std::size_t streams = staged_rows_ / 2 + 1, capacity = std::bit_ceil(streams + streams / 3 + 1);
        target.streams_.reserve(streams);
        target.table_.assign(std::max<std::size_t>(capacity, 16), 0);
    }
    Micros min = 0, max = 0;
    char key[long_key]; // user '\0' content of the current row; a repeated user stays in place
    std::size_t user = 0, content = 0;
    for (Chunk* c = stage_head_; c; c = c->next) {
        const char* p = c->data();
        const char* end = p + c->size;
        auto get_length = [&] {
            std::size_t n = static_cast<unsigned char>(*p++);
            if (n >= 0x80) n = (n & 0x7f) | std::size_t(static_cast<unsigned char>(*p++)) << 7;
            return n;
        };
        while (p < end) {
            std::uint8_t flags = static_cast<std::uint8_t>(*p++);
            std::size_t user_length = flags & 64 ? user : get_length();
            std::size_t content_length = flags & 128 ? content : get_length();
            Micros at;
            std::memcpy(&at, p, 8);
            p += 8;
            if ((flags & (4 | 16)) == 4) { std::memcpy(&min, p, 8); p += 8; }
            if ((flags & (8 | 32)) == 8) { std::memcpy(&max, p, 8); p += 8; }
            if (!(flags & 64)) {
                if (flags & 128) std::memmove(key + user_length + 1, key + user + 1, content); // keep the content
                std::memcpy(key, p, user_length);
                key[user_length] = '\0';
                p += user_length;
                user = user_length;
            }
            if (!(flags & 128)) {
                std::memcpy(key + user + 1, p, content_length);
                p += content_length;
                content = content_length;
            }
            target.add_key(key, user + 1 + content, false, flags & 3, at, flags & 4 ? min : no_min, flags & 8 ? max : no_max);
        }
    }
}

void PresenceState::settle() {
    if (!stage_head_) return;
    flush_into(*this);
    free_stage();
}

template <typename F>
auto PresenceState::with_settled(F&& f) const {
    absorb_runs();
    if (!stage_head_) return f(*this);
    if (streams_.empty()) {
        PresenceState scratch(mr_);
        flush_into(scratch);
        return f(static_cast<const PresenceState&>(scratch));
    }
    const_cast<PresenceState*>(this)->settle(); // the same rows, interned; states are never const objects
    return f(*this);
}

void PresenceState::combine(const PresenceState& other) {
    if (other.only_runs() && &other != this && holds_nothing()) {
        for (const Run& r : other.runs_) keep_run({r.bytes, r.size}, r, r.hashes, r.hash_count); // the leader's usual case: merged at the end
        return;
    }
    absorb_runs();
    other.absorb_runs();
    if (&other == this) { // every stream maps to itself: only the events double
        settle();
        std::size_t n = events_.size();
        events_.reserve(2 * n);
        for (std::size_t i = 0; i < n; ++i) events_.push_back(events_[i]);
        std::size_t p = pieces_.size(); // and each summary's span is there twice
        pieces_.reserve(2 * p);
        for (std::size_t i = 0; i < p; ++i) pieces_.push_back(pieces_[i]);
        return;
    }
    other.with_settled([&](const PresenceState& o) {
        if (streams_.empty() && !stage_head_) { // an empty state (a combine function's first): a copy
            if (o.key_size_) std::memcpy(reserve_keys(o.key_size_), o.keys_, o.key_size_);
            key_size_ = o.key_size_;
            streams_.assign(o.streams_.begin(), o.streams_.end());
            table_.assign(o.table_.begin(), o.table_.end());
            events_.assign(o.events_.begin(), o.events_.end());
            pieces_.assign(o.pieces_.begin(), o.pieces_.end());
            return;
        }
        std::pmr::vector<std::uint32_t> to(o.streams_.size(), mr_);
        for (std::size_t j = 0; j < o.streams_.size(); ++j) {
            const Stream& s = o.streams_[j];
            to[j] = intern(o.keys_ + s.offset, s.length, false);
            fold_window(streams_[to[j]], s.w_min, s.w_max);
        }
        reserve_more(events_, o.events_.size());
        for (const Event& e : o.events_) events_.push_back(Event{e.at, to[e.stream], e.leave});
        reserve_more(pieces_, o.pieces_.size());
        for (const Piece& p : o.pieces_) pieces_.push_back(Piece{p.first, p.last, to[p.stream], p.compacted});
    });
}

template <typename PerStream>
void PresenceState::for_each_stream(PerStream&& f) const {
    // Counting sort by stream number, then each stream's events by time (leave first at equal times).
    if (events_.empty()) return;
    std::size_t streams = streams_.size();
    std::pmr::vector<std::uint32_t> end(streams + 1, 0, mr_);
    for (const Event& e : events_) ++end[e.stream + 1];
    for (std::size_t s = 1; s <= streams; ++s) end[s] += end[s - 1];
    std::pmr::vector<PresenceEvent> sorted(events_.size(), mr_);
    for (const Event& e : events_) sorted[end[e.stream]++] = PresenceEvent{e.at, e.leave != 0};
    // now end[s] is where stream s ends, and end[s - 1] where it begins
    std::uint32_t begin = 0;
    WorkMeter meter; // query cancel and statement_timeout, between streams
    for (std::size_t s = 0; s < streams; ++s) {
        std::uint32_t stop = end[s];
        if (stop == begin) continue;
        meter.step(stop - begin);
        sort_few(sorted.data() + begin, sorted.data() + stop);
        f(streams_[s], std::span<const PresenceEvent>(sorted.data() + begin, stop - begin));
        begin = stop;
    }
}

namespace {
// One stream's part of minutes_viewed: its presence, an open interval closing at the stream's w_max.
Span stream_minutes(std::span<const PresenceEvent> run, Micros w_max, Micros no_max) {
    return presence_total(run, w_max == no_max ? std::nullopt : std::optional<Micros>(w_max));
}
// One stream's part of engagement_rate: the share of [w_min, w_max) present, in percent, if attended.
std::optional<double> stream_rate(std::span<const PresenceEvent> run, Micros w_min, Micros w_max, Micros no_min, Micros no_max) {
    if (w_min == no_min || w_max == no_max || w_max <= w_min) return std::nullopt;
    Span present = presence_in_window(run, w_min, w_max);
    if (present <= 0) return std::nullopt;
    return 100.0 * static_cast<double>(present) / static_cast<double>(Span(w_max) - w_min);
}
} // namespace

double PresenceState::minutes_viewed() const {
    Span micros = 0; // an exact integer sum: the same whatever the order of the streams
    if (only_runs()) {
        for_each_merged_stream([&](std::string_view, Micros, Micros w_max, std::span<const PresenceEvent> run) {
            micros += stream_minutes(run, w_max, no_max);
        });
        return static_cast<double>(micros) / 60e6;
    }
    return with_settled([&](const PresenceState& state) {
        state.check_pieces();
        state.for_each_stream([&](const Stream& s, std::span<const PresenceEvent> run) { micros += stream_minutes(run, s.w_max, no_max); });
        return static_cast<double>(micros) / 60e6;
    });
}

double PresenceState::presence_minutes(Micros from, Micros to, bool open_closes) const {
    Span micros = 0; // exact over every stream, converted once: independent of the streams' order
    if (only_runs()) {
        for_each_merged_stream([&](std::string_view, Micros, Micros, std::span<const PresenceEvent> run) {
            micros += presence_in_range(run, from, to, open_closes);
        });
        return static_cast<double>(micros) / 60e6;
    }
    return with_settled([&](const PresenceState& state) {
        state.check_pieces();
        state.for_each_stream([&](const Stream&, std::span<const PresenceEvent> run) { micros += presence_in_range(run, from, to, open_closes); });
        return static_cast<double>(micros) / 60e6;
    });
}

std::optional<double> PresenceState::engagement_rate() const {
    if (only_runs()) { // the merge visits the streams in key order already
        double sum = 0;
        std::size_t attended = 0;
        for_each_merged_stream([&](std::string_view, Micros w_min, Micros w_max, std::span<const PresenceEvent> run) {
            if (auto rate = stream_rate(run, w_min, w_max, no_min, no_max)) sum += *rate, ++attended;
        });
        if (!attended) return std::nullopt;
        return sum / static_cast<double>(attended);
    }
    return with_settled([](const PresenceState& state) -> std::optional<double> {
        state.check_pieces();
        struct Attended {
            std::uint64_t hash;
            const Stream* stream;
            double rate;
        };
        std::pmr::vector<Attended> attended(state.mr_);
        state.for_each_stream([&](const Stream& s, std::span<const PresenceEvent> run) {
            if (auto rate = stream_rate(run, s.w_min, s.w_max, no_min, no_max)) attended.push_back(Attended{0, &s, *rate});
        });
        if (attended.empty()) return std::nullopt;
        // Floating-point sums depend on order: add the rates in one fixed key order (hash, then bytes),
        // whatever the input order.
        for (Attended& a : attended) a.hash = order_hash(state.key_view(*a.stream));
        std::sort(attended.begin(), attended.end(), [&](const Attended& a, const Attended& b) {
            return key_before(a.hash, state.key_view(*a.stream), b.hash, state.key_view(*b.stream));
        });
        double sum = 0;
        for (const Attended& a : attended) sum += a.rate;
        return sum / static_cast<double>(attended.size());
    });
}

Micros PresenceState::stored_time(std::string_view& in, ByteOrder order) {
    Micros t = get_int<Micros>(in, order);
    if (!in_time_range(t)) throw InvalidState("time " + std::to_string(t) + " µs is outside the timestamp range");
    return t;
}

namespace {
bool stored_flag(std::string_view& in, ByteOrder order) {
    auto f = get_int<std::uint8_t>(in, order);
    if (f > 1) throw InvalidState("flag byte " + std::to_string(f) + " is neither 0 nor 1");
    return f == 1;
}
} // namespace

// The payload (after the header of summary_format.hpp): the key bytes (u64 length, then every stream's
// user '\0' content), the events (u64 count, then per event: key offset u32, key length u32, time i64,
// leave u8), grouped by stream and, in format 1, sorted within a stream (leave first at equal times), and
// the windows (u64 count, then per stream that has one: key offset, key length, w_min, w_max, has_min u8,
// has_max u8).
std::string PresenceState::serialize(bool key_ordered) const {
    return with_settled([key_ordered](const PresenceState& state) {
        if (!state.pieces_.empty()) return state.format_2(false); // a rollup's state: the summaries' spans too
        std::size_t windows = 0;
        for (const Stream& s : state.streams_) windows += (s.w_min != no_min || s.w_max != no_max);
        std::string out = summary::with_header(summary::Kind::presence,
                                               24 + state.key_size_ + state.events_.size() * event_bytes + windows * window_bytes);
        char* p = out.data() + summary::header_size; // written in place: exactly the size above
        constexpr ByteOrder be = ByteOrder::big;
        put_int(p, std::uint64_t(state.key_size_), be);
        if (state.key_size_) std::memcpy(p, state.keys_, state.key_size_);
        p += state.key_size_;
        put_int(p, std::uint64_t(state.events_.size()), be);
        // Streams in their number's order, or in key order; `rank` maps a stream to its place in that order.
        std::pmr::vector<std::uint32_t> order(state.streams_.size(), state.mr_), rank(state.streams_.size(), state.mr_);
        for (std::uint32_t n = 0; n < order.size(); ++n) order[n] = n;
        if (key_ordered) {
            std::pmr::vector<std::uint64_t> hash(state.streams_.size(), state.mr_);
            for (std::uint32_t n = 0; n < order.size(); ++n) hash[n] = order_hash(state.key_view(state.streams_[n]));
            std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
                return key_before(hash[a], state.key_view(state.streams_[a]), hash[b], state.key_view(state.streams_[b]));
            });
        }
        for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
        // grouped by stream (a counting sort), so that deserializing looks each key up once
        std::pmr::vector<std::uint32_t> end(state.streams_.size() + 1, 0, state.mr_);
        for (const Event& e : state.events_) ++end[rank[e.stream] + 1];
        for (std::size_t i = 1; i < end.size(); ++i) end[i] += end[i - 1];
        std::pmr::vector<const Event*> grouped(state.events_.size(), state.mr_);
        for (const Event& e : state.events_) grouped[end[rank[e.stream]]++] = &e;
        auto before = [](const Event* a, const Event* b) {
            return PresenceEvent{a->at, a->leave != 0} < PresenceEvent{b->at, b->leave != 0};
        };
        for (std::size_t begin = 0, i = 0; i <= grouped.size(); ++i) {
            if (i == grouped.size() || grouped[i]->stream != grouped[begin]->stream) {
                sort_few(grouped.begin() + begin, grouped.begin() + i, before);
                begin = i;
            }
        }
        for (const Event* e : grouped) {
            put_int(p, state.streams_[e->stream].offset, be);
            put_int(p, state.streams_[e->stream].length, be);
            put_int(p, e->at, be);
            put_int(p, std::uint8_t(e->leave ? 1 : 0), be);
        }
        put_int(p, std::uint64_t(windows), be);
        for (std::uint32_t n : order) {
            const Stream& s = state.streams_[n];
            bool has_min = s.w_min != no_min, has_max = s.w_max != no_max;
            if (!has_min && !has_max) continue;
            put_int(p, s.offset, be);
            put_int(p, s.length, be);
            put_int(p, Micros(has_min ? s.w_min : 0), be);
            put_int(p, Micros(has_max ? s.w_max : 0), be);
            put_int(p, std::uint8_t(has_min ? 1 : 0), be);
            put_int(p, std::uint8_t(has_max ? 1 : 0), be);
        }
        if (p != out.data() + out.size()) throw std::logic_error("presence state: serialized size mismatch");
        return out;
    });
}

void PresenceState::deserialize_into(PresenceState& state, std::string_view bytes, bool as_summary, bool lazy) {
    summary::Payload payload = summary::open(bytes, summary::Kind::presence);
    if (lazy && !as_summary && !payload.legacy && payload.version != summary::presence_compact_version &&
        state.holds_nothing()) {
        std::pmr::vector<std::uint64_t> hashes(state.mr_);
        if (std::optional<Run> run = ordered_run(payload.bytes, hashes)) {
            state.keep_run(bytes, *run, hashes.data(), hashes.size());
            return;
        }
    }
    state.absorb_runs();
    std::string_view in = payload.bytes;
    const ByteOrder order = payload.order;
    // Into a fresh state directly (a deserialize function's state); otherwise into a part, combined only
    // once the bytes proved whole.
    bool direct = state.holds_nothing();
    std::optional<PresenceState> scratch;
    if (!direct) scratch.emplace(state.mr_);
    PresenceState& part = direct ? state : *scratch;
    if (payload.version == summary::presence_compact_version) {
        read_format_2(part, in);
        if (!direct) state.combine(part);
        return;
    }
    auto key_bytes = get_int<std::uint64_t>(in, order);
    if (key_bytes > in.size()) throw InvalidState("key bytes longer than the state");
    const char* keys = in.data();
    in.remove_prefix(key_bytes);
    std::uint64_t last_key = ~std::uint64_t(0);
    std::uint32_t last_stream = 0;
    std::pmr::vector<std::uint8_t> seen(state.mr_); // per stream of `part`: its events came already
    auto stream_of = [&](std::uint32_t offset, std::uint32_t length, bool events) {
        if (std::uint64_t(offset) + length > key_bytes) throw InvalidState("key outside the key bytes");
        std::string_view key(keys + offset, length);
        if (std::count(key.begin(), key.end(), '\0') != 1) throw InvalidState("key is not a user and a content");
        std::uint64_t packed = std::uint64_t(offset) << 32 | length;
        if (packed != last_key) {
            last_stream = part.intern(keys + offset, length, false);
            last_key = packed;
            if (events) {
                if (seen.size() <= last_stream) seen.resize(last_stream + 1, 0);
                if (seen[last_stream] && !payload.legacy) throw InvalidState("events of a stream are not grouped");
                seen[last_stream] = 1;
            }
        }
        return last_stream;
    };
    auto events = get_int<std::uint64_t>(in, order);
    if (events > in.size() / event_bytes) throw InvalidState("more events than bytes");
    part.events_.reserve(events);
    std::optional<PresenceEvent> previous;
    for (std::uint64_t i = 0; i < events; ++i) {
        auto offset = get_int<std::uint32_t>(in, order);
        auto length = get_int<std::uint32_t>(in, order);
        Micros at = stored_time(in, order);
        bool leave = stored_flag(in, order);
        std::uint64_t before = last_key;
        std::uint32_t stream = stream_of(offset, length, true);
        PresenceEvent e{at, leave};
        // 0.1.0 kept a stream's events in arrival order; format 1 sorts them.
        if (!payload.legacy && before == last_key && previous && e < *previous)
            throw InvalidState("times of a stream are not sorted");
        previous = e;
        part.events_.push_back(Event{at, stream, leave ? 1u : 0u});
    }
    auto windows = get_int<std::uint64_t>(in, order);
    if (windows > in.size() / window_bytes) throw InvalidState("more windows than bytes");
    for (std::uint64_t i = 0; i < windows; ++i) {
        auto offset = get_int<std::uint32_t>(in, order);
        auto length = get_int<std::uint32_t>(in, order);
        auto w_min = get_int<Micros>(in, order);
        auto w_max = get_int<Micros>(in, order);
        bool has_min = stored_flag(in, order), has_max = stored_flag(in, order);
        if ((has_min && !in_time_range(w_min)) || (has_max && !in_time_range(w_max)))
            throw InvalidState("window time outside the timestamp range");
        part.fold_window(part.streams_[stream_of(offset, length, false)], has_min ? w_min : no_min, has_max ? w_max : no_max);
    }
    if (!in.empty()) throw InvalidState("trailing bytes");
    if (as_summary && !part.events_.empty()) { // one summary of every event: each stream's span is its events'
        std::pmr::vector<Piece> spans(part.streams_.size(), Piece{no_min, no_max, 0, 0}, part.mr_);
        for (const Event& e : part.events_) {
            Piece& p = spans[e.stream];
            p.first = std::min(p.first, e.at);
            p.last = std::max(p.last, e.at);
        }
        for (std::uint32_t n = 0; n < spans.size(); ++n)
            if (spans[n].first != no_min) part.pieces_.push_back(Piece{spans[n].first, spans[n].last, n, 0});
    }
    if (!direct) state.combine(part);
}

// ---- Compact summaries (format 2, design §8) ----

namespace {
std::string two_digits(unsigned v) { return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; }
} // namespace

std::string utc_text(Micros t) {
    constexpr Micros day = 86'400'000'000;
    Micros days = t / day, rem = t % day;
    if (rem < 0) { rem += day; --days; }
    // days since 2000-01-01 -> civil date (H. Hinnant's days_from_civil, inverted), proleptic Gregorian
    long long z = days + 10957 + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = static_cast<long long>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    bool bc = y <= 0;
    std::string year = std::to_string(bc ? 1 - y : y);
    if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
    auto secs = static_cast<unsigned>(rem / 1'000'000);
    auto frac = static_cast<unsigned>(rem % 1'000'000);
    std::string out = year + '-' + two_digits(m) + '-' + two_digits(d) + ' ' + two_digits(secs / 3600) + ':' +
                      two_digits(secs / 60 % 60) + ':' + two_digits(secs % 60);
    if (frac) {
        std::string f = std::to_string(frac);
        f.insert(0, 6 - f.size(), '0');
        while (f.back() == '0') f.pop_back();
        out += '.' + f;
    }
    out += "+00";
    if (bc) out += " BC";
    return out;
}

namespace {
std::string overlap_message(std::string_view key, const Micros (&f)[2], const Micros (&l)[2], const bool (&c)[2]) {
    auto nul = key.find('\0');
    std::string which = c[0] && c[1] ? "both are" : (c[0] ? "the first is" : "the second is");
    return "rollup of presence summaries: stream (user \"" + std::string(key.substr(0, nul)) + "\", content \"" +
           std::string(key.substr(nul + 1)) + "\") is in two summaries whose time spans overlap, [" + utc_text(f[0]) + ", " +
           utc_text(l[0]) + "] and [" + utc_text(f[1]) + ", " + utc_text(l[1]) + "], and " + which + " compacted";
}
} // namespace

OverlappingSummaries::OverlappingSummaries(std::string_view key, const Micros (&f)[2], const Micros (&l)[2], const bool (&c)[2])
    : std::runtime_error(overlap_message(key, f, l, c)) {
    auto nul = key.find('\0');
    user = std::string(key.substr(0, nul));
    content = std::string(key.substr(nul + 1));
    for (int i = 0; i < 2; ++i) first[i] = f[i], last[i] = l[i], compacted[i] = c[i];
}

std::pmr::vector<const PresenceState::Piece*> PresenceState::pieces_by_stream(std::pmr::vector<std::uint32_t>& begin) const {
    begin.assign(streams_.size() + 1, 0);
    for (const Piece& p : pieces_) ++begin[p.stream + 1];
    for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
    std::pmr::vector<std::uint32_t> next(begin.begin(), begin.end() - 1, mr_);
    std::pmr::vector<const Piece*> grouped(pieces_.size(), mr_);
    for (const Piece& p : pieces_) grouped[next[p.stream]++] = &p;
    return grouped;
}

void PresenceState::check_pieces() const {
    if (pieces_.size() < 2) return;
    std::pmr::vector<std::uint32_t> begin(mr_);
    std::pmr::vector<const Piece*> grouped = pieces_by_stream(begin);
    WorkMeter meter;
    for (std::size_t s = 0; s < streams_.size(); ++s) {
        auto first = grouped.begin() + begin[s], last = grouped.begin() + begin[s + 1];
        if (last - first < 2) continue;
        meter.step(last - first);
        std::sort(first, last, [](const Piece* a, const Piece* b) {
            if (a->first != b->first) return a->first < b->first;
            if (a->last != b->last) return a->last < b->last;
            return a->compacted < b->compacted;
        });
        // Sweep by start: a piece overlaps an earlier one iff that one reaches its start (closed spans).
        const Piece *reach = nullptr, *reach_compacted = nullptr; // the earlier ones reaching furthest
        for (auto it = first; it != last; ++it) {
            const Piece* p = *it;
            const Piece* other = nullptr;
            if (p->compacted && reach && reach->last >= p->first) other = reach;
            else if (reach_compacted && reach_compacted->last >= p->first) other = reach_compacted;
            if (other)
                throw OverlappingSummaries(key_view(streams_[s]), {other->first, p->first}, {other->last, p->last},
                                           {other->compacted != 0, p->compacted != 0});
            if (!reach || p->last > reach->last) reach = p;
            if (p->compacted && (!reach_compacted || p->last > reach_compacted->last)) reach_compacted = p;
        }
    }
}

namespace {
// What a slice of one stream keeps (sorted events in, sorted events out; the first event always stays):
// the earliest join before the first leave and that leave (a join before it is cancelled or not by what
// came before, in another slice), then the presence intervals after it, merged where they touch (a later
// slice cannot change them), then the join of an interval still open.
void compact_run(std::span<const PresenceEvent> run, std::pmr::vector<PresenceEvent>& out) {
    std::size_t k = 0;
    while (k < run.size() && !run[k].leave) ++k;
    if (k == run.size()) { out.push_back(run[0]); return; } // joins only: the earliest stays open
    if (k > 0) out.push_back(run[0]);
    out.push_back(run[k]);
    bool present = false, pending = false;
    Micros since = 0, from = 0, to = 0; // the pending merged interval [from, to)
    for (std::size_t i = k + 1; i < run.size(); ++i) {
        const PresenceEvent& e = run[i];
        if (!e.leave && !present) { present = true; since = e.at; }
        else if (e.leave && present) {
            present = false;
            if (pending && since <= to) { to = std::max(to, e.at); continue; }
            if (pending) { out.push_back({from, false}); out.push_back({to, true}); }
            pending = true;
            from = since;
            to = e.at;
        }
    }
    if (pending) { out.push_back({from, false}); out.push_back({to, true}); }
    if (present) out.push_back({since, false});
}

constexpr std::size_t v2_piece_bytes = 8 + 8 + 1, v2_event_bytes = 8 + 1, v2_min_stream_bytes = 4 + 1 + 1 + 4 + 8;
} // namespace

// Format 2 payload (after the header): u64 stream count, then per stream, in key order: key length u32 and
// the key (user '\0' content), flags u8 (1: w_min given, 2: w_max given), w_min i64 and w_max i64 when given,
// the span count u32 and per span first i64, last i64, compacted u8 (a stored summary has one span per stream
// with events; a rollup's state between workers one per summary it combines), the event count u64 and per event
// time i64, leave u8, sorted (leave first at equal times). A stream has events iff it has spans.
std::string PresenceState::format_2(bool compact) const {
    std::pmr::vector<std::uint32_t> piece_begin(mr_);
    std::pmr::vector<const Piece*> grouped = pieces_by_stream(piece_begin);
    struct PerStream {
        std::uint32_t begin = 0, end = 0; // its events in `kept`
        Micros first = 0, last = 0;
        bool compacted = false;
    };
    std::pmr::vector<PerStream> per(streams_.size(), mr_);
    std::pmr::vector<PresenceEvent> kept(mr_);
    kept.reserve(compact ? 0 : events_.size());
    for_each_stream([&](const Stream& s, std::span<const PresenceEvent> run) {
        auto n = static_cast<std::size_t>(&s - streams_.data());
        PerStream& o = per[n];
        o.begin = static_cast<std::uint32_t>(kept.size());
        if (compact) compact_run(run, kept);
        else kept.insert(kept.end(), run.begin(), run.end());
        o.end = static_cast<std::uint32_t>(kept.size());
        o.first = run.front().at;
        o.last = run.back().at;
        for (std::uint32_t i = piece_begin[n]; i < piece_begin[n + 1]; ++i) {
            o.first = std::min(o.first, grouped[i]->first);
            o.last = std::max(o.last, grouped[i]->last);
            o.compacted |= grouped[i]->compacted != 0;
        }
        o.compacted |= o.end - o.begin < run.size();
    });
    std::pmr::vector<std::uint32_t> order(mr_); // streams with something to write, in key order
    std::size_t size = 8;
    for (std::uint32_t n = 0; n < streams_.size(); ++n) {
        const Stream& s = streams_[n];
        bool has_min = s.w_min != no_min, has_max = s.w_max != no_max;
        std::size_t events = per[n].end - per[n].begin;
        if (!events && !has_min && !has_max) continue;
        order.push_back(n);
        std::size_t spans = !events ? 0 : compact || piece_begin[n] == piece_begin[n + 1] ? 1 : piece_begin[n + 1] - piece_begin[n];
        size += 4 + s.length + 1 + 8 * (has_min + has_max) + 4 + spans * v2_piece_bytes + 8 + events * v2_event_bytes;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key_view(streams_[a]) < key_view(streams_[b]); });
    std::string out = summary::with_header(summary::Kind::presence, size, summary::presence_compact_version);
    char* p = out.data() + summary::header_size;
    constexpr ByteOrder be = ByteOrder::big;
    put_int(p, std::uint64_t(order.size()), be);
    for (std::uint32_t n : order) {
        const Stream& s = streams_[n];
        const PerStream& o = per[n];
        bool has_min = s.w_min != no_min, has_max = s.w_max != no_max;
        put_int(p, s.length, be);
        std::memcpy(p, keys_ + s.offset, s.length);
        p += s.length;
        put_int(p, std::uint8_t((has_min ? 1 : 0) | (has_max ? 2 : 0)), be);
        if (has_min) put_int(p, s.w_min, be);
        if (has_max) put_int(p, s.w_max, be);
        if (o.end == o.begin) put_int(p, std::uint32_t(0), be);
        else if (compact || piece_begin[n] == piece_begin[n + 1]) {
            put_int(p, std::uint32_t(1), be);
            put_int(p, o.first, be);
            put_int(p, o.last, be);
            put_int(p, std::uint8_t(o.compacted ? 1 : 0), be);
        } else {
            put_int(p, std::uint32_t(piece_begin[n + 1] - piece_begin[n]), be);
            for (std::uint32_t i = piece_begin[n]; i < piece_begin[n + 1]; ++i) {
                put_int(p, grouped[i]->first, be);
                put_int(p, grouped[i]->last, be);
                put_int(p, std::uint8_t(grouped[i]->compacted), be);
            }
        }
        put_int(p, std::uint64_t(o.end - o.begin), be);
        for (std::uint32_t i = o.begin; i < o.end; ++i) {
            put_int(p, kept[i].at, be);
            put_int(p, std::uint8_t(kept[i].leave ? 1 : 0), be);
        }
    }
    if (p != out.data() + out.size()) throw std::logic_error("presence state: format 2 size mismatch");
    return out;
}

std::string PresenceState::summary() const {
    return with_settled([](const PresenceState& state) {
        state.check_pieces();
        return state.format_2(true);
    });
}

void PresenceState::read_format_2(PresenceState& part, std::string_view in) {
    constexpr ByteOrder be = ByteOrder::big;
    auto streams = get_int<std::uint64_t>(in, be);
    if (streams > in.size() / v2_min_stream_bytes) throw InvalidState("more streams than bytes");
    WorkMeter meter;
    for (std::uint64_t k = 0; k < streams; ++k) {
        auto length = get_int<std::uint32_t>(in, be);
        if (length > in.size()) throw InvalidState("key longer than the state");
        std::string_view key = in.substr(0, length);
        if (std::count(key.begin(), key.end(), '\0') != 1) throw InvalidState("key is not a user and a content");
        std::size_t before = part.streams_.size();
        std::uint32_t n = part.intern(key.data(), length, false);
        if (part.streams_.size() == before) throw InvalidState("a stream appears twice");
        in.remove_prefix(length);
        auto flags = get_int<std::uint8_t>(in, be);
        if (flags > 3) throw InvalidState("stream flags " + std::to_string(flags) + " are not 0 to 3");
        Micros w_min = flags & 1 ? stored_time(in, be) : no_min, w_max = flags & 2 ? stored_time(in, be) : no_max;
        part.fold_window(part.streams_[n], w_min, w_max);
        auto spans = get_int<std::uint32_t>(in, be);
        if (spans > in.size() / v2_piece_bytes) throw InvalidState("more spans than bytes");
        Micros lo = no_min, hi = no_max;
        bool compacted = false;
        for (std::uint32_t i = 0; i < spans; ++i) {
            Micros first = stored_time(in, be), last = stored_time(in, be);
            bool c = stored_flag(in, be);
            if (first > last) throw InvalidState("a span ends before it starts");
            part.pieces_.push_back(Piece{first, last, n, c ? 1u : 0u});
            lo = std::min(lo, first);
            hi = std::max(hi, last);
            compacted |= c;
        }
        auto events = get_int<std::uint64_t>(in, be);
        if (events > in.size() / v2_event_bytes) throw InvalidState("more events than bytes");
        if ((events == 0) != (spans == 0)) throw InvalidState("a stream's events and spans do not go together");
        if (events == 0 && flags == 0) throw InvalidState("a stream with neither events nor window");
        meter.step(static_cast<long>(events) + 1);
        part.events_.reserve(part.events_.size() + events);
        std::optional<PresenceEvent> previous;
        for (std::uint64_t i = 0; i < events; ++i) {
            Micros at = stored_time(in, be);
            bool leave = stored_flag(in, be);
            PresenceEvent e{at, leave};
            if (previous && e < *previous) throw InvalidState("times of a stream are not sorted");
            previous = e;
            part.events_.push_back(Event{at, n, leave ? 1u : 0u});
        }
        if (events) {
            Micros first = part.events_[part.events_.size() - events].at, last = previous->at;
            // Without a compacted span every event is kept, so the last one ends the span (or the latest of
            // the spans a rollup's state carries): a summary written from these bytes then reads back.
            if (first != lo || last > hi || (!compacted && last != hi))
                throw InvalidState("a stream's events are not within its span");
        }
    }
    if (!in.empty()) throw InvalidState("trailing bytes");
}

} // namespace ar
