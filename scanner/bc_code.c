/* Code checks shared by every decoder: error strings, names, AIM identifiers, EAN/UPC check
 * digits, character rules, repeat suppression and config value parsing. */
#include "barcode.h"

#include <string.h>

#define WINDOW_MAX_MS 60000u
#define GS 0x1d

static const struct {
    char code; /* second character of the AIM identifier */
    BcSymbology sym;
} aim_table[] = {
    {'A', BC_SYM_CODE39},
    {'I', BC_SYM_ITF},
    {'d', BC_SYM_DATAMATRIX},
    {'Q', BC_SYM_QR},
};

const char *bc_strerror(int err)
{
    switch (err) {
    case BC_OK:
        return "success";
#define BC_ERR_STR_(name, value, text)                                                             \
    case name:                                                                                     \
        return text;
        BC_ERRNO_MAP(BC_ERR_STR_)
#undef BC_ERR_STR_
    default:
        return "unknown error";
    }
}

int bc_layout_parse(const char *name, BcLayout *out)
{
    static const struct {
        const char *name;
        BcLayout layout;
    } names[] = {
        {"us", BC_LAYOUT_US}, {"en", BC_LAYOUT_US}, {"no", BC_LAYOUT_NO},
        {"nb", BC_LAYOUT_NO}, {"nn", BC_LAYOUT_NO}, {"norwegian", BC_LAYOUT_NO},
    };
    char low[16] = {0};
    size_t n = 0;

    if (name == NULL)
        return BC_ERR_PARSE;
    n = strlen(name);
    if (n == 0 || n >= sizeof(low))
        return BC_ERR_PARSE;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(low, names[i].name) == 0) {
            *out = names[i].layout;
            return BC_OK;
        }
    }
    return BC_ERR_PARSE;
}

const char *bc_layout_name(BcLayout layout)
{
    return layout == BC_LAYOUT_NO ? "no" : "us";
}

int bc_window_parse(const char *text, uint32_t *ms)
{
    uint64_t whole = 0;
    uint64_t frac = 0;
    uint64_t scale = 1;
    uint64_t total = 0;
    const char *p = text;
    bool digits = false;

    if (text == NULL)
        return BC_ERR_PARSE;
    while (*p == ' ')
        p++;
    while (*p >= '0' && *p <= '9') {
        whole = whole * 10 + (uint64_t)(*p - '0');
        if (whole > WINDOW_MAX_MS)
            return BC_ERR_PARSE;
        digits = true;
        p++;
    }
    if (p[0] == 'm' && p[1] == 's') {
        p += 2;
        total = whole;
    } else {
        if (*p == '.') {
            p++;
            while (*p >= '0' && *p <= '9') {
                if (scale < 1000) {
                    frac = frac * 10 + (uint64_t)(*p - '0');
                    scale *= 10;
                }
                digits = true;
                p++;
            }
        }
        if (*p == 's')
            p++;
        total = whole * 1000 + frac * 1000 / scale;
    }
    while (*p == ' ')
        p++;
    if (!digits || *p != '\0' || total > WINDOW_MAX_MS)
        return BC_ERR_PARSE;
    *ms = (uint32_t)total;
    return BC_OK;
}

const char *bc_symbology_name(BcSymbology sym)
{
    switch (sym) {
    case BC_SYM_CODE128:
        return "code128";
    case BC_SYM_GS1_128:
        return "gs1-128";
    case BC_SYM_EAN13:
        return "ean13";
    case BC_SYM_UPCA:
        return "upca";
    case BC_SYM_UPCE:
        return "upce";
    case BC_SYM_EAN8:
        return "ean8";
    case BC_SYM_CODE39:
        return "code39";
    case BC_SYM_ITF:
        return "itf";
    case BC_SYM_DATAMATRIX:
        return "datamatrix";
    case BC_SYM_QR:
        return "qr";
    case BC_SYM_OTHER:
        return "other";
    case BC_SYM_UNKNOWN:
    default:
        return "-";
    }
}

const char *bc_mode_name(BcMode mode)
{
    switch (mode) {
    case BC_MODE_HIDPOS:
        return "hidpos";
    case BC_MODE_SERIAL:
        return "serial";
    case BC_MODE_KEYBOARD:
    default:
        return "keyboard";
    }
}

bool bc_ean_is_valid(const char *digits, size_t len)
{
    unsigned sum = 0;

    if (len != 8 && len != 12 && len != 13)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (digits[i] < '0' || digits[i] > '9')
            return false;
    }
    /* Weights 3,1,3,1... from the digit left of the check digit. */
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned v = (unsigned)(digits[len - 2 - i] - '0');
        sum += (i % 2 == 0) ? 3 * v : v;
    }
    return (10 - sum % 10) % 10 == (unsigned)(digits[len - 1] - '0');
}

static bool is_aim(const uint8_t *p, size_t len)
{
    return len >= 3 && p[0] == ']' && p[1] >= 0x21 && p[1] <= 0x7e && p[2] >= 0x21 && p[2] <= 0x7e;
}

/* The symbology of an AIM identifier; digits is the length of an all-digit payload (or 0). */
static BcSymbology aim_symbology(const char *aim, size_t payload_len)
{
    if (aim[0] == '\0')
        return BC_SYM_UNKNOWN;
    if (aim[1] == 'C')
        return aim[2] == '1' ? BC_SYM_GS1_128 : BC_SYM_CODE128;
    if (aim[1] == 'E') {
        if (aim[2] == '4')
            return BC_SYM_EAN8;
        if (aim[2] == '0')
            return payload_len == 12 ? BC_SYM_UPCA : payload_len == 8 ? BC_SYM_UPCE : BC_SYM_EAN13;
        return BC_SYM_OTHER;
    }
    for (size_t i = 0; i < sizeof(aim_table) / sizeof(aim_table[0]); i++) {
        if (aim[1] == aim_table[i].code)
            return aim_table[i].sym;
    }
    return BC_SYM_OTHER;
}

/* The UPC-A number of a UPC-E code (8 digits: number system 0 or 1, six digits, check digit),
 * by the zero-suppression rules keyed on the sixth digit; out gets 12 digits. False if the
 * number system is not 0 or 1. */
static bool upce_to_upca(const uint8_t *e, char *out)
{
    const uint8_t *d = e + 1; /* d[0..5]: the six digits */

    if (e[0] != '0' && e[0] != '1')
        return false;
    memset(out, '0', 12);
    out[0] = (char)e[0];
    out[11] = (char)e[7];
    switch (d[5]) {
    case '0':
    case '1':
    case '2': /* manufacturer d1 d2 d6 00, product 00 d3 d4 d5 */
        out[1] = (char)d[0];
        out[2] = (char)d[1];
        out[3] = (char)d[5];
        out[8] = (char)d[2];
        out[9] = (char)d[3];
        out[10] = (char)d[4];
        break;
    case '3': /* manufacturer d1 d2 d3 00, product 000 d4 d5 */
        out[1] = (char)d[0];
        out[2] = (char)d[1];
        out[3] = (char)d[2];
        out[9] = (char)d[3];
        out[10] = (char)d[4];
        break;
    case '4': /* manufacturer d1 d2 d3 d4 0, product 0000 d5 */
        memcpy(out + 1, d, 4);
        out[10] = (char)d[4];
        break;
    default: /* 5-9: manufacturer d1..d5, product 0000 d6 */
        memcpy(out + 1, d, 5);
        out[10] = (char)d[5];
        break;
    }
    return true;
}

static bool is_gs1(const char *aim)
{
    return (aim[1] == 'C' && aim[2] == '1') || (aim[1] == 'd' && aim[2] == '2') ||
           (aim[1] == 'Q' && aim[2] == '3') || aim[1] == 'e';
}

/* Length of the UTF-8 sequence starting at p (at most n bytes), 0 if invalid. */
static size_t utf8_len(const uint8_t *p, size_t n)
{
    size_t need = 0;
    uint32_t cp = 0;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        need = 2;
        cp = p[0] & 0x1fu;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        need = 3;
        cp = p[0] & 0x0fu;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        need = 4;
        cp = p[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3fu);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return need;
}

int bc_code_check(const uint8_t *data, size_t len, const char *aim, uint32_t now_ms, BcCode *out)
{
    char id[4] = {0};
    BcSymbology sym = BC_SYM_UNKNOWN;
    bool gs1 = false;

    if (aim != NULL) {
        if (is_aim((const uint8_t *)aim, strlen(aim)))
            memcpy(id, aim, 3);
    } else if (is_aim(data, len)) {
        memcpy(id, data, 3);
        data += 3;
        len -= 3;
    }
    if (len == 0)
        return BC_ERR_EMPTY;
    if (len > BC_CODE_MAX)
        return BC_ERR_TOO_LONG;
    gs1 = id[0] != '\0' && is_gs1(id);
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        if (data[i] < 0x20 || data[i] == 0x7f) {
            if (!(gs1 && data[i] == GS && i > 0))
                return BC_ERR_CONTROL;
        }
        if (data[i] == 0xc2 && i + 1 < len && data[i + 1] >= 0x80 && data[i + 1] <= 0x9f)
            return BC_ERR_CONTROL; /* C1 control character U+0080..U+009F */
        n = utf8_len(data + i, len - i);
        if (n == 0)
            return BC_ERR_ENCODING;
        i += n;
    }
    sym = aim_symbology(id, len);
    if (sym == BC_SYM_EAN13 || sym == BC_SYM_UPCA || sym == BC_SYM_UPCE || sym == BC_SYM_EAN8) {
        size_t want = sym == BC_SYM_EAN13 ? 13 : sym == BC_SYM_UPCA ? 12 : 8;
        char upca[12] = {0};
        for (size_t i = 0; i < len; i++) {
            if (data[i] < '0' || data[i] > '9')
                return BC_ERR_LENGTH;
        }
        if (len != want)
            return BC_ERR_LENGTH;
        if (sym == BC_SYM_UPCE) {
            if (!upce_to_upca(data, upca))
                return BC_ERR_LENGTH; /* 8 digits under ]E0 and not UPC-E */
            if (!bc_ean_is_valid(upca, sizeof(upca)))
                return BC_ERR_CHECK_DIGIT;
        } else if (!bc_ean_is_valid((const char *)data, len)) {
            return BC_ERR_CHECK_DIGIT;
        }
    }
    memcpy(out->text, data, len);
    out->text[len] = '\0';
    out->len = len;
    memcpy(out->aim, id, sizeof(out->aim));
    out->symbology = sym;
    out->time_ms = now_ms;
    return BC_OK;
}

void bc_dedupe_init(BcDedupe *dd, uint32_t window_ms)
{
    memset(dd, 0, sizeof(*dd));
    dd->window_ms = window_ms;
}

bool bc_dedupe_is_repeat(BcDedupe *dd, const BcCode *code)
{
    if (dd->have_last && strcmp(dd->last, code->text) == 0 &&
        (uint32_t)(code->time_ms - dd->last_ms) < dd->window_ms) {
        dd->last_ms = code->time_ms; /* counted from the last read: a held scanner stays quiet */
        return true;
    }
    memcpy(dd->last, code->text, code->len + 1);
    dd->last_ms = code->time_ms;
    dd->have_last = true;
    return false;
}
