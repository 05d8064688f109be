#!/usr/bin/env bash
# e2e: bua-admin privacy sweep also clears bike-job customers (name and phone) picked up more
# than retention_months ago and deletes scheme memberships that ended more than retention_months
# ago, in the sweep's one transaction: the dry run counts and changes nothing, the sweep reports
# its counts, recent jobs, jobs not picked up and running or recent memberships stay, a second
# sweep finds nothing, and a failure in the last part leaves the first parts unwritten.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2025-01-10T10:00
ok "${A[@]}" init
ok "${A[@]}" privacy rules --retention-months 12
run_in 1234 "${A[@]}" staff add T-1 --name "Tom Trainee" --role trainee --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"
ok "${A[@]}" job add --customer "Per Gammelkunde" --phone 91234567 --bike "blå DBS" --work "gir"
ok "${A[@]}" job add --customer "Ola Venter" --phone 92222222 --bike "BMX" --work "kjede"
ok "${A[@]}" job set 1 --status working --time 30 --staff T-1
ok "${A[@]}" job set 1 --status done --staff T-1
at 2025-01-20T10:00
ok "${A[@]}" job set 1 --status picked_up --staff T-1
ok "${A[@]}" training member add T-1 --scheme VTO --from 2025-01-01 --to 2025-01-31
at 2026-01-05T10:00
ok "${A[@]}" job add --customer "Siri Nykunde" --phone 40000000 --bike "rød Kalkhoff" --work "slange"
ok "${A[@]}" job set 3 --status working --staff T-1
ok "${A[@]}" job set 3 --status done --staff T-1
ok "${A[@]}" job set 3 --status picked_up --staff T-1
ok "${A[@]}" training member add T-1 --scheme Samfunnsstraff --from 2026-01-01 --to 2026-02-28
ok "${A[@]}" training member add T-1 --scheme Aktivitetsplikt --from 2025-01-01

jobs() { sql "select id || ':' || customer || ':' || phone || ':' || (swept_at is not null) from job order by id" | tr '\n' ' '; }
members() { sql "select count(*) from training_member"; }
before_jobs=$(jobs)
same "$before_jobs" "1:Per Gammelkunde:91234567:0 2:Ola Venter:92222222:0 3:Siri Nykunde:40000000:0 " "jobs before"
same "$(members)" 3 "memberships before"

# ---- dry run: counts, changes nothing ------------------------------------------------------------
at 2026-03-01T12:00
ok "${A[@]}" privacy sweep --dry-run
out_line '^would clear 1 bike customer \(name and phone\) picked up more than 12 months ago; would delete 1 scheme membership ended more than 12 months ago$'
same "$(jobs)" "$before_jobs" "the dry run changed no job"
same "$(members)" 3 "the dry run deleted no membership"

# ---- the sweep in one transaction: a failing last part leaves the jobs as they were -------------
cp "$db" "$tmp/fail.db"
sqlite3 "$tmp/fail.db" "create trigger no_delete before delete on training_member begin select raise(abort, 'kept by a test trigger'); end"
refused --db "$tmp/fail.db" --now 2026-03-01T12:00 privacy sweep
one_line_err
err_has "kept by a test trigger"
same "$(sqlite3 "$tmp/fail.db" "select customer || ':' || phone from job where id = 1")" \
    "Per Gammelkunde:91234567" "the job's customer is kept when the sweep fails"

# ---- the sweep ------------------------------------------------------------------------------------
ok "${A[@]}" privacy sweep
out_line '^cleared 1 bike customer \(name and phone\) picked up more than 12 months ago; deleted 1 scheme membership ended more than 12 months ago$'
same "$(jobs)" "1:::1 2:Ola Venter:92222222:0 3:Siri Nykunde:40000000:0 " "only the old picked-up job is cleared"
same "$(sql "select s.name from training_member m join training_scheme s on s.id = m.scheme_id order by s.name" | tr '\n' ' ')" \
    "Aktivitetsplikt Samfunnsstraff " "the long-ended membership is gone; running and recent ones stay"
same "$(members)" 2 "memberships after"
same "$(members)" 2 "memberships after"
ok "${A[@]}" job show 1
out_lacks "Per Gammelkunde"
out_lacks "91234567"
out_has "blå DBS" # the bike and the work stay
ok "${A[@]}" job figures --year 2025
out_line '^  repairs done: +0' # the figures still read
ok "${A[@]}" privacy sweep
out_line '^cleared 0 bike customers .*; deleted 0 scheme memberships '
run --db "$db" --help
out_has "clears bike-job customers picked up"

admin_done
