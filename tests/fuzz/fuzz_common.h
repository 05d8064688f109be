/* Invariants every fuzz target checks on a code the barcode module delivered. */
#ifndef BUA_FUZZ_COMMON_H
#define BUA_FUZZ_COMMON_H

#include "barcode.h"

#include <stdlib.h>
#include <string.h>

static void check_code(const BcCode *c)
{
    if (c->len == 0 || c->len > BC_CODE_MAX || strlen(c->text) != c->len)
        abort();
    for (size_t i = 0; i < c->len; i++) {
        unsigned char b = (unsigned char)c->text[i];
        if ((b < 0x20 && b != 0x1d) || b == 0x7f)
            abort();
        if (b == 0xc2 && i + 1 < c->len && (unsigned char)c->text[i + 1] <= 0x9f)
            abort(); /* C1 control character */
    }
    if (c->aim[0] != '\0' && (c->aim[0] != ']' || strlen(c->aim) != 3))
        abort();
    if ((c->symbology == BC_SYM_EAN13 || c->symbology == BC_SYM_UPCA ||
         c->symbology == BC_SYM_EAN8) &&
        !bc_ean_is_valid(c->text, c->len))
        abort();
    if (c->symbology == BC_SYM_UPCE &&
        (c->len != 8 || (c->text[0] != '0' && c->text[0] != '1') || strcmp(c->aim, "]E0") != 0))
        abort();
}

#endif
