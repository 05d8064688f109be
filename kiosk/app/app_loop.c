/* The kiosk's event loop and the hand-off from the scanner thread: a code read on that thread
 * travels to the loop as an SDL user event, and the loop answers it with one frame. */
#include "app.h"
#include "inv_paths.h"

#include <SDL.h>
#include <string.h>

static void handle_event(App *app, AppKeys *keys, const SDL_Event *e);
static void on_scan_code(const ScanCode *code, void *user);
static void on_scan_event(const ScanEvent *ev, void *user);
static void mark(App *app, AppMark m);

int app_loop_open(App *app, ScanConfig *cfg, char *err, size_t err_size)
{
    Uint32 type = SDL_RegisterEvents(1);
    if (type == (Uint32)-1) {
        snprintf(err, err_size, "cannot register the scanner's event: %s", SDL_GetError());
        return -1;
    }
    app->wake = SDL_CreateSemaphore(0);
    if (!app->wake) {
        snprintf(err, err_size, "cannot make the scanner's wake-up: %s", SDL_GetError());
        return -1;
    }
    app->scan_event = type;
    cfg->on_code = on_scan_code;
    cfg->on_event = on_scan_event;
    cfg->user = app;
    return 0;
}

void app_loop_close(App *app)
{
    if (app->wake)
        SDL_DestroySemaphore(app->wake);
    app->wake = NULL;
}

int app_loop_run(App *app)
{
    AppKeys keys;
    app_keys_init(&keys);
    SDL_StartTextInput();
    /* Without a display (headless, or SDL's offscreen and dummy drivers) SDL_WaitEvent polls
     * every millisecond; there the loop sleeps on a semaphore the scanner thread posts, and
     * looks for a quit request four times a second. */
    const char *driver = SDL_GetCurrentVideoDriver();
    bool sem_wait = !driver || strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0;
    for (;;) {
        int timeout = -1;
        int64_t next = ui_next_deadline(&app->st);
        if (next >= 0)
            timeout = next <= app->clock_ms ? 0 : (int)(next - app->clock_ms);
        if (app->idle_at >= 0) { /* the store's quiet-moment work (app_idle) */
            int64_t idle = app->idle_at <= app->clock_ms ? 0 : app->idle_at - app->clock_ms;
            if (timeout < 0 || idle < timeout)
                timeout = (int)idle;
        }
        if (app_keys_pending(&keys) && (timeout < 0 || timeout > 50))
            timeout = 50;
        SDL_Event e;
        int got = 0;
        if (sem_wait) {
            got = SDL_PollEvent(&e);
            if (!got && app->wake) {
                SDL_SemWaitTimeout(app->wake,
                                   (Uint32)(timeout < 0 || timeout > 250 ? 250 : timeout));
                got = SDL_PollEvent(&e);
            }
        } else {
            got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
        }
        if (!app->script)
            app->clock_ms = (int64_t)SDL_GetTicks64();
        bool handled = got;
        while (got) {
            if (e.type == SDL_QUIT)
                return 0;
            handle_event(app, &keys, &e);
            got = SDL_PollEvent(&e);
        }
        app_keys_poll(app, &keys, (uint32_t)SDL_GetTicks());
        /* the clock matters only when the UI asked to be woken (or after input) */
        int64_t due = ui_next_deadline(&app->st);
        if (handled || (due >= 0 && app->clock_ms >= due)) {
            ui_set_year(&app->st, inv_time_year(app_now(app))); /* a kiosk runs past New Year */
            UiEvent ev;
            ui_event_init(&ev, UI_EV_TICK);
            ev.h.now_ms = app->clock_ms;
            app_dispatch(app, &ev);
        }
        app_draw(app); /* only if something changed */
        /* nothing came: the store's quiet-moment work, if due (not halfway through a wedge's
         * code) */
        if (!handled && !app_keys_pending(&keys))
            app_idle(app);
    }
}

void app_loop_wake(App *app)
{
    if (app->wake)
        SDL_SemPost(app->wake);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void handle_event(App *app, AppKeys *keys, const SDL_Event *e)
{
    if (e->type == app->scan_event && !e->user.data1) {
        app_keys_flush(app, keys);
        app_scan_rejected(app);
    } else if (e->type == app->scan_event) {
        char *code = e->user.data1;
        mark(app, APP_MARK_INPUT);
        app_keys_flush(app, keys);
        app_scan(app, code);
        mark(app, APP_MARK_UI_DONE);
        app_draw(app); /* the frame that shows the item */
        mark(app, APP_MARK_FRAME);
        SDL_free(code);
    } else if (e->type == SDL_FINGERDOWN ||
               (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT &&
                e->button.which != SDL_TOUCH_MOUSEID)) { /* not the mouse copy of a touch */
        int x = 0;
        int y = 0;
        mark(app, APP_MARK_INPUT);
        if (e->type == SDL_FINGERDOWN) {
            x = (int)(e->tfinger.x * (float)app->st.w);
            y = (int)(e->tfinger.y * (float)app->st.h);
        } else {
            /* window points to pixels (high-DPI screens have more pixels than points) */
            int ww = 0;
            int wh = 0;
            SDL_Window *win = SDL_GetWindowFromID(e->button.windowID);
            if (win)
                SDL_GetWindowSize(win, &ww, &wh);
            x = ww > 0 ? e->button.x * app->st.w / ww : e->button.x;
            y = wh > 0 ? e->button.y * app->st.h / wh : e->button.y;
        }
        app_draw(app);
        const UiWidget *w = ui_hit(&app->dl, x, y);
        if (w) {
            UiEvent ev;
            ui_event_init(&ev, UI_EV_PRESS);
            app_copy(ev.press.id, sizeof ev.press.id, w->id);
            ev.h.now_ms = app->clock_ms;
            app_dispatch(app, &ev);
        }
        mark(app, APP_MARK_UI_DONE);
        app_draw(app); /* the frame that answers the tap */
        mark(app, APP_MARK_FRAME);
    } else if (e->type == SDL_TEXTINPUT) {
        app_keys_text(app, keys, e->text.text, e->text.timestamp);
    } else if (e->type == SDL_KEYDOWN) {
        SDL_Keycode k = e->key.keysym.sym;
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_TAB)
            app_keys_end(app, keys, e->key.timestamp);
        else if (k == SDLK_BACKSPACE)
            app_keys_special(app, keys, UI_KEY_BACKSPACE);
        else if (k == SDLK_ESCAPE)
            app_keys_special(app, keys, UI_KEY_ESCAPE);
    } else if (e->type == SDL_WINDOWEVENT && (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                              e->window.event == SDL_WINDOWEVENT_EXPOSED)) {
        int w = 0;
        int h = 0;
        gfx_invalidate(app->gfx); /* the window's pixels are new or were lost: draw them all */
        gfx_size(app->gfx, &w, &h);
        app->drawn = false;
        UiEvent ev;
        ui_event_init(&ev, UI_EV_RESIZE);
        ev.resize.w = w;
        ev.resize.height = h;
        app_dispatch(app, &ev);
    }
}

/* Scanner thread: never blocks; the code travels to the main loop as an SDL user event. */
static void on_scan_code(const ScanCode *code, void *user)
{
    App *app = user;
    mark(app, APP_MARK_SCAN_CALLBACK);
    SDL_Event e;
    SDL_zero(e);
    e.type = app->scan_event;
    e.user.data1 = SDL_strdup(code->code.text);
    if (!e.user.data1 || SDL_PushEvent(&e) != 1) {
        inv_log(INV_LOG_ERR, "a scan was lost: the event queue is full");
        SDL_free(e.user.data1);
        return;
    }
    app_loop_wake(app);
}

/* Scanner thread: a log line for each event; a rejected scan also travels to the main loop (as a
 * scan event without a code) so the person hears and reads "scan again". */
static void on_scan_event(const ScanEvent *ev, void *user)
{
    App *app = user;
    /* plugged in or out: notice; a scanner that fails or a code that was lost: warning (the
     * kiosk goes on with the others, the touchscreen and keyboard-mode scanners) */
    bool notice = ev->type == SCAN_EV_ATTACHED || ev->type == SCAN_EV_DETACHED;
    inv_log(notice ? INV_LOG_NOTICE : INV_LOG_WARNING, "scanner: %s", ev->message);
    if (ev->type != SCAN_EV_REJECTED)
        return;
    SDL_Event e;
    SDL_zero(e);
    e.type = app->scan_event;
    e.user.data1 = NULL;
    if (SDL_PushEvent(&e) != 1) {
        inv_log(INV_LOG_ERR, "a rejected scan was not shown: the event queue is full");
        return;
    }
    app_loop_wake(app);
}

static void mark(App *app, AppMark m)
{
    if (app->trace)
        app->trace(app->trace_user, m);
}
