#include "text.hpp"

namespace ar {

std::string_view trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return s.substr(b, e - b);
}

namespace {
// Walks the normalised form of a string one character at a time.
struct NormalizedCursor {
    std::string_view s;
    std::size_t i = 0;
    explicit NormalizedCursor(std::string_view in) : s(trim(in)) {}
    bool done() const { return i >= s.size(); }
    char next() {
        char c = s[i++];
        if (is_space(c)) {
            while (i < s.size() && is_space(s[i])) ++i;
            return ' ';
        }
        return fold(c);
    }
};
} // namespace

std::string normalize(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (NormalizedCursor c(s); !c.done();) out.push_back(c.next());
    return out;
}

std::size_t NormalizedHash::operator()(std::string_view s) const noexcept {
    std::size_t h = 1469598103934665603ull; // FNV-1a
    for (NormalizedCursor c(s); !c.done();) {
        h ^= static_cast<unsigned char>(c.next());
        h *= 1099511628211ull;
    }
    return h;
}

bool NormalizedEqual::operator()(std::string_view a, std::string_view b) const noexcept {
    NormalizedCursor x(a), y(b);
    while (!x.done() && !y.done())
        if (x.next() != y.next()) return false;
    return x.done() && y.done();
}

std::string excerpt(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return std::string(s);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut; // not inside a UTF-8 sequence
    return std::string(s.substr(0, cut)) + "… (" + std::to_string(s.size()) + " bytes)";
}

} // namespace ar
