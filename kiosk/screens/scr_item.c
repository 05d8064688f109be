/* Item (staff): the card of one item for staff and leaders. The store sends the item, its loan
 * and a page of history (UI_EV_ITEM_CARD, then UI_EV_HISTORY_PART); "Older" and "Newer" page
 * through it. "Take back" hands the item to the return screen; "Report lost" asks first, then
 * writes the loan off and marks the item missing; "Found again" makes a missing item available.
 * Scanning another item shows that one. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void item_enter(UiState *st, const void *args, UiEffects *fx);
static void item_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void item_view(const UiState *st, UiDrawList *dl, UiRect area);
static void load(UiState *st, int first, UiEffects *fx);
static void act(UiState *st, UiFxKind kind, UiEffects *fx);
static void entry_text(const UiState *st, const UiHistoryEntry *e, char *buf, size_t size);

const UiScreen scr_item = {
    .enter = item_enter,
    .update = item_update,
    .view = item_view,
    .title_msg = UI_MSG_ITEM_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

static const UiMsg audit_msg[UI_AUDIT_COUNT] = {
#define ITEM_AUDIT_MSG(name, msg, sound) [UI_AUDIT_##name] = UI_MSG_##msg,
    UI_AUDIT_KIND_MAP(ITEM_AUDIT_MSG)
#undef ITEM_AUDIT_MSG
};

static const UiMsg history_msg[UI_HIST_COUNT] = {
#define ITEM_HIST_MSG(name, msg) [UI_HIST_##name] = UI_MSG_##msg,
    UI_HISTORY_KIND_MAP(ITEM_HIST_MSG)
#undef ITEM_HIST_MSG
};

/* the repair queue's steps and reasons, in the history */
static const UiMsg repair_msg[UI_REPAIR_COUNT] = {
#define ITEM_REPAIR_MSG(name, msg) [UI_REPAIR_##name] = UI_MSG_##msg,
    UI_REPAIR_STEP_MAP(ITEM_REPAIR_MSG)
#undef ITEM_REPAIR_MSG
};

static const UiMsg retire_msg[UI_RETIRE_COUNT] = {
#define ITEM_RETIRE_MSG(name, msg) [UI_RETIRE_##name] = UI_MSG_##msg,
    UI_RETIRE_REASON_MAP(ITEM_RETIRE_MSG)
#undef ITEM_RETIRE_MSG
};

/* args: ScrItemArgs, the item's code */
static void item_enter(UiState *st, const void *args, UiEffects *fx)
{
    const ScrItemArgs *a = args;
    ui__expect(a != NULL && a->code != NULL);
    memset(&st->item, 0, sizeof st->item);
    ui__copy(st->item.code, sizeof st->item.code, a->code);
    ui__copy(st->item.asked, sizeof st->item.asked, a->code);
    load(st, 0, fx);
}

static void item_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrItem *it = &st->item;
    if (!st->session.staff.id) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    switch (ev->kind) {
    case UI_EV_ITEM_CARD: {
        const UiEvItemCard *c = &ev->item_card;
        if (strcmp(c->code, it->asked) != 0)
            break;
        if (ev->h.result != UI_R_OK) {
            if (ev->h.result != UI_R_STORE) {
                ui__toast_code(st, UI_MSG_HOME_UNKNOWN, c->code);
                ui__sound(st, fx, UI_SOUND_UNKNOWN);
            }
            if (!it->loaded)
                ui__go(st, UI_SCR_STAFF, NULL, fx);
            break;
        }
        it->loaded = true;
        ui__copy(it->code, sizeof it->code, c->code);
        it->confirm_lost = false;
        it->item = c->item;
        it->lent = c->lent;
        ui__copy(it->who, sizeof it->who, c->who);
        ui__copy(it->card, sizeof it->card, c->card);
        ui__copy(it->phone, sizeof it->phone, c->phone);
        it->due = c->due;
        it->overdue = c->overdue;
        ui__copy(it->damage, sizeof it->damage, c->damage);
        ui__copy(it->notes, sizeof it->notes, c->notes);
        it->first = c->first;
        it->n = 0;
        it->n_expected = c->n;
        it->more = c->more;
        break;
    }
    case UI_EV_HISTORY_PART: {
        const UiEvHistoryPart *p = &ev->history_part;
        for (int k = 0; k < p->n; k++) {
            ui__expect(p->first + k < UI_HISTORY_PAGE);
            it->entry[p->first + k] = p->entry[k];
            if (p->first + k + 1 > it->n)
                it->n = p->first + k + 1;
        }
        break;
    }
    case UI_EV_DONE:
        if (ev->done.of != UI_FX_ITEM_LOST && ev->done.of != UI_FX_ITEM_FOUND)
            break;
        if (strcmp(ev->done.code, it->code) != 0)
            break;
        it->busy = false;
        it->confirm_lost = false;
        if (ev->h.result == UI_R_OK) {
            ui__toastf(st, UI_TONE_OK,
                       ev->done.of == UI_FX_ITEM_LOST ? UI_MSG_ITEM_LOST_DONE
                                                      : UI_MSG_RETURN_FOUND_OK,
                       it->item.name, NULL);
            ui__sound(st, fx, UI_SOUND_OK);
            load(st, 0, fx);
        } else if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_RETURN_FAILED, ui__reason(st, ev->h.result), NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        break;
    case UI_EV_SCAN: /* another item: shown when the store knows it */
        if (ev->scan.code[0] && !it->busy) {
            ui__copy(it->asked, sizeof it->asked, ev->scan.code);
            UiFx *f = ui__fx(fx, UI_FX_ITEM_HISTORY);
            ui__copy(f->item_history.code, sizeof f->item_history.code, it->asked);
        }
        break;
    case UI_EV_PRESS: {
        const char *id = ev->press.id;
        if (strcmp(id, "item.back") == 0) {
            ui__go(st, UI_SCR_STAFF, NULL, fx);
        } else if (!it->loaded || it->busy) {
            break;
        } else if (strcmp(id, "item.older") == 0 && it->more) {
            load(st, it->first + UI_HISTORY_PAGE, fx);
        } else if (strcmp(id, "item.newer") == 0 && it->first > 0) {
            load(st, it->first > UI_HISTORY_PAGE ? it->first - UI_HISTORY_PAGE : 0, fx);
        } else if (strcmp(id, "item.take_back") == 0 && it->item.status == UI_ITEM_ON_LOAN) {
            UiEvent scan;
            ui_event_init(&scan, UI_EV_SCAN);
            scan.h.now_ms = st->now_ms;
            ui__copy(scan.scan.code, sizeof scan.scan.code, it->code);
            ui__redirect(st, UI_SCR_RETURN, NULL, &scan, fx);
        } else if (strcmp(id, "item.lost") == 0 && it->lent) {
            it->confirm_lost = true;
        } else if (strcmp(id, "item.lost_no") == 0) {
            it->confirm_lost = false;
        } else if (strcmp(id, "item.lost_yes") == 0 && it->confirm_lost) {
            act(st, UI_FX_ITEM_LOST, fx);
        } else if (strcmp(id, "item.found") == 0 && it->item.status == UI_ITEM_MISSING) {
            act(st, UI_FX_ITEM_FOUND, fx);
        }
        break;
    }
    default:
        break;
    }
}

static void item_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrItem *it = &st->item;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    char text[UI_TEXT_MAX];
    char date[UI_DATE_MAX];
    ui__button(dl, st, "item.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (!it->loaded) {
        ui__label(dl, st, "item.wait", ui__rect_make(pad, area.y + pad, area.w - 2 * pad, touch),
                  UI_FONT_LARGE, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    ui__sprintf(text, sizeof text, "%s  (%s)", it->item.name, it->item.code);
    ui__label(dl, st, "item.name", ui__rect_make(pad, y, w, ui__px(st, 44)), UI_FONT_TITLE,
              UI_COL_TEXT, UI_ALIGN_LEFT, text);
    y += ui__px(st, 48);

    if (it->confirm_lost) { /* one question, two answers */
        ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_LOST_ASK), it->item.name, NULL);
        int h = ui__text_wrap(dl, st, ui__rect_make(pad, y, w, ui__px(st, 120)), UI_FONT_LARGE,
                              ui__col(st, UI_COL_TEXT), 3, text);
        ui__widget(dl, "item.lost_ask", UI_W_LABEL, ui__rect_make(pad, y, w, h), text);
        int by = area.y + area.h - touch - pad;
        int bw = ui__px(st, 380);
        ui__button(dl, st, "item.lost_no", ui__rect_make(pad, by, ui__px(st, 240), touch),
                   ui_t(st, UI_MSG_COMMON_CANCEL), UI_STYLE_SECONDARY);
        ui__button(dl, st, "item.lost_yes", ui__rect_make(area.w - pad - bw, by, bw, touch),
                   ui_t(st, UI_MSG_ITEM_LOST_YES), UI_STYLE_DANGER);
        return;
    }

    /* who has it and until when */
    int line = ui__px(st, 34);
    if (it->lent) {
        ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_LENT_TO), it->who, NULL);
        ui__append(text, sizeof text, "  (");
        ui__append(text, sizeof text, it->card);
        if (it->phone[0]) {
            ui__append(text, sizeof text, ", ");
            ui__append(text, sizeof text, it->phone);
        }
        ui__append(text, sizeof text, ")");
        ui__label(dl, st, "item.who", ui__rect_make(pad, y, w, line), UI_FONT_LARGE, UI_COL_TEXT,
                  UI_ALIGN_LEFT, text);
        y += line;
        ui_date_text(st, it->due, true, date, sizeof date);
        ui_format(text, sizeof text, ui_t(st, it->overdue ? UI_MSG_ITEM_OVERDUE : UI_MSG_ITEM_DUE),
                  date, NULL);
        ui__label(dl, st, "item.due", ui__rect_make(pad, y, w, line), UI_FONT_BODY,
                  it->overdue ? UI_COL_BAD : UI_COL_TEXT, UI_ALIGN_LEFT, text);
    } else {
        ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_HOME), ui__status(st, it->item.status),
                  NULL);
        ui__label(dl, st, "item.status", ui__rect_make(pad, y, w, line), UI_FONT_LARGE,
                  it->item.status == UI_ITEM_AVAILABLE ? UI_COL_TEXT : UI_COL_WARN, UI_ALIGN_LEFT,
                  text);
    }
    y += line;
    if (it->damage[0]) { /* damage notes wherever staff see the item */
        ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_DAMAGE), it->damage, NULL);
        ui__label(dl, st, "item.damage", ui__rect_make(pad, y, w, line), UI_FONT_BODY, UI_COL_WARN,
                  UI_ALIGN_LEFT, text);
        y += line;
    }
    if (it->notes[0]) {
        ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_NOTES), it->notes, NULL);
        ui__label(dl, st, "item.notes", ui__rect_make(pad, y, w, line), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, text);
        y += line;
    }

    /* the history, a page at a time */
    y += gap;
    ui__label(dl, st, "item.history", ui__rect_make(pad, y, w, line), UI_FONT_LARGE, UI_COL_TEXT,
              UI_ALIGN_LEFT, ui_t(st, UI_MSG_ITEM_HISTORY));
    y += line + gap / 2;
    int footer = touch + 2 * pad;
    int row = ui__px(st, 30);
    int dw = ui__px(st, 200);
    if (it->n == 0 && it->first == 0)
        ui__label(dl, st, "item.h.none", ui__rect_make(pad, y, w, row), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, ui_t(st, UI_MSG_ITEM_NO_HISTORY));
    for (int k = 0; k < it->n; k++) {
        if (y + row > area.y + area.h - footer)
            break;
        const UiHistoryEntry *e = &it->entry[k];
        char id[UI_ID_MAX];
        ui_date_text(st, e->at, false, date, sizeof date);
        ui__sprintf(id, sizeof id, "item.h.date.%d", k);
        ui__label(dl, st, id, ui__rect_make(pad, y, dw, row), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, date);
        entry_text(st, e, text, sizeof text);
        ui__sprintf(id, sizeof id, "item.h.%d", k);
        bool bad = e->kind == UI_HIST_LOST || (e->kind == UI_HIST_RETURNED && e->damaged);
        ui__label(dl, st, id, ui__rect_make(pad + dw + gap, y, w - dw - gap, row), UI_FONT_BODY,
                  bad ? UI_COL_WARN : UI_COL_TEXT, UI_ALIGN_LEFT, text);
        y += row;
    }

    /* paging on the left, actions on the right */
    int by = area.y + area.h - touch - pad;
    int pw = ui__px(st, 150);
    ui__button(dl, st, "item.newer", ui__rect_make(pad, by, pw, touch), ui_t(st, UI_MSG_ITEM_NEWER),
               it->first > 0 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    ui__button(dl, st, "item.older", ui__rect_make(pad + pw + gap, by, pw, touch),
               ui_t(st, UI_MSG_ITEM_OLDER), it->more ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    int aw = ui__px(st, 250);
    int x = area.w - pad - aw;
    if (it->item.status == UI_ITEM_ON_LOAN) {
        ui__button(dl, st, "item.take_back", ui__rect_make(x, by, aw, touch),
                   ui_t(st, UI_MSG_ITEM_TAKE_BACK), UI_STYLE_PRIMARY);
        x -= aw + gap;
    }
    if (it->lent) {
        ui__button(dl, st, "item.lost", ui__rect_make(x, by, aw, touch), ui_t(st, UI_MSG_ITEM_LOST),
                   UI_STYLE_DANGER);
    }
    if (it->item.status == UI_ITEM_MISSING) {
        ui__button(dl, st, "item.found", ui__rect_make(area.w - pad - aw, by, aw, touch),
                   ui_t(st, UI_MSG_RETURN_FOUND), UI_STYLE_OK);
    }
}

static void load(UiState *st, int first, UiEffects *fx)
{
    ui__copy(st->item.asked, sizeof st->item.asked, st->item.code);
    UiFx *f = ui__fx(fx, UI_FX_ITEM_HISTORY);
    ui__copy(f->item_history.code, sizeof f->item_history.code, st->item.code);
    f->item_history.first = first;
}

static void act(UiState *st, UiFxKind kind, UiEffects *fx)
{
    UiFx *f = ui__fx(fx, kind);
    UiFxItemAct *a = kind == UI_FX_ITEM_LOST ? &f->item_lost : &f->item_found;
    ui__copy(a->code, sizeof a->code, st->item.code);
    a->staff_id = ui__staff_id(st);
    if (kind == UI_FX_ITEM_LOST)
        ui__copy(a->note, sizeof a->note, ui_t(st, UI_MSG_ITEM_LOST_NOTE));
    else
        ui__copy(a->note, sizeof a->note, ui_t(st, UI_MSG_RETURN_FOUND));
    st->item.busy = true;
}

/* "Lent to Kari Nordmann, not back yet", "Returned by Ola: torn door", "Now in repair: ..." */
static void entry_text(const UiState *st, const UiHistoryEntry *e, char *buf, size_t size)
{
    const char *arg = e->who;
    UiMsg msg = history_msg[e->kind];
    if (e->kind == UI_HIST_LENT && e->open)
        msg = UI_MSG_ITEM_H_OUT;
    if (e->kind == UI_HIST_STATUS && e->status >= 0 && e->status < UI_ITEM_COUNT)
        arg = ui__status(st, (UiItemStatus)e->status);
    if (e->kind == UI_HIST_STOCKTAKE && e->status >= 0 && e->status < UI_AUDIT_COUNT)
        arg = ui_t(st, audit_msg[e->status]);
    char step[UI_TEXT_MAX];
    if (e->kind == UI_HIST_REPAIR && e->status >= 0 && e->status < UI_REPAIR_COUNT) {
        /* "Verksted: Kassert (Ikke trygg)" */
        ui__copy(step, sizeof step, ui_t(st, repair_msg[e->status]));
        if (e->reason >= 0 && e->reason < UI_RETIRE_COUNT) {
            ui__append(step, sizeof step, " (");
            ui__append(step, sizeof step, ui_t(st, retire_msg[e->reason]));
            ui__append(step, sizeof step, ")");
        }
        arg = step;
    }
    ui_format(buf, size, ui_t(st, msg), arg, NULL);
    if (e->renewals > 0) {
        char n[16];
        char renewed[UI_TEXT_MAX];
        ui__sprintf(n, sizeof n, "%d", e->renewals);
        ui_format(renewed, sizeof renewed, ui_t(st, UI_MSG_ITEM_H_RENEWED), n, NULL);
        ui__append(buf, size, renewed);
    }
    bool note =
        e->note[0] && (e->kind == UI_HIST_STATUS || e->kind == UI_HIST_LOST ||
                       e->kind == UI_HIST_REPAIR || (e->kind == UI_HIST_RETURNED && e->damaged));
    if (note) {
        ui__append(buf, size, ": ");
        ui__append(buf, size, e->note);
    }
}
