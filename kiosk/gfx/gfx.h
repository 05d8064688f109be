/* gfx: pixels and sound for the kiosk. Draws a kiosk_ui draw list with SDL2's renderer and
 * SDL2_ttf (fonts from assets/fonts), saves PNG screenshots, and plays the four scan tones made
 * with SDL audio (no sound files). Headless, it renders into an offscreen surface through SDL's
 * software renderer and needs no video driver at all. */
#ifndef BUA_KIOSK_GFX_H
#define BUA_KIOSK_GFX_H

#include "ui.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct GfxCtx GfxCtx;

typedef struct GfxOptions {
    int w, h;             /* window or offscreen size */
    bool headless;        /* render offscreen, no window */
    bool fullscreen;      /* kiosk mode: fullscreen desktop, no cursor */
    bool sound;           /* open an audio device for the tones */
    bool gpu;             /* a window: SDL's accelerated renderer; else its software renderer
                             drawing into the window's surface, which sends only the changed
                             rectangles to the screen (no GL driver in memory) */
    const char *font_dir; /* holds DejaVuSans.ttf and DejaVuSans-Bold.ttf */
    bool full_redraw;     /* draw as before damage tracking: every frame whole, every fill
                             blended (a baseline for benchmarks and tests; same pixels) */
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

/* Draws the list and presents it. Only what differs from the list drawn last is redrawn (the
 * picture is the same as a full redraw); a list equal to the last one is not drawn or presented. */
void gfx_render(GfxCtx *g, const UiDrawList *dl);

/* The pixels on screen may no longer be the last frame's (a window was exposed or resized): the
 * next gfx_render draws everything. Call it before gfx_size after a resize (a resized window
 * gets a new surface here). */
void gfx_invalidate(GfxCtx *g);

/* What the last gfx_render drew: the number of rectangles (0: nothing, the frame was unchanged)
 * and, if pixels is not NULL, their total area in pixels. */
int gfx_damage(const GfxCtx *g, long *pixels);

/* Copies what was last rendered into rgba[size] (R, G, B, A bytes, rows top down, no padding;
 * size at least w * h * 4). Returns 0 or -1 with err. */
int gfx_read_pixels(GfxCtx *g, uint8_t *rgba, size_t size, char *err, size_t err_size);

/* Saves what was last rendered as a PNG file. Returns 0 or -1 with err. */
int gfx_screenshot(GfxCtx *g, const char *path, char *err, size_t err_size);

/* Starts a tone (replacing one that is still playing). */
void gfx_play(GfxCtx *g, UiSound s);

/* Waits (up to timeout_ms of real time) until queued sound has been played. */
void gfx_drain_sound(GfxCtx *g, int timeout_ms);

#endif
