// Module-wide settings.
#pragma once

namespace ar::pg {

// activity_report.on_invalid: what the events trigger does with an event that fails validation.
enum OnInvalid { on_invalid_error = 0, on_invalid_reject = 1, on_invalid_accept = 2 };
extern int on_invalid;
// The setting now: on_invalid, or, when the library was loaded during a parallel operation and defined no
// settings (module.cpp), the session's placeholder value.
int current_on_invalid();

} // namespace ar::pg
