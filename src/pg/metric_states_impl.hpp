// Template definitions of metric_states.hpp.
#pragma once

#include <cstring>
#include <new>
#include <type_traits>

namespace ar::pg {

[[noreturn]] void refuse_state(const InvalidState& e, summary::Kind kind); // SqlError 22P03

template <typename T>
T* small_state(FunctionCallInfo fcinfo, MemoryContext context) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!PG_ARGISNULL(0)) return reinterpret_cast<T*>(PG_GETARG_POINTER(0));
    void* mem = MemoryContextAllocExtended(context, sizeof(T), MCXT_ALLOC_NO_OOM);
    if (!mem) throw std::bad_alloc();
    return new (mem) T();
}

template <typename T>
T small_from_bytes(std::string_view bytes) {
    try {
        if constexpr (std::is_same_v<T, ReactionTally>) return summary::decode_reaction(bytes);
        else return summary::decode_watch(bytes);
    } catch (const InvalidState& e) {
        refuse_state(e, std::is_same_v<T, ReactionTally> ? summary::Kind::reaction : summary::Kind::watch);
    }
}

} // namespace ar::pg
