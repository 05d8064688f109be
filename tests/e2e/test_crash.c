/* Crash safety: a child process checks out (three items per loan) and returns in a loop and is
 * killed with SIGKILL at random moments, many times. After each kill the database must pass
 * PRAGMA integrity_check and inv_check (foreign keys, item status against open loans, summaries
 * against loans), no loan may be partial (every loan has exactly its three lines), and every
 * checkout the child reported as committed must be there.
 *
 * usage: test_crash [KILLS]   (default 60, the short run of CTest's default set; the long run,
 * 1,000 kills, is the test test_crash_long: ctest -C long -L long) */
#include "check.h"
#include "inventory.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ITEMS 60
#define BORROWERS 8
#define PER_LOAN 3
#define KILLS_DEFAULT 60
#define KILLS_MAX 100000

static char db_path[300];

typedef struct Pick {
    const char *codes[PER_LOAN];
    char buf[PER_LOAN][INV_CODE_MAX];
    size_t n;
    unsigned skip;
} Pick;

static int pick_fn(const InvItem *item, void *ctx)
{
    Pick *p = ctx;
    if (p->skip > 0) {
        p->skip--;
        return 0;
    }
    snprintf(p->buf[p->n], INV_CODE_MAX, "%s", item->barcode);
    p->codes[p->n] = p->buf[p->n];
    p->n++;
    return p->n == PER_LOAN ? 1 : 0;
}

static int first_line(const InvLoanLine *l, void *ctx)
{
    snprintf(ctx, INV_CODE_MAX, "%s", l->barcode);
    return 1;
}

/* The child: lends and takes back until killed; reports each committed loan id on fd. */
static void child(int fd, unsigned seed)
{
    InvOpenOptions o = {.path = db_path};
    InvDb *db = NULL;
    if (inv_open(&o, &db, NULL, 0) != INV_OK)
        _exit(3);
    srand(seed);
    int64_t now = 1735689600 + (int64_t)seed * 1000; /* 2025 */
    for (;;) {
        now += 60;
        int64_t borrower = 1 + rand() % BORROWERS;
        if (rand() % 2 == 0) {
            Pick p;
            memset(&p, 0, sizeof(p));
            p.skip = (unsigned)(rand() % 20);
            InvItemFilter f = {.category = NULL, .location = NULL, .status = INV_ITEM_AVAILABLE};
            inv_item_each(db, &f, pick_fn, &p);
            if (p.n < PER_LOAN)
                continue;
            InvCheckout co = {
                .borrower_id = borrower, .barcodes = p.codes, .n_barcodes = p.n, .now = now};
            int64_t loan = 0;
            if (inv_checkout(db, &co, &loan) == INV_OK &&
                write(fd, &loan, sizeof(loan)) != (ssize_t)sizeof(loan))
                _exit(4);
        } else {
            char code[INV_CODE_MAX] = "";
            inv_borrower_each_open(db, borrower, false, now, first_line, code);
            if (code[0] != '\0') {
                InvReturn r = {.barcode = code, .damaged = rand() % 10 == 0, .now = now};
                inv_return(db, &r, NULL);
                if (r.damaged)
                    inv_item_set_status(db, code, INV_ITEM_AVAILABLE, "fixed", 0, now);
            }
        }
    }
}

static long sql_count(const char *query)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\"", db_path, query);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    char buf[64] = "";
    CHECK(fgets(buf, sizeof(buf), p) != NULL);
    CHECK_EQ(pclose(p), 0);
    return strtol(buf, NULL, 10);
}

int main(int argc, char **argv)
{
    int kills = KILLS_DEFAULT;
    if (argc > 1) {
        char *end = NULL;
        long n = strtol(argv[1], &end, 10);
        if (end == argv[1] || *end != '\0' || n < 1 || n > KILLS_MAX) {
            fprintf(stderr, "test_crash: invalid kill count '%s' (1 to %d)\n", argv[1], KILLS_MAX);
            return 2;
        }
        kills = (int)n;
    }
    setenv("TZ", "Europe/Oslo", 1);
    char dir[256];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/bua-crash-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(db_path, sizeof(db_path), "%s/crash.db", dir);

    InvOpenOptions o = {.path = db_path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
    for (int i = 0; i < ITEMS; i++) {
        InvItem it;
        memset(&it, 0, sizeof(it));
        snprintf(it.barcode, sizeof(it.barcode), "I-%03d", i);
        snprintf(it.name, sizeof(it.name), "Item %d", i);
        snprintf(it.category, sizeof(it.category), "%s", i % 2 ? "Ski" : "Hjelm");
        CHECK_EQ(inv_item_add(db, &it, 1700000000, NULL), INV_OK);
    }
    for (int i = 0; i < BORROWERS; i++) {
        InvBorrower b;
        memset(&b, 0, sizeof(b));
        snprintf(b.card, sizeof(b.card), "B-%d", i);
        snprintf(b.name, sizeof(b.name), "Borrower %d", i);
        CHECK_EQ(inv_borrower_add(db, &b, 1700000000, NULL), INV_OK);
    }
    inv_close(db);

    unsigned seed = (unsigned)time(NULL);
    srand(seed);
    fprintf(stderr, "seed %u\n", seed);
    static int64_t reported[1 << 16];
    size_t n_reported = 0;
    long kills_mid_work = 0;
    long partial = 0;
    long lost = 0;
    time_t started = time(NULL);
    for (int k = 0; k < kills; k++) {
        int fds[2];
        CHECK_EQ(pipe(fds), 0);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child(fds[1], seed + (unsigned)k);
        }
        close(fds[1]);
        /* let it run 5..80 ms, then kill it wherever it is */
        struct timespec ts = {0, (long)(5 + rand() % 75) * 1000000L};
        nanosleep(&ts, NULL);
        CHECK_EQ(kill(pid, SIGKILL), 0);
        int status = 0;
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        int64_t id = 0;
        size_t before = n_reported;
        while (read(fds[0], &id, sizeof(id)) == (ssize_t)sizeof(id) &&
               n_reported < sizeof(reported) / sizeof(reported[0]))
            reported[n_reported++] = id;
        close(fds[0]);
        kills_mid_work += n_reported > before;

        CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
        int err = inv_check(db);
        if (err != INV_OK)
            fprintf(stderr, "after kill %d: %s\n", k, inv_errmsg(db));
        CHECK_EQ(err, INV_OK);
        inv_close(db);
        partial += sql_count("SELECT count(*) FROM loan l WHERE (SELECT count(*) FROM loan_line"
                             " WHERE loan_id = l.id) <> 3");
        CHECK_EQ(partial, 0);
    }
    /* every reported checkout is there, whole */
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
    for (size_t i = 0; i < n_reported; i++) {
        char q[200];
        snprintf(q, sizeof(q), "SELECT count(*) FROM loan_line WHERE loan_id = %lld",
                 (long long)reported[i]);
        lost += sql_count(q) != PER_LOAN;
    }
    CHECK_EQ(lost, 0);
    long loans = sql_count("SELECT count(*) FROM loan");
    CHECK(loans >= (long)n_reported);
    inv_close(db);
    fprintf(stderr,
            "test_crash: %d kills (%ld after committed work) in %lld s, %zu reported checkouts,"
            " %ld lost, %ld partial, %ld loans in the file\n",
            kills, kills_mid_work, (long long)(time(NULL) - started), n_reported, lost, partial,
            loans);
    CHECK(kills_mid_work > 0);

    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    CHECK_EQ(system(cmd), 0);
    return 0;
}
