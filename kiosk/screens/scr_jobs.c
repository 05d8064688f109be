/* Customer bike jobs: the open jobs (oldest first, a page at a time), one job with the status
 * moves the store allows and buttons that add time worked by the logged-in staff member, a
 * form to take in a new job, and the slip that shows the customer the job number. The store
 * records every change with who and when (UI_FX_JOBS, JOB, JOB_ADD, JOB_CHANGE). */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void jobs_enter(UiState *st, const void *args, UiEffects *fx);
static void jobs_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void jobs_view(const UiState *st, UiDrawList *dl, UiRect area);
static bool jobs_wants_text(const UiState *st);
static void on_job(UiState *st, const UiEvJob *ev, UiEffects *fx);
static void change(UiState *st, int status, int minutes, UiEffects *fx);
static void add_job(UiState *st, UiEffects *fx);
static void go_back(UiState *st, UiEffects *fx);
static int page_rows(const UiState *st);
static void view_list(const UiState *st, UiDrawList *dl, UiRect area);
static void view_job(const UiState *st, UiDrawList *dl, UiRect area);
static void view_new(const UiState *st, UiDrawList *dl, UiRect area);
static void view_slip(const UiState *st, UiDrawList *dl, UiRect area);

const UiScreen scr_jobs = {
    .enter = jobs_enter,
    .update = jobs_update,
    .view = jobs_view,
    .wants_text = jobs_wants_text,
    .title_msg = UI_MSG_JOBS_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

static const UiMsg status_msgs[UI_JOB_COUNT] = {
#define JOBS_STATUS_MSG(name, msg) [UI_JOB_##name] = UI_MSG_##msg,
    UI_JOB_STATUS_MAP(JOBS_STATUS_MSG)
#undef JOBS_STATUS_MSG
};

/* the fields of a new job, in order */
static const UiMsg field_msgs[UI_JOB_FIELDS] = {UI_MSG_JOBS_CUSTOMER, UI_MSG_JOBS_PHONE,
                                                UI_MSG_JOBS_BIKE, UI_MSG_JOBS_WORK};
static const int minutes_offered[] = {15, 30, 60};

/* no args: the open jobs */
static void jobs_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    memset(&st->jobs, 0, sizeof st->jobs);
    st->jobs.stage = UI_JOBS_LIST;
    ui__fx(fx, UI_FX_JOBS);
}

static bool jobs_wants_text(const UiState *st)
{
    return st->jobs.stage == UI_JOBS_NEW;
}

static void jobs_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrJobs *j = &st->jobs;
    if (!st->session.staff.id) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    switch (ev->kind) {
    case UI_EV_JOBS:
        if (ev->h.result == UI_R_OK) {
            j->n = 0; /* the rows follow in UI_EV_JOB_PART */
            j->total = ev->jobs.total;
            j->loaded = true;
            if (j->first >= j->total)
                j->first = 0;
        }
        return;
    case UI_EV_JOB_PART:
        for (int i = 0; i < ev->job_part.n && j->n < UI_JOBS_MAX; i++)
            j->rows[j->n++] = ev->job_part.row[i];
        return;
    case UI_EV_JOB:
        on_job(st, &ev->job, fx);
        return;
    default:
        break;
    }
    if (ev->kind == UI_EV_PRESS) {
        if (strcmp(ev->press.id, "jobs.back") == 0) {
            go_back(st, fx);
            return;
        }
        if (strcmp(ev->press.id, "repairs.tab") == 0) {
            ui__go(st, UI_SCR_REPAIRS, NULL, fx);
            return;
        }
    }
    switch (j->stage) {
    case UI_JOBS_LIST: {
        if (ev->kind != UI_EV_PRESS)
            return;
        int rows = page_rows(st);
        int i = ui__index(ev->press.id, "jobs.row.");
        if (i >= 0 && j->first + i < j->n) {
            UiFx *f = ui__fx(fx, UI_FX_JOB);
            f->job.id = j->rows[j->first + i].id;
            j->job_loaded = false;
            j->stage = UI_JOBS_JOB;
        } else if (strcmp(ev->press.id, "jobs.new") == 0) {
            memset(j->field, 0, sizeof j->field);
            j->focus = 0;
            j->stage = UI_JOBS_NEW;
        } else if (strcmp(ev->press.id, "jobs.page_next") == 0 && j->first + rows < j->n) {
            j->first += rows;
        } else if (strcmp(ev->press.id, "jobs.page_prev") == 0 && j->first > 0) {
            j->first = j->first > rows ? j->first - rows : 0;
        }
        return;
    }
    case UI_JOBS_JOB: {
        if (ev->kind != UI_EV_PRESS || !j->job_loaded || st->busy)
            return;
        int s = ui__index(ev->press.id, "jobs.to.");
        int m = ui__index(ev->press.id, "jobs.time.");
        if (s >= 0 && s < UI_JOB_COUNT && (j->job.next & (1u << s)))
            change(st, s, 0, fx);
        else if (m >= 0 && (size_t)m < sizeof minutes_offered / sizeof minutes_offered[0])
            change(st, -1, minutes_offered[m], fx);
        else if (strcmp(ev->press.id, "jobs.slip") == 0)
            j->stage = UI_JOBS_SLIP;
        return;
    }
    case UI_JOBS_NEW: {
        if (ev->kind == UI_EV_PRESS) {
            int f = ui__index(ev->press.id, "jobs.field.");
            if (f >= 0 && f < UI_JOB_FIELDS) {
                j->focus = f;
                return;
            }
            if (strcmp(ev->press.id, "jobs.save") == 0) {
                add_job(st, fx);
                return;
            }
        }
        bool enter = false;
        ui__keyboard_event(st, ev, &j->field[j->focus], &enter);
        if (enter)
            j->focus = (j->focus + 1) % UI_JOB_FIELDS;
        return;
    }
    case UI_JOBS_SLIP:
        if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "jobs.slip_done") == 0)
            j->stage = UI_JOBS_JOB;
        return;
    }
}

/* A job came: opened, taken in (its slip), or changed (a hint; refused: the reason). */
static void on_job(UiState *st, const UiEvJob *ev, UiEffects *fx)
{
    ScrJobs *j = &st->jobs;
    if (ev->h.result == UI_R_STORE)
        return;
    if (ev->h.result != UI_R_OK) {
        ui__toast(st, UI_TONE_BAD, ui__reason(st, ev->h.result));
        ui__sound(st, fx, UI_SOUND_REFUSED);
        if (ev->of == UI_FX_JOB_CHANGE && ev->job.id == j->job.id)
            j->job = ev->job;
        return;
    }
    j->job = ev->job;
    j->job_loaded = true;
    char num[24];
    ui__sprintf(num, sizeof num, "%lld", (long long)ev->job.id);
    if (ev->of == UI_FX_JOB_ADD) {
        j->stage = UI_JOBS_SLIP;
        ui__sound(st, fx, UI_SOUND_OK);
    } else if (ev->of == UI_FX_JOB_CHANGE) {
        ui__toastf(st, UI_TONE_OK, UI_MSG_JOBS_CHANGED, num, ui_t(st, status_msgs[ev->job.status]));
        ui__sound(st, fx, UI_SOUND_OK);
    } else {
        j->stage = UI_JOBS_JOB;
    }
}

static void change(UiState *st, int status, int minutes, UiEffects *fx)
{
    UiFx *f = ui__fx(fx, UI_FX_JOB_CHANGE);
    f->job_change.id = st->jobs.job.id;
    f->job_change.status = status;
    f->job_change.minutes = minutes;
    f->job_change.staff_id = ui__staff_id(st);
}

/* Takes in the job when the name, the bike and what to do are written; else the first empty
 * one gets the focus and a hint says so. */
static void add_job(UiState *st, UiEffects *fx)
{
    ScrJobs *j = &st->jobs;
    static const int required[] = {0, 2, 3};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++) {
        if (!j->field[required[k]].text[0]) {
            j->focus = required[k];
            ui__toastf(st, UI_TONE_BAD, UI_MSG_JOBS_NEEDS, ui_t(st, field_msgs[required[k]]), NULL);
            ui__sound(st, fx, UI_SOUND_REFUSED);
            return;
        }
    }
    UiFx *f = ui__fx(fx, UI_FX_JOB_ADD);
    ui__copy(f->job_add.customer, sizeof f->job_add.customer, j->field[0].text);
    ui__copy(f->job_add.phone, sizeof f->job_add.phone, j->field[1].text);
    ui__copy(f->job_add.bike, sizeof f->job_add.bike, j->field[2].text);
    ui__copy(f->job_add.work, sizeof f->job_add.work, j->field[3].text);
    f->job_add.staff_id = ui__staff_id(st);
}

/* "Back": one level up; from the list to the staff menu. */
static void go_back(UiState *st, UiEffects *fx)
{
    ScrJobs *j = &st->jobs;
    switch (j->stage) {
    case UI_JOBS_LIST:
        ui__go(st, UI_SCR_STAFF, NULL, fx);
        return;
    case UI_JOBS_JOB:
    case UI_JOBS_NEW:
        j->stage = UI_JOBS_LIST;
        j->loaded = false;
        ui__fx(fx, UI_FX_JOBS);
        return;
    case UI_JOBS_SLIP:
        j->stage = UI_JOBS_JOB;
        return;
    }
}

static void jobs_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    ui__button(dl, st, "jobs.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    switch (st->jobs.stage) {
    case UI_JOBS_LIST:
        view_list(st, dl, area);
        break;
    case UI_JOBS_JOB:
        view_job(st, dl, area);
        break;
    case UI_JOBS_NEW:
        view_new(st, dl, area);
        break;
    case UI_JOBS_SLIP:
        view_slip(st, dl, area);
        break;
    }
}

static void view_list(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrJobs *j = &st->jobs;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = area.x + pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    scr_workshop_tabs(st, dl, ui__rect_make(x, y, w, touch), true);
    y += touch + gap;
    if (!j->loaded) {
        ui__label(dl, st, "jobs.working", ui__rect_make(x, y, w, touch), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    int hint_h = ui__px(st, 30);
    char n[16];
    ui__sprintf(n, sizeof n, "%d", j->total);
    ui_format(text, sizeof text,
              ui_t(st, j->total == 0   ? UI_MSG_JOBS_NONE
                       : j->total == 1 ? UI_MSG_JOBS_ONE
                                       : UI_MSG_JOBS_COUNT),
              n, NULL);
    ui__label(dl, st, "jobs.count", ui__rect_make(x, y, w, hint_h), UI_FONT_BODY, UI_COL_MUTED,
              UI_ALIGN_LEFT, text);
    y += hint_h + gap;
    int rows = page_rows(st);
    int status_w = w * 30 / 100;
    for (int i = 0; i < rows && j->first + i < j->n; i++) {
        const UiJobRow *row = &j->rows[j->first + i];
        char id[UI_ID_MAX];
        char date[UI_DATE_MAX];
        UiRect rr = ui__rect_make(x, y, w, touch);
        ui__fill(dl, rr, ui__col(st, row->status == UI_JOB_DONE ? UI_COL_OK_BG : UI_COL_PANEL));
        ui__frame(dl, rr, ui__col(st, UI_COL_FRAME), 1);
        ui__sprintf(text, sizeof text, "%s %lld  %s", ui_t(st, UI_MSG_JOBS_NUMBER_SHORT),
                    (long long)row->id, row->customer);
        ui__text(dl, st, ui__rect_make(rr.x + gap, rr.y, w - status_w - 2 * gap, rr.h / 2 + gap),
                 UI_FONT_BODY, ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, text);
        ui__sprintf(id, sizeof id, "jobs.row.%d", i);
        ui__widget(dl, id, UI_W_ROW, rr, text);
        ui_date_text(st, row->received, false, date, sizeof date);
        ui__sprintf(text, sizeof text, "%s  \xC2\xB7  %s", row->bike, date);
        ui__sprintf(id, sizeof id, "jobs.bike.%d", i);
        ui__label(dl, st, id,
                  ui__rect_make(rr.x + gap, rr.y + rr.h / 2, w - status_w - 2 * gap, rr.h / 2 - 2),
                  UI_FONT_SMALL, UI_COL_MUTED, UI_ALIGN_LEFT, text);
        ui__sprintf(id, sizeof id, "jobs.status.%d", i);
        ui__label(dl, st, id, ui__rect_make(rr.x + w - status_w, rr.y, status_w - gap, rr.h),
                  UI_FONT_BODY, row->status == UI_JOB_DONE ? UI_COL_OK : UI_COL_TEXT,
                  UI_ALIGN_RIGHT, ui_t(st, status_msgs[row->status]));
        y += touch + gap;
    }
    /* the bottom row: page buttons when there are more, and a new job */
    UiRect br = ui__rect_make(x, area.y + area.h - pad - touch, w, touch);
    UiLayout bl = ui__layout(br, gap);
    if (j->n > rows) {
        ui__row(&bl, 3, (int[]){0, 0, 0}, touch);
        ui__button(dl, st, "jobs.page_prev", ui__next(&bl), ui_t(st, UI_MSG_STAFF_PAGE_PREV),
                   j->first > 0 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
        ui__button(dl, st, "jobs.page_next", ui__next(&bl), ui_t(st, UI_MSG_STAFF_PAGE_NEXT),
                   j->first + rows < j->n ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    } else {
        ui__row(&bl, 2, (int[]){0, ui__px(st, 320)}, touch);
        ui__next(&bl);
    }
    ui__button(dl, st, "jobs.new", ui__next(&bl), ui_t(st, UI_MSG_JOBS_NEW), UI_STYLE_PRIMARY);
}

static void view_job(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrJobs *j = &st->jobs;
    const UiJob *job = &j->job;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = area.x + pad;
    int y = area.y + pad;
    int lh = ui__px(st, 44);
    int rh = ui__px(st, 32);
    char text[UI_TEXT_MAX];
    if (!j->job_loaded) {
        ui__label(dl, st, "jobs.working", ui__rect_make(x, y, area.w - 2 * pad, lh), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_COMMON_WORKING));
        return;
    }
    int rw = area.w * 34 / 100; /* the actions on the right */
    int lw = area.w - rw - 3 * pad;
    char num[24];
    ui__sprintf(num, sizeof num, "%lld", (long long)job->id);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_JOBS_NUMBER), num, NULL);
    ui__label(dl, st, "jobs.number", ui__rect_make(x, y, lw, lh), UI_FONT_TITLE, UI_COL_TEXT,
              UI_ALIGN_LEFT, text);
    y += lh;
    ui_format(text, sizeof text, ui_t(st, UI_MSG_JOBS_STATUS_IS),
              ui_t(st, status_msgs[job->status]), NULL);
    ui__label(dl, st, "jobs.status", ui__rect_make(x, y, lw, rh), UI_FONT_LARGE,
              job->status == UI_JOB_DONE ? UI_COL_OK : UI_COL_BUTTON, UI_ALIGN_LEFT, text);
    y += rh + gap;
    ui__sprintf(text, sizeof text, "%s%s%s", job->customer, job->phone[0] ? "  " : "", job->phone);
    ui__label(dl, st, "jobs.customer", ui__rect_make(x, y, lw, rh), UI_FONT_BODY, UI_COL_TEXT,
              UI_ALIGN_LEFT, text);
    y += rh;
    ui__label(dl, st, "jobs.bike", ui__rect_make(x, y, lw, rh), UI_FONT_BODY, UI_COL_TEXT,
              UI_ALIGN_LEFT, job->bike);
    y += rh;
    y += ui__text_wrap(dl, st, ui__rect_make(x, y, lw, 3 * rh), UI_FONT_BODY,
                       ui__col(st, UI_COL_MUTED), 3, job->work);
    ui__widget(dl, "jobs.work", UI_W_LABEL, ui__rect_make(x, y - rh, lw, rh), job->work);
    y += gap;
    char min[16];
    ui__sprintf(min, sizeof min, "%d", job->minutes);
    ui_format(text, sizeof text, ui_t(st, UI_MSG_JOBS_TIME), min, NULL);
    ui__label(dl, st, "jobs.time", ui__rect_make(x, y, lw, rh), UI_FONT_BODY, UI_COL_TEXT,
              UI_ALIGN_LEFT, text);
    if (job->workers[0]) { /* who worked on it, minutes each */
        ui_format(text, sizeof text, ui_t(st, UI_MSG_JOBS_WORKERS), job->workers, NULL);
        ui__label(dl, st, "jobs.workers", ui__rect_make(x, y + rh, lw, rh), UI_FONT_SMALL,
                  UI_COL_MUTED, UI_ALIGN_LEFT, text);
    }

    /* the time buttons under the facts, the moves on the right */
    UiRect tr = ui__rect_make(x, area.y + area.h - pad - touch, lw, touch);
    ui__label(dl, st, "jobs.time_add", ui__rect_make(x, tr.y - gap - rh, lw, rh), UI_FONT_BODY,
              UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_JOBS_TIME_ADD));
    UiLayout tl = ui__layout(tr, gap);
    ui__row(&tl, 3, (int[]){0, 0, 0}, touch);
    for (size_t i = 0; i < sizeof minutes_offered / sizeof minutes_offered[0]; i++) {
        char id[UI_ID_MAX];
        char label[32];
        ui__sprintf(id, sizeof id, "jobs.time.%zu", i);
        ui__sprintf(min, sizeof min, "%d", minutes_offered[i]);
        ui_format(label, sizeof label, ui_t(st, UI_MSG_JOBS_ADD_TIME), min, NULL);
        ui__button(dl, st, id, ui__next(&tl), label,
                   job->status == UI_JOB_PICKED_UP ? UI_STYLE_DISABLED : UI_STYLE_PRIMARY);
    }
    int rx = area.w - pad - rw;
    int ry = area.y + pad;
    ui__button(dl, st, "jobs.slip", ui__rect_make(rx, tr.y, rw, touch), ui_t(st, UI_MSG_JOBS_SLIP),
               UI_STYLE_SECONDARY);
    ui__label(dl, st, "jobs.move", ui__rect_make(rx, ry, rw, rh), UI_FONT_BODY, UI_COL_MUTED,
              UI_ALIGN_LEFT, ui_t(st, UI_MSG_JOBS_MOVE));
    ry += rh + gap;
    bool any = false;
    for (int s = 0; s < UI_JOB_COUNT; s++) {
        if (!(job->next & (1u << s)))
            continue;
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "jobs.to.%d", s);
        ui__button(dl, st, id, ui__rect_make(rx, ry, rw, touch), ui_t(st, status_msgs[s]),
                   s == UI_JOB_DONE || s == UI_JOB_PICKED_UP ? UI_STYLE_OK : UI_STYLE_PRIMARY);
        ry += touch + gap;
        any = true;
    }
    if (!any)
        ui__label(dl, st, "jobs.closed", ui__rect_make(rx, ry, rw, rh), UI_FONT_BODY, UI_COL_MUTED,
                  UI_ALIGN_LEFT, ui_t(st, UI_MSG_JOBS_CLOSED));
}

static void view_new(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrJobs *j = &st->jobs;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int lw = area.w * 77 / 100; /* 11 keys of at least 64 px, as on the staff screen */
    int y = area.y + pad;
    UiLayout lay = ui__layout(ui__rect_make(pad, y, lw - pad, 2 * touch + gap), gap);
    ui__row(&lay, 2, (int[]){0, 0}, touch);
    for (int f = 0; f < UI_JOB_FIELDS; f++) {
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "jobs.field.%d", f);
        ui__field(dl, st, id, ui__next(&lay), ui_t(st, field_msgs[f]), j->field[f].text,
                  j->focus == f);
    }
    int ky = y + 2 * touch + gap + pad;
    ui__keyboard(dl, st, ui__rect_make(pad, ky, lw - pad, area.y + area.h - ky - pad), st->shift);
    int rx = lw + pad;
    int rw = area.w - rx - pad;
    ui__button(dl, st, "jobs.save", ui__rect_make(rx, y, rw, touch), ui_t(st, UI_MSG_JOBS_SAVE),
               UI_STYLE_PRIMARY);
    ui__text_wrap(dl, st, ui__rect_make(rx, y + touch + pad, rw, area.h / 2), UI_FONT_SMALL,
                  ui__col(st, UI_COL_MUTED), 6, ui_t(st, UI_MSG_JOBS_NEW_HINT));
}

/* The slip: what the customer is shown (and may photograph): the job number, large. */
static void view_slip(const UiState *st, UiDrawList *dl, UiRect area)
{
    const UiJob *job = &st->jobs.job;
    int pad = ui__px(st, 16);
    int touch = ui__touch(st);
    int x = area.x + pad * 3;
    int w = area.w - 6 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    UiRect panel = ui__rect_make(x, y, w, area.h - 3 * pad - touch);
    ui__panel(dl, st, panel, UI_TONE_OK);
    int py = panel.y + pad;
    int pw = panel.w - 4 * pad;
    int px = panel.x + 2 * pad;
    ui__label(dl, st, "jobs.slip_title", ui__rect_make(px, py, pw, ui__px(st, 40)), UI_FONT_LARGE,
              UI_COL_TEXT, UI_ALIGN_CENTER, ui_t(st, UI_MSG_JOBS_SLIP_TITLE));
    py += ui__px(st, 44);
    char num[24];
    ui__sprintf(num, sizeof num, "%lld", (long long)job->id);
    int big = ui__px(st, 130);
    ui__label(dl, st, "jobs.slip_number", ui__rect_make(px, py, pw, big), UI_FONT_HUGE, UI_COL_TEXT,
              UI_ALIGN_CENTER, num);
    py += big;
    ui__sprintf(text, sizeof text, "%s  \xC2\xB7  %s", job->customer, job->bike);
    ui__label(dl, st, "jobs.slip_who", ui__rect_make(px, py, pw, ui__px(st, 36)), UI_FONT_BODY,
              UI_COL_TEXT, UI_ALIGN_CENTER, text);
    py += ui__px(st, 40);
    ui__text_wrap(dl, st, ui__rect_make(px, py, pw, panel.y + panel.h - py - pad), UI_FONT_BODY,
                  ui__col(st, UI_COL_MUTED), 2, ui_t(st, UI_MSG_JOBS_SLIP_KEEP));
    ui__widget(dl, "jobs.slip_keep", UI_W_LABEL, ui__rect_make(px, py, pw, ui__px(st, 30)),
               ui_t(st, UI_MSG_JOBS_SLIP_KEEP));
    int bw = ui__px(st, 260);
    ui__button(
        dl, st, "jobs.slip_done",
        ui__rect_make(area.x + area.w - pad * 3 - bw, area.y + area.h - pad - touch, bw, touch),
        ui_t(st, UI_MSG_COMMON_DONE), UI_STYLE_PRIMARY);
}

/* Rows of the list on one page: those that fit under the tabs and the count and above the
 * bottom row of buttons. */
static int page_rows(const UiState *st)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int list_h =
        st->h - ui__bar_h(st) - 2 * pad - (touch + gap) - (ui__px(st, 30) + gap) - (touch + gap);
    int rows = list_h / (touch + gap);
    return rows < 1 ? 1 : rows < UI_JOBS_MAX ? rows : UI_JOBS_MAX;
}
