/* inventory: the SQLite store of a BUA lending centre.
 *
 * Items, borrowers (with co-borrowers under a responsible adult), staff, loans and their lines,
 * stocktakes (audits), and the yearly figures a centre reports. Every write that belongs together
 * is one SQLite transaction: a checkout, a return, an import, an audit step. Nothing here prints;
 * every failure returns an InvErr and leaves a detailed message in inv_errmsg().
 *
 * Time: every timestamp is UTC seconds since the epoch (int64_t). Functions that record an event
 * take `now` from the caller, so the kiosk can run on a scripted clock. Which local day, month and
 * year an event belongs to is decided by the centre's time zone, stored in the database when it is
 * created; inv_open() applies it to the process (it sets TZ), because the C library converts
 * times only through the process-wide zone.
 *
 * Strings in the structs below are NUL-terminated UTF-8 copies owned by the struct; pointers
 * returned by the library are borrowed and valid until the next inv_ call on the same InvDb
 * unless a function says otherwise. An InvDb is used from one thread at a time.
 *
 * Walks (inv_*_each): fn is called once per row with a borrowed struct; a non-zero return stops
 * the walk and is returned as it is. fn may read through other inv_ calls, but must not start
 * the same walk again nor write.
 */
#ifndef BUA_INVENTORY_H
#define BUA_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- errors ------------------------------------------------------------------------------- */

/* X(name, text): each failure has its own code, and the kiosk shows a specific reason for each
 * refusal (the INV_E_ITEM_* and INV_E_BORROWER_* codes). */
#define INV_ERRNO_MAP(X)                                                                           \
    X(IO, "cannot read or write the database")                                                     \
    X(CORRUPT, "the database is damaged")                                                          \
    X(BUSY, "the database is busy")                                                                \
    X(SCHEMA, "the database was made by a newer version")                                          \
    X(NOMEM, "out of memory")                                                                      \
    X(INVALID, "invalid value")                                                                    \
    X(NOT_FOUND, "not found")                                                                      \
    X(EXISTS, "already exists")                                                                    \
    X(UNKNOWN_ITEM, "unknown barcode")                                                             \
    X(UNKNOWN_BORROWER, "unknown card")                                                            \
    X(ITEM_ON_LOAN, "the item is on loan")                                                         \
    X(ITEM_IN_REPAIR, "the item is in repair")                                                     \
    X(ITEM_MISSING, "the item is marked missing")                                                  \
    X(ITEM_RETIRED, "the item is retired")                                                         \
    X(ITEM_TWICE, "the same item is in the checkout twice")                                        \
    X(BORROWER_BLOCKED, "the borrower is blocked")                                                 \
    X(NOT_ON_LOAN, "the item is not on loan")                                                      \
    X(NEEDS_LEADER, "only a leader may do this")                                                   \
    X(AUTH, "wrong card or PIN")                                                                   \
    X(AUDIT_CLOSED, "the stocktake is already finished")                                           \
    X(IMPORT, "the file was refused")                                                              \
    X(LOCKED, "too many wrong PINs: the card is locked")                                           \
    X(FOREIGN, "not a bua-kiosk database")                                                         \
    X(MOVED, "the database file was moved or deleted")                                             \
    X(ITEM_RESERVED, "the item is reserved for someone else")                                      \
    X(RENEW_LIMIT, "the loan has been renewed as often as allowed")                                \
    X(RENEW_OVERDUE, "the loan is too long overdue to renew")                                      \
    X(TOO_FEW_FREE, "not enough items are free in the period")                                     \
    X(RESERVATION_CLOSED, "the reservation is no longer open")                                     \
    X(NOT_MISSING, "the item is not missing")                                                      \
    X(NOT_A_PART, "not a part of this set out on this loan")                                       \
    X(CARD_REPLACED, "the card was replaced by a new one")                                         \
    X(STAFF_DISABLED, "the staff card is disabled")                                                \
    X(STAFF_EXPIRED, "the staff card has expired")                                                 \
    X(LAST_LEADER, "the last leader cannot be disabled")                                           \
    /* consent (inv_consent.c) */                                                                  \
    X(CONSENT_ADULT, "a child's consent must come from their responsible adult")                   \
    /* privacy (inv_privacy.c) */                                                                  \
    X(HAS_LOANS, "the person still has items on loan")                                             \
    /* the workshop: a repair step on an item not in repair; a bike job's status move */           \
    X(NOT_IN_REPAIR, "the item is not in repair")                                                  \
    X(JOB_MOVE, "the bike job cannot move to that status")                                         \
    /* work training: check in and out (inv_training.c) */                                         \
    X(NOT_TRAINEE, "only a trainee checks in and out")                                             \
    X(CHECKED_IN, "already checked in")                                                            \
    X(NOT_CHECKED_IN, "not checked in")

typedef enum InvErr {
    INV_OK = 0,
#define INV_ERR_ENUM(name, text) INV_E_##name,
    INV__E_FIRST = -100,
    INV_ERRNO_MAP(INV_ERR_ENUM)
#undef INV_ERR_ENUM
} InvErr;

/* A short English description of an error code (static storage). */
const char *inv_strerror(int err);

/* ---- limits ------------------------------------------------------------------------------- */

#define INV_CODE_MAX 64  /* barcode or card, bytes including NUL */
#define INV_NAME_MAX 128 /* names, categories, locations */
#define INV_TEXT_MAX 512 /* notes, reasons */
#define INV_PHONE_MAX 32
#define INV_TERMS_VERSION_MAX 32 /* the version of the terms ("2026-12-01") */
#define INV_MSG_MAX 512          /* inv_errmsg() */
#define INV_IMPORT_PROBLEMS_MAX 20
#define INV_CHECKOUT_MAX 64 /* items in one checkout */
#define INV_DEFAULT_LOAN_DAYS 7
#define INV_PIN_MIN 4 /* a staff PIN has 4 to 12 digits */
#define INV_PIN_MAX 12
#define INV_PIN_TRIES 3         /* wrong PINs in a row that lock a staff card (inv_staff_login) */
#define INV_PIN_LOCK_SECONDS 30 /* how long the card stays locked */

/* true for a character that names and notes may not hold: control characters (C0, DEL, C1
 * such as the 8-bit CSI U+009B) and bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069).
 * Adding or changing a name or note with one is INV_E_INVALID naming the field; output that
 * shows stored text escapes them (bua-admin does). */
bool inv_char_is_refused(uint32_t cp);

/* ---- opening ------------------------------------------------------------------------------ */

typedef struct InvDb InvDb;

/* The application id in every bua-kiosk database's header (PRAGMA application_id): "BUA1". */
#define INV_APPLICATION_ID 0x42554131

typedef struct InvOpenOptions {
    const char *path;     /* database file; created (mode 0600) when `create` is set */
    bool create;          /* create the file and schema if missing; else it must exist */
    const char *timezone; /* IANA zone for a new database (NULL: $TZ, else Europe/Oslo) */
    int64_t centre_id;    /* centre that checkouts are recorded for (0: the database's first) */
    /* replayable: every write of this connection can be given again by the sync server
     * (bua-sync's acknowledgements and the other devices' events it applies, each with its
     * mark): its commits are not flushed to disk one by one (synchronous=NORMAL). The WAL keeps
     * the file consistent; a power cut may lose the last of them, which the next round redoes,
     * and the next flushed commit of any connection (the kiosk's) makes them durable too.
     * Its commits checkpoint the WAL only past 10,000 pages (40 MB): bua-sync calls
     * inv_checkpoint when it has nothing to do. */
    bool replayable;
} InvOpenOptions;

/* Opens (and with `create`, creates) a database, migrates its schema to the current version,
 * prepares every statement and applies the centre's time zone. On success *out owns the handle
 * (close with inv_close). On failure *out is untouched and, if `msg` is not NULL, a message
 * naming the path and the cause is written into msg[msg_size].
 *
 * Only a bua-kiosk database opens: its header carries INV_APPLICATION_ID. Anything else (an
 * empty file, a file that is no SQLite database, another program's SQLite database) is refused
 * with INV_E_FOREIGN and left as it was; INV_E_NOT_FOUND if the file is missing. With `create`,
 * a missing file (or an existing empty one) becomes a new database. A database made before the
 * application id existed (application id 0, schema version set, the bua tables present) is
 * adopted: its id is set on open.
 *
 * The handle holds a shared lock (flock) on the file for as long as it is open, so that
 * inv_restore() can tell that the database is in use; INV_E_BUSY while a restore runs.
 * Each write transaction first checks that the path still names the file that was opened: if
 * the file was deleted or another file was moved over it, the write is refused with
 * INV_E_MOVED and nothing is written anywhere. */
int inv_open(const InvOpenOptions *opt, InvDb **out, char *msg, size_t msg_size);

/* How long a write of this handle waits for another writer before INV_E_BUSY (5 s after
 * inv_open). An import holds the write lock only while it writes what it checked. */
void inv_set_busy_timeout(InvDb *db, int ms);

/* Closes the handle; NULL is fine. */
void inv_close(InvDb *db);

/* The detailed message of the last failure on this handle ("item SKI-0042 is on loan, due
 * 2024-03-02"). Borrowed: valid until the next inv_ call. */
const char *inv_errmsg(const InvDb *db);

/* The barcode the last failure was a refusal of (as scanned: for a part of a set, the set), or
 * "" when it was about no single barcode. Borrowed: valid until the next inv_ call. */
const char *inv_err_barcode(const InvDb *db);

/* The time the last refusal names, or 0: for INV_E_ITEM_RESERVED the first moment of the
 * reservation (so the kiosk can say "reserved from Thursday 12 March"). */
int64_t inv_err_at(const InvDb *db);

/* The centre's IANA time zone name, and its id (borrowed, valid while db is open). */
const char *inv_timezone(const InvDb *db);
int64_t inv_centre_id(const InvDb *db);

/* Checks the database file with PRAGMA integrity_check and foreign_key_check, and that the
 * yearly summaries agree with the loans they summarise. INV_OK or INV_E_CORRUPT with detail. */
int inv_check(InvDb *db);

/* Copies the open database into `path` with SQLite's online backup (safe while in use). */
int inv_backup(InvDb *db, const char *path);

/* Copies what the WAL holds into the database file as far as no reader needs it (a PASSIVE
 * checkpoint), for a connection opened `replayable` (bua-sync), which leaves this to its quiet
 * moments rather than to a commit in the middle of a round; *frames (may be NULL): how many
 * WAL frames the file now holds. */
int inv_checkpoint(InvDb *db, int *frames);

/* Copies the backup file `backup` into the database file `path` (created, mode 0600, if
 * missing) with SQLite's backup API, so a program that has it open sees the restored content
 * at its next transaction (never copy a live database with cp). The backup must be a bua-kiosk
 * database (INV_E_FOREIGN), of a schema this program knows (INV_E_SCHEMA), and pass
 * PRAGMA integrity_check (INV_E_CORRUPT); then nothing is changed. While another handle has
 * `path` open (a kiosk, a bua-admin command) the restore is refused with INV_E_BUSY unless
 * `force`; so is a `path` that is not a bua-kiosk database (INV_E_FOREIGN: a wrong path, or a
 * file damaged beyond its header). Needs no open handle: the message naming the file and cause goes
 * to msg[msg_size]. */
int inv_restore(const char *path, const char *backup, bool force, char *msg, size_t msg_size);

/* ---- settings ----------------------------------------------------------------------------- */

/* Loan days for a category (INV_DEFAULT_LOAN_DAYS unless set); set with days >= 1. */
int inv_category_loan_days(InvDb *db, const char *category, int *days_out);
int inv_category_set_loan_days(InvDb *db, const char *category, int days);

typedef struct InvCategory {
    char name[INV_NAME_MAX];
    int loan_days;      /* in force: the category's own, else INV_DEFAULT_LOAN_DAYS */
    bool loan_days_set; /* the category has its own */
    int64_t items;      /* items in the category */
} InvCategory;

/* Walks the categories in name order. */
typedef int (*InvCategoryFn)(const InvCategory *c, void *ctx);
int inv_category_each(InvDb *db, InvCategoryFn fn, void *ctx);

/* ---- items -------------------------------------------------------------------------------- */

/* X(NAME, value, name): the one list of item statuses. The value is what the database stores
 * (column item.status), so it never changes; the SQL of the store takes its literals from this
 * list (inv_sql.h). Migration 1 allows the values 0 to 4: a new status needs a migration. */
#define INV_ITEM_STATUS_MAP(X)                                                                     \
    X(AVAILABLE, 0, "available")                                                                   \
    X(ON_LOAN, 1, "on_loan")                                                                       \
    X(IN_REPAIR, 2, "in_repair")                                                                   \
    X(MISSING, 3, "missing")                                                                       \
    X(RETIRED, 4, "retired")

typedef enum InvItemStatus {
#define INV_ITEM_STATUS_ENUM(name, value, text) INV_ITEM_##name = value,
    INV_ITEM_STATUS_MAP(INV_ITEM_STATUS_ENUM)
#undef INV_ITEM_STATUS_ENUM
} InvItemStatus;

/* "available", "on_loan", "in_repair", "missing", "retired"; and back (false if unknown). */
const char *inv_item_status_name(InvItemStatus s);
bool inv_item_status_parse(const char *name, InvItemStatus *out);

typedef struct InvItem {
    int64_t id;
    char barcode[INV_CODE_MAX];
    char name[INV_NAME_MAX];
    char category[INV_NAME_MAX];
    char location[INV_NAME_MAX]; /* shelf or zone label; "" if none */
    char condition[INV_NAME_MAX];
    char notes[INV_TEXT_MAX];
    InvItemStatus status;
    int64_t kit_id; /* id of the set this item is a part of; 0 if none */
    int loan_days;  /* this item's own loan period; 0 = its category's */
    int64_t added_at;
} InvItem;

/* Adds an item. Required: barcode, name, category. id, status (available) and added_at (now,
 * if 0) are set by the store; kit_id, if not 0, must name an existing item. *id_out (if not NULL)
 * gets the new id. INV_E_EXISTS if the barcode is taken, INV_E_INVALID for an empty field. */
int inv_item_add(InvDb *db, const InvItem *item, int64_t now, int64_t *id_out);

/* Looks an item up by barcode (INV_E_UNKNOWN_ITEM if there is none) or by id
 * (INV_E_NOT_FOUND). */
int inv_item_get(InvDb *db, const char *barcode, InvItem *out);
int inv_item_get_id(InvDb *db, int64_t id, InvItem *out);

/* Changes name, category, location, condition, notes, kit_id and loan_days of the item with
 * item->barcode (status changes go through inv_item_set_status). */
int inv_item_update(InvDb *db, const InvItem *item);

/* Sets an item's status to available, in repair, missing or retired, with a note in the item's
 * history. Refuses (INV_E_ITEM_ON_LOAN) while the item is on loan and INV_E_INVALID for
 * INV_ITEM_ON_LOAN: only checkouts lend. */
int inv_item_set_status(InvDb *db, const char *barcode, InvItemStatus status, const char *note,
                        int64_t staff_id, int64_t now);

typedef struct InvItemFilter {
    const char *category; /* NULL: any */
    const char *location; /* NULL: any */
    int status;           /* -1: any, else an InvItemStatus */
} InvItemFilter;

/* Calls fn for each matching item in barcode order; a non-zero return from fn stops the walk and
 * is returned. The InvItem is borrowed for the call. */
typedef int (*InvItemFn)(const InvItem *item, void *ctx);
int inv_item_each(InvDb *db, const InvItemFilter *filter, InvItemFn fn, void *ctx);

/* Parts of a set (items whose kit_id is `kit_id`), in barcode order. */
int inv_item_each_part(InvDb *db, int64_t kit_id, InvItemFn fn, void *ctx);

/* ---- borrowers ---------------------------------------------------------------------------- */

typedef struct InvBorrower {
    int64_t id;
    char card[INV_CODE_MAX];
    char name[INV_NAME_MAX];
    char phone[INV_PHONE_MAX];
    char email[INV_NAME_MAX];
    int birth_year; /* 0 if not given */
    int64_t registered_at;
    bool consent; /* accepted BUA's terms */
    bool blocked;
    char blocked_reason[INV_TEXT_MAX];
    int64_t responsible_id; /* co-borrower: the responsible adult's id; 0 for an adult */
    int64_t registered_by;  /* staff id of who registered the borrower; 0: self-service */
    /* consent (schema step 4; inv_consent.c) */
    char consent_version[INV_TERMS_VERSION_MAX]; /* the terms accepted; "": none, or a tick from
                                                    before versions (asked again at login) */
    int64_t consent_at;                          /* when; 0: not known */
    int64_t consent_by;  /* borrower id of who accepted: themself, or the responsible adult
                            for a child; 0: not known (adding: 0 is the person themself) */
    int contact_consent; /* INV_CONTACT_SMS | INV_CONTACT_EMAIL; 0: not to be contacted */
    char municipality[INV_NAME_MAX]; /* where the borrower lives, for the yearly figures; "" if
                                        not given (the centre's list is checked by callers) */
} InvBorrower;

/* Adds a borrower (registered_at = now if 0). Required: card, name. responsible_id, if not 0,
 * must be an adult (a borrower without a responsible adult; else INV_E_INVALID) who is not
 * blocked (else INV_E_BORROWER_BLOCKED, the message naming the adult's card).
 * With consent: consent_version (the terms accepted; "" stores an old-style tick without one)
 * and consent_at (0: now) are stored in the same transaction; a child's consent (responsible_id
 * set) must be the adult's: consent_by == responsible_id and the adult has accepted the terms
 * themself, else INV_E_CONSENT_ADULT naming the adult; an adult's consent_by is 0 (themself).
 * phone and email are checked as inv_contact_check says; contact_consent needs the channel
 * (inv_contact_check). */
int inv_borrower_add(InvDb *db, const InvBorrower *b, int64_t now, int64_t *id_out);

/* Looks a borrower up by card (INV_E_UNKNOWN_BORROWER; INV_E_CARD_REPLACED for a card that
 * was replaced by a new one) or by id (INV_E_NOT_FOUND). */
int inv_borrower_get(InvDb *db, const char *card, InvBorrower *out);
int inv_borrower_get_id(InvDb *db, int64_t id, InvBorrower *out);

/* Blocks (with a reason, required) or unblocks a borrower. */
int inv_borrower_block(InvDb *db, const char *card, const char *reason, int64_t staff_id,
                       int64_t now);
int inv_borrower_unblock(InvDb *db, const char *card, int64_t staff_id, int64_t now);

/* Walks borrowers whose name, phone or card contains `query` (case-insensitive for ASCII;
 * NULL or "" for all), in name order; at most `limit` (0: no limit). */
typedef int (*InvBorrowerFn)(const InvBorrower *b, void *ctx);
int inv_borrower_each(InvDb *db, const char *query, size_t limit, InvBorrowerFn fn, void *ctx);

/* The co-borrowers registered under a responsible adult, in name order. */
int inv_borrower_each_co(InvDb *db, int64_t responsible_id, InvBorrowerFn fn, void *ctx);

/* ---- consent: the terms, contact consent (inv_consent.c) ---------------------------------- */

/* The terms a borrower accepts (what is kept, why, how long, who to ask) are a text file per
 * language, TERMS_DIR/nb.txt and en.txt, whose first line names its version:
 *
 *   version: 2026-12-01
 *
 * The version is the centre's own label, changed when the meaning changes (a typo fix need not
 * ask everyone again); every language must carry the same one. A borrower whose stored
 * consent_version differs from it is asked again at their next login. */
#define INV_TERMS_MAX 8192 /* bytes of one language's terms text */

typedef struct InvTerms {
    char version[INV_TERMS_VERSION_MAX];
    char text[INV_TERMS_MAX]; /* after the version line (and blank lines after it) */
} InvTerms;

/* The folder of the terms: `[centre] terms = DIR` in the settings file `config` (NULL: none;
 * a relative DIR is beside the settings file), else DATA/terms (DATA as inv_paths_data).
 * Returns 0, or -1 with msg (the settings file cannot be read, a path too long). */
int inv_terms_dir(const char *config, const char *data, char *buf, size_t size, char *msg,
                  size_t msg_size);

/* Parses one terms file's text (`path` only names it in messages). Returns 0, or -1 with msg
 * ("PATH:1: the first line must be 'version: V'", "PATH: no text after the version", "PATH:
 * longer than 8191 bytes", "PATH:LINE: not UTF-8 text"). */
int inv_terms_parse(const char *path, const char *text, size_t len, InvTerms *out, char *msg,
                    size_t msg_size);

/* Reads DIR/LANG.txt (lang "nb" or "en") and parses it. Returns 0, or -1 with msg naming the
 * file. */
int inv_terms_load(const char *dir, const char *lang, InvTerms *out, char *msg, size_t msg_size);

/* Reads every language (nb, en) from DIR into out[0], out[1] and checks that they name the same
 * version (else -1: "DIR/en.txt has version X but DIR/nb.txt has Y"). */
int inv_terms_load_all(const char *dir, InvTerms out[2], char *msg, size_t msg_size);

/* Whether a borrower must accept the terms `version` (again) before anything else: they never
 * accepted a versioned text, or accepted another version. */
bool inv_borrower_terms_due(const InvBorrower *b, const char *version);

/* Records that a borrower accepted the terms `version` at `now`, in one transaction. An adult
 * accepts for themself (adult_card NULL or "", or their own card). A child's consent comes only
 * from their responsible adult: adult_card must be that adult's card, the adult not blocked
 * (INV_E_BORROWER_BLOCKED) and having accepted the terms themself; anything else is
 * INV_E_CONSENT_ADULT with a message naming the adult to ask. INV_E_NOT_FOUND for an unknown
 * borrower id, INV_E_UNKNOWN_BORROWER for an unknown adult card, INV_E_INVALID for an empty
 * version. */
int inv_borrower_consent(InvDb *db, int64_t borrower_id, const char *version,
                         const char *adult_card, int64_t now);

/* Contact consent bits (borrower.contact_consent): reminders and receipts by SMS, by e-mail. */
#define INV_CONTACT_SMS 1
#define INV_CONTACT_EMAIL 2

/* "sms", "email", "sms,email" or "none"; and back ("sms,email", "email,sms", "none", "";
 * false for anything else). */
const char *inv_contact_name(int contact);
bool inv_contact_parse(const char *text, int *out);

/* Checks a borrower's contact fields: phone (if not "") is 8 to 15 digits, with an optional
 * leading + and spaces between groups; email (if not "") looks like name@domain.tld (one @, no
 * spaces, a dot in the domain); contact consent for SMS needs a phone and for e-mail an e-mail
 * (the person's own, or for a child (adult_phone/adult_email, may be NULL) the adult's).
 * INV_E_INVALID naming the field ("phone 12ab is not a phone number: ..."), else INV_OK. */
int inv_contact_check(InvDb *db, const char *phone, const char *email, int contact,
                      const char *adult_phone, const char *adult_email);

/* ---- staff -------------------------------------------------------------------------------- */

typedef enum InvRole {
    INV_ROLE_TRAINEE = 1,
    INV_ROLE_LEADER = 2,
} InvRole;

const char *inv_role_name(InvRole role); /* "trainee", "leader" */
bool inv_role_parse(const char *name, InvRole *out);

typedef struct InvStaff {
    int64_t id;
    char name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    InvRole role;
    int64_t disabled_at; /* when the card was disabled; 0 if it is enabled */
    int64_t expires_at;  /* the last moment the card works (the end of a local day); 0: never */
} InvStaff;

/* Adds a staff member with a PIN of 4 to 12 digits. Only an Argon2id hash (libsodium) of the PIN
 * is stored. */
int inv_staff_add(InvDb *db, const InvStaff *s, const char *pin, int64_t *id_out);

/* Checks a staff card and PIN at time `now`; on success fills *out. INV_E_AUTH for an unknown
 * card or a wrong PIN (the same code, so the kiosk does not tell which). Before the PIN is
 * looked at: a replaced card is INV_E_CARD_REPLACED, a disabled one INV_E_STAFF_DISABLED and
 * one past its expiry INV_E_STAFF_EXPIRED (each message names the card and the date; nothing
 * is counted).
 * Wrong PINs are counted in the database per staff card, so a restart forgets nothing: the
 * INV_PIN_TRIES-th wrong PIN in a row locks the card for INV_PIN_LOCK_SECONDS and returns
 * INV_E_LOCKED; while it is locked every attempt, even with the right PIN, returns INV_E_LOCKED
 * (nothing counted). *locked_until (if not NULL) gets the time the lock ends, and is written only
 * with INV_E_LOCKED. A right PIN on a card that is not locked clears the count. The check and
 * what it records are one transaction. */
int inv_staff_login(InvDb *db, const char *card, const char *pin, int64_t now, InvStaff *out,
                    int64_t *locked_until);

/* Looks a staff card up without a PIN (to ask for the PIN): INV_E_NOT_FOUND if none,
 * INV_E_CARD_REPLACED for a card that was replaced by a new one. A disabled or expired card is
 * found (see inv_staff_check_active). */
int inv_staff_get(InvDb *db, const char *card, InvStaff *out);

/* ---- people: editing borrowers, replacing cards, staff accounts (inv_people_edit.c) -------- */

/* Every card that was replaced stays refused: looking it up (inv_borrower_get, inv_staff_get,
 * inv_staff_login, and so every lookup of the kiosk and bua-admin) gives INV_E_CARD_REPLACED with
 * "card X was replaced (erstattet) on DATE", never "unknown card", and it cannot be registered
 * again for anyone. Changes to a person (which fields, when, by whom; not the old values) are
 * kept in table person_change. */

#define INV_UNCHANGED (-1) /* an int field of an edit that is left as it is */

/* When `card` was replaced (*at): INV_OK, or INV_E_NOT_FOUND if it never was. */
int inv_card_replaced_at(InvDb *db, const char *card, int64_t *at);

typedef struct InvBorrowerEdit {
    const char *name;         /* NULL: unchanged */
    const char *phone;        /* NULL: unchanged; "": none */
    const char *email;        /* NULL: unchanged; "": none */
    int birth_year;           /* INV_UNCHANGED, 0 (not given) or a year, not in the future */
    const char *adult_card;   /* NULL: unchanged; "": no responsible adult; else their card */
    bool set_contact;         /* change the contact consent to `contact` (else unchanged) */
    int contact;              /* INV_CONTACT_SMS | INV_CONTACT_EMAIL, or 0: not to be contacted */
    const char *municipality; /* NULL: unchanged; "": not given */
    int64_t staff_id;         /* who edits (recorded); 0: bua-admin */
    int64_t now;
} InvBorrowerEdit;

/* Edits a borrower with the checks of inv_borrower_add (text, plausible birth year; the
 * responsible adult must be a borrower who is not a co-borrower, not blocked
 * (INV_E_BORROWER_BLOCKED) and not the borrower; a borrower who is responsible for co-borrowers
 * cannot get an adult), in one transaction that also records which fields changed.
 * INV_E_UNKNOWN_BORROWER for an unknown card (also the adult's; the message says which),
 * INV_E_CARD_REPLACED for a replaced one. `fields` (if not NULL) gets the changed fields, comma
 * separated ("name,phone"; "" when nothing changed, and then nothing is recorded). */
int inv_borrower_edit(InvDb *db, const char *card, const InvBorrowerEdit *e, char *fields,
                      size_t fields_size);

/* Replaces a borrower's lost card: from now on new_card is theirs (loans, history, figures
 * follow the person) and old_card is refused everywhere with INV_E_CARD_REPLACED. new_card must
 * be unused: INV_E_EXISTS if a borrower or staff member has it, INV_E_CARD_REPLACED if it is
 * itself a replaced card; INV_E_INVALID if it is not a valid card. One transaction. */
int inv_borrower_replace_card(InvDb *db, const char *old_card, const char *new_card,
                              int64_t staff_id, int64_t now);

/* How to reach a borrower. A co-borrower without a phone is reached through the responsible
 * adult: `phone` is the adult's and `guardian` is set ("(foresatt)" / "(guardian)"). */
typedef struct InvContact {
    char phone[INV_PHONE_MAX]; /* "" if there is none */
    bool guardian;             /* the phone is the responsible adult's */
    char guardian_name[INV_NAME_MAX];
} InvContact;

int inv_borrower_contact(InvDb *db, const InvBorrower *b, InvContact *out);

/* INV_OK if a staff card works at `now`; INV_E_STAFF_DISABLED ("staff card X was disabled on
 * DATE") or INV_E_STAFF_EXPIRED ("staff card X expired on DATE") otherwise. */
int inv_staff_check_active(InvDb *db, const InvStaff *s, int64_t now);

/* Walks every staff member, leaders first, then by name. */
typedef int (*InvStaffFn)(const InvStaff *s, void *ctx);
int inv_staff_each(InvDb *db, InvStaffFn fn, void *ctx);

typedef struct InvStaffEdit {
    const char *name;     /* NULL: unchanged */
    int role;             /* 0: unchanged; else an InvRole */
    const char *new_card; /* NULL: unchanged; else the old card is refused from now on */
    int64_t expires;      /* INV_UNCHANGED; 0: never; else the card works to the end of the
                             local day of this time (not a day in the past) */
    int64_t by_staff_id;  /* who changes it: a leader's id (checked), or 0 for bua-admin */
    int64_t now;
} InvStaffEdit;

/* Changes a staff account, recording which fields changed, in one transaction.
 * INV_E_NOT_FOUND for an unknown card, INV_E_CARD_REPLACED for a replaced one; INV_E_EXISTS /
 * INV_E_CARD_REPLACED for a new card in use; INV_E_NEEDS_LEADER if by_staff_id is not an
 * active leader; INV_E_LAST_LEADER when the change (trainee, an expiry) would leave no active
 * leader. `fields` as in inv_borrower_edit. */
int inv_staff_set(InvDb *db, const char *card, const InvStaffEdit *e, char *fields,
                  size_t fields_size);

/* Disables (enabled false) or enables a staff card; a disabled card is refused at login. A leader
 * (by_staff_id; 0 for bua-admin) only; INV_E_LAST_LEADER for the last active leader. Enabling
 * does not lift an expiry (inv_staff_set). Recorded like an edit. */
int inv_staff_enable(InvDb *db, const char *card, bool enabled, int64_t by_staff_id, int64_t now);

/* A leader (by_staff_id; 0 for bua-admin) gives a staff card a new PIN (4 to 12 digits, hashed
 * as inv_staff_add does); the count of wrong PINs and any lock are cleared. Recorded. */
int inv_staff_set_pin(InvDb *db, const char *card, const char *pin, int64_t by_staff_id,
                      int64_t now);

/* ---- lending ------------------------------------------------------------------------------ */

/* Why an item cannot be lent right now, as the kiosk shows it when it is scanned into a basket.
 * Returns INV_OK if the item can be lent to the borrower, otherwise the refusal code
 * (INV_E_UNKNOWN_ITEM, INV_E_ITEM_ON_LOAN, INV_E_ITEM_IN_REPAIR, INV_E_ITEM_MISSING,
 * INV_E_ITEM_RETIRED, INV_E_BORROWER_BLOCKED). *item (if not NULL) is filled whenever the item
 * exists; *due_at (if not NULL) gets the due time a checkout at `now` would give it. */
int inv_lend_check(InvDb *db, int64_t borrower_id, const char *barcode, int64_t now, InvItem *item,
                   int64_t *due_at);

typedef struct InvCheckout {
    int64_t borrower_id; /* who borrows (a co-borrower borrows under their adult) */
    const char *const *barcodes;
    size_t n_barcodes; /* 1..INV_CHECKOUT_MAX */
    int64_t staff_id;  /* 0: self-service */
    bool relend;       /* leader only: an item still marked on loan is returned first */
    int64_t now;
    const bool *overrides; /* NULL, or per barcode: a leader (staff_id) lends this item
                              although it is on loan (taken back first), in repair or missing
                              (made available, noted in its history), all in the checkout's
                              transaction */
} InvCheckout;

/* Lends the items as one loan, in one transaction: all or nothing. Scanning the barcode of a set
 * lends its parts with it. Refuses with the first item's reason (see inv_lend_check) and names
 * the barcode in inv_errmsg(); INV_E_ITEM_TWICE if an item appears twice (also a part scanned
 * with its set); INV_E_NEEDS_LEADER (nothing written, the message names the staff card) for
 * relend or overrides unless staff_id is a leader's: the store checks the role, so a trainee or
 * an unknown staff id is refused whoever calls. *loan_id (if not NULL) gets the new loan's id. */
int inv_checkout(InvDb *db, const InvCheckout *co, int64_t *loan_id);

typedef struct InvReturn {
    const char *barcode;
    bool damaged;     /* "damaged / parts missing": the item goes to the repair queue */
    const char *note; /* what is wrong; may be NULL */
    int64_t staff_id; /* 0: self-service */
    int64_t now;
} InvReturn;

typedef struct InvReturned {
    InvItem item; /* as it is after the return */
    int64_t loan_id;
    int64_t borrower_id;
    int64_t due_at;
    bool overdue;   /* returned after due_at */
    size_t n_parts; /* a set: the parts that came back with it (out on the same loan) */
    char parts[INV_CHECKOUT_MAX][INV_CODE_MAX];
    size_t n_missing; /* a set: the parts that did not (inv_return_set) */
    char missing[INV_CHECKOUT_MAX][INV_CODE_MAX];
} InvReturned;

/* Returns one item, in one transaction. INV_E_NOT_ON_LOAN (nothing changes) if the item is not
 * on loan; INV_E_UNKNOWN_ITEM if there is no such item. */
int inv_return(InvDb *db, const InvReturn *ret, InvReturned *out);

/* Notes damage ("damaged / parts missing") on an item just returned, as the kiosk lets a
 * borrower do after the scan: the item's last returned loan line records the damage and note,
 * and the item goes to repair, in one transaction. INV_E_ITEM_ON_LOAN if it is on loan (return
 * it with `damaged` instead), INV_E_NOT_ON_LOAN if it was never lent. */
int inv_return_damaged(InvDb *db, const char *barcode, const char *note, int64_t staff_id,
                       int64_t now);

typedef struct InvLoanLine {
    int64_t loan_id;
    int64_t borrower_id;
    char borrower_name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    char barcode[INV_CODE_MAX];
    char item_name[INV_NAME_MAX];
    char category[INV_NAME_MAX];
    int64_t checked_out_at;
    int64_t due_at;
    int64_t returned_at; /* 0 while on loan */
    bool overdue;        /* on loan and due_at < now (as given to the walk) */
} InvLoanLine;

typedef int (*InvLoanLineFn)(const InvLoanLine *line, void *ctx);

/* Items a borrower has on loan now (include_co: also those of their co-borrowers), by due date. */
int inv_borrower_each_open(InvDb *db, int64_t borrower_id, bool include_co, int64_t now,
                           InvLoanLineFn fn, void *ctx);

/* The open loan line of an item: INV_E_NOT_ON_LOAN if it is not on loan, INV_E_UNKNOWN_ITEM if
 * there is no such item. */
int inv_item_loan(InvDb *db, const char *barcode, int64_t now, InvLoanLine *out);

/* All items on loan whose due time is before `now`, oldest first. */
int inv_each_overdue(InvDb *db, int64_t now, InvLoanLineFn fn, void *ctx);

/* The lines of one loan, in the order they were scanned. */
int inv_loan_each_line(InvDb *db, int64_t loan_id, int64_t now, InvLoanLineFn fn, void *ctx);

/* ---- renewals and reservations -------------------------------------------------------------- */

/* The centre's rules for renewals and reservations, kept in the database (table setting):
 * renew_max: renewals one loan line may have (default 2; 0: none);
 * renew_overdue_days: how many days past its due day a loan may still be renewed (default 7:
 * a loan overdue by more is refused; 0: only loans not yet overdue);
 * pickup_days: a reservation not collected by the end of its pickup_days-th day (default 1:
 * the first day) no longer holds its items (it expires; no sweep is needed, every check looks at
 * the pickup time). */
#define INV_RENEW_MAX_DEFAULT 2
#define INV_RENEW_OVERDUE_DAYS_DEFAULT 7
#define INV_PICKUP_DAYS_DEFAULT 1
#define INV_RESERVE_DAYS_MAX 366 /* longest reservation period, in days */
#define INV_RESERVE_COUNT_MAX 500

typedef struct InvLendRules {
    int renew_max;          /* 0..100 */
    int renew_overdue_days; /* 0..366 */
    int pickup_days;        /* 1..366 */
} InvLendRules;

/* Reads the rules in force (defaults for those never set). */
int inv_lend_rules(InvDb *db, InvLendRules *out);

/* Stores all three rules (INV_E_INVALID naming the rule if one is out of range; nothing is
 * written then). One transaction. */
int inv_lend_rules_set(InvDb *db, const InvLendRules *rules);

typedef struct InvRenew {
    const char *barcode;
    int64_t borrower_id; /* the kiosk's borrower: only their own loans (or their co-borrowers');
                            0: staff or bua-admin, any loan */
    int64_t staff_id;    /* 0: the borrower at the kiosk */
    int days;            /* 0: the item's loan days, else 1..366 */
    int64_t now;
} InvRenew;

typedef struct InvRenewed {
    InvLoanLine line; /* the line after the renewal (due_at is the new due time) */
    int64_t old_due_at;
    int renewals; /* renewals of the line, this one included */
} InvRenewed;

/* Renews an item's open loan line, in one transaction: the new period runs from the later of
 * `now` and the old due time, for the item's loan days (or r->days), and ends at the end of
 * its last day (inv__due_at). The renewal is recorded (when, by whom, old and new due) and the
 * line's renewals counted. Refused (nothing written, the message naming the item and why):
 * INV_E_UNKNOWN_ITEM; INV_E_NOT_ON_LOAN (also a loan that is not the given borrower's);
 * INV_E_ITEM_MISSING for a part reported missing when its set came back;
 * INV_E_RENEW_LIMIT after renew_max renewals; INV_E_RENEW_OVERDUE when the due day is more than
 * renew_overdue_days days ago; INV_E_ITEM_RESERVED when another borrower's reservation of the
 * item starts before the new due time (inv_err_at() gives its start). *out (if not NULL) is
 * written on success. */
int inv_renew(InvDb *db, const InvRenew *r, InvRenewed *out);

typedef struct InvReserve {
    int64_t borrower_id;
    const char *barcode;  /* one item, or NULL with category and count */
    const char *category; /* NULL with barcode */
    int count;            /* items of the category, 1..INV_RESERVE_COUNT_MAX */
    int64_t from;         /* any time on the first day (local); the period is whole days */
    int64_t to;           /* any time on the last day */
    int64_t staff_id;     /* who booked it; 0 if not recorded */
    int64_t now;
} InvReserve;

/* Books items for a borrower for the whole days from..to, in one transaction. A category
 * booking picks `count` concrete items of the category (barcode order, sets' parts left out)
 * that are free for the period and records them, so every later check is one lookup per item.
 * Refused (nothing written): INV_E_INVALID for a period that ends before it starts, starts
 * before today or is longer than INV_RESERVE_DAYS_MAX days; INV_E_UNKNOWN_BORROWER,
 * INV_E_BORROWER_BLOCKED; INV_E_UNKNOWN_ITEM; INV_E_NOT_FOUND for an unknown category;
 * INV_E_ITEM_RETIRED, INV_E_ITEM_MISSING for such an item; INV_E_ITEM_RESERVED when the item
 * is booked by another reservation overlapping the period (the message names it and its days);
 * INV_E_ITEM_ON_LOAN when it is on a loan due on or after the first day (naming the due day);
 * INV_E_TOO_FEW_FREE naming how many of the category are free. *id_out gets the new id. */
int inv_reserve(InvDb *db, const InvReserve *r, int64_t *id_out);

typedef enum InvReservationState {
    INV_RES_BOOKED = 0,    /* waiting: nothing collected, pickup time not passed */
    INV_RES_COLLECTED = 1, /* the borrower has lent at least one of its items */
    INV_RES_CANCELLED = 2,
    INV_RES_EXPIRED = 3, /* not collected by its pickup time */
} InvReservationState;

/* "booked", "collected", "cancelled", "expired" */
const char *inv_reservation_state_name(InvReservationState s);

typedef struct InvReservation {
    int64_t id;
    int64_t borrower_id;
    char card[INV_CODE_MAX];
    char borrower_name[INV_NAME_MAX];
    char barcode[INV_CODE_MAX];   /* a booking of one item; "" for a category */
    char item_name[INV_NAME_MAX]; /* of that item */
    char category[INV_NAME_MAX];  /* a category booking; "" for one item */
    int count;                    /* items booked */
    int collected;                /* of those, lent to the borrower */
    int64_t starts_at;            /* local midnight of the first day */
    int64_t ends_at;              /* end of the last day */
    int64_t pickup_by;            /* end of the last pickup day */
    int64_t made_at;
    int64_t staff_id;
    int64_t cancelled_at;      /* 0 if not */
    InvReservationState state; /* at the `now` given */
} InvReservation;

/* One reservation: INV_E_NOT_FOUND ("no reservation ID"). */
int inv_reservation_get(InvDb *db, int64_t id, int64_t now, InvReservation *out);

/* Reservations by first day: with all false, those still to come or running that are booked
 * or collected (ends_at >= now); with all, every one. */
typedef int (*InvReservationFn)(const InvReservation *r, void *ctx);
int inv_reservation_each(InvDb *db, int64_t now, bool all, InvReservationFn fn, void *ctx);

typedef struct InvReservedItem {
    char barcode[INV_CODE_MAX];
    char name[INV_NAME_MAX];
    int64_t collected_at; /* 0 if not (yet) lent to the borrower */
    bool held;            /* set aside at `now`: not collected, cancelled, freed or expired */
} InvReservedItem;

/* The items of a reservation, by barcode, as they are at `now`. INV_E_NOT_FOUND if there is no
 * such reservation. */
typedef int (*InvReservedItemFn)(const InvReservedItem *it, void *ctx);
int inv_reservation_each_item(InvDb *db, int64_t id, int64_t now, InvReservedItemFn fn, void *ctx);

/* Cancels a reservation: its items are free again. INV_E_NOT_FOUND; INV_E_RESERVATION_CLOSED if
 * it was cancelled, has expired or was collected. One transaction. */
int inv_reservation_cancel(InvDb *db, int64_t id, int64_t staff_id, int64_t now);

/* Loan lines of a borrower (not co-borrowers) that started at or after `since`, newest first:
 * the borrower's own history at the kiosk. */
int inv_borrower_each_history(InvDb *db, int64_t borrower_id, int64_t since, int64_t now,
                              InvLoanLineFn fn, void *ctx);

/* ---- lost and found, sets checked on return, item history -------------------------------- */

/* Marks an item on loan as lost, in one transaction: its open loan line closes as written off
 * (returned_at and lost_at set to `now`, the note as its return note), the item becomes missing
 * with the note in its history, and a set lost takes the parts that went out with it on the same
 * loan. Figures already counted do not change (the loan stays lent in its year; a lost line is
 * not counted as returned). *line (if not NULL) gets the line as it was before (who had it).
 * INV_E_NOT_ON_LOAN if the item is not on loan (mark it missing with inv_item_set_status). */
int inv_item_lost(InvDb *db, const char *barcode, const char *note, int64_t staff_id, int64_t now,
                  InvLoanLine *line);

/* An item marked missing (or lost) turned up: it becomes available in one step, with the note
 * (default "found") in its history. A part missing from a returned set has its loan line
 * still open: the line closes as returned now. A line written off as lost stays written off.
 * INV_E_NOT_MISSING (naming the item and its status) for an item that is not missing. */
int inv_item_found(InvDb *db, const char *barcode, const char *note, int64_t staff_id, int64_t now);

/* The parts that went out with a set on its open loan (what must come back with it), in the
 * order they were lent: INV_E_NOT_ON_LOAN if the set is not on loan; none for an item that is
 * not a set. */
int inv_set_parts_out(InvDb *db, const char *barcode, int64_t now, InvLoanLineFn fn, void *ctx);

/* Returns a set, saying which of its parts came back (present, n_present barcodes): one
 * transaction. Parts listed are returned with it; each part out with the set and not listed is
 * missing: the part is marked missing, its loan line stays open with lost_at set (inv_item_found
 * closes it when it turns up), and the set goes to repair with a note naming the missing parts
 * (after ret->note, if any). With every part listed this is inv_return. INV_E_NOT_A_PART (naming
 * the barcode) for a barcode that is not a part out with this set on this loan, or listed twice;
 * INV_E_NOT_ON_LOAN as inv_return. out->parts lists the parts returned, out->missing the ones
 * missing. */
int inv_return_set(InvDb *db, const InvReturn *ret, const char *const *present, size_t n_present,
                   InvReturned *out);

typedef struct InvLostLine {
    InvLoanLine line; /* returned_at: 0 while open (a part missing from a returned set) */
    int64_t lost_at;
    char note[INV_TEXT_MAX];
} InvLostLine;

/* Items a borrower lost (include_co: also their co-borrowers'): lines written off as lost and
 * parts missing from a set they returned, newest first. */
typedef int (*InvLostLineFn)(const InvLostLine *lost, void *ctx);
int inv_borrower_each_lost(InvDb *db, int64_t borrower_id, bool include_co, InvLostLineFn fn,
                           void *ctx);

/* X(NAME, value, name): what an entry of an item's history is. */
#define INV_HISTORY_KIND_MAP(X)                                                                    \
    X(LENT, 0, "lent")                                                                             \
    X(RETURNED, 1, "returned")                                                                     \
    X(LOST, 2, "lost")                                                                             \
    X(STATUS, 3, "status")                                                                         \
    X(STOCKTAKE, 4, "stocktake")                                                                   \
    X(REPAIR, 5, "repair") /* a step of the repair queue (inv_repair_step) */

typedef enum InvHistoryKind {
#define INV_HISTORY_ENUM(name, value, text) INV_HIST_##name = value,
    INV_HISTORY_KIND_MAP(INV_HISTORY_ENUM)
#undef INV_HISTORY_ENUM
} InvHistoryKind;

/* "lent", "returned", "lost", "status", "stocktake". */
const char *inv_history_kind_name(InvHistoryKind kind);

typedef struct InvHistoryEntry {
    InvHistoryKind kind;
    int64_t at;
    int64_t ref; /* lent, returned, lost: the loan id; stocktake: the stocktake id; else 0 */
    char card[INV_CODE_MAX];          /* lent, returned, lost: the borrower's card */
    char borrower_name[INV_NAME_MAX]; /* ... and name */
    int64_t due_at;                   /* lent, returned, lost */
    int64_t returned_at;              /* lent, returned, lost; 0 while open */
    int renewals;                     /* lent: times the line was renewed */
    bool damaged;                     /* returned: damaged / parts missing */
    char note[INV_TEXT_MAX];          /* return note, status note, stocktake zone */
    int status;                       /* status: the InvItemStatus set; stocktake: InvAuditKind;
                                         repair: the InvRepairStepKind */
    int reason;                       /* repair, retired: the InvRetireReason; else -1 */
    char staff[INV_NAME_MAX];         /* staff who lent, took back or changed it; "" if none */
} InvHistoryEntry;

/* An item's history, newest first: each loan (lent, and returned or lost), status changes
 * (repairs, missing, found, retired), stocktake scans. `skip` entries are skipped and at most
 * `limit` given (0: all), for paging. INV_E_UNKNOWN_ITEM if there is no such item. */
typedef int (*InvHistoryFn)(const InvHistoryEntry *e, void *ctx);
int inv_item_history(InvDb *db, const char *barcode, size_t skip, size_t limit, InvHistoryFn fn,
                     void *ctx);

/* ---- yearly figures ----------------------------------------------------------------------- */

/* The four figures every centre reports, for year Y in the centre's local time:
 * items_lent: loan lines whose loan started in Y; loans: loans started in Y; borrowers: distinct
 * borrowers with a loan started in Y; new_borrowers: borrowers registered in Y. */
typedef struct InvFigures {
    int64_t items_lent;
    int64_t loans;
    int64_t borrowers;
    int64_t new_borrowers;
} InvFigures;

/* The four figures of one centre (centre_id > 0) or of all centres in the file (centre_id 0),
 * read from summaries kept up to date in every checkout and import. */
int inv_figures(InvDb *db, int year, int64_t centre_id, InvFigures *out);

/* The same four figures counted from the loans themselves (slow; used to check summaries). */
int inv_figures_raw(InvDb *db, int year, int64_t centre_id, InvFigures *out);

typedef struct InvCategoryFigure {
    char category[INV_NAME_MAX];
    int64_t items_lent;
} InvCategoryFigure;

/* Age bands of the yearly figures: X(NAME, number, key, oldest age in the band). A borrower's
 * age in year Y is Y - birth year; no birth year (or an age below 0) is UNKNOWN. The number is
 * what the summaries store (sum_borrower.band), so the list is only ever added to at the end
 * with new numbers; the SQL that sorts borrowers into bands is generated from this list. */
#define INV_AGE_BAND_MAP(X)                                                                        \
    X(UNKNOWN, 0, "unknown", -1)                                                                   \
    X(CHILD, 1, "0-12", 12)                                                                        \
    X(TEEN, 2, "13-17", 17)                                                                        \
    X(YOUNG, 3, "18-25", 25)                                                                       \
    X(ADULT, 4, "26-66", 66)                                                                       \
    X(SENIOR, 5, "67+", 9999)

typedef enum InvAgeBand {
#define INV_AGE_BAND_ENUM(name, number, key, oldest) INV_AGE_##name = number,
    INV_AGE_BAND_MAP(INV_AGE_BAND_ENUM)
#undef INV_AGE_BAND_ENUM
} InvAgeBand;

enum {
#define INV_AGE_BAND_ONE(name, number, key, oldest) +1
    INV_AGE_BANDS = 0 INV_AGE_BAND_MAP(INV_AGE_BAND_ONE)
#undef INV_AGE_BAND_ONE
};

/* A band's key ("0-12", "67+", "unknown"). */
const char *inv_age_band_key(InvAgeBand band);

/* Distinct borrowers of a year who gave one municipality ("" if none was given). */
typedef struct InvMunicipalityFigure {
    char municipality[INV_NAME_MAX];
    int64_t borrowers;
} InvMunicipalityFigure;

typedef struct InvYearReport {
    int year;
    bool has_data; /* the centre has summaries for Y: a loan started, a line returned or a
                      borrower registered in Y (else every figure of the year is 0) */
    InvFigures total;
    InvFigures month[12];           /* borrowers: distinct within the month */
    InvCategoryFigure *by_category; /* owned by the report, most lent first */
    size_t n_categories;
    int64_t overdue_now;            /* the centre's items on loan past due at `now` */
    int64_t items_never_lent;       /* the centre's items (not retired) with no loan ever */
    double avg_loan_days;           /* mean days from checkout to return of lines returned, for
                                       loans started in Y; 0 if none */
    int64_t renewals;               /* loan lines renewed in Y (each renewal counts) */
    int64_t reservations_made;      /* reservations made in Y (cancelled ones too) */
    int64_t reservations_fulfilled; /* reservations whose first item was collected in Y */
    int64_t open_days;              /* days of Y the centre is open (its calendar) */
    /* The year's distinct borrowers (total.borrowers) split by age band in Y and by
     * municipality, as each was recorded in the summaries when the borrower's first loan of Y
     * was counted: erasing the person later changes neither. Each split sums to
     * total.borrowers. by_municipality is owned by the report: most borrowers first, ties by
     * name, "" (not given) last. */
    int64_t by_age[INV_AGE_BANDS];
    InvMunicipalityFigure *by_municipality;
    size_t n_municipalities;
} InvYearReport;

/* Fills a whole year report for this database's centre. now 0 leaves out the figures of the
 * moment (overdue_now, items_never_lent stay 0): last year's report beside this year's.
 * Release with inv_year_report_release. */
int inv_year_report(InvDb *db, int year, int64_t now, InvYearReport *out);
void inv_year_report_release(InvYearReport *r);

/* One centre's line in a year's ranking. */
typedef struct InvCentreRank {
    int place; /* 1 for the most loans; every centre has a place of its own, 1..n */
    int64_t centre_id;
    char name[INV_NAME_MAX];
    InvFigures figures; /* the centre's four figures of the year, from the summaries */
} InvCentreRank;

typedef struct InvRanking {
    int year;
    InvCentreRank *centres; /* owned by the ranking, first place first */
    size_t n;
} InvRanking;

/* Ranks every centre in the file for year Y by loans (most first), read from the summaries
 * (one row per centre: fast at any file size). Ties are decided by items lent, then distinct
 * borrowers, then new borrowers (more ranks higher), and last by the lower centre id, so the
 * order never depends on the file and no two centres share a place. A centre with no loans in
 * Y is ranked too, with its figures 0. INV_E_INVALID if the year is out of range. Release with
 * inv_ranking_release (NULL or a zeroed ranking is fine). */
int inv_ranking(InvDb *db, int year, InvRanking *out);
void inv_ranking_release(InvRanking *r);

/* Recomputes every summary from the loans (after a repair by hand): every loan is then in the
 * summaries (the queue of checkouts is empty). One transaction. */
int inv_summaries_rebuild(InvDb *db);

/* The work a checkout leaves for a quiet moment, done now: the loans queued since the last fold
 * are added to the summaries (one transaction; one read when none are queued). A checkout adds
 * its loan to the summaries itself only when INV_SUM_QUEUE_MAX loans are queued; the kiosk calls
 * this when nobody has touched it for a couple of seconds, and every reader of the figures folds
 * the queue first, so the figures are exact either way. While another program writes, it waits
 * at most INV_IDLE_BUSY_MS and returns INV_E_BUSY, to be tried again later. */
#define INV_SUM_QUEUE_MAX 256
#define INV_IDLE_BUSY_MS 20
int inv_idle(InvDb *db);

/* ---- import ------------------------------------------------------------------------------- */

typedef enum InvImportKind {
    INV_IMPORT_ITEMS,
    INV_IMPORT_BORROWERS,
    INV_IMPORT_LOANS,
} InvImportKind;

/* "items", "borrowers", "loans"; and back. */
const char *inv_import_kind_name(InvImportKind kind);
bool inv_import_kind_parse(const char *name, InvImportKind *out);

typedef struct InvImportResult {
    size_t rows;       /* data rows read (header not counted) */
    size_t added;      /* rows stored (0 when refused) */
    size_t n_problems; /* problems found; only the first INV_IMPORT_PROBLEMS_MAX are listed */
    char problems[INV_IMPORT_PROBLEMS_MAX][INV_MSG_MAX]; /* "FILE:LINE: why" */
} InvImportResult;

/* Called now and then during an import with the bytes read so far of `total`. */
typedef void (*InvProgressFn)(uint64_t done, uint64_t total, void *ctx);

/* Imports a CSV file (comma or semicolon, detected; UTF-8 with or without BOM; CRLF or LF; quoted
 * fields) as one transaction, whose write lock is held only for the final write (the file is
 * read and checked before, while other connections may write): any bad row refuses the whole file
 * (INV_E_IMPORT, database unchanged) and *result lists the problems with file and 1-based line, in
 * line order. Columns by header name, any order, unknown ones ignored:
 *   items:     barcode, name, category; optional added_at, location, condition, notes, loan_days
 *   borrowers: card, name; optional phone, email, birth_year, registered_at, responsible_card,
 *              consent (co-borrowers may come before their responsible adult)
 *   loans:     loan_ref, card, barcode, checked_out_at; optional due_at, returned_at, renewals,
 *              lost (rows with one loan_ref are one loan, anywhere in the file; no returned_at
 *              leaves the item on loan; lost is a date or yes/no: a lost line is closed then and
 *              an item whose last line is lost becomes missing)
 * Each column also has Norwegian names (strekkode, navn, kategori, kort, lånt, levert, ...: the
 * list is in inv_import_int.h), matched without case and with æ/ø/å or ae, o/oe, a/aa.
 * Times are ISO 8601 (see inv_time_parse) or Norwegian, 31.12.2024 or 31.12.2024 14:05 (local
 * time); `now` stands for a missing added_at or registered_at. Loans are read and written in
 * bounded memory (temporary files hold the rows between the phases) at any file size.
 * Errors of the file itself (unreadable: INV_E_NOT_FOUND/INV_E_INVALID/INV_E_IO) come without
 * problems; *result is always filled. */
int inv_import_csv(InvDb *db, InvImportKind kind, const char *path, int64_t now,
                   InvProgressFn progress, void *progress_ctx, InvImportResult *result);

/* How far an imported time (added_at, registered_at, checked_out_at, returned_at) may lie past
 * the import's `now` before the row is refused as impossible history: clocks of the machine
 * that wrote the file and of this one may differ a little. */
#define INV_IMPORT_MAX_SKEW_DEFAULT 600 /* seconds */

typedef struct InvImportOptions {
    int64_t now;      /* the import's time */
    int64_t max_skew; /* seconds an imported time may lie past now (>= 0) */
    InvProgressFn progress;
    void *progress_ctx;
} InvImportOptions;

/* inv_import_csv with options; inv_import_csv is this with max_skew
 * INV_IMPORT_MAX_SKEW_DEFAULT. INV_E_INVALID if max_skew is negative. */
int inv_import_csv_opts(InvDb *db, InvImportKind kind, const char *path,
                        const InvImportOptions *opts, InvImportResult *result);

/* ---- stocktake (audit) -------------------------------------------------------------------- */

typedef enum InvAuditKind {
    INV_AUDIT_FOUND = 0,     /* expected here and found */
    INV_AUDIT_MISPLACED = 1, /* known item whose location is another zone */
    INV_AUDIT_LENT = 2,      /* found, but marked on loan */
    INV_AUDIT_UNKNOWN = 3,   /* barcode not in the store */
    INV_AUDIT_MISSING = 4,   /* expected here, not scanned (in the report only) */
    INV_AUDIT_AGAIN = 5,     /* scanned before in this stocktake: not counted again */
} InvAuditKind;

const char *inv_audit_kind_name(InvAuditKind kind);

typedef struct InvAuditCount {
    int64_t expected; /* items whose location is the zone and that should be on the shelf */
    int64_t found;    /* of those, scanned */
    int64_t misplaced;
    int64_t lent;
    int64_t unknown;
} InvAuditCount;

typedef struct InvAudit {
    int64_t id;
    char zone[INV_NAME_MAX]; /* "" for the whole centre */
    int64_t staff_id;        /* who started it; 0 if not recorded */
    int64_t started_at;
    int64_t finished_at; /* 0 while open */
} InvAudit;

/* Starts a stocktake of one zone (a shelf or zone label; "" for the whole centre). */
int inv_audit_start(InvDb *db, const char *zone, int64_t staff_id, int64_t now, int64_t *audit_id);

/* Records one scanned barcode; *kind says what it was, *count (if not NULL) the running count. */
int inv_audit_scan(InvDb *db, int64_t audit_id, const char *barcode, int64_t now,
                   InvAuditKind *kind, InvAuditCount *count);

int inv_audit_count(InvDb *db, int64_t audit_id, InvAuditCount *count);

/* Closes the stocktake; later scans get INV_E_AUDIT_CLOSED. */
int inv_audit_finish(InvDb *db, int64_t audit_id, int64_t now);

typedef struct InvAuditLine {
    InvAuditKind kind;
    char barcode[INV_CODE_MAX];
    char name[INV_NAME_MAX];     /* "" for unknown barcodes */
    char location[INV_NAME_MAX]; /* where the store says the item belongs */
} InvAuditLine;

/* The report: missing, misplaced, lent and unknown lines (not the plainly found ones), by kind
 * then barcode. */
typedef int (*InvAuditLineFn)(const InvAuditLine *line, void *ctx);
int inv_audit_each(InvDb *db, int64_t audit_id, InvAuditLineFn fn, void *ctx);

/* Looks a stocktake up: INV_E_NOT_FOUND ("no stocktake ID") if there is none. */
int inv_audit_get(InvDb *db, int64_t audit_id, InvAudit *out);

/* The plainly found lines (INV_AUDIT_FOUND), by barcode: with inv_audit_each, every line of the
 * result. INV_E_NOT_FOUND if there is no such stocktake. */
int inv_audit_each_found(InvDb *db, int64_t audit_id, InvAuditLineFn fn, void *ctx);

/* Marks every item the stocktake found missing as missing, in one transaction; *n gets how many. */
int inv_audit_mark_missing(InvDb *db, int64_t audit_id, int64_t staff_id, int64_t now, size_t *n);

/* ---- time --------------------------------------------------------------------------------- */

/* Parses ISO 8601 "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (T or space) with "Z", "+HH:MM", "+HHMM"
 * or no zone (then local time of the centre). false if it does not parse, is not a real date, or
 * is a local time that does not exist (skipped when the clocks go forward). A local time that
 * occurs twice (when they go back) is taken as the later one, in standard time. */
bool inv_time_parse(const char *text, int64_t *out);

/* Formats a UTC time as local "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD" when date_only). */
void inv_time_format(int64_t t, bool date_only, char *buf, size_t size);

/* The local calendar year of a UTC time. */
int inv_time_year(int64_t t);

/* ---- calendar ----------------------------------------------------------------------------- */

/* A centre's opening days: weekly closed days, dated closures (a day or a range, with a note)
 * and the Norwegian public holidays, which the program computes (closed unless the centre opens
 * on them). Due dates move forward to the next open day (checkout, inv_lend_check, an import's
 * loans without due_at); if no open day comes within INV_CALENDAR_SEARCH_DAYS of the plain due
 * day (a closure of a year or more), the plain due day stays. The calendar is read into the
 * handle once and read again when it changed (also by another program), so a checkout does no
 * extra SQL for it beyond one PRAGMA data_version. */

#define INV_CALENDAR_SEARCH_DAYS 366

/* A local calendar date. */
typedef struct InvDate {
    int year;  /* 1970..9999 */
    int month; /* 1..12 */
    int day;   /* 1..31 */
} InvDate;

/* Parses "YYYY-MM-DD" or the Norwegian "D.M.YYYY" (e.g. 24.12.2026): false if it does not parse
 * or is no real date (2026-02-30) or the year is outside 1970..9999. */
bool inv_date_parse(const char *text, InvDate *out);

/* "YYYY-MM-DD" into buf (11 bytes are enough). */
void inv_date_format(InvDate d, char *buf, size_t size);

/* Days since 1970-01-01 (proleptic Gregorian), and back; day of the week, 0 Monday..6 Sunday. */
int64_t inv_date_days(InvDate d);
InvDate inv_date_from_days(int64_t days);
int inv_date_weekday(InvDate d);

/* X(NAME, month, day, easter_offset, nb, en): the Norwegian public holidays (lov om helligdager
 * og helligdagsfred; 1 and 17 May by lov om 1. og 17. mai som høgtidsdagar). month 0: the day is
 * easter_offset days from Easter Sunday. */
#define INV_HOLIDAY_MAP(X)                                                                         \
    X(NEW_YEAR, 1, 1, 0, "1. nyttårsdag", "New Year's Day")                                        \
    X(MAUNDY_THURSDAY, 0, 0, -3, "skjærtorsdag", "Maundy Thursday")                                \
    X(GOOD_FRIDAY, 0, 0, -2, "langfredag", "Good Friday")                                          \
    X(EASTER_SUNDAY, 0, 0, 0, "1. påskedag", "Easter Sunday")                                      \
    X(EASTER_MONDAY, 0, 0, 1, "2. påskedag", "Easter Monday")                                      \
    X(MAY_DAY, 5, 1, 0, "1. mai", "May Day")                                                       \
    X(CONSTITUTION_DAY, 5, 17, 0, "17. mai", "Constitution Day")                                   \
    X(ASCENSION_DAY, 0, 0, 39, "Kristi himmelfartsdag", "Ascension Day")                           \
    X(WHIT_SUNDAY, 0, 0, 49, "1. pinsedag", "Whit Sunday")                                         \
    X(WHIT_MONDAY, 0, 0, 50, "2. pinsedag", "Whit Monday")                                         \
    X(CHRISTMAS_DAY, 12, 25, 0, "1. juledag", "Christmas Day")                                     \
    X(BOXING_DAY, 12, 26, 0, "2. juledag", "Boxing Day")

typedef enum InvHoliday {
    INV_HOLIDAY_NONE = 0,
#define INV_HOLIDAY_ENUM(name, month, day, offset, nb, en) INV_HOLIDAY_##name,
    INV_HOLIDAY_MAP(INV_HOLIDAY_ENUM)
#undef INV_HOLIDAY_ENUM
} InvHoliday;

/* Easter Sunday of a Gregorian year (the computus: Meeus/Jones/Butcher). */
InvDate inv_easter_sunday(int year);

/* The public holiday on date d, or INV_HOLIDAY_NONE. */
InvHoliday inv_public_holiday(InvDate d);

/* A holiday's name in Norwegian ("2. påskedag") or English ("Easter Monday"); "" for none. */
const char *inv_holiday_name(InvHoliday h, bool norwegian);

typedef struct InvCalendarRules {
    unsigned closed_weekdays; /* bit 0 Monday .. bit 6 Sunday */
    bool holidays_open;       /* the centre opens on public holidays (default: closed) */
} InvCalendarRules;

#define INV_WEEKDAYS_ALL 0x7fu

/* The centre's weekly rules (none closed and holidays closed until set). */
int inv_calendar_rules(InvDb *db, InvCalendarRules *out);

/* Sets the closed weekdays (bits as above). INV_E_INVALID for a mask that closes all seven
 * days (a centre that never opens would have no due day) or has other bits. */
int inv_calendar_set_weekly(InvDb *db, unsigned closed_weekdays);

/* Whether the public holidays are closed days (the default) or open ones. */
int inv_calendar_set_holidays(InvDb *db, bool holidays_open);

/* Adds a dated closure of first..last (inclusive) with a note (may be NULL or ""). INV_E_INVALID
 * if last is before first (the message names both), INV_E_EXISTS if it overlaps a closure
 * already stored (named in the message: remove that one first). */
int inv_closure_add(InvDb *db, InvDate first, InvDate last, const char *note);

/* Removes the closure that starts on `first`. INV_E_NOT_FOUND if none does; the message names
 * the closure `first` lies inside, if any, and its first day. */
int inv_closure_remove(InvDb *db, InvDate first);

typedef enum InvDayKind {
    INV_DAY_OPEN = 0,
    INV_DAY_CLOSURE, /* a dated closure: note */
    INV_DAY_HOLIDAY, /* a public holiday the centre keeps closed: holiday */
    INV_DAY_WEEKLY,  /* a weekly closed day */
} InvDayKind;

typedef struct InvDay {
    InvDate date;
    InvDayKind kind;    /* why it is closed, the first that applies in the order above */
    InvHoliday holiday; /* the public holiday of the date (also when open or closed otherwise) */
    const char *note;   /* INV_DAY_CLOSURE: the closure's note (borrowed for the call); else "" */
} InvDay;

/* What date d is at this centre. */
int inv_calendar_day(InvDb *db, InvDate d, InvDay *out);

/* Walks every closed day of from..to (inclusive) in date order; *open_days (if not NULL) gets
 * the count of open days in the range. fn may be NULL to count only. INV_E_INVALID if `to` is
 * before `from`. */
typedef int (*InvDayFn)(const InvDay *day, void *ctx);
int inv_calendar_each_closed(InvDb *db, InvDate from, InvDate to, InvDayFn fn, void *ctx,
                             int64_t *open_days);

/* The local day a loan of `days` days started at `from` is due: the plain due day, moved forward
 * to the next open day (as checkout does). */
int inv_calendar_due_day(InvDb *db, int64_t from, int days, InvDate *out);

/* ---- reminders and receipts (inv_remind.c) ------------------------------------------------- */

/* Messages to borrowers go through an outbox (table outbox), written in the transaction that
 * decides them: a receipt in the checkout's (when the borrower asked for receipts), a reminder in
 * a round's (inv_remind_queue). Each message is unique per loan, kind, reminder number and
 * channel, so the same one is never queued twice. A message goes to the borrower, or to a
 * child's responsible adult, on each channel that person consented to (contact_consent) and has
 * an address for; people with none are on the call list.
 *
 * Sending (the caller does the network part): inv_outbox_claim marks one message `sending`
 * with a token and commits before the network call; inv_outbox_done records the answer. A
 * message still `sending` when the next round starts (inv_outbox_recover; rounds never overlap)
 * was perhaps delivered: SMTP and HTTP give no way to ask afterwards, so it is marked in doubt
 * and never sent again by itself. Hence the guarantee: at most once per message. */

#define INV_REMIND_EVERY_DAYS_DEFAULT 7 /* days between reminders */
#define INV_REMIND_MAX_DEFAULT 3        /* reminders per loan */
#define INV_REMIND_HOUR 9               /* reminders are due from 09:00 local time of their day */
#define INV_LANG_MAX 8

typedef struct InvRemindRules {
    int every_days; /* 1..60: reminder n+1 comes this many days after reminder n */
    int max;        /* 0..10 reminders per loan (0: none) */
} InvRemindRules;

/* The rules in force (defaults for those never set; settings remind_every_days, remind_max). */
int inv_remind_rules(InvDb *db, InvRemindRules *out);
/* Stores both (INV_E_INVALID naming the rule if one is out of range; nothing written then). */
int inv_remind_rules_set(InvDb *db, const InvRemindRules *rules);

typedef enum InvChannel { INV_CHANNEL_SMS = 1, INV_CHANNEL_EMAIL = 2 } InvChannel;
typedef enum InvOutKind { INV_OUT_RECEIPT = 1, INV_OUT_REMINDER = 2 } InvOutKind;

/* X(NAME, value, text): an outbox message's state. */
#define INV_OUT_STATE_MAP(X)                                                                       \
    X(QUEUED, 0, "queued")                                                                         \
    X(SENDING, 1, "sending")                                                                       \
    X(SENT, 2, "sent")                                                                             \
    X(UNSURE, 3, "in doubt")                                                                       \
    X(DROPPED, 4, "dropped")
typedef enum InvOutState {
#define INV_OUT_STATE_ENUM(name, value, text) INV_OUT_##name = value,
    INV_OUT_STATE_MAP(INV_OUT_STATE_ENUM)
#undef INV_OUT_STATE_ENUM
} InvOutState;
const char *inv_out_state_name(InvOutState s);

/* A borrower's wishes: a receipt after each checkout, and the language of messages ("" : nb). */
typedef struct InvRemindPrefs {
    bool receipts;
    char lang[INV_LANG_MAX];
    int contact_consent; /* bit 1 SMS, bit 2 e-mail (set where consent is given) */
} InvRemindPrefs;
int inv_remind_prefs(InvDb *db, int64_t borrower_id, InvRemindPrefs *out);
/* Sets receipts (0 no, 1 yes, -1 unchanged) and lang ("nb", "en", "" for the default; NULL
 * unchanged; else INV_E_INVALID). Recorded in person_change. One transaction. */
int inv_remind_prefs_set(InvDb *db, int64_t borrower_id, int receipts, const char *lang,
                         int64_t staff_id, int64_t now);

typedef struct InvOutMsg {
    int64_t id; /* 0 for a message a dry run would queue */
    InvOutKind kind;
    int64_t loan_id;
    int number; /* reminder 1..max; 0 for a receipt */
    InvChannel channel;
    int64_t recipient_id;  /* who gets it: the borrower, or a child's responsible adult */
    int64_t borrower_id;   /* whose loan it is */
    char to[INV_NAME_MAX]; /* phone or e-mail address */
    char lang[INV_LANG_MAX];
    InvOutState state;
    int attempts;
    int64_t queued_at;
    int64_t next_try;
    int64_t sent_at;
    char answer[INV_TEXT_MAX]; /* the server's last answer */
} InvOutMsg;
typedef int (*InvOutFn)(const InvOutMsg *m, void *ctx);

/* The message's unique key as text, "loan-12-reminder-2-sms" (also a Message-ID part). */
void inv_out_key(const InvOutMsg *m, char *buf, size_t size);

/* One round's queueing: for each loan with lines overdue at `now`, the reminder due (the first
 * from INV_REMIND_HOUR of the first open day after the due day, then every every_days days,
 * each moved to an open day, up to max; a reminder whose time is more than every_days days past
 * is skipped, so switching reminders on does not message old loans), queued per channel in one
 * transaction; *queued gets how many. dry_run: the same, then fn (may be NULL) is called for
 * every message that would be sent now (queued ones due included), and nothing is kept. */
int inv_remind_queue(InvDb *db, int64_t now, bool dry_run, InvOutFn fn, void *ctx, size_t *queued);

/* Messages left `sending` by a round that stopped become INV_OUT_UNSURE; *n gets how many.
 * Call it only while no other round runs (bua-admin remind holds a lock file). */
int inv_outbox_recover(InvDb *db, size_t *n);

/* Claims the next message due at `now` on one of `channels` (a mask of InvChannel): marks it
 * sending with `token`, one more attempt, and commits. A reminder whose items all came back is
 * dropped instead and the next one taken. INV_E_NOT_FOUND when none is due. */
int inv_outbox_claim(InvDb *db, int64_t now, unsigned channels, const char *token, InvOutMsg *out);

/* Records the outcome of a claimed message: sent (ok), or queued again for a retry after a
 * backoff (10 minutes doubling per attempt, at most 12 hours; *next_try gets it, if not NULL).
 * `server` (the relay or gateway) and `answer` are kept for the channel's health. One
 * transaction. INV_E_NOT_FOUND if the message is not sending with that token. */
int inv_outbox_done(InvDb *db, int64_t id, const char *token, bool ok, const char *server,
                    const char *answer, int64_t now, int64_t *next_try);

/* A message in doubt that staff found was not delivered is queued again (sent in the next
 * round). INV_E_NOT_FOUND, naming the id, if no message `id` is in doubt. */
int inv_outbox_resend(InvDb *db, int64_t id, int64_t now);

/* Walks messages in `state`; due > 0: only those due by then. */
int inv_outbox_each(InvDb *db, InvOutState state, int64_t due, InvOutFn fn, void *ctx);
/* How many messages are in `state`. */
int inv_outbox_count(InvDb *db, InvOutState state, int64_t *out);

/* A channel's health: failures in a row since the last success (0 when it works or was never
 * used), since when, the last server and answer. */
typedef struct InvChannelHealth {
    int fails;
    int64_t failing_since; /* 0: not failing */
    int64_t last_ok;       /* 0: never */
    char server[INV_NAME_MAX];
    char answer[INV_TEXT_MAX];
} InvChannelHealth;
int inv_channel_health(InvDb *db, InvChannel channel, InvChannelHealth *out);

/* The call list: borrowers with items overdue at `now` who cannot get a reminder (neither they,
 * nor for a child the responsible adult, consented to a channel they have an address for). */
typedef struct InvCallEntry {
    int64_t borrower_id;
    char name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    char phone[INV_PHONE_MAX];        /* the guardian's for a child (else the child's); "" none */
    bool guardian;                    /* phone is the responsible adult's */
    char guardian_name[INV_NAME_MAX]; /* a child's responsible adult; "" for an adult */
    int items;                        /* overdue lines */
    int days_late;                    /* since the oldest due day (local days) */
    char item_names[INV_TEXT_MAX];    /* "Ski, Hjelm" (cut at a character boundary) */
} InvCallEntry;
typedef int (*InvCallFn)(const InvCallEntry *e, void *ctx);
int inv_call_list_each(InvDb *db, int64_t now, InvCallFn fn, void *ctx);

/* ---- personal data: access, erasure, retention (inv_privacy.c, inv_sweep.c) ---------------- */

/* What is held on a person, as sections of rows (right of access). Each section is one query on
 * the store ("person": every column of the borrower row, so a column added later is exported
 * with it; "responsible_adult", "children", "consents_given", "loans", "renewals",
 * "reservations", "changes", "cards_replaced", "access_log"). Every table that refers to a
 * borrower is covered by a section: inv_privacy_coverage() checks it against the schema. */
typedef struct InvField {
    const char *name; /* column name */
    bool null;
    bool is_int;
    int64_t i;        /* is_int */
    const char *text; /* !is_int && !null */
    bool is_time;     /* an integer column that holds a time ("at", "*_at") */
} InvField;

/* Walks the export of the borrower with `card`: fn(section, NULL, 0, ctx) opens each section
 * (also an empty one), then fn(section, fields, n, ctx) per row; fields are borrowed for the
 * call. Reads in one transaction. INV_E_UNKNOWN_BORROWER naming the card (an erased person's
 * card is unknown: it is gone), INV_E_CARD_REPLACED for a replaced card. *id_out (if not NULL)
 * gets the borrower's id. Does not log the access: see inv_access_log. */
typedef int (*InvExportFn)(const char *section, const InvField *fields, size_t n, void *ctx);
int inv_borrower_export(InvDb *db, const char *card, InvExportFn fn, void *ctx, int64_t *id_out);

/* INV_OK if every column that refers to a borrower (each table's foreign keys to borrower, and
 * the columns that refer to one without a REFERENCES clause, listed in inv_privacy.c) is covered
 * by the export and by erasure; else INV_E_CORRUPT naming the table and column. */
int inv_privacy_coverage(InvDb *db);

/* Records that staff (staff_id; 0 for bua-admin) opened the details of a borrower (what:
 * "kiosk person", "bua-admin show", "bua-admin export"), in a transaction of its own. */
int inv_access_log(InvDb *db, int64_t borrower_id, int64_t staff_id, const char *what, int64_t now);

/* Records a borrower's card login at the kiosk (their last activity, for the retention sweep),
 * at most once in 24 hours per borrower (a later scan the same day writes nothing), without
 * waiting for another writer: INV_E_BUSY at once if one holds the database (the next login
 * records it; a login is never slowed down by it). */
int inv_borrower_login(InvDb *db, int64_t borrower_id, int64_t now);

/* The name an erased person's row keeps, and how its card starts: "\u2205" and the row's id,
 * which no card can match (cards are printable ASCII). */
#define INV_ERASED_NAME "(anonym)"
#define INV_ERASED_CARD "\xe2\x88\x85"

typedef struct InvErased {
    int64_t id;        /* the anonymous key that stays (loans, summaries) */
    size_t n_children; /* children erased with the adult */
    bool log_cleared;  /* the write-ahead log was checkpointed and truncated */
} InvErased;

/* Erases the person with `card` (right to erasure), in one transaction: name, card, phone,
 * e-mail, birth year, municipality, consent, block and its reason are gone (the card becomes
 * INV_ERASED_CARD and the id, the name INV_ERASED_NAME); the row's id stays as the anonymous key
 * of their loans, reservations and the figures (nothing any report counts changes); replaced
 * cards and the access log of the person are deleted; the changes log keeps which fields changed
 * (never values) and gets an "erased" entry; open reservations are cancelled. An adult's
 * children (their consent was the adult's) are erased with them. Refused with INV_E_HAS_LOANS
 * while the person or one of their children has an item on loan (the message names each card
 * and barcode). staff_id: a leader's (else INV_E_NEEDS_LEADER), or 0 for bua-admin.
 * INV_E_UNKNOWN_BORROWER for an unknown card, also one erased before. The writes run with
 * secure_delete (every connection of the store has it on), and after the commit the write-ahead log
 * is checkpointed into the file and truncated, so the old values are in no byte of the database or
 * its log; if another connection holds an old snapshot the checkpoint waits up to
 * INV_CHECKPOINT_WAIT_MS and then gives up (out->log_cleared false: the next erase, sweep or
 * inv_privacy_checkpoint clears it). */
#define INV_CHECKPOINT_WAIT_MS 5000
int inv_borrower_erase(InvDb *db, const char *card, int64_t staff_id, int64_t now, InvErased *out);

/* Checkpoints the write-ahead log into the database file and truncates it to 0 bytes: INV_OK, or
 * INV_E_BUSY after INV_CHECKPOINT_WAIT_MS while another connection reads an old snapshot or
 * writes (the message says so). */
int inv_privacy_checkpoint(InvDb *db);

/* The centre's retention rules (table setting): retention_months: a borrower with no loan, no
 * return, no reservation and no card login for this many months (and nothing on loan) is
 * erased by the sweep, and the access log keeps entries this long (default 24, 1..240);
 * history_months: loan history older than this (whole local years) is detached from the person
 * (default 60, 12..1200). */
#define INV_RETENTION_MONTHS_DEFAULT 24
#define INV_HISTORY_MONTHS_DEFAULT 60
typedef struct InvPrivacyRules {
    int retention_months;
    int history_months;
} InvPrivacyRules;
int inv_privacy_rules(InvDb *db, InvPrivacyRules *out);
int inv_privacy_rules_set(InvDb *db, const InvPrivacyRules *rules);

/* One borrower the sweep erases (or would, in a dry run). */
typedef struct InvSweepPerson {
    int64_t id;
    char card[INV_CODE_MAX];
    char name[INV_NAME_MAX];
    int64_t last_at; /* last activity: registration, loan, return, reservation or login */
} InvSweepPerson;

typedef struct InvSweepResult {
    size_t erased;          /* borrowers erased (children counted) */
    size_t detached_people; /* people whose old loan history was detached */
    int64_t detached_loans;
    int64_t access_pruned; /* access log entries older than the retention period */
    bool log_cleared;
    size_t jobs_swept;        /* bike jobs whose customer name and phone were cleared
                                 (inv_job_sweep with retention_months) */
    size_t memberships_swept; /* scheme memberships deleted (inv_training_sweep, the same) */
} InvSweepResult;

/* The retention sweep at `now`: erases (as inv_borrower_erase) every borrower inactive for
 * retention_months with nothing on loan (an adult only when their children are inactive too),
 * deletes access log entries older than retention_months, and detaches loan history of the
 * local years that ended more than history_months ago: each person's loans (and reservations)
 * of those years move to a new anonymous key row (key_only), one per person and sweep, so that
 * distinct borrowers per year and month stay exact (skipped while such a loan is open); it
 * clears the customers of bike jobs picked up more than retention_months ago (as inv_job_sweep)
 * and deletes scheme memberships that ended more than retention_months ago (as
 * inv_training_sweep), counted in jobs_swept and memberships_swept. One transaction, then a
 * checkpoint as in erase. fn (may be NULL) is called per person erased, before; with dry_run
 * nothing is changed and fn lists who would be erased. */
typedef int (*InvSweepFn)(const InvSweepPerson *p, void *ctx);
int inv_privacy_sweep(InvDb *db, int64_t now, bool dry_run, InvSweepFn fn, void *ctx,
                      InvSweepResult *out);

/* ---- the workshop: repair queue, customer bike jobs, yearly figures (inv_workshop.c, inv_job.c)
 *
 * The repair queue is the centre's items in status in_repair, oldest first. An item enters
 * repair when a status change to in_repair is recorded in its history (a damaged return, a set
 * back with parts missing, a leader's change); its repair spell starts at the first such change
 * after the last change to another status, and ends at the next change to another status. Each
 * step taken from the queue (what was done, waiting for parts, made available, retired) is kept
 * with who and when, and shows in the item's history as one INV_HIST_REPAIR entry. Trainees and
 * leaders alike may take every step: making a repaired item available no longer needs a
 * leader. */

/* X(NAME, value, name): the steps of the repair queue (the value is stored: repair_step.step). */
#define INV_REPAIR_STEP_MAP(X)                                                                     \
    X(NOTE, 0, "note")       /* what was done; the item stays in repair */                         \
    X(WAIT, 1, "waiting")    /* waiting for parts: stays in the queue, marked */                   \
    X(READY, 2, "ready")     /* "Klar til utlån": available again */                              \
    X(RETIRED, 3, "retired") /* "Kasser": retired, with a reason */

typedef enum InvRepairStepKind {
#define INV_REPAIR_STEP_ENUM(name, value, text) INV_REPAIR_##name = value,
    INV_REPAIR_STEP_MAP(INV_REPAIR_STEP_ENUM)
#undef INV_REPAIR_STEP_ENUM
} InvRepairStepKind;

/* X(NAME, value, name): why an item is retired from the repair queue (stored:
 * repair_step.reason); the fixed list the kiosk offers, with free text beside it. */
#define INV_RETIRE_REASON_MAP(X)                                                                   \
    X(BEYOND_REPAIR, 0, "beyond_repair") /* cannot be repaired */                                  \
    X(NOT_WORTH, 1, "not_worth")         /* costs more to repair than it is worth */               \
    X(UNSAFE, 2, "unsafe")               /* not safe to lend */                                    \
    X(NO_PARTS, 3, "no_parts")           /* parts cannot be had */                                 \
    X(OTHER, 4, "other")

typedef enum InvRetireReason {
#define INV_RETIRE_ENUM(name, value, text) INV_RETIRE_##name = value,
    INV_RETIRE_REASON_MAP(INV_RETIRE_ENUM)
#undef INV_RETIRE_ENUM
        INV_RETIRE_COUNT
} InvRetireReason;

/* "note", "waiting", "ready", "retired"; "beyond_repair", ... "other"; and back (false if
 * unknown). */
const char *inv_repair_step_name(InvRepairStepKind step);
bool inv_repair_step_parse(const char *name, InvRepairStepKind *out);
const char *inv_retire_reason_name(InvRetireReason reason);
bool inv_retire_reason_parse(const char *name, InvRetireReason *out);

typedef struct InvRepair {
    InvItem item;
    int64_t since;      /* the start of its repair spell (its added_at if no change recorded) */
    int days;           /* whole days since then, at the `now` given */
    bool waiting_parts; /* the spell's last step is "waiting for parts" */
    int64_t waiting_since;
    char note[INV_TEXT_MAX]; /* the latest damage note of the spell ("" if none) */
    int n_notes;             /* notes of the spell (inv_repair_each_note) */
} InvRepair;

/* The repair queue: the centre's items in repair, oldest spell first (then by barcode). */
typedef int (*InvRepairFn)(const InvRepair *r, void *ctx);
int inv_repair_each(InvDb *db, int64_t now, InvRepairFn fn, void *ctx);

/* One item of the queue: INV_E_UNKNOWN_ITEM, or INV_E_NOT_IN_REPAIR (naming its status). */
int inv_repair_get(InvDb *db, const char *barcode, int64_t now, InvRepair *out);

typedef struct InvRepairNote {
    int64_t at;
    bool step;                /* a step of the queue (else a damage note) */
    int kind;                 /* step: the InvRepairStepKind */
    char note[INV_TEXT_MAX];  /* the note ("" for a step without one) */
    char staff[INV_NAME_MAX]; /* who; "" if not recorded (self-service, bua-admin) */
} InvRepairNote;

/* The notes of an item's current repair spell, oldest first: the damage notes (returns marked
 * damaged, the note of each change to in_repair, which carries a return's or a leader's note;
 * the same text once) and the queue's steps. INV_E_NOT_IN_REPAIR as inv_repair_get. */
typedef int (*InvRepairNoteFn)(const InvRepairNote *n, void *ctx);
int inv_repair_each_note(InvDb *db, const char *barcode, InvRepairNoteFn fn, void *ctx);

typedef struct InvRepairStep {
    const char *barcode;
    InvRepairStepKind step;
    const char *note;       /* what was done: required for NOTE, optional otherwise */
    InvRetireReason reason; /* RETIRED */
    int64_t staff_id;       /* a trainee or leader; 0: bua-admin without --staff */
    int64_t now;
} InvRepairStep;

/* Takes one step for an item in repair, in one transaction: the step is recorded (who, when,
 * note, reason); READY makes the item available and RETIRED retires it, each with the change in
 * its history. Refused, nothing written: INV_E_UNKNOWN_ITEM; INV_E_NOT_IN_REPAIR (naming the
 * item's status); INV_E_INVALID for a NOTE without a note, a reason out of the list or a note
 * that is not clean text; INV_E_NOT_FOUND for a staff_id that is no staff member. */
int inv_repair_step(InvDb *db, const InvRepairStep *s);

/* X(NAME, value, name, Norwegian name): a customer bike job's status (stored: job.status). */
#define INV_JOB_STATUS_MAP(X)                                                                      \
    X(RECEIVED, 0, "received", "mottatt")                                                          \
    X(WORKING, 1, "working", "under_arbeid")                                                       \
    X(WAITING, 2, "waiting", "venter_deler")                                                       \
    X(DONE, 3, "done", "ferdig")                                                                   \
    X(PICKED_UP, 4, "picked_up", "hentet")

typedef enum InvJobStatus {
#define INV_JOB_ENUM(name, value, text, nb) INV_JOB_##name = value,
    INV_JOB_STATUS_MAP(INV_JOB_ENUM)
#undef INV_JOB_ENUM
        INV_JOB_COUNT
} InvJobStatus;

/* "received", ...; parse takes the English or the Norwegian name (false if unknown). */
const char *inv_job_status_name(InvJobStatus s);
const char *inv_job_status_name_nb(InvJobStatus s);
bool inv_job_status_parse(const char *name, InvJobStatus *out);

/* The moves a job's status may make:
 *   received -> working, picked_up      (picked up before any work: taken back as it was)
 *   working  -> waiting, done, picked_up
 *   waiting  -> working, picked_up
 *   done     -> working, picked_up      (opened again before pickup)
 *   picked_up -> none                   (the job is closed)
 */
bool inv_job_move_allowed(InvJobStatus from, InvJobStatus to);

#define INV_JOB_MINUTES_MAX 720 /* time worked recorded in one change, minutes */

typedef struct InvJob {
    int64_t id;                  /* the job number, on the slip */
    char customer[INV_NAME_MAX]; /* "" once swept */
    char phone[INV_PHONE_MAX];   /* "" once swept */
    char bike[INV_NAME_MAX];     /* what the bike is ("blå Nakamura, 26 tommer") */
    char work[INV_TEXT_MAX];     /* what to do */
    InvJobStatus status;
    int64_t received_at;
    int64_t received_by; /* staff id; 0 if not recorded */
    int64_t finished_at; /* the first time it became done; 0 if never */
    int64_t picked_up_at;
    int64_t swept_at; /* customer's name and phone cleared; 0 if not */
    int minutes;      /* time worked, all staff */
} InvJob;

/* A new job, status received, from job->customer (required), phone, bike (required) and work
 * (required); staff_id who took it in (0: not recorded). *id_out gets its number. INV_E_INVALID
 * naming the field. */
int inv_job_add(InvDb *db, const InvJob *job, int64_t staff_id, int64_t now, int64_t *id_out);

/* One job: INV_E_NOT_FOUND ("no bike job N"). */
int inv_job_get(InvDb *db, int64_t id, InvJob *out);

/* The jobs of this database's centre: with all false those not picked up, oldest first; with
 * all, every one, newest first. */
typedef int (*InvJobFn)(const InvJob *job, void *ctx);
int inv_job_each(InvDb *db, bool all, InvJobFn fn, void *ctx);

typedef struct InvJobChange {
    int64_t id;
    int status;       /* -1: unchanged; else an InvJobStatus allowed from the current one */
    int minutes;      /* time worked by staff_id, 0..INV_JOB_MINUTES_MAX (0: none) */
    const char *note; /* NULL or "": none */
    int64_t staff_id; /* who; required with minutes (time is per trainee) */
    int64_t now;
} InvJobChange;

/* Changes a job in one transaction and records the change (who, when, new status, minutes,
 * note) as one entry. Refused, nothing written: INV_E_NOT_FOUND; INV_E_JOB_MOVE naming both
 * statuses for a move inv_job_move_allowed refuses (also to the status it has); INV_E_INVALID for
 * minutes out of range, minutes without staff, a change with nothing in it, unclean text;
 * INV_E_NOT_FOUND for an unknown staff_id. */
int inv_job_change(InvDb *db, const InvJobChange *c);

typedef struct InvJobEvent {
    int64_t at;
    char staff[INV_NAME_MAX]; /* "" if not recorded */
    int status;               /* the new status, or -1 */
    int minutes;
    char note[INV_TEXT_MAX];
} InvJobEvent;

/* A job's changes, oldest first (its intake first). */
typedef int (*InvJobEventFn)(const InvJobEvent *e, void *ctx);
int inv_job_each_event(InvDb *db, int64_t id, InvJobEventFn fn, void *ctx);

typedef struct InvJobWorker {
    int64_t staff_id;
    char name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    int minutes;
} InvJobWorker;

/* Who worked on a job and their minutes, most first. */
typedef int (*InvJobWorkerFn)(const InvJobWorker *w, void *ctx);
int inv_job_each_worker(InvDb *db, int64_t id, InvJobWorkerFn fn, void *ctx);

/* Privacy retention: clears the customer's name and phone of every job picked up more than
 * `months` months before `now` (the same day of the month, local time) that still has them,
 * and marks it swept; with dry_run nothing is written and *n says how many would be. One
 * transaction. INV_E_INVALID for months < 1. The bike, the work, the notes and the figures
 * stay. (bua-admin privacy sweep calls it.) */
int inv_job_sweep(InvDb *db, int64_t now, int months, bool dry_run, size_t *n);

/* A customer's right to erasure: clears the name and phone of bike job `id` now, whatever its
 * status, and marks it swept (the bike, the work, the notes and the figures stay); then, as a
 * borrower's erasure, the log is checkpointed so the old values are in no byte of the file or
 * its log (*log_cleared false when a reader held an old snapshot: the next erase or sweep
 * clears it). INV_E_NOT_FOUND ("no bike job N"); a job already cleared is left as it is. */
int inv_job_erase(InvDb *db, int64_t id, int64_t now, bool *log_cleared);

/* The workshop's figures of local year Y for one centre (centre_id > 0; 0: this database's):
 *   repairs_done: repair steps READY taken in Y (items made available from the repair queue);
 *   repairs_ended: repair spells of the centre's items that ended in Y, however they ended
 *     (made available from the queue or by a leader, retired, marked missing);
 *   median_repair_days: the median length in days (seconds / 86400, fractional) of those
 *     spells, from the start of the spell to its end; the mean of the two middle ones for an
 *     even count; 0 when none ended;
 *   retired: the centre's items whose status changed to retired in Y (from the queue or not);
 *   retired_by_reason[r]: of those, retired from the repair queue with reason r;
 *   retired_other: retired in Y not through the repair queue (retired - sum of the reasons);
 *   jobs_received: bike jobs received in Y; jobs_finished: bike jobs whose first move to done
 *     was in Y; jobs_picked_up: picked up in Y; job_minutes: minutes of work recorded in Y on
 *     the centre's jobs.
 * INV_E_INVALID for a year outside 1970..9999. Last year's figures: the same call with Y - 1. */
typedef struct InvWorkshopYear {
    int year;
    int64_t repairs_done;
    int64_t repairs_ended;
    double median_repair_days;
    int64_t retired;
    int64_t retired_by_reason[INV_RETIRE_COUNT];
    int64_t retired_other;
    int64_t jobs_received;
    int64_t jobs_finished;
    int64_t jobs_picked_up;
    int64_t job_minutes;
} InvWorkshopYear;

int inv_workshop_year(InvDb *db, int64_t centre_id, int year, InvWorkshopYear *out);

/* ---- work training (inv_training.c) ------------------------------------------------------- */

/* Trainees (staff with role trainee) check in and out at the kiosk with their staff card; each
 * check-in to its check-out is a shift, on the local day of the check-in. A check-in or
 * check-out needs no PIN (it reveals nothing and changes only the trainee's own hours).
 *
 * A shift left open is closed by the store, never by a process that must run at closing time:
 * once its local day has ended (the first call at or after local midnight), it is closed at the
 * closing time of its weekday at the centre (inv_hours; default INV_HOURS_DEFAULT_CLOSES),
 * or at its check-in if that was later, and marked auto_closed. inv_training_close_forgotten
 * does it; check-in, check-out, status and bua-admin's training commands call it first. A
 * leader can set a day by hand (inv_training_day_set), which replaces that day's shifts with
 * one and records who and when.
 *
 * Schemes (Arbeidstrening NAV, Aktivitetsplikt, VTO, Samfunnsstraff, Frivillig, Sommerjobb, and
 * any the centre adds) and a trainee's membership of one, dated from..to: membership can
 * reveal sensitive facts (a community sentence), so only leaders' tools show it, and
 * inv_training_sweep deletes memberships that ended long ago. */

#define INV_HOURS_DEFAULT_OPENS (10 * 60) /* minutes after local midnight, until set */
#define INV_HOURS_DEFAULT_CLOSES (18 * 60)
#define INV_FTE_HOURS_DEFAULT 1700 /* hours in one full-time equivalent (årsverk), until set */
#define INV_FTE_HOURS_MIN 100
#define INV_FTE_HOURS_MAX 4000

/* The opening hours of a weekday (0 Monday .. 6 Sunday) at this handle's centre, in minutes
 * after local midnight; *set is false (and the defaults given) if never set. */
int inv_hours(InvDb *db, int weekday, int *opens, int *closes, bool *set);

/* Sets the opening hours of every weekday in `weekdays` (bit 0 Monday .. bit 6 Sunday), in one
 * transaction. INV_E_INVALID unless 0 <= opens < closes <= 1440 and weekdays is a non-empty
 * set of weekdays. */
int inv_hours_set(InvDb *db, unsigned weekdays, int opens, int closes);

/* Hours in one full-time equivalent (the setting training_fte_hours; INV_FTE_HOURS_DEFAULT
 * until set), and setting it (INV_FTE_HOURS_MIN..INV_FTE_HOURS_MAX, else INV_E_INVALID). */
int inv_training_fte_hours(InvDb *db, int *out);
int inv_training_fte_hours_set(InvDb *db, int hours);

typedef struct InvShift {
    int64_t id;
    InvDate day; /* the local day of in_at */
    int64_t in_at;
    int64_t out_at;   /* 0 while open */
    bool auto_closed; /* closed by the store at closing time (a forgotten check-out) */
} InvShift;

typedef struct InvTrainingStatus {
    InvStaff staff;
    bool checked_in;       /* an open shift today */
    InvShift open;         /* that shift, when checked_in */
    int64_t today_seconds; /* closed shifts of today, in seconds */
    InvShift closed;       /* when the trainee has no shift today and their last one was
                              closed at closing time (a forgotten check-out): that shift, so
                              the kiosk can say so; id 0 otherwise */
} InvTrainingStatus;

/* Closes every forgotten shift (see above) at `now`; *n (if not NULL) gets how many. One
 * transaction. */
int inv_training_close_forgotten(InvDb *db, int64_t now, size_t *n);

/* Whether the trainee with `card` is checked in, after closing forgotten shifts. The card must
 * be an active staff card (INV_E_NOT_FOUND, INV_E_CARD_REPLACED, INV_E_STAFF_DISABLED,
 * INV_E_STAFF_EXPIRED) of a trainee (INV_E_NOT_TRAINEE naming the card). */
int inv_training_status(InvDb *db, const char *card, int64_t now, InvTrainingStatus *out);

/* Starts a shift at `now` at this handle's centre (INV_E_CHECKED_IN if one is open today), or
 * ends the open one at `now` (INV_E_NOT_CHECKED_IN if none). The same card checks as
 * inv_training_status; forgotten shifts are closed first. *out (if not NULL) gets the status
 * after the change. One transaction each. */
int inv_training_check_in(InvDb *db, const char *card, int64_t now, InvTrainingStatus *out);
int inv_training_check_out(InvDb *db, const char *card, int64_t now, InvTrainingStatus *out);

/* A leader (by_staff_id; 0 for bua-admin, the leader's own tool) sets the trainee's day to one
 * shift from in_min to out_min (minutes after local midnight of `day`), replacing the day's
 * shifts, recorded as corrected by and at `now`. INV_E_INVALID unless
 * 0 <= in_min < out_min <= 1440, or for a day after today; INV_E_NEEDS_LEADER if by_staff_id is
 * not an active leader; INV_E_NOT_FOUND / INV_E_CARD_REPLACED for the card. One transaction.
 * inv_training_day_clear removes the day's shifts (a day checked in by mistake), recorded
 * nowhere else: INV_E_NOT_FOUND if there were none. */
int inv_training_day_set(InvDb *db, const char *card, InvDate day, int in_min, int out_min,
                         int64_t by_staff_id, int64_t now);
int inv_training_day_clear(InvDb *db, const char *card, InvDate day, int64_t by_staff_id);

/* One trainee's day: the sum of its shifts. */
typedef struct InvTrainingDay {
    int64_t staff_id;
    char name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    InvDate day;
    int64_t first_in;
    int64_t last_out; /* 0 if the only shift is open */
    int64_t seconds;  /* closed shifts only */
    int shifts;
    bool open;                       /* a shift is still open */
    bool auto_closed;                /* a shift was closed at closing time */
    int64_t corrected_at;            /* 0: never set by a leader */
    char corrected_by[INV_NAME_MAX]; /* the leader's name; "" for bua-admin or never */
} InvTrainingDay;

/* Walks the days of from..to (inclusive) at this handle's centre, newest first, then by name;
 * only the trainee with `card` unless it is NULL. */
typedef int (*InvTrainingDayFn)(const InvTrainingDay *d, void *ctx);
int inv_training_each_day(InvDb *db, const char *card, InvDate from, InvDate to,
                          InvTrainingDayFn fn, void *ctx);

typedef struct InvScheme {
    int64_t id;
    char name[INV_NAME_MAX];
    int64_t current; /* memberships running today (the `today` of inv_scheme_each) */
    int64_t members; /* memberships of any time still kept */
} InvScheme;

/* Walks the schemes by name. */
typedef int (*InvSchemeFn)(const InvScheme *s, void *ctx);
int inv_scheme_each(InvDb *db, InvDate today, InvSchemeFn fn, void *ctx);

/* Adds a scheme (INV_E_EXISTS if one has the name, ignoring case), renames one (INV_E_NOT_FOUND,
 * INV_E_EXISTS), removes one (INV_E_EXISTS while memberships refer to it: the message says how
 * many). Names are required text of up to INV_NAME_MAX - 1 bytes. */
int inv_scheme_add(InvDb *db, const char *name);
int inv_scheme_rename(InvDb *db, const char *name, const char *new_name);
int inv_scheme_remove(InvDb *db, const char *name);

typedef struct InvMembership {
    int64_t id;
    int64_t staff_id;
    char name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    char scheme[INV_NAME_MAX];
    InvDate from;
    InvDate to; /* year 0: still running */
} InvMembership;

/* Records that the staff member with `card` belongs to `scheme` from..to (to.year 0: still
 * running), added by by_staff_id (0: bua-admin) at `now`; *id_out gets its id. INV_E_INVALID if
 * to is before from; INV_E_NOT_FOUND for an unknown scheme or card; INV_E_EXISTS if it overlaps
 * another membership of the same person in the same scheme (named). One transaction. */
int inv_membership_add(InvDb *db, const char *card, const char *scheme, InvDate from, InvDate to,
                       int64_t by_staff_id, int64_t now, int64_t *id_out);

/* Ends a membership on `to` (INV_E_INVALID before its start, INV_E_EXISTS if that makes it
 * overlap another), or removes it; INV_E_NOT_FOUND for an unknown id. */
int inv_membership_end(InvDb *db, int64_t id, InvDate to);
int inv_membership_remove(InvDb *db, int64_t id);
int inv_membership_get(InvDb *db, int64_t id, InvMembership *out);

/* Walks memberships by name and start, of the person with `card` only unless it is NULL. */
typedef int (*InvMembershipFn)(const InvMembership *m, void *ctx);
int inv_membership_each(InvDb *db, const char *card, InvMembershipFn fn, void *ctx);

/* Privacy retention: deletes (or with dry_run only counts) the memberships that ended more than
 * `months` months ago: to_day before the local date of `now` moved back `months` calendar
 * months (the day clamped to the month's last). Running ones are kept. *n (if not NULL) gets
 * the count. INV_E_INVALID for months < 1 or > 1200. One transaction. Note that the per-scheme
 * year figures of a year read only the memberships still kept. */
int inv_training_sweep(InvDb *db, int64_t now, int months, bool dry_run, size_t *n);

/* The work-training figures of one calendar year at a centre (centre_id 0: this handle's),
 * read from the summaries every write of shifts and memberships keeps (a few rows: well under a
 * millisecond), so the annual report can print them. Exact definitions (a "day" is a trainee's
 * shifts on one local date; only closed shifts count, so call
 * inv_training_close_forgotten(db, now) first, as bua-admin does):
 *   participants  distinct trainees with at least one closed shift dated in the year
 *   days          distinct (trainee, date) pairs with a closed shift in the year
 *   seconds       sum of (check-out - check-in) of those shifts; hours = seconds / 3600
 *   fte           hours / the centre's hours per full-time equivalent (fte_hours)
 *   auto_days     days with a shift closed at closing time (a forgotten check-out)
 *   per scheme    persons: distinct trainees with a closed shift in the year dated inside one
 *                 of their memberships of the scheme (from..to inclusive); seconds: the sum
 *                 of those shifts (a trainee in two schemes on a day counts in both). Every
 *                 scheme is listed, by name, zeros too. Only memberships still kept count
 *                 (inv_training_sweep deletes old ones).
 *   per trainee   every participant, by name, with days and seconds as above.
 * The work of each participant in the year at the centre is counted from the raw rows by
 * inv_training_work (it reads the loans: a few milliseconds, for the leader's detail):
 *   loans         loans with loan.staff_id the trainee, by checked_out_at
 *   items_lent    the lines of those loans
 *   returns       loan lines with return_staff_id the trainee, by returned_at (loans of the
 *                 centre)
 *   registrations borrowers of the centre with registered_by the trainee, by registered_at
 *   repairs       repair-queue steps "Klar til utlån" (ready) the trainee recorded, by at
 *                 (the centre's items: repair_step)
 *   jobs          distinct bike jobs of the centre the trainee recorded a change or time on,
 *                 by the change's time (job_event)
 *   job_minutes   the minutes of work the trainee recorded on bike jobs, by the same time
 * and the year's loans, items_lent, returns, registrations, repairs, jobs and job_minutes are
 * the sums over the
 * participants (0 until inv_training_work). Dates and years are local (the centre's time
 * zone). The arrays are owned by *out: release with inv_training_year_release. */
typedef struct InvTraineeYear {
    int64_t staff_id;
    char name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    int64_t days;
    int64_t seconds;
    int64_t loans;
    int64_t items_lent;
    int64_t returns;
    int64_t registrations;
    int64_t repairs;
    int64_t jobs;
    int64_t job_minutes;
} InvTraineeYear;

typedef struct InvSchemeYear {
    char name[INV_NAME_MAX];
    int64_t persons;
    int64_t seconds;
} InvSchemeYear;

typedef struct InvTrainingYear {
    int year;
    int64_t centre_id;
    int64_t participants;
    int64_t days;
    int64_t seconds;
    int64_t auto_days;
    int fte_hours;
    double fte;
    int64_t loans;
    int64_t items_lent;
    int64_t returns;
    int64_t registrations;
    int64_t repairs;
    int64_t jobs;
    int64_t job_minutes;
    InvTraineeYear *trainees;
    size_t n_trainees;
    InvSchemeYear *schemes;
    size_t n_schemes;
} InvTrainingYear;

int inv_training_year(InvDb *db, int64_t centre_id, int year, InvTrainingYear *out);
int inv_training_work(InvDb *db, InvTrainingYear *y);
void inv_training_year_release(InvTrainingYear *y);

/* ---- sync: one centre, several devices (inv_sync_*.c; /work/notes/sync_contract.md) ------- */

/* A database is one device of a centre once it has an identity (bua-admin init --centre
 * --device). From then on the store's triggers append a row image of every change to a
 * replicated table to the outbox (sync_out) in the same transaction (a checkout's loan and lines
 * as one row, read back as their 1 + n events: INV_SYNC_EVENTS); bua-sync sends the outbox
 * to the server and hands the other devices' events to inv_sync_apply. Before the identity the
 * triggers write nothing. The replicated tables and their personal columns are the table spec in
 * inv_sync_spec.c. */
#define INV_SYNC_NAME_MAX 33 /* a centre code or device name, [a-z0-9-]{1,32}, with its NUL */
#define INV_SYNC_GID_MAX 80  /* a row's global id: "<device>:<id>", a line "<loan gid>/<seq>" */

typedef struct InvSyncIdentity {
    char centre[INV_SYNC_NAME_MAX];
    char device[INV_SYNC_NAME_MAX];
} InvSyncIdentity;

/* The identity: INV_OK, or INV_E_NOT_FOUND "this database has no sync identity". */
int inv_sync_identity(InvDb *db, InvSyncIdentity *out);

/* Gives the database its identity, once, and appends the whole existing state of the replicated
 * tables to the outbox in the same transaction (*emitted, if not NULL: rows appended). The same
 * identity again is INV_OK with nothing emitted; a different one INV_E_EXISTS "this database is
 * device X of centre Y"; a code or name not [a-z0-9-]{1,32} INV_E_INVALID. */
int inv_sync_init(InvDb *db, const char *centre, const char *device, int64_t now, int64_t *emitted);

/* One event, in and out. data is a JSON object: every replicated column by name, a foreign key
 * as the gid of the row it points to (or null), centre_id left out. */
typedef struct InvSyncEvent {
    char device[INV_SYNC_NAME_MAX]; /* origin device (out: this device) */
    int64_t seq;                    /* origin's gapless sequence */
    int64_t at;                     /* origin's local time, unix seconds */
    char tbl[32];                   /* replicated table name */
    bool del;                       /* op 'del' (else 'put') */
    char gid[INV_SYNC_GID_MAX];
    char *data; /* JSON object text, owned by the event array */
} InvSyncEvent;

/* Up to max events of the outbox after seq `after`, oldest first, into a new array (*out, *n; an
 * empty outbox gives NULL and 0). Release with inv_sync_events_free. INV_E_NOT_FOUND when the
 * database has no identity. */
int inv_sync_outbox(InvDb *db, int64_t after, size_t max, InvSyncEvent **out, size_t *n);
void inv_sync_events_free(InvSyncEvent *ev, size_t n);
/* The outbox's events above the last seq the server acknowledged. */
int inv_sync_pending(InvDb *db, int64_t *waiting);
/* The server has every event up to seq: sets pushed and ok_at, clears the error, and deletes the
 * rows whose events are all sent, but the newest (so seq stays gapless; a checkout's row sent in
 * part stays, and inv_sync_outbox gives the rest of it). A seq above the newest is
 * INV_E_INVALID. */
int inv_sync_acked(InvDb *db, int64_t seq, int64_t now);
/* The last round failed: its error text and time (shown by sync-status and the staff screen). */
int inv_sync_failed(InvDb *db, const char *error, int64_t now);

/* Per other device, the last seq applied (for bua.pull); release *out with free(). */
typedef struct InvSyncMark {
    char device[INV_SYNC_NAME_MAX];
    int64_t seq;
} InvSyncMark;
int inv_sync_marks(InvDb *db, InvSyncMark **out, size_t *n);

/* Applies other devices' events in ONE transaction, without writing them to this device's
 * outbox: each device's in seq order; an event at or below its device's mark is skipped; a gap
 * (or an event of this device, or of a table not replicated) is INV_E_INVALID naming device and
 * seqs, and nothing is applied. A fact is never refused: rows merge by natural key (item
 * barcode, borrower and staff card, category name), an event whose foreign key points to a row
 * not seen yet waits (sync_wait) and is applied when that row arrives (after every batch), an
 * item lent on two devices at once keeps both loans and lists a double_lend conflict. The
 * summaries are brought up to date in the same transaction. */
typedef struct InvSyncApplied {
    size_t applied;
    size_t skipped;
    size_t waiting;   /* parked now (all batches) */
    size_t conflicts; /* new in this batch */
} InvSyncApplied;
int inv_sync_apply(InvDb *db, const InvSyncEvent *ev, size_t n, int64_t now, InvSyncApplied *out);

typedef struct InvSyncStatus {
    bool initialised;
    InvSyncIdentity id;
    int64_t last_seq; /* the newest outbox seq */
    int64_t pushed;   /* the last seq the server acknowledged */
    int64_t waiting;  /* last_seq - pushed */
    int64_t ok_at;    /* last successful round (0: never) */
    int64_t error_at; /* last failed round (0: none since the last success) */
    char error[256];
    int64_t conflicts_open;
    int64_t parked;
} InvSyncStatus;
int inv_sync_status(InvDb *db, InvSyncStatus *out);

/* The table spec, for bua-sync to seal personal columns: whether tbl.col is personal. */
bool inv_sync_personal(const char *tbl, const char *col);

/* Conflicts, newest first; open_only skips resolved ones. Release *out with free(). The
 * contract's barcode field is INV_CODE_MAX long (there is no INV_BARCODE_MAX). */
typedef struct InvSyncConflict {
    int64_t id;
    char kind[16]; /* "double_lend" or "card_merge" */
    int64_t at;
    char barcode[INV_CODE_MAX];
    char item_name[INV_NAME_MAX];
    char card[INV_CODE_MAX];
    char borrower_name[INV_NAME_MAX];
    char detail[256];
    int64_t resolved_at; /* 0: open */
    char resolution[128];
} InvSyncConflict;
int inv_sync_conflicts(InvDb *db, bool open_only, InvSyncConflict **out, size_t *n);
/* Resolves an open double lend (a leader or staff member staff_id): "returned" closes the older
 * line, kept open in the conflict, as returned now; "other-item BARCODE" moves it to that item
 * (which must be free). Both are written as local changes, so they sync. INV_E_NOT_FOUND (no such
 * conflict), INV_E_INVALID (resolved already, or another resolution), or the store's refusal. */
int inv_sync_conflict_resolve(InvDb *db, int64_t id, int64_t staff_id, const char *resolution,
                              int64_t now);

/* The two loans of an open or resolved double lend `id` (inv_conflict.c), older first: the
 * device that lent it (the prefix of its gid), when, and the borrower's card and name ("" for an
 * erased one). INV_E_NOT_FOUND if `id` is no double lend. */
typedef struct InvConflictLoan {
    char device[INV_SYNC_NAME_MAX];
    int64_t at;
    char card[INV_CODE_MAX];
    char name[INV_NAME_MAX];
} InvConflictLoan;
int inv_conflict_loans(InvDb *db, int64_t id, InvConflictLoan out[2]);

#endif
