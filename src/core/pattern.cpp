#include "pattern.hpp"

#include <limits>
#include <utility>

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

// End of `lit` matched at v[pos..], or npos. A space of `lit` takes a whole whitespace run.
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

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

// The same, skipping whitespace runs through the run table: O(|lit|) at any position.
std::uint32_t match_literal(std::string_view lit, TextRuns& r, std::uint32_t pos) {
    std::string_view v = r.text();
    for (char c : lit) {
        if (pos >= v.size()) return none;
        if (c == ' ') {
            if (!is_space(v[pos])) return none;
            pos = r.non_space(pos);
        } else if (fold(v[pos]) == c) {
            ++pos;
        } else {
            return none;
        }
    }
    return pos;
}

// Splits a value between the segments of an alternative with a placeholder before a literal. The rule
// is the one of a backtracking search (each placeholder as short as the rest allows: the first split in
// the order of the segments' ends), computed without backtracking: a pass from the last segment to the
// first finds, for every position, whether the rest of the pattern matches from there, and for every
// placeholder followed by a literal, the first position from each position on where that literal
// begins and the rest matches. Each pass over the value costs O(length × literal length), whatever
// the number of placeholders: no value is parsed twice at one boundary, no boundary tried twice.
class Splitter {
public:
    Splitter(const Pattern& p, const Pattern::Alternative& alt, TextRuns& runs, WorkMeter& meter)
        : pattern_(p), segs_(alt.segments), runs_(runs), meter_(meter), next_(segs_.size()), bounds_(segs_.size()) {}

    // typed: every value must be valid for its placeholder; otherwise any non-empty text (the last may
    // be empty): the structure of the pattern only. On success bounds() holds each placeholder's value.
    bool split(bool typed) {
        const std::uint32_t n = runs_.size();
        std::vector<char> ok_after(std::size_t(n) + 1, 0), ok_here(std::size_t(n) + 1, 0);
        ok_after[n] = 1; // past the last segment: only at the end of the value
        bool whole = false;
        for (std::size_t si = segs_.size(); si-- > 0;) {
            const Pattern::Segment& seg = segs_[si];
            if (seg.placeholder < 0) {
                if (si == 0) {
                    std::uint32_t end = match_literal(seg.literal, runs_, 0);
                    whole = end != none && ok_after[end];
                    break;
                }
                // A placeholder precedes: where this literal may begin, with the rest matching after it.
                std::vector<std::uint32_t>& next = next_[si - 1];
                next.assign(std::size_t(n) + 1, none);
                std::string_view v = runs_.text();
                for (std::uint32_t p = n; p-- > 1;) {
                    next[p] = next[p + 1];
                    char c = v[p];
                    if (seg.literal[0] == ' ' ? !is_space(c) : fold(c) != seg.literal[0]) continue;
                    // A separator starting inside a whitespace run gives the same (trimmed) value as one
                    // starting at the run's first character: only that one counts.
                    if (seg.literal[0] == ' ' && is_space(v[p - 1])) continue;
                    std::uint32_t end = match_literal(seg.literal, runs_, p);
                    if (end != none && ok_after[end]) next[p] = p;
                    if ((p & 0x3ff) == 0) meter_.step(0x400);
                }
                continue; // ok_after still describes the segment after the literal's placeholder
            }
            const Placeholder& ph = placeholder(seg);
            bool last = si + 1 == segs_.size();
            for (std::uint32_t s = 0; s <= n; ++s) {
                if (last) ok_here[s] = !typed || contains(valid_ends(ph, runs_, s), n);
                else ok_here[s] = first_end(ph, si, s, typed) != none;
                if ((s & 0x3ff) == 0) meter_.step(0x400);
            }
            if (si == 0) { whole = ok_here[0]; break; }
            ok_after.swap(ok_here);
        }
        if (!whole) return false;
        // Forward: each placeholder takes the first end from which the rest matches.
        std::uint32_t pos = 0;
        for (std::size_t si = 0; si < segs_.size(); ++si) {
            const Pattern::Segment& seg = segs_[si];
            if (seg.placeholder < 0) {
                pos = match_literal(seg.literal, runs_, pos);
                continue;
            }
            std::uint32_t end = si + 1 == segs_.size() ? runs_.size() : first_end(placeholder(seg), si, pos, typed);
            bounds_[si] = {pos, end};
            pos = end;
        }
        return true;
    }

    std::string_view value(std::size_t si) const { return runs_.text().substr(bounds_[si].first, bounds_[si].second - bounds_[si].first); }

private:
    const Placeholder& placeholder(const Pattern::Segment& seg) const {
        return pattern_.placeholders()[static_cast<std::size_t>(seg.placeholder)];
    }
    static bool contains(const EndRanges& r, std::uint32_t p) {
        for (int i = 0; i < r.size; ++i)
            if (r.lo[static_cast<std::size_t>(i)] <= p && p <= r.hi[static_cast<std::size_t>(i)]) return true;
        return false;
    }
    // The first end of placeholder si's value from s at which the literal after it begins and the rest
    // matches, or none.
    std::uint32_t first_end(const Placeholder& ph, std::size_t si, std::uint32_t s, bool typed) {
        const std::vector<std::uint32_t>& next = next_[si];
        if (!typed) return s + 1 < next.size() ? next[s + 1] : none;
        EndRanges r = valid_ends(ph, runs_, s);
        for (int i = 0; i < r.size; ++i) {
            std::uint32_t lo = r.lo[static_cast<std::size_t>(i)], hi = r.hi[static_cast<std::size_t>(i)];
            std::uint32_t p = lo < next.size() ? next[lo] : none;
            if (p <= hi) return p;
        }
        return none;
    }

    const Pattern& pattern_;
    const std::vector<Pattern::Segment>& segs_;
    TextRuns& runs_;
    WorkMeter& meter_;
    std::vector<std::vector<std::uint32_t>> next_; // per placeholder followed by a literal
    std::vector<std::pair<std::uint32_t, std::uint32_t>> bounds_;
};

struct Matcher {
    const Pattern& pattern;
    const Pattern::Alternative& alt;
    std::string_view v;
    Captures& out;
    ValueFailure* failure;

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

    // A literal, then at most one placeholder at the end: one way to split, no tables needed.
    bool simple() const {
        const auto& segs = alt.segments;
        return segs.size() == 1 || (segs.size() == 2 && segs[0].placeholder < 0);
    }
    bool run_simple() {
        const auto& segs = alt.segments;
        std::size_t pos = 0;
        if (segs[0].placeholder < 0) {
            pos = match_literal(segs[0].literal, v, 0);
            if (pos == std::string_view::npos) return false;
            if (segs.size() == 1) return pos == v.size();
        }
        return take(segs.back(), v.substr(pos));
    }

    // The first split whose values are all valid; failing that, the first split of the pattern's
    // structure names the first invalid value in it (BadValue). No split at all: NoMatch.
    bool run(WorkMeter& meter) {
        const auto& segs = alt.segments;
        if (segs[0].placeholder < 0 && match_literal(segs[0].literal, v, 0) == std::string_view::npos) return false;
        TextRuns runs(v, meter);
        Splitter splitter(pattern, alt, runs, meter);
        bool typed = splitter.split(true);
        if (!typed && !splitter.split(false)) return false;
        for (std::size_t si = 0; si < segs.size(); ++si)
            if (segs[si].placeholder >= 0 && !take(segs[si], splitter.value(si))) return false;
        return typed;
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
    WorkMeter meter;
    for (const Alternative& alt : alternatives_) {
        if (alt.not_applicable) {
            if (v.empty() || is_not_applicable(v)) return MatchResult::Match;
            continue;
        }
        if (out.size + alt.placeholder_count > Captures::capacity) return MatchResult::NoMatch;
        ValueFailure local;
        Matcher m{*this, alt, v, out, &local};
        meter.step(static_cast<long>(v.size()));
        if (m.simple() ? m.run_simple() : m.run(meter)) {
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
