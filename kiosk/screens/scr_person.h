/* Person: staff change the borrower they have open in the basket (name, phone, birth year,
 * responsible adult by scanning their card) or give them a new card for a lost one. Entered
 * with ScrPersonArgs; leaves through the basket, with the borrower loaded again. */
#ifndef BUA_KIOSK_SCR_PERSON_H
#define BUA_KIOSK_SCR_PERSON_H

#include "ui.h"

enum { UI_PERSON_NAME, UI_PERSON_PHONE, UI_PERSON_YEAR, UI_PERSON_ADULT, UI_PERSON_FIELDS };

typedef enum UiPersonStage {
    UI_PERSON_EDIT = 0, /* the fields, "Save" and "New card" */
    UI_PERSON_NEW_CARD, /* waiting for the new card to be scanned */
} UiPersonStage;

typedef struct ScrPerson {
    UiPersonStage stage;
    UiPerson who; /* as found: card, name, ... */
    UiField field[UI_PERSON_FIELDS];
    int focus;
    bool saved; /* the changes were stored: say so when back in the basket */
} ScrPerson;

typedef struct ScrPersonArgs {
    const UiPerson *who;
} ScrPersonArgs;

#endif
