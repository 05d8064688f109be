#!/usr/bin/env bash
# The leader's "Lag etikett" at the kiosk, three ways, on a fresh centre (kiosk_fixture.sh):
#   1. lp on PATH (a fake that records its arguments and then waits until this test lets it
#      go): the kiosk hands it the new PDF with the configured printer and ends its script while
#      lp is still waiting, so it never waited for printing; the printed file reads back as the
#      item's code (zbarimg) with its name and the centre (pdftotext);
#   2. no lp on PATH: the PDF is saved beside the database (labels/) and the screen says where;
#   3. a labels folder that cannot be made: the screen says why, nothing is written.
# The screenshots (nb at 1024x600, en at 1920x1080) are left in OUTDIR/label for looking at.
# Usage: kiosk_label.sh KIOSK ADMIN OUTDIR
set -euo pipefail
kiosk=$1
admin=$2
out=$3/label
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "kiosk_label: $*" >&2; exit 1; }
for tool in pdftoppm pdftotext zbarimg; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps)"
done
rm -rf "$out"
mkdir -p "$out/bin" "$out/nothing"
db="$out/label.db"
"$here/kiosk_fixture.sh" "$admin" "$db"
run() { # run SCRIPT PATH [kiosk options...]: plays tests/e2e/kiosk/SCRIPT.kiosk
    local script=$1 path=$2
    shift 2
    (cd "$out" && PATH="$path" "$kiosk" --db "$db" --headless --no-sound \
        --now 2026-03-10T12:00 "$@" --script "$here/kiosk/$script.kiosk" >"$out/$script.out") ||
        fail "script $script failed (see $out/$script.out)"
}
wait_for() { # wait_for FILE: up to 30 s
    for _ in $(seq 300); do
        [ -e "$1" ] && return 0
        sleep 0.1
    done
    fail "no $1 after 30 s"
}

# ---- 1. printing through a fake lp -------------------------------------------------------------
cat >"$out/bin/lp" <<EOF
#!/bin/bash
printf '%s\n' "\$@" >"$out/lp.args.part" && mv "$out/lp.args.part" "$out/lp.args"
for _ in \$(seq 600); do [ -e "$out/lp.release" ] && break; sleep 0.1; done
cp -- "\${@: -1}" "$out/printed.pdf"
touch "$out/lp.done"
EOF
chmod +x "$out/bin/lp"
printf '[kiosk]\ncentre_name = BUA Hamar\n[labels]\nfolder = %s\nprinter = QL-800\n' \
    "$out/printed-labels" >"$out/label.ini"
run label "$out/bin:$PATH" --config "$out/label.ini"
wait_for "$out/lp.args"
[ ! -e "$out/lp.done" ] || fail "lp finished before the kiosk: the kiosk waited for it"
pdf="$out/printed-labels/NY-0001-20260310T110000Z.pdf"
[ -f "$pdf" ] || fail "no PDF at $pdf: $(ls -R "$out")"
want=$(printf '%s\n' -d QL-800 -- "$pdf")
[ "$(cat "$out/lp.args")" = "$want" ] || fail "lp got: $(cat "$out/lp.args"), expected: $want"
[ "$(stat -c %a "$out/printed-labels")" = 700 ] || fail "the labels folder is not 0700"
touch "$out/lp.release"
wait_for "$out/lp.done"
pdftoppm -r 300 -png -singlefile "$out/printed.pdf" "$out/printed"
got=$(zbarimg -q --raw "$out/printed.png" 2>/dev/null) || fail "zbarimg read nothing"
[ "$got" = NY-0001 ] || fail "the printed label reads '$got', expected NY-0001"
text=$(pdftotext "$out/printed.pdf" -)
grep -qF "Snowboard 150" <<<"$text" || fail "the item's name is not on the label: $text"
grep -qF "BUA Hamar" <<<"$text" || fail "the centre is not on the label: $text"

# ---- 2. no lp: saved beside the database, in English at 1920x1080 too ---------------------------
run label_nolp "$out/nothing"
[ -f "$out/labels/SKI-0002-20260310T110000Z.pdf" ] || fail "no PDF in $out/labels"
rm -f "$out/labels/SKI-0002-20260310T110000Z.pdf"
sed -e 's/Fant ingen skriver. Etiketten er lagret som/No printer found. The label is saved as/' \
    -e 's/label_saved.png/label_saved_en.png/' "$here/kiosk/label_nolp.kiosk" >"$out/nolp_en.kiosk"
(cd "$out" && PATH="$out/nothing" "$kiosk" --db "$db" --headless --no-sound --lang en \
    --size 1920x1080 --now 2026-03-10T12:00 --script "$out/nolp_en.kiosk" >"$out/nolp_en.out") ||
    fail "the English script failed (see $out/nolp_en.out)"
[ -f "$out/labels/SKI-0002-20260310T110000Z.pdf" ] || fail "no PDF in $out/labels (en)"
pdftoppm -r 300 -png -singlefile "$out/labels/SKI-0002-20260310T110000Z.pdf" "$out/saved"
[ "$(zbarimg -q --raw "$out/saved.png" 2>/dev/null)" = SKI-0002 ] || fail "saved label"

# ---- 3. a folder that cannot be made ------------------------------------------------------------
printf '[labels]\nfolder = %s/no/such/folder\n' "$out" >"$out/fail.ini"
run label_fail "$out/bin:$PATH" --config "$out/fail.ini"
[ ! -e "$out/no" ] || fail "something was written for a failed label"
# ---- 4. a wrong setting is named with its line -------------------------------------------------
printf '[labels]\nsheet = roll-62mm\nsheet = a5\n' >"$out/bad.ini"
if "$kiosk" --db "$db" --headless --no-sound --config "$out/bad.ini" --script /dev/null \
    >/dev/null 2>"$out/bad.err"; then
    fail "a5 as the sheet was taken"
fi
grep -qF "bad.ini:3: bad value for sheet: a5" "$out/bad.err" || fail "bad.ini: $(cat "$out/bad.err")"
printf '[labels]\npaper = a4\n' >"$out/bad.ini"
! "$kiosk" --db "$db" --headless --no-sound --config "$out/bad.ini" --script /dev/null \
    >/dev/null 2>"$out/bad.err" || fail "an unknown setting was taken"
grep -qF "bad.ini:2: unknown setting paper" "$out/bad.err" || fail "bad.ini: $(cat "$out/bad.err")"
echo "kiosk_label: printed through lp without waiting, saved without lp, refused without a folder"
