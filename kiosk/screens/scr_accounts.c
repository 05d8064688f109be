/* Accounts: a leader manages staff cards. Scan a staff card: name, role and state (active,
 * active until a day, disabled since a day, expired); "Disable card" / "Enable card"; "New
 * PIN": typed twice on the keypad (never shown), then stored hashed with its wrong tries and
 * lock cleared. The store refuses what may not be done (the last active leader) and says why.
 *
 * Also here: ui__card_refused, the one wording of a card refused at login (home, staff). */
#include "../ui/ui_int.h"

#include <string.h>

static void accounts_enter(UiState *st, const void *args, UiEffects *fx);
static bool accounts_wants_text(const UiState *st);
static bool accounts_secret_text(const UiState *st);
static void accounts_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void accounts_view(const UiState *st, UiDrawList *dl, UiRect area);
static void update_pin(UiState *st, const UiEvent *ev, UiEffects *fx);
static void done(UiState *st, const UiEvDone *ev, UiEffects *fx);
static void look_up(UiEffects *fx, const char *card);
static void state_text(const UiState *st, const UiEvStaffInfo *in, char *buf, size_t size);
static void wipe(UiState *st);

const UiScreen scr_accounts = {
    .enter = accounts_enter,
    .update = accounts_update,
    .view = accounts_view,
    .wants_text = accounts_wants_text,
    .secret_text = accounts_secret_text,
    .title_msg = UI_MSG_LEADER_STAFF,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

bool ui__card_refused(UiState *st, UiResult r, const char *card, UiDate since, UiEffects *fx)
{
    UiMsg msg = UI_MSG_COUNT;
    if (r == UI_R_CARD_REPLACED)
        msg = UI_MSG_LOGIN_REPLACED;
    else if (r == UI_R_STAFF_DISABLED)
        msg = UI_MSG_LOGIN_DISABLED;
    else if (r == UI_R_STAFF_EXPIRED)
        msg = UI_MSG_LOGIN_EXPIRED;
    if (msg == UI_MSG_COUNT)
        return false;
    char day[UI_DATE_MAX];
    ui_date_text(st, since, false, day, sizeof day);
    ui__toastf(st, UI_TONE_BAD, msg, card, day);
    ui__sound(st, fx, UI_SOUND_REFUSED);
    return true;
}

/* no args */
static void accounts_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    wipe(st);
    st->accounts.stage = UI_ACCOUNTS_SCAN;
    memset(&st->accounts.info, 0, sizeof st->accounts.info);
}

/* the keypad takes typed digits while a PIN is asked */
static bool accounts_wants_text(const UiState *st)
{
    return accounts_secret_text(st);
}

static bool accounts_secret_text(const UiState *st)
{
    return st->accounts.stage == UI_ACCOUNTS_PIN || st->accounts.stage == UI_ACCOUNTS_PIN_AGAIN;
}

static void accounts_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (st->session.role != UI_ROLE_LEADER) { /* never reached without a leader; be safe */
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "acc.back") == 0) {
        if (st->accounts.stage == UI_ACCOUNTS_PIN || st->accounts.stage == UI_ACCOUNTS_PIN_AGAIN) {
            wipe(st);
            st->accounts.stage = UI_ACCOUNTS_SHOW;
        } else {
            ui__go(st, UI_SCR_LEADER, NULL, fx);
        }
        return;
    }
    if (ev->kind == UI_EV_DONE) {
        done(st, &ev->done, fx);
        return;
    }
    if (ev->kind == UI_EV_STAFF_INFO) {
        if (ev->h.result == UI_R_OK) {
            st->accounts.info = ev->staff_info;
            if (st->accounts.stage == UI_ACCOUNTS_SCAN)
                st->accounts.stage = UI_ACCOUNTS_SHOW;
        } else if (!ui__card_refused(st, ev->h.result, ev->staff_info.code, ev->staff_info.since,
                                     fx) &&
                   ev->h.result != UI_R_STORE) {
            ui__toast_code(st, UI_MSG_STAFF_NOT_STAFF, ev->staff_info.code);
            ui__sound(st, fx, UI_SOUND_UNKNOWN);
        }
        return;
    }
    switch (st->accounts.stage) {
    case UI_ACCOUNTS_SCAN:
    case UI_ACCOUNTS_SHOW:
        if (ev->kind == UI_EV_SCAN) {
            st->accounts.stage = UI_ACCOUNTS_SCAN; /* the answer shows the card scanned */
            look_up(fx, ev->scan.code);
        } else if (ev->kind == UI_EV_PRESS && st->accounts.stage == UI_ACCOUNTS_SHOW) {
            const UiEvStaffInfo *in = &st->accounts.info;
            if (strcmp(ev->press.id, "acc.disable") == 0 ||
                strcmp(ev->press.id, "acc.enable") == 0) {
                UiFxStaffEnable *f = &ui__fx(fx, UI_FX_STAFF_ENABLE)->staff_enable;
                ui__copy(f->card, sizeof f->card, in->staff.card);
                f->enabled = strcmp(ev->press.id, "acc.enable") == 0;
                f->staff_id = ui__staff_id(st);
            } else if (strcmp(ev->press.id, "acc.pin") == 0) {
                wipe(st);
                st->accounts.stage = UI_ACCOUNTS_PIN;
            }
        }
        break;
    case UI_ACCOUNTS_PIN:
    case UI_ACCOUNTS_PIN_AGAIN:
        update_pin(st, ev, fx);
        break;
    }
}

/* The keypad (and a physical keyboard's digits) while the new PIN is typed, twice. */
static void update_pin(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    char *pin = st->accounts.pin;
    bool ok = false;
    if (ev->kind == UI_EV_PRESS && ui__starts(ev->press.id, "pin.")) {
        const char *k = ev->press.id + 4;
        if (strcmp(k, "back") == 0)
            ui__utf8_pop(pin);
        else if (strcmp(k, "ok") == 0)
            ok = true;
        else if (k[0] >= '0' && k[0] <= '9' && !k[1] && strlen(pin) < UI_PIN_MAX)
            ui__append(pin, sizeof st->accounts.pin, k);
    } else if (ev->kind == UI_EV_TEXT) {
        for (const char *p = ev->text.text; *p; p++) {
            char d[2] = {*p, '\0'};
            if (*p >= '0' && *p <= '9' && strlen(pin) < UI_PIN_MAX)
                ui__append(pin, sizeof st->accounts.pin, d);
        }
    } else if (ev->kind == UI_EV_KEY) {
        if (ev->key.key == UI_KEY_BACKSPACE)
            ui__utf8_pop(pin);
        ok = ev->key.key == UI_KEY_ENTER;
    }
    if (!ok)
        return;
    if (strlen(pin) < UI_PIN_MIN) {
        ui__toastf(st, UI_TONE_BAD, UI_MSG_ACC_PIN_SHORT, NULL, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
        return;
    }
    if (st->accounts.stage == UI_ACCOUNTS_PIN) {
        ui__copy(st->accounts.first, sizeof st->accounts.first, pin);
        pin[0] = '\0';
        st->accounts.stage = UI_ACCOUNTS_PIN_AGAIN;
        return;
    }
    if (strcmp(st->accounts.first, pin) != 0) {
        wipe(st);
        st->accounts.stage = UI_ACCOUNTS_PIN;
        ui__toastf(st, UI_TONE_BAD, UI_MSG_ACC_PIN_DIFFER, NULL, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
        return;
    }
    UiFxStaffPin *f = &ui__fx(fx, UI_FX_STAFF_PIN)->staff_pin;
    ui__copy(f->card, sizeof f->card, st->accounts.info.staff.card);
    ui__copy(f->pin, sizeof f->pin, pin);
    f->staff_id = ui__staff_id(st);
    wipe(st);
    st->accounts.stage = UI_ACCOUNTS_SHOW;
}

static void done(UiState *st, const UiEvDone *ev, UiEffects *fx)
{
    const char *name = st->accounts.info.staff.name;
    if (ev->h.result == UI_R_OK) {
        UiMsg msg = UI_MSG_ACC_PIN_DONE;
        if (ev->of == UI_FX_STAFF_ENABLE)
            msg = st->accounts.info.disabled ? UI_MSG_ACC_ENABLED_DONE : UI_MSG_ACC_DISABLED_DONE;
        ui__toastf(st, UI_TONE_OK, msg, name, NULL);
        ui__sound(st, fx, UI_SOUND_OK);
        look_up(fx, st->accounts.info.staff.card); /* show the account as it is now */
    } else if (ev->h.result != UI_R_STORE) {
        ui__toastf(st, UI_TONE_BAD, UI_MSG_ACC_REFUSED, ui__reason(st, ev->h.result), NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
    }
}

static void accounts_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    char text[UI_TEXT_MAX];
    const UiEvStaffInfo *in = &st->accounts.info;
    ui__button(dl, st, "acc.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (st->accounts.stage == UI_ACCOUNTS_SCAN) {
        UiRect r = ui__rect_make(pad * 3, area.y + area.h / 3, area.w - 6 * pad, ui__px(st, 90));
        ui__panel(dl, st, r, UI_TONE_INFO);
        ui__label(dl, st, "acc.scan", r, UI_FONT_TITLE, UI_COL_BUTTON, UI_ALIGN_CENTER,
                  ui_t(st, UI_MSG_ACC_SCAN));
        return;
    }
    if (st->accounts.stage == UI_ACCOUNTS_PIN || st->accounts.stage == UI_ACCOUNTS_PIN_AGAIN) {
        int kw = ui__px(st, 420);
        int x = (area.w - kw) / 2;
        int y = area.y + pad;
        if (st->accounts.stage == UI_ACCOUNTS_PIN)
            ui_format(text, sizeof text, ui_t(st, UI_MSG_ACC_PIN_FIRST), in->staff.name, NULL);
        else
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_ACC_PIN_AGAIN));
        ui__label(dl, st, "acc.pin_for", ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 40)),
                  UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_CENTER, text);
        y += ui__px(st, 44);
        char dots[64] = "";
        for (size_t i = 0; i < strlen(st->accounts.pin) && i < UI_PIN_MAX; i++)
            ui__append(dots, sizeof dots, "\xE2\x97\x8F ");
        UiRect pr = ui__rect_make(x, y, kw, ui__px(st, 52));
        ui__fill(dl, pr, ui__col(st, UI_COL_PANEL));
        ui__frame(dl, pr, ui__col(st, UI_COL_BUTTON), ui__px(st, 2));
        ui__label(dl, st, "acc.pin", pr, UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_CENTER, dots);
        y += ui__px(st, 52) + gap;
        ui__keypad(dl, st, ui__rect_make(x, y, kw, area.y + area.h - y - pad));
        return;
    }
    /* the account: who, role and state in a panel; the actions below; scan another card */
    bool off = in->disabled || in->expired;
    UiRect r = ui__rect_make(pad * 3, area.y + pad, area.w - 6 * pad, ui__px(st, 140));
    ui__panel(dl, st, r, off ? UI_TONE_BAD : UI_TONE_OK);
    ui__label(dl, st, "acc.name",
              ui__rect_make(r.x + pad, r.y + gap, r.w - 2 * pad, ui__px(st, 44)), UI_FONT_TITLE,
              UI_COL_TEXT, UI_ALIGN_LEFT, in->staff.name);
    ui__sprintf(
        text, sizeof text, "%s  \xC2\xB7  %s", in->staff.card,
        ui_t(st, in->role == UI_ROLE_LEADER ? UI_MSG_STAFF_LEADER_ROLE : UI_MSG_STAFF_TRAINEE));
    ui__label(dl, st, "acc.card",
              ui__rect_make(r.x + pad, r.y + ui__px(st, 52), r.w - 2 * pad, ui__px(st, 32)),
              UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_LEFT, text);
    state_text(st, in, text, sizeof text);
    ui__label(dl, st, "acc.state",
              ui__rect_make(r.x + pad, r.y + ui__px(st, 90), r.w - 2 * pad, ui__px(st, 36)),
              UI_FONT_LARGE, off ? UI_COL_BAD : UI_COL_OK, UI_ALIGN_LEFT, text);
    int y = r.y + r.h + pad * 2;
    UiLayout lay = ui__layout(ui__rect_make(pad * 3, y, area.w - 6 * pad, touch), pad * 2);
    ui__row(&lay, 2, (int[]){0, 0}, touch + gap * 2);
    if (in->disabled)
        ui__button(dl, st, "acc.enable", ui__next(&lay), ui_t(st, UI_MSG_ACC_ENABLE), UI_STYLE_OK);
    else
        ui__button(dl, st, "acc.disable", ui__next(&lay), ui_t(st, UI_MSG_ACC_DISABLE),
                   UI_STYLE_DANGER);
    ui__button(dl, st, "acc.pin", ui__next(&lay), ui_t(st, UI_MSG_ACC_PIN), UI_STYLE_PRIMARY);
    y += touch + gap * 2 + pad * 2;
    ui__label(dl, st, "acc.scan_other", ui__rect_make(pad * 3, y, area.w - 6 * pad, touch),
              UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_CENTER, ui_t(st, UI_MSG_ACC_SCAN));
}

static void look_up(UiEffects *fx, const char *card)
{
    UiFx *f = ui__fx(fx, UI_FX_STAFF_INFO);
    ui__copy(f->staff_info.code, sizeof f->staff_info.code, card);
}

static void state_text(const UiState *st, const UiEvStaffInfo *in, char *buf, size_t size)
{
    char day[UI_DATE_MAX];
    if (in->disabled) {
        ui_date_text(st, in->disabled_on, false, day, sizeof day);
        ui_format(buf, size, ui_t(st, UI_MSG_ACC_DISABLED), day, NULL);
    } else if (in->expired) {
        ui_date_text(st, in->expires, false, day, sizeof day);
        ui_format(buf, size, ui_t(st, UI_MSG_ACC_EXPIRED), day, NULL);
    } else if (in->expires.year) {
        ui_date_text(st, in->expires, false, day, sizeof day);
        ui_format(buf, size, ui_t(st, UI_MSG_ACC_ACTIVE_UNTIL), day, NULL);
    } else {
        ui__copy(buf, size, ui_t(st, UI_MSG_ACC_ACTIVE));
    }
}

/* The PINs typed are secrets: gone as soon as they are not needed. */
static void wipe(UiState *st)
{
    memset(st->accounts.pin, 0, sizeof st->accounts.pin);
    memset(st->accounts.first, 0, sizeof st->accounts.first);
}
