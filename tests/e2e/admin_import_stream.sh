#!/usr/bin/env bash
# e2e: bua-admin import of a loans file larger than the importer keeps in memory (70,000 lines:
# the overlap check spills sorted runs to a temporary file and merges them): an item lent twice
# at once is found across runs and named with both loans; a loan whose rows lie apart in the file
# is one loan; a refused file changes nothing; the good file's figures add up.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

A=(--db "$db" --now 2024-01-15T12:00)
ok "${A[@]}" init

awk 'BEGIN { print "barcode,name,category"; for (i = 0; i < 1000; i++)
             printf "I%04d,Item %d,Cat%d\n", i, i, i % 7 }' >"$tmp/items.csv"
awk 'BEGIN { print "card,name"; for (i = 0; i < 100; i++) printf "B%03d,Person %d\n", i, i }' \
    >"$tmp/borrowers.csv"
ok "${A[@]}" import items "$tmp/items.csv"
ok "${A[@]}" import borrowers "$tmp/borrowers.csv"

# loan k: item k % 1000, out at 2020-01-01 + k * 10 min, back 5 min later; each item's loans
# lie 1000 loans apart, so the file's rows of one item fall into many runs
gen() {
    awk -v extra="$1" 'function t(s) { return strftime("%Y-%m-%dT%H:%M:%SZ", s, 1) }
        BEGIN { print "loan_ref,card,barcode,checked_out_at,returned_at"; base = 1577836800
            for (k = 0; k < 70000; k++)
                printf "L%d,B%03d,I%04d,%s,%s\n", k, k % 100, k % 1000, t(base + k * 600),
                       t(base + k * 600 + 300)
            if (extra == "overlap")  # item 5 again while loan L5 has it
                printf "X1,B001,I0005,%s,%s\n", t(base + 5 * 600 + 100), t(base + 5 * 600 + 200)
            if (extra == "apart")    # a second line of loan L3, far from its first
                printf "L3,B003,I0999,%s,%s\n", t(base + 3 * 600), t(base + 3 * 600 + 300)
            if (extra == "mismatch") # loan L3 again, another borrower
                printf "L3,B004,I0999,%s,%s\n", t(base + 3 * 600), t(base + 3 * 600 + 300)
        }'
}
gen overlap >"$tmp/overlap.csv"
refused "${A[@]}" import loans "$tmp/overlap.csv"
err_has "$tmp/overlap.csv:70002: item I0005 is already on loan then (loan L5 from 2020-01-01 01:50)"
same "$(sql "SELECT count(*) FROM loan")" "0" "nothing written"

gen mismatch >"$tmp/mismatch.csv"
refused "${A[@]}" import loans "$tmp/mismatch.csv"
err_has "$tmp/mismatch.csv:70002: loan_ref L3 has rows with a different card or checked_out_at (line 5)"
same "$(sql "SELECT count(*) FROM loan")" "0" "nothing written"

gen apart >"$tmp/apart.csv"
ok "${A[@]}" import loans "$tmp/apart.csv"
out_has "imported 70001 rows from $tmp/apart.csv"
same "$(sql "SELECT count(*) FROM loan")" "70000"
same "$(sql "SELECT count(*), group_concat(i.barcode) FROM loan_line ll JOIN loan l ON
             l.id = ll.loan_id JOIN item i ON i.id = ll.item_id WHERE l.ref = 'L3'")" \
    "2|I0003,I0999"
ok "${A[@]}" report --year 2020 --format csv
n2020=$(sql "SELECT count(*) FROM loan WHERE checked_out_at < 1609455600")
out_line "^total,2020,loans,$n2020,"
ok "${A[@]}" check

# the same file again: each row meets itself in the database
refused "${A[@]}" import loans "$tmp/apart.csv"
err_has "$tmp/apart.csv:2: item I0000 is already on loan then (loan L0 from 2020-01-01 01:00)"
err_has "$tmp/apart.csv: refused, nothing imported (70001 problems)"
same "$(sql "SELECT count(*) FROM loan_line")" "70001"

admin_done
