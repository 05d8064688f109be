/* The setup the store unit tests share: see store_fixture.h. */
#include "store_fixture.h"

#include "check.h"
#include "inv_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char stf_dir[256];

void stf_begin(const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(stf_dir, sizeof(stf_dir), "%s/bua-%s-XXXXXX", tmp && tmp[0] ? tmp : "/tmp", name);
    CHECK(mkdtemp(stf_dir) != NULL);
    setenv("TZ", "Europe/Oslo", 1);
}

void stf_end(void)
{
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", stf_dir);
    CHECK_EQ(system(cmd), 0);
}

void stf_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", stf_dir, name);
}

InvDb *stf_open(const InvOpenOptions *o)
{
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    int err = inv_open(o, &db, msg, sizeof(msg));
    if (err != INV_OK)
        fprintf(stderr, "open: %s\n", msg);
    CHECK_EQ(err, INV_OK);
    return db;
}

InvDb *stf_open_new(const char *name)
{
    char path[512];
    stf_path(path, sizeof(path), name);
    unlink(path);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    return stf_open(&o);
}

int64_t stf_count(InvDb *db, const char *sql)
{
    if (strstr(sql, "sync_ev") != NULL) /* the outbox as events: a checkout's row expanded */
        CHECK_EQ(sqlite3_exec(db->sql, "CREATE TEMP VIEW IF NOT EXISTS sync_ev AS " INV_SYNC_EVENTS,
                              NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

int64_t stf_add_borrower(InvDb *db, const char *card, const char *name, int64_t at)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "%s", name);
    b.consent = true;
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, at, &id), INV_OK);
    return id;
}

void stf_add_item(InvDb *db, const char *code, const char *cat, int64_t at)
{
    InvItem it;
    memset(&it, 0, sizeof(it));
    snprintf(it.barcode, sizeof(it.barcode), "%s", code);
    snprintf(it.name, sizeof(it.name), "Ting %s", code);
    snprintf(it.category, sizeof(it.category), "%s", cat);
    CHECK_EQ(inv_item_add(db, &it, at, NULL), INV_OK);
}

int64_t stf_at(const char *text)
{
    int64_t t = 0;
    CHECK(inv_time_parse(text, &t));
    return t;
}

int64_t stf_zone_time(const char *text)
{
    InvDb *db = stf_open_new("zone.db");
    int64_t t = stf_at(text);
    inv_close(db);
    return t;
}
