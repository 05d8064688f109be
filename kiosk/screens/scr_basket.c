/* Borrow: the logged-in borrower (or a co-borrower the adult picks) scans items; each appears
 * at once with its due date or a specific refusal and its own tone; a duplicate scan only gives
 * a hint; one tap removes a line; "Fullfør" lends the accepted lines as one loan. Staff see an
 * "Override" on refused lines, which only a leader may use. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void basket_enter(UiState *st, const void *args, UiEffects *fx);
static void basket_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static bool basket_on_idle(UiState *st, UiEffects *fx);
static void finish(UiState *st, UiEffects *fx);
static void basket_view(const UiState *st, UiDrawList *dl, UiRect area);
static int find_line(const UiState *st, const char *code);
static void add_scan(UiState *st, const char *code, UiEffects *fx);

static void remove_line(UiState *st, int i);
static bool can_override_line(const UiState *st, const UiBasketLine *l);
static int line_text_w(const UiState *st, const UiBasketLine *l, int row_w);
static void line_status(const UiState *st, const UiBasketLine *l, char *text, size_t size);
static int goes_with_set(UiState *st, int i, bool lendable, UiEffects *fx);
static void show_line(UiState *st, const UiBasketLine *l);

const UiScreen scr_basket = {
    .enter = basket_enter,
    .update = basket_update,
    .view = basket_view,
    .title_msg = UI_MSG_BASKET_TITLE,
    .on_idle = basket_on_idle,
    .idle_logout = true,
    .top_logout = true,
};

/* no args: a new basket (ui__login); ScrBasketArgs.keep: the basket as it was */
static void basket_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)fx;
    const ScrBasketArgs *a = args;
    if (a != NULL && a->keep)
        return;
    st->basket.n = 0;
    st->basket.skip = 0;
    st->basket.checking_out = false;
    st->basket.idle_checkout = false;
}

/* Idle logout. Items already accepted in a basket are lent, not dropped: the borrower has them
 * in hand (Koha's self-check commits each scan too). Keeps the session while that checkout is
 * under way. */
static bool basket_on_idle(UiState *st, UiEffects *fx)
{
    if (st->basket.checking_out)
        return true;
    for (int i = 0; i < st->basket.n; i++) {
        if (st->basket.lines[i].state == UI_LINE_OK) {
            finish(st, fx);
            st->basket.idle_checkout = st->basket.checking_out;
            return st->basket.checking_out;
        }
    }
    return false;
}

/* "Borrow N items": the accepted (and overridden) lines as one checkout. */
static void finish(UiState *st, UiEffects *fx)
{
    if (st->basket.checking_out)
        return;
    UiFxCheckout co_req;
    UiFxCheckout *co = &co_req;
    memset(co, 0, sizeof *co);
    co->h.kind = UI_FX_CHECKOUT;
    for (int i = 0; i < st->basket.n; i++) {
        const UiBasketLine *l = &st->basket.lines[i];
        if (l->state != UI_LINE_OK && !l->overridden)
            continue;
        ui__copy(co->line[co->n].code, UI_CODE_MAX, l->code);
        co->line[co->n].refused = l->overridden ? l->refused : UI_R_OK;
        co->leader_override |= l->overridden;
        co->n++;
    }
    if (co->n == 0) {
        ui__toastf(st, UI_TONE_INFO, UI_MSG_BASKET_NOTHING, NULL, NULL);
        return;
    }
    co->borrower_id = ui__lend_for(st)->id;
    co->staff_id = ui__staff_id(st);
    st->basket.checking_out = true;
    ui__fx(fx, UI_FX_CHECKOUT)->checkout = co_req;
}

static void basket_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    switch (ev->kind) {
    case UI_EV_SCAN:
        add_scan(st, ev->scan.code, fx);
        break;
    case UI_EV_PRESS: {
        int i = -1;
        if (strcmp(ev->press.id, "basket.finish") == 0) {
            finish(st, fx);
        } else if ((i = ui__index(ev->press.id, "basket.remove.")) >= 0 &&
                   !st->basket.checking_out) {
            remove_line(st, i);
        } else if ((i = ui__index(ev->press.id, "basket.older.")) >= 0) {
            /* the id says where the next page starts: the first line that did not fit */
            st->basket.skip = i < st->basket.n ? i : 0;
        } else if ((i = ui__index(ev->press.id, "basket.row.")) >= 0 && i < st->basket.n) {
            show_line(st, &st->basket.lines[i]);
        } else if (strcmp(ev->press.id, "basket.newer") == 0) {
            st->basket.skip = 0;
        } else if ((i = ui__index(ev->press.id, "basket.override.")) >= 0 && i < st->basket.n) {
            if (st->session.role != UI_ROLE_LEADER) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_BASKET_NEEDS_LEADER, NULL, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
            } else if (ui__overridable(st->basket.lines[i].refused)) {
                st->basket.lines[i].overridden = true;
                ui__sound(st, fx, UI_SOUND_OK);
            }
        } else if (strcmp(ev->press.id, "basket.mine") == 0 && !st->basket.checking_out) {
            ui__go(st, UI_SCR_LOANS, NULL, fx);
        } else if (strcmp(ev->press.id, "basket.edit") == 0 && st->session.staff.id &&
                   st->basket.n == 0) { /* staff change the borrower or give a new card */
            ScrPersonArgs args = {&st->session.borrower};
            ui__go(st, UI_SCR_PERSON, &args, fx);
        } else if (strcmp(ev->press.id, "basket.for.self") == 0) {
            st->session.lend_for = -1;
        } else if ((i = ui__index(ev->press.id, "basket.for.")) >= 0 && i < st->session.n_co) {
            st->session.lend_for = i;
        }
        break;
    }
    case UI_EV_LEND_CHECKED: {
        const UiEvLendChecked *lc = &ev->lend_checked;
        int i = find_line(st, lc->code);
        if (i < 0 || st->basket.lines[i].state != UI_LINE_CHECKING)
            break;
        UiBasketLine *l = &st->basket.lines[i];
        if (lc->item.name[0])
            ui__copy(l->name, sizeof l->name, lc->item.name);
        ui__copy(l->kit, sizeof l->kit, lc->kit_code);
        i = goes_with_set(st, i, ev->h.result == UI_R_OK, fx);
        if (i < 0)
            break;
        l = &st->basket.lines[i];
        if (ev->h.result == UI_R_OK) {
            l->state = UI_LINE_OK;
            l->due = lc->due;
            ui__sound(st, fx, UI_SOUND_OK);
        } else {
            l->state = UI_LINE_REFUSED;
            l->refused = ev->h.result;
            l->reserved_from = lc->reserved_from;
            ui__sound(st, fx,
                      ev->h.result == UI_R_UNKNOWN_ITEM ? UI_SOUND_UNKNOWN
                      : ev->h.result == UI_R_RESERVED   ? UI_SOUND_RESERVED
                                                        : UI_SOUND_REFUSED);
        }
        break;
    }
    case UI_EV_CHECKED_OUT: {
        bool by_idle = st->basket.idle_checkout;
        st->basket.checking_out = false;
        st->basket.idle_checkout = false;
        if (ev->h.result != UI_R_OK && ev->h.result != UI_R_STORE && by_idle) {
            /* nobody is there to mend the basket: end the session rather than keep it open
             * (what was refused is not lent; the rest stays on the shelf) */
            st->basket.n = 0;
            ui__logout(st, fx);
            break;
        }
        if (ev->h.result == UI_R_OK) {
            /* the receipt lists the lines that were lent */
            int k = 0;
            for (int i = 0; i < st->basket.n; i++) {
                if (st->basket.lines[i].state == UI_LINE_OK || st->basket.lines[i].overridden)
                    st->basket.lines[k++] = st->basket.lines[i];
            }
            st->basket.n = k;
            /* the lines as the store lent them (due dates, parts of sets) follow in
             * UI_EV_LENT_PART, to the receipt */
            UiLentLine lent[UI_BASKET_MAX];
            memset(lent, 0, sizeof lent);
            for (int i = 0; i < k; i++) {
                ui__copy(lent[i].code, sizeof lent[i].code, st->basket.lines[i].code);
                ui__copy(lent[i].name, sizeof lent[i].name, st->basket.lines[i].name);
                lent[i].due = st->basket.lines[i].due;
            }
            ScrReceiptArgs args = {ui__lend_for(st)->name, lent, k};
            ui__go(st, UI_SCR_RECEIPT, &args, fx);
        } else if (ev->h.result != UI_R_STORE) {
            /* something changed since the check (another kiosk lent it): show it on the line */
            int i = find_line(st, ev->checked_out.code);
            if (i >= 0) {
                st->basket.lines[i].state = UI_LINE_REFUSED;
                st->basket.lines[i].refused = ev->h.result;
                st->basket.lines[i].overridden = false;
                st->basket.lines[i].reserved_from = ev->checked_out.reserved_from;
            }
            ui__toastf(st, UI_TONE_BAD, UI_MSG_BASKET_REFUSED, ui__reason(st, ev->h.result), NULL);
            ui__sound(st, fx, ev->h.result == UI_R_RESERVED ? UI_SOUND_RESERVED : UI_SOUND_REFUSED);
        }
        break;
    }
    default:
        break;
    }
}

static void basket_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int left_w = area.w * 61 / 100;
    int x = pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];

    ui_format(text, sizeof text, ui_t(st, UI_MSG_BASKET_HELLO), ui__lend_for(st)->name, NULL);
    ui__label(dl, st, "basket.hello", ui__rect_make(x, y, left_w - pad, ui__px(st, 42)),
              UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
    y += ui__px(st, 44);
    if (st->basket.n == 0) { /* once something is scanned, the lines need the room */
        ui__label(dl, st, "basket.scan", ui__rect_make(x, y, left_w - pad, ui__px(st, 32)),
                  UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_BASKET_SCAN));
        y += ui__px(st, 38);
    }

    /* compact lines, newest first so the last scan is always in view; older ones a page away
     * (the paging buttons sit beside the finish button, so they never take a line's room) */
    int finish_h = touch;
    int list_bottom = area.y + area.h - finish_h - pad - gap;
    int skip = st->basket.skip < st->basket.n ? st->basket.skip : 0;
    int older_at = -1; /* the first line that did not fit */
    /* one size for every name and one for every status: the largest in which all fit */
    char statuses[UI_BASKET_MAX][UI_TEXT_MAX]; /* each line's status, formatted once */
    const char *names[UI_BASKET_MAX];
    const char *status_of[UI_BASKET_MAX];
    int text_ws[UI_BASKET_MAX];
    for (int i = 0; i < st->basket.n; i++) {
        const UiBasketLine *l = &st->basket.lines[i];
        line_status(st, l, statuses[i], sizeof statuses[i]);
        names[i] = l->name[0] ? l->name : l->code;
        status_of[i] = statuses[i];
        text_ws[i] = line_text_w(st, l, left_w - pad);
    }
    UiFont name_font = ui__common_font(dl, st, UI_FONT_LARGE, names, text_ws, 0, st->basket.n);
    UiFont status_font = ui__common_font(dl, st, UI_FONT_BODY, status_of, text_ws, 0, st->basket.n);
    char n_text[16];
    int shown = 0;
    for (int i = st->basket.n - 1 - skip; i >= 0; i--) {
        const UiBasketLine *l = &st->basket.lines[i];
        /* a refused line has a third line that says what to do with the item */
        bool help = l->state == UI_LINE_REFUSED && !l->overridden;
        int row_h = touch + ui__px(st, 4) + (help ? ui__px(st, 24) : 0);
        if (shown > 0 && y + row_h > list_bottom) {
            older_at = i;
            break;
        }
        UiTone tone = l->state == UI_LINE_OK ? UI_TONE_OK
                      : l->state == UI_LINE_REFUSED
                          ? (l->overridden ? UI_TONE_WARN : ui__result_tone(l->refused))
                          : UI_TONE_INFO;
        UiRect r = ui__rect_make(x, y, left_w - pad, row_h);
        ui__panel(dl, st, r, tone);
        char id[UI_ID_MAX];
        int bw = ui__px(st, 130);
        int ow = ui__px(st, 190);
        int text_w = text_ws[i];
        bool can_override = can_override_line(st, l);
        int line_h = (touch + ui__px(st, 4)) / 2;
        ui__sprintf(id, sizeof id, "basket.line.%d", i);
        ui__label(dl, st, id, ui__rect_make(r.x + ui__px(st, 20), r.y + gap / 2, text_w, line_h),
                  name_font, UI_COL_TEXT, UI_ALIGN_LEFT, names[i]);
        UiColorId c = l->state == UI_LINE_OK ? UI_COL_OK
                      : l->state == UI_LINE_REFUSED
                          ? (l->overridden || tone == UI_TONE_WARN ? UI_COL_WARN : UI_COL_BAD)
                          : UI_COL_MUTED;
        ui__sprintf(id, sizeof id, "basket.status.%d", i);
        ui__label(dl, st, id,
                  ui__rect_make(r.x + ui__px(st, 20), r.y + line_h, text_w, line_h - gap / 2),
                  status_font, c, UI_ALIGN_LEFT, statuses[i]);
        if (help) {
            ui__sprintf(id, sizeof id, "basket.help.%d", i);
            /* below the buttons, the whole width of the row */
            ui__label(dl, st, id,
                      ui__rect_make(r.x + ui__px(st, 20), r.y + 2 * line_h - gap / 2,
                                    r.w - ui__px(st, 30), r.h - 2 * line_h),
                      UI_FONT_SMALL, UI_COL_TEXT, UI_ALIGN_LEFT,
                      ui_t(st, UI_MSG_BASKET_REFUSED_HELP));
        }
        int bx = r.x + r.w - bw - gap;
        int by = help ? r.y + gap / 2 : r.y + (r.h - touch) / 2;
        /* the line left of its buttons: a tap shows its whole text, however it was cut */
        int row_right = can_override ? bx - gap - ow : bx;
        ui__sprintf(id, sizeof id, "basket.row.%d", i);
        ui__widget(dl, id, UI_W_ROW, ui__rect_make(r.x, r.y, row_right - gap - r.x, r.h), names[i]);
        ui__sprintf(id, sizeof id, "basket.remove.%d", i);
        ui__button(dl, st, id, ui__rect_make(bx, by, bw, touch), ui_t(st, UI_MSG_BASKET_REMOVE),
                   UI_STYLE_SECONDARY);
        if (can_override) {
            ui__sprintf(id, sizeof id, "basket.override.%d", i);
            ui__button(dl, st, id, ui__rect_make(bx - gap - ow, by, ow, touch),
                       ui_t(st, UI_MSG_BASKET_OVERRIDE), UI_STYLE_PRIMARY);
        }
        y += row_h + ui__px(st, 4);
        shown++;
    }

    int n_ok = 0;
    for (int i = 0; i < st->basket.n; i++)
        n_ok += st->basket.lines[i].state == UI_LINE_OK || st->basket.lines[i].overridden;
    int nav_w = ui__px(st, 170);
    int widths[4] = {0};
    int n_cells = 0;
    bool edit = st->session.staff.id && st->basket.n == 0; /* staff: the borrower's record */
    if (edit)
        widths[n_cells++] = ui__px(st, 210);
    if (skip > 0)
        widths[n_cells++] = nav_w;
    if (older_at >= 0)
        widths[n_cells++] = nav_w;
    widths[n_cells++] = 0;
    UiLayout lay =
        ui__layout(ui__rect_make(x, area.y + area.h - finish_h - pad, left_w - pad, finish_h), gap);
    ui__row(&lay, n_cells, widths, finish_h);
    if (edit)
        ui__button(dl, st, "basket.edit", ui__next(&lay), ui_t(st, UI_MSG_STAFF_EDIT),
                   UI_STYLE_SECONDARY);
    if (skip > 0) {
        ui__sprintf(n_text, sizeof n_text, "%d", skip);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_BASKET_NEWER), n_text, NULL);
        ui__button(dl, st, "basket.newer", ui__next(&lay), text, UI_STYLE_SECONDARY);
    }
    if (older_at >= 0) {
        char id[UI_ID_MAX];
        ui__sprintf(n_text, sizeof n_text, "%d", older_at + 1);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_BASKET_OLDER), n_text, NULL);
        ui__sprintf(id, sizeof id, "basket.older.%d", st->basket.n - 1 - older_at);
        ui__button(dl, st, id, ui__next(&lay), text, UI_STYLE_SECONDARY);
    }
    UiRect fr = ui__next(&lay);
    if (n_ok > 0) { /* nothing to lend: no button, only what to do */
        char n[16];
        ui__sprintf(n, sizeof n, "%d", n_ok);
        ui_format(text, sizeof text,
                  ui_t(st, n_ok == 1 ? UI_MSG_BASKET_FINISH_ONE : UI_MSG_BASKET_FINISH), n, NULL);
        ui__button(dl, st, "basket.finish", fr, text, UI_STYLE_OK);
    } else {
        ui__label(dl, st, "basket.nothing", fr, UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_LEFT,
                  ui_t(st, UI_MSG_BASKET_NOTHING));
    }

    /* right column: for whom, and what they already have */
    int rx = left_w + pad;
    int rw = area.w - rx - pad;
    int ry = area.y + pad;
    if (st->session.n_co > 0) {
        ui__label(dl, st, "basket.for", ui__rect_make(rx, ry, rw, ui__px(st, 30)), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_BASKET_FOR));
        ry += ui__px(st, 32);
        int cw = (rw - gap) / 2;
        for (int i = -1; i < st->session.n_co; i++) {
            int k = i + 1;
            char id[UI_ID_MAX];
            if (i < 0)
                ui__sprintf(id, sizeof id, "basket.for.self");
            else
                ui__sprintf(id, sizeof id, "basket.for.%d", i);
            const char *name = i < 0 ? st->session.borrower.name : st->session.co[i].name;
            ui__button(
                dl, st, id,
                ui__rect_make(rx + (k % 2) * (cw + gap), ry + (k / 2) * (touch + gap), cw, touch),
                name, st->session.lend_for == i ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
        }
        ry += ((st->session.n_co + 2) / 2) * (touch + gap) + gap;
    }
    /* "My loans" (renew, earlier loans) below the list, a big target the whole width */
    ui__button(dl, st, "basket.mine", ui__rect_make(rx, area.y + area.h - pad - touch, rw, touch),
               ui_t(st, UI_MSG_BASKET_MINE),
               st->basket.checking_out ? UI_STYLE_DISABLED : UI_STYLE_PRIMARY);
    UiRect lp = ui__rect_make(rx, ry, rw, area.y + area.h - ry - 2 * pad - touch);
    ui__fill(dl, lp, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, lp, ui__col(st, UI_COL_FRAME), 1);
    int ly = lp.y + gap;
    char n_loans[16];
    ui__sprintf(n_loans, sizeof n_loans, "%d", st->session.n_loans);
    ui_format(text, sizeof text,
              ui_t(st, st->session.n_loans ? UI_MSG_BASKET_LOANS : UI_MSG_BASKET_NO_LOANS), n_loans,
              NULL);
    ui__label(dl, st, "basket.loans", ui__rect_make(lp.x + gap, ly, lp.w - 2 * gap, ui__px(st, 34)),
              UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
    ly += ui__px(st, 38);
    if (st->session.n_overdue > 0) {
        char no[16];
        ui__sprintf(no, sizeof no, "%d", st->session.n_overdue);
        ui_format(text, sizeof text,
                  ui_t(st, st->session.n_overdue == 1 ? UI_MSG_BASKET_OVERDUE_ONE
                                                      : UI_MSG_BASKET_OVERDUE_COUNT),
                  no, NULL);
        /* two lines: the sentence is long in Norwegian */
        UiRect wr = ui__rect_make(lp.x + gap, ly, lp.w - 2 * gap, ui__px(st, 62));
        ui__fill(dl, wr, ui__col(st, UI_COL_BAD_BG));
        ui__widget(dl, "basket.overdue", UI_W_LABEL, wr, text);
        ui__text_wrap(dl, st, ui__inset(wr, ui__px(st, 4)), UI_FONT_BODY, ui__col(st, UI_COL_BAD),
                      2, text);
        ly += ui__px(st, 68);
    }
    int lh = ui__px(st, 50);
    for (int i = 0; i < st->session.n_loans; i++) {
        /* this loan must fit, and a line below it to say how many more there are, if any */
        int more_h = i + 1 < st->session.n_loans ? lh / 2 : 0;
        if (ly + lh + more_h > lp.y + lp.h) { /* say how many are not listed, on its own line */
            ui__sprintf(text, sizeof text, "+%d \xE2\x80\xA6", st->session.n_loans - i);
            ui__label(dl, st, "basket.loans_more",
                      ui__rect_make(lp.x + gap, ly, lp.w - 2 * gap, lh / 2), UI_FONT_BODY,
                      UI_COL_MUTED, UI_ALIGN_LEFT, text);
            break;
        }
        const UiLoan *l = &st->session.loans[i];
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "basket.loan.%d", i);
        char name[UI_TEXT_MAX];
        if (l->who[0] && strcmp(l->who, st->session.borrower.name) != 0)
            ui__sprintf(name, sizeof name, "%s (%s)", l->name, l->who);
        else
            ui__copy(name, sizeof name, l->name);
        ui__label(dl, st, id, ui__rect_make(lp.x + gap, ly, lp.w - 2 * gap, lh / 2), UI_FONT_BODY,
                  UI_COL_TEXT, UI_ALIGN_LEFT, name);
        char due[UI_DATE_MAX];
        ui_date_text(st, l->due, !l->overdue, due, sizeof due);
        ui_format(text, sizeof text,
                  ui_t(st, l->overdue ? UI_MSG_BASKET_OVERDUE : UI_MSG_BASKET_DUE), due, NULL);
        ui__sprintf(id, sizeof id, "basket.loan_due.%d", i);
        ui__label(dl, st, id, ui__rect_make(lp.x + gap, ly + lh / 2, lp.w - 2 * gap, lh / 2 - 2),
                  UI_FONT_SMALL, l->overdue ? UI_COL_BAD : UI_COL_MUTED, UI_ALIGN_LEFT, text);
        ly += lh;
    }
}

static int find_line(const UiState *st, const char *code)
{
    for (int i = 0; i < st->basket.n; i++) {
        if (strcmp(st->basket.lines[i].code, code) == 0)
            return i;
    }
    return -1;
}

static void add_scan(UiState *st, const char *code, UiEffects *fx)
{
    if (!code[0])
        return;
    ui__toast_clear(st); /* a hint about an earlier scan is stale now */
    if (st->basket.checking_out) {
        ui__toastf(st, UI_TONE_INFO, UI_MSG_COMMON_WORKING, NULL, NULL);
        return;
    }
    int i = find_line(st, code);
    if (i >= 0) {
        ui__toastf(st, UI_TONE_INFO, UI_MSG_BASKET_DUPLICATE,
                   st->basket.lines[i].name[0] ? st->basket.lines[i].name : code, NULL);
        ui__sound(st, fx, UI_SOUND_DUPLICATE);
        return;
    }
    if (strcmp(code, st->session.borrower.card) == 0)
        return; /* the borrower's own card again: nothing to do */
    if (st->basket.n >= UI_BASKET_MAX) {
        ui__toastf(st, UI_TONE_BAD, UI_MSG_BASKET_FULL, NULL, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
        return;
    }
    UiBasketLine *l = &st->basket.lines[st->basket.n++];
    memset(l, 0, sizeof *l);
    ui__copy(l->code, sizeof l->code, code);
    l->state = UI_LINE_CHECKING;
    st->basket.skip = 0; /* the new scan is what the borrower looks for: show it */
    UiFx *f = ui__fx(fx, UI_FX_LEND_CHECK);
    f->lend_check.borrower_id = ui__lend_for(st)->id;
    ui__copy(f->lend_check.code, sizeof f->lend_check.code, code);
}

static void remove_line(UiState *st, int i)
{
    if (i < 0 || i >= st->basket.n)
        return;
    memmove(&st->basket.lines[i], &st->basket.lines[i + 1],
            sizeof st->basket.lines[0] * (size_t)(st->basket.n - i - 1));
    st->basket.n--;
    if (st->basket.skip > 0 && st->basket.skip > st->basket.n - 1)
        st->basket.skip = st->basket.n > 0 ? st->basket.n - 1 : 0;
}

/* A part of a set and its set in one basket: the store lends the parts with their set, so a part
 * scanned after its set (or a set after its parts) is not a line of its own. Says so in words a
 * child understands and keeps the set's line (parts go only once their set can be lent); returns
 * where line i is now, or -1 if it was taken out. */
static int goes_with_set(UiState *st, int i, bool lendable, UiEffects *fx)
{
    UiBasketLine *l = &st->basket.lines[i];
    int set = l->kit[0] ? find_line(st, l->kit) : -1;
    if (set >= 0) { /* a part of a set already in the basket */
        const UiBasketLine *s = &st->basket.lines[set];
        ui__toastf(st, UI_TONE_INFO, UI_MSG_BASKET_IN_SET, s->name[0] ? s->name : s->code, NULL);
        ui__sound(st, fx, UI_SOUND_DUPLICATE);
        remove_line(st, i);
        return -1;
    }
    bool parts = false; /* the set of parts already in the basket: they go with it */
    for (int k = st->basket.n - 1; lendable && k >= 0; k--) {
        if (k != i && strcmp(st->basket.lines[k].kit, l->code) == 0) {
            remove_line(st, k);
            if (k < i)
                i--;
            l = &st->basket.lines[i];
            parts = true;
        }
    }
    if (parts)
        ui__toastf(st, UI_TONE_INFO, UI_MSG_BASKET_HAS_PARTS, l->name[0] ? l->name : l->code, NULL);
    return i;
}

static bool can_override_line(const UiState *st, const UiBasketLine *l)
{
    return st->session.staff.id && l->state == UI_LINE_REFUSED && !l->overridden &&
           ui__overridable(l->refused);
}

/* Width for a line's name and status: the row less its buttons. */
static int line_text_w(const UiState *st, const UiBasketLine *l, int row_w)
{
    int gap = ui__px(st, 8);
    int w = row_w - ui__px(st, 130) - 3 * gap - ui__px(st, 12);
    if (can_override_line(st, l))
        w -= ui__px(st, 190) + gap;
    return w;
}

/* The second line of a basket line: due date (or code), refusal, or "checking". */
static void line_status(const UiState *st, const UiBasketLine *l, char *text, size_t size)
{
    if (l->state == UI_LINE_OK) {
        if (st->cfg.show_due_dates) {
            char due[UI_DATE_MAX];
            ui_date_text(st, l->due, true, due, sizeof due);
            ui_format(text, size, ui_t(st, UI_MSG_BASKET_DUE), due, NULL);
        } else {
            ui__copy(text, size, l->code);
        }
    } else if (l->state == UI_LINE_REFUSED) {
        if (l->refused == UI_R_RESERVED && l->reserved_from.year && !l->overridden) {
            char from[UI_DATE_MAX];
            char label[UI_TEXT_MAX];
            ui_date_text(st, l->reserved_from, true, from, sizeof from);
            ui_format(label, sizeof label, ui_t(st, UI_MSG_LABEL_RESERVED_FROM), from, NULL);
            ui__sprintf(text, size, "%s  (%s)", label, l->code);
        } else if (l->overridden)
            ui__sprintf(text, size, "%s: %s", ui_t(st, UI_MSG_BASKET_OVERRIDDEN),
                        ui__reason_label(st, l->refused));
        else
            ui__sprintf(text, size, "%s  (%s)", ui__reason_label(st, l->refused), l->code);
    } else {
        ui__copy(text, size, ui_t(st, UI_MSG_BASKET_CHECKING));
    }
}

/* A tapped line's whole text in the hint: name, barcode and status, never cut by the row. */
static void show_line(UiState *st, const UiBasketLine *l)
{
    char status[UI_TEXT_MAX];
    char text[UI_TEXT_MAX];
    line_status(st, l, status, sizeof status);
    if (l->name[0])
        ui__sprintf(text, sizeof text, "%s (%s): %s", l->name, l->code, status);
    else
        ui__sprintf(text, sizeof text, "%s: %s", l->code, status);
    ui__toast(st, UI_TONE_INFO, text);
}
