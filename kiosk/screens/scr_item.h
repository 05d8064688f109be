/* Item (staff): an item scanned at the staff screen. Who has it and until when, damage notes,
 * its history a page at a time (newest first), and what staff can do: take it back, report it
 * lost (after a confirm step), or find it again when it is missing. Entered with ScrItemArgs. */
#ifndef BUA_KIOSK_SCR_ITEM_H
#define BUA_KIOSK_SCR_ITEM_H

#include "ui.h"

typedef struct ScrItem {
    char code[UI_CODE_MAX];  /* the item shown */
    char asked[UI_CODE_MAX]; /* the item asked for (another scanned replaces it when known) */
    bool loaded;             /* the card below is the one of `code` */
    UiItem item;
    bool lent;
    char who[UI_NAME_MAX];
    char card[UI_CODE_MAX];
    char phone[32];
    UiDate due;
    bool overdue;
    char damage[UI_TEXT_MAX];
    char notes[UI_TEXT_MAX];
    int first; /* index of entry[0] in the history */
    int n;     /* entries received of n_expected */
    int n_expected;
    bool more; /* older entries exist */
    UiHistoryEntry entry[UI_HISTORY_PAGE];
    bool confirm_lost; /* "Report lost?" asked */
    bool busy;         /* an action is with the store */
} ScrItem;

typedef struct ScrItemArgs {
    const char *code;
} ScrItemArgs;

#endif
