/* Privacy: staff see everything stored about the borrower they have open (the same export as
 * bua-admin borrower export), in pages; a leader can delete the person, with a second tap.
 * Entered from the person screen with ScrPrivacyArgs; the store logs each opening. */
#ifndef BUA_KIOSK_SCR_PRIVACY_H
#define BUA_KIOSK_SCR_PRIVACY_H

#include "ui.h"

typedef struct ScrPrivacy {
    UiPerson who;
    bool loaded;  /* the answer came (the lines follow in parts) */
    int n;        /* lines kept */
    int total;    /* lines of the whole export */
    int skip;     /* the first line shown */
    bool confirm; /* "Delete person" was tapped once: the next tap deletes */
    bool erasing; /* asked, not answered */
    UiExportLine line[UI_EXPORT_MAX];
} ScrPrivacy;

typedef struct ScrPrivacyArgs {
    const UiPerson *who;
} ScrPrivacyArgs;

#endif
