/* Person: staff change the borrower they have open (the basket's "Edit borrower": name,
 * phone, birth year; a child's responsible adult by scanning the adult's card), or replace a
 * lost card: "New card", then scan the new one. The store checks everything (an adult must not
 * be a child, a blocked adult, a card in use or replaced) and says why; the old card is refused
 * from then on. Saving or "Back" loads the borrower again and returns to the basket. */
#include "../ui/ui_int.h"

#include <stdlib.h>
#include <string.h>

static void person_enter(UiState *st, const void *args, UiEffects *fx);
static bool person_wants_text(const UiState *st);
static void person_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void person_view(const UiState *st, UiDrawList *dl, UiRect area);
static void save(UiState *st, UiEffects *fx);
static void done(UiState *st, const UiEvDone *ev, UiEffects *fx);
static void reload(UiState *st, UiEffects *fx);
static int birth_year(const UiState *st);
static bool numeric(int field);

const UiScreen scr_person = {
    .enter = person_enter,
    .update = person_update,
    .view = person_view,
    .wants_text = person_wants_text,
    .title_msg = UI_MSG_PERSON_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

static const UiMsg field_msgs[UI_PERSON_FIELDS] = {UI_MSG_REG_NAME, UI_MSG_REG_PHONE,
                                                   UI_MSG_REG_YEAR, UI_MSG_PERSON_ADULT};

/* args: ScrPersonArgs, required */
static void person_enter(UiState *st, const void *args, UiEffects *fx)
{
    const ScrPersonArgs *a = args;
    ui__expect(a != NULL && a->who != NULL);
    memset(&st->person, 0, sizeof st->person);
    st->person.who = *a->who;
    st->person.stage = UI_PERSON_EDIT;
    st->person.focus = UI_PERSON_NAME;
    ui__copy(st->person.field[UI_PERSON_NAME].text, sizeof st->person.field[0].text, a->who->name);
    UiFxAccess *log = &ui__fx(fx, UI_FX_ACCESS_LOG)->access_log; /* staff opened the details */
    log->borrower_id = a->who->id;
    log->staff_id = ui__staff_id(st);
    if (!a->who->phone_guardian) /* a child's own phone, never the adult's shown in its place */
        ui__copy(st->person.field[UI_PERSON_PHONE].text, sizeof st->person.field[0].text,
                 a->who->phone);
    if (a->who->birth_year > 0)
        ui__sprintf(st->person.field[UI_PERSON_YEAR].text, sizeof st->person.field[0].text, "%d",
                    a->who->birth_year);
}

static bool person_wants_text(const UiState *st)
{
    return st->person.stage == UI_PERSON_EDIT;
}

static void person_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (ev->kind == UI_EV_DONE) {
        done(st, &ev->done, fx);
        return;
    }
    if (ev->kind == UI_EV_IDENTIFIED) { /* the borrower as stored now: back to the basket */
        if (ev->h.result == UI_R_OK && ev->identified.who == UI_WHO_BORROWER) {
            bool saved = st->person.saved;
            ui__login(st, &ev->identified.borrower, ev->identified.n_overdue, fx);
            if (saved)
                ui__toastf(st, UI_TONE_OK, UI_MSG_PERSON_SAVED, ev->identified.borrower.name, NULL);
        }
        return;
    }
    if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "person.back") == 0) {
        if (st->person.stage == UI_PERSON_NEW_CARD)
            st->person.stage = UI_PERSON_EDIT;
        else
            reload(st, fx);
        return;
    }
    if (st->person.stage == UI_PERSON_NEW_CARD) {
        if (ev->kind == UI_EV_SCAN) {
            UiFxReplaceCard *r = &ui__fx(fx, UI_FX_REPLACE_CARD)->replace_card;
            ui__copy(r->card, sizeof r->card, st->person.who.card);
            ui__copy(r->new_card, sizeof r->new_card, ev->scan.code);
            r->staff_id = ui__staff_id(st);
        }
        return;
    }
    switch (ev->kind) {
    case UI_EV_SCAN: /* only a responsible adult's card is scanned here */
        ui__copy(st->person.field[UI_PERSON_ADULT].text, sizeof st->person.field[0].text,
                 ev->scan.code);
        ui__sound(st, fx, UI_SOUND_OK);
        return;
    case UI_EV_PRESS: {
        int i = ui__index(ev->press.id, "person.field.");
        if (i >= 0 && i < UI_PERSON_FIELDS) {
            st->person.focus = i;
            return;
        }
        if (strcmp(ev->press.id, "person.save") == 0) {
            save(st, fx);
            return;
        }
        if (strcmp(ev->press.id, "person.new_card") == 0) {
            st->person.stage = UI_PERSON_NEW_CARD;
            return;
        }
        if (strcmp(ev->press.id, "person.data") == 0) { /* everything stored (scr_privacy) */
            ScrPrivacyArgs args = {&st->person.who};
            ui__go(st, UI_SCR_PRIVACY, &args, fx);
            return;
        }
        if (numeric(st->person.focus) && ui__starts(ev->press.id, "pin.")) { /* the number pad */
            UiField *f = &st->person.field[st->person.focus];
            const char *k = ev->press.id + 4;
            if (strcmp(k, "back") == 0)
                ui__utf8_pop(f->text);
            else if (strcmp(k, "ok") == 0)
                st->person.focus = (st->person.focus + 1) % UI_PERSON_FIELDS;
            else if (k[0] >= '0' && k[0] <= '9' && !k[1])
                ui__append(f->text, sizeof f->text, k);
            return;
        }
        break;
    }
    default:
        break;
    }
    bool enter = false;
    UiField *f = &st->person.field[st->person.focus];
    if (ui__keyboard_event(st, ev, f, &enter) && enter)
        st->person.focus = (st->person.focus + 1) % UI_PERSON_FIELDS;
}

static void person_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 12);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int w = area.w - 2 * pad;
    char text[UI_TEXT_MAX];
    ui__button(dl, st, "person.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (st->person.stage == UI_PERSON_NEW_CARD) {
        ui_format(text, sizeof text, ui_t(st, UI_MSG_PERSON_SCAN_NEW), st->person.who.name, NULL);
        UiRect r = ui__rect_make(pad * 3, area.y + area.h / 3, area.w - 6 * pad, ui__px(st, 90));
        ui__panel(dl, st, r, UI_TONE_INFO);
        ui__label(dl, st, "person.scan_new", r, UI_FONT_TITLE, UI_COL_BUTTON, UI_ALIGN_CENTER,
                  text);
        return;
    }
    int y = area.y + pad;
    /* the fields in two rows (the name's label says whose card it is), then the keys */
    UiLayout lay = ui__layout(ui__rect_make(pad, y, w, area.h), gap);
    ui__row(&lay, 3, (int[]){0, ui__px(st, 220), ui__px(st, 150)}, touch);
    char id[UI_ID_MAX];
    for (int i = UI_PERSON_NAME; i <= UI_PERSON_YEAR; i++) {
        UiRect fr = ui__next(&lay);
        ui__sprintf(id, sizeof id, "person.field.%d", i);
        if (i == UI_PERSON_NAME)
            ui_format(text, sizeof text, ui_t(st, UI_MSG_PERSON_NAME), st->person.who.card, NULL);
        else
            ui__copy(text, sizeof text, ui_t(st, field_msgs[i]));
        ui__field(dl, st, id, fr, text, st->person.field[i].text, st->person.focus == i);
        if (i == UI_PERSON_NAME)
            ui__widget(dl, "person.card", UI_W_LABEL, ui__rect_make(fr.x, fr.y, fr.w, fr.h / 3),
                       st->person.who.card);
    }
    ui__row(&lay, 4, (int[]){0, ui__px(st, 170), ui__px(st, 170), ui__px(st, 170)}, touch);
    ui__sprintf(id, sizeof id, "person.field.%d", UI_PERSON_ADULT);
    ui__field(dl, st, id, ui__next(&lay), ui_t(st, field_msgs[UI_PERSON_ADULT]),
              st->person.field[UI_PERSON_ADULT].text, st->person.focus == UI_PERSON_ADULT);
    ui__button(dl, st, "person.data", ui__next(&lay), ui_t(st, UI_MSG_PERSON_DATA),
               UI_STYLE_SECONDARY);
    ui__button(dl, st, "person.new_card", ui__next(&lay), ui_t(st, UI_MSG_PERSON_NEW_CARD),
               UI_STYLE_SECONDARY);
    ui__button(dl, st, "person.save", ui__next(&lay), ui_t(st, UI_MSG_COMMON_SAVE), UI_STYLE_OK);
    y += 2 * touch + gap + pad;
    if (numeric(st->person.focus)) {
        int kw = ui__px(st, 600);
        ui__keypad(dl, st, ui__rect_make(pad + (w - kw) / 2, y, kw, area.y + area.h - y - pad));
    } else {
        ui__keyboard(dl, st, ui__rect_make(pad, y, w, area.y + area.h - y - pad), st->shift);
    }
}

static bool numeric(int field)
{
    return field == UI_PERSON_PHONE || field == UI_PERSON_YEAR;
}

static void save(UiState *st, UiEffects *fx)
{
    int year = birth_year(st);
    UiMsg problem = UI_MSG_COUNT;
    if (!st->person.field[UI_PERSON_NAME].text[0])
        problem = UI_MSG_PERSON_NEED_NAME;
    else if (year < 0)
        problem = UI_MSG_REG_NEED_YEAR;
    if (problem != UI_MSG_COUNT) {
        ui__toastf(st, UI_TONE_BAD, problem, NULL, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
        return;
    }
    UiFxEditBorrower *r = &ui__fx(fx, UI_FX_EDIT_BORROWER)->edit_borrower;
    ui__copy(r->card, sizeof r->card, st->person.who.card);
    ui__copy(r->name, sizeof r->name, st->person.field[UI_PERSON_NAME].text);
    ui__copy(r->phone, sizeof r->phone, st->person.field[UI_PERSON_PHONE].text);
    r->birth_year = year;
    ui__copy(r->adult_card, sizeof r->adult_card, st->person.field[UI_PERSON_ADULT].text);
    r->staff_id = ui__staff_id(st);
}

static void done(UiState *st, const UiEvDone *ev, UiEffects *fx)
{
    char text[UI_TEXT_MAX];
    if (ev->of == UI_FX_REPLACE_CARD && ev->h.result == UI_R_OK) {
        char old[UI_CODE_MAX];
        ui__copy(old, sizeof old, st->person.who.card);
        ui__copy(st->person.who.card, sizeof st->person.who.card, ev->code);
        st->person.stage = UI_PERSON_EDIT;
        ui__toastf(st, UI_TONE_OK, UI_MSG_PERSON_CARD_DONE, ev->code, old);
        ui__sound(st, fx, UI_SOUND_OK);
    } else if (ev->of == UI_FX_REPLACE_CARD) {
        /* the new card is in use or was replaced itself: scan another one */
        if (ev->h.result == UI_R_STORE)
            return;
        ui__sprintf(text, sizeof text, "%s", ui__reason(st, ev->h.result));
        ui__toastf(st, UI_TONE_BAD, UI_MSG_PERSON_CARD_USED, ev->code, text);
        ui__sound(st, fx, UI_SOUND_REFUSED);
    } else if (ev->of == UI_FX_EDIT_BORROWER && ev->h.result == UI_R_OK) {
        st->person.saved = true;
        reload(st, fx);
    } else if (ev->of == UI_FX_EDIT_BORROWER && ev->h.result != UI_R_STORE) {
        if (ev->h.detail[0])
            ui__sprintf(text, sizeof text, "%s: %s", ui__reason(st, ev->h.result), ev->h.detail);
        else
            ui__sprintf(text, sizeof text, "%s", ui__reason(st, ev->h.result));
        ui__toastf(st, UI_TONE_BAD, UI_MSG_PERSON_REFUSED, text, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
        if (ev->h.result == UI_R_BLOCKED || ev->h.result == UI_R_UNKNOWN_BORROWER ||
            ev->h.result == UI_R_CARD_REPLACED)
            st->person.focus = UI_PERSON_ADULT; /* the adult's card was the problem */
    }
}

/* Asks for the borrower as stored now; the answer logs them in again (the basket). */
static void reload(UiState *st, UiEffects *fx)
{
    ui__fx(fx, UI_FX_LOAD_BORROWER)->load_borrower.id = st->person.who.id;
}

/* The birth year typed: 0 for none, -1 if it is not a plausible year. */
static int birth_year(const UiState *st)
{
    const char *t = st->person.field[UI_PERSON_YEAR].text;
    if (!t[0])
        return 0;
    if (strlen(t) != 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        if (t[i] < '0' || t[i] > '9')
            return -1;
    }
    int y = atoi(t);
    if (y < 1900 || (st->year_now > 0 && y > st->year_now))
        return -1;
    return y;
}
