/* Unit tests of personal data in the store: the coverage of the export and erasure against the
 * schema (a table added with a borrower reference, declared or not, fails until it is covered in
 * inv_privacy.c), the export's sections, erasure of a family, and the retention sweep on
 * generated years (tests/gen): every year's report is the same before and after, the dry run
 * changes nothing, history detached keeps the distinct borrowers exact (inv_check). */
#include "check.h"
#include "gen.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Seen {
    char sections[16][32];
    size_t n;
    size_t rows;
    bool name_seen;
} Seen;

static int seen_row(const char *section, const InvField *f, size_t n, void *ctx)
{
    Seen *s = ctx;
    if (f == NULL) {
        CHECK(s->n < 16);
        snprintf(s->sections[s->n++], sizeof(s->sections[0]), "%s", section);
        return 0;
    }
    s->rows++;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(f[i].name, "name") == 0 && f[i].text != NULL &&
            strcmp(f[i].text, "Kari Privat") == 0)
            s->name_seen = true;
    }
    return 0;
}

static void exec(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    CHECK_EQ(sqlite3_open(path, &h), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg);
    CHECK_EQ(rc, SQLITE_OK);
    sqlite3_close(h);
}

static void test_coverage(void)
{
    char path[512];
    InvDb *db = stf_open_new("cover.db");
    CHECK_EQ(inv_privacy_coverage(db), INV_OK);
    inv_close(db);
    stf_path(path, sizeof(path), "cover.db");

    /* another area adds a table that refers to borrowers: the check names it */
    exec(path, "CREATE TABLE later_table (id INTEGER PRIMARY KEY, borrower_id INTEGER REFERENCES "
               "borrower(id), body TEXT)");
    db = stf_open(&(InvOpenOptions){.path = path});
    CHECK_EQ(inv_privacy_coverage(db), INV_E_CORRUPT);
    CHECK(strstr(inv_errmsg(db), "table later_table (column borrower_id)") != NULL);
    inv_close(db);
    exec(path, "DROP TABLE later_table");

    /* a column of the borrower table itself, referring to another borrower */
    exec(path, "ALTER TABLE borrower ADD COLUMN guardian2 INTEGER REFERENCES borrower(id)");
    db = stf_open(&(InvOpenOptions){.path = path});
    CHECK_EQ(inv_privacy_coverage(db), INV_E_CORRUPT);
    CHECK(strstr(inv_errmsg(db), "table borrower (column guardian2)") != NULL);
    inv_close(db);
}

static int64_t add(InvDb *db, const char *card, const char *name, int64_t adult, int64_t now)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "%s", name);
    snprintf(b.phone, sizeof(b.phone), "40400001");
    b.responsible_id = adult;
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, now, &id), INV_OK);
    return id;
}

static int64_t login_at(const char *file)
{
    char path[512];
    stf_path(path, sizeof(path), file);
    sqlite3 *h = NULL;
    CHECK_EQ(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(h, "SELECT coalesce(login_at, 0) FROM borrower", -1, &st, NULL),
             SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    int64_t at = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return at;
}

/* A card login is recorded at most once in 24 hours: a second scan the same day writes nothing. */
static void test_login(void)
{
    InvDb *db = stf_open_new("login.db");
    int64_t now = stf_zone_time("2026-03-02T10:00");
    int64_t id = add(db, "L-1", "Liv Login", 0, now);
    CHECK_EQ(login_at("login.db"), 0);
    CHECK_EQ(inv_borrower_login(db, id, now), INV_OK);
    CHECK_EQ(login_at("login.db"), now);
    CHECK_EQ(inv_borrower_login(db, id, now + 3600), INV_OK);
    CHECK_EQ(login_at("login.db"), now);
    CHECK_EQ(inv_borrower_login(db, id, now + 86400), INV_OK);
    CHECK_EQ(login_at("login.db"), now + 86400);
    inv_close(db);
}

static void test_export_erase(void)
{
    InvDb *db = stf_open_new("erase.db");
    int64_t now = stf_zone_time("2026-03-02T10:00");
    int64_t adult = add(db, "P-1", "Kari Privat", 0, now);
    int64_t child = add(db, "P-2", "Ola Privat", adult, now);
    stf_add_item(db, "I-1", "Ski", now);
    const char *codes[] = {"I-1"};
    InvCheckout co = {.borrower_id = child, .barcodes = codes, .n_barcodes = 1, .now = now};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
    CHECK_EQ(inv_access_log(db, adult, 0, "test", now), INV_OK);

    Seen s = {0};
    int64_t id = 0;
    CHECK_EQ(inv_borrower_export(db, "P-1", seen_row, &s, &id), INV_OK);
    CHECK_EQ(id, adult);
    CHECK(s.name_seen);
    CHECK_EQ(s.n, 11);
    CHECK_STREQ(s.sections[0], "person");
    CHECK_STREQ(s.sections[9], "access_log");
    CHECK_STREQ(s.sections[10], "messages");
    CHECK_EQ(inv_borrower_export(db, "NOPE", seen_row, &s, NULL), INV_E_UNKNOWN_BORROWER);

    InvFigures before;
    CHECK_EQ(inv_figures(db, 2026, 0, &before), INV_OK);
    InvErased r;
    CHECK_EQ(inv_borrower_erase(db, "P-1", 0, now, &r), INV_E_HAS_LOANS);
    CHECK(strstr(inv_errmsg(db), "I-1 (card P-2)") != NULL);
    InvReturn ret = {.barcode = "I-1", .now = now + 60};
    CHECK_EQ(inv_return(db, &ret, NULL), INV_OK);
    CHECK_EQ(inv_borrower_erase(db, "P-1", 0, now + 120, &r), INV_OK);
    CHECK_EQ(r.id, adult);
    CHECK_EQ(r.n_children, 1);
    CHECK(r.log_cleared);
    InvBorrower b;
    CHECK_EQ(inv_borrower_get(db, "P-1", &b), INV_E_UNKNOWN_BORROWER);
    CHECK_EQ(inv_borrower_get(db, "P-2", &b), INV_E_UNKNOWN_BORROWER);
    CHECK_EQ(inv_borrower_get_id(db, child, &b), INV_OK);
    CHECK_STREQ(b.name, INV_ERASED_NAME);
    CHECK_EQ(strncmp(b.card, INV_ERASED_CARD, strlen(INV_ERASED_CARD)), 0);
    CHECK_STREQ(b.phone, "");
    CHECK_EQ(b.responsible_id, 0);
    InvFigures after;
    CHECK_EQ(inv_figures(db, 2026, 0, &after), INV_OK);
    CHECK_EQ(memcmp(&before, &after, sizeof(before)), 0);
    CHECK_EQ(inv_borrower_erase(db, "P-1", 0, now, &r), INV_E_UNKNOWN_BORROWER);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

typedef struct Report {
    InvYearReport r[3];
} Report;

static void reports(InvDb *db, int64_t now, Report *out)
{
    for (int y = 0; y < 3; y++)
        CHECK_EQ(inv_year_report(db, 2022 + y, now, &out->r[y]), INV_OK);
}

static void same_reports(Report *a, Report *b)
{
    for (int y = 0; y < 3; y++) {
        CHECK_EQ(memcmp(&a->r[y].total, &b->r[y].total, sizeof(InvFigures)), 0);
        CHECK_EQ(memcmp(a->r[y].month, b->r[y].month, sizeof(a->r[y].month)), 0);
        CHECK_EQ(a->r[y].n_categories, b->r[y].n_categories);
        for (size_t i = 0; i < a->r[y].n_categories; i++) {
            CHECK_STREQ(a->r[y].by_category[i].category, b->r[y].by_category[i].category);
            CHECK_EQ(a->r[y].by_category[i].items_lent, b->r[y].by_category[i].items_lent);
        }
        inv_year_report_release(&b->r[y]);
    }
}

static int count_swept(const InvSweepPerson *p, void *ctx)
{
    CHECK(p->card[0] != '\0');
    (*(size_t *)ctx)++;
    return 0;
}

static int outbox_rows(const char *path)
{
    sqlite3 *h = NULL;
    CHECK_EQ(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(h, "SELECT count(*) FROM outbox", -1, &st, NULL), SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

static void test_sweep_generated(void)
{
    static const GenYear years[2] = {
        {.loans = 300, .items_lent = 900, .borrowers = 120, .new_borrowers = 60},
        {.loans = 200, .items_lent = 500, .borrowers = 90, .new_borrowers = 30},
    };
    GenCentre c = {.prefix = "G-",
                   .first_year = 2022,
                   .n_years = 2,
                   .years = years,
                   .old_borrowers = 80,
                   .idle_borrowers = 25,
                   .n_items = 150};
    char items[300];
    char borrowers[300];
    char loans[300];
    CHECK_EQ(gen_centre(&c, stf_dir, items, borrowers, loans, sizeof(items)), 0);
    InvDb *db = stf_open_new("gen.db");
    int64_t t = stf_zone_time("2024-01-10T12:00");
    const char *files[] = {items, borrowers, loans};
    const InvImportKind kinds[] = {INV_IMPORT_ITEMS, INV_IMPORT_BORROWERS, INV_IMPORT_LOANS};
    for (int i = 0; i < 3; i++) {
        InvImportResult res;
        int err = inv_import_csv(db, kinds[i], files[i], t, NULL, NULL, &res);
        if (err != INV_OK)
            fprintf(stderr, "%s: %s\n", files[i], res.n_problems ? res.problems[0] : "");
        CHECK_EQ(err, INV_OK);
    }
    int64_t now = stf_zone_time("2025-06-01T12:00");
    Report before;
    Report after;
    reports(db, now, &before);

    size_t listed = 0;
    InvSweepResult dry;
    CHECK_EQ(inv_privacy_sweep(db, now, true, count_swept, &listed, &dry), INV_OK);
    CHECK(listed > 25); /* the idle ones at least, and those who last borrowed in 2022 */
    CHECK_EQ(dry.erased, listed);
    reports(db, now, &after);
    same_reports(&before, &after);

    InvSweepResult r;
    size_t erased = 0;
    CHECK_EQ(inv_privacy_sweep(db, now, false, count_swept, &erased, &r), INV_OK);
    CHECK_EQ(erased, listed);
    CHECK(r.erased >= listed);
    CHECK_EQ(inv_check(db), INV_OK);
    reports(db, now, &after);
    same_reports(&before, &after);

    /* detach 2022 and 2023 (history of 12 months at 2025-06: before 2024); a receipt sent for
     * an old loan names the person, so it goes with the history */
    char path[512];
    stf_path(path, sizeof(path), "gen.db");
    exec(path, "INSERT INTO outbox(kind, loan_id, number, channel, recipient_id, to_addr,"
               " queued_at, state, next_try) SELECT 1, l.id, 0, 1, l.borrower_id, '90000009', 0,"
               " 2, 0 FROM loan l JOIN borrower b ON b.id = l.borrower_id WHERE b.key_only = 0"
               " AND b.erased_at IS NULL ORDER BY l.id LIMIT 1");
    CHECK_EQ(outbox_rows(path), 1);
    InvPrivacyRules rules = {.retention_months = 240, .history_months = 12};
    CHECK_EQ(inv_privacy_rules_set(db, &rules), INV_OK);
    CHECK_EQ(inv_privacy_sweep(db, now, false, NULL, NULL, &r), INV_OK);
    CHECK_EQ(r.erased, 0);
    CHECK(r.detached_people > 0);
    CHECK(r.detached_loans > 0);
    CHECK_EQ(outbox_rows(path), 0);
    CHECK_EQ(inv_check(db), INV_OK); /* summaries and raw counts agree: distinct borrowers */
    reports(db, now, &after);
    same_reports(&before, &after);
    InvSweepResult again;
    CHECK_EQ(inv_privacy_sweep(db, now, false, NULL, NULL, &again), INV_OK);
    CHECK_EQ(again.detached_people, 0);
    for (int y = 0; y < 3; y++)
        inv_year_report_release(&before.r[y]);
    rules.history_months = 11;
    CHECK_EQ(inv_privacy_rules_set(db, &rules), INV_E_INVALID);
    inv_close(db);
}

int main(void)
{
    stf_begin("privacy");
    test_coverage();
    test_login();
    test_export_erase();
    test_sweep_generated();
    stf_end();
    fprintf(stderr, "test_privacy: ok\n");
    return 0;
}
