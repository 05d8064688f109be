/* Effects of lost and found, sets checked on return, and an item's card: staff returning a set
 * get its parts to check before it is returned (then the set comes back with the parts present),
 * a missing item is found again, an item on loan is reported lost, and an item's loan, damage
 * notes and history are read a page at a time. */
#include "app.h"

#include <stdio.h>
#include <string.h>

/* kiosk_ui mirrors the kinds of history entry value for value. */
#define APP_HIST_SAME(name, msg)                                                                   \
    _Static_assert((int)UI_HIST_##name == (int)INV_HIST_##name, "UI_HIST_" #name);
UI_HISTORY_KIND_MAP(APP_HIST_SAME)
#undef APP_HIST_SAME
_Static_assert(UI_HIST_COUNT == INV_HIST_REPAIR + 1, "every history kind is mirrored");

typedef struct Parts {
    int n; /* all the parts out with the set */
    UiSetPart part[UI_SET_PARTS_MAX];
} Parts;

typedef struct History {
    App *app;
    int n;
    char damage[UI_TEXT_MAX]; /* the last damage note found */
    UiHistoryEntry entry[UI_HISTORY_PAGE + 1];
} History;

static void return_check(App *app, const UiFxReturn *req);
static void return_set(App *app, const UiFxReturnSet *req);
static void item_card(App *app, const UiFxItemHistory *req);
static int on_part(const InvLoanLine *line, void *ctx);
static int on_entry(const InvHistoryEntry *e, void *ctx);
static int on_damage(const InvHistoryEntry *e, void *ctx);

void app_items_perform(App *app, const UiFx *fx)
{
    int64_t now = app_now(app);
    switch (fx->kind) {
    case UI_FX_RETURN:
        return_check(app, &fx->ret);
        return;
    case UI_FX_RETURN_SET:
        return_set(app, &fx->return_set);
        return;
    case UI_FX_ITEM_FOUND:
    case UI_FX_ITEM_LOST: {
        const UiFxItemAct *r = fx->kind == UI_FX_ITEM_FOUND ? &fx->item_found : &fx->item_lost;
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        ev->of = fx->kind;
        app_copy(ev->code, sizeof ev->code, r->code);
        const char *note = r->note[0] ? r->note : NULL;
        int err = fx->kind == UI_FX_ITEM_FOUND
                      ? inv_item_found(app->db, r->code, note, r->staff_id, now)
                      : inv_item_lost(app->db, r->code, note, r->staff_id, now, NULL);
        ev->status = fx->kind == UI_FX_ITEM_FOUND ? UI_ITEM_AVAILABLE : UI_ITEM_MISSING;
        ev->h.result = app_map_err(app, err, &ev->h);
        return;
    }
    case UI_FX_ITEM_HISTORY:
        item_card(app, &fx->item_history);
        return;
    default:
        return;
    }
}

int app_item_damage(App *app, const char *code, char *buf, size_t size)
{
    static History hist;
    memset(&hist, 0, sizeof hist);
    int err = inv_item_history(app->db, code, 0, 0, on_damage, &hist);
    if (err == 1)
        err = INV_OK;
    app_copy(buf, size, err == INV_OK ? hist.damage : "");
    return err;
}

/* Staff return an item: a set with parts out (at most UI_SET_PARTS_MAX) is not returned yet,
 * its parts go to the screen to be checked; anything else is returned as by UI_FX_RETURN. */
static void return_check(App *app, const UiFxReturn *req)
{
    static Parts parts;
    memset(&parts, 0, sizeof parts);
    UiEvReturned *ev = &app_push(app, UI_EV_RETURNED)->returned;
    app_copy(ev->code, sizeof ev->code, req->code);
    InvItem it;
    int err = inv_item_get(app->db, req->code, &it);
    if (err == INV_OK && it.status == INV_ITEM_ON_LOAN)
        err = inv_set_parts_out(app->db, req->code, app_now(app), on_part, &parts);
    if (err == INV_OK && parts.n > 0 && parts.n <= UI_SET_PARTS_MAX) {
        app_to_item(&it, &ev->item);
        ev->n_parts = parts.n;
        ev->h.result = app_map_err(app, err, &ev->h);
        for (int i = 0; i < parts.n; i += UI_EV_SET_PART_MAX) {
            UiEvSetPart *p = &app_push(app, UI_EV_SET_PART)->set_part;
            app_copy(p->set_code, sizeof p->set_code, req->code);
            p->first = i;
            for (int k = i; k < parts.n && p->n < UI_EV_SET_PART_MAX; k++)
                p->part[p->n++] = parts.part[k];
        }
        return;
    }
    InvReturn r = {req->code, false, NULL, req->staff_id, app_now(app)};
    static InvReturned out;
    if (err == INV_OK || err == INV_E_NOT_ON_LOAN)
        err = inv_return(app->db, &r, &out);
    if (err == INV_OK) {
        app_to_item(&out.item, &ev->item);
        app_date_local(out.due_at, &ev->due);
        ev->overdue = out.overdue;
    } else if (inv_item_get(app->db, req->code, &it) == INV_OK) {
        app_to_item(&it, &ev->item); /* named even when it was not on loan */
    }
    ev->h.result = app_map_err(app, err, &ev->h);
}

static void return_set(App *app, const UiFxReturnSet *req)
{
    static InvReturned out;
    UiEvReturned *ev = &app_push(app, UI_EV_RETURNED)->returned;
    app_copy(ev->code, sizeof ev->code, req->code);
    const char *present[UI_SET_PARTS_MAX];
    for (int i = 0; i < req->n; i++)
        present[i] = req->present[i];
    InvReturn r = {req->code, false, NULL, req->staff_id, app_now(app)};
    int err = inv_return_set(app->db, &r, present, (size_t)req->n, &out);
    if (err == INV_OK) {
        app_to_item(&out.item, &ev->item);
        app_date_local(out.due_at, &ev->due);
        ev->overdue = out.overdue;
        ev->n_missing = (int)out.n_missing;
    } else {
        InvItem it;
        if (inv_item_get(app->db, req->code, &it) == INV_OK)
            app_to_item(&it, &ev->item);
    }
    ev->h.result = app_map_err(app, err, &ev->h);
}

/* An item for staff: its loan (who and until when), damage notes, a page of its history. */
static void item_card(App *app, const UiFxItemHistory *req)
{
    static History hist;
    memset(&hist, 0, sizeof hist);
    hist.app = app;
    UiEvItemCard *ev = &app_push(app, UI_EV_ITEM_CARD)->item_card;
    app_copy(ev->code, sizeof ev->code, req->code);
    int first = req->first > 0 ? req->first : 0;
    InvItem it;
    InvLoanLine line;
    int err = inv_item_get(app->db, req->code, &it);
    if (err == INV_OK) {
        app_to_item(&it, &ev->item);
        app_copy(ev->notes, sizeof ev->notes, it.condition[0] ? it.condition : it.notes);
        size_t len = strlen(ev->notes);
        if (it.condition[0] && it.notes[0] && len + 3 < sizeof ev->notes) {
            memcpy(ev->notes + len, ". ", 2);
            app_copy(ev->notes + len + 2, sizeof ev->notes - len - 2, it.notes);
        }
        err = inv_item_loan(app->db, req->code, app_now(app), &line);
        if (err == INV_OK) {
            InvBorrower b;
            ev->lent = true;
            app_copy(ev->who, sizeof ev->who, line.borrower_name);
            app_copy(ev->card, sizeof ev->card, line.card);
            if (inv_borrower_get_id(app->db, line.borrower_id, &b) == INV_OK)
                app_copy(ev->phone, sizeof ev->phone, b.phone);
            app_date_local(line.due_at, &ev->due);
            ev->overdue = line.overdue;
        } else if (err == INV_E_NOT_ON_LOAN) {
            err = INV_OK;
        }
    }
    if (err == INV_OK) /* the last damage noted at a return, however old */
        err = app_item_damage(app, req->code, ev->damage, sizeof ev->damage);
    if (err == INV_OK) /* one more than a page: are there older entries? */
        err = inv_item_history(app->db, req->code, (size_t)first, UI_HISTORY_PAGE + 1, on_entry,
                               &hist);
    ev->h.result = app_map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    ev->first = first;
    ev->more = hist.n > UI_HISTORY_PAGE;
    ev->n = hist.n > UI_HISTORY_PAGE ? UI_HISTORY_PAGE : hist.n;
    for (int i = 0; i < ev->n; i += UI_EV_HISTORY_PART_MAX) {
        UiEvHistoryPart *p = &app_push(app, UI_EV_HISTORY_PART)->history_part;
        p->first = i;
        for (int k = i; k < ev->n && p->n < UI_EV_HISTORY_PART_MAX; k++)
            p->entry[p->n++] = hist.entry[k];
    }
}

static int on_part(const InvLoanLine *line, void *ctx)
{
    Parts *p = ctx;
    if (p->n < UI_SET_PARTS_MAX) {
        app_copy(p->part[p->n].code, UI_CODE_MAX, line->barcode);
        app_copy(p->part[p->n].name, UI_NAME_MAX, line->item_name);
    }
    p->n++; /* counted past the limit: such a set comes back whole */
    return 0;
}

static int on_entry(const InvHistoryEntry *e, void *ctx)
{
    History *h = ctx;
    if (h->n == UI_HISTORY_PAGE + 1)
        return 0;
    UiHistoryEntry *u = &h->entry[h->n++];
    memset(u, 0, sizeof *u);
    u->kind = (UiHistoryKind)e->kind;
    app_date_local(e->at, &u->at);
    app_copy(u->who, sizeof u->who, e->borrower_name);
    app_copy(u->note, sizeof u->note, e->note);
    u->status = e->status;
    u->reason = e->reason;
    u->damaged = e->damaged;
    u->renewals = e->kind == INV_HIST_LENT ? e->renewals : 0;
    u->open = (e->kind == INV_HIST_LENT || e->kind == INV_HIST_LOST) && e->returned_at == 0;
    return 0;
}

/* Stops (1) at the newest return that noted damage. */
static int on_damage(const InvHistoryEntry *e, void *ctx)
{
    History *h = ctx;
    if (e->kind != INV_HIST_RETURNED || !e->damaged)
        return 0;
    app_copy(h->damage, sizeof h->damage, e->note[0] ? e->note : "-");
    return 1;
}
