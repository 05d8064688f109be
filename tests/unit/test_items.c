/* Unit tests of lost and found, sets checked on return and item history, on real SQLite files
 * in a temporary folder: marking a lent item lost leaves the year's figures as they were, a
 * missing item turns up in one step, a set returned without a part leaves that part's line open
 * and the set in repair, and an item's history lists it all newest first. */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t T0; /* 2024-03-01 12:00 Oslo */
#define DAY 86400

static int64_t add_item(InvDb *db, const char *code, const char *name, int64_t kit)
{
    InvItem it;
    memset(&it, 0, sizeof(it));
    snprintf(it.barcode, sizeof(it.barcode), "%s", code);
    snprintf(it.name, sizeof(it.name), "%s", name);
    snprintf(it.category, sizeof(it.category), "%s", kit ? "Parts" : "Sport");
    it.kit_id = kit;
    int64_t id = 0;
    CHECK_EQ(inv_item_add(db, &it, T0, &id), INV_OK);
    return id;
}

static void lend(InvDb *db, int64_t borrower, const char *code, int64_t now)
{
    const char *codes[] = {code};
    InvCheckout co = {.borrower_id = borrower, .barcodes = codes, .n_barcodes = 1, .now = now};
    int err = inv_checkout(db, &co, NULL);
    if (err != INV_OK)
        fprintf(stderr, "checkout %s: %s\n", code, inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
}

static InvItemStatus status_of(InvDb *db, const char *code)
{
    InvItem it;
    CHECK_EQ(inv_item_get(db, code, &it), INV_OK);
    return it.status;
}

/* The year report as a comparable value (the categories separately). */
typedef struct Report {
    InvFigures total;
    InvFigures month[12];
    double avg;
    int64_t lent_by_cat[4];
} Report;

static Report report(InvDb *db, int64_t now)
{
    InvYearReport r;
    Report out;
    memset(&out, 0, sizeof(out));
    CHECK_EQ(inv_year_report(db, 2024, now, &r), INV_OK);
    out.total = r.total;
    memcpy(out.month, r.month, sizeof(out.month));
    out.avg = r.avg_loan_days;
    for (size_t i = 0; i < r.n_categories && i < 4; i++)
        out.lent_by_cat[i] = r.by_category[i].items_lent;
    inv_year_report_release(&r);
    InvFigures raw;
    CHECK_EQ(inv_figures_raw(db, 2024, 0, &raw), INV_OK);
    CHECK(memcmp(&raw, &out.total, sizeof(raw)) == 0);
    return out;
}

static bool same_report(const Report *a, const Report *b)
{
    return memcmp(&a->total, &b->total, sizeof(a->total)) == 0 &&
           memcmp(a->month, b->month, sizeof(a->month)) == 0 && a->avg == b->avg &&
           memcmp(a->lent_by_cat, b->lent_by_cat, sizeof(a->lent_by_cat)) == 0;
}

typedef struct Lost {
    size_t n;
    InvLostLine last[4];
} Lost;

static int collect_lost(const InvLostLine *l, void *ctx)
{
    Lost *c = ctx;
    if (c->n < 4)
        c->last[c->n] = *l;
    c->n++;
    return 0;
}

typedef struct Hist {
    size_t n;
    InvHistoryEntry e[16];
} Hist;

static int collect_hist(const InvHistoryEntry *e, void *ctx)
{
    Hist *h = ctx;
    CHECK(h->n < 16);
    h->e[h->n++] = *e;
    return 0;
}

typedef struct Codes {
    size_t n;
    char code[8][INV_CODE_MAX];
} Codes;

static int collect_code(const InvLoanLine *l, void *ctx)
{
    Codes *c = ctx;
    CHECK(c->n < 8);
    snprintf(c->code[c->n++], INV_CODE_MAX, "%s", l->barcode);
    return 0;
}

static void test_lost_and_found(void)
{
    InvDb *db = stf_open_new("lost.db");
    add_item(db, "HELM-1", "Helmet", 0);
    add_item(db, "HELM-2", "Helmet", 0);
    int64_t ola = stf_add_borrower(db, "C1", "Ola", T0);
    lend(db, ola, "HELM-1", T0);
    lend(db, ola, "HELM-2", T0 + 60);
    InvReturn ret = {.barcode = "HELM-2", .now = T0 + 2 * DAY};
    CHECK_EQ(inv_return(db, &ret, NULL), INV_OK);
    Report before = report(db, T0 + 30 * DAY);

    /* not on loan: mark it missing instead; unknown barcode; nothing changes */
    CHECK_EQ(inv_item_lost(db, "HELM-2", NULL, 0, T0 + 30 * DAY, NULL), INV_E_NOT_ON_LOAN);
    CHECK(strstr(inv_errmsg(db), "HELM-2") != NULL);
    CHECK_STREQ(inv_err_barcode(db), "HELM-2");
    CHECK_EQ(inv_item_lost(db, "NOPE", NULL, 0, T0, NULL), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(inv_item_lost(db, "HELM-1", "bad\x01note", 0, T0, NULL), INV_E_INVALID);
    CHECK_EQ(status_of(db, "HELM-1"), INV_ITEM_ON_LOAN);

    InvLoanLine had;
    CHECK_EQ(inv_item_lost(db, "HELM-1", "left at the lake", 0, T0 + 30 * DAY, &had), INV_OK);
    CHECK_STREQ(had.card, "C1");
    CHECK_EQ(status_of(db, "HELM-1"), INV_ITEM_MISSING);
    CHECK_EQ(inv_item_loan(db, "HELM-1", T0, &had), INV_E_NOT_ON_LOAN);
    /* the figures already counted stay, and a lost line is not a return (average unchanged) */
    Report after = report(db, T0 + 30 * DAY);
    CHECK(same_report(&before, &after));
    CHECK_EQ(inv_check(db), INV_OK);
    CHECK_EQ(inv_summaries_rebuild(db), INV_OK);
    Report rebuilt = report(db, T0 + 30 * DAY);
    CHECK(same_report(&before, &rebuilt));
    /* the borrower's record shows it */
    Lost lost = {0};
    CHECK_EQ(inv_borrower_each_lost(db, ola, false, collect_lost, &lost), INV_OK);
    CHECK_EQ(lost.n, 1);
    CHECK_STREQ(lost.last[0].line.barcode, "HELM-1");
    CHECK_EQ(lost.last[0].lost_at, T0 + 30 * DAY);
    CHECK_EQ(lost.last[0].line.returned_at, T0 + 30 * DAY);
    CHECK_STREQ(lost.last[0].note, "left at the lake");
    /* open loans no longer list it */
    Codes open = {0};
    CHECK_EQ(inv_borrower_each_open(db, ola, false, T0, collect_code, &open), INV_OK);
    CHECK_EQ(open.n, 0);
    CHECK_EQ(inv_lend_check(db, ola, "HELM-1", T0, NULL, NULL), INV_E_ITEM_MISSING);

    /* found: not missing is refused; missing becomes available in one step */
    CHECK_EQ(inv_item_found(db, "HELM-2", NULL, 0, T0 + 31 * DAY), INV_E_NOT_MISSING);
    CHECK(strstr(inv_errmsg(db), "available") != NULL);
    CHECK_EQ(inv_item_found(db, "NOPE", NULL, 0, T0), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(inv_item_found(db, "HELM-1", NULL, 0, T0 + 31 * DAY), INV_OK);
    CHECK_EQ(status_of(db, "HELM-1"), INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_item_found(db, "HELM-1", NULL, 0, T0 + 31 * DAY), INV_E_NOT_MISSING);
    /* written off stays written off; the item lends again */
    lost.n = 0;
    CHECK_EQ(inv_borrower_each_lost(db, ola, false, collect_lost, &lost), INV_OK);
    CHECK_EQ(lost.n, 1);
    after = report(db, T0 + 30 * DAY);
    CHECK(same_report(&before, &after));
    lend(db, ola, "HELM-1", T0 + 32 * DAY);
    CHECK_EQ(inv_check(db), INV_OK);

    /* an item not on loan, marked missing as before, is found the same way */
    CHECK_EQ(inv_item_set_status(db, "HELM-2", INV_ITEM_MISSING, "not on the shelf", 0, T0),
             INV_OK);
    CHECK_EQ(inv_item_found(db, "HELM-2", "behind the door", 0, T0 + DAY), INV_OK);
    CHECK_EQ(status_of(db, "HELM-2"), INV_ITEM_AVAILABLE);
    inv_close(db);
}

static void test_set_missing_part(void)
{
    InvDb *db = stf_open_new("sets.db");
    int64_t set = add_item(db, "SKI-1", "Ski set", 0);
    add_item(db, "SKI-1-A", "Skis", set);
    add_item(db, "SKI-1-B", "Poles", set);
    add_item(db, "SKI-1-C", "Boots", set);
    add_item(db, "OTHER", "Sled", 0);
    int64_t kari = stf_add_borrower(db, "C2", "Kari", T0);
    InvStaff boss = {.role = INV_ROLE_LEADER};
    snprintf(boss.name, sizeof(boss.name), "Boss");
    snprintf(boss.card, sizeof(boss.card), "S1");
    int64_t boss_id = 0;
    CHECK_EQ(inv_staff_add(db, &boss, "1234", &boss_id), INV_OK);
    lend(db, kari, "SKI-1", T0);
    lend(db, kari, "OTHER", T0);

    /* what went out with the set */
    Codes out = {0};
    CHECK_EQ(inv_set_parts_out(db, "SKI-1", T0, collect_code, &out), INV_OK);
    CHECK_EQ(out.n, 3);
    CHECK_STREQ(out.code[0], "SKI-1-A");
    CHECK_STREQ(out.code[2], "SKI-1-C");
    Codes none = {0};
    CHECK_EQ(inv_set_parts_out(db, "OTHER", T0, collect_code, &none), INV_OK);
    CHECK_EQ(none.n, 0);
    Report before = report(db, T0 + DAY);

    /* a part not of this set, or listed twice: refused, nothing changes */
    InvReturn ret = {.barcode = "SKI-1", .staff_id = boss_id, .now = T0 + DAY};
    const char *wrong[] = {"SKI-1-A", "OTHER"};
    CHECK_EQ(inv_return_set(db, &ret, wrong, 2, NULL), INV_E_NOT_A_PART);
    CHECK(strstr(inv_errmsg(db), "OTHER") != NULL);
    CHECK_STREQ(inv_err_barcode(db), "OTHER");
    const char *twice[] = {"SKI-1-A", "SKI-1-A"};
    CHECK_EQ(inv_return_set(db, &ret, twice, 2, NULL), INV_E_NOT_A_PART);
    CHECK_EQ(status_of(db, "SKI-1"), INV_ITEM_ON_LOAN);
    CHECK_EQ(status_of(db, "SKI-1-A"), INV_ITEM_ON_LOAN);

    /* poles missing */
    const char *present[] = {"SKI-1-C", "SKI-1-A"};
    InvReturned *r = calloc(1, sizeof(*r));
    CHECK(r != NULL);
    CHECK_EQ(inv_return_set(db, &ret, present, 2, r), INV_OK);
    CHECK_EQ(r->n_parts, 2);
    CHECK_EQ(r->n_missing, 1);
    CHECK_STREQ(r->missing[0], "SKI-1-B");
    CHECK_EQ(r->item.status, INV_ITEM_IN_REPAIR);
    CHECK_EQ(status_of(db, "SKI-1"), INV_ITEM_IN_REPAIR);
    CHECK_EQ(status_of(db, "SKI-1-A"), INV_ITEM_AVAILABLE);
    CHECK_EQ(status_of(db, "SKI-1-C"), INV_ITEM_AVAILABLE);
    CHECK_EQ(status_of(db, "SKI-1-B"), INV_ITEM_MISSING);
    CHECK_EQ(inv_lend_check(db, kari, "SKI-1-B", T0, NULL, NULL), INV_E_ITEM_MISSING);
    /* the part's line stays open, reported lost, and the borrower's record says so */
    InvLoanLine pl;
    CHECK_EQ(inv_item_loan(db, "SKI-1-B", T0 + DAY, &pl), INV_OK);
    CHECK_STREQ(pl.card, "C2");
    Lost lost = {0};
    CHECK_EQ(inv_borrower_each_lost(db, kari, false, collect_lost, &lost), INV_OK);
    CHECK_EQ(lost.n, 1);
    CHECK_STREQ(lost.last[0].line.barcode, "SKI-1-B");
    CHECK_EQ(lost.last[0].line.returned_at, 0);
    /* the set's note names the missing part; the figures are unchanged */
    Hist h = {0};
    CHECK_EQ(inv_item_history(db, "SKI-1", 0, 0, collect_hist, &h), INV_OK);
    CHECK_EQ(h.e[0].kind, INV_HIST_STATUS);
    CHECK_EQ(h.e[0].status, INV_ITEM_IN_REPAIR);
    CHECK_STREQ(h.e[0].note, "incomplete: missing SKI-1-B");
    Report after = report(db, T0 + DAY);
    CHECK_EQ(after.total.items_lent, 5);
    CHECK_EQ(before.total.items_lent, after.total.items_lent);
    CHECK_EQ(before.total.loans, after.total.loans);
    CHECK_EQ(inv_check(db), INV_OK);

    /* the poles turn up: the line closes as returned, the part is available */
    CHECK_EQ(inv_item_found(db, "SKI-1-B", NULL, boss_id, T0 + 3 * DAY), INV_OK);
    CHECK_EQ(status_of(db, "SKI-1-B"), INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_item_loan(db, "SKI-1-B", T0, &pl), INV_E_NOT_ON_LOAN);
    lost.n = 0;
    CHECK_EQ(inv_borrower_each_lost(db, kari, false, collect_lost, &lost), INV_OK);
    CHECK_EQ(lost.n, 0);
    CHECK_EQ(inv_check(db), INV_OK);
    CHECK_EQ(inv_summaries_rebuild(db), INV_OK);
    Report rebuilt = report(db, T0 + DAY);
    after = report(db, T0 + DAY);
    CHECK(same_report(&after, &rebuilt));

    /* every part there: as one-call return */
    CHECK_EQ(inv_item_set_status(db, "SKI-1", INV_ITEM_AVAILABLE, "fixed", boss_id, T0 + 4 * DAY),
             INV_OK);
    lend(db, kari, "SKI-1", T0 + 5 * DAY);
    const char *all[] = {"SKI-1-A", "SKI-1-B", "SKI-1-C"};
    ret.now = T0 + 6 * DAY;
    CHECK_EQ(inv_return_set(db, &ret, all, 3, r), INV_OK);
    CHECK_EQ(r->n_missing, 0);
    CHECK_EQ(r->n_parts, 3);
    CHECK_EQ(status_of(db, "SKI-1"), INV_ITEM_AVAILABLE);

    /* a part missing that a leader lends anyway, and one retired while missing */
    lend(db, kari, "SKI-1", T0 + 7 * DAY);
    ret.now = T0 + 8 * DAY;
    CHECK_EQ(inv_return_set(db, &ret, NULL, 0, r), INV_OK);
    CHECK_EQ(r->n_missing, 3);
    const char *codes[] = {"SKI-1-A"};
    const bool force[] = {true};
    InvCheckout co = {.borrower_id = kari,
                      .barcodes = codes,
                      .n_barcodes = 1,
                      .staff_id = boss_id,
                      .now = T0 + 9 * DAY,
                      .overrides = force};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
    CHECK_EQ(inv_item_set_status(db, "SKI-1-C", INV_ITEM_RETIRED, "gone", boss_id, T0 + 9 * DAY),
             INV_OK);
    lost.n = 0;
    CHECK_EQ(inv_borrower_each_lost(db, kari, false, collect_lost, &lost), INV_OK);
    CHECK_EQ(lost.n, 2); /* B still open, C written off; A went out again */
    CHECK_EQ(inv_check(db), INV_OK);
    /* a part missing from a set can then be written off as lost */
    CHECK_EQ(inv_item_lost(db, "SKI-1-B", NULL, boss_id, T0 + 10 * DAY, NULL), INV_OK);
    CHECK_EQ(inv_item_loan(db, "SKI-1-B", T0, &pl), INV_E_NOT_ON_LOAN);
    CHECK_EQ(inv_check(db), INV_OK);

    /* a whole set lost: its parts out on the same loan are written off with it */
    CHECK_EQ(inv_item_found(db, "SKI-1-B", NULL, boss_id, T0 + 11 * DAY), INV_OK);
    CHECK_EQ(inv_item_set_status(db, "SKI-1", INV_ITEM_AVAILABLE, NULL, boss_id, T0 + 11 * DAY),
             INV_OK);
    InvReturn back = {.barcode = "SKI-1-A", .now = T0 + 11 * DAY};
    CHECK_EQ(inv_return(db, &back, NULL), INV_OK);
    CHECK_EQ(inv_item_set_status(db, "SKI-1-C", INV_ITEM_AVAILABLE, NULL, boss_id, T0 + 11 * DAY),
             INV_OK);
    lend(db, kari, "SKI-1", T0 + 12 * DAY);
    Report before_loss = report(db, T0 + 20 * DAY);
    CHECK_EQ(inv_item_lost(db, "SKI-1", "the whole bag", boss_id, T0 + 13 * DAY, NULL), INV_OK);
    CHECK_EQ(status_of(db, "SKI-1"), INV_ITEM_MISSING);
    CHECK_EQ(status_of(db, "SKI-1-A"), INV_ITEM_MISSING);
    CHECK_EQ(status_of(db, "SKI-1-B"), INV_ITEM_MISSING);
    CHECK_EQ(status_of(db, "SKI-1-C"), INV_ITEM_MISSING);
    CHECK_EQ(inv_item_loan(db, "SKI-1-A", T0, &pl), INV_E_NOT_ON_LOAN);
    Report after_loss = report(db, T0 + 20 * DAY);
    CHECK(same_report(&before_loss, &after_loss));
    CHECK_EQ(inv_check(db), INV_OK);
    free(r);
    inv_close(db);
}

static void test_history(void)
{
    InvDb *db = stf_open_new("history.db");
    add_item(db, "TENT-1", "Tent", 0);
    int64_t ola = stf_add_borrower(db, "C1", "Ola", T0);
    int64_t kari = stf_add_borrower(db, "C2", "Kari", T0);
    InvStaff t = {.role = INV_ROLE_TRAINEE};
    snprintf(t.name, sizeof(t.name), "Trainee Tom");
    snprintf(t.card, sizeof(t.card), "S2");
    int64_t tom = 0;
    CHECK_EQ(inv_staff_add(db, &t, "1234", &tom), INV_OK);

    CHECK_EQ(inv_item_history(db, "NOPE", 0, 0, collect_hist, NULL), INV_E_UNKNOWN_ITEM);
    Hist h = {0};
    CHECK_EQ(inv_item_history(db, "TENT-1", 0, 0, collect_hist, &h), INV_OK);
    CHECK_EQ(h.n, 0);

    lend(db, ola, "TENT-1", T0);
    InvReturn ret = {.barcode = "TENT-1",
                     .damaged = true,
                     .note = "torn door",
                     .staff_id = tom,
                     .now = T0 + 3 * DAY};
    CHECK_EQ(inv_return(db, &ret, NULL), INV_OK);
    CHECK_EQ(inv_item_set_status(db, "TENT-1", INV_ITEM_AVAILABLE, "sewn", tom, T0 + 4 * DAY),
             INV_OK);
    int64_t audit = 0;
    CHECK_EQ(inv_audit_start(db, "", tom, T0 + 5 * DAY, &audit), INV_OK);
    InvAuditKind kind;
    CHECK_EQ(inv_audit_scan(db, audit, "TENT-1", T0 + 5 * DAY + 10, &kind, NULL), INV_OK);
    lend(db, kari, "TENT-1", T0 + 6 * DAY);

    memset(&h, 0, sizeof(h));
    CHECK_EQ(inv_item_history(db, "TENT-1", 0, 0, collect_hist, &h), INV_OK);
    CHECK_EQ(h.n, 6);
    CHECK_EQ(h.e[0].kind, INV_HIST_LENT);
    CHECK_STREQ(h.e[0].card, "C2");
    CHECK_EQ(h.e[0].returned_at, 0);
    CHECK(h.e[0].due_at > T0 + 6 * DAY);
    CHECK_EQ(h.e[1].kind, INV_HIST_STOCKTAKE);
    CHECK_EQ(h.e[1].status, INV_AUDIT_FOUND);
    CHECK_STREQ(h.e[1].staff, "Trainee Tom");
    CHECK_EQ(h.e[2].kind, INV_HIST_STATUS);
    CHECK_EQ(h.e[2].status, INV_ITEM_AVAILABLE);
    CHECK_STREQ(h.e[2].note, "sewn");
    CHECK_EQ(h.e[3].kind, INV_HIST_STATUS); /* to repair at the return, same time */
    CHECK_EQ(h.e[3].status, INV_ITEM_IN_REPAIR);
    CHECK_EQ(h.e[4].kind, INV_HIST_RETURNED);
    CHECK(h.e[4].damaged);
    CHECK_STREQ(h.e[4].note, "torn door");
    CHECK_STREQ(h.e[4].staff, "Trainee Tom");
    CHECK_EQ(h.e[5].kind, INV_HIST_LENT);
    CHECK_STREQ(h.e[5].card, "C1");
    CHECK_STREQ(h.e[5].borrower_name, "Ola");
    CHECK_EQ(h.e[5].returned_at, T0 + 3 * DAY);
    CHECK_STREQ(inv_history_kind_name(INV_HIST_STOCKTAKE), "stocktake");

    /* paged */
    Hist page = {0};
    CHECK_EQ(inv_item_history(db, "TENT-1", 4, 4, collect_hist, &page), INV_OK);
    CHECK_EQ(page.n, 2);
    CHECK_EQ(page.e[0].kind, INV_HIST_RETURNED);
    memset(&page, 0, sizeof(page));
    CHECK_EQ(inv_item_history(db, "TENT-1", 0, 2, collect_hist, &page), INV_OK);
    CHECK_EQ(page.n, 2);

    /* lost shows as lost, found as a status change */
    CHECK_EQ(inv_item_lost(db, "TENT-1", NULL, tom, T0 + 20 * DAY, NULL), INV_OK);
    CHECK_EQ(inv_item_found(db, "TENT-1", NULL, tom, T0 + 21 * DAY), INV_OK);
    memset(&h, 0, sizeof(h));
    CHECK_EQ(inv_item_history(db, "TENT-1", 0, 4, collect_hist, &h), INV_OK);
    CHECK_EQ(h.e[0].kind, INV_HIST_STATUS);
    CHECK_STREQ(h.e[0].note, "found");
    CHECK_EQ(h.e[1].kind, INV_HIST_STATUS);
    CHECK_EQ(h.e[1].status, INV_ITEM_MISSING);
    CHECK_STREQ(h.e[1].note, "lost by C2");
    CHECK_EQ(h.e[2].kind, INV_HIST_LOST);
    CHECK_STREQ(h.e[2].card, "C2");
    CHECK_EQ(h.e[3].kind, INV_HIST_LENT);
    inv_close(db);
}

int main(void)
{
    stf_begin("items");
    T0 = stf_zone_time("2024-03-01T12:00");
    RUN(test_lost_and_found);
    RUN(test_set_missing_part);
    RUN(test_history);
    stf_end();
    fprintf(stderr, "test_items: ok\n");
    return 0;
}
