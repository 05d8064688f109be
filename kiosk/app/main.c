/* bua-kiosk: the touchscreen lending kiosk.
 *
 * To understand everything else, start reading main(): it reads the options and kiosk.ini,
 * loads the translations, opens the store, the window (or an offscreen surface) and the USB
 * scanners, then either plays a --script on a fake clock (app_script.c) or runs the event loop
 * (app_loop_run in app_loop.c). Every event goes through app_dispatch(): kiosk_ui decides, app_fx.c
 * performs the effects through inventory. The loop sleeps in SDL_WaitEventTimeout until an input, a
 * scan or the next moment the UI asked to be woken (ui_next_deadline). */
#include "app.h"
#include "inv_paths.h"
#include "scanner.h"

#include <SDL.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    char config_db[INV_PATH_MAX]; /* [kiosk] database = */
} Options;

typedef struct IniCtx {
    UiConfig *cfg;
    ScanConfig *scan;
    Options *opt;
    char err[256];
    AppLabelCfg *label;
} IniCtx;

static int parse_args(int argc, char **argv, Options *opt);
static void usage(FILE *out);
static int on_ini(void *user, const char *section, const char *name, const char *value);
static bool parse_bool(const char *v, bool *out);
static int load_catalogue(App *app, const char *assets);
static int load_terms(App *app, const char *config, const char *assets);
static bool parse_list(const char *v, char *out, size_t width, int max, int *n);
static bool display_names(char *buf, size_t size);
static bool display_is_real(bool headless, char *why, size_t why_size);
static int count_scanners(ScanCtx *scan);

int main(int argc, char **argv)
{
    Options opt;
    memset(&opt, 0, sizeof opt);
    opt.w = 1024;
    opt.h = 600;
    opt.busy_s = 15; /* an import holds the write lock ~6 s while it writes; a checkout waits */
    inv_log_init("bua-kiosk");
    if (parse_args(argc, argv, &opt) != 0)
        return 2;
    char assets[INV_PATH_MAX] = "";
    char config[INV_PATH_MAX] = "";
    char db_path[INV_PATH_MAX] = "";
    char fonts[INV_PATH_MAX] = "";
    if (inv_paths_data(opt.assets, assets, sizeof assets) != 0) {
        inv_log(INV_LOG_ERR, "cannot use the data folder: its path is too long");
        return 2;
    }
    opt.assets = assets;
    int has_config = inv_paths_config(opt.config, config, sizeof config);
    if (has_config < 0) {
        inv_log(INV_LOG_ERR, "cannot use the settings file: its path is too long");
        return 2;
    }
    opt.config = has_config ? config : NULL;

    App *app = calloc(1, sizeof *app);
    if (!app) {
        inv_log(INV_LOG_ERR, "out of memory");
        return 1;
    }
    int rc = 1;
    ScanCtx *scan = NULL;
    ScanConfig scfg;
    scan_config_init(&scfg);
    ui_config_default(&app->cfg);
    app_label_init(&app->label);
    app->last_sound = (UiSound)-1;
    app->script = opt.script != NULL;

    if (opt.config) {
        IniCtx ini = {&app->cfg, &scfg, &opt, "", &app->label};
        int line = ini_parse(opt.config, on_ini, &ini);
        if (line < 0) {
            inv_log(INV_LOG_ERR, "cannot read %s", opt.config);
            goto out_free;
        }
        if (line > 0) {
            inv_log(INV_LOG_ERR, "%s:%d: %s", opt.config, line,
                    ini.err[0] ? ini.err : "cannot read this line");
            goto out_free;
        }
    }
    if (opt.lang_set)
        app->cfg.lang = opt.lang;
    if (load_catalogue(app, opt.assets) != 0)
        goto out_free;
    if (load_terms(app, opt.config, opt.assets) != 0)
        goto out_free;

    char msg[INV_MSG_MAX];
    InvDbFrom db_from = INV_DB_FROM_OPTION;
    if (inv_paths_db(opt.db, opt.config_db, db_path, sizeof db_path, &db_from, msg, sizeof msg) !=
        0) {
        inv_log(INV_LOG_ERR, "%s", msg);
        goto out_free;
    }
    InvOpenOptions oo = {.path = db_path};
    if (inv_open(&oo, &app->db, msg, sizeof msg) != INV_OK) {
        inv_log(INV_LOG_ERR, "%s", msg);
        goto out_free;
    }
    inv_set_busy_timeout(app->db, opt.busy_s * 1000);
    if (app_label_open(&app->label, db_path, msg, sizeof msg) != 0) {
        inv_log(INV_LOG_ERR, "%s", msg);
        goto out_close_db;
    }

    /* --no-sound closes the speaker only: the screens still ask for tones (scripts see them) */
    GfxOptions go = {opt.w,
                     opt.h,
                     opt.headless,
                     opt.fullscreen,
                     app->cfg.sound && !opt.no_sound,
                     opt.gpu,
                     NULL,
                     getenv("BUA_KIOSK_FULL_REDRAW") != NULL};
    if (inv_paths_fonts(opt.assets, fonts, sizeof fonts) != 0) {
        inv_log(INV_LOG_ERR, "cannot use the font folder: its path is too long");
        goto out_close_db;
    }
    go.font_dir = fonts;
    Uint64 t0 = SDL_GetPerformanceCounter();
    char err[256];
    if (gfx_open(&go, &app->gfx, err, sizeof err) != 0) {
        char names[256] = "";
        if (!opt.headless)
            display_names(names, sizeof names);
        inv_log(INV_LOG_ERR, "%s%s%s%s", err, names[0] ? " (" : "", names, names[0] ? ")" : "");
        goto out_close_db;
    }
    if (err[0])
        inv_log(INV_LOG_WARNING, "%s", err);
    char why[512] = "";
    if (!display_is_real(opt.headless, why, sizeof why)) {
        inv_log(INV_LOG_ERR, "%s", why);
        goto out_close_gfx;
    }
    int w = 0;
    int h = 0;
    gfx_size(app->gfx, &w, &h);
    app->dl.measure = gfx_measure(app->gfx);

    if (app->script) {
        app->clock_ms = 0;
        app->epoch_base = (int64_t)time(NULL);
        if (opt.now && !inv_time_parse(opt.now, &app->epoch_base)) {
            inv_log(INV_LOG_ERR, "--now: cannot read the time %s", opt.now);
            goto out_close_gfx;
        }
    } else {
        app->clock_ms = (int64_t)SDL_GetTicks64();
        app->epoch_ticks = (int64_t)time(NULL) * 1000 - app->clock_ms;
    }
    app->idle_at = app->clock_ms + APP_IDLE_MS; /* what an earlier run left queued */
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
            inv_log(INV_LOG_WARNING, "USB scanners are off: %s", scan_strerror(se));
            scan_close(scan);
            scan = NULL;
        }
    }
    /* the start line: enough to tell from the journal what ran on what (nothing personal) */
    const char *centre = app->cfg.centre_name[0] ? app->cfg.centre_name : "-";
    int n_scan = count_scanners(scan);
    char scanners[32] = "";
    if (n_scan >= 0)
        snprintf(scanners, sizeof scanners, "%d", n_scan);
    else
        snprintf(scanners, sizeof scanners, "%s", "off");
    inv_log(INV_LOG_NOTICE,
            "started: version %s, database %s (%s), centre %s, settings %s, data %s, "
            "fonts %s, video %s, USB scanners %s",
            inv_version(), db_path, inv_db_from_name(db_from), centre,
            opt.config ? opt.config : "(defaults)", opt.assets, fonts,
            opt.headless ? "headless" : SDL_GetCurrentVideoDriver(), scanners);

    if (app->script) {
        FILE *in = strcmp(opt.script, "-") == 0 ? stdin : fopen(opt.script, "r");
        if (!in) {
            inv_log(INV_LOG_ERR, "cannot read %s", opt.script);
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
    app_label_close(&app->label);
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
                inv_log(INV_LOG_ERR, "--lang: nb or en");
                return -1;
            }
            opt->lang_set = true;
        } else if (strcmp(a, "--size") == 0 && v) {
            if (sscanf(v, "%dx%d", &opt->w, &opt->h) != 2 || opt->w < 320 || opt->h < 240) {
                inv_log(INV_LOG_ERR, "--size: WIDTHxHEIGHT, e.g. 1280x800");
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
            } else if (strcmp(a, "--version") == 0) {
                printf("bua-kiosk %s\n", inv_version());
                exit(0);
            } else {
                usage(stderr);
                return -1;
            }
        }
        if (takes)
            i++;
    }
    return 0;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bua-kiosk [--db PATH] [--script FILE] [--headless] [--config kiosk.ini]\n"
            "                 [--lang nb|en] [--size WxH] [--fullscreen] [--now ISO-TIME]\n"
            "                 [--assets DIR] [--no-sound] [--usb | --no-usb]\n"
            "       bua-kiosk --help | --version\n"
            "\n"
            "The touchscreen lending kiosk of a BUA centre.\n"
            "\n"
            "options:\n"
            "  --db PATH      the database (else $BUA_DB, else database = in [kiosk] of the\n"
            "                 settings, else /var/lib/bua-kiosk/bua.db when that folder exists,\n"
            "                 else $XDG_DATA_HOME/bua-kiosk/bua.db, default ~/.local/share)\n"
            "  --config FILE  the settings (else $BUA_CONFIG, else /etc/bua-kiosk/kiosk.ini if\n"
            "                 it exists, else the defaults)\n"
            "  --assets DIR   translations (else $BUA_ASSETS, else /usr/share/bua-kiosk); the\n"
            "                 fonts are DIR/fonts, else /usr/share/fonts/truetype/dejavu\n"
            "  --lang nb|en   the language at start and after every logout\n"
            "  --size WxH     the window size (default 1024x600)\n"
            "  --fullscreen   fill the screen (a kiosk; under cage the window always does)\n"
            "  --script FILE  run commands from FILE ('-': stdin) on a fake clock; exit 0 when\n"
            "                 every expect held, 1 at the first that failed\n"
            "  --headless     render offscreen (no display needed); without it the kiosk exits\n"
            "                 1 when it cannot open a real display ($WAYLAND_DISPLAY, $DISPLAY)\n"
            "  --now TIME     the fake clock's start for a script (default: now)\n"
            "  --no-sound     keep the speaker closed\n"
            "  --usb          read USB scanners in a script too (they are on with a window)\n"
            "  --no-usb       do not read USB scanners (keyboard-mode scanners still type)\n"
            "  --help         this text\n"
            "  --version      the version\n"
            "\n"
            "environment:\n"
            "  BUA_ROOT       put in front of the built-in paths (a staged installation)\n"
            "  JOURNAL_STREAM set by systemd: log lines carry priorities (<3> .. <6>)\n"
            "  BUA_KIOSK_FULL_REDRAW=1  draw every frame whole, as before damage tracking\n"
            "                 (the same pixels, slower: to compare)\n"
            "\n"
            "exit status: 0 done (or every expect of a script held), 1 failed (message on\n"
            "stderr), 2 called wrongly\n");
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
        } else if (strcmp(name, "database") == 0) {
            ok = value[0] == '/' && strlen(value) < sizeof ini->opt->config_db;
            if (ok)
                snprintf(ini->opt->config_db, sizeof ini->opt->config_db, "%s", value);
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
    } else if (strcmp(section, "centre") == 0) {
        /* consent: the municipalities offered at registration; the terms' folder (read again by
         * load_terms through inv_terms_dir, and by bua-admin) */
        if (strcmp(name, "municipalities") == 0) {
            ok = parse_list(value, &c->municipalities[0][0], sizeof c->municipalities[0],
                            UI_MUNI_MAX, &c->n_municipalities);
        } else if (strcmp(name, "terms") == 0) {
            ok = value[0] != '\0';
        } else {
            snprintf(ini->err, sizeof ini->err, "unknown setting %s", name);
            return 0;
        }
    } else if (strcmp(section, "backup") == 0) {
        /* read by bua-admin backup --dir (the nightly backup); checked here so a typo shows */
        int keep = 0;
        if (strcmp(name, "keep") != 0) {
            snprintf(ini->err, sizeof ini->err, "unknown setting %s", name);
            return 0;
        }
        ok = parse_int(value, 1, 1000, &keep);
    } else if (strcmp(section, "labels") == 0) {
        if (app_label_set(ini->label, name, value, ini->err, sizeof ini->err) != 0)
            return 0;
    } else if (strcmp(section, "scanner") == 0) {
        if (scan_config_set(ini->scan, name, value, ini->err, sizeof ini->err) != SCAN_OK)
            return 0;
    } else if (strcmp(section, "smtp") == 0 || strcmp(section, "sms") == 0) {
        /* read by bua-admin remind (adm_send.c, which checks the values); a typo shows here */
        static const char *const smtp_keys[] = {"url",           "from",    "starttls", "user",
                                                "password_file", "timeout", NULL};
        static const char *const sms_keys[] = {"url",  "auth",         "user",    "secret_file",
                                               "body", "content_type", "timeout", NULL};
        const char *const *keys = strcmp(section, "smtp") == 0 ? smtp_keys : sms_keys;
        ok = false;
        for (const char *const *k = keys; *k != NULL; k++)
            ok = ok || strcmp(*k, name) == 0;
        if (!ok) {
            snprintf(ini->err, sizeof ini->err, "unknown setting %s", name);
            return 0;
        }
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
            inv_log(INV_LOG_ERR, "cannot read %s: %s", path, SDL_GetError());
            return -1;
        }
        char err[128];
        int n = ui_catalog_load_po(&app->cat, (UiLang)lang, text, len, err, sizeof err);
        SDL_free(text);
        if (n < 0) {
            inv_log(INV_LOG_ERR, "%s:%s", path, err);
            return -1;
        }
        if (n < UI_MSG_COUNT)
            inv_log(INV_LOG_WARNING, "%s: %d of %d messages translated", path, n, UI_MSG_COUNT);
    }
    return 0;
}

/* ---- the display ------------------------------------------------------------------------- */

/* Which display the kiosk was asked to use, for messages: "WAYLAND_DISPLAY=wayland-0,
 * DISPLAY=:0", or that none was set (then false). */
static bool display_names(char *buf, size_t size)
{
    const char *wl = getenv("WAYLAND_DISPLAY");
    const char *x = getenv("DISPLAY");
    bool has_wl = wl && wl[0];
    bool has_x = x && x[0];
    if (!has_wl && !has_x) {
        snprintf(buf, size, "no display: neither WAYLAND_DISPLAY nor DISPLAY is set");
        return false;
    }
    snprintf(buf, size, "%s%s%s%s%s", has_wl ? "WAYLAND_DISPLAY=" : "", has_wl ? wl : "",
             has_wl && has_x ? ", " : "", has_x ? "DISPLAY=" : "", has_x ? x : "");
    return true;
}

/* No display, no pretending: without --headless a window must be on a real screen. SDL falls
 * back to its offscreen or dummy driver when no display answers; the kiosk would then run
 * unseen and a service manager would never restart it. Those drivers count only when asked
 * for by name (SDL_VIDEODRIVER). */
static bool display_is_real(bool headless, char *why, size_t why_size)
{
    if (headless)
        return true;
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");
    bool fake = !driver || strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0;
    if (!fake || (asked && driver && strcmp(asked, driver) == 0))
        return true;
    char names[256] = "";
    bool named = display_names(names, sizeof names);
    snprintf(why, why_size,
             "cannot open the display%s%s%s: start the kiosk in cage or a desktop "
             "session, or use --headless",
             named ? " (" : "", named ? names : ": neither WAYLAND_DISPLAY nor DISPLAY is set",
             named ? "): no X or Wayland server answers there" : "");
    return false;
}

/* How many scanners the kiosk can read now (ignored ones not counted), -1 when USB is off. */
static int count_scanners(ScanCtx *scan)
{
    ScanInfo infos[16];
    size_t n = 0;
    if (!scan || scan_list(scan, infos, sizeof infos / sizeof infos[0], &n) != SCAN_OK)
        return -1;
    int k = 0;
    for (size_t i = 0; i < n && i < sizeof infos / sizeof infos[0]; i++)
        k += !infos[i].ignored;
    return k;
}

/* The terms borrowers accept, both languages with one version ([centre] terms, else
 * ASSETS/terms): the kiosk does not start without them, as without its translations. */
static int load_terms(App *app, const char *config, const char *assets)
{
    char dir[INV_PATH_MAX] = "";
    char msg[INV_PATH_MAX + 256] = "";
    if (inv_terms_dir(config, assets, dir, sizeof dir, msg, sizeof msg) != 0 ||
        inv_terms_load_all(dir, app->terms, msg, sizeof msg) != 0) {
        inv_log(INV_LOG_ERR, "%s", msg);
        return -1;
    }
    for (int lang = 0; lang < UI_LANG_COUNT; lang++)
        app->cfg.terms[lang] = app->terms[lang].text;
    return 0;
}

/* "Hamar, Stange, Løten" into out[0..max) (rows of `width` bytes), *n of them; false for an
 * empty list, an empty name, one too long, or more than max. */
static bool parse_list(const char *v, char *out, size_t width, int max, int *n)
{
    int count = 0;
    const char *p = v;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, ",");
        size_t k = len;
        while (k > 0 && p[k - 1] == ' ')
            k--;
        if (k == 0 || k >= width || count >= max)
            return false;
        for (size_t i = 0; i < k; i++) {
            if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
                return false;
        }
        memcpy(out + (size_t)count * width, p, k);
        out[(size_t)count * width + k] = '\0';
        count++;
        p += len;
        if (*p == ',')
            p++;
    }
    *n = count;
    return count > 0;
}
