// One platform export (CSV or JSON, told apart by its first byte) read as staged event rows: the layout is
// detected from the header or forced, every record becomes a row with its line number and, when the
// client can already tell, the problem that will reject it. Pure C++.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/byte_source.hpp"
#include "cli/csv_reader.hpp"
#include "cli/json_reader.hpp"
#include "cli/layouts.hpp"

namespace ar::cli {

class ExportReader {
public:
    // Throws InputError when the layout cannot be told (the message says what was expected).
    ExportReader(ByteSource& source, std::optional<Layout> forced);

    bool empty() const { return !mapper_; }  // no records at all (nothing to load)
    Layout layout() const { return mapper_->layout(); }
    bool is_json() const { return json_ != nullptr; }
    const std::vector<std::string>& ignored_columns() const;

    // The next data row; false at the end. Throws InputError when the file cannot be read on.
    bool next(StagedRow& row);

private:
    std::unique_ptr<CsvReader> csv_;
    std::unique_ptr<JsonRecordReader> json_;
    std::optional<RowMapper> mapper_;
    CsvRecord csv_record_;
    JsonRecord json_record_;
    bool pending_ = false;  // the first record is data, not yet returned
};

} // namespace ar::cli
