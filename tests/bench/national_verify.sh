#!/usr/bin/env bash
# Benchmark (not a test): `bua-admin report --national --verify` and bua.count_summaries() on
# one national year of server state (260 centres, ~630,000 loans, ~2.9 M lines, ~300,000
# borrowers), filled straight into bua.st_* with generate_series (the measurement only: the real
# sync path is `scripts/bench national`'s). Prints medians beside a baseline measured in the same
# run: a plain count(*) of the year's lines.
#   scripts/bench national-verify [--runs N]     (N runs of each, median; default 5)
# BENCH_ADMIN_BIN / BENCH_STATE_SQL replace the bua-admin binary / server_state.sql (to measure
# an older version in the same way).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
runs=5
[ "${1:-}" = "--runs" ] && runs=${2:?--runs takes a number}
admin=${BENCH_ADMIN_BIN:-$src/build/bench/inventory/admin/bua-admin}
state_sql=${BENCH_STATE_SQL:-$src/inventory/sync/server_state.sql}
[ -x "$admin" ] || { echo "national-verify: no bua-admin at $admin (build first)" >&2; exit 2; }
# shellcheck source=../e2e/pg_lib.sh
. "$src/tests/e2e/pg_lib.sh"
pg_start "$(mktemp -d "${BUA_BENCH_DIR:-/var/tmp}/bua-natverify.XXXXXX")"
trap 'pg_stop; rm -rf "$PG_DIR"' EXIT
psql_q() { PGOPTIONS="-c client_min_messages=warning" psql -XAtq -v ON_ERROR_STOP=1 "$PG_ADMIN" "$@"; }
psql_q -f "$src/inventory/sync/server_log.sql" >/dev/null
psql_q -f "$state_sql" >/dev/null

echo "generating one national year into bua.st_* ..."
t0=$(date +%s.%N)
# whether the schema keeps the loans' checkout time on their lines (st_line.loan_at)
copy=$(psql_q -c "SELECT count(*) = 1 FROM pg_attribute WHERE attrelid = 'bua.st_line'::regclass
    AND attname = 'loan_at' AND NOT attisdropped")
psql_q -v copy="$copy" <<'SQL'
INSERT INTO bua.centre (code, name)
SELECT 'c' || lpad(i::text, 3, '0'), 'Senter ' || i FROM generate_series(0, 259) i;
-- borrower b of centre b % 260, registered over the 4 years up to the measured one (2025)
INSERT INTO bua.st_borrower (centre, gid, bk, same_as, person, birth_year, registered_at,
        reg_year, v_at, v_dev, v_seq)
SELECT 'c' || lpad((b % 260)::text, 3, '0'), 'k' || (b % 2) || ':' || b, md5(b::text),
       'k' || (b % 2) || ':' || b, md5(b::text), 1950 + b % 60, r,
       bua.local_year(r, 'Europe/Oslo'), r, 'k0', b
  FROM (SELECT b, 1640995200 + (hashint4(b)::bigint & 127000000) AS r
          FROM generate_series(0, 299999) b) x;
-- loan j of centre j % 260, a borrower of that centre, checked out in 2025 (UTC; a few are
-- 2026 in Oslo)
INSERT INTO bua.st_loan (centre, gid, borrower, at, year, v_at, v_dev, v_seq)
SELECT 'c' || lpad(c::text, 3, '0'), 'k' || (j % 2) || ':' || (1000000 + j),
       'k' || (bb % 2) || ':' || bb, t, bua.local_year(t, 'Europe/Oslo'), t, 'k0', j
  FROM (SELECT j, j % 260 AS c,
               ((hashint4(j)::bigint & 2147483647) % 1153) * 260 + j % 260 AS bb,
               1735689600 + (hashint4(j + 7)::bigint & 2147483647) % 31536000 AS t
          FROM generate_series(0, 629999) j) x
 WHERE bb < 300000;
-- 1..8 lines a loan (4.6 on average): nine in ten returned within three weeks, some lost
CREATE TEMP TABLE g AS
SELECT l.centre, l.gid AS loan, s::integer AS seq,
       'k0:' || (hashint4((l.v_seq * 8 + s)::integer)::bigint & 65535) AS item,
       l.at + 1209600 AS due_at,
       CASE WHEN h % 10 <> 0 THEN l.at + h % 1814400 END AS returned_at,
       CASE WHEN h % 97 = 0 THEN l.at + 2000000 END AS lost_at, l.at AS v_at, 'k0' AS v_dev,
       l.v_seq * 8 + s AS v_seq
  FROM bua.st_loan l
 CROSS JOIN LATERAL generate_series(1, 1 + (hashint4(l.v_seq::integer)::bigint & 2147483647) % 8)
       AS s
 CROSS JOIN LATERAL (SELECT hashint4((l.v_seq * 8 + s)::integer)::bigint & 2147483647 AS h) hh;
\if :copy
-- (each line's v_at is its loan's time; the key checked once at the end, as bua.rebuild() does)
ALTER TABLE bua.st_line DROP CONSTRAINT st_line_loan_at;
INSERT INTO bua.st_line (centre, loan, seq, item, due_at, returned_at, lost_at, v_at, v_dev,
        v_seq, loan_at)
SELECT *, g.v_at FROM g;
ALTER TABLE bua.st_line ADD CONSTRAINT st_line_loan_at FOREIGN KEY (centre, loan, loan_at)
    REFERENCES bua.st_loan (centre, gid, at) ON UPDATE CASCADE;
\else
INSERT INTO bua.st_line (centre, loan, seq, item, due_at, returned_at, lost_at, v_at, v_dev,
        v_seq)
SELECT * FROM g;
\endif
SQL
psql_q -c "SELECT bua.count_summaries()" >/dev/null
psql_q -c "VACUUM ANALYZE" >/dev/null
t1=$(date +%s.%N)
psql_q -c "SELECT 'state: ' || (SELECT count(*) FROM bua.st_loan) || ' loans, '
    || (SELECT count(*) FROM bua.st_line) || ' lines, '
    || (SELECT count(*) FROM bua.st_borrower) || ' borrowers, '
    || (SELECT pg_size_pretty(pg_database_size(current_database()))) || ' ('
    || round(($t1 - $t0)::numeric, 1) || ' s to make)'"

# once first (warm caches; and the generated state must verify, else the times mean nothing)
"$admin" report --national --verify --year 2025 --server "$PG_ADMIN" >/dev/null ||
    { echo "national-verify: the generated state does not verify" >&2; exit 1; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
secs() { # runs "$@", prints its wall time in seconds
    local a b
    a=$(date +%s.%N)
    "$@" >/dev/null
    b=$(date +%s.%N)
    echo "$b - $a" | bc -l
}
base=$(for _ in $(seq "$runs"); do
    secs psql_q -c "SELECT count(*) FROM bua.st_line"
done | median)
ver=$(for _ in $(seq "$runs"); do
    secs "$admin" report --national --verify --year 2025 --server "$PG_ADMIN"
done | median)
one=$(for _ in $(seq "$runs"); do
    secs "$admin" report --national --verify --year 2025 --centre c042 --server "$PG_ADMIN"
done | median)
cnt=$(for _ in $(seq "$runs"); do
    secs psql_q -c "SET jit = off; SELECT bua.count_summaries()"
done | median)
printf 'median of %d runs (seconds, and times the baseline)\n' "$runs"
printf '  baseline: count(*) of the year'"'"'s %s lines   %8.3f\n' \
    "$(psql_q -c 'SELECT count(*) FROM bua.st_line')" "$base"
for row in "report --national --verify (260 centres):$ver" \
    "report --national --verify --centre c042:$one" "bua.count_summaries() (all years):$cnt"; do
    printf '  %-44s %8.3f  %6.1fx\n' "${row%%:*}" "${row##*:}" "$(echo "${row##*:} / $base" | bc -l)"
done
