/* The national benchmark's device files (scripts/bench national): one synced device per centre,
 * each a centre's years of lending written by gen_centre() and loaded through the store's import
 * with the device's identity already set, so the store's triggers fill the outbox exactly as
 * they do for a centre that joins with its history (the path bua-sync then pushes).
 * Per centre and year, as the nation divided by 260: 2,423 loans, 11,146 loan lines (4.6 a
 * loan), 900 borrowers of whom 70 new; 800 items; 850 borrowers registered before the first
 * year (20 of them never borrow): 260 centres hold about 312,000 borrowers after 5 years.
 * For centre k (code cNNN, device d1) it writes DIR/cNNN.db, DIR/cNNN.fig (per generated year:
 * "year loans items_lent borrowers new_borrowers" as the device's own figures give them) and
 * DIR/cNNN.seq (the outbox's last seq).
 * Usage: gen_national --dir DIR --centres N --years Y [--part K --parts P]
 *        (this process makes the centres k with (k - 1) % P == K; the years end last year) */
#include "gen.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "gen_national: %s: %s\n", what, detail);
    exit(1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void import_or_die(InvDb *db, InvImportKind kind, const char *path, int64_t now)
{
    InvImportResult res;
    if (inv_import_csv(db, kind, path, now, NULL, NULL, &res) != INV_OK)
        die(path, res.n_problems ? res.problems[0] : inv_errmsg(db));
}

static void centre(const char *dir, int k, int n_years, int first_year)
{
    GenYear years[64];
    for (int y = 0; y < n_years; y++)
        years[y] =
            (GenYear){.loans = 2423, .items_lent = 11146, .borrowers = 900, .new_borrowers = 70};
    char prefix[16];
    snprintf(prefix, sizeof(prefix), "C%03d-", k);
    GenCentre c = {.prefix = prefix,
                   .first_year = first_year,
                   .n_years = n_years,
                   .years = years,
                   .old_borrowers = 830,
                   .idle_borrowers = 20,
                   .n_items = 800};
    char code[16];
    snprintf(code, sizeof(code), "c%03d", k);
    char sub[400];
    snprintf(sub, sizeof(sub), "%s/gen-%s", dir, code);
    mkdir(sub, 0700);
    char items[500];
    char borrowers[500];
    char loans[500];
    if (gen_centre(&c, sub, items, borrowers, loans, sizeof(items)) != 0)
        die("generate", code);

    char path[400];
    snprintf(path, sizeof(path), "%s/%s.db", dir, code);
    unlink(path);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof(msg)) != INV_OK)
        die("open", msg);
    int64_t now = (int64_t)time(NULL);
    int64_t emitted = 0;
    if (inv_sync_init(db, code, "d1", now, &emitted) != INV_OK)
        die("init", inv_errmsg(db));
    import_or_die(db, INV_IMPORT_ITEMS, items, now);
    import_or_die(db, INV_IMPORT_BORROWERS, borrowers, now);
    import_or_die(db, INV_IMPORT_LOANS, loans, now);
    unlink(items);
    unlink(borrowers);
    unlink(loans);
    rmdir(sub);

    char out[400];
    snprintf(out, sizeof(out), "%s/%s.fig", dir, code);
    FILE *f = fopen(out, "w");
    if (f == NULL)
        die("write", out);
    for (int y = 0; y < n_years; y++) {
        InvFigures fig;
        if (inv_figures(db, first_year + y, 0, &fig) != INV_OK)
            die("figures", inv_errmsg(db));
        fprintf(f, "%d %lld %lld %lld %lld\n", first_year + y, (long long)fig.loans,
                (long long)fig.items_lent, (long long)fig.borrowers, (long long)fig.new_borrowers);
    }
    fclose(f);
    InvSyncStatus st;
    if (inv_sync_status(db, &st) != INV_OK)
        die("sync status", inv_errmsg(db));
    snprintf(out, sizeof(out), "%s/%s.seq", dir, code);
    f = fopen(out, "w");
    if (f == NULL)
        die("write", out);
    fprintf(f, "%lld\n", (long long)st.last_seq);
    fclose(f);
    inv_close(db);
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    int centres = 260;
    int n_years = 5;
    int part = 0;
    int parts = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--centres") == 0 && i + 1 < argc)
            centres = atoi(argv[++i]);
        else if (strcmp(argv[i], "--years") == 0 && i + 1 < argc)
            n_years = atoi(argv[++i]);
        else if (strcmp(argv[i], "--part") == 0 && i + 1 < argc)
            part = atoi(argv[++i]);
        else if (strcmp(argv[i], "--parts") == 0 && i + 1 < argc)
            parts = atoi(argv[++i]);
        else
            die("usage", "gen_national --dir DIR --centres N --years Y [--part K --parts P]");
    }
    if (dir == NULL || centres < 1 || centres > 999 || n_years < 1 || n_years > 64 || parts < 1 ||
        part < 0 || part >= parts)
        die("usage", "gen_national --dir DIR --centres 1..999 --years 1..64 [--part K --parts P]");
    setenv("TZ", "Europe/Oslo", 1);
    tzset();
    int this_year = inv_time_year((int64_t)time(NULL));
    int first_year = this_year - n_years; /* whole years only, the last one ended */
    double t0 = now_s();
    int done = 0;
    for (int k = 1; k <= centres; k++) {
        if ((k - 1) % parts != part)
            continue;
        centre(dir, k, n_years, first_year);
        if (++done % 10 == 0)
            fprintf(stderr, "  gen_national part %d: %d centres (%.0f s)\n", part, done,
                    now_s() - t0);
    }
    return 0;
}
