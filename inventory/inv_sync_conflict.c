/* Sync conflicts for staff: the list (double lends to resolve, card merges done by the store)
 * and the two resolutions of a double lend, written as this device's own changes so that the
 * other devices get them (and settle the conflict there: inv_sync_apply.c). */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <stdlib.h>
#include <string.h>

static int line_of(InvDb *db, const char *gid, int64_t *loan, int64_t *seq);

int inv_sync_conflicts(InvDb *db, bool open_only, InvSyncConflict **out, size_t *n)
{
    InvSyncConflict *v = NULL;
    size_t cnt = 0;
    size_t cap = 0;
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_CONFLICTS);
    sqlite3_bind_int(st, 1, open_only ? 1 : 0);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (cnt == cap) {
            size_t ncap = cap == 0 ? 16 : cap * 2;
            InvSyncConflict *p = realloc(v, ncap * sizeof *p);
            if (p == NULL) {
                sqlite3_reset(st);
                free(v);
                return inv__fail(db, INV_E_NOMEM, "out of memory reading the conflicts");
            }
            v = p;
            cap = ncap;
        }
        InvSyncConflict *c = &v[cnt++];
        memset(c, 0, sizeof *c);
        c->id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, c->kind, sizeof c->kind);
        c->at = sqlite3_column_int64(st, 2);
        inv__col_text(st, 3, c->barcode, sizeof c->barcode);
        inv__col_text(st, 4, c->item_name, sizeof c->item_name);
        inv__col_text(st, 5, c->card, sizeof c->card);
        inv__col_text(st, 6, c->borrower_name, sizeof c->borrower_name);
        inv__col_text(st, 7, c->detail, sizeof c->detail);
        c->resolved_at = sqlite3_column_int64(st, 8);
        inv__col_text(st, 9, c->resolution, sizeof c->resolution);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return inv__sqlfail(db, rc, "cannot read the conflicts");
    }
    *out = v;
    *n = cnt;
    return INV_OK;
}

int inv_sync_conflict_resolve(InvDb *db, int64_t id, int64_t staff_id, const char *resolution,
                              int64_t now)
{
    static const char other[] = "other-item ";
    const char *to = NULL;
    if (resolution != NULL && strncmp(resolution, other, sizeof other - 1) == 0)
        to = resolution + sizeof other - 1;
    if (resolution == NULL || (strcmp(resolution, "returned") != 0 && (to == NULL || !to[0])))
        return inv__fail(db, INV_E_INVALID,
                         "invalid resolution '%s': use returned or other-item BARCODE",
                         resolution != NULL ? resolution : "");
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    if (staff_id != 0 && (err = inv__staff_exists(db, staff_id)) != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_CONFLICT_GET);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    char kind[16] = "";
    char gid[INV_SYNC_GID_MAX] = "";
    bool done = false;
    if (rc == SQLITE_ROW) {
        inv__col_text(st, 0, kind, sizeof kind);
        inv__col_text(st, 1, gid, sizeof gid);
        done = sqlite3_column_int(st, 2) != 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        err = inv__fail(db, INV_E_NOT_FOUND, "no conflict %lld", (long long)id);
        goto out_rollback;
    }
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the conflict");
        goto out_rollback;
    }
    if (strcmp(kind, "double_lend") != 0 || done) {
        err = inv__fail(db, INV_E_INVALID, "conflict %lld is %s", (long long)id,
                        done ? "resolved already" : "a card merge, done by the store");
        goto out_rollback;
    }
    int64_t loan = 0;
    int64_t seq = 0;
    err = line_of(db, gid, &loan, &seq);
    if (err != INV_OK)
        goto out_rollback;
    st = inv__stmt(db, SQL_SYNC_LINE_GET);
    sqlite3_bind_int64(st, 1, loan);
    sqlite3_bind_int64(st, 2, seq);
    rc = sqlite3_step(st);
    int64_t item = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    bool back = rc == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        err = rc == SQLITE_DONE ? inv__fail(db, INV_E_NOT_FOUND, "no loan line %s", gid)
                                : inv__sqlfail(db, rc, "cannot read the line");
        goto out_rollback;
    }
    st = inv__stmt(db, SQL_LOAN_START);
    sqlite3_bind_int64(st, 1, loan);
    rc = sqlite3_step(st);
    int64_t centre = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int64_t out_at = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the loan");
        goto out_rollback;
    }
    if (to == NULL && !back) { /* the older line comes back now */
        st = inv__stmt(db, SQL_SYNC_LINE_CLOSE);
        sqlite3_bind_int64(st, 1, loan);
        sqlite3_bind_int64(st, 2, seq);
        sqlite3_bind_int64(st, 3, now);
        if (staff_id != 0)
            sqlite3_bind_int64(st, 4, staff_id);
        err = inv__run(db, st, "cannot close the line");
        if (err == INV_OK)
            err = inv__sum_returned(db, centre, inv__local(out_at).year, 1,
                                    now > out_at ? now - out_at : 0);
    } else if (to != NULL) { /* it was another item, which must be free */
        InvItem it;
        InvItemExtra x;
        err = inv__item_get(db, to, &it, &x);
        if (err == INV_OK && (it.status != INV_ITEM_AVAILABLE || it.id == item))
            err =
                inv__refuse(db, INV_E_INVALID, to, "item %s is not available to take the line", to);
        if (err == INV_OK && back)
            err = inv__fail(db, INV_E_INVALID, "the line %s is back already", gid);
        if (err == INV_OK) {
            st = inv__stmt(db, SQL_SYNC_LINE_MOVE);
            sqlite3_bind_int64(st, 1, loan);
            sqlite3_bind_int64(st, 2, seq);
            sqlite3_bind_int64(st, 3, it.id);
            err = inv__run(db, st, "cannot move the line");
        }
        if (err == INV_OK) {
            st = inv__stmt(db, SQL_ITEM_LEND);
            sqlite3_bind_int64(st, 1, it.id);
            sqlite3_bind_int(st, 2, INV_ITEM_ON_LOAN);
            err = inv__run(db, st, "cannot move the line");
        }
        if (err == INV_OK) /* its items by category changed */
            err = inv_summaries_rebuild(db);
    }
    if (err == INV_OK) { /* the first item: on loan while another line of it is open */
        st = inv__stmt(db, SQL_SYNC_ITEM_DERIVE);
        sqlite3_bind_int64(st, 1, item);
        sqlite3_bind_int(st, 2, INV_ITEM_AVAILABLE);
        sqlite3_bind_int(st, 3, INV_ITEM_ON_LOAN);
        err = inv__run(db, st, "cannot set the item's status");
    }
    if (err == INV_OK) {
        st = inv__stmt(db, SQL_SYNC_CONFLICT_DONE);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, now);
        if (staff_id != 0)
            sqlite3_bind_int64(st, 3, staff_id);
        sqlite3_bind_text(st, 4, resolution, -1, SQLITE_TRANSIENT);
        err = inv__run(db, st, "cannot record the resolution");
    }
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

/* The local loan and seq of line gid "<loan gid>/<seq>". */
static int line_of(InvDb *db, const char *gid, int64_t *loan, int64_t *seq)
{
    char lg[INV_SYNC_GID_MAX];
    inv__copy(lg, sizeof lg, gid);
    char *slash = strrchr(lg, '/');
    if (slash == NULL)
        return inv__fail(db, INV_E_CORRUPT, "bad loan line gid %s", gid);
    *slash = '\0';
    *seq = strtoll(slash + 1, NULL, 10);
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_MAP_GET);
    sqlite3_bind_text(st, 1, "loan", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, lg, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *loan = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot look up a gid");
    if (*loan == 0) { /* this device's own loan */
        char *colon = strrchr(lg, ':');
        *loan = colon != NULL ? strtoll(colon + 1, NULL, 10) : 0;
    }
    return *loan > 0 ? INV_OK : inv__fail(db, INV_E_NOT_FOUND, "no loan line %s", gid);
}
