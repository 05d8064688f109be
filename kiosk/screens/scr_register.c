/* Register: a new borrower gives name, phone, birth year and consent and scans a new card; a
 * child (younger than cfg.min_adult_age) also needs the card of a responsible adult (or the adult
 * is the one logged in). On-screen keyboard with æ ø å. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reg_enter(UiState *st, const void *args, UiEffects *fx);
static bool reg_wants_text(const UiState *st);
static void reg_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void reg_view(const UiState *st, UiDrawList *dl, UiRect area);
static void save(UiState *st, UiEffects *fx);
static int birth_year(const UiState *st);
static bool numeric(int field);

const UiScreen scr_register = {
    .enter = reg_enter,
    .update = reg_update,
    .view = reg_view,
    .wants_text = reg_wants_text,
    .title_msg = UI_MSG_REG_TITLE,
    .idle_logout = true,
    .top_logout = true,
};

static const UiMsg field_msgs[UI_REG_FIELDS] = {UI_MSG_REG_CARD, UI_MSG_REG_NAME, UI_MSG_REG_PHONE,
                                                UI_MSG_REG_YEAR, UI_MSG_REG_ADULT};

/* no args */
static void reg_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    memset(st->reg.field, 0, sizeof st->reg.field);
    st->reg.consent = false;
    st->reg.focus = UI_REG_NAME;
    ui__set_shift(st, true);
    /* an adult who is logged in registers a child: they are the responsible adult */
    if (st->session.borrower.id && !st->session.borrower.responsible_id)
        ui__copy(st->reg.field[UI_REG_ADULT].text, sizeof st->reg.field[0].text,
                 st->session.borrower.card);
}

/* every field is typed */
static bool reg_wants_text(const UiState *st)
{
    (void)st;
    return true;
}

static void reg_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    switch (ev->kind) {
    case UI_EV_SCAN:
        /* the first card scanned is the new card; later ones the adult's */
        if (st->reg.focus == UI_REG_ADULT ||
            (st->reg.field[UI_REG_CARD].text[0] && st->reg.focus != UI_REG_CARD))
            ui__copy(st->reg.field[UI_REG_ADULT].text, sizeof st->reg.field[0].text, ev->scan.code);
        else
            ui__copy(st->reg.field[UI_REG_CARD].text, sizeof st->reg.field[0].text, ev->scan.code);
        ui__sound(st, fx, UI_SOUND_OK);
        return;
    case UI_EV_PRESS: {
        int i = ui__index(ev->press.id, "reg.field.");
        if (i >= 0 && i < UI_REG_FIELDS) {
            st->reg.focus = i;
            ui__set_shift(st, i == UI_REG_NAME && !st->reg.field[i].text[0]);
            return;
        }
        if (strcmp(ev->press.id, "reg.consent") == 0) {
            st->reg.consent = !st->reg.consent;
            return;
        }
        if (strcmp(ev->press.id, "reg.save") == 0) {
            save(st, fx);
            return;
        }
        if (numeric(st->reg.focus) && ui__starts(ev->press.id, "pin.")) { /* the number pad */
            UiField *f = &st->reg.field[st->reg.focus];
            const char *k = ev->press.id + 4;
            if (strcmp(k, "back") == 0)
                ui__utf8_pop(f->text);
            else if (strcmp(k, "ok") == 0)
                st->reg.focus = (st->reg.focus + 1) % UI_REG_FIELDS;
            else if (k[0] >= '0' && k[0] <= '9' && !k[1])
                ui__append(f->text, sizeof f->text, k);
            return;
        }
        break;
    }
    case UI_EV_REGISTERED:
        if (ev->h.result == UI_R_OK) {
            ui__login(st, &ev->registered.who, 0, fx);
            ui__toastf(st, UI_TONE_OK, UI_MSG_REG_WELCOME, ev->registered.who.name, NULL);
        } else if (ev->h.result == UI_R_EXISTS) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_REG_CARD_TAKEN, NULL, NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
        } else if (ev->h.result == UI_R_BLOCKED) { /* the store refuses a blocked adult */
            ui__toastf(st, UI_TONE_BAD, UI_MSG_REG_ADULT_BLOCKED, st->reg.field[UI_REG_ADULT].text,
                       NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
            st->reg.focus = UI_REG_ADULT; /* the next card scanned is the adult's */
        } else if (ev->h.result != UI_R_STORE) {
            char
                text[UI_TEXT_MAX]; /* the store's detail where it has one (a replaced card: none) */
            if (ev->h.detail[0])
                ui__sprintf(text, sizeof text, "%s: %s", ui__reason(st, ev->h.result),
                            ev->h.detail);
            else
                ui__sprintf(text, sizeof text, "%s", ui__reason(st, ev->h.result));
            ui__toast(st, UI_TONE_BAD, text);
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    default:
        break;
    }
    bool enter = false;
    UiField *f = &st->reg.field[st->reg.focus];
    if (ui__keyboard_event(st, ev, f, &enter) && enter)
        st->reg.focus = (st->reg.focus + 1) % UI_REG_FIELDS;
    if (st->reg.focus == UI_REG_NAME && f->text[0] && f->text[strlen(f->text) - 1] == ' ' &&
        ev->kind == UI_EV_PRESS)
        ui__set_shift(st, true); /* capital letter after a space in a name */
}

static void reg_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 12);
    int gap = ui__px(st, 8);
    int fh = ui__touch(st);
    int y = area.y + pad;
    int w = area.w - 2 * pad;
    static const int row1[3] = {UI_REG_CARD, UI_REG_NAME, UI_REG_PHONE};
    static const int widths1[3] = {30, 42, 28};
    int x = pad;
    char id[UI_ID_MAX];
    for (int k = 0; k < 3; k++) {
        int i = row1[k];
        int fw = (w - 2 * gap) * widths1[k] / 100;
        ui__sprintf(id, sizeof id, "reg.field.%d", i);
        ui__field(dl, st, id, ui__rect_make(x, y, fw, fh), ui_t(st, field_msgs[i]),
                  st->reg.field[i].text, st->reg.focus == i);
        x += fw + gap;
    }
    y += fh + gap;
    x = pad;
    int yw = (w - 3 * gap) * 12 / 100;
    ui__sprintf(id, sizeof id, "reg.field.%d", UI_REG_YEAR);
    ui__field(dl, st, id, ui__rect_make(x, y, yw, fh), ui_t(st, field_msgs[UI_REG_YEAR]),
              st->reg.field[UI_REG_YEAR].text, st->reg.focus == UI_REG_YEAR);
    x += yw + gap;
    int aw = (w - 3 * gap) * 47 / 100;
    ui__sprintf(id, sizeof id, "reg.field.%d", UI_REG_ADULT);
    ui__field(dl, st, id, ui__rect_make(x, y, aw, fh), ui_t(st, field_msgs[UI_REG_ADULT]),
              st->reg.field[UI_REG_ADULT].text, st->reg.focus == UI_REG_ADULT);
    x += aw + gap;
    int cw = (w - 3 * gap) * 27 / 100;
    char consent[UI_TEXT_MAX];
    ui__sprintf(consent, sizeof consent, "%s %s", st->reg.consent ? "\xE2\x98\x91" : "\xE2\x98\x90",
                ui_t(st, UI_MSG_REG_CONSENT));
    ui__button(dl, st, "reg.consent", ui__rect_make(x, y + fh - ui__touch(st), cw, ui__touch(st)),
               consent, st->reg.consent ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    x += cw + gap;
    ui__button(dl, st, "reg.save",
               ui__rect_make(x, y + fh - ui__touch(st), pad + w - x, ui__touch(st)),
               ui_t(st, UI_MSG_REG_SAVE), UI_STYLE_OK);
    y += fh + pad;
    if (numeric(st->reg.focus)) { /* phone and birth year: digits only */
        int kw = ui__px(st, 600);
        ui__keypad(dl, st, ui__rect_make(pad + (w - kw) / 2, y, kw, area.y + area.h - y - pad));
    } else {
        ui__keyboard(dl, st, ui__rect_make(pad, y, w, area.y + area.h - y - pad), st->shift);
    }
}

static bool numeric(int field)
{
    return field == UI_REG_PHONE || field == UI_REG_YEAR;
}

static void save(UiState *st, UiEffects *fx)
{
    UiMsg problem = UI_MSG_COUNT;
    int year = birth_year(st);
    bool child = year > 0 && st->year_now - year < st->cfg.min_adult_age;
    if (!st->reg.field[UI_REG_CARD].text[0])
        problem = UI_MSG_REG_NEED_CARD;
    else if (!st->reg.field[UI_REG_NAME].text[0])
        problem = UI_MSG_REG_NEED_NAME;
    else if (year <= 0)
        problem = UI_MSG_REG_NEED_YEAR;
    else if (!st->reg.consent)
        problem = UI_MSG_REG_NEED_CONSENT;
    else if (child && !st->reg.field[UI_REG_ADULT].text[0])
        problem = UI_MSG_REG_NEED_ADULT;
    if (problem != UI_MSG_COUNT) {
        ui__toastf(st, UI_TONE_BAD, problem, NULL, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
        return;
    }
    UiFxRegister *r = &ui__fx(fx, UI_FX_REGISTER)->reg;
    ui__copy(r->card, sizeof r->card, st->reg.field[UI_REG_CARD].text);
    ui__copy(r->name, sizeof r->name, st->reg.field[UI_REG_NAME].text);
    ui__copy(r->phone, sizeof r->phone, st->reg.field[UI_REG_PHONE].text);
    r->birth_year = year;
    r->consent = true;
    if (child)
        ui__copy(r->adult_card, sizeof r->adult_card, st->reg.field[UI_REG_ADULT].text);
    r->staff_id = ui__staff_id(st);
}

/* The birth year typed, if it is a plausible one; else 0. */
static int birth_year(const UiState *st)
{
    const char *t = st->reg.field[UI_REG_YEAR].text;
    if (strlen(t) != 4)
        return 0;
    for (int i = 0; i < 4; i++) {
        if (t[i] < '0' || t[i] > '9')
            return 0;
    }
    int y = atoi(t);
    if (y < 1900 || (st->year_now > 0 && y > st->year_now))
        return 0;
    return y;
}
