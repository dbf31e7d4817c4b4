#include "cli/export_reader.hpp"

namespace ar::cli {

ExportReader::ExportReader(ByteSource& source, std::optional<Layout> forced) {
    int first = source.first_significant();
    if (first == '[' || first == '{') {
        json_ = std::make_unique<JsonRecordReader>(source);
        if (!json_->next(json_record_)) return;
        // The keys of the first object play the header.
        std::vector<std::string> keys;
        for (auto& [k, v] : json_record_.members) keys.push_back(k);
        auto detected = RowMapper::detect(keys, forced);
        if (!detected.mapper || !detected.first_record_is_header)
            throw InputError(detected.error.empty() ? "the first object's keys do not name the columns of an export"
                                                    : detected.error);
        mapper_ = std::move(detected.mapper);
        pending_ = true;
        return;
    }
    csv_ = std::make_unique<CsvReader>(source);
    if (!csv_->next(csv_record_)) return;
    auto detected = RowMapper::detect(csv_record_.fields, forced);
    if (detected.no_layout) {
        // Not an export's header: maybe a catalog's.
        std::string close;
        if ((catalog_ = CatalogMapper::detect(csv_record_.fields, &close))) return;
        throw InputError(close.empty() ? detected.error : close);
    }
    if (!detected.mapper) throw InputError(detected.error);
    mapper_ = std::move(detected.mapper);
    pending_ = !detected.first_record_is_header;
}

const std::vector<std::string>& ExportReader::ignored_columns() const {
    static const std::vector<std::string> none;
    return mapper_ ? mapper_->ignored_columns() : catalog_ ? catalog_->ignored_columns() : none;
}

bool ExportReader::next(CatalogRow& row) {
    if (!catalog_ || !csv_->next(csv_record_)) return false;
    row.line = csv_record_.line;
    catalog_->map_fields(csv_record_.fields, row);
    if (!csv_record_.error.empty()) row.problem = csv_record_.error;
    return true;
}

bool ExportReader::next(StagedRow& row) {
    if (!mapper_) return false;
    if (json_) {
        if (!pending_ && !json_->next(json_record_)) return false;
        pending_ = false;
        row.line = json_record_.line;
        mapper_->map_members(json_record_.members, row);
        if (!json_record_.error.empty()) row.problem = json_record_.error, row.problem_field = "row";
        return true;
    }
    if (!pending_ && !csv_->next(csv_record_)) return false;
    pending_ = false;
    row.line = csv_record_.line;
    mapper_->map_fields(csv_record_.fields, row);
    if (!csv_record_.error.empty()) row.problem = csv_record_.error, row.problem_field = "row";
    return true;
}

} // namespace ar::cli
