/* libFuzzer target: CDC-ACM byte streams. Byte 0 sets the chunk size the stream is cut into. */
#include "fuzz_common.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    BcDecoder d;
    BcCode c;
    size_t chunk = 0;

    if (size < 1)
        return 0;
    chunk = (size_t)data[0] % 64 + 1;
    data++;
    size--;
    bc_decoder_init(&d, BC_MODE_SERIAL, BC_LAYOUT_US);
    while (size > 0) {
        size_t n = size >= chunk ? chunk : size;
        size_t off = 0;
        while (off < n) {
            int r = bc_feed(&d, data + off, n - off, 1, &c);
            size_t used = bc_decoder_consumed(&d);
            if (used == 0 || used > n - off)
                abort(); /* must always make progress and stay inside the chunk */
            if (r == 1)
                check_code(&c);
            off += used;
        }
        data += n;
        size -= n;
    }
    return 0;
}
