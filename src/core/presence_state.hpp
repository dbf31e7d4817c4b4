// Aggregate state of minutes_viewed and engagement_rate: the join/leave events of every
// (user, content) stream of a group, and each stream's window arguments. Memory is proportional to the
// group's events; all of it comes from one std::pmr resource (PostgreSQL's aggregate context in the
// extension), so freeing the context frees the state. Order-independent: finalisation sorts.
#pragma once
#include "cpp_only.hpp"

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "presence.hpp"

namespace ar {

class PresenceState {
public:
    explicit PresenceState(std::pmr::memory_resource* mr = std::pmr::get_default_resource());

    // One row. `kind`: 0 neither join nor leave (only its window arguments count), 1 join, 2 leave.
    // Window arguments: `w_min` keeps the earliest non-null value (live_starts), `w_max` the latest
    // (closes_at or live_ends).
    void add(std::string_view user, std::string_view content, int kind, Micros at,
             std::optional<Micros> w_min, std::optional<Micros> w_max);
    void combine(const PresenceState& other);

    // Sum over streams of presence, in minutes, an open interval closing at the stream's w_max.
    double minutes_viewed() const;
    // Mean over attended streams of the share of [w_min, w_max) present, in percent; nullopt if none.
    std::optional<double> engagement_rate() const;

    std::string serialize() const;
    static void deserialize_into(PresenceState& state, std::string_view bytes); // throws std::runtime_error

    std::size_t event_count() const { return events_.size(); }

private:
    struct Stream {
        const std::pmr::string* key; // user '\0' content; the node key in index_, whose address is stable
        std::optional<Micros> w_min, w_max;
    };
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    struct Event {
        std::uint32_t stream;
        PresenceEvent e;
    };
    std::uint32_t intern(std::string_view key);
    static void widen(Stream& s, std::optional<Micros> w_min, std::optional<Micros> w_max);
    template <typename PerStream> void for_each_stream(PerStream&& f) const;

    std::pmr::memory_resource* mr_;
    std::pmr::vector<Stream> streams_;
    std::pmr::unordered_map<std::pmr::string, std::uint32_t, KeyHash, std::equal_to<>> index_;
    std::pmr::vector<Event> events_;
    std::pmr::string scratch_; // key buffer reused across rows
};

} // namespace ar
