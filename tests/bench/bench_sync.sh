#!/usr/bin/env bash
# scripts/bench sync: bench_sync (batches of 100 events, a loan seen on a sibling device, a
# pop-up's summer merged by one sync) against a throwaway PostgreSQL cluster (tests/e2e/pg_lib.sh),
# then the kiosk's checkout with a sync identity against bare SQLite and without one
# (bench_inventory --only checkout runs both), 7 runs, median of the ratios
# (BUA_BENCH_CHECKOUT_RUNS=N for another number).
# Usage: bench_sync.sh BUILD_DIR [bench_sync options]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench_sync.sh BUILD_DIR [--batches N] [--loans N] [--only push|sibling|popup]" >&2; exit 2; }
build=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
echo "  machine: $(nproc) cores; load at start:$(uptime | sed 's/.*load average//')"

# shellcheck source=../e2e/pg_lib.sh
. "$root/tests/e2e/pg_lib.sh"
# A server that has run a while writes its WAL into files it recycled at earlier checkpoints; a
# new cluster has none and makes (and zero-fills) a 16 MB file every ~60 batches, a stall of tens
# of ms that only a new cluster has. So the cluster first writes and checkpoints ~300 MB of WAL
# (a throwaway table) and keeps those files (min_wal_size) for the runs below.
export BUA_PG_CONF="${BUA_PG_CONF:+$BUA_PG_CONF
}min_wal_size = 512MB"
pg_start
echo "  warming the cluster's WAL files (as a server that has run a while has them) ..."
"$PG_BIN/psql" -XAtq -v ON_ERROR_STOP=1 "$PG_ADMIN" \
    -c "CREATE TABLE public.bench_warm AS SELECT g, md5(g::text) AS m FROM generate_series(1, 3000000) g" \
    -c "DROP TABLE public.bench_warm" -c "CHECKPOINT" -c "CHECKPOINT"
BENCH_PG_ADMIN=$PG_ADMIN BENCH_PG_TCP=$PG_TCP "$build/tests/bench/bench_sync" "$@"
pg_stop

echo "checkout with a sync identity against bare SQLite, and without one (bench_inventory --only"
echo "checkout runs both in one process, same disk)"
runs=${BUA_BENCH_CHECKOUT_RUNS:-7}
ratio_of() { # the mean ratios to bare SQLite (loan + lines + status) that bench_inventory prints
    awk '/bare: loan \+ lines \+ status/ { for (i = 1; i <= NF; i++) if ($i == "ratio") { sub(/x$/, "", $(i + 1)); print $(i + 1) } }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: >"${TMPDIR:-/tmp}/bench_sync.$$.with"
: >"${TMPDIR:-/tmp}/bench_sync.$$.without"
for i in $(seq 1 "$runs"); do
    r=$("$build/tests/bench/bench_inventory" --only checkout | ratio_of | tr '\n' ' ')
    read -r wo w _ <<<"$r"
    [ -n "${w:-}" ] && [ -n "${wo:-}" ] || { echo "bench_sync.sh: no ratios in bench_inventory's output" >&2; exit 1; }
    echo "$w" >>"${TMPDIR:-/tmp}/bench_sync.$$.with"
    echo "$wo" >>"${TMPDIR:-/tmp}/bench_sync.$$.without"
    echo "  run $i: with an identity ${w}x, without ${wo}x"
done
w=$(median <"${TMPDIR:-/tmp}/bench_sync.$$.with")
wo=$(median <"${TMPDIR:-/tmp}/bench_sync.$$.without")
rm -f "${TMPDIR:-/tmp}/bench_sync.$$.with" "${TMPDIR:-/tmp}/bench_sync.$$.without"
echo "  median of $runs runs (mean checkout / bare SQLite): with an identity ${w}x  (goal <= 1.2x); without ${wo}x"
echo "  load at end:$(uptime | sed 's/.*load average//')"
