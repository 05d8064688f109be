/* Internal to the inventory module: the sync table spec (inv_sync_spec.c) and what the outbox
 * (inv_sync_out.c) and the applier (inv_sync_apply.c) share. */
#ifndef BUA_INV_SYNC_INT_H
#define BUA_INV_SYNC_INT_H

#include "inv_int.h"

#include <stdarg.h>

/* A foreign key column of a replicated table: the table it points to (replicated too). */
typedef struct SyncFk {
    const char *col;
    const char *ref;
} SyncFk;

/* One replicated table. Tables with an INTEGER PRIMARY KEY `id` have gid "<device>:<id>" (or
 * the origin's, through sync_map); the others (pk != NULL) have a gid made of gid_parts joined
 * by '/', each part a foreign key's gid or a column's value. natural: the column that names the
 * same thing on every device (rows merge by it). local: columns that stay on the device. */
typedef struct SyncTable {
    const char *name;
    const char *pk;               /* NULL: `id`; else the primary key columns, "a, b" */
    const char *const *gid_parts; /* for pk tables, NULL-terminated */
    const char *natural;          /* or NULL */
    const SyncFk *fks;            /* terminated by {NULL, NULL} */
    const char *const *personal;  /* NULL-terminated */
    const char *const *local;     /* NULL-terminated (centre_id is always local) */
} SyncTable;

extern const SyncTable inv__sync_tables[];
extern const size_t inv__sync_n_tables;

/* The spec of a replicated table, or NULL. */
const SyncTable *inv__sync_table(const char *name);

/* A replicated column of a table, as read from the table's schema. */
#define SYNC_COLS_MAX 48
typedef struct SyncCol {
    char name[40];
    const char *ref; /* foreign key: the table it points to; else NULL */
    char dflt[24];   /* the SQL literal of a NOT NULL column's default, left out of a row image
                      * that holds it ("" if the column is always sent) */
    bool notnull;    /* declared NOT NULL */
    bool has_dflt;   /* declared with a DEFAULT */
} SyncCol;
/* The replicated columns of t in schema order (not `id`, centre_id or t's local columns). */
int inv__sync_cols(InvDb *db, const SyncTable *t, SyncCol *cols, size_t *n);

/* A growing string for generated SQL. */
typedef struct SyncBuf {
    char *p;
    size_t len;
    size_t cap;
    bool oom;
} SyncBuf;
void inv__sync_buf_add(SyncBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void inv__sync_buf_free(SyncBuf *b);

/* The SQL expressions of a row's gid and image (a JSON object), the row's columns read through
 * `p` ("new.", "old.", "t."). */
int inv__sync_gid_expr(InvDb *db, const SyncTable *t, const char *p, SyncBuf *out);
int inv__sync_image_expr(InvDb *db, const SyncTable *t, const char *p, SyncBuf *out);

/* Drops and makes the outbox triggers of every replicated table (inv_sync_init: a database
 * without an identity has none, so an unsynced kiosk pays nothing). */
int inv__sync_triggers(InvDb *db);

/* At inv_open, first: registers bua_sync_quiet() (the INSERT triggers of loan and loan_line
 * call it; a statement that fires them cannot be prepared without it). */
int inv__sync_register(InvDb *db);

/* At inv_open, once the statements are prepared: makes again the triggers of a database synced
 * before they called bua_sync_quiet(). */
int inv__sync_open(InvDb *db);

/* The checkout's outbox events: the puts of the loan it has just inserted and of its lines (seq
 * 1..n), oldest first, as one row (INV_SYNC_EVENTS), in the caller's transaction (nothing
 * without an identity). The checkout sets db->sync_quiet while it inserts them, so their INSERT
 * triggers write nothing. */
typedef struct SyncCheckout {
    int64_t loan_id;
    int64_t borrower_id;
    int64_t staff_id; /* 0: none */
    int64_t at;       /* checked_out_at */
    size_t n;         /* lines */
    const int64_t *item_id;
    const int64_t *due_at;
} SyncCheckout;
int inv__sync_checkout(InvDb *db, const SyncCheckout *co);

/* The store's own triggers. A store connection (inv_open) fires TEMP copies ("local_<name>") of
 * the database's triggers, with the persistent ones off for it (SQLITE_DBCONFIG_ENABLE_TRIGGER):
 * other programs' connections (the sqlite3 shell) still fire those. The copies leave out the
 * INSERT triggers of loan and loan_line and the item's status trigger, whose rows the store
 * writes itself: a checkout then fires no trigger for its loan, lines and items (about 30 us of
 * a 5-item checkout's CPU). inv__local_triggers makes the copies (at open, and again when the
 * schema changed: inv__local_triggers_check, at the start of every write transaction); when a
 * trigger's SQL is not what it expects it makes none and the persistent triggers fire. */
int inv__local_triggers(InvDb *db);
int inv__local_triggers_check(InvDb *db);

/* An item's status changes from `before` to `after`: with the store's own triggers, the item's
 * put goes to the outbox (as its status trigger would: not for a change between available and on
 * loan), after the UPDATE, in the caller's transaction. inv__sync_status_before reads the status
 * before (only when the store's triggers are on: else AVAILABLE, and nothing is written). */
int inv__sync_status_before(InvDb *db, int64_t item_id, int *status);
int inv__sync_item_status(InvDb *db, int64_t item_id, int before, int after);

/* Loans first .. last and their lines, just inserted by the store (an import): their puts, loans
 * first, with the store's own triggers (which have no INSERT trigger for them). */
int inv__sync_loans_put(InvDb *db, int64_t first, int64_t last);

/* Frees what inv__sync_checkout keeps in the handle (inv_close). */
void inv__sync_close(InvDb *db);

/* The erasure hook (inv_privacy.c): the personal columns of borrower `id` are removed from the
 * outbox rows still kept (unsent, and the newest sent one), in the caller's transaction. */
int inv__sync_scrub_borrower(InvDb *db, int64_t id);

#endif
