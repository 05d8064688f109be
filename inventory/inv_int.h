/* Internal to the inventory module: the handle, prepared statements and shared helpers. */
#ifndef BUA_INV_INT_H
#define BUA_INV_INT_H

#include "inv_sql.h"
#include "inventory.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <sys/types.h>

enum {
#define INV_SQL_ENUM(name, text) SQL_##name,
    INV_SQL_MAP(INV_SQL_ENUM)
#undef INV_SQL_ENUM
        SQL__COUNT
};

/* The calendar as read into the handle (inv_calendar.c). */
typedef struct InvCal InvCal;
/* How the checkout writes its outbox rows (inv_sync_spec.c). */
struct SyncFast;

struct InvDb {
    sqlite3 *sql;
    sqlite3_stmt *stmt[SQL__COUNT];
    int64_t centre_id;
    char timezone[INV_NAME_MAX];
    char path[1024];
    int lock_fd; /* path-lock, holding a shared flock while open (see inv_open) */
    dev_t dev;   /* the file opened: a write checks that path still names it */
    ino_t ino;
    char msg[INV_MSG_MAX];
    char err_code[INV_CODE_MAX]; /* inv_err_barcode() */
    int64_t err_at;              /* inv_err_at() */
    InvCal *cal;                 /* the calendar as last read (inv_calendar.c); NULL until needed */
    bool cal_checked;            /* its data version was checked in the current transaction */
    int busy_ms;                 /* the busy timeout set (inv_set_busy_timeout) */
    bool sync_quiet; /* a checkout is writing its loan and lines, whose row images it adds
                      * to the outbox itself (bua_sync_quiet(), inv_sync_spec.c) */
    struct SyncFast *sync_fast; /* how the checkout writes them (inv__sync_checkout) */
    bool local_triggers;        /* TEMP copies of the triggers fire, not the persistent ones */
    int64_t schema_seen;        /* PRAGMA schema_version when they were copied */
    bool copies_pending;        /* copied in the open transaction: its rollback undoes them */
};

/* Records a failure message (printf-style) and returns err. */
int inv__fail(InvDb *db, int err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A refusal about one barcode: records the message, the barcode for inv_err_barcode(), and
 * returns err. (inv__fail clears that barcode.) */
int inv__refuse(InvDb *db, int err, const char *barcode, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Translates a SQLite result code into an InvErr, recording "what: sqlite message". */
int inv__sqlfail(InvDb *db, int rc, const char *what);

/* The prepared statement `id`, ready to bind (reset and bindings cleared). */
sqlite3_stmt *inv__stmt(InvDb *db, int id);

/* Steps a statement that returns no rows and resets it: INV_OK, or the translated failure with
 * "what: sqlite message". */
int inv__run(InvDb *db, sqlite3_stmt *st, const char *what);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. rollback never fails visibly (it is the cleanup path). */
int inv__begin(InvDb *db);

/* A whole-number rule in the setting table: its key, default and range, and where it lives in
 * the area's struct of rules (offsetof; an int). inv__rules_get fills *out with the stored
 * values (a missing or out-of-range one: the default); inv__rules_set checks every value
 * (INV_E_INVALID naming the key and its range) and stores them all in one transaction
 * (inv_rules.c). */
typedef struct InvIntRule {
    const char *key;
    int def;
    int min;
    int max;
    size_t offset;
} InvIntRule;
int inv__rules_get(InvDb *db, const InvIntRule *list, size_t n, void *out);
int inv__rules_set(InvDb *db, const InvIntRule *list, size_t n, const void *in);
int inv__commit(InvDb *db);
void inv__rollback(InvDb *db);

/* Binds text ("" for NULL). */
void inv__bind_text(sqlite3_stmt *st, int col, const char *text);

/* Copies column text into buf (always NUL-terminated; "" for NULL). */
void inv__col_text(sqlite3_stmt *st, int col, char *buf, size_t size);

/* Copies src into dst[size], truncating at a UTF-8 character boundary. */
void inv__copy(char *dst, size_t size, const char *src);

/* What the lending rules need of an item beyond InvItem. */
typedef struct InvItemExtra {
    int64_t category_id;
    int loan_days; /* the item's own, else its category's, else INV_DEFAULT_LOAN_DAYS */
    bool has_parts;
    bool maybe_held; /* a reservation holds it (some days): the dates must be checked */
} InvItemExtra;

/* Rows read into structs: the column order is the one of the *_COLS macros in inv_sql.h. */
void inv__read_item(sqlite3_stmt *st, InvItem *out);
void inv__read_item_extra(sqlite3_stmt *st, InvItemExtra *out);

/* inv_item_get with the extra facts (INV_E_UNKNOWN_ITEM if there is no such item). */
int inv__item_get(InvDb *db, const char *barcode, InvItem *out, InvItemExtra *extra);
void inv__read_borrower(sqlite3_stmt *st, InvBorrower *out);
void inv__read_line(sqlite3_stmt *st, int64_t now, InvLoanLine *out);
/* Steps a statement of LINE_COLS rows, calling fn for each (a non-zero return stops and is
 * returned); resets it. INV_OK, or the store failure. */
int inv__walk_lines(InvDb *db, sqlite3_stmt *st, int64_t now, InvLoanLineFn fn, void *ctx);
/* The staff member with this id is a leader (the caller may then read them from *out, if not
 * NULL); otherwise INV_E_NEEDS_LEADER "only a leader can WHAT: ..." naming the card or the id. */
int inv__check_leader(InvDb *db, int64_t staff_id, const char *what, InvStaff *out);
/* The open loan line of item_id (inv_loans.c): its seq, loan, borrower and due time; *seq is 0
 * (and the others unchanged) when the item has none. */
int inv__open_line(InvDb *db, int64_t item_id, int64_t *seq, int64_t *loan_id, int64_t *borrower_id,
                   int64_t *due_at);

/* Local calendar of a UTC time in the centre's zone. */
typedef struct InvLocal {
    int year;
    int month; /* 1..12 */
    int day;   /* 1..31 */
} InvLocal;
InvLocal inv__local(int64_t t);

/* UTC instant of local midnight starting the given local date (month/day may overflow). */
int64_t inv__local_midnight(int year, int month, int day);

/* Due time of a loan of `days` days started at `from`: the end (23:59:59) of the local day
 * `days` days after the day of `from`, moved forward to the centre's next open day
 * (inv_calendar.c). Reads the calendar through inv__cal_ready(); if that fails (it reads only in
 * memory once checked in a transaction) the calendar last read is used, or none. */
int64_t inv__due_at(InvDb *db, int64_t from, int days);

/* Makes db->cal the calendar as committed: read once, and again when PRAGMA data_version says
 * another connection wrote (own writes of the calendar re-read it themselves). In a transaction
 * (inv__begin) the check runs once; a checkout calls it first so a failure refuses the checkout.
 * inv__cal_free (inv_close) frees it; inv__cal_forget marks it to be read again. */
int inv__cal_ready(InvDb *db);
void inv__cal_free(InvDb *db);
void inv__cal_forget(InvDb *db);

/* A category's id by name: INV_E_NOT_FOUND "no category NAME" if there is none. */
int inv__category_find(InvDb *db, const char *name, int64_t *id);
/* Category id by name, created when missing (inside the caller's transaction). */
int inv__category_id(InvDb *db, const char *name, int64_t *id);

/* Summaries (table summary: per centre, period YYYY or YYYYMM, and category, 0 for all;
 * centre 0 for all centres, per year only). All in the caller's transaction.
 * Loans above the mark (table sum_mark: the last loan id in the summaries) are queued.
 * inv__sum_checkout: a checkout's loan (already written with its lines): queued, and when
 * INV_SUM_QUEUE_MAX loans are above the mark they are added to the summaries in bulk (a loan
 * below the mark is added at once); inv_idle folds the queue when the kiosk is quiet.
 * inv__sum_fold: adds the queued loans now (in the caller's transaction, or in one of its own
 * when there is none), or rebuilds the summaries when the mark is not known. Every reader of
 * table summary calls it first, so what it reads is exact.
 * inv__sum_mark_all: every loan written so far is in the summaries (an import, which folds
 * first and then adds its own loans): the mark moves to the newest loan.
 * inv__sum_open: at open, rebuilds the summaries when the mark is not known (a file of step 3
 * whose queue was not the newest loans), once, rather than at the first reading.
 * inv__sum_loan: one loan of n_items lines started at `t` for a borrower, with per-category
 * counts (cat_ids[i] lent cat_counts[i] items; at most INV_CHECKOUT_MAX categories).
 * inv__sum_registration: one borrower registered at `t`.
 * inv__sum_add: add counts to one row; inv__sum_borrower: add a borrower to a period's set
 * (*added says whether it was new there). */
int inv__sum_loan(InvDb *db, int64_t centre_id, int64_t t, int64_t borrower_id, int64_t n_items,
                  const int64_t *cat_ids, const int64_t *cat_counts, size_t n_cats);
int inv__sum_checkout(InvDb *db, int64_t loan_id);
int inv__sum_fold(InvDb *db);
int inv__sum_mark_all(InvDb *db);
int inv__sum_open(InvDb *db);

/* The retention parts of inv_job_sweep and inv_training_sweep inside the caller's transaction
 * (inv_privacy_sweep runs them in its own); months already checked (1..1200). */
int inv__job_sweep_in(InvDb *db, int64_t now, int months, bool dry_run, size_t *n);
int inv__training_sweep_in(InvDb *db, int64_t now, int months, bool dry_run, size_t *n);
/* inv__sum_loans_bulk: what inv__sum_loan does for each of n_loans loans (an import's), in
 * one pass: counts aggregated in memory, then one upsert per year, month and category.
 * lines[i].loan indexes loans; back_at 0 while on loan. */
typedef struct InvSumBulkLoan {
    int64_t t; /* checked out at */
    int64_t borrower_id;
    int64_t n_items;
    bool more; /* more lines of a loan counted before (its items only, not the loan again) */
} InvSumBulkLoan;
typedef struct InvSumBulkLine {
    size_t loan;
    int64_t category_id;
    int64_t back_at;
} InvSumBulkLine;
int inv__sum_loans_bulk(InvDb *db, int64_t centre_id, const InvSumBulkLoan *loans, size_t n_loans,
                        const InvSumBulkLine *lines, size_t n_lines);
int inv__sum_registration(InvDb *db, int64_t centre_id, int64_t t);
int inv__sum_add(InvDb *db, int64_t centre_id, int64_t period, int64_t category_id, int64_t loans,
                 int64_t items, int64_t borrowers, int64_t new_borrowers);
int inv__sum_borrower(InvDb *db, int64_t centre_id, int64_t period, int64_t borrower_id,
                      int64_t *added);
/* n lines of loans of a centre started in `year` came back after `seconds` in all. */
int inv__sum_returned(InvDb *db, int64_t centre_id, int year, int64_t n, int64_t seconds);

/* A card is one person's, borrower or staff: INV_OK if no staff member holds `card`, else
 * INV_E_EXISTS naming the card and its holder (or a failure to read). */
int inv__card_not_staff(InvDb *db, const char *card);

/* Room for a PIN hash (crypto_pwhash_STRBYTES is 128). */
#define INV_PIN_HASH_MAX 128

/* Checks a PIN (4 to 12 digits, else INV_E_INVALID) and hashes it with Argon2id into
 * hash[size]. */
int inv__pin_hash(InvDb *db, const char *pin, char *hash, size_t size);

/* INV_OK if `card` was never replaced; else INV_E_CARD_REPLACED, "card X was replaced
 * (erstattet) on DATE" (or a failure to read). */
int inv__card_not_replaced(InvDb *db, const char *card);

/* The rows of table staff (STAFF_COLS), the PIN hash into hash[hash_size] if hash is not NULL. */
void inv__read_staff(sqlite3_stmt *st, InvStaff *out, char *hash, size_t hash_size);

/* Sets an item's status and appends the change to its history, in the caller's transaction. */
int inv__item_status(InvDb *db, int64_t item_id, InvItemStatus status, const char *note,
                     int64_t staff_id, int64_t now);

/* An item with an open loan line reported lost (a part missing from a returned set) changes to
 * `status`: available or in repair closes the line as returned now (it turned up), retired
 * writes it off; missing leaves it. In the caller's transaction (inv__item_status calls it). */
int inv__lost_line_close(InvDb *db, int64_t item_id, InvItemStatus status, int64_t staff_id,
                         int64_t now);

/* Appends an item status change to the item's history, in the caller's transaction. */
int inv__item_event(InvDb *db, int64_t item_id, InvItemStatus status, const char *note,
                    int64_t staff_id, int64_t now);

/* Renewals and reservations (inv_reserve.c). inv__reserve_check: whether item_id may be lent to
 * borrower_id from now until due_at: INV_E_ITEM_RESERVED (naming barcode and name, inv_err_at
 * set) if another borrower's reservation holds it in that time; else INV_OK, with *own_res the
 * borrower's own reservation it fulfils (0: none). inv__reserve_fulfil: in the checkout's
 * transaction, marks item_id collected for reservation own_res, or (own_res 0) fulfils the
 * borrower's category reservation that set aside another item of category_id, freeing that one.
 * inv__borrower_has_reservations: whether the borrower has a reservation not cancelled whose
 * pickup time has not passed (one lookup per checkout, so fulfilling costs nothing otherwise).
 * inv__lend_year: the year report's renewals and reservations. */
int inv__reserve_check(InvDb *db, int64_t item_id, const char *barcode, const char *name,
                       int64_t borrower_id, int64_t now, int64_t due_at, int64_t *own_res);
int inv__reserve_fulfil(InvDb *db, int64_t own_res, int64_t item_id, int64_t category_id,
                        int64_t borrower_id, int64_t now, int64_t due_at);
int inv__borrower_has_reservations(InvDb *db, int64_t borrower_id, int64_t now, bool *out);
int inv__lend_year(InvDb *db, int year, InvYearReport *r);

/* INV_OK if staff_id is a staff member; else INV_E_NOT_FOUND naming the id (inv_workshop.c). */
int inv__staff_exists(InvDb *db, int64_t staff_id);

/* An item's status is about to change to `status` (inv__item_status calls it first, in the
 * caller's transaction): a change to retired, or one that ends a repair spell, is added to the
 * centre's workshop_change rows that the yearly figures read (inv_workshop.c). */
int inv__workshop_status(InvDb *db, int64_t item_id, InvItemStatus status, int64_t now);

/* Validates a barcode or card: 1..INV_CODE_MAX-1 bytes of printable ASCII without spaces at the
 * ends. Returns INV_OK or INV_E_INVALID with a message naming `what`. */
int inv__check_code(InvDb *db, const char *what, const char *code);

/* Validates required/optional text fields: valid UTF-8, no control characters, fits in size. */
int inv__check_text(InvDb *db, const char *what, const char *text, size_t size, bool required);

/* INV_E_INVALID naming `what` and the character if text (valid UTF-8) holds a character that
 * inv_char_is_refused; else INV_OK. inv__check_text runs it on every name and note. */
int inv__check_chars(InvDb *db, const char *what, const char *text);

/* The code point at s[*i] (UTF-8), advancing *i past it; a broken sequence gives its first byte
 * and advances by one. */
uint32_t inv__utf8_next(const unsigned char *s, size_t *i);

/* INV_OK if table sum_training agrees with the shifts and memberships it sums, else
 * INV_E_CORRUPT naming the year and the staff id (inv_check; inv_training.c). */
int inv__training_check(InvDb *db);

/* true if s is valid UTF-8 (without NUL) */
bool inv__utf8_valid(const char *s, size_t len);

/* Consent at registration (inv_consent.c), inside inv_borrower_add's transaction: the contact
 * fields and consent of a new borrower (adult: their responsible adult, else NULL), and a
 * child's consent, which only their responsible adult `adult` gives. INV_OK or the refusal. */
int inv__consent_check_add(InvDb *db, const InvBorrower *b, const InvBorrower *adult);
int inv__consent_check_child(InvDb *db, const InvBorrower *b, const InvBorrower *adult);

/* A checkout's receipt (inv_remind.c), in its transaction: nothing but one read by rowid unless
 * the borrower asked for receipts; then one outbox row per channel the borrower (a child's
 * responsible adult) consented to and has an address for. */
int inv__receipt_queue(InvDb *db, int64_t loan_id, int64_t borrower_id, int64_t now);

/* Erasure (inv_privacy.c), in the caller's transaction. inv__erase_id: refuses (INV_E_HAS_LOANS,
 * naming each barcode and card) while the person or a child of theirs has an item on loan, else
 * erases the children (counted in *n_children, if not NULL) and the person with
 * inv__erase_row. inv__erase_row: one borrower row emptied, its replaced cards and access log
 * deleted, open reservations cancelled, an "erased" change recorded. */
int inv__erase_id(InvDb *db, int64_t id, int64_t staff_id, int64_t now, size_t *n_children);
int inv__erase_row(InvDb *db, int64_t id, int64_t staff_id, int64_t now);

#endif
