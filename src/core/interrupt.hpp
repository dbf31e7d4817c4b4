// Long computations of the core (matching a pattern against a huge value) call a hook every so often, so
// that the extension can honour query cancel and statement_timeout: its hook runs CHECK_FOR_INTERRUPTS
// and reports an interrupt by throwing a C++ exception, which unwinds the core's frames normally.
#pragma once
#include "cpp_only.hpp"

#include <cstdint>

namespace ar {

using InterruptHook = void (*)();
void set_interrupt_hook(InterruptHook hook) noexcept; // nullptr: none (the default)

// Counts steps of work; every `interval` steps it calls the hook, which may throw.
class WorkMeter {
public:
    static constexpr long interval = 1 << 16;
    void step(long steps = 1) {
        if ((left_ -= steps) <= 0) poll();
    }

private:
    void poll();
    long left_ = interval;
};

} // namespace ar
