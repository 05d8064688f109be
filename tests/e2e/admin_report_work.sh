#!/usr/bin/env bash
# e2e: the annual report's workshop and work-training sections (bua-admin report --year Y) on a
# scripted clock: repairs done, median days in repair, retired by reason, bike jobs received,
# finished and picked up, trainees' days, hours, FTE and persons/hours per scheme, each with last
# year in brackets, in the text (nb and en), JSON (last_year), CSV and the PDF, checked against
# the raw rows and against `job figures` / `training report`.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2025-03-01T10:00
ok "${A[@]}" init
ok "${A[@]}" borrower add 1001 --name "Kari Nordmann"
ok "${A[@]}" item add SYK-1 --name "Sykkel 24 tommer" --category Sykler
ok "${A[@]}" item add SYK-2 --name "Sykkel 20 tommer" --category Sykler
ok "${A[@]}" item add SKI-1 --name "Langrennski" --category Ski
run_in 1234 "${A[@]}" staff add T-1 --name "Tom Trainee" --role trainee --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"
run_in 1357 "${A[@]}" staff add T-2 --name "Tina Trainee" --role trainee --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"
run_in 2468 "${A[@]}" staff add L-1 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"

# ---- 2025 (last year): a loan, one repair of 4 days, a bike job, a VTO trainee's day ----------
ok "${A[@]}" checkout --card 1001 SYK-1
at 2025-04-01T12:00
ok "${A[@]}" return SYK-1 --damaged --note "punktert" --staff T-1
at 2025-04-05T12:00
ok "${A[@]}" repair ready SYK-1 --note "ny slange" --staff T-1
ok "${A[@]}" job add --customer "Per Hansen" --phone 91234567 --bike "blå DBS" --work "bremser"
ok "${A[@]}" job set 1 --status working --time 60 --staff T-1
ok "${A[@]}" job set 1 --status done --staff T-1
ok "${A[@]}" training member add T-1 --scheme VTO --from 2025-01-01
at 2025-06-11T10:00
ok "${A[@]}" training day set T-1 2025-06-10 --in 10:00 --out 14:00

# ---- 2026 (this year) ----------------------------------------------------------------------------
at 2026-02-01T12:00
ok "${A[@]}" checkout --card 1001 SYK-2 SKI-1
at 2026-02-02T12:00
ok "${A[@]}" return SYK-2 --damaged --note "skeiv felg" --staff T-1
ok "${A[@]}" return SKI-1 --damaged --note "sprukket" --staff T-1
at 2026-02-04T12:00 # 2 days
ok "${A[@]}" repair ready SYK-2 --staff T-1
at 2026-02-08T12:00 # 6 days
ok "${A[@]}" repair retire SKI-1 --reason unsafe --note "sprukket" --staff L-1
at 2026-03-01T10:00
ok "${A[@]}" job add --customer "Siri" --phone 40000000 --bike "rød Kalkhoff" --work "lapp slange"
ok "${A[@]}" job add --customer "Ola" --bike "grønn BMX" --work "kjede"
ok "${A[@]}" job set 2 --status working --time 90 --staff T-2
ok "${A[@]}" job set 2 --status done --staff T-2
ok "${A[@]}" job set 1 --status picked_up --staff T-1
ok "${A[@]}" training member add T-2 --scheme Samfunnsstraff --from 2026-01-01 --to 2026-03-31
at 2026-03-04T10:00
ok "${A[@]}" training day set T-1 2026-03-02 --in 09:00 --out 15:30
ok "${A[@]}" training day set T-2 2026-03-03 --in 09:00 --out 16:00
ok "${A[@]}" training day set T-2 2026-03-02 --in 09:00 --out 16:00

at 2026-06-01T12:00
R=("${A[@]}" report --year 2026)

# ---- the raw rows and the workshop's and training's own reports --------------------------------
same "$(sql "select count(*) from repair_step where step = 2 and strftime('%Y', at, 'unixepoch', 'localtime') = '2026'")" 1 "raw: repairs done in 2026"
same "$(sql "select count(*) from job where strftime('%Y', received_at, 'unixepoch', 'localtime') = '2026'")" 2 "raw: jobs received in 2026"
same "$(sql "select sum(out_at - in_at) from training_shift where out_at is not null and day like '2026-%'")" $((41 * 1800)) "raw: 2026 seconds (41 half hours)"
ok "${A[@]}" job figures --year 2026
out_line '^  repairs done: +1 \(1\)$'
out_line '^  median days in repair: +4\.0 \(4\.0\) of 2 \(1\) repairs ended$'
out_line '^    unsafe +1 \(0\)$'
ok "${A[@]}" training report --year 2026
out_line '^  Deltagere: +2 \(1\)$'
out_line '^  Timer: +20,5 \(4,0\)$'
out_line '^  VTO: 1/7 \(1/4\)$'
out_line '^  Samfunnsstraff: 1/14 \(0/0\)$'

# ---- text ------------------------------------------------------------------------------------------
ok "${R[@]}"
out_line '^Verksted:$'
out_line '^  Reparasjoner: 1 \(1\)$'
out_line '^  Dager i reparasjon \(median\): 4,0 \(4,0\)$'
out_line '^  Kassert: 1 \(0\)$'
out_line '^  Kassert, ikke trygt: 1 \(0\)$'
out_line '^  Sykkeljobber mottatt: 2 \(1\)$'
out_line '^  Sykkeljobber ferdige: 1 \(1\)$'
out_line '^  Sykkeljobber hentet: 1 \(0\)$'
out_line '^  Timer på sykkeljobber: 2 \(1\)$'
out_line '^Arbeidstrening:$'
out_line '^  Deltagere: 2 \(1\)$'
out_line '^  Arbeidsdager: 3 \(1\)$'
out_line '^  Timer: 21 \(4\)$'
out_line '^  Årsverk: 0,0 \(0,0\)$'
out_line '^  VTO, personer/timer: 1/7 \(1/4\)$'
out_line '^  Samfunnsstraff, personer/timer: 1/14 \(0/0\)$'
out_lacks "Aktivitetsplikt" # nobody in it either year
ok "${R[@]}" --lang en
out_line '^Workshop:$'
out_line '^  Repairs: 1 \(1\)$'
out_line '^  Retired, unsafe: 1 \(0\)$'
out_line '^Work training:$'
out_line '^  Participants: 2 \(1\)$'
out_line '^  Samfunnsstraff, persons/hours: 1/14 \(0/0\)$'

# ---- JSON and CSV ----------------------------------------------------------------------------------
ok "${R[@]}" --format json
fig() { # fig SECTION METRIC [KEY]: "value last_year" of one row of "figures"
    /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["figures"]:
    if f["section"] == sys.argv[2] and f["metric"] == sys.argv[3] and f.get("key", "") == sys.argv[4]:
        print(json.dumps(f["value"]), json.dumps(f["last_year"]))
' "$out" "$1" "$2" "${3:-}"
}
same "$(fig workshop repairs_done)" "1 1" "json repairs_done"
same "$(fig workshop median_repair_days)" "4 4" "json median_repair_days"
same "$(fig workshop retired_by_reason unsafe)" "1 0" "json retired unsafe"
same "$(fig workshop jobs_received)" "2 1" "json jobs_received"
same "$(fig workshop jobs_finished)" "1 1" "json jobs_finished"
same "$(fig training participants)" "2 1" "json participants"
same "$(fig training hours)" "20.5 4" "json hours"
same "$(fig training scheme Samfunnsstraff)" '{"persons": 1, "hours": 14} {"persons": 0, "hours": 0}' "json scheme"
ok "${R[@]}" --format csv
out_line '^workshop,2026,repairs_done,1,1$'
out_line '^workshop,2026,median_repair_days,4.00,4.00$'
out_line '^workshop,unsafe,retired_by_reason,1,0$'
out_line '^workshop,2026,jobs_received,2,1$'
out_line '^workshop,2026,jobs_finished,1,1$'
out_line '^training,2026,participants,2,1$'
out_line '^training,2026,hours,20.50,4.00$'
out_line '^training,VTO,scheme_persons,1,1$'
out_line '^training,Samfunnsstraff,scheme_hours,14.00,0.00$'

# ---- PDF -------------------------------------------------------------------------------------------
ok "${R[@]}" --pdf "$tmp/r.pdf"
pdftotext -layout "$tmp/r.pdf" "$tmp/r.txt"
for want in "Verksted" "Reparasjoner" "Sykkeljobber mottatt" "Arbeidstrening" "Deltagere" \
    "Samfunnsstraff, personer/timer" "1/14 (0/0)"; do
    grep -qF "$want" "$tmp/r.txt" || fail "the PDF has '$want'"
done

# ---- a year whose last year has no data prints no brackets -----------------------------------------
ok "${A[@]}" report --year 2025
out_line '^  Reparasjoner: 1$'
out_line '^  VTO, personer/timer: 1/4$'

admin_done
