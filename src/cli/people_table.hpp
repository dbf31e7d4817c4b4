// A report laid out for people (CSV with --headers platform, --format table): the platform's titles (or the
// SQL names), numbers of real and double precision columns (minutes, rates) to one decimal, arrays joined
// with '|', and each key of a JSON object column (unique_users.dimensions) its own column: the union of the
// keys over all rows, sorted by their bytes, empty where a row lacks one. A JSON column holding anything
// but objects stays one column. Pure C++.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/report_columns.hpp"
#include "cli/table_format.hpp"

namespace ar::cli {

class PeopleTable {
public:
    PeopleTable(std::string_view report, std::vector<ReportColumn> columns, Headers headers);

    // True when a JSON column's keys decide the columns: observe every row before columns() and format().
    bool needs_all_rows() const { return !json_.empty(); }
    void observe(const TableRow& row);

    std::vector<TableColumn> columns() const;
    TableRow format(const TableRow& row) const;

private:
    struct JsonColumn {
        std::set<std::string> keys;
        bool objects = true;  // every non-NULL value is an object
    };
    const JsonColumn* expanded(std::size_t column) const;

    std::vector<ReportColumn> columns_;
    std::vector<std::string> titles_;
    std::map<std::size_t, JsonColumn> json_;
};

} // namespace ar::cli
