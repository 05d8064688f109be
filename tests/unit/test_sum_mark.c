/* The summary queue as a mark (issue 16, schema step 4): sum_mark holds the last loan id in the
 * summaries and the loans above it are queued. A checkout that does not fold writes nothing to
 * the summaries; inv_idle (the kiosk's quiet moment) folds the queue, and INV_SUM_QUEUE_MAX
 * loans above the mark are folded by the checkout that makes them so many; readers fold first; an
 * import folds the queue before its own loans and moves the mark past them; a rebuild moves it to
 * the newest loan; a loan whose id is not above the mark is added at once; a mark not known (NULL,
 * or its row gone) is a rebuild: at open, at the next reading, or inside an import's transaction.
 * Every figure is compared with the loans (inv_figures_raw) and inv_check. Real SQLite files in a
 * temporary folder. */
#include "check.h"
#include "inv_int.h"
#include "inventory.h"
#include "store_fixture.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DAY 86400

static int64_t T0; /* 2024-03-01 12:00 Oslo */

static void exec(InvDb *db, const char *sql)
{
    CHECK_EQ(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* The mark, -1 when not known (NULL or no row). */
static int64_t mark(InvDb *db)
{
    return stf_count(db, "SELECT coalesce((SELECT loan_id FROM sum_mark), -1)");
}

static int64_t newest(InvDb *db)
{
    return stf_count(db, "SELECT coalesce(max(id), 0) FROM loan");
}

/* Loans above the mark. */
static int64_t queued(InvDb *db)
{
    return stf_count(db, "SELECT count(*) FROM loan WHERE id > (SELECT loan_id FROM sum_mark)");
}

/* Everything the summaries hold, as one number that changes when a row is written. */
static int64_t summaries(InvDb *db)
{
    return stf_count(db,
                     "SELECT (SELECT count(*) * 1000000 + total(loans) * 1000 + total(items_lent)"
                     " + total(borrowers) FROM summary) * 1000 + (SELECT count(*) FROM"
                     " sum_borrower)");
}

static void same_as_raw(InvDb *db, int year)
{
    for (int64_t centre = 0; centre <= 1; centre++) {
        InvFigures fast;
        InvFigures slow;
        CHECK_EQ(inv_figures(db, year, centre, &fast), INV_OK);
        CHECK_EQ(inv_figures_raw(db, year, centre, &slow), INV_OK);
        CHECK_EQ(fast.loans, slow.loans);
        CHECK_EQ(fast.items_lent, slow.items_lent);
        CHECK_EQ(fast.borrowers, slow.borrowers);
        CHECK_EQ(fast.new_borrowers, slow.new_borrowers);
    }
}

/* A store with items M-00..M-11 (four categories) and borrowers C-0..C-4 (cards). */
static InvDb *store(const char *name, int64_t *who)
{
    InvDb *db = stf_open_new(name);
    const char *cats[] = {"Ski", "Telt", "Sykkel", "Hjelm"};
    for (int i = 0; i < 12; i++) {
        char code[16];
        snprintf(code, sizeof(code), "M-%02d", i);
        stf_add_item(db, code, cats[i % 4], T0 - 60 * DAY);
    }
    for (int j = 0; j < 5; j++) {
        char card[16];
        snprintf(card, sizeof(card), "C-%d", j);
        who[j] = stf_add_borrower(db, card, "Låner", T0 - 30 * DAY);
    }
    return db;
}

/* Lends items M-<first>.. (n of them) to `who` at t and takes them back an hour later; the loan
 * id. */
static int64_t lend_and_return(InvDb *db, int64_t who, int first, int n, int64_t t)
{
    char codes[3][16];
    const char *list[3];
    for (int m = 0; m < n; m++) {
        snprintf(codes[m], sizeof(codes[m]), "M-%02d", (first + m) % 12);
        list[m] = codes[m];
    }
    InvCheckout co = {.borrower_id = who, .barcodes = list, .n_barcodes = (size_t)n, .now = t};
    int64_t id = 0;
    CHECK_EQ(inv_checkout(db, &co, &id), INV_OK);
    for (int m = 0; m < n; m++) {
        InvReturn r = {.barcode = codes[m], .now = t + 3600};
        InvReturned out;
        CHECK_EQ(inv_return(db, &r, &out), INV_OK);
    }
    return id;
}

/* Checkouts write nothing to the summaries until inv_idle folds them or INV_SUM_QUEUE_MAX loans
 * are above the mark (the checkout that makes them so many adds them all); readers add the queue
 * first. The first 150 checkouts are read now and then and left idle now and then; after them,
 * nobody reads and the kiosk is never idle, until a checkout folds the queue itself. */
static void test_queue(void)
{
    int64_t who[5];
    InvDb *db = store("queue.db", who);
    CHECK_EQ(mark(db), 0);
    CHECK_EQ(inv_idle(db), INV_OK); /* nothing queued: nothing written */
    CHECK_EQ(mark(db), 0);
    int folds = 0;
    int idles = 0;
    int64_t t = T0 - 10 * DAY; /* across the end of February */
    for (int i = 0; i < 150 + INV_SUM_QUEUE_MAX + 10; i++, t += 5 * 3600) {
        int64_t before = summaries(db);
        int64_t was = mark(db);
        char codes[3][16];
        const char *list[3];
        int n = 1 + i % 3;
        for (int m = 0; m < n; m++) {
            snprintf(codes[m], sizeof(codes[m]), "M-%02d", (i * 3 + m) % 12);
            list[m] = codes[m];
        }
        InvCheckout co = {
            .borrower_id = who[(i * 3) % 5], .barcodes = list, .n_barcodes = (size_t)n, .now = t};
        int64_t id = 0;
        CHECK_EQ(inv_checkout(db, &co, &id), INV_OK);
        if (id - was < INV_SUM_QUEUE_MAX) { /* queued: not a row written */
            CHECK_EQ(summaries(db), before);
            CHECK_EQ(mark(db), was);
        } else { /* this checkout added the queue, itself too */
            CHECK_EQ(mark(db), id);
            folds++;
        }
        CHECK(queued(db) < INV_SUM_QUEUE_MAX);
        for (int m = 0; m < n; m++) {
            InvReturn r = {.barcode = codes[m], .now = t + 3600};
            InvReturned out;
            CHECK_EQ(inv_return(db, &r, &out), INV_OK);
        }
        if (i < 150 && i % 45 == 44) { /* a reader adds the queue first */
            same_as_raw(db, 2024);
            CHECK_EQ(queued(db), 0);
            CHECK_EQ(mark(db), id);
        } else if (i < 150 && i % 20 == 19) { /* the kiosk is left alone for a moment */
            CHECK(queued(db) > 0);
            CHECK_EQ(inv_idle(db), INV_OK);
            CHECK_EQ(queued(db), 0);
            CHECK_EQ(mark(db), id);
            CHECK(summaries(db) != before);
            same_as_raw(db, 2024);
            idles++;
        }
    }
    CHECK_EQ(idles, 7); /* at 19, 39, ..., 139 */
    CHECK_EQ(folds, 1);
    CHECK(queued(db) > 0);
    CHECK_EQ(inv_check(db), INV_OK);
    CHECK_EQ(queued(db), 0);
    inv_close(db);
}

/* The other writer of test_idle_busy: its own connection takes the write lock, says so, waits
 * for the word and lets go 0.3 s later. */
typedef struct Holder {
    char path[512];
    int locked[2];
    int go[2];
    bool ok;
} Holder;

static void *hold_lock(void *arg)
{
    Holder *h = arg;
    sqlite3 *other = NULL;
    char c = 0;
    h->ok = sqlite3_open(h->path, &other) == SQLITE_OK &&
            sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
    if (write(h->locked[1], h->ok ? "L" : "F", 1) != 1 || read(h->go[0], &c, 1) != 1)
        h->ok = false;
    struct timespec pause = {0, 300 * 1000 * 1000};
    nanosleep(&pause, NULL);
    if (sqlite3_exec(other, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        h->ok = false;
    sqlite3_close(other);
    return NULL;
}

/* While another writer holds the write lock, inv_idle gives up at once (INV_E_BUSY, after
 * INV_IDLE_BUSY_MS, not the store's busy timeout) and leaves the queue as it was; the store's own
 * writes then wait for the lock as before. */
static void test_idle_busy(void)
{
    int64_t who[5];
    InvDb *db = store("idle_busy.db", who);
    inv_set_busy_timeout(db, 30000);
    lend_and_return(db, who[0], 0, 2, T0);
    CHECK(queued(db) > 0);
    int64_t was = mark(db);
    static Holder h;
    stf_path(h.path, sizeof h.path, "idle_busy.db");
    CHECK_EQ(pipe(h.locked), 0);
    CHECK_EQ(pipe(h.go), 0);
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, hold_lock, &h), 0);
    char c = 0;
    CHECK_EQ(read(h.locked[0], &c, 1), 1);
    CHECK_EQ(c, 'L');
    struct timespec a;
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    CHECK_EQ(inv_idle(db), INV_E_BUSY);
    clock_gettime(CLOCK_MONOTONIC, &b);
    CHECK(b.tv_sec - a.tv_sec < 10); /* not the 30 s the store's writes wait */
    CHECK_EQ(mark(db), was);
    CHECK_EQ(write(h.go[1], "G", 1), 1);
    /* the store's own write waits for the lock (0.3 s) with its own timeout again */
    int64_t id = lend_and_return(db, who[1], 4, 1, T0 + 3600);
    CHECK_EQ(pthread_join(th, NULL), 0);
    CHECK(h.ok);
    CHECK_EQ(inv_idle(db), INV_OK);
    CHECK_EQ(mark(db), id);
    CHECK_EQ(queued(db), 0);
    for (int k = 0; k < 2; k++) {
        close(h.locked[k]);
        close(h.go[k]);
    }
    inv_close(db);
}

/* Imports text as a file of kind. */
static int import(InvDb *db, InvImportKind kind, const char *name, const char *text)
{
    char path[512];
    stf_path(path, sizeof(path), name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    CHECK(fputs(text, f) >= 0);
    CHECK_EQ(fclose(f), 0);
    InvImportResult *res = calloc(1, sizeof(*res));
    CHECK(res != NULL);
    int err = inv_import_csv(db, kind, path, T0, NULL, NULL, res);
    for (size_t i = 0; i < res->n_problems && i < INV_IMPORT_PROBLEMS_MAX; i++)
        fprintf(stderr, "   problem: %s\n", res->problems[i]);
    free(res);
    return err;
}

static const char loans_2023[] = "loan_ref,card,barcode,checked_out_at,returned_at\n"
                                 "H1,C-1,M-01,2023-05-02T10:00,2023-05-03T10:00\n"
                                 "H1,C-1,M-02,2023-05-02T10:00,2023-05-04T10:00\n"
                                 "H2,C-2,M-03,2023-06-02T10:00,2023-06-03T10:00\n"
                                 "H3,C-4,M-01,2023-11-02T10:00,2023-11-05T10:00\n";

/* An import adds the queued checkouts first and its own loans directly, then moves the mark past
 * them: nothing counted twice, nothing lost, also when a checkout is queued between two
 * imports. A rebuild moves the mark to the newest loan. */
static void test_import(void)
{
    int64_t who[5];
    InvDb *db = store("import.db", who);
    for (int i = 0; i < 5; i++)
        lend_and_return(db, who[i], i, 2, T0 + i * 3600);
    CHECK_EQ(queued(db), 5);
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "a.csv", loans_2023), INV_OK);
    CHECK_EQ(queued(db), 0);
    CHECK_EQ(mark(db), newest(db));
    CHECK_EQ(newest(db), 8);
    same_as_raw(db, 2023);
    same_as_raw(db, 2024);
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 5);
    CHECK_EQ(f.items_lent, 10);
    CHECK_EQ(inv_figures(db, 2023, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 3);
    CHECK_EQ(f.items_lent, 4);

    lend_and_return(db, who[0], 6, 1, T0 + DAY); /* queued again */
    CHECK_EQ(queued(db), 1);
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "b.csv",
                    "loan_ref,card,barcode,checked_out_at,returned_at\n"
                    "H5,C-2,M-05,2023-06-10T10:00,2023-06-12T10:00\n"
                    "H4,C-3,M-07,2024-01-10T10:00,2024-01-12T10:00\n"),
             INV_OK);
    CHECK_EQ(queued(db), 0);
    CHECK_EQ(inv_figures(db, 2023, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 4);
    CHECK_EQ(f.items_lent, 5);
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 7);
    CHECK_EQ(f.items_lent, 12);
    same_as_raw(db, 2023);
    same_as_raw(db, 2024);

    lend_and_return(db, who[1], 8, 3, T0 + 2 * DAY);
    lend_and_return(db, who[2], 9, 1, T0 + 2 * DAY);
    CHECK_EQ(queued(db), 2);
    CHECK_EQ(inv_summaries_rebuild(db), INV_OK);
    CHECK_EQ(queued(db), 0);
    CHECK_EQ(mark(db), newest(db));
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 9);
    CHECK_EQ(f.items_lent, 16);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* A mark not known (a file of step 3 whose queue was not the newest loans, or its row gone): a
 * checkout leaves its loan queued; the next reading rebuilds the summaries, also inside an
 * import's transaction; opening the file rebuilds them at once. */
static void test_unknown(void)
{
    int64_t who[5];
    InvDb *db = store("unknown.db", who);
    for (int i = 0; i < 4; i++)
        lend_and_return(db, who[i], i, 1 + i % 3, T0 + i * 3600);
    /* the summaries wrong and the mark not known: a checkout leaves it so, a reader rebuilds */
    exec(db, "DELETE FROM summary WHERE category_id = 0; UPDATE sum_mark SET loan_id = NULL");
    lend_and_return(db, who[4], 5, 2, T0 + DAY);
    CHECK_EQ(mark(db), -1);
    same_as_raw(db, 2024);
    CHECK_EQ(mark(db), newest(db));
    CHECK_EQ(inv_check(db), INV_OK);

    /* inside the import's transaction */
    exec(db, "DELETE FROM sum_borrower; DELETE FROM sum_mark");
    CHECK_EQ(mark(db), -1);
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "a.csv", loans_2023), INV_OK);
    CHECK_EQ(mark(db), newest(db));
    same_as_raw(db, 2023);
    same_as_raw(db, 2024);
    CHECK_EQ(inv_check(db), INV_OK);

    /* at open: rebuilt before anything reads */
    exec(db, "DELETE FROM summary; UPDATE sum_mark SET loan_id = NULL");
    inv_close(db);
    char path[512];
    stf_path(path, sizeof(path), "unknown.db");
    InvOpenOptions o = {.path = path};
    db = stf_open(&o);
    CHECK_EQ(mark(db), newest(db));
    CHECK(stf_count(db, "SELECT count(*) FROM summary") > 0);
    same_as_raw(db, 2023);
    same_as_raw(db, 2024);
    inv_close(db);
}

/* A loan whose id is not above the mark (the newest loans deleted after they were added, or a
 * mark moved by hand) is added by its checkout at once; the mark stays. */
static void test_below_mark(void)
{
    int64_t who[5];
    InvDb *db = store("below.db", who);
    lend_and_return(db, who[0], 0, 2, T0);
    same_as_raw(db, 2024);
    int64_t ahead = newest(db) + 10;
    char sql[96];
    snprintf(sql, sizeof(sql), "UPDATE sum_mark SET loan_id = %lld", (long long)ahead);
    exec(db, sql);
    int64_t before = summaries(db);
    lend_and_return(db, who[1], 2, 3, T0 + 3600);
    CHECK(summaries(db) != before);
    CHECK_EQ(mark(db), ahead);
    same_as_raw(db, 2024);
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 2);
    CHECK_EQ(f.items_lent, 5);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* A checkout marks its items ever lent at once (in its status update: no index of them to
 * write), and the year report counts the items never lent exactly with the loan still queued. */
static void test_ever_lent(void)
{
    int64_t who[5];
    InvDb *db = store("ever.db", who);
    const char *codes[] = {"M-00", "M-01"};
    InvCheckout co = {.borrower_id = who[0], .barcodes = codes, .n_barcodes = 2, .now = T0};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
    CHECK_EQ(queued(db), 1);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM item WHERE ever_lent = 1 AND barcode IN ('M-00',"
                           " 'M-01')"),
             2);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM item WHERE ever_lent = 1"), 2);
    exec(db, "UPDATE item SET status = 4 WHERE barcode = 'M-11'"); /* retired: not counted */
    InvYearReport r;
    CHECK_EQ(inv_year_report(db, 2024, T0 + DAY, &r), INV_OK);
    CHECK_EQ(r.items_never_lent, 9);
    inv_year_report_release(&r);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

int main(void)
{
    stf_begin("sum-mark");
    T0 = stf_at("2024-03-01T12:00");
    RUN(test_queue);
    RUN(test_idle_busy);
    RUN(test_import);
    RUN(test_unknown);
    RUN(test_below_mark);
    RUN(test_ever_lent);
    stf_end();
    return 0;
}
