// Command-line option parsing: --name value, --name=value, -x value, flags, "--" and "-" (stdin). Pure C++.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ar::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string_view name;   // long name without "--"
    char short_name = 0;     // 0: none
    bool takes_value = true;
};

struct ParsedArgs {
    std::map<std::string, std::string, std::less<>> values;  // flags map to ""
    std::vector<std::string> positionals;
    bool has(std::string_view name) const { return values.find(name) != values.end(); }
    std::string get(std::string_view name, std::string fallback = {}) const {
        auto it = values.find(name);
        return it == values.end() ? fallback : it->second;
    }
};

ParsedArgs parse_args(std::span<const std::string> args, std::span<const OptionSpec> specs);

// A non-negative integer option ("10000000", "10M", "1_000_000"), or UsageError naming the option.
std::uint64_t parse_count(std::string_view option, std::string_view text);

} // namespace ar::cli
