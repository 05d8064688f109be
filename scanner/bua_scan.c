/* bua-scan: the installers' diagnostic tool. `bua-scan --list` lists the scanners found;
 * `bua-scan` prints one line per code, tab-separated (port path, mode, symbology or "-", code),
 * flushed at once so it can be piped, until interrupted. Plug events and errors go to stderr. */
#include "bua_build.h"
#include "scanner.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LIST_MAX 64

/* Set by a signal, or by the event thread when stdout is gone: main then closes the context,
 * which gives the scanners back to their kernel drivers (dying on SIGPIPE would leave a
 * keyboard-mode scanner without its driver until it is replugged). Shared between threads and a
 * signal handler: a C11 atomic, which a handler may use only when lock-free. */
_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "atomic_bool must be lock-free for the handler");
static atomic_bool interrupted = false;

static void usage(FILE *f)
{
    fputs("usage: bua-scan [--list] [--layout us|no] [--dedupe SECONDS] [--set KEY=VALUE]...\n"
          "       bua-scan --help | --version\n"
          "\n"
          "Finds and reads the USB barcode scanners the kiosk would read (a diagnostic tool).\n"
          "\n"
          "options:\n"
          "  --list      list the scanners found (port path, VID:PID, interface, mode, layout)\n"
          "  (default)   print one line per code: PORT<TAB>MODE<TAB>SYMBOLOGY<TAB>CODE\n"
          "  --layout L  keyboard layout of keyboard-mode scanners (us or no)\n"
          "  --dedupe S  drop the same code from the same scanner within S seconds\n"
          "  --set K=V   any [scanner] setting of the kiosk config, e.g. --set 'device=1-4 no'\n"
          "  --help      this text\n"
          "  --version   the version\n",
          f);
}

static void on_signal(int sig)
{
    (void)sig;
    atomic_store(&interrupted, true);
}

static void on_code(const ScanCode *code, void *user)
{
    (void)user;
    printf("%s\t%s\t%s\t%s\n", code->port, bc_mode_name(code->mode),
           bc_symbology_name(code->code.symbology), code->code.text);
    if (fflush(stdout) == EOF || ferror(stdout))
        atomic_store(&interrupted, true); /* the reader went away (bua-scan | head -1) */
}

static void on_event(const ScanEvent *ev, void *user)
{
    (void)user;
    fprintf(stderr, "bua-scan: %s\n", ev->message);
}

static int set(ScanConfig *cfg, const char *key, const char *value)
{
    char err[160] = {0};
    int r = scan_config_set(cfg, key, value, err, sizeof(err));
    if (r != SCAN_OK) {
        fprintf(stderr, "bua-scan: %s\n", err[0] ? err : scan_strerror(r));
        return -1;
    }
    return 0;
}

static int list(ScanCtx *ctx)
{
    ScanInfo infos[LIST_MAX];
    size_t n = 0;
    int r = scan_list(ctx, infos, LIST_MAX, &n);

    if (r != SCAN_OK) {
        fprintf(stderr, "bua-scan: cannot list usb devices: %s\n", scan_strerror(r));
        return 1;
    }
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        const ScanInfo *s = &infos[i];
        printf("%s\t%04x:%04x\t%u\t%s\t%s%s\n", s->port, s->vid, s->pid, (unsigned)s->interface,
               bc_mode_name(s->mode), s->mode == BC_MODE_KEYBOARD ? bc_layout_name(s->layout) : "-",
               s->ignored ? "\tignored" : "");
    }
    if (n == 0)
        fprintf(stderr, "bua-scan: no scanner found (is it plugged in? add its VID:PID with "
                        "--set allow=VVVV:PPPP if its vendor is not known)\n");
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    ScanConfig cfg;
    ScanCtx *ctx = NULL;
    struct sigaction sa;
    bool do_list = false;
    int r = 0;
    int status = 0;

    scan_config_init(&cfg);
    cfg.on_code = on_code;
    cfg.on_event = on_event;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--list") == 0) {
            do_list = true;
        } else if (strcmp(a, "--layout") == 0 && i + 1 < argc) {
            if (set(&cfg, "layout", argv[++i]) != 0)
                return 2;
        } else if (strcmp(a, "--dedupe") == 0 && i + 1 < argc) {
            if (set(&cfg, "dedupe", argv[++i]) != 0)
                return 2;
        } else if (strcmp(a, "--set") == 0 && i + 1 < argc) {
            char kv[128] = {0};
            char *eq = NULL;
            if (strlen(argv[++i]) >= sizeof(kv) || (eq = strchr(argv[i], '=')) == NULL) {
                fprintf(stderr, "bua-scan: bad --set %s (want KEY=VALUE)\n", argv[i]);
                return 2;
            }
            memcpy(kv, argv[i], strlen(argv[i]));
            kv[eq - argv[i]] = '\0';
            if (set(&cfg, kv, kv + (eq - argv[i]) + 1) != 0)
                return 2;
        } else if (strcmp(a, "--version") == 0) {
            printf("bua-scan %s\n", BUA_VERSION);
            return 0;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }

    r = scan_open(&cfg, &ctx);
    if (r != SCAN_OK) {
        fprintf(stderr, "bua-scan: cannot start usb: %s\n", scan_strerror(r));
        return 1;
    }
    if (do_list) {
        status = list(ctx);
        scan_close(ctx);
        return status;
    }

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    r = scan_start(ctx);
    if (r != SCAN_OK) {
        fprintf(stderr, "bua-scan: cannot start: %s\n", scan_strerror(r));
        scan_close(ctx);
        return 1;
    }
    while (!atomic_load(&interrupted)) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL); /* cut short by the signal */
    }
    scan_close(ctx); /* releases the scanners and gives them back to their kernel drivers */
    return 0;
}
