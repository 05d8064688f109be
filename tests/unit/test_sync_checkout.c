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
    return count(db, "SELECT coalesce(max(seq), 0) FROM sync_out");
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
                   "SELECT count(*) FROM sync_out WHERE seq = %lld AND tbl = 'loan' AND op ="
                   " 'put' AND gid = 'kasse-1:%lld'",
                   (long long)first, (long long)loan),
             1);
    for (size_t i = 1; i <= n; i++)
        CHECK_EQ(count(db,
                       "SELECT count(*) FROM sync_out WHERE seq = %lld AND tbl = 'loan_line'"
                       " AND op = 'put' AND gid = 'kasse-1:%lld/%zu'",
                       (long long)(first + (int64_t)i), (long long)loan, i),
                 1);
    /* the triggers' images of the same rows */
    exec(db, "UPDATE loan SET checked_out_at = checked_out_at WHERE id = %lld", (long long)loan);
    exec(db, "UPDATE loan_line SET due_at = due_at WHERE loan_id = %lld", (long long)loan);
    CHECK_EQ(last_seq(db), before + 2 + 2 * (int64_t)n);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_out a JOIN sync_out b ON b.seq = a.seq + %zu"
                   " AND b.tbl = a.tbl AND b.op = a.op AND b.gid = a.gid AND b.data = a.data"
                   " WHERE a.seq BETWEEN %lld AND %lld",
                   n + 1, (long long)first, (long long)(first + (int64_t)n)),
             (int64_t)n + 1);
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
                   "SELECT count(*) FROM sync_out WHERE tbl = 'loan' AND gid ="
                   " 'kasse-1:%lld' AND data = '{\"borrower_id\":\"kasse-1:%lld\","
                   "\"checked_out_at\":%lld}'",
                   (long long)loan, (long long)local, (long long)T0),
             2);
    /* another device's borrower and item (their gids from sync_map), with a staff member: the
     * loan's image has staff_id (json_patch's form) */
    const char *mixed[] = {"R-1", "S-3"};
    loan = lend_and_compare(db, remote, staff, mixed, 2, T0 + 60);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_out WHERE tbl = 'loan' AND gid = 'kasse-1:%lld'"
                   " AND json_extract(data, '$.staff_id') = 'kasse-1:%lld' AND"
                   " json_extract(data, '$.borrower_id') LIKE 'kasse-2:%%'",
                   (long long)loan, (long long)staff),
             2);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_out WHERE tbl = 'loan_line' AND gid ="
                   " 'kasse-1:%lld/1' AND json_extract(data, '$.item_id') LIKE 'kasse-2:%%'",
                   (long long)loan),
             2);
    /* an item whose gid JSON escapes: the generated statement writes the rows, the same text */
    const char *odd[] = {"R-2"};
    loan = lend_and_compare(db, local, 0, odd, 1, T0 + 120);
    CHECK_EQ(count(db,
                   "SELECT count(*) FROM sync_out WHERE tbl = 'loan_line' AND gid ="
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

/* Other writers of loans and lines keep their INSERT triggers (here SQL on the store's own
 * connection, outside a checkout); a database whose triggers do not keep quiet for the checkout
 * (synced by an earlier build) gets them made again when opened, and then sends a checkout's
 * rows once; the sqlite3 shell, without bua_sync_quiet(), cannot insert a loan. */
static void test_other_writers(void)
{
    int64_t local = 0;
    int64_t remote = 0;
    int64_t staff = 0;
    InvDb *db = two_devices("writers", &local, &remote, &staff);
    int64_t before = last_seq(db);
    exec(db, "INSERT INTO loan(centre_id, borrower_id, checked_out_at) VALUES (%lld, %lld, %lld)",
         (long long)inv_centre_id(db), (long long)local, (long long)T0);
    int64_t loan = sqlite3_last_insert_rowid(db->sql);
    exec(db,
         "INSERT INTO loan_line(loan_id, seq, item_id, due_at) SELECT %lld, 1, id, %lld FROM item"
         " WHERE barcode = 'S-3'",
         (long long)loan, (long long)(T0 + 7 * DAY));
    CHECK_EQ(last_seq(db), before + 2);
    CHECK_EQ(count(db, "SELECT count(*) FROM sync_out WHERE seq = %lld AND gid = 'kasse-1:%lld/1'",
                   (long long)(before + 2), (long long)loan),
             1);

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
    RUN(test_other_writers);
    RUN(test_unsynced);
    stf_end();
    return 0;
}
