/* Scanner figures: decode cost per code (barcode module, pure) and the time from the last
 * report of a code leaving the (emulated) device to the kiosk's callback, through the real libusb
 * path. Runs with no arguments; re-executes itself under umockdev-wrapper for the second part
 * (skipped with a note when umockdev is missing). The USB poll interval (1-10 ms on real
 * hardware) comes on top of the latency measured here. */
#include "barcode.h"
#include "scanner.h"
#include "usbmock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DECODE_ROUNDS 200000
#define LATENCY_CODES 300
#define WAIT_MS 10000

typedef struct {
    pthread_mutex_t lock;
    MockDev *dev;
    size_t n;
    uint64_t lat_ns[LATENCY_CODES];
} Lat;

static uint64_t now_ns(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The EAN-13 keyboard capture: press, release, ..., Enter, release. */
static size_t keyboard_reports(const char *digits, uint8_t (*out)[8])
{
    size_t n = 0;
    for (const char *p = digits; *p; p++) {
        memset(out[n], 0, 8);
        out[n++][2] = *p == '0' ? 0x27 : (uint8_t)(0x1e + (*p - '1'));
        memset(out[n++], 0, 8);
    }
    memset(out[n], 0, 8);
    out[n++][2] = 0x28;
    memset(out[n++], 0, 8);
    return n;
}

static void bench_decode(void)
{
    uint8_t reps[40][8];
    size_t n = keyboard_reports("7038010013966", reps);
    uint8_t pos[64] = {0x02, 13,  ']', 'E', '0', '7', '0', '3', '8',
                       '0',  '1', '0', '0', '1', '3', '9', '6', '6'};
    BcDecoder d;
    BcDedupe dd;
    BcCode c;
    uint64_t t0 = 0;
    uint64_t codes = 0;
    double kbd_ns = 0;
    double pos_ns = 0;

    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_NO);
    bc_dedupe_init(&dd, 0);
    t0 = now_ns();
    for (int r = 0; r < DECODE_ROUNDS; r++) {
        for (size_t i = 0; i < n; i++) {
            if (bc_feed(&d, reps[i], 8, (uint32_t)r, &c) == 1 && !bc_dedupe_is_repeat(&dd, &c))
                codes++;
        }
    }
    kbd_ns = (double)(now_ns() - t0) / DECODE_ROUNDS;
    if (codes != DECODE_ROUNDS) {
        fprintf(stderr, "bench_scanner: decoded %llu codes, want %d\n", (unsigned long long)codes,
                DECODE_ROUNDS);
        exit(1);
    }
    bc_decoder_init(&d, BC_MODE_HIDPOS, BC_LAYOUT_US);
    codes = 0;
    t0 = now_ns();
    for (int r = 0; r < DECODE_ROUNDS; r++)
        codes += bc_feed(&d, pos, sizeof(pos), (uint32_t)r, &c) == 1;
    pos_ns = (double)(now_ns() - t0) / DECODE_ROUNDS;
    if (codes != DECODE_ROUNDS)
        exit(1);
    printf("decode, keyboard EAN-13 (28 reports + checks + dedupe): %8.0f ns/code\n", kbd_ns);
    printf("decode, HID POS EAN-13 (1 report + checks):             %8.0f ns/code\n", pos_ns);
}

static void on_code(const ScanCode *code, void *user)
{
    Lat *l = user;
    uint64_t t = now_ns();
    (void)code;
    pthread_mutex_lock(&l->lock);
    if (l->n < LATENCY_CODES)
        l->lat_ns[l->n++] = t - usbmock_last_data_ns(l->dev);
    pthread_mutex_unlock(&l->lock);
}

static size_t lat_count(Lat *l)
{
    size_t n = 0;
    pthread_mutex_lock(&l->lock);
    n = l->n;
    pthread_mutex_unlock(&l->lock);
    return n;
}

static int bench_latency(const char *data_dir)
{
    UsbMock *m = usbmock_new(data_dir);
    Lat l;
    ScanConfig cfg;
    ScanCtx *ctx = NULL;
    uint8_t reps[40][8];
    size_t n = keyboard_reports("7038010013966", reps);
    struct timespec pause = {0, 2 * 1000 * 1000};

    memset(&l, 0, sizeof(l));
    pthread_mutex_init(&l.lock, NULL);
    l.dev = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    scan_config_init(&cfg);
    cfg.dedupe_ms = 0;
    cfg.on_code = on_code;
    cfg.user = &l;
    if (scan_open(&cfg, &ctx) != SCAN_OK || scan_start(ctx) != SCAN_OK)
        return 1;
    for (int t = 0; t < WAIT_MS && !usbmock_claimed(l.dev, 0); t += 2)
        nanosleep(&pause, NULL);
    /* One code at a time, as at the counter: the callback's delay is not queued behind others. */
    for (size_t code = 0; code < LATENCY_CODES; code++) {
        for (size_t i = 0; i < n; i++)
            usbmock_queue(l.dev, reps[i], 8);
        for (int t = 0; t < WAIT_MS && lat_count(&l) <= code; t += 2)
            nanosleep(&pause, NULL);
        if (lat_count(&l) <= code) {
            fprintf(stderr, "bench_scanner: code %zu never arrived\n", code);
            return 1;
        }
    }
    scan_close(ctx);
    usbmock_free(m);
    qsort(l.lat_ns, LATENCY_CODES, sizeof(l.lat_ns[0]), cmp_u64);
    printf("last report -> callback (libusb under umockdev, %d codes): median %.1f us, "
           "p99 %.1f us, max %.1f us\n",
           LATENCY_CODES, (double)l.lat_ns[LATENCY_CODES / 2] / 1e3,
           (double)l.lat_ns[LATENCY_CODES * 99 / 100] / 1e3,
           (double)l.lat_ns[LATENCY_CODES - 1] / 1e3);
    pthread_mutex_destroy(&l.lock);
    return 0;
}

int main(void)
{
    const char *preload = getenv("LD_PRELOAD");
    char self[4096] = {0};
    ssize_t n = 0;

    if (preload != NULL && strstr(preload, "umockdev-preload") != NULL)
        return bench_latency(BUA_SCANNER_TEST_DATA);
    bench_decode();
    fflush(stdout);
    if (access(UMOCKDEV_WRAPPER_PATH, X_OK) != 0) {
        printf("last report -> callback: skipped (umockdev-wrapper not installed)\n");
        return 0;
    }
    setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 0); /* sanitizer builds + LD_PRELOAD */
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) {
        perror("bench_scanner: cannot find its own path");
        return 1;
    }
    self[n] = '\0';
    execl(UMOCKDEV_WRAPPER_PATH, UMOCKDEV_WRAPPER_PATH, self, (char *)NULL);
    perror("bench_scanner: cannot run umockdev-wrapper");
    return 1;
}
