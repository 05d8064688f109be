/* The report and check commands of bua-admin. The report is one list of rows (adm_report.h:
 * this year's figures beside last year's) printed as text in the words of the annual report a
 * centre sends in (Norwegian, or English with --lang en: "Antall utlånt utstyr: 13 334
 * (14 836)"), as JSON and CSV for spreadsheets and scripts, and as a PDF (adm_report_pdf.c).
 * CSV is long-form: one `section,key,metric,value,last_year` row per figure (section total,
 * month, category, age, municipality; key the year, YYYY-MM, the category, the band or the
 * municipality; last_year empty when that year has no data). JSON keeps the year's figures as
 * top-level keys, last year's in the same shape under "last_year", and every row of the block
 * under "figures". */
#include "adm_report.h"

#include "adm.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum ReportFormat {
    REPORT_TEXT,
    REPORT_JSON,
    REPORT_CSV,
} ReportFormat;

/* Counts for the check command's summary. */
typedef struct CheckCount {
    int64_t items[5]; /* by InvItemStatus */
    int64_t borrowers;
    int64_t blocked;
    int64_t overdue;
} CheckCount;

static void print_text(AdmCtx *ctx, const AdmReport *r);
static int print_json(const AdmReport *r);
static void print_csv(const AdmReport *r);
static void csv_value(FILE *out, AdmFormat f, const int64_t v[2], int part);
static void cell_right(const char *s, int width);
static void cell_pair(int64_t now, int64_t last, bool has_last, int width);
static cJSON *json_year(const InvYearReport *y, bool with_now);
static double round2(double x);
static int count_item(const InvItem *item, void *ctx);
static int count_borrower(const InvBorrower *b, void *ctx);
static int count_overdue(const InvLoanLine *line, void *ctx);

int adm_cmd_report(AdmCtx *ctx, int argc, char **argv)
{
    const char *year_text = NULL;
    const char *format_text = NULL;
    const char *lang_text = NULL;
    const char *pdf = NULL;
    const AdmOpt opts[] = {{"--year", &year_text, NULL},
                           {"--format", &format_text, NULL},
                           {"--lang", &lang_text, NULL},
                           {"--pdf", &pdf, NULL}};
    size_t n_pos = 0;
    int year = 0;
    ReportFormat format = REPORT_TEXT;
    AdmLang lang = ADM_LANG_NB;
    AdmReport r;
    memset(&r, 0, sizeof(r));

    if (adm_national_wanted(argc, argv)) {
        return adm_cmd_report_national(ctx, argc, argv);
    }
    int rc = adm_parse("report", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("report", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && year_text != NULL) {
        rc = adm_parse_int("--year", year_text, ADM_YEAR_MIN, ADM_YEAR_MAX, &year);
    }
    if (rc == ADM_EXIT_OK && format_text != NULL) {
        if (strcmp(format_text, "text") == 0) {
            format = REPORT_TEXT;
        } else if (strcmp(format_text, "json") == 0) {
            format = REPORT_JSON;
        } else if (strcmp(format_text, "csv") == 0) {
            format = REPORT_CSV;
        } else {
            rc = adm_usage("invalid --format '%s': use text, json or csv", format_text);
        }
    }
    if (rc == ADM_EXIT_OK && lang_text != NULL) {
        rc = adm_report_lang(lang_text, &lang);
    }
    if (rc == ADM_EXIT_OK && pdf != NULL && pdf[0] == '\0') {
        rc = adm_usage("invalid --pdf: empty (give the file to write)");
    }
    if (rc == ADM_EXIT_OK && pdf != NULL && format_text != NULL) {
        rc = adm_usage("report takes --pdf FILE or --format, not both");
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (year_text == NULL) {
        year = inv_time_year(ctx->now);
    }
    rc = adm_report_build(ctx, year, lang, &r);
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    if (pdf != NULL) {
        rc = adm_report_pdf(ctx, &r, pdf);
        if (rc == ADM_EXIT_OK) {
            printf("wrote the %d report to %s\n", year, pdf);
        }
        adm_report_release(&r);
        return rc;
    }
    switch (format) {
    case REPORT_TEXT:
        print_text(ctx, &r);
        break;
    case REPORT_JSON:
        rc = print_json(&r);
        break;
    case REPORT_CSV:
        print_csv(&r);
        break;
    }
    adm_report_release(&r);
    return rc;
}

int adm_cmd_check(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    CheckCount count = {{0}, 0, 0, 0};
    InvFigures fig = {0};

    int rc = adm_parse("check", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("check", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_check(ctx->db);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "check failed");
    }
    err = inv_item_each(ctx->db, NULL, count_item, &count);
    if (err == INV_OK) {
        err = inv_borrower_each(ctx->db, NULL, 0, count_borrower, &count);
    }
    if (err == INV_OK) {
        err = inv_each_overdue(ctx->db, ctx->now, count_overdue, &count);
    }
    int year = inv_time_year(ctx->now);
    if (err == INV_OK) {
        err = inv_figures(ctx->db, year, inv_centre_id(ctx->db), &fig);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "check failed");
    }
    int64_t items = 0;
    for (int s = 0; s < 5; s++) {
        items += count.items[s];
    }
    printf("database %s: ok (time zone %s)\n", ctx->db_path, inv_timezone(ctx->db));
    printf("items:     %lld (%lld available, %lld on loan, %lld in repair, %lld missing, "
           "%lld retired)\n",
           (long long)items, (long long)count.items[INV_ITEM_AVAILABLE],
           (long long)count.items[INV_ITEM_ON_LOAN], (long long)count.items[INV_ITEM_IN_REPAIR],
           (long long)count.items[INV_ITEM_MISSING], (long long)count.items[INV_ITEM_RETIRED]);
    printf("borrowers: %lld (%lld blocked)\n", (long long)count.borrowers,
           (long long)count.blocked);
    printf("overdue:   %lld\n", (long long)count.overdue);
    printf("%d:      %lld items lent, %lld loans, %lld borrowers, %lld new borrowers\n", year,
           (long long)fig.items_lent, (long long)fig.loans, (long long)fig.borrowers,
           (long long)fig.new_borrowers);
    return ADM_EXIT_OK;
}

static void print_text(AdmCtx *ctx, const AdmReport *r)
{
    char cell[160];
    const AdmLang lang = r->lang;
    printf("%s %d (%s)\n", adm_word(lang, ADM_WORD_TITLE), r->cur.year, inv_timezone(ctx->db));
    if (r->prev.has_data) {
        printf("%s: %d\n", adm_word(lang, ADM_WORD_BRACKETS), r->prev.year);
    }
    fputc('\n', stdout);
    for (size_t i = 0; i < r->n_rows; i++) {
        const AdmRow *row = &r->rows[i];
        const char *heading = adm_section_heading(row->section, lang);
        if (heading[0] != '\0' && (i == 0 || r->rows[i - 1].section != row->section)) {
            printf("\n%s:\n", heading);
        }
        adm_report_cell(r, row, cell, sizeof cell);
        printf("%s%s: %s\n", heading[0] != '\0' ? "  " : "", ADM_ESC(row->label), cell);
    }
    /* per month and per category: this year's, last year's in brackets */
    bool has_last = r->prev.has_data;
    int w = has_last ? 17 : 13;
    printf("\n%s:\n  ", adm_word(lang, ADM_WORD_PER_MONTH));
    adm_cell(adm_word(lang, ADM_WORD_MONTH), 10);
    cell_right(adm_word(lang, ADM_WORD_ITEMS_LENT), w);
    cell_right(adm_word(lang, ADM_WORD_LOANS), w);
    cell_right(adm_word(lang, ADM_WORD_BORROWERS), w);
    cell_right(adm_word(lang, ADM_WORD_NEW), w);
    fputc('\n', stdout);
    for (int m = 0; m < 12; m++) {
        const InvFigures *f = &r->cur.month[m];
        const InvFigures *p = &r->prev.month[m];
        fputs("  ", stdout);
        adm_cell(adm_month_name(lang, m + 1), 10);
        cell_pair(f->items_lent, p->items_lent, has_last, w);
        cell_pair(f->loans, p->loans, has_last, w);
        cell_pair(f->borrowers, p->borrowers, has_last, w);
        cell_pair(f->new_borrowers, p->new_borrowers, has_last, w);
        fputc('\n', stdout);
    }
    printf("\n%s:\n", adm_word(lang, ADM_WORD_PER_CAT));
    if (r->cur.n_categories == 0) {
        printf("  %s\n", adm_word(lang, ADM_WORD_NO_LOANS));
    }
    for (size_t i = 0; i < r->cur.n_categories; i++) {
        const InvCategoryFigure *c = &r->cur.by_category[i];
        fputs("  ", stdout);
        adm_cell(c->category, 24);
        cell_pair(c->items_lent, adm_report_prev_category(r, c->category), has_last, w);
        fputc('\n', stdout);
    }
}

/* "13 334 (14 836)" (or "13 334") right-aligned in width characters, after a space */
static void cell_pair(int64_t now, int64_t last, bool has_last, int width)
{
    char a[48];
    char b[48];
    char both[100];
    adm_group(now, a, sizeof a);
    if (has_last) {
        adm_group(last, b, sizeof b);
        snprintf(both, sizeof both, "%s (%s)", a, b);
    } else {
        snprintf(both, sizeof both, "%s", a);
    }
    cell_right(both, width);
}

/* s right-aligned in width characters (UTF-8 aware), after a space */
static void cell_right(const char *s, int width)
{
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p & 0xC0) != 0x80) {
            chars++;
        }
    }
    fputc(' ', stdout);
    for (; chars < width; chars++) {
        fputc(' ', stdout);
    }
    fputs(s, stdout);
}

static int print_json(const AdmReport *r)
{
    int rc = ADM_EXIT_OK;
    char *text = NULL;
    cJSON *root = json_year(&r->cur, true);
    if (root == NULL) {
        goto out_nomem;
    }
    cJSON *last = r->prev.has_data ? json_year(&r->prev, false) : cJSON_CreateNull();
    if (last == NULL) {
        goto out_nomem;
    }
    cJSON_AddItemToObject(root, "last_year", last);
    if (cJSON_AddStringToObject(root, "language", r->lang == ADM_LANG_NB ? "nb" : "en") == NULL ||
        !adm_report_json_rows(r, root)) {
        goto out_nomem;
    }
    text = cJSON_Print(root);
    if (text == NULL) {
        goto out_nomem;
    }
    printf("%s\n", text);
    goto out_free;
out_nomem:
    rc = adm_fail("cannot make the report: out of memory");
out_free:
    cJSON_free(text);
    cJSON_Delete(root);
    return rc;
}

/* A year's figures in the report's original JSON shape (its keys are kept as they were);
 * with_now: also the figures of the moment (overdue now, never lent). NULL: out of memory. */
static cJSON *json_year(const InvYearReport *y, bool with_now)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        return NULL;
    }
    if (cJSON_AddNumberToObject(o, "year", y->year) == NULL ||
        cJSON_AddNumberToObject(o, "items_lent", (double)y->total.items_lent) == NULL ||
        cJSON_AddNumberToObject(o, "loans", (double)y->total.loans) == NULL ||
        cJSON_AddNumberToObject(o, "borrowers", (double)y->total.borrowers) == NULL ||
        cJSON_AddNumberToObject(o, "new_borrowers", (double)y->total.new_borrowers) == NULL ||
        (with_now &&
         (cJSON_AddNumberToObject(o, "overdue_now", (double)y->overdue_now) == NULL ||
          cJSON_AddNumberToObject(o, "items_never_lent", (double)y->items_never_lent) == NULL)) ||
        cJSON_AddNumberToObject(o, "avg_loan_days", round2(y->avg_loan_days)) == NULL ||
        cJSON_AddNumberToObject(o, "open_days", (double)y->open_days) == NULL ||
        cJSON_AddNumberToObject(o, "renewals", (double)y->renewals) == NULL ||
        cJSON_AddNumberToObject(o, "reservations_made", (double)y->reservations_made) == NULL ||
        cJSON_AddNumberToObject(o, "reservations_fulfilled", (double)y->reservations_fulfilled) ==
            NULL) {
        goto out_nomem;
    }
    cJSON *months = cJSON_AddArrayToObject(o, "by_month");
    if (months == NULL) {
        goto out_nomem;
    }
    for (int m = 0; m < 12; m++) {
        const InvFigures *f = &y->month[m];
        cJSON *e = cJSON_CreateObject();
        if (e == NULL) {
            goto out_nomem;
        }
        cJSON_AddItemToArray(months, e);
        if (cJSON_AddNumberToObject(e, "month", m + 1) == NULL ||
            cJSON_AddNumberToObject(e, "items_lent", (double)f->items_lent) == NULL ||
            cJSON_AddNumberToObject(e, "loans", (double)f->loans) == NULL ||
            cJSON_AddNumberToObject(e, "borrowers", (double)f->borrowers) == NULL ||
            cJSON_AddNumberToObject(e, "new_borrowers", (double)f->new_borrowers) == NULL) {
            goto out_nomem;
        }
    }
    cJSON *cats = cJSON_AddArrayToObject(o, "by_category");
    if (cats == NULL) {
        goto out_nomem;
    }
    for (size_t i = 0; i < y->n_categories; i++) {
        cJSON *e = cJSON_CreateObject();
        if (e == NULL) {
            goto out_nomem;
        }
        cJSON_AddItemToArray(cats, e);
        if (cJSON_AddStringToObject(e, "category", y->by_category[i].category) == NULL ||
            cJSON_AddNumberToObject(e, "items_lent", (double)y->by_category[i].items_lent) ==
                NULL) {
            goto out_nomem;
        }
    }
    return o;
out_nomem:
    cJSON_Delete(o);
    return NULL;
}

/* One JSON number for a row's value: counts as they are, hundredths and hours as decimals. */
static cJSON *json_value(AdmFormat f, const int64_t v[2])
{
    switch (f) {
    case ADM_FMT_COUNT:
        return cJSON_CreateNumber((double)v[0]);
    case ADM_FMT_DECIMAL:
        return cJSON_CreateNumber(round2((double)v[0] / 100.0));
    case ADM_FMT_HOURS:
        return cJSON_CreateNumber(round2((double)v[0] / 60.0));
    case ADM_FMT_PERSONS_HOURS: {
        cJSON *o = cJSON_CreateObject();
        if (o != NULL &&
            (cJSON_AddNumberToObject(o, "persons", (double)v[0]) == NULL ||
             cJSON_AddNumberToObject(o, "hours", round2((double)v[1] / 60.0)) == NULL)) {
            cJSON_Delete(o);
            o = NULL;
        }
        return o;
    }
    }
    return NULL;
}

static const char *format_name(AdmFormat f)
{
    switch (f) {
    case ADM_FMT_COUNT:
        return "count";
    case ADM_FMT_DECIMAL:
        return "decimal";
    case ADM_FMT_HOURS:
        return "hours";
    case ADM_FMT_PERSONS_HOURS:
        return "persons_hours";
    }
    return "count";
}

/* "figures": every row of the block, {section, key, metric, label, format, value, last_year}
 * (last_year null when that year has no data). */
bool adm_report_json_rows(const AdmReport *r, cJSON *root)
{
    cJSON *rows = cJSON_AddArrayToObject(root, "figures");
    if (rows == NULL) {
        return false;
    }
    for (size_t i = 0; i < r->n_rows; i++) {
        const AdmRow *row = &r->rows[i];
        cJSON *e = cJSON_CreateObject();
        if (e == NULL) {
            return false;
        }
        cJSON_AddItemToArray(rows, e);
        if (cJSON_AddStringToObject(e, "section", adm_section_key(row->section)) == NULL ||
            (row->key[0] != '\0' && cJSON_AddStringToObject(e, "key", row->key) == NULL) ||
            cJSON_AddStringToObject(e, "metric", row->metric) == NULL ||
            cJSON_AddStringToObject(e, "label", row->label) == NULL ||
            cJSON_AddStringToObject(e, "format", format_name(row->format)) == NULL) {
            return false;
        }
        cJSON *now = json_value(row->format, row->now);
        if (now == NULL) {
            return false;
        }
        cJSON_AddItemToObject(e, "value", now);
        cJSON *last = row->has_last ? json_value(row->format, row->last) : cJSON_CreateNull();
        if (last == NULL) {
            return false;
        }
        cJSON_AddItemToObject(e, "last_year", last);
    }
    return true;
}

static void print_csv(const AdmReport *r)
{
    char key[16] = "";
    bool has_last = r->prev.has_data;

    printf("section,key,metric,value,last_year\n");
    adm_report_csv_rows(stdout, r, r->cur.year);
    for (int m = 0; m < 12; m++) {
        const InvFigures *f = &r->cur.month[m];
        const InvFigures *p = &r->prev.month[m];
        const struct {
            const char *metric;
            int64_t now;
            int64_t last;
        } cells[] = {
            {"items_lent", f->items_lent, p->items_lent},
            {"loans", f->loans, p->loans},
            {"borrowers", f->borrowers, p->borrowers},
            {"new_borrowers", f->new_borrowers, p->new_borrowers},
        };
        snprintf(key, sizeof key, "%04d-%02d", r->cur.year, m + 1);
        for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
            printf("month,%s,%s,%lld,", key, cells[c].metric, (long long)cells[c].now);
            if (has_last) {
                printf("%lld", (long long)cells[c].last);
            }
            fputc('\n', stdout);
        }
    }
    for (size_t i = 0; i < r->cur.n_categories; i++) {
        const InvCategoryFigure *c = &r->cur.by_category[i];
        fputs("category,", stdout);
        adm_csv_cell(stdout, c->category);
        printf(",items_lent,%lld,", (long long)c->items_lent);
        if (has_last) {
            printf("%lld", (long long)adm_report_prev_category(r, c->category));
        }
        fputc('\n', stdout);
    }
}

void adm_report_csv_rows(FILE *out, const AdmReport *r, int year)
{
    /* the block, a row per figure (persons and hours: two rows) */
    for (size_t i = 0; i < r->n_rows; i++) {
        const AdmRow *row = &r->rows[i];
        int parts = row->format == ADM_FMT_PERSONS_HOURS ? 2 : 1;
        for (int part = 0; part < parts; part++) {
            fputs(adm_section_key(row->section), out);
            fputc(',', out);
            if (row->key[0] == '\0') {
                fprintf(out, "%d", year);
            } else {
                adm_csv_cell(out, row->key);
            }
            fprintf(out, ",%s%s,", row->metric,
                    parts == 1 ? "" : (part == 0 ? "_persons" : "_hours"));
            csv_value(out, row->format, row->now, part);
            fputc(',', out);
            if (row->has_last) {
                csv_value(out, row->format, row->last, part);
            }
            fputc('\n', out);
        }
    }
}

/* A value in CSV: counts as they are, hundredths and hours with two decimals (a full stop) */
static void csv_value(FILE *out, AdmFormat f, const int64_t v[2], int part)
{
    switch (f) {
    case ADM_FMT_COUNT:
        fprintf(out, "%lld", (long long)v[0]);
        break;
    case ADM_FMT_DECIMAL:
        fprintf(out, "%.2f", (double)v[0] / 100.0);
        break;
    case ADM_FMT_HOURS:
        fprintf(out, "%.2f", (double)v[0] / 60.0);
        break;
    case ADM_FMT_PERSONS_HOURS:
        if (part == 0) {
            fprintf(out, "%lld", (long long)v[0]);
        } else {
            fprintf(out, "%.2f", (double)v[1] / 60.0);
        }
        break;
    }
}

static double round2(double x)
{
    double scaled = x * 100.0 + (x >= 0 ? 0.5 : -0.5);
    return (double)(long long)scaled / 100.0;
}

static int count_item(const InvItem *item, void *ctx)
{
    CheckCount *count = ctx;
    if ((int)item->status >= 0 && (int)item->status < 5) {
        count->items[item->status]++;
    }
    return 0;
}

static int count_borrower(const InvBorrower *b, void *ctx)
{
    CheckCount *count = ctx;
    count->borrowers++;
    if (b->blocked) {
        count->blocked++;
    }
    return 0;
}

static int count_overdue(const InvLoanLine *line, void *ctx)
{
    CheckCount *count = ctx;
    (void)line;
    count->overdue++;
    return 0;
}

int adm_report_lang(const char *text, AdmLang *out)
{
    if (strcmp(text, "nb") == 0) {
        *out = ADM_LANG_NB;
    } else if (strcmp(text, "en") == 0) {
        *out = ADM_LANG_EN;
    } else {
        return adm_usage("invalid --lang '%s': use nb or en", text);
    }
    return ADM_EXIT_OK;
}
