/* Customer bike jobs (staff): the jobs not picked up, oldest first; open one to move its status
 * (only the moves the store allows are offered) and add time worked; take in a new one (name,
 * phone, bike, what to do); the slip shows the customer the job number, large. Entered from the
 * repair queue's tab without arguments. */
#ifndef BUA_KIOSK_SCR_JOBS_H
#define BUA_KIOSK_SCR_JOBS_H

#include "ui.h"

typedef enum UiJobsStage {
    UI_JOBS_LIST = 0, /* the open jobs */
    UI_JOBS_JOB,      /* one job */
    UI_JOBS_NEW,      /* taking in a new job */
    UI_JOBS_SLIP,     /* the job number for the customer */
} UiJobsStage;

#define UI_JOB_FIELDS 4 /* customer, phone, bike, work */

typedef struct ScrJobs {
    UiJobsStage stage;
    bool loaded;
    UiJobRow rows[UI_JOBS_MAX];
    int n;
    int total;
    int first; /* the page shown starts here */
    bool job_loaded;
    UiJob job;
    UiField field[UI_JOB_FIELDS];
    int focus; /* NEW: the field typed into */
} ScrJobs;

#endif
