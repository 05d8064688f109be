/* People after registration: editing a borrower, replacing a lost card, how to reach a child
 * (through the responsible adult), and staff accounts (list, change, disable, expire, new PIN).
 *
 * A replaced card is kept in table card_replaced and refused from then on (inv__card_not_replaced
 * is asked by every lookup of a card that finds no one). Every change is one transaction that
 * also writes a row of person_change: which fields, when, by whom, never the old values. */
#include "inv_int.h"
#include "inventory.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define FIELDS_MAX 96 /* "name,phone,email,birth_year,responsible" and the like */

typedef struct Fields {
    char text[FIELDS_MAX];
} Fields;

static void field_add(Fields *f, const char *name);
static int record(InvDb *db, int64_t borrower_id, int64_t staff_id, int64_t by, int64_t now,
                  const char *fields);
static int card_unused(InvDb *db, const char *card);
static int check_actor(InvDb *db, int64_t by_staff_id, const char *what, int64_t now);
static int keep_a_leader(InvDb *db, const InvStaff *s, const char *what, int64_t now);
static void copy_fields(const Fields *f, char *out, size_t size);

int inv_borrower_edit(InvDb *db, const char *card, const InvBorrowerEdit *e, char *fields,
                      size_t fields_size)
{
    Fields changed = {{0}};
    InvBorrower b;
    InvBorrower next;
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = inv_borrower_get(db, card, &b);
    if (err != INV_OK)
        goto out_rollback;
    next = b;
    if (e->name != NULL) {
        err = inv__check_text(db, "name", e->name, sizeof(next.name), true);
        if (err != INV_OK)
            goto out_rollback;
        inv__copy(next.name, sizeof(next.name), e->name);
    }
    if (e->phone != NULL) {
        err = inv__check_text(db, "phone", e->phone, sizeof(next.phone), false);
        if (err != INV_OK)
            goto out_rollback;
        inv__copy(next.phone, sizeof(next.phone), e->phone);
    }
    if (e->email != NULL) {
        err = inv__check_text(db, "email", e->email, sizeof(next.email), false);
        if (err != INV_OK)
            goto out_rollback;
        inv__copy(next.email, sizeof(next.email), e->email);
    }
    if (e->birth_year != INV_UNCHANGED) {
        int year = e->birth_year;
        if (year != 0 && (year < 1900 || year > inv_time_year(e->now))) {
            err = inv__fail(db, INV_E_INVALID, "birth year %d is not a plausible year", year);
            goto out_rollback;
        }
        next.birth_year = year;
    }
    if (e->municipality != NULL) {
        err =
            inv__check_text(db, "municipality", e->municipality, sizeof(next.municipality), false);
        if (err != INV_OK)
            goto out_rollback;
        inv__copy(next.municipality, sizeof(next.municipality), e->municipality);
    }
    if (e->adult_card != NULL && e->adult_card[0] == '\0') {
        next.responsible_id = 0;
    } else if (e->adult_card != NULL) {
        InvBorrower adult;
        err = inv_borrower_get(db, e->adult_card, &adult);
        if (err == INV_E_UNKNOWN_BORROWER)
            err = inv__fail(db, err, "unknown card %s (responsible adult)", e->adult_card);
        if (err != INV_OK)
            goto out_rollback;
        if (adult.id == b.id) {
            err = inv__fail(db, INV_E_INVALID, "%s cannot be their own responsible adult", b.name);
            goto out_rollback;
        }
        if (adult.responsible_id != 0) {
            err = inv__fail(db, INV_E_INVALID,
                            "%s (card %s) is a co-borrower and cannot be responsible for another",
                            adult.name, adult.card);
            goto out_rollback;
        }
        if (adult.blocked) {
            err = inv__fail(db, INV_E_BORROWER_BLOCKED,
                            "%s (card %s) is blocked and cannot be a responsible adult: %s",
                            adult.name, adult.card, adult.blocked_reason);
            goto out_rollback;
        }
        next.responsible_id = adult.id;
    }
    if (next.responsible_id != 0 && b.responsible_id == 0) {
        sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_CO_COUNT);
        sqlite3_bind_int64(st, 1, b.id);
        int rc = sqlite3_step(st);
        int64_t n_co = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) {
            err = inv__sqlfail(db, rc, "cannot read borrower");
            goto out_rollback;
        }
        if (n_co > 0) {
            err = inv__fail(db, INV_E_INVALID,
                            "%s is the responsible adult of %lld co-borrower%s and cannot have one",
                            b.name, (long long)n_co, n_co == 1 ? "" : "s");
            goto out_rollback;
        }
    }

    if (e->set_contact)
        next.contact_consent = e->contact;
    if (strcmp(next.phone, b.phone) != 0 || strcmp(next.email, b.email) != 0 ||
        next.contact_consent != b.contact_consent) {
        InvBorrower adult = {0};
        bool has_adult = next.responsible_id != 0;
        if (has_adult) {
            err = inv_borrower_get_id(db, next.responsible_id, &adult);
            if (err != INV_OK)
                goto out_rollback;
        }
        /* the shape of what changed (an old value is not refused again), then the channels */
        err = inv_contact_check(db, strcmp(next.phone, b.phone) != 0 ? next.phone : "",
                                strcmp(next.email, b.email) != 0 ? next.email : "", 0, NULL, NULL);
        if (err == INV_OK)
            err = inv_contact_check(db, "", "", next.contact_consent,
                                    has_adult && !next.phone[0] ? adult.phone : next.phone,
                                    has_adult && !next.email[0] ? adult.email : next.email);
        if (err != INV_OK)
            goto out_rollback;
    }

    if (strcmp(next.name, b.name) != 0)
        field_add(&changed, "name");
    if (strcmp(next.phone, b.phone) != 0)
        field_add(&changed, "phone");
    if (strcmp(next.email, b.email) != 0)
        field_add(&changed, "email");
    if (next.birth_year != b.birth_year)
        field_add(&changed, "birth_year");
    if (next.responsible_id != b.responsible_id)
        field_add(&changed, "responsible");
    if (next.contact_consent != b.contact_consent)
        field_add(&changed, "contact");
    if (strcmp(next.municipality, b.municipality) != 0)
        field_add(&changed, "municipality");
    if (changed.text[0] == '\0') {
        inv__rollback(db); /* nothing to write */
        copy_fields(&changed, fields, fields_size);
        return INV_OK;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_EDIT);
    sqlite3_bind_int64(st, 1, b.id);
    inv__bind_text(st, 2, next.name);
    inv__bind_text(st, 3, next.phone);
    inv__bind_text(st, 4, next.email);
    if (next.birth_year != 0)
        sqlite3_bind_int(st, 5, next.birth_year);
    if (next.responsible_id != 0)
        sqlite3_bind_int64(st, 6, next.responsible_id);
    inv__bind_text(st, 7, next.municipality);
    err = inv__run(db, st, "cannot change borrower");
    if (err == INV_OK && next.contact_consent != b.contact_consent) {
        st = inv__stmt(db, SQL_BORROWER_SET_CONTACT);
        sqlite3_bind_int64(st, 1, b.id);
        sqlite3_bind_int(st, 2, next.contact_consent);
        err = inv__run(db, st, "cannot change the contact consent");
    }
    if (err == INV_OK)
        err = record(db, b.id, 0, e->staff_id, e->now, changed.text);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK)
        copy_fields(&changed, fields, fields_size);
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_borrower_replace_card(InvDb *db, const char *old_card, const char *new_card,
                              int64_t staff_id, int64_t now)
{
    int err = inv__check_code(db, "new card", new_card);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvBorrower b;
    err = inv_borrower_get(db, old_card, &b);
    if (err != INV_OK)
        goto out_rollback;
    err = card_unused(db, new_card);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_SET_CARD);
    sqlite3_bind_int64(st, 1, b.id);
    inv__bind_text(st, 2, new_card);
    err = inv__run(db, st, "cannot change the card");
    if (err != INV_OK)
        goto out_rollback;
    st = inv__stmt(db, SQL_CARD_REPLACED_ADD);
    inv__bind_text(st, 1, b.card);
    inv__bind_text(st, 2, new_card);
    sqlite3_bind_int64(st, 3, b.id);
    sqlite3_bind_int64(st, 5, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 6, staff_id);
    err = inv__run(db, st, "cannot record the replaced card");
    if (err == INV_OK)
        err = record(db, b.id, 0, staff_id, now, "card");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_borrower_contact(InvDb *db, const InvBorrower *b, InvContact *out)
{
    InvContact c;
    memset(&c, 0, sizeof(c));
    inv__copy(c.phone, sizeof(c.phone), b->phone);
    if (b->phone[0] == '\0' && b->responsible_id != 0) {
        InvBorrower adult;
        int err = inv_borrower_get_id(db, b->responsible_id, &adult);
        if (err != INV_OK)
            return err;
        if (adult.phone[0] != '\0') {
            inv__copy(c.phone, sizeof(c.phone), adult.phone);
            inv__copy(c.guardian_name, sizeof(c.guardian_name), adult.name);
            c.guardian = true;
        }
    }
    *out = c;
    return INV_OK;
}

int inv_staff_check_active(InvDb *db, const InvStaff *s, int64_t now)
{
    char day[32];
    if (s->disabled_at != 0) {
        inv_time_format(s->disabled_at, true, day, sizeof(day));
        return inv__fail(db, INV_E_STAFF_DISABLED, "staff card %s was disabled on %s", s->card,
                         day);
    }
    if (s->expires_at != 0 && now > s->expires_at) {
        inv_time_format(s->expires_at, true, day, sizeof(day));
        return inv__fail(db, INV_E_STAFF_EXPIRED, "staff card %s expired on %s", s->card, day);
    }
    return INV_OK;
}

int inv__check_leader(InvDb *db, int64_t staff_id, const char *what, InvStaff *out)
{
    InvStaff s;
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_GET_ID);
    sqlite3_bind_int64(st, 1, staff_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__read_staff(st, &s, NULL, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read staff");
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NEEDS_LEADER, "only a leader can %s: no staff with id %lld",
                         what, (long long)staff_id);
    if (s.role != INV_ROLE_LEADER)
        return inv__fail(db, INV_E_NEEDS_LEADER, "only a leader can %s: staff card %s is a %s",
                         what, s.card, inv_role_name(s.role));
    if (out != NULL)
        *out = s;
    return INV_OK;
}

int inv_staff_each(InvDb *db, InvStaffFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_EACH);
    int rc = SQLITE_OK;
    int ret = 0;
    InvStaff s;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        inv__read_staff(st, &s, NULL, 0);
        ret = fn(&s, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot list staff");
    return INV_OK;
}

int inv_staff_set(InvDb *db, const char *card, const InvStaffEdit *e, char *fields,
                  size_t fields_size)
{
    Fields changed = {{0}};
    InvStaff s;
    int err = INV_OK;
    if (e->name != NULL)
        err = inv__check_text(db, "name", e->name, sizeof(s.name), true);
    if (err == INV_OK && e->role != 0 && e->role != INV_ROLE_TRAINEE && e->role != INV_ROLE_LEADER)
        err = inv__fail(db, INV_E_INVALID, "role must be trainee or leader");
    if (err == INV_OK && e->new_card != NULL)
        err = inv__check_code(db, "new card", e->new_card);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = check_actor(db, e->by_staff_id, "change a staff account", e->now);
    if (err == INV_OK)
        err = inv_staff_get(db, card, &s);
    if (err != INV_OK)
        goto out_rollback;
    InvStaff next = s;
    if (e->name != NULL)
        inv__copy(next.name, sizeof(next.name), e->name);
    if (e->role != 0)
        next.role = (InvRole)e->role;
    if (e->new_card != NULL && strcmp(e->new_card, s.card) != 0) {
        err = card_unused(db, e->new_card);
        if (err != INV_OK)
            goto out_rollback;
        inv__copy(next.card, sizeof(next.card), e->new_card);
    }
    if (e->expires != INV_UNCHANGED) {
        InvLocal l = inv__local(e->expires); /* to the end of that day (not a due day) */
        next.expires_at = e->expires == 0 ? 0 : inv__local_midnight(l.year, l.month, l.day + 1) - 1;
        if (next.expires_at != 0 && next.expires_at < e->now) {
            char day[32];
            inv_time_format(next.expires_at, true, day, sizeof(day));
            err =
                inv__fail(db, INV_E_INVALID,
                          "expiry date %s is in the past (to stop the card now, disable it)", day);
            goto out_rollback;
        }
    }
    if (next.role != INV_ROLE_LEADER && s.role == INV_ROLE_LEADER)
        err = keep_a_leader(db, &s, "become a trainee", e->now);
    if (err == INV_OK && next.expires_at != 0 && next.expires_at != s.expires_at &&
        next.role == INV_ROLE_LEADER)
        err = keep_a_leader(db, &s, "get an expiry date", e->now);
    if (err != INV_OK)
        goto out_rollback;

    if (strcmp(next.name, s.name) != 0)
        field_add(&changed, "name");
    if (next.role != s.role)
        field_add(&changed, "role");
    if (strcmp(next.card, s.card) != 0)
        field_add(&changed, "card");
    if (next.expires_at != s.expires_at)
        field_add(&changed, "expires");
    if (changed.text[0] == '\0') {
        inv__rollback(db);
        copy_fields(&changed, fields, fields_size);
        return INV_OK;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_UPDATE);
    sqlite3_bind_int64(st, 1, s.id);
    inv__bind_text(st, 2, next.name);
    sqlite3_bind_int(st, 3, (int)next.role);
    inv__bind_text(st, 4, next.card);
    if (next.expires_at != 0)
        sqlite3_bind_int64(st, 5, next.expires_at);
    err = inv__run(db, st, "cannot change staff");
    if (err == INV_OK && strcmp(next.card, s.card) != 0) {
        st = inv__stmt(db, SQL_CARD_REPLACED_ADD);
        inv__bind_text(st, 1, s.card);
        inv__bind_text(st, 2, next.card);
        sqlite3_bind_int64(st, 4, s.id);
        sqlite3_bind_int64(st, 5, e->now);
        if (e->by_staff_id != 0)
            sqlite3_bind_int64(st, 6, e->by_staff_id);
        err = inv__run(db, st, "cannot record the replaced card");
    }
    if (err == INV_OK)
        err = record(db, 0, s.id, e->by_staff_id, e->now, changed.text);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK)
        copy_fields(&changed, fields, fields_size);
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_staff_enable(InvDb *db, const char *card, bool enabled, int64_t by_staff_id, int64_t now)
{
    InvStaff s;
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err =
        check_actor(db, by_staff_id, enabled ? "enable a staff card" : "disable a staff card", now);
    if (err == INV_OK)
        err = inv_staff_get(db, card, &s);
    if (err == INV_OK && !enabled && s.disabled_at == 0)
        err = keep_a_leader(db, &s, "be disabled", now);
    if (err != INV_OK)
        goto out_rollback;
    if ((s.disabled_at == 0) == enabled) { /* already so: nothing to write */
        inv__rollback(db);
        return INV_OK;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_SET_DISABLED);
    sqlite3_bind_int64(st, 1, s.id);
    if (!enabled)
        sqlite3_bind_int64(st, 2, now);
    err = inv__run(db, st, "cannot change staff");
    if (err == INV_OK)
        err = record(db, 0, s.id, by_staff_id, now, enabled ? "enabled" : "disabled");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_staff_set_pin(InvDb *db, const char *card, const char *pin, int64_t by_staff_id,
                      int64_t now)
{
    char hash[INV_PIN_HASH_MAX];
    InvStaff s;
    int err = inv__pin_hash(db, pin, hash, sizeof(hash));
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        goto out_wipe;
    err = check_actor(db, by_staff_id, "give a new PIN", now);
    if (err == INV_OK)
        err = inv_staff_get(db, card, &s);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_SET_PIN);
    sqlite3_bind_int64(st, 1, s.id);
    inv__bind_text(st, 2, hash);
    err = inv__run(db, st, "cannot change the PIN");
    if (err == INV_OK) { /* a new PIN starts with no wrong tries and no lock */
        st = inv__stmt(db, SQL_STAFF_PIN_SET);
        sqlite3_bind_int64(st, 1, s.id);
        sqlite3_bind_int64(st, 2, 0);
        sqlite3_bind_int64(st, 3, 0);
        err = inv__run(db, st, "cannot clear the PIN count");
    }
    if (err == INV_OK)
        err = record(db, 0, s.id, by_staff_id, now, "pin");
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    goto out_wipe;

out_rollback:
    inv__rollback(db);
out_wipe:
    sodium_memzero(hash, sizeof(hash));
    return err;
}

int inv_card_replaced_at(InvDb *db, const char *card, int64_t *at)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_CARD_REPLACED_GET);
    inv__bind_text(st, 1, card);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *at = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "card %s was never replaced", card);
    return inv__sqlfail(db, rc, "cannot read replaced cards");
}

int inv__card_not_replaced(InvDb *db, const char *card)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_CARD_REPLACED_GET);
    inv__bind_text(st, 1, card);
    int rc = sqlite3_step(st);
    int64_t at = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return INV_OK;
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read replaced cards");
    char day[32];
    inv_time_format(at, true, day, sizeof(day));
    return inv__fail(db, INV_E_CARD_REPLACED, "card %s was replaced (erstattet) on %s", card, day);
}

static void field_add(Fields *f, const char *name)
{
    size_t n = strlen(f->text);
    snprintf(f->text + n, sizeof(f->text) - n, "%s%s", n > 0 ? "," : "", name);
}

static int record(InvDb *db, int64_t borrower_id, int64_t staff_id, int64_t by, int64_t now,
                  const char *fields)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_PERSON_CHANGE_ADD);
    if (borrower_id != 0)
        sqlite3_bind_int64(st, 1, borrower_id);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 2, staff_id);
    sqlite3_bind_int64(st, 3, now);
    if (by != 0)
        sqlite3_bind_int64(st, 4, by);
    inv__bind_text(st, 5, fields);
    return inv__run(db, st, "cannot record the change");
}

/* A card for someone new: no borrower, staff member or replaced card has it. */
static int card_unused(InvDb *db, const char *card)
{
    InvBorrower holder;
    int err = inv_borrower_get(db, card, &holder);
    if (err == INV_OK)
        return inv__fail(db, INV_E_EXISTS, "card %s is already a borrower's card (%s)", card,
                         holder.name);
    if (err == INV_E_CARD_REPLACED) { /* the message says when; it may not be used again */
        char why[INV_MSG_MAX];
        inv__copy(why, sizeof(why), inv_errmsg(db));
        return inv__fail(db, err, "%s and cannot be used again", why);
    }
    if (err != INV_E_UNKNOWN_BORROWER)
        return err;
    return inv__card_not_staff(db, card);
}

/* Staff changes are a leader's: by_staff_id 0 is bua-admin (whoever has the file). */
static int check_actor(InvDb *db, int64_t by_staff_id, const char *what, int64_t now)
{
    if (by_staff_id == 0)
        return INV_OK;
    InvStaff by;
    int err = inv__check_leader(db, by_staff_id, what, &by);
    if (err != INV_OK)
        return err;
    if (inv_staff_check_active(db, &by, now) != INV_OK) {
        char why[INV_MSG_MAX];
        inv__copy(why, sizeof(why), inv_errmsg(db));
        return inv__fail(db, INV_E_NEEDS_LEADER, "only an active leader can %s: %s", what, why);
    }
    return INV_OK;
}

/* INV_E_LAST_LEADER if s is an active leader and no other leader is active at `now`. */
static int keep_a_leader(InvDb *db, const InvStaff *s, const char *what, int64_t now)
{
    if (s->role != INV_ROLE_LEADER || inv_staff_check_active(db, s, now) != INV_OK)
        return INV_OK;
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_OTHER_LEADERS);
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int(st, 2, INV_ROLE_LEADER);
    sqlite3_bind_int64(st, 3, now);
    int rc = sqlite3_step(st);
    int64_t others = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count leaders");
    if (others == 0)
        return inv__fail(db, INV_E_LAST_LEADER,
                         "%s (staff card %s) is the last active leader and cannot %s", s->name,
                         s->card, what);
    return INV_OK;
}

static void copy_fields(const Fields *f, char *out, size_t size)
{
    if (out != NULL && size > 0)
        inv__copy(out, size, f->text);
}
