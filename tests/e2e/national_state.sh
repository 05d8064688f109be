#!/usr/bin/env bash
# e2e (label sync): the server's derived state and yearly summaries (server_state.sql) on a
# generated log with every kind of change (national_events.py), inserted by the admin in a
# shuffled order: `bua-admin report --national --verify` finds the summaries equal to a plain
# recount for both years; bua.rebuild() (the log replayed in (centre, device, seq) order) gives
# identical derived tables; a summary altered by hand fails --verify naming centre, year and
# figure; an erased borrower's earlier sealed columns are gone and nobody else's; the national
# role reads the figures and nothing personal.
# usage: national_state.sh BUA_ADMIN
set -euo pipefail
here=$(dirname "$0")
. "$here/admin_lib.sh"
. "$here/pg_lib.sh"
admin_setup "$@"
src=$(cd "$here/../.." && pwd)
pg_start


# the schema as bua-sync setup applies it: the log, then the state; twice (idempotent)
for i in 1 2; do
    pg_admin_psql -f "$src/inventory/sync/server_log.sql" >/dev/null 2>&1
    pg_admin_psql -f "$src/inventory/sync/server_state.sql" >/dev/null 2>&1
done

/usr/bin/python3 "$here/national_events.py" 7 3 >"$tmp/events.sql"
pg_admin_psql -f "$tmp/events.sql"
n_events=$(pg_admin_psql -c "SELECT count(*) FROM bua.event")
[ "$n_events" -gt 1500 ] || fail "expected a log of more than 1500 events, got $n_events"

S=(--server "$PG_ADMIN")
for y in 2024 2025; do
    ok report --national --verify --year "$y" "${S[@]}"
    grep -q "^$y: the summaries of 3 centres equal a recount" "$out" || fail "verify $y"
done
loans=$(pg_admin_psql -c "SELECT sum(loans) FROM bua.sum_year")
[ "$loans" -gt 100 ] || fail "expected loans in the summaries, got $loans"
# --verify counts persons as distinct gids less a correction for a person with two or more gids
# (bua.recount_year): the log has such persons lending, and registered twice, in one year
twice=$(pg_admin_psql -c "SELECT count(*) FROM (SELECT 1 FROM bua.st_borrower b JOIN bua.st_loan l
    ON l.centre = b.centre AND l.borrower = b.gid AND NOT l.gone WHERE b.bk IS NOT NULL
    GROUP BY b.centre, b.bk, l.year HAVING count(DISTINCT b.gid) > 1) x")
[ "$twice" -gt 0 ] || fail "no person lends under two gids in one year: the recount's correction is not tested"
twice=$(pg_admin_psql -c "SELECT count(*) FROM (SELECT 1 FROM bua.st_borrower WHERE reg_year IS NOT NULL
    GROUP BY centre, person HAVING count(*) > 1) x")
[ "$twice" -gt 0 ] || fail "no person registered under two gids: the recount's correction is not tested"

# rebuild: the same derived tables, row for row
before=$(pg_state_fp)
replayed=$(pg_admin_psql -c "SELECT bua.rebuild()")
check_eq "events replayed by bua.rebuild()" "$replayed" "$n_events"
after=$(pg_state_fp)
check_eq "fingerprint of the derived tables after bua.rebuild()" "$after" "$before"
for y in 2024 2025; do
    ok report --national --verify --year "$y" "${S[@]}"
done

# an erased borrower: the images from before the erasure have no sealed columns left; the
# erasing image and every other borrower's keep theirs
erased=$(pg_admin_psql -c "SELECT count(*) FROM bua.st_borrower WHERE erased_at IS NOT NULL")
[ "$erased" -gt 0 ] || fail "the generated log erases nobody"
left=$(pg_admin_psql -c "SELECT count(*) FROM bua.event e JOIN bua.st_borrower b ON
    b.centre = e.centre AND b.gid = e.gid WHERE e.tbl = 'borrower' AND b.erased_at IS NOT NULL
    AND e.row->>'erased_at' IS NULL AND e.sealed IS NOT NULL")
check_eq "sealed images of erased borrowers left" "$left" 0
lost=$(pg_admin_psql -c "SELECT count(*) FROM bua.event e JOIN bua.st_borrower b ON
    b.centre = e.centre AND b.gid = e.gid WHERE e.tbl = 'borrower' AND e.op = 'put' AND
    (b.erased_at IS NULL OR e.row->>'erased_at' IS NOT NULL) AND e.sealed IS NULL")
check_eq "sealed images cleared that were not an erased person's" "$lost" 0

# a summary altered by hand: --verify names it (and only it), exit 1
pg_admin_psql -c "UPDATE bua.sum_year SET items_lent = items_lent + 3 WHERE centre = 'c01' AND
    year = 2025"
refused report --national --verify --year 2025 "${S[@]}"
grep -q "centre c01, 2025, items_lent: " "$err" || fail "--verify does not name the altered row"
check_eq "differences reported" "$(wc -l <"$err")" 1
ok report --national --verify --year 2025 --centre c02 "${S[@]}"
ok report --national --verify --year 2024 "${S[@]}"
pg_admin_psql -c "SELECT bua.rebuild()" >/dev/null
ok report --national --verify --year 2025 "${S[@]}"
check_eq "fingerprint after repairing by rebuild" "$(pg_state_fp)" "$before"

# the lines' copies of their loan's checkout time (st_line.loan_at, what --verify counts lines
# by): a line that comes before its loan gets it when the loan comes; a loan whose time changes
# (to another year) takes its lines' copies with it; rebuild gives the same
pg_admin_psql -c "INSERT INTO bua.device(centre, device, role) VALUES ('c01', 'v', 'r_c01_v');
    INSERT INTO bua.event(centre, device, seq, at, tbl, op, gid, row)
    SELECT 'c01', 'v', s, a, t, 'put', g, r::jsonb FROM (VALUES
      (1, 1740000000, 'loan_line', 'v:1/1', '{\"loan_id\": \"v:1\", \"seq\": 1, \"returned_at\": 1740000600}'),
      (2, 1740000000, 'loan_line', 'v:1/2', '{\"loan_id\": \"v:1\", \"seq\": 2}')) v(s, a, t, g, r)"
check_eq "copies of a loan not here yet" "$(pg_admin_psql -c "SELECT count(*) FROM bua.st_line
    WHERE centre = 'c01' AND loan = 'v:1' AND loan_at IS NULL")" 2
pg_admin_psql -c "INSERT INTO bua.event(centre, device, seq, at, tbl, op, gid, row) VALUES
    ('c01', 'v', 3, 1740000001, 'loan', 'put', 'v:1',
     '{\"borrower_id\": \"v:9\", \"checked_out_at\": 1740000000}')"
check_eq "copies once the loan is here" "$(pg_admin_psql -c "SELECT string_agg(loan_at::text, ' '
    ORDER BY seq) FROM bua.st_line WHERE centre = 'c01' AND loan = 'v:1'")" \
    "1740000000 1740000000"
ok report --national --verify --year 2025 "${S[@]}"
pg_admin_psql -c "INSERT INTO bua.event(centre, device, seq, at, tbl, op, gid, row) VALUES
    ('c01', 'v', 4, 1740000002, 'loan', 'put', 'v:1',
     '{\"borrower_id\": \"v:9\", \"checked_out_at\": 1730000000}')"
check_eq "copies after the loan moved to 2024" "$(pg_admin_psql -c "SELECT string_agg(loan_at::text,
    ' ' ORDER BY seq) FROM bua.st_line WHERE centre = 'c01' AND loan = 'v:1'")" \
    "1730000000 1730000000"
ok report --national --verify --year 2025 "${S[@]}"
ok report --national --verify --year 2024 "${S[@]}"
moved=$(pg_state_fp)
pg_admin_psql -c "SELECT bua.rebuild()" >/dev/null
check_eq "fingerprint of the moved loan after rebuild" "$(pg_state_fp)" "$moved"
# a copy that differs from its loan's time is refused by the foreign key; one lost by hand makes
# --verify name the centre (and the items it then miscounts)
set +e
pg_admin_psql -c "UPDATE bua.st_line SET loan_at = loan_at + 1 WHERE centre = 'c01' AND
    loan = 'v:1' AND seq = 1" >"$tmp/p.out" 2>&1
prc=$?
set -e
[ $prc -ne 0 ] && grep -q "st_line_loan_at" "$tmp/p.out" ||
    { cat "$tmp/p.out" >&2; fail "a wrong copy of a loan's time was not refused"; }
pg_admin_psql -c "UPDATE bua.st_line SET loan_at = NULL WHERE centre = 'c01' AND loan = 'v:1'
    AND seq = 1"
refused report --national --verify --year 2024 "${S[@]}"
grep -q "centre c01, 2024: 1 loan lines lack their loan's checkout time" "$err" ||
    fail "--verify does not name the line without its copy"
grep -q "centre c01, 2024, items_lent: " "$err" || fail "--verify does not name items_lent"
pg_admin_psql -c "ALTER TABLE bua.st_line DROP CONSTRAINT st_line_loan_at"
refused report --national --verify --year 2025 "${S[@]}"
grep -q "foreign key st_line_loan_at is missing" "$err" || fail "--verify without the key"
pg_admin_psql -c "SELECT bua.rebuild()" >/dev/null
ok report --national --verify --year 2024 "${S[@]}"
ok report --national --verify --year 2025 "${S[@]}"
check_eq "fingerprint after repairing the copies by rebuild" "$(pg_state_fp)" "$moved"

# ties: equal figures rank by code (as inv_ranking by centre id); a centre without a loan is
# ranked too, last, with its figures 0
pg_admin_psql -c "INSERT INTO bua.centre(code) VALUES ('z1'), ('z0'), ('y9');
    INSERT INTO bua.device(centre, device, role) VALUES ('z1', 'a', 'r_z1'), ('z0', 'a', 'r_z0');
    INSERT INTO bua.event(centre, device, seq, at, tbl, op, gid, row, bk)
    SELECT c, 'a', s, 1740000000, t, 'put', g, r::jsonb, b FROM (VALUES
      (1, 'borrower', 'a:1', '{\"registered_at\": 1740000000}', 'k'),
      (2, 'loan', 'a:1', '{\"borrower_id\": \"a:1\", \"checked_out_at\": 1740000000}', NULL),
      (3, 'loan_line', 'a:1/1', '{\"loan_id\": \"a:1\", \"seq\": 1}', NULL)) v(s, t, g, r, b)
    CROSS JOIN (VALUES ('z1'), ('z0')) x(c)"
run --now 2025-12-01T10:00 report --national --year 2025 "${S[@]}" --format csv
[ "$rc" -eq 0 ] || fail "report --national"
check_eq "the last places" "$(grep ',place,' "$out" | cut -d, -f2,4 | tail -3 | tr '\n' ' ')" \
    "z0,4 z1,5 y9,6 "
check_eq "the centre without loans" "$(grep '^centre,y9,loans,' "$out")" "centre,y9,loans,0,"
ok report --national --year 2025 "${S[@]}" --centre z1
grep -qx "5. plass av 6: z1 (z1):" "$out" || fail "--centre z1 has no '5. plass av 6' heading"
check_eq "blocks with --centre z1" "$(grep -c 'plass av' "$out")" 1
grep -qx "Hele landet (6 sentre):" "$out" || fail "--centre z1: no national block"

# the national role: figures, nothing personal, no events, no state
pg_admin_psql -c "CREATE ROLE nat_reader LOGIN PASSWORD 'nat-secret' IN ROLE bua_national"
NAT="$PG_TCP user=nat_reader password=nat-secret"
ok report --national --year 2025 --server "$NAT"
grep -q "^1. plass av 6: " "$out" || fail "the national role's report has no ranking"
for t in event st_borrower st_loan st_line st_item sum_borrower device; do
    set +e
    "$PG_BIN/psql" -X -A -t -q "$NAT" -c "SELECT 1 FROM bua.$t LIMIT 1" >"$tmp/p.out" 2>&1
    prc=$?
    set -e
    [ $prc -ne 0 ] && grep -q "permission denied" "$tmp/p.out" ||
        { cat "$tmp/p.out" >&2; fail "the national role may read bua.$t"; }
done
set +e
"$PG_BIN/psql" -X -A -t -q "$NAT" -c "SELECT bua.rebuild()" >"$tmp/p.out" 2>&1
prc=$?
set -e
[ $prc -ne 0 ] && grep -q "permission denied" "$tmp/p.out" || fail "the national role may rebuild"
refused report --national --verify --year 2025 --server "$NAT"
grep -q "permission denied" "$err" || fail "--verify as the national role: no permission message"

# usage errors
usage report --national --year 2025
usage report --national --year 2025 "${S[@]}" --format xml
usage report --national --year 2025 "${S[@]}" --format pdf
usage report --national --year 2025 "${S[@]}" --verify --format csv
refused report --national --year 2025 "${S[@]}" --centre nowhere
grep -q "centre 'nowhere' is not on the sync server" "$err" || fail "unknown centre message"
refused report --national --year 2025 --server "host=$tmp/none dbname=bua"
grep -q "cannot connect to the sync server" "$err" || fail "no server message"
echo "national_state: $n_checks checks passed ($n_events events)"
