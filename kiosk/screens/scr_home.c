/* Home: the centre's name, "Lån" and "Lever", language, "scan your card to start" and what to do
 * without a card. A scan identifies the code: a borrower card logs in, a staff card asks for the
 * PIN, an item on loan goes to the return. */
#include "../ui/ui_int.h"

#include <string.h>

static void home_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void home_view(const UiState *st, UiDrawList *dl, UiRect area);

const UiScreen scr_home = {
    .update = home_update,
    .view = home_view,
    .title_msg = UI_MSG_APP_TITLE,
};

static void home_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    switch (ev->kind) {
    case UI_EV_PRESS:
        if (strcmp(ev->press.id, "home.borrow") == 0) {
            ui__toastf(st, UI_TONE_INFO, UI_MSG_HOME_NEED_CARD, NULL, NULL);
        } else if (strcmp(ev->press.id, "home.return") == 0) {
            ui__go(st, UI_SCR_RETURN, NULL, fx);
        } else if (strcmp(ev->press.id, "home.register") == 0) {
            ui__go(st, UI_SCR_REGISTER, NULL, fx);
        } else if (strcmp(ev->press.id, "home.staff") == 0) {
            ui__go(st, UI_SCR_STAFF, NULL, fx);
        } else if (strcmp(ev->press.id, "home.lang.nb") == 0) {
            ui__set_lang(st, UI_LANG_NB);
        } else if (strcmp(ev->press.id, "home.lang.en") == 0) {
            ui__set_lang(st, UI_LANG_EN);
        }
        break;
    case UI_EV_SCAN: {
        UiFx *f = ui__fx(fx, UI_FX_IDENTIFY);
        ui__copy(f->identify.code, sizeof f->identify.code, ev->scan.code);
        break;
    }
    case UI_EV_IDENTIFIED: {
        const UiEvIdentified *id = &ev->identified;
        if (ev->h.result == UI_R_STORE)
            break;
        if (ui__card_refused(st, ev->h.result, id->code, id->since, fx))
            break; /* a replaced card, a disabled or expired staff card */
        if (id->who == UI_WHO_BORROWER) {
            if (id->borrower.blocked) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_HOME_BLOCKED, id->borrower.blocked_reason, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
                break;
            }
            ui__login(st, &id->borrower, id->n_overdue, fx);
        } else if (id->who == UI_WHO_STAFF && id->role == UI_ROLE_TRAINEE) {
            /* a trainee: start or end the work day first (no PIN); the PIN is one tap away */
            ui__sound(st, fx, UI_SOUND_OK);
            ScrWorkdayArgs args = {id->staff.card, id->staff.name};
            ui__go(st, UI_SCR_WORKDAY, &args, fx);
        } else if (id->who == UI_WHO_STAFF) {
            ui__sound(st, fx, UI_SOUND_OK);
            ScrStaffArgs args = {id->staff.card, id->staff.name};
            ui__go(st, UI_SCR_STAFF, &args, fx);
        } else if (id->who == UI_WHO_ITEM) {
            if (id->item.status == UI_ITEM_ON_LOAN) {
                UiEvent scan;
                ui_event_init(&scan, UI_EV_SCAN);
                scan.h.now_ms = st->now_ms;
                ui__copy(scan.scan.code, sizeof scan.scan.code, id->item.code);
                ui__redirect(st, UI_SCR_RETURN, NULL, &scan, fx);
            } else {
                ui__toastf(st, UI_TONE_INFO, UI_MSG_HOME_NOT_LENT, id->item.name, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
            }
        } else {
            ui__toast_code(st, UI_MSG_HOME_UNKNOWN, id->code);
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        }
        break;
    }
    default:
        break;
    }
}

static void home_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 24);
    int y = area.y + pad;
    char title[UI_TEXT_MAX];
    if (st->cfg.centre_name[0])
        ui_format(title, sizeof title, ui_t(st, UI_MSG_HOME_TITLE_AT), st->cfg.centre_name, NULL);
    else
        ui__copy(title, sizeof title, ui_t(st, UI_MSG_HOME_TITLE));
    ui__label(dl, st, "home.title", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 70)),
              UI_FONT_HUGE, UI_COL_TEXT, UI_ALIGN_CENTER, title);
    y += ui__px(st, 74);
    ui__label(dl, st, "home.subtitle", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 34)),
              UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_CENTER, ui_t(st, UI_MSG_HOME_SUBTITLE));
    y += ui__px(st, 46);

    /* the scan hint points at the side where the scanner is mounted */
    char hint[UI_TEXT_MAX];
    const char *arrow_l = st->cfg.scanner == UI_SCANNER_LEFT ? "\xE2\x86\x90  " : "";
    const char *arrow_r = st->cfg.scanner == UI_SCANNER_RIGHT ? "  \xE2\x86\x92" : "";
    ui__copy(hint, sizeof hint, arrow_l);
    ui__append(hint, sizeof hint, ui_t(st, UI_MSG_HOME_SCAN));
    ui__append(hint, sizeof hint, arrow_r);
    UiRect hr = ui__rect_make(pad * 2, y, area.w - 4 * pad, ui__px(st, 64));
    ui__panel(dl, st, hr, UI_TONE_INFO);
    ui__label(dl, st, "home.scan", ui__inset(hr, ui__px(st, 8)), UI_FONT_TITLE, UI_COL_BUTTON,
              UI_ALIGN_CENTER, hint);
    y += ui__px(st, 64) + ui__px(st, 6);
    /* someone without a card: register at the "New borrower" button, or ask staff */
    ui__label(dl, st, "home.no_card", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 30)),
              UI_FONT_BODY, UI_COL_TEXT, UI_ALIGN_CENTER, ui_t(st, UI_MSG_HOME_NO_CARD));
    y += ui__px(st, 30) + ui__px(st, 12);

    /* the two big choices, then a row of small ones: register, staff, (room), the languages */
    int bottom_h = ui__touch(st);
    int big_h = area.y + area.h - y - bottom_h - 2 * pad;
    UiLayout lay =
        ui__layout(ui__rect_make(pad * 2, y, area.w - 4 * pad, area.y + area.h - y), pad);
    ui__row(&lay, 2, (int[]){0, 0}, big_h);
    ui__button(dl, st, "home.borrow", ui__next(&lay), ui_t(st, UI_MSG_HOME_BORROW), UI_STYLE_BIG);
    ui__button(dl, st, "home.return", ui__next(&lay), ui_t(st, UI_MSG_HOME_RETURN),
               UI_STYLE_BIG_OK);
    int lw = ui__px(st, 150);
    ui__row(&lay, 5, (int[]){ui__px(st, 230), ui__px(st, 160), 0, lw, lw}, bottom_h);
    ui__button(dl, st, "home.register", ui__next(&lay), ui_t(st, UI_MSG_HOME_REGISTER),
               UI_STYLE_SECONDARY);
    ui__button(dl, st, "home.staff", ui__next(&lay), ui_t(st, UI_MSG_HOME_STAFF),
               UI_STYLE_SECONDARY);
    (void)ui__next(&lay); /* room between */
    ui__button(dl, st, "home.lang.nb", ui__next(&lay), "Norsk",
               st->lang == UI_LANG_NB ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    ui__button(dl, st, "home.lang.en", ui__next(&lay), "English",
               st->lang == UI_LANG_EN ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
}
