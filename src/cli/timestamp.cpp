#include "cli/timestamp.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace ar::cli {

namespace {

struct Cursor {
    std::string_view s;
    std::size_t i = 0;
    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
    bool eat(char c) { if (peek() == c) { ++i; return true; } return false; }
    // 1 to max_digits digits.
    std::optional<int> number(int min_digits, int max_digits) {
        int value = 0, n = 0;
        while (n < max_digits && ar::is_digit(peek())) { value = value * 10 + (s[i++] - '0'); ++n; }
        if (n < min_digits) return std::nullopt;
        return value;
    }
    void spaces() { while (peek() == ' ') ++i; }
};

} // namespace

int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

std::optional<std::string> canonical_timestamp(std::string_view text) {
    Cursor c{ar::trim(text)};
    int year, month, day;
    auto a = c.number(1, 4);
    if (!a) return std::nullopt;
    if (c.peek() == '-') {  // ISO: yyyy-mm-dd
        if (c.i != 4) return std::nullopt;
        c.eat('-');
        auto m = c.number(2, 2);
        if (!m || !c.eat('-')) return std::nullopt;
        auto d = c.number(2, 2);
        if (!d) return std::nullopt;
        year = *a, month = *m, day = *d;
    } else if (c.eat('/')) {  // US: m/d/yyyy
        auto d = c.number(1, 2);
        if (!d || !c.eat('/')) return std::nullopt;
        auto y = c.number(4, 4);
        if (!y) return std::nullopt;
        year = *y, month = *a, day = *d;
    } else {
        return std::nullopt;
    }
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;

    int hour = 0, minute = 0, second = 0;
    std::string fraction, zone;
    c.eat(',');
    bool has_time = c.eat('T') || c.eat('t') || (c.peek() == ' ' && (c.spaces(), !c.done()));
    if (has_time) {
        auto h = c.number(1, 2);
        if (!h || !c.eat(':')) return std::nullopt;
        auto mi = c.number(2, 2);
        if (!mi) return std::nullopt;
        hour = *h, minute = *mi;
        if (c.eat(':')) {
            auto se = c.number(2, 2);
            if (!se) return std::nullopt;
            second = *se;
            if (c.eat('.') || c.eat(',')) {
                while (ar::is_digit(c.peek())) fraction.push_back(c.s[c.i++]);
                if (fraction.empty() || fraction.size() > 6) return std::nullopt;
            }
        }
        c.spaces();
        // 12-hour clock.
        auto ampm = c.s.substr(c.i, 2);
        if (ampm.size() == 2 && (ar::fold(ampm[1]) == 'm') && (ar::fold(ampm[0]) == 'a' || ar::fold(ampm[0]) == 'p')) {
            if (hour < 1 || hour > 12) return std::nullopt;
            hour = hour % 12 + (ar::fold(ampm[0]) == 'p' ? 12 : 0);
            c.i += 2;
            c.spaces();
        }
        if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
        // Zone: Z, UTC/GMT, or ±hh[:mm] / ±hhmm.
        if (c.eat('Z') || c.eat('z')) {
            zone = "+00:00";
        } else if (auto rest = c.s.substr(c.i); rest.size() >= 3 && (ar::fold(rest[0]) == 'u' || ar::fold(rest[0]) == 'g') &&
                                                  ar::normalize(rest.substr(0, 3)) == (ar::fold(rest[0]) == 'u' ? "utc" : "gmt")) {
            zone = "+00:00";
            c.i += 3;
        } else if (c.peek() == '+' || c.peek() == '-') {
            char sign = c.s[c.i++];
            auto zh = c.number(2, 2);
            if (!zh) return std::nullopt;
            int zm = 0;
            bool colon = c.eat(':');
            if (colon || ar::is_digit(c.peek())) {
                auto m = c.number(2, 2);
                if (!m) return std::nullopt;
                zm = *m;
            }
            if (*zh > 15 || zm > 59) return std::nullopt;
            zone = fmt::format("{}{:02}:{:02}", sign, *zh, zm);
        }
    }
    if (!c.done()) return std::nullopt;
    // yyyy-mm-dd hh:mi:ss, written by hand (this runs for every row of an export).
    std::string out = "0000-00-00 00:00:00";
    auto digits = [&](std::size_t at, int value, int width) {
        for (int k = width - 1; k >= 0; --k, value /= 10) out[at + static_cast<std::size_t>(k)] = static_cast<char>('0' + value % 10);
    };
    digits(0, year, 4), digits(5, month, 2), digits(8, day, 2), digits(11, hour, 2), digits(14, minute, 2), digits(17, second, 2);
    if (!fraction.empty()) out += "." + fraction;
    out += zone;
    return out;
}

std::optional<std::string> ambiguous_date_problem(std::string_view text) {
    std::string_view s = ar::trim(text);
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = start;
        while (end < s.size() && !ar::is_space(s[end])) ++end;
        Cursor c{s.substr(start, end - start)};
        start = end + 1;
        // A word starting with one or two digits and a separator: day and month before the year.
        auto first = c.number(1, 2);
        char separator = c.peek();
        if (!first || (separator != '/' && separator != '.' && separator != '-')) continue;
        c.eat(separator);
        auto second = c.number(1, 2);
        if (!second) continue;
        std::optional<int> year;
        if (c.eat(separator)) year = c.number(4, 4);
        std::string readings;
        if (year && (c.done() || !ar::is_digit(c.peek()))) {
            auto reading = [&](int month, int day) {
                if (month < 1 || month > 12 || day < 1 || day > days_in_month(*year, month)) return;
                auto iso = fmt::format("{:04}-{:02}-{:02}", *year, month, day);
                if (readings.find(iso) == std::string::npos) readings += (readings.empty() ? "" : " or ") + iso;
            };
            reading(*first, *second);  // month first (PostgreSQL's default DateStyle)
            reading(*second, *first);  // day first
        }
        return fmt::format("\"{}\" is ambiguous (day and month before the year: PostgreSQL reads them in the order of its "
                           "DateStyle); write the date year first, in ISO 8601: {} (a time may follow: 2026-03-10T09:00, "
                           "2026-03-10T09:00+01:00)",
                           text, readings.empty() ? "YYYY-MM-DD" : readings);
    }
    return std::nullopt;
}

} // namespace ar::cli
