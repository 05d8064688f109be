/* Sync benchmarks (issue 14), against the throwaway PostgreSQL cluster that bench_sync.sh starts
 * (tests/e2e/pg_lib.sh) and the real bua-sync binary. Prints figures, never fails on a slow one;
 * it stops (exit 1) only when a result is wrong (an event lost, figures that differ). Each figure
 * is set against a baseline measured in the same run:
 *   push     one device, batches of 100 outbox events (loans and returns made through the store)
 *            pushed with bua.push over the device's own role by bua-sync's own code for a batch
 *            (inv_sync_outbox, syn_wire_push sealing personal columns, bua.push, inv_sync_acked;
 *            bua-sync itself sends 500 a call):
 *            p50/p99 per batch (goal p99 <= 20 ms), against a bare INSERT of the same 100 rows
 *            (same JSON, same connection, one plain logged table) interleaved with it;
 *   sibling  two devices of a centre, both running `bua-sync run` (no --once): a loan made on
 *            the first, the seconds until the second's database shows the item on loan, over
 *            --loans loans (median and max; goal <= 5 s), against one push and one pull made by
 *            hand (`bua-sync run --once` on each, one after the other);
 *   popup    a pop-up device's summer (>= 1,600 events of loans and returns over three weeks,
 *            made offline) merged by one sync: the pop-up's `bua-sync run --once` (push) and
 *            the counter's (pull and apply), seconds (goal <= 10 s), against the same commands
 *            with nothing to do; the counter's figures must then equal the pop-up's.
 * Environment (set by bench_sync.sh): BENCH_PG_ADMIN (conninfo of the cluster's admin),
 * BENCH_PG_TCP (conninfo prefix over 127.0.0.1, no user); BENCH_BUA_SYNC overrides the bua-sync
 * binary built with it.
 * Usage: bench_sync [--batches N] [--loans N] [--only push|sibling|popup] */
#include "inventory.h"
#include "syn.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[256];
static const char *pg_admin;
static const char *pg_tcp;
static const char *bua_sync;
static char key_file[300];

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile (0..1) of v[n], nearest rank; sorts v. */
static double quantile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof(v[0]), cmp_double);
    size_t k = (size_t)(q * (double)n + 0.999999);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    return v[k - 1];
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_sync: %s: %s\n", what, detail);
    exit(1);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* ---- child processes ----------------------------------------------------------------------- */

/* Starts argv with stdout and stderr appended to `log`; returns its pid. */
static pid_t spawn(char *const argv[], const char *log)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        die("fork", strerror(errno));
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
            _exit(127);
        execv(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    return pid;
}

static void show_log(const char *log)
{
    FILE *f = fopen(log, "r");
    if (f == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof(line), f) != NULL)
        fprintf(stderr, "  | %s", line);
    fclose(f);
}

/* Runs argv to its end; its wall time in us. A failure shows its output and stops the bench. */
static double run(char *const argv[])
{
    char log[300];
    snprintf(log, sizeof(log), "%s/child.log", dir);
    unlink(log);
    double a = now_us();
    pid_t pid = spawn(argv, log);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        die("waitpid", strerror(errno));
    double t = now_us() - a;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        show_log(log);
        die(argv[0], "failed");
    }
    return t;
}

/* ---- server -------------------------------------------------------------------------------- */

static PGconn *connect_or_die(const char *conninfo)
{
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK)
        die("connect", PQerrorMessage(c));
    return c;
}

/* Runs one statement with text parameters; the result (tuples or command), or the bench stops. */
static PGresult *sql(PGconn *c, const char *stmt, int n, const char *const *params)
{
    PGresult *r = PQexecParams(c, stmt, n, NULL, params, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK)
        die(stmt, PQresultErrorMessage(r));
    return r;
}

static void sql_do(PGconn *c, const char *stmt, int n, const char *const *params)
{
    PQclear(sql(c, stmt, n, params));
}

/* One value of a one-row query as a number. */
static long long sql_num(PGconn *c, const char *stmt, int n, const char *const *params)
{
    PGresult *r = sql(c, stmt, n, params);
    if (PQntuples(r) != 1)
        die(stmt, "not one row");
    long long v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

/* ---- devices ------------------------------------------------------------------------------- */

typedef struct Dev {
    char centre[INV_SYNC_NAME_MAX];
    char name[INV_SYNC_NAME_MAX];
    char path[300];    /* its database */
    char role[64];     /* its PostgreSQL login role */
    char conn[800];    /* conninfo bua-sync and this bench connect with (no password) */
    char pw_file[300]; /* the role's password (bua-sync --password-file) */
    char argv_log[300];
    InvDb *db;
} Dev;

/* A device of a centre: its role on the server (`bua-sync device add`, password from a file),
 * a new database with its identity (`inv_sync_init`), and a conninfo over TCP whose password
 * comes from a pgpass file (libpq's passfile). */
static void dev_make(Dev *d, const char *centre, const char *name)
{
    memset(d, 0, sizeof(*d));
    snprintf(d->centre, sizeof(d->centre), "%s", centre);
    snprintf(d->name, sizeof(d->name), "%s", name);
    snprintf(d->path, sizeof(d->path), "%s/%s-%s.db", dir, centre, name);
    snprintf(d->argv_log, sizeof(d->argv_log), "%s/%s-%s.log", dir, centre, name);

    char pw[40];
    unsigned seed = (unsigned)(now_us()) ^ (unsigned)getpid();
    for (size_t i = 0; i + 1 < sizeof(pw); i++)
        pw[i] = "abcdefghijkmnpqrstuvwxyz23456789"[rand_r(&seed) % 32];
    pw[sizeof(pw) - 1] = '\0';
    snprintf(d->pw_file, sizeof(d->pw_file), "%s/%s-%s.pw", dir, centre, name);
    FILE *f = fopen(d->pw_file, "w");
    if (f == NULL)
        die("write", d->pw_file);
    fprintf(f, "%s\n", pw);
    fclose(f);
    chmod(d->pw_file, 0600);

    PGconn *admin = connect_or_die(pg_admin);
    const char *p[2] = {centre, name};
    sql_do(admin, "INSERT INTO bua.centre(code) VALUES ($1) ON CONFLICT DO NOTHING", 1, p);
    char *argv[] = {(char *)bua_sync, "device",          "add",      "--server",
                    (char *)pg_admin, "--centre",        d->centre,  "--device",
                    d->name,          "--password-file", d->pw_file, NULL};
    run(argv);
    PGresult *r = sql(admin, "SELECT role FROM bua.device WHERE centre = $1 AND device = $2", 2, p);
    if (PQntuples(r) != 1)
        die("device add", "no row in bua.device");
    snprintf(d->role, sizeof(d->role), "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(admin);

    snprintf(d->conn, sizeof(d->conn), "%s user=%s", pg_tcp, d->role);

    InvOpenOptions o = {.path = d->path, .create = true, .timezone = "Europe/Oslo"};
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &d->db, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    int64_t emitted = 0;
    if (inv_sync_init(d->db, centre, name, (int64_t)time(NULL), &emitted) != INV_OK)
        die("init", inv_errmsg(d->db));
}

static void dev_close(Dev *d)
{
    inv_close(d->db);
    d->db = NULL;
}

/* `bua-sync run --once` for the device: one push and pull; wall time in us. */
static double sync_once(Dev *d)
{
    char *argv[] = {(char *)bua_sync,  "run",      "--db",       d->path,
                    "--server",        d->conn,    "--key-file", key_file,
                    "--password-file", d->pw_file, "--once",     NULL};
    return run(argv);
}

/* `bua-sync run` (no --once) for the device, in the background; its pid. */
static pid_t sync_start(Dev *d)
{
    char *argv[] = {(char *)bua_sync,  "run",      "--db",       d->path,
                    "--server",        d->conn,    "--key-file", key_file,
                    "--password-file", d->pw_file, NULL};
    return spawn(argv, d->argv_log);
}

static void sync_stop(pid_t pid, Dev *d)
{
    kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; i++) { /* up to 5 s to finish its round */
        if (waitpid(pid, &status, WNOHANG) == pid)
            return;
        sleep_ms(50);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    show_log(d->argv_log);
    die("bua-sync run", "did not stop within 5 s of SIGTERM");
}

static int64_t pending(Dev *d)
{
    InvSyncStatus s;
    if (inv_sync_status(d->db, &s) != INV_OK)
        die("sync status", inv_errmsg(d->db));
    return s.waiting;
}

static void import_or_die(InvDb *db, InvImportKind kind, const char *path)
{
    InvImportResult res;
    if (inv_import_csv(db, kind, path, (int64_t)time(NULL), NULL, NULL, &res) != INV_OK)
        die(path, res.n_problems ? res.problems[0] : inv_errmsg(db));
}

/* Gives the device n items (barcodes PREFIX-I0000..) and m borrowers (cards PREFIX-B0000..),
 * through the store's import: the outbox gets their events. */
static void stock(Dev *d, const char *prefix, int n, int m)
{
    char csv[400];
    snprintf(csv, sizeof(csv), "%s/stock.csv", dir);
    FILE *f = fopen(csv, "w");
    if (f == NULL)
        die("write", csv);
    fprintf(f, "barcode,name,category,added_at\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "%s-I%04d,Utstyr %d,Kat%d,2024-01-01T10:00:00Z\n", prefix, i, i, i % 10);
    fclose(f);
    import_or_die(d->db, INV_IMPORT_ITEMS, csv);
    f = fopen(csv, "w");
    if (f == NULL)
        die("write", csv);
    fprintf(f, "card,name,phone,registered_at,birth_year\n");
    for (int i = 0; i < m; i++)
        fprintf(f, "%s-B%04d,Låner %d,9%07d,2024-01-01T10:00:00Z,%d\n", prefix, i, i, i,
                1950 + i % 60);
    fclose(f);
    import_or_die(d->db, INV_IMPORT_BORROWERS, csv);
    unlink(csv);
}

static int64_t borrower_id(Dev *d, const char *prefix, int k)
{
    char card[64];
    snprintf(card, sizeof(card), "%s-B%04d", prefix, k);
    InvBorrower b;
    if (inv_borrower_get(d->db, card, &b) != INV_OK)
        die("borrower", inv_errmsg(d->db));
    return b.id;
}

static void lend(Dev *d, int64_t who, const char *const *codes, size_t n, int64_t at)
{
    InvCheckout co = {.borrower_id = who, .barcodes = codes, .n_barcodes = n, .now = at};
    if (inv_checkout(d->db, &co, NULL) != INV_OK)
        die("checkout", inv_errmsg(d->db));
}

static void give_back(Dev *d, const char *code, int64_t at)
{
    InvReturn r = {.barcode = code, .now = at};
    InvReturned out;
    if (inv_return(d->db, &r, &out) != INV_OK)
        die("return", inv_errmsg(d->db));
}

/* ---- push ---------------------------------------------------------------------------------- */

static void bench_push(int batches)
{
    printf("push: one device, batches of 100 events\n");
    Dev d;
    dev_make(&d, "bench-push", "p");
    const int n_items = 600;
    const int n_borrowers = 300;
    stock(&d, "P", n_items, n_borrowers);
    sync_once(&d); /* the stock goes first, not timed */
    if (pending(&d) != 0)
        die("push", "bua-sync run --once left events in the outbox");

    /* loans of three items, returned at once: 1 loan, 3 lines and 3 item rows out and back */
    int64_t t = (int64_t)time(NULL) - 40 * 86400;
    int64_t first = borrower_id(&d, "P", 0);
    for (int i = 0; pending(&d) < (int64_t)batches * 100; i++) {
        char buf[3][32];
        const char *codes[3];
        for (int k = 0; k < 3; k++) {
            snprintf(buf[k], sizeof(buf[k]), "P-I%04d", (3 * i + k) % n_items);
            codes[k] = buf[k];
        }
        lend(&d, first + i % n_borrowers, codes, 3, t);
        t += 60;
        for (int k = 0; k < 3; k++)
            give_back(&d, codes[k], t);
        t += 60;
    }
    printf("  %lld events in the outbox (loans of 3 items, returned)\n", (long long)pending(&d));

    PGconn *admin = connect_or_die(pg_admin);
    sql_do(admin,
           "CREATE TABLE IF NOT EXISTS public.bench_plain (centre text NOT NULL, device text NOT"
           " NULL, seq bigint NOT NULL, at bigint NOT NULL, tbl text NOT NULL, op text NOT NULL,"
           " gid text NOT NULL, \"row\" jsonb NOT NULL, PRIMARY KEY (centre, device, seq))",
           0, NULL);
    char grant[200];
    snprintf(grant, sizeof(grant), "GRANT INSERT ON public.bench_plain TO \"%s\"", d.role);
    sql_do(admin, grant, 0, NULL);
    PQfinish(admin);

    char msg[SYN_MSG_MAX] = "";
    PGconn *c = syn_connect(d.conn, d.pw_file, msg, sizeof(msg));
    if (c == NULL)
        die("connect", msg);
    SynKey key;
    if (syn_key_load(key_file, &key, msg, sizeof(msg)) != 0)
        die("key", msg);
    double *ours = calloc((size_t)batches, sizeof(double));
    double *round = calloc((size_t)batches, sizeof(double));
    double *base = calloc((size_t)batches, sizeof(double));
    if (ours == NULL || round == NULL || base == NULL)
        die("calloc", "out of memory");
    /* bua-sync's own connection to the device's file, opened as bua-sync opens it (replayable:
     * its acknowledgements are not flushed one by one) */
    InvOpenOptions so = {.path = d.path, .create = false, .replayable = true};
    InvDb *sdb = NULL;
    if (inv_open(&so, &sdb, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    InvSyncStatus st;
    if (inv_sync_status(sdb, &st) != INV_OK)
        die("sync status", inv_errmsg(sdb));
    int64_t after = st.pushed;
    for (int i = 0; i < batches; i++) {
        double a = now_us();
        InvSyncEvent *ev = NULL;
        size_t n = 0;
        if (inv_sync_outbox(sdb, after, 100, &ev, &n) != INV_OK)
            die("outbox", inv_errmsg(sdb));
        if (n != 100)
            die("outbox", "fewer than 100 events");
        char *json = syn_wire_push(ev, n, &key, msg, sizeof(msg));
        inv_sync_events_free(ev, n);
        if (json == NULL)
            die("wire", msg);
        const char *p[3] = {d.centre, d.name, json};
        double r0 = now_us();
        long long hw = sql_num(c, "SELECT bua.push($1, $2, $3::jsonb)", 3, p);
        round[i] = now_us() - r0;
        if (hw != after + 100)
            die("push", "the server's high-water is not the batch's last seq");
        if (inv_sync_acked(sdb, hw, (int64_t)time(NULL)) != INV_OK)
            die("acked", inv_errmsg(sdb));
        after = hw;
        ours[i] = now_us() - a;

        /* baseline: the same 100 rows into a plain table, same connection */
        a = now_us();
        sql_do(c,
               "INSERT INTO public.bench_plain SELECT $1, $2, x.seq, x.at, x.tbl, x.op, x.gid,"
               " x.\"row\" FROM jsonb_to_recordset($3::jsonb) AS x(seq bigint, at bigint, tbl"
               " text, op text, gid text, \"row\" jsonb)",
               3, p);
        base[i] = now_us() - a;
        free(json);
    }
    PQfinish(c);
    inv_close(sdb);

    /* the slowest batches, in push order, beside their round trip and their bare INSERT (where
     * a tail comes from: the server, the device's outbox and acknowledgement, or the machine) */
    printf("  slowest batches (#: batch, round trip, bare INSERT, ms):");
    for (int k = 0; k < 5 && k < batches; k++) {
        int worst = 0;
        for (int i = 1; i < batches; i++)
            if (ours[i] > ours[worst])
                worst = i;
        printf(" #%d %.1f %.1f %.1f;", worst, ours[worst] / 1e3, round[worst] / 1e3,
               base[worst] / 1e3);
        ours[worst] = -ours[worst]; /* marked; restored below */
    }
    printf("\n");
    for (int i = 0; i < batches; i++)
        if (ours[i] < 0)
            ours[i] = -ours[i];

    double o50 = quantile(ours, (size_t)batches, 0.50);
    double o99 = quantile(ours, (size_t)batches, 0.99);
    double r50 = quantile(round, (size_t)batches, 0.50);
    double r99 = quantile(round, (size_t)batches, 0.99);
    double b50 = quantile(base, (size_t)batches, 0.50);
    double b99 = quantile(base, (size_t)batches, 0.99);
    printf("  %d batches of 100 events\n", batches);
    printf(
        "  batch (outbox, JSON, bua.push, ack)  p50 %6.2f ms  p99 %6.2f ms  (goal p99 <= 20 ms)\n",
        o50 / 1e3, o99 / 1e3);
    printf("    of which bua.push round trip       p50 %6.2f ms  p99 %6.2f ms\n", r50 / 1e3,
           r99 / 1e3);
    printf("  baseline: bare INSERT of 100 rows      p50 %6.2f ms  p99 %6.2f ms\n", b50 / 1e3,
           b99 / 1e3);
    printf("  ratio batch / bare INSERT              p50 %.1fx  p99 %.1fx\n", o50 / b50, o99 / b99);
    printf("  events/s, one device, one batch at a time: %.0f\n", 100 / (o50 / 1e6));
    free(ours);
    free(round);
    free(base);
    dev_close(&d);
}

/* ---- sibling ------------------------------------------------------------------------------- */

static bool on_loan(Dev *d, const char *code)
{
    InvItem it;
    int rc = inv_item_get(d->db, code, &it);
    if (rc == INV_E_NOT_FOUND || rc == INV_E_UNKNOWN_ITEM)
        return false;
    if (rc != INV_OK)
        die("item", inv_errmsg(d->db));
    return it.status == INV_ITEM_ON_LOAN;
}

/* Waits until the item shows on loan on d; seconds, or dies after `limit` seconds. */
static double wait_on_loan(Dev *d, const char *code, double start, double limit)
{
    for (;;) {
        if (on_loan(d, code))
            return (now_us() - start) / 1e6;
        if (now_us() - start > limit * 1e6) {
            show_log(d->argv_log);
            die(code, "did not show on loan on the sibling device");
        }
        sleep_ms(5);
    }
}

static void bench_sibling(int loans)
{
    printf("sibling: a loan on one device, seen on the other (both running bua-sync run)\n");
    Dev a;
    Dev b;
    dev_make(&a, "bench-sib", "counter");
    dev_make(&b, "bench-sib", "kiosk");
    stock(&a, "S", loans + 2, 20);
    sync_once(&a);
    sync_once(&b);
    InvItem it;
    if (inv_item_get(b.db, "S-I0000", &it) != INV_OK)
        die("sibling", "the second device did not take the centre's items at its first sync");
    int64_t lender = borrower_id(&a, "S", 0);

    /* baseline: the same loan carried by hand, one push and one pull */
    const char *code0 = "S-I0000";
    lend(&a, lender, &code0, 1, (int64_t)time(NULL));
    double push = sync_once(&a);
    double pull = sync_once(&b);
    if (!on_loan(&b, code0))
        die("sibling", "a push and a pull did not carry the loan");

    pid_t pa = sync_start(&a);
    pid_t pb = sync_start(&b);
    sleep_ms(2000);
    double *lat = calloc((size_t)loans, sizeof(double));
    if (lat == NULL)
        die("calloc", "out of memory");
    for (int i = 0; i < loans; i++) {
        char code[32];
        snprintf(code, sizeof(code), "S-I%04d", i + 1);
        const char *codes[1] = {code};
        double start = now_us();
        lend(&a, lender, codes, 1, (int64_t)time(NULL));
        lat[i] = wait_on_loan(&b, code, start, 60);
        sleep_ms(300 + (i * 137) % 1000); /* not in step with the client's poll */
    }
    sync_stop(pa, &a);
    sync_stop(pb, &b);
    double med = quantile(lat, (size_t)loans, 0.5);
    double max = lat[loans - 1];
    printf("  %d loans: seen on the sibling after median %.2f s, max %.2f s  (goal <= 5 s)\n",
           loans, med, max);
    printf("  baseline: one push + one pull by hand (run --once each) %.2f s (%.2f + %.2f)\n",
           (push + pull) / 1e6, push / 1e6, pull / 1e6);
    printf("  ratio median / by hand %.1fx\n", med / ((push + pull) / 1e6));
    free(lat);
    dev_close(&a);
    dev_close(&b);
}

/* ---- pop-up -------------------------------------------------------------------------------- */

static void figures_or_die(Dev *d, int year, InvFigures *f)
{
    if (inv_figures(d->db, year, 0, f) != INV_OK)
        die("figures", inv_errmsg(d->db));
}

static void bench_popup(void)
{
    printf("popup: a summer lent offline, merged by one sync\n");
    Dev counter;
    Dev popup;
    dev_make(&counter, "bench-pop", "counter");
    dev_make(&popup, "bench-pop", "popup");
    const int n_items = 200;
    const int n_borrowers = 150;
    stock(&counter, "U", n_items, n_borrowers);
    sync_once(&counter);
    sync_once(&popup);
    InvItem it;
    if (inv_item_get(popup.db, "U-I0000", &it) != INV_OK)
        die("popup", "the pop-up did not take the centre's items at its first sync");

    /* baselines: a round with nothing to do, on each (median of 3) */
    double idle_p[3];
    double idle_c[3];
    for (int i = 0; i < 3; i++) {
        idle_p[i] = sync_once(&popup);
        idle_c[i] = sync_once(&counter);
    }
    double idle_push = quantile(idle_p, 3, 0.5);
    double idle_pull = quantile(idle_c, 3, 0.5);

    /* three weeks: loans of 1-3 items, each returned 20 loans later, until 1,600 events */
    int64_t start = (int64_t)time(NULL) - 21 * 86400;
    int64_t who0 = borrower_id(&popup, "U", 0);
    enum { OPEN = 20 };
    char out[OPEN][3][32];
    int n_out[OPEN] = {0};
    int loans = 0;
    int i = 0;
    int64_t t = start;
    int next_item = 0;
    for (; pending(&popup) < 1600; i++) {
        t = start + (int64_t)i * 5400; /* one every 1.5 h: 1,600 events in about 3 weeks */
        int slot = i % OPEN;
        for (int k = 0; k < n_out[slot]; k++)
            give_back(&popup, out[slot][k], t);
        int n = 1 + i % 3;
        const char *codes[3];
        for (int k = 0; k < n; k++) {
            snprintf(out[slot][k], sizeof(out[slot][k]), "U-I%04d", next_item++ % n_items);
            codes[k] = out[slot][k];
        }
        n_out[slot] = n;
        lend(&popup, who0 + i % n_borrowers, codes, (size_t)n, t + 60);
        loans++;
    }
    int64_t events = pending(&popup);
    printf("  %lld events (%d loans and their returns over %.0f days, offline)\n",
           (long long)events, loans, (double)(t - start) / 86400);

    double push = sync_once(&popup);
    double pull = sync_once(&counter);
    if (pending(&popup) != 0)
        die("popup", "one run --once left events in the pop-up's outbox");
    int year = inv_time_year(start);
    int year2 = inv_time_year(t);
    for (int y = year; y <= year2; y++) {
        InvFigures fp;
        InvFigures fc;
        figures_or_die(&popup, y, &fp);
        figures_or_die(&counter, y, &fc);
        if (memcmp(&fp, &fc, sizeof(fp)) != 0)
            die("popup", "the counter's figures differ from the pop-up's after the merge");
    }
    printf("  merged by one sync: %.2f s  (goal <= 10 s)\n", (push + pull) / 1e6);
    printf("    pop-up run --once (push)            %6.2f s\n", push / 1e6);
    printf("    counter run --once (pull, apply)    %6.2f s\n", pull / 1e6);
    printf("  baseline: run --once with nothing to do %.2f s + %.2f s\n", idle_push / 1e6,
           idle_pull / 1e6);
    printf("  ratio %.1fx; %.0f events/s merged; the counter's figures equal the pop-up's\n",
           (push + pull) / (idle_push + idle_pull), (double)events / ((push + pull) / 1e6));
    dev_close(&counter);
    dev_close(&popup);
}

int main(int argc, char **argv)
{
    int batches = 300;
    int loans = 12;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--batches") == 0 && i + 1 < argc)
            batches = atoi(argv[++i]);
        else if (strcmp(argv[i], "--loans") == 0 && i + 1 < argc)
            loans = atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else
            die("usage", "bench_sync [--batches N] [--loans N] [--only push|sibling|popup]");
    }
    if (batches < 1 || loans < 1)
        die("usage", "--batches and --loans take a number >= 1");
    pg_admin = getenv("BENCH_PG_ADMIN");
    pg_tcp = getenv("BENCH_PG_TCP");
    bua_sync = getenv("BENCH_BUA_SYNC");
    if (bua_sync == NULL || bua_sync[0] == '\0')
        bua_sync = BENCH_BUA_SYNC_PATH;
    if (pg_admin == NULL || pg_tcp == NULL)
        die("environment", "BENCH_PG_ADMIN and BENCH_PG_TCP must be set (run it through"
                           " scripts/bench sync)");
    if (sodium_init() < 0)
        die("libsodium", "cannot start");
    setenv("TZ", "Europe/Oslo", 1);
    const char *tmp = getenv("BUA_BENCH_DIR");
    snprintf(dir, sizeof(dir), "%s/bua-bench-sync-XXXXXX", tmp && tmp[0] ? tmp : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    printf("bench_sync (files in %s)\n", dir);

    char *setup[] = {(char *)bua_sync, "setup", "--server", (char *)pg_admin, NULL};
    run(setup);
    snprintf(key_file, sizeof(key_file), "%s/centre.key", dir);
    char *keygen[] = {(char *)bua_sync, "keygen", key_file, NULL};
    run(keygen);

    if (only == NULL || strcmp(only, "push") == 0)
        bench_push(batches);
    if (only == NULL || strcmp(only, "sibling") == 0)
        bench_sibling(loans);
    if (only == NULL || strcmp(only, "popup") == 0)
        bench_popup();
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return 0;
}
