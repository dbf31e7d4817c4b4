// Streaming RFC 4180 reader for platform exports: quoted fields with commas, quotes and newlines, CRLF or LF,
// a UTF-8 byte order mark, fields of any size up to a cap. Pure C++ (no libpq): unit-tested and fuzzed alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/byte_source.hpp"

namespace ar::cli {

struct CsvRecord {
    std::uint64_t line = 0;           // physical line the record starts on, 1-based
    std::vector<std::string> fields;
    std::string error;                // non-empty: the record is malformed (the fields hold what was read)
};

class CsvReader {
public:
    static constexpr std::size_t default_max_field = std::size_t{256} << 20;

    explicit CsvReader(ByteSource& source, std::size_t max_field_bytes = default_max_field);

    // The next non-blank record; false at the end of the input.
    bool next(CsvRecord& record);
    std::uint64_t bytes_read() const { return source_.bytes_read(); }

private:
    int peek();
    int get();

    ByteSource& source_;
    std::size_t max_field_;
    std::uint64_t line_ = 1;
};

// RFC 4180 quoting of one field (quotes only when needed), appended to out.
void append_csv_field(std::string& out, std::string_view field);

} // namespace ar::cli
