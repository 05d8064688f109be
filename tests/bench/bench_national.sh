#!/usr/bin/env bash
# The national scale through the real sync path (issue 15): a long run, not in CI. Prints figures,
# never fails on a slow one; stops (exit 1) when a result is wrong (an event lost or doubled,
# figures that differ from the devices', a rebuild that changes the derived tables).
#   1. one synced device per centre (gen_national: the centre's years imported through the store
#      with its identity set, so the store's triggers fill the outbox);
#   2. the outboxes pushed by one `bua-sync run --once` per centre, all at once, each with its own
#      device role; when the server holds 30% of the events, every 13th sender (1, 14, 27, ...)
#      still running is killed with SIGKILL and started again: events/s over the whole push, against a plain
#      INSERT ... SELECT of the same log into a table without triggers in the same run;
#   3. nothing lost or doubled: per centre, the server's event count, high-water and a fingerprint
#      of (seq, tbl, op, gid) equal the device's outbox before the push, and the server's yearly
#      summaries equal each device's own figures;
#   4. `bua-admin report --national` (median of 10: wall time of the command and the server time
#      of its statements from the server log) against `psql -c 'SELECT 1'`; one centre's block
#      (--centre); `--verify` of the last year; `bua-sync rebuild` (the derived tables must come
#      out identical); the database size per generated year.
# Usage: bench_national.sh BUILD_DIR [--centres N] [--years Y]   (default 260 x 5)
# Files under $BUA_BENCH_DIR (default /var/tmp); BUA_BENCH_KEEP=1 keeps them, the server's
# cluster too (stopped; the last line says how to start it again).
set -euo pipefail

usage() {
    echo "usage: scripts/bench national [--centres N] [--years Y]   (default 260 centres x 5 years)" >&2
    exit 2
}
[ $# -ge 1 ] || usage
build=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
centres=260
years=5
while [ $# -gt 0 ]; do
    case $1 in
    --centres) [ $# -ge 2 ] || usage; centres=$2; shift 2 ;;
    --years) [ $# -ge 2 ] || usage; years=$2; shift 2 ;;
    *) usage ;;
    esac
done
[[ $centres =~ ^[0-9]+$ && $centres -ge 1 && $centres -le 999 ]] || usage
[[ $years =~ ^[0-9]+$ && $years -ge 1 && $years -le 64 ]] || usage

find_bin() { # the built program named $1
    local f
    f=$(find "$build" -type f -name "$1" -perm -u+x 2>/dev/null | head -n 1)
    [ -n "$f" ] || { echo "bench national: $1 not built in $build" >&2; exit 1; }
    echo "$f"
}
bua_sync=$(find_bin bua-sync)
bua_admin=$(find_bin bua-admin)
gen=$(find_bin gen_national)

work=$(mktemp -d "${BUA_BENCH_DIR:-/var/tmp}/bua-bench-national.XXXXXX")
chmod 0755 "$work"
if [ "${BUA_BENCH_KEEP:-}" != 1 ]; then
    trap 'rm -rf "$work"' EXIT
fi
# shellcheck source=../e2e/pg_lib.sh
. "$root/tests/e2e/pg_lib.sh"
pg_start "$work/pg"
if [ "${BUA_BENCH_KEEP:-}" = 1 ]; then # stopped, not removed
    trap 'pg_pause; echo "  kept: $work (server: pg_ctl -D $work/pg/data -l $work/pg/server.log start, as $PG_USER; socket $PG_HOST, port $PG_PORT)"' EXIT
fi

t_now() { echo "$EPOCHREALTIME"; }
t_sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
code_of() { printf 'c%03d' "$1"; }
psql_q() { "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 "$@"; }

this_year=$(TZ=Europe/Oslo date +%Y)
first_year=$((this_year - years))
last_year=$((this_year - 1))
echo "bench national: $centres centres x $years years ($first_year-$last_year), files in $work"
echo "  machine: $(nproc) cores; load at start:$(uptime | sed 's/.*load average//')"

# ---- server, devices ------------------------------------------------------------------------
"$bua_sync" setup --server "$PG_ADMIN" >/dev/null
"$bua_sync" keygen "$work/centre.key" >/dev/null
mkdir -p "$work/dev" "$work/log"
: >"$work/pgpass"
chmod 0600 "$work/pgpass"
pg_admin_sql "INSERT INTO bua.centre(code) SELECT format('c%s', lpad(k::text, 3, '0'))
              FROM generate_series(1, $centres) k ON CONFLICT DO NOTHING"
for k in $(seq 1 "$centres"); do
    code=$(code_of "$k")
    head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$work/dev/$code.pw"
    chmod 0600 "$work/dev/$code.pw"
    "$bua_sync" device add --server "$PG_ADMIN" --centre "$code" --device d1 \
        --password-file "$work/dev/$code.pw" >/dev/null
done
declare -A role
while IFS='|' read -r c r; do
    role[$c]=$r
done < <(pg_admin_sql "SELECT centre, role FROM bua.device WHERE device = 'd1' ORDER BY centre")
# 260 logins at once (scram) on a small machine may take longer than bua-sync's 10 s default
conn_of() { echo "$PG_TCP user=${role[$1]} connect_timeout=120"; }

# ---- 1. the devices' files --------------------------------------------------------------------
a=$(t_now)
"$gen" --dir "$work/dev" --centres "$centres" --years "$years" --part 0 --parts 2 &
g0=$!
"$gen" --dir "$work/dev" --centres "$centres" --years "$years" --part 1 --parts 2 &
g1=$!
wait "$g0"
wait "$g1"
gen_s=$(t_sub "$a" "$(t_now)")
total=0
outbox_events="SELECT e.seq || ' ' || e.tbl || ' ' || e.op || ' ' || e.gid FROM (
  SELECT seq, tbl, op, gid FROM sync_out WHERE NOT (tbl = 'loan' AND substr(data, 1, 1) = '[')
  UNION ALL SELECT o.seq - json_array_length(o.data) + 1 + j.key,
    CASE j.key WHEN 0 THEN 'loan' ELSE 'loan_line' END, o.op,
    CASE j.key WHEN 0 THEN o.gid ELSE o.gid || '/' || j.key END
  FROM sync_out o, json_each(o.data) j WHERE o.tbl = 'loan' AND substr(o.data, 1, 1) = '[') e
  ORDER BY e.seq"
for k in $(seq 1 "$centres"); do
    code=$(code_of "$k")
    n=$(cat "$work/dev/$code.seq")
    total=$((total + n))
    # the outbox's fingerprint before the push (acknowledged rows leave the outbox), as events:
    # a checkout's row stands for its loan and lines (INV_SYNC_EVENTS, inventory/inv_sql.h)
    fp=$(sqlite3 -readonly "$work/dev/$code.db" "$outbox_events" | md5sum)
    echo "$code|$n|$n|${fp%% *}" >>"$work/device.fp"
done
loans=$(cat "$work"/dev/*.fig | awk '{ s += $2 } END { print s }')
lines=$(cat "$work"/dev/*.fig | awk '{ s += $3 } END { print s }')
echo "  generated and imported with an identity in $gen_s s (2 processes): $loans loans, $lines loan lines, $total outbox events"
echo "    ($(awk -v e="$total" -v y="$years" 'BEGIN { printf "%.0f", e / y }') events a year; $(awk -v e="$total" -v l="$loans" 'BEGIN { printf "%.2f", e / l }') events per loan)"

# ---- 2. push: one sender per centre, all at once, some killed mid-push ----------------------------
sender() { # starts `bua-sync run --once` for centre $1 in the background
    "$bua_sync" run --once --db "$work/dev/$1.db" --server "$(conn_of "$1")" \
        --password-file "$work/dev/$1.pw" --key-file "$work/centre.key" >>"$work/log/$1.log" 2>&1 &
    pid[$1]=$!
}
declare -A pid
a=$(t_now)
for k in $(seq 1 "$centres"); do
    sender "$(code_of "$k")"
done
killed=()
while :; do
    hw=$(pg_admin_sql "SELECT coalesce(sum(seq), 0) FROM bua.device")
    [ "$hw" -ge $((total * 3 / 10)) ] && break
    running=0
    for c in "${!pid[@]}"; do kill -0 "${pid[$c]}" 2>/dev/null && running=1 && break; done
    [ "$running" = 1 ] || break
    sleep 0.2
done
for k in $(seq 1 13 "$centres"); do
    c=$(code_of "$k")
    if kill -9 "${pid[$c]}" 2>/dev/null; then
        killed+=("$c")
    fi
done
kill_at=$hw
failed=()
for c in "${!pid[@]}"; do
    if ! wait "${pid[$c]}" 2>/dev/null; then
        if [[ " ${killed[*]} " != *" $c "* ]]; then
            # a sender that failed on its own (the service would retry): started again below
            echo "    sender of $c failed: $(tail -n 1 "$work/log/$c.log")"
            failed+=("$c")
        fi
    fi
done
for c in "${killed[@]}" "${failed[@]}"; do sender "$c"; done
for c in "${killed[@]}" "${failed[@]}"; do
    wait "${pid[$c]}" || { echo "bench national: restarted sender of $c failed:" >&2;
        sed 's/^/  | /' "$work/log/$c.log" >&2; exit 1; }
done
push_s=$(t_sub "$a" "$(t_now)")
rounds=1
while :; do # a centre whose outbox is not all on the server yet gets another round
    behind=$(pg_admin_sql "SELECT centre FROM bua.device ORDER BY centre" | while read -r c; do
        hw=$(pg_admin_sql "SELECT seq FROM bua.device WHERE centre = '$c' AND device = 'd1'")
        [ "$hw" = "$(cat "$work/dev/$c.seq")" ] || echo "$c"
    done)
    [ -z "$behind" ] && break
    rounds=$((rounds + 1))
    [ "$rounds" -le 5 ] || { echo "bench national: still behind after 5 rounds: $behind" >&2; exit 1; }
    for c in $behind; do sender "$c"; done
    for c in $behind; do wait "${pid[$c]}"; done
done
rate=$(awk -v e="$total" -v s="$push_s" 'BEGIN { printf "%.0f", e / s }')
echo "  push: $total events from $centres concurrent senders in $push_s s: $rate events/s  (goal >= 10,000)"
echo "    ${#killed[@]} senders killed with SIGKILL at $kill_at events on the server and started again; ${#failed[@]} failed on their own and started again; rounds: $rounds"

# ---- 3. nothing lost, nothing doubled --------------------------------------------------------
pg_admin_sql "SELECT centre, count(*), max(seq),
                     md5(string_agg(seq || ' ' || tbl || ' ' || op || ' ' || gid, E'\n' ORDER BY seq) || E'\n')
              FROM bua.event GROUP BY centre ORDER BY centre" >"$work/server.fp"
if ! diff <(sort "$work/device.fp") "$work/server.fp" >"$work/fp.diff"; then
    echo "bench national: the server's events differ from the devices' outboxes (centre|count|max seq|fingerprint):" >&2
    head -n 20 "$work/fp.diff" >&2
    exit 1
fi
for k in $(seq 1 "$centres"); do
    c=$(code_of "$k")
    sed "s/^/$c /" "$work/dev/$c.fig"
done | sort >"$work/device.fig"
pg_admin_sql "SELECT centre, year, loans, items_lent, borrowers, new_borrowers FROM bua.sum_year
              WHERE year BETWEEN $first_year AND $last_year ORDER BY centre, year" |
    tr '|' ' ' | sort >"$work/server.fig"
if ! diff "$work/device.fig" "$work/server.fig" >"$work/fig.diff"; then
    echo "bench national: the server's yearly summaries differ from the devices' own figures (centre year loans items_lent borrowers new_borrowers):" >&2
    head -n 20 "$work/fig.diff" >&2
    exit 1
fi
echo "  0 lost, 0 doubled: every centre's event count, high-water and fingerprint equal its outbox; the summaries equal each device's figures"

# baseline: the same rows written plainly, one INSERT ... SELECT into a table without triggers
pg_admin_sql "CREATE TABLE public.bench_copy (LIKE bua.event INCLUDING DEFAULTS, PRIMARY KEY (centre, device, seq))"
a=$(t_now)
pg_admin_sql "INSERT INTO public.bench_copy SELECT * FROM bua.event"
copy_s=$(t_sub "$a" "$(t_now)")
pg_admin_sql "DROP TABLE public.bench_copy"
copy_rate=$(awk -v e="$total" -v s="$copy_s" 'BEGIN { printf "%.0f", e / s }')
echo "  baseline: the same log copied by one INSERT ... SELECT into a plain table: $copy_s s, $copy_rate rows/s; ratio push / plain $(awk -v a="$rate" -v b="$copy_rate" 'BEGIN { printf "%.2f", a / b }')"

# ---- 4. the national report, one centre, verify, rebuild, size ---------------------------------
pg_admin_sql "CHECKPOINT"
db_size=$(pg_admin_sql "SELECT pg_database_size('$PG_DB')")
echo "  server database: $(awk -v b="$db_size" 'BEGIN { printf "%.0f", b / 1048576 }') MB, $(awk -v b="$db_size" -v y="$years" -v c="$centres" 'BEGIN { printf "%.0f MB a year; %.2f GB a national year at 260 centres", b / y / 1048576, b / y * 260 / c / 1073741824 }')  (goal <= 2 GB)"
sizes() {
    pg_admin_sql "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'bua' AND c.relkind = 'r' ORDER BY 2 DESC" |
        awk -F'|' -v y="$years" '{ printf "    bua.%-16s %8.1f MB  (%.1f MB a year)\n", $1, $2 / 1048576, $2 / y / 1048576 }'
}
sizes
# the derived tables are updated in place (dead rows until vacuum): their size once compacted
derived_tables=$(pg_admin_sql "SELECT string_agg('bua.' || quote_ident(tablename), ', ') FROM pg_tables
                               WHERE schemaname = 'bua' AND tablename NOT IN ('event', 'device', 'centre')")
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PG_ADMIN" -c "VACUUM FULL ANALYZE $derived_tables" >/dev/null
db_size=$(pg_admin_sql "SELECT pg_database_size('$PG_DB')")
echo "  after VACUUM FULL of the derived tables: $(awk -v b="$db_size" 'BEGIN { printf "%.0f", b / 1048576 }') MB, $(awk -v b="$db_size" -v y="$years" -v c="$centres" 'BEGIN { printf "%.0f MB a year; %.2f GB a national year at 260 centres", b / y / 1048576, b / y * 260 / c / 1073741824 }')"
sizes

"$PG_BIN/psql" -X -q "$PG_ADMIN" -c "DO \$\$ BEGIN CREATE ROLE bench_nat LOGIN PASSWORD 'bench-nat' IN ROLE bua_national; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" >/dev/null
echo "*:*:*:bench_nat:bench-nat" >>"$work/pgpass"
nat_conn="$PG_TCP user=bench_nat passfile=$work/pgpass"
pg_admin_sql "ALTER ROLE bench_nat SET log_min_duration_statement = 0"
log_mark=$(wc -l <"$PG_DIR/server.log")
: >"$work/report.t"
: >"$work/centre.t"
: >"$work/select1.t"
for i in $(seq 1 10); do
    a=$(t_now)
    "$bua_admin" report --national --year "$last_year" --server "$nat_conn" >"$work/report.out"
    t_sub "$a" "$(t_now)" >>"$work/report.t"
done
pg_admin_sql "ALTER ROLE bench_nat RESET log_min_duration_statement"
# the server time of each report command: its statements' durations, summed per backend
tail -n +"$((log_mark + 1))" "$PG_DIR/server.log" |
    sed -nE 's/.*\[([0-9]+)\].*duration: ([0-9.]+) ms.*/\1 \2/p' |
    awk '{ s[$1] += $2; if ($2 > m[$1]) m[$1] = $2 } END { for (p in s) print s[p], m[p] }' >"$work/report.server"
for i in $(seq 1 10); do
    a=$(t_now)
    psql_q "$nat_conn" -c "SELECT 1" >/dev/null
    t_sub "$a" "$(t_now)" >>"$work/select1.t"
done
one=$(code_of $(((centres + 3) / 4)))
for i in $(seq 1 10); do
    a=$(t_now)
    "$bua_admin" report --national --year "$last_year" --centre "$one" --server "$nat_conn" >"$work/centre.out"
    t_sub "$a" "$(t_now)" >>"$work/centre.t"
done
rep=$(median <"$work/report.t")
cen=$(median <"$work/centre.t")
sel=$(median <"$work/select1.t")
echo "  national report, $last_year, $(grep -c . "$work/report.out") lines: median of 10 $(awk -v s="$rep" 'BEGIN { printf "%.1f", s * 1000 }') ms wall (bua-admin start, connect, statement, print)"
if [ -s "$work/report.server" ]; then
    srv=$(cut -d' ' -f1 "$work/report.server" | median)
    big=$(cut -d' ' -f2 "$work/report.server" | median)
    echo "    server time of its statements (server log, summed per session, median of $(grep -c . "$work/report.server")): $srv ms; its longest statement $big ms  (goal <= 10 ms)"
else
    echo "    server time of its statements: NOT MEASURED (no duration lines in the server log)"
fi
echo "    baseline: psql -c 'SELECT 1' as the same role: $(awk -v s="$sel" 'BEGIN { printf "%.1f", s * 1000 }') ms wall; ratio $(awk -v a="$rep" -v b="$sel" 'BEGIN { printf "%.1f", a / b }')x"
echo "  one centre's block and place ($one): median of 10 $(awk -v s="$cen" 'BEGIN { printf "%.1f", s * 1000 }') ms wall"

verify_median() { # three runs of --verify of the last year; the median of their wall times
    : >"$work/verify.t"
    for _ in 1 2 3; do
        a=$(t_now)
        "$bua_admin" report --national --verify --year "$last_year" --server "$PG_ADMIN" >"$work/verify.out"
        t_sub "$a" "$(t_now)" >>"$work/verify.t"
    done
    median <"$work/verify.t"
}
ver0=$(verify_median)
echo "  --verify of $last_year on the state as just pushed (not yet vacuumed: index-only scans visit the heap): median of 3 $ver0 s"
# a server's autovacuum marks the pages of a year's settled rows all-visible long before the year
# is checked; the push above wrote the whole year in minutes, so do what autovacuum would
pg_admin_sql "VACUUM (ANALYZE) bua.st_item, bua.st_borrower, bua.st_loan, bua.st_line, bua.sum_year, bua.sum_borrower" >/dev/null
ver=$(verify_median)
echo "  --verify of $last_year (plain recount against the summaries), the state vacuumed as autovacuum keeps it: median of 3 $ver s  (goal <= 1 s); ratio to the report $(awk -v a="$ver" -v b="$rep" 'BEGIN { printf "%.0f", a / b }')x"

derived() { # an order-free fingerprint of every derived table
    pg_admin_sql "SELECT tablename FROM pg_tables WHERE schemaname = 'bua'
                  AND tablename NOT IN ('event', 'device', 'centre') ORDER BY 1" | while read -r t; do
        echo "$t $(pg_admin_sql "SELECT count(*) || ' ' || coalesce(sum(hashtextextended(x::text, 0)::numeric), 0) FROM bua.\"$t\" x")"
    done
}
derived >"$work/derived.before"
a=$(t_now)
"$bua_sync" rebuild --server "$PG_ADMIN" >"$work/rebuild.out"
reb=$(t_sub "$a" "$(t_now)")
derived >"$work/derived.after"
if ! diff "$work/derived.before" "$work/derived.after" >&2; then
    echo "bench national: bua-sync rebuild changed the derived tables (table rows hash)" >&2
    exit 1
fi
echo "  bua-sync rebuild of $years years from the log: $reb s  (goal <= 10 min); the $(wc -l <"$work/derived.after") derived tables come out identical"
echo "    per event: $(awk -v s="$reb" -v e="$total" 'BEGIN { printf "%.1f", s / e * 1e6 }') us; against the push's $(awk -v s="$push_s" -v e="$total" 'BEGIN { printf "%.1f", s / e * 1e6 }') us"
echo "  load at end:$(uptime | sed 's/.*load average//')"
