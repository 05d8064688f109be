#!/usr/bin/env bash
# e2e: bua-admin borrower set / borrower card and the staff accounts (list, set, disable, enable,
# expiry, a new PIN) on a scripted clock: what changes is stored and recorded, a replaced card is
# refused everywhere with "erstattet", a child's contact is the adult's phone, every bad input
# has a clear message and exit code 1 (refused) or 2 (called wrongly).
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2024-02-01T09:00 init
ok "${A[@]}"
at 2024-02-01T09:00 item add SKI-1 --name "Langrennski" --category Ski
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1001 --name "Kari Nordmann" --phone 91234567
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1002 --name "Ola Nordmann" --responsible 1001
ok "${A[@]}"
at 2024-02-01T09:00 borrower add 1003 --name "Per Hansen"
ok "${A[@]}"
run_in 2468 --db "$db" staff add S-1 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"
run_in 1357 --db "$db" staff add S-2 --name "Tore Trainee" --role trainee --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add trainee"

# ---- borrower set ------------------------------------------------------------------------------
at 2024-03-01T12:00 borrower set 1003 --name "Per Olav Hansen" --phone 47000000 --birth-year 1980
ok "${A[@]}"
out_has "changed borrower 1003: name phone birth_year"
same "$(sql "select name || '|' || phone || '|' || birth_year from borrower where card = '1003'")" \
    "Per Olav Hansen|47000000|1980" "borrower changed"
same "$(sql "select fields || '|' || at from person_change where borrower_id = 3")" \
    "name,phone,birth_year|$(date -d 2024-03-01T12:00 +%s)" "change recorded, not the old values"
at 2024-03-01T12:00 borrower set 1003 --phone 47000000
ok "${A[@]}"
out_has "borrower 1003: nothing changed"
at 2024-03-01T12:00 borrower set 1003 --adult 1001
ok "${A[@]}"
out_has "changed borrower 1003: responsible"
at 2024-03-01T12:00 borrower set 1003 --no-adult --email ""
ok "${A[@]}"
out_has "changed borrower 1003: responsible"
# refused by the store: exit 1, nothing written
at 2024-03-01T12:00 borrower set 1003 --adult 1002
refused "${A[@]}"
err_has "bua-admin: cannot change borrower: Ola Nordmann (card 1002) is a co-borrower and cannot be responsible for another"
at 2024-03-01T12:00 borrower set 1001 --adult 1003
refused "${A[@]}"
err_has "is the responsible adult of 1 co-borrower and cannot have one"
at 2024-03-01T12:00 borrower set 1003 --adult 9999
refused "${A[@]}"
err_has "unknown card 9999 (responsible adult)"
at 2024-03-01T12:00 borrower set 9999 --name X
refused "${A[@]}"
err_has "bua-admin: cannot change borrower: unknown card 9999"
at 2024-03-01T12:00 borrower set 1003 --name $'Per\tHansen'
refused "${A[@]}"
err_has "name"
same "$(sql "select name || '|' || coalesce(responsible_id, 0) from borrower where card = '1003'")" \
    "Per Olav Hansen|0" "nothing refused written"
# called wrongly: exit 2
at 2024-03-01T12:00 borrower set 1003
usage "${A[@]}"
err_has "needs something to change"
at 2024-03-01T12:00 borrower set 1003 --birth-year 2030
usage "${A[@]}"
err_has "invalid --birth-year 2030: in the future"
at 2024-03-01T12:00 borrower set 1003 --birth-year 19x0
usage "${A[@]}"
at 2024-03-01T12:00 borrower set 1003 --adult 1001 --no-adult
usage "${A[@]}"
at 2024-03-01T12:00 borrower set 1003 --name ""
usage "${A[@]}"
at 2024-03-01T12:00 borrower set --name X
usage "${A[@]}"

# ---- a child's contact: the adult's phone, said so -------------------------------------------
at 2024-03-01T12:00 checkout --card 1002 SKI-1
ok "${A[@]}"
at 2024-03-20T12:00 overdue
ok "${A[@]}"
out_line '^Ola Nordmann +1002 +91234567 \(guardian\) +SKI-1 '
at 2024-03-20T12:00 borrower show 1002
ok "${A[@]}"
out_has "phone:       91234567 (guardian)"
at 2024-03-20T12:00 borrower show 1001
ok "${A[@]}"
out_has "phone:       91234567"
out_lacks "(guardian)"

# ---- borrower card: a lost card replaced ----------------------------------------------------------
at 2024-03-02T10:00 borrower card 1002 2002
ok "${A[@]}"
out_has "replaced card 1002 with 2002: Ola Nordmann (card 1002 is refused from now on)"
at 2024-03-20T12:00 borrower show 2002
ok "${A[@]}"
out_line '^on loan: +SKI-1 '
at 2024-03-20T12:00 borrower show 1002
refused "${A[@]}"
err_has "bua-admin: cannot show borrower: card 1002 was replaced (erstattet) on 2024-03-02"
at 2024-03-20T12:00 checkout --card 1002 SKI-1
refused "${A[@]}"
err_has "card 1002 was replaced (erstattet) on 2024-03-02"
at 2024-03-20T12:00 borrower add 1002 --name "Someone Else"
refused "${A[@]}"
err_has "card 1002 was replaced (erstattet) on 2024-03-02"
run_in 1111 --db "$db" staff add 1002 --name "Ny" --role trainee --pin-stdin
[ "$rc" -eq 1 ] || fail "a replaced card cannot become a staff card"
err_has "card 1002 was replaced (erstattet) on 2024-03-02"
at 2024-03-20T12:00 borrower card 1003 1002
refused "${A[@]}"
err_has "card 1002 was replaced (erstattet) on 2024-03-02 and cannot be used again"
at 2024-03-20T12:00 borrower card 1003 1001
refused "${A[@]}"
err_has "card 1001 is already a borrower's card (Kari Nordmann)"
at 2024-03-20T12:00 borrower card 1003 S-1
refused "${A[@]}"
err_has "card S-1 is already a staff card (Lise Leder)"
at 2024-03-20T12:00 borrower card 9999 5555
refused "${A[@]}"
err_has "unknown card 9999"
at 2024-03-20T12:00 borrower card 1003
usage "${A[@]}"
at 2024-03-20T12:00 return SKI-1
ok "${A[@]}"
same "$(sql "select count(*) from loan l join borrower b on b.id = l.borrower_id where b.card = '2002'")" \
    1 "the loan follows the person"

# ---- staff accounts -------------------------------------------------------------------------------
at 2024-03-20T12:00 staff list
ok "${A[@]}"
out_line '^S-1 +Lise Leder +leader +active$'
out_line '^S-2 +Tore Trainee +trainee +active$'
at 2024-03-20T12:00 staff disable S-2
ok "${A[@]}"
out_has "disabled staff card S-2: Tore Trainee"
at 2024-03-20T12:00 staff list
ok "${A[@]}"
out_line '^S-2 +Tore Trainee +trainee +disabled 2024-03-20$'
at 2024-03-20T12:00 staff disable S-1
refused "${A[@]}"
err_has "bua-admin: cannot disable staff card: Lise Leder (staff card S-1) is the last active leader and cannot be disabled"
at 2024-03-20T12:00 staff set S-1 --role trainee
refused "${A[@]}"
err_has "is the last active leader and cannot become a trainee"
at 2024-03-20T12:00 staff enable S-2
ok "${A[@]}"
out_has "enabled staff card S-2: Tore Trainee"
# a summer-job account
at 2024-06-20T12:00 staff set S-2 --expires 2024-08-16
ok "${A[@]}"
out_has "changed staff S-2: expires"
at 2024-06-20T12:00 staff list
ok "${A[@]}"
out_line '^S-2 +Tore Trainee +trainee +active, expires 2024-08-16$'
at 2024-08-17T08:00 staff list
ok "${A[@]}"
out_line '^S-2 +Tore Trainee +trainee +expired 2024-08-16$'
at 2024-08-17T08:00 staff set S-2 --expires 2024-08-01
refused "${A[@]}"
err_has "expiry date 2024-08-01 is in the past"
at 2024-08-17T08:00 staff set S-2 --expires 2024-02-30
usage "${A[@]}"
err_has "invalid --expires '2024-02-30': not a date (YYYY-MM-DD)"
at 2024-08-17T08:00 staff set S-2 --expires 2024-09-01 --no-expiry
usage "${A[@]}"
at 2024-08-17T08:00 staff set S-2 --role boss
usage "${A[@]}"
at 2024-08-17T08:00 staff set S-2
usage "${A[@]}"
at 2024-08-17T08:00 staff set S-2 --no-expiry --name "Tore T."
ok "${A[@]}"
out_has "changed staff S-2: name expires"
at 2024-08-17T08:00 staff set S-9 --name X
refused "${A[@]}"
err_has "unknown staff card S-9"
at 2024-08-17T08:00 staff disable S-9
refused "${A[@]}"
at 2024-08-17T08:00 staff frobnicate S-2
usage "${A[@]}"
at 2024-08-17T08:00 staff disable
usage "${A[@]}"
# a new card for staff: the old one is refused as replaced
at 2024-08-17T08:00 staff set S-2 --card S-22
ok "${A[@]}"
out_has "changed staff S-22: card"
at 2024-08-17T08:00 staff pin S-2 --pin-stdin
refused "${A[@]}"
err_has "bua-admin: cannot give a new PIN: card S-2 was replaced (erstattet) on 2024-08-17"
at 2024-08-17T08:00 staff set S-1 --card 2002
refused "${A[@]}"
err_has "card 2002 is already a borrower's card (Ola Nordmann)"

# ---- a new PIN ------------------------------------------------------------------------------------
sql "insert into staff_pin(staff_id, fails, locked_until) values (2, 2, 9999999999)
     on conflict (staff_id) do update set fails = 2, locked_until = 9999999999"
run_in 8642 --db "$db" staff pin S-22 --pin-stdin
[ "$rc" -eq 0 ] || fail "staff pin"
out_has "new PIN for staff card S-22: Tore T. (wrong tries and any lock cleared)"
same "$(sql "select fails || '|' || locked_until from staff_pin where staff_id = 2")" "0|0" \
    "count and lock cleared"
same "$(sql "select pin_hash like '\$argon2id\$%' from staff where card = 'S-22'")" 1 "hashed"
run_in 12 --db "$db" staff pin S-22 --pin-stdin
[ "$rc" -eq 1 ] || fail "a short PIN is refused"
err_has "cannot give S-22 a new PIN: the PIN must be 4 to 12 digits"
same "$(sql "select group_concat(fields, ';') from person_change where staff_id = 2")" \
    "disabled;enabled;expires;name,expires;card;pin" "staff changes recorded"

# ---- help -----------------------------------------------------------------------------------------
run --help
for line in "borrower set CARD" "borrower card OLD NEW" "staff list" "staff set CARD" \
    "--expires DATE|--no-expiry" "staff disable CARD" "staff enable CARD" "staff pin CARD"; do
    out_has "$line"
done

at 2024-08-17T08:00 check
ok "${A[@]}"
admin_done
