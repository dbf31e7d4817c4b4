// Buffered bytes of an export file for the CSV and JSON readers: skips a UTF-8 byte order mark and counts
// the bytes consumed (for progress). Pure C++.
#pragma once

#include <cstdint>
#include <istream>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace ar::cli {

// Thrown when the input cannot be read on: the file as a whole is refused.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ByteSource {
public:
    explicit ByteSource(std::istream& in) : in_(in), buffer_(std::size_t{1} << 16) {}

    int peek() { return fill() ? static_cast<unsigned char>(buffer_[pos_]) : -1; }
    int get() {
        if (!fill()) return -1;
        ++consumed_;
        return static_cast<unsigned char>(buffer_[pos_++]);
    }
    std::uint64_t bytes_read() const { return consumed_; }
    // The buffered bytes not consumed yet (refilled when none are left; empty at the end), for readers that
    // scan runs of ordinary bytes at once; skip(n) consumes n of them.
    std::string_view window() {
        if (!fill()) return {};
        return {buffer_.data() + pos_, end_ - pos_};
    }
    void skip(std::size_t n) {
        pos_ += n;
        consumed_ += n;
    }
    // The first byte that is not white space among those buffered, without consuming anything: tells a
    // JSON document from CSV (the first chunk holds 64 KiB, or the whole input).
    int first_significant() {
        fill();
        for (std::size_t i = pos_; i < end_; ++i)
            if (buffer_[i] != ' ' && buffer_[i] != '\t' && buffer_[i] != '\n' && buffer_[i] != '\r')
                return static_cast<unsigned char>(buffer_[i]);
        return -1;
    }

private:
    bool fill() {
        if (pos_ < end_) return true;
        in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        end_ = static_cast<std::size_t>(in_.gcount());
        pos_ = 0;
        if (in_.bad()) throw InputError("read error");
        // istream::read fills the whole chunk unless the input ends, so a BOM is always seen whole here.
        if (first_) {
            first_ = false;
            if (end_ >= 3 && buffer_[0] == '\xEF' && buffer_[1] == '\xBB' && buffer_[2] == '\xBF') {
                pos_ = 3;
                consumed_ = 3;
            }
        }
        return pos_ < end_;
    }

    std::istream& in_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0, end_ = 0;
    std::uint64_t consumed_ = 0;
    bool first_ = true;
};

} // namespace ar::cli
