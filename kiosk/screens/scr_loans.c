/* My loans: one list at a time, big rows. "On loan now" lists the session's loans, each with
 * "Renew": the store answers with the new due day (shown on the row, and the session's loan
 * follows it) or its refusal ("Reserved from Saturday 14 March", "Cannot be renewed again").
 * "Earlier loans" lists the borrower's own loan lines of the last 12 months (never a
 * co-borrower's or anyone else's), newest first. "Back" returns to the basket as it was. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void loans_enter(UiState *st, const void *args, UiEffects *fx);
static void loans_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void loans_view(const UiState *st, UiDrawList *dl, UiRect area);
static int find_loan(const UiState *st, const char *code);
static void renew(UiState *st, int i, UiEffects *fx);
static void back_to_basket(UiState *st, UiEffects *fx);
static void row_status(const UiState *st, int i, char *text, size_t size, UiColorId *color,
                       UiTone *tone);

const UiScreen scr_loans = {
    .enter = loans_enter,
    .update = loans_update,
    .view = loans_view,
    .title_msg = UI_MSG_LOANS_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args: the loans now, nothing asked yet */
static void loans_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    memset(&st->loans, 0, sizeof st->loans);
}

static void loans_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (!st->session.borrower.id) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    switch (ev->kind) {
    case UI_EV_PRESS: {
        int i = -1;
        if (strcmp(ev->press.id, "loans.back") == 0) {
            back_to_basket(st, fx);
        } else if ((i = ui__index(ev->press.id, "loans.renew.")) >= 0 && i < st->session.n_loans) {
            renew(st, i, fx);
        } else if (strcmp(ev->press.id, "loans.history") == 0) {
            st->loans.history = true;
            st->loans.skip = 0;
            if (!st->loans.hist_loaded) {
                st->loans.n_hist = 0;
                ui__fx(fx, UI_FX_HISTORY)->history.id = st->session.borrower.id;
            }
        } else if (strcmp(ev->press.id, "loans.current") == 0) {
            st->loans.history = false;
            st->loans.skip = 0;
        } else if ((i = ui__index(ev->press.id, "loans.down.")) >= 0) {
            st->loans.skip = i; /* the id says where the next page starts */
        } else if (strcmp(ev->press.id, "loans.up") == 0) {
            st->loans.skip = 0;
        }
        break;
    }
    case UI_EV_SCAN:
        /* an item scanned here is one to borrow: the basket takes it */
        ui__redirect(st, UI_SCR_BASKET, &(ScrBasketArgs){.keep = true}, ev, fx);
        break;
    case UI_EV_RENEWED: {
        int i = find_loan(st, ev->renewed.code);
        if (i < 0)
            break;
        ScrLoansAnswer *a = &st->loans.answer[i];
        a->asked = false;
        a->answered = ev->h.result != UI_R_STORE;
        a->result = ev->h.result;
        a->reserved_from = ev->renewed.reserved_from;
        if (ev->h.result == UI_R_OK) {
            st->session.loans[i].due = ev->renewed.due;
            st->session.loans[i].overdue = false;
            int n_overdue = 0;
            for (int k = 0; k < st->session.n_loans; k++)
                n_overdue += st->session.loans[k].overdue;
            if (st->session.n_overdue > n_overdue) /* only those listed are known here */
                st->session.n_overdue = n_overdue;
            ui__sound(st, fx, UI_SOUND_OK);
        } else if (ev->h.result != UI_R_STORE) {
            ui__sound(st, fx, ev->h.result == UI_R_RESERVED ? UI_SOUND_RESERVED : UI_SOUND_REFUSED);
        }
        break;
    }
    case UI_EV_HISTORY:
        if (ev->h.result == UI_R_OK && ev->history.borrower_id == st->session.borrower.id) {
            st->loans.hist_loaded = true;
            st->loans.hist_total = ev->history.total;
            st->loans.n_hist = 0;
        }
        break;
    case UI_EV_HIST_PART:
        for (int k = 0; k < ev->hist_part.n; k++) {
            int at = ev->hist_part.first + k;
            if (at >= 0 && at < UI_HISTORY_MAX && at == st->loans.n_hist)
                st->loans.hist[st->loans.n_hist++] = ev->hist_part.line[k];
        }
        break;
    default:
        break;
    }
}

static void loans_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    char id[UI_ID_MAX];

    ui__button(dl, st, "loans.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    /* the heading, and the button to the other list at its right */
    int sw = ui__px(st, 300);
    bool hist = st->loans.history;
    ui__label(dl, st, "loans.head", ui__rect_make(x, y, w - sw - gap, touch), UI_FONT_LARGE,
              UI_COL_TEXT, UI_ALIGN_LEFT,
              ui_t(st, hist ? UI_MSG_LOANS_HIST_HEAD : UI_MSG_LOANS_HEAD));
    ui__button(dl, st, hist ? "loans.current" : "loans.history",
               ui__rect_make(x + w - sw, y, sw, touch),
               ui_t(st, hist ? UI_MSG_LOANS_CURRENT : UI_MSG_LOANS_HISTORY), UI_STYLE_PRIMARY);
    y += touch + gap;

    int n = hist ? st->loans.n_hist : st->session.n_loans;
    int bottom = area.y + area.h - pad - touch - gap; /* room for the paging row */
    if (n == 0) {
        UiMsg none = hist ? (st->loans.hist_loaded ? UI_MSG_LOANS_HIST_NONE : UI_MSG_COMMON_WORKING)
                          : UI_MSG_LOANS_NONE;
        ui__label(dl, st, "loans.none", ui__rect_make(x, y, w, touch), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, ui_t(st, none));
        return;
    }
    int row_h = touch + ui__px(st, 12);
    int skip = st->loans.skip < n ? st->loans.skip : 0;
    int next = -1; /* the first row that did not fit */
    int bw = ui__px(st, 200);
    for (int i = skip; i < n; i++) {
        if (i > skip && y + row_h > bottom) {
            next = i;
            break;
        }
        UiRect r = ui__rect_make(x, y, w, row_h);
        int line_h = row_h / 2;
        int text_w = hist ? w - 2 * ui__px(st, 20) : w - bw - 3 * gap - ui__px(st, 20);
        UiColorId color = UI_COL_MUTED;
        UiTone tone = UI_TONE_INFO;
        const char *name = NULL;
        if (hist) {
            const UiHistLine *h = &st->loans.hist[i];
            char out[UI_DATE_MAX];
            char back[UI_DATE_MAX];
            ui_date_text(st, h->out, false, out, sizeof out);
            ui_date_text(st, h->back, false, back, sizeof back);
            ui_format(text, sizeof text,
                      ui_t(st, h->back.year ? UI_MSG_LOANS_HIST_LINE : UI_MSG_LOANS_HIST_OPEN), out,
                      back);
            name = h->name;
        } else {
            row_status(st, i, text, sizeof text, &color, &tone);
            const UiLoan *l = &st->session.loans[i];
            name = l->name;
        }
        ui__panel(dl, st, r, tone);
        char full[UI_TEXT_MAX];
        const UiLoan *l = hist ? NULL : &st->session.loans[i];
        if (l && l->who[0] && strcmp(l->who, st->session.borrower.name) != 0)
            ui__sprintf(full, sizeof full, "%s (%s)", name, l->who);
        else
            ui__copy(full, sizeof full, name);
        ui__sprintf(id, sizeof id, "loans.name.%d", i);
        ui__label(dl, st, id, ui__rect_make(r.x + ui__px(st, 20), r.y + gap / 2, text_w, line_h),
                  UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, full);
        ui__sprintf(id, sizeof id, "loans.status.%d", i);
        ui__label(dl, st, id,
                  ui__rect_make(r.x + ui__px(st, 20), r.y + line_h, text_w, line_h - gap / 2),
                  UI_FONT_BODY, color, UI_ALIGN_LEFT, text);
        if (!hist) {
            ui__sprintf(id, sizeof id, "loans.renew.%d", i);
            bool waiting = st->loans.answer[i].asked;
            ui__button(dl, st, id,
                       ui__rect_make(r.x + r.w - bw - gap, r.y + (r.h - touch) / 2, bw, touch),
                       ui_t(st, waiting ? UI_MSG_COMMON_WORKING : UI_MSG_LOANS_RENEW),
                       waiting ? UI_STYLE_DISABLED : UI_STYLE_PRIMARY);
        }
        y += row_h + gap;
    }

    /* paging, and how many of the year are shown when there were more than kept */
    UiLayout lay = ui__layout(ui__rect_make(x, area.y + area.h - pad - touch, w, touch), gap);
    int nav_w = ui__px(st, 200);
    ui__row(&lay, 3, (int[]){nav_w, nav_w, 0}, touch);
    UiRect up = ui__next(&lay);
    UiRect down = ui__next(&lay);
    if (skip > 0)
        ui__button(dl, st, "loans.up", up, ui_t(st, UI_MSG_LOANS_UP), UI_STYLE_SECONDARY);
    if (next >= 0) {
        ui__sprintf(id, sizeof id, "loans.down.%d", next);
        ui__button(dl, st, id, down, ui_t(st, UI_MSG_LOANS_DOWN), UI_STYLE_SECONDARY);
    }
    if (hist && st->loans.hist_total > st->loans.n_hist) {
        char a[16];
        char b[16];
        ui__sprintf(a, sizeof a, "%d", st->loans.n_hist);
        ui__sprintf(b, sizeof b, "%d", st->loans.hist_total);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_LOANS_HIST_MORE), a, b);
        ui__label(dl, st, "loans.hist_more", ui__next(&lay), UI_FONT_SMALL, UI_COL_MUTED,
                  UI_ALIGN_RIGHT, text);
    }
}

static int find_loan(const UiState *st, const char *code)
{
    for (int i = 0; i < st->session.n_loans; i++) {
        if (strcmp(st->session.loans[i].code, code) == 0)
            return i;
    }
    return -1;
}

static void renew(UiState *st, int i, UiEffects *fx)
{
    ScrLoansAnswer *a = &st->loans.answer[i];
    if (a->asked)
        return;
    a->asked = true;
    a->answered = false;
    UiFx *f = ui__fx(fx, UI_FX_RENEW);
    ui__copy(f->renew.code, sizeof f->renew.code, st->session.loans[i].code);
    f->renew.borrower_id = st->session.borrower.id;
    f->renew.staff_id = ui__staff_id(st);
}

static void back_to_basket(UiState *st, UiEffects *fx)
{
    ScrBasketArgs args = {.keep = true};
    ui__go(st, UI_SCR_BASKET, &args, fx);
}

/* The second line of a loan: its due day, the renewal's new one, or why it was refused. */
static void row_status(const UiState *st, int i, char *text, size_t size, UiColorId *color,
                       UiTone *tone)
{
    const UiLoan *l = &st->session.loans[i];
    const ScrLoansAnswer *a = &st->loans.answer[i];
    char due[UI_DATE_MAX];
    ui_date_text(st, l->due, !l->overdue, due, sizeof due);
    if (a->answered && a->result == UI_R_OK) {
        ui_format(text, size, ui_t(st, UI_MSG_LOANS_RENEWED), due, NULL);
        *color = UI_COL_OK;
        *tone = UI_TONE_OK;
    } else if (a->answered && a->result == UI_R_RESERVED && a->reserved_from.year) {
        char from[UI_DATE_MAX];
        ui_date_text(st, a->reserved_from, true, from, sizeof from);
        ui_format(text, size, ui_t(st, UI_MSG_LABEL_RESERVED_FROM), from, NULL);
        *color = UI_COL_WARN;
        *tone = ui__result_tone(a->result);
    } else if (a->answered) {
        ui__copy(text, size, ui__reason_label(st, a->result));
        *color = UI_COL_BAD;
        *tone = ui__result_tone(a->result);
    } else {
        ui_format(text, size, ui_t(st, l->overdue ? UI_MSG_BASKET_OVERDUE : UI_MSG_BASKET_DUE), due,
                  NULL);
        *color = l->overdue ? UI_COL_BAD : UI_COL_MUTED;
        *tone = l->overdue ? UI_TONE_BAD : UI_TONE_INFO;
    }
}
