/* The CSV reader of the import: comma or semicolon (detected from the header line), UTF-8 with
 * or without BOM, CRLF, LF or CR line ends, quoted fields with separators, quotes and newlines
 * inside (libcsv, strict mode). The header names the columns, in any order; unknown columns are
 * ignored.
 *
 * The file is fed to libcsv one physical line at a time, so the parser's callbacks always know
 * which line a row started on; the common line without quotes is split here (fast_line). Each
 * row goes to the importer's row function; problems are listed as "FILE:LINE: why" with LINE
 * the 1-based physical line where the row starts (the header is 1). */
#include "inv_import_int.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define READ_CHUNK (256 * 1024)
#define PROGRESS_EVERY (1024 * 1024)

static bool fast_line(Importer *im, const char *s, size_t n, char delim);
static const char *binary_byte(const char *s, size_t n);
static size_t line_end(const char *s, size_t i, size_t n, size_t *term);
static void on_field(void *data, size_t len, void *ctx);
static void on_row(int term, void *ctx);
static void header(Importer *im);
static unsigned char detect_delimiter(const char *buf, size_t len);

/* ---- reading ------------------------------------------------------------------------------- */

int inv__csv_read(Importer *im, FILE *f, uint64_t total, InvProgressFn progress, void *pctx)
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
            inv__imp_problem(im, at, "not a CSV file (binary data)");
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
                inv__imp_problem(im, im->line, "%s (check the quotes)",
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
        inv__imp_problem(im, im->row_line,
                         "a quoted field is not closed before the end of the file");
        im->fatal = true;
    }
    if (!any && !im->fatal && im->pass == 1) {
        inv__imp_problem(im, 1, "the file is empty");
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
            inv__imp_problem(im, im->row_line, "out of memory");
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
            inv__imp_problem(im, im->row_line, "not UTF-8 text (save it as UTF-8)");
            im->fatal = true;
        } else if (im->too_many_fields) {
            if (im->pass == 1) /* borrowers are read twice: say it once */
                inv__imp_problem(im, im->row_line, "more than %d fields", MAX_COLS);
            if (!im->header_done)
                im->fatal = true;
        } else if (!im->header_done) {
            header(im);
        } else {
            if (im->pass == 1)
                im->res->rows++;
            im->row(im);
        }
    }
    im->n_fields = 0;
    im->len = 0;
    im->too_many_fields = false;
    im->row_start = true;
    im->rows_ended++;
}

void inv__imp_problem(Importer *im, long line, const char *fmt, ...)
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

/* A header name folded for matching: ASCII lowercase; æ, ø, å as ae, o, a, and their ASCII
 * spellings oe and aa as o and a; space and '-' as '_'. "Fødselsår", "foedselsaar" and
 * "fodselsar" all fold to "fodselsar". */
static void fold(const char *in, char *out, size_t size)
{
    char tmp[128];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && n + 3 < sizeof(tmp); p++) {
        if (p[0] == 0xC3 && (p[1] == 0xA6 || p[1] == 0x86)) { /* æ Æ */
            tmp[n++] = 'a';
            tmp[n++] = 'e';
            p++;
        } else if (p[0] == 0xC3 && (p[1] == 0xB8 || p[1] == 0x98)) { /* ø Ø */
            tmp[n++] = 'o';
            p++;
        } else if (p[0] == 0xC3 && (p[1] == 0xA5 || p[1] == 0x85)) { /* å Å */
            tmp[n++] = 'a';
            p++;
        } else if (*p == ' ' || *p == '-') {
            tmp[n++] = '_';
        } else {
            tmp[n++] = (char)tolower(*p);
        }
    }
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < size; i++) {
        out[o++] = tmp[i];
        if (i + 1 < n &&
            ((tmp[i] == 'o' && tmp[i + 1] == 'e') || (tmp[i] == 'a' && tmp[i + 1] == 'a')))
            i++;
    }
    if (size > 0)
        out[o] = '\0';
}

/* The Norwegian name number k of a column (its '|'-separated list) into buf; false if none. */
static bool nb_name(const Column *col, int k, char *buf, size_t size)
{
    const char *p = col->nb;
    for (int i = 0; i < k && p != NULL; i++) {
        p = strchr(p, '|');
        if (p != NULL)
            p++;
    }
    if (p == NULL || *p == '\0')
        return false;
    size_t len = strcspn(p, "|");
    if (len >= size)
        len = size - 1;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return true;
}

/* Whether a folded header name is column c's: 1 by its English name, 2 by a Norwegian one. */
static int column_match(const Column *col, const char *folded)
{
    char f[128];
    fold(col->name, f, sizeof(f));
    if (strcmp(f, folded) == 0)
        return 1;
    char name[64];
    for (int k = 0; nb_name(col, k, name, sizeof(name)); k++) {
        fold(name, f, sizeof(f));
        if (strcmp(f, folded) == 0)
            return 2;
    }
    return 0;
}

static void header(Importer *im)
{
    im->header_done = true;
    for (int c = 0; c < im->n_cols; c++) {
        im->col[c] = -1;
        inv__copy(im->label[c], sizeof(im->label[c]), im->cols[c].name);
    }
    int known = 0;
    bool norwegian = false;
    for (size_t i = 0; i < im->n_fields; i++) {
        const char *name = im->buf + im->off[i];
        while (*name == ' ')
            name++;
        char folded[128];
        fold(name, folded, sizeof(folded));
        for (int c = 0; c < im->n_cols; c++) {
            int how = column_match(&im->cols[c], folded);
            if (how == 0)
                continue;
            if (im->col[c] >= 0) {
                inv__imp_problem(im, im->row_line, "column %s appears twice", name);
                im->fatal = true;
                return;
            }
            im->col[c] = (int)i;
            if (how == 2) {
                nb_name(&im->cols[c], 0, im->label[c], sizeof(im->label[c]));
                norwegian = true;
            }
            known++;
        }
    }
    /* missing columns are named in the language of the file's header */
    char missing[256] = "";
    size_t used = 0;
    for (int c = 0; c < im->n_cols; c++) {
        if (im->cols[c].required && im->col[c] < 0 && used < sizeof(missing)) {
            char nb[64];
            const char *name = im->cols[c].name;
            if (norwegian && nb_name(&im->cols[c], 0, nb, sizeof(nb)))
                name = nb;
            int w =
                snprintf(missing + used, sizeof(missing) - used, "%s%s", used ? ", " : "", name);
            if (w > 0)
                used += (size_t)w;
        }
    }
    if (used > 0) {
        if (known == 0)
            inv__imp_problem(
                im, im->row_line,
                "this is not a CSV file of %s: the first line must name the columns (%s)",
                inv_import_kind_name(im->kind), missing);
        else
            inv__imp_problem(im, im->row_line, "missing column%s %s",
                             strchr(missing, ',') ? "s" : "", missing);
        im->fatal = true;
    }
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

/* The listed problems in line order (overlaps are found item by item, after the rows). */
void inv__imp_sort_problems(Importer *im)
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
