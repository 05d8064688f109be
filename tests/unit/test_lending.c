/* Unit tests of renewals and reservations on real SQLite files: renewal rules (limit, overdue,
 * reserved in the new period, whose loan), reservations of one item and of N items of a category
 * (clashes, too few free, impossible dates), checkout refused for an item reserved for someone
 * else and fulfilling the borrower's own, the category swap, expiry, cancel, the year report's
 * counts and a borrower's own history. */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DAY 86400

static int64_t T0; /* Friday 2024-03-01 12:00 Oslo */

/* An item "Ting CODE" of category cat, added at T0. */
static void add_item(InvDb *db, const char *code, const char *cat)
{
    stf_add_item(db, code, cat, T0);
}

static int64_t add_borrower(InvDb *db, const char *card, int64_t responsible)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "Person %s", card);
    b.responsible_id = responsible;
    b.consent = true;
    b.consent_by = responsible; /* a child's consent is the adult's */
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, T0, &id), INV_OK);
    return id;
}

static int lend(InvDb *db, int64_t borrower, const char *code, int64_t now)
{
    const char *codes[1] = {code};
    InvCheckout co = {.borrower_id = borrower, .barcodes = codes, .n_barcodes = 1, .now = now};
    return inv_checkout(db, &co, NULL);
}

static int renew(InvDb *db, const char *code, int64_t borrower, int days, int64_t now,
                 InvRenewed *out)
{
    InvRenew r = {.barcode = code, .borrower_id = borrower, .days = days, .now = now};
    return inv_renew(db, &r, out);
}

static int reserve_item(InvDb *db, int64_t borrower, const char *code, const char *from,
                        const char *to, int64_t now, int64_t *id)
{
    InvReserve r = {.borrower_id = borrower,
                    .barcode = code,
                    .from = stf_at(from),
                    .to = stf_at(to),
                    .now = now};
    return inv_reserve(db, &r, id);
}

static int reserve_cat(InvDb *db, int64_t borrower, const char *cat, int n, const char *from,
                       const char *to, int64_t now, int64_t *id)
{
    InvReserve r = {.borrower_id = borrower,
                    .category = cat,
                    .count = n,
                    .from = stf_at(from),
                    .to = stf_at(to),
                    .now = now};
    return inv_reserve(db, &r, id);
}

static void day_is(int64_t t, const char *day)
{
    char buf[32];
    inv_time_format(t, false, buf, sizeof(buf));
    char want[32];
    snprintf(want, sizeof(want), "%s 23:59", day);
    CHECK_STREQ(buf, want);
}

static void msg_has(InvDb *db, const char *part)
{
    if (strstr(inv_errmsg(db), part) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", inv_errmsg(db), part);
        CHECK(0);
    }
}

static void test_renew(void)
{
    InvDb *db = stf_open_new("renew.db");
    add_item(db, "T-1", "Telt");
    add_item(db, "T-2", "Telt");
    int64_t a = add_borrower(db, "A1", 0);
    int64_t kid = add_borrower(db, "K1", a);
    int64_t b = add_borrower(db, "B1", 0);
    InvRenewed r;

    CHECK_EQ(renew(db, "T-1", 0, 0, T0, &r), INV_E_NOT_ON_LOAN);
    msg_has(db, "T-1 (Ting T-1) is not on loan");
    CHECK_EQ(renew(db, "NOPE", 0, 0, T0, &r), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(lend(db, kid, "T-1", T0), INV_OK); /* due Friday 8 March */

    /* only the borrower (or their responsible adult) renews at the kiosk */
    CHECK_EQ(renew(db, "T-1", b, 0, T0 + DAY, &r), INV_E_NOT_ON_LOAN);
    msg_has(db, "not on your loan");
    /* from the old due day, for the item's loan days */
    CHECK_EQ(renew(db, "T-1", a, 0, T0 + DAY, &r), INV_OK);
    day_is(r.old_due_at, "2024-03-08");
    day_is(r.line.due_at, "2024-03-15");
    CHECK_EQ(r.renewals, 1);
    CHECK_STREQ(r.line.barcode, "T-1");
    CHECK_EQ(renew(db, "T-1", kid, 3, T0 + DAY, &r), INV_OK);
    day_is(r.line.due_at, "2024-03-18");
    CHECK_EQ(r.renewals, 2);
    /* the limit (default 2) */
    CHECK_EQ(renew(db, "T-1", 0, 0, T0 + DAY, &r), INV_E_RENEW_LIMIT);
    msg_has(db, "renewed 2 times: the most allowed is 2");
    CHECK_STREQ(inv_err_barcode(db), "T-1");
    InvLendRules rules;
    CHECK_EQ(inv_lend_rules(db, &rules), INV_OK);
    CHECK_EQ(rules.renew_max, 2);
    CHECK_EQ(rules.renew_overdue_days, 7);
    CHECK_EQ(rules.pickup_days, 1);
    rules.renew_max = 3;
    CHECK_EQ(inv_lend_rules_set(db, &rules), INV_OK);
    CHECK_EQ(renew(db, "T-1", 0, 0, T0 + DAY, &r), INV_OK);
    rules.renew_max = 101;
    CHECK_EQ(inv_lend_rules_set(db, &rules), INV_E_INVALID);
    msg_has(db, "renew_max is 0 to 100, not 101");
    CHECK_EQ(inv_lend_rules(db, &rules), INV_OK);
    CHECK_EQ(rules.renew_max, 3);
    CHECK_EQ(renew(db, "T-1", 0, 400, T0 + DAY, &r), INV_E_INVALID);

    /* overdue: up to 7 days past the due day, and then from now */
    CHECK_EQ(lend(db, b, "T-2", T0), INV_OK); /* due 2024-03-08 */
    CHECK_EQ(renew(db, "T-2", 0, 0, stf_at("2024-03-16T12:00"), &r), INV_E_RENEW_OVERDUE);
    msg_has(db, "was due 2024-03-08, 8 days ago: renewal is allowed up to 7 days late");
    CHECK_EQ(renew(db, "T-2", 0, 0, stf_at("2024-03-15T12:00"), &r), INV_OK);
    day_is(r.line.due_at, "2024-03-22");

    /* a set is renewed with its parts; a part reserved by someone else stops it */
    add_item(db, "SET-1", "Ski");
    InvItem part;
    memset(&part, 0, sizeof(part));
    snprintf(part.barcode, sizeof(part.barcode), "SET-1P");
    snprintf(part.name, sizeof(part.name), "Staver");
    snprintf(part.category, sizeof(part.category), "Ski");
    InvItem set;
    CHECK_EQ(inv_item_get(db, "SET-1", &set), INV_OK);
    part.kit_id = set.id;
    CHECK_EQ(inv_item_add(db, &part, T0, NULL), INV_OK);
    CHECK_EQ(lend(db, b, "SET-1", T0), INV_OK);
    InvReserve rs = {.borrower_id = a,
                     .barcode = "SET-1P",
                     .from = stf_at("2024-03-14"),
                     .to = stf_at("2024-03-14"),
                     .now = T0};
    int64_t rid = 0;
    CHECK_EQ(inv_reserve(db, &rs, &rid), INV_OK);
    CHECK_EQ(renew(db, "SET-1", 0, 0, T0 + DAY, &r), INV_E_ITEM_RESERVED);
    msg_has(db, "SET-1P (Staver) is reserved from Thursday 2024-03-14");
    CHECK_EQ(renew(db, "SET-1", 0, 3, T0 + DAY, &r), INV_OK);
    day_is(r.line.due_at, "2024-03-11");
    InvLoanLine pl;
    CHECK_EQ(inv_item_loan(db, "SET-1P", T0, &pl), INV_OK);
    day_is(pl.due_at, "2024-03-11");

    InvYearReport y;
    CHECK_EQ(inv_year_report(db, 2024, T0, &y), INV_OK);
    CHECK_EQ(y.renewals, 6); /* each line renewed: the set and its part count */
    inv_year_report_release(&y);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

static void test_reserve_item(void)
{
    InvDb *db = stf_open_new("reserve.db");
    add_item(db, "S-1", "Sykkel");
    add_item(db, "S-2", "Sykkel");
    int64_t a = add_borrower(db, "A1", 0);
    int64_t b = add_borrower(db, "B1", 0);
    int64_t id = 0;

    /* impossible dates and unknowns */
    CHECK_EQ(reserve_item(db, b, "S-1", "2024-03-06", "2024-03-05", T0, &id), INV_E_INVALID);
    msg_has(db, "ends (Tuesday 2024-03-05) before it starts (Wednesday 2024-03-06)");
    CHECK_EQ(reserve_item(db, b, "S-1", "2024-02-29", "2024-03-05", T0, &id), INV_E_INVALID);
    msg_has(db, "starts in the past");
    CHECK_EQ(reserve_item(db, b, "S-1", "2024-03-01", "2025-06-05", T0, &id), INV_E_INVALID);
    CHECK_EQ(reserve_item(db, b, "NOPE", "2024-03-05", "2024-03-06", T0, &id), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(reserve_item(db, 999, "S-1", "2024-03-05", "2024-03-06", T0, &id),
             INV_E_UNKNOWN_BORROWER);
    CHECK_EQ(reserve_cat(db, b, "Nope", 1, "2024-03-05", "2024-03-06", T0, &id), INV_E_NOT_FOUND);

    /* S-1 booked for B on Tuesday and Wednesday */
    CHECK_EQ(reserve_item(db, b, "S-1", "2024-03-05", "2024-03-06", T0, &id), INV_OK);
    CHECK_EQ(id, 1);
    int64_t id2 = 0;
    CHECK_EQ(reserve_item(db, a, "S-1", "2024-03-06", "2024-03-08", T0, &id2), INV_E_ITEM_RESERVED);
    msg_has(db, "S-1 (Ting S-1) is reserved from Tuesday 2024-03-05 to Wednesday 2024-03-06 "
                "(reservation 1)");
    CHECK_EQ(reserve_item(db, a, "S-1", "2024-03-09", "2024-03-10", T0, &id2), INV_OK);

    /* lending S-1 to A now (due Friday 8th) clashes with B's booking from Tuesday */
    InvItem it;
    int64_t due = 0;
    CHECK_EQ(inv_lend_check(db, a, "S-1", T0, &it, &due), INV_E_ITEM_RESERVED);
    CHECK_EQ(inv_err_at(db), stf_at("2024-03-05"));
    CHECK_STREQ(inv_err_barcode(db), "S-1");
    CHECK_EQ(lend(db, a, "S-1", T0), INV_E_ITEM_RESERVED);
    msg_has(db, "reserved from Tuesday 2024-03-05");
    /* B gets it, and the reservation is collected */
    CHECK_EQ(inv_lend_check(db, b, "S-1", T0, &it, &due), INV_OK);
    CHECK_EQ(lend(db, b, "S-1", T0), INV_OK);
    InvReservation res;
    CHECK_EQ(inv_reservation_get(db, 1, T0, &res), INV_OK);
    CHECK_EQ(res.state, INV_RES_COLLECTED);
    CHECK_EQ(res.collected, 1);
    CHECK_STREQ(res.card, "B1");
    CHECK_STREQ(res.barcode, "S-1");

    /* B's loan is due Friday 8th: renewing it clashes with A's booking from Saturday 9th */
    InvRenewed rn;
    CHECK_EQ(renew(db, "S-1", 0, 0, T0 + DAY, &rn), INV_E_ITEM_RESERVED);
    msg_has(db, "reserved from Saturday 2024-03-09");
    CHECK_EQ(inv_err_at(db), stf_at("2024-03-09"));
    /* and booking an item on loan past the first day is refused naming the due day */
    CHECK_EQ(reserve_item(db, a, "S-1", "2024-03-04", "2024-03-04", T0, &id2), INV_E_ITEM_ON_LOAN);
    msg_has(db, "on loan until Friday 2024-03-08, after the reservation starts Monday 2024-03-04");

    /* cancel: then the item is free again; twice is refused */
    CHECK_EQ(inv_reservation_cancel(db, 2, 0, T0), INV_OK);
    CHECK_EQ(inv_reservation_cancel(db, 2, 0, T0), INV_E_RESERVATION_CLOSED);
    CHECK_EQ(inv_reservation_cancel(db, 1, 0, T0), INV_E_RESERVATION_CLOSED);
    CHECK_EQ(inv_reservation_cancel(db, 77, 0, T0), INV_E_NOT_FOUND);
    CHECK_EQ(renew(db, "S-1", 0, 0, T0 + DAY, &rn), INV_OK);

    /* expiry: not collected by the end of its first day, it holds nothing */
    CHECK_EQ(reserve_item(db, b, "S-2", "2024-03-04", "2024-03-10", T0, &id), INV_OK);
    CHECK_EQ(lend(db, a, "S-2", stf_at("2024-03-04T18:00")), INV_E_ITEM_RESERVED);
    CHECK_EQ(inv_reservation_get(db, id, stf_at("2024-03-05T08:00"), &res), INV_OK);
    CHECK_EQ(res.state, INV_RES_EXPIRED);
    CHECK_EQ(lend(db, a, "S-2", stf_at("2024-03-05T08:00")), INV_OK);
    CHECK_EQ(inv_reservation_cancel(db, id, 0, stf_at("2024-03-05T08:00")),
             INV_E_RESERVATION_CLOSED);

    InvYearReport y;
    CHECK_EQ(inv_year_report(db, 2024, T0, &y), INV_OK);
    CHECK_EQ(y.reservations_made, 3);
    CHECK_EQ(y.reservations_fulfilled, 1);
    CHECK_EQ(y.renewals, 1);
    inv_year_report_release(&y);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

typedef struct Seen {
    int n;
    char codes[40][INV_CODE_MAX];
    int held;
} Seen;

static int seen_item(const InvReservedItem *it, void *ctx)
{
    Seen *s = ctx;
    snprintf(s->codes[s->n++], INV_CODE_MAX, "%s", it->barcode);
    s->held += it->held;
    return 0;
}

static int seen_res(const InvReservation *r, void *ctx)
{
    Seen *s = ctx;
    snprintf(s->codes[s->n++], INV_CODE_MAX, "%lld", (long long)r->id);
    return 0;
}

static int seen_line(const InvLoanLine *l, void *ctx)
{
    Seen *s = ctx;
    snprintf(s->codes[s->n++], INV_CODE_MAX, "%s", l->barcode);
    return 0;
}

static void test_reserve_category(void)
{
    InvDb *db = stf_open_new("category.db");
    char code[16];
    for (int i = 1; i <= 26; i++) {
        snprintf(code, sizeof(code), "SK-%02d", i);
        add_item(db, code, "Skøyter");
    }
    int64_t school = add_borrower(db, "SCHOOL", 0);
    int64_t a = add_borrower(db, "A1", 0);
    CHECK_EQ(lend(db, a, "SK-26", T0), INV_OK); /* due Friday 8th */

    int64_t id = 0;
    CHECK_EQ(reserve_cat(db, school, "Skøyter", 26, "2024-03-07", "2024-03-07", T0, &id),
             INV_E_TOO_FEW_FREE);
    msg_has(db, "only 25 items of category Skøyter are free from Thursday 2024-03-07 to "
                "Thursday 2024-03-07, not 26");
    CHECK_EQ(reserve_cat(db, school, "Skøyter", 25, "2024-03-07", "2024-03-07", T0, &id), INV_OK);
    Seen s;
    memset(&s, 0, sizeof(s));
    CHECK_EQ(inv_reservation_each_item(db, id, T0, seen_item, &s), INV_OK);
    CHECK_EQ(s.n, 25);
    CHECK_EQ(s.held, 25);
    CHECK_STREQ(s.codes[0], "SK-01");
    CHECK_EQ(inv_reservation_each_item(db, 99, T0, seen_item, &s), INV_E_NOT_FOUND);

    /* the clash: nothing more of the category that day, nor one of the booked items */
    int64_t id2 = 0;
    CHECK_EQ(reserve_cat(db, a, "Skøyter", 1, "2024-03-07", "2024-03-08", T0, &id2),
             INV_E_TOO_FEW_FREE);
    msg_has(db, "only 0 items");
    CHECK_EQ(reserve_item(db, a, "SK-03", "2024-03-06", "2024-03-07", T0, &id2),
             INV_E_ITEM_RESERVED);
    msg_has(db, "reservation 1");
    /* the day after, all but SK-26 (due on the 8th) are free */
    CHECK_EQ(reserve_cat(db, a, "Skøyter", 26, "2024-03-08", "2024-03-08", T0, &id2),
             INV_E_TOO_FEW_FREE);
    msg_has(db, "only 25 items");
    CHECK_EQ(reserve_item(db, a, "SK-26", "2024-03-09", "2024-03-09", T0, &id2), INV_OK);

    /* the school takes SK-26 (returned meanwhile) instead of a set-aside one: it fulfils the
     * booking and frees the set-aside SK-25 */
    InvReturn ret = {.barcode = "SK-26", .now = stf_at("2024-03-06T10:00")};
    CHECK_EQ(inv_return(db, &ret, NULL), INV_OK);
    int64_t thu = stf_at("2024-03-07T09:00");
    CHECK_EQ(lend(db, school, "SK-26", thu), INV_E_ITEM_RESERVED); /* A's from the 9th */
    CHECK_EQ(inv_reservation_cancel(db, id2, 0, thu), INV_OK);
    CHECK_EQ(lend(db, school, "SK-26", thu), INV_OK);
    CHECK_EQ(lend(db, a, "SK-24", thu), INV_E_ITEM_RESERVED);
    CHECK_EQ(lend(db, a, "SK-25", thu), INV_OK);
    CHECK_EQ(lend(db, school, "SK-01", thu), INV_OK);
    InvReservation res;
    CHECK_EQ(inv_reservation_get(db, id, thu, &res), INV_OK);
    CHECK_EQ(res.state, INV_RES_COLLECTED);
    CHECK_EQ(res.collected, 2);
    CHECK_EQ(res.count, 25);
    CHECK_STREQ(res.category, "Skøyter");
    memset(&s, 0, sizeof(s));
    CHECK_EQ(inv_reservation_each_item(db, id, thu, seen_item, &s), INV_OK);
    CHECK_EQ(s.n, 26);
    CHECK_EQ(s.held, 23);

    /* lists: upcoming ones, or all */
    memset(&s, 0, sizeof(s));
    CHECK_EQ(inv_reservation_each(db, thu, false, seen_res, &s), INV_OK);
    CHECK_EQ(s.n, 1);
    memset(&s, 0, sizeof(s));
    CHECK_EQ(inv_reservation_each(db, thu, true, seen_res, &s), INV_OK);
    CHECK_EQ(s.n, 2);

    /* the borrower's own history, newest first, only theirs */
    memset(&s, 0, sizeof(s));
    CHECK_EQ(inv_borrower_each_history(db, school, T0, thu, seen_line, &s), INV_OK);
    CHECK_EQ(s.n, 2);
    CHECK_STREQ(s.codes[0], "SK-01");
    CHECK_STREQ(s.codes[1], "SK-26");
    memset(&s, 0, sizeof(s));
    CHECK_EQ(inv_borrower_each_history(db, a, thu, thu, seen_line, &s), INV_OK);
    CHECK_EQ(s.n, 1);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* a database of the previous schema step gets the tables on open */
static void test_reopen(void)
{
    char path[512];
    stf_path(path, sizeof(path), "category.db");
    InvOpenOptions o = {.path = path};
    InvDb *db = NULL;
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
    InvReservation res;
    CHECK_EQ(inv_reservation_get(db, 1, T0, &res), INV_OK);
    CHECK_STREQ(inv_reservation_state_name(res.state), "collected");
    inv_close(db);
}

int main(void)
{
    stf_begin("lend");
    T0 = stf_zone_time("2024-03-01T12:00");
    test_renew();
    test_reserve_item();
    test_reserve_category();
    test_reopen();
    stf_end();
    printf("test_lending: ok\n");
    return 0;
}
