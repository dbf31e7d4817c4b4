#include "interrupt.hpp"

namespace ar {

namespace {
InterruptHook hook = nullptr; // a backend is single-threaded; set once at module load
}

void set_interrupt_hook(InterruptHook h) noexcept { hook = h; }

void WorkMeter::poll() {
    left_ = interval;
    if (hook) hook();
}

} // namespace ar
