#!/usr/bin/env bash
# e2e: bua-admin import: items, borrowers (semicolons, BOM, CRLF, a child above its adult) and
# loan history from tests/data/admin; refused files list "FILE:LINE: why" (at most 20) and
# change nothing; files that are no CSV at all (missing, empty, binary, not UTF-8, plain text)
# get one clear message; large files report progress on stderr.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"
[ -d "$DATA" ] || fail "no test data folder: $DATA"

A=(--db "$db" --now 2024-01-15T12:00)
ok "${A[@]}" init

# ---- good files ----------------------------------------------------------------------------------
ok "${A[@]}" import items "$DATA/items.csv"
out_has "imported 3 rows from $DATA/items.csv"
ok "${A[@]}" import borrowers "$DATA/borrowers.csv"
out_has "imported 2 rows from $DATA/borrowers.csv"
ok "${A[@]}" import loans "$DATA/loans.csv"
out_has "imported 3 rows from $DATA/loans.csv"

ok "${A[@]}" item show KANO-1
out_has "notes:      med åre, vest"
out_has "loan days:  14"
out_has "category:   Båt"
ok "${A[@]}" item show SEKK-1
out_has 'name:       Sekk "60 l"'
ok "${A[@]}" item show KANO-2
out_has "on loan to: Nils Nilsen (card 2002)"
ok "${A[@]}" borrower show 2002
out_has "responsible: Nora Nilsen (card 2001)"
ok "${A[@]}" borrower show 2001
out_has "consent:     yes"
out_has "birth year:  1985"
ok "${A[@]}" report --year 2023 --format csv
out_line '^total,2023,loans,2,'
out_line '^total,2023,items_lent,3,'
out_line '^month,2023-06,items_lent,2,'
ok "${A[@]}" check

# ---- refused files: every problem with its line, nothing stored ----------------------------------
items_before=$(sql "select count(*) from item")
refused "${A[@]}" import items "$DATA/bad_items.csv"
err_has "$DATA/bad_items.csv:3: name is empty"
err_has "$DATA/bad_items.csv:4: loan_days"
err_has "$DATA/bad_items.csv:5: barcode BAD-1"
err_has "bua-admin: $DATA/bad_items.csv: refused, nothing imported (3 problems)"
[ "$(wc -l <"$err")" -eq 4 ] || fail "expected 3 problems and one summary line"
[ ! -s "$out" ] || fail "nothing on stdout for a refused file"
same "$(sql "select count(*) from item")" "$items_before" "nothing imported"

# the same loans again: refused as a whole
refused "${A[@]}" import loans "$DATA/loans.csv"
err_has "$DATA/loans.csv:2:"
err_has "refused, nothing imported (3 problems)"
same "$(sql "select count(*) from loan")" 2 "no loan twice"

# a file of the wrong kind
refused "${A[@]}" import items "$DATA/borrowers.csv"
one_line_err
err_has "bua-admin: $DATA/borrowers.csv:1: missing columns barcode, category (refused, nothing imported)"

# many problems: the first 20 are listed, the count is of all
{
    echo "barcode,name,category"
    for i in $(seq 1 25); do echo "MANY-$i,,Tur"; done
} >"$tmp/many.csv"
refused "${A[@]}" import items "$tmp/many.csv"
same "$(grep -c "^$tmp/many.csv:[0-9]*: " "$err")" 20 "problems listed"
err_has "$tmp/many.csv:2: name is empty"
err_has "$tmp/many.csv: refused, nothing imported (25 problems)"

# ---- no CSV at all: one clear message --------------------------------------------------------------
refused "${A[@]}" import items "$tmp/missing.csv"
one_line_err
err_has "cannot import $tmp/missing.csv: no such file"
: >"$tmp/empty.csv"
refused "${A[@]}" import items "$tmp/empty.csv"
one_line_err
err_has "$tmp/empty.csv:1: the file is empty (refused, nothing imported)"
printf '\xef\xbb\xbf \r\n\r\n' >"$tmp/blank.csv"
refused "${A[@]}" import borrowers "$tmp/blank.csv"
one_line_err
err_has "$tmp/blank.csv:1: the file is empty"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$tmp/picture.csv"
refused "${A[@]}" import items "$tmp/picture.csv"
one_line_err
err_has "$tmp/picture.csv:2: not a CSV file (binary data) (refused, nothing imported)"
printf 'barcode,name,category\nMAT-1,Sm\xf8rbr\xf8d,Mat\n' >"$tmp/latin1.csv"
refused "${A[@]}" import items "$tmp/latin1.csv"
one_line_err
err_has "$tmp/latin1.csv:2: not UTF-8 text (save it as UTF-8) (refused, nothing imported)"
printf 'Dear centre,\nhere is the list you asked for.\n' >"$tmp/letter.csv"
refused "${A[@]}" import items "$tmp/letter.csv"
one_line_err
err_has "$tmp/letter.csv:1: this is not a CSV file of items"
mkdir "$tmp/folder.csv"
refused "${A[@]}" import items "$tmp/folder.csv"
one_line_err
err_has "cannot import $tmp/folder.csv: is a folder"
same "$(sql "select count(*) from item")" "$items_before" "nothing imported"

# ---- progress: a large file (a wide ignored column keeps the rows few) ------------------------------
pad=$(head -c 8000 /dev/zero | tr '\0' x)
awk -v pad="$pad" 'BEGIN { print "barcode,name,category,filler";
    for (i = 1; i <= 2200; i++) printf "BIG-%d,Stor fil %d,Tur,%s\n", i, i, pad }' >"$tmp/big.csv"
run "${A[@]}" import items "$tmp/big.csv"
[ "$rc" -eq 0 ] || fail "large import"
out_has "imported 2200 rows from $tmp/big.csv"
grep -qE "^importing $tmp/big.csv: [0-9]+%$" "$err" || fail "expected progress lines on stderr"
no_crash
same "$(sql "select count(*) from item where barcode like 'BIG-%'")" 2200 "large import stored"

# ---- impossible history: times past the import's now (+ clock skew) are refused -----------------
loans_before=$(sql "select count(*) from loan")
refused "${A[@]}" import loans "$DATA/future_loans.csv"
err_has "$DATA/future_loans.csv:2: checked_out_at \"2031-01-05T12:00\" is in the future"
err_has "$DATA/future_loans.csv:3: returned_at \"2031-02-01T12:00\" is in the future"
err_has "refused, nothing imported (2 problems)"
same "$(sql "select count(*) from loan")" "$loans_before" "no loan from the future"
printf 'loan_ref,card,barcode,checked_out_at\nS1,2001,SEKK-1,2024-01-15T12:30\n' >"$tmp/skew.csv"
refused "${A[@]}" import loans "$tmp/skew.csv"
one_line_err
err_has "$tmp/skew.csv:2: checked_out_at \"2024-01-15T12:30\" is in the future"
err_has "with 600 s allowed for clock skew"
usage "${A[@]}" import loans "$tmp/skew.csv" --max-skew soon
err_has "--max-skew"
ok "${A[@]}" import --max-skew 3600 loans "$tmp/skew.csv"
out_has "imported 1 rows from $tmp/skew.csv"

# ---- a long import does not block the counter ----------------------------------------------------
# The file is read and checked outside the write lock: while the import shows progress (it is
# still reading), another writer gets the lock at once and a checkout goes through.
ok "${A[@]}" item add PAR-1 --name Parallell --category Tur
pad=$(head -c 16000 /dev/zero | tr '\0' y)
awk -v pad="$pad" 'BEGIN { print "barcode,name,category,filler";
    for (i = 1; i <= 6000; i++) printf "PAR-BIG-%d,Stor fil %d,Tur,%s\n", i, i, pad }' >"$tmp/par.csv"
"$ADMIN" "${A[@]}" import items "$tmp/par.csv" >"$tmp/par.out" 2>"$tmp/par.err" &
par_pid=$!
for _ in $(seq 1 3000); do
    grep -q "^importing " "$tmp/par.err" 2>/dev/null && break
    kill -0 "$par_pid" 2>/dev/null || break
    sleep 0.01
done
grep -q "^importing " "$tmp/par.err" || fail "the import showed no progress"
kill -0 "$par_pid" 2>/dev/null || fail "the import ended before the check"
same "$(sqlite3 -batch "$db" ".timeout 0" "begin immediate" "rollback" 2>&1 && echo free)" free \
    "write lock free while the import reads"
ok "${A[@]}" checkout --card 2001 PAR-1
out_has "lent to"
wait "$par_pid" || fail "the import in parallel failed: $(cat "$tmp/par.err")"
grep -q "imported 6000 rows" "$tmp/par.out" || fail "the import in parallel stored nothing"
same "$(sql "select count(*) from item where barcode like 'PAR-BIG-%'")" 6000 "parallel import"

admin_done
