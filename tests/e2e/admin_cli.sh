#!/usr/bin/env bash
# e2e: bua-admin's command line: help, init and where the database is, and every kind of bad
# input to bua-admin itself (exit 2 and one line on stderr for usage errors, exit 1 for a
# missing database or folder), never a crash.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

# ---- help ---------------------------------------------------------------------------------
ok --help
out_has "usage: bua-admin"
out_has "exit status:"
out_has "  2  called wrongly"
for cmd in init "item add" "item list" "item show" "item set" "category set" "borrower add" \
    "borrower list" "borrower show" "borrower block" "borrower unblock" "staff add" checkout \
    return overdue backup import report check; do
    out_has "  $cmd"
done
ok help
out_has "usage: bua-admin"
ok item add --help
out_has "usage: bua-admin"
if [ -w /dev/full ]; then # output that cannot be written is a failure, not a silent success
    set +e
    "$ADMIN" --help >/dev/full 2>"$err"
    rc=$?
    set -e
    last_cmd="--help >/dev/full"
    [ "$rc" -eq 1 ] || fail "expected exit 1 when stdout is full"
    err_has "cannot write the output"
fi

# ---- usage errors: exit 2, one line naming the problem ------------------------------------
usage
err_has "missing command"
usage frobnicate
err_has "unknown command 'frobnicate'"
usage --colour red item list
err_has "unknown option --colour"
usage --db
err_has "option --db needs a value"
usage --db "$db" item add
err_has "item add needs a BARCODE"
usage --db "$db" item show
err_has "item show needs a BARCODE"
usage --db "$db" item add SKI-1 --category Ski
err_has "item add needs --name"
usage --db "$db" item add SKI-1 --name
err_has "option --name of item add needs a value"
usage --db "$db" item add SKI-1 --name --category Ski
err_has "option --name of item add needs a value"
usage --db "$db" item add SKI-1 --name Ski --category Ski --colour red
err_has "unknown option --colour for item add"
usage --db "$db" item add SKI-1 --name Ski --name Ski2 --category Ski
err_has "option --name of item add is given twice"
usage --db "$db" item add SKI-1 SKI-2 --name Ski --category Ski
err_has "too many arguments for item add: SKI-2"
usage --db "$db" item add SKI-1 --name Ski --category Ski --loan-days many
err_has "invalid --loan-days 'many': not a whole number"
usage --db "$db" item add SKI-1 --name Ski --category Ski --loan-days 99999
err_has "invalid --loan-days 99999: out of range"
usage --db "$db" item
err_has "item needs a subcommand"
usage --db "$db" item frob
err_has "unknown subcommand 'item frob'"
usage --db "$db" item list --status lost
err_has "invalid --status 'lost'"
usage --db "$db" item set SKI-1
err_has "item set needs something to change"
usage --db "$db" item set SKI-1 --status on_loan
err_has "invalid --status 'on_loan'"
usage --db "$db" item set SKI-1 --note "why"
err_has "option --note of item set goes with --status"
usage --db "$db" report --year abc
err_has "invalid --year 'abc': not a whole number"
usage --db "$db" report --year 99999
err_has "invalid --year 99999: out of range"
usage --db "$db" report --year 2024x
err_has "invalid --year '2024x'"
usage --db "$db" report --year
err_has "option --year of report needs a value"
usage --db "$db" report --format xml
err_has "invalid --format 'xml'"
usage --db "$db" checkout SKI-1
err_has "checkout needs --card"
usage --db "$db" checkout --card 1001
err_has "checkout needs at least one BARCODE"
usage --db "$db" checkout --card 1001 SKI-1 SKI-1
err_has "barcode SKI-1 is given twice"
usage --db "$db" return
err_has "return needs at least one BARCODE"
usage --db "$db" return SKI-1 --damaged=yes
err_has "option --damaged of return takes no value"
usage --db "$db" borrower add 1001
err_has "borrower add needs --name"
usage --db "$db" borrower add 1001 --name Kari --birth-year nineteen
err_has "invalid --birth-year 'nineteen'"
usage --db "$db" borrower block 1001
err_has "borrower block needs --reason"
usage --db "$db" staff add S1 --name Per
err_has "staff add needs --role"
usage --db "$db" staff add S1 --name Per --role boss
err_has "invalid --role 'boss': use trainee or leader"
usage --db "$db" category set Ski
err_has "category set needs --loan-days"
usage --db "$db" category set Ski --loan-days 0
err_has "invalid --loan-days 0: out of range"
usage --db "$db" import things x.csv
err_has "invalid import kind 'things'"
usage --db "$db" import items
err_has "import needs items|borrowers|loans and a FILE"
usage --db "$db" backup
err_has "backup needs a FILE"
usage --db "$db" init --timezone
err_has "option --timezone of init needs a value"

# ---- no database yet ------------------------------------------------------------------------
refused --db "$db" item list
one_line_err
err_has "no database at $db: run bua-admin init"
refused --db "$tmp/nowhere/bua.db" item list
one_line_err
err_has "no such folder $tmp/nowhere"
refused --db "$tmp/nowhere/bua.db" init
one_line_err
err_has "cannot create database $tmp/nowhere/bua.db: no such folder $tmp/nowhere"
[ ! -e "$tmp/nowhere" ] || fail "init made a folder it was not asked to"

# ---- init -----------------------------------------------------------------------------------
ok --db "$db" init
out_has "created database $db (time zone Europe/Oslo)"
same "$(stat -c %a "$db")" 600 "database mode"
refused --db "$db" init
one_line_err
err_has "cannot create database $db: it exists already"
ok --db "$db" check
out_has "ok (time zone Europe/Oslo)"

ok --db "$tmp/ny.db" init --timezone America/New_York
out_has "(time zone America/New_York)"
TZ=Asia/Tokyo run --db "$tmp/tokyo.db" init
[ "$rc" -eq 0 ] || fail "init with TZ set"
out_has "(time zone Asia/Tokyo)"
refused --db "$tmp/mars.db" init --timezone Mars/Olympus_Mons
one_line_err
err_has "Mars/Olympus_Mons"
[ ! -e "$tmp/mars.db" ] || fail "a refused init left a database behind"

# $BUA_DB, then $XDG_DATA_HOME (folder made by init), then ~/.local/share
BUA_DB="$db" run item list
[ "$rc" -eq 0 ] || fail "BUA_DB not used"
XDG_DATA_HOME="$tmp/xdg" run item list
[ "$rc" -eq 1 ] || fail "expected no database under XDG_DATA_HOME"
err_has "$tmp/xdg/bua-kiosk/bua.db"
XDG_DATA_HOME="$tmp/xdg" run init
[ "$rc" -eq 0 ] || fail "init under XDG_DATA_HOME"
[ -f "$tmp/xdg/bua-kiosk/bua.db" ] || fail "no database under XDG_DATA_HOME"
same "$(stat -c %a "$tmp/xdg/bua-kiosk")" 700 "XDG folder mode"
ok init
[ -f "$HOME/.local/share/bua-kiosk/bua.db" ] || fail "no database under ~/.local/share"
BUA_DB="$tmp/env.db" run --db "$tmp/flag.db" init
[ "$rc" -eq 0 ] && [ -f "$tmp/flag.db" ] && [ ! -e "$tmp/env.db" ] || fail "--db before BUA_DB"

# a database that is not one
printf 'hello, I am not a database\n' >"$tmp/text.db"
refused --db "$tmp/text.db" item list
one_line_err
err_has "$tmp/text.db"
mkdir "$tmp/folder.db"
refused --db "$tmp/folder.db" item list
one_line_err
err_has "is a folder"

# --now
usage --db "$db" --now yesterday item list
err_has "invalid --now 'yesterday'"
ok --db "$db" --now 2024-05-01T12:00 check
out_has "2024:"

# PIN without a terminal: a usage error that points to --pin-stdin
if command -v setsid >/dev/null; then
    last_cmd="staff add (no terminal)"
    set +e
    setsid -w "$ADMIN" --db "$db" staff add S1 --name Per --role leader >"$out" 2>"$err" </dev/null
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "expected exit 2 without a terminal"
    one_line_err
    err_has "no terminal (use --pin-stdin)"
fi

# a card is one person's: a staff card is no borrower's card, a borrower's card no staff card
cards="$tmp/cards.db"
ok --db "$cards" init
run_in 2468 --db "$cards" staff add S-2001 --name "Lea Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add S-2001"
refused --db "$cards" borrower add S-2001 --name "Ola Hansen"
one_line_err
err_has "card S-2001 is already a staff card (Lea Leder)"
ok --db "$cards" borrower add 1001 --name "Kari Nordmann"
run_in 1357 --db "$cards" staff add 1001 --name Per --role trainee --pin-stdin
[ "$rc" -eq 1 ] || fail "expected staff add of a borrower's card to be refused"
err_has "card 1001 is already a borrower's card (Kari Nordmann)"

# names and notes: control characters and bidi overrides are refused on the way in ...
txt="$tmp/names.db"
ok --db "$txt" init
refused --db "$txt" borrower add 3001 --name $'Ok\nC-9999  Fake Person'
one_line_err
err_has "name has a control character (U+000A at character 3)"
refused --db "$txt" borrower add 3001 --name $'Abc\u202egpj.exe'
err_has "name has a bidi override character (U+202E"
refused --db "$txt" item add T-1 --name Ski --category $'Ski\x7f'
err_has "category has a control character (U+007F"
printf 'card,name\n3002,"Ok\nC-9999  Fake Person"\n' >"$tmp/forged.csv"
refused --db "$txt" import borrowers "$tmp/forged.csv"
one_line_err
err_has "$tmp/forged.csv:2: name has a control character"
# ... and what got in anyway (an older version, a hand-edited file) is shown escaped
ok --db "$txt" borrower add 3003 --name "Ok"
ok --db "$txt" item add T-2 --name Ski --category Ski
sqlite3 "$txt" "update borrower set name = 'Ok' || char(10) || 'C-9999  Fake Person' || char(127) \
    || char(155) || char(8238) where card = '3003';
    update item set notes = 'a' || char(27) || '[31mred', name = 'Ski' || char(8294) where barcode = 'T-2'"
ok --db "$txt" borrower list
out_lines 1
out_line '^3003 +Ok\\nC-9999  Fake Person\\x7f\\u009b\\u202e'
ok --db "$txt" borrower show 3003
out_has 'name:        Ok\nC-9999  Fake Person\x7f\u009b\u202e'
same "$(grep -c C-9999 "$out")" 1 "one line with the name"
ok --db "$txt" item show T-2
out_has 'notes:      a\x1b[31mred'
out_has 'name:       Ski\u2066'
ok --db "$txt" item list
out_lines 1
grep -q $'\e' "$out" && fail "an escape character reached the terminal"

admin_done
