/* The call list: staff see whom to phone (borrowers late whom no SMS or e-mail reaches: a child's
 * guardian's phone), and whether SMS or e-mail keeps failing. Entered from the staff screen
 * without arguments; read only (reminders are sent by bua-admin remind). */
#ifndef BUA_KIOSK_SCR_CALLS_H
#define BUA_KIOSK_SCR_CALLS_H

#include "ui.h"

typedef struct ScrCalls {
    bool loaded;
    int n;
    int total;
    UiCall calls[UI_CALLS_MAX];
    UiChannelFail sms;
    UiChannelFail email;
    int doubt;
} ScrCalls;

#endif
