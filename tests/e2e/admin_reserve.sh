#!/usr/bin/env bash
# e2e: bua-admin renew, reserve, reservation list|show|cancel and lend-rules on a scripted clock
# (--now): a school books 25 pairs of skates and the clash is refused, an item reserved for one
# borrower is refused to another and fulfilled for the right one, a renewal is refused when the
# item is reserved in the new period, and every bad argument gets its exit code and message.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2026-03-02T09:00 init
ok "${A[@]}"
for i in $(seq -w 1 25); do
    at 2026-03-02T09:00 item add "SK-$i" --name "Skøyter str. 36-40" --category Skøyter
    ok "${A[@]}"
done
at 2026-03-02T09:00 item add TELT-1 --name "Telt 2p" --category Telt
ok "${A[@]}"
at 2026-03-02T09:00 item add SYK-1 --name Sykkel --category Sykkel
ok "${A[@]}"
at 2026-03-02T09:00 borrower add 2001 --name "Hamar skole 5B"
ok "${A[@]}"
at 2026-03-02T09:00 borrower add 2002 --name "Kari Nordmann"
ok "${A[@]}"
at 2026-03-02T09:00 borrower add 2003 --name "Per Hansen"
ok "${A[@]}"
run_in 2468 --db "$db" staff add S-1 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"

# ---- book 25 items of a category, and see the clash refused -------------------------------------
at 2026-03-02T10:00 reserve --card 2001 --category Skøyter --count 25 --from 2026-03-12 \
    --to 2026-03-12 --staff S-1
ok "${A[@]}"
out_has "reservation 1 for Hamar skole 5B (card 2001): 25 items of Skøyter, 2026-03-12 to 2026-03-12, collect by the end of 2026-03-12"
out_line '^  SK-01 +Skøyter str. 36-40 +held$'
out_line '^  SK-25 +Skøyter str. 36-40 +held$'
out_lines 26
same "$(sql "select count(*) from reservation_item where reservation_id = 1 and held = 1")" 25 \
    "25 items held"
at 2026-03-02T10:05 reserve --card 2002 --category Skøyter --count 1 --from 2026-03-11 \
    --to 2026-03-12
refused "${A[@]}"
err_has "bua-admin: cannot reserve: only 0 items of category Skøyter are free from Wednesday 2026-03-11 to Thursday 2026-03-12, not 1"
at 2026-03-02T10:05 reserve --card 2002 SK-07 --from 2026-03-12 --to 2026-03-13
refused "${A[@]}"
err_has "bua-admin: cannot reserve: SK-07 (Skøyter str. 36-40) is reserved from Thursday 2026-03-12 to Thursday 2026-03-12 (reservation 1)"
same "$(sql "select count(*) from reservation")" 1 "nothing more booked"
# the day after is free
at 2026-03-02T10:05 reserve --card 2002 SK-07 --from 2026-03-13 --to 2026-03-14
ok "${A[@]}"
out_has "reservation 2 for Kari Nordmann (card 2002): SK-07 Skøyter str. 36-40, 2026-03-13 to 2026-03-14"

# ---- clear errors: exit 2 for the command line, 1 for what the store refuses --------------------
at 2026-03-02T10:10 reserve --card 2002 SK-08 --from 2026-03-14 --to 2026-03-13
usage "${A[@]}"
err_has "bua-admin: reserve: --to 2026-03-13 is before --from 2026-03-14: a reservation cannot end before it starts"
at 2026-03-02T10:10 reserve --card 2002 SK-08 --from 2026-02-30 --to 2026-03-13
usage "${A[@]}"
err_has "invalid --from '2026-02-30': a day YYYY-MM-DD that exists"
at 2026-03-02T10:10 reserve --card 2002 --category Skøyter --from 2026-03-14 --to 2026-03-14
usage "${A[@]}"
err_has "reserve --category needs --count N"
at 2026-03-02T10:10 reserve --card 2002 SK-08 --category Skøyter --count 1 --from 2026-03-14 \
    --to 2026-03-14
usage "${A[@]}"
at 2026-03-02T10:10 reserve --card 2002 SK-08 --to 2026-03-14
usage "${A[@]}"
at 2026-03-02T10:10 reserve --card 9999 SK-08 --from 2026-03-14 --to 2026-03-14
refused "${A[@]}"
err_has "bua-admin: cannot reserve for card 9999: unknown card"
at 2026-03-02T10:10 reserve --card 2002 NOPE-1 --from 2026-03-14 --to 2026-03-14
refused "${A[@]}"
err_has "unknown barcode NOPE-1"
at 2026-03-02T10:10 reserve --card 2002 SK-08 --from 2026-03-01 --to 2026-03-14
refused "${A[@]}"
err_has "bua-admin: cannot reserve: the reservation starts in the past (Sunday 2026-03-01)"
at 2026-03-02T10:10 reserve --card 2002 --category Ski --count 2 --from 2026-03-14 \
    --to 2026-03-14
refused "${A[@]}"
err_has "bua-admin: cannot reserve: no category Ski"
same "$(sql "select count(*) from reservation")" 2 "nothing booked by the refused ones"

# ---- list and show ------------------------------------------------------------------------------
at 2026-03-02T11:00 reservation list
ok "${A[@]}"
out_line '^1 +booked +2026-03-12 2026-03-12 2001 +Hamar skole 5B +0/25 +25 items of Skøyter$'
out_line '^2 +booked +2026-03-13 2026-03-14 2002 +Kari Nordmann +0/1 +SK-07 Skøyter str. 36-40$'
out_lines 2
at 2026-03-02T11:00 reservation show 2
ok "${A[@]}"
out_has "reservation 2: booked"
out_has "  borrower   Kari Nordmann (card 2002)"
out_line '^  SK-07 +Skøyter str. 36-40 +held$'
at 2026-03-02T11:00 reservation show 99
refused "${A[@]}"
err_has "bua-admin: cannot show the reservation: no reservation 99"
at 2026-03-02T11:00 reservation show x1
usage "${A[@]}"
at 2026-03-02T11:00 reservation frob
usage "${A[@]}"

# ---- renew: refused when reserved in the new period ---------------------------------------------
at 2026-03-02T12:00 checkout --card 2002 TELT-1
ok "${A[@]}"
out_line '^  TELT-1 +Telt 2p +due 2026-03-09 23:59$'
at 2026-03-02T12:05 reserve --card 2003 TELT-1 --from 2026-03-12 --to 2026-03-13
ok "${A[@]}"
out_has "reservation 3 for Per Hansen (card 2003)"
at 2026-03-05T12:00 renew TELT-1
refused "${A[@]}"
err_has "bua-admin: cannot renew: TELT-1 (Telt 2p) is reserved from Thursday 2026-03-12 to Friday 2026-03-13 (reservation 3)"
same "$(sql "select due_at from loan_line where returned_at is null")" \
    "$(sql "select strftime('%s', '2026-03-09 22:59:59')")" "due day unchanged"
at 2026-03-05T12:00 renew TELT-1 --days 2 --staff S-1
ok "${A[@]}"
out_has "renewed TELT-1 Telt 2p for Kari Nordmann (card 2002): due 2026-03-11 23:59 (was 2026-03-09 23:59), renewal 1 of 2"
same "$(sql "select renewals from loan_line where returned_at is null")" 1 "renewals counted"
same "$(sql "select count(*) from renewal r join staff s on s.id = r.staff_id where s.card = 'S-1'")" \
    1 "renewal recorded with who"
at 2026-03-05T12:00 renew TELT-1 --days 1
refused "${A[@]}"
err_has "is reserved from Thursday 2026-03-12"
at 2026-03-05T12:00 renew SYK-1
refused "${A[@]}"
err_has "bua-admin: cannot renew: SYK-1 (Sykkel) is not on loan: nothing to renew"
at 2026-03-05T12:00 renew NOPE-1
refused "${A[@]}"
err_has "unknown barcode NOPE-1"
at 2026-03-05T12:00 renew TELT-1 --days 0
usage "${A[@]}"
at 2026-03-05T12:00 renew
usage "${A[@]}"
# overdue by more than the centre allows (7 days)
at 2026-03-19T12:00 renew TELT-1
refused "${A[@]}"
err_has "was due 2026-03-11, 8 days ago: renewal is allowed up to 7 days late"
# the limit
at 2026-03-02T12:00 checkout --card 2003 SYK-1
ok "${A[@]}"
at 2026-03-03T12:00 renew SYK-1
ok "${A[@]}"
out_has "due 2026-03-16 23:59 (was 2026-03-09 23:59), renewal 1 of 2"
at 2026-03-03T12:00 renew SYK-1
ok "${A[@]}"
at 2026-03-03T12:00 renew SYK-1
refused "${A[@]}"
err_has "SYK-1 (Sykkel) has been renewed 2 times: the most allowed is 2"

# ---- lend a reserved item: refused to another borrower, fulfilled for the right one -------------
at 2026-03-10T12:00 checkout --card 2002 SK-03
refused "${A[@]}"
err_has "SK-03 (Skøyter str. 36-40) is reserved from Thursday 2026-03-12 to Thursday 2026-03-12 (reservation 1)"
at 2026-03-12T08:30 checkout --card 2001 SK-01 SK-02 SK-03
ok "${A[@]}"
at 2026-03-12T09:00 reservation show 1
ok "${A[@]}"
out_has "reservation 1: collected"
out_has "  collected  3 of 25"
out_line '^  SK-01 +Skøyter str. 36-40 +collected 2026-03-12 08:30$'
# after its last day the items it did not take are free for anyone
at 2026-03-13T08:00 reservation show 1
ok "${A[@]}"
out_has "reservation 1: collected"
out_line '^  SK-10 +Skøyter str. 36-40 +freed$'
at 2026-03-13T08:00 checkout --card 2002 SK-10
ok "${A[@]}"

# ---- cancel -------------------------------------------------------------------------------------
at 2026-03-05T13:00 reservation cancel 3 --staff S-1
ok "${A[@]}"
out_has "cancelled reservation 3: its items are free again"
at 2026-03-05T13:00 reservation cancel 3
refused "${A[@]}"
err_has "bua-admin: cannot cancel: reservation 3 was cancelled (Thursday 2026-03-05): nothing to cancel"
at 2026-03-05T13:00 reservation cancel 77
refused "${A[@]}"
err_has "no reservation 77"
at 2026-03-16T13:00 reservation list --all
ok "${A[@]}"
out_line '^3 +cancelled '
out_line '^2 +expired '
at 2026-03-16T13:00 reservation list
ok "${A[@]}"
out_lines 0

# ---- the rules ----------------------------------------------------------------------------------
at 2026-03-16T13:00 lend-rules
ok "${A[@]}"
out_has "renew_max 2"
out_has "renew_overdue_days 7"
out_has "reservation_pickup_days 1"
at 2026-03-16T13:00 lend-rules --renew-max 3 --pickup-days 2
ok "${A[@]}"
out_has "renew_max 3"
out_has "reservation_pickup_days 2"
at 2026-03-16T13:00 lend-rules --pickup-days 0
usage "${A[@]}"
at 2026-03-16T13:00 renew SYK-1
ok "${A[@]}"
out_has "renewal 3 of 3"

# ---- the year's figures -------------------------------------------------------------------------
at 2026-03-16T13:00 report --year 2026 --format csv
ok "${A[@]}"
out_line '^total,2026,renewals,4,'
out_line '^total,2026,reservations_made,3,'
out_line '^total,2026,reservations_fulfilled,1,'
at 2026-03-16T13:00 report --year 2026
ok "${A[@]}"
out_line '^Forlengelser: 4( |$)'
# a booking clears what no longer holds anything (expired, not collected) in its transaction
at 2026-03-16T13:00 reserve --card 2003 SK-11 --from 2026-03-20 --to 2026-03-20
ok "${A[@]}"
same "$(sql "select count(*) from reservation_item where held = 1")" 1 "only the new one held"
ok --db "$db" check
run --db "$db" --help
out_has "reserve --card CARD (BARCODE | --category NAME --count N) --from DATE --to DATE"
out_has "reservation cancel ID"
out_has "lend-rules"
admin_done
