/* scanner: USB barcode scanners read directly through libusb.
 *
 * One ScanCtx owns a libusb context and one event thread. The thread finds scanners (hotplug
 * callbacks, or a periodic re-scan where hotplug is not supported), claims them (detaching the
 * kernel driver only if one is bound, re-attaching it on release), keeps one asynchronous
 * interrupt (HID) or bulk (CDC-ACM) transfer in flight per scanner, decodes what arrives with
 * the barcode module and hands finished codes to the caller's callback. The caller's thread never
 * blocks on USB. Scanners are identified by bus and port path ("1-4.2"): cheap scanners have no
 * serial number.
 *
 * Modes: HID boot keyboard (any layout in barcode.h), HID POS (usage page 0x8C, found by its
 * report descriptor), CDC-ACM virtual serial. Zebra SNAPI is not supported (no public
 * specification): such a scanner is reported as unsupported; set it to HID POS or keyboard.
 *
 * Use from the kiosk (SDL app):
 *   ScanConfig cfg;
 *   scan_config_init(&cfg);
 *   ... for each key = value of the config file's [scanner] section:
 *       scan_config_set(&cfg, key, value, err, sizeof(err));
 *   cfg.on_code = on_code;   (runs on the scanner thread: copy the code into an SDL user event)
 *   cfg.on_event = on_event; (plug/unplug/errors: log them, show a hint)
 *   cfg.user = app;
 *   scan_open(&cfg, &ctx); scan_start(ctx);  ... main loop ...  scan_close(ctx);
 *
 * Which devices are touched: only interfaces of devices from known scanner vendors (Honeywell,
 * Hand Held Products, Zebra/Symbol, Datalogic, Newland, Opticon, Access-IS, Intermec) or
 * allow-listed in the config; a keyboard or anything else is never opened.
 */
#ifndef BUA_SCANNER_H
#define BUA_SCANNER_H

#include "barcode.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCAN_PORT_MAX 32  /* "BBB-p.p.p.p.p.p.p" plus NUL */
#define SCAN_MATCH_MAX 32 /* a rule's port path or VID:PID */
#define SCAN_RULES_MAX 32
#define SCAN_MESSAGE_MAX 192

#define SCAN_RESCAN_DEFAULT_MS 1000u
#define SCAN_ACCESS_RETRY_DEFAULT_MS 3000u

/* Error codes: SCAN_OK is 0, failures negative. */
#define SCAN_ERRNO_MAP(X)                                                                          \
    X(SCAN_ERR_USB, -1, "usb error")                                                               \
    X(SCAN_ERR_ACCESS, -2, "permission denied (is the udev rule installed?)")                      \
    X(SCAN_ERR_BUSY, -3, "device is claimed by another program")                                   \
    X(SCAN_ERR_NO_DEVICE, -4, "device unplugged")                                                  \
    X(SCAN_ERR_NO_MEM, -5, "out of memory")                                                        \
    X(SCAN_ERR_CONFIG, -6, "bad scanner setting")                                                  \
    X(SCAN_ERR_STATE, -7, "already started or not started")                                        \
    X(SCAN_ERR_THREAD, -8, "cannot start the usb event thread")                                    \
    X(SCAN_ERR_PARTIAL, -9, "unplugged in the middle of a code: code dropped")                     \
    X(SCAN_ERR_UNSUPPORTED, -10, "unsupported scanner mode")                                       \
    X(SCAN_ERR_TOO_MANY, -11, "too many scanners")

typedef enum {
    SCAN_OK = 0,
#define SCAN_ERR_ENUM_(name, value, text) name = (value),
    SCAN_ERRNO_MAP(SCAN_ERR_ENUM_)
#undef SCAN_ERR_ENUM_
} ScanError;

/* Static English text for a ScanError; never NULL. */
const char *scan_strerror(int err);

/* ---- Configuration ------------------------------------------------------------------------- */

/* A per-scanner setting. `match` is a port path ("1-4.2") or "vvvv:pppp" / "vvvv:*" in hex.
 * The first rule that matches a device applies. */
typedef struct {
    char match[SCAN_MATCH_MAX];
    bool has_layout; /* layout below applies (else the config's default) */
    BcLayout layout;
    bool allow;  /* claim it even though its vendor is not a known scanner vendor */
    bool ignore; /* never claim it */
} ScanRule;

typedef struct {
    char port[SCAN_PORT_MAX]; /* bus and port path, "1-4.2" */
    uint16_t vid;
    uint16_t pid;
    uint8_t interface; /* USB interface number read */
    BcMode mode;
    BcLayout layout;
    BcCode code;
} ScanCode;

typedef enum {
    SCAN_EV_ATTACHED,        /* a scanner was claimed and is being read */
    SCAN_EV_DETACHED,        /* unplugged (error SCAN_ERR_NO_DEVICE) or released (error 0: at
                                stop, or after read errors: then reopened after a backoff) */
    SCAN_EV_PARTIAL_DROPPED, /* unplugged in the middle of a code: nothing was delivered */
    SCAN_EV_REJECTED,        /* a scan was refused, nothing delivered: error is a BcError.
                                A code that failed its checks (BC_ERR_CHECK_DIGIT, ...), or one
                                dropped whole because one of its reports was malformed
                                (BC_ERR_REPORT) or lost in transfer (BC_ERR_LOST). The latter two
                                give at most one event a second per scanner: codes refused within
                                that second are held back and told in one more event when it is
                                over ("N more codes rejected ..."). Answer each event with the
                                refusal tone. */
    SCAN_EV_ERROR,           /* a scanner could not be opened or read: error is a ScanError */
} ScanEventType;

typedef struct {
    ScanEventType type;
    char port[SCAN_PORT_MAX];
    uint16_t vid;
    uint16_t pid;
    uint8_t interface;
    BcMode mode;
    BcLayout layout;
    int error;                      /* 0, a ScanError, or a BcError for SCAN_EV_REJECTED */
    char message[SCAN_MESSAGE_MAX]; /* one line for a log, with the detail */
} ScanEvent;

/* Called on the scanner event thread, one call at a time; must not block (post an SDL user
 * event, write a line) and must not call scan_stop()/scan_close(). The pointed-to struct is valid
 * only during the call: copy what you keep. */
typedef void (*ScanCodeFn)(const ScanCode *code, void *user);
typedef void (*ScanEventFn)(const ScanEvent *ev, void *user);

typedef struct {
    BcLayout layout;          /* keyboard-mode scanners without a rule: default BC_LAYOUT_US */
    uint32_t dedupe_ms;       /* same code from the same scanner suppressed within: 1500 */
    uint32_t rescan_ms;       /* periodic re-scan; 0: only where hotplug is missing (1000 ms) */
    uint32_t access_retry_ms; /* keep retrying an open refused for permissions: 3000 */
    bool no_hotplug;          /* do not use hotplug callbacks even where supported */
    size_t n_rules;
    ScanRule rules[SCAN_RULES_MAX];
    ScanCodeFn on_code;   /* required */
    ScanEventFn on_event; /* may be NULL */
    void *user;
} ScanConfig;

/* Fills the defaults above, no rules, no callbacks. Cannot fail. */
void scan_config_init(ScanConfig *cfg);

/* Applies one key = value line of the kiosk's [scanner] config section:
 *   layout = no              default layout for keyboard-mode scanners ("us", "no")
 *   dedupe = 1.5             dedupe window, seconds ("0" turns it off) or "1500ms"
 *   device = 1-4.2 no        a scanner's layout, by port path or vvvv:pppp (repeatable)
 *   allow = 1a86:e026        also claim this device (vvvv:pppp or vvvv:*; repeatable)
 *   ignore = 0c2e:0b61       never claim it (repeatable)
 *   rescan = 1000            re-scan period in ms (0: only without hotplug)
 *   hotplug = no             disable hotplug callbacks ("yes"/"no")
 * Returns SCAN_OK, or SCAN_ERR_CONFIG with a message in err (err_size bytes, may be 0) and cfg
 * unchanged; SCAN_ERR_TOO_MANY when SCAN_RULES_MAX rules are already set. */
int scan_config_set(ScanConfig *cfg, const char *key, const char *value, char *err,
                    size_t err_size);

/* True if vid belongs to a known scanner maker: such devices are claimed without an allow rule
 * (scripts/udev/70-bua-scanners.rules grants access to the same list). */
bool scan_is_known_vendor(uint16_t vid);

/* ---- Context ------------------------------------------------------------------------------- */

typedef struct ScanCtx ScanCtx;

/* Opens a context: initialises libusb and copies cfg (cfg->on_code must be set). No device is
 * touched yet. On SCAN_OK *out is a new context owned by the caller (free with scan_close());
 * otherwise SCAN_ERR_USB / SCAN_ERR_NO_MEM / SCAN_ERR_CONFIG and *out untouched. */
int scan_open(const ScanConfig *cfg, ScanCtx **out);

/* Starts the event thread, which claims every scanner present and those plugged in later.
 * Returns SCAN_OK, SCAN_ERR_STATE if already started, SCAN_ERR_THREAD. */
int scan_start(ScanCtx *ctx);

/* Stops the event thread: cancels transfers, releases every scanner and re-attaches the kernel
 * drivers it detached; callbacks have all returned when it returns. Partial codes are dropped
 * (reported as SCAN_EV_PARTIAL_DROPPED). Returns SCAN_OK or SCAN_ERR_STATE if not started. */
int scan_stop(ScanCtx *ctx);

/* Stops if started and frees everything. Accepts NULL. */
void scan_close(ScanCtx *ctx);

/* A scanner found by scan_list(). */
typedef struct {
    char port[SCAN_PORT_MAX];
    uint16_t vid;
    uint16_t pid;
    uint8_t interface;
    BcMode mode; /* HID POS is what a non-keyboard HID interface would be read as */
    BcLayout layout;
    bool ignored; /* an ignore rule matches: it would not be claimed */
} ScanInfo;

/* Lists the scanner interfaces present now, without opening them. Writes at most cap entries to
 * out and the number found (which may exceed cap) to *n. Returns SCAN_OK or SCAN_ERR_USB. Safe
 * to call whether or not the event thread runs. */
int scan_list(ScanCtx *ctx, ScanInfo *out, size_t cap, size_t *n);

#endif
