/* Staff: a trainee or leader scans a staff card and types a PIN on the keypad; then looks
 * borrowers up by name, phone or card (or scans a card), lends and takes back for them, and
 * registers new borrowers. Every transaction carries the staff id. Leaders also reach the leader
 * screen. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void staff_enter(UiState *st, const void *args, UiEffects *fx);
static bool staff_wants_text(const UiState *st);
static bool staff_secret_text(const UiState *st);
/* the PIN's keys go straight to the keypad, never to the keyboard-scanner detector */
static bool staff_secret_text(const UiState *st)
{
    return st->staff.stage == UI_STAFF_PIN;
}

static void staff_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void staff_view(const UiState *st, UiDrawList *dl, UiRect area);
static void search(UiState *st, int first, UiEffects *fx);
static int page_rows(const UiState *st);
static int64_t staff_deadline(const UiState *st);
static void ask_sync(UiState *st, UiEffects *fx);
static void view_sync(const UiState *st, UiDrawList *dl, UiRect r);

const UiScreen scr_staff = {
    .enter = staff_enter,
    .update = staff_update,
    .view = staff_view,
    .wants_text = staff_wants_text,
    .secret_text = staff_secret_text,
    .title_msg = UI_MSG_STAFF_TITLE,
    .deadline = staff_deadline,
    .idle_logout = true,
    .top_logout = true,
};

/* args: ScrStaffArgs (a staff card to ask the PIN of) or NULL */
static void staff_enter(UiState *st, const void *args, UiEffects *fx)
{
    const ScrStaffArgs *a = args;
    st->staff.pin[0] = '\0';
    if (st->session.staff.id) {
        st->staff.stage = UI_STAFF_MENU;
        st->staff.query.text[0] = '\0';
        st->staff.n_found = 0;
        st->staff.searched = false;
        ask_sync(st, fx);
    } else if (a) {
        ui__copy(st->staff.card, sizeof st->staff.card, a->card);
        ui__copy(st->staff.name, sizeof st->staff.name, a->name);
        st->staff.stage = UI_STAFF_PIN;
    } else {
        st->staff.stage = UI_STAFF_CARD;
    }
}

static bool staff_wants_text(const UiState *st)
{
    return st->staff.stage != UI_STAFF_CARD;
}

static void staff_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (ev->kind == UI_EV_SYNC_STATUS) {
        if (ev->h.result == UI_R_OK) {
            st->staff.sync = ev->sync_status.s;
            st->staff.sync_loaded = true;
        }
        return;
    }
    if (ev->kind == UI_EV_TICK) {
        int64_t d = staff_deadline(st);
        if (d >= 0 && st->now_ms >= d)
            ask_sync(st, fx);
        return;
    }
    if (ev->kind == UI_EV_IDENTIFIED) {
        if (ev->h.result == UI_R_STORE)
            return;
        const UiEvIdentified *id = &ev->identified;
        if (ui__card_refused(st, ev->h.result, id->code, id->since, fx))
            return; /* a replaced card, a disabled or expired staff card */
        if (id->who == UI_WHO_STAFF && st->staff.stage != UI_STAFF_MENU) {
            ui__copy(st->staff.card, sizeof st->staff.card, id->staff.card);
            ui__copy(st->staff.name, sizeof st->staff.name, id->staff.name);
            st->staff.pin[0] = '\0';
            st->staff.stage = UI_STAFF_PIN;
            ui__sound(st, fx, UI_SOUND_OK);
        } else if (id->who == UI_WHO_BORROWER && st->staff.stage == UI_STAFF_MENU) {
            ui__login(st, &id->borrower, id->n_overdue, fx);
        } else if (id->who == UI_WHO_ITEM && st->staff.stage == UI_STAFF_MENU) {
            ScrItemArgs a = {id->item.code}; /* who has it, its history, what staff can do */
            ui__go(st, UI_SCR_ITEM, &a, fx);
        } else if (st->staff.stage == UI_STAFF_CARD) {
            ui__toast_code(st, UI_MSG_STAFF_NOT_STAFF, id->code);
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        } else {
            ui__toast_code(st, UI_MSG_HOME_UNKNOWN, id->code);
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        }
        return;
    }
    if (ev->kind == UI_EV_SCAN) {
        UiFx *f = ui__fx(fx, UI_FX_IDENTIFY);
        ui__copy(f->identify.code, sizeof f->identify.code, ev->scan.code);
        return;
    }
    switch (st->staff.stage) {
    case UI_STAFF_CARD:
        break;
    case UI_STAFF_PIN: {
        bool ok = false;
        if (ev->kind == UI_EV_PRESS && ui__starts(ev->press.id, "pin.")) {
            const char *k = ev->press.id + 4;
            if (strcmp(k, "back") == 0)
                ui__utf8_pop(st->staff.pin);
            else if (strcmp(k, "ok") == 0)
                ok = true;
            else if (k[0] >= '0' && k[0] <= '9' && !k[1] && strlen(st->staff.pin) < 12)
                ui__append(st->staff.pin, sizeof st->staff.pin, k);
        } else if (ev->kind == UI_EV_TEXT) {
            for (const char *p = ev->text.text; *p; p++) {
                char d[2] = {*p, '\0'};
                if (*p >= '0' && *p <= '9' && strlen(st->staff.pin) < 12)
                    ui__append(st->staff.pin, sizeof st->staff.pin, d);
            }
        } else if (ev->kind == UI_EV_KEY) {
            if (ev->key.key == UI_KEY_BACKSPACE)
                ui__utf8_pop(st->staff.pin);
            ok = ev->key.key == UI_KEY_ENTER;
        } else if (ev->kind == UI_EV_STAFF_LOGGED) {
            st->staff.pin[0] = '\0';
            if (ev->h.result == UI_R_OK) {
                st->session.staff = ev->staff_logged.staff;
                st->session.role = ev->staff_logged.role;
                st->staff.stage = UI_STAFF_MENU;
                staff_enter(st, NULL, fx);
                ui__sound(st, fx, UI_SOUND_OK);
            } else if (ev->h.result == UI_R_LOCKED) {
                /* the store counts wrong PINs and keeps the lock (it survives a restart) */
                char secs[16];
                ui__sprintf(secs, sizeof secs, "%d", ev->staff_logged.locked_s);
                ui__toastf(st, UI_TONE_BAD, UI_MSG_STAFF_LOCKED, secs, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
            } else if (ui__card_refused(st, ev->h.result, st->staff.card, ev->staff_logged.since,
                                        fx)) {
                st->staff.stage = UI_STAFF_CARD; /* this card cannot log in: scan another */
            } else if (ev->h.result != UI_R_STORE) {
                ui__toastf(st, UI_TONE_BAD, UI_MSG_STAFF_WRONG_PIN, NULL, NULL);
                ui__sound(st, fx, UI_SOUND_REFUSED);
            }
        }
        if (ok && st->staff.pin[0]) {
            UiFx *f = ui__fx(fx, UI_FX_STAFF_LOGIN);
            ui__copy(f->staff_login.card, sizeof f->staff_login.card, st->staff.card);
            ui__copy(f->staff_login.pin, sizeof f->staff_login.pin, st->staff.pin);
        }
        break;
    }
    case UI_STAFF_MENU: {
        if (ev->kind == UI_EV_FOUND) {
            st->staff.n_found = 0; /* the people follow in UI_EV_FOUND_PART */
            st->staff.found_first = ev->found.first;
            st->staff.found_total = ev->found.total;
            st->staff.searched = true;
            return;
        }
        if (ev->kind == UI_EV_FOUND_PART) {
            for (int i = 0; i < ev->found_part.n && st->staff.n_found < UI_FOUND_MAX; i++)
                st->staff.found[st->staff.n_found++] = ev->found_part.people[i];
            return;
        }
        if (ev->kind == UI_EV_PRESS) {
            int i = ui__index(ev->press.id, "staff.found.");
            if (i >= 0 && i < st->staff.n_found) {
                UiFx *f = ui__fx(fx, UI_FX_LOAD_BORROWER);
                f->load_borrower.id = st->staff.found[i].id;
                return;
            }
            int rows = page_rows(st);
            if (strcmp(ev->press.id, "staff.page_next") == 0 &&
                st->staff.found_first + rows < st->staff.found_total) {
                search(st, st->staff.found_first + rows, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.page_prev") == 0 && st->staff.found_first > 0) {
                search(st, st->staff.found_first > rows ? st->staff.found_first - rows : 0, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.return") == 0) {
                ui__go(st, UI_SCR_RETURN, NULL, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.register") == 0) {
                ui__go(st, UI_SCR_REGISTER, NULL, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.reserve") == 0) {
                ui__go(st, UI_SCR_RESERVE, NULL, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.calls") == 0) { /* whom to phone (scr_calls.c) */
                ui__go(st, UI_SCR_CALLS, NULL, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.sync") == 0) { /* conflicts (scr_sync.c) */
                ui__go(st, UI_SCR_SYNC, NULL, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.workshop") == 0) { /* trainees and leaders */
                ui__go(st, UI_SCR_REPAIRS, NULL, fx);
                return;
            }
            if (strcmp(ev->press.id, "staff.leader") == 0) {
                if (st->session.role == UI_ROLE_LEADER) {
                    ui__go(st, UI_SCR_LEADER, NULL, fx);
                } else {
                    ui__toastf(st, UI_TONE_BAD, UI_MSG_LEADER_ONLY, NULL, NULL);
                    ui__sound(st, fx, UI_SOUND_REFUSED);
                }
                return;
            }
        }
        bool enter = false;
        char before[UI_NAME_MAX];
        ui__copy(before, sizeof before, st->staff.query.text);
        if (ui__keyboard_event(st, ev, &st->staff.query, &enter) &&
            (enter || strcmp(before, st->staff.query.text) != 0))
            search(st, 0, fx);
        break;
    }
    }
}

static void staff_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    char text[UI_TEXT_MAX];
    if (st->staff.stage == UI_STAFF_CARD) {
        UiRect r = ui__rect_make(pad * 3, area.y + area.h / 3, area.w - 6 * pad, ui__px(st, 90));
        ui__panel(dl, st, r, UI_TONE_INFO);
        ui__label(dl, st, "staff.scan_card", r, UI_FONT_TITLE, UI_COL_BUTTON, UI_ALIGN_CENTER,
                  ui_t(st, UI_MSG_STAFF_SCAN_CARD));
        return;
    }
    if (st->staff.stage == UI_STAFF_PIN) {
        int kw = ui__px(st, 420);
        int x = (area.w - kw) / 2;
        int y = area.y + pad;
        ui_format(text, sizeof text, ui_t(st, UI_MSG_STAFF_PIN), st->staff.name, NULL);
        ui__label(dl, st, "staff.pin_for", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 40)),
                  UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_CENTER, text);
        y += ui__px(st, 44);
        char dots[64] = "";
        for (size_t i = 0; i < strlen(st->staff.pin) && i < 12; i++)
            ui__append(dots, sizeof dots, "\xE2\x97\x8F ");
        UiRect pr = ui__rect_make(x, y, kw, ui__px(st, 52));
        ui__fill(dl, pr, ui__col(st, UI_COL_PANEL));
        ui__frame(dl, pr, ui__col(st, UI_COL_BUTTON), ui__px(st, 2));
        ui__label(dl, st, "staff.pin", pr, UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_CENTER, dots);
        y += ui__px(st, 52) + gap;
        ui__keypad(dl, st, ui__rect_make(x, y, kw, area.y + area.h - y - pad));
        return;
    }
    /* menu: search on the left with the keyboard, results and actions on the right */
    int lw = area.w * 77 / 100; /* 11 keys of at least 64 px */
    int y = area.y + pad;
    int fh = touch;
    /* the workshop (repair queue, bike jobs) beside the search field: the actions column is full */
    int ww = ui__px(st, 190);
    ui__field(dl, st, "staff.query", ui__rect_make(pad, y, lw - 2 * pad - ww, fh),
              ui_t(st, UI_MSG_STAFF_SEARCH), st->staff.query.text, true);
    ui__button(dl, st, "staff.workshop", ui__rect_make(lw - pad - ww, y, ww, fh),
               ui_t(st, UI_MSG_STAFF_WORKSHOP), UI_STYLE_PRIMARY);
    y += fh + pad;
    ui__keyboard(dl, st, ui__rect_make(pad, y, lw - pad, area.y + area.h - y - pad), st->shift);

    int rx = lw + pad;
    int rw = area.w - rx - pad;
    int ry = area.y + pad;
    int n_actions = 4;
    int actions_h = n_actions * (touch + gap);
    int rows = page_rows(st);
    int total = st->staff.found_total;
    if (!st->staff.searched) /* the results' place, until a search: whom to phone (scr_calls.c) */
        ui__button(dl, st, "staff.calls", ui__rect_make(rx, ry, rw, touch),
                   ui_t(st, UI_MSG_STAFF_CALLS), UI_STYLE_SECONDARY);
    if (!st->staff.searched && st->staff.sync_loaded && st->staff.sync.synced) {
        /* under it, the sync state of a synced device (issue 14): tapped, the conflicts */
        int top = ry + touch + gap;
        int bottom = area.y + area.h - pad - actions_h;
        view_sync(st, dl, ui__rect_make(rx, top, rw, bottom - top));
    }
    if (st->staff.searched && total == 0)
        ui__label(dl, st, "staff.no_match", ui__rect_make(rx, ry, rw, touch), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_STAFF_NO_MATCH));
    if (st->staff.searched && total > 0) {
        /* how many matched, so staff know when to narrow the search or page */
        int count_h = ui__px(st, 32);
        char num[16];
        ui__sprintf(num, sizeof num, "%d", total);
        if (total == 1)
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_STAFF_MATCH_ONE));
        else
            ui_format(text, sizeof text, ui_t(st, UI_MSG_STAFF_MATCHES), num, NULL);
        ui__label(dl, st, "staff.matches", ui__rect_make(rx, ry, rw, count_h), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, text);
        ry += count_h + gap;
    }
    if (total > rows) {
        /* the page buttons under the rows of this page */
        int py = ry + rows * (touch + gap);
        UiLayout pl = ui__layout(ui__rect_make(rx, py, rw, touch), gap);
        ui__row(&pl, 2, (int[]){0, 0}, touch);
        UiRect prev = ui__next(&pl);
        UiRect next = ui__next(&pl);
        if (st->staff.found_first > 0)
            ui__button(dl, st, "staff.page_prev", prev, ui_t(st, UI_MSG_STAFF_PAGE_PREV),
                       UI_STYLE_SECONDARY);
        if (st->staff.found_first + rows < total)
            ui__button(dl, st, "staff.page_next", next, ui_t(st, UI_MSG_STAFF_PAGE_NEXT),
                       UI_STYLE_SECONDARY);
    }
    for (int i = 0; i < st->staff.n_found && i < rows; i++) {
        const UiPerson *p = &st->staff.found[i];
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "staff.found.%d", i);
        UiRect r = ui__rect_make(rx, ry, rw, touch);
        ui__fill(dl, r, ui__col(st, p->blocked ? UI_COL_BAD_BG : UI_COL_PANEL));
        ui__frame(dl, r, ui__col(st, UI_COL_FRAME), 1);
        ui__text(dl, st, ui__rect_make(r.x + gap, r.y, r.w - 2 * gap, r.h / 2 + gap), UI_FONT_BODY,
                 ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, p->name);
        if (p->phone_guardian) /* whose phone first: a narrow column cuts the end */
            ui__sprintf(text, sizeof text, "%s %s  %s%s%s", p->phone, ui_t(st, UI_MSG_GUARDIAN),
                        p->card, p->blocked ? "  " : "",
                        p->blocked ? ui_t(st, UI_MSG_STAFF_BLOCKED) : "");
        else
            ui__sprintf(text, sizeof text, "%s  %s%s%s", p->card, p->phone, p->blocked ? "  " : "",
                        p->blocked ? ui_t(st, UI_MSG_STAFF_BLOCKED) : "");
        UiRect dr = ui__rect_make(r.x + gap, r.y + r.h / 2, r.w - 2 * gap, r.h / 2 - 2);
        ui__text(dl, st, dr, UI_FONT_SMALL, ui__col(st, p->blocked ? UI_COL_BAD : UI_COL_MUTED),
                 UI_ALIGN_LEFT, text);
        ui__widget(dl, id, UI_W_ROW, r, p->name);
        ui__sprintf(id, sizeof id, "staff.found_info.%d", i);
        ui__widget(dl, id, UI_W_LABEL, dr, text);
        ry += touch + gap;
    }
    /* the actions, one under the other */
    int ay = area.y + area.h - pad - actions_h + gap;
    UiLayout lay = ui__layout(ui__rect_make(rx, ay, rw, actions_h), gap);
    ui__row(&lay, 1, (int[]){0}, touch);
    ui__button(dl, st, "staff.return", ui__next(&lay), ui_t(st, UI_MSG_STAFF_TAKE_BACK),
               UI_STYLE_OK);
    ui__button(dl, st, "staff.register", ui__next(&lay), ui_t(st, UI_MSG_STAFF_REGISTER),
               UI_STYLE_PRIMARY);
    ui__button(dl, st, "staff.reserve", ui__next(&lay), ui_t(st, UI_MSG_STAFF_RESERVE),
               UI_STYLE_PRIMARY);
    ui__button(dl, st, "staff.leader", ui__next(&lay), ui_t(st, UI_MSG_STAFF_LEADER),
               st->session.role == UI_ROLE_LEADER ? UI_STYLE_PRIMARY : UI_STYLE_SECONDARY);
}

static void search(UiState *st, int first, UiEffects *fx)
{
    if (!st->staff.query.text[0]) {
        st->staff.n_found = 0;
        st->staff.found_total = 0;
        st->staff.found_first = 0;
        st->staff.searched = false;
        return;
    }
    UiFx *f = ui__fx(fx, UI_FX_SEARCH);
    ui__copy(f->search.query, sizeof f->search.query, st->staff.query.text);
    f->search.first = first;
}

/* Matches shown on one page: the rows that fit above the actions under the count line, less
 * one row for the page buttons when there are more matches than fit (the same at every screen
 * size, since everything scales). */
static int page_rows(const UiState *st)
{
    int bar_h = ui__bar_h(st);
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int list_h = st->h - bar_h - 2 * pad - 3 * (touch + gap) - (ui__px(st, 32) + gap);
    int rows = list_h / (touch + gap);
    if (st->staff.found_total > rows)
        rows--;
    if (rows < 1)
        rows = 1;
    return rows < UI_FOUND_MAX ? rows : UI_FOUND_MAX;
}

/* While the menu shows on a synced device, the sync state is asked again now and then (bua-sync
 * changes it beside the kiosk); an unsynced kiosk asks once, when the menu opens. */
static int64_t staff_deadline(const UiState *st)
{
    if (st->staff.stage != UI_STAFF_MENU || !st->staff.sync_loaded || !st->staff.sync.synced)
        return -1;
    return st->staff.sync_asked_ms + UI_SYNC_REFRESH_MS;
}

static void ask_sync(UiState *st, UiEffects *fx)
{
    st->staff.sync_asked_ms = st->now_ms;
    ui__fx(fx, UI_FX_SYNC_STATUS);
}

/* The sync state in r, one tappable panel: the headline (the last sync, or the failure in calm
 * words), what waits to be sent, the conflicts to settle; each wraps in the narrow column. */
static void view_sync(const UiState *st, UiDrawList *dl, UiRect r)
{
    const UiSyncStatus *s = &st->staff.sync;
    int gap = ui__px(st, 8);
    int edge = ui__px(st, 8); /* the panel's coloured edge */
    char head[UI_TEXT_MAX];
    char waiting[UI_TEXT_MAX];
    char conflicts[UI_TEXT_MAX];
    UiTone tone = scr_sync_headline(st, s, true, head, sizeof head);
    scr_sync_waiting(st, s, true, waiting, sizeof waiting);
    scr_sync_conflicts(st, s, conflicts, sizeof conflicts);
    if (s->conflicts > 0 && tone != UI_TONE_WARN)
        tone = UI_TONE_BAD;
    ui__panel(dl, st, r, tone);
    UiRect box = ui__rect_make(r.x + edge + gap, r.y + gap / 2, r.w - edge - 2 * gap, r.h - gap);
    int bottom = box.y + box.h;
    int lh = ui__px(st, 22); /* about a line of the small font: what the others keep free */
    int below = conflicts[0] ? 2 : 1;
    box.h = bottom - box.y - below * lh;
    box.y += ui__text_wrap(dl, st, box, UI_FONT_SMALL,
                           ui__col(st, tone == UI_TONE_WARN ? UI_COL_WARN : UI_COL_TEXT),
                           box.h / lh > 0 ? box.h / lh : 1, head);
    box.h = bottom - box.y - (below - 1) * lh;
    box.y += ui__text_wrap(dl, st, box, UI_FONT_SMALL, ui__col(st, UI_COL_MUTED),
                           box.h / lh > 0 ? box.h / lh : 1, waiting);
    box.h = bottom - box.y;
    if (conflicts[0])
        ui__text_wrap(dl, st, box, UI_FONT_SMALL, ui__col(st, UI_COL_BAD), 1, conflicts);
    /* one widget for scripts and tests: every line of it */
    char all[UI_TEXT_MAX];
    ui__sprintf(all, sizeof all, "%s | %s%s%s", head, waiting, conflicts[0] ? " | " : "",
                conflicts);
    ui__widget(dl, "staff.sync", UI_W_ROW, r, all);
}
