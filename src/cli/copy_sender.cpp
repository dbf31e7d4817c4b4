#include "cli/copy_sender.hpp"

namespace ar::cli {

namespace {
constexpr std::size_t max_queued = 8;
}

CopySender::CopySender(PgSession& db) : db_(db), thread_([this] { run(); }) {}

CopySender::~CopySender() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
        queue_.clear();
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void CopySender::put(std::string chunk) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < max_queued || error_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(chunk));
    changed_.notify_all();
}

void CopySender::finish() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
}

void CopySender::run() {
    for (;;) {
        std::string chunk;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || done_; });
            if (queue_.empty()) return;
            chunk = std::move(queue_.front());
            queue_.pop_front();
        }
        changed_.notify_all();
        try {
            db_.copy_in_put(chunk);
        } catch (...) {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
            queue_.clear();
            changed_.notify_all();
            return;
        }
    }
}

} // namespace ar::cli
