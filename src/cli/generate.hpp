// STUB (replaced by the generator branch)
#pragma once
#include <cstdint>
#include <string_view>
namespace ar::cli {
struct GenerateOptions {
    std::uint64_t events = 100000;
    std::uint64_t seed = 1;
};
class TableSink {
public:
    virtual ~TableSink() = default;
    virtual void begin(std::string_view table, std::string_view columns) = 0;
    virtual void row(std::string_view csv_line) = 0;
    virtual void end() = 0;
};
void generate(const GenerateOptions& options, TableSink& sink);
}
