// libFuzzer target for the core: whatever the bytes, compiling and matching a pattern, parsing a value
// of every type and normalising text must not crash, hang or trip a sanitizer, and must keep the
// invariants below (among them: valid_ends, the matcher's form of each value rule, agrees with
// parse_value). Input: "pattern\nvalue" (without a newline the whole input is both).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/pattern.hpp"
#include "core/placeholder.hpp"
#include "core/text.hpp"

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

bool inside(std::string_view part, std::string_view whole) {
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

void fuzz_text(std::string_view s) {
    std::string n = ar::normalize(s);
    check(ar::normalize(n) == n);
    check(ar::NormalizedEqual{}(s, n));
    check(ar::NormalizedHash{}(s) == ar::NormalizedHash{}(n));
    std::string e = ar::excerpt(s, s.size() % 64);
    check(e.size() <= s.size() + 32);
}

void fuzz_values(std::string_view pattern, std::string_view value) {
    constexpr ar::ValueType types[] = {ar::ValueType::Text,       ar::ValueType::Percent, ar::ValueType::IntRange,
                                       ar::ValueType::Number,     ar::ValueType::PostIdText, ar::ValueType::HashId,
                                       ar::ValueType::Url,        ar::ValueType::Slug};
    ar::Placeholder ph = ar::Placeholder::from_name(pattern); // any name gives some type
    ph.lo = 1;
    ph.hi = 5;
    ar::WorkMeter meter;
    ar::TextRuns runs(value.substr(0, 24), meter); // quadratic check: a short prefix
    for (ar::ValueType t : types) {
        ph.type = t;
        ar::ParsedValue v;
        ar::ValueError err = ar::parse_value(ph, value, v);
        check(inside(v.text, value) && inside(v.second, value));
        if (err == ar::ValueError::None) check(!v.text.empty());
        (void)ar::describe(ph, value, err);
        // the matcher's form of the rule says what parse_value says, at every start and end
        std::string_view text = runs.text();
        for (std::uint32_t s = 0; s <= text.size(); ++s) {
            ar::EndRanges r = ar::valid_ends(ph, runs, s);
            for (std::uint32_t e = s; e <= text.size(); ++e) {
                bool in = false;
                for (int i = 0; i < r.size; ++i) in |= r.lo[std::size_t(i)] <= e && e <= r.hi[std::size_t(i)];
                std::string_view part = text.substr(s, e - s), trimmed = ar::trim(part);
                bool na = trimmed.size() == 3 && ar::fold(trimmed[0]) == 'n' && trimmed[1] == '/' && ar::fold(trimmed[2]) == 'a';
                check(in == (!na && ar::parse_value(ph, part, v) == ar::ValueError::None));
            }
        }
    }
}

void fuzz_pattern(std::string_view pattern, std::string_view value) {
    ar::Pattern p;
    try {
        p = ar::Pattern::compile(pattern);
    } catch (const ar::PatternError&) {
        return;
    }
    (void)p.literal_keys();
    (void)p.max_literal_chars();
    ar::Captures c;
    ar::ValueFailure failure;
    ar::MatchResult r = p.match(value, c, &failure);
    if (r == ar::MatchResult::BadValue) check(failure && failure.ph && inside(failure.value, value));
    if (r != ar::MatchResult::Match) {
        check(c.size == 0);
        return;
    }
    for (int i = 0; i < c.size; ++i) {
        const ar::Capture& cap = c.items[static_cast<std::size_t>(i)];
        check(cap.ph != nullptr && inside(cap.value.text, value) && inside(cap.value.second, value));
    }
    (void)ar::captures_to_json(c);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t nl = input.find('\n');
    std::string_view pattern = nl == std::string_view::npos ? input : input.substr(0, nl);
    std::string_view value = nl == std::string_view::npos ? input : input.substr(nl + 1);
    fuzz_text(input);
    fuzz_values(pattern, value);
    fuzz_pattern(pattern, value);
    return 0;
}
