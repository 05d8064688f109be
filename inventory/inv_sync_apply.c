/* Sync, the receiving side: other devices' events applied through the store's rules, in one
 * transaction per batch, with the triggers silenced (sync_self.applying), so nothing applied goes
 * back out.
 *
 * A put writes the row image into the table the spec names: foreign keys arrive as gids and are
 * looked up in sync_map (or are this device's own "<device>:<id>"); a gid not known yet parks
 * the event in sync_wait, retried after every batch in arrival order (a later event of a parked
 * row waits behind it). A row new here gets a local id and a sync_map entry; a row whose natural
 * key (barcode, card, category name) is already here merges into it: both gids name the one row,
 * the canonical one (a borrower's earlier registration, else the smaller gid) is what this
 * device sends from then on. A loan line decides which line of its item is open (the later
 * checkout, ties by the larger gid; the other is held open in conflict by loan_line.open_key)
 * and lists a double_lend conflict for a pair of lines of one item from two devices whose times
 * overlap; the item's status follows its open line. The summaries are rebuilt in the batch's
 * transaction when loans, lines or borrowers changed, so returns and registrations that the
 * store writes into them directly are counted exactly once too. */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARKS_MAX 256
#define WAIT_ROUNDS 64

/* The generated statements of one table, prepared for one batch. */
typedef struct Prep {
    bool ready;
    SyncCol cols[SYNC_COLS_MAX];
    size_t n;
    sqlite3_stmt *upsert; /* ?1 data, ?2 id, ?3 centre, ?4 open_key, ?5.. the foreign keys */
    sqlite3_stmt *natural;
    sqlite3_stmt *exists;
    sqlite3_stmt *del;
} Prep;

typedef struct Apply {
    InvDb *db;
    int64_t now;
    char self[INV_SYNC_NAME_MAX];
    Prep prep[32];
    InvSyncMark marks[MARKS_MAX];
    size_t n_marks;
    int64_t mark; /* the last loan id in the summaries (-1: not known, rebuilt at the next fold) */
    bool rebuild; /* a change the summaries cannot take one by one (rare): rebuilt at the end */
    size_t conflicts;
} Apply;

/* One event as applied (from the caller, or from sync_wait). */
typedef struct Ev {
    const char *device;
    int64_t seq;
    int64_t at;
    const char *tbl;
    bool del;
    const char *gid;
    const char *data;
} Ev;

enum { DONE, PARKED };

static int apply_event(Apply *a, const Ev *e, int64_t wait_id, int *outcome);
static int park(Apply *a, const Ev *e, const char *missing);
static int retry_parked(Apply *a, size_t *applied);
static int prep_of(Apply *a, const SyncTable *t, Prep **out);
static void prep_free(Apply *a);
static int resolve(Apply *a, const char *tbl, const char *gid, int64_t *id);
static int gid_of(Apply *a, const char *tbl, int64_t id, char *buf, size_t size);
static int json_text(Apply *a, const char *data, const char *key, char *buf, size_t size,
                     bool *null);
static int json_int(Apply *a, const char *data, const char *key, int64_t *v, bool *null);
static int put_line(Apply *a, const Ev *e, Prep *p, const int64_t *fk, const bool *fk_null);
static int merge(Apply *a, const SyncTable *t, const Ev *e, int64_t id, bool *write,
                 int64_t *reg_keep);
static int run_upsert(Apply *a, Prep *p, const Ev *e, int64_t id, int64_t open_key,
                      const int64_t *fk, const bool *fk_null, int64_t *new_id);
static int derive_status(Apply *a, int64_t item_id);
static int point_to_self(Apply *a, const char *tbl, const char *col, int64_t id);
static int registration(Apply *a, int64_t id, int64_t *at, int64_t *key_only);
static int mark_of(Apply *a, const char *device, int64_t **seq);

int inv_sync_apply(InvDb *db, const InvSyncEvent *ev, size_t n, int64_t now, InvSyncApplied *out)
{
    InvSyncIdentity id = {"", ""};
    int err = inv_sync_identity(db, &id);
    if (err != INV_OK)
        return err;
    Apply *a = calloc(1, sizeof *a);
    if (a == NULL)
        return inv__fail(db, INV_E_NOMEM, "out of memory applying events");
    a->db = db;
    a->now = now;
    inv__copy(a->self, sizeof a->self, id.device);
    InvSyncApplied r = {0};
    err = inv__begin(db);
    if (err != INV_OK) {
        free(a);
        return err;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_MARKS);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && a->n_marks < MARKS_MAX) {
        inv__col_text(st, 0, a->marks[a->n_marks].device, INV_SYNC_NAME_MAX);
        a->marks[a->n_marks].seq = sqlite3_column_int64(st, 1);
        a->n_marks++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the marks");
        goto out_rollback;
    }
    st = inv__stmt(db, SQL_SUM_MARK_GET);
    rc = sqlite3_step(st);
    a->mark = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL
                  ? sqlite3_column_int64(st, 0)
                  : -1;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the summary mark");
        goto out_rollback;
    }
    st = inv__stmt(db, SQL_SYNC_APPLYING);
    sqlite3_bind_int(st, 1, 1);
    err = inv__run(db, st, "cannot start applying");
    for (size_t i = 0; i < n && err == INV_OK; i++) {
        const InvSyncEvent *x = &ev[i];
        if (strcmp(x->device, a->self) == 0 || x->device[0] == '\0') {
            err = inv__fail(db, INV_E_INVALID, "event %lld of device '%s' is not another device's",
                            (long long)x->seq, x->device);
            break;
        }
        if (inv__sync_table(x->tbl) == NULL) {
            err = inv__fail(db, INV_E_INVALID, "event %lld of device %s: no replicated table '%s'",
                            (long long)x->seq, x->device, x->tbl);
            break;
        }
        int64_t *mark = NULL;
        err = mark_of(a, x->device, &mark);
        if (err != INV_OK)
            break;
        if (x->seq <= *mark) {
            r.skipped++;
            continue;
        }
        if (x->seq != *mark + 1) {
            err = inv__fail(db, INV_E_INVALID,
                            "events of device %s: expected seq %lld, got %lld (a gap)", x->device,
                            (long long)(*mark + 1), (long long)x->seq);
            break;
        }
        Ev e = {x->device, x->seq, x->at, x->tbl, x->del, x->gid, x->data != NULL ? x->data : "{}"};
        int outcome = DONE;
        err = apply_event(a, &e, INT64_MAX, &outcome);
        if (err != INV_OK)
            break;
        *mark = x->seq;
        if (outcome == DONE)
            r.applied++;
    }
    size_t later = 0;
    if (err == INV_OK)
        err = retry_parked(a, &later);
    r.applied += later;
    for (size_t i = 0; i < a->n_marks && err == INV_OK; i++) {
        st = inv__stmt(db, SQL_SYNC_MARK_SET);
        sqlite3_bind_text(st, 1, a->marks[i].device, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, a->marks[i].seq);
        err = inv__run(db, st, "cannot record the marks");
    }
    prep_free(a);
    if (err == INV_OK && a->rebuild)
        err = inv_summaries_rebuild(db);
    else if (err == INV_OK) /* received loans are queued above the mark like checkouts */
        err = inv__sum_fold(db);
    if (err == INV_OK) {
        st = inv__stmt(db, SQL_SYNC_APPLYING);
        sqlite3_bind_int(st, 1, 0);
        err = inv__run(db, st, "cannot finish applying");
    }
    if (err == INV_OK) {
        st = inv__stmt(db, SQL_SYNC_COUNTS);
        rc = sqlite3_step(st);
        r.waiting = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 1) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            err = inv__sqlfail(db, rc, "cannot count the parked events");
    }
    if (err != INV_OK)
        goto out_rollback;
    r.conflicts = a->conflicts;
    free(a);
    err = inv__commit(db);
    if (err == INV_OK && out != NULL)
        *out = r;
    return err;

out_rollback:
    prep_free(a);
    free(a);
    inv__rollback(db);
    return err;
}

/* ---- one event ----------------------------------------------------------------------------- */

static int apply_event(Apply *a, const Ev *e, int64_t wait_id, int *outcome)
{
    InvDb *db = a->db;
    const SyncTable *t = inv__sync_table(e->tbl);
    *outcome = DONE;
    /* a later event of a row that waits, from the same device, waits behind it */
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_WAIT_HAS);
    sqlite3_bind_text(st, 1, e->tbl, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, e->gid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, wait_id);
    sqlite3_bind_text(st, 4, e->device, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    bool behind = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the parked events");
    if (behind) {
        *outcome = PARKED;
        return wait_id == INT64_MAX ? park(a, e, "an earlier event of the row") : INV_OK;
    }
    Prep *p = NULL;
    int err = prep_of(a, t, &p);
    if (err != INV_OK)
        return err;
    /* the foreign keys, as local ids */
    int64_t fk[SYNC_COLS_MAX] = {0};
    bool fk_null[SYNC_COLS_MAX] = {false};
    const char *self_ref =
        NULL; /* a column pointing to the row itself (a borrower's own consent) */
    for (size_t k = 0, f = 0; k < p->n; k++) {
        if (p->cols[k].ref == NULL)
            continue;
        char gid[INV_SYNC_GID_MAX];
        err = json_text(a, e->data, p->cols[k].name, gid, sizeof gid, &fk_null[f]);
        if (err != INV_OK)
            return err;
        if (!fk_null[f]) {
            err = resolve(a, p->cols[k].ref, gid, &fk[f]);
            if (err == INV_E_NOT_FOUND && strcmp(p->cols[k].ref, t->name) == 0 &&
                strcmp(gid, e->gid) == 0) { /* the row is new here: set once it is written */
                fk_null[f] = true;
                self_ref = p->cols[k].name;
                err = INV_OK;
            }
            if (err == INV_E_NOT_FOUND) {
                *outcome = PARKED;
                if (wait_id != INT64_MAX)
                    return INV_OK;
                char missing[INV_SYNC_GID_MAX + 40];
                snprintf(missing, sizeof missing, "%s %s", p->cols[k].ref, gid);
                return park(a, e, missing);
            }
            if (err != INV_OK)
                return err;
        }
        f++;
    }
    if (e->del && (strcmp(t->name, "loan") == 0 || strcmp(t->name, "loan_line") == 0 ||
                   strcmp(t->name, "borrower") == 0))
        a->rebuild = true;
    if (strcmp(t->name, "loan_line") == 0 && !e->del)
        return put_line(a, e, p, fk, fk_null);

    if (t->pk != NULL) { /* rows named by their key: upsert or delete by it */
        if (!e->del)
            return run_upsert(a, p, e, 0, 0, fk, fk_null, NULL);
        st = p->del;
        sqlite3_bind_text(st, 1, e->data, -1, SQLITE_TRANSIENT);
        for (size_t k = 0, f = 0; k < p->n; k++)
            if (p->cols[k].ref != NULL) {
                if (!fk_null[f])
                    sqlite3_bind_int64(st, (int)(5 + f), fk[f]);
                f++;
            }
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        /* a row others still point to stays (a fact is never refused) */
        if (rc != SQLITE_DONE && rc != SQLITE_CONSTRAINT)
            return inv__sqlfail(db, rc, "cannot apply a delete");
        return INV_OK;
    }

    int64_t id = 0;
    err = resolve(a, t->name, e->gid, &id);
    if (err != INV_OK && err != INV_E_NOT_FOUND)
        return err;
    if (e->del) {
        if (err == INV_E_NOT_FOUND)
            return INV_OK; /* never seen here: nothing to delete */
        st = p->del;
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_CONSTRAINT)
            return INV_OK;
        if (rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot apply a delete");
        st = inv__stmt(db, SQL_SYNC_MAP_DROP);
        sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, id);
        return inv__run(db, st, "cannot apply a delete");
    }
    bool write = true;
    int64_t reg_keep = 0;
    char *erased_data = NULL;
    if (err == INV_E_NOT_FOUND && t->natural != NULL) {
        /* the same thing made on two devices (an erased person has no card to merge by) */
        bool erased = false;
        if (strcmp(t->name, "borrower") == 0) {
            int64_t at = 0;
            json_int(a, e->data, "erased_at", &at, &erased);
            erased = !erased;
        }
        st = p->natural;
        sqlite3_bind_text(st, 1, e->data, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        int64_t same = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot look up a row by its natural key");
        if (same != 0 && !erased) {
            err = merge(a, t, e, same, &write, &reg_keep);
            if (err != INV_OK)
                return err;
            id = same;
        }
    }
    Ev x = *e;
    if (strcmp(t->name, "borrower") == 0) {
        bool none = true;
        int64_t erased_at = 0;
        err = json_int(a, e->data, "erased_at", &erased_at, &none);
        if (err != INV_OK)
            return err;
        if (none && id != 0) { /* an erasure is final: an older image does not undo it here */
            st = inv__stmt(db, SQL_SYNC_BORROWER_ERASED);
            sqlite3_bind_int64(st, 1, id);
            rc = sqlite3_step(st);
            bool gone = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
            sqlite3_reset(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return inv__sqlfail(db, rc, "cannot read the borrower");
            if (gone)
                return INV_OK;
        }
        if (!none) { /* the origin's placeholder card may be another erased person's here */
            st = inv__stmt(db, SQL_SYNC_JSON_CARD);
            sqlite3_bind_text(st, 1, e->data, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, e->gid, -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(st);
            const char *d = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
            erased_data = d != NULL ? strdup(d) : NULL;
            sqlite3_reset(st);
            if (erased_data == NULL)
                return inv__fail(db, INV_E_NOMEM, "cannot apply an erasure");
            x.data = erased_data;
        }
    }
    bool borrower = strcmp(t->name, "borrower") == 0;
    int64_t reg_before = 0;
    int64_t key_before = 0;
    if (borrower && id != 0 && (err = registration(a, id, &reg_before, &key_before)) != INV_OK) {
        free(erased_data);
        return err;
    }
    int64_t new_id = 0;
    bool created = write && id == 0;
    if (write) {
        err = run_upsert(a, p, &x, id, 0, fk, fk_null, &new_id);
        if (err != INV_OK) {
            free(erased_data);
            return err;
        }
        if (id == 0) {
            id = new_id;
            st = inv__stmt(db, SQL_SYNC_MAP_ADD);
            sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, e->gid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 3, id);
            sqlite3_bind_int(st, 4, 0);
            err = inv__run(db, st, "cannot record the row's gid");
            if (err == INV_OK && self_ref != NULL)
                err = point_to_self(a, t->name, self_ref, id);
            if (err != INV_OK) {
                free(erased_data);
                return err;
            }
        }
    }
    if (strcmp(t->name, "item") == 0) /* on loan or not: what its lines say here */
        return derive_status(a, id);
    if (strcmp(t->name, "loan") == 0 && a->mark >= 0 && id <= a->mark)
        a->rebuild = true; /* a loan already in the summaries changed (a new one is queued) */
    if (borrower) {
        bool erased = erased_data != NULL;
        free(erased_data);
        if (reg_keep != 0) {
            st = inv__stmt(db, SQL_SYNC_REG_MIN);
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, reg_keep);
            err = inv__run(db, st, "cannot merge rows");
        }
        int64_t reg_after = 0;
        int64_t key_after = 0;
        if (err == INV_OK)
            err = registration(a, id, &reg_after, &key_after);
        if (err == INV_OK && created && key_after == 0) /* a registration, as the store's */
            err = inv__sum_registration(db, db->centre_id, reg_after);
        else if (err == INV_OK && !created && (reg_after != reg_before || key_after != key_before))
            a->rebuild = true;
        if (err == INV_OK && erased) { /* an erased person's placeholder card, by this id */
            char card[INV_CODE_MAX];
            snprintf(card, sizeof card, "%s%lld", INV_ERASED_CARD, (long long)id);
            st = inv__stmt(db, SQL_SYNC_ERASED_CARD);
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_text(st, 2, card, -1, SQLITE_TRANSIENT);
            err = inv__run(db, st, "cannot apply an erasure");
            if (err == INV_OK) /* what this device has not sent yet of the person */
                err = inv__sync_scrub_borrower(db, id);
        }
        return err;
    }
    return INV_OK;
}

/* A row whose natural key is already here (row `id`): both gids name it from now on, the
 * canonical one (a borrower's earlier registration, else the smaller gid) with alias 0. Whether
 * the event's fields are written (*write): a borrower's later registration wins (with the earlier
 * registration time kept), for the rest the canonical row's. A card merge is listed. */
static int merge(Apply *a, const SyncTable *t, const Ev *e, int64_t id, bool *write,
                 int64_t *reg_keep)
{
    InvDb *db = a->db;
    char old[INV_SYNC_GID_MAX];
    int err = gid_of(a, t->name, id, old, sizeof old);
    if (err != INV_OK)
        return err;
    bool borrower = strcmp(t->name, "borrower") == 0;
    int64_t reg_in = 0;
    int64_t reg_old = 0;
    if (borrower) {
        bool none = false;
        err = json_int(a, e->data, "registered_at", &reg_in, &none);
        sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_BORROWER_REG);
        sqlite3_bind_int64(st, 1, id);
        int rc = sqlite3_step(st);
        reg_old = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (err == INV_OK && rc != SQLITE_ROW)
            err = inv__sqlfail(db, rc, "cannot read the borrower");
        if (err != INV_OK)
            return err;
    }
    int order = strcmp(e->gid, old);
    bool in_first = borrower ? (reg_in < reg_old || (reg_in == reg_old && order < 0)) : order < 0;
    *write = borrower ? !in_first : in_first;
    sqlite3_stmt *st = NULL;
    if (in_first) { /* the event's gid becomes the canonical one; the old one an alias */
        st = inv__stmt(db, SQL_SYNC_MAP_ALIAS);
        sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, id);
        err = inv__run(db, st, "cannot merge rows");
        st = inv__stmt(db, SQL_SYNC_MAP_ADD);
        sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, old, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, id);
        sqlite3_bind_int(st, 4, 1);
        if (err == INV_OK)
            err = inv__run(db, st, "cannot merge rows");
    }
    st = inv__stmt(db, SQL_SYNC_MAP_ADD);
    sqlite3_bind_text(st, 1, t->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, e->gid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int(st, 4, in_first ? 0 : 1);
    if (err == INV_OK)
        err = inv__run(db, st, "cannot merge rows");
    if (err != INV_OK || !borrower)
        return err;
    const char *first = in_first ? e->gid : old;
    const char *second = in_first ? old : e->gid;
    char detail[3 * INV_SYNC_GID_MAX + 64];
    snprintf(detail, sizeof detail, "the same card registered as %s and %s: one person (%s)", first,
             second, first);
    st = inv__stmt(db, SQL_SYNC_CONFLICT_ADD);
    sqlite3_bind_text(st, 1, "card_merge", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, a->now);
    sqlite3_bind_int64(st, 4, id);
    sqlite3_bind_text(st, 5, first, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, second, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, detail, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 8, a->now);
    sqlite3_bind_text(st, 9, "merged", -1, SQLITE_STATIC);
    err = inv__run(db, st, "cannot list the card merge");
    if (err == INV_OK && sqlite3_changes(db->sql) > 0)
        a->conflicts++;
    *reg_keep = reg_in < reg_old ? reg_in : reg_old; /* registered when first registered */
    return err;
}

/* A loan line: which line of the item is open (the later checkout; ties the larger gid), a
 * double lend listed per pair of overlapping lines from two devices, the item's status. */
static int put_line(Apply *a, const Ev *e, Prep *p, const int64_t *fk, const bool *fk_null)
{
    InvDb *db = a->db;
    int64_t loan = fk[0]; /* fks in spec order: loan_id, item_id, return_staff_id */
    int64_t item = fk[1];
    int64_t seq = 0;
    int64_t back = 0;
    bool open = true;
    bool none = false;
    int err = json_int(a, e->data, "seq", &seq, &none);
    if (err == INV_OK)
        err = json_int(a, e->data, "returned_at", &back, &open);
    if (err != INV_OK)
        return err;
    if (fk_null[0] || fk_null[1])
        return inv__fail(db, INV_E_INVALID, "loan line %s has no loan or item", e->gid);
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_LOAN_AT);
    sqlite3_bind_int64(st, 1, loan);
    int rc = sqlite3_step(st);
    int64_t co = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int64_t borrower = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    int64_t loan_centre = rc == SQLITE_ROW ? sqlite3_column_int64(st, 2) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the line's loan");
    /* the item it had here before (moved to another item by a conflict's resolution) */
    st = inv__stmt(db, SQL_SYNC_LINE_GET);
    sqlite3_bind_int64(st, 1, loan);
    sqlite3_bind_int64(st, 2, seq);
    rc = sqlite3_step(st);
    bool existed = rc == SQLITE_ROW;
    int64_t was_item = existed ? sqlite3_column_int64(st, 0) : 0;
    bool was_back = existed && sqlite3_column_type(st, 1) != SQLITE_NULL;
    int64_t was_back_at = was_back ? sqlite3_column_int64(st, 1) : 0;
    int64_t was_lost = existed ? sqlite3_column_int64(st, 2) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the line");
    /* a return is a fact: the line's older state from its origin, arriving after another
     * device's return of it, changes nothing */
    if (open && was_back)
        return INV_OK;
    int64_t open_key = 0;
    if (open) { /* the item's open line here, another loan's: the later checkout stays open */
        st = inv__stmt(db, SQL_SYNC_LINE_OPEN);
        sqlite3_bind_int64(st, 1, item);
        rc = sqlite3_step(st);
        int64_t o_loan = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        int64_t o_seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
        int64_t o_co = rc == SQLITE_ROW ? sqlite3_column_int64(st, 2) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot read the item's open line");
        if (o_loan != 0 && !(o_loan == loan && o_seq == seq)) {
            char o_gid[INV_SYNC_GID_MAX];
            err = gid_of(a, "loan", o_loan, o_gid, sizeof o_gid);
            if (err != INV_OK)
                return err;
            char in_gid[INV_SYNC_GID_MAX];
            inv__copy(in_gid, sizeof in_gid, e->gid);
            char *slash = strrchr(in_gid, '/');
            if (slash != NULL)
                *slash = '\0';
            bool in_later = co > o_co || (co == o_co && strcmp(in_gid, o_gid) > 0);
            if (in_later) {
                st = inv__stmt(db, SQL_SYNC_LINE_HOLD);
                sqlite3_bind_int64(st, 1, o_loan);
                sqlite3_bind_int64(st, 2, o_seq);
                sqlite3_bind_int64(st, 3, o_loan);
                err = inv__run(db, st, "cannot hold the older line");
                if (err != INV_OK)
                    return err;
            } else {
                open_key = loan;
            }
        }
    }
    err = run_upsert(a, p, e, 0, open_key, fk, fk_null, NULL);
    if (err != INV_OK)
        return err;
    /* the summaries: a new line of a queued loan is counted by the fold, of a loan already in
     * them by a rebuild; a return is added when it arrives, as the store adds its own */
    int64_t lost = 0;
    bool not_lost = true;
    err = json_int(a, e->data, "lost_at", &lost, &not_lost);
    if (err != INV_OK)
        return err;
    bool folded = a->mark >= 0 && loan <= a->mark;
    if (folded && (!existed || was_item != item))
        a->rebuild = true;
    if (!open && !was_back && not_lost) {
        err = inv__sum_returned(db, loan_centre, inv__local(co).year, 1, back > co ? back - co : 0);
        if (err != INV_OK)
            return err;
    } else if (!open && was_back && (back != was_back_at || lost != was_lost)) {
        a->rebuild = true;
    }
    st = inv__stmt(db, SQL_SYNC_EVER_LENT); /* also an item in repair or retired now */
    sqlite3_bind_int64(st, 1, item);
    err = inv__run(db, st, "cannot mark the item lent");
    if (err != INV_OK)
        return err;
    /* the item's lines: a pair from two devices whose times overlap is a double lend */
    const char *colon = strchr(e->gid, ':');
    size_t dev_len = colon != NULL ? (size_t)(colon - e->gid) : 0;
    int64_t end = open ? INT64_MAX : back;
    st = inv__stmt(db, SQL_SYNC_LINES_OF_ITEM);
    sqlite3_bind_int64(st, 1, item);
    typedef struct Other {
        int64_t loan;
        int64_t seq;
        int64_t co;
        int64_t end;
    } Other;
    Other others[64];
    size_t n_others = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t m_loan = sqlite3_column_int64(st, 0);
        if (m_loan == loan)
            continue;
        int64_t m_co = sqlite3_column_int64(st, 2);
        int64_t m_end =
            sqlite3_column_type(st, 3) == SQLITE_NULL ? INT64_MAX : sqlite3_column_int64(st, 3);
        if (!(co < m_end && m_co < end) || n_others == 64)
            continue;
        others[n_others++] = (Other){m_loan, sqlite3_column_int64(st, 1), m_co, m_end};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the item's lines");
    for (size_t i = 0; i < n_others; i++) {
        char m_loan_gid[INV_SYNC_GID_MAX];
        err = gid_of(a, "loan", others[i].loan, m_loan_gid, sizeof m_loan_gid);
        if (err != INV_OK)
            return err;
        const char *m_colon = strchr(m_loan_gid, ':');
        size_t m_len = m_colon != NULL ? (size_t)(m_colon - m_loan_gid) : 0;
        if (m_len == dev_len && strncmp(m_loan_gid, e->gid, dev_len) == 0)
            continue; /* one device's own history */
        char m_gid[INV_SYNC_GID_MAX + 24];
        snprintf(m_gid, sizeof m_gid, "%s/%lld", m_loan_gid, (long long)others[i].seq);
        bool m_first = others[i].co < co || (others[i].co == co && strcmp(m_gid, e->gid) < 0);
        const char *first = m_first ? m_gid : e->gid;
        const char *second = m_first ? e->gid : m_gid;
        int64_t first_loan = m_first ? others[i].loan : loan;
        st = inv__stmt(db, SQL_SYNC_LOAN_AT);
        sqlite3_bind_int64(st, 1, first_loan);
        rc = sqlite3_step(st);
        int64_t first_borrower = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : borrower;
        sqlite3_reset(st);
        char detail[2 * INV_SYNC_GID_MAX + 96];
        snprintf(detail, sizeof detail, "lent on two devices at once: line %s, then line %s", first,
                 second);
        st = inv__stmt(db, SQL_SYNC_CONFLICT_ADD);
        sqlite3_bind_text(st, 1, "double_lend", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, a->now);
        sqlite3_bind_int64(st, 3, item);
        sqlite3_bind_int64(st, 4, first_borrower);
        sqlite3_bind_text(st, 5, first, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, second, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, detail, -1, SQLITE_TRANSIENT);
        err = inv__run(db, st, "cannot list the double lend");
        if (err != INV_OK)
            return err;
        if (sqlite3_changes(db->sql) > 0)
            a->conflicts++;
    }
    /* a line back, or moved to another item, settles the conflict it was held in */
    if (!open || (was_item != 0 && was_item != item)) {
        st = inv__stmt(db, SQL_SYNC_CONFLICT_SETTLE);
        sqlite3_bind_text(st, 1, e->gid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, a->now);
        sqlite3_bind_text(st, 3, open ? "moved to another item" : "returned", -1, SQLITE_STATIC);
        err = inv__run(db, st, "cannot settle the conflict");
        if (err != INV_OK)
            return err;
    }
    /* no open line of the item left: the latest line held in conflict is the open one */
    for (int k = 0; k < 2; k++) {
        int64_t it = k == 0 ? item : was_item;
        if (it == 0 || (k == 1 && was_item == item))
            continue;
        st = inv__stmt(db, SQL_SYNC_LINE_OPEN);
        sqlite3_bind_int64(st, 1, it);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) {
            st = inv__stmt(db, SQL_SYNC_LINES_HELD);
            sqlite3_bind_int64(st, 1, it);
            int64_t best_loan = 0;
            int64_t best_seq = 0;
            int64_t best_co = 0;
            char best_gid[INV_SYNC_GID_MAX] = "";
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                int64_t h_loan = sqlite3_column_int64(st, 0);
                int64_t h_co = sqlite3_column_int64(st, 2);
                char h_gid[INV_SYNC_GID_MAX];
                err = gid_of(a, "loan", h_loan, h_gid, sizeof h_gid);
                if (err != INV_OK)
                    break;
                if (best_loan == 0 || h_co > best_co ||
                    (h_co == best_co && strcmp(h_gid, best_gid) > 0)) {
                    best_loan = h_loan;
                    best_seq = sqlite3_column_int64(st, 1);
                    best_co = h_co;
                    inv__copy(best_gid, sizeof best_gid, h_gid);
                }
            }
            sqlite3_reset(st);
            if (err != INV_OK)
                return err;
            if (rc != SQLITE_DONE)
                return inv__sqlfail(db, rc, "cannot read the held lines");
            if (best_loan != 0) {
                st = inv__stmt(db, SQL_SYNC_LINE_HOLD);
                sqlite3_bind_int64(st, 1, best_loan);
                sqlite3_bind_int64(st, 2, best_seq);
                sqlite3_bind_int64(st, 3, 0);
                err = inv__run(db, st, "cannot open the held line");
                if (err != INV_OK)
                    return err;
            }
        } else if (rc != SQLITE_ROW) {
            return inv__sqlfail(db, rc, "cannot read the item's open line");
        }
        err = derive_status(a, it);
        if (err != INV_OK)
            return err;
    }
    return INV_OK;
}

static int run_upsert(Apply *a, Prep *p, const Ev *e, int64_t id, int64_t open_key,
                      const int64_t *fk, const bool *fk_null, int64_t *new_id)
{
    sqlite3_stmt *st = p->upsert;
    sqlite3_bind_text(st, 1, e->data, -1, SQLITE_TRANSIENT);
    if (id != 0)
        sqlite3_bind_int64(st, 2, id);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_int64(st, 3, a->db->centre_id);
    sqlite3_bind_int64(st, 4, open_key);
    for (size_t k = 0, f = 0; k < p->n; k++)
        if (p->cols[k].ref != NULL) {
            if (fk_null[f])
                sqlite3_bind_null(st, (int)(5 + f));
            else
                sqlite3_bind_int64(st, (int)(5 + f), fk[f]);
            f++;
        }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__fail(a->db, rc == SQLITE_CONSTRAINT ? INV_E_INVALID : INV_E_IO,
                         "cannot apply event %lld of device %s (%s %s): %s", (long long)e->seq,
                         e->device, e->tbl, e->gid, sqlite3_errmsg(a->db->sql));
    if (new_id != NULL)
        *new_id = sqlite3_last_insert_rowid(a->db->sql);
    return INV_OK;
}

static int derive_status(Apply *a, int64_t item_id)
{
    sqlite3_stmt *st = inv__stmt(a->db, SQL_SYNC_ITEM_DERIVE);
    sqlite3_bind_int64(st, 1, item_id);
    sqlite3_bind_int(st, 2, INV_ITEM_AVAILABLE);
    sqlite3_bind_int(st, 3, INV_ITEM_ON_LOAN);
    return inv__run(a->db, st, "cannot set the item's status");
}

/* Row id of tbl gets col = id (a column that points to its own row, written once the row has
 * its id here; generated from the spec, prepared for this rare case only). */
static int point_to_self(Apply *a, const char *tbl, const char *col, int64_t id)
{
    char q[160];
    snprintf(q, sizeof q, "UPDATE %s SET %s = ?1 WHERE id = ?1", tbl, col);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(a->db->sql, q, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(a->db, rc, "cannot apply a row that points to itself");
    return INV_OK;
}

/* A borrower's registration time and key_only mark (what the summaries count). */
static int registration(Apply *a, int64_t id, int64_t *at, int64_t *key_only)
{
    sqlite3_stmt *st = inv__stmt(a->db, SQL_SYNC_BORROWER_REG);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *at = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *key_only = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(a->db, rc, "cannot read the borrower");
    return INV_OK;
}

/* ---- parked events ------------------------------------------------------------------------- */

static int park(Apply *a, const Ev *e, const char *missing)
{
    sqlite3_stmt *st = inv__stmt(a->db, SQL_SYNC_WAIT_ADD);
    sqlite3_bind_text(st, 1, e->device, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, e->seq);
    sqlite3_bind_int64(st, 3, e->at);
    sqlite3_bind_text(st, 4, e->tbl, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, e->del ? "del" : "put", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, e->gid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, e->data, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, missing, -1, SQLITE_TRANSIENT);
    return inv__run(a->db, st, "cannot park an event");
}

/* Tries the parked events again, oldest first, until a round applies none. */
static int retry_parked(Apply *a, size_t *applied)
{
    InvDb *db = a->db;
    for (int round = 0; round < WAIT_ROUNDS; round++) {
        bool progress = false;
        int64_t after = 0;
        for (;;) {
            sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_WAIT_EACH);
            sqlite3_bind_int64(st, 1, after);
            int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) {
                sqlite3_reset(st);
                break;
            }
            if (rc != SQLITE_ROW) {
                sqlite3_reset(st);
                return inv__sqlfail(db, rc, "cannot read the parked events");
            }
            int64_t wid = sqlite3_column_int64(st, 0);
            char device[INV_SYNC_NAME_MAX];
            char tbl[32];
            char op[8];
            char gid[INV_SYNC_GID_MAX];
            inv__col_text(st, 1, device, sizeof device);
            int64_t seq = sqlite3_column_int64(st, 2);
            int64_t at = sqlite3_column_int64(st, 3);
            inv__col_text(st, 4, tbl, sizeof tbl);
            inv__col_text(st, 5, op, sizeof op);
            inv__col_text(st, 6, gid, sizeof gid);
            const char *d = (const char *)sqlite3_column_text(st, 7);
            char *data = strdup(d != NULL ? d : "{}");
            sqlite3_reset(st);
            if (data == NULL)
                return inv__fail(db, INV_E_NOMEM, "out of memory retrying parked events");
            after = wid;
            Ev e = {device, seq, at, tbl, strcmp(op, "del") == 0, gid, data};
            int outcome = PARKED;
            int err = apply_event(a, &e, wid, &outcome);
            free(data);
            if (err != INV_OK)
                return err;
            if (outcome == DONE) {
                st = inv__stmt(db, SQL_SYNC_WAIT_DROP);
                sqlite3_bind_int64(st, 1, wid);
                err = inv__run(db, st, "cannot drop a parked event");
                if (err != INV_OK)
                    return err;
                (*applied)++;
                progress = true;
            }
        }
        if (!progress)
            return INV_OK;
    }
    return INV_OK;
}

/* ---- statements of a table ----------------------------------------------------------------- */

static int prep_of(Apply *a, const SyncTable *t, Prep **out)
{
    size_t i = (size_t)(t - inv__sync_tables);
    Prep *p = &a->prep[i];
    *out = p;
    if (p->ready)
        return INV_OK;
    InvDb *db = a->db;
    int err = inv__sync_cols(db, t, p->cols, &p->n);
    if (err != INV_OK)
        return err;
    bool has_centre = false;
    {
        sqlite3_stmt *st = NULL;
        char q[128];
        snprintf(q, sizeof q,
                 "SELECT count(*) FROM pragma_table_info('%s') WHERE name = 'centre_id'", t->name);
        int rc = sqlite3_prepare_v2(db->sql, q, -1, &st, NULL);
        if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            has_centre = sqlite3_column_int(st, 0) > 0;
        sqlite3_finalize(st);
    }
    bool line = strcmp(t->name, "loan_line") == 0;
    /* the value of each column: a foreign key's local id, else the image's */
    SyncBuf cols = {0};
    SyncBuf vals = {0};
    SyncBuf set = {0};
    SyncBuf where = {0};
    if (t->pk == NULL) {
        inv__sync_buf_add(&cols, "id");
        inv__sync_buf_add(&vals, "?2");
    }
    if (has_centre) {
        inv__sync_buf_add(&cols, "%scentre_id", cols.len > 0 ? ", " : "");
        inv__sync_buf_add(&vals, "%s?3", vals.len > 0 ? ", " : "");
    }
    if (line) {
        inv__sync_buf_add(&cols, "%sopen_key", cols.len > 0 ? ", " : "");
        inv__sync_buf_add(&vals, "%s?4", vals.len > 0 ? ", " : "");
        inv__sync_buf_add(&set, "open_key = excluded.open_key");
    }
    for (size_t k = 0, f = 0; k < p->n; k++) {
        char v[128];
        if (p->cols[k].ref != NULL)
            snprintf(v, sizeof v, "?%zu", 5 + f++);
        else if (p->cols[k].dflt[0] != '\0') /* left out of the image at its default */
            snprintf(v, sizeof v, "coalesce(json_extract(?1, '$.%s'), %s)", p->cols[k].name,
                     p->cols[k].dflt);
        else
            snprintf(v, sizeof v, "json_extract(?1, '$.%s')", p->cols[k].name);
        inv__sync_buf_add(&cols, "%s%s", cols.len > 0 ? ", " : "", p->cols[k].name);
        inv__sync_buf_add(&vals, "%s%s", vals.len > 0 ? ", " : "", v);
        inv__sync_buf_add(&set, "%s%s = excluded.%s", set.len > 0 ? ", " : "", p->cols[k].name,
                          p->cols[k].name);
        if (t->pk != NULL && strstr(t->pk, p->cols[k].name) != NULL)
            inv__sync_buf_add(&where, "%s%s = %s", where.len > 0 ? " AND " : "", p->cols[k].name,
                              v);
    }
    SyncBuf q = {0};
    inv__sync_buf_add(&q, "INSERT INTO %s(%s) VALUES (%s) ON CONFLICT (%s) DO UPDATE SET %s",
                      t->name, cols.p, vals.p, t->pk != NULL ? t->pk : "id", set.p);
    int rc = q.oom || cols.oom || vals.oom || set.oom || where.oom
                 ? SQLITE_NOMEM
                 : sqlite3_prepare_v2(db->sql, q.p, -1, &p->upsert, NULL);
    q.len = 0;
    if (t->pk != NULL)
        inv__sync_buf_add(&q, "DELETE FROM %s WHERE %s", t->name, where.p);
    else
        inv__sync_buf_add(&q, "DELETE FROM %s WHERE id = ?1", t->name);
    if (rc == SQLITE_OK)
        rc = q.oom ? SQLITE_NOMEM : sqlite3_prepare_v2(db->sql, q.p, -1, &p->del, NULL);
    if (t->pk == NULL) {
        q.len = 0;
        inv__sync_buf_add(&q, "SELECT 1 FROM %s WHERE id = ?1", t->name);
        if (rc == SQLITE_OK)
            rc = q.oom ? SQLITE_NOMEM : sqlite3_prepare_v2(db->sql, q.p, -1, &p->exists, NULL);
    }
    if (t->natural != NULL) {
        q.len = 0;
        inv__sync_buf_add(&q, "SELECT id FROM %s WHERE %s = json_extract(?1, '$.%s')", t->name,
                          t->natural, t->natural);
        if (rc == SQLITE_OK)
            rc = q.oom ? SQLITE_NOMEM : sqlite3_prepare_v2(db->sql, q.p, -1, &p->natural, NULL);
    }
    inv__sync_buf_free(&q);
    inv__sync_buf_free(&cols);
    inv__sync_buf_free(&vals);
    inv__sync_buf_free(&set);
    inv__sync_buf_free(&where);
    p->ready = true; /* freed by prep_free either way */
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "cannot prepare the statements of a replicated table");
    return INV_OK;
}

static void prep_free(Apply *a)
{
    for (size_t i = 0; i < sizeof a->prep / sizeof a->prep[0]; i++) {
        Prep *p = &a->prep[i];
        sqlite3_finalize(p->upsert);
        sqlite3_finalize(p->natural);
        sqlite3_finalize(p->exists);
        sqlite3_finalize(p->del);
        *p = (Prep){0};
    }
}

/* ---- gids ---------------------------------------------------------------------------------- */

/* The local id of row gid of tbl: from sync_map, or this device's own "<device>:<id>";
 * INV_E_NOT_FOUND (no message) when it has not arrived. */
static int resolve(Apply *a, const char *tbl, const char *gid, int64_t *id)
{
    InvDb *db = a->db;
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_MAP_GET);
    sqlite3_bind_text(st, 1, tbl, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, gid, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int64_t got = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        *id = got;
        return INV_OK;
    }
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot look up a gid");
    size_t len = strlen(a->self);
    if (strncmp(gid, a->self, len) != 0 || gid[len] != ':')
        return INV_E_NOT_FOUND;
    char *end = NULL;
    long long v = strtoll(gid + len + 1, &end, 10);
    if (end == NULL || *end != '\0' || v <= 0)
        return INV_E_NOT_FOUND;
    Prep *p = NULL;
    int err = prep_of(a, inv__sync_table(tbl), &p);
    if (err != INV_OK)
        return err;
    if (p->exists == NULL)
        return INV_E_NOT_FOUND;
    sqlite3_bind_int64(p->exists, 1, v);
    rc = sqlite3_step(p->exists);
    sqlite3_reset(p->exists);
    if (rc == SQLITE_ROW) {
        *id = v;
        return INV_OK;
    }
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot look up a gid");
    return INV_E_NOT_FOUND;
}

static int gid_of(Apply *a, const char *tbl, int64_t id, char *buf, size_t size)
{
    sqlite3_stmt *st = inv__stmt(a->db, SQL_SYNC_MAP_GID);
    sqlite3_bind_text(st, 1, tbl, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__col_text(st, 0, buf, size);
    else
        snprintf(buf, size, "%s:%lld", a->self, (long long)id);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(a->db, rc, "cannot read a gid");
    return INV_OK;
}

static int json_text(Apply *a, const char *data, const char *key, char *buf, size_t size,
                     bool *null)
{
    char path[64];
    snprintf(path, sizeof path, "$.%s", key);
    sqlite3_stmt *st = inv__stmt(a->db, SQL_SYNC_JSON);
    sqlite3_bind_text(st, 1, data, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *null = sqlite3_column_type(st, 0) == SQLITE_NULL;
        inv__col_text(st, 0, buf, size);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__fail(a->db, INV_E_INVALID, "event data is not a JSON object: %s", data);
    return INV_OK;
}

static int json_int(Apply *a, const char *data, const char *key, int64_t *v, bool *null)
{
    char buf[32];
    int err = json_text(a, data, key, buf, sizeof buf, null);
    if (err == INV_OK)
        *v = *null ? 0 : strtoll(buf, NULL, 10);
    return err;
}

static int mark_of(Apply *a, const char *device, int64_t **seq)
{
    for (size_t i = 0; i < a->n_marks; i++)
        if (strcmp(a->marks[i].device, device) == 0) {
            *seq = &a->marks[i].seq;
            return INV_OK;
        }
    if (a->n_marks == MARKS_MAX)
        return inv__fail(a->db, INV_E_INVALID, "more than %d devices in one centre", MARKS_MAX);
    InvSyncMark *m = &a->marks[a->n_marks++];
    inv__copy(m->device, sizeof m->device, device);
    m->seq = 0;
    *seq = &m->seq;
    return INV_OK;
}
