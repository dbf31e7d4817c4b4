#include "cli/people_values.hpp"

#include <charconv>

#include "core/text.hpp"

namespace ar::cli {

std::string round_one_decimal(std::string_view number) {
    std::string_view s = number;
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    std::string digits;
    long point = -1;  // digits before the decimal point
    for (; i < s.size() && (ar::is_digit(s[i]) || (s[i] == '.' && point < 0)); ++i) {
        if (s[i] == '.') point = static_cast<long>(digits.size());
        else digits.push_back(s[i]);
    }
    if (digits.empty()) return std::string(number);
    if (point < 0) point = static_cast<long>(digits.size());
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && s[i] == '+') ++i;
        long exponent = 0;
        auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), exponent);
        if (ec != std::errc() || end == s.data() + i || exponent < -1000 || exponent > 1000) return std::string(number);
        i = static_cast<std::size_t>(end - s.data());
        point += exponent;
    }
    if (i != s.size()) return std::string(number);

    // Integer digits and the first two decimals.
    std::string whole, fraction;
    if (point <= 0) {
        whole = "0";
        fraction = std::string(static_cast<std::size_t>(-point), '0') + digits;
    } else if (point >= static_cast<long>(digits.size())) {
        whole = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
    } else {
        whole = digits.substr(0, static_cast<std::size_t>(point));
        fraction = digits.substr(static_cast<std::size_t>(point));
    }
    fraction.resize(std::max<std::size_t>(fraction.size(), 2), '0');
    std::string kept = whole + fraction[0];
    if (fraction[1] >= '5') {  // half away from zero: the magnitude goes up
        std::size_t k = kept.size();
        while (k > 0 && kept[k - 1] == '9') kept[--k] = '0';
        if (k == 0) kept.insert(kept.begin(), '1');
        else ++kept[k - 1];
    }
    std::size_t first = kept.find_first_not_of('0');
    if (first == std::string::npos) return "0.0";  // no "-0.0"
    first = std::min(first, kept.size() - 2);       // at least one digit before the point
    std::string out = negative ? "-" : "";
    out += kept.substr(first, kept.size() - 1 - first);
    out += '.';
    out += kept.back();
    return out;
}

std::optional<std::vector<std::string>> pg_array_items(std::string_view text) {
    std::string_view s = ar::trim(text);
    // Non-default bounds come first: "[0:1]={a,b}".
    if (!s.empty() && s[0] == '[') {
        auto eq = s.find('=');
        if (eq == std::string_view::npos) return std::nullopt;
        s = s.substr(eq + 1);
    }
    if (s.size() < 2 || s.front() != '{' || s.back() != '}') return std::nullopt;
    std::vector<std::string> items;
    std::size_t i = 0;
    int depth = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == '{') { ++depth; ++i; continue; }
        if (c == '}') { --depth; ++i; continue; }
        if (c == ',' || ar::is_space(c)) { ++i; continue; }
        if (depth <= 0) return std::nullopt;
        std::string item;
        if (c == '"') {
            for (++i; i < s.size() && s[i] != '"'; ++i) {
                if (s[i] == '\\' && i + 1 < s.size()) ++i;
                item.push_back(s[i]);
            }
            if (i >= s.size()) return std::nullopt;
            ++i;
            items.push_back(std::move(item));
        } else {
            while (i < s.size() && s[i] != ',' && s[i] != '}') {
                if (s[i] == '\\' && i + 1 < s.size()) ++i;
                item.push_back(s[i++]);
            }
            std::string_view value = ar::trim(item);
            if (ar::normalize(value) != "null") items.emplace_back(value);  // unquoted NULL is a NULL element
        }
    }
    if (depth != 0) return std::nullopt;
    return items;
}

std::string joined_array(std::string_view text) {
    auto items = pg_array_items(text);
    if (!items) return std::string(text);
    std::string out;
    for (std::size_t k = 0; k < items->size(); ++k) {
        if (k) out += '|';
        out += (*items)[k];
    }
    return out;
}

namespace {

struct JsonCursor {
    std::string_view s;
    std::size_t i = 0;
    void space() { while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i; }
    bool eat(char c) {
        space();
        if (i < s.size() && s[i] == c) { ++i; return true; }
        return false;
    }

    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    std::optional<std::uint32_t> hex4() {
        if (i + 4 > s.size()) return std::nullopt;
        std::uint32_t v = 0;
        auto [end, ec] = std::from_chars(s.data() + i, s.data() + i + 4, v, 16);
        if (ec != std::errc() || end != s.data() + i + 4) return std::nullopt;
        i += 4;
        return v;
    }
    // A string at the cursor (after its opening quote has been seen by the caller's eat('"')).
    std::optional<std::string> string_body() {
        std::string out;
        while (i < s.size() && s[i] != '"') {
            char c = s[i++];
            if (c != '\\') { out.push_back(c); continue; }
            if (i >= s.size()) return std::nullopt;
            char e = s[i++];
            switch (e) {
                case '"': case '\\': case '/': out.push_back(e); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    auto cp = hex4();
                    if (!cp) return std::nullopt;
                    if (*cp >= 0xD800 && *cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                        i += 2;
                        auto low = hex4();
                        if (!low || *low < 0xDC00 || *low > 0xDFFF) return std::nullopt;
                        *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                    }
                    append_utf8(out, *cp);
                    break;
                }
                default: return std::nullopt;
            }
        }
        if (i >= s.size()) return std::nullopt;
        ++i;
        return out;
    }
    // Skips any value, strings and nesting respected; false when it is malformed.
    bool skip_value() {
        space();
        int depth = 0;
        do {
            if (i >= s.size()) return false;
            char c = s[i];
            if (c == '"') {
                ++i;
                if (!string_body()) return false;
            } else if (c == '{' || c == '[') {
                ++depth, ++i;
            } else if (c == '}' || c == ']') {
                if (depth == 0) return false;
                --depth, ++i;
            } else if (depth > 0 && (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                ++i;
            } else {
                std::size_t start = i;
                while (i < s.size() && (ar::is_alnum(s[i]) || s[i] == '-' || s[i] == '+' || s[i] == '.')) ++i;
                if (i == start) return false;
            }
        } while (depth > 0);
        return true;
    }
};

} // namespace

std::optional<JsonMembers> json_object_members(std::string_view text) {
    JsonCursor c{text};
    if (!c.eat('{')) return std::nullopt;
    JsonMembers members;
    if (!c.eat('}')) {
        do {
            if (!c.eat('"')) return std::nullopt;
            auto key = c.string_body();
            if (!key || !c.eat(':')) return std::nullopt;
            c.space();
            std::optional<std::string> value;
            if (c.i < c.s.size() && c.s[c.i] == '"') {
                ++c.i;
                value = c.string_body();
                if (!value) return std::nullopt;
            } else {
                std::size_t start = c.i;
                if (!c.skip_value()) return std::nullopt;
                std::string_view raw = c.s.substr(start, c.i - start);
                if (raw != "null") value = std::string(raw);
            }
            members.emplace_back(std::move(*key), std::move(value));
        } while (c.eat(','));
        if (!c.eat('}')) return std::nullopt;
    }
    c.space();
    if (c.i != c.s.size()) return std::nullopt;
    return members;
}

} // namespace ar::cli
