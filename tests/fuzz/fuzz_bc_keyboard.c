/* libFuzzer target: HID boot-keyboard reports. Byte 0 picks the layout, then 8-byte reports. */
#include "fuzz_common.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    BcDecoder d;
    BcCode c;
    uint32_t now = 0;

    if (size < 1)
        return 0;
    bc_decoder_init(&d, BC_MODE_KEYBOARD, (data[0] & 1) ? BC_LAYOUT_NO : BC_LAYOUT_US);
    data++;
    size--;
    while (size > 0) {
        size_t n = size >= 8 ? 8 : size; /* a short tail exercises the length check */
        int r = bc_feed(&d, data, n, now, &c);
        if (r == 1)
            check_code(&c);
        else if (r > 1)
            abort();
        data += n;
        size -= n;
        now += 3;
    }
    return 0;
}
