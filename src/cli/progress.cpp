#include "cli/progress.hpp"

#include <cstdio>
#include <unistd.h>

#include <fmt/format.h>

namespace ar::cli {

Progress::Progress(std::string label, std::optional<std::uint64_t> total, bool quiet)
    : label_(std::move(label)), total_(total), enabled_(!quiet && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::draw(std::uint64_t rows, std::uint64_t done, bool force) {
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::string percent = total_ && *total_ > 0 ? fmt::format(" {:5.1f}%", 100.0 * static_cast<double>(done) / static_cast<double>(*total_)) : "";
    fmt::print(stderr, "\r\x1b[K{}:{} {} rows, {:.0f} rows/s", label_, percent, rows,
               seconds > 0 ? static_cast<double>(rows) / seconds : 0.0);
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) {
        fmt::print(stderr, "\r\x1b[K");
        std::fflush(stderr);
        drawn_ = false;
    }
}

} // namespace ar::cli
