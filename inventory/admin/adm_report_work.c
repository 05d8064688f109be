/* The annual report's workshop and work-training rows (adm_report.h): years Y and Y - 1 from
 * inv_workshop_year and inv_training_year (the store's summaries), added to the block as rows in
 * the sections WORKSHOP and TRAINING so that the text, JSON, CSV and PDF print them. Scheme
 * membership is sensitive: this is the leader's report, never a borrower's screen. */
#include "adm_report.h"

#include <stdio.h>
#include <string.h>

/* A retirement reason's label, in INV_RETIRE_REASON_MAP's order. */
static const char *const reason_nb[] = {"Kassert, kan ikke repareres", "Kassert, ikke verdt det",
                                        "Kassert, ikke trygt", "Kassert, mangler deler",
                                        "Kassert, annen grunn"};
static const char *const reason_en[] = {"Retired, beyond repair", "Retired, not worth it",
                                        "Retired, unsafe", "Retired, no parts",
                                        "Retired, other reason"};
_Static_assert(sizeof(reason_nb) / sizeof(reason_nb[0]) == INV_RETIRE_COUNT, "a label per reason");
_Static_assert(sizeof(reason_en) / sizeof(reason_en[0]) == INV_RETIRE_COUNT, "a label per reason");

static bool add(AdmReport *r, AdmSection s, const char *key, const char *metric, const char *nb,
                const char *en, AdmFormat f, int64_t now, int64_t last, bool has_last)
{
    int64_t a[2] = {now, 0};
    int64_t b[2] = {last, 0};
    return adm_report_add(r, s, key, metric, r->lang == ADM_LANG_NB ? nb : en, NULL, f, a, b,
                          has_last);
}

static int64_t hundredths(double v)
{
    return (int64_t)(v * 100.0 + (v < 0 ? -0.5 : 0.5));
}

static bool workshop_rows(AdmReport *r, const InvWorkshopYear *c, const InvWorkshopYear *p,
                          bool has_last)
{
    const AdmSection S = ADM_SECTION_WORKSHOP;
    bool ok = add(r, S, "", "repairs_done", "Reparasjoner", "Repairs", ADM_FMT_COUNT,
                  c->repairs_done, p->repairs_done, has_last) &&
              add(r, S, "", "median_repair_days", "Dager i reparasjon (median)",
                  "Days in repair (median)", ADM_FMT_DECIMAL, hundredths(c->median_repair_days),
                  hundredths(p->median_repair_days), has_last) &&
              add(r, S, "", "retired", "Kassert", "Retired", ADM_FMT_COUNT, c->retired, p->retired,
                  has_last);
    /* the reasons either year has, then those retired outside the repair queue */
    for (int k = 0; k < INV_RETIRE_COUNT && ok; k++) {
        if (c->retired_by_reason[k] == 0 && p->retired_by_reason[k] == 0) {
            continue;
        }
        ok = add(r, S, inv_retire_reason_name((InvRetireReason)k), "retired_by_reason",
                 reason_nb[k], reason_en[k], ADM_FMT_COUNT, c->retired_by_reason[k],
                 p->retired_by_reason[k], has_last);
    }
    if (ok && (c->retired_other != 0 || p->retired_other != 0)) {
        ok = add(r, S, "", "retired_other", "Kassert utenom verkstedet",
                 "Retired outside the workshop", ADM_FMT_COUNT, c->retired_other, p->retired_other,
                 has_last);
    }
    return ok &&
           add(r, S, "", "jobs_received", "Sykkeljobber mottatt", "Bike jobs received",
               ADM_FMT_COUNT, c->jobs_received, p->jobs_received, has_last) &&
           add(r, S, "", "jobs_finished", "Sykkeljobber ferdige", "Bike jobs finished",
               ADM_FMT_COUNT, c->jobs_finished, p->jobs_finished, has_last) &&
           add(r, S, "", "jobs_picked_up", "Sykkeljobber hentet", "Bike jobs picked up",
               ADM_FMT_COUNT, c->jobs_picked_up, p->jobs_picked_up, has_last) &&
           add(r, S, "", "job_hours", "Timer på sykkeljobber", "Hours on bike jobs", ADM_FMT_HOURS,
               c->job_minutes, p->job_minutes, has_last);
}

static const InvSchemeYear *find_scheme(const InvTrainingYear *y, const char *name)
{
    for (size_t i = 0; i < y->n_schemes; i++) {
        if (strcmp(y->schemes[i].name, name) == 0) {
            return &y->schemes[i];
        }
    }
    return NULL;
}

static bool scheme_row(AdmReport *r, const char *name, const InvSchemeYear *c,
                       const InvSchemeYear *p, bool has_last)
{
    int64_t now[2] = {c != NULL ? c->persons : 0, c != NULL ? c->seconds / 60 : 0};
    int64_t last[2] = {p != NULL ? p->persons : 0, p != NULL ? p->seconds / 60 : 0};
    if (now[0] == 0 && now[1] == 0 && last[0] == 0 && last[1] == 0) {
        return true; /* a scheme nobody worked in either year */
    }
    char label[INV_NAME_MAX + 32];
    snprintf(label, sizeof label, "%s, %s", name,
             r->lang == ADM_LANG_NB ? "personer/timer" : "persons/hours");
    return adm_report_add(r, ADM_SECTION_TRAINING, name, "scheme", label, NULL,
                          ADM_FMT_PERSONS_HOURS, now, last, has_last);
}

static bool training_rows(AdmReport *r, const InvTrainingYear *c, const InvTrainingYear *p,
                          bool has_last)
{
    const AdmSection S = ADM_SECTION_TRAINING;
    bool ok = add(r, S, "", "participants", "Deltagere", "Participants", ADM_FMT_COUNT,
                  c->participants, p->participants, has_last) &&
              add(r, S, "", "days", "Arbeidsdager", "Work days", ADM_FMT_COUNT, c->days, p->days,
                  has_last) &&
              add(r, S, "", "hours", "Timer", "Hours", ADM_FMT_HOURS, c->seconds / 60,
                  p->seconds / 60, has_last) &&
              add(r, S, "", "fte", "Årsverk", "Full-time equivalents", ADM_FMT_DECIMAL,
                  hundredths(c->fte), hundredths(p->fte), has_last);
    /* this year's schemes in the store's order, then any only last year has */
    for (size_t i = 0; i < c->n_schemes && ok; i++) {
        const char *name = c->schemes[i].name;
        ok = scheme_row(r, name, &c->schemes[i], find_scheme(p, name), has_last);
    }
    for (size_t i = 0; i < p->n_schemes && ok; i++) {
        const char *name = p->schemes[i].name;
        if (find_scheme(c, name) == NULL) {
            ok = scheme_row(r, name, NULL, &p->schemes[i], has_last);
        }
    }
    return ok;
}

static bool workshop_any(const InvWorkshopYear *y)
{
    return y->repairs_done != 0 || y->repairs_ended != 0 || y->retired != 0 ||
           y->jobs_received != 0 || y->jobs_finished != 0 || y->jobs_picked_up != 0 ||
           y->job_minutes != 0;
}

int adm_report_add_work(AdmCtx *ctx, AdmReport *r, int year)
{
    InvWorkshopYear wc;
    InvWorkshopYear wp;
    InvTrainingYear tc;
    InvTrainingYear tp;
    memset(&wc, 0, sizeof wc);
    memset(&wp, 0, sizeof wp);
    memset(&tc, 0, sizeof tc);
    memset(&tp, 0, sizeof tp);
    bool has_prev = year > ADM_YEAR_MIN;
    /* only closed shifts count: close the forgotten ones first, as the training commands do */
    int err = inv_training_close_forgotten(ctx->db, ctx->now, NULL);
    if (err == INV_OK) {
        err = inv_workshop_year(ctx->db, 0, year, &wc);
    }
    if (err == INV_OK && has_prev) {
        err = inv_workshop_year(ctx->db, 0, year - 1, &wp);
    }
    if (err == INV_OK) {
        err = inv_training_year(ctx->db, 0, year, &tc);
    }
    if (err == INV_OK && has_prev) {
        err = inv_training_year(ctx->db, 0, year - 1, &tp);
    }
    if (err == INV_OK) {
        /* last year in brackets when the centre has data that year: lending or this block's */
        bool ok = workshop_rows(r, &wc, &wp, r->prev.has_data || workshop_any(&wp)) &&
                  training_rows(r, &tc, &tp, r->prev.has_data || tp.days > 0);
        err = ok ? INV_OK : INV_E_NOMEM;
    }
    inv_training_year_release(&tc);
    inv_training_year_release(&tp);
    return err;
}
