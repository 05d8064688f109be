/* My loans: the logged-in borrower's loans with "Renew" on each, and their own earlier loans of
 * the last 12 months. Reached from the basket; "Back" returns to the basket as it was. */
#ifndef BUA_KIOSK_SCR_LOANS_H
#define BUA_KIOSK_SCR_LOANS_H

#include "ui.h"

/* What a tap on "Renew" gave for one loan of the session. */
typedef struct ScrLoansAnswer {
    bool asked;    /* a renewal was asked for and not answered yet */
    bool answered; /* result holds the answer */
    UiResult result;
    UiDate reserved_from; /* UI_R_RESERVED */
} ScrLoansAnswer;

typedef struct ScrLoans {
    bool history; /* the earlier loans are shown (else the loans now) */
    int skip;     /* rows paged past */
    ScrLoansAnswer answer[UI_LOANS_MAX];
    UiHistLine hist[UI_HISTORY_MAX];
    int n_hist;
    int hist_total;
    bool hist_loaded;
} ScrLoans;

#endif
