#!/usr/bin/env bash
# e2e: bua-admin checkout, return and overdue on a scripted clock (--now): due dates in local
# time, every refusal named with its barcode, all-or-nothing checkouts, returns item by item.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2024-02-01T09:00 init
ok "${A[@]}"
for spec in "SKI-1|Langrennski 150|Ski" "SKI-2|Langrennski 170|Ski" "SYK-1|Sykkel|Sykkel" \
    "HJELM-1|Hjelm|Hjelm" "GPS-1|GPS|Elektronikk" "TELT-1|Telt|Telt"; do
    IFS='|' read -r code name cat <<<"$spec"
    at 2024-02-01T09:00 item add "$code" --name "$name" --category "$cat"
    ok "${A[@]}"
done
at 2024-02-01T09:00 item add TELT-1-S --name Teltstenger --category Telt --kit TELT-1
ok "${A[@]}"
at 2024-02-01T09:00 item set SYK-1 --status in_repair --note "bremser"
ok "${A[@]}"
at 2024-02-01T09:00 item set HJELM-1 --status retired
ok "${A[@]}"
at 2024-02-01T09:00 item set GPS-1 --status missing
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1001 --name "Kari Nordmann" --phone 91234567
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1002 --name "Ola Nordmann" --responsible 1001
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1003 --name "Åse Ås" --phone 47000000
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1004 --name "Bo Blokk"
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1005 --name "Bitte Blokk" --responsible 1004
ok "${A[@]}"
at 2024-02-01T09:00 borrower block 1004 --reason "mistet en kano"
ok "${A[@]}"
# a blocked adult cannot take on another child
at 2024-02-01T09:00 borrower add 1006 --name "Lille Blokk" --responsible 1004
refused "${A[@]}"
err_has "bua-admin: cannot add borrower: Bo Blokk (card 1004) is blocked and cannot be a responsible adult: mistet en kano"
same "$(sql "select count(*) from borrower where card = '1006'")" 0 "no borrower added"
run_in 2468 --db "$db" staff add S-1 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"
run_in 1357 --db "$db" staff add S-2 --name "Tore Trainee" --role trainee --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add trainee"

# ---- checkout ----------------------------------------------------------------------------------
at 2024-03-01T12:00 checkout --card 1001 --staff S-1 SKI-1 SKI-2
ok "${A[@]}"
out_has "lent to Kari Nordmann (card 1001), loan 1:"
out_line '^  SKI-1 +Langrennski 150 +due 2024-03-08 23:59$'
out_line '^  SKI-2 +Langrennski 170 +due 2024-03-08 23:59$'
same "$(sql "select count(*) from loan_line where returned_at is null")" 2 "open lines"
same "$(sql "select s.card from loan l join staff s on s.id = l.staff_id")" "S-1" "staff recorded"

# every refused item is named with its reason; nothing is lent
loans_before=$(sql "select count(*) from loan")
at 2024-03-02T12:00 checkout --card 1003 SKI-1 SYK-1 HJELM-1 GPS-1 NOPE-9 TELT-1
refused "${A[@]}"
err_has "bua-admin: cannot lend: SKI-1 (Langrennski 150) is on loan, due 2024-03-08"
err_has "bua-admin: cannot lend: SYK-1 (Sykkel) is in repair"
err_has "bua-admin: cannot lend: HJELM-1 (Hjelm) is retired"
err_has "bua-admin: cannot lend: GPS-1 (GPS) is marked missing"
err_has "bua-admin: cannot lend: unknown barcode NOPE-9"
same "$(wc -l <"$err")" 6 "one line per refused item and a summary"
err_has "nothing lent to Åse Ås (card 1003): 5 of 6 items refused"
! grep -q "TELT-1" "$err" || fail "TELT-1 can be lent and is not to be named"
same "$(sql "select count(*) from loan")" "$loans_before" "nothing lent"
same "$(sql "select status from item where barcode = 'TELT-1'")" 0 "TELT-1 still available"

at 2024-03-02T12:00 checkout --card 1004 TELT-1
refused "${A[@]}"
one_line_err
err_has "cannot lend to Bo Blokk (card 1004): the borrower is blocked: mistet en kano"
at 2024-03-02T12:00 checkout --card 1005 TELT-1 SKI-2
refused "${A[@]}"
one_line_err
err_has "cannot lend: Bitte Blokk's responsible adult Bo Blokk is blocked: mistet en kano"
at 2024-03-02T12:00 checkout --card 4242 TELT-1
refused "${A[@]}"
one_line_err
err_has "cannot lend to card 4242: unknown card"
at 2024-03-02T12:00 checkout --card 1003 --staff S-9 TELT-1
refused "${A[@]}"
one_line_err
err_has "unknown staff card S-9"

# a set lends its parts with it; a co-borrower borrows under the adult
at 2024-03-02T12:00 checkout --card 1002 TELT-1
ok "${A[@]}"
out_has "lent to Ola Nordmann (card 1002), loan 2:"
out_line '^  TELT-1 +Telt +due 2024-03-09 23:59$'
out_line '^  TELT-1-S +Teltstenger +due 2024-03-09 23:59$'
ok --db "$db" item list --status on_loan
out_has "TELT-1 "
out_has "TELT-1-S "
out_has "SKI-1 "
# a part that went out with its set cannot be lent on its own
at 2024-03-02T13:00 checkout --card 1003 TELT-1-S
refused "${A[@]}"
err_has "TELT-1-S (Teltstenger) is on loan"

ok --db "$db" --now 2024-03-05T12:00 item show SKI-1
out_has "status:     on_loan"
out_has "on loan to: Kari Nordmann (card 1001), loan 1"
out_has "lent:       2024-03-01 12:00"
out_has "due:        2024-03-08 23:59"
out_lacks "(overdue)"
ok --db "$db" --now 2024-03-05T12:00 borrower show 1001
out_line '^on loan: +SKI-1 +Langrennski 150 +due 2024-03-08 23:59 \(Kari Nordmann\)$'
out_line '^ +SKI-2 '
out_line 'TELT-1 .*\(Ola Nordmann\)$'

# ---- overdue -----------------------------------------------------------------------------------
ok --db "$db" --now 2024-03-05T12:00 overdue
out_lines 0
ok --db "$db" --now 2024-03-09T12:00 overdue
out_lines 2
out_line '^Kari Nordmann +1001 +91234567 +SKI-1 +Langrennski 150 +due 2024-03-08 23:59$'
out_line '^Kari Nordmann +1001 +91234567 +SKI-2 '
ok --db "$db" --now 2024-03-20T12:00 overdue
out_line '^Ola Nordmann +1002 +91234567 \(guardian\) +TELT-1 +Telt +due 2024-03-09 23:59$'
ok --db "$db" --now 2024-03-20T12:00 item show SKI-1
out_has "due:        2024-03-08 23:59 (overdue)"

# ---- return ------------------------------------------------------------------------------------
at 2024-03-06T15:00 return SKI-2
ok "${A[@]}"
out_has "returned SKI-2 Langrennski 170 from Kari Nordmann (card 1001)"
out_lacks "overdue"
at 2024-03-10T15:00 return SKI-1 --damaged --note "knekt stav" --staff S-1
ok "${A[@]}"
out_has "returned SKI-1 Langrennski 150 from Kari Nordmann (card 1001), overdue (was due 2024-03-08 23:59), to repair"
same "$(sql "select status from item where barcode = 'SKI-1'")" 2 "damaged: in repair"
same "$(sql "select damaged, return_note from loan_line ll join item i on i.id = ll.item_id
             where i.barcode = 'SKI-1'")" "1|knekt stav" "damage recorded"

# not on loan, unknown: each named, the others still returned, exit 1
at 2024-03-10T15:00 return SKI-1
refused "${A[@]}"
one_line_err
err_has "cannot return: SKI-1 (Langrennski 150) is not on loan: nothing to return"
at 2024-03-10T15:00 return NOPE-9 TELT-1 SKI-2
refused "${A[@]}"
err_has "cannot return: unknown barcode NOPE-9"
err_has "cannot return: SKI-2 (Langrennski 170) is not on loan"
err_has "2 of 3 items not returned"
out_has "returned TELT-1 Telt from Ola Nordmann (card 1002), overdue"
out_line '^  with TELT-1-S Teltstenger$'
same "$(sql "select count(*) from loan_line where returned_at is null")" 0 "all returned"
ok --db "$db" --now 2024-03-20T12:00 overdue
out_lines 0
ok --db "$db" borrower show 1001
out_has "on loan:     nothing"

# an item back from repair can be lent again
at 2024-03-11T10:00 item set SKI-1 --status available --note "ny stav"
ok "${A[@]}"
at 2024-03-11T10:00 checkout --card 1003 SKI-1
ok "${A[@]}"
out_line '^  SKI-1 +Langrennski 150 +due 2024-03-18 23:59$'
at 2024-03-11T10:00 item set SKI-1 --status missing
refused "${A[@]}"
one_line_err
err_has "SKI-1"

# an item still on the books as lent turns up at the counter: staff take it back and lend it
# again in one checkout (--relend); without --staff, or without --relend, it is refused
at 2024-03-12T10:00 checkout --card 1001 SKI-1
refused "${A[@]}"
err_has "SKI-1 (Langrennski 150) is on loan"
at 2024-03-12T10:00 checkout --card 1001 --relend SKI-1
usage "${A[@]}"
# only a leader may relend: the store refuses a trainee, naming the staff card, and lends nothing
at 2024-03-12T10:00 checkout --card 1001 --staff S-2 --relend SKI-1
refused "${A[@]}"
err_has "bua-admin: cannot lend: only a leader can take back and lend again an item on loan: staff card S-2 is a trainee"
same "$(sql "select b.card from loan_line ll join item i on i.id = ll.item_id
             join loan l on l.id = ll.loan_id join borrower b on b.id = l.borrower_id
             where i.barcode = 'SKI-1' and ll.returned_at is null")" 1003 "still lent to 1003"
at 2024-03-12T10:00 checkout --card 1001 --staff S-1 --relend SKI-1
ok "${A[@]}"
out_line '^  SKI-1 +Langrennski 150 +due 2024-03-19 23:59$'
same "$(sql "select count(*) from loan_line ll join item i on i.id = ll.item_id
             where i.barcode = 'SKI-1' and ll.returned_at is null")" 1 "one open line"
same "$(sql "select b.card from loan_line ll join item i on i.id = ll.item_id
             join loan l on l.id = ll.loan_id join borrower b on b.id = l.borrower_id
             where i.barcode = 'SKI-1' and ll.returned_at is null")" 1001 "lent to the new borrower"

# item set changes all it is asked to, or nothing: an unknown --kit leaves the status alone
at 2024-03-12T10:00 item set SKI-2 --status retired --kit NOPE-9
refused "${A[@]}"
ok --db "$db" item show SKI-2
out_has "status:     available"

ok --db "$db" --now 2024-03-12T10:00 check
out_has "overdue:   0"

admin_done
