/* The workshop's repair queue (items in repair, oldest first, with their damage notes and the
 * steps taken: what was done, waiting for parts, made available, retired with a reason) and the
 * workshop's yearly figures (repairs, days in repair, items retired, bike jobs). The bike jobs
 * themselves are in inv_job.c. A repair spell is read from the item's status changes
 * (item_event, REPAIR_SINCE in inv_sql.h); the figures read the centre's own rows (repair_step,
 * workshop_change kept by inv__workshop_status, job, job_event), so one centre's year is a few
 * index range reads whatever else the file holds. */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const step_names[] = {
#define STEP_NAME(name, value, text) [value] = text,
    INV_REPAIR_STEP_MAP(STEP_NAME)
#undef STEP_NAME
};

static const char *const reason_names[] = {
#define REASON_NAME(name, value, text) [value] = text,
    INV_RETIRE_REASON_MAP(REASON_NAME)
#undef REASON_NAME
};

_Static_assert(INV_REPAIR_NOTE == 0 && INV_REPAIR_RETIRED == 3,
               "migration 4 checks repair_step.step BETWEEN 0 AND 3");
_Static_assert(INV_RETIRE_COUNT == 5, "migration 4 checks repair_step.reason BETWEEN 0 AND 4");
_Static_assert(sizeof(reason_names) / sizeof(reason_names[0]) == INV_RETIRE_COUNT,
               "retire reasons run from 0 without gaps");

typedef struct NoteCount {
    InvRepair *r;
} NoteCount;

static int read_repair(InvDb *db, sqlite3_stmt *st, int64_t now, InvRepair *out);
static int count_note(const InvRepairNote *n, void *ctx);
static int spell_notes(InvDb *db, const InvRepair *r, InvRepairNoteFn fn, void *ctx);
static int cmp_int64(const void *a, const void *b);

const char *inv_repair_step_name(InvRepairStepKind step)
{
    if ((int)step < 0 || (size_t)step >= sizeof(step_names) / sizeof(step_names[0]))
        return "unknown";
    return step_names[step];
}

bool inv_repair_step_parse(const char *name, InvRepairStepKind *out)
{
    for (size_t i = 0; i < sizeof(step_names) / sizeof(step_names[0]); i++) {
        if (strcmp(name, step_names[i]) == 0) {
            *out = (InvRepairStepKind)i;
            return true;
        }
    }
    return false;
}

const char *inv_retire_reason_name(InvRetireReason reason)
{
    if ((int)reason < 0 || reason >= INV_RETIRE_COUNT)
        return "unknown";
    return reason_names[reason];
}

bool inv_retire_reason_parse(const char *name, InvRetireReason *out)
{
    for (int i = 0; i < INV_RETIRE_COUNT; i++) {
        if (strcmp(name, reason_names[i]) == 0) {
            *out = (InvRetireReason)i;
            return true;
        }
    }
    return false;
}

int inv_repair_each(InvDb *db, int64_t now, InvRepairFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_REPAIR_EACH);
    sqlite3_bind_int64(st, 1, db->centre_id);
    int rc = SQLITE_OK;
    int ret = 0;
    InvRepair r;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ret = read_repair(db, st, now, &r);
        if (ret == 0)
            ret = fn(&r, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the repair queue");
    return INV_OK;
}

int inv_repair_get(InvDb *db, const char *barcode, int64_t now, InvRepair *out)
{
    InvItem item;
    int err = inv__check_code(db, "barcode", barcode);
    if (err == INV_OK)
        err = inv_item_get(db, barcode, &item);
    if (err != INV_OK)
        return err;
    if (item.status != INV_ITEM_IN_REPAIR)
        return inv__refuse(db, INV_E_NOT_IN_REPAIR, barcode, "%s (%s) is not in repair: it is %s",
                           item.barcode, item.name, inv_item_status_name(item.status));
    sqlite3_stmt *st = inv__stmt(db, SQL_REPAIR_EACH);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, barcode);
    int rc = sqlite3_step(st);
    InvRepair r;
    if (rc == SQLITE_ROW)
        err = read_repair(db, st, now, &r);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__refuse(db, INV_E_NOT_IN_REPAIR, barcode,
                           "%s (%s) is not in this centre's repair queue", item.barcode, item.name);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the repair queue");
    if (err == INV_OK)
        *out = r;
    return err;
}

int inv_repair_each_note(InvDb *db, const char *barcode, InvRepairNoteFn fn, void *ctx)
{
    InvRepair r;
    int err = inv_repair_get(db, barcode, 0, &r);
    if (err != INV_OK)
        return err;
    return spell_notes(db, &r, fn, ctx);
}

int inv_repair_step(InvDb *db, const InvRepairStep *s)
{
    int err = inv__check_code(db, "barcode", s->barcode);
    if (err == INV_OK)
        err = inv__check_text(db, "note", s->note, INV_TEXT_MAX, s->step == INV_REPAIR_NOTE);
    if (err != INV_OK)
        return err;
    if ((int)s->step < INV_REPAIR_NOTE || s->step > INV_REPAIR_RETIRED)
        return inv__fail(db, INV_E_INVALID, "unknown repair step %d", (int)s->step);
    if (s->step == INV_REPAIR_RETIRED && ((int)s->reason < 0 || s->reason >= INV_RETIRE_COUNT))
        return inv__fail(db, INV_E_INVALID, "unknown reason %d to retire an item", (int)s->reason);
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvItem item;
    err = inv_item_get(db, s->barcode, &item);
    if (err != INV_OK)
        goto out_rollback;
    if (item.status != INV_ITEM_IN_REPAIR) {
        err = inv__refuse(db, INV_E_NOT_IN_REPAIR, s->barcode, "%s (%s) is not in repair: it is %s",
                          item.barcode, item.name, inv_item_status_name(item.status));
        goto out_rollback;
    }
    if (s->staff_id != 0) {
        err = inv__staff_exists(db, s->staff_id);
        if (err != INV_OK)
            goto out_rollback;
    }
    const char *note = s->note != NULL ? s->note : "";
    int64_t event_id = 0;
    if (s->step == INV_REPAIR_READY || s->step == INV_REPAIR_RETIRED) {
        char why[INV_TEXT_MAX];
        if (s->step == INV_REPAIR_READY)
            inv__copy(why, sizeof(why), note[0] != '\0' ? note : "repaired");
        else if (note[0] != '\0')
            snprintf(why, sizeof(why), "%s: %s", inv_retire_reason_name(s->reason), note);
        else
            inv__copy(why, sizeof(why), inv_retire_reason_name(s->reason));
        InvItemStatus to = s->step == INV_REPAIR_READY ? INV_ITEM_AVAILABLE : INV_ITEM_RETIRED;
        err = inv__item_status(db, item.id, to, why, s->staff_id, s->now);
        if (err != INV_OK)
            goto out_rollback;
        event_id = sqlite3_last_insert_rowid(db->sql);
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_REPAIR_STEP_ADD);
    sqlite3_bind_int64(st, 1, item.id);
    sqlite3_bind_int64(st, 2, s->now);
    if (s->staff_id != 0)
        sqlite3_bind_int64(st, 3, s->staff_id);
    sqlite3_bind_int(st, 4, (int)s->step);
    if (s->step == INV_REPAIR_RETIRED)
        sqlite3_bind_int(st, 5, (int)s->reason);
    inv__bind_text(st, 6, note);
    if (event_id != 0)
        sqlite3_bind_int64(st, 7, event_id);
    err = inv__run(db, st, "cannot record the repair step");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_workshop_year(InvDb *db, int64_t centre_id, int year, InvWorkshopYear *out)
{
    if (year < 1970 || year > 9999)
        return inv__fail(db, INV_E_INVALID, "year %d is out of range (1970 to 9999)", year);
    if (centre_id == 0)
        centre_id = db->centre_id;
    InvWorkshopYear w;
    memset(&w, 0, sizeof(w));
    w.year = year;
    int64_t lo = inv__local_midnight(year, 1, 1);
    int64_t hi = inv__local_midnight(year + 1, 1, 1);
    int64_t *spells = NULL;
    size_t n_spells = 0;
    size_t cap = 0;
    int err = INV_OK;

    sqlite3_stmt *st = inv__stmt(db, SQL_WS_REPAIRS);
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    sqlite3_bind_int64(st, 3, centre_id);
    sqlite3_bind_int(st, 4, INV_REPAIR_READY);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int step = sqlite3_column_int(st, 0);
        int reason = sqlite3_column_int(st, 1);
        int64_t n = sqlite3_column_int64(st, 2);
        if (step == INV_REPAIR_READY)
            w.repairs_done += n;
        else if (step == INV_REPAIR_RETIRED && reason >= 0 && reason < INV_RETIRE_COUNT)
            w.retired_by_reason[reason] += n;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot count the repairs");

    st = inv__stmt(db, SQL_WS_RETIRED);
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    sqlite3_bind_int64(st, 3, centre_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        w.retired = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count the items retired");
    w.retired_other = w.retired;
    for (int r = 0; r < INV_RETIRE_COUNT; r++)
        w.retired_other -= w.retired_by_reason[r];

    st = inv__stmt(db, SQL_WS_SPELLS);
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    sqlite3_bind_int64(st, 3, centre_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) == SQLITE_NULL)
            continue;
        if (n_spells == cap) {
            size_t next = cap == 0 ? 64 : cap * 2;
            int64_t *grown = realloc(spells, next * sizeof(*grown));
            if (grown == NULL) {
                err = inv__fail(db, INV_E_NOMEM, "out of memory");
                break;
            }
            spells = grown;
            cap = next;
        }
        spells[n_spells++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (err == INV_OK && rc != SQLITE_DONE)
        err = inv__sqlfail(db, rc, "cannot read the repairs of the year");
    if (err == INV_OK && n_spells > 0) {
        qsort(spells, n_spells, sizeof(spells[0]), cmp_int64);
        double mid = n_spells % 2 == 1
                         ? (double)spells[n_spells / 2]
                         : ((double)spells[n_spells / 2 - 1] + (double)spells[n_spells / 2]) / 2.0;
        w.median_repair_days = mid / 86400.0;
        w.repairs_ended = (int64_t)n_spells;
    }
    free(spells);
    if (err != INV_OK)
        return err;

    st = inv__stmt(db, SQL_WS_JOBS);
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    sqlite3_bind_int64(st, 3, centre_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        w.jobs_received = sqlite3_column_int64(st, 0);
        w.jobs_finished = sqlite3_column_int64(st, 1);
        w.jobs_picked_up = sqlite3_column_int64(st, 2);
        w.job_minutes = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count the bike jobs");
    *out = w;
    return INV_OK;
}

int inv__workshop_status(InvDb *db, int64_t item_id, InvItemStatus status, int64_t now)
{
    if (status == INV_ITEM_IN_REPAIR)
        return INV_OK;
    sqlite3_stmt *st = inv__stmt(db, SQL_WS_ITEM_STATE);
    sqlite3_bind_int64(st, 1, item_id);
    int rc = sqlite3_step(st);
    int64_t centre = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    bool in_repair = rc == SQLITE_ROW && sqlite3_column_int(st, 1) == INV_ITEM_IN_REPAIR;
    int64_t since = rc == SQLITE_ROW ? sqlite3_column_int64(st, 2) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE
                   ? inv__fail(db, INV_E_NOT_FOUND, "no item with id %lld", (long long)item_id)
                   : inv__sqlfail(db, rc, "cannot read the item");
    if (!in_repair && status != INV_ITEM_RETIRED)
        return INV_OK;
    st = inv__stmt(db, SQL_WS_CHANGE_ADD);
    sqlite3_bind_int64(st, 1, centre);
    sqlite3_bind_int64(st, 2, item_id);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int(st, 4, (int)status);
    if (in_repair)
        sqlite3_bind_int64(st, 5, since);
    return inv__run(db, st, "cannot record the change for the workshop's figures");
}

int inv__staff_exists(InvDb *db, int64_t staff_id)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_STAFF_GET_ID);
    sqlite3_bind_int64(st, 1, staff_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no staff member with id %lld", (long long)staff_id);
    return inv__sqlfail(db, rc, "cannot read staff");
}

/* One row of REPAIR_EACH: the item, its spell and last step, its latest note and their count. */
static int read_repair(InvDb *db, sqlite3_stmt *st, int64_t now, InvRepair *out)
{
    memset(out, 0, sizeof(*out));
    inv__read_item(st, &out->item);
    out->since = sqlite3_column_type(st, 14) == SQLITE_NULL ? out->item.added_at
                                                            : sqlite3_column_int64(st, 14);
    out->days = now > out->since ? (int)((now - out->since) / 86400) : 0;
    sqlite3_stmt *last = inv__stmt(db, SQL_REPAIR_LAST_STEP);
    sqlite3_bind_int64(last, 1, out->item.id);
    int rc = sqlite3_step(last);
    if (rc == SQLITE_ROW && sqlite3_column_int(last, 0) == INV_REPAIR_WAIT &&
        sqlite3_column_int64(last, 1) >= out->since) {
        out->waiting_parts = true;
        out->waiting_since = sqlite3_column_int64(last, 1);
    }
    sqlite3_reset(last);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the repair steps");
    NoteCount c = {out};
    return spell_notes(db, out, count_note, &c);
}

/* The latest damage note and the count of notes and steps. */
static int count_note(const InvRepairNote *n, void *ctx)
{
    NoteCount *c = ctx;
    c->r->n_notes++;
    if (!n->step)
        inv__copy(c->r->note, sizeof(c->r->note), n->note);
    return 0;
}

static int spell_notes(InvDb *db, const InvRepair *r, InvRepairNoteFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_REPAIR_NOTES);
    sqlite3_bind_int64(st, 1, r->item.id);
    sqlite3_bind_int64(st, 2, r->since);
    int rc = SQLITE_OK;
    int ret = 0;
    InvRepairNote n;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&n, 0, sizeof(n));
        n.at = sqlite3_column_int64(st, 0);
        n.step = sqlite3_column_int(st, 1) != 0;
        n.kind = sqlite3_column_int(st, 2);
        inv__col_text(st, 3, n.note, sizeof(n.note));
        inv__col_text(st, 4, n.staff, sizeof(n.staff));
        ret = fn(&n, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the repair notes");
    return INV_OK;
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}
