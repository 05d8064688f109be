/* Yearly figures. The four figures a centre reports come from summaries kept in the same
 * transaction as each checkout, registration and import: one table `summary` with a row per
 * centre, period (year YYYY or month YYYYMM) and category (0: all), plus sets of borrowers per
 * centre and period (distinct borrowers cannot be summed). Centre 0 stands for all centres in
 * the file, so national figures are one row too; a checkout writes its rows in one statement.
 * inv_figures_raw() counts the same from the loans themselves; inv_check() compares the two. */
#include "inv_int.h"
#include "inventory.h"

#include <stdlib.h>
#include <string.h>

#define ALL_CENTRES 0
#define ALL_CATEGORIES 0
#define CATS_PER_STATEMENT 8 /* category rows of SQL_SUM_ADD_LOAN */

static int count_one(InvDb *db, int sql, int64_t a, int64_t b, int64_t c, int64_t *x, int64_t *y);

int inv__sum_loan(InvDb *db, int64_t centre_id, int64_t t, int64_t borrower_id, int64_t n_items,
                  const int64_t *cat_ids, const int64_t *cat_counts, size_t n_cats)
{
    InvLocal l = inv__local(t);
    int64_t month = (int64_t)l.year * 100 + l.month;
    int64_t new_centre = 0;
    int64_t new_all = 0;
    int64_t new_month = 0;
    /* a borrower already counted in the month is counted in its year (here and in all) too */
    int err = inv__sum_borrower(db, centre_id, month, borrower_id, &new_month);
    if (err == INV_OK && new_month)
        err = inv__sum_borrower(db, centre_id, l.year, borrower_id, &new_centre);
    if (err == INV_OK && new_centre)
        err = inv__sum_borrower(db, ALL_CENTRES, l.year, borrower_id, &new_all);
    /* the year here and in all, the month, and up to eight categories: one statement */
    for (size_t first = 0; err == INV_OK && (first == 0 || first < n_cats);
         first += CATS_PER_STATEMENT) {
        sqlite3_stmt *st = inv__stmt(db, SQL_SUM_ADD_LOAN);
        sqlite3_bind_int64(st, 1, centre_id);
        sqlite3_bind_int64(st, 6, month);
        if (first == 0) { /* the loan's own rows (category ?24 = 0); later batches skip them */
            sqlite3_bind_int64(st, 2, l.year);
            sqlite3_bind_int64(st, 3, n_items);
            sqlite3_bind_int64(st, 4, new_centre);
            sqlite3_bind_int64(st, 5, new_all);
            sqlite3_bind_int64(st, 7, new_month);
            sqlite3_bind_int64(st, 24, ALL_CATEGORIES);
        }
        for (size_t i = first; i < n_cats && i < first + CATS_PER_STATEMENT; i++) {
            sqlite3_bind_int64(st, 8 + 2 * (int)(i - first), cat_ids[i]);
            sqlite3_bind_int64(st, 9 + 2 * (int)(i - first), cat_counts[i]);
        }
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            err = inv__sqlfail(db, rc, "cannot update summaries");
    }
    return err;
}

int inv__sum_registration(InvDb *db, int64_t centre_id, int64_t t)
{
    InvLocal l = inv__local(t);
    int64_t month = (int64_t)l.year * 100 + l.month;
    int err = inv__sum_add(db, centre_id, l.year, ALL_CATEGORIES, 0, 0, 0, 1);
    if (err == INV_OK)
        err = inv__sum_add(db, ALL_CENTRES, l.year, ALL_CATEGORIES, 0, 0, 0, 1);
    if (err == INV_OK)
        err = inv__sum_add(db, centre_id, month, ALL_CATEGORIES, 0, 0, 0, 1);
    return err;
}

int inv__sum_add(InvDb *db, int64_t centre_id, int64_t period, int64_t category_id, int64_t loans,
                 int64_t items, int64_t borrowers, int64_t new_borrowers)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_ADD);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int64(st, 2, period);
    sqlite3_bind_int64(st, 3, category_id);
    sqlite3_bind_int64(st, 4, loans);
    sqlite3_bind_int64(st, 5, items);
    sqlite3_bind_int64(st, 6, borrowers);
    sqlite3_bind_int64(st, 7, new_borrowers);
    return inv__run(db, st, "cannot update summaries");
}

int inv__sum_returned(InvDb *db, int64_t centre_id, int year, int64_t n, int64_t seconds)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_ADD_RETURNED);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int64(st, 2, year);
    sqlite3_bind_int64(st, 3, n);
    sqlite3_bind_int64(st, 4, seconds);
    return inv__run(db, st, "cannot update summaries");
}

int inv__sum_borrower(InvDb *db, int64_t centre_id, int64_t period, int64_t borrower_id,
                      int64_t *added)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_BORROWER_ADD);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int64(st, 2, period);
    sqlite3_bind_int64(st, 3, borrower_id);
    int err = inv__run(db, st, "cannot update summaries");
    if (err != INV_OK)
        return err;
    *added = sqlite3_changes(db->sql) > 0 ? 1 : 0;
    return INV_OK;
}

int inv_figures(InvDb *db, int year, int64_t centre_id, InvFigures *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_GET);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    InvFigures f;
    memset(&f, 0, sizeof(f));
    if (rc == SQLITE_ROW) {
        f.loans = sqlite3_column_int64(st, 0);
        f.items_lent = sqlite3_column_int64(st, 1);
        f.borrowers = sqlite3_column_int64(st, 2);
        f.new_borrowers = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read figures");
    *out = f;
    return INV_OK;
}

int inv_figures_raw(InvDb *db, int year, int64_t centre_id, InvFigures *out)
{
    int64_t lo = inv__local_midnight(year, 1, 1);
    int64_t hi = inv__local_midnight(year + 1, 1, 1);
    InvFigures f;
    memset(&f, 0, sizeof(f));
    int err = count_one(db, SQL_RAW_LOANS, lo, hi, centre_id, &f.loans, &f.borrowers);
    if (err == INV_OK)
        err = count_one(db, SQL_RAW_ITEMS, lo, hi, centre_id, &f.items_lent, NULL);
    if (err == INV_OK)
        err = count_one(db, SQL_RAW_NEW, lo, hi, centre_id, &f.new_borrowers, NULL);
    if (err == INV_OK)
        *out = f;
    return err;
}

int inv_year_report(InvDb *db, int year, int64_t now, InvYearReport *out)
{
    if (year < 1970 || year > 9999)
        return inv__fail(db, INV_E_INVALID, "year %d is out of range", year);
    InvYearReport r;
    memset(&r, 0, sizeof(r));
    r.year = year;
    int err = inv_figures(db, year, db->centre_id, &r.total);
    if (err != INV_OK)
        return err;

    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_MONTHS_GET);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int64(st, 2, (int64_t)year * 100 + 1);
    sqlite3_bind_int64(st, 3, (int64_t)year * 100 + 12);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int m = (int)(sqlite3_column_int64(st, 0) % 100);
        if (m < 1 || m > 12)
            continue;
        r.month[m - 1].loans = sqlite3_column_int64(st, 1);
        r.month[m - 1].items_lent = sqlite3_column_int64(st, 2);
        r.month[m - 1].borrowers = sqlite3_column_int64(st, 3);
        r.month[m - 1].new_borrowers = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read monthly figures");

    st = inv__stmt(db, SQL_SUM_CATS_GET);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int64(st, 2, (int64_t)year * 100 + 1);
    sqlite3_bind_int64(st, 3, (int64_t)year * 100 + 12);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r.n_categories == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            InvCategoryFigure *p = realloc(r.by_category, ncap * sizeof(*p));
            if (p == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            r.by_category = p;
            cap = ncap;
        }
        InvCategoryFigure *c = &r.by_category[r.n_categories++];
        inv__col_text(st, 0, c->category, sizeof(c->category));
        c->items_lent = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        err = rc == SQLITE_NOMEM ? inv__fail(db, INV_E_NOMEM, "out of memory")
                                 : inv__sqlfail(db, rc, "cannot read category figures");
        goto out_release;
    }

    err = count_one(db, SQL_OVERDUE_COUNT, now, 0, 0, &r.overdue_now, NULL);
    if (err == INV_OK)
        err = count_one(db, SQL_NEVER_LENT, 0, 0, 0, &r.items_never_lent, NULL);
    if (err != INV_OK)
        goto out_release;
    st = inv__stmt(db, SQL_SUM_GET);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int64(st, 2, year);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int64(st, 4) > 0)
        r.avg_loan_days =
            (double)sqlite3_column_int64(st, 5) / (double)sqlite3_column_int64(st, 4) / 86400.0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read loan lengths");
        goto out_release;
    }
    *out = r;
    return INV_OK;

out_release:
    inv_year_report_release(&r);
    return err;
}

void inv_year_report_release(InvYearReport *r)
{
    if (r == NULL)
        return;
    free(r->by_category);
    r->by_category = NULL;
    r->n_categories = 0;
}

int inv_summaries_rebuild(InvDb *db)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    int rc =
        sqlite3_exec(db->sql, "DELETE FROM summary; DELETE FROM sum_borrower;", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        err = inv__sqlfail(db, rc, "cannot clear summaries");
        goto out_rollback;
    }
    /* one row per loan and category, in loan order */
    sqlite3_stmt *st = inv__stmt(db, SQL_REBUILD_LOANS);
    int64_t cur = 0;
    int64_t centre = 0;
    int64_t at = 0;
    int64_t borrower = 0;
    int64_t total = 0;
    int64_t cat_ids[INV_CHECKOUT_MAX];
    int64_t cat_counts[INV_CHECKOUT_MAX];
    size_t n_cats = 0;
    for (;;) {
        rc = sqlite3_step(st);
        int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        if (id != cur && cur != 0) {
            err = inv__sum_loan(db, centre, at, borrower, total, cat_ids, cat_counts, n_cats);
            if (err != INV_OK)
                break;
            n_cats = 0;
            total = 0;
        }
        if (rc != SQLITE_ROW)
            break;
        if (id != cur) {
            cur = id;
            centre = sqlite3_column_int64(st, 1);
            at = sqlite3_column_int64(st, 2);
            borrower = sqlite3_column_int64(st, 3);
        }
        if (n_cats == INV_CHECKOUT_MAX) { /* checkouts and imports allow no more lines */
            err = inv__fail(db, INV_E_CORRUPT, "loan %lld has more than %d lines", (long long)cur,
                            INV_CHECKOUT_MAX);
            break;
        }
        cat_ids[n_cats] = sqlite3_column_int64(st, 4);
        cat_counts[n_cats] = sqlite3_column_int64(st, 5);
        total += cat_counts[n_cats];
        n_cats++;
    }
    sqlite3_reset(st);
    if (err != INV_OK)
        goto out_rollback;
    if (rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot rebuild summaries");
        goto out_rollback;
    }
    st = inv__stmt(db, SQL_REBUILD_RETURNS);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        err = inv__sum_returned(db, sqlite3_column_int64(st, 0),
                                inv__local(sqlite3_column_int64(st, 1)).year, 1,
                                sqlite3_column_int64(st, 2));
        if (err != INV_OK)
            break;
    }
    sqlite3_reset(st);
    if (err != INV_OK)
        goto out_rollback;
    if (rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot rebuild summaries");
        goto out_rollback;
    }
    st = inv__stmt(db, SQL_REBUILD_REGS);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        err = inv__sum_registration(db, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
        if (err != INV_OK)
            break;
    }
    sqlite3_reset(st);
    if (err != INV_OK)
        goto out_rollback;
    if (rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot rebuild summaries");
        goto out_rollback;
    }
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

/* Runs a one-row counting statement with up to three integer parameters (unused ones are
 * harmless: SQLite ignores binds past the statement's parameters). */
static int count_one(InvDb *db, int sql, int64_t a, int64_t b, int64_t c, int64_t *x, int64_t *y)
{
    sqlite3_stmt *st = inv__stmt(db, sql);
    int np = sqlite3_bind_parameter_count(st);
    if (np >= 1)
        sqlite3_bind_int64(st, 1, a);
    if (np >= 2)
        sqlite3_bind_int64(st, 2, b);
    if (np >= 3)
        sqlite3_bind_int64(st, 3, c);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *x = sqlite3_column_int64(st, 0);
        if (y != NULL)
            *y = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count");
    return INV_OK;
}
