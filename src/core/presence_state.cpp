#include "presence_state.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace ar {

PresenceState::PresenceState(std::pmr::memory_resource* mr) : mr_(mr), keys_(mr), events_(mr), windows_(mr) {}

std::uint64_t PresenceState::hash_of(std::string_view bytes, std::uint64_t h) {
    for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull; // FNV-1a
    return h;
}

PresenceState::Key PresenceState::append_key(std::string_view user, std::string_view content) {
    std::size_t length = user.size() + 1 + content.size();
    std::uint64_t hash = hash_of(content, hash_of(std::string_view("\0", 1), hash_of(user)));
    if (has_last_ && last_.hash == hash && last_.length == length) {
        const char* k = keys_.data() + last_.offset;
        if (std::memcmp(k, user.data(), user.size()) == 0 && k[user.size()] == '\0' &&
            std::memcmp(k + user.size() + 1, content.data(), content.size()) == 0)
            return last_;
    }
    if (keys_.size() + length > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("presence state: more than 4 GB of user and content identifiers in one group");
    Key key{hash, static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(length)};
    keys_.insert(keys_.end(), user.begin(), user.end());
    keys_.push_back('\0');
    keys_.insert(keys_.end(), content.begin(), content.end());
    last_ = key;
    has_last_ = true;
    return key;
}

void PresenceState::add(std::string_view user, std::string_view content, int kind, Micros at,
                        std::optional<Micros> w_min, std::optional<Micros> w_max) {
    if (kind == 0 && !w_min && !w_max) return; // contributes nothing
    Key key = append_key(user, content);
    if (kind != 0) events_.push_back(Event{key, PresenceEvent{at, kind == 2}});
    if (w_min || w_max) windows_.push_back(Window{key, w_min.value_or(0), w_max.value_or(0), w_min.has_value(), w_max.has_value()});
}

void PresenceState::combine(const PresenceState& other) {
    if (keys_.size() + other.keys_.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("presence state: more than 4 GB of user and content identifiers in one group");
    auto shift = static_cast<std::uint32_t>(keys_.size());
    keys_.insert(keys_.end(), other.keys_.begin(), other.keys_.end());
    events_.reserve(events_.size() + other.events_.size());
    for (Event e : other.events_) {
        e.key.offset += shift;
        events_.push_back(e);
    }
    windows_.reserve(windows_.size() + other.windows_.size());
    for (Window w : other.windows_) {
        w.key.offset += shift;
        windows_.push_back(w);
    }
    has_last_ = false;
}

template <typename PerStream>
void PresenceState::for_each_stream(PerStream&& f) const {
    // Events sorted by key, then time (leave first at equal times); windows sorted by key and merged in.
    // Streams are visited in one fixed key order: the same floating-point operations whatever the input order.
    auto compare = [&](Key a, Key b) { // by hash, then bytes: a total order on keys, whatever the input order
        if (a.hash != b.hash) return a.hash < b.hash ? -1 : 1;
        return (a.offset == b.offset && a.length == b.length) ? 0 : key_view(a).compare(key_view(b));
    };
    auto key_less = [&](Key a, Key b) { return compare(a, b) < 0; };
    auto key_equal = [&](Key a, Key b) { return compare(a, b) == 0; };
    std::pmr::vector<Event> events(events_, mr_);
    std::sort(events.begin(), events.end(), [&](const Event& a, const Event& b) {
        int c = compare(a.key, b.key);
        return c != 0 ? c < 0 : a.e < b.e;
    });
    std::pmr::vector<Window> windows(windows_, mr_);
    std::sort(windows.begin(), windows.end(), [&](const Window& a, const Window& b) { return key_less(a.key, b.key); });
    std::pmr::vector<PresenceEvent> run(mr_);
    std::size_t w = 0;
    for (std::size_t i = 0; i < events.size();) {
        Key key = events[i].key;
        std::size_t j = i;
        run.clear();
        while (j < events.size() && key_equal(events[j].key, key)) run.push_back(events[j++].e);
        Stream stream;
        while (w < windows.size() && key_less(windows[w].key, key)) ++w; // windows of streams without events
        for (; w < windows.size() && key_equal(windows[w].key, key); ++w) {
            if (windows[w].has_min && (!stream.w_min || windows[w].w_min < *stream.w_min)) stream.w_min = windows[w].w_min;
            if (windows[w].has_max && (!stream.w_max || windows[w].w_max > *stream.w_max)) stream.w_max = windows[w].w_max;
        }
        f(stream, std::span<const PresenceEvent>(run.data(), run.size()));
        i = j;
    }
}

double PresenceState::minutes_viewed() const {
    Micros micros = 0;
    for_each_stream([&](const Stream& s, std::span<const PresenceEvent> run) { micros += presence_total(run, s.w_max); });
    return static_cast<double>(micros) / 60e6;
}

std::optional<double> PresenceState::engagement_rate() const {
    double sum = 0;
    long attended = 0;
    for_each_stream([&](const Stream& s, std::span<const PresenceEvent> run) {
        if (!s.w_min || !s.w_max || *s.w_max <= *s.w_min) return;
        Micros present = presence_in_window(run, *s.w_min, *s.w_max);
        if (present <= 0) return;
        sum += 100.0 * static_cast<double>(present) / static_cast<double>(*s.w_max - *s.w_min);
        ++attended;
    });
    if (attended == 0) return std::nullopt;
    return sum / static_cast<double>(attended);
}

namespace {
template <typename T> void put(std::string& out, T v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
template <typename T> T get(std::string_view& in) {
    if (in.size() < sizeof(T)) throw std::runtime_error("truncated presence state");
    T v;
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return v;
}
constexpr std::size_t event_bytes = 4 + 4 + 8 + 1, window_bytes = 4 + 4 + 8 + 8 + 1 + 1;
} // namespace

std::string PresenceState::serialize() const {
    std::string out;
    out.reserve(24 + keys_.size() + events_.size() * event_bytes + windows_.size() * window_bytes);
    put<std::uint64_t>(out, keys_.size());
    out.append(keys_.data(), keys_.size());
    put<std::uint64_t>(out, events_.size());
    for (const Event& e : events_) {
        put(out, e.key.offset);
        put(out, e.key.length);
        put(out, e.e.at);
        put<std::uint8_t>(out, e.e.leave ? 1 : 0);
    }
    put<std::uint64_t>(out, windows_.size());
    for (const Window& w : windows_) {
        put(out, w.key.offset);
        put(out, w.key.length);
        put(out, w.w_min);
        put(out, w.w_max);
        put<std::uint8_t>(out, w.has_min ? 1 : 0);
        put<std::uint8_t>(out, w.has_max ? 1 : 0);
    }
    return out;
}

void PresenceState::deserialize_into(PresenceState& state, std::string_view in) {
    PresenceState part(state.mr_);
    auto key_bytes = get<std::uint64_t>(in);
    if (key_bytes > in.size()) throw std::runtime_error("truncated presence state");
    part.keys_.assign(in.data(), in.data() + key_bytes);
    in.remove_prefix(key_bytes);
    auto checked_key = [&](std::uint32_t offset, std::uint32_t length) {
        if (std::uint64_t(offset) + length > key_bytes) throw std::runtime_error("corrupt presence state");
        return Key{hash_of(std::string_view(part.keys_.data() + offset, length)), offset, length};
    };
    auto events = get<std::uint64_t>(in);
    if (events > in.size() / event_bytes) throw std::runtime_error("corrupt presence state");
    part.events_.reserve(events);
    for (std::uint64_t i = 0; i < events; ++i) {
        auto offset = get<std::uint32_t>(in);
        auto length = get<std::uint32_t>(in);
        auto at = get<Micros>(in);
        auto leave = get<std::uint8_t>(in);
        part.events_.push_back(Event{checked_key(offset, length), PresenceEvent{at, leave != 0}});
    }
    auto windows = get<std::uint64_t>(in);
    if (windows > in.size() / window_bytes) throw std::runtime_error("corrupt presence state");
    part.windows_.reserve(windows);
    for (std::uint64_t i = 0; i < windows; ++i) {
        auto offset = get<std::uint32_t>(in);
        auto length = get<std::uint32_t>(in);
        auto w_min = get<Micros>(in);
        auto w_max = get<Micros>(in);
        auto has_min = get<std::uint8_t>(in);
        auto has_max = get<std::uint8_t>(in);
        part.windows_.push_back(Window{checked_key(offset, length), w_min, w_max, has_min != 0, has_max != 0});
    }
    if (!in.empty()) throw std::runtime_error("corrupt presence state (trailing bytes)");
    state.combine(part);
}

} // namespace ar
