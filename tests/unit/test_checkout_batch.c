/* A checkout reads its items' facts eight at a time (LEND_INFO_8) when no leader takes back or
 * overrides: the loans it writes, and the refusals it gives, are those of looking each item up
 * alone, also past the first eight and at the 64-item limit. Real SQLite files in a temporary
 * folder. */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t T0; /* 2024-03-01 12:00 Oslo */

static int64_t add_item(InvDb *db, const char *code, const char *cat, int loan_days, int64_t kit)
{
    InvItem it;
    memset(&it, 0, sizeof(it));
    snprintf(it.barcode, sizeof(it.barcode), "%s", code);
    snprintf(it.name, sizeof(it.name), "Ting %s", code);
    snprintf(it.category, sizeof(it.category), "%s", cat);
    it.loan_days = loan_days;
    it.kit_id = kit;
    int64_t id = 0;
    int err = inv_item_add(db, &it, T0, &id);
    if (err != INV_OK)
        fprintf(stderr, "add item: %s\n", inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
    return id;
}

static int checkout(InvDb *db, int64_t borrower, const char *const *codes, size_t n, int64_t *loan)
{
    InvCheckout co = {.borrower_id = borrower, .barcodes = codes, .n_barcodes = n, .now = T0};
    return inv_checkout(db, &co, loan);
}

static int status_of(InvDb *db, const char *code)
{
    InvItem it;
    CHECK_EQ(inv_item_get(db, code, &it), INV_OK);
    return (int)it.status;
}

static void msg_has(InvDb *db, const char *text)
{
    if (strstr(inv_errmsg(db), text) == NULL)
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", inv_errmsg(db), text);
    CHECK(strstr(inv_errmsg(db), text) != NULL);
}

typedef struct Lines {
    size_t n;
    char barcode[80][INV_CODE_MAX];
    int64_t due_at[80];
} Lines;

static int line_fn(const InvLoanLine *l, void *ctx)
{
    Lines *ls = ctx;
    CHECK(ls->n < 80);
    snprintf(ls->barcode[ls->n], INV_CODE_MAX, "%s", l->barcode);
    ls->due_at[ls->n++] = l->due_at;
    return INV_OK;
}

/* Eleven items over two lookups of eight: the second eight holds an item with its own loan days
 * and a set whose part follows it; every line's item, order and due time as inv_lend_check (one
 * item alone) says. */
static void test_past_eight(void)
{
    InvDb *db = stf_open_new("past8.db");
    CHECK_EQ(inv_category_set_loan_days(db, "Ski", 14), INV_OK);
    int64_t who = stf_add_borrower(db, "B-1", "Låner", T0);
    char codes[11][16];
    const char *list[11];
    int64_t set = 0;
    for (int i = 0; i < 11; i++) {
        snprintf(codes[i], sizeof(codes[i]), "K-%02d", i + 1);
        list[i] = codes[i];
        int64_t id = add_item(db, codes[i], i % 2 ? "Ski" : "Telt", i == 9 ? 3 : 0, 0);
        if (i == 8)
            set = id;
    }
    add_item(db, "K-09P", "Telt", 0, set);
    const char *expect[12] = {"K-01", "K-02", "K-03", "K-04",  "K-05", "K-06",
                              "K-07", "K-08", "K-09", "K-09P", "K-10", "K-11"};
    int64_t due[12];
    for (int i = 0; i < 12; i++)
        CHECK_EQ(inv_lend_check(db, who, expect[i], T0, NULL, &due[i]), INV_OK);
    CHECK(due[0] != due[1]);  /* Telt: the default; Ski: 14 days */
    CHECK(due[10] != due[0]); /* K-10: 3 days of its own */
    CHECK(due[10] != due[1]);

    int64_t loan = 0;
    CHECK_EQ(checkout(db, who, list, 11, &loan), INV_OK);
    Lines ls = {0};
    CHECK_EQ(inv_loan_each_line(db, loan, T0, line_fn, &ls), INV_OK);
    CHECK_EQ(ls.n, 12);
    for (size_t i = 0; i < ls.n; i++) {
        CHECK_STREQ(ls.barcode[i], expect[i]);
        CHECK_EQ(ls.due_at[i], due[i]);
        CHECK_EQ(status_of(db, expect[i]), INV_ITEM_ON_LOAN);
    }
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* Refusals past the first eight name the item, in scan order, and write nothing. */
static void test_refusals_in_order(void)
{
    InvDb *db = stf_open_new("refuse.db");
    int64_t who = stf_add_borrower(db, "B-1", "Låner", T0);
    int64_t other = stf_add_borrower(db, "B-2", "Låner", T0);
    char codes[12][16];
    for (int i = 0; i < 12; i++) {
        snprintf(codes[i], sizeof(codes[i]), "R-%02d", i + 1);
        add_item(db, codes[i], "Telt", 0, 0);
    }
    const char *lent[1] = {"R-12"};
    CHECK_EQ(checkout(db, other, lent, 1, NULL), INV_OK);

    const char *list[10];
    for (int i = 0; i < 10; i++)
        list[i] = codes[i];
    list[8] = "NOPE-9"; /* unknown, ninth */
    CHECK_EQ(checkout(db, who, list, 10, NULL), INV_E_UNKNOWN_ITEM);
    msg_has(db, "unknown barcode NOPE-9");

    list[8] = codes[8];
    list[9] = codes[1]; /* twice: second and tenth */
    CHECK_EQ(checkout(db, who, list, 10, NULL), INV_E_ITEM_TWICE);
    msg_has(db, "R-02 (Ting R-02) is in the checkout twice");

    list[8] = "R-12"; /* on loan, ninth; unknown, tenth: the first in scan order is named */
    list[9] = "NOPE-10";
    CHECK_EQ(checkout(db, who, list, 10, NULL), INV_E_ITEM_ON_LOAN);
    msg_has(db, "R-12 (Ting R-12) is on loan");

    list[1] = "NOPE-2"; /* unknown, second; on loan, ninth */
    CHECK_EQ(checkout(db, who, list, 10, NULL), INV_E_UNKNOWN_ITEM);
    msg_has(db, "unknown barcode NOPE-2");

    for (int i = 0; i < 11; i++)
        CHECK_EQ(status_of(db, codes[i]), INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* The limit: 64 items in one checkout (eight lookups of eight), and one item alone. */
static void test_limit(void)
{
    InvDb *db = stf_open_new("limit.db");
    int64_t who = stf_add_borrower(db, "B-1", "Låner", T0);
    char codes[INV_CHECKOUT_MAX + 1][16];
    const char *list[INV_CHECKOUT_MAX + 1];
    for (int i = 0; i < INV_CHECKOUT_MAX + 1; i++) {
        snprintf(codes[i], sizeof(codes[i]), "L-%03d", i + 1);
        list[i] = codes[i];
        add_item(db, codes[i], i % 3 ? "Ski" : "Telt", 0, 0);
    }
    int64_t loan = 0;
    CHECK_EQ(checkout(db, who, list, INV_CHECKOUT_MAX, &loan), INV_OK);
    Lines ls = {0};
    CHECK_EQ(inv_loan_each_line(db, loan, T0, line_fn, &ls), INV_OK);
    CHECK_EQ(ls.n, INV_CHECKOUT_MAX);
    for (size_t i = 0; i < ls.n; i++)
        CHECK_STREQ(ls.barcode[i], codes[i]);
    CHECK_EQ(checkout(db, who, list + INV_CHECKOUT_MAX, 1, NULL), INV_OK);
    CHECK_EQ(status_of(db, codes[INV_CHECKOUT_MAX]), INV_ITEM_ON_LOAN);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

int main(void)
{
    stf_begin("cob");
    T0 = stf_zone_time("2024-03-01T12:00");
    RUN(test_past_eight);
    RUN(test_refusals_in_order);
    RUN(test_limit);
    stf_end();
    fprintf(stderr, "test_checkout_batch: all passed\n");
    return 0;
}
