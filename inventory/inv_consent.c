/* Consent: the terms a borrower reads and accepts (a text file per language with its version),
 * the consent stored with its version, time and who accepted (a child's comes from the
 * responsible adult, never from the child alone), asking again when the version changes, and
 * the separate, optional consent to be contacted by SMS or e-mail. */
#include "inv_int.h"
#include "inv_paths.h"
#include "inventory.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PHONE_DIGITS_MIN 8
#define PHONE_DIGITS_MAX 15

static const char *const terms_langs[2] = {"nb", "en"};

static int read_file(const char *path, char *buf, size_t size, size_t *len, char *msg,
                     size_t msg_size);
static int check_phone(InvDb *db, const char *phone);
static int check_email(InvDb *db, const char *email);
static int check_adult_consents(InvDb *db, const InvBorrower *child, const InvBorrower *adult);

int inv_terms_dir(const char *config, const char *data, char *buf, size_t size, char *msg,
                  size_t msg_size)
{
    char dir[INV_PATH_MAX] = "";
    if (config != NULL && config[0] != '\0') {
        int rc = inv_paths_config_get(config, "centre", "terms", dir, sizeof dir, msg, msg_size);
        if (rc < 0)
            return -1;
        if (rc > 0 && dir[0] != '\0') {
            /* a relative folder is beside the settings file, wherever the program runs */
            const char *slash = strrchr(config, '/');
            int base = dir[0] == '/' || slash == NULL ? 0 : (int)(slash - config + 1);
            if ((size_t)snprintf(buf, size, "%.*s%s", base, config, dir) >= size) {
                snprintf(msg, msg_size, "the terms folder %s: path too long", dir);
                return -1;
            }
            return 0;
        }
    }
    if ((size_t)snprintf(buf, size, "%s/terms", data) >= size) {
        snprintf(msg, msg_size, "the terms folder in %s: path too long", data);
        return -1;
    }
    return 0;
}

int inv_terms_parse(const char *path, const char *text, size_t len, InvTerms *out, char *msg,
                    size_t msg_size)
{
    static const char prefix[] = "version:";
    size_t eol = 0;
    while (eol < len && text[eol] != '\n')
        eol++;
    if (eol < sizeof prefix - 1 || memcmp(text, prefix, sizeof prefix - 1) != 0) {
        snprintf(msg, msg_size,
                 "%s:1: the first line must be 'version: V' (e.g. version: "
                 "2026-12-01)",
                 path);
        return -1;
    }
    size_t v = sizeof prefix - 1;
    while (v < eol && text[v] == ' ')
        v++;
    size_t v_end = eol;
    while (v_end > v && (text[v_end - 1] == ' ' || text[v_end - 1] == '\r'))
        v_end--;
    if (v_end == v || v_end - v >= INV_TERMS_VERSION_MAX) {
        snprintf(msg, msg_size, "%s:1: the version must be 1 to %d characters", path,
                 INV_TERMS_VERSION_MAX - 1);
        return -1;
    }
    for (size_t i = v; i < v_end; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c <= ' ' || c >= 0x7f) {
            snprintf(msg, msg_size, "%s:1: the version may hold letters, digits and - . _ only",
                     path);
            return -1;
        }
    }
    size_t body = eol < len ? eol + 1 : len;
    while (body < len && (text[body] == '\n' || text[body] == '\r'))
        body++;
    size_t body_end = len;
    while (body_end > body &&
           (text[body_end - 1] == '\n' || text[body_end - 1] == '\r' || text[body_end - 1] == ' '))
        body_end--;
    if (body_end == body) {
        snprintf(msg, msg_size, "%s: no text after the version line", path);
        return -1;
    }
    if (body_end - body >= INV_TERMS_MAX) {
        snprintf(msg, msg_size, "%s: longer than %d bytes", path, INV_TERMS_MAX - 1);
        return -1;
    }
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < body_end; i++) {
        if (text[i] == '\n') {
            if (!inv__utf8_valid(text + line_start, i - line_start)) {
                snprintf(msg, msg_size, "%s:%d: not UTF-8 text", path, line);
                return -1;
            }
            line++;
            line_start = i + 1;
        } else if ((unsigned char)text[i] < 0x20 && text[i] != '\r' && text[i] != '\t') {
            snprintf(msg, msg_size, "%s:%d: a control character (byte %d)", path, line,
                     (unsigned char)text[i]);
            return -1;
        }
    }
    if (!inv__utf8_valid(text + line_start, body_end - line_start)) {
        snprintf(msg, msg_size, "%s:%d: not UTF-8 text", path, line);
        return -1;
    }
    memcpy(out->version, text + v, v_end - v);
    out->version[v_end - v] = '\0';
    size_t n = 0;
    for (size_t i = body; i < body_end; i++) {
        if (text[i] != '\r') /* CRLF files read the same */
            out->text[n++] = text[i] == '\t' ? ' ' : text[i];
    }
    out->text[n] = '\0';
    return 0;
}

int inv_terms_load(const char *dir, const char *lang, InvTerms *out, char *msg, size_t msg_size)
{
    char path[INV_PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/%s.txt", dir, lang) >= sizeof path) {
        snprintf(msg, msg_size, "the terms in %s: path too long", dir);
        return -1;
    }
    char buf[INV_TERMS_MAX + 256]; /* the version line and some slack */
    size_t len = 0;
    if (read_file(path, buf, sizeof buf, &len, msg, msg_size) != 0)
        return -1;
    return inv_terms_parse(path, buf, len, out, msg, msg_size);
}

int inv_terms_load_all(const char *dir, InvTerms out[2], char *msg, size_t msg_size)
{
    for (int i = 0; i < 2; i++) {
        if (inv_terms_load(dir, terms_langs[i], &out[i], msg, msg_size) != 0)
            return -1;
    }
    if (strcmp(out[0].version, out[1].version) != 0) {
        snprintf(msg, msg_size,
                 "%s/en.txt has version %s but %s/nb.txt has %s: give every "
                 "language the same version",
                 dir, out[1].version, dir, out[0].version);
        return -1;
    }
    return 0;
}

bool inv_borrower_terms_due(const InvBorrower *b, const char *version)
{
    return !b->consent || b->consent_version[0] == '\0' || strcmp(b->consent_version, version) != 0;
}

int inv_borrower_consent(InvDb *db, int64_t borrower_id, const char *version,
                         const char *adult_card, int64_t now)
{
    if (version == NULL || version[0] == '\0')
        return inv__fail(db, INV_E_INVALID, "consent needs the version of the terms accepted");
    int err = inv__check_text(db, "terms version", version, INV_TERMS_VERSION_MAX, true);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvBorrower b;
    InvBorrower adult;
    err = inv_borrower_get_id(db, borrower_id, &b);
    if (err != INV_OK)
        goto out_rollback;
    int64_t by = b.id;
    bool by_self = adult_card == NULL || adult_card[0] == '\0' || strcmp(adult_card, b.card) == 0;
    if (b.responsible_id == 0 && !by_self) {
        err = inv__fail(db, INV_E_INVALID, "%s is an adult and accepts the terms themself", b.name);
        goto out_rollback;
    }
    if (b.responsible_id != 0) {
        err = inv_borrower_get_id(db, b.responsible_id, &adult);
        if (err != INV_OK)
            goto out_rollback;
        if (by_self) {
            err = inv__fail(db, INV_E_CONSENT_ADULT,
                            "%s is a child: their responsible adult, %s (card %s), must accept the"
                            " terms for them",
                            b.name, adult.name, adult.card);
            goto out_rollback;
        }
        InvBorrower who;
        err = inv_borrower_get(db, adult_card, &who);
        if (err != INV_OK)
            goto out_rollback;
        if (who.id != adult.id) {
            err = inv__fail(db, INV_E_CONSENT_ADULT,
                            "card %s is not %s's responsible adult: ask %s (card %s)", adult_card,
                            b.name, adult.name, adult.card);
            goto out_rollback;
        }
        if (adult.blocked) {
            err = inv__fail(db, INV_E_BORROWER_BLOCKED,
                            "%s (card %s) is blocked and cannot accept the terms for a child: %s",
                            adult.name, adult.card, adult.blocked_reason);
            goto out_rollback;
        }
        err = check_adult_consents(db, &b, &adult);
        if (err != INV_OK)
            goto out_rollback;
        by = adult.id;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_CONSENT);
    sqlite3_bind_int64(st, 1, b.id);
    inv__bind_text(st, 2, version);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, by);
    err = inv__run(db, st, "cannot record the consent");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

const char *inv_contact_name(int contact)
{
    switch (contact & (INV_CONTACT_SMS | INV_CONTACT_EMAIL)) {
    case INV_CONTACT_SMS:
        return "sms";
    case INV_CONTACT_EMAIL:
        return "email";
    case INV_CONTACT_SMS | INV_CONTACT_EMAIL:
        return "sms,email";
    default:
        return "none";
    }
}

bool inv_contact_parse(const char *text, int *out)
{
    if (strcmp(text, "none") == 0 || text[0] == '\0') {
        *out = 0;
        return true;
    }
    int bits = 0;
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 3 && memcmp(p, "sms", 3) == 0)
            bits |= INV_CONTACT_SMS;
        else if (n == 5 && memcmp(p, "email", 5) == 0)
            bits |= INV_CONTACT_EMAIL;
        else
            return false;
        p += n;
        if (*p == ',') {
            p++;
            if (*p == '\0')
                return false;
        }
    }
    *out = bits;
    return true;
}

int inv_contact_check(InvDb *db, const char *phone, const char *email, int contact,
                      const char *adult_phone, const char *adult_email)
{
    if (phone != NULL && phone[0] != '\0') {
        int err = check_phone(db, phone);
        if (err != INV_OK)
            return err;
    }
    if (email != NULL && email[0] != '\0') {
        int err = check_email(db, email);
        if (err != INV_OK)
            return err;
    }
    if (contact & ~(INV_CONTACT_SMS | INV_CONTACT_EMAIL))
        return inv__fail(db, INV_E_INVALID, "contact consent %d is not sms, email or both",
                         contact);
    bool has_phone = (phone && phone[0]) || (adult_phone && adult_phone[0]);
    bool has_email = (email && email[0]) || (adult_email && adult_email[0]);
    if ((contact & INV_CONTACT_SMS) && !has_phone)
        return inv__fail(db, INV_E_INVALID, "contact by SMS needs a phone number (phone)");
    if ((contact & INV_CONTACT_EMAIL) && !has_email)
        return inv__fail(db, INV_E_INVALID, "contact by e-mail needs an e-mail address (email)");
    return INV_OK;
}

int inv__consent_check_add(InvDb *db, const InvBorrower *b, const InvBorrower *adult)
{
    if (b->responsible_id == 0 && b->consent && b->consent_by != 0)
        return inv__fail(db, INV_E_INVALID, "%s is an adult and accepts the terms themself",
                         b->name);
    if (b->consent_version[0] != '\0') {
        int err = inv__check_text(db, "terms version", b->consent_version,
                                  sizeof(b->consent_version), false);
        if (err != INV_OK)
            return err;
    }
    int err = inv__check_text(db, "municipality", b->municipality, sizeof(b->municipality), false);
    if (err != INV_OK)
        return err;
    return inv_contact_check(db, b->phone, b->email, b->contact_consent,
                             adult ? adult->phone : NULL, adult ? adult->email : NULL);
}

int inv__consent_check_child(InvDb *db, const InvBorrower *b, const InvBorrower *adult)
{
    if (!b->consent)
        return INV_OK;
    if (b->consent_by != adult->id)
        return inv__fail(db, INV_E_CONSENT_ADULT,
                         "%s is a child: their responsible adult, %s (card %s), must accept the"
                         " terms for them",
                         b->name, adult->name, adult->card);
    return check_adult_consents(db, b, adult);
}

/* The adult who accepts for a child has accepted the terms themself. */
static int check_adult_consents(InvDb *db, const InvBorrower *child, const InvBorrower *adult)
{
    if (!adult->consent)
        return inv__fail(db, INV_E_CONSENT_ADULT,
                         "%s (card %s) has not accepted the terms themself and cannot accept"
                         " them for %s",
                         adult->name, adult->card, child->name);
    return INV_OK;
}

static int read_file(const char *path, char *buf, size_t size, size_t *len, char *msg,
                     size_t msg_size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(msg, msg_size, "cannot read the terms %s: %s", path, strerror(errno));
        return -1;
    }
    size_t n = fread(buf, 1, size, f);
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        snprintf(msg, msg_size, "cannot read the terms %s", path);
        return -1;
    }
    if (n == size) {
        snprintf(msg, msg_size, "%s: longer than %d bytes", path, INV_TERMS_MAX - 1);
        return -1;
    }
    *len = n;
    return 0;
}

static int check_phone(InvDb *db, const char *phone)
{
    int digits = 0;
    for (const char *p = phone; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!(*p == '+' && p == phone) && !(*p == ' ' && p != phone && p[1] != '\0'))
            return inv__fail(db, INV_E_INVALID,
                             "phone %s is not a phone number: digits only (8 to 15), with + in "
                             "front for another country",
                             phone);
    }
    if (digits < PHONE_DIGITS_MIN || digits > PHONE_DIGITS_MAX)
        return inv__fail(db, INV_E_INVALID, "phone %s has %d digits: a phone number has 8 to 15",
                         phone, digits);
    return INV_OK;
}

static int check_email(InvDb *db, const char *email)
{
    const char *at = strchr(email, '@');
    bool ok = at != NULL && at != email && strchr(at + 1, '@') == NULL;
    for (const char *p = email; ok && *p; p++)
        ok = (unsigned char)*p > ' ' && *p != 0x7f && *p != ',' && *p != ';' && *p != '<' &&
             *p != '>';
    if (ok) {
        const char *dot = strrchr(at + 1, '.');
        ok = dot != NULL && dot > at + 1 && dot[1] != '\0';
    }
    if (!ok)
        return inv__fail(db, INV_E_INVALID,
                         "email %s is not an e-mail address (like name@example.no)", email);
    return INV_OK;
}
