#!/usr/bin/env bash
# e2e: bua-admin init --centre CODE --device NAME gives a database its sync identity (a new file,
# or an existing one whose rows go into the outbox once), refuses another identity and bad names;
# sync-status shows it (text and --json); an erased borrower leaves no byte of the name in the
# file, outbox included.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2025-03-01T10:00
ok "${A[@]}" init
ok "${A[@]}" sync-status
out_line '^sync:       not set up \(bua-admin init --centre CODE --device NAME\)$'
ok "${A[@]}" sync-status --json
out_has '"initialised":false'
ok "${A[@]}" item add SK-1 --name "Ski" --category Vinter
ok "${A[@]}" borrower add 5001 --name "Zacharias Unikesen"
ok "${A[@]}" checkout --card 5001 SK-1
same "$(sql "select count(*) from sync_out")" 0 "no outbox before the identity"

usage "${A[@]}" init --centre hamar
err_has "--centre and --device go together"
refused "${A[@]}" init --centre Hamar --device kasse-1
err_has "invalid centre code 'Hamar': use 1 to 32 of a-z, 0-9 and -"
refused "${A[@]}" init --centre hamar --device "kasse 1"
err_has "invalid device name 'kasse 1'"
ok "${A[@]}" init --centre hamar --device kasse-1
out_line "^database .* is device kasse-1 of centre hamar \(5 rows of its history to send\)$"
same "$(sql "select count(*) from sync_out")" 5 "the history once: category, item, borrower, loan, line"
ok "${A[@]}" init --centre hamar --device kasse-1
same "$(sql "select count(*) from sync_out")" 5 "the same identity again sends nothing"
refused "${A[@]}" init --centre hamar --device kasse-2
one_line_err
err_has "this database is device kasse-1 of centre hamar"

ok "${A[@]}" return SK-1
ok "${A[@]}" sync-status
out_line '^device:     kasse-1 of centre hamar$'
out_line '^outbox:     6 events waiting to be sent \(newest 6, sent up to 0\)$'
out_line '^last sync:  never$'
out_line '^conflicts:  0 open$'
ok "${A[@]}" sync-status --json
out_has '"centre":"hamar","device":"kasse-1","last_seq":6,"pushed":0,"waiting":6'
usage "${A[@]}" sync-status extra
usage "${A[@]}" sync-status --bogus

# a new database made a device in one go
db2="$tmp/second.db"
ok --db "$db2" init --centre hamar --device kasse-2
out_has "created database"
out_line "^database .* is device kasse-2 of centre hamar$"

# erasure: the outbox keeps no personal column of the person
found() { cat "$db" "$db-wal" 2>/dev/null | grep -c -a -F -- "$1" || true; }
ok "${A[@]}" borrower erase 5001
same "$(sql "select count(*) from sync_out where data like '%Zacharias%'")" 0 "outbox scrubbed"
ok "${A[@]}" check
same "$(found Zacharias)" 0 "no byte of the name in the file"
admin_done
