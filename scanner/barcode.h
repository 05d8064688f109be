/* barcode: pure decoding of what USB barcode scanners send.
 *
 * Bytes in, codes out: HID boot-keyboard reports (with a keyboard layout table), HID POS
 * (usage page 0x8C) reports and CDC-ACM serial byte streams are turned into BcCode values; AIM
 * symbology identifiers are stripped and recorded, EAN/UPC check digits verified, control
 * characters, empty and overlong codes rejected. Also a repeat suppressor (BcDedupe) and a
 * keyboard-wedge burst detector (BcWedge) for scanners whose keystrokes reach the window.
 *
 * No I/O, no clock reads (time is always a parameter, in milliseconds, from any monotonic
 * clock; wrap-around of the uint32_t is handled), no allocation: every state is a caller-owned
 * struct initialised with its bc_*_init() function, which cannot fail. Nothing here is
 * thread-safe by itself: one state per thread (the scanner module keeps one per device).
 */
#ifndef BUA_BARCODE_H
#define BUA_BARCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest code delivered, in bytes of UTF-8 (without the AIM identifier). Longer ones are
 * rejected with BC_ERR_TOO_LONG. */
#define BC_CODE_MAX 256

/* Error codes: BC_OK is 0, failures are negative. */
#define BC_ERRNO_MAP(X)                                                                            \
    X(BC_ERR_EMPTY, -1, "empty code")                                                              \
    X(BC_ERR_TOO_LONG, -2, "code too long")                                                        \
    X(BC_ERR_CONTROL, -3, "control character or unmapped key in code")                             \
    X(BC_ERR_ENCODING, -4, "code is not valid UTF-8")                                              \
    X(BC_ERR_CHECK_DIGIT, -5, "wrong check digit")                                                 \
    X(BC_ERR_LENGTH, -6, "wrong length for the symbology")                                         \
    X(BC_ERR_REPORT, -7, "malformed report")                                                       \
    X(BC_ERR_PARSE, -8, "cannot parse value")                                                      \
    X(BC_ERR_LOST, -9, "report lost in transfer")

typedef enum {
    BC_OK = 0,
#define BC_ERR_ENUM_(name, value, text) name = (value),
    BC_ERRNO_MAP(BC_ERR_ENUM_)
#undef BC_ERR_ENUM_
} BcError;

/* Static English text for an error code; never NULL ("unknown error" for other values). */
const char *bc_strerror(int err);

/* ---- Layouts ------------------------------------------------------------------------------- */

/* The keyboard layout a keyboard-mode scanner is configured for: it decides which HID usage
 * stands for which character (a Norwegian-layout scanner sends '-' as usage 0x38, which the US
 * table reads as '/'). */
typedef enum {
    BC_LAYOUT_US = 0,
    BC_LAYOUT_NO = 1,
} BcLayout;

/* Parses a layout name: "us" or "no" (also "nb", "nn", "norwegian"; case-insensitive).
 * Returns BC_OK and sets *out, or BC_ERR_PARSE (out untouched). */
int bc_layout_parse(const char *name, BcLayout *out);

/* Short name of a layout ("us", "no"); static string. */
const char *bc_layout_name(BcLayout layout);

/* Parses a dedupe window: seconds as a decimal ("1.5", "0", "2") or milliseconds with an
 * "ms" suffix ("1500ms"). At most 60 s. Returns BC_OK and sets *ms, or BC_ERR_PARSE. */
int bc_window_parse(const char *text, uint32_t *ms);

/* ---- Codes --------------------------------------------------------------------------------- */

typedef enum {
    BC_SYM_UNKNOWN = 0, /* no AIM identifier was sent */
    BC_SYM_CODE128,     /* ]C0 */
    BC_SYM_GS1_128,     /* ]C1 */
    BC_SYM_EAN13,       /* ]E0 with 13 digits */
    BC_SYM_UPCA,        /* ]E0 with 12 digits */
    BC_SYM_EAN8,        /* ]E4 */
    BC_SYM_CODE39,      /* ]A */
    BC_SYM_ITF,         /* ]I */
    BC_SYM_DATAMATRIX,  /* ]d */
    BC_SYM_QR,          /* ]Q */
    BC_SYM_OTHER,       /* any other AIM identifier: see BcCode.aim */
    BC_SYM_UPCE,        /* ]E0 with 8 digits, number system 0 or 1 (text: the 8 digits) */
} BcSymbology;

/* Short lowercase name of a symbology ("ean13", "code128", ...); "-" for BC_SYM_UNKNOWN. */
const char *bc_symbology_name(BcSymbology sym);

typedef struct {
    char text[BC_CODE_MAX + 1]; /* the code, UTF-8, NUL-terminated, AIM identifier removed */
    size_t len;                 /* strlen(text) */
    char aim[4];                /* "]E0" as sent, or "" when none */
    BcSymbology symbology;
    uint32_t time_ms; /* the now_ms of the report that completed the code */
} BcCode;

/* Checks and normalises a complete code: `data` (len bytes, may start with an AIM identifier
 * "]Xm") or, when `aim` is not NULL, `data` without one and the identifier given separately
 * (HID POS). Strips and records the AIM identifier, verifies EAN-13/UPC-A/UPC-E/EAN-8 check
 * digits when the identifier says EAN/UPC (UPC-E is expanded to its UPC-A number for the check
 * but delivered as its 8 digits; codes without an identifier are not guessed at: a 13-digit
 * Code 128 label is not an EAN), rejects empty, overlong, non-UTF-8 codes, C0 and C1 control
 * characters (GS, the GS1 separator, is allowed in GS1 symbologies). On BC_OK fills *out; otherwise
 * returns the BcError and leaves *out untouched. */
int bc_code_check(const uint8_t *data, size_t len, const char *aim, uint32_t now_ms, BcCode *out);

/* True if `digits` (len ASCII digits, the last one the check digit) is a valid EAN-8, UPC-A
 * (12) or EAN-13 number. False for other lengths or non-digits. */
bool bc_ean_is_valid(const char *digits, size_t len);

/* ---- Decoders ------------------------------------------------------------------------------ */

typedef enum {
    BC_MODE_KEYBOARD = 0, /* HID boot keyboard, 8-byte reports */
    BC_MODE_HIDPOS = 1,   /* HID POS barcode scanner page 0x8C, 64-byte reports */
    BC_MODE_SERIAL = 2,   /* CDC-ACM byte stream, codes end in CR and/or LF */
} BcMode;

/* Short name of a mode: "keyboard", "hidpos", "serial"; static string. */
const char *bc_mode_name(BcMode mode);

/* HID POS input report layout, as Honeywell and Access-IS send it (64 bytes):
 * [0] report id 0x02, [1] number of data bytes in this report (0..56), [2..4] AIM symbology
 * identifier ("]E0", or zeros when none), [5..60] data, [63] bit 0 set when more reports of the
 * same code follow. Reports with another id (status, feature) are ignored. */
#define BC_HIDPOS_REPORT_ID 0x02
#define BC_HIDPOS_REPORT_LEN 64
#define BC_HIDPOS_DATA_OFFSET 5
#define BC_HIDPOS_DATA_MAX 56
#define BC_HIDPOS_FLAGS_OFFSET 63
#define BC_HIDPOS_MORE 0x01

/* A code whose reports stop for this long has ended, whether or not its end arrived: a code
 * already doomed by a fault (a malformed or lost report) is closed after this gap so that the
 * next code reads whole. Scanners send a code's reports a few ms apart; a person cannot scan
 * again this fast. */
#define BC_FAULT_GAP_MS 200u

/* One scanner's decoding state. Treat the fields as private; the struct is public only so that
 * callers can own it without allocation. */
typedef struct {
    BcMode mode;
    BcLayout layout;
    uint8_t prev_keys[6]; /* keyboard: keys held in the previous report */
    size_t len;           /* bytes of the code so far in buf */
    int error;            /* first error seen in the code so far, reported at its end */
    char aim[4];          /* HID POS: AIM identifier of the first report of the code */
    bool more;            /* HID POS: a continuation report is expected */
    bool cr;              /* serial: the last byte was CR (so a following LF is no code) */
    size_t consumed;      /* bytes of the last chunk used by the last bc_feed() */
    const char *dead;     /* keyboard: a dead key's character waiting for its Space, or NULL */
    bool alt_num;         /* keyboard: Alt+numpad digits are being typed (Alt still held) */
    uint16_t alt_value;   /* keyboard: the number typed so far with Alt+numpad */
    bool seen;            /* last_ms is set */
    uint32_t last_ms;     /* now_ms of the last report fed or lost */
    uint8_t buf[BC_CODE_MAX + 8];
} BcDecoder;

/* Initialises a decoder for one scanner; cannot fail. */
void bc_decoder_init(BcDecoder *d, BcMode mode, BcLayout layout);

/* Feeds one report (keyboard, HID POS) or a chunk of bytes (serial) of `len` bytes received at
 * now_ms. Keyboard mode: a key pressed with Ctrl, Alt or GUI while no code is under way is a stray
 * chord and ignored; inside a code it is never dropped silently: Ctrl+] is GS (0x1D), Ctrl+M,
 * Ctrl+J and Ctrl+Enter end the code, Ctrl+RAlt is AltGr (the Windows form), Alt+numpad digits
 * type the character with that number when Alt is released (printable ASCII or GS), and any
 * other chord makes the code fail with BC_ERR_CONTROL. A dead key (Norwegian ^ ~ ` ¨ ´) followed
 * by Space types its character; followed by anything else the code fails with BC_ERR_CONTROL.
 * Returns:
 *   1        a code is complete and valid: *out is filled (with time_ms = now_ms);
 *   0        nothing complete yet (or a report that carries nothing, e.g. a key release);
 *   BC_ERR_* a code ended but was rejected (the reason); the decoder is ready for the next code.
 * A malformed report (wrong length) is a fault: the whole code it falls into is dropped, never a
 * part of it. The code goes on being read to its end (end key, the last HID POS report, CR/LF)
 * and then returns BC_ERR_REPORT, once; a fault between codes dooms the code that follows it
 * within BC_FAULT_GAP_MS (it may have lost that code's start). A doomed code whose end never comes
 * is closed by the first report after a gap of BC_FAULT_GAP_MS (silently here: call
 * bc_decoder_poll() first to hear of it).
 * Serial mode: a chunk may hold more than one code; the first complete one is returned and
 * decoding of the chunk stops right after it: call again with the rest, whose offset is given
 * by bc_decoder_consumed(). Keyboard and HID POS always consume the whole report. */
int bc_feed(BcDecoder *d, const uint8_t *report, size_t len, uint32_t now_ms, BcCode *out);

/* A report (or serial chunk) was lost in transfer at now_ms (an overflowing or failed USB
 * transfer): a fault like a malformed report, so the code it falls into ends with BC_ERR_LOST. */
void bc_decoder_lost(BcDecoder *d, uint32_t now_ms);

/* Closes a code doomed by a fault whose end did not come within BC_FAULT_GAP_MS of its last
 * report. Returns its BcError (once) if any of it had arrived (characters, a malformed report;
 * in HID POS and serial mode also a lost report), 0 otherwise: nothing doomed or not stale yet,
 * or a lost keyboard report between codes that nothing followed (most likely a key release).
 * Call it before each bc_feed() and on a timer. */
int bc_decoder_poll(BcDecoder *d, uint32_t now_ms);

/* Serial mode: bytes of the last chunk consumed by the last bc_feed(); equals len in the
 * other modes. */
size_t bc_decoder_consumed(const BcDecoder *d);

/* True if part of a code has arrived but not its end (a scanner unplugged now loses it),
 * including a malformed report, or a lost one in HID POS and serial mode; a lost keyboard report
 * alone (most likely a key release between codes) is not part of a code. */
bool bc_decoder_has_partial(const BcDecoder *d);

/* ---- Repeat suppression -------------------------------------------------------------------- */

/* Suppresses the same code from the same scanner within a window (default 1.5 s) counted from
 * its last read, delivered or not: a scanner held over a label keeps re-reading it and delivers
 * it once, however long it is held; the code is delivered again only after a pause of at least
 * the window. A different code always passes (and restarts the window for itself). One BcDedupe
 * per scanner. */
#define BC_DEDUPE_DEFAULT_MS 1500u

typedef struct {
    uint32_t window_ms;
    bool have_last;
    uint32_t last_ms;
    char last[BC_CODE_MAX + 1];
} BcDedupe;

void bc_dedupe_init(BcDedupe *dd, uint32_t window_ms);

/* True if `code` repeats the last code read less than the window before it (drop it); either
 * way records code->time_ms as the time of the last read of this code. False for a different
 * code or after a pause of at least the window (deliver it). */
bool bc_dedupe_is_repeat(BcDedupe *dd, const BcCode *code);

/* ---- Keyboard-wedge burst detector --------------------------------------------------------- */

/* For scanners that cannot be claimed (their keystrokes reach the SDL window): tells a scanner
 * burst (characters at most max_gap_ms apart, at least min_chars of them, ended by Enter/Tab
 * within max_gap_ms) from a person typing. Feed every character (UTF-8, as SDL_TEXTINPUT gives
 * it) and every Enter/Tab, with the event's timestamp. */
#define BC_WEDGE_MIN_CHARS_DEFAULT 4u
#define BC_WEDGE_MAX_GAP_DEFAULT_MS 40u

typedef enum {
    BC_WEDGE_PENDING = 0, /* a sequence is in progress (or nothing happened) */
    BC_WEDGE_CODE = 1,    /* an end key closed a burst: *out holds the checked code */
    BC_WEDGE_TYPED = 2,   /* the sequence so far was typed by a person: handle it as keys */
} BcWedgeResult;

typedef struct {
    uint32_t min_chars;
    uint32_t max_gap_ms;
    bool active; /* a sequence is open: every gap in it so far was short */
    uint32_t last_ms;
    uint32_t chars;
    size_t len;
    bool overflow;
    uint8_t buf[BC_CODE_MAX + 8];
} BcWedge;

/* min_chars 0 and max_gap_ms 0 mean the defaults. Cannot fail. */
void bc_wedge_init(BcWedge *w, uint32_t min_chars, uint32_t max_gap_ms);

/* Feeds one character (`text`, len bytes of UTF-8, one character) or, with is_end, an Enter/Tab
 * (text ignored, may be NULL). Returns:
 *   BC_WEDGE_PENDING  the character joined the current sequence (or a lone end key came);
 *   BC_WEDGE_CODE     an end key closed a burst: *out holds the checked code;
 *   BC_WEDGE_TYPED    a person typed: after a character, the characters before it (it came too
 *                     late, it starts a new sequence); after an end key, the whole sequence;
 *   BC_ERR_*          a burst ended but bc_code_check() rejected it (a scanner's all the same:
 *                     do not type it). */
int bc_wedge_feed(BcWedge *w, const char *text, size_t len, bool is_end, uint32_t now_ms,
                  BcCode *out);

/* Call on a timer: returns BC_WEDGE_TYPED (and forgets the sequence) when a sequence has seen no
 * key for more than max_gap_ms, so it can no longer be a burst; BC_WEDGE_PENDING otherwise. */
int bc_wedge_poll(BcWedge *w, uint32_t now_ms);

/* True while the current sequence still looks like a scanner burst (the kiosk can hold the
 * characters back from a text field until it knows). */
bool bc_wedge_is_burst(const BcWedge *w);

#endif
