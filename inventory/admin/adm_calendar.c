/* The calendar commands of bua-admin: the centre's closed days (weekly, dated closures, public
 * holidays) that due dates move past, and its open days. */
#include "adm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Day names accepted for --closed, Monday first: English and Norwegian, short and long. */
static const char *const day_names[7][6] = {
    {"mon", "monday", "man", "mandag", NULL, NULL},
    {"tue", "tuesday", "tir", "tirsdag", NULL, NULL},
    {"wed", "wednesday", "ons", "onsdag", NULL, NULL},
    {"thu", "thursday", "tor", "torsdag", NULL, NULL},
    {"fri", "friday", "fre", "fredag", NULL, NULL},
    {"sat", "saturday", "lør", "lørdag", "lor", "lordag"},
    {"sun", "sunday", "søn", "søndag", "son", "sondag"},
};

/* A run of closed days being printed: the days of one closure make one line. */
typedef struct ShowCtx {
    bool pending;
    InvDay first;
    InvDate last;
    char note[INV_TEXT_MAX];
    int64_t closed;
} ShowCtx;

static int show(AdmCtx *ctx, int argc, char **argv);
static int closed_add(AdmCtx *ctx, int argc, char **argv);
static int closed_remove(AdmCtx *ctx, int argc, char **argv);
static int weekly(AdmCtx *ctx, int argc, char **argv);
static int holidays(AdmCtx *ctx, int argc, char **argv);
static int parse_date(const char *what, const char *text, InvDate *out);
static int parse_days(const char *opt, const char *text, unsigned *mask);
static int hours(AdmCtx *ctx, int argc, char **argv);
static void days_text(unsigned mask, char *buf, size_t size);
static int show_day(const InvDay *day, void *vctx);
static void flush(ShowCtx *s);
static const char *kind_name(InvDayKind kind);

int adm_cmd_calendar(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("calendar needs a subcommand: show, closed, weekly, holidays or hours");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "show") == 0) {
        return show(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "weekly") == 0) {
        return weekly(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "holidays") == 0) {
        return holidays(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "hours") == 0) {
        return hours(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "closed") == 0) {
        if (argc >= 3 && strcmp(argv[2], "add") == 0) {
            return closed_add(ctx, argc - 2, argv + 2);
        }
        if (argc >= 3 && strcmp(argv[2], "remove") == 0) {
            return closed_remove(ctx, argc - 2, argv + 2);
        }
        if (argc < 3) {
            return adm_usage("calendar closed needs add or remove");
        }
        return adm_usage("unknown subcommand 'calendar closed %s' (use add or remove)", argv[2]);
    }
    return adm_usage(
        "unknown subcommand 'calendar %s' (use show, closed, weekly, holidays or hours)", sub);
}

static int show(AdmCtx *ctx, int argc, char **argv)
{
    const char *year_text = NULL;
    const char *from_text = NULL;
    const char *to_text = NULL;
    const AdmOpt opts[] = {
        {"--year", &year_text, NULL}, {"--from", &from_text, NULL}, {"--to", &to_text, NULL}};
    size_t n_pos = 0;
    int year = 0;
    InvDate from = {0, 0, 0};
    InvDate to = {0, 0, 0};

    int rc = adm_parse("calendar show", argc, argv, opts, 3, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("calendar show", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && year_text != NULL && (from_text != NULL || to_text != NULL)) {
        rc = adm_usage("calendar show takes --year or --from and --to, not both");
    }
    if (rc == ADM_EXIT_OK && (from_text == NULL) != (to_text == NULL)) {
        rc = adm_usage("calendar show needs both --from and --to");
    }
    if (rc == ADM_EXIT_OK && year_text != NULL) {
        rc = adm_parse_int("--year", year_text, ADM_YEAR_MIN, ADM_YEAR_MAX, &year);
    }
    if (rc == ADM_EXIT_OK && from_text != NULL) {
        rc = parse_date("--from", from_text, &from);
        if (rc == ADM_EXIT_OK) {
            rc = parse_date("--to", to_text, &to);
        }
        if (rc == ADM_EXIT_OK && inv_date_days(to) < inv_date_days(from)) {
            rc = adm_usage("--to %s is before --from %s", to_text, from_text);
        }
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (from_text == NULL) {
        if (year_text == NULL) {
            year = inv_time_year(ctx->now);
        }
        from = (InvDate){year, 1, 1};
        to = (InvDate){year, 12, 31};
    }
    InvCalendarRules rules = {0, false};
    int err = inv_calendar_rules(ctx->db, &rules);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the calendar");
    }
    char a[16] = "";
    char b[16] = "";
    char weekly_text[64] = "";
    inv_date_format(from, a, sizeof a);
    inv_date_format(to, b, sizeof b);
    days_text(rules.closed_weekdays, weekly_text, sizeof weekly_text);
    printf("calendar %s to %s (time zone %s)\n", a, b, inv_timezone(ctx->db));
    printf("weekly closed:   %s\n", weekly_text);
    printf("public holidays: %s\n", rules.holidays_open ? "open" : "closed");
    printf("closed days:\n");
    ShowCtx s;
    memset(&s, 0, sizeof s);
    int64_t open = 0;
    err = inv_calendar_each_closed(ctx->db, from, to, show_day, &s, &open);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the calendar");
    }
    flush(&s);
    if (s.closed == 0) {
        printf("  (none)\n");
    }
    printf("open days: %lld of %lld\n", (long long)open,
           (long long)(inv_date_days(to) - inv_date_days(from) + 1));
    return ADM_EXIT_OK;
}

static int closed_add(AdmCtx *ctx, int argc, char **argv)
{
    const char *to_text = NULL;
    const char *note = NULL;
    const AdmOpt opts[] = {{"--to", &to_text, NULL}, {"--note", &note, NULL}};
    size_t n_pos = 0;
    InvDate first = {0, 0, 0};
    InvDate last = {0, 0, 0};

    int rc = adm_parse("calendar closed add", argc, argv, opts, 2, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("calendar closed add", n_pos, 1, 1, "a DATE", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = parse_date("date", argv[0], &first);
    }
    last = first;
    if (rc == ADM_EXIT_OK && to_text != NULL) {
        rc = parse_date("--to", to_text, &last);
    }
    if (rc == ADM_EXIT_OK && inv_date_days(last) < inv_date_days(first)) {
        rc = adm_usage("a closure cannot end (--to %s) before it starts (%s)", to_text, argv[0]);
    }
    if (rc == ADM_EXIT_OK && note != NULL && strlen(note) >= INV_TEXT_MAX) {
        rc = adm_usage("--note is longer than %d bytes", INV_TEXT_MAX - 1);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_closure_add(ctx->db, first, last, note);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot add the closure");
    }
    char a[16] = "";
    char b[16] = "";
    inv_date_format(first, a, sizeof a);
    inv_date_format(last, b, sizeof b);
    int64_t days = inv_date_days(last) - inv_date_days(first) + 1;
    printf("closed %s%s%s (%lld day%s)%s%s\n", a, days > 1 ? " to " : "", days > 1 ? b : "",
           (long long)days, days > 1 ? "s" : "", note != NULL && note[0] != '\0' ? ": " : "",
           note != NULL ? ADM_ESC(note) : "");
    return ADM_EXIT_OK;
}

static int closed_remove(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    InvDate first = {0, 0, 0};

    int rc = adm_parse("calendar closed remove", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("calendar closed remove", n_pos, 1, 1, "the closure's first DATE", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = parse_date("date", argv[0], &first);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_closure_remove(ctx->db, first);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot remove the closure");
    }
    char a[16] = "";
    inv_date_format(first, a, sizeof a);
    printf("removed the closure starting %s\n", a);
    return ADM_EXIT_OK;
}

static int weekly(AdmCtx *ctx, int argc, char **argv)
{
    const char *closed = NULL;
    const AdmOpt opts[] = {{"--closed", &closed, NULL}};
    size_t n_pos = 0;
    unsigned mask = 0;

    int rc = adm_parse("calendar weekly", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("calendar weekly", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && closed == NULL) {
        rc = adm_usage("calendar weekly needs --closed DAYS (e.g. wed,sun or none)");
    }
    if (rc == ADM_EXIT_OK) {
        rc = parse_days("--closed", closed, &mask);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_calendar_set_weekly(ctx->db, mask);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot set the closed weekdays");
    }
    char text[64] = "";
    days_text(mask, text, sizeof text);
    printf("weekly closed: %s\n", text);
    return ADM_EXIT_OK;
}

static int holidays(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int rc = adm_parse("calendar holidays", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("calendar holidays", n_pos, 1, 1, "closed or open", argv);
    }
    if (rc == ADM_EXIT_OK && strcmp(argv[0], "closed") != 0 && strcmp(argv[0], "open") != 0) {
        rc = adm_usage("invalid calendar holidays '%s': use closed or open", argv[0]);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    bool open = strcmp(argv[0], "open") == 0;
    int err = inv_calendar_set_holidays(ctx->db, open);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot set the public holiday rule");
    }
    printf("public holidays: %s\n", open ? "open" : "closed");
    return ADM_EXIT_OK;
}

/* A date argument; a usage error naming `what` if it is none. */
static int parse_date(const char *what, const char *text, InvDate *out)
{
    if (!inv_date_parse(text, out)) {
        return adm_usage("invalid %s '%s': not a date (YYYY-MM-DD or DD.MM.YYYY, 1970 to 9999)",
                         what, text);
    }
    return ADM_EXIT_OK;
}

/* "wed,sun" (English or Norwegian names, any case) or "none" into a weekday mask. */
static int parse_days(const char *opt, const char *text, unsigned *mask)
{
    char buf[256] = "";
    if (!adm_copy(buf, sizeof buf, text)) {
        return adm_usage("invalid %s: longer than %zu bytes", opt, sizeof buf - 1);
    }
    *mask = 0;
    if (strcmp(buf, "none") == 0) {
        return ADM_EXIT_OK;
    }
    char *p = buf;
    while (true) {
        char *comma = strchr(p, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        while (*p == ' ') {
            p++;
        }
        size_t n = strlen(p);
        while (n > 0 && p[n - 1] == ' ') {
            p[--n] = '\0';
        }
        for (unsigned char *c = (unsigned char *)p; *c != '\0'; c++) {
            if (*c >= 'A' && *c <= 'Z') {
                *c = (unsigned char)(*c - 'A' + 'a');
            } else if (*c == 0xC3 && c[1] >= 0x80 && c[1] <= 0x9E && c[1] != 0x97) {
                c[1] = (unsigned char)(c[1] + 0x20); /* Æ Ø Å and the other Latin-1 capitals */
                c++;
            }
        }
        int day = -1;
        for (int d = 0; d < 7 && day < 0; d++) {
            for (int k = 0; k < 6 && day_names[d][k] != NULL; k++) {
                if (strcmp(p, day_names[d][k]) == 0) {
                    day = d;
                    break;
                }
            }
        }
        if (day < 0) {
            return adm_usage("invalid %s: unknown day '%s' (use mon,tue,wed,thu,fri,sat,sun,"
                             " man,tir,ons,tor,fre,lør,søn, or none)",
                             opt, ADM_ESC(p));
        }
        *mask |= 1u << day;
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    return ADM_EXIT_OK;
}

/* "wed, sun" or "none". */
static void days_text(unsigned mask, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int d = 0; d < 7; d++) {
        if ((mask & (1u << d)) == 0) {
            continue;
        }
        int n = snprintf(buf + at, size - at, "%s%s", at > 0 ? ", " : "", day_names[d][0]);
        if (n < 0 || (size_t)n >= size - at) {
            break;
        }
        at += (size_t)n;
    }
    if (at == 0) {
        adm_copy(buf, size, "none");
    }
}

static int show_day(const InvDay *day, void *vctx)
{
    ShowCtx *s = vctx;
    s->closed++;
    if (s->pending && day->kind == INV_DAY_CLOSURE && s->first.kind == INV_DAY_CLOSURE &&
        inv_date_days(day->date) == inv_date_days(s->last) + 1 && strcmp(day->note, s->note) == 0) {
        s->last = day->date;
        return 0;
    }
    flush(s);
    s->pending = true;
    s->first = *day;
    s->last = day->date;
    adm_copy(s->note, sizeof s->note, day->note);
    s->first.note = s->note;
    return 0;
}

/* Prints the pending line: "  2026-04-06 mon  holiday  Easter Monday (2. påskedag)". */
static void flush(ShowCtx *s)
{
    if (!s->pending) {
        return;
    }
    s->pending = false;
    char a[16] = "";
    char b[16] = "";
    char rest[ADM_ESC_MAX + 128] = "";
    inv_date_format(s->first.date, a, sizeof a);
    inv_date_format(s->last, b, sizeof b);
    const char *nb = inv_holiday_name(s->first.holiday, true);
    const char *en = inv_holiday_name(s->first.holiday, false);
    switch (s->first.kind) {
    case INV_DAY_CLOSURE: {
        int64_t n = inv_date_days(s->last) - inv_date_days(s->first.date) + 1;
        char span[64] = "";
        if (n > 1) {
            snprintf(span, sizeof span, "to %s %s (%lld days)", b,
                     day_names[inv_date_weekday(s->last)][0], (long long)n);
        }
        snprintf(rest, sizeof rest, "%s%s%s", span, n > 1 && s->note[0] != '\0' ? ": " : "",
                 ADM_ESC(s->note));
        break;
    }
    case INV_DAY_HOLIDAY:
        snprintf(rest, sizeof rest, "%s (%s)", en, nb);
        break;
    case INV_DAY_WEEKLY:
    case INV_DAY_OPEN:
        if (s->first.holiday != INV_HOLIDAY_NONE) { /* a holiday on a weekly closed day */
            snprintf(rest, sizeof rest, "also %s (%s)", en, nb);
        }
        break;
    }
    if (rest[0] == '\0') {
        printf("  %s %s  %s\n", a, day_names[inv_date_weekday(s->first.date)][0],
               kind_name(s->first.kind));
    } else {
        printf("  %s %s  %-8s %s\n", a, day_names[inv_date_weekday(s->first.date)][0],
               kind_name(s->first.kind), rest);
    }
}

static const char *kind_name(InvDayKind kind)
{
    switch (kind) {
    case INV_DAY_CLOSURE:
        return "closure";
    case INV_DAY_HOLIDAY:
        return "holiday";
    case INV_DAY_WEEKLY:
        return "weekly";
    case INV_DAY_OPEN:
        break;
    }
    return "open";
}

/* calendar hours [HH:MM-HH:MM [--day DAYS]]: the opening hours per weekday (a forgotten
 * check-out of a trainee closes at its day's closing time), shown or set. */
static int hours(AdmCtx *ctx, int argc, char **argv)
{
    const char *day_text = NULL;
    const AdmOpt opts[] = {{"--day", &day_text, NULL}};
    size_t n_pos = 0;
    unsigned mask = INV_WEEKDAYS_ALL;
    int opens = 0;
    int closes = 0;

    int rc = adm_parse("calendar hours", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("calendar hours", n_pos, 0, 1, "HH:MM-HH:MM", argv);
    }
    if (rc == ADM_EXIT_OK && n_pos == 0 && day_text != NULL) {
        rc = adm_usage("calendar hours --day needs the hours, e.g. 10:00-18:00");
    }
    if (rc == ADM_EXIT_OK && day_text != NULL) {
        rc = parse_days("--day", day_text, &mask);
        if (rc == ADM_EXIT_OK && mask == 0) {
            rc = adm_usage("invalid --day: name at least one day");
        }
    }
    if (rc == ADM_EXIT_OK && n_pos == 1) {
        char buf[32] = "";
        char *dash = NULL;
        if (adm_copy(buf, sizeof buf, argv[0])) {
            dash = strchr(buf, '-');
        }
        if (dash != NULL) {
            *dash = '\0';
        }
        if (dash == NULL || adm_parse_hhmm(buf, &opens) != ADM_EXIT_OK ||
            adm_parse_hhmm(dash + 1, &closes) != ADM_EXIT_OK) {
            rc = adm_usage("invalid opening hours '%s': use HH:MM-HH:MM, e.g. 10:00-18:00",
                           ADM_ESC(argv[0]));
        } else if (opens >= closes) {
            rc = adm_usage("invalid opening hours '%s': the centre must open before it closes",
                           ADM_ESC(argv[0]));
        }
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (n_pos == 1) {
        int err = inv_hours_set(ctx->db, mask, opens, closes);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot set the opening hours");
        }
    }
    printf("opening hours (a trainee's forgotten check-out closes at closing time):\n");
    for (int d = 0; d < 7; d++) {
        bool set = false;
        int err = inv_hours(ctx->db, d, &opens, &closes, &set);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot read the opening hours");
        }
        printf("  %s  %02d:%02d-%02d:%02d%s\n", day_names[d][0], opens / 60, opens % 60,
               closes / 60, closes % 60, set ? "" : "  (default)");
    }
    return ADM_EXIT_OK;
}
