/* kiosk_ui unit tests of renewals and reservations: a reserved item in the basket (its row
 * label with the day, its tone, no override), "Mine lån" (renew: the effect, the new due day, a
 * refusal; the borrower's own history; back to the basket as it was), the staff reservation
 * screen (the steps, the days counted from today across a month, the effect), and the layout
 * rules of every new screen state in both languages. Text is measured with a fixed-width fake. */
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
    uih_check_layout(st, what, 64);
}

static bool visible(const UiState *st, const char *needle)
{
    ui_view(st, &uih_dl);
    for (int i = 0; i < uih_dl.n_widget; i++) {
        if (strstr(uih_dl.widget[i].text, needle))
            return true;
    }
    return false;
}

static void check_visible(const UiState *st, const char *needle)
{
    if (!visible(st, needle)) {
        fprintf(stderr, "not on screen: %s\n", needle);
        CHECK(0);
    }
}

/* Kari (id 7) logs in with two loans. */
static void login(UiState *st, UiEffects *fx)
{
    uih_scan(st, "B-1001", fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_BORROWER;
    ev.identified.borrower.id = 7;
    snprintf(ev.identified.borrower.card, sizeof ev.identified.borrower.card, "B-1001");
    snprintf(ev.identified.borrower.name, sizeof ev.identified.borrower.name, "Kari Nordmann");
    ev.identified.n_loans = 2;
    ev.identified.n_overdue = 1;
    uih_send(st, &ev, fx);
    CHECK_EQ(st->screen, UI_SCR_BASKET);
    ui_event_init(&ev, UI_EV_LOANS_PART);
    ev.loans_part.borrower_id = 7;
    ev.loans_part.n = 2;
    snprintf(ev.loans_part.loan[0].code, UI_CODE_MAX, "TELT-0002");
    snprintf(ev.loans_part.loan[0].name, UI_NAME_MAX, "Telt 2 personer");
    ev.loans_part.loan[0].due = (UiDate){2026, 3, 9, 1};
    ev.loans_part.loan[0].overdue = true;
    snprintf(ev.loans_part.loan[1].code, UI_CODE_MAX, "SUP-0001");
    snprintf(ev.loans_part.loan[1].name, UI_NAME_MAX, "SUP-brett");
    ev.loans_part.loan[1].due = (UiDate){2026, 3, 12, 4};
    uih_send(st, &ev, fx);
    CHECK_EQ(st->session.n_loans, 2);
}

static void test_basket_reserved(void)
{
    static UiState st;
    UiEffects fx = {0};
    uih_setup(&st, 1024, 600);
    login(&st, &fx);
    uih_scan(&st, "SKI-0001", &fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_LEND_CHECKED);
    snprintf(ev.lend_checked.code, sizeof ev.lend_checked.code, "SKI-0001");
    snprintf(ev.lend_checked.item.name, sizeof ev.lend_checked.item.name, "Langrennski");
    ev.lend_checked.reserved_from = (UiDate){2026, 3, 12, 4};
    ev.h.result = UI_R_RESERVED;
    uih_send(&st, &ev, &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_RESERVED));
    CHECK(!uih_has_sound(&fx, UI_SOUND_REFUSED));
    CHECK_EQ(st.basket.lines[0].state, UI_LINE_REFUSED);
    check_visible(&st, "Reservert fra torsdag 12. mars");
    CHECK_EQ(ui__result_tone(UI_R_RESERVED), UI_TONE_WARN);
    CHECK(!ui__overridable(UI_R_RESERVED)); /* a leader cancels the reservation instead */
    /* nothing to lend: no finish button */
    ui_view(&st, &uih_dl);
    CHECK(ui_find(&uih_dl, "basket.finish") == NULL);
    /* refused at the checkout itself (reserved meanwhile): the line says so too */
    uih_scan(&st, "SKI-0002", &fx);
    ui_event_init(&ev, UI_EV_LEND_CHECKED);
    snprintf(ev.lend_checked.code, sizeof ev.lend_checked.code, "SKI-0002");
    ev.h.result = UI_R_OK;
    uih_send(&st, &ev, &fx);
    uih_press(&st, "basket.finish", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_CHECKOUT) != NULL);
    ui_event_init(&ev, UI_EV_CHECKED_OUT);
    ev.h.result = UI_R_RESERVED;
    snprintf(ev.checked_out.code, sizeof ev.checked_out.code, "SKI-0002");
    ev.checked_out.reserved_from = (UiDate){2026, 3, 14, 6};
    uih_send(&st, &ev, &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_RESERVED));
    check_visible(&st, "Reservert fra lørdag 14. mars");
}

static void test_loans(void)
{
    static UiState st;
    UiEffects fx = {0};
    uih_setup(&st, 1024, 600);
    login(&st, &fx);
    uih_scan(&st, "SKI-0003", &fx); /* a line in the basket: still there after "Mine lån" */
    uih_press(&st, "basket.mine", &fx);
    CHECK_EQ(st.screen, UI_SCR_LOANS);
    check_visible(&st, "Telt 2 personer");
    uih_press(&st, "loans.renew.0", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_RENEW);
    CHECK(f != NULL);
    CHECK_STREQ(f->renew.code, "TELT-0002");
    CHECK_EQ(f->renew.borrower_id, 7);
    CHECK_EQ(f->renew.staff_id, 0);
    uih_press(&st, "loans.renew.0", &fx); /* asked already: not twice */
    CHECK(uih_find_fx(&fx, UI_FX_RENEW) == NULL);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_RENEWED);
    snprintf(ev.renewed.code, sizeof ev.renewed.code, "TELT-0002");
    ev.renewed.due = (UiDate){2026, 3, 17, 2};
    ev.h.result = UI_R_OK;
    uih_send(&st, &ev, &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_OK));
    CHECK_EQ(st.session.loans[0].due.day, 17);
    CHECK(!st.session.loans[0].overdue);
    CHECK_EQ(st.session.n_overdue, 0);
    check_visible(&st, "Forlenget: lever innen tirsdag 17. mars");
    /* the other one is reserved by someone else */
    uih_press(&st, "loans.renew.1", &fx);
    ui_event_init(&ev, UI_EV_RENEWED);
    snprintf(ev.renewed.code, sizeof ev.renewed.code, "SUP-0001");
    ev.renewed.reserved_from = (UiDate){2026, 3, 14, 6};
    ev.h.result = UI_R_RESERVED;
    uih_send(&st, &ev, &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_RESERVED));
    check_visible(&st, "Reservert fra lørdag 14. mars");
    CHECK_EQ(st.session.loans[1].due.day, 12);
    check_layout(&st, "loans");
    /* limit reached */
    uih_press(&st, "loans.renew.0", &fx);
    ui_event_init(&ev, UI_EV_RENEWED);
    snprintf(ev.renewed.code, sizeof ev.renewed.code, "TELT-0002");
    ev.h.result = UI_R_RENEW_LIMIT;
    uih_send(&st, &ev, &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    check_visible(&st, "Kan ikke forlenges mer");

    /* the borrower's own history */
    uih_press(&st, "loans.history", &fx);
    f = uih_find_fx(&fx, UI_FX_HISTORY);
    CHECK(f != NULL);
    CHECK_EQ(f->history.id, 7);
    check_visible(&st, "Et øyeblikk");
    ui_event_init(&ev, UI_EV_HISTORY);
    ev.history.borrower_id = 7;
    ev.history.n = 2;
    ev.history.total = 2;
    ev.h.result = UI_R_OK;
    uih_send(&st, &ev, &fx);
    ui_event_init(&ev, UI_EV_HIST_PART);
    ev.hist_part.n = 2;
    snprintf(ev.hist_part.line[0].name, UI_NAME_MAX, "Telt 2 personer");
    ev.hist_part.line[0].out = (UiDate){2026, 3, 2, 1};
    snprintf(ev.hist_part.line[1].name, UI_NAME_MAX, "Hjelm");
    ev.hist_part.line[1].out = (UiDate){2025, 11, 3, 1};
    ev.hist_part.line[1].back = (UiDate){2025, 11, 8, 6};
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.loans.n_hist, 2);
    check_visible(&st, "Lånt 2. mars, ikke levert ennå");
    check_visible(&st, "Lånt 3. november 2025, levert 8. november 2025");
    check_layout(&st, "history");
    uih_press(&st, "loans.current", &fx);
    uih_press(&st, "loans.history", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_HISTORY) == NULL); /* loaded once per visit */

    uih_press(&st, "loans.back", &fx);
    CHECK_EQ(st.screen, UI_SCR_BASKET);
    CHECK_EQ(st.basket.n, 1);
    CHECK_STREQ(st.basket.lines[0].code, "SKI-0003");
}

static void test_reserve_screen(void)
{
    static UiState st;
    UiEffects fx = {0};
    uih_setup(&st, 1024, 600);
    st.session.staff.id = 3;
    st.session.role = UI_ROLE_TRAINEE;
    ui_effects_clear(&fx);
    ui__go(&st, UI_SCR_RESERVE, NULL, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_RES_LIST) != NULL);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_RES_LIST);
    ev.res_list.today = (UiDate){2026, 2, 27, 5}; /* Friday */
    ev.res_list.n = 1;
    ev.res_list.total = 1;
    ev.h.result = UI_R_OK;
    uih_send(&st, &ev, &fx);
    ui_event_init(&ev, UI_EV_RES_PART);
    ev.res_part.n = 1;
    ev.res_part.res[0].id = 4;
    ev.res_part.res[0].category = true;
    ev.res_part.res[0].count = 25;
    snprintf(ev.res_part.res[0].what, UI_NAME_MAX, "Skøyter");
    snprintf(ev.res_part.res[0].who, UI_NAME_MAX, "Hamar skole 5B");
    ev.res_part.res[0].from = (UiDate){2026, 3, 12, 4};
    ev.res_part.res[0].to = (UiDate){2026, 3, 12, 4};
    uih_send(&st, &ev, &fx);
    check_visible(&st, "25 × Skøyter til Hamar skole 5B");
    check_layout(&st, "reserve list");
    uih_press(&st, "reserve.cancel.0", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_RES_CANCEL);
    CHECK(f != NULL);
    CHECK_EQ(f->res_cancel.id, 4);
    ui_event_init(&ev, UI_EV_RES_DONE);
    ev.res_done.of = UI_FX_RES_CANCEL;
    ev.res_done.id = 4;
    ev.h.result = UI_R_OK;
    uih_send(&st, &ev, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_RES_LIST) != NULL); /* the list again */
    ui_event_init(&ev, UI_EV_RES_LIST);
    ev.res_list.today = (UiDate){2026, 2, 27, 5};
    ev.h.result = UI_R_OK;
    uih_send(&st, &ev, &fx);
    check_visible(&st, "Ingen kommende reservasjoner");

    uih_press(&st, "reserve.new", &fx);
    CHECK_EQ(st.reserve.stage, UI_RES_CARD);
    check_layout(&st, "reserve card");
    uih_scan(&st, "B-1004", &fx);
    f = uih_find_fx(&fx, UI_FX_IDENTIFY);
    CHECK(f != NULL);
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_BORROWER;
    ev.identified.borrower.id = 9;
    snprintf(ev.identified.borrower.name, UI_NAME_MAX, "Siri Hansen");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.reserve.stage, UI_RES_WHAT);
    CHECK_EQ(st.screen, UI_SCR_RESERVE); /* a borrower's card here is not a login */
    check_layout(&st, "reserve what");
    uih_press(&st, "reserve.next", &fx); /* nothing picked yet */
    CHECK_EQ(st.reserve.stage, UI_RES_WHAT);
    uih_press(&st, "reserve.cat.1", &fx);
    uih_press(&st, "reserve.more", &fx);
    uih_press(&st, "reserve.more", &fx);
    uih_press(&st, "reserve.less", &fx);
    check_visible(&st, "Antall: 2");
    uih_press(&st, "reserve.next", &fx);
    CHECK_EQ(st.reserve.stage, UI_RES_DAYS);
    uih_press(&st, "reserve.to.prev", &fx); /* not before the first day */
    CHECK_EQ(st.reserve.to, 0);
    uih_press(&st, "reserve.from.next", &fx);
    uih_press(&st, "reserve.from.next", &fx);
    CHECK_EQ(st.reserve.to, 2); /* follows the first day */
    uih_press(&st, "reserve.to.next", &fx);
    check_visible(&st, "søndag 1. mars");
    check_visible(&st, "mandag 2. mars");
    check_layout(&st, "reserve days");
    uih_press(&st, "reserve.do", &fx);
    f = uih_find_fx(&fx, UI_FX_RESERVE);
    CHECK(f != NULL);
    CHECK_EQ(f->reserve.borrower_id, 9);
    CHECK_STREQ(f->reserve.category, "Skøyter");
    CHECK_EQ(f->reserve.count, 2);
    CHECK_STREQ(f->reserve.code, "");
    CHECK_EQ(f->reserve.from.year, 2026);
    CHECK_EQ(f->reserve.from.month, 3);
    CHECK_EQ(f->reserve.from.day, 1);
    CHECK_EQ(f->reserve.from.weekday, 7);
    CHECK_EQ(f->reserve.to.day, 2);
    CHECK_EQ(f->reserve.to.weekday, 1);
    CHECK_EQ(f->reserve.staff_id, 3);
    ui_event_init(&ev, UI_EV_RES_DONE);
    ev.res_done.of = UI_FX_RESERVE;
    ev.h.result = UI_R_TOO_FEW_FREE;
    snprintf(ev.h.detail, sizeof ev.h.detail, "only 1 item of category Skøyter is free");
    uih_send(&st, &ev, &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    CHECK_EQ(st.reserve.stage, UI_RES_DAYS);
    check_visible(&st, "ikke nok ledige de dagene: only 1 item");
    uih_press(&st, "reserve.back", &fx);
    uih_press(&st, "reserve.back", &fx);
    uih_press(&st, "reserve.back", &fx);
    CHECK_EQ(st.reserve.stage, UI_RES_LIST);
    uih_press(&st, "reserve.back", &fx);
    CHECK_EQ(st.screen, UI_SCR_STAFF);
}

static void test_layouts_en(void)
{
    static UiState st;
    UiEffects fx = {0};
    uih_setup(&st, 1024, 600);
    st.lang = UI_LANG_EN;
    login(&st, &fx);
    uih_press(&st, "basket.mine", &fx);
    check_layout(&st, "loans en");
    uih_press(&st, "loans.history", &fx);
    check_layout(&st, "history en");
    st.session.staff.id = 3;
    ui_effects_clear(&fx);
    ui__go(&st, UI_SCR_RESERVE, NULL, &fx);
    for (int stage = UI_RES_LIST; stage <= UI_RES_DAYS; stage++) {
        st.reserve.stage = (UiResStage)stage;
        st.reserve.loaded = true;
        st.reserve.category = 1;
        check_layout(&st, "reserve en");
    }
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_basket_reserved);
    RUN(test_loans);
    RUN(test_reserve_screen);
    RUN(test_layouts_en);
    return 0;
}
