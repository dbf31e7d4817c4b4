// The stored summary format (design §10): bytes written by hand here, so the format is pinned down
// independently of the code that writes it; 0.1.0's little-endian bytes still read; impossible states
// are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/presence_state.hpp"
#include "core/summary_format.hpp"

using namespace ar;

namespace {
constexpr Micros minute = 60'000'000;

// A byte string built field by field in a chosen order.
struct Bytes {
    ByteOrder order;
    std::string s;
    template <typename T> Bytes& i(T v) {
        for (std::size_t k = 0; k < sizeof(T); ++k) {
            std::size_t shift = 8 * (order == ByteOrder::big ? sizeof(T) - 1 - k : k);
            s += static_cast<char>((static_cast<std::make_unsigned_t<T>>(v) >> shift) & 0xff);
        }
        return *this;
    }
    Bytes& raw(std::string_view v) { s += v; return *this; }
};

Bytes v1(char tag) { return Bytes{ByteOrder::big, std::string{'\x01', tag}}; }
Bytes legacy(char tag) { return Bytes{ByteOrder::little, std::string{tag}}; }

// One stream ("u1", "c1"): a join at 0 and a leave at 60 minutes, no window.
Bytes presence_one_stream(Bytes b, Micros join_at = 0, Micros leave_at = 60 * minute, std::uint8_t leave_flag = 1) {
    std::string key("u1\0c1", 5);
    b.i(std::uint64_t(key.size())).raw(key).i(std::uint64_t(2));
    b.i(std::uint32_t(0)).i(std::uint32_t(5)).i(join_at).i(std::uint8_t(0));
    b.i(std::uint32_t(0)).i(std::uint32_t(5)).i(leave_at).i(leave_flag);
    b.i(std::uint64_t(0));
    return b;
}
} // namespace

TEST(SummaryFormat, ReactionBytesAreVersionedBigEndian) {
    ReactionTally t{3, 2, 1};
    EXPECT_EQ(summary::encode(t), v1('R').i(std::int64_t(3)).i(std::int64_t(2)).i(std::int64_t(1)).s);
    ReactionTally back = summary::decode_reaction(summary::encode(t));
    EXPECT_EQ(back.views, 3);
    EXPECT_EQ(back.positive, 2);
    EXPECT_EQ(back.negative, 1);
}

TEST(SummaryFormat, Version010BytesStillRead) {
    ReactionTally r = summary::decode_reaction(legacy('R').i(std::int64_t(4)).i(std::int64_t(1)).i(std::int64_t(0)).s);
    EXPECT_EQ(r.views, 4);
    EXPECT_DOUBLE_EQ(*r.result(), 25.0);
    WatchTally w = summary::decode_watch(legacy('W').i(std::bit_cast<std::uint64_t>(0.5)).i(std::int64_t(2)).s);
    EXPECT_DOUBLE_EQ(w.result(), 0.5);
    PresenceState p;
    PresenceState::deserialize_into(p, presence_one_stream(legacy('P')).s);
    EXPECT_DOUBLE_EQ(p.minutes_viewed(), 60.0);
}

TEST(SummaryFormat, ImpossibleStatesAreRefused) {
    // a score from negative views, a watched fraction of -10, counts below zero
    EXPECT_THROW(summary::decode_reaction(v1('R').i(std::int64_t(-1)).i(std::int64_t(1)).i(std::int64_t(0)).s), InvalidState);
    EXPECT_THROW(summary::decode_reaction(legacy('R').i(std::int64_t(1)).i(std::int64_t(0)).i(std::int64_t(-5)).s), InvalidState);
    EXPECT_THROW(summary::decode_watch(v1('W').i(std::bit_cast<std::uint64_t>(-10.0)).i(std::int64_t(0)).s), InvalidState);
    EXPECT_THROW(summary::decode_watch(v1('W').i(std::bit_cast<std::uint64_t>(std::nan(""))).i(std::int64_t(0)).s), InvalidState);
    EXPECT_THROW(summary::decode_watch(v1('W').i(std::bit_cast<std::uint64_t>(0.5)).i(std::int64_t(-1)).s), InvalidState);
    // wrong kind, truncated, trailing bytes, a newer format
    EXPECT_THROW(summary::decode_watch(summary::encode(ReactionTally{1, 0, 0})), InvalidState);
    EXPECT_THROW(summary::decode_reaction(v1('R').i(std::int64_t(1)).s), InvalidState);
    EXPECT_THROW(summary::decode_reaction(v1('R').i(std::int64_t(1)).i(std::int64_t(0)).i(std::int64_t(0)).i(std::uint8_t(0)).s), InvalidState);
    try {
        summary::decode_reaction(std::string{'\x02', 'R'});
        FAIL();
    } catch (const InvalidState& e) {
        EXPECT_NE(std::string(e.what()).find("version 2"), std::string::npos);
    }
}

TEST(SummaryFormat, PresenceBytesAreVersionedBigEndianAndSorted) {
    PresenceState a, b;
    a.add("u1", "c1", 1, 0, std::nullopt, std::nullopt);
    a.add("u1", "c1", 2, 60 * minute, std::nullopt, std::nullopt);
    b.add("u1", "c1", 2, 60 * minute, std::nullopt, std::nullopt); // arrival order does not matter
    b.add("u1", "c1", 1, 0, std::nullopt, std::nullopt);
    EXPECT_EQ(a.serialize(), presence_one_stream(v1('P')).s);
    EXPECT_EQ(b.serialize(), a.serialize());
}

TEST(SummaryFormat, ImpossiblePresenceStatesAreRefused) {
    PresenceState p;
    // format 1 keeps a stream's times sorted: a leave before its join in the bytes is not a state it writes
    EXPECT_THROW(PresenceState::deserialize_into(p, presence_one_stream(v1('P'), 60 * minute, 0).s), InvalidState);
    // ... while 0.1.0 kept arrival order: the same events read, and count the same
    PresenceState old;
    PresenceState::deserialize_into(old, presence_one_stream(legacy('P'), 60 * minute, 0).s);
    EXPECT_DOUBLE_EQ(old.minutes_viewed(), 0.0); // leave at 0 then join at 60: no interval closes
    // times outside PostgreSQL's timestamp range (they would overflow the interval arithmetic)
    PresenceState q;
    EXPECT_THROW(PresenceState::deserialize_into(q, presence_one_stream(v1('P'), std::numeric_limits<Micros>::min() + 1, 0).s), InvalidState);
    PresenceState r;
    EXPECT_THROW(PresenceState::deserialize_into(r, presence_one_stream(v1('P'), 0, std::numeric_limits<Micros>::max() - 1).s), InvalidState);
    // a leave flag that is neither 0 nor 1
    PresenceState s;
    EXPECT_THROW(PresenceState::deserialize_into(s, presence_one_stream(v1('P'), 0, minute, 7).s), InvalidState);
    // a key that is not user '\0' content, and one pointing past the key bytes
    PresenceState t;
    Bytes bad = v1('P');
    bad.i(std::uint64_t(4)).raw("u1c1").i(std::uint64_t(1)).i(std::uint32_t(0)).i(std::uint32_t(4)).i(Micros(0)).i(std::uint8_t(0)).i(std::uint64_t(0));
    EXPECT_THROW(PresenceState::deserialize_into(t, bad.s), InvalidState);
    PresenceState u;
    Bytes past = v1('P');
    past.i(std::uint64_t(5)).raw(std::string("u1\0c1", 5)).i(std::uint64_t(1)).i(std::uint32_t(3)).i(std::uint32_t(5)).i(Micros(0)).i(std::uint8_t(0)).i(std::uint64_t(0));
    EXPECT_THROW(PresenceState::deserialize_into(u, past.s), InvalidState);
    // read lazily (a parallel worker's key-ordered bytes), a key is checked as it is read the full way; a
    // first event whose offset and length are all ones (the same eight bytes as "no stream yet") included
    for (std::uint32_t offset : {3u, 0xffffffffu}) {
        Bytes b = v1('P');
        b.i(std::uint64_t(5)).raw(std::string("u1\0c1", 5)).i(std::uint64_t(1)).i(offset).i(offset == 3 ? 5u : offset).i(Micros(0)).i(std::uint8_t(0)).i(std::uint64_t(0));
        PresenceState lazy;
        EXPECT_THROW(PresenceState::deserialize_into(lazy, b.s, false, true), InvalidState) << offset;
    }
    // a count of events larger than the bytes could hold
    PresenceState v;
    Bytes many = v1('P');
    many.i(std::uint64_t(0)).i(std::uint64_t(1) << 60);
    EXPECT_THROW(PresenceState::deserialize_into(v, many.s), InvalidState);
}
