/* CSV import of items, borrowers and loan history, as spreadsheets export them. Start here:
 * inv_import_csv() opens the file, picks the row kind and reads the file through the CSV reader
 * (inv_csv.c), which hands each row to the kind's row function: items and borrowers are in this
 * file, loans are streamed through temporary files by inv_import_loans.c (with the small map
 * of inv_map.c for the centre's items and borrowers); the yearly figures of imported loans are
 * counted in inv_stats.c, beside the checkout's. Column names (English or Norwegian) are matched
 * in inv_csv.c; dates are ISO 8601 or Norwegian (31.12.2024 14:05).
 *
 * All or nothing, without blocking the counter: the file is read, checked and prepared in a read
 * transaction (other connections go on writing): rows of items and borrowers are staged in
 * memory, loans logged to a temporary file and checked for overlaps. Only then does BEGIN
 * IMMEDIATE take the write lock, the staged rows are written (their row function again, now
 * writing; the database's own constraints catch what changed meanwhile, and the overlaps of
 * loans are checked again if another connection wrote), and the transaction commits. When any
 * row has a problem nothing is written and the first problems are listed as "FILE:LINE: why"
 * with LINE the 1-based physical line where the row starts (the header is 1).
 * Borrowers are read in two passes: adults first, then co-borrowers, so a child may stand above
 * its responsible adult in the file. */
#include "inv_import_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const Column item_cols[C_ITEM__N] = {ITEM_COLUMNS(COLUMN_ROW)};
static const Column borrower_cols[C_BOR__N] = {BORROWER_COLUMNS(COLUMN_ROW)};
static const Column loan_cols[C_LOAN__N] = {LOAN_COLUMNS(COLUMN_ROW)};

static const char *const kind_names[] = {"items", "borrowers", "loans"};

static int read_begin(InvDb *db, int64_t *version);
static int data_version(InvDb *db, int64_t *out);
static int replay(Importer *im);
static int fk_on(InvDb *db, bool *off);
static int fk_set(InvDb *db, bool on);
static bool seen_before(Importer *im, const char *key, int64_t val, int64_t *had);
static bool norwegian_time(const char *v, bool *looks, int64_t *out);
static int category(Importer *im, const char *name, int64_t *id);

const char *inv_import_kind_name(InvImportKind kind)
{
    if ((int)kind < 0 || kind > INV_IMPORT_LOANS)
        return "unknown";
    return kind_names[kind];
}

bool inv_import_kind_parse(const char *name, InvImportKind *out)
{
    for (int i = 0; i <= INV_IMPORT_LOANS; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (InvImportKind)i;
            return true;
        }
    }
    return false;
}

int inv_import_csv(InvDb *db, InvImportKind kind, const char *path, int64_t now,
                   InvProgressFn progress, void *progress_ctx, InvImportResult *result)
{
    InvImportOptions opts = {now, INV_IMPORT_MAX_SKEW_DEFAULT, progress, progress_ctx};
    return inv_import_csv_opts(db, kind, path, &opts, result);
}

int inv_import_csv_opts(InvDb *db, InvImportKind kind, const char *path,
                        const InvImportOptions *opts, InvImportResult *result)
{
    memset(result, 0, sizeof(*result));
    if (opts->max_skew < 0)
        return inv__fail(db, INV_E_INVALID, "the clock skew allowance %lld s is negative",
                         (long long)opts->max_skew);
    InvProgressFn progress = opts->progress;
    void *progress_ctx = opts->progress_ctx;
    Importer im;
    memset(&im, 0, sizeof(im));
    im.db = db;
    im.kind = kind;
    im.path = path;
    im.res = result;
    im.now = opts->now;
    im.max_skew = opts->max_skew;
    switch (kind) {
    case INV_IMPORT_ITEMS:
        im.cols = item_cols;
        im.n_cols = C_ITEM__N;
        im.row = inv__imp_row_item;
        break;
    case INV_IMPORT_BORROWERS:
        im.cols = borrower_cols;
        im.n_cols = C_BOR__N;
        im.row = inv__imp_row_borrower;
        break;
    case INV_IMPORT_LOANS:
        im.cols = loan_cols;
        im.n_cols = C_LOAN__N;
        im.row = inv__imp_row_loan;
        break;
    default:
        return inv__fail(db, INV_E_INVALID, "unknown import kind %d", (int)kind);
    }

    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return inv__fail(db, INV_E_NOT_FOUND, "cannot open %s: %s", path, strerror(errno));
    struct stat sb;
    uint64_t total = 0;
    if (fstat(fileno(f), &sb) == 0) {
        if (!S_ISREG(sb.st_mode)) {
            fclose(f);
            return inv__fail(db, INV_E_INVALID, "%s is not a regular file", path);
        }
        total = (uint64_t)sb.st_size;
    }

    /* check phase: read, check and prepare in a read transaction (writers go on meanwhile) */
    int64_t version = 0;
    bool fk_off = false; /* foreign key checks off for this import's write */
    int err = read_begin(db, &version);
    if (err != INV_OK)
        goto out_close;
    int passes = kind == INV_IMPORT_BORROWERS ? 2 : 1;
    for (im.pass = 1; im.pass <= passes; im.pass++) {
        if (im.pass > 1 && fseek(f, 0, SEEK_SET) != 0) {
            err = inv__fail(db, INV_E_IO, "cannot read %s again: %s", path, strerror(errno));
            goto out_rollback;
        }
        err = inv__csv_read(&im, f, total, progress, progress_ctx);
        if (err != INV_OK)
            goto out_rollback;
        if (im.fatal)
            break;
    }
    if (kind == INV_IMPORT_LOANS && !im.fatal) {
        err = inv__imp_loans_check(&im);
        if (err != INV_OK)
            goto out_rollback;
    }
    inv__rollback(db); /* ends the read transaction */
    if (result->n_problems > 0)
        goto out_refused;

    /* write phase: the write lock only for writing what was checked. Loans are written with the
     * foreign key checks off when nothing changed since the check phase: every card and barcode
     * the rows refer to was found then, their loans are the import's own, and the write lock
     * keeps it so (the checks cost a fifth of the write). If another connection wrote meanwhile,
     * the checks stay on. Set with sqlite3_db_config outside a transaction (a prepared PRAGMA
     * foreign_keys takes effect when it is prepared, not when it runs). */
    fk_off = kind == INV_IMPORT_LOANS;
    if (fk_off && (err = fk_set(db, false)) != INV_OK) {
        fk_on(db, &fk_off);
        goto out_close;
    }
    err = inv__begin(db);
    if (err != INV_OK)
        goto out_close;
    int64_t now_version = 0;
    err = data_version(db, &now_version);
    if (err != INV_OK)
        goto out_rollback;
    if (fk_off && now_version != version) {
        inv__rollback(db);
        err = fk_on(db, &fk_off);
        if (err == INV_OK)
            err = inv__begin(db);
        if (err != INV_OK)
            goto out_close;
        err = data_version(db, &now_version);
        if (err != INV_OK)
            goto out_rollback;
    }
    im.writing = true;
    err = replay(&im);
    if (err != INV_OK)
        goto out_rollback;
    if (kind == INV_IMPORT_LOANS && !im.fatal) {
        /* another connection wrote meanwhile: the overlaps with the database are checked again */
        err = inv__imp_loans_finish(&im, now_version != version);
        if (err != INV_OK)
            goto out_rollback;
    }
    if (result->n_problems > 0) {
        inv__rollback(db);
        goto out_refused;
    }
    err = inv__commit(db);
    if (err != INV_OK)
        result->added = 0;
    goto out_close;

out_refused:
    result->added = 0;
    inv__imp_sort_problems(&im);
    if (result->n_problems == 1)
        inv__fail(db, INV_E_IMPORT, "%s", result->problems[0]);
    else
        inv__fail(db, INV_E_IMPORT, "%s: refused, nothing imported (%zu problems)", path,
                  result->n_problems);
    err = INV_E_IMPORT;
    goto out_close;

out_rollback:
    result->added = 0;
    inv__rollback(db);
out_close:
    if (fk_off) { /* back on, after the transaction */
        int on = fk_on(db, &fk_off);
        if (err == INV_OK)
            err = on;
    }
    inv__imp_bulk_free(&im.bulk);
    free(im.stage.buf);
    free(im.staged.v);
    free(im.keys.buf);
    free(im.seen.slot);
    free(im.buf);
    fclose(f);
    return err;
}

/* ---- rows ---------------------------------------------------------------------------------- */

/* Checks the fields every kind has: required ones present, text fields within limits. */
bool inv__imp_check_fields(Importer *im)
{
    bool ok = true;
    for (int c = 0; c < im->n_cols; c++) {
        const char *v = inv__imp_field(im, c);
        if (im->cols[c].required && v[0] == '\0') {
            inv__imp_problem(im, im->row_line, "%s is empty", inv__imp_label(im, c));
            ok = false;
        }
    }
    return ok;
}

/* Runs an inv__check_* result: false (and a problem on this row) when it failed. */
bool inv__imp_checked(Importer *im, int err)
{
    if (err == INV_OK)
        return true;
    inv__imp_problem(im, im->row_line, "%s", inv_errmsg(im->db));
    return false;
}

bool inv__imp_time_field(Importer *im, int c, int64_t *out)
{
    const char *v = inv__imp_field(im, c);
    if (inv_time_parse(v, out))
        return true;
    bool nb = false;
    if (norwegian_time(v, &nb, out))
        return true;
    if (nb)
        inv__imp_problem(im, im->row_line,
                         "%s \"%s\" is not a date (use 31.12.2024 or 31.12.2024 14:05, or"
                         " 2024-12-31)",
                         inv__imp_label(im, c), v);
    else
        inv__imp_problem(im, im->row_line,
                         "%s \"%s\" is not a date (use 2024-12-31 or 2024-12-31T23:59"
                         " with Z or +01:00 if not local time, or 31.12.2024 14:05)",
                         inv__imp_label(im, c), v);
    return false;
}

bool inv__imp_past_field(Importer *im, int c, int64_t *out)
{
    if (!inv__imp_time_field(im, c, out))
        return false;
    if (*out > im->now && *out - im->now > im->max_skew) {
        char when[32];
        inv_time_format(im->now, false, when, sizeof(when));
        inv__imp_problem(im, im->row_line,
                         "%s \"%s\" is in the future (the import runs at %s, with %lld s allowed "
                         "for clock skew)",
                         inv__imp_label(im, c), inv__imp_field(im, c), when,
                         (long long)im->max_skew);
        return false;
    }
    return true;
}

void inv__imp_row_item(Importer *im)
{
    if (!inv__imp_check_fields(im))
        return;
    InvDb *db = im->db;
    const char *barcode = inv__imp_field(im, C_ITEM_BARCODE);
    if (!inv__imp_checked(im, inv__check_code(db, "barcode", barcode)) ||
        !inv__imp_checked(
            im, inv__check_text(db, "name", inv__imp_field(im, C_ITEM_NAME), INV_NAME_MAX, true)) ||
        !inv__imp_checked(im, inv__check_text(db, "category", inv__imp_field(im, C_ITEM_CATEGORY),
                                              INV_NAME_MAX, true)) ||
        !inv__imp_checked(im, inv__check_text(db, "location", inv__imp_field(im, C_ITEM_LOCATION),
                                              INV_NAME_MAX, false)) ||
        !inv__imp_checked(im, inv__check_text(db, "condition", inv__imp_field(im, C_ITEM_CONDITION),
                                              INV_NAME_MAX, false)) ||
        !inv__imp_checked(im, inv__check_text(db, "notes", inv__imp_field(im, C_ITEM_NOTES),
                                              INV_TEXT_MAX, false)))
        return;
    int64_t added = im->now;
    if (inv__imp_field(im, C_ITEM_ADDED_AT)[0] != '\0' &&
        !inv__imp_past_field(im, C_ITEM_ADDED_AT, &added))
        return;
    long days = 0;
    const char *d = inv__imp_field(im, C_ITEM_LOAN_DAYS);
    if (d[0] != '\0' && !inv__imp_parse_int(d, 1, 366, &days)) {
        inv__imp_problem(im, im->row_line, "%s \"%s\" is not a number of days from 1 to 366",
                         inv__imp_label(im, C_ITEM_LOAN_DAYS), d);
        return;
    }
    if (!im->writing) {
        int64_t had = 0;
        InvItem other;
        InvItemExtra x;
        int err =
            seen_before(im, barcode, 1, &had) ? INV_OK : inv__item_get(db, barcode, &other, &x);
        if (err == INV_OK) {
            inv__imp_problem(im, im->row_line,
                             "barcode %s is already used (in the database or above)", barcode);
            return;
        }
        if (err != INV_E_UNKNOWN_ITEM && inv__imp_db_failed(im, err))
            return;
        inv__imp_stage(im);
        return;
    }
    int64_t cat = 0;
    if (inv__imp_db_failed(im, category(im, inv__imp_field(im, C_ITEM_CATEGORY), &cat)))
        return;

    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, barcode);
    inv__bind_text(st, 3, inv__imp_field(im, C_ITEM_NAME));
    sqlite3_bind_int64(st, 4, cat);
    inv__bind_text(st, 5, inv__imp_field(im, C_ITEM_LOCATION));
    inv__bind_text(st, 6, inv__imp_field(im, C_ITEM_CONDITION));
    inv__bind_text(st, 7, inv__imp_field(im, C_ITEM_NOTES));
    if (days > 0)
        sqlite3_bind_int64(st, 9, days);
    sqlite3_bind_int64(st, 10, added);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        inv__imp_problem(im, im->row_line, "barcode %s is already used (in the database or above)",
                         barcode);
        return;
    }
    if (rc != SQLITE_DONE) {
        inv__imp_db_failed(im, inv__sqlfail(db, rc, "cannot add item"));
        return;
    }
    im->res->added++;
}

void inv__imp_row_borrower(Importer *im)
{
    const char *resp = inv__imp_field(im, C_BOR_RESPONSIBLE);
    /* pass 1: adults; pass 2: co-borrowers, once every adult is in */
    if (!im->writing && (im->pass == 1) != (resp[0] == '\0'))
        return;
    if (!inv__imp_check_fields(im))
        return;
    InvDb *db = im->db;
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    const char *card = inv__imp_field(im, C_BOR_CARD);
    if (!inv__imp_checked(im, inv__check_code(db, "card", card)) ||
        !inv__imp_checked(
            im, inv__check_text(db, "name", inv__imp_field(im, C_BOR_NAME), INV_NAME_MAX, true)) ||
        !inv__imp_checked(im, inv__check_text(db, "phone", inv__imp_field(im, C_BOR_PHONE),
                                              INV_PHONE_MAX, false)) ||
        !inv__imp_checked(im, inv__check_text(db, "email", inv__imp_field(im, C_BOR_EMAIL),
                                              INV_NAME_MAX, false)) ||
        !inv__imp_checked(im, inv__check_text(db, "municipality",
                                              inv__imp_field(im, C_BOR_MUNICIPALITY), INV_NAME_MAX,
                                              false)))
        return;
    int held = inv__card_not_staff(db, card); /* a card is a borrower's or a staff member's */
    if (held == INV_E_EXISTS) {
        inv__imp_checked(im, held);
        return;
    }
    if (inv__imp_db_failed(im, held))
        return;
    const char *by = inv__imp_field(im, C_BOR_BIRTH_YEAR);
    long year = 0;
    if (by[0] != '\0' && !inv__imp_parse_int(by, 1900, 2200, &year)) {
        inv__imp_problem(im, im->row_line, "%s \"%s\" is not a year",
                         inv__imp_label(im, C_BOR_BIRTH_YEAR), by);
        return;
    }
    int64_t registered = im->now;
    if (inv__imp_field(im, C_BOR_REGISTERED_AT)[0] != '\0' &&
        !inv__imp_past_field(im, C_BOR_REGISTERED_AT, &registered))
        return;
    bool consent = false;
    const char *cs = inv__imp_field(im, C_BOR_CONSENT);
    if (cs[0] != '\0' && !inv__imp_parse_bool(cs, &consent)) {
        inv__imp_problem(im, im->row_line, "%s \"%s\" is not yes or no",
                         inv__imp_label(im, C_BOR_CONSENT), cs);
        return;
    }
    if (!im->writing) {
        int64_t had = 0;
        int err = seen_before(im, card, resp[0] == '\0' ? 1 : 2, &had)
                      ? INV_OK
                      : inv_borrower_get(db, card, &b);
        if (err == INV_OK) {
            inv__imp_problem(im, im->row_line,
                             "card %s is already registered (in the database or above)", card);
            return;
        }
        if (err != INV_E_UNKNOWN_BORROWER && inv__imp_db_failed(im, err))
            return;
        int64_t adult_in_file = 0;
        if (resp[0] != '\0' && inv__map_get(&im->seen, &im->keys, resp, &adult_in_file)) {
            if (adult_in_file != 1) {
                inv__imp_problem(im, im->row_line, "%s %s is itself a co-borrower",
                                 inv__imp_label(im, C_BOR_RESPONSIBLE), resp);
                return;
            }
            inv__imp_stage(im);
            return;
        }
    }
    int64_t resp_id = 0;
    if (resp[0] != '\0') {
        InvBorrower adult;
        int err = inv_borrower_get(db, resp, &adult);
        if (err == INV_E_UNKNOWN_BORROWER) {
            inv__imp_problem(im, im->row_line, "%s %s is not a registered borrower",
                             inv__imp_label(im, C_BOR_RESPONSIBLE), resp);
            return;
        }
        if (inv__imp_db_failed(im, err))
            return;
        if (adult.responsible_id != 0) {
            inv__imp_problem(im, im->row_line, "%s %s is itself a co-borrower",
                             inv__imp_label(im, C_BOR_RESPONSIBLE), resp);
            return;
        }
        resp_id = adult.id;
    }
    if (!im->writing) {
        inv__imp_stage(im);
        return;
    }

    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, card);
    inv__bind_text(st, 3, inv__imp_field(im, C_BOR_NAME));
    inv__bind_text(st, 4, inv__imp_field(im, C_BOR_PHONE));
    inv__bind_text(st, 5, inv__imp_field(im, C_BOR_EMAIL));
    if (year != 0)
        sqlite3_bind_int64(st, 6, year);
    sqlite3_bind_int64(st, 7, registered);
    sqlite3_bind_int(st, 8, consent ? 1 : 0);
    if (resp_id != 0)
        sqlite3_bind_int64(st, 9, resp_id);
    inv__bind_text(st, 15, inv__imp_field(im, C_BOR_MUNICIPALITY));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        inv__imp_problem(im, im->row_line,
                         "card %s is already registered (in the database or above)", card);
        return;
    }
    if (rc != SQLITE_DONE) {
        inv__imp_db_failed(im, inv__sqlfail(db, rc, "cannot add borrower"));
        return;
    }
    if (inv__imp_db_failed(im, inv__sum_registration(db, db->centre_id, registered)))
        return;
    im->res->added++;
}

const char *inv__imp_label(const Importer *im, int c)
{
    return im->label[c][0] != '\0' ? im->label[c] : im->cols[c].name;
}

const char *inv__imp_field(const Importer *im, int c)
{
    int i = im->col[c];
    if (i < 0 || (size_t)i >= im->n_fields)
        return "";
    const char *s = im->buf + im->off[i];
    return s;
}

bool inv__imp_stage(Importer *im)
{
    size_t start = im->stage.len;
    if (im->stage.len + im->len > im->stage.cap) {
        size_t ncap = im->stage.cap ? im->stage.cap : 64 * 1024;
        while (ncap < im->stage.len + im->len)
            ncap *= 2;
        char *p = realloc(im->stage.buf, ncap);
        if (p == NULL)
            return inv__imp_nomem(im);
        im->stage.buf = p;
        im->stage.cap = ncap;
    }
    if (!GROW(im->staged))
        return inv__imp_nomem(im);
    memcpy(im->stage.buf + start, im->buf, im->len);
    im->stage.len += im->len;
    im->staged.v[im->staged.n++] = (StagedRow){im->row_line, start, im->n_fields};
    return true;
}

/* Starts the check phase's read transaction; *version gets the database's data version. */
static int read_begin(InvDb *db, int64_t *version)
{
    int err = inv__run(db, inv__stmt(db, SQL_BEGIN_READ), "cannot start a transaction");
    if (err == INV_OK)
        err = data_version(db, version);
    if (err != INV_OK)
        inv__rollback(db);
    return err;
}

/* PRAGMA data_version: it changes when another connection commits. */
static int data_version(InvDb *db, int64_t *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_DATA_VERSION);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? INV_OK : inv__sqlfail(db, rc, "cannot read the data version");
}

/* Foreign key checks on or off (outside a transaction; statements prepared before are made
 * again as they next run, with or without the checks). */
static int fk_set(InvDb *db, bool on)
{
    const char *what =
        on ? "cannot turn foreign key checks on" : "cannot turn foreign key checks off";
    int now = -1;
    int rc = sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_FKEY, on ? 1 : 0, &now);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, what);
    return now == (on ? 1 : 0) ? INV_OK : inv__fail(db, INV_E_IO, "%s", what);
}

/* Foreign key checks back on (outside a transaction); *off false. */
static int fk_on(InvDb *db, bool *off)
{
    *off = false;
    return fk_set(db, true);
}

/* The write phase of items and borrowers: each staged row through its row function again, now
 * writing (the database's own constraints catch what changed since the check). */
static int replay(Importer *im)
{
    char *own = im->buf;
    for (size_t i = 0; i < im->staged.n && !im->fatal; i++) {
        const StagedRow *r = &im->staged.v[i];
        im->buf = im->stage.buf + r->start;
        size_t at = 0;
        for (size_t k = 0; k < r->n_fields; k++) {
            im->off[k] = at;
            at += strlen(im->buf + at) + 1;
        }
        im->n_fields = r->n_fields;
        im->len = at;
        im->row_line = r->line;
        im->too_many_fields = false;
        im->row(im);
    }
    im->buf = own;
    if (im->fatal && im->res->n_problems == 0)
        return inv__fail(im->db, INV_E_NOMEM, "out of memory");
    return INV_OK;
}

/* Check phase: true if key was among the file's rows above (*had: its value); else adds it
 * with val. */
static bool seen_before(Importer *im, const char *key, int64_t val, int64_t *had)
{
    if (inv__map_get(&im->seen, &im->keys, key, had))
        return true;
    size_t off = 0;
    if (!inv__str_add(&im->keys, key, &off) || !inv__map_put(&im->seen, &im->keys, off, val))
        inv__imp_nomem(im);
    return false;
}

bool inv__imp_parse_int(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    while (end && *end == ' ')
        end++;
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool inv__imp_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"1", "yes", "ja", "true", "y", "j", "x"};
    static const char *const no[] = {"0", "no", "nei", "false", "n"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* A Norwegian date, D.M.YYYY with an optional time H:MM or H:MM:SS after a space (local time
 * of the centre), read through inv_time_parse as the same ISO date; *looks says whether v has
 * that shape at all, so a bad one (31.02.2024) is told in Norwegian terms. */
static bool norwegian_time(const char *v, bool *looks, int64_t *out)
{
    int day = 0;
    int month = 0;
    int year = 0;
    int hour = -1;
    int min = 0;
    int sec = -1;
    int used = 0;
    *looks = false;
    while (*v == ' ')
        v++;
    if (sscanf(v, "%2d.%2d.%4d%n", &day, &month, &year, &used) != 3 || used < 8 ||
        !isdigit((unsigned char)v[0]))
        return false;
    *looks = true;
    const char *p = v + used;
    while (*p == ' ')
        p++;
    if (*p != '\0') {
        int n = 0;
        if (sscanf(p, "%2d:%2d%n", &hour, &min, &n) != 2 || !isdigit((unsigned char)p[0]))
            return false;
        p += n;
        if (*p == ':') {
            int m = 0;
            if (sscanf(p, ":%2d%n", &sec, &m) != 1 || m != 3)
                return false;
            p += m;
        }
        while (*p == ' ')
            p++;
        if (*p != '\0')
            return false;
    }
    if (year < 1000 || year > 9999 || day < 1 || day > 99 || month < 1 || month > 99 || hour > 99 ||
        min < 0 || min > 99 || sec > 99)
        return false;
    char iso[64];
    if (hour < 0)
        snprintf(iso, sizeof(iso), "%04d-%02d-%02d", year, month, day);
    else if (sec < 0)
        snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d", year, month, day, hour, min);
    else
        snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, min,
                 sec);
    return inv_time_parse(iso, out);
}

static int category(Importer *im, const char *name, int64_t *id)
{
    for (size_t i = 0; i < im->n_cats; i++) {
        if (strcmp(im->cats[i].name, name) == 0) {
            *id = im->cats[i].id;
            return INV_OK;
        }
    }
    int err = inv__category_id(im->db, name, id);
    if (err == INV_OK && im->n_cats < CATEGORY_CACHE && strlen(name) < INV_NAME_MAX) {
        inv__copy(im->cats[im->n_cats].name, INV_NAME_MAX, name);
        im->cats[im->n_cats++].id = *id;
    }
    return err;
}

/* A failure of the store itself (not of the row): record it and stop reading. */
bool inv__imp_db_failed(Importer *im, int err)
{
    if (err == INV_OK)
        return false;
    inv__imp_problem(im, im->row_line, "%s", inv_errmsg(im->db));
    im->fatal = true;
    return true;
}
