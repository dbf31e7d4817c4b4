// Presence intervals (design §5): for one viewer on one content, joins open presence and leaves close
// it. Sorted by time with a leave before a join at equal times; a join while present and a leave while
// absent are ignored. Times are microseconds (PostgreSQL timestamptz).
#pragma once
#include "cpp_only.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>

namespace ar {

using Micros = std::int64_t;
// A length of time or a sum of lengths, in microseconds. PostgreSQL's finite timestamps span 9.4e18 µs
// (4714-11-24 BC to 294276-12-31), more than int64 holds: differences and sums are exact in 128 bits.
using Span = __int128;

struct PresenceEvent {
    Micros at;
    bool leave; // false: join
    friend bool operator<(const PresenceEvent& a, const PresenceEvent& b) {
        return a.at != b.at ? a.at < b.at : (a.leave && !b.leave); // leave first at equal times
    }
};

// Sorts a stream's events (or pointers to them, by `less`); most streams have a handful.
template <typename It, typename Less = std::less<>>
void sort_few(It first, It last, Less less = {}) {
    if (last - first < 2) return; // also an empty range of a vector with no storage: first + 1 is not valid
    if (last - first > 16) { std::sort(first, last, less); return; }
    for (It i = first + 1; i < last; ++i)
        for (It j = i; j > first && less(*j, j[-1]); --j) std::iter_swap(j, j - 1);
}

// Calls emit(start, end) for every presence interval of events sorted by operator<. An interval still
// open at the end closes at `close_at` when it is given and later than the join.
template <typename Emit>
void presence_intervals(std::span<const PresenceEvent> sorted, std::optional<Micros> close_at, Emit&& emit) {
    bool present = false;
    Micros since = 0;
    for (const PresenceEvent& e : sorted) {
        if (!e.leave && !present) { present = true; since = e.at; }
        else if (e.leave && present) { present = false; emit(since, e.at); }
    }
    if (present && close_at && *close_at > since) emit(since, *close_at);
}

// Total presence in microseconds (integer: sums are exact whatever the order).
inline Span presence_total(std::span<const PresenceEvent> sorted, std::optional<Micros> close_at) {
    Span total = 0;
    presence_intervals(sorted, close_at, [&](Micros s, Micros e) { total += Span(e) - s; });
    return total;
}

// The bounds a time range may have besides finite times: PostgreSQL's -infinity and infinity
// (DT_NOBEGIN, DT_NOEND), which no stored time equals.
constexpr Micros minus_infinity = std::numeric_limits<Micros>::min(), plus_infinity = std::numeric_limits<Micros>::max();

// Presence clipped to [from, to), either bound possibly infinite. An interval still open at the end closes
// at `to` when `open_closes` is set and `to` is finite (and later than the join); otherwise it adds nothing.
inline Span presence_in_range(std::span<const PresenceEvent> sorted, Micros from, Micros to, bool open_closes) {
    Span total = 0;
    if (to <= from) return total;
    std::optional<Micros> close_at;
    if (open_closes && to != plus_infinity) close_at = to;
    presence_intervals(sorted, close_at, [&](Micros s, Micros e) {
        Micros a = std::max(s, from), b = std::min(e, to);
        if (b > a) total += Span(b) - a;
    });
    return total;
}

// Presence inside [window_start, window_end); an open interval closes at window_end.
inline Span presence_in_window(std::span<const PresenceEvent> sorted, Micros window_start, Micros window_end) {
    Span total = 0;
    presence_intervals(sorted, window_end, [&](Micros s, Micros e) {
        Micros a = std::max(s, window_start), b = std::min(e, window_end);
        if (b > a) total += Span(b) - a;
    });
    return total;
}

} // namespace ar
