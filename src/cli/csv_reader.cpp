#include "cli/csv_reader.hpp"

#include <fmt/format.h>

namespace ar::cli {

CsvReader::CsvReader(ByteSource& source, std::size_t max_field_bytes) : source_(source), max_field_(max_field_bytes) {}

int CsvReader::peek() { return source_.peek(); }
int CsvReader::get() { return source_.get(); }

bool CsvReader::next(CsvRecord& record) {
    for (;;) {
        record.fields.clear();
        record.error.clear();
        record.line = line_;
        if (peek() == -1) return false;

        std::string field;
        bool quoted = false;      // inside a quoted section
        bool was_quoted = false;  // the field started with a quote
        bool closed = false;      // its closing quote was seen
        bool at_field_start = true;
        for (;;) {
            int c = get();
            if (c == -1) {
                if (quoted) record.error = fmt::format("a quoted field starting on line {} is never closed", record.line);
                record.fields.push_back(std::move(field));
                break;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') { get(); field.push_back('"'); }
                    else { quoted = false; closed = true; }
                } else {
                    if (c == '\n') ++line_;
                    field.push_back(static_cast<char>(c));
                }
            } else if (c == '"' && at_field_start) {
                quoted = was_quoted = true;
            } else if (c == ',') {
                record.fields.push_back(std::move(field));
                field.clear();
                was_quoted = closed = false;
                at_field_start = true;
                continue;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') get();
                ++line_;
                record.fields.push_back(std::move(field));
                break;
            } else {
                // A quote inside an unquoted field is literal; text after a closing quote is kept but flagged.
                if (closed && record.error.empty())
                    record.error = fmt::format("unexpected text after the closing quote of field {} on line {}",
                                               record.fields.size() + 1, line_);
                field.push_back(static_cast<char>(c));
            }
            at_field_start = false;
            if (field.size() > max_field_)
                throw InputError(fmt::format("a field starting on line {} is longer than {} MiB (is a quote left open?)",
                                             record.line, max_field_ >> 20));
        }
        // A blank line is not a record.
        if (record.fields.size() == 1 && record.fields[0].empty() && record.error.empty() && !was_quoted) continue;
        return true;
    }
}

void append_csv_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

} // namespace ar::cli
