/* labels internals shared by lbl_code.c (zint) and lbl_pdf.c (cairo). */
#ifndef BUA_LBL_INT_H
#define BUA_LBL_INT_H

#include "labels.h"

struct zint_symbol;

/* Code 128 needs 10 modules of blank on each side of its bars (the quiet zone, ISO/IEC 15417). */
#define LBL_QUIET_MODULES 10

/* Encodes `code` (already checked as printable ASCII) with zint into vector rectangles:
 * *out owns the symbol (ZBarcode_Delete). LBL_OK, or LBL_E_CODE with zint's reason in msg. */
int lbl__encode(LblSymbology sym, const char *code, struct zint_symbol **out, char *msg,
                size_t size);

/* The width of one Code 128 module (bar unit, mm) for a symbol `modules` wide on this sheet: as
 * wide as the label allows (bars inside the padding, quiet zones inside the label), at most
 * LBL_MODULE_MAX. Below LBL_MODULE_MIN means the code does not fit. */
double lbl__module_mm(const LblSheet *sheet, int modules);

/* snprintf into msg[size] when msg is not NULL. */
void lbl__msg(char *msg, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
