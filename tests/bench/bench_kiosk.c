/* bench_kiosk: the kiosk's four figures, printed (not run by CTest).
 *
 *   scan -> frame   a scan event goes through kiosk_ui, the store (lend check) and the renderer
 *                   until the frame that shows the item is presented (in-process, offscreen
 *                   software renderer; goal <= 16.7 ms, one frame at 60 Hz)
 *   start -> frame  from starting bua-kiosk to its first frame (goal <= 300 ms)
 *   idle CPU        bua-kiosk waiting at the home screen for 10 s (goal <= 1 %)
 *   peak RSS        bua-kiosk through a whole session: borrow, return, stocktake, year figures
 *                   (goal <= 64 MB)
 *
 * Usage: bench_kiosk [BUA_KIOSK ASSETS_DIR [WORK_DIR]] (default: the bua-kiosk built with it,
 * the source tree's assets, /tmp). A centre of 300 items, 60 borrowers and
 * a year of loans is made in WORK_DIR (default /tmp) with the inventory API. */
#include "app.h"
#include "check.h"

#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void make_centre(const char *path)
{
    unlink(path);
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    InvOpenOptions oo = {path, true, "Europe/Oslo", 0};
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

/* Scan -> presented frame, in-process. */
static void bench_scan_to_frame(const char *db_path, const char *assets)
{
    App *app = calloc(1, sizeof *app);
    CHECK(app != NULL);
    ui_config_default(&app->cfg);
    app->last_sound = (UiSound)-1;
    app->script = true;
    load_catalogue(&app->cat, assets);
    char msg[INV_MSG_MAX];
    InvOpenOptions oo = {db_path, false, NULL, 0};
    CHECK_EQ(inv_open(&oo, &app->db, msg, sizeof msg), INV_OK);
    char font_dir[4200];
    snprintf(font_dir, sizeof font_dir, "%s/fonts", assets);
    GfxOptions go = {1024, 600, true, false, false, false, font_dir};
    char err[256];
    CHECK_EQ(gfx_open(&go, &app->gfx, err, sizeof err), 0);
    app->dl.measure = gfx_measure(app->gfx);
    CHECK(inv_time_parse("2026-11-20T12:00", &app->epoch_base));
    ui_init(&app->st, &app->cfg, &app->cat, 1024, 600, 0);
    ui_set_year(&app->st, 2026);
    app_draw(app);

    UiEvent ev;
    ui_event_init(&ev, UI_EV_SCAN);
    snprintf(ev.scan.code, sizeof ev.scan.code, "B-1001");
    app_dispatch(app, &ev);
    app_draw(app);
    CHECK_EQ(app->st.screen, UI_SCR_BASKET);

    enum { N = 300 };
    static double t[N];
    static double store[N]; /* kiosk_ui + the store's lend check */
    static double draw[N];  /* view + software rendering + present */
    static double cpu[N];
    for (int i = 0; i < N; i++) {
        char code[16];
        snprintf(code, sizeof code, "ITEM-%04d", i % 100);
        ui_event_init(&ev, UI_EV_SCAN);
        snprintf(ev.scan.code, sizeof ev.scan.code, "%s", code);
        double c0 = cpu_ms();
        double t0 = now_ms();
        app_dispatch(app, &ev);
        double t1 = now_ms();
        app_draw(app);
        t[i] = now_ms() - t0;
        cpu[i] = cpu_ms() - c0;
        store[i] = t1 - t0;
        draw[i] = t[i] - store[i];
        CHECK_EQ(app->st.basket.n, 1);
        CHECK_EQ(app->st.basket.lines[0].state, UI_LINE_OK);
        ui_event_init(&ev, UI_EV_PRESS);
        snprintf(ev.press.id, sizeof ev.press.id, "basket.remove.0");
        app_dispatch(app, &ev);
        app_draw(app);
    }
    qsort(t, N, sizeof t[0], cmp_double);
    qsort(cpu, N, sizeof cpu[0], cmp_double);
    qsort(store, N, sizeof store[0], cmp_double);
    qsort(draw, N, sizeof draw[0], cmp_double);
    printf("scan -> frame:   median %.2f ms, p95 %.2f ms, max %.2f ms over %d scans "
           "(goal <= 16.7 ms)\n",
           t[N / 2], t[N * 95 / 100], t[N - 1], N);
    printf("                 of which UI + store %.2f ms, drawing %.2f ms (medians); CPU time "
           "median %.2f ms, p95 %.2f ms\n",
           store[N / 2], draw[N / 2], cpu[N / 2], cpu[N * 95 / 100]);
    gfx_close(app->gfx);
    inv_close(app->db);
    free(app);
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
    char script[1024];
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

int main(int argc, char **argv)
{
    if (argc == 2 || argc > 4) {
        fprintf(stderr, "usage: bench_kiosk [BUA_KIOSK ASSETS_DIR [WORK_DIR]]\n");
        return 2;
    }
    static char kiosk[4096];
    static char assets[4096];
    CHECK(realpath(argc > 2 ? argv[1] : BENCH_KIOSK_PATH, kiosk) != NULL);
    CHECK(realpath(argc > 2 ? argv[2] : BENCH_ASSETS_DIR, assets) != NULL);
    const char *work = argc > 3 ? argv[3] : "/tmp";
    char db[1024];
    snprintf(db, sizeof db, "%s/bench_kiosk.db", work);
    make_centre(db);
    CHECK(chdir(work) == 0);

    bench_scan_to_frame(db, assets);
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
    return 0;
}
