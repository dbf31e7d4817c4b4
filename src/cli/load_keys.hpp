// The idempotency key of an event row of an export, as activity-report load has always written it:
//   'load:' || md5(ROW(vocabulary, occurred_at, COALESCE(user_id, lower(email)), category, action, label,
//                      COALESCE(content_id, content_name), portal)::text) || ':' || n
// with the staged texts and n numbering identical rows of the file in order. The client computes the md5 of
// PostgreSQL's own text of that row (record_out's quoting), and marks the rows that may repeat an earlier one
// with a fixed-size Bloom filter, so the server only counts those. Pure C++.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/layouts.hpp"
#include "cli/md5.hpp"

namespace ar::cli {

// PostgreSQL's text of a record (record_out): NULL as nothing, a value quoted when it is empty or holds a
// quote, backslash, parenthesis, comma or white space, quotes and backslashes doubled inside quotes.
std::string record_text(const std::vector<std::optional<std::string_view>>& fields);

// The md5 of the row's key text, or nullopt when only the server can compute it: a row known by its email alone
// whose email is not plain ASCII (or when ascii_lower is false: the database's lower() is not ASCII's), as the
// key uses the server's lower() of it.
std::optional<Md5Digest> row_digest(const StagedRow& row, std::string_view vocabulary, bool ascii_lower = true);

// Rows that may repeat an earlier row of the file: a Bloom filter of fixed size (16 MiB; 8 bits in one cache
// line per digest), so memory does not grow with the file; a false positive only makes the server count that
// row's twins.
class RepeatFilter {
public:
    explicit RepeatFilter(std::size_t bits = std::size_t{1} << 27);  // a power of two, at least 512
    // Adds the digest; true when it may have been added before.
    bool add(const Md5Digest& digest);

private:
    struct Free {
        void operator()(std::uint64_t* p) const;
    };
    std::unique_ptr<std::uint64_t[], Free> words_;  // 2 MiB aligned, huge pages where the system has them
    std::size_t mask_;
};

} // namespace ar::cli
