/* libFuzzer target: the code checks and the config value parsers. */
#include "fuzz_common.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    BcCode c;
    char text[64];
    uint32_t ms = 0;
    BcLayout layout = BC_LAYOUT_US;
    size_t n = size < sizeof(text) - 1 ? size : sizeof(text) - 1;

    if (bc_code_check(data, size, NULL, 0, &c) == BC_OK) {
        check_code(&c);
        if (bc_code_check(data, size, NULL, 0, &c) != BC_OK) /* deterministic */
            abort();
    }
    memcpy(text, data, n);
    text[n] = '\0';
    if (bc_window_parse(text, &ms) == BC_OK && ms > 60000)
        abort();
    if (bc_layout_parse(text, &layout) == BC_OK && layout != BC_LAYOUT_US && layout != BC_LAYOUT_NO)
        abort();
    if (size >= 3) {
        char aim[4] = {(char)data[0], (char)data[1], (char)data[2], 0};
        if (bc_code_check(data + 3, size - 3, aim, 0, &c) == BC_OK)
            check_code(&c);
    }
    return 0;
}
