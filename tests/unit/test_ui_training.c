/* Unit tests of the work-training screens (kiosk_ui only, events made by hand): a trainee's card
 * at home opens the work day, one big button starts or ends it, a forgotten day is named, typing
 * goes on to the PIN, a refusal is shown; a leader's list of days and the correction of one
 * (15-minute steps, never out before in), only for leaders; the layout rules at both sizes and
 * in both languages. */
#include "check.h"
#include "ui.h"
#include "ui_harness.h"
#include "ui_state.h"

#include <stdio.h>
#include <string.h>

/* Trine's trainee card scanned at home. */
static void trainee_scans(UiState *st, UiEffects *fx)
{
    uih_scan(st, "S-1001", fx);
    CHECK(uih_find_fx(fx, UI_FX_IDENTIFY) != NULL);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    ev.identified.role = UI_ROLE_TRAINEE;
    snprintf(ev.identified.code, sizeof ev.identified.code, "S-1001");
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-1001");
    snprintf(ev.identified.staff.name, sizeof ev.identified.staff.name, "Trine Trainee");
    uih_send(st, &ev, fx);
}

static void answer(UiState *st, UiWorkAction action, bool in, int in_min, int today, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_WORKDAY);
    ev.workday.action = action;
    ev.workday.checked_in = in;
    ev.workday.in_min = in_min;
    ev.workday.today_min = today;
    uih_send(st, &ev, fx);
}

static void test_check_in_out(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    trainee_scans(&st, &fx);
    CHECK_EQ(st.screen, UI_SCR_WORKDAY);
    const UiFx *f = uih_find_fx(&fx, UI_FX_WORKDAY);
    CHECK(f != NULL);
    CHECK_EQ(f->workday.action, UI_WORK_STATUS);
    CHECK_STREQ(f->workday.card, "S-1001");
    CHECK(uih_visible(&st, "Et øyeblikk"));
    answer(&st, UI_WORK_STATUS, false, 0, 0, &fx);
    CHECK(uih_visible(&st, "Hei, Trine Trainee!"));
    CHECK(uih_visible(&st, "Start arbeidsdag"));
    CHECK(!uih_visible(&st, "Ferdig for i dag"));
    uih_press(&st, "workday.start", &fx);
    f = uih_find_fx(&fx, UI_FX_WORKDAY);
    CHECK(f != NULL && f->workday.action == UI_WORK_IN);
    uih_press(&st, "workday.start", &fx); /* a second tap while it is on its way: nothing */
    CHECK(uih_find_fx(&fx, UI_FX_WORKDAY) == NULL);
    answer(&st, UI_WORK_IN, true, 9 * 60 + 5, 0, &fx);
    CHECK(uih_visible(&st, "God arbeidsdag, Trine Trainee!"));
    CHECK(uih_visible(&st, "Du startet klokka 09:05."));
    CHECK(uih_has_sound(&fx, UI_SOUND_OK));
    uih_press(&st, "workday.ok", &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    /* later: done for today */
    trainee_scans(&st, &fx);
    answer(&st, UI_WORK_STATUS, true, 9 * 60 + 5, 0, &fx);
    CHECK(uih_visible(&st, "Ferdig for i dag"));
    uih_press(&st, "workday.finish", &fx);
    f = uih_find_fx(&fx, UI_FX_WORKDAY);
    CHECK(f != NULL && f->workday.action == UI_WORK_OUT);
    answer(&st, UI_WORK_OUT, false, 0, 6 * 60 + 25, &fx);
    CHECK(uih_visible(&st, "Takk for i dag, Trine Trainee!"));
    CHECK(uih_visible(&st, "I dag: 6 t 25 min."));
    st.lang = UI_LANG_EN;
    CHECK(uih_visible(&st, "Today: 6 h 25 min."));
    st.lang = UI_LANG_NB;
    /* another kiosk was quicker: said calmly, and the day asked again */
    trainee_scans(&st, &fx);
    answer(&st, UI_WORK_STATUS, false, 0, 385, &fx);
    CHECK(uih_visible(&st, "I dag så langt: 6 t 25 min."));
    uih_press(&st, "workday.start", &fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_WORKDAY);
    ev.h.result = UI_R_CHECKED_IN;
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "du er allerede sjekket inn"));
    f = uih_find_fx(&fx, UI_FX_WORKDAY);
    CHECK(f != NULL && f->workday.action == UI_WORK_STATUS);
    CHECK_EQ(st.screen, UI_SCR_WORKDAY);
}

static void test_forgotten_and_pin(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    trainee_scans(&st, &fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_WORKDAY);
    ev.workday.action = UI_WORK_STATUS;
    ev.workday.was_closed = true;
    ev.workday.closed_day = (UiDate){2026, 3, 11, 3};
    ev.workday.closed_min = 18 * 60;
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Du glemte å sjekke ut onsdag 11. mars. Dagen ble avsluttet klokka"
                           " 18:00."));
    st.lang = UI_LANG_EN;
    CHECK(uih_visible(&st, "You forgot to check out on Wednesday 11 March."));
    st.lang = UI_LANG_NB;
    /* typing is the PIN: it goes on to the staff screen, digits kept and never shown */
    ui_event_init(&ev, UI_EV_TEXT);
    snprintf(ev.text.text, sizeof ev.text.text, "12");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_STAFF);
    CHECK_EQ(st.staff.stage, UI_STAFF_PIN);
    CHECK_STREQ(st.staff.pin, "12");
    CHECK_STREQ(st.staff.card, "S-1001");
    CHECK(!uih_visible(&st, "12"));
    /* a leader's card at home goes to the PIN, never to the work day */
    uih_setup(&st, 1024, 600);
    uih_scan(&st, "S-2001", &fx);
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    ev.identified.role = UI_ROLE_LEADER;
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-2001");
    snprintf(ev.identified.staff.name, sizeof ev.identified.staff.name, "Lise Leder");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_STAFF);
    CHECK_EQ(st.staff.stage, UI_STAFF_PIN);
}

/* A leader (or a trainee) logged in, at the leader menu's work days. */
static void to_workdays(UiState *st, UiRole role, UiEffects *fx)
{
    uih_press(st, "home.staff", fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-2001");
    uih_send(st, &ev, fx);
    ui_event_init(&ev, UI_EV_STAFF_LOGGED);
    ev.staff_logged.staff.id = 2;
    snprintf(ev.staff_logged.staff.name, sizeof ev.staff_logged.staff.name, "Lise Leder");
    ev.staff_logged.role = role;
    uih_send(st, &ev, fx);
    CHECK_EQ(st->staff.stage, UI_STAFF_MENU);
}

static void page(UiState *st, int first, int total, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_WORKDAYS);
    UiEvWorkdays *p = &ev.workdays;
    p->first = first;
    p->total = total;
    for (int i = first; i < total && p->n < UI_WORKDAYS_PAGE; i++) {
        UiWorkdayRow *r = &p->rows[p->n++];
        snprintf(r->card, sizeof r->card, "S-10%02d", i);
        snprintf(r->name, sizeof r->name, "Deltager Nummer %d", i);
        r->day = (UiDate){2026, 3, 11 - i / 3, 3 - i / 3}; /* Wednesday 11 back to Monday 9 */
        r->in_min = 9 * 60;
        r->out_min = i == 0 ? -1 : 18 * 60;
        r->minutes = i == 0 ? 0 : 9 * 60;
        r->open = i == 0;
        r->auto_closed = i == 1;
        r->corrected = i == 2;
    }
    uih_send(st, &ev, fx);
}

static void test_workdays(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    to_workdays(&st, UI_ROLE_LEADER, &fx);
    uih_press(&st, "staff.leader", &fx);
    uih_press(&st, "leader.workdays", &fx);
    CHECK_EQ(st.screen, UI_SCR_WORKDAYS);
    const UiFx *f = uih_find_fx(&fx, UI_FX_WORKDAYS);
    CHECK(f != NULL && f->workdays.first == 0);
    page(&st, 0, 9, &fx);
    CHECK(uih_visible(&st, "Deltager Nummer 0  ·  onsdag 11. mars  ·  09:00–sjekket inn  ·  0 t"));
    CHECK(uih_visible(&st, "9 t  ·  avsluttet ved stengetid"));
    CHECK(uih_visible(&st, "9 t  ·  rettet"));
    CHECK(uih_visible(&st, "1–6 av 9"));
    uih_check_layout(&st, "workdays list", 44);
    uih_press(&st, "workdays.next", &fx);
    f = uih_find_fx(&fx, UI_FX_WORKDAYS);
    CHECK(f != NULL && f->workdays.first == 6);
    page(&st, 6, 9, &fx);
    CHECK(uih_visible(&st, "7–9 av 9"));
    uih_press(&st, "workdays.next", &fx); /* no more */
    CHECK(uih_find_fx(&fx, UI_FX_WORKDAYS) == NULL);
    uih_press(&st, "workdays.prev", &fx);
    page(&st, 0, 9, &fx);
    /* the open day: Out starts an hour after In; never before In, never past midnight */
    uih_press(&st, "workdays.row.0", &fx);
    CHECK_EQ(st.workdays.stage, UI_WORKDAYS_EDIT);
    CHECK(uih_visible(&st, "Deltager Nummer 0, onsdag 11. mars"));
    CHECK(uih_visible(&st, "10:00"));
    uih_check_layout(&st, "workdays edit", 44);
    for (int i = 0; i < 10; i++)
        uih_press(&st, "workdays.out.minus", &fx);
    CHECK_EQ(st.workdays.edit.out_min, 9 * 60 + 15);
    for (int i = 0; i < 10; i++)
        uih_press(&st, "workdays.in.plus", &fx);
    CHECK_EQ(st.workdays.edit.in_min, 9 * 60);
    uih_press(&st, "workdays.in.minus", &fx);
    uih_press(&st, "workdays.out.plus", &fx);
    uih_press(&st, "workdays.save", &fx);
    f = uih_find_fx(&fx, UI_FX_WORKDAY_SET);
    CHECK(f != NULL);
    CHECK_STREQ(f->workday_set.card, "S-1000");
    CHECK_EQ(f->workday_set.in_min, 8 * 60 + 45);
    CHECK_EQ(f->workday_set.out_min, 9 * 60 + 30);
    CHECK_EQ(f->workday_set.staff_id, 2);
    CHECK_EQ(f->workday_set.day.day, 11);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_WORKDAY_SET;
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.workdays.stage, UI_WORKDAYS_LIST);
    CHECK(uih_visible(&st, "Lagret: Deltager Nummer 0, onsdag 11. mars"));
    CHECK(uih_find_fx(&fx, UI_FX_WORKDAYS) != NULL);
    /* a refusal keeps the day open to change, with the store's reason */
    page(&st, 0, 9, &fx);
    uih_press(&st, "workdays.row.1", &fx);
    uih_press(&st, "workdays.save", &fx);
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_WORKDAY_SET;
    ev.h.result = UI_R_INVALID;
    snprintf(ev.h.detail, sizeof ev.h.detail, "work day 2026-03-11: out 18:00 is later than now");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.workdays.stage, UI_WORKDAYS_EDIT);
    CHECK(uih_visible(&st, "ugyldig verdi: work day 2026-03-11"));
    uih_press(&st, "workdays.cancel", &fx);
    CHECK_EQ(st.workdays.stage, UI_WORKDAYS_LIST);
    /* the big screen, in English */
    uih_setup(&st, 1920, 1080);
    st.lang = UI_LANG_EN;
    to_workdays(&st, UI_ROLE_LEADER, &fx);
    uih_press(&st, "staff.leader", &fx);
    uih_press(&st, "leader.workdays", &fx);
    page(&st, 0, 9, &fx);
    CHECK(uih_visible(&st, "closed at closing time"));
    uih_check_layout(&st, "workdays list 1920", 44);
    uih_press(&st, "workdays.row.2", &fx);
    uih_check_layout(&st, "workdays edit 1920", 44);
}

/* the work day at both sizes, in both languages, within the layout rules */
static void test_layouts(void)
{
    static const int sizes[2][2] = {{1024, 600}, {1920, 1080}};
    for (int s = 0; s < 2; s++) {
        for (int l = 0; l < 2; l++) {
            static UiState st;
            UiEffects fx;
            uih_setup(&st, sizes[s][0], sizes[s][1]);
            st.lang = l == 0 ? UI_LANG_NB : UI_LANG_EN;
            trainee_scans(&st, &fx);
            UiEvent ev;
            ui_event_init(&ev, UI_EV_WORKDAY);
            ev.workday.was_closed = true;
            ev.workday.closed_day = (UiDate){2026, 3, 11, 3};
            ev.workday.closed_min = 18 * 60;
            uih_send(&st, &ev, &fx);
            uih_check_layout(&st, "workday start", 44);
            answer(&st, UI_WORK_IN, true, 9 * 60, 0, &fx);
            uih_check_layout(&st, "workday started", 44);
        }
    }
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_check_in_out);
    RUN(test_forgotten_and_pin);
    RUN(test_workdays);
    RUN(test_layouts);
    return 0;
}
