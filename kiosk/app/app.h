/* bua-kiosk internals: the app that joins kiosk_ui (state machine), gfx (SDL2), inventory (the
 * store) and scanner (USB). main.c starts everything; app_loop.c runs the event loop and hands
 * codes from the scanner thread to it; app_fx.c performs the UI's effects through inventory and
 * turns the outcomes into events; app_script.c drives the kiosk from a script with a fake clock. */
#ifndef BUA_KIOSK_APP_H
#define BUA_KIOSK_APP_H

#include "barcode.h"
#include "gfx.h"
#include "inventory.h"
#include "labels.h"
#include "scanner.h"
#include "ui.h"
#include "ui_state.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define APP_QUEUE_MAX 128 /* answers waiting: the effects of an event with all their parts */

/* Moments on the way from an input to the frame that answers it, for a benchmark's trace. */
typedef enum AppMark {
    APP_MARK_SCAN_CALLBACK, /* the scanner thread hands a code over (called on that thread) */
    APP_MARK_INPUT,         /* the loop takes a scan or a tap from the SDL queue */
    APP_MARK_UI_DONE,       /* kiosk_ui and the store have answered it */
    APP_MARK_FRAME          /* the frame that shows the answer is presented */
} AppMark;

typedef void (*AppTraceFn)(void *user, AppMark mark);

struct SDL_semaphore;

/* [labels] of the settings file: where the kiosk's labels go and how they look (app_label.c). */
typedef struct AppLabelCfg {
    char folder[1024];      /* folder = ; "" until app_label_open: labels/ beside the database */
    char printer[128];      /* printer = : lp -d PRINTER; "" for CUPS's default printer */
    const LblSheet *sheet;  /* sheet = : roll-62mm unless set */
    LblSymbology symbology; /* symbology = : Code 128 unless set */
    bool used;              /* a label was made: lbl_exit at the end */
} AppLabelCfg;

typedef struct App {
    InvDb *db;
    GfxCtx *gfx;
    UiCatalog cat;
    UiConfig cfg;
    UiState st;
    UiDrawList dl;
    bool drawn;                   /* dl holds the view of the current state */
    bool script;                  /* driven by --script: fake clock */
    int64_t clock_ms;             /* the UI clock (script: fake; else SDL ticks) */
    int64_t epoch_base;           /* script: UTC seconds at clock_ms 0 */
    int64_t epoch_ticks;          /* window: UTC ms minus SDL ticks at start */
    InvRole staff_role;           /* role of the staff member the store logged in (0: none) */
    UiSound last_sound;           /* last tone asked for since the previous dump (-1: none) */
    UiEffects fx;                 /* the effects of the event being dispatched */
    UiEvent queue[APP_QUEUE_MAX]; /* answers waiting for ui_update, a ring */
    int q_head;                   /* index of the oldest */
    int q_len;
    bool dispatching;           /* app_dispatch is draining the queue */
    uint32_t scan_event;        /* SDL user event type of codes from the USB scanner thread */
    struct SDL_semaphore *wake; /* posted after an event is pushed from another thread */
    AppTraceFn trace;           /* NULL, or a benchmark's probe (set before app_loop_open) */
    void *trace_user;
    AppLabelCfg label; /* [labels] of the settings (app_label.c) */
    /* the terms borrowers accept (nb, en; cfg.terms points at their texts): their version is
     * recorded with each consent, and a borrower who accepted another one is asked again at
     * login. Version "": no terms loaded (tests), nobody is asked. */
    InvTerms terms[UI_LANG_COUNT];
    /* the clock at which the store's quiet-moment work is due (app_idle), -1: none; set by a
     * checkout, moved on by every scan, tap or key */
    int64_t idle_at;
} App;

/* The store's work for a quiet moment (inv_idle: the loans of the checkouts added to the
 * figures) is due after a checkout, and done once nobody has scanned, tapped or typed for
 * APP_IDLE_MS, so that no checkout waits for it and nobody at the kiosk does either. */
#define APP_IDLE_MS 2000

/* Does the quiet-moment work when it is due (clock_ms >= idle_at), else nothing. While another
 * program writes, it is due again APP_IDLE_MS later (inv_idle waits no longer than
 * INV_IDLE_BUSY_MS); another failure is logged (the figures' readers fold the queue
 * themselves). */
void app_idle(App *app);

/* Folds an event into the UI and performs every effect it asks for; their answers go into a
 * fixed ring that is drained, in order, before it returns (no recursion, no allocation). Marks
 * the view stale. */
void app_dispatch(App *app, const UiEvent *ev);

/* Performs one effect through the store and queues its answer events (none for a sound or a
 * logout; a result, then its parts, for a list). */
void app_perform(App *app, const UiFx *fx);

/* ---- work training (app_training.c) ---- */

/* Performs UI_FX_WORKDAY (a trainee's check-in and check-out), WORKDAYS and WORKDAY_SET (a
 * leader's list and correction of the trainees' days). */
void app_training_perform(App *app, const UiFx *fx);

/* ---- people (app_people.c) ---- */

/* Performs UI_FX_STAFF_INFO, STAFF_ENABLE, STAFF_PIN, EDIT_BORROWER and REPLACE_CARD. */
void app_people_perform(App *app, const UiFx *fx);

/* For a refusal of `card` at login (INV_E_CARD_REPLACED, STAFF_DISABLED, STAFF_EXPIRED): the
 * day it was replaced, disabled, or the card's last day, into *since; else leaves it as is. */
void app_people_since(App *app, int err, const char *card, UiDate *since);

/* A child without a phone is reached through the responsible adult: p->phone becomes the
 * adult's and p->phone_guardian is set. */
void app_contact(App *app, const InvBorrower *b, UiPerson *p);

/* ---- personal data (app_privacy.c) ---- */

/* Performs UI_FX_EXPORT (answered by UI_EV_EXPORT and its parts), ERASE (answered by DONE) and
 * ACCESS_LOG (no answer). */
void app_privacy_perform(App *app, const UiFx *fx);

/* A new event at the back of the answer queue, initialised to `kind` at the app's clock. A full
 * queue is a broken contract: it aborts. */
UiEvent *app_push(App *app, UiEvKind kind);

/* UTC seconds now: the fake clock in a script, else the wall clock. */
int64_t app_now(const App *app);

/* Keys from a physical keyboard or a keyboard-mode scanner that types into the window: a burst
 * (scanner speed, ended by Enter or Tab) becomes a scan; anything slower is a person typing and
 * goes to the UI as text. Characters are held back while they may still be a burst. While the
 * UI asks for a secret (ui_text_is_secret: a PIN), every key goes to the UI at once. */
typedef struct AppKeys {
    BcWedge wedge;
    char pending[256];
} AppKeys;

void app_keys_init(AppKeys *k);
/* One character (UTF-8) typed at time ms. */
void app_keys_text(App *app, AppKeys *k, const char *text, uint32_t ms);
/* Enter or Tab at time ms. */
void app_keys_end(App *app, AppKeys *k, uint32_t ms);
/* Backspace or Escape. */
void app_keys_special(App *app, AppKeys *k, UiKey key);
/* Call now and then: hands held characters to the UI once they cannot be a burst. */
void app_keys_poll(App *app, AppKeys *k, uint32_t ms);
/* Hands held characters to the UI now (before a code from the USB scanner). */
void app_keys_flush(App *app, AppKeys *k);
/* True while characters are held back (poll again soon). */
bool app_keys_pending(const AppKeys *k);

/* A scanned code, from the USB scanner thread, a keyboard-mode scanner or a script. */
void app_scan(App *app, const char *code);

/* A scanner read a code that failed its checks (SCAN_EV_REJECTED): the UI says "scan again". */
void app_scan_rejected(App *app);

/* Copies src into dst[size], cut at a UTF-8 character boundary; always NUL-terminates. */
void app_copy(char *dst, size_t size, const char *src);

/* Shared by the app_ files that perform effects (app_fx.c): an inventory error as the UI's
 * outcome (the store's detail copied into h for staff), an item as the UI shows it, and a UTC
 * time as a local calendar date. */
UiResult app_map_err(App *app, int err, UiEvHead *h);
void app_to_item(const InvItem *it, UiItem *u);
void app_date_local(int64_t t, UiDate *out);

/* Lost and found, sets checked on return, an item's card and history (app_items.c): performs
 * UI_FX_RETURN (a set whose parts staff check: the parts, else the return), UI_FX_RETURN_SET,
 * UI_FX_ITEM_FOUND, UI_FX_ITEM_LOST and UI_FX_ITEM_HISTORY, queuing their answers. */
void app_items_perform(App *app, const UiFx *fx);

/* The last damage noted at a return of the item into buf[size] ("" if none); an InvErr. */
int app_item_damage(App *app, const char *code, char *buf, size_t size);

/* ---- labels (app_label.c) ---- */

/* The defaults of [labels]: a 62 mm roll, Code 128, the default printer. */
void app_label_init(AppLabelCfg *cfg);

/* One setting of [labels] (folder, printer, sheet, symbology). Returns 0, or -1 with the reason
 * in err ("unknown setting X", "bad value for sheet: a5"). */
int app_label_set(AppLabelCfg *cfg, const char *name, const char *value, char *err,
                  size_t err_size);

/* Settles the folder once the database is known (inv_paths_labels). Returns 0, or -1 with the
 * reason in err. */
int app_label_open(AppLabelCfg *cfg, const char *db_path, char *err, size_t err_size);

/* Performs UI_FX_MAKE_LABEL: writes the item's label to a new PDF in the folder and, when lp is
 * on PATH, hands it to CUPS without waiting for it; queues UI_EV_LABEL. */
void app_label_perform(App *app, const UiFx *fx);

/* At the end of the program: frees the label drawing's caches (lbl_exit) if a label was made. */
void app_label_close(AppLabelCfg *cfg);

/* The call list for staff (app_calls.c): performs UI_FX_CALLS, queuing UI_EV_CALLS (counts, the
 * failing channels) and the people in UI_EV_CALL_PART. */
void app_calls(App *app);

/* The workshop (app_workshop.c): performs UI_FX_REPAIRS, REPAIR_ITEM, REPAIR_STEP, JOBS, JOB,
 * JOB_ADD and JOB_CHANGE, queuing their answers. */
void app_workshop_perform(App *app, const UiFx *fx);

/* The sync screens (app_sync.c, issue 14): performs UI_FX_SYNC_STATUS, CONFLICTS (answered by
 * UI_EV_CONFLICTS and its parts) and RESOLVE (answered by DONE). */
void app_sync_perform(App *app, const UiFx *fx);

/* Renders the current state if it changed (and presents it). */
void app_draw(App *app);

/* Prepares the hand-off from the scanner thread to the loop: registers the SDL user event
 * (app->scan_event) and the wake-up semaphore, and points cfg's callbacks at them (cfg->user =
 * app). Call after gfx_open and before scan_start. Returns 0, or -1 with the cause in err. */
int app_loop_open(App *app, ScanConfig *cfg, char *err, size_t err_size);
/* Frees what app_loop_open made; call after scan_close. Accepts an app it never opened. */
void app_loop_close(App *app);

/* Runs the event loop until SDL_QUIT: waits for input, a scanned code or the next moment the UI
 * asked to be woken, and draws a frame only when the view changed. Returns 0. */
int app_loop_run(App *app);

/* Wakes the loop after another thread pushed an SDL event (headless, it sleeps on a semaphore). */
void app_loop_wake(App *app);

/* Runs a script (see README "Driving the kiosk by script"). Returns 0 if every expect held, 1
 * at the first that failed or a line that could not run (with the line number on stderr). */
int app_run_script(App *app, FILE *in, const char *name);

#endif
