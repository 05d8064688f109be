/* The repair queue: a list of the items in repair (oldest first, a page at a time), then one
 * item with its latest notes and the steps a trainee or leader may take. The store records who
 * and when; the screen only asks (UI_FX_REPAIRS, REPAIR_ITEM, REPAIR_STEP) and shows. A scanned
 * item opens it when it is in repair. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void repairs_enter(UiState *st, const void *args, UiEffects *fx);
static void repairs_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void repairs_view(const UiState *st, UiDrawList *dl, UiRect area);
static bool repairs_wants_text(const UiState *st);
static void open_item(UiState *st, const char *code, UiEffects *fx);
static void ask_step(UiState *st, UiRepairStep step, UiEffects *fx);
static void on_done(UiState *st, const UiEvDone *d, UiEffects *fx);
static void go_back(UiState *st, UiEffects *fx);
static int page_rows(const UiState *st);
static void view_list(const UiState *st, UiDrawList *dl, UiRect area);
static void view_item(const UiState *st, UiDrawList *dl, UiRect area);
static void view_write(const UiState *st, UiDrawList *dl, UiRect area);
static void view_retire(const UiState *st, UiDrawList *dl, UiRect area);
static void days_text(const UiState *st, int days, char *buf, size_t size);

const UiScreen scr_repairs = {
    .enter = repairs_enter,
    .update = repairs_update,
    .view = repairs_view,
    .wants_text = repairs_wants_text,
    .title_msg = UI_MSG_REPAIRS_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

static const UiMsg step_msgs[UI_REPAIR_COUNT] = {
#define REPAIRS_STEP_MSG(name, msg) [UI_REPAIR_##name] = UI_MSG_##msg,
    UI_REPAIR_STEP_MAP(REPAIRS_STEP_MSG)
#undef REPAIRS_STEP_MSG
};

static const UiMsg reason_msgs[UI_RETIRE_COUNT] = {
#define REPAIRS_REASON_MSG(name, msg) [UI_RETIRE_##name] = UI_MSG_##msg,
    UI_RETIRE_REASON_MAP(REPAIRS_REASON_MSG)
#undef REPAIRS_REASON_MSG
};

/* the tabs of the workshop, shared with scr_jobs.c by their ids */
#define TAB_REPAIRS "repairs.tab"
#define TAB_JOBS "jobs.tab"

/* no args: the queue */
static void repairs_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    ScrRepairs *r = &st->repairs;
    memset(r, 0, sizeof *r);
    r->stage = UI_REPAIRS_LIST;
    r->reason = -1;
    ui__fx(fx, UI_FX_REPAIRS);
}

static bool repairs_wants_text(const UiState *st)
{
    return st->repairs.stage == UI_REPAIRS_WRITE;
}

static void repairs_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrRepairs *r = &st->repairs;
    if (!st->session.staff.id) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    switch (ev->kind) {
    case UI_EV_REPAIRS:
        if (ev->h.result == UI_R_OK) {
            r->n = 0; /* the rows follow in UI_EV_REPAIR_PART */
            r->total = ev->repairs.total;
            r->loaded = true;
            if (r->first >= r->total)
                r->first = 0;
        }
        return;
    case UI_EV_REPAIR_PART:
        for (int i = 0; i < ev->repair_part.n && r->n < UI_REPAIRS_MAX; i++)
            r->rows[r->n++] = ev->repair_part.row[i];
        return;
    case UI_EV_REPAIR_ITEM:
        if (ev->h.result == UI_R_OK) {
            const UiEvRepairItem *it = &ev->repair_item;
            if (strcmp(it->row.code, r->item.code) != 0 || r->stage == UI_REPAIRS_LIST) {
                r->note.text[0] = '\0'; /* another item: a fresh note */
                r->reason = -1;
            }
            r->item = it->row;
            r->n_notes = it->n_notes;
            memcpy(r->notes, it->notes, sizeof r->notes);
            r->total_notes = it->total_notes;
            r->item_loaded = true;
            if (r->stage == UI_REPAIRS_LIST)
                r->stage = UI_REPAIRS_ITEM;
        } else if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_REPAIRS_NOT_HERE, ev->repair_item.code,
                       ui__reason(st, ev->h.result));
            ui__sound(st, fx, UI_SOUND_REFUSED);
        }
        return;
    case UI_EV_DONE:
        if (ev->done.of == UI_FX_REPAIR_STEP)
            on_done(st, &ev->done, fx);
        return;
    case UI_EV_SCAN:
        if (r->stage == UI_REPAIRS_LIST || r->stage == UI_REPAIRS_ITEM) {
            r->stage = UI_REPAIRS_LIST;
            open_item(st, ev->scan.code, fx);
        }
        return;
    default:
        break;
    }
    if (ev->kind == UI_EV_PRESS) {
        const char *id = ev->press.id;
        if (strcmp(id, "repairs.back") == 0) {
            go_back(st, fx);
            return;
        }
        if (strcmp(id, TAB_JOBS) == 0) {
            ui__go(st, UI_SCR_JOBS, NULL, fx);
            return;
        }
    }
    switch (r->stage) {
    case UI_REPAIRS_LIST: {
        if (ev->kind != UI_EV_PRESS)
            return;
        int rows = page_rows(st);
        int i = ui__index(ev->press.id, "repairs.row.");
        if (i >= 0 && r->first + i < r->n) {
            open_item(st, r->rows[r->first + i].code, fx);
        } else if (strcmp(ev->press.id, "repairs.page_next") == 0 && r->first + rows < r->n) {
            r->first += rows;
        } else if (strcmp(ev->press.id, "repairs.page_prev") == 0 && r->first > 0) {
            r->first = r->first > rows ? r->first - rows : 0;
        }
        return;
    }
    case UI_REPAIRS_ITEM:
        if (ev->kind != UI_EV_PRESS || !r->item_loaded || st->busy)
            return;
        if (strcmp(ev->press.id, "repairs.write") == 0) {
            r->stage = UI_REPAIRS_WRITE;
        } else if (strcmp(ev->press.id, "repairs.ready") == 0) {
            ask_step(st, UI_REPAIR_READY, fx);
        } else if (strcmp(ev->press.id, "repairs.wait") == 0) {
            ask_step(st, UI_REPAIR_WAIT, fx);
        } else if (strcmp(ev->press.id, "repairs.save") == 0) {
            if (r->note.text[0])
                ask_step(st, UI_REPAIR_NOTE, fx);
            else
                r->stage = UI_REPAIRS_WRITE; /* nothing written yet: write it first */
        } else if (strcmp(ev->press.id, "repairs.retire") == 0) {
            r->reason = -1;
            r->stage = UI_REPAIRS_RETIRE;
        }
        return;
    case UI_REPAIRS_WRITE: {
        bool enter = false;
        if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "repairs.write_done") == 0)
            enter = true;
        else
            ui__keyboard_event(st, ev, &r->note, &enter);
        if (enter)
            r->stage = UI_REPAIRS_ITEM;
        return;
    }
    case UI_REPAIRS_RETIRE:
        if (ev->kind != UI_EV_PRESS || st->busy)
            return;
        int i = ui__index(ev->press.id, "repairs.reason.");
        if (i >= 0 && i < UI_RETIRE_COUNT)
            r->reason = i;
        else if (strcmp(ev->press.id, "repairs.retire_go") == 0 && r->reason >= 0)
            ask_step(st, UI_REPAIR_RETIRED, fx);
        return;
    }
}

static void open_item(UiState *st, const char *code, UiEffects *fx)
{
    UiFx *f = ui__fx(fx, UI_FX_REPAIR_ITEM);
    ui__copy(f->repair_item.code, sizeof f->repair_item.code, code);
    st->repairs.item_loaded = false;
}

static void ask_step(UiState *st, UiRepairStep step, UiEffects *fx)
{
    ScrRepairs *r = &st->repairs;
    UiFx *f = ui__fx(fx, UI_FX_REPAIR_STEP);
    ui__copy(f->repair_step.code, sizeof f->repair_step.code, r->item.code);
    f->repair_step.step = step;
    f->repair_step.reason = r->reason >= 0 ? (UiRetireReason)r->reason : UI_RETIRE_OTHER;
    ui__copy(f->repair_step.note, sizeof f->repair_step.note, r->note.text);
    f->repair_step.staff_id = ui__staff_id(st);
    r->asked = step;
}

/* A step was taken: said in a hint; made available or retired, back to the queue; else the
 * item again with its notes. */
static void on_done(UiState *st, const UiEvDone *d, UiEffects *fx)
{
    ScrRepairs *r = &st->repairs;
    if (d->h.result == UI_R_STORE)
        return;
    if (d->h.result != UI_R_OK) {
        ui__toastf(st, UI_TONE_BAD, UI_MSG_REPAIRS_NOT_HERE, d->code, ui__reason(st, d->h.result));
        ui__sound(st, fx, UI_SOUND_REFUSED);
        r->stage = UI_REPAIRS_LIST;
        ui__fx(fx, UI_FX_REPAIRS);
        return;
    }
    static const UiMsg done_msgs[UI_REPAIR_COUNT] = {
        [UI_REPAIR_NOTE] = UI_MSG_REPAIRS_SAVED,
        [UI_REPAIR_WAIT] = UI_MSG_REPAIRS_WAITING,
        [UI_REPAIR_READY] = UI_MSG_REPAIRS_READY_DONE,
        [UI_REPAIR_RETIRED] = UI_MSG_REPAIRS_RETIRED_DONE,
    };
    ui__toastf(st, UI_TONE_OK, done_msgs[r->asked], r->item.name, NULL);
    ui__sound(st, fx, UI_SOUND_OK);
    r->note.text[0] = '\0';
    if (r->asked == UI_REPAIR_READY || r->asked == UI_REPAIR_RETIRED) {
        r->stage = UI_REPAIRS_LIST;
        r->loaded = false;
        ui__fx(fx, UI_FX_REPAIRS);
    } else {
        r->stage = UI_REPAIRS_ITEM;
        UiFx *f = ui__fx(fx, UI_FX_REPAIR_ITEM);
        ui__copy(f->repair_item.code, sizeof f->repair_item.code, r->item.code);
    }
}

/* "Back": one level up; from the queue to the staff menu. */
static void go_back(UiState *st, UiEffects *fx)
{
    ScrRepairs *r = &st->repairs;
    switch (r->stage) {
    case UI_REPAIRS_LIST:
        ui__go(st, UI_SCR_STAFF, NULL, fx);
        return;
    case UI_REPAIRS_ITEM:
        r->stage = UI_REPAIRS_LIST;
        r->loaded = false;
        ui__fx(fx, UI_FX_REPAIRS);
        return;
    case UI_REPAIRS_WRITE:
    case UI_REPAIRS_RETIRE:
        r->stage = UI_REPAIRS_ITEM;
        return;
    }
}

static void repairs_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    ui__button(dl, st, "repairs.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    switch (st->repairs.stage) {
    case UI_REPAIRS_LIST:
        view_list(st, dl, area);
        break;
    case UI_REPAIRS_ITEM:
        view_item(st, dl, area);
        break;
    case UI_REPAIRS_WRITE:
        view_write(st, dl, area);
        break;
    case UI_REPAIRS_RETIRE:
        view_retire(st, dl, area);
        break;
    }
}

/* The two tabs of the workshop (repairs and bike jobs), the current one selected. */
void scr_workshop_tabs(const UiState *st, UiDrawList *dl, UiRect r, bool jobs)
{
    UiLayout lay = ui__layout(r, ui__px(st, 8));
    ui__row(&lay, 2, (int[]){0, 0}, r.h);
    ui__button(dl, st, TAB_REPAIRS, ui__next(&lay), ui_t(st, UI_MSG_REPAIRS_TAB),
               jobs ? UI_STYLE_SECONDARY : UI_STYLE_SELECTED);
    ui__button(dl, st, TAB_JOBS, ui__next(&lay), ui_t(st, UI_MSG_JOBS_TAB),
               jobs ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
}

static void view_list(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrRepairs *r = &st->repairs;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = area.x + pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    scr_workshop_tabs(st, dl, ui__rect_make(x, y, w, touch), false);
    y += touch + gap;
    if (!r->loaded) {
        ui__label(dl, st, "repairs.working", ui__rect_make(x, y, w, touch), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    int hint_h = ui__px(st, 30);
    char n[16];
    ui__sprintf(n, sizeof n, "%d", r->total);
    ui_format(text, sizeof text,
              ui_t(st, r->total == 0   ? UI_MSG_REPAIRS_NONE
                       : r->total == 1 ? UI_MSG_REPAIRS_ONE
                                       : UI_MSG_REPAIRS_COUNT),
              n, NULL);
    ui__label(dl, st, "repairs.count", ui__rect_make(x, y, w, hint_h), UI_FONT_BODY, UI_COL_MUTED,
              UI_ALIGN_LEFT, text);
    y += hint_h + gap;
    int rows = page_rows(st);
    int name_w = w * 62 / 100;
    for (int i = 0; i < rows && r->first + i < r->n; i++) {
        const UiRepairRow *row = &r->rows[r->first + i];
        char id[UI_ID_MAX];
        UiRect rr = ui__rect_make(x, y, w, touch);
        ui__fill(dl, rr, ui__col(st, row->waiting_parts ? UI_COL_WARN_BG : UI_COL_PANEL));
        ui__frame(dl, rr, ui__col(st, UI_COL_FRAME), 1);
        ui__sprintf(text, sizeof text, "%s  %s", row->name, row->code);
        ui__text(dl, st, ui__rect_make(rr.x + gap, rr.y, name_w - 2 * gap, rr.h / 2 + gap),
                 UI_FONT_BODY, ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, text);
        ui__sprintf(id, sizeof id, "repairs.row.%d", i);
        ui__widget(dl, id, UI_W_ROW, rr, text);
        UiRect nr = ui__rect_make(rr.x + gap, rr.y + rr.h / 2, name_w - 2 * gap, rr.h / 2 - 2);
        ui__sprintf(id, sizeof id, "repairs.note.%d", i);
        ui__label(dl, st, id, nr, UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT,
                  row->note[0] ? row->note : "-");
        days_text(st, row->days, text, sizeof text);
        UiRect dr = ui__rect_make(rr.x + name_w, rr.y, w - name_w - gap, rr.h / 2 + gap);
        ui__sprintf(id, sizeof id, "repairs.days.%d", i);
        ui__label(dl, st, id, dr, UI_FONT_BODY, UI_COL_TEXT, UI_ALIGN_RIGHT, text);
        if (row->waiting_parts) {
            ui__sprintf(id, sizeof id, "repairs.waiting.%d", i);
            ui__label(dl, st, id,
                      ui__rect_make(rr.x + name_w, rr.y + rr.h / 2, w - name_w - gap, rr.h / 2 - 2),
                      UI_FONT_SMALL, UI_COL_WARN, UI_ALIGN_RIGHT,
                      ui_t(st, UI_MSG_REPAIRS_WAITING_MARK));
        }
        y += touch + gap;
    }
    if (r->n > rows) {
        UiRect pr = ui__rect_make(x, area.y + area.h - pad - touch, w, touch);
        UiLayout pl = ui__layout(pr, gap);
        ui__row(&pl, 2, (int[]){0, 0}, touch);
        UiRect prev = ui__next(&pl);
        UiRect next = ui__next(&pl);
        ui__button(dl, st, "repairs.page_prev", prev, ui_t(st, UI_MSG_STAFF_PAGE_PREV),
                   r->first > 0 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        ui__button(dl, st, "repairs.page_next", next, ui_t(st, UI_MSG_STAFF_PAGE_NEXT),
                   r->first + rows < r->n ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    } else if (r->total > 0) {
        ui__label(dl, st, "repairs.hint",
                  ui__rect_make(x, area.y + area.h - pad - hint_h, w, hint_h), UI_FONT_SMALL,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_REPAIRS_HINT));
    }
}

static void view_item(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrRepairs *r = &st->repairs;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = area.x + pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    int lh = ui__px(st, 40);
    int rh = ui__px(st, 32);
    char text[UI_TEXT_MAX];
    if (!r->item_loaded) {
        ui__label(dl, st, "repairs.working", ui__rect_make(x, y, w, lh), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    ui__sprintf(text, sizeof text, "%s  %s", r->item.name, r->item.code);
    ui__label(dl, st, "repairs.item", ui__rect_make(x, y, w, lh), UI_FONT_TITLE, UI_COL_TEXT,
              UI_ALIGN_LEFT, text);
    y += lh;
    char days[64];
    days_text(st, r->item.days, days, sizeof days);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_REPAIRS_SINCE), days, NULL);
    if (r->item.waiting_parts) {
        ui__append(text, sizeof text, "  \xE2\x80\x94  ");
        ui__append(text, sizeof text, ui_t(st, UI_MSG_REPAIRS_WAITING_MARK));
    }
    ui__label(dl, st, "repairs.since", ui__rect_make(x, y, w, rh), UI_FONT_BODY,
              r->item.waiting_parts ? UI_COL_WARN : UI_COL_MUTED, UI_ALIGN_LEFT, text);
    y += rh + gap;

    /* the notes, in a panel */
    int buttons_h = touch;
    int field_h = touch;
    int panel_h = area.y + area.h - pad - buttons_h - gap - field_h - gap - y;
    UiRect panel = ui__rect_make(x, y, w, panel_h);
    ui__fill(dl, panel, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, panel, ui__col(st, UI_COL_FRAME), 1);
    int ny = panel.y + gap / 2;
    int fit = (panel.h - gap) / rh;
    int skip = r->n_notes > fit ? r->n_notes - fit : 0;
    if (r->n_notes == 0)
        ui__label(dl, st, "repairs.no_notes", ui__rect_make(x + pad, ny, w - 2 * pad, rh),
                  UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_REPAIRS_NO_NOTES));
    for (int i = skip; i < r->n_notes; i++) {
        const UiRepairNote *n = &r->notes[i];
        char when[UI_DATE_MAX];
        char what[UI_TEXT_MAX];
        char id[UI_ID_MAX];
        ui_date_text(st, n->at, false, when, sizeof when);
        if (n->step) {
            ui__copy(what, sizeof what, ui_t(st, step_msgs[n->kind]));
            if (n->text[0]) {
                ui__append(what, sizeof what, ": ");
                ui__append(what, sizeof what, n->text);
            }
        } else {
            ui__copy(what, sizeof what, n->text);
        }
        ui__sprintf(text, sizeof text, "%s:  %s", when, what);
        ui__sprintf(id, sizeof id, "repairs.n.%d", i - skip);
        ui__label(dl, st, id, ui__rect_make(x + pad, ny, w - 2 * pad, rh), UI_FONT_BODY,
                  n->step ? UI_COL_TEXT : UI_COL_BAD, UI_ALIGN_LEFT, text);
        ny += rh;
    }
    y += panel_h + gap;
    ui__field(dl, st, "repairs.write", ui__rect_make(x, y, w, field_h),
              ui_t(st, UI_MSG_REPAIRS_WHAT), r->note.text, false);
    y += field_h + gap;
    UiLayout lay = ui__layout(ui__rect_make(x, y, w, buttons_h), gap);
    ui__row(&lay, 4, (int[]){0, 0, 0, 0}, buttons_h);
    ui__button(dl, st, "repairs.ready", ui__next(&lay), ui_t(st, UI_MSG_REPAIRS_READY),
               UI_STYLE_OK);
    ui__button(dl, st, "repairs.wait", ui__next(&lay), ui_t(st, UI_MSG_REPAIRS_WAIT),
               UI_STYLE_PRIMARY);
    ui__button(dl, st, "repairs.save", ui__next(&lay), ui_t(st, UI_MSG_REPAIRS_SAVE),
               UI_STYLE_SECONDARY);
    ui__button(dl, st, "repairs.retire", ui__next(&lay), ui_t(st, UI_MSG_REPAIRS_RETIRE),
               UI_STYLE_DANGER);
}

static void view_write(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int touch = ui__touch(st);
    int lw = area.w * 77 / 100; /* 11 keys of at least 64 px, as on the staff screen */
    int y = area.y + pad;
    ui__field(dl, st, "repairs.note", ui__rect_make(pad, y, lw - pad, touch),
              ui_t(st, UI_MSG_REPAIRS_WHAT), st->repairs.note.text, true);
    int ky = y + touch + pad;
    ui__keyboard(dl, st, ui__rect_make(pad, ky, lw - pad, area.y + area.h - ky - pad), st->shift);
    int rx = lw + pad;
    int rw = area.w - rx - pad;
    ui__label(dl, st, "repairs.write_item", ui__rect_make(rx, y, rw, touch), UI_FONT_BODY,
              UI_COL_MUTED, UI_ALIGN_LEFT, st->repairs.item.name);
    ui__button(dl, st, "repairs.write_done", ui__rect_make(rx, y + touch + pad, rw, touch),
               ui_t(st, UI_MSG_COMMON_DONE), UI_STYLE_PRIMARY);
}

static void view_retire(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrRepairs *r = &st->repairs;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = area.x + pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    int lh = ui__px(st, 40);
    char text[UI_TEXT_MAX];
    ui_format(text, sizeof text, ui_t(st, UI_MSG_REPAIRS_WHY), r->item.name, NULL);
    ui__label(dl, st, "repairs.why", ui__rect_make(x, y, w, lh), UI_FONT_TITLE, UI_COL_TEXT,
              UI_ALIGN_LEFT, text);
    y += lh + gap;
    UiLayout lay = ui__layout(ui__rect_make(x, y, w, 2 * touch + gap), gap);
    ui__row(&lay, 3, (int[]){0, 0, 0}, touch);
    for (int i = 0; i < UI_RETIRE_COUNT; i++) {
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "repairs.reason.%d", i);
        ui__button(dl, st, id, ui__next(&lay), ui_t(st, reason_msgs[i]),
                   r->reason == i ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    }
    y += 2 * (touch + gap);
    if (r->note.text[0]) {
        ui_format(text, sizeof text, ui_t(st, UI_MSG_REPAIRS_NOTE_IS), r->note.text, NULL);
        ui__label(dl, st, "repairs.retire_note", ui__rect_make(x, y, w, lh), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, text);
    }
    int bw = ui__px(st, 320);
    ui__button(dl, st, "repairs.retire_go",
               ui__rect_make(x + w - bw, area.y + area.h - pad - touch, bw, touch),
               ui_t(st, UI_MSG_REPAIRS_RETIRE_GO),
               r->reason >= 0 ? UI_STYLE_DANGER : UI_STYLE_DISABLED);
}

/* "12 dager", "1 dag", "i dag" */
static void days_text(const UiState *st, int days, char *buf, size_t size)
{
    char n[16];
    ui__sprintf(n, sizeof n, "%d", days);
    ui_format(buf, size,
              ui_t(st, days == 0   ? UI_MSG_REPAIRS_TODAY
                       : days == 1 ? UI_MSG_REPAIRS_DAY
                                   : UI_MSG_REPAIRS_DAYS),
              n, NULL);
}

/* Rows of the queue on one page: those that fit under the tabs and the count and above the
 * hint, or above the page buttons when there are more than fit. */
static int page_rows(const UiState *st)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int hint_h = ui__px(st, 30);
    int list_h = st->h - ui__bar_h(st) - 2 * pad - (touch + gap) - (hint_h + gap);
    int rows = (list_h - (hint_h + gap)) / (touch + gap);
    if (st->repairs.n > rows)
        rows = (list_h - touch) / (touch + gap);
    return rows < 1 ? 1 : rows;
}
