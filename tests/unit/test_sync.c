/* Sync, the device side (issue 14): identity, the outbox the generated triggers fill, the
 * history init sends once, the acknowledgement, personal columns, the erasure scrub; then
 * (test_sync_apply.c) applying other devices' events. Real SQLite files in a temporary folder;
 * the events pass between handles through the API, no server. */
#include "check.h"
#include "inv_int.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

static int64_t T0; /* 2024-03-01 12:00 Oslo */

static int64_t lend(InvDb *db, int64_t who, const char *code, int64_t t)
{
    const char *list[1] = {code};
    InvCheckout co = {.borrower_id = who, .barcodes = list, .n_barcodes = 1, .now = t};
    int64_t id = 0;
    CHECK_EQ(inv_checkout(db, &co, &id), INV_OK);
    return id;
}

static void give_back(InvDb *db, const char *code, int64_t t)
{
    InvReturn r = {.barcode = code, .now = t};
    InvReturned out;
    CHECK_EQ(inv_return(db, &r, &out), INV_OK);
}

/* A store with items S-1..S-3 and borrower 1001 (Kari Nordmann), no identity. */
static InvDb *store(const char *name, int64_t *who)
{
    InvDb *db = stf_open_new(name);
    stf_add_item(db, "S-1", "Ski", T0 - 60 * DAY);
    stf_add_item(db, "S-2", "Ski", T0 - 60 * DAY);
    stf_add_item(db, "S-3", "Telt", T0 - 60 * DAY);
    *who = stf_add_borrower(db, "1001", "Kari Nordmann", T0 - 30 * DAY);
    return db;
}

/* The migration made step 5: user_version 5, one sync_self row without identity, triggers. */
static void test_schema(void)
{
    int64_t who = 0;
    InvDb *db = store("schema.db", &who);
    CHECK_EQ(stf_count(db, "PRAGMA user_version"), 5);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_self WHERE device IS NULL"), 1);
    /* no triggers until the identity is given */
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB"
                           " 'sync_*'"),
             0);
    InvSyncIdentity id;
    CHECK_EQ(inv_sync_identity(db, &id), INV_E_NOT_FOUND);
    CHECK(strstr(inv_errmsg(db), "no sync identity") != NULL);
    /* an unsynced kiosk pays nothing: its writes leave no outbox rows */
    int64_t loan = lend(db, who, "S-1", T0);
    CHECK(loan > 0);
    give_back(db, "S-1", T0 + 3600);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev"), 0);
    InvSyncStatus s;
    CHECK_EQ(inv_sync_status(db, &s), INV_OK);
    CHECK(!s.initialised);
    CHECK_EQ(s.waiting, 0);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* init sets the identity once and sends the history once; a different identity is refused;
 * names are checked. */
static void test_init(void)
{
    int64_t who = 0;
    InvDb *db = store("init.db", &who);
    lend(db, who, "S-1", T0);
    give_back(db, "S-1", T0 + 3600);
    lend(db, who, "S-2", T0 + 7200);
    int64_t n = -1;
    CHECK_EQ(inv_sync_init(db, "Hamar", "kasse-1", T0, &n), INV_E_INVALID);
    CHECK(strstr(inv_errmsg(db), "invalid centre code 'Hamar'") != NULL);
    CHECK_EQ(inv_sync_init(db, "hamar", "", T0, &n), INV_E_INVALID);
    CHECK_EQ(inv_sync_init(db, "hamar", "k/1", T0, &n), INV_E_INVALID);
    CHECK_EQ(inv_sync_init(db, "hamar", "abcdefghijabcdefghijabcdefghijabc", T0, &n),
             INV_E_INVALID);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev"), 0);
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-1", T0, &n), INV_OK);
    /* 2 categories, 3 items, 1 borrower, 2 loans, 2 lines */
    CHECK_EQ(n, 10);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev"), 10);
    CHECK_EQ(stf_count(db, "SELECT max(seq) FROM sync_ev"), 10);
    /* insert, update and delete of each of the 19 tables, and the item's status */
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB"
                           " 'sync_*'"),
             3 * 19 + 1);
    /* parents first: categories, then items, then the borrower, then loans, then lines */
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE tbl = 'category' AND seq <= 2"), 2);
    CHECK_EQ(stf_count(db, "SELECT max(seq) FROM sync_ev WHERE tbl = 'loan'") <
                 stf_count(db, "SELECT min(seq) FROM sync_ev WHERE tbl = 'loan_line'"),
             1);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE gid = 'kasse-1:1' AND tbl = 'loan'"
                           " AND json_extract(data, '$.borrower_id') = 'kasse-1:1'"),
             1);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE gid = 'kasse-1:2/1'"
                           " AND json_extract(data, '$.item_id') = 'kasse-1:2'"),
             1);
    /* centre_id is left out; the item's ever-lent mark stays on the device */
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE json_type(data, '$.centre_id')"
                           " IS NOT NULL OR json_type(data, '$.ever_lent') IS NOT NULL"),
             0);
    /* the same again: nothing sent twice */
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-1", T0, &n), INV_OK);
    CHECK_EQ(n, 0);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev"), 10);
    /* another identity: refused, naming the one it has */
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-2", T0, &n), INV_E_EXISTS);
    CHECK_STREQ(inv_errmsg(db), "this database is device kasse-1 of centre hamar");
    CHECK_EQ(inv_sync_init(db, "oslo", "kasse-1", T0, &n), INV_E_EXISTS);
    InvSyncIdentity id;
    CHECK_EQ(inv_sync_identity(db, &id), INV_OK);
    CHECK_STREQ(id.centre, "hamar");
    CHECK_STREQ(id.device, "kasse-1");
    inv_close(db);
}

/* After init: one outbox row per changed row, in the writing transaction; none for an item's
 * status that its loan line implies; a refused write leaves none. */
static void test_outbox(void)
{
    int64_t who = 0;
    InvDb *db = store("outbox.db", &who);
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-1", T0, NULL), INV_OK);
    int64_t base = stf_count(db, "SELECT max(seq) FROM sync_ev");
    lend(db, who, "S-1", T0);
    /* the loan and its line; not the item's status */
    CHECK_EQ(stf_count(db, "SELECT max(seq) FROM sync_ev") - base, 2);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE seq > 6 AND tbl = 'item'"), 0);
    /* the line's image leaves out its NULL columns and those at their default (the receivers
     * read them back as such) but keeps what the server reads */
    CHECK_EQ(stf_count(db,
                       "SELECT count(*) FROM sync_ev WHERE tbl = 'loan_line'"
                       " AND json_type(data, '$.returned_at') IS NULL"
                       " AND json_type(data, '$.damaged') IS NULL"
                       " AND json_type(data, '$.renewals') IS NULL"
                       " AND json_extract(data, '$.seq') = 1 AND json_extract(data, '$.due_at') > 0"
                       " AND json_extract(data, '$.item_id') LIKE 'kasse-1:%'"),
             1);
    /* a refused checkout (S-1 is on loan) writes nothing */
    const char *list[1] = {"S-1"};
    InvCheckout co = {.borrower_id = who, .barcodes = list, .n_barcodes = 1, .now = T0 + 60};
    int64_t loan = 0;
    CHECK_EQ(inv_checkout(db, &co, &loan), INV_E_ITEM_ON_LOAN);
    CHECK_EQ(stf_count(db, "SELECT max(seq) FROM sync_ev") - base, 2);
    give_back(db, "S-1", T0 + 3600);
    CHECK_EQ(stf_count(db, "SELECT max(seq) FROM sync_ev") - base, 3);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE seq = (SELECT max(seq) FROM"
                           " sync_ev) AND tbl = 'loan_line' AND json_extract(data,"
                           " '$.returned_at') IS NOT NULL"),
             1);
    /* a status change the loan lines do not imply is sent */
    CHECK_EQ(inv_item_set_status(db, "S-2", INV_ITEM_IN_REPAIR, "bent", 0, T0 + 7200), INV_OK);
    CHECK(stf_count(db, "SELECT count(*) FROM sync_ev WHERE tbl = 'item' AND json_extract(data,"
                        " '$.status') = 2") == 1);
    CHECK(stf_count(db, "SELECT count(*) FROM sync_ev WHERE tbl = 'item_event'") >= 1);

    /* read back through the API, oldest first, in pages */
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_outbox(db, 0, 4, &ev, &n), INV_OK);
    CHECK_EQ(n, 4);
    CHECK_EQ(ev[0].seq, 1);
    CHECK_EQ(ev[3].seq, 4);
    CHECK_STREQ(ev[0].device, "kasse-1");
    CHECK_STREQ(ev[0].tbl, "category");
    CHECK(!ev[0].del);
    CHECK(strstr(ev[0].data, "\"name\":\"Ski\"") != NULL);
    inv_sync_events_free(ev, n);
    int64_t last = stf_count(db, "SELECT max(seq) FROM sync_ev");
    CHECK_EQ(inv_sync_outbox(db, last, 100, &ev, &n), INV_OK);
    CHECK_EQ(n, 0);
    inv_sync_events_free(ev, n);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* pending, acked, failed and the status: the server's acknowledgement drops the rows sent but
 * the newest, so seq stays gapless; a failed round is recorded until the next success. */
static void test_acked(void)
{
    int64_t who = 0;
    InvDb *db = store("acked.db", &who);
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-1", T0, NULL), INV_OK);
    int64_t waiting = 0;
    CHECK_EQ(inv_sync_pending(db, &waiting), INV_OK);
    CHECK_EQ(waiting, 6);
    CHECK_EQ(inv_sync_failed(db, "could not connect to server", T0 + 10), INV_OK);
    InvSyncStatus s;
    CHECK_EQ(inv_sync_status(db, &s), INV_OK);
    CHECK(s.initialised);
    CHECK_STREQ(s.id.device, "kasse-1");
    CHECK_EQ(s.last_seq, 6);
    CHECK_EQ(s.pushed, 0);
    CHECK_EQ(s.waiting, 6);
    CHECK_EQ(s.error_at, T0 + 10);
    CHECK_STREQ(s.error, "could not connect to server");
    CHECK_EQ(s.ok_at, 0);
    CHECK_EQ(inv_sync_acked(db, 7, T0 + 20), INV_E_INVALID);
    CHECK_EQ(inv_sync_acked(db, 6, T0 + 20), INV_OK);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev"), 1);
    CHECK_EQ(stf_count(db, "SELECT seq FROM sync_ev"), 6);
    CHECK_EQ(inv_sync_status(db, &s), INV_OK);
    CHECK_EQ(s.pushed, 6);
    CHECK_EQ(s.waiting, 0);
    CHECK_EQ(s.ok_at, T0 + 20);
    CHECK_EQ(s.error_at, 0);
    CHECK_STREQ(s.error, "");
    lend(db, who, "S-3", T0 + 30);
    CHECK_EQ(stf_count(db, "SELECT min(seq) FROM sync_ev WHERE seq > 6"), 7); /* gapless */
    CHECK_EQ(inv_sync_pending(db, &waiting), INV_OK);
    CHECK_EQ(waiting, 2);
    /* an older acknowledgement does not move pushed back */
    CHECK_EQ(inv_sync_acked(db, 3, T0 + 40), INV_OK);
    CHECK_EQ(inv_sync_status(db, &s), INV_OK);
    CHECK_EQ(s.pushed, 6);
    InvSyncMark *m = NULL;
    size_t nm = 5;
    CHECK_EQ(inv_sync_marks(db, &m, &nm), INV_OK);
    CHECK_EQ(nm, 0);
    free(m);
    inv_close(db);
}

static void test_personal(void)
{
    CHECK(inv_sync_personal("borrower", "name"));
    CHECK(inv_sync_personal("borrower", "card"));
    CHECK(inv_sync_personal("borrower", "phone"));
    CHECK(inv_sync_personal("borrower", "email"));
    CHECK(inv_sync_personal("staff", "pin_hash"));
    CHECK(inv_sync_personal("staff", "name"));
    CHECK(inv_sync_personal("job", "customer"));
    CHECK(!inv_sync_personal("borrower", "birth_year"));
    CHECK(!inv_sync_personal("borrower", "municipality"));
    CHECK(!inv_sync_personal("item", "name"));
    CHECK(!inv_sync_personal("access_log", "what"));
    CHECK(!inv_sync_personal(NULL, "name"));
}

/* Erasing a borrower removes their personal columns from the outbox rows still kept (unsent,
 * and the newest sent one), and no byte of the name stays in the file. */
static void test_erase_scrub(void)
{
    int64_t who = 0;
    InvDb *db = store("erase.db", &who);
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-1", T0, NULL), INV_OK);
    stf_add_borrower(db, "2002", "Zacharias Unikesen", T0 + 10);
    lend(db, who, "S-1", T0 + 20);
    give_back(db, "S-1", T0 + 30);
    CHECK(stf_count(db, "SELECT count(*) FROM sync_ev WHERE data LIKE '%Zacharias%'") >= 1);
    InvErased er;
    CHECK_EQ(inv_borrower_erase(db, "2002", 0, T0 + 40, &er), INV_OK);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE data LIKE '%Zacharias%' OR data"
                           " LIKE '%2002%'"),
             0);
    /* the other borrower's rows are untouched */
    CHECK(stf_count(db, "SELECT count(*) FROM sync_ev WHERE data LIKE '%Kari Nordmann%'") >= 1);
    inv_close(db);
    char path[512];
    stf_path(path, sizeof path, "erase.db");
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    static char buf[1 << 20];
    size_t got = fread(buf, 1, sizeof buf, f);
    fclose(f);
    for (size_t i = 0; i + 9 <= got; i++)
        CHECK(memcmp(buf + i, "Zacharias", 9) != 0);
}

/* A row image is the same text whichever way the trigger builds it: json_object of the columns
 * always sent when every optional one is NULL or at its default (a checkout's loan and lines),
 * else json_patch of them all. Each loan's and line's newest image is checked against the
 * general form of its row as stored, for rows of both kinds (a line returned damaged with a
 * note that needs escaping, and one still out). */
static void test_images(void)
{
    int64_t who = 0;
    InvDb *db = store("images.db", &who);
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-1", T0, NULL), INV_OK);
    const char *list[2] = {"S-1", "S-2"};
    InvCheckout co = {.borrower_id = who, .barcodes = list, .n_barcodes = 2, .now = T0};
    int64_t loan = 0;
    CHECK_EQ(inv_checkout(db, &co, &loan), INV_OK);
    give_back(db, "S-1", T0 + 3600);
    CHECK_EQ(inv_return_damaged(db, "S-1", "b\u00f8yd \"stang\" \\ 2", 0, T0 + 3700), INV_OK);
    const char *newest = "SELECT count(*) FROM sync_ev o WHERE o.seq = (SELECT max(seq) FROM"
                         " sync_ev WHERE tbl = o.tbl AND gid = o.gid) AND ";
    char sql[2048];
    snprintf(sql, sizeof sql,
             "%s o.tbl = 'loan_line' AND o.data = (SELECT json_patch('{}', json_object('loan_id',"
             " 'kasse-1:' || l.loan_id, 'seq', l.seq, 'item_id', 'kasse-1:' || l.item_id,"
             " 'due_at', l.due_at, 'returned_at', l.returned_at, 'return_staff_id', CASE WHEN"
             " l.return_staff_id IS NOT NULL THEN 'kasse-1:' || l.return_staff_id END, 'damaged',"
             " nullif(l.damaged, 0), 'return_note', nullif(l.return_note, ''), 'renewals',"
             " nullif(l.renewals, 0), 'lost_at', l.lost_at)) FROM loan_line l WHERE 'kasse-1:'"
             " || l.loan_id || '/' || l.seq = o.gid)",
             newest);
    CHECK_EQ(stf_count(db, sql), 2);
    /* one of each kind: the returned line's image has its note, escaped; the other has none */
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM sync_ev WHERE tbl = 'loan_line' AND gid ="
                           " 'kasse-1:1/1' AND json_extract(data, '$.return_note') ="
                           " 'b\u00f8yd \"stang\" \\ 2' AND json_extract(data, '$.damaged') = 1"),
             1);
    CHECK_EQ(stf_count(db,
                       "SELECT count(*) FROM sync_ev WHERE tbl = 'loan_line' AND gid ="
                       " 'kasse-1:1/2' AND data NOT LIKE '%return%' AND data NOT LIKE '%null%'"),
             1);
    snprintf(sql, sizeof sql,
             "%s o.tbl = 'loan' AND o.data = (SELECT json_patch('{}', json_object('borrower_id',"
             " 'kasse-1:' || l.borrower_id, 'staff_id', CASE WHEN l.staff_id IS NOT NULL THEN"
             " 'kasse-1:' || l.staff_id END, 'checked_out_at', l.checked_out_at, 'ref', l.ref))"
             " FROM loan l WHERE 'kasse-1:' || l.id = o.gid)",
             newest);
    CHECK_EQ(stf_count(db, sql), 1);
    CHECK_EQ(loan, 1);
    inv_close(db);
}

int main(void)
{
    stf_begin("sync");
    T0 = stf_zone_time("2024-03-01T12:00");
    RUN(test_schema);
    RUN(test_init);
    RUN(test_outbox);
    RUN(test_acked);
    RUN(test_personal);
    RUN(test_erase_scrub);
    RUN(test_images);
    stf_end();
    return 0;
}
