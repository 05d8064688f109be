/* Work day: the trainee's check-in and check-out. The store says whether they are checked in
 * (and whether their last day was closed at closing time because they forgot to check out); the
 * screen shows one big button, then a short confirmation with the time or today's hours. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void workday_enter(UiState *st, const void *args, UiEffects *fx);
static void workday_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static bool workday_wants_text(const UiState *st);
static void workday_view(const UiState *st, UiDrawList *dl, UiRect area);
static void ask(UiState *st, UiWorkAction action, UiEffects *fx);
static void clock_text(int minutes, char *buf, size_t size);
static void hours_text(const UiState *st, int minutes, char *buf, size_t size);

const UiScreen scr_workday = {
    .enter = workday_enter,
    .update = workday_update,
    .view = workday_view,
    .wants_text = workday_wants_text,
    .secret_text = workday_wants_text,
    .title_msg = UI_MSG_WORK_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = false,
};

/* args: ScrWorkdayArgs */
static void workday_enter(UiState *st, const void *args, UiEffects *fx)
{
    const ScrWorkdayArgs *a = args;
    ui__expect(a != NULL);
    memset(&st->workday, 0, sizeof st->workday);
    ui__copy(st->workday.card, sizeof st->workday.card, a->card);
    ui__copy(st->workday.name, sizeof st->workday.name, a->name);
    st->workday.stage = UI_WORKDAY_LOADING;
    ask(st, UI_WORK_STATUS, fx);
}

static void workday_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrWorkday *w = &st->workday;
    if (ev->kind == UI_EV_WORKDAY) {
        w->asked = false;
        if (ev->h.result == UI_R_OK) {
            w->day = ev->workday;
            w->stage = ev->workday.action == UI_WORK_STATUS ? UI_WORKDAY_READY : UI_WORKDAY_DONE;
            if (w->stage == UI_WORKDAY_DONE)
                ui__sound(st, fx, UI_SOUND_OK);
            return;
        }
        if (ev->h.result == UI_R_STORE)
            return; /* the core says so, calmly */
        ui__toast(st, ui__result_tone(ev->h.result), ui__reason(st, ev->h.result));
        ui__sound(st, fx, UI_SOUND_REFUSED);
        if (ev->h.result == UI_R_CHECKED_IN || ev->h.result == UI_R_NOT_CHECKED_IN)
            ask(st, UI_WORK_STATUS, fx); /* another kiosk was quicker: show how it is now */
        else
            ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_SCAN) { /* another card or an item: home knows what to do */
        ui__redirect(st, UI_SCR_HOME, NULL, ev, fx);
        return;
    }
    if (ev->kind == UI_EV_TEXT || (ev->kind == UI_EV_KEY && ev->key.key != UI_KEY_ESCAPE)) {
        /* typing goes on to the PIN: a trainee who came to work logs in at once */
        ScrStaffArgs a = {w->card, w->name};
        ui__redirect(st, UI_SCR_STAFF, &a, ev, fx);
        return;
    }
    if (ev->kind != UI_EV_PRESS)
        return;
    const char *id = ev->press.id;
    if (strcmp(id, "workday.back") == 0 || strcmp(id, "workday.ok") == 0) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
    } else if (strcmp(id, "workday.login") == 0) {
        ScrStaffArgs a = {w->card, w->name};
        ui__go(st, UI_SCR_STAFF, &a, fx);
    } else if (w->stage == UI_WORKDAY_READY && !w->asked && strcmp(id, "workday.start") == 0 &&
               !w->day.checked_in) {
        ask(st, UI_WORK_IN, fx);
    } else if (w->stage == UI_WORKDAY_READY && !w->asked && strcmp(id, "workday.finish") == 0 &&
               w->day.checked_in) {
        ask(st, UI_WORK_OUT, fx);
    }
}

/* keys typed here are the trainee's PIN (never a keyboard scanner's code): they go on to it */
static bool workday_wants_text(const UiState *st)
{
    (void)st;
    return true;
}

static void workday_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrWorkday *w = &st->workday;
    int pad = ui__px(st, 16);
    int lh = ui__px(st, 40);
    char text[UI_TEXT_MAX];
    char a[UI_TEXT_MAX];
    char b[UI_TEXT_MAX];

    ui__button(dl, st, "workday.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    int w_col = area.w * 2 / 3;
    if (w_col < ui__px(st, 560))
        w_col = area.w - 4 * pad;
    int x = area.x + (area.w - w_col) / 2;
    int y = area.y + ui__px(st, 24);
    if (w->stage == UI_WORKDAY_LOADING) {
        ui__label(dl, st, "workday.working", ui__rect_make(x, y, w_col, lh), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_CENTER, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    const UiEvWorkday *d = &w->day;
    UiMsg hello = UI_MSG_WORK_HELLO;
    if (w->stage == UI_WORKDAY_DONE)
        hello = d->checked_in ? UI_MSG_WORK_STARTED : UI_MSG_WORK_FINISHED;
    ui_format(text, sizeof text, ui_t(st, hello), w->name, NULL);
    ui__label(dl, st, "workday.hello", ui__rect_make(x, y, w_col, ui__px(st, 52)), UI_FONT_TITLE,
              UI_COL_TEXT, UI_ALIGN_CENTER, text);
    y += ui__px(st, 52) + ui__px(st, 8);

    /* one line of facts: since when, today's hours, or the day that closed by itself */
    text[0] = '\0';
    if (d->checked_in) {
        clock_text(d->in_min, a, sizeof a);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_WORK_SINCE), a, NULL);
    } else if (w->stage == UI_WORKDAY_DONE) {
        hours_text(st, d->today_min, a, sizeof a);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_WORK_HOURS), a, NULL);
    } else if (d->was_closed) {
        ui_date_text(st, d->closed_day, true, a, sizeof a);
        clock_text(d->closed_min, b, sizeof b);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_WORK_CLOSED), a, b);
    } else if (d->today_min > 0) {
        hours_text(st, d->today_min, a, sizeof a);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_WORK_TODAY), a, NULL);
    }
    if (text[0] != '\0')
        ui__label(dl, st, "workday.info", ui__rect_make(area.x + pad, y, area.w - 2 * pad, lh),
                  UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_CENTER, text);
    y += lh + ui__px(st, 16);

    /* the one big button, and below it a small way on to the PIN */
    int small_h = ui__touch(st);
    int big_h = area.y + area.h - y - small_h - 3 * pad;
    if (big_h > ui__px(st, 200))
        big_h = ui__px(st, 200);
    UiRect big = ui__rect_make(x, y, w_col, big_h);
    if (w->stage == UI_WORKDAY_DONE)
        ui__button(dl, st, "workday.ok", big, ui_t(st, UI_MSG_WORK_OK), UI_STYLE_BIG_OK);
    else if (d->checked_in)
        ui__button(dl, st, "workday.finish", big, ui_t(st, UI_MSG_WORK_FINISH), UI_STYLE_BIG);
    else
        ui__button(dl, st, "workday.start", big, ui_t(st, UI_MSG_WORK_START), UI_STYLE_BIG_OK);
    y += big_h + 2 * pad;
    int lw = ui__px(st, 300);
    if (w->stage != UI_WORKDAY_DONE || d->checked_in)
        ui__button(dl, st, "workday.login", ui__rect_make(x + (w_col - lw) / 2, y, lw, small_h),
                   ui_t(st, UI_MSG_WORK_LOGIN), UI_STYLE_SECONDARY);
}

static void ask(UiState *st, UiWorkAction action, UiEffects *fx)
{
    UiFx *f = ui__fx(fx, UI_FX_WORKDAY);
    ui__copy(f->workday.card, sizeof f->workday.card, st->workday.card);
    f->workday.action = action;
    st->workday.asked = action != UI_WORK_STATUS;
}

/* "09:05" */
static void clock_text(int minutes, char *buf, size_t size)
{
    ui__sprintf(buf, size, "%02d:%02d", minutes / 60 % 24, minutes % 60);
}

/* "6 t 30 min" */
static void hours_text(const UiState *st, int minutes, char *buf, size_t size)
{
    char h[16];
    char m[16];
    ui__sprintf(h, sizeof h, "%d", minutes / 60);
    ui__sprintf(m, sizeof m, "%d", minutes % 60);
    ui_format(buf, size, ui_t(st, minutes % 60 ? UI_MSG_WORK_HM : UI_MSG_WORK_H), h, m);
}
