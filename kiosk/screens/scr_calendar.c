/* Closed days: the weekly closed days and the public holiday rule on top, then the coming closed
 * days that are not weekly ones (holidays by name, closures with their note and range), read
 * from the store when the screen opens. Read only: a leader changes the calendar with
 * bua-admin calendar, as the hint at the bottom says. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void calendar_enter(UiState *st, const void *args, UiEffects *fx);
static void calendar_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void calendar_view(const UiState *st, UiDrawList *dl, UiRect area);
static void weekly_text(const UiState *st, unsigned mask, char *buf, size_t size);
static void row_texts(const UiState *st, const UiClosedRow *r, char *when, char *why, size_t size);

const UiScreen scr_calendar = {
    .enter = calendar_enter,
    .update = calendar_update,
    .view = calendar_view,
    .title_msg = UI_MSG_CAL_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

static const UiMsg holiday_msgs[UI_HOLIDAY_COUNT] = {[UI_HOLIDAY_NONE] = UI_MSG_CAL_CLOSED,
#define CAL_HOLIDAY_MSG(name, msg) [UI_HOLIDAY_##name] = UI_MSG_##msg,
                                                     UI_HOLIDAY_MAP(CAL_HOLIDAY_MSG)
#undef CAL_HOLIDAY_MSG
};

/* no args */
static void calendar_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    st->calendar.loaded = false;
    ui__fx(fx, UI_FX_CALENDAR);
}

static void calendar_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (st->session.role != UI_ROLE_LEADER) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_CALENDAR) {
        if (ev->h.result == UI_R_OK) {
            st->calendar.data = ev->calendar.cal;
            st->calendar.loaded = true;
        }
    } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "calendar.back") == 0) {
        ui__go(st, UI_SCR_LEADER, NULL, fx);
    }
}

static void calendar_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int lh = ui__px(st, 36);
    int rh = ui__px(st, 34);
    char text[UI_TEXT_MAX];
    int x = area.x + pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;

    ui__button(dl, st, "calendar.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (!st->calendar.loaded) {
        ui__label(dl, st, "calendar.working", ui__rect_make(x, y, w, lh), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    const UiCalendar *c = &st->calendar.data;
    weekly_text(st, c->closed_weekdays, text, sizeof text);
    ui__label(dl, st, "calendar.weekly", ui__rect_make(x, y, w, lh), UI_FONT_LARGE, UI_COL_TEXT,
              UI_ALIGN_LEFT, text);
    y += lh;
    ui__label(dl, st, "calendar.holidays", ui__rect_make(x, y, w, lh), UI_FONT_BODY, UI_COL_TEXT,
              UI_ALIGN_LEFT,
              ui_t(st, c->holidays_open ? UI_MSG_CAL_HOLIDAYS_OPEN : UI_MSG_CAL_HOLIDAYS_CLOSED));
    y += lh + gap;

    /* the coming closed days, in a panel down to the hint */
    int hint_h = ui__px(st, 30);
    UiRect panel = ui__rect_make(x, y, w, area.y + area.h - y - pad - hint_h - gap);
    ui__fill(dl, panel, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, panel, ui__col(st, UI_COL_FRAME), 1);
    int px = panel.x + pad;
    int pw = panel.w - 2 * pad;
    int ry = panel.y + gap;
    ui__label(dl, st, "calendar.coming", ui__rect_make(px, ry, pw, lh), UI_FONT_BODY, UI_COL_TEXT,
              UI_ALIGN_LEFT, ui_t(st, UI_MSG_CAL_COMING));
    ry += lh;
    int when_w = pw * 55 / 100;
    int fit = (panel.y + panel.h - gap - ry) / rh;
    int shown = c->n < fit ? c->n : fit;
    int more = c->n_more + (c->n - shown);
    if (more > 0 && shown == fit && shown > 0) { /* room for the "and N more" line */
        shown--;
        more++;
    }
    for (int i = 0; i < shown; i++) {
        char when[UI_TEXT_MAX];
        char why[UI_TEXT_MAX];
        char id[UI_ID_MAX];
        row_texts(st, &c->rows[i], when, why, sizeof when);
        ui__sprintf(id, sizeof id, "calendar.when.%d", i);
        ui__label(dl, st, id, ui__rect_make(px, ry, when_w - gap, rh), UI_FONT_BODY, UI_COL_TEXT,
                  UI_ALIGN_LEFT, when);
        ui__sprintf(id, sizeof id, "calendar.why.%d", i);
        ui__label(dl, st, id, ui__rect_make(px + when_w, ry, pw - when_w, rh), UI_FONT_BODY,
                  UI_COL_TEXT, UI_ALIGN_LEFT, why);
        ry += rh;
    }
    if (c->n == 0) {
        ui__label(dl, st, "calendar.none", ui__rect_make(px, ry, pw, rh), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_CAL_NONE));
    } else if (more > 0) {
        char n[16];
        ui__sprintf(n, sizeof n, "%d", more);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_CAL_MORE), n, NULL);
        ui__label(dl, st, "calendar.more", ui__rect_make(px, ry, pw, rh), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, text);
    }
    ui__label(dl, st, "calendar.how", ui__rect_make(x, panel.y + panel.h + gap, w, hint_h),
              UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_CAL_HOW));
}

/* "Stengt hver onsdag og søndag", or "Åpent alle ukedager". */
static void weekly_text(const UiState *st, unsigned mask, char *buf, size_t size)
{
    char days[UI_TEXT_MAX] = "";
    char last[32] = "";
    int n = 0;
    for (int d = 0; d < 7; d++) {
        if ((mask & (1u << d)) == 0)
            continue;
        if (last[0] != '\0') {
            if (days[0] != '\0')
                ui__append(days, sizeof days, ", ");
            ui__append(days, sizeof days, last);
        }
        ui__word(ui_t(st, UI_MSG_WEEKDAYS), d, last, sizeof last);
        n++;
    }
    if (n == 0) {
        ui__copy(buf, size, ui_t(st, UI_MSG_CAL_WEEKLY_NONE));
        return;
    }
    char all[UI_TEXT_MAX];
    if (n == 1)
        ui__copy(all, sizeof all, last);
    else
        ui_format(all, sizeof all, ui_t(st, UI_MSG_CAL_AND), days, last);
    ui_format(buf, size, ui_t(st, UI_MSG_CAL_WEEKLY), all, NULL);
}

/* "torsdag 2. april" and "Skjærtorsdag"; "mandag 30. mars til onsdag 1. april" and the note. */
static void row_texts(const UiState *st, const UiClosedRow *r, char *when, char *why, size_t size)
{
    char a[UI_DATE_MAX];
    char b[UI_DATE_MAX];
    ui_date_text(st, r->first, true, a, sizeof a);
    bool one = r->first.year == r->last.year && r->first.month == r->last.month &&
               r->first.day == r->last.day;
    if (one) {
        ui__copy(when, size, a);
    } else {
        ui_date_text(st, r->last, true, b, sizeof b);
        ui_format(when, size, ui_t(st, UI_MSG_CAL_RANGE), a, b);
    }
    if (r->holiday != UI_HOLIDAY_NONE && (unsigned)r->holiday < UI_HOLIDAY_COUNT)
        ui__copy(why, size, ui_t(st, holiday_msgs[r->holiday]));
    else if (r->note[0] != '\0')
        ui__copy(why, size, r->note);
    else
        ui__copy(why, size, ui_t(st, UI_MSG_CAL_CLOSED));
}
