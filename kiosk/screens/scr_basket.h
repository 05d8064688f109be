/* Borrow: the basket of the logged-in borrower. Entered by ui__login() (no arguments): it
 * starts empty; with ScrBasketArgs.keep (back from "My loans") it is as it was. */
#ifndef BUA_KIOSK_SCR_BASKET_H
#define BUA_KIOSK_SCR_BASKET_H

#include "ui.h"

typedef enum UiLineState {
    UI_LINE_CHECKING = 0, /* asked the store */
    UI_LINE_OK,
    UI_LINE_REFUSED,
} UiLineState;

typedef struct UiBasketLine {
    char code[UI_CODE_MAX];
    char name[UI_NAME_MAX];
    char kit[UI_CODE_MAX]; /* the set this item is a part of; "" if none */
    UiDate due;
    UiLineState state;
    UiResult refused;
    bool overridden;
    UiDate reserved_from; /* refused UI_R_RESERVED: the reservation's first day */
} UiBasketLine;

typedef struct ScrBasket {
    UiBasketLine lines[UI_BASKET_MAX];
    int n;
    int skip; /* newest lines paged past in the list (0: the newest is at the top) */
    bool checking_out;
    bool idle_checkout; /* the checkout under way was started by the idle logout */
} ScrBasket;

typedef struct ScrBasketArgs {
    bool keep; /* the basket as it was (back from another screen of the session) */
} ScrBasketArgs;

#endif
