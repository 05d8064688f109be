# Helpers for the sync e2e tests (sourced): a throwaway PostgreSQL (pg_lib.sh), the server
# schema by `bua-sync setup`, one centre key, devices made as the README says (bua-sync device
# add on the server, bua-admin init on the device), and fingerprints of the server's log and of
# a device's state by natural keys (barcode, card, checkout time), comparable across devices.
#   sync_setup BUA_ADMIN BUA_SYNC   (argv of every sync test)
#   sync_device CENTRE DEVICE       a device: role + password file + database $tmp/DEVICE.db
#   once DEVICE                     bua-sync run --once for it (must succeed)
#   adm DEVICE ARGS...              bua-admin on its database (must succeed; stdout kept)
#   server_fp                       fingerprint of bua.event + the devices' high-water marks
#   device_fp DEVICE                fingerprint of items, borrowers and loan lines
# The clock of the tests' loans: --now from $T0 (a fixed Monday) plus minutes.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=pg_lib.sh
. "$here/pg_lib.sh"

sync_setup() {
    ADMIN=${1:?usage: $0 BUA_ADMIN BUA_SYNC}
    SYNC=${2:?usage: $0 BUA_ADMIN BUA_SYNC}
    export TZ=Europe/Oslo
    unset BUA_DB BUA_CONFIG XDG_DATA_HOME BUA_ROOT PGPASSWORD PGSERVICE PGHOST PGUSER
    tmp=$(mktemp -d)
    chmod 0755 "$tmp"
    export HOME="$tmp/home"
    mkdir -p "$HOME"
    trap 'rm -rf "$tmp"' EXIT
    pg_start
    "$SYNC" setup --server "$PG_ADMIN" >"$tmp/setup.out" 2>"$tmp/setup.err" ||
        fail "bua-sync setup: $(cat "$tmp/setup.err")"
    "$SYNC" keygen "$tmp/centre.key" >/dev/null || fail "bua-sync keygen"
    T0=$(date -d '2026-03-02T10:00' +%s)
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# sync_device CENTRE DEVICE [ROLE_PASSWORD]
sync_device() {
    local c=$1 d=$2
    printf '%s\n' "${3:-pw-$c-$d}" >"$tmp/$d.pw"
    chmod 0600 "$tmp/$d.pw"
    "$SYNC" device add --server "$PG_ADMIN" --centre "$c" --device "$d" \
        --password-file "$tmp/$d.pw" >"$tmp/out" 2>"$tmp/err" ||
        fail "device add $c $d: $(cat "$tmp/err")"
    "$ADMIN" --db "$tmp/$d.db" init --centre "$c" --device "$d" >"$tmp/out" 2>"$tmp/err" ||
        fail "bua-admin init --centre $c --device $d: $(cat "$tmp/err")"
    eval "CONN_${d//-/_}=\"\$PG_TCP user=bua_${c//-/_}_${d//-/_}\""
}

conn_of() { eval "echo \"\$CONN_${1//-/_}\""; }

# sync_args DEVICE: the options of bua-sync run for it
sync_args() {
    S=(run --db "$tmp/$1.db" --server "$(conn_of "$1")" --key-file "$tmp/centre.key"
        --password-file "$tmp/$1.pw")
}

once() {
    sync_args "$1"
    "$SYNC" "${S[@]}" --once >"$tmp/once.out" 2>"$tmp/once.err" ||
        fail "bua-sync run --once for $1: $(cat "$tmp/once.err")"
}

# at MINUTES: --now for T0 + MINUTES
at() { date -d "@$((T0 + $1 * 60))" +%Y-%m-%dT%H:%M; }

adm() {
    local d=$1
    shift
    "$ADMIN" --db "$tmp/$d.db" "$@" >"$tmp/adm.out" 2>"$tmp/adm.err" ||
        fail "bua-admin $* on $d: $(cat "$tmp/adm.err")"
}

sql_of() { sqlite3 -batch -noheader "$tmp/$1.db" "$2"; }

server_fp() {
    pg_admin_sql "SELECT md5(coalesce(string_agg(concat_ws('|', centre, device, seq, at, tbl, op,
        gid, row::text, sealed IS NULL, bk), E'\n' ORDER BY centre, device, seq), ''))
        || ' ' || count(*) || ' ' || (SELECT string_agg(centre || '/' || device || '=' || seq,
        ',' ORDER BY centre, device) FROM bua.device) FROM bua.event"
}

device_fp() {
    sql_of "$1" "SELECT x FROM (
        SELECT 'I|' || barcode || '|' || name || '|' || status AS x FROM item
        UNION ALL SELECT 'B|' || card || '|' || name || '|' || phone FROM borrower
        UNION ALL SELECT 'L|' || i.barcode || '|' || b.card || '|' || l.checked_out_at || '|'
               || ll.due_at || '|' || coalesce(ll.returned_at, '-')
          FROM loan_line ll JOIN loan l ON l.id = ll.loan_id JOIN item i ON i.id = ll.item_id
          JOIN borrower b ON b.id = l.borrower_id) ORDER BY x" | md5sum | cut -c1-32
}

# figures DEVICE YEAR: the year's figures as bua-admin reports them (JSON)
figures() {
    adm "$1" report --year "$2" --format json
    cat "$tmp/adm.out"
}
