/* The streaming loan loader of the import, in bounded memory at any file size (issue 16).
 * Check phase (read transaction): each row is checked against the centre's items and
 * borrowers (read once into maps), written to the row log (a temporary file, in file order),
 * and its span (item, out, back) goes to sorted runs spilled to another; the merged runs give
 * each item's loans in time order, so overlaps among the file's rows and with the database are
 * found one item at a time. Write phase (BEGIN IMMEDIATE): the row log is read back and each row
 * written as it comes, its loan found by ref (the last row's loan, else a new one, else, when
 * the ref is taken, the database's: a loan's rows need not be next to each other), lines eight
 * to a statement; then items whose last line was lost are marked missing, and the yearly
 * figures are counted from the loans just written, in chunks (inv__sum_loans_bulk, beside the
 * checkout's own rule). What stays in memory grows with the centre (its items and borrowers),
 * not with the file: the file's rows, spans and loans are in the temporary files (on disk:
 * $TMPDIR, else /var/tmp, which on a kiosk PC is not memory as /tmp may be). */
#include "inv_import_int.h"
#include "inv_sync_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPAN_RUN 32768   /* spans sorted in memory before a run is spilled */
#define MERGE_BUF 64     /* spans read at a time from each run when merging */
#define SUM_LINES 131072 /* loan lines handed to the summaries at a time */

static int flush_summaries(Importer *im);
static bool sum_loan(Importer *im, bool more);
static FILE *temp_file(void);
static bool lost_field(Importer *im, int64_t out_at, int64_t due_at, int64_t *back_at,
                       int64_t *lost_at);
static void add_span(Importer *im, const Span *sp);
static bool log_row(Importer *im, const char *ref, int64_t borrower, size_t item, int64_t out_at,
                    int64_t due_at, int64_t back_at, long renewals, int64_t lost_at);
static bool write_row(Importer *im, const char *ref, int64_t borrower, size_t item, int64_t out_at,
                      int64_t due_at, int64_t back_at, long renewals, int64_t lost_at);

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
        (ItemInfo){id, cat, status, days > 0 ? days : INV_DEFAULT_LOAN_DAYS, off, false};
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
    if (!inv__imp_checked(im, inv__check_code(db, inv__imp_label(im, C_LOAN_REF), ref)) ||
        !inv__imp_checked(im, inv__check_code(db, inv__imp_label(im, C_LOAN_CARD), card)) ||
        !inv__imp_checked(im, inv__check_code(db, inv__imp_label(im, C_LOAN_BARCODE), barcode)))
        return;
    int64_t out_at = 0;
    int64_t due_at = 0;
    int64_t back_at = 0;
    int64_t lost_at = 0;
    long renewals = 0;
    if (!inv__imp_past_field(im, C_LOAN_OUT, &out_at))
        return;
    if (inv__imp_field(im, C_LOAN_DUE)[0] != '\0' && !inv__imp_time_field(im, C_LOAN_DUE, &due_at))
        return;
    if (inv__imp_field(im, C_LOAN_RETURNED)[0] != '\0' &&
        !inv__imp_past_field(im, C_LOAN_RETURNED, &back_at))
        return;
    if (back_at != 0 && back_at < out_at) {
        inv__imp_problem(im, im->row_line, "%s is before %s", inv__imp_label(im, C_LOAN_RETURNED),
                         inv__imp_label(im, C_LOAN_OUT));
        return;
    }
    if (due_at != 0 && due_at < out_at) {
        inv__imp_problem(im, im->row_line, "%s is before %s", inv__imp_label(im, C_LOAN_DUE),
                         inv__imp_label(im, C_LOAN_OUT));
        return;
    }
    const char *rn = inv__imp_field(im, C_LOAN_RENEWALS);
    if (rn[0] != '\0' && !inv__imp_parse_int(rn, 0, 999, &renewals)) {
        inv__imp_problem(im, im->row_line, "%s \"%s\" is not a number of renewals (0 or more)",
                         inv__imp_label(im, C_LOAN_RENEWALS), rn);
        return;
    }
    int64_t borrower = 0;
    size_t item = 0;
    if (!find_borrower(im, card, &borrower) || !find_item(im, barcode, &item))
        return;
    if (due_at == 0) { /* rows of one loan mostly share their due time: remember the last */
        int days = b->items.v[item].loan_days;
        if (out_at != b->due_out_at || days != b->due_days) {
            b->due_out_at = out_at;
            b->due_days = days;
            b->due_at = inv__due_at(db, out_at, days);
        }
        due_at = b->due_at;
    }
    if (!lost_field(im, out_at, due_at, &back_at, &lost_at))
        return;
    log_row(im, ref, borrower, item, out_at, due_at, back_at, renewals, lost_at);
}

static uint64_t hash_ref(const char *k)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *k; k++) {
        h ^= (unsigned char)*k;
        h *= 1099511628211ull;
    }
    return h;
}

/* Check phase: the row goes to the row log (for the write phase) and its span to the overlap
 * check. */
static bool log_row(Importer *im, const char *ref, int64_t borrower, size_t item, int64_t out_at,
                    int64_t due_at, int64_t back_at, long renewals, int64_t lost_at)
{
    Bulk *b = &im->bulk;
    if (b->log == NULL && (b->log = temp_file()) == NULL) {
        inv__imp_problem(im, im->row_line, "cannot make a temporary file for the import");
        im->fatal = true;
        return false;
    }
    RowHead h = {im->row_line,
                 borrower,
                 out_at,
                 due_at,
                 back_at,
                 lost_at,
                 (uint32_t)item,
                 (int32_t)renewals,
                 (uint32_t)strlen(ref),
                 0};
    if (fwrite(&h, sizeof(h), 1, b->log) != 1 || fwrite(ref, 1, h.ref_len, b->log) != h.ref_len) {
        inv__imp_problem(im, im->row_line, "cannot write a temporary file (disk full?)");
        im->fatal = true;
        return false;
    }
    Span sp = {b->items.v[item].id, out_at,        back_at ? back_at : INT64_MAX,
               im->row_line,        hash_ref(ref), b->log_len + sizeof(h),
               (uint32_t)item,      lost_at != 0};
    b->log_len += sizeof(h) + h.ref_len;
    add_span(im, &sp);
    return !im->fatal;
}

/* The ref of a span, read back from the row log (for messages). */
static const char *span_ref(Importer *im, const Span *sp, char *buf, size_t size)
{
    Bulk *b = &im->bulk;
    RowHead h;
    buf[0] = '\0';
    if (fflush(b->log) != 0 ||
        pread(fileno(b->log), &h, sizeof(h), (off_t)(sp->ref_off - sizeof(h))) !=
            (ssize_t)sizeof(h) ||
        h.ref_len >= size ||
        pread(fileno(b->log), buf, h.ref_len, (off_t)sp->ref_off) != (ssize_t)h.ref_len)
        return "?";
    buf[h.ref_len] = '\0';
    return buf;
}

/* The lost column: empty or no, not lost; yes, lost when it came back (returned_at) or else
 * when it was due; a date, lost then. A lost line is closed: no returned_at becomes the time it
 * was lost. false (a problem listed) if the column says neither or the time cannot be. */
static bool lost_field(Importer *im, int64_t out_at, int64_t due_at, int64_t *back_at,
                       int64_t *lost_at)
{
    const char *v = inv__imp_field(im, C_LOAN_LOST);
    bool yes = false;
    *lost_at = 0;
    if (v[0] == '\0')
        return true;
    if (inv__imp_parse_bool(v, &yes)) {
        if (!yes)
            return true;
        *lost_at = *back_at != 0 ? *back_at : due_at;
        if (*lost_at > im->now) {
            inv__imp_problem(im, im->row_line,
                             "%s is yes, but the loan is not due yet: give the date it was lost",
                             inv__imp_label(im, C_LOAN_LOST));
            return false;
        }
    } else {
        bool date = false;
        for (const char *p = v; *p && !date; p++)
            date = *p >= '0' && *p <= '9';
        if (!date) {
            inv__imp_problem(im, im->row_line, "%s \"%s\" is not a date or yes or no",
                             inv__imp_label(im, C_LOAN_LOST), v);
            return false;
        }
        if (!inv__imp_past_field(im, C_LOAN_LOST, lost_at))
            return false;
        if (*lost_at < out_at) {
            inv__imp_problem(im, im->row_line, "%s is before %s", inv__imp_label(im, C_LOAN_LOST),
                             inv__imp_label(im, C_LOAN_OUT));
            return false;
        }
    }
    if (*back_at == 0)
        *back_at = *lost_at;
    return true;
}

/* ---- the overlap check: sorted runs ------------------------------------------------------ */

static int cmp_span(const void *a, const void *b)
{
    const Span *x = a;
    const Span *y = b;
    if (x->item_id != y->item_id)
        return x->item_id < y->item_id ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* Sorts the run in memory and writes it to the spill file. */
static bool spill_run(Importer *im)
{
    Bulk *b = &im->bulk;
    if (b->n_run == 0)
        return true;
    qsort(b->run, b->n_run, sizeof(*b->run), cmp_span);
    if (b->spill == NULL && (b->spill = temp_file()) == NULL) {
        inv__imp_problem(im, im->row_line, "cannot make a temporary file for the overlap check");
        im->fatal = true;
        return false;
    }
    if (!GROW(b->runs))
        return inv__imp_nomem(im);
    if (fwrite(b->run, sizeof(*b->run), b->n_run, b->spill) != b->n_run || fflush(b->spill) != 0) {
        inv__imp_problem(im, im->row_line, "cannot write a temporary file (disk full?)");
        im->fatal = true;
        return false;
    }
    b->runs.v[b->runs.n++] = (SpanRun){b->n_spilled, b->n_run};
    b->n_spilled += b->n_run;
    b->n_run = 0;
    return true;
}

static void add_span(Importer *im, const Span *sp)
{
    Bulk *b = &im->bulk;
    if (b->run == NULL && (b->run = malloc(SPAN_RUN * sizeof(*b->run))) == NULL) {
        inv__imp_nomem(im);
        return;
    }
    if (b->n_run == SPAN_RUN && !spill_run(im))
        return;
    b->run[b->n_run++] = *sp;
}

/* A reader of one run. */
typedef struct RunReader {
    Span buf[MERGE_BUF];
    size_t at;   /* next in buf */
    size_t n;    /* in buf */
    size_t next; /* next span of the run to read into buf */
    size_t end;
} RunReader;

static bool reader_fill(FILE *f, RunReader *r)
{
    size_t want = r->end - r->next < MERGE_BUF ? r->end - r->next : MERGE_BUF;
    r->at = 0;
    r->n = 0;
    if (want == 0)
        return true;
    if (pread(fileno(f), r->buf, want * sizeof(Span), (off_t)(r->next * sizeof(Span))) !=
        (ssize_t)(want * sizeof(Span)))
        return false;
    r->n = want;
    r->next += want;
    return true;
}

static void overlap_problem(Importer *im, const Span *s, const char *other, int64_t from)
{
    char when[32];
    inv_time_format(from, false, when, sizeof(when));
    inv__imp_problem(im, s->line, "item %s is already on loan then (loan %s from %s)",
                     inv__str_at(&im->bulk.strs, im->bulk.items.v[s->item].barcode), other, when);
}

/* The spans of one item in time order: among themselves, then against the database (one query
 * for the item, and one per span only when the item's time collides). */
static int check_item(Importer *im, Span *sp, size_t n)
{
    Bulk *b = &im->bulk;
    size_t last = 0; /* the span of this item that ends last so far */
    char ref[INV_CODE_MAX];
    for (size_t j = 1; j < n; j++) {
        if (sp[j - 1].ref_hash == sp[j].ref_hash)
            inv__imp_problem(im, sp[j].line, "item %s is twice in loan %s",
                             inv__str_at(&b->strs, b->items.v[sp[j].item].barcode),
                             span_ref(im, &sp[j], ref, sizeof(ref)));
        else if (sp[last].to > sp[j].from)
            overlap_problem(im, &sp[j], span_ref(im, &sp[last], ref, sizeof(ref)), sp[last].from);
        if (sp[j].to > sp[last].to)
            last = j;
    }
    b->items.v[sp[n - 1].item].lost_last = sp[n - 1].lost;
    sqlite3_stmt *st = inv__stmt(im->db, SQL_LINE_OVERLAP);
    sqlite3_bind_int64(st, 1, sp[0].item_id);
    sqlite3_bind_int64(st, 2, sp[0].from);
    sqlite3_bind_int64(st, 3, sp[last].to);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        for (size_t k = 0; k < n; k++) {
            st = inv__stmt(im->db, SQL_LINE_OVERLAP);
            sqlite3_bind_int64(st, 1, sp[k].item_id);
            sqlite3_bind_int64(st, 2, sp[k].from);
            sqlite3_bind_int64(st, 3, sp[k].to);
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                char other[INV_CODE_MAX];
                inv__col_text(st, 0, other, sizeof(other));
                overlap_problem(im, &sp[k], other, sqlite3_column_int64(st, 1));
            }
            sqlite3_reset(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                break;
        }
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(im->db, rc, "cannot check loans");
    return INV_OK;
}

/* The merge's heap of runs, least head span first. */
static bool head_less(const RunReader *rd, size_t a, size_t b)
{
    return cmp_span(&rd[a].buf[rd[a].at], &rd[b].buf[rd[b].at]) < 0;
}

static void sift_down(size_t *heap, size_t n, const RunReader *rd, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1;
        size_t m = i;
        if (l < n && head_less(rd, heap[l], heap[m]))
            m = l;
        if (l + 1 < n && head_less(rd, heap[l + 1], heap[m]))
            m = l + 1;
        if (m == i)
            return;
        size_t t = heap[i];
        heap[i] = heap[m];
        heap[m] = t;
        i = m;
    }
}

/* No item may be out twice at once: the runs merged (a heap of runs), one item at a time. */
static int check_overlaps(Importer *im)
{
    Bulk *b = &im->bulk;
    if (!spill_run(im) || b->runs.n == 0)
        return INV_OK;
    RunReader *rd = calloc(b->runs.n, sizeof(*rd));
    size_t *heap = calloc(b->runs.n, sizeof(*heap));
    int err = INV_OK;
    size_t hn = 0;
    if (rd == NULL || heap == NULL) {
        err = inv__fail(im->db, INV_E_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < b->runs.n; i++) {
        rd[i].next = b->runs.v[i].first;
        rd[i].end = b->runs.v[i].first + b->runs.v[i].n;
        if (!reader_fill(b->spill, &rd[i])) {
            err = inv__fail(im->db, INV_E_IO, "cannot read a temporary file");
            goto out;
        }
        if (rd[i].n > 0)
            heap[hn++] = i;
    }
    for (size_t i = hn / 2; i-- > 0;)
        sift_down(heap, hn, rd, i);
    b->group.n = 0;
    while (err == INV_OK) {
        RunReader *top = hn > 0 ? &rd[heap[0]] : NULL;
        if (top == NULL || (b->group.n > 0 && top->buf[top->at].item_id != b->group.v[0].item_id)) {
            if (b->group.n > 0)
                err = check_item(im, b->group.v, b->group.n);
            b->group.n = 0;
            if (top == NULL)
                break;
            continue;
        }
        if (!GROW(b->group)) {
            err = inv__fail(im->db, INV_E_NOMEM, "out of memory");
            break;
        }
        b->group.v[b->group.n++] = top->buf[top->at++];
        if (top->at == top->n && !reader_fill(b->spill, top)) {
            err = inv__fail(im->db, INV_E_IO, "cannot read a temporary file");
            break;
        }
        if (top->n == 0) /* the run is done */
            heap[0] = heap[--hn];
        sift_down(heap, hn, rd, 0);
    }
out:
    free(heap);
    free(rd);
    return err;
}

int inv__imp_loans_check(Importer *im)
{
    return check_overlaps(im);
}

/* ---- the write phase ------------------------------------------------------------------------ */

/* Writes the lines of the batch: a full batch in one statement, the last few one at a time. */
static int flush_lines(Importer *im)
{
    Bulk *b = &im->bulk;
    int n = b->n_batch;
    b->n_batch = 0;
    bool full = n == IMP_LINES_PER_STATEMENT;
    sqlite3_stmt *st = inv__stmt(im->db, full ? SQL_IMP_LINES : SQL_IMP_LINE);
    int err = INV_OK;
    for (int i = 0, k = 0; i < n && err == INV_OK; i++) {
        for (int c = 0; c < 7; c++, k++) {
            int64_t v = b->batch[i][c];
            if (v == 0 && (c == 4 || c == 6)) /* returned_at, lost_at */
                sqlite3_bind_null(st, k + 1);
            else
                sqlite3_bind_int64(st, k + 1, v);
        }
        if (!full) {
            err = inv__run(im->db, st, "cannot add loan lines");
            k = 0;
        }
    }
    if (full)
        err = inv__run(im->db, st, "cannot add loan lines");
    return err;
}

/* The loan of ref in b->cache_*: the last row's, else a new one, else (its ref is taken) the
 * database's. */
static bool find_loan(Importer *im, const char *ref, int64_t borrower, int64_t out_at)
{
    Bulk *b = &im->bulk;
    InvDb *db = im->db;
    if (b->cache_id != 0 && strcmp(b->cache_ref, ref) == 0)
        return true;
    if (b->firsts == NULL && (b->firsts = temp_file()) == NULL)
        return !inv__imp_db_failed(im, inv__fail(db, INV_E_IO, "cannot make a temporary file"));
    sqlite3_stmt *st = inv__stmt(db, SQL_LOAN_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int64(st, 2, borrower);
    sqlite3_bind_int64(st, 4, out_at);
    inv__bind_text(st, 5, ref);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        int64_t id = sqlite3_last_insert_rowid(db->sql);
        if (id != b->base + 1 + b->n_loans) { /* the import's loans: consecutive ids */
            inv__imp_db_failed(
                im, inv__fail(db, INV_E_IO, "cannot add loan: unexpected id %lld", (long long)id));
            return false;
        }
        int32_t first = (int32_t)im->row_line;
        if (fwrite(&first, sizeof(first), 1, b->firsts) != 1)
            return !inv__imp_db_failed(im,
                                       inv__fail(db, INV_E_IO, "cannot write a temporary file"));
        b->n_loans++;
        b->cache_first = first;
        b->cache_lines = 0;
        b->cache_id = id;
        b->cache_borrower = borrower;
        b->cache_out_at = out_at;
        b->cache_before = false;
        inv__copy(b->cache_ref, sizeof(b->cache_ref), ref);
        return sum_loan(im, false);
    }
    if (rc != SQLITE_CONSTRAINT_UNIQUE)
        return !inv__imp_db_failed(im, inv__sqlfail(db, rc, "cannot add loan"));
    /* the ref is taken: a loan of this file (its rows apart) or one imported before */
    st = inv__stmt(db, SQL_IMP_LOAN_BY_REF);
    inv__bind_text(st, 1, ref);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return !inv__imp_db_failed(im, inv__sqlfail(db, rc, "cannot find loan"));
    }
    b->cache_id = sqlite3_column_int64(st, 0);
    b->cache_borrower = sqlite3_column_int64(st, 1);
    b->cache_out_at = sqlite3_column_int64(st, 2);
    b->cache_before = b->cache_id <= b->base;
    b->cache_sum = SIZE_MAX; /* its lines from here on: counted as more lines of the loan */
    sqlite3_reset(st);
    inv__copy(b->cache_ref, sizeof(b->cache_ref), ref);
    if (b->cache_before) {
        inv__imp_problem(im, im->row_line, "%s %s was imported before",
                         inv__imp_label(im, C_LOAN_REF), ref);
        return true;
    }
    /* a loan of this file met again: its first line and its lines so far */
    int err = flush_lines(im);
    if (err == INV_OK &&
        (fflush(b->firsts) != 0 || pread(fileno(b->firsts), &b->cache_first, sizeof(b->cache_first),
                                         (off_t)((b->cache_id - b->base - 1) * 4)) != 4))
        err = inv__fail(db, INV_E_IO, "cannot read a temporary file");
    if (err == INV_OK) {
        st = inv__stmt(db, SQL_IMP_LINE_SEQ);
        sqlite3_bind_int64(st, 1, b->cache_id);
        rc = sqlite3_step(st);
        b->cache_lines = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            err = inv__sqlfail(db, rc, "cannot find loan");
    }
    return !inv__imp_db_failed(im, err);
}

static bool write_row(Importer *im, const char *ref, int64_t borrower, size_t item, int64_t out_at,
                      int64_t due_at, int64_t back_at, long renewals, int64_t lost_at)
{
    Bulk *b = &im->bulk;
    InvDb *db = im->db;
    if (!find_loan(im, ref, borrower, out_at) || b->cache_before)
        return false;
    if (b->cache_borrower != borrower || b->cache_out_at != out_at) {
        inv__imp_problem(im, im->row_line, "%s %s has rows with a different %s or %s (line %ld)",
                         inv__imp_label(im, C_LOAN_REF), ref, inv__imp_label(im, C_LOAN_CARD),
                         inv__imp_label(im, C_LOAN_OUT), (long)b->cache_first);
        return false;
    }
    if (b->cache_lines == INV_CHECKOUT_MAX) {
        inv__imp_problem(im, im->row_line, "%s %s has more than %d items",
                         inv__imp_label(im, C_LOAN_REF), ref, INV_CHECKOUT_MAX);
        return false;
    }
    const ItemInfo *it = &b->items.v[item];
    int64_t *v = b->batch[b->n_batch];
    v[0] = b->cache_id;
    v[1] = ++b->cache_lines;
    v[2] = it->id;
    v[3] = due_at;
    v[4] = back_at;
    v[5] = renewals;
    v[6] = lost_at;
    if (++b->n_batch == IMP_LINES_PER_STATEMENT && inv__imp_db_failed(im, flush_lines(im)))
        return false;
    b->written++;
    if ((b->n_sum_lines == SUM_LINES && inv__imp_db_failed(im, flush_summaries(im))) ||
        (b->cache_sum == SIZE_MAX && !sum_loan(im, true)))
        return false;
    b->sum_loans[b->cache_sum].n_items++;
    b->sum_lines[b->n_sum_lines++] = (InvSumBulkLine){b->cache_sum, it->category_id, back_at};
    if (back_at == 0) { /* still out */
        sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_LEND_IF_FREE);
        sqlite3_bind_int64(st, 1, it->id);
        if (inv__imp_db_failed(im, inv__run(db, st, "cannot mark item on loan")))
            return false;
        if (sqlite3_changes(db->sql) == 0)
            inv__imp_problem(im, im->row_line, "item %s is %s, so it cannot still be on loan",
                             inv__str_at(&b->strs, it->barcode),
                             inv_item_status_name((InvItemStatus)it->status));
    }
    return true;
}

int inv__imp_loans_finish(Importer *im, bool recheck)
{
    Bulk *b = &im->bulk;
    InvDb *db = im->db;
    int err = recheck ? check_overlaps(im) : INV_OK;
    if (err != INV_OK || im->res->n_problems > 0)
        return err;
    /* the checkouts queued for the summaries first: the file's loans go in directly, and the
     * mark past them at the end */
    err = inv__sum_fold(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_IMP_LOAN_MAX);
    int rc = sqlite3_step(st);
    b->base = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read loans");
    /* A file larger than the loan lines already stored: the index of lines by item is made
     * again after the rows (one sort) rather than kept up row by row (one item in thousands
     * at random, so the cache misses at every row). Inside the transaction, like the rows. */
    bool remake = false;
    if (b->base < (int64_t)im->res->rows) {
        st = inv__stmt(db, SQL_IMP_LINE_COUNT);
        rc = sqlite3_step(st);
        int64_t lines = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            return inv__sqlfail(db, rc, "cannot read loans");
        remake = lines < (int64_t)im->res->rows;
    }
    if (remake) {
        err = inv__run(db, inv__stmt(db, SQL_IMP_ITEM_INDEX_DROP), "cannot import loans");
        if (err != INV_OK)
            return err;
    }
    /* the row log, each row written */
    if (b->log != NULL && (fflush(b->log) != 0 || fseek(b->log, 0, SEEK_SET) != 0))
        return inv__fail(db, INV_E_IO, "cannot read a temporary file");
    RowHead h;
    char ref[INV_CODE_MAX];
    while (b->log != NULL && !im->fatal && fread(&h, sizeof(h), 1, b->log) == 1) {
        if (h.ref_len >= sizeof(ref) || fread(ref, 1, h.ref_len, b->log) != h.ref_len)
            return inv__fail(db, INV_E_IO, "cannot read a temporary file");
        ref[h.ref_len] = '\0';
        im->row_line = (long)h.line;
        write_row(im, ref, h.borrower, h.item, h.out_at, h.due_at, h.back_at, h.renewals,
                  h.lost_at);
    }
    if (b->log != NULL && ferror(b->log))
        return inv__fail(db, INV_E_IO, "cannot read a temporary file");
    if (im->fatal && im->res->n_problems == 0)
        return inv__fail(db, INV_E_NOMEM, "out of memory");
    if (im->fatal || im->res->n_problems > 0)
        return INV_OK;
    err = flush_lines(im);
    if (err == INV_OK && remake)
        err = inv__run(db, inv__stmt(db, SQL_IMP_ITEM_INDEX_MAKE), "cannot import loans");
    if (err == INV_OK) { /* the items now lent for the first time: one statement for all */
        st = inv__stmt(db, SQL_IMP_EVER_LENT);
        sqlite3_bind_int64(st, 1, db->centre_id);
        err = inv__run(db, st, "cannot import loans");
    }
    if (err == INV_OK) /* the loans' and lines' outbox rows (a synced device's store: no trigger) */
        err = inv__sync_loans_put(db, b->base + 1, b->base + (int64_t)b->n_loans);
    for (size_t i = 0; i < b->items.n && err == INV_OK; i++) {
        if (!b->items.v[i].lost_last)
            continue;
        st = inv__stmt(db, SQL_ITEM_MARK_MISSING);
        sqlite3_bind_int64(st, 1, b->items.v[i].id);
        err = inv__run(db, st, "cannot mark item missing");
        if (err == INV_OK && sqlite3_changes(db->sql) > 0)
            err = inv__sync_item_status(db, b->items.v[i].id, INV_ITEM_AVAILABLE, INV_ITEM_MISSING);
    }
    if (err != INV_OK)
        return err;
    im->res->added = b->written;
    err = flush_summaries(im);
    return err == INV_OK ? inv__sum_mark_all(db) : err;
}

/* The summaries of the lines written since the last chunk: added to the yearly figures (each
 * chunk's counts add up; a borrower counts once per period, as the database's set of them says). */
static int flush_summaries(Importer *im)
{
    Bulk *b = &im->bulk;
    int err = INV_OK;
    if (b->n_sum_loans > 0)
        err = inv__sum_loans_bulk(im->db, im->db->centre_id, b->sum_loans, b->n_sum_loans,
                                  b->sum_lines, b->n_sum_lines);
    b->n_sum_loans = 0;
    b->n_sum_lines = 0;
    b->cache_sum = SIZE_MAX;
    return err;
}

/* The loan of the last row (b->cache_*) as an entry of the summaries' chunk: a new loan, or
 * (more) lines of a loan counted before, in an earlier chunk or apart from its first rows. */
static bool sum_loan(Importer *im, bool more)
{
    Bulk *b = &im->bulk;
    if (b->sum_loans == NULL &&
        ((b->sum_loans = malloc(SUM_LINES * sizeof(*b->sum_loans))) == NULL ||
         (b->sum_lines = malloc(SUM_LINES * sizeof(*b->sum_lines))) == NULL))
        return !inv__imp_db_failed(im, inv__fail(im->db, INV_E_NOMEM, "out of memory"));
    if (b->n_sum_loans == SUM_LINES && inv__imp_db_failed(im, flush_summaries(im)))
        return false;
    b->cache_sum = b->n_sum_loans++;
    b->sum_loans[b->cache_sum] = (InvSumBulkLoan){b->cache_out_at, b->cache_borrower, 0, more};
    return true;
}

/* An anonymous temporary file (unlinked at once) on disk: in $TMPDIR, else /var/tmp, else /tmp
 * (often memory itself on a kiosk PC), as SQLite picks its own. */
static FILE *temp_file(void)
{
    const char *dirs[] = {getenv("TMPDIR"), "/var/tmp", "/tmp"};
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        char path[512];
        if (dirs[i] == NULL || dirs[i][0] == '\0' ||
            (size_t)snprintf(path, sizeof(path), "%s/bua-import-XXXXXX", dirs[i]) >= sizeof(path))
            continue;
        int fd = mkstemp(path);
        if (fd < 0)
            continue;
        unlink(path);
        FILE *f = fdopen(fd, "w+b");
        if (f != NULL)
            return f;
        close(fd);
    }
    return NULL;
}

void inv__imp_bulk_free(Bulk *b)
{
    free(b->strs.buf);
    free(b->items_by_code.slot);
    free(b->borrowers_by_card.slot);
    free(b->items.v);
    free(b->run);
    free(b->sum_loans);
    free(b->sum_lines);
    if (b->log != NULL)
        fclose(b->log);
    if (b->spill != NULL)
        fclose(b->spill);
    free(b->runs.v);
    free(b->group.v);
    if (b->firsts != NULL)
        fclose(b->firsts);
}
