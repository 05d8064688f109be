/* One scanner interface: recognising it (scan__probe), claiming it, the asynchronous transfer
 * that reads it, decoding, and releasing it with its kernel driver re-attached. Everything here
 * runs on the event thread; transfer callbacks never do synchronous I/O. */
#include "scan_int.h"
#include "scanner.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLASS_HID 0x03
#define CLASS_CDC_COMM 0x02
#define CLASS_CDC_DATA 0x0a
#define SUBCLASS_ACM 0x02
#define HID_SUBCLASS_BOOT 0x01
#define HID_PROTOCOL_NONE 0x00
#define HID_PROTOCOL_KEYBOARD 0x01
#define HID_REQ_SET_PROTOCOL 0x0b
#define HID_BOOT_PROTOCOL 0x00
#define HID_REPORT_PROTOCOL 0x01
#define HID_DT_REPORT 0x22
#define CDC_REQ_SET_CONTROL_LINE_STATE 0x22
#define CDC_DTR_RTS 0x0003
#define USAGE_PAGE_POS_BARCODE 0x8c
#define CONTROL_TIMEOUT_MS 1000u
#define REPORT_DESC_MAX 1024

/* Vendors that make barcode scanners and nothing a kiosk would use as a keyboard. */
static const uint16_t known_vendors[] = {
    0x0c2e, /* Honeywell (Metrologic) */
    0x0536, /* Hand Held Products (Honeywell) */
    0x05e0, /* Zebra (Symbol) */
    0x05f9, /* Datalogic (PSC) */
    0x1eab, /* Newland */
    0x065a, /* Opticon */
    0x0db5, /* Access-IS */
    0x067e, /* Intermec (Honeywell) */
};

static void on_transfer(struct libusb_transfer *t);
static void give_up(ScanDev *d, int libusb_err);
static void deliver(ScanDev *d, const uint8_t *data, size_t len);
static void reject(ScanDev *d, int bc_err, uint32_t now);
static int submit(ScanDev *d);
static bool is_hidpos_descriptor(const uint8_t *desc, size_t len);
static int claim(ScanDev *d, uint8_t iface, bool *detached);
static void unclaim(ScanDev *d, uint8_t iface, bool detached, bool unplugged);
static void fill_event(ScanEvent *ev, const ScanDev *d, ScanEventType type, int error);

uint32_t scan__now_ms(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

bool scan__port_path(libusb_device *dev, char *buf, size_t size)
{
    uint8_t ports[7] = {0};
    int n = libusb_get_port_numbers(dev, ports, (int)sizeof(ports));
    size_t used = 0;
    int w = 0;

    if (n < 0)
        return false;
    w = snprintf(buf, size, "%u", (unsigned)libusb_get_bus_number(dev));
    if (w < 0 || (size_t)w >= size)
        return false;
    used = (size_t)w;
    for (int i = 0; i < n; i++) {
        w = snprintf(buf + used, size - used, "%c%u", i == 0 ? '-' : '.', (unsigned)ports[i]);
        if (w < 0 || (size_t)w >= size - used)
            return false;
        used += (size_t)w;
    }
    return true;
}

bool scan_is_known_vendor(uint16_t vid)
{
    for (size_t i = 0; i < sizeof(known_vendors) / sizeof(known_vendors[0]); i++) {
        if (known_vendors[i] == vid)
            return true;
    }
    return false;
}

int scan__error(int libusb_err)
{
    switch (libusb_err) {
    case LIBUSB_SUCCESS:
        return SCAN_OK;
    case LIBUSB_ERROR_ACCESS:
        return SCAN_ERR_ACCESS;
    case LIBUSB_ERROR_BUSY:
        return SCAN_ERR_BUSY;
    case LIBUSB_ERROR_NO_DEVICE:
    case LIBUSB_ERROR_NOT_FOUND:
        return SCAN_ERR_NO_DEVICE;
    case LIBUSB_ERROR_NO_MEM:
        return SCAN_ERR_NO_MEM;
    default:
        return SCAN_ERR_USB;
    }
}

static const struct libusb_endpoint_descriptor *
find_in_endpoint(const struct libusb_interface_descriptor *alt, uint8_t type)
{
    for (uint8_t e = 0; e < alt->bNumEndpoints; e++) {
        const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];
        if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN &&
            (ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) == type)
            return ep;
    }
    return NULL;
}

size_t scan__probe(libusb_device *dev, const ScanConfig *cfg, ScanProbe *out, size_t cap)
{
    struct libusb_device_descriptor dd;
    struct libusb_config_descriptor *conf = NULL;
    const ScanRule *rule = NULL;
    char port[SCAN_PORT_MAX] = {0};
    int comm = -1;
    size_t n = 0;

    memset(&dd, 0, sizeof(dd));
    if (libusb_get_device_descriptor(dev, &dd) != LIBUSB_SUCCESS)
        return 0;
    if (!scan__port_path(dev, port, sizeof(port)))
        return 0;
    rule = scan__rule_find(cfg, port, dd.idVendor, dd.idProduct);
    if (!scan_is_known_vendor(dd.idVendor) && (rule == NULL || !rule->allow))
        return 0;
    if (libusb_get_active_config_descriptor(dev, &conf) != LIBUSB_SUCCESS)
        return 0;
    for (uint8_t i = 0; i < conf->bNumInterfaces; i++) {
        const struct libusb_interface_descriptor *alt = conf->interface[i].altsetting;
        if (conf->interface[i].num_altsetting > 0 && alt->bInterfaceClass == CLASS_CDC_COMM &&
            alt->bInterfaceSubClass == SUBCLASS_ACM)
            comm = alt->bInterfaceNumber;
    }
    for (uint8_t i = 0; i < conf->bNumInterfaces && n < cap; i++) {
        const struct libusb_interface_descriptor *alt = NULL;
        const struct libusb_endpoint_descriptor *ep = NULL;
        ScanProbe p;

        if (conf->interface[i].num_altsetting < 1)
            continue;
        alt = &conf->interface[i].altsetting[0];
        memset(&p, 0, sizeof(p));
        p.interface = alt->bInterfaceNumber;
        p.alt = alt->bAlternateSetting;
        p.comm_iface = -1;
        if (alt->bInterfaceClass == CLASS_HID &&
            (alt->bInterfaceProtocol == HID_PROTOCOL_KEYBOARD ||
             alt->bInterfaceProtocol == HID_PROTOCOL_NONE)) {
            ep = find_in_endpoint(alt, LIBUSB_TRANSFER_TYPE_INTERRUPT);
            p.ep_type = LIBUSB_TRANSFER_TYPE_INTERRUPT;
            p.mode = alt->bInterfaceProtocol == HID_PROTOCOL_KEYBOARD ? BC_MODE_KEYBOARD
                                                                      : BC_MODE_HIDPOS;
            if (p.mode == BC_MODE_KEYBOARD && alt->bInterfaceSubClass == HID_SUBCLASS_BOOT)
                p.boot = true;
        } else if (alt->bInterfaceClass == CLASS_CDC_DATA && comm >= 0) {
            ep = find_in_endpoint(alt, LIBUSB_TRANSFER_TYPE_BULK);
            p.ep_type = LIBUSB_TRANSFER_TYPE_BULK;
            p.mode = BC_MODE_SERIAL;
            p.comm_iface = comm;
        }
        if (ep == NULL)
            continue;
        p.ep = ep->bEndpointAddress;
        p.ep_size = ep->wMaxPacketSize;
        out[n++] = p;
    }
    libusb_free_config_descriptor(conf);
    return n;
}

static bool iface_is_open(const ScanCtx *ctx, const libusb_device *dev, uint8_t iface)
{
    for (const ScanDev *d = ctx->devs; d != NULL; d = d->next) {
        if (d->dev == dev && d->probe.interface == iface)
            return true;
    }
    return false;
}

/* Opens and claims every scanner interface of dev not open yet. Returns SCAN_ERR_BUSY if an
 * interface is held by another program (even if others opened: the caller retries, and those
 * open are skipped), else SCAN_OK if at least one is now read, else the error of the last attempt
 * (SCAN_ERR_ACCESS makes the caller retry; neither it nor busy has been reported yet).
 * backoff_ms: the reopen delay that brought it back after errors (0: none). */
int scan__dev_open(ScanCtx *ctx, libusb_device *dev, uint32_t backoff_ms)
{
    ScanProbe probes[8];
    struct libusb_device_descriptor dd;
    const ScanRule *rule = NULL;
    char port[SCAN_PORT_MAX] = {0};
    size_t n = scan__probe(dev, &ctx->cfg, probes, sizeof(probes) / sizeof(probes[0]));
    int result = SCAN_ERR_UNSUPPORTED;
    size_t opened = 0;
    bool busy = false;

    memset(&dd, 0, sizeof(dd));
    if (n == 0 || libusb_get_device_descriptor(dev, &dd) != LIBUSB_SUCCESS ||
        !scan__port_path(dev, port, sizeof(port)))
        return SCAN_ERR_UNSUPPORTED;
    rule = scan__rule_find(&ctx->cfg, port, dd.idVendor, dd.idProduct);
    if (rule != NULL && rule->ignore)
        return SCAN_ERR_UNSUPPORTED;

    for (size_t i = 0; i < n; i++) {
        ScanDev *d = NULL;
        int r = 0;

        if (iface_is_open(ctx, dev, probes[i].interface)) {
            opened++;
            continue;
        }
        d = calloc(1, sizeof(*d));
        if (d == NULL)
            return SCAN_ERR_NO_MEM;
        d->ctx = ctx;
        d->dev = libusb_ref_device(dev);
        memcpy(d->port, port, sizeof(d->port));
        d->vid = dd.idVendor;
        d->pid = dd.idProduct;
        d->probe = probes[i];
        d->layout = rule != NULL && rule->has_layout ? rule->layout : ctx->cfg.layout;
        bc_decoder_init(&d->dec, d->probe.mode, d->layout);
        bc_dedupe_init(&d->dedupe, ctx->cfg.dedupe_ms);
        d->backoff_ms = backoff_ms;

        r = libusb_open(dev, &d->h);
        if (r != LIBUSB_SUCCESS) {
            result = scan__error(r);
            if (result != SCAN_ERR_ACCESS)
                scan__emit(ctx, d, SCAN_EV_ERROR, result, "cannot open scanner %s: %s", port,
                           libusb_strerror(r));
            libusb_unref_device(d->dev);
            free(d);
            if (result == SCAN_ERR_ACCESS)
                return result; /* same for every interface: retry the device later */
            continue;
        }
        r = submit(d);
        if (r != SCAN_OK) {
            if (r != SCAN_ERR_UNSUPPORTED)
                result = r;
            busy = busy || r == SCAN_ERR_BUSY;
            libusb_close(d->h);
            libusb_unref_device(d->dev);
            free(d);
            continue;
        }
        d->next = ctx->devs;
        ctx->devs = d;
        opened++;
        scan__emit(ctx, d, SCAN_EV_ATTACHED, 0, "scanner %s %04x:%04x interface %u: %s%s%s", port,
                   d->vid, d->pid, (unsigned)d->probe.interface, bc_mode_name(d->probe.mode),
                   d->probe.mode == BC_MODE_KEYBOARD ? ", layout " : "",
                   d->probe.mode == BC_MODE_KEYBOARD ? bc_layout_name(d->layout) : "");
    }
    if (busy)
        return SCAN_ERR_BUSY;
    return opened > 0 ? SCAN_OK : result;
}

/* Claims the interface (detaching a kernel driver if one is bound), prepares the device for its
 * mode and submits the first transfer. On failure everything it did is undone. */
static int submit(ScanDev *d)
{
    ScanCtx *ctx = d->ctx;
    uint8_t iface = d->probe.interface;
    int r = 0;
    int len = 0;
    int err = SCAN_OK;

    if (d->probe.mode == BC_MODE_SERIAL) {
        /* cdc_acm is bound to the communications interface and holds the data one too. */
        err = claim(d, (uint8_t)d->probe.comm_iface, &d->detached_comm);
        if (err != SCAN_OK)
            return err;
    }
    err = claim(d, iface, &d->detached);
    if (err != SCAN_OK)
        goto out_comm;

    if (d->probe.mode == BC_MODE_HIDPOS) {
        uint8_t desc[REPORT_DESC_MAX];
        r = libusb_control_transfer(
            d->h, LIBUSB_ENDPOINT_IN | LIBUSB_REQUEST_TYPE_STANDARD | LIBUSB_RECIPIENT_INTERFACE,
            LIBUSB_REQUEST_GET_DESCRIPTOR, (uint16_t)(HID_DT_REPORT << 8), iface, desc,
            sizeof(desc), CONTROL_TIMEOUT_MS);
        if (r < 0 || !is_hidpos_descriptor(desc, (size_t)r)) {
            /* Another HID interface (vendor configuration, Zebra SNAPI): not ours to read. */
            if (d->vid == 0x05e0 && d->pid == 0x1900)
                scan__emit(ctx, d, SCAN_EV_ERROR, SCAN_ERR_UNSUPPORTED,
                           "scanner %s is in Zebra SNAPI mode, which is not supported: "
                           "set it to HID POS or keyboard mode",
                           d->port);
            err = SCAN_ERR_UNSUPPORTED;
            goto out_iface;
        }
    } else if (d->probe.mode == BC_MODE_KEYBOARD && d->probe.boot) {
        /* Boot protocol: fixed 8-byte reports. A scanner that refuses keeps its default, which
         * for a boot keyboard is the same layout. */
        libusb_control_transfer(
            d->h, LIBUSB_ENDPOINT_OUT | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE,
            HID_REQ_SET_PROTOCOL, HID_BOOT_PROTOCOL, iface, NULL, 0, CONTROL_TIMEOUT_MS);
    } else if (d->probe.mode == BC_MODE_SERIAL) {
        /* Many CDC scanners send nothing until DTR is raised. */
        libusb_control_transfer(
            d->h, LIBUSB_ENDPOINT_OUT | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE,
            CDC_REQ_SET_CONTROL_LINE_STATE, CDC_DTR_RTS, (uint16_t)d->probe.comm_iface, NULL, 0,
            CONTROL_TIMEOUT_MS);
    }

    d->xfer = libusb_alloc_transfer(0);
    if (d->xfer == NULL) {
        err = SCAN_ERR_NO_MEM;
        goto out_iface;
    }
    len = d->probe.ep_size > 0 && d->probe.ep_size <= SCAN__BUF_MAX ? d->probe.ep_size
                                                                    : SCAN__BUF_MAX;
    if (d->probe.mode == BC_MODE_HIDPOS && len < SCAN__HIDPOS_XFER_MIN)
        len = SCAN__HIDPOS_XFER_MIN; /* a small endpoint: the transfer spans a report's packets */
    if (d->probe.ep_type == LIBUSB_TRANSFER_TYPE_BULK)
        libusb_fill_bulk_transfer(d->xfer, d->h, d->probe.ep, d->buf, len, on_transfer, d, 0);
    else
        libusb_fill_interrupt_transfer(d->xfer, d->h, d->probe.ep, d->buf, len, on_transfer, d, 0);
    r = libusb_submit_transfer(d->xfer);
    if (r != LIBUSB_SUCCESS) {
        err = scan__error(r);
        scan__emit(ctx, d, SCAN_EV_ERROR, err, "cannot read scanner %s: %s", d->port,
                   libusb_strerror(r));
        goto out_xfer;
    }
    d->in_flight = true;
    return SCAN_OK;

out_xfer:
    libusb_free_transfer(d->xfer);
    d->xfer = NULL;
out_iface:
    unclaim(d, iface, d->detached, false);
    d->detached = false;
out_comm:
    if (d->probe.mode == BC_MODE_SERIAL)
        unclaim(d, (uint8_t)d->probe.comm_iface, d->detached_comm, false);
    d->detached_comm = false;
    return err;
}

static int claim(ScanDev *d, uint8_t iface, bool *detached)
{
    int r = libusb_kernel_driver_active(d->h, iface);

    *detached = false;
    if (r == 1) {
        r = libusb_detach_kernel_driver(d->h, iface);
        if (r != LIBUSB_SUCCESS && r != LIBUSB_ERROR_NOT_FOUND) {
            scan__emit(d->ctx, d, SCAN_EV_ERROR, scan__error(r),
                       "cannot detach kernel driver from scanner %s: %s", d->port,
                       libusb_strerror(r));
            return scan__error(r);
        }
        *detached = r == LIBUSB_SUCCESS;
    }
    r = libusb_claim_interface(d->h, iface);
    if (r != LIBUSB_SUCCESS) {
        /* Busy (another program has it) is retried and reported by the caller, once. */
        if (r != LIBUSB_ERROR_BUSY)
            scan__emit(d->ctx, d, SCAN_EV_ERROR, scan__error(r), "cannot claim scanner %s: %s",
                       d->port, libusb_strerror(r));
        if (*detached)
            libusb_attach_kernel_driver(d->h, iface);
        *detached = false;
        return scan__error(r);
    }
    return SCAN_OK;
}

static void unclaim(ScanDev *d, uint8_t iface, bool detached, bool unplugged)
{
    if (unplugged)
        return; /* the kernel has already forgotten the interface */
    if (d->probe.boot && iface == d->probe.interface) {
        /* Undo SET_PROTOCOL(boot): usbhid expects the report protocol it left it in. */
        libusb_control_transfer(
            d->h, LIBUSB_ENDPOINT_OUT | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE,
            HID_REQ_SET_PROTOCOL, HID_REPORT_PROTOCOL, iface, NULL, 0, CONTROL_TIMEOUT_MS);
    }
    libusb_release_interface(d->h, iface);
    if (detached) {
        int r = libusb_attach_kernel_driver(d->h, iface);
        if (r != LIBUSB_SUCCESS && r != LIBUSB_ERROR_NO_DEVICE)
            scan__emit(d->ctx, d, SCAN_EV_ERROR, scan__error(r),
                       "cannot re-attach kernel driver to scanner %s: %s", d->port,
                       libusb_strerror(r));
    }
}

/* Releases a scanner whose transfer is no longer in flight and frees it (the caller unlinks
 * it). Reports a code cut short. */
void scan__dev_release(ScanDev *d, bool unplugged)
{
    ScanCtx *ctx = d->ctx;

    if (bc_decoder_has_partial(&d->dec))
        scan__emit(ctx, d, SCAN_EV_PARTIAL_DROPPED, SCAN_ERR_PARTIAL,
                   "scanner %s %s in the middle of a code: partial code dropped", d->port,
                   unplugged ? "unplugged" : "released");
    unclaim(d, d->probe.interface, d->detached, unplugged);
    if (d->probe.mode == BC_MODE_SERIAL)
        unclaim(d, (uint8_t)d->probe.comm_iface, d->detached_comm, unplugged);
    libusb_close(d->h); /* also reclaims a transfer that never came back */
    libusb_free_transfer(d->xfer);
    scan__emit(ctx, d, SCAN_EV_DETACHED, unplugged ? SCAN_ERR_NO_DEVICE : 0, "scanner %s %s",
               d->port, unplugged ? "unplugged" : "released");
    libusb_unref_device(d->dev);
    free(d);
}

/* Work done from the loop, never from a callback: closing a code a fault doomed whose end never
 * came (so its rejection is not held until the next scan), telling how many fault rejections
 * were held back, and clearing a halt (synchronous). */
void scan__dev_service(ScanDev *d)
{
    int r = 0;
    uint32_t now = scan__now_ms();
    int rejected = bc_decoder_poll(&d->dec, now); /* a doomed code whose end never came */

    if (rejected < 0)
        reject(d, rejected, now);
    if (d->fault_suppressed > 0 && now - d->fault_told_ms >= SCAN__FAULT_LOG_MS) {
        /* The count of rejections held back, once their second is over. */
        scan__emit(d->ctx, d, SCAN_EV_REJECTED, d->fault_last,
                   "%u more %s rejected from scanner %s in the last second: %s",
                   d->fault_suppressed, d->fault_suppressed == 1 ? "code" : "codes", d->port,
                   bc_strerror(d->fault_last));
        d->fault_told_ms = now;
        d->fault_suppressed = 0;
    }
    if (!d->stalled || d->in_flight || d->gone)
        return;
    d->stalled = false;
    r = libusb_clear_halt(d->h, d->probe.ep);
    if (r == LIBUSB_SUCCESS)
        r = libusb_submit_transfer(d->xfer);
    if (r == LIBUSB_SUCCESS) {
        d->in_flight = true;
        return;
    }
    give_up(d, r);
}

void scan__emit(ScanCtx *ctx, const ScanDev *d, ScanEventType type, int error, const char *fmt, ...)
{
    ScanEvent ev;
    va_list ap;

    if (ctx->cfg.on_event == NULL)
        return;
    fill_event(&ev, d, type, error);
    va_start(ap, fmt);
    vsnprintf(ev.message, sizeof(ev.message), fmt, ap);
    va_end(ap);
    ctx->cfg.on_event(&ev, ctx->cfg.user);
}

static void on_transfer(struct libusb_transfer *t)
{
    ScanDev *d = t->user_data;
    int r = 0;

    d->in_flight = false;
    switch (t->status) {
    case LIBUSB_TRANSFER_COMPLETED:
        d->errors = 0;
        d->backoff_ms = 0;
        deliver(d, t->buffer, (size_t)t->actual_length);
        break;
    case LIBUSB_TRANSFER_CANCELLED:
        return;
    case LIBUSB_TRANSFER_NO_DEVICE:
        d->unplugged = true;
        d->gone = true;
        return;
    case LIBUSB_TRANSFER_STALL:
        d->stalled = true;
        return;
    case LIBUSB_TRANSFER_TIMED_OUT:
        break;
    case LIBUSB_TRANSFER_ERROR:
    case LIBUSB_TRANSFER_OVERFLOW:
    default:
        /* A report went missing: the code it belonged to must not go on without it. */
        bc_decoder_lost(&d->dec, scan__now_ms());
        if (++d->errors >= SCAN__ERRORS_MAX) {
            scan__emit(d->ctx, d, SCAN_EV_ERROR, SCAN_ERR_USB,
                       "cannot read scanner %s: %d transfer errors in a row; releasing it", d->port,
                       d->errors);
            d->gone = true; /* released and reopened by the loop: still connected */
            return;
        }
        break;
    }
    if (d->gone || atomic_load(&d->ctx->stop))
        return;
    r = libusb_submit_transfer(t);
    if (r == LIBUSB_SUCCESS) {
        d->in_flight = true;
        return;
    }
    give_up(d, r);
}

/* A transfer cannot be (re)submitted: the scanner is closed by the loop; only NO_DEVICE means
 * unplugged, any other error releases it normally and it is reopened after a backoff. */
static void give_up(ScanDev *d, int libusb_err)
{
    if (libusb_err == LIBUSB_ERROR_NO_DEVICE) {
        d->unplugged = true;
    } else {
        scan__emit(d->ctx, d, SCAN_EV_ERROR, scan__error(libusb_err), "cannot read scanner %s: %s",
                   d->port, libusb_strerror(libusb_err));
    }
    d->gone = true;
}

static void deliver(ScanDev *d, const uint8_t *data, size_t len)
{
    uint32_t now = scan__now_ms();
    size_t off = 0;
    int stale = bc_decoder_poll(&d->dec, now);

    if (stale < 0)
        reject(d, stale, now);
    do {
        ScanCode sc;
        int r = 0;

        memset(&sc, 0, sizeof(sc));
        r = bc_feed(&d->dec, data + off, len - off, now, &sc.code);

        off += bc_decoder_consumed(&d->dec);
        if (r < 0) {
            reject(d, r, now);
        } else if (r == 1 && !bc_dedupe_is_repeat(&d->dedupe, &sc.code)) {
            memcpy(sc.port, d->port, sizeof(sc.port));
            sc.vid = d->vid;
            sc.pid = d->pid;
            sc.interface = d->probe.interface;
            sc.mode = d->probe.mode;
            sc.layout = d->layout;
            d->ctx->cfg.on_code(&sc, d->ctx->cfg.user);
        }
    } while (d->probe.mode == BC_MODE_SERIAL && off < len);
}

/* Reports a rejected code. Rejections for report faults (malformed or lost reports) are limited
 * to one event per SCAN__FAULT_LOG_MS per scanner, the next one saying how many were held back:
 * a scanner sending garbage must not flood the log or sound the refusal tone without end. */
static void reject(ScanDev *d, int bc_err, uint32_t now)
{
    bool fault = bc_err == BC_ERR_REPORT || bc_err == BC_ERR_LOST;

    if (!fault) {
        scan__emit(d->ctx, d, SCAN_EV_REJECTED, bc_err, "code rejected from scanner %s: %s",
                   d->port, bc_strerror(bc_err));
        return;
    }
    if (d->fault_told && now - d->fault_told_ms < SCAN__FAULT_LOG_MS) {
        d->fault_suppressed++;
        d->fault_last = bc_err;
        return;
    }
    if (d->fault_suppressed > 0)
        scan__emit(d->ctx, d, SCAN_EV_REJECTED, bc_err,
                   "code rejected from scanner %s: %s: whole code dropped (%u more not shown)",
                   d->port, bc_strerror(bc_err), d->fault_suppressed);
    else
        scan__emit(d->ctx, d, SCAN_EV_REJECTED, bc_err,
                   "code rejected from scanner %s: %s: whole code dropped", d->port,
                   bc_strerror(bc_err));
    d->fault_told = true;
    d->fault_told_ms = now;
    d->fault_suppressed = 0;
}

/* True if a HID report descriptor declares the barcode scanner usage page (0x8C). */
static bool is_hidpos_descriptor(const uint8_t *desc, size_t len)
{
    size_t i = 0;

    while (i < len) {
        uint8_t prefix = desc[i];
        size_t size = prefix & 0x03;
        if (size == 3)
            size = 4;
        if (prefix == 0xfe) { /* long item */
            if (i + 2 >= len)
                return false;
            i += 3 + desc[i + 1];
            continue;
        }
        if (i + 1 + size > len)
            return false;
        if ((prefix & 0xfc) == 0x04 && size > 0) { /* Usage Page, global item */
            uint32_t page = desc[i + 1];
            if (size > 1)
                page |= (uint32_t)desc[i + 2] << 8;
            if (page == USAGE_PAGE_POS_BARCODE)
                return true;
        }
        i += 1 + size;
    }
    return false;
}

static void fill_event(ScanEvent *ev, const ScanDev *d, ScanEventType type, int error)
{
    memset(ev, 0, sizeof(*ev));
    ev->type = type;
    ev->error = error;
    if (d == NULL)
        return;
    memcpy(ev->port, d->port, sizeof(ev->port));
    ev->vid = d->vid;
    ev->pid = d->pid;
    ev->interface = d->probe.interface;
    ev->mode = d->probe.mode;
    ev->layout = d->layout;
}
