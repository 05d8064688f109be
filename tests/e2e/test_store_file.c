/* The store's file on disk: a file deleted or replaced under an open handle refuses every write
 * (INV_E_MOVED) and nothing lands anywhere; only bua-kiosk databases open (application id in
 * the header), anything else is refused untouched; restore copies a checked backup into the
 * live file and is refused while a handle has the file open. Real files in a temporary folder;
 * the sqlite3 program reads and makes files the way another program would. */
#include "check.h"
#include "inventory.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[256];

static void path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static long sql_count(const char *path, const char *query)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\"", path, query);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    char buf[64] = "";
    CHECK(fgets(buf, sizeof(buf), p) != NULL);
    CHECK_EQ(pclose(p), 0);
    return strtol(buf, NULL, 10);
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs a shell command (printf-style), which must succeed. */
static void sh(const char *fmt, ...)
{
    char cmd[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    CHECK_EQ(system(cmd), 0);
}

/* The application id as stored in the header (bytes 68..71, big-endian). */
static uint32_t header_app_id(const char *path)
{
    unsigned char head[72];
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    CHECK_EQ(fread(head, 1, sizeof(head), f), sizeof(head));
    fclose(f);
    return (uint32_t)head[68] << 24 | (uint32_t)head[69] << 16 | (uint32_t)head[70] << 8 |
           (uint32_t)head[71];
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* A new centre at dir/name with `n_items` items I-0.. and one borrower B-1. */
static InvDb *make_centre(const char *name, int n_items)
{
    char path[512];
    path_in(path, sizeof(path), name);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_OK);
    for (int i = 0; i < n_items; i++) {
        InvItem it;
        memset(&it, 0, sizeof(it));
        snprintf(it.barcode, sizeof(it.barcode), "I-%d", i);
        snprintf(it.name, sizeof(it.name), "Item %d", i);
        snprintf(it.category, sizeof(it.category), "Ski");
        CHECK_EQ(inv_item_add(db, &it, 1700000000, NULL), INV_OK);
    }
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "B-1");
    snprintf(b.name, sizeof(b.name), "Borrower");
    CHECK_EQ(inv_borrower_add(db, &b, 1700000000, NULL), INV_OK);
    return db;
}

static InvDb *reopen(const char *path)
{
    InvOpenOptions o = {.path = path};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_OK);
    return db;
}

static int checkout(InvDb *db, const char *code)
{
    const char *codes[] = {code};
    InvCheckout co = {.borrower_id = 1, .barcodes = codes, .n_barcodes = 1, .now = 1735689600};
    int64_t loan = 0;
    return inv_checkout(db, &co, &loan);
}

static void test_deleted_under_handle(void)
{
    char path[512];
    char keep[512];
    path_in(path, sizeof(path), "deleted.db");
    path_in(keep, sizeof(keep), "deleted.keep");
    InvDb *db = make_centre("deleted.db", 3);
    CHECK_EQ(checkout(db, "I-0"), INV_OK);
    /* closing checkpoints the loan into the file itself (not only its -wal) */
    inv_close(db);
    db = reopen(path);
    /* a second name keeps the opened file readable after `rm` of the first */
    CHECK_EQ(link(path, keep), 0);
    CHECK_EQ(unlink(path), 0);
    CHECK_EQ(checkout(db, "I-1"), INV_E_MOVED);
    CHECK(strstr(inv_errmsg(db), path) != NULL);
    CHECK(strstr(inv_errmsg(db), "moved or deleted") != NULL);
    InvReturn r = {.barcode = "I-0", .now = 1735689700};
    CHECK_EQ(inv_return(db, &r, NULL), INV_E_MOVED);
    inv_close(db);
    CHECK(!exists(path));
    CHECK_EQ(sql_count(keep, "SELECT count(*) FROM loan"), 1);
    CHECK_EQ(sql_count(keep, "SELECT count(*) FROM loan_line WHERE returned_at IS NULL"), 1);
}

static void test_replaced_under_handle(void)
{
    char path[512];
    char keep[512];
    char other[512];
    path_in(path, sizeof(path), "replaced.db");
    path_in(keep, sizeof(keep), "replaced.keep");
    path_in(other, sizeof(other), "other.db");
    inv_close(make_centre("replaced.db", 3));
    InvDb *db = reopen(path);
    inv_close(make_centre("other.db", 3));
    CHECK_EQ(link(path, keep), 0);
    CHECK_EQ(rename(other, path), 0); /* mv other.db replaced.db */
    CHECK_EQ(checkout(db, "I-1"), INV_E_MOVED);
    inv_close(db);
    CHECK_EQ(sql_count(keep, "SELECT count(*) FROM loan"), 0);
    CHECK_EQ(sql_count(path, "SELECT count(*) FROM loan"), 0);
    InvOpenOptions o = {.path = path};
    char msg[INV_MSG_MAX];
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_OK);
    CHECK_EQ(inv_check(db), INV_OK);
    CHECK_EQ(checkout(db, "I-1"), INV_OK); /* a handle opened on the new file writes to it */
    inv_close(db);
}

static void test_application_id(void)
{
    char path[512];
    char msg[INV_MSG_MAX];
    InvDb *db = make_centre("id.db", 0);
    inv_close(db);
    path_in(path, sizeof(path), "id.db");
    CHECK_EQ(header_app_id(path), INV_APPLICATION_ID);
    CHECK_EQ(INV_APPLICATION_ID, 0x42554131);

    /* an empty file: refused, left empty, no -wal or -shm beside it */
    path_in(path, sizeof(path), "empty.db");
    sh("touch '%s' && chmod 0644 '%s'", path, path);
    InvOpenOptions o = {.path = path};
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_E_FOREIGN);
    CHECK(strstr(msg, path) != NULL);
    CHECK(strstr(msg, "is not a bua-kiosk database") != NULL);
    struct stat sb;
    CHECK_EQ(stat(path, &sb), 0);
    CHECK_EQ(sb.st_size, 0);
    CHECK_EQ(sb.st_mode & 0777, 0644);
    char side[600];
    snprintf(side, sizeof(side), "%s-wal", path);
    CHECK(!exists(side));
    snprintf(side, sizeof(side), "%s-shm", path);
    CHECK(!exists(side));

    /* another program's SQLite databases, with and without an application id: unchanged */
    const char *const foreign[] = {"CREATE TABLE t(x); INSERT INTO t VALUES (1);"
                                   " PRAGMA application_id=7;",
                                   "CREATE TABLE item(x); PRAGMA user_version=1;"};
    for (size_t i = 0; i < 2; i++) {
        char copy[600];
        path_in(path, sizeof(path), i == 0 ? "foreign.db" : "foreign0.db");
        snprintf(copy, sizeof(copy), "%s.orig", path);
        sh("sqlite3 '%s' '%s'", path, foreign[i]);
        sh("cp -p '%s' '%s'", path, copy);
        o.path = path;
        CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_E_FOREIGN);
        CHECK(strstr(msg, path) != NULL);
        CHECK(strstr(msg, "is not a bua-kiosk database") != NULL);
        sh("cmp -s '%s' '%s'", path, copy);
        CHECK_EQ(sql_count(path, "SELECT count(*) FROM sqlite_master"), 1);
        /* with create, too: only an empty or missing file becomes a centre */
        o.create = true;
        CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_E_FOREIGN);
        sh("cmp -s '%s' '%s'", path, copy);
        o.create = false;
    }

    /* a bua database made before the id existed is adopted */
    path_in(path, sizeof(path), "old.db");
    inv_close(make_centre("old.db", 1));
    sh("sqlite3 '%s' 'PRAGMA application_id=0'", path);
    CHECK_EQ(header_app_id(path), 0);
    o.path = path;
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_OK);
    InvItem it;
    CHECK_EQ(inv_item_get(db, "I-0", &it), INV_OK);
    inv_close(db);
    CHECK_EQ(header_app_id(path), INV_APPLICATION_ID);
}

static void test_restore(void)
{
    char path[512];
    char bak[512];
    char msg[INV_MSG_MAX];
    path_in(path, sizeof(path), "live.db");
    path_in(bak, sizeof(bak), "live.bak");
    InvDb *db = make_centre("live.db", 2);
    CHECK_EQ(inv_backup(db, bak), INV_OK);
    CHECK_EQ(checkout(db, "I-0"), INV_OK);

    /* refused while a handle has the file open; nothing changes */
    CHECK_EQ(inv_restore(path, bak, false, msg, sizeof(msg)), INV_E_BUSY);
    CHECK(strstr(msg, path) != NULL);
    CHECK(strstr(msg, "--force") != NULL);
    CHECK_EQ(sql_count(path, "SELECT count(*) FROM loan"), 1);
    /* --force, from another process as bua-admin would: the open handle sees the restored
     * file at its next transaction */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(inv_restore(path, bak, true, msg, sizeof(msg)) == INV_OK ? 0 : 1);
    int status = -1;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(sql_count(path, "SELECT count(*) FROM loan"), 0);
    CHECK_EQ(checkout(db, "I-1"), INV_OK);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
    CHECK_EQ(sql_count(path, "SELECT count(*) FROM loan"), 1);

    /* closed: restored without --force */
    CHECK_EQ(inv_restore(path, bak, false, msg, sizeof(msg)), INV_OK);
    CHECK_EQ(sql_count(path, "SELECT count(*) FROM loan"), 0);
    InvOpenOptions o = {.path = path};
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_OK);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);

    /* a backup that is no bua database, or damaged: refused, the live file unchanged */
    char live_copy[600];
    snprintf(live_copy, sizeof(live_copy), "%s.orig", path);
    sh("cp -p '%s' '%s'", path, live_copy);
    char bad[512];
    path_in(bad, sizeof(bad), "foreign.bak");
    sh("sqlite3 '%s' 'CREATE TABLE t(x)'", bad);
    CHECK_EQ(inv_restore(path, bad, false, msg, sizeof(msg)), INV_E_FOREIGN);
    CHECK(strstr(msg, bad) != NULL);
    path_in(bad, sizeof(bad), "text.bak");
    sh("echo hello > '%s'", bad);
    CHECK_EQ(inv_restore(path, bad, false, msg, sizeof(msg)), INV_E_FOREIGN);
    path_in(bad, sizeof(bad), "missing.bak");
    CHECK_EQ(inv_restore(path, bad, false, msg, sizeof(msg)), INV_E_NOT_FOUND);
    path_in(bad, sizeof(bad), "damaged.bak");
    sh("cp '%s' '%s'", bak, bad);
    /* overwrite the second half of every page after the first: the index and tables break */
    sh("size=$(stat -c %%s '%s'); p=4096; while [ $p -lt $size ]; do"
       " printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' | dd of='%s' bs=1 seek=$((p + 2000))"
       " conv=notrunc status=none; p=$((p + 4096)); done",
       bak, bad);
    int err = inv_restore(path, bad, false, msg, sizeof(msg));
    CHECK(err == INV_E_CORRUPT);
    CHECK(strstr(msg, bad) != NULL);
    sh("cmp -s '%s' '%s'", path, live_copy);

    /* into a file that is no bua-kiosk database (a wrong --db): refused unless forced */
    char wrong[512];
    char wrong_copy[600];
    path_in(wrong, sizeof(wrong), "wrong.db");
    snprintf(wrong_copy, sizeof(wrong_copy), "%s.orig", wrong);
    sh("sqlite3 '%s' 'CREATE TABLE t(x); PRAGMA application_id=9' && cp -p '%s' '%s.orig'", wrong,
       wrong, wrong);
    CHECK_EQ(inv_restore(wrong, bak, false, msg, sizeof(msg)), INV_E_FOREIGN);
    CHECK(strstr(msg, "--force") != NULL);
    sh("cmp -s '%s' '%s'", wrong, wrong_copy);
    CHECK_EQ(inv_restore(wrong, bak, true, msg, sizeof(msg)), INV_OK);
    CHECK_EQ(header_app_id(wrong), INV_APPLICATION_ID);
    /* into a missing file: made */
    path_in(wrong, sizeof(wrong), "new.db");
    CHECK_EQ(inv_restore(wrong, bak, false, msg, sizeof(msg)), INV_OK);
    InvOpenOptions n = {.path = wrong};
    CHECK_EQ(inv_open(&n, &db, msg, sizeof(msg)), INV_OK);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

int main(void)
{
    setenv("TZ", "Europe/Oslo", 1);
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/bua-file-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    test_deleted_under_handle();
    test_replaced_under_handle();
    test_application_id();
    test_restore();
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    CHECK_EQ(system(cmd), 0);
    return 0;
}
