/* The renewal and reservation commands of bua-admin: renew a loan, book an item or N items of a
 * category for whole days, list, show and cancel reservations, and the centre's rules for both
 * (lend-rules). The store decides every refusal; these commands check the command line and
 * print what was done. */
#include "adm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reservation_list(AdmCtx *ctx, int argc, char **argv);
static int reservation_show(AdmCtx *ctx, int argc, char **argv);
static int reservation_cancel(AdmCtx *ctx, int argc, char **argv);
static int check_day(const char *what, const char *text);
static void day(int64_t t, char *buf, size_t size);
static void what_text(const InvReservation *r, char *buf, size_t size);
static int print_row(const InvReservation *r, void *ctx);
static int print_item(const InvReservedItem *it, void *ctx);

int adm_cmd_renew(AdmCtx *ctx, int argc, char **argv)
{
    const char *days_text = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--days", &days_text, NULL}, {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int days = 0;
    InvRenew r = {0};
    InvRenewed out = {0};

    int rc = adm_parse("renew", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("renew", n_pos, 1, 1, "one BARCODE", argv);
    }
    if (rc == ADM_EXIT_OK && days_text != NULL) {
        rc = adm_parse_int("--days", days_text, 1, 366, &days);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &r.staff_id)) != ADM_EXIT_OK) {
        return rc;
    }
    r.barcode = argv[0];
    r.days = days;
    r.now = ctx->now;
    int err = inv_renew(ctx->db, &r, &out);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot renew");
    }
    InvLendRules rules = {0};
    err = inv_lend_rules(ctx->db, &rules);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the lending rules");
    }
    char due[32] = "";
    char old[32] = "";
    adm_time(out.line.due_at, false, due, sizeof due);
    adm_time(out.old_due_at, false, old, sizeof old);
    printf("renewed %s %s for %s (card %s): due %s (was %s), renewal %d of %d\n", out.line.barcode,
           ADM_ESC(out.line.item_name), ADM_ESC(out.line.borrower_name), out.line.card, due, old,
           out.renewals, rules.renew_max);
    return ADM_EXIT_OK;
}

int adm_cmd_reserve(AdmCtx *ctx, int argc, char **argv)
{
    const char *card = NULL;
    const char *category = NULL;
    const char *count_text = NULL;
    const char *from = NULL;
    const char *to = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--card", &card, NULL},
                           {"--category", &category, NULL},
                           {"--count", &count_text, NULL},
                           {"--from", &from, NULL},
                           {"--to", &to, NULL},
                           {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int count = 0;
    InvReserve r = {0};
    InvBorrower b = {0};
    int64_t id = 0;

    int rc = adm_parse("reserve", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK && card == NULL) {
        rc = adm_usage("reserve needs --card CARD");
    }
    if (rc == ADM_EXIT_OK && (from == NULL || to == NULL)) {
        rc = adm_usage("reserve needs --from DATE and --to DATE (YYYY-MM-DD, whole days)");
    }
    if (rc == ADM_EXIT_OK && category == NULL) {
        rc = adm_want_args("reserve", n_pos, 1, 1, "one BARCODE (or --category NAME --count N)",
                           argv);
        if (rc == ADM_EXIT_OK && count_text != NULL) {
            rc = adm_usage("reserve: --count goes with --category, not with a BARCODE");
        }
    } else if (rc == ADM_EXIT_OK) {
        if (n_pos > 0) {
            rc = adm_usage("reserve: give a BARCODE or --category, not both");
        } else if (count_text == NULL) {
            rc = adm_usage("reserve --category needs --count N");
        } else {
            rc = adm_parse_int("--count", count_text, 1, INV_RESERVE_COUNT_MAX, &count);
        }
    }
    if (rc == ADM_EXIT_OK) {
        rc = check_day("--from", from);
    }
    if (rc == ADM_EXIT_OK) {
        rc = check_day("--to", to);
    }
    if (rc == ADM_EXIT_OK && strcmp(to, from) < 0) { /* same format: text order is day order */
        rc = adm_usage("reserve: --to %s is before --from %s: a reservation cannot end before it "
                       "starts",
                       to, from);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_borrower_get(ctx->db, card, &b);
    if (err == INV_E_UNKNOWN_BORROWER) {
        return adm_fail("cannot reserve for card %s: unknown card", card);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot reserve");
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &r.staff_id)) != ADM_EXIT_OK) {
        return rc;
    }
    if (!inv_time_parse(from, &r.from) || !inv_time_parse(to, &r.to)) {
        return adm_usage("reserve: --from and --to are days YYYY-MM-DD");
    }
    r.borrower_id = b.id;
    r.barcode = category == NULL ? argv[0] : NULL;
    r.category = category;
    r.count = count;
    r.now = ctx->now;
    err = inv_reserve(ctx->db, &r, &id);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot reserve");
    }
    InvReservation res = {0};
    err = inv_reservation_get(ctx->db, id, ctx->now, &res);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the reservation");
    }
    char what[INV_NAME_MAX * 2] = "";
    char a[32] = "";
    char z[32] = "";
    char pickup[32] = "";
    what_text(&res, what, sizeof what);
    day(res.starts_at, a, sizeof a);
    day(res.ends_at, z, sizeof z);
    day(res.pickup_by, pickup, sizeof pickup);
    printf("reservation %lld for %s (card %s): %s, %s to %s, collect by the end of %s\n",
           (long long)id, ADM_ESC(b.name), b.card, ADM_ESC(what), a, z, pickup);
    if (category != NULL) {
        err = inv_reservation_each_item(ctx->db, id, ctx->now, print_item, NULL);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot list the reservation");
        }
    }
    return ADM_EXIT_OK;
}

int adm_cmd_reservation(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("reservation needs a subcommand: list, show or cancel");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0) {
        return reservation_list(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "show") == 0) {
        return reservation_show(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "cancel") == 0) {
        return reservation_cancel(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'reservation %s' (use list, show or cancel)", sub);
}

int adm_cmd_lend_rules(AdmCtx *ctx, int argc, char **argv)
{
    const char *max_text = NULL;
    const char *late_text = NULL;
    const char *pickup_text = NULL;
    const AdmOpt opts[] = {{"--renew-max", &max_text, NULL},
                           {"--renew-overdue-days", &late_text, NULL},
                           {"--pickup-days", &pickup_text, NULL}};
    size_t n_pos = 0;
    int v = 0;
    InvLendRules r = {0};

    int rc = adm_parse("lend-rules", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("lend-rules", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && max_text != NULL) {
        rc = adm_parse_int("--renew-max", max_text, 0, 100, &v);
    }
    if (rc == ADM_EXIT_OK && late_text != NULL) {
        rc = adm_parse_int("--renew-overdue-days", late_text, 0, 366, &v);
    }
    if (rc == ADM_EXIT_OK && pickup_text != NULL) {
        rc = adm_parse_int("--pickup-days", pickup_text, 1, 366, &v);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_lend_rules(ctx->db, &r);
    if (err == INV_OK && (max_text != NULL || late_text != NULL || pickup_text != NULL)) {
        if (max_text != NULL) {
            adm_parse_int("--renew-max", max_text, 0, 100, &r.renew_max);
        }
        if (late_text != NULL) {
            adm_parse_int("--renew-overdue-days", late_text, 0, 366, &r.renew_overdue_days);
        }
        if (pickup_text != NULL) {
            adm_parse_int("--pickup-days", pickup_text, 1, 366, &r.pickup_days);
        }
        err = inv_lend_rules_set(ctx->db, &r);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot set the lending rules");
    }
    printf("renew_max %d\nrenew_overdue_days %d\nreservation_pickup_days %d\n", r.renew_max,
           r.renew_overdue_days, r.pickup_days);
    return ADM_EXIT_OK;
}

static int reservation_list(AdmCtx *ctx, int argc, char **argv)
{
    bool all = false;
    const AdmOpt opts[] = {{"--all", NULL, &all}};
    size_t n_pos = 0;
    int rc = adm_parse("reservation list", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("reservation list", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_reservation_each(ctx->db, ctx->now, all, print_row, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list reservations");
    }
    return ADM_EXIT_OK;
}

static int reservation_show(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int64_t id = 0;
    InvReservation r = {0};
    int rc = adm_parse("reservation show", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("reservation show", n_pos, 1, 1, "one reservation ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("reservation", "reserve", argv[0], &id);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_reservation_get(ctx->db, id, ctx->now, &r);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show the reservation");
    }
    char what[INV_NAME_MAX * 2] = "";
    char a[32] = "";
    char z[32] = "";
    char pickup[32] = "";
    char made[32] = "";
    what_text(&r, what, sizeof what);
    day(r.starts_at, a, sizeof a);
    day(r.ends_at, z, sizeof z);
    day(r.pickup_by, pickup, sizeof pickup);
    adm_time(r.made_at, false, made, sizeof made);
    printf("reservation %lld: %s\n", (long long)r.id, inv_reservation_state_name(r.state));
    printf("  borrower   %s (card %s)\n", ADM_ESC(r.borrower_name), r.card);
    printf("  items      %s\n", ADM_ESC(what));
    printf("  days       %s to %s\n", a, z);
    printf("  collect by %s\n", pickup);
    printf("  collected  %d of %d\n", r.collected, r.count);
    printf("  made       %s\n", made);
    if (r.cancelled_at != 0) {
        char when[32] = "";
        adm_time(r.cancelled_at, false, when, sizeof when);
        printf("  cancelled  %s\n", when);
    }
    err = inv_reservation_each_item(ctx->db, id, ctx->now, print_item, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show the reservation");
    }
    return ADM_EXIT_OK;
}

static int reservation_cancel(AdmCtx *ctx, int argc, char **argv)
{
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t id = 0;
    int64_t staff_no = 0;
    int rc = adm_parse("reservation cancel", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("reservation cancel", n_pos, 1, 1, "one reservation ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("reservation", "reserve", argv[0], &id);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_no)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_reservation_cancel(ctx->db, id, staff_no, ctx->now);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot cancel");
    }
    printf("cancelled reservation %lld: its items are free again\n", (long long)id);
    return ADM_EXIT_OK;
}

/* A whole day YYYY-MM-DD that exists (2026-02-30 does not). */
static int check_day(const char *what, const char *text)
{
    int64_t t = 0;
    if (strlen(text) != 10 || !inv_time_parse(text, &t)) {
        return adm_usage("invalid %s '%s': a day YYYY-MM-DD that exists", what, text);
    }
    return ADM_EXIT_OK;
}

static void day(int64_t t, char *buf, size_t size)
{
    adm_time(t, true, buf, size);
}

static void what_text(const InvReservation *r, char *buf, size_t size)
{
    if (r->category[0] != '\0') {
        snprintf(buf, size, "%d %s of %s", r->count, r->count == 1 ? "item" : "items", r->category);
    } else {
        snprintf(buf, size, "%s %s", r->barcode, r->item_name);
    }
}

static int print_row(const InvReservation *r, void *ctx)
{
    char what[INV_NAME_MAX * 2] = "";
    char a[32] = "";
    char z[32] = "";
    char id[24] = "";
    char got[24] = "";
    (void)ctx;
    what_text(r, what, sizeof what);
    day(r->starts_at, a, sizeof a);
    day(r->ends_at, z, sizeof z);
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(got, sizeof got, "%d/%d", r->collected, r->count);
    adm_cell(id, 5);
    adm_cell(inv_reservation_state_name(r->state), 9);
    adm_cell(a, 10);
    adm_cell(z, 10);
    adm_cell(r->card, 10);
    adm_cell(r->borrower_name, 20);
    adm_cell(got, 7);
    printf("%s\n", ADM_ESC(what));
    return 0;
}

static int print_item(const InvReservedItem *it, void *ctx)
{
    (void)ctx;
    fputs("  ", stdout);
    adm_cell(it->barcode, 12);
    adm_cell(it->name, 24);
    if (it->collected_at != 0) {
        char when[32] = "";
        adm_time(it->collected_at, false, when, sizeof when);
        printf("collected %s\n", when);
    } else {
        puts(it->held ? "held" : "freed");
    }
    return 0;
}
