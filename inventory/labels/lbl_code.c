/* Codes: which codes can be a label, and their symbols from libzint (Code 128 or Data Matrix) as
 * vector rectangles. The sheets and the error texts are here too. */
#include "labels.h"
#include "lbl_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zint.h>

static const LblSheet sheets[LBL_SHEET_COUNT] = {
#define LBL_SHEET_ROW(id, name, pw, ph, cols, rows, lw, lh, left, top, px, py, bar, pt)            \
    {name, pw, ph, cols, rows, lw, lh, left, top, px, py, bar, pt},
    LBL_SHEET_MAP(LBL_SHEET_ROW)
#undef LBL_SHEET_ROW
};

static const char *const err_text[] = {
#define LBL_ERR_TEXT(name, text) text,
    LBL_ERRNO_MAP(LBL_ERR_TEXT)
#undef LBL_ERR_TEXT
};

static int symbol_width(LblSymbology sym, const char *code, int *modules, char *msg, size_t size);

const char *lbl_strerror(int err)
{
    if (err < 0 || (size_t)err >= sizeof err_text / sizeof err_text[0])
        return "unknown error";
    return err_text[err];
}

const LblSheet *lbl_sheet_find(const char *name)
{
    for (size_t i = 0; i < LBL_SHEET_COUNT; i++) {
        if (strcmp(sheets[i].name, name) == 0)
            return &sheets[i];
    }
    return NULL;
}

const char *lbl_sheet_names(void)
{
    static const char names[] =
#define LBL_SHEET_NAME(id, name, ...) "|" name
        LBL_SHEET_MAP(LBL_SHEET_NAME)
#undef LBL_SHEET_NAME
        ;
    return names + 1;
}

bool lbl_symbology_parse(const char *name, LblSymbology *out)
{
    if (strcmp(name, "code128") == 0) {
        *out = LBL_CODE128;
        return true;
    }
    if (strcmp(name, "datamatrix") == 0) {
        *out = LBL_DATAMATRIX;
        return true;
    }
    return false;
}

int lbl_check(const LblSheet *sheet, LblSymbology sym, const char *code, char *msg, size_t size)
{
    size_t len = strlen(code);
    if (len == 0) {
        lbl__msg(msg, size, "an empty code cannot be a label");
        return LBL_E_CODE;
    }
    if (len > LBL_CODE_MAX) {
        lbl__msg(msg, size, "code '%.20s...' cannot be a label: longer than %d characters", code,
                 LBL_CODE_MAX);
        return LBL_E_TOO_LONG;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)code[i];
        if (c >= 0x20 && c <= 0x7e)
            continue;
        if (c >= 0x80) { /* name the whole character, as the person typed it */
            size_t n = 1;
            while (n < 4 && ((unsigned char)code[i + n] & 0xc0) == 0x80)
                n++;
            lbl__msg(msg, size, "code '%s' cannot be a label: '%.*s' is not printable ASCII", code,
                     (int)n, code + i);
        } else {
            lbl__msg(msg, size,
                     "code '%s' cannot be a label: control character 0x%02x is not printable "
                     "ASCII",
                     code, c);
        }
        return LBL_E_CODE;
    }
    int modules = 0;
    int err = symbol_width(sym, code, &modules, msg, size);
    if (err != LBL_OK || sym != LBL_CODE128)
        return err;
    double m = lbl__module_mm(sheet, modules);
    if (m < LBL_MODULE_MIN) {
        lbl__msg(msg, size,
                 "code '%s' is too long for a %g x %g mm label (%s): its bars would be %.2f mm, "
                 "less than %.2f mm",
                 code, sheet->label_w, sheet->label_h, sheet->name, m, LBL_MODULE_MIN);
        return LBL_E_TOO_LONG;
    }
    return LBL_OK;
}

int lbl__encode(LblSymbology sym, const char *code, struct zint_symbol **out, char *msg,
                size_t size)
{
    struct zint_symbol *s = ZBarcode_Create();
    if (!s) {
        lbl__msg(msg, size, "cannot encode code '%s': out of memory", code);
        return LBL_E_DRAW;
    }
    s->symbology = sym == LBL_DATAMATRIX ? BARCODE_DATAMATRIX : BARCODE_CODE128;
    s->input_mode = DATA_MODE;
    s->show_hrt = 0;                             /* the text is drawn by lbl_pdf.c */
    s->output_options |= BARCODE_NO_QUIET_ZONES; /* the layout keeps its own */
    s->whitespace_width = 0;
    s->border_width = 0;
    s->scale = 1.0f;
    if (sym == LBL_DATAMATRIX)
        s->option_3 = DM_SQUARE;
    else
        s->height = 50.0f; /* any: the layout scales the bars to the label */
    int rc = ZBarcode_Encode(s, (const unsigned char *)code, (int)strlen(code));
    if (rc < ZINT_ERROR)
        rc = ZBarcode_Buffer_Vector(s, 0);
    if (rc >= ZINT_ERROR || !s->vector || s->width <= 0) {
        lbl__msg(msg, size, "code '%s' cannot be a %s label: %s", code,
                 sym == LBL_DATAMATRIX ? "Data Matrix" : "Code 128", s->errtxt);
        ZBarcode_Delete(s);
        return LBL_E_CODE;
    }
    *out = s;
    return LBL_OK;
}

double lbl__module_mm(const LblSheet *sheet, int modules)
{
    double bars = (sheet->label_w - 2 * sheet->pad_x) / modules;
    double quiet = sheet->label_w / (modules + 2 * LBL_QUIET_MODULES);
    double m = bars < quiet ? bars : quiet;
    return m > LBL_MODULE_MAX ? LBL_MODULE_MAX : m;
}

void lbl__msg(char *msg, size_t size, const char *fmt, ...)
{
    if (!msg || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, size, fmt, ap);
    va_end(ap);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static int symbol_width(LblSymbology sym, const char *code, int *modules, char *msg, size_t size)
{
    struct zint_symbol *s = NULL;
    int err = lbl__encode(sym, code, &s, msg, size);
    if (err != LBL_OK)
        return err;
    *modules = s->width;
    ZBarcode_Delete(s);
    return LBL_OK;
}
