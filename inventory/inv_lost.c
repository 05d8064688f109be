/* Lost and found: an item on loan written off as lost, a missing or lost item that turns up,
 * the parts that went out with a set (what its return checks), and what a borrower lost.
 *
 * A loan line reported lost has lost_at set. Closed (returned_at set too), it was written off:
 * the loan still counts in its year, but not as returned. Open, it is a part missing from a set
 * that came back: the part is missing, and the line closes as returned when the part turns up
 * (inv__lost_line_close, called on every status change of an item). */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <string.h>

static int write_off(InvDb *db, int64_t loan_id, int64_t seq, const char *note, int64_t staff_id,
                     int64_t now);
static int begin_item(InvDb *db, const char *barcode, const char *note, InvItem *item);

int inv_item_lost(InvDb *db, const char *barcode, const char *note, int64_t staff_id, int64_t now,
                  InvLoanLine *line)
{
    InvItem item;
    int err = begin_item(db, barcode, note, &item);
    if (err != INV_OK)
        return err;
    InvLoanLine l;
    err = inv_item_loan(db, barcode, now, &l);
    if (err == INV_E_NOT_ON_LOAN) {
        err = inv__refuse(db, INV_E_NOT_ON_LOAN, item.barcode,
                          "%s (%s) is not on loan (it is %s): mark it missing instead",
                          item.barcode, item.name, inv_item_status_name(item.status));
        goto out_rollback;
    }
    if (err != INV_OK)
        goto out_rollback;
    char why[INV_TEXT_MAX];
    if (note != NULL && note[0] != '\0')
        inv__copy(why, sizeof(why), note);
    else
        snprintf(why, sizeof(why), "lost by %s", l.card);

    /* the item, and for a set the parts that went out with it */
    sqlite3_stmt *st = inv__stmt(db, SQL_LINE_OPEN_PARTS);
    sqlite3_bind_int64(st, 1, l.loan_id);
    sqlite3_bind_int64(st, 2, item.id);
    int64_t lines[INV_CHECKOUT_MAX][2];
    size_t n = 0;
    int rc = SQLITE_OK;
    while (n < INV_CHECKOUT_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        lines[n][0] = sqlite3_column_int64(st, 0);
        lines[n][1] = sqlite3_column_int64(st, 1);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the parts of a set");
        goto out_rollback;
    }
    int64_t seq = 0;
    int64_t loan_id = 0;
    int64_t borrower_id = 0;
    int64_t due_at = 0;
    err = inv__open_line(db, item.id, &seq, &loan_id, &borrower_id, &due_at);
    if (err != INV_OK)
        goto out_rollback;
    if (seq == 0) {
        err = inv__sqlfail(db, SQLITE_CORRUPT, "cannot read the loan");
        goto out_rollback;
    }
    err = write_off(db, loan_id, seq, why, staff_id, now);
    if (err == INV_OK)
        err = inv__item_status(db, item.id, INV_ITEM_MISSING, why, staff_id, now);
    for (size_t i = 0; i < n && err == INV_OK; i++) {
        err = write_off(db, l.loan_id, lines[i][0], why, staff_id, now);
        if (err == INV_OK)
            err = inv__item_status(db, lines[i][1], INV_ITEM_MISSING, why, staff_id, now);
    }
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && line != NULL)
        *line = l;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_item_found(InvDb *db, const char *barcode, const char *note, int64_t staff_id, int64_t now)
{
    InvItem item;
    int err = begin_item(db, barcode, note, &item);
    if (err != INV_OK)
        return err;
    if (item.status != INV_ITEM_MISSING) {
        err = inv__refuse(db, INV_E_NOT_MISSING, item.barcode, "%s (%s) is not missing: it is %s",
                          item.barcode, item.name, inv_item_status_name(item.status));
        goto out_rollback;
    }
    const char *why = note != NULL && note[0] != '\0' ? note : "found";
    err = inv__item_status(db, item.id, INV_ITEM_AVAILABLE, why, staff_id, now);
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_set_parts_out(InvDb *db, const char *barcode, int64_t now, InvLoanLineFn fn, void *ctx)
{
    InvItem item;
    InvLoanLine l;
    int err = inv__check_code(db, "barcode", barcode);
    if (err == INV_OK)
        err = inv_item_get(db, barcode, &item);
    if (err == INV_OK)
        err = inv_item_loan(db, barcode, now, &l);
    if (err == INV_E_NOT_ON_LOAN)
        return inv__refuse(db, err, item.barcode, "%s (%s) is not on loan", item.barcode,
                           item.name);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_LINES_PARTS_OUT);
    sqlite3_bind_int64(st, 1, l.loan_id);
    sqlite3_bind_int64(st, 2, item.id);
    return inv__walk_lines(db, st, now, fn, ctx);
}

int inv_borrower_each_lost(InvDb *db, int64_t borrower_id, bool include_co, InvLostLineFn fn,
                           void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINES_LOST_OF_BORROWER);
    sqlite3_bind_int64(st, 1, borrower_id);
    sqlite3_bind_int(st, 2, include_co ? 1 : 0);
    int rc = SQLITE_OK;
    int ret = 0;
    InvLostLine l;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&l, 0, sizeof(l));
        inv__read_line(st, 0, &l.line);
        l.lost_at = sqlite3_column_int64(st, 10);
        inv__col_text(st, 11, l.note, sizeof(l.note));
        ret = fn(&l, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot list lost items");
    return INV_OK;
}

int inv__lost_line_close(InvDb *db, int64_t item_id, InvItemStatus status, int64_t staff_id,
                         int64_t now)
{
    if (status == INV_ITEM_MISSING)
        return INV_OK;
    sqlite3_stmt *st = inv__stmt(db, SQL_LOST_OPEN);
    sqlite3_bind_int64(st, 1, item_id);
    int rc = sqlite3_step(st);
    int64_t loan_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int64_t seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return INV_OK;
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read loans");
    if (status == INV_ITEM_RETIRED) /* never coming back: written off */
        return write_off(db, loan_id, seq, "retired while missing", staff_id, now);

    /* it turned up: returned now, and counted as returned in the loan's year */
    st = inv__stmt(db, SQL_LOAN_START);
    sqlite3_bind_int64(st, 1, loan_id);
    rc = sqlite3_step(st);
    int64_t centre = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int64_t out_at = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the loan");
    int err =
        inv__sum_returned(db, centre, inv__local(out_at).year, 1, now > out_at ? now - out_at : 0);
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_LINE_FOUND);
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int64(st, 3, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 4, staff_id);
    inv__bind_text(st, 5, "missing from its set, found later");
    return inv__run(db, st, "cannot record a found item");
}

/* Closes a loan line as written off (lost): returned_at and lost_at now, unless lost before. */
static int write_off(InvDb *db, int64_t loan_id, int64_t seq, const char *note, int64_t staff_id,
                     int64_t now)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINE_WRITE_OFF);
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int64(st, 3, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 4, staff_id);
    inv__bind_text(st, 5, note);
    return inv__run(db, st, "cannot write the item off as lost");
}

/* The start of a change to one item: checks the barcode and the note, begins the transaction
 * and reads the item into *item. INV_OK with the transaction open, else the error with none. */
static int begin_item(InvDb *db, const char *barcode, const char *note, InvItem *item)
{
    int err = inv__check_code(db, "barcode", barcode);
    if (err == INV_OK)
        err = inv__check_text(db, "note", note, INV_TEXT_MAX, false);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = inv_item_get(db, barcode, item);
    if (err != INV_OK)
        inv__rollback(db);
    return err;
}
