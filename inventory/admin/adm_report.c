/* The report and check commands of bua-admin. The text report uses the Norwegian words of the
 * annual report a centre sends in; JSON and CSV carry the same figures for spreadsheets and
 * scripts. CSV is long-form: one `section,key,metric,value` row per figure, so every figure has
 * the same shape (section total, month or category; key the year, YYYY-MM or the category). */
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

static const char *const month_names[12] = {
    "januar", "februar", "mars",      "april",   "mai",      "juni",
    "juli",   "august",  "september", "oktober", "november", "desember",
};

/* Counts for the check command's summary. */
typedef struct CheckCount {
    int64_t items[5]; /* by InvItemStatus */
    int64_t borrowers;
    int64_t blocked;
    int64_t overdue;
} CheckCount;

static void print_text(AdmCtx *ctx, const InvYearReport *r);
static int print_json(const InvYearReport *r);
static void print_csv(const InvYearReport *r);
static void csv_row(const char *section, const char *key, const char *metric, int64_t value);
static double round2(double x);
static int count_item(const InvItem *item, void *ctx);
static int count_borrower(const InvBorrower *b, void *ctx);
static int count_overdue(const InvLoanLine *line, void *ctx);

int adm_cmd_report(AdmCtx *ctx, int argc, char **argv)
{
    const char *year_text = NULL;
    const char *format_text = NULL;
    const AdmOpt opts[] = {{"--year", &year_text, NULL}, {"--format", &format_text, NULL}};
    size_t n_pos = 0;
    int year = 0;
    ReportFormat format = REPORT_TEXT;
    InvYearReport r = {0};

    int rc = adm_parse("report", argc, argv, opts, 2, &n_pos);
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
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (year_text == NULL) {
        year = inv_time_year(ctx->now);
    }
    int err = inv_year_report(ctx->db, year, ctx->now, &r);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot make the report");
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
    inv_year_report_release(&r);
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

static void print_text(AdmCtx *ctx, const InvYearReport *r)
{
    char avg[32] = "";
    snprintf(avg, sizeof avg, "%.1f", r->avg_loan_days);
    char *dot = strchr(avg, '.');
    if (dot != NULL) {
        *dot = ','; /* Norwegian decimal comma */
    }
    printf("Årsrapport %d (%s)\n\n", r->year, inv_timezone(ctx->db));
    printf("Antall utlånt utstyr:     %lld\n", (long long)r->total.items_lent);
    printf("Antall utlån:             %lld\n", (long long)r->total.loans);
    printf("Antall lånetakere:        %lld\n", (long long)r->total.borrowers);
    printf("Antall nye brukere:       %lld\n", (long long)r->total.new_borrowers);
    printf("Forfalt nå:               %lld\n", (long long)r->overdue_now);
    printf("Aldri utlånt:             %lld\n", (long long)r->items_never_lent);
    printf("Gjennomsnittlig lånetid:  %s dager\n", avg);
    printf("Forlengelser:             %lld\n", (long long)r->renewals);
    printf("Reservasjoner:            %lld\n", (long long)r->reservations_made);
    printf("Reservasjoner hentet:     %lld\n", (long long)r->reservations_fulfilled);
    printf("Åpne dager:               %lld\n", (long long)r->open_days);
    printf("\nPer måned:\n");
    fputs("  ", stdout);
    adm_cell("Måned", 10);
    printf("Utlånt utstyr   Utlån   Lånetakere  Nye brukere\n"); /* widths 13, 6, 11, 11 */
    for (int m = 0; m < 12; m++) {
        const InvFigures *f = &r->month[m];
        fputs("  ", stdout);
        adm_cell(month_names[m], 10);
        printf("%13lld  %6lld  %11lld  %11lld\n", (long long)f->items_lent, (long long)f->loans,
               (long long)f->borrowers, (long long)f->new_borrowers);
    }
    printf("\nPer kategori:\n");
    if (r->n_categories == 0) {
        printf("  (ingen utlån)\n");
    }
    for (size_t i = 0; i < r->n_categories; i++) {
        fputs("  ", stdout);
        adm_cell(r->by_category[i].category, 24);
        printf("%lld\n", (long long)r->by_category[i].items_lent);
    }
}

static int print_json(const InvYearReport *r)
{
    int rc = ADM_EXIT_OK;
    cJSON *root = cJSON_CreateObject();
    cJSON *months = NULL;
    cJSON *cats = NULL;
    char *text = NULL;

    if (root == NULL) {
        goto out_nomem;
    }
    if (cJSON_AddNumberToObject(root, "year", r->year) == NULL ||
        cJSON_AddNumberToObject(root, "items_lent", (double)r->total.items_lent) == NULL ||
        cJSON_AddNumberToObject(root, "loans", (double)r->total.loans) == NULL ||
        cJSON_AddNumberToObject(root, "borrowers", (double)r->total.borrowers) == NULL ||
        cJSON_AddNumberToObject(root, "new_borrowers", (double)r->total.new_borrowers) == NULL ||
        cJSON_AddNumberToObject(root, "overdue_now", (double)r->overdue_now) == NULL ||
        cJSON_AddNumberToObject(root, "items_never_lent", (double)r->items_never_lent) == NULL ||
        cJSON_AddNumberToObject(root, "avg_loan_days", round2(r->avg_loan_days)) == NULL ||
        cJSON_AddNumberToObject(root, "open_days", (double)r->open_days) == NULL ||
        cJSON_AddNumberToObject(root, "renewals", (double)r->renewals) == NULL ||
        cJSON_AddNumberToObject(root, "reservations_made", (double)r->reservations_made) == NULL ||
        cJSON_AddNumberToObject(root, "reservations_fulfilled",
                                (double)r->reservations_fulfilled) == NULL) {
        goto out_nomem;
    }
    months = cJSON_AddArrayToObject(root, "by_month");
    if (months == NULL) {
        goto out_nomem;
    }
    for (int m = 0; m < 12; m++) {
        const InvFigures *f = &r->month[m];
        cJSON *o = cJSON_CreateObject();
        if (o == NULL) {
            goto out_nomem;
        }
        cJSON_AddItemToArray(months, o);
        if (cJSON_AddNumberToObject(o, "month", m + 1) == NULL ||
            cJSON_AddNumberToObject(o, "items_lent", (double)f->items_lent) == NULL ||
            cJSON_AddNumberToObject(o, "loans", (double)f->loans) == NULL ||
            cJSON_AddNumberToObject(o, "borrowers", (double)f->borrowers) == NULL ||
            cJSON_AddNumberToObject(o, "new_borrowers", (double)f->new_borrowers) == NULL) {
            goto out_nomem;
        }
    }
    cats = cJSON_AddArrayToObject(root, "by_category");
    if (cats == NULL) {
        goto out_nomem;
    }
    for (size_t i = 0; i < r->n_categories; i++) {
        cJSON *o = cJSON_CreateObject();
        if (o == NULL) {
            goto out_nomem;
        }
        cJSON_AddItemToArray(cats, o);
        if (cJSON_AddStringToObject(o, "category", r->by_category[i].category) == NULL ||
            cJSON_AddNumberToObject(o, "items_lent", (double)r->by_category[i].items_lent) ==
                NULL) {
            goto out_nomem;
        }
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

static void print_csv(const InvYearReport *r)
{
    char key[16] = "";
    char avg[32] = "";

    printf("section,key,metric,value\n");
    snprintf(key, sizeof key, "%d", r->year);
    csv_row("total", key, "items_lent", r->total.items_lent);
    csv_row("total", key, "loans", r->total.loans);
    csv_row("total", key, "borrowers", r->total.borrowers);
    csv_row("total", key, "new_borrowers", r->total.new_borrowers);
    csv_row("total", key, "overdue_now", r->overdue_now);
    csv_row("total", key, "items_never_lent", r->items_never_lent);
    snprintf(avg, sizeof avg, "%.2f", r->avg_loan_days);
    printf("total,%s,avg_loan_days,%s\n", key, avg);
    csv_row("total", key, "renewals", r->renewals);
    csv_row("total", key, "reservations_made", r->reservations_made);
    csv_row("total", key, "reservations_fulfilled", r->reservations_fulfilled);
    csv_row("total", key, "open_days", r->open_days);
    for (int m = 0; m < 12; m++) {
        const InvFigures *f = &r->month[m];
        snprintf(key, sizeof key, "%04d-%02d", r->year, m + 1);
        csv_row("month", key, "items_lent", f->items_lent);
        csv_row("month", key, "loans", f->loans);
        csv_row("month", key, "borrowers", f->borrowers);
        csv_row("month", key, "new_borrowers", f->new_borrowers);
    }
    for (size_t i = 0; i < r->n_categories; i++) {
        csv_row("category", r->by_category[i].category, "items_lent", r->by_category[i].items_lent);
    }
}

static void csv_row(const char *section, const char *key, const char *metric, int64_t value)
{
    fputs(section, stdout);
    fputc(',', stdout);
    adm_csv_cell(stdout, key);
    printf(",%s,%lld\n", metric, (long long)value);
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
