#include "cli/month_sample.hpp"

#include "cli/timestamp.hpp"

namespace ar::cli {

namespace {

int field(std::string_view s, std::size_t at, std::size_t width) {
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) value = value * 10 + (s[i] - '0');
    return value;
}

} // namespace

void MonthSample::add(std::string_view t) {
    if (t.size() < 19) return;  // not canonical: the server finds no month for it either way
    int year = field(t, 0, 4), month = field(t, 5, 2), day = field(t, 8, 2);
    int index = year * 12 + month - 1;
    std::size_t zone = t.find_first_of("+-", 19);
    if (zone != std::string_view::npos && t.size() >= zone + 6) {
        int minutes = field(t, 11, 2) * 60 + field(t, 14, 2);
        int offset = field(t, zone + 1, 2) * 60 + field(t, zone + 4, 2);
        minutes -= t[zone] == '+' ? offset : -offset;  // the UTC time of day, possibly on the day before or after
        if (minutes < 0 && day == 1) --index;
        if (minutes >= 24 * 60 && day == days_in_month(year, month)) ++index;
        utc_.try_emplace(index, t);
        return;
    }
    if (day == 1 || day == days_in_month(year, month)) {
        auto [edge, fresh] = edges_.try_emplace(day == 1 ? index : index + 1, std::string(t), std::string(t));
        if (!fresh) {
            // Canonical texts of one shape order as their times.
            if (t < edge->second.first) edge->second.first = t;
            if (t > edge->second.second) edge->second.second = t;
        }
        return;
    }
    inner_.try_emplace(index, t);
}

std::vector<std::string> MonthSample::times() const {
    std::vector<std::string> out;
    for (const auto& [month, time] : utc_) out.push_back(time);
    for (const auto& [month, time] : inner_) out.push_back(time);
    for (const auto& [month, range] : edges_) {
        out.push_back(range.first);
        if (range.second != range.first) out.push_back(range.second);
    }
    return out;
}

} // namespace ar::cli
