// Template definitions of metric_states.hpp.
#pragma once

#include <cstring>
#include <new>
#include <type_traits>

namespace ar::pg {

Datum tagged_bytes(StateTag tag, std::string_view payload);
std::string_view untag(std::string_view bytes, StateTag tag); // throws SqlError when the tag is wrong

template <typename T>
T* small_state(FunctionCallInfo fcinfo, MemoryContext context) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!PG_ARGISNULL(0)) return reinterpret_cast<T*>(PG_GETARG_POINTER(0));
    void* mem = MemoryContextAllocExtended(context, sizeof(T), MCXT_ALLOC_NO_OOM);
    if (!mem) throw std::bad_alloc();
    return new (mem) T();
}

template <typename T>
Datum small_bytes(const T& state, StateTag tag) {
    return tagged_bytes(tag, {reinterpret_cast<const char*>(&state), sizeof(T)});
}

template <typename T>
T small_from_bytes(std::string_view bytes, StateTag tag) {
    std::string_view payload = untag(bytes, tag);
    if (payload.size() != sizeof(T)) throw SqlError(ERRCODE_DATA_CORRUPTED, "activity_report: corrupt metric state (wrong size)");
    T state;
    std::memcpy(static_cast<void*>(&state), payload.data(), sizeof(T));
    return state;
}

} // namespace ar::pg
