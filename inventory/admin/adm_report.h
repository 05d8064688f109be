/* The annual report of bua-admin as one list of rows: every figure of the block (the four BUA
 * figures, renewals, reservations, open days, borrowers by age band and by municipality, and
 * whatever block is added later: the workshop, work training) is a row with this year's value
 * and last year's, and the text, JSON, CSV and PDF outputs print the same rows. Adding a block is
 * adding rows (adm_report_add) in adm_report_build; no printer changes. */
#ifndef BUA_ADM_REPORT_H
#define BUA_ADM_REPORT_H

#include "adm.h"

/* Sections of the block, in print order: X(NAME, key, Norwegian heading, English heading).
 * TOTAL has no heading (the main figures). The key is the CSV section and the JSON one. */
#define ADM_SECTION_MAP(X)                                                                         \
    X(TOTAL, "total", "", "")                                                                      \
    X(AGE, "age", "Lånetakere etter alder", "Borrowers by age")                                    \
    X(MUNICIPALITY, "municipality", "Lånetakere etter kommune", "Borrowers by municipality")       \
    X(WORKSHOP, "workshop", "Verksted", "Workshop")                                                \
    X(TRAINING, "training", "Arbeidstrening", "Work training")                                     \
    X(CENTRE, "centre", "", "")

typedef enum AdmSection {
#define ADM_SECTION_ENUM(name, key, nb, en) ADM_SECTION_##name,
    ADM_SECTION_MAP(ADM_SECTION_ENUM)
#undef ADM_SECTION_ENUM
        ADM_SECTION_COUNT
} AdmSection;

/* How a row's values are kept and printed. */
typedef enum AdmFormat {
    ADM_FMT_COUNT,         /* v[0]: a count; "13 334" */
    ADM_FMT_DECIMAL,       /* v[0]: hundredths; text one decimal ("2,4", FTE "1,2"), CSV and
                              JSON two (2.40) */
    ADM_FMT_HOURS,         /* v[0]: minutes; text whole hours ("2 090"), CSV and JSON hours */
    ADM_FMT_PERSONS_HOURS, /* v[0] persons, v[1] minutes; text "2/78" */
} AdmFormat;

#define ADM_KEY_NOT_GIVEN "not_given"

typedef struct AdmRow {
    AdmSection section;
    char key[INV_NAME_MAX]; /* what the row is within its section ("0-12", "Hamar"); "" for
                               a figure of the whole year (CSV then gives the year) */
    /* the municipality row of borrowers who gave none has key ADM_KEY_NOT_GIVEN */
    const char *metric;            /* the figure's name: "items_lent", "borrowers" */
    char label[INV_NAME_MAX + 32]; /* as printed, in the report's language */
    const char *unit;              /* printed after this year's value ("dager"); "" for none */
    AdmFormat format;
    int64_t now[2];
    int64_t last[2];
    bool has_last; /* last year has a value (the centre has data that year) */
    /* a heading of its own over the rows that share it (the national report's centres); "" for
     * the section's */
    char group[INV_NAME_MAX + 64];
} AdmRow;

typedef enum AdmLang {
    ADM_LANG_NB,
    ADM_LANG_EN,
} AdmLang;

/* --lang of a report ("nb" or "en"): ADM_EXIT_OK, or a usage error naming the value. */
int adm_report_lang(const char *text, AdmLang *out);

typedef struct AdmReport {
    AdmLang lang;
    InvYearReport cur;  /* year Y */
    InvYearReport prev; /* year Y - 1 (prev.has_data false: no data that year) */
    AdmRow *rows;
    size_t n_rows;
    size_t cap_rows;
    const char *title; /* the PDF's title; NULL: "Årsrapport Y – centre" */
    bool figures_only; /* the PDF draws the rows only, no charts (the national report) */
} AdmReport;

/* Reads years Y and Y - 1 from the store and builds the rows. INV_OK or the store's error
 * (the report is then empty). Release with adm_report_release. */
int adm_report_build(AdmCtx *ctx, int year, AdmLang lang, AdmReport *out);
void adm_report_release(AdmReport *r);

/* Adds the workshop and work-training rows of years Y and Y - 1 (adm_report_work.c), after
 * closing forgotten shifts (inv_training_close_forgotten at ctx->now). INV_OK, INV_E_NOMEM or
 * the store's error (nothing printed). */
int adm_report_add_work(AdmCtx *ctx, AdmReport *r, int year);

/* Appends one row (label as printed; unit may be NULL). Returns false when out of memory. */
bool adm_report_add(AdmReport *r, AdmSection section, const char *key, const char *metric,
                    const char *label, const char *unit, AdmFormat format, const int64_t now[2],
                    const int64_t last[2], bool has_last);

/* A section's key and its heading in the report's language ("" for none). */
const char *adm_section_key(AdmSection s);
const char *adm_section_heading(AdmSection s, AdmLang lang);

/* Text in the report's language: the table headings and words the printers need. */
typedef enum AdmWord {
    ADM_WORD_TITLE,      /* "Årsrapport" */
    ADM_WORD_BRACKETS,   /* "I parentes" (: last year) */
    ADM_WORD_PER_MONTH,  /* "Per måned" */
    ADM_WORD_PER_CAT,    /* "Per kategori" */
    ADM_WORD_MONTH,      /* "Måned" */
    ADM_WORD_NO_LOANS,   /* "(ingen utlån)" */
    ADM_WORD_ITEMS_LENT, /* column and chart heading: "Utlånt utstyr" */
    ADM_WORD_LOANS,
    ADM_WORD_BORROWERS,
    ADM_WORD_NEW,
    ADM_WORD_CHART_MONTH, /* "Utlånt utstyr per måned" */
    ADM_WORD_CHART_CAT,   /* "Utlånt utstyr per kategori" */
    ADM_WORD_OTHER,       /* "Andre", the categories past those drawn */
    ADM_WORD_COUNT
} AdmWord;
const char *adm_word(AdmLang lang, AdmWord w);
const char *adm_month_name(AdmLang lang, int month); /* 1..12 */

/* A value as the text and the PDF print it: digits grouped in threes with a plain space
 * ("13 334"), the Norwegian decimal comma in nb ("2,4"), a full stop in en, persons and hours
 * as "2/78". */
void adm_report_value(const AdmReport *r, AdmFormat f, const int64_t v[2], char *buf, size_t size);
/* "13 334 (14 836)", or "13 334" when the row has no last year; the unit after this year's. */
void adm_report_cell(const AdmReport *r, const AdmRow *row, char *buf, size_t size);
/* A count grouped: "13 334". */
void adm_group(int64_t n, char *buf, size_t size);

/* Last year's items lent in a category (by name; 0 if none). */
int64_t adm_report_prev_category(const AdmReport *r, const char *category);

/* The rows as CSV lines `section,key,metric,value,last_year` (no header; key "" prints `year`),
 * and as the JSON array "figures" added to root (false: out of memory): what the local and the
 * national report print alike. */
void adm_report_csv_rows(FILE *out, const AdmReport *r, int year);
struct cJSON;
bool adm_report_json_rows(const AdmReport *r, struct cJSON *root);

/* bua-admin report --national (adm_national.c): the figures of every centre on the sync server,
 * their ranking and the national totals, or --verify. Called by adm_cmd_report when its
 * arguments hold --national. */
bool adm_national_wanted(int argc, char **argv);
int adm_cmd_report_national(AdmCtx *ctx, int argc, char **argv);

/* Writes the report as an A4 PDF (adm_report_pdf.c). ADM_EXIT_OK or ADM_EXIT_FAIL (message
 * printed, naming the file). */
int adm_report_pdf(AdmCtx *ctx, const AdmReport *r, const char *path);

#endif
