#include "cli/identity.hpp"

#include <string_view>

namespace ar::cli {

namespace {

// A stand-in is a user whose ID is its own email (case-insensitive); its real user is the lowest user_id
// among the others with that email.
constexpr const char* identity_moves_sql = R"(
    CREATE TEMP TABLE pg_temp.ar_identity_moves ON COMMIT DROP AS
    SELECT p.user_id AS from_id, r.user_id AS to_id
      FROM activity_report.users p
      CROSS JOIN LATERAL (SELECT o.user_id FROM activity_report.users o
                           WHERE pg_catalog.lower(o.email) OPERATOR(pg_catalog.=) pg_catalog.lower(p.email)
                             AND pg_catalog.lower(o.user_id) OPERATOR(pg_catalog.<>) pg_catalog.lower(o.email)
                           ORDER BY o.user_id LIMIT 1) r
     WHERE pg_catalog.lower(p.user_id) OPERATOR(pg_catalog.=) pg_catalog.lower(p.email))";

// Run only when identity_moves_sql found a stand-in to move.
constexpr const char* identity_merge_sql[] = {
    R"(UPDATE activity_report.events e SET user_id = m.to_id
         FROM pg_temp.ar_identity_moves m WHERE e.user_id OPERATOR(pg_catalog.=) m.from_id)",
    R"(DELETE FROM activity_report.group_members g USING pg_temp.ar_identity_moves m
        WHERE g.user_id OPERATOR(pg_catalog.=) m.from_id
          AND EXISTS (SELECT FROM activity_report.group_members o
                       WHERE o.group_id OPERATOR(pg_catalog.=) g.group_id AND o.user_id OPERATOR(pg_catalog.=) m.to_id))",
    R"(UPDATE activity_report.group_members g SET user_id = m.to_id
         FROM pg_temp.ar_identity_moves m WHERE g.user_id OPERATOR(pg_catalog.=) m.from_id)",
    R"(UPDATE activity_report.contents c SET author = m.to_id
         FROM pg_temp.ar_identity_moves m WHERE c.author OPERATOR(pg_catalog.=) m.from_id)",
    R"(UPDATE activity_report.contents c
          SET co_authors = ARRAY(SELECT COALESCE(m.to_id, x.who)
                                   FROM pg_catalog.unnest(c.co_authors) WITH ORDINALITY x(who, n)
                                   LEFT JOIN pg_temp.ar_identity_moves m ON m.from_id OPERATOR(pg_catalog.=) x.who
                                  ORDER BY x.n)
        WHERE c.co_authors OPERATOR(pg_catalog.&&) ARRAY(SELECT from_id FROM pg_temp.ar_identity_moves))",
    // The real user keeps what it has and takes what only the stand-in knew.
    R"(UPDATE activity_report.users r
          SET first_name = COALESCE(r.first_name, p.first_name), last_name = COALESCE(r.last_name, p.last_name),
              company = COALESCE(r.company, p.company), role = COALESCE(r.role, p.role),
              industry = COALESCE(r.industry, p.industry), country = COALESCE(r.country, p.country),
              additional_information = COALESCE(r.additional_information, p.additional_information),
              tags = CASE WHEN r.tags OPERATOR(pg_catalog.=) '{}' THEN p.tags ELSE r.tags END,
              dimensions = p.dimensions OPERATOR(pg_catalog.||) r.dimensions,
              portal = COALESCE(r.portal, p.portal)
         FROM pg_temp.ar_identity_moves m JOIN activity_report.users p ON p.user_id OPERATOR(pg_catalog.=) m.from_id
        WHERE r.user_id OPERATOR(pg_catalog.=) m.to_id)",
    R"(DELETE FROM activity_report.users p USING pg_temp.ar_identity_moves m WHERE p.user_id OPERATOR(pg_catalog.=) m.from_id)",
};

} // namespace

void reconcile_identities(PgSession& db) {
    db.exec(identity_moves_sql);
    auto moves = db.exec("SELECT pg_catalog.count(*) FROM pg_temp.ar_identity_moves");
    if (std::string_view(PQgetvalue(moves.get(), 0, 0)) != "0")
        for (const char* sql : identity_merge_sql) db.exec(sql);
    db.exec("DROP TABLE pg_temp.ar_identity_moves");
}

} // namespace ar::cli
