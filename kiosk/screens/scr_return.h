/* Return: items brought back, each with its outcome; a damage note sends one to repair.
 * Entered without arguments (a scan handed over with ui__redirect() is returned at once). */
#ifndef BUA_KIOSK_SCR_RETURN_H
#define BUA_KIOSK_SCR_RETURN_H

#include "ui.h"

typedef struct UiReturnLine {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiDate due;
    UiResult result;
    bool overdue;
    bool damaged; /* sent to repair */
    bool pending; /* asked the store */
} UiReturnLine;

typedef struct ScrReturn {
    UiReturnLine lines[UI_RETURN_MAX];
    int n;
    int damage_line; /* index being described, -1: none */
    UiField note;
} ScrReturn;

#endif
