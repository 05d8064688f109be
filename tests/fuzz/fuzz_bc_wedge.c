/* libFuzzer target: the keyboard-wedge burst detector. Each 3-byte step: a character (0x0d or
 * 0x09 mean Enter/Tab), a time gap, and whether to poll. */
#include "fuzz_common.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    BcWedge w;
    BcCode c;
    uint32_t now = 0xfffff000u; /* cross the uint32_t wrap on the way */

    bc_wedge_init(&w, 0, 0);
    for (size_t i = 0; i + 3 <= size; i += 3) {
        char ch = (char)data[i];
        bool end = data[i] == 0x0d || data[i] == 0x09;
        int r = 0;
        now += data[i + 1];
        if (data[i + 2] & 1) {
            r = bc_wedge_poll(&w, now);
            if (r != BC_WEDGE_PENDING && r != BC_WEDGE_TYPED)
                abort();
            continue;
        }
        r = bc_wedge_feed(&w, &ch, 1, end, now, &c);
        if (r == BC_WEDGE_CODE)
            check_code(&c);
        else if (r > BC_WEDGE_TYPED)
            abort();
    }
    return 0;
}
