/* CSV import of items, borrowers and loan history, as spreadsheets export it: comma or semicolon
 * (detected from the header line), UTF-8 with or without BOM, CRLF or LF, quoted fields with
 * separators, quotes and newlines inside (libcsv, strict mode). The header names the columns, in
 * any order; unknown columns are ignored.
 *
 * All or nothing: the whole file is one transaction. Every row is checked and written inside it;
 * when any row has a problem the transaction is rolled back and the first problems are listed as
 * "FILE:LINE: why" with LINE the 1-based physical line where the row starts (the header is 1).
 *
 * The file is fed to libcsv one physical line at a time, so the parser's callbacks always know
 * which line a row started on. Borrowers are read in two passes: adults first, then co-borrowers,
 * so a child may stand above its responsible adult in the file. */
#include "inv_int.h"
#include "inventory.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_COLS 64
#define READ_CHUNK (256 * 1024)
#define PROGRESS_EVERY (1024 * 1024)
#define CATEGORY_CACHE 64

enum {
    C_ITEM_BARCODE,
    C_ITEM_NAME,
    C_ITEM_CATEGORY,
    C_ITEM_ADDED_AT,
    C_ITEM_LOCATION,
    C_ITEM_CONDITION,
    C_ITEM_NOTES,
    C_ITEM_LOAN_DAYS,
    C_ITEM__N
};
enum {
    C_BOR_CARD,
    C_BOR_NAME,
    C_BOR_PHONE,
    C_BOR_EMAIL,
    C_BOR_BIRTH_YEAR,
    C_BOR_REGISTERED_AT,
    C_BOR_RESPONSIBLE,
    C_BOR_CONSENT,
    C_BOR__N
};
enum {
    C_LOAN_REF,
    C_LOAN_CARD,
    C_LOAN_BARCODE,
    C_LOAN_OUT,
    C_LOAN_DUE,
    C_LOAN_RETURNED,
    C_LOAN__N
};

typedef struct Column {
    const char *name;
    bool required;
} Column;

static const Column item_cols[C_ITEM__N] = {
    {"barcode", true},   {"name", true},       {"category", true}, {"added_at", false},
    {"location", false}, {"condition", false}, {"notes", false},   {"loan_days", false},
};
static const Column borrower_cols[C_BOR__N] = {
    {"card", true},
    {"name", true},
    {"phone", false},
    {"email", false},
    {"birth_year", false},
    {"registered_at", false},
    {"responsible_card", false},
    {"consent", false},
};
static const Column loan_cols[C_LOAN__N] = {
    {"loan_ref", true},       {"card", true},    {"barcode", true},
    {"checked_out_at", true}, {"due_at", false}, {"returned_at", false},
};

static const char *const kind_names[] = {"items", "borrowers", "loans"};

typedef struct Category {
    char name[INV_NAME_MAX];
    int64_t id;
} Category;

/* Strings of the import (barcodes, cards, loan refs), packed; referred to by offset. */
typedef struct Strs {
    char *buf;
    size_t len;
    size_t cap;
} Strs;

/* A string -> integer hash map (open addressing) over keys kept in a Strs. */
typedef struct MapSlot {
    size_t key; /* offset in the Strs, + 1; 0 = empty */
    uint64_t hash;
    int64_t val;
} MapSlot;

typedef struct Map {
    MapSlot *slot;
    size_t cap; /* a power of two */
    size_t n;
} Map;

/* An item as the loans import needs it. */
typedef struct ItemInfo {
    int64_t id;
    int64_t category_id;
    int status;
    int loan_days;
    size_t barcode; /* offset in strs */
} ItemInfo;

/* A loan of the file: its rows share its loan_ref. */
typedef struct LoanRec {
    size_t ref; /* offset in strs */
    int64_t borrower_id;
    int64_t out_at;
    long line;
    int n_lines;
    int64_t db_id;
    int next_seq; /* lines of the loan written so far */
} LoanRec;

/* One loan line of the file. */
typedef struct LoanRow {
    long line;
    size_t loan; /* index in loans */
    size_t item; /* index in items */
    int64_t due_at;
    int64_t back_at; /* 0: still on loan */
} LoanRow;

/* Growable arrays of the structs above. */
#define VEC(T)                                                                                     \
    struct {                                                                                       \
        T *v;                                                                                      \
        size_t n;                                                                                  \
        size_t cap;                                                                                \
    }

typedef struct Bulk {
    Strs strs;
    Map items_by_code;
    Map borrowers_by_card;
    Map loans_by_ref;
    VEC(ItemInfo) items;
    VEC(LoanRec) loans;
    VEC(LoanRow) rows;
    bool loaded;
    int64_t due_out_at; /* the last due time worked out, for loans of due_days from due_out_at */
    int due_days;
    int64_t due_at;
} Bulk;

typedef struct Importer {
    InvDb *db;
    InvImportKind kind;
    const char *path;
    InvImportResult *res;
    const Column *cols;
    int n_cols;
    int col[MAX_COLS]; /* our column -> index in the row, -1 if the file has none */
    int pass;          /* borrowers: 1 adults, 2 co-borrowers */
    int64_t now;

    /* reading */
    long line;         /* physical line being fed */
    long row_line;     /* physical line the current row started on */
    bool line_start;   /* next byte fed starts a physical line */
    bool row_start;    /* next byte fed starts a row */
    size_t rows_ended; /* rows the parser has ended so far */
    bool header_done;
    bool fatal; /* stop reading: the file itself is broken */

    /* the current row: fields packed in buf, NUL-separated */
    char *buf;
    size_t len;
    size_t cap;
    size_t off[MAX_COLS];
    size_t n_fields;
    bool too_many_fields;

    Category cats[CATEGORY_CACHE];
    size_t n_cats;

    Bulk bulk; /* loans */
    long problem_line[INV_IMPORT_PROBLEMS_MAX];
} Importer;

static int run_pass(Importer *im, FILE *f, uint64_t total, InvProgressFn progress, void *pctx);
static bool fast_line(Importer *im, const char *s, size_t n, char delim);
static const char *binary_byte(const char *s, size_t n);
static size_t line_end(const char *s, size_t i, size_t n, size_t *term);
static void on_field(void *data, size_t len, void *ctx);
static void on_row(int term, void *ctx);
static void problem(Importer *im, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void header(Importer *im);
static void row_item(Importer *im);
static void row_borrower(Importer *im);
static void row_loan(Importer *im);
static const char *field(const Importer *im, int c);
static bool parse_int(const char *s, long lo, long hi, long *out);
static bool parse_bool(const char *s, bool *out);
static unsigned char detect_delimiter(const char *buf, size_t len);
static int category(Importer *im, const char *name, int64_t *id);
static bool db_failed(Importer *im, int err);
static int loans_finish(Importer *im);
static void bulk_free(Bulk *b);
static void sort_problems(Importer *im);

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
    memset(result, 0, sizeof(*result));
    Importer im;
    memset(&im, 0, sizeof(im));
    im.db = db;
    im.kind = kind;
    im.path = path;
    im.res = result;
    im.now = now;
    switch (kind) {
    case INV_IMPORT_ITEMS:
        im.cols = item_cols;
        im.n_cols = C_ITEM__N;
        break;
    case INV_IMPORT_BORROWERS:
        im.cols = borrower_cols;
        im.n_cols = C_BOR__N;
        break;
    case INV_IMPORT_LOANS:
        im.cols = loan_cols;
        im.n_cols = C_LOAN__N;
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

    int err = inv__begin(db);
    if (err != INV_OK)
        goto out_close;
    int passes = kind == INV_IMPORT_BORROWERS ? 2 : 1;
    for (im.pass = 1; im.pass <= passes; im.pass++) {
        if (im.pass > 1 && fseek(f, 0, SEEK_SET) != 0) {
            err = inv__fail(db, INV_E_IO, "cannot read %s again: %s", path, strerror(errno));
            goto out_rollback;
        }
        err = run_pass(&im, f, total, progress, progress_ctx);
        if (err != INV_OK)
            goto out_rollback;
        if (im.fatal)
            break;
    }
    if (kind == INV_IMPORT_LOANS && !im.fatal) {
        err = loans_finish(&im);
        if (err != INV_OK)
            goto out_rollback;
    }
    if (result->n_problems > 0) {
        result->added = 0;
        sort_problems(&im);
        inv__rollback(db);
        if (result->n_problems == 1)
            inv__fail(db, INV_E_IMPORT, "%s", result->problems[0]);
        else
            inv__fail(db, INV_E_IMPORT, "%s: refused, nothing imported (%zu problems)", path,
                      result->n_problems);
        err = INV_E_IMPORT;
        goto out_close;
    }
    err = inv__commit(db);
    if (err != INV_OK)
        result->added = 0;
    goto out_close;

out_rollback:
    result->added = 0;
    inv__rollback(db);
out_close:
    bulk_free(&im.bulk);
    free(im.buf);
    fclose(f);
    return err;
}

/* ---- reading ------------------------------------------------------------------------------- */

static int run_pass(Importer *im, FILE *f, uint64_t total, InvProgressFn progress, void *pctx)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return inv__fail(im->db, INV_E_NOMEM, "out of memory");
    char *chunk = malloc(READ_CHUNK);
    if (chunk == NULL) {
        csv_free(&p);
        return inv__fail(im->db, INV_E_NOMEM, "out of memory");
    }
    im->line = 1;
    im->row_line = 1;
    im->line_start = true;
    im->row_start = true;
    im->header_done = false;
    im->n_fields = 0;
    im->len = 0;
    im->too_many_fields = false;
    bool after_cr = false; /* the last line fed ended with a CR: a LF next is part of it */

    uint64_t done = 0;
    uint64_t next_progress = PROGRESS_EVERY;
    bool first = true;
    bool any = false;
    int err = INV_OK;
    size_t n = 0;
    while (!im->fatal && (n = fread(chunk, 1, READ_CHUNK, f)) > 0) {
        size_t start = 0;
        if (first) {
            first = false;
            if (n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
                start = 3;
            csv_set_delim(&p, detect_delimiter(chunk + start, n - start));
        }
        const char *bin = binary_byte(chunk + start, n - start);
        if (bin != NULL) {
            long at = im->line;
            for (const char *c = chunk + start; c < bin; c++)
                at += *c == '\n';
            problem(im, at, "not a CSV file (binary data)");
            im->fatal = true;
            break;
        }
        if (after_cr && start < n && chunk[start] == '\n') {
            csv_parse(&p, chunk + start, 1, on_field, on_row, im); /* the LF of a split CRLF */
            start++;
        }
        for (size_t i = start; i < n && !im->fatal;) {
            size_t term = 0;
            size_t end = line_end(chunk, i, n, &term);
            const char *nl = term > 0 ? chunk + end - 1 : NULL;
            after_cr = term > 0 && chunk[end - 1] == '\r';
            bool content = false;
            for (size_t k = i; k < end && !content; k++)
                content = !isspace((unsigned char)chunk[k]);
            any = any || content;
            if (im->line_start && im->row_start)
                im->row_line = im->line;
            im->line_start = false;
            size_t rows_before = im->rows_ended;
            size_t used = end - i;
            if (!(nl != NULL && im->row_start && content &&
                  fast_line(im, chunk + i, end - i - term, csv_get_delim(&p))))
                used = csv_parse(&p, chunk + i, end - i, on_field, on_row, im);
            /* a row that did not end on this line goes on on the next one */
            if (content && im->rows_ended == rows_before)
                im->row_start = false;
            if (used != end - i) {
                problem(im, im->line, "%s (check the quotes)",
                        csv_error(&p) == CSV_EPARSE ? "malformed quoted field"
                                                    : csv_strerror(csv_error(&p)));
                im->fatal = true;
                break;
            }
            if (nl != NULL) {
                im->line++;
                im->line_start = true;
            }
            i = end;
        }
        done += n;
        if (progress != NULL && done >= next_progress) {
            progress(done, total, pctx);
            next_progress = done + PROGRESS_EVERY;
        }
    }
    if (ferror(f)) {
        err = inv__fail(im->db, INV_E_IO, "cannot read %s: %s", im->path, strerror(errno));
        goto out;
    }
    if (!im->fatal && csv_fini(&p, on_field, on_row, im) != 0) {
        problem(im, im->row_line, "a quoted field is not closed before the end of the file");
        im->fatal = true;
    }
    if (!any && !im->fatal && im->pass == 1) {
        problem(im, 1, "the file is empty");
        im->fatal = true;
    }
    if (progress != NULL && im->pass == 1)
        progress(done, total, pctx);
out:
    csv_free(&p);
    free(chunk);
    return err;
}

/* One past the end of the physical line that starts at s[i]: lines end with LF, CR LF, or a CR
 * alone (old Mac files). *term gets the length of the line end, 0 if the chunk ends first. */
static size_t line_end(const char *s, size_t i, size_t n, size_t *term)
{
    const char *lf = memchr(s + i, '\n', n - i);
    size_t stop = lf ? (size_t)(lf - s) : n;
    const char *cr = memchr(s + i, '\r', stop - i);
    if (cr != NULL && (size_t)(cr - s) + 1 < stop) { /* a CR alone, before any LF */
        *term = 1;
        return (size_t)(cr - s) + 1;
    }
    if (lf == NULL) {
        if (cr != NULL) { /* a CR last in the chunk: the line ends (a LF may follow) */
            *term = 1;
            return (size_t)(cr - s) + 1;
        }
        *term = 0;
        return n;
    }
    *term = cr != NULL ? 2 : 1;
    return stop + 1;
}

/* The first byte that no text file has (control characters but tab, line ends and form feed),
 * or NULL. */
static const char *binary_byte(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
            return s + i;
    }
    return NULL;
}

/* The common line, one whole row without quotes, split here without libcsv (which costs most
 * of the reading otherwise). Fields are trimmed of spaces and tabs as libcsv does. false: the
 * line has quotes, so libcsv must read it. */
static bool fast_line(Importer *im, const char *s, size_t n, char delim)
{
    if (memchr(s, '"', n) != NULL)
        return false;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != delim)
            continue;
        size_t a = start;
        size_t b = i;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        on_field((void *)(uintptr_t)(s + a), b - a, im);
        start = i + 1;
    }
    on_row('\n', im);
    return true;
}

static void on_field(void *data, size_t len, void *ctx)
{
    Importer *im = ctx;
    if (im->fatal)
        return;
    if (im->n_fields == MAX_COLS) {
        im->too_many_fields = true;
        return;
    }
    if (im->len + len + 1 > im->cap) {
        size_t ncap = im->cap ? im->cap : 1024;
        while (ncap < im->len + len + 1)
            ncap *= 2;
        char *nb = realloc(im->buf, ncap);
        if (nb == NULL) {
            problem(im, im->row_line, "out of memory");
            im->fatal = true;
            return;
        }
        im->buf = nb;
        im->cap = ncap;
    }
    im->off[im->n_fields++] = im->len;
    /* a line break inside a quoted field is kept as "\n", whatever the file's line ends */
    const char *src = data;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
            continue;
        im->buf[im->len++] = src[i];
    }
    im->buf[im->len++] = '\0';
}

static void on_row(int term, void *ctx)
{
    (void)term;
    Importer *im = ctx;
    if (!im->fatal) {
        bool utf8 = true;
        for (size_t i = 0; i < im->n_fields && utf8; i++) {
            const char *s = im->buf + im->off[i];
            utf8 = inv__utf8_valid(s, strlen(s));
        }
        if (!utf8) { /* an encoding is the whole file's: one problem, not one per row */
            problem(im, im->row_line, "not UTF-8 text (save it as UTF-8)");
            im->fatal = true;
        } else if (im->too_many_fields) {
            if (im->pass == 1) /* borrowers are read twice: say it once */
                problem(im, im->row_line, "more than %d fields", MAX_COLS);
            if (!im->header_done)
                im->fatal = true;
        } else if (!im->header_done) {
            header(im);
        } else {
            if (im->pass == 1)
                im->res->rows++;
            switch (im->kind) {
            case INV_IMPORT_ITEMS:
                row_item(im);
                break;
            case INV_IMPORT_BORROWERS:
                row_borrower(im);
                break;
            case INV_IMPORT_LOANS:
                row_loan(im);
                break;
            }
        }
    }
    im->n_fields = 0;
    im->len = 0;
    im->too_many_fields = false;
    im->row_start = true;
    im->rows_ended++;
}

static void problem(Importer *im, long line, const char *fmt, ...)
{
    InvImportResult *r = im->res;
    if (r->n_problems < INV_IMPORT_PROBLEMS_MAX) {
        im->problem_line[r->n_problems] = line;
        char *out = r->problems[r->n_problems];
        size_t size = sizeof(r->problems[0]);
        int n = snprintf(out, size, "%s:%ld: ", im->path, line);
        if (n > 0 && (size_t)n < size) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(out + n, size - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    r->n_problems++;
}

static void header(Importer *im)
{
    im->header_done = true;
    for (int c = 0; c < im->n_cols; c++)
        im->col[c] = -1;
    int known = 0;
    for (size_t i = 0; i < im->n_fields; i++) {
        const char *name = im->buf + im->off[i];
        while (*name == ' ')
            name++;
        for (int c = 0; c < im->n_cols; c++) {
            if (strcasecmp(name, im->cols[c].name) == 0) {
                if (im->col[c] >= 0) {
                    problem(im, im->row_line, "column %s appears twice", im->cols[c].name);
                    im->fatal = true;
                    return;
                }
                im->col[c] = (int)i;
                known++;
            }
        }
    }
    char missing[256] = "";
    size_t used = 0;
    for (int c = 0; c < im->n_cols; c++) {
        if (im->cols[c].required && im->col[c] < 0 && used < sizeof(missing)) {
            int w = snprintf(missing + used, sizeof(missing) - used, "%s%s", used ? ", " : "",
                             im->cols[c].name);
            if (w > 0)
                used += (size_t)w;
        }
    }
    if (used > 0) {
        if (known == 0)
            problem(im, im->row_line,
                    "this is not a CSV file of %s: the first line must name the columns (%s)",
                    kind_names[im->kind], missing);
        else
            problem(im, im->row_line, "missing column%s %s", strchr(missing, ',') ? "s" : "",
                    missing);
        im->fatal = true;
    }
}

/* ---- rows ---------------------------------------------------------------------------------- */

/* Checks the fields every kind has: required ones present, text fields within limits. */
static bool check_fields(Importer *im)
{
    bool ok = true;
    for (int c = 0; c < im->n_cols; c++) {
        const char *v = field(im, c);
        if (im->cols[c].required && v[0] == '\0') {
            problem(im, im->row_line, "%s is empty", im->cols[c].name);
            ok = false;
        }
    }
    return ok;
}

/* Runs an inv__check_* result: false (and a problem on this row) when it failed. */
static bool checked(Importer *im, int err)
{
    if (err == INV_OK)
        return true;
    problem(im, im->row_line, "%s", inv_errmsg(im->db));
    return false;
}

static bool time_field(Importer *im, int c, int64_t *out)
{
    const char *v = field(im, c);
    if (!inv_time_parse(v, out)) {
        problem(im, im->row_line,
                "%s \"%s\" is not a date (use 2024-12-31 or 2024-12-31T23:59"
                " with Z or +01:00 if not local time)",
                im->cols[c].name, v);
        return false;
    }
    return true;
}

static void row_item(Importer *im)
{
    if (!check_fields(im))
        return;
    InvDb *db = im->db;
    const char *barcode = field(im, C_ITEM_BARCODE);
    if (!checked(im, inv__check_code(db, "barcode", barcode)) ||
        !checked(im, inv__check_text(db, "name", field(im, C_ITEM_NAME), INV_NAME_MAX, true)) ||
        !checked(im,
                 inv__check_text(db, "category", field(im, C_ITEM_CATEGORY), INV_NAME_MAX, true)) ||
        !checked(
            im, inv__check_text(db, "location", field(im, C_ITEM_LOCATION), INV_NAME_MAX, false)) ||
        !checked(im, inv__check_text(db, "condition", field(im, C_ITEM_CONDITION), INV_NAME_MAX,
                                     false)) ||
        !checked(im, inv__check_text(db, "notes", field(im, C_ITEM_NOTES), INV_TEXT_MAX, false)))
        return;
    int64_t added = im->now;
    if (field(im, C_ITEM_ADDED_AT)[0] != '\0' && !time_field(im, C_ITEM_ADDED_AT, &added))
        return;
    long days = 0;
    const char *d = field(im, C_ITEM_LOAN_DAYS);
    if (d[0] != '\0' && !parse_int(d, 1, 366, &days)) {
        problem(im, im->row_line, "loan_days \"%s\" is not a number of days from 1 to 366", d);
        return;
    }
    int64_t cat = 0;
    if (db_failed(im, category(im, field(im, C_ITEM_CATEGORY), &cat)))
        return;

    sqlite3_stmt *st = inv__stmt(db, SQL_ITEM_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, barcode);
    inv__bind_text(st, 3, field(im, C_ITEM_NAME));
    sqlite3_bind_int64(st, 4, cat);
    inv__bind_text(st, 5, field(im, C_ITEM_LOCATION));
    inv__bind_text(st, 6, field(im, C_ITEM_CONDITION));
    inv__bind_text(st, 7, field(im, C_ITEM_NOTES));
    if (days > 0)
        sqlite3_bind_int64(st, 9, days);
    sqlite3_bind_int64(st, 10, added);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        problem(im, im->row_line, "barcode %s is already used (in the database or above)", barcode);
        return;
    }
    if (rc != SQLITE_DONE) {
        db_failed(im, inv__sqlfail(db, rc, "cannot add item"));
        return;
    }
    im->res->added++;
}

static void row_borrower(Importer *im)
{
    const char *resp = field(im, C_BOR_RESPONSIBLE);
    /* pass 1: adults; pass 2: co-borrowers, once every adult is in */
    if ((im->pass == 1) != (resp[0] == '\0'))
        return;
    if (!check_fields(im))
        return;
    InvDb *db = im->db;
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    const char *card = field(im, C_BOR_CARD);
    if (!checked(im, inv__check_code(db, "card", card)) ||
        !checked(im, inv__check_text(db, "name", field(im, C_BOR_NAME), INV_NAME_MAX, true)) ||
        !checked(im, inv__check_text(db, "phone", field(im, C_BOR_PHONE), INV_PHONE_MAX, false)) ||
        !checked(im, inv__check_text(db, "email", field(im, C_BOR_EMAIL), INV_NAME_MAX, false)))
        return;
    const char *by = field(im, C_BOR_BIRTH_YEAR);
    long year = 0;
    if (by[0] != '\0' && !parse_int(by, 1900, 2200, &year)) {
        problem(im, im->row_line, "birth_year \"%s\" is not a year", by);
        return;
    }
    int64_t registered = im->now;
    if (field(im, C_BOR_REGISTERED_AT)[0] != '\0' &&
        !time_field(im, C_BOR_REGISTERED_AT, &registered))
        return;
    bool consent = false;
    const char *cs = field(im, C_BOR_CONSENT);
    if (cs[0] != '\0' && !parse_bool(cs, &consent)) {
        problem(im, im->row_line, "consent \"%s\" is not yes or no", cs);
        return;
    }
    int64_t resp_id = 0;
    if (resp[0] != '\0') {
        InvBorrower adult;
        int err = inv_borrower_get(db, resp, &adult);
        if (err == INV_E_UNKNOWN_BORROWER) {
            problem(im, im->row_line, "responsible_card %s is not a registered borrower", resp);
            return;
        }
        if (db_failed(im, err))
            return;
        if (adult.responsible_id != 0) {
            problem(im, im->row_line, "responsible_card %s is itself a co-borrower", resp);
            return;
        }
        resp_id = adult.id;
    }

    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, card);
    inv__bind_text(st, 3, field(im, C_BOR_NAME));
    inv__bind_text(st, 4, field(im, C_BOR_PHONE));
    inv__bind_text(st, 5, field(im, C_BOR_EMAIL));
    if (year != 0)
        sqlite3_bind_int64(st, 6, year);
    sqlite3_bind_int64(st, 7, registered);
    sqlite3_bind_int(st, 8, consent ? 1 : 0);
    if (resp_id != 0)
        sqlite3_bind_int64(st, 9, resp_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        problem(im, im->row_line, "card %s is already registered (in the database or above)", card);
        return;
    }
    if (rc != SQLITE_DONE) {
        db_failed(im, inv__sqlfail(db, rc, "cannot add borrower"));
        return;
    }
    if (db_failed(im, inv__sum_registration(db, db->centre_id, registered)))
        return;
    im->res->added++;
}

/* ---- loans: collected row by row, written in bulk ------------------------------------------ */

#define GROW(vec) ((vec).n < (vec).cap || grow((void **)&(vec).v, &(vec).cap, sizeof(*(vec).v)))

static bool grow(void **v, size_t *cap, size_t size)
{
    size_t ncap = *cap ? *cap * 2 : 256;
    void *p = realloc(*v, ncap * size);
    if (p == NULL)
        return false;
    *v = p;
    *cap = ncap;
    return true;
}

static uint64_t hash_str(const char *k, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull;
    }
    return h;
}

static const char *str_at(const Strs *s, size_t off)
{
    return s->buf + off;
}

/* Copies a string into the Strs; its offset in *off. */
static bool str_add(Strs *s, const char *k, size_t *off)
{
    size_t len = strlen(k) + 1;
    if (s->len + len > s->cap) {
        size_t ncap = s->cap ? s->cap : 64 * 1024;
        while (ncap < s->len + len)
            ncap *= 2;
        char *p = realloc(s->buf, ncap);
        if (p == NULL)
            return false;
        s->buf = p;
        s->cap = ncap;
    }
    memcpy(s->buf + s->len, k, len);
    *off = s->len;
    s->len += len;
    return true;
}

static bool map_get(const Map *m, const Strs *s, const char *k, int64_t *val)
{
    if (m->cap == 0)
        return false;
    uint64_t h = hash_str(k, strlen(k));
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const MapSlot *e = &m->slot[i];
        if (e->key == 0)
            return false;
        if (e->hash == h && strcmp(str_at(s, e->key - 1), k) == 0) {
            *val = e->val;
            return true;
        }
    }
}

/* Adds key (already in the Strs at offset key) -> val; the key must not be in the map yet. */
static bool map_put(Map *m, const Strs *s, size_t key, int64_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 1024;
        MapSlot *ns = calloc(ncap, sizeof(*ns));
        if (ns == NULL)
            return false;
        for (size_t i = 0; i < m->cap; i++) {
            if (m->slot[i].key == 0)
                continue;
            size_t j = m->slot[i].hash & (ncap - 1);
            while (ns[j].key != 0)
                j = (j + 1) & (ncap - 1);
            ns[j] = m->slot[i];
        }
        free(m->slot);
        m->slot = ns;
        m->cap = ncap;
    }
    const char *k = str_at(s, key);
    uint64_t h = hash_str(k, strlen(k));
    size_t i = h & (m->cap - 1);
    while (m->slot[i].key != 0)
        i = (i + 1) & (m->cap - 1);
    m->slot[i] = (MapSlot){key + 1, h, val};
    m->n++;
    return true;
}

static bool nomem(Importer *im)
{
    problem(im, im->row_line, "out of memory");
    im->fatal = true;
    return false;
}

static bool add_item_info(Importer *im, const char *barcode, int64_t id, int64_t cat, int status,
                          int days, size_t *index)
{
    Bulk *b = &im->bulk;
    size_t off = 0;
    if (!GROW(b->items) || !str_add(&b->strs, barcode, &off) ||
        !map_put(&b->items_by_code, &b->strs, off, (int64_t)b->items.n))
        return nomem(im);
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
        if (!str_add(&b->strs, (const char *)sqlite3_column_text(st, 0), &off) ||
            !map_put(&b->borrowers_by_card, &b->strs, off, sqlite3_column_int64(st, 1))) {
            nomem(im);
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
    if (map_get(&im->bulk.items_by_code, &im->bulk.strs, barcode, &v)) {
        *index = (size_t)v;
        return true;
    }
    InvItem item;
    InvItemExtra x;
    int err = inv__item_get(im->db, barcode, &item, &x);
    if (err == INV_E_UNKNOWN_ITEM) {
        problem(im, im->row_line, "barcode %s is not a known item", barcode);
        return false;
    }
    if (db_failed(im, err))
        return false;
    return add_item_info(im, barcode, item.id, x.category_id, (int)item.status, x.loan_days, index);
}

static bool find_borrower(Importer *im, const char *card, int64_t *id)
{
    if (map_get(&im->bulk.borrowers_by_card, &im->bulk.strs, card, id))
        return true;
    InvBorrower b;
    int err = inv_borrower_get(im->db, card, &b);
    if (err == INV_E_UNKNOWN_BORROWER) {
        problem(im, im->row_line, "card %s is not a registered borrower", card);
        return false;
    }
    if (db_failed(im, err))
        return false;
    size_t off = 0;
    if (!str_add(&im->bulk.strs, card, &off) ||
        !map_put(&im->bulk.borrowers_by_card, &im->bulk.strs, off, b.id))
        return nomem(im);
    *id = b.id;
    return true;
}

static void row_loan(Importer *im)
{
    if (!check_fields(im))
        return;
    InvDb *db = im->db;
    Bulk *b = &im->bulk;
    if (!b->loaded && db_failed(im, bulk_load(im)))
        return;
    if (im->fatal)
        return;
    const char *ref = field(im, C_LOAN_REF);
    const char *card = field(im, C_LOAN_CARD);
    const char *barcode = field(im, C_LOAN_BARCODE);
    if (!checked(im, inv__check_code(db, "loan_ref", ref)) ||
        !checked(im, inv__check_code(db, "card", card)) ||
        !checked(im, inv__check_code(db, "barcode", barcode)))
        return;
    int64_t out_at = 0;
    int64_t due_at = 0;
    int64_t back_at = 0;
    if (!time_field(im, C_LOAN_OUT, &out_at))
        return;
    if (field(im, C_LOAN_DUE)[0] != '\0' && !time_field(im, C_LOAN_DUE, &due_at))
        return;
    if (field(im, C_LOAN_RETURNED)[0] != '\0' && !time_field(im, C_LOAN_RETURNED, &back_at))
        return;
    if (back_at != 0 && back_at < out_at) {
        problem(im, im->row_line, "returned_at is before checked_out_at");
        return;
    }
    if (due_at != 0 && due_at < out_at) {
        problem(im, im->row_line, "due_at is before checked_out_at");
        return;
    }
    int64_t borrower = 0;
    size_t item = 0;
    if (!find_borrower(im, card, &borrower) || !find_item(im, barcode, &item))
        return;

    int64_t loan = 0;
    if (map_get(&b->loans_by_ref, &b->strs, ref, &loan)) {
        LoanRec *l = &b->loans.v[loan];
        if (l->borrower_id != borrower || l->out_at != out_at) {
            problem(im, im->row_line,
                    "loan_ref %s has rows with a different card or checked_out_at (line %ld)", ref,
                    l->line);
            return;
        }
        if (l->n_lines == INV_CHECKOUT_MAX) {
            problem(im, im->row_line, "loan_ref %s has more than %d items", ref, INV_CHECKOUT_MAX);
            return;
        }
    } else {
        size_t off = 0;
        if (!GROW(b->loans) || !str_add(&b->strs, ref, &off) ||
            !map_put(&b->loans_by_ref, &b->strs, off, (int64_t)b->loans.n)) {
            nomem(im);
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
            b->due_at = inv__due_at(out_at, days);
        }
        due_at = b->due_at;
    }
    if (!GROW(b->rows)) {
        nomem(im);
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
    problem(im, r->line, "item %s is already on loan then (loan %s from %s)",
            str_at(&im->bulk.strs, im->bulk.items.v[r->item].barcode), other, when);
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
                problem(im, row->line, "item %s is twice in loan %s",
                        str_at(&b->strs, b->items.v[row->item].barcode),
                        str_at(&b->strs, b->loans.v[row->loan].ref));
            else if (sp[last].to > sp[j].from)
                overlap_problem(im, row, str_at(&b->strs, pl->ref), pl->out_at);
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

/* Adds the file's loans to the summaries: aggregated in memory, then one upsert per year,
 * month and category, and one insert per borrower and period. */
static int write_summaries(Importer *im)
{
    Bulk *b = &im->bulk;
    InvDb *db = im->db;
    int64_t centre = db->centre_id;
    size_t n_years = 0;
    size_t n_months = 0;
    size_t n_cats = 0;
    Agg *years = calloc(AGG_MAX, sizeof(Agg));
    Agg *months = calloc(AGG_MAX, sizeof(Agg));
    Agg *cats = calloc(AGG_MAX, sizeof(Agg));
    Seen *seen = malloc(2 * (b->loans.n + 1) * sizeof(Seen));
    int64_t *loan_month = malloc((b->loans.n + 1) * sizeof(int64_t));
    int err = INV_OK;
    if (!years || !months || !cats || !seen || !loan_month) {
        err = inv__fail(db, INV_E_NOMEM, "out of memory");
        goto out;
    }
    size_t n_seen = 0;
    for (size_t i = 0; i < b->loans.n; i++) {
        const LoanRec *l = &b->loans.v[i];
        InvLocal t = inv__local(l->out_at);
        int64_t month = (int64_t)t.year * 100 + t.month;
        loan_month[i] = month;
        Agg *y = agg_at(years, &n_years, AGG_MAX, t.year);
        Agg *m = agg_at(months, &n_months, AGG_MAX, month);
        if (y == NULL || m == NULL) {
            err = inv__fail(db, INV_E_INVALID, "the file spans too many months");
            goto out;
        }
        y->loans++;
        y->items += l->n_lines;
        m->loans++;
        m->items += l->n_lines;
        seen[n_seen++] = (Seen){t.year, l->borrower_id};
        seen[n_seen++] = (Seen){month, l->borrower_id};
    }
    for (size_t i = 0; i < b->rows.n; i++) {
        const LoanRow *r = &b->rows.v[i];
        int64_t key = (loan_month[r->loan] << CAT_SHIFT) + b->items.v[r->item].category_id;
        Agg *c = agg_at(cats, &n_cats, AGG_MAX, key);
        if (c == NULL) {
            err = inv__fail(db, INV_E_INVALID, "the file spans too many months and categories");
            goto out;
        }
        c->items++;
        if (r->back_at != 0) {
            Agg *y = agg_at(years, &n_years, AGG_MAX, loan_month[r->loan] / 100);
            y->returned++;
            y->seconds += r->back_at - b->loans.v[r->loan].out_at;
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
        Agg *a = is_year ? agg_at(years, &n_years, AGG_MAX, period)
                         : agg_at(months, &n_months, AGG_MAX, period);
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

/* After the whole file is read: overlaps, then (if all is well) loans, lines, item status and
 * summaries. Problems found here are listed like those of single rows. */
static int loans_finish(Importer *im)
{
    Bulk *b = &im->bulk;
    InvDb *db = im->db;
    int err = check_overlaps(im);
    if (err != INV_OK || im->res->n_problems > 0)
        return err;
    for (size_t i = 0; i < b->loans.n; i++) {
        LoanRec *l = &b->loans.v[i];
        sqlite3_stmt *st = inv__stmt(db, SQL_LOAN_ADD);
        sqlite3_bind_int64(st, 1, db->centre_id);
        sqlite3_bind_int64(st, 2, l->borrower_id);
        sqlite3_bind_int64(st, 4, l->out_at);
        inv__bind_text(st, 5, str_at(&b->strs, l->ref));
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_CONSTRAINT_UNIQUE) {
            problem(im, l->line, "loan_ref %s was imported before", str_at(&b->strs, l->ref));
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
                problem(im, r->line, "item %s is %s, so it cannot still be on loan",
                        str_at(&b->strs, it->barcode),
                        inv_item_status_name((InvItemStatus)it->status));
        }
    }
    if (im->res->n_problems > 0)
        return INV_OK;
    im->res->added = b->rows.n;
    return write_summaries(im);
}

static void bulk_free(Bulk *b)
{
    free(b->strs.buf);
    free(b->items_by_code.slot);
    free(b->borrowers_by_card.slot);
    free(b->loans_by_ref.slot);
    free(b->items.v);
    free(b->loans.v);
    free(b->rows.v);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static const char *field(const Importer *im, int c)
{
    int i = im->col[c];
    if (i < 0 || (size_t)i >= im->n_fields)
        return "";
    const char *s = im->buf + im->off[i];
    return s;
}

static bool parse_int(const char *s, long lo, long hi, long *out)
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

static bool parse_bool(const char *s, bool *out)
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

/* The separator of the header line: the more frequent of ',' and ';' outside quotes. */
static unsigned char detect_delimiter(const char *buf, size_t len)
{
    size_t commas = 0;
    size_t semis = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || buf[i] != '\n'); i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted && buf[i] == ',')
            commas++;
        else if (!quoted && buf[i] == ';')
            semis++;
    }
    return semis > commas ? ';' : ',';
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
static bool db_failed(Importer *im, int err)
{
    if (err == INV_OK)
        return false;
    problem(im, im->row_line, "%s", inv_errmsg(im->db));
    im->fatal = true;
    return true;
}

/* The listed problems in line order (overlaps are found item by item, after the rows). */
static void sort_problems(Importer *im)
{
    InvImportResult *r = im->res;
    size_t n = r->n_problems < INV_IMPORT_PROBLEMS_MAX ? r->n_problems : INV_IMPORT_PROBLEMS_MAX;
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && im->problem_line[j - 1] > im->problem_line[j]; j--) {
            char tmp[INV_MSG_MAX];
            memcpy(tmp, r->problems[j], sizeof(tmp));
            memcpy(r->problems[j], r->problems[j - 1], sizeof(tmp));
            memcpy(r->problems[j - 1], tmp, sizeof(tmp));
            long t = im->problem_line[j];
            im->problem_line[j] = im->problem_line[j - 1];
            im->problem_line[j - 1] = t;
        }
    }
}
