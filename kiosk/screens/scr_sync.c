/* Sync (staff): on top, the device's sync state in full (the last round, what waits to be sent,
 * the failure in calm words with bua-sync's own text for a leader to pass on); below, the
 * conflicts one at a time with big buttons to page. A double lend shows the item and its two
 * loans (who, when, which device) and asks what happened to the first one: "Levert tilbake"
 * settles it at once; "Det var en annen gjenstand" asks for the other item's barcode, and the
 * scan settles it. A card merge is shown for information. Read from the store when the screen
 * opens and after each settlement (UI_FX_SYNC_STATUS, UI_FX_CONFLICTS); settling is
 * UI_FX_RESOLVE, answered by UI_EV_DONE. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void sync_enter(UiState *st, const void *args, UiEffects *fx);
static void sync_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void sync_view(const UiState *st, UiDrawList *dl, UiRect area);
static bool sync_wants_text(const UiState *st);
static void load(UiEffects *fx);
static void resolve(UiState *st, bool returned, const char *other, UiEffects *fx);
static int view_status(const UiState *st, UiDrawList *dl, UiRect area);
static void view_conflict(const UiState *st, UiDrawList *dl, UiRect area, const UiConflict *c);
static void view_loan(const UiState *st, UiDrawList *dl, UiRect r, const char *id, UiMsg head,
                      const UiConflictLoan *l);
static void when_at(const UiState *st, UiWhen w, char *buf, size_t size);

const UiScreen scr_sync = {
    .enter = sync_enter,
    .update = sync_update,
    .view = sync_view,
    .wants_text = sync_wants_text,
    .title_msg = UI_MSG_SYNC_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args */
static void sync_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    memset(&st->sync, 0, sizeof st->sync);
    load(fx);
}

/* a barcode typed by a keyboard scanner is a scan: never text */
static bool sync_wants_text(const UiState *st)
{
    (void)st;
    return false;
}

static void sync_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrSync *s = &st->sync;
    if (!st->session.staff.id) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    switch (ev->kind) {
    case UI_EV_SYNC_STATUS:
        if (ev->h.result == UI_R_OK) {
            s->status = ev->sync_status.s;
            s->status_loaded = true;
        }
        return;
    case UI_EV_CONFLICTS:
        if (ev->h.result == UI_R_OK) {
            s->n = 0; /* the conflicts follow in UI_EV_CONFLICT_PART */
            s->open = ev->conflicts.open;
            s->merges = ev->conflicts.merges;
            s->loaded = true;
        }
        return;
    case UI_EV_CONFLICT_PART:
        if (ev->conflict_part.index == s->n && s->n < UI_CONFLICTS_MAX)
            s->c[s->n++] = ev->conflict_part.c;
        if (s->at >= s->n)
            s->at = s->n > 0 ? s->n - 1 : 0;
        return;
    case UI_EV_DONE:
        if (ev->done.of != UI_FX_RESOLVE)
            return;
        s->sent = false;
        if (ev->h.result == UI_R_OK) {
            s->scanning = false;
            ui__toastf(st, UI_TONE_OK, UI_MSG_SYNC_DONE, ev->done.code, NULL);
            ui__sound(st, fx, UI_SOUND_OK);
            s->n = 0;
            if (s->at > 0)
                s->at--; /* the next one slides into its place; stay near it */
            load(fx);
        } else if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_SYNC_REFUSED, ev->done.code,
                       ui__reason(st, ev->h.result));
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    case UI_EV_SCAN:
        if (s->scanning && !s->sent && s->at < s->n) {
            resolve(st, false, ev->scan.code, fx);
        } else { /* a scan settles nothing until staff say the first loan was another item */
            ui__toastf(st, UI_TONE_INFO, UI_MSG_SYNC_SCAN_FIRST, NULL, NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    case UI_EV_PRESS:
        break;
    default:
        return;
    }
    const char *id = ev->press.id;
    if (strcmp(id, "sync.back") == 0) {
        ui__go(st, UI_SCR_STAFF, NULL, fx);
    } else if (strcmp(id, "sync.prev") == 0 && s->at > 0 && !s->sent) {
        s->at--;
        s->scanning = false;
    } else if (strcmp(id, "sync.next") == 0 && s->at + 1 < s->n && !s->sent) {
        s->at++;
        s->scanning = false;
    } else if (strcmp(id, "sync.returned") == 0 && s->at < s->n && !s->c[s->at].merge && !s->sent) {
        resolve(st, true, "", fx);
    } else if (strcmp(id, "sync.other") == 0 && s->at < s->n && !s->c[s->at].merge) {
        s->scanning = true;
    } else if (strcmp(id, "sync.cancel") == 0) {
        s->scanning = false;
    }
}

static void sync_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrSync *s = &st->sync;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = area.x + pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];

    ui__button(dl, st, "sync.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (!s->status_loaded || !s->loaded) {
        ui__label(dl, st, "sync.working", ui__rect_make(x, y, w, ui__px(st, 34)), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    y += view_status(st, dl, ui__rect_make(x, y, w, 0)) + gap;
    if (s->n == 0) {
        ui__label(dl, st, "sync.none", ui__rect_make(x, y + gap, w, ui__px(st, 40)), UI_FONT_LARGE,
                  UI_COL_OK, UI_ALIGN_LEFT, ui_t(st, UI_MSG_SYNC_NONE));
        return;
    }
    /* which one of how many, and the buttons to page */
    int at = s->at < s->n ? s->at : s->n - 1;
    int bw = ui__px(st, 180);
    UiLayout lay = ui__layout(ui__rect_make(x, y, w, touch), gap);
    ui__row(&lay, 3, (int[]){0, bw, bw}, touch);
    UiRect of = ui__next(&lay);
    UiRect prev = ui__next(&lay);
    UiRect next = ui__next(&lay);
    char a1[16];
    char a2[16];
    ui__sprintf(a1, sizeof a1, "%d", at + 1);
    ui__sprintf(a2, sizeof a2, "%d", s->n);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_SYNC_OF), a1, a2);
    ui__label(dl, st, "sync.of", of, UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
    if (s->n > 1) {
        ui__button(dl, st, at > 0 ? "sync.prev" : "sync.prev.off", prev, ui_t(st, UI_MSG_SYNC_PREV),
                   at > 0 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        ui__button(dl, st, at + 1 < s->n ? "sync.next" : "sync.next.off", next,
                   ui_t(st, UI_MSG_SYNC_NEXT),
                   at + 1 < s->n ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    }
    y += touch + gap;
    view_conflict(st, dl, ui__rect_make(x, y, w, area.y + area.h - pad - y), &s->c[at]);
}

/* The state in full, from the top of area: returns the height used. */
static int view_status(const UiState *st, UiDrawList *dl, UiRect area)
{
    const UiSyncStatus *s = &st->sync.status;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int lh = ui__px(st, 30);
    char text[UI_TEXT_MAX];
    char line[UI_TEXT_MAX];
    UiTone tone = scr_sync_headline(st, s, false, text, sizeof text);
    int h = 2 * lh + gap + (s->failing && s->error[0] ? lh : 0);
    UiRect r = ui__rect_make(area.x, area.y, area.w, h);
    ui__panel(dl, st, r, tone);
    int x = r.x + pad + gap;
    int w = r.w - 2 * pad - gap;
    int y = r.y + gap / 2;
    ui__label(dl, st, "sync.state", ui__rect_make(x, y, w, lh), UI_FONT_BODY,
              tone == UI_TONE_WARN ? UI_COL_WARN : UI_COL_TEXT, UI_ALIGN_LEFT, text);
    y += lh;
    /* what waits, and which machine this is */
    scr_sync_waiting(st, s, false, line, sizeof line);
    char dev[UI_TEXT_MAX];
    ui_format(dev, sizeof dev, ui_t(st, UI_MSG_SYNC_DEVICE), s->device, s->centre);
    ui__sprintf(text, sizeof text, "%s  \xC2\xB7  %s", line, dev);
    ui__label(dl, st, "sync.waiting", ui__rect_make(x, y, w, lh), UI_FONT_SMALL, UI_COL_MUTED,
              UI_ALIGN_LEFT, text);
    y += lh;
    if (s->failing && s->error[0]) {
        ui_format(text, sizeof text, ui_t(st, UI_MSG_SYNC_ERROR), s->error, NULL);
        ui__label(dl, st, "sync.error", ui__rect_make(x, y, w, lh), UI_FONT_SMALL, UI_COL_MUTED,
                  UI_ALIGN_LEFT, text);
    }
    return h;
}

/* One conflict in area: the item (or the person merged), then what can be done. */
static void view_conflict(const UiState *st, UiDrawList *dl, UiRect area, const UiConflict *c)
{
    const ScrSync *s = &st->sync;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = area.x;
    int w = area.w;
    int y = area.y;
    char text[UI_TEXT_MAX];
    char when[UI_TEXT_MAX];
    if (c->merge) {
        UiRect r = ui__rect_make(x, y, w, ui__px(st, 150));
        ui__panel(dl, st, r, UI_TONE_INFO);
        int ix = r.x + pad + gap;
        int iw = r.w - 2 * pad - gap;
        int iy = r.y + gap;
        ui__label(dl, st, "sync.merge_tag", ui__rect_make(ix, iy, iw, ui__px(st, 28)),
                  UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_SYNC_MERGE_TAG));
        iy += ui__px(st, 28);
        ui__sprintf(text, sizeof text, "%s (%s)", c->older.who, c->older.card);
        ui__label(dl, st, "sync.person", ui__rect_make(ix, iy, iw, ui__px(st, 40)), UI_FONT_LARGE,
                  UI_COL_TEXT, UI_ALIGN_LEFT, text);
        iy += ui__px(st, 40);
        ui__label(dl, st, "sync.merge", ui__rect_make(ix, iy, iw, ui__px(st, 30)), UI_FONT_BODY,
                  UI_COL_TEXT, UI_ALIGN_LEFT, ui_t(st, UI_MSG_SYNC_MERGE));
        iy += ui__px(st, 30);
        when_at(st, c->at, when, sizeof when);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_SYNC_MERGED_AT), when, NULL);
        ui__label(dl, st, "sync.merge_at", ui__rect_make(ix, iy, iw, ui__px(st, 28)), UI_FONT_SMALL,
                  UI_COL_MUTED, UI_ALIGN_LEFT, text);
        return;
    }
    /* the item, and why it is here */
    ui__sprintf(text, sizeof text, "%s  %s", c->code, c->name);
    ui__label(dl, st, "sync.item", ui__rect_make(x, y, w, ui__px(st, 36)), UI_FONT_LARGE,
              UI_COL_TEXT, UI_ALIGN_LEFT, text);
    y += ui__px(st, 36);
    ui__label(dl, st, "sync.double", ui__rect_make(x, y, w, ui__px(st, 26)), UI_FONT_SMALL,
              UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_SYNC_DOUBLE));
    y += ui__px(st, 26) + gap;
    /* the two loans side by side */
    int lh = ui__px(st, 96);
    UiLayout lay = ui__layout(ui__rect_make(x, y, w, lh), gap);
    ui__row(&lay, 2, (int[]){0, 0}, lh);
    view_loan(st, dl, ui__next(&lay), "sync.first", UI_MSG_SYNC_FIRST, &c->older);
    view_loan(st, dl, ui__next(&lay), "sync.second", UI_MSG_SYNC_SECOND, &c->newer);
    y += lh + gap;
    int bottom = area.y + area.h;
    if (s->scanning) {
        /* "scan the item Kari has": the scan settles it; Cancel goes back to the question */
        int cw = ui__px(st, 200);
        UiRect r = ui__rect_make(x, y, w - cw - gap, bottom - y);
        ui__panel(dl, st, r, UI_TONE_INFO);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_SYNC_SCAN_OTHER), c->older.who, NULL);
        ui__label(dl, st, "sync.scan_other",
                  ui__rect_make(r.x + pad + gap, r.y + gap / 2, r.w - 2 * pad - gap, r.h / 2),
                  UI_FONT_LARGE, UI_COL_BUTTON, UI_ALIGN_LEFT, text);
        ui__label(dl, st, "sync.scan_why",
                  ui__rect_make(r.x + pad + gap, r.y + r.h / 2, r.w - 2 * pad - gap, r.h / 2),
                  UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_SYNC_SCAN_WHY));
        ui__button(dl, st, "sync.cancel", ui__rect_make(x + w - cw, y, cw, bottom - y),
                   ui_t(st, UI_MSG_COMMON_CANCEL), UI_STYLE_SECONDARY);
        return;
    }
    ui__label(dl, st, "sync.ask", ui__rect_make(x, y, w, ui__px(st, 30)), UI_FONT_BODY, UI_COL_TEXT,
              UI_ALIGN_LEFT, ui_t(st, UI_MSG_SYNC_ASK));
    y += ui__px(st, 30) + gap / 2;
    int bh = bottom - y < touch ? touch : bottom - y;
    UiLayout bl = ui__layout(ui__rect_make(x, y, w, bh), gap);
    ui__row(&bl, 2, (int[]){0, 0}, bh);
    ui__button(dl, st, "sync.returned", ui__next(&bl), ui_t(st, UI_MSG_SYNC_RETURNED), UI_STYLE_OK);
    ui__button(dl, st, "sync.other", ui__next(&bl), ui_t(st, UI_MSG_SYNC_OTHER), UI_STYLE_PRIMARY);
}

/* A loan in its box: the heading, who (card), when and on which machine. */
static void view_loan(const UiState *st, UiDrawList *dl, UiRect r, const char *id, UiMsg head,
                      const UiConflictLoan *l)
{
    int pad = ui__px(st, 12);
    int lh = (r.h - pad) / 3;
    char wid[UI_ID_MAX];
    char text[UI_TEXT_MAX];
    char when[UI_TEXT_MAX];
    ui__fill(dl, r, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, r, ui__col(st, UI_COL_FRAME), 1);
    int x = r.x + pad;
    int w = r.w - 2 * pad;
    int y = r.y + pad / 2;
    ui__label(dl, st, NULL, ui__rect_make(x, y, w, lh), UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT,
              ui_t(st, head));
    y += lh;
    ui__sprintf(text, sizeof text, "%s (%s)", l->who, l->card);
    ui__sprintf(wid, sizeof wid, "%s.who", id);
    ui__label(dl, st, wid, ui__rect_make(x, y, w, lh), UI_FONT_BODY, UI_COL_TEXT, UI_ALIGN_LEFT,
              text);
    y += lh;
    when_at(st, l->at, when, sizeof when);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_SYNC_LOAN_WHEN), when, l->device);
    ui__sprintf(wid, sizeof wid, "%s.when", id);
    ui__label(dl, st, wid, ui__rect_make(x, y, w, lh), UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT,
              text);
}

/* "9. mars kl. 10.15" */
static void when_at(const UiState *st, UiWhen w, char *buf, size_t size)
{
    char day[UI_DATE_MAX];
    char hm[16];
    char hh[8];
    char mm[8];
    ui_date_text(st, w.day, false, day, sizeof day);
    ui__sprintf(hh, sizeof hh, "%02d", w.min / 60 % 24);
    ui__sprintf(mm, sizeof mm, "%02d", w.min % 60);
    ui_format(hm, sizeof hm, ui_t(st, UI_MSG_SYNC_TIME), hh, mm);
    ui_format(buf, size, ui_t(st, UI_MSG_SYNC_AT), day, hm);
}

static void load(UiEffects *fx)
{
    ui__fx(fx, UI_FX_SYNC_STATUS);
    ui__fx(fx, UI_FX_CONFLICTS);
}

static void resolve(UiState *st, bool returned, const char *other, UiEffects *fx)
{
    const UiConflict *c = &st->sync.c[st->sync.at];
    UiFx *f = ui__fx(fx, UI_FX_RESOLVE);
    f->resolve.id = c->id;
    f->resolve.returned = returned;
    ui__copy(f->resolve.other, sizeof f->resolve.other, other);
    f->resolve.staff_id = ui__staff_id(st);
    st->sync.sent = true;
}
