#!/usr/bin/env bash
# Three wrong PINs lock a staff card in the store, so the lock outlives the kiosk: a second kiosk
# on the same database, 5 s later, refuses the right PIN and shows the countdown the store
# reports (25 s); a third, after the lock ended, logs in.
# Usage: kiosk_pin_lock.sh KIOSK ADMIN OUTDIR
set -euo pipefail
kiosk=$1
admin=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
db="$out/pin_lock.db"
"$here/kiosk_fixture.sh" "$admin" "$db"
fail() { echo "kiosk_pin_lock: $*" >&2; exit 1; }
run() { # run NAME ISO-TIME: plays $out/pin_lock_NAME.kiosk
    "$kiosk" --db "$db" --headless --no-sound --now "$2" --script "$out/pin_lock_$1.kiosk" \
        >"$out/pin_lock_$1.out" || fail "script $1 failed"
}

cat >"$out/pin_lock_wrong.kiosk" <<'K'
scan S-1001
tap workday.login
expect text PIN for Trine Trainee
type 1111\n
expect text Feil kort eller PIN
type 2222\n
expect text Feil kort eller PIN
type 3333\n
expect text For mange feil PIN. Prøv igjen om 30 s
expect sound refused
K
run wrong 2026-03-10T12:00:00

cat >"$out/pin_lock_restart.kiosk" <<'K'
scan S-1001
tap workday.login
expect text PIN for Trine Trainee
type 1234\n
expect text For mange feil PIN. Prøv igjen om 25 s
expect no-text Ansatt: Trine Trainee
expect no-text 1234
K
run restart 2026-03-10T12:00:05

cat >"$out/pin_lock_later.kiosk" <<'K'
scan S-1001
type 1234\n
expect text Ansatt: Trine Trainee
K
run later 2026-03-10T12:00:31
echo "kiosk_pin_lock: ok"
