/* Decoders: HID boot-keyboard reports, HID POS reports and serial byte streams become codes.
 * Start reading at bc_feed(); every mode collects bytes into the decoder's buffer and hands the
 * finished code to bc_code_check() in finish(). */
#include "barcode.h"
#include "bc_int.h"

#include <assert.h>
#include <string.h>

#define KEY_ROLLOVER 0x01
#define KEY_POST_FAIL 0x02
#define KEY_UNDEFINED 0x03
#define KEY_I 0x0c
#define KEY_J 0x0d
#define KEY_M 0x10
#define KEY_ENTER 0x28
#define KEY_SPACE 0x2c
#define KEY_RBRACKET 0x30
#define KEY_TAB 0x2b
#define KEY_CAPS_LOCK 0x39
#define KEY_SCROLL_LOCK 0x47
#define KEY_NUM_LOCK 0x53
#define KEY_KP_ENTER 0x58
#define KEY_KP_1 0x59
#define KEY_KP_9 0x61
#define KEY_KP_0 0x62
#define GS_CHAR 0x1d

#define MOD_LCTRL 0x01
#define MOD_LSHIFT 0x02
#define MOD_LALT 0x04
#define MOD_LGUI 0x08
#define MOD_RCTRL 0x10
#define MOD_RSHIFT 0x20
#define MOD_RALT 0x40 /* AltGr */
#define MOD_RGUI 0x80

#define BOOT_REPORT_LEN 8

static int feed_keyboard(BcDecoder *d, const uint8_t *r, size_t len, uint32_t now_ms, BcCode *out);
static int feed_hidpos(BcDecoder *d, const uint8_t *r, size_t len, uint32_t now_ms, BcCode *out);
static int feed_serial(BcDecoder *d, const uint8_t *r, size_t len, uint32_t now_ms, BcCode *out);
static void append(BcDecoder *d, const void *bytes, size_t n);
static int finish(BcDecoder *d, const char *aim, uint32_t now_ms, BcCode *out);
static void drop_code(BcDecoder *d);
static bool is_stale(const BcDecoder *d, uint32_t now_ms);
static void set_error(BcDecoder *d, int err);

void bc_decoder_init(BcDecoder *d, BcMode mode, BcLayout layout)
{
    memset(d, 0, sizeof(*d));
    d->mode = mode;
    d->layout = layout;
}

int bc_feed(BcDecoder *d, const uint8_t *report, size_t len, uint32_t now_ms, BcCode *out)
{
    assert(d != NULL && out != NULL && (report != NULL || len == 0));
    d->consumed = len;
    if (is_stale(d, now_ms))
        drop_code(d);
    d->seen = true;
    d->last_ms = now_ms;
    switch (d->mode) {
    case BC_MODE_HIDPOS:
        return feed_hidpos(d, report, len, now_ms, out);
    case BC_MODE_SERIAL:
        return feed_serial(d, report, len, now_ms, out);
    case BC_MODE_KEYBOARD:
    default:
        return feed_keyboard(d, report, len, now_ms, out);
    }
}

void bc_decoder_lost(BcDecoder *d, uint32_t now_ms)
{
    assert(d != NULL);
    if (is_stale(d, now_ms))
        drop_code(d);
    d->seen = true;
    d->last_ms = now_ms;
    set_error(d, BC_ERR_LOST);
}

int bc_decoder_poll(BcDecoder *d, uint32_t now_ms)
{
    int err = d->error;
    bool partial = bc_decoder_has_partial(d);

    if (!is_stale(d, now_ms))
        return 0;
    drop_code(d);
    return partial ? err : 0;
}

size_t bc_decoder_consumed(const BcDecoder *d)
{
    return d->consumed;
}

bool bc_decoder_has_partial(const BcDecoder *d)
{
    /* A lost keyboard report alone was most likely a key release between codes: no code. In
     * HID POS and serial mode every report carries code data. */
    bool lost_release = d->error == BC_ERR_LOST && d->mode == BC_MODE_KEYBOARD;

    return d->len > 0 || (d->error != 0 && !lost_release) || d->more || d->dead != NULL ||
           d->alt_num;
}

static bool held_before(const BcDecoder *d, uint8_t key)
{
    for (size_t i = 0; i < sizeof(d->prev_keys); i++) {
        if (d->prev_keys[i] == key)
            return true;
    }
    return false;
}

/* Ctrl+key inside a code: what the key means (the ASCII control character of its position). */
enum { CTRL_BAD, CTRL_END, CTRL_GS };

static int ctrl_key(uint8_t k)
{
    switch (k) {
    case KEY_ENTER:
    case KEY_KP_ENTER:
    case KEY_TAB:
    case KEY_M: /* CR */
    case KEY_J: /* LF */
    case KEY_I: /* Tab */
        return CTRL_END;
    case KEY_RBRACKET: /* the ] position in every layout, as Windows maps Ctrl+] */
        return CTRL_GS;
    default:
        return CTRL_BAD;
    }
}

static void set_error(BcDecoder *d, int err)
{
    if (d->error == 0)
        d->error = err;
}

/* Ends the code at an end key: 0 for a lone end key (a CR LF suffix is no code), else finish(). */
static int end_code(BcDecoder *d, uint32_t now_ms, BcCode *out)
{
    if (d->len == 0 && d->error == 0 && d->dead == NULL && !d->alt_num)
        return 0;
    if (d->dead != NULL || d->alt_num)
        set_error(d, BC_ERR_CONTROL);
    return finish(d, NULL, now_ms, out);
}

/* Alt released after Alt+numpad digits: the character with that number. Barcodes are ASCII;
 * GS (Alt+029) is the GS1 separator some scanners type this way. */
static void alt_num_done(BcDecoder *d)
{
    uint8_t c = (uint8_t)d->alt_value;

    if (d->alt_value == GS_CHAR || (d->alt_value >= 0x20 && d->alt_value <= 0x7e))
        append(d, &c, 1);
    else
        set_error(d, BC_ERR_CONTROL);
    d->alt_num = false;
    d->alt_value = 0;
}

static int keypad_digit(uint8_t k)
{
    if (k >= KEY_KP_1 && k <= KEY_KP_9)
        return k - KEY_KP_1 + 1;
    return k == KEY_KP_0 ? 0 : -1;
}

/* A key is a press when it is in this report and was not in the previous one: a repeated
 * character arrives as press, release, press and so is two presses. */
static int feed_keyboard(BcDecoder *d, const uint8_t *r, size_t len, uint32_t now_ms, BcCode *out)
{
    const uint8_t *keys = r + 2;
    uint8_t mods = 0;
    bool shift = false;
    bool ctrl = false;
    bool lalt = false;
    bool altgr = false;
    bool gui = false;
    int result = 0;

    if (len != BOOT_REPORT_LEN) {
        /* Which keys are down is unknown now: the rest of the code is read but doomed. */
        set_error(d, BC_ERR_REPORT);
        memset(d->prev_keys, 0, sizeof(d->prev_keys));
        return 0;
    }
    for (size_t i = 0; i < 6; i++) {
        /* Phantom state (too many keys): says nothing about which keys are down. */
        if (keys[i] == KEY_ROLLOVER || keys[i] == KEY_POST_FAIL || keys[i] == KEY_UNDEFINED)
            return 0;
    }
    mods = r[0];
    shift = (mods & (MOD_LSHIFT | MOD_RSHIFT)) != 0;
    ctrl = (mods & (MOD_LCTRL | MOD_RCTRL)) != 0;
    lalt = (mods & MOD_LALT) != 0;
    altgr = (mods & MOD_RALT) != 0;
    gui = (mods & (MOD_LGUI | MOD_RGUI)) != 0;
    if (altgr && !lalt)
        ctrl = false; /* Ctrl+RAlt is how Windows sends AltGr */

    if (d->alt_num && !lalt)
        alt_num_done(d);

    for (size_t i = 0; i < 6; i++) {
        uint8_t k = keys[i];
        bool under_way = d->len > 0 || d->error != 0 || d->dead != NULL || d->alt_num;
        const char *text = NULL;
        size_t n = 0;
        int digit = -1;

        if (k == 0 || held_before(d, k))
            continue; /* no key, or still held */
        if (result != 0)
            continue; /* keys after an end key in the same report: not seen from real scanners */
        if (k == KEY_CAPS_LOCK || k == KEY_NUM_LOCK || k == KEY_SCROLL_LOCK || k >= 0xe0)
            continue;
        digit = keypad_digit(k);
        if (lalt && !ctrl && !gui && digit >= 0) {
            d->alt_num = true;
            d->alt_value = (uint16_t)(d->alt_value < 1000 ? d->alt_value * 10 + digit : 1000);
            continue;
        }
        if (ctrl || lalt || gui) {
            if (!under_way)
                continue; /* a stray chord between codes, e.g. Ctrl+Shift after Enter */
            if (ctrl && !lalt && !gui && ctrl_key(k) == CTRL_END) {
                result = end_code(d, now_ms, out);
            } else if (ctrl && !lalt && !gui && ctrl_key(k) == CTRL_GS) {
                uint8_t gs = GS_CHAR;
                append(d, &gs, 1);
            } else {
                set_error(d, BC_ERR_CONTROL);
            }
            continue;
        }
        if (k == KEY_ENTER || k == KEY_KP_ENTER || k == KEY_TAB) {
            result = end_code(d, now_ms, out);
            continue;
        }
        n = bc__layout_char(d->layout, k, shift, altgr, &text);
        if (d->dead != NULL) {
            /* Dead key + Space types the dead key's character; anything else would compose. */
            if (k == KEY_SPACE && !altgr)
                append(d, d->dead, strlen(d->dead));
            else
                set_error(d, BC_ERR_CONTROL);
            d->dead = NULL;
            continue;
        }
        if (n == 0) {
            set_error(d, BC_ERR_CONTROL);
            continue;
        }
        if (bc__layout_is_dead(d->layout, k, shift, altgr)) {
            d->dead = text;
            continue;
        }
        append(d, text, n);
    }
    memcpy(d->prev_keys, keys, sizeof(d->prev_keys));
    return result;
}

static int feed_hidpos(BcDecoder *d, const uint8_t *r, size_t len, uint32_t now_ms, BcCode *out)
{
    size_t n = 0;

    if (len == 0) {
        set_error(d, BC_ERR_REPORT);
        return 0;
    }
    if (r[0] != BC_HIDPOS_REPORT_ID)
        return 0;
    if (len < BC_HIDPOS_REPORT_LEN || r[1] > BC_HIDPOS_DATA_MAX) {
        /* Whether more reports of this code follow is unknown: they are read into the doomed
         * code until one says it is the last, or BC_FAULT_GAP_MS passes. */
        set_error(d, BC_ERR_REPORT);
        return 0;
    }
    n = r[1];
    if (!d->more) {
        memset(d->aim, 0, sizeof(d->aim));
        if (r[2] == ']')
            memcpy(d->aim, r + 2, 3);
    }
    append(d, r + BC_HIDPOS_DATA_OFFSET, n);
    if (r[BC_HIDPOS_FLAGS_OFFSET] & BC_HIDPOS_MORE) {
        d->more = true;
        return 0;
    }
    return finish(d, d->aim, now_ms, out);
}

static int feed_serial(BcDecoder *d, const uint8_t *r, size_t len, uint32_t now_ms, BcCode *out)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t b = r[i];
        if (b == '\r' || b == '\n') {
            bool after_cr = d->cr;
            d->cr = b == '\r';
            if (b == '\n' && after_cr)
                continue;
            if (d->len == 0 && d->error == 0)
                continue;
            d->consumed = i + 1;
            return finish(d, NULL, now_ms, out);
        }
        d->cr = false;
        append(d, &b, 1);
    }
    return 0;
}

static void append(BcDecoder *d, const void *bytes, size_t n)
{
    if (d->len + n > BC_CODE_MAX + 3) { /* room for an AIM identifier in front */
        if (d->error == 0)
            d->error = BC_ERR_TOO_LONG;
        d->len = BC_CODE_MAX + 3; /* keep counting as partial; content no longer matters */
        return;
    }
    memcpy(d->buf + d->len, bytes, n);
    d->len += n;
}

static int finish(BcDecoder *d, const char *aim, uint32_t now_ms, BcCode *out)
{
    int err = d->error;

    if (err == 0)
        err = bc_code_check(d->buf, d->len, aim, now_ms, out);
    drop_code(d);
    return err == BC_OK ? 1 : err;
}

/* A code doomed by an error whose reports stopped BC_FAULT_GAP_MS ago: its end was lost. */
static bool is_stale(const BcDecoder *d, uint32_t now_ms)
{
    return d->error != 0 && d->seen && now_ms - d->last_ms >= BC_FAULT_GAP_MS;
}

static void drop_code(BcDecoder *d)
{
    d->len = 0;
    d->error = 0;
    d->more = false;
    d->dead = NULL;
    d->alt_num = false;
    d->alt_value = 0;
    memset(d->aim, 0, sizeof(d->aim));
}
