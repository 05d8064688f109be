/* Home: the start screen. It keeps nothing between events (UiNoState). */
#ifndef BUA_KIOSK_SCR_HOME_H
#define BUA_KIOSK_SCR_HOME_H

#include "ui.h"

typedef UiNoState ScrHome;

#endif
