/* Calendar benchmark: what following the calendar costs a checkout. Prints figures, never fails
 * on them; all measured in the same run, interleaved so every database sees the same disk:
 *   a durable 5-item checkout (WAL, synchronous=FULL) in a centre with a busy calendar (Wednesdays
 *   and Sundays closed, the public holidays, 300 dated closures over 2024-2031, so most due days
 *   move), against the same checkout in a centre with no calendar rules, and against bare SQLite
 *   inserting the same loan and loan lines (the baseline of bench_inventory's checkout).
 * Usage: bench_calendar [--quick] */
#include "inventory.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PER 5 /* items per checkout */

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

static double mean(const double *v, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s / n;
}

static double p50(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(v[0]), cmp_double);
    return v[n / 2];
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_calendar: %s: %s\n", what, detail);
    exit(1);
}

/* A centre with `items` items I000000.. and one borrower; its calendar busy or empty. */
static InvDb *centre(const char *name, int items, bool busy, int64_t *borrower)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "B-1");
    snprintf(b.name, sizeof(b.name), "Bench");
    if (inv_borrower_add(db, &b, 1700000000, borrower) != INV_OK)
        die("borrower", inv_errmsg(db));
    char csv[512];
    snprintf(csv, sizeof(csv), "%s/items.csv", dir);
    FILE *f = fopen(csv, "w");
    if (f == NULL)
        die("items.csv", "cannot write");
    fprintf(f, "barcode,name,category\n");
    for (int i = 0; i < items; i++)
        fprintf(f, "I%06d,Item %d,Cat%d\n", i, i, i % 10);
    fclose(f);
    InvImportResult res;
    if (inv_import_csv(db, INV_IMPORT_ITEMS, csv, 1700000000, NULL, NULL, &res) != INV_OK)
        die(csv, res.n_problems ? res.problems[0] : inv_errmsg(db));
    if (!busy)
        return db;
    if (inv_calendar_set_weekly(db, (1u << 2) | (1u << 6)) != INV_OK)
        die("weekly", inv_errmsg(db));
    /* 300 closures of 1 to 4 days, 9 days apart, from June 2024 */
    int64_t first = inv_date_days((InvDate){2024, 6, 1});
    for (int k = 0; k < 300; k++) {
        InvDate a = inv_date_from_days(first + k * 9);
        InvDate z = inv_date_from_days(first + k * 9 + k % 4);
        if (inv_closure_add(db, a, z, "stengt") != INV_OK)
            die("closure", inv_errmsg(db));
    }
    return db;
}

static void exec_or_die(sqlite3 *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s, sql, NULL, NULL, &err) != SQLITE_OK)
        die(sql, err ? err : "?");
}

int main(int argc, char **argv)
{
    int n = argc > 1 && strcmp(argv[1], "--quick") == 0 ? 300 : 2000;
    const char *tmp = getenv("BUA_BENCH_DIR");
    snprintf(dir, sizeof(dir), "%s/bua-bench-cal-XXXXXX", tmp && tmp[0] ? tmp : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    setenv("TZ", "Europe/Oslo", 1);

    int64_t b_plain = 0;
    int64_t b_busy = 0;
    InvDb *plain = centre("plain.db", n * PER, false, &b_plain);
    InvDb *busy = centre("busy.db", n * PER, true, &b_busy);

    char path[512];
    snprintf(path, sizeof(path), "%s/bare.db", dir);
    sqlite3 *bare = NULL;
    if (sqlite3_open(path, &bare) != SQLITE_OK)
        die("open bare", path);
    exec_or_die(bare, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                      "CREATE TABLE item (id INTEGER PRIMARY KEY, barcode TEXT UNIQUE);"
                      "CREATE TABLE loan (id INTEGER PRIMARY KEY, borrower_id INTEGER,"
                      " checked_out_at INTEGER);"
                      "CREATE TABLE loan_line (id INTEGER PRIMARY KEY, loan_id INTEGER"
                      " REFERENCES loan(id), item_id INTEGER REFERENCES item(id),"
                      " due_at INTEGER, returned_at INTEGER);"
                      "CREATE INDEX loan_line_loan ON loan_line(loan_id);"
                      "CREATE INDEX loan_line_item ON loan_line(item_id);"
                      "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE"
                      " i < 20000) INSERT INTO item(id) SELECT i FROM k;");
    sqlite3_stmt *ins_loan = NULL;
    sqlite3_stmt *ins_line = NULL;
    sqlite3_prepare_v2(bare, "INSERT INTO loan(borrower_id, checked_out_at) VALUES (1, ?1)", -1,
                       &ins_loan, NULL);
    sqlite3_prepare_v2(bare, "INSERT INTO loan_line(loan_id, item_id, due_at) VALUES (?1, ?2, ?3)",
                       -1, &ins_line, NULL);

    double *w[3];
    double *c[3];
    for (int k = 0; k < 3; k++) {
        w[k] = calloc((size_t)n, sizeof(double));
        c[k] = calloc((size_t)n, sizeof(double));
        if (w[k] == NULL || c[k] == NULL)
            die("memory", "out of memory");
    }
    int64_t t = 1717236000; /* 2024-06-01 */
    int moved = 0;
    for (int i = 0; i < n; i++) {
        char buf[PER][16];
        const char *codes[PER];
        for (int k = 0; k < PER; k++) {
            snprintf(buf[k], sizeof(buf[k]), "I%06d", i * PER + k);
            codes[k] = buf[k];
        }
        int64_t now = t + (int64_t)i * 3 * 3600; /* a loan every three hours: 250 days */
        InvDb *dbs[2] = {plain, busy};
        int64_t who[2] = {b_plain, b_busy};
        for (int k = 0; k < 2; k++) {
            InvCheckout co = {
                .borrower_id = who[k], .barcodes = codes, .n_barcodes = PER, .now = now};
            double c0 = cpu_us();
            double a = now_us();
            if (inv_checkout(dbs[k], &co, NULL) != INV_OK)
                die("checkout", inv_errmsg(dbs[k]));
            w[k][i] = now_us() - a;
            c[k][i] = cpu_us() - c0;
        }
        double c0 = cpu_us();
        double a = now_us();
        exec_or_die(bare, "BEGIN IMMEDIATE");
        sqlite3_bind_int64(ins_loan, 1, now);
        sqlite3_step(ins_loan);
        sqlite3_reset(ins_loan);
        int64_t loan = sqlite3_last_insert_rowid(bare);
        for (int j = 0; j < PER; j++) {
            sqlite3_bind_int64(ins_line, 1, loan);
            sqlite3_bind_int64(ins_line, 2, (i * PER + j) % 20000 + 1);
            sqlite3_bind_int64(ins_line, 3, now + 7 * 86400);
            sqlite3_step(ins_line);
            sqlite3_reset(ins_line);
        }
        exec_or_die(bare, "COMMIT");
        w[2][i] = now_us() - a;
        c[2][i] = cpu_us() - c0;

        InvLoanLine lp;
        InvLoanLine lb;
        if (inv_item_loan(plain, codes[0], now, &lp) != INV_OK ||
            inv_item_loan(busy, codes[0], now, &lb) != INV_OK)
            die("loan", "cannot read the loan back");
        moved += lp.due_at != lb.due_at;
    }
    double mw[3];
    double mc[3];
    double pw[3];
    for (int k = 0; k < 3; k++) {
        mw[k] = mean(w[k], n);
        mc[k] = mean(c[k], n);
        pw[k] = p50(w[k], n);
    }
    printf("checkout with the calendar (5 items, WAL + synchronous=FULL, %d runs; %d due days"
           " moved)\n",
           n, moved);
    printf("  busy calendar           mean %7.1f us  p50 %7.1f  CPU %6.1f us\n", mw[1], pw[1],
           mc[1]);
    printf("  no calendar rules       mean %7.1f us  p50 %7.1f  CPU %6.1f us   busy/none %.2fx"
           " (CPU %.2fx)\n",
           mw[0], pw[0], mc[0], mw[1] / mw[0], mc[1] / mc[0]);
    printf("  bare SQLite, loan+lines mean %7.1f us  p50 %7.1f  CPU %6.1f us   busy/bare %.2fx"
           " (goal <= 1.2x)\n",
           mw[2], pw[2], mc[2], mw[1] / mw[2]);
    sqlite3_finalize(ins_loan);
    sqlite3_finalize(ins_line);
    sqlite3_close(bare);
    inv_close(plain);
    inv_close(busy);
    for (int k = 0; k < 3; k++) {
        free(w[k]);
        free(c[k]);
    }
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_calendar: cannot remove %s\n", dir);
    return 0;
}
