/* Stocktake: scan a zone label (or take the whole centre), count items, see the report, mark
 * the missing ones. Entered without arguments: a new count. */
#ifndef BUA_KIOSK_SCR_AUDIT_H
#define BUA_KIOSK_SCR_AUDIT_H

#include "ui.h"

typedef enum UiAuditStage { UI_AUDIT_ZONE = 0, UI_AUDIT_SCANNING, UI_AUDIT_RESULT } UiAuditStage;

typedef struct ScrAudit {
    UiAuditStage stage;
    int64_t id;
    char zone[UI_CODE_MAX];
    UiAuditCount count;
    char last[UI_CODE_MAX]; /* the code counted last */
    UiAuditKind last_kind;
    UiItem item; /* the item counted last */
    UiAuditLine lines[UI_AUDIT_LINES];
    int n_lines; /* in group order: missing, misplaced, lent, unknown, then found */
    int page;    /* the result page shown (0 first) */
    int missing; /* missing lines in the report */
    bool marked;
    bool confirm; /* "mark missing" was tapped once: the next tap marks them */
} ScrAudit;

#endif
