#!/usr/bin/env bash
# The server goes away mid-run: `bua-sync run` keeps going on both devices while they keep
# lending, records the failure (sync-status), backs off, and resumes by itself when the server
# is back; nothing is lost. SIGTERM ends it with exit 0.
#   usage: sync_outage.sh BUA_ADMIN BUA_SYNC
set -euo pipefail
. "$(dirname "$0")/sync_lib.sh"
sync_setup "$@"

sync_device hamar k1
sync_device hamar k2
for i in $(seq 1 10); do
    adm k1 --now "$(at 0)" item add "A-$i" --name "Ting A$i" --category Ski
    adm k1 --now "$(at 0)" item add "B-$i" --name "Ting B$i" --category Ski
done
adm k1 --now "$(at 0)" borrower add 1001 --name "Kari"
once k1
once k2

declare -A pid=()
start_run() {
    sync_args "$1"
    "$SYNC" "${S[@]}" >"$tmp/$1.log" 2>&1 &
    pid[$1]=$!
}
start_run k1
start_run k2

# wait_for SECONDS CONDITION...: polls every 0.2 s
wait_for() {
    local n=$(($1 * 5))
    shift
    while ! "$@"; do
        n=$((n - 1))
        [ "$n" -gt 0 ] || return 1
        sleep 0.2
    done
}
open_on() { [ "$(sql_of "$1" "SELECT count(*) FROM loan_line WHERE returned_at IS NULL")" = "$2" ]; }

adm k1 --now "$(at 10)" checkout --card 1001 A-1
wait_for 20 open_on k2 1 || fail "k2 did not see k1's loan while both run: $(cat "$tmp/k2.log")"

pg_pause
for i in $(seq 2 10); do
    adm k1 --now "$(at $((10 + i)))" checkout --card 1001 "A-$i"
    adm k2 --now "$(at $((10 + i)))" checkout --card 1001 "B-$i"
done
sleep 3
has_error() { "$ADMIN" --db "$tmp/$1.db" sync-status 2>&1 | grep -qi 'unreachable\|error\|feil'; }
wait_for 10 has_error k1 || fail "k1's sync-status shows no failure while the server is down: $("$ADMIN" --db "$tmp/k1.db" sync-status 2>&1)"
grep -q 'trying again in' "$tmp/k1.log" || fail "k1's log names no retry: $(cat "$tmp/k1.log")"
adm k2 --now "$(at 30)" return A-1
pg_resume

wait_for 90 open_on k1 18 || fail "k1 did not catch up after the server came back: $(tail -5 "$tmp/k1.log")"
wait_for 30 open_on k2 18 || fail "k2 did not catch up after the server came back: $(tail -5 "$tmp/k2.log")"
for d in k1 k2; do
    kill -TERM "${pid[$d]}"
    set +e
    wait "${pid[$d]}"
    rc=$?
    set -e
    [ "$rc" -eq 0 ] || fail "bua-sync run of $d ended with $rc on SIGTERM, not 0: $(cat "$tmp/$d.log")"
    grep -q 'sync works again' "$tmp/$d.log" || fail "$d's log does not say it resumed"
done
once k1
once k2
[ "$(device_fp k1)" = "$(device_fp k2)" ] || fail "k1 and k2 differ after the outage"
for d in k1 k2; do
    last=$(sql_of "$d" "SELECT max(seq) FROM sync_out")
    [ "$(pg_admin_sql "SELECT count(*) || '/' || max(seq) FROM bua.event WHERE device = '$d'")" = \
        "$last/$last" ] || fail "the server's log of $d is not 1..$last"
    [ "$(sql_of "$d" "SELECT count(*) FROM loan")" = 19 ] || fail "$d does not hold the 19 loans"
    adm "$d" sync-status
done
echo "sync_outage: ok"
