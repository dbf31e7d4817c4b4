// A one-line progress display on stderr (rows, rows/s, percent of the file) for long loads and generation.
// Drawn only when stderr is a terminal, at most four times a second; silent otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ar::cli {

class Progress {
public:
    Progress(std::string label, std::optional<std::uint64_t> total, bool quiet);
    ~Progress() { finish(); }
    // done: bytes read (or rows made) so far, compared with total for the percentage.
    void update(std::uint64_t rows, std::uint64_t done) {
        if (enabled_ && (++calls_ & 1023) == 0) draw(rows, done, false);
    }
    void finish();

private:
    void draw(std::uint64_t rows, std::uint64_t done, bool force);

    std::string label_;
    std::optional<std::uint64_t> total_;
    bool enabled_;
    bool drawn_ = false;
    std::uint64_t calls_ = 0;
    std::chrono::steady_clock::time_point start_, last_;
};

} // namespace ar::cli
