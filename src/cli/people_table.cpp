#include "cli/people_table.hpp"

#include "cli/people_values.hpp"
#include "cli/platform_headers.hpp"
#include "core/text.hpp"

namespace ar::cli {

PeopleTable::PeopleTable(std::string_view report, std::vector<ReportColumn> columns, Headers headers)
    : columns_(std::move(columns)) {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        titles_.push_back(headers == Headers::platform ? platform_title(report, columns_[i].name) : columns_[i].name);
        if (columns_[i].kind == ColumnKind::json) json_[i];
    }
}

void PeopleTable::observe(const TableRow& row) {
    for (auto& [i, column] : json_) {
        if (i >= row.size() || !row[i] || !column.objects) continue;
        auto members = json_object_members(*row[i]);
        if (!members) {
            column.objects = false;
            continue;
        }
        for (auto& m : *members) column.keys.insert(m.first);
    }
}

const PeopleTable::JsonColumn* PeopleTable::expanded(std::size_t column) const {
    auto it = json_.find(column);
    return it != json_.end() && it->second.objects ? &it->second : nullptr;
}

std::vector<TableColumn> PeopleTable::columns() const {
    // A key spelled like another column's title (case aside) is told apart by its JSON column's title.
    std::set<std::string> taken;
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (!expanded(i)) taken.insert(ar::normalize(titles_[i]));
    std::vector<TableColumn> out;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (auto* json = expanded(i)) {
            for (auto& key : json->keys)
                out.push_back({taken.count(ar::normalize(key)) ? key + " (" + titles_[i] + ")" : key, false});
            continue;
        }
        auto kind = columns_[i].kind;
        out.push_back({titles_[i], kind == ColumnKind::number || kind == ColumnKind::decimal});
    }
    return out;
}

TableRow PeopleTable::format(const TableRow& row) const {
    TableRow out;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const std::optional<std::string> value = i < row.size() ? row[i] : std::nullopt;
        if (auto* json = expanded(i)) {
            std::map<std::string, std::optional<std::string>, std::less<>> members;
            if (value)
                if (auto parsed = json_object_members(*value))
                    for (auto& [key, v] : *parsed) members[key] = v;  // the last of a repeated key, as ->> reads json
            for (auto& key : json->keys) {
                auto it = members.find(key);
                out.push_back(it == members.end() ? std::nullopt : it->second);
            }
            continue;
        }
        if (!value) {
            out.push_back(std::nullopt);
            continue;
        }
        switch (columns_[i].kind) {
            case ColumnKind::decimal: out.push_back(round_one_decimal(*value)); break;
            case ColumnKind::array: out.push_back(joined_array(*value)); break;
            default: out.push_back(value); break;
        }
    }
    return out;
}

} // namespace ar::cli
