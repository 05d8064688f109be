/* Items: adding, looking up, changing, status changes with history, walking. */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <string.h>

/* indexed by status value (the values run from 0 without gaps: see the asserts below) */
static const char *const status_names[] = {
#define STATUS_NAME(name, value, text) [value] = text,
    INV_ITEM_STATUS_MAP(STATUS_NAME)
#undef STATUS_NAME
};

#define STATUS_COUNT(name, value, text) +1
_Static_assert(sizeof(status_names) / sizeof(status_names[0]) ==
                   0 INV_ITEM_STATUS_MAP(STATUS_COUNT),
               "item status values run from 0 without gaps");
#undef STATUS_COUNT
_Static_assert(INV_ITEM_AVAILABLE == 0 && INV_ITEM_RETIRED == 4,
               "migration 1 checks item.status BETWEEN 0 AND 4");

static int check_item_fields(InvDb *db, const InvItem *item);
static int walk(InvDb *db, sqlite3_stmt *st, InvItemFn fn, void *ctx, const char *what);

const char *inv_item_status_name(InvItemStatus s)
{
    if ((int)s < 0 || (size_t)s >= sizeof(status_names) / sizeof(status_names[0]))
        return "unknown";
    return status_names[s];
}

bool inv_item_status_parse(const char *name, InvItemStatus *out)
{
    for (size_t i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++) {
        if (strcmp(name, status_names[i]) == 0) {
            *out = (InvItemStatus)i;
            return true;
        }
    }
    return false;
}

int inv_item_add(InvDb *db, const InvItem *item, int64_t now, int64_t *id_out)
{
    int err = inv__check_code(db, "barcode", item->barcode);
    if (err == INV_OK)
        err = check_item_fields(db, item);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;

    InvItem existing;
    err = inv_item_get(db, item->barcode, &existing);
    if (err == INV_OK) {
        err = inv__fail(db, INV_E_EXISTS, "barcode %s is already used by %s", item->barcode,
                        existing.name);
        goto out_rollback;
    }
    if (err != INV_E_UNKNOWN_ITEM)
        goto out_rollback;
    if (item->kit_id != 0) {
        err = inv_item_get_id(db, item->kit_id, &existing);
        if (err != INV_OK)
            goto out_rollback;
    }
    int64_t cat = 0;
    err = inv__category_id(db, item->category, &cat);
    if (err != INV_OK)
        goto out_rollback;

    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, item->barcode);
    inv__bind_text(st, 3, item->name);
    sqlite3_bind_int64(st, 4, cat);
    inv__bind_text(st, 5, item->location);
    inv__bind_text(st, 6, item->condition);
    inv__bind_text(st, 7, item->notes);
    if (item->kit_id != 0)
        sqlite3_bind_int64(st, 8, item->kit_id);
    if (item->loan_days > 0)
        sqlite3_bind_int(st, 9, item->loan_days);
    sqlite3_bind_int64(st, 10, item->added_at != 0 ? item->added_at : now);
    err = inv__run(db, st, "cannot add item");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    err = inv__commit(db);
    if (err == INV_OK && id_out != NULL)
        *id_out = id;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_item_get(InvDb *db, const char *barcode, InvItem *out)
{
    return inv__item_get(db, barcode, out, NULL);
}

int inv__item_get(InvDb *db, const char *barcode, InvItem *out, InvItemExtra *extra)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_GET);
    inv__bind_text(st, 1, barcode);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        inv__read_item(st, out);
        if (extra != NULL)
            inv__read_item_extra(st, extra);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc == SQLITE_DONE)
        return inv__refuse(db, INV_E_UNKNOWN_ITEM, barcode, "unknown barcode %s", barcode);
    return inv__sqlfail(db, rc, "cannot read item");
}

int inv_item_update(InvDb *db, const InvItem *item)
{
    int err = check_item_fields(db, item);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvItem old;
    err = inv_item_get(db, item->barcode, &old);
    if (err != INV_OK)
        goto out_rollback;
    if (item->kit_id != 0) {
        InvItem kit;
        if (item->kit_id == old.id) {
            err = inv__fail(db, INV_E_INVALID, "item %s cannot be a part of itself", item->barcode);
            goto out_rollback;
        }
        err = inv_item_get_id(db, item->kit_id, &kit);
        if (err != INV_OK)
            goto out_rollback;
    }
    int64_t cat = 0;
    err = inv__category_id(db, item->category, &cat);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_UPDATE);
    sqlite3_bind_int64(st, 1, old.id);
    inv__bind_text(st, 2, item->name);
    sqlite3_bind_int64(st, 3, cat);
    inv__bind_text(st, 4, item->location);
    inv__bind_text(st, 5, item->condition);
    inv__bind_text(st, 6, item->notes);
    if (item->kit_id != 0)
        sqlite3_bind_int64(st, 7, item->kit_id);
    if (item->loan_days > 0)
        sqlite3_bind_int(st, 8, item->loan_days);
    err = inv__run(db, st, "cannot change item");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_item_set_status(InvDb *db, const char *barcode, InvItemStatus status, const char *note,
                        int64_t staff_id, int64_t now)
{
    if (status == INV_ITEM_ON_LOAN || (int)status < 0 || status > INV_ITEM_RETIRED)
        return inv__fail(db, INV_E_INVALID, "status %s can only be set by a checkout",
                         inv_item_status_name(status));
    int err = inv__check_text(db, "note", note, INV_TEXT_MAX, false);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvItem item;
    err = inv_item_get(db, barcode, &item);
    if (err != INV_OK)
        goto out_rollback;
    if (item.status == INV_ITEM_ON_LOAN) {
        err = inv__fail(db, INV_E_ITEM_ON_LOAN, "item %s is on loan: take it back first", barcode);
        goto out_rollback;
    }
    err = inv__item_status(db, item.id, status, note, staff_id, now);
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_item_each(InvDb *db, const InvItemFilter *filter, InvItemFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_EACH);
    if (filter != NULL) {
        if (filter->category != NULL)
            inv__bind_text(st, 1, filter->category);
        if (filter->location != NULL)
            inv__bind_text(st, 2, filter->location);
        sqlite3_bind_int(st, 3, filter->status);
    } else {
        sqlite3_bind_int(st, 3, -1);
    }
    return walk(db, st, fn, ctx, "cannot list items");
}

int inv_item_each_part(InvDb *db, int64_t kit_id, InvItemFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_EACH_PART);
    sqlite3_bind_int64(st, 1, kit_id);
    return walk(db, st, fn, ctx, "cannot list parts");
}

int inv__item_status(InvDb *db, int64_t item_id, InvItemStatus status, const char *note,
                     int64_t staff_id, int64_t now)
{
    int err = inv__lost_line_close(db, item_id, status, staff_id, now);
    if (err == INV_OK)
        err = inv__workshop_status(db, item_id, status, now);
    if (err != INV_OK)
        return err;
    int before = INV_ITEM_AVAILABLE;
    err = inv__sync_status_before(db, item_id, &before);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_SET_STATUS);
    sqlite3_bind_int64(st, 1, item_id);
    sqlite3_bind_int(st, 2, (int)status);
    err = inv__run(db, st, "cannot change item status");
    if (err == INV_OK)
        err = inv__sync_item_status(db, item_id, before, (int)status);
    if (err != INV_OK)
        return err;
    return inv__item_event(db, item_id, status, note, staff_id, now);
}

int inv__item_event(InvDb *db, int64_t item_id, InvItemStatus status, const char *note,
                    int64_t staff_id, int64_t now)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_EVENT_ADD);
    sqlite3_bind_int64(st, 1, item_id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, (int)status);
    inv__bind_text(st, 4, note);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 5, staff_id);
    return inv__run(db, st, "cannot record item history");
}

/* Calls fn for each item row of st (see "Walks" in inventory.h). */
static int walk(InvDb *db, sqlite3_stmt *st, InvItemFn fn, void *ctx, const char *what)
{
    int rc = SQLITE_OK;
    int ret = 0;
    InvItem item;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        inv__read_item(st, &item);
        ret = fn(&item, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, what);
    return INV_OK;
}

static int check_item_fields(InvDb *db, const InvItem *item)
{
    int err = inv__check_text(db, "name", item->name, sizeof(item->name), true);
    if (err == INV_OK)
        err = inv__check_text(db, "category", item->category, sizeof(item->category), true);
    if (err == INV_OK)
        err = inv__check_text(db, "location", item->location, sizeof(item->location), false);
    if (err == INV_OK)
        err = inv__check_text(db, "condition", item->condition, sizeof(item->condition), false);
    if (err == INV_OK)
        err = inv__check_text(db, "notes", item->notes, sizeof(item->notes), false);
    if (err == INV_OK && (item->loan_days < 0 || item->loan_days > 366))
        err = inv__fail(db, INV_E_INVALID, "loan days must be 1 to 366, not %d", item->loan_days);
    return err;
}

int inv_item_get_id(InvDb *db, int64_t id, InvItem *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_GET_ID);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__read_item(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no item with id %lld", (long long)id);
    return inv__sqlfail(db, rc, "cannot read item");
}

int inv_item_loan(InvDb *db, const char *barcode, int64_t now, InvLoanLine *out)
{
    InvItem item;
    int err = inv_item_get(db, barcode, &item);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_LOAN);
    sqlite3_bind_int64(st, 1, item.id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__read_line(st, now, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_ON_LOAN, "%s (%s) is not on loan", item.barcode, item.name);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read loans");
    return INV_OK;
}

int inv_category_each(InvDb *db, InvCategoryFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_CATEGORY_EACH);
    int rc = SQLITE_OK;
    int ret = 0;
    InvCategory c;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&c, 0, sizeof(c));
        inv__col_text(st, 0, c.name, sizeof(c.name));
        c.loan_days = sqlite3_column_type(st, 1) == SQLITE_NULL ? INV_DEFAULT_LOAN_DAYS
                                                                : sqlite3_column_int(st, 1);
        c.loan_days_set = sqlite3_column_type(st, 1) != SQLITE_NULL;
        c.items = sqlite3_column_int64(st, 2);
        ret = fn(&c, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot list categories");
    return INV_OK;
}
