#!/usr/bin/env bash
# Creates a small centre for the kiosk end-to-end tests with bua-admin: staff, borrowers (an adult
# with a child, a blocked one), items on two shelves in every state. Usage: kiosk_fixture.sh ADMIN DB
set -euo pipefail
admin=$1
db=$2
rm -f "$db"
a() { "$admin" --db "$db" --now 2026-03-02T09:00 "$@" >/dev/null; }
a init --timezone Europe/Oslo
echo 1234 | a staff add S-1001 --name "Trine Trainee" --role trainee --pin-stdin
echo 2468 | a staff add S-2001 --name "Lise Leder" --role leader --pin-stdin
a borrower add B-1001 --name "Kari Nordmann" --phone 91234567 --birth-year 1985 --consent
a borrower add B-1002 --name "Ola Nordmann" --birth-year 2015 --responsible B-1001 --consent
a borrower add B-1003 --name "Per Sperret" --phone 98765432 --birth-year 1990 --consent
a borrower block B-1003 --reason "skylder utstyr"
a borrower add B-1004 --name "Siri Hansen" --phone 45678901 --birth-year 1979 --consent
a item add SKI-0001 --name "Langrennski 180 cm" --category Ski --location HYLLE-A1
a item add SKI-0002 --name "Langrennski 160 cm" --category Ski --location HYLLE-A1
a item add SKI-0003 --name "Slalomski 140 cm" --category Ski --location HYLLE-A1
a item add HJELM-0001 --name "Hjelm barn M" --category Hjelm --location HYLLE-A1
a item add SKOYTE-0001 --name "Skøyter str 38" --category "Skøyter" --location HYLLE-B1
a item add TELT-0001 --name "Telt 3 personer" --category Telt --location HYLLE-B1
a item set TELT-0001 --status in_repair --note "ødelagt glidelås"
a item add TELT-0002 --name "Telt 2 personer" --category Telt --location HYLLE-B1
a item add SYKKEL-0001 --name "Sykkel 24 tommer" --category Sykkel --location HYLLE-B1
a item set SYKKEL-0001 --status retired --note "rusten ramme"
a item add SUP-0001 --name "SUP-brett" --category SUP --location HYLLE-B1
a checkout --card B-1004 SUP-0001
a checkout --card B-1001 TELT-0002
