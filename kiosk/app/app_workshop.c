/* Effects of the workshop: the repair queue (the list, one item with its latest notes, a step)
 * and customer bike jobs (the open jobs, one job with the moves the store allows, a new job, a
 * change), performed through the store and answered with events. */
#include "app.h"

#include <stdio.h>
#include <string.h>

/* kiosk_ui mirrors the store's workshop lists value for value. */
#define APP_REPAIR_SAME(name, msg)                                                                 \
    _Static_assert((int)UI_REPAIR_##name == (int)INV_REPAIR_##name, "UI_REPAIR_" #name);
UI_REPAIR_STEP_MAP(APP_REPAIR_SAME)
#undef APP_REPAIR_SAME
_Static_assert(UI_REPAIR_COUNT == INV_REPAIR_RETIRED + 1, "every repair step is mirrored");
#define APP_RETIRE_SAME(name, msg)                                                                 \
    _Static_assert((int)UI_RETIRE_##name == (int)INV_RETIRE_##name, "UI_RETIRE_" #name);
UI_RETIRE_REASON_MAP(APP_RETIRE_SAME)
#undef APP_RETIRE_SAME
_Static_assert((int)UI_RETIRE_COUNT == (int)INV_RETIRE_COUNT, "every retire reason is mirrored");
#define APP_JOB_SAME(name, msg)                                                                    \
    _Static_assert((int)UI_JOB_##name == (int)INV_JOB_##name, "UI_JOB_" #name);
UI_JOB_STATUS_MAP(APP_JOB_SAME)
#undef APP_JOB_SAME
_Static_assert((int)UI_JOB_COUNT == (int)INV_JOB_COUNT, "every job status is mirrored");

/* Rows gathered before their answer is queued: the result first, then its parts. */
typedef struct WsGather {
    App *app;
    int n;
    int total;
    union {
        UiRepairRow repair[UI_REPAIRS_MAX];
        UiJobRow job[UI_JOBS_MAX];
    } u;
    UiRepairNote notes[UI_REPAIR_NOTES_MAX]; /* the latest notes of one item, a ring */
    int n_notes;                             /* all of them */
} WsGather;

static void repairs(App *app);
static void repair_item(App *app, const char *code);
static void repair_step(App *app, const UiFxRepairStep *req);
static void jobs(App *app);
static void job_answer(App *app, UiFxKind of, int64_t id, int err);
static void to_row(const InvRepair *r, UiRepairRow *row);
static int on_repair(const InvRepair *r, void *ctx);
static int on_note(const InvRepairNote *n, void *ctx);
static int on_job(const InvJob *j, void *ctx);
static int on_worker(const InvJobWorker *w, void *ctx);

void app_workshop_perform(App *app, const UiFx *fx)
{
    InvDb *db = app->db;
    int64_t now = app_now(app);
    switch (fx->kind) {
    case UI_FX_REPAIRS:
        repairs(app);
        return;
    case UI_FX_REPAIR_ITEM:
        repair_item(app, fx->repair_item.code);
        return;
    case UI_FX_REPAIR_STEP:
        repair_step(app, &fx->repair_step);
        return;
    case UI_FX_JOBS:
        jobs(app);
        return;
    case UI_FX_JOB:
        job_answer(app, UI_FX_JOB, fx->job.id, INV_OK);
        return;
    case UI_FX_JOB_ADD: {
        const UiFxJobAdd *a = &fx->job_add;
        InvJob j;
        memset(&j, 0, sizeof j);
        app_copy(j.customer, sizeof j.customer, a->customer);
        app_copy(j.phone, sizeof j.phone, a->phone);
        app_copy(j.bike, sizeof j.bike, a->bike);
        app_copy(j.work, sizeof j.work, a->work);
        int64_t id = 0;
        int err = inv_job_add(db, &j, a->staff_id, now, &id);
        job_answer(app, UI_FX_JOB_ADD, id, err);
        return;
    }
    case UI_FX_JOB_CHANGE: {
        const UiFxJobChange *c = &fx->job_change;
        InvJobChange ch = {.id = c->id,
                           .status = c->status,
                           .minutes = c->minutes,
                           .staff_id = c->staff_id,
                           .now = now};
        int err = inv_job_change(db, &ch);
        job_answer(app, UI_FX_JOB_CHANGE, c->id, err);
        return;
    }
    default:
        return;
    }
}

static void repairs(App *app)
{
    static WsGather g; /* the rows are large for the stack; the app is single-threaded here */
    memset(&g, 0, sizeof g);
    g.app = app;
    int err = inv_repair_each(app->db, app_now(app), on_repair, &g);
    UiEvRepairs *ev = &app_push(app, UI_EV_REPAIRS)->repairs;
    ev->h.result = app_map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    ev->n = g.n;
    ev->total = g.total;
    for (int first = 0; first < g.n; first += UI_EV_REPAIR_PART_MAX) {
        UiEvRepairPart *p = &app_push(app, UI_EV_REPAIR_PART)->repair_part;
        p->first = first;
        for (int i = first; i < g.n && p->n < UI_EV_REPAIR_PART_MAX; i++)
            p->row[p->n++] = g.u.repair[i];
    }
}

static void repair_item(App *app, const char *code)
{
    static WsGather g;
    memset(&g, 0, sizeof g);
    UiEvRepairItem *ev = &app_push(app, UI_EV_REPAIR_ITEM)->repair_item;
    app_copy(ev->code, sizeof ev->code, code);
    InvRepair r;
    int err = inv_repair_get(app->db, code, app_now(app), &r);
    if (err == INV_OK)
        err = inv_repair_each_note(app->db, code, on_note, &g);
    ev->h.result = app_map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    to_row(&r, &ev->row);
    /* the latest notes, oldest of them first */
    int n = g.n_notes < UI_REPAIR_NOTES_MAX ? g.n_notes : UI_REPAIR_NOTES_MAX;
    for (int i = 0; i < n; i++)
        ev->notes[i] = g.notes[(g.n_notes - n + i) % UI_REPAIR_NOTES_MAX];
    ev->n_notes = n;
    ev->total_notes = g.n_notes;
}

static void repair_step(App *app, const UiFxRepairStep *req)
{
    InvRepairStep s = {.barcode = req->code,
                       .step = (InvRepairStepKind)req->step,
                       .note = req->note,
                       .reason = (InvRetireReason)req->reason,
                       .staff_id = req->staff_id,
                       .now = app_now(app)};
    int err = inv_repair_step(app->db, &s);
    UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
    ev->of = UI_FX_REPAIR_STEP;
    app_copy(ev->code, sizeof ev->code, req->code);
    ev->h.result = app_map_err(app, err, &ev->h);
}

static void jobs(App *app)
{
    static WsGather g;
    memset(&g, 0, sizeof g);
    g.app = app;
    int err = inv_job_each(app->db, false, on_job, &g);
    UiEvJobs *ev = &app_push(app, UI_EV_JOBS)->jobs;
    ev->h.result = app_map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    ev->n = g.n;
    ev->total = g.total;
    for (int first = 0; first < g.n; first += UI_EV_JOB_PART_MAX) {
        UiEvJobPart *p = &app_push(app, UI_EV_JOB_PART)->job_part;
        p->first = first;
        for (int i = first; i < g.n && p->n < UI_EV_JOB_PART_MAX; i++)
            p->row[p->n++] = g.u.job[i];
    }
}

/* The job as it is after `err` (a refusal still shows it, when it exists). */
static void job_answer(App *app, UiFxKind of, int64_t id, int err)
{
    UiEvJob *ev = &app_push(app, UI_EV_JOB)->job;
    ev->of = of;
    ev->h.result = app_map_err(app, err, &ev->h);
    InvJob j;
    if (id == 0 || (err != INV_OK && err != INV_E_JOB_MOVE && err != INV_E_INVALID))
        return;
    int got = inv_job_get(app->db, id, &j);
    if (got != INV_OK) {
        if (err == INV_OK)
            ev->h.result = app_map_err(app, got, &ev->h);
        return;
    }
    UiJob *u = &ev->job;
    u->id = j.id;
    app_copy(u->customer, sizeof u->customer, j.customer);
    app_copy(u->phone, sizeof u->phone, j.phone);
    app_copy(u->bike, sizeof u->bike, j.bike);
    app_copy(u->work, sizeof u->work, j.work);
    u->status = (UiJobStatus)j.status;
    u->minutes = j.minutes;
    app_date_local(j.received_at, &u->received);
    for (int s = 0; s < INV_JOB_COUNT; s++)
        if (inv_job_move_allowed(j.status, (InvJobStatus)s))
            u->next |= 1u << s;
    got = inv_job_each_worker(app->db, id, on_worker, u);
    if (got != INV_OK && err == INV_OK)
        ev->h.result = app_map_err(app, got, &ev->h);
}

/* "Trine Trainee 45, Lise Leder 15": minutes per staff member, most first. */
static int on_worker(const InvJobWorker *w, void *ctx)
{
    UiJob *u = ctx;
    char one[INV_NAME_MAX + 32];
    snprintf(one, sizeof one, "%s%s %d", u->workers[0] ? ", " : "", w->name, w->minutes);
    size_t len = strlen(u->workers);
    app_copy(u->workers + len, sizeof u->workers - len, one);
    return 0;
}

static void to_row(const InvRepair *r, UiRepairRow *row)
{
    memset(row, 0, sizeof *row);
    app_copy(row->code, sizeof row->code, r->item.barcode);
    app_copy(row->name, sizeof row->name, r->item.name);
    row->days = r->days;
    row->waiting_parts = r->waiting_parts;
    app_copy(row->note, sizeof row->note, r->note);
}

static int on_repair(const InvRepair *r, void *ctx)
{
    WsGather *g = ctx;
    g->total++;
    if (g->n < UI_REPAIRS_MAX)
        to_row(r, &g->u.repair[g->n++]);
    return 0;
}

static int on_note(const InvRepairNote *n, void *ctx)
{
    WsGather *g = ctx;
    UiRepairNote *u = &g->notes[g->n_notes % UI_REPAIR_NOTES_MAX];
    memset(u, 0, sizeof *u);
    app_date_local(n->at, &u->at);
    u->step = n->step;
    u->kind = n->step ? (UiRepairStep)n->kind : UI_REPAIR_NOTE;
    app_copy(u->text, sizeof u->text, n->note);
    g->n_notes++;
    return 0;
}

static int on_job(const InvJob *j, void *ctx)
{
    WsGather *g = ctx;
    g->total++;
    if (g->n == UI_JOBS_MAX)
        return 0;
    UiJobRow *row = &g->u.job[g->n++];
    memset(row, 0, sizeof *row);
    row->id = j->id;
    app_copy(row->customer, sizeof row->customer, j->customer);
    app_copy(row->bike, sizeof row->bike, j->bike);
    row->status = (UiJobStatus)j->status;
    app_date_local(j->received_at, &row->received);
    return 0;
}
