/* Receipt: what was lent and when each item is due, a page of lines at a time so every line is
 * readable; back to the start a few seconds after the last page is shown, or on a tap (staff go
 * back to their menu, keeping their session). */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

#define ROW_PX 44 /* height of a line, before scaling */

static void receipt_enter(UiState *st, const void *args, UiEffects *fx);
static int64_t receipt_deadline(const UiState *st);
static void receipt_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void receipt_view(const UiState *st, UiDrawList *dl, UiRect area);
static void close_receipt(UiState *st, UiEffects *fx);
static void add_lent(UiState *st, const UiEvLentPart *p);
static void show_page(UiState *st, int page);
static int per_page(const UiState *st);
static int page_count(const UiState *st);
static UiRect list_panel(const UiState *st, UiRect area);
static void line_texts(const UiState *st, const UiLentLine *l, char *name, char *due, size_t size);

const UiScreen scr_receipt = {
    .enter = receipt_enter,
    .update = receipt_update,
    .view = receipt_view,
    .title_msg = UI_MSG_RECEIPT_TITLE,
    .deadline = receipt_deadline,
    .top_logout = true,
};

/* args: ScrReceiptArgs, never NULL */
static void receipt_enter(UiState *st, const void *args, UiEffects *fx)
{
    const ScrReceiptArgs *a = args;
    ui__expect(a != NULL && a->n <= UI_BASKET_MAX);
    ui__copy(st->receipt.name, sizeof st->receipt.name, a->name);
    st->receipt.n = a->n;
    memcpy(st->receipt.lines, a->lines, sizeof st->receipt.lines[0] * (size_t)a->n);
    ui__sound(st, fx, UI_SOUND_OK);
    show_page(st, 0);
}

static void receipt_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (ev->kind == UI_EV_TICK && st->now_ms >= st->receipt.until_ms)
        close_receipt(st, fx);
    else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "receipt.done") == 0)
        close_receipt(st, fx);
    else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "receipt.next") == 0)
        show_page(st, st->receipt.page + 1);
    else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "receipt.prev") == 0)
        show_page(st, st->receipt.page - 1);
    else if (ev->kind == UI_EV_SCAN)
        close_receipt(st, fx); /* the next person is already scanning: start over */
    else if (ev->kind == UI_EV_LENT_PART)
        add_lent(st, &ev->lent_part);
}

/* The lines as the store lent them: the due dates it set, and parts lent with their sets. */
static void add_lent(UiState *st, const UiEvLentPart *p)
{
    for (int i = 0; i < p->n; i++) {
        const UiLentLine *l = &p->line[i];
        int j = 0;
        while (j < st->receipt.n && strcmp(st->receipt.lines[j].code, l->code) != 0)
            j++;
        if (j == st->receipt.n) {
            if (st->receipt.n == UI_BASKET_MAX)
                continue;
            st->receipt.lines[st->receipt.n++] = *l; /* a part lent with its set */
        }
        st->receipt.lines[j].due = l->due;
    }
    show_page(st, st->receipt.page); /* a page may have been added: the timer follows */
}

/* Shows a page (clamped to those there are) and restarts the timer: the receipt closes
 * receipt_s after its last page is shown; an earlier page waits as long as the idle logout would
 * for someone still reading it. */
static void show_page(UiState *st, int page)
{
    int pages = page_count(st);
    st->receipt.page = page < 0 ? 0 : page >= pages ? pages - 1 : page;
    int s = st->receipt.page == pages - 1
                ? st->cfg.receipt_s
                : (st->session.staff.id ? st->cfg.idle_staff_s : st->cfg.idle_self_s);
    st->receipt.until_ms = st->now_ms + (int64_t)s * 1000;
}

/* Lines on one page: as many whole rows as the list panel holds, at least one. */
static int per_page(const UiState *st)
{
    UiRect panel = list_panel(st, ui__rect_make(0, ui__bar_h(st), st->w, st->h - ui__bar_h(st)));
    int n = (panel.h - ui__px(st, 8)) / ui__px(st, ROW_PX);
    return n > 0 ? n : 1;
}

static int page_count(const UiState *st)
{
    int per = per_page(st);
    return st->receipt.n > 0 ? (st->receipt.n + per - 1) / per : 1;
}

/* The panel that holds the lines, below the greeting and above the buttons. */
static UiRect list_panel(const UiState *st, UiRect area)
{
    int pad = ui__px(st, 20);
    int y = area.y + pad + ui__px(st, 56);
    if (st->session.staff.id)
        y += ui__px(st, 34);
    int footer = ui__touch(st) + 2 * pad;
    return ui__rect_make(pad, y, area.w - 2 * pad, area.y + area.h - y - footer);
}

static void receipt_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 20);
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    ui_format(text, sizeof text, ui_t(st, UI_MSG_RECEIPT_THANKS), st->receipt.name, NULL);
    ui__label(dl, st, "receipt.thanks", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 50)),
              UI_FONT_TITLE, UI_COL_OK, UI_ALIGN_LEFT, text);
    y += ui__px(st, 56);
    if (st->session.staff.id) {
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RECEIPT_LENT_TO), st->receipt.name, NULL);
        ui__label(dl, st, "receipt.lent_to",
                  ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 30)), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, text);
        y += ui__px(st, 34);
    }
    int footer = ui__touch(st) + 2 * pad;
    UiRect panel = list_panel(st, area);
    ui__fill(dl, panel, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, panel, ui__col(st, UI_COL_FRAME), 1);
    int row = ui__px(st, ROW_PX);
    int ry = panel.y + ui__px(st, 8);
    int per = per_page(st);
    int pages = page_count(st);
    int first = st->receipt.page * per;
    int name_w = panel.w * 55 / 100;
    int due_w = panel.w * 42 / 100 - pad;
    /* one size for every name and one for every due date, on every page */
    char names[UI_BASKET_MAX][UI_TEXT_MAX];
    char dues[UI_BASKET_MAX][UI_TEXT_MAX];
    const char *name_of[UI_BASKET_MAX];
    const char *due_of[UI_BASKET_MAX];
    for (int i = 0; i < st->receipt.n; i++) {
        line_texts(st, &st->receipt.lines[i], names[i], dues[i], sizeof names[i]);
        name_of[i] = names[i];
        due_of[i] = dues[i];
    }
    UiFont name_font = ui__common_font(dl, st, UI_FONT_LARGE, name_of, NULL, name_w, st->receipt.n);
    UiFont due_font = ui__common_font(dl, st, UI_FONT_LARGE, due_of, NULL, due_w, st->receipt.n);
    for (int i = first; i < st->receipt.n && i < first + per; i++) {
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "receipt.line.%d", i);
        const char *due = dues[i];
        ui__label(dl, st, id, ui__rect_make(panel.x + pad, ry, name_w, row), name_font, UI_COL_TEXT,
                  UI_ALIGN_LEFT, names[i]);
        ui__sprintf(id, sizeof id, "receipt.due.%d", i);
        ui__label(dl, st, id, ui__rect_make(panel.x + panel.w * 58 / 100, ry, due_w, row), due_font,
                  UI_COL_OK, UI_ALIGN_RIGHT, due);
        ry += row;
    }
    bool last = st->receipt.page == pages - 1;
    if (last) {
        int64_t left = st->receipt.until_ms - st->now_ms;
        char secs[16];
        ui__sprintf(secs, sizeof secs, "%d", left > 0 ? (int)((left + 999) / 1000) : 0);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RECEIPT_AUTO), secs, NULL);
    } else {
        char at[16];
        char of[16];
        ui__sprintf(at, sizeof at, "%d", st->receipt.page + 1);
        ui__sprintf(of, sizeof of, "%d", pages);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RECEIPT_PAGE), at, of);
    }
    UiLayout lay = ui__layout(
        ui__rect_make(pad, area.y + area.h - footer + pad, area.w - 2 * pad, footer), pad);
    int nav = pages > 1 ? ui__px(st, 200) : 0;
    if (pages > 1)
        ui__row(&lay, 4, (int[]){0, nav, nav, ui__px(st, 200)}, ui__touch(st));
    else
        ui__row(&lay, 2, (int[]){0, ui__px(st, 260)}, ui__touch(st));
    ui__label(dl, st, "receipt.auto", ui__next(&lay), UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_LEFT,
              text);
    if (pages > 1) {
        UiRect r = ui__next(&lay);
        if (st->receipt.page > 0)
            ui__button(dl, st, "receipt.prev", r, ui_t(st, UI_MSG_RECEIPT_PREV),
                       UI_STYLE_SECONDARY);
        r = ui__next(&lay);
        if (!last)
            ui__button(dl, st, "receipt.next", r, ui_t(st, UI_MSG_RECEIPT_NEXT), UI_STYLE_PRIMARY);
    }
    ui__button(dl, st, "receipt.done", ui__next(&lay), ui_t(st, UI_MSG_COMMON_DONE),
               last ? UI_STYLE_PRIMARY : UI_STYLE_SECONDARY);
}
static int64_t receipt_deadline(const UiState *st)
{
    if (st->receipt.until_ms <= st->now_ms)
        return -1;
    int64_t d = st->receipt.until_ms - st->now_ms; /* the countdown shows whole seconds */
    return st->now_ms + (d % 1000 ? d % 1000 : 1000);
}

static void close_receipt(UiState *st, UiEffects *fx)
{
    if (st->session.staff.id) {
        memset(&st->session.borrower, 0, sizeof st->session.borrower);
        st->session.n_co = 0;
        st->session.n_loans = 0;
        st->session.n_overdue = 0;
        st->session.lend_for = -1;
        ui__go(st, UI_SCR_STAFF, NULL, fx);
    } else {
        ui__logout(st, fx);
    }
}

/* A line's two texts: "name  (code)" and "Return by <day>"; both buffers of `size`. */
static void line_texts(const UiState *st, const UiLentLine *l, char *name, char *due, size_t size)
{
    ui__sprintf(name, size, "%s  (%s)", l->name[0] ? l->name : l->code, l->code);
    char day[UI_DATE_MAX];
    ui_date_text(st, l->due, true, day, sizeof day);
    ui_format(due, size, ui_t(st, UI_MSG_RECEIPT_DUE), day, NULL);
}
