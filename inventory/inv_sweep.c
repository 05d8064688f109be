/* The retention sweep: borrowers inactive for the retention period are erased (as
 * inv_borrower_erase does), the access log loses entries older than that period, and loan history
 * older than history_months is detached from the person. One transaction, then a checkpoint.
 *
 * Detaching keeps every figure exact: the loans of whole local years move, per person, to one new
 * anonymous key row (key_only: not a registration, never counted as a new borrower), so each
 * year's and month's distinct borrowers stay the same count; the summaries' borrower sets are
 * moved with them (sum_borrower), so later imports into those years count as before. */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t months_before(int64_t now, int months);
static int find_inactive(InvDb *db, int64_t cutoff, InvSweepPerson **out, size_t *n);
static int erase_inactive(InvDb *db, const InvSweepPerson *p, int64_t now, size_t *erased);
static int detach(InvDb *db, int64_t bound, int64_t now, bool dry_run, InvSweepResult *r);
static int detach_one(InvDb *db, int64_t person, int64_t bound, int64_t now, int64_t *moved);

int inv_privacy_sweep(InvDb *db, int64_t now, bool dry_run, InvSweepFn fn, void *ctx,
                      InvSweepResult *out)
{
    InvSweepResult r = {0};
    InvPrivacyRules rules;
    int err = inv_privacy_rules(db, &rules);
    if (err != INV_OK)
        return err;
    int64_t cutoff = months_before(now, rules.retention_months);
    int64_t history = months_before(now, rules.history_months);
    int64_t bound = inv__local_midnight(inv__local(history).year, 1, 1);

    if (dry_run) {
        sqlite3_stmt *st = inv__stmt(db, SQL_BEGIN_READ);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot read the borrowers");
    } else {
        err = inv__begin(db);
        if (err == INV_OK)
            err = inv__sum_fold(db);
        if (err != INV_OK) {
            inv__rollback(db);
            return err;
        }
    }
    InvSweepPerson *people = NULL;
    size_t n = 0;
    err = find_inactive(db, cutoff, &people, &n);
    for (size_t i = 0; i < n && err == INV_OK; i++) {
        if (fn != NULL)
            err = fn(&people[i], ctx);
        if (err == INV_OK && !dry_run)
            err = erase_inactive(db, &people[i], now, &r.erased);
        else if (err == INV_OK)
            r.erased++;
    }
    free(people);
    if (err == INV_OK && !dry_run) {
        sqlite3_stmt *st = inv__stmt(db, SQL_ACCESS_PRUNE);
        sqlite3_bind_int64(st, 1, cutoff);
        err = inv__run(db, st, "cannot prune the access log");
        r.access_pruned = sqlite3_changes(db->sql);
    }
    if (err == INV_OK)
        err = detach(db, bound, now, dry_run, &r);
    /* bike customers and scheme memberships, kept as long as borrowers: the same transaction */
    if (err == INV_OK)
        err = inv__job_sweep_in(db, now, rules.retention_months, dry_run, &r.jobs_swept);
    if (err == INV_OK)
        err =
            inv__training_sweep_in(db, now, rules.retention_months, dry_run, &r.memberships_swept);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    if (dry_run) {
        inv__rollback(db); /* ends the read */
    } else {
        err = inv__commit(db);
        if (err != INV_OK)
            return err;
        r.log_cleared = inv_privacy_checkpoint(db) == INV_OK;
    }
    if (out != NULL)
        *out = r;
    return INV_OK;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* The same local day and time `months` months before now (the day clamped by mktime's rules). */
static int64_t months_before(int64_t now, int months)
{
    InvLocal l = inv__local(now);
    return inv__local_midnight(l.year, l.month - months, l.day) +
           (now - inv__local_midnight(l.year, l.month, l.day));
}

static int find_inactive(InvDb *db, int64_t cutoff, InvSweepPerson **out, size_t *n)
{
    size_t cap = 0;
    InvSweepPerson *v = NULL;
    sqlite3_stmt *st = inv__stmt(db, SQL_SWEEP_FIND);
    sqlite3_bind_int64(st, 1, cutoff);
    int rc = 0;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            InvSweepPerson *w = realloc(v, cap * sizeof(*v));
            if (w == NULL) {
                sqlite3_reset(st);
                free(v);
                return inv__fail(db, INV_E_NOMEM, "out of memory listing inactive borrowers");
            }
            v = w;
        }
        InvSweepPerson *p = &v[(*n)++];
        memset(p, 0, sizeof(*p));
        p->id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, p->card, sizeof(p->card));
        inv__col_text(st, 2, p->name, sizeof(p->name));
        p->last_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return inv__sqlfail(db, rc, "cannot list inactive borrowers");
    }
    *out = v;
    return INV_OK;
}

/* Erases one inactive person unless they went already (a child erased with its adult). */
static int erase_inactive(InvDb *db, const InvSweepPerson *p, int64_t now, size_t *erased)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_ERASE_FIND);
    inv__bind_text(st, 1, p->card);
    int rc = sqlite3_step(st);
    bool there = rc == SQLITE_ROW && sqlite3_column_int(st, 3) == 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the borrower");
    if (!there)
        return INV_OK;
    size_t children = 0;
    int err = inv__erase_id(db, p->id, 0, now, &children);
    if (err == INV_OK)
        *erased += 1 + children;
    return err;
}

static int detach(InvDb *db, int64_t bound, int64_t now, bool dry_run, InvSweepResult *r)
{
    size_t cap = 0;
    size_t n = 0;
    int64_t *ids = NULL;
    sqlite3_stmt *st = inv__stmt(db, SQL_DETACH_FIND);
    sqlite3_bind_int64(st, 1, bound);
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            int64_t *w = realloc(ids, cap * sizeof(*ids));
            if (w == NULL) {
                sqlite3_reset(st);
                free(ids);
                return inv__fail(db, INV_E_NOMEM, "out of memory listing loan history");
            }
            ids = w;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    int err = INV_OK;
    if (rc != SQLITE_DONE)
        err = inv__sqlfail(db, rc, "cannot list loan history");
    for (size_t i = 0; i < n && err == INV_OK && !dry_run; i++)
        err = detach_one(db, ids[i], bound, now, &r->detached_loans);
    if (err == INV_OK)
        r->detached_people = n;
    free(ids);
    return err;
}

static int detach_one(InvDb *db, int64_t person, int64_t bound, int64_t now, int64_t *moved)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_DETACH_KEY);
    sqlite3_bind_int64(st, 1, person);
    inv__bind_text(st, 2, INV_ERASED_NAME);
    sqlite3_bind_int64(st, 3, now);
    int err = inv__run(db, st, "cannot detach loan history");
    if (err != INV_OK)
        return err;
    int64_t key = sqlite3_last_insert_rowid(db->sql);
    char card[INV_CODE_MAX];
    snprintf(card, sizeof(card), "%s%lld", INV_ERASED_CARD, (long long)key);
    st = inv__stmt(db, SQL_DETACH_KEY_CARD);
    sqlite3_bind_int64(st, 1, key);
    inv__bind_text(st, 2, card);
    err = inv__run(db, st, "cannot detach loan history");
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_DETACH_LOANS);
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, key);
    sqlite3_bind_int64(st, 3, bound);
    err = inv__run(db, st, "cannot detach loan history");
    if (err != INV_OK)
        return err;
    *moved += sqlite3_changes(db->sql);
    /* the receipts and reminders of those loans named the person (address, recipient): gone */
    st = inv__stmt(db, SQL_DETACH_MESSAGES);
    sqlite3_bind_int64(st, 1, key);
    err = inv__run(db, st, "cannot detach loan history");
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_DETACH_RES);
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, key);
    sqlite3_bind_int64(st, 3, bound);
    err = inv__run(db, st, "cannot detach reservations");
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_DETACH_SUMS);
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_int64(st, 2, key);
    sqlite3_bind_int64(st, 3, inv__local(bound).year);
    return inv__run(db, st, "cannot detach the figures' borrower sets");
}
