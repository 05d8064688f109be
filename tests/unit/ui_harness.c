/* The setup the kiosk_ui unit tests share: see ui_harness.h. */
#include "ui_harness.h"

#include "check.h"
#include "ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

UiCatalog uih_cat;
UiConfig uih_cfg;
UiDrawList uih_dl;

static int fake_width(void *ctx, UiFont font, int px, const char *text)
{
    (void)ctx;
    (void)font;
    int n = 0;
    for (const char *p = text; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    return n * px * 55 / 100;
}

static int fake_height(void *ctx, UiFont font, int px)
{
    (void)ctx;
    (void)font;
    return px * 6 / 5;
}

int uih_read_po(UiCatalog *cat, UiLang lang, const char *name)
{
    const char *dir = getenv("BUA_ASSETS");
    char path[512];
    snprintf(path, sizeof path, "%s/i18n/%s", dir ? dir : "assets", name);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    static char buf[200000];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    char err[128] = "";
    int loaded = ui_catalog_load_po(cat, lang, buf, n, err, sizeof err);
    if (loaded < 0)
        fprintf(stderr, "%s: %s\n", path, err);
    return loaded;
}

void uih_load_po(UiLang lang, const char *name)
{
    CHECK_EQ(uih_read_po(&uih_cat, lang, name), UI_MSG_COUNT);
}

void uih_setup(UiState *st, int w, int h)
{
    ui_config_default(&uih_cfg);
    ui_init(st, &uih_cfg, &uih_cat, w, h, 1000);
    ui_set_year(st, 2026);
    uih_dl.measure.text_width = fake_width;
    uih_dl.measure.line_height = fake_height;
}

void uih_send(UiState *st, UiEvent *ev, UiEffects *fx)
{
    if (!ev->h.now_ms)
        ev->h.now_ms = st->now_ms;
    ui_update(st, ev, fx);
}

void uih_press(UiState *st, const char *id, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_PRESS);
    snprintf(ev.press.id, sizeof ev.press.id, "%s", id);
    uih_send(st, &ev, fx);
}

void uih_scan(UiState *st, const char *code, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_SCAN);
    snprintf(ev.scan.code, sizeof ev.scan.code, "%s", code);
    uih_send(st, &ev, fx);
}

void uih_tick(UiState *st, int64_t ms, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_TICK);
    ev.h.now_ms = st->now_ms + ms;
    uih_send(st, &ev, fx);
}

const UiFx *uih_find_fx(const UiEffects *fx, UiFxKind kind)
{
    for (int i = 0; i < fx->n; i++) {
        if (fx->fx[i].kind == kind)
            return &fx->fx[i];
    }
    return NULL;
}

bool uih_has_sound(const UiEffects *fx, UiSound s)
{
    for (int i = 0; i < fx->n; i++) {
        if (fx->fx[i].kind == UI_FX_SOUND && fx->fx[i].sound.sound == s)
            return true;
    }
    return false;
}

bool uih_visible(const UiState *st, const char *needle)
{
    ui_view(st, &uih_dl);
    for (int i = 0; i < uih_dl.n_cmd; i++) {
        if (uih_dl.cmd[i].kind == UI_CMD_TEXT && strstr(uih_dl.cmd[i].text, needle))
            return true;
    }
    return false;
}

void uih_check_layout(const UiState *st, const char *what, int min_px)
{
    const UiDrawList *dl = &uih_dl;
    ui_view(st, &uih_dl);
    for (int i = 0; i < dl->n_widget; i++) {
        const UiWidget *w = &dl->widget[i];
        /* the idle overlay takes any touch on purpose */
        bool tappable = ui_widget_is_tappable(w->kind) && strcmp(w->id, "idle.overlay") != 0;
        if (w->rect.x < 0 || w->rect.y < 0 || w->rect.x + w->rect.w > st->w ||
            w->rect.y + w->rect.h > st->h) {
            fprintf(stderr, "%s: %s outside the screen\n", what, w->id);
            CHECK(0);
        }
        if (tappable && (w->rect.h < min_px || w->rect.w < min_px)) {
            fprintf(stderr, "%s: %s is %dx%d\n", what, w->id, w->rect.w, w->rect.h);
            CHECK(0);
        }
        for (int j = i + 1; j < dl->n_widget && tappable; j++) {
            const UiWidget *v = &dl->widget[j];
            if (!ui_widget_is_tappable(v->kind) || strcmp(v->id, "idle.overlay") == 0)
                continue;
            bool overlap = w->rect.x < v->rect.x + v->rect.w && v->rect.x < w->rect.x + w->rect.w &&
                           w->rect.y < v->rect.y + v->rect.h && v->rect.y < w->rect.y + w->rect.h;
            if (overlap) {
                fprintf(stderr, "%s: %s overlaps %s\n", what, w->id, v->id);
                CHECK(0);
            }
        }
    }
    for (int i = 0; i < dl->n_cmd; i++) {
        const UiCmd *c = &dl->cmd[i];
        if (c->kind == UI_CMD_TEXT && c->rect.x + c->rect.w > st->w) {
            fprintf(stderr, "%s: text \"%s\" runs off the screen\n", what, c->text);
            CHECK(0);
        }
    }
}
