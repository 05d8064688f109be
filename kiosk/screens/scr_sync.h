/* Sync (staff): this device's sync with the centre's server, and the conflicts it found, one at
 * a time: an item lent twice while the devices were apart (settled here: the first loan was
 * returned, or it was another item) and a card registered on two devices (merged, listed for
 * information). Entered from the staff screen without arguments. */
#ifndef BUA_KIOSK_SCR_SYNC_H
#define BUA_KIOSK_SCR_SYNC_H

#include "ui.h"

typedef struct ScrSync {
    bool status_loaded;
    UiSyncStatus status;
    bool loaded; /* the conflicts came */
    UiConflict c[UI_CONFLICTS_MAX];
    int n;
    int open;      /* open double lends, all of them */
    int merges;    /* card merges, all of them */
    int at;        /* the conflict shown */
    bool scanning; /* "it was another item": waiting for that item's barcode */
    bool sent;     /* a resolution is on its way */
} ScrSync;

#endif
