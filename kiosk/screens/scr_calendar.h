/* Closed days: the centre's calendar as a leader sees it at the kiosk (the weekly closed days,
 * whether public holidays are closed, and the coming holidays and closures that move due dates).
 * Entered without arguments; changed with bua-admin calendar. */
#ifndef BUA_KIOSK_SCR_CALENDAR_H
#define BUA_KIOSK_SCR_CALENDAR_H

#include "ui.h"

typedef struct ScrCalendar {
    bool loaded;
    UiCalendar data;
} ScrCalendar;

#endif
