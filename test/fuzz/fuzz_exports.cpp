// libFuzzer target: any bytes through the export reader (CSV or JSON, layout or catalog detection, row mapping).
// Malformed input may throw InputError or yield flagged rows; it must never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "cli/export_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks a forced layout (or none); the rest is the file.
    std::optional<ar::cli::Layout> forced;
    if (data[0] % 4 != 3) forced = static_cast<ar::cli::Layout>(data[0] % 4);
    std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
    try {
        ar::cli::ByteSource source(in);
        ar::cli::ExportReader reader(source, forced);
        if (reader.catalog()) {
            ar::cli::CatalogRow row;
            while (reader.next(row)) {}
        } else {
            ar::cli::StagedRow row;
            while (reader.next(row)) {}
        }
    } catch (const ar::cli::InputError&) {
    }
    return 0;
}
