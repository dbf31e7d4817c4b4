#!/usr/bin/env bash
# pg_dump + pg_restore bring back every row exactly, with no setting made by hand: every event (kind_id and
# details included, also rows stored under on_invalid = accept, events of a user vocabulary's kinds, an event
# classified before a more specific kind was added, one whose kind was deleted since), every rejected row,
# every user-added taxonomy row (once, beside the seeds) and the dimensions. Three ways: a plain SQL script
# through psql, pg_restore of a custom archive, and pg_restore -j 2 of a directory archive (tables load in
# parallel, in any order: events before the user's kinds, kinds before their vocabulary).
# Runs against the cluster in PGHOST/PGPORT (scripts/test.sh starts one).
set -euo pipefail
src=ar_dump_src dst=ar_dump_dst
work=$(mktemp -d /tmp/ar_dump.XXXXXX)
trap 'rm -rf "$work"; dropdb --if-exists $src; dropdb --if-exists $dst' EXIT
q() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

dropdb --if-exists $src 2>/dev/null; dropdb --if-exists $dst 2>/dev/null
createdb $src
q $src "CREATE EXTENSION activity_report"
# A user vocabulary and its kinds; a content type and a reaction of the user's.
q $src "INSERT INTO activity_report.vocabularies (vocabulary, title) VALUES ('acme_lms', 'ACME LMS')"
q $src "INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, label_pattern, roles)
        VALUES ('acme_lms', 'Quizzes', 'Scored', 'Quiz - [Quiz name]', 'Score', '[Score percentage]', '{completion}')"
q $src "INSERT INTO activity_report.content_types (content_type, is_session, is_live) VALUES ('Hackathon', true, false)"
q $src "INSERT INTO activity_report.reaction_types (reaction, polarity) VALUES ('Mind blown', 1)"
q $src "INSERT INTO activity_report.users (user_id, email) VALUES ('u1', 'u1@example.com')"
# 20,000 seeded-kind events (so that the events table is the big one pg_restore -j starts with) and events of
# the user's kind.
q $src "INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id, source_ref)
        SELECT '2026-01-01 00:00+00'::timestamptz + i * interval '1 minute', 'u' || i % 50, 'Content - OTSession',
               (ARRAY['View', 'Join', 'Leave', 'Watch'])[1 + i % 4], 'N/A',
               's' || i % 7, 'bulk-' || i
          FROM generate_series(1, 20000) i"
q $src "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, source_ref)
        VALUES ('acme_lms', '2026-01-01 10:00+00', 'u1', 'Quiz - Ciphers', 'Score', '80%', 'r1'),
               ('acme_lms', '2026-01-01 10:01+00', 'u1', 'Quiz - Hashes', 'Score', '55%', 'r2'),
               ('activity_exporter', '2026-01-01 10:05+00', 'u1', 'Content - Hackathon', 'View', 'N/A', 'r3')"
# Under accept: invalid rows of both vocabularies, and one that a kind added afterwards would match.
q $src "SET activity_report.on_invalid = accept;
        INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, source_ref)
        VALUES ('activity_exporter', '2026-01-02 09:00+00', 'u1', 'Nope', 'Nope', NULL, 'a1'),
               ('acme_lms', '2026-01-02 09:01+00', 'u1', 'Quiz - Ciphers', 'Score', '180%', 'a2'),
               ('acme_lms', '2026-01-02 09:02+00', 'u1', 'Quiz - Ciphers', 'Open', NULL, 'a3')"
# Kinds added later: a.3 stays unclassified, r3 keeps the less specific kind it was stored with.
q $src "INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, label_pattern, roles)
        VALUES ('acme_lms', 'Quizzes', 'Opened', 'Quiz - [Quiz name]', 'Open', 'N/A', '{view}'),
               ('activity_exporter', 'Hackathons', 'Hackathon visit', 'Content - Hackathon', 'View', 'N/A', '{view}')"
# An event whose kind was deleted afterwards keeps that kind_id.
q $src "INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, roles)
        VALUES ('acme_lms', 'Quizzes', 'Retired', 'Quiz - [Quiz name]', 'Retire', '{}')"
q $src "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, source_ref)
        VALUES ('acme_lms', '2026-01-03 08:00+00', 'u1', 'Quiz - Old', 'Retire', 'd1')"
q $src "DELETE FROM activity_report.activity_kinds WHERE name = 'Retired'"
# Under reject: rejected rows, one with a BC time.
q $src "SET activity_report.on_invalid = reject;
        INSERT INTO activity_report.events (occurred_at, user_id, category, action, source_ref)
        VALUES ('2026-01-01', 'u1', 'Nope', 'Nope', 'j1'), ('0044-03-15 10:00+00 BC', 'u1', 'Nope', 'Nope', 'j2')"

# Partitions (README "Partitions"): January 2026 gets its own after its rows are in (they move out of the
# default partition), February has one made before its rows, March has none (its row stays in the default
# partition), and an event at infinity is in the default partition too.
q $src "INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, source_ref)
        VALUES ('2026-03-05 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A', 'm1'),
               ('infinity', 'u1', 'Content - OTSession', 'View', 'N/A', 'm2')"
made=$(q $src "SELECT activity_report.ensure_event_partitions('2026-01-01', '2026-03-01')")
q $src "INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, source_ref)
        VALUES ('2026-02-05 10:00+00', 'u1', 'Content - OTSession', 'View', 'N/A', 'f1')"

# Every row of every table the restore must bring back, in a fixed order, as COPY text.
snapshot() { # database -> file
    local db=$1
    {
        for t in events:event_id rejected_events:rejected_id users:user_id contents:content_id groups:group_id \
                 portal_access:role_name; do
            echo "== ${t%%:*}"
            psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" -c "COPY (SELECT * FROM activity_report.${t%%:*} ORDER BY ${t#*:}) TO STDOUT"
        done
        echo "== partitions of events (bound, rows, indexes, triggers, privileges, extension member)"
        psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" -c "SELECT c.oid::regclass, pg_get_expr(c.relpartbound, c.oid),
                (SELECT count(*) FROM activity_report.events e WHERE e.tableoid = c.oid),
                (SELECT string_agg(pg_get_indexdef(x.indexrelid), ' ' ORDER BY pg_get_indexdef(x.indexrelid)) FROM pg_index x WHERE x.indrelid = c.oid),
                (SELECT string_agg(t.tgname, ' ' ORDER BY t.tgname) FROM pg_trigger t WHERE t.tgrelid = c.oid), c.relacl,
                EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'),
                obj_description(c.oid, 'pg_class')
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'activity_report.events'::regclass ORDER BY 1::text"
        for t in vocabularies:vocabulary activity_kinds:kind_id content_types:content_type reaction_types:reaction; do
            echo "== ${t%%:*} (user rows; seeded rows counted)"
            psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" -c "COPY (SELECT * FROM activity_report.${t%%:*} WHERE NOT seeded ORDER BY ${t#*:}) TO STDOUT"
            psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" -c "SELECT count(*) FROM activity_report.${t%%:*} WHERE seeded"
        done
    } > "$2"
}
snapshot $src "$work/before"

passed=0 failed=0
check() { # name expected actual
    if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1: expected '$2', got '$3'"; fi
}
# The source itself is what the statements above made (counted by hand): 20,000 + 3 + 3 + 1 + 3 events, 2 rejected.
check "source: events stored" 20010 "$(q $src "SELECT count(*) FROM activity_report.events")"
check "source: accepted rows unclassified" 3 "$(q $src "SELECT count(*) FROM activity_report.events WHERE kind_id IS NULL AND details ? 'problems'")"
check "source: r3 has the seeded kind Content / Viewed" "Viewed" \
      "$(q $src "SELECT k.name FROM activity_report.events e JOIN activity_report.activity_kinds k USING (kind_id) WHERE source_ref = 'r3'")"
check "source: d1 names a kind that no longer exists" "t" \
      "$(q $src "SELECT kind_id IS NOT NULL AND NOT EXISTS (SELECT FROM activity_report.activity_kinds k WHERE k.kind_id = e.kind_id) FROM activity_report.events e WHERE source_ref = 'd1'")"
check "source: partitions made" 2 "$made"
check "source: rows per partition" "activity_report.events_default 2 activity_report.events_y2026m01 20007 activity_report.events_y2026m02 1" \
      "$(q $src "SELECT string_agg(p || ' ' || n, ' ' ORDER BY p) FROM (SELECT tableoid::regclass::text p, count(*) n FROM activity_report.events GROUP BY 1) x")"
check "source: rejected rows" 2 "$(q $src "SELECT count(*) FROM activity_report.rejected_events")"

pg_dump -Fp -f "$work/plain.sql" $src
pg_dump -Fc -f "$work/custom.dump" $src
pg_dump -Fd -f "$work/dir.dump" $src

restored() { # name, restore command (database $dst)
    dropdb --if-exists $dst
    createdb $dst
    local log=$work/restore.log
    if ! "${@:2}" > "$log" 2>&1; then
        failed=$((failed + 1)); echo "not ok - $1: the restore failed"; sed 's/^/    /' "$log" | head -20
        return
    fi
    snapshot $dst "$work/after"
    if cmp -s "$work/before" "$work/after"; then
        passed=$((passed + 1)); echo "ok - $1: every row restored exactly"
    else
        failed=$((failed + 1)); echo "not ok - $1: rows differ"; diff "$work/before" "$work/after" | head -20 | cut -c1-300
    fi
    check "$1: user kind restored once" 1 "$(q $dst "SELECT count(*) FROM activity_report.activity_kinds WHERE name = 'Scored'")"
    check "$1: user kind classifies after restore" '{"quiz_name": "Ciphers", "score_percentage": 95}' \
          "$(q $dst "SELECT details FROM activity_report.classify('acme_lms', 'Quiz - Ciphers', 'Score', '95%')")"
    check "$1: kind_id sequence continues" "t" \
          "$(q $dst "INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern)
                     VALUES ('acme_lms', 'Quizzes', 'Closed', 'Quiz - [Quiz name]', 'Close') RETURNING kind_id > (SELECT max(kind_id) FROM activity_report.activity_kinds WHERE name <> 'Closed')")"
    check "$1: event_id sequence continues" "t" \
          "$(q $dst "INSERT INTO activity_report.events (occurred_at, user_id, category, action) VALUES ('2026-01-04', 'u1', 'Content - OTSession', 'View') RETURNING event_id > 20010")"
    check "$1: a month made after the restore takes its row from the default partition" "1 1 0" \
          "$(q $dst "SELECT activity_report.ensure_event_partitions('2026-03-01', '2026-04-01')") $(q $dst "SELECT count(*) FROM activity_report.events_y2026m03") $(q $dst "SELECT count(*) FROM activity_report.events_default WHERE source_ref = 'm1'")"
    check "$1: invalid rows are still refused" "22023" \
          "$(psql -X -qAt -v VERBOSITY=sqlstate -d $dst -c "INSERT INTO activity_report.events (occurred_at, user_id, category, action) VALUES ('2026-01-04', 'u1', 'Nope', 'Nope')" 2>&1 | sed -n 's/^ERROR: *//p')"
}
restored "plain SQL through psql" psql -X -q -v ON_ERROR_STOP=1 -d $dst -f "$work/plain.sql"
restored "pg_restore" pg_restore -d $dst --exit-on-error "$work/custom.dump"
restored "pg_restore -j 2" pg_restore -j 2 -d $dst --exit-on-error "$work/dir.dump"
echo "dump_restore: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
