#include "cli/options.hpp"

#include <fmt/format.h>

namespace ar::cli {

ParsedArgs parse_args(std::span<const std::string> args, std::span<const OptionSpec> specs) {
    ParsedArgs parsed;
    bool options_done = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (options_done || arg == "-" || arg.size() < 2 || arg[0] != '-') {
            parsed.positionals.emplace_back(arg);
            continue;
        }
        if (arg == "--") { options_done = true; continue; }
        const OptionSpec* spec = nullptr;
        std::optional<std::string> inline_value;
        if (arg.starts_with("--")) {
            auto body = arg.substr(2);
            auto eq = body.find('=');
            auto name = body.substr(0, eq);
            if (eq != std::string_view::npos) inline_value = std::string(body.substr(eq + 1));
            for (auto& s : specs)
                if (s.name == name) spec = &s;
            if (!spec) throw UsageError(fmt::format("unknown option --{}", name));
        } else {
            for (auto& s : specs)
                if (s.short_name && s.short_name == arg[1]) spec = &s;
            if (!spec) throw UsageError(fmt::format("unknown option {}", arg.substr(0, 2)));
            if (arg.size() > 2) inline_value = std::string(arg.substr(2));
        }
        std::string name(spec->name);
        if (!spec->takes_value) {
            if (inline_value) throw UsageError(fmt::format("--{} takes no value", name));
            parsed.values[name] = "";
        } else if (inline_value) {
            parsed.values[name] = *inline_value;
        } else if (i + 1 < args.size()) {
            parsed.values[name] = args[++i];
        } else {
            throw UsageError(fmt::format("--{} needs a value", name));
        }
    }
    return parsed;
}

std::uint64_t parse_count(std::string_view option, std::string_view text) {
    std::uint64_t value = 0, multiplier = 1;
    std::string_view digits = text;
    if (!digits.empty() && (digits.back() == 'k' || digits.back() == 'K')) multiplier = 1000, digits.remove_suffix(1);
    else if (!digits.empty() && (digits.back() == 'm' || digits.back() == 'M')) multiplier = 1000000, digits.remove_suffix(1);
    bool any = false;
    for (char c : digits) {
        if (c == '_' || c == ',') continue;
        if (c < '0' || c > '9' || value > (UINT64_MAX - 9) / 10)
            throw UsageError(fmt::format("--{}: \"{}\" is not a count (examples: 1000, 10k, 10M)", option, text));
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        any = true;
    }
    if (!any) throw UsageError(fmt::format("--{}: \"{}\" is not a count (examples: 1000, 10k, 10M)", option, text));
    if (value > UINT64_MAX / multiplier) throw UsageError(fmt::format("--{}: \"{}\" is too large", option, text));
    return value * multiplier;
}

} // namespace ar::cli
