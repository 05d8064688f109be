/* Keyboard-wedge burst detector: scanners type a whole code in a few milliseconds and end it
 * with Enter or Tab; people leave tens to hundreds of milliseconds between keys. */
#include "barcode.h"

#include <string.h>

static void start(BcWedge *w, uint32_t now_ms);

void bc_wedge_init(BcWedge *w, uint32_t min_chars, uint32_t max_gap_ms)
{
    memset(w, 0, sizeof(*w));
    w->min_chars = min_chars ? min_chars : BC_WEDGE_MIN_CHARS_DEFAULT;
    w->max_gap_ms = max_gap_ms ? max_gap_ms : BC_WEDGE_MAX_GAP_DEFAULT_MS;
}

int bc_wedge_feed(BcWedge *w, const char *text, size_t len, bool is_end, uint32_t now_ms,
                  BcCode *out)
{
    bool late = w->active && (uint32_t)(now_ms - w->last_ms) > w->max_gap_ms;
    int result = BC_WEDGE_PENDING;

    if (is_end) {
        if (!w->active)
            return BC_WEDGE_PENDING;
        if (!late && w->chars >= w->min_chars) {
            result =
                w->overflow ? BC_ERR_TOO_LONG : bc_code_check(w->buf, w->len, NULL, now_ms, out);
            if (result == BC_OK)
                result = BC_WEDGE_CODE;
        } else {
            result = BC_WEDGE_TYPED;
        }
        w->active = false;
        return result;
    }
    if (late) {
        result = BC_WEDGE_TYPED;
        w->active = false;
    }
    if (!w->active)
        start(w, now_ms);
    w->last_ms = now_ms;
    w->chars++;
    if (w->len + len > BC_CODE_MAX) {
        w->overflow = true;
        return result;
    }
    if (len > 0)
        memcpy(w->buf + w->len, text, len);
    w->len += len;
    return result;
}

int bc_wedge_poll(BcWedge *w, uint32_t now_ms)
{
    if (w->active && (uint32_t)(now_ms - w->last_ms) > w->max_gap_ms) {
        w->active = false;
        return BC_WEDGE_TYPED;
    }
    return BC_WEDGE_PENDING;
}

bool bc_wedge_is_burst(const BcWedge *w)
{
    return w->active;
}

static void start(BcWedge *w, uint32_t now_ms)
{
    w->active = true;
    w->last_ms = now_ms;
    w->chars = 0;
    w->len = 0;
    w->overflow = false;
}
