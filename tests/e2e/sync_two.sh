#!/usr/bin/env bash
# Two devices of one centre through a real PostgreSQL with the real bua-admin and bua-sync:
# the catalogue made on one reaches the other, a loan made on one is on loan on the other after
# one `run --once` each, the return made on the other comes back, and the figures agree on both
# devices and with the server's log. Personal columns reach the server only sealed. The errors a
# leader meets are named (wrong key file, database not initialised, server unreachable, no
# password), and the device roles are held by row-level security over 127.0.0.1 with passwords.
#   usage: sync_two.sh BUA_ADMIN BUA_SYNC
set -euo pipefail
. "$(dirname "$0")/sync_lib.sh"
sync_setup "$@"

# ---- the server admin's commands ---------------------------------------------------------------
"$SYNC" setup --server "$PG_ADMIN" >"$tmp/out" 2>"$tmp/err" || fail "setup twice: $(cat "$tmp/err")"
grep -q 'server_log.sql' "$tmp/out" || fail "setup names the files it applied: $(cat "$tmp/out")"
sync_device hamar k1
sync_device hamar k2
sync_device oslo o1
"$SYNC" device add --server "$PG_ADMIN" --centre hamar --device k1 --password-file "$tmp/k1.pw" \
    >"$tmp/out" 2>"$tmp/err" || fail "device add again: $(cat "$tmp/err")"
grep -q 'password set anew' "$tmp/out" || fail "device add again: $(cat "$tmp/out")"
printf 'x\n' >"$tmp/open.pw"
chmod 0644 "$tmp/open.pw"
set +e
"$SYNC" device add --server "$PG_ADMIN" --centre hamar --device k3 --password-file "$tmp/open.pw" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "a password file others may read was accepted (exit $rc)"
grep -q 'readable by others (mode 0644)' "$tmp/err" || fail "open password file: $(cat "$tmp/err")"
set +e
"$SYNC" device add --server "$PG_ADMIN" --centre hamar-centre-with-a-long-name --device \
    front-desk-kiosk-number-two-long --password-file "$tmp/k1.pw" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'at most 63 characters (give a shorter one with --role)' "$tmp/err" ||
    fail "a role name over 63 characters: exit $rc, $(cat "$tmp/err")"
[ "$(pg_admin_sql "SELECT count(*) FROM bua.device")" = 3 ] || fail "3 devices on the server"
[ "$(pg_admin_sql "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles
     WHERE pg_has_role(oid, 'bua_device', 'MEMBER') AND rolname <> 'bua_device' AND NOT rolsuper")" = \
    "bua_hamar_k1,bua_hamar_k2,bua_oslo_o1" ] || fail "the device roles"
set +e
"$SYNC" keygen "$tmp/centre.key" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'never overwritten' "$tmp/err" || fail "keygen overwrote a key"
[ "$(stat -c %a "$tmp/centre.key")" = 600 ] || fail "key file mode"

# ---- the catalogue made on k1 reaches k2 --------------------------------------------------------
adm k1 --now "$(at 0)" item add SKI-1 --name "Langrennski 150" --category Ski
adm k1 --now "$(at 0)" item add SKI-2 --name "Langrennski 170" --category Ski
adm k1 --now "$(at 1)" borrower add 1001 --name "Kari Nordmann" --phone 91234567
once k1
grep -q '^pushed [1-9]' "$tmp/once.out" || fail "k1 pushed nothing: $(cat "$tmp/once.out")"
once k2
grep -q 'pulled [1-9]' "$tmp/once.out" || fail "k2 pulled nothing: $(cat "$tmp/once.out")"
[ "$(sql_of k2 "SELECT name FROM item WHERE barcode = 'SKI-2'")" = "Langrennski 170" ] ||
    fail "k2 does not have k1's item SKI-2"
[ "$(sql_of k2 "SELECT name || ' ' || phone FROM borrower WHERE card = '1001'")" = \
    "Kari Nordmann 91234567" ] || fail "k2 does not have k1's borrower with name and phone"

# personal columns only sealed on the server; the borrower key joins without the card
[ "$(pg_admin_sql "SELECT count(*) FROM bua.event WHERE row::text LIKE '%Kari%'
     OR row::text LIKE '%91234567%' OR row::text LIKE '%\"1001\"%'")" = 0 ] ||
    fail "the server holds a name, phone or card in clear"
[ "$(pg_admin_sql "SELECT count(*) FROM bua.event WHERE tbl = 'borrower' AND sealed IS NOT NULL
     AND bk ~ '^[0-9a-f]{32}$'")" -ge 1 ] || fail "the borrower's event is not sealed with a borrower key"
! grep -ra 'Kari' "$PG_DIR/data/base" >/dev/null 2>&1 || fail "the server's files hold the name"

# ---- a loan on k1 is on loan on k2; the return on k2 comes back ----------------------------------
adm k1 --now "$(at 10)" checkout --card 1001 SKI-1
once k1
once k2
[ "$(sql_of k2 "SELECT count(*) FROM loan_line ll JOIN item i ON i.id = ll.item_id
     WHERE i.barcode = 'SKI-1' AND ll.returned_at IS NULL")" = 1 ] || fail "SKI-1 is not on loan on k2"
adm k2 --now "$(at 10)" item show SKI-1
grep -qi 'kari\|1001\|on loan\|utlånt' "$tmp/adm.out" || fail "item show SKI-1 on k2: $(cat "$tmp/adm.out")"
adm k2 --now "$(at 60)" return SKI-1
once k2
once k1
[ "$(sql_of k1 "SELECT count(*) FROM loan_line WHERE returned_at IS NULL")" = 0 ] ||
    fail "the return made on k2 did not reach k1"
[ "$(sql_of k1 "SELECT returned_at FROM loan_line")" = "$((T0 + 3600))" ] || fail "return time on k1"
adm k2 --now "$(at 70)" checkout --card 1001 SKI-2
once k2
once k1
[ "$(device_fp k1)" = "$(device_fp k2)" ] || fail "k1 and k2 differ after sync"
[ "$(figures k1 2026)" = "$(figures k2 2026)" ] || fail "the figures differ: $(figures k1 2026) / $(figures k2 2026)"
for d in k1 k2; do
    [ "$(sql_of "$d" "SELECT max(seq) FROM sync_out")" = \
        "$(pg_admin_sql "SELECT seq FROM bua.device WHERE device = '$d'")" ] ||
        fail "the server's high-water of $d is not its outbox's last seq"
done
# the figures on the server (server_state.sql), when it is there
if [ "$(pg_admin_sql "SELECT to_regclass('bua.sum_year') IS NOT NULL")" = t ]; then
    [ "$(pg_admin_sql "SELECT coalesce(sum(loans), 0) FROM bua.sum_year WHERE centre = 'hamar'
         AND year = 2026")" = 2 ] || fail "the server's figures do not count the 2 loans"
fi

# ---- nothing crosses to another centre ----------------------------------------------------------
adm o1 --now "$(at 0)" item add OSLO-1 --name "Kano" --category Kano
once o1
grep -q 'pulled 0' "$tmp/once.out" || fail "oslo's device pulled hamar's events: $(cat "$tmp/once.out")"
[ "$(sql_of o1 "SELECT count(*) FROM item")" = 1 ] || fail "oslo holds other items"
PGPASSWORD=pw-oslo-o1 "$PG_BIN/psql" -XAtq "$(conn_of o1)" -c "SELECT count(*) FROM bua.event" \
    >"$tmp/out" 2>&1 || fail "o1 psql: $(cat "$tmp/out")"
[ "$(cat "$tmp/out")" = "$(pg_admin_sql "SELECT count(*) FROM bua.event WHERE centre = 'oslo'")" ] ||
    fail "oslo's role reads other centres' events"
set +e
PGPASSWORD=pw-hamar-k2 "$PG_BIN/psql" -XAtq "$(conn_of k2)" -c "INSERT INTO bua.event
    (centre, device, seq, at, tbl, op, gid, row) VALUES ('hamar', 'k1', 999, 1, 'item', 'put',
    'k1:999', '{}')" >"$tmp/out" 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] && grep -q 'row-level security' "$tmp/out" || fail "k2 inserted k1's event: $(cat "$tmp/out")"
# k2's role with k1's database: the server refuses its events
adm k1 --now "$(at 80)" item add SKI-3 --name "Ski 3" --category Ski
set +e
"$SYNC" run --once --db "$tmp/k1.db" --server "$(conn_of k2)" --key-file "$tmp/centre.key" \
    --password-file "$tmp/k2.pw" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'role bua_hamar_k2 is not the role of device k1 of centre hamar' "$tmp/err" ||
    fail "k2's role pushed k1's events: exit $rc, $(cat "$tmp/err")"
adm k1 sync-status
grep -q 'is not the role of device k1' "$tmp/adm.out" || fail "sync-status does not show the last error: $(cat "$tmp/adm.out")"
once k1 # and the right role works again

# ---- errors that name the problem --------------------------------------------------------------
expect_fail() { # PATTERN ARGS...: bua-sync exits 1 with PATTERN on stderr
    local pat=$1
    shift
    set +e
    "$SYNC" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
    [ "$rc" -eq 1 ] || fail "bua-sync $*: exit $rc, not 1: $(cat "$tmp/err")"
    grep -q -- "$pat" "$tmp/err" || fail "bua-sync $*: expected '$pat', got: $(cat "$tmp/err")"
}
"$SYNC" keygen "$tmp/other.key" >/dev/null
adm k2 --now "$(at 90)" borrower add 1002 --name "Ola Nordmann"
once k2
expect_fail 'wrong key file' run --once --db "$tmp/k1.db" --server "$(conn_of k1)" \
    --key-file "$tmp/other.key" --password-file "$tmp/k1.pw"
[ "$(sql_of k1 "SELECT count(*) FROM borrower WHERE card = '1002'")" = 0 ] ||
    fail "events were applied with a wrong key"
"$ADMIN" --db "$tmp/plain.db" init >/dev/null 2>&1 || fail "bua-admin init of a plain database"
expect_fail 'not initialised as a device of a centre: run bua-admin init --centre CODE --device NAME' \
    run --once --db "$tmp/plain.db" --server "$(conn_of k1)" --key-file "$tmp/centre.key" \
    --password-file "$tmp/k1.pw"
port=$(pg_free_port)
expect_fail 'server unreachable' run --once --db "$tmp/k1.db" \
    --server "host=127.0.0.1 port=$port dbname=bua user=bua_hamar_k1 connect_timeout=3" \
    --key-file "$tmp/centre.key" --password-file "$tmp/k1.pw"
adm k1 --now "$(at 95)" item add SKI-4 --name "Ski 4" --category Ski
expect_fail 'no password given: --password-file or \[sync\] password_file' run --once \
    --db "$tmp/k1.db" --server "$(conn_of k1)" --key-file "$tmp/centre.key"
expect_fail 'password authentication failed' run --once --db "$tmp/k1.db" \
    --server "$(conn_of k1)" --key-file "$tmp/centre.key" --password-file "$tmp/k2.pw"
chmod 0644 "$tmp/other.key"
expect_fail 'key file .* is readable by others' run --once --db "$tmp/k1.db" \
    --server "$(conn_of k1)" --key-file "$tmp/other.key" --password-file "$tmp/k1.pw"
set +e
"$SYNC" run --once --db "$tmp/k1.db" --server "$(conn_of k1)" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q 'run needs --key-file' "$tmp/err" || fail "run without a key: exit $rc"
if [ "$(pg_admin_sql "SELECT to_regprocedure('bua.rebuild()') IS NOT NULL")" = t ]; then
    "$SYNC" rebuild --server "$PG_ADMIN" >"$tmp/out" 2>"$tmp/err" || fail "rebuild: $(cat "$tmp/err")"
else
    expect_fail 'has no function bua.rebuild()' rebuild --server "$PG_ADMIN"
fi

# ---- the settings file's [sync] stands in for the options ---------------------------------------
cat >"$tmp/kiosk.ini" <<INI
[kiosk]
database = $tmp/k1.db
[sync]
server = $(conn_of k1)
password_file = $tmp/k1.pw
key_file = $tmp/centre.key
INI
"$SYNC" run --once --config "$tmp/kiosk.ini" >"$tmp/out" 2>"$tmp/err" ||
    fail "run --once from the settings: $(cat "$tmp/err")"
[ "$(sql_of k1 "SELECT count(*) FROM borrower WHERE card = '1002'")" = 1 ] ||
    fail "the run from the settings did not pull k2's borrower"
printf '[sync]\nserver = host=127.0.0.1 port=%s dbname=bua user=bua_hamar_k1 sslmode=prefer application_name=bua-sync-with-a-very-long-connection-string-that-the-settings-reader-would-cut-short-somewhere-here-x connect_timeout=10\n' \
    "$PG_PORT" >"$tmp/long.ini"
expect_fail 'long.ini line 2 is longer than 198 characters' run --once --config "$tmp/long.ini" \
    --db "$tmp/k1.db" --key-file "$tmp/centre.key"
"$SYNC" --help >"$tmp/out"
for w in "run " "keygen FILE" "setup --server" "device add --server" "rebuild --server" \
    "--once" "--key-file" "--password-file" "--config" "--db PATH" "--role R"; do
    grep -qF -- "$w" "$tmp/out" || fail "--help lacks $w"
done
echo "sync_two: ok"
