#!/usr/bin/env bash
# The database file deleted (rm) or replaced (mv another database over it) under a running
# kiosk: the kiosk's checkout must fail calmly with the basket kept (kiosk/moved.kiosk), and no
# loan may land in the file the kiosk was started on, nor in the one now at its path.
# The script is fed on stdin once the kiosk holds the database open (its shared lock on DB-lock),
# after the file was removed or replaced.
# Usage: kiosk_moved.sh rm|mv KIOSK ADMIN OUTDIR
set -euo pipefail
how=$1
kiosk=$2
admin=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
db="$out/moved_$how.db"
keep="$out/moved_$how.keep"
other="$out/moved_$how.other"
rm -f "$keep" "$other" "$db"-lock
"$here/kiosk_fixture.sh" "$admin" "$db"
cp "$db" "$other"
fail() { echo "kiosk_moved $how: $*" >&2; exit 1; }
count() { sqlite3 -readonly "$1" "select count(*) from loan"; }
loans=$(count "$db")

feed() {
    for _ in $(seq 200); do # until the kiosk holds the database open
        flock -n -x "$db-lock" true || break
        sleep 0.05
    done
    flock -n -x "$db-lock" true && { echo "# the kiosk never opened the database"; return; }
    ln "$db" "$keep" # a second name: the file the kiosk opened stays readable
    case $how in
    rm) rm "$db" ;;
    mv) mv "$other" "$db" ;;
    esac
    cat "$here/kiosk/moved.kiosk"
}
feed | (cd "$out" && "$kiosk" --db "$db" --headless --no-sound --now 2026-03-10T12:00 \
    --script - >"$out/moved_$how.out" 2>"$out/moved_$how.err") ||
    { cat "$out/moved_$how.err" >&2; fail "script failed"; }
grep -qF "was moved or deleted since it was opened" "$out/moved_$how.err" ||
    fail "expected the store's message on stderr: $(cat "$out/moved_$how.err")"
[ "$(count "$keep")" = "$loans" ] || fail "a loan landed in the file the kiosk opened"
[ "$(sqlite3 -readonly "$keep" "pragma integrity_check")" = ok ] || fail "the opened file is damaged"
case $how in
rm) [ ! -e "$db" ] || fail "a new file appeared at $db" ;;
mv)
    [ "$(count "$db")" = "$loans" ] || fail "a loan landed in the file moved over the database"
    [ "$(sqlite3 -readonly "$db" "pragma integrity_check")" = ok ] || fail "the new file is damaged"
    ;;
esac
echo "ok: kiosk_moved $how"
