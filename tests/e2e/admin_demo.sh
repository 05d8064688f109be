#!/usr/bin/env bash
# e2e: bua-admin demo fills an empty database with a consistent demo centre (what scripts/run
# starts the kiosk on), the same for the same seed, and refuses a database that has items.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

ok --db "$db" --now 2026-11-20T12:00 init
ok --db "$db" --now 2026-11-20T12:00 demo
out_has "S-1001 PIN 1234"
out_has "S-2001 PIN 2468"
ok --db "$db" --now 2026-11-20T12:00 check
out_has ": ok"
out_line '^borrowers: +[0-9]+ \(1 blocked\)'
items=$(sql "SELECT count(*) FROM item")
[ "$items" -ge 300 ] || fail "expected a few hundred items, got $items"
sets=$(sql "SELECT count(DISTINCT kit_id) FROM item WHERE kit_id IS NOT NULL")
same "$sets" 4 "sets with parts"
kids=$(sql "SELECT count(*) FROM borrower WHERE responsible_id IS NOT NULL")
[ "$kids" -ge 10 ] || fail "expected co-borrowers, got $kids"
out_now=$(sql "SELECT count(*) FROM loan_line WHERE returned_at IS NULL")
[ "$out_now" -ge 5 ] || fail "expected items still out, got $out_now"
overdue=$(sql "SELECT count(*) FROM loan_line WHERE returned_at IS NULL AND due_at < strftime('%s', '2026-11-20T11:00:00')")
[ "$overdue" -ge 1 ] || fail "expected overdue items"
for s in staff; do
    same "$(sql "SELECT count(*) FROM $s")" 2 "staff"
done
ok --db "$db" --now 2026-11-20T12:00 report --year 2026 --format json
grep -qE '"loans":[[:space:]]*[1-9][0-9]+' "$out" || fail "expected loans in the year's report"

# the same seed gives the same centre
db2="$tmp/two.db"
ok --db "$db2" --now 2026-11-20T12:00 init
ok --db "$db2" --now 2026-11-20T12:00 demo
same "$(sqlite3 "$db2" "SELECT count(*), sum(item_id) FROM loan_line")" \
    "$(sql "SELECT count(*), sum(item_id) FROM loan_line")" "same seed, same loans"

refused --db "$db" demo
err_has "already has items"
usage --db "$db" demo --seed many
usage --db "$db" demo extra
echo "admin_demo: $n_checks checks passed"
