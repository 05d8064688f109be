/* Unit tests of people after registration, on real SQLite files: editing a borrower (checks,
 * the record of changes), replacing a lost card (the old one refused everywhere, loans follow),
 * a child's contact through the responsible adult, and staff accounts (change, disable, expire,
 * new PIN, the last leader kept). */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t T0; /* 2024-03-01 12:00 Oslo */
static int n_db;

static InvDb *open_new(void)
{
    char name[32];
    snprintf(name, sizeof(name), "people-%d.db", n_db++);
    return stf_open_new(name);
}

static int64_t add_borrower(InvDb *db, const char *card, const char *name, const char *phone,
                            int64_t responsible)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "%s", name);
    snprintf(b.phone, sizeof(b.phone), "%s", phone);
    b.responsible_id = responsible;
    b.consent = true;
    b.consent_by = responsible; /* a child's consent is the adult's */
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, T0, &id), INV_OK);
    return id;
}

static int64_t add_staff(InvDb *db, const char *card, const char *name, InvRole role,
                         const char *pin)
{
    InvStaff s;
    memset(&s, 0, sizeof(s));
    snprintf(s.card, sizeof(s.card), "%s", card);
    snprintf(s.name, sizeof(s.name), "%s", name);
    s.role = role;
    int64_t id = 0;
    CHECK_EQ(inv_staff_add(db, &s, pin, &id), INV_OK);
    return id;
}

static InvBorrowerEdit no_edit(void)
{
    InvBorrowerEdit e = {.birth_year = INV_UNCHANGED, .now = T0};
    return e;
}

static InvStaffEdit no_staff_edit(void)
{
    InvStaffEdit e = {.expires = INV_UNCHANGED, .now = T0};
    return e;
}

static bool has(const char *text, const char *part)
{
    return strstr(text, part) != NULL;
}

static void test_borrower_edit(void)
{
    InvDb *db = open_new();
    int64_t kari = add_borrower(db, "B-1", "Kari", "91234567", 0);
    int64_t ola = add_borrower(db, "B-2", "Ola", "", 0);
    add_borrower(db, "B-3", "Per", "", 0);
    char fields[128];

    InvBorrowerEdit e = no_edit();
    e.name = "Kari Nordmann";
    e.phone = "90000000";
    e.birth_year = 1990;
    CHECK_EQ(inv_borrower_edit(db, "B-1", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "name,phone,birth_year");
    InvBorrower b;
    CHECK_EQ(inv_borrower_get(db, "B-1", &b), INV_OK);
    CHECK_STREQ(b.name, "Kari Nordmann");
    CHECK_STREQ(b.phone, "90000000");
    CHECK_EQ(b.birth_year, 1990);
    CHECK_EQ(b.id, kari);

    /* the same values again: nothing changed */
    CHECK_EQ(inv_borrower_edit(db, "B-1", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "");

    /* Ola becomes Kari's co-borrower, then an adult again */
    e = no_edit();
    e.adult_card = "B-1";
    CHECK_EQ(inv_borrower_edit(db, "B-2", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "responsible");
    CHECK_EQ(inv_borrower_get_id(db, ola, &b), INV_OK);
    CHECK_EQ(b.responsible_id, kari);

    /* the checks of registration */
    e = no_edit();
    e.name = "";
    CHECK_EQ(inv_borrower_edit(db, "B-1", &e, NULL, 0), INV_E_INVALID);
    e.name = "Kari\nNordmann";
    CHECK_EQ(inv_borrower_edit(db, "B-1", &e, NULL, 0), INV_E_INVALID);
    CHECK(has(inv_errmsg(db), "name"));
    e = no_edit();
    e.birth_year = 2025; /* after T0's year */
    CHECK_EQ(inv_borrower_edit(db, "B-1", &e, NULL, 0), INV_E_INVALID);
    CHECK(has(inv_errmsg(db), "2025"));
    e.birth_year = 1800;
    CHECK_EQ(inv_borrower_edit(db, "B-1", &e, NULL, 0), INV_E_INVALID);
    e = no_edit();
    e.adult_card = "B-2"; /* a co-borrower cannot be responsible */
    CHECK_EQ(inv_borrower_edit(db, "B-3", &e, NULL, 0), INV_E_INVALID);
    CHECK(has(inv_errmsg(db), "co-borrower"));
    e.adult_card = "B-3"; /* nor oneself */
    CHECK_EQ(inv_borrower_edit(db, "B-3", &e, NULL, 0), INV_E_INVALID);
    e.adult_card = "B-3"; /* Kari is responsible for Ola: she cannot get an adult */
    CHECK_EQ(inv_borrower_edit(db, "B-1", &e, NULL, 0), INV_E_INVALID);
    CHECK(has(inv_errmsg(db), "responsible adult of 1 co-borrower"));
    e.adult_card = "NOPE";
    CHECK_EQ(inv_borrower_edit(db, "B-3", &e, NULL, 0), INV_E_UNKNOWN_BORROWER);
    CHECK(has(inv_errmsg(db), "NOPE (responsible adult)"));
    CHECK_EQ(inv_borrower_block(db, "B-1", "lost skis", 0, T0), INV_OK);
    e.adult_card = "B-1";
    CHECK_EQ(inv_borrower_edit(db, "B-3", &e, NULL, 0), INV_E_BORROWER_BLOCKED);
    CHECK_EQ(inv_borrower_edit(db, "B-9", &e, NULL, 0), INV_E_UNKNOWN_BORROWER);

    /* nothing refused was written */
    CHECK_EQ(inv_borrower_get(db, "B-3", &b), INV_OK);
    CHECK_EQ(b.responsible_id, 0);
    CHECK_STREQ(b.name, "Per");
    CHECK_EQ(inv_borrower_get(db, "B-1", &b), INV_OK);
    CHECK_STREQ(b.name, "Kari Nordmann");
    CHECK_EQ(b.birth_year, 1990);

    /* back to an adult; the phone cleared */
    e = no_edit();
    e.adult_card = "";
    e.phone = "";
    CHECK_EQ(inv_borrower_edit(db, "B-2", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "responsible");
    inv_close(db);
}

static void test_replace_card(void)
{
    InvDb *db = open_new();
    int64_t kari = add_borrower(db, "B-1", "Kari", "91234567", 0);
    add_borrower(db, "B-2", "Ola", "", 0);
    add_staff(db, "S-1", "Tor", INV_ROLE_TRAINEE, "1234");
    InvItem it;
    memset(&it, 0, sizeof(it));
    snprintf(it.barcode, sizeof(it.barcode), "SKI-1");
    snprintf(it.name, sizeof(it.name), "Ski");
    snprintf(it.category, sizeof(it.category), "Ski");
    CHECK_EQ(inv_item_add(db, &it, T0, NULL), INV_OK);
    const char *codes[] = {"SKI-1"};
    InvCheckout co = {.borrower_id = kari, .barcodes = codes, .n_barcodes = 1, .now = T0};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);

    /* the new card must be unused */
    CHECK_EQ(inv_borrower_replace_card(db, "B-1", "B-2", 0, T0), INV_E_EXISTS);
    CHECK_EQ(inv_borrower_replace_card(db, "B-1", "S-1", 0, T0), INV_E_EXISTS);
    CHECK_EQ(inv_borrower_replace_card(db, "B-1", " B-5", 0, T0), INV_E_INVALID);
    CHECK_EQ(inv_borrower_replace_card(db, "B-9", "B-5", 0, T0), INV_E_UNKNOWN_BORROWER);
    CHECK_EQ(inv_borrower_replace_card(db, "B-1", "B-5", 0, T0 + 86400), INV_OK);

    InvBorrower b;
    CHECK_EQ(inv_borrower_get(db, "B-5", &b), INV_OK);
    CHECK_EQ(b.id, kari);
    /* the old card: refused with its own code and date, everywhere */
    CHECK_EQ(inv_borrower_get(db, "B-1", &b), INV_E_CARD_REPLACED);
    CHECK_STREQ(inv_errmsg(db), "card B-1 was replaced (erstattet) on 2024-03-02");
    InvStaff s;
    CHECK_EQ(inv_staff_get(db, "B-1", &s), INV_E_CARD_REPLACED);
    CHECK_EQ(inv_staff_login(db, "B-1", "1234", T0, &s, NULL), INV_E_CARD_REPLACED);
    InvBorrower again;
    memset(&again, 0, sizeof(again));
    snprintf(again.card, sizeof(again.card), "B-1");
    snprintf(again.name, sizeof(again.name), "Someone else");
    CHECK_EQ(inv_borrower_add(db, &again, T0, NULL), INV_E_CARD_REPLACED);
    InvStaff st = {.name = "Ny", .card = "B-1", .role = INV_ROLE_TRAINEE};
    CHECK_EQ(inv_staff_add(db, &st, "1234", NULL), INV_E_CARD_REPLACED);
    /* nor can it be given to someone as a new card */
    CHECK_EQ(inv_borrower_replace_card(db, "B-2", "B-1", 0, T0), INV_E_CARD_REPLACED);
    CHECK(has(inv_errmsg(db), "cannot be used again"));
    CHECK_EQ(inv_borrower_replace_card(db, "B-1", "B-7", 0, T0), INV_E_CARD_REPLACED);

    /* loans follow the person */
    InvLoanLine line;
    CHECK_EQ(inv_item_loan(db, "SKI-1", T0, &line), INV_OK);
    CHECK_STREQ(line.card, "B-5");
    CHECK_EQ(line.borrower_id, kari);
    InvFigures f;
    CHECK_EQ(inv_figures(db, 2024, 0, &f), INV_OK);
    CHECK_EQ(f.borrowers, 1);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

static void test_contact(void)
{
    InvDb *db = open_new();
    int64_t kari = add_borrower(db, "B-1", "Kari", "91234567", 0);
    add_borrower(db, "B-2", "Ola", "", kari);
    add_borrower(db, "B-3", "Per", "95555555", kari);
    add_borrower(db, "B-4", "Anne", "", 0);
    InvBorrower b;
    InvContact c;
    CHECK_EQ(inv_borrower_get(db, "B-2", &b), INV_OK);
    CHECK_EQ(inv_borrower_contact(db, &b, &c), INV_OK);
    CHECK_STREQ(c.phone, "91234567");
    CHECK(c.guardian);
    CHECK_STREQ(c.guardian_name, "Kari");
    CHECK_EQ(inv_borrower_get(db, "B-3", &b), INV_OK);
    CHECK_EQ(inv_borrower_contact(db, &b, &c), INV_OK);
    CHECK_STREQ(c.phone, "95555555");
    CHECK(!c.guardian);
    CHECK_EQ(inv_borrower_get(db, "B-4", &b), INV_OK);
    CHECK_EQ(inv_borrower_contact(db, &b, &c), INV_OK);
    CHECK_STREQ(c.phone, "");
    CHECK(!c.guardian);
    inv_close(db);
}

static int count_staff(const InvStaff *s, void *ctx)
{
    int *n = ctx;
    if (*n == 0)
        CHECK_EQ(s->role, INV_ROLE_LEADER); /* leaders first */
    (*n)++;
    return 0;
}

static void test_staff_accounts(void)
{
    InvDb *db = open_new();
    int64_t lea = add_staff(db, "S-L", "Lea", INV_ROLE_LEADER, "2468");
    int64_t tor = add_staff(db, "S-T", "Tor", INV_ROLE_TRAINEE, "1234");
    add_borrower(db, "B-1", "Kari", "", 0);
    InvStaff s;
    char fields[128];
    int n = 0;
    CHECK_EQ(inv_staff_each(db, count_staff, &n), INV_OK);
    CHECK_EQ(n, 2);

    /* disabled: refused before the PIN, nothing counted */
    CHECK_EQ(inv_staff_enable(db, "S-T", false, tor, T0), INV_E_NEEDS_LEADER);
    CHECK_EQ(inv_staff_enable(db, "S-T", false, lea, T0), INV_OK);
    CHECK_EQ(inv_staff_login(db, "S-T", "1234", T0 + 60, &s, NULL), INV_E_STAFF_DISABLED);
    CHECK_STREQ(inv_errmsg(db), "staff card S-T was disabled on 2024-03-01");
    for (int i = 0; i < INV_PIN_TRIES + 1; i++)
        CHECK_EQ(inv_staff_login(db, "S-T", "0000", T0 + 60, &s, NULL), INV_E_STAFF_DISABLED);
    CHECK_EQ(inv_staff_get(db, "S-T", &s), INV_OK);
    CHECK(s.disabled_at == T0);
    CHECK_EQ(inv_staff_check_active(db, &s, T0), INV_E_STAFF_DISABLED);
    CHECK_EQ(inv_staff_enable(db, "S-T", true, 0, T0), INV_OK);
    CHECK_EQ(inv_staff_login(db, "S-T", "1234", T0 + 60, &s, NULL), INV_OK);

    /* the last active leader stays */
    CHECK_EQ(inv_staff_enable(db, "S-L", false, lea, T0), INV_E_LAST_LEADER);
    InvStaffEdit e = no_staff_edit();
    e.role = INV_ROLE_TRAINEE;
    CHECK_EQ(inv_staff_set(db, "S-L", &e, NULL, 0), INV_E_LAST_LEADER);
    e = no_staff_edit();
    e.expires = T0 + 30 * 86400;
    CHECK_EQ(inv_staff_set(db, "S-L", &e, NULL, 0), INV_E_LAST_LEADER);
    /* with a second leader, the first may go */
    e = no_staff_edit();
    e.role = INV_ROLE_LEADER;
    CHECK_EQ(inv_staff_set(db, "S-T", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "role");
    CHECK_EQ(inv_staff_enable(db, "S-L", false, tor, T0), INV_OK);
    CHECK_EQ(inv_staff_enable(db, "S-T", false, tor, T0), INV_E_LAST_LEADER);
    /* a disabled leader cannot change accounts */
    CHECK_EQ(inv_staff_enable(db, "S-L", true, lea, T0), INV_E_NEEDS_LEADER);
    CHECK_EQ(inv_staff_enable(db, "S-L", true, tor, T0), INV_OK);

    /* an expiry: works through that local day, refused after */
    e = no_staff_edit();
    e.role = INV_ROLE_TRAINEE;
    e.expires = T0 + 86400; /* 2024-03-02 */
    CHECK_EQ(inv_staff_set(db, "S-T", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "role,expires");
    CHECK_EQ(inv_staff_login(db, "S-T", "1234", T0 + 86400 + 11 * 3600, &s, NULL), INV_OK);
    CHECK_EQ(inv_staff_login(db, "S-T", "1234", T0 + 2 * 86400, &s, NULL), INV_E_STAFF_EXPIRED);
    CHECK_STREQ(inv_errmsg(db), "staff card S-T expired on 2024-03-02");
    e = no_staff_edit();
    e.expires = T0 - 86400;
    CHECK_EQ(inv_staff_set(db, "S-T", &e, NULL, 0), INV_E_INVALID);
    CHECK(has(inv_errmsg(db), "in the past"));
    e = no_staff_edit();
    e.expires = 0;
    e.now = T0 + 2 * 86400;
    CHECK_EQ(inv_staff_set(db, "S-T", &e, NULL, 0), INV_OK);
    CHECK_EQ(inv_staff_login(db, "S-T", "1234", T0 + 2 * 86400, &s, NULL), INV_OK);

    /* a new PIN by a leader: the count and the lock are cleared */
    for (int i = 0; i < INV_PIN_TRIES; i++)
        inv_staff_login(db, "S-T", "0000", T0, &s, NULL);
    CHECK_EQ(inv_staff_login(db, "S-T", "1234", T0 + 1, &s, NULL), INV_E_LOCKED);
    CHECK_EQ(inv_staff_set_pin(db, "S-T", "5555", tor, T0 + 2), INV_E_NEEDS_LEADER);
    CHECK_EQ(inv_staff_set_pin(db, "S-T", "55", lea, T0 + 2), INV_E_INVALID);
    CHECK_EQ(inv_staff_set_pin(db, "S-T", "5555", lea, T0 + 2), INV_OK);
    CHECK_EQ(inv_staff_login(db, "S-T", "1234", T0 + 3, &s, NULL), INV_E_AUTH);
    CHECK_EQ(inv_staff_login(db, "S-T", "5555", T0 + 4, &s, NULL), INV_OK);

    /* a new staff card: the old one is refused as replaced */
    e = no_staff_edit();
    e.new_card = "B-1";
    CHECK_EQ(inv_staff_set(db, "S-T", &e, NULL, 0), INV_E_EXISTS);
    e.new_card = "S-T2";
    e.name = "Tor Trainee";
    CHECK_EQ(inv_staff_set(db, "S-T", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "name,card");
    CHECK_EQ(inv_staff_login(db, "S-T", "5555", T0 + 5, &s, NULL), INV_E_CARD_REPLACED);
    CHECK_EQ(inv_staff_login(db, "S-T2", "5555", T0 + 5, &s, NULL), INV_OK);
    CHECK_EQ(s.id, tor);
    CHECK_EQ(inv_staff_set(db, "S-X", &e, NULL, 0), INV_E_NOT_FOUND);
    CHECK_EQ(inv_check(db), INV_OK);
    inv_close(db);
}

int main(void)
{
    stf_begin("people");
    T0 = stf_at("2024-03-01T12:00+01:00");
    RUN(test_borrower_edit);
    RUN(test_replace_card);
    RUN(test_contact);
    RUN(test_staff_accounts);
    stf_end();
    return 0;
}
