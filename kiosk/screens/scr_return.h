/* Return: items brought back, each with its outcome; a damage note sends one to repair.
 * Entered without arguments (a scan handed over with ui__redirect() is returned at once).
 * Staff returning a set check its parts first (each scanned or marked missing, or "all here"),
 * and an item marked missing that turns up is made available with one tap ("found again"). */
#ifndef BUA_KIOSK_SCR_RETURN_H
#define BUA_KIOSK_SCR_RETURN_H

#include "ui.h"

typedef struct UiReturnLine {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiDate due;
    UiResult result;
    bool overdue;
    bool damaged;        /* sent to repair */
    bool pending;        /* asked the store */
    UiItemStatus status; /* the item's status as the store answered (missing: "found again") */
    bool found;          /* a missing item made available again */
    int n_missing;       /* a set returned without some parts: how many */
    char missing[UI_TEXT_MAX]; /* ... and their names */
} UiReturnLine;

typedef enum UiPartMark { UI_PART_WAITING = 0, UI_PART_HERE, UI_PART_MISSING } UiPartMark;

/* A set whose parts staff check before it is returned. */
typedef struct ScrReturnSet {
    bool active;
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiSetPart part[UI_SET_PARTS_MAX];
    UiPartMark mark[UI_SET_PARTS_MAX];
    int n;        /* parts received */
    int expected; /* parts the store announced */
} ScrReturnSet;

typedef struct ScrReturn {
    UiReturnLine lines[UI_RETURN_MAX];
    int n;
    int damage_line; /* index being described, -1: none */
    UiField note;
    ScrReturnSet set;
} ScrReturn;

#endif
