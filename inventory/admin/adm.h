/* adm: internals of the bua-admin command-line tool, shared by its files (see main.c). */
#ifndef BUA_ADM_H
#define BUA_ADM_H

#include "inventory.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__) || defined(__clang__)
#define ADM_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define ADM_PRINTF(fmt, first)
#endif

/* Exit codes, as `bua-admin --help` documents them. */
enum {
    ADM_EXIT_OK = 0,    /* the command did what was asked */
    ADM_EXIT_FAIL = 1,  /* refused or failed (a loan refused, a file refused, no database) */
    ADM_EXIT_USAGE = 2, /* bua-admin was called wrongly (unknown command or option, bad value) */
};

#define ADM_PATH_MAX 4096
/* A command waits this long for another writer: the write phase of the largest import a centre
 * makes (1.2M loan rows) holds the lock a few seconds; a kiosk checkout far less. */
#define ADM_BUSY_TIMEOUT_MS 60000
#define ADM_YEAR_MIN 1970
#define ADM_YEAR_MAX 9999

/* What every command gets: the database path and where it came from, the clock, the handle. */
typedef struct AdmCtx {
    char db_path[ADM_PATH_MAX];
    bool db_is_default;   /* from $XDG_DATA_HOME or ~/.local/share: init may create its folder */
    const char *now_text; /* --now, parsed after the database is open (centre's local time) */
    int64_t now;
    InvDb *db;
    /* the settings file (--config, $BUA_CONFIG, /etc/bua-kiosk/kiosk.ini), "" for none */
    char config[ADM_PATH_MAX];
} AdmCtx;

/* ---- commands (argv[0] is the command word; each returns an ADM_EXIT_* code) ---------------- */

int adm_cmd_init(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_item(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_category(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_borrower(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_staff(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_checkout(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_return(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_overdue(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_backup(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_restore(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_import(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_report(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_check(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_demo(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_audit(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_renew(AdmCtx *ctx, int argc, char **argv);       /* adm_reserve.c */
int adm_cmd_reserve(AdmCtx *ctx, int argc, char **argv);     /* adm_reserve.c */
int adm_cmd_reservation(AdmCtx *ctx, int argc, char **argv); /* adm_reserve.c */
int adm_cmd_lend_rules(AdmCtx *ctx, int argc, char **argv);  /* adm_reserve.c */

/* item lost, item found, item history (adm_history.c; argv[0] is the subcommand word). */
int adm_item_lost(AdmCtx *ctx, int argc, char **argv);
int adm_item_found(AdmCtx *ctx, int argc, char **argv);
int adm_item_history(AdmCtx *ctx, int argc, char **argv);

/* item show: "damage:" and the last damage noted at a return of the item, if any. */
int adm_print_damage(AdmCtx *ctx, const char *barcode);

/* return SET --missing PART,...: the set comes back without the parts listed (adm_history.c);
 * the database is open. */
int adm_return_missing(AdmCtx *ctx, const char *barcode, const char *missing, bool damaged,
                       const char *note, int64_t staff_no);

/* The staff subcommands after add: list, set, disable, enable, pin (adm_staff.c). */
int adm_staff_account(AdmCtx *ctx, int argc, char **argv);

/* Reads a new PIN for staff member `name`: twice on the terminal without echo, or one line from
 * stdin (from_stdin). A failure's message starts with `what` ("cannot add staff S-1").
 * ADM_EXIT_OK with a 4 to 12 digit PIN in pin[size], else a failure code after a message. */
int adm_read_pin(const char *name, const char *what, bool from_stdin, char *pin, size_t size);

/* How to reach a borrower, as text (not escaped): the phone, a child's responsible adult's phone
 * followed by " (guardian)" when the child has none, or "-". */
void adm_contact(AdmCtx *ctx, const InvBorrower *b, char *buf, size_t size);

/* The id of staff card `card` given with --staff (no PIN: whoever runs bua-admin has the
 * database file anyway) into *out; ADM_EXIT_OK, or a failure code after a message ("unknown
 * staff card X (--staff)"). The database is open. */
int adm_staff_id(AdmCtx *ctx, const char *card, int64_t *out);

/* Overwrites a secret; volatile stores, so the compiler keeps them. */
void adm_wipe(char *buf, size_t size);
int adm_cmd_calendar(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_label(AdmCtx *ctx, int argc, char **argv); /* adm_label.c */

/* The terms borrowers accept (adm_consent.c): `terms show [--lang nb|en]`, and the current
 * version (ADM_EXIT_FAIL with a message naming the file when the terms cannot be read). */
int adm_cmd_terms(AdmCtx *ctx, int argc, char **argv);
int adm_terms_version(AdmCtx *ctx, char *buf, size_t size);

/* Personal data (adm_privacy.c): borrower export, borrower erase (argv[0] is the subcommand
 * word), and the privacy command (sweep, rules). */
int adm_borrower_export(AdmCtx *ctx, int argc, char **argv);
int adm_borrower_erase(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_privacy(AdmCtx *ctx, int argc, char **argv);
/* the workshop: repair queue and bike jobs (adm_workshop.c) */
int adm_cmd_repair(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_job(AdmCtx *ctx, int argc, char **argv);

/* Work training: days, corrections, schemes, memberships, figures (adm_training.c). */
int adm_cmd_training(AdmCtx *ctx, int argc, char **argv);

/* Sync (adm_sync.c): sync-status; init --centre --device gives the open database its identity. */
int adm_cmd_sync_status(AdmCtx *ctx, int argc, char **argv);
/* Sync conflicts (adm_conflicts.c): conflicts [list] [--all] [--json], conflicts resolve ID. */
int adm_cmd_conflicts(AdmCtx *ctx, int argc, char **argv);
int adm_sync_identity(AdmCtx *ctx, const char *centre, const char *device);
/* "HH:MM" (00:00 to 24:00) into minutes after midnight; ADM_EXIT_USAGE (no message) if not. */
int adm_parse_hhmm(const char *text, int *minutes);

/* Opens ctx->db_path (which must exist) and sets ctx->now; ADM_EXIT_OK or a failure code after
 * a message. main() closes the handle. */
int adm_open(AdmCtx *ctx);

/* ---- backups (adm_files.c, adm_backup.c) ---------------------------------------------------- */

/* Copies the open database to `path` (never half written: a .part file renamed over it);
 * refuses an existing path unless `force`. Prints "backed up DB to PATH". */
int adm_backup_file(AdmCtx *ctx, const char *path, bool force);

/* Opens the database and copies it to DIR/bua-YYYYMMDDTHHMMSSZ.db (UTC, from ctx's clock),
 * then removes the oldest such files beyond `keep_text` (--keep; NULL: [backup] keep of the
 * settings file, else ADM_BACKUP_KEEP). Other files in DIR are never touched. */
int adm_backup_dir(AdmCtx *ctx, const char *dir, const char *keep_text);
#define ADM_BACKUP_KEEP 14
#define ADM_BACKUP_KEEP_MAX 1000

/* ---- arguments (adm_args.c) --------------------------------------------------------------- */

/* One option of a command: a flag (value == NULL) or an option with a value. */
typedef struct AdmOpt {
    const char *name;   /* "--name" */
    const char **value; /* set to the option's value; NULL for a flag */
    bool *flag;         /* set to true for a flag */
} AdmOpt;

/* Parses argv[1..argc-1] of command `cmd` ("item add"): options from `opts` (as "--x V" or
 * "--x=V"; "--" ends the options) and positional arguments, which are moved to the front of
 * argv[0..]; *n_pos gets their count. ADM_EXIT_OK, or ADM_EXIT_USAGE after a message. */
int adm_parse(const char *cmd, int argc, char **argv, const AdmOpt *opts, size_t n_opts,
              size_t *n_pos);

/* Checks the count of positional arguments; `what` names them ("BARCODE"). */
int adm_want_args(const char *cmd, size_t n_pos, size_t min, size_t max, const char *what,
                  char **pos);

/* An ID given on the command line (1 or more): exit 2 "invalid WHAT ID 'TEXT': use the number
 * PRINTER printed" otherwise. */
int adm_parse_id(const char *what, const char *printer, const char *text, int64_t *out);

/* Parses a whole decimal integer in [min, max] given for `what` ("--year"). */
int adm_parse_int(const char *what, const char *text, long min, long max, int *out);

/* True if argv holds "--help" or "-h" before any "--". */
bool adm_wants_help(int argc, char **argv);

/* ---- output (adm_args.c) ------------------------------------------------------------------ */

/* "bua-admin: " + the message + newline on stderr. */
void adm_err(const char *fmt, ...) ADM_PRINTF(1, 2);

/* A usage error: the message on stderr; returns ADM_EXIT_USAGE. */
int adm_usage(const char *fmt, ...) ADM_PRINTF(1, 2);

/* A refusal or failure: the message on stderr; returns ADM_EXIT_FAIL. */
int adm_fail(const char *fmt, ...) ADM_PRINTF(1, 2);

/* A failure of an inv_ call: "bua-admin: <what>: <inv_errmsg or inv_strerror>". */
int adm_fail_inv(AdmCtx *ctx, int err, const char *what);

/* Prints s escaped (adm_esc) and padded with spaces to `width` characters (UTF-8 aware), then a
 * space. */
void adm_cell(const char *s, int width);

/* Formats a time in the centre's local time ("-" for 0). */
void adm_time(int64_t t, bool date_only, char *buf, size_t size);

/* A lowercase text for errno (no such file, permission denied, ...). */
const char *adm_errno_text(int err);

/* Copies src into dst[size], always NUL-terminated; false if it had to be cut. */
bool adm_copy(char *dst, size_t size, const char *src);

/* Copies the value of option `what` into a store field dst[size]; a usage error if it does not
 * fit. */
int adm_field(char *dst, size_t size, const char *what, const char *value);

/* --municipality VALUE into out: "" for none; else checked against `[centre] municipalities`
 * of the settings file when it lists any (the list's spelling is stored). ADM_EXIT_USAGE naming
 * the list if the name is not on it (adm_municipality.c). */
int adm_municipality(AdmCtx *ctx, const char *value, char *out, size_t size);

/* ---- stored text on a terminal (adm_esc.c) ------------------------------------------------- */

/* Room for any stored name or note escaped (each byte at most 4 characters) and its NUL. */
#define ADM_ESC_MAX (INV_TEXT_MAX * 4 + 1)

/* Copies s into buf[size] with what a terminal must not get raw shown as escapes: line breaks
 * and tabs as \n \r \t, other control bytes and broken UTF-8 as \xHH, C1 controls and bidi
 * overrides as \uXXXX (the characters inv_char_is_refused). Cut at a whole character if it does
 * not fit. Returns buf. */
const char *adm_esc(char *buf, size_t size, const char *s);

/* adm_esc into a buffer that lives until the end of the enclosing block: for printf arguments. */
#define ADM_ESC(s) adm_esc((char[ADM_ESC_MAX]){0}, ADM_ESC_MAX, (s))

/* ---- CSV (adm_csv.c) ---------------------------------------------------------------------- */

/* Writes one CSV cell to out: quoted when it holds a comma, quote or line end (RFC 4180), and a
 * cell that starts with = + - @ TAB or CR gets a single quote in front, so a spreadsheet shows
 * it as text instead of running it as a formula (OWASP's CSV injection rule). */
void adm_csv_cell(FILE *out, const char *s);

/* The usage text of all commands (main.c). */
void adm_print_help(void);

/* ---- reminders and receipts (adm_remind.c, adm_send.c) ----------------------------------- */

int adm_cmd_remind(AdmCtx *ctx, int argc, char **argv);
int adm_cmd_remind_rules(AdmCtx *ctx, int argc, char **argv);

/* overdue --call-list: the borrowers no reminder reaches (the database is open). */
int adm_call_list(AdmCtx *ctx);

/* borrower set --receipts yes|no, --language nb|en|"" (either may be NULL): a borrower's wishes
 * for messages, printed as "borrower CARD: receipts yes, language en" (the database is open). */
int adm_borrower_prefs(AdmCtx *ctx, const char *card, const char *receipts, const char *lang);

typedef enum AdmTls { ADM_TLS_NO, ADM_TLS_TRY, ADM_TLS_REQUIRED } AdmTls;
typedef enum AdmAuth { ADM_AUTH_NONE, ADM_AUTH_BASIC, ADM_AUTH_HEADER } AdmAuth;

/* [smtp] of the settings file. */
typedef struct AdmMailConfig {
    char url[512]; /* smtp://relay:587 or smtps://relay:465 */
    char from[256];
    char user[256]; /* "" : no login */
    char password_file[ADM_PATH_MAX];
    AdmTls starttls;
    int timeout; /* seconds */
} AdmMailConfig;

/* [sms] of the settings file. */
typedef struct AdmSmsConfig {
    char url[512];
    AdmAuth auth;
    char user[256];                 /* basic */
    char secret_file[ADM_PATH_MAX]; /* basic: the password; header: the whole header line */
    char body[1024];                /* with {to} and {text} */
    char content_type[128];         /* json: the values are JSON-escaped; else URL-encoded */
    int timeout;                    /* seconds */
} AdmSmsConfig;

typedef struct AdmChannels {
    bool has_mail;
    bool has_sms;
    AdmMailConfig mail;
    AdmSmsConfig sms;
} AdmChannels;

/* Reads [smtp] and [sms] of the settings file `config` ("" : none, so no channel). 0, or -1
 * with msg naming the file and the setting. */
int adm_channels_load(const char *config, AdmChannels *out, char *msg, size_t msg_size);

/* One message to send. */
typedef struct AdmMessage {
    const char *key; /* inv_out_key: the Message-ID and the Idempotency-Key header */
    const char *to;
    const char *centre;
    const char *subject; /* e-mail only */
    const char *text;
} AdmMessage;

/* Sends by the relay or the gateway: 0 when it took the message (SMTP 250, HTTP 2xx), else -1.
 * Either way answer[size] gets the server's answer or why there was none. */
int adm_send_mail(const AdmMailConfig *cfg, const AdmMessage *m, char *answer, size_t size);
int adm_send_sms(const AdmSmsConfig *cfg, const AdmMessage *m, char *answer, size_t size);

#endif
