// One identity per person, whatever the order of the files (design §11). A learner known only by email (the
// Content Actions Log) is loaded under a stand-in user whose user_id is that email; once a real user with the
// same email is known (from an event file or a users catalog), the stand-in's events, memberships and
// authorships move to the real user, which takes the stand-in's fields it lacks, and the stand-in goes.
#pragma once

#include "cli/pg_session.hpp"

namespace ar::cli {

// Moves every stand-in whose real user is known to it. Run by activity-report load after each file, in that
// file's transaction.
void reconcile_identities(PgSession& db);

} // namespace ar::cli
