/* Text: the message catalogue and its .po reader, "{1}" formatting, UTF-8 safe copies, and the
 * configuration defaults.
 *
 * Why a .po reader of our own: gettext's runtime looks catalogues up through the process locale,
 * and a freshly installed kiosk often lacks the nb_NO locale; reading the .po files from assets/
 * into this pure table needs nothing from the system and lets tests check every message. */
#include "ui_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const msg_keys[UI_MSG_COUNT] = {
#define UI_MSG_KEY(name, key, en) key,
    UI_MSG_MAP(UI_MSG_KEY)
#undef UI_MSG_KEY
};

static const char *const msg_en[UI_MSG_COUNT] = {
#define UI_MSG_EN(name, key, en) en,
    UI_MSG_MAP(UI_MSG_EN)
#undef UI_MSG_EN
};

static const char *const color_keys[UI_COL_COUNT] = {
#define UI_COL_KEY(name, key, rgb) key,
    UI_COLOR_MAP(UI_COL_KEY)
#undef UI_COL_KEY
};

static const uint32_t color_rgb[UI_COL_COUNT] = {
#define UI_COL_RGB(name, key, rgb) rgb,
    UI_COLOR_MAP(UI_COL_RGB)
#undef UI_COL_RGB
};

static const char *const default_categories[] = {"Ski", "Sk\xC3\xB8yter", "Hjelm", "Telt", "Sykkel",
                                                 "SUP", "Annet"};

typedef struct PoEntry {
    char msgid[128];
    char msgstr[1024];
    bool fuzzy;
    bool has_id;
    bool has_str;
    int which; /* 0: none, 1: msgid, 2: msgstr, 3: msgctxt or other (ignored) */
} PoEntry;

static int po_string(const char *p, const char *end, char *out, size_t size, size_t *len);
static int po_store(UiCatalog *cat, UiLang lang, PoEntry *e);
static size_t utf8_cut(const char *s, size_t max);
static void utf8_trim(char *s);

void ui_catalog_init(UiCatalog *cat)
{
    memset(cat->text, 0, sizeof cat->text);
    cat->used = 0;
}

/* Whether the text q..end (not NUL-terminated) starts with prefix. */
static bool starts(const char *q, const char *end, const char *prefix)
{
    size_t n = strlen(prefix);
    return (size_t)(end - q) >= n && memcmp(q, prefix, n) == 0;
}

int ui_catalog_load_po(UiCatalog *cat, UiLang lang, const char *po, size_t len, char *err,
                       size_t err_size)
{
    PoEntry e;
    memset(&e, 0, sizeof e);
    size_t id_len = 0;
    size_t str_len = 0;
    int loaded = 0;
    int line_no = 0;
    const char *p = po;
    const char *end = po + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        line_no++;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        const char *line_end = eol;
        while (line_end > q && (line_end[-1] == '\r' || line_end[-1] == ' '))
            line_end--;
        int bad = 0;
        if (q == line_end) {
            /* blank line: ends an entry */
        } else if (*q == '#') {
            if (e.has_id) { /* a comment starts the next entry */
                int r = po_store(cat, lang, &e);
                if (r < 0)
                    goto out_full;
                loaded += r;
                memset(&e, 0, sizeof e);
            }
            char flags[256];
            size_t n =
                (size_t)(line_end - q) < sizeof flags ? (size_t)(line_end - q) : sizeof flags - 1;
            memcpy(flags, q, n);
            flags[n] = '\0';
            if (flags[1] == ',' && strstr(flags, "fuzzy"))
                e.fuzzy = true;
        } else if (*q == '"') {
            if (e.which == 1) {
                bad = po_string(q, line_end, e.msgid + id_len, sizeof e.msgid - id_len, &id_len);
            } else if (e.which == 2) {
                bad =
                    po_string(q, line_end, e.msgstr + str_len, sizeof e.msgstr - str_len, &str_len);
            } else if (e.which == 0) {
                bad = 1;
            }
        } else if (starts(q, line_end, "msgid ") || starts(q, line_end, "msgctxt ") ||
                   starts(q, line_end, "msgid_plural ") || starts(q, line_end, "msgstr")) {
            if (starts(q, line_end, "msgid ")) {
                if (e.has_id) { /* a new entry without a blank line before it */
                    int r = po_store(cat, lang, &e);
                    if (r < 0)
                        goto out_full;
                    loaded += r;
                    memset(&e, 0, sizeof e);
                }
                e.has_id = true;
                e.which = 1;
                id_len = 0;
                e.msgid[0] = '\0';
                bad = po_string(q + 6, line_end, e.msgid, sizeof e.msgid, &id_len);
            } else if (starts(q, line_end, "msgstr ") || starts(q, line_end, "msgstr[0] ")) {
                const char *s = starts(q, line_end, "msgstr[0] ") ? q + 10 : q + 7;
                e.has_str = true;
                e.which = 2;
                str_len = 0;
                e.msgstr[0] = '\0';
                bad = po_string(s, line_end, e.msgstr, sizeof e.msgstr, &str_len);
            } else {
                e.which = 3;
            }
        } else {
            bad = 1;
        }
        if (bad) {
            if (err && err_size)
                snprintf(err, err_size, "%d: cannot read this line", line_no);
            return -1;
        }
        if (q == line_end || eol == end) {
            if (e.has_id) {
                int r = po_store(cat, lang, &e);
                if (r < 0)
                    goto out_full;
                loaded += r;
            }
            memset(&e, 0, sizeof e);
        }
        p = eol + 1;
    }
    if (e.has_id) { /* the file ended without a blank line */
        int r = po_store(cat, lang, &e);
        if (r < 0)
            goto out_full;
        loaded += r;
    }
    return loaded;
out_full:
    if (err && err_size)
        snprintf(err, err_size, "%d: the catalogue is full", line_no);
    return -1;
}

const char *ui_catalog_get(const UiCatalog *cat, UiLang lang, UiMsg msg)
{
    if ((unsigned)msg >= UI_MSG_COUNT)
        return "?";
    if (cat && (unsigned)lang < UI_LANG_COUNT && cat->text[lang][msg])
        return cat->text[lang][msg];
    return msg_en[msg];
}

void ui_format(char *buf, size_t size, const char *tmpl, const char *a1, const char *a2)
{
    if (size == 0)
        return;
    size_t o = 0;
    for (const char *p = tmpl; *p && o + 1 < size; p++) {
        if (p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}') {
            const char *a = p[1] == '1' ? a1 : a2;
            size_t n = a ? strlen(a) : 0;
            if (n > size - 1 - o)
                n = utf8_cut(a, size - 1 - o);
            if (n)
                memcpy(buf + o, a, n);
            o += n;
            p += 2;
        } else {
            buf[o++] = *p;
        }
    }
    buf[o] = '\0';
    utf8_trim(buf); /* never end in the middle of a character */
}

void ui_config_default(UiConfig *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->idle_self_s = 60;
    cfg->idle_staff_s = 300;
    cfg->idle_warn_s = 20;
    cfg->receipt_s = 8;
    cfg->toast_ms = 4000;
    cfg->show_due_dates = true;
    cfg->sound = true;
    cfg->touch_px = 64;
    cfg->top_bar_px = 80;
    cfg->top_pad_px = 12;
    cfg->top_title_px = 300;
    cfg->top_logout_px = 200;
    cfg->top_back_px = 160;
    cfg->scanner = UI_SCANNER_RIGHT;
    cfg->lang = UI_LANG_NB;
    cfg->min_adult_age = 18;
    for (int i = 0; i < UI_COL_COUNT; i++) {
        cfg->color[i].r = (uint8_t)(color_rgb[i] >> 16);
        cfg->color[i].g = (uint8_t)(color_rgb[i] >> 8);
        cfg->color[i].b = (uint8_t)color_rgb[i];
        cfg->color[i].a = 255;
    }
    size_t n = sizeof default_categories / sizeof default_categories[0];
    for (size_t i = 0; i < n; i++)
        ui__copy(cfg->categories[i], sizeof cfg->categories[i], default_categories[i]);
    cfg->n_categories = (int)n;
}

const char *ui_color_key(UiColorId id)
{
    return (unsigned)id < UI_COL_COUNT ? color_keys[id] : "?";
}

bool ui_color_parse(const char *text, UiColor *out)
{
    if (text[0] == '#')
        text++;
    if (strlen(text) != 6)
        return false;
    unsigned v = 0;
    for (int i = 0; i < 6; i++) {
        char c = text[i];
        unsigned d = 0;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return false;
        v = v * 16 + d;
    }
    out->r = (uint8_t)(v >> 16);
    out->g = (uint8_t)(v >> 8);
    out->b = (uint8_t)v;
    out->a = 255;
    return true;
}

void ui__sprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (size)
        utf8_trim(buf);
}

void ui__copy(char *dst, size_t size, const char *src)
{
    if (size == 0)
        return;
    size_t n = strlen(src);
    if (n > size - 1)
        n = utf8_cut(src, size - 1);
    memmove(dst, src, n);
    dst[n] = '\0';
}

void ui__append(char *dst, size_t size, const char *src)
{
    size_t used = strlen(dst);
    if (used + 1 >= size)
        return;
    ui__copy(dst + used, size - used, src);
}

void ui__utf8_pop(char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return;
    n--;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    s[n] = '\0';
}

bool ui__starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int ui__index(const char *id, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(id, prefix, n) != 0)
        return -1;
    const char *p = id + n;
    if (*p < '0' || *p > '9')
        return -1;
    char *end = NULL;
    long v = strtol(p, &end, 10);
    if (*end != '\0' || v > 100000)
        return -1;
    return (int)v;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Reads one C string literal starting at p ("..."), appending into out[size]; *len counts what
 * is in out. Returns 0, or 1 if it is not a string literal. Text past the buffer is dropped. */
static int po_string(const char *p, const char *end, char *out, size_t size, size_t *len)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '"')
        return 1;
    p++;
    size_t o = 0;
    while (p < end && *p != '"') {
        char c = *p++;
        if (c == '\\' && p < end) {
            char e = *p++;
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        if (o + 1 < size)
            out[o++] = c;
    }
    if (p >= end)
        return 1;
    p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p != end)
        return 1;
    if (size)
        out[o < size ? o : size - 1] = '\0';
    *len += o;
    return 0;
}

/* Stores a finished entry: 1 if kept, 0 if skipped, -1 if the pool is full. */
static int po_store(UiCatalog *cat, UiLang lang, PoEntry *e)
{
    if (!e->has_str || !e->msgstr[0] || e->fuzzy || !e->msgid[0])
        return 0;
    for (int m = 0; m < UI_MSG_COUNT; m++) {
        if (strcmp(msg_keys[m], e->msgid) != 0)
            continue;
        size_t n = strlen(e->msgstr) + 1;
        if (cat->used + n > sizeof cat->pool)
            return -1;
        memcpy(cat->pool + cat->used, e->msgstr, n);
        cat->text[lang][m] = cat->pool + cat->used;
        cat->used += n;
        return 1;
    }
    return 0;
}

/* The longest prefix of s not longer than max bytes that ends on a character boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Drops an incomplete character at the end of s (left by a cut). */
static void utf8_trim(char *s)
{
    size_t n = strlen(s);
    size_t i = n;
    while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < want)
        s[i - 1] = '\0';
}
