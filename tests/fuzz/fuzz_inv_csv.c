/* libFuzzer target: the CSV import of items (the whole reader: delimiter detection, BOM, line
 * ends, quoting, the fast path and libcsv, row checks). Each input is written to a file and
 * imported into one database; an import either succeeds or is refused with its problems, and the
 * database stays consistent (inv_check) either way. The database lives in /dev/shm when there is
 * one, so the durable commits are cheap, and is removed at exit. */
#include "inventory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static InvDb *db;
static char csv[256];
static int runs;

static char db_path[256];

/* libFuzzer ends with exit(): the database and the input file go with the process. */
static void cleanup(void)
{
    char side[300];
    inv_close(db);
    unlink(db_path);
    snprintf(side, sizeof(side), "%s-wal", db_path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", db_path);
    unlink(side);
    unlink(csv);
}

static void setup(void)
{
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    char *path = db_path;
    snprintf(path, sizeof(db_path), "%s/bua-fuzz-csv-%ld.db", dir, (long)getpid());
    snprintf(csv, sizeof(csv), "%s/bua-fuzz-csv-%ld.csv", dir, (long)getpid());
    unlink(path);
    setenv("TZ", "Europe/Oslo", 1);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    if (inv_open(&o, &db, NULL, 0) != INV_OK)
        abort();
    atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (db == NULL)
        setup();
    FILE *f = fopen(csv, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    static InvImportResult res;
    int err = inv_import_csv(db, INV_IMPORT_ITEMS, csv, 1735689600, NULL, NULL, &res);
    if (err == INV_E_IMPORT && res.n_problems == 0)
        abort(); /* a refusal lists why */
    if (err == INV_OK && res.n_problems != 0)
        abort();
    for (size_t i = 0; i < res.n_problems && i < INV_IMPORT_PROBLEMS_MAX; i++)
        if (strncmp(res.problems[i], csv, strlen(csv)) != 0)
            abort(); /* every problem names the file */
    if (++runs % 256 == 0 && inv_check(db) != INV_OK)
        abort();
    return 0;
}
