/* Stocktake: scan a shelf or zone label (or pick the whole centre), then every item on it; a
 * live count of expected against found; at the end every line of the result, in pages, grouped
 * with the groups that need action first (missing, misplaced, lent, unknown, then found), and
 * "mark missing" for the missing ones. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void audit_enter(UiState *st, const void *args, UiEffects *fx);
static void audit_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void audit_view(const UiState *st, UiDrawList *dl, UiRect area);
static UiMsg kind_msg(UiAuditKind k);
static int kind_rank(UiAuditKind k);
static int page_rows(const UiState *st, UiRect area);
static int page_count(const UiState *st, int rows);

/* what each kind of scan is called, and the tone it gets */
static const struct {
    UiMsg msg;
    UiSound sound;
} kinds[UI_AUDIT_COUNT] = {
#define UI_AUDIT_ROW(name, msg, sound) [UI_AUDIT_##name] = {UI_MSG_##msg, UI_SOUND_##sound},
    UI_AUDIT_KIND_MAP(UI_AUDIT_ROW)
#undef UI_AUDIT_ROW
};
static void start(UiState *st, const char *zone, UiEffects *fx);

const UiScreen scr_audit = {
    .enter = audit_enter,
    .update = audit_update,
    .view = audit_view,
    .title_msg = UI_MSG_AUDIT_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args: a new count */
static void audit_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    (void)fx;
    st->audit.stage = UI_AUDIT_ZONE;
    st->audit.id = 0;
    st->audit.zone[0] = '\0';
    st->audit.last[0] = '\0';
    memset(&st->audit.count, 0, sizeof st->audit.count);
    st->audit.n_lines = 0;
    st->audit.page = 0;
    st->audit.missing = 0;
    st->audit.marked = false;
    st->audit.confirm = false;
}

static void audit_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (st->session.role != UI_ROLE_LEADER) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.back") == 0) {
        /* a count under way stays open in the store (bua-admin audit finish closes it) */
        ui__go(st, UI_SCR_LEADER, NULL, fx);
        return;
    }
    switch (st->audit.stage) {
    case UI_AUDIT_ZONE:
        if (ev->kind == UI_EV_SCAN)
            start(st, ev->scan.code, fx);
        else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.whole") == 0)
            start(st, "", fx);
        else if (ev->kind == UI_EV_AUDIT && ev->h.result == UI_R_OK) {
            st->audit.id = ev->audit.audit_id;
            st->audit.count = ev->audit.count;
            st->audit.stage = UI_AUDIT_SCANNING;
            ui__sound(st, fx, UI_SOUND_OK);
        } else if (ev->kind == UI_EV_AUDIT && ev->h.result == UI_R_EXISTS) {
            /* the label scanned is an item's, not a shelf's */
            ui__toastf(st, UI_TONE_BAD, UI_MSG_AUDIT_NOT_ZONE, st->audit.zone, NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
        } else if (ev->kind == UI_EV_AUDIT && ev->h.result != UI_R_STORE) {
            ui__toast(st, UI_TONE_BAD, ui__reason(st, ev->h.result));
        }
        break;
    case UI_AUDIT_SCANNING:
        if (ev->kind == UI_EV_SCAN && ev->scan.code[0]) {
            UiFx *f = ui__fx(fx, UI_FX_AUDIT_SCAN);
            f->audit_scan.audit_id = st->audit.id;
            ui__copy(f->audit_scan.code, sizeof f->audit_scan.code, ev->scan.code);
        } else if (ev->kind == UI_EV_AUDIT) {
            if (ev->h.result != UI_R_OK) {
                if (ev->h.result != UI_R_STORE)
                    ui__toast(st, UI_TONE_BAD, ui__reason(st, ev->h.result));
                break;
            }
            st->audit.count = ev->audit.count;
            ui__copy(st->audit.last, sizeof st->audit.last, ev->audit.code);
            st->audit.last_kind = ev->audit.audit_kind;
            st->audit.item = ev->audit.item;
            if ((unsigned)ev->audit.audit_kind < UI_AUDIT_COUNT)
                ui__sound(st, fx, kinds[ev->audit.audit_kind].sound);
        } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.finish") == 0) {
            UiFx *f = ui__fx(fx, UI_FX_AUDIT_FINISH);
            f->audit_finish.id = st->audit.id;
        } else if (ev->kind == UI_EV_AUDIT_REPORT && ev->h.result == UI_R_OK) {
            /* the lines follow in UI_EV_AUDIT_PART */
            st->audit.n_lines = 0;
            st->audit.page = 0;
            st->audit.missing = ev->audit_report.missing; /* all, even past UI_AUDIT_LINES */
            st->audit.count = ev->audit_report.count;
            st->audit.marked = false;
            st->audit.confirm = false;
            st->audit.stage = UI_AUDIT_RESULT;
        }
        break;
    case UI_AUDIT_RESULT:
        if (ev->kind == UI_EV_AUDIT_PART) {
            const UiEvAuditPart *p = &ev->audit_part;
            for (int i = 0; i < p->n && st->audit.n_lines < UI_AUDIT_LINES; i++) {
                /* insert after the last line of the same or a more urgent group */
                int k = st->audit.n_lines;
                while (k > 0 &&
                       kind_rank(st->audit.lines[k - 1].kind) > kind_rank(p->line[i].kind)) {
                    st->audit.lines[k] = st->audit.lines[k - 1];
                    k--;
                }
                st->audit.lines[k] = p->line[i];
                st->audit.n_lines++;
            }
        } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.next") == 0) {
            UiRect area = ui__rect_make(0, ui__bar_h(st), st->w, st->h - ui__bar_h(st));
            if (st->audit.page + 1 < page_count(st, page_rows(st, area)))
                st->audit.page++;
        } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.prev") == 0) {
            if (st->audit.page > 0)
                st->audit.page--;
        } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.mark") == 0 &&
                   !st->audit.marked && st->audit.missing > 0 && !st->audit.confirm) {
            st->audit.confirm = true; /* marking cannot be undone here: ask for a second tap */
        } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.mark") == 0 &&
                   !st->audit.marked && st->audit.missing > 0) {
            st->audit.confirm = false;
            UiFx *f = ui__fx(fx, UI_FX_MARK_MISSING);
            f->mark_missing.audit_id = st->audit.id;
            f->mark_missing.staff_id = ui__staff_id(st);
        } else if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "audit.new") == 0) {
            audit_enter(st, NULL, fx);
        } else if (ev->kind == UI_EV_DONE && ev->done.of == UI_FX_MARK_MISSING &&
                   ev->h.result == UI_R_OK) {
            char n[16];
            ui__sprintf(n, sizeof n, "%d", ev->done.marked);
            ui__toastf(st, UI_TONE_OK, UI_MSG_AUDIT_MARKED, n, NULL);
            st->audit.marked = true;
        }
        break;
    }
}

static void audit_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    char text[UI_TEXT_MAX];
    char a[16];
    char b[16];
    int y = area.y + pad;
    int bw = ui__px(st, 220);
    int by = area.y + area.h - touch - pad;
    ui__button(dl, st, "audit.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    if (st->audit.stage == UI_AUDIT_ZONE) {
        UiRect r = ui__rect_make(pad * 3, area.y + area.h / 4, area.w - 6 * pad, ui__px(st, 90));
        ui__panel(dl, st, r, UI_TONE_INFO);
        ui__label(dl, st, "audit.zone", r, UI_FONT_TITLE, UI_COL_BUTTON, UI_ALIGN_CENTER,
                  ui_t(st, UI_MSG_AUDIT_ZONE));
        int ww = ui__px(st, 320);
        ui__button(dl, st, "audit.whole",
                   ui__rect_make((area.w - ww) / 2, r.y + r.h + 2 * pad, ww, touch),
                   ui_t(st, UI_MSG_AUDIT_WHOLE), UI_STYLE_SECONDARY);
        return;
    }
    const char *zone = st->audit.zone[0] ? st->audit.zone : ui_t(st, UI_MSG_AUDIT_WHOLE);
    ui_format(
        text, sizeof text,
        ui_t(st, st->audit.stage == UI_AUDIT_RESULT ? UI_MSG_AUDIT_REPORT : UI_MSG_AUDIT_COUNTING),
        zone, NULL);
    ui__label(dl, st, "audit.counting", ui__rect_make(pad, y, area.w / 2, ui__px(st, 40)),
              UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
    ui__sprintf(a, sizeof a, "%d", st->audit.count.found);
    ui__sprintf(b, sizeof b, "%d", st->audit.count.expected);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_AUDIT_FOUND), a, b);
    if (st->audit.stage == UI_AUDIT_SCANNING) {
        y += ui__px(st, 50);
        UiRect big = ui__rect_make(pad, y, area.w - 2 * pad, ui__px(st, 90));
        ui__panel(dl, st, big,
                  st->audit.count.found == st->audit.count.expected ? UI_TONE_OK : UI_TONE_INFO);
        ui__label(dl, st, "audit.found", ui__inset(big, gap), UI_FONT_HUGE, UI_COL_TEXT,
                  UI_ALIGN_CENTER, text);
        y += ui__px(st, 100);
        ui__sprintf(a, sizeof a, "%d", st->audit.count.misplaced);
        ui__sprintf(b, sizeof b, "%d", st->audit.count.lent);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_AUDIT_OTHER), a, b);
        ui__label(dl, st, "audit.other", ui__rect_make(pad, y, area.w / 2 - pad, ui__px(st, 40)),
                  UI_FONT_LARGE, UI_COL_WARN, UI_ALIGN_LEFT, text);
        ui__sprintf(a, sizeof a, "%d", st->audit.count.unknown);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_AUDIT_UNKNOWN_N), a, NULL);
        ui__label(dl, st, "audit.unknown",
                  ui__rect_make(area.w / 2, y, area.w / 2 - pad, ui__px(st, 40)), UI_FONT_LARGE,
                  UI_COL_BAD, UI_ALIGN_RIGHT, text);
        y += ui__px(st, 52);
        if (st->audit.last[0]) {
            UiTone tone = st->audit.last_kind == UI_AUDIT_FOUND     ? UI_TONE_OK
                          : st->audit.last_kind == UI_AUDIT_UNKNOWN ? UI_TONE_BAD
                                                                    : UI_TONE_WARN;
            UiRect r = ui__rect_make(pad, y, area.w - 2 * pad, touch);
            ui__panel(dl, st, r, tone);
            if (st->audit.last_kind != UI_AUDIT_UNKNOWN && st->audit.item.name[0])
                ui__sprintf(text, sizeof text, "%s  %s: %s", st->audit.last, st->audit.item.name,
                            ui_t(st, kind_msg(st->audit.last_kind)));
            else
                ui__sprintf(text, sizeof text, "%s: %s", st->audit.last,
                            ui_t(st, kind_msg(st->audit.last_kind)));
            if (st->audit.last_kind == UI_AUDIT_MISPLACED && st->audit.item.location[0]) {
                char where[UI_TEXT_MAX];
                ui_format(where, sizeof where, ui_t(st, UI_MSG_AUDIT_BELONGS),
                          st->audit.item.location, NULL);
                ui__append(text, sizeof text, " (");
                ui__append(text, sizeof text, where);
                ui__append(text, sizeof text, ")");
            }
            ui__label(dl, st, "audit.last",
                      ui__rect_make(r.x + ui__px(st, 20), r.y, r.w - ui__px(st, 30), r.h),
                      UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_LEFT, text);
            y += touch + gap;
        }
        /* the instruction stays while counting */
        ui__label(dl, st, "audit.scan", ui__rect_make(pad, y, area.w - 2 * pad, touch),
                  UI_FONT_LARGE, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_AUDIT_SCAN));
        int fw = ui__px(st, 300);
        ui__button(dl, st, "audit.finish", ui__rect_make(area.w - fw - pad, by, fw, touch),
                   ui_t(st, UI_MSG_AUDIT_FINISH), UI_STYLE_PRIMARY);
        return;
    }
    /* result */
    ui__label(dl, st, "audit.found", ui__rect_make(area.w / 2, y, area.w / 2 - pad, ui__px(st, 40)),
              UI_FONT_LARGE, UI_COL_TEXT, UI_ALIGN_RIGHT, text);
    y += ui__px(st, 48);
    if (st->audit.n_lines == 0) {
        ui__label(dl, st, "audit.all_found", ui__rect_make(pad, y, area.w - 2 * pad, touch),
                  UI_FONT_LARGE, UI_COL_OK, UI_ALIGN_LEFT, ui_t(st, UI_MSG_AUDIT_ALL_FOUND));
    }
    int row = ui__px(st, 40);
    int rows = page_rows(st, area);
    int pages = page_count(st, rows);
    int page = st->audit.page < pages ? st->audit.page : pages - 1;
    int first = page * rows;
    for (int i = first; i < st->audit.n_lines && i < first + rows; i++) {
        const UiAuditLine *l = &st->audit.lines[i];
        UiColorId c = l->kind == UI_AUDIT_MISSING   ? UI_COL_BAD
                      : l->kind == UI_AUDIT_UNKNOWN ? UI_COL_BAD
                      : l->kind == UI_AUDIT_FOUND   ? UI_COL_OK
                                                    : UI_COL_WARN;
        char id[UI_ID_MAX];
        if (i == first || st->audit.lines[i - 1].kind != l->kind) { /* a group starts */
            int n = 0;
            for (int k = 0; k < st->audit.n_lines; k++)
                n += st->audit.lines[k].kind == l->kind;
            ui__sprintf(a, sizeof a, "%d", n);
            ui_format(text, sizeof text, ui_t(st, UI_MSG_AUDIT_GROUP), ui_t(st, kind_msg(l->kind)),
                      a);
            ui__sprintf(id, sizeof id, "audit.kind.%d", i);
            ui__label(dl, st, id, ui__rect_make(pad, y, ui__px(st, 250), row), UI_FONT_BODY, c,
                      UI_ALIGN_LEFT, text);
        }
        ui__sprintf(id, sizeof id, "audit.line.%d", i);
        ui__sprintf(text, sizeof text, "%s  %s", l->code, l->name);
        if (l->kind == UI_AUDIT_MISPLACED && l->location[0]) {
            char where[UI_TEXT_MAX];
            ui_format(where, sizeof where, ui_t(st, UI_MSG_AUDIT_BELONGS), l->location, NULL);
            ui__append(text, sizeof text, "  (");
            ui__append(text, sizeof text, where);
            ui__append(text, sizeof text, ")");
        }
        ui__label(dl, st, id,
                  ui__rect_make(pad + ui__px(st, 260), y, area.w - 2 * pad - ui__px(st, 260), row),
                  UI_FONT_BODY, UI_COL_TEXT, UI_ALIGN_LEFT, text);
        y += row;
    }
    if (pages > 1) { /* the pager, above the bottom buttons */
        int py = by - gap - touch;
        int pw = ui__px(st, 220);
        ui__sprintf(a, sizeof a, "%d", page + 1);
        ui__sprintf(b, sizeof b, "%d", pages);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_AUDIT_PAGE), a, b);
        ui__button(dl, st, "audit.prev", ui__rect_make(pad, py, pw, touch),
                   ui_t(st, UI_MSG_AUDIT_PREV), page > 0 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        ui__label(dl, st, "audit.page",
                  ui__rect_make(pad + pw, py, area.w - 2 * pad - 2 * pw, touch), UI_FONT_BODY,
                  UI_COL_TEXT, UI_ALIGN_CENTER, text);
        ui__button(dl, st, "audit.next", ui__rect_make(area.w - pad - pw, py, pw, touch),
                   ui_t(st, UI_MSG_AUDIT_NEXT),
                   page + 1 < pages ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    }
    int mw = ui__px(st, 300);
    if (st->audit.missing > 0 && !st->audit.marked) {
        ui__sprintf(a, sizeof a, "%d", st->audit.missing);
        ui_format(text, sizeof text,
                  ui_t(st, st->audit.confirm ? UI_MSG_AUDIT_MARK_CONFIRM : UI_MSG_AUDIT_MARK), a,
                  NULL);
        if (st->audit.confirm)
            mw = ui__px(st, 420);
        ui__button(dl, st, "audit.mark", ui__rect_make(area.w - mw - pad, by, mw, touch), text,
                   UI_STYLE_DANGER);
    }
    ui__button(dl, st, "audit.new", ui__rect_make(pad, by, bw, touch), ui_t(st, UI_MSG_AUDIT_NEW),
               UI_STYLE_PRIMARY);
}

static void start(UiState *st, const char *zone, UiEffects *fx)
{
    ui__copy(st->audit.zone, sizeof st->audit.zone, zone);
    UiFx *f = ui__fx(fx, UI_FX_AUDIT_START);
    ui__copy(f->audit_start.zone, sizeof f->audit_start.zone, zone);
    f->audit_start.staff_id = ui__staff_id(st);
}

/* Result lines that fit on one page: below the heading, above the pager and the buttons. */
static int page_rows(const UiState *st, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int top = area.y + pad + ui__px(st, 48);
    int bottom = area.y + area.h - touch - pad - gap - touch - gap;
    int rows = (bottom - top) / ui__px(st, 40);
    return rows > 0 ? rows : 1;
}

static int page_count(const UiState *st, int rows)
{
    int pages = (st->audit.n_lines + rows - 1) / rows;
    return pages > 0 ? pages : 1;
}

/* The order of the result's groups: what needs action first. */
static int kind_rank(UiAuditKind k)
{
    switch (k) {
    case UI_AUDIT_MISSING:
        return 0;
    case UI_AUDIT_MISPLACED:
        return 1;
    case UI_AUDIT_LENT:
        return 2;
    case UI_AUDIT_UNKNOWN:
        return 3;
    case UI_AUDIT_FOUND:
        return 4;
    default:
        return 5;
    }
}

static UiMsg kind_msg(UiAuditKind k)
{
    return (unsigned)k < UI_AUDIT_COUNT ? kinds[k].msg : UI_MSG_AUDIT_K_FOUND;
}
