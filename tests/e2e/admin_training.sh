#!/usr/bin/env bash
# e2e: bua-admin training on a scripted clock (--now): opening hours, a leader's correction of a
# day (recorded who and when), a forgotten check-out closed at closing time at the next command,
# schemes and memberships, the hours per FTE, the year report (with last year) against the raw
# rows, the retention sweep, and every bad input with its exit code.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2026-03-02T08:00
ok "${A[@]}" init
run_in 1234 "${A[@]}" staff add T-1 --name "Kari Nordmann" --role trainee --pin-stdin
run_in 1234 "${A[@]}" staff add T-2 --name "Per Hansen" --role trainee --pin-stdin
run_in 1234 "${A[@]}" staff add L-1 --name "Lise Leder" --role leader --pin-stdin
same "$(sql "select count(*) from staff")" 3 "staff added"

# ---- opening hours -------------------------------------------------------------------------------
ok "${A[@]}" calendar hours
out_line '^  mon  10:00-18:00  \(default\)$'
ok "${A[@]}" calendar hours 09:00-16:00
out_line '^  tue  09:00-16:00$'
ok "${A[@]}" calendar hours 10:00-15:00 --day lør,søn
out_line '^  sat  10:00-15:00$'
out_line '^  fri  09:00-16:00$'
usage "${A[@]}" calendar hours 16:00-09:00
usage "${A[@]}" calendar hours 9-16
usage "${A[@]}" calendar hours 09:00-16:00 --day someday
usage "${A[@]}" calendar hours --day sat

# ---- schemes and memberships (leaders only: bua-admin is their tool) ----------------------------
ok "${A[@]}" training scheme list
out_line '^Samfunnsstraff +0 +0$'
out_lines 7
ok "${A[@]}" training scheme add "Praksisplass"
refused "${A[@]}" training scheme add "praksisplass"
err_has "there is already a scheme 'Praksisplass'"
ok "${A[@]}" training member add T-1 --scheme vto --from 2025-06-01
out_line '^membership 1  Kari Nordmann +T-1 +VTO +2025-06-01 to \(running\)$'
ok "${A[@]}" training member add T-2 --scheme Samfunnsstraff --from 2026-01-01 --to 2026-03-31
refused "${A[@]}" training member add T-2 --scheme Samfunnsstraff --from 2026-03-01
err_has "Per Hansen is already in Samfunnsstraff from 2026-01-01 to 2026-03-31"
refused "${A[@]}" training member add L-1 --scheme VTO --from 2026-01-01
err_has "only a trainee belongs to a scheme"
refused "${A[@]}" training member add T-1 --scheme Nope --from 2026-01-01
err_has "no scheme 'Nope'"
usage "${A[@]}" training member add T-1 --scheme VTO
usage "${A[@]}" training member add T-1 --scheme VTO --from 2026-02-30
refused "${A[@]}" training scheme remove VTO
err_has "scheme 'VTO' has 1 membership(s)"
ok "${A[@]}" training scheme remove Praksisplass
ok "${A[@]}" training member list
out_lines 2

# ---- days: a leader's correction, recorded who and when ----------------------------------------
at 2026-03-02T20:00
ok "${A[@]}" training day set T-1 2026-03-02 --in 09:00 --out 15:30 --staff L-1
out_has "work day 2026-03-02 of card T-1 set to 09:00-15:30 (6,5 hours), corrected"
same "$(sql "select count(*) from training_shift s join staff l on l.id = s.corrected_by where l.card = 'L-1' and s.corrected_at = strftime('%s', '2026-03-02 19:00:00')")" 1 "who and when"
refused "${A[@]}" training day set T-1 2026-03-02 --in 09:00 --out 15:30 --staff T-2
err_has "only a leader can correct a work day"
refused "${A[@]}" training day set T-1 2026-03-03 --in 09:00 --out 15:30
err_has "work day 2026-03-03 is in the future"
usage "${A[@]}" training day set T-1 2026-03-02 --in 15:00 --out 09:00
usage "${A[@]}" training day set T-1 2026-03-02 --in 9 --out 15:00
usage "${A[@]}" training day set T-1 2026-03-02
refused "${A[@]}" training day set NOPE 2026-03-02 --in 09:00 --out 15:00
# last year, for the brackets: T-1 in VTO on 2025-06-10 for 4 hours
ok "${A[@]}" training day set T-1 2025-06-10 --in 10:00 --out 14:00

# ---- a forgotten check-out: closed at the day's closing time by the next command ---------------
# (a check-in at the kiosk, as the store records it; the kiosk scripts do it through the screen)
sql "insert into training_shift(staff_id, centre_id, day, in_at) select id, 1, '2026-03-03', strftime('%s', '2026-03-03 09:00:00') - 3600 from staff where card = 'T-2'"
at 2026-03-03T22:00
ok "${A[@]}" training days --card T-2
out_line '^2026-03-03  Per Hansen +T-2 +09:00-open +0,0 h$'
at 2026-03-04T07:00
ok "${A[@]}" training days
out_line '^2026-03-03  Per Hansen +T-2 +09:00-16:00 +7,0 h  closed at closing time$'
out_line '^2026-03-02  Kari Nordmann +T-1 +09:00-15:30 +6,5 h  corrected 2026-03-02 20:00 by Lise Leder$'
same "$(sql "select auto_closed from training_shift where day = '2026-03-03'")" 1 "marked"

# ---- work done: loans, returns, registrations by trainee -----------------------------------------
ok "${A[@]}" borrower add 1001 --name "Ola Låner"
ok "${A[@]}" item add SKI-1 --name "Ski" --category Ski
ok "${A[@]}" item add SKI-2 --name "Ski" --category Ski
ok "${A[@]}" checkout --card 1001 --staff T-1 SKI-1 SKI-2
ok "${A[@]}" return SKI-1 --staff T-2

# ---- the report ------------------------------------------------------------------------------
ok "${A[@]}" training report
out_has "Arbeidstrening 2026 (2025)"
out_line '^  Deltagere: +2 \(1\)$'
out_line '^  Arbeidsdager: +2 \(1\)$'
out_line '^  Timer: +13,5 \(4,0\)$'
out_line '^  Årsverk: +0,01 \(0,00\)  \(1 700 timer per årsverk\)$'
out_line '^  Dager lukket ved stengetid: 1 \(0\)$'
out_line '^  VTO: 1/7 \(1/4\)$'
out_line '^  Samfunnsstraff: 1/7 \(0/0\)$'
out_line '^  Kari Nordmann +T-1 +1 +6,5 +1 +2 +0 +0 +0 +0 +0$'
out_line '^  Per Hansen +T-2 +1 +7,0 +0 +0 +1 +0 +0 +0 +0$'
# against the raw rows
same "$(sql "select count(distinct staff_id) from training_shift where out_at is not null and day like '2026-%'")" 2
same "$(sql "select sum(out_at - in_at) from training_shift where out_at is not null and day like '2026-%'")" $((135 * 360))
ok "${A[@]}" training fte-hours 1695
out_has "hours per full-time equivalent: 1695"
usage "${A[@]}" training fte-hours 50
ok "${A[@]}" training report --year 2025
out_line '^  Deltagere: +1 \(0\)$'
out_line '^  Timer: +4,0 \(0,0\)$'

# ---- a day cleared ---------------------------------------------------------------------------
ok "${A[@]}" training day clear T-1 2025-06-10
refused "${A[@]}" training day clear T-1 2025-06-10
err_has "Kari Nordmann (card T-1) has no work day on 2025-06-10"

# ---- retention: memberships ended long ago go -------------------------------------------------
ok "${A[@]}" training member end 1 --to 2025-12-31
at 2027-02-01T12:00
ok "${A[@]}" training sweep --months 12 --dry-run
out_has "would delete 1 scheme membership(s) ended more than 12 months ago"
ok "${A[@]}" training sweep --months 12
out_has "deleted 1 scheme membership(s)"
same "$(sql "select count(*) from training_member")" 1 "the later one kept"
usage "${A[@]}" training sweep
usage "${A[@]}" training sweep --months 0
usage "${A[@]}" training
usage "${A[@]}" training nope
usage "${A[@]}" training member end x --to 2026-01-01
refused "${A[@]}" training member remove 99

# ---- bua-admin check holds the summaries to the shifts ------------------------------------------
ok "${A[@]}" check
sql "update sum_training set days = days + 1 where scheme_id = 0" >/dev/null
refused "${A[@]}" check
err_has "work-training summaries of 2026"

ok --help
out_has "training day set CARD DATE --in HH:MM --out HH:MM"
out_has "calendar hours [HH:MM-HH:MM [--day DAYS]]"
admin_done
