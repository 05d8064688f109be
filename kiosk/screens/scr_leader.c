/* Leader: the menu to stocktake and year figures, and item and borrower management for the
 * common cases: scan an item to send it to repair, retire it or make it available again; scan a
 * new label to add an item; find a borrower to block (with a reason) or unblock. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void leader_enter(UiState *st, const void *args, UiEffects *fx);
static bool leader_wants_text(const UiState *st);
static UiMsg leader_title(const UiState *st);
static void leader_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void leader_view(const UiState *st, UiDrawList *dl, UiRect area);
static void update_item(UiState *st, const UiEvent *ev, UiEffects *fx);
static void update_new_item(UiState *st, const UiEvent *ev, UiEffects *fx);
static void update_borrower(UiState *st, const UiEvent *ev, UiEffects *fx);
static void update_label(UiState *st, const UiEvent *ev, UiEffects *fx);
/* Only what the store will do: nothing while the item is lent (take it back first), and not the
 * status it already has. */
static bool can_set(const UiItem *it, UiItemStatus s)
{
    return it->status != UI_ITEM_ON_LOAN && it->status != s;
}

/* Why can_set() said no, in the reader's language. */
static void why_not(const UiState *st, const UiItem *it, char *buf, size_t size)
{
    if (it->status == UI_ITEM_ON_LOAN)
        ui__copy(buf, size, ui_t(st, UI_MSG_ITEM_WHY_LENT));
    else
        ui_format(buf, size, ui_t(st, UI_MSG_ITEM_WHY_SAME), ui__status(st, it->status), NULL);
}

static void view_item(const UiState *st, UiDrawList *dl, UiRect area);
static void view_new_item(const UiState *st, UiDrawList *dl, UiRect area);
static void view_borrower(const UiState *st, UiDrawList *dl, UiRect area);
static void view_label(const UiState *st, UiDrawList *dl, UiRect row, int bw);
static void set_status(UiState *st, UiEffects *fx, UiItemStatus s, UiMsg note);
static bool can_set(const UiItem *it, UiItemStatus s);
static void why_not(const UiState *st, const UiItem *it, char *buf, size_t size);

const UiScreen scr_leader = {
    .enter = leader_enter,
    .update = leader_update,
    .view = leader_view,
    .wants_text = leader_wants_text,
    .title = leader_title,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args: the leader's menu */
static void leader_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    st->leader.stage = UI_LEADER_MENU;
    st->leader.item_loaded = false;
}

/* the new item's name and the borrower search are typed */
static bool leader_wants_text(const UiState *st)
{
    return st->leader.stage == UI_LEADER_NEW_ITEM || st->leader.stage == UI_LEADER_BORROWER;
}

static UiMsg leader_title(const UiState *st)
{
    if (st->leader.stage == UI_LEADER_BORROWER)
        return UI_MSG_LEADER_BORROWERS;
    if (st->leader.stage != UI_LEADER_MENU)
        return UI_MSG_LEADER_ITEMS;
    return UI_MSG_LEADER_TITLE;
}

static void leader_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (st->session.role != UI_ROLE_LEADER) { /* never reached without a leader; be safe */
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "leader.back") == 0) {
        if (st->leader.stage == UI_LEADER_MENU) {
            ui__go(st, UI_SCR_STAFF, NULL, fx);
        } else {
            st->leader.stage = UI_LEADER_MENU;
        }
        return;
    }
    switch (st->leader.stage) {
    case UI_LEADER_MENU:
        if (ev->kind != UI_EV_PRESS)
            break;
        if (strcmp(ev->press.id, "leader.audit") == 0) {
            ui__go(st, UI_SCR_AUDIT, NULL, fx);
        } else if (strcmp(ev->press.id, "leader.stats") == 0) {
            ui__go(st, UI_SCR_STATS, NULL, fx);
        } else if (strcmp(ev->press.id, "leader.staff") == 0) {
            ui__go(st, UI_SCR_ACCOUNTS, NULL, fx);
        } else if (strcmp(ev->press.id, "leader.calendar") == 0) {
            ui__go(st, UI_SCR_CALENDAR, NULL, fx);
        } else if (strcmp(ev->press.id, "leader.workdays") == 0) {
            ui__go(st, UI_SCR_WORKDAYS, NULL, fx);
        } else if (strcmp(ev->press.id, "leader.items") == 0) {
            st->leader.stage = UI_LEADER_ITEM;
            st->leader.item_loaded = false;
        } else if (strcmp(ev->press.id, "leader.borrowers") == 0) {
            st->leader.stage = UI_LEADER_BORROWER;
            st->leader.query.text[0] = '\0';
            st->leader.reason.text[0] = '\0';
            st->leader.n_found = 0;
            st->leader.searched = false;
            st->leader.picked.id = 0;
            ui__set_shift(st, true);
        }
        break;
    case UI_LEADER_ITEM:
        update_item(st, ev, fx);
        break;
    case UI_LEADER_NEW_ITEM:
        update_new_item(st, ev, fx);
        break;
    case UI_LEADER_BORROWER:
        update_borrower(st, ev, fx);
        break;
    }
}

static void leader_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    if (st->leader.stage != UI_LEADER_MENU) {
        switch (st->leader.stage) {
        case UI_LEADER_ITEM:
            view_item(st, dl, area);
            break;
        case UI_LEADER_NEW_ITEM:
            view_new_item(st, dl, area);
            break;
        default:
            view_borrower(st, dl, area);
            break;
        }
        return;
    }
    int gap = ui__px(st, 24);
    static const struct {
        const char *id;
        UiMsg msg;
        UiStyle style;
    } tiles[] = {{"leader.audit", UI_MSG_LEADER_AUDIT, UI_STYLE_BIG},
                 {"leader.stats", UI_MSG_LEADER_STATS, UI_STYLE_BIG},
                 {"leader.calendar", UI_MSG_LEADER_CALENDAR, UI_STYLE_BIG},
                 {"leader.staff", UI_MSG_LEADER_STAFF, UI_STYLE_BIG},
                 {"leader.items", UI_MSG_LEADER_ITEMS, UI_STYLE_BIG_OK},
                 {"leader.borrowers", UI_MSG_LEADER_BORROWERS, UI_STYLE_BIG_OK},
                 {"leader.workdays", UI_MSG_LEADER_WORKDAYS, UI_STYLE_BIG}};
    /* three a row: counting, figures and the calendar on top; people and things below; as
     * many rows as the tiles need */
    int n_rows = (int)((sizeof tiles / sizeof tiles[0] + 2) / 3);
    int h = (area.h - 2 * pad - (n_rows - 1) * gap) / n_rows;
    UiLayout lay = ui__layout(ui__rect_make(pad * 2, area.y + pad, area.w - 4 * pad, area.h), gap);
    ui__row(&lay, 3, (int[]){0, 0, 0}, h);
    for (size_t i = 0; i < sizeof tiles / sizeof tiles[0]; i++) {
        ui__button(dl, st, tiles[i].id, ui__next(&lay), ui_t(st, tiles[i].msg), tiles[i].style);
    }
    ui__button(dl, st, "leader.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
}

/* ---- items --------------------------------------------------------------------------------- */

/* The item screen's three actions: button id, the status it sets, the note in the history. */
static const struct {
    const char *id;
    UiItemStatus status;
    UiMsg msg;
    UiStyle style;
} item_actions[3] = {{"item.repair", UI_ITEM_IN_REPAIR, UI_MSG_ITEM_REPAIR, UI_STYLE_PRIMARY},
                     {"item.retire", UI_ITEM_RETIRED, UI_MSG_ITEM_RETIRE, UI_STYLE_DANGER},
                     {"item.available", UI_ITEM_AVAILABLE, UI_MSG_ITEM_AVAILABLE, UI_STYLE_OK}};

static void update_item(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (ev->kind == UI_EV_SCAN) {
        UiFx *f = ui__fx(fx, UI_FX_ITEM_INFO);
        ui__copy(f->item_info.code, sizeof f->item_info.code, ev->scan.code);
    } else if (ev->kind == UI_EV_LABEL) {
        update_label(st, ev, fx);
    } else if (ev->kind == UI_EV_PRESS && st->leader.item_loaded &&
               strcmp(ev->press.id, "item.label") == 0) {
        UiFx *f = ui__fx(fx, UI_FX_MAKE_LABEL);
        ui__copy(f->make_label.code, sizeof f->make_label.code, st->leader.item.code);
    } else if (ev->kind == UI_EV_ITEM_INFO) {
        st->leader.label_made = false;
        if (ev->h.result == UI_R_OK) {
            st->leader.item = ev->item_info.item;
            ui__copy(st->leader.item_damage, sizeof st->leader.item_damage, ev->item_info.damage);
            st->leader.item_loaded = true;
            ui__sound(st, fx, UI_SOUND_OK);
        } else if (ev->h.result == UI_R_UNKNOWN_ITEM) {
            memset(&st->leader.item, 0, sizeof st->leader.item);
            ui__copy(st->leader.item.code, sizeof st->leader.item.code, ev->item_info.code);
            st->leader.item_name.text[0] = '\0';
            st->leader.item_cat = -1;
            st->leader.item_location[0] = '\0';
            st->leader.stage = UI_LEADER_NEW_ITEM;
            ui__set_shift(st, true);
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        }
    } else if (ev->kind == UI_EV_PRESS && st->leader.item_loaded) {
        for (int i = 0; i < 3; i++) {
            if (strcmp(ev->press.id, item_actions[i].id) != 0)
                continue;
            if (can_set(&st->leader.item, item_actions[i].status)) {
                set_status(st, fx, item_actions[i].status, item_actions[i].msg);
            } else { /* a greyed button: say why again */
                char why[UI_TEXT_MAX];
                why_not(st, &st->leader.item, why, sizeof why);
                ui__toastf(st, UI_TONE_INFO, UI_MSG_ITEM_CHANGED, st->leader.item.name, why);
                ui__sound(st, fx, UI_SOUND_REFUSED);
            }
        }
    } else if (ev->kind == UI_EV_DONE && ev->done.of == UI_FX_SET_STATUS) {
        if (ev->h.result == UI_R_OK) {
            ui__toastf(st, UI_TONE_OK, UI_MSG_ITEM_CHANGED, st->leader.item.name,
                       ui__status(st, ev->done.status));
            st->leader.item.status = ev->done.status;
        } else if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_ITEM_CHANGED, st->leader.item.name,
                       ui__reason(st, ev->h.result));
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
    }
}

/* A label of the item on screen: where its PDF went, shown beside the button until another item
 * is scanned. */
static void update_label(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (ev->h.result != UI_R_OK) {
        if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_ITEM_CHANGED, ev->label.code,
                       ui__reason(st, ev->h.result));
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    }
    if (strcmp(ev->label.code, st->leader.item.code) != 0)
        return; /* another item is on screen by now */
    st->leader.label_made = true;
    st->leader.label_outcome = ev->label.outcome;
    ui__copy(st->leader.label_path, sizeof st->leader.label_path,
             ev->label.outcome == UI_LABEL_FAILED ? ev->h.detail : ev->label.path);
    ui__sound(st, fx, ev->label.outcome == UI_LABEL_FAILED ? UI_SOUND_REFUSED : UI_SOUND_OK);
}

static void set_status(UiState *st, UiEffects *fx, UiItemStatus s, UiMsg note)
{
    UiFx *f = ui__fx(fx, UI_FX_SET_STATUS);
    ui__copy(f->set_status.code, sizeof f->set_status.code, st->leader.item.code);
    ui__copy(f->set_status.note, sizeof f->set_status.note,
             ui_catalog_get(st->cat, UI_LANG_NB, note));
    f->set_status.status = s;
    f->set_status.staff_id = ui__staff_id(st);
}

static void view_item(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 12);
    int touch = ui__touch(st);
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    UiRect hint = ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 64));
    ui__panel(dl, st, hint, UI_TONE_INFO);
    ui__label(dl, st, "item.scan", ui__inset(hint, ui__px(st, 8)), UI_FONT_LARGE, UI_COL_BUTTON,
              UI_ALIGN_CENTER, ui_t(st, UI_MSG_ITEM_SCAN));
    y += ui__px(st, 64) + pad;
    if (st->leader.item_loaded) {
        const UiItem *it = &st->leader.item;
        ui__sprintf(text, sizeof text, "%s  (%s)", it->name, it->code);
        ui__label(dl, st, "item.name", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 44)),
                  UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
        y += ui__px(st, 48);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_STATUS), ui__status(st, it->status),
                  NULL);
        ui__label(dl, st, "item.status", ui__rect_make(pad, y, area.w / 2, ui__px(st, 36)),
                  UI_FONT_LARGE, it->status == UI_ITEM_AVAILABLE ? UI_COL_OK : UI_COL_WARN,
                  UI_ALIGN_LEFT, text);
        ui__sprintf(text, sizeof text, "%s  \xC2\xB7  %s", it->category,
                    it->location[0] ? it->location : "-");
        ui__label(dl, st, "item.category",
                  ui__rect_make(area.w / 2, y, area.w / 2 - pad, ui__px(st, 36)), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_RIGHT, text);
        y += ui__px(st, 48);
        if (st->leader.item_damage[0]) { /* damage notes wherever staff see the item */
            ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_DAMAGE), st->leader.item_damage,
                      NULL);
            ui__label(dl, st, "item.damage",
                      ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 32)), UI_FONT_BODY,
                      UI_COL_WARN, UI_ALIGN_LEFT, text);
            y += ui__px(st, 40);
        }
        int bw = (area.w - 2 * pad - 2 * gap) / 3;
        bool any_off = false;
        for (int i = 0; i < 3; i++) {
            bool on = can_set(it, item_actions[i].status);
            any_off = any_off || !on;
            ui__button(
                dl, st, item_actions[i].id, ui__rect_make(pad + i * (bw + gap), y, bw, touch + gap),
                ui_t(st, item_actions[i].msg), on ? item_actions[i].style : UI_STYLE_DISABLED);
        }
        y += touch + gap + pad;
        if (any_off) { /* say why the grey buttons do nothing */
            why_not(st, it, text, sizeof text);
            ui__label(dl, st, "item.why", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 36)),
                      UI_FONT_BODY, UI_COL_TEXT, UI_ALIGN_LEFT, text);
        }
        y += ui__px(st, 36) + pad;
        view_label(st, dl, ui__rect_make(pad, y, area.w - 2 * pad, area.y + area.h - y), bw);
    }
    ui__button(dl, st, "leader.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
}

/* "Lag etikett", and under it where the last label of this item went (the whole width: a path
 * is long). */
static void view_label(const UiState *st, UiDrawList *dl, UiRect row, int bw)
{
    int touch = ui__touch(st);
    ui__button(dl, st, "item.label", ui__rect_make(row.x, row.y, bw, touch),
               ui_t(st, UI_MSG_ITEM_LABEL), UI_STYLE_PRIMARY);
    if (!st->leader.label_made)
        return;
    static const UiMsg say[] = {[UI_LABEL_PRINTING] = UI_MSG_ITEM_LABEL_PRINTING,
                                [UI_LABEL_SAVED] = UI_MSG_ITEM_LABEL_SAVED,
                                [UI_LABEL_FAILED] = UI_MSG_ITEM_LABEL_FAILED};
    char text[UI_TEXT_MAX * 2];
    ui_format(text, sizeof text, ui_t(st, say[st->leader.label_outcome]), st->leader.label_path,
              NULL);
    int y = row.y + touch + ui__px(st, 8);
    UiRect note = ui__rect_make(row.x, y, row.w, row.h - (y - row.y));
    bool bad = st->leader.label_outcome == UI_LABEL_FAILED;
    ui__text_wrap(dl, st, note, UI_FONT_SMALL, ui__col(st, bad ? UI_COL_BAD : UI_COL_TEXT), 2,
                  text);
    ui__widget(dl, "item.label_note", UI_W_LABEL, note, text);
}

static void update_new_item(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (ev->kind == UI_EV_SCAN) { /* a shelf label: where the item belongs */
        ui__copy(st->leader.item_location, sizeof st->leader.item_location, ev->scan.code);
        ui__sound(st, fx, UI_SOUND_OK);
        return;
    }
    if (ev->kind == UI_EV_PRESS) {
        int i = ui__index(ev->press.id, "item.cat.");
        if (i >= 0 && i < st->cfg.n_categories) {
            st->leader.item_cat = i;
            return;
        }
        if (strcmp(ev->press.id, "item.add") == 0) {
            if (!st->leader.item_name.text[0] || st->leader.item_cat < 0) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_ITEM_NEED_FIELDS, NULL, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
                return;
            }
            UiFxAddItem *r = &ui__fx(fx, UI_FX_ADD_ITEM)->add_item;
            ui__copy(r->code, sizeof r->code, st->leader.item.code);
            ui__copy(r->name, sizeof r->name, st->leader.item_name.text);
            ui__copy(r->category, sizeof r->category, st->cfg.categories[st->leader.item_cat]);
            ui__copy(r->location, sizeof r->location, st->leader.item_location);
            r->staff_id = ui__staff_id(st);
            return;
        }
    }
    if (ev->kind == UI_EV_DONE && ev->done.of == UI_FX_ADD_ITEM) {
        if (ev->h.result == UI_R_OK) {
            ui__toastf(st, UI_TONE_OK, UI_MSG_ITEM_ADDED, st->leader.item_name.text, NULL);
            st->leader.stage = UI_LEADER_ITEM;
            UiFx *f = ui__fx(fx, UI_FX_ITEM_INFO);
            ui__copy(f->item_info.code, sizeof f->item_info.code, st->leader.item.code);
        } else if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_ITEM_CHANGED, st->leader.item.code,
                       ui__reason(st, ev->h.result));
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    }
    bool enter = false;
    ui__keyboard_event(st, ev, &st->leader.item_name, &enter);
}

static void view_new_item(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 12);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int fh = touch;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    int w = area.w - 2 * pad;
    int nw = w * 40 / 100;
    int lw = w * 28 / 100;
    int bw = w - nw - lw - 2 * gap;
    ui_format(text, sizeof text, ui_t(st, UI_MSG_ITEM_NEW), st->leader.item.code, NULL);
    ui__field(dl, st, "item.name", ui__rect_make(pad, y, nw, fh), text, st->leader.item_name.text,
              true);
    ui__field(dl, st, "item.location", ui__rect_make(pad + nw + gap, y, lw, fh),
              ui_t(st, UI_MSG_ITEM_LOCATION), st->leader.item_location, false);
    ui__button(dl, st, "item.add",
               ui__rect_make(pad + nw + lw + 2 * gap, y + fh - touch, bw, touch),
               ui_t(st, UI_MSG_ITEM_ADD), UI_STYLE_OK);
    y += fh + gap;
    int n = st->cfg.n_categories;
    int cw = n > 0 ? (w - (n - 1) * gap) / n : w;
    for (int i = 0; i < n; i++) {
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "item.cat.%d", i);
        ui__button(dl, st, id, ui__rect_make(pad + i * (cw + gap), y, cw, touch),
                   st->cfg.categories[i],
                   st->leader.item_cat == i ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    }
    y += touch + gap;
    int kb_h = area.y + area.h - y - pad;
    ui__keyboard(dl, st, ui__rect_make(pad, y, w, kb_h), st->shift);
    ui__button(dl, st, "leader.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
}

/* ---- borrowers ----------------------------------------------------------------------------- */

static void update_borrower(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (ev->kind == UI_EV_FOUND) {
        st->leader.n_found = 0; /* the people follow in UI_EV_FOUND_PART */
        st->leader.searched = true;
        return;
    }
    if (ev->kind == UI_EV_FOUND_PART) {
        for (int i = 0; i < ev->found_part.n && st->leader.n_found < UI_FOUND_MAX; i++) {
            const UiPerson *p = &ev->found_part.people[i];
            st->leader.found[st->leader.n_found++] = *p;
            if (st->leader.picked.id && p->id == st->leader.picked.id)
                st->leader.picked = *p;
        }
        return;
    }
    if (ev->kind == UI_EV_SCAN) { /* a borrower card: look it up */
        ui__copy(st->leader.query.text, sizeof st->leader.query.text, ev->scan.code);
        st->leader.picked.id = 0;
        UiFx *f = ui__fx(fx, UI_FX_SEARCH);
        ui__copy(f->search.query, sizeof f->search.query, ev->scan.code);
        return;
    }
    if (ev->kind == UI_EV_DONE && (ev->done.of == UI_FX_BLOCK || ev->done.of == UI_FX_UNBLOCK)) {
        if (ev->h.result == UI_R_OK) {
            st->leader.picked.blocked = ev->done.of == UI_FX_BLOCK;
            ui__toastf(st, UI_TONE_OK,
                       ev->done.of == UI_FX_BLOCK ? UI_MSG_BORR_BLOCKED : UI_MSG_BORR_UNBLOCKED,
                       st->leader.picked.name, NULL);
            st->leader.reason.text[0] = '\0';
            UiFx *f = ui__fx(fx, UI_FX_SEARCH); /* refresh the list */
            ui__copy(f->search.query, sizeof f->search.query, st->leader.query.text);
        } else if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_ITEM_CHANGED, st->leader.picked.name,
                       ui__reason(st, ev->h.result));
        }
        return;
    }
    if (ev->kind == UI_EV_PRESS) {
        int i = ui__index(ev->press.id, "borr.found.");
        if (i >= 0 && i < st->leader.n_found) {
            st->leader.picked = st->leader.found[i];
            st->leader.reason.text[0] = '\0';
            ui__set_shift(st, !st->leader.picked.blocked); /* a reason starts with a capital */
            return;
        }
        if (strcmp(ev->press.id, "borr.block") == 0 && st->leader.picked.id) {
            if (!st->leader.reason.text[0]) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_BORR_NEED_REASON, NULL, NULL);
                return;
            }
            UiFx *f = ui__fx(fx, UI_FX_BLOCK);
            ui__copy(f->block.card, sizeof f->block.card, st->leader.picked.card);
            ui__copy(f->block.reason, sizeof f->block.reason, st->leader.reason.text);
            f->block.staff_id = ui__staff_id(st);
            return;
        }
        if (strcmp(ev->press.id, "borr.unblock") == 0 && st->leader.picked.id) {
            UiFx *f = ui__fx(fx, UI_FX_UNBLOCK);
            ui__copy(f->unblock.card, sizeof f->unblock.card, st->leader.picked.card);
            f->unblock.staff_id = ui__staff_id(st);
            return;
        }
        if (strcmp(ev->press.id, "borr.query") == 0) {
            st->leader.picked.id = 0;
            return;
        }
    }
    bool enter = false;
    if (st->leader.picked.id && !st->leader.picked.blocked) {
        ui__keyboard_event(st, ev, &st->leader.reason, &enter);
        return;
    }
    char before[UI_NAME_MAX];
    ui__copy(before, sizeof before, st->leader.query.text);
    if (ui__keyboard_event(st, ev, &st->leader.query, &enter) &&
        (enter || strcmp(before, st->leader.query.text) != 0)) {
        st->leader.picked.id = 0;
        if (st->leader.query.text[0]) {
            UiFx *f = ui__fx(fx, UI_FX_SEARCH);
            ui__copy(f->search.query, sizeof f->search.query, st->leader.query.text);
        } else {
            st->leader.n_found = 0;
        }
    }
}

static void view_borrower(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int fh = touch;
    int lw = area.w * 77 / 100; /* 11 keys of at least 64 px */
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    bool reason = st->leader.picked.id && !st->leader.picked.blocked;
    if (reason)
        ui__field(dl, st, "borr.reason", ui__rect_make(pad, y, lw - pad, fh),
                  ui_t(st, UI_MSG_BORR_REASON), st->leader.reason.text, true);
    else
        ui__field(dl, st, "borr.query", ui__rect_make(pad, y, lw - pad, fh),
                  ui_t(st, UI_MSG_STAFF_SEARCH), st->leader.query.text, true);
    y += fh + pad;
    ui__keyboard(dl, st, ui__rect_make(pad, y, lw - pad, area.y + area.h - y - pad), st->shift);

    int rx = lw + pad;
    int rw = area.w - rx - pad;
    int ry = area.y + pad;
    int bottom = area.y + area.h - pad - 2 * (touch + gap);
    if (st->leader.picked.id) {
        UiRect r = ui__rect_make(rx, ry, rw, ui__px(st, 100));
        ui__panel(dl, st, r, st->leader.picked.blocked ? UI_TONE_BAD : UI_TONE_OK);
        ui__label(dl, st, "borr.name",
                  ui__rect_make(r.x + pad, r.y + gap, r.w - 2 * pad, ui__px(st, 36)), UI_FONT_LARGE,
                  UI_COL_TEXT, UI_ALIGN_LEFT, st->leader.picked.name);
        if (st->leader.picked.blocked)
            ui_format(text, sizeof text, ui_t(st, UI_MSG_BORR_BLOCKED),
                      st->leader.picked.blocked_reason, NULL);
        else
            ui__sprintf(text, sizeof text, "%s  %s", st->leader.picked.card,
                        st->leader.picked.phone);
        /* the reason may be long: two lines in a narrow column */
        UiRect sr = ui__rect_make(r.x + pad, r.y + ui__px(st, 46), r.w - 2 * pad, ui__px(st, 50));
        ui__text_wrap(dl, st, sr, UI_FONT_SMALL,
                      ui__col(st, st->leader.picked.blocked ? UI_COL_BAD : UI_COL_MUTED), 2, text);
        ui__widget(dl, "borr.state", UI_W_LABEL, sr, text);
        ry += ui__px(st, 100) + gap;
        if (st->leader.picked.blocked)
            ui__button(dl, st, "borr.unblock", ui__rect_make(rx, ry, rw, touch),
                       ui_t(st, UI_MSG_BORR_UNBLOCK), UI_STYLE_OK);
        else
            ui__button(dl, st, "borr.block", ui__rect_make(rx, ry, rw, touch),
                       ui_t(st, UI_MSG_BORR_BLOCK), UI_STYLE_DANGER);
        ry += touch + gap;
    }
    if (!st->leader.picked.id) {
        if (st->leader.searched && st->leader.n_found == 0)
            ui__label(dl, st, "borr.no_match", ui__rect_make(rx, ry, rw, touch), UI_FONT_BODY,
                      UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_STAFF_NO_MATCH));
        for (int i = 0; i < st->leader.n_found && ry + touch <= bottom; i++) {
            const UiPerson *p = &st->leader.found[i];
            char id[UI_ID_MAX];
            ui__sprintf(id, sizeof id, "borr.found.%d", i);
            UiRect r = ui__rect_make(rx, ry, rw, touch);
            ui__fill(dl, r, ui__col(st, p->blocked ? UI_COL_BAD_BG : UI_COL_PANEL));
            ui__frame(dl, r, ui__col(st, UI_COL_FRAME), 1);
            ui__sprintf(text, sizeof text, "%s  (%s)", p->name, p->card);
            ui__text(dl, st, ui__rect_make(r.x + gap, r.y, r.w - 2 * gap, r.h), UI_FONT_BODY,
                     ui__col(st, p->blocked ? UI_COL_BAD : UI_COL_TEXT), UI_ALIGN_LEFT, text);
            ui__widget(dl, id, UI_W_ROW, r, text);
            ry += touch + gap;
        }
    }
    ui__button(dl, st, "leader.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
}
