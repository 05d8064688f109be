/* Scripts: the kiosk driven without a person, one command a line, on a fake clock.
 *
 *   scan CODE          as if a scanner read CODE
 *   tap ID | tap X Y   press the widget with this id, or touch at a pixel
 *   type TEXT          keys ("\n" in TEXT is Enter)
 *   keyboard MS TEXT   keys typed on a physical keyboard, MS apart on the clock ("\n" is Enter):
 *                      they pass the keyboard-scanner detector (a fast burst ended by Enter is
 *                      a scan)
 *   key NAME           enter, backspace or escape
 *   reject             as if a scanner read a code that failed its checks (SCAN_EV_REJECTED)
 *   wait MS            advance the clock, firing every timer on the way (and the quiet-moment fold)
 *   dump               one JSON line: screen, language, last tone, widgets (id, kind, text, rect)
 *   shot FILE.png      screenshot
 *   expect screen ID | expect text TEXT | expect no-text TEXT | expect sound NAME
 *   usb-scan MS        wait (real time, up to MS) for a code from a USB scanner and scan it
 *
 * Blank lines and lines starting with '#' are skipped. The first failing expect (or a line that
 * cannot run, e.g. a tap on a widget that is not there) ends the script with 1 and names the
 * line on stderr. */
#include "app.h"

#include <SDL.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The longest `wait`: a year, far past any timeout, and no overflow of the clock. */
#define WAIT_MAX_MS (366LL * 24 * 3600 * 1000)

static void json_string(FILE *out, const char *s);
static void dump(App *app, FILE *out);
static bool text_visible(App *app, const char *needle);
static void advance(App *app, int64_t ms);
static void send_text(App *app, const char *text);
static void send_key(App *app, UiKey key);
static void unescape(char *s);
static int keyboard(App *app, AppKeys *keys, const char *arg);

int app_run_script(App *app, FILE *in, const char *name)
{
    char line[1024];
    int line_no = 0;
    AppKeys keys;
    app_keys_init(&keys);
    while (fgets(line, sizeof line, in)) {
        line_no++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n' && !feof(in)) {
            fprintf(stderr, "%s:%d: line longer than %zu characters\n", name, line_no,
                    sizeof line - 2);
            return 1;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        char *arg = p + strcspn(p, " \t");
        if (*arg) {
            *arg++ = '\0';
            while (*arg == ' ' || *arg == '\t')
                arg++;
        }
        /* every command but dump and reject takes an argument */
        if (!*arg && strcmp(p, "dump") != 0 && strcmp(p, "reject") != 0) {
            fprintf(stderr, "%s:%d: %s needs an argument\n", name, line_no, p);
            return 1;
        }
        UiEvent ev;
        if (strcmp(p, "scan") == 0) {
            ui_event_init(&ev, UI_EV_SCAN);
            app_copy(ev.scan.code, sizeof ev.scan.code, arg);
            ev.h.now_ms = app->clock_ms;
            app_dispatch(app, &ev);
        } else if (strcmp(p, "reject") == 0) {
            if (*arg) {
                fprintf(stderr, "%s:%d: reject takes no argument\n", name, line_no);
                return 1;
            }
            app_scan_rejected(app);
        } else if (strcmp(p, "tap") == 0) {
            app_draw(app);
            int x = 0;
            int y = 0;
            char extra = 0;
            const UiWidget *w = NULL;
            if (sscanf(arg, "%d %d%c", &x, &y, &extra) == 2) {
                w = ui_hit(&app->dl, x, y);
                if (!w)
                    continue; /* a touch on nothing does nothing */
            } else {
                w = ui_find(&app->dl, arg);
                if (!w || !ui_widget_is_tappable(w->kind)) {
                    fprintf(stderr, "%s:%d: no widget to tap with id \"%s\" on screen %s\n", name,
                            line_no, arg, ui_screen_name(app->st.screen));
                    return 1;
                }
            }
            ui_event_init(&ev, UI_EV_PRESS);
            app_copy(ev.press.id, sizeof ev.press.id, w->id);
            ev.h.now_ms = app->clock_ms;
            app_dispatch(app, &ev);
        } else if (strcmp(p, "type") == 0) {
            unescape(arg);
            send_text(app, arg);
        } else if (strcmp(p, "keyboard") == 0) {
            unescape(arg);
            if (keyboard(app, &keys, arg) != 0) {
                fprintf(stderr, "%s:%d: keyboard needs milliseconds (0 to 1000) and text\n", name,
                        line_no);
                return 1;
            }
        } else if (strcmp(p, "key") == 0) {
            UiKey k = strcmp(arg, "enter") == 0       ? UI_KEY_ENTER
                      : strcmp(arg, "backspace") == 0 ? UI_KEY_BACKSPACE
                      : strcmp(arg, "escape") == 0    ? UI_KEY_ESCAPE
                                                      : UI_KEY_NONE;
            if (k == UI_KEY_NONE) {
                fprintf(stderr, "%s:%d: unknown key \"%s\"\n", name, line_no, arg);
                return 1;
            }
            send_key(app, k);
        } else if (strcmp(p, "wait") == 0) {
            char *end = NULL;
            errno = 0;
            long long ms = strtoll(arg, &end, 10);
            if (end == arg || *end || ms < 0 || errno == ERANGE || ms > WAIT_MAX_MS) {
                fprintf(stderr, "%s:%d: wait needs milliseconds (0 to %lld)\n", name, line_no,
                        (long long)WAIT_MAX_MS);
                return 1;
            }
            advance(app, ms);
        } else if (strcmp(p, "usb-scan") == 0) {
            int ms = atoi(arg);
            Uint64 end = SDL_GetTicks64() + (Uint64)(ms > 0 ? ms : 5000);
            bool got = false;
            while (!got && SDL_GetTicks64() < end) {
                SDL_Event e;
                if (!SDL_WaitEventTimeout(&e, 50) || e.type != app->scan_event)
                    continue;
                if (!e.user.data1) { /* a rejected scan: say so, and wait on for a code */
                    app_scan_rejected(app);
                    continue;
                }
                ui_event_init(&ev, UI_EV_SCAN);
                app_copy(ev.scan.code, sizeof ev.scan.code, (const char *)e.user.data1);
                SDL_free(e.user.data1);
                ev.h.now_ms = app->clock_ms;
                app_dispatch(app, &ev);
                got = true;
            }
            if (!got) {
                fprintf(stderr, "%s:%d: no code came from a USB scanner\n", name, line_no);
                return 1;
            }
        } else if (strcmp(p, "dump") == 0) {
            dump(app, stdout);
        } else if (strcmp(p, "shot") == 0) {
            app_draw(app);
            char err[256];
            if (gfx_screenshot(app->gfx, arg, err, sizeof err) != 0) {
                fprintf(stderr, "%s:%d: %s\n", name, line_no, err);
                return 1;
            }
        } else if (strcmp(p, "expect") == 0) {
            char *what = arg;
            char *val = what + strcspn(what, " \t");
            if (*val)
                *val++ = '\0';
            if (!*val) {
                fprintf(stderr, "%s:%d: expect %s needs a value\n", name, line_no, what);
                return 1;
            }
            bool ok = false;
            char got[UI_TEXT_MAX] = "";
            if (strcmp(what, "screen") == 0) {
                ok = strcmp(ui_screen_name(app->st.screen), val) == 0;
                snprintf(got, sizeof got, "screen is %s", ui_screen_name(app->st.screen));
            } else if (strcmp(what, "text") == 0) {
                ok = text_visible(app, val);
                snprintf(got, sizeof got, "not visible on screen %s",
                         ui_screen_name(app->st.screen));
            } else if (strcmp(what, "no-text") == 0) {
                ok = !text_visible(app, val);
                snprintf(got, sizeof got, "visible on screen %s", ui_screen_name(app->st.screen));
            } else if (strcmp(what, "sound") == 0) {
                const char *last =
                    (int)app->last_sound >= 0 ? ui_sound_name(app->last_sound) : "none";
                ok = strcmp(last, val) == 0;
                snprintf(got, sizeof got, "last tone was %s", last);
            } else {
                fprintf(stderr, "%s:%d: unknown expect \"%s\"\n", name, line_no, what);
                return 1;
            }
            if (!ok) {
                fprintf(stderr, "%s:%d: expect %s %s failed: %s\n", name, line_no, what, val, got);
                dump(app, stderr);
                return 1;
            }
        } else {
            fprintf(stderr, "%s:%d: unknown command \"%s\"\n", name, line_no, p);
            return 1;
        }
    }
    return 0;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Moves the fake clock forward, delivering a tick at each moment the UI asked to be woken, and
 * doing the store's quiet-moment work when it falls due on the way (app_idle). */
static void advance(App *app, int64_t ms)
{
    int64_t target = app->clock_ms + ms;
    for (;;) {
        int64_t next = ui_next_deadline(&app->st);
        bool idle = app->idle_at >= 0 && (next < 0 || app->idle_at < next);
        if (idle)
            next = app->idle_at;
        if (next < 0 || next > target)
            break;
        if (next <= app->clock_ms)
            next = app->clock_ms + 1;
        app->clock_ms = next;
        if (idle) {
            app_idle(app);
            continue;
        }
        UiEvent ev;
        ui_event_init(&ev, UI_EV_TICK);
        ev.h.now_ms = app->clock_ms;
        app_dispatch(app, &ev);
    }
    app->clock_ms = target;
    UiEvent ev;
    ui_event_init(&ev, UI_EV_TICK);
    ev.h.now_ms = app->clock_ms;
    app_dispatch(app, &ev);
}

static void send_text(App *app, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n > 0) {
            UiEvent ev;
            ui_event_init(&ev, UI_EV_TEXT);
            size_t k = n < sizeof ev.text.text - 1 ? n : sizeof ev.text.text - 1;
            memcpy(ev.text.text, p, k);
            ev.text.text[k] = '\0';
            ev.h.now_ms = app->clock_ms;
            app_dispatch(app, &ev);
        }
        if (!nl)
            break;
        send_key(app, UI_KEY_ENTER);
        p = nl + 1;
    }
}

/* "MS TEXT": each character (UTF-8) through the keyboard path, MS apart; held characters go
 * to the UI at the end, as the event loop's poll would hand them on a little later. */
static int keyboard(App *app, AppKeys *keys, const char *arg)
{
    char *end = NULL;
    errno = 0;
    long ms = strtol(arg, &end, 10);
    if (end == arg || (*end != ' ' && *end != '\t') || ms < 0 || ms > 1000 || errno == ERANGE)
        return -1;
    const char *p = end + strspn(end, " \t");
    if (!*p)
        return -1;
    while (*p) {
        size_t n = 1;
        while (((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        if (*p == '\n') {
            app_keys_end(app, keys, (uint32_t)app->clock_ms);
        } else {
            char ch[8];
            memcpy(ch, p, n < sizeof ch ? n : sizeof ch - 1);
            ch[n < sizeof ch ? n : sizeof ch - 1] = '\0';
            app_keys_text(app, keys, ch, (uint32_t)app->clock_ms);
        }
        p += n;
        if (*p)
            advance(app, ms);
        app_keys_poll(app, keys, (uint32_t)app->clock_ms);
    }
    app_keys_flush(app, keys);
    return 0;
}

static void send_key(App *app, UiKey key)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_KEY);
    ev.key.key = key;
    ev.h.now_ms = app->clock_ms;
    app_dispatch(app, &ev);
}

static void unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] == 'n') {
            *o++ = '\n';
            p++;
        } else if (p[0] == '\\' && p[1] == '\\') {
            *o++ = '\\';
            p++;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

static bool text_visible(App *app, const char *needle)
{
    app_draw(app);
    for (int i = 0; i < app->dl.n_cmd; i++) {
        if (app->dl.cmd[i].kind == UI_CMD_TEXT && strstr(app->dl.cmd[i].text, needle))
            return true;
    }
    /* a label cut with "..." still counts with its whole text */
    for (int i = 0; i < app->dl.n_widget; i++) {
        if (strstr(app->dl.widget[i].text, needle))
            return true;
    }
    return false;
}

static void dump(App *app, FILE *out)
{
    app_draw(app);
    fprintf(out, "{\"screen\":\"%s\",\"lang\":\"%s\",\"sound\":\"%s\",\"widgets\":[",
            ui_screen_name(app->st.screen), ui_lang_name(app->st.lang),
            (int)app->last_sound >= 0 ? ui_sound_name(app->last_sound) : "none");
    for (int i = 0; i < app->dl.n_widget; i++) {
        const UiWidget *w = &app->dl.widget[i];
        fprintf(out, "%s{\"id\":", i ? "," : "");
        json_string(out, w->id);
        fprintf(out, ",\"kind\":\"%s\",\"text\":", ui_widget_kind_name(w->kind));
        json_string(out, w->text);
        fprintf(out, ",\"rect\":[%d,%d,%d,%d]}", w->rect.x, w->rect.y, w->rect.w, w->rect.h);
    }
    fprintf(out, "]}\n");
    fflush(out);
    app->last_sound = (UiSound)-1;
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}
