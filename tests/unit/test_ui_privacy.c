/* kiosk_ui unit tests of the privacy screen through the pure state machine: the person screen
 * logs the opening and leads to the data; the data arrive as a count and parts and are shown
 * in pages with their headings; a trainee has no "Delete person"; a leader's first tap asks,
 * the second sends the erasure, a refusal names the items, a deletion takes the person out of
 * the session; and the layout rules in both languages at 1024x600 and 1920x1080. */
#include "check.h"
#include "ui.h"
#include "ui_harness.h"
#include "ui_int.h"
#include "ui_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool has_widget(const UiState *st, const char *id)
{
    ui_view(st, &uih_dl);
    return ui_find(&uih_dl, id) != NULL;
}

/* Staff logged in (a leader if `leader`), with Kari open in the basket. */
static void open_kari(UiState *st, bool leader, UiEffects *fx)
{
    st->session.staff.id = 2;
    snprintf(st->session.staff.name, sizeof st->session.staff.name, "Lise Leder");
    st->session.role = leader ? UI_ROLE_LEADER : UI_ROLE_TRAINEE;
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_BORROWER;
    UiPerson *p = &ev.identified.borrower;
    p->id = 7;
    snprintf(p->card, sizeof p->card, "B-1001");
    snprintf(p->name, sizeof p->name, "Kari Nordmann");
    uih_send(st, &ev, fx);
    CHECK_EQ(st->screen, UI_SCR_BASKET);
}

/* The export as the app sends it: the count, then the lines in parts. */
static void send_export(UiState *st, int n_rows, UiEffects *fx)
{
    static UiExportLine lines[64];
    int n = 0;
    memset(lines, 0, sizeof lines);
    snprintf(lines[n].section, sizeof lines[0].section, "person");
    lines[n++].head = true;
    snprintf(lines[n].section, sizeof lines[0].section, "person");
    snprintf(lines[n++].text, sizeof lines[0].text, "name: Kari Nordmann");
    snprintf(lines[n].section, sizeof lines[0].section, "children");
    lines[n++].head = true;
    snprintf(lines[n++].section, sizeof lines[0].section, "children"); /* none */
    snprintf(lines[n].section, sizeof lines[0].section, "loans");
    lines[n++].head = true;
    for (int i = 0; i < n_rows && n < 64; i++) {
        snprintf(lines[n].section, sizeof lines[0].section, "loans");
        snprintf(lines[n++].text, sizeof lines[0].text, "barcode SKI-%04d, item Ski", i);
    }
    UiEvent ev;
    ui_event_init(&ev, UI_EV_EXPORT);
    ev.export_info.borrower_id = 7;
    ev.export_info.n = n;
    ev.export_info.total = n + 5; /* more than were kept */
    uih_send(st, &ev, fx);
    for (int i = 0; i < n; i += UI_EV_EXPORT_PART_MAX) {
        ui_event_init(&ev, UI_EV_EXPORT_PART);
        ev.export_part.first = i;
        for (int k = i; k < n && ev.export_part.n < UI_EV_EXPORT_PART_MAX; k++)
            ev.export_part.line[ev.export_part.n++] = lines[k];
        uih_send(st, &ev, fx);
    }
    CHECK_EQ(st->privacy.n, n);
}

static void test_export(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    open_kari(&st, false, &fx);
    uih_press(&st, "basket.edit", &fx);
    CHECK_EQ(st.screen, UI_SCR_PERSON);
    const UiFx *f = uih_find_fx(&fx, UI_FX_ACCESS_LOG);
    CHECK(f != NULL); /* opening the details is logged */
    CHECK_EQ(f->access_log.borrower_id, 7);
    CHECK_EQ(f->access_log.staff_id, 2);
    uih_press(&st, "person.data", &fx);
    CHECK_EQ(st.screen, UI_SCR_PRIVACY);
    f = uih_find_fx(&fx, UI_FX_EXPORT);
    CHECK(f != NULL);
    CHECK_EQ(f->export_data.borrower_id, 7);
    CHECK(uih_visible(&st, "Henter data"));
    CHECK(!has_widget(&st, "privacy.erase")); /* a trainee */
    send_export(&st, 30, &fx);
    CHECK(uih_visible(&st, "Registrering"));
    CHECK(uih_visible(&st, "name: Kari Nordmann"));
    CHECK(uih_visible(&st, "Barn"));
    CHECK(uih_visible(&st, "ingenting"));
    CHECK(uih_visible(&st, "linjer til: bua-admin borrower export"));
    /* the next page starts where the first ended */
    ui_view(&st, &uih_dl);
    const char *down = NULL;
    for (int i = 0; i < uih_dl.n_widget; i++) {
        if (strncmp(uih_dl.widget[i].id, "privacy.down.", 13) == 0)
            down = uih_dl.widget[i].id;
    }
    CHECK(down != NULL);
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "%s", down);
    uih_press(&st, id, &fx);
    CHECK(st.privacy.skip > 0);
    CHECK(!uih_visible(&st, "name: Kari Nordmann"));
    CHECK(has_widget(&st, "privacy.up"));
    uih_press(&st, "privacy.up", &fx);
    CHECK(uih_visible(&st, "name: Kari Nordmann"));
    uih_press(&st, "privacy.back", &fx);
    f = uih_find_fx(&fx, UI_FX_LOAD_BORROWER);
    CHECK(f != NULL);
    CHECK_EQ(f->load_borrower.id, 7);
}

static void test_erase(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    open_kari(&st, true, &fx);
    uih_press(&st, "basket.edit", &fx);
    uih_press(&st, "person.data", &fx);
    send_export(&st, 2, &fx);
    CHECK(has_widget(&st, "privacy.erase"));
    uih_press(&st, "privacy.erase", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_ERASE) == NULL); /* the first tap only asks */
    CHECK(uih_visible(&st, "Trykk igjen for å slette Kari Nordmann"));
    uih_press(&st, "privacy.erase", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_ERASE);
    CHECK(f != NULL);
    CHECK_STREQ(f->erase.card, "B-1001");
    CHECK_EQ(f->erase.staff_id, 2);
    /* refused: items on loan, named */
    UiEvent ev;
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_ERASE;
    ev.h.result = UI_R_HAS_LOANS;
    snprintf(ev.h.detail, sizeof ev.h.detail, "TELT-0002");
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Ikke slettet: har fortsatt utstyr på lån: TELT-0002"));
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    CHECK_EQ(st.screen, UI_SCR_PRIVACY);
    /* a tap elsewhere takes the question back */
    uih_press(&st, "privacy.erase", &fx);
    CHECK(st.privacy.confirm);
    uih_press(&st, "privacy.head", &fx);
    CHECK(!st.privacy.confirm);
    /* deleted: out of the session, staff stay */
    uih_press(&st, "privacy.erase", &fx);
    uih_press(&st, "privacy.erase", &fx);
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_ERASE;
    ev.h.result = UI_R_OK;
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_STAFF);
    CHECK_EQ(st.session.borrower.id, 0);
    CHECK_EQ(st.session.staff.id, 2);
    CHECK(uih_visible(&st, "Slettet: Kari Nordmann"));
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
            open_kari(&st, true, &fx);
            uih_press(&st, "basket.edit", &fx);
            uih_check_layout(&st, "person with data", 64 * ui_scale(&st) / 1000);
            uih_press(&st, "person.data", &fx);
            uih_check_layout(&st, "privacy loading", 64 * ui_scale(&st) / 1000);
            send_export(&st, 40, &fx);
            uih_check_layout(&st, "privacy", 64 * ui_scale(&st) / 1000);
            uih_press(&st, "privacy.erase", &fx);
            uih_check_layout(&st, "privacy confirm", 64 * ui_scale(&st) / 1000);
        }
    }
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_export);
    RUN(test_erase);
    RUN(test_layouts);
    return 0;
}
