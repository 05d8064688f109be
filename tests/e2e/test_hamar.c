/* A year shaped like BUA Hamar 2024 (13,334 items lent, 2,921 loans, 1,444 borrowers, 716 new
 * users), with loans and registrations a second either side of midnight on New Year's Eve in
 * Oslo, written in UTC. Imported through the real CSV import; the figures must come out exactly,
 * from the summaries, from the loans themselves, and (when given the bua-admin program) from
 * `bua-admin report --year 2024 --format json` and the Norwegian text report. */
#include "check.h"
#include "gen.h"
#include "inventory.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const GenYear hamar = {
    .loans = 2921, .items_lent = 13334, .borrowers = 1444, .new_borrowers = 716};

static void check_figures(const InvFigures *f)
{
    CHECK_EQ(f->items_lent, 13334);
    CHECK_EQ(f->loans, 2921);
    CHECK_EQ(f->borrowers, 1444);
    CHECK_EQ(f->new_borrowers, 716);
}

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    static char out[1 << 16];
    size_t n = fread(out, 1, sizeof(out) - 1, p);
    out[n] = '\0';
    int rc = pclose(p);
    if (rc != 0)
        fprintf(stderr, "command failed (%d): %s\n%s\n", rc, cmd, out);
    CHECK_EQ(rc, 0);
    return out;
}

static long json_int(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    CHECK(cJSON_IsNumber(v));
    return (long)v->valuedouble;
}

int main(int argc, char **argv)
{
    setenv("TZ", "Europe/Oslo", 1);
    char dir[256];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/bua-hamar-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    char db_path[300];
    snprintf(db_path, sizeof(db_path), "%s/hamar.db", dir);

    InvOpenOptions o = {.path = db_path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);

    GenCentre c = {.prefix = "H-",
                   .first_year = 2024,
                   .n_years = 1,
                   .years = &hamar,
                   .old_borrowers = 800,
                   .idle_borrowers = 120,
                   .n_items = 700,
                   .edges = true,
                   .semicolon = true};
    char items[300];
    char borrowers[300];
    char loans[300];
    CHECK_EQ(gen_centre(&c, dir, items, borrowers, loans, sizeof(items)), 0);

    InvImportResult res;
    const char *files[] = {items, borrowers, loans};
    const InvImportKind kinds[] = {INV_IMPORT_ITEMS, INV_IMPORT_BORROWERS, INV_IMPORT_LOANS};
    for (int i = 0; i < 3; i++) {
        int err = inv_import_csv(db, kinds[i], files[i], 1736942400, NULL, NULL, &res);
        if (err != INV_OK)
            fprintf(stderr, "%s: %s\n", files[i],
                    res.n_problems ? res.problems[0] : inv_errmsg(db));
        CHECK_EQ(err, INV_OK);
    }

    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, inv_centre_id(db), &f), INV_OK);
    check_figures(&f);
    CHECK_EQ(inv_figures(db, 2024, 0, &f), INV_OK);
    check_figures(&f);
    CHECK_EQ(inv_figures_raw(db, 2024, 0, &f), INV_OK);
    check_figures(&f);
    /* the edges fell into 2023 and 2025 */
    CHECK_EQ(inv_figures(db, 2023, 0, &f), INV_OK);
    CHECK_EQ(f.loans, 1);
    CHECK_EQ(f.new_borrowers, 800 + 120 + 1);
    CHECK_EQ(inv_figures(db, 2025, 0, &f), INV_OK);
    CHECK_EQ(f.loans, 1);
    CHECK_EQ(f.new_borrowers, 1);
    CHECK_EQ(inv_check(db), INV_OK);

    int64_t now = 0;
    CHECK(inv_time_parse("2025-01-15T12:00:00Z", &now));
    InvYearReport rep;
    CHECK_EQ(inv_year_report(db, 2024, now, &rep), INV_OK);
    check_figures(&rep.total);
    long month_sum = 0;
    for (int m = 0; m < 12; m++)
        month_sum += rep.month[m].items_lent;
    CHECK_EQ(month_sum, 13334);
    long cat_sum = 0;
    for (size_t i = 0; i < rep.n_categories; i++)
        cat_sum += rep.by_category[i].items_lent;
    CHECK_EQ(cat_sum, 13334);
    CHECK_EQ(rep.n_categories, 10);
    inv_year_report_release(&rep);
    inv_close(db);

    if (argc > 1) { /* bua-admin's report too (CTest passes its path whenever it is built) */
        if (access(argv[1], X_OK) != 0)
            fprintf(stderr, "test_hamar: bua-admin %s is not there\n", argv[1]);
        CHECK_EQ(access(argv[1], X_OK), 0);
        char cmd[1024];
        snprintf(cmd, sizeof(cmd), "'%s' --db '%s' report --year 2024 --format json", argv[1],
                 db_path);
        cJSON *j = cJSON_Parse(run(cmd));
        CHECK(j != NULL);
        CHECK_EQ(json_int(j, "year"), 2024);
        CHECK_EQ(json_int(j, "items_lent"), 13334);
        CHECK_EQ(json_int(j, "loans"), 2921);
        CHECK_EQ(json_int(j, "borrowers"), 1444);
        CHECK_EQ(json_int(j, "new_borrowers"), 716);
        CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "by_month")));
        CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "by_category")));
        cJSON_Delete(j);

        snprintf(cmd, sizeof(cmd), "'%s' --db '%s' report --year 2024", argv[1], db_path);
        const char *text = run(cmd);
        static const char *const words[] = {"Antall utlånt utstyr", "Antall utlån",
                                            "Antall lånetakere", "Antall nye brukere"};
        for (int i = 0; i < 4; i++)
            CHECK(strstr(text, words[i]) != NULL);
        CHECK(strstr(text, "13334") != NULL || strstr(text, "13 334") != NULL ||
              strstr(text, "13\xC2\xA0"
                           "334") != NULL);
    }

    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    CHECK_EQ(system(cmd), 0);
    fprintf(stderr, "test_hamar: 13334 / 2921 / 1444 / 716 exact\n");
    return 0;
}
