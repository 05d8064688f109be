#!/usr/bin/env bash
# e2e: how bua-kiosk starts (kiosk/app/main.c, inventory/inv_paths.h).
#   - no display, no pretending: without --headless and with DISPLAY=:99 but no X server (and
#     no WAYLAND_DISPLAY) it exits non-zero within 5 s, naming the display
#   - the database found as bua-admin finds it: --db, $BUA_DB, database = in the settings
#   - the start line (version, database, centre, scanners), journald priorities under systemd
#   - --version
# Usage: kiosk_paths.sh KIOSK ADMIN OUT_DIR
set -euo pipefail
kiosk=$1
admin=$2
out=$3/paths
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
fail() {
    echo "kiosk_paths: $*" >&2
    [ ! -f "$out/err" ] || { echo "--- stderr:" >&2; cat "$out/err" >&2; }
    exit 1
}
unset BUA_DB BUA_CONFIG BUA_ROOT WAYLAND_DISPLAY JOURNAL_STREAM
export SDL_AUDIODRIVER=dummy
db="$out/centre.db"
"$here/kiosk_fixture.sh" "$admin" "$db"
printf 'expect screen home\nscan B-1001\nexpect screen basket\n' >"$out/s.kiosk"

# ---- --version ----------------------------------------------------------------------------
"$kiosk" --version >"$out/out"
grep -qE '^bua-kiosk [0-9]+\.[0-9]+\.[0-9]+( \(git [^)]+\))?$' "$out/out" || fail "--version: $(cat "$out/out")"
"$kiosk" --help | grep -qF -- "--version" || fail "--help does not name --version"

# ---- no display ---------------------------------------------------------------------------
# (these runs start SDL's video: under LeakSanitizer libdbus's lasting connection is suppressed)
export LSAN_OPTIONS="suppressions=$here/lsan-sdl-video.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# DISPLAY=:99 with no X server there: a clear message naming the display, exit 1, fast
[ ! -e /tmp/.X11-unix/X99 ] || fail "an X server runs on :99 here: the test needs it free"
start=$(date +%s%N)
set +e
env -u SDL_VIDEODRIVER DISPLAY=:99 timeout 10 "$kiosk" --db "$db" --no-sound --no-usb \
    >"$out/out" 2>"$out/err"
rc=$?
set -e
ms=$((($(date +%s%N) - start) / 1000000))
[ "$rc" -eq 1 ] || fail "DISPLAY=:99 without a server: expected exit 1, got $rc"
[ "$ms" -lt 5000 ] || fail "DISPLAY=:99 without a server: took $ms ms (5000 allowed)"
grep -qF "cannot open the display (DISPLAY=:99)" "$out/err" || fail "the message does not name DISPLAY=:99"
grep -qF -- "--headless" "$out/err" || fail "the message does not point to --headless"
! grep -qF "started:" "$out/err" || fail "started without a display"
# no display variable at all
set +e
env -u SDL_VIDEODRIVER -u DISPLAY timeout 10 "$kiosk" --db "$db" --no-sound --no-usb \
    >"$out/out" 2>"$out/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "no display: expected exit 1, got $rc"
grep -qF "neither WAYLAND_DISPLAY nor DISPLAY is set" "$out/err" || fail "no display: message"
# --headless needs no display
env -u SDL_VIDEODRIVER DISPLAY=:99 "$kiosk" --db "$db" --headless --no-sound --script "$out/s.kiosk" \
    >"$out/out" 2>"$out/err" || fail "--headless with DISPLAY=:99 failed"

# ---- the database -------------------------------------------------------------------------
# $BUA_DB (the kiosk used to ignore it), and the start line says where it came from
BUA_DB="$db" "$kiosk" --headless --no-sound --script "$out/s.kiosk" >"$out/out" 2>"$out/err" ||
    fail "BUA_DB: the script failed"
grep -qF "database $db (BUA_DB)" "$out/err" || fail "BUA_DB not in the start line"
# database = in the settings file; --db and $BUA_DB come first
printf '[kiosk]\ncentre_name = Hamar\ndatabase = %s\n[backup]\nkeep = 7\n' "$db" >"$out/k.ini"
"$kiosk" --config "$out/k.ini" --headless --no-sound --script "$out/s.kiosk" >"$out/out" 2>"$out/err" ||
    fail "database = in the settings: the script failed"
grep -qF "database $db (the settings file), centre Hamar, settings $out/k.ini" "$out/err" ||
    fail "settings' database not in the start line"
BUA_CONFIG="$out/k.ini" BUA_DB="$out/none.db" "$kiosk" --db "$db" --headless --no-sound \
    --script "$out/s.kiosk" >"$out/out" 2>"$out/err" || fail "--db first: the script failed"
grep -qF "database $db (--db)" "$out/err" || fail "--db not first"
set +e
BUA_DB="$out/none.db" "$kiosk" --config "$out/k.ini" --headless --no-sound --script "$out/s.kiosk" \
    >"$out/out" 2>"$out/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "BUA_DB to a missing file: expected exit 1, got $rc"
grep -qF "$out/none.db" "$out/err" || fail "the missing database is not named"
# a relative database = is refused with its line; so is a bad [backup] keep
printf '[kiosk]\ndatabase = centre.db\n' >"$out/rel.ini"
set +e
"$kiosk" --config "$out/rel.ini" --headless --no-sound --script "$out/s.kiosk" >"$out/out" 2>"$out/err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -qF "$out/rel.ini:2: bad value for database: centre.db" "$out/err" ||
    fail "a relative database = was not refused by line"
printf '[backup]\nkeep = all\n' >"$out/keep.ini"
set +e
"$kiosk" --db "$db" --config "$out/keep.ini" --headless --no-sound --script "$out/s.kiosk" \
    >"$out/out" 2>"$out/err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -qF "$out/keep.ini:2: bad value for keep: all" "$out/err" ||
    fail "a bad [backup] keep was not refused by line"

# ---- the log ------------------------------------------------------------------------------
# the start line: version, database, centre, scanners; nothing personal
"$kiosk" --db "$db" --headless --no-sound --script "$out/s.kiosk" >"$out/out" 2>"$out/err"
grep -qE "^bua-kiosk: started: version [0-9]+\.[0-9]+\.[0-9]+.*, database $db \(--db\), centre -, .*USB scanners off$" \
    "$out/err" || fail "start line"
! grep -q "Kari\|B-1001" "$out/err" || fail "a name or card in the log"
# under systemd (stderr is the stream JOURNAL_STREAM names): priorities <3>..<6>
: >"$out/journal"
stream=$(stat -c '%d:%i' "$out/journal")
JOURNAL_STREAM="$stream" "$kiosk" --db "$db" --headless --no-sound --script "$out/s.kiosk" \
    >"$out/out" 2>>"$out/journal"
grep -q '^<5>bua-kiosk: started: version' "$out/journal" || fail "no <5> on the start line: $(cat "$out/journal")"
set +e
JOURNAL_STREAM="$stream" "$kiosk" --db "$out/none.db" --headless --no-sound --script "$out/s.kiosk" \
    >"$out/out" 2>>"$out/journal"
set -e
grep -q "^<3>bua-kiosk: .*$out/none.db" "$out/journal" || fail "no <3> on an error: $(cat "$out/journal")"
# another stream (stderr redirected away from the journal): no prefixes
JOURNAL_STREAM="1:1" "$kiosk" --db "$db" --headless --no-sound --script "$out/s.kiosk" \
    >"$out/out" 2>"$out/err"
grep -q '^bua-kiosk: started:' "$out/err" || fail "prefix on a stream that is not the journal"
echo "kiosk_paths: passed"
