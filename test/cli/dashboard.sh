#!/usr/bin/env bash
# activity-report dashboard end to end (seed 003's dashboard as a document): the data of dashboard_data.sql,
# whose numbers are computed by hand there; the PDF through pdftotext / pdfinfo (poppler-utils) and the HTML
# with its tags stripped must carry each of them. Also: a time range, a user without events, a session list
# spanning pages, an unknown user (exit 1, no file) and bad usage (exit 2).
# Usage: test/cli/dashboard.sh [path to activity-report]   (PG* environment set, e.g. by scripts/test.sh)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
AR=${1:-activity-report}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export PGTZ=UTC PGDATABASE=ar_cli_dashboard
psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS ar_cli_dashboard' -c 'CREATE DATABASE ar_cli_dashboard'
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report' -f "$HERE/dashboard_data.sql" || exit 1

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# The document as lines of words: runs of blanks as one space (pdftotext -layout keeps a table row on one line).
pdf_lines() { pdftotext -layout "$@" - | sed -E 's/[[:space:]]+/ /g; s/^ //; s/ $//' | grep -v '^$'; }
html_lines() {
    sed -E 's/<[^>]*>/ /g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g; s/[[:space:]]+/ /g; s/^ //; s/ $//' "$1" | grep -v '^$'
}
# expect NAME TEXTFILE LINE...: every LINE is a whole line of TEXTFILE.
expect() {
    local name=$1 file=$2
    shift 2
    for line in "$@"; do grep -qxF -- "$line" "$file" || fail "$name: no line \"$line\""; done
}
pages_of() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

echo "== dana, all time: PDF"
"$AR" dashboard dana -o "$OUT/dana.pdf" || fail "dashboard dana exited $?"
pdf_lines "$OUT/dana.pdf" > "$OUT/dana.txt"
[ "$(pages_of "$OUT/dana.pdf")" = 1 ] || fail "dana.pdf: $(pages_of "$OUT/dana.pdf") pages, not 1"
pdfinfo "$OUT/dana.pdf" | grep -qx 'Title: *User analytics: Dana Scully' || fail "dana.pdf: title"
pdfinfo "$OUT/dana.pdf" | grep -q 'Page size: *595.276 x 841.89 pts (A4)' || fail "dana.pdf: not A4"
# Line by line the hand-computed values of dashboard_data.sql: (1)-(2) name and details; (3)-(6) total
# minutes 117.3, 3 sessions, 45.2% average engagement, 2 videos; (7)-(11) 3 reactions, 2 chats, 2 polls, 1 Q&A
# thread, 2 attachments; (12)-(14) live 77.0, recordings 18.0, on demand 22.3; (15)-(17) the two files with
# their type and source; (18)-(25) the three sessions by start; (26)-(28) the two videos by name.
dana_rows=("Dana Scully" "Live 77.0" "Recordings 18.0" "Content on demand 22.3"
           "Attachments downloaded (2)" "Sessions (3)" "On-demand content (2)"
           "Opening Keynote 68.0 83.3% 2 1 1 2 1" "Design Breakout 20.0 44.4% 0 0 2 0 1" "Roundtable 7.0 7.8% 1 0 0 0 0"
           "Customer Story 17.5 70.0%" "Product Tour 4.8 40.0%")
expect dana.pdf "$OUT/dana.txt" "${dana_rows[@]}" "User ID dana · All time" "Attendee R&D <Labs> \"West\" Research US" \
    "117.3 3 45.2% 2" "3 2 2 1 2" "DOCX notes.docx Design Breakout" "PDF slides.pdf Opening Keynote" \
    "User analytics · Dana Scully Page 1 of 1"
grep -q "No activity" "$OUT/dana.txt" && fail "dana.pdf: says no activity"

echo "== dana, all time: HTML"
"$AR" dashboard dana --format html > "$OUT/dana.html" || fail "dashboard dana --format html exited $?"
"$AR" dashboard dana -o "$OUT/dana2.html" && cmp -s "$OUT/dana.html" "$OUT/dana2.html" || fail "-o x.html is not the HTML"
html_lines "$OUT/dana.html" > "$OUT/dana_html.txt"
expect dana.html "$OUT/dana_html.txt" "${dana_rows[@]}" "User ID dana · All time" \
    "Role Attendee" "Company R&D <Labs> \"West\"" "Industry Research" "Country US" \
    "Total minutes viewed 117.3" "Sessions viewed 3" "Average live engagement rate 45.2%" "Videos viewed 2" \
    "Reactions 3" "Chat messages sent 2" "Poll responses 2" "Q&A threads created 1" "Attachments downloaded 2" \
    "DOCX notes.docx Design Breakout" "PDF slides.pdf Opening Keynote"
grep -qF '<dd>R&amp;D &lt;Labs&gt; &quot;West&quot;</dd>' "$OUT/dana.html" || fail "dana.html: company not escaped"
grep -q '<svg' "$OUT/dana.html" || fail "dana.html: no inline SVG chart"
# Self-contained: nothing fetched or run (no script, stylesheet link, image, URL or import).
grep -Eqi '<script|<link|<img|<iframe|src=|href=|url\(|@import|https?:' "$OUT/dana.html" && fail "dana.html: an external reference or a script"

echo "== dana, [2026-05-04 11:00, 12:00): the breakout alone"
# Only k2 is in range: 20 live minutes, 44.4%, one Q&A thread, one poll, both files (slides.pdf now first
# downloaded in the breakout); no video, reaction or chat.
"$AR" dashboard dana --from 2026-05-04T11:00Z --to '2026-05-04 12:00+00' -o "$OUT/range.pdf" || fail "range exited $?"
pdf_lines "$OUT/range.pdf" > "$OUT/range.txt"
expect range.pdf "$OUT/range.txt" "User ID dana · From 2026-05-04T11:00:00+00 until 2026-05-04T12:00:00+00" \
    "20.0 1 44.4% 0" "0 0 1 1 2" "Live 20.0" "Recordings 0.0" "Content on demand 0.0" "Sessions (1)" \
    "Design Breakout 20.0 44.4% 0 0 2 0 1" "PDF slides.pdf Design Breakout" "On-demand content (0)" \
    "No on-demand content viewed in this period."

echo "== eve, no events: a valid document that says so"
"$AR" dashboard eve -o "$OUT/eve.pdf" || fail "dashboard eve exited $?"
[ "$(pages_of "$OUT/eve.pdf")" = 1 ] || fail "eve.pdf: not one valid page"
pdf_lines "$OUT/eve.pdf" > "$OUT/eve.txt"
expect eve.pdf "$OUT/eve.txt" "Eve Moneypenny" "Speaker MI6 – GB" \
    "No activity in this period: nothing viewed, no interactions, no downloads." "0.0 0 – 0" "0 0 0 0 0" \
    "Live 0.0" "No attachments downloaded in this period." "No sessions attended in this period." \
    "No on-demand content viewed in this period."
"$AR" dashboard eve --format html -o "$OUT/eve.html" || fail "dashboard eve --format html exited $?"
html_lines "$OUT/eve.html" > "$OUT/eve_html.txt"
expect eve.html "$OUT/eve_html.txt" "No activity in this period: nothing viewed, no interactions, no downloads." \
    "Total minutes viewed 0.0" "Average live engagement rate –" "No sessions attended in this period."

echo "== lena, 60 sessions: the table spans pages under a repeated header"
"$AR" dashboard lena -o "$OUT/lena.pdf" || fail "dashboard lena exited $?"
pages=$(pages_of "$OUT/lena.pdf")
[ "${pages:-0}" -ge 2 ] || fail "lena.pdf: $pages pages, not 2 or more"
pdf_lines "$OUT/lena.pdf" > "$OUT/lena.txt"
# 60 sessions of 1 + i % 29 minutes: 60 + 2 x (1 + ... + 28) + 1 + 2 = 875 minutes; 875 / 60 / 30 = 48.6%.
expect lena.pdf "$OUT/lena.txt" "875.0 60 48.6% 0" "Track session 001 2.0 6.7% 0 0 0 0 0" \
    "Track session 042 14.0 46.7% 0 0 0 0 0" "Track session 058 1.0 3.3% 0 0 0 0 0" "Track session 060 3.0 10.0% 0 0 0 0 0"
for i in $(seq -w 1 60); do
    [ "$(grep -c "^Track session 0$i " "$OUT/lena.txt")" = 1 ] || fail "lena.pdf: Track session 0$i not listed once"
done
for p in $(seq 2 "${pages:-1}"); do
    pdf_lines -f "$p" -l "$p" "$OUT/lena.pdf" > "$OUT/lena_$p.txt"
    grep -q '^Track session' "$OUT/lena_$p.txt" || continue
    # The header row again, its titles bottom-aligned: the last line of each ends on the row's last line.
    expect "lena.pdf page $p" "$OUT/lena_$p.txt" "Sessions (60), continued" "User analytics · Lena Long Page $p of $pages" \
        "Minutes Engagement Attachments messages Polls" "Session name viewed rate Reactions Raised hands downloaded sent answered"
done

echo "== an unknown user is an error, and no file is written"
"$AR" dashboard nobody -o "$OUT/nobody.pdf" 2> "$OUT/nobody.err"
rc=$?
[ $rc = 1 ] || fail "unknown user: exit $rc, not 1"
grep -qF 'there is no user "nobody"' "$OUT/nobody.err" || fail "unknown user: message $(cat "$OUT/nobody.err")"
[ -e "$OUT/nobody.pdf" ] && fail "unknown user: a file was written"

echo "== bad usage"
"$AR" dashboard dana --format xml -o "$OUT/x" 2>/dev/null; rc=$?
[ $rc = 2 ] || fail "--format xml: exit $rc, not 2"
"$AR" dashboard 2>/dev/null; rc=$?
[ $rc = 2 ] || fail "no USER_ID: exit $rc, not 2"
"$AR" dashboard dana --from yesterday-ish -o "$OUT/x.pdf" 2>/dev/null; rc=$?
[ $rc = 1 ] || fail "bad --from: exit $rc, not 1"

if [ $failures -gt 0 ]; then
    echo "$failures dashboard check(s) failed"
    exit 1
fi
echo "dashboard: all checks passed"
