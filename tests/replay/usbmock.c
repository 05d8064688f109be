/* The kernel side of usbfs, emulated for libusb under umockdev: see usbmock.h. The ioctl
 * handler runs on umockdev's own thread; everything it shares with the test is under `lock`. */
#include "usbmock.h"

#include "check.h"

#include <errno.h>
#include <glib.h>
#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <umockdev.h>

#define QUEUE_MAX 1024
#define REPORT_MAX 512
#define IFACE_MAX 8
#define DEVS_MAX 16
#define CONTROL_LOG_MAX 64

typedef struct {
    uint8_t data[REPORT_MAX];
    size_t len;
    int status; /* 0, or the URB status it is delivered with (-EOVERFLOW) */
} Report;

/* A URB and the connection (the open file, as for usbfs) it was submitted on: only that file
 * reaps it, so two handles on one device never get each other's URBs. */
typedef struct {
    UMockdevIoctlData *data;
    const UMockdevIoctlClient *client; /* compared only */
} Urb;

struct MockDev {
    UsbMock *mock;
    UMockdevIoctlBase *handler;
    char syspath[256];
    char devnode[64];
    char driver[32];
    bool bound[IFACE_MAX];
    bool claimed[IFACE_MAX];
    int claims;
    int busy;
    int ioctls;
    bool unplugged;
    bool busy_other;            /* claimed by another process */
    bool busy_iface[IFACE_MAX]; /* this interface claimed by another process */
    int fail_urbs;              /* IN URBs still to fail with a transfer error (-EPROTO) */
    int stall_urbs;             /* IN URBs still to fail with a stall (-EPIPE) */
    bool fail_clear;            /* CLEAR_HALT fails (EIO) */
    int fail_submits;           /* IN URB submissions still to refuse (EIO) */
    int attaches;               /* kernel driver re-bound through USBDEVFS_CONNECT */
    uint8_t report_desc[1024];
    size_t report_desc_len;
    uint32_t control_log[CONTROL_LOG_MAX]; /* bmRequestType << 24 | bRequest << 16 | wValue */
    size_t n_control;
    GList *flying; /* Urb: IN interrupt/bulk URBs waiting for data */
    GList *done;   /* Urb: URBs ready to be reaped */
    Report queue[QUEUE_MAX];
    size_t q_head;
    size_t q_tail;
    uint64_t last_data_ns;
};

struct UsbMock {
    UMockdevTestbed *testbed;
    char *root;
    char data_dir[512];
    pthread_mutex_t lock;
    MockDev *devs[DEVS_MAX];
    size_t n_devs;
};

static gboolean handle_ioctl(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, MockDev *d);
static char *read_text(const UsbMock *m, const char *file);
static size_t parse_hex_line(const char *line, uint8_t *out, size_t cap);
static void queue_report(MockDev *d, const uint8_t *data, size_t len, int status);
static void sleep_ms(int ms);
static uint64_t now_ns(void);
static void urb_free(gpointer p);

UsbMock *usbmock_new(const char *data_dir)
{
    UsbMock *m = calloc(1, sizeof(*m));
    char *hub = NULL;

    CHECK(m != NULL);
    if (getenv("LD_PRELOAD") == NULL || strstr(getenv("LD_PRELOAD"), "umockdev-preload") == NULL) {
        fprintf(stderr, "usbmock: not under umockdev-wrapper\n");
        abort();
    }
    pthread_mutex_init(&m->lock, NULL);
    snprintf(m->data_dir, sizeof(m->data_dir), "%s", data_dir);
    m->testbed = umockdev_testbed_new();
    CHECK(m->testbed != NULL);
    m->root = umockdev_testbed_get_root_dir(m->testbed);
    hub = read_text(m, "usb1-root-hub.umockdev");
    CHECK(umockdev_testbed_add_from_string(m->testbed, hub, NULL));
    free(hub);
    return m;
}

void usbmock_free(UsbMock *m)
{
    if (m == NULL)
        return;
    g_clear_object(&m->testbed);
    for (size_t i = 0; i < m->n_devs; i++) {
        MockDev *d = m->devs[i];
        g_clear_object(&d->handler);
        g_list_free_full(d->flying, urb_free);
        g_list_free_full(d->done, urb_free);
        free(d);
    }
    g_free(m->root);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

MockDev *usbmock_add(UsbMock *m, const char *file, const char *driver, const char *report_desc)
{
    MockDev *d = calloc(1, sizeof(*d));
    char *text = read_text(m, file);
    const char *p = strstr(text, "P: ");
    const char *n = strstr(text, "N: ");
    GError *err = NULL;

    CHECK(d != NULL && p != NULL && n != NULL && m->n_devs < DEVS_MAX);
    d->mock = m;
    CHECK(sscanf(p + 3, "%255[^\n]", d->syspath) == 1);
    memcpy(d->devnode, "/dev/", 5);
    CHECK(sscanf(n + 3, "%58[^\n]", d->devnode + 5) == 1);
    if (driver != NULL) {
        snprintf(d->driver, sizeof(d->driver), "%s", driver);
        for (int i = 0; i < IFACE_MAX; i++)
            d->bound[i] = true;
    }
    if (report_desc != NULL) {
        char *hex = read_text(m, report_desc);
        d->report_desc_len = parse_hex_line(hex, d->report_desc, sizeof(d->report_desc));
        free(hex);
    }
    d->handler = umockdev_ioctl_base_new();
    g_signal_connect(d->handler, "handle-ioctl", G_CALLBACK(handle_ioctl), d);
    /* The handler first, so that the device can be opened as soon as it appears. */
    if (!umockdev_testbed_attach_ioctl(m->testbed, d->devnode, d->handler, &err)) {
        fprintf(stderr, "usbmock: attach_ioctl %s: %s\n", d->devnode, err->message);
        abort();
    }
    if (!umockdev_testbed_add_from_string(m->testbed, text, &err)) {
        fprintf(stderr, "usbmock: add %s: %s\n", file, err->message);
        abort();
    }
    free(text);
    pthread_mutex_lock(&m->lock);
    m->devs[m->n_devs++] = d;
    pthread_mutex_unlock(&m->lock);
    return d;
}

void usbmock_add_plain(UsbMock *m, const char *file)
{
    char *text = read_text(m, file);
    GError *err = NULL;

    if (!umockdev_testbed_add_from_string(m->testbed, text, &err)) {
        fprintf(stderr, "usbmock: add %s: %s\n", file, err->message);
        abort();
    }
    free(text);
}

void usbmock_unplug(MockDev *d)
{
    char sys[300];

    pthread_mutex_lock(&d->mock->lock);
    d->unplugged = true;
    pthread_mutex_unlock(&d->mock->lock);
    snprintf(sys, sizeof(sys), "/sys%s", d->syspath);
    /* remove_device() deletes the sysfs entry but sends no uevent: a real unplug does. */
    umockdev_testbed_uevent(d->mock->testbed, sys, "remove");
    umockdev_testbed_remove_device(d->mock->testbed, sys);
    umockdev_testbed_detach_ioctl(d->mock->testbed, d->devnode, NULL);
}

void usbmock_set_busy(MockDev *d, bool busy)
{
    pthread_mutex_lock(&d->mock->lock);
    d->busy_other = busy;
    pthread_mutex_unlock(&d->mock->lock);
}

void usbmock_set_busy_iface(MockDev *d, unsigned iface, bool busy)
{
    pthread_mutex_lock(&d->mock->lock);
    CHECK(iface < IFACE_MAX);
    d->busy_iface[iface] = busy;
    pthread_mutex_unlock(&d->mock->lock);
}

size_t usbmock_queue_file(MockDev *d, const char *file)
{
    char *text = read_text(d->mock, file);
    size_t count = 0;

    for (char *line = text; line != NULL && *line;) {
        char *next = strchr(line, '\n');
        uint8_t buf[REPORT_MAX];
        size_t n = 0;
        if (next != NULL)
            *next++ = '\0';
        if (line[0] != '#' && line[0] != '\0') {
            /* "overflow HEX": the device babbles, the URB ends with -EOVERFLOW */
            bool overflow = strncmp(line, "overflow ", 9) == 0;
            n = parse_hex_line(overflow ? line + 9 : line, buf, sizeof(buf));
            CHECK(n > 0);
            queue_report(d, buf, n, overflow ? -EOVERFLOW : 0);
            count++;
        }
        line = next;
    }
    free(text);
    return count;
}

void usbmock_queue(MockDev *d, const uint8_t *data, size_t len)
{
    queue_report(d, data, len, 0);
}

static void queue_report(MockDev *d, const uint8_t *data, size_t len, int status)
{
    pthread_mutex_lock(&d->mock->lock);
    CHECK(d->q_tail - d->q_head < QUEUE_MAX && len <= REPORT_MAX);
    memcpy(d->queue[d->q_tail % QUEUE_MAX].data, data, len);
    d->queue[d->q_tail % QUEUE_MAX].len = len;
    d->queue[d->q_tail % QUEUE_MAX].status = status;
    d->q_tail++;
    pthread_mutex_unlock(&d->mock->lock);
}

bool usbmock_wait_drained(MockDev *d, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 2) {
        bool empty = false;
        pthread_mutex_lock(&d->mock->lock);
        empty = d->q_head == d->q_tail;
        pthread_mutex_unlock(&d->mock->lock);
        if (empty)
            return true;
        sleep_ms(2);
    }
    return false;
}

bool usbmock_driver_bound(MockDev *d, unsigned iface)
{
    bool v = false;
    pthread_mutex_lock(&d->mock->lock);
    v = d->bound[iface];
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

bool usbmock_claimed(MockDev *d, unsigned iface)
{
    bool v = false;
    pthread_mutex_lock(&d->mock->lock);
    v = d->claimed[iface];
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

int usbmock_claim_count(MockDev *d)
{
    int v = 0;
    pthread_mutex_lock(&d->mock->lock);
    v = d->claims;
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

int usbmock_busy_count(MockDev *d)
{
    int v = 0;
    pthread_mutex_lock(&d->mock->lock);
    v = d->busy;
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

int usbmock_opens(MockDev *d)
{
    int v = 0;
    pthread_mutex_lock(&d->mock->lock);
    v = d->ioctls;
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

int usbmock_control_count(MockDev *d, uint8_t request_type, uint8_t request)
{
    int v = 0;
    pthread_mutex_lock(&d->mock->lock);
    for (size_t i = 0; i < d->n_control; i++)
        v += d->control_log[i] >> 16 == (uint32_t)(request_type << 8 | request);
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

int usbmock_control_last_value(MockDev *d, uint8_t request_type, uint8_t request)
{
    int v = -1;
    pthread_mutex_lock(&d->mock->lock);
    for (size_t i = 0; i < d->n_control; i++) {
        if (d->control_log[i] >> 16 == (uint32_t)(request_type << 8 | request))
            v = (int)(d->control_log[i] & 0xffff);
    }
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

void usbmock_fail_urbs(MockDev *d, int n)
{
    pthread_mutex_lock(&d->mock->lock);
    d->fail_urbs = n;
    pthread_mutex_unlock(&d->mock->lock);
}

void usbmock_stall_urbs(MockDev *d, int n, bool clear_fails)
{
    pthread_mutex_lock(&d->mock->lock);
    d->stall_urbs = n;
    d->fail_clear = clear_fails;
    pthread_mutex_unlock(&d->mock->lock);
}

void usbmock_fail_submits(MockDev *d, int n)
{
    pthread_mutex_lock(&d->mock->lock);
    d->fail_submits = n;
    pthread_mutex_unlock(&d->mock->lock);
}

int usbmock_attach_count(MockDev *d)
{
    int v = 0;
    pthread_mutex_lock(&d->mock->lock);
    v = d->attaches;
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

uint64_t usbmock_last_data_ns(MockDev *d)
{
    uint64_t v = 0;
    pthread_mutex_lock(&d->mock->lock);
    v = d->last_data_ns;
    pthread_mutex_unlock(&d->mock->lock);
    return v;
}

static GList *urb_append(GList *list, UMockdevIoctlData *data, const UMockdevIoctlClient *client)
{
    Urb *u = g_new0(Urb, 1);
    u->data = umockdev_ioctl_data_ref(data);
    u->client = client;
    return g_list_append(list, u);
}

/* The first URB of the list submitted on `client`, unlinked (the caller unrefs), or NULL. */
static UMockdevIoctlData *urb_take(GList **list, const UMockdevIoctlClient *client)
{
    for (GList *l = *list; l != NULL; l = l->next) {
        Urb *u = l->data;
        if (u->client == client) {
            UMockdevIoctlData *data = u->data;
            g_free(u);
            *list = g_list_delete_link(*list, l);
            return data;
        }
    }
    return NULL;
}

static bool urb_has(GList *list, const UMockdevIoctlClient *client)
{
    for (GList *l = list; l != NULL; l = l->next) {
        if (((Urb *)l->data)->client == client)
            return true;
    }
    return false;
}

static void reap_into(UMockdevIoctlData *arg, UMockdevIoctlData *urb_data)
{
    UMockdevIoctlData *ptr = umockdev_ioctl_data_resolve(arg, 0, sizeof(void *), NULL);
    umockdev_ioctl_data_set_ptr(ptr, 0, urb_data);
    umockdev_ioctl_data_unref(ptr);
}

static void handle_submit(MockDev *d, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
    UMockdevIoctlData *urb_data =
        umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_urb), NULL);
    struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
    UMockdevIoctlData *buf = NULL;

    if (urb->buffer_length > 0)
        buf = umockdev_ioctl_data_resolve(urb_data, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer),
                                          (gsize)urb->buffer_length, NULL);
    if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
        const uint8_t *setup = urb->buffer;
        uint8_t *payload = (uint8_t *)urb->buffer + 8;
        size_t want = (size_t)(setup[6] | setup[7] << 8);
        if (d->n_control < CONTROL_LOG_MAX)
            d->control_log[d->n_control++] = (uint32_t)setup[0] << 24 | (uint32_t)setup[1] << 16 |
                                             (uint32_t)(setup[2] | setup[3] << 8);
        urb->status = 0;
        urb->actual_length = 0;
        if (setup[0] == 0x81 && setup[1] == 0x06 && setup[3] == 0x22) {
            size_t n = d->report_desc_len < want ? d->report_desc_len : want;
            if (n == 0) {
                urb->status = -EPIPE; /* a stall, as for an unknown descriptor */
            } else {
                memcpy(payload, d->report_desc, n);
                urb->actual_length = (int)n;
            }
        } else if (setup[0] & 0x80) {
            urb->status = -EPIPE;
        }
        d->done = urb_append(d->done, urb_data, client);
    } else if ((urb->endpoint & 0x80) && d->fail_submits > 0) {
        d->fail_submits--;
        if (buf != NULL)
            umockdev_ioctl_data_unref(buf);
        umockdev_ioctl_data_unref(urb_data);
        umockdev_ioctl_client_complete(client, -1, EIO);
        return;
    } else if (urb->endpoint & 0x80) {
        d->flying = urb_append(d->flying, urb_data, client);
    } else {
        urb->status = 0;
        urb->actual_length = urb->buffer_length;
        d->done = urb_append(d->done, urb_data, client);
    }
    if (buf != NULL)
        umockdev_ioctl_data_unref(buf);
    umockdev_ioctl_data_unref(urb_data);
    umockdev_ioctl_client_complete(client, 0, 0);
}

static void handle_reap(MockDev *d, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
    UMockdevIoctlData *urb_data = NULL;
    struct usbdevfs_urb *urb = NULL;

    if (urb_has(d->done, client)) {
        urb_data = urb_take(&d->done, client);
    } else if (urb_has(d->flying, client) &&
               (d->unplugged || d->fail_urbs > 0 || d->stall_urbs > 0 || d->q_head != d->q_tail)) {
        urb_data = urb_take(&d->flying, client);
        urb = (struct usbdevfs_urb *)urb_data->data;
        if (d->unplugged) {
            urb->status = -ESHUTDOWN;
            urb->actual_length = 0;
        } else if (d->stall_urbs > 0) {
            d->stall_urbs--;
            urb->status = -EPIPE; /* libusb: LIBUSB_TRANSFER_STALL */
            urb->actual_length = 0;
        } else if (d->fail_urbs > 0) {
            d->fail_urbs--;
            urb->status = -EPROTO; /* e.g. a bad cable: libusb says LIBUSB_TRANSFER_ERROR */
            urb->actual_length = 0;
        } else {
            /* A URB shorter than the report gets its first part, the next URB the rest (as
             * packets of a small endpoint would arrive). */
            Report *r = &d->queue[d->q_head % QUEUE_MAX];
            size_t n = r->len < (size_t)urb->buffer_length ? r->len : (size_t)urb->buffer_length;
            memcpy(urb->buffer, r->data, n);
            urb->actual_length = (int)n;
            urb->status = r->status;
            if (r->status != 0) {
                d->q_head++; /* a babbling report is lost whole */
            } else if (n < r->len) {
                memmove(r->data, r->data + n, r->len - n);
                r->len -= n;
            } else {
                d->q_head++;
            }
            d->last_data_ns = now_ns();
        }
    }
    if (urb_data == NULL) {
        umockdev_ioctl_client_complete(client, -1, d->unplugged ? ENODEV : EAGAIN);
        return;
    }
    reap_into(arg, urb_data);
    umockdev_ioctl_data_unref(urb_data);
    umockdev_ioctl_client_complete(client, 0, 0);
}

static gint same_client_addr(gconstpointer data, gconstpointer addr)
{
    return ((const Urb *)data)->data->client_addr != (gulong)addr;
}

static gboolean handle_ioctl(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, MockDev *d)
{
    gulong request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
    gboolean handled = TRUE;

    (void)handler;
    pthread_mutex_lock(&d->mock->lock);
    d->ioctls++;
    if (d->unplugged && request != (gulong)USBDEVFS_REAPURB &&
        request != (gulong)USBDEVFS_REAPURBNDELAY && request != (gulong)USBDEVFS_DISCARDURB &&
        request != (gulong)USBDEVFS_RELEASEINTERFACE) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        pthread_mutex_unlock(&d->mock->lock);
        return TRUE;
    }
    switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
        UMockdevIoctlData *caps = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), NULL);
        *(guint32 *)caps->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                                 USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
        umockdev_ioctl_data_unref(caps);
        umockdev_ioctl_client_complete(client, 0, 0);
        break;
    }
    case USBDEVFS_GETDRIVER: {
        UMockdevIoctlData *gd =
            umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_getdriver), NULL);
        struct usbdevfs_getdriver *g = (struct usbdevfs_getdriver *)gd->data;
        if (g->interface < IFACE_MAX && d->bound[g->interface]) {
            snprintf(g->driver, sizeof(g->driver), "%s", d->driver);
            umockdev_ioctl_client_complete(client, 0, 0);
        } else {
            umockdev_ioctl_client_complete(client, -1, ENODATA);
        }
        umockdev_ioctl_data_unref(gd);
        break;
    }
    case USBDEVFS_IOCTL: {
        UMockdevIoctlData *io =
            umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_ioctl), NULL);
        struct usbdevfs_ioctl *c = (struct usbdevfs_ioctl *)io->data;
        unsigned i = (unsigned)c->ifno;
        if (i >= IFACE_MAX) {
            umockdev_ioctl_client_complete(client, -1, EINVAL);
        } else if (c->ioctl_code == (int)USBDEVFS_DISCONNECT) {
            if (d->bound[i] && !d->claimed[i]) {
                d->bound[i] = false;
                umockdev_ioctl_client_complete(client, 0, 0);
            } else {
                umockdev_ioctl_client_complete(client, -1, ENODATA);
            }
        } else if (c->ioctl_code == (int)USBDEVFS_CONNECT) {
            if (d->claimed[i]) {
                umockdev_ioctl_client_complete(client, -1, EBUSY);
            } else {
                /* Like device_attach(): 1 when a driver was bound, 0 when none wants it. */
                d->bound[i] = d->driver[0] != '\0';
                d->attaches += d->bound[i];
                umockdev_ioctl_client_complete(client, d->bound[i] ? 1 : 0, 0);
            }
        } else {
            umockdev_ioctl_client_complete(client, -1, ENOTTY);
        }
        umockdev_ioctl_data_unref(io);
        break;
    }
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE: {
        UMockdevIoctlData *num = umockdev_ioctl_data_resolve(arg, 0, sizeof(unsigned), NULL);
        unsigned i = *(unsigned *)num->data;
        umockdev_ioctl_data_unref(num);
        if (i >= IFACE_MAX) {
            umockdev_ioctl_client_complete(client, -1, EINVAL);
        } else if (request == (gulong)USBDEVFS_RELEASEINTERFACE) {
            d->claimed[i] = false;
            umockdev_ioctl_client_complete(client, 0, 0);
        } else if (d->bound[i] || d->busy_other || d->busy_iface[i]) {
            d->busy++; /* a kernel driver or another program holds it: as usbfs, EBUSY */
            umockdev_ioctl_client_complete(client, -1, EBUSY);
        } else {
            d->claimed[i] = true;
            d->claims++;
            umockdev_ioctl_client_complete(client, 0, 0);
        }
        break;
    }
    case USBDEVFS_CLEAR_HALT:
        if (d->fail_clear)
            umockdev_ioctl_client_complete(client, -1, EIO);
        else
            umockdev_ioctl_client_complete(client, 0, 0);
        break;
    case USBDEVFS_RESETEP:
    case USBDEVFS_SETINTERFACE:
    case USBDEVFS_SETCONFIGURATION:
        umockdev_ioctl_client_complete(client, 0, 0);
        break;
    case USBDEVFS_SUBMITURB:
        handle_submit(d, client, arg);
        break;
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY:
        handle_reap(d, client, arg);
        break;
    case USBDEVFS_DISCARDURB: {
        GList *l = g_list_find_custom(d->flying, *(void **)arg->data, same_client_addr);
        if (l != NULL) {
            Urb *u = l->data;
            ((struct usbdevfs_urb *)u->data->data)->status = -ENOENT;
            ((struct usbdevfs_urb *)u->data->data)->actual_length = 0;
            d->flying = g_list_delete_link(d->flying, l);
            d->done = g_list_append(d->done, u);
            umockdev_ioctl_client_complete(client, 0, 0);
        } else {
            umockdev_ioctl_client_complete(client, -1, EINVAL);
        }
        break;
    }
    default:
        handled = FALSE;
        break;
    }
    pthread_mutex_unlock(&d->mock->lock);
    return handled;
}

static char *read_text(const UsbMock *m, const char *file)
{
    char path[1024];
    FILE *f = NULL;
    char *buf = NULL;
    long size = 0;

    snprintf(path, sizeof(path), "%s/%s", m->data_dir, file);
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "usbmock: cannot open %s\n", path);
        abort();
    }
    CHECK(fseek(f, 0, SEEK_END) == 0);
    size = ftell(f);
    CHECK(size >= 0 && fseek(f, 0, SEEK_SET) == 0);
    buf = malloc((size_t)size + 1);
    CHECK(buf != NULL);
    CHECK(fread(buf, 1, (size_t)size, f) == (size_t)size);
    buf[size] = '\0';
    fclose(f);
    return buf;
}

static size_t parse_hex_line(const char *line, uint8_t *out, size_t cap)
{
    size_t n = 0;
    unsigned v = 0;
    int digits = 0;

    for (const char *p = line; *p && *p != '\n'; p++) {
        int x = -1;
        if (*p >= '0' && *p <= '9')
            x = *p - '0';
        else if (*p >= 'a' && *p <= 'f')
            x = *p - 'a' + 10;
        else if (*p >= 'A' && *p <= 'F')
            x = *p - 'A' + 10;
        if (x < 0)
            continue;
        v = v << 4 | (unsigned)x;
        if (++digits == 2) {
            CHECK(n < cap);
            out[n++] = (uint8_t)v;
            v = 0;
            digits = 0;
        }
    }
    return n;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static uint64_t now_ns(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void urb_free(gpointer p)
{
    Urb *u = p;
    umockdev_ioctl_data_unref(u->data);
    g_free(u);
}
