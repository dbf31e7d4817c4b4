// A std::pmr memory resource over a PostgreSQL memory context, for C++ aggregate states: memory is
// accounted to (and freed with) the aggregate context, so a state needs no destructor. Allocation
// failure throws std::bad_alloc instead of longjmp-ing through C++ code.
#pragma once

#include <memory_resource>
#include <new>

#include "pg/boundary.hpp"

extern "C" {
#include "utils/memutils.h"
}

namespace ar::pg {

class ContextResource final : public std::pmr::memory_resource {
public:
    explicit ContextResource(MemoryContext context) : context_(context) {}

private:
    void* do_allocate(std::size_t bytes, std::size_t alignment) override {
        if (alignment > MAXIMUM_ALIGNOF) throw std::bad_alloc();
        void* p = MemoryContextAllocExtended(context_, bytes ? bytes : 1, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
        if (!p) throw std::bad_alloc();
        return p;
    }
    void do_deallocate(void* p, std::size_t, std::size_t) override { pfree(p); }
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

    MemoryContext context_;
};

// Constructs T (taking the resource as its last argument) inside `context`; never destroyed: resetting
// the context frees it, and everything it allocated came from the same context.
template <typename T, typename... Args>
T* make_in_context(MemoryContext context, Args&&... args) {
    struct Holder {
        ContextResource resource;
        T value;
    };
    void* mem = MemoryContextAllocExtended(context, sizeof(Holder), MCXT_ALLOC_NO_OOM);
    if (!mem) throw std::bad_alloc();
    auto* h = static_cast<Holder*>(mem);
    new (&h->resource) ContextResource(context);
    new (&h->value) T(std::forward<Args>(args)..., &h->resource);
    return &h->value;
}

} // namespace ar::pg
