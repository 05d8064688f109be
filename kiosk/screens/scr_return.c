/* Return: no login (or staff taking items back, who are spoken to as staff); each scanned item is
 * returned at once (committed by the store as it is scanned). One tap on "damaged / parts missing"
 * asks for a short note and sends the item to the repair queue. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void return_enter(UiState *st, const void *args, UiEffects *fx);
static bool return_wants_text(const UiState *st);
static void return_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void return_view(const UiState *st, UiDrawList *dl, UiRect area);
static int find_line(const UiState *st, const char *code);

const UiScreen scr_return = {
    .enter = return_enter,
    .update = return_update,
    .view = return_view,
    .wants_text = return_wants_text,
    .title_msg = UI_MSG_RETURN_TITLE,
    .idle_logout = true,
    .top_logout = true,
};

/* no args */
static void return_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    st->ret.n = 0;
    st->ret.damage_line = -1;
}

/* the damage note is typed */
static bool return_wants_text(const UiState *st)
{
    return st->ret.damage_line >= 0;
}

static void return_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (st->ret.damage_line >= 0) {
        bool enter = false;
        if (ui__keyboard_event(st, ev, &st->ret.note, &enter) && !enter)
            return;
        if (enter || (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "return.send") == 0)) {
            UiReturnLine *l = &st->ret.lines[st->ret.damage_line];
            UiFx *f = ui__fx(fx, UI_FX_DAMAGED);
            ui__copy(f->damaged.code, sizeof f->damaged.code, l->code);
            ui__copy(f->damaged.note, sizeof f->damaged.note, st->ret.note.text);
            f->damaged.staff_id = ui__staff_id(st);
            return;
        }
        if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "return.cancel") == 0) {
            st->ret.damage_line = -1;
            return;
        }
    }
    switch (ev->kind) {
    case UI_EV_SCAN: {
        const char *code = ev->scan.code;
        if (!code[0])
            break;
        int i = find_line(st, code);
        if (i >= 0 && (st->ret.lines[i].pending || st->ret.lines[i].result == UI_R_OK)) {
            ui__toastf(st, UI_TONE_INFO, UI_MSG_BASKET_DUPLICATE,
                       st->ret.lines[i].name[0] ? st->ret.lines[i].name : code, NULL);
            ui__sound(st, fx, UI_SOUND_DUPLICATE);
            break;
        }
        if (i >= 0) { /* scanned again after a failure: try again */
            memmove(&st->ret.lines[i], &st->ret.lines[i + 1],
                    sizeof st->ret.lines[0] * (size_t)(st->ret.n - i - 1));
            st->ret.n--;
            if (st->ret.damage_line == i) /* the line being described is gone */
                st->ret.damage_line = -1;
            else if (st->ret.damage_line > i) /* it moved up one */
                st->ret.damage_line--;
        }
        if (st->ret.n == UI_RETURN_MAX) { /* forget the oldest line; it is in the store */
            memmove(&st->ret.lines[0], &st->ret.lines[1],
                    sizeof st->ret.lines[0] * (UI_RETURN_MAX - 1));
            st->ret.n--;
            if (st->ret.damage_line >= 0)
                st->ret.damage_line--;
        }
        UiReturnLine *l = &st->ret.lines[st->ret.n++];
        memset(l, 0, sizeof *l);
        ui__copy(l->code, sizeof l->code, code);
        l->pending = true;
        UiFx *f = ui__fx(fx, UI_FX_RETURN);
        ui__copy(f->ret.code, sizeof f->ret.code, code);
        f->ret.staff_id = ui__staff_id(st);
        break;
    }
    case UI_EV_RETURNED: {
        const UiEvReturned *r = &ev->returned;
        int i = find_line(st, r->code);
        if (i < 0)
            break;
        UiReturnLine *l = &st->ret.lines[i];
        l->pending = false;
        l->result = ev->h.result;
        if (r->item.name[0])
            ui__copy(l->name, sizeof l->name, r->item.name);
        l->due = r->due;
        l->overdue = r->overdue;
        if (ev->h.result == UI_R_OK)
            ui__sound(st, fx, UI_SOUND_OK);
        else if (ev->h.result == UI_R_UNKNOWN_ITEM)
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        else if (ev->h.result != UI_R_STORE)
            ui__sound(st, fx, UI_SOUND_REFUSED);
        break;
    }
    case UI_EV_DONE:
        if (ev->done.of == UI_FX_DAMAGED) {
            int i = find_line(st, ev->done.code);
            if (ev->h.result == UI_R_OK && i >= 0) {
                st->ret.lines[i].damaged = true;
                ui__toastf(st, UI_TONE_OK, UI_MSG_RETURN_SENT,
                           st->ret.lines[i].name[0] ? st->ret.lines[i].name : ev->done.code, NULL);
                st->ret.damage_line = -1;
            } else if (ev->h.result != UI_R_STORE) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_RETURN_FAILED, ui__reason(st, ev->h.result),
                           NULL);
                st->ret.damage_line = -1;
            }
        }
        break;
    case UI_EV_PRESS: {
        int i = ui__index(ev->press.id, "return.damaged.");
        if (i >= 0 && i < st->ret.n && st->ret.lines[i].result == UI_R_OK &&
            !st->ret.lines[i].pending) {
            st->ret.damage_line = i;
            st->ret.note.text[0] = '\0';
            ui__set_shift(st, true);
        } else if (strcmp(ev->press.id, "return.done") == 0) {
            if (st->session.staff.id) {
                ui__go(st, UI_SCR_STAFF, NULL, fx);
            } else {
                ui__logout(st, fx);
            }
        }
        break;
    }
    default:
        break;
    }
}

static void return_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    char text[UI_TEXT_MAX];
    bool staff = st->session.staff.id != 0; /* staff take items back: speak to them */
    if (st->ret.damage_line >= 0) {
        const UiReturnLine *l = &st->ret.lines[st->ret.damage_line];
        int y = area.y + pad;
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RETURN_NOTE), l->name[0] ? l->name : l->code,
                  NULL);
        ui__label(dl, st, "return.note_title",
                  ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 40)), UI_FONT_TITLE,
                  UI_COL_TEXT, UI_ALIGN_LEFT, text);
        y += ui__px(st, 44);
        int bw = ui__px(st, 330); /* "Meld fra om skade" in the button font, like English */
        int cw = ui__px(st, 180);
        int fw = area.w - 2 * pad - bw - cw - 2 * gap;
        ui__field(dl, st, "return.note", ui__rect_make(pad, y, fw, touch),
                  ui_t(st, UI_MSG_RETURN_WHAT), st->ret.note.text, true);
        int by = y;
        ui__button(dl, st, "return.send", ui__rect_make(pad + fw + gap, by, bw, touch),
                   ui_t(st, UI_MSG_RETURN_SEND), UI_STYLE_PRIMARY);
        ui__button(dl, st, "return.cancel", ui__rect_make(pad + fw + bw + 2 * gap, by, cw, touch),
                   ui_t(st, UI_MSG_COMMON_CANCEL), UI_STYLE_SECONDARY);
        y += touch + pad;
        ui__keyboard(dl, st, ui__rect_make(pad, y, area.w - 2 * pad, area.y + area.h - y - pad),
                     st->shift);
        return;
    }
    int y = area.y + pad;
    ui__label(dl, st, "return.scan", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 44)),
              UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_LEFT,
              ui_t(st, staff ? UI_MSG_RETURN_SCAN_STAFF : UI_MSG_RETURN_SCAN));
    y += ui__px(st, 52);
    int footer = touch + 2 * pad;
    int row_h = touch + ui__px(st, 12);
    for (int i = st->ret.n - 1; i >= 0; i--) {
        if (y + row_h > area.y + area.h - footer)
            break;
        const UiReturnLine *l = &st->ret.lines[i];
        UiTone tone = l->pending                 ? UI_TONE_INFO
                      : l->result != UI_R_OK     ? ui__result_tone(l->result)
                      : l->damaged || l->overdue ? UI_TONE_WARN
                                                 : UI_TONE_OK;
        UiRect r = ui__rect_make(pad, y, area.w - 2 * pad, row_h);
        ui__panel(dl, st, r, tone);
        int bw = ui__px(st, 320);
        bool can_damage = !l->pending && l->result == UI_R_OK && !l->damaged;
        int tw = r.w - (can_damage ? bw + 3 * gap : 2 * gap) - ui__px(st, 20);
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "return.line.%d", i);
        ui__sprintf(text, sizeof text, "%s  (%s)", l->name[0] ? l->name : l->code, l->code);
        ui__label(dl, st, id, ui__rect_make(r.x + ui__px(st, 20), r.y + gap / 2, tw, r.h / 2),
                  UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, l->name[0] ? text : l->code);
        UiColorId c = UI_COL_OK;
        if (l->pending) {
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_BASKET_CHECKING));
            c = UI_COL_MUTED;
        } else if (l->result == UI_R_NOT_ON_LOAN) {
            ui__copy(text, sizeof text,
                     ui_t(st, staff ? UI_MSG_RETURN_NOT_LENT_STAFF : UI_MSG_RETURN_NOT_LENT));
            c = UI_COL_BAD;
        } else if (l->result != UI_R_OK) {
            ui_format(text, sizeof text, ui_t(st, UI_MSG_RETURN_FAILED), ui__reason(st, l->result),
                      NULL);
            c = UI_COL_BAD;
        } else if (l->damaged) {
            ui_format(text, sizeof text, ui_t(st, UI_MSG_RETURN_SENT), l->name, NULL);
            c = UI_COL_WARN;
        } else if (l->overdue) {
            char due[UI_DATE_MAX];
            ui_date_text(st, l->due, false, due, sizeof due);
            ui_format(text, sizeof text, ui_t(st, UI_MSG_RETURN_LATE), due, NULL);
            c = UI_COL_WARN;
        } else {
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_RETURN_OK));
        }
        ui__sprintf(id, sizeof id, "return.status.%d", i);
        ui__label(dl, st, id,
                  ui__rect_make(r.x + ui__px(st, 20), r.y + r.h / 2, tw, r.h / 2 - gap / 2),
                  UI_FONT_BODY, c, UI_ALIGN_LEFT, text);
        if (can_damage) {
            ui__sprintf(id, sizeof id, "return.damaged.%d", i);
            ui__button(dl, st, id,
                       ui__rect_make(r.x + r.w - bw - gap, r.y + (r.h - touch) / 2, bw, touch),
                       ui_t(st, UI_MSG_RETURN_DAMAGED), UI_STYLE_SECONDARY);
        }
        y += row_h + gap;
    }
    int bw = ui__px(st, 260);
    ui__button(dl, st, "return.done",
               ui__rect_make(area.w - bw - pad, area.y + area.h - touch - pad, bw, touch),
               ui_t(st, UI_MSG_COMMON_DONE), UI_STYLE_PRIMARY);
}

static int find_line(const UiState *st, const char *code)
{
    for (int i = 0; i < st->ret.n; i++) {
        if (strcmp(st->ret.lines[i].code, code) == 0)
            return i;
    }
    return -1;
}
