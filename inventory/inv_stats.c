/* Yearly figures. The four figures a centre reports come from summaries: one table `summary`
 * with a row per centre, period (year YYYY or month YYYYMM) and category (0: all), plus sets of
 * borrowers per centre and period (distinct borrowers cannot be summed). Centre 0 stands for
 * all centres in the file, so national figures are one row too.
 *
 * The loans above a mark (sum_mark: the last loan id in the summaries) are queued: a checkout
 * writes nothing for its figures. The queue is folded into the summaries in bulk when the kiosk
 * is quiet (inv_idle, which the app calls two seconds after the last touch or scan), or by the
 * checkout that finds INV_SUM_QUEUE_MAX loans queued (a kiosk never left alone), as an import's
 * loans are added (inv__sum_loans_bulk: one upsert per period and category touched, borrowers
 * eight to a statement), moving the mark; every reader of the summaries folds the queue first
 * (inv__sum_fold), so figures are always exact. Writing each checkout's 3 + categories rows and
 * borrower sets at once cost about as much as the loan, lines and status writes themselves;
 * folding every 32 checkouts inside the checkout about a fifth of its instructions (see
 * bench_inventory, which folds outside the timing as the kiosk does). Registrations and returns
 * write their rows directly; an import folds the queue, adds its own loans and moves the mark past
 * them; a rebuild counts every loan and moves the mark to the newest. inv_figures_raw() counts the
 * same from the loans themselves; inv_check() compares the two. */
#include "inv_int.h"
#include "inventory.h"

#include <stdlib.h>
#include <string.h>

#define ALL_CENTRES 0
#define ALL_CATEGORIES 0
#define CATS_PER_STATEMENT 8 /* category rows of SQL_SUM_ADD_LOAN */

static int count_one(InvDb *db, int sql, int64_t a, int64_t b, int64_t c, int64_t *x, int64_t *y);
static int read_profile(InvDb *db, int year, InvYearReport *r);

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

/* ---- checkouts: queued above the mark, then added in bulk ---- */

/* A queued loan, with its lines counted per category. */
typedef struct Pending {
    int64_t centre;
    InvSumBulkLoan loan;
} Pending;

static int read_mark(InvDb *db, int64_t *mark, int64_t *newest);
static int set_mark(InvDb *db, int64_t mark);
static int fold(InvDb *db, int64_t after, int64_t upto);
static int fold_queue(InvDb *db);

int inv__sum_checkout(InvDb *db, int64_t loan_id)
{
    int64_t mark = 0;
    int64_t newest = 0;
    int err = read_mark(db, &mark, &newest);
    if (err != INV_OK || mark < 0) /* not known: the rebuild at the next fold counts this loan */
        return err;
    if (loan_id <= mark) /* an id below the mark (loans above it were deleted): added now */
        return fold(db, loan_id - 1, loan_id);
    if (loan_id - mark < INV_SUM_QUEUE_MAX)
        return INV_OK;
    return fold_queue(db);
}

int inv_idle(InvDb *db)
{
    /* a quiet moment's work never holds the kiosk up behind another writer (an import, bua-sync
     * applying): busy now means later */
    sqlite3_busy_timeout(db->sql, INV_IDLE_BUSY_MS);
    int err = inv__sum_fold(db);
    sqlite3_busy_timeout(db->sql, db->busy_ms);
    return err;
}

int inv__sum_fold(InvDb *db)
{
    int64_t mark = 0;
    int64_t newest = 0;
    int err = read_mark(db, &mark, &newest);
    if (err != INV_OK || (mark >= 0 && newest <= mark))
        return err;
    if (mark < 0) /* not known (a file of step 3 whose queue was not the newest loans) */
        return inv_summaries_rebuild(db);
    if (!sqlite3_get_autocommit(db->sql)) /* inside the caller's transaction */
        return fold_queue(db);
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = fold_queue(db); /* reads the mark again: another program may have folded meanwhile */
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv__sum_mark_all(InvDb *db)
{
    int64_t mark = 0;
    int64_t newest = 0;
    int err = read_mark(db, &mark, &newest);
    if (err != INV_OK || mark < 0) /* not known: the next fold rebuilds everything anyway */
        return err;
    return set_mark(db, newest);
}

int inv__sum_open(InvDb *db)
{
    int64_t mark = 0;
    int64_t newest = 0;
    int err = read_mark(db, &mark, &newest);
    if (err != INV_OK || mark >= 0)
        return err;
    return inv_summaries_rebuild(db);
}

/* The mark (*mark: the last loan id in the summaries; -1 when not known) and the newest loan. */
static int read_mark(InvDb *db, int64_t *mark, int64_t *newest)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_MARK_GET);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *mark = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
        *newest = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the summaries' mark");
    return INV_OK;
}

static int set_mark(InvDb *db, int64_t mark)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_MARK_SET);
    sqlite3_bind_int64(st, 1, mark);
    return inv__run(db, st, "cannot update summaries");
}

/* Adds the loans above the mark to the summaries and moves the mark to the newest loan, in the
 * caller's transaction. */
static int fold_queue(InvDb *db)
{
    int64_t mark = 0;
    int64_t newest = 0;
    int err = read_mark(db, &mark, &newest);
    if (err != INV_OK || mark < 0 || newest <= mark)
        return err;
    err = fold(db, mark, newest);
    if (err != INV_OK)
        return err;
    return set_mark(db, newest);
}

/* Adds the loans after < id <= upto to the summaries, a centre at a time. The lines are counted
 * by the items' categories as they are now, as inv_summaries_rebuild does; returns were added
 * when they happened (back_at 0 here). */
static int fold(InvDb *db, int64_t after, int64_t upto)
{
    Pending *loans = NULL;
    InvSumBulkLine *lines = NULL;
    InvSumBulkLoan *group = NULL;
    InvSumBulkLine *group_lines = NULL;
    size_t n_loans = 0;
    size_t n_lines = 0;
    size_t cap_loans = 0;
    size_t cap_lines = 0;
    int64_t cur = 0;
    int err = INV_OK;
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_QUEUED_LINES);
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, upto);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n_loans == cap_loans || n_lines == cap_lines) {
            size_t nl = cap_loans ? cap_loans * 2 : 64;
            size_t nr = cap_lines ? cap_lines * 2 : 256;
            Pending *pl = realloc(loans, nl * sizeof(*pl));
            if (pl != NULL)
                loans = pl;
            InvSumBulkLine *pr = realloc(lines, nr * sizeof(*pr));
            if (pr != NULL)
                lines = pr;
            if (pl == NULL || pr == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            cap_loans = nl;
            cap_lines = nr;
        }
        int64_t id = sqlite3_column_int64(st, 0);
        if (id != cur || n_loans == 0) {
            cur = id;
            Pending *p = &loans[n_loans++];
            p->centre = sqlite3_column_int64(st, 1);
            p->loan = (InvSumBulkLoan){sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), 0,
                                       false};
        }
        loans[n_loans - 1].loan.n_items++;
        lines[n_lines++] = (InvSumBulkLine){n_loans - 1, sqlite3_column_int64(st, 4), 0};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        err = rc == SQLITE_NOMEM ? inv__fail(db, INV_E_NOMEM, "out of memory")
                                 : inv__sqlfail(db, rc, "cannot read the queued loans");
        goto out;
    }
    /* one bulk addition per centre (nearly always one: the kiosk's own) */
    group = malloc((n_loans + 1) * sizeof(*group));
    group_lines = malloc((n_lines + 1) * sizeof(*group_lines));
    size_t *index = malloc((n_loans + 1) * sizeof(*index));
    if (group == NULL || group_lines == NULL || index == NULL) {
        free(index);
        err = inv__fail(db, INV_E_NOMEM, "out of memory");
        goto out;
    }
    for (size_t done = 0; done < n_loans && err == INV_OK;) {
        int64_t centre = 0;
        size_t n = 0;
        for (size_t i = 0; i < n_loans; i++) {
            if (loans[i].centre < 0)
                continue; /* added already */
            if (n == 0)
                centre = loans[i].centre;
            if (loans[i].centre == centre) {
                index[i] = n;
                group[n++] = loans[i].loan;
            }
        }
        size_t m = 0;
        for (size_t i = 0; i < n_lines; i++)
            if (loans[lines[i].loan].centre == centre)
                group_lines[m++] = (InvSumBulkLine){index[lines[i].loan], lines[i].category_id, 0};
        err = inv__sum_loans_bulk(db, centre, group, n, group_lines, m);
        for (size_t i = 0; i < n_loans; i++)
            if (loans[i].centre == centre)
                loans[i].centre = -1;
        done += n;
    }
    free(index);
out:
    free(loans);
    free(lines);
    free(group);
    free(group_lines);
    return err;
}

/* ---- imported loans, in bulk ---- */

/* Counts of one year or month, and a borrower seen in one. */
typedef struct Agg {
    int64_t key; /* YYYY, YYYYMM, or YYYYMM * 2^20 + category id */
    int64_t loans;
    int64_t items;
    int64_t borrowers;     /* new to the period's borrower set of this centre */
    int64_t borrowers_all; /* new to the year's set of all centres */
    int64_t returned;      /* years: lines returned, and their loan seconds in all */
    int64_t seconds;
} Agg;

typedef struct Seen {
    int64_t period;
    int64_t borrower;
} Seen;

static int cmp_seen(const void *a, const void *b)
{
    const Seen *x = a;
    const Seen *y = b;
    if (x->period != y->period)
        return x->period < y->period ? -1 : 1;
    return (x->borrower > y->borrower) - (x->borrower < y->borrower);
}

static Agg *agg_at(Agg *v, size_t *n, size_t cap, int64_t key)
{
    for (size_t i = *n; i > 0; i--) /* recent keys first: loans come roughly in time order */
        if (v[i - 1].key == key)
            return &v[i - 1];
    if (*n == cap)
        return NULL;
    v[*n] = (Agg){key, 0, 0, 0, 0, 0, 0};
    return &v[(*n)++];
}

#define AGG_MAX 4096
#define CAT_SHIFT 20
#define BORROWERS_PER_STATEMENT 8

/* Adds borrowers to a period's set, eight to a statement; *added gets how many were new. */
static int add_borrowers(InvDb *db, int64_t centre, int64_t period, const int64_t *ids, size_t n,
                         int64_t *added)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_BORROWERS_8);
    sqlite3_bind_int64(st, 1, centre);
    sqlite3_bind_int64(st, 2, period);
    for (size_t i = 0; i < n; i++)
        sqlite3_bind_int64(st, 3 + (int)i, ids[i]);
    int err = inv__run(db, st, "cannot update summaries");
    *added = err == INV_OK ? sqlite3_changes(db->sql) : 0;
    return err;
}

/* Adds imported loans to the summaries: aggregated in memory, then one upsert per year,
 * month and category, and one insert per borrower and period. */
int inv__sum_loans_bulk(InvDb *db, int64_t centre, const InvSumBulkLoan *loans, size_t n_loans,
                        const InvSumBulkLine *lines, size_t n_lines)
{
    size_t n_years = 0;
    size_t n_months = 0;
    size_t n_cats = 0;
    /* no more periods than loans, nor categories than lines (a checkout's fold is small) */
    size_t cap_periods = n_loans < AGG_MAX ? n_loans + 1 : AGG_MAX;
    size_t cap_cats = n_lines < AGG_MAX ? n_lines + 1 : AGG_MAX;
    Agg *years = calloc(cap_periods, sizeof(Agg));
    Agg *months = calloc(cap_periods, sizeof(Agg));
    Agg *cats = calloc(cap_cats, sizeof(Agg));
    Seen *seen = malloc(2 * (n_loans + 1) * sizeof(Seen));
    int64_t *loan_month = malloc((n_loans + 1) * sizeof(int64_t));
    int err = INV_OK;
    if (!years || !months || !cats || !seen || !loan_month) {
        err = inv__fail(db, INV_E_NOMEM, "out of memory");
        goto out;
    }
    size_t n_seen = 0;
    for (size_t i = 0; i < n_loans; i++) {
        const InvSumBulkLoan *l = &loans[i];
        InvLocal t = inv__local(l->t);
        int64_t month = (int64_t)t.year * 100 + t.month;
        loan_month[i] = month;
        Agg *y = agg_at(years, &n_years, cap_periods, t.year);
        Agg *m = agg_at(months, &n_months, cap_periods, month);
        if (y == NULL || m == NULL) {
            err = inv__fail(db, INV_E_INVALID, "the file spans too many months");
            goto out;
        }
        y->items += l->n_items;
        m->items += l->n_items;
        if (l->more) /* the loan and its borrower were counted with its first lines */
            continue;
        y->loans++;
        m->loans++;
        seen[n_seen++] = (Seen){t.year, l->borrower_id};
        seen[n_seen++] = (Seen){month, l->borrower_id};
    }
    for (size_t i = 0; i < n_lines; i++) {
        const InvSumBulkLine *r = &lines[i];
        int64_t key = (loan_month[r->loan] << CAT_SHIFT) + r->category_id;
        Agg *c = agg_at(cats, &n_cats, cap_cats, key);
        if (c == NULL) {
            err = inv__fail(db, INV_E_INVALID, "the file spans too many months and categories");
            goto out;
        }
        c->items++;
        if (r->back_at != 0) {
            Agg *y = agg_at(years, &n_years, cap_periods, loan_month[r->loan] / 100);
            y->returned++;
            y->seconds += r->back_at - loans[r->loan].t;
        }
    }
    /* distinct borrowers per period: new to the period's set in the database counts once */
    qsort(seen, n_seen, sizeof(*seen), cmp_seen);
    int64_t batch[BORROWERS_PER_STATEMENT];
    size_t n_batch = 0;
    for (size_t i = 0; i < n_seen && err == INV_OK; i++) {
        if (i == 0 || cmp_seen(&seen[i], &seen[i - 1]) != 0)
            batch[n_batch++] = seen[i].borrower;
        /* a batch is of one period, so the rows it adds are that period's new borrowers */
        bool last = i + 1 == n_seen || seen[i + 1].period != seen[i].period;
        if (n_batch == 0 || (n_batch < BORROWERS_PER_STATEMENT && !last))
            continue;
        int64_t period = seen[i].period;
        bool is_year = period < 10000;
        Agg *a = is_year ? agg_at(years, &n_years, cap_periods, period)
                         : agg_at(months, &n_months, cap_periods, period);
        int64_t added = 0;
        err = add_borrowers(db, centre, period, batch, n_batch, &added);
        a->borrowers += added;
        if (err == INV_OK && is_year) {
            err = add_borrowers(db, 0, period, batch, n_batch, &added);
            a->borrowers_all += added;
        }
        n_batch = 0;
    }
    for (size_t i = 0; i < n_years && err == INV_OK; i++) {
        const Agg *y = &years[i];
        err = inv__sum_add(db, centre, y->key, 0, y->loans, y->items, y->borrowers, 0);
        if (err == INV_OK)
            err = inv__sum_add(db, 0, y->key, 0, y->loans, y->items, y->borrowers_all, 0);
        if (err == INV_OK && y->returned > 0)
            err = inv__sum_returned(db, centre, (int)y->key, y->returned, y->seconds);
    }
    for (size_t i = 0; i < n_months && err == INV_OK; i++)
        err = inv__sum_add(db, centre, months[i].key, 0, months[i].loans, months[i].items,
                           months[i].borrowers, 0);
    for (size_t i = 0; i < n_cats && err == INV_OK; i++)
        err = inv__sum_add(db, centre, cats[i].key >> CAT_SHIFT,
                           cats[i].key & ((1 << CAT_SHIFT) - 1), 0, cats[i].items, 0, 0);
out:
    free(years);
    free(months);
    free(cats);
    free(seen);
    free(loan_month);
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
    int err = inv__sum_fold(db);
    if (err != INV_OK)
        return err;
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

    /* the centre's own items: overdue now, and never lent (not for a year read beside another,
     * now 0: these belong to the moment, not to a year) */
    if (now != 0)
        err = count_one(db, SQL_OVERDUE_COUNT, now, db->centre_id, 0, &r.overdue_now, NULL);
    if (err == INV_OK && now != 0)
        err = count_one(db, SQL_NEVER_LENT, db->centre_id, 0, 0, &r.items_never_lent, NULL);
    if (err == INV_OK)
        err = inv__lend_year(db, year, &r);
    if (err != INV_OK)
        goto out_release;
    st = inv__stmt(db, SQL_SUM_GET);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int64(st, 2, year);
    rc = sqlite3_step(st);
    r.has_data = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW && sqlite3_column_int64(st, 4) > 0)
        r.avg_loan_days =
            (double)sqlite3_column_int64(st, 5) / (double)sqlite3_column_int64(st, 4) / 86400.0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read loan lengths");
        goto out_release;
    }
    err = inv_calendar_each_closed(db, (InvDate){year, 1, 1}, (InvDate){year, 12, 31}, NULL, NULL,
                                   &r.open_days);
    if (err == INV_OK)
        err = read_profile(db, year, &r);
    if (err != INV_OK)
        goto out_release;
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
    free(r->by_municipality);
    r->by_municipality = NULL;
    r->n_municipalities = 0;
}

const char *inv_age_band_key(InvAgeBand band)
{
    switch (band) {
#define BAND_KEY(name, number, key, oldest)                                                        \
    case INV_AGE_##name:                                                                           \
        return key;
        INV_AGE_BAND_MAP(BAND_KEY)
#undef BAND_KEY
    }
    return "unknown";
}

int inv_ranking(InvDb *db, int year, InvRanking *out)
{
    if (year < 1970 || year > 9999)
        return inv__fail(db, INV_E_INVALID, "year %d is out of range", year);
    int err = inv__sum_fold(db);
    if (err != INV_OK)
        return err;
    InvRanking r = {year, NULL, 0};
    size_t cap = 0;
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_RANKING);
    sqlite3_bind_int(st, 1, year);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r.n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            InvCentreRank *p = realloc(r.centres, ncap * sizeof(*p));
            if (p == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            r.centres = p;
            cap = ncap;
        }
        InvCentreRank *c = &r.centres[r.n++];
        c->place = (int)r.n;
        c->centre_id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, c->name, sizeof(c->name));
        c->figures.loans = sqlite3_column_int64(st, 2);
        c->figures.items_lent = sqlite3_column_int64(st, 3);
        c->figures.borrowers = sqlite3_column_int64(st, 4);
        c->figures.new_borrowers = sqlite3_column_int64(st, 5);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        err = rc == SQLITE_NOMEM ? inv__fail(db, INV_E_NOMEM, "out of memory")
                                 : inv__sqlfail(db, rc, "cannot read the ranking");
        inv_ranking_release(&r);
        return err;
    }
    *out = r;
    return INV_OK;
}

void inv_ranking_release(InvRanking *r)
{
    if (r == NULL)
        return;
    free(r->centres);
    r->centres = NULL;
    r->n = 0;
}

/* In a transaction of its own, or in the caller's (inv__sum_fold, when the mark is not known). */
int inv_summaries_rebuild(InvDb *db)
{
    bool own = sqlite3_get_autocommit(db->sql);
    int err = own ? inv__begin(db) : INV_OK;
    if (err != INV_OK)
        return err;
    int rc = sqlite3_exec(db->sql, INV_SQL_REBUILD_KEEP, NULL, NULL, NULL);
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
    rc = sqlite3_exec(db->sql, INV_SQL_REBUILD_RESTORE, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        err = inv__sqlfail(db, rc, "cannot rebuild summaries");
        goto out_rollback;
    }
    /* every loan is in the summaries now */
    int64_t mark = 0;
    int64_t newest = 0;
    err = read_mark(db, &mark, &newest);
    if (err == INV_OK)
        err = set_mark(db, newest);
    if (err != INV_OK)
        goto out_rollback;
    return own ? inv__commit(db) : INV_OK;

out_rollback:
    if (own)
        inv__rollback(db);
    sqlite3_exec(db->sql, "DROP TABLE IF EXISTS temp.sum_keep", NULL, NULL, NULL);
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

static int cmp_municipality(const void *a, const void *b)
{
    const InvMunicipalityFigure *x = a;
    const InvMunicipalityFigure *y = b;
    if ((x->municipality[0] == '\0') != (y->municipality[0] == '\0'))
        return x->municipality[0] == '\0' ? 1 : -1; /* not given: last */
    if (x->borrowers != y->borrowers)
        return x->borrowers > y->borrowers ? -1 : 1;
    return strcmp(x->municipality, y->municipality);
}

/* The year's borrowers by age band and by municipality, from sum_profile (a row per band and
 * municipality that has borrowers). */
static int read_profile(InvDb *db, int year, InvYearReport *r)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SUM_PROFILE_GET);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int(st, 2, year);
    size_t cap = 0;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int band = sqlite3_column_int(st, 0);
        int64_t n = sqlite3_column_int64(st, 2);
        r->by_age[band >= 0 && band < INV_AGE_BANDS ? band : INV_AGE_UNKNOWN] += n;
        char name[INV_NAME_MAX];
        inv__col_text(st, 1, name, sizeof(name));
        size_t i = 0;
        while (i < r->n_municipalities && strcmp(r->by_municipality[i].municipality, name) != 0)
            i++;
        if (i == r->n_municipalities) {
            if (r->n_municipalities == cap) {
                size_t ncap = cap ? cap * 2 : 8;
                InvMunicipalityFigure *p = realloc(r->by_municipality, ncap * sizeof(*p));
                if (p == NULL) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                r->by_municipality = p;
                cap = ncap;
            }
            InvMunicipalityFigure *m = &r->by_municipality[r->n_municipalities++];
            memcpy(m->municipality, name, sizeof(name));
            m->borrowers = 0;
        }
        r->by_municipality[i].borrowers += n;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return rc == SQLITE_NOMEM ? inv__fail(db, INV_E_NOMEM, "out of memory")
                                  : inv__sqlfail(db, rc, "cannot read borrowers by age");
    if (r->n_municipalities > 1)
        qsort(r->by_municipality, r->n_municipalities, sizeof(*r->by_municipality),
              cmp_municipality);
    return INV_OK;
}
