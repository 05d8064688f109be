#!/usr/bin/env bash
# e2e: the annual report's new figures through bua-admin's own writes (borrower add/set,
# checkout and return on a scripted clock): borrowers by age band and by municipality against
# counts from the raw rows, recorded when each borrower's first loan of the year is counted (a
# later edit or an erasure changes no figure), --municipality checked against the centre's list,
# --lang en, and the PDF's usage and failures.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

cfg="$tmp/kiosk.ini"
printf '[kiosk]\ncentre_name = BUA Hamar\n[centre]\nmunicipalities = Hamar, Stange, Løten\n' >"$cfg"
C=(--db "$db" --config "$cfg")

ok "${C[@]}" --now 2025-03-01T09:00 init
for i in 1 2 3 4 5 6; do
    ok "${C[@]}" --now 2025-03-01T09:00 item add "SKI-$i" --name "Ski $i" --category Ski
done

# ---- --municipality: on the list (any case; stored as the list spells it), or refused -------
ok "${C[@]}" --now 2025-03-01T09:00 borrower add 1001 --name "Barn" --birth-year 2015 \
    --municipality hamar
ok "${C[@]}" --now 2025-03-01T09:00 borrower show 1001
out_has "municipality: Hamar"
ok "${C[@]}" --now 2025-03-01T09:00 borrower add 1002 --name "Ungdom" --birth-year 2009 \
    --municipality Stange
ok "${C[@]}" --now 2025-03-01T09:00 borrower add 1003 --name "Student" --birth-year 2001 \
    --municipality "Løten"
ok "${C[@]}" --now 2025-03-01T09:00 borrower add 1004 --name "Voksen" --birth-year 1980
ok "${C[@]}" --now 2025-03-01T09:00 borrower add 1005 --name "Pensjonist" --birth-year 1950 \
    --municipality Hamar
ok "${C[@]}" --now 2025-03-01T09:00 borrower add 1006 --name "Uten år"
usage "${C[@]}" --now 2025-03-01T09:00 borrower add 1007 --name "Oslo" --municipality Oslo
one_line_err
err_has "invalid --municipality 'Oslo': not in the centre's list ($cfg, [centre] municipalities): Hamar, Stange, Løten"
same "$(sql "select count(*) from borrower where card = '1007'")" 0 "nothing added"
usage "${C[@]}" borrower set 1004 --municipality Bergen
err_has "not in the centre's list"
# without a list any name is taken
ok --db "$db" --now 2025-03-01T09:00 borrower add 1008 --name "Gjest" --municipality "Gjøvik"
same "$(sql "select municipality from borrower where card = '1008'")" "Gjøvik" "no list: as given"

# ---- loans in 2025 and 2026 --------------------------------------------------------------------
lend() { # lend WHEN CARD ITEM: a loan and its return two days later
    ok "${C[@]}" --now "$1T12:00" checkout --card "$2" "$3"
    ok "${C[@]}" --now "$1T16:00" return "$3"
}
lend 2025-06-01 1001 SKI-1
lend 2025-06-02 1005 SKI-2
lend 2025-06-03 1008 SKI-3
for card in 1001 1002 1003 1004 1005 1006; do
    lend 2026-02-0${card: -1} "$card" "SKI-${card: -1}"
done
lend 2026-03-01 1001 SKI-1 # a second loan: the borrower counts once

# counts from the raw rows, by the README's definition (age in 2026 = 2026 - birth year)
raw_band() { # raw_band YEAR LO HI: distinct borrowers of YEAR aged LO..HI
    sql "select count(distinct l.borrower_id) from loan l join borrower b on b.id = l.borrower_id
         where strftime('%Y', l.checked_out_at, 'unixepoch', 'localtime') = '$1'
         and b.birth_year is not null and $1 - b.birth_year between $2 and $3"
}
raw_place() { # raw_place YEAR NAME
    sql "select count(distinct l.borrower_id) from loan l join borrower b on b.id = l.borrower_id
         where strftime('%Y', l.checked_out_at, 'unixepoch', 'localtime') = '$1'
         and b.municipality = '$2'"
}
R=("${C[@]}" --now 2026-06-01T12:00 report --year 2026)
ok "${R[@]}" --format csv
for spec in "0-12|0|12" "13-17|13|17" "18-25|18|25" "26-66|26|66" "67+|67|999"; do
    IFS='|' read -r key lo hi <<<"$spec"
    out_line "^age,${key/+/\\+},borrowers,$(raw_band 2026 "$lo" "$hi"),$(raw_band 2025 "$lo" "$hi")\$"
done
out_line '^age,unknown,borrowers,1,1$' # 1006 this year, 1008 (Gjøvik) last year
for place in Hamar Stange "Løten"; do
    out_line "^municipality,$place,borrowers,$(raw_place 2026 "$place"),$(raw_place 2025 "$place")\$"
done
out_line '^municipality,Gjøvik,borrowers,0,1$' # last year's only: shown with 0 this year
out_line '^municipality,not_given,borrowers,2,0$'
out_line '^total,2026,borrowers,6,3$'
csv_before=$(cat "$out")

ok "${R[@]}"
out_line '^Antall lånetakere: 6 \(3\)$'
out_line '^  0–12 år: 1 \(1\)$'
out_line '^  13–17 år: 1 \(0\)$'
out_line '^  67 år og eldre: 1 \(1\)$'
out_line '^  Ukjent alder: 1 \(1\)$'
out_line '^  Hamar: 2 \(2\)$'
out_line '^  Ikke oppgitt: 2 \(0\)$'
ok "${R[@]}" --lang en
out_line '^Borrowers: 6 \(3\)$'
out_line '^  Age 0–12: 1 \(1\)$'
out_line '^  Not given: 2 \(0\)$'
out_line '^Borrowers by municipality:$'

# a borrower's edit after the year's first loan moves nothing; an erasure neither
ok "${C[@]}" --now 2026-06-01T12:00 borrower set 1002 --birth-year 1990 --municipality Hamar
out_has "changed borrower 1002: birth_year municipality"
sqlite3 "$db" "update borrower set birth_year = null, municipality = '' where card in ('1001', '1005')"
ok "${R[@]}" --format csv
same "$(cat "$out")" "$csv_before" "the year's figures after an edit and an erasure"
# the next loan of the year does not count the borrower again
lend 2026-04-01 1002 SKI-2
ok "${R[@]}" --format csv
out_line '^age,13-17,borrowers,1,0$'
ok --db "$db" check
# bua-admin check finds a count by band or municipality that disagrees with the sets
cp "$db" "$tmp/bad.db"
sqlite3 "$tmp/bad.db" "update sum_profile set borrowers = borrowers + 1 where centre_id = 1 and year = 2026 and band = 1"
refused --db "$tmp/bad.db" check
one_line_err
err_has "borrowers by age and municipality of 2026 (centre 1) disagree with the summaries"

# ---- the PDF -----------------------------------------------------------------------------------
ok "${R[@]}" --pdf "$tmp/r.pdf"
out_has "wrote the 2026 report to $tmp/r.pdf"
pdftotext "$tmp/r.pdf" "$tmp/r.txt"
grep -q "Årsrapport 2026 – BUA Hamar" "$tmp/r.txt" || fail "the PDF's title names the centre"
grep -q "Lånetakere etter kommune" "$tmp/r.txt" || fail "the PDF has the municipalities"
ok "${R[@]}" --pdf "$tmp/en.pdf" --lang en
pdftotext "$tmp/en.pdf" - | grep -q "Items lent per month" || fail "the English PDF"
refused "${R[@]}" --pdf "$tmp/nowhere/r.pdf"
one_line_err
err_has "cannot write $tmp/nowhere/r.pdf"
usage "${R[@]}" --pdf ""
err_has "invalid --pdf: empty"
usage "${R[@]}" --pdf "$tmp/x.pdf" --format csv
err_has "report takes --pdf FILE or --format, not both"
usage "${R[@]}" --lang de
err_has "invalid --lang 'de': use nb or en"
run --db "$db" --help
out_has "--municipality NAME"
out_has "[--lang nb|en] [--pdf FILE]"

admin_done
