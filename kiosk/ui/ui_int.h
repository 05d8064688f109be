/* kiosk_ui internals shared by ui.c and the screens (kiosk/screens): the screen table, layout
 * and widget helpers, session helpers. Not for the app. */
#ifndef BUA_KIOSK_UI_INT_H
#define BUA_KIOSK_UI_INT_H

#include "ui.h"
#include "ui_state.h"

#include <stdio.h>
#include <stdlib.h>

/* A screen is a table of what the core asks of it (libusb's usbi_os_backend). Only update and
 * view are required. */
typedef struct UiScreen {
    /* it becomes current; args: the screen's own arguments type (its header), or NULL */
    void (*enter)(UiState *st, const void *args, UiEffects *fx);
    /* an event the core did not consume */
    void (*update)(UiState *st, const UiEvent *ev, UiEffects *fx);
    /* the content below the top bar */
    void (*view)(const UiState *st, UiDrawList *dl, UiRect area);
    /* typed text goes to a field (NULL or false: keys are a keyboard scanner's code) */
    bool (*wants_text)(const UiState *st);
    /* typed text is a secret (a PIN): never a keyboard scanner's code, never shown (NULL: no) */
    bool (*secret_text)(const UiState *st);
    /* the top bar's title (NULL: title_msg) */
    UiMsg (*title)(const UiState *st);
    UiMsg title_msg;
    /* the idle timeout ran out: true if the screen keeps the session (it finishes something
     * first), false or NULL to log out */
    bool (*on_idle)(UiState *st, UiEffects *fx);
    /* when the screen changes by itself (-1: never; NULL: never), like ui_next_deadline */
    int64_t (*deadline)(const UiState *st);
    bool has_back;    /* a "Back" in the top bar, drawn by the screen at ui__back_rect() */
    bool idle_logout; /* the session ends after the idle timeout here */
    bool top_logout;  /* the top bar has "Log out" (or "Back" without a session) */
} UiScreen;

#define UI_SCR_EXTERN(id, name, table, type, member) extern const UiScreen table;
UI_SCREEN_MAP(UI_SCR_EXTERN)
#undef UI_SCR_EXTERN

/* A broken contract (a fixed array full, an argument that must be there) is a bug to find, not a
 * value to clamp: print where and abort (microui's expect). */
#define ui__expect(x)                                                                              \
    do {                                                                                           \
        if (!(x)) {                                                                                \
            fprintf(stderr, "%s:%d: broken contract: %s\n", __FILE__, __LINE__, #x);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

typedef enum UiAlign { UI_ALIGN_LEFT, UI_ALIGN_CENTER, UI_ALIGN_RIGHT } UiAlign;

typedef enum UiStyle {
    UI_STYLE_PRIMARY,   /* filled, the main action */
    UI_STYLE_SECONDARY, /* light */
    UI_STYLE_OK,
    UI_STYLE_DANGER,
    UI_STYLE_SELECTED, /* a chosen option */
    UI_STYLE_KEY,      /* keyboard key */
    UI_STYLE_BIG,      /* like PRIMARY with the huge font: the main choices of a screen */
    UI_STYLE_BIG_OK,   /* like OK with the huge font */
    UI_STYLE_DISABLED, /* does nothing now: flat, greyed */
} UiStyle;

/* scaled pixels */
int ui__px(const UiState *st, int base);
UiRect ui__rect_make(int x, int y, int w, int h);
UiRect ui__inset(UiRect r, int d);
UiColor ui__col(const UiState *st, UiColorId id);

/* A text's width in pixels as the draw list measures it (without a measurer: length x px / 2). */
int ui__text_width(UiDrawList *dl, UiFont font, int px, const char *text);
/* The largest font from `largest` down in which every texts[i] fits widths[i] (or `width` for
 * all when widths is NULL), so that sizes do not jump from line to line; UI_FONT_SMALL if none
 * (ui__text then cuts what still does not fit with "..."). */
UiFont ui__common_font(UiDrawList *dl, const UiState *st, UiFont largest, const char *const *texts,
                       const int *widths, int width, int n);

/* drawing */
void ui__fill(UiDrawList *dl, UiRect r, UiColor c);
void ui__frame(UiDrawList *dl, UiRect r, UiColor c, int thickness);
/* Text fitted into box: the font, or smaller ones, else cut with "...". Vertically centred.
 * Returns the width drawn. */
int ui__text(UiDrawList *dl, const UiState *st, UiRect box, UiFont font, UiColor c, UiAlign a,
             const char *text);
/* Wrapped text over up to max_lines lines from the top of box; returns the height used. */
int ui__text_wrap(UiDrawList *dl, const UiState *st, UiRect box, UiFont font, UiColor c,
                  int max_lines, const char *text);
void ui__widget(UiDrawList *dl, const char *id, UiWidgetKind kind, UiRect r, const char *text);
void ui__label(UiDrawList *dl, const UiState *st, const char *id, UiRect box, UiFont font,
               UiColorId color, UiAlign a, const char *text);
void ui__button(UiDrawList *dl, const UiState *st, const char *id, UiRect r, const char *text,
                UiStyle style);
void ui__field(UiDrawList *dl, const UiState *st, const char *id, UiRect r, const char *label,
               const char *value, bool focused);
/* A box with a coloured left edge for an outcome. */
void ui__panel(UiDrawList *dl, const UiState *st, UiRect r, UiTone tone);

/* The on-screen keyboard (digits, Norwegian letters, space, backspace, shift, enter) filling
 * `area`; keys are "kb.<letter>", "kb.space", "kb.back", "kb.shift", "kb.enter". */
void ui__keyboard(UiDrawList *dl, const UiState *st, UiRect area, bool shift);
/* Applies a keyboard key (or a typed text / key event) to a field. Returns true if the event
 * was for the keyboard; *enter is set when enter was pressed. */
bool ui__keyboard_event(UiState *st, const UiEvent *ev, UiField *f, bool *enter);
/* A numeric keypad ("pin.0".."pin.9", "pin.back", "pin.ok"). */
void ui__keypad(UiDrawList *dl, const UiState *st, UiRect area);

/* Where every screen's "Back" button goes: in the top bar, left of "Log out" (one fixed place,
 * never next to the keyboard). Only the leader, stocktake and year-figure screens have one. */
UiRect ui__back_rect(const UiState *st);

/* A layout cursor (microui's mu_layout_row / mu_layout_next): rows of cells placed left to right
 * inside an area, rows top to bottom, `gap` pixels between cells and between rows.
 *
 *   UiLayout lay = ui__layout(area, gap);
 *   ui__row(&lay, 3, (int[]){200, 0, -160}, h);   then ui__next(&lay) for each widget
 *
 * A width > 0 is fixed; 0 shares what the fixed cells and the gaps leave equally with the
 * other 0 cells; < 0 reaches to |w| + gap from the right edge (room for a fixed cell after
 * it). After the last cell, ui__next starts a new row with the same widths. */
#define UI_LAYOUT_MAX 8 /* cells in one row */

typedef struct UiLayout {
    UiRect area;
    int gap;
    int y;                     /* top of the next row */
    int row_y;                 /* top of the current row */
    int row_h;                 /* height of the current row (0: no row yet) */
    int n;                     /* cells in the row */
    int next;                  /* index of the next cell */
    int x;                     /* left of the next cell */
    int widths[UI_LAYOUT_MAX]; /* as given */
    int shared;                /* width of a 0 cell in this row */
} UiLayout;

UiLayout ui__layout(UiRect area, int gap);
/* Starts a row of n cells (1..UI_LAYOUT_MAX) of height h below the previous one. */
void ui__row(UiLayout *lay, int n, const int *widths, int h);
/* The next cell. */
UiRect ui__next(UiLayout *lay);

/* The top bar's height, scaled (cfg.top_bar_px). */
int ui__bar_h(const UiState *st);

/* Minimum height of a touch target, scaled. */
int ui__touch(const UiState *st);

/* strings */
/* snprintf that cuts silently (at a byte; callers format short, mostly ASCII text) */
void ui__sprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui__copy(char *dst, size_t size, const char *src);
void ui__append(char *dst, size_t size, const char *src);
void ui__utf8_pop(char *s);
const char *ui__reason(const UiState *st, UiResult r);
/* The short capitalised label of a refusal for a list row ("Allerede utlånt", "Savnet"). */
const char *ui__reason_label(const UiState *st, UiResult r);
/* A refusal a leader may override on a basket line (the item is here, in hand). */
bool ui__overridable(UiResult r);
/* The tone an outcome is shown in. */
UiTone ui__result_tone(UiResult r);
/* The i-th space-separated word of a list message ("Jan Feb ..."), "" if none. */
void ui__word(const char *list, int i, char *buf, size_t size);
const char *ui__status(const UiState *st, UiItemStatus s);
bool ui__starts(const char *s, const char *prefix);
/* Parses the decimal number after `prefix` in id; -1 if none. */
int ui__index(const char *id, const char *prefix);

/* session and effects */
UiFx *ui__fx(UiEffects *fx, UiFxKind kind);
void ui__sound(const UiState *st, UiEffects *fx, UiSound s);
void ui__toast(UiState *st, UiTone tone, const char *text);
void ui__toastf(UiState *st, UiTone tone, UiMsg msg, const char *a1, const char *a2);
/* A code that was not what the screen wanted, shown with msg ("{1}" the code), except that a
 * code that could be a PIN (4 to 12 digits typed by mistake) is never shown. */
void ui__toast_code(UiState *st, UiMsg msg, const char *code);
/* A card refused at login with its day (UI_R_CARD_REPLACED, STAFF_DISABLED, STAFF_EXPIRED):
 * says so with the card and the day, with the refusal tone, and returns true; false for any
 * other result (scr_accounts.c). */
bool ui__card_refused(UiState *st, UiResult r, const char *card, UiDate since, UiEffects *fx);
/* Removes the hint shown, if any (it was about something that is over). */
void ui__toast_clear(UiState *st);
/* Makes `screen` current and calls its enter with `args` (its own arguments type, or NULL). */
void ui__go(UiState *st, UiScreenId screen, const void *args, UiEffects *fx);
void ui__logout(UiState *st, UiEffects *fx);
/* The core's state that screens change, through these only: the on-screen keyboard's shift
 * (the next letter is a capital) and the language until logout. */
void ui__set_shift(UiState *st, bool on);
void ui__set_lang(UiState *st, UiLang lang);
/* The borrower the basket lends to (the logged-in one or a chosen co-borrower). */
const UiPerson *ui__lend_for(const UiState *st);
int64_t ui__staff_id(const UiState *st);

/* Goes to `screen` and hands it `ev` (an event another screen received but that screen
 * handles, e.g. the scan of an item on loan at home goes to the return). */
void ui__redirect(UiState *st, UiScreenId screen, const void *args, const UiEvent *ev,
                  UiEffects *fx);
/* Logs a borrower in and opens the basket; their loans and co-borrowers follow in
 * UI_EV_LOANS_PART and UI_EV_CO_PART, which the core adds to the session. */
void ui__login(UiState *st, const UiPerson *who, int n_overdue, UiEffects *fx);

/* The terms a borrower accepts (ui_terms.c): cfg.terms in the current language, drawn in `area`
 * from paragraph `first` on (a paragraph is a line of the text), wrapped, with big buttons at
 * the right to scroll: "<prefix>.up" and "<prefix>.down" ("<prefix>.up.off" / ".down.off",
 * greyed, when there is nothing more that way). Children and people new to computers tap
 * arrows rather than drag. */
void ui__terms_view(UiDrawList *dl, const UiState *st, UiRect area, int first, const char *prefix);
/* A press on "<prefix>.up" or "<prefix>.down" moves *first one paragraph (kept within the text);
 * returns true if the press was one of them. */
bool ui__terms_scroll(const UiState *st, const char *press_id, const char *prefix, int *first);

/* The workshop's two tabs, the repair queue and the bike jobs ("repairs.tab", "jobs.tab"), the
 * current one selected, filling r (scr_repairs.c; scr_jobs.c draws them too). */
void scr_workshop_tabs(const UiState *st, UiDrawList *dl, UiRect r, bool jobs);

/* The sync state in words (scr_sync.c; the staff screen shows it too). A moment as people read
 * it: the time ("14.02") when it is `today`, else the day ("9. mars"). */
void scr_sync_when(const UiState *st, UiWhen w, UiDate today, char *buf, size_t size);
/* The headline: "Synkronisert kl. 14.02", or, when the last round failed, the calm sentence
 * "Får ikke kontakt med serveren siden 13.40. Utlån virker som vanlig." (brief: the shorter
 * "Ingen kontakt siden 13.40. ..." of the staff screen's narrow column); returns the tone. */
UiTone scr_sync_headline(const UiState *st, const UiSyncStatus *s, bool brief, char *buf,
                         size_t size);
/* "3 venter på sending" (brief: "3 ikke sendt ennå") or "Alt er sendt"; "2 konflikter" ("" if
 * none). */
void scr_sync_waiting(const UiState *st, const UiSyncStatus *s, bool brief, char *buf, size_t size);
void scr_sync_conflicts(const UiState *st, const UiSyncStatus *s, char *buf, size_t size);

#endif
