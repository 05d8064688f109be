#!/usr/bin/env bash
# e2e: bua-admin report (text in Norwegian, JSON, CSV), check and backup, on loans made on a
# scripted clock so every figure is known, including a loan at 00:30 on New Year's Day (local
# time: it belongs to the new year although it is still the old year in UTC).
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at() { # at TIME ARGS...: bua-admin on this database at local time TIME
    local when=$1
    shift
    ok --db "$db" --now "$when" "$@"
}

at 2023-12-01T09:00 init
for spec in "SKI-1|Ski" "SKI-2|Ski" "TELT-1|Telt" "SYK-1|Sykkel" "LYKT-1|Lykt" "HJELM-1|Hjelm" \
    "RET-1|Hjelm"; do
    IFS='|' read -r code cat <<<"$spec"
    at 2023-12-01T09:00 item add "$code" --name "$code" --category "$cat"
done
at 2023-12-01T09:00 item set RET-1 --status retired
at 2023-12-01T09:00 borrower add 1004 --name "Fjor Fjorårsen"
at 2024-01-02T09:00 borrower add 1001 --name "Kari Nordmann" --phone 91234567
at 2024-01-02T09:00 borrower add 1002 --name "Ola Hansen"
at 2024-01-02T09:00 borrower add 1003 --name "Åse Ås"

at 2023-12-15T12:00 checkout --card 1004 LYKT-1
at 2023-12-20T12:00 return LYKT-1
at 2024-01-01T00:30 checkout --card 1004 LYKT-1
at 2024-01-02T00:30 return LYKT-1
at 2024-01-10T12:00 checkout --card 1001 SKI-1 SKI-2
at 2024-01-14T12:00 return SKI-1 SKI-2
at 2024-02-03T12:00 checkout --card 1002 TELT-1
at 2024-02-05T12:00 return TELT-1
at 2024-02-20T12:00 checkout --card 1001 SKI-1
at 2024-02-21T12:00 return SKI-1
at 2024-03-05T12:00 checkout --card 1003 SYK-1

# ---- text ------------------------------------------------------------------------------------
R=(--db "$db" --now 2024-06-01T12:00 report)
ok "${R[@]}" --year 2024
out_has "Årsrapport 2024 (Europe/Oslo)"
out_line '^I parentes: 2023$' # every yearly figure with last year's in brackets
out_line '^Antall utlånt utstyr: 6 \(1\)$'
out_line '^Antall utlån: 5 \(1\)$'
out_line '^Antall lånetakere: 4 \(1\)$'
out_line '^Antall nye brukere: 3 \(1\)$'
out_line '^Forfalt nå: 1$' # figures of the moment have no last year
out_line '^Aldri utlånt: 1$'
out_line '^Gjennomsnittlig lånetid: 2,4 dager \(5,0\)$'
out_line '^Åpne dager: 354 \(353\)$'
out_line '^  januar +3 \(0\) +2 \(0\) +2 \(0\) +3 \(0\)$'
out_line '^  februar +2 \(0\) +2 \(0\) +2 \(0\) +0 \(0\)$'
out_line '^  mars +1 \(0\) +1 \(0\) +1 \(0\) +0 \(0\)$'
out_line '^  desember +0 \(1\) +0 \(1\) +0 \(1\) +0 \(1\)$'
out_line '^  Ski +3 \(0\)$'
out_line '^  Telt +1 \(0\)$'
out_line '^  Lykt +1 \(1\)$'
out_line '^  Ukjent alder: 4 \(1\)$'
out_line '^  Ikke oppgitt: 4 \(1\)$'
ok "${R[@]}"
out_has "Årsrapport 2024"
ok "${R[@]}" --year 2023 --format text # 2022 has no data: no brackets anywhere
out_line '^Antall utlånt utstyr: 1$'
out_line '^Antall nye brukere: 1$'
out_line '^  desember +1 +1 +1 +1$'
! grep -qE '[0-9] \([0-9]' "$out" || fail "brackets without a last year"
ok "${R[@]}" --year 2024 --lang en
out_line '^Items lent: 6 \(1\)$'
out_line '^In brackets: 2023$'
ok "${R[@]}" --year 1999
out_line '^Antall utlån: +0$'
out_has "(ingen utlån)"

# ---- JSON: one object --------------------------------------------------------------------------
ok "${R[@]}" --year 2024 --format json
json=$(tr -d ' \t\n' <"$out")
[ "${json:0:1}" = "{" ] && [ "${json: -1}" = "}" ] || fail "not one JSON object"
for part in '"year":2024,"items_lent":6,"loans":5,"borrowers":4,"new_borrowers":3,' \
    '"overdue_now":1,"items_never_lent":1,"avg_loan_days":2.4,"open_days":354,' \
    '"by_month":[{"month":1,"items_lent":3,"loans":2,"borrowers":2,"new_borrowers":3},' \
    '{"month":2,"items_lent":2,"loans":2,"borrowers":2,"new_borrowers":0},' \
    '{"month":12,"items_lent":0,"loans":0,"borrowers":0,"new_borrowers":0}],' \
    '"by_category":[{"category":"Ski","items_lent":3},'; do
    [[ $json == *"$part"* ]] || fail "JSON lacks $part"
done
same "$(grep -o '"month":' "$out" | wc -l)" 24 "12 months, this year's and last year's"
# last year in the same shape (no figures of the moment), and every row of the block
for part in '"last_year":{"year":2023,"items_lent":1,"loans":1,"borrowers":1,"new_borrowers":1,' \
    '"avg_loan_days":5,"open_days":353,' '"language":"nb","figures":[' \
    '{"section":"total","metric":"items_lent","label":"Antallutlåntutstyr","format":"count",' \
    '"value":6,"last_year":1}' \
    '"metric":"overdue_now","label":"Forfaltnå","format":"count","value":1,"last_year":null}' \
    '"metric":"avg_loan_days","label":"Gjennomsnittliglånetid","format":"decimal","value":2.4,' \
    '{"section":"age","key":"unknown","metric":"borrowers","label":"Ukjentalder",' \
    '"format":"count","value":4,"last_year":1}' \
    '{"section":"municipality","key":"not_given","metric":"borrowers",'; do
    [[ $json == *"$part"* ]] || fail "JSON lacks $part"
done
if command -v jq >/dev/null; then
    same "$(jq -r '.by_category | length' "$out")" 4 "categories (jq)"
fi
ok "${R[@]}" --year 2023 --format json
json=$(tr -d ' \t\n' <"$out")
[[ $json == *'"last_year":null,'* ]] || fail "2022 has no data: last_year null"

# ---- CSV: section,key,metric,value,last_year ----------------------------------------------------
ok "${R[@]}" --year 2024 --format csv
same "$(head -n 1 "$out")" "section,key,metric,value,last_year" "CSV header"
out_line '^total,2024,items_lent,6,1$'
out_line '^total,2024,loans,5,1$'
out_line '^total,2024,borrowers,4,1$'
out_line '^total,2024,new_borrowers,3,1$'
out_line '^total,2024,overdue_now,1,$'
out_line '^total,2024,items_never_lent,1,$'
out_line '^total,2024,avg_loan_days,2.40,5.00$'
out_line '^month,2024-01,items_lent,3,0$'
out_line '^month,2024-03,borrowers,1,0$'
out_line '^month,2024-12,borrowers,0,1$'
out_line '^category,Ski,items_lent,3,0$'
out_line '^category,Lykt,items_lent,1,1$'
out_line '^total,2024,renewals,0,0$'
out_line '^total,2024,open_days,354,353$' # 366 days, 12 public holidays (no calendar set)
out_line '^age,unknown,borrowers,4,1$'
out_line '^municipality,not_given,borrowers,4,1$'
# header, totals, renewals and reservations, 6 age bands, 1 municipality, the workshop (7 and
# retired_other: 2023's retired item), work training (4; no scheme has hours), months, cats
out_line '^workshop,2024,retired_other,0,1$'
out_line '^training,2024,participants,0,0$'
out_lines $((1 + 8 + 3 + 6 + 1 + 8 + 4 + 12 * 4 + 4))
same "$(grep -cvE '^[a-z]+,[^,]+,[a-z_]+,[0-9.]+,[0-9.]*$' "$out")" 1 "only the header is not a row"
ok "${R[@]}" --year 2023 --format csv
out_line '^total,2023,items_lent,1,$'

# ---- check --------------------------------------------------------------------------------------
ok --db "$db" --now 2024-06-01T12:00 check
out_has "database $db: ok (time zone Europe/Oslo)"
out_has "items:     7 (5 available, 1 on loan, 0 in repair, 0 missing, 1 retired)"
out_has "borrowers: 4 (0 blocked)"
out_has "overdue:   1"
out_has "2024:      6 items lent, 5 loans, 4 borrowers, 3 new borrowers"
# a summary made wrong by hand is found
sqlite3 "$db" "update summary set loans = loans + 1 where period < 10000 and category_id = 0"
refused --db "$db" check
one_line_err
err_has "check failed"

# ---- backup -------------------------------------------------------------------------------------
ok --db "$db" backup "$tmp/copy.db"
out_has "backed up $db to $tmp/copy.db"
same "$(sqlite3 "$tmp/copy.db" "pragma integrity_check")" ok "backup integrity"
same "$(sqlite3 "$tmp/copy.db" "select count(*) from loan")" 6 "loans in the backup"
same "$(stat -c %a "$tmp/copy.db")" 600 "backup mode"
refused --db "$db" backup "$tmp/copy.db"
one_line_err
err_has "cannot back up to $tmp/copy.db: it exists already"
ok --db "$db" backup --force "$tmp/copy.db"
refused --db "$db" backup --force "$db"
one_line_err
err_has "it is the database itself"
refused --db "$db" backup "$tmp/nowhere/copy.db"
one_line_err
err_has "no such folder $tmp/nowhere"

# ---- CSV formula injection: cells that a spreadsheet would run start with a single quote ------
inj="$tmp/inj.db"
ok --db "$inj" --now 2024-03-01T09:00 init
ok --db "$inj" --now 2024-03-01T09:00 item add INJ-1 --name Ski --category '=HYPERLINK("http://x","Klikk")'
ok --db "$inj" --now 2024-03-01T09:00 item add INJ-2 --name Ski --category '@cmd'
ok --db "$inj" --now 2024-03-01T09:00 item add INJ-3 --name Ski --category '+1-2'
ok --db "$inj" --now 2024-03-01T09:00 item add INJ-4 --name Ski --category '-x'
ok --db "$inj" --now 2024-03-01T09:00 borrower add 2001 --name "Kari Nordmann"
ok --db "$inj" --now 2024-03-02T09:00 checkout --card 2001 INJ-1 INJ-2 INJ-3 INJ-4
ok --db "$inj" --now 2024-03-03T09:00 report --year 2024 --format csv
out_line '^category,"'"'"'=HYPERLINK\(""http://x"",""Klikk""\)",items_lent,1,$'
out_line '^category,"'"'"'@cmd",items_lent,1,$'
out_line '^category,"'"'"'\+1-2",items_lent,1,$'
out_line '^category,"'"'"'-x",items_lent,1,$'
same "$(grep -cE '(^|,)"?[-=+@]' "$out" || true)" 0 "no cell starts a formula"

admin_done
