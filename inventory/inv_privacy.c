/* Personal data: the export of everything held on a person (right of access), erasure (right to
 * erasure), the access log, card logins and the retention rules. The sweep that applies the
 * rules is inv_sweep.c.
 *
 * The export is table-driven: `sections` lists one query per section and the columns referring
 * to a borrower that it covers, with what erasure does to their rows. inv_privacy_coverage()
 * compares that list with the schema, so a table added later with a borrower reference fails the
 * tests until it is exported and erased too. */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What erasure does to the rows of a column that refers to the person. */
typedef enum EraseRule {
    ERASE_KEEP, /* rows kept under the anonymous key (loans, reservations: the figures) */
    ERASE_DEL,  /* rows deleted */
    ERASE_WITH, /* rows of other people that go with the person (children) */
} EraseRule;

typedef struct Section {
    const char *name;
    int sql;
    const char *refs; /* "table.column erase-rule ..." it covers, space separated pairs */
} Section;

/* clang-format off */
static const Section sections[] = {
    {"person", SQL_EXPORT_PERSON, ""},
    {"responsible_adult", SQL_EXPORT_ADULT, ""},
    {"children", SQL_EXPORT_CHILDREN, "borrower.responsible_id"},
    {"consents_given", SQL_EXPORT_CONSENTS, "borrower.consent_by"},
    {"loans", SQL_EXPORT_LOANS, "loan.borrower_id"},
    {"renewals", SQL_EXPORT_RENEWALS, ""},
    {"reservations", SQL_EXPORT_RESERVATIONS, "reservation.borrower_id"},
    {"changes", SQL_EXPORT_CHANGES, "person_change.borrower_id"},
    {"cards_replaced", SQL_EXPORT_CARDS, "card_replaced.borrower_id"},
    {"access_log", SQL_EXPORT_ACCESS, "access_log.borrower_id"},
    {"messages", SQL_EXPORT_MESSAGES, "outbox.recipient_id"},
};
/* clang-format on */
#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

/* What erasure does with each column that refers to a borrower (inv_borrower_erase): its rule,
 * and the statements inv__erase_row runs for it (?1 the borrower id, ?2 the time; NO_SQL for
 * none). A table another area adds gets a line here and a section above, or the coverage check
 * (and with it test_privacy and admin_privacy) fails. */
#define NO_SQL (-1)
typedef struct EraseRef {
    const char *table;
    const char *column;
    EraseRule rule;
    int sql[2];
} EraseRef;

/* clang-format off */
static const EraseRef erase_refs[] = {
    /* children go with their adult (inv__erase_id) */
    {"borrower", "responsible_id", ERASE_WITH, {NO_SQL, NO_SQL}},
    /* the anonymous key of who consented */
    {"borrower", "consent_by", ERASE_KEEP, {NO_SQL, NO_SQL}},
    {"loan", "borrower_id", ERASE_KEEP, {NO_SQL, NO_SQL}},
    /* kept (the figures count reservations), open ones cancelled and their items freed */
    {"reservation", "borrower_id", ERASE_KEEP, {SQL_ERASE_RES_ITEMS, SQL_ERASE_RES}},
    /* which fields changed, never values */
    {"person_change", "borrower_id", ERASE_KEEP, {NO_SQL, NO_SQL}},
    {"card_replaced", "borrower_id", ERASE_DEL, {SQL_ERASE_CARDS, NO_SQL}},
    {"access_log", "borrower_id", ERASE_DEL, {SQL_ERASE_ACCESS, NO_SQL}},
    /* receipts and reminders sent to the person: their address goes (the loans are all back,
     * so no reminder of them can be due again) */
    {"outbox", "recipient_id", ERASE_DEL, {SQL_ERASE_MESSAGES, NO_SQL}},
};
/* clang-format on */
#define N_ERASE_REFS (sizeof(erase_refs) / sizeof(erase_refs[0]))

/* Columns that refer to a borrower without a REFERENCES clause (so the migration test can drop
 * them, or summaries that must not block a delete): the coverage check adds them to the foreign
 * keys it reads. sum_borrower is not here: it holds only anonymous keys of the figures. */
static const char *const soft_refs[][2] = {
    {"borrower", "consent_by"},
};
#define N_SOFT_REFS (sizeof(soft_refs) / sizeof(soft_refs[0]))

static const InvIntRule rules[] = {
    {"retention_months", INV_RETENTION_MONTHS_DEFAULT, 1, 240,
     offsetof(InvPrivacyRules, retention_months)},
    {"history_months", INV_HISTORY_MONTHS_DEFAULT, 12, 1200,
     offsetof(InvPrivacyRules, history_months)},
};
#define N_RULES (sizeof(rules) / sizeof(rules[0]))

static int export_section(InvDb *db, const Section *sec, int64_t id, InvExportFn fn, void *ctx);
static bool covered(const char *table, const char *column);
static int check_ref(InvDb *db, const char *table, const char *column);
static bool is_time_column(const char *name);

int inv_borrower_export(InvDb *db, const char *card, InvExportFn fn, void *ctx, int64_t *id_out)
{
    InvBorrower b;
    sqlite3_stmt *st = inv__stmt(db, SQL_BEGIN_READ);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the borrower");
    int err = inv_borrower_get(db, card, &b);
    for (size_t i = 0; i < N_SECTIONS && err == INV_OK; i++)
        err = export_section(db, &sections[i], b.id, fn, ctx);
    st = inv__stmt(db, SQL_COMMIT);
    sqlite3_step(st);
    sqlite3_reset(st);
    if (err == INV_OK && id_out != NULL)
        *id_out = b.id;
    return err;
}

int inv_privacy_coverage(InvDb *db)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_PRIVACY_REFS);
    int rc = 0;
    int err = INV_OK;
    while (err == INV_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char table[INV_NAME_MAX];
        char column[INV_NAME_MAX];
        inv__col_text(st, 0, table, sizeof(table));
        inv__col_text(st, 1, column, sizeof(column));
        err = check_ref(db, table, column);
    }
    sqlite3_reset(st);
    if (err != INV_OK)
        return err;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the schema");
    for (size_t i = 0; i < N_SOFT_REFS; i++) {
        st = inv__stmt(db, SQL_PRIVACY_COLUMN);
        inv__bind_text(st, 1, soft_refs[i][0]);
        inv__bind_text(st, 2, soft_refs[i][1]);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_ROW)
            err = check_ref(db, soft_refs[i][0], soft_refs[i][1]);
        else if (rc != SQLITE_DONE)
            err = inv__sqlfail(db, rc, "cannot read the schema");
        if (err != INV_OK)
            return err;
    }
    return INV_OK;
}

int inv_access_log(InvDb *db, int64_t borrower_id, int64_t staff_id, const char *what, int64_t now)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_ACCESS_ADD);
    sqlite3_bind_int64(st, 1, borrower_id);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 2, staff_id);
    sqlite3_bind_int64(st, 3, now);
    inv__bind_text(st, 4, what);
    err = inv__run(db, st, "cannot record the access");
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv_borrower_login(InvDb *db, int64_t borrower_id, int64_t now)
{
    /* never keep a borrower waiting for it; one statement, its own transaction; at most one
     * durable write a day per borrower (retention counts months), so a second scan of the card
     * the same day writes nothing and syncs nothing on the way to the screen */
    sqlite3_busy_timeout(db->sql, 0);
    sqlite3_stmt *st = inv__stmt(db, SQL_LOGIN_SET);
    sqlite3_bind_int64(st, 1, borrower_id);
    sqlite3_bind_int64(st, 2, now);
    int err = inv__run(db, st, "cannot record the login");
    sqlite3_busy_timeout(db->sql, db->busy_ms);
    return err;
}

int inv_borrower_erase(InvDb *db, const char *card, int64_t staff_id, int64_t now, InvErased *out)
{
    InvErased r = {0};
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    if (staff_id != 0 && (err = inv__check_leader(db, staff_id, "erase a person", NULL)) != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_ERASE_FIND);
    inv__bind_text(st, 1, card);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    bool gone = rc == SQLITE_ROW && sqlite3_column_int(st, 3) != 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read the borrower");
        goto out_rollback;
    }
    if (id == 0 || gone) {
        InvBorrower b;
        err = inv_borrower_get(db, card, &b); /* a replaced card says so */
        if (err == INV_OK || err == INV_E_UNKNOWN_BORROWER)
            err = inv__fail(db, INV_E_UNKNOWN_BORROWER,
                            "unknown card %s (never registered, or erased already)", card);
        goto out_rollback;
    }
    err = inv__erase_id(db, id, staff_id, now, &r.n_children);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err != INV_OK)
        return err;
    r.id = id;
    r.log_cleared = inv_privacy_checkpoint(db) == INV_OK;
    if (out != NULL)
        *out = r;
    return INV_OK;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv__erase_id(InvDb *db, int64_t id, int64_t staff_id, int64_t now, size_t *n_children)
{
    /* nothing on loan, the person's nor their children's */
    char list[INV_MSG_MAX] = "";
    size_t used = 0;
    size_t n_open = 0;
    sqlite3_stmt *st = inv__stmt(db, SQL_ERASE_OPEN);
    sqlite3_bind_int64(st, 1, id);
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *who = (const char *)sqlite3_column_text(st, 0);
        const char *code = (const char *)sqlite3_column_text(st, 1);
        if (used + 1 < sizeof(list)) {
            int k = snprintf(list + used, sizeof(list) - used, "%s%s (card %s)",
                             n_open > 0 ? ", " : "", code ? code : "", who ? who : "");
            used = k > 0 ? used + (size_t)k : used;
            if (used >= sizeof(list))
                used = sizeof(list) - 1;
        }
        n_open++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the loans");
    if (n_open > 0)
        return inv__fail(db, INV_E_HAS_LOANS, "%zu item%s on loan, return %s first: %s", n_open,
                         n_open == 1 ? " is" : "s are", n_open == 1 ? "it" : "them", list);

    /* children first (their consent was the adult's), then the person */
    int64_t children[64];
    size_t n = 0;
    int err = INV_OK;
    do {
        n = 0;
        st = inv__stmt(db, SQL_ERASE_CHILDREN);
        sqlite3_bind_int64(st, 1, id);
        while (n < sizeof(children) / sizeof(children[0]) && (rc = sqlite3_step(st)) == SQLITE_ROW)
            children[n++] = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot read the children");
        for (size_t i = 0; i < n && err == INV_OK; i++) {
            err = inv__erase_row(db, children[i], staff_id, now);
            if (n_children != NULL)
                (*n_children)++;
        }
    } while (err == INV_OK && n == sizeof(children) / sizeof(children[0]));
    if (err == INV_OK)
        err = inv__erase_row(db, id, staff_id, now);
    return err;
}

int inv__erase_row(InvDb *db, int64_t id, int64_t staff_id, int64_t now)
{
    char card[INV_CODE_MAX];
    snprintf(card, sizeof(card), "%s%lld", INV_ERASED_CARD, (long long)id);
    sqlite3_stmt *st = inv__stmt(db, SQL_ERASE_ROW);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    inv__bind_text(st, 3, card);
    inv__bind_text(st, 4, INV_ERASED_NAME);
    int err = inv__run(db, st, "cannot erase the borrower");
    for (size_t i = 0; i < N_ERASE_REFS && err == INV_OK; i++) {
        for (int k = 0; k < 2 && err == INV_OK && erase_refs[i].sql[k] != NO_SQL; k++) {
            st = inv__stmt(db, erase_refs[i].sql[k]);
            sqlite3_bind_int64(st, 1, id);
            if (sqlite3_bind_parameter_count(st) >= 2)
                sqlite3_bind_int64(st, 2, now);
            err = inv__run(db, st, "cannot erase the borrower");
        }
    }
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_PERSON_CHANGE_ADD);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 3, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 4, staff_id);
    inv__bind_text(st, 5, "erased");
    err = inv__run(db, st, "cannot record the erasure");
    /* what the sync outbox still holds of the person (unsent, or the newest sent row) */
    return err == INV_OK ? inv__sync_scrub_borrower(db, id) : err;
}

int inv_privacy_checkpoint(InvDb *db)
{
    int log = -1;
    int done = -1;
    int rc = SQLITE_BUSY;
    /* a reader on an old snapshot or a writer makes it answer BUSY: try again for a while, not
     * for the handle's whole busy timeout (a minute for bua-admin) */
    sqlite3_busy_timeout(db->sql, 0);
    for (int waited = 0; waited <= INV_CHECKPOINT_WAIT_MS; waited += 50) {
        rc = sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
        if (rc == SQLITE_OK && log == 0)
            break;
        if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            break;
        nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
    }
    sqlite3_busy_timeout(db->sql, db->busy_ms);
    if (rc == SQLITE_OK && log == 0)
        return INV_OK;
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        return inv__sqlfail(db, rc, "cannot clear the write-ahead log");
    return inv__fail(db, INV_E_BUSY,
                     "the write-ahead log %s-wal still holds old pages: another program (the "
                     "kiosk) is reading the database; they are cleared at the next erase or "
                     "sweep (bua-admin privacy sweep)",
                     db->path);
}

int inv_privacy_rules(InvDb *db, InvPrivacyRules *out)
{
    InvPrivacyRules r;
    int err = inv__rules_get(db, rules, N_RULES, &r);
    if (err == INV_OK)
        *out = r;
    return err;
}

int inv_privacy_rules_set(InvDb *db, const InvPrivacyRules *in)
{
    return inv__rules_set(db, rules, N_RULES, in);
}

/* ---- helpers ------------------------------------------------------------------------------- */

#define EXPORT_COLS_MAX 64

static int export_section(InvDb *db, const Section *sec, int64_t id, InvExportFn fn, void *ctx)
{
    int err = fn(sec->name, NULL, 0, ctx);
    if (err != 0)
        return err;
    sqlite3_stmt *st = inv__stmt(db, sec->sql);
    sqlite3_bind_int64(st, 1, id);
    InvField f[EXPORT_COLS_MAX];
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int n = sqlite3_column_count(st);
        if (n > EXPORT_COLS_MAX)
            n = EXPORT_COLS_MAX;
        for (int c = 0; c < n; c++) {
            int type = sqlite3_column_type(st, c);
            f[c] = (InvField){.name = sqlite3_column_name(st, c)};
            f[c].null = type == SQLITE_NULL;
            f[c].is_int = type == SQLITE_INTEGER;
            if (f[c].is_int)
                f[c].i = sqlite3_column_int64(st, c);
            else if (!f[c].null)
                f[c].text = (const char *)sqlite3_column_text(st, c);
            f[c].is_time = f[c].is_int && is_time_column(f[c].name);
        }
        err = fn(sec->name, f, (size_t)n, ctx);
        if (err != 0) {
            sqlite3_reset(st);
            return err;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the export");
    return INV_OK;
}

/* The reference table.column is exported by a section and has an erase rule. */
static bool covered(const char *table, const char *column)
{
    char ref[2 * INV_NAME_MAX];
    snprintf(ref, sizeof(ref), "%s.%s", table, column);
    bool exported = false;
    for (size_t i = 0; i < N_SECTIONS && !exported; i++)
        exported = strcmp(sections[i].refs, ref) == 0;
    bool erased = false;
    for (size_t i = 0; i < N_ERASE_REFS && !erased; i++)
        erased =
            strcmp(erase_refs[i].table, table) == 0 && strcmp(erase_refs[i].column, column) == 0;
    return exported && erased;
}

static int check_ref(InvDb *db, const char *table, const char *column)
{
    if (covered(table, column))
        return INV_OK;
    return inv__fail(db, INV_E_CORRUPT,
                     "table %s (column %s) refers to borrowers but is not covered by the export "
                     "and erasure of a person (add it to inventory/inv_privacy.c)",
                     table, column);
}

static bool is_time_column(const char *name)
{
    size_t n = strlen(name);
    return strcmp(name, "at") == 0 || (n > 3 && strcmp(name + n - 3, "_at") == 0);
}
