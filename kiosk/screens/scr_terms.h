/* New terms: a borrower who logs in and has not accepted the current terms reads them and
 * accepts before anything else (ui__login sends them here); a child's adult scans their card
 * and accepts for the child. Declining logs out: nothing is lent. Entered without arguments;
 * the borrower is the session's. */
#ifndef BUA_KIOSK_SCR_TERMS_H
#define BUA_KIOSK_SCR_TERMS_H

#include "ui.h"

typedef struct ScrTerms {
    int first;                    /* the paragraph at the top of the terms box */
    char adult_card[UI_CODE_MAX]; /* a child's: the card the adult scanned ("" none yet) */
} ScrTerms;

#endif
