/* Home: "Lån" and "Lever", language, and "scan your card to start". A scan identifies the code:
 * a borrower card logs in, a staff card asks for the PIN, an item on loan goes to the return. */
#include "../ui/ui_int.h"

#include <string.h>

static void home_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void home_view(const UiState *st, UiDrawList *dl, UiRect area);
static void login_borrower(UiState *st, const UiEvent *ev, UiEffects *fx);

const UiScreen scr_home = {NULL, home_update, home_view};

/* Used by home and by staff after a lookup: logs a borrower in and opens the basket. */
static void login_borrower(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    st->borrower = ev->who;
    st->n_co = ev->n_co < UI_CO_MAX ? ev->n_co : UI_CO_MAX;
    memcpy(st->co, ev->co, sizeof st->co[0] * (size_t)st->n_co);
    st->n_loans = ev->n_loans < UI_LOANS_MAX ? ev->n_loans : UI_LOANS_MAX;
    memcpy(st->loans, ev->loans, sizeof st->loans[0] * (size_t)st->n_loans);
    st->n_overdue = ev->n_overdue;
    st->lend_for = -1;
    st->n_basket = 0;
    st->checking_out = false;
    ui__sound(st, fx, UI_SOUND_OK);
    ui__go(st, UI_SCR_BASKET, fx);
}

static void home_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    switch (ev->kind) {
    case UI_EV_PRESS:
        if (strcmp(ev->id, "home.borrow") == 0) {
            ui__toastf(st, UI_TONE_INFO, UI_MSG_HOME_NEED_CARD, NULL, NULL);
        } else if (strcmp(ev->id, "home.return") == 0) {
            ui__go(st, UI_SCR_RETURN, fx);
        } else if (strcmp(ev->id, "home.register") == 0) {
            ui__go(st, UI_SCR_REGISTER, fx);
        } else if (strcmp(ev->id, "home.staff") == 0) {
            st->staff_stage = UI_STAFF_CARD;
            ui__go(st, UI_SCR_STAFF, fx);
        } else if (strcmp(ev->id, "home.lang.nb") == 0) {
            st->lang = UI_LANG_NB;
        } else if (strcmp(ev->id, "home.lang.en") == 0) {
            st->lang = UI_LANG_EN;
        }
        break;
    case UI_EV_SCAN:
        ui__fx(fx, UI_FX_IDENTIFY);
        ui__copy(fx->fx[fx->n - 1].code, UI_CODE_MAX, ev->text);
        break;
    case UI_EV_IDENTIFIED:
        if (ev->result == UI_R_STORE)
            break;
        if (ev->who_kind == UI_WHO_BORROWER) {
            if (ev->who.blocked) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_HOME_BLOCKED, ev->who.blocked_reason, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
                break;
            }
            login_borrower(st, ev, fx);
        } else if (ev->who_kind == UI_WHO_STAFF) {
            ui__copy(st->staff_card, sizeof st->staff_card, ev->staff.card);
            ui__copy(st->staff_name, sizeof st->staff_name, ev->staff.name);
            st->pin[0] = '\0';
            st->staff_stage = UI_STAFF_PIN;
            ui__sound(st, fx, UI_SOUND_OK);
            ui__go(st, UI_SCR_STAFF, fx);
        } else if (ev->who_kind == UI_WHO_ITEM) {
            if (ev->item.status == UI_ITEM_ON_LOAN) {
                ui__go(st, UI_SCR_RETURN, fx);
                UiEvent scan;
                ui_event_init(&scan, UI_EV_SCAN);
                scan.now_ms = st->now_ms;
                ui__copy(scan.text, sizeof scan.text, ev->item.code);
                scr_return.update(st, &scan, fx);
            } else {
                ui__toastf(st, UI_TONE_INFO, UI_MSG_HOME_NOT_LENT, ev->item.name, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
            }
        } else {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_HOME_UNKNOWN, ev->code, NULL);
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        }
        break;
    default:
        break;
    }
}

static void home_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 24);
    int y = area.y + pad;
    ui__label(dl, st, "home.title", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 70)),
              UI_FONT_HUGE, UI_COL_TEXT, UI_ALIGN_CENTER, ui_t(st, UI_MSG_HOME_TITLE));
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
    y += ui__px(st, 64) + pad;

    int bottom_h = ui__touch(st);
    int big_h = area.y + area.h - y - bottom_h - 2 * pad;
    int gap = pad;
    int bw = (area.w - 4 * pad - gap) / 2;
    ui__button(dl, st, "home.borrow", ui__rect_make(pad * 2, y, bw, big_h),
               ui_t(st, UI_MSG_HOME_BORROW), UI_STYLE_BIG);
    ui__button(dl, st, "home.return", ui__rect_make(pad * 2 + bw + gap, y, bw, big_h),
               ui_t(st, UI_MSG_HOME_RETURN), UI_STYLE_BIG_OK);
    y += big_h + pad;

    int sw = ui__px(st, 230);
    ui__button(dl, st, "home.register", ui__rect_make(pad * 2, y, sw, bottom_h),
               ui_t(st, UI_MSG_HOME_REGISTER), UI_STYLE_SECONDARY);
    ui__button(dl, st, "home.staff", ui__rect_make(pad * 3 + sw, y, ui__px(st, 160), bottom_h),
               ui_t(st, UI_MSG_HOME_STAFF), UI_STYLE_SECONDARY);
    int lw = ui__px(st, 150);
    int lx = area.w - 2 * pad - 2 * lw - ui__px(st, 8);
    ui__button(dl, st, "home.lang.nb", ui__rect_make(lx, y, lw, bottom_h), "Norsk",
               st->lang == UI_LANG_NB ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    ui__button(dl, st, "home.lang.en", ui__rect_make(lx + lw + ui__px(st, 8), y, lw, bottom_h),
               "English", st->lang == UI_LANG_EN ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
}

void scr_home_login(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    login_borrower(st, ev, fx);
}
