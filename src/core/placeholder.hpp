// Typed placeholders: the "[Percentage watched]" in a pattern. The name decides the type; the parser
// checks a captured value against it. Parsers never allocate: they return views into the input.
// The same rules are also given as the set of ends at which a value starting at some position is valid
// (valid_ends), which lets the matcher try every split of a long value in linear time.
#pragma once
#include "cpp_only.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interrupt.hpp"

namespace ar {

enum class ValueType {
    Text,       // any non-empty value
    Percent,    // "50%" or "50": 0–100         (name contains "percentage" / "percent"): parse_percentage
    IntRange,   // integer in [lo, hi]          (name ends with "A-B", e.g. "Rating 1-5")
    Number,     // non-negative decimal < 1e308  (name contains "credits" or "number")
    PostIdText, // "123 + text", "123: text"   (name "Post ID + ...")
    HashId,     // "#42"                         (name "#ID")
    Url,        // scheme://rest without spaces  (name contains "URL")
    Slug,       // no whitespace                 (name contains "slug")
};

enum class ValueError {
    None,
    Empty,        // nothing captured
    NotANumber,   // Percent, IntRange, Number
    OutOfRange,   // Percent, IntRange, Number
    NotAnId,      // PostIdText, HashId
    MissingText,  // PostIdText: the ID is there, the text is not
    NotAUrl,
    NotASlug,
};

struct Placeholder {
    std::string name;     // as written, e.g. "Rating 1-5"
    std::string key;      // JSON key of the value, e.g. "rating"
    std::string text_key; // PostIdText only: key of the text part, e.g. "comment_text"
    ValueType type = ValueType::Text;
    long lo = 0, hi = 0;  // IntRange bounds

    static Placeholder from_name(std::string_view name);
};

// One parsed value: a number, or text (two parts for PostIdText).
struct ParsedValue {
    bool is_number = false;
    double number = 0;
    std::string_view text;   // the value, or the ID for PostIdText
    std::string_view second; // PostIdText: the text after the ID
};

ValueError parse_value(const Placeholder& ph, std::string_view value, ParsedValue& out) noexcept;

// The one rule for a percentage, wherever one is read (a [percentage] placeholder, watched_fraction): a
// number from 0 to 100 (digits, optionally '.' and digits: no sign, no exponent), optionally followed by
// '%' (with or without whitespace before it); whitespace around it is ignored. 100 is exact: "100.0001"
// is out of range. Returns None (out set), Empty, NotANumber or OutOfRange.
ValueError parse_percentage(std::string_view text, double& out) noexcept;

// Where runs of character classes end in one text, each table built on first use: for every position,
// the end of the run that starts there. They answer valid_ends in constant time per start.
class TextRuns {
public:
    TextRuns(std::string_view text, WorkMeter& meter);
    std::string_view text() const { return text_; }
    std::uint32_t size() const { return static_cast<std::uint32_t>(text_.size()); }
    std::uint32_t non_space(std::uint32_t i) { return end(space, i); } // first non-whitespace at or after i
    std::uint32_t word_end(std::uint32_t i) { return end(word, i); }   // first whitespace at or after i
    std::uint32_t digits_end(std::uint32_t i) { return end(digit, i); }
    std::uint32_t zeros_end(std::uint32_t i) { return end(zero, i); }  // first character other than '0'
    std::uint32_t id_end(std::uint32_t i) { return end(id, i); }       // letters, digits, '-', '_'
    std::uint32_t scheme_end(std::uint32_t i) { return end(scheme, i); } // letters, digits, '+', '-', '.'
    std::uint32_t next_digit(std::uint32_t i) { return end(non_digit, i); }

private:
    enum Class { space, word, digit, zero, id, scheme, non_digit, classes };
    std::uint32_t end(Class c, std::uint32_t i) {
        const std::vector<std::uint32_t>& e = ends_[c];
        return e.empty() ? build(c)[i] : e[i];
    }
    const std::vector<std::uint32_t>& build(Class c);
    std::string_view text_;
    WorkMeter& meter_;
    std::array<std::vector<std::uint32_t>, classes> ends_;
};

// Inclusive ranges of ends, ascending and disjoint.
struct EndRanges {
    std::array<std::uint32_t, 3> lo{}, hi{};
    int size = 0;
    void add(std::uint32_t a, std::uint32_t b) {
        if (a <= b) { lo[static_cast<std::size_t>(size)] = a; hi[static_cast<std::size_t>(size)] = b; ++size; }
    }
};

// The ends p for which the text [start, p) of runs.text() is a valid value of ph's type (the value "N/A"
// counts as empty, so it is not): exactly the p for which parse_value(ph, text[start, p)) gives None.
EndRanges valid_ends(const Placeholder& ph, TextRuns& runs, std::uint32_t start);

// "percentage 150% is out of range 0–100" etc.: for error messages only (allocates).
std::string describe(const Placeholder& ph, std::string_view value, ValueError err);
const char* type_name(ValueType t);

} // namespace ar
