/* gfx: pixels and sound for the kiosk. Draws a kiosk_ui draw list with SDL2's renderer and
 * SDL2_ttf (fonts from assets/fonts), saves PNG screenshots, and plays the four scan tones made
 * with SDL audio (no sound files). Headless, it renders into an offscreen surface through SDL's
 * software renderer and needs no video driver at all. */
#ifndef BUA_KIOSK_GFX_H
#define BUA_KIOSK_GFX_H

#include "ui.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct GfxCtx GfxCtx;

typedef struct GfxOptions {
    int w, h;             /* window or offscreen size */
    bool headless;        /* render offscreen, no window */
    bool fullscreen;      /* kiosk mode: fullscreen desktop, no cursor */
    bool sound;           /* open an audio device for the tones */
    bool gpu;             /* a window: SDL's accelerated renderer; else its software renderer
                             (a few ms a frame, and no GL driver in memory) */
    const char *font_dir; /* holds DejaVuSans.ttf and DejaVuSans-Bold.ttf */
} GfxOptions;

/* Opens the window (or the offscreen surface), the fonts and, if asked, the audio device (a
 * missing audio device is not an error: the kiosk runs silent and says so in err). Returns 0,
 * or -1 with the cause in err[err_size]. */
int gfx_open(const GfxOptions *opt, GfxCtx **out, char *err, size_t err_size);
void gfx_close(GfxCtx *g);

/* The current size in pixels (a window may be resized). */
void gfx_size(const GfxCtx *g, int *w, int *h);

/* Text measuring for the UI (ctx is the GfxCtx). */
UiMeasure gfx_measure(GfxCtx *g);

/* Draws the list and presents it. */
void gfx_render(GfxCtx *g, const UiDrawList *dl);

/* Saves what was last rendered as a PNG file. Returns 0 or -1 with err. */
int gfx_screenshot(GfxCtx *g, const char *path, char *err, size_t err_size);

/* Starts a tone (replacing one that is still playing). */
void gfx_play(GfxCtx *g, UiSound s);

/* Waits (up to timeout_ms of real time) until queued sound has been played. */
void gfx_drain_sound(GfxCtx *g, int timeout_ms);

#endif
