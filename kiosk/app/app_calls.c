/* The app's part of the call list: the borrowers no reminder reaches (inv_call_list_each), each
 * channel's health (inv_channel_health) and the messages in doubt, queued as UI_EV_CALLS and
 * its parts, like every other list (app_fx.c). */
#include "app.h"

#include <stdio.h>
#include <string.h>

typedef struct CallGather {
    int n;
    int total;
    UiCall calls[UI_CALLS_MAX];
} CallGather;

static int on_call(const InvCallEntry *e, void *ctx);
static int channel(App *app, InvChannel c, UiChannelFail *out);

void app_calls(App *app)
{
    static CallGather g; /* 8 people: too large for the stack of a small thread */
    int64_t now = app_now(app);
    memset(&g, 0, sizeof g);
    UiEvCalls *ev = &app_push(app, UI_EV_CALLS)->calls;
    int64_t doubt = 0;
    int err = inv_call_list_each(app->db, now, on_call, &g);
    if (err == INV_OK)
        err = channel(app, INV_CHANNEL_SMS, &ev->sms);
    if (err == INV_OK)
        err = channel(app, INV_CHANNEL_EMAIL, &ev->email);
    if (err == INV_OK)
        err = inv_outbox_count(app->db, INV_OUT_UNSURE, &doubt);
    if (err != INV_OK) {
        ev->h.result = app_map_err(app, err, &ev->h);
        return;
    }
    ev->h.result = UI_R_OK;
    ev->n = g.n;
    ev->total = g.total;
    ev->doubt = (int)doubt;
    for (int i = 0; i < g.n; i += UI_EV_CALL_PART_MAX) {
        UiEvCallPart *p = &app_push(app, UI_EV_CALL_PART)->call_part;
        p->first = i;
        for (int k = i; k < g.n && p->n < UI_EV_CALL_PART_MAX; k++)
            p->calls[p->n++] = g.calls[k];
    }
}

static int on_call(const InvCallEntry *e, void *ctx)
{
    CallGather *g = ctx;
    g->total++;
    if (g->n == UI_CALLS_MAX)
        return 0;
    UiCall *c = &g->calls[g->n++];
    app_copy(c->name, sizeof c->name, e->name);
    app_copy(c->phone, sizeof c->phone, e->phone);
    c->guardian = e->guardian;
    app_copy(c->guardian_name, sizeof c->guardian_name, e->guardian_name);
    c->days_late = e->days_late;
    c->items = e->items;
    app_copy(c->item_names, sizeof c->item_names, e->item_names);
    return 0;
}

static int channel(App *app, InvChannel c, UiChannelFail *out)
{
    InvChannelHealth h;
    int err = inv_channel_health(app->db, c, &h);
    if (err != INV_OK)
        return err;
    memset(out, 0, sizeof *out);
    out->fails = h.fails;
    if (h.fails > 0) {
        char when[32];
        app_date_local(h.failing_since, &out->since);
        inv_time_format(h.failing_since, false, when, sizeof when); /* "YYYY-MM-DD HH:MM" */
        app_copy(out->since_time, sizeof out->since_time, strlen(when) > 11 ? when + 11 : "");
    }
    return INV_OK;
}
