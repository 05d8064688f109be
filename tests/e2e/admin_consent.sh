#!/usr/bin/env bash
# e2e: consent with bua-admin: terms show (the version, both languages, a centre's own terms from
# [centre] terms, bad files named), borrower add --consent recording the version, time, who
# accepted (a child's adult) and the staff member, the separate contact consent (add and set)
# with its checks, and borrower show. Refusals exit 1 with the reason, usage errors exit 2.
set -euo pipefail
. "$(dirname "$0")/admin_lib.sh"
admin_setup "$@"

at 2026-12-01T09:00 init
ok "${A[@]}"
run_in 2468 --db "$db" staff add S-1 --name "Lise Leder" --role leader --pin-stdin
[ "$rc" -eq 0 ] || fail "staff add"

# ---- terms show ---------------------------------------------------------------------------------
ok --db "$db" terms show
out_has "version: 2026-12-01"
out_has "Slik tar vi vare på opplysningene dine"
out_has "aldri personnummer"
ok --db "$db" terms show --lang en
out_has "version: 2026-12-01"
out_has "How we look after your information"
usage --db "$db" terms show --lang de
err_has "invalid --lang de: nb or en"
usage --db "$db" terms
usage --db "$db" terms list
# a centre's own terms ([centre] terms in the settings), and their problems named by file
mkdir -p "$tmp/terms"
printf 'version: 7\n\nVåre egne vilkår\n' >"$tmp/terms/nb.txt"
printf 'version: 7\n\nOur own terms\n' >"$tmp/terms/en.txt"
printf '[centre]\nterms = %s\n' "$tmp/terms" >"$tmp/kiosk.ini"
ok --db "$db" --config "$tmp/kiosk.ini" terms show --lang en
out_has "version: 7"
out_has "Our own terms"
printf 'Våre egne vilkår\n' >"$tmp/terms/nb.txt"
refused --db "$db" --config "$tmp/kiosk.ini" terms show
err_has "$tmp/terms/nb.txt:1: the first line must be 'version: V'"
printf 'version: 8\n\nVåre egne vilkår\n' >"$tmp/terms/nb.txt"
refused --db "$db" --config "$tmp/kiosk.ini" terms show
err_has "$tmp/terms/en.txt has version 7 but $tmp/terms/nb.txt has 8"
# a registration with --consent needs terms it can read: refused, nothing added
at 2026-12-01T10:00 borrower add 1009 --name "Ny Person" --consent
refused --config "$tmp/kiosk.ini" "${A[@]}"
same "$(sql "select count(*) from borrower where card = '1009'")" 0 "nothing added"

# ---- borrower add --consent ---------------------------------------------------------------------
at 2026-12-01T10:00 borrower add 1001 --name "Kari Nordmann" --phone 91234567 --birth-year 1985 \
    --consent --staff S-1 --contact sms
ok "${A[@]}"
same "$(sql "select consent || '|' || consent_version || '|' || consent_at || '|' ||
              (consent_by = id) || '|' || contact_consent || '|' ||
              (registered_by = (select id from staff where card = 'S-1'))
             from borrower where card = '1001'")" \
    "1|2026-12-01|$(date -d 2026-12-01T10:00 +%s)|1|1|1" "consent, version, time, by, contact, staff"
ok --db "$db" borrower show 1001
out_has "consent:     yes, terms 2026-12-01, 2026-12-01 10:00"
out_has "contact:     sms"
# a child: the consent is the responsible adult's
at 2026-12-01T10:05 borrower add 1002 --name "Ola Nordmann" --birth-year 2016 --responsible 1001 \
    --consent
ok "${A[@]}"
ok --db "$db" borrower show 1002
out_has "consent:     yes, terms 2026-12-01, 2026-12-01 10:05, by Kari Nordmann (card 1001)"
# an adult who never accepted the terms cannot accept them for a child
at 2026-12-01T10:10 borrower add 1003 --name "Per Hansen" --birth-year 1980
ok "${A[@]}"
at 2026-12-01T10:10 borrower add 1004 --name "Lise Hansen" --birth-year 2017 --responsible 1003 \
    --consent
refused "${A[@]}"
err_has "Per Hansen (card 1003) has not accepted the terms themself and cannot accept them for"
same "$(sql "select count(*) from borrower where card = '1004'")" 0 "nothing added"
# a paper form of older terms
at 2026-12-01T10:15 borrower add 1005 --name "Siri Berg" --consent --consent-version 2025-01-01
ok "${A[@]}"
same "$(sql "select consent_version from borrower where card = '1005'")" 2025-01-01 "paper form"
ok --db "$db" borrower show 1003
out_has "consent:     no"
out_has "contact:     none"
usage --db "$db" borrower add 1006 --name "X" --consent-version 3
err_has "--consent-version needs --consent"
usage --db "$db" borrower add 1006 --name "X" --contact fax
err_has "invalid --contact fax: sms, email, sms,email or none"
refused --db "$db" borrower add 1006 --name "X" --contact email
err_has "contact by e-mail needs an e-mail address (email)"
refused --db "$db" borrower add 1006 --name "X" --phone 12ab5678
err_has "phone 12ab5678 is not a phone number"
refused --db "$db" borrower add 1006 --name "X" --email x@y
err_has "email x@y is not an e-mail address (like name@example.no)"
refused --db "$db" borrower add 1006 --name "X" --consent --staff S-404
same "$(sql "select count(*) from borrower where card = '1006'")" 0 "nothing added"

# ---- borrower set --contact ---------------------------------------------------------------------
at 2026-12-02T09:00 borrower set 1003 --contact sms,email --email per@example.no
refused "${A[@]}"
err_has "contact by SMS needs a phone number (phone)"
same "$(sql "select contact_consent || '|' || email from borrower where card = '1003'")" "0|" \
    "nothing half-written"
at 2026-12-02T09:00 borrower set 1003 --contact sms,email --email per@example.no --phone 47000000
ok "${A[@]}"
out_has "changed borrower 1003: phone email contact"
ok --db "$db" borrower show 1003
out_has "contact:     sms,email"
same "$(sql "select count(*) from person_change pc join borrower b on b.id = pc.borrower_id
             where b.card = '1003' and pc.fields like '%contact%'")" 1 "the change is recorded"
at 2026-12-02T09:05 borrower set 1003 --contact none
ok "${A[@]}"
same "$(sql "select contact_consent from borrower where card = '1003'")" 0 "no contact"
# a child without a phone: by SMS through the adult's
at 2026-12-02T09:10 borrower set 1002 --contact sms
ok "${A[@]}"
usage --db "$db" borrower set 1003 --contact fax
at 2026-12-02T09:15 borrower set 1003 --email "per@"
refused "${A[@]}"
err_has "email per@ is not an e-mail address"
ok --db "$db" --help
out_has "terms show [--lang nb|en]"
out_has "borrower set CARD [--contact sms,email|none] [--email ADDR]"
admin_done
