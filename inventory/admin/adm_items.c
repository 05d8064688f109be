/* The item and category commands of bua-admin: add, list, show and change items; loan periods. */
#include "adm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOAN_DAYS_MAX 366 /* as the store allows */

/* The text fields of item add and item set, as given on the command line (NULL: not given). */
typedef struct ItemOpts {
    const char *name;
    const char *category;
    const char *location;
    const char *condition;
    const char *notes;
    const char *loan_days;
    const char *kit;
} ItemOpts;

static int category_list(AdmCtx *ctx, int argc, char **argv);
static int print_category(const InvCategory *c, void *ctx);
static int item_add(AdmCtx *ctx, int argc, char **argv);
static int item_list(AdmCtx *ctx, int argc, char **argv);
static int item_show(AdmCtx *ctx, int argc, char **argv);
static int item_set(AdmCtx *ctx, int argc, char **argv);
static int apply_opts(AdmCtx *ctx, const ItemOpts *o, InvItem *item, const char *cmd);
static int print_row(const InvItem *item, void *ctx);
static int print_part(const InvItem *item, void *ctx);

int adm_cmd_item(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("item needs a subcommand: add, list, show, set, lost, found or history");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "add") == 0) {
        return item_add(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "list") == 0) {
        return item_list(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "show") == 0) {
        return item_show(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "set") == 0) {
        return item_set(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "lost") == 0) {
        return adm_item_lost(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "found") == 0) {
        return adm_item_found(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "history") == 0) {
        return adm_item_history(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'item %s' (use add, list, show, set, lost, found or "
                     "history)",
                     sub);
}

int adm_cmd_category(AdmCtx *ctx, int argc, char **argv)
{
    const char *days_text = NULL;
    const AdmOpt opts[] = {{"--loan-days", &days_text, NULL}};
    size_t n_pos = 0;
    int days = 0;

    if (argc >= 2 && strcmp(argv[1], "list") == 0) {
        return category_list(ctx, argc - 1, argv + 1);
    }
    if (argc < 2 || strcmp(argv[1], "set") != 0) {
        if (argc < 2) {
            return adm_usage("category needs a subcommand: list or set");
        }
        return adm_usage("unknown subcommand 'category %s' (use list or set)", argv[1]);
    }
    argc--;
    argv++;
    int rc = adm_parse("category set", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("category set", n_pos, 1, 1, "a category NAME", argv);
    }
    if (rc == ADM_EXIT_OK && days_text == NULL) {
        rc = adm_usage("category set needs --loan-days N");
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_int("--loan-days", days_text, 1, LOAN_DAYS_MAX, &days);
    }
    if (rc == ADM_EXIT_OK && (argv[0][0] == '\0' || strlen(argv[0]) >= INV_NAME_MAX)) {
        rc = adm_usage("invalid category name '%s'", argv[0]);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_category_set_loan_days(ctx->db, argv[0], days);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot set the loan period");
    }
    printf("category %s: loan period %d days\n", ADM_ESC(argv[0]), days);
    return ADM_EXIT_OK;
}

static int category_list(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int rc = adm_parse("category list", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("category list", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_category_each(ctx->db, print_category, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list categories");
    }
    return ADM_EXIT_OK;
}

static int print_category(const InvCategory *c, void *ctx)
{
    (void)ctx;
    adm_cell(c->name, 20);
    printf("%3d days%s  %lld items\n", c->loan_days, c->loan_days_set ? "" : " (default)",
           (long long)c->items);
    return 0;
}

static int item_add(AdmCtx *ctx, int argc, char **argv)
{
    ItemOpts o = {0};
    const AdmOpt opts[] = {
        {"--name", &o.name, NULL},         {"--category", &o.category, NULL},
        {"--location", &o.location, NULL}, {"--condition", &o.condition, NULL},
        {"--notes", &o.notes, NULL},       {"--loan-days", &o.loan_days, NULL},
        {"--kit", &o.kit, NULL},
    };
    size_t n_pos = 0;
    InvItem item = {0};
    int64_t id = 0;

    int rc = adm_parse("item add", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("item add", n_pos, 1, 1, "a BARCODE", argv);
    }
    if (rc == ADM_EXIT_OK && o.name == NULL) {
        rc = adm_usage("item add needs --name N");
    }
    if (rc == ADM_EXIT_OK && o.category == NULL) {
        rc = adm_usage("item add needs --category C");
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_field(item.barcode, sizeof item.barcode, "barcode", argv[0]);
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    /* apply_opts checks the values before anything is opened, then looks up the set */
    rc = apply_opts(ctx, &o, &item, "item add");
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_item_add(ctx->db, &item, ctx->now, &id);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot add item");
    }
    printf("added item %s: %s (%s)\n", item.barcode, ADM_ESC(item.name), ADM_ESC(item.category));
    return ADM_EXIT_OK;
}

static int item_list(AdmCtx *ctx, int argc, char **argv)
{
    const char *status = NULL;
    InvItemFilter filter = {.status = -1};
    const AdmOpt opts[] = {
        {"--category", &filter.category, NULL},
        {"--location", &filter.location, NULL},
        {"--status", &status, NULL},
    };
    size_t n_pos = 0;
    InvItemStatus s = INV_ITEM_AVAILABLE;

    int rc = adm_parse("item list", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("item list", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && status != NULL) {
        if (!inv_item_status_parse(status, &s)) {
            rc = adm_usage("invalid --status '%s': use available, on_loan, in_repair, missing or "
                           "retired",
                           status);
        }
        filter.status = (int)s;
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_item_each(ctx->db, &filter, print_row, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list items");
    }
    return ADM_EXIT_OK;
}

static int item_show(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    InvItem item = {0};
    int days = 0;
    char when[32] = "";
    InvLoanLine line = {0};
    bool on_loan = false;

    int rc = adm_parse("item show", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("item show", n_pos, 1, 1, "a BARCODE", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_item_get(ctx->db, argv[0], &item);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show item");
    }
    err = inv_category_loan_days(ctx->db, item.category, &days);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show item");
    }
    printf("barcode:    %s\n", item.barcode);
    printf("name:       %s\n", ADM_ESC(item.name));
    printf("category:   %s\n", ADM_ESC(item.category));
    printf("location:   %s\n", item.location[0] != '\0' ? ADM_ESC(item.location) : "-");
    printf("condition:  %s\n", item.condition[0] != '\0' ? ADM_ESC(item.condition) : "-");
    printf("notes:      %s\n", item.notes[0] != '\0' ? ADM_ESC(item.notes) : "-");
    printf("status:     %s\n", inv_item_status_name(item.status));
    if (item.loan_days > 0) {
        printf("loan days:  %d\n", item.loan_days);
    } else {
        printf("loan days:  %d (the category's)\n", days);
    }
    adm_time(item.added_at, false, when, sizeof when);
    printf("added:      %s\n", when);
    if (item.kit_id != 0) {
        InvItem set = {0};
        err = inv_item_get_id(ctx->db, item.kit_id, &set);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot show item");
        }
        printf("part of:    %s %s\n", set.barcode, ADM_ESC(set.name));
    }
    bool first = true;
    err = inv_item_each_part(ctx->db, item.id, print_part, &first);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show item");
    }
    if ((rc = adm_print_damage(ctx, item.barcode)) != ADM_EXIT_OK) {
        return rc;
    }
    if (item.status == INV_ITEM_ON_LOAN) {
        err = inv_item_loan(ctx->db, item.barcode, ctx->now, &line);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot find the loan");
        }
        on_loan = true;
    }
    if (on_loan) {
        char out[32] = "";
        char due[32] = "";
        adm_time(line.checked_out_at, false, out, sizeof out);
        adm_time(line.due_at, false, due, sizeof due);
        printf("on loan to: %s (card %s), loan %lld\n", ADM_ESC(line.borrower_name), line.card,
               (long long)line.loan_id);
        printf("lent:       %s\n", out);
        printf("due:        %s%s\n", due, line.overdue ? " (overdue)" : "");
    }
    return ADM_EXIT_OK;
}

static int item_set(AdmCtx *ctx, int argc, char **argv)
{
    ItemOpts o = {0};
    const char *status = NULL;
    const char *note = NULL;
    const AdmOpt opts[] = {
        {"--name", &o.name, NULL},         {"--category", &o.category, NULL},
        {"--location", &o.location, NULL}, {"--condition", &o.condition, NULL},
        {"--notes", &o.notes, NULL},       {"--loan-days", &o.loan_days, NULL},
        {"--kit", &o.kit, NULL},           {"--status", &status, NULL},
        {"--note", &note, NULL},
    };
    size_t n_pos = 0;
    InvItemStatus s = INV_ITEM_AVAILABLE;
    InvItem item = {0};

    int rc = adm_parse("item set", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("item set", n_pos, 1, 1, "a BARCODE", argv);
    }
    bool fields = o.name != NULL || o.category != NULL || o.location != NULL ||
                  o.condition != NULL || o.notes != NULL || o.loan_days != NULL || o.kit != NULL;
    if (rc == ADM_EXIT_OK && note != NULL && status == NULL) {
        rc = adm_usage("option --note of item set goes with --status");
    }
    if (rc == ADM_EXIT_OK && !fields && status == NULL) {
        rc = adm_usage("item set needs something to change (see bua-admin --help)");
    }
    if (rc == ADM_EXIT_OK && status != NULL) {
        if (!inv_item_status_parse(status, &s) || s == INV_ITEM_ON_LOAN) {
            rc = adm_usage("invalid --status '%s': use available, in_repair, missing or retired",
                           status);
        }
    }
    if (rc == ADM_EXIT_OK && note != NULL && strlen(note) >= INV_TEXT_MAX) {
        rc = adm_usage("invalid --note: longer than %d bytes", INV_TEXT_MAX - 1);
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    /* the values are checked before the database is opened, so a bad one changes nothing */
    InvItem probe = {0};
    rc = apply_opts(NULL, &o, &probe, "item set");
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_item_get(ctx->db, argv[0], &item);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot change item");
    }
    /* everything that can refuse is asked before anything is written (--kit looked up, a status
     * change of an item on loan refused), so a refused command changes nothing */
    if (fields && (rc = apply_opts(ctx, &o, &item, "item set")) != ADM_EXIT_OK) {
        return rc;
    }
    if (status != NULL && item.status == INV_ITEM_ON_LOAN) {
        return adm_fail("cannot change item %s: it is on loan (return it first)", item.barcode);
    }
    if (fields) {
        err = inv_item_update(ctx->db, &item);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot change item");
        }
        printf("item %s: changed\n", item.barcode);
    }
    if (status != NULL) {
        err = inv_item_set_status(ctx->db, item.barcode, s, note, 0, ctx->now);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot change item");
        }
        printf("item %s: status %s\n", item.barcode, inv_item_status_name(s));
    }
    return ADM_EXIT_OK;
}

/* Copies the given options into *item. With ctx NULL it only checks the values; otherwise it
 * opens the database if needed and looks up --kit. */
static int apply_opts(AdmCtx *ctx, const ItemOpts *o, InvItem *item, const char *cmd)
{
    int rc = ADM_EXIT_OK;
    int days = 0;

    if (o->name != NULL) {
        rc = adm_field(item->name, sizeof item->name, "--name", o->name);
    }
    if (rc == ADM_EXIT_OK && o->category != NULL) {
        rc = adm_field(item->category, sizeof item->category, "--category", o->category);
    }
    if (rc == ADM_EXIT_OK && o->location != NULL) {
        rc = adm_field(item->location, sizeof item->location, "--location", o->location);
    }
    if (rc == ADM_EXIT_OK && o->condition != NULL) {
        rc = adm_field(item->condition, sizeof item->condition, "--condition", o->condition);
    }
    if (rc == ADM_EXIT_OK && o->notes != NULL) {
        rc = adm_field(item->notes, sizeof item->notes, "--notes", o->notes);
    }
    if (rc == ADM_EXIT_OK && o->loan_days != NULL) {
        rc = adm_parse_int("--loan-days", o->loan_days, 0, LOAN_DAYS_MAX, &days);
        item->loan_days = days;
    }
    if (rc == ADM_EXIT_OK && o->name != NULL && o->name[0] == '\0') {
        rc = adm_usage("invalid --name: empty");
    }
    if (rc == ADM_EXIT_OK && o->category != NULL && o->category[0] == '\0') {
        rc = adm_usage("invalid --category: empty");
    }
    if (rc != ADM_EXIT_OK || ctx == NULL) {
        return rc;
    }
    if (ctx->db == NULL && (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (o->kit != NULL && o->kit[0] == '\0') {
        if (strcmp(cmd, "item add") == 0) {
            return adm_usage("invalid --kit: empty");
        }
        item->kit_id = 0; /* item set --kit "": no longer a part of a set */
    } else if (o->kit != NULL) {
        InvItem kit = {0};
        int err = inv_item_get(ctx->db, o->kit, &kit);
        if (err == INV_E_UNKNOWN_ITEM) {
            return adm_fail("cannot %s %s: unknown set barcode %s (--kit)",
                            strcmp(cmd, "item add") == 0 ? "add item" : "change item",
                            item->barcode, o->kit);
        }
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot look up the set");
        }
        if (strcmp(kit.barcode, item->barcode) == 0) {
            return adm_fail("cannot change item %s: an item cannot be a part of itself",
                            item->barcode);
        }
        item->kit_id = kit.id;
    }
    return ADM_EXIT_OK;
}

static int print_row(const InvItem *item, void *ctx)
{
    (void)ctx;
    adm_cell(item->barcode, 14);
    adm_cell(inv_item_status_name(item->status), 9);
    adm_cell(item->category, 14);
    adm_cell(item->location[0] != '\0' ? item->location : "-", 8);
    printf("%s\n", ADM_ESC(item->name));
    return 0;
}

static int print_part(const InvItem *item, void *ctx)
{
    bool *first = ctx;
    fputs(*first ? "parts:      " : "            ", stdout);
    *first = false;
    adm_cell(item->barcode, 14);
    adm_cell(inv_item_status_name(item->status), 9);
    printf("%s\n", ADM_ESC(item->name));
    return 0;
}
