/* The staff account commands of bua-admin after `staff add` (adm_people.c): list, set (name,
 * role, a new card, an expiry date for summer-job accounts), disable, enable and pin (a new PIN,
 * read as staff add reads it). The store keeps the rules: the last active leader stays, a
 * replaced card is refused, a date in the past is refused. */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#define PIN_BUF 64

static int staff_list(AdmCtx *ctx, int argc, char **argv);
static int staff_set(AdmCtx *ctx, int argc, char **argv);
static int staff_enable(AdmCtx *ctx, int argc, char **argv, bool enabled);
static int staff_pin(AdmCtx *ctx, int argc, char **argv);
static int print_staff(const InvStaff *s, void *ctx);
static void state_text(const InvStaff *s, int64_t now, char *buf, size_t size);

int adm_staff_account(AdmCtx *ctx, int argc, char **argv)
{
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0) {
        return staff_list(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "set") == 0) {
        return staff_set(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "disable") == 0) {
        return staff_enable(ctx, argc - 1, argv + 1, false);
    }
    if (strcmp(sub, "enable") == 0) {
        return staff_enable(ctx, argc - 1, argv + 1, true);
    }
    if (strcmp(sub, "pin") == 0) {
        return staff_pin(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'staff %s' (use add, list, set, disable, enable or pin)",
                     sub);
}

static int staff_list(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int rc = adm_parse("staff list", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("staff list", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_staff_each(ctx->db, print_staff, ctx);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list staff");
    }
    return ADM_EXIT_OK;
}

static int staff_set(AdmCtx *ctx, int argc, char **argv)
{
    const char *name = NULL;
    const char *role = NULL;
    const char *card = NULL;
    const char *expires = NULL;
    bool no_expiry = false;
    const AdmOpt opts[] = {
        {"--name", &name, NULL},       {"--role", &role, NULL},           {"--card", &card, NULL},
        {"--expires", &expires, NULL}, {"--no-expiry", NULL, &no_expiry},
    };
    InvStaffEdit e = {.expires = INV_UNCHANGED};
    InvRole r = INV_ROLE_TRAINEE;
    char fields[128] = "";
    size_t n_pos = 0;

    int rc = adm_parse("staff set", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("staff set", n_pos, 1, 1, "a staff CARD", argv);
    }
    if (rc == ADM_EXIT_OK && expires != NULL && no_expiry) {
        rc = adm_usage("staff set takes --expires DATE or --no-expiry, not both");
    }
    if (rc == ADM_EXIT_OK && name == NULL && role == NULL && card == NULL && expires == NULL &&
        !no_expiry) {
        rc = adm_usage("staff set needs something to change: --name, --role, --card, --expires"
                       " or --no-expiry");
    }
    if (rc == ADM_EXIT_OK && name != NULL && name[0] == '\0') {
        rc = adm_usage("invalid --name: empty");
    }
    if (rc == ADM_EXIT_OK && name != NULL && strlen(name) >= INV_NAME_MAX) {
        rc = adm_usage("invalid --name: longer than %d bytes", INV_NAME_MAX - 1);
    }
    if (rc == ADM_EXIT_OK && role != NULL && !inv_role_parse(role, &r)) {
        rc = adm_usage("invalid --role '%s': use trainee or leader", role);
    }
    if (rc == ADM_EXIT_OK && card != NULL && (card[0] == '\0' || strlen(card) >= INV_CODE_MAX)) {
        rc = adm_usage("invalid --card '%s': 1 to %d characters", card, INV_CODE_MAX - 1);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (expires != NULL && !inv_time_parse(expires, &e.expires)) {
        return adm_usage("invalid --expires '%s': not a date (YYYY-MM-DD)", expires);
    }
    if (no_expiry) {
        e.expires = 0;
    }
    e.name = name;
    e.role = role != NULL ? (int)r : 0;
    e.new_card = card;
    e.now = ctx->now;
    int err = inv_staff_set(ctx->db, argv[0], &e, fields, sizeof fields);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot change staff");
    }
    if (fields[0] == '\0') {
        printf("staff %s: nothing changed\n", argv[0]);
        return ADM_EXIT_OK;
    }
    for (char *c = fields; *c != '\0'; c++) {
        if (*c == ',') {
            *c = ' ';
        }
    }
    printf("changed staff %s: %s\n", card != NULL ? card : argv[0], fields);
    return ADM_EXIT_OK;
}

static int staff_enable(AdmCtx *ctx, int argc, char **argv, bool enabled)
{
    const char *cmd = enabled ? "staff enable" : "staff disable";
    size_t n_pos = 0;
    InvStaff s = {0};
    int rc = adm_parse(cmd, argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args(cmd, n_pos, 1, 1, "a staff CARD", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_staff_enable(ctx->db, argv[0], enabled, 0, ctx->now);
    if (err == INV_OK) {
        err = inv_staff_get(ctx->db, argv[0], &s);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err,
                            enabled ? "cannot enable staff card" : "cannot disable staff card");
    }
    printf("%s staff card %s: %s\n", enabled ? "enabled" : "disabled", s.card, ADM_ESC(s.name));
    if (enabled && s.expires_at != 0 && ctx->now > s.expires_at) {
        char day[32] = "";
        adm_time(s.expires_at, true, day, sizeof day);
        printf("note: the card expired on %s (staff set %s --expires DATE|--no-expiry)\n", day,
               s.card);
    }
    return ADM_EXIT_OK;
}

static int staff_pin(AdmCtx *ctx, int argc, char **argv)
{
    bool pin_stdin = false;
    const AdmOpt opts[] = {{"--pin-stdin", NULL, &pin_stdin}};
    size_t n_pos = 0;
    InvStaff s = {0};
    char pin[PIN_BUF] = "";
    char what[INV_CODE_MAX + 32] = "";

    int rc = adm_parse("staff pin", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("staff pin", n_pos, 1, 1, "a staff CARD", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_staff_get(ctx->db, argv[0], &s);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot give a new PIN");
    }
    snprintf(what, sizeof what, "cannot give %s a new PIN", s.card);
    rc = adm_read_pin(s.name, what, pin_stdin, pin, sizeof pin);
    if (rc == ADM_EXIT_OK) {
        err = inv_staff_set_pin(ctx->db, s.card, pin, 0, ctx->now);
        if (err != INV_OK) {
            rc = adm_fail_inv(ctx, err, "cannot give a new PIN");
        }
    }
    adm_wipe(pin, sizeof pin);
    if (rc == ADM_EXIT_OK) {
        printf("new PIN for staff card %s: %s (wrong tries and any lock cleared)\n", s.card,
               ADM_ESC(s.name));
    }
    return rc;
}

static int print_staff(const InvStaff *s, void *ctx)
{
    const AdmCtx *c = ctx;
    char state[64] = "";
    state_text(s, c->now, state, sizeof state);
    adm_cell(s->card, 12);
    adm_cell(s->name, 24);
    adm_cell(inv_role_name(s->role), 8);
    printf("%s\n", state);
    return 0;
}

/* "active", "active, expires 2026-08-31", "disabled 2026-03-01", "expired 2026-08-31". */
static void state_text(const InvStaff *s, int64_t now, char *buf, size_t size)
{
    char day[32] = "";
    if (s->disabled_at != 0) {
        adm_time(s->disabled_at, true, day, sizeof day);
        snprintf(buf, size, "disabled %s", day);
    } else if (s->expires_at != 0 && now > s->expires_at) {
        adm_time(s->expires_at, true, day, sizeof day);
        snprintf(buf, size, "expired %s", day);
    } else if (s->expires_at != 0) {
        adm_time(s->expires_at, true, day, sizeof day);
        snprintf(buf, size, "active, expires %s", day);
    } else {
        snprintf(buf, size, "active");
    }
}
