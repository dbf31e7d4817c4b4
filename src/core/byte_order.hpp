// Fixed-order integers for the stored summary formats (design §10): the same bytes on every machine.
// Format 1 writes big-endian (network order, as PostgreSQL's own binary formats); the unversioned bytes
// of 0.1.0 were little-endian (its host order on every platform it was built for).
#pragma once
#include "cpp_only.hpp"

#include <bit>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <type_traits>

namespace ar {

enum class ByteOrder { big, little };

// Bytes that are not a state of the kind asked for; the extension raises SQLSTATE 22P03.
struct InvalidState : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace detail {
template <typename U> U swap_bytes(U u) {
    if constexpr (sizeof(U) == 8) return static_cast<U>(__builtin_bswap64(u));
    else if constexpr (sizeof(U) == 4) return static_cast<U>(__builtin_bswap32(u));
    else if constexpr (sizeof(U) == 2) return static_cast<U>(__builtin_bswap16(u));
    else return u;
}
// the host's order is the stored one: one copy, no shifts (every state is written and read this way)
template <typename U> bool host_order(ByteOrder order) {
    return sizeof(U) == 1 || (order == ByteOrder::big) == (std::endian::native == std::endian::big);
}
} // namespace detail

template <std::integral T>
void put_int(char*& p, T v, ByteOrder order) {
    using U = std::make_unsigned_t<T>;
    U u = static_cast<U>(v);
    if constexpr (std::endian::native == std::endian::little || std::endian::native == std::endian::big) {
        if (!detail::host_order<U>(order)) u = detail::swap_bytes(u);
        std::memcpy(p, &u, sizeof(U));
        p += sizeof(U);
        return;
    }
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        std::size_t shift = 8 * (order == ByteOrder::big ? sizeof(T) - 1 - i : i);
        *p++ = static_cast<char>((u >> shift) & 0xff);
    }
}

// The integer at p, whose sizeof(T) bytes the caller has checked are there.
template <std::integral T>
T read_int(const char* p, ByteOrder order) {
    using U = std::make_unsigned_t<T>;
    U u = 0;
    if constexpr (std::endian::native == std::endian::little || std::endian::native == std::endian::big) {
        std::memcpy(&u, p, sizeof(U));
        if (!detail::host_order<U>(order)) u = detail::swap_bytes(u);
        return static_cast<T>(u);
    }
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        std::size_t shift = 8 * (order == ByteOrder::big ? sizeof(T) - 1 - i : i);
        u |= static_cast<U>(static_cast<unsigned char>(p[i])) << shift;
    }
    return static_cast<T>(u);
}

template <std::integral T>
T get_int(std::string_view& in, ByteOrder order) {
    if (in.size() < sizeof(T)) throw InvalidState("truncated");
    T v = read_int<T>(in.data(), order);
    in.remove_prefix(sizeof(T));
    return v;
}

inline void put_double(char*& p, double v, ByteOrder order) { put_int(p, std::bit_cast<std::uint64_t>(v), order); }
inline double get_double(std::string_view& in, ByteOrder order) { return std::bit_cast<double>(get_int<std::uint64_t>(in, order)); }

} // namespace ar
