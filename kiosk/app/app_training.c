/* The app's part of work training: a trainee's check-in and check-out at the kiosk, and a
 * leader's list and correction of the trainees' days. Each effect is one store call (the list
 * first closes forgotten check-outs, as every reader of the days does); the outcome goes back
 * as an event like every other (app_fx.c). Times cross to kiosk_ui as minutes after local
 * midnight, dates as UiDate. */
#include "app.h"

#include <stdio.h>
#include <string.h>

/* the list of days being gathered for one page */
typedef struct DaysPage {
    UiEvWorkdays *ev;
    int seen;
} DaysPage;

static int workday(App *app, const UiFxWorkday *f, int64_t now, UiEvWorkday *ev);
static int workdays(App *app, int first, int64_t now, UiEvWorkdays *ev);
static int on_day(const InvTrainingDay *d, void *ctx);
static int local_minutes(int64_t t);
static InvDate inv_date_of(UiDate d);

void app_training_perform(App *app, const UiFx *fx)
{
    int64_t now = app_now(app);
    int err = INV_OK;
    UiEvHead *h = NULL;
    switch (fx->kind) {
    case UI_FX_WORKDAY: {
        UiEvWorkday *ev = &app_push(app, UI_EV_WORKDAY)->workday;
        h = &ev->h;
        err = workday(app, &fx->workday, now, ev);
        break;
    }
    case UI_FX_WORKDAYS: {
        UiEvWorkdays *ev = &app_push(app, UI_EV_WORKDAYS)->workdays;
        h = &ev->h;
        err = workdays(app, fx->workdays.first, now, ev);
        break;
    }
    case UI_FX_WORKDAY_SET: {
        const UiFxWorkdaySet *r = &fx->workday_set;
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        h = &ev->h;
        ev->of = fx->kind;
        app_copy(ev->code, sizeof ev->code, r->card);
        err = inv_training_day_set(app->db, r->card, inv_date_of(r->day), r->in_min, r->out_min,
                                   r->staff_id, now);
        break;
    }
    default:
        return;
    }
    h->result = app_map_err(app, err, h);
}

/* the status, or a check-in or check-out, as the screen asked */
static int workday(App *app, const UiFxWorkday *f, int64_t now, UiEvWorkday *ev)
{
    InvTrainingStatus s;
    int err = INV_OK;
    if (f->action == UI_WORK_IN)
        err = inv_training_check_in(app->db, f->card, now, &s);
    else if (f->action == UI_WORK_OUT)
        err = inv_training_check_out(app->db, f->card, now, &s);
    else
        err = inv_training_status(app->db, f->card, now, &s);
    if (err != INV_OK)
        return err;
    ev->action = f->action;
    ev->checked_in = s.checked_in;
    ev->today_min = (int)(s.today_seconds / 60);
    if (s.checked_in)
        ev->in_min = local_minutes(s.open.in_at);
    if (s.closed.id != 0) {
        ev->was_closed = true;
        app_date_local(s.closed.in_at, &ev->closed_day);
        ev->closed_min = local_minutes(s.closed.out_at);
    }
    return INV_OK;
}

/* the days of the last UI_WORKDAYS_DAYS days, newest first: the page from `first` */
static int workdays(App *app, int first, int64_t now, UiEvWorkdays *ev)
{
    int err = inv_training_close_forgotten(app->db, now, NULL);
    if (err != INV_OK)
        return err;
    char text[32];
    InvDate to = {1970, 1, 1};
    inv_time_format(now, true, text, sizeof text);
    if (!inv_date_parse(text, &to))
        return INV_E_INVALID;
    InvDate from = inv_date_from_days(inv_date_days(to) - (UI_WORKDAYS_DAYS - 1));
    ev->first = first < 0 ? 0 : first;
    DaysPage p = {ev, 0};
    err = inv_training_each_day(app->db, NULL, from, to, on_day, &p);
    ev->total = p.seen;
    return err;
}

static int on_day(const InvTrainingDay *d, void *ctx)
{
    DaysPage *p = ctx;
    int i = p->seen++;
    if (i < p->ev->first || p->ev->n == UI_WORKDAYS_PAGE)
        return 0;
    UiWorkdayRow *r = &p->ev->rows[p->ev->n++];
    memset(r, 0, sizeof *r);
    app_copy(r->card, sizeof r->card, d->card);
    app_copy(r->name, sizeof r->name, d->name);
    r->day = (UiDate){.year = d->day.year, .month = d->day.month, .day = d->day.day};
    app_date_local(d->first_in, &r->day); /* with its weekday */
    r->in_min = local_minutes(d->first_in);
    r->out_min = d->open || d->last_out == 0 ? -1 : local_minutes(d->last_out);
    if (r->out_min == 0 && d->last_out > d->first_in) /* checked out at midnight */
        r->out_min = 24 * 60;
    r->minutes = (int)(d->seconds / 60);
    r->open = d->open;
    r->auto_closed = d->auto_closed;
    r->corrected = d->corrected_at != 0;
    return 0;
}

/* minutes after local midnight of a time, as the clock on the wall shows it */
static int local_minutes(int64_t t)
{
    char buf[32];
    int h = 0;
    int m = 0;
    inv_time_format(t, false, buf, sizeof buf); /* "YYYY-MM-DD HH:MM" */
    if (sscanf(buf + 10, " %d:%d", &h, &m) != 2)
        return 0;
    return h * 60 + m;
}

static InvDate inv_date_of(UiDate d)
{
    return (InvDate){d.year, d.month, d.day};
}
