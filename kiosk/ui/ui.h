/* kiosk_ui: the kiosk as a pure state machine (libc only: no SDL, no SQLite, no malloc).
 *
 *   ui_update(state, event, effects)  folds one event into the state and asks for effects
 *   ui_view(state, drawlist)          turns the state into draw commands and widgets
 *
 * Events are touches (already resolved to a widget id with ui_hit), text, keys, scans, clock
 * ticks and the results of effects. Effects are requests ("look this card up", "check out the
 * basket", "play the refusal tone") that the app performs through inventory/SDL and answers with
 * a result event (lists too long for one event follow it in *_PART events). Both are tagged
 * unions: a head and one small payload per kind (UI_EV_MAP, UI_FX_MAP). Every string a person
 * sees is a message id (ui_msg.h) resolved through a UiCatalog loaded from the gettext .po files
 * in assets/i18n (ui_catalog_load_po); widget ids are stable strings ("home.borrow",
 * "basket.remove.2") that scripts and tests tap and look for.
 *
 * This header is the API and the common types; the state (core, session, one struct per
 * screen) and the screen list are in ui_state.h, the messages in ui_msg.h.
 *
 * Start reading at ui_update() in ui.c, then the screen table (ui_int.h, UiScreen) and one
 * screen, e.g. kiosk/screens/scr_basket.c.
 */
#ifndef BUA_KIOSK_UI_H
#define BUA_KIOSK_UI_H

#include "ui_msg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- limits ------------------------------------------------------------------------------- */

#define UI_ID_MAX 40    /* widget id, bytes with NUL */
#define UI_TEXT_MAX 192 /* one line of text */
#define UI_CODE_MAX 64  /* barcode, card, zone label */
#define UI_PIN_MIN 4    /* a staff PIN: 4 to 12 digits (the store's INV_PIN_MIN/MAX) */
#define UI_PIN_MAX 12
#define UI_NAME_MAX 96      /* names shown on screen */
#define UI_DATE_MAX 48      /* a date formatted for people ("tirsdag 17. mars 2027") */
#define UI_BASKET_MAX 32    /* items in one basket */
#define UI_LOANS_MAX 12     /* current loans listed at login */
#define UI_EV_LOANS_MAX 64  /* lines an event carries: a whole checkout, parts of sets included */
#define UI_CO_MAX 6         /* co-borrowers of one adult */
#define UI_RETURN_MAX 16    /* returns listed on the return screen */
#define UI_FOUND_MAX 8      /* borrower search results */
#define UI_AUDIT_LINES 2000 /* stocktake report lines kept: every line of a zone or a centre */
#define UI_CATS_MAX 10      /* categories in the year figures and the item form */
#define UI_HISTORY_MAX 40   /* a borrower's own past loans shown at the kiosk */
#define UI_RES_MAX 8        /* coming reservations listed on the staff screen */
#define UI_FX_MAX 8         /* effects asked for by one event */
#define UI_DRAW_MAX 700     /* draw commands per frame */
#define UI_WIDGET_MAX 220   /* widgets per frame */
#define UI_POOL_MAX 49152   /* bytes of translated text in a catalogue */
#define UI_SET_PARTS_MAX                                                                           \
    8                     /* parts of a set checked one by one at a staff return (a set with       \
                             more comes back whole in one scan) */
#define UI_HISTORY_PAGE 5 /* entries of an item's history shown at a time */
#define UI_MUNI_MAX 12    /* municipalities offered at registration ([centre] municipalities) */

/* ---- languages, messages --------------------------------------------------------------- */

typedef enum UiLang { UI_LANG_NB = 0, UI_LANG_EN = 1, UI_LANG_COUNT } UiLang;

/* "nb", "en"; and back (false if unknown). */
const char *ui_lang_name(UiLang lang);
bool ui_lang_parse(const char *name, UiLang *out);

/* The messages (UiMsg, UI_MSG_MAP): ui_msg.h. */

/* Translations of every message in every language. Holds copies of the texts in its own pool:
 * no allocation, no pointers into the .po buffers. */
typedef struct UiCatalog {
    const char *text[UI_LANG_COUNT][UI_MSG_COUNT]; /* NULL: not translated */
    char pool[UI_POOL_MAX];
    size_t used;
} UiCatalog;

void ui_catalog_init(UiCatalog *cat);

/* Loads a gettext .po text (msgid = message key, msgstr = text; C escapes, continued strings;
 * fuzzy or empty entries and unknown keys are skipped) into `lang`. Returns the number of
 * messages loaded, or -1 with a "LINE: why" message in err[err_size] for a malformed file or a
 * full pool. */
int ui_catalog_load_po(UiCatalog *cat, UiLang lang, const char *po, size_t len, char *err,
                       size_t err_size);

/* The text of a message: the catalogue's, else the built-in English text. Never NULL. */
const char *ui_catalog_get(const UiCatalog *cat, UiLang lang, UiMsg msg);

/* Copies `tmpl` into buf[size] with "{1}" and "{2}" replaced by a1 and a2 (NULL: ""). Always
 * NUL-terminates; cuts at a UTF-8 character boundary. */
void ui_format(char *buf, size_t size, const char *tmpl, const char *a1, const char *a2);

/* ---- configuration ------------------------------------------------------------------------ */

typedef struct UiColor {
    uint8_t r, g, b, a;
} UiColor;

#define UI_COLOR_MAP(X)                                                                            \
    X(BG, "bg", 0xF4F1EA)                                                                          \
    X(PANEL, "panel", 0xFFFFFF)                                                                    \
    X(BAR, "bar", 0x1F4E5F)                                                                        \
    X(BAR_TEXT, "bar_text", 0xFFFFFF)                                                              \
    X(TEXT, "text", 0x1B1B1B)                                                                      \
    X(MUTED, "muted", 0x55595C)                                                                    \
    X(BUTTON, "button", 0x1F6F8B)                                                                  \
    X(BUTTON_TEXT, "button_text", 0xFFFFFF)                                                        \
    X(SECONDARY, "secondary", 0xDDE6EA)                                                            \
    X(OK, "ok", 0x2E7D32)                                                                          \
    X(OK_BG, "ok_bg", 0xE3F1E4)                                                                    \
    X(BAD, "bad", 0xB3261E)                                                                        \
    X(BAD_BG, "bad_bg", 0xFBE4E2)                                                                  \
    X(WARN, "warn", 0x8A5A00)                                                                      \
    X(WARN_BG, "warn_bg", 0xFFF1CC)                                                                \
    X(FRAME, "frame", 0xB8C2C7)                                                                    \
    X(CHART, "chart", 0x2F8FAF)                                                                    \
    X(CHART_LAST, "chart_last", 0xA9CFDD)

typedef enum UiColorId {
#define UI_COL_ENUM(name, key, rgb) UI_COL_##name,
    UI_COLOR_MAP(UI_COL_ENUM)
#undef UI_COL_ENUM
        UI_COL_COUNT
} UiColorId;

/* The config key of a colour ("bg", "button", ...). */
const char *ui_color_key(UiColorId id);

typedef enum UiScannerSide { UI_SCANNER_RIGHT = 0, UI_SCANNER_LEFT = 1 } UiScannerSide;

/* Every tunable of the screens; the app fills it from kiosk.ini (see kiosk.ini.example). */
typedef struct UiConfig {
    int idle_self_s;     /* idle logout for borrowers (60) */
    int idle_staff_s;    /* idle logout for staff (300) */
    int idle_warn_s;     /* show the countdown this long before (20) */
    int receipt_s;       /* receipt back to home after (8) */
    int toast_ms;        /* how long a hint stays (4000) */
    bool show_due_dates; /* show the due date of each item in the basket (true) */
    bool sound;          /* ask for sounds (true) */
    int touch_px;        /* minimum touch target at 1024x600 (64) */
    /* the top bar, in pixels at 1024x600 */
    int top_bar_px;        /* its height (80) */
    int top_pad_px;        /* margin at its ends and between its parts (12) */
    int top_title_px;      /* width of the screen's title (300) */
    int top_logout_px;     /* width of "Log out" (200) */
    int top_back_px;       /* width of a screen's "Back" (160) */
    UiScannerSide scanner; /* which side the scanner is mounted: the scan hint points there */
    UiLang lang;           /* language at start and after each logout */
    int min_adult_age;     /* younger borrowers need a responsible adult (18) */
    UiColor color[UI_COL_COUNT];
    char categories[UI_CATS_MAX][32]; /* offered when a leader adds an item */
    int n_categories;
    char centre_name[64]; /* shown on the start screen ("" none) */
    /* consent (scr_register, scr_terms): the terms per language, owned by the app and read
     * from its terms files (NULL: none); the municipalities to pick from (none: no such step) */
    const char *terms[UI_LANG_COUNT];
    char municipalities[UI_MUNI_MAX][48];
    int n_municipalities;
} UiConfig;

/* The documented defaults. */
void ui_config_default(UiConfig *cfg);

/* Parses "#RRGGBB" or "RRGGBB". */
bool ui_color_parse(const char *text, UiColor *out);

/* ---- drawing ------------------------------------------------------------------------------ */

typedef struct UiRect {
    int x, y, w, h;
} UiRect;

typedef enum UiFont {
    UI_FONT_SMALL = 0, /* 18 px at 1024x600 */
    UI_FONT_BODY,      /* 22 */
    UI_FONT_LARGE,     /* 28, bold */
    UI_FONT_TITLE,     /* 36, bold */
    UI_FONT_HUGE,      /* 56, bold */
    UI_FONT_COUNT
} UiFont;

/* Pixel size of a font at base scale, and whether it is bold. */
int ui_font_base_px(UiFont font);
bool ui_font_bold(UiFont font);

/* Text measuring, injected by the app (SDL_ttf) or by tests: width in pixels of UTF-8 text, and
 * line height, at the font's pixel size for the current scale. */
typedef struct UiMeasure {
    int (*text_width)(void *ctx, UiFont font, int px, const char *text);
    int (*line_height)(void *ctx, UiFont font, int px);
    void *ctx;
} UiMeasure;

typedef enum UiCmdKind { UI_CMD_RECT, UI_CMD_FRAME, UI_CMD_TEXT } UiCmdKind;

typedef struct UiCmd {
    UiCmdKind kind;
    UiRect rect; /* TEXT: top-left is where the text starts, w/h its measured size */
    UiColor color;
    UiFont font;
    int px;        /* TEXT: pixel size of the font */
    int thickness; /* FRAME: border width */
    char text[UI_TEXT_MAX];
} UiCmd;

/* X(NAME, "name", tappable): the kinds of widget a view reports. */
#define UI_WIDGET_KIND_MAP(X)                                                                      \
    X(BUTTON, "button", true) /* a button */                                                       \
    X(KEY, "key", true)       /* a key of the on-screen keyboard or keypad */                      \
    X(FIELD, "field", true)   /* a text field */                                                   \
    X(ROW, "row", true)       /* a list row */                                                     \
    X(LABEL, "label", false)  /* text */                                                           \
    X(BAR, "bar", false)      /* a bar of a chart */

typedef enum UiWidgetKind {
#define UI_W_ENUM(name, key, tappable) UI_W_##name,
    UI_WIDGET_KIND_MAP(UI_W_ENUM)
#undef UI_W_ENUM
        UI_W_COUNT
} UiWidgetKind;

/* Whether a widget of this kind takes a tap. */
bool ui_widget_is_tappable(UiWidgetKind kind);

const char *ui_widget_kind_name(UiWidgetKind kind); /* "button", "key", ... */

typedef struct UiWidget {
    char id[UI_ID_MAX];
    UiWidgetKind kind;
    UiRect rect;
    char text[UI_TEXT_MAX];
} UiWidget;

typedef struct UiDrawList {
    UiMeasure measure;
    UiCmd cmd[UI_DRAW_MAX];
    int n_cmd;
    UiWidget widget[UI_WIDGET_MAX];
    int n_widget; /* a view that draws more than UI_DRAW_MAX / UI_WIDGET_MAX aborts (a bug) */
} UiDrawList;

/* The widget under a pixel that can be tapped (the last drawn wins), or NULL. */
const UiWidget *ui_hit(const UiDrawList *dl, int x, int y);

/* The widget with this id, or NULL. */
const UiWidget *ui_find(const UiDrawList *dl, const char *id);

/* ---- data carried by events --------------------------------------------------------------- */

/* The outcomes of effects, one list: X(NAME, reason (a UiMsg name: lower case, inside a
 * sentence), row label (a UiMsg name: capitalised, on a list row), a leader may override it on a
 * basket line, tone, the inventory error it mirrors (the app pairs them; INV_OK for OK)). */
#define UI_RESULT_MAP(X)                                                                           \
    X(OK, R_STORE, R_STORE, false, OK, INV_OK)                                                     \
    X(UNKNOWN_ITEM, R_UNKNOWN_ITEM, LABEL_UNKNOWN_ITEM, false, BAD, INV_E_UNKNOWN_ITEM)            \
    X(ON_LOAN, R_ON_LOAN, LABEL_ON_LOAN, true, BAD, INV_E_ITEM_ON_LOAN)                            \
    X(IN_REPAIR, R_IN_REPAIR, LABEL_IN_REPAIR, true, BAD, INV_E_ITEM_IN_REPAIR)                    \
    X(MISSING, R_MISSING, LABEL_MISSING, true, BAD, INV_E_ITEM_MISSING)                            \
    X(RETIRED, R_RETIRED, LABEL_RETIRED, false, BAD, INV_E_ITEM_RETIRED)                           \
    X(BLOCKED, R_BLOCKED, LABEL_BLOCKED, false, BAD, INV_E_BORROWER_BLOCKED)                       \
    X(TWICE, R_TWICE, R_TWICE, false, BAD, INV_E_ITEM_TWICE)                                       \
    X(NOT_ON_LOAN, R_NOT_ON_LOAN, R_NOT_ON_LOAN, false, BAD, INV_E_NOT_ON_LOAN)                    \
    X(AUTH, R_AUTH, R_AUTH, false, BAD, INV_E_AUTH)                                                \
    /* too many wrong PINs: the staff card waits (UiEvStaffLogged.locked_s) */                     \
    X(LOCKED, R_AUTH, R_AUTH, false, BAD, INV_E_LOCKED)                                            \
    X(NEEDS_LEADER, R_NEEDS_LEADER, R_NEEDS_LEADER, false, BAD, INV_E_NEEDS_LEADER)                \
    X(EXISTS, R_EXISTS, R_EXISTS, false, BAD, INV_E_EXISTS)                                        \
    X(INVALID, R_INVALID, R_INVALID, false, BAD, INV_E_INVALID)                                    \
    X(NOT_FOUND, R_NOT_FOUND, R_NOT_FOUND, false, BAD, INV_E_NOT_FOUND)                            \
    X(UNKNOWN_BORROWER, R_UNKNOWN_BORROWER, R_UNKNOWN_BORROWER, false, BAD,                        \
      INV_E_UNKNOWN_BORROWER)                                                                      \
    /* lost and found, sets checked on return (staff) */                                           \
    X(NOT_MISSING, R_NOT_MISSING, R_NOT_MISSING, false, BAD, INV_E_NOT_MISSING)                    \
    X(NOT_A_PART, R_NOT_A_PART, R_NOT_A_PART, false, BAD, INV_E_NOT_A_PART)                        \
    /* the store failed (I/O, busy, corrupt): a calm hint (UI_TONE_WARN) says nothing is lost */   \
    X(STORE, R_STORE, R_STORE, false, BAD, INV_E_IO)                                               \
    /* renewals and reservations: held for someone else (the line says from which day) */          \
    X(RESERVED, R_RESERVED, LABEL_RESERVED, false, WARN, INV_E_ITEM_RESERVED)                      \
    X(RENEW_LIMIT, R_RENEW_LIMIT, LABEL_RENEW_LIMIT, false, BAD, INV_E_RENEW_LIMIT)                \
    X(RENEW_OVERDUE, R_RENEW_OVERDUE, LABEL_RENEW_OVERDUE, false, BAD, INV_E_RENEW_OVERDUE)        \
    X(TOO_FEW_FREE, R_TOO_FEW_FREE, R_TOO_FEW_FREE, false, BAD, INV_E_TOO_FEW_FREE)                \
    X(RES_CLOSED, R_RES_CLOSED, R_RES_CLOSED, false, BAD, INV_E_RESERVATION_CLOSED)                \
    /* people: a replaced card, a disabled or expired staff card (with the date in `since`), the   \
     * last leader kept */                                                                         \
    X(CARD_REPLACED, R_CARD_REPLACED, R_CARD_REPLACED, false, BAD, INV_E_CARD_REPLACED)            \
    X(STAFF_DISABLED, R_STAFF_DISABLED, R_STAFF_DISABLED, false, BAD, INV_E_STAFF_DISABLED)        \
    X(STAFF_EXPIRED, R_STAFF_EXPIRED, R_STAFF_EXPIRED, false, BAD, INV_E_STAFF_EXPIRED)            \
    X(LAST_LEADER, R_LAST_LEADER, R_LAST_LEADER, false, BAD, INV_E_LAST_LEADER)                    \
    /* consent: a child's consent comes only from their responsible adult */                       \
    X(CONSENT_ADULT, R_CONSENT_ADULT, R_CONSENT_ADULT, false, BAD, INV_E_CONSENT_ADULT)            \
    /* privacy: items still on loan stop an erasure (the detail names each barcode) */             \
    X(HAS_LOANS, R_HAS_LOANS, R_HAS_LOANS, false, BAD, INV_E_HAS_LOANS)                            \
    /* the workshop: a repair step on an item no longer in repair; a bike job's status move */     \
    X(NOT_IN_REPAIR, R_NOT_IN_REPAIR, R_NOT_IN_REPAIR, false, BAD, INV_E_NOT_IN_REPAIR)            \
    X(JOB_MOVE, R_JOB_MOVE, R_JOB_MOVE, false, BAD, INV_E_JOB_MOVE)                                \
    /* work training: a leader's card, a second check-in or check-out (another kiosk was quicker)  \
     */                                                                                            \
    X(NOT_TRAINEE, R_NOT_TRAINEE, R_NOT_TRAINEE, false, BAD, INV_E_NOT_TRAINEE)                    \
    X(CHECKED_IN, R_CHECKED_IN, R_CHECKED_IN, false, WARN, INV_E_CHECKED_IN)                       \
    X(NOT_CHECKED_IN, R_NOT_CHECKED_IN, R_NOT_CHECKED_IN, false, WARN, INV_E_NOT_CHECKED_IN)

typedef enum UiResult {
#define UI_R_ENUM(name, reason, label, overridable, tone, inv) UI_R_##name,
    UI_RESULT_MAP(UI_R_ENUM)
#undef UI_R_ENUM
        UI_R_COUNT
} UiResult;

/* X(NAME, message (a UiMsg name)): an item's status, mirrored from InvItemStatus (the app checks
 * each value). */
#define UI_ITEM_STATUS_MAP(X)                                                                      \
    X(AVAILABLE, STATUS_AVAILABLE)                                                                 \
    X(ON_LOAN, STATUS_ON_LOAN)                                                                     \
    X(IN_REPAIR, STATUS_IN_REPAIR)                                                                 \
    X(MISSING, STATUS_MISSING)                                                                     \
    X(RETIRED, STATUS_RETIRED)

typedef enum UiItemStatus {
#define UI_ITEM_ENUM(name, msg) UI_ITEM_##name,
    UI_ITEM_STATUS_MAP(UI_ITEM_ENUM)
#undef UI_ITEM_ENUM
        UI_ITEM_COUNT
} UiItemStatus;

typedef struct UiItem {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char category[UI_NAME_MAX];
    char location[UI_NAME_MAX];
    UiItemStatus status;
} UiItem;

/* A local calendar date in the centre's time zone, computed by the app (kiosk_ui has no
 * calendar); year 0: none. Shown as "tirsdag 17. mars" / "Tuesday 17 March" (ui_date_text). */
typedef struct UiDate {
    int year;    /* 2026 */
    int month;   /* 1..12 */
    int day;     /* 1..31 */
    int weekday; /* 1 Monday .. 7 Sunday */
} UiDate;

typedef struct UiPerson {
    int64_t id;
    char card[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char phone[32];
    int birth_year;
    bool blocked;
    char blocked_reason[UI_NAME_MAX];
    int64_t responsible_id; /* borrower: their adult; 0 for adults */
    bool phone_guardian;    /* phone is the responsible adult's: the child has none */
    bool terms_due;         /* borrower: has not accepted the current terms (asked at login) */
} UiPerson;

typedef struct UiLoan {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char who[UI_NAME_MAX]; /* the borrower, when listing an adult's and co-borrowers' loans */
    UiDate due;
    bool overdue;
} UiLoan;

typedef enum UiRole { UI_ROLE_NONE = 0, UI_ROLE_TRAINEE = 1, UI_ROLE_LEADER = 2 } UiRole;

/* X(NAME, message (a UiMsg name), tone (a UiSound name)): what a stocktake scan found, mirrored
 * from InvAuditKind (the app checks each value). */
#define UI_AUDIT_KIND_MAP(X)                                                                       \
    X(FOUND, AUDIT_K_FOUND, OK)                                                                    \
    X(MISPLACED, AUDIT_K_MISPLACED, REFUSED)                                                       \
    X(LENT, AUDIT_K_LENT, REFUSED)                                                                 \
    X(UNKNOWN, AUDIT_K_UNKNOWN, UNKNOWN)                                                           \
    X(MISSING, AUDIT_K_MISSING, REFUSED)                                                           \
    X(AGAIN, AUDIT_K_AGAIN, DUPLICATE)

typedef enum UiAuditKind {
#define UI_AUDIT_ENUM(name, msg, sound) UI_AUDIT_##name,
    UI_AUDIT_KIND_MAP(UI_AUDIT_ENUM)
#undef UI_AUDIT_ENUM
        UI_AUDIT_COUNT
} UiAuditKind;

typedef struct UiAuditLine {
    UiAuditKind kind;
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char location[UI_NAME_MAX];
} UiAuditLine;

typedef struct UiAuditCount {
    int expected, found, misplaced, lent, unknown;
} UiAuditCount;

typedef struct UiStats {
    int year;
    int64_t items_lent, loans, borrowers, new_borrowers;
    int64_t month_items[12];
    char cat_name[UI_CATS_MAX][UI_NAME_MAX];
    int64_t cat_items[UI_CATS_MAX];
    int n_cats;
    int n_cats_more;        /* categories past UI_CATS_MAX (the least lent) */
    int64_t cat_more_items; /* their items, summed */
    /* last year's, shown in brackets and as the light bars when has_last (the year before has
     * data); categories matched by name */
    bool has_last;
    int64_t last_items_lent, last_loans, last_borrowers, last_new_borrowers;
    int64_t last_month_items[12];
    int64_t cat_last_items[UI_CATS_MAX];
    int64_t cat_more_last_items;
} UiStats;

/* X(NAME, message): the Norwegian public holidays in the store's order (INV_HOLIDAY_MAP; app_fx.c
 * pairs the two lists value for value). */
#define UI_HOLIDAY_MAP(X)                                                                          \
    X(NEW_YEAR, HOLIDAY_NEW_YEAR)                                                                  \
    X(MAUNDY_THURSDAY, HOLIDAY_MAUNDY_THURSDAY)                                                    \
    X(GOOD_FRIDAY, HOLIDAY_GOOD_FRIDAY)                                                            \
    X(EASTER_SUNDAY, HOLIDAY_EASTER_SUNDAY)                                                        \
    X(EASTER_MONDAY, HOLIDAY_EASTER_MONDAY)                                                        \
    X(MAY_DAY, HOLIDAY_MAY_DAY)                                                                    \
    X(CONSTITUTION_DAY, HOLIDAY_CONSTITUTION_DAY)                                                  \
    X(ASCENSION_DAY, HOLIDAY_ASCENSION_DAY)                                                        \
    X(WHIT_SUNDAY, HOLIDAY_WHIT_SUNDAY)                                                            \
    X(WHIT_MONDAY, HOLIDAY_WHIT_MONDAY)                                                            \
    X(CHRISTMAS_DAY, HOLIDAY_CHRISTMAS_DAY)                                                        \
    X(BOXING_DAY, HOLIDAY_BOXING_DAY)

typedef enum UiHoliday {
    UI_HOLIDAY_NONE = 0,
#define UI_HOLIDAY_ENUM(name, msg) UI_HOLIDAY_##name,
    UI_HOLIDAY_MAP(UI_HOLIDAY_ENUM)
#undef UI_HOLIDAY_ENUM
        UI_HOLIDAY_COUNT
} UiHoliday;

#define UI_CAL_ROWS_MAX 8 /* coming closed days on the calendar screen */

/* One line of coming closed days: a public holiday, or a dated closure (first..last). */
typedef struct UiClosedRow {
    UiDate first;
    UiDate last;            /* == first for one day */
    UiHoliday holiday;      /* a holiday (then no note), or UI_HOLIDAY_NONE for a closure */
    char note[UI_NAME_MAX]; /* the closure's note; "" if none */
} UiClosedRow;

/* The centre's calendar as the leader's screen shows it (from = today). */
typedef struct UiCalendar {
    UiDate from;
    unsigned closed_weekdays; /* bit 0 Monday .. bit 6 Sunday */
    bool holidays_open;
    int n;
    UiClosedRow rows[UI_CAL_ROWS_MAX]; /* the next closed days that are not weekly ones */
    int n_more;                        /* more of them within a year */
} UiCalendar;

/* The call list (scr_calls): borrowers with items overdue whom no SMS or e-mail reaches. */
#define UI_CALLS_MAX 8        /* people on the call list screen */
#define UI_EV_CALL_PART_MAX 4 /* people in one UI_EV_CALL_PART */

typedef struct UiCall {
    char name[UI_NAME_MAX];
    char phone[32]; /* the guardian's for a child; "" none */
    bool guardian;  /* phone is the responsible adult's */
    char guardian_name[UI_NAME_MAX];
    int days_late;
    int items;
    char item_names[UI_NAME_MAX]; /* "Ski, Hjelm" (cut) */
} UiCall;

/* A message channel (SMS, e-mail) failing: how often in a row, since when. */
typedef struct UiChannelFail {
    int fails; /* 0: it works */
    UiDate since;
    char since_time[8]; /* "14:05" */
} UiChannelFail;

/* X(NAME, "name"): the tones the app plays. */
#define UI_SOUND_MAP(X)                                                                            \
    X(OK, "ok")                                                                                    \
    X(UNKNOWN, "unknown")                                                                          \
    X(DUPLICATE, "duplicate")                                                                      \
    X(REFUSED, "refused")                                                                          \
    X(RESERVED, "reserved") /* the item is held for someone else */

typedef enum UiSound {
#define UI_SOUND_ENUM(name, key) UI_SOUND_##name,
    UI_SOUND_MAP(UI_SOUND_ENUM)
#undef UI_SOUND_ENUM
        UI_SOUND_COUNT
} UiSound;

const char *ui_sound_name(UiSound s); /* "ok", "unknown", "duplicate", "refused" */

/* ---- events ------------------------------------------------------------------------------- */

typedef enum UiKey { UI_KEY_NONE = 0, UI_KEY_BACKSPACE, UI_KEY_ENTER, UI_KEY_ESCAPE } UiKey;

typedef enum UiWho { UI_WHO_NONE = 0, UI_WHO_BORROWER, UI_WHO_STAFF, UI_WHO_ITEM } UiWho;

#define UI_EV_LOANS_PART_MAX 4   /* loans in one UI_EV_LOANS_PART */
#define UI_EV_CO_PART_MAX 3      /* co-borrowers in one UI_EV_CO_PART */
#define UI_EV_LENT_PART_MAX 8    /* lines in one UI_EV_LENT_PART */
#define UI_EV_FOUND_PART_MAX 4   /* people in one UI_EV_FOUND_PART */
#define UI_EV_AUDIT_PART_MAX 6   /* report lines in one UI_EV_AUDIT_PART */
#define UI_EV_HIST_PART_MAX 6    /* past loans in one UI_EV_HIST_PART */
#define UI_EV_RES_PART_MAX 4     /* reservations in one UI_EV_RES_PART */
#define UI_EV_SET_PART_MAX 4     /* parts in one UI_EV_SET_PART */
#define UI_EV_HISTORY_PART_MAX 3 /* entries in one UI_EV_HISTORY_PART */

/* X(NAME, member, payload type, answers an effect). An answer ("result") settles the busy count
 * and carries the outcome in its head; a list too long for one event follows its result in
 * *_PART events (first: index of the part's first entry), which are not results. */
#define UI_EV_MAP(X)                                                                                     \
    X(TICK, tick, UiEvHead, false)       /* the clock moved (sent before input events too) */            \
    X(RESIZE, resize, UiEvResize, false) /* the window has a new size */                                 \
    X(PRESS, press, UiEvPress, false)    /* a widget was tapped (resolve touches with ui_hit) */         \
    X(TEXT, text, UiEvText, false)       /* typed UTF-8 text */                                          \
    X(KEY, key, UiEvKey, false)          /* a special key */                                             \
    X(SCAN, scan, UiEvScan, false)       /* a scanned code */                                            \
    X(SCAN_REJECTED, scan_rejected, UiEvHead, false)     /* a scanner read a code that failed */         \
    X(IDENTIFIED, identified, UiEvIdentified, true)      /* IDENTIFY, LOAD_BORROWER */                   \
    X(LOANS_PART, loans_part, UiEvLoansPart, false)      /* a borrower's open loans */                   \
    X(CO_PART, co_part, UiEvCoPart, false)               /* a borrower's co-borrowers */                 \
    X(LEND_CHECKED, lend_checked, UiEvLendChecked, true) /* LEND_CHECK */                                \
    X(CHECKED_OUT, checked_out, UiEvCheckedOut, true)    /* CHECKOUT */                                  \
    X(LENT_PART, lent_part, UiEvLentPart, false)         /* the lines a checkout lent */                 \
    X(RETURNED, returned, UiEvReturned, true)            /* RETURN */                                    \
    X(STAFF_LOGGED, staff_logged, UiEvStaffLogged, true) /* STAFF_LOGIN */                               \
    X(FOUND, found, UiEvFound, true)                     /* SEARCH: how many */                          \
    X(FOUND_PART, found_part, UiEvFoundPart, false)      /* SEARCH: the people */                        \
    X(REGISTERED, registered, UiEvRegistered, true)      /* REGISTER */                                  \
    X(ITEM_INFO, item_info, UiEvItemInfo, true)          /* ITEM_INFO */                                 \
    X(DONE, done, UiEvDone,                                                                              \
      true) /* SET_STATUS, DAMAGED, ADD_ITEM, BLOCK, UNBLOCK, MARK_MISSING */                            \
    X(AUDIT, audit, UiEvAudit, true)                      /* AUDIT_START, AUDIT_SCAN */                  \
    X(AUDIT_REPORT, audit_report, UiEvAuditReport, true)  /* AUDIT_FINISH: the counts */                 \
    X(AUDIT_PART, audit_part, UiEvAuditPart, false)       /* AUDIT_FINISH: the report lines */           \
    X(STATS, stats, UiEvStats, true)                      /* STATS */                                    \
    X(RENEWED, renewed, UiEvRenewed, true)                /* RENEW */                                    \
    X(HISTORY, history, UiEvHistory, true)                /* HISTORY: how many */                        \
    X(HIST_PART, hist_part, UiEvHistPart, false)          /* HISTORY: the past loans */                  \
    X(RES_LIST, res_list, UiEvResList, true)              /* RES_LIST: how many, and today */            \
    X(RES_PART, res_part, UiEvResPart, false)             /* RES_LIST: the reservations */               \
    X(RES_DONE, res_done, UiEvResDone, true)              /* RESERVE, RES_CANCEL */                      \
    X(SET_PART, set_part, UiEvSetPart, false)             /* RETURN of a set: parts to check */          \
    X(ITEM_CARD, item_card, UiEvItemCard, true)           /* ITEM_HISTORY: the item, its loan */         \
    X(HISTORY_PART, history_part, UiEvHistoryPart, false) /* ITEM_HISTORY: the entries */                \
    X(STAFF_INFO, staff_info, UiEvStaffInfo, true)        /* STAFF_INFO (STAFF_ENABLE, STAFF_PIN,        \
                                                             EDIT_BORROWER, REPLACE_CARD answer DONE) */ \
    X(CALENDAR, calendar, UiEvCalendar, true)             /* CALENDAR */                                 \
    X(LABEL, label, UiEvLabel, true) /* MAKE_LABEL: the PDF, handed to the printer or not */             \
    X(CONSENTED, consented, UiEvHead, true)            /* CONSENT */                                     \
    X(CALLS, calls, UiEvCalls, true)                   /* CALLS: counts, failing channels */             \
    X(CALL_PART, call_part, UiEvCallPart, false)       /* CALLS: the people */                           \
    X(EXPORT, export_info, UiEvExport, true)           /* EXPORT: how many lines */                      \
    X(EXPORT_PART, export_part, UiEvExportPart, false) /* EXPORT: the lines */                           \
    /* the workshop: the repair queue, one item in repair, bike jobs (REPAIR_STEP answers DONE) */       \
    X(REPAIRS, repairs, UiEvRepairs, true)             /* REPAIRS: how many */                           \
    X(REPAIR_PART, repair_part, UiEvRepairPart, false) /* REPAIRS: the items */                          \
    X(REPAIR_ITEM, repair_item, UiEvRepairItem, true)  /* REPAIR_ITEM */                                 \
    X(JOBS, jobs, UiEvJobs, true)                      /* JOBS: how many */                              \
    X(JOB_PART, job_part, UiEvJobPart, false)          /* JOBS: the jobs */                              \
    X(JOB, job, UiEvJob, true)                         /* JOB, JOB_ADD, JOB_CHANGE */                    \
    X(WORKDAY, workday, UiEvWorkday, true)             /* WORKDAY */                                     \
    X(WORKDAYS, workdays, UiEvWorkdays, true)          /* WORKDAYS: a page of trainees' days */          \
    /* sync (issue 14): the device's sync state and its conflicts, for staff */                          \
    X(SYNC_STATUS, sync_status, UiEvSyncStatus, true)        /* SYNC_STATUS */                           \
    X(CONFLICTS, conflicts, UiEvConflicts, true)             /* CONFLICTS: how many */                   \
    X(CONFLICT_PART, conflict_part, UiEvConflictPart, false) /* CONFLICTS: one conflict */

typedef enum UiEvKind {
#define UI_EV_ENUM(name, member, type, result) UI_EV_##name,
    UI_EV_MAP(UI_EV_ENUM)
#undef UI_EV_ENUM
        UI_EV_COUNT
} UiEvKind;

/* X(NAME, member, payload type): the effects a screen may ask for. */
#define UI_FX_MAP(X)                                                                               \
    X(SOUND, sound, UiFxSound)               /* play a tone */                                     \
    X(IDENTIFY, identify, UiFxCode)          /* is a code a borrower, a staff card or an item? */  \
    X(LOAD_BORROWER, load_borrower, UiFxId)  /* load a borrower (staff picked them) */             \
    X(LEND_CHECK, lend_check, UiFxLendCheck) /* may this borrower borrow this item? */             \
    X(CHECKOUT, checkout, UiFxCheckout)      /* lend the basket as one loan */                     \
    X(RETURN, ret, UiFxReturn)               /* return one item */                                 \
    X(SET_STATUS, set_status, UiFxSetStatus) /* a leader changes an item's status */               \
    X(DAMAGED, damaged, UiFxDamaged)         /* an item just returned goes to repair */            \
    X(STAFF_LOGIN, staff_login, UiFxStaffLogin)    /* card and PIN */                              \
    X(SEARCH, search, UiFxSearch)                  /* find borrowers */                            \
    X(REGISTER, reg, UiFxRegister)                 /* a new borrower */                            \
    X(ITEM_INFO, item_info, UiFxCode)              /* look an item up */                           \
    X(ADD_ITEM, add_item, UiFxAddItem)             /* a new item */                                \
    X(BLOCK, block, UiFxBlock)                     /* block a borrower */                          \
    X(UNBLOCK, unblock, UiFxUnblock)               /* let a borrower borrow again */               \
    X(AUDIT_START, audit_start, UiFxAuditStart)    /* UI_R_EXISTS: the zone is an item's label */  \
    X(AUDIT_SCAN, audit_scan, UiFxAuditScan)       /* count one item */                            \
    X(AUDIT_FINISH, audit_finish, UiFxId)          /* close the count, send the report */          \
    X(MARK_MISSING, mark_missing, UiFxMarkMissing) /* mark what the count missed */                \
    X(STATS, stats, UiFxStats)                     /* the year figures */                          \
    X(LOGGED_OUT, logged_out, UiFxHead)            /* the session ended: the app may log it */     \
    X(RENEW, renew, UiFxRenew)                     /* renew a loan of the borrower */              \
    X(HISTORY, history, UiFxId)                    /* the borrower's loans of 12 months */         \
    X(RES_LIST, res_list, UiFxHead)                /* the coming reservations */                   \
    X(RESERVE, reserve, UiFxReserve)               /* book an item or N of a category */           \
    X(RES_CANCEL, res_cancel, UiFxId)              /* cancel a reservation */                      \
    X(RETURN_SET, return_set, UiFxReturnSet)       /* a set back with the parts present */         \
    X(ITEM_FOUND, item_found, UiFxItemAct)         /* a missing item turned up: available */       \
    X(ITEM_LOST, item_lost, UiFxItemAct)           /* an item on loan is lost: written off */      \
    X(ITEM_HISTORY, item_history, UiFxItemHistory) /* an item, its loan and a page of history */   \
    X(STAFF_INFO, staff_info, UiFxCode)            /* a staff card's account */                    \
    X(STAFF_ENABLE, staff_enable, UiFxStaffEnable) /* a leader disables or enables it */           \
    X(STAFF_PIN, staff_pin, UiFxStaffPin)          /* a leader gives it a new PIN */               \
    X(EDIT_BORROWER, edit_borrower, UiFxEditBorrower) /* staff change a borrower */                \
    X(REPLACE_CARD, replace_card, UiFxReplaceCard)    /* staff give a borrower a new card */       \
    X(CALENDAR, calendar, UiFxHead)                   /* the centre's coming closed days */        \
    X(MAKE_LABEL, make_label, UiFxCode) /* an item's barcode label: a PDF, printed if it can be */ \
    X(CONSENT, consent, UiFxConsent)    /* a borrower accepts the current terms */                 \
    X(CALLS, calls, UiFxHead)           /* whom to call; failing SMS or e-mail */                  \
    X(EXPORT, export_data, UiFxAccess)  /* everything held on a borrower (logged as an access) */  \
    X(ERASE, erase, UiFxErase)          /* a leader erases a borrower: answered by DONE */         \
    X(ACCESS_LOG, access_log, UiFxAccess)       /* staff opened a borrower's details */            \
    X(REPAIRS, repairs, UiFxHead)               /* the repair queue */                             \
    X(REPAIR_ITEM, repair_item, UiFxCode)       /* one item in repair, with its notes */           \
    X(REPAIR_STEP, repair_step, UiFxRepairStep) /* what was done, wait, ready, retire */           \
    X(JOBS, jobs, UiFxHead)                     /* the bike jobs not picked up */                  \
    X(JOB, job, UiFxId)                         /* one bike job */                                 \
    X(JOB_ADD, job_add, UiFxJobAdd)             /* a new bike job */                               \
    X(JOB_CHANGE, job_change, UiFxJobChange)    /* a status move or time worked */                 \
    X(WORKDAY, workday, UiFxWorkday)            /* a trainee's day: ask, check in or out */        \
    X(WORKDAYS, workdays, UiFxWorkdays)         /* the trainees' days of two weeks */              \
    X(WORKDAY_SET, workday_set, UiFxWorkdaySet) /* a leader corrects a day (DONE) */               \
    /* sync (issue 14) */                                                                          \
    X(SYNC_STATUS, sync_status, UiFxHead) /* the device's sync state */                            \
    X(CONFLICTS, conflicts, UiFxHead)     /* open conflicts, then card merges */                   \
    X(RESOLVE, resolve, UiFxResolve)      /* staff settle a double lend (DONE) */

typedef enum UiFxKind {
    UI_FX_NONE = 0,
#define UI_FX_ENUM(name, member, type) UI_FX_##name,
    UI_FX_MAP(UI_FX_ENUM)
#undef UI_FX_ENUM
        UI_FX_COUNT
} UiFxKind;

/* The shared head of every event: what it is, when, and for results how it went (with the
 * store's detail text on failure, shown to staff). */
typedef struct UiEvHead {
    UiEvKind kind;
    int64_t now_ms;
    UiResult result;
    char detail[UI_TEXT_MAX];
} UiEvHead;

typedef struct UiEvResize {
    UiEvHead h;
    int w;
    int height;
} UiEvResize;

typedef struct UiEvPress {
    UiEvHead h;
    char id[UI_ID_MAX];
} UiEvPress;

typedef struct UiEvText {
    UiEvHead h;
    char text[UI_TEXT_MAX];
} UiEvText;

typedef struct UiEvKey {
    UiEvHead h;
    UiKey key;
} UiEvKey;

typedef struct UiEvScan {
    UiEvHead h;
    char code[UI_TEXT_MAX];
} UiEvScan;

typedef struct UiEvIdentified {
    UiEvHead h;
    char code[UI_CODE_MAX]; /* what was looked up */
    UiWho who;
    UiPerson borrower; /* UI_WHO_BORROWER; its loans and co-borrowers follow in parts */
    int n_loans;       /* UI_WHO_BORROWER: open loans that follow (at most UI_LOANS_MAX) */
    int n_overdue;     /* UI_WHO_BORROWER: overdue loans, all of them */
    int n_co;          /* UI_WHO_BORROWER: co-borrowers that follow (at most UI_CO_MAX) */
    UiPerson staff;    /* UI_WHO_STAFF */
    UiRole role;       /* UI_WHO_STAFF */
    UiItem item;       /* UI_WHO_ITEM */
    UiDate since; /* UI_R_CARD_REPLACED: replaced on; STAFF_DISABLED: since; STAFF_EXPIRED: on */
} UiEvIdentified;

typedef struct UiEvLoansPart {
    UiEvHead h;
    int64_t borrower_id;
    int first;
    int n;
    UiLoan loan[UI_EV_LOANS_PART_MAX];
} UiEvLoansPart;

typedef struct UiEvCoPart {
    UiEvHead h;
    int64_t borrower_id;
    int first;
    int n;
    UiPerson co[UI_EV_CO_PART_MAX];
} UiEvCoPart;

typedef struct UiEvLendChecked {
    UiEvHead h;
    char code[UI_CODE_MAX];
    UiItem item;
    UiDate due;                 /* UI_R_OK */
    char kit_code[UI_CODE_MAX]; /* the set the item is a part of; "" if none */
    UiDate reserved_from;       /* UI_R_RESERVED: the first day of the reservation */
} UiEvLendChecked;

typedef struct UiEvCheckedOut {
    UiEvHead h;
    char code[UI_CODE_MAX]; /* failure: the refused line */
    int n_lines;            /* UI_R_OK: lines lent (parts of sets included), in UI_EV_LENT_PART */
    UiDate reserved_from;   /* UI_R_RESERVED: the first day of the reservation */
} UiEvCheckedOut;

typedef struct UiLentLine {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiDate due;
} UiLentLine;

typedef struct UiEvLentPart {
    UiEvHead h;
    int first;
    int n;
    UiLentLine line[UI_EV_LENT_PART_MAX];
} UiEvLentPart;

typedef struct UiEvReturned {
    UiEvHead h;
    char code[UI_CODE_MAX];
    UiItem item; /* also named when it was not on loan */
    UiDate due;
    bool overdue;
    int n_parts;   /* RETURN with check_parts of a set: not returned yet; the parts that went out
                      with it follow in UI_EV_SET_PART (at most UI_SET_PARTS_MAX) */
    int n_missing; /* RETURN_SET: parts that did not come back (missing now; set to repair) */
} UiEvReturned;

typedef struct UiSetPart {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
} UiSetPart;

typedef struct UiEvSetPart {
    UiEvHead h;
    char set_code[UI_CODE_MAX];
    int first;
    int n;
    UiSetPart part[UI_EV_SET_PART_MAX];
} UiEvSetPart;

/* X(NAME, message (a UiMsg name)): what an entry of an item's history is, mirrored from
 * InvHistoryKind (the app checks each value). */
#define UI_HISTORY_KIND_MAP(X)                                                                     \
    X(LENT, ITEM_H_LENT)                                                                           \
    X(RETURNED, ITEM_H_RETURNED)                                                                   \
    X(LOST, ITEM_H_LOST)                                                                           \
    X(STATUS, ITEM_H_STATUS)                                                                       \
    X(STOCKTAKE, ITEM_H_STOCKTAKE)                                                                 \
    X(REPAIR, ITEM_H_REPAIR)

typedef enum UiHistoryKind {
#define UI_HIST_ENUM(name, msg) UI_HIST_##name,
    UI_HISTORY_KIND_MAP(UI_HIST_ENUM)
#undef UI_HIST_ENUM
        UI_HIST_COUNT
} UiHistoryKind;

/* One entry of an item's history, as staff see it. */
typedef struct UiHistoryEntry {
    UiHistoryKind kind;
    UiDate at;
    char who[UI_NAME_MAX];  /* lent, returned, lost: the borrower */
    char note[UI_TEXT_MAX]; /* damage, status or stocktake note */
    int status;             /* STATUS: a UiItemStatus; STOCKTAKE: a UiAuditKind; REPAIR: a
                               UiRepairStep */
    int reason;             /* REPAIR, retired: a UiRetireReason; else -1 */
    bool damaged;           /* RETURNED */
    bool open;              /* LENT: not back; LOST: a part still missing */
    int renewals;           /* LENT: times the loan was renewed */
} UiHistoryEntry;

typedef struct UiEvItemCard {
    UiEvHead h;
    char code[UI_CODE_MAX];
    UiItem item;
    bool lent;                /* on loan (or a part missing from a set that came back) */
    char who[UI_NAME_MAX];    /* lent: the borrower */
    char card[UI_CODE_MAX];   /* lent: their card */
    char phone[32];           /* lent: their phone */
    UiDate due;               /* lent */
    bool overdue;             /* lent */
    char damage[UI_TEXT_MAX]; /* the last damage noted at a return, "" if none */
    char notes[UI_TEXT_MAX];  /* the item's own notes and condition */
    int first;                /* index of the first history entry that follows */
    int n;                    /* entries that follow in UI_EV_HISTORY_PART (UI_HISTORY_PAGE) */
    bool more;                /* older entries after these */
} UiEvItemCard;

typedef struct UiEvHistoryPart {
    UiEvHead h;
    int first;
    int n;
    UiHistoryEntry entry[UI_EV_HISTORY_PART_MAX];
} UiEvHistoryPart;

typedef struct UiEvStaffLogged {
    UiEvHead h;
    UiPerson staff;
    UiRole role;
    int locked_s; /* UI_R_LOCKED: seconds until the store takes a PIN for this card again */
    UiDate since; /* UI_R_CARD_REPLACED, STAFF_DISABLED, STAFF_EXPIRED: as in UiEvIdentified */
} UiEvStaffLogged;

typedef struct UiEvFound {
    UiEvHead h;
    int n;     /* matches that follow in UI_EV_FOUND_PART (at most UI_FOUND_MAX) */
    int first; /* index among all matches of the first that follows */
    int total; /* all matches */
} UiEvFound;

typedef struct UiEvFoundPart {
    UiEvHead h;
    int first;
    int n;
    UiPerson people[UI_EV_FOUND_PART_MAX];
} UiEvFoundPart;

typedef struct UiEvRegistered {
    UiEvHead h;
    UiPerson who;
} UiEvRegistered;

typedef struct UiEvItemInfo {
    UiEvHead h;
    char code[UI_CODE_MAX];
    UiItem item;              /* UI_R_UNKNOWN_ITEM: a new label */
    char damage[UI_TEXT_MAX]; /* the last damage noted at a return, "" if none */
} UiEvItemInfo;

typedef struct UiEvDone {
    UiEvHead h;
    UiFxKind of; /* which effect */
    char code[UI_CODE_MAX];
    UiItemStatus status; /* SET_STATUS: the new status */
    int marked;          /* MARK_MISSING: items marked missing */
} UiEvDone;

typedef struct UiEvAudit {
    UiEvHead h;
    int64_t audit_id;
    char code[UI_CODE_MAX]; /* AUDIT_SCAN: the code counted */
    UiAuditKind audit_kind; /* AUDIT_SCAN */
    UiAuditCount count;
    UiItem item; /* AUDIT_SCAN of a known item */
} UiEvAudit;

typedef struct UiEvAuditReport {
    UiEvHead h;
    int64_t audit_id;
    UiAuditCount count;
    int n_lines; /* lines that follow in UI_EV_AUDIT_PART (at most UI_AUDIT_LINES) */
    int missing; /* missing items, all of them */
} UiEvAuditReport;

typedef struct UiEvAuditPart {
    UiEvHead h;
    int first;
    int n;
    UiAuditLine line[UI_EV_AUDIT_PART_MAX];
} UiEvAuditPart;

typedef struct UiEvStats {
    UiEvHead h;
    UiStats stats;
} UiEvStats;

typedef struct UiEvRenewed {
    UiEvHead h;
    char code[UI_CODE_MAX];
    UiDate due;           /* UI_R_OK: the new due day */
    UiDate reserved_from; /* UI_R_RESERVED: the first day of the reservation in the way */
} UiEvRenewed;

/* One past loan line of a borrower. */
typedef struct UiHistLine {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiDate out;  /* lent on */
    UiDate back; /* returned on; year 0: still on loan */
} UiHistLine;

typedef struct UiEvHistory {
    UiEvHead h;
    int64_t borrower_id;
    int n;     /* lines that follow in UI_EV_HIST_PART (at most UI_HISTORY_MAX) */
    int total; /* all lines of the 12 months */
} UiEvHistory;

/* A reservation as the staff screen lists it. */
typedef struct UiReservation {
    int64_t id;
    char who[UI_NAME_MAX];  /* the borrower */
    char what[UI_NAME_MAX]; /* the item's name, or the category */
    int count;              /* items booked (1 for one item) */
    bool category;          /* a booking of `count` items of the category `what` */
    int collected;          /* of those, lent to the borrower */
    UiDate from;
    UiDate to;
} UiReservation;

typedef struct UiEvResList {
    UiEvHead h;
    UiDate today; /* the clock's local day: the staff screen counts days from it */
    int n;        /* reservations that follow in UI_EV_RES_PART (at most UI_RES_MAX) */
    int total;    /* all coming ones */
} UiEvResList;

typedef struct UiEvResPart {
    UiEvHead h;
    int first;
    int n;
    UiReservation res[UI_EV_RES_PART_MAX];
} UiEvResPart;

typedef struct UiEvResDone {
    UiEvHead h;
    UiFxKind of; /* RESERVE or RES_CANCEL */
    int64_t id;  /* the reservation made or cancelled */
} UiEvResDone;

typedef struct UiEvHistPart {
    UiEvHead h;
    int first;
    int n;
    UiHistLine line[UI_EV_HIST_PART_MAX];
} UiEvHistPart;

/* A staff card's account, for a leader (UI_FX_STAFF_INFO). */
typedef struct UiEvStaffInfo {
    UiEvHead h;
    char code[UI_CODE_MAX]; /* what was looked up */
    UiPerson staff;         /* UI_R_OK */
    UiRole role;
    bool disabled;
    bool expired;
    UiDate disabled_on; /* disabled */
    UiDate expires;     /* the last day the card works; year 0: never */
    UiDate since;       /* a refused card (UI_R_CARD_REPLACED): as in UiEvIdentified */
} UiEvStaffInfo;

typedef struct UiEvCalendar {
    UiEvHead h;
    UiCalendar cal;
} UiEvCalendar;

/* What became of a label (MAKE_LABEL): the PDF was written and handed to the printer (lp), or
 * written with no printer to hand it to, or not written (h.detail says why). */
typedef enum UiLabelOutcome {
    UI_LABEL_PRINTING = 0,
    UI_LABEL_SAVED,
    UI_LABEL_FAILED,
} UiLabelOutcome;

/* h.result: the item's lookup (UI_R_UNKNOWN_ITEM, UI_R_STORE); when UI_R_OK, outcome says what
 * became of the file at `path`. */
typedef struct UiEvLabel {
    UiEvHead h;
    char code[UI_CODE_MAX];
    UiLabelOutcome outcome;
    char path[UI_TEXT_MAX];
} UiEvLabel;

typedef struct UiEvCalls {
    UiEvHead h;
    int n;     /* people that follow in UI_EV_CALL_PART (at most UI_CALLS_MAX) */
    int total; /* all on the call list */
    UiChannelFail sms;
    UiChannelFail email;
    int doubt; /* messages in doubt: a round stopped while sending them */
} UiEvCalls;

typedef struct UiEvCallPart {
    UiEvHead h;
    int first;
    int n;
    UiCall calls[UI_EV_CALL_PART_MAX];
} UiEvCallPart;

/* ---- the workshop: repair queue and customer bike jobs (kiosk/screens/scr_repairs.c, scr_jobs.c)
 * The lists mirror the store's (INV_REPAIR_STEP_MAP, INV_RETIRE_REASON_MAP, INV_JOB_STATUS_MAP);
 * the app pairs them value for value. */

/* X(NAME, message): a step of the repair queue. */
#define UI_REPAIR_STEP_MAP(X)                                                                      \
    X(NOTE, REPAIR_S_NOTE)                                                                         \
    X(WAIT, REPAIR_S_WAIT)                                                                         \
    X(READY, REPAIR_S_READY)                                                                       \
    X(RETIRED, REPAIR_S_RETIRED)

typedef enum UiRepairStep {
#define UI_REPAIR_ENUM(name, msg) UI_REPAIR_##name,
    UI_REPAIR_STEP_MAP(UI_REPAIR_ENUM)
#undef UI_REPAIR_ENUM
        UI_REPAIR_COUNT
} UiRepairStep;

/* X(NAME, message): why an item is retired from the repair queue. */
#define UI_RETIRE_REASON_MAP(X)                                                                    \
    X(BEYOND_REPAIR, RETIRE_BEYOND_REPAIR)                                                         \
    X(NOT_WORTH, RETIRE_NOT_WORTH)                                                                 \
    X(UNSAFE, RETIRE_UNSAFE)                                                                       \
    X(NO_PARTS, RETIRE_NO_PARTS)                                                                   \
    X(OTHER, RETIRE_OTHER)

typedef enum UiRetireReason {
#define UI_RETIRE_ENUM(name, msg) UI_RETIRE_##name,
    UI_RETIRE_REASON_MAP(UI_RETIRE_ENUM)
#undef UI_RETIRE_ENUM
        UI_RETIRE_COUNT
} UiRetireReason;

/* X(NAME, message): a bike job's status. */
#define UI_JOB_STATUS_MAP(X)                                                                       \
    X(RECEIVED, JOB_S_RECEIVED)                                                                    \
    X(WORKING, JOB_S_WORKING)                                                                      \
    X(WAITING, JOB_S_WAITING)                                                                      \
    X(DONE, JOB_S_DONE)                                                                            \
    X(PICKED_UP, JOB_S_PICKED_UP)

typedef enum UiJobStatus {
#define UI_JOB_ENUM(name, msg) UI_JOB_##name,
    UI_JOB_STATUS_MAP(UI_JOB_ENUM)
#undef UI_JOB_ENUM
        UI_JOB_COUNT
} UiJobStatus;

#define UI_REPAIRS_MAX 24     /* items of the repair queue kept on the screen (oldest first) */
#define UI_REPAIR_NOTES_MAX 5 /* the latest notes of one item in repair */
#define UI_JOBS_MAX 24        /* bike jobs kept on the screen */
#define UI_EV_REPAIR_PART_MAX 3
#define UI_EV_JOB_PART_MAX 4

/* An item in the repair queue as the list shows it. */
typedef struct UiRepairRow {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    int days;               /* waiting */
    bool waiting_parts;     /* marked "waiting for parts" */
    char note[UI_TEXT_MAX]; /* the latest damage note */
} UiRepairRow;

typedef struct UiEvRepairs {
    UiEvHead h;
    int n;     /* rows that follow in UI_EV_REPAIR_PART (at most UI_REPAIRS_MAX) */
    int total; /* items in repair */
} UiEvRepairs;

typedef struct UiEvRepairPart {
    UiEvHead h;
    int first;
    int n;
    UiRepairRow row[UI_EV_REPAIR_PART_MAX];
} UiEvRepairPart;

/* One note of an item's repair: a damage note, or a step with what was written. */
typedef struct UiRepairNote {
    UiDate at;
    bool step;              /* a step (else a damage note) */
    UiRepairStep kind;      /* step */
    char text[UI_TEXT_MAX]; /* the note ("" for a step without one) */
} UiRepairNote;

typedef struct UiEvRepairItem {
    UiEvHead h;
    char code[UI_CODE_MAX];
    UiRepairRow row;
    int n_notes; /* the latest, oldest of them first */
    UiRepairNote notes[UI_REPAIR_NOTES_MAX];
    int total_notes;
} UiEvRepairItem;

/* A bike job as the staff screen shows it. */
typedef struct UiJob {
    int64_t id; /* the job number */
    char customer[UI_NAME_MAX];
    char phone[32];
    char bike[UI_NAME_MAX];
    char work[UI_TEXT_MAX];
    UiJobStatus status;
    unsigned next; /* bit per UiJobStatus the store allows from this one */
    int minutes;   /* time worked, all staff */
    UiDate received;
    char workers[UI_TEXT_MAX]; /* who worked on it, most first: "Trine Trainee 45, Lise 15" */
} UiJob;

typedef struct UiJobRow {
    int64_t id;
    char customer[UI_NAME_MAX];
    char bike[UI_NAME_MAX];
    UiJobStatus status;
    UiDate received;
} UiJobRow;

typedef struct UiEvJobs {
    UiEvHead h;
    int n;     /* rows that follow in UI_EV_JOB_PART (at most UI_JOBS_MAX) */
    int total; /* jobs not picked up */
} UiEvJobs;

typedef struct UiEvJobPart {
    UiEvHead h;
    int first;
    int n;
    UiJobRow row[UI_EV_JOB_PART_MAX];
} UiEvJobPart;

typedef struct UiEvJob {
    UiEvHead h;
    UiFxKind of; /* JOB, JOB_ADD or JOB_CHANGE */
    UiJob job;   /* UI_R_OK (JOB_CHANGE refused: the job as it is) */
} UiEvJob;

/* What a trainee's check-in or check-out asks of the store (UiFxWorkday.action). */
typedef enum UiWorkAction {
    UI_WORK_STATUS = 0, /* is the trainee checked in? */
    UI_WORK_IN,
    UI_WORK_OUT,
} UiWorkAction;

/* A trainee's day after the action: times as minutes after local midnight. */
typedef struct UiEvWorkday {
    UiEvHead h;
    UiWorkAction action;
    bool checked_in;
    int in_min;      /* checked_in: when */
    int today_min;   /* minutes of today's closed shifts */
    bool was_closed; /* the last day was closed at closing time (a forgotten check-out) */
    UiDate closed_day;
    int closed_min; /* its closing time */
} UiEvWorkday;

/* The trainees' days a leader sees (scr_workdays.c): the last UI_WORKDAYS_DAYS days, newest
 * first, a page at a time. */
#define UI_WORKDAYS_DAYS 14
#define UI_WORKDAYS_PAGE 6

typedef struct UiWorkdayRow {
    char card[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiDate day;
    int in_min;  /* the first check-in, minutes after local midnight */
    int out_min; /* the last check-out (open: -1) */
    int minutes; /* worked, closed shifts */
    bool open;
    bool auto_closed; /* closed at closing time: a forgotten check-out */
    bool corrected;   /* set by a leader */
} UiWorkdayRow;

typedef struct UiEvWorkdays {
    UiEvHead h;
    int first; /* index of rows[0] among all */
    int n;
    int total;
    UiWorkdayRow rows[UI_WORKDAYS_PAGE];
} UiEvWorkdays;

/* An event: the head, then the payload of its kind (ev->h.kind says which member is valid). */
/* Everything held on a borrower (the export of bua-admin borrower export), as lines: a heading
 * per section (head: text is ""), then a line per row ("field: value" for the person). */
#define UI_EXPORT_MAX 160        /* lines kept by the privacy screen */
#define UI_EV_EXPORT_PART_MAX 4  /* lines in one UI_EV_EXPORT_PART */
#define UI_EXPORT_SECTION_MAX 24 /* "person", "loans", "access_log", ... */
typedef struct UiExportLine {
    char section[UI_EXPORT_SECTION_MAX];
    bool head;
    char text[UI_TEXT_MAX];
} UiExportLine;

typedef struct UiEvExport {
    UiEvHead h;
    int64_t borrower_id;
    int n;     /* lines that follow in UI_EV_EXPORT_PART (at most UI_EXPORT_MAX) */
    int total; /* all lines of the export */
} UiEvExport;

typedef struct UiEvExportPart {
    UiEvHead h;
    int first;
    int n;
    UiExportLine line[UI_EV_EXPORT_PART_MAX];
} UiEvExportPart;

/* ---- sync (issue 14): the state of this device's sync with the centre's server and the
 * conflicts it found, for staff (scr_staff.c shows the state, scr_sync.c the conflicts). */
#define UI_CONFLICTS_MAX 8 /* conflicts kept on the screen: open double lends, then card merges */

/* A moment in local time: the day and the minutes after local midnight. */
typedef struct UiWhen {
    UiDate day; /* year 0: never */
    int min;
} UiWhen;

typedef struct UiSyncStatus {
    bool synced;  /* the database is a device of a centre (bua-admin init --centre): else nothing
                     is shown */
    UiDate today; /* the clock's local day: a time of today is shown as a time, else a date */
    char centre[UI_CODE_MAX];
    char device[UI_CODE_MAX];
    UiWhen ok;               /* the last successful round (day year 0: never) */
    bool failing;            /* the last round failed */
    UiWhen failed;           /* failing: when it failed */
    char error[UI_TEXT_MAX]; /* failing: bua-sync's own words, for a leader to pass on */
    int64_t waiting;         /* changes made here, not yet on the server */
    int64_t conflicts;       /* open conflicts */
} UiSyncStatus;

typedef struct UiEvSyncStatus {
    UiEvHead h;
    UiSyncStatus s;
} UiEvSyncStatus;

/* One of the two loans of an item lent twice while the devices were apart. */
typedef struct UiConflictLoan {
    char who[UI_NAME_MAX];
    char card[UI_CODE_MAX];
    UiWhen at;
    char device[UI_CODE_MAX]; /* the device that lent it */
} UiConflictLoan;

typedef struct UiConflict {
    int64_t id;
    bool merge; /* the same card registered on two devices, merged (listed, nothing to do) */
    UiWhen at;  /* found */
    char code[UI_CODE_MAX]; /* double lend: the item */
    char name[UI_NAME_MAX];
    UiConflictLoan older; /* double lend: the two loans, older first; merge: older.who/card */
    UiConflictLoan newer;
} UiConflict;

typedef struct UiEvConflicts {
    UiEvHead h;
    int n;      /* conflicts that follow in UI_EV_CONFLICT_PART (at most UI_CONFLICTS_MAX) */
    int open;   /* open double lends, all of them */
    int merges; /* card merges, all of them */
} UiEvConflicts;

typedef struct UiEvConflictPart {
    UiEvHead h;
    int index;
    UiConflict c;
} UiEvConflictPart;

typedef union UiEvent {
    UiEvKind kind;
    UiEvHead h;
#define UI_EV_MEMBER(name, member, type, result) type member;
    UI_EV_MAP(UI_EV_MEMBER)
#undef UI_EV_MEMBER
} UiEvent;

/* Events are copied and queued often: the largest payload must stay small (lists go in parts). */
_Static_assert(sizeof(UiEvent) <= 2048, "UiEvent must stay within 2 KB: page large payloads");

/* Zeroes an event and sets its kind. */
void ui_event_init(UiEvent *ev, UiEvKind kind);

/* True for the events that answer an effect. */
bool ui_event_is_result(UiEvKind kind);

/* ---- effects ------------------------------------------------------------------------------ */

typedef struct UiFxHead {
    UiFxKind kind;
} UiFxHead;

typedef struct UiFxSound {
    UiFxHead h;
    UiSound sound;
} UiFxSound;

typedef struct UiFxCode {
    UiFxHead h;
    char code[UI_CODE_MAX];
} UiFxCode;

typedef struct UiFxId {
    UiFxHead h;
    int64_t id;
} UiFxId;

typedef struct UiFxLendCheck {
    UiFxHead h;
    int64_t borrower_id;
    char code[UI_CODE_MAX];
} UiFxLendCheck;

typedef struct UiCheckoutLine {
    char code[UI_CODE_MAX];
    UiResult refused; /* the refusal a leader overrode (UI_R_OK if none) */
} UiCheckoutLine;

typedef struct UiFxCheckout {
    UiFxHead h;
    int64_t borrower_id;
    int64_t staff_id;
    bool leader_override; /* a leader overrode at least one line */
    UiCheckoutLine line[UI_BASKET_MAX];
    int n;
} UiFxCheckout;

typedef struct UiFxReturn {
    UiFxHead h;
    char code[UI_CODE_MAX];
    int64_t staff_id;
    bool check_parts; /* a set is not returned yet: its parts are sent to be checked */
} UiFxReturn;

typedef struct UiFxReturnSet {
    UiFxHead h;
    char code[UI_CODE_MAX];
    int64_t staff_id;
    char present[UI_SET_PARTS_MAX][UI_CODE_MAX]; /* the parts that came back */
    int n;
} UiFxReturnSet;

typedef struct UiFxItemAct {
    UiFxHead h;
    char code[UI_CODE_MAX];
    int64_t staff_id;
    char note[UI_TEXT_MAX]; /* for the item's history, in the kiosk's language */
} UiFxItemAct;

typedef struct UiFxItemHistory {
    UiFxHead h;
    char code[UI_CODE_MAX];
    int first; /* the page: entries from this index on (newest first) */
} UiFxItemHistory;

typedef struct UiFxSetStatus {
    UiFxHead h;
    char code[UI_CODE_MAX];
    UiItemStatus status;
    char note[UI_TEXT_MAX];
    int64_t staff_id;
} UiFxSetStatus;

typedef struct UiFxDamaged {
    UiFxHead h;
    char code[UI_CODE_MAX];
    char note[UI_TEXT_MAX];
    int64_t staff_id;
} UiFxDamaged;

typedef struct UiFxStaffLogin {
    UiFxHead h;
    char card[UI_CODE_MAX];
    char pin[16];
} UiFxStaffLogin;

typedef struct UiFxSearch {
    UiFxHead h;
    char query[UI_TEXT_MAX];
    int first; /* the page: matches from this index on (at most UI_FOUND_MAX), and the count */
} UiFxSearch;

typedef struct UiFxRegister {
    UiFxHead h;
    char card[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char phone[32];
    int birth_year;
    bool consent;                 /* to the current terms: the app records their version */
    char adult_card[UI_CODE_MAX]; /* "" for an adult; a child's adult, who accepted for them */
    int64_t staff_id;
    char email[UI_NAME_MAX];        /* "" if not given */
    int contact;                    /* UI_CONTACT_SMS | UI_CONTACT_EMAIL; 0: no messages */
    char municipality[UI_NAME_MAX]; /* "" if not given */
} UiFxRegister;

/* The separate, optional consent to be contacted (the store's INV_CONTACT_*). */
#define UI_CONTACT_SMS 1
#define UI_CONTACT_EMAIL 2

typedef struct UiFxConsent {
    UiFxHead h;
    int64_t borrower_id;
    char adult_card[UI_CODE_MAX]; /* a child's: the responsible adult who accepts; "" adult */
} UiFxConsent;

typedef struct UiFxAddItem {
    UiFxHead h;
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char category[UI_NAME_MAX];
    char location[UI_NAME_MAX];
    int64_t staff_id;
} UiFxAddItem;

typedef struct UiFxBlock {
    UiFxHead h;
    char card[UI_CODE_MAX];
    char reason[UI_TEXT_MAX];
    int64_t staff_id;
} UiFxBlock;

typedef struct UiFxUnblock {
    UiFxHead h;
    char card[UI_CODE_MAX];
    int64_t staff_id;
} UiFxUnblock;

typedef struct UiFxAuditStart {
    UiFxHead h;
    char zone[UI_CODE_MAX]; /* "" the whole centre */
    int64_t staff_id;
} UiFxAuditStart;

typedef struct UiFxAuditScan {
    UiFxHead h;
    int64_t audit_id;
    char code[UI_CODE_MAX];
} UiFxAuditScan;

typedef struct UiFxMarkMissing {
    UiFxHead h;
    int64_t audit_id;
    int64_t staff_id;
} UiFxMarkMissing;

typedef struct UiFxStats {
    UiFxHead h;
    int year;
} UiFxStats;

typedef struct UiFxReserve {
    UiFxHead h;
    int64_t borrower_id;
    char code[UI_CODE_MAX];     /* one item, or "" */
    char category[UI_NAME_MAX]; /* or count items of a category */
    int count;
    UiDate from; /* whole days */
    UiDate to;
    int64_t staff_id;
} UiFxReserve;

typedef struct UiFxRenew {
    UiFxHead h;
    char code[UI_CODE_MAX];
    int64_t borrower_id; /* the logged-in borrower: only their (and their co-borrowers') loans */
    int64_t staff_id;
} UiFxRenew;

typedef struct UiFxStaffEnable {
    UiFxHead h;
    char card[UI_CODE_MAX];
    bool enabled;
    int64_t staff_id; /* the leader */
} UiFxStaffEnable;

typedef struct UiFxWorkday {
    UiFxHead h;
    char card[UI_CODE_MAX];
    UiWorkAction action;
} UiFxWorkday;

typedef struct UiFxWorkdays {
    UiFxHead h;
    int first;
} UiFxWorkdays;

typedef struct UiFxWorkdaySet {
    UiFxHead h;
    char card[UI_CODE_MAX];
    UiDate day;
    int in_min;
    int out_min;
    int64_t staff_id; /* the leader */
} UiFxWorkdaySet;

typedef struct UiFxStaffPin {
    UiFxHead h;
    char card[UI_CODE_MAX];
    char pin[16];
    int64_t staff_id; /* the leader */
} UiFxStaffPin;

typedef struct UiFxEditBorrower {
    UiFxHead h;
    char card[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char phone[32];
    int birth_year;               /* 0: not given */
    char adult_card[UI_CODE_MAX]; /* "": the responsible adult stays as it is */
    int64_t staff_id;
} UiFxEditBorrower;

typedef struct UiFxReplaceCard {
    UiFxHead h;
    char card[UI_CODE_MAX];     /* the lost card */
    char new_card[UI_CODE_MAX]; /* from now on theirs */
    int64_t staff_id;
} UiFxReplaceCard;

/* A borrower's data opened by staff (EXPORT, ACCESS_LOG). */
typedef struct UiFxAccess {
    UiFxHead h;
    int64_t borrower_id;
    int64_t staff_id;
} UiFxAccess;

typedef struct UiFxErase {
    UiFxHead h;
    char card[UI_CODE_MAX];
    int64_t staff_id; /* a leader's */
} UiFxErase;

typedef struct UiFxRepairStep {
    UiFxHead h;
    char code[UI_CODE_MAX];
    UiRepairStep step;
    UiRetireReason reason; /* RETIRED */
    char note[UI_TEXT_MAX];
    int64_t staff_id;
} UiFxRepairStep;

typedef struct UiFxJobAdd {
    UiFxHead h;
    char customer[UI_NAME_MAX];
    char phone[32];
    char bike[UI_NAME_MAX];
    char work[UI_NAME_MAX];
    int64_t staff_id;
} UiFxJobAdd;

typedef struct UiFxJobChange {
    UiFxHead h;
    int64_t id;
    int status;  /* -1: unchanged; else a UiJobStatus */
    int minutes; /* time worked by staff_id (0: none) */
    int64_t staff_id;
} UiFxJobChange;

/* Staff settle a double lend: the older loan was returned, or it was really another item
 * (`other`, its barcode). */
typedef struct UiFxResolve {
    UiFxHead h;
    int64_t id;
    bool returned;
    char other[UI_CODE_MAX];
    int64_t staff_id;
} UiFxResolve;

/* An effect: the head, then the payload of its kind. */
typedef union UiFx {
    UiFxKind kind;
    UiFxHead h;
#define UI_FX_MEMBER(name, member, type) type member;
    UI_FX_MAP(UI_FX_MEMBER)
#undef UI_FX_MEMBER
} UiFx;

/* The effects one event asks for, in order. */
typedef struct UiEffects {
    UiFx fx[UI_FX_MAX];
    int n;
} UiEffects;

void ui_effects_clear(UiEffects *fx);

/* ---- state ------------------------------------------------------------------------------- */

typedef enum UiTone { UI_TONE_INFO = 0, UI_TONE_OK, UI_TONE_BAD, UI_TONE_WARN } UiTone;

typedef struct UiToast {
    char text[UI_TEXT_MAX];
    UiTone tone;
    int64_t until_ms; /* 0: none */
} UiToast;

/* A text field filled from the on-screen keyboard or a physical one. */
typedef struct UiField {
    char text[UI_NAME_MAX];
} UiField;

/* The state of a screen that keeps nothing between events. */
typedef struct UiNoState {
    char unused;
} UiNoState;

/* The whole kiosk state (core, session, one struct per screen): ui_state.h. */
typedef struct UiState UiState;

/* Starts at home. `cat` is borrowed for the state's life; now_ms is the clock at start. */
void ui_init(UiState *st, const UiConfig *cfg, const UiCatalog *cat, int w, int h, int64_t now_ms);

/* Folds one event into the state; fills *fx (cleared first) with the effects to perform. */
void ui_update(UiState *st, const UiEvent *ev, UiEffects *fx);

/* Draws the state. dl->measure must be set; the list is cleared first. */
void ui_view(const UiState *st, UiDrawList *dl);

/* The clock time at which the state will change by itself (a toast fades, the countdown moves,
 * the idle logout, the receipt closes), or -1 if never: the app sleeps until then. */
int64_t ui_next_deadline(const UiState *st);

/* True while typed keys are a secret (a PIN): the app hands them to ui_update as they come,
 * never to the keyboard-scanner detector (a fast typist would look like a scanner, and the
 * PIN would come back as an unknown code in a toast). */
bool ui_text_is_secret(const UiState *st);

/* The text of a message in the current language. */
const char *ui_t(const UiState *st, UiMsg msg);

/* The year of the clock, given by the app when entering the year figures (the UI has no
 * calendar): set before the first event, updated by the app each day. */
void ui_set_year(UiState *st, int year);

/* A date for people in the current language, from the catalogue's day and month names:
 * "tirsdag 17. mars" (with_weekday) or "17. mars"; the year is added when it is not the year
 * of the clock (ui_set_year). "" for a date with year 0. */
void ui_date_text(const UiState *st, UiDate date, bool with_weekday, char *buf, size_t size);

/* Pixel scale of the screen in thousandths (1000 at 1024x600). */
int ui_scale(const UiState *st);

#endif
