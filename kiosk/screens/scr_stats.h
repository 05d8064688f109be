/* Year figures: a year's loans in numbers, per month and per category. Entered without
 * arguments: it opens on the year of the clock. */
#ifndef BUA_KIOSK_SCR_STATS_H
#define BUA_KIOSK_SCR_STATS_H

#include "ui.h"

typedef struct ScrStats {
    int year;
    bool loaded;
    UiStats data;
} ScrStats;

#endif
