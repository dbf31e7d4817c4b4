#include "cli/platform_headers.hpp"

#include <iterator>

namespace ar::cli {

namespace {

#define AR_WHO(report)                                                                                        \
    {report, "user_id", "User ID"}, {report, "first", "First"}, {report, "last", "Last"},                   \
        {report, "company", "Company"}, {report, "email", "Email"}
#define AR_WHAT_WHERE(report, date_column, date_title)                                                        \
    {report, "category", "Category"}, {report, "action", "Action"}, {report, "label", "Label"},             \
        {report, date_column, date_title}, {report, "content_id", "Content ID"},                             \
        {report, "content_name", "Content Name"}, {report, "content_slug", "Content Slug"}

constexpr PlatformTitle titles[] = {
    // Seed 000: the sitewide activity report.
    AR_WHO("sitewide_activity"), AR_WHAT_WHERE("sitewide_activity", "date", "Date"),
    // Seed 001: the User Activity Exporter.
    AR_WHO("user_activity_export"), AR_WHAT_WHERE("user_activity_export", "date_time", "Date/Time"),
    // Not in seeds 000/001: what the downloads add so that they load back as the same events.
    {"sitewide_activity", "vocabulary", "Vocabulary"}, {"sitewide_activity", "portal", "Portal"},
    {"user_activity_export", "vocabulary", "Vocabulary"}, {"user_activity_export", "portal", "Portal"},
    // Seeds 000/001: the unique users report (tags, and one column per dimension in downloads for people).
    AR_WHO("unique_users"), {"unique_users", "tags", "Tags"}, {"unique_users", "dimensions", "Dimensions"},
    // Seed 002: the Content Actions Log.
    {"content_actions_log", "email", "Email"}, {"content_actions_log", "panorama_name", "Panorama Name"},
    {"content_actions_log", "content_type", "Content Type"}, {"content_actions_log", "content_title", "Content Title"},
    {"content_actions_log", "type", "Type"}, {"content_actions_log", "source", "Source"},
    {"content_actions_log", "timestamp", "Timestamp"},
    {"content_actions_log_json", "content_actions_log_json", "Content Actions Log"},
    // Seed 003: the user analytics dashboard's labels.
    {"user_analytics", "user_name", "User name"}, {"user_analytics", "role", "Role"},
    {"user_analytics", "company", "Company"}, {"user_analytics", "industry", "Industry"},
    {"user_analytics", "country", "Country"}, {"user_analytics", "total_minutes_viewed", "Total minutes viewed"},
    {"user_analytics", "sessions_viewed", "Sessions viewed"},
    {"user_analytics", "average_live_engagement_rate", "Average live engagement rate"},
    {"user_analytics", "videos_viewed", "Videos viewed"}, {"user_analytics", "reactions", "Reactions"},
    {"user_analytics", "chat_messages_sent", "Chat messages sent"}, {"user_analytics", "poll_responses", "Poll responses"},
    {"user_analytics", "qa_threads_created", "Q&A threads created"},
    {"user_analytics", "attachments_downloaded", "Attachments downloaded"},
    {"user_analytics", "live_minutes", "Live (minutes)"}, {"user_analytics", "recording_minutes", "Recordings (minutes)"},
    {"user_analytics", "on_demand_minutes", "Content on demand (minutes)"},
    {"user_attachments", "name", "Name"}, {"user_attachments", "file_type", "File type"},
    {"user_attachments", "source", "Source"},
    {"user_sessions", "session_name", "Session name"}, {"user_sessions", "minutes_viewed", "Minutes viewed"},
    {"user_sessions", "engagement_rate", "Engagement rate"}, {"user_sessions", "reactions", "Reactions"},
    {"user_sessions", "raised_hands", "Raised hands"}, {"user_sessions", "attachments_downloaded", "Attachments downloaded"},
    {"user_sessions", "chat_messages_sent", "Chat messages sent"}, {"user_sessions", "polls_answered", "Polls answered"},
    {"user_on_demand", "name", "Name"}, {"user_on_demand", "minutes_viewed", "Minutes viewed"},
    {"user_on_demand", "completion_rate", "Completion rate"},
    // Seed 004: the collaborative activity downloads.
    {"collaborative_users", "first_name", "First name"}, {"collaborative_users", "last_name", "Last name"},
    {"collaborative_users", "email", "Email"}, {"collaborative_users", "additional_information", "Additional information"},
    {"collaborative_users", "publications", "Publications"}, {"collaborative_users", "comments", "Comments"},
    {"collaborative_users", "reactions", "Reactions"},
    {"collaborative_groups", "name", "Name"}, {"collaborative_groups", "publications", "Publications"},
    {"collaborative_groups", "comments", "Comments"}, {"collaborative_groups", "reactions", "Reactions"},
    {"course_activity_engagement", "title", "Title"}, {"course_activity_engagement", "views", "Views"},
    {"course_activity_engagement", "likes", "Likes"}, {"course_activity_engagement", "learned_something", "Learned something"},
    {"course_activity_engagement", "outdated", "Outdated"}, {"course_activity_engagement", "have_a_question", "Have a question"},
    {"course_activity_engagement", "comments", "Comments"}, {"course_activity_engagement", "downloads", "Downloads"},
    {"course_activity_engagement", "type", "Type"},
    {"collaborative_courses", "course_name", "Course Name"}, {"collaborative_courses", "course_id", "Course ID"},
    {"collaborative_courses", "author", "Author"}, {"collaborative_courses", "co_authors", "Co-authors"},
    {"collaborative_courses", "views", "Views"}, {"collaborative_courses", "status", "Status"},
    {"collaborative_courses", "creation_date", "Creation date"}, {"collaborative_courses", "last_update", "Last update"},
    {"collaborative_courses", "reaction_score", "Reaction Score"}, {"collaborative_courses", "likes", "Likes"},
    {"collaborative_courses", "learned_something", "Learned something"}, {"collaborative_courses", "outdated", "Outdated"},
    {"collaborative_courses", "have_a_question", "Have a question"}, {"collaborative_courses", "useful", "Useful"},
    {"collaborative_courses", "irrelevant", "Irrelevant"}, {"collaborative_courses", "documents", "Documents"},
    {"collaborative_courses", "cheat_sheets", "Cheat sheets"}, {"collaborative_courses", "questions", "Questions"},
    {"collaborative_courses", "source_language", "Source language"},
    {"collaborative_courses", "available_translation_languages", "Available translation languages"},
    {"collaborative_courses", "unavailable_translation_languages", "Unavailable translation languages"},
    {"collaborative_courses", "tags", "Tags"}, {"collaborative_courses", "group", "Group"},
    // Not in the seed (360Learning shows the band as the score's colour).
    {"collaborative_courses", "reaction_band", "Reaction band"},
};

#undef AR_WHO
#undef AR_WHAT_WHERE

} // namespace

std::span<const PlatformTitle> platform_titles() { return titles; }

std::string platform_title(std::string_view report, std::string_view column) {
    for (auto& t : titles)
        if (t.report == report && t.column == column) return std::string(t.title);
    std::string readable(column);
    for (char& c : readable)
        if (c == '_') c = ' ';
    if (!readable.empty() && readable[0] >= 'a' && readable[0] <= 'z') readable[0] = static_cast<char>(readable[0] - 'a' + 'A');
    return readable;
}

} // namespace ar::cli
