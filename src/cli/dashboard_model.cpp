#include "cli/dashboard_model.hpp"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace ar::cli::dashboard {

std::string one_decimal(double value) {
    if (!std::isfinite(value)) return std::string(missing_text);
    // std::round rounds half away from zero; on tenths, so 2.25 → 22.5 → 23. A result of -0 prints as 0.0.
    double tenths = std::round(value * 10);
    if (tenths == 0) tenths = 0;
    return fmt::format("{:.1f}", tenths / 10);
}

std::string minutes_text(double minutes) { return one_decimal(minutes); }

std::string rate_text(const std::optional<double>& rate) {
    if (!rate || !std::isfinite(*rate)) return std::string(missing_text);
    return one_decimal(*rate) + "%";
}

std::string count_text(long long count) { return fmt::format("{}", count); }

namespace {

// Length of the valid UTF-8 sequence at s[i] and its code point, or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte (no overlongs, no surrogates)
    if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
    else if (b0 == 0xE0) len = 3, lo = 0xA0;
    else if (b0 == 0xED) len = 3, hi = 0x9F;
    else if (b0 >= 0xE1 && b0 <= 0xEF) len = 3;
    else if (b0 == 0xF0) len = 4, lo = 0x90;
    else if (b0 == 0xF4) len = 4, hi = 0x8F;
    else if (b0 >= 0xF1 && b0 <= 0xF3) len = 4;
    else return 0;
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = b0 & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
    return len;
}

std::string or_missing(const std::optional<std::string>& value) {
    if (!value) return std::string(missing_text);
    std::string cleaned = clean_text(*value);
    return cleaned.find_first_not_of(' ') == std::string::npos ? std::string(missing_text) : cleaned;
}

} // namespace

std::string clean_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        std::size_t len = utf8_sequence(text, i, cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD for one bad byte
            ++i;
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            out += ' ';
            i += len;
        } else {
            out.append(text.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string display_name(const User& user) {
    if (user.name) {
        std::string name = clean_text(*user.name);
        if (name.find_first_not_of(' ') != std::string::npos) return name;
    }
    return clean_text(user.user_id);
}

std::string period_text(const Period& period) {
    if (period.from && period.to) return clean_text(fmt::format("From {} until {}", *period.from, *period.to));
    if (period.from) return clean_text(fmt::format("From {}", *period.from));
    if (period.to) return clean_text(fmt::format("Until {}", *period.to));
    return "All time";
}

bool has_activity(const Dashboard& d) {
    const Totals& t = d.totals;
    return t.total_minutes != 0 || t.live_minutes != 0 || t.recording_minutes != 0 || t.on_demand_minutes != 0 ||
           t.sessions_viewed != 0 || t.videos_viewed != 0 || t.reactions != 0 || t.chat_messages != 0 ||
           t.poll_responses != 0 || t.qa_threads != 0 || t.attachments != 0 || t.average_engagement ||
           !d.attachments.empty() || !d.sessions.empty() || !d.on_demand.empty();
}

std::vector<Metric> user_details(const User& user) {
    return {{"Role", or_missing(user.role)},
            {"Company", or_missing(user.company)},
            {"Industry", or_missing(user.industry)},
            {"Country", or_missing(user.country)}};
}

std::vector<Metric> headline_metrics(const Totals& t) {
    return {{"Total minutes viewed", minutes_text(t.total_minutes)},
            {"Sessions viewed", count_text(t.sessions_viewed)},
            {"Average live engagement rate", rate_text(t.average_engagement)},
            {"Videos viewed", count_text(t.videos_viewed)}};
}

std::vector<Metric> engagement_metrics(const Totals& t) {
    return {{"Reactions", count_text(t.reactions)},
            {"Chat messages sent", count_text(t.chat_messages)},
            {"Poll responses", count_text(t.poll_responses)},
            {"Q&A threads created", count_text(t.qa_threads)},
            {"Attachments downloaded", count_text(t.attachments)}};
}

std::vector<Share> viewing_split(const Totals& t) {
    return {{"Live", t.live_minutes, minutes_text(t.live_minutes)},
            {"Recordings", t.recording_minutes, minutes_text(t.recording_minutes)},
            {"Content on demand", t.on_demand_minutes, minutes_text(t.on_demand_minutes)}};
}

std::string file_badge(const std::optional<std::string>& file_type) {
    std::string badge;
    if (file_type)
        for (char c : *file_type) {
            if (badge.size() == 4) break;
            if (c >= 'a' && c <= 'z') badge += static_cast<char>(c - 'a' + 'A');
            else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) badge += c;
        }
    return badge.empty() ? "FILE" : badge;
}

Table attachments_table(const Dashboard& d) {
    Table t{fmt::format("Attachments downloaded ({})", d.attachments.size()), "No attachments downloaded in this period.",
            {"Name", "Source"}, {false, false}, {0.55, 0.45}, {}, {}};
    for (auto& a : d.attachments) {
        t.rows.push_back({or_missing(a.name), or_missing(a.source)});
        t.badges.push_back(file_badge(a.file_type));
    }
    return t;
}

Table sessions_table(const Dashboard& d) {
    Table t{fmt::format("Sessions ({})", d.sessions.size()), "No sessions attended in this period.",
            {"Session name", "Minutes viewed", "Engagement rate", "Reactions", "Raised hands", "Attachments downloaded",
             "Chat messages sent", "Polls answered"},
            {false, true, true, true, true, true, true, true},
            {0.23, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11}, {}, {}};
    for (auto& s : d.sessions)
        t.rows.push_back({or_missing(s.name), minutes_text(s.minutes), rate_text(s.engagement), count_text(s.reactions),
                          count_text(s.raised_hands), count_text(s.attachments), count_text(s.chat_messages),
                          count_text(s.polls_answered)});
    return t;
}

Table on_demand_table(const Dashboard& d) {
    Table t{fmt::format("On-demand content ({})", d.on_demand.size()), "No on-demand content viewed in this period.",
            {"Name", "Minutes viewed", "Completion rate"}, {false, true, true}, {0.6, 0.2, 0.2}, {}, {}};
    for (auto& v : d.on_demand) t.rows.push_back({or_missing(v.name), minutes_text(v.minutes), rate_text(v.completion)});
    return t;
}

} // namespace ar::cli::dashboard
