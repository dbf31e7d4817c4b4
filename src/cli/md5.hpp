// MD5 (RFC 1321), for the loader's idempotency keys: the client computes PostgreSQL's md5() of each row's text
// itself, so the server is spared a pass over the staged rows. Not for security. Pure C++.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ar::cli {

using Md5Digest = std::array<std::uint8_t, 16>;

Md5Digest md5(std::string_view data);
std::string md5_hex(const Md5Digest& digest);  // 32 lower-case hex digits, as pg_catalog.md5() writes it

} // namespace ar::cli
