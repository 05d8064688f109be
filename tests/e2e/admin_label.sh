#!/usr/bin/env bash
# e2e: bua-admin label by round trip. Each PDF is rendered label by label at 300 dpi (poppler's
# pdftoppm, cropped to the label's cell of the sheet) and the code read back with a real decoder:
# zbarimg (zbar-tools) for Code 128, dmtxread (dmtx-utils) for Data Matrix, which zbar 0.23
# cannot read. Every label must give back exactly its own code, so the codes come back in order,
# on every sheet layout and across pages; a skipped place (--start) must hold nothing; pdftotext
# finds the names under the codes. Every bad input is refused with its code named. The decoders
# are required: the test fails without them.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

for tool in pdftoppm pdftotext pdfinfo zbarimg dmtxread sqlite3; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/deps)" >&2; exit 1; }
done

# The sheets as labels.h lays them out: page w h, columns, rows, label w h, left, top (mm).
declare -A SHEET=(
    [a4-3x8]="210 297 3 8 70 37 0 0.5"
    [a4-2x7]="210 297 2 7 105 42.3 0 0.45"
    [roll-62mm]="62 38 1 1 62 38 0 0"
)

# read_cell PDF SHEET POS SYMBOLOGY: the codes read from label place POS (0-based over all pages),
# one a line ("" when the place is empty).
read_cell() {
    local pdf=$1 sheet=$2 pos=$3 sym=$4
    local pw ph cols rows lw lh left top
    read -r pw ph cols rows lw lh left top <<<"${SHEET[$sheet]}"
    local per=$((cols * rows))
    local page=$((pos / per + 1)) cell=$((pos % per))
    local geo
    geo=$(awk -v c=$((cell % cols)) -v r=$((cell / cols)) -v lw="$lw" -v lh="$lh" -v l="$left" \
        -v t="$top" 'BEGIN { k = 300 / 25.4;
            printf "%d %d %d %d", (l + c * lw) * k + 0.5, (t + r * lh) * k + 0.5, lw * k, lh * k }')
    local x y w h
    read -r x y w h <<<"$geo"
    rm -f "$tmp/cell.png"
    pdftoppm -r 300 -png -singlefile -f "$page" -l "$page" -x "$x" -y "$y" -W "$w" -H "$h" \
        "$pdf" "$tmp/cell" 2>/dev/null || fail "pdftoppm could not render page $page of $pdf"
    if [ "$sym" = datamatrix ]; then
        dmtxread -m 3000 -n "$tmp/cell.png" 2>/dev/null || true
    else
        zbarimg -q --raw "$tmp/cell.png" 2>/dev/null || true
    fi
}

# roundtrip PDF SHEET SYMBOLOGY START CODE...: every label reads back as its code, in order, from
# place START on; the places before START are empty; the page count is right.
roundtrip() {
    local pdf=$1 sheet=$2 sym=$3 start=$4
    shift 4
    local pw ph cols rows lw lh left top
    read -r pw ph cols rows lw lh left top <<<"${SHEET[$sheet]}"
    local per=$((cols * rows))
    local pages=$(((start - 1 + $# + per - 1) / per))
    same "$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')" "$pages" "pages of $pdf"
    local pos
    for ((pos = 0; pos < start - 1; pos++)); do
        same "$(read_cell "$pdf" "$sheet" "$pos" "$sym")" "" "skipped place $((pos + 1)) of $pdf"
    done
    pos=$((start - 1))
    local code
    for code in "$@"; do
        same "$(read_cell "$pdf" "$sheet" "$pos" "$sym")" "$code" "label place $pos of $pdf"
        pos=$((pos + 1))
    done
    n_checks=$((n_checks + $#))
}

A=(--db "$db" --now 2026-03-10T12:00)
ok "${A[@]}" init
items=()
for i in $(seq -w 1 30); do
    ok "${A[@]}" item add "SKI-00$i" --name "Ski $i" --category Ski --location HYLLE-A1
    items+=("SKI-00$i")
done
ok "${A[@]}" item add 7041234567890 --name "Sykkelhjelm barn blå" --category Hjelm
ok "${A[@]}" item add "LONG-NAME-1" --category Telt \
    --name "Telt for fire personer med ekstra fortelt, myggnetting og to innganger"
ok "${A[@]}" item add "TWO-LINES-1" --category Ski \
    --name "Langrennski voksen 180 cm med staver og bindinger"
ok "${A[@]}" borrower add B-1001 --name "Kari Nordmann"
ok "${A[@]}" borrower add B-1002 --name "Ola Nordmann"
run_in 2468 "${A[@]}" staff add S-2001 --name "Lise Leder" --role leader --pin-stdin

# ---- a4-3x8 (the default): 30 items, two pages, back in order --------------------------------
ok "${A[@]}" label item "${items[@]}" --out "$tmp/items.pdf"
out_has "wrote 30 labels on 2 pages (a4-3x8, Code 128) to $tmp/items.pdf"
roundtrip "$tmp/items.pdf" a4-3x8 code128 1 "${items[@]}"
pdftotext -layout "$tmp/items.pdf" "$tmp/items.txt"
grep -qF "Ski 01" "$tmp/items.txt" || fail "pdftotext: item name Ski 01 under its code"
grep -qF "Ski 30" "$tmp/items.txt" || fail "pdftotext: item name Ski 30 on page 2"
[ "$(grep -o 'BUA' "$tmp/items.txt" | wc -l)" -eq 30 ] || fail "pdftotext: the centre on every label"
[ ! -e "$tmp/items.pdf.part" ] || fail "no .part file left"

# ---- a4-2x7 with --start: a part-used sheet, digits (set C), a name with æøå ------------------
codes=("${items[@]:0:14}" 7041234567890)
ok "${A[@]}" label item "${codes[@]}" --out "$tmp/two.pdf" --sheet a4-2x7 --start 4 \
    --centre "BUA Hamar"
out_has "wrote 15 labels on 2 pages (a4-2x7, Code 128)"
roundtrip "$tmp/two.pdf" a4-2x7 code128 4 "${codes[@]}"
pdftotext "$tmp/two.pdf" "$tmp/two.txt"
grep -qF "Sykkelhjelm barn blå" "$tmp/two.txt" || fail "pdftotext: a name with å"
grep -qF "BUA Hamar" "$tmp/two.txt" || fail "pdftotext: --centre"

# ---- roll-62mm: one label a page; cards say what they are, never whose ------------------------
ok "${A[@]}" label card B-1001 B-1002 S-2001 --out "$tmp/cards.pdf" --sheet roll-62mm
out_has "wrote 3 labels on 3 pages (roll-62mm, Code 128)"
roundtrip "$tmp/cards.pdf" roll-62mm code128 1 B-1001 B-1002 S-2001
pdftotext "$tmp/cards.pdf" "$tmp/cards.txt"
[ "$(grep -o 'Lånekort' "$tmp/cards.txt" | wc -l)" -eq 2 ] || fail "pdftotext: Lånekort on borrower cards"
grep -qF "Personalkort" "$tmp/cards.txt" || fail "pdftotext: Personalkort on a staff card"
! grep -qF "Nordmann" "$tmp/cards.txt" || fail "a card label must not carry the holder's name"
! grep -qF "Lise" "$tmp/cards.txt" || fail "a staff card label must not carry the name"
pdfinfo "$tmp/cards.pdf" | grep -qE '^Page size: +175\.7[0-9]* x 107\.7[0-9]* pts' ||
    fail "roll page is 62 x 38 mm: $(pdfinfo "$tmp/cards.pdf" | grep 'Page size')"

# ---- Data Matrix on every sheet; zones from the settings' centre ------------------------------
printf '[kiosk]\ncentre_name = BUA Stange\n' >"$tmp/kiosk.ini"
zones=(HYLLE-A1 HYLLE-A2 HYLLE-B1 "RAD 3/HYLLE 12" LAGER-0001)
for sheet in a4-3x8 a4-2x7 roll-62mm; do
    ok --config "$tmp/kiosk.ini" "${A[@]}" label zone "${zones[@]}" --out "$tmp/dm-$sheet.pdf" \
        --sheet "$sheet" --symbology datamatrix --start 1
    out_has "(${sheet}, Data Matrix)"
    roundtrip "$tmp/dm-$sheet.pdf" "$sheet" datamatrix 1 "${zones[@]}"
done
pdftotext "$tmp/dm-a4-3x8.pdf" "$tmp/dm.txt"
grep -qF "BUA Stange" "$tmp/dm.txt" || fail "pdftotext: the centre from the settings"
grep -qF "RAD 3/HYLLE 12" "$tmp/dm.txt" || fail "pdftotext: the zone under its code"
ok "${A[@]}" label item "${items[@]:0:3}" --out "$tmp/dm-items.pdf" --symbology datamatrix \
    --start 22
roundtrip "$tmp/dm-items.pdf" a4-3x8 datamatrix 22 "${items[@]:0:3}"

# ---- a long name takes two lines, a longer one is cut: never over the next label ---------------
ok "${A[@]}" label item TWO-LINES-1 LONG-NAME-1 --out "$tmp/long.pdf"
pdftotext "$tmp/long.pdf" "$tmp/long.txt"
grep -qx "Langrennski voksen 180 cm med" "$tmp/long.txt" || fail "a name's first line: $(cat "$tmp/long.txt")"
grep -qx "staver og bindinger" "$tmp/long.txt" || fail "a name's second line"
grep -qx "Telt for fire personer med ekstra" "$tmp/long.txt" || fail "a long name's first line"
grep -q "^fortelt, myggnetting og to .*…$" "$tmp/long.txt" || fail "a long name cut with an ellipsis"
[ "$(grep -c '…' "$tmp/long.txt")" -eq 1 ] || fail "only the longer name is cut"
roundtrip "$tmp/long.pdf" a4-3x8 code128 1 TWO-LINES-1 LONG-NAME-1

# ---- refusals: nothing is written ---------------------------------------------------------------
rm -f "$tmp/bad.pdf"
refused "${A[@]}" label item SKI-0001 NOPE-1 SKI-0002 --out "$tmp/bad.pdf"
err_has "unknown item barcode NOPE-1"
refused "${A[@]}" label card B-1001 B-9999 --out "$tmp/bad.pdf"
err_has "unknown card B-9999"
refused "${A[@]}" label item "SKI-Å1" --out "$tmp/bad.pdf"
err_has "code 'SKI-Å1' cannot be a label: 'Å' is not printable ASCII"
refused "${A[@]}" label zone "$(printf 'A\tB')" --out "$tmp/bad.pdf"
err_has "control character 0x09"
refused "${A[@]}" label zone ABCDEFGHIJKLMNOPQRSTUVWX --out "$tmp/bad.pdf"
err_has "code 'ABCDEFGHIJKLMNOPQRSTUVWX' is too long for a 70 x 37 mm label (a4-3x8)"
[ ! -e "$tmp/bad.pdf" ] || fail "a refused label run wrote a file"
# the same code fits a wider label, or as Data Matrix
ok "${A[@]}" label zone ABCDEFGHIJKLMNOPQRSTUVWX --out "$tmp/wide.pdf" --sheet a4-2x7
roundtrip "$tmp/wide.pdf" a4-2x7 code128 1 ABCDEFGHIJKLMNOPQRSTUVWX
refused "${A[@]}" label zone HYLLE-A1 SKI-0007 --out "$tmp/bad.pdf"
err_has "zone SKI-0007 is the barcode of item Ski 07: a shelf needs a code of its own"
refused "${A[@]}" label zone HYLLE-A1 --out "$tmp/no/such/folder/z.pdf"
err_has "cannot write $tmp/no/such/folder/z.pdf: no such file or folder"
ok "${A[@]}" borrower card B-1002 B-1003
refused "${A[@]}" label card B-1002 --out "$tmp/bad.pdf"
err_has "B-1002 was replaced"

# ---- usage errors -------------------------------------------------------------------------------
usage "${A[@]}" label item SKI-0001
usage "${A[@]}" label item --out "$tmp/x.pdf"
usage "${A[@]}" label shelf HYLLE-A1 --out "$tmp/x.pdf"
usage "${A[@]}" label item SKI-0001 --out "$tmp/x.pdf" --sheet a5
grep -qF "use a4-3x8|a4-2x7|roll-62mm" "$err" || fail "the sheets named"
usage "${A[@]}" label item SKI-0001 --out "$tmp/x.pdf" --symbology qr
usage "${A[@]}" label item SKI-0001 --out "$tmp/x.pdf" --start 25
usage "${A[@]}" label item SKI-0001 --out "$tmp/x.pdf" --sheet a4-2x7 --start 15
usage "${A[@]}" label item SKI-0001 --out "$tmp/x.pdf" --start 0
ok label --help
out_has "label item|card|zone CODE... --out FILE.pdf"

admin_done
