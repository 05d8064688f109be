/* The setup the kiosk_ui unit tests share (test_ui, test_ui_lend, test_ui_people): one state
 * machine driven by hand-made events, text measured with a fixed-width fake, both .po
 * catalogues loaded from $BUA_ASSETS/i18n, and the layout rules every screen must keep. */
#ifndef BUA_TESTS_UI_HARNESS_H
#define BUA_TESTS_UI_HARNESS_H

#include "ui.h"
#include "ui_state.h"

#include <stdbool.h>
#include <stdint.h>

/* The catalogue, configuration and draw list of the test program (the draw list measures text
 * with the fake after uih_setup()). */
extern UiCatalog uih_cat;
extern UiConfig uih_cfg;
extern UiDrawList uih_dl;

/* Reads assets/i18n/<name> (or $BUA_ASSETS/i18n/<name>) into `cat` as `lang`: the number of
 * messages loaded, or a negative count after printing why (ui_catalog_load_po). */
int uih_read_po(UiCatalog *cat, UiLang lang, const char *name);
/* uih_read_po into uih_cat; fails the test unless every message is translated. */
void uih_load_po(UiLang lang, const char *name);

/* A fresh state on a w x h screen at 1000 ms, in 2026, with the default configuration. */
void uih_setup(UiState *st, int w, int h);

/* Feeds one event (its time is the state's now unless set) to ui_update(). */
void uih_send(UiState *st, UiEvent *ev, UiEffects *fx);
/* A touch on the widget `id`, a scanned `code`, and `ms` of time passing. */
void uih_press(UiState *st, const char *id, UiEffects *fx);
void uih_scan(UiState *st, const char *code, UiEffects *fx);
void uih_tick(UiState *st, int64_t ms, UiEffects *fx);

/* The first requested effect of `kind`, or NULL; whether `s` is among the sounds requested. */
const UiFx *uih_find_fx(const UiEffects *fx, UiFxKind kind);
bool uih_has_sound(const UiEffects *fx, UiSound s);

/* Whether a text command on screen contains `needle`. */
bool uih_visible(const UiState *st, const char *needle);

/* The layout rules, failing the test with `what` and the widget: every tappable widget at least
 * min_px each way, nothing outside the screen, no two tappable widgets overlapping, no text
 * running off the screen. */
void uih_check_layout(const UiState *st, const char *what, int min_px);

#endif
