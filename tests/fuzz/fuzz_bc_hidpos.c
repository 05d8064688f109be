/* libFuzzer target: HID POS reports, 64 bytes each (a short tail too). */
#include "fuzz_common.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    BcDecoder d;
    BcCode c;

    bc_decoder_init(&d, BC_MODE_HIDPOS, BC_LAYOUT_US);
    while (size > 0) {
        size_t n = size >= BC_HIDPOS_REPORT_LEN ? BC_HIDPOS_REPORT_LEN : size;
        int r = bc_feed(&d, data, n, 1, &c);
        if (r == 1)
            check_code(&c);
        else if (r > 1)
            abort();
        data += n;
        size -= n;
    }
    return 0;
}
