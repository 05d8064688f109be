/* The app's part of people after registration: a leader's staff accounts (look one up, disable
 * or enable it, a new PIN), staff changing a borrower and giving them a new card, the date of a
 * refused card at login, and a child's contact through the responsible adult. Each effect is
 * one store call; the outcome goes back as an event like every other (app_fx.c). */
#include "app.h"

#include <string.h>

static void staff_info(App *app, const char *code);

void app_people_perform(App *app, const UiFx *fx)
{
    InvDb *db = app->db;
    int64_t now = app_now(app);
    int err = INV_OK;
    UiEvDone *ev = NULL;
    switch (fx->kind) {
    case UI_FX_STAFF_INFO:
        staff_info(app, fx->staff_info.code);
        return;
    case UI_FX_STAFF_ENABLE: {
        const UiFxStaffEnable *r = &fx->staff_enable;
        ev = &app_push(app, UI_EV_DONE)->done;
        app_copy(ev->code, sizeof ev->code, r->card);
        err = inv_staff_enable(db, r->card, r->enabled, r->staff_id, now);
        break;
    }
    case UI_FX_STAFF_PIN: {
        const UiFxStaffPin *r = &fx->staff_pin;
        ev = &app_push(app, UI_EV_DONE)->done;
        app_copy(ev->code, sizeof ev->code, r->card);
        err = inv_staff_set_pin(db, r->card, r->pin, r->staff_id, now);
        break;
    }
    case UI_FX_EDIT_BORROWER: {
        const UiFxEditBorrower *r = &fx->edit_borrower;
        ev = &app_push(app, UI_EV_DONE)->done;
        app_copy(ev->code, sizeof ev->code, r->card);
        InvBorrowerEdit e = {
            .name = r->name,
            .phone = r->phone,
            .birth_year = r->birth_year,
            .adult_card = r->adult_card[0] ? r->adult_card : NULL,
            .staff_id = r->staff_id,
            .now = now,
        };
        err = inv_borrower_edit(db, r->card, &e, NULL, 0);
        break;
    }
    case UI_FX_REPLACE_CARD: {
        const UiFxReplaceCard *r = &fx->replace_card;
        ev = &app_push(app, UI_EV_DONE)->done;
        app_copy(ev->code, sizeof ev->code, r->new_card);
        err = inv_borrower_replace_card(db, r->card, r->new_card, r->staff_id, now);
        break;
    }
    default:
        return;
    }
    ev->of = fx->kind;
    ev->h.result = app_map_err(app, err, &ev->h);
}

void app_people_since(App *app, int err, const char *card, UiDate *since)
{
    int64_t at = 0;
    InvStaff s;
    if (err == INV_E_CARD_REPLACED) {
        if (inv_card_replaced_at(app->db, card, &at) != INV_OK)
            at = 0;
    } else if (err == INV_E_STAFF_DISABLED || err == INV_E_STAFF_EXPIRED) {
        if (inv_staff_get(app->db, card, &s) == INV_OK)
            at = err == INV_E_STAFF_DISABLED ? s.disabled_at : s.expires_at;
    } else {
        return;
    }
    if (at != 0)
        app_date_local(at, since);
}

void app_contact(App *app, const InvBorrower *b, UiPerson *p)
{
    InvContact c;
    if (inv_borrower_contact(app->db, b, &c) != INV_OK)
        return; /* the own phone, as it was */
    app_copy(p->phone, sizeof p->phone, c.phone);
    p->phone_guardian = c.guardian;
}

static void staff_info(App *app, const char *code)
{
    UiEvStaffInfo *ev = &app_push(app, UI_EV_STAFF_INFO)->staff_info;
    app_copy(ev->code, sizeof ev->code, code);
    InvStaff s;
    int err = inv_staff_get(app->db, code, &s);
    if (err == INV_OK) {
        ev->staff.id = s.id;
        app_copy(ev->staff.card, sizeof ev->staff.card, s.card);
        app_copy(ev->staff.name, sizeof ev->staff.name, s.name);
        ev->role = (UiRole)s.role;
        ev->disabled = s.disabled_at != 0;
        ev->expired = s.expires_at != 0 && app_now(app) > s.expires_at;
        if (s.disabled_at != 0)
            app_date_local(s.disabled_at, &ev->disabled_on);
        if (s.expires_at != 0)
            app_date_local(s.expires_at, &ev->expires);
    }
    app_people_since(app, err, code, &ev->since);
    ev->h.result = app_map_err(app, err, &ev->h);
}
