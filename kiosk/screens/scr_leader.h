/* Leader: the leader's menu, an item's status, a new item, and blocking borrowers. Entered
 * without arguments: it opens on its menu. */
#ifndef BUA_KIOSK_SCR_LEADER_H
#define BUA_KIOSK_SCR_LEADER_H

#include "ui.h"

typedef enum UiLeaderStage {
    UI_LEADER_MENU = 0,
    UI_LEADER_ITEM,     /* scan an item; shows it with actions */
    UI_LEADER_NEW_ITEM, /* a new label was scanned: name, category, place */
    UI_LEADER_BORROWER, /* search a borrower; block or unblock */
} UiLeaderStage;

typedef struct ScrLeader {
    UiLeaderStage stage;
    UiItem item;
    bool item_loaded;
    char item_damage[UI_TEXT_MAX]; /* the last damage noted at a return */
    bool label_made;               /* a label of this item was asked for and answered */
    UiLabelOutcome label_outcome;  /* what became of it */
    char label_path[UI_TEXT_MAX];  /* its PDF, or why there is none */
    UiField item_name;
    int item_cat; /* index into cfg.categories, -1: none */
    char item_location[UI_CODE_MAX];
    UiField query;
    UiPerson found[UI_FOUND_MAX];
    int n_found;
    bool searched;
    UiPerson picked; /* borrower being managed */
    UiField reason;
} ScrLeader;

#endif
