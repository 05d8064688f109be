#!/usr/bin/env bash
# e2e: bua-admin calendar on a scripted clock (--now): weekly closed days (English and Norwegian
# names), dated closures, the public holidays, due dates moved to the next open day at checkout,
# open days in calendar show and the report, and every bad input with its exit code.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

A=(--db "$db" --now 2026-03-10T12:00)
ok "${A[@]}" init
ok "${A[@]}" borrower add 1001 --name "Kari Nordmann"
for i in 1 2 3 4 5 6; do
    ok "${A[@]}" item add "SKI-$i" --name "Ski $i" --category Ski
done
ok "${A[@]}" item add TELT-1 --name "Telt" --category Telt
ok "${A[@]}" category set Telt --loan-days 27

# ---- a new centre: no weekly closed days, the public holidays closed ---------------------------
ok "${A[@]}" calendar show --year 2026
out_has "calendar 2026-01-01 to 2026-12-31 (time zone Europe/Oslo)"
out_has "weekly closed:   none"
out_has "public holidays: closed"
out_line '^  2026-04-06 mon  holiday  Easter Monday \(2\. påskedag\)$'
out_line '^  2026-04-02 thu  holiday  Maundy Thursday \(skjærtorsdag\)$'
out_line '^  2026-05-14 thu  holiday  Ascension Day \(Kristi himmelfartsdag\)$'
out_line '^  2026-05-25 mon  holiday  Whit Monday \(2\. pinsedag\)$'
out_line '^  2026-05-17 sun  holiday  Constitution Day \(17\. mai\)$'
same "$(grep -c ' holiday ' "$out")" 12 "twelve public holidays in 2026"
out_has "open days: 353 of 365"
ok "${A[@]}" calendar show # this year by default
out_has "calendar 2026-01-01 to 2026-12-31"

# ---- weekly closed days: names in English or Norwegian, any case --------------------------------
ok "${A[@]}" calendar weekly --closed ons,SØN
out_has "weekly closed: wed, sun"
ok "${A[@]}" calendar weekly --closed "Wednesday, sunday"
out_has "weekly closed: wed, sun"
ok "${A[@]}" calendar show --from 2026-03-01 --to 2026-03-31
out_line '^  2026-03-01 sun  weekly$'
out_line '^  2026-03-18 wed  weekly$'
out_has "open days: 22 of 31"
ok "${A[@]}" calendar show --from 01.04.2026 --to 08.04.2026
out_line '^  2026-04-05 sun  holiday  Easter Sunday \(1\. påskedag\)$'
out_has "open days: 2 of 8"

# ---- due dates move to the next open day -------------------------------------------------------
# a Tuesday: 7 days is Tuesday 17 March (open); with Tuesdays closed, Wednesday (closed), Thursday
ok "${A[@]}" calendar weekly --closed tir,ons
ok "${A[@]}" checkout --card 1001 SKI-1
out_line '^  SKI-1 +Ski 1 +due 2026-03-19 23:59$'
# 27 days: Easter Monday 6 April, then the closed Tuesday and Wednesday: Thursday 9 April
ok "${A[@]}" checkout --card 1001 TELT-1
out_line '^  TELT-1 +Telt +due 2026-04-09 23:59$'
ok "${A[@]}" return TELT-1
ok "${A[@]}" calendar weekly --closed none
out_has "weekly closed: none"
ok "${A[@]}" checkout --card 1001 TELT-1
out_line '^  TELT-1 +Telt +due 2026-04-07 23:59$'
ok "${A[@]}" return TELT-1
# holidays open: Easter Monday is a due day like any other
ok "${A[@]}" calendar holidays open
out_has "public holidays: open"
ok "${A[@]}" checkout --card 1001 TELT-1
out_line '^  TELT-1 +Telt +due 2026-04-06 23:59$'
ok "${A[@]}" return TELT-1
ok "${A[@]}" calendar holidays closed

# ---- dated closures ---------------------------------------------------------------------------
ok "${A[@]}" calendar closed add 2026-03-17 --to 2026-03-20 --note "Vinterferie"
out_has "closed 2026-03-17 to 2026-03-20 (4 days): Vinterferie"
ok "${A[@]}" checkout --card 1001 SKI-2
out_line '^  SKI-2 +Ski 2 +due 2026-03-21 23:59$'
# a closure of two years after it: no open day within a year, the plain due day stays
ok "${A[@]}" calendar closed add 2026-03-21 --to 2028-03-20 --note "Ombygging"
ok "${A[@]}" checkout --card 1001 SKI-4
out_line '^  SKI-4 +Ski 4 +due 2026-03-17 23:59$'
ok "${A[@]}" calendar show --year 2027
out_has "open days: 0 of 365"
ok "${A[@]}" calendar closed remove 2026-03-21
ok "${A[@]}" calendar closed add 24.12.2026
out_has "closed 2026-12-24 (1 day)"
ok "${A[@]}" calendar show --from 2026-03-16 --to 2026-03-22
out_line '^  2026-03-17 tue  closure  to 2026-03-20 fri \(4 days\): Vinterferie$'
out_has "open days: 3 of 7"
ok "${A[@]}" calendar show --from 2026-12-20 --to 2026-12-27
out_line '^  2026-12-24 thu  closure$'
out_line '^  2026-12-25 fri  holiday  Christmas Day \(1\. juledag\)$'

# refused: an overlap, a closure removed by a day inside it, a closure that does not exist
refused "${A[@]}" calendar closed add 2026-03-20 --to 2026-03-22
one_line_err
err_has "closure 2026-03-20 to 2026-03-22 overlaps the closure 2026-03-17 to 2026-03-20 (Vinterferie): remove that first"
refused "${A[@]}" calendar closed remove 2026-03-18
one_line_err
err_has "no closure starts on 2026-03-18: it is inside the closure 2026-03-17 to 2026-03-20 (Vinterferie) (remove that one by its first day, 2026-03-17)"
refused "${A[@]}" calendar closed remove 2026-08-01
err_has "bua-admin: cannot remove the closure: no closure starts on 2026-08-01"
same "$(sql "select count(*) from closure")" 2 "closures kept"
ok "${A[@]}" calendar closed remove 2026-03-17
out_has "removed the closure starting 2026-03-17"
ok "${A[@]}" checkout --card 1001 SKI-3
out_line '^  SKI-3 +Ski 3 +due 2026-03-17 23:59$'


# every weekday closed is refused; the rule stays as it was
ok "${A[@]}" calendar weekly --closed sat,sun
refused "${A[@]}" calendar weekly --closed man,tir,ons,tor,fre,lør,søn
one_line_err
err_has "a centre closed every day of the week would have no due days"
ok "${A[@]}" calendar show --from 2026-03-14 --to 2026-03-15
out_has "weekly closed:   sat, sun"

# ---- the report counts open days ---------------------------------------------------------------
# 2026: 365 days, 104 weekend days, 12 holidays of which 4 on a weekend (Easter Sunday, 17 May,
# Whit Sunday, Boxing Day on a Saturday), 24 Dec: 365 - 104 - 8 - 1
ok "${A[@]}" report --year 2026
out_line '^Åpne dager: 252( |$)'
ok "${A[@]}" report --year 2026 --format csv
out_line '^total,2026,open_days,252,'
ok "${A[@]}" report --year 2026 --format json
out_has '"open_days":	252'

# ---- usage errors (exit 2), nothing changed -----------------------------------------------------
usage "${A[@]}" calendar
usage "${A[@]}" calendar list
usage "${A[@]}" calendar closed
usage "${A[@]}" calendar closed open 2026-01-01
usage "${A[@]}" calendar closed add
usage "${A[@]}" calendar closed add 2026-02-30
err_has "invalid date '2026-02-30': not a date (YYYY-MM-DD or DD.MM.YYYY, 1970 to 9999)"
usage "${A[@]}" calendar closed add 31.13.2026
usage "${A[@]}" calendar closed add 2026-05-10 --to 2026-05-01
err_has "a closure cannot end (--to 2026-05-01) before it starts (2026-05-10)"
usage "${A[@]}" calendar closed add 2026-05-10 --to tomorrow
err_has "invalid --to 'tomorrow'"
usage "${A[@]}" calendar closed remove
usage "${A[@]}" calendar closed remove 2026-05-10 2026-05-11
usage "${A[@]}" calendar weekly
err_has "calendar weekly needs --closed DAYS"
usage "${A[@]}" calendar weekly --closed wed,funday
err_has "invalid --closed: unknown day 'funday'"
usage "${A[@]}" calendar weekly --closed wed,
usage "${A[@]}" calendar holidays
usage "${A[@]}" calendar holidays maybe
err_has "invalid calendar holidays 'maybe': use closed or open"
usage "${A[@]}" calendar show --year 2026 --from 2026-01-01 --to 2026-02-01
usage "${A[@]}" calendar show --from 2026-01-01
usage "${A[@]}" calendar show --from 2026-02-01 --to 2026-01-01
err_has "--to 2026-01-01 is before --from 2026-02-01"
usage "${A[@]}" calendar show --year 20266
same "$(sql "select count(*) from closure")" 1 "nothing changed by usage errors"
same "$(sql "select closed_weekdays from calendar")" 96 "sat and sun closed"

# ---- help ---------------------------------------------------------------------------------------
ok --db "$db" calendar --help
out_has "calendar closed add DATE [--to DATE] [--note T]"
out_has "calendar weekly --closed DAYS"
ok --db "$db" --help
out_has "calendar holidays closed|open"

ok "${A[@]}" check
admin_done
