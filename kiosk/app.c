/* The app's core: an event goes into kiosk_ui, the effects it asks for are performed through the
 * store (app_fx.c), and their answers go back in as events; the view is redrawn lazily. */
#include "app.h"

#include <stdlib.h>
#include <string.h>

void app_dispatch(App *app, UiEvent *ev)
{
    static UiEffects fx[8]; /* one per nesting level: effects answer with events */
    if (app->depth >= 8) {
        fprintf(stderr, "bua-kiosk: effects nested too deep; event dropped\n");
        return;
    }
    UiEffects *f = &fx[app->depth++];
    ui_update(&app->st, ev, f);
    app->drawn = false;
    UiEvent *answer = malloc(sizeof *answer);
    if (!answer) {
        app->depth--;
        return;
    }
    for (int i = 0; i < f->n; i++) {
        app_perform(app, &f->fx[i], f, answer);
        if (answer->kind != UI_EV_TICK)
            app_dispatch(app, answer);
    }
    free(answer);
    app->depth--;
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
