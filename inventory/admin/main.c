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
 *   adm_calendar.c   calendar (closed days, open days)
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
    "                                    DATE: YYYY-MM-DD or DD.MM.YYYY; due dates move\n"
    "                                    forward to the next open day\n";

/* Split in two: ISO C limits one string literal to 4095 characters. */
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
    const AdmOpt opts[] = {{"--timezone", &zone, NULL}};
    size_t n_pos = 0;
    struct stat st = {0};
    char folder[ADM_PATH_MAX] = "";
    char msg[INV_MSG_MAX] = "";

    int rc = adm_parse("init", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("init", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    if (zone != NULL && zone[0] == '\0') {
        return adm_usage("option --timezone of init needs a value");
    }
    if (stat(ctx->db_path, &st) == 0) {
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
    return ADM_EXIT_OK;
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
