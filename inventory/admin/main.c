/* bua-admin: the command-line tool a centre's leader uses to set up and look after the store.
 *
 * To understand everything else, start reading main(): it takes the global options (--db,
 * --now), finds the database path (adm_db_path), and hands argv from the command word on to one
 * adm_cmd_* function from the `commands` table. Each command parses its own options with
 * adm_parse() (adm_args.c), then opens the database with adm_open() and calls the inventory
 * library (inventory/inventory.h), which does all the work; the commands only check the command
 * line, print results on stdout and one-line messages on stderr, and pick the exit code
 * (ADM_EXIT_*: 0 done, 1 refused or failed, 2 called wrongly).
 *
 *   adm_items.c      item, category
 *   adm_people.c     borrower, staff (PIN from the terminal without echo, or --pin-stdin)
 *   adm_staff.c      staff list, set, disable, enable, pin (the accounts after staff add)
 *   adm_lending.c    checkout, return, overdue
 *   adm_reserve.c    renew, reserve, reservation (list, show, cancel), lend-rules
 *   adm_report.c     report (text in Norwegian, JSON, CSV), check
 *   adm_files.c      import, backup, restore
 *   adm_audit.c      audit (stocktakes: start, scan, finish, show)
 *   adm_history.c    item lost, item found, item history, return SET --missing
 *   adm_calendar.c   calendar (closed days, open days, opening hours)
 *   adm_label.c      label (barcode labels as a PDF)
 *   adm_remind.c     remind, remind-rules, overdue --call-list (adm_send.c: e-mail and SMS)
 *   adm_privacy.c    borrower export, borrower erase, privacy (sweep, rules)
 *   adm_workshop.c   repair (the repair queue), job (customer bike jobs, workshop figures)
 *   adm_training.c   training (work days, corrections, schemes, memberships, figures)
 *   adm_args.c       options, numbers, messages, table cells
 */
#include "adm.h"
#include "inv_paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef int (*AdmCmdFn)(AdmCtx *ctx, int argc, char **argv);

typedef struct AdmCommand {
    const char *name;
    AdmCmdFn fn;
} AdmCommand;

/* clang-format off */
static const AdmCommand commands[] = {
    {"init", adm_cmd_init},         {"item", adm_cmd_item},       {"category", adm_cmd_category},
    {"borrower", adm_cmd_borrower}, {"staff", adm_cmd_staff},     {"checkout", adm_cmd_checkout},
    {"return", adm_cmd_return},     {"overdue", adm_cmd_overdue}, {"backup", adm_cmd_backup},
    {"import", adm_cmd_import},     {"report", adm_cmd_report},   {"check", adm_cmd_check},
    {"demo", adm_cmd_demo},         {"audit", adm_cmd_audit},     {"restore", adm_cmd_restore},
    /* renewals and reservations (adm_reserve.c) */
    {"renew", adm_cmd_renew},       {"reserve", adm_cmd_reserve},
    {"reservation", adm_cmd_reservation},
    {"lend-rules", adm_cmd_lend_rules},
    {"calendar", adm_cmd_calendar},
    {"label", adm_cmd_label},
    {"terms", adm_cmd_terms},
    /* reminders and receipts (adm_remind.c) */
    {"remind", adm_cmd_remind},     {"remind-rules", adm_cmd_remind_rules},
    {"privacy", adm_cmd_privacy},
    /* the workshop (adm_workshop.c) */
    {"repair", adm_cmd_repair},     {"job", adm_cmd_job},
    {"training", adm_cmd_training},
    /* sync (adm_sync.c) */
    {"sync-status", adm_cmd_sync_status},
};
/* clang-format on */

static const char help_text[] =
    "usage: bua-admin [--db PATH] [--config FILE] [--now TIME] COMMAND [ARGS]\n"
    "       bua-admin --help | --version\n"
    "\n"
    "Looks after the database of a BUA lending centre.\n"
    "\n"
    "commands:\n"
    "  init [--timezone ZONE]            create the database (mode 0600); zone default $TZ,\n"
    "                                    else Europe/Oslo\n"
    "  init --centre CODE --device NAME  make the database (new or existing) device NAME of\n"
    "                                    centre CODE for bua-sync ([a-z0-9-], up to 32); its\n"
    "                                    existing rows are sent once\n"
    "  sync-status [--json]              identity, events waiting, last sync, conflicts\n"
    "  item add BARCODE --name N --category C [--location L] [--condition C] [--notes T]\n"
    "           [--loan-days N] [--kit SET_BARCODE]\n"
    "  item list [--category C] [--location L] [--status S]\n"
    "  item show BARCODE                 details, parts of a set, current loan\n"
    "  item set BARCODE [--name N] [--category C] [--location L] [--condition C] [--notes T]\n"
    "           [--loan-days N] [--kit SET_BARCODE]\n"
    "           [--status available|in_repair|missing|retired [--note T]]\n"
    "                                    --loan-days: 1 to 366, 0 for the category's;\n"
    "                                    --kit \"\": no longer a part of a set\n"
    "  category list                     categories, their loan periods and items\n"
    "  category set NAME --loan-days N   loan period of a category\n"
    "  borrower add CARD --name N [--phone P] [--email E] [--birth-year Y]\n"
    "           [--responsible CARD] [--consent]\n"
    "           [--municipality NAME]    one of [centre] municipalities in the settings file,\n"
    "                                    when it lists any (\"\": not given)\n"
    "  borrower list [QUERY]             by name; QUERY matches name, phone or card\n"
    "  borrower show CARD                details, open loans, co-borrowers\n"
    "  borrower block CARD --reason R\n"
    "  borrower unblock CARD\n"
    "  staff add CARD --name N --role trainee|leader [--pin-stdin]\n"
    "                                    asks the PIN (4 to 12 digits) twice on the terminal,\n"
    "                                    or reads one line from stdin with --pin-stdin\n"
    "  checkout --card CARD [--staff STAFFCARD [--relend]] BARCODE...\n"
    "                                    lends the items as one loan, prints the due dates;\n"
    "                                    --relend: an item still marked on loan is taken\n"
    "                                    back first (a leader's STAFFCARD only)\n"
    "  return BARCODE... [--damaged] [--note T] [--staff STAFFCARD]\n"
    "                                    returns each item; damaged ones go to repair\n"
    "  overdue                           items past due: borrower, card, phone, item, due\n"
    "  backup FILE [--force]             copies the database (--force: replace FILE); safe\n"
    "                                    while the kiosk runs\n"
    "  backup --dir DIR [--keep N]       a dated copy DIR/bua-YYYYMMDDTHHMMSSZ.db (UTC), then\n"
    "                                    removes the oldest such copies beyond N (default:\n"
    "                                    [backup] keep of the settings, else 14)\n"
    "  restore BACKUP [--force]          copies a backup into the database, after checking\n"
    "                                    that it is a whole bua-kiosk database; refused while\n"
    "                                    a kiosk or another command has the database open\n"
    "                                    (--force: restore anyway). Never copy with cp\n";

/* Files, figures and stocktakes: its own literal (ISO C limits one string literal to 4095
 * characters). */
static const char help_data[] =
    "  import items|borrowers|loans FILE.csv\n"
    "                                    all rows or none; problems as FILE:LINE: why\n"
    "                                    columns in English or Norwegian (strekkode, navn,\n"
    "                                    kort, lånt, levert, fornyelser, tapt ...); dates\n"
    "                                    2024-12-31T14:05 or 31.12.2024 14:05\n"
    "      [--max-skew SECONDS]          times later than now + SECONDS are refused (600)\n"
    "  report [--year Y] [--format text|json|csv] [--lang nb|en] [--pdf FILE]\n"
    "                                    the year's figures with last year's in brackets\n"
    "                                    (default: this year); --pdf: an A4 PDF with\n"
    "                                    charts per month and category\n"
    "  audit start [ZONE] [--staff STAFFCARD]\n"
    "                                    starts a stocktake of a shelf or zone (none: the\n"
    "                                    whole centre), prints its ID\n"
    "  audit scan ID BARCODE...          records scanned items\n"
    "  audit finish ID                   closes the stocktake\n"
    "  audit show ID [--format text|csv] every line of the result, by group with counts:\n"
    "                                    missing, misplaced, lent, unknown, then found\n"
    "  check                             integrity, summaries and a short count\n"
    "  demo [--seed N]                   fills an empty database with a demo centre: items,\n"
    "                                    borrowers, staff and a year of loans up to now\n"
    "  help                              this text\n";

/* Renewals and reservations (adm_reserve.c). */
static const char help_lend[] =
    "\n"
    "renewals and reservations:\n"
    "  renew BARCODE [--days N] [--staff STAFFCARD]\n"
    "                                    renews the loan of an item: the new period runs from\n"
    "                                    the later of now and the old due day, for the item's\n"
    "                                    loan days (or N, 1 to 366); refused when reserved by\n"
    "                                    someone else in it, after renew_max renewals, or more\n"
    "                                    than renew_overdue_days days late\n"
    "  reserve --card CARD (BARCODE | --category NAME --count N) --from DATE --to DATE\n"
    "          [--staff STAFFCARD]       books one item, or N items of a category (picked and\n"
    "                                    listed), for the whole days DATE to DATE (YYYY-MM-DD);\n"
    "                                    refused naming the clash (another reservation, a loan\n"
    "                                    due on or after the first day) or how many are free\n"
    "  reservation list [--all]          reservations still to come or running (--all: every\n"
    "                                    one): ID, state, days, card, name, collected, items\n"
    "  reservation show ID               details and each item (held, collected or freed)\n"
    "  reservation cancel ID [--staff STAFFCARD]\n"
    "                                    its items are free again\n"
    "  lend-rules [--renew-max N] [--renew-overdue-days N] [--pickup-days N]\n"
    "                                    shows (or sets) the rules: renewals per loan (2),\n"
    "                                    days late a loan may still be renewed (7), days a\n"
    "                                    reservation waits to be collected from its first day\n"
    "                                    (1); one not collected then holds nothing (expired)\n";

/* Lost and found, sets with parts missing, history: its own literal (ISO C limits one string
 * literal to 4095 characters). */
static const char help_items[] =
    "\n"
    "lost and found, sets, history:\n"
    "  item lost BARCODE [--note T] [--staff STAFFCARD]\n"
    "                                    an item on loan is lost: its loan closes as written\n"
    "                                    off, the item is missing; figures stay as counted\n"
    "  item found BARCODE [--note T] [--staff STAFFCARD]\n"
    "                                    a missing or lost item turned up: available again\n"
    "                                    (a part missing from a set: its loan closes)\n"
    "  item history BARCODE [--format text|csv] [--limit N]\n"
    "                                    loans, returns with damage notes, status changes,\n"
    "                                    stocktakes; newest first\n"
    "  return SET --missing PART[,PART...] [--damaged] [--note T] [--staff STAFFCARD]\n"
    "                                    a set back without those parts: they are missing,\n"
    "                                    their loans stay open, the set goes to repair\n";

/* The people commands after registration (adm_people.c, adm_staff.c). */
static const char help_people[] =
    "\n"
    "people (cards are refused once replaced: \"card X was replaced (erstattet) on DATE\"):\n"
    "  borrower set CARD [--name N] [--phone P] [--email E] [--birth-year Y]\n"
    "           [--adult CARD|--no-adult] [--municipality NAME]\n"
    "                                    changes a borrower (\"\" empties phone or email);\n"
    "                                    --adult: the responsible adult of a child\n"
    "  borrower card OLD NEW             replaces a lost card; loans and history follow\n"
    "  staff list                        staff cards, roles, disabled or expiry dates\n"
    "  staff set CARD [--name N] [--role trainee|leader] [--card NEW]\n"
    "           [--expires DATE|--no-expiry]\n"
    "                                    --expires: the card works to the end of DATE\n"
    "  staff disable CARD                the card is refused at login (not the last leader)\n"
    "  staff enable CARD\n"
    "  staff pin CARD [--pin-stdin]      a new PIN (asked as staff add asks it); wrong tries\n"
    "                                    and any lock are cleared\n";
/* The calendar's commands (a literal of their own: ISO C's 4095-character limit). */
static const char help_calendar[] =
    "  calendar show [--year Y | --from DATE --to DATE]\n"
    "                                    the closed days (weekly, public holiday, closure\n"
    "                                    with its note) and the count of open days (default:\n"
    "                                    this year)\n"
    "  calendar closed add DATE [--to DATE] [--note T]\n"
    "                                    closes a day or a range (summer break, Christmas);\n"
    "                                    closures may not overlap\n"
    "  calendar closed remove DATE       removes the closure that starts on DATE\n"
    "  calendar weekly --closed DAYS     closed weekdays, e.g. wed,sun (or ons,søn); none\n"
    "                                    opens every weekday; one must stay open\n"
    "  calendar holidays closed|open     whether the Norwegian public holidays (Easter,\n"
    "                                    Whitsun, 17 May ...) are closed days (the default)\n"
    "  calendar hours [HH:MM-HH:MM [--day DAYS]]\n"
    "                                    shows or sets the opening hours (every day, or the\n"
    "                                    DAYS given, e.g. sat); default 10:00-18:00; a\n"
    "                                    trainee's forgotten check-out closes at closing time\n"
    "                                    DATE: YYYY-MM-DD or DD.MM.YYYY; due dates move\n"
    "                                    forward to the next open day\n";
/* Reminders and receipts (adm_remind.c): a literal of their own (ISO C's 4095 characters). */
static const char help_remind[] =
    "\n"
    "reminders and receipts (settings: [smtp] and [sms] of the settings file):\n"
    "  remind [--dry-run]                one round: queues the reminders due (the first open\n"
    "                                    day after the due day, then every remind_every_days\n"
    "                                    days, at most remind_max), then sends what is queued\n"
    "                                    by e-mail and SMS; failures are retried later (10 min,\n"
    "                                    doubling, at most 12 h); exits 1 naming the server\n"
    "                                    and its answer when one fails. --dry-run: lists what\n"
    "                                    would be sent to whom, changes nothing\n"
    "  remind --status                   each channel (working, or failing since when and\n"
    "                                    the answer), messages by state, those in doubt\n"
    "  remind --resend ID                a message in doubt (a round stopped while sending\n"
    "                                    it) that did not arrive is sent in the next round\n"
    "  remind-rules [--every-days N] [--max N]\n"
    "                                    shows (or sets) days between reminders (7, 1 to 60)\n"
    "                                    and reminders per loan (3, 0 to 10; 0: none)\n"
    "  overdue --call-list               borrowers with items overdue whom no message reaches\n"
    "                                    (no consent or address): name, card, phone (the\n"
    "                                    guardian's for a child), days late, items\n"
    "  borrower set CARD [--receipts yes|no] [--language nb|en]\n"
    "                                    a receipt by e-mail or SMS after each checkout; the\n"
    "                                    language of messages (\"\": the centre's, nb)\n";

/* Labels (adm_label.c): a literal of their own (ISO C's 4095-character limit). */
static const char help_label[] =
    "\n"
    "labels:\n"
    "  label item|card|zone CODE... --out FILE.pdf [--sheet a4-3x8|a4-2x7|roll-62mm]\n"
    "        [--symbology code128|datamatrix] [--start N] [--centre NAME]\n"
    "                                    barcode labels as a PDF: an item's name, or \"Lånekort\"\n"
    "                                    (never the holder's name), or the zone, and the centre\n"
    "                                    (--centre, else centre_name of the settings, else BUA)\n"
    "                                    under the code; items and cards must be known, a zone\n"
    "                                    must not be an item's barcode, codes printable ASCII.\n"
    "                                    Sheets: a4-3x8 (default) 24 labels of 70 x 37 mm\n"
    "                                    (Avery Zweckform 3474), a4-2x7 14 of 105 x 42.3 mm\n"
    "                                    (Herma 4625), roll-62mm one a page (Brother DK-22205);\n"
    "                                    more labels go on more pages. --start N: the first\n"
    "                                    label goes in place N of a part-used sheet (1 is top\n"
    "                                    left, counted left to right). Print at actual size:\n"
    "                                    lp FILE.pdf\n";

/* Consent (adm_consent.c, adm_people.c): a literal of its own (ISO C's 4095 characters). */
static const char help_consent[] =
    "\n"
    "consent (the terms: TERMS/nb.txt and en.txt, first line \"version: V\"; TERMS is\n"
    "[centre] terms = DIR of the settings, else the data folder's terms):\n"
    "  terms show [--lang nb|en]         the current terms and their version (default nb)\n"
    "  borrower add ... --consent [--consent-version V] [--staff STAFFCARD]\n"
    "                                    records the consent with the current version (or V,\n"
    "                                    e.g. a paper form of older terms), the time, and who\n"
    "                                    accepted: the person, or for a child the --responsible\n"
    "                                    adult (who must have accepted the terms); --staff:\n"
    "                                    the staff member who registered them\n"
    "  borrower add ... [--contact sms,email|none]\n"
    "  borrower set CARD [--contact sms,email|none] [--email ADDR]\n"
    "                                    the separate, optional consent to be contacted by\n"
    "                                    SMS (needs a phone: 8 to 15 digits) and/or e-mail\n"
    "                                    (needs an address like name@example.no); a child's\n"
    "                                    may use the responsible adult's\n";

/* Personal data (adm_privacy.c): a literal of its own (ISO C's 4095-character limit). */
static const char help_privacy[] =
    "\n"
    "personal data:\n"
    "  borrower export CARD [--format text|json] [--staff STAFFCARD]\n"
    "                                    everything held on the person: registration and\n"
    "                                    consent, adult or children, loans, renewals,\n"
    "                                    reservations, changes, replaced cards, access log\n"
    "                                    (export and show are logged there)\n"
    "  borrower erase CARD [--staff STAFFCARD]\n"
    "                                    erases the person (and children registered by them):\n"
    "                                    name, card, phone, e-mail, birth year, municipality\n"
    "                                    gone from the file and its log; loans and figures\n"
    "                                    keep an anonymous key. Refused while items are on loan\n"
    "  privacy sweep [--dry-run]         erases borrowers inactive for retention_months, prunes\n"
    "                                    the access log, detaches loan history older than\n"
    "                                    history_months, clears bike-job customers picked up\n"
    "                                    and deletes scheme memberships ended more than\n"
    "                                    retention_months ago (--dry-run: lists who, changes\n"
    "                                    nothing); the bua-privacy timer runs it daily\n"
    "  privacy rules [--retention-months N] [--history-months N]\n"
    "                                    shows (or sets) the rules: months without loan, return,\n"
    "                                    reservation or login before erasure, 1 to 240 (24);\n"
    "                                    months loan history stays with the person, 12 to\n"
    "                                    1200 (60)\n";

/* The workshop's commands (a literal of their own: ISO C's 4095-character limit). */
static const char help_workshop[] =
    "\n"
    "the workshop (--staff STAFFCARD: who did it, a trainee or a leader):\n"
    "  repair list                       the items in repair, oldest first: days waiting,\n"
    "                                    waiting for parts, the latest damage note\n"
    "  repair show BARCODE               its damage notes and the steps taken, with who\n"
    "  repair note BARCODE --note T      what was done; it stays in repair\n"
    "  repair wait BARCODE [--note T]    waiting for parts: stays in the queue, marked\n"
    "  repair ready BARCODE [--note T]   repaired: available again\n"
    "  repair retire BARCODE --reason R [--note T]\n"
    "                                    retired; R: beyond_repair, not_worth, unsafe,\n"
    "                                    no_parts or other\n"
    "  job add --customer N --bike B --work W [--phone P] [--staff STAFFCARD]\n"
    "                                    a customer's bike job; prints its number\n"
    "  job list [--all]                  jobs not picked up, oldest first (--all: every\n"
    "                                    one, newest first)\n"
    "  job show ID                       customer, bike, work, time per staff member and\n"
    "                                    every change with who and when\n"
    "  job set ID [--status S] [--time MINUTES --staff STAFFCARD] [--note T]\n"
    "                                    S: received|mottatt, working|under_arbeid,\n"
    "                                    waiting|venter_deler, done|ferdig, picked_up|hentet;\n"
    "                                    moves: received to working or picked up; working to\n"
    "                                    waiting, done or picked up; waiting to working or\n"
    "                                    picked up; done to working or picked up\n"
    "  job figures [--year Y]            the workshop's figures of Y (last year's in\n"
    "                                    brackets): repairs, days in repair, retired, jobs\n"
    "  job erase ID                      the customer asks to be erased: their name and\n"
    "                                    phone are gone now (privacy sweep: 24 months after\n"
    "                                    pick-up)\n";

/* Work training (adm_training.c; a literal of its own: ISO C's 4095-character limit). Scheme
 * membership is sensitive: bua-admin is the leaders' tool, the kiosk shows it to no one else. */
static const char help_training[] =
    "\n"
    "work training (trainees check in and out with their staff card at the kiosk):\n"
    "  training report [--year Y]        participants, days, hours, full-time equivalents,\n"
    "                                    persons/hours per scheme (last year in brackets) and\n"
    "                                    each trainee's days, hours, loans, items, returns and\n"
    "                                    registrations (default: this year)\n"
    "  training days [--card CARD] [--from DATE] [--to DATE]\n"
    "                                    work days, newest first (default: the last 31 days);\n"
    "                                    marks days closed at closing time and corrections\n"
    "  training day set CARD DATE --in HH:MM --out HH:MM [--staff LEADERCARD]\n"
    "                                    sets a trainee's day to one shift (replacing the\n"
    "                                    day's check-ins), recorded as corrected\n"
    "  training day clear CARD DATE [--staff LEADERCARD]\n"
    "                                    removes a day checked in by mistake\n"
    "  training scheme list|add NAME|rename NAME NEW|remove NAME\n"
    "                                    the centre's schemes (Arbeidstrening NAV,\n"
    "                                    Aktivitetsplikt, VTO, Samfunnsstraff, Frivillig,\n"
    "                                    Sommerjobb to begin with); one in use is not removed\n"
    "  training member add CARD --scheme NAME --from DATE [--to DATE] [--staff LEADERCARD]\n"
    "  training member list [CARD]       who belongs to which scheme, from and to\n"
    "  training member end ID --to DATE\n"
    "  training member remove ID\n"
    "  training fte-hours [HOURS]        shows or sets the hours in one full-time\n"
    "                                    equivalent (årsverk; default 1700)\n"
    "  training sweep --months N [--dry-run]\n"
    "                                    deletes scheme memberships that ended more than N\n"
    "                                    months ago (privacy retention)\n";

/* Split in two: ISO C limits one string literal to 4095 characters. */
/* The national report from the sync server (adm_national.c). */
static const char help_national[] =
    "  report --national --server CONNINFO [--year Y] [--centre CODE]\n"
    "         [--format text|json|csv|pdf] [--out FILE] [--lang nb|en]\n"
    "                                    every centre's figures on the sync server with last\n"
    "                                    year's in brackets, their ranking by loans (\"4. plass\n"
    "                                    av 260\") and the national totals; --centre: that\n"
    "                                    centre's block and place; pdf needs --out. The role\n"
    "                                    needs only bua_national (no personal data)\n"
    "  report --national --verify --server CONNINFO [--year Y] [--centre CODE]\n"
    "                                    recounts the year from the server's loans and\n"
    "                                    compares with the summaries; each difference is an\n"
    "                                    error naming centre, year and figure (exit 1)\n";

static const char help_options[] =
    "\n"
    "global options:\n"
    "  --db PATH     the database (else $BUA_DB, else database = in [kiosk] of the settings,\n"
    "                else /var/lib/bua-kiosk/bua.db when that folder exists (an installed\n"
    "                kiosk: run commands as its user, sudo -u bua-kiosk bua-admin ...), else\n"
    "                $XDG_DATA_HOME/bua-kiosk/bua.db, XDG_DATA_HOME defaulting to\n"
    "                ~/.local/share; init creates that folder)\n"
    "  --config FILE the kiosk's settings (else $BUA_CONFIG, else /etc/bua-kiosk/kiosk.ini if\n"
    "                it exists): the database and [backup] keep are read from it\n"
    "  --now TIME    act as if it were TIME (ISO 8601, centre's local time unless a zone is\n"
    "                given): back-dating and tests\n"
    "  --version     the version\n"
    "\n"
    "Times are shown in the centre's local time.\n"
    "\n"
    "exit status:\n"
    "  0  done\n"
    "  1  refused or failed (message on stderr), e.g. a loan refused, a file refused, no\n"
    "     database; return exits 1 unless every item was returned\n"
    "  2  called wrongly: unknown command or option, missing or invalid argument\n";

static int finish(int rc);
static int db_path(AdmCtx *ctx, const char *opt_db, const char *opt_config);
static void give_to_folder_owner(const char *db, const char *folder);
static void folder_of(const char *path, char *buf, size_t size);
static bool is_folder(const char *path);
static int make_folders(const char *path);

int main(int argc, char **argv)
{
    AdmCtx ctx = {0};
    const char *opt_db = NULL;
    const char *opt_config = NULL;
    int i = 1;

    while (i < argc && argv[i][0] == '-') {
        const char *arg = argv[i];
        const char **target = NULL;
        const char *name = NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            adm_print_help();
            return finish(ADM_EXIT_OK);
        }
        if (strcmp(arg, "--version") == 0) {
            printf("bua-admin %s\n", inv_version());
            return finish(ADM_EXIT_OK);
        }
        if (strncmp(arg, "--config", 8) == 0 && (arg[8] == '\0' || arg[8] == '=')) {
            target = &opt_config;
            name = "--config";
        } else if (strncmp(arg, "--db", 4) == 0 && (arg[4] == '\0' || arg[4] == '=')) {
            target = &opt_db;
            name = "--db";
        } else if (strncmp(arg, "--now", 5) == 0 && (arg[5] == '\0' || arg[5] == '=')) {
            target = &ctx.now_text;
            name = "--now";
        } else {
            return adm_usage("unknown option %s (see bua-admin --help)", arg);
        }
        const char *eq = strchr(arg, '=');
        if (eq != NULL) {
            *target = eq + 1;
        } else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
            *target = argv[++i];
        } else {
            return adm_usage("option %s needs a value", name);
        }
        if ((*target)[0] == '\0') {
            return adm_usage("option %s needs a value", name);
        }
        i++;
    }
    if (i >= argc) {
        return adm_usage("missing command (see bua-admin --help)");
    }
    const char *word = argv[i];
    if (strcmp(word, "help") == 0) {
        adm_print_help();
        return finish(ADM_EXIT_OK);
    }
    const AdmCommand *cmd = NULL;
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        if (strcmp(commands[k].name, word) == 0) {
            cmd = &commands[k];
            break;
        }
    }
    if (cmd == NULL) {
        return adm_usage("unknown command '%s' (see bua-admin --help)", word);
    }
    if (adm_wants_help(argc - i, argv + i)) {
        adm_print_help();
        return finish(ADM_EXIT_OK);
    }
    int rc = db_path(&ctx, opt_db, opt_config);
    if (rc == ADM_EXIT_OK) {
        rc = cmd->fn(&ctx, argc - i, argv + i);
    }
    inv_close(ctx.db);
    return finish(rc);
}

void adm_print_help(void)
{
    fputs(help_text, stdout);
    fputs(help_data, stdout);
    fputs(help_lend, stdout);
    fputs(help_items, stdout);
    fputs(help_people, stdout);
    fputs(help_calendar, stdout);
    fputs(help_label, stdout);
    fputs(help_consent, stdout);
    fputs(help_remind, stdout);
    fputs(help_privacy, stdout);
    fputs(help_workshop, stdout);
    fputs(help_training, stdout);
    fputs(help_national, stdout);
    fputs(help_options, stdout);
}

int adm_open(AdmCtx *ctx)
{
    struct stat st = {0};
    char folder[ADM_PATH_MAX] = "";
    char msg[INV_MSG_MAX] = "";

    if (stat(ctx->db_path, &st) != 0) {
        int err = errno;
        folder_of(ctx->db_path, folder, sizeof folder);
        if (err == ENOENT && !is_folder(folder)) {
            return adm_fail("cannot open database %s: no such folder %s", ctx->db_path, folder);
        }
        if (err == ENOENT) {
            return adm_fail("no database at %s: run bua-admin init", ctx->db_path);
        }
        return adm_fail("cannot open database %s: %s", ctx->db_path, adm_errno_text(err));
    }
    if (S_ISDIR(st.st_mode)) {
        return adm_fail("cannot open database %s: is a folder", ctx->db_path);
    }
    InvOpenOptions opt = {.path = ctx->db_path, .create = false};
    int err = inv_open(&opt, &ctx->db, msg, sizeof msg);
    if (err != INV_OK) {
        ctx->db = NULL;
        if (msg[0] == '\0') {
            return adm_fail("cannot open database %s: %s", ctx->db_path, inv_strerror(err));
        }
        return adm_fail("%s", msg);
    }
    inv_set_busy_timeout(ctx->db, ADM_BUSY_TIMEOUT_MS);
    if (ctx->now_text != NULL) {
        if (!inv_time_parse(ctx->now_text, &ctx->now)) {
            return adm_usage("invalid --now '%s': not a date and time (YYYY-MM-DD[THH:MM])",
                             ctx->now_text);
        }
    } else {
        ctx->now = (int64_t)time(NULL);
    }
    return ADM_EXIT_OK;
}

int adm_cmd_init(AdmCtx *ctx, int argc, char **argv)
{
    const char *zone = NULL;
    const char *centre = NULL;
    const char *device = NULL;
    const AdmOpt opts[] = {
        {"--timezone", &zone, NULL}, {"--centre", &centre, NULL}, {"--device", &device, NULL}};
    size_t n_pos = 0;
    struct stat st = {0};
    char folder[ADM_PATH_MAX] = "";
    char msg[INV_MSG_MAX] = "";

    int rc = adm_parse("init", argc, argv, opts, 3, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("init", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    if (zone != NULL && zone[0] == '\0') {
        return adm_usage("option --timezone of init needs a value");
    }
    if ((centre == NULL) != (device == NULL)) {
        return adm_usage("init: --centre and --device go together");
    }
    if (stat(ctx->db_path, &st) == 0) {
        if (centre != NULL) { /* an existing database becomes a device of a centre */
            rc = adm_open(ctx);
            return rc == ADM_EXIT_OK ? adm_sync_identity(ctx, centre, device) : rc;
        }
        return adm_fail("cannot create database %s: it exists already", ctx->db_path);
    }
    folder_of(ctx->db_path, folder, sizeof folder);
    if (!is_folder(folder)) {
        if (!ctx->db_is_default) {
            return adm_fail("cannot create database %s: no such folder %s", ctx->db_path, folder);
        }
        if (make_folders(folder) != 0) {
            return adm_fail("cannot create folder %s: %s", folder, adm_errno_text(errno));
        }
    }
    InvOpenOptions opt = {.path = ctx->db_path, .create = true, .timezone = zone};
    int err = inv_open(&opt, &ctx->db, msg, sizeof msg);
    if (err != INV_OK) {
        ctx->db = NULL;
        if (msg[0] == '\0') {
            return adm_fail("cannot create database %s: %s", ctx->db_path, inv_strerror(err));
        }
        return adm_fail("%s", msg);
    }
    give_to_folder_owner(ctx->db_path, folder);
    printf("created database %s (time zone %s)\n", ctx->db_path, inv_timezone(ctx->db));
    return centre != NULL ? adm_sync_identity(ctx, centre, device) : ADM_EXIT_OK;
}

/* Flushes stdout: output that could not be written (a full disk) is a failure, also when an
 * earlier write already failed and its buffer is gone (ferror). */
static int finish(int rc)
{
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == ADM_EXIT_OK) {
        return adm_fail("cannot write the output: %s", adm_errno_text(errno));
    }
    return rc;
}

/* The database, found as the kiosk finds it (inv_paths_db): --db, $BUA_DB, the settings file's
 * database =, /var/lib/bua-kiosk/bua.db when installed, else the user's. */
static int db_path(AdmCtx *ctx, const char *opt_db, const char *opt_config)
{
    char config_db[ADM_PATH_MAX] = "";
    char msg[ADM_PATH_MAX + 64] = "";
    InvDbFrom from = INV_DB_FROM_OPTION;

    int has = inv_paths_config(opt_config, ctx->config, sizeof ctx->config);
    if (has < 0) {
        return adm_usage("invalid settings path: longer than %zu bytes", sizeof ctx->config - 1);
    }
    if (has > 0 && opt_db == NULL &&
        inv_paths_config_get(ctx->config, "kiosk", "database", config_db, sizeof config_db, msg,
                             sizeof msg) < 0) {
        return adm_fail("%s", msg);
    }
    if (inv_paths_db(opt_db, config_db, ctx->db_path, sizeof ctx->db_path, &from, msg,
                     sizeof msg) != 0) {
        return adm_usage("%s", msg);
    }
    ctx->db_is_default = from == INV_DB_FROM_USER;
    return ADM_EXIT_OK;
}

/* `sudo bua-admin init` on an installed kiosk: the database belongs to the service user who
 * owns its folder (bua-kiosk), not to root, or the kiosk could not open it. SQLite gives the
 * journal files it makes later the database's owner. */
static void give_to_folder_owner(const char *db, const char *folder)
{
    struct stat st = {0};
    if (geteuid() != 0 || stat(folder, &st) != 0 || st.st_uid == 0) {
        return;
    }
    const char *const tails[] = {"", "-wal", "-shm"};
    for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
        char path[ADM_PATH_MAX + 8] = "";
        snprintf(path, sizeof path, "%s%s", db, tails[k]);
        if (chown(path, st.st_uid, st.st_gid) != 0 && errno != ENOENT) {
            fprintf(stderr, "bua-admin: cannot give %s to the folder's owner: %s\n", path,
                    adm_errno_text(errno));
        }
    }
}

static void folder_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        adm_copy(buf, size, ".");
        return;
    }
    if (slash == path) {
        adm_copy(buf, size, "/");
        return;
    }
    size_t len = (size_t)(slash - path);
    if (len >= size) {
        len = size - 1;
    }
    memcpy(buf, path, len);
    buf[len] = '\0';
}

static bool is_folder(const char *path)
{
    struct stat st = {0};
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p with mode 0700 for the folders it makes. */
static int make_folders(const char *path)
{
    char buf[ADM_PATH_MAX] = "";
    adm_copy(buf, sizeof buf, path);
    for (char *p = buf + 1; *p != '\0'; p++) {
        if (*p != '/') {
            continue;
        }
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
            return -1;
        }
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
        return -1;
    }
    return 0;
}
