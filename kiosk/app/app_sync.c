/* The app's part of the sync screens (issue 14): the device's sync state (inv_sync_status) as
 * UI_EV_SYNC_STATUS, the conflicts (inv_sync_conflicts, with each double lend's two loans from
 * inv_conflict_loans) as UI_EV_CONFLICTS and one UI_EV_CONFLICT_PART each, and a staff member's
 * settlement (inv_sync_conflict_resolve) answered by UI_EV_DONE. Times become local days and
 * minutes here: kiosk_ui has no calendar. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void status(App *app);
static void conflicts(App *app);
static void resolve(App *app, const UiFxResolve *r);
static void when_local(int64_t t, UiWhen *out);
static UiResult not_free(InvItemStatus status, UiResult otherwise);
static void to_loan(const InvConflictLoan *l, UiConflictLoan *u);

void app_sync_perform(App *app, const UiFx *fx)
{
    switch (fx->kind) {
    case UI_FX_SYNC_STATUS:
        status(app);
        break;
    case UI_FX_CONFLICTS:
        conflicts(app);
        break;
    case UI_FX_RESOLVE:
        resolve(app, &fx->resolve);
        break;
    default:
        break;
    }
}

static void status(App *app)
{
    UiEvSyncStatus *ev = &app_push(app, UI_EV_SYNC_STATUS)->sync_status;
    InvSyncStatus s;
    memset(&s, 0, sizeof s);
    int err = inv_sync_status(app->db, &s);
    if (err != INV_OK) {
        ev->h.result = app_map_err(app, err, &ev->h);
        return;
    }
    ev->h.result = UI_R_OK;
    UiSyncStatus *u = &ev->s;
    u->synced = s.initialised;
    if (!s.initialised)
        return; /* not a device of a centre: nothing to show */
    app_date_local(app_now(app), &u->today);
    app_copy(u->centre, sizeof u->centre, s.id.centre);
    app_copy(u->device, sizeof u->device, s.id.device);
    if (s.ok_at > 0)
        when_local(s.ok_at, &u->ok);
    /* the last round failed: an error newer than the last success (inv_sync_acked clears it) */
    u->failing = s.error_at > 0 && s.error_at >= s.ok_at;
    if (u->failing) {
        when_local(s.error_at, &u->failed);
        app_copy(u->error, sizeof u->error, s.error);
    }
    u->waiting = s.waiting;
    u->conflicts = s.conflicts_open;
}

/* Open double lends first (oldest first: settled in the order they happened), then the card
 * merges (newest first), up to UI_CONFLICTS_MAX. */
static void conflicts(App *app)
{
    InvSyncConflict *all = NULL;
    size_t n = 0;
    UiEvConflicts *ev = &app_push(app, UI_EV_CONFLICTS)->conflicts;
    int err = inv_sync_conflicts(app->db, false, &all, &n);
    if (err != INV_OK) {
        ev->h.result = app_map_err(app, err, &ev->h);
        return;
    }
    static UiConflict rows[UI_CONFLICTS_MAX]; /* large for a small thread's stack */
    int k = 0;
    for (size_t i = n; i-- > 0;) { /* the store lists newest first */
        const InvSyncConflict *c = &all[i];
        if (strcmp(c->kind, "double_lend") != 0 || c->resolved_at != 0)
            continue;
        ev->open++;
        if (k == UI_CONFLICTS_MAX)
            continue;
        UiConflict *u = &rows[k];
        memset(u, 0, sizeof *u);
        InvConflictLoan loans[2];
        err = inv_conflict_loans(app->db, c->id, loans);
        if (err != INV_OK)
            break;
        u->id = c->id;
        when_local(c->at, &u->at);
        app_copy(u->code, sizeof u->code, c->barcode);
        app_copy(u->name, sizeof u->name, c->item_name);
        to_loan(&loans[0], &u->older);
        to_loan(&loans[1], &u->newer);
        k++;
    }
    for (size_t i = 0; i < n && err == INV_OK; i++) {
        const InvSyncConflict *c = &all[i];
        if (strcmp(c->kind, "card_merge") != 0)
            continue;
        ev->merges++;
        if (k == UI_CONFLICTS_MAX)
            continue;
        UiConflict *u = &rows[k++];
        memset(u, 0, sizeof *u);
        u->id = c->id;
        u->merge = true;
        when_local(c->at, &u->at);
        app_copy(u->older.who, sizeof u->older.who, c->borrower_name);
        app_copy(u->older.card, sizeof u->older.card, c->card);
    }
    free(all);
    if (err != INV_OK) {
        ev->open = 0;
        ev->merges = 0;
        ev->h.result = app_map_err(app, err, &ev->h);
        return;
    }
    ev->h.result = UI_R_OK;
    ev->n = k;
    for (int i = 0; i < k; i++) {
        UiEvConflictPart *p = &app_push(app, UI_EV_CONFLICT_PART)->conflict_part;
        p->index = i;
        p->c = rows[i];
    }
}

static void resolve(App *app, const UiFxResolve *r)
{
    UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
    ev->of = UI_FX_RESOLVE;
    char resolution[16 + UI_CODE_MAX];
    if (r->returned)
        app_copy(resolution, sizeof resolution, "returned");
    else
        snprintf(resolution, sizeof resolution, "other-item %s", r->other);
    /* the item of the conflict, named in the answer ("Løst: SKI-0001"), or the barcode scanned
     * when it is refused */
    InvSyncConflict *all = NULL;
    size_t n = 0;
    if (inv_sync_conflicts(app->db, true, &all, &n) == INV_OK) {
        for (size_t i = 0; i < n; i++) {
            if (all[i].id == r->id)
                app_copy(ev->code, sizeof ev->code, all[i].barcode);
        }
    }
    free(all);
    int err = inv_sync_conflict_resolve(app->db, r->id, r->staff_id, resolution, app_now(app));
    if (err != INV_OK) {
        if (!r->returned)
            app_copy(ev->code, sizeof ev->code, r->other);
        ev->h.result = app_map_err(app, err, &ev->h);
        InvItem it;
        if (err == INV_E_INVALID && !r->returned && inv_item_get(app->db, r->other, &it) == INV_OK)
            ev->h.result = not_free(it.status, ev->h.result); /* why the item cannot take it */
        return;
    }
    ev->h.result = UI_R_OK;
}

/* a UTC time as the local day and the minutes after local midnight */
static void when_local(int64_t t, UiWhen *out)
{
    char buf[32];
    int h = 0;
    int m = 0;
    app_date_local(t, &out->day);
    inv_time_format(t, false, buf, sizeof buf); /* "YYYY-MM-DD HH:MM" */
    if (sscanf(buf + 10, " %d:%d", &h, &m) == 2)
        out->min = h * 60 + m;
}

static void to_loan(const InvConflictLoan *l, UiConflictLoan *u)
{
    memset(u, 0, sizeof *u);
    app_copy(u->who, sizeof u->who, l->name);
    app_copy(u->card, sizeof u->card, l->card);
    app_copy(u->device, sizeof u->device, l->device);
    when_local(l->at, &u->at);
}

/* The refusal that says why an item cannot take the older loan's line: it is not available. */
static UiResult not_free(InvItemStatus status, UiResult otherwise)
{
    switch (status) {
    case INV_ITEM_ON_LOAN:
        return UI_R_ON_LOAN;
    case INV_ITEM_IN_REPAIR:
        return UI_R_IN_REPAIR;
    case INV_ITEM_MISSING:
        return UI_R_MISSING;
    case INV_ITEM_RETIRED:
        return UI_R_RETIRED;
    default:
        return otherwise;
    }
}
