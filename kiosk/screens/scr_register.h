/* Register: a new borrower, in steps: the form (card, name, phone, e-mail, birth year,
 * responsible adult), the municipality (only when the centre lists some), the consent to be
 * contacted (optional), then the terms to read and accept. A child's adult scans their card and
 * accepts for the child. Entered without arguments; a logged-in adult becomes the responsible
 * adult. */
#ifndef BUA_KIOSK_SCR_REGISTER_H
#define BUA_KIOSK_SCR_REGISTER_H

#include "ui.h"

/* the form's fields; their ids are "reg.field.N" */
enum {
    UI_REG_CARD,
    UI_REG_NAME,
    UI_REG_PHONE,
    UI_REG_YEAR,
    UI_REG_ADULT,
    UI_REG_EMAIL,
    UI_REG_FIELDS
};

typedef enum ScrRegStage {
    UI_REG_STAGE_FORM,    /* the fields and the keyboard */
    UI_REG_STAGE_PLACE,   /* the municipality: one of cfg.municipalities, or none */
    UI_REG_STAGE_CONTACT, /* may we send SMS and/or e-mail */
    UI_REG_STAGE_TERMS,   /* read the terms, tick, register */
} ScrRegStage;

typedef struct ScrRegister {
    UiField field[UI_REG_FIELDS];
    int focus;
    bool consent;
    ScrRegStage stage;
    int municipality; /* index into cfg.municipalities; -1: not given */
    int contact;      /* UI_CONTACT_SMS | UI_CONTACT_EMAIL */
    int first;        /* the paragraph of the terms at the top of their box */
} ScrRegister;

#endif
