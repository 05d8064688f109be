/* Borrowers (adults and their co-borrowers) and staff (trainees, leaders; PINs as Argon2id). */
#include "inv_int.h"
#include "inventory.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Argon2id cost for PINs. A 4-12 digit PIN has little entropy, so the hash slows a brute force
 * down rather than stops it; the memory cost stays small so the kiosk keeps its RSS budget. */
#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT (8u * 1024u * 1024u)

static const char *const role_names[] = {"", "trainee", "leader"};

static int check_borrower_fields(InvDb *db, const InvBorrower *b);
static int walk(InvDb *db, sqlite3_stmt *st, InvBorrowerFn fn, void *ctx);
static int set_blocked(InvDb *db, const char *card, bool blocked, const char *reason,
                       int64_t staff_id, int64_t now);
static int locked(InvDb *db, const char *card, int64_t until, int64_t now, int64_t *locked_until);

int inv_borrower_add(InvDb *db, const InvBorrower *b, int64_t now, int64_t *id_out)
{
    int err = inv__check_code(db, "card", b->card);
    if (err == INV_OK)
        err = check_borrower_fields(db, b);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvBorrower other;
    err = inv_borrower_get(db, b->card, &other);
    if (err == INV_OK) {
        err =
            inv__fail(db, INV_E_EXISTS, "card %s is already registered to %s", b->card, other.name);
        goto out_rollback;
    }
    if (err != INV_E_UNKNOWN_BORROWER)
        goto out_rollback;
    err = inv__card_not_staff(db, b->card);
    if (err != INV_OK)
        goto out_rollback;
    if (b->responsible_id != 0) {
        err = inv_borrower_get_id(db, b->responsible_id, &other);
        if (err != INV_OK)
            goto out_rollback;
        if (other.responsible_id != 0) {
            err =
                inv__fail(db, INV_E_INVALID,
                          "%s is a co-borrower and cannot be responsible for another", other.name);
            goto out_rollback;
        }
        if (other.blocked) {
            err = inv__fail(db, INV_E_BORROWER_BLOCKED,
                            "%s (card %s) is blocked and cannot be a responsible adult: %s",
                            other.name, other.card, other.blocked_reason);
            goto out_rollback;
        }
        err = inv__consent_check_child(db, b, &other);
        if (err != INV_OK)
            goto out_rollback;
    }
    err = inv__consent_check_add(db, b, b->responsible_id != 0 ? &other : NULL);
    if (err != INV_OK)
        goto out_rollback;
    int64_t registered = b->registered_at != 0 ? b->registered_at : now;
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, b->card);
    inv__bind_text(st, 3, b->name);
    inv__bind_text(st, 4, b->phone);
    inv__bind_text(st, 5, b->email);
    if (b->birth_year != 0)
        sqlite3_bind_int(st, 6, b->birth_year);
    sqlite3_bind_int64(st, 7, registered);
    sqlite3_bind_int(st, 8, b->consent ? 1 : 0);
    if (b->responsible_id != 0)
        sqlite3_bind_int64(st, 9, b->responsible_id);
    if (b->registered_by != 0)
        sqlite3_bind_int64(st, 10, b->registered_by);
    if (b->consent && b->consent_version[0] != '\0') {
        inv__bind_text(st, 11, b->consent_version);
        sqlite3_bind_int64(st, 12, b->consent_at != 0 ? b->consent_at : now);
    }
    sqlite3_bind_int(st, 14, b->contact_consent);
    inv__bind_text(st, 15, b->municipality);
    err = inv__run(db, st, "cannot add borrower");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    if (b->consent && b->consent_version[0] != '\0') { /* who accepted: the adult, or themself */
        st = inv__stmt(db, SQL_BORROWER_CONSENT);
        sqlite3_bind_int64(st, 1, id);
        inv__bind_text(st, 2, b->consent_version);
        sqlite3_bind_int64(st, 3, b->consent_at != 0 ? b->consent_at : now);
        sqlite3_bind_int64(st, 4, b->responsible_id != 0 ? b->responsible_id : id);
        err = inv__run(db, st, "cannot record the consent");
        if (err != INV_OK)
            goto out_rollback;
    }
    err = inv__sum_registration(db, db->centre_id, registered);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && id_out != NULL)
        *id_out = id;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_borrower_get(InvDb *db, const char *card, InvBorrower *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_GET);
    inv__bind_text(st, 1, card);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__read_borrower(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read borrower");
    int err = inv__card_not_replaced(db, card);
    if (err != INV_OK)
        return err;
    return inv__fail(db, INV_E_UNKNOWN_BORROWER, "unknown card %s", card);
}

int inv_borrower_get_id(InvDb *db, int64_t id, InvBorrower *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_GET_ID);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__read_borrower(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no borrower with id %lld", (long long)id);
    return inv__sqlfail(db, rc, "cannot read borrower");
}

int inv_borrower_block(InvDb *db, const char *card, const char *reason, int64_t staff_id,
                       int64_t now)
{
    int err = inv__check_text(db, "reason", reason, INV_TEXT_MAX, true);
    if (err != INV_OK)
        return err;
    return set_blocked(db, card, true, reason, staff_id, now);
}

int inv_borrower_unblock(InvDb *db, const char *card, int64_t staff_id, int64_t now)
{
    return set_blocked(db, card, false, "", staff_id, now);
}

int inv_borrower_each(InvDb *db, const char *query, size_t limit, InvBorrowerFn fn, void *ctx)
{
    char pattern[INV_NAME_MAX * 2 + 3];
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_EACH);
    if (query != NULL && query[0] != '\0') {
        /* %query% with LIKE's own wildcards escaped */
        size_t n = 0;
        pattern[n++] = '%';
        for (const char *q = query; *q != '\0' && n + 3 < sizeof(pattern); q++) {
            if (*q == '%' || *q == '_' || *q == '\\')
                pattern[n++] = '\\';
            pattern[n++] = *q;
        }
        pattern[n++] = '%';
        pattern[n] = '\0';
        inv__bind_text(st, 1, pattern);
    }
    sqlite3_bind_int64(st, 2, limit == 0 ? -1 : (int64_t)limit);
    return walk(db, st, fn, ctx);
}

int inv_borrower_each_co(InvDb *db, int64_t responsible_id, InvBorrowerFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_EACH_CO);
    sqlite3_bind_int64(st, 1, responsible_id);
    return walk(db, st, fn, ctx);
}

const char *inv_role_name(InvRole role)
{
    if (role != INV_ROLE_TRAINEE && role != INV_ROLE_LEADER)
        return "unknown";
    return role_names[role];
}

bool inv_role_parse(const char *name, InvRole *out)
{
    if (strcmp(name, "trainee") == 0) {
        *out = INV_ROLE_TRAINEE;
        return true;
    }
    if (strcmp(name, "leader") == 0) {
        *out = INV_ROLE_LEADER;
        return true;
    }
    return false;
}

int inv_staff_add(InvDb *db, const InvStaff *s, const char *pin, int64_t *id_out)
{
    int err = inv__check_code(db, "staff card", s->card);
    if (err == INV_OK)
        err = inv__check_text(db, "name", s->name, sizeof(s->name), true);
    if (err != INV_OK)
        return err;
    if (s->role != INV_ROLE_TRAINEE && s->role != INV_ROLE_LEADER)
        return inv__fail(db, INV_E_INVALID, "role must be trainee or leader");
    char hash[INV_PIN_HASH_MAX];
    err = inv__pin_hash(db, pin, hash, sizeof(hash));
    if (err != INV_OK)
        return err;

    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvStaff other;
    err = inv_staff_get(db, s->card, &other);
    if (err == INV_OK) {
        err =
            inv__fail(db, INV_E_EXISTS, "staff card %s is already used by %s", s->card, other.name);
        goto out_rollback;
    }
    if (err != INV_E_NOT_FOUND)
        goto out_rollback;
    InvBorrower holder;
    err = inv_borrower_get(db, s->card, &holder);
    if (err == INV_OK) {
        err = inv__fail(db, INV_E_EXISTS, "card %s is already a borrower's card (%s)", s->card,
                        holder.name);
        goto out_rollback;
    }
    if (err != INV_E_UNKNOWN_BORROWER)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_ADD);
    inv__bind_text(st, 1, s->name);
    inv__bind_text(st, 2, s->card);
    sqlite3_bind_int(st, 3, (int)s->role);
    inv__bind_text(st, 4, hash);
    err = inv__run(db, st, "cannot add staff");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    err = inv__commit(db);
    if (err == INV_OK && id_out != NULL)
        *id_out = id;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_staff_login(InvDb *db, const char *card, const char *pin, int64_t now, InvStaff *out,
                    int64_t *locked_until)
{
    char hash[crypto_pwhash_STRBYTES] = "";
    InvStaff s;
    memset(&s, 0, sizeof(s));
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_GET);
    inv__bind_text(st, 1, card);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__read_staff(st, &s, hash, sizeof(hash));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read staff");
        goto out_rollback;
    }
    if (rc == SQLITE_DONE) { /* an unknown card has no count to keep */
        err = inv__card_not_replaced(db, card);
        if (err == INV_OK)
            err = inv__fail(db, INV_E_AUTH, "wrong card or PIN");
        goto out_rollback;
    }
    err = inv_staff_check_active(db, &s, now); /* before the PIN: nothing to count */
    if (err != INV_OK)
        goto out_rollback;

    int64_t fails = 0;
    int64_t until = 0;
    st = inv__stmt(db, SQL_STAFF_PIN_GET);
    sqlite3_bind_int64(st, 1, s.id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        fails = sqlite3_column_int64(st, 0);
        until = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read staff");
        goto out_rollback;
    }
    if (until > now) {
        err = locked(db, s.card, until, now, locked_until);
        goto out_rollback; /* nothing to record */
    }

    bool right = pin != NULL && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    if (right && fails == 0 && until == 0) {
        inv__rollback(db); /* nothing to record */
        *out = s;
        return INV_OK;
    }
    if (right) {
        fails = 0;
        until = 0;
    } else if (++fails >= INV_PIN_TRIES) {
        fails = 0;
        until = now + INV_PIN_LOCK_SECONDS;
    }
    st = inv__stmt(db, SQL_STAFF_PIN_SET);
    sqlite3_bind_int64(st, 1, s.id);
    sqlite3_bind_int64(st, 2, fails);
    sqlite3_bind_int64(st, 3, until);
    err = inv__run(db, st, "cannot record the PIN attempt");
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err != INV_OK)
        return err;
    if (right) {
        *out = s;
        return INV_OK;
    }
    if (until > now)
        return locked(db, s.card, until, now, locked_until);
    return inv__fail(db, INV_E_AUTH, "wrong card or PIN");

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_staff_get(InvDb *db, const char *card, InvStaff *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_GET);
    inv__bind_text(st, 1, card);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inv__read_staff(st, out, NULL, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read staff");
    int err = inv__card_not_replaced(db, card);
    if (err != INV_OK)
        return err;
    return inv__fail(db, INV_E_NOT_FOUND, "unknown staff card %s", card);
}

void inv__read_staff(sqlite3_stmt *st, InvStaff *out, char *hash, size_t hash_size)
{
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(st, 0);
    inv__col_text(st, 1, out->name, sizeof(out->name));
    inv__col_text(st, 2, out->card, sizeof(out->card));
    out->role = (InvRole)sqlite3_column_int(st, 3);
    if (hash != NULL)
        inv__col_text(st, 4, hash, hash_size);
    out->disabled_at = sqlite3_column_int64(st, 5);
    out->expires_at = sqlite3_column_int64(st, 6);
}

int inv__pin_hash(InvDb *db, const char *pin, char *hash, size_t size)
{
    assert(size >= crypto_pwhash_STRBYTES);
    (void)size; /* the assert only */
    size_t n = pin ? strlen(pin) : 0;
    if (n < INV_PIN_MIN || n > INV_PIN_MAX || strspn(pin, "0123456789") != n)
        return inv__fail(db, INV_E_INVALID, "a PIN is %d to %d digits", INV_PIN_MIN, INV_PIN_MAX);
    if (crypto_pwhash_str_alg(hash, pin, n, PIN_OPSLIMIT, PIN_MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return inv__fail(db, INV_E_NOMEM, "cannot hash the PIN: out of memory");
    return INV_OK;
}

int inv__card_not_staff(InvDb *db, const char *card)
{
    InvStaff holder;
    int err = inv_staff_get(db, card, &holder);
    if (err == INV_OK)
        return inv__fail(db, INV_E_EXISTS, "card %s is already a staff card (%s)", card,
                         holder.name);
    return err == INV_E_NOT_FOUND ? INV_OK : err;
}

static int check_borrower_fields(InvDb *db, const InvBorrower *b)
{
    int err = inv__check_text(db, "name", b->name, sizeof(b->name), true);
    if (err == INV_OK)
        err = inv__check_text(db, "phone", b->phone, sizeof(b->phone), false);
    if (err == INV_OK)
        err = inv__check_text(db, "email", b->email, sizeof(b->email), false);
    if (err == INV_OK)
        err = inv__check_text(db, "municipality", b->municipality, sizeof(b->municipality), false);
    if (err == INV_OK && b->birth_year != 0 && (b->birth_year < 1900 || b->birth_year > 2200))
        err = inv__fail(db, INV_E_INVALID, "birth year %d is not a plausible year", b->birth_year);
    return err;
}

static int walk(InvDb *db, sqlite3_stmt *st, InvBorrowerFn fn, void *ctx)
{
    int rc = SQLITE_OK;
    int ret = 0;
    InvBorrower b;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        inv__read_borrower(st, &b);
        ret = fn(&b, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot list borrowers");
    return INV_OK;
}

static int set_blocked(InvDb *db, const char *card, bool blocked, const char *reason,
                       int64_t staff_id, int64_t now)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvBorrower b;
    err = inv_borrower_get(db, card, &b);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_BLOCK);
    sqlite3_bind_int64(st, 1, b.id);
    sqlite3_bind_int(st, 2, blocked ? 1 : 0);
    inv__bind_text(st, 3, reason);
    sqlite3_bind_int64(st, 4, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 5, staff_id);
    err = inv__run(db, st, "cannot change borrower");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

/* INV_E_LOCKED for a staff card locked until `until`. */
static int locked(InvDb *db, const char *card, int64_t until, int64_t now, int64_t *locked_until)
{
    if (locked_until != NULL)
        *locked_until = until;
    return inv__fail(db, INV_E_LOCKED,
                     "too many wrong PINs: staff card %s is locked for %lld more seconds", card,
                     (long long)(until - now));
}
