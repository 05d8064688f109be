/* Register: a new borrower (card, name, phone, birth year, responsible adult, consent).
 * Entered without arguments; a logged-in adult becomes the responsible adult. */
#ifndef BUA_KIOSK_SCR_REGISTER_H
#define BUA_KIOSK_SCR_REGISTER_H

#include "ui.h"

enum { UI_REG_CARD, UI_REG_NAME, UI_REG_PHONE, UI_REG_YEAR, UI_REG_ADULT, UI_REG_FIELDS };

typedef struct ScrRegister {
    UiField field[UI_REG_FIELDS];
    int focus;
    bool consent;
} ScrRegister;

#endif
