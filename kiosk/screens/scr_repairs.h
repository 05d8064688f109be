/* The repair queue (trainees and leaders): the items in repair, oldest first, with days waiting
 * and the latest damage note; open one to see its notes, write what was done and take a step:
 * "Klar til utlån" (available), "Venter på deler" (stays, marked), "Kasser" (retire, with a
 * reason), or save the note alone. Entered from the staff menu without arguments. */
#ifndef BUA_KIOSK_SCR_REPAIRS_H
#define BUA_KIOSK_SCR_REPAIRS_H

#include "ui.h"

typedef enum UiRepairsStage {
    UI_REPAIRS_LIST = 0, /* the queue */
    UI_REPAIRS_ITEM,     /* one item: its notes and the steps */
    UI_REPAIRS_WRITE,    /* writing what was done (keyboard) */
    UI_REPAIRS_RETIRE,   /* why it is retired */
} UiRepairsStage;

typedef struct ScrRepairs {
    UiRepairsStage stage;
    bool loaded; /* the queue has come */
    UiRepairRow rows[UI_REPAIRS_MAX];
    int n;
    int total; /* items in repair (may be more than n) */
    int first; /* the page shown starts here */
    bool item_loaded;
    UiRepairRow item;
    UiRepairNote notes[UI_REPAIR_NOTES_MAX];
    int n_notes;
    int total_notes;
    UiField note;       /* what was done */
    int reason;         /* RETIRE: a UiRetireReason, -1 until one is picked */
    UiRepairStep asked; /* the step sent, until its answer */
} ScrRepairs;

#endif
