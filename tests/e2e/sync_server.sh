#!/usr/bin/env bash
# The server's log (inventory/sync/server_log.sql) at the psql level, on a throwaway cluster:
# bua.push ignores duplicates and refuses a gap with BU001 naming the seqs, a batch in reverse
# order gives the same log, bua.pull returns the other devices' events above their marks, and
# row-level security holds for device roles connecting over 127.0.0.1 with passwords.
#   usage: sync_server.sh SOURCE_DIR
set -euo pipefail
SRC=${1:?usage: $0 SOURCE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=pg_lib.sh
. "$here/pg_lib.sh"
pg_start
tmp=$(mktemp -d)
trap "rm -rf '$tmp'; $(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")" EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
psql_admin() { "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 "$PG_ADMIN" "$@"; }
# as_dev ROLE PASSWORD SQL: runs SQL as a device role over TCP; stdout+stderr in $tmp/out, rc
as_dev() {
    set +e
    PGPASSWORD=$2 "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 "$PG_TCP user=$1" -c "$3" \
        >"$tmp/out" 2>&1
    rc=$?
    set -e
}
dev_ok() {
    as_dev "$@"
    [ "$rc" -eq 0 ] || fail "as $1: $3: $(cat "$tmp/out")"
}
dev_refused() { # ROLE PASSWORD SQL PATTERN
    as_dev "$1" "$2" "$3"
    [ "$rc" -ne 0 ] || fail "as $1: $3 was accepted: $(cat "$tmp/out")"
    grep -Eq "$4" "$tmp/out" || fail "as $1: $3: expected /$4/, got: $(cat "$tmp/out")"
}
# ev SEQ [GID]: one event as JSON
ev() {
    printf '{"seq":%d,"at":%d,"tbl":"item","op":"put","gid":"%s","row":{"barcode":"B%d","n":%d}}' \
        "$1" $((1780000000 + $1)) "${2:-x:$1}" "$1" "$1"
}
# batch FROM TO [rev]: a JSON array of events FROM..TO (reversed with rev)
batch() {
    local s out="" i
    if [ "${3:-}" = rev ]; then s=$(seq "$2" -1 "$1"); else s=$(seq "$1" "$2"); fi
    for i in $s; do out="$out${out:+,}$(ev "$i")"; done
    echo "[$out]"
}
fingerprint() {
    psql_admin -c "SELECT md5(coalesce(string_agg(concat_ws('|', centre, device, seq, at, tbl,
        op, gid, row::text, encode(sealed, 'hex'), bk), E'\n' ORDER BY centre, device, seq), ''))
        || ' ' || (SELECT string_agg(centre || '/' || device || '=' || seq, ','
                                     ORDER BY centre, device) FROM bua.device)
        FROM bua.event"
}

# ---- the schema, twice (idempotent) ------------------------------------------------------------
# as bua-sync setup does: server_log.sql, then server_state.sql when it is in the tree
for i in 1 2; do
    for f in server_log.sql server_state.sql; do
        [ -f "$SRC/inventory/sync/$f" ] || continue
        psql_admin -1 -f "$SRC/inventory/sync/$f" 2>"$tmp/setup.err" ||
            fail "$f (run $i): $(cat "$tmp/setup.err")"
    done
done
psql_admin -c "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class
               WHERE oid = 'bua.event'::regclass" | grep -qx t ||
    fail "bua.event must ENABLE and FORCE row level security"

psql_admin <<'SQL'
INSERT INTO bua.centre (code) VALUES ('hamar'), ('oslo');
CREATE ROLE bua_hamar_k1 LOGIN PASSWORD 'pw-k1' IN ROLE bua_device;
CREATE ROLE bua_hamar_k2 LOGIN PASSWORD 'pw-k2' IN ROLE bua_device;
CREATE ROLE bua_oslo_k1 LOGIN PASSWORD 'pw-o1' IN ROLE bua_device;
INSERT INTO bua.device (centre, device, role) VALUES
    ('hamar', 'k1', 'bua_hamar_k1'), ('hamar', 'k2', 'bua_hamar_k2'), ('oslo', 'k1', 'bua_oslo_k1');
SQL

# ---- push: duplicates ignored, a gap refused ---------------------------------------------------
dev_ok bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k1', '$(batch 1 5)')"
[ "$(cat "$tmp/out")" = 5 ] || fail "push 1..5 returned $(cat "$tmp/out"), not 5"
dev_ok bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k1', '$(batch 1 5)')"
[ "$(cat "$tmp/out")" = 5 ] || fail "re-push 1..5 returned $(cat "$tmp/out"), not 5"
dev_ok bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k1', '$(batch 3 8)')"
[ "$(cat "$tmp/out")" = 8 ] || fail "push 3..8 (overlapping) returned $(cat "$tmp/out"), not 8"
[ "$(psql_admin -c "SELECT count(*) FROM bua.event")" = 8 ] || fail "8 events expected"
dev_refused bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k1', '$(batch 10 12)')" \
    'gap in the events of device k1 of centre hamar: expected seq 9, got 10'
dev_refused bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k1', '[$(ev 9),$(ev 10),$(ev 12)]')" \
    'expected seq 11, got 12'
psql_admin -c "SELECT bua.push('hamar', 'k1', '$(batch 10 12)')" 2>"$tmp/err" &&
    fail "a gap was accepted from the admin"
psql_admin -c "DO \$\$ BEGIN PERFORM bua.push('hamar', 'k1', '$(batch 10 12)');
               EXCEPTION WHEN SQLSTATE 'BU001' THEN RAISE NOTICE 'BU001'; END \$\$" 2>&1 |
    grep -q BU001 || fail "a gap must raise SQLSTATE BU001"
[ "$(psql_admin -c "SELECT count(*) || ' ' || max(seq) FROM bua.event")" = "8 8" ] ||
    fail "a refused batch left events behind"
[ "$(psql_admin -c "SELECT seq FROM bua.device WHERE device = 'k1' AND centre = 'hamar'")" = 8 ] ||
    fail "high-water of k1 is not 8"

# ---- the same batch in reverse order on a fresh log: the same state ----------------------------
fp_fwd=$(fingerprint)
psql_admin -c "ALTER TABLE bua.event DISABLE TRIGGER event_frozen; DELETE FROM bua.event;
               ALTER TABLE bua.event ENABLE TRIGGER event_frozen;
               UPDATE bua.device SET seq = 0"
dev_ok bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k1', '$(batch 1 8 rev)')"
[ "$(cat "$tmp/out")" = 8 ] || fail "reverse push returned $(cat "$tmp/out")"
dev_ok bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k1', '$(batch 1 8 rev)')"
[ "$(fingerprint)" = "$fp_fwd" ] || fail "reverse-ordered batch gave another log: $(fingerprint) vs $fp_fwd"

# ---- append-only ---------------------------------------------------------------------------------
psql_admin -c "DELETE FROM bua.event WHERE seq = 1" 2>"$tmp/err" && fail "an event was deleted"
grep -q 'append-only' "$tmp/err" || fail "delete: $(cat "$tmp/err")"
psql_admin -c "UPDATE bua.event SET gid = 'z' WHERE seq = 1" 2>"$tmp/err" && fail "an event was changed"
dev_refused bua_hamar_k1 pw-k1 "UPDATE bua.device SET seq = 100 WHERE device = 'k1'" 'high-water|permission'
dev_refused bua_hamar_k1 pw-k1 "UPDATE bua.device SET role = 'bua_hamar_k2' WHERE device = 'k1'" 'permission denied'

# ---- pull: the other devices' events above their marks ------------------------------------------
dev_ok bua_hamar_k2 pw-k2 "SELECT bua.push('hamar', 'k2', '$(batch 1 3)')"
dev_ok bua_hamar_k2 pw-k2 "SELECT device || ':' || seq FROM bua.pull('hamar', 'k2', '{}', 1000)"
[ "$(tr '\n' ' ' <"$tmp/out")" = "k1:1 k1:2 k1:3 k1:4 k1:5 k1:6 k1:7 k1:8 " ] ||
    fail "k2 pulls k1's 8 events: $(cat "$tmp/out")"
dev_ok bua_hamar_k2 pw-k2 "SELECT device || ':' || seq FROM bua.pull('hamar', 'k2', '{\"k1\":6}', 1000)"
[ "$(tr '\n' ' ' <"$tmp/out")" = "k1:7 k1:8 " ] || fail "pull above mark 6: $(cat "$tmp/out")"
dev_ok bua_hamar_k1 pw-k1 "SELECT device || ':' || seq FROM bua.pull('hamar', 'k1', '{\"k2\":1}', 1)"
[ "$(cat "$tmp/out")" = "k2:2" ] || fail "pull limit 1: $(cat "$tmp/out")"

# ---- row-level security with the device roles over 127.0.0.1 ------------------------------------
dev_refused bua_hamar_k1 pw-k1 "SELECT bua.push('hamar', 'k2', '$(batch 4 4)')" 'role bua_hamar_k1 is not the role of device k2 of centre hamar'
dev_refused bua_hamar_k1 pw-k1 "INSERT INTO bua.event (centre, device, seq, at, tbl, op, gid, row)
    VALUES ('hamar', 'k2', 4, 1, 'item', 'put', 'k2:4', '{}')" 'row-level security'
dev_refused bua_oslo_k1 pw-o1 "INSERT INTO bua.event (centre, device, seq, at, tbl, op, gid, row)
    VALUES ('hamar', 'k1', 9, 1, 'item', 'put', 'k1:9', '{}')" 'row-level security'
dev_refused bua_oslo_k1 pw-o1 "SELECT bua.push('hamar', 'k1', '$(batch 9 9)')" 'role bua_oslo_k1 is not the role of device k1 of centre hamar'
dev_ok bua_oslo_k1 pw-o1 "SELECT count(*) FROM bua.event"
[ "$(cat "$tmp/out")" = 0 ] || fail "oslo's device reads $(cat "$tmp/out") events of hamar"
dev_ok bua_oslo_k1 pw-o1 "SELECT count(*) FROM bua.pull('hamar', 'k9', '{}', 1000)"
[ "$(cat "$tmp/out")" = 0 ] || fail "oslo's device pulls $(cat "$tmp/out") events of hamar"
dev_ok bua_oslo_k1 pw-o1 "SELECT count(*) FROM bua.device"
[ "$(cat "$tmp/out")" = 1 ] || fail "oslo's device sees $(cat "$tmp/out") devices, not its own only"
dev_ok bua_hamar_k2 pw-k2 "SELECT count(*) FROM bua.event"
[ "$(cat "$tmp/out")" = 11 ] || fail "hamar's k2 reads $(cat "$tmp/out") events of its centre, not 11"
dev_refused bua_hamar_k1 pw-k1 "DELETE FROM bua.event" 'permission denied'
dev_refused bua_hamar_k1 wrong "SELECT 1" 'password authentication failed'
dev_ok bua_oslo_k1 pw-o1 "SELECT bua.push('oslo', 'k1', '$(batch 1 2)')"
[ "$(cat "$tmp/out")" = 2 ] || fail "oslo pushes its own"
[ "$(psql_admin -c "SELECT count(*) FROM bua.event WHERE centre = 'oslo'")" = 2 ] || fail "oslo's 2 events"

# ---- a day of a device, pushed forward (and again) to one centre and in reverse order (and
# again) to another: the same log and the same derived state (server_state.sql) in both --------
psql_admin <<'SQL'
INSERT INTO bua.centre (code) VALUES ('fwd'), ('rev');
CREATE ROLE bua_fwd_k1 LOGIN PASSWORD 'pw-f' IN ROLE bua_device;
CREATE ROLE bua_rev_k1 LOGIN PASSWORD 'pw-r' IN ROLE bua_device;
INSERT INTO bua.device (centre, device, role) VALUES ('fwd', 'k1', 'bua_fwd_k1'), ('rev', 'k1', 'bua_rev_k1');
SQL
day=(
    '"tbl":"category","op":"put","gid":"k1:1","row":{"name":"Ski","loan_days":null}'
    '"tbl":"item","op":"put","gid":"k1:1","row":{"barcode":"SKI-1","name":"Ski","category_id":"k1:1","status":0,"kit_id":null,"added_at":1780000000}'
    '"tbl":"item","op":"put","gid":"k1:2","row":{"barcode":"SKI-2","name":"Ski","category_id":"k1:1","status":0,"kit_id":null,"added_at":1780000000}'
    '"tbl":"borrower","op":"put","gid":"k1:1","row":{"birth_year":2001,"registered_at":1780000100,"municipality":"Hamar","erased_at":null,"key_only":0},"bk":"00112233445566778899aabbccddeeff"'
    '"tbl":"loan","op":"put","gid":"k1:1","row":{"borrower_id":"k1:1","staff_id":null,"checked_out_at":1780000200,"ref":null}'
    '"tbl":"loan_line","op":"put","gid":"k1:1/1","row":{"loan_id":"k1:1","seq":1,"item_id":"k1:1","due_at":1780600000,"returned_at":null,"lost_at":null}'
    '"tbl":"loan_line","op":"put","gid":"k1:1/2","row":{"loan_id":"k1:1","seq":2,"item_id":"k1:2","due_at":1780600000,"returned_at":null,"lost_at":null}'
    '"tbl":"loan_line","op":"put","gid":"k1:1/1","row":{"loan_id":"k1:1","seq":1,"item_id":"k1:1","due_at":1780600000,"returned_at":1780090000,"lost_at":null}'
    '"tbl":"item","op":"put","gid":"k1:2","row":{"barcode":"SKI-2","name":"Ski","category_id":"k1:1","status":1,"kit_id":null,"added_at":1780000000}'
)
fwd="" rev=""
for i in "${!day[@]}"; do
    e="{\"seq\":$((i + 1)),\"at\":$((1780000000 + i * 600)),${day[$i]}}"
    fwd="$fwd${fwd:+,}$e"
    rev="$e${rev:+,}$rev"
done
for n in 1 2; do
    dev_ok bua_fwd_k1 pw-f "SELECT bua.push('fwd', 'k1', '[$fwd]')"
    dev_ok bua_rev_k1 pw-r "SELECT bua.push('rev', 'k1', '[$rev]')"
done
# every table of schema bua with a centre column, its rows without the centre, per centre
centre_fp() {
    local t out=""
    for t in $(psql_admin -c "SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'bua' AND column_name = 'centre'
              AND table_name NOT IN ('device') ORDER BY 1"); do
        out="$out $t:$(psql_admin -c "SELECT md5(coalesce(string_agg(x, E'\n' ORDER BY x), ''))
            FROM (SELECT (to_jsonb(r) - 'centre' - 'received_at')::text AS x
                    FROM bua.$t r WHERE centre = '$1') q")"
    done
    echo "$out"
}
[ "$(centre_fp fwd)" = "$(centre_fp rev)" ] ||
    fail "forward and reverse batches gave another state: $(centre_fp fwd) / $(centre_fp rev)"
[ "$(psql_admin -c "SELECT count(*) FROM bua.event WHERE centre = 'rev'")" = "${#day[@]}" ] ||
    fail "the reverse batch, pushed twice, is not in the log once"
if [ -f "$SRC/inventory/sync/server_state.sql" ]; then
    [ "$(psql_admin -c "SELECT loans || ' ' || items_lent || ' ' || returned FROM bua.sum_year
         WHERE centre = 'rev'")" = "1 2 1" ] || fail "the reverse batch's figures are not 1 loan, 2 lines, 1 returned"
    [ "$(psql_admin -c "SELECT status FROM bua.st_item WHERE centre = 'rev' AND gid = 'k1:2'")" = 1 ] ||
        fail "the item's newest image is not the state"
fi

echo "sync_server: ok"
