/* bench_kiosk: the kiosk's figures, printed (not run by CTest).
 *
 *   scan -> frame   a code read by a USB scanner (libusb under umockdev, the replay tests'
 *                   emulation) goes through the scanner thread, the SDL user event, kiosk_ui, the
 *                   store (lend check) and the renderer until the frame that shows the item is
 *                   presented: bua-kiosk's own event loop, in-process, offscreen, software
 *                   renderer. At 1024x600 and 1920x1080, in a basket of 1 and of 12 lines, and a
 *                   tap on the year figures; p50/p95/p99/max, with the hand-off (last report ->
 *                   UI loop), UI + store and drawing apart. At full speed with whole-frame
 *                   redraws as the baseline in the same run, and at a quarter of one core (a
 *                   cgroup CPU quota of 25 ms per 100 ms; see quota_open) standing in for a
 *                   low-end kiosk PC. With cgroup v1 only the kiosk's threads (UI loop, scanner
 *                   thread) are held to the quota and the emulated scanner's side, which stands
 *                   for hardware, is not; cgroup v2 and systemd-run hold the whole process. Goals:
 * p99 1920x1080 <= 4 ms at full speed, <= 16.7 ms at a quarter core; 1024x600 <= 10 ms at a quarter
 * core. start -> frame  from starting bua-kiosk to its first frame (goal <= 300 ms) idle CPU
 * bua-kiosk waiting at the home screen for 10 s (goal <= 1 %) peak RSS        bua-kiosk through a
 * whole session: borrow, return, stocktake, year figures (goal <= 64 MB)
 *
 * Usage: bench_kiosk [--runs N] [BUA_KIOSK ASSETS_DIR [WORK_DIR]] (default: the bua-kiosk built
 * with it, the source tree's assets, a new private directory made with mkdtemp under $TMPDIR or
 * /tmp and removed at the end). --runs N repeats the scan -> frame runs and prints medians.
 * A centre of 300 items, 60 borrowers and a year of loans is made in WORK_DIR with the inventory
 * API. The scan -> frame runs are children of this program started under umockdev-wrapper
 * (bench_kiosk --frames ...). Scans come one at a time, BENCH_KIOSK_GAP_MS (default 40) after
 * the frame before, with a tap taking the line away in between. */
#include "app.h"
#include "check.h"
#include "usbmock.h"

#include <SDL.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *const categories[] = {"Ski", "Sk\xC3\xB8yter", "Hjelm", "Telt", "Sykkel", "SUP"};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* HID keyboard reports (US layout, as the scanner is set up by default) that type text and
 * Enter: press, release, ... Returns how many. */
static size_t keyboard_reports(const char *text, uint8_t (*out)[8])
{
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        uint8_t mod = 0;
        uint8_t key = 0;
        if (*p >= '1' && *p <= '9')
            key = (uint8_t)(0x1e + (*p - '1'));
        else if (*p == '0')
            key = 0x27;
        else if (*p >= 'A' && *p <= 'Z') {
            key = (uint8_t)(0x04 + (*p - 'A'));
            mod = 0x02; /* left shift */
        } else if (*p >= 'a' && *p <= 'z')
            key = (uint8_t)(0x04 + (*p - 'a'));
        else if (*p == '-')
            key = 0x2d;
        CHECK(key != 0);
        memset(out[n], 0, 8);
        out[n][0] = mod;
        out[n++][2] = key;
        memset(out[n++], 0, 8);
    }
    memset(out[n], 0, 8);
    out[n++][2] = 0x28;
    memset(out[n++], 0, 8);
    return n;
}

static void make_centre(const char *path)
{
    unlink(path);
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    InvOpenOptions oo = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    CHECK_EQ(inv_open(&oo, &db, msg, sizeof msg), INV_OK);
    int64_t t0 = 0;
    CHECK(inv_time_parse("2026-01-05T10:00", &t0));
    for (int i = 0; i < 300; i++) {
        InvItem it;
        memset(&it, 0, sizeof it);
        snprintf(it.barcode, sizeof it.barcode, "ITEM-%04d", i);
        snprintf(it.name, sizeof it.name, "%s nr %d", categories[i % 6], i);
        snprintf(it.category, sizeof it.category, "%s", categories[i % 6]);
        snprintf(it.location, sizeof it.location, "HYLLE-%c%d", 'A' + i % 5, i % 3 + 1);
        CHECK_EQ(inv_item_add(db, &it, t0, NULL), INV_OK);
    }
    for (int i = 0; i < 60; i++) {
        InvBorrower b;
        memset(&b, 0, sizeof b);
        snprintf(b.card, sizeof b.card, "B-%04d", 1001 + i);
        snprintf(b.name, sizeof b.name, "L\xC3\xA5ner %d", i);
        b.consent = true;
        CHECK_EQ(inv_borrower_add(db, &b, t0, NULL), INV_OK);
    }
    InvStaff s = {.name = "Lise Leder", .card = "S-2001", .role = INV_ROLE_LEADER};
    CHECK_EQ(inv_staff_add(db, &s, "2468", NULL), INV_OK);
    /* a year of loans and returns: 150 items out and back over ten weeks */
    for (int i = 0; i < 150; i++) {
        InvBorrower b;
        char card[16];
        snprintf(card, sizeof card, "B-%04d", 1001 + i % 60);
        CHECK_EQ(inv_borrower_get(db, card, &b), INV_OK);
        char code[16];
        snprintf(code, sizeof code, "ITEM-%04d", 100 + i);
        const char *codes[1] = {code};
        int64_t when = t0 + (int64_t)i * 86400 / 2;
        InvCheckout co = {.borrower_id = b.id, .barcodes = codes, .n_barcodes = 1, .now = when};
        CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
        InvReturn r = {code, false, NULL, 0, when + 5 * 86400};
        InvReturned out;
        CHECK_EQ(inv_return(db, &r, &out), INV_OK);
    }
    inv_close(db);
}

static void load_catalogue(UiCatalog *cat, const char *assets)
{
    static const char *const files[UI_LANG_COUNT] = {"nb.po", "en.po"};
    ui_catalog_init(cat);
    for (int lang = 0; lang < UI_LANG_COUNT; lang++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/i18n/%s", assets, files[lang]);
        FILE *f = fopen(path, "rb");
        CHECK(f != NULL);
        static char buf[200000];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        char err[128];
        CHECK(ui_catalog_load_po(cat, (UiLang)lang, buf, n, err, sizeof err) > 0);
    }
}

/* ---- scan -> frame, through the real loop (a child under umockdev-wrapper) --------------------
 */

enum { SCANS = 100, WARM = 5 };

static bool quota_in_force(void);

typedef enum Case { CASE_BASKET_1, CASE_BASKET_12, CASE_STATS, CASE_COUNT } Case;

static const char *const case_names[CASE_COUNT] = {"basket, 1 line", "basket, 12 lines",
                                                   "year figures"};

/* What the loop's trace saw (main thread and scanner thread), and what the feeder asks for. */
typedef struct Probe {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    App *app;
    MockDev *dev;
    Case which;
    uint64_t t_report; /* the code's last report left the emulated scanner */
    uint64_t t_callback;
    uint64_t t_input;
    uint64_t t_ui;
    uint64_t t_frame;
    uint64_t cpu_input; /* the loop thread's CPU time at INPUT and FRAME */
    uint64_t cpu_frame;
    long frames;        /* FRAME marks so far */
    int basket_n;       /* lines in the basket at the last frame */
    int stats_year;     /* year shown at the last frame */
    long damage_px;     /* pixels redrawn for the last frame */
    float tap_x, tap_y; /* where the next tap goes (0..1), found at the last frame */
    bool tap_ok;
    bool failed;
} Probe;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static uint64_t thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void probe_mark(void *user, AppMark m)
{
    Probe *p = user;
    uint64_t t = now_ns();
    if (m == APP_MARK_SCAN_CALLBACK) { /* scanner thread: the report that made the code is the
                                          last one handed over until this callback returns */
        uint64_t rep = usbmock_last_data_ns(p->dev);
        pthread_mutex_lock(&p->lock);
        p->t_report = rep;
        p->t_callback = t;
        pthread_mutex_unlock(&p->lock);
        return;
    }
    pthread_mutex_lock(&p->lock);
    if (m == APP_MARK_INPUT) {
        p->t_input = t;
        p->cpu_input = thread_cpu_ns();
    } else if (m == APP_MARK_UI_DONE) {
        p->t_ui = t;
    } else {
        p->t_frame = t;
        p->cpu_frame = thread_cpu_ns();
        const App *app = p->app;
        p->basket_n = app->st.basket.n;
        p->stats_year = app->st.stats.year;
        gfx_damage(app->gfx, &p->damage_px);
        char id[UI_ID_MAX];
        if (p->which == CASE_STATS) /* back and forth between two years */
            snprintf(id, sizeof id, "%s",
                     app->st.stats.year < app->st.year_now ? "stats.next" : "stats.prev");
        else /* the newest line, at the top */
            snprintf(id, sizeof id, "basket.remove.%d", app->st.basket.n - 1);
        const UiWidget *w = ui_find(&app->dl, id);
        p->tap_ok = w != NULL;
        if (w) {
            p->tap_x = ((float)w->rect.x + (float)w->rect.w / 2) / (float)app->st.w;
            p->tap_y = ((float)w->rect.y + (float)w->rect.h / 2) / (float)app->st.h;
        }
        p->frames++;
        pthread_cond_broadcast(&p->cond);
    }
    pthread_mutex_unlock(&p->lock);
}

/* The emulated scanner's threads that opening it started from a thread in the quota (umockdev's
 * unnamed ones: SDL's and libusb's have names) go back out of it: they stand for hardware. */
static void emulation_out(int fd)
{
    DIR *d = opendir("/proc/self/task");
    CHECK(d != NULL);
    struct dirent *e;
    long self = (long)syscall(SYS_gettid);
    while ((e = readdir(d)) != NULL) {
        long tid = atol(e->d_name);
        if (tid <= 0 || tid == self)
            continue;
        char path[300];
        char comm[64] = "";
        snprintf(path, sizeof path, "/proc/self/task/%ld/comm", tid);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (!fgets(comm, sizeof comm, f))
            comm[0] = '\0';
        fclose(f);
        if (strncmp(comm, "bench_kiosk", 11) != 0)
            continue;
        char num[32];
        snprintf(num, sizeof num, "%ld", tid);
        if (write(fd, num, strlen(num)) != (ssize_t)strlen(num))
            fprintf(stderr, "bench_kiosk: cannot move thread %ld out of the quota: %s\n", tid,
                    strerror(errno));
    }
    closedir(d);
}

/* Waits for the frame after `since`; false after 10 s. */
static bool wait_frame(Probe *p, long since)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    pthread_mutex_lock(&p->lock);
    while (p->frames <= since) {
        if (pthread_cond_timedwait(&p->cond, &p->lock, &until) != 0)
            break;
    }
    bool ok = p->frames > since;
    pthread_mutex_unlock(&p->lock);
    return ok;
}

static long frames_now(Probe *p)
{
    pthread_mutex_lock(&p->lock);
    long n = p->frames;
    pthread_mutex_unlock(&p->lock);
    return n;
}

/* A tap on the widget the last frame pointed at, as the touchscreen would send it. */
static void push_tap(Probe *p)
{
    pthread_mutex_lock(&p->lock);
    bool ok = p->tap_ok;
    float x = p->tap_x;
    float y = p->tap_y;
    pthread_mutex_unlock(&p->lock);
    if (!ok) {
        fprintf(stderr, "bench_kiosk: nothing to tap on the %s screen\n", case_names[p->which]);
        p->failed = true;
        return;
    }
    SDL_Event e;
    SDL_zero(e);
    e.type = SDL_FINGERDOWN;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.tfinger.pressure = 1.0f;
    CHECK(SDL_PushEvent(&e) == 1);
    app_loop_wake(p->app);
}

typedef struct Series {
    double total[SCANS]; /* report (or tap) -> frame presented */
    double handoff[SCANS];
    double ui[SCANS];
    double draw[SCANS];
    double cpu[SCANS];    /* the loop thread's CPU time from taking the input to the frame */
    double damage[SCANS]; /* share of the screen redrawn */
} Series;

typedef struct Feeder {
    Probe *p;
    Series *s;
    int gap_ms;
} Feeder;

/* The counter: one code (or, on the year figures, one tap) at a time at a person's pace; in the
 * basket a tap takes the line away again between scans, so every scan adds the same line. */
static void *feed(void *arg)
{
    Feeder *f = arg;
    Probe *p = f->p;
    uint8_t reps[64][8];
    for (int k = 0; k < WARM + SCANS && !p->failed; k++) {
        long since = frames_now(p);
        uint64_t t0 = now_ns();
        if (p->which == CASE_STATS) {
            push_tap(p);
        } else {
            char code[16];
            snprintf(code, sizeof code, "ITEM-%04d", k % 100);
            size_t n = keyboard_reports(code, reps);
            for (size_t i = 0; i < n; i++)
                usbmock_queue(p->dev, reps[i], 8);
        }
        if (!wait_frame(p, since)) {
            fprintf(stderr, "bench_kiosk: no frame answered %s %d\n",
                    p->which == CASE_STATS ? "tap" : "scan", k);
            p->failed = true;
            break;
        }
        pthread_mutex_lock(&p->lock);
        uint64_t start = p->which == CASE_STATS ? t0 : p->t_report;
        int want = p->which == CASE_BASKET_12 ? 12 : 1;
        if (p->which != CASE_STATS && p->basket_n != want) {
            fprintf(stderr, "bench_kiosk: scan %d: %d lines in the basket, want %d\n", k,
                    p->basket_n, want);
            p->failed = true;
        }
        if (k >= WARM) {
            int i = k - WARM;
            f->s->total[i] = (double)(p->t_frame - start) / 1e6;
            f->s->handoff[i] = (double)(p->t_input - start) / 1e6;
            f->s->ui[i] = (double)(p->t_ui - p->t_input) / 1e6;
            f->s->draw[i] = (double)(p->t_frame - p->t_ui) / 1e6;
            f->s->cpu[i] = (double)(p->cpu_frame - p->cpu_input) / 1e6;
            f->s->damage[i] =
                (double)p->damage_px / ((double)p->app->st.w * (double)p->app->st.h) * 100.0;
        }
        pthread_mutex_unlock(&p->lock);
        sleep_ms(f->gap_ms);
        if (p->which != CASE_STATS) { /* take the line away again */
            since = frames_now(p);
            push_tap(p);
            if (!wait_frame(p, since)) {
                p->failed = true;
                break;
            }
            sleep_ms(f->gap_ms);
        }
    }
    SDL_Event q;
    SDL_zero(q);
    q.type = SDL_QUIT;
    SDL_PushEvent(&q);
    app_loop_wake(p->app);
    return NULL;
}

static void dispatch_text(App *app, UiEvKind kind, const char *text)
{
    UiEvent ev;
    ui_event_init(&ev, kind);
    ev.h.now_ms = app->clock_ms;
    if (kind == UI_EV_TEXT)
        app_copy(ev.text.text, sizeof ev.text.text, text);
    else if (kind == UI_EV_PRESS)
        app_copy(ev.press.id, sizeof ev.press.id, text);
    else
        ev.key.key = UI_KEY_ENTER;
    app_dispatch(app, &ev);
}

/* Puts the kiosk where the case starts: a fresh UI, then the borrower's basket (with 11 lines
 * for the 12-line case) or the leader's year figures. */
static void prepare(App *app, Case which)
{
    int w = 0;
    int h = 0;
    gfx_size(app->gfx, &w, &h);
    app->clock_ms = (int64_t)SDL_GetTicks64();
    ui_init(&app->st, &app->cfg, &app->cat, w, h, app->clock_ms);
    ui_set_year(&app->st, inv_time_year(app_now(app)));
    app->drawn = false;
    if (which == CASE_STATS) {
        app_scan(app, "S-2001");
        dispatch_text(app, UI_EV_TEXT, "2468");
        dispatch_text(app, UI_EV_KEY, NULL);
        dispatch_text(app, UI_EV_PRESS, "staff.leader");
        dispatch_text(app, UI_EV_PRESS, "leader.stats");
        CHECK_EQ(app->st.screen, UI_SCR_STATS);
    } else {
        app_scan(app, "B-1001");
        for (int i = 0; which == CASE_BASKET_12 && i < 11; i++) {
            char code[16];
            snprintf(code, sizeof code, "ITEM-%04d", 200 + i);
            app_scan(app, code);
        }
        CHECK_EQ(app->st.screen, UI_SCR_BASKET);
        CHECK_EQ(app->st.basket.n, which == CASE_BASKET_12 ? 11 : 0);
    }
    app_draw(app);
}

/* The p-th percentile by nearest rank (p99 of 100 scans: the 99th smallest). Sorts v. */
static double pct(double *v, int n, int p)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    int rank = (n * p + 99) / 100;
    return v[rank > 0 ? rank - 1 : 0];
}

/* bench_kiosk --frames W H SPEED MODES DB ASSETS: prints each case, and one "@" line per case
 * for the parent's summary. MODES: "damage" or "both" (full redraws first, as the baseline). */
static int run_frames(char **argv)
{
    int w = atoi(argv[2]);
    int h = atoi(argv[3]);
    const char *speed_key = argv[4]; /* "full" or "quarter" */
    const char *speed = strcmp(speed_key, "quarter") == 0 ? "quarter core" : "full speed";
    char size_name[32];
    snprintf(size_name, sizeof size_name, "%dx%d", w, h);
    bool both = strcmp(argv[5], "both") == 0;
    const char *db_path = argv[6];
    const char *assets = argv[7];
    int gap_ms = getenv("BENCH_KIOSK_GAP_MS") ? atoi(getenv("BENCH_KIOSK_GAP_MS")) : 40;

    UsbMock *m = usbmock_new(BENCH_SCANNER_DATA);
    Probe probe;
    memset(&probe, 0, sizeof probe);
    pthread_mutex_init(&probe.lock, NULL);
    pthread_cond_init(&probe.cond, NULL);
    probe.dev = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    /* cgroup v1: only this thread joins the quota, now that the emulated scanner's threads run
     * (they stand for hardware); the scanner and loop threads made from here on join with it */
    const char *tasks = getenv("BENCH_KIOSK_CGROUP_FD"); /* the parent opened it: umockdev
                                                             hides the real /sys from us */
    if (tasks) {
        char tid[32];
        snprintf(tid, sizeof tid, "%ld", (long)syscall(SYS_gettid));
        if (write(atoi(tasks), tid, strlen(tid)) != (ssize_t)strlen(tid)) {
            fprintf(stderr, "bench_kiosk: cannot join the quota's cgroup: %s\n", strerror(errno));
            return 4;
        }
        close(atoi(tasks));
    }
    const char *outside = getenv("BENCH_KIOSK_OUTSIDE_FD");
    if (strcmp(speed_key, "quarter") == 0) {
        printf("  quarter core: %s in the quota\n",
               tasks ? "the kiosk's threads (UI loop, scanner thread; not the USB emulation)"
                     : "the whole process (the USB emulation too)");
        if (!quota_in_force()) {
            usbmock_free(m);
            return 3;
        }
    }

    for (int mode = both ? 0 : 1; mode < 2; mode++) {
        bool full = mode == 0;
        App *app = calloc(1, sizeof *app);
        CHECK(app != NULL);
        ui_config_default(&app->cfg);
        app->last_sound = (UiSound)-1;
        load_catalogue(&app->cat, assets);
        char msg[INV_MSG_MAX];
        InvOpenOptions oo = {.path = db_path};
        CHECK_EQ(inv_open(&oo, &app->db, msg, sizeof msg), INV_OK);
        char font_dir[4200];
        snprintf(font_dir, sizeof font_dir, "%s/fonts", assets);
        GfxOptions go = {w, h, true, false, false, false, font_dir, full};
        char err[256];
        CHECK_EQ(gfx_open(&go, &app->gfx, err, sizeof err), 0);
        app->dl.measure = gfx_measure(app->gfx);
        int64_t epoch = 0;
        CHECK(inv_time_parse("2026-11-20T12:00", &epoch));
        app->epoch_ticks = epoch * 1000 - (int64_t)SDL_GetTicks64();
        probe.app = app;
        app->trace = probe_mark;
        app->trace_user = &probe;

        ScanConfig cfg;
        scan_config_init(&cfg);
        cfg.dedupe_ms = 0;
        CHECK_EQ(app_loop_open(app, &cfg, err, sizeof err), 0);
        ScanCtx *scan = NULL;
        CHECK_EQ(scan_open(&cfg, &scan), SCAN_OK);
        CHECK_EQ(scan_start(scan), SCAN_OK);
        for (int t = 0; t < 10000 && !usbmock_claimed(probe.dev, 0); t += 2)
            sleep_ms(2);
        CHECK(usbmock_claimed(probe.dev, 0));
        if (outside)
            emulation_out(atoi(outside));

        for (int c = 0; c < CASE_COUNT; c++) {
            static Series s;
            probe.which = (Case)c;
            prepare(app, (Case)c);
            struct rusage ru0;
            getrusage(RUSAGE_SELF, &ru0);
            Feeder f = {&probe, &s, gap_ms};
            pthread_t th;
            CHECK(pthread_create(&th, NULL, feed, &f) == 0);
            CHECK_EQ(app_loop_run(app), 0);
            pthread_join(th, NULL);
            CHECK(!probe.failed);
            struct rusage ru1;
            getrusage(RUSAGE_SELF, &ru1);
            double proc_ms = ((double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) +
                              (double)(ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec)) *
                                 1000.0 +
                             ((double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) +
                              (double)(ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec)) /
                                 1000.0;
            const char *mode_name = full ? "full redraw" : "damage";
            double p50 = pct(s.total, SCANS, 50); /* sorts: max is the last */
            double p95 = pct(s.total, SCANS, 95);
            double p99 = pct(s.total, SCANS, 99);
            double max = s.total[SCANS - 1];
            double h50 = pct(s.handoff, SCANS, 50);
            double h99 = pct(s.handoff, SCANS, 99);
            double u50 = pct(s.ui, SCANS, 50);
            double u99 = pct(s.ui, SCANS, 99);
            double d50 = pct(s.draw, SCANS, 50);
            double d99 = pct(s.draw, SCANS, 99);
            double c50 = pct(s.cpu, SCANS, 50);
            double c99 = pct(s.cpu, SCANS, 99);
            printf("  %-9s %-12s %-11s %-16s %s -> frame p50 %6.2f  p95 %6.2f  p99 %6.2f  "
                   "max %6.2f ms\n",
                   size_name, speed, mode_name, case_names[c], c == CASE_STATS ? " tap" : "scan",
                   p50, p95, p99, max);
            printf("      hand-off p50 %.2f p99 %.2f | UI + store p50 %.2f p99 %.2f | drawing p50 "
                   "%.2f p99 %.2f | loop CPU p50 %.2f p99 %.2f ms | redrawn %.0f %% (median)\n",
                   h50, h99, u50, u99, d50, d99, c50, c99, pct(s.damage, SCANS, 50));
            printf("      the whole process (USB emulation, libusb, scanner thread, loop) used "
                   "%.2f ms of CPU per %s\n",
                   proc_ms / (WARM + SCANS), c == CASE_STATS ? "tap" : "scan and tap");
            printf("@ %s %s %d %d %.4f %.4f %.4f\n", size_name, speed_key, full ? 0 : 1, c, p50,
                   p99, c99);
            fflush(stdout);
        }
        scan_close(scan);
        app_loop_close(app);
        gfx_close(app->gfx);
        inv_close(app->db);
        free(app);
    }
    usbmock_free(m);
    pthread_mutex_destroy(&probe.lock);
    pthread_cond_destroy(&probe.cond);
    return 0;
}

static pid_t spawn_kiosk(const char *kiosk, const char *db, const char *script, int *err_fd,
                         bool window)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
    char *argv[12];
    int n = 0;
    argv[n++] = (char *)kiosk;
    argv[n++] = "--db";
    argv[n++] = (char *)db;
    if (!window)
        argv[n++] = "--headless";
    argv[n++] = "--no-sound";
    argv[n++] = "--no-usb";
    if (script) {
        argv[n++] = "--script";
        argv[n++] = (char *)script;
        argv[n++] = "--now";
        argv[n++] = "2026-11-20T12:00";
    }
    argv[n] = NULL;
    pid_t pid = 0;
    CHECK(posix_spawn(&pid, kiosk, &fa, NULL, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    *err_fd = fds[0];
    return pid;
}

static void bench_start(const char *kiosk, const char *db)
{
    enum { RUNS = 7 };
    double t[RUNS];
    setenv("BUA_KIOSK_TIMING", "1", 1);
    for (int r = 0; r < RUNS; r++) {
        int fd = -1;
        double t0 = now_ms();
        pid_t pid = spawn_kiosk(kiosk, db, NULL, &fd, false);
        char buf[4096];
        size_t used = 0;
        for (;;) {
            ssize_t k = read(fd, buf + used, sizeof buf - used - 1);
            CHECK(k > 0);
            used += (size_t)k;
            buf[used] = '\0';
            if (strstr(buf, "first frame"))
                break;
        }
        t[r] = now_ms() - t0;
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        close(fd);
    }
    unsetenv("BUA_KIOSK_TIMING");
    qsort(t, RUNS, sizeof t[0], cmp_double);
    printf("start -> frame:  median %.1f ms, max %.1f ms over %d starts (goal <= 300 ms)\n",
           t[RUNS / 2], t[RUNS - 1], RUNS);
}

static double cpu_seconds(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    char buf[2048];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* fields after the command name */
    CHECK(p != NULL);
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    /* state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
    CHECK(sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) ==
          2);
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static long bench_idle(const char *kiosk, const char *db, bool window)
{
    int fd = -1;
    pid_t pid = spawn_kiosk(kiosk, db, NULL, &fd, window);
    struct timespec one = {1, 0};
    nanosleep(&one, NULL);
    double c0 = cpu_seconds(pid);
    double t0 = now_ms();
    struct timespec ten = {10, 0};
    nanosleep(&ten, NULL);
    double c1 = cpu_seconds(pid);
    double wall = (now_ms() - t0) / 1000.0;
    kill(pid, SIGTERM);
    int status = 0;
    struct rusage ru;
    CHECK(wait4(pid, &status, 0, &ru) == pid);
    close(fd);
    printf("idle CPU:        %.2f %% over %.1f s at the home screen, %s (goal <= 1 %%)\n",
           (c1 - c0) / wall * 100.0, wall, window ? "in a window on $DISPLAY" : "offscreen");
    return ru.ru_maxrss;
}

static long bench_session(const char *kiosk, const char *db, const char *work)
{
    char script[1100];
    snprintf(script, sizeof script, "%s/bench_kiosk.script", work);
    FILE *f = fopen(script, "w");
    CHECK(f != NULL);
    fputs("scan B-1001\n", f);
    for (int i = 0; i < 20; i++)
        fprintf(f, "scan ITEM-%04d\n", i);
    fputs("tap basket.finish\nexpect screen receipt\ntap receipt.done\ntap home.return\n", f);
    for (int i = 0; i < 20; i++)
        fprintf(f, "scan ITEM-%04d\n", i);
    fputs("tap return.done\nscan S-2001\ntype 2468\nkey enter\ntap staff.leader\n"
          "tap leader.audit\nscan HYLLE-A1\n",
          f);
    for (int i = 0; i < 300; i += 5)
        fprintf(f, "scan ITEM-%04d\n", i);
    fputs("tap audit.finish\ntap audit.back\ntap leader.stats\nexpect screen stats\n"
          "tap stats.prev\ntap stats.next\nshot bench_kiosk.png\n",
          f);
    fclose(f);
    int fd = -1;
    pid_t pid = spawn_kiosk(kiosk, db, script, &fd, false);
    int status = 0;
    struct rusage ru;
    CHECK(wait4(pid, &status, 0, &ru) == pid);
    close(fd);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return ru.ru_maxrss;
}

/* ---- a quarter of one core ---------------------------------------------------------------- */

typedef enum QuotaKind { QUOTA_NONE, QUOTA_V2, QUOTA_V1, QUOTA_SYSTEMD } QuotaKind;

typedef struct Quota {
    QuotaKind kind;
    char dir[1024]; /* v1, v2: the cgroup made for the runs */
    char how[7000]; /* what is used, or what was tried and why it failed */
} Quota;

static bool write_text(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(text);
}

static bool read_text(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
    return true;
}

/* This process's cgroup for a v1 controller ("cpu"), or its v2 cgroup (controller ""). */
static bool own_cgroup(const char *controller, char *out, size_t size)
{
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f)
        return false;
    char line[1024];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *list = strchr(line, ':');
        char *path = list ? strchr(list + 1, ':') : NULL;
        if (!path)
            continue;
        *path++ = '\0';
        list++;
        if (controller[0] == '\0') {
            found = strcmp(line, "0") == 0 && list[0] == '\0';
        } else {
            size_t len = strlen(controller);
            for (const char *p = list; *p && !found; p += strcspn(p, ","), p += *p == ',')
                found = strncmp(p, controller, len) == 0 && (p[len] == ',' || p[len] == '\0');
        }
        if (found)
            snprintf(out, size, "%s", strcmp(path, "/") == 0 ? "" : path);
    }
    fclose(f);
    return found;
}

static int run_quiet(char *const argv[])
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Finds a way to hold the scan -> frame children to 25 ms of CPU per 100 ms: a cgroup v2 with
 * cpu.max, else a cgroup v1 with cpu.cfs_quota_us (a container that runs as root usually lets
 * us make one), else systemd-run --scope -p CPUQuota=25%. */
static void quota_open(Quota *q)
{
    memset(q, 0, sizeof *q);
    char tried[3][2200] = {"", "", ""};
    char self[512];
    char buf[512];
    char path[2048];
    static const char *const v2_roots[] = {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"};
    snprintf(tried[0], sizeof tried[0], "no cgroup v2 with the cpu controller");
    for (int r = 0; r < 2 && q->kind == QUOTA_NONE; r++) {
        snprintf(path, sizeof path, "%s/cgroup.controllers", v2_roots[r]);
        if (!read_text(path, buf, sizeof buf) || !own_cgroup("", self, sizeof self))
            continue;
        snprintf(path, sizeof path, "%s%s/cgroup.controllers", v2_roots[r], self);
        if (!read_text(path, buf, sizeof buf) || !strstr(buf, "cpu"))
            continue;
        snprintf(path, sizeof path, "%s%s/cgroup.subtree_control", v2_roots[r], self);
        write_text(path, "+cpu"); /* may already be on; a failure shows below */
        snprintf(q->dir, sizeof q->dir, "%s%s/bua-bench-%d", v2_roots[r], self, (int)getpid());
        snprintf(path, sizeof path, "%s/cpu.max", q->dir);
        if (mkdir(q->dir, 0755) != 0) {
            snprintf(tried[0], sizeof tried[0], "cgroup v2: cannot make %s: %s", q->dir,
                     strerror(errno));
        } else if (!write_text(path, "25000 100000")) {
            snprintf(tried[0], sizeof tried[0], "cgroup v2: cannot write %s: %s", path,
                     strerror(errno));
            rmdir(q->dir);
        } else {
            q->kind = QUOTA_V2;
            snprintf(q->how, sizeof q->how, "cgroup v2 %s, cpu.max = 25000 100000", q->dir);
        }
    }
    static const char *const v1_roots[] = {"/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"};
    snprintf(tried[1], sizeof tried[1], "no cgroup v1 cpu controller");
    for (int r = 0; r < 2 && q->kind == QUOTA_NONE; r++) {
        snprintf(path, sizeof path, "%s/cpu.cfs_quota_us", v1_roots[r]);
        if (access(path, F_OK) != 0 || !own_cgroup("cpu", self, sizeof self))
            continue;
        snprintf(q->dir, sizeof q->dir, "%s%s/bua-bench-%d", v1_roots[r], self, (int)getpid());
        char period[2048];
        snprintf(path, sizeof path, "%s/cpu.cfs_quota_us", q->dir);
        snprintf(period, sizeof period, "%s/cpu.cfs_period_us", q->dir);
        if (mkdir(q->dir, 0755) != 0) {
            snprintf(tried[1], sizeof tried[1], "cgroup v1: cannot make %s: %s", q->dir,
                     strerror(errno));
        } else if (!write_text(period, "100000") || !write_text(path, "25000")) {
            snprintf(tried[1], sizeof tried[1], "cgroup v1: cannot set the quota in %s: %s", q->dir,
                     strerror(errno));
            rmdir(q->dir);
        } else {
            q->kind = QUOTA_V1;
            snprintf(q->how, sizeof q->how,
                     "cgroup v1 %s, cpu.cfs_quota_us = 25000 per cpu.cfs_period_us = 100000 "
                     "(no cgroup v2 cpu controller here)",
                     q->dir);
        }
    }
    if (q->kind == QUOTA_NONE) {
        char *argv[] = {"systemd-run", "--scope", "--quiet", "-p", "CPUQuota=25%", "true", NULL};
        if (run_quiet(argv) == 0) {
            q->kind = QUOTA_SYSTEMD;
            snprintf(q->how, sizeof q->how, "systemd-run --scope -p CPUQuota=25%%");
        } else {
            snprintf(tried[2], sizeof tried[2], "systemd-run --scope -p CPUQuota=25%% failed");
        }
    }
    if (q->kind == QUOTA_NONE)
        snprintf(q->how, sizeof q->how, "%s; %s; %s", tried[0], tried[1], tried[2]);
}

/* In the child, before exec: the whole process joins the cgroup (v2 moves processes only). */
static bool quota_join(const Quota *q)
{
    if (q->kind != QUOTA_V1 && q->kind != QUOTA_V2)
        return true;
    char path[1100];
    char pid[32];
    snprintf(path, sizeof path, "%s/cgroup.procs", q->dir);
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    return write_text(path, pid);
}

static void quota_close(Quota *q)
{
    if (q->kind != QUOTA_V1 && q->kind != QUOTA_V2)
        return;
    char path[1100];
    char stat[1024];
    snprintf(path, sizeof path, "%s/cpu.stat", q->dir);
    if (read_text(path, stat, sizeof stat)) {
        const char *t = strstr(stat, "nr_throttled ");
        long n = t ? atol(t + 13) : -1;
        printf("quarter core: the quota held the children back in %ld periods of 100 ms\n", n);
    }
    if (rmdir(q->dir) != 0)
        fprintf(stderr, "bench_kiosk: cannot remove %s: %s\n", q->dir, strerror(errno));
}

/* Burns CPU for 100 ms and tells whether that took the wall time a quarter core needs. */
static bool quota_in_force(void)
{
    struct timespec c0;
    struct timespec c1;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    double w0 = now_ms();
    volatile unsigned x = 0;
    for (;;) {
        for (int i = 0; i < 100000; i++)
            x = x * 1664525u + 1013904223u;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        double cpu =
            (double)(c1.tv_sec - c0.tv_sec) * 1000.0 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
        if (cpu >= 100.0) {
            double wall = now_ms() - w0;
            printf("  quarter core: 100 ms of CPU took %.0f ms (at 25 %% at least ~300)\n", wall);
            return wall >= 200.0;
        }
    }
}

/* ---- the parent: runs, summary ------------------------------------------------------------- */

enum { SIZES = 2, SPEEDS = 2, MODES = 2, RUNS_MAX = 15 };

static const int sizes[SIZES][2] = {{1024, 600}, {1920, 1080}};
static const char *const speed_keys[SPEEDS] = {"full", "quarter"};

typedef struct Results {
    double p50[RUNS_MAX][SIZES][SPEEDS][MODES][CASE_COUNT];
    double p99[RUNS_MAX][SIZES][SPEEDS][MODES][CASE_COUNT];
    double cpu99[RUNS_MAX][SIZES][SPEEDS][MODES][CASE_COUNT]; /* the loop thread's CPU, p99 */
    bool have[SIZES][SPEEDS][MODES][CASE_COUNT];
} Results;

/* One child: bench_kiosk --frames under umockdev-wrapper (in the quota for a quarter core). */
static int run_child(const char *self, int size, int speed, const char *db, const char *assets,
                     const Quota *q, Results *res, int run)
{
    char w[16];
    char h[16];
    snprintf(w, sizeof w, "%d", sizes[size][0]);
    snprintf(h, sizeof h, "%d", sizes[size][1]);
    const char *modes = speed == 0 ? "both" : "damage";
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        if (speed == 1 && q->kind == QUOTA_V1) { /* threads join one by one (run_frames) */
            char tasks[1100];
            snprintf(tasks, sizeof tasks, "%s/tasks", q->dir);
            int fd = open(tasks, O_WRONLY); /* inherited by the child */
            if (fd < 0) {
                fprintf(stderr, "bench_kiosk: cannot open %s: %s\n", tasks, strerror(errno));
                _exit(4);
            }
            char num[16];
            snprintf(num, sizeof num, "%d", fd);
            setenv("BENCH_KIOSK_CGROUP_FD", num, 1);
            /* and where the emulation's threads go back to: the cgroup this runs in */
            char parent[1100];
            snprintf(parent, sizeof parent, "%s", q->dir);
            char *slash = strrchr(parent, '/');
            CHECK(slash != NULL);
            snprintf(slash, sizeof parent - (size_t)(slash - parent), "/tasks");
            int out_fd = open(parent, O_WRONLY);
            if (out_fd < 0) {
                fprintf(stderr, "bench_kiosk: cannot open %s: %s\n", parent, strerror(errno));
                _exit(4);
            }
            snprintf(num, sizeof num, "%d", out_fd);
            setenv("BENCH_KIOSK_OUTSIDE_FD", num, 1);
        } else if (speed == 1 && !quota_join(q)) {
            fprintf(stderr, "bench_kiosk: cannot join %s: %s\n", q->dir, strerror(errno));
            _exit(4);
        }
        setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 0); /* sanitizers + LD_PRELOAD */
        const char *wrapper = UMOCKDEV_WRAPPER_PATH;
        if (speed == 1 && q->kind == QUOTA_SYSTEMD)
            execlp("systemd-run", "systemd-run", "--scope", "--quiet", "-p", "CPUQuota=25%", "--",
                   wrapper, self, "--frames", w, h, speed_keys[speed], modes, db, assets,
                   (char *)NULL);
        else
            execl(wrapper, wrapper, self, "--frames", w, h, speed_keys[speed], modes, db, assets,
                  (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "r");
    CHECK(in != NULL);
    char line[1024];
    while (fgets(line, sizeof line, in)) {
        if (line[0] != '@') {
            fputs(line, stdout);
            continue;
        }
        char sz[32];
        char sp[16];
        int mode = 0;
        int c = 0;
        double p50 = 0;
        double p99 = 0;
        double cpu99 = 0;
        CHECK(sscanf(line, "@ %31s %15s %d %d %lf %lf %lf", sz, sp, &mode, &c, &p50, &p99,
                     &cpu99) == 7);
        CHECK(mode >= 0 && mode < MODES && c >= 0 && c < CASE_COUNT);
        res->p50[run][size][speed][mode][c] = p50;
        res->p99[run][size][speed][mode][c] = p99;
        res->cpu99[run][size][speed][mode][c] = cpu99;
        res->have[size][speed][mode][c] = true;
    }
    fclose(in);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static double median_of(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The median over runs of p50, p99 or CPU p99 (which = 0, 1, 2), and its range. */
static double over_runs(const Results *res, int runs, int which, int size, int speed, int mode,
                        int c, double *lo, double *hi)
{
    double v[RUNS_MAX];
    for (int r = 0; r < runs; r++)
        v[r] = which == 2   ? res->cpu99[r][size][speed][mode][c]
               : which == 1 ? res->p99[r][size][speed][mode][c]
                            : res->p50[r][size][speed][mode][c];
    double m = median_of(v, runs);
    if (lo)
        *lo = v[0];
    if (hi)
        *hi = v[runs - 1];
    return m;
}

static void summary(const Results *res, int runs, const Quota *q, bool quarter_ok)
{
    printf("\nscan -> frame, %s of %d run%s (p50 / p99 wall, [p99 CPU of the loop thread], ms; "
           "year: tap -> frame):\n",
           runs > 1 ? "medians" : "one", runs, runs > 1 ? "s" : "");
    for (int speed = 0; speed < SPEEDS; speed++) {
        for (int mode = 0; mode < MODES; mode++) {
            for (int size = 0; size < SIZES; size++) {
                if (!res->have[size][speed][mode][0])
                    continue;
                printf("  %-12s %-11s %4dx%-4d", speed ? "quarter core" : "full speed",
                       mode ? "damage" : "full redraw", sizes[size][0], sizes[size][1]);
                for (int c = 0; c < CASE_COUNT; c++) {
                    double lo = 0;
                    double hi = 0;
                    double p50 = over_runs(res, runs, 0, size, speed, mode, c, NULL, NULL);
                    double p99 = over_runs(res, runs, 1, size, speed, mode, c, &lo, &hi);
                    printf("  %s %5.2f / %5.2f",
                           c == 0   ? "1 line"
                           : c == 1 ? "12 lines"
                                    : "year",
                           p50, p99);
                    if (runs > 1)
                        printf(" (%.2f-%.2f)", lo, hi);
                    printf(" [%.2f]", over_runs(res, runs, 2, size, speed, mode, c, NULL, NULL));
                }
                printf("\n");
            }
        }
    }
    static const struct {
        int size, speed;
        double goal;
    } goals[] = {{1, 0, 4.0}, {1, 1, 16.7}, {0, 1, 10.0}};
    printf("goals (p99 of the worse basket, damage tracking):\n");
    for (size_t g = 0; g < sizeof goals / sizeof goals[0]; g++) {
        int size = goals[g].size;
        int speed = goals[g].speed;
        printf("  %4dx%-4d %-12s ", sizes[size][0], sizes[size][1],
               speed ? "quarter core" : "full speed");
        if (!res->have[size][speed][1][0] || (speed == 1 && !quarter_ok)) {
            printf("NOT MEASURED: %s\n",
                   speed == 1 ? q->how : "the scan -> frame runs did not finish");
            continue;
        }
        double p = 0;
        double cpu = 0;
        for (int c = 0; c < 2; c++) {
            double v = over_runs(res, runs, 1, size, speed, 1, c, NULL, NULL);
            double u = over_runs(res, runs, 2, size, speed, 1, c, NULL, NULL);
            p = v > p ? v : p;
            cpu = u > cpu ? u : cpu;
        }
        printf("p99 %6.2f ms (goal <= %.1f ms: %s; loop CPU p99 %.2f ms)", p, goals[g].goal,
               p <= goals[g].goal ? "met" : "MISSED", cpu);
        if (res->have[size][speed][0][0]) {
            double b = 0;
            for (int c = 0; c < 2; c++) {
                double v = over_runs(res, runs, 1, size, speed, 0, c, NULL, NULL);
                b = v > b ? v : b;
            }
            printf("; full redraws in the same run %.2f ms (%.1fx)", b, p > 0 ? b / p : 0.0);
        }
        printf("\n");
    }
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    if (rmdir(dir) != 0)
        fprintf(stderr, "bench_kiosk: cannot remove %s: %s\n", dir, strerror(errno));
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--frames") == 0) {
        const char *preload = getenv("LD_PRELOAD");
        if (argc != 8 || !preload || !strstr(preload, "umockdev-preload")) {
            fprintf(stderr, "bench_kiosk: --frames W H full|quarter both|damage DB ASSETS runs "
                            "under umockdev-wrapper (bench_kiosk starts it so)\n");
            return 2;
        }
        return run_frames(argv);
    }
    int runs = 1;
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
        runs = atoi(argv[2]);
        a = 3;
    }
    int rest = argc - a;
    if (runs < 1 || runs > RUNS_MAX || rest == 1 || rest > 3) {
        fprintf(stderr, "usage: bench_kiosk [--runs N (1-%d)] [BUA_KIOSK ASSETS_DIR [WORK_DIR]]\n",
                RUNS_MAX);
        return 2;
    }
    static char kiosk[4096];
    static char assets[4096];
    static char self[4096];
    CHECK(realpath(rest >= 2 ? argv[a] : BENCH_KIOSK_PATH, kiosk) != NULL);
    CHECK(realpath(rest >= 2 ? argv[a + 1] : BENCH_ASSETS_DIR, assets) != NULL);
    ssize_t sn = readlink("/proc/self/exe", self, sizeof self - 1);
    CHECK(sn > 0);
    self[sn] = '\0';
    char work[1024];
    bool made = rest < 3;
    if (made) {
        const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(work, sizeof work, "%s/bench_kiosk.XXXXXX", tmp);
        CHECK(mkdtemp(work) != NULL);
    } else {
        CHECK(realpath(argv[a + 2], work) != NULL);
    }
    char db[1100];
    snprintf(db, sizeof db, "%s/bench_kiosk.db", work);
    make_centre(db);
    CHECK(chdir(work) == 0);
    char load[256] = "";
    read_text("/proc/loadavg", load, sizeof load);
    load[strcspn(load, "\n")] = '\0';
    printf("work dir %s; load average %s; %ld CPUs\n", work, load, sysconf(_SC_NPROCESSORS_ONLN));

    Quota q;
    quota_open(&q);
    printf("quarter core: %s%s\n", q.kind == QUOTA_NONE ? "IMPOSSIBLE HERE, not measured: " : "",
           q.how);
    static Results res;
    bool quarter_ok = q.kind != QUOTA_NONE;
    int done = 0;
    if (access(UMOCKDEV_WRAPPER_PATH, X_OK) != 0) {
        printf("scan -> frame: NOT MEASURED (umockdev-wrapper not installed)\n");
    } else {
        for (int r = 0; r < runs; r++) {
            printf("scan -> frame, run %d of %d:\n", r + 1, runs);
            for (int speed = 0; speed < SPEEDS; speed++) {
                if (speed == 1 && !quarter_ok)
                    continue;
                for (int size = 0; size < SIZES; size++) {
                    int rc = run_child(self, size, speed, db, assets, &q, &res, r);
                    if (rc == 3) {
                        printf("  QUARTER CORE NOT IN FORCE: the quota did not slow the child "
                               "down; no quarter-core figures\n");
                        quarter_ok = false;
                    } else {
                        CHECK_EQ(rc, 0);
                    }
                }
            }
            done++;
        }
        summary(&res, done, &q, quarter_ok);
    }
    quota_close(&q);

    bench_start(kiosk, db);
    long rss_idle = bench_idle(kiosk, db, false);
    if (getenv("DISPLAY")) { /* the real thing: a window on X11 */
        long rss_window = bench_idle(kiosk, db, true);
        printf("                 peak RSS of the kiosk in a window: %.1f MB\n",
               (double)rss_window / 1024.0);
        rss_idle = rss_window > rss_idle ? rss_window : rss_idle;
    }
    long rss_session = bench_session(kiosk, db, work);
    long peak = rss_idle > rss_session ? rss_idle : rss_session;
    printf("peak RSS:        %.1f MB through a whole session (goal <= 64 MB)\n",
           (double)peak / 1024.0);
    if (made) {
        CHECK(chdir("/") == 0);
        remove_dir(work);
    }
    return 0;
}
