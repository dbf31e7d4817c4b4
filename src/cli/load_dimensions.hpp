// Who and what the rows of an export name, gathered by activity-report load while the rows stream to the
// server: per user its names, company, email and portal, per learner known only by email that email's portal,
// per content its name, slug and portal (each field: the last value the file gives), the titles of contents
// named without an ID, and the (vocabulary, category) pairs each content's rows carry (its type may be in the
// category). Sent as small tables, they fill users and contents that have events.
// Memory grows with the distinct users and contents of a file, not with its rows. Pure C++.
#pragma once

#include <array>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "cli/layouts.hpp"

namespace ar::cli {

class DimensionCollector {
public:
    // titles: the layout names contents by title (the Content Actions Log); vocabulary: the row's.
    void add(const StagedRow& row, bool titles, std::string_view vocabulary);

    // CSV records for COPY, by key: users (user_id, first_name, last_name, company, email, portal), emails
    // (email, portal), contents (content_id, name, slug, portal), titles (name), categories (content_id,
    // content_name: for a content named by title alone, vocabulary, category).
    std::string users_csv() const;
    std::string emails_csv() const;
    std::string contents_csv() const;
    std::string titles_csv() const;
    std::string categories_csv() const;
    bool has_emails() const { return !emails_.empty(); }
    bool has_titles() const { return !titles_.empty(); }
    bool has_emails_or_titles() const { return has_emails() || has_titles(); }

private:
    template <std::size_t N> using Fields = std::array<std::optional<std::string>, N>;
    template <std::size_t N> using Map = std::unordered_map<std::string, Fields<N>>;
    // The (vocabulary, category) pairs of one content's rows: a few, searched in place.
    using Categories = std::vector<std::pair<std::string, std::string>>;
    struct Content {
        Fields<3> fields;
        Categories categories;
    };
    Map<5> users_;
    Map<1> emails_;
    std::unordered_map<std::string, Content> contents_;
    std::unordered_map<std::string, Categories> titles_;
};

} // namespace ar::cli
