/* Work days: a leader's list of the trainees' days and the correction of one. The list is read
 * a page at a time (UI_FX_WORKDAYS); a correction (UI_FX_WORKDAY_SET) makes the day one shift
 * from In to Out, recorded by the store as corrected by this leader, and the list is read again. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

#define STEP_MIN 15

static void workdays_enter(UiState *st, const void *args, UiEffects *fx);
static void workdays_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void workdays_view(const UiState *st, UiDrawList *dl, UiRect area);
static void load(UiState *st, int first, UiEffects *fx);
static void press_list(UiState *st, const char *id, UiEffects *fx);
static void press_edit(UiState *st, const char *id, UiEffects *fx);
static void view_list(const UiState *st, UiDrawList *dl, UiRect area);
static void view_edit(const UiState *st, UiDrawList *dl, UiRect area);
static void row_text(const UiState *st, const UiWorkdayRow *r, char *buf, size_t size);
static void clock_text(int minutes, char *buf, size_t size);
static void who_when(const UiState *st, const UiWorkdayRow *r, char *buf, size_t size);

const UiScreen scr_workdays = {
    .enter = workdays_enter,
    .update = workdays_update,
    .view = workdays_view,
    .title_msg = UI_MSG_WDAYS_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args */
static void workdays_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    memset(&st->workdays, 0, sizeof st->workdays);
    load(st, 0, fx);
}

static void workdays_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrWorkdays *w = &st->workdays;
    if (st->session.role != UI_ROLE_LEADER) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_WORKDAYS) {
        if (ev->h.result == UI_R_OK) {
            w->page = ev->workdays;
            w->loaded = true;
        }
        return;
    }
    if (ev->kind == UI_EV_DONE && ev->done.of == UI_FX_WORKDAY_SET) {
        w->saving = false;
        if (ev->h.result == UI_R_OK) {
            char text[UI_TEXT_MAX];
            who_when(st, &w->edit, text, sizeof text);
            ui__toastf(st, UI_TONE_OK, UI_MSG_WDAYS_SAVED, text, NULL);
            ui__sound(st, fx, UI_SOUND_OK);
            w->stage = UI_WORKDAYS_LIST;
            load(st, w->first, fx);
        } else if (ev->h.result != UI_R_STORE) {
            char text[UI_TEXT_MAX];
            ui__sprintf(text, sizeof text, "%s: %s", ui__reason(st, ev->h.result), ev->h.detail);
            ui__toast(st, UI_TONE_BAD, text);
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    }
    if (ev->kind != UI_EV_PRESS)
        return;
    if (w->stage == UI_WORKDAYS_LIST)
        press_list(st, ev->press.id, fx);
    else
        press_edit(st, ev->press.id, fx);
}

static void workdays_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    ui__button(dl, st, "workdays.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (st->workdays.stage == UI_WORKDAYS_EDIT)
        view_edit(st, dl, area);
    else
        view_list(st, dl, area);
}

static void load(UiState *st, int first, UiEffects *fx)
{
    st->workdays.first = first < 0 ? 0 : first;
    st->workdays.loaded = false;
    UiFx *f = ui__fx(fx, UI_FX_WORKDAYS);
    f->workdays.first = st->workdays.first;
}

static void press_list(UiState *st, const char *id, UiEffects *fx)
{
    ScrWorkdays *w = &st->workdays;
    if (strcmp(id, "workdays.back") == 0) {
        ui__go(st, UI_SCR_LEADER, NULL, fx);
    } else if (strcmp(id, "workdays.prev") == 0 && w->first > 0) {
        load(st, w->first - UI_WORKDAYS_PAGE, fx);
    } else if (strcmp(id, "workdays.next") == 0 && w->loaded &&
               w->first + w->page.n < w->page.total) {
        load(st, w->first + UI_WORKDAYS_PAGE, fx);
    } else if (ui__starts(id, "workdays.row.") && w->loaded) {
        int i = ui__index(id, "workdays.row.");
        if (i < 0 || i >= w->page.n)
            return;
        w->edit = w->page.rows[i];
        if (w->edit.out_min < 0) /* still checked in: start from an hour after check-in */
            w->edit.out_min = w->edit.in_min + 60 > 24 * 60 ? 24 * 60 : w->edit.in_min + 60;
        if (w->edit.out_min <= w->edit.in_min)
            w->edit.out_min = w->edit.in_min + STEP_MIN;
        w->stage = UI_WORKDAYS_EDIT;
        ui__toast_clear(st);
    }
}

static void press_edit(UiState *st, const char *id, UiEffects *fx)
{
    ScrWorkdays *w = &st->workdays;
    UiWorkdayRow *e = &w->edit;
    if (strcmp(id, "workdays.back") == 0 || strcmp(id, "workdays.cancel") == 0) {
        w->stage = UI_WORKDAYS_LIST;
    } else if (strcmp(id, "workdays.in.minus") == 0 && e->in_min >= STEP_MIN) {
        e->in_min -= STEP_MIN;
    } else if (strcmp(id, "workdays.in.plus") == 0 && e->in_min + STEP_MIN < e->out_min) {
        e->in_min += STEP_MIN;
    } else if (strcmp(id, "workdays.out.minus") == 0 && e->out_min - STEP_MIN > e->in_min) {
        e->out_min -= STEP_MIN;
    } else if (strcmp(id, "workdays.out.plus") == 0 && e->out_min + STEP_MIN <= 24 * 60) {
        e->out_min += STEP_MIN;
    } else if (strcmp(id, "workdays.save") == 0 && !w->saving) {
        UiFx *f = ui__fx(fx, UI_FX_WORKDAY_SET);
        ui__copy(f->workday_set.card, sizeof f->workday_set.card, e->card);
        f->workday_set.day = e->day;
        f->workday_set.in_min = e->in_min;
        f->workday_set.out_min = e->out_min;
        f->workday_set.staff_id = ui__staff_id(st);
        w->saving = true;
    }
}

static void view_list(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrWorkdays *w = &st->workdays;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int rh = ui__px(st, 56);
    int x = area.x + pad;
    int wd = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    if (!w->loaded) {
        ui__label(dl, st, "workdays.working", ui__rect_make(x, y, wd, rh), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    const UiEvWorkdays *p = &w->page;
    if (p->n == 0) {
        ui__label(dl, st, "workdays.none", ui__rect_make(x, y, wd, rh), UI_FONT_LARGE, UI_COL_MUTED,
                  UI_ALIGN_LEFT, ui_t(st, UI_MSG_WDAYS_NONE));
    }
    for (int i = 0; i < p->n; i++) {
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "workdays.row.%d", i);
        row_text(st, &p->rows[i], text, sizeof text);
        ui__button(dl, st, id, ui__rect_make(x, y, wd, rh), text, UI_STYLE_SECONDARY);
        y += rh + gap;
    }
    /* paging and the hint at the bottom */
    int bh = ui__touch(st);
    int by = area.y + area.h - pad - bh;
    int hint_h = ui__px(st, 30);
    if (p->total > UI_WORKDAYS_PAGE) {
        int bw = ui__px(st, 180);
        char a[16];
        char b[16];
        char c[16];
        ui__sprintf(a, sizeof a, "%d", p->first + 1);
        ui__sprintf(b, sizeof b, "%d", p->first + p->n);
        ui__sprintf(c, sizeof c, "%d", p->total);
        char range[48];
        ui__sprintf(range, sizeof range, "%s\xE2\x80\x93%s", a, b);
        char full[UI_TEXT_MAX];
        ui_format(full, sizeof full, ui_t(st, UI_MSG_WDAYS_PAGE), range, c);
        ui__button(dl, st, "workdays.prev", ui__rect_make(x, by, bw, bh),
                   ui_t(st, UI_MSG_WDAYS_PREV),
                   p->first > 0 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        ui__label(dl, st, "workdays.page", ui__rect_make(x + bw, by, wd - 2 * bw, bh), UI_FONT_BODY,
                  UI_COL_TEXT, UI_ALIGN_CENTER, full);
        ui__button(dl, st, "workdays.next", ui__rect_make(x + wd - bw, by, bw, bh),
                   ui_t(st, UI_MSG_WDAYS_NEXT),
                   p->first + p->n < p->total ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        by -= hint_h + gap;
    } else {
        by = area.y + area.h - pad - hint_h;
    }
    ui__label(dl, st, "workdays.hint", ui__rect_make(x, by, wd, hint_h), UI_FONT_SMALL,
              UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_WDAYS_HINT));
}

static void view_edit(const UiState *st, UiDrawList *dl, UiRect area)
{
    const UiWorkdayRow *e = &st->workdays.edit;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 16);
    int lh = ui__px(st, 48);
    int bh = ui__px(st, 72);
    char text[UI_TEXT_MAX];
    int col = area.w * 3 / 4;
    if (col < ui__px(st, 700))
        col = area.w - 4 * pad;
    int x = area.x + (area.w - col) / 2;
    int y = area.y + pad;
    who_when(st, e, text, sizeof text);
    ui__label(dl, st, "workdays.who", ui__rect_make(x, y, col, lh), UI_FONT_TITLE, UI_COL_TEXT,
              UI_ALIGN_CENTER, text);
    y += lh + gap;
    static const struct {
        const char *minus;
        const char *time;
        const char *plus;
        UiMsg label;
        const char *name;
    } rows[2] = {{"workdays.in.minus", "workdays.in.time", "workdays.in.plus", UI_MSG_WDAYS_IN,
                  "workdays.in.label"},
                 {"workdays.out.minus", "workdays.out.time", "workdays.out.plus", UI_MSG_WDAYS_OUT,
                  "workdays.out.label"}};
    for (int i = 0; i < 2; i++) {
        UiLayout lay = ui__layout(ui__rect_make(x, y, col, bh), gap);
        int side = ui__px(st, 190);
        ui__row(&lay, 4, (int[]){ui__px(st, 120), side, 0, side}, bh);
        ui__label(dl, st, rows[i].name, ui__next(&lay), UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT,
                  ui_t(st, rows[i].label));
        ui__button(dl, st, rows[i].minus, ui__next(&lay), ui_t(st, UI_MSG_WDAYS_MINUS),
                   UI_STYLE_SECONDARY);
        clock_text(i == 0 ? e->in_min : e->out_min, text, sizeof text);
        ui__label(dl, st, rows[i].time, ui__next(&lay), UI_FONT_HUGE, UI_COL_TEXT, UI_ALIGN_CENTER,
                  text);
        ui__button(dl, st, rows[i].plus, ui__next(&lay), ui_t(st, UI_MSG_WDAYS_PLUS),
                   UI_STYLE_SECONDARY);
        y += bh + gap;
    }
    ui__label(dl, st, "workdays.edit_hint", ui__rect_make(x, y, col, ui__px(st, 30)), UI_FONT_BODY,
              UI_COL_MUTED, UI_ALIGN_CENTER, ui_t(st, UI_MSG_WDAYS_EDIT_HINT));
    int by = area.y + area.h - pad - bh;
    UiLayout lay = ui__layout(ui__rect_make(x, by, col, bh), gap);
    ui__row(&lay, 2, (int[]){0, 0}, bh);
    ui__button(dl, st, "workdays.cancel", ui__next(&lay), ui_t(st, UI_MSG_COMMON_CANCEL),
               UI_STYLE_SECONDARY);
    ui__button(dl, st, "workdays.save", ui__next(&lay), ui_t(st, UI_MSG_COMMON_SAVE),
               st->workdays.saving ? UI_STYLE_DISABLED : UI_STYLE_PRIMARY);
}

/* "Trine Trainee · tirsdag 10. mars · 12:00-16:30 · 4 t 30 min · avsluttet ved stengetid" */
static void row_text(const UiState *st, const UiWorkdayRow *r, char *buf, size_t size)
{
    char date[UI_DATE_MAX];
    char a[16];
    char b[32];
    char hm[64];
    char h[16];
    char m[16];
    ui_date_text(st, r->day, true, date, sizeof date);
    clock_text(r->in_min, a, sizeof a);
    if (r->open)
        ui__copy(b, sizeof b, ui_t(st, UI_MSG_WDAYS_OPEN));
    else
        clock_text(r->out_min, b, sizeof b);
    ui__sprintf(h, sizeof h, "%d", r->minutes / 60);
    ui__sprintf(m, sizeof m, "%d", r->minutes % 60);
    ui_format(hm, sizeof hm, ui_t(st, r->minutes % 60 ? UI_MSG_WORK_HM : UI_MSG_WORK_H), h, m);
    ui__sprintf(buf, size, "%s  \xC2\xB7  %s  \xC2\xB7  %s\xE2\x80\x93%s  \xC2\xB7  %s", r->name,
                date, a, b, hm);
    if (r->auto_closed) {
        ui__append(buf, size, "  \xC2\xB7  ");
        ui__append(buf, size, ui_t(st, UI_MSG_WDAYS_AUTO));
    }
    if (r->corrected) {
        ui__append(buf, size, "  \xC2\xB7  ");
        ui__append(buf, size, ui_t(st, UI_MSG_WDAYS_CORRECTED));
    }
}

/* "09:05" */
static void clock_text(int minutes, char *buf, size_t size)
{
    ui__sprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
}

/* "Trine Trainee, tirsdag 10. mars" */
static void who_when(const UiState *st, const UiWorkdayRow *r, char *buf, size_t size)
{
    char date[UI_DATE_MAX];
    ui_date_text(st, r->day, true, date, sizeof date);
    ui__sprintf(buf, size, "%s, %s", r->name, date);
}
