/* Sync, applying other devices' events (issue 14): lend on one device, see it on another, return
 * there, see it back; the same batch twice changes nothing; any arrival order gives the same
 * state (a fingerprint over the replicated tables by gid); a double lend keeps both loans and
 * lists one conflict, resolved by staff on one device and settled on the others; a card
 * registered on two devices is one person; a return whose loan is on a third device waits;
 * three weeks of a pop-up's lending applied at once; a file with years of rows sent once; the
 * figures agree with the loans everywhere. Real SQLite files; the events pass through the API. */
#include "check.h"
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

static int64_t T0; /* 2024-03-01 12:00 Oslo */

/* A hash of the replicated state: every row of every replicated table as (table, gid, image),
 * in gid order, the same on every device that has seen the same events. */
static uint64_t fingerprint(InvDb *db)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < inv__sync_n_tables; i++) {
        const SyncTable *t = &inv__sync_tables[i];
        SyncBuf q = {0};
        inv__sync_buf_add(&q, "SELECT g, d FROM (SELECT ");
        CHECK_EQ(inv__sync_gid_expr(db, t, "t.", &q), INV_OK);
        inv__sync_buf_add(&q, " AS g, ");
        CHECK_EQ(inv__sync_image_expr(db, t, "t.", &q), INV_OK);
        inv__sync_buf_add(&q, " AS d FROM %s t) ORDER BY g", t->name);
        CHECK(!q.oom);
        sqlite3_stmt *st = NULL;
        CHECK_EQ(sqlite3_prepare_v2(db->sql, q.p, -1, &st, NULL), SQLITE_OK);
        inv__sync_buf_free(&q);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < 2; c++) {
                const unsigned char *s = sqlite3_column_text(st, c);
                for (; s != NULL && *s; s++)
                    h = (h ^ *s) * 1099511628211ULL;
                h = (h ^ (unsigned char)'|') * 1099511628211ULL;
            }
            for (const char *s = t->name; *s; s++)
                h = (h ^ (unsigned char)*s) * 1099511628211ULL;
        }
        sqlite3_finalize(st);
    }
    return h;
}

/* Everything `from` has sent (its whole outbox) applied on `to`. */
static InvSyncApplied pass(InvDb *from, InvDb *to, int64_t now)
{
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_outbox(from, 0, 1000000, &ev, &n), INV_OK);
    InvSyncApplied r;
    memset(&r, 0, sizeof r);
    int err = inv_sync_apply(to, ev, n, now, &r);
    if (err != INV_OK)
        fprintf(stderr, "apply: %s\n", inv_errmsg(to));
    CHECK_EQ(err, INV_OK);
    inv_sync_events_free(ev, n);
    return r;
}

static void same_figures(InvDb *a, InvDb *b, int year)
{
    InvFigures fa;
    InvFigures fb;
    InvFigures ra;
    CHECK_EQ(inv_figures(a, year, 0, &fa), INV_OK);
    CHECK_EQ(inv_figures(b, year, 0, &fb), INV_OK);
    CHECK_EQ(inv_figures_raw(a, year, 0, &ra), INV_OK);
    CHECK_EQ(fa.loans, fb.loans);
    CHECK_EQ(fa.items_lent, fb.items_lent);
    CHECK_EQ(fa.borrowers, fb.borrowers);
    CHECK_EQ(fa.new_borrowers, fb.new_borrowers);
    CHECK_EQ(fa.loans, ra.loans);
    CHECK_EQ(fa.items_lent, ra.items_lent);
    CHECK_EQ(fa.borrowers, ra.borrowers);
    CHECK_EQ(fa.new_borrowers, ra.new_borrowers);
    CHECK_EQ(inv_check(a), INV_OK);
    CHECK_EQ(inv_check(b), INV_OK);
}

/* Lines returned in 2024 as the summaries hold them (the centre's row). */
static int64_t returned(InvDb *db)
{
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 0, &f), INV_OK); /* folds the queue first */
    return stf_count(db, "SELECT coalesce(sum(returned), 0) FROM summary WHERE centre_id = 1 AND"
                         " period = 2024 AND category_id = 0");
}

static int64_t borrower_id(InvDb *db, const char *card)
{
    InvBorrower b;
    CHECK_EQ(inv_borrower_get(db, card, &b), INV_OK);
    return b.id;
}

static int64_t lend(InvDb *db, const char *card, const char *code, int64_t t)
{
    const char *list[1] = {code};
    InvCheckout co = {
        .borrower_id = borrower_id(db, card), .barcodes = list, .n_barcodes = 1, .now = t};
    int64_t id = 0;
    int err = inv_checkout(db, &co, &id);
    if (err != INV_OK)
        fprintf(stderr, "checkout %s: %s\n", code, inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
    return id;
}

static void give_back(InvDb *db, const char *code, int64_t t)
{
    InvReturn r = {.barcode = code, .now = t};
    InvReturned out;
    int err = inv_return(db, &r, &out);
    if (err != INV_OK)
        fprintf(stderr, "return %s: %s\n", code, inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
}

static InvItemStatus status_of(InvDb *db, const char *code)
{
    InvItem it;
    CHECK_EQ(inv_item_get(db, code, &it), INV_OK);
    return it.status;
}

/* Device `name` of centre hamar: a new file. With `stock`, items S-1..S-4 and borrowers 1001 and
 * 1002 made there before its identity (so they are its history). */
static InvDb *device(const char *name, bool stock)
{
    char file[64];
    snprintf(file, sizeof file, "%s.db", name);
    InvDb *db = stf_open_new(file);
    if (stock) {
        stf_add_item(db, "S-1", "Ski", T0 - 60 * DAY);
        stf_add_item(db, "S-2", "Ski", T0 - 60 * DAY);
        stf_add_item(db, "S-3", "Telt", T0 - 60 * DAY);
        stf_add_item(db, "S-4", "Telt", T0 - 60 * DAY);
        stf_add_borrower(db, "1001", "Kari Nordmann", T0 - 30 * DAY);
        stf_add_borrower(db, "1002", "Ola Nordmann", T0 - 30 * DAY);
    }
    CHECK_EQ(inv_sync_init(db, "hamar", name, T0, NULL), INV_OK);
    return db;
}

/* Lend on A, see it on B; return on B, see it back on A; the figures agree; applying the same
 * batch again changes nothing; applying writes nothing to the receiver's outbox. */
static void test_two_devices(void)
{
    InvDb *a = device("a", true);
    InvDb *b = device("b", false); /* a new device starts empty and takes the centre's state */
    int64_t b_out = stf_count(b, "SELECT count(*) FROM sync_ev");
    CHECK_EQ(b_out, 0);
    InvSyncApplied r = pass(a, b, T0);
    CHECK_EQ(r.applied, 8); /* 2 categories, 4 items, 2 borrowers */
    CHECK_EQ(r.waiting, 0);
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM item"), 4);
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM sync_ev"), 0); /* nothing applied goes back out */
    CHECK_EQ(fingerprint(a), fingerprint(b));

    lend(a, "1001", "S-1", T0 + 3600);
    r = pass(a, b, T0 + 3700);
    CHECK_EQ(r.applied, 2);
    CHECK_EQ(r.skipped, 8);
    CHECK_EQ(status_of(b, "S-1"), INV_ITEM_ON_LOAN);
    InvLoanLine line;
    CHECK_EQ(inv_item_loan(b, "S-1", T0 + 3700, &line), INV_OK);
    CHECK_STREQ(line.card, "1001");
    CHECK_EQ(fingerprint(a), fingerprint(b));
    same_figures(a, b, 2024);

    /* the same batch again: nothing changes */
    uint64_t fp = fingerprint(b);
    r = pass(a, b, T0 + 3800);
    CHECK_EQ(r.applied, 0);
    CHECK_EQ(r.skipped, 10);
    CHECK_EQ(fingerprint(b), fp);

    give_back(b, "S-1", T0 + 2 * DAY);
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM sync_ev"), 1); /* the line, by its origin's gid */
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM sync_ev WHERE gid = 'a:1/1'"), 1);
    r = pass(b, a, T0 + 2 * DAY + 60);
    CHECK_EQ(r.applied, 1);
    CHECK_EQ(status_of(a, "S-1"), INV_ITEM_AVAILABLE);
    CHECK_EQ(fingerprint(a), fingerprint(b));
    same_figures(a, b, 2024);
    InvFigures f;
    CHECK_EQ(inv_figures(a, 2024, 0, &f), INV_OK);
    CHECK_EQ(f.loans, 1);
    CHECK_EQ(returned(a), 1);
    CHECK_EQ(returned(b), 1);

    /* marks: what each has applied of the other */
    InvSyncMark *m = NULL;
    size_t nm = 0;
    CHECK_EQ(inv_sync_marks(b, &m, &nm), INV_OK);
    CHECK_EQ(nm, 1);
    CHECK_STREQ(m[0].device, "a");
    CHECK_EQ(m[0].seq, 10);
    free(m);

    /* a gap is refused, naming the device and the seqs; nothing applied */
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    lend(a, "1002", "S-2", T0 + 3 * DAY);
    CHECK_EQ(inv_sync_outbox(a, 10, 100, &ev, &n), INV_OK);
    CHECK_EQ(n, 2);
    fp = fingerprint(b);
    CHECK_EQ(inv_sync_apply(b, ev + 1, 1, T0, &r), INV_E_INVALID);
    CHECK_STREQ(inv_errmsg(b), "events of device a: expected seq 11, got 12 (a gap)");
    CHECK_EQ(fingerprint(b), fp);
    /* this device's own events are not another's */
    CHECK_EQ(inv_sync_apply(a, ev, n, T0, &r), INV_E_INVALID);
    inv_sync_events_free(ev, n);
    inv_close(a);
    inv_close(b);
}

/* Both devices lend S-1 while apart: both loans stand and count, one conflict on every device
 * whatever the order, the later checkout's line is the open one; resolved on one device as
 * returned, settled on the other. */
static void test_double_lend(void)
{
    InvDb *a = device("dl-a", true);
    InvDb *b = device("dl-b", false);
    pass(a, b, T0);
    lend(a, "1001", "S-1", T0 + 3600);     /* older */
    lend(b, "1002", "S-1", T0 + 2 * 3600); /* newer */
    /* a third and fourth device get the two in opposite orders */
    InvDb *c = device("dl-c", false);
    InvDb *d = device("dl-d", false);
    pass(a, c, T0 + DAY);
    pass(b, c, T0 + DAY);
    pass(b, d, T0 + DAY); /* b's loan first: it waits for a's items and borrower */
    CHECK(stf_count(d, "SELECT count(*) FROM sync_wait") > 0);
    pass(a, d, T0 + DAY);
    CHECK_EQ(stf_count(d, "SELECT count(*) FROM sync_wait"), 0);
    InvSyncApplied r = pass(b, a, T0 + DAY);
    CHECK_EQ(r.conflicts, 1);
    r = pass(a, b, T0 + DAY);
    CHECK_EQ(r.conflicts, 1);
    uint64_t fp = fingerprint(a);
    CHECK_EQ(fingerprint(b), fp);
    CHECK_EQ(fingerprint(c), fp);
    CHECK_EQ(fingerprint(d), fp);
    InvDb *all[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++) {
        InvDb *x = all[i];
        CHECK_EQ(stf_count(x, "SELECT count(*) FROM sync_conflict WHERE kind = 'double_lend'"), 1);
        CHECK_EQ(stf_count(x, "SELECT count(*) FROM sync_conflict WHERE a_gid = 'dl-a:1/1' AND"
                              " b_gid = 'dl-b:1/1'"),
                 1);
        CHECK_EQ(status_of(x, "S-1"), INV_ITEM_ON_LOAN);
        InvLoanLine line;
        CHECK_EQ(inv_item_loan(x, "S-1", T0 + DAY, &line), INV_OK);
        CHECK_STREQ(line.card, "1002"); /* the later checkout's line is the open one */
        InvFigures f;
        CHECK_EQ(inv_figures(x, 2024, 0, &f), INV_OK);
        CHECK_EQ(f.loans, 2); /* both count */
        CHECK_EQ(f.items_lent, 2);
        same_figures(x, a, 2024);
        InvSyncStatus s;
        CHECK_EQ(inv_sync_status(x, &s), INV_OK);
        CHECK_EQ(s.conflicts_open, 1);
    }
    InvSyncConflict *cs = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_conflicts(c, true, &cs, &n), INV_OK);
    CHECK_EQ(n, 1);
    CHECK_STREQ(cs[0].kind, "double_lend");
    CHECK_STREQ(cs[0].barcode, "S-1");
    CHECK_STREQ(cs[0].card, "1001"); /* the older line's borrower: the one to resolve */
    CHECK_EQ(cs[0].resolved_at, 0);
    int64_t cid = cs[0].id;
    free(cs);

    /* resolved on c: the older line is back now; a change of c's own, so it syncs */
    CHECK_EQ(inv_sync_conflict_resolve(c, cid, 0, "lost", T0 + 2 * DAY), INV_E_INVALID);
    CHECK_EQ(inv_sync_conflict_resolve(c, 999, 0, "returned", T0 + 2 * DAY), INV_E_NOT_FOUND);
    CHECK_EQ(inv_sync_conflict_resolve(c, cid, 0, "returned", T0 + 2 * DAY), INV_OK);
    CHECK_EQ(inv_sync_conflict_resolve(c, cid, 0, "returned", T0 + 2 * DAY), INV_E_INVALID);
    CHECK_EQ(stf_count(c, "SELECT count(*) FROM sync_ev WHERE tbl = 'loan_line' AND gid ="
                          " 'dl-a:1/1'"),
             1);
    for (int i = 0; i < 4; i++)
        if (all[i] != c)
            pass(c, all[i], T0 + 2 * DAY);
    fp = fingerprint(c);
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(fingerprint(all[i]), fp);
        InvSyncStatus s;
        CHECK_EQ(inv_sync_status(all[i], &s), INV_OK);
        CHECK_EQ(s.conflicts_open, 0);
        CHECK_EQ(status_of(all[i], "S-1"), INV_ITEM_ON_LOAN); /* still out with 1002 */
        CHECK_EQ(returned(all[i]), 1);
        same_figures(all[i], c, 2024);
    }
    /* the newer loan comes back on b: the item is free everywhere */
    give_back(b, "S-1", T0 + 3 * DAY);
    for (int i = 0; i < 4; i++)
        if (all[i] != b)
            pass(b, all[i], T0 + 3 * DAY);
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(status_of(all[i], "S-1"), INV_ITEM_AVAILABLE);
        CHECK_EQ(fingerprint(all[i]), fingerprint(b));
    }
    for (int i = 0; i < 4; i++)
        inv_close(all[i]);
}

/* The other resolution: the older line was really another item. */
static void test_other_item(void)
{
    InvDb *a = device("oi-a", true);
    InvDb *b = device("oi-b", false);
    pass(a, b, T0);
    lend(a, "1001", "S-1", T0 + 3600);
    lend(b, "1002", "S-1", T0 + 2 * 3600);
    pass(a, b, T0 + DAY);
    pass(b, a, T0 + DAY);
    InvSyncConflict *cs = NULL;
    size_t n = 0;
    CHECK_EQ(inv_sync_conflicts(a, true, &cs, &n), INV_OK);
    CHECK_EQ(n, 1);
    int64_t cid = cs[0].id;
    free(cs);
    CHECK_EQ(inv_sync_conflict_resolve(a, cid, 0, "other-item NOPE", T0 + DAY), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(inv_sync_conflict_resolve(a, cid, 0, "other-item S-1", T0 + DAY), INV_E_INVALID);
    CHECK_EQ(inv_sync_conflict_resolve(a, cid, 0, "other-item S-2", T0 + DAY), INV_OK);
    pass(a, b, T0 + DAY);
    CHECK_EQ(fingerprint(a), fingerprint(b));
    InvDb *all[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        InvLoanLine line;
        CHECK_EQ(inv_item_loan(all[i], "S-2", T0 + DAY, &line), INV_OK);
        CHECK_STREQ(line.card, "1001");
        CHECK_EQ(inv_item_loan(all[i], "S-1", T0 + DAY, &line), INV_OK);
        CHECK_STREQ(line.card, "1002");
        CHECK_EQ(status_of(all[i], "S-2"), INV_ITEM_ON_LOAN);
        CHECK_EQ(stf_count(all[i], "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL"),
                 0);
        same_figures(all[i], a, 2024);
    }
    inv_close(a);
    inv_close(b);
}

/* The same card registered on two devices: one person, the later registration's fields, the
 * earlier registration time, a card_merge listed (resolved); both devices alike. */
static void test_card_merge(void)
{
    InvDb *a = device("cm-a", true);
    InvDb *b = device("cm-b", false);
    pass(a, b, T0);
    stf_add_borrower(a, "7777", "Per Først", T0 + 3600);
    stf_add_borrower(b, "7777", "Per Senere", T0 + 2 * 3600);
    lend(a, "7777", "S-1", T0 + 3 * 3600);
    lend(b, "7777", "S-2", T0 + 4 * 3600);
    InvSyncApplied r = pass(b, a, T0 + DAY);
    CHECK_EQ(r.conflicts, 1);
    r = pass(a, b, T0 + DAY);
    CHECK_EQ(r.conflicts, 1);
    CHECK_EQ(fingerprint(a), fingerprint(b));
    InvDb *all[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        InvBorrower p;
        CHECK_EQ(inv_borrower_get(all[i], "7777", &p), INV_OK);
        CHECK_STREQ(p.name, "Per Senere");
        CHECK_EQ(p.registered_at, T0 + 3600);
        CHECK_EQ(stf_count(all[i], "SELECT count(*) FROM borrower WHERE card = '7777'"), 1);
        CHECK_EQ(stf_count(all[i], "SELECT count(*) FROM loan WHERE borrower_id = (SELECT id FROM"
                                   " borrower WHERE card = '7777')"),
                 2);
        InvSyncConflict *cs = NULL;
        size_t n = 0;
        CHECK_EQ(inv_sync_conflicts(all[i], false, &cs, &n), INV_OK);
        CHECK_EQ(n, 1);
        CHECK_STREQ(cs[0].kind, "card_merge");
        CHECK_STREQ(cs[0].card, "7777");
        CHECK(cs[0].resolved_at != 0);
        free(cs);
        CHECK_EQ(inv_sync_conflicts(all[i], true, &cs, &n), INV_OK);
        CHECK_EQ(n, 0);
        free(cs);
        InvFigures f;
        CHECK_EQ(inv_figures(all[i], 2024, 0, &f), INV_OK);
        CHECK_EQ(f.new_borrowers, 3); /* 1001, 1002, 7777 once */
        CHECK_EQ(f.borrowers, 1);
        same_figures(all[i], a, 2024);
    }
    /* a change after the merge goes out under the one gid, from either device */
    InvBorrowerEdit ed = {.name = "Per Endelig", .birth_year = INV_UNCHANGED, .now = T0 + 2 * DAY};
    CHECK_EQ(inv_borrower_edit(a, "7777", &ed, NULL, 0), INV_OK);
    CHECK_EQ(stf_count(a, "SELECT count(*) FROM sync_ev WHERE tbl = 'borrower' AND gid = 'cm-a:3'"
                          " AND json_extract(data, '$.name') = 'Per Endelig'"),
             1);
    pass(a, b, T0 + 2 * DAY);
    CHECK_EQ(fingerprint(a), fingerprint(b));
    inv_close(a);
    inv_close(b);
}

/* A return whose loan is on a third device waits, then applies when the loan arrives. */
static void test_wait(void)
{
    InvDb *a = device("w-a", true);
    InvDb *b = device("w-b", false);
    InvDb *c = device("w-c", false);
    pass(a, b, T0);
    pass(a, c, T0);
    lend(a, "1001", "S-3", T0 + 3600);
    pass(a, b, T0 + 3600);
    give_back(b, "S-3", T0 + DAY);
    /* c hears of the return before the loan */
    InvSyncApplied r = pass(b, c, T0 + DAY);
    CHECK_EQ(r.applied, 0);
    CHECK_EQ(r.waiting, 1);
    InvSyncStatus s;
    CHECK_EQ(inv_sync_status(c, &s), INV_OK);
    CHECK_EQ(s.parked, 1);
    CHECK_EQ(status_of(c, "S-3"), INV_ITEM_AVAILABLE);
    r = pass(a, c, T0 + DAY);
    CHECK_EQ(r.waiting, 0);
    CHECK_EQ(r.applied, 3); /* the loan, its line, and the waiting return */
    CHECK_EQ(status_of(c, "S-3"), INV_ITEM_AVAILABLE);
    CHECK_EQ(stf_count(c, "SELECT count(*) FROM loan_line WHERE returned_at IS NOT NULL"), 1);
    /* columns left out of the images at their default arrive as that default */
    CHECK_EQ(stf_count(c, "SELECT count(*) FROM loan_line WHERE damaged = 0 AND renewals = 0"
                          " AND return_note = ''"),
             1);
    pass(b, a, T0 + DAY);
    CHECK_EQ(fingerprint(c), fingerprint(a));
    CHECK_EQ(fingerprint(c), fingerprint(b));
    same_figures(a, c, 2024);
    inv_close(a);
    inv_close(b);
    inv_close(c);
}

/* A pop-up lends on its own for three weeks (generated), then merges once: all of it appears
 * once, the figures count it once, a second merge changes nothing. */
static void test_popup(void)
{
    InvDb *a = device("p-a", true);
    InvDb *p = device("p-pop", false);
    pass(a, p, T0);
    char code[16];
    char card[16];
    for (int i = 0; i < 40; i++) {
        snprintf(code, sizeof code, "P-%02d", i);
        stf_add_item(p, code, i % 2 ? "Strand" : "Vann", T0);
    }
    for (int j = 0; j < 30; j++) {
        snprintf(card, sizeof card, "9%03d", j);
        stf_add_borrower(p, card, "Sommergjest", T0 + j * 600);
    }
    int loans = 0;
    for (int day = 0; day < 21; day++) {
        int64_t t = T0 + day * DAY + 3600;
        for (int k = 0; k < 12; k++) {
            int i = (day * 7 + k * 3) % 40;
            snprintf(code, sizeof code, "P-%02d", i);
            snprintf(card, sizeof card, "9%03d", (day * 5 + k) % 30);
            if (status_of(p, code) != INV_ITEM_AVAILABLE)
                continue;
            lend(p, card, code, t + k * 60);
            loans++;
            if ((day + k) % 4 != 0)
                give_back(p, code, t + k * 60 + 5 * 3600);
        }
    }
    CHECK(loans > 150);
    InvSyncApplied r = pass(p, a, T0 + 22 * DAY);
    CHECK_EQ(r.waiting, 0);
    CHECK_EQ(stf_count(a, "SELECT count(*) FROM loan"), loans);
    CHECK_EQ(fingerprint(a), fingerprint(p));
    same_figures(a, p, 2024);
    uint64_t fp = fingerprint(a);
    r = pass(p, a, T0 + 23 * DAY);
    CHECK_EQ(r.applied, 0);
    CHECK_EQ(fingerprint(a), fp);
    CHECK_EQ(stf_count(a, "SELECT count(*) FROM loan"), loans);
    inv_close(a);
    inv_close(p);
}

/* A file with years of rows before its identity: init sends all of it once, and a new device
 * that applies it has the same state and figures. */
static void test_history(void)
{
    InvDb *old = stf_open_new("h-old.db");
    char code[16];
    char card[16];
    for (int i = 0; i < 20; i++) {
        snprintf(code, sizeof code, "H-%02d", i);
        stf_add_item(old, code, i % 3 ? "Ski" : "Sykkel", T0 - 800 * DAY);
    }
    for (int j = 0; j < 10; j++) {
        snprintf(card, sizeof card, "H%d", j);
        stf_add_borrower(old, card, "Gammel", T0 - 800 * DAY + j);
    }
    for (int k = 0; k < 150; k++) {
        int64_t t = T0 - 750 * DAY + k * 5 * DAY;
        snprintf(code, sizeof code, "H-%02d", k % 20);
        snprintf(card, sizeof card, "H%d", k % 10);
        lend(old, card, code, t);
        if (k < 145)
            give_back(old, code, t + 2 * DAY);
    }
    int64_t emitted = 0;
    CHECK_EQ(inv_sync_init(old, "hamar", "h-old", T0, &emitted), INV_OK);
    CHECK_EQ(emitted, 2 + 20 + 10 + 150 + 150);
    InvDb *fresh = device("h-new", false);
    pass(old, fresh, T0);
    CHECK_EQ(fingerprint(old), fingerprint(fresh));
    for (int year = 2022; year <= 2024; year++)
        same_figures(old, fresh, year);
    for (int k = 145; k < 150; k++) {
        snprintf(code, sizeof code, "H-%02d", k % 20);
        CHECK_EQ(status_of(fresh, code), INV_ITEM_ON_LOAN);
    }
    inv_close(old);
    inv_close(fresh);
}

/* An erasure on one device: the person is erased on the others too, and what they had not sent
 * of the person leaves their outbox; an older image of the person does not undo it. */
static void test_erase(void)
{
    InvDb *a = device("e-a", true);
    InvDb *b = device("e-b", false);
    stf_add_borrower(a, "8888", "Zed Hemmelig", T0 + 60);
    /* the terms accepted again by the person themself: consent_by is the row's own gid */
    CHECK_EQ(inv_borrower_consent(a, borrower_id(a, "8888"), "2026-01-01", NULL, T0 + 90), INV_OK);
    CHECK_EQ(stf_count(a, "SELECT count(*) FROM sync_ev WHERE tbl = 'borrower' AND"
                          " json_extract(data, '$.consent_by') = gid"),
             1);
    InvSyncApplied r = pass(a, b, T0 + 120);
    CHECK_EQ(r.waiting, 0);
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM borrower WHERE consent_by = id"), 1);
    InvBorrowerEdit ed = {.phone = "99887766", .birth_year = INV_UNCHANGED, .now = T0 + 180};
    CHECK_EQ(inv_borrower_edit(b, "8888", &ed, NULL, 0), INV_OK);
    CHECK(stf_count(b, "SELECT count(*) FROM sync_ev WHERE data LIKE '%Hemmelig%'") > 0);
    InvErased er;
    CHECK_EQ(inv_borrower_erase(a, "8888", 0, T0 + 240, &er), INV_OK);
    pass(a, b, T0 + 300);
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM sync_ev WHERE data LIKE '%Hemmelig%' OR data LIKE"
                          " '%99887766%'"),
             0);
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM borrower WHERE name LIKE '%Hemmelig%' OR card ="
                          " '8888'"),
             0);
    CHECK_EQ(stf_count(b, "SELECT count(*) FROM borrower WHERE erased_at IS NOT NULL"), 1);
    pass(b, a, T0 + 360); /* b's edit, scrubbed, arrives after the erasure */
    CHECK_EQ(stf_count(a, "SELECT count(*) FROM borrower WHERE erased_at IS NOT NULL"), 1);
    CHECK_EQ(stf_count(a, "SELECT count(*) FROM borrower WHERE phone = '99887766'"), 0);
    same_figures(a, b, 2024);
    inv_close(a);
    inv_close(b);
}

int main(void)
{
    stf_begin("sync-apply");
    T0 = stf_zone_time("2024-03-01T12:00");
    RUN(test_two_devices);
    RUN(test_double_lend);
    RUN(test_other_item);
    RUN(test_card_merge);
    RUN(test_wait);
    RUN(test_popup);
    RUN(test_history);
    RUN(test_erase);
    stf_end();
    return 0;
}
