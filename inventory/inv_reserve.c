/* Reservations (bookings): a borrower books one item, or N items of a category, for whole days.
 * A category booking picks concrete items at once and records each (reservation_item), so that a
 * checkout, a renewal or a later booking asks one indexed question per item: "is it held for
 * someone else in this time?" (inv__reserve_check). A checkout by the borrower it is for fulfils
 * it (inv__reserve_fulfil). A reservation not collected by its pickup time stops holding its
 * items: every check compares the pickup time, so expiry needs no sweep. */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void day_text(int64_t t, char *buf, size_t size);
static int held_by_other(InvDb *db, int64_t item_id, const char *barcode, const char *name,
                         int64_t borrower_id, int64_t from, int64_t to, int64_t now,
                         int64_t *own_res);
static int reserve_item(InvDb *db, const InvReserve *r, int64_t starts, int64_t ends,
                        int64_t *item_id);
static int reserve_category(InvDb *db, const InvReserve *r, int64_t starts, int64_t ends,
                            int64_t **ids, int64_t *category_id);
static int read_reservation(InvDb *db, int64_t id, int64_t now, InvReservation *out);
static int sweep(InvDb *db, int64_t now);

static const char *const state_names[] = {"booked", "collected", "cancelled", "expired"};

const char *inv_reservation_state_name(InvReservationState s)
{
    if ((unsigned)s < sizeof(state_names) / sizeof(state_names[0]))
        return state_names[s];
    return "?";
}

int inv_reserve(InvDb *db, const InvReserve *r, int64_t *id_out)
{
    bool by_item = r->barcode != NULL;
    if (by_item == (r->category != NULL))
        return inv__fail(db, INV_E_INVALID, "a reservation is of one barcode or of a category");
    int err = by_item ? inv__check_code(db, "barcode", r->barcode)
                      : inv__check_text(db, "category", r->category, INV_NAME_MAX, true);
    if (err != INV_OK)
        return err;
    if (!by_item && (r->count < 1 || r->count > INV_RESERVE_COUNT_MAX))
        return inv__fail(db, INV_E_INVALID,
                         "a reservation of a category is of 1 to %d items, not %d",
                         INV_RESERVE_COUNT_MAX, r->count);

    /* whole local days: from the first day's midnight to the end of the last day */
    InvLocal f = inv__local(r->from);
    InvLocal t = inv__local(r->to);
    InvLocal today = inv__local(r->now);
    int64_t starts = inv__local_midnight(f.year, f.month, f.day);
    int64_t ends = inv__local_midnight(t.year, t.month, t.day + 1) - 1;
    char a[48];
    char b[48];
    day_text(starts, a, sizeof(a));
    day_text(ends, b, sizeof(b));
    if (ends < starts)
        return inv__fail(db, INV_E_INVALID, "the reservation ends (%s) before it starts (%s)", b,
                         a);
    if (starts < inv__local_midnight(today.year, today.month, today.day))
        return inv__fail(db, INV_E_INVALID, "the reservation starts in the past (%s)", a);
    if (starts + (int64_t)INV_RESERVE_DAYS_MAX * 86400 < ends - 2 * 3600)
        return inv__fail(db, INV_E_INVALID, "a reservation lasts at most %d days (%s to %s)",
                         INV_RESERVE_DAYS_MAX, a, b);

    InvBorrower who;
    err = inv_borrower_get_id(db, r->borrower_id, &who);
    if (err == INV_E_NOT_FOUND)
        return inv__fail(db, INV_E_UNKNOWN_BORROWER, "no borrower with id %lld",
                         (long long)r->borrower_id);
    if (err != INV_OK)
        return err;
    if (who.blocked)
        return inv__fail(db, INV_E_BORROWER_BLOCKED, "%s (card %s) is blocked: %s", who.name,
                         who.card, who.blocked_reason);

    InvLendRules rules;
    err = inv_lend_rules(db, &rules);
    if (err != INV_OK)
        return err;
    int64_t pickup = inv__local_midnight(f.year, f.month, f.day + rules.pickup_days) - 1;
    if (pickup > ends)
        pickup = ends;

    int64_t one = 0;
    int64_t *ids = NULL;
    int64_t category_id = 0;
    int n = 1;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = sweep(db, r->now);
    if (err != INV_OK)
        goto out_rollback;
    if (by_item) {
        err = reserve_item(db, r, starts, ends, &one);
        ids = &one;
    } else {
        err = reserve_category(db, r, starts, ends, &ids, &category_id);
        n = r->count;
    }
    if (err != INV_OK)
        goto out_rollback;

    sqlite3_stmt *st = inv__stmt(db, SQL_RES_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int64(st, 2, r->borrower_id);
    if (by_item)
        sqlite3_bind_int64(st, 3, one);
    else
        sqlite3_bind_int64(st, 4, category_id);
    sqlite3_bind_int(st, 5, n);
    sqlite3_bind_int64(st, 6, starts);
    sqlite3_bind_int64(st, 7, ends);
    sqlite3_bind_int64(st, 8, pickup);
    sqlite3_bind_int64(st, 9, r->now);
    if (r->staff_id != 0)
        sqlite3_bind_int64(st, 10, r->staff_id);
    err = inv__run(db, st, "cannot record the reservation");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    for (int i = 0; i < n && err == INV_OK; i++) {
        st = inv__stmt(db, SQL_RES_ITEM_ADD);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, ids[i]);
        sqlite3_bind_int64(st, 3, starts);
        sqlite3_bind_int64(st, 4, ends);
        sqlite3_bind_int64(st, 5, pickup);
        err = inv__run(db, st, "cannot record the reservation");
    }
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && id_out != NULL)
        *id_out = id;
    if (!by_item)
        free(ids);
    return err;

out_rollback:
    inv__rollback(db);
    if (!by_item)
        free(ids);
    return err;
}

int inv_reservation_get(InvDb *db, int64_t id, int64_t now, InvReservation *out)
{
    InvReservation r;
    int err = read_reservation(db, id, now, &r);
    if (err == INV_OK)
        *out = r;
    return err;
}

int inv_reservation_each(InvDb *db, int64_t now, bool all, InvReservationFn fn, void *ctx)
{
    /* the ids first: fn may read (inv_reservation_each_item) while the walk is open */
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_EACH);
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, all ? 1 : 0);
    int64_t *ids = NULL;
    size_t n = 0;
    size_t cap = 0;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            int64_t *p = realloc(ids, ncap * sizeof(*p));
            if (p == NULL) {
                sqlite3_reset(st);
                free(ids);
                return inv__fail(db, INV_E_NOMEM, "out of memory");
            }
            ids = p;
            cap = ncap;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(ids);
        return inv__sqlfail(db, rc, "cannot list reservations");
    }
    int ret = INV_OK;
    for (size_t i = 0; i < n && ret == 0; i++) {
        InvReservation r;
        ret = read_reservation(db, ids[i], now, &r);
        if (ret == INV_OK)
            ret = fn(&r, ctx);
    }
    free(ids);
    return ret;
}

int inv_reservation_each_item(InvDb *db, int64_t id, int64_t now, InvReservedItemFn fn, void *ctx)
{
    InvReservation r;
    int err = read_reservation(db, id, now, &r);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_EACH_ITEM);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    int rc = SQLITE_OK;
    int ret = 0;
    InvReservedItem it;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&it, 0, sizeof(it));
        inv__col_text(st, 0, it.barcode, sizeof(it.barcode));
        inv__col_text(st, 1, it.name, sizeof(it.name));
        it.collected_at = sqlite3_column_int64(st, 2);
        it.held = sqlite3_column_int(st, 3) != 0;
        ret = fn(&it, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot list the items of a reservation");
    return INV_OK;
}

int inv_reservation_cancel(InvDb *db, int64_t id, int64_t staff_id, int64_t now)
{
    (void)staff_id; /* who cancelled is not kept: a cancelled booking holds nothing */
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvReservation r;
    err = sweep(db, now);
    if (err == INV_OK)
        err = read_reservation(db, id, now, &r);
    if (err != INV_OK)
        goto out_rollback;
    if (r.state != INV_RES_BOOKED) {
        char day[48];
        day_text(r.state == INV_RES_CANCELLED ? r.cancelled_at : r.pickup_by, day, sizeof(day));
        err = inv__fail(db, INV_E_RESERVATION_CLOSED, "reservation %lld %s (%s): nothing to cancel",
                        (long long)id,
                        r.state == INV_RES_CANCELLED   ? "was cancelled"
                        : r.state == INV_RES_COLLECTED ? "was collected"
                                                       : "expired, not collected by",
                        r.state == INV_RES_COLLECTED ? r.card : day);
        goto out_rollback;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_CANCEL);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    err = inv__run(db, st, "cannot cancel the reservation");
    if (err == INV_OK) {
        st = inv__stmt(db, SQL_RES_CANCEL_ITEMS);
        sqlite3_bind_int64(st, 1, id);
        err = inv__run(db, st, "cannot cancel the reservation");
    }
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

/* ---- inside the checkout ------------------------------------------------------------------ */

int inv__reserve_check(InvDb *db, int64_t item_id, const char *barcode, const char *name,
                       int64_t borrower_id, int64_t now, int64_t due_at, int64_t *own_res)
{
    return held_by_other(db, item_id, barcode, name, borrower_id, now, due_at, now, own_res);
}

int inv__borrower_has_reservations(InvDb *db, int64_t borrower_id, int64_t now, bool *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_BORROWER_OPEN);
    sqlite3_bind_int64(st, 1, borrower_id);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read reservations");
    *out = rc == SQLITE_ROW;
    return INV_OK;
}

int inv__reserve_fulfil(InvDb *db, int64_t own_res, int64_t item_id, int64_t category_id,
                        int64_t borrower_id, int64_t now, int64_t due_at)
{
    int64_t res = own_res;
    int err = INV_OK;
    if (res != 0) {
        sqlite3_stmt *st = inv__stmt(db, SQL_RES_ITEM_COLLECT);
        sqlite3_bind_int64(st, 1, res);
        sqlite3_bind_int64(st, 2, item_id);
        sqlite3_bind_int64(st, 3, now);
        err = inv__run(db, st, "cannot record the reservation collected");
    } else {
        /* another item of a category the borrower booked: it fulfils the booking, and the item
         * set aside for it is free again */
        sqlite3_stmt *st = inv__stmt(db, SQL_RES_SWAP_FIND);
        sqlite3_bind_int64(st, 1, borrower_id);
        sqlite3_bind_int64(st, 2, category_id);
        sqlite3_bind_int64(st, 3, due_at);
        sqlite3_bind_int64(st, 4, now);
        sqlite3_bind_int64(st, 5, item_id);
        int rc = sqlite3_step(st);
        int64_t other = 0;
        if (rc == SQLITE_ROW) {
            res = sqlite3_column_int64(st, 0);
            other = sqlite3_column_int64(st, 1);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot read reservations");
        if (res == 0)
            return INV_OK;
        st = inv__stmt(db, SQL_RES_ITEM_FREE);
        sqlite3_bind_int64(st, 1, res);
        sqlite3_bind_int64(st, 2, other);
        err = inv__run(db, st, "cannot record the reservation collected");
        if (err == INV_OK) {
            st = inv__stmt(db, SQL_RES_ITEM_ADD_COLLECTED);
            sqlite3_bind_int64(st, 1, res);
            sqlite3_bind_int64(st, 2, item_id);
            sqlite3_bind_int64(st, 3, now);
            err = inv__run(db, st, "cannot record the reservation collected");
        }
    }
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_FULFILLED);
    sqlite3_bind_int64(st, 1, res);
    sqlite3_bind_int64(st, 2, now);
    return inv__run(db, st, "cannot record the reservation collected");
}

int inv__lend_year(InvDb *db, int year, InvYearReport *r)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LEND_YEAR);
    sqlite3_bind_int64(st, 1, inv__local_midnight(year, 1, 1));
    sqlite3_bind_int64(st, 2, inv__local_midnight(year + 1, 1, 1));
    sqlite3_bind_int64(st, 3, db->centre_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->renewals = sqlite3_column_int64(st, 0);
        r->reservations_made = sqlite3_column_int64(st, 1);
        r->reservations_fulfilled = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count renewals and reservations");
    return INV_OK;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* "Thursday 2026-03-12" in the centre's time zone */
static void day_text(int64_t t, char *buf, size_t size)
{
    static const char *const days[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
    time_t tt = (time_t)t;
    struct tm tm;
    if (localtime_r(&tt, &tm) == NULL || tm.tm_wday < 0 || tm.tm_wday > 6) {
        snprintf(buf, size, "%lld", (long long)t);
        return;
    }
    snprintf(buf, size, "%s %04d-%02d-%02d", days[tm.tm_wday], tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday);
}

/* Is item_id held between from and to by a reservation of another borrower than borrower_id
 * (0: of anyone)? INV_E_ITEM_RESERVED naming it; else *own_res is the borrower's own one or 0. */
static int held_by_other(InvDb *db, int64_t item_id, const char *barcode, const char *name,
                         int64_t borrower_id, int64_t from, int64_t to, int64_t now,
                         int64_t *own_res)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_HELD);
    sqlite3_bind_int64(st, 1, item_id);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_int64(st, 4, borrower_id);
    sqlite3_bind_int64(st, 5, now);
    int rc = sqlite3_step(st);
    int64_t res = 0;
    int64_t starts = 0;
    int64_t ends = 0;
    bool own = false;
    if (rc == SQLITE_ROW) {
        res = sqlite3_column_int64(st, 0);
        starts = sqlite3_column_int64(st, 1);
        ends = sqlite3_column_int64(st, 2);
        own = borrower_id != 0 && sqlite3_column_int(st, 3) != 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read reservations");
    *own_res = own ? res : 0;
    if (rc == SQLITE_DONE || own)
        return INV_OK;
    char a[48];
    char b[48];
    day_text(starts, a, sizeof(a));
    day_text(ends, b, sizeof(b));
    int err = inv__refuse(db, INV_E_ITEM_RESERVED, barcode,
                          "%s (%s) is reserved from %s to %s (reservation %lld)", barcode, name, a,
                          b, (long long)res);
    db->err_at = starts;
    return err;
}

static int reserve_item(InvDb *db, const InvReserve *r, int64_t starts, int64_t ends,
                        int64_t *item_id)
{
    InvItem it;
    int err = inv_item_get(db, r->barcode, &it);
    if (err != INV_OK)
        return err;
    if (it.status == INV_ITEM_RETIRED)
        return inv__refuse(db, INV_E_ITEM_RETIRED, it.barcode, "%s (%s) is retired", it.barcode,
                           it.name);
    if (it.status == INV_ITEM_MISSING)
        return inv__refuse(db, INV_E_ITEM_MISSING, it.barcode, "%s (%s) is marked missing",
                           it.barcode, it.name);
    int64_t own = 0;
    err = held_by_other(db, it.id, it.barcode, it.name, 0, starts, ends, r->now, &own);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_LOAN_CLASH);
    sqlite3_bind_int64(st, 1, it.id);
    sqlite3_bind_int64(st, 2, starts);
    int rc = sqlite3_step(st);
    int64_t due = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read loans");
    if (rc == SQLITE_ROW) {
        char a[48];
        char b[48];
        day_text(due, a, sizeof(a));
        day_text(starts, b, sizeof(b));
        return inv__refuse(db, INV_E_ITEM_ON_LOAN, it.barcode,
                           "%s (%s) is on loan until %s, after the reservation starts %s",
                           it.barcode, it.name, a, b);
    }
    *item_id = it.id;
    return INV_OK;
}

static int reserve_category(InvDb *db, const InvReserve *r, int64_t starts, int64_t ends,
                            int64_t **ids_out, int64_t *category_id)
{
    int64_t cat = 0;
    int err = inv__category_find(db, r->category, &cat);
    if (err != INV_OK)
        return err;
    int64_t *ids = malloc((size_t)r->count * sizeof(*ids));
    if (ids == NULL)
        return inv__fail(db, INV_E_NOMEM, "out of memory");
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_FREE_OF_CATEGORY);
    sqlite3_bind_int64(st, 1, cat);
    sqlite3_bind_int64(st, 2, db->centre_id);
    sqlite3_bind_int64(st, 3, starts);
    sqlite3_bind_int64(st, 4, ends);
    sqlite3_bind_int64(st, 5, r->now);
    int free_n = 0;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (free_n < r->count)
            ids[free_n] = sqlite3_column_int64(st, 0);
        free_n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(ids);
        return inv__sqlfail(db, rc, "cannot read the items of a category");
    }
    if (free_n < r->count) {
        char a[48];
        char b[48];
        day_text(starts, a, sizeof(a));
        day_text(ends, b, sizeof(b));
        free(ids);
        return inv__fail(db, INV_E_TOO_FEW_FREE,
                         "only %d %s of category %s %s free from %s to %s, not %d", free_n,
                         free_n == 1 ? "item" : "items", r->category, free_n == 1 ? "is" : "are", a,
                         b, r->count);
    }
    *ids_out = ids;
    *category_id = cat;
    return INV_OK;
}

/* Items whose pickup time has passed uncollected are no longer held: every check already
 * ignores them; clearing the flag in the booking transactions keeps the held index to the
 * reservations that still hold something (one indexed range). */
static int sweep(InvDb *db, int64_t now)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_SWEEP);
    sqlite3_bind_int64(st, 1, now);
    return inv__run(db, st, "cannot expire reservations");
}

static int read_reservation(InvDb *db, int64_t id, int64_t now, InvReservation *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_RES_COLS_GET);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        InvReservation *r = out;
        memset(r, 0, sizeof(*r));
        r->id = sqlite3_column_int64(st, 0);
        r->borrower_id = sqlite3_column_int64(st, 1);
        inv__col_text(st, 2, r->card, sizeof(r->card));
        inv__col_text(st, 3, r->borrower_name, sizeof(r->borrower_name));
        inv__col_text(st, 4, r->barcode, sizeof(r->barcode));
        inv__col_text(st, 5, r->item_name, sizeof(r->item_name));
        inv__col_text(st, 6, r->category, sizeof(r->category));
        r->count = sqlite3_column_int(st, 7);
        r->collected = sqlite3_column_int(st, 8);
        r->starts_at = sqlite3_column_int64(st, 9);
        r->ends_at = sqlite3_column_int64(st, 10);
        r->pickup_by = sqlite3_column_int64(st, 11);
        r->made_at = sqlite3_column_int64(st, 12);
        r->staff_id = sqlite3_column_int64(st, 13);
        r->cancelled_at = sqlite3_column_int64(st, 14);
        r->state = r->cancelled_at != 0 ? INV_RES_CANCELLED
                   : r->collected > 0   ? INV_RES_COLLECTED
                   : now > r->pickup_by ? INV_RES_EXPIRED
                                        : INV_RES_BOOKED;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no reservation %lld", (long long)id);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the reservation");
    return INV_OK;
}
