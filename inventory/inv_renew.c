/* Renewals of loan lines, the centre's rules for renewals and reservations, and a borrower's
 * own loan history. A renewal is one transaction: the checks (on loan, whose, how often, how
 * late, reserved by someone else in the new period), the new due time and the record of it. */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const InvIntRule rules[] = {
    {"renew_max", INV_RENEW_MAX_DEFAULT, 0, 100, offsetof(InvLendRules, renew_max)},
    {"renew_overdue_days", INV_RENEW_OVERDUE_DAYS_DEFAULT, 0, 366,
     offsetof(InvLendRules, renew_overdue_days)},
    {"reservation_pickup_days", INV_PICKUP_DAYS_DEFAULT, 1, 366,
     offsetof(InvLendRules, pickup_days)},
};
#define N_RULES (sizeof(rules) / sizeof(rules[0]))

/* An open line of a part of a set, on the set's loan. */
typedef struct Part {
    int64_t seq;
    int64_t item_id;
    int64_t due;
    char barcode[INV_CODE_MAX];
    char name[INV_NAME_MAX];
} Part;

static int open_parts(InvDb *db, int64_t loan_id, int64_t set_id, Part *parts, size_t *n);
static int renew_line(InvDb *db, int64_t loan_id, int64_t seq, int64_t item_id, const InvRenew *r,
                      int64_t old_due, int64_t new_due);

int inv_lend_rules(InvDb *db, InvLendRules *out)
{
    InvLendRules r;
    int err = inv__rules_get(db, rules, N_RULES, &r);
    if (err == INV_OK)
        *out = r;
    return err;
}

int inv_lend_rules_set(InvDb *db, const InvLendRules *in)
{
    return inv__rules_set(db, rules, N_RULES, in);
}

int inv_renew(InvDb *db, const InvRenew *r, InvRenewed *out)
{
    int err = inv__check_code(db, "barcode", r->barcode);
    if (err != INV_OK)
        return err;
    if (r->days < 0 || r->days > 366)
        return inv__fail(db, INV_E_INVALID, "a renewal is for 1 to 366 days, not %d", r->days);
    InvLendRules rl;
    err = inv_lend_rules(db, &rl);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;

    InvItem item;
    InvItemExtra x;
    err = inv__item_get(db, r->barcode, &item, &x);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_RENEW_LINE);
    sqlite3_bind_int64(st, 1, item.id);
    int rc = sqlite3_step(st);
    int64_t loan_id = 0;
    int64_t seq = 0;
    int64_t due = 0;
    int renewals = 0;
    int64_t borrower = 0;
    int64_t adult = 0;
    if (rc == SQLITE_ROW) {
        loan_id = sqlite3_column_int64(st, 0);
        seq = sqlite3_column_int64(st, 1);
        due = sqlite3_column_int64(st, 2);
        renewals = sqlite3_column_int(st, 3);
        borrower = sqlite3_column_int64(st, 4);
        adult = sqlite3_column_int64(st, 5);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read loans");
        goto out_rollback;
    }
    if (rc == SQLITE_DONE ||
        (r->borrower_id != 0 && r->borrower_id != borrower && r->borrower_id != adult)) {
        err = inv__refuse(db, INV_E_NOT_ON_LOAN, item.barcode,
                          rc == SQLITE_DONE ? "%s (%s) is not on loan: nothing to renew"
                                            : "%s (%s) is not on your loan: nothing to renew",
                          item.barcode, item.name);
        goto out_rollback;
    }
    if (item.status == INV_ITEM_MISSING) { /* a part that did not come back with its set */
        err = inv__refuse(db, INV_E_ITEM_MISSING, item.barcode,
                          "%s (%s) was reported missing: it cannot be renewed until it is found",
                          item.barcode, item.name);
        goto out_rollback;
    }
    char old_day[32];
    inv_time_format(due, true, old_day, sizeof(old_day));
    if (renewals >= rl.renew_max) {
        err = inv__refuse(db, INV_E_RENEW_LIMIT, item.barcode,
                          "%s (%s) has been renewed %d %s: the most allowed is %d", item.barcode,
                          item.name, renewals, renewals == 1 ? "time" : "times", rl.renew_max);
        goto out_rollback;
    }
    if (r->now > due) {
        int64_t late = (r->now - due + 86399) / 86400; /* days past the due day, started */
        if (late > rl.renew_overdue_days) {
            err = inv__refuse(db, INV_E_RENEW_OVERDUE, item.barcode,
                              "%s (%s) was due %s, %lld days ago: renewal is allowed up to %d "
                              "days late",
                              item.barcode, item.name, old_day, (long long)late,
                              rl.renew_overdue_days);
            goto out_rollback;
        }
    }
    int days = r->days != 0 ? r->days : x.loan_days;
    int64_t from = r->now > due ? r->now : due;
    int64_t new_due = inv__due_at(db, from, days);
    int64_t own = 0;
    err = inv__reserve_check(db, item.id, item.barcode, item.name, borrower, r->now, new_due, &own);
    if (err != INV_OK)
        goto out_rollback;

    /* a set is renewed with the parts that went out with it on the same loan */
    Part parts[INV_CHECKOUT_MAX];
    size_t n_parts = 0;
    if (x.has_parts) {
        err = open_parts(db, loan_id, item.id, parts, &n_parts);
        for (size_t i = 0; err == INV_OK && i < n_parts; i++)
            err = inv__reserve_check(db, parts[i].item_id, parts[i].barcode, parts[i].name,
                                     borrower, r->now, new_due, &own);
        if (err != INV_OK)
            goto out_rollback;
    }
    err = renew_line(db, loan_id, seq, item.id, r, due, new_due);
    for (size_t i = 0; err == INV_OK && i < n_parts; i++)
        err = renew_line(db, loan_id, parts[i].seq, parts[i].item_id, r, parts[i].due, new_due);
    if (err != INV_OK)
        goto out_rollback;

    InvRenewed done;
    memset(&done, 0, sizeof(done));
    err = inv_item_loan(db, item.barcode, r->now, &done.line);
    if (err != INV_OK)
        goto out_rollback;
    done.old_due_at = due;
    done.renewals = renewals + 1;
    err = inv__commit(db);
    if (err == INV_OK && out != NULL)
        *out = done;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_borrower_each_history(InvDb *db, int64_t borrower_id, int64_t since, int64_t now,
                              InvLoanLineFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINES_HISTORY);
    sqlite3_bind_int64(st, 1, borrower_id);
    sqlite3_bind_int64(st, 2, since);
    return inv__walk_lines(db, st, now, fn, ctx);
}

static int open_parts(InvDb *db, int64_t loan_id, int64_t set_id, Part *parts, size_t *n)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_RENEW_PARTS);
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_int64(st, 2, set_id);
    int rc = SQLITE_OK;
    *n = 0;
    while (*n < INV_CHECKOUT_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        Part *p = &parts[(*n)++];
        p->seq = sqlite3_column_int64(st, 0);
        p->item_id = sqlite3_column_int64(st, 1);
        inv__col_text(st, 2, p->barcode, sizeof(p->barcode));
        p->due = sqlite3_column_int64(st, 3);
        inv__col_text(st, 4, p->name, sizeof(p->name));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the parts of a set");
    return INV_OK;
}

/* The new due time of one line, counted, and the record of it (when, by whom, old and new). */
static int renew_line(InvDb *db, int64_t loan_id, int64_t seq, int64_t item_id, const InvRenew *r,
                      int64_t old_due, int64_t new_due)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_RENEW_SET);
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int64(st, 3, new_due);
    int err = inv__run(db, st, "cannot record the renewal");
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_RENEWAL_ADD);
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int64(st, 3, item_id);
    sqlite3_bind_int64(st, 4, r->now);
    if (r->staff_id != 0)
        sqlite3_bind_int64(st, 5, r->staff_id);
    sqlite3_bind_int64(st, 6, old_due);
    sqlite3_bind_int64(st, 7, new_due);
    return inv__run(db, st, "cannot record the renewal");
}
