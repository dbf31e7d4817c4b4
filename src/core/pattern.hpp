// The seeds' bracket notation, compiled: "Content - [content type]", "Rating: [Rating 1-5] / [Review text]",
// "N/A", alternatives separated by "|". Literal words match case-insensitively (ASCII) and a space matches
// any run of whitespace; a placeholder captures a non-empty value of its type; "N/A" matches an empty
// value, NULL, or the text N/A.
#pragma once
#include "cpp_only.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "placeholder.hpp"

namespace ar {

class PatternError : public std::runtime_error {
public:
    PatternError(std::string pattern, std::string reason);
    const std::string& pattern() const { return pattern_; }
    const std::string& reason() const { return reason_; }
private:
    std::string pattern_, reason_;
};

// Values captured by one match; fixed capacity so matching allocates nothing.
struct Capture {
    const Placeholder* ph = nullptr;
    ParsedValue value;
};
struct Captures {
    static constexpr int capacity = 12;
    std::array<Capture, capacity> items{};
    int size = 0;
    void clear() { size = 0; }
};

// Why the best structural match failed its typed value check.
struct ValueFailure {
    const Placeholder* ph = nullptr;
    std::string_view value;
    ValueError error = ValueError::None;
    explicit operator bool() const { return error != ValueError::None; }
};

enum class MatchResult { Match, NoMatch, BadValue };

class Pattern {
public:
    static constexpr int max_placeholders = 4; // per alternative

    struct Segment {
        std::string literal; // normalised (lower case, single spaces); empty for a placeholder
        int placeholder = -1; // index into placeholders(); -1 for a literal
        int slot = 0;         // position among this alternative's captures
    };
    struct Alternative {
        bool not_applicable = false; // "N/A"
        std::vector<Segment> segments;
        int literal_chars = 0; // specificity: how much of the value is fixed text
        int placeholder_count = 0;
    };

    static Pattern compile(std::string_view text); // throws PatternError
    Pattern() = default;

    // Appends the captures of the first matching alternative to `out`; each placeholder takes the
    // shortest value the rest of the alternative allows. BadValue: an alternative's literals split the
    // value but a value is invalid; `failure` names the first one of the first such split. Time and
    // memory are linear in the value's length; long values call the interrupt hook (interrupt.hpp).
    MatchResult match(std::string_view value, Captures& out, ValueFailure* failure = nullptr) const;

    const std::string& source() const { return source_; }
    const std::vector<Alternative>& alternatives() const { return alternatives_; }
    const std::vector<Placeholder>& placeholders() const { return placeholders_; }
    // The alternatives that are plain literals (normalised); empty when any alternative has a placeholder.
    std::vector<std::string> literal_keys() const;
    int max_literal_chars() const;

private:
    std::string source_;
    std::vector<Alternative> alternatives_;
    std::vector<Placeholder> placeholders_;
};

} // namespace ar
