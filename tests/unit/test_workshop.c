/* Unit tests of the workshop on real SQLite files: the repair queue (a damaged return with its
 * note, oldest first, waiting for parts, made available by a trainee and lent again, retired
 * with a reason, refusals), the item history showing each step once, bike jobs (intake, the
 * allowed and refused status moves, minutes per trainee, notes), the privacy sweep of bike
 * customers, and the workshop's yearly figures against counts made from the raw rows. */
#include "check.h"
#include "inv_sql.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t add_borrower(InvDb *db, const char *card)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "Kari %s", card);
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, stf_at("2025-01-02T09:00"), &id), INV_OK);
    return id;
}

static int64_t add_staff(InvDb *db, const char *card, const char *name, InvRole role)
{
    InvStaff s;
    memset(&s, 0, sizeof(s));
    snprintf(s.card, sizeof(s.card), "%s", card);
    snprintf(s.name, sizeof(s.name), "%s", name);
    s.role = role;
    int64_t id = 0;
    CHECK_EQ(inv_staff_add(db, &s, "1234", &id), INV_OK);
    return id;
}

static void lend(InvDb *db, int64_t borrower, const char *code, int64_t now)
{
    const char *codes[] = {code};
    InvCheckout co = {.borrower_id = borrower, .barcodes = codes, .n_barcodes = 1, .now = now};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
}

static void give_back(InvDb *db, const char *code, bool damaged, const char *note, int64_t now)
{
    InvReturn r = {.barcode = code, .damaged = damaged, .note = note, .now = now};
    CHECK_EQ(inv_return(db, &r, NULL), INV_OK);
}

static int step(InvDb *db, const char *code, InvRepairStepKind kind, const char *note,
                InvRetireReason reason, int64_t staff, int64_t now)
{
    InvRepairStep s = {.barcode = code,
                       .step = kind,
                       .note = note,
                       .reason = reason,
                       .staff_id = staff,
                       .now = now};
    return inv_repair_step(db, &s);
}

typedef struct Queue {
    int n;
    InvRepair r[16];
} Queue;

static int collect_repair(const InvRepair *r, void *ctx)
{
    Queue *q = ctx;
    CHECK(q->n < 16);
    q->r[q->n++] = *r;
    return 0;
}

typedef struct Notes {
    int n;
    InvRepairNote note[16];
} Notes;

static int collect_note(const InvRepairNote *n, void *ctx)
{
    Notes *c = ctx;
    CHECK(c->n < 16);
    c->note[c->n++] = *n;
    return 0;
}

typedef struct Hist {
    int n;
    InvHistoryEntry e[32];
} Hist;

static int collect_hist(const InvHistoryEntry *e, void *ctx)
{
    Hist *h = ctx;
    CHECK(h->n < 32);
    h->e[h->n++] = *e;
    return 0;
}

static void test_repair_queue(void)
{
    InvDb *db = stf_open_new("queue.db");
    int64_t t0 = stf_at("2025-03-03T10:00");
    int64_t kari = add_borrower(db, "B-1");
    int64_t tom = add_staff(db, "S-1", "Tom Trainee", INV_ROLE_TRAINEE);
    stf_add_item(db, "SYK-1", "Sykler", t0);
    stf_add_item(db, "SYK-2", "Sykler", t0);
    stf_add_item(db, "SKI-1", "Ski", t0);

    /* SKI-1 goes to repair first (by a leader's change), SYK-1 at a damaged return later */
    CHECK_EQ(inv_item_set_status(db, "SKI-1", INV_ITEM_IN_REPAIR, "binding loose", 0, t0 + 60),
             INV_OK);
    lend(db, kari, "SYK-1", t0 + 120);
    give_back(db, "SYK-1", true, "punktert bakhjul", t0 + 86400 * 2);
    Queue q = {0};
    CHECK_EQ(inv_repair_each(db, t0 + 86400 * 5, collect_repair, &q), INV_OK);
    CHECK_EQ(q.n, 2);
    CHECK_STREQ(q.r[0].item.barcode, "SKI-1");
    CHECK_STREQ(q.r[0].note, "binding loose");
    CHECK_EQ(q.r[0].days, 4);
    CHECK_STREQ(q.r[1].item.barcode, "SYK-1");
    CHECK_STREQ(q.r[1].note, "punktert bakhjul");
    CHECK_EQ(q.r[1].days, 3);
    CHECK_EQ(q.r[1].n_notes, 1); /* the return note and its status change: the same text once */
    CHECK(!q.r[1].waiting_parts);

    /* refusals: not in repair, a note step without a note, an unknown staff id */
    CHECK_EQ(step(db, "SYK-2", INV_REPAIR_READY, "", 0, tom, t0), INV_E_NOT_IN_REPAIR);
    CHECK(strstr(inv_errmsg(db), "SYK-2") != NULL && strstr(inv_errmsg(db), "available"));
    CHECK_EQ(step(db, "SYK-1", INV_REPAIR_NOTE, "", 0, tom, t0), INV_E_INVALID);
    CHECK_EQ(step(db, "SYK-1", INV_REPAIR_NOTE, "ny slange", 0, 999, t0), INV_E_NOT_FOUND);
    CHECK_EQ(step(db, "NOPE", INV_REPAIR_NOTE, "x", 0, tom, t0), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(step(db, "SKI-1", INV_REPAIR_RETIRED, "", (InvRetireReason)9, tom, t0), INV_E_INVALID);

    /* waiting for parts: stays in the queue, marked; a note afterwards clears the mark */
    int64_t t1 = t0 + 86400 * 6;
    CHECK_EQ(step(db, "SYK-1", INV_REPAIR_WAIT, "venter på slange", 0, tom, t1), INV_OK);
    InvRepair r;
    CHECK_EQ(inv_repair_get(db, "SYK-1", t1, &r), INV_OK);
    CHECK(r.waiting_parts);
    CHECK_EQ(r.waiting_since, t1);
    CHECK_EQ(step(db, "SYK-1", INV_REPAIR_NOTE, "byttet slange", 0, tom, t1 + 60), INV_OK);
    CHECK_EQ(inv_repair_get(db, "SYK-1", t1, &r), INV_OK);
    CHECK(!r.waiting_parts);
    Notes notes = {0};
    CHECK_EQ(inv_repair_each_note(db, "SYK-1", collect_note, &notes), INV_OK);
    CHECK_EQ(notes.n, 3);
    CHECK(!notes.note[0].step);
    CHECK(notes.note[1].step && notes.note[1].kind == INV_REPAIR_WAIT);
    CHECK_STREQ(notes.note[2].note, "byttet slange");
    CHECK_STREQ(notes.note[2].staff, "Tom Trainee");

    /* a trainee makes it available: it can be lent again */
    CHECK_EQ(inv_lend_check(db, kari, "SYK-1", t1, NULL, NULL), INV_E_ITEM_IN_REPAIR);
    CHECK_EQ(step(db, "SYK-1", INV_REPAIR_READY, "klar", 0, tom, t1 + 120), INV_OK);
    InvItem it;
    CHECK_EQ(inv_item_get(db, "SYK-1", &it), INV_OK);
    CHECK_EQ(it.status, INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_lend_check(db, kari, "SYK-1", t1 + 180, NULL, NULL), INV_OK);
    lend(db, kari, "SYK-1", t1 + 180);

    /* retired with a reason */
    CHECK_EQ(step(db, "SKI-1", INV_REPAIR_RETIRED, "sprukket", INV_RETIRE_UNSAFE, tom, t1 + 240),
             INV_OK);
    CHECK_EQ(inv_item_get(db, "SKI-1", &it), INV_OK);
    CHECK_EQ(it.status, INV_ITEM_RETIRED);
    q.n = 0;
    CHECK_EQ(inv_repair_each(db, t1, collect_repair, &q), INV_OK);
    CHECK_EQ(q.n, 0);

    /* the history: each step once, as a repair entry with who; the status change not twice */
    Hist h = {0};
    CHECK_EQ(inv_item_history(db, "SKI-1", 0, 0, collect_hist, &h), INV_OK);
    CHECK_EQ(h.n, 2);
    CHECK_EQ(h.e[0].kind, INV_HIST_REPAIR);
    CHECK_EQ(h.e[0].status, INV_REPAIR_RETIRED);
    CHECK_EQ(h.e[0].reason, INV_RETIRE_UNSAFE);
    CHECK_STREQ(h.e[0].note, "sprukket");
    CHECK_STREQ(h.e[0].staff, "Tom Trainee");
    CHECK_EQ(h.e[1].kind, INV_HIST_STATUS);
    CHECK_EQ(h.e[1].status, INV_ITEM_IN_REPAIR);
    CHECK_EQ(h.e[1].reason, -1);
    h.n = 0;
    CHECK_EQ(inv_item_history(db, "SYK-1", 0, 0, collect_hist, &h), INV_OK);
    int repairs = 0;
    for (int i = 0; i < h.n; i++)
        repairs += h.e[i].kind == INV_HIST_REPAIR;
    CHECK_EQ(repairs, 3); /* waiting, note, ready */
    CHECK_EQ(h.e[0].kind, INV_HIST_LENT);
    CHECK_EQ(h.e[1].kind, INV_HIST_REPAIR);
    CHECK_EQ(h.e[1].status, INV_REPAIR_READY);

    /* names of the lists */
    InvRetireReason why;
    CHECK(inv_retire_reason_parse("no_parts", &why) && why == INV_RETIRE_NO_PARTS);
    CHECK(!inv_retire_reason_parse("nope", &why));
    InvRepairStepKind k;
    CHECK(inv_repair_step_parse("waiting", &k) && k == INV_REPAIR_WAIT);
    inv_close(db);
}

typedef struct Workers {
    int n;
    InvJobWorker w[4];
} Workers;

static int collect_worker(const InvJobWorker *w, void *ctx)
{
    Workers *c = ctx;
    CHECK(c->n < 4);
    c->w[c->n++] = *w;
    return 0;
}

static int count_event(const InvJobEvent *e, void *ctx)
{
    (void)e;
    ++*(int *)ctx;
    return 0;
}

static int count_job(const InvJob *j, void *ctx)
{
    (void)j;
    ++*(int *)ctx;
    return 0;
}

static int64_t add_job(InvDb *db, const char *who, int64_t staff, int64_t now)
{
    InvJob j;
    memset(&j, 0, sizeof(j));
    snprintf(j.customer, sizeof(j.customer), "%s", who);
    snprintf(j.phone, sizeof(j.phone), "90000000");
    snprintf(j.bike, sizeof(j.bike), "blå DBS");
    snprintf(j.work, sizeof(j.work), "bremser");
    int64_t id = 0;
    CHECK_EQ(inv_job_add(db, &j, staff, now, &id), INV_OK);
    return id;
}

static int move(InvDb *db, int64_t id, int status, int minutes, const char *note, int64_t staff,
                int64_t now)
{
    InvJobChange c = {.id = id,
                      .status = status,
                      .minutes = minutes,
                      .note = note,
                      .staff_id = staff,
                      .now = now};
    return inv_job_change(db, &c);
}

static void test_jobs(void)
{
    InvDb *db = stf_open_new("jobs.db");
    int64_t t0 = stf_at("2025-04-01T10:00");
    int64_t tom = add_staff(db, "S-1", "Tom", INV_ROLE_TRAINEE);
    int64_t ida = add_staff(db, "S-2", "Ida", INV_ROLE_TRAINEE);
    InvJob bad;
    memset(&bad, 0, sizeof(bad));
    snprintf(bad.customer, sizeof(bad.customer), "Per");
    snprintf(bad.bike, sizeof(bad.bike), "DBS");
    CHECK_EQ(inv_job_add(db, &bad, tom, t0, NULL), INV_E_INVALID); /* no work to do */
    CHECK(strstr(inv_errmsg(db), "work to do") != NULL);

    int64_t id = add_job(db, "Per Hansen", tom, t0);
    CHECK_EQ(id, 1);
    InvJob j;
    CHECK_EQ(inv_job_get(db, id, &j), INV_OK);
    CHECK_EQ(j.status, INV_JOB_RECEIVED);
    CHECK_EQ(j.received_by, tom);
    CHECK_EQ(inv_job_get(db, 77, &j), INV_E_NOT_FOUND);

    /* refused moves: received -> done, to the same status; minutes without staff; nothing */
    CHECK_EQ(move(db, id, INV_JOB_DONE, 0, NULL, tom, t0), INV_E_JOB_MOVE);
    CHECK(strstr(inv_errmsg(db), "received to done") != NULL);
    CHECK_EQ(move(db, id, INV_JOB_RECEIVED, 0, NULL, tom, t0), INV_E_JOB_MOVE);
    CHECK_EQ(move(db, id, -1, 30, NULL, 0, t0), INV_E_INVALID);
    CHECK_EQ(move(db, id, -1, 0, "", tom, t0), INV_E_INVALID);
    CHECK_EQ(move(db, id, -1, INV_JOB_MINUTES_MAX + 1, NULL, tom, t0), INV_E_INVALID);

    /* received -> working -> waiting -> working -> done -> picked up, with time by two */
    CHECK_EQ(move(db, id, INV_JOB_WORKING, 30, NULL, tom, t0 + 60), INV_OK);
    CHECK_EQ(move(db, id, INV_JOB_WAITING, 0, "bremsekabel bestilt", tom, t0 + 120), INV_OK);
    CHECK_EQ(move(db, id, INV_JOB_WORKING, 0, NULL, ida, t0 + 86400), INV_OK);
    CHECK_EQ(move(db, id, -1, 45, NULL, ida, t0 + 86400 + 60), INV_OK);
    CHECK_EQ(move(db, id, INV_JOB_DONE, 20, NULL, tom, t0 + 86400 + 120), INV_OK);
    CHECK_EQ(move(db, id, INV_JOB_WORKING, 0, "gir justert igjen", ida, t0 + 86400 + 180), INV_OK);
    CHECK_EQ(move(db, id, INV_JOB_DONE, 0, NULL, ida, t0 + 86400 * 2), INV_OK);
    CHECK_EQ(inv_job_get(db, id, &j), INV_OK);
    CHECK_EQ(j.finished_at, t0 + 86400 + 120); /* the first time it was done */
    CHECK_EQ(j.minutes, 95);
    CHECK_EQ(move(db, id, INV_JOB_PICKED_UP, 0, NULL, tom, t0 + 86400 * 3), INV_OK);
    CHECK_EQ(move(db, id, INV_JOB_WORKING, 0, NULL, tom, t0 + 86400 * 3), INV_E_JOB_MOVE);
    CHECK_EQ(move(db, id, -1, 0, "note after", tom, t0 + 86400 * 3), INV_E_JOB_MOVE);
    Workers w = {0};
    CHECK_EQ(inv_job_each_worker(db, id, collect_worker, &w), INV_OK);
    CHECK_EQ(w.n, 2);
    CHECK_STREQ(w.w[0].name, "Tom");
    CHECK_EQ(w.w[0].minutes, 50);
    CHECK_STREQ(w.w[1].name, "Ida");
    CHECK_EQ(w.w[1].minutes, 45);
    int events = 0;
    CHECK_EQ(inv_job_each_event(db, id, count_event, &events), INV_OK);
    CHECK_EQ(events, 9); /* intake and eight changes */

    int64_t id2 = add_job(db, "Siri", tom, t0 + 86400 * 3);
    int n = 0;
    CHECK_EQ(inv_job_each(db, false, count_job, &n), INV_OK);
    CHECK_EQ(n, 1); /* the open one */
    n = 0;
    CHECK_EQ(inv_job_each(db, true, count_job, &n), INV_OK);
    CHECK_EQ(n, 2);

    /* the moves allowed, as inventory.h lists them */
    CHECK(inv_job_move_allowed(INV_JOB_RECEIVED, INV_JOB_PICKED_UP));
    CHECK(!inv_job_move_allowed(INV_JOB_WAITING, INV_JOB_DONE));
    CHECK(!inv_job_move_allowed(INV_JOB_PICKED_UP, INV_JOB_RECEIVED));
    InvJobStatus s;
    CHECK(inv_job_status_parse("venter_deler", &s) && s == INV_JOB_WAITING);
    CHECK(inv_job_status_parse("picked_up", &s) && s == INV_JOB_PICKED_UP);

    /* the sweep: picked up 2025-04-04; with 6 months, cleared from 2025-10-04 on */
    size_t swept = 0;
    CHECK_EQ(inv_job_sweep(db, stf_at("2025-10-03T12:00"), 6, false, &swept), INV_OK);
    CHECK_EQ(swept, 0);
    CHECK_EQ(inv_job_sweep(db, stf_at("2025-10-05T12:00"), 6, true, &swept), INV_OK);
    CHECK_EQ(swept, 1);
    CHECK_EQ(inv_job_get(db, id, &j), INV_OK);
    CHECK_STREQ(j.customer, "Per Hansen"); /* dry run: nothing written */
    CHECK_EQ(inv_job_sweep(db, stf_at("2025-10-05T12:00"), 6, false, &swept), INV_OK);
    CHECK_EQ(swept, 1);
    CHECK_EQ(inv_job_get(db, id, &j), INV_OK);
    CHECK_STREQ(j.customer, "");
    CHECK_STREQ(j.phone, "");
    CHECK_STREQ(j.bike, "blå DBS");
    CHECK_EQ(j.swept_at, stf_at("2025-10-05T12:00"));
    CHECK_EQ(inv_job_get(db, id2, &j), INV_OK);
    CHECK_STREQ(j.customer, "Siri"); /* not picked up */
    CHECK_EQ(inv_job_sweep(db, stf_at("2025-10-05T12:00"), 6, false, &swept), INV_OK);
    CHECK_EQ(swept, 0);
    CHECK_EQ(inv_job_sweep(db, stf_at("2025-10-05T12:00"), 0, false, &swept), INV_E_INVALID);
    inv_close(db);
}

/* ---- figures against the raw rows ---- */

static int64_t raw_count(sqlite3 *sql, const char *query, int64_t lo, int64_t hi)
{
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(sql, query, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int cmp64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The spells that ended in [lo, hi), walking each item's status changes in order. */
static double raw_median(sqlite3 *sql, int64_t lo, int64_t hi, int64_t *n_out)
{
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(sql,
                                "SELECT item_id, at, status FROM item_event ORDER BY item_id, at,"
                                " id",
                                -1, &st, NULL),
             SQLITE_OK);
    int64_t d[512];
    int64_t n = 0;
    int64_t item = -1;
    int64_t start = -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        int64_t at = sqlite3_column_int64(st, 1);
        int status = sqlite3_column_int(st, 2);
        if (id != item) {
            item = id;
            start = -1;
        }
        if (status == INV_ITEM_IN_REPAIR) {
            if (start < 0)
                start = at;
        } else {
            if (start >= 0 && at >= lo && at < hi) {
                CHECK(n < 512);
                d[n++] = at - start;
            }
            start = -1;
        }
    }
    sqlite3_finalize(st);
    *n_out = n;
    if (n == 0)
        return 0;
    qsort(d, (size_t)n, sizeof(d[0]), cmp64);
    double mid = n % 2 ? (double)d[n / 2] : ((double)d[n / 2 - 1] + (double)d[n / 2]) / 2.0;
    return mid / 86400.0;
}

static void test_figures(void)
{
    InvDb *db = stf_open_new("figures.db");
    int64_t tom = add_staff(db, "S-1", "Tom", INV_ROLE_TRAINEE);
    int64_t kari = add_borrower(db, "B-1");
    int64_t y0 = stf_at("2024-01-01T00:00");
    char code[32];
    /* a deterministic mix over 2024 and 2025: 60 items, each through repair spells */
    unsigned seed = 12345;
    for (int i = 0; i < 60; i++) {
        snprintf(code, sizeof(code), "IT-%02d", i);
        stf_add_item(db, code, i % 2 ? "Sykler" : "Ski", y0);
    }
    int64_t t = y0 + 3600;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 60; i++) {
            snprintf(code, sizeof(code), "IT-%02d", i);
            InvItem it;
            CHECK_EQ(inv_item_get(db, code, &it), INV_OK);
            if (it.status == INV_ITEM_RETIRED)
                continue;
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 100;
            t += 3600 * (1 + (int64_t)(r % 96));
            lend(db, kari, code, t);
            t += 3600;
            give_back(db, code, true, "skade", t);
            int64_t out = t + 3600 * (int64_t)(2 + r % 400); /* up to 17 days in repair */
            if (r % 5 == 0)
                CHECK_EQ(step(db, code, INV_REPAIR_WAIT, "", 0, tom, out - 60), INV_OK);
            if (r < 60)
                CHECK_EQ(step(db, code, INV_REPAIR_READY, "ok", 0, tom, out), INV_OK);
            else if (r < 80)
                CHECK_EQ(step(db, code, INV_REPAIR_RETIRED, "", (InvRetireReason)(r % 5), tom, out),
                         INV_OK);
            else if (r < 90)
                CHECK_EQ(inv_item_set_status(db, code, INV_ITEM_AVAILABLE, "leader", 0, out),
                         INV_OK);
            else
                CHECK_EQ(inv_item_set_status(db, code, INV_ITEM_RETIRED, "gone", 0, out), INV_OK);
            t = out; /* the clock only moves on */
        }
    }
    /* bike jobs across the years */
    int64_t jt = stf_at("2024-11-20T10:00");
    for (int i = 0; i < 30; i++) {
        int64_t id = add_job(db, "Kunde", tom, jt);
        if (i % 3 != 0) {
            CHECK_EQ(move(db, id, INV_JOB_WORKING, 20 + i, NULL, tom, jt + 3600), INV_OK);
            CHECK_EQ(move(db, id, INV_JOB_DONE, 0, NULL, tom, jt + 86400 * 5), INV_OK);
            if (i % 2)
                CHECK_EQ(move(db, id, INV_JOB_PICKED_UP, 0, NULL, tom, jt + 86400 * 9), INV_OK);
        }
        jt += 86400 * 2;
    }

    char path[512];
    stf_path(path, sizeof(path), "figures.db");
    sqlite3 *sql = NULL;
    CHECK_EQ(sqlite3_open_v2(path, &sql, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (int year = 2024; year <= 2026; year++) {
        char a[32];
        char b[32];
        snprintf(a, sizeof(a), "%d-01-01T00:00", year);
        snprintf(b, sizeof(b), "%d-01-01T00:00", year + 1);
        int64_t lo = stf_at(a);
        int64_t hi = stf_at(b);
        InvWorkshopYear w;
        CHECK_EQ(inv_workshop_year(db, 0, year, &w), INV_OK);
        CHECK_EQ(w.year, year);
        CHECK_EQ(w.repairs_done,
                 raw_count(sql,
                           "SELECT count(*) FROM repair_step WHERE step = 2 AND at >= ?1"
                           " AND at < ?2",
                           lo, hi));
        CHECK_EQ(w.retired, raw_count(sql,
                                      "SELECT count(*) FROM item_event WHERE status = 4 AND"
                                      " at >= ?1 AND at < ?2",
                                      lo, hi));
        int64_t by_reason = 0;
        for (int r = 0; r < INV_RETIRE_COUNT; r++) {
            char q[160];
            snprintf(q, sizeof(q),
                     "SELECT count(*) FROM repair_step WHERE step = 3 AND reason = %d AND"
                     " at >= ?1 AND at < ?2",
                     r);
            CHECK_EQ(w.retired_by_reason[r], raw_count(sql, q, lo, hi));
            by_reason += w.retired_by_reason[r];
        }
        CHECK_EQ(w.retired_other, w.retired - by_reason);
        int64_t n_spells = 0;
        double median = raw_median(sql, lo, hi, &n_spells);
        CHECK_EQ(w.repairs_ended, n_spells);
        CHECK(w.median_repair_days > median - 1e-9 && w.median_repair_days < median + 1e-9);
        CHECK_EQ(w.jobs_received, raw_count(sql,
                                            "SELECT count(*) FROM job WHERE received_at >= ?1 AND"
                                            " received_at < ?2",
                                            lo, hi));
        CHECK_EQ(w.jobs_finished,
                 raw_count(sql,
                           "SELECT count(DISTINCT job_id) FROM job_event e WHERE status ="
                           " 3 AND at >= ?1 AND at < ?2 AND NOT EXISTS (SELECT 1 FROM"
                           " job_event f WHERE f.job_id = e.job_id AND f.status = 3 AND"
                           " f.at < ?1)",
                           lo, hi));
        CHECK_EQ(w.jobs_picked_up,
                 raw_count(sql,
                           "SELECT count(*) FROM job_event WHERE status = 4 AND at >= ?1"
                           " AND at < ?2",
                           lo, hi));
        CHECK_EQ(w.job_minutes,
                 raw_count(sql,
                           "SELECT coalesce(sum(minutes), 0) FROM job_event WHERE at >= ?1"
                           " AND at < ?2",
                           lo, hi));
        if (year == 2025)
            CHECK(w.repairs_ended > 10 && w.retired > 0); /* the spells run over two years */
        if (year == 2024) {
            CHECK(w.repairs_done > 10 && w.repairs_ended > w.repairs_done);
            CHECK(w.retired > 0 && w.retired_other > 0 && w.jobs_received > 0);
        }
    }
    sqlite3_close(sql);

    /* the rows the figures read, made again from the history as migration 4 makes them */
    InvWorkshopYear before[3];
    for (int i = 0; i < 3; i++)
        CHECK_EQ(inv_workshop_year(db, 0, 2024 + i, &before[i]), INV_OK);
    CHECK_EQ(sqlite3_open_v2(path, &sql, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(sql, 5000);
    CHECK_EQ(
        sqlite3_exec(sql, "DELETE FROM workshop_change;" INV_WORKSHOP_BACKFILL, NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(sql);
    for (int i = 0; i < 3; i++) {
        InvWorkshopYear again;
        CHECK_EQ(inv_workshop_year(db, 0, 2024 + i, &again), INV_OK);
        CHECK_EQ(again.retired, before[i].retired);
        CHECK_EQ(again.repairs_ended, before[i].repairs_ended);
        CHECK(again.median_repair_days == before[i].median_repair_days);
    }
    InvWorkshopYear w;
    CHECK_EQ(inv_workshop_year(db, 0, 1900, &w), INV_E_INVALID);
    inv_close(db);
}

int main(void)
{
    stf_begin("workshop");
    RUN(test_repair_queue);
    RUN(test_jobs);
    RUN(test_figures);
    stf_end();
    return 0;
}
