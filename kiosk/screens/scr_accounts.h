/* Accounts: a leader scans a staff card to see its account (role, disabled, expiry), disables
 * or enables it, or gives it a new PIN typed twice. Entered without arguments from the leader's
 * menu. */
#ifndef BUA_KIOSK_SCR_ACCOUNTS_H
#define BUA_KIOSK_SCR_ACCOUNTS_H

#include "ui.h"

typedef enum UiAccountsStage {
    UI_ACCOUNTS_SCAN = 0,  /* waiting for a staff card */
    UI_ACCOUNTS_SHOW,      /* the account, with its actions */
    UI_ACCOUNTS_PIN,       /* the new PIN */
    UI_ACCOUNTS_PIN_AGAIN, /* the new PIN once more */
} UiAccountsStage;

typedef struct ScrAccounts {
    UiAccountsStage stage;
    UiEvStaffInfo info; /* the account shown (stage SHOW and after) */
    char pin[16];
    char first[16]; /* the PIN typed first */
} ScrAccounts;

#endif
