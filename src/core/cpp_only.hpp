// Included first by every file of the pure core: the core must build and be tested without PostgreSQL.
#pragma once
#ifdef PG_VERSION_NUM
static_assert(false, "src/core is pure C++: do not include PostgreSQL headers before it");
#endif
#define ACTIVITY_REPORT_CPP_ONLY 1
