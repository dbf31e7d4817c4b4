#include "placeholder.hpp"

#include <charconv>
#include <limits>
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

// Unsigned decimal "12" or "12.5"; the whole view must be consumed.
bool parse_decimal(std::string_view s, double& out) {
    if (s.empty() || !is_digit(s.front())) return false;
    std::size_t i = 0, dots = 0;
    for (; i < s.size(); ++i) {
        if (s[i] == '.') { if (++dots > 1) return false; }
        else if (!is_digit(s[i])) return false;
    }
    if (s.back() == '.') return false;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

constexpr bool is_id_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }

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
        std::string_view num = v;
        if (num.back() == '%') num = trim(num.substr(0, num.size() - 1));
        if (!parse_decimal(num, out.number)) return ValueError::NotANumber;
        out.is_number = true;
        return out.number <= 100.0 ? ValueError::None : ValueError::OutOfRange;
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
        if (!parse_decimal(v, out.number)) return ValueError::NotANumber;
        out.is_number = true;
        return ValueError::None;
    case ValueType::PostIdText: {
        std::size_t i = 0;
        bool digit = false;
        while (i < v.size() && is_id_char(v[i])) digit |= is_digit(v[i++]);
        if (i == 0 || !digit) return ValueError::NotAnId;
        out.text = v.substr(0, i);
        std::string_view rest = trim(v.substr(i));
        if (!rest.empty() && (rest[0] == '+' || rest[0] == ':' || rest[0] == '|')) rest = trim(rest.substr(1));
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
            if (!is_alnum(v[i]) && v[i] != '+' && v[i] != '-' && v[i] != '.') return ValueError::NotAUrl;
        for (char c : v) if (is_space(c)) return ValueError::NotAUrl;
        return ValueError::None;
    }
    case ValueType::Slug:
        for (char c : v) if (is_space(c)) return ValueError::NotASlug;
        return ValueError::None;
    }
    return ValueError::None;
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
