/* The app's part of the sync screens (issue 14): the device's sync state (inv_sync_status) as
 * UI_EV_SYNC_STATUS. Times become local days and minutes here: kiosk_ui has no calendar. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void status(App *app);
static void when_local(int64_t t, UiWhen *out);

void app_sync_perform(App *app, const UiFx *fx)
{
    switch (fx->kind) {
    case UI_FX_SYNC_STATUS:
        status(app);
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
