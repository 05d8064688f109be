/* libFuzzer target: the kiosk's .po catalogue reader. Whatever the bytes, it loads or refuses
 * with a message, never reads or writes out of bounds, and every text it loaded is valid
 * NUL-terminated text inside the pool. */
#include "ui.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static UiCatalog cat;
    char err[256] = "";
    ui_catalog_init(&cat);
    int n = ui_catalog_load_po(&cat, UI_LANG_NB, (const char *)data, size, err, sizeof(err));
    if (n < 0 && err[0] == '\0')
        abort(); /* a refusal says why */
    if (n > UI_MSG_COUNT)
        abort();
    for (int m = 0; m < UI_MSG_COUNT; m++) {
        const char *t = ui_catalog_get(&cat, UI_LANG_NB, (UiMsg)m);
        if (t == NULL)
            abort();
        if (cat.text[UI_LANG_NB][m] != NULL &&
            (t < cat.pool || t >= cat.pool + sizeof(cat.pool) || strlen(t) >= sizeof(cat.pool)))
            abort();
    }
    return 0;
}
