// Text helpers shared by the matcher and the taxonomy: ASCII case folding, whitespace trimming and a
// normalised form (lower case, runs of whitespace as one space) used as hash key without allocating.
#pragma once
#include "cpp_only.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace ar {

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
constexpr char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) { return is_digit(c) || (fold(c) >= 'a' && fold(c) <= 'z'); }

std::string_view trim(std::string_view s);

// Lower case, trimmed, inner whitespace runs collapsed to one space.
std::string normalize(std::string_view s);

// Hash and equality of normalize(a), computed on the fly so lookups by raw input allocate nothing.
struct NormalizedHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept;
};
struct NormalizedEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept;
};

// Shortens a user value for an error message: at most max_bytes, cut on a UTF-8 boundary, with "…".
std::string excerpt(std::string_view s, std::size_t max_bytes = 120);

} // namespace ar
