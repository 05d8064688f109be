#!/usr/bin/env bash
# e2e (label sync): the national report through the real path. Three centres with two devices
# each: the first device of each holds two years of history (imported before it joined the
# sync, sent once by `bua-admin init --centre --device`), the second starts empty; both lend and
# return, the same card is registered on both devices while apart, a borrower is erased, and
# `bua-sync run --once` carries it all. Then each centre's figures as its own devices report them
# (`bua-admin report`, the same on both devices) equal the centre's figures in
# `bua-admin report --national`, last year's in brackets; the national totals are their sums;
# the ranking is in the local report's order; --verify passes and names a summary altered by
# hand; `bua-sync rebuild` gives identical derived tables; sending everything again changes
# nothing; the erased borrower's earlier sealed columns are gone from the server; the national
# role reads the figures and nothing personal, a device role no other centre.
#   usage: national_report.sh BUA_ADMIN BUA_SYNC
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/sync_lib.sh"
sync_setup "$@"
NOW=2025-12-01T10:00
PY=/usr/bin/python3

refused_nat() { # refused_nat ARGS...: bua-admin must exit 1 with a message
    set +e
    "$ADMIN" "$@" >"$tmp/nat.out" 2>"$tmp/nat.err"
    local rc=$?
    set -e
    [ "$rc" -eq 1 ] && [ -s "$tmp/nat.err" ] || fail "bua-admin $*: exit $rc, $(cat "$tmp/nat.err")"
}
nat() { # nat ARGS...: bua-admin report --national, must succeed; output in $tmp/nat.out
    "$ADMIN" --now "$NOW" report --national "$@" >"$tmp/nat.out" 2>"$tmp/nat.err" ||
        fail "bua-admin report --national $*: $(cat "$tmp/nat.err")"
}

# ---- three centres, two devices each ----------------------------------------------------------
# centre:seed:loans:first device:second device
centres="hamar:3:420:h1:h2 oslo:4:200:o1:o2 bergen:5:260:b1:b2"
for spec in $centres; do
    IFS=: read -r c seed n d1 d2 <<<"$spec"
    mkdir -p "$tmp/$c"
    $PY "$here/national_centre.py" "$seed" "$n" "$tmp/$c"
    # the history: imported while the database was a centre's only one, before it synced
    adm "$d1" --now "$NOW" init
    for kind in items borrowers loans; do
        adm "$d1" --now "$NOW" import "$kind" "$tmp/$c/$kind.csv"
    done
    sync_device "$c" "$d1"
    grep -q "rows of its history to send" "$tmp/out" || fail "init of $d1 sent no history"
    sync_device "$c" "$d2"
    pg_admin_sql "UPDATE bua.centre SET name = 'BUA ' || initcap(code) WHERE code = '$c'"
    # the same card registered on both devices while apart: one person
    adm "$d2" --now 2025-03-03T10:00 borrower add "99$seed" --name "To Steder" --birth-year 1990
    adm "$d1" --now 2025-03-04T11:00 borrower add "99$seed" --name "To Steder"
    once "$d1"
    once "$d2"
    once "$d1"
    # lending on both after the history's last return; a return made on the other device
    item_a=$(sql_of "$d2" "SELECT barcode FROM item ORDER BY barcode LIMIT 1")
    item_b=$(sql_of "$d2" "SELECT barcode FROM item ORDER BY barcode LIMIT 1 OFFSET 1")
    item_c=$(sql_of "$d2" "SELECT barcode FROM item ORDER BY barcode LIMIT 1 OFFSET 2")
    card_h=$(sql_of "$d2" "SELECT card FROM borrower WHERE card <> '99$seed' ORDER BY card LIMIT 1")
    adm "$d2" --now 2025-11-30T14:00 checkout --card "99$seed" "$item_a" "$item_b"
    adm "$d2" --now 2025-11-30T14:10 checkout --card "$card_h" "$item_c"
    once "$d2"
    once "$d1"
    adm "$d1" --now 2025-11-30T15:00 return "$item_a"
    adm "$d1" --now 2025-11-30T15:30 checkout --card "99$seed" "$item_a"
    # a borrower of the history erased on the first device
    card_e=$(sql_of "$d1" "SELECT b.card FROM borrower b WHERE b.card LIKE '$seed%' AND NOT
        EXISTS (SELECT 1 FROM loan l JOIN loan_line ll ON ll.loan_id = l.id WHERE
        l.borrower_id = b.id AND ll.returned_at IS NULL) AND EXISTS (SELECT 1 FROM loan l WHERE
        l.borrower_id = b.id) ORDER BY b.card LIMIT 1")
    adm "$d1" --now "$NOW" borrower erase "$card_e"
    once "$d1"
    once "$d2"
    once "$d1"
done

# ---- each centre's own figures, as both of its devices report them ---------------------------
for spec in $centres; do
    IFS=: read -r c seed n d1 d2 <<<"$spec"
    adm "$d1" --now "$NOW" report --year 2025 --format json
    cp "$tmp/adm.out" "$tmp/$c.json"
    adm "$d2" --now "$NOW" report --year 2025 --format json
    cp "$tmp/adm.out" "$tmp/$c.2.json"
done
nat --year 2025 --server "$PG_ADMIN" --format json
cp "$tmp/nat.out" "$tmp/national.json"
$PY - "$tmp" $centres <<'PYEOF' || fail "the national figures differ from the centres' own"
import json, sys
tmp, specs = sys.argv[1], sys.argv[2:]
keys = ["items_lent", "loans", "borrowers", "new_borrowers"]
nat = json.load(open(tmp + "/national.json"))
ranking = {c["code"]: c for c in nat["ranking"]}
own = {}
bad = []
for spec in specs:
    c = spec.split(":")[0]
    a, b = json.load(open(tmp + "/%s.json" % c)), json.load(open(tmp + "/%s.2.json" % c))
    for k in keys:
        if a[k] != b[k] or a["last_year"][k] != b["last_year"][k]:
            bad.append("%s: the devices disagree on %s: %s/%s, last year %s/%s"
                       % (c, k, a[k], b[k], a["last_year"][k], b["last_year"][k]))
        got = ranking[c][k]
        if got != a[k]:
            bad.append("%s 2025 %s: national %s, centre %s" % (c, k, got, a[k]))
        got = (ranking[c]["last_year"] or {}).get(k)
        if got != a["last_year"][k]:
            bad.append("%s 2024 %s: national %s, centre %s" % (c, k, got, a["last_year"][k]))
    own[c] = a
for k in keys:
    total = sum(own[c][k] for c in own)
    if nat["national"][k] != total:
        bad.append("national %s: %s, the centres' sum %s" % (k, nat["national"][k], total))
    total = sum(own[c]["last_year"][k] for c in own)
    if nat["national"]["last_year"][k] != total:
        bad.append("national 2024 %s: %s, the centres' sum %s"
                   % (k, nat["national"]["last_year"][k], total))
order = sorted(own, key=lambda c: (-own[c]["loans"], -own[c]["items_lent"],
                                   -own[c]["borrowers"], -own[c]["new_borrowers"], c))
got = [c["code"] for c in nat["ranking"]]
if got != order:
    bad.append("ranking %s, want %s" % (got, order))
if [c["place"] for c in nat["ranking"]] != [1, 2, 3] or nat["centres"] != 3:
    bad.append("places %s of %s" % ([c["place"] for c in nat["ranking"]], nat["centres"]))
if min(own[c]["loans"] for c in own) < 50 or own["hamar"]["last_year"]["loans"] < 50:
    bad.append("too few loans to mean anything: %s" % {c: own[c]["loans"] for c in own})
for line in bad:
    print("FAIL: " + line, file=sys.stderr)
# the text's lines, as the checks below expect them
def group(n):
    return "{:,}".format(n).replace(",", " ")
first = nat["ranking"][0]
with open(tmp + "/expect.txt", "w") as f:
    f.write("1. plass av 3: %s (%s):\n" % (first["name"], first["code"]))
    f.write("  Antall utlån: %s (%s)\n" % (group(first["loans"]), group(first["last_year"]["loans"])))
    f.write("  Antall utlånt utstyr: %s (%s)\n"
            % (group(nat["national"]["items_lent"]), group(nat["national"]["last_year"]["items_lent"])))
    oslo = ranking["oslo"]
    f.write("%d. plass av 3: BUA Oslo (oslo):\n" % oslo["place"])
sys.exit(1 if bad else 0)
PYEOF

# the text: places, grouped digits, last year in brackets; --centre: that block and its place
nat --year 2025 --server "$PG_ADMIN"
while IFS= read -r line; do
    grep -qxF -- "$line" "$tmp/nat.out" || fail "the national text lacks '$line': $(cat "$tmp/nat.out")"
done <"$tmp/expect.txt"
grep -qx "I parentes: 2024" "$tmp/nat.out" || fail "no 'I parentes: 2024' line"
nat --year 2025 --server "$PG_ADMIN" --centre oslo
grep -qxF -- "$(sed -n 4p "$tmp/expect.txt")" "$tmp/nat.out" || fail "--centre oslo: $(cat "$tmp/nat.out")"
check_eq "blocks with --centre oslo" "$(grep -c 'plass av 3' "$tmp/nat.out")" 1
nat --year 2025 --server "$PG_ADMIN" --format csv
grep -qx "centre,oslo,place,[123],[123]" "$tmp/nat.out" || fail "csv: no place row for oslo"
nat --year 2025 --server "$PG_ADMIN" --format pdf --out "$tmp/national.pdf" --lang en
pdftotext -layout "$tmp/national.pdf" - | grep -q "Place 1 of 3" || fail "the PDF has no ranking"

# ---- the slow path agrees; rebuild; everything sent again -------------------------------------
for y in 2024 2025; do
    nat --verify --year "$y" --server "$PG_ADMIN"
done
before=$(pg_state_fp)
"$SYNC" rebuild --server "$PG_ADMIN" >"$tmp/out" 2>"$tmp/err" || fail "bua-sync rebuild: $(cat "$tmp/err")"
check_eq "derived tables after bua-sync rebuild" "$(pg_state_fp)" "$before"
log=$(server_fp)
for spec in $centres; do
    IFS=: read -r c seed n d1 d2 <<<"$spec"
    sql_of "$d1" "UPDATE sync_state SET pushed = 0" # as if no batch had been acknowledged
    once "$d1"
    once "$d2"
done
check_eq "the server's log after sending everything again" "$(server_fp)" "$log"
check_eq "derived tables after sending everything again" "$(pg_state_fp)" "$before"

# a summary altered by hand: --verify names centre, year and figure
pg_admin_sql "UPDATE bua.sum_year SET new_borrowers = new_borrowers - 1 WHERE centre = 'bergen'
    AND year = 2024"
refused_nat --now "$NOW" report --national --verify --year 2024 --server "$PG_ADMIN"
grep -q "centre bergen, 2024, new_borrowers: " "$tmp/nat.err" || fail "verify: $(cat "$tmp/nat.err")"
"$SYNC" rebuild --server "$PG_ADMIN" >"$tmp/out" 2>"$tmp/err" || fail "bua-sync rebuild: $(cat "$tmp/err")"
nat --verify --year 2024 --server "$PG_ADMIN"

# ---- privacy -----------------------------------------------------------------------------------
erased=$(pg_admin_sql "SELECT count(*) FROM bua.st_borrower WHERE erased_at IS NOT NULL")
check_eq "erased borrowers on the server" "$erased" 3
left=$(pg_admin_sql "SELECT count(*) FROM bua.event e JOIN bua.st_borrower b ON b.centre =
    e.centre AND b.gid = e.gid WHERE e.tbl = 'borrower' AND b.erased_at IS NOT NULL AND
    e.row->>'erased_at' IS NULL AND e.sealed IS NOT NULL")
check_eq "sealed images of erased borrowers left on the server" "$left" 0
for col in name card phone email; do
    n=$(pg_admin_sql "SELECT count(*) FROM bua.event WHERE row ? '$col' AND tbl = 'borrower'")
    check_eq "borrower events with $col in clear" "$n" 0
done
pg_admin_sql "CREATE ROLE nasjonal LOGIN PASSWORD 'nasjonal-pw' IN ROLE bua_national"
NAT="$PG_TCP user=nasjonal password=nasjonal-pw"
nat --year 2025 --server "$NAT" --format json
cmp -s "$tmp/nat.out" "$tmp/national.json" || fail "the national role's report differs from the admin's"
for t in event st_borrower st_loan st_line sum_borrower device; do
    set +e
    "$PG_BIN/psql" -X -A -t -q "$NAT" -c "SELECT 1 FROM bua.$t LIMIT 1" >"$tmp/p.out" 2>&1
    prc=$?
    set -e
    [ $prc -ne 0 ] && grep -q "permission denied" "$tmp/p.out" ||
        fail "the national role may read bua.$t: $(cat "$tmp/p.out")"
done
refused_nat --now "$NOW" report --national --verify --year 2025 --server "$NAT"
grep -q "permission denied" "$tmp/nat.err" || fail "verify as the national role: $(cat "$tmp/nat.err")"
# a device role: its own centre's events only, no figures of any centre
H1="$(conn_of h1) password=$(cat "$tmp/h1.pw")"
check_eq "other centres' events a hamar device sees" \
    "$("$PG_BIN/psql" -X -A -t -q "$H1" -c "SELECT count(*) FROM bua.event WHERE centre <> 'hamar'")" 0
[ "$("$PG_BIN/psql" -X -A -t -q "$H1" -c "SELECT count(*) FROM bua.event")" -gt 100 ] ||
    fail "a hamar device sees not even its own centre's events"
refused_nat --now "$NOW" report --national --year 2025 --server "$H1"
grep -q "permission denied" "$tmp/nat.err" || fail "a device role read the national figures"
echo "national_report: ok ($(pg_admin_sql "SELECT count(*) FROM bua.event") events)"
