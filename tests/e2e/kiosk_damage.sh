#!/usr/bin/env bash
# Drawing only what changed gives the pictures of a full redraw: the screens of shots.kiosk are
# played twice, with BUA_KIOSK_FULL_REDRAW=1 (every frame whole, every fill blended: the renderer
# before damage tracking) and as the kiosk runs, in Norwegian at 1024x600 and in English at
# 1920x1080 offscreen, and in English at 1280x800 in a window (SDL's offscreen video driver: the
# renderer draws into the window's surface and sends only the damage); every screenshot must be
# the same file, byte for byte.
# Usage: kiosk_damage.sh KIOSK ADMIN OUTDIR
set -euo pipefail
kiosk=$1
admin=$2
out=$3/damage
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
total=0
for run in nb:1024x600:headless en:1920x1080:headless en:1280x800:window; do
    lang=${run%%:*}
    size=${run#*:}
    where=${size#*:}
    size=${size%:*}
    flag=--headless
    [ "$where" = window ] && flag=""
    export SDL_VIDEODRIVER=offscreen
    for mode in full damage; do
        dir="$out/$lang-$size-$where-$mode"
        mkdir -p "$dir"
        "$here/kiosk_fixture.sh" "$admin" "$dir/shots.db"
        if [ "$mode" = full ]; then
            export BUA_KIOSK_FULL_REDRAW=1
        else
            unset BUA_KIOSK_FULL_REDRAW
        fi
        # shellcheck disable=SC2086 # no flag in a window
        (cd "$dir" && "$kiosk" --db shots.db $flag --no-sound --now 2026-03-10T12:00 \
            --lang "$lang" --size "$size" --script "$here/kiosk/shots.kiosk" >/dev/null)
    done
    n=0
    for f in "$out/$lang-$size-$where-full"/*.png; do
        b=$(basename "$f")
        if ! cmp -s "$f" "$out/$lang-$size-$where-damage/$b"; then
            echo "kiosk_damage: $lang $size ($where) $b differs between a full redraw and" \
                "damage tracking ($out)" >&2
            exit 1
        fi
        n=$((n + 1))
    done
    [ "$n" -eq 18 ] || { echo "kiosk_damage: $n screenshots at $lang $size, expected 18" >&2; exit 1; }
    total=$((total + n))
done
echo "kiosk_damage: $total screenshots the same with and without damage tracking"
