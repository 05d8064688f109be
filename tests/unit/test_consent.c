/* Unit tests of consent, on real SQLite files: the terms files (version line, bad files named by
 * path and line, the same version in every language), a registration's consent with version,
 * time and who accepted (a child's only by their consenting, unblocked adult), accepting new
 * terms at login, and the contact consent with its checks (phone digits, e-mail shape, a
 * channel for each consent). */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t T0; /* 2026-12-01 12:00 Oslo */

static InvBorrower person(const char *card, const char *name)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "%s", name);
    return b;
}

static int64_t add(InvDb *db, InvBorrower *b)
{
    int64_t id = 0;
    int err = inv_borrower_add(db, b, T0, &id);
    if (err != INV_OK)
        fprintf(stderr, "add %s: %s\n", b->card, inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
    return id;
}

static void write_file(const char *name, const char *text)
{
    char path[512];
    stf_path(path, sizeof(path), name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void test_terms_files(void)
{
    static InvTerms t;
    static InvTerms both[2];
    char msg[1024];
    const char *ok = "version: 2026-12-01\n\nTitle\r\nLine two\n\n";
    CHECK_EQ(inv_terms_parse("nb.txt", ok, strlen(ok), &t, msg, sizeof(msg)), 0);
    CHECK_STREQ(t.version, "2026-12-01");
    CHECK_STREQ(t.text, "Title\nLine two");
    /* bad files: each message names the file and the line */
    static const struct {
        const char *text;
        const char *says;
    } bad[] = {
        {"Title\nversion: 1\n", "x.txt:1: the first line must be 'version: V'"},
        {"version:\nText\n", "x.txt:1: the version must be 1 to 31 characters"},
        {"version: two words\nText\n", "x.txt:1: the version may hold"},
        {"version: 1\n\n\n", "x.txt: no text after the version line"},
        {"version: 1\nok\nbad \xff byte\n", "x.txt:3: not UTF-8 text"},
        {"version: 1\nok\nbell \a here\n", "x.txt:3: a control character"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        msg[0] = '\0';
        CHECK_EQ(inv_terms_parse("x.txt", bad[i].text, strlen(bad[i].text), &t, msg, sizeof(msg)),
                 -1);
        if (strstr(msg, bad[i].says) == NULL)
            fprintf(stderr, "case %zu: %s\n", i, msg);
        CHECK(strstr(msg, bad[i].says) != NULL);
    }
    /* a folder: both languages with one version, else refused naming both files */
    write_file("nb.txt", "version: 3\nHei\n");
    write_file("en.txt", "version: 3\nHello\n");
    CHECK_EQ(inv_terms_load_all(stf_dir, both, msg, sizeof(msg)), 0);
    CHECK_STREQ(both[0].text, "Hei");
    CHECK_STREQ(both[1].text, "Hello");
    write_file("en.txt", "version: 2\nHello\n");
    CHECK_EQ(inv_terms_load_all(stf_dir, both, msg, sizeof(msg)), -1);
    CHECK(strstr(msg, "en.txt has version 2 but") != NULL);
    CHECK(strstr(msg, "nb.txt has 3") != NULL);
    char dir[512];
    stf_path(dir, sizeof(dir), "nowhere");
    CHECK_EQ(inv_terms_load_all(dir, both, msg, sizeof(msg)), -1);
    CHECK(strstr(msg, "cannot read the terms") != NULL && strstr(msg, "nowhere/nb.txt") != NULL);
    /* the folder: [centre] terms of the settings, else DATA/terms */
    write_file("kiosk.ini", "[centre]\nterms = /srv/terms\n");
    char ini[512];
    stf_path(ini, sizeof(ini), "kiosk.ini");
    CHECK_EQ(inv_terms_dir(ini, "/usr/share/bua-kiosk", dir, sizeof(dir), msg, sizeof(msg)), 0);
    CHECK_STREQ(dir, "/srv/terms");
    write_file("kiosk.ini", "[centre]\nterms = own\n");
    CHECK_EQ(inv_terms_dir(ini, "/usr/share/bua-kiosk", dir, sizeof(dir), msg, sizeof(msg)), 0);
    char own[512];
    stf_path(own, sizeof(own), "own");
    CHECK_STREQ(dir, own);
    CHECK_EQ(inv_terms_dir(NULL, "/usr/share/bua-kiosk", dir, sizeof(dir), msg, sizeof(msg)), 0);
    CHECK_STREQ(dir, "/usr/share/bua-kiosk/terms");
}

static void test_register_consent(void)
{
    InvDb *db = stf_open_new("register.db");
    InvBorrower got;
    /* an adult: their own consent, with the version and the time */
    InvBorrower kari = person("A-1", "Kari");
    kari.consent = true;
    snprintf(kari.consent_version, sizeof(kari.consent_version), "2026-12-01");
    int64_t kari_id = add(db, &kari);
    CHECK_EQ(inv_borrower_get(db, "A-1", &got), INV_OK);
    CHECK_STREQ(got.consent_version, "2026-12-01");
    CHECK_EQ(got.consent_at, T0);
    CHECK_EQ(got.consent_by, kari_id);
    CHECK(!inv_borrower_terms_due(&got, "2026-12-01"));
    CHECK(inv_borrower_terms_due(&got, "2027-01-01"));
    /* an adult cannot have their consent given by someone else */
    InvBorrower odd = person("A-9", "Odd");
    odd.consent = true;
    odd.consent_by = kari_id;
    CHECK_EQ(inv_borrower_add(db, &odd, T0, NULL), INV_E_INVALID);

    /* a child: never alone; only their own adult, who has accepted the terms and is not
     * blocked; nothing is added when refused */
    InvBorrower mia = person("C-1", "Mia");
    mia.birth_year = 2016;
    mia.responsible_id = kari_id;
    mia.consent = true;
    snprintf(mia.consent_version, sizeof(mia.consent_version), "2026-12-01");
    CHECK_EQ(inv_borrower_add(db, &mia, T0, NULL), INV_E_CONSENT_ADULT); /* by nobody */
    CHECK(strstr(inv_errmsg(db), "Kari (card A-1)") != NULL);
    InvBorrower nils = person("A-2", "Nils");
    int64_t nils_id = add(db, &nils); /* registered without a consent of his own */
    mia.consent_by = nils_id;
    CHECK_EQ(inv_borrower_add(db, &mia, T0, NULL), INV_E_CONSENT_ADULT); /* not her adult */
    mia.responsible_id = nils_id;
    CHECK_EQ(inv_borrower_add(db, &mia, T0, NULL), INV_E_CONSENT_ADULT); /* never consented */
    CHECK(strstr(inv_errmsg(db), "has not accepted the terms themself") != NULL);
    CHECK_EQ(inv_borrower_get(db, "C-1", &got), INV_E_UNKNOWN_BORROWER);
    mia.responsible_id = kari_id;
    mia.consent_by = kari_id;
    int64_t mia_id = add(db, &mia);
    CHECK_EQ(inv_borrower_get(db, "C-1", &got), INV_OK);
    CHECK_EQ(got.consent_by, kari_id);
    CHECK_STREQ(got.consent_version, "2026-12-01");
    (void)mia_id;

    /* an old-style tick without a version: stored, and asked again at login */
    InvBorrower old = person("A-3", "Olga");
    old.consent = true;
    add(db, &old);
    CHECK_EQ(inv_borrower_get(db, "A-3", &got), INV_OK);
    CHECK(got.consent && got.consent_version[0] == '\0');
    CHECK(inv_borrower_terms_due(&got, "2026-12-01"));
    inv_close(db);
}

static void test_new_terms(void)
{
    InvDb *db = stf_open_new("new_terms.db");
    InvBorrower kari = person("A-1", "Kari");
    kari.consent = true;
    snprintf(kari.consent_version, sizeof(kari.consent_version), "1");
    int64_t kari_id = add(db, &kari);
    InvBorrower siri = person("A-2", "Siri");
    siri.consent = true;
    snprintf(siri.consent_version, sizeof(siri.consent_version), "1");
    add(db, &siri);
    InvBorrower ola = person("C-1", "Ola");
    ola.responsible_id = kari_id;
    ola.consent = true;
    ola.consent_by = kari_id;
    snprintf(ola.consent_version, sizeof(ola.consent_version), "1");
    int64_t ola_id = add(db, &ola);
    InvBorrower got;
    int64_t later = T0 + 86400;

    /* an adult accepts for themself */
    CHECK_EQ(inv_borrower_consent(db, kari_id, "2", NULL, later), INV_OK);
    CHECK_EQ(inv_borrower_get(db, "A-1", &got), INV_OK);
    CHECK_STREQ(got.consent_version, "2");
    CHECK_EQ(got.consent_at, later);
    CHECK_EQ(got.consent_by, kari_id);
    CHECK_EQ(inv_borrower_consent(db, kari_id, "3", "A-2", later), INV_E_INVALID);
    CHECK_EQ(inv_borrower_consent(db, kari_id, "", NULL, later), INV_E_INVALID);
    CHECK_EQ(inv_borrower_consent(db, 999, "2", NULL, later), INV_E_NOT_FOUND);

    /* a child: only their own adult; nothing changes when refused */
    CHECK_EQ(inv_borrower_consent(db, ola_id, "2", NULL, later), INV_E_CONSENT_ADULT);
    CHECK(strstr(inv_errmsg(db), "Kari (card A-1)") != NULL);
    CHECK_EQ(inv_borrower_consent(db, ola_id, "2", "C-1", later), INV_E_CONSENT_ADULT);
    CHECK_EQ(inv_borrower_consent(db, ola_id, "2", "A-2", later), INV_E_CONSENT_ADULT);
    CHECK(strstr(inv_errmsg(db), "card A-2 is not Ola's responsible adult") != NULL);
    CHECK_EQ(inv_borrower_consent(db, ola_id, "2", "X-404", later), INV_E_UNKNOWN_BORROWER);
    CHECK_EQ(inv_borrower_block(db, "A-1", "skylder utstyr", 0, later), INV_OK);
    CHECK_EQ(inv_borrower_consent(db, ola_id, "2", "A-1", later), INV_E_BORROWER_BLOCKED);
    CHECK_EQ(inv_borrower_get(db, "C-1", &got), INV_OK);
    CHECK_STREQ(got.consent_version, "1");
    CHECK_EQ(inv_borrower_unblock(db, "A-1", 0, later), INV_OK);
    CHECK_EQ(inv_borrower_consent(db, ola_id, "2", "A-1", later + 60), INV_OK);
    CHECK_EQ(inv_borrower_get(db, "C-1", &got), INV_OK);
    CHECK_STREQ(got.consent_version, "2");
    CHECK_EQ(got.consent_at, later + 60);
    CHECK_EQ(got.consent_by, kari_id);
    inv_close(db);
}

static void test_contact(void)
{
    InvDb *db = stf_open_new("contact.db");
    int c = -1;
    CHECK(inv_contact_parse("sms,email", &c) && c == (INV_CONTACT_SMS | INV_CONTACT_EMAIL));
    CHECK(inv_contact_parse("email,sms", &c) && c == (INV_CONTACT_SMS | INV_CONTACT_EMAIL));
    CHECK(inv_contact_parse("sms", &c) && c == INV_CONTACT_SMS);
    CHECK(inv_contact_parse("none", &c) && c == 0);
    CHECK(!inv_contact_parse("fax", &c));
    CHECK(!inv_contact_parse("sms,", &c));
    CHECK_STREQ(inv_contact_name(INV_CONTACT_SMS | INV_CONTACT_EMAIL), "sms,email");
    CHECK_STREQ(inv_contact_name(0), "none");

    /* registration: the shape of phone and e-mail, and a channel for each consent */
    static const struct {
        const char *phone, *email;
        int contact;
        int err;
        const char *says;
    } cases[] = {
        {"91234567", "kari@example.no", 3, INV_OK, ""},
        {"+47 912 34 567", "", 1, INV_OK, ""},
        {"9123", "", 0, INV_E_INVALID, "phone 9123 has 4 digits"},
        {"91a34567", "", 0, INV_E_INVALID, "phone 91a34567 is not a phone number"},
        {"", "kari@", 0, INV_E_INVALID, "email kari@ is not an e-mail address"},
        {"", "kari.example.no", 0, INV_E_INVALID, "email kari.example.no is not"},
        {"", "a@b@c.no", 0, INV_E_INVALID, "is not an e-mail address"},
        {"", "", INV_CONTACT_SMS, INV_E_INVALID, "SMS needs a phone number (phone)"},
        {"91234567", "", INV_CONTACT_EMAIL, INV_E_INVALID, "e-mail needs an e-mail address"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char card[16];
        snprintf(card, sizeof(card), "P-%zu", i);
        InvBorrower b = person(card, "Person");
        snprintf(b.phone, sizeof(b.phone), "%s", cases[i].phone);
        snprintf(b.email, sizeof(b.email), "%s", cases[i].email);
        b.contact_consent = cases[i].contact;
        int err = inv_borrower_add(db, &b, T0, NULL);
        if (err != cases[i].err || strstr(inv_errmsg(db), cases[i].says) == NULL)
            fprintf(stderr, "case %zu: %d %s\n", i, err, inv_errmsg(db));
        CHECK_EQ(err, cases[i].err);
        CHECK(strstr(inv_errmsg(db), cases[i].says) != NULL);
    }
    InvBorrower got;
    CHECK_EQ(inv_borrower_get(db, "P-0", &got), INV_OK);
    CHECK_EQ(got.contact_consent, INV_CONTACT_SMS | INV_CONTACT_EMAIL);

    /* a child without a phone may be reached by SMS through the adult's */
    CHECK_EQ(inv_borrower_get(db, "P-1", &got), INV_OK);
    InvBorrower kid = person("K-1", "Kid");
    kid.responsible_id = got.id;
    kid.contact_consent = INV_CONTACT_SMS;
    add(db, &kid);

    /* staff change it: recorded as a change, checked the same way, nothing half-written */
    InvBorrowerEdit e = {.birth_year = INV_UNCHANGED, .now = T0 + 60};
    e.set_contact = true;
    e.contact = INV_CONTACT_EMAIL;
    CHECK_EQ(inv_borrower_edit(db, "P-1", &e, NULL, 0), INV_E_INVALID); /* no e-mail */
    CHECK(strstr(inv_errmsg(db), "(email)") != NULL);
    e.email = "per@";
    CHECK_EQ(inv_borrower_edit(db, "P-1", &e, NULL, 0), INV_E_INVALID);
    CHECK(strstr(inv_errmsg(db), "email per@ is not") != NULL);
    e.email = "per@example.no";
    char fields[64] = "";
    CHECK_EQ(inv_borrower_edit(db, "P-1", &e, fields, sizeof(fields)), INV_OK);
    CHECK_STREQ(fields, "email,contact");
    CHECK_EQ(inv_borrower_get(db, "P-1", &got), INV_OK);
    CHECK_EQ(got.contact_consent, INV_CONTACT_EMAIL);
    CHECK_STREQ(got.email, "per@example.no");
    /* other edits leave the contact consent as it is */
    InvBorrowerEdit name = {.name = "Per P", .birth_year = INV_UNCHANGED, .now = T0 + 120};
    CHECK_EQ(inv_borrower_edit(db, "P-1", &name, NULL, 0), INV_OK);
    CHECK_EQ(inv_borrower_get(db, "P-1", &got), INV_OK);
    CHECK_EQ(got.contact_consent, INV_CONTACT_EMAIL);
    /* emptying the e-mail while it is the channel is refused */
    InvBorrowerEdit empty = {.email = "", .birth_year = INV_UNCHANGED, .now = T0 + 180};
    CHECK_EQ(inv_borrower_edit(db, "P-1", &empty, NULL, 0), INV_E_INVALID);
    inv_close(db);
}

int main(void)
{
    stf_begin("consent");
    T0 = stf_at("2026-12-01T12:00+01:00");
    RUN(test_terms_files);
    RUN(test_register_consent);
    RUN(test_new_terms);
    RUN(test_contact);
    stf_end();
    return 0;
}
