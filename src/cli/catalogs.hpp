// Catalog files (design §11): users, contents, groups and group members, recognised by their header (Title
// Case or snake_case), each row read into the text of the table's columns, checked and put in the form the
// loader's SQL casts directly (timestamps, durations as intervals, `|` lists as array literals, the users'
// other columns as a jsonb object of dimensions). Pure C++.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ar::cli {

enum class Catalog { users, contents, groups, group_members };

std::string_view catalog_name(Catalog catalog);   // "users", "contents", "groups", "group members"
std::string_view catalog_table(Catalog catalog);  // the table in schema activity_report

// How a column's text is read.
enum class ColumnKind { key, text, required_text, timestamp, duration, list, status, role };

struct CatalogColumn {
    std::string_view title;   // as the design names it ("Co-authors")
    std::string_view column;  // in the table (co_authors)
    ColumnKind kind;
    std::string_view sql_type; // the type the loader casts the text to
    bool required;            // the header must have it
    std::vector<std::string_view> aliases;  // other header spellings (the table's own column name...)
};

// The columns a catalog may carry, key columns first.
const std::vector<CatalogColumn>& catalog_columns(Catalog catalog);

struct CatalogRow {
    std::uint64_t line = 0;
    std::vector<std::optional<std::string>> values;  // per carried column (CatalogMapper::columns()), then dimensions
    std::string problem;                             // empty: the row is good as far as the client can tell
};

class CatalogMapper {
public:
    // From a header: the catalog it is, or nullopt when it is none (then `error` may say what is missing when
    // the header is close to one).
    static std::optional<CatalogMapper> detect(const std::vector<std::string>& header, std::string* error = nullptr);

    Catalog catalog() const { return catalog_; }
    // The columns this file carries, in the table's order (a file overwrites these and only these).
    const std::vector<const CatalogColumn*>& columns() const { return carried_; }
    // The header's own spelling of a carried column, for messages.
    const std::string& header_name(const CatalogColumn& column) const;
    // Users: the header names that become keys of dimensions (in file order); the last value of a row is the
    // jsonb object of the non-empty ones.
    const std::vector<std::string>& dimension_keys() const { return dimension_keys_; }
    bool has_dimensions() const { return catalog_ == Catalog::users && !dimension_keys_.empty(); }
    const std::vector<std::string>& ignored_columns() const { return ignored_; }

    void map_fields(const std::vector<std::string>& fields, CatalogRow& out) const;

private:
    Catalog catalog_ = Catalog::users;
    std::vector<const CatalogColumn*> carried_;
    std::vector<std::string> carried_names_;  // per carried column: its header spelling
    std::vector<int> slot_of_field_;      // per field: index into carried_, -1 - k for dimension k, or ignored
    std::vector<std::string> field_names_;
    std::vector<std::string> dimension_keys_;
    std::vector<std::string> ignored_;
};

// What the header of every catalog needs, for error messages.
std::string describe_catalogs();

// "a | b ||c" -> {"a","b","c"} as a PostgreSQL array literal, elements trimmed, empty ones dropped.
std::string list_literal(std::string_view text);
// The elements as a PostgreSQL array literal, each quoted.
std::string array_literal(const std::vector<std::string>& items);

} // namespace ar::cli
