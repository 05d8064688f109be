#!/usr/bin/env bash
# e2e: bua-admin import of files as Norwegian centres have them: Norwegian column names (any
# case, with æøå or spelt ae/o/a), semicolons, Norwegian dates (31.12.2024, 31.12.2024 14:05) and
# a loans file with renewals (fornyelser) and lost (tapt: a date or yes/no); bad dates are
# refused naming file, line and column.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"
[ -d "$DATA" ] || fail "no test data folder: $DATA"

A=(--db "$db" --now 2024-01-15T12:00)
ok "${A[@]}" init

ok "${A[@]}" import items "$DATA/nb_items.csv"
out_has "imported 4 rows from $DATA/nb_items.csv"
ok "${A[@]}" item show TELT-1
out_has "loan days:  14"
same "$(sql "SELECT location, condition FROM item WHERE barcode = 'TELT-1'")" "Lager|God"
# 01.03.2023 is local midnight; 1.3.2023 14:05 local time (Oslo, UTC+1 in March)
same "$(sql "SELECT datetime(added_at, 'unixepoch') FROM item WHERE barcode = 'TELT-1'")" \
    "2023-02-28 23:00:00"
same "$(sql "SELECT datetime(added_at, 'unixepoch') FROM item WHERE barcode = 'TELT-2'")" \
    "2023-03-01 13:05:00"

ok "${A[@]}" import borrowers "$DATA/nb_borrowers.csv"
out_has "imported 2 rows from $DATA/nb_borrowers.csv"
ok "${A[@]}" borrower show 3002
out_has "responsible: Kari Nordmann (card 3001)"
ok "${A[@]}" borrower show 3001
out_has "birth year:  1980"
out_has "consent:     yes"

ok "${A[@]}" import loans "$DATA/nb_loans.csv"
out_has "imported 4 rows from $DATA/nb_loans.csv"
same "$(sql "SELECT ll.renewals FROM loan_line ll JOIN item i ON i.id = ll.item_id
             WHERE i.barcode = 'TELT-1'")" "1"
same "$(sql "SELECT ll.renewals, ll.returned_at IS NULL FROM loan_line ll JOIN item i
             ON i.id = ll.item_id WHERE i.barcode = 'TELT-2'")" "2|1"
# tapt with a date: the line is closed then, written off as lost, the item missing
same "$(sql "SELECT datetime(ll.lost_at, 'unixepoch'), ll.returned_at = ll.lost_at
             FROM loan_line ll JOIN item i ON i.id = ll.item_id WHERE i.barcode = 'HJELM-1'")" \
    "2023-08-19 22:00:00|1"
same "$(sql "SELECT count(*) FROM loan_line WHERE lost_at IS NOT NULL")" "1"
ok "${A[@]}" item show HJELM-1
out_has "missing"
ok "${A[@]}" item show TELT-2
out_has "on loan to: Ola Nordmann (card 3002)"
ok "${A[@]}" report --year 2023 --format csv
out_line '^total,2023,loans,3,'
out_line '^total,2023,items_lent,4,'
ok "${A[@]}" check

# ---- refused: bad Norwegian dates name file, line and column ---------------------------------
before=$(sql "SELECT count(*) FROM loan_line")
refused "${A[@]}" import loans "$DATA/nb_bad_loans.csv"
err_has "$DATA/nb_bad_loans.csv:2: lånt \"31.02.2023\" is not a date (use 31.12.2024 or 31.12.2024 14:05, or 2024-12-31)"
err_has "$DATA/nb_bad_loans.csv:3: lånt \"01.09.2023 25:00\" is not a date"
err_has "$DATA/nb_bad_loans.csv:4: tapt \"kanskje\" is not a date or yes or no"
same "$(sql "SELECT count(*) FROM loan_line")" "$before" "nothing written"

# a Norwegian header names missing columns in Norwegian
printf 'strekkode;navn\nX-1;Noe\n' >"$tmp/nb_missing.csv"
refused "${A[@]}" import items "$tmp/nb_missing.csv"
err_has "$tmp/nb_missing.csv:1: missing column kategori"

# tapt = ja: lost when it came back, or when it was due; not before it is due
printf 'lånenr,kort,strekkode,lånt,levert,tapt\nJ1,3001,SKI-1,2023-10-01T10:00,,ja\n' \
    >"$tmp/nb_lost_yes.csv"
ok "${A[@]}" import loans "$tmp/nb_lost_yes.csv"
same "$(sql "SELECT lost_at = due_at AND returned_at = lost_at FROM loan_line ll JOIN loan l
             ON l.id = ll.loan_id WHERE l.ref = 'J1'")" "1"
printf 'lånenr,kort,strekkode,lånt,tapt\nJ2,3001,TELT-1,2024-01-14T10:00,ja\n' \
    >"$tmp/nb_lost_early.csv"
refused "${A[@]}" import loans "$tmp/nb_lost_early.csv"
err_has "nb_lost_early.csv:2: tapt is yes, but the loan is not due yet: give the date it was lost"
ok "${A[@]}" check

admin_done
