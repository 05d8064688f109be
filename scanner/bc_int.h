/* Shared inside the barcode module only. */
#ifndef BUA_BC_INT_H
#define BUA_BC_INT_H

#include "barcode.h"

#define BC__USAGE_MAX 0x68

/* The UTF-8 text for a keyboard usage in a layout: sets *out and returns its length in bytes,
 * or returns 0 (out untouched) when the usage types no character there. */
size_t bc__layout_char(BcLayout layout, uint8_t usage, bool shift, bool altgr, const char **out);

/* True if the usage is a dead key in the layout: it types nothing by itself; followed by Space
 * it types the character bc__layout_char() gives for it. */
bool bc__layout_is_dead(BcLayout layout, uint8_t usage, bool shift, bool altgr);

#endif
