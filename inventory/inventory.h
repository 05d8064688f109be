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
    X(LAST_LEADER, "the last leader cannot be disabled")

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
#define INV_MSG_MAX 512 /* inv_errmsg() */
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
} InvBorrower;

/* Adds a borrower (registered_at = now if 0). Required: card, name. responsible_id, if not 0,
 * must be an adult (a borrower without a responsible adult; else INV_E_INVALID) who is not
 * blocked (else INV_E_BORROWER_BLOCKED, the message naming the adult's card). */
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
    const char *name;       /* NULL: unchanged */
    const char *phone;      /* NULL: unchanged; "": none */
    const char *email;      /* NULL: unchanged; "": none */
    int birth_year;         /* INV_UNCHANGED, 0 (not given) or a year, not in the future */
    const char *adult_card; /* NULL: unchanged; "": no responsible adult; else their card */
    int64_t staff_id;       /* who edits (recorded); 0: bua-admin */
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
    X(STOCKTAKE, 4, "stocktake")

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
    int status;                       /* status: the InvItemStatus set; stocktake: InvAuditKind */
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

typedef struct InvYearReport {
    int year;
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
} InvYearReport;

/* Fills a whole year report for this database's centre. Release with inv_year_report_release. */
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

#endif
