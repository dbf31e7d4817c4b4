// The months a load's rows fall in, told by a few of their times. The server then casts only these (in the
// session's time zone, as it casts the rows) to find the months to make, instead of every staged time.
// Pure C++: the times are canonical_timestamp texts ("2026-03-10 09:05:00[.ffffff][+01:00]").
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ar::cli {

class MonthSample {
public:
    void add(std::string_view canonical);
    // Times whose months are every month of the times added, each month at least once (a few per month).
    std::vector<std::string> times() const;

private:
    // A time with an offset: one per UTC month (its index, year * 12 + month - 1).
    std::map<int, std::string> utc_;
    // A time without one is read in the session's zone, less than a day from UTC: one per local month of the
    // times at least a day from its bounds; those within a day of a month's start (the key: that month) may be
    // in either month, so the earliest and the latest of them are kept: the times in between fall in the
    // months of those two. (A month missed, in a zone a day or more from UTC, is no loss: its rows go to
    // events_default.)
    std::map<int, std::string> inner_;
    std::map<int, std::pair<std::string, std::string>> edges_;
};

} // namespace ar::cli
