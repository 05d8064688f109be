/* gfx: drawing only what changed gives the pixels of a full redraw. Random draw lists (opaque and
 * translucent rectangles, frames, text) change a little from frame to frame (moved, recoloured,
 * inserted, removed, reordered, unchanged); each frame is drawn with damage tracking and, in a
 * second context, whole and blended as before; the pixels must be equal every time. Also: an
 * unchanged list draws nothing, and the text cache stays within bounds under many texts. */
#include "check.h"
#include "gfx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 640
#define H 400
#define FRAMES 160

static uint32_t rng = 12345;

static int rnd(int n)
{
    rng = rng * 1103515245u + 12345u;
    return (int)((rng >> 8) % (uint32_t)n);
}

static void random_cmd(UiCmd *c)
{
    memset(c, 0, sizeof *c);
    int k = rnd(10);
    c->kind = k < 5 ? UI_CMD_RECT : k < 7 ? UI_CMD_FRAME : UI_CMD_TEXT;
    c->rect.x = rnd(W + 40) - 20;
    c->rect.y = rnd(H + 40) - 20;
    c->rect.w = 1 + rnd(W / 2);
    c->rect.h = 1 + rnd(H / 3);
    c->color.r = (uint8_t)rnd(256);
    c->color.g = (uint8_t)rnd(256);
    c->color.b = (uint8_t)rnd(256);
    c->color.a = rnd(3) == 0 ? (uint8_t)rnd(256) : 255;
    c->thickness = 1 + rnd(4);
    c->font = (UiFont)rnd(UI_FONT_COUNT);
    c->px = 12 + rnd(30);
    static const char *const words[] = {"Ski",        "Sk\xC3\xB8yter", "L\xC3\xA5n", "12 linjer",
                                        "Hjelm nr 7", "\xE2\x97\x80",   "Year 2026"};
    snprintf(c->text, sizeof c->text, "%s", words[rnd(7)]);
}

/* The next frame: a few changes to the last one. */
static void mutate(UiDrawList *dl)
{
    int changes = rnd(4); /* 0: an unchanged frame */
    for (int n = 0; n < changes; n++) {
        int op = rnd(6);
        int i = 1 + (dl->n_cmd > 1 ? rnd(dl->n_cmd - 1) : 0); /* never the background */
        if (op == 0 && dl->n_cmd < 60) {                      /* insert */
            if (i > dl->n_cmd)
                i = dl->n_cmd;
            memmove(&dl->cmd[i + 1], &dl->cmd[i], (size_t)(dl->n_cmd - i) * sizeof dl->cmd[0]);
            random_cmd(&dl->cmd[i]);
            dl->n_cmd++;
        } else if (i >= dl->n_cmd) {
            continue;
        } else if (op == 1 && dl->n_cmd > 2) { /* remove */
            memmove(&dl->cmd[i], &dl->cmd[i + 1], (size_t)(dl->n_cmd - i - 1) * sizeof dl->cmd[0]);
            dl->n_cmd--;
        } else if (op == 2) { /* move */
            dl->cmd[i].rect.x += rnd(41) - 20;
            dl->cmd[i].rect.y += rnd(41) - 20;
        } else if (op == 3) { /* recolour */
            dl->cmd[i].color.g = (uint8_t)rnd(256);
        } else if (op == 4 && i + 1 < dl->n_cmd) { /* swap two: the order changes */
            UiCmd t = dl->cmd[i];
            dl->cmd[i] = dl->cmd[i + 1];
            dl->cmd[i + 1] = t;
        } else if (dl->cmd[i].kind == UI_CMD_TEXT) { /* new text, same place */
            snprintf(dl->cmd[i].text, sizeof dl->cmd[i].text, "tekst %d", rnd(1000));
        }
    }
}

static GfxCtx *open_ctx(bool full)
{
    const char *assets = getenv("BUA_ASSETS");
    CHECK(assets != NULL);
    char font_dir[1024];
    snprintf(font_dir, sizeof font_dir, "%s/fonts", assets);
    GfxOptions go = {W, H, true, false, false, false, font_dir, full};
    GfxCtx *g = NULL;
    char err[256];
    CHECK_EQ(gfx_open(&go, &g, err, sizeof err), 0);
    return g;
}

int main(void)
{
    static UiDrawList frames[FRAMES];
    memset(&frames[0], 0, sizeof frames[0]);
    UiDrawList *dl = &frames[0];
    dl->cmd[0].kind = UI_CMD_RECT; /* the background, as every view starts */
    dl->cmd[0].rect = (UiRect){0, 0, W, H};
    dl->cmd[0].color = (UiColor){240, 240, 235, 255};
    dl->n_cmd = 1;
    for (int i = 0; i < 25; i++)
        random_cmd(&dl->cmd[dl->n_cmd++]);
    for (int f = 1; f < FRAMES; f++) {
        frames[f] = frames[f - 1];
        mutate(&frames[f]);
    }

    /* the reference: every frame whole, every fill blended (the renderer before damage) */
    static uint8_t want[FRAMES][W * H * 4];
    static uint8_t got[W * H * 4];
    char err[256];
    GfxCtx *g = open_ctx(true);
    for (int f = 0; f < FRAMES; f++) {
        gfx_render(g, &frames[f]);
        CHECK_EQ(gfx_read_pixels(g, want[f], sizeof want[f], err, sizeof err), 0);
    }
    gfx_close(g);

    g = open_ctx(false);
    int unchanged = 0;
    int partial = 0;
    for (int f = 0; f < FRAMES; f++) {
        gfx_render(g, &frames[f]);
        long px = 0;
        int n = gfx_damage(g, &px);
        CHECK(n >= 0 && px >= 0 && px <= (long)W * H);
        if (n == 0)
            unchanged++;
        else if (px < (long)W * H)
            partial++;
        CHECK_EQ(gfx_read_pixels(g, got, sizeof got, err, sizeof err), 0);
        if (memcmp(got, want[f], sizeof got) != 0) {
            for (size_t i = 0; i < sizeof got; i++) {
                if (got[i] != want[f][i]) {
                    fprintf(stderr, "frame %d: pixel %zu,%zu differs (%d rectangles redrawn)\n", f,
                            i / 4 % W, i / 4 / W, n);
                    break;
                }
            }
            CHECK(!"damage tracking drew other pixels than a full redraw");
        }
    }
    /* the run must have had all three kinds of frame, or it proved little */
    CHECK(unchanged > 0);
    CHECK(partial > 0);
    printf("test_gfx: %d frames equal to full redraws (%d unchanged, %d partly redrawn)\n", FRAMES,
           unchanged, partial);

    /* the same list again: nothing drawn; after gfx_invalidate: everything */
    gfx_render(g, &frames[FRAMES - 1]);
    CHECK_EQ(gfx_damage(g, NULL), 0);
    gfx_invalidate(g);
    gfx_render(g, &frames[FRAMES - 1]);
    long px = 0;
    CHECK_EQ(gfx_damage(g, &px), 1);
    CHECK_EQ(px, (long)W * H);

    /* many different big texts: the cache evicts, and every frame is still right */
    UiDrawList *big = &frames[0];
    big->n_cmd = 1;
    for (int i = 0; i < 3000; i++) {
        UiCmd *c = &big->cmd[1];
        memset(c, 0, sizeof *c);
        c->kind = UI_CMD_TEXT;
        c->font = UI_FONT_HUGE;
        c->px = 60;
        c->color = (UiColor){20, 20, 20, 255};
        snprintf(c->text, sizeof c->text, "%d WWWWWWWWWWWWWWWWWWWW", i);
        big->n_cmd = 2;
        gfx_render(g, big);
    }
    CHECK_EQ(gfx_read_pixels(g, got, sizeof got, err, sizeof err), 0);
    gfx_close(g);
    g = open_ctx(true);
    gfx_render(g, big);
    CHECK_EQ(gfx_read_pixels(g, want[0], sizeof want[0], err, sizeof err), 0);
    CHECK(memcmp(got, want[0], sizeof got) == 0);
    gfx_close(g);
    printf("test_gfx: ok\n");
    return 0;
}
