// libFuzzer target for the stored summary formats (summary_format.hpp, PresenceState::deserialize_into): bytes
// a user can hand the extension as a presence, reaction or watch summary, or as an aggregate's state. Whatever
// the bytes, decoding either throws InvalidState (SQLSTATE 22P03 in the extension) or gives a state whose bytes,
// written again, read back to the same results; it never crashes, hangs, leaks or allocates beyond what the
// bytes hold. Input: a mode byte (which decoder, which flags), then the bytes.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/presence_state.hpp"
#include "core/summary_format.hpp"

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// The metrics add doubles in an order that depends on how the streams were interned: equal up to rounding.
bool same(double a, double b) { return a == b || std::fabs(a - b) <= 1e-9 * std::fmax(std::fabs(a), std::fabs(b)); }
bool same(std::optional<double> a, std::optional<double> b) { return a.has_value() == b.has_value() && (!a || same(*a, *b)); }

struct Results {
    double minutes, in_range;
    std::optional<double> engagement;
};
Results results_of(const ar::PresenceState& s) {
    // A fixed range in the middle of the representable times, and the same with open closes.
    return {s.minutes_viewed(), s.presence_minutes(0, 1'000'000'000'000LL, false), s.engagement_rate()};
}
bool same(const Results& a, const Results& b) {
    return same(a.minutes, b.minutes) && same(a.in_range, b.in_range) && same(a.engagement, b.engagement);
}

void fuzz_presence(std::string_view bytes, bool as_summary, bool lazy) {
    ar::PresenceState state;
    try {
        ar::PresenceState::deserialize_into(state, bytes, as_summary, lazy);
    } catch (const ar::InvalidState&) {
        return;
    }
    Results first;
    try {
        first = results_of(state);
    } catch (const ar::OverlappingSummaries&) { // crafted spans that overlap: refused with 22023, as rollup() refuses them
        return;
    }
    // Format 1 (every event), in both stream orders, reads back the same.
    for (bool ordered : {false, true}) {
        ar::PresenceState again;
        ar::PresenceState::deserialize_into(again, state.serialize(ordered), false, ordered);
        check(same(results_of(again), first));
    }
    // The stored form (format 2, compacted) keeps every metric.
    std::string compact = state.summary();
    ar::PresenceState back;
    ar::PresenceState::deserialize_into(back, compact, true);
    check(same(results_of(back), first));
    check(back.summary() == compact);
}

template <typename Tally, typename Decode> void fuzz_small(std::string_view bytes, Decode decode) {
    Tally t;
    try {
        t = decode(bytes);
    } catch (const ar::InvalidState&) {
        return;
    }
    std::string written = ar::summary::encode(t);
    check(ar::summary::encode(decode(written)) == written);
    (void)t.result();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 6) {
    case 0: fuzz_presence(bytes, false, false); break;
    case 1: fuzz_presence(bytes, true, false); break;
    case 2: fuzz_presence(bytes, false, true); break;
    case 3: fuzz_small<ar::ReactionTally>(bytes, ar::summary::decode_reaction); break;
    case 4: fuzz_small<ar::WatchTally>(bytes, ar::summary::decode_watch); break;
    default: // two states in one, as rollup() merges them
        try {
            ar::PresenceState state;
            std::size_t half = bytes.size() / 2;
            ar::PresenceState::deserialize_into(state, bytes.substr(0, half), true);
            ar::PresenceState::deserialize_into(state, bytes.substr(half), true);
            (void)state.summary();
            (void)results_of(state);
        } catch (const ar::InvalidState&) {
        } catch (const ar::OverlappingSummaries&) {
        }
    }
    return 0;
}
