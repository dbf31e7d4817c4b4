// The core of minutes_viewed / engagement_rate alone, on the data shape of bench/aggregates.sh: N rows
// round-robin over 2,000 users (one state per user, as GROUP BY user_id), 200 sessions, the same actions
// and times. Prints ns per row for the transitions and for the final functions, and a checksum of the
// results (bit patterns) so two builds can be compared. Usage: presence_bench [rows, default 1000000]
// `presence_bench stream N...` instead puts N rows (alternating joins and leaves, times shuffled) into ONE
// (user, content) stream per run and prints seconds and peak resident memory: a run of 4N must cost about
// 4 times a run of N. Build: g++ -std=c++20 -O2 -Isrc bench/presence_bench.cpp src/core/*.cpp -lfmt
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory_resource>
#include <string>
#include <vector>

#include "core/presence_state.hpp"

namespace {

// One stream of n rows; the stream's whole cost (rows in, result out) and the process's peak memory.
void one_stream(long n) {
    const ar::Micros base = 825'638'400'000'000, closes = base + 10 * 86'400'000'000LL;
    auto t0 = std::chrono::steady_clock::now();
    double minutes;
    {
        ar::PresenceState state(std::pmr::new_delete_resource());
        for (long i = 0; i < n; ++i) // joins and leaves alternate; times in a shuffled order
            state.add("u1", "s1", 1 + int(i & 1), base + ((i * 7919) % 864000) * 1'000'000, std::nullopt, closes);
        minutes = state.minutes_viewed();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("one stream of %ld rows: %.3f s (%.1f ns/row), peak RSS %ld MB, minutes_viewed %.17g\n", n, seconds,
                seconds * 1e9 / double(n), usage.ru_maxrss / 1024, minutes);
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "stream") == 0) {
        for (int i = 2; i < argc; ++i) one_stream(std::atol(argv[i])); // peak RSS: the largest run so far
        return 0;
    }
    long n = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    constexpr int users = 2000;
    const ar::Micros base = 825'638'400'000'000; // 2026-03-01 00:00 UTC, microseconds since 2000-01-01
    const ar::Micros closes = base + 10 * 86'400'000'000LL, live_start = base + 86'400'000'000LL,
                     live_end = base + 8 * 86'400'000'000LL;
    const int kinds[10] = {1, 2, 1, 2, 1, 0, 2, 0, 0, 2}; // Join Leave Join Leave Join View Leave Emoji Watch Leave
    std::vector<std::string> user(users), content(200);
    for (int u = 0; u < users; ++u) user[u] = "u" + std::to_string(u);
    for (int c = 0; c < 200; ++c) content[c] = "s" + std::to_string(c);
    for (int metric = 0; metric < 2; ++metric) {
        std::pmr::memory_resource* pool = std::pmr::new_delete_resource(); // stands in for the aggregate context
        std::deque<ar::PresenceState> states;
        for (int u = 0; u < users; ++u) states.emplace_back(pool);
        auto t0 = std::chrono::steady_clock::now();
        for (long i = 1; i <= n; ++i) {
            ar::Micros at = base + ((i * 7919) % 864000) * 1'000'000;
            int kind = kinds[(i / 3) % 10];
            const std::string &u = user[i % users], &c = content[(i / users) % 200];
            if (metric == 0) states[i % users].add(u, c, kind, at, std::nullopt, closes);
            else states[i % users].add(u, c, kind, at, live_start, live_end);
        }
        auto t1 = std::chrono::steady_clock::now();
        std::uint64_t checksum = 0;
        for (auto& s : states) {
            double v;
            if (metric == 0) v = s.minutes_viewed();
            else { auto r = s.engagement_rate(); v = r ? *r : -1; }
            std::uint64_t bits;
            std::memcpy(&bits, &v, 8);
            checksum = checksum * 1099511628211ull + bits;
        }
        auto t2 = std::chrono::steady_clock::now();
        auto ns = [&](auto a, auto b) { return std::chrono::duration<double, std::nano>(b - a).count() / double(n); };
        std::printf("%s: add %.1f ns/row, final %.1f ns/row, checksum %016llx\n", metric == 0 ? "minutes_viewed" : "engagement_rate",
                    ns(t0, t1), ns(t1, t2), static_cast<unsigned long long>(checksum));
    }
}
