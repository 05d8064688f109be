/* The workshop commands of bua-admin: the repair queue (repair list, show, note, wait, ready,
 * retire) and customer bike jobs (job add, list, show, set, figures). */
#include "adm.h"

#include <stdio.h>
#include <string.h>

typedef struct JobListCtx {
    size_t n;
} JobListCtx;

static int repair_list(AdmCtx *ctx, int argc, char **argv);
static int repair_show(AdmCtx *ctx, int argc, char **argv);
static int repair_step(AdmCtx *ctx, InvRepairStepKind step, int argc, char **argv);
static int job_add(AdmCtx *ctx, int argc, char **argv);
static int job_list(AdmCtx *ctx, int argc, char **argv);
static int job_show(AdmCtx *ctx, int argc, char **argv);
static int job_set(AdmCtx *ctx, int argc, char **argv);
static int job_figures(AdmCtx *ctx, int argc, char **argv);
static int job_erase(AdmCtx *ctx, int argc, char **argv);
static int print_repair(const InvRepair *r, void *ctx);
static int print_note(const InvRepairNote *n, void *ctx);
static int print_job(const InvJob *j, void *ctx);
static int print_event(const InvJobEvent *e, void *ctx);
static int print_worker(const InvJobWorker *w, void *ctx);
static void reasons_text(char *buf, size_t size);

int adm_cmd_repair(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("repair needs a subcommand: list, show, note, wait, ready or retire");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0) {
        return repair_list(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "show") == 0) {
        return repair_show(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "note") == 0) {
        return repair_step(ctx, INV_REPAIR_NOTE, argc - 1, argv + 1);
    }
    if (strcmp(sub, "wait") == 0) {
        return repair_step(ctx, INV_REPAIR_WAIT, argc - 1, argv + 1);
    }
    if (strcmp(sub, "ready") == 0) {
        return repair_step(ctx, INV_REPAIR_READY, argc - 1, argv + 1);
    }
    if (strcmp(sub, "retire") == 0) {
        return repair_step(ctx, INV_REPAIR_RETIRED, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'repair %s' (use list, show, note, wait, ready or "
                     "retire)",
                     sub);
}

int adm_cmd_job(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("job needs a subcommand: add, list, show, set, figures or erase");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "add") == 0) {
        return job_add(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "list") == 0) {
        return job_list(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "show") == 0) {
        return job_show(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "set") == 0) {
        return job_set(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "figures") == 0) {
        return job_figures(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "erase") == 0) {
        return job_erase(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'job %s' (use add, list, show, set, figures or erase)",
                     sub);
}

/* job erase ID: the customer's right to erasure (name and phone gone from the file and its log) */
static int job_erase(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int64_t id = 0;
    int rc = adm_parse("job erase", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("job erase", n_pos, 1, 1, "a job ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("bike job", "job erase", argv[0], &id);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    bool log_cleared = false;
    int err = inv_job_erase(ctx->db, id, ctx->now, &log_cleared);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot erase the bike customer");
    }
    printf("bike job %lld: the customer's name and phone are erased\n", (long long)id);
    if (!log_cleared) {
        fprintf(stderr, "bua-admin: warning: another program is reading the database: the old"
                        " values leave its log at the next erase or privacy sweep\n");
    }
    return ADM_EXIT_OK;
}

static int repair_list(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int rc = adm_parse("repair list", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("repair list", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    size_t n = 0;
    int err = inv_repair_each(ctx->db, ctx->now, print_repair, &n);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the repair queue");
    }
    printf("%zu item%s in repair\n", n, n == 1 ? "" : "s");
    return ADM_EXIT_OK;
}

static int repair_show(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int rc = adm_parse("repair show", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("repair show", n_pos, 1, 1, "a BARCODE", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    InvRepair r;
    int err = inv_repair_get(ctx->db, argv[0], ctx->now, &r);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show the repair");
    }
    char since[32] = "";
    adm_time(r.since, false, since, sizeof since);
    printf("%s %s (%s)\n", r.item.barcode, ADM_ESC(r.item.name), ADM_ESC(r.item.category));
    printf("in repair since %s: %d day%s\n", since, r.days, r.days == 1 ? "" : "s");
    if (r.waiting_parts) {
        adm_time(r.waiting_since, false, since, sizeof since);
        printf("waiting for parts since %s\n", since);
    }
    err = inv_repair_each_note(ctx->db, argv[0], print_note, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the repair notes");
    }
    return ADM_EXIT_OK;
}

static int repair_step(AdmCtx *ctx, InvRepairStepKind step, int argc, char **argv)
{
    const char *note = NULL;
    const char *staff = NULL;
    const char *reason_text = NULL;
    const AdmOpt opts[] = {
        {"--note", &note, NULL}, {"--staff", &staff, NULL}, {"--reason", &reason_text, NULL}};
    size_t n_opts = step == INV_REPAIR_RETIRED ? 3 : 2;
    char cmd[32] = "";
    snprintf(cmd, sizeof cmd, "repair %s", argv[0]);
    size_t n_pos = 0;
    int64_t staff_no = 0;
    InvRetireReason reason = INV_RETIRE_OTHER;
    char reasons[256] = "";
    reasons_text(reasons, sizeof reasons);

    int rc = adm_parse(cmd, argc, argv, opts, n_opts, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args(cmd, n_pos, 1, 1, "a BARCODE", argv);
    }
    if (rc == ADM_EXIT_OK && step == INV_REPAIR_NOTE && (note == NULL || note[0] == '\0')) {
        rc = adm_usage("repair note needs --note: what was done");
    }
    if (rc == ADM_EXIT_OK && step == INV_REPAIR_RETIRED && reason_text == NULL) {
        rc = adm_usage("repair retire needs --reason (%s)", reasons);
    }
    if (rc == ADM_EXIT_OK && reason_text != NULL &&
        !inv_retire_reason_parse(reason_text, &reason)) {
        rc = adm_usage("invalid --reason '%s' (use %s)", reason_text, reasons);
    }
    if (rc == ADM_EXIT_OK && note != NULL && strlen(note) >= INV_TEXT_MAX) {
        rc = adm_usage("invalid --note: longer than %d bytes", INV_TEXT_MAX - 1);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_no)) != ADM_EXIT_OK) {
        return rc;
    }
    InvRepairStep s = {.barcode = argv[0],
                       .step = step,
                       .note = note,
                       .reason = reason,
                       .staff_id = staff_no,
                       .now = ctx->now};
    int err = inv_repair_step(ctx->db, &s);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot record the repair step");
    }
    switch (step) {
    case INV_REPAIR_NOTE:
        printf("noted on %s: %s\n", argv[0], ADM_ESC(note));
        break;
    case INV_REPAIR_WAIT:
        printf("%s waits for parts (stays in the repair queue)\n", argv[0]);
        break;
    case INV_REPAIR_READY:
        printf("%s is repaired: available\n", argv[0]);
        break;
    case INV_REPAIR_RETIRED:
        printf("%s is retired (%s)\n", argv[0], inv_retire_reason_name(reason));
        break;
    }
    return ADM_EXIT_OK;
}

static int job_add(AdmCtx *ctx, int argc, char **argv)
{
    const char *customer = NULL;
    const char *phone = NULL;
    const char *bike = NULL;
    const char *work = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--customer", &customer, NULL},
                           {"--phone", &phone, NULL},
                           {"--bike", &bike, NULL},
                           {"--work", &work, NULL},
                           {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t staff_no = 0;
    InvJob job;
    memset(&job, 0, sizeof job);

    int rc = adm_parse("job add", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("job add", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && (customer == NULL || bike == NULL || work == NULL)) {
        rc = adm_usage("job add needs --customer, --bike and --work");
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(job.customer, sizeof job.customer, "--customer", customer);
    }
    if (rc == ADM_EXIT_OK && phone != NULL) {
        rc = adm_field(job.phone, sizeof job.phone, "--phone", phone);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(job.bike, sizeof job.bike, "--bike", bike);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(job.work, sizeof job.work, "--work", work);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_no)) != ADM_EXIT_OK) {
        return rc;
    }
    int64_t id = 0;
    int err = inv_job_add(ctx->db, &job, staff_no, ctx->now, &id);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot add the bike job");
    }
    printf("bike job %lld received: %s, %s\n", (long long)id, ADM_ESC(job.customer),
           ADM_ESC(job.bike));
    return ADM_EXIT_OK;
}

static int job_list(AdmCtx *ctx, int argc, char **argv)
{
    bool all = false;
    const AdmOpt opts[] = {{"--all", NULL, &all}};
    size_t n_pos = 0;
    int rc = adm_parse("job list", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("job list", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    JobListCtx c = {0};
    int err = inv_job_each(ctx->db, all, print_job, &c);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list the bike jobs");
    }
    printf("%zu bike job%s%s\n", c.n, c.n == 1 ? "" : "s", all ? "" : " not picked up");
    return ADM_EXIT_OK;
}

static int job_show(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int64_t id = 0;
    int rc = adm_parse("job show", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("job show", n_pos, 1, 1, "a job ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("bike job", "job add", argv[0], &id);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    InvJob j;
    int err = inv_job_get(ctx->db, id, &j);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show the bike job");
    }
    char at[32] = "";
    adm_time(j.received_at, false, at, sizeof at);
    printf("bike job %lld: %s (%s)\n", (long long)j.id, inv_job_status_name(j.status),
           inv_job_status_name_nb(j.status));
    if (j.swept_at != 0) {
        char swept[32] = "";
        adm_time(j.swept_at, true, swept, sizeof swept);
        printf("customer: (cleared %s)\n", swept);
    } else {
        printf("customer: %s, phone %s\n", ADM_ESC(j.customer),
               j.phone[0] != '\0' ? ADM_ESC(j.phone) : "-");
    }
    printf("bike:     %s\n", ADM_ESC(j.bike));
    printf("work:     %s\n", ADM_ESC(j.work));
    printf("received: %s\n", at);
    if (j.finished_at != 0) {
        adm_time(j.finished_at, false, at, sizeof at);
        printf("done:     %s\n", at);
    }
    if (j.picked_up_at != 0) {
        adm_time(j.picked_up_at, false, at, sizeof at);
        printf("picked up: %s\n", at);
    }
    printf("time:     %d min\n", j.minutes);
    err = inv_job_each_worker(ctx->db, id, print_worker, NULL);
    if (err == INV_OK) {
        printf("changes:\n");
        err = inv_job_each_event(ctx->db, id, print_event, NULL);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show the bike job");
    }
    return ADM_EXIT_OK;
}

static int job_set(AdmCtx *ctx, int argc, char **argv)
{
    const char *status_text = NULL;
    const char *time_text = NULL;
    const char *note = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--status", &status_text, NULL},
                           {"--time", &time_text, NULL},
                           {"--note", &note, NULL},
                           {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t id = 0;
    int64_t staff_no = 0;
    int minutes = 0;
    InvJobStatus status = INV_JOB_RECEIVED;

    int rc = adm_parse("job set", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("job set", n_pos, 1, 1, "a job ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("bike job", "job add", argv[0], &id);
    }
    if (rc == ADM_EXIT_OK && status_text == NULL && time_text == NULL && note == NULL) {
        rc = adm_usage("job set needs --status, --time or --note");
    }
    if (rc == ADM_EXIT_OK && status_text != NULL && !inv_job_status_parse(status_text, &status)) {
        rc = adm_usage("invalid --status '%s' (use received, working, waiting, done, picked_up "
                       "or mottatt, under_arbeid, venter_deler, ferdig, hentet)",
                       status_text);
    }
    if (rc == ADM_EXIT_OK && time_text != NULL) {
        rc = adm_parse_int("--time", time_text, 1, INV_JOB_MINUTES_MAX, &minutes);
    }
    if (rc == ADM_EXIT_OK && time_text != NULL && staff == NULL) {
        rc = adm_usage("job set --time needs --staff: whose time it is");
    }
    if (rc == ADM_EXIT_OK && note != NULL && strlen(note) >= INV_TEXT_MAX) {
        rc = adm_usage("invalid --note: longer than %d bytes", INV_TEXT_MAX - 1);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_no)) != ADM_EXIT_OK) {
        return rc;
    }
    InvJobChange c = {.id = id,
                      .status = status_text != NULL ? (int)status : -1,
                      .minutes = minutes,
                      .note = note,
                      .staff_id = staff_no,
                      .now = ctx->now};
    int err = inv_job_change(ctx->db, &c);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot change the bike job");
    }
    InvJob j;
    err = inv_job_get(ctx->db, id, &j);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the bike job");
    }
    printf("bike job %lld: %s, %d min in all\n", (long long)id, inv_job_status_name(j.status),
           j.minutes);
    return ADM_EXIT_OK;
}

/* This year's figures with last year's in brackets, as the annual report prints them. */
static int job_figures(AdmCtx *ctx, int argc, char **argv)
{
    const char *year_text = NULL;
    const AdmOpt opts[] = {{"--year", &year_text, NULL}};
    size_t n_pos = 0;
    int year = 0;
    int rc = adm_parse("job figures", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("job figures", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && year_text != NULL) {
        rc = adm_parse_int("--year", year_text, ADM_YEAR_MIN + 1, ADM_YEAR_MAX, &year);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (year_text == NULL) {
        year = inv_time_year(ctx->now);
    }
    InvWorkshopYear w;
    InvWorkshopYear last;
    int err = inv_workshop_year(ctx->db, 0, year, &w);
    if (err == INV_OK) {
        err = inv_workshop_year(ctx->db, 0, year - 1, &last);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot count the workshop's figures");
    }
    printf("workshop %d (%d)\n", year, year - 1);
    printf("  repairs done:           %lld (%lld)\n", (long long)w.repairs_done,
           (long long)last.repairs_done);
    printf("  median days in repair:  %.1f (%.1f) of %lld (%lld) repairs ended\n",
           w.median_repair_days, last.median_repair_days, (long long)w.repairs_ended,
           (long long)last.repairs_ended);
    printf("  items retired:          %lld (%lld)\n", (long long)w.retired,
           (long long)last.retired);
    for (int r = 0; r < INV_RETIRE_COUNT; r++) {
        printf("    %-22s%lld (%lld)\n", inv_retire_reason_name((InvRetireReason)r),
               (long long)w.retired_by_reason[r], (long long)last.retired_by_reason[r]);
    }
    printf("    %-22s%lld (%lld)\n", "not from the queue", (long long)w.retired_other,
           (long long)last.retired_other);
    printf("  bike jobs received:     %lld (%lld)\n", (long long)w.jobs_received,
           (long long)last.jobs_received);
    printf("  bike jobs finished:     %lld (%lld)\n", (long long)w.jobs_finished,
           (long long)last.jobs_finished);
    printf("  bike jobs picked up:    %lld (%lld)\n", (long long)w.jobs_picked_up,
           (long long)last.jobs_picked_up);
    printf("  minutes on bike jobs:   %lld (%lld)\n", (long long)w.job_minutes,
           (long long)last.job_minutes);
    return ADM_EXIT_OK;
}

static int print_repair(const InvRepair *r, void *ctx)
{
    size_t *n = ctx;
    (*n)++;
    char days[16] = "";
    snprintf(days, sizeof days, "%dd", r->days);
    adm_cell(r->item.barcode, 14);
    adm_cell(days, 5);
    adm_cell(r->waiting_parts ? "waiting" : "-", 8);
    adm_cell(r->item.name, 24);
    printf("%s\n", r->note[0] != '\0' ? ADM_ESC(r->note) : "-");
    return 0;
}

static int print_note(const InvRepairNote *n, void *ctx)
{
    (void)ctx;
    char at[32] = "";
    adm_time(n->at, false, at, sizeof at);
    printf("  %s  ", at);
    adm_cell(n->step ? inv_repair_step_name((InvRepairStepKind)n->kind) : "damage", 8);
    printf("%s", n->note[0] != '\0' ? ADM_ESC(n->note) : "-");
    if (n->staff[0] != '\0') {
        printf(" (%s)", ADM_ESC(n->staff));
    }
    fputc('\n', stdout);
    return 0;
}

static int print_job(const InvJob *j, void *ctx)
{
    JobListCtx *c = ctx;
    c->n++;
    char num[24] = "";
    char at[32] = "";
    snprintf(num, sizeof num, "%lld", (long long)j->id);
    adm_time(j->received_at, true, at, sizeof at);
    adm_cell(num, 5);
    adm_cell(inv_job_status_name(j->status), 10);
    adm_cell(at, 10);
    adm_cell(j->swept_at != 0 ? "-" : j->customer, 20);
    adm_cell(j->bike, 20);
    printf("%s\n", ADM_ESC(j->work));
    return 0;
}

static int print_event(const InvJobEvent *e, void *ctx)
{
    (void)ctx;
    char at[32] = "";
    adm_time(e->at, false, at, sizeof at);
    printf("  %s  ", at);
    bool sep = false;
    if (e->status >= 0) {
        printf("%s", inv_job_status_name((InvJobStatus)e->status));
        sep = true;
    }
    if (e->minutes > 0) {
        printf("%s%d min", sep ? ", " : "", e->minutes);
        sep = true;
    }
    if (e->note[0] != '\0') {
        printf("%s%s", sep ? ": " : "", ADM_ESC(e->note));
    }
    if (e->staff[0] != '\0') {
        printf(" (%s)", ADM_ESC(e->staff));
    }
    fputc('\n', stdout);
    return 0;
}

static int print_worker(const InvJobWorker *w, void *ctx)
{
    (void)ctx;
    printf("  %s (%s): %d min\n", ADM_ESC(w->name), w->card, w->minutes);
    return 0;
}

/* "beyond_repair, not_worth, unsafe, no_parts or other" */
static void reasons_text(char *buf, size_t size)
{
    buf[0] = '\0';
    size_t len = 0;
    for (int r = 0; r < INV_RETIRE_COUNT && len < size; r++) {
        const char *sep = r == 0 ? "" : r == INV_RETIRE_COUNT - 1 ? " or " : ", ";
        len += (size_t)snprintf(buf + len, size - len, "%s%s", sep,
                                inv_retire_reason_name((InvRetireReason)r));
    }
}
