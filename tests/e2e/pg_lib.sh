# A throwaway PostgreSQL cluster for the sync and national tests (sourced).
#   pg_start [DIR]   initdb + start in DIR (default: a new temporary folder), as an unprivileged
#                    user (initdb refuses root: as root the cluster runs as `postgres`, or
#                    `nobody`); Unix socket in the cluster's folder, TCP on 127.0.0.1 at a free
#                    port; local socket trusted for the admin (user `bua_admin`, a superuser who
#                    only sets up), TCP with scram-sha-256 passwords (the device roles).
#   pg_stop          fast shutdown (also at exit: pg_start adds it to the EXIT trap)
#   pg_pause / pg_resume   stop and start the same cluster (server down mid-run)
#   pg_admin_sql SQL       runs SQL as the admin, prints tuples unaligned (psql -XAtq)
# Sets PG_HOST (socket folder), PG_PORT, PG_DB (=bua), PG_ADMIN (conninfo of the admin over the
# socket), PG_TCP (conninfo prefix for 127.0.0.1 without user/password).
# A missing PostgreSQL fails the test (it never skips): CI installs it with scripts/deps.

pg_bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null)
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    fi
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}

pg_free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pg_as() { # runs a command as the cluster's owner
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$PG_USER" -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    PG_BIN=$(pg_bindir) || { echo "FAIL: PostgreSQL server not installed (initdb not found; scripts/deps installs postgresql)" >&2; exit 1; }
    PG_DIR=${1:-$(mktemp -d /tmp/bua-pg.XXXXXX)}
    PG_USER=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
        if id postgres >/dev/null 2>&1; then PG_USER=postgres; else PG_USER=nobody; fi
    fi
    mkdir -p "$PG_DIR"
    chmod 0755 "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$PG_DIR"
    PG_HOST="$PG_DIR/sock"
    PG_PORT=$(pg_free_port)
    PG_DB=bua
    pg_as mkdir -p "$PG_HOST" "$PG_DIR/data"
    pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U bua_admin --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || {
        echo "FAIL: initdb failed:" >&2; cat "$PG_DIR/initdb.log" >&2; exit 1; }
    cat >>"$PG_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_HOST'
fsync = on
max_connections = 400
shared_buffers = 128MB
log_min_messages = warning
CONF
    # BUA_PG_CONF: more settings for a profiling run (auto_explain, say); never set by a test
    [ -z "${BUA_PG_CONF:-}" ] || printf '%s\n' "$BUA_PG_CONF" >>"$PG_DIR/data/postgresql.conf"
    PG_ADMIN="host=$PG_HOST port=$PG_PORT user=bua_admin dbname=$PG_DB"
    PG_TCP="host=127.0.0.1 port=$PG_PORT dbname=$PG_DB"
    # keeps what the test set before (admin_setup's folder removal) and stops the cluster first
    local prev
    prev=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
    trap "pg_stop; $prev" EXIT
    pg_resume
    "$PG_BIN/createdb" -h "$PG_HOST" -p "$PG_PORT" -U bua_admin "$PG_DB" || {
        echo "FAIL: createdb failed" >&2; exit 1; }
    export PG_HOST PG_PORT PG_DB PG_ADMIN PG_TCP PG_DIR PG_BIN
}

pg_resume() {
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null || {
        echo "FAIL: PostgreSQL did not start:" >&2; cat "$PG_DIR/server.log" >&2; exit 1; }
}

pg_pause() {
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null
}

pg_stop() {
    [ -z "${BUA_PG_KEEP_LOG:-}" ] || cp "$PG_DIR/server.log" "$BUA_PG_KEEP_LOG" 2>/dev/null || true
    if [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
        pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
    fi
    [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
    PG_DIR=
}

pg_admin_psql() { # psql as the admin, unaligned, tuples only, stopping at the first error
    "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 "$PG_ADMIN" "$@"
}

pg_admin_sql() {
    pg_admin_psql -c "$1"
}

check_eq() { # check_eq WHAT GOT WANT (fail: the test's own)
    [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# A fingerprint of the server's derived tables (state and summaries) and their row count: equal
# fingerprints, identical tables.
pg_state_fp() {
    pg_admin_sql "SELECT md5(string_agg(t, '|' ORDER BY t)) || ' ' || count(*) FROM (
        SELECT 'y' || s::text AS t FROM bua.sum_year s UNION ALL
        SELECT 'b' || s::text FROM bua.sum_borrower s UNION ALL
        SELECT 'o' || s::text FROM bua.st_borrower s UNION ALL
        SELECT 'l' || s::text FROM bua.st_loan s UNION ALL
        SELECT 'i' || s::text FROM bua.st_line s UNION ALL
        SELECT 't' || s::text FROM bua.st_item s) x"
}
