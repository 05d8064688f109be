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

    /* tapped: the conflicts screen, which asks the state and the conflicts */
    st.staff.searched = false;
    CHECK(widget(&st, "staff.sync") != NULL);
    uih_press(&st, "staff.sync", &fx);
    CHECK_EQ(st.screen, UI_SCR_SYNC);
    CHECK(uih_find_fx(&fx, UI_FX_SYNC_STATUS) != NULL);
    CHECK(uih_find_fx(&fx, UI_FX_CONFLICTS) != NULL);

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
    /* and the conflicts screen sends anyone without a staff session home */
    ui__go(&st, UI_SCR_SYNC, NULL, &fx);
    uih_tick(&st, 10, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
}

static UiConflict double_lend(int64_t id, const char *code, const char *name, const char *a,
                              const char *b)
{
    UiConflict c;
    memset(&c, 0, sizeof c);
    c.id = id;
    c.at = (UiWhen){{2026, 3, 10, 2}, 14 * 60};
    snprintf(c.code, sizeof c.code, "%s", code);
    snprintf(c.name, sizeof c.name, "%s", name);
    snprintf(c.older.who, sizeof c.older.who, "%s", a);
    snprintf(c.older.card, sizeof c.older.card, "B-1001");
    c.older.at = (UiWhen){{2026, 3, 9, 1}, 10 * 60 + 15};
    snprintf(c.older.device, sizeof c.older.device, "kasse-1");
    snprintf(c.newer.who, sizeof c.newer.who, "%s", b);
    snprintf(c.newer.card, sizeof c.newer.card, "B-1004");
    c.newer.at = (UiWhen){{2026, 3, 9, 1}, 11 * 60 + 30};
    snprintf(c.newer.device, sizeof c.newer.device, "popup");
    return c;
}

/* The answer to UI_FX_CONFLICTS: two double lends (from `first` on) and a card merge. */
static void send_conflicts(UiState *st, int first, UiEffects *fx)
{
    UiConflict all[3] = {
        double_lend(7, "SKI-0001", "Langrennski 180 cm", "Kari Nordmann", "Siri Hansen"),
        double_lend(9, "TELT-0002", "Telt 2 personer", "Siri Hansen", "Per Sperret"),
    };
    memset(&all[2], 0, sizeof all[2]);
    all[2].id = 4;
    all[2].merge = true;
    all[2].at = (UiWhen){{2026, 3, 8, 7}, 12 * 60};
    snprintf(all[2].older.who, sizeof all[2].older.who, "Ola Nordmann");
    snprintf(all[2].older.card, sizeof all[2].older.card, "B-1002");
    UiEvent ev;
    ui_event_init(&ev, UI_EV_CONFLICTS);
    ev.conflicts.n = 3 - first;
    ev.conflicts.open = 2 - first;
    ev.conflicts.merges = 1;
    uih_send(st, &ev, fx);
    for (int i = first; i < 3; i++) {
        ui_event_init(&ev, UI_EV_CONFLICT_PART);
        ev.conflict_part.index = i - first;
        ev.conflict_part.c = all[i];
        uih_send(st, &ev, fx);
    }
}

static void done(UiState *st, UiResult r, const char *code, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_DONE);
    ev.h.result = r;
    ev.done.of = UI_FX_RESOLVE;
    snprintf(ev.done.code, sizeof ev.done.code, "%s", code);
    uih_send(st, &ev, fx);
}

/* Logged in, on the conflicts screen with its state and conflicts loaded. */
static void open_sync(UiState *st, UiEffects *fx)
{
    staff_login(st, fx);
    UiSyncStatus s = failing();
    send_status(st, &s, fx);
    uih_press(st, "staff.sync", fx);
    CHECK_EQ(st->screen, UI_SCR_SYNC);
    CHECK(uih_visible(st, "Et øyeblikk"));
    send_status(st, &s, fx);
    send_conflicts(st, 0, fx);
}

static void test_conflicts(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    open_sync(&st, &fx);
    /* the state in full, with bua-sync's own words */
    CHECK(uih_visible(&st, "Får ikke kontakt med serveren siden 13.40. Utlån virker som vanlig."));
    CHECK(uih_visible(&st, "12 venter på sending"));
    CHECK(uih_visible(&st, "Denne maskinen: kasse-1 ved hamar"));
    CHECK(uih_visible(&st, "Teknisk: could not connect to server: Connection refused"));
    /* the first double lend: the item, both loans (who, when, which device) */
    CHECK(uih_visible(&st, "1 av 3"));
    CHECK(uih_visible(&st, "SKI-0001  Langrennski 180 cm"));
    CHECK(uih_visible(&st, "Lånt ut to ganger mens maskinene var uten kontakt"));
    CHECK(uih_visible(&st, "Første lån"));
    CHECK(uih_visible(&st, "Kari Nordmann (B-1001)"));
    CHECK(uih_visible(&st, "9. mars kl. 10.15, på kasse-1"));
    CHECK(uih_visible(&st, "Andre lån"));
    CHECK(uih_visible(&st, "Siri Hansen (B-1004)"));
    CHECK(uih_visible(&st, "9. mars kl. 11.30, på popup"));
    CHECK(uih_visible(&st, "Levert tilbake"));
    CHECK(uih_visible(&st, "Det var en annen gjenstand"));
    st.lang = UI_LANG_EN;
    CHECK(uih_visible(&st, "9 March at 10:15, on kasse-1"));
    CHECK(uih_visible(&st, "It was another item"));
    st.lang = UI_LANG_NB;
    CHECK(widget(&st, "sync.prev.off") != NULL);
    CHECK(widget(&st, "sync.next") != NULL);

    /* "Levert tilbake": sent once, even when tapped twice */
    uih_press(&st, "sync.returned", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_RESOLVE);
    CHECK(f != NULL);
    CHECK_EQ(f->resolve.id, 7);
    CHECK(f->resolve.returned);
    CHECK_EQ(f->resolve.staff_id, 1);
    uih_press(&st, "sync.returned", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_RESOLVE) == NULL);
    done(&st, UI_R_OK, "SKI-0001", &fx);
    CHECK(uih_visible(&st, "Løst: SKI-0001"));
    CHECK(uih_has_sound(&fx, UI_SOUND_OK));
    CHECK(uih_find_fx(&fx, UI_FX_CONFLICTS) != NULL); /* read again */
    CHECK(uih_find_fx(&fx, UI_FX_SYNC_STATUS) != NULL);
    send_conflicts(&st, 1, &fx);
    CHECK(uih_visible(&st, "1 av 2"));
    CHECK(uih_visible(&st, "TELT-0002  Telt 2 personer"));

    /* "Det var en annen gjenstand": the other item's barcode, scanned */
    uih_press(&st, "sync.other", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_RESOLVE) == NULL);
    CHECK(uih_visible(&st, "Skann gjenstanden Siri Hansen har"));
    CHECK(uih_visible(&st, "Lånet flyttes til den gjenstanden."));
    uih_press(&st, "sync.cancel", &fx); /* changed their mind */
    CHECK(uih_visible(&st, "Hva skjedde med det første lånet?"));
    uih_scan(&st, "SKI-0009", &fx); /* a scan without the question: nothing settled */
    CHECK(uih_find_fx(&fx, UI_FX_RESOLVE) == NULL);
    CHECK(uih_visible(&st, "Trykk «Det var en annen gjenstand» først, og skann den så"));
    uih_press(&st, "sync.other", &fx);
    uih_scan(&st, "SKI-0009", &fx);
    f = uih_find_fx(&fx, UI_FX_RESOLVE);
    CHECK(f != NULL);
    CHECK_EQ(f->resolve.id, 9);
    CHECK(!f->resolve.returned);
    CHECK_STREQ(f->resolve.other, "SKI-0009");
    /* refused: said, and the question stays for another scan */
    done(&st, UI_R_UNKNOWN_ITEM, "SKI-0009", &fx);
    CHECK(uih_visible(&st, "Ikke løst (SKI-0009): ukjent strekkode"));
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    CHECK(uih_visible(&st, "Skann gjenstanden Siri Hansen har"));
    uih_scan(&st, "SKI-0002", &fx);
    f = uih_find_fx(&fx, UI_FX_RESOLVE);
    CHECK(f != NULL && strcmp(f->resolve.other, "SKI-0002") == 0);
    done(&st, UI_R_OK, "TELT-0002", &fx);
    send_conflicts(&st, 2, &fx);

    /* the card merge: for information, nothing to settle */
    CHECK(uih_visible(&st, "1 av 1"));
    CHECK(uih_visible(&st, "Til orientering"));
    CHECK(uih_visible(&st, "Ola Nordmann (B-1002)"));
    CHECK(uih_visible(&st, "Slått sammen 8. mars kl. 12.00"));
    CHECK(uih_visible(&st, "Samme kort ble registrert på to maskiner: nå én person"));
    CHECK(widget(&st, "sync.returned") == NULL);
    uih_press(&st, "sync.returned", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_RESOLVE) == NULL);
    uih_press(&st, "sync.other", &fx);
    CHECK(!st.sync.scanning);

    /* none left */
    UiEvent ev;
    ui_event_init(&ev, UI_EV_CONFLICTS);
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Ingen konflikter. Alt stemmer."));
    uih_press(&st, "sync.back", &fx);
    CHECK_EQ(st.screen, UI_SCR_STAFF);
}

static void test_paging(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    open_sync(&st, &fx);
    uih_press(&st, "sync.next", &fx);
    CHECK(uih_visible(&st, "2 av 3"));
    uih_press(&st, "sync.next", &fx);
    CHECK(uih_visible(&st, "3 av 3"));
    CHECK(widget(&st, "sync.next.off") != NULL);
    uih_press(&st, "sync.next", &fx);
    CHECK(uih_visible(&st, "3 av 3"));
    uih_press(&st, "sync.prev", &fx);
    CHECK(uih_visible(&st, "2 av 3"));
    /* settling the second: the list read again, the one after it in its place */
    uih_press(&st, "sync.returned", &fx);
    CHECK_EQ(uih_find_fx(&fx, UI_FX_RESOLVE)->resolve.id, 9);
    done(&st, UI_R_OK, "TELT-0002", &fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_CONFLICTS);
    ev.conflicts.n = 1;
    uih_send(&st, &ev, &fx);
    ui_event_init(&ev, UI_EV_CONFLICT_PART);
    ev.conflict_part.c = double_lend(7, "SKI-0001", "Langrennski 180 cm", "Kari", "Siri");
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "1 av 1"));
    CHECK(uih_visible(&st, "SKI-0001"));
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
            uih_press(&st, "staff.sync", &fx);
            send_status(&st, &s, &fx);
            uih_check_layout(&st, "sync loading", min);
            send_conflicts(&st, 0, &fx);
            uih_check_layout(&st, "sync double lend", min);
            uih_press(&st, "sync.other", &fx);
            uih_check_layout(&st, "sync scan other", min);
            uih_press(&st, "sync.cancel", &fx);
            uih_press(&st, "sync.next", &fx);
            uih_press(&st, "sync.next", &fx);
            uih_check_layout(&st, "sync merge", min);
            UiEvent ev;
            ui_event_init(&ev, UI_EV_CONFLICTS);
            uih_send(&st, &ev, &fx);
            uih_check_layout(&st, "sync none", min);
        }
    }
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_staff_state);
    RUN(test_conflicts);
    RUN(test_paging);
    RUN(test_layouts);
    return 0;
}
