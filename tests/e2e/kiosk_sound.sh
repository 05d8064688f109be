#!/usr/bin/env bash
# The refusal tone really sounds: bua-kiosk plays a script with SDL's "disk" audio driver, which
# writes what the speaker would play into a file; kiosk_tone finds a 220 Hz tone of 450 ms in it
# after a refused scan, and none after accepted scans only.
# Usage: kiosk_sound.sh KIOSK ADMIN TONE OUTDIR
set -euo pipefail
kiosk=$1
admin=$2
tone=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for name in sound_refused sound_ok; do
    db="$out/$name.db"
    "$here/kiosk_fixture.sh" "$admin" "$db"
    rm -f "$out/$name.raw"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$out/$name.raw" \
        "$kiosk" --db "$db" --headless --now 2026-03-10T12:00 \
        --script "$here/kiosk/$name.kiosk" >/dev/null
done
"$tone" "$out/sound_refused.raw" 200 240 400
if "$tone" "$out/sound_ok.raw" 200 240 400 2>/dev/null; then
    echo "kiosk_sound: a refusal tone after accepted scans only" >&2
    exit 1
fi
echo "kiosk_sound: ok"
