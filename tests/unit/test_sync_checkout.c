/* Sync, the checkout's own outbox rows (issue 14, the checkout's cost): a checkout writes its
 * loan's and lines' row images itself (inv__sync_checkout) while their INSERT triggers keep
 * quiet. The rows are the loan then its lines in seq order, gapless, once each, and each is the
 * same text, byte for byte, as the triggers make of the same row -- for local rows, rows that
 * came from another device (their gids from sync_map), a loan with a staff member (the image's
 * other form), and a gid that JSON must escape (the generated statement then writes them). Every
 * other writer of loans keeps its triggers; a database synced with the earlier triggers gets the
 * new ones when opened; a connection without bua_sync_quiet() cannot insert a loan. Real SQLite
 * files in a temporary folder. */
#include "check.h"
#include "inv_int.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

static int64_t T0; /* 2024-03-01 12:00 Oslo */

/* The first column of the first row of SQL made as printf would. */
static int64_t count(InvDb *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Runs SQL made as printf would on the store's own connection. */
static void exec(InvDb *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int64_t count(InvDb *db, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    return stf_count(db, sql);
}

static void exec(InvDb *db, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    char *msg = NULL;
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg != NULL ? msg : "?");
    sqlite3_free(msg);
    CHECK_EQ(rc, SQLITE_OK);
}

static int64_t last_seq(InvDb *db)
{
    return count(db, "SELECT coalesce(max(seq), 0) FROM sync_ev");
}

/* Everything `from` has sent applied on `to`. */
static void pass(InvDb *from, InvDb *to, int64_t now)
{
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_outbox(from, 0, 1000000, &ev, &n), INV_OK);
    InvSyncApplied r;
    CHECK_EQ(inv_sync_apply(to, ev, n, now, &r), INV_OK);
    inv_sync_events_free(ev, n);
}

/* Lends `codes` as one loan and checks its outbox rows: the loan, then its n lines in seq order,
 * right after the rows before it; then has the UPDATE triggers write the images of the same rows
 * (a change to nothing) and compares them byte for byte. Returns the loan's id. */
static int64_t lend_and_compare(InvDb *db, int64_t who, int64_t staff, const char *const *codes,
                                size_t n, int64_t t)
{
    int64_t before = last_seq(db);
    InvCheckout co = {
        .borrower_id = who, .staff_id = staff, .barcodes = codes, .n_barcodes = n, .now = t};
    int64_t loan = 0;
    CHECK_EQ(inv_checkout(db, &co, &loan), INV_OK);
    int64_t first = before + 1;
    CHECK_EQ(last_seq(db), before + 1 + (int64_t)n); /* once each, gapless */
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev WHERE seq = %lld AND tbl = 'loan' AND op ="
                   " 'put' AND gid = 'kasse-1:%lld'",
                   (long long)first, (long long)loan),
             1);
    for (size_t i = 1; i <= n; i++)
        CHECK_EQ(count(db,
                       "SELECT count(*) FROM sync_ev WHERE seq = %lld AND tbl = 'loan_line'"
                       " AND op = 'put' AND gid = 'kasse-1:%lld/%zu'",
                       (long long)(first + (int64_t)i), (long long)loan, i),
                 1);
    /* the triggers' images of the same rows, a row each */
    exec(db, "UPDATE loan SET checked_out_at = checked_out_at WHERE id = %lld", (long long)loan);
    exec(db, "UPDATE loan_line SET due_at = due_at WHERE loan_id = %lld", (long long)loan);
    CHECK_EQ(last_seq(db), before + 2 + 2 * (int64_t)n);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev a JOIN sync_ev b ON b.seq = a.seq + %zu"
                   " AND b.tbl = a.tbl AND b.op = a.op AND b.gid = a.gid AND b.data = a.data"
                   " WHERE a.seq BETWEEN %lld AND %lld",
                   n + 1, (long long)first, (long long)(first + (int64_t)n)),
             (int64_t)n + 1);
    /* and the very text bua-sync sends of the checkout's events is the triggers' text */
    InvSyncEvent *ev = NULL;
    size_t k = 0;
    CHECK_EQ(inv_sync_outbox(db, before, n + 1, &ev, &k), INV_OK);
    CHECK_EQ(k, n + 1);
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(db->sql,
                                "SELECT count(*) FROM sync_out WHERE seq = ?1 AND tbl = ?2 AND"
                                " op = 'put' AND gid = ?3 AND data = ?4",
                                -1, &st, NULL),
             SQLITE_OK);
    for (size_t i = 0; i < k; i++) {
        sqlite3_bind_int64(st, 1, ev[i].seq + (int64_t)n + 1);
        sqlite3_bind_text(st, 2, ev[i].tbl, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, ev[i].gid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, ev[i].data, -1, SQLITE_STATIC);
        CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
        CHECK_EQ(sqlite3_column_int(st, 0), 1);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    inv_sync_events_free(ev, k);
    return loan;
}

/* A store with items S-1..S-3, borrower 1001 and a staff member, device kasse-1 of hamar; the
 * items and borrower 2002 came from kasse-2, R-2 with a gid JSON must escape. */
static InvDb *two_devices(const char *name, int64_t *local, int64_t *remote, int64_t *staff)
{
    char a_name[64];
    char b_name[64];
    snprintf(a_name, sizeof a_name, "%s_a.db", name);
    snprintf(b_name, sizeof b_name, "%s_b.db", name);
    InvDb *a = stf_open_new(a_name);
    stf_add_item(a, "S-1", "Ski", T0 - 60 * DAY);
    stf_add_item(a, "S-2", "Ski", T0 - 60 * DAY);
    stf_add_item(a, "S-3", "Telt", T0 - 60 * DAY);
    *local = stf_add_borrower(a, "1001", "Kari Nordmann", T0 - 30 * DAY);
    InvStaff s = {.name = "Tor", .card = "T-1", .role = INV_ROLE_TRAINEE};
    CHECK_EQ(inv_staff_add(a, &s, "1234", staff), INV_OK);
    CHECK_EQ(inv_sync_init(a, "hamar", "kasse-1", T0 - 20 * DAY, NULL), INV_OK);

    InvDb *b = stf_open_new(b_name);
    stf_add_item(b, "R-1", "Ski", T0 - 50 * DAY);
    stf_add_borrower(b, "2002", "Ola \"Sk\\ater\"", T0 - 25 * DAY);
    CHECK_EQ(inv_sync_init(b, "hamar", "kasse-2", T0 - 20 * DAY, NULL), INV_OK);
    pass(b, a, T0 - 10 * DAY);
    /* R-1's event again with another barcode and a gid with a quote and a backslash */
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_outbox(b, 0, 1000, &ev, &n), INV_OK);
    size_t k = 0;
    while (k < n && strcmp(ev[k].tbl, "item") != 0)
        k++;
    CHECK(k < n);
    InvSyncEvent odd = ev[k];
    odd.seq = ev[n - 1].seq + 1;
    snprintf(odd.gid, sizeof odd.gid, "kasse-2:9\"\\9");
    char *r1 = strstr(odd.data, "\"R-1\"");
    CHECK(r1 != NULL);
    r1[3] = '2';
    InvSyncApplied r;
    CHECK_EQ(inv_sync_apply(a, &odd, 1, T0 - 10 * DAY, &r), INV_OK);
    CHECK_EQ(r.applied, 1);
    inv_sync_events_free(ev, n);
    inv_close(b);
    InvBorrower who;
    CHECK_EQ(inv_borrower_get(a, "2002", &who), INV_OK);
    *remote = who.id;
    CHECK_EQ(count(a, "SELECT count(*) FROM sync_map WHERE tbl = 'item' AND gid LIKE '%%\"%%'"), 1);
    return a;
}

/* The checkout's rows are the triggers' rows, for every kind of row it writes. */
static void test_checkout_images(void)
{
    int64_t local = 0;
    int64_t remote = 0;
    int64_t staff = 0;
    InvDb *db = two_devices("images", &local, &remote, &staff);
    /* local rows: the image's common form, written in C */
    const char *two[] = {"S-1", "S-2"};
    int64_t loan = lend_and_compare(db, local, 0, two, 2, T0);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev WHERE tbl = 'loan' AND gid ="
                   " 'kasse-1:%lld' AND data = '{\"borrower_id\":\"kasse-1:%lld\","
                   "\"checked_out_at\":%lld}'",
                   (long long)loan, (long long)local, (long long)T0),
             2);
    /* another device's borrower and item (their gids from sync_map), with a staff member: the
     * loan's image has staff_id (json_patch's form) */
    const char *mixed[] = {"R-1", "S-3"};
    loan = lend_and_compare(db, remote, staff, mixed, 2, T0 + 60);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev WHERE tbl = 'loan' AND gid = 'kasse-1:%lld'"
                   " AND json_extract(data, '$.staff_id') = 'kasse-1:%lld' AND"
                   " json_extract(data, '$.borrower_id') LIKE 'kasse-2:%%'",
                   (long long)loan, (long long)staff),
             2);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev WHERE tbl = 'loan_line' AND gid ="
                   " 'kasse-1:%lld/1' AND json_extract(data, '$.item_id') LIKE 'kasse-2:%%'",
                   (long long)loan),
             2);
    /* an item whose gid JSON escapes: the generated statement writes the rows, the same text */
    const char *odd[] = {"R-2"};
    loan = lend_and_compare(db, local, 0, odd, 1, T0 + 120);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev WHERE tbl = 'loan_line' AND gid ="
                   " 'kasse-1:%lld/1' AND json_extract(data, '$.item_id') = 'kasse-2:9\"\\9'",
                   (long long)loan),
             2);
    /* a checkout the store refuses writes nothing */
    int64_t before = last_seq(db);
    const char *again[] = {"S-1"};
    InvCheckout co = {.borrower_id = local, .barcodes = again, .n_barcodes = 1, .now = T0 + 180};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_E_ITEM_ON_LOAN);
    CHECK_EQ(last_seq(db), before);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* A checkout is one outbox row for its 1 + n events (INV_SYNC_EVENTS): its seq is the last of
 * them and the next row's follows on. inv_sync_outbox reads the same events as the view sync_ev,
 * from every starting point (inside a checkout's row too: the server acknowledged part of it)
 * and in batches of every size: gapless, in order, byte for byte. */
static void test_outbox_rows(void)
{
    int64_t local = 0;
    int64_t remote = 0;
    int64_t staff = 0;
    InvDb *db = two_devices("rows", &local, &remote, &staff);
    int64_t base = last_seq(db);
    int64_t rows = count(db, "SELECT count(*) FROM sync_out");
    const char *one[] = {"S-1"};
    InvCheckout co = {.borrower_id = local, .barcodes = one, .n_barcodes = 1, .now = T0};
    int64_t loan1 = 0;
    CHECK_EQ(inv_checkout(db, &co, &loan1), INV_OK);
    CHECK_EQ(last_seq(db), base + 2);
    const char *three[] = {"R-1", "S-2", "S-3"};
    co = (InvCheckout){.borrower_id = remote,
                       .staff_id = staff,
                       .barcodes = three,
                       .n_barcodes = 3,
                       .now = T0 + 60};
    int64_t loan2 = 0;
    CHECK_EQ(inv_checkout(db, &co, &loan2), INV_OK);
    CHECK_EQ(last_seq(db), base + 6);
    InvReturn r = {.barcode = "S-1", .now = T0 + 120};
    CHECK_EQ(inv_return(db, &r, NULL), INV_OK); /* a line's own row */
    int64_t mid = last_seq(db);
    const char *odd[] = {"R-2"}; /* a gid JSON escapes: the generated statement, a row each */
    co = (InvCheckout){.borrower_id = local, .barcodes = odd, .n_barcodes = 1, .now = T0 + 180};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
    int64_t last = last_seq(db);
    CHECK_EQ(last, mid + 2);
    /* one row for each of the two checkouts, at the seq of its last line */
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_out WHERE seq IN (%lld, %lld) AND tbl = 'loan' AND"
                   " gid IN ('kasse-1:%lld', 'kasse-1:%lld') AND data LIKE '[%%'",
                   (long long)(base + 2), (long long)(base + 6), (long long)loan1,
                   (long long)loan2),
             2);
    CHECK_EQ(count(db, "SELECT count(*) FROM sync_out") - rows, 2 + (mid - base - 6) + 2);
    CHECK_EQ(count(db, "SELECT count(*) FROM sync_ev WHERE seq > %lld", (long long)base),
             last - base);
    CHECK_EQ(count(db, "SELECT count(DISTINCT seq) FROM sync_ev WHERE seq > %lld", (long long)base),
             last - base);
    sqlite3_stmt *v = NULL;
    CHECK_EQ(sqlite3_prepare_v2(db->sql,
                                "SELECT seq, at, tbl, op, gid, data FROM sync_ev WHERE seq > ?1"
                                " ORDER BY seq LIMIT ?2",
                                -1, &v, NULL),
             SQLITE_OK);
    const size_t sizes[] = {1, 2, 3, 100};
    for (int64_t after = base; after <= last; after++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            InvSyncEvent *ev = NULL;
            size_t n = 0;
            CHECK_EQ(inv_sync_outbox(db, after, sizes[s], &ev, &n), INV_OK);
            int64_t want = last - after < (int64_t)sizes[s] ? last - after : (int64_t)sizes[s];
            CHECK_EQ((int64_t)n, want);
            sqlite3_bind_int64(v, 1, after);
            sqlite3_bind_int64(v, 2, (int64_t)sizes[s]);
            for (size_t i = 0; i < n; i++) {
                CHECK_EQ(sqlite3_step(v), SQLITE_ROW);
                CHECK_EQ(ev[i].seq, after + 1 + (int64_t)i);
                CHECK_EQ(ev[i].seq, sqlite3_column_int64(v, 0));
                CHECK_EQ(ev[i].at, sqlite3_column_int64(v, 1));
                CHECK_STREQ(ev[i].tbl, (const char *)sqlite3_column_text(v, 2));
                CHECK(!ev[i].del);
                CHECK_STREQ(ev[i].gid, (const char *)sqlite3_column_text(v, 4));
                CHECK_STREQ(ev[i].data, (const char *)sqlite3_column_text(v, 5));
                CHECK_STREQ(ev[i].device, "kasse-1");
            }
            CHECK_EQ(sqlite3_step(v), SQLITE_DONE);
            sqlite3_reset(v);
            inv_sync_events_free(ev, n);
        }
    }
    sqlite3_finalize(v);
    /* the server has the first checkout's loan and the second's loan and first line: the
     * acknowledgement keeps the newest row, and the rest of the second checkout is sent */
    CHECK_EQ(inv_sync_acked(db, base + 4, T0 + 240), INV_OK);
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_outbox(db, base + 4, 100, &ev, &n), INV_OK);
    CHECK_EQ((int64_t)n, last - base - 4);
    CHECK_EQ(ev[0].seq, base + 5);
    char gid[64];
    snprintf(gid, sizeof gid, "kasse-1:%lld/2", (long long)loan2);
    CHECK_STREQ(ev[0].gid, gid);
    CHECK_STREQ(ev[0].tbl, "loan_line");
    inv_sync_events_free(ev, n);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* A checkout's row whose images hold braces, brackets and escapes inside strings, and nested
 * values, reads as SQLite's JSON reads it; a row that is no such array is refused, naming it. */
static void test_outbox_odd_rows(void)
{
    InvDb *db = stf_open_new("odd_rows.db");
    CHECK_EQ(inv_sync_init(db, "hamar", "kasse-1", T0, NULL), INV_OK);
    int64_t last = last_seq(db);
    exec(db,
         "INSERT INTO sync_out(seq, at, tbl, op, gid, data) VALUES (%lld, 1, 'loan', 'put',"
         " 'kasse-1:7', '[{\"s\":\"a}],{\\\"b\",\"n\":[1,{\"u\":\"]\"}]},"
         " {\"t\":\"\\\\\"}]')",
         (long long)(last + 2));
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_outbox(db, last, 100, &ev, &n), INV_OK);
    CHECK_EQ(n, 2);
    CHECK_EQ(ev[0].seq, last + 1);
    CHECK_STREQ(ev[0].gid, "kasse-1:7");
    CHECK_STREQ(ev[0].tbl, "loan");
    CHECK_STREQ(ev[0].data, "{\"s\":\"a}],{\\\"b\",\"n\":[1,{\"u\":\"]\"}]}");
    CHECK_EQ(ev[1].seq, last + 2);
    CHECK_STREQ(ev[1].gid, "kasse-1:7/1");
    CHECK_STREQ(ev[1].tbl, "loan_line");
    CHECK_STREQ(ev[1].data, "{\"t\":\"\\\\\"}");
    for (size_t i = 0; i < n; i++) /* the view's events, by SQLite's JSON */
        CHECK_EQ(count(db, "SELECT count(*) FROM sync_ev WHERE seq = %lld AND data = json('%s')",
                       (long long)ev[i].seq, ev[i].data),
                 1);
    inv_sync_events_free(ev, n);
    exec(db,
         "INSERT INTO sync_out(seq, at, tbl, op, gid, data) VALUES (%lld, 1, 'loan', 'put',"
         " 'kasse-1:8', '[{\"a\":1},')",
         (long long)(last + 4));
    CHECK_EQ(inv_sync_outbox(db, last + 2, 100, &ev, &n), INV_E_CORRUPT);
    char want[64];
    snprintf(want, sizeof want, "outbox row %lld", (long long)(last + 4));
    CHECK(strstr(inv_errmsg(db), want) != NULL);
    inv_close(db);
}

/* bua_sync_quiet() as another program that writes the file would define it: 0, never quiet. */
static void never_quiet(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, 0);
}

/* A connection of another program (the persistent triggers fire), with bua_sync_quiet(). */
static sqlite3 *other_program(const char *path)
{
    sqlite3 *raw = NULL;
    CHECK_EQ(sqlite3_open(path, &raw), SQLITE_OK);
    CHECK_EQ(sqlite3_create_function(raw, "bua_sync_quiet", 0, SQLITE_UTF8, NULL, never_quiet, NULL,
                                     NULL),
             SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000);
    return raw;
}

static void raw_exec(sqlite3 *raw, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(raw, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg != NULL ? msg : "?");
    sqlite3_free(msg);
    CHECK_EQ(rc, SQLITE_OK);
}

/* Whether outbox rows a and b are the same put (table, gid and image, byte for byte). */
static bool same_row(InvDb *db, int64_t a, int64_t b)
{
    return count(db,
                 "SELECT count(*) FROM sync_ev x JOIN sync_ev y ON y.seq = %lld AND y.tbl ="
                 " x.tbl AND y.op = x.op AND y.gid = x.gid AND y.data = x.data WHERE x.seq = %lld",
                 (long long)b, (long long)a) == 1;
}

/* A store connection fires its own copies of the triggers, without those of the rows the store
 * writes itself: an import's loans and lines, and an item's status change that is not between
 * available and on loan -- the same rows, byte for byte, as the persistent triggers make them
 * (fired by another program's connection, or by the UPDATE triggers' copies). */
static void test_store_writes(void)
{
    int64_t local = 0;
    int64_t remote = 0;
    int64_t staff = 0;
    InvDb *db = two_devices("store", &local, &remote, &staff);
    CHECK(db->local_triggers);
    CHECK_EQ(count(db, "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name IN"
                       " ('local_sync_loan_ins', 'local_sync_loan_line_ins',"
                       " 'local_sync_item_status')"),
             0);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name IN"
                   " ('local_sync_item_upd', 'local_sync_borrower_ins', 'local_sum_profile_add')"),
             3);
    char path[512];
    stf_path(path, sizeof path, "store_a.db");
    sqlite3 *raw = other_program(path);

    /* status changes, of this device's item and of another device's: the store's row, then the
     * persistent trigger's of the same row (to available and back) */
    const char *codes[] = {"S-3", "R-1"};
    for (int i = 0; i < 2; i++) {
        int64_t before = last_seq(db);
        CHECK_EQ(inv_item_set_status(db, codes[i], INV_ITEM_IN_REPAIR, "bent", 0, T0), INV_OK);
        CHECK_EQ(last_seq(db), before + 2); /* the item, then its history's event */
        CHECK_EQ(count(db, "SELECT count(*) FROM sync_ev WHERE seq = %lld AND tbl = 'item'",
                       (long long)(before + 1)),
                 1);
        char sql[256];
        snprintf(sql, sizeof sql,
                 "UPDATE item SET status = %d WHERE barcode = '%s'; UPDATE item SET status = %d"
                 " WHERE barcode = '%s'",
                 INV_ITEM_AVAILABLE, codes[i], INV_ITEM_IN_REPAIR, codes[i]);
        raw_exec(raw, sql);
        CHECK_EQ(last_seq(db), before + 4);
        CHECK(same_row(db, before + 1, before + 4));
        CHECK_EQ(inv_item_set_status(db, codes[i], INV_ITEM_AVAILABLE, "fixed", 0, T0 + 60),
                 INV_OK);
        CHECK_EQ(count(db,
                       "SELECT count(*) FROM sync_ev WHERE seq > %lld AND tbl = 'item' AND"
                       " json_extract(data, '$.status') = %d",
                       (long long)(before + 4), INV_ITEM_AVAILABLE),
                 1);
    }
    /* a change between available and on loan sends nothing: the line implies it */
    int64_t before = last_seq(db);
    const char *one[] = {"S-3"};
    lend_and_compare(db, local, 0, one, 1, T0 + 120);
    CHECK_EQ(count(db, "SELECT count(*) FROM sync_ev WHERE seq > %lld AND tbl = 'item'",
                   (long long)before),
             0);

    /* a stocktake's missing item */
    before = last_seq(db);
    int64_t audit = 0;
    CHECK_EQ(inv_audit_start(db, "", staff, T0 + 200, &audit), INV_OK);
    CHECK_EQ(inv_audit_scan(db, audit, "S-1", T0 + 210, NULL, NULL), INV_OK);
    CHECK_EQ(inv_audit_finish(db, audit, T0 + 220), INV_OK);
    size_t marked = 0;
    CHECK_EQ(inv_audit_mark_missing(db, audit, staff, T0 + 230, &marked), INV_OK);
    CHECK(marked >= 1);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev WHERE seq > %lld AND tbl = 'item' AND"
                   " json_extract(data, '$.status') = %d",
                   (long long)before, INV_ITEM_MISSING),
             (int64_t)marked);

    /* an import's loans and lines: each once, the loans first, as the UPDATE triggers make them */
    char csv[512];
    stf_path(csv, sizeof csv, "loans.csv");
    FILE *f = fopen(csv, "w");
    CHECK(f != NULL);
    fprintf(f, "loan_ref,card,barcode,checked_out_at,returned_at\n"
               "H1,1001,S-2,2023-01-02T10:00,2023-01-03T10:00\n"
               "H1,1001,R-1,2023-01-02T10:00,2023-01-04T10:00\n"
               "H2,2002,S-2,2023-02-02T10:00,2023-02-03T10:00\n");
    fclose(f);
    int64_t first_loan = count(db, "SELECT max(id) FROM loan") + 1;
    before = last_seq(db);
    InvImportResult res;
    CHECK_EQ(inv_import_csv(db, INV_IMPORT_LOANS, csv, T0 + 300, NULL, NULL, &res), INV_OK);
    CHECK_EQ(last_seq(db), before + 5);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev WHERE seq BETWEEN %lld AND %lld AND tbl ="
                   " 'loan'",
                   (long long)before + 1, (long long)before + 2),
             2);
    exec(db, "UPDATE loan SET checked_out_at = checked_out_at WHERE id >= %lld",
         (long long)first_loan);
    exec(db, "UPDATE loan_line SET due_at = due_at WHERE loan_id >= %lld", (long long)first_loan);
    CHECK_EQ(last_seq(db), before + 10);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_ev a JOIN sync_ev b ON b.seq > %lld AND b.tbl ="
                   " a.tbl AND b.gid = a.gid AND b.data = a.data WHERE a.seq BETWEEN %lld AND %lld",
                   (long long)before + 5, (long long)before + 1, (long long)before + 5),
             5);
    sqlite3_close(raw);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* A store opened while another program gives the file its identity (its triggers are made
 * then): the store's next write transaction makes its copies (again after a rolled-back one),
 * so nothing it writes is left out of the outbox. */
static void test_identity_meanwhile(void)
{
    InvDb *db = stf_open_new("meanwhile.db");
    stf_add_item(db, "S-1", "Ski", T0 - 60 * DAY);
    int64_t who = stf_add_borrower(db, "1001", "Kari Nordmann", T0 - 30 * DAY);
    CHECK(db->local_triggers);
    char path[512];
    stf_path(path, sizeof path, "meanwhile.db");
    InvOpenOptions o = {.path = path, .timezone = "Europe/Oslo"};
    InvDb *other = stf_open(&o);
    CHECK_EQ(inv_sync_init(other, "hamar", "kasse-1", T0 - 20 * DAY, NULL), INV_OK);
    int64_t before = last_seq(other);
    inv_close(other);
    CHECK(before > 0);
    /* the first write transaction after it is refused: its rollback undoes the copies it made,
     * and the next one makes them again */
    const char *unknown[] = {"NOPE"};
    InvCheckout refused = {.borrower_id = who, .barcodes = unknown, .n_barcodes = 1, .now = T0};
    CHECK_EQ(inv_checkout(db, &refused, NULL), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(count(db, "SELECT count(*) FROM temp.sqlite_master WHERE name ="
                       " 'local_sync_borrower_ins'"),
             0);
    stf_add_borrower(db, "1002", "Ola Nordmann", T0 - 10 * DAY);
    CHECK_EQ(last_seq(db), before + 1);
    CHECK_EQ(inv_item_set_status(db, "S-1", INV_ITEM_IN_REPAIR, "bent", 0, T0), INV_OK);
    CHECK_EQ(inv_item_set_status(db, "S-1", INV_ITEM_AVAILABLE, "fixed", 0, T0 + 60), INV_OK);
    CHECK_EQ(count(db, "SELECT count(*) FROM sync_ev WHERE seq > %lld AND tbl = 'item'",
                   (long long)(before + 1)),
             2);
    const char *one[] = {"S-1"};
    lend_and_compare(db, who, 0, one, 1, T0 + 120);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* A database whose triggers do not keep quiet for the checkout (synced by an earlier build) gets
 * them made again when opened, and then sends a checkout's rows once; a trigger whose SQL the
 * store does not know to copy leaves the persistent triggers on (the checkout keeps them quiet);
 * the sqlite3 shell, without bua_sync_quiet(), cannot insert a loan. */
static void test_other_writers(void)
{
    int64_t local = 0;
    int64_t remote = 0;
    int64_t staff = 0;
    InvDb *db = two_devices("writers", &local, &remote, &staff);

    /* the triggers of an earlier build, without the WHEN */
    exec(db, "CREATE TEMP TABLE old_trig AS SELECT name, replace(sql, ' WHEN NOT"
             " bua_sync_quiet()', '') AS sql FROM sqlite_master WHERE name IN ('sync_loan_ins',"
             " 'sync_loan_line_ins')");
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(db->sql, "SELECT name, sql FROM temp.old_trig", -1, &st, NULL),
             SQLITE_OK);
    char names[2][64];
    char sqls[2][4096];
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < 2) {
        snprintf(names[n], sizeof names[n], "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(sqls[n], sizeof sqls[n], "%s", (const char *)sqlite3_column_text(st, 1));
        n++;
    }
    sqlite3_finalize(st);
    CHECK_EQ(n, 2);
    for (int i = 0; i < 2; i++) {
        CHECK(strstr(sqls[i], "bua_sync_quiet") == NULL);
        exec(db, "DROP TRIGGER %s", names[i]);
        exec(db, "%s", sqls[i]);
    }
    CHECK_EQ(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE"
                       " '%%bua_sync_quiet%%'"),
             0);
    inv_close(db);
    char path[512];
    stf_path(path, sizeof path, "writers_a.db");
    InvOpenOptions o = {.path = path, .timezone = "Europe/Oslo"};
    db = stf_open(&o);
    CHECK_EQ(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE"
                       " '%%WHEN NOT bua_sync_quiet()%%'"),
             2);
    const char *one[] = {"S-1"};
    lend_and_compare(db, local, 0, one, 1, T0 + 60);
    CHECK(db->local_triggers);

    /* a trigger the store cannot copy (its name has a quote): the persistent triggers fire */
    exec(db, "CREATE TRIGGER \"odd\"\"name\" AFTER INSERT ON category BEGIN SELECT 1; END");
    inv_close(db);
    db = stf_open(&o);
    CHECK(!db->local_triggers);
    CHECK_EQ(count(db, "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'"), 0);
    const char *two[] = {"S-2"};
    lend_and_compare(db, local, 0, two, 1, T0 + 90);
    int64_t before = last_seq(db);
    CHECK_EQ(inv_item_set_status(db, "S-3", INV_ITEM_IN_REPAIR, "bent", 0, T0 + 100), INV_OK);
    CHECK_EQ(last_seq(db), before + 2); /* once, by the persistent trigger */
    exec(db, "DROP TRIGGER \"odd\"\"name\"");

    /* a connection without the function */
    sqlite3 *raw = NULL;
    CHECK_EQ(sqlite3_open(path, &raw), SQLITE_OK);
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO loan(centre_id, borrower_id, checked_out_at) VALUES (%lld, %lld, %lld)",
             (long long)inv_centre_id(db), (long long)local, (long long)T0);
    char *msg = NULL;
    CHECK(sqlite3_exec(raw, sql, NULL, NULL, &msg) != SQLITE_OK);
    CHECK(msg != NULL && strstr(msg, "no such function: bua_sync_quiet") != NULL);
    sqlite3_free(msg);
    sqlite3_close(raw);
    inv_close(db); /* (no inv_check: the loan written in SQL above is in no summary) */
}

/* Without an identity a checkout writes no outbox row. */
static void test_unsynced(void)
{
    InvDb *db = stf_open_new("unsynced.db");
    stf_add_item(db, "S-1", "Ski", T0 - 60 * DAY);
    int64_t who = stf_add_borrower(db, "1001", "Kari Nordmann", T0 - 30 * DAY);
    const char *one[] = {"S-1"};
    InvCheckout co = {.borrower_id = who, .barcodes = one, .n_barcodes = 1, .now = T0};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
    CHECK_EQ(last_seq(db), 0);
    inv_close(db);
}

int main(void)
{
    stf_begin("sync_checkout");
    T0 = stf_zone_time("2024-03-01T12:00");
    RUN(test_checkout_images);
    RUN(test_outbox_rows);
    RUN(test_outbox_odd_rows);
    RUN(test_store_writes);
    RUN(test_identity_meanwhile);
    RUN(test_other_writers);
    RUN(test_unsynced);
    stf_end();
    return 0;
}
