#!/usr/bin/env bash
# kill -9 of bua-sync at random points during 200 rounds of push and pull while both devices of
# a centre lend and take back: nothing lost, nothing doubled. After the storm and one clean
# round each, the server's log holds every outbox event of each device exactly once (gapless,
# up to the device's last seq), both devices hold the same state (fingerprint by barcode, card
# and time) with exactly the loans that were made, and another round changes nothing.
#   usage: sync_crash.sh BUA_ADMIN BUA_SYNC
set -euo pipefail
. "$(dirname "$0")/sync_lib.sh"
sync_setup "$@"
ROUNDS=${SYNC_CRASH_ROUNDS:-200}
RANDOM=14 # the same storm every run

sync_device hamar k1
sync_device hamar k2
for i in $(seq 1 12); do
    adm k1 --now "$(at 0)" item add "A-$i" --name "Ting A$i" --category Ski
    adm k1 --now "$(at 0)" item add "B-$i" --name "Ting B$i" --category Telt
done
for c in 1001 1002 1003 1004; do
    adm k1 --now "$(at 0)" borrower add "$c" --name "Låner $c"
done
once k1
once k2

declare -A lent=() # item -> 1 while on loan
checkouts=0
returns=0
# step DEVICE PREFIX ROUND: lends or takes back the round's item of the device's shelf, in the
# background (the two devices' databases are apart); the bookkeeping stays here
step() {
    local d=$1 item="$2-$(($3 % 12 + 1))" t=$((10 + $3))
    if [ -n "${lent[$item]:-}" ]; then
        "$ADMIN" --db "$tmp/$d.db" --now "$(at "$t")" return "$item" >/dev/null 2>"$tmp/$d.err" &
        unset "lent[$item]"
        returns=$((returns + 1))
    else
        "$ADMIN" --db "$tmp/$d.db" --now "$(at "$t")" checkout --card "100$(($3 % 4 + 1))" \
            "$item" >/dev/null 2>"$tmp/$d.err" &
        lent[$item]=1
        checkouts=$((checkouts + 1))
    fi
    steps+=($!)
}

killed=0
for r in $(seq 1 "$ROUNDS"); do
    steps=()
    step k1 A "$r"
    step k2 B "$r"
    for p in "${steps[@]}"; do
        wait "$p" || fail "round $r: bua-admin failed: $(cat "$tmp/k1.err" "$tmp/k2.err")"
    done
    pids=()
    for d in k1 k2; do
        sync_args "$d"
        "$SYNC" "${S[@]}" --once >/dev/null 2>&1 &
        pids+=($!)
    done
    if [ $((r % 10)) -ne 0 ]; then
        sleep "$(printf '0.%03d' $((RANDOM % 90)))"
        for p in "${pids[@]}"; do
            kill -9 "$p" 2>/dev/null && killed=$((killed + 1))
        done
    fi
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
done
echo "sync_crash: $ROUNDS rounds, $checkouts checkouts, $returns returns, $killed runs killed"
[ "$killed" -ge $((ROUNDS / 4)) ] || fail "only $killed runs were killed: the storm missed"

once k1
once k2
once k1
for d in k1 k2; do
    last=$(sql_of "$d" "SELECT max(seq) FROM sync_out")
    [ "$(pg_admin_sql "SELECT count(*) || ' ' || min(seq) || ' ' || max(seq) FROM bua.event
         WHERE centre = 'hamar' AND device = '$d'")" = "$last 1 $last" ] ||
        fail "the server's log of $d is not seqs 1..$last once each"
    [ "$(sql_of "$d" "SELECT count(*) FROM loan")" = "$checkouts" ] ||
        fail "$d holds $(sql_of "$d" "SELECT count(*) FROM loan") loans, $checkouts were made"
    [ "$(sql_of "$d" "SELECT count(*) FROM loan_line WHERE returned_at IS NOT NULL")" = "$returns" ] ||
        fail "$d holds another number of returns than the $returns made"
    [ "$(sql_of "$d" "SELECT count(*) FROM loan_line WHERE returned_at IS NULL")" = "${#lent[@]}" ] ||
        fail "$d holds another number of open loans than ${#lent[@]}"
done
[ "$(device_fp k1)" = "$(device_fp k2)" ] || fail "k1 and k2 differ after the storm"
fp=$(server_fp)
once k2
once k1
[ "$(server_fp)" = "$fp" ] || fail "another round changed the server's log"
[ "$(sql_of k1 "SELECT count(*) FROM sync_conflict")" = 0 ] || fail "conflicts from no conflict"
[ "$(figures k1 2026)" = "$(figures k2 2026)" ] || fail "the figures differ"
echo "sync_crash: ok"
