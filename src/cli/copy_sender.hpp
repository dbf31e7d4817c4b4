// COPY data sent from a second thread, so that reading and converting a file overlaps with the server's work
// on what was sent (one thread would wait for the server whenever the socket is full). At most a few chunks
// wait in between, so memory stays flat. While a CopySender lives, only it uses the session.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "cli/pg_session.hpp"

namespace ar::cli {

class CopySender {
public:
    explicit CopySender(PgSession& db);
    ~CopySender();  // stops the thread (what was not sent yet is dropped)

    // Queues a chunk (waits while the queue is full); rethrows the sender's error, if any.
    void put(std::string chunk);
    // Sends what is queued and stops; rethrows the sender's error, if any.
    void finish();

private:
    void run();

    PgSession& db_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> queue_;
    bool done_ = false;
    std::exception_ptr error_;
    std::thread thread_;
};

} // namespace ar::cli
