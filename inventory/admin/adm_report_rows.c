/* The annual report's rows (adm_report.h): years Y and Y - 1 read from the store's summaries,
 * turned into one list of labelled figures that every output prints. Labels are Norwegian, as
 * the annual report a centre sends in, or English with --lang en. */
#include "adm_report.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The block's main figures, in print order. `yearly`: the figure belongs to a year, so last
 * year's is shown; the others are of the moment the report is made. */
typedef struct TotalFigure {
    const char *metric;
    const char *nb;
    const char *en;
    const char *unit_nb;
    const char *unit_en;
    AdmFormat format;
    bool yearly;
    size_t offset; /* of the int64_t in InvYearReport (ADM_FMT_DECIMAL: avg_loan_days) */
} TotalFigure;

#define AT(field) offsetof(InvYearReport, field)

static const TotalFigure totals[] = {
    {"items_lent", "Antall utlånt utstyr", "Items lent", "", "", ADM_FMT_COUNT, true,
     AT(total.items_lent)},
    {"loans", "Antall utlån", "Loans", "", "", ADM_FMT_COUNT, true, AT(total.loans)},
    {"borrowers", "Antall lånetakere", "Borrowers", "", "", ADM_FMT_COUNT, true,
     AT(total.borrowers)},
    {"new_borrowers", "Antall nye brukere", "New users", "", "", ADM_FMT_COUNT, true,
     AT(total.new_borrowers)},
    {"overdue_now", "Forfalt nå", "Overdue now", "", "", ADM_FMT_COUNT, false, AT(overdue_now)},
    {"items_never_lent", "Aldri utlånt", "Never lent", "", "", ADM_FMT_COUNT, false,
     AT(items_never_lent)},
    {"avg_loan_days", "Gjennomsnittlig lånetid", "Average loan", "dager", "days", ADM_FMT_DECIMAL,
     true, AT(avg_loan_days)},
    {"renewals", "Forlengelser", "Renewals", "", "", ADM_FMT_COUNT, true, AT(renewals)},
    {"reservations_made", "Reservasjoner", "Reservations made", "", "", ADM_FMT_COUNT, true,
     AT(reservations_made)},
    {"reservations_fulfilled", "Reservasjoner hentet", "Reservations collected", "", "",
     ADM_FMT_COUNT, true, AT(reservations_fulfilled)},
    {"open_days", "Åpne dager", "Open days", "", "", ADM_FMT_COUNT, true, AT(open_days)},
};
#define N_TOTALS (sizeof(totals) / sizeof(totals[0]))

/* Age bands as printed, in INV_AGE_BAND_MAP's order (UNKNOWN first; printed last). */
static const char *const band_nb[] = {"Ukjent alder", "0–12 år",  "13–17 år",
                                      "18–25 år",     "26–66 år", "67 år og eldre"};
static const char *const band_en[] = {"Age not given", "Age 0–12",  "Age 13–17",
                                      "Age 18–25",     "Age 26–66", "Age 67 and over"};
_Static_assert(sizeof(band_nb) / sizeof(band_nb[0]) == INV_AGE_BANDS, "a label per age band");
_Static_assert(sizeof(band_en) / sizeof(band_en[0]) == INV_AGE_BANDS, "a label per age band");

static const char *const words[ADM_WORD_COUNT][2] = {
    [ADM_WORD_TITLE] = {"Årsrapport", "Annual report"},
    [ADM_WORD_BRACKETS] = {"I parentes", "In brackets"},
    [ADM_WORD_PER_MONTH] = {"Per måned", "Per month"},
    [ADM_WORD_PER_CAT] = {"Per kategori", "Per category"},
    [ADM_WORD_MONTH] = {"Måned", "Month"},
    [ADM_WORD_NO_LOANS] = {"(ingen utlån)", "(no loans)"},
    [ADM_WORD_ITEMS_LENT] = {"Utlånt utstyr", "Items lent"},
    [ADM_WORD_LOANS] = {"Utlån", "Loans"},
    [ADM_WORD_BORROWERS] = {"Lånetakere", "Borrowers"},
    [ADM_WORD_NEW] = {"Nye brukere", "New users"},
    [ADM_WORD_CHART_MONTH] = {"Utlånt utstyr per måned", "Items lent per month"},
    [ADM_WORD_CHART_CAT] = {"Utlånt utstyr per kategori", "Items lent per category"},
    [ADM_WORD_OTHER] = {"Andre", "Other"},
};

static const char *const months[12][2] = {
    {"januar", "January"},  {"februar", "February"},  {"mars", "March"},
    {"april", "April"},     {"mai", "May"},           {"juni", "June"},
    {"juli", "July"},       {"august", "August"},     {"september", "September"},
    {"oktober", "October"}, {"november", "November"}, {"desember", "December"},
};

static const char *const section_keys[] = {
#define ADM_SECTION_KEY(name, key, nb, en) key,
    ADM_SECTION_MAP(ADM_SECTION_KEY)
#undef ADM_SECTION_KEY
};
static const char *const section_heads[][2] = {
#define ADM_SECTION_HEAD(name, key, nb, en) {nb, en},
    ADM_SECTION_MAP(ADM_SECTION_HEAD)
#undef ADM_SECTION_HEAD
};

static int64_t total_value(const InvYearReport *y, size_t i);
static bool add_municipalities(AdmReport *r);
static const InvMunicipalityFigure *find_municipality(const InvYearReport *y, const char *name);

int adm_report_build(AdmCtx *ctx, int year, AdmLang lang, AdmReport *out)
{
    AdmReport r;
    memset(&r, 0, sizeof(r));
    r.lang = lang;
    int err = inv_year_report(ctx->db, year, ctx->now, &r.cur);
    if (err == INV_OK && year > ADM_YEAR_MIN) {
        err = inv_year_report(ctx->db, year - 1, 0, &r.prev); /* no figures of the moment */
    } else {
        r.prev.year = year - 1; /* before 1970: no data */
    }
    if (err != INV_OK) {
        adm_report_release(&r);
        return adm_fail_inv(ctx, err, "cannot make the report");
    }
    bool ok = true;
    for (size_t i = 0; i < N_TOTALS && ok; i++) {
        const TotalFigure *t = &totals[i];
        int64_t now[2] = {total_value(&r.cur, i), 0};
        int64_t last[2] = {total_value(&r.prev, i), 0};
        ok = adm_report_add(&r, ADM_SECTION_TOTAL, "", t->metric,
                            lang == ADM_LANG_NB ? t->nb : t->en,
                            lang == ADM_LANG_NB ? t->unit_nb : t->unit_en, t->format, now, last,
                            t->yearly && r.prev.has_data);
    }
    /* the known bands first, youngest first; "not given" last */
    for (int k = 1; k <= INV_AGE_BANDS && ok; k++) {
        int b = k % INV_AGE_BANDS;
        int64_t now[2] = {r.cur.by_age[b], 0};
        int64_t last[2] = {r.prev.by_age[b], 0};
        ok = adm_report_add(&r, ADM_SECTION_AGE, inv_age_band_key((InvAgeBand)b), "borrowers",
                            lang == ADM_LANG_NB ? band_nb[b] : band_en[b], NULL, ADM_FMT_COUNT, now,
                            last, r.prev.has_data);
    }
    if (ok) {
        ok = add_municipalities(&r);
    }
    if (ok) {
        err = adm_report_add_work(ctx, &r, year);
        if (err != INV_OK && err != INV_E_NOMEM) {
            adm_report_release(&r);
            return adm_fail_inv(ctx, err, "cannot make the report");
        }
        ok = err == INV_OK;
    }
    if (!ok) {
        adm_report_release(&r);
        return adm_fail("cannot make the report: out of memory");
    }
    *out = r;
    return ADM_EXIT_OK;
}

void adm_report_release(AdmReport *r)
{
    if (r == NULL) {
        return;
    }
    inv_year_report_release(&r->cur);
    inv_year_report_release(&r->prev);
    free(r->rows);
    r->rows = NULL;
    r->n_rows = 0;
    r->cap_rows = 0;
}

bool adm_report_add(AdmReport *r, AdmSection section, const char *key, const char *metric,
                    const char *label, const char *unit, AdmFormat format, const int64_t now[2],
                    const int64_t last[2], bool has_last)
{
    if (r->n_rows == r->cap_rows) {
        size_t cap = r->cap_rows ? r->cap_rows * 2 : 32;
        AdmRow *p = realloc(r->rows, cap * sizeof(*p));
        if (p == NULL) {
            return false;
        }
        r->rows = p;
        r->cap_rows = cap;
    }
    AdmRow *row = &r->rows[r->n_rows++];
    memset(row, 0, sizeof(*row));
    row->section = section;
    adm_copy(row->key, sizeof row->key, key);
    row->metric = metric;
    adm_copy(row->label, sizeof row->label, label);
    row->unit = unit != NULL ? unit : "";
    row->format = format;
    memcpy(row->now, now, sizeof(row->now));
    memcpy(row->last, last, sizeof(row->last));
    row->has_last = has_last;
    return true;
}

const char *adm_section_key(AdmSection s)
{
    return section_keys[s];
}

const char *adm_section_heading(AdmSection s, AdmLang lang)
{
    return section_heads[s][lang == ADM_LANG_NB ? 0 : 1];
}

const char *adm_word(AdmLang lang, AdmWord w)
{
    return words[w][lang == ADM_LANG_NB ? 0 : 1];
}

const char *adm_month_name(AdmLang lang, int month)
{
    return months[month - 1][lang == ADM_LANG_NB ? 0 : 1];
}

void adm_group(int64_t n, char *buf, size_t size)
{
    char digits[24];
    snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
    size_t len = strlen(digits);
    char out[48];
    size_t o = 0;
    if (n < 0) {
        out[o++] = '-';
    }
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            out[o++] = ' ';
        }
        out[o++] = digits[i];
    }
    out[o] = '\0';
    adm_copy(buf, size, out);
}

void adm_report_value(const AdmReport *r, AdmFormat f, const int64_t v[2], char *buf, size_t size)
{
    char a[32]; /* a grouped int64_t takes at most 27 */
    char b[32];
    switch (f) {
    case ADM_FMT_COUNT:
        adm_group(v[0], buf, size);
        break;
    case ADM_FMT_DECIMAL: {
        int64_t tenths = (v[0] + (v[0] < 0 ? -5 : 5)) / 10;
        int64_t whole = tenths / 10;
        int64_t frac = tenths % 10;
        adm_group(whole, a, sizeof a);
        snprintf(buf, size, "%s%s%s%lld", tenths < 0 && whole == 0 ? "-" : "", a,
                 r->lang == ADM_LANG_NB ? "," : ".", (long long)(frac < 0 ? -frac : frac));
        break;
    }
    case ADM_FMT_HOURS:
        adm_group((v[0] + 30) / 60, buf, size);
        break;
    case ADM_FMT_PERSONS_HOURS:
        adm_group(v[0], a, sizeof a);
        adm_group((v[1] + 30) / 60, b, sizeof b);
        snprintf(buf, size, "%s/%s", a, b);
        break;
    }
}

void adm_report_cell(const AdmReport *r, const AdmRow *row, char *buf, size_t size)
{
    char now[64];
    char last[64];
    adm_report_value(r, row->format, row->now, now, sizeof now);
    if (!row->has_last) {
        snprintf(buf, size, "%s%s%s", now, row->unit[0] != '\0' ? " " : "", row->unit);
        return;
    }
    adm_report_value(r, row->format, row->last, last, sizeof last);
    snprintf(buf, size, "%s%s%s (%s)", now, row->unit[0] != '\0' ? " " : "", row->unit, last);
}

int64_t adm_report_prev_category(const AdmReport *r, const char *category)
{
    for (size_t i = 0; i < r->prev.n_categories; i++) {
        if (strcmp(r->prev.by_category[i].category, category) == 0) {
            return r->prev.by_category[i].items_lent;
        }
    }
    return 0;
}

static int64_t total_value(const InvYearReport *y, size_t i)
{
    if (totals[i].format == ADM_FMT_DECIMAL) { /* the average loan: hundredths of a day */
        return (int64_t)(y->avg_loan_days * 100.0 + 0.5);
    }
    int64_t v = 0;
    memcpy(&v, (const char *)y + totals[i].offset, sizeof v);
    return v;
}

/* This year's municipalities (most borrowers first), then those only last year had, then
 * "not given" when either year has any. */
static bool add_municipalities(AdmReport *r)
{
    const char *not_given = r->lang == ADM_LANG_NB ? "Ikke oppgitt" : "Not given";
    bool any_blank = false;
    for (int pass = 0; pass < 2; pass++) {
        const InvYearReport *y = pass == 0 ? &r->cur : &r->prev;
        for (size_t i = 0; i < y->n_municipalities; i++) {
            const char *name = y->by_municipality[i].municipality;
            if (name[0] == '\0') {
                any_blank = true;
                continue;
            }
            if (pass == 1 && find_municipality(&r->cur, name) != NULL) {
                continue; /* added in the first pass */
            }
            const InvMunicipalityFigure *c = find_municipality(&r->cur, name);
            const InvMunicipalityFigure *p = find_municipality(&r->prev, name);
            int64_t now[2] = {c != NULL ? c->borrowers : 0, 0};
            int64_t last[2] = {p != NULL ? p->borrowers : 0, 0};
            if (!adm_report_add(r, ADM_SECTION_MUNICIPALITY, name, "borrowers", name, NULL,
                                ADM_FMT_COUNT, now, last, r->prev.has_data)) {
                return false;
            }
        }
    }
    if (!any_blank) {
        return true;
    }
    const InvMunicipalityFigure *c = find_municipality(&r->cur, "");
    const InvMunicipalityFigure *p = find_municipality(&r->prev, "");
    int64_t now[2] = {c != NULL ? c->borrowers : 0, 0};
    int64_t last[2] = {p != NULL ? p->borrowers : 0, 0};
    return adm_report_add(r, ADM_SECTION_MUNICIPALITY, ADM_KEY_NOT_GIVEN, "borrowers", not_given,
                          NULL, ADM_FMT_COUNT, now, last, r->prev.has_data);
}

static const InvMunicipalityFigure *find_municipality(const InvYearReport *y, const char *name)
{
    for (size_t i = 0; i < y->n_municipalities; i++) {
        if (strcmp(y->by_municipality[i].municipality, name) == 0) {
            return &y->by_municipality[i];
        }
    }
    return NULL;
}
