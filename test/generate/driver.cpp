// Writes the generator's tables as CSV files for test/generate_valid.sh: DIR/<table>.csv (no header) and
// DIR/<table>.columns (the COPY column list), in load order in DIR/tables. Usage: driver EVENTS SEED DIR
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "cli/generate.hpp"

namespace {

class FileSink : public ar::cli::TableSink {
public:
    explicit FileSink(std::string dir) : dir_(std::move(dir)), list_(dir_ + "/tables") {}
    void begin(std::string_view table, std::string_view columns) override {
        std::ofstream(fmt::format("{}/{}.columns", dir_, table)) << columns << '\n';
        list_ << table << '\n';
        out_.open(fmt::format("{}/{}.csv", dir_, table), std::ios::binary);
        out_.rdbuf()->pubsetbuf(buffer_, sizeof buffer_);
    }
    void row(std::string_view line) override {
        out_.write(line.data(), static_cast<std::streamsize>(line.size()));
        out_.put('\n');
    }
    void end() override { out_.close(); }

private:
    std::string dir_;
    std::ofstream list_, out_;
    char buffer_[1 << 16];
};

class NullSink : public ar::cli::TableSink {
public:
    std::size_t bytes = 0;
    void begin(std::string_view, std::string_view) override {}
    void row(std::string_view line) override { bytes += line.size(); }
    void end() override {}
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s EVENTS SEED DIR\n", argv[0]);
        return 2;
    }
    const ar::cli::GenerateOptions opt{std::strtoull(argv[1], nullptr, 10), std::strtoull(argv[2], nullptr, 10)};
    auto t0 = std::chrono::steady_clock::now();
    {
        FileSink sink(argv[3]);
        ar::cli::generate(opt, sink);
    }
    const double to_files = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Generation alone, without the file system: 10x the events.
    NullSink null;
    const ar::cli::GenerateOptions big{opt.events * 10, opt.seed};
    t0 = std::chrono::steady_clock::now();
    ar::cli::generate(big, null);
    const double alone = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("generated {} events to files in {:.3f} s ({:.0f} ns/event); {} events alone in {:.3f} s "
               "({:.0f} ns/event, {:.0f} bytes/event)\n",
               opt.events, to_files, opt.events ? to_files * 1e9 / opt.events : 0.0, big.events, alone,
               big.events ? alone * 1e9 / big.events : 0.0,
               big.events ? static_cast<double>(null.bytes) / big.events : 0.0);
    return 0;
}
