/* Customer bike jobs (work orders): intake, status moves, time worked per staff member, notes,
 * every change one job_event row with who and when; and the privacy sweep that clears a
 * customer's name and phone some months after the bike was picked up. */
#include "inv_int.h"
#include "inventory.h"

#include <string.h>

static const char *const status_names[] = {
#define JOB_NAME(name, value, text, nb) [value] = text,
    INV_JOB_STATUS_MAP(JOB_NAME)
#undef JOB_NAME
};

static const char *const status_names_nb[] = {
#define JOB_NAME_NB(name, value, text, nb) [value] = nb,
    INV_JOB_STATUS_MAP(JOB_NAME_NB)
#undef JOB_NAME_NB
};

_Static_assert(sizeof(status_names) / sizeof(status_names[0]) == INV_JOB_COUNT,
               "job statuses run from 0 without gaps");
_Static_assert(INV_JOB_COUNT == 5, "migration 4 checks job.status BETWEEN 0 AND 4");

#define BIT(s) (1u << (s))

/* The moves each status allows (inventory.h lists them). */
static const unsigned moves[INV_JOB_COUNT] = {
    [INV_JOB_RECEIVED] = BIT(INV_JOB_WORKING) | BIT(INV_JOB_PICKED_UP),
    [INV_JOB_WORKING] = BIT(INV_JOB_WAITING) | BIT(INV_JOB_DONE) | BIT(INV_JOB_PICKED_UP),
    [INV_JOB_WAITING] = BIT(INV_JOB_WORKING) | BIT(INV_JOB_PICKED_UP),
    [INV_JOB_DONE] = BIT(INV_JOB_WORKING) | BIT(INV_JOB_PICKED_UP),
    [INV_JOB_PICKED_UP] = 0,
};

int inv_job_erase(InvDb *db, int64_t id, int64_t now, bool *log_cleared)
{
    InvJob j;
    int err = inv_job_get(db, id, &j);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_JOB_ERASE);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    err = inv__run(db, st, "cannot clear the bike customer");
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    err = inv__commit(db);
    if (err != INV_OK)
        return err;
    bool cleared = inv_privacy_checkpoint(db) == INV_OK;
    if (log_cleared != NULL)
        *log_cleared = cleared;
    return INV_OK;
}

static void read_job(sqlite3_stmt *st, InvJob *out);
static int walk_jobs(InvDb *db, sqlite3_stmt *st, InvJobFn fn, void *ctx);
static int add_event(InvDb *db, int64_t job_id, int64_t now, int64_t staff_id, int status,
                     int minutes, const char *note);

const char *inv_job_status_name(InvJobStatus s)
{
    if ((int)s < 0 || s >= INV_JOB_COUNT)
        return "unknown";
    return status_names[s];
}

const char *inv_job_status_name_nb(InvJobStatus s)
{
    if ((int)s < 0 || s >= INV_JOB_COUNT)
        return "ukjent";
    return status_names_nb[s];
}

bool inv_job_status_parse(const char *name, InvJobStatus *out)
{
    for (int i = 0; i < INV_JOB_COUNT; i++) {
        if (strcmp(name, status_names[i]) == 0 || strcmp(name, status_names_nb[i]) == 0) {
            *out = (InvJobStatus)i;
            return true;
        }
    }
    return false;
}

bool inv_job_move_allowed(InvJobStatus from, InvJobStatus to)
{
    if ((int)from < 0 || from >= INV_JOB_COUNT || (int)to < 0 || to >= INV_JOB_COUNT)
        return false;
    return (moves[from] & BIT(to)) != 0;
}

int inv_job_add(InvDb *db, const InvJob *job, int64_t staff_id, int64_t now, int64_t *id_out)
{
    int err = inv__check_text(db, "customer name", job->customer, sizeof(job->customer), true);
    if (err == INV_OK)
        err = inv__check_text(db, "phone", job->phone, sizeof(job->phone), false);
    if (err == INV_OK)
        err = inv__check_text(db, "bike", job->bike, sizeof(job->bike), true);
    if (err == INV_OK)
        err = inv__check_text(db, "work to do", job->work, sizeof(job->work), true);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    if (staff_id != 0) {
        err = inv__staff_exists(db, staff_id);
        if (err != INV_OK)
            goto out_rollback;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_JOB_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, job->customer);
    inv__bind_text(st, 3, job->phone);
    inv__bind_text(st, 4, job->bike);
    inv__bind_text(st, 5, job->work);
    sqlite3_bind_int(st, 6, INV_JOB_RECEIVED);
    sqlite3_bind_int64(st, 7, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 8, staff_id);
    err = inv__run(db, st, "cannot add the bike job");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    err = add_event(db, id, now, staff_id, INV_JOB_RECEIVED, 0, "");
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

int inv_job_get(InvDb *db, int64_t id, InvJob *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_JOB_GET);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_job(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return INV_OK;
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no bike job %lld", (long long)id);
    return inv__sqlfail(db, rc, "cannot read the bike job");
}

int inv_job_each(InvDb *db, bool all, InvJobFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, all ? SQL_JOB_ALL : SQL_JOB_OPEN);
    sqlite3_bind_int64(st, 1, db->centre_id);
    if (!all)
        sqlite3_bind_int(st, 2, INV_JOB_PICKED_UP);
    return walk_jobs(db, st, fn, ctx);
}

int inv_job_change(InvDb *db, const InvJobChange *c)
{
    const char *note = c->note != NULL ? c->note : "";
    int err = inv__check_text(db, "note", note, INV_TEXT_MAX, false);
    if (err != INV_OK)
        return err;
    if (c->minutes < 0 || c->minutes > INV_JOB_MINUTES_MAX)
        return inv__fail(db, INV_E_INVALID, "time worked must be 1 to %d minutes, not %d",
                         INV_JOB_MINUTES_MAX, c->minutes);
    if (c->minutes > 0 && c->staff_id == 0)
        return inv__fail(db, INV_E_INVALID, "time worked on bike job %lld needs who worked it",
                         (long long)c->id);
    if (c->status < 0 && c->minutes == 0 && note[0] == '\0')
        return inv__fail(db, INV_E_INVALID, "nothing to change on bike job %lld", (long long)c->id);
    if (c->status >= INV_JOB_COUNT || c->status < -1)
        return inv__fail(db, INV_E_INVALID, "unknown bike job status %d", c->status);
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvJob job;
    err = inv_job_get(db, c->id, &job);
    if (err != INV_OK)
        goto out_rollback;
    if (c->staff_id != 0) {
        err = inv__staff_exists(db, c->staff_id);
        if (err != INV_OK)
            goto out_rollback;
    }
    if (c->status >= 0) {
        InvJobStatus to = (InvJobStatus)c->status;
        if (!inv_job_move_allowed(job.status, to)) {
            err = inv__fail(db, INV_E_JOB_MOVE, "bike job %lld cannot go from %s to %s",
                            (long long)job.id, inv_job_status_name(job.status),
                            inv_job_status_name(to));
            goto out_rollback;
        }
        sqlite3_stmt *st = inv__stmt(db, SQL_JOB_SET_STATUS);
        sqlite3_bind_int64(st, 1, job.id);
        sqlite3_bind_int(st, 2, (int)to);
        sqlite3_bind_int64(st, 3, c->now);
        sqlite3_bind_int(st, 4, INV_JOB_DONE);
        sqlite3_bind_int(st, 5, INV_JOB_PICKED_UP);
        err = inv__run(db, st, "cannot change the bike job");
        if (err != INV_OK)
            goto out_rollback;
    } else if (job.status == INV_JOB_PICKED_UP) {
        err = inv__fail(db, INV_E_JOB_MOVE, "bike job %lld was picked up: it is closed",
                        (long long)job.id);
        goto out_rollback;
    }
    err = add_event(db, job.id, c->now, c->staff_id, c->status, c->minutes, note);
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_job_each_event(InvDb *db, int64_t id, InvJobEventFn fn, void *ctx)
{
    InvJob job;
    int err = inv_job_get(db, id, &job);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_JOB_EVENTS);
    sqlite3_bind_int64(st, 1, id);
    int rc = SQLITE_OK;
    int ret = 0;
    InvJobEvent e;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&e, 0, sizeof(e));
        e.at = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, e.staff, sizeof(e.staff));
        e.status = sqlite3_column_int(st, 2);
        e.minutes = sqlite3_column_int(st, 3);
        inv__col_text(st, 4, e.note, sizeof(e.note));
        ret = fn(&e, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the bike job's changes");
    return INV_OK;
}

int inv_job_each_worker(InvDb *db, int64_t id, InvJobWorkerFn fn, void *ctx)
{
    InvJob job;
    int err = inv_job_get(db, id, &job);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_JOB_WORKERS);
    sqlite3_bind_int64(st, 1, id);
    int rc = SQLITE_OK;
    int ret = 0;
    InvJobWorker w;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&w, 0, sizeof(w));
        w.staff_id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, w.name, sizeof(w.name));
        inv__col_text(st, 2, w.card, sizeof(w.card));
        w.minutes = sqlite3_column_int(st, 3);
        ret = fn(&w, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read who worked on the bike job");
    return INV_OK;
}

int inv_job_sweep(InvDb *db, int64_t now, int months, bool dry_run, size_t *n)
{
    if (months < 1 || months > 1200)
        return inv__fail(db, INV_E_INVALID,
                         "months to keep a bike customer must be 1 to 1200, "
                         "not %d",
                         months);
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    size_t count = 0;
    err = inv__job_sweep_in(db, now, months, dry_run, &count);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    err = inv__commit(db);
    if (err == INV_OK && n != NULL)
        *n = count;
    return err;
}

int inv__job_sweep_in(InvDb *db, int64_t now, int months, bool dry_run, size_t *n)
{
    InvLocal today = inv__local(now);
    /* the same day `months` months back (a day the month lacks runs over into the next) */
    int64_t before = inv__local_midnight(today.year, today.month - months, today.day);
    sqlite3_stmt *st = inv__stmt(db, SQL_JOB_SWEEP_COUNT);
    sqlite3_bind_int64(st, 1, before);
    int rc = sqlite3_step(st);
    int64_t count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count the bike jobs to sweep");
    if (!dry_run && count > 0) {
        st = inv__stmt(db, SQL_JOB_SWEEP);
        sqlite3_bind_int64(st, 1, before);
        sqlite3_bind_int64(st, 2, now);
        int err = inv__run(db, st, "cannot clear the bike customers");
        if (err != INV_OK)
            return err;
    }
    *n = (size_t)count;
    return INV_OK;
}

static void read_job(sqlite3_stmt *st, InvJob *out)
{
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(st, 0);
    inv__col_text(st, 1, out->customer, sizeof(out->customer));
    inv__col_text(st, 2, out->phone, sizeof(out->phone));
    inv__col_text(st, 3, out->bike, sizeof(out->bike));
    inv__col_text(st, 4, out->work, sizeof(out->work));
    out->status = (InvJobStatus)sqlite3_column_int(st, 5);
    out->received_at = sqlite3_column_int64(st, 6);
    out->received_by = sqlite3_column_int64(st, 7);
    out->finished_at = sqlite3_column_int64(st, 8);
    out->picked_up_at = sqlite3_column_int64(st, 9);
    out->swept_at = sqlite3_column_int64(st, 10);
    out->minutes = sqlite3_column_int(st, 11);
}

static int walk_jobs(InvDb *db, sqlite3_stmt *st, InvJobFn fn, void *ctx)
{
    int rc = SQLITE_OK;
    int ret = 0;
    InvJob job;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_job(st, &job);
        ret = fn(&job, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot list the bike jobs");
    return INV_OK;
}

/* One change of a job (status -1: none). */
static int add_event(InvDb *db, int64_t job_id, int64_t now, int64_t staff_id, int status,
                     int minutes, const char *note)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_JOB_EVENT_ADD);
    sqlite3_bind_int64(st, 1, job_id);
    sqlite3_bind_int64(st, 2, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 3, staff_id);
    if (status >= 0)
        sqlite3_bind_int(st, 4, status);
    sqlite3_bind_int(st, 5, minutes);
    inv__bind_text(st, 6, note);
    return inv__run(db, st, "cannot record the change of the bike job");
}
