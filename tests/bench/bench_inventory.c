/* Inventory benchmarks. Prints figures, never fails on them; each is set against a baseline
 * measured in the same run:
 *   checkout  a durable 5-item checkout (WAL, synchronous=FULL) against bare SQLite inserting the
 *             same loan and loan lines (and, second baseline, also updating the items' status)
 *             with the same pragmas, interleaved so both see the same disk;
 *   report    the four figures of the Hamar year from the summaries, against counting them from
 *             the loans with plain indexes; and the whole year report;
 *   national  (with --national) about 14.5 million loan lines, 5 years, 260 centres: the four
 *             national figures and one centre's, against plain-index counts.
 * The import benchmark is bench_import.c.
 * Usage: bench_inventory [--national] [--quick] [--only checkout|report] */
#include "gen.h"
#include "inventory.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[256];

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static double cpu_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct Stats {
    double mean;
    double p50;
    double p99;
} Stats;

static Stats stats(double *v, size_t n)
{
    Stats s = {0, 0, 0};
    for (size_t i = 0; i < n; i++)
        s.mean += v[i];
    s.mean /= (double)n;
    qsort(v, n, sizeof(v[0]), cmp_double);
    s.p50 = v[n / 2];
    s.p99 = v[(size_t)((double)n * 0.99)];
    return s;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_inventory: %s: %s\n", what, detail);
    exit(1);
}

static InvDb *open_db(const char *name, int64_t centre)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    InvOpenOptions o = {
        .path = path, .create = true, .timezone = "Europe/Oslo", .centre_id = centre};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    return db;
}

static void import_or_die(InvDb *db, InvImportKind kind, const char *path)
{
    InvImportResult res;
    if (inv_import_csv(db, kind, path, 1736942400, NULL, NULL, &res) != INV_OK)
        die(path, res.n_problems ? res.problems[0] : inv_errmsg(db));
}

/* ---- checkout ------------------------------------------------------------------------------ */

static void exec_or_die(sqlite3 *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s, sql, NULL, NULL, &err) != SQLITE_OK)
        die(sql, err ? err : "?");
}

static void bench_checkout(int n)
{
    const int per = 5;
    int items = n * per;
    InvDb *db = open_db("checkout.db", 0);
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "B-1");
    snprintf(b.name, sizeof(b.name), "Bench");
    int64_t borrower = 0;
    if (inv_borrower_add(db, &b, 1700000000, &borrower) != INV_OK)
        die("borrower", inv_errmsg(db));
    char csv[512];
    snprintf(csv, sizeof(csv), "%s/items.csv", dir);
    FILE *f = fopen(csv, "w");
    fprintf(f, "barcode,name,category\n");
    for (int i = 0; i < items; i++)
        fprintf(f, "I%06d,Item %d,Cat%d\n", i, i, i % 10);
    fclose(f);
    import_or_die(db, INV_IMPORT_ITEMS, csv);

    /* the bare baselines: the same tables, no rules, no summaries */
    sqlite3 *bare[2] = {NULL, NULL};
    sqlite3_stmt *ins_loan[2];
    sqlite3_stmt *ins_line[2];
    sqlite3_stmt *upd_item[2];
    for (int k = 0; k < 2; k++) {
        char path[512];
        snprintf(path, sizeof(path), "%s/bare%d.db", dir, k);
        if (sqlite3_open(path, &bare[k]) != SQLITE_OK)
            die("open bare", path);
        exec_or_die(bare[k], "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                             " PRAGMA foreign_keys=ON;"
                             "CREATE TABLE item (id INTEGER PRIMARY KEY, barcode TEXT UNIQUE,"
                             " status INTEGER NOT NULL DEFAULT 0);"
                             "CREATE TABLE loan (id INTEGER PRIMARY KEY, borrower_id INTEGER,"
                             " checked_out_at INTEGER);"
                             "CREATE TABLE loan_line (id INTEGER PRIMARY KEY, loan_id INTEGER"
                             " REFERENCES loan(id), item_id INTEGER REFERENCES item(id),"
                             " due_at INTEGER, returned_at INTEGER);"
                             "CREATE INDEX loan_line_loan ON loan_line(loan_id);"
                             "CREATE INDEX loan_line_item ON loan_line(item_id);");
        exec_or_die(bare[k], "BEGIN");
        sqlite3_stmt *st = NULL;
        sqlite3_prepare_v2(bare[k], "INSERT INTO item(barcode) VALUES (?1)", -1, &st, NULL);
        for (int i = 0; i < items; i++) {
            char code[16];
            snprintf(code, sizeof(code), "I%06d", i);
            sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
            sqlite3_step(st);
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        exec_or_die(bare[k], "COMMIT");
        sqlite3_prepare_v2(bare[k], "INSERT INTO loan(borrower_id, checked_out_at) VALUES (1, ?1)",
                           -1, &ins_loan[k], NULL);
        sqlite3_prepare_v2(bare[k],
                           "INSERT INTO loan_line(loan_id, item_id, due_at) VALUES (?1, ?2, ?3)",
                           -1, &ins_line[k], NULL);
        sqlite3_prepare_v2(bare[k], "UPDATE item SET status = 1 WHERE id = ?1", -1, &upd_item[k],
                           NULL);
    }

    double *ours = calloc((size_t)n, sizeof(double));
    double *base[2] = {calloc((size_t)n, sizeof(double)), calloc((size_t)n, sizeof(double))};
    int64_t t = 1717236000; /* 2024-06-01 */
    double cpu_ours = 0;
    double cpu_base = 0;
    for (int i = 0; i < n; i++) {
        char buf[5][16];
        const char *codes[5];
        for (int k = 0; k < per; k++) {
            snprintf(buf[k], sizeof(buf[k]), "I%06d", i * per + k);
            codes[k] = buf[k];
        }
        InvCheckout co = {
            .borrower_id = borrower, .barcodes = codes, .n_barcodes = 5, .now = t + i * 60};
        double c0 = cpu_us();
        double a = now_us();
        if (inv_checkout(db, &co, NULL) != INV_OK)
            die("checkout", inv_errmsg(db));
        ours[i] = now_us() - a;
        cpu_ours += cpu_us() - c0;

        for (int k = 0; k < 2; k++) {
            c0 = cpu_us();
            a = now_us();
            exec_or_die(bare[k], "BEGIN IMMEDIATE");
            sqlite3_bind_int64(ins_loan[k], 1, t + i * 60);
            sqlite3_step(ins_loan[k]);
            sqlite3_reset(ins_loan[k]);
            int64_t loan = sqlite3_last_insert_rowid(bare[k]);
            for (int j = 0; j < per; j++) {
                sqlite3_bind_int64(ins_line[k], 1, loan);
                sqlite3_bind_int64(ins_line[k], 2, i * per + j + 1);
                sqlite3_bind_int64(ins_line[k], 3, t + i * 60 + 7 * 86400);
                sqlite3_step(ins_line[k]);
                sqlite3_reset(ins_line[k]);
                if (k == 1) {
                    sqlite3_bind_int64(upd_item[k], 1, i * per + j + 1);
                    sqlite3_step(upd_item[k]);
                    sqlite3_reset(upd_item[k]);
                }
            }
            exec_or_die(bare[k], "COMMIT");
            base[k][i] = now_us() - a;
            if (k == 0)
                cpu_base += cpu_us() - c0;
        }
    }
    Stats so = stats(ours, (size_t)n);
    Stats s0 = stats(base[0], (size_t)n);
    Stats s1 = stats(base[1], (size_t)n);
    printf("checkout (5 items, WAL + synchronous=FULL, %d runs)\n", n);
    printf("  bua-kiosk inv_checkout       mean %7.1f us  p50 %7.1f  p99 %7.1f\n", so.mean, so.p50,
           so.p99);
    printf("  bare SQLite, loan + lines    mean %7.1f us  p50 %7.1f  p99 %7.1f   ratio %.2fx"
           " (goal <= 1.2x)\n",
           s0.mean, s0.p50, s0.p99, so.mean / s0.mean);
    printf("  bare SQLite, + item status   mean %7.1f us  p50 %7.1f  p99 %7.1f   ratio %.2fx\n",
           s1.mean, s1.p50, s1.p99, so.mean / s1.mean);
    printf("  CPU time per checkout: bua-kiosk %.1f us, bare SQLite %.1f us\n", cpu_ours / n,
           cpu_base / n);
    for (int k = 0; k < 2; k++) {
        sqlite3_finalize(ins_loan[k]);
        sqlite3_finalize(ins_line[k]);
        sqlite3_finalize(upd_item[k]);
        sqlite3_close(bare[k]);
    }
    free(ours);
    free(base[0]);
    free(base[1]);
    inv_close(db);
}

/* ---- report -------------------------------------------------------------------------------- */

static double time_figures(InvDb *db, int year, int64_t centre, bool raw, int reps)
{
    InvFigures f;
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        int err = raw ? inv_figures_raw(db, year, centre, &f) : inv_figures(db, year, centre, &f);
        if (err != INV_OK)
            die("figures", inv_errmsg(db));
    }
    return (now_us() - a) / reps;
}

static void bench_report(void)
{
    static const GenYear hamar = {
        .loans = 2921, .items_lent = 13334, .borrowers = 1444, .new_borrowers = 716};
    GenCentre c = {.prefix = "H-",
                   .first_year = 2024,
                   .n_years = 1,
                   .years = &hamar,
                   .old_borrowers = 800,
                   .idle_borrowers = 120,
                   .n_items = 700};
    char sub[300];
    snprintf(sub, sizeof(sub), "%s/hamar", dir);
    mkdir(sub, 0700);
    char items[400];
    char borrowers[400];
    char loans[400];
    if (gen_centre(&c, sub, items, borrowers, loans, sizeof(items)) != 0)
        die("generate", "hamar");
    InvDb *db = open_db("hamar.db", 0);
    import_or_die(db, INV_IMPORT_ITEMS, items);
    import_or_die(db, INV_IMPORT_BORROWERS, borrowers);
    import_or_die(db, INV_IMPORT_LOANS, loans);
    double fast = time_figures(db, 2024, inv_centre_id(db), false, 2000);
    double slow = time_figures(db, 2024, inv_centre_id(db), true, 50);
    InvYearReport r;
    double a = now_us();
    for (int i = 0; i < 100; i++) {
        if (inv_year_report(db, 2024, 1736000000, &r) != INV_OK)
            die("report", inv_errmsg(db));
        inv_year_report_release(&r);
    }
    double full = (now_us() - a) / 100;
    printf("yearly report, Hamar 2024 (13,334 items lent, 2,921 loans)\n");
    printf("  four figures from summaries    %8.1f us  (goal <= 1 ms)\n", fast);
    printf("  four figures, plain indexes    %8.1f us  (%.0fx slower)\n", slow, slow / fast);
    printf("  whole year report (months, categories, overdue, never lent, avg length) %.1f us\n",
           full);
    inv_close(db);
}

/* ---- national ------------------------------------------------------------------------------ */

static void bench_national(void)
{
    const int centres = 260;
    GenYear years[5];
    for (int y = 0; y < 5; y++) /* 260 x 5 x 11,154 = 14.5 million loan lines */
        years[y] = (GenYear){
            .loans = 2444, .items_lent = 11154, .borrowers = 1210, .new_borrowers = 250 + 20 * y};
    double gen_us = 0;
    double import_us = 0;
    for (int k = 1; k <= centres; k++) {
        char prefix[16];
        snprintf(prefix, sizeof(prefix), "C%03d-", k);
        GenCentre c = {.prefix = prefix,
                       .first_year = 2020,
                       .n_years = 5,
                       .years = years,
                       .old_borrowers = 1300,
                       .idle_borrowers = 50,
                       .n_items = 800};
        char sub[300];
        snprintf(sub, sizeof(sub), "%s/n%03d", dir, k);
        mkdir(sub, 0700);
        char items[400];
        char borrowers[400];
        char loans[400];
        double a = now_us();
        if (gen_centre(&c, sub, items, borrowers, loans, sizeof(items)) != 0)
            die("generate", prefix);
        gen_us += now_us() - a;
        InvDb *db = open_db("national.db", k);
        a = now_us();
        import_or_die(db, INV_IMPORT_ITEMS, items);
        import_or_die(db, INV_IMPORT_BORROWERS, borrowers);
        import_or_die(db, INV_IMPORT_LOANS, loans);
        import_us += now_us() - a;
        inv_close(db);
        unlink(items);
        unlink(borrowers);
        unlink(loans);
        rmdir(sub);
        if (k % 20 == 0)
            fprintf(stderr, "  national: %d of %d centres imported (%.0f s)\n", k, centres,
                    import_us / 1e6);
    }
    InvDb *db = open_db("national.db", 1);
    InvFigures f;
    inv_figures(db, 2024, 0, &f);
    double nat = time_figures(db, 2024, 0, false, 2000);
    double one = time_figures(db, 2024, 117, false, 2000);
    double nat_raw = time_figures(db, 2024, 0, true, 1);
    double one_raw = time_figures(db, 2024, 117, true, 3);
    printf("national history: %d centres, 5 years, %lld loan lines in 2024 (%.1f million in all)\n",
           centres, (long long)f.items_lent, (double)f.items_lent * 5 / 1e6);
    printf("  generated in %.0f s, imported in %.0f s\n", gen_us / 1e6, import_us / 1e6);
    printf("  four national figures, summaries  %8.1f us  (goal <= 10 ms)\n", nat);
    printf("  four figures of one centre         %8.1f us  (goal <= 30 ms)\n", one);
    printf("  national, plain indexes            %8.1f ms\n", nat_raw / 1e3);
    printf("  one centre, plain indexes          %8.1f ms\n", one_raw / 1e3);
    inv_close(db);
}

int main(int argc, char **argv)
{
    bool national = false;
    bool quick = false;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--national") == 0)
            national = true;
        else if (strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else
            die("usage", "bench_inventory [--national] [--quick] [--only checkout|report]");
    }
    setenv("TZ", "Europe/Oslo", 1);
    const char *tmp = getenv("BUA_BENCH_DIR");
    snprintf(dir, sizeof(dir), "%s/bua-bench-XXXXXX", tmp && tmp[0] ? tmp : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    printf("bench_inventory (SQLite %s, files in %s)\n", sqlite3_libversion(), dir);
    if (only == NULL || strcmp(only, "checkout") == 0)
        bench_checkout(quick ? 300 : 2000);
    if (only == NULL || strcmp(only, "report") == 0)
        bench_report();
    if (national)
        bench_national();
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return 0;
}
