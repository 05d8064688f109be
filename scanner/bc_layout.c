/* Keyboard layout tables: which character a HID keyboard usage stands for, with and without
 * Shift and AltGr, for the layouts a scanner can be configured to type in. Letters a-z are the
 * same in every supported layout (QWERTY); everything else is in the tables. Dead keys (the
 * Norwegian ^ ~ ` and the diaeresis and acute) are mapped to their plain character, which a
 * scanner types as dead key + Space: bc__layout_is_dead() tells the decoder to wait for it. */
#include "bc_int.h"

#include <stddef.h>
#include <string.h>

enum { PLAIN, SHIFT, ALTGR };

#define KEYPAD_ENTRIES                                                                             \
    [0x54] = {"/", "/", NULL}, [0x55] = {"*", "*", NULL}, [0x56] = {"-", "-", NULL},               \
    [0x57] = {"+", "+", NULL}, [0x59] = {"1", "1", NULL}, [0x5a] = {"2", "2", NULL},               \
    [0x5b] = {"3", "3", NULL}, [0x5c] = {"4", "4", NULL}, [0x5d] = {"5", "5", NULL},               \
    [0x5e] = {"6", "6", NULL}, [0x5f] = {"7", "7", NULL}, [0x60] = {"8", "8", NULL},               \
    [0x61] = {"9", "9", NULL}, [0x62] = {"0", "0", NULL}

static const char *const us_map[BC__USAGE_MAX][3] = {
    [0x1e] = {"1", "!", NULL},  [0x1f] = {"2", "@", NULL},
    [0x20] = {"3", "#", NULL},  [0x21] = {"4", "$", NULL},
    [0x22] = {"5", "%", NULL},  [0x23] = {"6", "^", NULL},
    [0x24] = {"7", "&", NULL},  [0x25] = {"8", "*", NULL},
    [0x26] = {"9", "(", NULL},  [0x27] = {"0", ")", NULL},
    [0x2c] = {" ", " ", NULL},  [0x2d] = {"-", "_", NULL},
    [0x2e] = {"=", "+", NULL},  [0x2f] = {"[", "{", NULL},
    [0x30] = {"]", "}", NULL},  [0x31] = {"\\", "|", NULL},
    [0x32] = {"\\", "|", NULL}, [0x33] = {";", ":", NULL}, /* non-US #~ key types \ | in US */
    [0x34] = {"'", "\"", NULL}, [0x35] = {"`", "~", NULL},
    [0x36] = {",", "<", NULL},  [0x37] = {".", ">", NULL},
    [0x38] = {"/", "?", NULL},  [0x63] = {".", ".", NULL},
    [0x64] = {"\\", "|", NULL}, KEYPAD_ENTRIES,
};

/* Norwegian (nb/nn) ISO layout. */
static const char *const no_map[BC__USAGE_MAX][3] = {
    [0x1e] = {"1", "!", NULL},
    [0x1f] = {"2", "\"", "@"},
    [0x20] = {"3", "#", "\xc2\xa3"},     /* £ */
    [0x21] = {"4", "\xc2\xa4", "$"},     /* ¤ */
    [0x22] = {"5", "%", "\xe2\x82\xac"}, /* € */
    [0x23] = {"6", "&", NULL},
    [0x24] = {"7", "/", "{"},
    [0x25] = {"8", "(", "["},
    [0x26] = {"9", ")", "]"},
    [0x27] = {"0", "=", "}"},
    [0x2c] = {" ", " ", NULL},
    [0x2d] = {"+", "?", NULL},
    [0x2e] = {"\\", "`", "\xc2\xb4"},        /* shift: dead grave, AltGr: dead acute */
    [0x2f] = {"\xc3\xa5", "\xc3\x85", NULL}, /* å Å */
    [0x30] = {"\xc2\xa8", "^", "~"},         /* dead diaeresis, circumflex, tilde */
    [0x31] = {"'", "*", NULL},
    [0x32] = {"'", "*", NULL},
    [0x33] = {"\xc3\xb8", "\xc3\x98", NULL}, /* ø Ø */
    [0x34] = {"\xc3\xa6", "\xc3\x86", NULL}, /* æ Æ */
    [0x35] = {"|", "\xc2\xa7", NULL},        /* § */
    [0x36] = {",", ";", NULL},
    [0x37] = {".", ":", NULL},
    [0x38] = {"-", "_", NULL},
    [0x63] = {",", ",", NULL},
    [0x64] = {"<", ">", NULL},
    KEYPAD_ENTRIES,
};

bool bc__layout_is_dead(BcLayout layout, uint8_t usage, bool shift, bool altgr)
{
    if (layout != BC_LAYOUT_NO)
        return false;
    if (usage == 0x30)
        return true;
    return usage == 0x2e && (shift || altgr);
}

size_t bc__layout_char(BcLayout layout, uint8_t usage, bool shift, bool altgr, const char **out)
{
    static const char lower[] = "abcdefghijklmnopqrstuvwxyz";
    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const char *const(*map)[3] = layout == BC_LAYOUT_NO ? no_map : us_map;
    const char *s = NULL;

    if (usage >= 0x04 && usage <= 0x1d) {
        if (!altgr) {
            *out = shift ? &upper[usage - 0x04] : &lower[usage - 0x04];
            return 1;
        }
        if (layout == BC_LAYOUT_NO && usage == 0x08)
            s = "\xe2\x82\xac"; /* AltGr+E: € */
        else if (layout == BC_LAYOUT_NO && usage == 0x10)
            s = "\xc2\xb5"; /* AltGr+M: µ */
    } else if (usage < BC__USAGE_MAX) {
        s = map[usage][altgr ? ALTGR : shift ? SHIFT : PLAIN];
    }
    if (s == NULL)
        return 0;
    *out = s;
    return strlen(s);
}
