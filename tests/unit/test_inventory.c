/* Unit tests of the inventory module on real SQLite files in a temporary folder: opening,
 * items, borrowers, staff, every refusal reason, checkout and return, sets, figures, stocktakes,
 * time parsing, and CSV import with every kind of bad row. */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int64_t T0; /* 2024-03-01 12:00 Oslo */

static void write_file(const char *name, const char *text, char *path, size_t size)
{
    stf_path(path, size, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    fputs(text, f);
    fclose(f);
}

static int64_t add_item(InvDb *db, const char *code, const char *name, const char *cat,
                        const char *loc)
{
    InvItem it;
    memset(&it, 0, sizeof(it));
    snprintf(it.barcode, sizeof(it.barcode), "%s", code);
    snprintf(it.name, sizeof(it.name), "%s", name);
    snprintf(it.category, sizeof(it.category), "%s", cat);
    snprintf(it.location, sizeof(it.location), "%s", loc);
    int64_t id = 0;
    int err = inv_item_add(db, &it, T0, &id);
    if (err != INV_OK)
        fprintf(stderr, "add item: %s\n", inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
    return id;
}

static int64_t add_borrower(InvDb *db, const char *card, const char *name, int64_t responsible)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "%s", name);
    b.responsible_id = responsible;
    b.consent = true;
    b.consent_by = responsible; /* a child's consent is the adult's */
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, T0, &id), INV_OK);
    return id;
}

static int checkout(InvDb *db, int64_t borrower, const char *const *codes, size_t n, int64_t now)
{
    InvCheckout co = {.borrower_id = borrower, .barcodes = codes, .n_barcodes = n, .now = now};
    return inv_checkout(db, &co, NULL);
}

static int status_of(InvDb *db, const char *code)
{
    InvItem it;
    CHECK_EQ(inv_item_get(db, code, &it), INV_OK);
    return (int)it.status;
}

/* ---- tests --------------------------------------------------------------------------------- */

static void test_open_errors(void)
{
    char path[512];
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    stf_path(path, sizeof(path), "nope/x.db");
    InvOpenOptions o = {.path = path, .create = true};
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_E_IO);
    CHECK(strstr(msg, "does not exist") != NULL);
    CHECK(db == NULL);

    stf_path(path, sizeof(path), "missing.db");
    o.create = false;
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_E_NOT_FOUND);
    CHECK(strstr(msg, "bua-admin init") != NULL);

    char junk[512];
    write_file("junk.db", "this is not a database, just some text that is long enough...\n", junk,
               sizeof(junk));
    o.path = junk;
    CHECK_EQ(inv_open(&o, &db, msg, sizeof(msg)), INV_E_FOREIGN);
    CHECK(strstr(msg, "not a bua-kiosk database") != NULL);

    stf_path(path, sizeof(path), "tz.db");
    InvOpenOptions bad = {.path = path, .create = true, .timezone = "Mars/Olympus"};
    CHECK_EQ(inv_open(&bad, &db, msg, sizeof(msg)), INV_E_INVALID);
    CHECK(strstr(msg, "Mars/Olympus") != NULL);
    CHECK(access(path, F_OK) != 0); /* a failed create leaves no file behind */
}

static void test_create_mode_and_reopen(void)
{
    InvDb *db = stf_open_new("mode.db");
    CHECK_STREQ(inv_timezone(db), "Europe/Oslo");
    CHECK_EQ(inv_centre_id(db), 1);
    inv_close(db);
    char path[512];
    stf_path(path, sizeof(path), "mode.db");
    struct stat sb;
    CHECK_EQ(stat(path, &sb), 0);
    CHECK_EQ(sb.st_mode & 0777, 0600);
    InvOpenOptions o = {.path = path};
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
    inv_close(NULL);
}

static void test_items(void)
{
    InvDb *db = stf_open_new("items.db");
    add_item(db, "SKI-0001", "Langrennski 180 cm", "Ski", "HYLLE-A1");
    InvItem it;
    memset(&it, 0, sizeof(it));
    snprintf(it.barcode, sizeof(it.barcode), "SKI-0001");
    snprintf(it.name, sizeof(it.name), "Dupe");
    snprintf(it.category, sizeof(it.category), "Ski");
    CHECK_EQ(inv_item_add(db, &it, T0, NULL), INV_E_EXISTS);
    CHECK(strstr(inv_errmsg(db), "Langrennski") != NULL);
    snprintf(it.barcode, sizeof(it.barcode), "BAD CODE");
    CHECK_EQ(inv_item_add(db, &it, T0, NULL), INV_E_INVALID);
    snprintf(it.barcode, sizeof(it.barcode), "OK-1");
    it.name[0] = '\0';
    CHECK_EQ(inv_item_add(db, &it, T0, NULL), INV_E_INVALID);
    CHECK(strstr(inv_errmsg(db), "name") != NULL);

    CHECK_EQ(inv_item_get(db, "SKI-0001", &it), INV_OK);
    CHECK_STREQ(it.name, "Langrennski 180 cm");
    CHECK_STREQ(it.location, "HYLLE-A1");
    CHECK_EQ(it.status, INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_item_get(db, "NOPE", &it), INV_E_UNKNOWN_ITEM);

    CHECK_EQ(inv_item_get(db, "SKI-0001", &it), INV_OK);
    snprintf(it.location, sizeof(it.location), "HYLLE-B2");
    it.loan_days = 3;
    CHECK_EQ(inv_item_update(db, &it), INV_OK);
    CHECK_EQ(inv_item_get(db, "SKI-0001", &it), INV_OK);
    CHECK_STREQ(it.location, "HYLLE-B2");
    CHECK_EQ(it.loan_days, 3);

    CHECK_EQ(inv_item_set_status(db, "SKI-0001", INV_ITEM_ON_LOAN, NULL, 0, T0), INV_E_INVALID);
    CHECK_EQ(inv_item_set_status(db, "SKI-0001", INV_ITEM_IN_REPAIR, "binding loose", 0, T0),
             INV_OK);
    CHECK_EQ(status_of(db, "SKI-0001"), INV_ITEM_IN_REPAIR);

    InvItemStatus s;
    CHECK(inv_item_status_parse("retired", &s) && s == INV_ITEM_RETIRED);
    CHECK(!inv_item_status_parse("gone", &s));
    CHECK_STREQ(inv_item_status_name(INV_ITEM_MISSING), "missing");
    inv_close(db);
}

static int count_fn(const InvItem *item, void *ctx)
{
    (void)item;
    (*(int *)ctx)++;
    return 0;
}

static void test_refusals(void)
{
    InvDb *db = stf_open_new("refuse.db");
    int64_t ann = add_borrower(db, "B-1", "Ann", 0);
    int64_t bob = add_borrower(db, "B-2", "Bob", 0);
    add_item(db, "A", "Hjelm S", "Hjelm", "H1");
    add_item(db, "B", "Hjelm M", "Hjelm", "H1");
    add_item(db, "C", "Telt", "Telt", "T1");
    add_item(db, "D", "Sykkel", "Sykkel", "S1");
    add_item(db, "E", "SUP", "SUP", "S1");
    CHECK_EQ(inv_item_set_status(db, "C", INV_ITEM_IN_REPAIR, "hole", 0, T0), INV_OK);
    CHECK_EQ(inv_item_set_status(db, "D", INV_ITEM_MISSING, NULL, 0, T0), INV_OK);
    CHECK_EQ(inv_item_set_status(db, "E", INV_ITEM_RETIRED, NULL, 0, T0), INV_OK);

    const char *a[] = {"A"};
    CHECK_EQ(checkout(db, ann, a, 1, T0), INV_OK);
    CHECK_EQ(status_of(db, "A"), INV_ITEM_ON_LOAN);

    /* each refusal, with its own code and a message naming the barcode */
    struct {
        const char *code;
        int err;
        const char *words;
    } cases[] = {
        {"A", INV_E_ITEM_ON_LOAN, "on loan, due"},      {"C", INV_E_ITEM_IN_REPAIR, "in repair"},
        {"D", INV_E_ITEM_MISSING, "missing"},           {"E", INV_E_ITEM_RETIRED, "retired"},
        {"ZZZ", INV_E_UNKNOWN_ITEM, "unknown barcode"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *codes[] = {"B", cases[i].code};
        CHECK_EQ(checkout(db, bob, codes, 2, T0), cases[i].err);
        CHECK_STREQ(inv_err_barcode(db), cases[i].code); /* which line of the basket */
        CHECK(strstr(inv_errmsg(db), cases[i].code) != NULL);
        CHECK(strstr(inv_errmsg(db), cases[i].words) != NULL);
        CHECK_EQ(inv_lend_check(db, bob, cases[i].code, T0, NULL, NULL), cases[i].err);
        /* all or nothing: B stays available */
        CHECK_EQ(status_of(db, "B"), INV_ITEM_AVAILABLE);
    }
    const char *twice[] = {"B", "B"};
    CHECK_EQ(checkout(db, bob, twice, 2, T0), INV_E_ITEM_TWICE);
    CHECK_STREQ(inv_err_barcode(db), "B");
    CHECK_EQ(checkout(db, bob, twice, 0, T0), INV_E_INVALID);
    CHECK_STREQ(inv_err_barcode(db), ""); /* about no single barcode */

    /* blocked borrowers, and co-borrowers of a blocked adult */
    int64_t kid = add_borrower(db, "B-3", "Kid", bob);
    CHECK_EQ(inv_borrower_block(db, "B-2", "", 0, T0), INV_E_INVALID);
    CHECK_EQ(inv_borrower_block(db, "B-2", "lost a tent", 0, T0), INV_OK);
    const char *b[] = {"B"};
    CHECK_EQ(checkout(db, bob, b, 1, T0), INV_E_BORROWER_BLOCKED);
    CHECK(strstr(inv_errmsg(db), "lost a tent") != NULL);
    CHECK_EQ(checkout(db, kid, b, 1, T0), INV_E_BORROWER_BLOCKED);
    CHECK(strstr(inv_errmsg(db), "responsible adult") != NULL);
    CHECK_EQ(inv_lend_check(db, kid, "B", T0, NULL, NULL), INV_E_BORROWER_BLOCKED);
    CHECK_EQ(inv_borrower_unblock(db, "B-2", 0, T0), INV_OK);
    CHECK_EQ(checkout(db, kid, b, 1, T0), INV_OK);
    CHECK_EQ(checkout(db, 9999, b, 1, T0), INV_E_UNKNOWN_BORROWER);

    /* returns: a clear no-op for an item not on loan */
    InvReturn r = {.barcode = "C", .now = T0};
    InvReturned out;
    CHECK_EQ(inv_return(db, &r, &out), INV_E_NOT_ON_LOAN);
    CHECK(strstr(inv_errmsg(db), "not on loan") != NULL);
    r.barcode = "NOPE";
    CHECK_EQ(inv_return(db, &r, &out), INV_E_UNKNOWN_ITEM);

    /* relend: only a leader (the store checks the role), and then in the same transaction */
    const char *again[] = {"A"};
    InvCheckout co = {
        .borrower_id = bob, .barcodes = again, .n_barcodes = 1, .now = T0 + 60, .relend = true};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_E_NEEDS_LEADER);
    InvStaff s = {.name = "Tor", .card = "S-1", .role = INV_ROLE_TRAINEE};
    int64_t trainee = 0;
    CHECK_EQ(inv_staff_add(db, &s, "1234", &trainee), INV_OK);
    InvStaff l = {.name = "Lea", .card = "S-L", .role = INV_ROLE_LEADER};
    int64_t staff = 0;
    CHECK_EQ(inv_staff_add(db, &l, "4321", &staff), INV_OK);
    InvLoanLine open_a;
    CHECK_EQ(inv_item_loan(db, "A", T0, &open_a), INV_OK);
    co.staff_id = trainee;
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_E_NEEDS_LEADER);
    CHECK(strstr(inv_errmsg(db), "S-1") != NULL);
    CHECK(strstr(inv_errmsg(db), "trainee") != NULL);
    co.staff_id = 9999; /* no such staff */
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_E_NEEDS_LEADER);
    CHECK(strstr(inv_errmsg(db), "9999") != NULL);
    InvLoanLine still;
    CHECK_EQ(inv_item_loan(db, "A", T0, &still), INV_OK); /* nothing written: still bob's */
    CHECK_EQ(still.loan_id, open_a.loan_id);
    co.staff_id = staff;
    int64_t loan = 0;
    CHECK_EQ(inv_checkout(db, &co, &loan), INV_OK);
    CHECK(loan > 0);
    CHECK_EQ(status_of(db, "A"), INV_ITEM_ON_LOAN);
    CHECK_EQ(inv_check(db), INV_OK);

    /* a leader's override lends an item in repair in the checkout's own transaction: when the
     * checkout is refused, the item stays in repair */
    bool ov[] = {true, false};
    const char *over[] = {"C", "ZZZ"};
    InvCheckout oc = {.borrower_id = bob,
                      .barcodes = over,
                      .n_barcodes = 2,
                      .staff_id = staff,
                      .now = T0 + 120,
                      .overrides = ov};
    CHECK_EQ(inv_checkout(db, &oc, NULL), INV_E_UNKNOWN_ITEM);
    CHECK_EQ(status_of(db, "C"), INV_ITEM_IN_REPAIR);
    oc.n_barcodes = 1;
    oc.staff_id = 0;
    CHECK_EQ(inv_checkout(db, &oc, NULL), INV_E_NEEDS_LEADER);
    /* a trainee's override is refused by the store itself, whatever the UI did: nothing
     * written, the item stays in repair */
    oc.staff_id = trainee;
    CHECK_EQ(inv_checkout(db, &oc, NULL), INV_E_NEEDS_LEADER);
    CHECK(strstr(inv_errmsg(db), "staff card S-1") != NULL);
    CHECK_EQ(status_of(db, "C"), INV_ITEM_IN_REPAIR);
    oc.staff_id = staff; /* a leader's passes */
    CHECK_EQ(inv_checkout(db, &oc, NULL), INV_OK);
    CHECK_EQ(status_of(db, "C"), INV_ITEM_ON_LOAN);
    ov[0] = false; /* without the override an item on loan is refused */
    CHECK_EQ(inv_checkout(db, &oc, NULL), INV_E_ITEM_ON_LOAN);

    int n = 0;
    InvItemFilter f = {.category = "Hjelm", .location = NULL, .status = INV_ITEM_ON_LOAN};
    CHECK_EQ(inv_item_each(db, &f, count_fn, &n), INV_OK);
    CHECK_EQ(n, 2);
    inv_close(db);
}

typedef struct Lines {
    int n;
    int overdue;
    char first[INV_CODE_MAX];
} Lines;

static int line_fn(const InvLoanLine *l, void *ctx)
{
    Lines *c = ctx;
    if (c->n == 0)
        snprintf(c->first, sizeof(c->first), "%s", l->barcode);
    c->n++;
    c->overdue += l->overdue;
    return 0;
}

static void test_checkout_return_and_due(void)
{
    InvDb *db = stf_open_new("loans.db");
    int64_t ann = add_borrower(db, "B-1", "Ann", 0);
    int64_t kid = add_borrower(db, "B-2", "Kid", ann);
    add_item(db, "SKI-1", "Ski", "Ski", "A");
    add_item(db, "SKI-2", "Ski", "Ski", "A");
    add_item(db, "TELT-1", "Telt", "Telt", "B");
    CHECK_EQ(inv_category_set_loan_days(db, "Telt", 14), INV_OK);
    int days = 0;
    CHECK_EQ(inv_category_loan_days(db, "Telt", &days), INV_OK);
    CHECK_EQ(days, 14);
    CHECK_EQ(inv_category_loan_days(db, "Ski", &days), INV_OK);
    CHECK_EQ(days, INV_DEFAULT_LOAN_DAYS);

    /* Saturday 2024-03-30 12:00 Oslo: 7 days ends past the switch to summer time */
    int64_t t = 0;
    CHECK(inv_time_parse("2024-03-30T12:00", &t));
    InvItem it;
    int64_t due = 0;
    CHECK_EQ(inv_lend_check(db, ann, "SKI-1", t, &it, &due), INV_OK);
    char buf[32];
    inv_time_format(due, false, buf, sizeof(buf));
    CHECK_STREQ(buf, "2024-04-06 23:59");
    CHECK_EQ(inv_lend_check(db, ann, "TELT-1", t, &it, &due), INV_OK);
    inv_time_format(due, true, buf, sizeof(buf));
    CHECK_STREQ(buf, "2024-04-13");

    const char *codes[] = {"SKI-1", "TELT-1"};
    int64_t loan = 0;
    InvCheckout co = {.borrower_id = kid, .barcodes = codes, .n_barcodes = 2, .now = t};
    CHECK_EQ(inv_checkout(db, &co, &loan), INV_OK);
    Lines l = {0};
    CHECK_EQ(inv_loan_each_line(db, loan, t, line_fn, &l), INV_OK);
    CHECK_EQ(l.n, 2);
    CHECK_STREQ(l.first, "SKI-1");
    /* the adult sees the co-borrower's loans; the co-borrower only its own */
    memset(&l, 0, sizeof(l));
    CHECK_EQ(inv_borrower_each_open(db, ann, false, t, line_fn, &l), INV_OK);
    CHECK_EQ(l.n, 0);
    CHECK_EQ(inv_borrower_each_open(db, ann, true, t, line_fn, &l), INV_OK);
    CHECK_EQ(l.n, 2);

    int64_t late = t + 10 * 86400;
    memset(&l, 0, sizeof(l));
    CHECK_EQ(inv_each_overdue(db, late, line_fn, &l), INV_OK);
    CHECK_EQ(l.n, 1);
    CHECK_STREQ(l.first, "SKI-1");

    InvReturn r = {.barcode = "SKI-1", .damaged = true, .note = "edge cracked", .now = late};
    InvReturned back;
    CHECK_EQ(inv_return(db, &r, &back), INV_OK);
    CHECK(back.overdue);
    CHECK_EQ(back.borrower_id, kid);
    CHECK_EQ(back.item.status, INV_ITEM_IN_REPAIR);
    CHECK_EQ(status_of(db, "SKI-1"), INV_ITEM_IN_REPAIR);
    CHECK_EQ(inv_return(db, &r, &back), INV_E_NOT_ON_LOAN);
    r.barcode = "TELT-1";
    r.damaged = false;
    r.note = NULL;
    CHECK_EQ(inv_return(db, &r, &back), INV_OK);
    CHECK(!back.overdue);
    CHECK_EQ(status_of(db, "TELT-1"), INV_ITEM_AVAILABLE);
    /* damage noticed just after the return goes on that loan line and sends it to repair */
    CHECK_EQ(inv_return_damaged(db, "TELT-1", "hull i duken", 0, late + 60), INV_OK);
    CHECK_EQ(status_of(db, "TELT-1"), INV_ITEM_IN_REPAIR);
    CHECK_EQ(inv_return_damaged(db, "SKI-2", NULL, 0, late), INV_E_NOT_ON_LOAN);
    CHECK(strstr(inv_errmsg(db), "never been lent") != NULL);
    const char *ski2[] = {"SKI-2"};
    CHECK_EQ(checkout(db, ann, ski2, 1, late), INV_OK);
    CHECK_EQ(inv_return_damaged(db, "SKI-2", NULL, 0, late), INV_E_ITEM_ON_LOAN);
    CHECK_EQ(inv_check(db), INV_OK);

    /* overlong and illegal input is refused before anything is written */
    char long_code[200];
    memset(long_code, 'X', sizeof(long_code) - 1);
    long_code[sizeof(long_code) - 1] = '\0';
    const char *bad[] = {long_code};
    co.barcodes = bad;
    co.n_barcodes = 1;
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_E_INVALID);
    inv_close(db);
}

static void test_sets(void)
{
    InvDb *db = stf_open_new("sets.db");
    int64_t ann = add_borrower(db, "B-1", "Ann", 0);
    int64_t set = add_item(db, "SETT-1", "Skisett barn", "Ski", "A");
    InvItem part;
    memset(&part, 0, sizeof(part));
    const char *parts[] = {"SETT-1-SKI", "SETT-1-STAV", "SETT-1-STOVLER"};
    for (int i = 0; i < 3; i++) {
        snprintf(part.barcode, sizeof(part.barcode), "%s", parts[i]);
        snprintf(part.name, sizeof(part.name), "del %d", i);
        snprintf(part.category, sizeof(part.category), "Ski");
        part.kit_id = set;
        CHECK_EQ(inv_item_add(db, &part, T0, NULL), INV_OK);
    }
    CHECK_EQ(inv_item_set_status(db, "SETT-1-STAV", INV_ITEM_IN_REPAIR, NULL, 0, T0), INV_OK);
    const char *s[] = {"SETT-1"};
    CHECK_EQ(checkout(db, ann, s, 1, T0), INV_E_ITEM_IN_REPAIR);
    CHECK(strstr(inv_errmsg(db), "SETT-1-STAV") != NULL);
    CHECK_STREQ(inv_err_barcode(db), "SETT-1"); /* the line scanned is the set's */
    CHECK_EQ(inv_item_set_status(db, "SETT-1-STAV", INV_ITEM_AVAILABLE, NULL, 0, T0), INV_OK);
    CHECK_EQ(checkout(db, ann, s, 1, T0), INV_OK);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(status_of(db, parts[i]), INV_ITEM_ON_LOAN);
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.items_lent, 4);
    CHECK_EQ(f.loans, 1);
    /* one part comes back alone first; the set brings the other two */
    InvReturn r = {.barcode = "SETT-1-STAV", .now = T0 + 60};
    InvReturned back;
    CHECK_EQ(inv_return(db, &r, &back), INV_OK);
    CHECK_EQ(back.n_parts, 0);
    r.barcode = "SETT-1";
    r.now = T0 + 3600;
    CHECK_EQ(inv_return(db, &r, &back), INV_OK);
    CHECK_EQ(back.n_parts, 2);
    CHECK_STREQ(back.parts[0], "SETT-1-SKI");
    CHECK_STREQ(back.parts[1], "SETT-1-STOVLER");
    for (int i = 0; i < 3; i++)
        CHECK_EQ(status_of(db, parts[i]), INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

static void test_many_categories(void)
{
    /* a loan over more categories than one summary statement holds (8) */
    InvDb *db = stf_open_new("cats.db");
    int64_t ann = add_borrower(db, "B-1", "Ann", 0);
    const char *codes[12];
    char buf[12][16];
    for (int i = 0; i < 12; i++) {
        char cat[16];
        snprintf(buf[i], sizeof(buf[i]), "C-%d", i);
        snprintf(cat, sizeof(cat), "Kategori %d", i);
        add_item(db, buf[i], "Ting", cat, "");
        codes[i] = buf[i];
    }
    CHECK_EQ(checkout(db, ann, codes, 12, T0), INV_OK);
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.items_lent, 12);
    CHECK_EQ(f.loans, 1);
    InvYearReport r;
    CHECK_EQ(inv_year_report(db, 2024, T0, &r), INV_OK);
    CHECK_EQ(r.n_categories, 12);
    inv_year_report_release(&r);
    CHECK_EQ(inv_check(db), INV_OK);
    CHECK_EQ(inv_summaries_rebuild(db), INV_OK);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

static void test_staff(void)
{
    InvDb *db = stf_open_new("staff.db");
    InvStaff s = {.name = "Lea", .card = "S-2", .role = INV_ROLE_LEADER};
    CHECK_EQ(inv_staff_add(db, &s, "12", NULL), INV_E_INVALID);
    CHECK_EQ(inv_staff_add(db, &s, "12ab", NULL), INV_E_INVALID);
    CHECK_EQ(inv_staff_add(db, &s, "2468", NULL), INV_OK);
    CHECK_EQ(inv_staff_add(db, &s, "2468", NULL), INV_E_EXISTS);
    InvStaff who;
    CHECK_EQ(inv_staff_login(db, "S-2", "2468", T0, &who, NULL), INV_OK);
    CHECK_EQ(who.role, INV_ROLE_LEADER);
    CHECK_STREQ(who.name, "Lea");
    CHECK_EQ(inv_staff_login(db, "S-2", "2469", T0, &who, NULL), INV_E_AUTH);
    CHECK_EQ(inv_staff_login(db, "S-9", "2468", T0, &who, NULL), INV_E_AUTH);
    CHECK_EQ(inv_staff_get(db, "S-2", &who), INV_OK);
    CHECK_EQ(inv_staff_get(db, "S-9", &who), INV_E_NOT_FOUND);
    InvRole role;
    CHECK(inv_role_parse("trainee", &role) && role == INV_ROLE_TRAINEE);
    CHECK(!inv_role_parse("boss", &role));
    inv_close(db);

    /* the PIN itself is nowhere in the file */
    char path[512];
    stf_path(path, sizeof(path), "staff.db");
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    static char data[1 << 20];
    size_t n = fread(data, 1, sizeof(data), f);
    fclose(f);
    bool found_hash = false;
    for (size_t i = 0; i + 9 < n; i++)
        found_hash = found_hash || memcmp(data + i, "$argon2id", 9) == 0;
    CHECK(found_hash);
}

static int borrower_count(const InvBorrower *b, void *ctx)
{
    (void)b;
    (*(int *)ctx)++;
    return 0;
}

/* Wrong PINs lock a staff card in the database: the lock survives closing the database. */
static void test_pin_lockout(void)
{
    InvDb *db = stf_open_new("pin.db");
    InvStaff s = {.name = "Lea", .card = "S-P", .role = INV_ROLE_LEADER};
    CHECK_EQ(inv_staff_add(db, &s, "2468", NULL), INV_OK);
    InvStaff t = {.name = "Tor", .card = "S-Q", .role = INV_ROLE_TRAINEE};
    CHECK_EQ(inv_staff_add(db, &t, "1357", NULL), INV_OK);
    InvStaff who;
    int64_t until = -1;

    /* a right PIN clears the count: two wrong, right, two wrong is no lock */
    for (int i = 0; i < INV_PIN_TRIES - 1; i++)
        CHECK_EQ(inv_staff_login(db, "S-P", "0000", T0, &who, &until), INV_E_AUTH);
    CHECK_EQ(inv_staff_login(db, "S-P", "2468", T0, &who, &until), INV_OK);
    for (int i = 0; i < INV_PIN_TRIES - 1; i++)
        CHECK_EQ(inv_staff_login(db, "S-P", "0000", T0 + 1, &who, &until), INV_E_AUTH);
    CHECK_EQ(until, -1); /* written only when locked */

    /* the INV_PIN_TRIES-th wrong PIN in a row locks the card */
    CHECK_EQ(inv_staff_login(db, "S-P", "0000", T0 + 2, &who, &until), INV_E_LOCKED);
    CHECK_EQ(until, T0 + 2 + INV_PIN_LOCK_SECONDS);
    CHECK(strstr(inv_errmsg(db), "S-P") != NULL);
    CHECK_STREQ(inv_strerror(INV_E_LOCKED), "too many wrong PINs: the card is locked");
    /* while locked even the right PIN is refused, and nothing moves the end of the lock */
    until = -1;
    memset(&who, 0, sizeof(who));
    CHECK_EQ(inv_staff_login(db, "S-P", "2468", T0 + 3, &who, &until), INV_E_LOCKED);
    CHECK_EQ(until, T0 + 2 + INV_PIN_LOCK_SECONDS);
    CHECK_EQ(who.id, 0); /* *out untouched */
    CHECK_EQ(inv_staff_login(db, "S-P", "0000", T0 + 4, &who, &until), INV_E_LOCKED);
    CHECK_EQ(until, T0 + 2 + INV_PIN_LOCK_SECONDS);
    CHECK_EQ(inv_staff_login(db, "S-P", "2468", T0, &who, NULL), INV_E_LOCKED); /* NULL is fine */
    /* the lock is per card */
    CHECK_EQ(inv_staff_login(db, "S-Q", "1357", T0 + 4, &who, &until), INV_OK);
    CHECK_STREQ(who.card, "S-Q");
    inv_close(db);

    /* a restart keeps the lock */
    char path[512];
    stf_path(path, sizeof(path), "pin.db");
    InvOpenOptions o = {.path = path};
    db = NULL;
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);
    until = -1;
    CHECK_EQ(inv_staff_login(db, "S-P", "2468", T0 + 10, &who, &until), INV_E_LOCKED);
    CHECK_EQ(until, T0 + 2 + INV_PIN_LOCK_SECONDS);
    CHECK_EQ(inv_staff_login(db, "S-P", "2468", T0 + 1 + INV_PIN_LOCK_SECONDS, &who, &until),
             INV_E_LOCKED);
    /* when the lock ends the right PIN works, and the count starts again */
    int64_t later = T0 + 2 + INV_PIN_LOCK_SECONDS;
    CHECK_EQ(inv_staff_login(db, "S-P", "2468", later, &who, &until), INV_OK);
    CHECK_STREQ(who.card, "S-P");
    for (int i = 0; i < INV_PIN_TRIES - 1; i++)
        CHECK_EQ(inv_staff_login(db, "S-P", "0000", later, &who, &until), INV_E_AUTH);
    CHECK_EQ(inv_staff_login(db, "S-P", "0000", later, &who, &until), INV_E_LOCKED);
    CHECK_EQ(until, later + INV_PIN_LOCK_SECONDS);
    /* an unknown card stays a plain wrong card or PIN */
    CHECK_EQ(inv_staff_login(db, "S-X", "2468", later, &who, &until), INV_E_AUTH);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

static void test_borrowers(void)
{
    InvDb *db = stf_open_new("borrowers.db");
    int64_t ann = add_borrower(db, "B-1", "Ann Hansen", 0);
    int64_t kid = add_borrower(db, "B-2", "Ola Hansen", ann);
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "B-3");
    snprintf(b.name, sizeof(b.name), "Grandkid");
    b.responsible_id = kid;
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_INVALID); /* a child is no guardian */
    /* a blocked adult cannot take on a child: refused, naming the adult's card, nothing added */
    int64_t bo = add_borrower(db, "B-5", "Bo Blokk", 0);
    CHECK_EQ(inv_borrower_block(db, "B-5", "lost a canoe", 0, T0), INV_OK);
    b.responsible_id = bo;
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_BORROWER_BLOCKED);
    CHECK(strstr(inv_errmsg(db), "card B-5") != NULL);
    InvBorrower none;
    CHECK_EQ(inv_borrower_get(db, "B-3", &none), INV_E_UNKNOWN_BORROWER);
    CHECK_EQ(inv_borrower_unblock(db, "B-5", 0, T0), INV_OK);
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_OK); /* once unblocked, fine */
    b.responsible_id = 0;
    snprintf(b.card, sizeof(b.card), "B-1");
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_EXISTS);
    snprintf(b.card, sizeof(b.card), "B-4");
    b.birth_year = 1800;
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_INVALID);
    b.birth_year = 2015;
    snprintf(b.name, sizeof(b.name), "Bad\001name");
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_INVALID);
    snprintf(b.name, sizeof(b.name), "\xC3\x28");
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_INVALID);
    snprintf(b.name, sizeof(b.name), "Åse Ødegård");
    snprintf(b.phone, sizeof(b.phone), "+47 912 34 567");
    InvStaff s = {.name = "Tor", .card = "S-1", .role = INV_ROLE_TRAINEE};
    CHECK_EQ(inv_staff_add(db, &s, "1234", &b.registered_by), INV_OK);
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_OK);
    InvBorrower again;
    CHECK_EQ(inv_borrower_get(db, "B-4", &again), INV_OK);
    CHECK_EQ(again.registered_by, b.registered_by);
    CHECK(again.registered_by != 0);

    int n = 0;
    CHECK_EQ(inv_borrower_each(db, "hansen", 0, borrower_count, &n), INV_OK);
    CHECK_EQ(n, 2);
    n = 0;
    CHECK_EQ(inv_borrower_each(db, "912", 0, borrower_count, &n), INV_OK);
    CHECK_EQ(n, 1);
    n = 0;
    CHECK_EQ(inv_borrower_each(db, "%", 0, borrower_count, &n), INV_OK); /* LIKE escaped */
    CHECK_EQ(n, 0);
    n = 0;
    CHECK_EQ(inv_borrower_each(db, NULL, 2, borrower_count, &n), INV_OK);
    CHECK_EQ(n, 2);
    n = 0;
    CHECK_EQ(inv_borrower_each_co(db, ann, borrower_count, &n), INV_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(inv_borrower_get(db, "B-2", &b), INV_OK);
    CHECK_EQ(b.responsible_id, ann);
    CHECK_EQ(inv_borrower_get(db, "B-X", &b), INV_E_UNKNOWN_BORROWER);

    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 0, &f), INV_OK);
    CHECK_EQ(f.new_borrowers, 5);
    inv_close(db);
}

static void test_time(void)
{
    int64_t t = 0;
    CHECK(inv_time_parse("2024-12-31T23:00:00Z", &t));
    CHECK_EQ(inv_time_year(t), 2025); /* midnight in Oslo */
    CHECK(inv_time_parse("2024-12-31T22:59:59Z", &t));
    CHECK_EQ(inv_time_year(t), 2024);
    int64_t u = 0;
    CHECK(inv_time_parse("2024-12-31T23:59:59+01:00", &u));
    CHECK_EQ(t, u);
    CHECK(inv_time_parse("2024-12-31 23:59:59", &u)); /* local */
    CHECK_EQ(t, u);
    CHECK(inv_time_parse("2024-12-31T23:59:59+0100", &u));
    CHECK_EQ(t, u);
    CHECK(inv_time_parse("2024-07-01T12:00:00.250Z", &u));
    CHECK(inv_time_parse("2024-07-01", &u));
    char buf[32];
    inv_time_format(u, false, buf, sizeof(buf));
    CHECK_STREQ(buf, "2024-07-01 00:00");
    static const char *const bad[] = {"",
                                      "2024",
                                      "2024-02-30",
                                      "2023-02-29",
                                      "2024-13-01",
                                      "2024-01-01T24:00",
                                      "2024-01-01T12",
                                      "2024-01-01X",
                                      "2024-01-01T12:00+25:00",
                                      "31.12.2024",
                                      "2024-1-1",
                                      "2024-01-01T12:00:00Zjunk",
                                      "1969-12-31"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (inv_time_parse(bad[i], &u))
            fprintf(stderr, "parsed: %s\n", bad[i]);
        CHECK(!inv_time_parse(bad[i], &u));
    }
    CHECK(inv_time_parse("2024-02-29", &u));
    /* 02:30 on 31 March 2024 does not exist in Oslo; 02:30 on 27 October happens twice */
    CHECK(!inv_time_parse("2024-03-31T02:30", &u));
    CHECK(inv_time_parse("2024-03-31T03:30", &u));
    CHECK(inv_time_parse("2024-10-27T02:30", &u));
    CHECK(inv_time_parse("2024-10-27T01:30:00Z", &t));
    CHECK_EQ(u, t); /* the later one, in standard time */
}

static void test_figures_edges(void)
{
    InvDb *db = stf_open_new("figures.db");
    int64_t t = 0;
    /* registered 00:30 on New Year's Day in Oslo = 23:30 UTC the day before */
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "B-NY");
    snprintf(b.name, sizeof(b.name), "New Year");
    CHECK(inv_time_parse("2023-12-31T23:30:00Z", &b.registered_at));
    int64_t ny = 0;
    CHECK_EQ(inv_borrower_add(db, &b, 0, &ny), INV_OK);
    add_item(db, "X1", "X", "Ski", "");
    add_item(db, "X2", "X", "Skøyter", "");
    const char *x1[] = {"X1"};
    const char *x2[] = {"X2"};
    CHECK(inv_time_parse("2023-12-31T22:59:59Z", &t)); /* 2023 in Oslo */
    CHECK_EQ(checkout(db, ny, x1, 1, t), INV_OK);
    InvReturn r = {.barcode = "X1", .now = t + 1};
    CHECK_EQ(inv_return(db, &r, NULL), INV_OK);
    CHECK(inv_time_parse("2023-12-31T23:00:00Z", &t)); /* 2024 in Oslo */
    const char *both[] = {"X1", "X2"};
    CHECK_EQ(checkout(db, ny, both, 2, t), INV_OK);
    r.now = t + 2 * 86400;
    CHECK_EQ(inv_return(db, &r, NULL), INV_OK);
    (void)x2;

    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 1);
    CHECK_EQ(f.items_lent, 2);
    CHECK_EQ(f.borrowers, 1);
    CHECK_EQ(f.new_borrowers, 1);
    InvFigures raw;
    CHECK_EQ(inv_figures_raw(db, 2024, 1, &raw), INV_OK);
    CHECK(memcmp(&f, &raw, sizeof(f)) == 0);
    CHECK_EQ(inv_figures(db, 2023, 0, &f), INV_OK);
    CHECK_EQ(f.loans, 1);
    CHECK_EQ(f.new_borrowers, 0);

    InvYearReport rep;
    CHECK_EQ(inv_year_report(db, 2024, t + 30 * 86400, &rep), INV_OK);
    CHECK_EQ(rep.total.items_lent, 2);
    CHECK_EQ(rep.month[0].loans, 1);
    CHECK_EQ(rep.month[0].new_borrowers, 1);
    CHECK_EQ(rep.n_categories, 2);
    CHECK_EQ(rep.overdue_now, 1); /* X2 is still out, 30 days later */
    CHECK(rep.avg_loan_days > 1.99 && rep.avg_loan_days < 2.01);
    CHECK_EQ(rep.items_never_lent, 0);
    inv_year_report_release(&rep);
    CHECK_EQ(inv_year_report(db, 99999, t, &rep), INV_E_INVALID);

    /* rebuilding the summaries from the loans gives the same figures */
    CHECK_EQ(inv_summaries_rebuild(db), INV_OK);
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK(memcmp(&f, &raw, sizeof(f)) == 0);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

typedef struct AuditSeen {
    int missing;
    int misplaced;
    int lent;
    int unknown;
    int found;
    char first_found[INV_CODE_MAX];
} AuditSeen;

static int audit_fn(const InvAuditLine *l, void *ctx)
{
    AuditSeen *s = ctx;
    s->missing += l->kind == INV_AUDIT_MISSING;
    s->misplaced += l->kind == INV_AUDIT_MISPLACED;
    s->lent += l->kind == INV_AUDIT_LENT;
    s->unknown += l->kind == INV_AUDIT_UNKNOWN;
    if (l->kind == INV_AUDIT_FOUND && s->found++ == 0)
        snprintf(s->first_found, sizeof(s->first_found), "%s", l->barcode);
    return 0;
}

static void test_audit(void)
{
    InvDb *db = stf_open_new("audit.db");
    int64_t ann = add_borrower(db, "B-1", "Ann", 0);
    add_item(db, "A1", "Ski", "Ski", "HYLLE-A");
    add_item(db, "A2", "Ski", "Ski", "HYLLE-A");
    add_item(db, "A3", "Ski", "Ski", "HYLLE-A");
    add_item(db, "B1", "Hjelm", "Hjelm", "HYLLE-B");
    add_item(db, "B2", "Hjelm", "Hjelm", "HYLLE-B");
    const char *b2[] = {"B2"};
    CHECK_EQ(checkout(db, ann, b2, 1, T0), INV_OK);

    int64_t id = 0;
    CHECK_EQ(inv_audit_start(db, "HYLLE-A", 0, T0, &id), INV_OK);
    InvAuditKind k;
    InvAuditCount c;
    CHECK_EQ(inv_audit_scan(db, id, "A1", T0, &k, &c), INV_OK);
    CHECK_EQ(k, INV_AUDIT_FOUND);
    CHECK_EQ(c.expected, 3);
    CHECK_EQ(c.found, 1);
    CHECK_EQ(inv_audit_scan(db, id, "A1", T0, &k, &c), INV_OK);
    CHECK_EQ(k, INV_AUDIT_AGAIN);
    CHECK_EQ(c.found, 1);
    CHECK_EQ(inv_audit_scan(db, id, "A2", T0, &k, &c), INV_OK);
    CHECK_EQ(inv_audit_scan(db, id, "B1", T0, &k, &c), INV_OK);
    CHECK_EQ(k, INV_AUDIT_MISPLACED);
    CHECK_EQ(inv_audit_scan(db, id, "B2", T0, &k, &c), INV_OK);
    CHECK_EQ(k, INV_AUDIT_LENT);
    CHECK_EQ(inv_audit_scan(db, id, "NO-SUCH", T0, &k, &c), INV_OK);
    CHECK_EQ(k, INV_AUDIT_UNKNOWN);
    CHECK_EQ(c.found, 2);
    CHECK_EQ(c.misplaced, 1);
    CHECK_EQ(c.lent, 1);
    CHECK_EQ(c.unknown, 1);
    /* A3 goes out on loan during the count: lent, not missing (A4 was never expected) */
    add_item(db, "A4", "Ski", "Ski", "HYLLE-A");
    const char *a3[] = {"A3"};
    CHECK_EQ(checkout(db, ann, a3, 1, T0), INV_OK);
    AuditSeen during = {0};
    CHECK_EQ(inv_audit_each(db, id, audit_fn, &during), INV_OK);
    CHECK_EQ(during.missing, 0);
    InvReturn back = {.barcode = "A3", .now = T0};
    CHECK_EQ(inv_return(db, &back, NULL), INV_OK);
    CHECK_EQ(inv_audit_finish(db, id, T0), INV_OK);
    CHECK_EQ(inv_audit_finish(db, id, T0), INV_E_AUDIT_CLOSED);
    CHECK_EQ(inv_audit_scan(db, id, "A3", T0, &k, &c), INV_E_AUDIT_CLOSED);
    AuditSeen s = {0};
    CHECK_EQ(inv_audit_each(db, id, audit_fn, &s), INV_OK);
    CHECK_EQ(s.missing, 1);
    CHECK_EQ(s.misplaced, 1);
    CHECK_EQ(s.lent, 1);
    CHECK_EQ(s.unknown, 1);
    /* the found lines complete the result */
    AuditSeen found = {0};
    CHECK_EQ(inv_audit_each_found(db, id, audit_fn, &found), INV_OK);
    CHECK_EQ(found.found, 2);
    CHECK_STREQ(found.first_found, "A1");
    CHECK_EQ(found.missing + found.misplaced + found.lent + found.unknown, 0);
    CHECK_EQ(inv_audit_each_found(db, 4242, audit_fn, &found), INV_E_NOT_FOUND);
    CHECK(strstr(inv_errmsg(db), "no stocktake 4242") != NULL);
    InvAudit info;
    CHECK_EQ(inv_audit_get(db, id, &info), INV_OK);
    CHECK_EQ(info.id, id);
    CHECK_STREQ(info.zone, "HYLLE-A");
    CHECK_EQ(info.started_at, T0);
    CHECK_EQ(info.finished_at, T0);
    CHECK_EQ(inv_audit_get(db, 4242, &info), INV_E_NOT_FOUND);
    CHECK_EQ(info.id, id); /* untouched */
    size_t marked = 0;
    CHECK_EQ(inv_audit_mark_missing(db, id, 0, T0, &marked), INV_OK);
    CHECK_EQ(marked, 1);
    CHECK_EQ(status_of(db, "A3"), INV_ITEM_MISSING);
    CHECK_EQ(inv_audit_scan(db, 4242, "A3", T0, &k, &c), INV_E_NOT_FOUND);
    CHECK_STREQ(inv_audit_kind_name(INV_AUDIT_MISPLACED), "misplaced");
    inv_close(db);
}

/* ---- import -------------------------------------------------------------------------------- */

/* Every row of every table, as text: equal dumps mean equal logical content. */
static void dump_db(const char *name, char *out, size_t size)
{
    char path[512];
    char cmd[1200];
    stf_path(path, sizeof(path), name);
    snprintf(cmd, sizeof(cmd), "sqlite3 '%s' .dump", path);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    CHECK(n < size - 1);
    CHECK_EQ(pclose(p), 0);
}

static int import(InvDb *db, InvImportKind kind, const char *name, const char *text,
                  InvImportResult *res)
{
    char path[512];
    write_file(name, text, path, sizeof(path));
    int err = inv_import_csv(db, kind, path, T0, NULL, NULL, res);
    for (size_t i = 0; i < res->n_problems && i < INV_IMPORT_PROBLEMS_MAX; i++)
        fprintf(stderr, "   problem: %s\n", res->problems[i]);
    return err;
}

static void test_import_good(void)
{
    InvDb *db = stf_open_new("imp.db");
    InvImportResult res;
    /* semicolon, BOM, CRLF, quoted separators, quotes and newlines, extra column, any order */
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "items.csv",
                    "\xEF\xBB\xBF"
                    "Category;Barcode;Name;Ignored;location;loan_days\r\n"
                    "Ski;SKI-1;\"Ski; 180 cm\";x;HYLLE-A;3\r\n"
                    "Hjelm;HJ-1;\"Hjelm \"\"Junior\"\"\";;HYLLE-B;\r\n"
                    "\r\n"
                    "Telt;TELT-1;\"Telt, for 4\";\"two\r\nlines\";;\r\n",
                    &res),
             INV_OK);
    CHECK_EQ(res.rows, 3);
    CHECK_EQ(res.added, 3);
    InvItem it;
    CHECK_EQ(inv_item_get(db, "SKI-1", &it), INV_OK);
    CHECK_STREQ(it.name, "Ski; 180 cm");
    CHECK_EQ(it.loan_days, 3);
    CHECK_EQ(inv_item_get(db, "HJ-1", &it), INV_OK);
    CHECK_STREQ(it.name, "Hjelm \"Junior\"");
    CHECK_EQ(inv_item_get(db, "TELT-1", &it), INV_OK);
    CHECK_STREQ(it.name, "Telt, for 4");

    /* a co-borrower may stand above the responsible adult */
    CHECK_EQ(import(db, INV_IMPORT_BORROWERS, "borrowers.csv",
                    "card,name,phone,birth_year,registered_at,responsible_card,consent\n"
                    "K-1,Kid,,2016,2024-02-01T10:00:00+01:00,A-1,ja\n"
                    "A-1,\"Hansen, Ann\",+4790000000,1980,2023-12-31T23:30:00Z,,yes\n",
                    &res),
             INV_OK);
    CHECK_EQ(res.added, 2);
    InvBorrower b;
    CHECK_EQ(inv_borrower_get(db, "K-1", &b), INV_OK);
    InvBorrower a;
    CHECK_EQ(inv_borrower_get(db, "A-1", &a), INV_OK);
    CHECK_EQ(b.responsible_id, a.id);
    CHECK(a.consent);
    CHECK_STREQ(a.name, "Hansen, Ann");

    CHECK_EQ(import(db, INV_IMPORT_LOANS, "loans.csv",
                    "loan_ref,card,barcode,checked_out_at,due_at,returned_at\n"
                    "L1,A-1,SKI-1,2024-01-05T10:00:00Z,,2024-01-07T10:00:00Z\n"
                    "L2,K-1,SKI-1,2024-01-07T10:00:00Z,2024-01-10,\n"
                    "L1,A-1,HJ-1,2024-01-05T10:00:00Z,,2024-01-07T10:00:00Z\n",
                    &res),
             INV_OK);
    CHECK_EQ(res.added, 3);
    CHECK_EQ(status_of(db, "SKI-1"), INV_ITEM_ON_LOAN);
    CHECK_EQ(status_of(db, "HJ-1"), INV_ITEM_AVAILABLE);
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 1, &f), INV_OK);
    CHECK_EQ(f.loans, 2);
    CHECK_EQ(f.items_lent, 3);
    CHECK_EQ(f.borrowers, 2);
    CHECK_EQ(f.new_borrowers, 2);
    CHECK_EQ(inv_check(db), INV_OK);

    /* old Mac line ends (CR alone), with and without quotes */
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "cr.csv",
                    "barcode,name,category\rCR-1,x,Ski\rCR-2,\"y\",Ski\r", &res),
             INV_OK);
    CHECK_EQ(res.added, 2);
    CHECK_EQ(
        import(db, INV_IMPORT_BORROWERS, "count.csv", "card,name\nC-1,A\nC-2,B\nC-3,C\n", &res),
        INV_OK);
    CHECK_EQ(res.rows, 3);
    CHECK_EQ(res.added, 3);

    /* a header-only file imports nothing, successfully */
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "empty-rows.csv", "barcode,name,category\n", &res),
             INV_OK);
    CHECK_EQ(res.rows, 0);
    inv_close(db);
}

static void test_import_refused(void)
{
    InvDb *db = stf_open_new("refused.db");
    InvImportResult res;
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "base-items.csv",
                    "barcode,name,category,location\nSKI-1,Ski,Ski,A\nSKI-2,Ski,Ski,A\n"
                    "REP-1,Ski,Ski,A\n",
                    &res),
             INV_OK);
    CHECK_EQ(inv_item_set_status(db, "REP-1", INV_ITEM_IN_REPAIR, NULL, 0, T0), INV_OK);
    CHECK_EQ(import(db, INV_IMPORT_BORROWERS, "base-b.csv", "card,name\nB-1,Ann\nB-2,Bob\n", &res),
             INV_OK);
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "base-l.csv",
                    "loan_ref,card,barcode,checked_out_at,returned_at\n"
                    "OLD-1,B-1,SKI-1,2024-01-01T10:00:00Z,2024-01-03T10:00:00Z\n",
                    &res),
             INV_OK);
    static char before[1 << 20];
    static char after[1 << 20];
    inv_close(db);
    dump_db("refused.db", before, sizeof(before));
    char path[512];
    stf_path(path, sizeof(path), "refused.db");
    InvOpenOptions o = {.path = path};
    CHECK_EQ(inv_open(&o, &db, NULL, 0), INV_OK);

    /* Each case: a file with one bad row (on the line given) among good ones. */
    static const struct {
        InvImportKind kind;
        const char *text;
        long line;
        const char *words;
    } cases[] = {
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,Ny,Ski\nSKI-1,Dupe,Ski\n", 3,
         "already used"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,Ny,Ski\nN-1,Dupe,Ski\n", 3, "already used"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,,Ski\n", 2, "name is empty"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,Ny,Ski\n,Ny,Ski\n", 3, "barcode is empty"},
        {INV_IMPORT_ITEMS, "barcode,name,category,added_at\nN-1,Ny,Ski,31.02.2024\n", 2,
         "not a date"},
        {INV_IMPORT_ITEMS, "barcode,name,category,loan_days\nN-1,Ny,Ski,many\n", 2, "loan_days"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN 1,Ny,Ski\n", 2, "printable"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,Ny\xFF,Ski\n", 2, "UTF-8"},
        {INV_IMPORT_ITEMS, "barcode,name\nN-1,Ny\n", 1, "missing column category"},
        {INV_IMPORT_ITEMS, "foo,bar\n1,2\n", 1, "not a CSV file of items"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,\"Ny,Ski\n", 2, "not closed"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,Ny\"x\"y,Ski\n", 2, "malformed"},
        {INV_IMPORT_ITEMS, "", 1, "empty"},
        {INV_IMPORT_ITEMS, "\n\n  \n", 1, "empty"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,Ny,Ski\n\x01\x02\x00\x03", 3, "binary data"},
        {INV_IMPORT_ITEMS, "barcode,name,category\nN-1,Ny\x7f,Ski\n", 2, "binary data"},
        {INV_IMPORT_BORROWERS, "card,name\nB-1,Again\n", 2, "already registered"},
        {INV_IMPORT_BORROWERS, "card,name,birth_year\nB-9,Ny,nineteen\n", 2, "birth_year"},
        {INV_IMPORT_BORROWERS, "card,name,responsible_card\nB-9,Kid,B-404\n", 2,
         "not a registered borrower"},
        {INV_IMPORT_BORROWERS, "card,name,consent\nB-9,Ny,maybe\n", 2, "consent"},
        {INV_IMPORT_BORROWERS, "card,name,registered_at\nB-9,Ny,2024-02-30\n", 2, "not a date"},
        {INV_IMPORT_LOANS,
         "loan_ref,card,barcode,checked_out_at\nL-1,B-404,SKI-2,2024-02-01T10:00Z\n", 2,
         "card B-404"},
        {INV_IMPORT_LOANS, "loan_ref,card,barcode,checked_out_at\nL-1,B-1,NOPE,2024-02-01T10:00Z\n",
         2, "barcode NOPE"},
        {INV_IMPORT_LOANS,
         "loan_ref,card,barcode,checked_out_at,returned_at\n"
         "L-1,B-1,SKI-2,2024-02-01T10:00Z,2024-02-05T10:00Z\n"
         "L-2,B-2,SKI-2,2024-02-03T10:00Z,2024-02-04T10:00Z\n",
         3, "already on loan"},
        {INV_IMPORT_LOANS,
         "loan_ref,card,barcode,checked_out_at,returned_at\n"
         "L-1,B-2,SKI-1,2024-01-02T10:00Z,2024-01-02T12:00Z\n",
         2, "already on loan"},
        {INV_IMPORT_LOANS,
         "loan_ref,card,barcode,checked_out_at,returned_at\n"
         "L-1,B-2,SKI-2,2024-01-02T10:00Z,2024-01-01T12:00Z\n",
         2, "before checked_out_at"},
        {INV_IMPORT_LOANS, "loan_ref,card,barcode,checked_out_at\nL-1,B-2,SKI-2,yesterday\n", 2,
         "not a date"},
        {INV_IMPORT_LOANS, "loan_ref,card,barcode,checked_out_at\nOLD-1,B-1,SKI-2,2024-02-01\n", 2,
         "imported before"},
        {INV_IMPORT_LOANS,
         "loan_ref,card,barcode,checked_out_at\nL-1,B-1,SKI-2,2024-02-01\n"
         "L-1,B-2,SKI-1,2024-02-01\n",
         3, "different card"},
        {INV_IMPORT_LOANS, "loan_ref,card,barcode,checked_out_at\nL-1,B-1,REP-1,2024-02-01\n", 2,
         "in_repair"},
        {INV_IMPORT_LOANS, "loan_ref,card,barcode\nL-1,B-1,SKI-2\n", 1,
         "missing column checked_out_at"},
        {INV_IMPORT_LOANS,
         "loan_ref,card,barcode,checked_out_at,returned_at\n"
         "L-1,B-1,SKI-2,2024-02-01T10:00Z,2024-02-01T10:00Z\n"
         "L-1,B-1,SKI-2,2024-02-01T10:00Z,2024-02-01T10:00Z\n",
         3, "twice in loan L-1"},
        {INV_IMPORT_ITEMS, "barcode,name,category\rN-1,Ny,Ski\rN-2,,Ski\r", 3, "name is empty"},
        {INV_IMPORT_ITEMS, "barcode,name,category\r\nN-1,Ny,Ski\r\nN-2,\"a\r\nb\",\r\n", 3,
         "category is empty"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char name[32];
        snprintf(name, sizeof(name), "bad-%zu.csv", i);
        write_file(name, cases[i].text, path, sizeof(path));
        if (strstr(cases[i].text, "\x01\x02") != NULL) {
            /* the text above stops at its NUL: write the bytes by hand */
            FILE *f = fopen(path, "ab");
            CHECK(f != NULL);
            fwrite("\0\x03", 1, 2, f);
            fclose(f);
        }
        int err = inv_import_csv(db, cases[i].kind, path, T0, NULL, NULL, &res);
        char want[600];
        snprintf(want, sizeof(want), "%s:%ld: ", path, cases[i].line);
        bool ok = err == INV_E_IMPORT && res.n_problems >= 1 &&
                  strstr(res.problems[0], want) == res.problems[0] &&
                  strstr(res.problems[0], cases[i].words) != NULL && res.added == 0;
        if (!ok)
            fprintf(stderr, "case %zu: err %d, %zu problems, first: %s\n", i, err, res.n_problems,
                    res.n_problems ? res.problems[0] : "-");
        CHECK(ok);
    }

    /* a file in another encoding is one problem, not one per row */
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "latin1.csv",
                    "barcode,name,category\nL-1,Sm\xf8r,Mat\nL-2,Sm\xf8r,Mat\nL-3,Sm\xf8r,Mat\n",
                    &res),
             INV_E_IMPORT);
    CHECK_EQ(res.n_problems, 1);
    CHECK(strstr(res.problems[0], ":2: not UTF-8") != NULL);

    /* many bad rows: the first 20 are listed, all are counted */
    char big[8192];
    size_t used = (size_t)snprintf(big, sizeof(big), "barcode,name,category\n");
    for (int i = 0; i < 30; i++)
        used += (size_t)snprintf(big + used, sizeof(big) - used, "X-%d,,Ski\n", i);
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "many.csv", big, &res), INV_E_IMPORT);
    CHECK_EQ(res.n_problems, 30);
    CHECK(strstr(res.problems[19], ":21: ") != NULL);
    CHECK(strstr(inv_errmsg(db), "30 problems") != NULL);

    char missing[512];
    stf_path(missing, sizeof(missing), "no-such-file.csv");
    CHECK_EQ(inv_import_csv(db, INV_IMPORT_ITEMS, missing, T0, NULL, NULL, &res), INV_E_NOT_FOUND);
    CHECK_EQ(inv_import_csv(db, INV_IMPORT_ITEMS, stf_dir, T0, NULL, NULL, &res), INV_E_INVALID);

    inv_close(db);
    dump_db("refused.db", after, sizeof(after));
    CHECK_STREQ(before, after);
}

/* ---- data9: issue 9 findings ------------------------------------------------------------- */

/* 9.6: a card is one person's: a staff card cannot be a borrower's (by add or by import), and a
 * borrower's card cannot be a staff card. */
static void test_card_one_person(void)
{
    InvDb *db = stf_open_new("cards.db");
    InvStaff s = {.name = "Lea Leder", .card = "S-2001", .role = INV_ROLE_LEADER};
    CHECK_EQ(inv_staff_add(db, &s, "2468", NULL), INV_OK);
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "S-2001");
    snprintf(b.name, sizeof(b.name), "Ola");
    CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_EXISTS);
    CHECK(strstr(inv_errmsg(db), "S-2001") != NULL);
    CHECK(strstr(inv_errmsg(db), "staff card") != NULL);
    InvStaff who;
    CHECK_EQ(inv_staff_login(db, "S-2001", "2468", T0, &who, NULL), INV_OK);

    add_borrower(db, "1001", "Kari", 0);
    InvStaff s2 = {.name = "Per", .card = "1001", .role = INV_ROLE_TRAINEE};
    CHECK_EQ(inv_staff_add(db, &s2, "1357", NULL), INV_E_EXISTS);
    CHECK(strstr(inv_errmsg(db), "card 1001") != NULL);
    CHECK(strstr(inv_errmsg(db), "borrower") != NULL);
    CHECK_EQ(inv_staff_get(db, "1001", &who), INV_E_NOT_FOUND);

    InvImportResult res;
    CHECK_EQ(
        import(db, INV_IMPORT_BORROWERS, "cards.csv", "card,name\n1002,Ada\nS-2001,Ola\n", &res),
        INV_E_IMPORT);
    CHECK_EQ(res.n_problems, 1);
    CHECK(strstr(res.problems[0], "cards.csv:3: card S-2001 is already a staff card") != NULL);
    CHECK_EQ(inv_borrower_get(db, "1002", &b), INV_E_UNKNOWN_BORROWER);
    inv_close(db);
}

/* 9.4: imported history cannot lie in the future (past the import's time plus the clock skew
 * allowance): refused with the line and the column; a few minutes of skew are allowed, and the
 * allowance is an option. */
static void test_import_future(void)
{
    InvDb *db = stf_open_new("future.db");
    InvImportResult res;
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "fi.csv",
                    "barcode,name,category,added_at\nF-1,Ski,Ski,2024-03-01T12:05\n"
                    "F-2,Ski,Ski,2031-01-05\n",
                    &res),
             INV_E_IMPORT);
    CHECK_EQ(res.n_problems, 1);
    CHECK(strstr(res.problems[0], "fi.csv:3: added_at \"2031-01-05\" is in the future") != NULL);
    CHECK_EQ(import(db, INV_IMPORT_BORROWERS, "fb.csv",
                    "card,name,registered_at\n1001,Kari,2030-01-01\n", &res),
             INV_E_IMPORT);
    CHECK(strstr(res.problems[0], "fb.csv:2: registered_at") != NULL);
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "fi2.csv",
                    "barcode,name,category,added_at\nF-1,Ski,Ski,2024-03-01T12:05\n"
                    "F-2,Ski,Ski,2024-01-05\n",
                    &res),
             INV_OK);
    add_borrower(db, "1001", "Kari", 0);
    const char *loans = "loan_ref,card,barcode,checked_out_at,returned_at\n"
                        "L-1,1001,F-1,2031-01-05,\n"
                        "L-2,1001,F-2,2024-02-01,2031-02-01\n";
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "fl.csv", loans, &res), INV_E_IMPORT);
    CHECK_EQ(res.n_problems, 2);
    CHECK(strstr(res.problems[0], "fl.csv:2: checked_out_at \"2031-01-05\" is in the future") !=
          NULL);
    CHECK(strstr(res.problems[1], "fl.csv:3: returned_at \"2031-02-01\" is in the future") != NULL);

    /* 20 minutes ahead: past the default 10 minutes, within an allowance of an hour */
    char path[512];
    write_file("skew.csv", "loan_ref,card,barcode,checked_out_at\nL-3,1001,F-1,2024-03-01T12:20\n",
               path, sizeof(path));
    CHECK_EQ(inv_import_csv(db, INV_IMPORT_LOANS, path, T0, NULL, NULL, &res), INV_E_IMPORT);
    InvImportOptions opts = {T0, -1, NULL, NULL};
    CHECK_EQ(inv_import_csv_opts(db, INV_IMPORT_LOANS, path, &opts, &res), INV_E_INVALID);
    opts.max_skew = 3600;
    CHECK_EQ(inv_import_csv_opts(db, INV_IMPORT_LOANS, path, &opts, &res), INV_OK);
    CHECK_EQ(res.added, 1);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* 9.7: names and notes refuse control characters and bidi overrides, whoever adds them, with
 * the field named; ordinary letters of any script pass. */
static void test_text_refused(void)
{
    InvDb *db = stf_open_new("text.db");
    static const struct {
        const char *text;
        const char *msg;
    } bad[] = {
        {"Ok\nC-9999  Fake Person", "control character (U+000A at character 3)"},
        {"Tab\there", "control character (U+0009"},
        {"Del\x7f", "control character (U+007F"},
        {"Csi\xc2\x9b"
         "31m",
         "control character (U+009B"},
        {"Abc\xe2\x80\xae"
         "gpj.exe",
         "bidi override character (U+202E"},
        {"Iso\xe2\x81\xa6x", "bidi override character (U+2066"},
        {"Nel\xc2\x85", "control character (U+0085"},
    };
    add_borrower(db, "1001", "Kari", 0);
    add_item(db, "OK-1", "Ski", "Ski", "");
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        InvBorrower b;
        memset(&b, 0, sizeof(b));
        snprintf(b.card, sizeof(b.card), "B-%zu", i);
        snprintf(b.name, sizeof(b.name), "%s", bad[i].text);
        CHECK_EQ(inv_borrower_add(db, &b, T0, NULL), INV_E_INVALID);
        CHECK(strstr(inv_errmsg(db), "name has a ") != NULL);
        CHECK(strstr(inv_errmsg(db), bad[i].msg) != NULL);

        InvItem it;
        memset(&it, 0, sizeof(it));
        snprintf(it.barcode, sizeof(it.barcode), "X-%zu", i);
        snprintf(it.name, sizeof(it.name), "Ski");
        snprintf(it.category, sizeof(it.category), "%s", bad[i].text);
        CHECK_EQ(inv_item_add(db, &it, T0, NULL), INV_E_INVALID);
        CHECK(strstr(inv_errmsg(db), "category has a ") != NULL);
        snprintf(it.category, sizeof(it.category), "Ski");
        snprintf(it.notes, sizeof(it.notes), "%s", bad[i].text);
        CHECK_EQ(inv_item_add(db, &it, T0, NULL), INV_E_INVALID);
        CHECK(strstr(inv_errmsg(db), "notes has a ") != NULL);

        CHECK_EQ(inv_item_get(db, "OK-1", &it), INV_OK);
        snprintf(it.location, sizeof(it.location), "%s", bad[i].text);
        CHECK_EQ(inv_item_update(db, &it), INV_E_INVALID);
        CHECK(strstr(inv_errmsg(db), "location has a ") != NULL);

        InvStaff st = {.role = INV_ROLE_TRAINEE};
        snprintf(st.card, sizeof(st.card), "S-%zu", i);
        snprintf(st.name, sizeof(st.name), "%s", bad[i].text);
        CHECK_EQ(inv_staff_add(db, &st, "1234", NULL), INV_E_INVALID);
        CHECK_EQ(inv_borrower_block(db, "1001", bad[i].text, 0, T0), INV_E_INVALID);
        CHECK(strstr(inv_errmsg(db), "reason has a ") != NULL);
    }
    add_borrower(db, "1002", "Åse Øvrebø-Ørn, Zoë 李 Ελένη", 0);

    /* the example: a name with a line break in a quoted CSV field forges no row */
    InvImportResult res;
    CHECK_EQ(import(db, INV_IMPORT_BORROWERS, "forged.csv",
                    "card,name\n2001,\"Ok\nC-9999  Fake Person\"\n2002,Ada\n", &res),
             INV_E_IMPORT);
    CHECK_EQ(res.n_problems, 1);
    CHECK(strstr(res.problems[0], "forged.csv:2: name has a control character") != NULL);
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "forged-items.csv",
                    "barcode,name,category,notes\nN-1,Ski,Ski,\"a\xe2\x80\xae\"\n", &res),
             INV_E_IMPORT);
    CHECK(strstr(res.problems[0], "forged-items.csv:2: notes has a bidi override character") !=
          NULL);
    InvBorrower b;
    CHECK_EQ(inv_borrower_get(db, "2002", &b), INV_E_UNKNOWN_BORROWER);
    CHECK(inv_char_is_refused(0x9B) && inv_char_is_refused(0x202E) && !inv_char_is_refused('a'));
    CHECK(!inv_char_is_refused(0xA0) && !inv_char_is_refused(0x202F));
    inv_close(db);
}

/* 9.9: the import checks outside the write lock; what another connection writes meanwhile is
 * checked again under the lock. Here a checkout lands while the file is read (from the progress
 * callback): an imported loan returned after that checkout began overlaps it and is refused. */
typedef struct Meanwhile {
    int64_t borrower;
    int calls;
    int err;
} Meanwhile;

static void checkout_meanwhile(uint64_t done, uint64_t total, void *ctx)
{
    (void)done;
    (void)total;
    Meanwhile *m = ctx;
    if (m->calls++ > 0)
        return;
    char path[512];
    stf_path(path, sizeof(path), "meanwhile.db");
    InvOpenOptions o = {.path = path};
    InvDb *other = NULL;
    CHECK_EQ(inv_open(&o, &other, NULL, 0), INV_OK);
    const char *codes[] = {"MW-1"};
    m->err = checkout(other, m->borrower, codes, 1, T0);
    inv_close(other);
}

static void test_import_meanwhile(void)
{
    InvDb *db = stf_open_new("meanwhile.db");
    add_item(db, "MW-1", "Ski", "Ski", "");
    add_item(db, "MW-2", "Ski", "Ski", "");
    Meanwhile m = {add_borrower(db, "1001", "Kari", 0), 0, -1};
    char path[512];
    write_file("meanwhile.csv",
               "loan_ref,card,barcode,checked_out_at,returned_at\n"
               "W-1,1001,MW-1,2024-02-25T10:00,2024-03-01T12:05\n"
               "W-2,1001,MW-2,2024-02-25T10:00,2024-02-26T10:00\n",
               path, sizeof(path));
    InvImportOptions opts = {T0, INV_IMPORT_MAX_SKEW_DEFAULT, checkout_meanwhile, &m};
    InvImportResult res;
    CHECK_EQ(inv_import_csv_opts(db, INV_IMPORT_LOANS, path, &opts, &res), INV_E_IMPORT);
    CHECK_EQ(m.err, INV_OK); /* the checkout was not kept waiting by the import */
    CHECK_EQ(res.n_problems, 1);
    CHECK(strstr(res.problems[0], "meanwhile.csv:2: item MW-1 is already on loan then") != NULL);
    CHECK_EQ(status_of(db, "MW-1"), INV_ITEM_ON_LOAN);
    CHECK_EQ(status_of(db, "MW-2"), INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

/* A replayable connection (bua-sync's) leaves the WAL to inv_checkpoint: after its writes the WAL
 * holds frames, and the checkpoint copies them into the file; the kiosk's connection to the same
 * file sees them. */
static void test_replayable_checkpoint(void)
{
    InvDb *kiosk = stf_open_new("replay.db");
    char path[512];
    stf_path(path, sizeof path, "replay.db");
    InvOpenOptions o = {.path = path, .replayable = true};
    InvDb *db = stf_open(&o);
    for (int i = 0; i < 20; i++) {
        char code[16];
        snprintf(code, sizeof code, "RP-%d", i);
        add_item(db, code, "Ski", "Ski", "");
    }
    int frames = -1;
    CHECK_EQ(inv_checkpoint(db, &frames), INV_OK);
    CHECK(frames > 0);
    CHECK_EQ(status_of(kiosk, "RP-19"), INV_ITEM_AVAILABLE);
    CHECK_EQ(inv_check(kiosk), INV_OK);
    inv_close(db);
    inv_close(kiosk);
}

int main(void)
{
    stf_begin("inv");
    T0 = stf_zone_time("2024-03-01T12:00");
    RUN(test_open_errors);
    RUN(test_create_mode_and_reopen);
    RUN(test_items);
    RUN(test_refusals);
    RUN(test_checkout_return_and_due);
    RUN(test_sets);
    RUN(test_many_categories);
    RUN(test_staff);
    RUN(test_pin_lockout);
    RUN(test_borrowers);
    RUN(test_time);
    RUN(test_figures_edges);
    RUN(test_audit);
    RUN(test_import_good);
    RUN(test_import_refused);
    RUN(test_card_one_person);
    RUN(test_import_future);
    RUN(test_text_refused);
    RUN(test_import_meanwhile);
    RUN(test_replayable_checkpoint);

    stf_end();
    fprintf(stderr, "test_inventory: all passed\n");
    return 0;
}
