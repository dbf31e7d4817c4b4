// Typed placeholders: the "[Percentage watched]" in a pattern. The name decides the type; the parser
// checks a captured value against it. Parsers never allocate: they return views into the input.
#pragma once
#include "cpp_only.hpp"

#include <string>
#include <string_view>

namespace ar {

enum class ValueType {
    Text,       // any non-empty value
    Percent,    // "50%" or "50": 0–100         (name contains "percentage" / "percent")
    IntRange,   // integer in [lo, hi]          (name ends with "A-B", e.g. "Rating 1-5")
    Number,     // non-negative decimal          (name contains "credits" or "number")
    PostIdText, // "123 + text", "123: text"   (name "Post ID + ...")
    HashId,     // "#42"                         (name "#ID")
    Url,        // scheme://rest without spaces  (name contains "URL")
    Slug,       // no whitespace                 (name contains "slug")
};

enum class ValueError {
    None,
    Empty,        // nothing captured
    NotANumber,   // Percent, IntRange, Number
    OutOfRange,   // Percent, IntRange
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

// "percentage 150% is out of range 0–100" etc.: for error messages only (allocates).
std::string describe(const Placeholder& ph, std::string_view value, ValueError err);
const char* type_name(ValueType t);

} // namespace ar
