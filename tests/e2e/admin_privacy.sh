#!/usr/bin/env bash
# e2e: personal data with bua-admin on a demo centre and a family of our own: borrower export
# (text and JSON: registration, consent, children, loans, renewals, reservations, changes,
# replaced cards, access log), borrower erase (refused while items are on loan, the person's or a
# child's; then name, phone, e-mail and cards in no byte of the database or its WAL, integrity ok,
# every year's report byte-identical), erase twice, an erase while another program reads (the
# WAL is cleared by the next sweep), privacy rules, privacy sweep --dry-run then for real (reports
# identical, check ok, loan history detached with distinct borrowers exact).
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

NAME="Vilde Privatsen"
PHONE=40404077
MAIL=vilde.privatsen@example.no
CHILD="Lille Privatsen"

at 2026-03-01T10:00 init
ok "${A[@]}"
at 2026-03-01T10:00 demo --seed 5
ok "${A[@]}"
run_in 2468 --db "$db" staff add S-9 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"

# ---- a family with history -----------------------------------------------------------------
at 2026-03-02T10:00 borrower add PRIV-1 --name "$NAME" --phone $PHONE --email $MAIL \
    --birth-year 1985 --consent
ok "${A[@]}"
at 2026-03-02T10:00 borrower add PRIV-2 --name "$CHILD" --birth-year 2016 --responsible PRIV-1
ok "${A[@]}"
at 2026-03-02T10:05 item add PRIV-ITEM-1 --name "Truger" --category Vinter
ok "${A[@]}"
at 2026-03-02T10:05 item add PRIV-ITEM-2 --name "Akebrett" --category Vinter
ok "${A[@]}"
at 2026-03-02T10:10 checkout --card PRIV-1 PRIV-ITEM-1
ok "${A[@]}"
at 2026-03-03T10:10 renew PRIV-ITEM-1
ok "${A[@]}"
at 2026-03-02T10:11 checkout --card PRIV-2 PRIV-ITEM-2
ok "${A[@]}"
at 2026-03-02T10:12 reserve --card PRIV-1 PRIV-ITEM-2 --from 2026-04-01 --to 2026-04-03
ok "${A[@]}"
at 2026-03-02T10:20 borrower set PRIV-1 --phone $PHONE --birth-year 1984
ok "${A[@]}"
at 2026-03-02T10:30 borrower card PRIV-1 PRIV-1B
ok "${A[@]}"
at 2026-03-02T10:40 borrower show PRIV-1B
ok "${A[@]}"
out_has "$NAME"

# ---- export ----------------------------------------------------------------------------------
at 2026-03-02T11:00 borrower export PRIV-1B --staff S-9
ok "${A[@]}"
for s in person responsible_adult children consents_given loans renewals reservations changes \
    cards_replaced access_log; do
    out_has "[$s]"
done
out_has "$NAME"
out_has "$PHONE"
out_has "$MAIL"
out_has "birth_year       1984"
out_has "$CHILD"
out_has "barcode: PRIV-ITEM-1, item: Truger"
out_has "old_due_at:"
out_has "barcode: PRIV-ITEM-2"
out_has "fields: birth_year"
out_has "card: PRIV-1, new_card: PRIV-1B"
out_has "what: bua-admin show"
out_has "staff: Lise Leder, what: bua-admin export"
at 2026-03-02T11:00 borrower export PRIV-1B --format json
ok "${A[@]}"
python3 - "$out" "$NAME" "$PHONE" <<'EOF' || fail "export JSON"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["person"]
assert p["name"] == sys.argv[2] and p["phone"] == sys.argv[3], p
assert p["card"] == "PRIV-1B" and p["consent"] == 1 and p["registered_at"].startswith("2026-03-02")
for k in ("consent_version", "consent_at", "consent_by", "contact_consent", "municipality"):
    assert k in p, k
assert [c["name"] for c in d["children"]] == ["Lille Privatsen"]
assert [l["barcode"] for l in d["loans"]] == ["PRIV-ITEM-1"] and d["loans"][0]["renewals"] == 1
assert len(d["renewals"]) == 1 and len(d["reservations"]) == 1
assert d["cards_replaced"][0]["card"] == "PRIV-1"
assert [a["what"] for a in d["access_log"]] == ["bua-admin show", "bua-admin export",
                                                  "bua-admin export"], d["access_log"]
EOF
at 2026-03-02T11:00 borrower export PRIV-2 --format json
ok "${A[@]}"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["responsible_adult"][0]["card"]=="PRIV-1B"; assert d["loans"][0]["barcode"]=="PRIV-ITEM-2"' "$out" ||
    fail "child export"
at 2026-03-02T11:00 borrower export NOPE-9
refused "${A[@]}"
err_has "bua-admin: cannot export borrower: unknown card NOPE-9"
at 2026-03-02T11:00 borrower export PRIV-1
refused "${A[@]}"
err_has "replaced"
at 2026-03-02T11:00 borrower export PRIV-1B --format xml
usage "${A[@]}"
at 2026-03-02T11:00 borrower export
usage "${A[@]}"

# ---- erase refused while items are on loan ---------------------------------------------------
at 2026-03-04T10:00 borrower erase PRIV-1B
refused "${A[@]}"
err_has "bua-admin: cannot erase borrower PRIV-1B: 2 items are on loan, return them first:"
err_has "PRIV-ITEM-1 (card PRIV-1B)"
err_has "PRIV-ITEM-2 (card PRIV-2)"
at 2026-03-04T10:00 return PRIV-ITEM-1
ok "${A[@]}"
at 2026-03-04T10:00 borrower erase PRIV-1B
refused "${A[@]}"
err_has "1 item is on loan, return it first: PRIV-ITEM-2 (card PRIV-2)"
same "$(sql "select name from borrower where card = 'PRIV-1B'")" "$NAME" "nothing erased"
at 2026-03-04T10:00 return PRIV-ITEM-2
ok "${A[@]}"
at 2026-03-04T10:00 borrower erase NOPE-9
refused "${A[@]}"
err_has "unknown card NOPE-9"

# ---- erase: gone from every byte, figures identical -----------------------------------------
years=$(sql "select distinct period from summary where period < 10000 order by 1")
[ -n "$years" ] || fail "no years with data"
for y in $years; do
    at 2026-03-05T10:00 report --year "$y" --format json
    ok "${A[@]}"
    cp "$out" "$tmp/before-$y.json"
done
found() { cat "$db" "$db-wal" 2>/dev/null | grep -c -a -F -- "$1" || true; }
[ "$(found "$NAME")" -gt 0 ] || fail "the name is in the file before the erase"
[ "$(found "$PHONE")" -gt 0 ] || fail "the phone is in the file before the erase"
key=$(sql "select id from borrower where card = 'PRIV-1B'")
at 2026-03-05T10:00 borrower erase PRIV-1B --staff S-9
ok "${A[@]}"
out_has "erased borrower PRIV-1B and 1 child registered by them; loans and figures keep the anonymous key $key"
for s in "$NAME" "$CHILD" "$PHONE" "$MAIL" PRIV-1B; do
    [ "$(found "$s")" -eq 0 ] || fail "'$s' is still in a byte of the database or its WAL"
done
[ ! -s "$db-wal" ] || fail "the WAL is not truncated"
same "$(sql "pragma integrity_check")" ok "integrity"
ok --db "$db" check
for y in $years; do
    at 2026-03-05T10:00 report --year "$y" --format json
    ok "${A[@]}"
    cmp -s "$out" "$tmp/before-$y.json" || fail "the report of $y changed with the erase"
done
same "$(sql "select count(*) from loan where borrower_id = $key")" 1 "the loan keeps its key"
same "$(sql "select count(*) from card_replaced where borrower_id = $key")" 0 "replaced cards gone"
same "$(sql "select count(*) from access_log where borrower_id = $key")" 0 "access log gone"
same "$(sql "select count(*) from person_change where borrower_id = $key and fields = 'erased'")" \
    1 "the erasure recorded"
same "$(sql "select count(*) from reservation where borrower_id = $key and cancelled_at is not null")" \
    1 "the open reservation cancelled"
at 2026-03-05T10:00 borrower erase PRIV-1B
refused "${A[@]}"
err_has "bua-admin: cannot erase borrower PRIV-1B: unknown card PRIV-1B (never registered, or erased already)"
at 2026-03-05T10:00 borrower erase PRIV-2
refused "${A[@]}"
err_has "erased already"
at 2026-03-05T10:00 borrower list Privatsen
ok "${A[@]}"
out_lacks "Privatsen"

# ---- an erase while another program reads: explained, cleared by the next sweep --------------
at 2026-03-05T11:00 borrower add PRIV-3 --name "Reidun Lesersen" --phone 40404088
ok "${A[@]}"
(echo "begin; select count(*) from borrower;"; sleep 9; echo "commit;") | sqlite3 "$db" >/dev/null &
reader=$!
sleep 1
at 2026-03-05T11:01 borrower erase PRIV-3
run "${A[@]}"
[ "$rc" -eq 0 ] || fail "erase with a reader"
out_has "erased borrower PRIV-3"
err_has "warning: the write-ahead log"
err_has "is reading the database"
wait "$reader"
at 2026-03-05T11:02 privacy sweep
ok "${A[@]}"
[ "$(found "Reidun Lesersen")" -eq 0 ] || fail "the name is still in the file after the sweep"
[ "$(found 40404088)" -eq 0 ] || fail "the phone is still in the file after the sweep"

# ---- rules and the sweep ---------------------------------------------------------------------
at 2026-03-05T12:00 privacy rules
ok "${A[@]}"
out_has "retention_months 24"
out_has "history_months 60"
at 2026-03-05T12:00 privacy rules --retention-months 0
usage "${A[@]}"
at 2026-03-05T12:00 privacy rules --history-months 11
usage "${A[@]}"
at 2026-03-05T12:00 privacy frobnicate
usage "${A[@]}"
at 2026-03-05T12:00 privacy rules --retention-months 6
ok "${A[@]}"
out_has "retention_months 6"
for y in $years; do
    at 2026-03-05T10:00 report --year "$y" --format json
    ok "${A[@]}"
    cp "$out" "$tmp/before-$y.json"
done
people=$(sql "select count(*) from borrower where erased_at is null")
at 2026-12-01T12:00 privacy sweep --dry-run
ok "${A[@]}"
out_line "^would erase B-[0-9]+ .* last activity 20[0-9-]+$"
out_has "dry run: would erase"
out_has "nothing changed"
n_dry=$(grep -c "^would erase" "$out")
same "$(sql "select count(*) from borrower where erased_at is null")" "$people" "dry run changed nothing"
at 2026-12-01T12:00 privacy sweep
ok "${A[@]}"
same "$(grep -c "^erased B-" "$out")" "$n_dry" "the dry run listed who the sweep erased"
[ "$(sql "select count(*) from borrower where erased_at is null")" -lt "$people" ] ||
    fail "nobody swept"
ok --db "$db" check
for y in $years; do
    at 2026-03-05T10:00 report --year "$y" --format json
    ok "${A[@]}"
    cmp -s "$out" "$tmp/before-$y.json" || fail "the report of $y changed with the sweep"
done
# loan history of 2025 detached (12 months before 2027-01-15 lies in 2026)
at 2027-01-15T12:00 privacy rules --history-months 12 --retention-months 240
ok "${A[@]}"
at 2027-01-15T12:00 privacy sweep
ok "${A[@]}"
out_line "^erased 0 borrowers .* loan history of [1-9][0-9]* people older than 12 months detached$"
same "$(sql "select count(*) from loan l join borrower b on b.id = l.borrower_id where \
    b.key_only = 0 and b.erased_at is null and l.checked_out_at < $(date -d 2026-01-01 +%s)")" 0 \
    "no loan before 2026 left with a person"
ok --db "$db" check
for y in $years; do
    at 2026-03-05T10:00 report --year "$y" --format json
    ok "${A[@]}"
    cmp -s "$out" "$tmp/before-$y.json" || fail "the report of $y changed with detached history"
done

ok --db "$db" --help
out_has "borrower export CARD"
out_has "privacy sweep [--dry-run]"
admin_done
