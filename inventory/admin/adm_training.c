/* The work-training commands of bua-admin (the leader's tool, so it shows scheme membership):
 * trainees' days and a leader's correction of one, the centre's schemes and who belongs to
 * which, the hours per full-time equivalent, the retention sweep, and the year's figures. */
#include "adm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* how many days `training days` shows by default, today included */
#define DAYS_DEFAULT 31

static int report(AdmCtx *ctx, int argc, char **argv);
static int days(AdmCtx *ctx, int argc, char **argv);
static int day_set(AdmCtx *ctx, int argc, char **argv);
static int day_clear(AdmCtx *ctx, int argc, char **argv);
static int scheme(AdmCtx *ctx, int argc, char **argv);
static int member(AdmCtx *ctx, int argc, char **argv);
static int fte_hours(AdmCtx *ctx, int argc, char **argv);
static int sweep(AdmCtx *ctx, int argc, char **argv);
static int parse_date(const char *what, const char *text, InvDate *out);
static int print_day(const InvTrainingDay *d, void *vctx);
static int print_scheme(const InvScheme *s, void *vctx);
static int print_member(const InvMembership *m, void *vctx);
static InvDate today(AdmCtx *ctx);
static void hours_text(int64_t seconds, char *buf, size_t size);
static void grouped(int64_t n, char *buf, size_t size);
static void pair_text(int64_t persons, int64_t seconds, char *buf, size_t size);

int adm_cmd_training(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("training needs a subcommand: report, days, day, scheme, member,"
                         " fte-hours or sweep");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "report") == 0) {
        return report(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "days") == 0) {
        return days(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "day") == 0) {
        if (argc >= 3 && strcmp(argv[2], "set") == 0) {
            return day_set(ctx, argc - 2, argv + 2);
        }
        if (argc >= 3 && strcmp(argv[2], "clear") == 0) {
            return day_clear(ctx, argc - 2, argv + 2);
        }
        return adm_usage("training day needs set or clear");
    }
    if (strcmp(sub, "scheme") == 0) {
        return scheme(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "member") == 0) {
        return member(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "fte-hours") == 0) {
        return fte_hours(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "sweep") == 0) {
        return sweep(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'training %s' (use report, days, day, scheme, member,"
                     " fte-hours or sweep)",
                     ADM_ESC(sub));
}

int adm_parse_hhmm(const char *text, int *minutes)
{
    if (strlen(text) != 5 || text[2] != ':') {
        return ADM_EXIT_USAGE;
    }
    for (int i = 0; i < 5; i++) {
        if (i != 2 && (text[i] < '0' || text[i] > '9')) {
            return ADM_EXIT_USAGE;
        }
    }
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) {
        return ADM_EXIT_USAGE;
    }
    *minutes = h * 60 + m;
    return ADM_EXIT_OK;
}

/* training report [--year Y]: the year's figures with last year's in brackets, then one line
 * per trainee. Forgotten check-outs are closed first (lazily, at report time). */
static int report(AdmCtx *ctx, int argc, char **argv)
{
    const char *year_text = NULL;
    const AdmOpt opts[] = {{"--year", &year_text, NULL}};
    size_t n_pos = 0;
    int year = 0;
    int rc = adm_parse("training report", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("training report", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && year_text != NULL) {
        rc = adm_parse_int("--year", year_text, ADM_YEAR_MIN + 1, ADM_YEAR_MAX - 1, &year);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (year_text == NULL) {
        year = inv_time_year(ctx->now);
    }
    int err = inv_training_close_forgotten(ctx->db, ctx->now, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot close forgotten check-outs");
    }
    InvTrainingYear y = {0};
    InvTrainingYear last = {0};
    err = inv_training_year(ctx->db, 0, year, &y);
    if (err == INV_OK) {
        err = inv_training_work(ctx->db, &y);
    }
    if (err == INV_OK) {
        err = inv_training_year(ctx->db, 0, year - 1, &last);
    }
    if (err != INV_OK) {
        inv_training_year_release(&y);
        return adm_fail_inv(ctx, err, "cannot read the work-training figures");
    }
    char a[64];
    char b[64];
    char fte_hours_text[32];
    grouped(y.fte_hours, fte_hours_text, sizeof fte_hours_text);
    printf("Arbeidstrening %d (%d)\n", year, year - 1);
    printf("  Deltagere:                 %lld (%lld)\n", (long long)y.participants,
           (long long)last.participants);
    printf("  Arbeidsdager:              %lld (%lld)\n", (long long)y.days, (long long)last.days);
    hours_text(y.seconds, a, sizeof a);
    hours_text(last.seconds, b, sizeof b);
    printf("  Timer:                     %s (%s)\n", a, b);
    snprintf(a, sizeof a, "%.2f", y.fte);
    snprintf(b, sizeof b, "%.2f", last.fte);
    for (char *p = a; *p; p++) {
        *p = *p == '.' ? ',' : *p;
    }
    for (char *p = b; *p; p++) {
        *p = *p == '.' ? ',' : *p;
    }
    printf("  Årsverk:                   %s (%s)  (%s timer per årsverk)\n", a, b, fte_hours_text);
    printf("  Dager lukket ved stengetid: %lld (%lld)\n", (long long)y.auto_days,
           (long long)last.auto_days);
    printf("  Utlån / utlånt utstyr / innleveringer / registreringer: %lld / %lld / %lld /"
           " %lld\n",
           (long long)y.loans, (long long)y.items_lent, (long long)y.returns,
           (long long)y.registrations);
    printf("  Reparasjoner / sykkeljobber / minutter på sykkeljobber: %lld / %lld / %lld\n",
           (long long)y.repairs, (long long)y.jobs, (long long)y.job_minutes);
    printf("Ordninger, antall personer/timer:\n");
    for (size_t i = 0; i < y.n_schemes; i++) {
        const InvSchemeYear *s = &y.schemes[i];
        int64_t lp = 0;
        int64_t ls = 0;
        for (size_t k = 0; k < last.n_schemes; k++) {
            if (strcmp(last.schemes[k].name, s->name) == 0) {
                lp = last.schemes[k].persons;
                ls = last.schemes[k].seconds;
            }
        }
        pair_text(s->persons, s->seconds, a, sizeof a);
        pair_text(lp, ls, b, sizeof b);
        printf("  %s: %s (%s)\n", ADM_ESC(s->name), a, b);
    }
    printf("Per deltager %d:\n", year);
    if (y.n_trainees == 0) {
        printf("  (ingen)\n");
    } else {
        printf("  ");
        adm_cell("navn", 24);
        adm_cell("kort", 12);
        printf("%5s %8s %6s %6s %6s %6s %6s %6s %6s\n", "dager", "timer", "utlån", "utstyr", "inn",
               "reg", "rep", "jobb", "min");
    }
    for (size_t i = 0; i < y.n_trainees; i++) {
        const InvTraineeYear *t = &y.trainees[i];
        hours_text(t->seconds, a, sizeof a);
        printf("  ");
        adm_cell(t->name, 24);
        adm_cell(t->card, 12);
        printf("%5lld %8s %6lld %6lld %6lld %6lld %6lld %6lld %6lld\n", (long long)t->days, a,
               (long long)t->loans, (long long)t->items_lent, (long long)t->returns,
               (long long)t->registrations, (long long)t->repairs, (long long)t->jobs,
               (long long)t->job_minutes);
    }
    inv_training_year_release(&y);
    inv_training_year_release(&last);
    return ADM_EXIT_OK;
}

/* training days [--card CARD] [--from DATE --to DATE] */
static int days(AdmCtx *ctx, int argc, char **argv)
{
    const char *card = NULL;
    const char *from_text = NULL;
    const char *to_text = NULL;
    const AdmOpt opts[] = {
        {"--card", &card, NULL}, {"--from", &from_text, NULL}, {"--to", &to_text, NULL}};
    size_t n_pos = 0;
    InvDate from = {0, 0, 0};
    InvDate to = {0, 0, 0};
    int rc = adm_parse("training days", argc, argv, opts, 3, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("training days", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && from_text != NULL) {
        rc = parse_date("--from", from_text, &from);
    }
    if (rc == ADM_EXIT_OK && to_text != NULL) {
        rc = parse_date("--to", to_text, &to);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (to_text == NULL) {
        to = today(ctx);
    }
    if (from_text == NULL) {
        from = inv_date_from_days(inv_date_days(to) - (DAYS_DEFAULT - 1));
    }
    if (inv_date_days(to) < inv_date_days(from)) {
        return adm_usage("--to is before --from");
    }
    int err = inv_training_close_forgotten(ctx->db, ctx->now, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot close forgotten check-outs");
    }
    int64_t n = 0;
    err = inv_training_each_day(ctx->db, card, from, to, print_day, &n);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the work days");
    }
    if (n == 0) {
        printf("(no work days)\n");
    }
    return ADM_EXIT_OK;
}

/* training day set CARD DATE --in HH:MM --out HH:MM [--staff LEADERCARD] */
static int day_set(AdmCtx *ctx, int argc, char **argv)
{
    const char *in_text = NULL;
    const char *out_text = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {
        {"--in", &in_text, NULL}, {"--out", &out_text, NULL}, {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    InvDate day = {0, 0, 0};
    int in_min = 0;
    int out_min = 0;
    int rc = adm_parse("training day set", argc, argv, opts, 3, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("training day set", n_pos, 2, 2, "CARD DATE", argv);
    }
    if (rc == ADM_EXIT_OK && (in_text == NULL || out_text == NULL)) {
        rc = adm_usage("training day set needs --in HH:MM and --out HH:MM");
    }
    if (rc == ADM_EXIT_OK) {
        rc = parse_date("DATE", argv[1], &day);
    }
    if (rc == ADM_EXIT_OK && adm_parse_hhmm(in_text, &in_min) != ADM_EXIT_OK) {
        rc = adm_usage("invalid --in '%s': use HH:MM, e.g. 09:30", ADM_ESC(in_text));
    }
    if (rc == ADM_EXIT_OK && adm_parse_hhmm(out_text, &out_min) != ADM_EXIT_OK) {
        rc = adm_usage("invalid --out '%s': use HH:MM, e.g. 15:00", ADM_ESC(out_text));
    }
    if (rc == ADM_EXIT_OK && out_min <= in_min) {
        rc = adm_usage("--out %s must be after --in %s", out_text, in_text);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int64_t by = 0;
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &by)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_training_day_set(ctx->db, argv[0], day, in_min, out_min, by, ctx->now);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot correct the work day");
    }
    char d[16];
    char h[32];
    inv_date_format(day, d, sizeof d);
    hours_text((int64_t)(out_min - in_min) * 60, h, sizeof h);
    printf("work day %s of card %s set to %s-%s (%s hours), corrected\n", d, ADM_ESC(argv[0]),
           in_text, out_text, h);
    return ADM_EXIT_OK;
}

/* training day clear CARD DATE [--staff LEADERCARD] */
static int day_clear(AdmCtx *ctx, int argc, char **argv)
{
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--staff", &staff, NULL}};
    size_t n_pos = 0;
    InvDate day = {0, 0, 0};
    int rc = adm_parse("training day clear", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("training day clear", n_pos, 2, 2, "CARD DATE", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = parse_date("DATE", argv[1], &day);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int64_t by = 0;
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &by)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_training_day_clear(ctx->db, argv[0], day, by);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot clear the work day");
    }
    printf("work day %s of card %s cleared\n", argv[1], ADM_ESC(argv[0]));
    return ADM_EXIT_OK;
}

/* training scheme list | add NAME | rename NAME NEW | remove NAME */
static int scheme(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("training scheme needs list, add, rename or remove");
    }
    const char *sub = argv[1];
    size_t n_pos = 0;
    int rc = adm_parse("training scheme", argc - 1, argv + 1, NULL, 0, &n_pos);
    char **pos = argv + 1;
    size_t want = 0;
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    if (strcmp(sub, "list") == 0) {
        want = 0;
    } else if (strcmp(sub, "add") == 0 || strcmp(sub, "remove") == 0) {
        want = 1;
    } else if (strcmp(sub, "rename") == 0) {
        want = 2;
    } else {
        return adm_usage("unknown subcommand 'training scheme %s' (use list, add, rename or"
                         " remove)",
                         ADM_ESC(sub));
    }
    rc = adm_want_args("training scheme", n_pos, want, want, want == 2 ? "NAME NEW_NAME" : "NAME",
                       pos);
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = INV_OK;
    if (strcmp(sub, "add") == 0) {
        err = inv_scheme_add(ctx->db, pos[0]);
        if (err == INV_OK) {
            printf("scheme %s added\n", ADM_ESC(pos[0]));
        }
    } else if (strcmp(sub, "remove") == 0) {
        err = inv_scheme_remove(ctx->db, pos[0]);
        if (err == INV_OK) {
            printf("scheme %s removed\n", ADM_ESC(pos[0]));
        }
    } else if (strcmp(sub, "rename") == 0) {
        err = inv_scheme_rename(ctx->db, pos[0], pos[1]);
        if (err == INV_OK) {
            printf("scheme %s renamed %s\n", ADM_ESC(pos[0]), ADM_ESC(pos[1]));
        }
    } else {
        printf("%-32s %8s %8s\n", "scheme", "current", "kept");
        err = inv_scheme_each(ctx->db, today(ctx), print_scheme, NULL);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "training scheme");
    }
    return ADM_EXIT_OK;
}

/* training member add CARD --scheme S --from DATE [--to DATE] | list [CARD] |
 * end ID --to DATE | remove ID */
static int member(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("training member needs add, list, end or remove");
    }
    const char *sub = argv[1];
    const char *scheme_name = NULL;
    const char *from_text = NULL;
    const char *to_text = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--scheme", &scheme_name, NULL},
                           {"--from", &from_text, NULL},
                           {"--to", &to_text, NULL},
                           {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    char **pos = argv + 1;
    InvDate from = {0, 0, 0};
    InvDate to = {0, 0, 0};
    int64_t id = 0;
    int rc = adm_parse("training member", argc - 1, argv + 1, opts, 4, &n_pos);
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    if (strcmp(sub, "add") == 0) {
        rc = adm_want_args("training member add", n_pos, 1, 1, "CARD", pos);
        if (rc == ADM_EXIT_OK && (scheme_name == NULL || from_text == NULL)) {
            rc = adm_usage("training member add needs --scheme NAME and --from DATE");
        }
        if (rc == ADM_EXIT_OK) {
            rc = parse_date("--from", from_text, &from);
        }
        if (rc == ADM_EXIT_OK && to_text != NULL) {
            rc = parse_date("--to", to_text, &to);
        }
    } else if (strcmp(sub, "list") == 0) {
        rc = adm_want_args("training member list", n_pos, 0, 1, "[CARD]", pos);
    } else if (strcmp(sub, "end") == 0 || strcmp(sub, "remove") == 0) {
        rc = adm_want_args("training member", n_pos, 1, 1, "ID", pos);
        if (rc == ADM_EXIT_OK) {
            rc = adm_parse_id("membership", "training member list", pos[0], &id);
        }
        if (rc == ADM_EXIT_OK && strcmp(sub, "end") == 0) {
            rc = to_text == NULL ? adm_usage("training member end needs --to DATE")
                                 : parse_date("--to", to_text, &to);
        }
    } else {
        return adm_usage("unknown subcommand 'training member %s' (use add, list, end or"
                         " remove)",
                         ADM_ESC(sub));
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = INV_OK;
    if (strcmp(sub, "add") == 0) {
        int64_t by = 0;
        if (staff != NULL && (rc = adm_staff_id(ctx, staff, &by)) != ADM_EXIT_OK) {
            return rc;
        }
        err = inv_membership_add(ctx->db, pos[0], scheme_name, from, to, by, ctx->now, &id);
        InvMembership m;
        if (err == INV_OK) {
            err = inv_membership_get(ctx->db, id, &m);
        }
        if (err == INV_OK) {
            printf("membership ");
            int64_t n = 0;
            print_member(&m, &n);
        }
    } else if (strcmp(sub, "list") == 0) {
        int64_t n = 0;
        err = inv_membership_each(ctx->db, n_pos == 1 ? pos[0] : NULL, print_member, &n);
        if (err == INV_OK && n == 0) {
            printf("(no memberships)\n");
        }
    } else if (strcmp(sub, "end") == 0) {
        err = inv_membership_end(ctx->db, id, to);
        if (err == INV_OK) {
            printf("membership %lld ends %s\n", (long long)id, to_text);
        }
    } else {
        err = inv_membership_remove(ctx->db, id);
        if (err == INV_OK) {
            printf("membership %lld removed\n", (long long)id);
        }
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "training member");
    }
    return ADM_EXIT_OK;
}

/* training fte-hours [N] */
static int fte_hours(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int hours = 0;
    int rc = adm_parse("training fte-hours", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("training fte-hours", n_pos, 0, 1, "[HOURS]", argv);
    }
    if (rc == ADM_EXIT_OK && n_pos == 1) {
        rc = adm_parse_int("HOURS", argv[0], INV_FTE_HOURS_MIN, INV_FTE_HOURS_MAX, &hours);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = n_pos == 1 ? inv_training_fte_hours_set(ctx->db, hours) : INV_OK;
    if (err == INV_OK) {
        err = inv_training_fte_hours(ctx->db, &hours);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "training fte-hours");
    }
    printf("hours per full-time equivalent: %d\n", hours);
    return ADM_EXIT_OK;
}

/* training sweep --months N [--dry-run] */
static int sweep(AdmCtx *ctx, int argc, char **argv)
{
    const char *months_text = NULL;
    bool dry = false;
    const AdmOpt opts[] = {{"--months", &months_text, NULL}, {"--dry-run", NULL, &dry}};
    size_t n_pos = 0;
    int months = 0;
    int rc = adm_parse("training sweep", argc, argv, opts, 2, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("training sweep", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && months_text == NULL) {
        rc = adm_usage("training sweep needs --months N");
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_int("--months", months_text, 1, 1200, &months);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    size_t n = 0;
    int err = inv_training_sweep(ctx->db, ctx->now, months, dry, &n);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "training sweep");
    }
    printf("%s %zu scheme membership(s) ended more than %d months ago\n",
           dry ? "would delete" : "deleted", n, months);
    return ADM_EXIT_OK;
}

static int parse_date(const char *what, const char *text, InvDate *out)
{
    if (!inv_date_parse(text, out)) {
        return adm_usage("invalid %s '%s': not a date (YYYY-MM-DD or DD.MM.YYYY, 1970 to 9999)",
                         what, ADM_ESC(text));
    }
    return ADM_EXIT_OK;
}

static int print_day(const InvTrainingDay *d, void *vctx)
{
    int64_t *n = vctx;
    char day[16];
    char in[32];
    char out[32] = "-";
    char h[32];
    inv_date_format(d->day, day, sizeof day);
    adm_time(d->first_in, false, in, sizeof in);
    if (d->last_out != 0) {
        adm_time(d->last_out, false, out, sizeof out);
    }
    hours_text(d->seconds, h, sizeof h);
    printf("%s  ", day);
    adm_cell(d->name, 24);
    adm_cell(d->card, 12);
    printf("%s-%s %6s h", in + 11, d->open ? "open" : out + 11, h);
    if (d->shifts > 1) {
        printf("  %d shifts", d->shifts);
    }
    if (d->auto_closed) {
        printf("  closed at closing time");
    }
    if (d->corrected_at != 0) {
        char at[32];
        adm_time(d->corrected_at, false, at, sizeof at);
        printf("  corrected %s%s%s", at, d->corrected_by[0] ? " by " : "",
               ADM_ESC(d->corrected_by));
    }
    printf("\n");
    (*n)++;
    return 0;
}

static int print_scheme(const InvScheme *s, void *vctx)
{
    (void)vctx;
    printf("%-32s %8lld %8lld\n", ADM_ESC(s->name), (long long)s->current, (long long)s->members);
    return 0;
}

static int print_member(const InvMembership *m, void *vctx)
{
    int64_t *n = vctx;
    char from[16];
    char to[16] = "";
    inv_date_format(m->from, from, sizeof from);
    if (m->to.year != 0) {
        inv_date_format(m->to, to, sizeof to);
    }
    printf("%lld  ", (long long)m->id);
    adm_cell(m->name, 24);
    adm_cell(m->card, 12);
    adm_cell(m->scheme, 24);
    printf("%s to %s\n", from, to[0] ? to : "(running)");
    (*n)++;
    return 0;
}

static InvDate today(AdmCtx *ctx)
{
    char buf[32];
    InvDate d = {1970, 1, 1};
    inv_time_format(ctx->now, true, buf, sizeof buf);
    inv_date_parse(buf, &d);
    return d;
}

/* seconds as hours with one decimal and a decimal comma: "7,5" */
static void hours_text(int64_t seconds, char *buf, size_t size)
{
    int64_t tenths = (seconds + 180) / 360;
    char whole[24];
    grouped(tenths / 10, whole, sizeof whole);
    snprintf(buf, size, "%s,%d", whole, (int)(tenths % 10));
}

/* Norwegian digit grouping: "13 334" */
static void grouped(int64_t n, char *buf, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
    size_t len = strlen(digits);
    size_t at = 0;
    if (n < 0 && at + 1 < size) {
        buf[at++] = '-';
    }
    for (size_t i = 0; i < len && at + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            buf[at++] = ' ';
        }
        buf[at++] = digits[i];
    }
    buf[at] = '\0';
}

/* persons/hours as the centres print them: "2/78" (whole hours, rounded) */
static void pair_text(int64_t persons, int64_t seconds, char *buf, size_t size)
{
    char h[32];
    grouped((seconds + 1800) / 3600, h, sizeof h);
    snprintf(buf, size, "%lld/%s", (long long)persons, h);
}
