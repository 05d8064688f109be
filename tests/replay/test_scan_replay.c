/* The scanner module's real libusb code paths against emulated scanners (umockdev): keyboard
 * mode with a kernel driver to detach, layouts per scanner, HID POS single and multi-report
 * codes, CDC-ACM, two scanners at once, unplugging mid-code, replugging, and bua-scan itself.
 * Run under umockdev-wrapper: test_scan_replay DATA_DIR BUA_SCAN_PATH */
#include "check.h"
#include "scanner.h"
#include "usbmock.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 8000
#define CODES_MAX 64
#define EVENTS_MAX 256

extern char **environ;

typedef struct {
    pthread_mutex_t lock;
    ScanCode codes[CODES_MAX];
    size_t n_codes;
    ScanEvent events[EVENTS_MAX];
    size_t n_events;
} Sink;

static const char *data_dir = NULL;
static const char *bua_scan = NULL;
static const char *only = NULL; /* run just this test */

#define RUN_ONLY(fn)                                                                               \
    do {                                                                                           \
        if (only == NULL || strcmp(only, #fn) == 0)                                                \
            RUN(fn);                                                                               \
    } while (0)

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void on_code(const ScanCode *code, void *user)
{
    Sink *s = user;
    pthread_mutex_lock(&s->lock);
    CHECK(s->n_codes < CODES_MAX);
    s->codes[s->n_codes++] = *code;
    pthread_mutex_unlock(&s->lock);
}

static void on_event(const ScanEvent *ev, void *user)
{
    Sink *s = user;
    fprintf(stderr, "   event %d: %s\n", (int)ev->type, ev->message);
    pthread_mutex_lock(&s->lock);
    CHECK(s->n_events < EVENTS_MAX);
    s->events[s->n_events++] = *ev;
    pthread_mutex_unlock(&s->lock);
}

static size_t n_codes(Sink *s)
{
    size_t n = 0;
    pthread_mutex_lock(&s->lock);
    n = s->n_codes;
    pthread_mutex_unlock(&s->lock);
    return n;
}

static int count_events(Sink *s, ScanEventType type, const char *port)
{
    int n = 0;
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < s->n_events; i++)
        n += s->events[i].type == type && (port == NULL || strcmp(s->events[i].port, port) == 0);
    pthread_mutex_unlock(&s->lock);
    return n;
}

static bool wait_codes(Sink *s, size_t n)
{
    for (int t = 0; t < WAIT_MS; t += 2) {
        if (n_codes(s) >= n)
            return true;
        sleep_ms(2);
    }
    fprintf(stderr, "timed out waiting for %zu codes (have %zu)\n", n, n_codes(s));
    return false;
}

static bool wait_event(Sink *s, ScanEventType type, const char *port, int count)
{
    for (int t = 0; t < WAIT_MS; t += 2) {
        if (count_events(s, type, port) >= count)
            return true;
        sleep_ms(2);
    }
    fprintf(stderr, "timed out waiting for event %d on %s\n", (int)type, port ? port : "any");
    return false;
}

static ScanCode code_at(Sink *s, size_t i)
{
    ScanCode c;
    pthread_mutex_lock(&s->lock);
    CHECK(i < s->n_codes);
    c = s->codes[i];
    pthread_mutex_unlock(&s->lock);
    return c;
}

static ScanCtx *start(Sink *s, const char *const *settings)
{
    ScanConfig cfg;
    ScanCtx *ctx = NULL;

    memset(s, 0, sizeof(*s));
    pthread_mutex_init(&s->lock, NULL);
    scan_config_init(&cfg);
    cfg.on_code = on_code;
    cfg.on_event = on_event;
    cfg.user = s;
    for (size_t i = 0; settings != NULL && settings[i] != NULL; i += 2)
        CHECK_EQ(scan_config_set(&cfg, settings[i], settings[i + 1], NULL, 0), SCAN_OK);
    CHECK_EQ(scan_open(&cfg, &ctx), SCAN_OK);
    CHECK_EQ(scan_start(ctx), SCAN_OK);
    return ctx;
}

static void finish(ScanCtx *ctx, Sink *s)
{
    scan_close(ctx);
    pthread_mutex_destroy(&s->lock);
}

/* A keyboard-mode scanner next to the kiosk's real keyboard: only the scanner is touched, its
 * usbhid driver is detached while we read it and re-attached after. */
static void test_keyboard_scanner(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *real_kbd = usbmock_add(m, "logitech-keyboard-1-1.umockdev", "usbhid", NULL);
    MockDev *scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    ScanInfo infos[8];
    size_t n = 0;
    Sink s;
    ScanCtx *ctx = start(&s, NULL);
    ScanCode c;

    CHECK_EQ(scan_list(ctx, NULL, 0, &n), SCAN_OK); /* only count: out may be NULL */
    CHECK_EQ(n, 1);
    n = 0;
    CHECK_EQ(scan_list(ctx, infos, 8, &n), SCAN_OK);
    CHECK_EQ(n, 1);
    CHECK_STREQ(infos[0].port, "1-2");
    CHECK_EQ(infos[0].vid, 0x0c2e);
    CHECK_EQ(infos[0].pid, 0x0b61);
    CHECK_EQ(infos[0].mode, BC_MODE_KEYBOARD);

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    CHECK(usbmock_claimed(scanner, 0));
    CHECK(!usbmock_driver_bound(scanner, 0));
    CHECK_EQ(usbmock_busy_count(scanner), 0);
    CHECK_EQ(usbmock_control_count(scanner, 0x21, 0x0b), 1); /* SET_PROTOCOL(boot) */

    CHECK_EQ(usbmock_queue_file(scanner, "kbd-ean13.reports"), 56);
    CHECK(wait_codes(&s, 2));
    c = code_at(&s, 0);
    CHECK_STREQ(c.code.text, "7038010013966");
    CHECK_STREQ(c.port, "1-2");
    CHECK_EQ(c.mode, BC_MODE_KEYBOARD);
    CHECK_EQ(c.code.symbology, BC_SYM_UNKNOWN);
    CHECK_STREQ(code_at(&s, 1).code.text, "4006381333931");

    usbmock_queue_file(scanner, "kbd-doubled.reports");
    CHECK(wait_codes(&s, 4));
    CHECK_STREQ(code_at(&s, 2).code.text, "1100");
    CHECK_STREQ(code_at(&s, 3).code.text, "BUA-Ski");

    /* The same code twice within the dedupe window: delivered once. */
    usbmock_queue_file(scanner, "kbd-repeat.reports");
    CHECK(usbmock_wait_drained(scanner, WAIT_MS));
    usbmock_queue_file(scanner, "kbd-doubled.reports");
    CHECK(wait_codes(&s, 7));
    CHECK_STREQ(code_at(&s, 4).code.text, "BUA-7");
    CHECK_STREQ(code_at(&s, 5).code.text, "1100");

    CHECK_EQ(scan_stop(ctx), SCAN_OK);
    CHECK(!usbmock_claimed(scanner, 0));
    CHECK(usbmock_driver_bound(scanner, 0)); /* given back to usbhid */
    /* ... in the report protocol usbhid left it in: SET_PROTOCOL(report) before re-attaching. */
    CHECK_EQ(usbmock_control_count(scanner, 0x21, 0x0b), 2);
    CHECK_EQ(usbmock_control_last_value(scanner, 0x21, 0x0b), 1);
    CHECK_EQ(count_events(&s, SCAN_EV_DETACHED, "1-2"), 1);
    CHECK_EQ(n_codes(&s), 7);
    CHECK_EQ(usbmock_opens(real_kbd), 0); /* the kiosk's keyboard was never opened */
    CHECK(usbmock_driver_bound(real_kbd, 0));
    finish(ctx, &s);
    usbmock_free(m);
}

/* Issue 9 finding 8: a fault inside a code drops the whole code, says so once (one
 * SCAN_EV_REJECTED with the reason) and the next code reads whole. Before, a short report in
 * "G-0005" delivered "05", and an overflowing press in "G-0006" delivered "G-006". */
static void check_fault_dropped(const char *reports, int bc_err, const char *next)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    Sink s;
    ScanCtx *ctx = start(&s, NULL);

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    usbmock_queue_file(scanner, reports);
    CHECK(wait_codes(&s, 1));
    CHECK(usbmock_wait_drained(scanner, WAIT_MS));
    sleep_ms(50); /* anything wrongly delivered after the last report would show now */
    CHECK_EQ(n_codes(&s), 1);
    CHECK_STREQ(code_at(&s, 0).code.text, next);
    CHECK_EQ(count_events(&s, SCAN_EV_REJECTED, "1-2"), 1);
    pthread_mutex_lock(&s.lock);
    for (size_t i = 0; i < s.n_events; i++) {
        if (s.events[i].type == SCAN_EV_REJECTED) {
            CHECK_EQ(s.events[i].error, bc_err);
            CHECK(strstr(s.events[i].message, "whole code dropped") != NULL);
        }
    }
    pthread_mutex_unlock(&s.lock);
    CHECK_EQ(count_events(&s, SCAN_EV_DETACHED, "1-2"), 0); /* one bad transfer: still read */
    finish(ctx, &s);
    usbmock_free(m);
}

static void test_fault_short_report(void)
{
    check_fault_dropped("kbd-fault-short.reports", BC_ERR_REPORT, "G-0007");
}

static void test_fault_overflow(void)
{
    check_fault_dropped("kbd-fault-overflow.reports", BC_ERR_LOST, "G-0008");
}

/* The rejections a scanner's events say were held back ("... dropped (N more not shown)" or
 * "N more codes rejected ..."). */
static unsigned held_back(Sink *s)
{
    unsigned held = 0;

    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < s->n_events; i++) {
        const char *msg = s->events[i].message;
        const char *more = strstr(msg, "dropped (");
        if (s->events[i].type != SCAN_EV_REJECTED)
            continue;
        if (more != NULL)
            held += (unsigned)strtoul(more + strlen("dropped ("), NULL, 10);
        else if (strstr(msg, " rejected from scanner ") != NULL &&
                 strstr(msg, " in the last second: ") != NULL)
            held += (unsigned)strtoul(msg, NULL, 10);
    }
    pthread_mutex_unlock(&s->lock);
    return held;
}

/* Random reports: rejections (and their log lines) at most one a second per scanner, the next
 * one counting those held back; afterwards codes read whole again. */
static void test_fault_rate_limit(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    Sink s;
    ScanCtx *ctx = start(&s, NULL);
    struct timespec t0;
    struct timespec t1;
    double elapsed = 0;
    int shown = 0;
    unsigned held = 0;

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_EQ(usbmock_queue_file(scanner, "kbd-random.reports"), 400);
    CHECK(usbmock_wait_drained(scanner, WAIT_MS));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    elapsed = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    sleep_ms(300); /* a doomed code left open is closed after the gap (and reported) */
    shown = count_events(&s, SCAN_EV_REJECTED, "1-2");
    fprintf(stderr, "   400 random reports in %.2f s: %d rejection events\n", elapsed, shown);
    CHECK(shown >= 1);
    CHECK(shown <= 2 + (int)elapsed);

    /* The next code reads whole. */
    pthread_mutex_lock(&s.lock);
    s.n_codes = 0;
    pthread_mutex_unlock(&s.lock);
    usbmock_queue_file(scanner, "kbd-repeat.reports");
    CHECK(wait_codes(&s, 1));
    CHECK_STREQ(code_at(&s, 0).code.text, "BUA-7");

    /* Once the second is over, the count of those held back is told (by the loop: no further
     * fault needed), in one more line at most; a fault a second after that is told again. */
    sleep_ms(1300);
    held = held_back(&s);
    CHECK(count_events(&s, SCAN_EV_REJECTED, "1-2") <= shown + 1);
    shown = count_events(&s, SCAN_EV_REJECTED, "1-2");
    sleep_ms(1100);
    usbmock_queue_file(scanner, "kbd-fault-short.reports");
    CHECK(wait_event(&s, SCAN_EV_REJECTED, "1-2", shown + 1));
    CHECK_EQ(held_back(&s), held);
    CHECK(wait_codes(&s, 2));
    CHECK_STREQ(code_at(&s, 1).code.text, "G-0007");
    fprintf(stderr, "   %u rejections held back\n", held);
    CHECK(held > 0);
    finish(ctx, &s);
    usbmock_free(m);
}

/* Two keyboard-mode scanners at once, one configured for the Norwegian layout by port path. */
static void test_two_scanners_layouts(void)
{
    static const char *const settings[] = {"device", "1-3 no", "dedupe", "0", NULL};
    UsbMock *m = usbmock_new(data_dir);
    MockDev *hw = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    MockDev *dl = usbmock_add(m, "datalogic-kbd-1-3.umockdev", "usbhid", NULL);
    Sink s;
    ScanCtx *ctx = start(&s, settings);
    int from_hw = 0;
    int from_dl = 0;

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-3", 1));
    /* Both send the same bytes: a Norwegian-layout scanner's "AB-12/3". */
    for (int i = 0; i < 3; i++) {
        usbmock_queue_file(hw, "kbd-no-layout.reports");
        usbmock_queue_file(dl, "kbd-no-layout.reports");
    }
    CHECK(wait_codes(&s, 6));
    sleep_ms(50);
    CHECK_EQ(n_codes(&s), 6);
    for (size_t i = 0; i < 6; i++) {
        ScanCode c = code_at(&s, i);
        if (strcmp(c.port, "1-3") == 0) {
            CHECK_STREQ(c.code.text, "AB-12/3");
            CHECK_EQ(c.layout, BC_LAYOUT_NO);
            from_dl++;
        } else {
            CHECK_STREQ(c.port, "1-2");
            CHECK_STREQ(c.code.text, "AB/12&3"); /* what the US table makes of it */
            from_hw++;
        }
    }
    CHECK_EQ(from_hw, 3);
    CHECK_EQ(from_dl, 3);
    finish(ctx, &s);
    CHECK(usbmock_driver_bound(hw, 0));
    CHECK(usbmock_driver_bound(dl, 0));
    usbmock_free(m);
}

/* HID POS behind a hub: found by its report descriptor, single and multi-report codes, AIM ids,
 * a bad check digit rejected. */
static void test_hidpos_scanner(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *pos = NULL;
    Sink s;
    ScanCtx *ctx = NULL;
    ScanCode c;

    usbmock_add(m, "hub-1-4.umockdev", "hub", NULL);
    pos = usbmock_add(m, "honeywell-pos-1-4.2.umockdev", "usbhid", "report-descriptor-pos.hex");
    ctx = start(&s, NULL);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-4.2", 1));
    CHECK_EQ(usbmock_control_count(pos, 0x81, 0x06), 1); /* GET_DESCRIPTOR(Report) */
    usbmock_queue_file(pos, "pos-single.reports");
    usbmock_queue_file(pos, "pos-multi.reports");
    usbmock_queue_file(pos, "pos-bad-check.reports");
    CHECK(wait_codes(&s, 4));
    c = code_at(&s, 0);
    CHECK_STREQ(c.port, "1-4.2");
    CHECK_EQ(c.mode, BC_MODE_HIDPOS);
    CHECK_STREQ(c.code.text, "7038010013966");
    CHECK_EQ(c.code.symbology, BC_SYM_EAN13);
    c = code_at(&s, 1);
    CHECK_STREQ(c.code.text, "BUA-000123");
    CHECK_EQ(c.code.symbology, BC_SYM_CODE128);
    c = code_at(&s, 2);
    CHECK_EQ(c.code.len, 121);
    CHECK(strncmp(c.code.text, "https://bua.no/utlan/abc", 24) == 0);
    CHECK_EQ(c.code.symbology, BC_SYM_QR);
    c = code_at(&s, 3);
    CHECK_STREQ(c.code.text, "96385074");
    CHECK_EQ(c.code.symbology, BC_SYM_EAN8);
    CHECK_EQ(count_events(&s, SCAN_EV_REJECTED, "1-4.2"), 1);
    finish(ctx, &s);
    CHECK(usbmock_driver_bound(pos, 0));
    usbmock_free(m);
}

/* HID POS on a 32-byte endpoint: a transfer still holds a whole 64-byte report. */
static void test_hidpos_small_endpoint(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *pos =
        usbmock_add(m, "honeywell-pos32-1-6.umockdev", "usbhid", "report-descriptor-pos.hex");
    Sink s;
    ScanCtx *ctx = start(&s, NULL);

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-6", 1));
    usbmock_queue_file(pos, "pos-single.reports");
    usbmock_queue_file(pos, "pos-multi.reports");
    CHECK(wait_codes(&s, 3));
    CHECK_STREQ(code_at(&s, 0).code.text, "7038010013966");
    CHECK_STREQ(code_at(&s, 1).code.text, "BUA-000123");
    CHECK_EQ(code_at(&s, 2).code.len, 121);
    CHECK_EQ(count_events(&s, SCAN_EV_REJECTED, NULL), 0);
    finish(ctx, &s);
    usbmock_free(m);
}

/* Failures on a scanner still plugged in: 8 transfer errors in a row, a resubmission refused, a
 * stalled endpoint that cannot be cleared. Each time it is released (not "unplugged"), its
 * kernel driver re-attached in report protocol, and it is opened again after a backoff and works.
 */
static void test_transfer_errors_reopen(void)
{
    for (int kind = 0; kind < 3; kind++) {
        UsbMock *m = usbmock_new(data_dir);
        MockDev *scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
        Sink s;
        ScanCtx *ctx = start(&s, NULL);

        fprintf(stderr, "   failure kind %d\n", kind);
        CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
        CHECK_EQ(usbmock_attach_count(scanner), 0);
        if (kind == 0) {
            usbmock_fail_urbs(scanner, 8);
        } else if (kind == 1) {
            usbmock_fail_submits(scanner, 1); /* the resubmission after the next transfer */
            usbmock_queue_file(scanner, "kbd-doubled.reports");
        } else {
            usbmock_stall_urbs(scanner, 1, true);
        }
        CHECK(wait_event(&s, SCAN_EV_DETACHED, "1-2", 1));
        usbmock_stall_urbs(scanner, 0, false);
        pthread_mutex_lock(&s.lock);
        for (size_t i = 0; i < s.n_events; i++) {
            if (s.events[i].type == SCAN_EV_DETACHED)
                CHECK_EQ(s.events[i].error, 0); /* released, not SCAN_ERR_NO_DEVICE */
        }
        pthread_mutex_unlock(&s.lock);
        CHECK(usbmock_attach_count(scanner) >= 1);                    /* given back to usbhid */
        CHECK_EQ(usbmock_control_last_value(scanner, 0x21, 0x0b), 1); /* in report protocol */
        CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 2));            /* reopened */
        CHECK_EQ(usbmock_claim_count(scanner), 2);
        CHECK(usbmock_wait_drained(scanner, WAIT_MS));
        pthread_mutex_lock(&s.lock);
        s.n_codes = 0;
        pthread_mutex_unlock(&s.lock);
        usbmock_queue_file(scanner, "kbd-ean13.reports");
        CHECK(wait_codes(&s, 2));
        CHECK_STREQ(code_at(&s, 0).code.text, "7038010013966");
        if (kind == 0) {
            /* Failed transfers between codes lost no code: nothing rejected or dropped. */
            CHECK_EQ(count_events(&s, SCAN_EV_PARTIAL_DROPPED, NULL), 0);
            CHECK_EQ(count_events(&s, SCAN_EV_REJECTED, NULL), 0);
        }
        finish(ctx, &s);
        CHECK(usbmock_driver_bound(scanner, 0));
        usbmock_free(m);
    }
}

/* Hotplug start-up with more devices on the bus than the pending queue holds: only possible
 * scanners are queued, so the scanner is found although there is no periodic re-scan. */
static void test_hotplug_many_devices(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *scanner = NULL;
    Sink s;
    ScanCtx *ctx = NULL;

    usbmock_add_plain(m, "bystanders-1-7.umockdev");
    scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    ctx = start(&s, NULL);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    usbmock_queue_file(scanner, "kbd-doubled.reports");
    CHECK(wait_codes(&s, 2));
    CHECK_EQ(count_events(&s, SCAN_EV_ERROR, NULL), 0);
    finish(ctx, &s);
    usbmock_free(m);
}

/* A HID interface whose report descriptor is not HID POS is left alone. */
static void test_hid_not_pos(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *pos = NULL;
    Sink s;
    ScanCtx *ctx = NULL;

    usbmock_add(m, "hub-1-4.umockdev", "hub", NULL);
    pos = usbmock_add(m, "honeywell-pos-1-4.2.umockdev", "usbhid", NULL); /* descriptor stalls */
    ctx = start(&s, NULL);
    for (int t = 0; t < WAIT_MS && usbmock_control_count(pos, 0x81, 0x06) == 0; t += 2)
        sleep_ms(2);
    sleep_ms(100);
    CHECK_EQ(count_events(&s, SCAN_EV_ATTACHED, NULL), 0);
    CHECK(!usbmock_claimed(pos, 0));
    CHECK(usbmock_driver_bound(pos, 0));
    finish(ctx, &s);
    usbmock_free(m);
}

/* Unplugged in the middle of a code: nothing half is delivered, the loss is reported; the
 * scanner plugged back in works again. */
static void test_unplug_replug(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    Sink s;
    ScanCtx *ctx = start(&s, NULL);

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    usbmock_queue_file(scanner, "kbd-partial.reports");
    CHECK(usbmock_wait_drained(scanner, WAIT_MS));
    sleep_ms(20);
    usbmock_unplug(scanner);
    CHECK(wait_event(&s, SCAN_EV_DETACHED, "1-2", 1));
    CHECK_EQ(count_events(&s, SCAN_EV_PARTIAL_DROPPED, "1-2"), 1);
    CHECK_EQ(n_codes(&s), 0);

    scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 2));
    usbmock_queue_file(scanner, "kbd-ean13.reports");
    CHECK(wait_codes(&s, 2));
    CHECK_STREQ(code_at(&s, 0).code.text, "7038010013966");
    finish(ctx, &s);
    CHECK(usbmock_driver_bound(scanner, 0));
    usbmock_free(m);
}

/* HID POS unplugged between the reports of one long code: the first part is never delivered. */
static void test_hidpos_unplug_mid_code(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *pos = NULL;
    Sink s;
    ScanCtx *ctx = NULL;
    uint8_t first[64];
    FILE *f = NULL;
    char line[512];
    size_t n = 0;

    usbmock_add(m, "hub-1-4.umockdev", "hub", NULL);
    pos = usbmock_add(m, "honeywell-pos-1-4.2.umockdev", "usbhid", "report-descriptor-pos.hex");
    ctx = start(&s, NULL);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-4.2", 1));
    /* Only the first of the three reports of pos-multi.reports (its "more follows" bit set). */
    snprintf(line, sizeof(line), "%s/pos-multi.reports", data_dir);
    f = fopen(line, "r");
    CHECK(f != NULL);
    while (fgets(line, sizeof(line), f) != NULL && line[0] == '#')
        ;
    fclose(f);
    for (char *p = line; n < sizeof(first) && sscanf(p, "%2hhx", &first[n]) == 1; p += 3)
        n++;
    CHECK_EQ(n, 64);
    CHECK_EQ(first[63], 1);
    usbmock_queue(pos, first, sizeof(first));
    CHECK(usbmock_wait_drained(pos, WAIT_MS));
    sleep_ms(20);
    usbmock_unplug(pos);
    CHECK(wait_event(&s, SCAN_EV_DETACHED, "1-4.2", 1));
    CHECK_EQ(count_events(&s, SCAN_EV_PARTIAL_DROPPED, "1-4.2"), 1);
    CHECK_EQ(n_codes(&s), 0);
    finish(ctx, &s);
    usbmock_free(m);
}

/* The same without hotplug callbacks: the periodic re-scan finds the replugged scanner. */
static void test_rescan_without_hotplug(void)
{
    static const char *const settings[] = {"hotplug", "no", "rescan", "50", NULL};
    UsbMock *m = usbmock_new(data_dir);
    MockDev *scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    Sink s;
    ScanCtx *ctx = start(&s, settings);

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    usbmock_unplug(scanner);
    CHECK(wait_event(&s, SCAN_EV_DETACHED, "1-2", 1));
    CHECK_EQ(count_events(&s, SCAN_EV_PARTIAL_DROPPED, NULL), 0);
    scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", "usbhid", NULL);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 2));
    usbmock_queue_file(scanner, "kbd-doubled.reports");
    CHECK(wait_codes(&s, 2));
    CHECK_STREQ(code_at(&s, 1).code.text, "BUA-Ski");
    finish(ctx, &s);
    usbmock_free(m);
}

/* A scanner another program holds is reported once, then taken as soon as it is let go. */
static void test_busy_then_free(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *scanner = usbmock_add(m, "honeywell-kbd-1-2.umockdev", NULL, NULL);
    Sink s;
    ScanCtx *ctx = NULL;

    usbmock_set_busy(scanner, true);
    ctx = start(&s, NULL);
    CHECK(wait_event(&s, SCAN_EV_ERROR, NULL, 1));
    pthread_mutex_lock(&s.lock);
    CHECK_EQ(s.events[0].error, SCAN_ERR_BUSY);
    pthread_mutex_unlock(&s.lock);
    for (int t = 0; t < WAIT_MS && usbmock_busy_count(scanner) < 2; t += 2)
        sleep_ms(2);
    CHECK(usbmock_busy_count(scanner) >= 2);            /* retried */
    CHECK_EQ(count_events(&s, SCAN_EV_ERROR, NULL), 1); /* but reported once */
    usbmock_set_busy(scanner, false);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-2", 1));
    usbmock_queue_file(scanner, "kbd-doubled.reports");
    CHECK(wait_codes(&s, 2));
    finish(ctx, &s);
    usbmock_free(m);
}

/* One interface held by another program while the other opens: the held one is taken too as
 * soon as it is let go. */
static void test_busy_interface_retried(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *dual =
        usbmock_add(m, "honeywell-dual-1-8.umockdev", NULL, "report-descriptor-pos.hex");
    Sink s;
    ScanCtx *ctx = NULL;
    bool iface1 = false;

    usbmock_set_busy_iface(dual, 1, true);
    ctx = start(&s, NULL);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-8", 1));
    CHECK(wait_event(&s, SCAN_EV_ERROR, NULL, 1)); /* busy, reported */
    CHECK(usbmock_claimed(dual, 0));
    CHECK(!usbmock_claimed(dual, 1));
    usbmock_set_busy_iface(dual, 1, false);
    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-8", 2));
    CHECK(usbmock_claimed(dual, 1));
    pthread_mutex_lock(&s.lock);
    for (size_t i = 0; i < s.n_events; i++)
        iface1 = iface1 || (s.events[i].type == SCAN_EV_ATTACHED && s.events[i].interface == 1);
    pthread_mutex_unlock(&s.lock);
    CHECK(iface1);
    CHECK_EQ(count_events(&s, SCAN_EV_ATTACHED, "1-8"), 2); /* interface 0 not opened twice */
    finish(ctx, &s);
    usbmock_free(m);
}

/* A CDC-ACM scanner: cdc_acm detached from the communications interface, DTR raised, codes
 * split across bulk transfers. */
static void test_serial_scanner(void)
{
    UsbMock *m = usbmock_new(data_dir);
    MockDev *cdc = usbmock_add(m, "newland-cdc-1-5.umockdev", "cdc_acm", NULL);
    Sink s;
    ScanCtx *ctx = start(&s, NULL);

    CHECK(wait_event(&s, SCAN_EV_ATTACHED, "1-5", 1));
    CHECK(usbmock_claimed(cdc, 1));
    CHECK(!usbmock_driver_bound(cdc, 0));
    CHECK_EQ(usbmock_control_count(cdc, 0x21, 0x22), 1); /* SET_CONTROL_LINE_STATE */
    usbmock_queue_file(cdc, "serial.bytes");
    CHECK(wait_codes(&s, 2));
    CHECK_STREQ(code_at(&s, 0).code.text, "7038010013966");
    CHECK_EQ(code_at(&s, 0).mode, BC_MODE_SERIAL);
    CHECK_STREQ(code_at(&s, 1).code.text, "BUA-42");
    finish(ctx, &s);
    CHECK(usbmock_driver_bound(cdc, 0));
    CHECK(!usbmock_claimed(cdc, 1));
    usbmock_free(m);
}

/* Runs bua-scan with args; its stdout is read into out (NUL-terminated) until `lines` lines have
 * arrived (0: until it exits), then it gets SIGINT. lines -1: one line is read, then the pipe is
 * closed and bua-scan must notice and end by itself. Returns its exit status. */
static int run_bua_scan(char *const argv[], char *out, size_t size, int lines, MockDev *feed,
                        const char *feed_file, char *err_out, size_t err_size)
{
    int fds[2];
    pid_t pid = 0;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t defaults;
    size_t used = 0;
    int status = 0;
    int seen = 0;

    char err_path[] = "/tmp/bua-scan-stderr-XXXXXX";
    int err_fd = mkstemp(err_path);
    CHECK(err_fd >= 0);
    CHECK(pipe(fds) == 0);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    /* As from a shell: default signal actions (this process ignores SIGPIPE, umockdev's doing). */
    posix_spawnattr_init(&attr);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    CHECK(posix_spawn(&pid, bua_scan, &fa, &attr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    if (feed != NULL) {
        for (int t = 0; t < WAIT_MS && !usbmock_claimed(feed, 0); t += 2)
            sleep_ms(2);
        CHECK(usbmock_claimed(feed, 0));
        usbmock_queue_file(feed, feed_file);
    }
    for (int t = 0; t < WAIT_MS && used + 1 < size;) {
        struct pollfd pfd = {fds[0], POLLIN, 0};
        ssize_t r = 0;
        if (poll(&pfd, 1, 10) <= 0) {
            t += 10;
            continue;
        }
        r = read(fds[0], out + used, size - used - 1);
        if (r <= 0)
            break;
        for (ssize_t i = 0; i < r; i++)
            seen += out[used + (size_t)i] == '\n';
        used += (size_t)r;
        if ((lines > 0 && seen >= lines) || (lines < 0 && seen >= 1))
            break;
    }
    out[used] = '\0';
    if (lines > 0)
        kill(pid, SIGINT);
    if (lines < 0) {
        close(fds[0]);
        fds[0] = -1;
        usbmock_queue_file(feed, "kbd-doubled.reports"); /* more codes, and no reader */
    }
    for (int t = 0; waitpid(pid, &status, WNOHANG) == 0; t += 2) {
        if (t > WAIT_MS) {
            kill(pid, SIGKILL);
            fprintf(stderr, "bua-scan did not exit\n");
            abort();
        }
        sleep_ms(2);
    }
    if (fds[0] >= 0)
        close(fds[0]);
    /* what it said on stderr (plug events, errors) */
    ssize_t got = pread(err_fd, err_out, err_size - 1, 0);
    err_out[got > 0 ? got : 0] = '\0';
    close(err_fd);
    unlink(err_path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_bua_scan(void)
{
    char *const list_argv[] = {(char *)"bua-scan", (char *)"--list", NULL};
    char *const scan_argv[] = {(char *)"bua-scan", (char *)"--set", (char *)"device=1-3 no", NULL};
    char *const plain_argv[] = {(char *)"bua-scan", NULL};
    UsbMock *m = usbmock_new(data_dir);
    MockDev *dl = NULL;
    MockDev *pos = NULL;
    char out[4096];
    char err[4096];

    usbmock_add(m, "logitech-keyboard-1-1.umockdev", "usbhid", NULL);
    usbmock_add(m, "hub-1-4.umockdev", "hub", NULL);
    pos = usbmock_add(m, "honeywell-pos-1-4.2.umockdev", "usbhid", "report-descriptor-pos.hex");
    dl = usbmock_add(m, "datalogic-kbd-1-3.umockdev", "usbhid", NULL);

    CHECK_EQ(run_bua_scan(list_argv, out, sizeof(out), 0, NULL, NULL, err, sizeof(err)), 0);
    fprintf(stderr, "   bua-scan --list:\n%s", out);
    CHECK(strstr(out, "1-3\t05f9:2214\t0\tkeyboard\tus\n") != NULL);
    CHECK(strstr(out, "1-4.2\t0c2e:0b6a\t0\thidpos\t-\n") != NULL);
    CHECK(strstr(out, "046d") == NULL);

    CHECK_EQ(
        run_bua_scan(scan_argv, out, sizeof(out), 2, dl, "kbd-ean13.reports", err, sizeof(err)), 0);
    CHECK_STREQ(out, "1-3\tkeyboard\t-\t7038010013966\n1-3\tkeyboard\t-\t4006381333931\n");
    /* plug events go to stderr, never to the code lines */
    CHECK(strstr(err, "bua-scan: scanner 1-3 05f9:2214 interface 0: keyboard, layout no") != NULL);
    CHECK(strstr(err, "bua-scan: scanner 1-4.2 0c2e:0b6a interface 0: hidpos") != NULL);

    /* a HID POS scanner names the symbology (AIM id ]E0: EAN-13; ]C0: Code 128) */
    CHECK_EQ(
        run_bua_scan(scan_argv, out, sizeof(out), 2, pos, "pos-single.reports", err, sizeof(err)),
        0);
    CHECK_STREQ(out, "1-4.2\thidpos\tean13\t7038010013966\n1-4.2\thidpos\tcode128\tBUA-000123\n");
    CHECK(usbmock_driver_bound(dl, 0)); /* clean exit on SIGINT gave it back to usbhid */
    CHECK(!usbmock_claimed(dl, 0));

    /* A code with a malformed report: not printed, one line on stderr, the next code whole. */
    CHECK_EQ(run_bua_scan(plain_argv, out, sizeof(out), 1, dl, "kbd-fault-short.reports", err,
                          sizeof(err)),
             0);
    CHECK_STREQ(out, "1-3\tkeyboard\t-\tG-0007\n");
    CHECK(strstr(err, "bua-scan: code rejected from scanner 1-3: malformed report: whole code "
                      "dropped\n") != NULL);
    CHECK(strstr(strstr(err, "code rejected") + 1, "code rejected") == NULL); /* once */

    /* bua-scan | head -1: the reader goes away; bua-scan ends cleanly at the next code. */
    CHECK_EQ(run_bua_scan(scan_argv, out, sizeof(out), -1, dl, "kbd-no-layout.reports", err,
                          sizeof(err)),
             0);
    CHECK_STREQ(out, "1-3\tkeyboard\t-\tAB-12/3\n");
    CHECK(usbmock_driver_bound(dl, 0));
    CHECK(!usbmock_claimed(dl, 0));
    usbmock_free(m);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s DATA_DIR BUA_SCAN [TEST] (under umockdev-wrapper)\n", argv[0]);
        return 2;
    }
    only = argc > 3 ? argv[3] : NULL;
    data_dir = argv[1];
    bua_scan = argv[2];
    RUN_ONLY(test_keyboard_scanner);
    RUN_ONLY(test_two_scanners_layouts);
    RUN_ONLY(test_fault_short_report);
    RUN_ONLY(test_fault_overflow);
    RUN_ONLY(test_fault_rate_limit);
    RUN_ONLY(test_hidpos_scanner);
    RUN_ONLY(test_hid_not_pos);
    RUN_ONLY(test_hotplug_many_devices);
    RUN_ONLY(test_hidpos_small_endpoint);
    RUN_ONLY(test_transfer_errors_reopen);
    RUN_ONLY(test_unplug_replug);
    RUN_ONLY(test_hidpos_unplug_mid_code);
    RUN_ONLY(test_rescan_without_hotplug);
    RUN_ONLY(test_serial_scanner);
    RUN_ONLY(test_busy_then_free);
    RUN_ONLY(test_busy_interface_retried);
    RUN_ONLY(test_bua_scan);
    return 0;
}
