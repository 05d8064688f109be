/* An item's history: its loans (lent, returned or lost), status changes, stocktake scans and the
 * steps of the repair queue, newest first, read in one statement (ITEM_HISTORY in inv_sql.h). */
#include "inv_int.h"
#include "inventory.h"

#include <string.h>

static const char *const kind_names[] = {
#define INV_HISTORY_NAME(name, value, text) [value] = text,
    INV_HISTORY_KIND_MAP(INV_HISTORY_NAME)
#undef INV_HISTORY_NAME
};

const char *inv_history_kind_name(InvHistoryKind kind)
{
    if ((int)kind < 0 || (size_t)kind >= sizeof(kind_names) / sizeof(kind_names[0]) ||
        kind_names[kind] == NULL)
        return "?";
    return kind_names[kind];
}

int inv_item_history(InvDb *db, const char *barcode, size_t skip, size_t limit, InvHistoryFn fn,
                     void *ctx)
{
    InvItem item;
    int err = inv__check_code(db, "barcode", barcode);
    if (err == INV_OK)
        err = inv_item_get(db, barcode, &item);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_HISTORY);
    sqlite3_bind_int64(st, 1, item.id);
    sqlite3_bind_int64(st, 2, limit == 0 ? -1 : (int64_t)limit);
    sqlite3_bind_int64(st, 3, (int64_t)skip);
    sqlite3_bind_int(st, 4, INV_HIST_LENT);
    sqlite3_bind_int(st, 5, INV_HIST_RETURNED);
    sqlite3_bind_int(st, 6, INV_HIST_LOST);
    sqlite3_bind_int(st, 7, INV_HIST_STATUS);
    sqlite3_bind_int(st, 8, INV_HIST_STOCKTAKE);
    sqlite3_bind_int(st, 9, INV_HIST_REPAIR);
    int rc = SQLITE_OK;
    int ret = 0;
    InvHistoryEntry e;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&e, 0, sizeof(e));
        e.kind = (InvHistoryKind)sqlite3_column_int(st, 0);
        e.at = sqlite3_column_int64(st, 1);
        e.ref = sqlite3_column_int64(st, 2);
        inv__col_text(st, 3, e.card, sizeof(e.card));
        inv__col_text(st, 4, e.borrower_name, sizeof(e.borrower_name));
        e.due_at = sqlite3_column_int64(st, 5);
        e.returned_at = sqlite3_column_int64(st, 6);
        e.renewals = sqlite3_column_int(st, 7);
        e.damaged = sqlite3_column_int(st, 8) != 0;
        inv__col_text(st, 9, e.note, sizeof(e.note));
        e.status = sqlite3_column_int(st, 10);
        inv__col_text(st, 11, e.staff, sizeof(e.staff));
        e.reason = sqlite3_column_int(st, 12);
        if (e.kind != INV_HIST_STATUS && e.kind != INV_HIST_STOCKTAKE && e.kind != INV_HIST_REPAIR)
            e.status = -1;
        else
            e.ref = e.kind == INV_HIST_STATUS ? 0 : e.ref;
        ret = fn(&e, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the history of an item");
    return INV_OK;
}
