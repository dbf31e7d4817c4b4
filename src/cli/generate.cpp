// Synthetic data generator: see generate.hpp. Every event is built from a pattern of the seeded taxonomy
// (src/sql/11_seed_taxonomy.sql, docs/taxonomy.md) with placeholder values of the right type, so a load with
// activity_report.on_invalid = error accepts all of them (test/generate_valid.sh proves it against a server).
//
// Determinism: one xoshiro256** stream seeded through splitmix64, integer ranges mapped by multiply-shift,
// no floating point in any decision, no std distributions, no hash containers: the same (seed, events) gives
// byte-identical output on every platform.
#include "cli/generate.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace ar::cli {
namespace {

using std::int64_t;
using std::string_view;
using std::uint32_t;
using std::uint64_t;

// ---------------------------------------------------------------------------------------------------------
// Random numbers

class Rng {
public:
    explicit Rng(uint64_t seed) {
        uint64_t x = seed;
        for (auto& v : s_) v = splitmix(x);
    }
    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in [0, n) for n <= 2^32 (multiply-shift on the high 32 bits; bias < 2^-32 * n, irrelevant here).
    uint32_t below(uint64_t n) { return n == 0 ? 0 : static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
    // Uniform in [lo, hi); hi - lo <= 2^32.
    int64_t between(int64_t lo, int64_t hi) { return hi <= lo ? lo : lo + below(static_cast<uint64_t>(hi - lo)); }
    bool chance(uint32_t percent) { return below(100) < percent; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& a) { return a[below(N)]; }
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static uint64_t splitmix(uint64_t& x) {
        uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    uint64_t s_[4];
};

// ---------------------------------------------------------------------------------------------------------
// Time: seconds since the Unix epoch, UTC. civil <-> days after H. Hinnant's algorithms.

constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

constexpr int64_t kDay = 86400;
constexpr int64_t kHour = 3600;
constexpr int64_t kMinute = 60;
constexpr int64_t kBase = days_from_civil(2026, 3, 2) * kDay;  // Monday 2026-03-02 00:00:00+00
constexpr int64_t kSpanDays = 28;                               // events happen over four weeks

void put2(std::string& out, unsigned v) {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
}

// Appends "2026-03-10 09:00:00+00".
void put_timestamp(std::string& out, int64_t t) {
    int64_t days = t >= 0 ? t / kDay : (t - kDay + 1) / kDay;
    int64_t secs = t - days * kDay;
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    const unsigned yy = static_cast<unsigned>(y);
    put2(out, yy / 100);
    put2(out, yy % 100);
    out += '-';
    put2(out, m);
    out += '-';
    put2(out, d);
    out += ' ';
    put2(out, static_cast<unsigned>(secs / kHour));
    out += ':';
    put2(out, static_cast<unsigned>(secs % kHour / kMinute));
    out += ':';
    put2(out, static_cast<unsigned>(secs % kMinute));
    out += "+00";
}

// Appends an interval "HH:MM:SS".
void put_duration(std::string& out, int64_t secs) {
    fmt::format_to(std::back_inserter(out), "{:02}:{:02}:{:02}", secs / kHour, secs % kHour / kMinute,
                   secs % kMinute);
}

// Appends one CSV field, quoted (RFC 4180) only when it must be. An empty field is NULL for COPY.
void put_field(std::string& out, string_view v) {
    bool quote = false;
    for (char c : v) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(v);
        return;
    }
    out += '"';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary of the fake world

template <std::size_t N>
using Words = std::array<string_view, N>;

constexpr Words<3> kPortals = {"Acme Academy", "Globex University", "Initech Learning"};

constexpr Words<48> kFirstNames = {
    "Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Edsger", "Barbara", "Donald", "Frances",
    "Ken", "Radia", "Dennis", "Hedy", "John", "Shafi", "Tim", "Sophie", "Guido", "Anita",
    "Bjarne", "Mary", "Niklaus", "Karen", "Leslie", "Lynn", "Yukihiro", "Annie", "James", "Evelyn",
    "Vint", "Jean", "Bob", "Carol", "Ivan", "Adele", "Fernando", "Ruth", "Chen", "Priya",
    "Amara", "Mateo", "Ingrid", "Kwame", "Yuki", "Olga", "Rafael", "Zainab"};
constexpr Words<48> kLastNames = {
    "Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Dijkstra", "Liskov", "Knuth", "Allen",
    "Thompson", "Perlman", "Ritchie", "Lamarr", "McCarthy", "Goldwasser", "Berners-Lee", "Wilson", "van Rossum",
    "Borg", "Stroustrup", "Keller", "Wirth", "Spärck Jones", "Lamport", "Conway", "Matsumoto", "Easley",
    "Gosling", "Berezin", "Cerf", "Bartik", "Kahn", "Shaw", "Sutherland", "Goldberg", "Corbató", "Teitelbaum",
    "Wei", "Raman", "Okafor", "García", "Larsen", "Mensah", "Tanaka", "Ivanova", "Ortiz", "Haddad"};
constexpr Words<16> kCompanies = {
    "Analytical Engines", "Northwind Traders", "Contoso", "Fabrikam", "Tailspin Toys", "Wide World Importers",
    "Litware", "Adventure Works", "Proseware", "Woodgrove Bank", "Lucerne Publishing", "Blue Yonder Airlines",
    "Coho Winery", "Fourth Coffee", "Margie's Travel", "Alpine Ski House"};
constexpr Words<16> kDomains = {
    "analytical.example", "northwind.example", "contoso.example", "fabrikam.example", "tailspin.example",
    "wideworld.example", "litware.example", "adventure-works.example", "proseware.example", "woodgrove.example",
    "lucerne.example", "blueyonder.example", "coho.example", "fourthcoffee.example", "margies.example",
    "alpineski.example"};
constexpr Words<10> kIndustries = {"Computing", "Healthcare", "Finance", "Education", "Retail",
                                   "Manufacturing", "Aerospace", "Energy", "Media", "Public sector"};
constexpr Words<12> kCountries = {"United States", "United Kingdom", "France", "Germany", "Canada", "India",
                                  "Brazil", "Japan", "Nigeria", "Spain", "Australia", "Netherlands"};
constexpr Words<6> kUserRoles = {"Attendee", "Attendee", "Learner", "Learner", "Speaker", "Sponsor"};
constexpr Words<6> kUserTags = {"{}", "{}", "{}", "{vip}", "{speaker,vip}", "{early-bird}"};

constexpr Words<24> kTopics = {
    "Compilers", "Data Pipelines", "Cloud Security", "Machine Learning", "Kubernetes", "Observability",
    "Product Strategy", "Design Systems", "Accessibility", "Leadership", "Onboarding", "Sales Enablement",
    "Customer Success", "Privacy & GDPR", "Data, AI and Ethics", "Remote Teams", "Public Speaking",
    "PostgreSQL Tuning", "Incident Response", "Negotiation", "Budgeting", "UX Research", "Agile Coaching",
    "Sustainability"};
constexpr Words<24> kTopicSlugs = {
    "compilers", "data-pipelines", "cloud-security", "machine-learning", "kubernetes", "observability",
    "product-strategy", "design-systems", "accessibility", "leadership", "onboarding", "sales-enablement",
    "customer-success", "privacy-gdpr", "data-ai-ethics", "remote-teams", "public-speaking",
    "postgresql-tuning", "incident-response", "negotiation", "budgeting", "ux-research", "agile-coaching",
    "sustainability"};
constexpr Words<6> kSessionFormats = {"Keynote: {}", "Panel: {}", "Workshop - {}", "{} Q&A",
                                      "Fireside chat on {}", "\"{}\" in practice"};
constexpr Words<5> kVideoFormats = {"Intro to {}", "{} in 10 minutes", "{}: deep dive", "{} explained",
                                    "Case study: {}"};
constexpr Words<4> kCourseFormats = {"{} 101", "Mastering {}", "{} for managers", "{} certification track"};
constexpr Words<6> kLessonTitles = {"Getting started", "Core concepts", "Hands-on lab", "Common pitfalls",
                                    "Going further", "Final assessment"};
constexpr Words<3> kActivityTypes = {"Document", "Cheat Sheet", "Question"};
constexpr Words<6> kActivityTitles = {"Reference guide", "Cheat sheet", "Quiz", "Checklist", "Glossary",
                                      "Self-assessment"};
constexpr Words<12> kGroupNames = {"Sales EMEA", "Sales Americas", "Engineering", "Customer Success", "Marketing",
                                   "Finance", "New hires", "Managers", "Partners", "Support", "Operations",
                                   "Product"};
constexpr Words<4> kLanguages = {"en", "fr", "de", "es"};

constexpr Words<16> kChat = {
    "Hello from London!", "Hi everyone", "Can you share the slides?", "Great point, thanks",
    "Audio is a bit choppy", "Greetings from Lagos, Nigeria", "+1 to that question", "Love this demo",
    "Is this being recorded?", "Thanks, very clear", "Where can I find the \"starter kit\"?",
    "Good morning from Tokyo", "Could you zoom in on the diagram?", "Agreed 100%", "brb", "Amazing session!"};
constexpr Words<6> kEmoji = {"Love", "Clap", "Thumbs up", "Laugh", "Wow", "Celebrate"};
constexpr Words<10> kQuestions = {
    "How does this scale to 10M rows?", "What tools do you recommend for beginners?",
    "Will the recording be available?", "How do you measure success, exactly?",
    "Any tips for small teams?", "How does this compare with last year's approach?",
    "Can you elaborate on the second slide?", "What about data privacy?", "Is there a free tier?",
    "Where do we start on Monday?"};
constexpr Words<6> kPollQuestions = {"Which language do you use most", "How long have you worked here",
                                     "Favourite feature", "Team size", "Would you recommend this session",
                                     "Preferred format"};
constexpr Words<4> kPollAnswers[6] = {
    Words<4>{"Python", "C++", "SQL", "Go"},
    Words<4>{"Less than a year", "1-3 years", "3-5 years", "More than 5 years"},
    Words<4>{"Dashboards", "Exports", "Alerts", "Integrations"},
    Words<4>{"1-5", "6-20", "21-100", "100+"},
    Words<4>{"Yes", "No", "Maybe", "Definitely"},
    Words<4>{"Live", "On demand", "In person", "Hybrid"}};
constexpr Words<8> kAttachments = {"slides.pdf",  "workbook.xlsx", "checklist.docx", "handout.pdf",
                                   "diagram.png", "notes.txt",     "sample-data.csv", "templates.zip"};
constexpr Words<8> kReviews = {"Inspiring", "Very practical, thanks", "Too short", "Great speaker",
                               "Loved the demos", "A bit basic for me", "Exactly what I needed",
                               "Good, but audio issues"};
constexpr Words<10> kComments = {
    "Very helpful, thanks!", "Could you add more examples?", "The second part was the best",
    "I have a question about slide 4", "Bookmarked for later", "Clear and concise",
    "Shared with my team", "The link in the description is broken", "Great, more like this please",
    "Is there a follow-up?"};
constexpr Words<10> kPosts = {
    "Slides are up!", "Who is going to the workshop tomorrow?", "Sharing my notes from today",
    "Looking for a mentor on data topics", "Welcome to all the new hires!", "Reminder: survey closes Friday",
    "Any good books on leadership?", "Just finished the certification, yay", "Who has the rotor settings?",
    "Tips for remote onboarding, anyone?"};
constexpr Words<8> kReplies = {"Check page 3", "Count me in", "Thanks for sharing!", "Congrats!",
                               "Same question here", "Try the cheat sheet, it helps", "Great idea",
                               "I can help, DM me"};
constexpr Words<7> kReactionNames = {"Like", "Like", "Learned something", "Learned something", "Useful",
                                     "Outdated", "Have a question"};
constexpr Words<3> kReactionNamesRare = {"Not useful", "Irrelevant", "Useful"};
constexpr Words<5> kReports = {"Sitewide Activity", "User Activity Export", "Content Engagement",
                               "Session Attendance", "Leads"};
constexpr Words<5> kAdminTabs = {"Content", "Users", "Settings", "Analytics", "Design"};
constexpr Words<6> kNotifications = {"Your session starts in 15 minutes", "New reply to your post",
                                     "Ada Lovelace sent you a message", "New content in your track",
                                     "Your certificate is ready", "Reminder: complete your profile"};
constexpr Words<5> kTopicsForum = {"Introductions", "Study group", "Exam tips", "Tooling", "Off topic"};
constexpr Words<5> kTags = {"question", "tip", "announcement", "resources", "feedback"};
constexpr Words<4> kUploads = {"avatar.png", "resume.pdf", "portfolio.pdf", "headshot.jpg"};
constexpr Words<5> kAnswers = {"42", "Yes", "Use an index", "The second option", "Latency"};
constexpr Words<4> kTracks = {"Beginner track", "Leadership track", "Data track", "Partner track"};
constexpr Words<6> kModules = {"Agenda", "Speakers", "Sponsors", "Lobby", "Networking", "Resources"};
constexpr Words<5> kPages = {"/main/agenda", "/main/lobby", "/main/speakers", "/main/sponsors", "/main/help"};
constexpr Words<4> kExternal = {"https://example.com/docs", "https://www.postgresql.org/docs/15/",
                                "https://example.org/blog/launch", "https://status.example.net/"};

// content_actions sources per Type (seed 002), first the common ones, repeated for weight.
constexpr Words<26> kEnrollmentSources = {
    "course_purchase", "course_purchase", "course_purchase", "manager_course_enrollment",
    "manager_course_enrollment", "subscription_access", "subscription_access", "registration", "sso", "sso",
    "client_access", "license_access", "public", "collection_purchase", "a_la_carte_collection_purchase",
    "subscription_purchase", "gift-course-purchase", "gift_collection_purchase", "manager_created_user",
    "manager_bulk_user_creation", "redemption_code", "gift_redemption_code", "registration_code",
    "learning_path_access", "balance_redemption", "salesforce_provision"};
constexpr Words<3> kEnrollmentSourcesRare = {"reschedule", "scorm_connect", "public"};
constexpr Words<6> kStartedSources = {"course_started", "course_started", "course_started",
                                      "manager_change_started", "manager_grant_started", "scorm_started"};
constexpr Words<6> kCompletedSources = {"course_completed", "course_completed", "course_completed",
                                        "course_completed", "manager_change_completed", "manager_grant_completed"};
constexpr Words<7> kOtherStatusSources = {"manager_change_not_started", "recertify_learning_path",
                                          "recertify_course", "manager_changed_status", "manager_grant_not_started",
                                          "enrollment", "webinar_attended"};
constexpr Words<8> kCertificateSources = {"course_completed", "course_completed", "course_completed", "passed_exam",
                                          "manager_grant", "api", "course_purchase", "manager_change_completed"};
constexpr Words<2> kCertificateSourcesRare = {"collection_purchase", "manager_course_enrollment"};
constexpr Words<9> kRevokedSources = {"access_expiration", "course_deletion", "manager_revoked_access",
                                      "client_revoked_access", "manager_course_enrollment", "sso", "reschedule",
                                      "manager_bulk_user_creation", "license_deletion"};

// ---------------------------------------------------------------------------------------------------------
// The world

enum class Kind : std::uint8_t {
    Session, Breakout, Meeting, InPerson, Video, Course, Lesson, Activity, LearningPath
};

struct Content {
    Kind kind;
    string_view type;       // content_types row
    std::string id, name, slug, exporter_category, video_ref;
    int parent = -1;
    int group = -1;
    int64_t starts = 0, ends = 0, duration = 0;  // window and length (seconds), 0 = none
    int64_t created = 0;
    unsigned number = 0;    // 1-based index among the contents
    unsigned portal = 0;
    unsigned author = 0;    // user index
    string_view status = "Active";
    std::vector<unsigned> children;
};

struct User {
    std::string id;
    unsigned first, last, company, portal, group = 0;
};

struct Group {
    std::string id, name;
    int parent = -1;
    unsigned portal;
    std::vector<unsigned> members;   // user indices, increasing
    std::vector<string_view> roles;  // role of each member
};

constexpr string_view kExporter = "activity_exporter";
constexpr string_view kPlatform = "event_platform";
constexpr string_view kActions = "content_actions";
constexpr string_view kCollab = "collaborative";
constexpr string_view kNA = "N/A";

class Generator {
public:
    Generator(const GenerateOptions& o, TableSink& sink) : opt_(o), sink_(sink), rng_(o.seed) {
        buf_.reserve(512);
        scratch_.reserve(256);
        scratch2_.reserve(256);
        seed_text_ = fmt::format("{}", o.seed);
    }

    void run() {
        build_users();
        build_groups();
        build_contents();
        write_users();
        write_contents();
        write_groups();
        write_members();
        write_events();
    }

private:
    static constexpr unsigned P = kPortals.size();

    const GenerateOptions& opt_;
    TableSink& sink_;
    Rng rng_;
    std::string seed_text_;
    std::string buf_, scratch_, scratch2_, scratch3_;
    std::vector<User> users_;
    std::vector<Group> groups_;
    std::vector<Content> contents_;
    std::vector<unsigned> live_[P], inperson_[P], videos_[P], courses_[P], paths_[P], groups_by_portal_[P];
    uint64_t emitted_ = 0;

    // -- dimensions -------------------------------------------------------------------------------------

    void build_users() {
        const uint64_t n = std::max<uint64_t>(20, opt_.events / 500);
        users_.resize(n);
        for (uint64_t i = 0; i < n; ++i) {
            User& u = users_[i];
            u.id = fmt::format("g{}-u{}", opt_.seed, i + 1);
            u.first = rng_.below(kFirstNames.size());
            u.last = rng_.below(kLastNames.size());
            u.company = rng_.below(kCompanies.size());
            u.portal = static_cast<unsigned>(i % P);
        }
    }

    void build_groups() {
        const uint64_t n = std::max<uint64_t>(2 * P, users_.size() / 25);
        groups_.resize(n);
        for (uint64_t g = 0; g < n; ++g) {
            Group& gr = groups_[g];
            gr.id = fmt::format("g{}-g{}", opt_.seed, g + 1);
            gr.portal = static_cast<unsigned>(g % P);
            if (g < P) {
                gr.name = fmt::format("All of {}", kPortals[g]);
            } else {
                gr.name = fmt::format("{} {}", kGroupNames[(g - P) % kGroupNames.size()], (g - P) / P + 1);
                gr.parent = static_cast<int>(g % P);
            }
            groups_by_portal_[gr.portal].push_back(static_cast<unsigned>(g));
        }
        // Every user is a member of one team of their portal (or of the portal-wide group), a few of a second.
        std::vector<std::vector<std::pair<unsigned, string_view>>> pending(n);
        for (unsigned u = 0; u < users_.size(); ++u) {
            const auto& mine = groups_by_portal_[users_[u].portal];
            const unsigned g = rng_.pick(mine);
            const unsigned r = rng_.below(100);
            pending[g].emplace_back(u, r < 88 ? "learner" : r < 94 ? "contributor" : r < 98 ? "editor" : "admin");
            users_[u].group = g;
            if (mine.size() > 1 && rng_.chance(12)) {
                unsigned g2 = rng_.pick(mine);
                if (g2 == g) g2 = mine[(std::find(mine.begin(), mine.end(), g) - mine.begin() + 1) % mine.size()];
                pending[g2].emplace_back(u, rng_.chance(80) ? "learner" : "editor");
            }
        }
        for (uint64_t g = 0; g < n; ++g) {
            for (auto& [u, role] : pending[g]) {
                groups_[g].members.push_back(u);
                groups_[g].roles.push_back(role);
            }
        }
    }

    Content& add_content(Kind kind, string_view type, unsigned portal) {
        Content& c = contents_.emplace_back();
        c.kind = kind;
        c.type = type;
        c.number = static_cast<unsigned>(contents_.size());
        c.id = fmt::format("g{}-c{}", opt_.seed, c.number);
        c.portal = portal;
        c.exporter_category = fmt::format("Content - {}", type);
        c.author = portal + P * rng_.below((users_.size() - portal + P - 1) / P);
        const unsigned s = rng_.below(100);
        c.status = s < 92 ? "Active" : s < 98 ? "Archived" : "Deleted";
        c.created = kBase - rng_.between(30 * kDay, 400 * kDay);
        return c;
    }

    unsigned last_index() const { return static_cast<unsigned>(contents_.size() - 1); }

    void build_contents() {
        const uint64_t total = std::max<uint64_t>(10, opt_.events / 2000);
        const uint64_t sessions = std::max<uint64_t>(3 * P, total * 35 / 100 / P * P);
        const uint64_t videos = std::max<uint64_t>(P, total * 25 / 100 / P * P);
        const uint64_t courses = std::max<uint64_t>(P, total * 35 / 100 / 6 / P * P);
        const uint64_t paths = std::max<uint64_t>(P, total * 5 / 100 / P * P);
        contents_.reserve(sessions * 2 + videos + courses * 8 + paths);
        static constexpr std::array<int64_t, 4> lengths = {30 * kMinute, 45 * kMinute, kHour, 90 * kMinute};
        for (uint64_t i = 0; i < sessions; ++i) {
            const unsigned p = static_cast<unsigned>(i % P);
            const bool in_person = (i / P) % 8 == 1;  // every portal has live and in-person sessions
            Content& s = add_content(in_person ? Kind::InPerson : Kind::Session,
                                     in_person ? "IRLSession" : "OTSession", p);
            const unsigned topic = rng_.below(kTopics.size());
            s.name = fmt::format(fmt::runtime(rng_.pick(kSessionFormats)), kTopics[topic]);
            s.slug = fmt::format("/main/live/{}/{}-{}", in_person ? "venue" : "panels", kTopicSlugs[topic], s.number);
            s.starts = kBase + rng_.between(0, kSpanDays) * kDay + rng_.between(8, 19) * kHour +
                       rng_.below(4) * 15 * kMinute;
            s.duration = rng_.pick(lengths);
            s.ends = s.starts + s.duration;
            const unsigned si = last_index();
            (in_person ? inperson_ : live_)[p].push_back(si);
            if (in_person) continue;
            // Breakouts within the window, one-on-one meetings after it.
            const unsigned r = rng_.below(100);
            const unsigned breakouts = r < 15 ? 1 + rng_.below(2) : 0;
            for (unsigned b = 0; b < breakouts; ++b) {
                const Content parent = contents_[si];  // copy: emplace_back may reallocate
                Content& c = add_content(Kind::Breakout, "BreakoutOTSession", p);
                c.parent = static_cast<int>(si);
                c.name = fmt::format("Breakout {} of {}", b + 1, parent.name);
                c.slug = fmt::format("{}/breakout-{}", parent.slug, b + 1);
                c.starts = parent.starts + 10 * kMinute;
                c.duration = std::min<int64_t>(20 * kMinute, parent.duration - 15 * kMinute);
                c.ends = c.starts + c.duration;
                contents_[si].children.push_back(last_index());
                live_[p].push_back(last_index());
            }
            if (r >= 90) {
                const Content parent = contents_[si];
                Content& c = add_content(Kind::Meeting, "GroupOTSession", p);
                c.parent = static_cast<int>(si);
                c.name = fmt::format("1-1 follow-up: {}", parent.name);
                c.slug = fmt::format("{}/meeting-{}", parent.slug, c.number);
                c.starts = parent.ends + 15 * kMinute;
                c.duration = 30 * kMinute;
                c.ends = c.starts + c.duration;
                contents_[si].children.push_back(last_index());
                live_[p].push_back(last_index());
            }
        }
        for (uint64_t i = 0; i < videos; ++i) {
            const unsigned p = static_cast<unsigned>(i % P);
            Content& v = add_content(Kind::Video, "video", p);
            const unsigned topic = rng_.below(kTopics.size());
            v.name = fmt::format(fmt::runtime(rng_.pick(kVideoFormats)), kTopics[topic]);
            v.slug = fmt::format("/main/videos/{}-{}", kTopicSlugs[topic], v.number);
            v.duration = rng_.between(2, 46) * kMinute + rng_.below(60);
            // The player's reference: YouTube-like ID, Vimeo / Brightcove numbers, Video JS file.
            static constexpr string_view alphabet =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            switch (v.number % 4) {
                case 0:
                    for (int k = 0; k < 11; ++k) v.video_ref += alphabet[rng_.below(64)];
                    break;
                case 1: v.video_ref = fmt::format("{}", 100000000 + rng_.below(800000000)); break;
                case 2: v.video_ref = fmt::format("63{:011}", rng_.next() % 100000000000ULL); break;
                default: v.video_ref = fmt::format("{}-{}.mp4", kTopicSlugs[topic], v.number); break;
            }
            videos_[p].push_back(last_index());
        }
        for (uint64_t i = 0; i < courses; ++i) {
            const unsigned p = static_cast<unsigned>(i % P);
            Content& c = add_content(Kind::Course, "Course", p);
            const unsigned topic = rng_.below(kTopics.size());
            c.name = fmt::format(fmt::runtime(rng_.pick(kCourseFormats)), kTopics[topic]);
            c.slug = fmt::format("/courses/{}-{}", kTopicSlugs[topic], c.number);
            c.group = static_cast<int>(rng_.pick(groups_by_portal_[p]));
            const unsigned ci = last_index();
            courses_[p].push_back(ci);
            const unsigned lessons = 2 + rng_.below(3);
            for (unsigned l = 0; l < lessons; ++l) {
                const Content course = contents_[ci];
                Content& x = add_content(Kind::Lesson, "Lesson", p);
                x.parent = static_cast<int>(ci);
                x.group = course.group;
                x.status = course.status;
                x.name = fmt::format("{}. {}", l + 1, kLessonTitles[l]);
                x.slug = fmt::format("{}/lessons/{}", course.slug, l + 1);
                x.duration = rng_.between(4, 20) * kMinute;
                contents_[ci].children.push_back(last_index());
            }
            const unsigned activities = 2 + rng_.below(3);
            for (unsigned a = 0; a < activities; ++a) {
                const Content course = contents_[ci];
                const string_view type = rng_.pick(kActivityTypes);
                Content& x = add_content(Kind::Activity, type, p);
                x.parent = static_cast<int>(ci);
                x.group = course.group;
                x.name = fmt::format("{} {}", kActivityTitles[rng_.below(kActivityTitles.size())], a + 1);
                x.slug = fmt::format("{}/activities/{}", course.slug, a + 1);
                contents_[ci].children.push_back(last_index());
            }
        }
        for (uint64_t i = 0; i < paths; ++i) {
            const unsigned p = static_cast<unsigned>(i % P);
            Content& c = add_content(Kind::LearningPath, "learning_path", p);
            c.name = fmt::format("{} path", kTopics[rng_.below(kTopics.size())]);
            c.slug = fmt::format("/paths/path-{}", c.number);
            paths_[p].push_back(last_index());
        }
    }

    void write_users() {
        sink_.begin("users",
                    "user_id,first_name,last_name,company,email,role,industry,country,additional_information,"
                    "tags,portal,deleted");
        for (const User& u : users_) {
            buf_.clear();
            buf_ += u.id;
            buf_ += ',';
            put_field(buf_, kFirstNames[u.first]);
            buf_ += ',';
            put_field(buf_, kLastNames[u.last]);
            buf_ += ',';
            put_field(buf_, kCompanies[u.company]);
            buf_ += ',';
            scratch_.clear();
            for (string_view part : {kFirstNames[u.first], string_view("."), kLastNames[u.last]})
                for (char ch : part)
                    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '.' || ch == '-')
                        scratch_ += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
            fmt::format_to(std::back_inserter(buf_), "{}.{}@{}", scratch_, u.id, kDomains[u.company]);
            buf_ += ',';
            buf_ += rng_.pick(kUserRoles);
            buf_ += ',';
            buf_ += rng_.pick(kIndustries);
            buf_ += ',';
            buf_ += rng_.pick(kCountries);
            buf_ += ',';
            const unsigned r = rng_.below(3);
            if (r == 0) fmt::format_to(std::back_inserter(buf_), "Cohort {}", 1 + rng_.below(6));
            else if (r == 1) fmt::format_to(std::back_inserter(buf_), "Employee ID {}", 10000 + rng_.below(90000));
            buf_ += ',';
            put_field(buf_, rng_.pick(kUserTags));
            buf_ += ',';
            buf_ += kPortals[u.portal];
            buf_ += rng_.chance(2) ? ",true" : ",false";
            sink_.row(buf_);
        }
        sink_.end();
    }

    void write_contents() {
        sink_.begin("contents",
                    "content_id,content_type,name,slug,parent_id,starts_at,ends_at,duration,status,author,"
                    "co_authors,group_id,source_language,available_languages,tags,portal,created_at,updated_at");
        for (const Content& c : contents_) {
            buf_.clear();
            buf_ += c.id;
            buf_ += ',';
            buf_ += c.type;
            buf_ += ',';
            put_field(buf_, c.name);
            buf_ += ',';
            put_field(buf_, c.slug);
            buf_ += ',';
            if (c.parent >= 0) buf_ += contents_[c.parent].id;
            buf_ += ',';
            if (c.starts) put_timestamp(buf_, c.starts);
            buf_ += ',';
            if (c.ends) put_timestamp(buf_, c.ends);
            buf_ += ',';
            if (c.duration) put_duration(buf_, c.duration);
            buf_ += ',';
            buf_ += c.status;
            buf_ += ',';
            const User& a = users_[c.author];
            fmt::format_to(std::back_inserter(buf_), "{} {}", kFirstNames[a.first], kLastNames[a.last]);
            buf_ += ',';
            if (c.kind == Kind::Course && rng_.chance(40)) {
                const User& co = users_[rng_.below(users_.size())];
                scratch_ = fmt::format("{{\"{} {}\"}}", kFirstNames[co.first], kLastNames[co.last]);
                put_field(buf_, scratch_);
            } else {
                buf_ += "{}";
            }
            buf_ += ',';
            if (c.group >= 0) buf_ += groups_[c.group].id;
            buf_ += ',';
            if (c.kind == Kind::Course) {
                buf_ += rng_.pick(kLanguages);
                buf_ += rng_.chance(30) ? ",\"{fr,de}\"," : ",{},";
                buf_ += rng_.chance(50) ? "{onboarding}" : "\"{skills,certification}\"";
            } else {
                buf_ += ",{},{}";
            }
            buf_ += ',';
            buf_ += kPortals[c.portal];
            buf_ += ',';
            put_timestamp(buf_, c.created);
            buf_ += ',';
            put_timestamp(buf_, c.created + rng_.between(0, 20 * kDay));
            sink_.row(buf_);
        }
        sink_.end();
    }

    void write_groups() {
        sink_.begin("groups", "group_id,name,parent_id,portal");
        for (const Group& g : groups_) {
            buf_.clear();
            buf_ += g.id;
            buf_ += ',';
            put_field(buf_, g.name);
            buf_ += ',';
            if (g.parent >= 0) buf_ += groups_[g.parent].id;
            buf_ += ',';
            buf_ += kPortals[g.portal];
            sink_.row(buf_);
        }
        sink_.end();
    }

    void write_members() {
        sink_.begin("group_members", "group_id,user_id,role");
        for (const Group& g : groups_) {
            for (std::size_t i = 0; i < g.members.size(); ++i) {
                buf_.clear();
                buf_ += g.id;
                buf_ += ',';
                buf_ += users_[g.members[i]].id;
                buf_ += ',';
                buf_ += g.roles[i];
                sink_.row(buf_);
            }
        }
        sink_.end();
    }

    // -- events -------------------------------------------------------------------------------------------

    bool full() const { return emitted_ >= opt_.events; }

    void ev(string_view vocab, int64_t t, unsigned user, string_view category, string_view action,
            string_view label, const Content* c) {
        if (full()) return;
        ++emitted_;
        buf_.clear();
        buf_ += vocab;
        buf_ += ',';
        put_timestamp(buf_, t);
        buf_ += ',';
        buf_ += users_[user].id;
        buf_ += ',';
        put_field(buf_, category);
        buf_ += ',';
        put_field(buf_, action);
        buf_ += ',';
        put_field(buf_, label);
        buf_ += ',';
        if (c) {
            buf_ += c->id;
            buf_ += ',';
            put_field(buf_, c->name);
            buf_ += ',';
            put_field(buf_, c->slug);
        } else {
            buf_ += ",,";
        }
        buf_ += ',';
        buf_ += kPortals[users_[user].portal];
        buf_ += ",gen:";
        buf_ += seed_text_;
        buf_ += ':';
        fmt::format_to(std::back_inserter(buf_), "{}", emitted_);
        sink_.row(buf_);
    }

    // Mostly a few very active users, as on real platforms.
    unsigned pick_user() {
        const uint64_t n = users_.size();
        return rng_.chance(50) ? rng_.below(std::max<uint64_t>(1, n / 5)) : rng_.below(n);
    }

    int64_t random_time() {
        return kBase + rng_.between(0, kSpanDays) * kDay + rng_.between(7 * kHour, 22 * kHour);
    }

    const Content& pick_in(const std::vector<unsigned>& v) { return contents_[rng_.pick(v)]; }

    string_view user_name(unsigned u, std::string& out) {
        out.clear();
        fmt::format_to(std::back_inserter(out), "{} {}", kFirstNames[users_[u].first], kLastNames[users_[u].last]);
        return out;
    }

    string_view attachment(const Content& c, std::string& out) {
        out.clear();
        const string_view base = c.parent >= 0 ? contents_[c.parent].slug : c.slug;
        const auto slash = base.rfind('/');
        fmt::format_to(std::back_inserter(out), "{}-{}", base.substr(slash + 1),
                       kAttachments[(c.number + rng_.below(3)) % kAttachments.size()]);
        return out;
    }

    // Live session through the User Activity Exporter vocabulary: view, join / leave, interactions, recording.
    void exporter_session(unsigned u) {
        const Content& s = pick_in(live_[users_[u].portal]);
        const string_view cat = s.exporter_category;
        if (rng_.chance(20)) ev(kExporter, s.starts - rng_.between(kDay, 6 * kDay), u, cat, "Schedule", kNA, &s);
        int64_t join = rng_.chance(75) ? s.starts + rng_.between(-5 * kMinute, 10 * kMinute)
                                       : s.starts + rng_.between(10 * kMinute, s.duration * 4 / 5);
        ev(kExporter, join - rng_.between(20, 20 * kMinute), u, cat, "View", kNA, &s);
        int passes = rng_.chance(15) ? 2 : 1;
        for (int pass = 0; pass < passes; ++pass) {
            const unsigned mode = rng_.below(100);
            const bool leaves = mode < 80;
            const int64_t leave = mode < 60 ? join + rng_.between(5 * kMinute, std::max(s.ends - join, 5 * kMinute + 1))
                                            : s.ends + rng_.between(0, 15 * kMinute);
            ev(kExporter, join, u, cat, "Join", kNA, &s);
            if (rng_.chance(10)) ev(kExporter, join + rng_.between(5, 120), u, cat, "Join", kNA, &s);
            const int64_t until = leaves ? leave : s.ends;
            const unsigned k = rng_.below(7);
            for (unsigned i = 0; i < k; ++i) {
                const int64_t t = join + (until - join) * (i + 1) / (k + 1);
                const unsigned r = rng_.below(100);
                if (r < 30) ev(kExporter, t, u, cat, "Chat", rng_.pick(kChat), &s);
                else if (r < 45) ev(kExporter, t, u, cat, "Emoji", rng_.pick(kEmoji), &s);
                else if (r < 55) ev(kExporter, t, u, cat, "Question", rng_.pick(kQuestions), &s);
                else if (r < 70) ev(kExporter, t, u, "Question - Poll", "Answer",
                                    kPollAnswers[s.number % 6][rng_.below(4)], &s);
                else if (r < 80) ev(kExporter, t, u, cat, "Raise Hand", kNA, &s);
                else if (r < 93) ev(kExporter, t, u, "Download", "Download", attachment(s, scratch_), &s);
                else ev(kExporter, t, u, cat, "Like", kNA, &s);
            }
            if (!leaves) break;
            ev(kExporter, leave, u, cat, "Leave", kNA, &s);
            if (leave + 10 * kMinute >= s.ends) break;
            join = leave + rng_.between(kMinute, 10 * kMinute);
        }
        if (rng_.chance(20)) {  // the recording, later
            const int64_t t = s.ends + rng_.between(kHour, 6 * kDay);
            ev(kExporter, t, u, cat, "View", kNA, &s);
            if (rng_.chance(50)) ev(kExporter, t + 5, u, cat, "Play", kNA, &s);
            const unsigned k = rng_.chance(30) ? 10 : 1 + rng_.below(10);
            for (unsigned i = 1; i <= k; ++i) ev(kExporter, t + s.duration * i / 10, u, cat, "Watch", kNA, &s);
        }
        if (rng_.chance(12)) {
            scratch_.clear();
            fmt::format_to(std::back_inserter(scratch_), "Rating: {} / {}", rng_.chance(70) ? 4 + rng_.below(2) : 1 + rng_.below(3),
                           rng_.pick(kReviews));
            ev(kExporter, s.ends + rng_.between(kMinute, kHour), u, cat, "Review", scratch_, &s);
        }
        if (rng_.chance(3)) ev(kExporter, s.ends + rng_.between(kMinute, kHour), u, cat, "Answer",
                               "Q: Will the recording be available? A: Yes, tomorrow", &s);
    }

    void exporter_in_person(unsigned u) {
        if (inperson_[users_[u].portal].empty()) return exporter_session(u);
        const Content& s = pick_in(inperson_[users_[u].portal]);
        const string_view cat = s.exporter_category;
        const int64_t t = s.starts - rng_.between(kDay, 10 * kDay);
        ev(kExporter, t, u, cat, "View", kNA, &s);
        if (rng_.chance(60)) ev(kExporter, t + rng_.between(10, 300), u, cat, "Schedule", kNA, &s);
        if (rng_.chance(10)) ev(kExporter, t + rng_.between(kHour, kDay), u, cat, "Unschedule", kNA, &s);
        if (rng_.chance(40))
            ev(kExporter, s.ends + rng_.between(kMinute, kDay), u, "Download", "Download", attachment(s, scratch_), &s);
        if (rng_.chance(20)) {
            scratch_.clear();
            fmt::format_to(std::back_inserter(scratch_), "Rating: {} / {}", 1 + rng_.below(5), rng_.pick(kReviews));
            ev(kExporter, s.ends + rng_.between(kMinute, kDay), u, cat, "Review", scratch_, &s);
        }
    }

    // Live session through the event platform vocabulary (seed 000).
    void platform_session(unsigned u) {
        const Content& s = pick_in(live_[users_[u].portal]);
        std::string& label = scratch2_;
        label.clear();
        if (s.kind == Kind::Breakout) fmt::format_to(std::back_inserter(label), "Breakout from {} #{}", contents_[s.parent].name, s.number);
        else label = s.name;
        if (rng_.chance(40))
            ev(kPlatform, s.starts - rng_.between(kDay, 6 * kDay), u, "Session attendance", "Attend", s.name, &s);
        int64_t join = rng_.chance(75) ? s.starts + rng_.between(-5 * kMinute, 10 * kMinute)
                                       : s.starts + rng_.between(10 * kMinute, s.duration * 4 / 5);
        ev(kPlatform, join - rng_.between(20, 20 * kMinute), u, "View content", "View", s.name, &s);
        const unsigned mode = rng_.below(100);
        const bool leaves = mode < 80;
        const int64_t leave = mode < 60 ? join + rng_.between(5 * kMinute, std::max(s.ends - join, 5 * kMinute + 1))
                                        : s.ends + rng_.between(0, 15 * kMinute);
        ev(kPlatform, join, u, "Session attendance", "Joined", label, &s);
        if (rng_.chance(8)) ev(kPlatform, join + rng_.between(5, 90), u, "Session attendance", "Joined", label, &s);
        const int64_t until = leaves ? leave : s.ends;
        const unsigned k = rng_.below(8);
        bool hand = false;
        for (unsigned i = 0; i < k; ++i) {
            const int64_t t = join + (until - join) * (i + 1) / (k + 1);
            const unsigned r = rng_.below(100);
            if (r < 25) {
                ev(kPlatform, t, u, "Chat", "Chat", rng_.pick(kChat), &s);
            } else if (r < 33) {
                ev(kPlatform, t, u, "Hand", hand ? "Lower" : "Raise", kNA, &s);
                hand = !hand;
            } else if (r < 43) {
                ev(kPlatform, t, u, "Q&A", "Q&A", rng_.pick(kQuestions), &s);
            } else if (r < 48) {
                ev(kPlatform, t, u, "Q&A", "Voted Up", kNA, &s);
            } else if (r < 62) {
                const unsigned q = s.number % 6;
                scratch_.clear();
                fmt::format_to(std::back_inserter(scratch_), "Poll - {}", kPollQuestions[q]);
                ev(kPlatform, t, u, scratch_, "Question", kPollAnswers[q][rng_.below(4)], &s);
            } else if (r < 67) {
                scratch_.clear();
                fmt::format_to(std::back_inserter(scratch_), "Rating - How would you rate {}", s.name);
                ev(kPlatform, t, u, scratch_, "Question", rng_.pick(Words<5>{"1", "2", "3", "4", "5"}), &s);
            } else if (r < 78) {
                ev(kPlatform, t, u, "Downloaded", "Download", attachment(s, scratch_), &s);
            } else if (r < 93) {
                scratch_.clear();
                const int64_t pct = std::min<int64_t>(100, std::max<int64_t>(10, (t - s.starts) * 10 / s.duration * 10));
                fmt::format_to(std::back_inserter(scratch_), "{}%", pct);
                ev(kPlatform, t, u, "Progress", "Watched", scratch_, &s);
            } else {
                ev(kPlatform, t, u, "Favorited", "Like", s.name, &s);
            }
        }
        if (leaves) ev(kPlatform, leave, u, "Session attendance", "Left", label, &s);
        if (rng_.chance(8)) {
            scratch_.clear();
            fmt::format_to(std::back_inserter(scratch_), "Review - {}", rng_.chance(70) ? 4 + rng_.below(2) : 1 + rng_.below(3));
            ev(kPlatform, s.ends + rng_.between(kMinute, kHour), u, scratch_, "Review", rng_.pick(kReviews), &s);
        }
        if (rng_.chance(4)) ev(kPlatform, s.ends + rng_.between(kMinute, kHour), u, "Commented", "Comment", rng_.pick(kComments), &s);
    }

    void exporter_video(unsigned u) {
        const Content& v = pick_in(videos_[users_[u].portal]);
        const string_view cat = v.exporter_category;
        const int64_t t = random_time();
        ev(kExporter, t, u, cat, "View", kNA, &v);
        if (rng_.chance(85)) {
            ev(kExporter, t + rng_.between(2, 40), u, cat, "Play", kNA, &v);
            const unsigned k = rng_.chance(35) ? 10 : rng_.below(10);
            for (unsigned i = 1; i <= k; ++i) ev(kExporter, t + v.duration * i / 10, u, cat, "Watch", kNA, &v);
            if (k == 10 && rng_.chance(50)) ev(kExporter, t + v.duration + 10, u, cat, "Complete", kNA, &v);
        }
        if (rng_.chance(4)) ev(kExporter, t + 1, u, cat, "Start", kNA, &v);
        if (rng_.chance(15)) ev(kExporter, t + 60, u, cat, "Like", kNA, &v);
        if (rng_.chance(3)) ev(kExporter, t + 90, u, cat, "Unlike", kNA, &v);
        if (rng_.chance(8)) ev(kExporter, t + v.duration, u, cat, "Comment", rng_.pick(kComments), &v);
        if (rng_.chance(50)) ev(kExporter, t + v.duration + 30, u, cat, "Leave", kNA, &v);
    }

    void platform_video(unsigned u) {
        const Content& v = pick_in(videos_[users_[u].portal]);
        static constexpr Words<4> providers = {"YouTube", "Vimeo", "Brightcove", "Video JS"};
        static constexpr Words<4> actions = {"Watched YouTube", "Watched Vimeo", "Watched Brightcove", "Watched VideoJS"};
        const unsigned pv = v.number % 4;
        const int64_t t = random_time();
        ev(kPlatform, t, u, "View content", "View", v.name, &v);
        const unsigned reached = rng_.chance(35) ? 4 : rng_.below(5);  // quarters
        const string_view label = pv == 0 && rng_.chance(50) ? string_view(v.video_ref)
                                  : pv == 0 || pv == 3 ? string_view(v.name) : string_view(v.video_ref);
        for (unsigned q = 1; q <= reached; ++q) {
            scratch_.clear();
            fmt::format_to(std::back_inserter(scratch_), "{} {}%", providers[pv], q * 25);
            ev(kPlatform, t + v.duration * q / 4, u, scratch_, actions[pv], label, &v);
        }
        if (rng_.chance(10)) ev(kPlatform, t + 30, u, "Favorited", "Like", v.name, &v);
        if (rng_.chance(6)) ev(kPlatform, t + v.duration, u, "Commented", "Comment", rng_.pick(kComments), &v);
        if (rng_.chance(8)) {
            scratch_.clear();
            fmt::format_to(std::back_inserter(scratch_), "{}-transcript.pdf", v.slug.substr(v.slug.rfind('/') + 1));
            ev(kPlatform, t + 60, u, "Downloaded", "Download", scratch_, &v);
        }
    }

    void exporter_course(unsigned u) {
        const Content& c = pick_in(courses_[users_[u].portal]);
        static constexpr string_view course_cat = "Content - Course";
        int64_t t = random_time();
        ev(kExporter, t, u, course_cat, "View", kNA, &c);
        if (rng_.chance(5)) {
            ev(kExporter, t + 20, u, course_cat, "Waitlist Add", c.name, &c);
            if (rng_.chance(50)) ev(kExporter, t + kDay, u, course_cat, "Waitlist Remove", c.name, &c);
            return;
        }
        ev(kExporter, t + rng_.between(10, 300), u, course_cat, "Enroll", c.name, &c);
        t += rng_.between(300, 2 * kDay);
        ev(kExporter, t, u, course_cat, "Start", kNA, &c);
        bool finished = true;
        for (unsigned child : c.children) {
            const Content& l = contents_[child];
            if (l.kind != Kind::Lesson) continue;
            if (rng_.chance(20)) {
                finished = false;
                break;
            }
            const string_view cat = rng_.chance(5) ? "Content - Content - Lesson" : "Content - Lesson";
            t += rng_.between(60, 3 * kHour);
            ev(kExporter, t, u, "Content - Lesson", "View", kNA, &l);
            ev(kExporter, t + 5, u, "Content - Lesson", "Start", kNA, &l);
            ev(kExporter, t + 15, u, cat, "Play", kNA, &l);
            const unsigned k = rng_.chance(60) ? 10 : rng_.below(10);
            for (unsigned i = 1; i <= k; ++i) ev(kExporter, t + 15 + l.duration * i / 10, u, cat, "Watch", kNA, &l);
            t += l.duration + 30;
            if (rng_.chance(10)) ev(kExporter, t, u, cat, "Like", kNA, &l);
            if (rng_.chance(2)) ev(kExporter, t + 2, u, cat, "Unlike", kNA, &l);
            ev(kExporter, t + 5, u, cat, "Complete", kNA, &l);
            if (rng_.chance(30)) ev(kExporter, t + 6, u, cat, "Earn Grade", l.name, &l);
            ev(kExporter, t + 10, u, "Content - Lesson", "Leave", kNA, &l);
            if (rng_.chance(15)) {
                static constexpr Words<4> qcats = {"Question - Multiple Choice", "Question - Fill in the Blank",
                                                   "Question - Ranking", "Question - Rating"};
                const string_view qc = rng_.pick(qcats);
                ev(kExporter, t + 20, u, qc, "Answer",
                   qc == "Question - Ranking" || qc == "Question - Rating" ? kNA : rng_.pick(kAnswers), &l);
            }
        }
        t += rng_.between(60, kHour);
        if (finished) {
            if (rng_.chance(8)) {
                ev(kExporter, t, u, course_cat, "Fail", c.name, &c);
            } else {
                ev(kExporter, t, u, course_cat, "Complete", kNA, &c);
                if (rng_.chance(60)) ev(kExporter, t + 1, u, course_cat, "Earn Grade", c.name, &c);
                if (rng_.chance(50)) {
                    ev(kExporter, t + 2, u, course_cat, "Earn Credit", c.name, &c);
                    ev(kExporter, t + 3, u, "Continuing Education", "Earn", c.slug, &c);
                    if (rng_.chance(60)) {
                        ev(kExporter, t + kHour, u, "Continuing Education", "Claim", kNA, nullptr);
                        scratch_.clear();
                        fmt::format_to(std::back_inserter(scratch_), "{} certificate", c.name);
                        ev(kExporter, t + kHour + 30, u, "Continuing Education", "Download", scratch_, nullptr);
                    }
                }
            }
        } else if (rng_.chance(10)) {
            ev(kExporter, t, u, course_cat, "Unenroll", c.name, &c);
        }
        if (rng_.chance(5)) ev(kExporter, t + 40, u, course_cat, "Play", kNA, &c);
        if (rng_.chance(5)) ev(kExporter, t + 50, u, course_cat, "Watch", kNA, &c);
        if (rng_.chance(8)) ev(kExporter, t + 60, u, course_cat, "Like", kNA, &c);
        if (rng_.chance(1)) ev(kExporter, t + 70, u, course_cat, "Unlike", kNA, &c);
        ev(kExporter, t + 120, u, course_cat, "Leave", kNA, &c);
    }

    // Content Actions Log (seed 002): category = content type, action = Type, label = Source.
    void content_actions(unsigned u) {
        const unsigned p = users_[u].portal;
        const unsigned r = rng_.below(100);
        int64_t t = random_time() - 10 * kDay;
        if (r < 15) {  // a webinar: registration, attendance
            const Content& s = pick_in(live_[p]);
            t = s.starts - rng_.between(kDay, 10 * kDay);
            ev(kActions, t, u, "webinar", "enrollment", rng_.chance(70) ? "registration" : rng_.pick(kEnrollmentSources), &s);
            if (rng_.chance(70)) ev(kActions, s.ends, u, "webinar", "status_change", "webinar_attended", &s);
            if (rng_.chance(3)) ev(kActions, s.ends + kDay, u, "webinar", "revoked_access", "reschedule", &s);
            return;
        }
        const Content& c = r < 70 ? pick_in(courses_[p]) : r < 85 ? pick_in(paths_[p]) : pick_in(videos_[p]);
        const string_view cat = c.kind == Kind::Course ? (rng_.chance(8) ? "scorm" : "course")
                                : c.kind == Kind::LearningPath ? (rng_.chance(20) ? "collection" : "learning_path")
                                                               : "video";
        ev(kActions, t, u, cat, "enrollment",
           rng_.chance(95) ? rng_.pick(kEnrollmentSources) : rng_.pick(kEnrollmentSourcesRare), &c);
        if (rng_.chance(10)) {
            t += rng_.between(kDay, 20 * kDay);
            ev(kActions, t, u, cat, "revoked_access", rng_.pick(kRevokedSources), &c);
            return;
        }
        if (rng_.chance(75)) {
            t += rng_.between(kMinute, 3 * kDay);
            ev(kActions, t, u, cat, "status_change", rng_.pick(kStartedSources), &c);
        }
        if (rng_.chance(5)) ev(kActions, t + kHour, u, cat, "status_change", rng_.pick(kOtherStatusSources), &c);
        if (rng_.chance(55)) {
            t += rng_.between(kHour, 8 * kDay);
            ev(kActions, t, u, cat, "status_change", rng_.pick(kCompletedSources), &c);
            if (rng_.chance(70))
                ev(kActions, t + rng_.between(1, 120), u, cat, "certificate_grant",
                   rng_.chance(95) ? rng_.pick(kCertificateSources) : rng_.pick(kCertificateSourcesRare), &c);
        }
    }

    // Collaborative activity (seed 004) of a member of a group.
    void collaborative(unsigned u) {
        const Group& g = groups_[users_[u].group];
        const unsigned r = rng_.below(100);
        int64_t t = random_time();
        auto other = [&] {  // another member of the group when there is one
            const std::size_t i = rng_.below(g.members.size());
            return g.members[i] != u ? g.members[i] : g.members[(i + 1) % g.members.size()];
        };
        if (r < 30) {
            ev(kCollab, t, u, "Messages", "Post", rng_.pick(kPosts), nullptr);
            const unsigned replies = rng_.below(4), likes = rng_.below(6);
            for (unsigned i = 0; i < replies; ++i)
                ev(kCollab, t += rng_.between(kMinute, 3 * kHour), other(), "Messages", "Reply", rng_.pick(kReplies), nullptr);
            for (unsigned i = 0; i < likes; ++i)
                ev(kCollab, t += rng_.between(kMinute, kHour), other(), "Messages", "Like", kNA, nullptr);
            return;
        }
        const Content& c = pick_in(courses_[users_[u].portal]);
        if (r < 45) {
            ev(kCollab, t, u, "Forum", "Post", rng_.pick(kPosts), &c);
            const unsigned replies = rng_.below(4);
            for (unsigned i = 0; i < replies; ++i)
                ev(kCollab, t += rng_.between(kMinute, 5 * kHour), other(), "Forum", "Reply", rng_.pick(kReplies), &c);
            return;
        }
        ev(kCollab, t, u, "Course", "Start", kNA, &c);
        for (unsigned child : c.children) {
            const Content& a = contents_[child];
            if (a.kind != Kind::Activity || !rng_.chance(70)) continue;
            const unsigned attempts = rng_.chance(15) ? 2 : 1;
            for (unsigned i = 0; i < attempts; ++i) ev(kCollab, t += rng_.between(30, 1800), u, "Activity", "Start", kNA, &a);
            if (rng_.chance(35))
                ev(kCollab, t += rng_.between(30, 600), u, "Activity", "React",
                   rng_.chance(90) ? rng_.pick(kReactionNames) : rng_.pick(kReactionNamesRare), &a);
            if (rng_.chance(12)) ev(kCollab, t += rng_.between(30, 600), u, "Activity", "Comment", rng_.pick(kComments), &a);
            if (a.type != "Question" && rng_.chance(40)) ev(kCollab, t += rng_.between(5, 60), u, "Activity", "Download", kNA, &a);
        }
    }

    // Everything else users do on the platforms: logins, pages, feeds, forums, messages, admin, navigation.
    void exporter_misc(unsigned u) {
        int64_t t = random_time();
        ev(kExporter, t, u, "User", "Log In", kNA, nullptr);
        const unsigned n = 1 + rng_.below(3);
        for (unsigned i = 0; i < n; ++i) {
            t += rng_.between(10, 900);
            const unsigned r = rng_.below(100);
            if (r < 25) {
                ev(kExporter, t, u, "Page", "View", kNA, nullptr);
                if (rng_.chance(40)) ev(kExporter, t + rng_.between(5, 300), u, "Page", "Leave", kNA, nullptr);
            } else if (r < 35) {
                ev(kExporter, t, u, "Notification", rng_.chance(60) ? "View" : "Click", rng_.pick(kNotifications), nullptr);
            } else if (r < 45) {
                ev(kExporter, t, u, "Feed", "Post", rng_.pick(kPosts), nullptr);
            } else if (r < 55) {
                scratch_.clear();
                fmt::format_to(std::back_inserter(scratch_), "p-{} + {}", 1 + rng_.below(5000), rng_.pick(kReplies));
                ev(kExporter, t, u, rng_.chance(50) ? "Feed" : "Forum", "Comment", scratch_, nullptr);
            } else if (r < 60) {
                scratch_.clear();
                fmt::format_to(std::back_inserter(scratch_), "p-{} + {}", 1 + rng_.below(5000), rng_.pick(kTags));
                ev(kExporter, t, u, rng_.chance(50) ? "Feed" : "Forum", "Tag", scratch_, nullptr);
            } else if (r < 65) {
                ev(kExporter, t, u, "Forum", rng_.chance(80) ? "Follow" : "Unfollow", rng_.pick(kTopicsForum), nullptr);
                if (rng_.chance(50)) ev(kExporter, t + 60, u, "Forum", "Post", rng_.pick(kPosts), nullptr);
            } else if (r < 70) {
                ev(kExporter, t, u, "Cohort", "View", kNA, nullptr);
            } else if (r < 74) {
                ev(kExporter, t, u, "Support Chat", "Open", kNA, nullptr);
                ev(kExporter, t + rng_.between(60, 900), u, "Support Chat", "Close", kNA, nullptr);
            } else if (r < 80) {
                const unsigned other = pick_user();
                ev(kExporter, t, u, "Message", "Send Invite", kNA, nullptr);
                ev(kExporter, t, other, "Message", "Receive Invite", kNA, nullptr);
                ev(kExporter, t + 60, other, "Message", rng_.chance(85) ? "Chat Started" : "Partner Chat Started", kNA, nullptr);
                ev(kExporter, t + 90, u, "Message", "Message", rng_.pick(kChat), nullptr);
                if (rng_.chance(50)) ev(kExporter, t + 300, u, "Message", "Leave", kNA, nullptr);
            } else if (r < 85) {
                const string_view cat = rng_.chance(60) ? "1-1 Meeting" : "Partner";
                const unsigned a = rng_.below(5);
                static constexpr Words<5> acts = {"Meeting Scheduled", "Joined", "Chat Message", "Chat Accepted",
                                                  "Declined Chat"};
                ev(kExporter, t, u, cat, acts[a], a == 2 ? rng_.pick(kChat) : kNA, nullptr);
            } else if (r < 90) {
                ev(kExporter, t, u, "User", rng_.pick(Words<4>{"Update", "View", "Like", "Unlike"}), kNA, nullptr);
                if (rng_.chance(20)) ev(kExporter, t + 30, u, "User", "Upload", rng_.pick(kUploads), nullptr);
            } else if (r < 95) {
                const Content& c = contents_[rng_.below(contents_.size())];
                if (c.portal == users_[u].portal) ev(kExporter, t, u, c.exporter_category, "Click", kNA, &c);
                else ev(kExporter, t, u, "Page", "View", kNA, nullptr);
            } else if (r < 97) {
                ev(kExporter, t, u, "Question - Multiple Choice", "Answer", rng_.pick(kAnswers), nullptr);
                ev(kExporter, t + 20, u, "Question - Select Many", "Answer", rng_.pick(kAnswers), nullptr);
                ev(kExporter, t + 40, u, "Question - Order", "Answer", kNA, nullptr);
                ev(kExporter, t + 60, u, "Question - Fill in the Blank", "Answer", rng_.pick(kAnswers), nullptr);
            } else if (r < 99) {  // staff at work
                ev(kExporter, t, u, "Admin", "View", rng_.pick(kAdminTabs), nullptr);
                ev(kExporter, t + 60, u, "Admin", "Save", kNA, nullptr);
                ev(kExporter, t + 90, u, "Admin", "Analytics", rng_.pick(kReports), nullptr);
                const Content& c = contents_[rng_.below(contents_.size())];
                ev(kExporter, t + 120, u, c.exporter_category, "Analytics", rng_.pick(kReports), &c);
            } else {
                ev(kExporter, t, u, "User", "Create", kNA, nullptr);
            }
        }
        if (rng_.chance(40)) ev(kExporter, t + rng_.between(60, 1800), u, "User", "Log Out", kNA, nullptr);
    }

    void platform_misc(unsigned u) {
        int64_t t = random_time();
        const unsigned n = 1 + rng_.below(3);
        for (unsigned i = 0; i < n; ++i) {
            t += rng_.between(10, 900);
            const unsigned r = rng_.below(100);
            if (r < 20) {
                const Content& s = pick_in(live_[users_[u].portal]);
                ev(kPlatform, t, u, "Clicked", "Schedule Row", s.slug, nullptr);
            } else if (r < 32) {
                ev(kPlatform, t, u, "Route", "Internal", rng_.pick(kPages), nullptr);
            } else if (r < 37) {
                ev(kPlatform, t, u, "Route", "External", rng_.pick(kExternal), nullptr);
            } else if (r < 45) {
                ev(kPlatform, t, u, "Clicked", rng_.pick(kModules), rng_.pick(kPages), nullptr);
            } else if (r < 50) {
                const Content& v = pick_in(videos_[users_[u].portal]);
                ev(kPlatform, t, u, "Clicked", "Metadata", rng_.pick(kExternal), &v);
            } else if (r < 56) {
                ev(kPlatform, t, u, "Notifications", "Clicked", rng_.pick(kNotifications), nullptr);
            } else if (r < 66) {
                static constexpr Words<3> acts = {"Leaderboard Profile", "Quick Profile", "Full Profile"};
                ev(kPlatform, t, u, "View users", rng_.pick(acts), user_name(pick_user(), scratch_), nullptr);
            } else if (r < 70) {
                ev(kPlatform, t, u, "Leaderboard", "Open", kNA, nullptr);
            } else if (r < 74) {
                ev(kPlatform, t, u, "Talk now", "Requested", kNA, nullptr);
                ev(kPlatform, t + 30, u, "Talk now", rng_.pick(Words<3>{"Accepted", "Canceled", "Rejected"}), kNA, nullptr);
            } else if (r < 78) {
                const unsigned other = pick_user();
                ev(kPlatform, t, u, "Schedule meetings", "Scheduling Started", user_name(other, scratch_), nullptr);
                if (rng_.chance(70))
                    ev(kPlatform, t + 120, u, "Schedule meetings", "Scheduling Completed", user_name(other, scratch_), nullptr);
            } else if (r < 81) {
                ev(kPlatform, t, u, "Update details", "Update", user_name(u, scratch_), nullptr);
            } else if (r < 83) {
                ev(kPlatform, t, u, "Create account", "Create", kNA, nullptr);
            } else if (r < 87) {
                const Content& s = pick_in(live_[users_[u].portal]);
                ev(kPlatform, t, u, "View content", "Preview", s.name, &s);
                if (rng_.chance(20)) ev(kPlatform, t + 30, u, "Session attendance", "Unattend", s.name, &s);
            } else if (r < 90) {
                scratch_.clear();
                fmt::format_to(std::back_inserter(scratch_), "{}", 1 + rng_.below(8));
                if (rng_.chance(50)) scratch_ += ".5";
                ev(kPlatform, t, u, "CE/CME", "Accumulative Content", scratch_, nullptr);
                if (rng_.chance(50)) ev(kPlatform, t + 60, u, "CE/CME", "Claimed", kNA, nullptr);
                if (rng_.chance(50)) ev(kPlatform, t + 90, u, "CE/CME", "Download Certificate",
                                        rng_.chance(50) ? string_view("CME certificate 2026") : kNA, nullptr);
            } else if (r < 93) {
                const string_view track = rng_.pick(kTracks);
                ev(kPlatform, t, u, "Track", "Started", track, nullptr);
                ev(kPlatform, t + 300, u, "Track", "Next", rng_.pick(kLessonTitles), nullptr);
            } else if (r < 96) {
                const Content& s = pick_in(live_[users_[u].portal]);
                scratch_.clear();
                fmt::format_to(std::back_inserter(scratch_), "Fill In The Blank - {}", kPollQuestions[s.number % 6]);
                ev(kPlatform, t, u, scratch_, "Question", rng_.pick(kAnswers), &s);
                scratch_.clear();
                fmt::format_to(std::back_inserter(scratch_), "Multiple Choice - {}", kPollQuestions[(s.number + 1) % 6]);
                ev(kPlatform, t + 30, u, scratch_, "Question", kPollAnswers[(s.number + 1) % 6][rng_.below(4)], &s);
            } else {  // staff at work
                const Content& s = pick_in(live_[users_[u].portal]);
                ev(kPlatform, t, u, "Mod", "Message", "Welcome everyone, we start in 5 minutes", &s);
                ev(kPlatform, t + 60, u, "Dialog open", "Moderate", kNA, &s);
                ev(kPlatform, t + 120, u, "Q&A", "Answered", rng_.pick(kAnswers), &s);
                ev(kPlatform, t + 600, u, "Analytics", "Download Report", rng_.pick(kReports), nullptr);
            }
        }
    }

    void write_events() {
        sink_.begin("events",
                    "vocabulary,occurred_at,user_id,category,action,label,content_id,content_name,content_slug,"
                    "portal,source_ref");
        while (!full()) {
            const unsigned u = pick_user();
            const unsigned r = rng_.below(100);
            if (r < 16) exporter_session(u);
            else if (r < 30) platform_session(u);
            else if (r < 32) exporter_in_person(u);
            else if (r < 39) exporter_video(u);
            else if (r < 48) platform_video(u);
            else if (r < 51) exporter_course(u);
            else if (r < 71) content_actions(u);
            else if (r < 88) collaborative(u);
            else if (r < 94) exporter_misc(u);
            else platform_misc(u);
        }
        sink_.end();
    }
};

}  // namespace

void generate(const GenerateOptions& options, TableSink& sink) {
    Generator(options, sink).run();
}

}  // namespace ar::cli
