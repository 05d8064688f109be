/* The annual report as printed, on two generated years shaped like BUA Hamar (2023: 14,836
 * items lent, 2,713 loans, 1,440 borrowers; 2024: 13,334 / 2,921 / 1,444 / 716 new), borrowers
 * of every age and four municipalities, imported through the real CSV import:
 *   - `bua-admin report --year 2024` prints "13 334 (14 836)", "2 921 (2 713)", "1 444 (1 440)";
 *   - borrowers by age band and by municipality, this year's and last year's, in the JSON and
 *     the CSV, equal counts made here from the raw rows (loans and borrowers) with SQL of its own;
 *   - the PDF: pdftotext finds the same figures, pdfinfo says A4 and one or two pages, pdftoppm
 *     renders each page;
 *   - erasing every borrower's birth year and municipality (what the erase helper does to a
 *     person) leaves the whole JSON report byte for byte the same, also after the summaries are
 *     rebuilt from the loans.
 * Needs the path of bua-admin (CTest gives it). */
#include "check.h"
#include "gen.h"
#include "inventory.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const GenYear years[2] = {
    {.loans = 2713, .items_lent = 14836, .borrowers = 1440, .new_borrowers = 698},
    {.loans = 2921, .items_lent = 13334, .borrowers = 1444, .new_borrowers = 716},
};

#define N_BANDS 6
static const char *const bands[N_BANDS] = {"0-12", "13-17", "18-25", "26-66", "67+", "unknown"};
#define N_PLACES 5
static const char *const places[N_PLACES] = {"Hamar", "Stange", "Løten", "Ringsaker", ""};

/* Borrowers of year Y by band and by municipality, counted from the raw rows. */
typedef struct Raw {
    long band[N_BANDS];
    long place[N_PLACES];
    long total;
} Raw;

static char out_buf[1 << 20];

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    size_t n = fread(out_buf, 1, sizeof(out_buf) - 1, p);
    out_buf[n] = '\0';
    int rc = pclose(p);
    if (rc != 0)
        fprintf(stderr, "command failed (%d): %s\n%s\n", rc, cmd, out_buf);
    CHECK_EQ(rc, 0);
    return out_buf;
}

static int64_t local_midnight(int year)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = year - 1900;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static int index_of(const char *const *v, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return i;
    fprintf(stderr, "unexpected key '%s'\n", s);
    CHECK(0);
    return -1;
}

/* The definition, written again here: distinct borrowers with a loan started in Y; age in Y
 * is Y - birth year; none given (or below 0) is unknown. */
static void raw_counts(const char *path, int year, Raw *out)
{
    sqlite3 *db = NULL;
    CHECK_EQ(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    static const char *const sql[2] = {
        "SELECT CASE WHEN coalesce(b.birth_year, 0) = 0 OR ?1 - b.birth_year < 0 THEN 'unknown'"
        " WHEN ?1 - b.birth_year <= 12 THEN '0-12' WHEN ?1 - b.birth_year <= 17 THEN '13-17'"
        " WHEN ?1 - b.birth_year <= 25 THEN '18-25' WHEN ?1 - b.birth_year <= 66 THEN '26-66'"
        " ELSE '67+' END, count(*) FROM borrower b WHERE b.id IN (SELECT borrower_id FROM loan"
        " WHERE checked_out_at >= ?2 AND checked_out_at < ?3) GROUP BY 1",
        "SELECT b.municipality, count(*) FROM borrower b WHERE b.id IN (SELECT borrower_id FROM"
        " loan WHERE checked_out_at >= ?2 AND checked_out_at < ?3) GROUP BY 1",
    };
    memset(out, 0, sizeof(*out));
    for (int q = 0; q < 2; q++) {
        sqlite3_stmt *st = NULL;
        CHECK_EQ(sqlite3_prepare_v2(db, sql[q], -1, &st, NULL), SQLITE_OK);
        sqlite3_bind_int(st, 1, year);
        sqlite3_bind_int64(st, 2, local_midnight(year));
        sqlite3_bind_int64(st, 3, local_midnight(year + 1));
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *key = (const char *)sqlite3_column_text(st, 0);
            long n = (long)sqlite3_column_int64(st, 1);
            if (q == 0) {
                out->band[index_of(bands, N_BANDS, key)] += n;
                out->total += n;
            } else {
                out->place[index_of(places, N_PLACES, key)] += n;
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

static long json_long(const cJSON *v)
{
    CHECK(cJSON_IsNumber(v));
    return (long)v->valuedouble;
}

/* The JSON's age and municipality rows against the raw counts of both years. */
static void check_json_rows(const char *json, const Raw *now, const Raw *last)
{
    cJSON *j = cJSON_Parse(json);
    CHECK(j != NULL);
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(j, "figures");
    CHECK(cJSON_IsArray(rows));
    int seen_bands = 0;
    int seen_places = 0;
    const cJSON *row = NULL;
    cJSON_ArrayForEach(row, rows)
    {
        const char *section = cJSON_GetObjectItemCaseSensitive(row, "section")->valuestring;
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(row, "key");
        if (strcmp(section, "age") != 0 && strcmp(section, "municipality") != 0)
            continue;
        long value = json_long(cJSON_GetObjectItemCaseSensitive(row, "value"));
        long last_year = json_long(cJSON_GetObjectItemCaseSensitive(row, "last_year"));
        if (strcmp(section, "age") == 0) {
            int b = index_of(bands, N_BANDS, key->valuestring);
            CHECK_EQ(value, now->band[b]);
            CHECK_EQ(last_year, last->band[b]);
            seen_bands++;
        } else if (strcmp(section, "municipality") == 0) {
            const char *k = key->valuestring;
            int p = index_of(places, N_PLACES, strcmp(k, "not_given") == 0 ? "" : k);
            CHECK_EQ(value, now->place[p]);
            CHECK_EQ(last_year, last->place[p]);
            seen_places++;
        }
    }
    CHECK_EQ(seen_bands, N_BANDS);
    CHECK_EQ(seen_places, N_PLACES);
    cJSON_Delete(j);
}

int main(int argc, char **argv)
{
    CHECK(argc > 1);
    const char *admin = argv[1];
    CHECK_EQ(access(admin, X_OK), 0);
    setenv("TZ", "Europe/Oslo", 1);
    tzset();
    char dir[256];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/bua-annual-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    char db_path[300];
    snprintf(db_path, sizeof(db_path), "%s/hamar.db", dir);

    InvOpenOptions o = {.path = db_path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
    GenCentre c = {.prefix = "H-",
                   .first_year = 2023,
                   .n_years = 2,
                   .years = years,
                   .old_borrowers = 800,
                   .idle_borrowers = 120,
                   .n_items = 700,
                   .profile = true};
    char items[300];
    char borrowers[300];
    char loans[300];
    CHECK_EQ(gen_centre(&c, dir, items, borrowers, loans, sizeof(items)), 0);
    InvImportResult res;
    const char *files[] = {items, borrowers, loans};
    const InvImportKind kinds[] = {INV_IMPORT_ITEMS, INV_IMPORT_BORROWERS, INV_IMPORT_LOANS};
    int64_t now = 0;
    CHECK(inv_time_parse("2025-01-15T12:00:00Z", &now));
    for (int i = 0; i < 3; i++) {
        int err = inv_import_csv(db, kinds[i], files[i], now, NULL, NULL, &res);
        if (err != INV_OK)
            fprintf(stderr, "%s: %s\n", files[i],
                    res.n_problems ? res.problems[0] : inv_errmsg(db));
        CHECK_EQ(err, INV_OK);
    }
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2023, inv_centre_id(db), &f), INV_OK);
    CHECK_EQ(f.items_lent, 14836);
    CHECK_EQ(f.loans, 2713);
    CHECK_EQ(f.borrowers, 1440);
    CHECK_EQ(f.new_borrowers, 698);
    inv_close(db);
    db = NULL;

    Raw r23;
    Raw r24;
    raw_counts(db_path, 2023, &r23);
    raw_counts(db_path, 2024, &r24);
    CHECK_EQ(r23.total, 1440);
    CHECK_EQ(r24.total, 1444);
    for (int b = 0; b < N_BANDS; b++) /* the generated ages reach every band */
        CHECK(r24.band[b] > 0);
    for (int p = 0; p < N_PLACES; p++)
        CHECK(r24.place[p] > 0);

    /* the text report, as the centres print it */
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "'%s' --db '%s' --now 2025-01-15T12:00 report --year 2024", admin,
             db_path);
    const char *text = run(cmd);
    static const char *const lines[] = {"Antall utlånt utstyr: 13 334 (14 836)\n",
                                        "Antall utlån: 2 921 (2 713)\n",
                                        "Antall lånetakere: 1 444 (1 440)\n",
                                        "Antall nye brukere: 716 (698)\n", "I parentes: 2023\n"};
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        if (strstr(text, lines[i]) == NULL)
            fprintf(stderr, "the report lacks \"%s\":\n%s\n", lines[i], text);
        CHECK(strstr(text, lines[i]) != NULL);
    }
    char want[128];
    snprintf(want, sizeof(want), "  Hamar: %ld (%ld)\n", r24.place[0], r23.place[0]);
    CHECK(strstr(text, want) != NULL);

    /* JSON and CSV: the same figures, last year's too */
    snprintf(cmd, sizeof(cmd),
             "'%s' --db '%s' --now 2025-01-15T12:00 report --year 2024 --format json", admin,
             db_path);
    char *json_before = strdup(run(cmd));
    CHECK(json_before != NULL);
    check_json_rows(json_before, &r24, &r23);
    snprintf(cmd, sizeof(cmd),
             "'%s' --db '%s' --now 2025-01-15T12:00 report --year 2024 --format csv", admin,
             db_path);
    const char *csv = run(cmd);
    CHECK(strstr(csv, "total,2024,items_lent,13334,14836\n") != NULL);
    CHECK(strstr(csv, "total,2024,loans,2921,2713\n") != NULL);
    CHECK(strstr(csv, "total,2024,borrowers,1444,1440\n") != NULL);
    snprintf(want, sizeof(want), "age,67+,borrowers,%ld,%ld\n", r24.band[4], r23.band[4]);
    CHECK(strstr(csv, want) != NULL);
    snprintf(want, sizeof(want), "municipality,not_given,borrowers,%ld,%ld\n", r24.place[4],
             r23.place[4]);
    CHECK(strstr(csv, want) != NULL);

    /* the PDF: its text carries the figures; A4, one or two pages, each renders */
    char pdf[320];
    snprintf(pdf, sizeof(pdf), "%s/report.pdf", dir);
    snprintf(cmd, sizeof(cmd),
             "'%s' --db '%s' --now 2025-01-15T12:00 report --year 2024 --pdf '%s' >/dev/null",
             admin, db_path, pdf);
    run(cmd);
    snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' -", pdf);
    const char *ptext = run(cmd);
    static const char *const figures[] = {"13 334 (14 836)",
                                          "2 921 (2 713)",
                                          "1 444 (1 440)",
                                          "716 (698)",
                                          "Antall utlånt utstyr",
                                          "Lånetakere etter alder",
                                          "Lånetakere etter kommune",
                                          "Utlånt utstyr per måned",
                                          "Utlånt utstyr per kategori"};
    for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
        if (strstr(ptext, figures[i]) == NULL)
            fprintf(stderr, "the PDF's text lacks \"%s\":\n%s\n", figures[i], ptext);
        CHECK(strstr(ptext, figures[i]) != NULL);
    }
    snprintf(cmd, sizeof(cmd), "pdfinfo '%s'", pdf);
    const char *info = run(cmd);
    CHECK(strstr(info, "Page size:       595.28 x 841.89 pts (A4)") != NULL);
    const char *pages_at = strstr(info, "Pages:");
    CHECK(pages_at != NULL);
    int pages = atoi(pages_at + strlen("Pages:"));
    CHECK(pages == 1 || pages == 2);
    snprintf(cmd, sizeof(cmd), "pdftoppm -r 30 -png '%s' '%s/page' && ls '%s' | grep -c '^page'",
             pdf, dir, dir);
    CHECK_EQ(atoi(run(cmd)), pages);

    /* erasure: birth years and municipalities gone from the people; the report does not move */
    sqlite3 *raw = NULL;
    CHECK_EQ(sqlite3_open(db_path, &raw), SQLITE_OK);
    CHECK_EQ(sqlite3_exec(raw,
                          "UPDATE borrower SET birth_year = NULL, municipality = '',"
                          " name = 'Slettet', phone = ''",
                          NULL, NULL, NULL),
             SQLITE_OK);
    sqlite3_close(raw);
    snprintf(cmd, sizeof(cmd),
             "'%s' --db '%s' --now 2025-01-15T12:00 report --year 2024 --format json", admin,
             db_path);
    CHECK(strcmp(run(cmd), json_before) == 0);
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
    CHECK_EQ(inv_summaries_rebuild(db), INV_OK);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
    CHECK(strcmp(run(cmd), json_before) == 0);
    free(json_before);

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    CHECK_EQ(system(cmd), 0);
    fprintf(stderr, "test_annual_report: 13 334 (14 836) / 2 921 (2 713) / 1 444 (1 440), "
                    "age and municipality exact, through erasure and a rebuild\n");
    return 0;
}
