// One platform export (CSV or JSON, told apart by its first byte) read as staged event rows: the layout is
// detected from the header or forced, every record becomes a row with its line number and, when the
// client can already tell, the problem that will reject it. A CSV file whose header is a catalog's (users,
// contents, groups, group members) is read as catalog rows instead. Pure C++.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/byte_source.hpp"
#include "cli/catalogs.hpp"
#include "cli/csv_reader.hpp"
#include "cli/json_reader.hpp"
#include "cli/layouts.hpp"

namespace ar::cli {

class ExportReader {
public:
    // Throws InputError when the layout cannot be told (the message says what was expected).
    ExportReader(ByteSource& source, std::optional<Layout> forced);

    bool empty() const { return !mapper_ && !catalog_; }  // no records at all (nothing to load)
    // A catalog file: read it with next(CatalogRow&); otherwise an export of layout().
    const CatalogMapper* catalog() const { return catalog_ ? &*catalog_ : nullptr; }
    Layout layout() const { return mapper_->layout(); }
    bool is_json() const { return json_ != nullptr; }
    const std::vector<std::string>& ignored_columns() const;

    // The next data row; false at the end. Throws InputError when the file cannot be read on.
    bool next(StagedRow& row);
    bool next(CatalogRow& row);

private:
    std::unique_ptr<CsvReader> csv_;
    std::unique_ptr<JsonRecordReader> json_;
    std::optional<RowMapper> mapper_;
    std::optional<CatalogMapper> catalog_;
    CsvRecord csv_record_;
    JsonRecord json_record_;
    bool pending_ = false;  // the first record is data, not yet returned
};

} // namespace ar::cli
