/* gfx: SDL2 renderer, SDL2_ttf text with a texture cache, PNG screenshots (SDL2_image), and the
 * four scan tones synthesised into an SDL audio queue.
 *
 * Drawing less: a frame is compared with the last one drawn. Commands are matched in order (same
 * content, same place); the boxes of those that appeared, vanished or changed are the damage,
 * and only the damage is redrawn: cleared, then every command that touches it replayed under a
 * clip rectangle, in list order. Outside the damage every pixel is covered by the same commands
 * in the same order as before, so the picture is the one a full redraw makes. A frame with no
 * damage is neither drawn nor presented. */
#include "gfx.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT_SLOTS 24
#define CACHE_SLOTS 512
#define CACHE_BYTES (24 << 20) /* texture pixels kept for text; the oldest go beyond this */
#define WIDTH_SLOTS 1024       /* measured text widths */
#define AUDIO_RATE 22050
#define DAMAGE_MAX 8    /* separate damaged rectangles; more are merged */
#define MATCH_WINDOW 96 /* how far ahead in the last frame a command is looked for */

typedef struct FontSlot {
    int px;
    bool bold;
    TTF_Font *font;
} FontSlot;

typedef struct CacheSlot {
    uint32_t hash;
    int px;
    bool bold;
    UiColor color;
    char text[UI_TEXT_MAX];
    SDL_Texture *tex;
    int w, h;
} CacheSlot;

typedef struct WidthSlot {
    uint32_t hash; /* 0: empty */
    int px;
    bool bold;
    int w;
    char text[UI_TEXT_MAX];
} WidthSlot;

struct GfxCtx {
    SDL_Window *window;
    SDL_Surface *surface;     /* headless target */
    SDL_Surface *win_surface; /* the window's surface, when the renderer draws into it */
    SDL_Renderer *renderer;
    int w, h;
    char font_path[2][1024]; /* regular, bold */
    FontSlot fonts[FONT_SLOTS];
    int n_fonts;
    CacheSlot cache[CACHE_SLOTS];
    size_t cache_bytes; /* pixels of the cached textures, 4 bytes each */
    int evict_at;       /* the clock hand that frees textures beyond CACHE_BYTES */
    WidthSlot widths[WIDTH_SLOTS];
    bool full_redraw;                /* GfxOptions.full_redraw */
    bool stale;                      /* the pixels are not the last list's: draw all */
    UiCmd last[UI_DRAW_MAX];         /* the list drawn last */
    uint32_t last_hash[UI_DRAW_MAX]; /* cmd_hash of each */
    SDL_Rect last_box[UI_DRAW_MAX];  /* the pixels each one touched */
    int n_last;
    uint32_t cur_hash[UI_DRAW_MAX]; /* the same for the list being drawn */
    SDL_Rect cur_box[UI_DRAW_MAX];
    SDL_Rect screen; /* the frame being drawn */
    SDL_Rect damage[DAMAGE_MAX];
    int n_damage;
    SDL_AudioDeviceID audio;
    int16_t *tone[UI_SOUND_COUNT];
    size_t tone_len[UI_SOUND_COUNT];
    bool ttf_inited;
};

static TTF_Font *font_get(GfxCtx *g, int px, bool bold);
static SDL_Renderer *window_renderer(GfxCtx *g);
static void cache_clear(GfxCtx *g);
static int measure_width(void *ctx, UiFont font, int px, const char *text);
static int measure_height(void *ctx, UiFont font, int px);
static CacheSlot *text_get(GfxCtx *g, const UiCmd *c);
static void draw_cmd(GfxCtx *g, const UiCmd *c);
static SDL_Rect cmd_box(GfxCtx *g, const UiCmd *c);
static uint32_t cmd_hash(const UiCmd *c);
static bool cmd_equal(const UiCmd *a, const UiCmd *b);
static void find_damage(GfxCtx *g, const UiDrawList *dl);
static void add_damage(GfxCtx *g, SDL_Rect r);
static uint32_t text_hash(const char *text, int px, bool bold, UiColor c);
static uint32_t fnv(uint32_t h, const void *p, size_t n);
static void make_tones(GfxCtx *g);
static size_t synth(int16_t *out, size_t at, double hz, int ms, double amp);

int gfx_open(const GfxOptions *opt, GfxCtx **out, char *err, size_t err_size)
{
    GfxCtx *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    g->w = opt->w;
    g->h = opt->h;
    g->full_redraw = opt->full_redraw;
    g->stale = true;
    snprintf(g->font_path[0], sizeof g->font_path[0], "%s/DejaVuSans.ttf", opt->font_dir);
    snprintf(g->font_path[1], sizeof g->font_path[1], "%s/DejaVuSans-Bold.ttf", opt->font_dir);

    Uint32 flags = SDL_INIT_EVENTS | SDL_INIT_TIMER;
    if (!opt->headless)
        flags |= SDL_INIT_VIDEO;
    if (SDL_Init(flags) != 0) {
        snprintf(err, err_size, "cannot start SDL: %s", SDL_GetError());
        goto out_free;
    }
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "cannot start SDL_ttf: %s", TTF_GetError());
        goto out_quit;
    }
    g->ttf_inited = true;
    if (!font_get(g, 22, false) || !font_get(g, 22, true)) {
        snprintf(err, err_size, "cannot open the fonts in %s: %s", opt->font_dir, TTF_GetError());
        goto out_close;
    }
    if (opt->headless) {
        /* the same format as SDL_ttf's glyph textures: blits take SDL's fast paths */
        g->surface = SDL_CreateRGBSurfaceWithFormat(0, g->w, g->h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (g->surface)
            g->renderer = SDL_CreateSoftwareRenderer(g->surface);
    } else {
        if (!opt->gpu) /* no GL behind the window's framebuffer either (Mesa's is 60+ MB) */
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        Uint32 wflags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
        if (opt->fullscreen)
            wflags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        g->window = SDL_CreateWindow("BUA", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, g->w,
                                     g->h, wflags);
        if (g->window) {
            if (opt->gpu)
                g->renderer = SDL_CreateRenderer(g->window, -1, SDL_RENDERER_ACCELERATED);
            if (!g->renderer) /* drawn into the window's surface: only the damage is sent */
                g->renderer = window_renderer(g);
            if (!g->renderer)
                g->renderer = SDL_CreateRenderer(g->window, -1, SDL_RENDERER_SOFTWARE);
            if (opt->fullscreen)
                SDL_ShowCursor(SDL_DISABLE);
        }
    }
    if (!g->renderer) {
        snprintf(err, err_size, "cannot create the %s: %s",
                 opt->headless ? "offscreen surface" : "window", SDL_GetError());
        goto out_close;
    }
    if (g->window)
        SDL_GetRendererOutputSize(g->renderer, &g->w, &g->h);
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);

    err[0] = '\0';
    if (opt->sound) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
            SDL_AudioSpec want;
            SDL_zero(want);
            want.freq = AUDIO_RATE;
            want.format = AUDIO_S16SYS;
            want.channels = 1;
            want.samples = 512;
            g->audio = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0);
        }
        if (g->audio) {
            make_tones(g);
            SDL_PauseAudioDevice(g->audio, 0);
        } else {
            snprintf(err, err_size, "no sound: %s", SDL_GetError());
        }
    }
    *out = g;
    return 0;

out_close:
    gfx_close(g);
    return -1;
out_quit:
    SDL_Quit();
out_free:
    free(g);
    return -1;
}

void gfx_close(GfxCtx *g)
{
    if (!g)
        return;
    cache_clear(g);
    for (int i = 0; i < g->n_fonts; i++)
        TTF_CloseFont(g->fonts[i].font);
    if (g->audio)
        SDL_CloseAudioDevice(g->audio);
    for (int i = 0; i < UI_SOUND_COUNT; i++)
        free(g->tone[i]);
    if (g->renderer)
        SDL_DestroyRenderer(g->renderer);
    if (g->surface)
        SDL_FreeSurface(g->surface);
    if (g->window)
        SDL_DestroyWindow(g->window);
    if (g->ttf_inited)
        TTF_Quit();
    SDL_Quit();
    free(g);
}

void gfx_size(const GfxCtx *g, int *w, int *h)
{
    int rw = g->w;
    int rh = g->h;
    if (g->window)
        SDL_GetRendererOutputSize(g->renderer, &rw, &rh);
    *w = rw;
    *h = rh;
}

UiMeasure gfx_measure(GfxCtx *g)
{
    UiMeasure m = {measure_width, measure_height, g};
    return m;
}

void gfx_render(GfxCtx *g, const UiDrawList *dl)
{
    int w = 0;
    int h = 0;
    gfx_size(g, &w, &h);
    SDL_Rect screen = {0, 0, w, h};
    g->screen = screen;
    int n = dl->n_cmd;
    for (int i = 0; i < n; i++) {
        g->cur_hash[i] = cmd_hash(&dl->cmd[i]);
        g->cur_box[i] = cmd_box(g, &dl->cmd[i]);
    }
    g->n_damage = 0;
    if (g->stale || g->full_redraw) {
        g->damage[g->n_damage++] = screen;
    } else {
        find_damage(g, dl);
        long area = 0;
        for (int d = 0; d < g->n_damage; d++)
            area += (long)g->damage[d].w * g->damage[d].h;
        if (area * 2 > (long)w * h) { /* most of it: one pass without a clip is cheaper */
            g->damage[0] = screen;
            g->n_damage = 1;
        }
    }
    for (int d = 0; d < g->n_damage; d++) {
        const SDL_Rect *r = &g->damage[d];
        bool whole = SDL_RectEquals(r, &screen);
        SDL_RenderSetClipRect(g->renderer, whole ? NULL : r);
        /* a known start: what is under a translucent colour never depends on older frames */
        if (!g->full_redraw) {
            SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_NONE);
            SDL_SetRenderDrawColor(g->renderer, 0, 0, 0, 255);
            SDL_RenderFillRect(g->renderer, r);
        }
        for (int i = 0; i < n; i++) {
            if (whole || SDL_HasIntersection(r, &g->cur_box[i]))
                draw_cmd(g, &dl->cmd[i]);
        }
    }
    SDL_RenderSetClipRect(g->renderer, NULL);
    if (g->n_damage > 0 && g->win_surface) { /* only the damage goes to the screen */
        SDL_RenderFlush(g->renderer);
        SDL_UpdateWindowSurfaceRects(g->window, g->damage, g->n_damage);
    } else if (g->n_damage > 0) {
        SDL_RenderPresent(g->renderer);
    }
    memcpy(g->last, dl->cmd, (size_t)n * sizeof dl->cmd[0]);
    memcpy(g->last_hash, g->cur_hash, (size_t)n * sizeof g->cur_hash[0]);
    memcpy(g->last_box, g->cur_box, (size_t)n * sizeof g->cur_box[0]);
    g->n_last = n;
    g->stale = false;
}

void gfx_invalidate(GfxCtx *g)
{
    g->stale = true;
    if (!g->win_surface || SDL_GetWindowSurface(g->window) == g->win_surface)
        return;
    /* resized: SDL made a new window surface; a renderer (and its textures) for it */
    cache_clear(g);
    SDL_DestroyRenderer(g->renderer);
    g->renderer = window_renderer(g);
    if (!g->renderer) { /* SDL's own renderer for the window, which presents it whole */
        g->win_surface = NULL;
        g->renderer = SDL_CreateRenderer(g->window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!g->renderer) {
        fprintf(stderr, "bua-kiosk: cannot draw into the resized window: %s\n", SDL_GetError());
        abort();
    }
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
}

int gfx_damage(const GfxCtx *g, long *pixels)
{
    long area = 0;
    for (int d = 0; d < g->n_damage; d++)
        area += (long)g->damage[d].w * g->damage[d].h;
    if (pixels)
        *pixels = area;
    return g->n_damage;
}

int gfx_read_pixels(GfxCtx *g, uint8_t *rgba, size_t size, char *err, size_t err_size)
{
    int w = 0;
    int h = 0;
    gfx_size(g, &w, &h);
    if (size < (size_t)w * (size_t)h * 4) {
        snprintf(err, err_size, "%zu bytes cannot hold %dx%d pixels", size, w, h);
        return -1;
    }
    if (SDL_RenderReadPixels(g->renderer, NULL, SDL_PIXELFORMAT_ABGR8888, rgba, w * 4) != 0) {
        snprintf(err, err_size, "cannot read the screen: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

int gfx_screenshot(GfxCtx *g, const char *path, char *err, size_t err_size)
{
    int w = 0;
    int h = 0;
    gfx_size(g, &w, &h);
    uint8_t *px = malloc((size_t)w * (size_t)h * 4);
    if (!px) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    int rc = -1;
    if (gfx_read_pixels(g, px, (size_t)w * (size_t)h * 4, err, err_size) != 0)
        goto out_free;
    SDL_Surface *shot =
        SDL_CreateRGBSurfaceWithFormatFrom(px, w, h, 32, w * 4, SDL_PIXELFORMAT_ABGR8888);
    if (!shot) {
        snprintf(err, err_size, "cannot make the screenshot: %s", SDL_GetError());
        goto out_free;
    }
    if (IMG_SavePNG(shot, path) != 0)
        snprintf(err, err_size, "cannot write %s: %s", path, IMG_GetError());
    else
        rc = 0;
    SDL_FreeSurface(shot);
out_free:
    free(px);
    return rc;
}

void gfx_play(GfxCtx *g, UiSound s)
{
    if (!g->audio || (unsigned)s >= UI_SOUND_COUNT)
        return;
    SDL_ClearQueuedAudio(g->audio);
    SDL_QueueAudio(g->audio, g->tone[s], (Uint32)(g->tone_len[s] * sizeof(int16_t)));
}

void gfx_drain_sound(GfxCtx *g, int timeout_ms)
{
    if (!g->audio)
        return;
    Uint64 end = SDL_GetTicks64() + (Uint64)timeout_ms;
    while (SDL_GetQueuedAudioSize(g->audio) > 0 && SDL_GetTicks64() < end)
        SDL_Delay(10);
    SDL_Delay(100); /* the last buffer leaves the device */
}

/* ---- helpers ------------------------------------------------------------------------------- */

static TTF_Font *font_get(GfxCtx *g, int px, bool bold)
{
    for (int i = 0; i < g->n_fonts; i++) {
        if (g->fonts[i].px == px && g->fonts[i].bold == bold)
            return g->fonts[i].font;
    }
    TTF_Font *f = TTF_OpenFont(g->font_path[bold ? 1 : 0], px);
    if (!f)
        return NULL;
    if (g->n_fonts == FONT_SLOTS) { /* sizes change only with the window: start over */
        for (int i = 0; i < g->n_fonts; i++)
            TTF_CloseFont(g->fonts[i].font);
        g->n_fonts = 0;
    }
    g->fonts[g->n_fonts].px = px;
    g->fonts[g->n_fonts].bold = bold;
    g->fonts[g->n_fonts].font = f;
    g->n_fonts++;
    return f;
}

/* A software renderer that draws into the window's surface (NULL if SDL cannot make one). */
static SDL_Renderer *window_renderer(GfxCtx *g)
{
    g->win_surface = SDL_GetWindowSurface(g->window);
    SDL_Renderer *r = g->win_surface ? SDL_CreateSoftwareRenderer(g->win_surface) : NULL;
    if (!r)
        g->win_surface = NULL;
    return r;
}

/* Frees every cached text texture (before their renderer goes). */
static void cache_clear(GfxCtx *g)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (g->cache[i].tex)
            SDL_DestroyTexture(g->cache[i].tex);
        g->cache[i].tex = NULL;
    }
    g->cache_bytes = 0;
}

static int measure_width(void *ctx, UiFont font, int px, const char *text)
{
    GfxCtx *g = ctx;
    bool bold = ui_font_bold(font);
    UiColor none = {0, 0, 0, 0};
    uint32_t hash = text_hash(text, px, bold, none) | 1u; /* 0 marks an empty slot */
    WidthSlot *s = &g->widths[hash % WIDTH_SLOTS];
    if (s->hash == hash && s->px == px && s->bold == bold && strcmp(s->text, text) == 0)
        return s->w;
    TTF_Font *f = font_get(g, px, bold);
    int w = 0;
    int h = 0;
    if (!f || TTF_SizeUTF8(f, text, &w, &h) != 0)
        return (int)strlen(text) * px / 2;
    size_t len = strlen(text);
    if (len < sizeof s->text) { /* longer text is measured every time */
        s->hash = hash;
        s->px = px;
        s->bold = bold;
        s->w = w;
        memcpy(s->text, text, len + 1);
    }
    return w;
}

static int measure_height(void *ctx, UiFont font, int px)
{
    GfxCtx *g = ctx;
    TTF_Font *f = font_get(g, px, ui_font_bold(font));
    return f ? TTF_FontHeight(f) : px * 5 / 4;
}

/* The cached texture of a text command, rendered now if it is not cached; NULL if it cannot be
 * rendered. Valid until the next text_get. */
static CacheSlot *text_get(GfxCtx *g, const UiCmd *c)
{
    bool bold = ui_font_bold(c->font);
    uint32_t hash = text_hash(c->text, c->px, bold, c->color);
    CacheSlot *s = &g->cache[hash % CACHE_SLOTS];
    if (s->tex && s->hash == hash && s->px == c->px && s->bold == bold &&
        memcmp(&s->color, &c->color, sizeof s->color) == 0 && strcmp(s->text, c->text) == 0)
        return s;
    TTF_Font *f = font_get(g, c->px, bold);
    if (!f)
        return NULL;
    SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, c->text, col);
    if (!surf)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(g->renderer, surf);
    int w = surf->w;
    int h = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return NULL;
    if (s->tex) {
        SDL_DestroyTexture(s->tex);
        g->cache_bytes -= (size_t)s->w * (size_t)s->h * 4;
    }
    s->tex = tex;
    s->hash = hash;
    s->px = c->px;
    s->bold = bold;
    s->color = c->color;
    memcpy(s->text, c->text, sizeof s->text); /* same size, NUL-terminated */
    s->w = w;
    s->h = h;
    g->cache_bytes += (size_t)w * (size_t)h * 4;
    /* beyond the budget: free others, going round the table (never the one just made) */
    for (int k = 0; k < CACHE_SLOTS && g->cache_bytes > CACHE_BYTES; k++) {
        CacheSlot *o = &g->cache[g->evict_at];
        g->evict_at = (g->evict_at + 1) % CACHE_SLOTS;
        if (o == s || !o->tex)
            continue;
        SDL_DestroyTexture(o->tex);
        o->tex = NULL;
        g->cache_bytes -= (size_t)o->w * (size_t)o->h * 4;
    }
    return s;
}

static void draw_cmd(GfxCtx *g, const UiCmd *c)
{
    if (c->kind == UI_CMD_TEXT) {
        CacheSlot *s = text_get(g, c);
        if (!s)
            return;
        SDL_Rect dst = {c->rect.x, c->rect.y, s->w, s->h};
        SDL_RenderCopy(g->renderer, s->tex, NULL, &dst);
        return;
    }
    /* Opaque fills need no blending: SDL's software renderer then fills rows instead of blending
     * every pixel (a blend at alpha 255 gives the same pixels, several times slower). */
    bool blend = c->color.a != 255 || g->full_redraw;
    SDL_SetRenderDrawBlendMode(g->renderer, blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(g->renderer, c->color.r, c->color.g, c->color.b, c->color.a);
    if (c->kind == UI_CMD_RECT) {
        SDL_Rect r = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
        SDL_RenderFillRect(g->renderer, &r);
    } else {
        int t = c->thickness;
        SDL_Rect e[4] = {{c->rect.x, c->rect.y, c->rect.w, t},
                         {c->rect.x, c->rect.y + c->rect.h - t, c->rect.w, t},
                         {c->rect.x, c->rect.y, t, c->rect.h},
                         {c->rect.x + c->rect.w - t, c->rect.y, t, c->rect.h}};
        SDL_RenderFillRects(g->renderer, e, 4);
    }
}

/* The pixels a command may touch: its rectangle, or for text the rendered texture's. */
static SDL_Rect cmd_box(GfxCtx *g, const UiCmd *c)
{
    SDL_Rect r = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
    if (c->kind == UI_CMD_TEXT) {
        CacheSlot *s = text_get(g, c);
        r.w = s ? s->w : 0;
        r.h = s ? s->h : 0;
    }
    return r;
}

static uint32_t cmd_hash(const UiCmd *c)
{
    uint32_t rgba = (uint32_t)c->color.r << 24 | (uint32_t)c->color.g << 16 |
                    (uint32_t)c->color.b << 8 | (uint32_t)c->color.a;
    int v[9] = {(int)c->kind, c->rect.x, c->rect.y,    c->rect.w, c->rect.h,
                (int)c->font, c->px,     c->thickness, (int)rgba};
    uint32_t h = fnv(2166136261u, v, sizeof v);
    return c->kind == UI_CMD_TEXT ? fnv(h, c->text, strlen(c->text)) : h;
}

static bool cmd_equal(const UiCmd *a, const UiCmd *b)
{
    if (a->kind != b->kind || a->rect.x != b->rect.x || a->rect.y != b->rect.y ||
        a->rect.w != b->rect.w || a->rect.h != b->rect.h ||
        memcmp(&a->color, &b->color, sizeof a->color) != 0)
        return false;
    if (a->kind == UI_CMD_FRAME)
        return a->thickness == b->thickness;
    if (a->kind == UI_CMD_TEXT)
        return a->font == b->font && a->px == b->px && strcmp(a->text, b->text) == 0;
    return true;
}

/* Matches the new list against the last one in order (each new command takes the first equal
 * one after the last match, looking MATCH_WINDOW ahead); what is left unmatched on either side
 * is damage. */
static void find_damage(GfxCtx *g, const UiDrawList *dl)
{
    int last = -1;
    for (int j = 0; j < dl->n_cmd; j++) {
        int found = -1;
        int end = last + 1 + MATCH_WINDOW < g->n_last ? last + 1 + MATCH_WINDOW : g->n_last;
        for (int i = last + 1; i < end; i++) {
            if (g->last_hash[i] == g->cur_hash[j] && cmd_equal(&g->last[i], &dl->cmd[j])) {
                found = i;
                break;
            }
        }
        if (found < 0) {
            add_damage(g, g->cur_box[j]);
            continue;
        }
        for (int i = last + 1; i < found; i++)
            add_damage(g, g->last_box[i]);
        last = found;
    }
    for (int i = last + 1; i < g->n_last; i++)
        add_damage(g, g->last_box[i]);
}

/* Adds a rectangle (clipped to the screen) to the damage; when the list is full, it joins the
 * rectangle whose union with it grows least. */
static void add_damage(GfxCtx *g, SDL_Rect r)
{
    SDL_Rect c;
    if (!SDL_IntersectRect(&r, &g->screen, &c))
        return;
    for (int d = 0; d < g->n_damage; d++) {
        SDL_Rect u;
        SDL_UnionRect(&g->damage[d], &c, &u);
        if (SDL_RectEquals(&u, &g->damage[d]))
            return; /* already inside */
    }
    if (g->n_damage < DAMAGE_MAX) {
        g->damage[g->n_damage++] = c;
        return;
    }
    int best = 0;
    long best_growth = -1;
    for (int d = 0; d < g->n_damage; d++) {
        SDL_Rect u;
        SDL_UnionRect(&g->damage[d], &c, &u);
        long growth = (long)u.w * u.h - (long)g->damage[d].w * g->damage[d].h;
        if (best_growth < 0 || growth < best_growth) {
            best = d;
            best_growth = growth;
        }
    }
    SDL_UnionRect(&g->damage[best], &c, &g->damage[best]);
}

static uint32_t fnv(uint32_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

static uint32_t text_hash(const char *text, int px, bool bold, UiColor c)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 16777619u;
    h = (h ^ (uint32_t)px) * 16777619u;
    h = (h ^ (uint32_t)bold) * 16777619u;
    h = (h ^ ((uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b)) * 16777619u;
    return h;
}

/* The tones: ok rises (two short notes), unknown is a low double beep, duplicate a short high
 * tick, refused a long low tone, reserved falls (a higher then a lower note). Each is distinct in
 * pitch and length. */
static void make_tones(GfxCtx *g)
{
    static const struct {
        double hz[2];
        int ms[2];
        int gap_ms;
        double amp;
    } spec[UI_SOUND_COUNT] = {
        [UI_SOUND_OK] = {{880, 1320}, {110, 110}, 0, 0.35},
        [UI_SOUND_UNKNOWN] = {{440, 440}, {110, 110}, 70, 0.35},
        [UI_SOUND_DUPLICATE] = {{1760, 0}, {45, 0}, 0, 0.25},
        [UI_SOUND_REFUSED] = {{220, 0}, {450, 0}, 0, 0.45},
        /* held for someone else: a falling pair, neither the refusal nor the ok tone */
        [UI_SOUND_RESERVED] = {{660, 330}, {160, 260}, 40, 0.4},
    };
    for (int s = 0; s < UI_SOUND_COUNT; s++) {
        int total_ms = spec[s].ms[0] + spec[s].gap_ms + spec[s].ms[1];
        size_t n = (size_t)AUDIO_RATE * (size_t)total_ms / 1000 + 16;
        g->tone[s] = calloc(n, sizeof(int16_t));
        if (!g->tone[s])
            continue;
        size_t at = synth(g->tone[s], 0, spec[s].hz[0], spec[s].ms[0], spec[s].amp);
        at += (size_t)AUDIO_RATE * (size_t)spec[s].gap_ms / 1000;
        if (spec[s].ms[1])
            at = synth(g->tone[s], at, spec[s].hz[1], spec[s].ms[1], spec[s].amp);
        g->tone_len[s] = at;
    }
}

/* A sine with 5 ms fades (no clicks); returns the sample index after it. */
static size_t synth(int16_t *out, size_t at, double hz, int ms, double amp)
{
    size_t n = (size_t)AUDIO_RATE * (size_t)ms / 1000;
    size_t fade = AUDIO_RATE / 200;
    for (size_t i = 0; i < n; i++) {
        double env = 1.0;
        if (i < fade)
            env = (double)i / (double)fade;
        else if (n - i < fade)
            env = (double)(n - i) / (double)fade;
        double v = sin(2.0 * M_PI * hz * (double)i / AUDIO_RATE) * amp * env;
        out[at + i] = (int16_t)(v * 32767.0);
    }
    return at + n;
}
