/* Register: a new borrower in steps, one thing at a time. The form: name, phone, e-mail (both
 * optional), birth year (never a date, never a national id), a new card scanned, and for a child
 * (younger than cfg.min_adult_age) the card of a responsible adult (or the adult is the one
 * logged in). Then the municipality, if the centre lists some; the separate, optional consent to
 * be contacted by SMS or e-mail; last the terms, read in a scrolling box and accepted with a
 * tick: by the person, or for a child by the adult, whose card was scanned. The store records
 * the version of the terms, the time and who accepted, in the registration's transaction.
 * On-screen keyboard with æ ø å and an "@" for the e-mail. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reg_enter(UiState *st, const void *args, UiEffects *fx);
static bool reg_wants_text(const UiState *st);
static void reg_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void reg_view(const UiState *st, UiDrawList *dl, UiRect area);
static void view_form(const UiState *st, UiDrawList *dl, UiRect area);
static void view_place(const UiState *st, UiDrawList *dl, UiRect area);
static void view_contact(const UiState *st, UiDrawList *dl, UiRect area);
static void view_terms(const UiState *st, UiDrawList *dl, UiRect area);
static void view_bottom(const UiState *st, UiDrawList *dl, UiRect row, const char *main_id,
                        const char *main_text, UiStyle main_style);
static UiRect view_heading(const UiState *st, UiDrawList *dl, UiRect area, UiMsg title, UiMsg hint);
static void form_next(UiState *st, UiEffects *fx);
static void go_stage(UiState *st, int step);
static void save(UiState *st, UiEffects *fx);
static void refuse(UiState *st, UiEffects *fx, UiMsg msg, const char *arg);
static int birth_year(const UiState *st);
static bool is_child(const UiState *st);
static bool numeric(int field);
static bool phone_ok(const char *t);
static bool email_ok(const char *t);

const UiScreen scr_register = {
    .enter = reg_enter,
    .update = reg_update,
    .view = reg_view,
    .wants_text = reg_wants_text,
    .title_msg = UI_MSG_REG_TITLE,
    .idle_logout = true,
    .top_logout = true,
};

static const UiMsg field_msgs[UI_REG_FIELDS] = {UI_MSG_REG_CARD,  UI_MSG_REG_NAME,
                                                UI_MSG_REG_PHONE, UI_MSG_REG_YEAR,
                                                UI_MSG_REG_ADULT, UI_MSG_REG_EMAIL};
/* Enter moves on in the order of the form as read: name, phone, e-mail, year, adult, card */
static const int next_field[UI_REG_FIELDS] = {
    [UI_REG_CARD] = UI_REG_NAME,  [UI_REG_NAME] = UI_REG_PHONE, [UI_REG_PHONE] = UI_REG_EMAIL,
    [UI_REG_EMAIL] = UI_REG_YEAR, [UI_REG_YEAR] = UI_REG_ADULT, [UI_REG_ADULT] = UI_REG_CARD,
};

/* no args */
static void reg_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    memset(&st->reg, 0, sizeof st->reg);
    st->reg.focus = UI_REG_NAME;
    st->reg.stage = UI_REG_STAGE_FORM;
    st->reg.municipality = -1;
    ui__set_shift(st, true);
    /* an adult who is logged in registers a child: they are the responsible adult */
    if (st->session.borrower.id && !st->session.borrower.responsible_id)
        ui__copy(st->reg.field[UI_REG_ADULT].text, sizeof st->reg.field[0].text,
                 st->session.borrower.card);
}

/* the form's fields are typed; on the other steps keys are a keyboard scanner's */
static bool reg_wants_text(const UiState *st)
{
    return st->reg.stage == UI_REG_STAGE_FORM;
}

static void reg_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrRegister *r = &st->reg;
    switch (ev->kind) {
    case UI_EV_SCAN:
        if (r->stage == UI_REG_STAGE_TERMS && is_child(st)) { /* the adult who accepts */
            ui__copy(r->field[UI_REG_ADULT].text, sizeof r->field[0].text, ev->scan.code);
        } else if (r->stage != UI_REG_STAGE_FORM) {
            return;
        } else if (r->focus == UI_REG_ADULT ||
                   (r->field[UI_REG_CARD].text[0] && r->focus != UI_REG_CARD)) {
            /* the first card scanned is the new card; later ones the adult's */
            ui__copy(r->field[UI_REG_ADULT].text, sizeof r->field[0].text, ev->scan.code);
        } else {
            ui__copy(r->field[UI_REG_CARD].text, sizeof r->field[0].text, ev->scan.code);
        }
        ui__sound(st, fx, UI_SOUND_OK);
        return;
    case UI_EV_PRESS: {
        const char *id = ev->press.id;
        if (strcmp(id, "reg.back") == 0) {
            go_stage(st, -1);
            return;
        }
        if (r->stage == UI_REG_STAGE_PLACE) {
            int i = ui__index(id, "reg.muni.");
            if (i >= 0 && i < st->cfg.n_municipalities)
                r->municipality = i;
            else if (strcmp(id, "reg.muni.skip") == 0)
                r->municipality = -1;
            else
                return;
            go_stage(st, +1);
            return;
        }
        if (r->stage == UI_REG_STAGE_CONTACT) {
            if (strcmp(id, "reg.contact.sms") == 0)
                r->contact ^= UI_CONTACT_SMS;
            else if (strcmp(id, "reg.contact.email") == 0)
                r->contact ^= UI_CONTACT_EMAIL;
            else if (strcmp(id, "reg.next") == 0)
                go_stage(st, +1);
            return;
        }
        if (r->stage == UI_REG_STAGE_TERMS) {
            if (ui__terms_scroll(st, id, "reg.terms", &r->first))
                return;
            if (strcmp(id, "reg.consent") == 0)
                r->consent = !r->consent;
            else if (strcmp(id, "reg.save") == 0)
                save(st, fx);
            return;
        }
        int i = ui__index(id, "reg.field.");
        if (i >= 0 && i < UI_REG_FIELDS) {
            r->focus = i;
            ui__set_shift(st, i == UI_REG_NAME && !r->field[i].text[0]);
            return;
        }
        if (strcmp(id, "reg.next") == 0) {
            form_next(st, fx);
            return;
        }
        if (strcmp(id, "reg.at") == 0 && r->focus == UI_REG_EMAIL) {
            ui__append(r->field[UI_REG_EMAIL].text, sizeof r->field[0].text, "@");
            return;
        }
        if (numeric(r->focus) && ui__starts(id, "pin.")) { /* the number pad */
            UiField *f = &r->field[r->focus];
            const char *k = id + 4;
            if (strcmp(k, "back") == 0)
                ui__utf8_pop(f->text);
            else if (strcmp(k, "ok") == 0)
                r->focus = next_field[r->focus];
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
            refuse(st, fx, UI_MSG_REG_CARD_TAKEN, NULL);
            r->stage = UI_REG_STAGE_FORM;
            r->focus = UI_REG_CARD;
        } else if (ev->h.result == UI_R_BLOCKED) { /* the store refuses a blocked adult */
            refuse(st, fx, UI_MSG_REG_ADULT_BLOCKED, r->field[UI_REG_ADULT].text);
            r->field[UI_REG_ADULT].text[0] = '\0'; /* the next card scanned is the adult's */
            r->consent = false;
        } else if (ev->h.result == UI_R_CONSENT_ADULT) { /* the adult has not accepted himself */
            refuse(st, fx, UI_MSG_REG_CONSENT_ADULT, r->field[UI_REG_ADULT].text);
            r->field[UI_REG_ADULT].text[0] = '\0';
            r->consent = false;
        } else if (ev->h.result != UI_R_STORE) {
            char text[UI_TEXT_MAX]; /* the store's detail where it has one (a replaced card) */
            if (ev->h.detail[0])
                ui__sprintf(text, sizeof text, "%s: %s", ui__reason(st, ev->h.result),
                            ev->h.detail);
            else
                ui__sprintf(text, sizeof text, "%s", ui__reason(st, ev->h.result));
            ui__toast(st, UI_TONE_BAD, text);
            ui__sound(st, fx, UI_SOUND_REFUSED);
            r->stage = UI_REG_STAGE_FORM;
        }
        return;
    default:
        break;
    }
    if (r->stage != UI_REG_STAGE_FORM)
        return;
    bool enter = false;
    UiField *f = &r->field[r->focus];
    if (ui__keyboard_event(st, ev, f, &enter) && enter)
        r->focus = next_field[r->focus];
    if (r->focus == UI_REG_NAME && f->text[0] && f->text[strlen(f->text) - 1] == ' ' &&
        ev->kind == UI_EV_PRESS)
        ui__set_shift(st, true); /* capital letter after a space in a name */
}

static void reg_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    switch (st->reg.stage) {
    case UI_REG_STAGE_PLACE:
        view_place(st, dl, area);
        break;
    case UI_REG_STAGE_CONTACT:
        view_contact(st, dl, area);
        break;
    case UI_REG_STAGE_TERMS:
        view_terms(st, dl, area);
        break;
    default:
        view_form(st, dl, area);
        break;
    }
}

static void view_form(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 12);
    int gap = ui__px(st, 8);
    int fh = ui__touch(st);
    int y = area.y + pad;
    int w = area.w - 2 * pad;
    /* two rows: card, name, phone; then year, e-mail, adult and "Next" (widths in percent) */
    static const int rows[2][4] = {{UI_REG_CARD, UI_REG_NAME, UI_REG_PHONE, -1},
                                   {UI_REG_YEAR, UI_REG_EMAIL, UI_REG_ADULT, -1}};
    static const int widths[2][4] = {{30, 42, 28, 0}, {13, 27, 47, 13}};
    char id[UI_ID_MAX];
    for (int row = 0; row < 2; row++) {
        int x = pad;
        int n = row == 0 ? 3 : 4;
        for (int k = 0; k < n; k++) {
            int fw = (w - (n - 1) * gap) * widths[row][k] / 100;
            if (k == n - 1)
                fw = pad + w - x;
            int i = rows[row][k];
            if (i < 0) {
                ui__button(dl, st, "reg.next", ui__rect_make(x, y, fw, fh),
                           ui_t(st, UI_MSG_REG_NEXT), UI_STYLE_OK);
                break;
            }
            ui__sprintf(id, sizeof id, "reg.field.%d", i);
            ui__field(dl, st, id, ui__rect_make(x, y, fw, fh), ui_t(st, field_msgs[i]),
                      st->reg.field[i].text, st->reg.focus == i);
            x += fw + gap;
        }
        y += fh + gap;
    }
    y += pad - gap;
    if (numeric(st->reg.focus)) { /* phone and birth year: digits only */
        int kw = ui__px(st, 600);
        ui__keypad(dl, st, ui__rect_make(pad + (w - kw) / 2, y, kw, area.y + area.h - y - pad));
        return;
    }
    UiRect kb = ui__rect_make(pad, y, w, area.y + area.h - y - pad);
    ui__keyboard(dl, st, kb, st->shift);
    if (st->reg.focus == UI_REG_EMAIL) { /* "@" where the keyboard's last row has room */
        int kgap = ui__px(st, 5);
        int kh = (kb.h - kgap * 4) / 5;
        int kw = (kb.w - kgap * 10) / 11;
        ui__button(dl, st, "reg.at", ui__rect_make(kb.x, kb.y + 4 * (kh + kgap), 2 * kw + kgap, kh),
                   "@", UI_STYLE_KEY);
    }
}

/* A title and a hint under it; returns the area below them. */
static UiRect view_heading(const UiState *st, UiDrawList *dl, UiRect area, UiMsg title, UiMsg hint)
{
    int pad = ui__px(st, 12);
    UiRect in = ui__inset(area, pad);
    int th = ui__px(st, 44);
    ui__label(dl, st, "reg.heading", ui__rect_make(in.x, in.y, in.w, th), UI_FONT_TITLE,
              UI_COL_TEXT, UI_ALIGN_LEFT, ui_t(st, title));
    int y = in.y + th;
    if (hint != UI_MSG_COUNT) {
        int hh = ui__px(st, 32);
        ui__label(dl, st, "reg.hint", ui__rect_make(in.x, y, in.w, hh), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, ui_t(st, hint));
        y += hh;
    }
    y += pad;
    return ui__rect_make(in.x, y, in.w, in.y + in.h - y);
}

/* "Back" at the left of the bottom row, then the step's main button filling the rest. */
static void view_bottom(const UiState *st, UiDrawList *dl, UiRect row, const char *main_id,
                        const char *main_text, UiStyle main_style)
{
    UiLayout lay = ui__layout(row, ui__px(st, 12));
    ui__row(&lay, 2, (int[]){ui__px(st, 220), 0}, row.h);
    ui__button(dl, st, "reg.back", ui__next(&lay), ui_t(st, UI_MSG_REG_BACK), UI_STYLE_SECONDARY);
    if (main_id)
        ui__button(dl, st, main_id, ui__next(&lay), main_text, main_style);
}

static void view_place(const UiState *st, UiDrawList *dl, UiRect area)
{
    UiRect in = view_heading(st, dl, area, UI_MSG_REG_PLACE, UI_MSG_REG_PLACE_HINT);
    int gap = ui__px(st, 12);
    int bh = ui__touch(st);
    int n = st->cfg.n_municipalities + 1; /* and "rather not say" */
    int cols = n <= 4 ? 2 : 3;
    int rows = (n + cols - 1) / cols;
    int avail = in.h - bh - gap;
    int h = (avail - (rows - 1) * gap) / rows;
    if (h > ui__px(st, 90))
        h = ui__px(st, 90);
    UiLayout lay = ui__layout(ui__rect_make(in.x, in.y, in.w, avail), gap);
    int w[3] = {0, 0, 0};
    char id[UI_ID_MAX];
    for (int i = 0; i < n; i++) {
        if (i % cols == 0)
            ui__row(&lay, cols, w, h);
        if (i == n - 1) {
            ui__button(dl, st, "reg.muni.skip", ui__next(&lay), ui_t(st, UI_MSG_REG_PLACE_SKIP),
                       UI_STYLE_SECONDARY);
            break;
        }
        ui__sprintf(id, sizeof id, "reg.muni.%d", i);
        ui__button(dl, st, id, ui__next(&lay), st->cfg.municipalities[i],
                   st->reg.municipality == i ? UI_STYLE_SELECTED : UI_STYLE_PRIMARY);
    }
    view_bottom(st, dl, ui__rect_make(in.x, in.y + in.h - bh, in.w, bh), NULL, NULL, 0);
}

static void view_contact(const UiState *st, UiDrawList *dl, UiRect area)
{
    UiRect in = view_heading(st, dl, area, UI_MSG_REG_CONTACT, UI_MSG_REG_CONTACT_HINT);
    const ScrRegister *r = &st->reg;
    int gap = ui__px(st, 12);
    int bh = ui__touch(st);
    int h = ui__px(st, 90);
    char label[UI_TEXT_MAX];
    char text[UI_TEXT_MAX];
    const char *phone = r->field[UI_REG_PHONE].text;
    const char *email = r->field[UI_REG_EMAIL].text;
    /* SMS: to their phone; a child without one is reached through the adult */
    bool can_sms = phone[0] || is_child(st);
    if (phone[0])
        ui_format(label, sizeof label, ui_t(st, UI_MSG_REG_CONTACT_SMS), phone, NULL);
    else
        ui__copy(label, sizeof label,
                 ui_t(st, can_sms ? UI_MSG_REG_CONTACT_SMS_ADULT : UI_MSG_REG_CONTACT_NO_PHONE));
    bool on = (r->contact & UI_CONTACT_SMS) != 0;
    ui__sprintf(text, sizeof text, "%s  %s", on ? "\xE2\x98\x91" : "\xE2\x98\x90", label);
    ui__button(dl, st, can_sms ? "reg.contact.sms" : "reg.contact.sms.off",
               ui__rect_make(in.x, in.y, in.w, h), text,
               !can_sms ? UI_STYLE_DISABLED
               : on     ? UI_STYLE_SELECTED
                        : UI_STYLE_SECONDARY);
    bool can_email = email[0] != '\0';
    if (can_email)
        ui_format(label, sizeof label, ui_t(st, UI_MSG_REG_CONTACT_EMAIL), email, NULL);
    else
        ui__copy(label, sizeof label, ui_t(st, UI_MSG_REG_CONTACT_NO_EMAIL));
    on = (r->contact & UI_CONTACT_EMAIL) != 0;
    ui__sprintf(text, sizeof text, "%s  %s", on ? "\xE2\x98\x91" : "\xE2\x98\x90", label);
    ui__button(dl, st, can_email ? "reg.contact.email" : "reg.contact.email.off",
               ui__rect_make(in.x, in.y + h + gap, in.w, h), text,
               !can_email ? UI_STYLE_DISABLED
               : on       ? UI_STYLE_SELECTED
                          : UI_STYLE_SECONDARY);
    view_bottom(st, dl, ui__rect_make(in.x, in.y + in.h - bh, in.w, bh), "reg.next",
                ui_t(st, UI_MSG_REG_NEXT), UI_STYLE_OK);
}

static void view_terms(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrRegister *r = &st->reg;
    int pad = ui__px(st, 12);
    int bh = ui__touch(st);
    int lh = ui__px(st, 40);
    UiRect in = ui__inset(area, pad);
    bool child = is_child(st);
    const char *adult = r->field[UI_REG_ADULT].text;
    char text[UI_TEXT_MAX];
    UiRect head = ui__rect_make(in.x, in.y, in.w, lh);
    if (child) { /* the adult reads and accepts: the screen says so first */
        if (adult[0])
            ui_format(text, sizeof text, ui_t(st, UI_MSG_REG_ADULT_CARD), adult, NULL);
        else
            ui__copy(text, sizeof text, ui_t(st, UI_MSG_REG_ADULT_SCAN));
        ui__panel(dl, st, head, UI_TONE_WARN);
        head = ui__inset(head, ui__px(st, 4));
        head.x += ui__px(st, 10);
        head.w -= ui__px(st, 10);
    } else {
        ui__copy(text, sizeof text, ui_t(st, UI_MSG_REG_TERMS));
    }
    ui__label(dl, st, "reg.heading", head, UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
    int y = in.y + lh + pad;
    int box_h = in.y + in.h - y - bh - pad;
    ui__terms_view(dl, st, ui__rect_make(in.x, y, in.w, box_h), r->first, "reg.terms");

    UiLayout lay = ui__layout(ui__rect_make(in.x, in.y + in.h - bh, in.w, bh), pad);
    ui__row(&lay, 3, (int[]){ui__px(st, 220), 0, ui__px(st, 230)}, bh);
    ui__button(dl, st, "reg.back", ui__next(&lay), ui_t(st, UI_MSG_REG_BACK), UI_STYLE_SECONDARY);
    char label[UI_TEXT_MAX];
    if (child)
        ui_format(label, sizeof label, ui_t(st, UI_MSG_REG_CONSENT_CHILD),
                  r->field[UI_REG_NAME].text, NULL);
    else
        ui__copy(label, sizeof label, ui_t(st, UI_MSG_REG_CONSENT));
    ui__sprintf(text, sizeof text, "%s %s", r->consent ? "\xE2\x98\x91" : "\xE2\x98\x90", label);
    ui__button(dl, st, "reg.consent", ui__next(&lay), text,
               r->consent ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    ui__button(dl, st, "reg.save", ui__next(&lay), ui_t(st, UI_MSG_REG_SAVE),
               r->consent && (!child || adult[0]) ? UI_STYLE_OK : UI_STYLE_DISABLED);
}

static bool numeric(int field)
{
    return field == UI_REG_PHONE || field == UI_REG_YEAR;
}

/* The form is complete and plausible: on to the next step. */
static void form_next(UiState *st, UiEffects *fx)
{
    const ScrRegister *r = &st->reg;
    int year = birth_year(st);
    if (!r->field[UI_REG_CARD].text[0])
        refuse(st, fx, UI_MSG_REG_NEED_CARD, NULL);
    else if (!r->field[UI_REG_NAME].text[0])
        refuse(st, fx, UI_MSG_REG_NEED_NAME, NULL);
    else if (r->field[UI_REG_PHONE].text[0] && !phone_ok(r->field[UI_REG_PHONE].text))
        refuse(st, fx, UI_MSG_REG_BAD_PHONE, NULL);
    else if (r->field[UI_REG_EMAIL].text[0] && !email_ok(r->field[UI_REG_EMAIL].text))
        refuse(st, fx, UI_MSG_REG_BAD_EMAIL, NULL);
    else if (year <= 0)
        refuse(st, fx, UI_MSG_REG_NEED_YEAR, NULL);
    else if (is_child(st) && !r->field[UI_REG_ADULT].text[0])
        refuse(st, fx, UI_MSG_REG_NEED_ADULT, NULL);
    else
        go_stage(st, +1);
}

/* One step on (+1) or back (-1); the municipality is no step when the centre lists none. */
static void go_stage(UiState *st, int step)
{
    ScrRegister *r = &st->reg;
    int s = (int)r->stage + step;
    if (s == UI_REG_STAGE_PLACE && st->cfg.n_municipalities == 0)
        s += step;
    if (s < UI_REG_STAGE_FORM)
        s = UI_REG_STAGE_FORM;
    if (s > UI_REG_STAGE_TERMS)
        s = UI_REG_STAGE_TERMS;
    /* what cannot be used any more is not kept: SMS without a phone, e-mail without one */
    if (!r->field[UI_REG_PHONE].text[0] && !is_child(st))
        r->contact &= ~UI_CONTACT_SMS;
    if (!r->field[UI_REG_EMAIL].text[0])
        r->contact &= ~UI_CONTACT_EMAIL;
    r->stage = (ScrRegStage)s;
    if (s == UI_REG_STAGE_TERMS && step > 0) {
        r->first = 0;
        r->consent = false; /* ticked by whoever reads the terms now */
    }
}

static void save(UiState *st, UiEffects *fx)
{
    const ScrRegister *r = &st->reg;
    bool child = is_child(st);
    if (child && !r->field[UI_REG_ADULT].text[0]) {
        refuse(st, fx, UI_MSG_REG_ADULT_SCAN, NULL);
        return;
    }
    if (!r->consent) {
        refuse(st, fx, UI_MSG_REG_NEED_CONSENT, NULL);
        return;
    }
    UiFxRegister *f = &ui__fx(fx, UI_FX_REGISTER)->reg;
    ui__copy(f->card, sizeof f->card, r->field[UI_REG_CARD].text);
    ui__copy(f->name, sizeof f->name, r->field[UI_REG_NAME].text);
    ui__copy(f->phone, sizeof f->phone, r->field[UI_REG_PHONE].text);
    ui__copy(f->email, sizeof f->email, r->field[UI_REG_EMAIL].text);
    f->birth_year = birth_year(st);
    f->consent = true;
    f->contact = r->contact;
    if (r->municipality >= 0 && r->municipality < st->cfg.n_municipalities)
        ui__copy(f->municipality, sizeof f->municipality, st->cfg.municipalities[r->municipality]);
    if (child)
        ui__copy(f->adult_card, sizeof f->adult_card, r->field[UI_REG_ADULT].text);
    f->staff_id = ui__staff_id(st);
}

static void refuse(UiState *st, UiEffects *fx, UiMsg msg, const char *arg)
{
    ui__toastf(st, UI_TONE_BAD, msg, arg, NULL);
    ui__sound(st, fx, UI_SOUND_REFUSED);
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

static bool is_child(const UiState *st)
{
    int year = birth_year(st);
    return year > 0 && st->year_now - year < st->cfg.min_adult_age;
}

/* 8 to 15 digits (the keypad types only digits; a physical keyboard may type more) */
static bool phone_ok(const char *t)
{
    int n = 0;
    for (const char *p = t; *p; p++) {
        if (*p >= '0' && *p <= '9')
            n++;
        else if (!(*p == '+' && p == t) && *p != ' ')
            return false;
    }
    return n >= 8 && n <= 15;
}

/* name@domain.tld: the store checks the same shape */
static bool email_ok(const char *t)
{
    const char *at = strchr(t, '@');
    if (!at || at == t || strchr(at + 1, '@') || strchr(t, ' '))
        return false;
    const char *dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1];
}
