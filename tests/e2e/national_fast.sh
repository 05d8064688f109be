#!/usr/bin/env bash
# e2e (label sync): the set-based path of the state trigger (server_state.sql, events_applied:
# new loans in one statement, every line event whose loan has no other event in the statement
# in one more) gives the same derived tables as every event
# one by one (SET bua.fast_path = off). The generated log (national_events.py) is inserted in
# statements of many events, once as bua.push sends them (a device's events by seq, 100 at a
# time) and once shuffled across centres and devices (40 at a time), each with the fast path on
# and off; the four fingerprints of st_* and sum_* are equal, equal to bua.rebuild()'s, and
# --verify finds the summaries equal to a recount. The fast path really runs: with it on, fewer
# than half of the pushed loan events go through apply_loan, fewer than a quarter of the line
# events through apply_line, and not every borrower event through apply_borrower (with it off,
# all of them).
# usage: national_fast.sh BUA_ADMIN
set -euo pipefail
here=$(dirname "$0")
. "$here/admin_lib.sh"
. "$here/pg_lib.sh"
admin_setup "$@"
src=$(cd "$here/../.." && pwd)
pg_start


/usr/bin/python3 "$here/national_events.py" 7 3 >"$tmp/events.sql"
# the same events in statements of many rows: by push (centre, device, seq; 100 a statement)
# and shuffled (40 a statement)
/usr/bin/python3 - "$tmp" <<'PY'
import random, re, sys
tmp = sys.argv[1]
head, rows = [], []
pre = "INSERT INTO bua.event(centre, device, seq, at, tbl, op, gid, row, bk, sealed) VALUES "
for line in open(tmp + "/events.sql"):
    line = line.rstrip("\n")
    if line.startswith(pre):
        rows.append(line[len(pre):].rstrip(";"))
    elif line not in ("BEGIN;", "COMMIT;"):
        head.append(line)
def key(r):
    m = re.match(r"\('([^']*)', '([^']*)', ([0-9]+),", r)
    return (m.group(1), m.group(2), int(m.group(3)))
def write(name, batches):
    with open(f"{tmp}/{name}.sql", "w") as f:
        f.write("BEGIN;\n" + "\n".join(head) + "\n")
        for b in batches:
            f.write(pre + ",\n".join(b) + ";\n")
        # how many loan events went one by one (apply_loan), read before the end of the transaction
        for fn in ("apply_loan", "apply_line", "apply_borrower"):
            f.write(f"SELECT '{fn}', coalesce((SELECT calls FROM pg_stat_xact_user_functions"
                    f" WHERE schemaname = 'bua' AND funcname = '{fn}'), 0);\n")
        f.write("COMMIT;\n")
pushed = sorted(rows, key=key)
write("pushed", [pushed[i:i + 100] for i in range(0, len(pushed), 100)])
random.Random(15).shuffle(rows)
write("shuffled", [rows[i:i + 40] for i in range(0, len(rows), 40)])
PY

S=(--server "$PG_ADMIN")
want=
for order in pushed shuffled; do
    for fast in on off; do
        pg_admin_psql -c "DROP SCHEMA IF EXISTS bua CASCADE" >/dev/null 2>&1
        pg_admin_psql -f "$src/inventory/sync/server_log.sql" >/dev/null 2>&1
        pg_admin_psql -f "$src/inventory/sync/server_state.sql" >/dev/null 2>&1
        PGOPTIONS="-c bua.fast_path=$fast -c track_functions=pl" pg_admin_psql -f "$tmp/$order.sql" \
            >"$tmp/applied"
        n=$(pg_admin_psql -c "SELECT count(*) FROM bua.event")
        [ "$n" -gt 1500 ] || fail "$order: expected more than 1500 events, got $n"
        # as pushed, the fast path takes most loans (shuffled: some); off, every loan event goes
        # one by one
        slow=$(sed -n 's/^apply_loan|//p' "$tmp/applied")
        slow_lines=$(sed -n 's/^apply_line|//p' "$tmp/applied")
        slow_borrowers=$(sed -n 's/^apply_borrower|//p' "$tmp/applied")
        n_borrowers=$(pg_admin_psql -c "SELECT count(*) FROM bua.event WHERE tbl = 'borrower'")
        n_loans=$(pg_admin_psql -c "SELECT count(*) FROM bua.event WHERE tbl = 'loan'")
        n_lines=$(pg_admin_psql -c "SELECT count(*) FROM bua.event WHERE tbl = 'loan_line'")
        share=2
        [ "$order" = pushed ] || share=1
        if [ "$fast" = on ]; then
            [ "$((slow * share))" -lt "$n_loans" ] ||
                fail "$order: $slow of $n_loans loan events one by one with the fast path on"
            # lines: all but those of a loan with another event in the same statement
            [ "$((slow_lines * 4))" -lt "$n_lines" ] ||
                fail "$order: $slow_lines of $n_lines line events one by one with the fast path on"
            # (borrowers: this log registers most cards on two devices, which go one by one)
            [ "$slow_borrowers" -lt "$n_borrowers" ] ||
                fail "$order: $slow_borrowers of $n_borrowers borrower events one by one with the fast path on"
        else
            check_eq "$order: loan events one by one with the fast path off" "$slow" "$n_loans"
            check_eq "$order: line events one by one with the fast path off" "$slow_lines" "$n_lines"
            check_eq "$order: borrower events one by one with the fast path off" "$slow_borrowers" "$n_borrowers"
        fi
        echo "  $order, fast path $fast: one by one $slow of $n_loans loan events, $slow_lines of $n_lines line events, $slow_borrowers of $n_borrowers borrower events"

        got=$(pg_state_fp)
        if [ -z "$want" ]; then
            want=$got
            loans=$(pg_admin_psql -c "SELECT sum(loans) FROM bua.sum_year")
            [ "$loans" -gt 100 ] || fail "expected loans in the summaries, got $loans"
        fi
        check_eq "fingerprint, $order, fast path $fast" "$got" "$want"
        for y in 2024 2025; do
            ok report --national --verify --year "$y" "${S[@]}"
        done
    done
done
pg_admin_psql -c "SELECT bua.rebuild()" >/dev/null
check_eq "fingerprint after bua.rebuild()" "$(pg_state_fp)" "$want"
echo "national_fast: ok"
