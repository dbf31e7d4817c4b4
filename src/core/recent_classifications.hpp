// A memo of recent classifications for the per-row path. Under one compiled taxonomy the same vocabulary,
// category, action and label (the same bytes) always classify the same way, and a platform's events repeat
// them: every Join, Leave and View of a session, every "N/A" label. A hit skips the pattern matching and the
// building of the details; a miss costs one hash, and from a key's second sighting a copy of it into its
// slot (no allocation once the slot's buffers have grown). Two-way: a key is looked for in its slot and in
// that slot's twin, so two keys that hash alike do not evict each other on alternate rows; a third replaces
// the older of the two. Keys longer than max_key_bytes (free-text labels: chat messages, posts) are not
// kept: they seldom repeat.
#pragma once
#include "cpp_only.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ar {

struct ClassificationKey {
    std::string_view vocabulary, category, action;
    std::optional<std::string_view> label; // a NULL label differs from an empty one
};

template <class Value, std::size_t Slots = 512>
class RecentClassifications {
    static_assert((Slots & (Slots - 1)) == 0, "Slots must be a power of two");

public:
    static constexpr std::size_t max_key_bytes = 256;
    // Whether a key is short enough to be kept (longer ones need not be looked for).
    static bool keepable(const ClassificationKey& k) { return key_bytes(k) <= max_key_bytes; }

    // A key with its hash, computed once for a find and the put after it.
    struct Probe {
        const ClassificationKey& key;
        std::uint64_t hash;
    };
    static Probe probe(const ClassificationKey& key) { return {key, hash(key)}; }

    // The value kept for the key, or nullptr.
    const Value* find(const ClassificationKey& key) const { return find(probe(key)); }
    const Value* find(const Probe& p) const {
        const ClassificationKey& key = p.key;
        const std::size_t i = index(p.hash);
        for (std::size_t j : {i, i ^ 1})
            if (slots_[j].used && slots_[j].holds(key)) return &slots_[j].value;
        return nullptr;
    }
    // The slot's value for `key`, to be filled by the caller (its buffers reused); nullptr when the key
    // is too long to keep or is seen for the first time lately: a key is kept from its second sighting on,
    // so that a stream of one-off keys neither pays for copies nor evicts the keys that repeat.
    Value* put(const ClassificationKey& key) { return put(probe(key)); }
    Value* put(const Probe& p) {
        const ClassificationKey& key = p.key;
        if (!keepable(key)) return nullptr;
        const std::uint64_t h = p.hash;
        const std::size_t i = index(h);
        const std::size_t pair = i & ~std::size_t{1};
        if (seen_[pair] != h && seen_[pair + 1] != h) { // first sighting: the pair remembers its last two
            seen_[pair + 1] = seen_[pair];
            seen_[pair] = h;
            return nullptr;
        }
        // An empty slot of the pair, else the older of its two keys (first in, first out).
        std::size_t target = !slots_[i].used ? i : !slots_[i ^ 1].used ? i ^ 1 : pair + older_[pair / 2];
        older_[pair / 2] = static_cast<std::uint8_t>((target ^ 1) & 1);
        slots_[target].store(key);
        return &slots_[target].value;
    }
    // Forgets the value put for `key` that the caller could not fill.
    void forget(const ClassificationKey& key) {
        const std::size_t i = index(hash(key));
        for (std::size_t j : {i, i ^ 1})
            if (slots_[j].used && slots_[j].holds(key)) slots_[j].used = false;
    }
    void clear() {
        for (Slot& s : slots_) s.used = false;
        seen_.fill(0);
    }

private:
    static std::size_t key_bytes(const ClassificationKey& k) {
        return k.vocabulary.size() + k.category.size() + k.action.size() + (k.label ? k.label->size() : 0);
    }
    static std::uint64_t hash(const ClassificationKey& k) {
        std::hash<std::string_view> part_hash; // word at a time
        std::uint64_t h = part_hash(k.vocabulary);
        auto mix = [&](std::uint64_t part) { h = (h ^ part) * 0x9E3779B97F4A7C15ull; };
        mix(part_hash(k.category));
        mix(part_hash(k.action));
        mix(k.label ? part_hash(*k.label) : 0x5bd1e995u);
        return h | 1; // never 0, the mark of an empty seen_ entry
    }
    static std::size_t index(std::uint64_t h) { return static_cast<std::size_t>(h >> 40) & (Slots - 1); }

    struct Slot {
        bool used = false;
        bool has_label = false;
        std::uint32_t lengths[3] = {0, 0, 0}; // vocabulary, category, action; the label is the rest
        std::string bytes;                    // the four parts, concatenated
        Value value{};

        bool holds(const ClassificationKey& k) const {
            if (has_label != k.label.has_value() || lengths[0] != k.vocabulary.size() ||
                lengths[1] != k.category.size() || lengths[2] != k.action.size() ||
                bytes.size() != key_bytes(k))
                return false;
            const char* p = bytes.data();
            auto same = [&](std::string_view part) {
                bool eq = std::memcmp(p, part.data(), part.size()) == 0;
                p += part.size();
                return eq;
            };
            return same(k.vocabulary) && same(k.category) && same(k.action) && (!k.label || same(*k.label));
        }
        void store(const ClassificationKey& k) {
            used = false; // until the key is whole (an allocation may throw)
            has_label = k.label.has_value();
            lengths[0] = static_cast<std::uint32_t>(k.vocabulary.size());
            lengths[1] = static_cast<std::uint32_t>(k.category.size());
            lengths[2] = static_cast<std::uint32_t>(k.action.size());
            bytes.assign(k.vocabulary);
            bytes.append(k.category);
            bytes.append(k.action);
            if (k.label) bytes.append(*k.label);
            used = true;
        }
    };
    std::array<Slot, Slots> slots_{};
    std::array<std::uint64_t, Slots> seen_{}; // hashes of the last keys put for the first time, two per pair
    std::array<std::uint8_t, Slots / 2> older_{}; // per pair: which of its two slots was filled first
};

} // namespace ar
