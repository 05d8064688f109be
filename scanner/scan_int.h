/* Shared inside the scanner module only. */
#ifndef BUA_SCAN_INT_H
#define BUA_SCAN_INT_H

#include "scanner.h"

#include <libusb.h>
#include <pthread.h>
#include <stdatomic.h>

#define SCAN__PENDING_MAX 32
#define SCAN__FAILED_MAX 32
#define SCAN__BUF_MAX 512
#define SCAN__RETRY_STEP_MS 100u
#define SCAN__BUSY_RETRY_MS 1000u /* a scanner another program holds: try again this often */
#define SCAN__LOOP_MS 250u
#define SCAN__ERRORS_MAX 8         /* consecutive transfer errors before a scanner is released */
#define SCAN__REOPEN_MIN_MS 1000u  /* a scanner released after errors is reopened after this, */
#define SCAN__REOPEN_MAX_MS 30000u /* doubling while it keeps failing, up to this */
#define SCAN__HIDPOS_XFER_MIN 64   /* a HID POS transfer holds a whole report */
#define SCAN__FAULT_LOG_MS 1000u   /* codes rejected for report faults: one event per this */

/* An interface that could be a scanner: what scan__probe() finds. */
typedef struct {
    uint8_t interface;
    uint8_t alt;
    uint8_t ep;       /* IN endpoint address */
    uint8_t ep_type;  /* LIBUSB_TRANSFER_TYPE_INTERRUPT or _BULK */
    uint16_t ep_size; /* wMaxPacketSize */
    int comm_iface;   /* CDC-ACM: the communications interface, else -1 */
    bool boot;        /* HID boot subclass: SET_PROTOCOL(boot) applies */
    BcMode mode;
} ScanProbe;

typedef struct ScanDev ScanDev;

struct ScanDev {
    ScanDev *next;
    ScanCtx *ctx;
    libusb_device *dev; /* referenced */
    libusb_device_handle *h;
    struct libusb_transfer *xfer;
    char port[SCAN_PORT_MAX];
    uint16_t vid;
    uint16_t pid;
    ScanProbe probe;
    BcLayout layout;
    bool detached;      /* we detached the interface's kernel driver: re-attach on release */
    bool detached_comm; /* CDC-ACM: we detached the driver of the communications interface */
    bool in_flight;     /* xfer submitted, its callback not yet run */
    bool gone;          /* unplugged or failed: close once the transfer is back */
    bool unplugged;     /* no longer connected (not just failing): nothing to release */
    bool stalled;       /* endpoint halted: clear it outside the callback */
    bool cancelled;     /* libusb_cancel_transfer() already asked */
    int errors;
    uint32_t backoff_ms; /* delay of the last reopen after errors (0: none since it worked) */
    BcDecoder dec;
    BcDedupe dedupe;
    bool fault_told; /* a report-fault rejection was emitted at fault_told_ms */
    uint32_t fault_told_ms;
    unsigned fault_suppressed; /* report-fault rejections not emitted since then */
    int fault_last;            /* the BcError of the last of those */
    uint8_t buf[SCAN__BUF_MAX];
};

typedef struct {
    libusb_device *dev; /* referenced */
    uint32_t first_ms;
    uint32_t next_ms;
    bool told;           /* its failure was reported already: retry quietly */
    uint32_t backoff_ms; /* reopening after errors: the delay that was used, else 0 */
} ScanPending;

struct ScanCtx {
    ScanConfig cfg;
    libusb_context *usb;
    pthread_t thread;
    bool started;
    atomic_bool stop;
    bool hotplug; /* hotplug callbacks registered */
    libusb_hotplug_callback_handle hp;
    uint32_t rescan_ms;
    uint32_t next_rescan_ms;
    ScanDev *devs;
    size_t n_pending;
    ScanPending pending[SCAN__PENDING_MAX];
    size_t n_failed;
    uint32_t failed[SCAN__FAILED_MAX]; /* bus << 8 | address of devices given up on */
    bool rescan_due; /* a device could not be queued (pending full): re-scan once */
};

/* scan_config.c */
const ScanRule *scan__rule_find(const ScanConfig *cfg, const char *port, uint16_t vid,
                                uint16_t pid);

/* scan_device.c */
uint32_t scan__now_ms(void);
bool scan__port_path(libusb_device *dev, char *buf, size_t size);
int scan__error(int libusb_err);
size_t scan__probe(libusb_device *dev, const ScanConfig *cfg, ScanProbe *out, size_t cap);
int scan__dev_open(ScanCtx *ctx, libusb_device *dev, uint32_t backoff_ms);
void scan__dev_release(ScanDev *d, bool unplugged);
void scan__dev_service(ScanDev *d);
void scan__emit(ScanCtx *ctx, const ScanDev *d, ScanEventType type, int error, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
