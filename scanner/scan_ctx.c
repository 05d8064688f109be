/* The scanner context and its event thread.
 *
 * Start reading at thread_main(): it registers for hotplug (or re-scans periodically), runs
 * libusb's event loop, and between two rounds of it opens the devices that arrived
 * (process_pending) and closes those that left (reap). Hotplug and transfer callbacks only
 * record what happened: every open, claim and close happens in the loop, on this one thread.
 */
#include "scan_int.h"
#include "scanner.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define STOP_DRAIN_MS 2000u

static void *thread_main(void *arg);
static int on_hotplug(libusb_context *usb, libusb_device *dev, libusb_hotplug_event event,
                      void *user);
static void add_pending(ScanCtx *ctx, libusb_device *dev, uint32_t when, uint32_t backoff_ms);
static bool may_be_scanner(const ScanCtx *ctx, libusb_device *dev);
static void process_pending(ScanCtx *ctx, uint32_t now);
static void rescan(ScanCtx *ctx);
static void reap(ScanCtx *ctx, bool all);
static bool is_open(const ScanCtx *ctx, const libusb_device *dev);
static uint32_t dev_key(libusb_device *dev);
static bool is_failed(const ScanCtx *ctx, uint32_t key);
static void forget_failed(ScanCtx *ctx, uint32_t key);

const char *scan_strerror(int err)
{
    switch (err) {
    case SCAN_OK:
        return "success";
#define SCAN_ERR_STR_(name, value, text)                                                           \
    case name:                                                                                     \
        return text;
        SCAN_ERRNO_MAP(SCAN_ERR_STR_)
#undef SCAN_ERR_STR_
    default:
        return "unknown error";
    }
}

int scan_open(const ScanConfig *cfg, ScanCtx **out)
{
    ScanCtx *ctx = NULL;
    int r = 0;

    assert(out != NULL);
    if (cfg == NULL || cfg->on_code == NULL || cfg->n_rules > SCAN_RULES_MAX)
        return SCAN_ERR_CONFIG;
    ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL)
        return SCAN_ERR_NO_MEM;
    ctx->cfg = *cfg;
    atomic_init(&ctx->stop, false);
    r = libusb_init(&ctx->usb);
    if (r != LIBUSB_SUCCESS) {
        free(ctx);
        return scan__error(r) == SCAN_ERR_NO_MEM ? SCAN_ERR_NO_MEM : SCAN_ERR_USB;
    }
    *out = ctx;
    return SCAN_OK;
}

int scan_start(ScanCtx *ctx)
{
    assert(ctx != NULL);
    if (ctx->started)
        return SCAN_ERR_STATE;
    atomic_store(&ctx->stop, false);
    if (pthread_create(&ctx->thread, NULL, thread_main, ctx) != 0)
        return SCAN_ERR_THREAD;
    ctx->started = true;
    return SCAN_OK;
}

int scan_stop(ScanCtx *ctx)
{
    assert(ctx != NULL);
    if (!ctx->started)
        return SCAN_ERR_STATE;
    atomic_store(&ctx->stop, true);
    libusb_interrupt_event_handler(ctx->usb);
    pthread_join(ctx->thread, NULL);
    ctx->started = false;
    return SCAN_OK;
}

void scan_close(ScanCtx *ctx)
{
    if (ctx == NULL)
        return;
    if (ctx->started)
        scan_stop(ctx);
    libusb_exit(ctx->usb);
    free(ctx);
}

int scan_list(ScanCtx *ctx, ScanInfo *out, size_t cap, size_t *n)
{
    libusb_device **list = NULL;
    ssize_t count = 0;
    size_t found = 0;

    assert(ctx != NULL && n != NULL && (out != NULL || cap == 0));
    count = libusb_get_device_list(ctx->usb, &list);

    if (count < 0)
        return SCAN_ERR_USB;
    for (ssize_t i = 0; i < count; i++) {
        ScanProbe probes[8];
        struct libusb_device_descriptor dd;
        char port[SCAN_PORT_MAX] = {0};
        const ScanRule *rule = NULL;
        size_t np = scan__probe(list[i], &ctx->cfg, probes, sizeof(probes) / sizeof(probes[0]));

        memset(&dd, 0, sizeof(dd));
        if (np == 0 || libusb_get_device_descriptor(list[i], &dd) != LIBUSB_SUCCESS ||
            !scan__port_path(list[i], port, sizeof(port)))
            continue;
        rule = scan__rule_find(&ctx->cfg, port, dd.idVendor, dd.idProduct);
        for (size_t j = 0; j < np; j++, found++) {
            ScanInfo *info = NULL;
            if (found >= cap)
                continue;
            info = &out[found];
            memset(info, 0, sizeof(*info));
            memcpy(info->port, port, sizeof(info->port));
            info->vid = dd.idVendor;
            info->pid = dd.idProduct;
            info->interface = probes[j].interface;
            info->mode = probes[j].mode;
            info->layout = rule != NULL && rule->has_layout ? rule->layout : ctx->cfg.layout;
            info->ignored = rule != NULL && rule->ignore;
        }
    }
    libusb_free_device_list(list, 1);
    *n = found;
    return SCAN_OK;
}

static void *thread_main(void *arg)
{
    ScanCtx *ctx = arg;
    uint32_t deadline = 0;

    ctx->hotplug = false;
    if (!ctx->cfg.no_hotplug && libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
        int r = libusb_hotplug_register_callback(
            ctx->usb, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT,
            LIBUSB_HOTPLUG_ENUMERATE, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            LIBUSB_HOTPLUG_MATCH_ANY, on_hotplug, ctx, &ctx->hp);
        ctx->hotplug = r == LIBUSB_SUCCESS;
        if (!ctx->hotplug)
            scan__emit(ctx, NULL, SCAN_EV_ERROR, scan__error(r),
                       "cannot use usb hotplug (%s): re-scanning instead", libusb_strerror(r));
    }
    ctx->rescan_ms = ctx->cfg.rescan_ms;
    if (ctx->rescan_ms == 0 && !ctx->hotplug)
        ctx->rescan_ms = SCAN_RESCAN_DEFAULT_MS;
    ctx->next_rescan_ms = scan__now_ms();

    while (!atomic_load(&ctx->stop)) {
        uint32_t now = scan__now_ms();
        uint32_t wait = SCAN__LOOP_MS;
        struct timeval tv = {0, 0};

        if (ctx->rescan_due) {
            ctx->rescan_due = false; /* set again if the re-scan overflows too */
            rescan(ctx);
        }
        if (ctx->rescan_ms > 0 && (int32_t)(now - ctx->next_rescan_ms) >= 0) {
            rescan(ctx);
            ctx->next_rescan_ms = now + ctx->rescan_ms;
        }
        process_pending(ctx, now);
        for (ScanDev *d = ctx->devs; d != NULL; d = d->next)
            scan__dev_service(d);
        reap(ctx, false);

        if (ctx->n_pending > 0 || ctx->rescan_due)
            wait = SCAN__RETRY_STEP_MS;
        if (ctx->rescan_ms > 0 && (uint32_t)(ctx->next_rescan_ms - now) < wait)
            wait = ctx->next_rescan_ms - now;
        tv.tv_sec = (time_t)(wait / 1000u);
        tv.tv_usec = (suseconds_t)((wait % 1000u) * 1000u);
        libusb_handle_events_timeout_completed(ctx->usb, &tv, NULL);
    }

    if (ctx->hotplug)
        libusb_hotplug_deregister_callback(ctx->usb, ctx->hp);
    ctx->hotplug = false;
    /* Cancel every transfer and wait (bounded) for the cancellations to come back. */
    for (ScanDev *d = ctx->devs; d != NULL; d = d->next) {
        if (d->in_flight)
            libusb_cancel_transfer(d->xfer);
    }
    deadline = scan__now_ms() + STOP_DRAIN_MS;
    for (;;) {
        bool busy = false;
        struct timeval tv = {0, 50000};
        for (ScanDev *d = ctx->devs; d != NULL; d = d->next)
            busy = busy || d->in_flight;
        if (!busy || (int32_t)(scan__now_ms() - deadline) >= 0)
            break;
        libusb_handle_events_timeout_completed(ctx->usb, &tv, NULL);
    }
    reap(ctx, true);
    for (size_t i = 0; i < ctx->n_pending; i++)
        libusb_unref_device(ctx->pending[i].dev);
    ctx->n_pending = 0;
    ctx->n_failed = 0;
    ctx->rescan_due = false;
    return NULL;
}

/* Runs inside libusb's event handling: record only, no I/O. With LIBUSB_HOTPLUG_ENUMERATE every
 * device on the bus arrives here at start (hubs, webcams, keyboards): only possible scanners are
 * queued, so that the pending array holds scanners. */
static int on_hotplug(libusb_context *usb, libusb_device *dev, libusb_hotplug_event event,
                      void *user)
{
    ScanCtx *ctx = user;

    (void)usb;
    if (event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED) {
        forget_failed(ctx, dev_key(dev));
        if (may_be_scanner(ctx, dev))
            add_pending(ctx, dev, scan__now_ms(), 0);
        return 0;
    }
    for (size_t i = 0; i < ctx->n_pending; i++) {
        if (ctx->pending[i].dev == dev) {
            libusb_unref_device(dev);
            ctx->pending[i] = ctx->pending[--ctx->n_pending];
            break;
        }
    }
    for (ScanDev *d = ctx->devs; d != NULL; d = d->next) {
        if (d->dev == dev) {
            d->unplugged = true;
            d->gone = true;
        }
    }
    forget_failed(ctx, dev_key(dev));
    return 0;
}

/* Queues dev to be opened at `when` (interfaces already open are skipped then). */
static void add_pending(ScanCtx *ctx, libusb_device *dev, uint32_t when, uint32_t backoff_ms)
{
    ScanPending *p = NULL;

    for (size_t i = 0; i < ctx->n_pending; i++) {
        if (ctx->pending[i].dev == dev)
            return;
    }
    if (ctx->n_pending >= SCAN__PENDING_MAX) {
        ctx->rescan_due = true; /* hotplug will not tell again: a re-scan brings it back */
        return;
    }
    p = &ctx->pending[ctx->n_pending++];
    p->dev = libusb_ref_device(dev);
    p->first_ms = when;
    p->next_ms = when;
    p->told = false;
    p->backoff_ms = backoff_ms;
}

/* Whether dev is worth probing: a known scanner vendor or an allow rule, and no ignore rule.
 * Only the device descriptor, which libusb keeps in memory: no I/O. */
static bool may_be_scanner(const ScanCtx *ctx, libusb_device *dev)
{
    struct libusb_device_descriptor dd;
    char port[SCAN_PORT_MAX] = {0};
    const ScanRule *rule = NULL;

    memset(&dd, 0, sizeof(dd));
    if (libusb_get_device_descriptor(dev, &dd) != LIBUSB_SUCCESS ||
        !scan__port_path(dev, port, sizeof(port)))
        return false;
    rule = scan__rule_find(&ctx->cfg, port, dd.idVendor, dd.idProduct);
    if (rule != NULL && rule->ignore)
        return false;
    return scan_is_known_vendor(dd.idVendor) || (rule != NULL && rule->allow);
}

/* Opens the devices that arrived. A permission error right after plugging is usually udev not
 * having applied the rule yet: retry for access_retry_ms before giving up. */
static void process_pending(ScanCtx *ctx, uint32_t now)
{
    size_t i = 0;

    while (i < ctx->n_pending) {
        ScanPending p = ctx->pending[i];
        int r = 0;

        if ((int32_t)(now - p.next_ms) < 0) {
            i++;
            continue;
        }
        /* Out of the array before opening: the control transfers of an open run libusb's
         * event handling, whose hotplug callbacks may add to or remove from the array. */
        ctx->pending[i] = ctx->pending[--ctx->n_pending];
        r = scan__dev_open(ctx, p.dev, p.backoff_ms);
        if (r == SCAN_ERR_ACCESS && now - p.first_ms < ctx->cfg.access_retry_ms &&
            ctx->n_pending < SCAN__PENDING_MAX) {
            p.next_ms = now + SCAN__RETRY_STEP_MS;
            ctx->pending[ctx->n_pending++] = p;
            continue;
        }
        if (r == SCAN_ERR_BUSY && ctx->n_pending < SCAN__PENDING_MAX) {
            /* Held by another program (bua-scan, a second kiosk): take it when it is let go. */
            if (!p.told) {
                char port[SCAN_PORT_MAX] = "?";
                scan__port_path(p.dev, port, sizeof(port));
                scan__emit(ctx, NULL, SCAN_EV_ERROR, r,
                           "cannot claim scanner %s: %s; retrying until it is free", port,
                           scan_strerror(r));
            }
            p.told = true;
            p.next_ms = now + SCAN__BUSY_RETRY_MS;
            ctx->pending[ctx->n_pending++] = p;
            continue;
        }
        if (r != SCAN_OK) {
            char port[SCAN_PORT_MAX] = "?";
            scan__port_path(p.dev, port, sizeof(port));
            if (r == SCAN_ERR_ACCESS)
                scan__emit(ctx, NULL, SCAN_EV_ERROR, r,
                           "cannot open scanner %s: permission denied (install the udev rule, "
                           "see README)",
                           port);
            if (ctx->n_failed < SCAN__FAILED_MAX)
                ctx->failed[ctx->n_failed++] = dev_key(p.dev);
        }
        libusb_unref_device(p.dev);
    }
}

/* Where hotplug is missing (or as a safety net): compare the bus with what is open. */
static void rescan(ScanCtx *ctx)
{
    libusb_device **list = NULL;
    ssize_t count = libusb_get_device_list(ctx->usb, &list);
    uint32_t now = scan__now_ms();
    size_t kept = 0;

    if (count < 0)
        return;
    for (ScanDev *d = ctx->devs; d != NULL; d = d->next) {
        bool present = false;
        for (ssize_t i = 0; i < count && !present; i++)
            present = list[i] == d->dev;
        if (!present) {
            d->unplugged = true;
            d->gone = true;
        }
    }
    /* Forget failures of devices no longer there, so a replug is tried again. */
    for (size_t f = 0; f < ctx->n_failed; f++) {
        bool present = false;
        for (ssize_t i = 0; i < count && !present; i++)
            present = dev_key(list[i]) == ctx->failed[f];
        if (present)
            ctx->failed[kept++] = ctx->failed[f];
    }
    ctx->n_failed = kept;
    for (ssize_t i = 0; i < count; i++) {
        ScanProbe probe;
        if (is_failed(ctx, dev_key(list[i])) || is_open(ctx, list[i]))
            continue;
        if (scan__probe(list[i], &ctx->cfg, &probe, 1) == 0)
            continue;
        add_pending(ctx, list[i], now, 0);
    }
    libusb_free_device_list(list, 1);
}

/* Closes scanners that are gone (all: every scanner, at stop) once their transfer is back. One
 * released after errors but still connected is queued to be opened again after a backoff that
 * doubles while it keeps failing. */
static void reap(ScanCtx *ctx, bool all)
{
    ScanDev **link = &ctx->devs;

    while (*link != NULL) {
        ScanDev *d = *link;
        libusb_device *again = NULL;
        uint32_t backoff = 0;

        if (!(d->gone || all)) {
            link = &d->next;
            continue;
        }
        if (d->in_flight) {
            if (!all) {
                if (!d->cancelled)
                    libusb_cancel_transfer(d->xfer);
                d->cancelled = true;
                link = &d->next;
                continue;
            }
            /* At stop, a transfer that never came back: libusb_close() reclaims it. */
        }
        *link = d->next;
        if (!all && !d->unplugged) {
            again = libusb_ref_device(d->dev);
            backoff = d->backoff_ms == 0 ? SCAN__REOPEN_MIN_MS : 2 * d->backoff_ms;
            if (backoff > SCAN__REOPEN_MAX_MS)
                backoff = SCAN__REOPEN_MAX_MS;
        }
        scan__dev_release(d, d->unplugged);
        if (again != NULL) {
            add_pending(ctx, again, scan__now_ms() + backoff, backoff);
            libusb_unref_device(again);
        }
    }
}

static bool is_open(const ScanCtx *ctx, const libusb_device *dev)
{
    for (const ScanDev *d = ctx->devs; d != NULL; d = d->next) {
        if (d->dev == dev)
            return true;
    }
    return false;
}

static uint32_t dev_key(libusb_device *dev)
{
    return (uint32_t)libusb_get_bus_number(dev) << 8 | libusb_get_device_address(dev);
}

static bool is_failed(const ScanCtx *ctx, uint32_t key)
{
    for (size_t i = 0; i < ctx->n_failed; i++) {
        if (ctx->failed[i] == key)
            return true;
    }
    return false;
}

static void forget_failed(ScanCtx *ctx, uint32_t key)
{
    for (size_t i = 0; i < ctx->n_failed; i++) {
        if (ctx->failed[i] == key) {
            ctx->failed[i] = ctx->failed[--ctx->n_failed];
            return;
        }
    }
}
