/* New terms at login: the terms box, "Yes, I accept" and "No thanks". For a child the accept
 * button waits for an adult's card and says who accepts for whom; the store checks that the
 * card is the child's own responsible adult (UI_R_CONSENT_ADULT otherwise). */
#include "../ui/ui_int.h"

#include <string.h>

static void terms_enter(UiState *st, const void *args, UiEffects *fx);
static void terms_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void terms_view(const UiState *st, UiDrawList *dl, UiRect area);

const UiScreen scr_terms = {
    .enter = terms_enter,
    .update = terms_update,
    .view = terms_view,
    .title_msg = UI_MSG_TERMS_TITLE,
    .idle_logout = true,
    .top_logout = true,
};

/* no args */
static void terms_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    memset(&st->terms, 0, sizeof st->terms);
}

static void terms_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    const UiPerson *who = &st->session.borrower;
    bool child = who->responsible_id != 0;
    switch (ev->kind) {
    case UI_EV_SCAN:
        if (child) { /* the adult's card */
            ui__copy(st->terms.adult_card, sizeof st->terms.adult_card, ev->scan.code);
            ui__sound(st, fx, UI_SOUND_OK);
        } else {
            ui__toastf(st, UI_TONE_INFO, UI_MSG_TERMS_INTRO, NULL, NULL);
        }
        return;
    case UI_EV_PRESS:
        if (ui__terms_scroll(st, ev->press.id, "terms", &st->terms.first))
            return;
        if (strcmp(ev->press.id, "terms.accept") == 0) {
            if (child && !st->terms.adult_card[0]) {
                ui__toastf(st, UI_TONE_INFO, UI_MSG_TERMS_CHILD, NULL, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
                return;
            }
            UiFxConsent *c = &ui__fx(fx, UI_FX_CONSENT)->consent;
            c->borrower_id = who->id;
            if (child)
                ui__copy(c->adult_card, sizeof c->adult_card, st->terms.adult_card);
            return;
        }
        if (strcmp(ev->press.id, "terms.decline") == 0) {
            ui__logout(st, fx); /* nothing lent: the basket was never opened */
            ui__toastf(st, UI_TONE_INFO, UI_MSG_TERMS_DECLINED, NULL, NULL);
        }
        return;
    case UI_EV_CONSENTED:
        if (ev->h.result == UI_R_OK) {
            st->session.borrower.terms_due = false;
            ui__go(st, UI_SCR_BASKET, NULL, fx);
            ui__toastf(st, UI_TONE_OK, UI_MSG_TERMS_THANKS, who->name, NULL);
        } else if (ev->h.result == UI_R_CONSENT_ADULT) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_REG_CONSENT_ADULT, st->terms.adult_card, NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
            st->terms.adult_card[0] = '\0';
        } else if (ev->h.result == UI_R_BLOCKED) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_REG_ADULT_BLOCKED, st->terms.adult_card, NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
            st->terms.adult_card[0] = '\0';
        } else if (ev->h.result != UI_R_STORE) {
            ui__toast(st, UI_TONE_BAD, ui__reason(st, ev->h.result));
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    default:
        return;
    }
}

static void terms_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    const UiPerson *who = &st->session.borrower;
    bool child = who->responsible_id != 0;
    int pad = ui__px(st, 12);
    int lh = ui__px(st, 40);
    int bh = ui__touch(st);
    UiRect in = ui__inset(area, pad);
    char text[UI_TEXT_MAX];
    if (child && !st->terms.adult_card[0])
        ui__copy(text, sizeof text, ui_t(st, UI_MSG_TERMS_CHILD));
    else if (child)
        ui_format(text, sizeof text, ui_t(st, UI_MSG_REG_ADULT_CARD), st->terms.adult_card, NULL);
    else
        ui__copy(text, sizeof text, ui_t(st, UI_MSG_TERMS_INTRO));
    UiRect head = ui__rect_make(in.x, in.y, in.w, lh);
    if (child) {
        ui__panel(dl, st, head, UI_TONE_WARN);
        head = ui__inset(head, ui__px(st, 4));
        head.x += ui__px(st, 10);
        head.w -= ui__px(st, 10);
    }
    ui__label(dl, st, "terms.intro", head, UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
    int y = in.y + lh + pad;
    int box_h = in.y + in.h - y - bh - pad;
    ui__terms_view(dl, st, ui__rect_make(in.x, y, in.w, box_h), st->terms.first, "terms");
    UiLayout lay = ui__layout(ui__rect_make(in.x, in.y + in.h - bh, in.w, bh), pad);
    ui__row(&lay, 2, (int[]){ui__px(st, 260), 0}, bh);
    ui__button(dl, st, "terms.decline", ui__next(&lay), ui_t(st, UI_MSG_TERMS_DECLINE),
               UI_STYLE_SECONDARY);
    if (child)
        ui_format(text, sizeof text, ui_t(st, UI_MSG_REG_CONSENT_CHILD), who->name, NULL);
    else
        ui__copy(text, sizeof text, ui_t(st, UI_MSG_TERMS_ACCEPT));
    ui__button(dl, st, "terms.accept", ui__next(&lay), text,
               child && !st->terms.adult_card[0] ? UI_STYLE_DISABLED : UI_STYLE_OK);
}
