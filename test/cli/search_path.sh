#!/usr/bin/env bash
# The CLI runs nobody else's code: a plain user who owns a database (and so schema public) shadows every
# function and operator the CLI's SQL uses with public overloads that record their calls, and makes
# public come first in the database's search_path. A superuser's load, report, dashboard and generate there must
# call none of them and give the same results as in a clean database (and the load counts checked by
# hand in test/cli/expected.out). Usage: test/cli/search_path.sh [path to activity-report]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
AR=${1:-activity-report}
SHADOW=ar_search_path_shadow REF=ar_search_path_ref
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export PGTZ=UTC
fail() { echo "search_path test FAILED: $*"; exit 1; }
# Our own checking queries run with a safe path, so they never call the shadows either.
qs() { PGOPTIONS='-c search_path=pg_catalog,pg_temp' psql -X -qAt -v ON_ERROR_STOP=1 "$@"; }

psql -X -q -d postgres -v ON_ERROR_STOP=1 <<SQL
DROP DATABASE IF EXISTS $SHADOW;
DROP DATABASE IF EXISTS $REF;
DROP ROLE IF EXISTS ar_shadow;
CREATE ROLE ar_shadow LOGIN;
CREATE DATABASE $SHADOW OWNER ar_shadow;
CREATE DATABASE $REF;
SQL
for db in $SHADOW $REF; do psql -X -q -d $db -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report'; done
# As the database owner, not a superuser.
psql -X -q -d $SHADOW -U ar_shadow -f "$HERE/search_path_shadows.sql"
psql -X -q -d $SHADOW -U ar_shadow -v ON_ERROR_STOP=1 -c "ALTER DATABASE $SHADOW SET search_path = public, pg_catalog"

# The shadows are live: a superuser's unqualified SQL in that database calls every one of them.
shadows=$(qs -d $SHADOW -c "SELECT count(DISTINCT p.oid) FROM pg_catalog.pg_proc p
                              WHERE p.pronamespace OPERATOR(pg_catalog.=) 'public'::pg_catalog.regnamespace
                                AND p.proname OPERATOR(pg_catalog.<>) ALL ('{shadow_hit,shadow_min_step,shadow_count_step,shadow_jsonb_agg_step}')
                                AND p.prokind OPERATOR(pg_catalog.=) ANY ('{f,a}')")
[ "$shadows" -ge 30 ] || fail "only $shadows shadow functions"
psql -X -q -d $SHADOW -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
SELECT 'a' || 1::bigint, 'a' || 'b'::text, 'a'::text = 'b'::text, 1::bigint = 2::bigint, 1::bigint = 1::integer,
       'a'::name = 'b'::name, 'a'::"char" = 'b'::"char", 1::oid = 2::oid, 1::oid = 'pg_class'::regclass,
       1::oid = 'int4'::regtype, 1::oid = 'public'::regnamespace, 'a'::name <> 'b'::name, 1::bigint > 1::smallint,
       1::smallint - 1::smallint, '[1]'::jsonb -> 0, '{"a": 1}'::jsonb ->> 'a'::text,
       lower('A'::text), md5('a'::text), btrim(' a '::text), format('%s'::text, 'a'::text), concat('a'::text, 'b'::text),
       "coalesce"('a'::text, 'b'::text), set_config('ar.canary', 'x', false),
       jsonb_build_object('a'::text, 'b'::text, 'c'::text, 'd'::text, 'e'::text, 'f'::text), jsonb_build_array('1'::jsonb),
       format_type(23::oid, NULL::integer), pg_get_function_arguments('pg_catalog.lower(text)'::regprocedure::oid),
       obj_description(1::oid, 'pg_proc'::name), row_to_json(ROW(1)),
       '{}'::jsonb - '{a}'::text[], '{}'::jsonb || '{}'::jsonb, '{a}'::text[] && '{b}'::text[], now() <= now(),
       strpos('ab'::text, 'b'::text), replace('ab'::text, 'a'::text, 'c'::text),
       to_json(now()), '"a"'::json #>> '{}'::text[], isfinite(now()), to_char(now(), 'YYYY'::text);
SELECT unnest('{1}'::oid[]), unnest('{a}'::text[]);
SELECT min(x), count(*), jsonb_agg(j) FROM (VALUES ('b'::text, '1'::jsonb), ('a', '2')) v(x, j);
SQL
hit=$(qs -d $SHADOW -c "SELECT count(DISTINCT shadow) FROM public.shadow_calls")
[ "$hit" -eq "$shadows" ] || fail "the canary query called $hit of $shadows shadows: $(qs -d $SHADOW -c 'SELECT pg_catalog.string_agg(DISTINCT shadow, $$, $$) FROM public.shadow_calls')"
qs -d $SHADOW -c "TRUNCATE public.shadow_calls"
echo "$shadows shadows in public, each one preferred by unqualified SQL"

{ echo 'User ID,Category,Action,Label,Date/Time,Content ID'
  for ((i = 0; i < 1500; i++)); do printf 'u-%d,Content - OTSession,Join,N/A,2026-03-01 %02d:%02d:00Z,s-%d\n' $((i % 40)) $((i / 60 % 24)) $((i % 60)) $((i % 5)); done
} > "$OUT/big.csv"

# The same commands in both databases, as the superuser of PG*.
cd "$HERE/data"
for db in $SHADOW $REF; do
    # identity_caps.csv first: a stand-in user that the catalog's u-alan then takes over (the identity merge).
    "$AR" load -d $db identity_caps.csv > "$OUT/$db.load" 2>&1 || fail "load in $db: $(cat "$OUT/$db.load")"
    "$AR" load -d $db sitewide.csv exporter.csv content_actions.csv >> "$OUT/$db.load" 2>&1 || [ $? -eq 3 ] || fail "load in $db: $(cat "$OUT/$db.load")"
    "$AR" load -d $db users_catalog.csv contents_catalog.csv groups_catalog.csv group_members_catalog.csv \
        users_catalog_update.csv content_types.csv >> "$OUT/$db.load" 2>&1 || [ $? -eq 3 ] || fail "catalog load in $db"
    # A file of more than 1,000 rows loaded twice: the second load sends the keys first (event_load.cpp).
    "$AR" load -d $db "$OUT/big.csv" >> "$OUT/$db.load" 2>&1 || fail "big load in $db"
    "$AR" load -d $db "$OUT/big.csv" >> "$OUT/$db.load" 2>&1 || fail "big re-load in $db"
    "$AR" load -d $db --portal initech content_actions.json >> "$OUT/$db.load" 2>&1 || [ $? -eq 3 ] || fail "load in $db"
    "$AR" load -d $db --quiet sitewide.csv >> "$OUT/$db.load" 2>&1 || [ $? -eq 3 ] || fail "reload in $db"
    "$AR" generate -d $db --quiet --events 3000 --seed 5 > /dev/null || fail "generate in $db"
    for report in sitewide_activity content_actions_log content_actions_log_json unique_users collaborative_groups \
                  collaborative_courses "user_analytics user_id=u-ada" "collaborative_users group_id=g5-g1"; do
        "$AR" report -d $db $report > "$OUT/$db.${report%% *}.csv" || fail "report $report in $db"
    done
    "$AR" report -d $db sitewide_activity --format json --from 2026-03-10 --to 2026-03-11 content_id=s-keynote > "$OUT/$db.json" \
        || fail "json report in $db"
    "$AR" report -d $db user_activity_export include=Content/Joined,Content/Leave --format table > "$OUT/$db.table" \
        || fail "table report in $db"
    "$AR" report -d $db --list > "$OUT/$db.list" || fail "report --list in $db"
    # Downloads for people: ISO dates, platform headers, rounding, tags and dimension columns.
    "$AR" report -d $db sitewide_activity --headers platform > "$OUT/$db.platform.csv" || fail "platform CSV in $db"
    "$AR" report -d $db content_actions_log --headers platform --format json > "$OUT/$db.platform.json" || fail "platform JSON in $db"
    "$AR" report -d $db unique_users --format table > "$OUT/$db.users.table" || fail "unique_users table in $db"
    "$AR" report -d $db user_sessions user_id=g5-u1 --headers platform > "$OUT/$db.sessions.csv" || fail "user_sessions in $db"
    "$AR" report -d $db --timezone Europe/Paris content_actions_log > "$OUT/$db.paris.csv" || fail "report --timezone in $db"
    "$AR" dashboard -d $db u-ada --from 2026-03-01 --format html -o "$OUT/$db.dashboard.html" || fail "dashboard in $db"
done

calls=$(qs -d $SHADOW -c "SELECT count(*) FROM public.shadow_calls")
[ "$calls" -eq 0 ] || fail "the CLI called shadows in public: $(qs -d $SHADOW -c 'SELECT pg_catalog.string_agg(DISTINCT shadow, $$, $$) FROM public.shadow_calls')"

# The load counts are those checked by hand in expected.out; and both databases hold the same rows.
for f in sitewide.csv exporter.csv content_actions.csv content_actions.json; do
    want=$(grep -m1 "^$f: .* rows read" "$HERE/expected.out")
    grep -qxF "$want" "$OUT/$SHADOW.load" || fail "load of $f: want \"$want\", got: $(cat "$OUT/$SHADOW.load")"
done
diff "$OUT/$REF.load" "$OUT/$SHADOW.load" || fail "load output differs"
sig="SELECT pg_catalog.md5(pg_catalog.string_agg(pg_catalog.concat_ws('|', source_ref, vocabulary, occurred_at, user_id, category,
       action, label, content_id, content_name, portal, kind_id, details), E'\n' ORDER BY source_ref))
       FROM activity_report.events"
[ "$(qs -d $SHADOW -c "$sig")" = "$(qs -d $REF -c "$sig")" ] || fail "events differ"
rej="SELECT pg_catalog.count(*), pg_catalog.md5(pg_catalog.string_agg(pg_catalog.concat_ws('|', origin, source_ref, reason, problems),
       E'\n' ORDER BY origin)) FROM activity_report.rejected_events"
[ "$(qs -d $SHADOW -c "$rej")" = "$(qs -d $REF -c "$rej")" ] || fail "rejected events differ"
dims="SELECT (SELECT pg_catalog.md5(pg_catalog.string_agg(u::text, E'\n' ORDER BY user_id)) FROM activity_report.users u),
             (SELECT pg_catalog.md5(pg_catalog.string_agg(c::text, E'\n' ORDER BY content_id)) FROM activity_report.contents c)"
[ "$(qs -d $SHADOW -c "$dims")" = "$(qs -d $REF -c "$dims")" ] || fail "users or contents differ"
[ "$(qs -d $SHADOW -c "SELECT pg_catalog.count(*) FROM activity_report.events WHERE source_ref LIKE 'gen:5:%'")" -gt 2000 ] \
    || fail "generate wrote too few events"
for f in sitewide_activity.csv content_actions_log.csv content_actions_log_json.csv unique_users.csv collaborative_groups.csv \
         collaborative_courses.csv user_analytics.csv collaborative_users.csv json table list paris.csv \
         platform.csv platform.json users.table sessions.csv dashboard.html; do
    [ -s "$OUT/$SHADOW.$f" ] || fail "report $f is empty"
    diff "$OUT/$REF.$f" "$OUT/$SHADOW.$f" > /dev/null || fail "report $f differs between the databases"
done

psql -X -q -d postgres -c "DROP DATABASE $SHADOW" -c "DROP DATABASE $REF" -c "DROP ROLE ar_shadow"
echo "search_path tests passed: load, report, dashboard and generate called none of the shadows and gave the same results"
