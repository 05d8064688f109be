#!/usr/bin/env bash
# e2e: bua-admin lost and found, a set returned with a part missing, and an item's history, on a
# scripted clock: the year's figures before and after are the same, every refusal is named.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2024-02-01T09:00 init
ok "${A[@]}"
for spec in "HJELM-1|Hjelm|Hjelm" "HJELM-2|Hjelm|Hjelm" "SKI-1|Skisett|Ski" "TELT-1|Telt|Telt"; do
    IFS='|' read -r code name cat <<<"$spec"
    at 2024-02-01T09:00 item add "$code" --name "$name" --category "$cat"
    ok "${A[@]}"
done
for spec in "SKI-1-A|Ski" "SKI-1-B|Staver" "SKI-1-C|Støvler"; do
    IFS='|' read -r code name <<<"$spec"
    at 2024-02-01T09:00 item add "$code" --name "$name" --category Ski --kit SKI-1
    ok "${A[@]}"
done
at 2024-02-01T09:00 borrower add 1001 --name "Kari Nordmann" --phone 91234567
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1002 --name "Ola Nordmann"
ok "${A[@]}"
run_in 2468 --db "$db" staff add S-1 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"

at 2024-03-01T12:00 checkout --card 1001 HJELM-1 SKI-1
ok "${A[@]}"
at 2024-03-01T12:05 checkout --card 1002 TELT-1
ok "${A[@]}"
at 2024-03-02T10:00 return TELT-1
ok "${A[@]}"
R=(--db "$db" --now 2024-06-01T12:00 report --year 2024 --format csv)
# the figures counted (the items overdue now change, as items come back or are written off)
counted() { grep -v '^total,[0-9]*,overdue_now,' "$out"; }
lent() { grep -v -e '^total,[0-9]*,overdue_now,' -e '^total,[0-9]*,avg_loan_days,' "$out"; }
ok "${R[@]}"
before=$(counted)

# ---- item lost ---------------------------------------------------------------------------------
at 2024-03-20T12:00 item lost HJELM-2
refused "${A[@]}"
err_has "bua-admin: cannot mark lost: HJELM-2 (Hjelm) is not on loan (it is available): mark it missing instead"
at 2024-03-20T12:00 item lost NOPE-9
refused "${A[@]}"
err_has "unknown barcode NOPE-9"
at 2024-03-20T12:00 item lost
usage "${A[@]}"
at 2024-03-20T12:00 item lost HJELM-1 --staff S-404
refused "${A[@]}"
err_has "unknown staff card S-404 (--staff)"
at 2024-03-20T12:00 item lost HJELM-1 --colour red
usage "${A[@]}"
same "$(sql "select status from item where barcode = 'HJELM-1'")" 1 "still on loan after refusals"

at 2024-03-20T12:00 item lost HJELM-1 --note "glemt på bussen" --staff S-1
ok "${A[@]}"
out_has "lost HJELM-1 Hjelm, lent to Kari Nordmann (card 1001): written off, the item is missing"
same "$(sql "select status from item where barcode = 'HJELM-1'")" 3 "missing"
same "$(sql "select count(*) from loan_line ll join item i on i.id = ll.item_id where
    i.barcode = 'HJELM-1' and returned_at is not null and lost_at = returned_at")" 1 "written off"
at 2024-03-20T12:00 borrower show 1001
ok "${A[@]}"
out_line '^lost: +HJELM-1 +Hjelm +written off 2024-03-20 \(Kari Nordmann\)$'
out_lacks "HJELM-1      Hjelm                    due"
at 2024-03-20T12:00 checkout --card 1002 HJELM-1
refused "${A[@]}"
err_has "HJELM-1 (Hjelm) is marked missing"
ok "${R[@]}"
same "$(counted)" "$before" "report unchanged by a loss"
ok --db "$db" check

# ---- item found --------------------------------------------------------------------------------
at 2024-03-21T12:00 item found HJELM-2
refused "${A[@]}"
err_has "bua-admin: cannot mark found: HJELM-2 (Hjelm) is not missing: it is available"
at 2024-03-21T12:00 item found NOPE-9
refused "${A[@]}"
err_has "unknown barcode NOPE-9"
at 2024-03-21T12:00 item found HJELM-1 --note "levert av sjåføren"
ok "${A[@]}"
out_has "found HJELM-1 Hjelm: available"
same "$(sql "select status from item where barcode = 'HJELM-1'")" 0 "available"
at 2024-03-21T12:00 item found HJELM-1
refused "${A[@]}"
err_has "HJELM-1 (Hjelm) is not missing: it is available"
ok "${R[@]}"
same "$(counted)" "$before" "report unchanged by a find"

# ---- a set back with a part missing ------------------------------------------------------------
at 2024-03-22T12:00 return SKI-1 --missing SKI-1-B,HJELM-2
refused "${A[@]}"
err_has "bua-admin: cannot return SKI-1: HJELM-2 is not a part of this set out on this loan"
at 2024-03-22T12:00 return SKI-1 --missing SKI-1-B,
usage "${A[@]}"
at 2024-03-22T12:00 return SKI-1 TELT-1 --missing SKI-1-B
usage "${A[@]}"
err_has "return --missing takes one set BARCODE, not 2"
at 2024-03-22T12:00 return TELT-1 --missing SKI-1-B
refused "${A[@]}"
err_has "TELT-1 (Telt) is not on loan"
same "$(sql "select count(*) from loan_line where returned_at is null")" 4 "nothing returned"

at 2024-03-22T12:00 return SKI-1 --missing SKI-1-B --staff S-1
ok "${A[@]}"
out_has "returned SKI-1 Skisett from Kari Nordmann (card 1001), incomplete: to repair"
out_has "  with SKI-1-A Ski"
out_has "  with SKI-1-C Støvler"
out_has "  missing SKI-1-B Staver"
same "$(sql "select status from item where barcode = 'SKI-1'")" 2 "set in repair"
same "$(sql "select status from item where barcode = 'SKI-1-B'")" 3 "part missing"
same "$(sql "select status from item where barcode = 'SKI-1-A'")" 0 "part back"
same "$(sql "select count(*) from loan_line ll join item i on i.id = ll.item_id where
    i.barcode = 'SKI-1-B' and returned_at is null and lost_at is not null")" 1 "part line open, lost"
same "$(sql "select note from item_event e join item i on i.id = e.item_id where
    i.barcode = 'SKI-1' order by e.id desc limit 1")" "incomplete: missing SKI-1-B" "set's note"
at 2024-03-22T12:00 borrower show 1001
ok "${A[@]}"
out_line '^lost: +SKI-1-B +Staver +missing since 2024-03-22 \(Kari Nordmann\)$'
# still owed: the part's loan is open, so it is listed (and chased as overdue) with the loans
out_line '^on loan: +SKI-1-B +Staver +due 2024-03-08 23:59, overdue'
ok "${R[@]}"
# a part that did not come back cannot be renewed: it is missing, not on a loan that runs on
at 2024-03-22T12:30 renew SKI-1-B
refused "${A[@]}"
err_has "SKI-1-B (Staver) was reported missing: it cannot be renewed until it is found"
ok "${R[@]}"
# returns count in the average loan length; what was lent stays as counted
same "$(lent)" "$(grep -v '^total,[0-9]*,avg_loan_days,' <<<"$before")" \
    "report unchanged by a set with a part missing"
ok --db "$db" check

at 2024-03-22T12:00 item show SKI-1
ok "${A[@]}"
out_line '^damage: +incomplete: missing SKI-1-B \(returned 2024-03-22 by Kari Nordmann, card 1001\)$'
at 2024-03-22T12:00 item show TELT-1
ok "${A[@]}"
out_lacks "damage:"

# the poles turn up: their loan closes as returned
at 2024-03-25T12:00 item found SKI-1-B
ok "${A[@]}"
same "$(sql "select count(*) from loan_line ll join item i on i.id = ll.item_id where
    i.barcode = 'SKI-1-B' and returned_at is not null and lost_at is null")" 1 "part line returned"
ok --db "$db" check

# ---- history -----------------------------------------------------------------------------------
at 2024-03-26T12:00 item history HJELM-1
ok "${A[@]}"
out_has "HJELM-1 Hjelm: available"
out_line '^  2024-03-21 12:00  status +available: levert av sjåføren$'
out_line '^  2024-03-20 12:00  status +missing: glemt på bussen \(Lise Leder\)$'
out_line '^  2024-03-20 12:00  lost +by Kari Nordmann \(card 1001\), written off: glemt på bussen \(Lise Leder\)$'
out_line '^  2024-03-01 12:00  lent +to Kari Nordmann \(card 1001\), due 2024-03-08 23:59, back 2024-03-20 12:00$'
out_lines 5
at 2024-03-26T12:00 item history SKI-1 --format csv
ok "${A[@]}"
out_line '^at,kind,loan,card,borrower,due_at,returned_at,renewals,damaged,status,note,staff$'
out_has "2024-03-22 12:00,returned,1,1001,Kari Nordmann,2024-03-08 23:59,2024-03-22 12:00,0,yes,,incomplete: missing SKI-1-B,Lise Leder"
out_has "2024-03-22 12:00,status,,,,,,,,in_repair,incomplete: missing SKI-1-B,Lise Leder"
at 2024-03-26T12:00 item history TELT-1 --limit 1
ok "${A[@]}"
out_lines 2
out_line '^  2024-03-02 10:00  returned +from Ola Nordmann \(card 1002\)$'
at 2024-03-26T12:00 item history HJELM-2
ok "${A[@]}"
out_has "  no history yet"
at 2024-03-26T12:00 item history NOPE-9
refused "${A[@]}"
err_has "unknown barcode NOPE-9"
at 2024-03-26T12:00 item history TELT-1 --format xml
usage "${A[@]}"
at 2024-03-26T12:00 item history TELT-1 --limit 0
usage "${A[@]}"
at 2024-03-26T12:00 item vanish TELT-1
usage "${A[@]}"
err_has "use add, list, show, set, lost, found or history"

# --help lists the commands
ok --db "$db" --help
out_has "item lost BARCODE [--note T] [--staff STAFFCARD]"
out_has "item found BARCODE [--note T] [--staff STAFFCARD]"
out_has "item history BARCODE [--format text|csv] [--limit N]"
out_has "return SET --missing PART[,PART...]"
admin_done
