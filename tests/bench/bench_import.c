/* Import benchmark: `bua-admin import loans` (the real binary, as a child process) against
 * `sqlite3 .import` of the same CSV into a plain table, in the same run, at 13k, 133k and (with
 * --large) 1.33M loan lines. Each size is a centre's history written by the test generator into a
 * private temporary folder: its items and borrowers are imported first (not timed), then the
 * loans are imported into a fresh copy of that database, alternating with sqlite3, `runs` times
 * each. Prints the medians, their ratio (goal <= 2x) and the import's peak RSS (getrusage of the
 * child; goal <= 64 MB). Prints figures, never fails on them.
 * Usage: bench_import [--large] [--runs N] [--quick]
 * BUA_BENCH_KEEP=1 keeps each size's base database and CSV files (for profiling by hand). */
#include "gen.h"
#include "inventory.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 15

static char dir[256];
static char child_log[300]; /* what the last child printed */

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

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(v[0]), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_import: %s: %s\n", what, detail);
    exit(1);
}

/* CPU time (user + system) of the last child run, in us. */
static double child_cpu;

/* Runs argv as a child with stdout to /dev/null; its wall time in us, its peak RSS in *rss_kb,
 * its CPU time in child_cpu. */
static double run_child(char *const argv[], long *rss_kb)
{
    fflush(stdout);
    double a = now_us();
    pid_t pid = fork();
    if (pid < 0)
        die("fork", strerror(errno));
    if (pid == 0) {
        /* stdout and the progress on stderr to the log, shown if the command fails */
        if (freopen(child_log, "w", stdout) == NULL || dup2(fileno(stdout), 2) < 0)
            _exit(127);
        execvp(argv[0], argv);
        fprintf(stderr, "bench_import: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof(ru));
    if (wait4(pid, &status, 0, &ru) != pid)
        die("wait4", strerror(errno));
    double t = now_us() - a;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        FILE *log = fopen(child_log, "r");
        char line[512];
        while (log != NULL && fgets(line, sizeof(line), log) != NULL)
            fputs(line, stderr);
        if (log != NULL)
            fclose(log);
        die("command failed", argv[0]);
    }
    if (rss_kb != NULL)
        *rss_kb = ru.ru_maxrss;
    child_cpu = (double)ru.ru_utime.tv_sec * 1e6 + (double)ru.ru_utime.tv_usec +
                (double)ru.ru_stime.tv_sec * 1e6 + (double)ru.ru_stime.tv_usec;
    return t;
}

static void copy_file(const char *from, const char *to)
{
    char *argv[] = {"cp", (char *)from, (char *)to, NULL};
    run_child(argv, NULL);
}

static void remove_db(const char *path)
{
    char p[600];
    unlink(path);
    snprintf(p, sizeof(p), "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-lock", path);
    unlink(p);
}

/* One size: n_years of `per_year` loan lines each. */
static void bench_size(const char *label, int n_years, long per_year, long n_items, int runs)
{
    GenYear years[10];
    for (int y = 0; y < n_years; y++)
        years[y] = (GenYear){.loans = per_year * 2921 / 13334,
                             .items_lent = per_year,
                             .borrowers = per_year * 1444 / 13334,
                             .new_borrowers = per_year * 300 / 13334};
    GenCentre c = {.prefix = "C-",
                   .first_year = 2025 - n_years,
                   .n_years = n_years,
                   .years = years,
                   .old_borrowers = per_year * 1500 / 13334,
                   .idle_borrowers = 100,
                   .n_items = n_items};
    char sub[300];
    snprintf(sub, sizeof(sub), "%s/%s", dir, label);
    mkdir(sub, 0700);
    char items[400];
    char borrowers[400];
    char loans[400];
    if (gen_centre(&c, sub, items, borrowers, loans, sizeof(items)) != 0)
        die("generate", strerror(errno));

    /* the base: items and borrowers in, no loans */
    char base[400];
    snprintf(base, sizeof(base), "%s/base.db", sub);
    InvOpenOptions o = {.path = base, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    InvImportResult *res = calloc(1, sizeof(*res));
    if (res == NULL)
        die("base", "out of memory");
    if (inv_import_csv(db, INV_IMPORT_ITEMS, items, 1736942400, NULL, NULL, res) != INV_OK ||
        inv_import_csv(db, INV_IMPORT_BORROWERS, borrowers, 1736942400, NULL, NULL, res) != INV_OK)
        die("base", res->n_problems ? res->problems[0] : inv_errmsg(db));
    free(res);
    inv_close(db);

    char work[400];
    char bare[400];
    char empty[400];
    snprintf(work, sizeof(work), "%s/work.db", sub);
    snprintf(bare, sizeof(bare), "%s/bare.db", sub);
    snprintf(empty, sizeof(empty), "%s/empty.db", sub);
    char import_cmd[500];
    snprintf(import_cmd, sizeof(import_cmd), ".import --csv %s loans", loans);
    char *ours_argv[] = {BENCH_ADMIN_PATH, "--db",  work,  "--now", "2025-01-15T12:00",
                         "import",         "loans", loans, NULL};
    char *bare_argv[] = {"sqlite3",  bare, "PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;",
                         import_cmd, NULL};
    char *start_argv[] = {"sqlite3", empty, "SELECT 1", NULL};

    double ours[MAX_RUNS] = {0};
    double theirs[MAX_RUNS] = {0};
    double ours_cpu[MAX_RUNS] = {0};
    double theirs_cpu[MAX_RUNS] = {0};
    long rss_max = 0;
    for (int r = 0; r < runs; r++) {
        remove_db(work);
        copy_file(base, work);
        remove_db(bare);
        long rss = 0;
        ours[r] = run_child(ours_argv, &rss);
        ours_cpu[r] = child_cpu;
        if (rss > rss_max)
            rss_max = rss;
        double t = run_child(bare_argv, NULL);
        double bare_cpu = child_cpu;
        theirs[r] = t - run_child(start_argv, NULL); /* sqlite3's own start-up taken off */
        theirs_cpu[r] = bare_cpu - child_cpu;
    }
    long rows = per_year * n_years;
    double mo = median(ours, runs);
    double mt = median(theirs, runs);
    double co = median(ours_cpu, runs);
    double ct = median(theirs_cpu, runs);
    printf("%s: %ld loan lines, median of %d runs (wall; CPU = user + system of the child)\n",
           label, rows, runs);
    printf("  bua-admin import loans  %9.1f ms  %8.0f rows/s  CPU %8.1f ms  peak RSS %6.1f MB"
           " (goal <= 64 MB)\n",
           mo / 1e3, rows / (mo / 1e6), co / 1e3, rss_max / 1024.0);
    printf("  sqlite3 .import         %9.1f ms  %8.0f rows/s  CPU %8.1f ms\n", mt / 1e3,
           rows / (mt / 1e6), ct / 1e3);
    printf("  ratio                   %.2fx wall, %.2fx CPU (goal <= 2x)\n", mo / mt, co / ct);
    fflush(stdout);
    remove_db(work);
    remove_db(bare);
    remove_db(empty);
    const char *keep = getenv("BUA_BENCH_KEEP");
    if (keep != NULL && strcmp(keep, "1") == 0) {
        printf("  kept %s/ (base.db and the CSV files)\n", sub);
        return;
    }
    remove_db(base);
    unlink(items);
    unlink(borrowers);
    unlink(loans);
    rmdir(sub);
}

int main(int argc, char **argv)
{
    bool large = false;
    bool quick = false;
    int runs = 3;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--large") == 0) {
            large = true;
        } else if (strcmp(argv[i], "--quick") == 0) {
            quick = true;
        } else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = atoi(argv[++i]);
            if (runs < 1 || runs > MAX_RUNS)
                die("usage", "--runs takes 1 to 15");
        } else {
            die("usage", "bench_import [--large] [--runs N] [--quick]");
        }
    }
    setenv("TZ", "Europe/Oslo", 1);
    const char *tmp = getenv("BUA_BENCH_DIR");
    snprintf(dir, sizeof(dir), "%s/bua-bench-import-XXXXXX", tmp && tmp[0] ? tmp : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    snprintf(child_log, sizeof(child_log), "%s/child.log", dir);
    printf("bench_import (SQLite %s, files in %s)\n", sqlite3_libversion(), dir);
    if (quick)
        runs = 1;
    bench_size("13k", 1, 13334, 900, runs);
    if (!quick)
        bench_size("133k", 10, 13334, 900, runs);
    if (large)
        bench_size("1.33M", 10, 133340, 9000, runs);
    else
        printf("(1.33M lines: bench_import --large, or scripts/bench import --large)\n");
    unlink(child_log);
    const char *keep = getenv("BUA_BENCH_KEEP");
    if (keep != NULL && strcmp(keep, "1") == 0)
        return 0;
    if (rmdir(dir) != 0)
        return 1;
    return 0;
}
