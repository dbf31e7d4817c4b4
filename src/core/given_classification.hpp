// An event inserted with its classification already filled in: pg_restore's COPY (or a copy between
// databases) brings each row's kind_id and details. Restored rows must come back exactly, whatever order
// pg_restore -j loads the tables in (events before the user's kinds, kinds before their vocabulary) and
// whatever activity_report.on_invalid the restoring session has. So a given classification is kept when
// nothing in the taxonomy contradicts it:
//  - a kind_id the taxonomy knows is checked: the row must be a valid instance of that kind (not
//    necessarily the kind classify() would pick today: a more specific kind may have been added after the
//    row was stored); if it is not, the row is classified afresh and on_invalid applies;
//  - a kind_id the taxonomy does not know (not restored yet, or deleted since) is kept with its details:
//    nothing can check it, and it names no kind, so it counts in no kind's report, like an accepted row;
//  - a row with no kind_id whose details are an accepted row's {"problems": [...]} is kept unclassified, as
//    stored under on_invalid = accept (any session may SET that itself, so honouring the mark gives no new
//    power); it must still have a time, a user, a category and an action.
// Only inserts: an update changes the row, whose old classification then proves nothing.
#pragma once
#include "cpp_only.hpp"

#include <optional>
#include <string_view>

#include "taxonomy.hpp"

namespace ar {

struct GivenClassification {
    std::optional<int> kind_id;
    bool accepted = false; // kind_id is NULL and details have the form {"problems": [...]}
};

enum class GivenVerdict {
    classify,      // judge the row afresh (on_invalid applies)
    kind_verified, // the row is an instance of its given kind: store that kind with the captures
    keep_as_given, // store kind_id and details exactly as they came
};

struct GivenJudgement {
    GivenVerdict verdict = GivenVerdict::classify;
    const Taxonomy::Kind* kind = nullptr; // for kind_verified
};

GivenJudgement judge_given(const Taxonomy& taxonomy, const EventView& event, std::string_view vocabulary,
                           const GivenClassification& given, Captures& captures);

} // namespace ar
