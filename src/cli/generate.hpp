// Synthetic data generator (design §7): realistic users, contents, groups, memberships and events of all four
// vocabularies, valid under the seeded taxonomy, of any size. Pure C++ (standard library + fmt): deterministic
// for a seed on every platform (own PRNG and range mapping), IDs carry the seed so several seeds can share a
// database.
#pragma once

#include <cstdint>
#include <string_view>

namespace ar::cli {

struct GenerateOptions {
    std::uint64_t events = 100000;   // number of events rows to produce (exactly this many)
    std::uint64_t seed = 1;          // same seed + same events -> byte-identical output
};

// Receives the tables in load order (users, contents, groups, group_members, events). For each table:
// begin(table, columns) with the comma-separated column list for COPY, then rows as CSV lines
// (RFC 4180 quoting, no trailing newline), then end().
class TableSink {
public:
    virtual ~TableSink() = default;
    virtual void begin(std::string_view table, std::string_view columns) = 0;
    virtual void row(std::string_view csv_line) = 0;
    virtual void end() = 0;
};

// Users ~ max(20, events / 500), contents ~ max(10, events / 2000) (sessions with breakouts and one-on-one
// meetings, in-person sessions, videos, courses with lessons and activities, learning paths), groups with
// members, three portals; then exactly options.events events, source_ref gen:<seed>:<n>.
void generate(const GenerateOptions& options, TableSink& sink);

}  // namespace ar::cli
