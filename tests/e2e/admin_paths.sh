#!/usr/bin/env bash
# e2e: where bua-admin finds its files (inventory/inv_paths.h) and the nightly backup.
#   - the database: --db, then $BUA_DB, then database = in the settings file, then the system
#     default (/var/lib/bua-kiosk/bua.db under $BUA_ROOT, when that folder exists), then the
#     user's; the settings: --config, then $BUA_CONFIG, then /etc/bua-kiosk/kiosk.ini
#   - backup --dir DIR [--keep N]: dated copies, the oldest beyond N removed, nothing else
#     touched; N from --keep, else [backup] keep of the settings, else 14
#   - --version
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/admin_lib.sh"
admin_setup "$@"

# ---- --version ----------------------------------------------------------------------------
ok --version
out_line '^bua-admin [0-9]+\.[0-9]+\.[0-9]+( \(git [^)]+\))?$'
out_lines 1
run --help
out_has "--config FILE"
out_has "backup --dir DIR [--keep N]"

# ---- the database ---------------------------------------------------------------------------
root="$tmp/root"
export BUA_ROOT="$root"
# no system folder: the user's default, as before
ok init
[ -f "$HOME/.local/share/bua-kiosk/bua.db" ] || fail "no database under ~/.local/share"
# the package's folder exists: the system default, and init does not make the folder
mkdir -p "$root/var/lib/bua-kiosk"
ok init
out_has "$root/var/lib/bua-kiosk/bua.db"
[ -f "$root/var/lib/bua-kiosk/bua.db" ] || fail "no database in the system folder"
same "$(stat -c %a "$root/var/lib/bua-kiosk/bua.db")" 600 "database mode"
ok item add SYS-1 --name "In the system database" --category Ski
# the settings file's database = comes before the system default
mkdir -p "$root/etc/bua-kiosk"
printf '[kiosk]\ncentre_name = Test\ndatabase = %s\n' "$tmp/conf.db" >"$root/etc/bua-kiosk/kiosk.ini"
ok init
out_has "$tmp/conf.db"
run item show SYS-1
[ "$rc" -eq 1 ] || fail "the settings' database should be used (no SYS-1 there)"
# $BUA_CONFIG before /etc, --config before $BUA_CONFIG
printf '[kiosk]\ndatabase = %s\n' "$tmp/env-conf.db" >"$tmp/env.ini"
printf '[kiosk]\ndatabase = %s\n' "$tmp/opt-conf.db" >"$tmp/opt.ini"
BUA_CONFIG="$tmp/env.ini" ok init
out_has "$tmp/env-conf.db"
BUA_CONFIG="$tmp/env.ini" ok --config "$tmp/opt.ini" init
out_has "$tmp/opt-conf.db"
# $BUA_DB before the settings, --db before $BUA_DB
BUA_DB="$tmp/env.db" ok init
out_has "$tmp/env.db"
BUA_DB="$tmp/env.db" ok --db "$tmp/flag.db" init
out_has "$tmp/flag.db"
# a settings file that cannot be read is named
refused --config "$tmp/missing.ini" item list
err_has "cannot read $tmp/missing.ini"
usage --config
err_has "option --config needs a value"
rm "$root/etc/bua-kiosk/kiosk.ini"

# ---- backup --dir ---------------------------------------------------------------------------
db="$root/var/lib/bua-kiosk/bua.db"
bk="$root/var/lib/bua-kiosk/backups"
mkdir -p "$bk"
echo "a note the leader keeps here" >"$bk/notes.txt"
echo "not one of ours" >"$bk/bua-old.db"
for day in 01 02 03 04 05; do
    ok --now "2026-03-${day}T02:30" backup --dir "$bk" --keep 3
    out_has "backed up $db to $bk/bua-202603${day}T013000Z.db"
done
same "$(cd "$bk" && ls | tr '\n' ' ')" \
    "bua-20260303T013000Z.db bua-20260304T013000Z.db bua-20260305T013000Z.db bua-old.db notes.txt " \
    "three newest kept, other files untouched"
same "$(sqlite3 "$bk/bua-20260305T013000Z.db" "select count(*) from item where barcode = 'SYS-1'")" 1 \
    "the backup holds the data"
same "$(stat -c %a "$bk/bua-20260305T013000Z.db")" 600 "backup mode"
# the same second again: refused, nothing removed
refused --now "2026-03-05T02:30" backup --dir "$bk" --keep 1
err_has "exists already"
[ "$(ls "$bk" | grep -c '^bua-2026')" -eq 3 ] || fail "a refused backup removed old ones"
# keep from the settings file, else 14
printf '[backup]\nkeep = 2\n' >"$tmp/keep.ini"
ok --config "$tmp/keep.ini" --now "2026-03-06T02:30" backup --dir "$bk"
out_has "removed old backup $bk/bua-20260303T013000Z.db"
out_has "removed old backup $bk/bua-20260304T013000Z.db"
[ "$(ls "$bk" | grep -c '^bua-2026')" -eq 2 ] || fail "expected 2 backups with keep = 2"
for day in 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21; do
    ok --now "2026-03-${day}T02:30" backup --dir "$bk"
done
[ "$(ls "$bk" | grep -c '^bua-2026')" -eq 14 ] || fail "expected 14 backups by default"
# wrong calls and refusals
printf '[backup]\nkeep = many\n' >"$tmp/bad.ini"
refused --config "$tmp/bad.ini" --now "2026-03-22T02:30" backup --dir "$bk"
err_has "keep in [backup] of $tmp/bad.ini"
[ ! -e "$bk/bua-20260322T013000Z.db" ] || fail "backed up despite a bad keep"
usage backup --dir "$bk" --keep 0
err_has "invalid --keep 0: out of range (1 to 1000)"
usage backup --keep 3 "$tmp/x.db"
err_has "--keep of backup goes with --dir"
usage backup --dir "$bk" "$tmp/x.db"
refused backup --dir "$tmp/nowhere"
err_has "cannot back up into $tmp/nowhere: no such file"
refused backup --dir "$bk/notes.txt"
err_has "not a folder"
echo "admin_paths: $n_checks checks passed"
