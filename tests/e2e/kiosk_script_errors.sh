#!/usr/bin/env bash
# The --script driver refuses what it cannot run, naming the line: a command without its
# argument, an expect without a value, a wait out of range, a line too long to read whole; and
# it runs what is valid (tabs between words included). Usage: kiosk_script_errors.sh KIOSK ADMIN OUTDIR
set -euo pipefail
kiosk=$1
admin=$2
out=$3/script-errors
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
db="$out/centre.db"
"$here/kiosk_fixture.sh" "$admin" "$db"

fail() { echo "kiosk_script_errors: $*" >&2; exit 1; }
# refused SCRIPT-TEXT MESSAGE: the script exits 1 and stderr names the line and the problem
refused() {
    printf '%b' "$1" >"$out/s.kiosk"
    set +e
    "$kiosk" --db "$db" --headless --no-sound --no-usb --script "$out/s.kiosk" \
        >"$out/out" 2>"$out/err"
    local rc=$?
    set -e
    [ "$rc" -eq 1 ] || fail "expected exit 1 for: $1 (got $rc)"
    grep -qF -- "$2" "$out/err" || fail "expected \"$2\" on stderr for: $1; got: $(cat "$out/err")"
    ! grep -q -e AddressSanitizer -e 'runtime error' "$out/err" || fail "sanitizer report"
}
refused 'expect screen home\nexpect text\n' 's.kiosk:2: expect text needs a value'
refused 'expect no-text\n' 's.kiosk:1: expect no-text needs a value'
refused '# a comment\nscan\n' 's.kiosk:2: scan needs an argument'
refused 'wait 1\nwait 9223372036854775807\n' 's.kiosk:2: wait needs milliseconds'
refused 'wait 99999999999999999999\n' 's.kiosk:1: wait needs milliseconds'
refused 'reject now\n' 's.kiosk:1: reject takes no argument'
refused 'keyboard 1234\n' 's.kiosk:1: keyboard needs milliseconds (0 to 1000) and text'
refused 'keyboard 5000 1234\n' 's.kiosk:1: keyboard needs milliseconds (0 to 1000) and text'
refused 'keyboard x 1234\n' 's.kiosk:1: keyboard needs milliseconds (0 to 1000) and text'
long=$(head -c 1100 /dev/zero | tr '\0' x)
refused "# $long\nscan B-1001\n" 's.kiosk:1: line longer than'
# tabs between the words are fine
printf 'expect\tscreen\thome\nscan\tB-1001\nexpect screen basket\n' >"$out/ok.kiosk"
"$kiosk" --db "$db" --headless --no-sound --no-usb --script "$out/ok.kiosk" >/dev/null ||
    fail "a script with tabs between words failed"
echo "kiosk_script_errors: passed"
