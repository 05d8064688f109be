/* bua-admin demo: fills an empty database with a demo centre through the same inventory calls
 * the kiosk uses: a few hundred items of BUA's kind on labelled shelves (some sets with parts),
 * borrowers with children as co-borrowers and one blocked, a trainee and a leader, and a year of
 * lending history up to now (checkouts and returns day by day, a few items still out and some
 * overdue), so every screen of the kiosk has something real to show. The same seed gives the
 * same centre. */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#define DAY 86400
#define HISTORY_DAYS 400

typedef struct Kind {
    const char *prefix; /* barcode prefix */
    const char *name;   /* item name, followed by the size if any */
    const char *category;
    const char *const *sizes;
    int count;
    char shelf; /* HYLLE-<shelf><n> */
} Kind;

static const char *const ski_cm[] = {"100 cm", "120 cm", "140 cm", "160 cm", "180 cm", NULL};
static const char *const shoe[] = {"str 30", "str 34", "str 38", "str 42", "str 45", NULL};
static const char *const head[] = {"S", "M", "L", NULL};
static const char *const none[] = {"", NULL};
static const char *const tent[] = {"2 personer", "3 personer", "4 personer", NULL};
static const char *const bike[] = {"16 tommer", "20 tommer", "24 tommer", "26 tommer", NULL};

static const Kind kinds[] = {
    {"SKI", "Langrennski", "Ski", ski_cm, 60, 'A'},
    {"SLALOM", "Slalomski", "Ski", ski_cm, 25, 'A'},
    {"STAV", "Skistaver", "Ski", ski_cm, 30, 'A'},
    {"SKISKO", "Skisko", "Ski", shoe, 40, 'A'},
    {"SKOYTE", "Skøyter", "Skøyter", shoe, 40, 'B'},
    {"HJELM", "Hjelm", "Hjelm", head, 30, 'B'},
    {"TELT", "Telt", "Telt", tent, 15, 'C'},
    {"SOVEPOSE", "Sovepose", "Telt", none, 20, 'C'},
    {"SYKKEL", "Sykkel", "Sykkel", bike, 20, 'D'},
    {"SUP", "SUP-brett", "SUP", none, 10, 'D'},
    {"VEST", "Redningsvest", "SUP", head, 15, 'D'},
    {"TRUGER", "Truger", "Friluft", none, 12, 'C'},
    {"SEKK", "Tursekk 40 l", "Friluft", none, 10, 'C'},
    {"FISK", "Fiskestang", "Fiske", none, 10, 'C'},
};

static const char *const first_names[] = {
    "Kari", "Ola",    "Ingrid", "Lars",     "Sofie",   "Emil",    "Nora",  "Jonas",
    "Emma", "Henrik", "Sara",   "Magnus",   "Maja",    "Elias",   "Ida",   "Filip",
    "Thea", "Noah",   "Amira",  "Mohammed", "Aisha",   "Jakub",   "Zofia", "Tuan",
    "Linh", "Astrid", "Bjørn",  "Åse",      "Øystein", "Kristin",
};
static const char *const last_names[] = {
    "Hansen", "Johansen",    "Olsen",  "Larsen",  "Andersen", "Pedersen",
    "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Berg",     "Haugen",
    "Hagen",  "Ødegård",     "Bakken", "Ali",     "Nowak",    "Nguyen",
};

typedef struct Rng {
    uint64_t s;
} Rng;

static uint32_t next(Rng *r)
{
    r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(r->s >> 33);
}

static int below(Rng *r, int n)
{
    return (int)(next(r) % (uint32_t)n);
}

/* An open loan of the simulation: when it comes back and what. */
typedef struct Out {
    int64_t back_at;
    char codes[4][INV_CODE_MAX];
    int n;
} Out;

#define MAX_ITEMS 512
#define MAX_OUT 256

typedef struct Demo {
    AdmCtx *ctx;
    Rng rng;
    char items[MAX_ITEMS][INV_CODE_MAX];
    bool lent[MAX_ITEMS];
    int n_items;
    int64_t borrowers[128];
    int64_t registered[128];
    int n_borrowers;
    Out out[MAX_OUT];
    int n_out;
    int loans;
    int returns;
} Demo;

static int fail(Demo *d, int err, const char *what)
{
    return adm_fail_inv(d->ctx, err, what);
}

static int add_items(Demo *d, int64_t at)
{
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        const Kind *kd = &kinds[k];
        int n_sizes = 0;
        while (kd->sizes[n_sizes] != NULL)
            n_sizes++;
        for (int i = 0; i < kd->count && d->n_items < MAX_ITEMS; i++) {
            InvItem it;
            memset(&it, 0, sizeof(it));
            snprintf(it.barcode, sizeof(it.barcode), "%s-%04d", kd->prefix, i + 1);
            const char *size = kd->sizes[i % n_sizes];
            snprintf(it.name, sizeof(it.name), "%s%s%s", kd->name, size[0] ? " " : "", size);
            snprintf(it.category, sizeof(it.category), "%s", kd->category);
            snprintf(it.location, sizeof(it.location), "HYLLE-%c%d", kd->shelf, 1 + i % 4);
            snprintf(it.condition, sizeof(it.condition), "%s", i % 7 == 0 ? "brukt" : "god");
            int err = inv_item_add(d->ctx->db, &it, at, NULL);
            if (err != INV_OK)
                return fail(d, err, "demo: cannot add item");
            snprintf(d->items[d->n_items++], INV_CODE_MAX, "%s", it.barcode);
        }
    }
    /* sets: a children's ski package lends skis, poles and boots together */
    for (int s = 0; s < 4; s++) {
        InvItem set;
        memset(&set, 0, sizeof(set));
        snprintf(set.barcode, sizeof(set.barcode), "SKIPAKKE-%04d", s + 1);
        snprintf(set.name, sizeof(set.name), "Skipakke barn %d", s + 1);
        snprintf(set.category, sizeof(set.category), "Ski");
        snprintf(set.location, sizeof(set.location), "HYLLE-A4");
        int64_t set_id = 0;
        int err = inv_item_add(d->ctx->db, &set, at, &set_id);
        if (err != INV_OK)
            return fail(d, err, "demo: cannot add set");
        const char *parts[] = {"Ski 100 cm", "Staver 80 cm", "Skisko str 30"};
        const char *codes[] = {"SKI", "STAV", "SKO"};
        for (int p = 0; p < 3; p++) {
            InvItem part;
            memset(&part, 0, sizeof(part));
            snprintf(part.barcode, sizeof(part.barcode), "SKIPAKKE-%04d-%s", s + 1, codes[p]);
            snprintf(part.name, sizeof(part.name), "%s (skipakke %d)", parts[p], s + 1);
            snprintf(part.category, sizeof(part.category), "Ski");
            snprintf(part.location, sizeof(part.location), "HYLLE-A4");
            part.kit_id = set_id;
            err = inv_item_add(d->ctx->db, &part, at, NULL);
            if (err != INV_OK)
                return fail(d, err, "demo: cannot add part");
        }
    }
    const struct {
        const char *code;
        InvItemStatus status;
        const char *note;
    } odd[] = {
        {"TELT-0003", INV_ITEM_IN_REPAIR, "ødelagt glidelås"},
        {"SYKKEL-0007", INV_ITEM_IN_REPAIR, "punktert bakhjul"},
        {"SKOYTE-0012", INV_ITEM_MISSING, "ikke funnet ved telling"},
        {"SLALOM-0020", INV_ITEM_RETIRED, "knekt"},
    };
    for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
        int err = inv_item_set_status(d->ctx->db, odd[i].code, odd[i].status, odd[i].note, 0, at);
        if (err != INV_OK)
            return fail(d, err, "demo: cannot set status");
        for (int k = 0; k < d->n_items; k++)
            if (strcmp(d->items[k], odd[i].code) == 0)
                d->lent[k] = true; /* never picked by the simulation */
    }
    return ADM_EXIT_OK;
}

static int add_people(Demo *d, int64_t start)
{
    const struct {
        const char *card;
        const char *name;
        InvRole role;
        const char *pin;
    } staff[] = {
        {"S-1001", "Trine Trainee", INV_ROLE_TRAINEE, "1234"},
        {"S-2001", "Lise Leder", INV_ROLE_LEADER, "2468"},
    };
    for (size_t i = 0; i < sizeof(staff) / sizeof(staff[0]); i++) {
        InvStaff s;
        memset(&s, 0, sizeof(s));
        snprintf(s.card, sizeof(s.card), "%s", staff[i].card);
        snprintf(s.name, sizeof(s.name), "%s", staff[i].name);
        s.role = staff[i].role;
        int err = inv_staff_add(d->ctx->db, &s, staff[i].pin, NULL);
        if (err != INV_OK)
            return fail(d, err, "demo: cannot add staff");
    }
    /* everyone accepted the terms in force (a child's by their adult), so the kiosk does not
     * ask them again at login */
    char version[INV_TERMS_VERSION_MAX] = "";
    int rc = adm_terms_version(d->ctx, version, sizeof(version));
    if (rc != ADM_EXIT_OK)
        return rc;
    /* adults B-1001.. registered over the history; every third has a child, B-5xxx */
    for (int i = 0; i < 60; i++) {
        InvBorrower b;
        memset(&b, 0, sizeof(b));
        const char *last = last_names[i % (sizeof(last_names) / sizeof(last_names[0]))];
        snprintf(b.card, sizeof(b.card), "B-%04d", 1001 + i);
        snprintf(b.name, sizeof(b.name), "%s %s",
                 first_names[i % (sizeof(first_names) / sizeof(first_names[0]))], last);
        snprintf(b.phone, sizeof(b.phone), "9%07d", 1234567 + i * 7919);
        b.birth_year = 1960 + below(&d->rng, 45);
        b.consent = true;
        snprintf(b.consent_version, sizeof(b.consent_version), "%s", version);
        b.registered_at = start + (int64_t)i * (HISTORY_DAYS - 10) / 60 * DAY;
        int64_t id = 0;
        int err = inv_borrower_add(d->ctx->db, &b, b.registered_at, &id);
        if (err != INV_OK)
            return fail(d, err, "demo: cannot add borrower");
        d->registered[d->n_borrowers] = b.registered_at;
        d->borrowers[d->n_borrowers++] = id;
        if (i % 3 == 0) {
            InvBorrower c;
            memset(&c, 0, sizeof(c));
            snprintf(c.card, sizeof(c.card), "B-%04d", 5001 + i);
            snprintf(c.name, sizeof(c.name), "%s %s",
                     first_names[(i + 7) % (sizeof(first_names) / sizeof(first_names[0]))], last);
            c.birth_year = 2012 + below(&d->rng, 10);
            c.consent = true;
            snprintf(c.consent_version, sizeof(c.consent_version), "%s", version);
            c.responsible_id = id;
            c.consent_by = id; /* the adult accepts for the child */
            c.registered_at = b.registered_at;
            err = inv_borrower_add(d->ctx->db, &c, c.registered_at, &id);
            if (err != INV_OK)
                return fail(d, err, "demo: cannot add co-borrower");
            d->registered[d->n_borrowers] = c.registered_at;
            d->borrowers[d->n_borrowers++] = id;
        }
    }
    return ADM_EXIT_OK;
}

static int return_due(Demo *d, int64_t until)
{
    for (int i = 0; i < d->n_out;) {
        Out *o = &d->out[i];
        if (o->back_at > until) {
            i++;
            continue;
        }
        for (int k = 0; k < o->n; k++) {
            InvReturn r = {.barcode = o->codes[k], .now = o->back_at};
            if (below(&d->rng, 40) == 0) {
                r.damaged = true;
                r.note = "mangler en del";
            }
            int err = inv_return(d->ctx->db, &r, NULL);
            if (err != INV_OK)
                return fail(d, err, "demo: cannot return");
            if (r.damaged) { /* repaired a week later */
                err = inv_item_set_status(d->ctx->db, o->codes[k], INV_ITEM_AVAILABLE, "reparert",
                                          0, o->back_at + 7 * DAY);
                if (err != INV_OK)
                    return fail(d, err, "demo: cannot repair");
            }
            for (int j = 0; j < d->n_items; j++)
                if (strcmp(d->items[j], o->codes[k]) == 0)
                    d->lent[j] = false;
            d->returns++;
        }
        *o = d->out[--d->n_out];
    }
    return ADM_EXIT_OK;
}

static int lend_one(Demo *d, int64_t at, int64_t now)
{
    if (d->n_out == MAX_OUT)
        return ADM_EXIT_OK;
    Out *o = &d->out[d->n_out];
    o->n = 0;
    int want = 1 + below(&d->rng, 4);
    for (int tries = 0; tries < 40 && o->n < want; tries++) {
        int k = below(&d->rng, d->n_items);
        if (d->lent[k])
            continue;
        d->lent[k] = true;
        adm_copy(o->codes[o->n++], INV_CODE_MAX, d->items[k]);
    }
    if (o->n == 0)
        return ADM_EXIT_OK;
    const char *codes[4];
    for (int k = 0; k < o->n; k++)
        codes[k] = o->codes[k];
    int who = below(&d->rng, d->n_borrowers);
    for (int tries = 0; tries < 50 && d->registered[who] > at; tries++)
        who = below(&d->rng, d->n_borrowers);
    if (d->registered[who] > at)
        who = 0;
    InvCheckout co = {
        .borrower_id = d->borrowers[who], .barcodes = codes, .n_barcodes = (size_t)o->n, .now = at};
    int err = inv_checkout(d->ctx->db, &co, NULL);
    if (err != INV_OK)
        return fail(d, err, "demo: cannot lend");
    d->loans++;
    /* mostly back within the week; a few late; the last weeks' loans partly still out */
    int64_t back = at + (1 + below(&d->rng, 6)) * DAY + below(&d->rng, 8 * 3600);
    if (below(&d->rng, 12) == 0)
        back += (3 + below(&d->rng, 20)) * DAY;
    /* what would come back after now, and a third of the last three weeks' loans, is still out
     * (some of it overdue by now) */
    bool recent = at > now - 21 * DAY && below(&d->rng, 3) == 0;
    o->back_at = back > now - 3600 || recent ? INT64_MAX : back;
    d->n_out++;
    return ADM_EXIT_OK;
}

static int first_item(const InvItem *item, void *ctx)
{
    (void)item;
    (void)ctx;
    return 1;
}

int adm_cmd_demo(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    const char *seed_text = NULL;
    const AdmOpt opts[] = {{"--seed", &seed_text, NULL}};
    int rc = adm_parse("demo", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK)
        rc = adm_want_args("demo", n_pos, 0, 0, "", argv);
    int seed = 2024;
    if (rc == ADM_EXIT_OK && seed_text != NULL)
        rc = adm_parse_int("--seed", seed_text, 0, 1000000000, &seed);
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK)
        return rc;
    int err = inv_item_each(ctx->db, NULL, first_item, NULL);
    if (err < 0)
        return adm_fail_inv(ctx, err, "demo");
    if (err > 0)
        return adm_fail("demo: %s already has items; demo fills an empty database", ctx->db_path);

    static Demo d; /* large; one demo per process */
    memset(&d, 0, sizeof(d));
    d.ctx = ctx;
    d.rng.s = (uint64_t)seed;
    int64_t now = ctx->now;
    int64_t start = now - HISTORY_DAYS * DAY;
    rc = add_items(&d, start - 30 * DAY);
    if (rc == ADM_EXIT_OK)
        rc = add_people(&d, start);
    /* day by day: what is due comes back, then the day's loans go out, in opening hours, to
     * borrowers registered by then */
    for (int day = 0; day < HISTORY_DAYS && rc == ADM_EXIT_OK; day++) {
        int64_t open = start + (int64_t)day * DAY + 10 * 3600;
        rc = return_due(&d, open);
        int per_day = below(&d.rng, 4);
        for (int k = 0; k < per_day && rc == ADM_EXIT_OK; k++) {
            int64_t at = open + below(&d.rng, 8 * 3600);
            if (at >= now)
                break;
            rc = lend_one(&d, at, now);
        }
    }
    if (rc == ADM_EXIT_OK)
        rc = return_due(&d, now - 3600);
    if (rc != ADM_EXIT_OK)
        return rc;
    err = inv_borrower_block(ctx->db, "B-1003", "skylder utstyr", 0, now - 30 * DAY);
    if (err != INV_OK)
        return adm_fail_inv(ctx, err, "demo: cannot block");
    printf("demo centre: %d items on shelves HYLLE-A1..D4 (4 ski sets with parts), %d borrowers"
           " (children under every third adult, cards B-1001.., B-5001..), %d loans and %d"
           " items returned over %d days, %d loans still out; B-1003 is blocked\n",
           d.n_items + 16, d.n_borrowers, d.loans, d.returns, HISTORY_DAYS, d.n_out);
    printf("staff: trainee S-1001 PIN 1234, leader S-2001 PIN 2468\n");
    return ADM_EXIT_OK;
}
