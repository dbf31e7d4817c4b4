// Seed 003's user analytics dashboard as data: what the four SQL reports (user_analytics, user_sessions,
// user_on_demand, user_attachments) return for one user and time range, and the text every renderer
// (HTML, PDF) shows for it: labels in the seed's words, numbers rounded to one decimal. Pure C++: no
// PostgreSQL, no cairo. The seed's item numbers (1)-(28) are noted where each value comes from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ar::cli::dashboard {

struct User {
    std::string user_id;
    std::optional<std::string> name, role, company, industry, country;  // (1), (2)
};

// user_analytics: one row.
struct Totals {
    double total_minutes = 0;                  // (3)
    long long sessions_viewed = 0;             // (4)
    std::optional<double> average_engagement;  // (5), percent; none without a live session with a known window
    long long videos_viewed = 0;               // (6)
    long long reactions = 0, chat_messages = 0, poll_responses = 0, qa_threads = 0, attachments = 0;  // (7)-(11)
    double live_minutes = 0, recording_minutes = 0, on_demand_minutes = 0;                           // (12)-(14)
};

struct Attachment {  // user_attachments: (16), (17)
    std::optional<std::string> name, file_type, source;
};

struct Session {  // user_sessions: (18)-(25)
    std::optional<std::string> name;
    double minutes = 0;
    std::optional<double> engagement;
    long long reactions = 0, raised_hands = 0, attachments = 0, chat_messages = 0, polls_answered = 0;
};

struct OnDemand {  // user_on_demand: (26)-(28)
    std::optional<std::string> name;
    double minutes = 0;
    std::optional<double> completion;  // percent
};

// The half-open range [from, to) as shown (ISO 8601 from the server); nullopt = unbounded.
struct Period {
    std::optional<std::string> from, to;
};

struct Dashboard {
    User user;
    Period period;
    Totals totals;
    std::vector<Attachment> attachments;
    std::vector<Session> sessions;
    std::vector<OnDemand> on_demand;
};

// --- Formatting (design §11: one decimal in downloads made for people, never in SQL) ---

// One decimal, half away from zero ("2.25" → "2.3"); -0.04 → "0.0"; a non-finite value → "–".
std::string one_decimal(double value);
std::string minutes_text(double minutes);                // "94.0"
std::string rate_text(const std::optional<double>& rate);  // "58.3%", "–" when there is none
std::string count_text(long long count);                 // "12"

// Valid UTF-8 without control characters: invalid bytes become U+FFFD, controls (C0, DEL, C1) a space.
std::string clean_text(std::string_view text);

constexpr std::string_view missing_text = "–";  // a detail, name or rate that is not known

std::string display_name(const User& user);  // (1): the name, else the user ID
std::string period_text(const Period& period);  // "All time", "From A until B", "From A", "Until B"

// True when the user did anything the dashboard shows in the period; false gets the "no activity" notice.
bool has_activity(const Dashboard& d);

struct Metric {
    std::string label, value;
};
std::vector<Metric> user_details(const User& user);          // (2): Role, Company, Industry, Country
std::vector<Metric> headline_metrics(const Totals& totals);   // (3)-(6)
std::vector<Metric> engagement_metrics(const Totals& totals); // (7)-(11)

struct Share {
    std::string label;
    double minutes;
    std::string value;  // minutes_text(minutes)
};
std::vector<Share> viewing_split(const Totals& totals);  // (12)-(14): Live, Recordings, Content on demand

// A table of the document: column titles, which are numbers (right-aligned), and the rows' cell texts.
struct Table {
    std::string title;          // with the row count, e.g. "Sessions (2)"
    std::string empty_text;     // shown instead of the table when there are no rows
    std::vector<std::string> columns;
    std::vector<bool> numeric;
    std::vector<double> widths;  // shares of the page width, summing to 1
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> badges;  // per row, an icon label before the first cell (attachments), else empty
};
Table attachments_table(const Dashboard& d);  // (15)-(17)
Table sessions_table(const Dashboard& d);     // (18)-(25)
Table on_demand_table(const Dashboard& d);    // (26)-(28)

// The label of an attachment's type for its icon: the extension upper-cased (at most 4 letters), or "FILE".
std::string file_badge(const std::optional<std::string>& file_type);

// Section titles shared by the renderers.
constexpr std::string_view title_kicker = "User analytics";
constexpr std::string_view title_headline = "Key metrics";
constexpr std::string_view title_engagement = "Engagement";
constexpr std::string_view title_split = "Viewing time by content type (minutes)";
constexpr std::string_view no_activity_text = "No activity in this period: nothing viewed, no interactions, no downloads.";

} // namespace ar::cli::dashboard
