#include "summary_format.hpp"

#include <cmath>

namespace ar::summary {

Payload open(std::string_view bytes, Kind kind) {
    const char tag = static_cast<char>(kind);
    const unsigned char newest = newest_version(kind);
    if (bytes.size() >= 2 && bytes[1] == tag) {
        auto version = static_cast<unsigned char>(bytes[0]);
        if (version >= format_version && version <= newest) return {bytes.substr(2), ByteOrder::big, false, version};
    }
    if (!bytes.empty() && bytes[0] == tag) return {bytes.substr(1), ByteOrder::little, true, 0};
    if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) > newest && bytes[0] < 'A')
        throw InvalidState("summary format version " + std::to_string(static_cast<unsigned char>(bytes[0])) +
                           " is newer than this library reads (" + std::to_string(newest) + ")");
    throw InvalidState("not a summary of this kind");
}

std::string with_header(Kind kind, std::size_t payload_size, unsigned char version) {
    std::string out(header_size + payload_size, '\0');
    out[0] = static_cast<char>(version);
    out[1] = static_cast<char>(kind);
    return out;
}

std::string encode(const ReactionTally& t) {
    std::string out = with_header(Kind::reaction, 24);
    char* p = out.data() + header_size;
    for (std::int64_t v : {t.views, t.positive, t.negative}) put_int(p, v, ByteOrder::big);
    return out;
}

std::string encode(const WatchTally& t) {
    std::string out = with_header(Kind::watch, 16);
    char* p = out.data() + header_size;
    put_double(p, t.max_fraction, ByteOrder::big);
    put_int(p, t.unmarked, ByteOrder::big);
    return out;
}

namespace {
void expect_end(std::string_view rest) {
    if (!rest.empty()) throw InvalidState("trailing bytes");
}
} // namespace

ReactionTally decode_reaction(std::string_view bytes) {
    Payload p = open(bytes, Kind::reaction);
    ReactionTally t;
    t.views = get_int<std::int64_t>(p.bytes, p.order);
    t.positive = get_int<std::int64_t>(p.bytes, p.order);
    t.negative = get_int<std::int64_t>(p.bytes, p.order);
    expect_end(p.bytes);
    if (t.views < 0 || t.positive < 0 || t.negative < 0)
        throw InvalidState("negative count (views " + std::to_string(t.views) + ", positive " + std::to_string(t.positive) +
                           ", negative " + std::to_string(t.negative) + ")");
    return t;
}

WatchTally decode_watch(std::string_view bytes) {
    Payload p = open(bytes, Kind::watch);
    WatchTally t;
    t.max_fraction = get_double(p.bytes, p.order);
    t.unmarked = get_int<std::int64_t>(p.bytes, p.order);
    expect_end(p.bytes);
    if (!std::isfinite(t.max_fraction) || t.max_fraction < 0 || t.max_fraction > 1)
        throw InvalidState("watched fraction " + std::to_string(t.max_fraction) + " is outside 0..1");
    if (t.unmarked < 0) throw InvalidState("negative count of watch-progress events (" + std::to_string(t.unmarked) + ")");
    return t;
}

} // namespace ar::summary
