/* Reservations (staff): the coming reservations with "Cancel", and a new one in three steps:
 * the borrower's card, what (a scanned item, or a category and a count), the days. Entered
 * without arguments from the staff menu: the list. */
#ifndef BUA_KIOSK_SCR_RESERVE_H
#define BUA_KIOSK_SCR_RESERVE_H

#include "ui.h"

typedef enum UiResStage {
    UI_RES_LIST = 0, /* the coming reservations */
    UI_RES_CARD,     /* scan the borrower's card */
    UI_RES_WHAT,     /* scan an item, or pick a category and a count */
    UI_RES_DAYS,     /* first and last day, then "Reserve" */
} UiResStage;

typedef struct ScrReserve {
    UiResStage stage;
    UiReservation list[UI_RES_MAX];
    int n;
    int total;
    bool loaded;
    UiDate today;
    UiPerson who;                /* the borrower it is for */
    char code[UI_CODE_MAX];      /* a scanned item, or "" */
    char item_name[UI_NAME_MAX]; /* its name */
    int category;                /* index into cfg.categories, -1: none */
    int count;                   /* items of the category */
    int from;                    /* first day, in days after today */
    int to;                      /* last day, in days after today */
    bool asked;                  /* a reservation or a cancel is under way */
} ScrReserve;

#endif
