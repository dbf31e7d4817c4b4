#include "cli/catalogs.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/duration.hpp"
#include "cli/layouts.hpp"
#include "cli/timestamp.hpp"
#include "core/text.hpp"

namespace ar::cli {

namespace {

constexpr int ignored_field = -1'000'000;

using K = ColumnKind;

const std::vector<CatalogColumn>& users_columns() {
    static const std::vector<CatalogColumn> c = {
        {"User ID", "user_id", K::key, "text", true, {"user"}},
        {"First", "first_name", K::text, "text", true, {"firstname"}},
        {"Last", "last_name", K::text, "text", true, {"lastname"}},
        {"Company", "company", K::text, "text", true, {}},
        {"Email", "email", K::text, "text", true, {"emailaddress"}},
        {"Role", "role", K::text, "text", false, {}},
        {"Industry", "industry", K::text, "text", false, {}},
        {"Country", "country", K::text, "text", false, {}},
        {"Additional information", "additional_information", K::text, "text", false, {}},
        {"Tags", "tags", K::list, "text[]", false, {}},
        {"Portal", "portal", K::text, "text", false, {"panorama", "panoramaname"}},
    };
    return c;
}

const std::vector<CatalogColumn>& contents_columns() {
    static const std::vector<CatalogColumn> c = {
        {"Content ID", "content_id", K::key, "text", true, {}},
        {"Content Type", "content_type", K::required_text, "text", true, {}},
        {"Content Name", "name", K::text, "text", true, {"name", "contenttitle", "title"}},
        {"Content Slug", "slug", K::text, "text", false, {"slug"}},
        {"Parent ID", "parent_id", K::text, "text", false, {}},
        {"Starts At", "starts_at", K::timestamp, "timestamptz", false, {}},
        {"Ends At", "ends_at", K::timestamp, "timestamptz", false, {}},
        {"Duration", "duration", K::duration, "interval", false, {}},
        {"Status", "status", K::status, "text", false, {}},
        {"Author", "author", K::text, "text", false, {}},
        {"Co-authors", "co_authors", K::list, "text[]", false, {}},
        {"Group ID", "group_id", K::text, "text", false, {}},
        {"Source language", "source_language", K::text, "text", false, {}},
        {"Available translation languages", "available_languages", K::list, "text[]", false, {"availablelanguages"}},
        {"Unavailable translation languages", "unavailable_languages", K::list, "text[]", false, {"unavailablelanguages"}},
        {"Tags", "tags", K::list, "text[]", false, {}},
        {"Creation date", "created_at", K::timestamp, "timestamptz", false, {"createdat"}},
        {"Last update", "updated_at", K::timestamp, "timestamptz", false, {"updatedat"}},
        {"Portal", "portal", K::text, "text", false, {"panorama", "panoramaname"}},
    };
    return c;
}

const std::vector<CatalogColumn>& groups_columns() {
    static const std::vector<CatalogColumn> c = {
        {"Group ID", "group_id", K::key, "text", true, {}},
        {"Name", "name", K::required_text, "text", true, {"groupname"}},
        {"Parent ID", "parent_id", K::text, "text", false, {}},
        {"Portal", "portal", K::text, "text", false, {"panorama", "panoramaname"}},
    };
    return c;
}

const std::vector<CatalogColumn>& members_columns() {
    static const std::vector<CatalogColumn> c = {
        {"Group ID", "group_id", K::key, "text", true, {}},
        {"User ID", "user_id", K::key, "text", true, {}},
        {"Role", "role", K::role, "text", true, {}},
    };
    return c;
}

const CatalogColumn* find_column(Catalog catalog, std::string_view key) {
    for (auto& col : catalog_columns(catalog)) {
        if (header_key(col.title) == key || header_key(col.column) == key) return &col;
        for (auto alias : col.aliases)
            if (alias == key) return &col;
    }
    return nullptr;
}

// JSON string (the dimensions object), escaped per RFC 8259.
void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) out += fmt::format("\\u{:04x}", c);
            else out.push_back(ch);
        }
    }
    out.push_back('"');
}

} // namespace

std::string_view catalog_name(Catalog catalog) {
    switch (catalog) {
    case Catalog::users: return "users";
    case Catalog::contents: return "contents";
    case Catalog::groups: return "groups";
    case Catalog::group_members: return "group members";
    }
    return "";
}

std::string_view catalog_table(Catalog catalog) {
    switch (catalog) {
    case Catalog::users: return "users";
    case Catalog::contents: return "contents";
    case Catalog::groups: return "groups";
    case Catalog::group_members: return "group_members";
    }
    return "";
}

const std::vector<CatalogColumn>& catalog_columns(Catalog catalog) {
    switch (catalog) {
    case Catalog::users: return users_columns();
    case Catalog::contents: return contents_columns();
    case Catalog::groups: return groups_columns();
    case Catalog::group_members: break;
    }
    return members_columns();
}

std::string describe_catalogs() {
    std::string out;
    for (Catalog c : {Catalog::users, Catalog::contents, Catalog::groups, Catalog::group_members}) {
        std::string names;
        for (auto& col : catalog_columns(c))
            if (col.required) names += (names.empty() ? "" : ", ") + std::string(col.title);
        out += fmt::format("{}a {} catalog ({})", out.empty() ? "" : ", ", catalog_name(c), names);
    }
    return out;
}

std::optional<CatalogMapper> CatalogMapper::detect(const std::vector<std::string>& header, std::string* error) {
    std::vector<std::string> keys;
    for (auto& f : header) keys.push_back(header_key(ar::trim(f)));
    auto carries_all_required = [&](Catalog c) {
        for (auto& col : catalog_columns(c)) {
            if (!col.required) continue;
            bool found = false;
            for (auto& k : keys) found = found || find_column(c, k) == &col;
            if (!found) return false;
        }
        return true;
    };
    std::optional<Catalog> catalog;
    for (Catalog c : {Catalog::users, Catalog::contents, Catalog::group_members, Catalog::groups})
        if (carries_all_required(c)) { catalog = c; break; }
    if (!catalog) {
        // A header with a catalog's key column but not its other required ones: say which are missing.
        if (error) {
            for (Catalog c : {Catalog::users, Catalog::contents, Catalog::group_members, Catalog::groups}) {
                auto& key = catalog_columns(c).front();
                if (std::find_if(keys.begin(), keys.end(), [&](auto& k) { return find_column(c, k) == &key; }) == keys.end())
                    continue;
                std::string missing;
                for (auto& col : catalog_columns(c)) {
                    if (!col.required) continue;
                    bool found = false;
                    for (auto& k : keys) found = found || find_column(c, k) == &col;
                    if (!found) missing += (missing.empty() ? "\"" : ", \"") + std::string(col.title) + "\"";
                }
                *error = fmt::format("the header looks like a {} catalog but has no {} column", catalog_name(c), missing);
                break;
            }
        }
        return std::nullopt;
    }
    CatalogMapper m;
    m.catalog_ = *catalog;
    std::vector<const CatalogColumn*> seen(header.size(), nullptr);
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string name(ar::trim(header[i]));
        m.field_names_.push_back(name);
        const CatalogColumn* col = find_column(*catalog, keys[i]);
        if (col) {
            if (std::find(seen.begin(), seen.end(), col) != seen.end()) {
                if (error) *error = fmt::format("column \"{}\" appears twice in the header", ar::excerpt(name, 60));
                return std::nullopt;
            }
            seen[i] = col;
        }
    }
    // Carried columns in the table's order.
    for (auto& col : catalog_columns(*catalog)) {
        auto at = std::find(seen.begin(), seen.end(), &col);
        if (at == seen.end()) continue;
        m.carried_.push_back(&col);
        m.carried_names_.push_back(m.field_names_[static_cast<std::size_t>(at - seen.begin())]);
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (seen[i]) {
            m.slot_of_field_.push_back(static_cast<int>(std::find(m.carried_.begin(), m.carried_.end(), seen[i]) - m.carried_.begin()));
        } else if (*catalog == Catalog::users && !keys[i].empty()) {
            if (std::find(m.dimension_keys_.begin(), m.dimension_keys_.end(), m.field_names_[i]) != m.dimension_keys_.end()) {
                if (error) *error = fmt::format("column \"{}\" appears twice in the header", ar::excerpt(m.field_names_[i], 60));
                return std::nullopt;
            }
            m.dimension_keys_.push_back(m.field_names_[i]);
            m.slot_of_field_.push_back(-1 - static_cast<int>(m.dimension_keys_.size() - 1));
        } else {
            if (!keys[i].empty()) m.ignored_.push_back(m.field_names_[i]);
            m.slot_of_field_.push_back(ignored_field);
        }
    }
    return m;
}

const std::string& CatalogMapper::header_name(const CatalogColumn& column) const {
    for (std::size_t i = 0; i < carried_.size(); ++i)
        if (carried_[i] == &column) return carried_names_[i];
    static const std::string none;
    return none;
}

void CatalogMapper::map_fields(const std::vector<std::string>& fields, CatalogRow& out) const {
    out.values.assign(carried_.size() + (has_dimensions() ? 1 : 0), std::nullopt);
    out.problem.clear();
    auto note = [&](std::string problem) { if (out.problem.empty()) out.problem = std::move(problem); };
    std::vector<std::pair<std::string_view, std::string>> dimensions;
    for (std::size_t i = 0; i < fields.size() && i < slot_of_field_.size(); ++i) {
        int slot = slot_of_field_[i];
        if (slot == ignored_field) continue;
        std::string_view raw = ar::trim(fields[i]);
        std::string value;
        if (!is_clean_text(raw)) {
            note(fmt::format("{}: not valid UTF-8 text (or contains a NUL byte)", field_names_[i]));
            value = clean_text(raw);
        } else {
            value = std::string(raw);
        }
        if (slot < 0) {
            if (!value.empty()) dimensions.emplace_back(dimension_keys_[static_cast<std::size_t>(-1 - slot)], std::move(value));
            continue;
        }
        const CatalogColumn& col = *carried_[static_cast<std::size_t>(slot)];
        auto& target = out.values[static_cast<std::size_t>(slot)];
        switch (col.kind) {
        case K::key:
        case K::required_text:
            if (value.empty()) note(fmt::format("{}: missing", field_names_[i]));
            else target = std::move(value);
            break;
        case K::text:
            if (!value.empty()) target = std::move(value);
            break;
        case K::timestamp:
            if (value.empty()) break;
            if (auto t = canonical_timestamp(value)) target = std::move(*t);
            else note(fmt::format("{}: cannot read \"{}\" as a date and time", field_names_[i], ar::excerpt(value, 80)));
            break;
        case K::duration:
            if (value.empty()) break;
            if (auto d = canonical_duration(value)) target = std::move(*d);
            else note(fmt::format("{}: cannot read \"{}\" as minutes or an interval (e.g. 45, 01:30:00, 1 hour 30 minutes)",
                                  field_names_[i], ar::excerpt(value, 80)));
            break;
        case K::list:
            target = list_literal(value);
            break;
        case K::status: {
            std::string folded;
            for (char c : value) folded.push_back(ar::fold(c));
            if (value.empty() || folded == "active") target = "Active";
            else if (folded == "archived") target = "Archived";
            else if (folded == "deleted") target = "Deleted";
            else note(fmt::format("{}: \"{}\" is not Active, Archived or Deleted", field_names_[i], ar::excerpt(value, 80)));
            break;
        }
        case K::role:
            target = value.empty() ? std::string("learner") : std::move(value);
            break;
        }
    }
    // Columns the header carries but a short row lacks are read as empty.
    for (std::size_t slot = 0; slot < carried_.size(); ++slot) {
        auto& target = out.values[slot];
        if (target) continue;
        switch (carried_[slot]->kind) {
        case K::list: target = "{}"; break;
        case K::status: target = "Active"; break;
        case K::role: target = "learner"; break;
        default: break;
        }
    }
    if (fields.size() != slot_of_field_.size())
        out.problem = fmt::format("expected {} fields, found {}", slot_of_field_.size(), fields.size());
    // Every key of the catalog is present (a short row may miss one).
    for (std::size_t slot = 0; slot < carried_.size(); ++slot)
        if ((carried_[slot]->kind == K::key || carried_[slot]->kind == K::required_text) && !out.values[slot])
            note(fmt::format("{}: missing", carried_names_[slot]));
    if (has_dimensions()) {
        std::string json = "{";
        for (auto& [k, v] : dimensions) {
            if (json.size() > 1) json += ", ";
            append_json_string(json, k);
            json += ": ";
            append_json_string(json, v);
        }
        json += "}";
        out.values.back() = std::move(json);
    }
}

std::string array_literal(const std::vector<std::string>& items) {
    std::string out = "{";
    for (auto& item : items) {
        if (out.size() > 1) out.push_back(',');
        out.push_back('"');
        for (char c : item) {
            if (c == '"' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back('}');
    return out;
}

std::string list_literal(std::string_view text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t bar = std::min(text.find('|', start), text.size());
        std::string_view item = ar::trim(text.substr(start, bar - start));
        if (!item.empty()) items.emplace_back(item);
        start = bar + 1;
    }
    return array_literal(items);
}

} // namespace ar::cli
