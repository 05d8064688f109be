/* Reservations (staff): one thing per step. The list of coming reservations, each with
 * "Cancel", and "New reservation": scan the borrower's card; scan the item (or pick a category
 * and a count with - and +); pick the first and last day with arrows (counted from today, which
 * the store's answer gives: kiosk_ui has no calendar of its own, only day arithmetic); then
 * "Reserve". The store decides: a clash or too few free items comes back with its reason, and
 * the store's detail for staff. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

#define RES_DAYS_AHEAD 366 /* the furthest first or last day offered */
#define RES_COUNT_MAX 99   /* the most items of a category picked here */

static void reserve_enter(UiState *st, const void *args, UiEffects *fx);
static void reserve_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void reserve_view(const UiState *st, UiDrawList *dl, UiRect area);
static void load(UiState *st, UiEffects *fx);
static void on_press(UiState *st, const char *id, UiEffects *fx);
static void submit(UiState *st, UiEffects *fx);
static UiDate day_after(UiDate d, int days);
static void what_text(const UiState *st, char *buf, size_t size);
static void view_list(const UiState *st, UiDrawList *dl, UiRect area);
static void view_what(const UiState *st, UiDrawList *dl, UiRect area);
static void view_days(const UiState *st, UiDrawList *dl, UiRect area);

const UiScreen scr_reserve = {
    .enter = reserve_enter,
    .update = reserve_update,
    .view = reserve_view,
    .title_msg = UI_MSG_RES_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args: the list */
static void reserve_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    memset(&st->reserve, 0, sizeof st->reserve);
    st->reserve.category = -1;
    load(st, fx);
}

static void reserve_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrReserve *r = &st->reserve;
    if (!st->session.staff.id) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    switch (ev->kind) {
    case UI_EV_PRESS:
        on_press(st, ev->press.id, fx);
        break;
    case UI_EV_SCAN:
        if (r->stage == UI_RES_CARD || r->stage == UI_RES_WHAT) {
            UiFx *f = ui__fx(fx, UI_FX_IDENTIFY);
            ui__copy(f->identify.code, sizeof f->identify.code, ev->scan.code);
        }
        break;
    case UI_EV_IDENTIFIED: {
        const UiEvIdentified *id = &ev->identified;
        if (ev->h.result == UI_R_STORE)
            break;
        if (r->stage == UI_RES_CARD && id->who == UI_WHO_BORROWER) {
            r->who = id->borrower;
            r->stage = UI_RES_WHAT;
            ui__toast_clear(st); /* a wrong scan before is settled */
            ui__sound(st, fx, UI_SOUND_OK);
        } else if (r->stage == UI_RES_WHAT && id->who == UI_WHO_ITEM) {
            ui__copy(r->code, sizeof r->code, id->item.code);
            ui__copy(r->item_name, sizeof r->item_name, id->item.name);
            r->category = -1;
            r->stage = UI_RES_DAYS;
            ui__toast_clear(st);
            ui__sound(st, fx, UI_SOUND_OK);
        } else {
            ui__toast_code(st,
                           r->stage == UI_RES_CARD ? UI_MSG_RES_NOT_BORROWER : UI_MSG_HOME_UNKNOWN,
                           id->code);
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        }
        break;
    }
    case UI_EV_RES_LIST:
        if (ev->h.result == UI_R_OK) {
            r->today = ev->res_list.today;
            r->total = ev->res_list.total;
            r->n = 0;
            r->loaded = true;
        }
        break;
    case UI_EV_RES_PART:
        for (int k = 0; k < ev->res_part.n; k++) {
            int at = ev->res_part.first + k;
            if (at >= 0 && at < UI_RES_MAX && at == r->n)
                r->list[r->n++] = ev->res_part.res[k];
        }
        break;
    case UI_EV_RES_DONE: {
        r->asked = false;
        char n[24];
        ui__sprintf(n, sizeof n, "%lld", (long long)ev->res_done.id);
        if (ev->h.result == UI_R_OK) {
            ui__toastf(st, UI_TONE_OK,
                       ev->res_done.of == UI_FX_RESERVE ? UI_MSG_RES_DONE : UI_MSG_RES_CANCELLED, n,
                       NULL);
            ui__sound(st, fx, UI_SOUND_OK);
            r->stage = UI_RES_LIST;
            load(st, fx);
        } else if (ev->h.result != UI_R_STORE) {
            /* the reason, and the store's words for staff (which reservation, how many free) */
            char text[UI_TEXT_MAX];
            ui__sprintf(text, sizeof text, "%s: %s", ui__reason(st, ev->h.result), ev->h.detail);
            ui__toast(st, UI_TONE_BAD, text);
            ui__sound(st, fx, ev->h.result == UI_R_RESERVED ? UI_SOUND_RESERVED : UI_SOUND_REFUSED);
        }
        break;
    }
    default:
        break;
    }
}

static void reserve_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    ui__button(dl, st, "reserve.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    switch (st->reserve.stage) {
    case UI_RES_LIST:
        view_list(st, dl, area);
        break;
    case UI_RES_CARD: {
        int pad = ui__px(st, 16);
        UiRect r = ui__rect_make(pad, area.y + area.h / 3, area.w - 2 * pad, ui__px(st, 60));
        ui__label(dl, st, "reserve.card", r, UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_CENTER,
                  ui_t(st, UI_MSG_RES_CARD));
        break;
    }
    case UI_RES_WHAT:
        view_what(st, dl, area);
        break;
    case UI_RES_DAYS:
        view_days(st, dl, area);
        break;
    }
}

static void load(UiState *st, UiEffects *fx)
{
    st->reserve.loaded = false;
    ui__fx(fx, UI_FX_RES_LIST);
}

static void on_press(UiState *st, const char *id, UiEffects *fx)
{
    ScrReserve *r = &st->reserve;
    int i = -1;
    if (strcmp(id, "reserve.back") == 0) {
        if (r->stage == UI_RES_LIST)
            ui__go(st, UI_SCR_STAFF, NULL, fx);
        else
            r->stage = r->stage == UI_RES_DAYS   ? UI_RES_WHAT
                       : r->stage == UI_RES_WHAT ? UI_RES_CARD
                                                 : UI_RES_LIST;
    } else if (strcmp(id, "reserve.new") == 0 && r->loaded) {
        memset(&r->who, 0, sizeof r->who);
        r->code[0] = '\0';
        r->category = -1;
        r->count = 1;
        r->from = 0;
        r->to = 0;
        r->stage = UI_RES_CARD;
    } else if ((i = ui__index(id, "reserve.cancel.")) >= 0 && i < r->n && !r->asked) {
        r->asked = true;
        ui__fx(fx, UI_FX_RES_CANCEL)->res_cancel.id = r->list[i].id;
    } else if ((i = ui__index(id, "reserve.cat.")) >= 0 && i < st->cfg.n_categories) {
        r->category = i;
        r->code[0] = '\0';
    } else if (strcmp(id, "reserve.less") == 0 && r->count > 1) {
        r->count--;
    } else if (strcmp(id, "reserve.more") == 0 && r->count < RES_COUNT_MAX) {
        r->count++;
    } else if (strcmp(id, "reserve.next") == 0 && r->category >= 0) {
        r->stage = UI_RES_DAYS;
        ui__toast_clear(st);
    } else if (strcmp(id, "reserve.from.prev") == 0 && r->from > 0) {
        r->from--;
    } else if (strcmp(id, "reserve.from.next") == 0 && r->from < RES_DAYS_AHEAD) {
        r->from++;
        if (r->to < r->from)
            r->to = r->from;
    } else if (strcmp(id, "reserve.to.prev") == 0 && r->to > r->from) {
        r->to--;
    } else if (strcmp(id, "reserve.to.next") == 0 && r->to < RES_DAYS_AHEAD) {
        r->to++;
    } else if (strcmp(id, "reserve.do") == 0) {
        submit(st, fx);
    }
}

static void submit(UiState *st, UiEffects *fx)
{
    ScrReserve *r = &st->reserve;
    if (r->asked || (!r->code[0] && r->category < 0) || !r->who.id)
        return;
    r->asked = true;
    UiFx *f = ui__fx(fx, UI_FX_RESERVE);
    f->reserve.borrower_id = r->who.id;
    if (r->code[0]) {
        ui__copy(f->reserve.code, sizeof f->reserve.code, r->code);
        f->reserve.count = 1;
    } else {
        ui__copy(f->reserve.category, sizeof f->reserve.category, st->cfg.categories[r->category]);
        f->reserve.count = r->count;
    }
    f->reserve.from = day_after(r->today, r->from);
    f->reserve.to = day_after(r->today, r->to);
    f->reserve.staff_id = ui__staff_id(st);
}

/* Days from 1970-01-01 of a civil date, and back (H. Hinnant's algorithms): day arithmetic
 * without a calendar library. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static UiDate day_after(UiDate d, int days)
{
    if (!d.year)
        return d;
    long z = days_from_civil(d.year, d.month, d.day) + days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    UiDate out;
    out.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    out.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    out.year = (int)(yoe + era * 400 + (out.month <= 2));
    long wd = (days_from_civil(out.year, out.month, out.day) + 3) % 7; /* 1970-01-01: Thursday */
    out.weekday = (int)(wd < 0 ? wd + 7 : wd) + 1;                     /* 1 Monday .. 7 Sunday */
    return out;
}

static void what_text(const UiState *st, char *buf, size_t size)
{
    const ScrReserve *r = &st->reserve;
    if (r->code[0]) {
        ui__copy(buf, size, r->item_name[0] ? r->item_name : r->code);
    } else if (r->category >= 0) {
        char n[16];
        ui__sprintf(n, sizeof n, "%d", r->count);
        ui_format(buf, size, ui_t(st, UI_MSG_RES_ITEMS), n, st->cfg.categories[r->category]);
    } else {
        buf[0] = '\0';
    }
}

static void view_list(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrReserve *r = &st->reserve;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    int nw = ui__px(st, 300);
    char text[UI_TEXT_MAX];
    char id[UI_ID_MAX];
    ui__label(dl, st, "reserve.head", ui__rect_make(x, y, w - nw - gap, touch), UI_FONT_LARGE,
              UI_COL_TEXT, UI_ALIGN_LEFT, ui_t(st, UI_MSG_RES_HEAD));
    ui__button(dl, st, "reserve.new", ui__rect_make(x + w - nw, y, nw, touch),
               ui_t(st, UI_MSG_RES_NEW), r->loaded ? UI_STYLE_PRIMARY : UI_STYLE_DISABLED);
    y += touch + gap;
    if (!r->loaded || r->n == 0) {
        ui__label(dl, st, "reserve.none", ui__rect_make(x, y, w, touch), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, ui_t(st, r->loaded ? UI_MSG_RES_NONE : UI_MSG_COMMON_WORKING));
        return;
    }
    int row_h = touch + ui__px(st, 8);
    int bw = ui__px(st, 180);
    int bottom = area.y + area.h - pad - ui__px(st, 30);
    int shown = 0;
    for (int i = 0; i < r->n; i++) {
        if (y + row_h > bottom)
            break;
        const UiReservation *res = &r->list[i];
        UiRect row = ui__rect_make(x, y, w, row_h);
        ui__panel(dl, st, row, res->collected ? UI_TONE_OK : UI_TONE_INFO);
        int tw = w - bw - 3 * gap - ui__px(st, 20);
        char what[UI_TEXT_MAX];
        if (res->category) {
            char n[16];
            ui__sprintf(n, sizeof n, "%d", res->count);
            ui_format(what, sizeof what, ui_t(st, UI_MSG_RES_ITEMS), n, res->what);
        } else {
            ui__copy(what, sizeof what, res->what);
        }
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RES_FOR), what, res->who);
        ui__sprintf(id, sizeof id, "reserve.what.%d", i);
        ui__label(dl, st, id, ui__rect_make(row.x + ui__px(st, 20), row.y + gap / 2, tw, row_h / 2),
                  UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
        char a[UI_DATE_MAX];
        char b[UI_DATE_MAX];
        ui_date_text(st, res->from, true, a, sizeof a);
        ui_date_text(st, res->to, true, b, sizeof b);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RES_DAYS), a, b);
        if (res->collected) {
            char c[16];
            char got[UI_TEXT_MAX];
            ui__sprintf(c, sizeof c, "%d/%d", res->collected, res->count);
            ui_format(got, sizeof got, ui_t(st, UI_MSG_RES_COLLECTED), c, NULL);
            ui__append(text, sizeof text, "  ·  ");
            ui__append(text, sizeof text, got);
        }
        ui__sprintf(id, sizeof id, "reserve.days.%d", i);
        ui__label(dl, st, id,
                  ui__rect_make(row.x + ui__px(st, 20), row.y + row_h / 2, tw, row_h / 2 - gap / 2),
                  UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_LEFT, text);
        if (!res->collected) {
            ui__sprintf(id, sizeof id, "reserve.cancel.%d", i);
            ui__button(
                dl, st, id,
                ui__rect_make(row.x + row.w - bw - gap, row.y + (row.h - touch) / 2, bw, touch),
                ui_t(st, UI_MSG_COMMON_CANCEL), r->asked ? UI_STYLE_DISABLED : UI_STYLE_DANGER);
        }
        y += row_h + gap;
        shown++;
    }
    if (r->total > shown) {
        char n[16];
        ui__sprintf(n, sizeof n, "%d", r->total - shown);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RES_MORE), n, NULL);
        ui__label(dl, st, "reserve.more_rows",
                  ui__rect_make(x, area.y + area.h - pad - ui__px(st, 28), w, ui__px(st, 28)),
                  UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT, text);
    }
}

static void view_what(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrReserve *r = &st->reserve;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 10);
    int touch = ui__touch(st);
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    char id[UI_ID_MAX];
    ui_format(text, sizeof text, ui_t(st, UI_MSG_RES_WHAT), r->who.name, NULL);
    UiRect head = ui__rect_make(pad, y, w, ui__px(st, 64));
    ui__widget(dl, "reserve.what", UI_W_LABEL, head, text);
    ui__text_wrap(dl, st, head, UI_FONT_LARGE, ui__col(st, UI_COL_TEXT), 2, text);
    y += ui__px(st, 72);
    /* the categories, five to a row */
    int per_row = 5;
    int cw = (w - (per_row - 1) * gap) / per_row;
    for (int i = 0; i < st->cfg.n_categories; i++) {
        ui__sprintf(id, sizeof id, "reserve.cat.%d", i);
        ui__button(dl, st, id,
                   ui__rect_make(pad + (i % per_row) * (cw + gap),
                                 y + (i / per_row) * (touch + gap), cw, touch),
                   st->cfg.categories[i],
                   r->category == i ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    }
    y += ((st->cfg.n_categories + per_row - 1) / per_row) * (touch + gap) + gap;
    /* how many: - N + , then "Next" */
    char n[16];
    ui__sprintf(n, sizeof n, "%d", r->count);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_RES_COUNT), n, NULL);
    UiLayout lay = ui__layout(ui__rect_make(pad, y, w, touch), gap);
    ui__row(&lay, 4, (int[]){touch, ui__px(st, 220), touch, 0}, touch);
    ui__button(dl, st, "reserve.less", ui__next(&lay), "\xE2\x88\x92",
               r->count > 1 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    ui__label(dl, st, "reserve.count", ui__next(&lay), UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_CENTER,
              text);
    ui__button(dl, st, "reserve.more", ui__next(&lay), "+",
               r->count < RES_COUNT_MAX ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    ui__button(dl, st, "reserve.next", ui__next(&lay), ui_t(st, UI_MSG_RES_NEXT),
               r->category >= 0 ? UI_STYLE_PRIMARY : UI_STYLE_DISABLED);
}

static void view_days(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrReserve *r = &st->reserve;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 12);
    int touch = ui__touch(st);
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    char what[UI_TEXT_MAX];
    what_text(st, what, sizeof what);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_RES_FOR), what, r->who.name);
    ui__label(dl, st, "reserve.summary", ui__rect_make(pad, y, w, touch), UI_FONT_LARGE,
              UI_COL_TEXT, UI_ALIGN_LEFT, text);
    y += touch + 2 * gap;
    struct {
        const char *id;
        UiMsg label;
        int days;
        bool can_prev;
    } rows[2] = {
        {"reserve.from", UI_MSG_RES_FROM, r->from, r->from > 0},
        {"reserve.to", UI_MSG_RES_TO, r->to, r->to > r->from},
    };
    for (int k = 0; k < 2; k++) {
        char id[UI_ID_MAX];
        char day[UI_DATE_MAX];
        ui_date_text(st, day_after(r->today, rows[k].days), true, day, sizeof day);
        UiLayout lay = ui__layout(ui__rect_make(pad, y, w, touch), gap);
        ui__row(&lay, 4, (int[]){ui__px(st, 120), touch, ui__px(st, 380), touch}, touch);
        ui__sprintf(id, sizeof id, "%s.label", rows[k].id);
        ui__label(dl, st, id, ui__next(&lay), UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT,
                  ui_t(st, rows[k].label));
        ui__sprintf(id, sizeof id, "%s.prev", rows[k].id);
        ui__button(dl, st, id, ui__next(&lay), "\xE2\x97\x80",
                   rows[k].can_prev ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        ui__label(dl, st, rows[k].id, ui__next(&lay), UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_CENTER,
                  day);
        ui__sprintf(id, sizeof id, "%s.next", rows[k].id);
        ui__button(dl, st, id, ui__next(&lay), "\xE2\x96\xB6",
                   rows[k].days < RES_DAYS_AHEAD ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        y += touch + gap;
    }
    y += gap;
    ui__button(dl, st, "reserve.do", ui__rect_make(pad, y, ui__px(st, 400), touch),
               ui_t(st, UI_MSG_RES_DO), r->asked ? UI_STYLE_DISABLED : UI_STYLE_BIG_OK);
}
