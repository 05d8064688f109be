/* Staff: card, PIN, then the staff menu (search a borrower, lend, take back, register,
 * leader). Entered with ScrStaffArgs after a staff card was scanned (asks its PIN), or with NULL:
 * the menu when staff are logged in, else "scan your staff card". */
#ifndef BUA_KIOSK_SCR_STAFF_H
#define BUA_KIOSK_SCR_STAFF_H

#include "ui.h"

typedef enum UiStaffStage {
    UI_STAFF_CARD = 0, /* waiting for a staff card */
    UI_STAFF_PIN,
    UI_STAFF_MENU, /* logged in: search, lend, take back, register */
} UiStaffStage;

typedef struct ScrStaff {
    UiStaffStage stage;
    char card[UI_CODE_MAX]; /* the staff card whose PIN is asked */
    char name[UI_NAME_MAX];
    char pin[16];
    UiField query;
    UiPerson found[UI_FOUND_MAX];
    int n_found;
    int found_first; /* index among all matches of found[0] */
    int found_total; /* all matches of the query */
    bool searched;
    /* the device's sync state (issue 14), shown when it is a synced device: asked when the menu
     * opens and every UI_SYNC_REFRESH_MS while it shows */
    UiSyncStatus sync;
    bool sync_loaded;
    int64_t sync_asked_ms;
} ScrStaff;

#define UI_SYNC_REFRESH_MS 30000

/* A staff card just identified: ask its PIN. */
typedef struct ScrStaffArgs {
    const char *card;
    const char *name;
} ScrStaffArgs;

#endif
