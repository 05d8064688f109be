/* Inventory benchmarks. Prints figures, never fails on them; each is set against a baseline
 * measured in the same run:
 *   checkout  a durable 5-item checkout (WAL, synchronous=FULL) by many borrowers against bare
 *             SQLite writing the same loan, loan lines and item status, and (second baseline)
 *             also the same summary rows, with the same pragmas, interleaved so all see the
 *             same disk; wall and CPU time, and the bytes each writes per checkout; the
 *             store's figures are folded every 32 checkouts outside the timing, as the kiosk
 *             does when left alone (inv_idle; its time printed on its own);
 *   checkout_sync  the same checkout on a store with a sync identity (it appends the row images
 *             of its loan and lines to the outbox), against the bare baseline of its own run
 *             (issue 14: within 1.2x) and bare also writing the same outbox row; `--only
 *             checkout` runs both;
 *   report    the four figures of the Hamar year and its whole year report from the summaries,
 *             against plain SQL over the loans with the best plain indexes; then the annual
 *             report as bua-admin prints it (two Hamar-shaped years: this year's report and
 *             last year's, with borrowers by age band and municipality) against the same in
 *             plain SQL;
 *   national  (with --national) about 14.5 million loan lines, 5 years, 260 centres: the four
 *             national figures and one centre's, one centre's year report and the ranking of
 *             the centres, against plain SQL with the best plain indexes. --national-file FILE
 *             keeps that file (built once, ~10 min) for later runs.
 * The import benchmark is bench_import.c.
 * Usage: bench_inventory [--national | --national-file FILE] [--quick]
 *                        [--only checkout|checkout_sync|report|none] */
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

/* Bytes this process has written through write calls so far (/proc/self/io wchar; -1 when not
 * known): with WAL, a checkout's pages (4 KiB and a 24-byte frame header each) and its share of
 * the checkpoints. */
static double written(void)
{
    FILE *f = fopen("/proc/self/io", "r");
    if (f == NULL)
        return -1;
    char line[128];
    double n = -1;
    while (fgets(line, sizeof(line), f) != NULL)
        if (strncmp(line, "wchar:", 6) == 0)
            n = strtod(line + 6, NULL);
    fclose(f);
    return n;
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

/* The bare baselines: the same tables without rules, written by plain prepared statements.
 * Baseline 0 writes the loan, its lines and the items' status; baseline 1 also the same summary
 * rows as inv_checkout (the borrower sets of the month, the year and all centres' year, and the
 * year, all-centres year, month and per-category month rows), one statement per row, and with
 * `outbox` the same outbox row as a synced checkout (the loan's and its lines' images in one
 * row; acknowledged as the store's are). */
typedef struct Bare {
    sqlite3 *s;
    bool summaries;
    bool outbox;
    sqlite3_stmt *loan;
    sqlite3_stmt *line;
    sqlite3_stmt *item;
    sqlite3_stmt *seen;
    sqlite3_stmt *sum;
    sqlite3_stmt *out;
    sqlite3_stmt *ack;
} Bare;

static sqlite3_stmt *prepare_or_die(sqlite3 *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
        die(sql, sqlite3_errmsg(s));
    return st;
}

static void step_or_die(sqlite3 *s, sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die("bare step", sqlite3_errmsg(s));
    sqlite3_reset(st);
}

static void bare_open(Bare *b, const char *name, int items, bool summaries, bool outbox)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    memset(b, 0, sizeof(*b));
    b->summaries = summaries;
    b->outbox = outbox;
    if (sqlite3_open(path, &b->s) != SQLITE_OK)
        die("open bare", path);
    exec_or_die(b->s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                      "CREATE TABLE item (id INTEGER PRIMARY KEY, barcode TEXT UNIQUE,"
                      " category_id INTEGER, status INTEGER NOT NULL DEFAULT 0);"
                      "CREATE TABLE loan (id INTEGER PRIMARY KEY, borrower_id INTEGER,"
                      " checked_out_at INTEGER);"
                      "CREATE TABLE loan_line (loan_id INTEGER NOT NULL REFERENCES loan(id),"
                      " seq INTEGER NOT NULL, item_id INTEGER NOT NULL REFERENCES item(id),"
                      " due_at INTEGER NOT NULL, returned_at INTEGER, PRIMARY KEY (loan_id, seq))"
                      " WITHOUT ROWID;"
                      "CREATE INDEX loan_line_item ON loan_line(item_id);"
                      "CREATE TABLE summary (centre_id INTEGER NOT NULL, period INTEGER NOT NULL,"
                      " category_id INTEGER NOT NULL, loans INTEGER NOT NULL DEFAULT 0,"
                      " items_lent INTEGER NOT NULL DEFAULT 0, borrowers INTEGER NOT NULL"
                      " DEFAULT 0, PRIMARY KEY (centre_id, period, category_id)) WITHOUT ROWID;"
                      "CREATE TABLE sum_borrower (centre_id INTEGER NOT NULL, period INTEGER NOT"
                      " NULL, borrower_id INTEGER NOT NULL, PRIMARY KEY (centre_id, period,"
                      " borrower_id)) WITHOUT ROWID;"
                      "CREATE TABLE sync_out (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, tbl"
                      " TEXT NOT NULL, op TEXT NOT NULL, gid TEXT NOT NULL, data TEXT NOT NULL);");
    exec_or_die(b->s, "BEGIN");
    sqlite3_stmt *st =
        prepare_or_die(b->s, "INSERT INTO item(barcode, category_id) VALUES (?1, ?2)");
    for (int i = 0; i < items; i++) {
        char code[16];
        snprintf(code, sizeof(code), "I%06d", i);
        sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, 1 + i % 10);
        step_or_die(b->s, st);
    }
    sqlite3_finalize(st);
    exec_or_die(b->s, "COMMIT");
    b->loan = prepare_or_die(b->s, "INSERT INTO loan(borrower_id, checked_out_at) VALUES (?1, ?2)");
    b->line = prepare_or_die(
        b->s, "INSERT INTO loan_line(loan_id, seq, item_id, due_at) VALUES (?1, ?2, ?3, ?4)");
    b->item = prepare_or_die(b->s, "UPDATE item SET status = 1 WHERE id = ?1");
    b->seen = prepare_or_die(b->s, "INSERT OR IGNORE INTO sum_borrower(centre_id, period,"
                                   " borrower_id) VALUES (?1, ?2, ?3)");
    b->sum = prepare_or_die(b->s, "INSERT INTO summary(centre_id, period, category_id, loans,"
                                  " items_lent, borrowers) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                  " ON CONFLICT DO UPDATE SET loans = loans + excluded.loans,"
                                  " items_lent = items_lent + excluded.items_lent,"
                                  " borrowers = borrowers + excluded.borrowers");
    b->out = prepare_or_die(b->s, "INSERT INTO sync_out(seq, at, tbl, op, gid, data) VALUES"
                                  " ((SELECT coalesce(max(seq), 0) FROM sync_out) + ?1,"
                                  " unixepoch(), 'loan', 'put', ?2, ?3)");
    b->ack = prepare_or_die(b->s, "DELETE FROM sync_out WHERE seq < (SELECT max(seq) FROM"
                                  " sync_out)");
}

static void bare_close(Bare *b)
{
    sqlite3_finalize(b->loan);
    sqlite3_finalize(b->line);
    sqlite3_finalize(b->item);
    sqlite3_finalize(b->seen);
    sqlite3_finalize(b->sum);
    sqlite3_finalize(b->out);
    sqlite3_finalize(b->ack);
    sqlite3_close(b->s);
}

/* The outbox row a synced checkout writes: the seq of the last of its `events`, its loan's gid
 * and its images. */
static void bare_out(Bare *b, int events, const char *gid, const char *data)
{
    sqlite3_bind_int(b->out, 1, events);
    sqlite3_bind_text(b->out, 2, gid, -1, SQLITE_STATIC);
    sqlite3_bind_text(b->out, 3, data, -1, SQLITE_STATIC);
    step_or_die(b->s, b->out);
}

static int64_t bare_seen(Bare *b, int64_t centre, int64_t period, int64_t borrower)
{
    sqlite3_bind_int64(b->seen, 1, centre);
    sqlite3_bind_int64(b->seen, 2, period);
    sqlite3_bind_int64(b->seen, 3, borrower);
    step_or_die(b->s, b->seen);
    return sqlite3_changes(b->s);
}

static void bare_sum(Bare *b, int64_t centre, int64_t period, int64_t cat, int64_t loans,
                     int64_t items, int64_t borrowers)
{
    sqlite3_bind_int64(b->sum, 1, centre);
    sqlite3_bind_int64(b->sum, 2, period);
    sqlite3_bind_int64(b->sum, 3, cat);
    sqlite3_bind_int64(b->sum, 4, loans);
    sqlite3_bind_int64(b->sum, 5, items);
    sqlite3_bind_int64(b->sum, 6, borrowers);
    step_or_die(b->s, b->sum);
}

/* One checkout of `per` items (ids first + 1 ...) by `borrower` at t (2024-06: month 202406). */
static void bare_checkout(Bare *b, int64_t borrower, int first, int per, int64_t t)
{
    exec_or_die(b->s, "BEGIN IMMEDIATE");
    sqlite3_bind_int64(b->loan, 1, borrower);
    sqlite3_bind_int64(b->loan, 2, t);
    step_or_die(b->s, b->loan);
    int64_t loan = sqlite3_last_insert_rowid(b->s);
    for (int j = 0; j < per; j++) {
        sqlite3_bind_int64(b->line, 1, loan);
        sqlite3_bind_int64(b->line, 2, j + 1);
        sqlite3_bind_int64(b->line, 3, first + j + 1);
        sqlite3_bind_int64(b->line, 4, t + 7 * 86400);
        step_or_die(b->s, b->line);
        sqlite3_bind_int64(b->item, 1, first + j + 1);
        step_or_die(b->s, b->item);
    }
    if (b->summaries) {
        int64_t month_new = bare_seen(b, 1, 202406, borrower);
        int64_t year_new = month_new ? bare_seen(b, 1, 2024, borrower) : 0;
        int64_t all_new = year_new ? bare_seen(b, 0, 2024, borrower) : 0;
        bare_sum(b, 1, 2024, 0, 1, per, year_new);
        bare_sum(b, 0, 2024, 0, 1, per, all_new);
        bare_sum(b, 1, 202406, 0, 1, per, month_new);
        for (int j = 0; j < per; j++) /* consecutive items: one row per category */
            bare_sum(b, 1, 202406, 1 + (first + j) % 10, 0, 1, 0);
    }
    if (b->outbox) { /* the row a synced checkout writes: its images (gids of device "kasse-1") */
        char gid[64];
        char data[1024];
        int len = snprintf(data, sizeof data,
                           "[{\"borrower_id\":\"kasse-1:%lld\",\"checked_out_at\":%lld}",
                           (long long)borrower, (long long)t);
        for (int j = 0; j < per && len > 0 && (size_t)len < sizeof data; j++)
            len += snprintf(data + len, sizeof data - (size_t)len,
                            ",{\"loan_id\":\"kasse-1:%lld\",\"seq\":%d,\"item_id\":\"kasse-1:%d\","
                            "\"due_at\":%lld}",
                            (long long)loan, j + 1, first + j + 1, (long long)(t + 7 * 86400));
        if (len <= 0 || (size_t)len + 2 > sizeof data)
            die("bare outbox", "the row does not fit");
        data[len++] = ']';
        data[len] = '\0';
        snprintf(gid, sizeof gid, "kasse-1:%lld", (long long)loan);
        bare_out(b, per + 1, gid, data);
    }
    exec_or_die(b->s, "COMMIT");
}

/* synced: the store has a sync identity, so every checkout also appends its row images to the
 * outbox (the loan and its lines; what bua-sync sends), acknowledged every 50 checkouts as
 * bua-sync would (outside the timing). Every IDLE_EVERY checkouts the kiosk is left alone and
 * folds its figures' queue (inv_idle, as the app does two seconds after the last touch; outside
 * the timing, printed on its own). */
#define IDLE_EVERY 32
static void bench_checkout(int n, bool synced)
{
    const int per = 5;
    const int n_borrowers = n / 2 > 1 ? n / 2 : 1; /* Hamar: 1,444 borrowers for 2,921 loans */
    int items = n * per;
    InvDb *db = open_db(synced ? "checkout_sync.db" : "checkout.db", 0);
    char csv[512];
    snprintf(csv, sizeof(csv), "%s/borrowers.csv", dir);
    FILE *f = fopen(csv, "w");
    if (f == NULL)
        die("write", csv);
    fprintf(f, "card,name,registered_at\n");
    for (int i = 0; i < n_borrowers; i++)
        fprintf(f, "B-%d,Låner %d,2023-05-01T10:00:00Z\n", i, i);
    fclose(f);
    import_or_die(db, INV_IMPORT_BORROWERS, csv);
    InvBorrower b;
    if (inv_borrower_get(db, "B-0", &b) != INV_OK)
        die("borrower", inv_errmsg(db));
    int64_t first_borrower = b.id;
    snprintf(csv, sizeof(csv), "%s/items.csv", dir);
    f = fopen(csv, "w");
    if (f == NULL)
        die("write", csv);
    fprintf(f, "barcode,name,category\n");
    for (int i = 0; i < items; i++)
        fprintf(f, "I%06d,Item %d,Cat%d\n", i, i, i % 10);
    fclose(f);
    import_or_die(db, INV_IMPORT_ITEMS, csv);

    if (synced && inv_sync_init(db, "bench", "kasse-1", 1717236000, NULL) != INV_OK)
        die("sync init", inv_errmsg(db));
    Bare bare[2];
    bare_open(&bare[0], synced ? "bare0s.db" : "bare0.db", items, false, false);
    bare_open(&bare[1], synced ? "bare1s.db" : "bare1.db", items, true, synced);
    double *ours = calloc((size_t)n, sizeof(double));
    double *base[2] = {calloc((size_t)n, sizeof(double)), calloc((size_t)n, sizeof(double))};
    int64_t t = 1717236000; /* 2024-06-01 */
    double cpu_ours = 0;
    double cpu_base[2] = {0, 0};
    double io_ours = 0;
    double io_base[2] = {0, 0};
    double idle_us = 0;
    int n_idle = 0;
    for (int i = 0; i < n; i++) {
        /* borrowers in turn, each twice: half the checkouts add a borrower to the sets */
        int64_t who = i % n_borrowers;
        char buf[5][16];
        const char *codes[5];
        for (int k = 0; k < per; k++) {
            snprintf(buf[k], sizeof(buf[k]), "I%06d", i * per + k);
            codes[k] = buf[k];
        }
        InvCheckout co = {.borrower_id = first_borrower + who,
                          .barcodes = codes,
                          .n_barcodes = 5,
                          .now = t + i * 60};
        double w0 = written();
        double c0 = cpu_us();
        double a = now_us();
        if (inv_checkout(db, &co, NULL) != INV_OK)
            die("checkout", inv_errmsg(db));
        ours[i] = now_us() - a;
        cpu_ours += cpu_us() - c0;
        io_ours += written() - w0;
        InvSyncStatus ss;
        if (synced && i % 50 == 49 &&
            (inv_sync_status(db, &ss) != INV_OK || inv_sync_acked(db, ss.last_seq, t) != INV_OK))
            die("sync acked", inv_errmsg(db));
        if (synced && i % 50 == 49)
            step_or_die(bare[1].s, bare[1].ack);
        if (i % IDLE_EVERY == IDLE_EVERY - 1) { /* the kiosk left alone: its figures' queue */
            a = now_us();
            if (inv_idle(db) != INV_OK)
                die("idle", inv_errmsg(db));
            idle_us += now_us() - a;
            n_idle++;
        }
        for (int k = 0; k < 2; k++) {
            w0 = written();
            c0 = cpu_us();
            a = now_us();
            bare_checkout(&bare[k], who + 1, i * per, per, t + i * 60);
            base[k][i] = now_us() - a;
            cpu_base[k] += cpu_us() - c0;
            io_base[k] += written() - w0;
        }
    }
    Stats so = stats(ours, (size_t)n);
    Stats s0 = stats(base[0], (size_t)n);
    Stats s1 = stats(base[1], (size_t)n);
    printf("%s (5 items, WAL + synchronous=FULL, %d runs, %d borrowers)\n",
           synced ? "checkout_sync: checkout with a sync identity (its outbox row)" : "checkout", n,
           n_borrowers);
    printf("  bua-kiosk inv_checkout          mean %7.1f us  p50 %7.1f  p99 %7.1f\n", so.mean,
           so.p50, so.p99);
    printf("  bare: loan + lines + status     mean %7.1f us  p50 %7.1f  p99 %7.1f   ratio %.3fx"
           " (goal <= %s)\n",
           s0.mean, s0.p50, s0.p99, so.mean / s0.mean, synced ? "1.2x" : "1.15x");
    printf("  %-31s mean %7.1f us  p50 %7.1f  p99 %7.1f   ratio %.3fx\n",
           synced ? "bare: + summaries, outbox row " : "bare: + the same summary rows", s1.mean,
           s1.p50, s1.p99, so.mean / s1.mean);
    printf("  the kiosk's quiet moment (inv_idle, outside the timing): every %d checkouts %.1f us,"
           " %.1f us a loan\n",
           IDLE_EVERY, n_idle ? idle_us / n_idle : 0.0,
           n_idle ? idle_us / n_idle / IDLE_EVERY : 0.0);
    const char *all = synced ? "bare + summaries + outbox" : "bare + summaries";
    printf("  CPU per checkout: bua-kiosk %.1f us, bare %.1f us, %s %.1f us"
           "   ratio %.3fx, %.3fx\n",
           cpu_ours / n, cpu_base[0] / n, all, cpu_base[1] / n, cpu_ours / cpu_base[0],
           cpu_ours / cpu_base[1]);
    if (written() >= 0) /* 4096-byte pages and 24-byte WAL frame headers */
        printf("  written per checkout: bua-kiosk %.1f KiB (%.1f pages), bare %.1f KiB (%.1f),"
               " %s %.1f KiB (%.1f)\n",
               io_ours / n / 1024, io_ours / n / 4120, io_base[0] / n / 1024, io_base[0] / n / 4120,
               all, io_base[1] / n / 1024, io_base[1] / n / 4120);
    bare_close(&bare[0]);
    bare_close(&bare[1]);
    free(ours);
    free(base[0]);
    free(base[1]);
    inv_close(db);
}

/* ---- report -------------------------------------------------------------------------------- */

/* The plain-SQL baselines: the same figures counted from the loans by a plain connection, with
 * the best plain indexes for those queries (made here, on the bench file only: the store keeps
 * summaries instead, and these indexes would cost every checkout a write). */
typedef struct Plain {
    sqlite3 *s;
    sqlite3_stmt *loans[2]; /* [0] all centres, [1] one centre (?3) */
    sqlite3_stmt *items[2];
    sqlite3_stmt *fresh[2];
    sqlite3_stmt *cats;
    sqlite3_stmt *avg;
    sqlite3_stmt *overdue;
    sqlite3_stmt *never;
    sqlite3_stmt *rank;
} Plain;

#define PLAIN_CENTRE(all, one) all, all " AND centre_id = ?3"

static void plain_open(Plain *p, const char *path)
{
    memset(p, 0, sizeof(*p));
    if (sqlite3_open(path, &p->s) != SQLITE_OK)
        die("open plain", path);
    /* a page cache big enough for the file's hot part: plain SQL at its best */
    exec_or_die(p->s, "PRAGMA cache_size = -262144;");
    exec_or_die(p->s, "CREATE INDEX IF NOT EXISTS plain_loan_time ON loan(checked_out_at,"
                      " borrower_id);"
                      "CREATE INDEX IF NOT EXISTS plain_loan_centre_time ON loan(centre_id,"
                      " checked_out_at, borrower_id);"
                      "CREATE INDEX IF NOT EXISTS plain_borrower_centre ON borrower(centre_id,"
                      " registered_at);"
                      "ANALYZE;");
    static const char *const loans[2] = {PLAIN_CENTRE(
        "SELECT count(*), count(DISTINCT borrower_id) FROM loan WHERE checked_out_at >= ?1 AND"
        " checked_out_at < ?2", )};
    static const char *const items[2] = {
        PLAIN_CENTRE("SELECT count(*) FROM loan l JOIN loan_line ll ON ll.loan_id = l.id WHERE"
                     " checked_out_at >= ?1 AND checked_out_at < ?2", )};
    static const char *const fresh[2] = {PLAIN_CENTRE(
        "SELECT count(*) FROM borrower WHERE registered_at >= ?1 AND registered_at < ?2", )};
    for (int k = 0; k < 2; k++) {
        p->loans[k] = prepare_or_die(p->s, loans[k]);
        p->items[k] = prepare_or_die(p->s, items[k]);
        p->fresh[k] = prepare_or_die(p->s, fresh[k]);
    }
    p->cats = prepare_or_die(
        p->s, "SELECT c.name, count(*) AS n FROM loan l JOIN loan_line ll ON ll.loan_id = l.id"
              " JOIN item i ON i.id = ll.item_id JOIN category c ON c.id = i.category_id WHERE"
              " l.centre_id = ?3 AND l.checked_out_at >= ?1 AND l.checked_out_at < ?2 GROUP BY"
              " c.name ORDER BY n DESC, c.name");
    p->avg = prepare_or_die(
        p->s, "SELECT avg(ll.returned_at - l.checked_out_at) FROM loan l JOIN loan_line ll ON"
              " ll.loan_id = l.id WHERE l.centre_id = ?3 AND l.checked_out_at >= ?1 AND"
              " l.checked_out_at < ?2 AND ll.returned_at IS NOT NULL");
    p->overdue = prepare_or_die(
        p->s, "SELECT count(*) FROM item i JOIN loan_line ll ON ll.item_id = i.id AND"
              " ll.returned_at IS NULL WHERE i.centre_id = ?3 AND ll.due_at < ?1");
    p->never = prepare_or_die(p->s, "SELECT count(*) FROM item i WHERE i.centre_id = ?3 AND"
                                    " i.status <> 4 AND NOT EXISTS (SELECT 1 FROM loan_line ll"
                                    " WHERE ll.item_id = i.id)");
    p->rank = prepare_or_die(
        p->s, "SELECT l.centre_id, count(*) AS loans, count(DISTINCT l.borrower_id), (SELECT"
              " count(*) FROM loan_line ll JOIN loan l2 ON l2.id = ll.loan_id WHERE l2.centre_id"
              " = l.centre_id AND l2.checked_out_at >= ?1 AND l2.checked_out_at < ?2) AS items,"
              " (SELECT count(*) FROM borrower b WHERE b.centre_id = l.centre_id AND"
              " b.registered_at >= ?1 AND b.registered_at < ?2) FROM loan l WHERE l.checked_out_at "
              ">= ?1 AND l.checked_out_at < ?2 GROUP BY"
              " l.centre_id ORDER BY loans DESC, items DESC, l.centre_id");
}

static void plain_close(Plain *p)
{
    sqlite3_stmt *all[] = {p->loans[0], p->loans[1], p->items[0], p->items[1],
                           p->fresh[0], p->fresh[1], p->cats,     p->avg,
                           p->overdue,  p->never,    p->rank};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(p->s);
}

/* Runs a statement with (?1 lo, ?2 hi, ?3 centre) to the end; the first column of its last
 * row (or the row count when `rows`). */
static int64_t plain_run(Plain *p, sqlite3_stmt *st, int64_t lo, int64_t hi, int64_t centre,
                         bool rows)
{
    int n = sqlite3_bind_parameter_count(st);
    sqlite3_bind_int64(st, 1, lo);
    if (n >= 2)
        sqlite3_bind_int64(st, 2, hi);
    if (n >= 3)
        sqlite3_bind_int64(st, 3, centre);
    int64_t v = 0;
    int64_t count = 0;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
        count++;
    }
    if (rc != SQLITE_DONE)
        die("plain query", sqlite3_errmsg(p->s));
    sqlite3_reset(st);
    return rows ? count : v;
}

static int64_t local_midnight(int year, int month)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static InvFigures plain_figures(Plain *p, int64_t lo, int64_t hi, int64_t centre)
{
    int k = centre != 0;
    InvFigures f;
    sqlite3_stmt *st = p->loans[k];
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    if (k)
        sqlite3_bind_int64(st, 3, centre);
    if (sqlite3_step(st) != SQLITE_ROW)
        die("plain loans", sqlite3_errmsg(p->s));
    f.loans = sqlite3_column_int64(st, 0);
    f.borrowers = sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    f.items_lent = plain_run(p, p->items[k], lo, hi, centre, false);
    f.new_borrowers = plain_run(p, p->fresh[k], lo, hi, centre, false);
    return f;
}

static double time_plain_figures(Plain *p, int year, int64_t centre, int reps)
{
    int64_t lo = local_midnight(year, 1);
    int64_t hi = local_midnight(year + 1, 1);
    double a = now_us();
    for (int i = 0; i < reps; i++)
        plain_figures(p, lo, hi, centre);
    return (now_us() - a) / reps;
}

/* What inv_year_report reads, in plain SQL: the year's and each month's figures, the
 * categories, the mean loan length, and the overdue and never-lent counts. */
static double time_plain_report(Plain *p, int year, int64_t centre, int64_t now, int reps)
{
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        int64_t lo = local_midnight(year, 1);
        int64_t hi = local_midnight(year + 1, 1);
        plain_figures(p, lo, hi, centre);
        for (int m = 1; m <= 12; m++)
            plain_figures(p, local_midnight(year, m), m == 12 ? hi : local_midnight(year, m + 1),
                          centre);
        plain_run(p, p->cats, lo, hi, centre, true);
        plain_run(p, p->avg, lo, hi, centre, false);
        plain_run(p, p->overdue, now, 0, centre, false);
        plain_run(p, p->never, 0, 0, centre, false);
    }
    return (now_us() - a) / reps;
}

/* CPU time per call of the last time_report / time_figures: on a loaded machine the wall time
 * also counts waiting for a core. */
static double last_cpu;

static double time_report(InvDb *db, int year, int64_t now, int reps)
{
    InvYearReport r;
    double c0 = cpu_us();
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        if (inv_year_report(db, year, now, &r) != INV_OK)
            die("report", inv_errmsg(db));
        inv_year_report_release(&r);
    }
    last_cpu = (cpu_us() - c0) / reps;
    return (now_us() - a) / reps;
}

static double time_figures(InvDb *db, int year, int64_t centre, int reps)
{
    InvFigures f;
    double c0 = cpu_us();
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        if (inv_figures(db, year, centre, &f) != INV_OK)
            die("figures", inv_errmsg(db));
    }
    last_cpu = (cpu_us() - c0) / reps;
    return (now_us() - a) / reps;
}

/* The plain figures must be the store's, or the comparison means nothing. */
static void same_figures(InvDb *db, Plain *p, int year, int64_t centre)
{
    InvFigures f;
    if (inv_figures(db, year, centre, &f) != INV_OK)
        die("figures", inv_errmsg(db));
    InvFigures g = plain_figures(p, local_midnight(year, 1), local_midnight(year + 1, 1), centre);
    if (memcmp(&f, &g, sizeof(f)) != 0)
        die("plain baseline", "its figures differ from the summaries");
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
    int64_t centre = inv_centre_id(db);
    int64_t now = 1736000000;
    double fast = time_figures(db, 2024, centre, 2000);
    double full = time_report(db, 2024, now, 200);
    double full_cpu = last_cpu;
    char path[512];
    snprintf(path, sizeof(path), "%s/hamar.db", dir);
    Plain p;
    plain_open(&p, path);
    same_figures(db, &p, 2024, centre);
    double slow = time_plain_figures(&p, 2024, centre, 50);
    double slow_full = time_plain_report(&p, 2024, centre, now, 20);
    plain_close(&p);
    printf("yearly report, Hamar 2024 (13,334 items lent, 2,921 loans)\n");
    printf("  four figures from summaries    %8.1f us  (goal <= 1 ms)\n", fast);
    printf("  four figures, plain SQL + best plain indexes %8.1f us  ratio %.0fx\n", slow,
           slow / fast);
    printf("  whole year report              %8.1f us  CPU %.1f us\n", full, full_cpu);
    printf("  whole year report, plain SQL + best plain indexes %8.1f us  ratio %.1fx\n", slow_full,
           slow_full / full);
    inv_close(db);
}

/* ---- the annual report: this year and last, with age bands and municipalities ---------------- */

/* Borrowers of a year by age band and by municipality in plain SQL over the loans and the
 * borrowers (what the summaries save), checked against the store's split. */
static const char *const plain_profile_sql[2] = {
    "SELECT CASE WHEN coalesce(b.birth_year, 0) = 0 OR ?4 - b.birth_year < 0 THEN 0 WHEN ?4 -"
    " b.birth_year <= 12 THEN 1 WHEN ?4 - b.birth_year <= 17 THEN 2 WHEN ?4 - b.birth_year <= 25"
    " THEN 3 WHEN ?4 - b.birth_year <= 66 THEN 4 ELSE 5 END AS band, count(*) FROM borrower b"
    " WHERE b.id IN (SELECT borrower_id FROM loan WHERE centre_id = ?3 AND checked_out_at >= ?1"
    " AND checked_out_at < ?2) GROUP BY band",
    "SELECT b.municipality, count(*) FROM borrower b WHERE b.id IN (SELECT borrower_id FROM loan"
    " WHERE centre_id = ?3 AND checked_out_at >= ?1 AND checked_out_at < ?2) GROUP BY 1",
};

static void plain_profile(sqlite3_stmt *const st[2], int year, int64_t centre, int64_t *bands)
{
    for (int q = 0; q < 2; q++) {
        sqlite3_bind_int64(st[q], 1, local_midnight(year, 1));
        sqlite3_bind_int64(st[q], 2, local_midnight(year + 1, 1));
        sqlite3_bind_int64(st[q], 3, centre);
        if (q == 0)
            sqlite3_bind_int(st[q], 4, year);
        while (sqlite3_step(st[q]) == SQLITE_ROW)
            if (q == 0 && bands != NULL)
                bands[sqlite3_column_int(st[q], 0)] = sqlite3_column_int64(st[q], 1);
        sqlite3_reset(st[q]);
    }
}

/* The annual report's workshop and work-training blocks: 7 trainees (BUA Hamar's "Deltagere: 7")
 * with a day's shift on about 100 days of each year, each in a scheme, and 150 customer bike
 * jobs a year, so that inv_workshop_year and inv_training_year read real rows. */
static void fill_work(InvDb *db, int64_t now)
{
    static const char *const schemes[] = {"VTO", "Aktivitetsplikt", "Samfunnsstraff"};
    for (int t = 0; t < 7; t++) {
        InvStaff s;
        memset(&s, 0, sizeof s);
        snprintf(s.name, sizeof s.name, "Trainee %d", t + 1);
        snprintf(s.card, sizeof s.card, "T-%d", t + 1);
        s.role = INV_ROLE_TRAINEE;
        if (inv_staff_add(db, &s, "1234", NULL) != INV_OK ||
            inv_membership_add(db, s.card, schemes[t % 3], (InvDate){2023, 1, 1}, (InvDate){0}, 0,
                               now, NULL) != INV_OK)
            die("trainee", inv_errmsg(db));
        for (int year = 2023; year <= 2024; year++)
            for (int d = 0; d < 100; d++) {
                InvDate day = {year, 1 + d % 12, 1 + (d / 12) * 3 + t % 3};
                if (inv_training_day_set(db, s.card, day, 9 * 60, 15 * 60 + 30, 0, now) != INV_OK)
                    die("training day", inv_errmsg(db));
            }
    }
    for (int year = 2023; year <= 2024; year++)
        for (int j = 0; j < 150; j++) {
            InvJob job;
            memset(&job, 0, sizeof job);
            snprintf(job.customer, sizeof job.customer, "Kunde %d", j);
            snprintf(job.bike, sizeof job.bike, "Sykkel %d", j);
            snprintf(job.work, sizeof job.work, "Service");
            int64_t at = local_midnight(year, 1 + j % 12) + 86400 * (j % 25) + 36000;
            if (inv_job_add(db, &job, 0, at, NULL) != INV_OK)
                die("bike job", inv_errmsg(db));
        }
}

static void bench_annual(void)
{
    static const GenYear years[2] = {
        {.loans = 2713, .items_lent = 14836, .borrowers = 1440, .new_borrowers = 698},
        {.loans = 2921, .items_lent = 13334, .borrowers = 1444, .new_borrowers = 716}};
    GenCentre c = {.prefix = "H-",
                   .first_year = 2023,
                   .n_years = 2,
                   .years = years,
                   .old_borrowers = 800,
                   .idle_borrowers = 120,
                   .n_items = 700,
                   .profile = true};
    char sub[300];
    snprintf(sub, sizeof(sub), "%s/annual", dir);
    mkdir(sub, 0700);
    char items[400];
    char borrowers[400];
    char loans[400];
    if (gen_centre(&c, sub, items, borrowers, loans, sizeof(items)) != 0)
        die("generate", "annual");
    InvDb *db = open_db("annual.db", 0);
    import_or_die(db, INV_IMPORT_ITEMS, items);
    import_or_die(db, INV_IMPORT_BORROWERS, borrowers);
    import_or_die(db, INV_IMPORT_LOANS, loans);
    int64_t centre = inv_centre_id(db);
    int64_t now = 1736000000;
    const int reps = 200;
    InvYearReport r;
    InvYearReport last;
    double c0 = cpu_us();
    double a = now_us();
    for (int i = 0; i < reps; i++) { /* what `bua-admin report` reads */
        if (inv_year_report(db, 2024, now, &r) != INV_OK ||
            inv_year_report(db, 2023, 0, &last) != INV_OK)
            die("report", inv_errmsg(db));
        if (i + 1 < reps) {
            inv_year_report_release(&r);
            inv_year_report_release(&last);
        }
    }
    double both = (now_us() - a) / reps;
    double both_cpu = (cpu_us() - c0) / reps;

    /* the same with the workshop and work-training blocks (adm_report_add_work's reads) */
    fill_work(db, now);
    InvWorkshopYear ws[2];
    InvTrainingYear tr[2];
    c0 = cpu_us();
    a = now_us();
    for (int i = 0; i < reps; i++) {
        InvYearReport r2;
        InvYearReport last2;
        if (inv_year_report(db, 2024, now, &r2) != INV_OK ||
            inv_year_report(db, 2023, 0, &last2) != INV_OK ||
            inv_training_close_forgotten(db, now, NULL) != INV_OK ||
            inv_workshop_year(db, 0, 2024, &ws[0]) != INV_OK ||
            inv_workshop_year(db, 0, 2023, &ws[1]) != INV_OK ||
            inv_training_year(db, 0, 2024, &tr[0]) != INV_OK ||
            inv_training_year(db, 0, 2023, &tr[1]) != INV_OK)
            die("report with work", inv_errmsg(db));
        inv_year_report_release(&r2);
        inv_year_report_release(&last2);
        if (i + 1 < reps) {
            inv_training_year_release(&tr[0]);
            inv_training_year_release(&tr[1]);
        }
    }
    double work = (now_us() - a) / reps;
    double work_cpu = (cpu_us() - c0) / reps;
    if (tr[0].participants != 7 || tr[0].days != 700 || ws[0].jobs_received != 150)
        die("report with work", "the training and workshop figures are not those written");

    char path[512];
    snprintf(path, sizeof(path), "%s/annual.db", dir);
    Plain p;
    plain_open(&p, path);
    sqlite3_stmt *prof[2] = {prepare_or_die(p.s, plain_profile_sql[0]),
                             prepare_or_die(p.s, plain_profile_sql[1])};
    int64_t bands[INV_AGE_BANDS] = {0};
    plain_profile(prof, 2024, centre, bands);
    if (memcmp(bands, r.by_age, sizeof(bands)) != 0)
        die("plain baseline", "its age bands differ from the summaries");
    const int slow_reps = 10;
    a = now_us();
    for (int i = 0; i < slow_reps; i++) {
        time_plain_report(&p, 2024, centre, now, 1);
        time_plain_report(&p, 2023, centre, now, 1);
        plain_profile(prof, 2024, centre, NULL);
        plain_profile(prof, 2023, centre, NULL);
    }
    double slow = (now_us() - a) / slow_reps;
    sqlite3_finalize(prof[0]);
    sqlite3_finalize(prof[1]);
    plain_close(&p);
    printf("annual report, Hamar 2024 (2023), as bua-admin report prints it: both years' reports,\n"
           "  borrowers by %d age bands and %zu municipalities\n",
           INV_AGE_BANDS, r.n_municipalities);
    printf("  this year and last year        %8.1f us  CPU %.1f us\n", both, both_cpu);
    printf("  per centre-year                %8.1f us  (goal <= 1 ms)  CPU %.1f us\n", both / 2,
           both_cpu / 2);
    printf("  the same, plain SQL + best plain indexes %8.1f us  ratio %.0fx\n", slow, slow / both);
    printf(
        "  with the workshop and work training (%lld trainees, %lld days, %lld bike jobs a year):\n"
        "    per centre-year              %8.1f us  (goal <= 1 ms)  CPU %.1f us  ratio %.2fx\n",
        (long long)tr[0].participants, (long long)tr[0].days, (long long)ws[0].jobs_received,
        work / 2, work_cpu / 2, work / both);
    inv_training_year_release(&tr[0]);
    inv_training_year_release(&tr[1]);
    inv_year_report_release(&r);
    inv_year_report_release(&last);
    inv_close(db);
}

/* ---- national ------------------------------------------------------------------------------ */

/* Builds the 260-centre file (about 14.5 million loan lines, 5 years) in `path`, unless it is
 * already there (a file kept by an earlier run with --national-file). */
static void national_file(const char *path, int centres)
{
    struct stat sb;
    if (stat(path, &sb) == 0) {
        printf("  (reusing %s)\n", path);
        return;
    }
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
        InvOpenOptions o = {
            .path = path, .create = true, .timezone = "Europe/Oslo", .centre_id = k};
        InvDb *db = NULL;
        char msg[INV_MSG_MAX];
        if (inv_open(&o, &db, msg, sizeof(msg)) != INV_OK)
            die("open", msg);
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
    printf("  generated in %.0f s, imported in %.0f s\n", gen_us / 1e6, import_us / 1e6);
}

static void bench_national(const char *keep)
{
    const int centres = 260;
    const int64_t one = 117;
    const int64_t now = 1736000000; /* 2025-01-04 */
    char path[512];
    if (keep != NULL)
        snprintf(path, sizeof(path), "%s", keep);
    else
        snprintf(path, sizeof(path), "%s/national.db", dir);
    printf("national history: %d centres, 5 years\n", centres);
    national_file(path, centres);
    InvOpenOptions o = {.path = path, .centre_id = one};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    InvFigures f;
    inv_figures(db, 2024, 0, &f);
    double nat = time_figures(db, 2024, 0, 2000);
    double cen = time_figures(db, 2024, one, 2000);
    double rep = time_report(db, 2024, now, 200);
    double rep_cpu = last_cpu;
    InvRanking r;
    double c0 = cpu_us();
    double a = now_us();
    const int rank_reps = 50;
    for (int i = 0; i < rank_reps; i++) {
        if (inv_ranking(db, 2024, &r) != INV_OK)
            die("ranking", inv_errmsg(db));
        if (i + 1 < rank_reps)
            inv_ranking_release(&r);
    }
    double rank = (now_us() - a) / rank_reps;
    double rank_cpu = (cpu_us() - c0) / rank_reps;
    if (r.n != (size_t)centres)
        die("ranking", "not every centre is ranked");
    inv_ranking_release(&r);

    Plain q;
    plain_open(&q, path);
    same_figures(db, &q, 2024, 0);
    same_figures(db, &q, 2024, one);
    double nat_raw = time_plain_figures(&q, 2024, 0, 3);
    double cen_raw = time_plain_figures(&q, 2024, one, 20);
    double rep_raw = time_plain_report(&q, 2024, one, now, 5);
    a = now_us();
    plain_run(&q, q.rank, local_midnight(2024, 1), local_midnight(2025, 1), 0, true);
    double rank_raw = now_us() - a;
    plain_close(&q);

    printf("  %lld loan lines in 2024 (%.1f million in all)\n", (long long)f.items_lent,
           (double)f.items_lent * 5 / 1e6);
    printf("  four national figures, summaries  %8.1f us  (goal <= 10 ms)\n", nat);
    printf("  four figures of one centre         %8.1f us  (goal <= 30 ms)\n", cen);
    printf("  one centre's year report           %8.1f us  (goal <= 1 ms)  CPU %.1f us\n", rep,
           rep_cpu);
    printf("  ranking of %d centres              %8.1f us  (goal <= 10 ms)  CPU %.1f us\n", centres,
           rank, rank_cpu);
    printf("  plain SQL, best plain indexes:\n");
    printf("    national figures                 %8.1f ms  ratio %.0fx\n", nat_raw / 1e3,
           nat_raw / nat);
    printf("    one centre's figures             %8.1f ms  ratio %.0fx\n", cen_raw / 1e3,
           cen_raw / cen);
    printf("    one centre's year report         %8.1f ms  ratio %.0fx\n", rep_raw / 1e3,
           rep_raw / rep);
    printf("    ranking of the centres           %8.1f ms  ratio %.0fx\n", rank_raw / 1e3,
           rank_raw / rank);
    inv_close(db);
}

int main(int argc, char **argv)
{
    bool national = false;
    const char *keep = NULL;
    bool quick = false;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--national") == 0)
            national = true;
        else if (strcmp(argv[i], "--national-file") == 0 && i + 1 < argc)
            national = true, keep = argv[++i];
        else if (strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else
            die("usage", "bench_inventory [--national | --national-file FILE] [--quick]"
                         " [--only checkout|checkout_sync|report|none]");
    }
    setenv("TZ", "Europe/Oslo", 1);
    const char *tmp = getenv("BUA_BENCH_DIR");
    snprintf(dir, sizeof(dir), "%s/bua-bench-XXXXXX", tmp && tmp[0] ? tmp : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    printf("bench_inventory (SQLite %s, files in %s)\n", sqlite3_libversion(), dir);
    if (only == NULL || strcmp(only, "checkout") == 0)
        bench_checkout(quick ? 300 : 2000, false);
    if (only == NULL || strcmp(only, "checkout") == 0 || strcmp(only, "checkout_sync") == 0)
        bench_checkout(quick ? 300 : 2000, true);
    if (only == NULL || strcmp(only, "report") == 0)
        bench_report();
    if (only == NULL || strcmp(only, "report") == 0)
        bench_annual();
    if (national)
        bench_national(keep);
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return 0;
}
