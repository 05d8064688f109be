/* Return: no login (or staff taking items back, who are spoken to as staff); each scanned item is
 * returned at once (committed by the store as it is scanned). One tap on "damaged / parts missing"
 * asks for a short note and sends the item to the repair queue.
 *
 * Staff returning a set see the parts that went out with it: each is scanned or marked missing,
 * or one tap on "All here"; the set is returned then, with the parts present (the missing ones
 * stay on the borrower's loan and the set goes to repair). An item marked missing that is scanned
 * here by staff gets a "Found again" button that makes it available. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void return_enter(UiState *st, const void *args, UiEffects *fx);
static bool return_wants_text(const UiState *st);
static void return_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void return_view(const UiState *st, UiDrawList *dl, UiRect area);
static int find_line(const UiState *st, const char *code);
static bool set_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void set_view(const UiState *st, UiDrawList *dl, UiRect area);
static void set_send(UiState *st, UiEffects *fx);
static int set_count(const UiState *st, UiPartMark mark);
static bool missing_line(const UiReturnLine *l);
static bool can_find(const UiState *st, const UiReturnLine *l);

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
    st->ret.set.active = false;
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
    if (set_update(st, ev, fx))
        return;
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
        f->ret.check_parts = st->session.staff.id != 0; /* staff check a set's parts */
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
        l->status = r->item.status;
        l->n_missing = r->n_missing;
        if (ev->h.result == UI_R_OK && r->n_parts > 0) { /* a set: check its parts first */
            ui__expect(r->n_parts <= UI_SET_PARTS_MAX);
            l->pending = true;
            memset(&st->ret.set, 0, sizeof st->ret.set);
            st->ret.set.active = true;
            st->ret.set.expected = r->n_parts;
            ui__copy(st->ret.set.code, sizeof st->ret.set.code, r->code);
            ui__copy(st->ret.set.name, sizeof st->ret.set.name, l->name[0] ? l->name : r->code);
            ui__sound(st, fx, UI_SOUND_OK);
            break;
        }
        if (ev->h.result == UI_R_OK && r->n_missing > 0 && st->ret.set.active &&
            strcmp(st->ret.set.code, r->code) == 0) { /* the names of the parts not back */
            l->missing[0] = '\0';
            for (int k = 0; k < st->ret.set.n; k++) {
                if (st->ret.set.mark[k] != UI_PART_MISSING)
                    continue;
                if (l->missing[0])
                    ui__append(l->missing, sizeof l->missing, ", ");
                ui__append(l->missing, sizeof l->missing, st->ret.set.part[k].name);
            }
            l->damaged = true; /* to repair, with a note naming them */
        }
        if (st->ret.set.active && strcmp(st->ret.set.code, r->code) == 0)
            st->ret.set.active = false;
        if (ev->h.result == UI_R_OK)
            ui__sound(st, fx, UI_SOUND_OK);
        else if (ev->h.result == UI_R_UNKNOWN_ITEM)
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        else if (ev->h.result != UI_R_STORE)
            ui__sound(st, fx, UI_SOUND_REFUSED);
        break;
    }
    case UI_EV_DONE:
        if (ev->done.of == UI_FX_ITEM_FOUND) {
            int i = find_line(st, ev->done.code);
            if (i < 0)
                break;
            st->ret.lines[i].pending = false;
            if (ev->h.result == UI_R_OK) {
                st->ret.lines[i].found = true;
                st->ret.lines[i].status = UI_ITEM_AVAILABLE;
                ui__sound(st, fx, UI_SOUND_OK);
            } else if (ev->h.result != UI_R_STORE) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_RETURN_FAILED, ui__reason(st, ev->h.result),
                           NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
            }
            break;
        }
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
        int f = ui__index(ev->press.id, "return.found.");
        if (f >= 0 && f < st->ret.n && can_find(st, &st->ret.lines[f])) {
            st->ret.lines[f].pending = true;
            UiFx *x = ui__fx(fx, UI_FX_ITEM_FOUND);
            ui__copy(x->item_found.code, sizeof x->item_found.code, st->ret.lines[f].code);
            x->item_found.staff_id = ui__staff_id(st);
            ui__copy(x->item_found.note, sizeof x->item_found.note, ui_t(st, UI_MSG_RETURN_FOUND));
            break;
        }
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
    if (st->ret.set.active) {
        set_view(st, dl, area);
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
        bool missing = missing_line(l);
        UiTone tone = l->pending                 ? UI_TONE_INFO
                      : l->found                 ? UI_TONE_OK
                      : staff && missing         ? UI_TONE_WARN
                      : l->result != UI_R_OK     ? ui__result_tone(l->result)
                      : l->damaged || l->overdue ? UI_TONE_WARN
                                                 : UI_TONE_OK;
        UiRect r = ui__rect_make(pad, y, area.w - 2 * pad, row_h);
        ui__panel(dl, st, r, tone);
        int bw = ui__px(st, 320);
        bool can_damage = !l->pending && l->result == UI_R_OK && !l->damaged;
        bool findable = can_find(st, l);
        int tw = r.w - (can_damage || findable ? bw + 3 * gap : 2 * gap) - ui__px(st, 20);
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "return.line.%d", i);
        ui__sprintf(text, sizeof text, "%s  (%s)", l->name[0] ? l->name : l->code, l->code);
        ui__label(dl, st, id, ui__rect_make(r.x + ui__px(st, 20), r.y + gap / 2, tw, r.h / 2),
                  UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, l->name[0] ? text : l->code);
        UiColorId c = UI_COL_OK;
        if (l->pending) {
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_BASKET_CHECKING));
            c = UI_COL_MUTED;
        } else if (l->found) {
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_RETURN_FOUND_OK));
        } else if (findable) {
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_RETURN_MISSING_ITEM));
            c = UI_COL_WARN;
        } else if (l->result == UI_R_OK && l->n_missing > 0) {
            ui_format(text, sizeof text, ui_t(st, UI_MSG_RETURN_SET_INCOMPLETE), l->missing, NULL);
            c = UI_COL_WARN;
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
        } else if (findable) {
            ui__sprintf(id, sizeof id, "return.found.%d", i);
            ui__button(dl, st, id,
                       ui__rect_make(r.x + r.w - bw - gap, r.y + (r.h - touch) / 2, bw, touch),
                       ui_t(st, UI_MSG_RETURN_FOUND), UI_STYLE_OK);
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

/* ---- a set's parts ------------------------------------------------------------------------- */

/* Events while a set's parts are checked: true if consumed. */
static bool set_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrReturnSet *set = &st->ret.set;
    if (ev->kind == UI_EV_SET_PART) {
        const UiEvSetPart *p = &ev->set_part;
        if (!set->active || strcmp(p->set_code, set->code) != 0)
            return true;
        for (int k = 0; k < p->n; k++) {
            ui__expect(set->n < UI_SET_PARTS_MAX);
            set->part[set->n] = p->part[k];
            set->mark[set->n++] = UI_PART_WAITING;
        }
        return true;
    }
    if (!set->active)
        return false;
    switch (ev->kind) {
    case UI_EV_SCAN: {
        const char *code = ev->scan.code;
        for (int k = 0; k < set->n; k++) {
            if (strcmp(set->part[k].code, code) != 0)
                continue;
            bool again = set->mark[k] == UI_PART_HERE;
            set->mark[k] = UI_PART_HERE;
            ui__sound(st, fx, again ? UI_SOUND_DUPLICATE : UI_SOUND_OK);
            return true;
        }
        if (strcmp(code, set->code) == 0) {
            ui__toastf(st, UI_TONE_INFO, UI_MSG_BASKET_DUPLICATE, set->name, NULL);
            ui__sound(st, fx, UI_SOUND_DUPLICATE);
        } else if (code[0]) {
            ui__toast_code(st, UI_MSG_RETURN_NOT_PART, code);
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return true;
    }
    case UI_EV_PRESS: {
        const char *id = ev->press.id;
        int k = ui__index(id, "return.part.");
        if (k >= 0 && k < set->n) {
            set->mark[k] = set->mark[k] == UI_PART_MISSING ? UI_PART_HERE : UI_PART_MISSING;
            return true;
        }
        if (strcmp(id, "return.all_here") == 0 && set_count(st, UI_PART_MISSING) == 0) {
            for (int i = 0; i < set->n; i++)
                set->mark[i] = UI_PART_HERE;
            set_send(st, fx);
            return true;
        }
        if (strcmp(id, "return.set_send") == 0 && set_count(st, UI_PART_MISSING) > 0) {
            set_send(st, fx);
            return true;
        }
        if (strcmp(id, "return.set_cancel") == 0) { /* nothing returned: forget the line */
            int i = find_line(st, set->code);
            if (i >= 0) {
                memmove(&st->ret.lines[i], &st->ret.lines[i + 1],
                        sizeof st->ret.lines[0] * (size_t)(st->ret.n - i - 1));
                st->ret.n--;
            }
            set->active = false;
            return true;
        }
        return ui__starts(id, "return."); /* the list below is hidden meanwhile */
    }
    default:
        return false;
    }
}

/* Returns the set with the parts not marked missing. */
static void set_send(UiState *st, UiEffects *fx)
{
    const ScrReturnSet *set = &st->ret.set;
    if (set->n < set->expected) /* the parts are still coming */
        return;
    UiFx *f = ui__fx(fx, UI_FX_RETURN_SET);
    ui__copy(f->return_set.code, sizeof f->return_set.code, set->code);
    f->return_set.staff_id = ui__staff_id(st);
    for (int k = 0; k < set->n; k++) {
        if (set->mark[k] != UI_PART_MISSING)
            ui__copy(f->return_set.present[f->return_set.n++], UI_CODE_MAX, set->part[k].code);
    }
}

static int set_count(const UiState *st, UiPartMark mark)
{
    int n = 0;
    for (int k = 0; k < st->ret.set.n; k++)
        n += st->ret.set.mark[k] == mark;
    return n;
}

static void set_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrReturnSet *set = &st->ret.set;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    char text[UI_TEXT_MAX];
    int y = area.y + pad;
    ui_format(text, sizeof text, ui_t(st, UI_MSG_RETURN_SET_TITLE), set->name, NULL);
    ui__label(dl, st, "return.set_title", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 44)),
              UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
    y += ui__px(st, 46);
    ui__label(dl, st, "return.set_hint", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 30)),
              UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_RETURN_SET_HINT));
    y += ui__px(st, 38);

    /* the parts in two columns of up to four rows */
    int col_w = (area.w - 2 * pad - gap) / 2;
    int row_h = touch + ui__px(st, 8);
    int bw = ui__px(st, 190);
    for (int k = 0; k < set->n; k++) {
        int col = set->n > 4 ? k / 4 : 0;
        int row = set->n > 4 ? k % 4 : k;
        int w = set->n > 4 ? col_w : area.w - 2 * pad;
        UiRect r = ui__rect_make(pad + col * (col_w + gap), y + row * (row_h + gap), w, row_h);
        UiPartMark m = set->mark[k];
        ui__panel(dl, st, r,
                  m == UI_PART_HERE      ? UI_TONE_OK
                  : m == UI_PART_MISSING ? UI_TONE_BAD
                                         : UI_TONE_INFO);
        char id[UI_ID_MAX];
        int tx = r.x + ui__px(st, 16);
        int tw = r.w - bw - 2 * gap - ui__px(st, 16);
        ui__sprintf(id, sizeof id, "return.part_name.%d", k);
        ui__label(dl, st, id, ui__rect_make(tx, r.y + gap / 2, tw, r.h / 2), UI_FONT_LARGE,
                  UI_COL_TEXT, UI_ALIGN_LEFT, set->part[k].name);
        ui__sprintf(id, sizeof id, "return.part_state.%d", k);
        ui__sprintf(text, sizeof text, "%s  (%s)",
                    ui_t(st, m == UI_PART_HERE      ? UI_MSG_RETURN_PART_HERE
                             : m == UI_PART_MISSING ? UI_MSG_RETURN_PART_MISSING
                                                    : UI_MSG_RETURN_PART_WAIT),
                    set->part[k].code);
        ui__label(dl, st, id, ui__rect_make(tx, r.y + r.h / 2, tw, r.h / 2 - gap / 2), UI_FONT_BODY,
                  m == UI_PART_HERE      ? UI_COL_OK
                  : m == UI_PART_MISSING ? UI_COL_BAD
                                         : UI_COL_MUTED,
                  UI_ALIGN_LEFT, text);
        ui__sprintf(id, sizeof id, "return.part.%d", k);
        ui__button(
            dl, st, id, ui__rect_make(r.x + r.w - bw - gap, r.y + (r.h - touch) / 2, bw, touch),
            ui_t(st, m == UI_PART_MISSING ? UI_MSG_RETURN_PART_UNDO : UI_MSG_RETURN_PART_MARK),
            UI_STYLE_SECONDARY);
    }

    /* cancel on the left; "All here" (or "Return, N missing") big on the right */
    int fy = area.y + area.h - touch - pad;
    int cw = ui__px(st, 200);
    ui__button(dl, st, "return.set_cancel", ui__rect_make(pad, fy, cw, touch),
               ui_t(st, UI_MSG_COMMON_CANCEL), UI_STYLE_SECONDARY);
    int missing = set_count(st, UI_PART_MISSING);
    int sw = ui__px(st, 400);
    UiRect sr = ui__rect_make(area.w - sw - pad, fy, sw, touch);
    if (set->n < set->expected) {
        ui__button(dl, st, "return.all_here", sr, ui_t(st, UI_MSG_COMMON_WORKING),
                   UI_STYLE_DISABLED);
    } else if (missing == 0) {
        ui__button(dl, st, "return.all_here", sr, ui_t(st, UI_MSG_RETURN_ALL_HERE),
                   UI_STYLE_BIG_OK);
    } else {
        char n[16];
        ui__sprintf(n, sizeof n, "%d", missing);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_RETURN_SET_SEND), n, NULL);
        ui__button(dl, st, "return.set_send", sr, text, UI_STYLE_PRIMARY);
    }
}

/* An item the store had marked missing, scanned at the return screen. */
static bool missing_line(const UiReturnLine *l)
{
    return l->result == UI_R_NOT_ON_LOAN && l->status == UI_ITEM_MISSING;
}

/* Staff may make such an item available again ("Funnet igjen"), once. */
static bool can_find(const UiState *st, const UiReturnLine *l)
{
    return st->session.staff.id != 0 && !l->pending && !l->found && missing_line(l);
}
