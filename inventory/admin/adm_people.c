/* The borrower and staff commands of bua-admin. A staff member's PIN is asked on the terminal
 * without echo (twice), or read as one line from stdin with --pin-stdin; it is never an
 * argument, so it does not show in `ps` or the shell history. */
#include "adm.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PIN_BUF 64

static int borrower_add(AdmCtx *ctx, int argc, char **argv);
static int borrower_list(AdmCtx *ctx, int argc, char **argv);
static int borrower_show(AdmCtx *ctx, int argc, char **argv);
static int borrower_block(AdmCtx *ctx, int argc, char **argv, bool block);
static int print_borrower(const InvBorrower *b, void *ctx);
static void print_consent(AdmCtx *ctx, const InvBorrower *b);
static int print_co(const InvBorrower *b, void *ctx);
static int print_open(const InvLoanLine *line, void *ctx);
static int print_lost(const InvLostLine *lost, void *ctx);
static int read_pin_tty(const char *name, const char *what, char *pin, size_t size);
static int read_pin_stdin(const char *what, char *pin, size_t size);
static bool pin_is_valid(const char *pin);
static int borrower_set(AdmCtx *ctx, int argc, char **argv);
static int borrower_card(AdmCtx *ctx, int argc, char **argv);
static void restore_tty(int sig);

/* The terminal while its echo is off, so a signal can turn it back on. */
static int tty_fd = -1;
static struct termios tty_saved;
static volatile sig_atomic_t tty_raw = 0;

int adm_cmd_borrower(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage(
            "borrower needs a subcommand: add, list, show, set, card, block, unblock, export "
            "or erase");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "add") == 0) {
        return borrower_add(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "list") == 0) {
        return borrower_list(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "show") == 0) {
        return borrower_show(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "set") == 0) {
        return borrower_set(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "card") == 0) {
        return borrower_card(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "block") == 0) {
        return borrower_block(ctx, argc - 1, argv + 1, true);
    }
    if (strcmp(sub, "unblock") == 0) {
        return borrower_block(ctx, argc - 1, argv + 1, false);
    }
    if (strcmp(sub, "export") == 0) {
        return adm_borrower_export(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "erase") == 0) {
        return adm_borrower_erase(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'borrower %s' (use add, list, show, set, card, block, "
                     "unblock, export or erase)",
                     sub);
}

int adm_cmd_staff(AdmCtx *ctx, int argc, char **argv)
{
    const char *name = NULL;
    const char *role_text = NULL;
    bool pin_stdin = false;
    const AdmOpt opts[] = {
        {"--name", &name, NULL},
        {"--role", &role_text, NULL},
        {"--pin-stdin", NULL, &pin_stdin},
    };
    size_t n_pos = 0;
    InvStaff staff = {0};
    char pin[PIN_BUF] = "";
    int64_t id = 0;

    if (argc < 2) {
        return adm_usage("staff needs a subcommand: add, list, set, disable, enable or pin");
    }
    if (strcmp(argv[1], "add") != 0) {
        return adm_staff_account(ctx, argc, argv);
    }
    argc--;
    argv++;
    int rc = adm_parse("staff add", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("staff add", n_pos, 1, 1, "a staff CARD", argv);
    }
    if (rc == ADM_EXIT_OK && name == NULL) {
        rc = adm_usage("staff add needs --name N");
    }
    if (rc == ADM_EXIT_OK && role_text == NULL) {
        rc = adm_usage("staff add needs --role trainee|leader");
    }
    if (rc == ADM_EXIT_OK && !inv_role_parse(role_text, &staff.role)) {
        rc = adm_usage("invalid --role '%s': use trainee or leader", role_text);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(staff.card, sizeof staff.card, "card", argv[0]);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(staff.name, sizeof staff.name, "--name", name);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    InvStaff existing = {0};
    if (inv_staff_get(ctx->db, staff.card, &existing) == INV_OK) {
        return adm_fail("cannot add staff %s: the card is taken by %s", staff.card, existing.name);
    }
    char what[INV_CODE_MAX + 32] = "";
    snprintf(what, sizeof what, "cannot add staff %s", staff.card);
    rc = adm_read_pin(staff.name, what, pin_stdin, pin, sizeof pin);
    if (rc == ADM_EXIT_OK && !pin_is_valid(pin)) {
        rc = adm_fail("cannot add staff %s: the PIN must be %d to %d digits", staff.card,
                      INV_PIN_MIN, INV_PIN_MAX);
    }
    if (rc == ADM_EXIT_OK) {
        int err = inv_staff_add(ctx->db, &staff, pin, &id);
        if (err != INV_OK) {
            rc = adm_fail_inv(ctx, err, "cannot add staff");
        }
    }
    adm_wipe(pin, sizeof pin);
    if (rc == ADM_EXIT_OK) {
        printf("added staff %s: %s (%s)\n", staff.card, ADM_ESC(staff.name),
               inv_role_name(staff.role));
    }
    return rc;
}

static int borrower_add(AdmCtx *ctx, int argc, char **argv)
{
    const char *name = NULL;
    const char *phone = NULL;
    const char *email = NULL;
    const char *birth = NULL;
    const char *responsible = NULL;
    const char *municipality = NULL;
    bool consent = false;
    const char *consent_version = NULL;
    const char *contact = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {
        {"--name", &name, NULL},
        {"--phone", &phone, NULL},
        {"--email", &email, NULL},
        {"--birth-year", &birth, NULL},
        {"--responsible", &responsible, NULL},
        {"--consent", NULL, &consent},
        {"--consent-version", &consent_version, NULL},
        {"--contact", &contact, NULL},
        {"--staff", &staff, NULL},
        {"--municipality", &municipality, NULL},
    };
    size_t n_pos = 0;
    InvBorrower b = {0};
    int64_t id = 0;

    int rc = adm_parse("borrower add", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("borrower add", n_pos, 1, 1, "a CARD", argv);
    }
    if (rc == ADM_EXIT_OK && name == NULL) {
        rc = adm_usage("borrower add needs --name N");
    }
    if (rc == ADM_EXIT_OK && name[0] == '\0') {
        rc = adm_usage("invalid --name: empty");
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(b.card, sizeof b.card, "card", argv[0]);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(b.name, sizeof b.name, "--name", name);
    }
    if (rc == ADM_EXIT_OK && phone != NULL) {
        rc = adm_field(b.phone, sizeof b.phone, "--phone", phone);
    }
    if (rc == ADM_EXIT_OK && email != NULL) {
        rc = adm_field(b.email, sizeof b.email, "--email", email);
    }
    if (rc == ADM_EXIT_OK && birth != NULL) {
        rc = adm_parse_int("--birth-year", birth, 1900, ADM_YEAR_MAX, &b.birth_year);
    }
    if (rc == ADM_EXIT_OK && consent_version != NULL && !consent) {
        rc = adm_usage("--consent-version needs --consent");
    }
    if (rc == ADM_EXIT_OK && consent_version != NULL) {
        rc = consent_version[0] == '\0' ? adm_usage("invalid --consent-version: empty")
                                        : adm_field(b.consent_version, sizeof b.consent_version,
                                                    "--consent-version", consent_version);
    }
    if (rc == ADM_EXIT_OK && contact != NULL && !inv_contact_parse(contact, &b.contact_consent)) {
        rc = adm_usage("invalid --contact %s: sms, email, sms,email or none", contact);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (b.birth_year > inv_time_year(ctx->now)) {
        return adm_usage("invalid --birth-year %d: in the future", b.birth_year);
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &b.registered_by)) != ADM_EXIT_OK) {
        return rc;
    }
    /* the consent records the terms in force now, unless the form was for another version */
    if (consent && consent_version == NULL &&
        (rc = adm_terms_version(ctx, b.consent_version, sizeof b.consent_version)) != ADM_EXIT_OK) {
        return rc;
    }
    if (municipality != NULL && (rc = adm_municipality(ctx, municipality, b.municipality,
                                                       sizeof b.municipality)) != ADM_EXIT_OK) {
        return rc;
    }
    b.consent = consent;
    if (responsible != NULL) {
        InvBorrower adult = {0};
        int err = inv_borrower_get(ctx->db, responsible, &adult);
        if (err == INV_E_UNKNOWN_BORROWER) {
            return adm_fail("cannot add borrower %s: unknown card %s (--responsible)", b.card,
                            responsible);
        }
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot add borrower");
        }
        if (adult.responsible_id != 0) {
            return adm_fail("cannot add borrower %s: %s (card %s) is a co-borrower, not an adult",
                            b.card, adult.name, adult.card);
        }
        b.responsible_id = adult.id;
        b.consent_by = adult.id; /* a child's consent is the adult's */
    }
    int err = inv_borrower_add(ctx->db, &b, ctx->now, &id);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot add borrower");
    }
    printf("added borrower %s: %s\n", b.card, ADM_ESC(b.name));
    return ADM_EXIT_OK;
}

static int borrower_list(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;

    int rc = adm_parse("borrower list", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("borrower list", n_pos, 0, 1, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_borrower_each(ctx->db, n_pos == 1 ? argv[0] : NULL, 0, print_borrower, ctx);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list borrowers");
    }
    return ADM_EXIT_OK;
}

static int borrower_show(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    InvBorrower b = {0};
    char when[32] = "";

    int rc = adm_parse("borrower show", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("borrower show", n_pos, 1, 1, "a CARD", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_borrower_get(ctx->db, argv[0], &b);
    if (err == INV_OK) {
        err = inv_access_log(ctx->db, b.id, 0, "bua-admin show", ctx->now);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show borrower");
    }
    printf("card:        %s\n", b.card);
    printf("name:        %s\n", ADM_ESC(b.name));
    char phone[INV_PHONE_MAX + 16] = "";
    adm_contact(ctx, &b, phone, sizeof phone);
    printf("phone:       %s\n", ADM_ESC(phone));
    printf("email:       %s\n", b.email[0] != '\0' ? ADM_ESC(b.email) : "-");
    if (b.birth_year != 0) {
        printf("birth year:  %d\n", b.birth_year);
    } else {
        printf("birth year:  -\n");
    }
    printf("municipality: %s\n", b.municipality[0] != '\0' ? ADM_ESC(b.municipality) : "-");
    adm_time(b.registered_at, false, when, sizeof when);
    printf("registered:  %s\n", when);
    print_consent(ctx, &b);
    if (b.blocked) {
        printf("blocked:     yes: %s\n", ADM_ESC(b.blocked_reason));
    } else {
        printf("blocked:     no\n");
    }
    if (b.responsible_id != 0) {
        InvBorrower adult = {0};
        err = inv_borrower_get_id(ctx->db, b.responsible_id, &adult);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot show borrower");
        }
        printf("responsible: %s (card %s)\n", ADM_ESC(adult.name), adult.card);
    }
    bool first = true;
    err = inv_borrower_each_co(ctx->db, b.id, print_co, &first);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show borrower");
    }
    first = true;
    err = inv_borrower_each_open(ctx->db, b.id, true, ctx->now, print_open, &first);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show borrower");
    }
    if (first) {
        printf("on loan:     nothing\n");
    }
    first = true;
    err = inv_borrower_each_lost(ctx->db, b.id, true, print_lost, &first);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show borrower");
    }
    return ADM_EXIT_OK;
}

static int borrower_block(AdmCtx *ctx, int argc, char **argv, bool block)
{
    const char *reason = NULL;
    const AdmOpt opts[] = {{"--reason", &reason, NULL}};
    const char *cmd = block ? "borrower block" : "borrower unblock";
    size_t n_pos = 0;
    InvBorrower b = {0};

    int rc = adm_parse(cmd, argc, argv, opts, block ? 1 : 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args(cmd, n_pos, 1, 1, "a CARD", argv);
    }
    if (rc == ADM_EXIT_OK && block && (reason == NULL || reason[0] == '\0')) {
        rc = adm_usage("borrower block needs --reason R");
    }
    if (rc == ADM_EXIT_OK && block && strlen(reason) >= INV_TEXT_MAX) {
        rc = adm_usage("invalid --reason: longer than %d bytes", INV_TEXT_MAX - 1);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = block ? inv_borrower_block(ctx->db, argv[0], reason, 0, ctx->now)
                    : inv_borrower_unblock(ctx->db, argv[0], 0, ctx->now);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, block ? "cannot block borrower" : "cannot unblock borrower");
    }
    err = inv_borrower_get(ctx->db, argv[0], &b);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show borrower");
    }
    if (block) {
        printf("blocked %s: %s (%s)\n", b.card, ADM_ESC(b.name), ADM_ESC(reason));
    } else {
        printf("unblocked %s: %s\n", b.card, ADM_ESC(b.name));
    }
    return ADM_EXIT_OK;
}

static int print_borrower(const InvBorrower *b, void *ctx)
{
    char phone[INV_PHONE_MAX + 16] = "";
    adm_contact(ctx, b, phone, sizeof phone);
    adm_cell(b->card, 12);
    adm_cell(b->name, 24);
    if (!b->blocked && b->responsible_id == 0) {
        printf("%s\n", ADM_ESC(phone));
        return 0;
    }
    adm_cell(phone, 20);
    if (b->blocked) {
        fputs("blocked", stdout);
    }
    if (b->responsible_id != 0) {
        fputs(b->blocked ? " co-borrower" : "co-borrower", stdout);
    }
    fputc('\n', stdout);
    return 0;
}

static int borrower_set(AdmCtx *ctx, int argc, char **argv)
{
    const char *name = NULL;
    const char *phone = NULL;
    const char *email = NULL;
    const char *birth = NULL;
    const char *adult = NULL;
    const char *municipality = NULL;
    char municipality_name[INV_NAME_MAX] = "";
    bool no_adult = false;
    const char *contact = NULL;
    const char *receipts = NULL; /* reminders and receipts (adm_remind.c) */
    const char *lang = NULL;
    const AdmOpt opts[] = {
        {"--name", &name, NULL},       {"--phone", &phone, NULL},
        {"--email", &email, NULL},     {"--birth-year", &birth, NULL},
        {"--adult", &adult, NULL},     {"--no-adult", NULL, &no_adult},
        {"--contact", &contact, NULL}, {"--receipts", &receipts, NULL},
        {"--language", &lang, NULL},   {"--municipality", &municipality, NULL},
    };
    InvBorrowerEdit e = {.birth_year = INV_UNCHANGED};
    char fields[128] = "";
    size_t n_pos = 0;

    int rc = adm_parse("borrower set", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("borrower set", n_pos, 1, 1, "a CARD", argv);
    }
    if (rc == ADM_EXIT_OK && adult != NULL && no_adult) {
        rc = adm_usage("borrower set takes --adult CARD or --no-adult, not both");
    }
    bool edits = name != NULL || phone != NULL || email != NULL || birth != NULL || adult != NULL ||
                 no_adult || contact != NULL || municipality != NULL;
    if (rc == ADM_EXIT_OK && !edits && receipts == NULL && lang == NULL) {
        rc = adm_usage("borrower set needs something to change: --name, --phone, --email,"
                       " --birth-year, --adult, --no-adult, --contact, --municipality, --receipts"
                       " or --language");
    }
    if (rc == ADM_EXIT_OK && contact != NULL) {
        e.set_contact = true;
        if (!inv_contact_parse(contact, &e.contact)) {
            rc = adm_usage("invalid --contact %s: sms, email, sms,email or none", contact);
        }
    }
    if (rc == ADM_EXIT_OK && name != NULL && name[0] == '\0') {
        rc = adm_usage("invalid --name: empty");
    }
    if (rc == ADM_EXIT_OK && name != NULL && strlen(name) >= INV_NAME_MAX) {
        rc = adm_usage("invalid --name: longer than %d bytes", INV_NAME_MAX - 1);
    }
    if (rc == ADM_EXIT_OK && phone != NULL && strlen(phone) >= INV_PHONE_MAX) {
        rc = adm_usage("invalid --phone: longer than %d bytes", INV_PHONE_MAX - 1);
    }
    if (rc == ADM_EXIT_OK && email != NULL && strlen(email) >= INV_NAME_MAX) {
        rc = adm_usage("invalid --email: longer than %d bytes", INV_NAME_MAX - 1);
    }
    if (rc == ADM_EXIT_OK && birth != NULL) {
        rc = adm_parse_int("--birth-year", birth, 1900, ADM_YEAR_MAX, &e.birth_year);
    }
    if (rc == ADM_EXIT_OK && adult != NULL && adult[0] == '\0') {
        rc = adm_usage("invalid --adult: empty (use --no-adult)");
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (e.birth_year != INV_UNCHANGED && e.birth_year > inv_time_year(ctx->now)) {
        return adm_usage("invalid --birth-year %d: in the future", e.birth_year);
    }
    if (receipts != NULL || lang != NULL) {
        rc = adm_borrower_prefs(ctx, argv[0], receipts, lang);
        if (rc != ADM_EXIT_OK || !edits) {
            return rc;
        }
    }
    e.name = name;
    e.phone = phone;
    e.email = email;
    e.adult_card = no_adult ? "" : adult;
    if (municipality != NULL) {
        rc = adm_municipality(ctx, municipality, municipality_name, sizeof municipality_name);
        if (rc != ADM_EXIT_OK) {
            return rc;
        }
        e.municipality = municipality_name;
    }
    e.now = ctx->now;
    int err = inv_borrower_edit(ctx->db, argv[0], &e, fields, sizeof fields);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot change borrower");
    }
    if (fields[0] == '\0') {
        printf("borrower %s: nothing changed\n", argv[0]);
        return ADM_EXIT_OK;
    }
    for (char *c = fields; *c != '\0'; c++) {
        if (*c == ',') {
            *c = ' ';
        }
    }
    printf("changed borrower %s: %s\n", argv[0], fields);
    return ADM_EXIT_OK;
}

static int borrower_card(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    InvBorrower b = {0};

    int rc = adm_parse("borrower card", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("borrower card", n_pos, 2, 2, "the OLD and the NEW card", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_borrower_replace_card(ctx->db, argv[0], argv[1], 0, ctx->now);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot replace the card");
    }
    err = inv_borrower_get(ctx->db, argv[1], &b);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show borrower");
    }
    printf("replaced card %s with %s: %s (card %s is refused from now on)\n", argv[0], b.card,
           ADM_ESC(b.name), argv[0]);
    return ADM_EXIT_OK;
}

void adm_contact(AdmCtx *ctx, const InvBorrower *b, char *buf, size_t size)
{
    InvContact c = {0};
    if (inv_borrower_contact(ctx->db, b, &c) != INV_OK || c.phone[0] == '\0') {
        adm_copy(buf, size, "-");
        return;
    }
    snprintf(buf, size, "%s%s", c.phone, c.guardian ? " (guardian)" : "");
}

int adm_staff_id(AdmCtx *ctx, const char *card, int64_t *out)
{
    InvStaff s = {0};
    int err = inv_staff_get(ctx->db, card, &s);
    if (err == INV_E_NOT_FOUND) {
        return adm_fail("unknown staff card %s (--staff)", card);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot look up the staff card");
    }
    *out = s.id;
    return ADM_EXIT_OK;
}

static int print_co(const InvBorrower *b, void *ctx)
{
    bool *first = ctx;
    fputs(*first ? "co-borrower: " : "             ", stdout);
    *first = false;
    printf("%s (card %s)\n", ADM_ESC(b->name), b->card);
    return 0;
}

static int print_open(const InvLoanLine *line, void *ctx)
{
    bool *first = ctx;
    char due[32] = "";
    fputs(*first ? "on loan:     " : "             ", stdout);
    *first = false;
    adm_time(line->due_at, false, due, sizeof due);
    adm_cell(line->barcode, 12);
    adm_cell(line->item_name, 24);
    printf("due %s%s (%s)\n", due, line->overdue ? ", overdue" : "", ADM_ESC(line->borrower_name));
    return 0;
}

/* Items lost: written off, or a part missing from a set that came back (its loan still open). */
static int print_lost(const InvLostLine *lost, void *ctx)
{
    bool *first = ctx;
    char when[32] = "";
    fputs(*first ? "lost:        " : "             ", stdout);
    *first = false;
    adm_time(lost->lost_at, true, when, sizeof when);
    adm_cell(lost->line.barcode, 12);
    adm_cell(lost->line.item_name, 24);
    printf("%s %s (%s)\n", lost->line.returned_at != 0 ? "written off" : "missing since", when,
           ADM_ESC(lost->line.borrower_name));
    return 0;
}

int adm_read_pin(const char *name, const char *what, bool from_stdin, char *pin, size_t size)
{
    int rc = from_stdin ? read_pin_stdin(what, pin, size) : read_pin_tty(name, what, pin, size);
    if (rc == ADM_EXIT_OK && !pin_is_valid(pin)) {
        rc = adm_fail("%s: the PIN must be %d to %d digits", what, INV_PIN_MIN, INV_PIN_MAX);
    }
    return rc;
}

/* Asks the PIN twice on the controlling terminal with echo off. */
static int read_pin_tty(const char *name, const char *what, char *pin, size_t size)
{
    char again[PIN_BUF] = "";
    struct termios raw = {0};
    struct sigaction sa = {0};
    struct sigaction old_int = {0};
    struct sigaction old_term = {0};
    int rc = ADM_EXIT_OK;

    tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty_fd < 0 || tcgetattr(tty_fd, &tty_saved) != 0) {
        if (tty_fd >= 0) {
            close(tty_fd);
        }
        tty_fd = -1;
        return adm_usage("cannot ask for the PIN: no terminal (use --pin-stdin)");
    }
    sa.sa_handler = restore_tty;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    raw = tty_saved;
    raw.c_lflag &= ~(tcflag_t)ECHO;
    raw.c_lflag |= ECHONL;
    tty_raw = 1;
    if (tcsetattr(tty_fd, TCSANOW, &raw) != 0) {
        rc = adm_fail("cannot ask for the PIN: cannot turn off the echo");
        goto out_restore;
    }
    for (int round = 0; round < 2 && rc == ADM_EXIT_OK; round++) {
        char *buf = round == 0 ? pin : again;
        size_t buf_size = round == 0 ? size : sizeof again;
        char prompt[INV_NAME_MAX + 32] = "";
        if (round == 0) {
            snprintf(prompt, sizeof prompt, "PIN for %s: ", name);
        } else {
            snprintf(prompt, sizeof prompt, "PIN again: ");
        }
        if (write(tty_fd, prompt, strlen(prompt)) < 0) {
            rc = adm_fail("cannot ask for the PIN: %s", adm_errno_text(errno));
            break;
        }
        ssize_t got = read(tty_fd, buf, buf_size - 1);
        if (got <= 0) {
            rc = adm_fail("%s: no PIN given", what);
            break;
        }
        buf[got] = '\0';
        buf[strcspn(buf, "\r\n")] = '\0';
    }
    if (rc == ADM_EXIT_OK && strcmp(pin, again) != 0) {
        rc = adm_fail("%s: the two PINs differ", what);
    }
out_restore:
    tcsetattr(tty_fd, TCSANOW, &tty_saved);
    tty_raw = 0;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    close(tty_fd);
    tty_fd = -1;
    adm_wipe(again, sizeof again);
    return rc;
}

/* Reads one line from stdin (the PIN, without its line end). */
static int read_pin_stdin(const char *what, char *pin, size_t size)
{
    if (fgets(pin, (int)size, stdin) == NULL) {
        return adm_fail("%s: no PIN on stdin", what);
    }
    pin[strcspn(pin, "\r\n")] = '\0';
    return ADM_EXIT_OK;
}

static bool pin_is_valid(const char *pin)
{
    size_t len = strlen(pin);
    if (len < INV_PIN_MIN || len > INV_PIN_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (pin[i] < '0' || pin[i] > '9') {
            return false;
        }
    }
    return true;
}

void adm_wipe(char *buf, size_t size)
{
    volatile char *p = buf;
    for (size_t i = 0; i < size; i++) {
        p[i] = 0;
    }
}

static void restore_tty(int sig)
{
    if (tty_raw && tty_fd >= 0) {
        tcsetattr(tty_fd, TCSANOW, &tty_saved);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* consent: yes, the terms' version, when and by whom; the contact consent */
static void print_consent(AdmCtx *ctx, const InvBorrower *b)
{
    char when[32] = "";
    if (!b->consent) {
        printf("consent:     no\n");
    } else if (b->consent_version[0] == '\0') {
        printf("consent:     yes (before the terms had versions)\n");
    } else {
        InvBorrower by = {0};
        adm_time(b->consent_at, false, when, sizeof when);
        if (b->consent_by == b->id || b->consent_by == 0 ||
            inv_borrower_get_id(ctx->db, b->consent_by, &by) != INV_OK) {
            printf("consent:     yes, terms %s, %s\n", ADM_ESC(b->consent_version), when);
        } else {
            printf("consent:     yes, terms %s, %s, by %s (card %s)\n", ADM_ESC(b->consent_version),
                   when, ADM_ESC(by.name), by.card);
        }
    }
    printf("contact:     %s\n", inv_contact_name(b->contact_consent));
}
