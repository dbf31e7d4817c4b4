#include "placeholder.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <fmt/format.h>

#include "text.hpp"

namespace ar {

namespace {

bool contains_word(std::string_view lowered, std::string_view word) { return lowered.find(word) != std::string_view::npos; }

// "Rating 1-5" -> {1, 5}; false when the name does not end with a range.
bool trailing_range(std::string_view name, long& lo, long& hi, std::string_view& rest) {
    std::string_view t = trim(name);
    std::size_t i = t.size();
    auto digits_back = [&](std::size_t& p) {
        std::size_t e = p;
        while (p > 0 && is_digit(t[p - 1])) --p;
        return e - p;
    };
    std::size_t p = i;
    if (digits_back(p) == 0) return false;
    std::string_view hi_s = t.substr(p, i - p);
    if (p == 0 || (t[p - 1] != '-')) return false;
    std::size_t dash = --p;
    if (digits_back(p) == 0) return false;
    std::string_view lo_s = t.substr(p, dash - p);
    // A bound too large for long saturates: "0-99999999999999999999" means "from 0, no practical limit".
    auto read = [](std::string_view digits, long& out) {
        if (std::from_chars(digits.data(), digits.data() + digits.size(), out).ec != std::errc())
            out = std::numeric_limits<long>::max();
    };
    read(lo_s, lo);
    read(hi_s, hi);
    rest = trim(t.substr(0, p));
    return lo <= hi;
}

std::string key_of(std::string_view name) {
    std::string key;
    bool pending = false;
    for (char c : name) {
        if (is_alnum(c)) {
            if (pending && !key.empty()) key.push_back('_');
            pending = false;
            key.push_back(fold(c));
        } else {
            pending = true;
        }
    }
    return key.empty() ? "value" : key;
}

// "12" or "12.5": digits, optionally a '.' and digits; the whole view.
bool is_decimal(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == 0) return false;
    if (i == s.size()) return true;
    if (s[i] != '.' || i + 1 == s.size()) return false;
    for (++i; i < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

// Digits of a decimal's integer part, leading zeros left out.
std::size_t significant_digits(std::string_view decimal) {
    std::size_t i = 0, end = std::min(decimal.find('.'), decimal.size());
    while (i < end && decimal[i] == '0') ++i;
    return end - i;
}

// A Number below 10^308 is always a finite double: the bound is in digits, so that the matcher can apply it.
constexpr std::size_t max_number_digits = 308;

// The nearest double; values too small for one (0.000…1 with hundreds of zeros) are 0.
double decimal_value(std::string_view decimal) {
    double v = 0;
    auto r = std::from_chars(decimal.data(), decimal.data() + decimal.size(), v);
    return r.ec == std::errc::result_out_of_range ? 0.0 : v;
}

// A decimal from 0 to 100, decided on the digits (as a double, 100.00000000000000001 would be 100).
bool at_most_100(std::string_view decimal) {
    std::size_t point = std::min(decimal.find('.'), decimal.size()), digits = significant_digits(decimal);
    if (digits != 3) return digits < 3;
    if (decimal.substr(point - 3, 3) != "100") return false;
    for (std::size_t i = point + 1; i < decimal.size(); ++i)
        if (decimal[i] != '0') return false;
    return true;
}

constexpr bool is_id_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }
constexpr bool is_scheme_char(char c) { return is_alnum(c) || c == '+' || c == '-' || c == '.'; }
constexpr bool is_post_separator(char c) { return c == '+' || c == ':' || c == '|'; }

} // namespace

Placeholder Placeholder::from_name(std::string_view raw) {
    Placeholder ph;
    ph.name = std::string(trim(raw));
    std::string lowered = normalize(raw);
    std::string_view rest;
    if (std::size_t plus = lowered.find('+'); lowered.rfind("post id", 0) == 0 && plus != std::string::npos) {
        ph.type = ValueType::PostIdText;
        ph.key = "post_id";
        ph.text_key = key_of(std::string_view(lowered).substr(plus + 1));
    } else if (lowered == "#id" || (lowered.size() > 1 && lowered[0] == '#')) {
        ph.type = ValueType::HashId;
        ph.key = key_of(lowered);
    } else if (trailing_range(lowered, ph.lo, ph.hi, rest)) {
        ph.type = ValueType::IntRange;
        ph.key = key_of(rest);
    } else if (contains_word(lowered, "percent")) {
        ph.type = ValueType::Percent;
        ph.key = key_of(lowered);
    } else if (contains_word(lowered, "credits") || contains_word(lowered, "number")) {
        ph.type = ValueType::Number;
        ph.key = key_of(lowered);
    } else if (contains_word(lowered, "url")) {
        ph.type = ValueType::Url;
        ph.key = key_of(lowered);
    } else if (contains_word(lowered, "slug")) {
        ph.type = ValueType::Slug;
        ph.key = key_of(lowered);
    } else {
        ph.key = key_of(lowered);
    }
    return ph;
}

ValueError parse_value(const Placeholder& ph, std::string_view raw, ParsedValue& out) noexcept {
    std::string_view v = trim(raw);
    out = ParsedValue{};
    out.text = v;
    if (v.empty()) return ValueError::Empty;
    switch (ph.type) {
    case ValueType::Text:
        return ValueError::None;
    case ValueType::Percent: {
        ValueError err = parse_percentage(v, out.number);
        out.is_number = err == ValueError::None;
        return err;
    }
    case ValueType::IntRange: {
        for (char c : v) if (!is_digit(c)) return ValueError::NotANumber;
        long n = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), n);
        if (r.ec != std::errc()) return ValueError::OutOfRange; // too many digits
        out.is_number = true;
        out.number = static_cast<double>(n);
        return (n >= ph.lo && n <= ph.hi) ? ValueError::None : ValueError::OutOfRange;
    }
    case ValueType::Number:
        if (!is_decimal(v)) return ValueError::NotANumber;
        if (significant_digits(v) > max_number_digits) return ValueError::OutOfRange;
        out.is_number = true;
        out.number = decimal_value(v);
        return ValueError::None;
    case ValueType::PostIdText: {
        std::size_t i = 0;
        bool digit = false;
        while (i < v.size() && is_id_char(v[i])) digit |= is_digit(v[i++]);
        if (i == 0 || !digit) return ValueError::NotAnId;
        out.text = v.substr(0, i);
        std::string_view rest = trim(v.substr(i));
        if (!rest.empty() && is_post_separator(rest[0])) rest = trim(rest.substr(1));
        else if (i < v.size() && !is_space(v[i])) return ValueError::NotAnId; // "12x!" is not an ID
        if (rest.empty()) return ValueError::MissingText;
        out.second = rest;
        return ValueError::None;
    }
    case ValueType::HashId: {
        if (v.size() < 2 || v[0] != '#') return ValueError::NotAnId;
        for (char c : v.substr(1)) if (!is_id_char(c)) return ValueError::NotAnId;
        return ValueError::None;
    }
    case ValueType::Url: {
        std::size_t sep = v.find("://");
        if (sep == std::string_view::npos || sep == 0 || sep + 3 >= v.size()) return ValueError::NotAUrl;
        if (!is_alnum(v[0]) || is_digit(v[0])) return ValueError::NotAUrl;
        for (std::size_t i = 0; i < sep; ++i)
            if (!is_scheme_char(v[i])) return ValueError::NotAUrl;
        for (char c : v) if (is_space(c)) return ValueError::NotAUrl;
        return ValueError::None;
    }
    case ValueType::Slug:
        for (char c : v) if (is_space(c)) return ValueError::NotASlug;
        return ValueError::None;
    }
    return ValueError::None;
}

ValueError parse_percentage(std::string_view text, double& out) noexcept {
    std::string_view v = trim(text);
    if (v.empty()) return ValueError::Empty;
    std::string_view number = v.back() == '%' ? trim(v.substr(0, v.size() - 1)) : v;
    if (!is_decimal(number)) return ValueError::NotANumber;
    if (!at_most_100(number)) return ValueError::OutOfRange;
    out = decimal_value(number);
    return ValueError::None;
}

TextRuns::TextRuns(std::string_view text, WorkMeter& meter) : text_(text), meter_(meter) {
    if (text.size() >= std::numeric_limits<std::uint32_t>::max()) throw std::length_error("value longer than 4 GB");
}

const std::vector<std::uint32_t>& TextRuns::build(Class c) {
    std::vector<std::uint32_t>& e = ends_[c];
    {
        auto in = [c](char ch) {
            switch (c) {
            case space: return is_space(ch);
            case word: return !is_space(ch);
            case digit: return is_digit(ch);
            case zero: return ch == '0';
            case id: return is_id_char(ch);
            case scheme: return is_scheme_char(ch);
            case non_digit: return !is_digit(ch);
            case classes: break;
            }
            return false;
        };
        std::uint32_t n = size();
        e.resize(std::size_t(n) + 1);
        e[n] = n;
        for (std::uint32_t j = n; j-- > 0;) {
            e[j] = in(text_[j]) ? e[j + 1] : j;
            if ((j & 0xfff) == 0) meter_.step(0x1000);
        }
    }
    return e;
}

// Each case states, for a value whose first non-blank character is at b, the ends its rule in parse_value
// accepts. "Trimmed end" e: the value without trailing whitespace ends at e; the raw ends giving it are e
// and the whitespace after it.
EndRanges valid_ends(const Placeholder& ph, TextRuns& r, std::uint32_t start) {
    EndRanges out;
    std::string_view v = r.text();
    const std::uint32_t n = r.size();
    const std::uint32_t b = r.non_space(start);
    if (b >= n) return out; // blank: empty
    auto trimmed = [&](std::uint32_t lo, std::uint32_t hi) { // trimmed ends [lo, hi] of a value without inner whitespace
        if (lo <= hi) out.add(lo, r.non_space(hi));
    };
    // "N/A" counts as empty: it ends at b + 3 (the raw ends up to the whitespace after it are excluded)
    bool na = n - b >= 3 && fold(v[b]) == 'n' && v[b + 1] == '/' && fold(v[b + 2]) == 'a';
    switch (ph.type) {
    case ValueType::Text:
        if (na) { out.add(b + 1, b + 2); out.add(r.non_space(b + 3) + 1, n); }
        else out.add(b + 1, n);
        break;
    case ValueType::Slug: {
        std::uint32_t q = r.word_end(b);
        if (na) { out.add(b + 1, b + 2); trimmed(b + 4, q); } // q >= b + 3: "n/a" has no whitespace
        else trimmed(b + 1, q);
        break;
    }
    case ValueType::HashId:
        if (v[b] == '#' && b + 1 < n) trimmed(b + 2, r.id_end(b + 1));
        break;
    case ValueType::IntRange: {
        if (!is_digit(v[b])) break;
        std::uint32_t q = r.digits_end(b), z = std::min(r.zeros_end(b), q); // [b, z): leading zeros
        std::uint32_t lo = 0, hi = 0;                                          // trimmed ends; none while lo == 0
        if (ph.lo == 0 && z > b) lo = b + 1, hi = z;                           // the value 0
        long value = 0; // grows tenfold a digit: at most 19 digits before it passes hi
        for (std::uint32_t e = std::max(z, b) + 1; e <= q; ++e) {
            int d = v[e - 1] - '0';
            if (value > (std::numeric_limits<long>::max() - d) / 10) break; // too large for a long
            value = value * 10 + d;
            if (value > ph.hi) break;
            if (value >= ph.lo) { if (!lo) lo = e; hi = e; }
        }
        if (lo) trimmed(lo, hi);
        break;
    }
    case ValueType::Number: {
        if (!is_digit(v[b])) break;
        std::uint32_t q = r.digits_end(b), z = std::min(r.zeros_end(b), q);
        trimmed(b + 1, static_cast<std::uint32_t>(std::min<std::uint64_t>(q, std::uint64_t(z) + max_number_digits))); // integers
        if (q - z <= max_number_digits && q + 1 < n && v[q] == '.' && is_digit(v[q + 1]))
            trimmed(q + 2, r.digits_end(q + 1)); // with a fraction (not ending at the point)
        break;
    }
    case ValueType::Percent: {
        if (!is_digit(v[b])) break;
        std::uint32_t q = r.digits_end(b), z = std::min(r.zeros_end(b), q); // digits [b, q), [b, z) zeros
        bool hundred = q - z >= 3 && v.substr(z, 3) == "100"; // the integer digits start with 100
        bool small = q - z <= 2, exactly_hundred = hundred && q - z == 3; // the integer part < 100, = 100
        // without '%': integer prefixes up to 100, then decimals below 100, or 100.000…
        trimmed(b + 1, hundred ? z + 3 : std::min(q, z + 2));
        bool fraction = q + 1 < n && v[q] == '.' && is_digit(v[q + 1]);
        std::uint32_t f = fraction ? r.digits_end(q + 1) : q; // the whole number is [b, f)
        if (fraction && small) trimmed(q + 2, f);
        else if (fraction && exactly_hundred) trimmed(q + 2, std::min(f, r.zeros_end(q + 1)));
        // with '%' (after optional whitespace) right after the whole number
        bool in_range = small || (exactly_hundred && (!fraction || r.zeros_end(q + 1) >= f));
        bool number = fraction || q >= n || v[q] != '.'; // "5." is not a number
        std::uint32_t w = r.non_space(f);
        if (number && in_range && w < n && v[w] == '%') trimmed(w + 1, w + 1);
        break;
    }
    case ValueType::PostIdText: {
        std::uint32_t q = r.id_end(b);
        if (q == b || r.next_digit(b) >= q || q >= n) break; // no ID, no digit in it, or no text
        std::uint32_t text = 0;                               // where the text part begins
        if (is_space(v[q])) {
            std::uint32_t t = r.non_space(q);
            if (t >= n) break;
            text = is_post_separator(v[t]) ? r.non_space(t + 1) : t;
        } else if (is_post_separator(v[q])) {
            text = r.non_space(q + 1);
        } else {
            break; // "12x!" is not an ID
        }
        if (text < n) out.add(text + 1, n);
        break;
    }
    case ValueType::Url: {
        if (!is_alnum(v[b]) || is_digit(v[b])) break;
        std::uint32_t sep = r.scheme_end(b);
        if (v.substr(sep, 3) != "://") break;
        trimmed(sep + 4, r.word_end(b));
        break;
    }
    }
    return out;
}

const char* type_name(ValueType t) {
    switch (t) {
    case ValueType::Text: return "text";
    case ValueType::Percent: return "percentage";
    case ValueType::IntRange: return "integer";
    case ValueType::Number: return "number";
    case ValueType::PostIdText: return "post ID + text";
    case ValueType::HashId: return "#ID";
    case ValueType::Url: return "URL";
    case ValueType::Slug: return "slug";
    }
    return "value";
}

std::string describe(const Placeholder& ph, std::string_view value, ValueError err) {
    std::string v = excerpt(trim(value));
    switch (err) {
    case ValueError::None: return {};
    case ValueError::Empty: return fmt::format("[{}] is empty", ph.name);
    case ValueError::NotANumber: return fmt::format("[{}] \"{}\" is not a number", ph.name, v);
    case ValueError::OutOfRange:
        if (ph.type == ValueType::Percent) return fmt::format("[{}] \"{}\" is out of range 0–100%", ph.name, v);
        if (ph.type == ValueType::Number) return fmt::format("[{}] \"{}\" is out of range (below 1e308)", ph.name, v);
        return fmt::format("[{}] \"{}\" is out of range {}–{}", ph.name, v, ph.lo, ph.hi);
    case ValueError::NotAnId:
        if (ph.type == ValueType::HashId) return fmt::format("[{}] \"{}\" is not an ID like #42", ph.name, v);
        return fmt::format("[{}] \"{}\" does not start with a post ID (letters, digits, - or _, with a digit)", ph.name, v);
    case ValueError::MissingText: return fmt::format("[{}] \"{}\" has a post ID but no text after it", ph.name, v);
    case ValueError::NotAUrl: return fmt::format("[{}] \"{}\" is not a URL like https://host/path", ph.name, v);
    case ValueError::NotASlug: return fmt::format("[{}] \"{}\" is not a slug (it contains whitespace)", ph.name, v);
    }
    return {};
}

} // namespace ar
