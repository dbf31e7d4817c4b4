// Streaming reader of JSON exports (seed 002's JSON download): a top-level array of flat objects, or one
// object after another (JSON Lines). Yields one record per object with the line it starts on. Values are
// kept as text (numbers as written, true/false, null as absent). Pure C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/byte_source.hpp"

namespace ar::cli {

struct JsonRecord {
    std::uint64_t line = 0;
    std::vector<std::pair<std::string, std::optional<std::string>>> members;
    std::string error;  // non-empty: the element is unusable (not an object, nested values)
};

class JsonRecordReader {
public:
    static constexpr std::size_t default_max_value = std::size_t{256} << 20;

    explicit JsonRecordReader(ByteSource& source, std::size_t max_value_bytes = default_max_value);

    // The next element; false at the end. Syntax errors throw InputError naming line and column.
    bool next(JsonRecord& record);
    std::uint64_t bytes_read() const { return source_.bytes_read(); }

private:
    enum class Mode { start, array, lines, done };

    int get();
    int peek() { return source_.peek(); }
    int skip_space();  // returns the next significant byte without consuming it, -1 at the end
    void expect(char c);
    [[noreturn]] void fail(const std::string& what);
    void read_string(std::string& out);
    // Reads any value; scalars into out (nullopt for null); nested values are skipped and reported.
    bool read_value(std::optional<std::string>& out, int depth);
    void read_object(JsonRecord& record);

    ByteSource& source_;
    std::size_t max_value_;
    Mode mode_ = Mode::start;
    std::uint64_t line_ = 1, column_ = 0;
    std::uint64_t elements_ = 0;
};

} // namespace ar::cli
