#!/usr/bin/env bash
# e2e: bua-admin's item, category, borrower and staff commands on a fresh database, checked
# through their own output and through the stored rows (sqlite3).
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

A=(--db "$db" --now 2024-03-01T10:00)
ok "${A[@]}" init

# ---- items ----------------------------------------------------------------------------------
ok "${A[@]}" item add SKI-001 --name "Langrennski 150 cm" --category Ski --location A1 \
    --condition god --notes "nye feller"
out_has "added item SKI-001: Langrennski 150 cm (Ski)"
ok "${A[@]}" item add SKI-002 --name "Langrennski 170 cm" --category Ski --location A1 \
    --loan-days 14
ok "${A[@]}" item add TELT-1 --name "Telt, 3 personer" --category Telt --location B2
ok "${A[@]}" item add TELT-1-S --name "Teltstenger" --category Telt --location B2 --kit TELT-1
ok "${A[@]}" item add TELT-1-P --name "Plugger" --category Telt --location B2 --kit TELT-1
ok "${A[@]}" item add SYK-1 --name "Sykkel, rød" --category Sykkel
refused "${A[@]}" item add SKI-001 --name "Again" --category Ski
one_line_err
err_has "SKI-001"
refused "${A[@]}" item add TELT-2-S --name "Stenger" --category Telt --kit TELT-2
one_line_err
err_has "unknown set barcode TELT-2"
same "$(sql "select count(*) from item")" 6 "items stored"

ok "${A[@]}" item list
out_lines 6
out_line '^SKI-001 +available +Ski +A1 +Langrennski 150 cm$'
out_line '^SYK-1 +available +Sykkel +- +Sykkel, rød$'
ok "${A[@]}" item list --category Telt
out_lines 3
ok "${A[@]}" item list --location A1
out_lines 2
ok "${A[@]}" item list --category Ingenting
out_lines 0

ok "${A[@]}" item show SKI-001
out_has "barcode:    SKI-001"
out_has "name:       Langrennski 150 cm"
out_has "location:   A1"
out_has "condition:  god"
out_has "notes:      nye feller"
out_has "status:     available"
out_has "loan days:  7 (the category's)"
out_has "added:      2024-03-01 10:00"
ok "${A[@]}" item show SKI-002
out_has "loan days:  14"
ok "${A[@]}" item show TELT-1
out_line '^parts: +TELT-1-P +available +Plugger$'
out_line '^ +TELT-1-S +available +Teltstenger$'
ok "${A[@]}" item show TELT-1-S
out_has "part of:    TELT-1 Telt, 3 personer"
ok "${A[@]}" item add TELT-1-X --name "Ekstra plugger" --category Telt --kit TELT-1
ok "${A[@]}" item set TELT-1-X --kit ""
ok "${A[@]}" item show TELT-1-X
out_lacks "part of:"
ok "${A[@]}" item set TELT-1-X --kit TELT-1
ok "${A[@]}" item show TELT-1-X
out_has "part of:    TELT-1 Telt, 3 personer"
usage "${A[@]}" item add TELT-1-Y --name "Y" --category Telt --kit ""
err_has "invalid --kit: empty"
refused "${A[@]}" item set TELT-1 --kit TELT-1
one_line_err
err_has "cannot be a part of itself"
refused "${A[@]}" item show NOPE-1
one_line_err
err_has "NOPE-1"

# changes: fields, then the status with a note in the item's history
ok "${A[@]}" item set SYK-1 --name "Sykkel, blå" --location C3 --loan-days 3
out_has "item SYK-1: changed"
ok "${A[@]}" item show SYK-1
out_has "name:       Sykkel, blå"
out_has "location:   C3"
out_has "loan days:  3"
out_has "category:   Sykkel"
ok "${A[@]}" item set SYK-1 --status in_repair --note "punktert"
out_has "item SYK-1: status in_repair"
ok "${A[@]}" item list --status in_repair
out_lines 1
out_has "SYK-1"
same "$(sql "select note from item_event e join item i on i.id = e.item_id
             where i.barcode = 'SYK-1' order by e.id desc limit 1")" "punktert" "status note"
ok "${A[@]}" item set SYK-1 --status available
ok "${A[@]}" item list --status in_repair
out_lines 0
refused "${A[@]}" item set NOPE-1 --name X
one_line_err
err_has "NOPE-1"

# ---- categories -------------------------------------------------------------------------------
ok "${A[@]}" category set Ski --loan-days 10
out_has "category Ski: loan period 10 days"
ok "${A[@]}" item show SKI-001
out_has "loan days:  10 (the category's)"
ok "${A[@]}" category set Truger --loan-days 5
ok "${A[@]}" item add TRU-1 --name "Truger" --category Truger
ok "${A[@]}" item show TRU-1
out_has "loan days:  5 (the category's)"

# ---- borrowers --------------------------------------------------------------------------------
ok "${A[@]}" borrower add 1001 --name "Kari Nordmann" --phone 91234567 --email kari@example.no \
    --birth-year 1980 --consent
out_has "added borrower 1001: Kari Nordmann"
ok "${A[@]}" borrower add 1002 --name "Ola Nordmann" --responsible 1001 --birth-year 2014
ok "${A[@]}" borrower add 1003 --name "Åse Ås" --phone 47000000
refused "${A[@]}" borrower add 1001 --name "Kari Igjen"
one_line_err
err_has "1001"
refused "${A[@]}" borrower add 1004 --name "Per" --responsible 9999
one_line_err
err_has "unknown card 9999 (--responsible)"
refused "${A[@]}" borrower add 1005 --name "Liten" --responsible 1002
one_line_err
err_has "co-borrower"
usage "${A[@]}" borrower add 1006 --name "Fremtid" --birth-year 2090
err_has "in the future"
same "$(sql "select count(*) from borrower")" 3 "borrowers stored"
same "$(sql "select consent from borrower where card = '1001'")" 1 "consent stored"

ok "${A[@]}" borrower list
out_lines 3
out_line '^1001 +Kari Nordmann +91234567 *$'
out_line '^1002 +Ola Nordmann +91234567 \(guardian\) +co-borrower$'
ok "${A[@]}" borrower list nordmann
out_lines 2
ok "${A[@]}" borrower list 4700
out_lines 1
out_has "Åse Ås"

ok "${A[@]}" borrower show 1001
out_has "card:        1001"
out_has "phone:       91234567"
out_has "email:       kari@example.no"
out_has "birth year:  1980"
out_has "registered:  2024-03-01 10:00"
out_has "consent:     yes"
out_has "blocked:     no"
out_has "co-borrower: Ola Nordmann (card 1002)"
out_has "on loan:     nothing"
ok "${A[@]}" borrower show 1002
out_has "responsible: Kari Nordmann (card 1001)"
refused "${A[@]}" borrower show 4242
one_line_err
err_has "4242"

ok "${A[@]}" borrower block 1003 --reason "skyldig et telt"
out_has "blocked 1003: Åse Ås (skyldig et telt)"
ok "${A[@]}" borrower show 1003
out_has "blocked:     yes: skyldig et telt"
ok "${A[@]}" borrower list
out_line '^1003 +Åse Ås +47000000 +blocked$'
ok "${A[@]}" borrower unblock 1003
out_has "unblocked 1003: Åse Ås"
same "$(sql "select blocked from borrower where card = '1003'")" 0 "unblocked"
refused "${A[@]}" borrower block 4242 --reason x
one_line_err

# ---- staff (Argon2id is slow under ASan: few adds) --------------------------------------------
run_in 4711 "${A[@]}" staff add S-1 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"
out_has "added staff S-1: Lise Leder (leader)"
same "$(sql "select name, role from staff where card = 'S-1'")" "Lise Leder|2" "staff stored"
[ "$(sql "select pin_hash from staff where card = 'S-1'")" != 4711 ] || fail "PIN stored as is"
run_in 12ab "${A[@]}" staff add S-2 --name "Tore Trainee" --role trainee --pin-stdin
[ "$rc" -eq 1 ] || fail "expected a bad PIN refused"
one_line_err
err_has "the PIN must be 4 to 12 digits"
run_in 1234 "${A[@]}" staff add S-1 --name "Lise Igjen" --role leader --pin-stdin
[ "$rc" -eq 1 ] || fail "expected a taken staff card refused"
err_has "the card is taken by Lise Leder"
same "$(sql "select count(*) from staff")" 1 "staff stored"

# the PIN on a terminal (a pty from script(1)): asked twice, never echoed
wait_for() { # wait_for TEXT: until the pty output shows TEXT (at most 30 s)
    for _ in $(seq 1 300); do
        grep -qF -- "$1" "$out" && return 0
        sleep 0.1
    done
    return 0
}
pty() { # pty INPUT_LINE_1 INPUT_LINE_2 ARGS...: bua-admin on a pseudo-terminal
    local one=$1 two=$2
    shift 2
    last_cmd="$* (on a pty)"
    local cmd
    cmd=$(printf '%q ' "$ADMIN" "$@")
    set +e
    : >"$out"
    # each line is typed once its prompt shows: then the echo is already off
    (wait_for "PIN for" && printf '%s\n' "$one" && wait_for "PIN again" && printf '%s\n' "$two") |
        timeout 60 script -q -e -c "$cmd" /dev/null >"$out" 2>"$err"
    rc=$?
    set -e
}
if command -v script >/dev/null; then
    pty 8642 8642 "${A[@]}" staff add S-3 --name "Per Pty" --role trainee
    [ "$rc" -eq 0 ] || fail "staff add on a terminal"
    out_has "PIN for Per Pty: "
    out_has "PIN again: "
    out_has "added staff S-3: Per Pty (trainee)"
    out_lacks 8642
    pty 1357 7531 "${A[@]}" staff add S-4 --name "Tom Tast" --role trainee
    [ "$rc" -eq 1 ] || fail "expected different PINs refused"
    out_has "the two PINs differ"
    out_lacks 1357
    same "$(sql "select count(*) from staff")" 2 "staff stored"
fi

# ---- the file: application id, foreign files, backup and restore ----------------------------
same "$(sql "pragma application_id")" 1112883505 "application id BUA1 set by init"
# every command but init refuses a file that is not a bua-kiosk database, changing nothing
sqlite3 "$tmp/foreign.db" "create table notes(x); insert into notes values ('keep'); pragma application_id=7"
sqlite3 "$tmp/foreign0.db" "create table item(x); pragma user_version=1"
: >"$tmp/empty.db"
printf 'just text, long enough to be more than a header of a database file\n' >"$tmp/text.db"
chmod 0644 "$tmp/foreign.db" "$tmp/foreign0.db" "$tmp/empty.db" "$tmp/text.db"
for f in foreign foreign0 empty text; do
    cp -p "$tmp/$f.db" "$tmp/$f.orig"
    for cmd in report check "item list" overdue "backup $tmp/$f.bak" demo; do
        # shellcheck disable=SC2086
        refused --db "$tmp/$f.db" $cmd
        one_line_err
        err_has "$tmp/$f.db is not a bua-kiosk database"
        cmp -s "$tmp/$f.db" "$tmp/$f.orig" || fail "$f.db changed by $cmd"
        same "$(stat -c %a "$tmp/$f.db")" 644 "$f.db mode after $cmd"
        for side in -wal -shm -journal -lock; do
            [ ! -e "$tmp/$f.db$side" ] || fail "$cmd left $f.db$side behind"
        done
        [ ! -e "$tmp/$f.bak" ] || fail "$cmd made a backup of $f.db"
    done
    refused --db "$tmp/$f.db" init
    err_has "exists already"
    cmp -s "$tmp/$f.db" "$tmp/$f.orig" || fail "$f.db changed by init"
done
refused --db "$tmp/missing.db" report
err_has "no database at $tmp/missing.db"
[ ! -e "$tmp/missing.db" ] || fail "report created missing.db"

# a database made before the application id (id 0) is adopted: it opens, and gets the id
cp "$db" "$tmp/old.db"
sqlite3 "$tmp/old.db" "pragma application_id=0"
ok --db "$tmp/old.db" item list
same "$(sqlite3 "$tmp/old.db" "pragma application_id")" 1112883505 "old database adopted"

# backup while another program has the database open (a shared lock, as a kiosk holds)
ok "${A[@]}" backup "$tmp/store.bak"
items_then=$(sql "select count(*) from item")
ok "${A[@]}" item add EXTRA-1 --name "Added after the backup" --category Ski
same "$(sql "select count(*) from item")" $((items_then + 1)) "item added"
# restore: refused while a program holds the database, nothing changed
(
    exec 9<>"$db-lock"
    flock -s 9
    exec sleep 30
) &
holder=$!
for _ in $(seq 1 50); do
    flock -n -x "$db-lock" true || break
    sleep 0.1
done
ok "${A[@]}" backup "$tmp/held.bak"
same "$(sqlite3 "$tmp/held.bak" "select count(*) from item")" $((items_then + 1)) "backup while held"
refused "${A[@]}" restore "$tmp/store.bak"
one_line_err
err_has "cannot restore into $db: another program has it open"
err_has "--force"
same "$(sql "select count(*) from item")" $((items_then + 1)) "nothing restored while held"
ok "${A[@]}" restore "$tmp/store.bak" --force
out_has "restored $db from $tmp/store.bak"
same "$(sql "select count(*) from item")" "$items_then" "restored with --force"
kill "$holder"
wait "$holder" 2>/dev/null || true
ok "${A[@]}" restore "$tmp/held.bak"
same "$(sql "select count(*) from item")" $((items_then + 1)) "restored"
same "$(sql "pragma integrity_check")" ok "integrity after restore"
same "$(sql "pragma application_id")" 1112883505 "application id after restore"
# a backup that is no bua-kiosk database, or damaged, or missing, or the database itself
cp -p "$db" "$tmp/live.orig"
for f in foreign empty text; do
    refused "${A[@]}" restore "$tmp/$f.db"
    one_line_err
    err_has "$tmp/$f.db is not a bua-kiosk database"
done
cp "$tmp/held.bak" "$tmp/damaged.bak"
size=$(stat -c %s "$tmp/damaged.bak")
for ((p = 4096; p < size; p += 4096)); do
    printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' |
        dd of="$tmp/damaged.bak" bs=1 seek=$((p + 2000)) conv=notrunc status=none
done
refused "${A[@]}" restore "$tmp/damaged.bak"
one_line_err
err_has "cannot restore from $tmp/damaged.bak"
refused "${A[@]}" restore "$tmp/nothing.bak"
err_has "$tmp/nothing.bak"
refused "${A[@]}" restore "$db"
err_has "it is the database itself"
usage "${A[@]}" restore
cmp -s "$db" "$tmp/live.orig" || fail "a refused restore changed the database"
ok "${A[@]}" restore "$tmp/store.bak"
same "$(sql "select count(*) from item")" "$items_then" "back to the first backup"

ok "${A[@]}" check
out_has "items:     8 (8 available"
out_has "borrowers: 3 (0 blocked)"

# schema migration steps 2 (PIN attempts per staff card), 3 (everyday lending), 4 (personal
# data, the centre's week) and 5 (sync): a database of version 1 gets what they add when it is
# opened, and keeps its data. Each part of steps 3 to 5 is undone here (v3_undo, v4_undo,
# v5_undo) to make a version-1 file again.
same "$(sql "pragma user_version")" 5 "schema version"
staff_n=$(sql "select count(*) from staff")
v3_undo="alter table loan_line drop column renewals; alter table loan_line drop column lost_at;"
v3_undo="$v3_undo drop table renewal; drop table reservation_item; drop table reservation;"
v3_undo="$v3_undo drop index audit_scan_item;"
v3_undo+=" drop table card_replaced; drop table person_change;"
v3_undo+=" alter table staff drop column disabled_at; alter table staff drop column expires_at;"
v3_undo="$v3_undo drop table calendar; drop table closure;"
v3_undo+=" drop index item_centre; drop table sum_pending;"
v3_undo+=" drop index item_never_lent; alter table item drop column ever_lent;"
v4_undo="alter table borrower drop column consent_version;"
v4_undo+=" alter table borrower drop column consent_at; alter table borrower drop column consent_by;"
v4_undo+=" alter table borrower drop column contact_consent;"
v4_undo+=" alter table borrower drop column municipality;"
v4_undo+=" drop table outbox; drop table outbox_channel;"
v4_undo+=" alter table borrower drop column receipts; alter table borrower drop column lang;"
v4_undo+=" drop table access_log; alter table borrower drop column login_at;"
v4_undo+=" alter table borrower drop column erased_at; alter table borrower drop column key_only;"
v4_undo+=" drop table job_event; drop table job; drop table repair_step; drop table workshop_change;"
v4_undo+=" drop index item_event_item_at;"
v4_undo+=" drop table opening_hours; drop table training_shift; drop table training_member;"
v4_undo+=" drop table training_scheme; drop index loan_staff; drop index loan_line_return_staff;"
v4_undo+=" drop index borrower_registered_by; drop table sum_training;"
v4_undo+=" drop trigger sum_profile_add; drop table sum_profile;"
v4_undo+=" alter table sum_borrower drop column band; alter table sum_borrower drop column municipality;"
# step 4's lines and summary parts: the two indexes of loan lines by item again, and the queued
# checkouts (the loans above the mark) as rows of sum_pending again
v4_undo+=" drop index loan_line_open_item; create index loan_line_item on loan_line(item_id);"
v4_undo+=" create unique index loan_line_open on loan_line(item_id) where returned_at is null;"
v4_undo+=" create table sum_pending (loan_id integer primary key);"
v4_undo+=" insert into sum_pending select id from loan where id > (select loan_id from sum_mark);"
v4_undo+=" drop table sum_mark;"
# step 4's never-lent part: step 3's index of the items never lent again
v4_undo+=" create index item_never_lent on item(centre_id, status) where ever_lent = 0;"
# step 5 (sync): its tables, and the index of lines by state without open_key (no identity was
# given here, so there are no sync triggers to drop)
v5_undo="drop table sync_self; drop table sync_out; drop table sync_map; drop table sync_peer;"
v5_undo+=" drop table sync_state; drop table sync_wait; drop table sync_conflict;"
v5_undo+=" drop index loan_line_open_item; alter table loan_line drop column open_key;"
v5_undo+=" create unique index loan_line_open_item on loan_line"
v5_undo+="((case when returned_at is null then 0 end), item_id);"
sql "drop table staff_pin; $v5_undo $v4_undo $v3_undo pragma user_version = 1" >/dev/null
ok "${A[@]}" check
same "$(sql "pragma user_version")" 5 "schema migrated"
same "$(sql "select count(*) from borrower where consent_version is null and contact_consent = 0"\
" and municipality = ''")" "$(sql "select count(*) from borrower")" "borrowers migrated"
same "$(sql "select count(*) from loan_line where renewals = 0 and lost_at is null")" \
    "$(sql "select count(*) from loan_line")" "loan lines migrated"
same "$(sql "select count(*) from staff_pin")" 0 "staff_pin made"
same "$(sql "select count(*) from sqlite_master where name = 'audit_scan_item'")" 1 \
    "audit_scan_item made"
same "$(sql "select count(*) from staff")" "$staff_n" "staff kept"
same "$(sql "select coalesce(sum(borrowers), 0) from sum_profile")" \
    "$(sql "select count(*) from sum_borrower where period < 10000")" "sum_profile counted"
same "$(sql "select group_concat(name, ' ') from (select name from sqlite_master where"\
" tbl_name = 'loan_line' and type = 'index' or name like 'sum%' order by name)")" \
    "loan_line_open_item loan_line_return_staff sum_borrower sum_mark sum_profile sum_profile_add"\
" sum_training summary" "one index of lines by item (and one by the staff who took them back), the summary mark"
same "$(sql "select loan_id from sum_mark")" "$(sql "select coalesce(max(id), 0) from loan")" \
    "summary mark at the newest loan"
same "$(sql "select count(*) from sqlite_master where name = 'item_never_lent'")" 0 \
    "no index of the items never lent"
same "$(sql "select count(*) from item where ever_lent = 1")" \
    "$(sql "select count(distinct item_id) from loan_line")" "ever lent marked from loan lines"
same "$(sql "select count(*) from item where ever_lent = 1")" \
    "$(sql "select count(*) from item i where exists (select 1 from loan_line ll where ll.item_id = i.id)")" \
    "ever lent: exactly the items with loan lines"

# ---- audit (stocktake): every line of the result, the groups that need action first ----------
ok "${A[@]}" item add Q-1 --name "Kano" --category Vann --location HYLLE-Q
ok "${A[@]}" item add Q-2 --name "Padleåre, 2 stk" --category Vann --location HYLLE-Q
ok "${A[@]}" item add Q-3 --name "=SUM(A1,A9)" --category Vann --location HYLLE-Q
ok "${A[@]}" item add Q-4 --name "Vest" --category Vann --location HYLLE-Q
ok "${A[@]}" checkout --card 1001 Q-4
ok "${A[@]}" audit start HYLLE-Q
out_has "started stocktake 1 of zone HYLLE-Q: 3 items expected"
ok "${A[@]}" audit scan 1 Q-1 SKI-001 Q-4 NOPE-1 "@SUM(1)"
out_has "Q-1: found"
out_has "SKI-001: misplaced"
out_has "Q-4: lent"
out_has "NOPE-1: unknown"
out_has "stocktake 1: 1 of 3 expected found, 1 misplaced, 1 lent, 2 unknown"
ok "${A[@]}" audit show 1
out_has "stocktake 1 of zone HYLLE-Q, started 2024-03-01 10:00, still open"
ok --db "$db" --now 2024-03-01T11:30 audit finish 1
out_has "finished stocktake 1"
ok "${A[@]}" audit show 1
out_has "stocktake 1 of zone HYLLE-Q, started 2024-03-01 10:00, finished 2024-03-01 11:30"
same "$(grep -E '^[a-z]+: [0-9]+$' "$out" | tr '\n' ' ')" \
    "missing: 2 misplaced: 1 lent: 1 unknown: 2 found: 1 " "groups in order, with counts"
out_lines 13
out_line '^  Q-2 +Padleåre, 2 stk +HYLLE-Q$'
out_line '^  Q-3 +=SUM\(A1,A9\) +HYLLE-Q$'
out_line '^  SKI-001 +Langrennski 150 cm +belongs in A1$'
out_line '^  Q-4 +Vest +HYLLE-Q$'
out_line '^  @SUM\(1\) +not in the store$'
out_line '^  NOPE-1 +not in the store$'
out_line '^  Q-1 +Kano +HYLLE-Q$'
ok "${A[@]}" audit show 1 --format csv
same "$(cat "$out")" "group,barcode,name,location
missing,Q-2,\"Padleåre, 2 stk\",HYLLE-Q
missing,Q-3,\"'=SUM(A1,A9)\",HYLLE-Q
misplaced,SKI-001,Langrennski 150 cm,A1
lent,Q-4,Vest,HYLLE-Q
unknown,\"'@SUM(1)\",,
unknown,NOPE-1,,
found,Q-1,Kano,HYLLE-Q" "audit CSV: a header, the groups in order, formulas neutralised"
refused "${A[@]}" audit show 99
one_line_err
err_has "no stocktake 99"
refused "${A[@]}" audit scan 1 Q-2
err_has "stocktake 1 is already finished"
usage "${A[@]}" audit show abc
err_has "invalid stocktake ID 'abc'"
usage "${A[@]}" audit show 1 --format xml
err_has "invalid --format 'xml': use text or csv"
usage "${A[@]}" audit

# step 3 once more, now that loan lines exist: the "ever lent" mark is filled from them (Q-4 out,
# Q-1 lent and back, the others never lent). `check` first adds queued checkouts to the summaries.
ok "${A[@]}" checkout --card 1001 Q-1
ok "${A[@]}" return Q-1
ok "${A[@]}" check
sql "$v5_undo $v4_undo $v3_undo pragma user_version = 2" >/dev/null
same "$(sql "select count(*) from pragma_table_info('item') where name = 'ever_lent'")" 0 \
    "ever_lent undone"
ok "${A[@]}" check
same "$(sql "pragma user_version")" 5 "schema migrated again"
same "$(sql "select group_concat(barcode, ' ') from (select barcode from item where ever_lent = 1"\
" order by barcode)")" \
    "$(sql "select group_concat(barcode, ' ') from (select barcode from item i where exists"\
" (select 1 from loan_line ll where ll.item_id = i.id) order by barcode)")" \
    "ever lent: exactly the items with loan lines"
out_of() { sql "select ever_lent from item where barcode = '$1'"; }
same "$(out_of Q-4)/$(out_of Q-1)/$(out_of Q-2)" "1/1/0" "ever lent: Q-4 out, Q-1 back, Q-2 never"
ok "${A[@]}" check
# a mark that disagrees with the loan lines is found by check, either way
sql "update item set ever_lent = 0 where barcode = 'Q-1'" >/dev/null
refused "${A[@]}" check
err_has "item Q-1: its ever-lent mark and its loans disagree"
sql "update item set ever_lent = 1 where barcode in ('Q-1', 'Q-2')" >/dev/null
refused "${A[@]}" check
err_has "item Q-2: its ever-lent mark and its loans disagree"
sql "update item set ever_lent = 0 where barcode = 'Q-2'" >/dev/null
ok "${A[@]}" check

# step 4's summary mark from step 3's queue (rows of sum_pending): checkouts queued last (the
# newest loans) put the mark just below them, to be added when the figures are read; a queue
# that is not the newest loans (an import came between) leaves the mark unknown, and the
# summaries are rebuilt when the file is opened. Either way the figures agree with the loans.
mark() { sql "select coalesce(loan_id, 'unknown') from sum_mark"; }
newest=$(sql "select max(id) from loan")
same "$(mark)" "$newest" "check added every checkout"
ok "${A[@]}" checkout --card 1001 Q-1
ok "${A[@]}" checkout --card 1001 Q-2
same "$(mark)" "$newest" "two checkouts queued above the mark"
sql "$v5_undo $v4_undo pragma user_version = 3" >/dev/null
same "$(sql "select group_concat(loan_id, ' ') from sum_pending")" "$((newest + 1)) $((newest + 2))" \
    "queued as step 3 had them"
ok "${A[@]}" item list # opens (migrating), reads no figures
same "$(mark)" "$newest" "mark just below the queue"
ok "${A[@]}" check
out_has "2024:      4 items lent, 4 loans, 1 borrowers, 3 new borrowers"
same "$(mark)" "$((newest + 2))" "check added the queue"
sql "$v5_undo $v4_undo pragma user_version = 3; insert into sum_pending select min(id) from loan" >/dev/null
ok "${A[@]}" item list
same "$(mark)" "$((newest + 2))" "a queue that is not the newest loans: rebuilt at open"
ok "${A[@]}" check
out_has "2024:      4 items lent, 4 loans, 1 borrowers, 3 new borrowers"
# a loan whose id is not above the mark (loans above it deleted) is added at once
sql "update sum_mark set loan_id = loan_id + 5" >/dev/null
ok "${A[@]}" checkout --card 1001 Q-3
ok "${A[@]}" check
out_has "2024:      5 items lent, 5 loans, 1 borrowers, 3 new borrowers"
same "$(mark)" "$((newest + 7))" "mark kept"

admin_done
