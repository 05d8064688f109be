/* Unit tests of the per-centre year report and the ranking of centres, on one real SQLite file
 * shared by several centres (each opened with its own centre id, as the national file is):
 * every count of a centre's report is checked against counts made here from the raw rows, and
 * the ranking against the figures of each centre and its documented order of ties. */
#include "check.h"
#include "inv_int.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DAY 86400

static char path[512];
static int64_t T0; /* 2024-03-01 12:00 Oslo */

static InvDb *open_centre(int64_t centre)
{
    InvOpenOptions o = {
        .path = path, .create = true, .timezone = "Europe/Oslo", .centre_id = centre};
    InvDb *db = stf_open(&o);
    CHECK_EQ(inv_centre_id(db), centre);
    return db;
}

static void add_item(InvDb *db, const char *code, const char *cat)
{
    InvItem it;
    memset(&it, 0, sizeof(it));
    snprintf(it.barcode, sizeof(it.barcode), "%s", code);
    snprintf(it.name, sizeof(it.name), "Utstyr %s", code);
    snprintf(it.category, sizeof(it.category), "%s", cat);
    int err = inv_item_add(db, &it, T0 - 30 * DAY, NULL);
    if (err != INV_OK)
        fprintf(stderr, "add item %s: %s\n", code, inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
}

static void lend(InvDb *db, int64_t borrower, const char *const *codes, size_t n, int64_t at)
{
    InvCheckout co = {.borrower_id = borrower, .barcodes = codes, .n_barcodes = n, .now = at};
    int err = inv_checkout(db, &co, NULL);
    if (err != INV_OK)
        fprintf(stderr, "checkout %s: %s\n", codes[0], inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
}

static void give_back(InvDb *db, const char *code, int64_t at)
{
    InvReturn r = {.barcode = code, .now = at};
    CHECK_EQ(inv_return(db, &r, NULL), INV_OK);
}

/* Raw counts of one centre, from every item and loan line of the file read here with plain
 * SQL and counted in C (no filter in the SQL, so the counting is this test's own). */
typedef struct Raw {
    int64_t overdue;
    int64_t never_lent;
    int64_t items;
} Raw;

static Raw raw_counts(int64_t centre, int64_t now)
{
    sqlite3 *s = NULL;
    CHECK_EQ(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *items = NULL;
    sqlite3_stmt *lines = NULL;
    CHECK_EQ(sqlite3_prepare_v2(s, "SELECT id, centre_id, status FROM item", -1, &items, NULL),
             SQLITE_OK);
    CHECK_EQ(sqlite3_prepare_v2(s, "SELECT item_id, due_at, returned_at FROM loan_line", -1, &lines,
                                NULL),
             SQLITE_OK);
    Raw r = {0, 0, 0};
    while (sqlite3_step(items) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(items, 0);
        if (sqlite3_column_int64(items, 1) != centre)
            continue;
        r.items++;
        bool lent = false;
        bool overdue = false;
        while (sqlite3_step(lines) == SQLITE_ROW) {
            if (sqlite3_column_int64(lines, 0) != id)
                continue;
            lent = true;
            if (sqlite3_column_type(lines, 2) == SQLITE_NULL &&
                sqlite3_column_int64(lines, 1) < now)
                overdue = true;
        }
        sqlite3_reset(lines);
        r.overdue += overdue;
        r.never_lent += !lent && sqlite3_column_int(items, 2) != INV_ITEM_RETIRED;
    }
    sqlite3_finalize(items);
    sqlite3_finalize(lines);
    sqlite3_close(s);
    return r;
}

static void check_report(InvDb *db, int64_t now, int64_t overdue, int64_t never_lent)
{
    Raw raw = raw_counts(inv_centre_id(db), now);
    InvYearReport r;
    CHECK_EQ(inv_year_report(db, 2024, now, &r), INV_OK);
    CHECK_EQ(r.overdue_now, raw.overdue);
    CHECK_EQ(r.items_never_lent, raw.never_lent);
    CHECK_EQ(r.overdue_now, overdue); /* and the numbers worked out by hand */
    CHECK_EQ(r.items_never_lent, never_lent);
    InvFigures raw_fig;
    CHECK_EQ(inv_figures_raw(db, 2024, inv_centre_id(db), &raw_fig), INV_OK);
    CHECK_EQ(r.total.loans, raw_fig.loans);
    CHECK_EQ(r.total.items_lent, raw_fig.items_lent);
    CHECK_EQ(r.total.borrowers, raw_fig.borrowers);
    CHECK_EQ(r.total.new_borrowers, raw_fig.new_borrowers);
    inv_year_report_release(&r);
}

/* Centre 1: 5 items (one retired, never lent; one never lent), 2 loans of 1 item; one of them
 * overdue. Centre 2: 7 items, 3 never lent, 2 loans of 4 items, 3 of them overdue. */
static void test_two_centres(void)
{
    InvDb *a = open_centre(1);
    add_item(a, "A-1", "Ski");
    add_item(a, "A-2", "Ski");
    add_item(a, "A-3", "Telt");
    add_item(a, "A-4", "Telt");
    add_item(a, "A-5", "Telt");
    CHECK_EQ(inv_item_set_status(a, "A-5", INV_ITEM_RETIRED, "broken", 0, T0), INV_OK);
    int64_t ola = stf_add_borrower(a, "1001", "Låner", T0 - 2 * DAY);
    lend(a, ola, (const char *const[]){"A-1"}, 1, T0);
    lend(a, ola, (const char *const[]){"A-2"}, 1, T0 + DAY);
    give_back(a, "A-2", T0 + 2 * DAY);

    InvDb *b = open_centre(2);
    for (int i = 1; i <= 7; i++) {
        char code[16];
        snprintf(code, sizeof(code), "B-%d", i);
        add_item(b, code, i % 2 ? "Sykkel" : "Hjelm");
    }
    int64_t kari = stf_add_borrower(b, "2001", "Låner", T0 - DAY);
    int64_t per = stf_add_borrower(b, "2002", "Låner", T0 - DAY);
    lend(b, kari, (const char *const[]){"B-1", "B-2", "B-3"}, 3, T0);
    lend(b, per, (const char *const[]){"B-4"}, 1, T0 + 25 * DAY);
    give_back(b, "B-3", T0 + 3 * DAY);

    /* a month on: A-1 and B-1, B-2 are past due (7 days a loan), B-4 (lent on day 25) not yet */
    int64_t now = T0 + 30 * DAY;
    check_report(a, now, 1, 2);
    check_report(b, now, 2, 3);
    /* later B-4 is past due too; nothing else moves */
    check_report(a, T0 + 60 * DAY, 1, 2);
    check_report(b, T0 + 60 * DAY, 3, 3);
    /* before anything was due, nothing is overdue */
    check_report(b, T0 + DAY, 0, 3);
    /* the other centre's rows are there, so the filter is what tells them apart */
    Raw all_a = raw_counts(1, now);
    Raw all_b = raw_counts(2, now);
    CHECK_EQ(all_a.items, 5);
    CHECK_EQ(all_b.items, 7);
    CHECK_EQ(inv_check(a), INV_OK);
    inv_close(a);
    inv_close(b);
}

static void check_rank(const InvCentreRank *c, int place, int64_t centre, int64_t loans,
                       int64_t items)
{
    CHECK_EQ(c->place, place);
    CHECK_EQ(c->centre_id, centre);
    CHECK_EQ(c->figures.loans, loans);
    CHECK_EQ(c->figures.items_lent, items);
}

/* Runs after test_two_centres on the same file: centres 1 and 2 each have 2 loans in 2024 (ties
 * on loans: centre 2 lent more items). Centre 3 gets 2 loans of 1 item each and more borrowers
 * than centre 1 (the tie goes to borrowers); centres 4 and 5 lend nothing, and 5 registers a
 * borrower (new borrowers decide); centre 6 lends nothing in 2024 but 3 loans in 2023. */
static void test_ranking(void)
{
    InvDb *c3 = open_centre(3);
    add_item(c3, "C-1", "Ski");
    add_item(c3, "C-2", "Ski");
    int64_t x = stf_add_borrower(c3, "3001", "Låner", T0 - 400 * DAY);
    int64_t y = stf_add_borrower(c3, "3002", "Låner", T0 - 400 * DAY);
    lend(c3, x, (const char *const[]){"C-1"}, 1, T0);
    lend(c3, y, (const char *const[]){"C-2"}, 1, T0);
    inv_close(c3);
    InvDb *c4 = open_centre(4);
    inv_close(c4);
    InvDb *c5 = open_centre(5);
    stf_add_borrower(c5, "5001", "Låner", T0);
    inv_close(c5);
    InvDb *c6 = open_centre(6);
    add_item(c6, "F-1", "Ski");
    int64_t z = stf_add_borrower(c6, "6001", "Låner", T0 - 400 * DAY);
    for (int i = 0; i < 3; i++) {
        lend(c6, z, (const char *const[]){"F-1"}, 1, T0 - 300 * DAY + i * 10 * DAY);
        give_back(c6, "F-1", T0 - 300 * DAY + i * 10 * DAY + DAY);
    }

    InvRanking r;
    CHECK_EQ(inv_ranking(c6, 2024, &r), INV_OK);
    CHECK_EQ(r.year, 2024);
    CHECK_EQ(r.n, 6);
    check_rank(&r.centres[0], 1, 2, 2, 4);
    check_rank(&r.centres[1], 2, 3, 2, 2); /* 2 borrowers against centre 1's one */
    check_rank(&r.centres[2], 3, 1, 2, 2);
    check_rank(&r.centres[3], 4, 5, 0, 0); /* a new borrower */
    check_rank(&r.centres[4], 5, 4, 0, 0); /* all equal: the lower id first */
    check_rank(&r.centres[5], 6, 6, 0, 0);
    CHECK_EQ(r.centres[3].figures.new_borrowers, 1);
    CHECK_STREQ(r.centres[0].name, "Centre 2");
    for (size_t i = 0; i < r.n; i++) { /* each line is the centre's own figures */
        InvFigures f;
        CHECK_EQ(inv_figures(c6, 2024, r.centres[i].centre_id, &f), INV_OK);
        CHECK(memcmp(&f, &r.centres[i].figures, sizeof(f)) == 0);
        CHECK_EQ(inv_figures_raw(c6, 2024, r.centres[i].centre_id, &f), INV_OK);
        CHECK(memcmp(&f, &r.centres[i].figures, sizeof(f)) == 0);
    }
    inv_ranking_release(&r);
    inv_ranking_release(&r); /* twice is harmless */
    CHECK(r.centres == NULL);

    CHECK_EQ(inv_ranking(c6, 2023, &r), INV_OK);
    CHECK_EQ(r.n, 6);
    check_rank(&r.centres[0], 1, 6, 3, 3);
    check_rank(&r.centres[1], 2, 3, 0, 0); /* registered 2 borrowers in 2023 */
    check_rank(&r.centres[2], 3, 1, 0, 0);
    check_rank(&r.centres[5], 6, 5, 0, 0);
    inv_ranking_release(&r);

    InvRanking untouched = {7, NULL, 0};
    CHECK_EQ(inv_ranking(c6, 1969, &untouched), INV_E_INVALID);
    CHECK(strstr(inv_errmsg(c6), "1969") != NULL);
    CHECK_EQ(untouched.year, 7);
    CHECK_EQ(inv_check(c6), INV_OK);
    inv_close(c6);
}

static void same_as_raw(InvDb *db, int year, int64_t centre)
{
    InvFigures fast;
    InvFigures slow;
    CHECK_EQ(inv_figures(db, year, centre, &fast), INV_OK);
    CHECK_EQ(inv_figures_raw(db, year, centre, &slow), INV_OK);
    CHECK_EQ(fast.loans, slow.loans);
    CHECK_EQ(fast.items_lent, slow.items_lent);
    CHECK_EQ(fast.borrowers, slow.borrowers);
    CHECK_EQ(fast.new_borrowers, slow.new_borrowers);
}

static int64_t queued(void)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_EQ(sqlite3_prepare_v2(s,
                                "SELECT count(*) FROM loan WHERE id > (SELECT loan_id FROM"
                                " sum_mark)",
                                -1, &st, NULL),
             SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return n;
}

/* Checkouts are queued and added to the summaries in bulk (whenever the summaries are read, and
 * by inv_idle or every INV_SUM_QUEUE_MAX loans): 300 checkouts by two centres in one file, across a
 * New Year, by borrowers who come back, with every figure read at odd moments and compared with the
 * loans, the months and categories summed against the year, and a rebuild that agrees. */
static void test_queued_checkouts(void)
{
    stf_path(path, sizeof(path), "queue.db");
    InvDb *c[2] = {open_centre(1), open_centre(2)};
    int64_t who[2][23];
    const char *cats[] = {"Ski", "Telt", "Sykkel", "Hjelm"};
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 40; i++) {
            char code[16];
            snprintf(code, sizeof(code), "Q%d-%02d", k + 1, i);
            add_item(c[k], code, cats[i % 4]);
        }
        for (int j = 0; j < 23; j++) {
            char card[16];
            snprintf(card, sizeof(card), "Q%d-B%02d", k + 1, j);
            /* some registered in 2023, some in 2024 */
            who[k][j] = stf_add_borrower(c[k], card, "Låner", T0 - (j % 2 ? 200 : 40) * DAY);
        }
    }
    int64_t t = T0 - 100 * DAY; /* 2023-11-22: 300 checkouts 9 hours apart reach March 2024 */
    for (int i = 0; i < 300; i++, t += 9 * 3600) {
        int k = i % 3 == 0; /* centre 2 every third checkout */
        char codes[3][16];
        const char *list[3];
        int n = 1 + i % 3;
        for (int m = 0; m < n; m++) {
            snprintf(codes[m], sizeof(codes[m]), "Q%d-%02d", k + 1, (i * 3 + m) % 40);
            list[m] = codes[m];
        }
        lend(c[k], who[k][(i * 7) % 23], list, (size_t)n, t);
        for (int m = 0; m < n; m++)
            give_back(c[k], codes[m], t + 3600);
        if (i % 41 == 40) { /* a reader adds what is queued first */
            same_as_raw(c[i % 2], 2023, 1 + i % 2);
            CHECK_EQ(queued(), 0);
        }
    }
    CHECK(queued() > 0); /* the last reader was at 286: the loans after it are queued */
    for (int year = 2023; year <= 2024; year++)
        for (int64_t centre = 0; centre <= 2; centre++)
            same_as_raw(c[0], year, centre);
    InvYearReport r;
    CHECK_EQ(inv_year_report(c[1], 2023, t, &r), INV_OK);
    int64_t loans = 0;
    int64_t items = 0;
    for (int m = 0; m < 12; m++) {
        loans += r.month[m].loans;
        items += r.month[m].items_lent;
    }
    CHECK_EQ(loans, r.total.loans);
    CHECK_EQ(items, r.total.items_lent);
    items = 0;
    for (size_t i = 0; i < r.n_categories; i++)
        items += r.by_category[i].items_lent;
    CHECK_EQ(items, r.total.items_lent);
    CHECK(r.total.loans > 20);
    inv_year_report_release(&r);

    InvFigures before;
    CHECK_EQ(inv_figures(c[0], 2024, 0, &before), INV_OK);
    lend(c[0], who[0][0], (const char *const[]){"Q1-00"}, 1, t); /* queued, then checked */
    CHECK_EQ(queued(), 1);
    CHECK_EQ(inv_check(c[1]), INV_OK);
    CHECK_EQ(queued(), 0);
    give_back(c[0], "Q1-00", t + 60);
    lend(c[0], who[0][0], (const char *const[]){"Q1-00"}, 1, t + 120); /* queued, rebuilt */
    CHECK_EQ(queued(), 1);
    CHECK_EQ(inv_summaries_rebuild(c[0]), INV_OK);
    CHECK_EQ(queued(), 0);
    InvFigures after;
    CHECK_EQ(inv_figures(c[0], 2024, 0, &after), INV_OK);
    CHECK_EQ(after.loans, before.loans + 2);
    CHECK_EQ(after.items_lent, before.items_lent + 2);
    CHECK_EQ(inv_check(c[0]), INV_OK);
    inv_close(c[0]);
    inv_close(c[1]);
}

/* Whether every item of the file has the "ever lent" mark exactly when it has a loan line,
 * read with plain SQL; returns how many are marked. */
static int64_t check_ever_lent(void)
{
    sqlite3 *s = NULL;
    CHECK_EQ(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(s,
                                "SELECT i.barcode, i.ever_lent, EXISTS (SELECT 1 FROM loan_line ll"
                                " WHERE ll.item_id = i.id) FROM item i",
                                -1, &st, NULL),
             SQLITE_OK);
    int64_t marked = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int mark = sqlite3_column_int(st, 1);
        int lent = sqlite3_column_int(st, 2);
        if (mark != lent)
            fprintf(stderr, "%s: ever_lent %d, loan lines %d\n", sqlite3_column_text(st, 0), mark,
                    lent);
        CHECK_EQ(mark, lent);
        marked += mark;
    }
    sqlite3_finalize(st);
    sqlite3_close(s);
    return marked;
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(name, "w");
    CHECK(f != NULL);
    CHECK_EQ(fputs(text, f) >= 0, true);
    CHECK_EQ(fclose(f), 0);
}

/* The "ever lent" mark that the report's never-lent count reads: set by checkout (and kept by a
 * relend), set in bulk by the loan import (returned and open lines alike), untouched by a
 * refused import; the migration that fills it from old files is in tests/e2e/admin_store.sh. */
static void test_ever_lent(void)
{
    int64_t before = check_ever_lent();
    InvDb *db = open_centre(7);
    for (int i = 1; i <= 6; i++) {
        char code[16];
        snprintf(code, sizeof(code), "E-%d", i);
        add_item(db, code, "Ski");
    }
    int64_t eva = stf_add_borrower(db, "7001", "Låner", T0 - DAY);
    int64_t now = T0 + 200 * DAY;
    Raw raw = raw_counts(7, now);
    CHECK_EQ(raw.never_lent, 6);
    check_report(db, now, 0, 6);

    lend(db, eva, (const char *const[]){"E-1"}, 1, T0 + 100 * DAY);
    CHECK_EQ(check_ever_lent(), before + 1);
    check_report(db, now, 1, 5); /* E-1: lent on day 100 for 7 days, overdue by day 200 */
    InvCheckout again = {.borrower_id = eva,
                         .barcodes = (const char *const[]){"E-1"},
                         .n_barcodes = 1,
                         .now = T0 + 101 * DAY,
                         .relend = true,
                         .staff_id = 0};
    CHECK_EQ(inv_checkout(db, &again, NULL), INV_E_NEEDS_LEADER); /* refused: nothing moves */
    CHECK_EQ(check_ever_lent(), before + 1);

    char csv[600];
    stf_path(csv, sizeof(csv), "ever.csv");
    InvImportResult *res = calloc(1, sizeof(*res));
    CHECK(res != NULL);
    /* a bad row (unknown item) refuses the whole file: no mark set */
    write_file(csv, "loan_ref,card,barcode,checked_out_at,due_at,returned_at\n"
                    "E1,7001,E-2,2024-01-10T10:00,2024-01-17T10:00,2024-01-15T10:00\n"
                    "E2,7001,NOPE-9,2024-01-11T10:00,2024-01-18T10:00,\n");
    CHECK_EQ(inv_import_csv(db, INV_IMPORT_LOANS, csv, now, NULL, NULL, res), INV_E_IMPORT);
    CHECK_EQ(check_ever_lent(), before + 1);
    /* E-2 returned, E-3 still out (overdue), E-4 lost: all three lent; E-5, E-6 never */
    write_file(csv, "loan_ref,card,barcode,checked_out_at,due_at,returned_at,lost\n"
                    "E1,7001,E-2,2024-01-10T10:00,2024-01-17T10:00,2024-01-15T10:00,\n"
                    "E2,7001,E-3,2024-01-11T10:00,2024-01-18T10:00,,\n"
                    "E3,7001,E-4,2024-01-12T10:00,2024-01-19T10:00,,2024-02-01T10:00\n");
    int err = inv_import_csv(db, INV_IMPORT_LOANS, csv, now, NULL, NULL, res);
    for (size_t i = 0; i < res->n_problems && i < INV_IMPORT_PROBLEMS_MAX; i++)
        fprintf(stderr, "import: %s\n", res->problems[i]);
    CHECK_EQ(err, INV_OK);
    CHECK_EQ(res->added, 3);
    free(res);
    CHECK_EQ(check_ever_lent(), before + 4);
    check_report(db, now, 2, 2); /* E-1 (lent on day 100, 7 days) and E-3 overdue */
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

int main(void)
{
    stf_begin("report");
    stf_path(path, sizeof(path), "centres.db");
    {
        InvDb *db = open_centre(1); /* the zone is the database's */
        T0 = stf_at("2024-03-01T12:00");
        inv_close(db);
    }
    test_two_centres();
    test_ranking();
    test_queued_checkouts();
    test_ever_lent();
    stf_end();
    printf("test_report: ok\n");
    return 0;
}
