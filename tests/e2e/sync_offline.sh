#!/usr/bin/env bash
# Offline lending merged later. The same item lent on two devices while apart: both loans stand
# and count, one double-lend conflict is listed on each device. A pop-up device of the centre,
# away for three weeks of generated lending, then one sync: all of its summer appears once on
# every device and on the server, and the figures agree.
#   usage: sync_offline.sh BUA_ADMIN BUA_SYNC
set -euo pipefail
. "$(dirname "$0")/sync_lib.sh"
sync_setup "$@"

sync_device hamar k1
sync_device hamar k2
for i in $(seq 1 20); do
    adm k1 --now "$(at 0)" item add "SKI-$i" --name "Ski $i" --category Ski
done
for c in 1001 1002 1003 1004 1005; do
    adm k1 --now "$(at 0)" borrower add "$c" --name "Låner $c"
done
once k1
once k2

# ---- offline double lend -----------------------------------------------------------------------
adm k1 --now "$(at 10)" checkout --card 1001 SKI-1
adm k2 --now "$(at 20)" checkout --card 1002 SKI-1
once k1
once k2
once k1
for d in k1 k2; do
    [ "$(sql_of "$d" "SELECT count(*) FROM loan_line ll JOIN item i ON i.id = ll.item_id
         WHERE i.barcode = 'SKI-1'")" = 2 ] || fail "$d does not keep both loans of SKI-1"
    [ "$(sql_of "$d" "SELECT count(*) FROM sync_conflict WHERE kind = 'double_lend'
         AND resolved_at IS NULL")" = 1 ] || fail "$d does not list one double-lend conflict"
    adm "$d" sync-status
    grep -q '1' "$tmp/adm.out" || fail "sync-status on $d: $(cat "$tmp/adm.out")"
done
[ "$(device_fp k1)" = "$(device_fp k2)" ] || fail "k1 and k2 differ after the double lend"
[ "$(figures k1 2026)" = "$(figures k2 2026)" ] || fail "the figures differ after the double lend"
figures k1 2026 | grep -m1 '"loans"' | grep -qE ':\s*2,' && figures k1 2026 | grep -m1 '"items_lent"' |
    grep -qE ':\s*2,' || fail "the year's figures do not count both loans: $(figures k1 2026)"

# ---- a pop-up away for three weeks --------------------------------------------------------------
sync_device hamar popup
once popup # takes the centre's state at its first sync
[ "$(sql_of popup "SELECT count(*) FROM item")" = 20 ] || fail "the pop-up did not get the catalogue"
start=$((60 * 24))
made=0
for day in $(seq 0 20); do # 4 loans of 2 items a day, all back in the afternoon
    for k in 0 1 2 3; do
        adm popup --now "$(at $((start + day * 1440 + k * 30)))" checkout \
            --card "100$(((day + k) % 5 + 1))" "SKI-$((2 * k + 3))" "SKI-$((2 * k + 4))"
        made=$((made + 1))
    done
    adm popup --now "$(at $((start + day * 1440 + 300)))" return SKI-3 SKI-4 SKI-5 SKI-6 SKI-7 \
        SKI-8 SKI-9 SKI-10
done
events=$(sql_of popup "SELECT max(seq) FROM sync_out")
echo "sync_offline: the pop-up made $made loans, $events events"
# meanwhile the centre lends too
adm k1 --now "$(at $((start + 100)))" checkout --card 1005 SKI-15
once k1
once popup
once k2
once k1
[ "$(pg_admin_sql "SELECT count(*) FROM bua.event WHERE device = 'popup'")" = "$events" ] ||
    fail "the server does not hold the pop-up's $events events once each"
for d in k1 k2 popup; do
    [ "$(sql_of "$d" "SELECT count(*) FROM loan WHERE checked_out_at >= $((T0 + start * 60))")" = \
        "$((made + 1))" ] || fail "$d does not hold the summer's $made loans (and k1's) once"
done
[ "$(device_fp k1)" = "$(device_fp popup)" ] && [ "$(device_fp k2)" = "$(device_fp popup)" ] ||
    fail "the devices differ after the pop-up came back"
[ "$(figures k1 2026)" = "$(figures popup 2026)" ] && [ "$(figures k2 2026)" = "$(figures popup 2026)" ] ||
    fail "the figures differ after the pop-up came back"
fp=$(server_fp)
once popup
[ "$(server_fp)" = "$fp" ] || fail "syncing the pop-up again changed the server"
echo "sync_offline: ok"
