/* The bulk loan loader of the import: loan rows are collected (matched against the centre's
 * items and borrowers, read once into maps), then checked for overlaps, among the file's rows and
 * against the database, and written in bulk: loans, lines eight to a statement, the items still
 * out, and the yearly figures (inv__sum_loans_bulk, beside the checkout's own rule). */
#include "inv_import_int.h"

#include <stdlib.h>
#include <string.h>

static int write_summaries(Importer *im);

bool inv__imp_nomem(Importer *im)
{
    inv__imp_problem(im, im->row_line, "out of memory");
    im->fatal = true;
    return false;
}

static bool add_item_info(Importer *im, const char *barcode, int64_t id, int64_t cat, int status,
                          int days, size_t *index)
{
    Bulk *b = &im->bulk;
    size_t off = 0;
    if (!GROW(b->items) || !inv__str_add(&b->strs, barcode, &off) ||
        !inv__map_put(&b->items_by_code, &b->strs, off, (int64_t)b->items.n))
        return inv__imp_nomem(im);
    b->items.v[b->items.n] =
        (ItemInfo){id, cat, status, days > 0 ? days : INV_DEFAULT_LOAN_DAYS, off};
    *index = b->items.n++;
    return true;
}

/* Reads the centre's items and borrowers once, so rows are matched without a query each. */
static int bulk_load(Importer *im)
{
    Bulk *b = &im->bulk;
    b->loaded = true;
    sqlite3_stmt *st = inv__stmt(im->db, SQL_ITEM_INFO);
    sqlite3_bind_int64(st, 1, im->db->centre_id);
    int rc = SQLITE_OK;
    size_t index = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!add_item_info(im, (const char *)sqlite3_column_text(st, 0),
                           sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
                           sqlite3_column_int(st, 3), sqlite3_column_int(st, 4), &index))
            break;
    }
    sqlite3_reset(st);
    if (im->fatal)
        return INV_OK;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(im->db, rc, "cannot read items");
    st = inv__stmt(im->db, SQL_BORROWER_INFO);
    sqlite3_bind_int64(st, 1, im->db->centre_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t off = 0;
        if (!inv__str_add(&b->strs, (const char *)sqlite3_column_text(st, 0), &off) ||
            !inv__map_put(&b->borrowers_by_card, &b->strs, off, sqlite3_column_int64(st, 1))) {
            inv__imp_nomem(im);
            break;
        }
    }
    sqlite3_reset(st);
    if (im->fatal)
        return INV_OK;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(im->db, rc, "cannot read borrowers");
    return INV_OK;
}

/* The index of an item in bulk.items, asking the database for one of another centre. */
static bool find_item(Importer *im, const char *barcode, size_t *index)
{
    int64_t v = 0;
    if (inv__map_get(&im->bulk.items_by_code, &im->bulk.strs, barcode, &v)) {
        *index = (size_t)v;
        return true;
    }
    InvItem item;
    InvItemExtra x;
    int err = inv__item_get(im->db, barcode, &item, &x);
    if (err == INV_E_UNKNOWN_ITEM) {
        inv__imp_problem(im, im->row_line, "barcode %s is not a known item", barcode);
        return false;
    }
    if (inv__imp_db_failed(im, err))
        return false;
    return add_item_info(im, barcode, item.id, x.category_id, (int)item.status, x.loan_days, index);
}

static bool find_borrower(Importer *im, const char *card, int64_t *id)
{
    if (inv__map_get(&im->bulk.borrowers_by_card, &im->bulk.strs, card, id))
        return true;
    InvBorrower b;
    int err = inv_borrower_get(im->db, card, &b);
    if (err == INV_E_UNKNOWN_BORROWER) {
        inv__imp_problem(im, im->row_line, "card %s is not a registered borrower", card);
        return false;
    }
    if (inv__imp_db_failed(im, err))
        return false;
    size_t off = 0;
    if (!inv__str_add(&im->bulk.strs, card, &off) ||
        !inv__map_put(&im->bulk.borrowers_by_card, &im->bulk.strs, off, b.id))
        return inv__imp_nomem(im);
    *id = b.id;
    return true;
}

void inv__imp_row_loan(Importer *im)
{
    if (!inv__imp_check_fields(im))
        return;
    InvDb *db = im->db;
    Bulk *b = &im->bulk;
    if (!b->loaded && inv__imp_db_failed(im, bulk_load(im)))
        return;
    if (im->fatal)
        return;
    const char *ref = inv__imp_field(im, C_LOAN_REF);
    const char *card = inv__imp_field(im, C_LOAN_CARD);
    const char *barcode = inv__imp_field(im, C_LOAN_BARCODE);
    if (!inv__imp_checked(im, inv__check_code(db, "loan_ref", ref)) ||
        !inv__imp_checked(im, inv__check_code(db, "card", card)) ||
        !inv__imp_checked(im, inv__check_code(db, "barcode", barcode)))
        return;
    int64_t out_at = 0;
    int64_t due_at = 0;
    int64_t back_at = 0;
    if (!inv__imp_past_field(im, C_LOAN_OUT, &out_at))
        return;
    if (inv__imp_field(im, C_LOAN_DUE)[0] != '\0' && !inv__imp_time_field(im, C_LOAN_DUE, &due_at))
        return;
    if (inv__imp_field(im, C_LOAN_RETURNED)[0] != '\0' &&
        !inv__imp_past_field(im, C_LOAN_RETURNED, &back_at))
        return;
    if (back_at != 0 && back_at < out_at) {
        inv__imp_problem(im, im->row_line, "returned_at is before checked_out_at");
        return;
    }
    if (due_at != 0 && due_at < out_at) {
        inv__imp_problem(im, im->row_line, "due_at is before checked_out_at");
        return;
    }
    int64_t borrower = 0;
    size_t item = 0;
    if (!find_borrower(im, card, &borrower) || !find_item(im, barcode, &item))
        return;

    int64_t loan = 0;
    if (inv__map_get(&b->loans_by_ref, &b->strs, ref, &loan)) {
        LoanRec *l = &b->loans.v[loan];
        if (l->borrower_id != borrower || l->out_at != out_at) {
            inv__imp_problem(
                im, im->row_line,
                "loan_ref %s has rows with a different card or checked_out_at (line %ld)", ref,
                l->line);
            return;
        }
        if (l->n_lines == INV_CHECKOUT_MAX) {
            inv__imp_problem(im, im->row_line, "loan_ref %s has more than %d items", ref,
                             INV_CHECKOUT_MAX);
            return;
        }
    } else {
        size_t off = 0;
        if (!GROW(b->loans) || !inv__str_add(&b->strs, ref, &off) ||
            !inv__map_put(&b->loans_by_ref, &b->strs, off, (int64_t)b->loans.n)) {
            inv__imp_nomem(im);
            return;
        }
        loan = (int64_t)b->loans.n++;
        b->loans.v[loan] = (LoanRec){off, borrower, out_at, im->row_line, 0, 0, 0};
    }
    if (due_at == 0) { /* rows of one loan mostly share their due time: remember the last */
        int days = b->items.v[item].loan_days;
        if (out_at != b->due_out_at || days != b->due_days) {
            b->due_out_at = out_at;
            b->due_days = days;
            b->due_at = inv__due_at(db, out_at, days);
        }
        due_at = b->due_at;
    }
    if (!GROW(b->rows)) {
        inv__imp_nomem(im);
        return;
    }
    b->loans.v[loan].n_lines++;
    b->rows.v[b->rows.n++] = (LoanRow){im->row_line, (size_t)loan, item, due_at, back_at};
}

/* One loan line in time order of its item, for the overlap check. */
typedef struct Span {
    int64_t item_id;
    int64_t from;
    int64_t to; /* INT64_MAX while on loan */
    size_t row;
} Span;

static int cmp_span(const void *a, const void *b)
{
    const Span *x = a;
    const Span *y = b;
    if (x->item_id != y->item_id)
        return x->item_id < y->item_id ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

static void overlap_problem(Importer *im, const LoanRow *r, const char *other, int64_t from)
{
    char when[32];
    inv_time_format(from, false, when, sizeof(when));
    inv__imp_problem(im, r->line, "item %s is already on loan then (loan %s from %s)",
                     inv__str_at(&im->bulk.strs, im->bulk.items.v[r->item].barcode), other, when);
}

/* No item may be out twice at once: among the file's rows, and against the database. */
static int check_overlaps(Importer *im)
{
    Bulk *b = &im->bulk;
    if (b->rows.n == 0)
        return INV_OK;
    Span *sp = malloc(b->rows.n * sizeof(*sp));
    if (sp == NULL)
        return inv__fail(im->db, INV_E_NOMEM, "out of memory");
    for (size_t i = 0; i < b->rows.n; i++) {
        const LoanRow *r = &b->rows.v[i];
        sp[i] = (Span){b->items.v[r->item].id, b->loans.v[r->loan].out_at,
                       r->back_at ? r->back_at : INT64_MAX, i};
    }
    qsort(sp, b->rows.n, sizeof(*sp), cmp_span);
    int err = INV_OK;
    for (size_t i = 0; i < b->rows.n && err == INV_OK;) {
        size_t j = i;
        int64_t lo = sp[i].from;
        int64_t hi = sp[i].to;
        size_t last = i; /* the span of this item that ends last so far */
        for (j = i + 1; j < b->rows.n && sp[j].item_id == sp[i].item_id; j++) {
            const LoanRow *row = &b->rows.v[sp[j].row];
            const LoanRec *pl = &b->loans.v[b->rows.v[sp[last].row].loan];
            if (b->rows.v[sp[j - 1].row].loan == row->loan)
                inv__imp_problem(im, row->line, "item %s is twice in loan %s",
                                 inv__str_at(&b->strs, b->items.v[row->item].barcode),
                                 inv__str_at(&b->strs, b->loans.v[row->loan].ref));
            else if (sp[last].to > sp[j].from)
                overlap_problem(im, row, inv__str_at(&b->strs, pl->ref), pl->out_at);
            if (sp[j].to > sp[last].to)
                last = j;
        }
        hi = sp[last].to;
        /* the database: one query per item, and per row only when the item's span collides */
        sqlite3_stmt *st = inv__stmt(im->db, SQL_LINE_OVERLAP);
        sqlite3_bind_int64(st, 1, sp[i].item_id);
        sqlite3_bind_int64(st, 2, lo);
        sqlite3_bind_int64(st, 3, hi);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_ROW) {
            for (size_t k = i; k < j; k++) {
                st = inv__stmt(im->db, SQL_LINE_OVERLAP);
                sqlite3_bind_int64(st, 1, sp[k].item_id);
                sqlite3_bind_int64(st, 2, sp[k].from);
                sqlite3_bind_int64(st, 3, sp[k].to);
                rc = sqlite3_step(st);
                if (rc == SQLITE_ROW) {
                    char other[INV_CODE_MAX];
                    inv__col_text(st, 0, other, sizeof(other));
                    overlap_problem(im, &b->rows.v[sp[k].row], other, sqlite3_column_int64(st, 1));
                }
                sqlite3_reset(st);
                if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                    break;
            }
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            err = inv__sqlfail(im->db, rc, "cannot check loans");
        i = j;
    }
    free(sp);
    return err;
}

int inv__imp_loans_check(Importer *im)
{
    return check_overlaps(im);
}

int inv__imp_loans_finish(Importer *im, bool recheck)
{
    Bulk *b = &im->bulk;
    InvDb *db = im->db;
    int err = recheck ? check_overlaps(im) : INV_OK;
    if (err != INV_OK || im->res->n_problems > 0)
        return err;
    for (size_t i = 0; i < b->loans.n; i++) {
        LoanRec *l = &b->loans.v[i];
        sqlite3_stmt *st = inv__stmt(db, SQL_LOAN_ADD);
        sqlite3_bind_int64(st, 1, db->centre_id);
        sqlite3_bind_int64(st, 2, l->borrower_id);
        sqlite3_bind_int64(st, 4, l->out_at);
        inv__bind_text(st, 5, inv__str_at(&b->strs, l->ref));
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_CONSTRAINT_UNIQUE) {
            inv__imp_problem(im, l->line, "loan_ref %s was imported before",
                             inv__str_at(&b->strs, l->ref));
            continue;
        }
        if (rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot add loan");
        l->db_id = sqlite3_last_insert_rowid(db->sql);
    }
    if (im->res->n_problems > 0)
        return INV_OK;
    /* lines eight to a statement (one statement each costs more than the rows) */
    sqlite3_stmt *lines = NULL;
    for (size_t i = 0; i < b->rows.n; i++) {
        const LoanRow *r = &b->rows.v[i];
        const ItemInfo *it = &b->items.v[r->item];
        LoanRec *l = &b->loans.v[r->loan];
        int k = (int)(i % 8) * 5;
        if (k == 0)
            lines = inv__stmt(db, SQL_LINES_IMPORT_8);
        sqlite3_bind_int64(lines, k + 1, l->db_id);
        sqlite3_bind_int64(lines, k + 2, ++l->next_seq);
        sqlite3_bind_int64(lines, k + 3, it->id);
        sqlite3_bind_int64(lines, k + 4, r->due_at);
        if (r->back_at != 0)
            sqlite3_bind_int64(lines, k + 5, r->back_at);
        if (k == 35 || i + 1 == b->rows.n) {
            err = inv__run(db, lines, "cannot add loan lines");
            if (err != INV_OK)
                return err;
        }
    }
    /* then the items still out */
    for (size_t i = 0; i < b->rows.n; i++) {
        const LoanRow *r = &b->rows.v[i];
        const ItemInfo *it = &b->items.v[r->item];
        sqlite3_stmt *st = NULL;
        if (r->back_at == 0) {
            st = inv__stmt(db, SQL_ITEM_LEND_IF_FREE);
            sqlite3_bind_int64(st, 1, it->id);
            err = inv__run(db, st, "cannot mark item on loan");
            if (err != INV_OK)
                return err;
            if (sqlite3_changes(db->sql) == 0)
                inv__imp_problem(im, r->line, "item %s is %s, so it cannot still be on loan",
                                 inv__str_at(&b->strs, it->barcode),
                                 inv_item_status_name((InvItemStatus)it->status));
        }
    }
    if (im->res->n_problems > 0)
        return INV_OK;
    im->res->added = b->rows.n;
    return write_summaries(im);
}

/* The file's loans as the summaries need them. */
static int write_summaries(Importer *im)
{
    Bulk *b = &im->bulk;
    InvSumBulkLoan *loans = malloc((b->loans.n + 1) * sizeof(*loans));
    InvSumBulkLine *lines = malloc((b->rows.n + 1) * sizeof(*lines));
    int err = INV_OK;
    if (loans == NULL || lines == NULL) {
        err = inv__fail(im->db, INV_E_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < b->loans.n; i++) {
        const LoanRec *l = &b->loans.v[i];
        loans[i] = (InvSumBulkLoan){l->out_at, l->borrower_id, l->n_lines};
    }
    for (size_t i = 0; i < b->rows.n; i++) {
        const LoanRow *r = &b->rows.v[i];
        lines[i] = (InvSumBulkLine){r->loan, b->items.v[r->item].category_id, r->back_at};
    }
    err = inv__sum_loans_bulk(im->db, im->db->centre_id, loans, b->loans.n, lines, b->rows.n);
out:
    free(loans);
    free(lines);
    return err;
}

void inv__imp_bulk_free(Bulk *b)
{
    free(b->strs.buf);
    free(b->items_by_code.slot);
    free(b->borrowers_by_card.slot);
    free(b->loans_by_ref.slot);
    free(b->items.v);
    free(b->loans.v);
    free(b->rows.v);
}
