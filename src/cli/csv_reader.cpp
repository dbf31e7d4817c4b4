#include "cli/csv_reader.hpp"

#include <fmt/format.h>

namespace ar::cli {

CsvReader::CsvReader(ByteSource& source, std::size_t max_field_bytes) : source_(source), max_field_(max_field_bytes) {}

int CsvReader::peek() { return source_.peek(); }
int CsvReader::get() { return source_.get(); }

namespace {

// Bytes that end a run of ordinary ones: outside quotes the separators and a quote, inside quotes a quote and
// a newline (which is counted).
struct Specials {
    bool unquoted[256] = {}, quoted[256] = {};
    constexpr Specials() {
        for (unsigned char c : {',', '\n', '\r', '"'}) unquoted[c] = true;
        for (unsigned char c : {'"', '\n'}) quoted[c] = true;
    }
};
constexpr Specials specials;

} // namespace

bool CsvReader::next(CsvRecord& record) {
    for (;;) {
        // Fields are reused from record to record (their buffers stay allocated).
        std::size_t count = 0;
        record.error.clear();
        record.line = line_;
        if (peek() == -1) {
            record.fields.clear();
            return false;
        }
        auto next_field = [&]() -> std::string& {
            if (count == record.fields.size()) record.fields.emplace_back();
            std::string& f = record.fields[count++];
            f.clear();
            return f;
        };

        std::string* field = &next_field();
        bool quoted = false;      // inside a quoted section
        bool was_quoted = false;  // the field started with a quote
        bool closed = false;      // its closing quote was seen
        bool at_field_start = true;
        for (;;) {
            // A run of ordinary bytes at once.
            std::string_view w = source_.window();
            const bool* special = quoted ? specials.quoted : specials.unquoted;
            std::size_t run = 0;
            while (run < w.size() && !special[static_cast<unsigned char>(w[run])]) ++run;
            if (run) {
                if (!quoted && closed && record.error.empty())
                    record.error = fmt::format("unexpected text after the closing quote of field {} on line {}", count, line_);
                field->append(w.data(), run);
                source_.skip(run);
                at_field_start = false;
                if (field->size() > max_field_)
                    throw InputError(fmt::format("a field starting on line {} is longer than {} MiB (is a quote left open?)",
                                                 record.line, max_field_ >> 20));
                if (run == w.size()) continue;
            }
            int c = get();
            if (c == -1) {
                if (quoted) record.error = fmt::format("a quoted field starting on line {} is never closed", record.line);
                break;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') { get(); field->push_back('"'); }
                    else { quoted = false; closed = true; }
                } else {
                    if (c == '\n') ++line_;
                    field->push_back(static_cast<char>(c));
                }
            } else if (c == '"' && at_field_start) {
                quoted = was_quoted = true;
            } else if (c == ',') {
                field = &next_field();
                was_quoted = closed = false;
                at_field_start = true;
                continue;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') get();
                ++line_;
                break;
            } else {
                // A quote inside an unquoted field is literal; text after a closing quote is kept but flagged.
                if (closed && record.error.empty())
                    record.error = fmt::format("unexpected text after the closing quote of field {} on line {}", count, line_);
                field->push_back(static_cast<char>(c));
            }
            at_field_start = false;
            if (field->size() > max_field_)
                throw InputError(fmt::format("a field starting on line {} is longer than {} MiB (is a quote left open?)",
                                             record.line, max_field_ >> 20));
        }
        record.fields.resize(count);
        // A blank line is not a record.
        if (count == 1 && record.fields[0].empty() && record.error.empty() && !was_quoted) continue;
        return true;
    }
}

void append_csv_field(std::string& out, std::string_view field) {
    bool plain = true;
    for (char c : field) plain = plain && !specials.unquoted[static_cast<unsigned char>(c)];
    if (plain) {
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
