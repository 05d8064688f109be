/* Stored text shown on a terminal: the store refuses control characters and bidi overrides in
 * names and notes, but a database written by an older version (or by hand) may hold some. Shown
 * raw, a line break forges a row and an escape sequence or U+202E rewrites what the leader sees,
 * so every human-readable output of bua-admin passes stored text through adm_esc(). */
#include "adm.h"

#include <stdio.h>
#include <string.h>

static uint32_t utf8_next(const unsigned char *s, size_t *i);

const char *adm_esc(char *buf, size_t size, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t used = 0;
    for (size_t i = 0; p[i] != '\0';) {
        size_t start = i;
        uint32_t cp = utf8_next(p, &i);
        char piece[16];
        size_t n = 0;
        if (cp == UINT32_MAX || (cp < 0x80 && inv_char_is_refused(cp))) {
            unsigned char c = p[start];
            const char *named = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
            n = named ? (size_t)snprintf(piece, sizeof(piece), "%s", named)
                      : (size_t)snprintf(piece, sizeof(piece), "\\x%02x", c);
        } else if (inv_char_is_refused(cp)) {
            n = (size_t)snprintf(piece, sizeof(piece), "\\u%04x", (unsigned)cp);
        } else {
            n = i - start;
            memcpy(piece, s + start, n);
        }
        if (used + n + 1 > size)
            break; /* a cut output ends with a whole character or escape */
        memcpy(buf + used, piece, n);
        used += n;
    }
    if (size > 0)
        buf[used] = '\0';
    return buf;
}

/* The code point at s[*i], advancing *i; UINT32_MAX (and one byte) for a broken sequence. */
static uint32_t utf8_next(const unsigned char *s, size_t *i)
{
    unsigned char c = s[*i];
    size_t n = 0;
    uint32_t cp = c;
    if (c >= 0xF0 && c < 0xF8) {
        n = 3;
        cp = c & 0x07u;
    } else if (c >= 0xE0 && c < 0xF0) {
        n = 2;
        cp = c & 0x0Fu;
    } else if (c >= 0xC0 && c < 0xE0) {
        n = 1;
        cp = c & 0x1Fu;
    } else if (c >= 0x80) {
        *i += 1;
        return UINT32_MAX;
    }
    for (size_t k = 1; k <= n; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            *i += 1;
            return UINT32_MAX;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3Fu);
    }
    *i += n + 1;
    return cp;
}
