/* kiosk_ui: the kiosk as a pure state machine (libc only: no SDL, no SQLite, no malloc).
 *
 *   ui_update(state, event, effects)  folds one event into the state and asks for effects
 *   ui_view(state, drawlist)          turns the state into draw commands and widgets
 *
 * Events are touches (already resolved to a widget id with ui_hit), text, keys, scans, clock
 * ticks and the results of effects. Effects are requests ("look this card up", "check out the
 * basket", "play the refusal tone") that the app performs through inventory/SDL and answers with
 * a result event. Every string a person sees is a message id resolved through a UiCatalog loaded
 * from the gettext .po files in assets/i18n (ui_catalog_load_po); widget ids are stable strings
 * ("home.borrow", "basket.remove.2") that scripts and tests tap and look for.
 *
 * Start reading at ui_update() in ui.c, then one screen, e.g. kiosk/screens/scr_basket.c.
 */
#ifndef BUA_KIOSK_UI_H
#define BUA_KIOSK_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- limits ------------------------------------------------------------------------------- */

#define UI_ID_MAX 40       /* widget id, bytes with NUL */
#define UI_TEXT_MAX 192    /* one line of text */
#define UI_CODE_MAX 64     /* barcode, card, zone label */
#define UI_NAME_MAX 96     /* names shown on screen */
#define UI_DATE_MAX 48     /* a date formatted for people ("tirsdag 17. mars 2027") */
#define UI_BASKET_MAX 32   /* items in one basket */
#define UI_LOANS_MAX 12    /* current loans listed at login */
#define UI_EV_LOANS_MAX 64 /* lines an event carries: a whole checkout, parts of sets included */
#define UI_CO_MAX 6        /* co-borrowers of one adult */
#define UI_RETURN_MAX 16   /* returns listed on the return screen */
#define UI_FOUND_MAX 8     /* borrower search results */
#define UI_AUDIT_LINES 40  /* stocktake report lines kept */
#define UI_CATS_MAX 10     /* categories in the year figures and the item form */
#define UI_FX_MAX 8        /* effects asked for by one event */
#define UI_DRAW_MAX 700    /* draw commands per frame */
#define UI_WIDGET_MAX 220  /* widgets per frame */
#define UI_POOL_MAX 49152  /* bytes of translated text in a catalogue */

/* ---- screens, languages, messages --------------------------------------------------------- */

#define UI_SCREEN_MAP(X)                                                                           \
    X(HOME, "home")                                                                                \
    X(BASKET, "basket")                                                                            \
    X(RECEIPT, "receipt")                                                                          \
    X(RETURN, "return")                                                                            \
    X(REGISTER, "register")                                                                        \
    X(STAFF, "staff")                                                                              \
    X(LEADER, "leader")                                                                            \
    X(AUDIT, "audit")                                                                              \
    X(STATS, "stats")

typedef enum UiScreenId {
#define UI_SCR_ENUM(name, id) UI_SCR_##name,
    UI_SCREEN_MAP(UI_SCR_ENUM)
#undef UI_SCR_ENUM
        UI_SCR_COUNT
} UiScreenId;

/* The stable id of a screen ("home", "basket", ...). */
const char *ui_screen_name(UiScreenId id);

typedef enum UiLang { UI_LANG_NB = 0, UI_LANG_EN = 1, UI_LANG_COUNT } UiLang;

/* "nb", "en"; and back (false if unknown). */
const char *ui_lang_name(UiLang lang);
bool ui_lang_parse(const char *name, UiLang *out);

/* X(ID, "po msgid", "built-in English text shown when a catalogue lacks the message").
 * "{1}" and "{2}" in a text are replaced by arguments (ui_format). */
#define UI_MSG_MAP(X)                                                                              \
    X(APP_TITLE, "app.title", "BUA")                                                               \
    X(COMMON_BACK, "common.back", "Back")                                                          \
    X(COMMON_LOGOUT, "common.logout", "Log out")                                                   \
    X(COMMON_CANCEL, "common.cancel", "Cancel")                                                    \
    X(COMMON_DONE, "common.done", "Done")                                                          \
    X(COMMON_SAVE, "common.save", "Save")                                                          \
    X(COMMON_IDLE, "common.idle", "Logging out in {1} seconds")                                    \
    X(COMMON_STAY, "common.stay", "I'm still here")                                                \
    X(COMMON_IDLE_ASK, "common.idle_ask", "Are you still there?")                                  \
    X(COMMON_IDLE_ONE, "common.idle_one", "Logging out in 1 second")                               \
    X(COMMON_STORE_ERROR, "common.store_error",                                                    \
      "Something went wrong. Nothing is lost. Please ask a staff member.")                         \
    X(COMMON_STAFF_DETAIL, "common.staff_detail", "For staff: {1}")                                \
    X(COMMON_STAFF_BY, "common.staff_by", "Staff: {1}")                                            \
    X(COMMON_WORKING, "common.working", "One moment ...")                                          \
    X(KB_SPACE, "kb.space", "space")                                                               \
    X(KB_SHIFT, "kb.shift", "Shift")                                                               \
    X(HOME_TITLE, "home.title", "Welcome to BUA")                                                  \
    X(HOME_SUBTITLE, "home.subtitle", "Borrow sports and outdoor equipment for free")              \
    X(HOME_SCAN, "home.scan", "Scan your card to start")                                           \
    X(HOME_BORROW, "home.borrow", "Borrow")                                                        \
    X(HOME_RETURN, "home.return", "Return")                                                        \
    X(HOME_REGISTER, "home.register", "New borrower")                                              \
    X(HOME_STAFF, "home.staff", "Staff")                                                           \
    X(HOME_NEED_CARD, "home.need_card", "Scan your borrower card first")                           \
    X(HOME_NOT_LENT, "home.not_lent", "{1} is not on loan. To borrow it, scan your card first")    \
    X(HOME_UNKNOWN, "home.unknown", "Unknown card or barcode: {1}")                                \
    X(HOME_BLOCKED, "home.blocked", "This card is blocked: {1}. Please talk to a staff member")    \
    X(HOME_STAFF_CARD, "home.staff_card", "Staff card: enter your PIN")                            \
    X(BASKET_TITLE, "basket.title", "Borrow")                                                      \
    X(BASKET_HELLO, "basket.hello", "Hi, {1}!")                                                    \
    X(BASKET_SCAN, "basket.scan", "Scan the items you want to borrow")                             \
    X(BASKET_FOR, "basket.for", "Who is borrowing?")                                               \
    X(BASKET_DUE, "basket.due", "Return by {1}")                                                   \
    X(BASKET_REMOVE, "basket.remove", "Remove")                                                    \
    X(BASKET_OLDER, "basket.older", "\xE2\x96\xBC {1} older")                                      \
    X(BASKET_NEWER, "basket.newer", "\xE2\x96\xB2 {1} newer")                                      \
    X(BASKET_FINISH, "basket.finish", "Borrow {1} items")                                          \
    X(BASKET_FINISH_ONE, "basket.finish_one", "Borrow 1 item")                                     \
    X(BASKET_DUPLICATE, "basket.duplicate", "{1} is already in your basket")                       \
    X(BASKET_FULL, "basket.full", "The basket is full: finish this loan first")                    \
    X(BASKET_CHECKING, "basket.checking", "Checking ...")                                          \
    X(BASKET_OVERRIDE, "basket.override", "Lend anyway")                                           \
    X(BASKET_OVERRIDDEN, "basket.overridden", "Overridden by leader")                              \
    X(BASKET_NEEDS_LEADER, "basket.needs_leader", "Only a leader can override a refusal")          \
    X(BASKET_LOANS, "basket.loans", "Already borrowed ({1})")                                      \
    X(BASKET_NO_LOANS, "basket.no_loans", "You have nothing on loan")                              \
    X(BASKET_OVERDUE, "basket.overdue", "Late: was due {1}")                                       \
    X(BASKET_OVERDUE_COUNT, "basket.overdue_count",                                                \
      "{1} items are late. Please return them soon.")                                              \
    X(BASKET_OVERDUE_ONE, "basket.overdue_one", "1 item is late. Please return it soon.")          \
    X(BASKET_NOTHING, "basket.nothing", "Nothing to lend yet: scan an item")                       \
    X(BASKET_REFUSED, "basket.refused", "Not lent: {1}")                                           \
    X(BASKET_REFUSED_HELP, "basket.refused_help", "Can't be borrowed – put it back or ask staff")  \
    X(RECEIPT_TITLE, "receipt.title", "Receipt")                                                   \
    X(RECEIPT_THANKS, "receipt.thanks", "Thank you, {1}! Have fun!")                               \
    X(RECEIPT_DUE, "receipt.due", "Return by {1}")                                                 \
    X(RECEIPT_AUTO, "receipt.auto", "Back to start in {1} s")                                      \
    X(RECEIPT_LENT_TO, "receipt.lent_to", "Lent to {1}")                                           \
    X(RETURN_TITLE, "return.title", "Return")                                                      \
    X(RETURN_SCAN, "return.scan", "Scan the items you bring back")                                 \
    X(RETURN_OK, "return.ok", "Returned. Thank you!")                                              \
    X(RETURN_LATE, "return.late", "Returned – it was due {1}. Thank you!")                         \
    X(RETURN_DAMAGED, "return.damaged", "Damaged / parts missing")                                 \
    X(RETURN_NOTE, "return.note", "Report damage: {1}")                                            \
    X(RETURN_SEND, "return.send", "Report damage")                                                 \
    X(RETURN_SENT, "return.sent", "Sent to repair: {1}")                                           \
    X(RETURN_FAILED, "return.failed", "Not returned: {1}")                                         \
    X(RETURN_NOT_LENT, "return.not_lent", "This isn't on loan. Put it back or ask staff.")         \
    X(RETURN_WHAT, "return.what", "What is damaged or missing?")                                   \
    X(REG_TITLE, "reg.title", "New borrower")                                                      \
    X(REG_CARD, "reg.card", "Card (scan a new card)")                                              \
    X(REG_NAME, "reg.name", "Name")                                                                \
    X(REG_PHONE, "reg.phone", "Phone")                                                             \
    X(REG_YEAR, "reg.year", "Birth year")                                                          \
    X(REG_ADULT, "reg.adult", "Responsible adult – only under 18 (scan card)")                     \
    X(REG_CONSENT, "reg.consent", "I accept BUA's terms")                                          \
    X(REG_SAVE, "reg.save", "Register")                                                            \
    X(REG_NEED_CARD, "reg.need_card", "Scan a new card first")                                     \
    X(REG_NEED_NAME, "reg.need_name", "Enter your name")                                           \
    X(REG_NEED_YEAR, "reg.need_year", "Enter a birth year like 2012")                              \
    X(REG_NEED_CONSENT, "reg.need_consent", "Tick that you accept the terms")                      \
    X(REG_NEED_ADULT, "reg.need_adult", "Under 18: scan the card of a responsible adult")          \
    X(REG_WELCOME, "reg.welcome", "Welcome, {1}!")                                                 \
    X(REG_CARD_TAKEN, "reg.card_taken", "This card is already registered")                         \
    X(STAFF_TITLE, "staff.title", "Staff")                                                         \
    X(STAFF_SCAN_CARD, "staff.scan_card", "Scan your staff card")                                  \
    X(STAFF_PIN, "staff.pin", "PIN for {1}")                                                       \
    X(STAFF_WRONG_PIN, "staff.wrong_pin", "Wrong card or PIN. Try again")                          \
    X(STAFF_NOT_STAFF, "staff.not_staff", "{1} is not a staff card")                               \
    X(STAFF_LOCKED, "staff.locked", "Too many wrong PINs. Try again in {1} s")                     \
    X(STAFF_HELLO, "staff.hello", "Logged in: {1} ({2})")                                          \
    X(STAFF_TRAINEE, "staff.trainee", "trainee")                                                   \
    X(STAFF_LEADER_ROLE, "staff.leader_role", "leader")                                            \
    X(STAFF_SEARCH, "staff.search", "Find borrower: name, phone or card")                          \
    X(STAFF_NO_MATCH, "staff.no_match", "No borrower found")                                       \
    X(STAFF_LEND, "staff.lend", "Lend")                                                            \
    X(STAFF_TAKE_BACK, "staff.take_back", "Check in returns")                                      \
    X(STAFF_REGISTER, "staff.register", "New borrower")                                            \
    X(STAFF_LEADER, "staff.leader", "Leader")                                                      \
    X(STAFF_BLOCKED, "staff.blocked", "blocked")                                                   \
    X(LEADER_TITLE, "leader.title", "Leader")                                                      \
    X(LEADER_AUDIT, "leader.audit", "Stocktake")                                                   \
    X(LEADER_STATS, "leader.stats", "Annual figures")                                              \
    X(LEADER_ITEMS, "leader.items", "Items")                                                       \
    X(LEADER_BORROWERS, "leader.borrowers", "Borrowers")                                           \
    X(LEADER_ONLY, "leader.only", "Only a leader can open this")                                   \
    X(ITEM_SCAN, "item.scan", "Scan an item to see it, or a new label to add a new item")          \
    X(ITEM_STATUS, "item.status", "Status: {1}")                                                   \
    X(ITEM_WHERE, "item.where", "Place: {1}")                                                      \
    X(ITEM_REPAIR, "item.repair", "Send to repair")                                                \
    X(ITEM_RETIRE, "item.retire", "Retire")                                                        \
    X(ITEM_AVAILABLE, "item.available", "Mark available")                                          \
    X(ITEM_NEW, "item.new", "New item: {1}")                                                       \
    X(ITEM_NAME, "item.name", "Name")                                                              \
    X(ITEM_CATEGORY, "item.category", "Category")                                                  \
    X(ITEM_LOCATION, "item.location", "Place (scan the shelf or zone label)")                      \
    X(ITEM_ADD, "item.add", "Add item")                                                            \
    X(ITEM_ADDED, "item.added", "Added: {1}")                                                      \
    X(ITEM_CHANGED, "item.changed", "{1}: {2}")                                                    \
    X(ITEM_NEED_FIELDS, "item.need_fields", "Write a name and pick a category")                    \
    X(BORR_BLOCK, "borr.block", "Block")                                                           \
    X(BORR_UNBLOCK, "borr.unblock", "Allow borrowing again")                                       \
    X(BORR_REASON, "borr.reason", "Reason for blocking")                                           \
    X(BORR_BLOCKED, "borr.blocked", "Blocked: {1}")                                                \
    X(BORR_UNBLOCKED, "borr.unblocked", "Can borrow again: {1}")                                   \
    X(BORR_NEED_REASON, "borr.need_reason", "Write a reason first")                                \
    X(STATUS_AVAILABLE, "status.available", "available")                                           \
    X(STATUS_ON_LOAN, "status.on_loan", "on loan")                                                 \
    X(STATUS_IN_REPAIR, "status.in_repair", "in repair")                                           \
    X(STATUS_MISSING, "status.missing", "missing")                                                 \
    X(STATUS_RETIRED, "status.retired", "retired")                                                 \
    X(AUDIT_TITLE, "audit.title", "Stocktake")                                                     \
    X(AUDIT_ZONE, "audit.zone", "Scan the shelf or zone label")                                    \
    X(AUDIT_WHOLE, "audit.whole", "Whole centre")                                                  \
    X(AUDIT_COUNTING, "audit.counting", "Counting: {1}")                                           \
    X(AUDIT_SCAN, "audit.scan", "Scan the next item here")                                         \
    X(AUDIT_FOUND, "audit.found", "Found {1} of {2}")                                              \
    X(AUDIT_OTHER, "audit.other", "Wrong place {1}  ·  On loan {2}")                               \
    X(AUDIT_UNKNOWN_N, "audit.unknown_n", "Unknown {1}")                                           \
    X(AUDIT_FINISH, "audit.finish", "Finish count")                                                \
    X(AUDIT_REPORT, "audit.report", "Result: {1}")                                                 \
    X(AUDIT_ALL_FOUND, "audit.all_found", "Everything was found")                                  \
    X(AUDIT_MARK, "audit.mark", "Mark missing ({1})")                                              \
    X(AUDIT_MARK_CONFIRM, "audit.mark_confirm", "Tap again: mark {1} missing")                     \
    X(AUDIT_NEW, "audit.new", "New count")                                                         \
    X(AUDIT_NOT_ZONE, "audit.not_zone", "{1} is an item: scan the shelf or zone label")            \
    X(AUDIT_MARKED, "audit.marked", "{1} item(s) marked missing")                                  \
    X(AUDIT_K_FOUND, "audit.k.found", "Found")                                                     \
    X(AUDIT_K_MISPLACED, "audit.k.misplaced", "Wrong place")                                       \
    X(AUDIT_K_LENT, "audit.k.lent", "On loan")                                                     \
    X(AUDIT_K_UNKNOWN, "audit.k.unknown", "Unknown barcode")                                       \
    X(AUDIT_K_MISSING, "audit.k.missing", "Missing")                                               \
    X(AUDIT_K_AGAIN, "audit.k.again", "Already counted")                                           \
    X(AUDIT_BELONGS, "audit.belongs", "belongs on {1}")                                            \
    X(STATS_TITLE, "stats.title", "Annual figures")                                                \
    X(STATS_ITEMS, "stats.items", "Items lent")                                                    \
    X(STATS_LOANS, "stats.loans", "Loans")                                                         \
    X(STATS_BORROWERS, "stats.borrowers", "Borrowers")                                             \
    X(STATS_NEW, "stats.new", "New users")                                                         \
    X(STATS_MONTH, "stats.month", "Items lent per month")                                          \
    X(STATS_CATEGORY, "stats.category", "Items lent per category")                                 \
    X(STATS_NONE, "stats.none", "No loans this year")                                              \
    X(MONTHS, "stats.months", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")                   \
    X(WEEKDAYS, "date.weekdays", "Monday Tuesday Wednesday Thursday Friday Saturday Sunday")       \
    X(MONTH_NAMES, "date.months",                                                                  \
      "January February March April May June July August September October November December")     \
    X(DATE_DAY, "date.day", "{1} {2}")                                                             \
    X(LABEL_ON_LOAN, "label.on_loan", "Already on loan")                                           \
    X(LABEL_IN_REPAIR, "label.in_repair", "In repair")                                             \
    X(LABEL_MISSING, "label.missing", "Missing")                                                   \
    X(LABEL_RETIRED, "label.retired", "Retired")                                                   \
    X(LABEL_UNKNOWN_ITEM, "label.unknown_item", "Unknown barcode")                                 \
    X(LABEL_BLOCKED, "label.blocked", "Blocked")                                                   \
    X(R_UNKNOWN_ITEM, "reason.unknown_item", "unknown barcode")                                    \
    X(R_ON_LOAN, "reason.on_loan", "already on loan")                                              \
    X(R_IN_REPAIR, "reason.in_repair", "in repair")                                                \
    X(R_MISSING, "reason.missing", "marked missing")                                               \
    X(R_RETIRED, "reason.retired", "retired, no longer lent out")                                  \
    X(R_BLOCKED, "reason.blocked", "the borrower is blocked")                                      \
    X(R_TWICE, "reason.twice", "scanned twice")                                                    \
    X(R_NOT_ON_LOAN, "reason.not_on_loan", "not on loan")                                          \
    X(R_AUTH, "reason.auth", "wrong card or PIN")                                                  \
    X(R_NEEDS_LEADER, "reason.needs_leader", "only a leader may do this")                          \
    X(R_EXISTS, "reason.exists", "already exists")                                                 \
    X(R_INVALID, "reason.invalid", "invalid value")                                                \
    X(R_NOT_FOUND, "reason.not_found", "not found")                                                \
    X(R_UNKNOWN_BORROWER, "reason.unknown_borrower", "unknown card")                               \
    X(R_STORE, "reason.store", "the database did not answer")

typedef enum UiMsg {
#define UI_MSG_ENUM(name, key, en) UI_MSG_##name,
    UI_MSG_MAP(UI_MSG_ENUM)
#undef UI_MSG_ENUM
        UI_MSG_COUNT
} UiMsg;

/* The po msgid ("home.borrow") of a message. */
const char *ui_msg_key(UiMsg msg);

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
    X(CHART, "chart", 0x2F8FAF)

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
    int idle_self_s;       /* idle logout for borrowers (60) */
    int idle_staff_s;      /* idle logout for staff (300) */
    int idle_warn_s;       /* show the countdown this long before (20) */
    int receipt_s;         /* receipt back to home after (8) */
    int toast_ms;          /* how long a hint stays (4000) */
    bool show_due_dates;   /* show the due date of each item in the basket (true) */
    bool sound;            /* ask for sounds (true) */
    int touch_px;          /* minimum touch target at 1024x600 (64) */
    UiScannerSide scanner; /* which side the scanner is mounted: the scan hint points there */
    UiLang lang;           /* language at start and after each logout */
    int min_adult_age;     /* younger borrowers need a responsible adult (18) */
    UiColor color[UI_COL_COUNT];
    char categories[UI_CATS_MAX][32]; /* offered when a leader adds an item */
    int n_categories;
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

typedef enum UiWidgetKind {
    UI_W_BUTTON, /* tappable */
    UI_W_KEY,    /* tappable key of the on-screen keyboard or keypad */
    UI_W_FIELD,  /* tappable text field */
    UI_W_ROW,    /* tappable list row */
    UI_W_LABEL,  /* not tappable */
    UI_W_BAR,    /* a bar of a chart, not tappable */
} UiWidgetKind;

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
    int n_widget;
    int dropped; /* commands or widgets that did not fit (a bug: tests check it stays 0) */
} UiDrawList;

/* The widget under a pixel that can be tapped (the last drawn wins), or NULL. */
const UiWidget *ui_hit(const UiDrawList *dl, int x, int y);

/* The widget with this id, or NULL. */
const UiWidget *ui_find(const UiDrawList *dl, const char *id);

/* ---- data carried by events --------------------------------------------------------------- */

/* Outcomes of effects, mapped by the app from the store's error codes. */
typedef enum UiResult {
    UI_R_OK = 0,
    UI_R_UNKNOWN_ITEM,
    UI_R_ON_LOAN,
    UI_R_IN_REPAIR,
    UI_R_MISSING,
    UI_R_RETIRED,
    UI_R_BLOCKED,
    UI_R_TWICE,
    UI_R_NOT_ON_LOAN,
    UI_R_AUTH,
    UI_R_NEEDS_LEADER,
    UI_R_EXISTS,
    UI_R_INVALID,
    UI_R_NOT_FOUND,
    UI_R_UNKNOWN_BORROWER,
    UI_R_STORE, /* the store failed (I/O, busy, corrupt): shown calmly, nothing is dropped */
} UiResult;

typedef enum UiItemStatus {
    UI_ITEM_AVAILABLE = 0,
    UI_ITEM_ON_LOAN,
    UI_ITEM_IN_REPAIR,
    UI_ITEM_MISSING,
    UI_ITEM_RETIRED,
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
} UiPerson;

typedef struct UiLoan {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char who[UI_NAME_MAX]; /* the borrower, when listing an adult's and co-borrowers' loans */
    UiDate due;
    bool overdue;
} UiLoan;

typedef enum UiRole { UI_ROLE_NONE = 0, UI_ROLE_TRAINEE = 1, UI_ROLE_LEADER = 2 } UiRole;

typedef enum UiAuditKind {
    UI_AUDIT_FOUND = 0,
    UI_AUDIT_MISPLACED,
    UI_AUDIT_LENT,
    UI_AUDIT_UNKNOWN,
    UI_AUDIT_MISSING,
    UI_AUDIT_AGAIN,
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
} UiStats;

typedef enum UiSound {
    UI_SOUND_OK = 0,
    UI_SOUND_UNKNOWN,
    UI_SOUND_DUPLICATE,
    UI_SOUND_REFUSED,
    UI_SOUND_COUNT
} UiSound;

const char *ui_sound_name(UiSound s); /* "ok", "unknown", "duplicate", "refused" */

/* ---- events ------------------------------------------------------------------------------- */

typedef enum UiKey { UI_KEY_NONE = 0, UI_KEY_BACKSPACE, UI_KEY_ENTER, UI_KEY_ESCAPE } UiKey;

typedef enum UiWho { UI_WHO_NONE = 0, UI_WHO_BORROWER, UI_WHO_STAFF, UI_WHO_ITEM } UiWho;

#define UI_EV_LOANS_PART_MAX 4 /* loans in one UI_EV_LOANS_PART */
#define UI_EV_CO_PART_MAX 3    /* co-borrowers in one UI_EV_CO_PART */
#define UI_EV_LENT_PART_MAX 8  /* lines in one UI_EV_LENT_PART */
#define UI_EV_FOUND_PART_MAX 4 /* people in one UI_EV_FOUND_PART */
#define UI_EV_AUDIT_PART_MAX 6 /* report lines in one UI_EV_AUDIT_PART */

/* X(NAME, member, payload type, answers an effect). An answer ("result") settles the busy count
 * and carries the outcome in its head; a list too long for one event follows its result in
 * *_PART events (first: index of the part's first entry), which are not results. */
#define UI_EV_MAP(X)                                                                               \
    X(TICK, tick, UiEvHead, false)       /* the clock moved (sent before input events too) */      \
    X(RESIZE, resize, UiEvResize, false) /* the window has a new size */                           \
    X(PRESS, press, UiEvPress, false)    /* a widget was tapped (resolve touches with ui_hit) */   \
    X(TEXT, text, UiEvText, false)       /* typed UTF-8 text */                                    \
    X(KEY, key, UiEvKey, false)          /* a special key */                                       \
    X(SCAN, scan, UiEvScan, false)       /* a scanned code */                                      \
    X(IDENTIFIED, identified, UiEvIdentified, true)      /* IDENTIFY, LOAD_BORROWER */             \
    X(LOANS_PART, loans_part, UiEvLoansPart, false)      /* a borrower's open loans */             \
    X(CO_PART, co_part, UiEvCoPart, false)               /* a borrower's co-borrowers */           \
    X(LEND_CHECKED, lend_checked, UiEvLendChecked, true) /* LEND_CHECK */                          \
    X(CHECKED_OUT, checked_out, UiEvCheckedOut, true)    /* CHECKOUT */                            \
    X(LENT_PART, lent_part, UiEvLentPart, false)         /* the lines a checkout lent */           \
    X(RETURNED, returned, UiEvReturned, true)            /* RETURN */                              \
    X(STAFF_LOGGED, staff_logged, UiEvStaffLogged, true) /* STAFF_LOGIN */                         \
    X(FOUND, found, UiEvFound, true)                     /* SEARCH: how many */                    \
    X(FOUND_PART, found_part, UiEvFoundPart, false)      /* SEARCH: the people */                  \
    X(REGISTERED, registered, UiEvRegistered, true)      /* REGISTER */                            \
    X(ITEM_INFO, item_info, UiEvItemInfo, true)          /* ITEM_INFO */                           \
    X(DONE, done, UiEvDone,                                                                        \
      true) /* SET_STATUS, DAMAGED, ADD_ITEM, BLOCK, UNBLOCK, MARK_MISSING */                      \
    X(AUDIT, audit, UiEvAudit, true)                     /* AUDIT_START, AUDIT_SCAN */             \
    X(AUDIT_REPORT, audit_report, UiEvAuditReport, true) /* AUDIT_FINISH: the counts */            \
    X(AUDIT_PART, audit_part, UiEvAuditPart, false)      /* AUDIT_FINISH: the report lines */      \
    X(STATS, stats, UiEvStats, true)                     /* STATS */

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
    X(LOGGED_OUT, logged_out, UiFxHead)            /* the session ended: the app may log it */

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
    UiDate due; /* UI_R_OK */
} UiEvLendChecked;

typedef struct UiEvCheckedOut {
    UiEvHead h;
    char code[UI_CODE_MAX]; /* failure: the refused line */
    int n_lines;            /* UI_R_OK: lines lent (parts of sets included), in UI_EV_LENT_PART */
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
} UiEvReturned;

typedef struct UiEvStaffLogged {
    UiEvHead h;
    UiPerson staff;
    UiRole role;
} UiEvStaffLogged;

typedef struct UiEvFound {
    UiEvHead h;
    int n; /* matches that follow in UI_EV_FOUND_PART (at most UI_FOUND_MAX) */
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
    UiItem item; /* UI_R_UNKNOWN_ITEM: a new label */
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

/* An event: the head, then the payload of its kind (ev->h.kind says which member is valid). */
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
} UiFxReturn;

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
} UiFxSearch;

typedef struct UiFxRegister {
    UiFxHead h;
    char card[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char phone[32];
    int birth_year;
    bool consent;
    char adult_card[UI_CODE_MAX]; /* "" for an adult */
    int64_t staff_id;
} UiFxRegister;

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

/* ---- state -------------------------------------------------------------------------------- */

typedef enum UiTone { UI_TONE_INFO = 0, UI_TONE_OK, UI_TONE_BAD, UI_TONE_WARN } UiTone;

typedef struct UiToast {
    char text[UI_TEXT_MAX];
    UiTone tone;
    int64_t until_ms; /* 0: none */
} UiToast;

typedef enum UiLineState {
    UI_LINE_CHECKING = 0, /* asked the store */
    UI_LINE_OK,
    UI_LINE_REFUSED,
} UiLineState;

typedef struct UiBasketLine {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiDate due;
    UiLineState state;
    UiResult refused;
    bool overridden;
} UiBasketLine;

typedef struct UiReturnLine {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiDate due;
    UiResult result;
    bool overdue;
    bool damaged; /* sent to repair */
    bool pending; /* asked the store */
} UiReturnLine;

typedef struct UiField {
    char text[UI_NAME_MAX];
} UiField;

enum { UI_REG_CARD, UI_REG_NAME, UI_REG_PHONE, UI_REG_YEAR, UI_REG_ADULT, UI_REG_FIELDS };

typedef enum UiStaffStage {
    UI_STAFF_CARD = 0, /* waiting for a staff card */
    UI_STAFF_PIN,
    UI_STAFF_MENU, /* logged in: search, lend, take back, register */
} UiStaffStage;

typedef enum UiLeaderStage {
    UI_LEADER_MENU = 0,
    UI_LEADER_ITEM,     /* scan an item; shows it with actions */
    UI_LEADER_NEW_ITEM, /* a new label was scanned: name, category, place */
    UI_LEADER_BORROWER, /* search a borrower; block or unblock */
} UiLeaderStage;

typedef enum UiAuditStage { UI_AUDIT_ZONE = 0, UI_AUDIT_SCANNING, UI_AUDIT_RESULT } UiAuditStage;

typedef struct UiState {
    UiConfig cfg;
    const UiCatalog *cat;
    UiLang lang;
    UiScreenId screen;
    int w, h;
    int64_t now_ms;
    int64_t last_input_ms;
    int year_now; /* the local year of the clock (ui_set_year) */
    int busy;     /* effects asked for and not answered yet */
    UiToast toast;
    char store_error[UI_TEXT_MAX]; /* detail of the last store failure, shown for staff */
    char typed[UI_CODE_MAX];       /* keys typed where no field has focus: a keyboard scanner */

    /* session */
    UiPerson borrower; /* logged-in borrower (id 0: none) */
    UiPerson co[UI_CO_MAX];
    int n_co;
    int lend_for; /* -1: the borrower; else index into co */
    UiLoan loans[UI_LOANS_MAX];
    int n_loans;
    int n_overdue;
    UiPerson staff; /* logged-in staff member (id 0: none) */
    UiRole role;

    /* basket and receipt */
    UiBasketLine basket[UI_BASKET_MAX];
    int n_basket;
    int basket_skip; /* newest lines paged past in the list (0: the newest is at the top) */
    bool checking_out;
    bool idle_checkout; /* the checkout under way was started by the idle logout */
    char receipt_name[UI_NAME_MAX];
    int64_t receipt_until_ms;

    /* return */
    UiReturnLine ret[UI_RETURN_MAX];
    int n_ret;
    int damage_line; /* index being described, -1: none */
    UiField note;
    bool shift;

    /* register */
    UiField reg[UI_REG_FIELDS];
    int reg_focus;
    bool reg_consent;

    /* staff */
    UiStaffStage staff_stage;
    char staff_card[UI_CODE_MAX];
    char staff_name[UI_NAME_MAX];
    char pin[16];
    int pin_fails;            /* wrong PINs in a row */
    int64_t pin_locked_until; /* after 3 wrong PINs the keypad waits 30 s */
    UiField query;
    UiPerson found[UI_FOUND_MAX];
    int n_found;
    bool searched;

    /* leader */
    UiLeaderStage leader_stage;
    UiItem item;
    bool item_loaded;
    UiField item_name;
    int item_cat; /* index into cfg.categories, -1: none */
    char item_location[UI_CODE_MAX];
    UiPerson picked; /* borrower being managed */
    UiField reason;

    /* audit */
    UiAuditStage audit_stage;
    int64_t audit_id;
    char zone[UI_CODE_MAX];
    UiAuditCount count;
    char audit_last[UI_CODE_MAX];
    UiAuditKind audit_last_kind;
    UiAuditLine audit_lines[UI_AUDIT_LINES];
    int n_audit_lines;
    int audit_missing; /* missing lines in the report */
    bool audit_marked;
    bool audit_confirm; /* "mark missing" was tapped once: the next tap marks them */

    /* stats */
    int stats_year;
    bool stats_loaded;
    UiStats stats;
} UiState;

/* Starts at home. `cat` is borrowed for the state's life; now_ms is the clock at start. */
void ui_init(UiState *st, const UiConfig *cfg, const UiCatalog *cat, int w, int h, int64_t now_ms);

/* Folds one event into the state; fills *fx (cleared first) with the effects to perform. */
void ui_update(UiState *st, const UiEvent *ev, UiEffects *fx);

/* Draws the state. dl->measure must be set; the list is cleared first. */
void ui_view(const UiState *st, UiDrawList *dl);

/* The clock time at which the state will change by itself (a toast fades, the countdown moves,
 * the idle logout, the receipt closes), or -1 if never: the app sleeps until then. */
int64_t ui_next_deadline(const UiState *st);

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
