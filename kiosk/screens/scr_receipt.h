/* Receipt: what was just lent. Entered with ScrReceiptArgs; the lines as the store lent them
 * (due dates, parts of sets) follow in UI_EV_LENT_PART. */
#ifndef BUA_KIOSK_SCR_RECEIPT_H
#define BUA_KIOSK_SCR_RECEIPT_H

#include "ui.h"

typedef struct ScrReceipt {
    char name[UI_NAME_MAX]; /* who borrowed */
    UiLentLine lines[UI_BASKET_MAX];
    int n;
    int page;         /* the page of lines shown (0: the first) */
    int64_t until_ms; /* back to the start (or the staff menu) then; restarts on a page change */
} ScrReceipt;

/* Arguments of the receipt's enter: the borrower's name and the lines lent (copied). */
typedef struct ScrReceiptArgs {
    const char *name;
    const UiLentLine *lines;
    int n;
} ScrReceiptArgs;

#endif
