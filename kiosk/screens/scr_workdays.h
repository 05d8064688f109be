/* Work days (leaders): the trainees' days of the last two weeks, newest first, each with its
 * times and hours and whether it was closed at closing time or corrected; tap one to set its
 * check-in and check-out in steps of 15 minutes. Entered without arguments from the leader menu.
 * Scheme membership is not shown here (bua-admin training member list). */
#ifndef BUA_KIOSK_SCR_WORKDAYS_H
#define BUA_KIOSK_SCR_WORKDAYS_H

#include "ui.h"

typedef enum UiWorkdaysStage {
    UI_WORKDAYS_LIST = 0,
    UI_WORKDAYS_EDIT,
} UiWorkdaysStage;

typedef struct ScrWorkdays {
    UiWorkdaysStage stage;
    bool loaded;
    int first;         /* the page asked for */
    UiEvWorkdays page; /* the store's answer */
    UiWorkdayRow edit; /* the day being corrected, with the times chosen */
    bool saving;
} ScrWorkdays;

#endif
