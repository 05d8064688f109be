#!/usr/bin/env bash
# e2e: reminders and receipts with real parts. A real SMTP server (aiosmtpd, remind_smtp.py) and
# a small HTTP server playing the SMS gateway (remind_sms.py) run on 127.0.0.1 for the test.
# Checks: the rules, receipts queued in the checkout's transaction, who gets what (a child's
# responsible adult; only with contact consent), the call list, the texts (items, due days,
# centre, open days, nb and en), the dry run (changes nothing), no second sending of a message,
# retry with backoff after a 500, a hanging gateway, a refusing relay, secrets readable by
# others, overlapping rounds, and rounds killed with SIGKILL at random points: no message twice.
# Fails (never skips) when python3-aiosmtpd is missing.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"
here=$(cd "$(dirname "$0")" && pwd)

# Debian's python (python3-aiosmtpd is a Debian package), else the first python3
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
"$PY" -c 'import aiosmtpd' 2>/dev/null ||
    { echo "FAIL: python3-aiosmtpd is missing (apt install python3-aiosmtpd)" >&2; exit 1; }

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# start NAME: runs remind_NAME.py on folder $tmp/NAME and waits for its port
start() {
    mkdir -p "$tmp/$1"
    SMTP_USER=bua-hamar SMTP_PASSWORD='s3cret pass' "$PY" "$here/remind_$1.py" "$tmp/$1" \
        2>"$tmp/$1.log" &
    pids+=($!)
    for _ in $(seq 100); do
        [ -s "$tmp/$1/port" ] && return 0
        sleep 0.1
    done
    cat "$tmp/$1.log" >&2
    echo "FAIL: the $1 server did not start" >&2
    exit 1
}
start smtp
start sms
smtp_port=$(cat "$tmp/smtp/port")
sms_port=$(cat "$tmp/sms/port")

printf 's3cret pass\n' >"$tmp/smtp-password"
printf 'Authorization: Bearer t0ken\n' >"$tmp/sms-secret"
chmod 600 "$tmp/smtp-password" "$tmp/sms-secret"
ini="$tmp/kiosk.ini"
cat >"$ini" <<EOF
[kiosk]
centre_name = BUA Hamar
[smtp]
url = smtp://127.0.0.1:$smtp_port
from = utlan@bua-hamar.example
starttls = try
user = bua-hamar
password_file = $tmp/smtp-password
timeout = 5
[sms]
url = http://127.0.0.1:$sms_port/send
auth = header
secret_file = $tmp/sms-secret
timeout = 2
EOF

mails() { find "$tmp/smtp/mail" -name '*.eml' | wc -l; }
smses() { find "$tmp/sms/sms" -name '*.json' | wc -l; }
# the file of the mail / SMS sent with key KEY
mail_of() { grep -l "^Message-ID: <bua-$1@" "$tmp"/smtp/mail/*.eml; }
sms_of() { grep -l "\"Idempotency-Key\": \"bua-$1\"" "$tmp"/sms/sms/*.json; }
# the text of an SMS as sent (the JSON body decoded)
sms_text() {
    "$PY" -c 'import json,sys; print(json.loads(json.load(open(sys.argv[1]))["body"])["text"])' "$1"
}
# the text of a mail (body decoded, Subject decoded)
mail_text() {
    "$PY" -c '
import email, email.header, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
print("To:", m["To"])
print("X-Rcpt:", m["X-Rcpt"])
print("Subject:", str(email.header.make_header(email.header.decode_header(m["Subject"]))))
print(m.get_payload(decode=True).decode("utf-8"))' "$1"
}

# ---- the centre: adults, a child, consent to be contacted given (as the consent screen will) --
at 2026-11-02T12:00
ok "${A[@]}" init
for i in 1 2 3 4 5; do ok "${A[@]}" item add "SKI-$i" --name "Ski $i" --category Ski; done
ok "${A[@]}" item add HJ-1 --name "Hjelm" --category Hjelm
ok "${A[@]}" item add HJ-2 --name "Hjelm liten" --category Hjelm
ok "${A[@]}" item add TELT-1 --name "Telt" --category Telt
ok "${A[@]}" borrower add K1 --name "Kari Hansen" --phone 90000001 --email kari@example.no
ok "${A[@]}" borrower add C1 --name "Ola Hansen" --responsible K1
ok "${A[@]}" borrower add P2 --name "Per Berg" --phone 90000002
ok "${A[@]}" borrower add E3 --name "Emma Stone" --email emma@example.no
ok "${A[@]}" borrower add L4 --name "Liv Dahl" --phone 90000004
ok "${A[@]}" borrower add C4 --name "Mia Dahl" --responsible L4
# contact consent: Kari by SMS and e-mail, Emma by e-mail; Per and Liv none
sql "update borrower set contact_consent = 3 where card = 'K1';
     update borrower set contact_consent = 2 where card = 'E3'"

# ---- usage and rules --------------------------------------------------------------------------
ok --help
out_has "remind [--dry-run]"
out_has "remind --status"
out_has "remind --resend ID"
out_has "remind-rules [--every-days N] [--max N]"
out_has "overdue --call-list"
out_has "--receipts yes|no"
usage "${A[@]}" remind now
usage "${A[@]}" remind --dry
usage "${A[@]}" remind-rules --max 11
usage "${A[@]}" remind-rules --every-days 0
usage "${A[@]}" borrower set E3 --receipts maybe
usage "${A[@]}" borrower set E3 --language sv
ok "${A[@]}" remind-rules
out_has "remind_every_days 7"
out_has "remind_max 3"
ok "${A[@]}" remind-rules --every-days 5 --max 2
out_has "remind_every_days 5"
out_has "remind_max 2"
same "$(sql "select value from setting where key = 'remind_max'")" 2 "remind_max stored"

# ---- receipts: queued in the checkout's transaction, only when asked for ---------------------
ok "${A[@]}" borrower set E3 --receipts yes --language en
out_has "borrower E3: receipts yes, language en"
same "$(sql "select fields from person_change order by id desc limit 1")" "receipts,lang"
ok "${A[@]}" borrower set P2 --receipts yes # no consent: no receipt can go
ok "${A[@]}" checkout --card E3 TELT-1 HJ-2 # due 2026-11-09
same "$(sql "select kind, number, channel, to_addr, lang, state from outbox")" \
    "1|0|2|emma@example.no|en|0" "Emma's receipt queued by e-mail"
ok "${A[@]}" checkout --card P2 HJ-1
ok "${A[@]}" checkout --card C1 SKI-1 SKI-2
ok "${A[@]}" checkout --card C4 SKI-3
same "$(sql "select count(*) from outbox")" 1 "no receipt for those who did not ask or consent"

# no channel set up: the receipt waits, the round says why
sed -n '1,2p' "$ini" >"$tmp/bare.ini"
run --config "$tmp/bare.ini" "${A[@]}" remind
[ "$rc" -eq 1 ] || fail "a message waiting for an unset channel exits 1"
err_has "1 e-mails wait: no [smtp] url in the settings $tmp/bare.ini"
same "$(sql "select state from outbox")" 0 "the receipt still queued"

# the receipt goes out, in English, naming the items and their due days
C=(--config "$ini")
ok "${C[@]}" "${A[@]}" remind
out_has "queued 0 reminders"
out_has "sent loan-1-receipt-email (250 2.0.0 queued as 1)"
out_has "sent 0 SMS and 1 e-mail"
same "$(mails)" 1 "one mail"
mail_text "$(mail_of loan-1-receipt-email)" >"$tmp/m1"
grep -qF "X-Rcpt: emma@example.no" "$tmp/m1" || fail "receipt to Emma"
grep -qF "Subject: Your loan at BUA Hamar" "$tmp/m1" || fail "receipt subject"
grep -qF "Hi Emma!" "$tmp/m1" || fail "receipt greeting"
grep -qF "You borrowed this from BUA Hamar:" "$tmp/m1" || fail "receipt intro"
grep -qF -- "- Telt: bring back by Mon 9.11" "$tmp/m1" || fail "receipt line: Telt"
grep -qF -- "- Hjelm liten: bring back by Mon 9.11" "$tmp/m1" || fail "receipt line: Hjelm"
same "$(wc -l <"$tmp/smtp/logins")" 1 "the relay's login was used"
same "$(sql "select state, attempts, answer, sent_at is not null from outbox")" "2|1|250 2.0.0 queued as 1|1"
ok "${C[@]}" "${A[@]}" remind
out_has "sent 0 SMS and 0 e-mails"
same "$(mails)" 1 "a sent message is never sent again"

# ---- before the first open day after the due day: nothing ------------------------------------
at 2026-11-09T20:00
ok "${C[@]}" "${A[@]}" remind
out_has "queued 0 reminders"
# the calendar: Tuesday 10 November closed, so the first reminder is on Wednesday 11th
ok "${A[@]}" calendar closed add 2026-11-10 --note "Kurs"
at 2026-11-10T12:00
ok "${C[@]}" "${A[@]}" remind --dry-run
out_has "dry run: 0 new reminders would be queued"

# ---- the call list and overdue: the guardian's phone for a child --------------------------------
at 2026-11-11T10:00
ok "${A[@]}" overdue
out_line '^Mia Dahl +C4 +90000004 \(guardian\) +SKI-3 '
out_line '^Per Berg +P2 +90000002 +HJ-1 '
ok "${A[@]}" overdue --call-list
out_line '^Per Berg +P2 +90000002 +2 days late: Hjelm$'
out_line '^Mia Dahl +C4 +90000004 \(guardian\) +2 days late: Ski 3$'
out_lacks "Ola Hansen"
out_lacks "Emma"
out_lines 2

# ---- the dry run lists whom, what, and changes nothing ----------------------------------------
before=$(sql "select count(*), sum(state) from outbox")
ok "${C[@]}" "${A[@]}" remind --dry-run
out_has "would send loan-3-reminder-1-sms to 90000001 (Kari Hansen, for Ola Hansen)"
out_has "would send loan-3-reminder-1-email to kari@example.no (Kari Hansen, for Ola Hansen)"
out_has "would send loan-1-reminder-1-email to emma@example.no (Emma Stone)"
out_has "    Ola har lånt dette hos BUA Hamar. Husk å levere det:"
out_has "    - Ski 1, frist man. 9.11"
out_has "    Vi har åpent ons. 11.11, tor. 12.11 og fre. 13.11. Velkommen!"
out_has "    Please bring back what you borrowed from BUA Hamar:"
out_has "dry run: 3 new reminders would be queued; nothing was sent or changed"
out_lacks "Per Berg"
same "$(sql "select count(*), sum(state) from outbox")" "$before" "the dry run changed nothing"
same "$(mails)/$(smses)" "1/0" "the dry run sent nothing"

# ---- the round: Kari by SMS and e-mail for her child, Emma in English ----------------------------
ok "${C[@]}" "${A[@]}" remind
out_has "queued 3 reminders"
out_has "sent 1 SMS and 2 e-mails"
same "$(mails)/$(smses)" "3/1" "two mails and an SMS more"
f=$(sms_of loan-3-reminder-1-sms)
grep -qF '"Authorization": "Bearer t0ken"' "$f" || fail "the gateway's auth header"
grep -qF '"path": "/send"' "$f" || fail "posted to the url's path"
"$PY" -c 'import json,sys; b=json.loads(json.load(open(sys.argv[1]))["body"]); sys.exit(b["to"] != "90000001")' "$f" ||
    fail "the SMS goes to the guardian's phone"
sms_text "$f" >"$tmp/s1"
grep -qF "Hei Kari!" "$tmp/s1" || fail "SMS greets the guardian"
grep -qF "Ola har lånt dette hos BUA Hamar. Husk å levere det:" "$tmp/s1" || fail "SMS names the child"
grep -qF -- "- Ski 1, frist man. 9.11" "$tmp/s1" || fail "SMS names the items and due days"
grep -qF -- "- Ski 2, frist man. 9.11" "$tmp/s1" || fail "SMS names every item"
grep -qF "Vi har åpent ons. 11.11, tor. 12.11 og fre. 13.11. Velkommen!" "$tmp/s1" ||
    fail "SMS names the next open days"
grep -qF "Takk! Hilsen BUA Hamar" "$tmp/s1" || fail "SMS signed by the centre"
mail_text "$(mail_of loan-3-reminder-1-email)" >"$tmp/m2"
grep -qF "X-Rcpt: kari@example.no" "$tmp/m2" || fail "the reminder mail goes to the guardian"
grep -qF "Subject: Påminnelse fra BUA Hamar" "$tmp/m2" || fail "the subject in Norwegian"
mail_text "$(mail_of loan-1-reminder-1-email)" >"$tmp/m3"
grep -qF "Subject: Reminder from BUA Hamar" "$tmp/m3" || fail "Emma's reminder in English"
grep -qF -- "- Telt, due Mon 9.11" "$tmp/m3" || fail "English due day"
grep -qF "We are open Wed 11.11, Thu 12.11 and Fri 13.11. Welcome!" "$tmp/m3" ||
    fail "English open days"

# the same day again, and the next days: nothing twice
ok "${C[@]}" "${A[@]}" remind
out_has "queued 0 reminders"
at 2026-11-13T10:00
ok "${C[@]}" "${A[@]}" remind
out_has "queued 0 reminders"
same "$(mails)/$(smses)" "3/1" "no message twice"
same "$(sql "select count(*) from outbox where state = 2")" 4

# ---- every 5 days, at most 2: the second reminder after the items of one loan came back ---------
ok "${A[@]}" return TELT-1 HJ-2 # Emma's loan is back: no reminder for it
at 2026-11-16T10:00
ok "${C[@]}" "${A[@]}" remind
out_has "queued 2 reminders"
out_has "sent loan-3-reminder-2-sms"
out_has "sent loan-3-reminder-2-email"
same "$(mails)/$(smses)" "4/2"
at 2026-11-21T10:00
ok "${C[@]}" "${A[@]}" remind
out_has "queued 0 reminders" # remind_max 2
same "$(sql "select count(*) from outbox where kind = 2 and loan_id = 3")" 4

# a reminder queued and then returned before it goes: dropped, never sent
ok "${A[@]}" remind-rules --max 3
at 2026-11-21T10:00
run "${A[@]}" remind # no settings file: queued only, the channels wait
[ "$rc" -eq 1 ] || fail "waiting messages exit 1"
ok "${A[@]}" return SKI-1 SKI-2
ok "${C[@]}" "${A[@]}" remind
same "$(sql "select state, answer from outbox where loan_id = 3 and number = 3 limit 1")" \
    "4|dropped: the items came back before it was sent"
same "$(mails)/$(smses)" "4/2" "nothing sent for items back"

# ---- a gateway that answers 500: retried later with backoff, nothing lost -----------------------
sql "update borrower set contact_consent = 1 where card = 'L4'" # Liv by SMS now
echo 500 >"$tmp/sms/mode"
at 2026-11-21T11:00
run "${C[@]}" "${A[@]}" remind
[ "$rc" -eq 1 ] || fail "a failing gateway exits 1"
err_has "SMS gateway http://127.0.0.1:$sms_port/send: HTTP 500: gateway down for maintenance;"
err_has "1 failure in a row since 2026-11-21 11:00; 1 message wait for the next round"
ok "${A[@]}" remind --status
out_line "^sms: +failing: 1 failure in a row since 2026-11-21 11:00; http://127.0.0.1:$sms_port/send: HTTP 500: gateway down for maintenance$"
same "$(sql "select state, attempts, answer from outbox where loan_id = 4")" \
    "0|1|HTTP 500: gateway down for maintenance"
same "$(sql "select next_try - $(date -d '2026-11-21T11:00+01:00' +%s) from outbox where loan_id = 4")" 600 "10 minutes backoff"
run "${C[@]}" "${A[@]}" remind # before the retry is due: not tried
[ "$rc" -eq 0 ] || fail "nothing due to send: exit 0"
same "$(sql "select attempts from outbox where loan_id = 4")" 1 "not tried before its time"
at 2026-11-21T11:11
run "${C[@]}" "${A[@]}" remind
[ "$rc" -eq 1 ] || fail "still failing"
err_has "2 failures in a row since 2026-11-21 11:00"
same "$(sql "select next_try - $(date -d '2026-11-21T11:11+01:00' +%s) from outbox where loan_id = 4")" 1200 "backoff doubles"
same "$(sql "select fails from outbox_channel where channel = 1")" 2
rm "$tmp/sms/mode"
at 2026-11-21T11:32
ok "${C[@]}" "${A[@]}" remind
out_has "sent loan-4-reminder-"
same "$(sql "select state, attempts from outbox where loan_id = 4")" "2|3" "sent on the third try"
same "$(sql "select fails, failing_since is null from outbox_channel where channel = 1")" "0|1"
sms_text "$(sms_of loan-4-reminder-3-sms)" >"$tmp/s2"
grep -qF "Hei Liv!" "$tmp/s2" || fail "Mia's reminder goes to Liv"
grep -qF "Mia har lånt dette hos BUA Hamar" "$tmp/s2" || fail "Mia's reminder names her"

# ---- a gateway that never answers: the timeout ends it, with a clear message ---------------------
at 2026-11-21T12:00
sql "update borrower set contact_consent = 1 where card = 'P2'" # Per by SMS now
echo hang >"$tmp/sms/mode"
t0=$(date +%s)
run "${C[@]}" "${A[@]}" remind
[ "$rc" -eq 1 ] || fail "a hanging gateway exits 1"
[ $(($(date +%s) - t0)) -lt 15 ] || fail "the timeout (2 s) did not end the wait"
err_has "SMS gateway http://127.0.0.1:$sms_port/send: no answer within 2 s"
same "$(sql "select count(*) from outbox where state = 0 and channel = 1")" 1 "still queued"
rm "$tmp/sms/mode"

# ---- a relay that refuses: 550 named, kept for later ---------------------------------------------
at 2026-11-22T12:00
ok "${A[@]}" checkout --card E3 SKI-4 # Emma wants receipts: one more by e-mail
touch "$tmp/smtp/refuse"
run "${C[@]}" "${A[@]}" remind
[ "$rc" -eq 1 ] || fail "a refusing relay exits 1"
err_has "SMTP relay smtp://127.0.0.1:$smtp_port: 550 5.1.1 mailbox unavailable (RCPT failed: 550)"
out_has "sent loan-2-reminder-3-sms" # the SMS went: each channel on its own
same "$(sql "select count(*) from outbox where state = 0 and channel = 2")" 1 "the mail waits"
rm "$tmp/smtp/refuse"
at 2026-11-22T13:00
ok "${C[@]}" "${A[@]}" remind
out_has "sent loan-5-receipt-email"
same "$(sql "select count(*) from outbox where state in (0, 1)")" 0 "all sent"

# ---- secrets readable by others are refused; rounds never overlap ---------------------------------
ok "${A[@]}" borrower set K1 --receipts yes
ok "${A[@]}" checkout --card K1 SKI-5 # a receipt by SMS and by e-mail
chmod 644 "$tmp/sms-secret"
run "${C[@]}" "${A[@]}" remind
[ "$rc" -eq 1 ] || fail "a secret readable by others exits 1"
err_has "[sms] secret_file $tmp/sms-secret is readable by others (mode 0644)"
out_has "sent loan-6-receipt-email"
chmod 600 "$tmp/sms-secret"
flock "$db-remind.lock" sleep 3 &
pids+=($!)
sleep 0.5
at 2026-11-22T14:00
refused "${C[@]}" "${A[@]}" remind
err_has "another reminder round is running on $db"
wait "${pids[-1]}" || true
ok "${C[@]}" "${A[@]}" remind
out_has "sent loan-6-receipt-sms"

# ---- kill -9 in the middle of rounds: never a message twice --------------------------------------
# 24 borrowers, each with a loan overdue and consent to SMS and e-mail: 48 reminders. The gateway
# takes 0.3 s per SMS (recorded before it answers, as a real one); rounds are killed at random
# points, then one runs to the end. Every message sent was received once; one in doubt at most
# once; none twice.
db2="$tmp/kill.db"
K=(--db "$db2" --config "$ini" --now 2026-06-01T12:00)
ok "${K[@]}" init
for i in $(seq 1 24); do
    ok "${K[@]}" item add "K-$i" --name "Kajakk $i" --category Kajakk
    ok "${K[@]}" borrower add "B-$i" --name "Borrower $i" --phone "$((40000000 + i))" --email "b$i@example.no"
    ok "${K[@]}" checkout --card "B-$i" "K-$i"
done
sqlite3 "$db2" "update borrower set contact_consent = 3"
rm -rf "$tmp/smtp/mail" "$tmp/sms/sms"
mkdir -p "$tmp/smtp/mail" "$tmp/sms/sms"
echo slow >"$tmp/sms/mode"
K=(--db "$db2" --config "$ini" --now 2026-06-10T12:00)
kills=0
for round in $(seq 1 12); do
    "$ADMIN" "${K[@]}" remind >"$tmp/kill.out" 2>"$tmp/kill.err" &
    p=$!
    sleep "0.$((RANDOM % 9 + 1))"
    if kill -9 "$p" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$p" 2>/dev/null || true
done
[ "$kills" -ge 6 ] || fail "only $kills rounds were killed"
rm "$tmp/sms/mode"
ok "${K[@]}" remind
ok "${K[@]}" remind
sql2() { sqlite3 -batch -noheader "$db2" "$1"; }
same "$(sql2 "select count(*) from outbox")" 48 "48 reminders, each queued once"
same "$(sql2 "select count(*) from outbox where state in (0, 1)")" 0 "none left queued or sending"
dups=$( (grep -h '^Message-ID:' "$tmp"/smtp/mail/*.eml
    grep -ho '"Idempotency-Key": "[^"]*"' "$tmp"/sms/sms/*.json) | sort | uniq -d)
[ -z "$dups" ] || fail "messages received twice: $dups"
while IFS='|' read -r loan channel state; do
    ch=sms
    [ "$channel" = 2 ] && ch=email
    key="loan-$loan-reminder-1-$ch"
    if [ "$ch" = sms ]; then
        n=$(cat "$tmp"/sms/sms/*.json | grep -c "\"Idempotency-Key\": \"bua-$key\"" || true)
    else
        n=$(cat "$tmp"/smtp/mail/*.eml | grep -c "^Message-ID: <bua-$key@" || true)
    fi
    if [ "$state" = 2 ]; then
        [ "$n" -eq 1 ] || fail "$key sent but received $n times"
    else
        [ "$state" = 3 ] || fail "$key in state $state"
        [ "$n" -le 1 ] || fail "$key in doubt received $n times"
    fi
done < <(sql2 "select loan_id, channel, state from outbox")
doubt=$(sql2 "select count(*) from outbox where state = 3")
echo "kill -9: $kills rounds killed, 48 messages, $doubt in doubt, none twice"

# ---- the messages in doubt: shown, and sent again by hand once staff know they did not arrive ----
ok "${K[@]}" remind --status
out_line '^sms: +working, last sent 2026-06-10 12:00$'
out_line '^e-mail: +working, last sent 2026-06-10 12:00$'
out_has "messages: queued 0, sending 0, sent $((48 - doubt)), in doubt $doubt, dropped 0"
if [ "$doubt" -gt 0 ]; then
    out_has "in doubt (a round stopped while sending"
    id=$(sql2 "select id from outbox where state = 3 order by id limit 1")
    key=$(sql2 "select 'loan-' || loan_id || '-reminder-1-' || case channel when 1 then 'sms'
                else 'email' end from outbox where id = $id")
    out_line "^  $id  $key to "
    ok "${K[@]}" remind --resend "$id"
    out_has "message $id is queued again: the next round sends it"
    ok "${K[@]}" remind
    out_has "sent $key"
    same "$(sql2 "select state from outbox where id = $id")" 2 "sent again by hand"
    refused "${K[@]}" remind --resend "$id"
    err_has "no message $id is in doubt"
fi
usage "${K[@]}" remind --resend abc
usage "${K[@]}" remind --status --dry-run
ok "${A[@]}" remind --status
out_line '^sms: +working, last sent 2026-11-22 14:00$'
out_has "messages: queued 0, sending 0, sent"

admin_done
