/* Work day: a trainee scans their staff card at home and starts or ends the work day ("Start
 * arbeidsdag" / "Ferdig for i dag") without a PIN: checking in reveals nothing and changes only
 * the trainee's own hours. Entered with ScrWorkdayArgs; "Log in to work" goes on to the PIN. */
#ifndef BUA_KIOSK_SCR_WORKDAY_H
#define BUA_KIOSK_SCR_WORKDAY_H

#include "ui.h"

typedef enum UiWorkStage {
    UI_WORKDAY_LOADING = 0, /* asked the store whether the trainee is checked in */
    UI_WORKDAY_READY,       /* one big button: start, or done for today */
    UI_WORKDAY_DONE,        /* checked in or out: a calm confirmation */
} UiWorkStage;

typedef struct ScrWorkday {
    UiWorkStage stage;
    char card[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    UiEvWorkday day; /* the store's last answer */
    bool asked;      /* a check-in or check-out is on its way: taps wait */
} ScrWorkday;

typedef struct ScrWorkdayArgs {
    const char *card;
    const char *name;
} ScrWorkdayArgs;

#endif
