#include "cli/duration.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "core/text.hpp"

namespace ar::cli {

namespace {

constexpr std::int64_t micro = 1'000'000;
constexpr std::int64_t max_micros = std::int64_t{100'000} * 366 * 86400 * micro; // far beyond any content

struct Cursor {
    std::string_view s;
    std::size_t i = 0;
    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
    void spaces() { while (!done() && ar::is_space(s[i])) ++i; }
    // A decimal number as millionths ("12.5" -> 12'500'000); at most 12 integer and 6 fraction digits.
    std::optional<std::int64_t> decimal(bool allow_fraction = true) {
        std::int64_t whole = 0, fraction = 0;
        int digits = 0, fraction_digits = 0;
        while (ar::is_digit(peek()) && digits < 13) { whole = whole * 10 + (s[i++] - '0'); ++digits; }
        if (digits == 0 || digits > 12) return std::nullopt;
        if (allow_fraction && (peek() == '.') && i + 1 < s.size() && ar::is_digit(s[i + 1])) {
            ++i;
            while (ar::is_digit(peek())) {
                if (fraction_digits == 6) return std::nullopt;
                fraction = fraction * 10 + (s[i++] - '0');
                ++fraction_digits;
            }
            for (int k = fraction_digits; k < 6; ++k) fraction *= 10;
        }
        return whole * micro + fraction;
    }
    std::string_view word() {
        std::size_t start = i;
        while (!done() && ((fold(s[i]) >= 'a' && fold(s[i]) <= 'z'))) ++i;
        return s.substr(start, i - start);
    }
};

// Microseconds in one unit named by a word ("h", "hours", "min", ...); 0 when it is not a unit.
std::int64_t unit_micros(std::string_view w) {
    std::string u;
    for (char c : w) u.push_back(fold(c));
    if (u == "d" || u == "day" || u == "days") return 86400 * micro;
    if (u == "h" || u == "hr" || u == "hrs" || u == "hour" || u == "hours") return 3600 * micro;
    if (u == "m" || u == "min" || u == "mins" || u == "minute" || u == "minutes") return 60 * micro;
    if (u == "s" || u == "sec" || u == "secs" || u == "second" || u == "seconds") return micro;
    return 0;
}

// amount (millionths) times a unit (microseconds per unit), without overflow for accepted inputs.
std::optional<std::int64_t> scale(std::int64_t amount, std::int64_t unit) {
    std::int64_t whole = amount / micro, fraction = amount % micro;
    if (whole > max_micros / unit) return std::nullopt;
    std::int64_t total = whole * unit + fraction * (unit / micro);
    return total > max_micros ? std::nullopt : std::optional(total);
}

// hh:mm[:ss[.ffffff]] (PostgreSQL's reading: the first number is hours), two digits for minutes and seconds.
std::optional<std::int64_t> clock(std::string_view s) {
    Cursor c{s};
    auto hours = c.decimal(false);
    if (!hours || c.peek() != ':') return std::nullopt;
    ++c.i;
    std::size_t start = c.i;
    auto minutes = c.decimal(false);
    if (!minutes || c.i - start != 2 || *minutes >= 60 * micro) return std::nullopt;
    std::int64_t seconds = 0;
    if (c.peek() == ':') {
        ++c.i;
        start = c.i;
        auto sec = c.decimal(true);
        std::string_view written = s.substr(start, c.i - start);
        if (!sec || *sec >= 60 * micro || std::min(written.find('.'), written.size()) != 2) return std::nullopt;
        seconds = *sec;
    }
    if (!c.done()) return std::nullopt;
    auto total = scale(*hours, 3600 * micro);
    if (!total) return std::nullopt;
    return *total + *minutes * 60 + seconds;
}

// ISO 8601: P[nD][T[nH][nM][nS]] (weeks, months and years refused).
std::optional<std::int64_t> iso8601(std::string_view s) {
    Cursor c{s};
    if (fold(c.peek()) != 'p') return std::nullopt;
    ++c.i;
    bool time = false, any = false;
    std::int64_t total = 0;
    while (!c.done()) {
        if (fold(c.peek()) == 't') {
            if (time) return std::nullopt;
            time = true;
            ++c.i;
            continue;
        }
        auto amount = c.decimal(true);
        if (!amount || c.done()) return std::nullopt;
        char designator = fold(c.s[c.i++]);
        std::int64_t unit = !time && designator == 'd' ? 86400 * micro
                          : time && designator == 'h'  ? 3600 * micro
                          : time && designator == 'm'  ? 60 * micro
                          : time && designator == 's'  ? micro : 0;
        if (!unit) return std::nullopt;
        auto part = scale(*amount, unit);
        if (!part || (total += *part) > max_micros) return std::nullopt;
        any = true;
    }
    return any ? std::optional(total) : std::nullopt;
}

// "1 hour 30 minutes", "90 min", "1h30m", "2.5 hours".
std::optional<std::int64_t> words(std::string_view s) {
    Cursor c{s};
    std::int64_t total = 0;
    bool any = false;
    while (c.spaces(), !c.done()) {
        auto amount = c.decimal(true);
        if (!amount) return std::nullopt;
        c.spaces();
        std::int64_t unit = unit_micros(c.word());
        if (!unit) return std::nullopt;
        auto part = scale(*amount, unit);
        if (!part || (total += *part) > max_micros) return std::nullopt;
        any = true;
        c.spaces();
        if (c.peek() == ',') ++c.i;
    }
    return any ? std::optional(total) : std::nullopt;
}

} // namespace

std::optional<std::string> canonical_duration(std::string_view text) {
    std::string_view s = ar::trim(text);
    if (s.empty()) return std::nullopt;
    std::optional<std::int64_t> micros;
    Cursor c{s};
    if (auto minutes = c.decimal(true); minutes && c.done()) micros = scale(*minutes, 60 * micro);
    else if (s.find(':') != std::string_view::npos) micros = clock(s);
    else if (fold(s[0]) == 'p') micros = iso8601(s);
    else micros = words(s);
    if (!micros) return std::nullopt;
    std::int64_t whole = *micros / micro, fraction = *micros % micro;
    if (fraction == 0) return fmt::format("{} seconds", whole);
    std::string digits = fmt::format("{:06d}", fraction);
    while (digits.back() == '0') digits.pop_back();
    return fmt::format("{}.{} seconds", whole, digits);
}

} // namespace ar::cli
