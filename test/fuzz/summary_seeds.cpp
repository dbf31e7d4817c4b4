// Writes the seed corpus of fuzz_summaries into a directory: real states of every format (format 1 in both
// stream orders, format 2 compacted and not, 0.1.0's little-endian presence bytes, reaction and watch), each
// behind the mode byte that sends it to its decoder. The fuzzer mutates from there.
#include <cstdint>
#include <fstream>
#include <string>

#include "core/presence_state.hpp"
#include "core/summary_format.hpp"

namespace {
constexpr ar::Micros minute = 60'000'000;

void write(const std::string& dir, const std::string& name, char mode, const std::string& bytes) {
    std::ofstream(dir + "/" + name, std::ios::binary) << mode << bytes;
}

// Two learners in two sessions with live windows, one left open, one rejoining.
void fill(ar::PresenceState& s) {
    s.add("u1", "c1", 1, 0, 0, 90 * minute);
    s.add("u1", "c1", 2, 30 * minute, std::nullopt, std::nullopt);
    s.add("u1", "c1", 1, 40 * minute, std::nullopt, std::nullopt);
    s.add("u2", "c1", 1, 10 * minute, std::nullopt, 90 * minute);
    s.add("u2", "c2", 0, 5 * minute, 0, 60 * minute);
    s.add("u2", "c2", 1, 20 * minute, std::nullopt, std::nullopt);
    s.add("u2", "c2", 2, 50 * minute, std::nullopt, std::nullopt);
}

// 0.1.0's bytes: the tag, then little-endian keys, events and windows (test_summary_format.cpp).
std::string legacy_presence() {
    std::string b = "P";
    auto put = [&](std::uint64_t v, int n) { for (int k = 0; k < n; ++k) b += char((v >> (8 * k)) & 0xff); };
    std::string key("u1\0c1", 5);
    put(key.size(), 8); b += key; put(2, 8);
    put(0, 4); put(5, 4); put(0, 8); b += '\0';
    put(0, 4); put(5, 4); put(60 * minute, 8); b += '\1';
    put(0, 8);
    return b;
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    std::string dir = argv[1];
    ar::PresenceState s;
    fill(s);
    write(dir, "presence_format1", 0, s.serialize(false));
    write(dir, "presence_format1_ordered", 2, s.serialize(true));
    write(dir, "presence_summary", 1, s.summary());
    write(dir, "presence_legacy", 0, legacy_presence());
    ar::PresenceState day2;
    day2.add("u1", "c1", 1, 24 * 60 * minute, std::nullopt, std::nullopt);
    day2.add("u1", "c1", 2, 24 * 60 * minute + 15 * minute, std::nullopt, std::nullopt);
    write(dir, "presence_two_summaries", 5, s.summary() + day2.summary());
    ar::PresenceState rolled;
    ar::PresenceState::deserialize_into(rolled, s.summary(), true);
    ar::PresenceState::deserialize_into(rolled, day2.summary(), true);
    write(dir, "presence_rollup_state", 1, rolled.serialize());
    write(dir, "reaction", 3, ar::summary::encode(ar::ReactionTally{5, 3, 1}));
    write(dir, "watch", 4, ar::summary::encode(ar::WatchTally{0.75, 2}));
    return 0;
}
