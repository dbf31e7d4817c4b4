// The backend's compiled taxonomy: loaded with SPI on first use, dropped when a taxonomy table changes
// (relcache invalidation sent by a statement trigger on those tables), and always the one the current
// statement's snapshot sees: a change committed before a statement's snapshot is used by that statement,
// in READ COMMITTED, REPEATABLE READ and SERIALIZABLE alike.
#pragma once

#include <memory>

#include "core/taxonomy.hpp"

namespace ar::pg {

std::shared_ptr<const Taxonomy> current_taxonomy(); // call inside a boundary
// The same, without a reference count for per-row callers: valid until the next call of either.
const Taxonomy& taxonomy();
void register_taxonomy_invalidation();

} // namespace ar::pg
