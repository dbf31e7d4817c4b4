// The stored byte form of the metric summaries (presence_summary, reaction_summary, watch_summary) and of
// the aggregates' serialized states (design §10). A format-version byte, the kind's tag byte ('P', 'R',
// 'W'), then the payload in big-endian order with no padding. Format 1 for every kind; format 2 for
// presence only (compact summaries: per stream its time span and a "compacted" flag, see
// PresenceState::summary). Bytes written by 0.1.0 carry no version: the tag first, then the payload in
// little-endian order; they still read. Decoding checks every invariant and throws InvalidState for an
// impossible state.
//   reaction payload: views, positive, negative   (int64 each, >= 0)
//   watch payload:    max_fraction (float8, 0..1), unmarked (int64, >= 0)
//   presence payload: see PresenceState::serialize (format 1) and PresenceState::summary (format 2)
#pragma once
#include "cpp_only.hpp"

#include <string>
#include <string_view>

#include "byte_order.hpp"
#include "metrics.hpp"

namespace ar::summary {

constexpr unsigned char format_version = 1, presence_compact_version = 2;
enum class Kind : char { presence = 'P', reaction = 'R', watch = 'W' };
// The newest format of a kind that this library reads and writes.
constexpr unsigned char newest_version(Kind kind) { return kind == Kind::presence ? presence_compact_version : format_version; }

struct Payload {
    std::string_view bytes;
    ByteOrder order;
    bool legacy;           // written by 0.1.0
    unsigned char version; // 0 (0.1.0), 1 or 2
};

// The payload of `bytes`, which must be a summary of `kind` in one of its formats or in 0.1.0's form.
Payload open(std::string_view bytes, Kind kind);
// Header (version and tag) followed by `payload_size` zero bytes to fill.
std::string with_header(Kind kind, std::size_t payload_size, unsigned char version = format_version);
constexpr std::size_t header_size = 2;

std::string encode(const ReactionTally& t);
std::string encode(const WatchTally& t);
ReactionTally decode_reaction(std::string_view bytes);
WatchTally decode_watch(std::string_view bytes);

} // namespace ar::summary
