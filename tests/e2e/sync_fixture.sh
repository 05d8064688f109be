#!/usr/bin/env bash
# Two devices of centre "hamar" that lent apart and met again, for the conflict tests
# (kiosk_e2e.sh sync_conflicts, admin_conflicts.sh): KASSE.db (device kasse-1: two staff,
# borrowers, items) and POPUP.db (device popup, which took the centre's state at its first sync).
# While apart (9 March) both lent SKI-0001 and HJELM-0001 and both registered card B-3001; they
# synced on 10 March at 11:40 (two double lends and a card merge on each), then kasse-1 lent once
# more and its next round failed at 11:55. The rounds go through the store's own sync calls
# (tests/e2e/sync_copy.c), as bua-sync makes them, without a server.
# The borrowers are registered without --consent: when this was written, a consent (the person
# as their own accepter, borrower.consent_by = itself) made another device park the row for ever,
# waiting for itself; branch dev fixed that in 85266bb, after this branch last merged it.
# Usage: sync_fixture.sh ADMIN SYNC_COPY KASSE.db POPUP.db
set -euo pipefail
admin=$1
sync_copy=$2
kasse=$3
popup=$4
export TZ=Europe/Oslo
rm -f "$kasse" "$kasse-wal" "$kasse-shm" "$popup" "$popup-wal" "$popup-shm"
k() { local at=$1; shift; "$admin" --db "$kasse" --now "$at" "$@" >/dev/null; }
p() { local at=$1; shift; "$admin" --db "$popup" --now "$at" "$@" >/dev/null; }
t() { date -d "$1" +%s; }
k 2026-03-02T09:00 init --timezone Europe/Oslo
echo 1234 | k 2026-03-02T09:00 staff add S-1001 --name "Trine Trainee" --role trainee --pin-stdin
echo 2468 | k 2026-03-02T09:00 staff add S-2001 --name "Lise Leder" --role leader --pin-stdin
k 2026-03-02T09:00 borrower add B-1001 --name "Kari Nordmann" --phone 91234567 --birth-year 1985
k 2026-03-02T09:00 borrower add B-1004 --name "Siri Hansen" --phone 45678901 --birth-year 1979
k 2026-03-02T09:00 item add SKI-0001 --name "Langrennski 180 cm" --category Ski --location HYLLE-A1
k 2026-03-02T09:00 item add SKI-0003 --name "Slalomski 140 cm" --category Ski --location HYLLE-A1
k 2026-03-02T09:00 item add HJELM-0001 --name "Hjelm barn M" --category Hjelm --location HYLLE-A1
k 2026-03-02T09:00 item add SKOYTE-0001 --name "Skøyter str 38" --category "Skøyter" \
    --location HYLLE-B1
k 2026-03-02T09:00 init --centre hamar --device kasse-1
p 2026-03-02T09:00 init --timezone Europe/Oslo
p 2026-03-02T09:00 init --centre hamar --device popup
"$sync_copy" --at "$(t '2026-03-02 09:30')" "$kasse" "$popup" >/dev/null
"$sync_copy" --at "$(t '2026-03-02 09:30')" "$popup" "$kasse" >/dev/null
# apart: the same items lent on both, the same card registered on both
p 2026-03-09T10:00 checkout --card B-1004 HJELM-0001
k 2026-03-09T10:15 checkout --card B-1001 SKI-0001
p 2026-03-09T11:30 checkout --card B-1004 SKI-0001
k 2026-03-09T12:00 checkout --card B-1001 HJELM-0001
k 2026-03-09T13:00 borrower add B-3001 --name "Anne Berg" --birth-year 1990
p 2026-03-09T14:00 borrower add B-3001 --name "Anne B. Berg" --birth-year 1990
# together again: a whole round each way, acknowledged by the server
at=$(t '2026-03-10 11:40')
"$sync_copy" --at "$at" "$popup" "$kasse" >/dev/null
"$sync_copy" --at "$at" "$kasse" "$popup" >/dev/null
"$sync_copy" --at "$at" --acked "$kasse" >/dev/null
"$sync_copy" --at "$at" --acked "$popup" >/dev/null
# kasse-1 lends again; its next round cannot reach the server
k 2026-03-10T11:50 checkout --card B-1004 SKOYTE-0001
"$sync_copy" --at "$(t '2026-03-10 11:55')" --failed \
    "could not connect to server: Connection refused" "$kasse" >/dev/null
