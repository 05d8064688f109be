/* What people may type into names and notes. A name is printed in lists, receipts and on
 * terminals, so a control character (a line break that forges a row, an escape sequence, the
 * 8-bit CSI U+009B) or a bidi override or isolate (U+202A-U+202E, U+2066-U+2069, which reorder
 * the text around them) has no place in it: inv__check_text refuses them through
 * inv__check_chars, for every caller (kiosk, CLI, import). */
#include "inv_int.h"
#include "inventory.h"

#include <stdint.h>
#include <string.h>

int inv__check_chars(InvDb *db, const char *what, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t chars = 0;
    for (size_t i = 0; p[i] != '\0'; chars++) {
        uint32_t cp = inv__utf8_next(p, &i);
        if (inv_char_is_refused(cp))
            return inv__fail(db, INV_E_INVALID, "%s has a %s (U+%04X at character %zu)", what,
                             cp >= 0x2000 ? "bidi override character" : "control character",
                             (unsigned)cp, chars + 1);
    }
    return INV_OK;
}

bool inv_char_is_refused(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

uint32_t inv__utf8_next(const unsigned char *s, size_t *i)
{
    unsigned char c = s[*i];
    size_t n = c < 0x80             ? 0
               : (c & 0xE0) == 0xC0 ? 1
               : (c & 0xF0) == 0xE0 ? 2
               : (c & 0xF8) == 0xF0 ? 3
                                    : 0;
    uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1Fu) : n == 2 ? (c & 0x0Fu) : (c & 0x07u);
    size_t k = 1;
    for (; k <= n && (s[*i + k] & 0xC0) == 0x80; k++)
        cp = (cp << 6) | (s[*i + k] & 0x3Fu);
    if (k <= n) { /* a broken sequence: its first byte alone, as a control-like value */
        *i += 1;
        return c;
    }
    *i += n + 1;
    return cp;
}
