#include "cli/load_keys.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace ar::cli {

namespace {

constexpr bool record_special(char c) {
    return c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || c == ' ' || c == '\t' || c == '\n' ||
           c == '\r' || c == '\v' || c == '\f';
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

std::string record_text(const std::vector<std::optional<std::string_view>>& fields) {
    std::string out;
    out.reserve(256);
    out.push_back('(');
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out.push_back(',');
        if (!fields[i]) continue;
        std::string_view v = *fields[i];
        bool quote = v.empty();
        for (char c : v) quote = quote || record_special(c);
        if (!quote) {
            out.append(v);
            continue;
        }
        out.push_back('"');
        for (char c : v) {
            if (c == '"' || c == '\\') out.push_back(c);
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back(')');
    return out;
}

std::optional<Md5Digest> row_digest(const StagedRow& row, std::string_view vocabulary, bool ascii) {
    auto view = [](const std::optional<std::string>& v) -> std::optional<std::string_view> {
        if (v) return std::string_view(*v);
        return std::nullopt;
    };
    std::optional<std::string> lowered;
    std::optional<std::string_view> who = view(row[Target::user_id]);
    if (!who && row[Target::email]) {
        const std::string& email = *row[Target::email];
        if (!ascii) return std::nullopt;
        for (char c : email)
            if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
        lowered = ascii_lower(email);
        who = *lowered;
    }
    std::optional<std::string_view> where = view(row[Target::content_id]);
    if (!where) where = view(row[Target::content_name]);
    return md5(record_text({vocabulary, view(row[Target::occurred_at]), who, view(row[Target::category]),
                            view(row[Target::action]), view(row[Target::label]), where, view(row[Target::portal])}));
}

void RepeatFilter::Free::operator()(std::uint64_t* p) const { std::free(p); }

RepeatFilter::RepeatFilter(std::size_t bits) : mask_(bits / 512 - 1) {
    // Probes land anywhere in the filter: huge pages spare the TLB misses of 4 KiB ones.
    constexpr std::size_t align = std::size_t{2} << 20;
    std::size_t bytes = (bits / 8 + align - 1) / align * align;
    auto* p = static_cast<std::uint64_t*>(std::aligned_alloc(align, bytes));
    if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
    std::memset(p, 0, bytes);
    words_.reset(p);
}

bool RepeatFilter::add(const Md5Digest& d) {
    // A blocked filter: the eight bits of a digest lie in one 64-byte block (one cache line), chosen by its
    // first 32 bits; the bits by nine-bit slices of the other 96.
    std::uint32_t h[4];
    std::memcpy(h, d.data(), 16);
    std::uint64_t* block = &words_[(h[0] & mask_) * 8];
    std::uint64_t rest[2] = {h[1] | std::uint64_t{h[2]} << 32, h[3]};
    bool seen = true;
    for (int k = 0; k < 8; ++k) {
        unsigned bit = static_cast<unsigned>(k < 7 ? rest[0] >> (9 * k) : rest[1]) & 511;
        std::uint64_t flag = std::uint64_t{1} << (bit % 64);
        seen = seen && (block[bit / 64] & flag);
        block[bit / 64] |= flag;
    }
    return seen;
}

} // namespace ar::cli
