// The Duration column of a contents catalog: minutes (a number, "45" or "12.5") or an interval ("01:30:00",
// "1:30", "PT1H30M", "1 hour 30 minutes", "90 min", "1h30m"), read into one exact form for PostgreSQL's interval
// input ("5400 seconds"). Months and years are refused (no fixed length), so are negative durations. Pure C++.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ar::cli {

// The canonical text, or nullopt when the text is not a duration.
std::optional<std::string> canonical_duration(std::string_view text);

} // namespace ar::cli
