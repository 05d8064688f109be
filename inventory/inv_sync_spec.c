/* The sync table spec: which tables a centre's devices share, how their rows are named across
 * devices (gid), which of their columns are personal, and the outbox triggers generated from it.
 *
 * Replicated: the centre's shared state, every table a person at the counter or the kiosk
 * changes and another device of the centre must see (items, categories, item history, people,
 * loans and their lines, renewals, reservations, replaced cards, person changes, stocktakes,
 * repairs and the workshop's status changes, bike jobs). Local: the device's settings and
 * centre row, PIN lockouts, the access log, the reminder outbox and its channels, the summaries
 * (each device derives its own from the shared rows), the calendar and opening hours (set per
 * device by bua-admin, like settings), work training (its yearly sums are kept by inv_training.c
 * as shifts are written, not derivable here yet) and the sync tables themselves.
 *
 * The triggers (one per table for insert, update and delete) append a row image to sync_out in
 * the writing transaction when the database has an identity and is not applying other devices'
 * events; they read sync_map and sync_self by key only. An item's change between available and
 * on loan writes nothing: the loan line that causes it is sent, and the receiver derives it.
 *
 * A checkout writes its loan's and lines' row images itself, after its inserts, while the INSERT
 * triggers of loan and loan_line skip its rows (WHEN NOT bua_sync_quiet(), a function every
 * inv_open connection registers, true only then): inv__sync_checkout builds the images in C from
 * the values it has just inserted and the gids in sync_map, laid out from the same columns as the
 * generated expressions (the same text, byte for byte: test_sync_checkout), and inserts them as
 * one outbox row, a JSON array whose seq is the last of its 1 + n events (INV_SYNC_EVENTS,
 * expanded by inv_sync_outbox); an image it cannot build so (a gid JSON would escape, a column
 * it does not know) is written, a row each, by a statement generated like the triggers. Six
 * trigger firings, each a sub-program with its own lookups, JSON functions and insert, cost a
 * 5-item checkout ~180k instructions; six rows in one statement ~50k; one row ~31k (the gids in
 * one statement ~10k, the row in another ~9k; callgrind, bench_inventory --quick), with fewer
 * outbox pages (~500 bytes a 5-item checkout instead of ~700). A connection without the
 * function (the sqlite3 shell) cannot insert loans into a synced database ("no such function:
 * bua_sync_quiet"), rather than leave them out of the outbox. */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE                                                                                       \
    {                                                                                              \
        NULL                                                                                       \
    }
#define NO_FKS                                                                                     \
    {                                                                                              \
        {                                                                                          \
            NULL, NULL                                                                             \
        }                                                                                          \
    }

static const SyncFk fk_item[] = {{"category_id", "category"}, {"kit_id", "item"}, {NULL, NULL}};
static const SyncFk fk_item_event[] = {{"item_id", "item"}, {"staff_id", "staff"}, {NULL, NULL}};
static const SyncFk fk_borrower[] = {{"blocked_by", "staff"},
                                     {"responsible_id", "borrower"},
                                     {"registered_by", "staff"},
                                     {"consent_by", "borrower"},
                                     {NULL, NULL}};
static const SyncFk fk_loan[] = {{"borrower_id", "borrower"}, {"staff_id", "staff"}, {NULL, NULL}};
static const SyncFk fk_line[] = {
    {"loan_id", "loan"}, {"item_id", "item"}, {"return_staff_id", "staff"}, {NULL, NULL}};
static const SyncFk fk_renewal[] = {
    {"loan_id", "loan"}, {"item_id", "item"}, {"staff_id", "staff"}, {NULL, NULL}};
static const SyncFk fk_reservation[] = {{"borrower_id", "borrower"},
                                        {"item_id", "item"},
                                        {"category_id", "category"},
                                        {"staff_id", "staff"},
                                        {NULL, NULL}};
static const SyncFk fk_res_item[] = {
    {"reservation_id", "reservation"}, {"item_id", "item"}, {NULL, NULL}};
static const SyncFk fk_card[] = {
    {"borrower_id", "borrower"}, {"staff_id", "staff"}, {"replaced_by", "staff"}, {NULL, NULL}};
static const SyncFk fk_change[] = {
    {"borrower_id", "borrower"}, {"staff_id", "staff"}, {"by_staff", "staff"}, {NULL, NULL}};
static const SyncFk fk_audit[] = {{"staff_id", "staff"}, {NULL, NULL}};
static const SyncFk fk_audit_item[] = {{"audit_id", "audit"}, {"item_id", "item"}, {NULL, NULL}};
static const SyncFk fk_repair[] = {
    {"item_id", "item"}, {"staff_id", "staff"}, {"event_id", "item_event"}, {NULL, NULL}};
static const SyncFk fk_wchange[] = {{"item_id", "item"}, {NULL, NULL}};
static const SyncFk fk_job[] = {{"received_by", "staff"}, {NULL, NULL}};
static const SyncFk fk_job_event[] = {{"job_id", "job"}, {"staff_id", "staff"}, {NULL, NULL}};
static const SyncFk fk_none[] = NO_FKS;

static const char *const p_none[] = NONE;
static const char *const p_staff[] = {"name", "card", "pin_hash", NULL};
static const char *const p_borrower[] = {"card", "name", "phone", "email", "blocked_reason", NULL};
static const char *const p_card[] = {"card", "new_card", NULL};
static const char *const p_job[] = {"customer", "phone", NULL};

static const char *const l_none[] = NONE;
static const char *const l_item[] = {"ever_lent", NULL};    /* derived from the lines */
static const char *const l_borrower[] = {"login_at", NULL}; /* this device's kiosk logins */
static const char *const l_line[] = {"open_key", NULL};     /* this device's conflict state */

static const char *const g_line[] = {"loan_id", "seq", NULL};
static const char *const g_res_item[] = {"reservation_id", "item_id", NULL};
static const char *const g_card[] = {"borrower_id", "staff_id", "replaced_at", NULL};
static const char *const g_audit_item[] = {"audit_id", "item_id", NULL};
static const char *const g_audit_scan[] = {"audit_id", "barcode", NULL};

/* Parents before children: init emits the existing rows in this order. */
const SyncTable inv__sync_tables[] = {
    {"category", NULL, NULL, "name", fk_none, p_none, l_none},
    {"staff", NULL, NULL, "card", fk_none, p_staff, l_none},
    {"item", NULL, NULL, "barcode", fk_item, p_none, l_item},
    {"item_event", NULL, NULL, NULL, fk_item_event, p_none, l_none},
    {"borrower", NULL, NULL, "card", fk_borrower, p_borrower, l_borrower},
    {"loan", NULL, NULL, NULL, fk_loan, p_none, l_none},
    {"loan_line", "loan_id, seq", g_line, NULL, fk_line, p_none, l_line},
    {"renewal", NULL, NULL, NULL, fk_renewal, p_none, l_none},
    {"reservation", NULL, NULL, NULL, fk_reservation, p_none, l_none},
    {"reservation_item", "reservation_id, item_id", g_res_item, NULL, fk_res_item, p_none, l_none},
    {"card_replaced", "card", g_card, NULL, fk_card, p_card, l_none},
    {"person_change", NULL, NULL, NULL, fk_change, p_none, l_none},
    {"audit", NULL, NULL, NULL, fk_audit, p_none, l_none},
    {"audit_expected", "audit_id, item_id", g_audit_item, NULL, fk_audit_item, p_none, l_none},
    {"audit_scan", "audit_id, barcode", g_audit_scan, NULL, fk_audit_item, p_none, l_none},
    {"repair_step", NULL, NULL, NULL, fk_repair, p_none, l_none},
    {"workshop_change", NULL, NULL, NULL, fk_wchange, p_none, l_none},
    {"job", NULL, NULL, NULL, fk_job, p_job, l_none},
    {"job_event", NULL, NULL, NULL, fk_job_event, p_none, l_none},
};
const size_t inv__sync_n_tables = sizeof(inv__sync_tables) / sizeof(inv__sync_tables[0]);

/* The columns the server's state (server_state.sql, `row->>'col'`) and inv_sync_apply's own
 * checks read by name: always in the image when not NULL, even at their default. */
static const char *const server_reads[] = {
    "barcode",   "birth_year",    "borrower_id", "category_id", "checked_out_at", "due_at",
    "erased_at", "item_id",       "key_only",    "loan_id",     "lost_at",        "municipality",
    "name",      "registered_at", "returned_at", "seq",         "status",         NULL};

static bool listed(const char *const *list, const char *name);
static bool plain_literal(const char *v);
static const char *fk_ref(const SyncTable *t, const char *col);
static void gid_of(SyncBuf *b, const char *tbl, const char *p, const char *col, const char *dev);
static int gid_expr(InvDb *db, const SyncTable *t, const char *p, bool k, bool fresh, SyncBuf *out);
static int image_expr(InvDb *db, const SyncTable *t, const char *p, bool k, SyncBuf *out);
static bool optional_col(const SyncCol *c);
static void image_pair(SyncBuf *out, const SyncCol *c, const char *p, bool k, bool sep);
static int trigger(InvDb *db, const SyncTable *t, const char *when, const char *name,
                   const char *cols_of, const char *dev);
static int row_arm(InvDb *db, const char *tbl, const char *where, bool fresh, SyncBuf *b);
static int emit_stmt(InvDb *db, sqlite3_stmt **out, const char *tbl1, const char *where1,
                     bool fresh, const char *tbl2, const char *where2);
static void quiet_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv);
static int stale_triggers(InvDb *db, int64_t *n);

#define SYNC_FAST_GID 128   /* a gid the checkout writes itself (longer: the statement) */
#define SYNC_FAST_DATA 1024 /* a loan's or line's image: its columns' names, gids and numbers */
#define SYNC_GIDS_ROWS 8    /* items of SYNC_MAP_GIDS_8 */
typedef struct SyncFast SyncFast;

/* Where a checkout's loan or line column takes its value from (CO_NONE: the checkout leaves it
 * NULL or at its default, which a row image leaves out). */
enum { CO_NONE, CO_BORROWER, CO_STAFF, CO_AT, CO_LOAN, CO_SEQ, CO_ITEM, CO_DUE };

typedef struct SyncFastCol {
    char name[40];
    int src;
} SyncFastCol;

/* The images of a checkout's loan and lines, laid out from the same columns as the generated
 * expressions read (inv__sync_cols, in schema order): a pair for each column the checkout sets
 * and that is not NULL, none for the others (NULL, or at a default the image leaves out) -- the
 * text json_object (or json_patch) gives, as test_sync_checkout compares. */
struct SyncFast {
    bool shape_ok; /* every column is one the checkout sets or leaves out; else the statement */
    SyncFastCol loan[SYNC_COLS_MAX];
    size_t n_loan;
    SyncFastCol line[SYNC_COLS_MAX];
    size_t n_line;
    char device[INV_SYNC_NAME_MAX]; /* this device's name, once read */
    sqlite3_stmt *sql;              /* the statement (generated) for the other checkouts */
    sqlite3_stmt *item;             /* an item's put (inv__sync_item_status) */
    sqlite3_stmt *loans;            /* a range of loans' and their lines' puts (an import) */
};

typedef struct SyncFastVals {
    const char *borrower;
    const char *staff; /* NULL: none */
    int64_t at;
    const char *loan;
    int64_t seq;
    const char *item;
    int64_t due;
} SyncFastVals;

static int fast_init(InvDb *db);
static int read_device(InvDb *db, char *out, size_t size);
static void fast_gid(InvDb *db, sqlite3_stmt *st, int64_t id, char *out, bool *plain);
static void fast_image(const SyncFastCol *cols, size_t n, const SyncFastVals *v, char *out);
static char *put_str(char *p, const char *s);
static char *put_int(char *p, int64_t v);
static int sql_checkout(InvDb *db, int64_t loan_id);

/* The tables whose rows a checkout inserts and sends itself (inv__sync_checkout). */
static bool quiet_table(const char *name)
{
    return strcmp(name, "loan") == 0 || strcmp(name, "loan_line") == 0;
}

const SyncTable *inv__sync_table(const char *name)
{
    for (size_t i = 0; i < inv__sync_n_tables; i++)
        if (strcmp(inv__sync_tables[i].name, name) == 0)
            return &inv__sync_tables[i];
    return NULL;
}

bool inv_sync_personal(const char *tbl, const char *col)
{
    const SyncTable *t = tbl != NULL && col != NULL ? inv__sync_table(tbl) : NULL;
    return t != NULL && listed(t->personal, col);
}

int inv__sync_cols(InvDb *db, const SyncTable *t, SyncCol *cols, size_t *n)
{
    sqlite3_stmt *st = NULL;
    char sql[128];
    snprintf(sql, sizeof sql,
             "SELECT name, \"notnull\", coalesce(dflt_value, '') FROM pragma_table_info('%s')"
             " ORDER BY cid",
             t->name);
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "cannot read the replicated columns");
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if ((t->pk == NULL && strcmp(name, "id") == 0) || strcmp(name, "centre_id") == 0 ||
            listed(t->local, name))
            continue;
        if (*n == SYNC_COLS_MAX) {
            sqlite3_finalize(st);
            return inv__fail(db, INV_E_CORRUPT, "table %s has too many columns to sync", t->name);
        }
        inv__copy(cols[*n].name, sizeof cols[*n].name, name);
        cols[*n].ref = fk_ref(t, name);
        const char *dflt = (const char *)sqlite3_column_text(st, 2);
        cols[*n].dflt[0] = '\0';
        cols[*n].notnull = sqlite3_column_int(st, 1) != 0;
        cols[*n].has_dflt = dflt != NULL && dflt[0] != '\0';
        if (cols[*n].notnull && plain_literal(dflt) && cols[*n].ref == NULL &&
            !listed(t->personal, name) && !listed(server_reads, name) &&
            (t->pk == NULL || strstr(t->pk, name) == NULL) &&
            (t->natural == NULL || strcmp(t->natural, name) != 0))
            inv__copy(cols[*n].dflt, sizeof cols[*n].dflt, dflt);
        (*n)++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the replicated columns");
    return INV_OK;
}

void inv__sync_buf_add(SyncBuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->p != NULL ? b->p + b->len : NULL, b->p != NULL ? b->cap - b->len : 0,
                          fmt, ap);
        va_end(ap);
        if (k < 0) {
            b->oom = true;
            return;
        }
        if (b->p != NULL && b->len + (size_t)k < b->cap) {
            b->len += (size_t)k;
            return;
        }
        size_t cap = b->cap == 0 ? 1024 : b->cap;
        while (cap <= b->len + (size_t)k)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
}

void inv__sync_buf_free(SyncBuf *b)
{
    free(b->p);
    *b = (SyncBuf){0};
}

int inv__sync_gid_expr(InvDb *db, const SyncTable *t, const char *p, SyncBuf *out)
{
    return gid_expr(db, t, p, false, false, out);
}

int inv__sync_image_expr(InvDb *db, const SyncTable *t, const char *p, SyncBuf *out)
{
    return image_expr(db, t, p, false, out);
}

int inv__sync_triggers(InvDb *db)
{
    InvSyncIdentity id; /* named in the triggers as a literal: an identity never changes */
    int known = inv_sync_identity(db, &id);
    if (known != INV_OK)
        return known;
    int rc = sqlite3_exec(db->sql,
                          "CREATE TEMP TABLE sync_old_triggers AS SELECT name FROM sqlite_master"
                          " WHERE type = 'trigger' AND name GLOB 'sync_*'",
                          NULL, NULL, NULL);
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sql, "SELECT name FROM temp.sync_old_triggers", -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP TRIGGER \"%s\"", (const char *)sqlite3_column_text(st, 0));
        rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db->sql, "DROP TABLE IF EXISTS temp.sync_old_triggers", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "cannot make the sync triggers");
    for (size_t i = 0; i < inv__sync_n_tables; i++) {
        const SyncTable *t = &inv__sync_tables[i];
        SyncCol cols[SYNC_COLS_MAX];
        size_t n = 0;
        int err = inv__sync_cols(db, t, cols, &n);
        if (err != INV_OK)
            return err;
        SyncBuf of = {0};
        bool item = strcmp(t->name, "item") == 0;
        for (size_t k = 0, m = 0; k < n; k++) {
            if (item && strcmp(cols[k].name, "status") == 0)
                continue; /* its own trigger below */
            inv__sync_buf_add(&of, "%s%s", m++ > 0 ? ", " : "", cols[k].name);
        }
        if (of.oom) {
            inv__sync_buf_free(&of);
            return inv__fail(db, INV_E_NOMEM, "out of memory");
        }
        err = trigger(db, t, "INSERT", "ins", NULL, id.device);
        if (err == INV_OK)
            err = trigger(db, t, "UPDATE", "upd", of.p, id.device);
        if (err == INV_OK)
            err = trigger(db, t, "DELETE", "del", NULL, id.device);
        if (err == INV_OK && item) /* a status change a loan line does not imply */
            err = trigger(db, t, "UPDATE", "status", "status", id.device);
        inv__sync_buf_free(&of);
        if (err != INV_OK)
            return err;
    }
    /* this connection's copies, at once: the caller's transaction goes on writing */
    return db->local_triggers ? inv__local_triggers(db) : INV_OK;
}

int inv__sync_register(InvDb *db)
{
    int rc =
        sqlite3_create_function_v2(db->sql, "bua_sync_quiet", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
                                   quiet_fn, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "cannot open database");
    return INV_OK;
}

int inv__sync_open(InvDb *db)
{
    /* a database synced before the checkout sent its own rows: its INSERT triggers of loan and
     * loan_line would send them a second time; they are made again (once) */
    int64_t stale = 0;
    int err = stale_triggers(db, &stale);
    if (err != INV_OK || stale == 0)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = stale_triggers(db, &stale); /* again: another process may have made them meanwhile */
    if (err == INV_OK && stale > 0)
        err = inv__sync_triggers(db);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv__sync_checkout(InvDb *db, const SyncCheckout *co)
{
    int err = fast_init(db);
    if (err != INV_OK)
        return err;
    SyncFast *f = db->sync_fast;
    if (f->device[0] == '\0') { /* read until known: an identity never changes once given */
        err = read_device(db, f->device, sizeof f->device);
        if (err != INV_OK || f->device[0] == '\0')
            return err; /* not a synced device: nothing to send */
    }
    bool plain = f->shape_ok;
    char borrower[SYNC_FAST_GID];
    char staff[SYNC_FAST_GID];
    char items[INV_CHECKOUT_MAX][SYNC_FAST_GID];
    /* the gids of the borrower, the staff member and eight items a statement */
    for (size_t first = 0; err == INV_OK && plain && first < co->n; first += SYNC_GIDS_ROWS) {
        sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_MAP_GIDS_8);
        if (first == 0) {
            sqlite3_bind_int64(st, 1, co->borrower_id);
            if (co->staff_id != 0)
                sqlite3_bind_int64(st, 2, co->staff_id);
        }
        for (size_t i = first; i < co->n && i < first + SYNC_GIDS_ROWS; i++)
            sqlite3_bind_int64(st, 3 + (int)(i - first), co->item_id[i]);
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int at = sqlite3_column_int(st, 0); /* 0 borrower, 1 staff, 2.. items */
            if (at == 0)
                fast_gid(db, st, co->borrower_id, borrower, &plain);
            else if (at == 1)
                fast_gid(db, st, co->staff_id, staff, &plain);
            else
                fast_gid(db, st, co->item_id[first + (size_t)at - 2], items[first + (size_t)at - 2],
                         &plain);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            err = inv__sqlfail(db, rc, "cannot read the global ids");
    }
    if (err != INV_OK)
        return err;
    if (!plain) /* a column the checkout does not know, or a gid JSON must escape */
        return sql_checkout(db, co->loan_id);

    /* one outbox row for the 1 + n events: the loan's image, then its lines' in seq order, as a
     * JSON array (INV_SYNC_EVENTS) */
    char *data = malloc((co->n + 1) * (SYNC_FAST_DATA + 1) + 2);
    if (data == NULL)
        return inv__fail(db, INV_E_NOMEM, "out of memory");
    char loan_gid[SYNC_FAST_GID];
    put_int(put_str(put_str(loan_gid, f->device), ":"), co->loan_id)[0] = '\0';
    SyncFastVals v = {.borrower = borrower,
                      .staff = co->staff_id != 0 ? staff : NULL,
                      .at = co->at,
                      .loan = loan_gid};
    char *p = data;
    *p++ = '[';
    fast_image(f->loan, f->n_loan, &v, p);
    p += strlen(p);
    for (size_t r = 1; r <= co->n; r++) {
        v.seq = (int64_t)r;
        v.item = items[r - 1];
        v.due = co->due_at[r - 1];
        *p++ = ',';
        fast_image(f->line, f->n_line, &v, p);
        p += strlen(p);
    }
    *p++ = ']';
    *p = '\0';
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_OUT_BUNDLE);
    sqlite3_bind_int64(st, 1, (int64_t)co->n + 1);
    sqlite3_bind_text(st, 2, loan_gid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, data, (int)(p - data), SQLITE_STATIC);
    err = inv__run(db, st, "cannot record the loan");
    sqlite3_clear_bindings(st); /* no pointer into data is left behind */
    free(data);
    return err;
}

void inv__sync_close(InvDb *db)
{
    if (db->sync_fast == NULL)
        return;
    sqlite3_finalize(db->sync_fast->sql);
    sqlite3_finalize(db->sync_fast->item);
    sqlite3_finalize(db->sync_fast->loans);
    free(db->sync_fast);
    db->sync_fast = NULL;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* bua_sync_quiet(): whether the connection's checkout is writing rows it sends itself. */
static void quiet_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    const InvDb *db = sqlite3_user_data(ctx);
    sqlite3_result_int(ctx, db->sync_quiet ? 1 : 0);
}

static int fast_layout(InvDb *db, const char *tbl, SyncFastCol *out, size_t *n, bool *ok)
{
    static const struct {
        const char *tbl, *col, *ref;
        int src;
    } known[] = {{"loan", "borrower_id", "borrower", CO_BORROWER},
                 {"loan", "staff_id", "staff", CO_STAFF},
                 {"loan", "checked_out_at", NULL, CO_AT},
                 {"loan_line", "loan_id", "loan", CO_LOAN},
                 {"loan_line", "seq", NULL, CO_SEQ},
                 {"loan_line", "item_id", "item", CO_ITEM},
                 {"loan_line", "due_at", NULL, CO_DUE}};
    SyncCol cols[SYNC_COLS_MAX];
    int err = inv__sync_cols(db, inv__sync_table(tbl), cols, n);
    if (err != INV_OK)
        return err;
    for (size_t i = 0; i < *n; i++) {
        inv__copy(out[i].name, sizeof out[i].name, cols[i].name);
        out[i].src = CO_NONE;
        for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
            if (strcmp(known[k].tbl, tbl) == 0 && strcmp(known[k].col, cols[i].name) == 0 &&
                ((known[k].ref == NULL && cols[i].ref == NULL) ||
                 (known[k].ref != NULL && cols[i].ref != NULL &&
                  strcmp(known[k].ref, cols[i].ref) == 0)))
                out[i].src = known[k].src;
        /* a column the checkout leaves alone is in no image only when it is NULL (no default)
         * or at a default the image leaves out */
        if (out[i].src == CO_NONE &&
            !(cols[i].notnull ? cols[i].dflt[0] != '\0' : !cols[i].has_dflt))
            *ok = false;
    }
    return INV_OK;
}

static int fast_init(InvDb *db)
{
    if (db->sync_fast != NULL)
        return INV_OK;
    SyncFast *f = calloc(1, sizeof *f);
    if (f == NULL)
        return inv__fail(db, INV_E_NOMEM, "out of memory");
    f->shape_ok = true;
    int err = fast_layout(db, "loan", f->loan, &f->n_loan, &f->shape_ok);
    if (err == INV_OK)
        err = fast_layout(db, "loan_line", f->line, &f->n_line, &f->shape_ok);
    if (err != INV_OK) {
        free(f);
        return err;
    }
    db->sync_fast = f;
    return INV_OK;
}

static int read_device(InvDb *db, char *out, size_t size)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_SELF_GET);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__col_text(st, 1, out, size);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the sync identity");
    return INV_OK;
}

/* The gid of row `id` as SYNC_MAP_GIDS_8 has just read it (as gid_of: from sync_map, else this
 * device's); *plain false when it does not fit or JSON would escape a byte of it. */
static void fast_gid(InvDb *db, sqlite3_stmt *st, int64_t id, char *out, bool *plain)
{
    const unsigned char *g = sqlite3_column_text(st, 1);
    if (g == NULL) {
        put_int(put_str(put_str(out, db->sync_fast->device), ":"), id)[0] = '\0';
        return;
    }
    size_t len = strlen((const char *)g);
    bool ok = len < SYNC_FAST_GID;
    for (size_t i = 0; ok && i < len; i++)
        ok = g[i] >= 0x20 && g[i] != '"' && g[i] != '\\';
    if (ok)
        memcpy(out, g, len + 1);
    else
        *plain = false;
}

static char *put_str(char *p, const char *s)
{
    while (*s != '\0')
        *p++ = *s++;
    return p;
}

static char *put_int(char *p, int64_t v)
{
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (v < 0)
        *p++ = '-';
    while (n > 0)
        *p++ = tmp[--n];
    return p;
}

/* A row image: {"col":value,...} of the columns set, in schema order (out: SYNC_FAST_DATA,
 * which the longest, four pairs of a name and a gid each, fits). */
static void fast_image(const SyncFastCol *cols, size_t n, const SyncFastVals *v, char *out)
{
    char *p = out;
    *p++ = '{';
    for (size_t i = 0; i < n; i++) {
        const char *text = NULL;
        int64_t num = 0;
        switch (cols[i].src) {
        case CO_BORROWER:
            text = v->borrower;
            break;
        case CO_STAFF:
            text = v->staff;
            break;
        case CO_LOAN:
            text = v->loan;
            break;
        case CO_ITEM:
            text = v->item;
            break;
        case CO_AT:
            num = v->at;
            break;
        case CO_SEQ:
            num = v->seq;
            break;
        case CO_DUE:
            num = v->due;
            break;
        default:
            continue;
        }
        if (cols[i].src == CO_STAFF && text == NULL)
            continue;
        if (p > out + 1)
            *p++ = ',';
        *p++ = '"';
        p = put_str(p, cols[i].name);
        p = put_str(p, "\":");
        if (text != NULL) {
            *p++ = '"';
            p = put_str(p, text);
            *p++ = '"';
        } else {
            p = put_int(p, num);
        }
    }
    *p++ = '}';
    *p = '\0';
}

/* The checkout's rows by the generated statement (the puts of loan ?1 and its lines). */
static int sql_checkout(InvDb *db, int64_t loan_id)
{
    SyncFast *f = db->sync_fast;
    int err = emit_stmt(db, &f->sql, "loan", "l.id = ?1", true, "loan_line", "l.loan_id = ?1");
    if (err != INV_OK)
        return err;
    sqlite3_bind_int64(f->sql, 1, loan_id);
    return inv__run(db, f->sql, "cannot record the loan");
}

/* How many of the INSERT triggers of loan and loan_line do not skip a checkout's rows. */
static int stale_triggers(InvDb *db, int64_t *n)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_TRIGGERS_STALE);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the sync triggers");
    return INV_OK;
}

/* One arm of a statement that writes rows' puts as their triggers would (the checkout's, the
 * store's own: inv__sync_item_status, inv__sync_loans_put): the put of each row of tbl WHERE
 * `where` (its alias l), read as a trigger reads its row: subquery k has this device's name (d_),
 * each foreign key's gid under the column's name, looked up once, and the row's columns as
 * r_<name>, so that the trigger's gid and image expressions apply with the prefix "k.r_" (fresh:
 * rows this device has just inserted, as an INSERT trigger names them). Nothing without an
 * identity or while applying, as the triggers. */
static int row_arm(InvDb *db, const char *tbl, const char *where, bool fresh, SyncBuf *b)
{
    const SyncTable *t = inv__sync_table(tbl);
    SyncCol cols[SYNC_COLS_MAX];
    size_t n = 0;
    int err = inv__sync_cols(db, t, cols, &n);
    if (err != INV_OK)
        return err;
    inv__sync_buf_add(b, "SELECT unixepoch(), '%s', 'put', ", t->name);
    err = gid_expr(db, t, "k.r_", true, fresh, b);
    inv__sync_buf_add(b, ", ");
    if (err == INV_OK)
        err = image_expr(db, t, "k.r_", true, b);
    inv__sync_buf_add(b, " FROM (SELECT s.device AS d_");
    for (size_t i = 0; t->fks[i].col != NULL; i++) {
        inv__sync_buf_add(b, ", ");
        gid_of(b, t->fks[i].ref, "l.", t->fks[i].col, "s.device");
        inv__sync_buf_add(b, " AS %s", t->fks[i].col);
    }
    if (t->pk == NULL)
        inv__sync_buf_add(b, ", l.id AS r_id");
    for (size_t i = 0; i < n; i++)
        inv__sync_buf_add(b, ", l.%s AS r_%s", cols[i].name, cols[i].name);
    inv__sync_buf_add(b,
                      " FROM sync_self s, %s l WHERE s.one = 1 AND s.device IS NOT NULL AND"
                      " s.applying = 0 AND %s LIMIT -1 OFFSET 0) k",
                      t->name, where);
    return err;
}

static bool listed(const char *const *list, const char *name)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        if (strcmp(list[i], name) == 0)
            return true;
    return false;
}

/* A default the image may leave out: an integer or a short quoted string without quotes in it. */
static bool plain_literal(const char *v)
{
    size_t n = v != NULL ? strlen(v) : 0;
    if (n == 0 || n >= sizeof(((SyncCol *)0)->dflt))
        return false;
    if (v[0] == '\'')
        return n >= 2 && v[n - 1] == '\'' && strchr(v + 1, '\'') == v + n - 1;
    size_t i = v[0] == '-' ? 1 : 0;
    if (i == n)
        return false;
    for (; i < n; i++)
        if (v[i] < '0' || v[i] > '9')
            return false;
    return true;
}

static const char *fk_ref(const SyncTable *t, const char *col)
{
    for (size_t i = 0; t->fks[i].col != NULL; i++)
        if (strcmp(t->fks[i].col, col) == 0)
            return t->fks[i].ref;
    return NULL;
}

/* The gid of row p.col of table tbl (NULL if p.col is): from sync_map when it came from another
 * device, else "<this device>:<id>" (dev: the SQL of this device's name). One index seek. */
static void gid_of(SyncBuf *b, const char *tbl, const char *p, const char *col, const char *dev)
{
    inv__sync_buf_add(
        b,
        "CASE WHEN %s%s IS NOT NULL THEN coalesce((SELECT m.gid FROM sync_map m"
        " WHERE m.tbl = '%s' AND m.id = %s%s AND m.alias = 0), %s || ':' || %s%s) END",
        p, col, tbl, p, col, dev, p, col);
}

#define SELF_DEVICE "(SELECT s.device FROM sync_self s WHERE s.one = 1)"

/* A row's gid as SQL, its columns read through p. k: in a trigger, whose foreign keys' gids are
 * k.<col> and this device's name k.d_ (each read once); fresh: a row this device just inserted
 * (no sync_map entry: its own gid). */
static int gid_expr(InvDb *db, const SyncTable *t, const char *p, bool k, bool fresh, SyncBuf *out)
{
    const char *dev = k ? "k.d_" : SELF_DEVICE;
    if (t->pk == NULL) {
        if (fresh)
            inv__sync_buf_add(out, "%s || ':' || %sid", dev, p);
        else
            gid_of(out, t->name, p, "id", dev);
        return out->oom ? inv__fail(db, INV_E_NOMEM, "out of memory") : INV_OK;
    }
    inv__sync_buf_add(out, "(");
    for (size_t i = 0; t->gid_parts[i] != NULL; i++) {
        const char *col = t->gid_parts[i];
        const char *ref = fk_ref(t, col);
        inv__sync_buf_add(out, "%scoalesce(", i > 0 ? " || '/' || " : "");
        if (ref != NULL && k)
            inv__sync_buf_add(out, "k.%s", col);
        else if (ref != NULL)
            gid_of(out, ref, p, col, dev);
        else
            inv__sync_buf_add(out, "%s%s", p, col);
        inv__sync_buf_add(out, ", '')");
    }
    inv__sync_buf_add(out, ")");
    return out->oom ? inv__fail(db, INV_E_NOMEM, "out of memory") : INV_OK;
}

/* A row's image as SQL (a JSON object), as gid_expr reads it. A NULL column is left out (json_patch
 * drops a key whose value is null), and so is a NOT NULL column at its default (SyncCol.dflt): the
 * receivers read a missing key as NULL (the server's row->>'col', which reads no such column) or
 * as that default (inv_sync_apply), and a checkout's row images are about half as long.
 * json_patch parses the object it is given and costs a row image three times json_object, so the
 * common row whose optional columns (nullable, or at an omissible default) are all NULL or at
 * their default takes json_object of the other columns alone: the same text. */
static int image_expr(InvDb *db, const SyncTable *t, const char *p, bool k, SyncBuf *out)
{
    SyncCol cols[SYNC_COLS_MAX];
    size_t n = 0;
    int err = inv__sync_cols(db, t, cols, &n);
    if (err != INV_OK)
        return err;
    size_t optional = 0;
    for (size_t i = 0; i < n; i++)
        optional += optional_col(&cols[i]);
    if (optional > 0) { /* the common row: every optional column NULL or at its default */
        inv__sync_buf_add(out, "CASE WHEN ");
        for (size_t i = 0, m = 0; i < n; i++) {
            if (!optional_col(&cols[i]))
                continue;
            if (cols[i].dflt[0] != '\0') /* as the image's nullif below compares */
                inv__sync_buf_add(out, "%snullif(%s%s, %s) IS NULL", m++ > 0 ? " AND " : "", p,
                                  cols[i].name, cols[i].dflt);
            else /* a foreign key's gid is NULL when its column is */
                inv__sync_buf_add(out, "%s%s%s IS NULL", m++ > 0 ? " AND " : "", p, cols[i].name);
        }
        inv__sync_buf_add(out, " THEN json_object(");
        for (size_t i = 0, m = 0; i < n; i++)
            if (!optional_col(&cols[i]))
                image_pair(out, &cols[i], p, k, m++ > 0);
        inv__sync_buf_add(out, ") ELSE json_patch('{}', json_object(");
    } else { /* no column can be NULL or at a default: nothing to drop */
        inv__sync_buf_add(out, "(json_object(");
    }
    for (size_t i = 0; i < n; i++)
        image_pair(out, &cols[i], p, k, i > 0);
    inv__sync_buf_add(out, optional > 0 ? ")) END" : "))");
    return out->oom ? inv__fail(db, INV_E_NOMEM, "out of memory") : INV_OK;
}

/* Whether a column may be left out of a row image: nullable, or NOT NULL with an omissible
 * default. A NOT NULL foreign key's gid is never NULL. */
static bool optional_col(const SyncCol *c)
{
    return !c->notnull || c->dflt[0] != '\0';
}

/* One `'name', value` pair of json_object (sep: a comma before it). */
static void image_pair(SyncBuf *out, const SyncCol *c, const char *p, bool k, bool sep)
{
    inv__sync_buf_add(out, "%s'%s', ", sep ? ", " : "", c->name);
    if (c->ref != NULL && k)
        inv__sync_buf_add(out, "k.%s", c->name);
    else if (c->ref != NULL)
        gid_of(out, c->ref, p, c->name, SELF_DEVICE);
    else if (c->dflt[0] != '\0')
        inv__sync_buf_add(out, "nullif(%s%s, %s)", p, c->name, c->dflt);
    else
        inv__sync_buf_add(out, "%s%s", p, c->name);
}

/* One trigger: AFTER `when` [OF cols_of] ON t, appending the row image as a put (a del for
 * DELETE) when the database is not applying; this device's name `dev` is a literal (triggers are
 * made once the identity is set, and it never changes) and the foreign keys' gids are looked up
 * once (subquery k: its OFFSET keeps SQLite from flattening it into the INSERT, which would look
 * a gid up again wherever the gid and the image name it). The item's own status trigger fires
 * only for a change that is not between available and on loan. A delete also forgets the row's
 * gid. */
static int trigger(InvDb *db, const SyncTable *t, const char *when, const char *name,
                   const char *cols_of, const char *dev)
{
    bool del = strcmp(when, "DELETE") == 0;
    const char *p = del ? "old." : "new.";
    SyncBuf b = {0};
    inv__sync_buf_add(&b, "CREATE TRIGGER sync_%s_%s AFTER %s", t->name, name, when);
    if (cols_of != NULL)
        inv__sync_buf_add(&b, " OF %s", cols_of);
    inv__sync_buf_add(&b, " ON %s", t->name);
    if (strcmp(name, "status") == 0)
        inv__sync_buf_add(&b, " WHEN NOT (old.status IN (%d, %d) AND new.status IN (%d, %d))",
                          INV_ITEM_AVAILABLE, INV_ITEM_ON_LOAN, INV_ITEM_AVAILABLE,
                          INV_ITEM_ON_LOAN);
    if (strcmp(when, "INSERT") == 0 && quiet_table(t->name))
        inv__sync_buf_add(&b, " WHEN NOT bua_sync_quiet()"); /* a checkout's: it sends them */
    inv__sync_buf_add(&b,
                      " BEGIN INSERT INTO sync_out(at, tbl, op, gid, data) SELECT unixepoch(),"
                      " '%s', '%s', ",
                      t->name, del ? "del" : "put");
    int err = gid_expr(db, t, p, true, strcmp(when, "INSERT") == 0, &b);
    inv__sync_buf_add(&b, ", ");
    if (err == INV_OK)
        err = image_expr(db, t, p, true, &b);
    char lit[INV_SYNC_NAME_MAX + 2]; /* [a-z0-9-]: nothing to escape */
    snprintf(lit, sizeof lit, "'%s'", dev);
    inv__sync_buf_add(&b, " FROM (SELECT %s AS d_", lit);
    for (size_t i = 0; t->fks[i].col != NULL; i++) {
        inv__sync_buf_add(&b, ", ");
        gid_of(&b, t->fks[i].ref, p, t->fks[i].col, lit);
        inv__sync_buf_add(&b, " AS %s", t->fks[i].col);
    }
    inv__sync_buf_add(&b, " FROM sync_self s WHERE s.one = 1 AND s.applying = 0 LIMIT -1"
                          " OFFSET 0) k;");
    if (del && t->pk == NULL)
        inv__sync_buf_add(&b, " DELETE FROM sync_map WHERE tbl = '%s' AND id = old.id;", t->name);
    inv__sync_buf_add(&b, " END");
    if (err == INV_OK && b.oom)
        err = inv__fail(db, INV_E_NOMEM, "out of memory");
    if (err == INV_OK) {
        int rc = sqlite3_exec(db->sql, b.p, NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            err = inv__sqlfail(db, rc, "cannot make the sync triggers");
    }
    inv__sync_buf_free(&b);
    return err;
}

/* ---- the store's own triggers ------------------------------------------------------------- */

/* The persistent triggers a store connection goes without: the rows they would send, the store
 * sends itself (the checkout's loan and lines, an import's loans, a status change that is not
 * between available and on loan: inv__sync_item_status, inv__sync_loans_put). */
static bool store_written(const char *name)
{
    return strcmp(name, "sync_loan_ins") == 0 || strcmp(name, "sync_loan_line_ins") == 0 ||
           strcmp(name, "sync_item_status") == 0;
}

/* The text after "CREATE TRIGGER <name>" in a trigger's stored SQL (SQLite keeps the statement
 * from the name on behind that prefix), or NULL when it is not so. */
static const char *trigger_rest(const char *sql, const char *name)
{
    static const char prefix[] = "CREATE TRIGGER ";
    size_t k = sizeof prefix - 1;
    size_t n = strlen(name);
    if (strncmp(sql, prefix, k) != 0)
        return NULL;
    sql += k;
    if (strncmp(sql, name, n) == 0 && sql[n] == ' ')
        return sql + n;
    if (sql[0] == '"' && strncmp(sql + 1, name, n) == 0 && sql[n + 1] == '"' && sql[n + 2] == ' ')
        return sql + n + 2;
    return NULL;
}

static int local_drop(InvDb *db)
{
    SyncBuf drop = {0};
    sqlite3_stmt *st = inv__stmt(db, SQL_TRIGGERS_LOCAL);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) /* names made by local_make: nothing to quote */
        inv__sync_buf_add(&drop, "DROP TRIGGER temp.\"%s\";",
                          (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    int err = rc == SQLITE_DONE ? INV_OK : inv__sqlfail(db, rc, "cannot read the store's triggers");
    if (err == INV_OK && drop.oom)
        err = inv__fail(db, INV_E_NOMEM, "out of memory");
    if (err == INV_OK && drop.p != NULL) {
        rc = sqlite3_exec(db->sql, drop.p, NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            err = inv__sqlfail(db, rc, "cannot drop the store's triggers");
    }
    inv__sync_buf_free(&drop);
    return err;
}

/* PRAGMA main.schema_version: it moves with every change of the file's schema. */
static int schema_version(InvDb *db, int64_t *version)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SCHEMA_VERSION);
    int rc = sqlite3_step(st);
    *version = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? INV_OK : inv__sqlfail(db, rc, "cannot read the schema version");
}

/* Makes the copies; *copyable false (nothing made) when a trigger's SQL is not as expected. */
static int local_make(InvDb *db, bool *copyable)
{
    SyncBuf make = {0};
    int64_t version = 0;
    int err = schema_version(db, &version);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_TRIGGERS_MAIN);
    int rc = SQLITE_OK;
    *copyable = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *sql = (const char *)sqlite3_column_text(st, 1);
        if (store_written(name))
            continue;
        const char *rest = sql != NULL ? trigger_rest(sql, name) : NULL;
        if (rest == NULL || strchr(name, '"') != NULL) {
            *copyable = false;
            break;
        }
        inv__sync_buf_add(&make, "CREATE TEMP TRIGGER \"local_%s\"%s;", name, rest);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        err = inv__sqlfail(db, rc, "cannot read the triggers");
    else if (make.oom)
        err = inv__fail(db, INV_E_NOMEM, "out of memory");
    else if (*copyable && make.p != NULL) {
        rc = sqlite3_exec(db->sql, make.p, NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            err = inv__sqlfail(db, rc, "cannot make the store's triggers");
    }
    inv__sync_buf_free(&make);
    if (err == INV_OK)
        db->schema_seen = version;
    return err;
}

int inv__local_triggers(InvDb *db)
{
    bool own = sqlite3_get_autocommit(db->sql) != 0; /* at open: a transaction of its own */
    if (own) {
        int rc = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            return inv__sqlfail(db, rc, "cannot make the store's triggers");
    }
    bool copyable = false;
    int err = local_drop(db);
    if (err == INV_OK)
        err = local_make(db, &copyable);
    if (err == INV_OK && !copyable)
        err = local_drop(db); /* a trigger this code does not know: the persistent ones fire */
    if (own) {
        int rc = sqlite3_exec(db->sql, err == INV_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
        if (err == INV_OK && rc != SQLITE_OK)
            err = inv__sqlfail(db, rc, "cannot make the store's triggers");
    }
    if (err != INV_OK) /* the caller's rollback puts the copies back as they were */
        return err;
    db->copies_pending = !own;            /* a rollback of the caller's transaction undoes them */
    if (copyable != db->local_triggers) { /* expires the prepared statements: at open, mostly */
        sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_TRIGGER, copyable ? 0 : 1, NULL);
        db->local_triggers = copyable;
    }
    return INV_OK;
}

int inv__local_triggers_check(InvDb *db)
{
    if (!db->local_triggers)
        return INV_OK;
    int64_t version = 0;
    int err = schema_version(db, &version);
    if (err != INV_OK || version == db->schema_seen)
        return err;
    return inv__local_triggers(db);
}

/* A status that a loan line implies (available or on loan): no outbox row for a change between
 * two of them (the status trigger's WHEN). */
static bool line_status(int status)
{
    return status == INV_ITEM_AVAILABLE || status == INV_ITEM_ON_LOAN;
}

int inv__sync_status_before(InvDb *db, int64_t item_id, int *status)
{
    *status = INV_ITEM_AVAILABLE;
    if (!db->local_triggers)
        return INV_OK;
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_STATUS_OF);
    sqlite3_bind_int64(st, 1, item_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *status = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the item's status");
    return INV_OK;
}

/* Prepares (once) the statement INSERT INTO sync_out ... of the arms given. */
static int emit_stmt(InvDb *db, sqlite3_stmt **out, const char *tbl1, const char *where1,
                     bool fresh, const char *tbl2, const char *where2)
{
    if (*out != NULL)
        return INV_OK;
    SyncBuf b = {0};
    inv__sync_buf_add(&b, "INSERT INTO sync_out(at, tbl, op, gid, data) ");
    int err = row_arm(db, tbl1, where1, fresh, &b);
    if (err == INV_OK && tbl2 != NULL) {
        inv__sync_buf_add(&b, " UNION ALL ");
        err = row_arm(db, tbl2, where2, fresh, &b);
    }
    if (err == INV_OK && b.oom)
        err = inv__fail(db, INV_E_NOMEM, "out of memory");
    if (err == INV_OK) {
        int rc = sqlite3_prepare_v3(db->sql, b.p, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
        if (rc != SQLITE_OK)
            err = inv__sqlfail(db, rc, "cannot prepare the outbox rows");
    }
    inv__sync_buf_free(&b);
    return err;
}

/* Whether the database has an identity (read until it has: another program may give it one). */
static int identity_known(InvDb *db, bool *known)
{
    int err = fast_init(db);
    if (err == INV_OK && db->sync_fast->device[0] == '\0')
        err = read_device(db, db->sync_fast->device, sizeof db->sync_fast->device);
    *known = err == INV_OK && db->sync_fast->device[0] != '\0';
    return err;
}

int inv__sync_item_status(InvDb *db, int64_t item_id, int before, int after)
{
    if (!db->local_triggers || (line_status(before) && line_status(after)))
        return INV_OK;
    bool known = false;
    int err = identity_known(db, &known);
    if (err != INV_OK || !known) /* nothing to send: no statement to prepare */
        return err;
    err = emit_stmt(db, &db->sync_fast->item, "item", "l.id = ?1", false, NULL, NULL);
    if (err != INV_OK)
        return err;
    sqlite3_bind_int64(db->sync_fast->item, 1, item_id);
    return inv__run(db, db->sync_fast->item, "cannot record the item's status");
}

int inv__sync_loans_put(InvDb *db, int64_t first, int64_t last)
{
    if (!db->local_triggers || first > last)
        return INV_OK;
    bool known = false;
    int err = identity_known(db, &known);
    if (err != INV_OK || !known)
        return err;
    err = emit_stmt(db, &db->sync_fast->loans, "loan", "l.id BETWEEN ?1 AND ?2", true, "loan_line",
                    "l.loan_id BETWEEN ?1 AND ?2");
    if (err != INV_OK)
        return err;
    sqlite3_bind_int64(db->sync_fast->loans, 1, first);
    sqlite3_bind_int64(db->sync_fast->loans, 2, last);
    return inv__run(db, db->sync_fast->loans, "cannot record the loans");
}
