/* kiosk_ui unit tests of the people screens through the pure state machine: a card refused at
 * login with its day (replaced, disabled, expired), the leader's staff cards (a new PIN typed
 * twice, disable), staff changing a borrower from the basket (what is sent, a child's phone),
 * and the layout rules of every new screen in both languages at 1024x600 and 1920x1080. */
#include "check.h"
#include "ui.h"
#include "ui_harness.h"
#include "ui_int.h"
#include "ui_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The layout rules on the screen as it is now (see ui_harness.h). */
static void check_layout(const UiState *st, const char *what)
{
    uih_check_layout(st, what, 64 * ui_scale(st) / 1000);
}

static void keys(UiState *st, const char *digits, UiEffects *fx)
{
    for (const char *d = digits; *d; d++) {
        char id[16];
        snprintf(id, sizeof id, "pin.%c", *d);
        uih_press(st, id, fx);
    }
    uih_press(st, "pin.ok", fx);
}

static bool has_widget(const UiState *st, const char *id)
{
    ui_view(st, &uih_dl);
    return ui_find(&uih_dl, id) != NULL;
}

/* A staff member logged in (a leader if `leader`), on the staff menu. */
static void staff_login(UiState *st, bool leader, UiEffects *fx)
{
    uih_press(st, "home.staff", fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-2001");
    snprintf(ev.identified.staff.name, sizeof ev.identified.staff.name, "Lise Leder");
    uih_send(st, &ev, fx);
    keys(st, "2468", fx);
    ui_event_init(&ev, UI_EV_STAFF_LOGGED);
    ev.staff_logged.staff.id = 2;
    snprintf(ev.staff_logged.staff.name, sizeof ev.staff_logged.staff.name, "Lise Leder");
    ev.staff_logged.role = leader ? UI_ROLE_LEADER : UI_ROLE_TRAINEE;
    uih_send(st, &ev, fx);
    CHECK_EQ(st->staff.stage, UI_STAFF_MENU);
}

/* The answer to UI_FX_STAFF_INFO for Trine's card. */
static void staff_info(UiState *st, bool disabled, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_STAFF_INFO);
    UiEvStaffInfo *in = &ev.staff_info;
    snprintf(in->code, sizeof in->code, "S-1001");
    in->staff.id = 1;
    snprintf(in->staff.card, sizeof in->staff.card, "S-1001");
    snprintf(in->staff.name, sizeof in->staff.name, "Trine Trainee");
    in->role = UI_ROLE_TRAINEE;
    in->disabled = disabled;
    in->disabled_on = (UiDate){2026, 3, 10, 2};
    in->expires = (UiDate){2026, 8, 16, 7};
    uih_send(st, &ev, fx);
}

static void test_login_refusals(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    UiEvent ev;
    uih_scan(&st, "B-1001", &fx);
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    snprintf(ev.identified.code, sizeof ev.identified.code, "B-1001");
    ev.h.result = UI_R_CARD_REPLACED;
    ev.identified.since = (UiDate){2026, 3, 2, 1};
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    CHECK(uih_visible(&st, "Kort B-1001 ble erstattet 2. mars"));
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    snprintf(ev.identified.code, sizeof ev.identified.code, "S-3001");
    ev.h.result = UI_R_STAFF_EXPIRED;
    ev.identified.since = (UiDate){2026, 3, 5, 4};
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    CHECK(uih_visible(&st, "Ansattkort S-3001 gikk ut 5. mars"));
    /* refused at the PIN: back to "scan your staff card" */
    uih_press(&st, "home.staff", &fx);
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-1001");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.staff.stage, UI_STAFF_PIN);
    keys(&st, "1234", &fx);
    ui_event_init(&ev, UI_EV_STAFF_LOGGED);
    ev.h.result = UI_R_STAFF_DISABLED;
    ev.staff_logged.since = (UiDate){2026, 3, 10, 2};
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.staff.stage, UI_STAFF_CARD);
    CHECK_EQ(st.session.staff.id, 0);
    CHECK(uih_visible(&st, "Ansattkort S-1001 er sperret fra 10. mars"));
    st.lang = UI_LANG_EN;
    CHECK(uih_visible(&st, "Scan your staff card"));
}

static void test_accounts(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    staff_login(&st, true, &fx);
    uih_press(&st, "staff.leader", &fx);
    uih_press(&st, "leader.staff", &fx);
    CHECK_EQ(st.screen, UI_SCR_ACCOUNTS);
    uih_scan(&st, "S-1001", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_STAFF_INFO);
    CHECK(f != NULL);
    CHECK_STREQ(f->staff_info.code, "S-1001");
    staff_info(&st, false, &fx);
    CHECK_EQ(st.accounts.stage, UI_ACCOUNTS_SHOW);
    CHECK(uih_visible(&st, "Aktivt til og med 16. august"));
    /* a new PIN: too short, then two that differ, then the same twice */
    uih_press(&st, "acc.pin", &fx);
    CHECK(ui_text_is_secret(&st));
    keys(&st, "12", &fx);
    CHECK(uih_visible(&st, "En PIN har 4 til 12 sifre"));
    CHECK_EQ(st.accounts.stage, UI_ACCOUNTS_PIN);
    uih_press(&st, "pin.back", &fx);
    uih_press(&st, "pin.back", &fx);
    keys(&st, "5678", &fx);
    CHECK_EQ(st.accounts.stage, UI_ACCOUNTS_PIN_AGAIN);
    CHECK(!uih_visible(&st, "5678")); /* never shown */
    keys(&st, "5679", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_STAFF_PIN) == NULL);
    CHECK_EQ(st.accounts.stage, UI_ACCOUNTS_PIN);
    CHECK(uih_visible(&st, "PIN-ene er ikke like"));
    keys(&st, "5678", &fx);
    keys(&st, "5678", &fx);
    f = uih_find_fx(&fx, UI_FX_STAFF_PIN);
    CHECK(f != NULL);
    CHECK_STREQ(f->staff_pin.pin, "5678");
    CHECK_STREQ(f->staff_pin.card, "S-1001");
    CHECK_EQ(f->staff_pin.staff_id, 2);
    CHECK_STREQ(st.accounts.first, ""); /* wiped */
    CHECK_EQ(st.accounts.stage, UI_ACCOUNTS_SHOW);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_STAFF_PIN;
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Ny PIN er lagret for Trine Trainee"));
    CHECK(uih_find_fx(&fx, UI_FX_STAFF_INFO) != NULL); /* shown again as stored */
    /* disable; the store may refuse (the last leader) */
    uih_press(&st, "acc.disable", &fx);
    f = uih_find_fx(&fx, UI_FX_STAFF_ENABLE);
    CHECK(f != NULL);
    CHECK(!f->staff_enable.enabled);
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_STAFF_ENABLE;
    ev.h.result = UI_R_LAST_LEADER;
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Ikke gjort: den siste lederen"));
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    staff_info(&st, true, &fx);
    CHECK(has_widget(&st, "acc.enable"));
    CHECK(!has_widget(&st, "acc.disable"));
    CHECK(uih_visible(&st, "Sperret fra 10. mars"));
    /* a trainee never gets here */
    st.session.role = UI_ROLE_TRAINEE;
    uih_scan(&st, "S-1001", &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
}

static void test_person(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    staff_login(&st, false, &fx);
    /* staff open a child found in their search: the basket offers "Endre låner" */
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    UiPerson *p = &ev.identified.borrower;
    ev.identified.who = UI_WHO_BORROWER;
    p->id = 8;
    snprintf(p->card, sizeof p->card, "B-1002");
    snprintf(p->name, sizeof p->name, "Ola Nordmann");
    snprintf(p->phone, sizeof p->phone, "91234567");
    p->phone_guardian = true;
    p->birth_year = 2015;
    p->responsible_id = 7;
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_BASKET);
    CHECK(has_widget(&st, "basket.edit"));
    uih_press(&st, "basket.edit", &fx);
    CHECK_EQ(st.screen, UI_SCR_PERSON);
    CHECK_STREQ(st.person.field[UI_PERSON_PHONE].text, ""); /* the adult's is not the child's */
    CHECK_STREQ(st.person.field[UI_PERSON_YEAR].text, "2015");
    uih_press(&st, "person.field.2", &fx);
    uih_press(&st, "pin.back", &fx);
    uih_press(&st, "person.save", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_EDIT_BORROWER) == NULL); /* "201" is no year */
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    uih_press(&st, "pin.6", &fx);
    uih_scan(&st, "B-1004", &fx); /* a new responsible adult */
    uih_press(&st, "person.save", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_EDIT_BORROWER);
    CHECK(f != NULL);
    CHECK_STREQ(f->edit_borrower.card, "B-1002");
    CHECK_STREQ(f->edit_borrower.name, "Ola Nordmann");
    CHECK_STREQ(f->edit_borrower.phone, "");
    CHECK_EQ(f->edit_borrower.birth_year, 2016);
    CHECK_STREQ(f->edit_borrower.adult_card, "B-1004");
    CHECK_EQ(f->edit_borrower.staff_id, 2);
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_EDIT_BORROWER;
    uih_send(&st, &ev, &fx);
    f = uih_find_fx(&fx, UI_FX_LOAD_BORROWER);
    CHECK(f != NULL);
    CHECK_EQ(f->load_borrower.id, 8);
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_BORROWER;
    ev.identified.borrower.id = 8;
    snprintf(ev.identified.borrower.card, sizeof ev.identified.borrower.card, "B-1002");
    snprintf(ev.identified.borrower.name, sizeof ev.identified.borrower.name, "Ola Nordmann");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_BASKET);
    CHECK(uih_visible(&st, "Lagret: Ola Nordmann"));
    /* a new card that is taken: said, and the screen waits for another */
    uih_press(&st, "basket.edit", &fx);
    uih_press(&st, "person.new_card", &fx);
    CHECK(!ui_text_is_secret(&st));
    uih_scan(&st, "B-1001", &fx);
    f = uih_find_fx(&fx, UI_FX_REPLACE_CARD);
    CHECK(f != NULL);
    CHECK_STREQ(f->replace_card.card, "B-1002");
    CHECK_STREQ(f->replace_card.new_card, "B-1001");
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_REPLACE_CARD;
    ev.h.result = UI_R_EXISTS;
    snprintf(ev.done.code, sizeof ev.done.code, "B-1001");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.person.stage, UI_PERSON_NEW_CARD);
    CHECK(uih_visible(&st, "Kort B-1001 kan ikke brukes"));
    /* with something in the basket, no "Endre låner" (the lines would be lost) */
    uih_press(&st, "person.back", &fx);
    uih_press(&st, "person.back", &fx);
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_BORROWER;
    ev.identified.borrower.id = 8;
    uih_send(&st, &ev, &fx);
    uih_scan(&st, "SKI-0001", &fx);
    CHECK(!has_widget(&st, "basket.edit"));
}

static void test_layouts(void)
{
    static const int sizes[2][2] = {{1024, 600}, {1920, 1080}};
    static UiState st;
    UiEffects fx;
    for (int s = 0; s < 2; s++) {
        for (int lang = 0; lang < UI_LANG_COUNT; lang++) {
            uih_setup(&st, sizes[s][0], sizes[s][1]);
            st.lang = (UiLang)lang;
            staff_login(&st, true, &fx);
            uih_press(&st, "staff.leader", &fx);
            check_layout(&st, "leader menu");
            uih_press(&st, "leader.staff", &fx);
            check_layout(&st, "accounts scan");
            staff_info(&st, false, &fx);
            check_layout(&st, "accounts show");
            staff_info(&st, true, &fx);
            check_layout(&st, "accounts disabled");
            uih_press(&st, "acc.pin", &fx);
            check_layout(&st, "accounts pin");
            UiPerson who = {.id = 7, .card = "B-1001", .name = "Kari Nordmann", .birth_year = 1985};
            ScrPersonArgs args = {&who};
            ui__go(&st, UI_SCR_PERSON, &args, &fx);
            check_layout(&st, "person");
            uih_press(&st, "person.field.1", &fx);
            check_layout(&st, "person keypad");
            uih_press(&st, "person.new_card", &fx);
            check_layout(&st, "person new card");
        }
    }
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_login_refusals);
    RUN(test_accounts);
    RUN(test_person);
    RUN(test_layouts);
    return 0;
}
