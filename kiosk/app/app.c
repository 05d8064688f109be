/* The app's core: an event goes into kiosk_ui, the effects it asks for are performed through the
 * store (app_fx.c), and their answers go back in as events; the view is redrawn lazily. */
#include "app.h"

#include "inv_paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void flush_typed(App *app, AppKeys *k);
static void send_key(App *app, UiKey key);

void app_dispatch(App *app, const UiEvent *ev)
{
    if (app->dispatching) { /* an event from inside an effect: it waits its turn */
        *app_push(app, ev->kind) = *ev;
        return;
    }
    if (ev->kind != UI_EV_TICK && app->idle_at >= 0 && app->idle_at < app->clock_ms + APP_IDLE_MS)
        app->idle_at = app->clock_ms + APP_IDLE_MS; /* someone is at the kiosk: not yet */
    app->dispatching = true;
    ui_update(&app->st, ev, &app->fx);
    app->drawn = false;
    for (;;) {
        for (int i = 0; i < app->fx.n; i++)
            app_perform(app, &app->fx.fx[i]);
        if (app->q_len == 0)
            break;
        /* the oldest answer; its slot is free again once ui_update has read it */
        ui_update(&app->st, &app->queue[app->q_head], &app->fx);
        app->q_head = (app->q_head + 1) % APP_QUEUE_MAX;
        app->q_len--;
    }
    app->dispatching = false;
}

UiEvent *app_push(App *app, UiEvKind kind)
{
    if (app->q_len >= APP_QUEUE_MAX) {
        fprintf(stderr, "%s:%d: answer queue full (%d events)\n", __FILE__, __LINE__,
                APP_QUEUE_MAX);
        abort();
    }
    UiEvent *ev = &app->queue[(app->q_head + app->q_len++) % APP_QUEUE_MAX];
    ui_event_init(ev, kind);
    ev->h.now_ms = app->clock_ms;
    return ev;
}

void app_idle(App *app)
{
    if (app->idle_at < 0 || app->clock_ms < app->idle_at)
        return;
    app->idle_at = -1;
    if (app->db == NULL)
        return;
    int err = inv_idle(app->db);
    if (err == INV_E_BUSY) /* another program is writing: another quiet moment */
        app->idle_at = app->clock_ms + APP_IDLE_MS;
    else if (err != INV_OK)
        inv_log(INV_LOG_WARNING, "the figures' queue was not folded: %s", inv_errmsg(app->db));
}

int64_t app_now(const App *app)
{
    if (app->script)
        return app->epoch_base + app->clock_ms / 1000;
    return (app->epoch_ticks + app->clock_ms) / 1000;
}

void app_draw(App *app)
{
    if (app->drawn)
        return;
    ui_view(&app->st, &app->dl);
    gfx_render(app->gfx, &app->dl);
    app->drawn = true;
}

void app_keys_init(AppKeys *k)
{
    bc_wedge_init(&k->wedge, 0, 0);
    k->pending[0] = '\0';
}

void app_keys_text(App *app, AppKeys *k, const char *text, uint32_t ms)
{
    if (ui_text_is_secret(&app->st)) { /* a PIN: straight to the UI, never a scan */
        flush_typed(app, k);
        bc_wedge_init(&k->wedge, 0, 0);
        app_copy(k->pending, sizeof k->pending, text);
        flush_typed(app, k);
        return;
    }
    BcCode code;
    if (bc_wedge_feed(&k->wedge, text, strlen(text), false, ms, &code) == BC_WEDGE_TYPED)
        flush_typed(app, k);
    size_t used = strlen(k->pending);
    app_copy(k->pending + used, sizeof k->pending - used, text);
}

void app_keys_end(App *app, AppKeys *k, uint32_t ms)
{
    if (ui_text_is_secret(&app->st)) {
        flush_typed(app, k);
        bc_wedge_init(&k->wedge, 0, 0);
        send_key(app, UI_KEY_ENTER);
        return;
    }
    BcCode code;
    int r = bc_wedge_feed(&k->wedge, NULL, 0, true, ms, &code);
    if (r == BC_WEDGE_CODE) {
        k->pending[0] = '\0';
        app_scan(app, code.text);
    } else if (r < 0) {
        k->pending[0] = '\0'; /* a scanner's burst that failed its checks: not typing */
    } else {
        flush_typed(app, k);
        send_key(app, UI_KEY_ENTER);
    }
}

void app_keys_special(App *app, AppKeys *k, UiKey key)
{
    flush_typed(app, k);
    send_key(app, key);
}

void app_keys_poll(App *app, AppKeys *k, uint32_t ms)
{
    if (k->pending[0] && bc_wedge_poll(&k->wedge, ms) == BC_WEDGE_TYPED)
        flush_typed(app, k);
}

void app_keys_flush(App *app, AppKeys *k)
{
    flush_typed(app, k);
}

bool app_keys_pending(const AppKeys *k)
{
    return k->pending[0] != '\0';
}

void app_scan(App *app, const char *code)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_SCAN);
    app_copy(ev.scan.code, sizeof ev.scan.code, code);
    ev.h.now_ms = app->clock_ms;
    app_dispatch(app, &ev);
}

void app_scan_rejected(App *app)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_SCAN_REJECTED);
    ev.h.now_ms = app->clock_ms;
    app_dispatch(app, &ev);
}

void app_copy(char *dst, size_t size, const char *src)
{
    if (size == 0)
        return;
    size_t n = strlen(src);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(dst, src, n);
    dst[n] = '\0';
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Held characters that turned out not to be a scanner: hand them to the UI as text. */
static void flush_typed(App *app, AppKeys *k)
{
    if (!k->pending[0])
        return;
    UiEvent ev;
    ui_event_init(&ev, UI_EV_TEXT);
    app_copy(ev.text.text, sizeof ev.text.text, k->pending);
    ev.h.now_ms = app->clock_ms;
    k->pending[0] = '\0';
    app_dispatch(app, &ev);
}

static void send_key(App *app, UiKey key)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_KEY);
    ev.key.key = key;
    ev.h.now_ms = app->clock_ms;
    app_dispatch(app, &ev);
}
