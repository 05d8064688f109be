/* kiosk_ui unit tests of "Lag etikett" on the leader's item screen, through the pure state
 * machine: the effect asked for, what the screen says for each outcome (printing, saved, failed),
 * an answer for an item no longer on screen, a refusal from the store, and the layout rules in
 * both languages at 1024x600 and 1920x1080. The app's side (the PDF, lp) is kiosk_label.sh's. */
#include "check.h"
#include "ui.h"
#include "ui_harness.h"
#include "ui_int.h"
#include "ui_state.h"

#include <stdio.h>
#include <string.h>

static void check_layout(const UiState *st, const char *what)
{
    uih_check_layout(st, what, 64 * ui_scale(st) / 1000);
}

/* A leader logged in, on the item screen with SKI-0001 loaded. */
static void leader_item(UiState *st, UiEffects *fx)
{
    uih_press(st, "home.staff", fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-2001");
    snprintf(ev.identified.staff.name, sizeof ev.identified.staff.name, "Lise Leder");
    uih_send(st, &ev, fx);
    for (const char *d = "2468"; *d; d++) {
        char id[16];
        snprintf(id, sizeof id, "pin.%c", *d);
        uih_press(st, id, fx);
    }
    uih_press(st, "pin.ok", fx);
    ui_event_init(&ev, UI_EV_STAFF_LOGGED);
    ev.staff_logged.staff.id = 2;
    snprintf(ev.staff_logged.staff.name, sizeof ev.staff_logged.staff.name, "Lise Leder");
    ev.staff_logged.role = UI_ROLE_LEADER;
    uih_send(st, &ev, fx);
    uih_press(st, "staff.leader", fx);
    uih_press(st, "leader.items", fx);
    uih_scan(st, "SKI-0001", fx);
    CHECK(uih_find_fx(fx, UI_FX_ITEM_INFO) != NULL);
    ui_event_init(&ev, UI_EV_ITEM_INFO);
    snprintf(ev.item_info.code, sizeof ev.item_info.code, "SKI-0001");
    ev.item_info.item =
        (UiItem){"SKI-0001", "Langrennski 180 cm", "Ski", "HYLLE-A1", UI_ITEM_AVAILABLE};
    uih_send(st, &ev, fx);
    CHECK(st->leader.item_loaded);
}

static void label_answer(UiState *st, const char *code, UiResult r, UiLabelOutcome outcome,
                         const char *path_or_why, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_LABEL);
    ev.h.result = r;
    snprintf(ev.label.code, sizeof ev.label.code, "%s", code);
    ev.label.outcome = outcome;
    if (outcome == UI_LABEL_FAILED)
        snprintf(ev.h.detail, sizeof ev.h.detail, "%s", path_or_why);
    else
        snprintf(ev.label.path, sizeof ev.label.path, "%s", path_or_why);
    uih_send(st, &ev, fx);
}

static void test_label(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    leader_item(&st, &fx);
    CHECK(uih_visible(&st, "Lag etikett"));
    uih_press(&st, "item.label", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_MAKE_LABEL);
    CHECK(f != NULL);
    CHECK_STREQ(f->make_label.code, "SKI-0001");

    const char *pdf = "/var/lib/bua-kiosk/labels/SKI-0001-20260310T110000Z.pdf";
    label_answer(&st, "SKI-0001", UI_R_OK, UI_LABEL_PRINTING, pdf, &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_OK));
    CHECK(uih_visible(&st, "Etiketten er sendt til skriveren."));
    CHECK(uih_visible(&st, pdf));
    label_answer(&st, "SKI-0001", UI_R_OK, UI_LABEL_SAVED, pdf, &fx);
    CHECK(uih_visible(&st, "Fant ingen skriver. Etiketten er lagret som"));
    label_answer(&st, "SKI-0001", UI_R_OK, UI_LABEL_FAILED, "cannot write /x/y.pdf: disk full",
                 &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    CHECK(uih_visible(&st, "Kunne ikke lage etiketten: cannot write /x/y.pdf: disk full"));

    /* an answer for an item that is no longer on screen says nothing here */
    label_answer(&st, "SKI-0009", UI_R_OK, UI_LABEL_PRINTING, "/l/SKI-0009.pdf", &fx);
    CHECK(!uih_visible(&st, "/l/SKI-0009.pdf"));
    /* the store refused: a hint with the reason, a refusal tone */
    label_answer(&st, "SKI-0001", UI_R_UNKNOWN_ITEM, UI_LABEL_PRINTING, "", &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));

    /* another item: the note goes, the button stays */
    uih_scan(&st, "SKI-0002", &fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_ITEM_INFO);
    snprintf(ev.item_info.code, sizeof ev.item_info.code, "SKI-0002");
    ev.item_info.item = (UiItem){"SKI-0002", "Langrennski 160 cm", "Ski", "", UI_ITEM_AVAILABLE};
    uih_send(&st, &ev, &fx);
    CHECK(!uih_visible(&st, "Kunne ikke lage etiketten"));
    CHECK(uih_visible(&st, "Lag etikett"));
}

static void test_layouts(void)
{
    static const int sizes[2][2] = {{1024, 600}, {1920, 1080}};
    static UiState st;
    UiEffects fx;
    const char *long_path = "/var/lib/bua-kiosk/labels/SYKKEL-BARN-24-TOMMER-0001-"
                            "20260310T110000Z.pdf";
    for (int s = 0; s < 2; s++) {
        for (int lang = 0; lang < UI_LANG_COUNT; lang++) {
            uih_setup(&st, sizes[s][0], sizes[s][1]);
            st.lang = (UiLang)lang;
            leader_item(&st, &fx);
            check_layout(&st, "item with the label button");
            label_answer(&st, "SKI-0001", UI_R_OK, UI_LABEL_SAVED, long_path, &fx);
            check_layout(&st, "item with where the label went");
            label_answer(&st, "SKI-0001", UI_R_OK, UI_LABEL_FAILED, long_path, &fx);
            check_layout(&st, "item with why there is no label");
        }
    }
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_label);
    RUN(test_layouts);
    return 0;
}
