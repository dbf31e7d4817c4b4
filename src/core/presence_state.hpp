// Aggregate state of minutes_viewed and engagement_rate. Rows are appended as they come: the
// (user, content) key bytes to an arena (a row repeating the previous key reuses it), the join/leave
// events and the window arguments to two vectors. Nothing is looked up per row, so a transition touches
// only the tails of three arrays; streams are formed once, at the end. Memory is proportional to the
// group's rows and comes from one std::pmr resource (PostgreSQL's aggregate context in the extension), so
// freeing the context frees the state. Results do not depend on row order or on how states were combined.
#pragma once
#include "cpp_only.hpp"

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "presence.hpp"

namespace ar {

class PresenceState {
public:
    explicit PresenceState(std::pmr::memory_resource* mr = std::pmr::get_default_resource());

    // One row. `kind`: 0 neither join nor leave (only its window arguments count), 1 join, 2 leave.
    // Window arguments: per stream, `w_min` keeps the earliest non-null value (live_starts), `w_max`
    // the latest (closes_at or live_ends).
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
    struct Key {
        std::uint64_t hash;           // of the bytes: sorting compares hashes first, bytes only on ties
        std::uint32_t offset, length; // into keys_: user '\0' content
    };
    struct Event {
        Key key;
        PresenceEvent e;
    };
    struct Window {
        Key key;
        Micros w_min, w_max;
        bool has_min, has_max;
    };
    struct Stream {
        std::optional<Micros> w_min, w_max;
    };

    Key append_key(std::string_view user, std::string_view content);
    std::string_view key_view(Key k) const { return {keys_.data() + k.offset, k.length}; }
    static std::uint64_t hash_of(std::string_view bytes, std::uint64_t h = 1469598103934665603ull);
    template <typename PerStream> void for_each_stream(PerStream&& f) const;

    std::pmr::memory_resource* mr_;
    std::pmr::vector<char> keys_;
    std::pmr::vector<Event> events_;
    std::pmr::vector<Window> windows_;
    Key last_{0, 0, 0};
    bool has_last_ = false;
};

} // namespace ar
