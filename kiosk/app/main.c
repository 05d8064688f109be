/* bua-kiosk: the touchscreen lending kiosk.
 *
 * To understand everything else, start reading main(): it reads the options and kiosk.ini,
 * loads the translations, opens the store, the window (or an offscreen surface) and the USB
 * scanners, then either plays a --script on a fake clock (app_script.c) or runs the event loop
 * (app_loop_run in app_loop.c). Every event goes through app_dispatch(): kiosk_ui decides, app_fx.c
 * performs the effects through inventory. The loop sleeps in SDL_WaitEventTimeout until an input, a
 * scan or the next moment the UI asked to be woken (ui_next_deadline). */
#include "app.h"
#include "scanner.h"

#include <SDL.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef BUA_ASSETS_DIR
#define BUA_ASSETS_DIR "assets"
#endif

typedef struct Options {
    const char *db;
    const char *script;
    const char *config;
    const char *assets;
    const char *now;
    bool headless;
    bool fullscreen;
    bool no_sound;
    bool usb; /* read USB scanners (default: on with a window, off in scripts) */
    bool no_usb;
    bool gpu; /* kiosk.ini renderer = gpu */
    int w, h;
    int busy_s; /* kiosk.ini busy_timeout_seconds: how long a write waits for another writer */
    bool lang_set;
    UiLang lang;
} Options;

typedef struct IniCtx {
    UiConfig *cfg;
    ScanConfig *scan;
    Options *opt;
    char err[256];
} IniCtx;

static int parse_args(int argc, char **argv, Options *opt);
static void usage(FILE *out);
static int on_ini(void *user, const char *section, const char *name, const char *value);
static bool parse_bool(const char *v, bool *out);
static int load_catalogue(App *app, const char *assets);

int main(int argc, char **argv)
{
    Options opt;
    memset(&opt, 0, sizeof opt);
    opt.w = 1024;
    opt.h = 600;
    opt.busy_s = 15; /* an import holds the write lock ~6 s while it writes; a checkout waits */
    if (parse_args(argc, argv, &opt) != 0)
        return 2;
    if (!opt.assets)
        opt.assets = getenv("BUA_ASSETS") ? getenv("BUA_ASSETS") : BUA_ASSETS_DIR;

    App *app = calloc(1, sizeof *app);
    if (!app) {
        fprintf(stderr, "bua-kiosk: out of memory\n");
        return 1;
    }
    int rc = 1;
    ScanCtx *scan = NULL;
    ScanConfig scfg;
    scan_config_init(&scfg);
    ui_config_default(&app->cfg);
    app->last_sound = (UiSound)-1;
    app->script = opt.script != NULL;

    if (opt.config) {
        IniCtx ini = {&app->cfg, &scfg, &opt, ""};
        int line = ini_parse(opt.config, on_ini, &ini);
        if (line < 0) {
            fprintf(stderr, "bua-kiosk: cannot read %s\n", opt.config);
            goto out_free;
        }
        if (line > 0) {
            fprintf(stderr, "bua-kiosk: %s:%d: %s\n", opt.config, line,
                    ini.err[0] ? ini.err : "cannot read this line");
            goto out_free;
        }
    }
    if (opt.lang_set)
        app->cfg.lang = opt.lang;
    if (load_catalogue(app, opt.assets) != 0)
        goto out_free;

    char msg[INV_MSG_MAX];
    InvOpenOptions oo = {opt.db, false, NULL, 0};
    if (inv_open(&oo, &app->db, msg, sizeof msg) != INV_OK) {
        fprintf(stderr, "bua-kiosk: %s\n", msg);
        goto out_free;
    }
    inv_set_busy_timeout(app->db, opt.busy_s * 1000);

    /* --no-sound closes the speaker only: the screens still ask for tones (scripts see them) */
    GfxOptions go = {opt.w,
                     opt.h,
                     opt.headless,
                     opt.fullscreen,
                     app->cfg.sound && !opt.no_sound,
                     opt.gpu,
                     NULL,
                     getenv("BUA_KIOSK_FULL_REDRAW") != NULL};
    char font_dir[1024];
    snprintf(font_dir, sizeof font_dir, "%s/fonts", opt.assets);
    go.font_dir = font_dir;
    Uint64 t0 = SDL_GetPerformanceCounter();
    char err[256];
    if (gfx_open(&go, &app->gfx, err, sizeof err) != 0) {
        fprintf(stderr, "bua-kiosk: %s\n", err);
        goto out_close_db;
    }
    if (err[0])
        fprintf(stderr, "bua-kiosk: %s\n", err);
    int w = 0;
    int h = 0;
    gfx_size(app->gfx, &w, &h);
    app->dl.measure = gfx_measure(app->gfx);

    if (app->script) {
        app->clock_ms = 0;
        app->epoch_base = (int64_t)time(NULL);
        if (opt.now && !inv_time_parse(opt.now, &app->epoch_base)) {
            fprintf(stderr, "bua-kiosk: --now: cannot read the time %s\n", opt.now);
            goto out_close_gfx;
        }
    } else {
        app->clock_ms = (int64_t)SDL_GetTicks64();
        app->epoch_ticks = (int64_t)time(NULL) * 1000 - app->clock_ms;
    }
    ui_init(&app->st, &app->cfg, &app->cat, w, h, app->clock_ms);
    ui_set_year(&app->st, inv_time_year(app_now(app)));
    app_draw(app);
    if (getenv("BUA_KIOSK_TIMING"))
        fprintf(stderr, "first frame after %.1f ms\n",
                (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
                    (double)SDL_GetPerformanceFrequency());

    bool want_usb = opt.usb || (!app->script && !opt.no_usb);
    if (app_loop_open(app, &scfg, err, sizeof err) != 0) {
        fprintf(stderr, "bua-kiosk: %s\n", err);
        goto out_close_gfx;
    }
    if (want_usb) {
        int se = scan_open(&scfg, &scan);
        if (se == SCAN_OK)
            se = scan_start(scan);
        if (se != SCAN_OK) {
            /* the kiosk still works with keyboard-wedge scanners and the touchscreen */
            fprintf(stderr, "bua-kiosk: USB scanners are off: %s\n", scan_strerror(se));
            scan_close(scan);
            scan = NULL;
        }
    }

    if (app->script) {
        FILE *in = strcmp(opt.script, "-") == 0 ? stdin : fopen(opt.script, "r");
        if (!in) {
            fprintf(stderr, "bua-kiosk: cannot read %s\n", opt.script);
            goto out_close_scan;
        }
        rc = app_run_script(app, in, opt.script);
        if (in != stdin)
            fclose(in);
        gfx_drain_sound(app->gfx, 2000);
    } else {
        rc = app_loop_run(app);
    }

out_close_scan:
    scan_close(scan);
    app_loop_close(app);
out_close_gfx:
    gfx_close(app->gfx);
out_close_db:
    inv_close(app->db);
out_free:
    free(app);
    return rc;
}

/* ---- options and configuration ------------------------------------------------------------ */

static int parse_args(int argc, char **argv, Options *opt)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        if (strcmp(a, "--db") == 0 && v)
            opt->db = v;
        else if (strcmp(a, "--script") == 0 && v)
            opt->script = v;
        else if (strcmp(a, "--config") == 0 && v)
            opt->config = v;
        else if (strcmp(a, "--assets") == 0 && v)
            opt->assets = v;
        else if (strcmp(a, "--now") == 0 && v)
            opt->now = v;
        else if (strcmp(a, "--lang") == 0 && v) {
            if (!ui_lang_parse(v, &opt->lang)) {
                fprintf(stderr, "bua-kiosk: --lang: nb or en\n");
                return -1;
            }
            opt->lang_set = true;
        } else if (strcmp(a, "--size") == 0 && v) {
            if (sscanf(v, "%dx%d", &opt->w, &opt->h) != 2 || opt->w < 320 || opt->h < 240) {
                fprintf(stderr, "bua-kiosk: --size: WIDTHxHEIGHT, e.g. 1280x800\n");
                return -1;
            }
        } else {
            takes = false;
            if (strcmp(a, "--headless") == 0)
                opt->headless = true;
            else if (strcmp(a, "--fullscreen") == 0)
                opt->fullscreen = true;
            else if (strcmp(a, "--no-sound") == 0)
                opt->no_sound = true;
            else if (strcmp(a, "--usb") == 0)
                opt->usb = true;
            else if (strcmp(a, "--no-usb") == 0)
                opt->no_usb = true;
            else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                usage(stdout);
                exit(0);
            } else {
                usage(stderr);
                return -1;
            }
        }
        if (takes)
            i++;
    }
    if (!opt->db) {
        usage(stderr);
        return -1;
    }
    return 0;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bua-kiosk --db PATH [--script FILE] [--headless] [--config kiosk.ini]\n"
            "                 [--lang nb|en] [--size WxH] [--fullscreen] [--now ISO-TIME]\n"
            "                 [--assets DIR] [--no-sound] [--usb | --no-usb]\n"
            "  --script FILE  run commands from FILE ('-': stdin) on a fake clock; exit 0 when\n"
            "                 every expect held, 1 at the first that failed\n"
            "  --headless     render offscreen (no display needed)\n"
            "  --now TIME     the fake clock's start for a script (default: now)\n"
            "  --usb          read USB scanners in a script too (they are on with a window)\n"
            "environment: BUA_KIOSK_FULL_REDRAW=1 draws every frame whole, as before damage\n"
            "  tracking (the same pixels, slower: to compare)\n");
}

static bool parse_bool(const char *v, bool *out)
{
    if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0 ||
        strcmp(v, "1") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0 ||
        strcmp(v, "0") == 0) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_int(const char *v, int lo, int hi, int *out)
{
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < lo || n > hi)
        return false;
    *out = (int)n;
    return true;
}

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    IniCtx *ini = user;
    UiConfig *c = ini->cfg;
    bool ok = true;
    if (strcmp(section, "kiosk") == 0) {
        if (strcmp(name, "idle_self_seconds") == 0)
            ok = parse_int(value, 10, 3600, &c->idle_self_s);
        else if (strcmp(name, "idle_staff_seconds") == 0)
            ok = parse_int(value, 10, 36000, &c->idle_staff_s);
        else if (strcmp(name, "idle_warning_seconds") == 0)
            ok = parse_int(value, 0, 600, &c->idle_warn_s);
        else if (strcmp(name, "receipt_seconds") == 0)
            ok = parse_int(value, 1, 600, &c->receipt_s);
        else if (strcmp(name, "hint_ms") == 0)
            ok = parse_int(value, 500, 60000, &c->toast_ms);
        else if (strcmp(name, "sound") == 0)
            ok = parse_bool(value, &c->sound);
        else if (strcmp(name, "busy_timeout_seconds") == 0)
            ok = parse_int(value, 1, 600, &ini->opt->busy_s);
        else if (strcmp(name, "show_due_dates") == 0)
            ok = parse_bool(value, &c->show_due_dates);
        else if (strcmp(name, "touch_px") == 0)
            ok = parse_int(value, 48, 200, &c->touch_px);
        else if (strcmp(name, "top_bar_px") == 0)
            ok = parse_int(value, 48, 200, &c->top_bar_px);
        else if (strcmp(name, "top_pad_px") == 0)
            ok = parse_int(value, 0, 48, &c->top_pad_px);
        else if (strcmp(name, "top_title_px") == 0)
            ok = parse_int(value, 100, 600, &c->top_title_px);
        else if (strcmp(name, "top_logout_px") == 0)
            ok = parse_int(value, 100, 400, &c->top_logout_px);
        else if (strcmp(name, "top_back_px") == 0)
            ok = parse_int(value, 100, 400, &c->top_back_px);
        else if (strcmp(name, "language") == 0)
            ok = ui_lang_parse(value, &c->lang);
        else if (strcmp(name, "adult_age") == 0)
            ok = parse_int(value, 1, 30, &c->min_adult_age);
        else if (strcmp(name, "scanner_side") == 0) {
            ok = strcmp(value, "left") == 0 || strcmp(value, "right") == 0;
            c->scanner = strcmp(value, "left") == 0 ? UI_SCANNER_LEFT : UI_SCANNER_RIGHT;
        } else if (strcmp(name, "renderer") == 0) {
            ok = strcmp(value, "software") == 0 || strcmp(value, "gpu") == 0;
            ini->opt->gpu = strcmp(value, "gpu") == 0;
        } else if (strcmp(name, "fullscreen") == 0) {
            ok = parse_bool(value, &ini->opt->fullscreen);
        } else if (strcmp(name, "size") == 0) {
            ok = sscanf(value, "%dx%d", &ini->opt->w, &ini->opt->h) == 2 && ini->opt->w >= 320 &&
                 ini->opt->h >= 240;
        } else if (strcmp(name, "centre_name") == 0) {
            ok = strlen(value) < sizeof c->centre_name;
            for (const char *p = value; ok && *p; p++)
                ok = (unsigned char)*p >= 0x20 && *p != 0x7f;
            if (ok)
                snprintf(c->centre_name, sizeof c->centre_name, "%s", value);
        } else if (strcmp(name, "categories") == 0) {
            c->n_categories = 0;
            const char *p = value;
            while (*p && c->n_categories < UI_CATS_MAX) {
                while (*p == ' ' || *p == ',')
                    p++;
                size_t n = strcspn(p, ",");
                size_t k = n;
                while (k > 0 && p[k - 1] == ' ')
                    k--;
                if (k > 0 && k < sizeof c->categories[0]) {
                    memcpy(c->categories[c->n_categories], p, k);
                    c->categories[c->n_categories++][k] = '\0';
                }
                p += n;
            }
            ok = c->n_categories > 0;
        } else {
            snprintf(ini->err, sizeof ini->err, "unknown setting %s", name);
            return 0;
        }
    } else if (strcmp(section, "colors") == 0) {
        int id = -1;
        for (int i = 0; i < UI_COL_COUNT; i++) {
            if (strcmp(ui_color_key((UiColorId)i), name) == 0)
                id = i;
        }
        ok = id >= 0 && ui_color_parse(value, &c->color[id]);
    } else if (strcmp(section, "scanner") == 0) {
        if (scan_config_set(ini->scan, name, value, ini->err, sizeof ini->err) != SCAN_OK)
            return 0;
    } else {
        snprintf(ini->err, sizeof ini->err, "unknown section [%s]", section);
        return 0;
    }
    if (!ok)
        snprintf(ini->err, sizeof ini->err, "bad value for %s: %s", name, value);
    return ok;
}

static int load_catalogue(App *app, const char *assets)
{
    static const char *const files[UI_LANG_COUNT] = {"nb.po", "en.po"};
    ui_catalog_init(&app->cat);
    for (int lang = 0; lang < UI_LANG_COUNT; lang++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/i18n/%s", assets, files[lang]);
        size_t len = 0;
        char *text = SDL_LoadFile(path, &len);
        if (!text) {
            fprintf(stderr, "bua-kiosk: cannot read %s: %s\n", path, SDL_GetError());
            return -1;
        }
        char err[128];
        int n = ui_catalog_load_po(&app->cat, (UiLang)lang, text, len, err, sizeof err);
        SDL_free(text);
        if (n < 0) {
            fprintf(stderr, "bua-kiosk: %s:%s\n", path, err);
            return -1;
        }
        if (n < UI_MSG_COUNT)
            fprintf(stderr, "bua-kiosk: %s: %d of %d messages translated\n", path, n, UI_MSG_COUNT);
    }
    return 0;
}
