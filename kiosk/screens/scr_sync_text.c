/* The sync state in words (issue 14), shared by the staff screen (scr_staff.c: a short panel)
 * and the sync screen (scr_sync.c: in full): a moment as a time today or else a day, the
 * headline (the last sync, or a failure in calm words), what waits, the conflicts. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static bool same_day(UiDate a, UiDate b);

void scr_sync_when(const UiState *st, UiWhen w, UiDate today, char *buf, size_t size)
{
    if (same_day(w.day, today)) {
        char hh[8];
        char mm[8];
        ui__sprintf(hh, sizeof hh, "%02d", w.min / 60 % 24);
        ui__sprintf(mm, sizeof mm, "%02d", w.min % 60);
        ui_format(buf, size, ui_t(st, UI_MSG_SYNC_TIME), hh, mm);
    } else {
        ui_date_text(st, w.day, false, buf, size);
    }
}

UiTone scr_sync_headline(const UiState *st, const UiSyncStatus *s, bool brief, char *buf,
                         size_t size)
{
    char when[UI_DATE_MAX];
    if (s->failing) {
        if (s->ok.day.year == 0) {
            ui__copy(buf, size,
                     ui_t(st, brief ? UI_MSG_SYNC_PANEL_FAILING_NEVER : UI_MSG_SYNC_FAILING_NEVER));
        } else { /* no contact since the last round that went through */
            scr_sync_when(st, s->ok, s->today, when, sizeof when);
            ui_format(buf, size, ui_t(st, brief ? UI_MSG_SYNC_PANEL_FAILING : UI_MSG_SYNC_FAILING),
                      when, NULL);
        }
        return UI_TONE_WARN;
    }
    if (s->ok.day.year == 0) {
        ui__copy(buf, size, ui_t(st, UI_MSG_SYNC_NEVER));
        return UI_TONE_INFO;
    }
    bool today = same_day(s->ok.day, s->today);
    scr_sync_when(st, s->ok, s->today, when, sizeof when);
    ui_format(buf, size, ui_t(st, today ? UI_MSG_SYNC_OK_TODAY : UI_MSG_SYNC_OK_DAY), when, NULL);
    return UI_TONE_OK;
}

void scr_sync_waiting(const UiState *st, const UiSyncStatus *s, bool brief, char *buf, size_t size)
{
    char n[24];
    ui__sprintf(n, sizeof n, "%lld", (long long)s->waiting);
    if (s->waiting == 0)
        ui__copy(buf, size, ui_t(st, UI_MSG_SYNC_ALL_SENT));
    else if (brief)
        ui_format(buf, size, ui_t(st, UI_MSG_SYNC_UNSENT), n, NULL);
    else if (s->waiting == 1)
        ui__copy(buf, size, ui_t(st, UI_MSG_SYNC_WAITING_ONE));
    else
        ui_format(buf, size, ui_t(st, UI_MSG_SYNC_WAITING), n, NULL);
}

void scr_sync_conflicts(const UiState *st, const UiSyncStatus *s, char *buf, size_t size)
{
    char n[24];
    ui__sprintf(n, sizeof n, "%lld", (long long)s->conflicts);
    if (s->conflicts == 0)
        buf[0] = '\0';
    else if (s->conflicts == 1)
        ui__copy(buf, size, ui_t(st, UI_MSG_SYNC_CONFLICT_ONE));
    else
        ui_format(buf, size, ui_t(st, UI_MSG_SYNC_CONFLICTS), n, NULL);
}

static bool same_day(UiDate a, UiDate b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}
