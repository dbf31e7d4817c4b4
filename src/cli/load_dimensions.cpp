#include "cli/load_dimensions.hpp"

#include "cli/csv_reader.hpp"

#include <algorithm>
#include <vector>

namespace ar::cli {

namespace {

template <std::size_t N>
void keep(std::array<std::optional<std::string>, N>& fields, const StagedRow& row, const std::array<Target, N>& from) {
    for (std::size_t i = 0; i < N; ++i)
        if (const auto& v = row[from[i]]; v && fields[i] != v) fields[i] = *v;
}

// In key order, so that what is sent does not depend on the hash table.
template <class Map>
std::string to_csv(const Map& map) {
    std::vector<const typename Map::value_type*> entries;
    for (const auto& entry : map) entries.push_back(&entry);
    std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
    std::string out;
    for (const auto* entry : entries) {
        const auto& [key, fields] = *entry;
        append_csv_field(out, key);
        for (const auto& f : fields) {
            out.push_back(',');
            if (f) append_csv_field(out, *f);
        }
        out.push_back('\n');
    }
    return out;
}

} // namespace

void DimensionCollector::add(const StagedRow& row, bool titles, std::string_view vocabulary) {
    using T = Target;
    if (const auto& user = row[T::user_id])
        keep<5>(users_[*user], row, {T::first_name, T::last_name, T::company, T::email, T::portal});
    else if (const auto& email = row[T::email])
        keep<1>(emails_[*email], row, {T::portal});
    Categories* categories = nullptr;
    if (const auto& content = row[T::content_id]) {
        Content& c = contents_[*content];
        keep<3>(c.fields, row, {T::content_name, T::content_slug, T::portal});
        categories = &c.categories;
    } else if (titles && row[T::content_name]) {
        categories = &titles_[*row[T::content_name]];
    }
    if (categories && row[T::category]) {
        const std::string& category = *row[T::category];
        bool known = false;
        for (auto& [v, c] : *categories) known = known || (c == category && v == vocabulary);
        if (!known) categories->emplace_back(std::string(vocabulary), category);
    }
}

std::string DimensionCollector::users_csv() const { return to_csv(users_); }
std::string DimensionCollector::emails_csv() const { return to_csv(emails_); }

std::string DimensionCollector::contents_csv() const {
    std::map<std::string_view, const Fields<3>*> sorted;
    for (auto& [id, c] : contents_) sorted.emplace(id, &c.fields);
    std::string out;
    for (auto& [id, fields] : sorted) {
        append_csv_field(out, id);
        for (const auto& f : *fields) {
            out.push_back(',');
            if (f) append_csv_field(out, *f);
        }
        out.push_back('\n');
    }
    return out;
}

std::string DimensionCollector::titles_csv() const {
    std::vector<std::string_view> names;
    for (auto& [name, categories] : titles_) names.push_back(name);
    std::sort(names.begin(), names.end());
    std::string out;
    for (auto name : names) {
        append_csv_field(out, name);
        out.push_back('\n');
    }
    return out;
}

std::string DimensionCollector::categories_csv() const {
    // content_id, content_name (for a content named by title alone), vocabulary, category; sorted.
    std::vector<std::string> records;
    auto add = [&](std::string_view id, std::string_view name, const Categories& categories) {
        for (auto& [vocabulary, category] : categories) {
            std::string r;
            append_csv_field(r, id);
            r.push_back(',');
            append_csv_field(r, name);
            r.push_back(',');
            append_csv_field(r, vocabulary);
            r.push_back(',');
            append_csv_field(r, category);
            r.push_back('\n');
            records.push_back(std::move(r));
        }
    };
    for (auto& [id, c] : contents_) add(id, "", c.categories);
    for (auto& [name, categories] : titles_) add("", name, categories);
    std::sort(records.begin(), records.end());
    std::string out;
    for (auto& r : records) out += r;
    return out;
}

} // namespace ar::cli
