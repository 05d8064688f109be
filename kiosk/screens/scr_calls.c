/* The call list: a warning on top when SMS or e-mail keeps failing (how often, since when), then
 * one row per borrower to phone: name and days late, then the phone (the guardian's, named, for a
 * child) and the items. Read from the store when the screen opens (UI_FX_CALLS). */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void calls_enter(UiState *st, const void *args, UiEffects *fx);
static void calls_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void calls_view(const UiState *st, UiDrawList *dl, UiRect area);
static void fail_text(const UiState *st, UiMsg msg, const UiChannelFail *f, char *buf, size_t size);

const UiScreen scr_calls = {
    .enter = calls_enter,
    .update = calls_update,
    .view = calls_view,
    .title_msg = UI_MSG_CALLS_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args */
static void calls_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    memset(&st->calls, 0, sizeof st->calls);
    ui__fx(fx, UI_FX_CALLS);
}

static void calls_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrCalls *c = &st->calls;
    if (st->session.staff.id == 0) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_CALLS) {
        if (ev->h.result == UI_R_OK) {
            c->n = 0;
            c->total = ev->calls.total;
            c->sms = ev->calls.sms;
            c->email = ev->calls.email;
            c->doubt = ev->calls.doubt;
            c->loaded = true;
        }
    } else if (ev->kind == UI_EV_CALL_PART) {
        for (int k = 0; k < ev->call_part.n; k++) {
            int at = ev->call_part.first + k;
            if (at >= 0 && at < UI_CALLS_MAX && at == c->n)
                c->calls[c->n++] = ev->call_part.calls[k];
        }
    } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "calls.back") == 0) {
        ui__go(st, UI_SCR_STAFF, NULL, fx);
    }
}

static void calls_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrCalls *c = &st->calls;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int lh = ui__px(st, 34);
    int x = area.x + pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];

    ui__button(dl, st, "calls.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (!c->loaded) {
        ui__label(dl, st, "calls.working", ui__rect_make(x, y, w, lh), UI_FONT_LARGE, UI_COL_MUTED,
                  UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    /* failing channels first: staff should tell a leader */
    int n_fail = (c->sms.fails > 0) + (c->email.fails > 0) + (c->doubt > 0);
    if (n_fail > 0) {
        UiRect warn = ui__rect_make(x, y, w, (n_fail + 1) * lh + gap);
        ui__panel(dl, st, warn, UI_TONE_BAD);
        int wy = y + gap / 2;
        if (c->sms.fails > 0) {
            fail_text(st, UI_MSG_CALLS_SMS_FAILING, &c->sms, text, sizeof text);
            ui__label(dl, st, "calls.sms_failing", ui__rect_make(x + pad, wy, w - 2 * pad, lh),
                      UI_FONT_BODY, UI_COL_BAD, UI_ALIGN_LEFT, text);
            wy += lh;
        }
        if (c->email.fails > 0) {
            fail_text(st, UI_MSG_CALLS_MAIL_FAILING, &c->email, text, sizeof text);
            ui__label(dl, st, "calls.mail_failing", ui__rect_make(x + pad, wy, w - 2 * pad, lh),
                      UI_FONT_BODY, UI_COL_BAD, UI_ALIGN_LEFT, text);
            wy += lh;
        }
        if (c->doubt > 0) {
            char n[16];
            ui__sprintf(n, sizeof n, "%d", c->doubt);
            ui_format(text, sizeof text, ui_t(st, UI_MSG_CALLS_DOUBT), n, NULL);
            ui__label(dl, st, "calls.doubt", ui__rect_make(x + pad, wy, w - 2 * pad, lh),
                      UI_FONT_BODY, UI_COL_BAD, UI_ALIGN_LEFT, text);
            wy += lh;
        }
        ui__label(dl, st, "calls.fail_how", ui__rect_make(x + pad, wy, w - 2 * pad, lh),
                  UI_FONT_SMALL, UI_COL_TEXT, UI_ALIGN_LEFT, ui_t(st, UI_MSG_CALLS_FAIL_HOW));
        y += warn.h + gap;
    }
    if (c->total == 0) {
        ui__label(dl, st, "calls.none", ui__rect_make(x, y, w, lh), UI_FONT_LARGE, UI_COL_TEXT,
                  UI_ALIGN_LEFT, ui_t(st, UI_MSG_CALLS_NONE));
        return;
    }
    ui__label(dl, st, "calls.intro", ui__rect_make(x, y, w, lh), UI_FONT_BODY, UI_COL_TEXT,
              UI_ALIGN_LEFT, ui_t(st, UI_MSG_CALLS_INTRO));
    y += lh;

    /* two lines a person: name and days late; phone and items */
    int rh = ui__px(st, 60);
    int bottom = area.y + area.h - pad;
    int fit = (bottom - y) / (rh + gap);
    int shown = c->n < fit ? c->n : fit;
    int more = c->total - shown;
    if (more > 0 && shown == fit && shown > 0) { /* room for the "and N more" line */
        shown--;
        more++;
    }
    int late_w = ui__px(st, 220);
    for (int i = 0; i < shown; i++) {
        const UiCall *p = &c->calls[i];
        char id[UI_ID_MAX];
        char phone[UI_TEXT_MAX];
        UiRect r = ui__rect_make(x, y, w, rh);
        ui__fill(dl, r, ui__col(st, UI_COL_PANEL));
        ui__frame(dl, r, ui__col(st, UI_COL_FRAME), 1);
        ui__sprintf(id, sizeof id, "calls.name.%d", i);
        ui__label(dl, st, id, ui__rect_make(x + gap, y, w - late_w - 2 * gap, rh / 2), UI_FONT_BODY,
                  UI_COL_TEXT, UI_ALIGN_LEFT, p->name);
        if (p->days_late == 1) {
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_CALLS_LATE_ONE));
        } else {
            char n[16];
            ui__sprintf(n, sizeof n, "%d", p->days_late);
            ui_format(text, sizeof text, ui_t(st, UI_MSG_CALLS_LATE), n, NULL);
        }
        ui__sprintf(id, sizeof id, "calls.late.%d", i);
        ui__label(dl, st, id, ui__rect_make(x + w - late_w - gap, y, late_w, rh / 2), UI_FONT_BODY,
                  UI_COL_BAD, UI_ALIGN_RIGHT, text);
        if (p->phone[0] == '\0')
            ui__copy(phone, sizeof phone, ui_t(st, UI_MSG_CALLS_NO_PHONE));
        else if (p->guardian)
            ui_format(phone, sizeof phone, ui_t(st, UI_MSG_CALLS_GUARDIAN), p->phone,
                      p->guardian_name);
        else
            ui__copy(phone, sizeof phone, p->phone);
        ui__sprintf(text, sizeof text, "%s  \xC2\xB7  %s", phone, p->item_names);
        ui__sprintf(id, sizeof id, "calls.info.%d", i);
        ui__label(dl, st, id, ui__rect_make(x + gap, y + rh / 2, w - 2 * gap, rh / 2),
                  UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT, text);
        y += rh + gap;
    }
    if (more > 0) {
        char n[16];
        ui__sprintf(n, sizeof n, "%d", more);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_CALLS_MORE), n, NULL);
        ui__label(dl, st, "calls.more", ui__rect_make(x, y, w, lh), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, text);
    }
}

/* "SMS har feilet 3 ganger siden mandag 21. november 11:00". */
static void fail_text(const UiState *st, UiMsg msg, const UiChannelFail *f, char *buf, size_t size)
{
    char n[16];
    char day[UI_DATE_MAX];
    char since[UI_DATE_MAX + 16];
    ui__sprintf(n, sizeof n, "%d", f->fails);
    ui_date_text(st, f->since, true, day, sizeof day);
    ui__sprintf(since, sizeof since, "%s %s", day, f->since_time);
    ui_format(buf, size, ui_t(st, msg), n, since);
}
