#include "cli/json_reader.hpp"

#include <fmt/format.h>

namespace ar::cli {

namespace {
constexpr int max_depth = 256;

void append_utf8(std::string& out, std::uint32_t cp) {
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
} // namespace

JsonRecordReader::JsonRecordReader(ByteSource& source, std::size_t max_value_bytes)
    : source_(source), max_value_(max_value_bytes) {}

int JsonRecordReader::get() {
    int c = source_.get();
    if (c == '\n') { ++line_; column_ = 0; }
    else ++column_;
    return c;
}

void JsonRecordReader::fail(const std::string& what) {
    throw InputError(fmt::format("invalid JSON at line {}, column {}: {}", line_, column_, what));
}

int JsonRecordReader::skip_space() {
    for (;;) {
        int c = peek();
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') get();
        else return c;
    }
}

void JsonRecordReader::expect(char c) {
    int got = get();
    if (got != static_cast<unsigned char>(c))
        fail(got == -1 ? fmt::format("expected '{}' but the input ends", c)
                       : fmt::format("expected '{}', found '{}'", c, static_cast<char>(got)));
}

void JsonRecordReader::read_string(std::string& out) {
    expect('"');
    out.clear();
    auto hex4 = [&] {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            int c = get();
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else fail("bad \\u escape");
        }
        return v;
    };
    for (;;) {
        int c = get();
        if (c == -1) fail("a string is never closed");
        if (c == '"') return;
        if (c < 0x20) fail("control character inside a string (escape it)");
        if (c == '\\') {
            int e = get();
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        if (get() != '\\' || get() != 'u') fail("unpaired surrogate in \\u escape");
                        std::uint32_t low = hex4();
                        if (low < 0xDC00 || low >= 0xE000) fail("unpaired surrogate in \\u escape");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp < 0xE000) {
                        fail("unpaired surrogate in \\u escape");
                    }
                    if (cp == 0) fail("\\u0000 is not allowed in text");
                    append_utf8(out, cp);
                    break;
                }
                default: fail("unknown escape in a string");
            }
        } else {
            out.push_back(static_cast<char>(c));
        }
        if (out.size() > max_value_) fail(fmt::format("a value is longer than {} MiB", max_value_ >> 20));
    }
}

bool JsonRecordReader::read_value(std::optional<std::string>& out, int depth) {
    if (depth > max_depth) fail("nested too deeply");
    int c = skip_space();
    if (c == '"') {
        std::string s;
        read_string(s);
        out = std::move(s);
        return true;
    }
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        get();
        out.reset();
        if (skip_space() == close) { get(); return false; }
        for (;;) {
            std::optional<std::string> ignored;
            if (close == '}') {
                std::string key;
                skip_space();
                read_string(key);
                skip_space();
                expect(':');
            }
            read_value(ignored, depth + 1);
            int n = skip_space();
            if (n == ',') { get(); continue; }
            expect(close);
            return false;
        }
    }
    // Literals and numbers: read the token and check it.
    std::string token;
    while (c != -1 && (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                       (c >= 'A' && c <= 'Z'))) {
        token.push_back(static_cast<char>(get()));
        c = peek();
    }
    if (token == "null") { out.reset(); return true; }
    if (token == "true" || token == "false") { out = token; return true; }
    // JSON number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
    std::size_t i = 0;
    auto digits = [&] { std::size_t s = i; while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i; return i > s; };
    bool ok = true;
    if (i < token.size() && token[i] == '-') ++i;
    if (i < token.size() && token[i] == '0') ++i;
    else ok = digits();
    if (ok && i < token.size() && token[i] == '.') { ++i; ok = digits(); }
    if (ok && i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
        ++i;
        if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
        ok = digits();
    }
    if (!ok || i != token.size() || token.empty())
        fail(token.empty() ? (c == -1 ? std::string("a value is missing at the end") : fmt::format("unexpected '{}'", static_cast<char>(c)))
                           : fmt::format("'{}' is not a JSON value", token));
    out = std::move(token);
    return true;
}

void JsonRecordReader::read_object(JsonRecord& record) {
    expect('{');
    if (skip_space() == '}') { get(); return; }
    for (;;) {
        skip_space();
        std::string key;
        read_string(key);
        skip_space();
        expect(':');
        std::optional<std::string> value;
        if (!read_value(value, 1) && record.error.empty())
            record.error = fmt::format("\"{}\" holds an object or array, not a single value", key);
        record.members.emplace_back(std::move(key), std::move(value));
        int n = skip_space();
        if (n == ',') { get(); continue; }
        expect('}');
        return;
    }
}

bool JsonRecordReader::next(JsonRecord& record) {
    record.members.clear();
    record.error.clear();
    int c = skip_space();
    switch (mode_) {
        case Mode::done: return false;
        case Mode::start:
            if (c == -1) { mode_ = Mode::done; return false; }
            if (c == '[') {
                get();
                mode_ = Mode::array;
                if (skip_space() == ']') { get(); mode_ = Mode::done; break; }
                c = skip_space();
            } else if (c == '{') {
                mode_ = Mode::lines;
            } else {
                fail("expected an array of objects or one object per line");
            }
            break;
        case Mode::array:
            if (c == ']') { get(); mode_ = Mode::done; break; }
            expect(',');
            c = skip_space();
            break;
        case Mode::lines:
            if (c == -1) { mode_ = Mode::done; return false; }
            break;
    }
    if (mode_ == Mode::done) {
        if (skip_space() != -1) fail("unexpected text after the end of the JSON document");
        return false;
    }
    ++elements_;
    record.line = line_;
    if (c == '{') {
        read_object(record);
    } else {
        std::optional<std::string> ignored;
        read_value(ignored, 1);
        record.error = fmt::format("element {} is not an object", elements_);
    }
    return true;
}

} // namespace ar::cli
