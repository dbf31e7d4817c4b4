#include "pattern.hpp"

#include <fmt/format.h>

#include "text.hpp"

namespace ar {

PatternError::PatternError(std::string pattern, std::string reason)
    : std::runtime_error(fmt::format("invalid pattern \"{}\": {}", excerpt(pattern), reason)),
      pattern_(std::move(pattern)), reason_(std::move(reason)) {}

namespace {

// Lower case, whitespace runs as one space; unlike normalize() it keeps a leading or trailing space,
// which is significant between a literal and a placeholder.
std::string fold_literal(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_space(s[i])) {
            while (i + 1 < s.size() && is_space(s[i + 1])) ++i;
            out.push_back(' ');
        } else {
            out.push_back(fold(s[i]));
        }
    }
    return out;
}

bool is_not_applicable(std::string_view v) {
    v = trim(v);
    return v.size() == 3 && fold(v[0]) == 'n' && v[1] == '/' && fold(v[2]) == 'a';
}

// End of `lit` matched at v[pos..], or npos.
std::size_t match_literal(std::string_view lit, std::string_view v, std::size_t pos) {
    for (char c : lit) {
        if (pos >= v.size()) return std::string_view::npos;
        if (c == ' ') {
            if (!is_space(v[pos])) return std::string_view::npos;
            while (pos < v.size() && is_space(v[pos])) ++pos;
        } else if (fold(v[pos]) == c) {
            ++pos;
        } else {
            return std::string_view::npos;
        }
    }
    return pos;
}

struct Matcher {
    const Pattern& pattern;
    const Pattern::Alternative& alt;
    std::string_view v;
    Captures& out;
    ValueFailure* failure;
    long budget; // bounds backtracking on pathological values

    bool take(const Pattern::Segment& seg, std::string_view value) {
        const Placeholder& ph = pattern.placeholders()[static_cast<std::size_t>(seg.placeholder)];
        Capture& c = out.items[static_cast<std::size_t>(out.size + seg.slot)];
        ValueError err = is_not_applicable(value) ? ValueError::Empty : parse_value(ph, value, c.value);
        if (err != ValueError::None) {
            if (failure && !*failure) *failure = ValueFailure{&ph, trim(value), err};
            return false;
        }
        c.ph = &ph;
        return true;
    }

    bool run(std::size_t si, std::size_t pos) {
        if (si == alt.segments.size()) return pos == v.size();
        const Pattern::Segment& seg = alt.segments[si];
        if (seg.placeholder < 0) {
            std::size_t end = match_literal(seg.literal, v, pos);
            return end != std::string_view::npos && run(si + 1, end);
        }
        if (si + 1 == alt.segments.size()) return take(seg, v.substr(pos));
        const std::string& next = alt.segments[si + 1].literal; // compile() guarantees a literal follows
        for (std::size_t p = pos + 1; p < v.size(); ++p) {
            if (--budget < 0) return false;
            char c = v[p];
            if (next[0] == ' ' ? !is_space(c) : fold(c) != next[0]) continue;
            // A separator starting inside a whitespace run gives the same (trimmed) split as one
            // starting at the run's first character: try each run once, keeping this linear.
            if (next[0] == ' ' && is_space(v[p - 1])) continue;
            std::size_t end = match_literal(next, v, p);
            if (end == std::string_view::npos) continue;
            if (take(seg, v.substr(pos, p - pos)) && run(si + 2, end)) return true;
        }
        return false;
    }
};

} // namespace

Pattern Pattern::compile(std::string_view text) {
    Pattern p;
    p.source_ = std::string(text);
    if (trim(text).empty()) throw PatternError(p.source_, "the pattern is empty (write N/A for an empty value)");

    std::size_t start = 0;
    int depth = 0;
    std::vector<std::string_view> parts;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        char c = i < text.size() ? text[i] : '|';
        if (c == '[') {
            if (depth++) throw PatternError(p.source_, fmt::format("nested '[' at position {}", i + 1));
        } else if (c == ']') {
            if (!depth--) throw PatternError(p.source_, fmt::format("']' without '[' at position {}", i + 1));
        } else if (c == '|' && depth == 0) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    if (depth) throw PatternError(p.source_, "'[' is never closed");

    for (std::string_view raw : parts) {
        std::string_view part = trim(raw);
        Alternative alt;
        if (part.empty()) throw PatternError(p.source_, "an alternative between '|' is empty");
        if (is_not_applicable(part)) {
            alt.not_applicable = true;
            p.alternatives_.push_back(std::move(alt));
            continue;
        }
        int count = 0;
        for (std::size_t i = 0; i < part.size();) {
            if (part[i] == '[') {
                std::size_t close = part.find(']', i);
                std::string_view name = trim(part.substr(i + 1, close - i - 1));
                if (name.empty()) throw PatternError(p.source_, "a placeholder [] has no name");
                if (!alt.segments.empty() && alt.segments.back().placeholder >= 0)
                    throw PatternError(p.source_, "two placeholders must be separated by literal text");
                if (++count > max_placeholders)
                    throw PatternError(p.source_, fmt::format("more than {} placeholders in one alternative", max_placeholders));
                alt.segments.push_back(Segment{{}, static_cast<int>(p.placeholders_.size()), count - 1});
                p.placeholders_.push_back(Placeholder::from_name(name));
                i = close + 1;
            } else {
                std::size_t next = part.find('[', i);
                std::string_view lit = part.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
                alt.segments.push_back(Segment{fold_literal(lit), -1, 0});
                for (char c : lit) alt.literal_chars += is_space(c) ? 0 : 1;
                i += lit.size();
            }
        }
        alt.placeholder_count = count;
        p.alternatives_.push_back(std::move(alt));
    }
    return p;
}

MatchResult Pattern::match(std::string_view value, Captures& out, ValueFailure* failure) const {
    std::string_view v = trim(value);
    bool bad_value = false;
    for (const Alternative& alt : alternatives_) {
        if (alt.not_applicable) {
            if (v.empty() || is_not_applicable(v)) return MatchResult::Match;
            continue;
        }
        if (out.size + alt.placeholder_count > Captures::capacity) return MatchResult::NoMatch;
        ValueFailure local;
        // Bounds backtracking across several placeholders; one placeholder scan costs at most v.size().
        long budget = 16 * static_cast<long>(v.size()) + 1024;
        Matcher m{*this, alt, v, out, &local, budget};
        if (m.run(0, 0)) {
            out.size += alt.placeholder_count;
            return MatchResult::Match;
        }
        if (local) {
            bad_value = true;
            if (failure && !*failure) *failure = local;
        }
    }
    return bad_value ? MatchResult::BadValue : MatchResult::NoMatch;
}

std::vector<std::string> Pattern::literal_keys() const {
    std::vector<std::string> keys;
    for (const Alternative& alt : alternatives_) {
        if (alt.not_applicable) { keys.push_back("n/a"); keys.push_back(""); continue; }
        if (alt.segments.size() != 1 || alt.segments[0].placeholder >= 0) return {};
        keys.push_back(normalize(alt.segments[0].literal));
    }
    return keys;
}

int Pattern::max_literal_chars() const {
    int best = 0;
    for (const Alternative& alt : alternatives_) best = std::max(best, alt.not_applicable ? 3 : alt.literal_chars);
    return best;
}

} // namespace ar
