#!/usr/bin/env bash
# e2e: bua-admin's workshop on a scripted clock (--now): the repair queue (a damaged return with
# its note, days waiting, waiting for parts, a trainee makes it available and it is lent again,
# retired with a reason, the item history), customer bike jobs (add, the status moves allowed
# and refused, time per trainee, show, list), the workshop's figures with last year's, and every
# bad input with its exit code.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2025-05-02T10:00
ok "${A[@]}" init
ok "${A[@]}" borrower add 1001 --name "Kari Nordmann"
ok "${A[@]}" item add SYK-1 --name "Sykkel 24 tommer" --category Sykler
ok "${A[@]}" item add SYK-2 --name "Sykkel 20 tommer" --category Sykler
ok "${A[@]}" item add SKI-1 --name "Langrennski" --category Ski
run_in 1234 "${A[@]}" staff add S-1001 --name "Tom Trainee" --role trainee --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"
run_in 2468 "${A[@]}" staff add S-2001 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"

# ---- the repair queue ---------------------------------------------------------------------------
ok "${A[@]}" repair list
out_has "0 items in repair"
ok "${A[@]}" checkout --card 1001 SYK-1 SKI-1
at 2025-05-04T12:00
ok "${A[@]}" return SYK-1 --damaged --note "punktert bakhjul" --staff S-1001
at 2025-05-05T12:00
ok "${A[@]}" return SKI-1 --damaged --note "binding løs"
at 2025-05-10T12:00
ok "${A[@]}" repair list
out_line '^SYK-1 +6d +- +Sykkel 24 tommer +punktert bakhjul$'
out_line '^SKI-1 +5d +- +Langrennski +binding løs$'
same "$(head -1 "$out" | cut -c1-5)" "SYK-1" "oldest first"
out_has "2 items in repair"
ok "${A[@]}" repair wait SYK-1 --note "venter på slange" --staff S-1001
out_has "SYK-1 waits for parts"
ok "${A[@]}" repair list
out_line '^SYK-1 +6d +waiting +Sykkel 24 tommer'
ok "${A[@]}" repair show SYK-1
out_has "in repair since 2025-05-04 12:00: 6 days"
out_has "waiting for parts since 2025-05-10 12:00"
out_line '^  2025-05-04 12:00  damage +punktert bakhjul \(Tom Trainee\)$'
out_line '^  2025-05-10 12:00  waiting +venter på slange \(Tom Trainee\)$'

# refusals
refused "${A[@]}" repair ready SYK-2 --staff S-1001
err_has "SYK-2 (Sykkel 20 tommer) is not in repair: it is available"
refused "${A[@]}" repair note NOPE-1 --note "x"
err_has "unknown barcode NOPE-1"
refused "${A[@]}" repair ready SYK-1 --staff S-9999
err_has "unknown staff card S-9999"
usage "${A[@]}" repair note SYK-1
usage "${A[@]}" repair retire SKI-1
usage "${A[@]}" repair retire SKI-1 --reason broken
usage "${A[@]}" repair
usage "${A[@]}" repair fix SYK-1
usage "${A[@]}" repair ready
usage "${A[@]}" repair wait SYK-1 --reason unsafe

# the item can not be lent while in repair; a trainee makes it available, and it is lent
refused "${A[@]}" checkout --card 1001 SYK-1
at 2025-05-12T09:00
ok "${A[@]}" repair note SYK-1 --note "byttet slange" --staff S-1001
ok "${A[@]}" repair ready SYK-1 --note "prøvekjørt" --staff S-1001
out_has "SYK-1 is repaired: available"
ok "${A[@]}" checkout --card 1001 SYK-1
ok "${A[@]}" item history SYK-1
out_line 'repair +ready: prøvekjørt \(Tom Trainee\)$'
out_line 'repair +note: byttet slange \(Tom Trainee\)$'
out_line 'repair +waiting: venter på slange \(Tom Trainee\)$'
same "$(grep -c 'status ' "$out")" 1 "the change to available shows once, as the repair step"
ok "${A[@]}" repair retire SKI-1 --reason unsafe --note "sprukket" --staff S-2001
out_has "SKI-1 is retired (unsafe)"
ok "${A[@]}" item show SKI-1
out_has "retired"
ok "${A[@]}" item history SKI-1 --format csv
out_has "repair,"
out_has "retired,sprukket,Lise Leder"
ok "${A[@]}" repair list
out_has "0 items in repair"

# ---- customer bike jobs -------------------------------------------------------------------------
ok "${A[@]}" job add --customer "Per Hansen" --phone 91234567 --bike "blå DBS, 26 tommer" \
    --work "bremser og gir" --staff S-1001
out_has "bike job 1 received: Per Hansen, blå DBS, 26 tommer"
usage "${A[@]}" job add --customer "Per" --bike "DBS"
usage "${A[@]}" job set 1
usage "${A[@]}" job set 1 --status broken
usage "${A[@]}" job set 1 --time 30
usage "${A[@]}" job set 1 --time 0 --staff S-1001
usage "${A[@]}" job set x --status working
usage "${A[@]}" job show
usage "${A[@]}" job fix 1
refused "${A[@]}" job show 9
err_has "no bike job 9"
refused "${A[@]}" job set 1 --status ferdig --staff S-1001
err_has "bike job 1 cannot go from received to done"
at 2025-05-12T10:00
ok "${A[@]}" job set 1 --status under_arbeid --time 30 --staff S-1001
out_has "bike job 1: working, 30 min in all"
ok "${A[@]}" job set 1 --status venter_deler --note "bremsekabel bestilt" --staff S-1001
ok "${A[@]}" job set 1 --status working --staff S-1001
at 2025-05-13T14:00
ok "${A[@]}" job set 1 --time 45 --staff S-2001
ok "${A[@]}" job set 1 --status done --time 15 --staff S-1001
ok "${A[@]}" job list
out_line '^1 +done +2025-05-12 Per Hansen +blå DBS, 26 tommer +bremser og gir$'
at 2025-05-14T16:00
ok "${A[@]}" job set 1 --status hentet --staff S-1001
refused "${A[@]}" job set 1 --status working --staff S-1001
err_has "bike job 1 cannot go from picked_up to working"
ok "${A[@]}" job show 1
out_has "bike job 1: picked_up (hentet)"
out_has "customer: Per Hansen, phone 91234567"
out_has "time:     90 min"
out_line '^  Tom Trainee \(S-1001\): 45 min$'
out_line '^  Lise Leder \(S-2001\): 45 min$'
out_line '^  2025-05-12 10:00  working, 30 min \(Tom Trainee\)$'
out_line '^  2025-05-12 10:00  waiting: bremsekabel bestilt \(Tom Trainee\)$'
out_line '^  2025-05-14 16:00  picked_up \(Tom Trainee\)$'
ok "${A[@]}" job list
out_has "0 bike jobs not picked up"
ok "${A[@]}" job list --all
out_has "1 bike job"

# ---- figures: this year with last year in brackets ---------------------------------------------
at 2026-02-01T10:00
ok "${A[@]}" job add --customer "Siri" --bike "rød Kalkhoff" --work "lapp slange"
ok "${A[@]}" item set SYK-2 --status in_repair --note "skeiv felg"
at 2026-02-11T10:00
ok "${A[@]}" repair retire SYK-2 --reason beyond_repair
ok "${A[@]}" job figures --year 2026
out_has "workshop 2026 (2025)"
out_line '^  repairs done: +0 \(1\)$'
out_line '^  median days in repair: +10\.0 \(7\.4\) of 1 \(2\) repairs ended$'
out_line '^  items retired: +1 \(1\)$'
out_line '^    beyond_repair +1 \(0\)$'
out_line '^    unsafe +0 \(1\)$'
out_line '^  bike jobs received: +1 \(1\)$'
out_line '^  bike jobs finished: +0 \(1\)$'
out_line '^  minutes on bike jobs: +0 \(90\)$'
usage "${A[@]}" job figures --year 1970
same "$(sql "select count(*) from repair_step")" 5 "every step stored"
same "$(sql "select count(*) from job_event where job_id = 1")" 7 "intake and six changes"

# ---- a customer asks to be erased: name and phone gone from the file and its log, now ---------
ok "${A[@]}" job add --customer "Ingrid Slettmeg" --phone 98765432 --bike "grønn DBS" --work "gir"
erase_id=$(sql "select max(id) from job")
grep -q "Slettmeg" "$db" "$db-wal" 2>/dev/null || fail "the customer's name should be stored first"
ok "${A[@]}" job erase "$erase_id"
out_has "bike job $erase_id: the customer's name and phone are erased"
if grep -q "Slettmeg\|98765432" "$db" "$db-wal" 2>/dev/null; then
    fail "the erased customer is still in the database file or its log"
fi
same "$(sql "select customer || '|' || phone || '|' || bike from job where id = $erase_id")" \
    "||grønn DBS" "the bike and the work stay"
ok "${A[@]}" job show "$erase_id"
out_has "customer: (cleared"
refused "${A[@]}" job erase 999
err_has "no bike job 999"
usage "${A[@]}" job erase

ok --help
out_has "job erase ID"
out_has "repair retire BARCODE --reason R"
out_has "job set ID [--status S]"
admin_done
