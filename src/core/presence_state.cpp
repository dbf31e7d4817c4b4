#include "presence_state.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace ar {

PresenceState::PresenceState(std::pmr::memory_resource* mr)
    : mr_(mr), streams_(mr), index_(mr), events_(mr), scratch_(mr) {}

void PresenceState::widen(Stream& s, std::optional<Micros> w_min, std::optional<Micros> w_max) {
    if (w_min && (!s.w_min || *w_min < *s.w_min)) s.w_min = w_min;
    if (w_max && (!s.w_max || *w_max > *s.w_max)) s.w_max = w_max;
}

std::uint32_t PresenceState::intern(std::string_view key) {
    auto it = index_.find(key);
    if (it != index_.end()) return it->second;
    auto id = static_cast<std::uint32_t>(streams_.size());
    auto [node, inserted] = index_.emplace(std::pmr::string(key, mr_), id);
    streams_.push_back(Stream{&node->first, std::nullopt, std::nullopt});
    return id;
}

void PresenceState::add(std::string_view user, std::string_view content, int kind, Micros at,
                        std::optional<Micros> w_min, std::optional<Micros> w_max) {
    scratch_.assign(user);
    scratch_.push_back('\0');
    scratch_.append(content);
    std::uint32_t id = intern(scratch_);
    widen(streams_[id], w_min, w_max);
    if (kind != 0) events_.push_back(Event{id, PresenceEvent{at, kind == 2}});
}

void PresenceState::combine(const PresenceState& other) {
    std::pmr::vector<std::uint32_t> remap(other.streams_.size(), mr_);
    for (std::size_t i = 0; i < other.streams_.size(); ++i) {
        const Stream& o = other.streams_[i];
        std::uint32_t id = intern(*o.key);
        remap[i] = id;
        widen(streams_[id], o.w_min, o.w_max);
    }
    events_.reserve(events_.size() + other.events_.size());
    for (const Event& e : other.events_) events_.push_back(Event{remap[e.stream], e.e});
}

template <typename PerStream>
void PresenceState::for_each_stream(PerStream&& f) const {
    // Streams in key order and events by time (leave first): the same sequence of floating-point
    // operations whatever the input order or the way partial states were combined.
    std::pmr::vector<std::uint32_t> by_key(streams_.size(), mr_), rank(streams_.size(), mr_);
    for (std::uint32_t i = 0; i < by_key.size(); ++i) by_key[i] = i;
    std::sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return *streams_[a].key < *streams_[b].key; });
    for (std::uint32_t i = 0; i < by_key.size(); ++i) rank[by_key[i]] = i;
    std::pmr::vector<Event> sorted(events_, mr_);
    std::sort(sorted.begin(), sorted.end(), [&](const Event& a, const Event& b) {
        return a.stream != b.stream ? rank[a.stream] < rank[b.stream] : a.e < b.e;
    });
    std::pmr::vector<PresenceEvent> run(mr_);
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        run.clear();
        while (j < sorted.size() && sorted[j].stream == sorted[i].stream) run.push_back(sorted[j++].e);
        f(streams_[sorted[i].stream], std::span<const PresenceEvent>(run.data(), run.size()));
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
void put_opt(std::string& out, const std::optional<Micros>& v) {
    put<std::uint8_t>(out, v ? 1 : 0);
    put<Micros>(out, v.value_or(0));
}
std::optional<Micros> get_opt(std::string_view& in) {
    auto has = get<std::uint8_t>(in);
    auto v = get<Micros>(in);
    return has ? std::optional<Micros>(v) : std::nullopt;
}
} // namespace

std::string PresenceState::serialize() const {
    std::string out;
    out.reserve(16 + streams_.size() * 40 + events_.size() * 13);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(streams_.size()));
    for (const Stream& s : streams_) {
        put<std::uint32_t>(out, static_cast<std::uint32_t>(s.key->size()));
        out.append(*s.key);
        put_opt(out, s.w_min);
        put_opt(out, s.w_max);
    }
    put<std::uint64_t>(out, events_.size());
    for (const Event& e : events_) {
        put<std::uint32_t>(out, e.stream);
        put<Micros>(out, e.e.at);
        put<std::uint8_t>(out, e.e.leave ? 1 : 0);
    }
    return out;
}

void PresenceState::deserialize_into(PresenceState& state, std::string_view in) {
    auto n = get<std::uint32_t>(in);
    std::pmr::vector<std::uint32_t> remap(state.mr_);
    remap.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        auto len = get<std::uint32_t>(in);
        if (in.size() < len) throw std::runtime_error("truncated presence state");
        std::uint32_t id = state.intern(in.substr(0, len));
        in.remove_prefix(len);
        auto w_min = get_opt(in);
        auto w_max = get_opt(in);
        widen(state.streams_[id], w_min, w_max);
        remap.push_back(id);
    }
    auto events = get<std::uint64_t>(in);
    if (events > in.size() / 13) throw std::runtime_error("corrupt presence state");
    state.events_.reserve(state.events_.size() + events);
    for (std::uint64_t i = 0; i < events; ++i) {
        auto stream = get<std::uint32_t>(in);
        auto at = get<Micros>(in);
        auto leave = get<std::uint8_t>(in);
        if (stream >= remap.size()) throw std::runtime_error("corrupt presence state");
        state.events_.push_back(Event{remap[stream], PresenceEvent{at, leave != 0}});
    }
}

} // namespace ar
