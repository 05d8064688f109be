/* Stocktakes: a leader scans a shelf or zone label, then every item on it. What the zone should
 * hold is fixed when the stocktake starts (the centre's items located there and available), so
 * loans during the count do not move the target; an expected item that went out on loan (or to
 * repair) during the count is not reported missing. */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <string.h>

static const char *const kind_names[] = {"found",   "misplaced", "lent",
                                         "unknown", "missing",   "again"};

static int get_audit(InvDb *db, int64_t audit_id, char *zone, size_t zone_size, bool *finished);
static void bind_odd_kinds(sqlite3_stmt *st);
static int walk_lines(InvDb *db, sqlite3_stmt *st, int kind, InvAuditLineFn fn, void *ctx);

const char *inv_audit_kind_name(InvAuditKind kind)
{
    if ((int)kind < 0 || (size_t)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
        return "unknown";
    return kind_names[kind];
}

int inv_audit_start(InvDb *db, const char *zone, int64_t staff_id, int64_t now, int64_t *audit_id)
{
    int err = inv__check_text(db, "zone", zone, INV_NAME_MAX, false);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, zone);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 3, staff_id);
    sqlite3_bind_int64(st, 4, now);
    err = inv__run(db, st, "cannot start the stocktake");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    st = inv__stmt(db, SQL_AUDIT_EXPECT);
    sqlite3_bind_int64(st, 1, id);
    inv__bind_text(st, 2, zone);
    sqlite3_bind_int64(st, 3, db->centre_id);
    err = inv__run(db, st, "cannot start the stocktake");
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK)
        *audit_id = id;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_audit_scan(InvDb *db, int64_t audit_id, const char *barcode, int64_t now,
                   InvAuditKind *kind, InvAuditCount *count)
{
    int err = inv__check_code(db, "barcode", barcode);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    char zone[INV_NAME_MAX];
    bool finished = false;
    err = get_audit(db, audit_id, zone, sizeof(zone), &finished);
    if (err != INV_OK)
        goto out_rollback;
    if (finished) {
        err = inv__fail(db, INV_E_AUDIT_CLOSED, "stocktake %lld is already finished",
                        (long long)audit_id);
        goto out_rollback;
    }

    InvItem item;
    InvAuditKind k = INV_AUDIT_UNKNOWN;
    int64_t item_id = 0;
    err = inv_item_get(db, barcode, &item);
    if (err == INV_OK) {
        item_id = item.id;
        sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_IS_EXPECTED);
        sqlite3_bind_int64(st, 1, audit_id);
        sqlite3_bind_int64(st, 2, item.id);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            err = inv__sqlfail(db, rc, "cannot read the stocktake");
            goto out_rollback;
        }
        if (rc == SQLITE_ROW)
            k = INV_AUDIT_FOUND;
        else if (item.status == INV_ITEM_ON_LOAN)
            k = INV_AUDIT_LENT;
        else if (zone[0] != '\0' && strcmp(item.location, zone) != 0)
            k = INV_AUDIT_MISPLACED;
        else
            k = INV_AUDIT_FOUND; /* here, though not expected (e.g. marked missing) */
    } else if (err != INV_E_UNKNOWN_ITEM) {
        goto out_rollback;
    }
    err = INV_OK;

    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_SCAN_ADD);
    sqlite3_bind_int64(st, 1, audit_id);
    inv__bind_text(st, 2, barcode);
    if (item_id != 0)
        sqlite3_bind_int64(st, 3, item_id);
    sqlite3_bind_int(st, 4, (int)k);
    sqlite3_bind_int64(st, 5, now);
    err = inv__run(db, st, "cannot record the scan");
    if (err != INV_OK)
        goto out_rollback;
    if (sqlite3_changes(db->sql) == 0)
        k = INV_AUDIT_AGAIN;
    err = inv__commit(db);
    if (err != INV_OK)
        return err;
    if (kind != NULL)
        *kind = k;
    if (count != NULL)
        return inv_audit_count(db, audit_id, count);
    return INV_OK;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_audit_count(InvDb *db, int64_t audit_id, InvAuditCount *count)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_COUNT);
    sqlite3_bind_int64(st, 1, audit_id);
    bind_odd_kinds(st);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        count->expected = sqlite3_column_int64(st, 0);
        count->found = sqlite3_column_int64(st, 1);
        count->misplaced = sqlite3_column_int64(st, 2);
        count->lent = sqlite3_column_int64(st, 3);
        count->unknown = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count the stocktake");
    return INV_OK;
}

int inv_audit_finish(InvDb *db, int64_t audit_id, int64_t now)
{
    /* one transaction: the check and the close, so a stocktake closed meanwhile by another
     * program is refused, and the moved-file check applies */
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    char zone[INV_NAME_MAX];
    bool finished = false;
    err = get_audit(db, audit_id, zone, sizeof(zone), &finished);
    if (err == INV_OK && finished)
        err = inv__fail(db, INV_E_AUDIT_CLOSED, "stocktake %lld is already finished",
                        (long long)audit_id);
    if (err == INV_OK) {
        sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_FINISH);
        sqlite3_bind_int64(st, 1, audit_id);
        sqlite3_bind_int64(st, 2, now);
        err = inv__run(db, st, "cannot finish the stocktake");
    }
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv_audit_each(InvDb *db, int64_t audit_id, InvAuditLineFn fn, void *ctx)
{
    char zone[INV_NAME_MAX];
    bool finished = false;
    int err = get_audit(db, audit_id, zone, sizeof(zone), &finished);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_MISSING);
    sqlite3_bind_int64(st, 1, audit_id);
    err = walk_lines(db, st, INV_AUDIT_MISSING, fn, ctx);
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_AUDIT_ODD);
    sqlite3_bind_int64(st, 1, audit_id);
    bind_odd_kinds(st);
    return walk_lines(db, st, -1, fn, ctx);
}

int inv_audit_get(InvDb *db, int64_t audit_id, InvAudit *out)
{
    InvAudit a;
    memset(&a, 0, sizeof(a));
    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_INFO);
    sqlite3_bind_int64(st, 1, audit_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        a.id = audit_id;
        inv__col_text(st, 0, a.zone, sizeof(a.zone));
        a.staff_id = sqlite3_column_int64(st, 1);
        a.started_at = sqlite3_column_int64(st, 2);
        a.finished_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no stocktake %lld", (long long)audit_id);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the stocktake");
    *out = a;
    return INV_OK;
}

int inv_audit_each_found(InvDb *db, int64_t audit_id, InvAuditLineFn fn, void *ctx)
{
    char zone[INV_NAME_MAX];
    bool finished = false;
    int err = get_audit(db, audit_id, zone, sizeof(zone), &finished);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_FOUND);
    sqlite3_bind_int64(st, 1, audit_id);
    sqlite3_bind_int(st, 2, (int)INV_AUDIT_FOUND);
    return walk_lines(db, st, INV_AUDIT_FOUND, fn, ctx);
}

int inv_audit_mark_missing(InvDb *db, int64_t audit_id, int64_t staff_id, int64_t now, size_t *n)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    char zone[INV_NAME_MAX];
    bool finished = false;
    err = get_audit(db, audit_id, zone, sizeof(zone), &finished);
    if (err != INV_OK)
        goto out_rollback;
    size_t marked = 0;
    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_MISSING);
    sqlite3_bind_int64(st, 1, audit_id);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t item_id = sqlite3_column_int64(st, 3);
        /* only items still on the shelf's books: one lent or repaired meanwhile stays so */
        sqlite3_stmt *up = inv__stmt(db, SQL_ITEM_MARK_MISSING);
        sqlite3_bind_int64(up, 1, item_id);
        int urc = sqlite3_step(up);
        sqlite3_reset(up);
        if (urc != SQLITE_DONE) {
            rc = urc;
            break;
        }
        if (sqlite3_changes(db->sql) == 0)
            continue;
        err = inv__sync_item_status(db, item_id, INV_ITEM_AVAILABLE, INV_ITEM_MISSING);
        if (err == INV_OK)
            err = inv__item_event(db, item_id, INV_ITEM_MISSING, "not found at stocktake", staff_id,
                                  now);
        if (err != INV_OK)
            break;
        marked++;
    }
    sqlite3_reset(st);
    if (err != INV_OK)
        goto out_rollback;
    if (rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot mark items missing");
        goto out_rollback;
    }
    err = inv__commit(db);
    if (err == INV_OK && n != NULL)
        *n = marked;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

static int get_audit(InvDb *db, int64_t audit_id, char *zone, size_t zone_size, bool *finished)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_AUDIT_GET);
    sqlite3_bind_int64(st, 1, audit_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        inv__col_text(st, 0, zone, zone_size);
        *finished = sqlite3_column_type(st, 1) != SQLITE_NULL;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no stocktake %lld", (long long)audit_id);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the stocktake");
    return INV_OK;
}

/* Binds ?2, ?3, ?4 to the kinds of scan that need action (AUDIT_COUNT, AUDIT_ODD). */
static void bind_odd_kinds(sqlite3_stmt *st)
{
    sqlite3_bind_int(st, 2, (int)INV_AUDIT_MISPLACED);
    sqlite3_bind_int(st, 3, (int)INV_AUDIT_LENT);
    sqlite3_bind_int(st, 4, (int)INV_AUDIT_UNKNOWN);
}

/* Steps a bound statement whose rows are (barcode, name, location), or (kind, barcode, name,
 * location) when kind is -1, calling fn for each line until it returns non-zero; resets it. */
static int walk_lines(InvDb *db, sqlite3_stmt *st, int kind, InvAuditLineFn fn, void *ctx)
{
    int col = kind < 0 ? 1 : 0;
    int ret = 0;
    int rc = SQLITE_OK;
    InvAuditLine line;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&line, 0, sizeof(line));
        line.kind = kind < 0 ? (InvAuditKind)sqlite3_column_int(st, 0) : (InvAuditKind)kind;
        inv__col_text(st, col, line.barcode, sizeof(line.barcode));
        inv__col_text(st, col + 1, line.name, sizeof(line.name));
        inv__col_text(st, col + 2, line.location, sizeof(line.location));
        ret = fn(&line, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the stocktake");
    return INV_OK;
}
