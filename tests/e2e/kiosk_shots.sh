#!/usr/bin/env bash
# Screenshots of every screen in Norwegian and English at 1024x600 (the smallest supported
# kiosk), and in English at 1920x1080, into OUTDIR/shots/<lang>-<size>/ (not committed).
# Usage: kiosk_shots.sh KIOSK ADMIN OUTDIR
set -euo pipefail
kiosk=$1
admin=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
for run in nb:1024x600 en:1024x600 en:1920x1080; do
    lang=${run%%:*}
    size=${run#*:}
    dir="$out/shots/$lang-$size"
    mkdir -p "$dir"
    "$here/kiosk_fixture.sh" "$admin" "$dir/shots.db"
    (cd "$dir" && "$kiosk" --db shots.db --headless --no-sound --now 2026-03-10T12:00 \
        --lang "$lang" --size "$size" --script "$here/kiosk/shots.kiosk" >/dev/null)
    n=$(ls "$dir"/*.png | wc -l)
    [ "$n" -eq 18 ] || { echo "kiosk_shots: $n screenshots in $dir, expected 18" >&2; exit 1; }
done
echo "kiosk_shots: screenshots in $out/shots"
