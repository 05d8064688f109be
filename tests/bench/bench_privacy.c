/* Benchmark: what secure_delete (on for every connection of the store, so that an erased person
 * is in no free byte of the file) costs a checkout, and what an erasure and a sweep cost.
 * Two stores alike, checkouts and returns interleaved one by one (so both see the same machine
 * noise): one as inv_open makes it (secure_delete on), one with secure_delete turned off on its
 * connection. Prints means, medians and the ratio; nothing here fails on a slow figure.
 *   bench_privacy [--runs N]   (checkouts per store, default 600) */
#include "inv_int.h"
#include "inventory.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char dir[256];

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "bench_privacy: %s: %s\n", what, msg);
    exit(1);
}

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
    return x < y ? -1 : x > y;
}

static InvDb *open_store(const char *name, int n_items, int n_borrowers)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    for (int i = 0; i < n_items; i++) {
        InvItem it;
        memset(&it, 0, sizeof(it));
        snprintf(it.barcode, sizeof(it.barcode), "I%05d", i);
        snprintf(it.name, sizeof(it.name), "Utstyr %d", i);
        snprintf(it.category, sizeof(it.category), "Kat%d", i % 8);
        if (inv_item_add(db, &it, 1700000000, NULL) != INV_OK)
            die("item", inv_errmsg(db));
    }
    for (int i = 0; i < n_borrowers; i++) {
        InvBorrower b;
        memset(&b, 0, sizeof(b));
        snprintf(b.card, sizeof(b.card), "B-%d", i);
        snprintf(b.name, sizeof(b.name), "Låner Nummer %d", i);
        snprintf(b.phone, sizeof(b.phone), "4%07d", i);
        if (inv_borrower_add(db, &b, 1700000000, NULL) != INV_OK)
            die("borrower", inv_errmsg(db));
    }
    return db;
}

/* One checkout of 5 items and their return: the return deletes nothing, but rewrites rows, as
 * the summaries' fold moves its mark. */
static double lend_and_return(InvDb *db, int i, int n_items, int n_borrowers, int64_t t,
                              double *cpu)
{
    char buf[5][16];
    const char *codes[5];
    for (int k = 0; k < 5; k++) {
        snprintf(buf[k], sizeof(buf[k]), "I%05d", (i * 5 + k) % n_items);
        codes[k] = buf[k];
    }
    InvCheckout co = {
        .borrower_id = 1 + i % n_borrowers, .barcodes = codes, .n_barcodes = 5, .now = t};
    double c = cpu_us();
    double a = now_us();
    if (inv_checkout(db, &co, NULL) != INV_OK)
        die("checkout", inv_errmsg(db));
    double took = now_us() - a;
    *cpu += cpu_us() - c;
    for (int k = 0; k < 5; k++) {
        InvReturn r = {.barcode = codes[k], .now = t + 30};
        if (inv_return(db, &r, NULL) != INV_OK)
            die("return", inv_errmsg(db));
    }
    return took;
}

static void stats(double *v, int n, double *mean, double *p50)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    *mean = s / n;
    *p50 = v[n / 2];
}

int main(int argc, char **argv)
{
    int runs = 600;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else
            die("usage", "bench_privacy [--runs N]");
    }
    if (runs < 10)
        die("usage", "--runs is at least 10");
    setenv("TZ", "Europe/Oslo", 1);
    const char *tmp = getenv("BUA_BENCH_DIR");
    snprintf(dir, sizeof(dir), "%s/bua-bench-privacy-XXXXXX", tmp && tmp[0] ? tmp : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    const int n_items = 400;
    const int n_borrowers = 200;
    InvDb *on = open_store("on.db", n_items, n_borrowers);
    InvDb *off = open_store("off.db", n_items, n_borrowers);
    if (sqlite3_exec(off->sql, "PRAGMA secure_delete=OFF", NULL, NULL, NULL) != SQLITE_OK)
        die("pragma", sqlite3_errmsg(off->sql));

    double *t_on = calloc((size_t)runs, sizeof(double));
    double *t_off = calloc((size_t)runs, sizeof(double));
    if (t_on == NULL || t_off == NULL)
        die("calloc", "out of memory");
    int64_t t = 1717236000; /* 2024-06-01 */
    double cpu_on = 0;
    double cpu_off = 0;
    for (int i = 0; i < runs; i++) {
        /* alternate which goes first, so neither always follows the other's fsync */
        if (i % 2 == 0) {
            t_on[i] = lend_and_return(on, i, n_items, n_borrowers, t + i * 60, &cpu_on);
            t_off[i] = lend_and_return(off, i, n_items, n_borrowers, t + i * 60, &cpu_off);
        } else {
            t_off[i] = lend_and_return(off, i, n_items, n_borrowers, t + i * 60, &cpu_off);
            t_on[i] = lend_and_return(on, i, n_items, n_borrowers, t + i * 60, &cpu_on);
        }
    }
    double m_on = 0;
    double p_on = 0;
    double m_off = 0;
    double p_off = 0;
    stats(t_on, runs, &m_on, &p_on);
    stats(t_off, runs, &m_off, &p_off);
    printf("checkout (5 items, WAL + synchronous=FULL, %d runs each, interleaved)\n", runs);
    printf("  secure_delete off (baseline)   mean %7.1f us  p50 %7.1f\n", m_off, p_off);
    printf("  secure_delete on (as shipped)  mean %7.1f us  p50 %7.1f   ratio mean %.3fx, p50 "
           "%.3fx\n",
           m_on, p_on, m_on / m_off, p_on / p_off);
    printf("  CPU per checkout: off %.1f us, on %.1f us   ratio %.3fx (wall time is mostly the "
           "fsync)\n",
           cpu_off / runs, cpu_on / runs, cpu_on / cpu_off);

    /* erasing one person and a sweep of a year's inactive people, on the store used above */
    double a = now_us();
    InvErased er;
    if (inv_borrower_erase(on, "B-7", 0, t + (int64_t)runs * 60 + 3600, &er) != INV_OK)
        die("erase", inv_errmsg(on));
    double erase_us = now_us() - a;
    a = now_us();
    InvSweepResult sw;
    if (inv_privacy_sweep(on, t + 4LL * 365 * 86400, false, NULL, NULL, &sw) != INV_OK)
        die("sweep", inv_errmsg(on));
    double sweep_us = now_us() - a;
    printf("erase of one person (with checkpoint)  %8.1f us\n", erase_us);
    printf("sweep erasing %zu people               %8.1f us\n", sw.erased, sweep_us);
    inv_close(on);
    inv_close(off);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        die("rm", dir);
    free(t_on);
    free(t_off);
    return 0;
}
