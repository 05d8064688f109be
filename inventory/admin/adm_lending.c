/* The lending commands of bua-admin: checkout (one loan, all or nothing), return (each item on
 * its own) and the overdue list. */
#include "adm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loan lines collected from a walk, to look borrowers up after it. */
typedef struct LineList {
    InvLoanLine *lines;
    size_t n;
    size_t cap;
} LineList;

static bool names(const char *msg, const char *code);
static int print_line(const InvLoanLine *line, void *ctx);
static int collect_line(const InvLoanLine *line, void *ctx);

int adm_cmd_checkout(AdmCtx *ctx, int argc, char **argv)
{
    const char *card = NULL;
    const char *staff = NULL;
    bool relend = false;
    const AdmOpt opts[] = {
        {"--card", &card, NULL}, {"--staff", &staff, NULL}, {"--relend", NULL, &relend}};
    size_t n_pos = 0;
    InvBorrower b = {0};
    InvCheckout co = {0};
    int64_t loan_id = 0;
    size_t refused = 0;

    int rc = adm_parse("checkout", argc, argv, opts, 3, &n_pos);
    if (rc == ADM_EXIT_OK && card == NULL) {
        rc = adm_usage("checkout needs --card CARD");
    }
    if (rc == ADM_EXIT_OK && relend && staff == NULL) {
        rc = adm_usage("checkout --relend needs --staff STAFFCARD (only a leader may relend)");
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("checkout", n_pos, 1, INV_CHECKOUT_MAX, "at least one BARCODE", argv);
    }
    for (size_t i = 0; rc == ADM_EXIT_OK && i < n_pos; i++) {
        for (size_t k = 0; k < i; k++) {
            if (strcmp(argv[i], argv[k]) == 0) {
                rc = adm_usage("checkout: barcode %s is given twice", argv[i]);
                break;
            }
        }
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_borrower_get(ctx->db, card, &b);
    if (err == INV_E_UNKNOWN_BORROWER) {
        return adm_fail("cannot lend to card %s: unknown card", card);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot lend");
    }
    if (b.blocked) {
        return adm_fail("cannot lend to %s (card %s): the borrower is blocked: %s", b.name, b.card,
                        b.blocked_reason);
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &co.staff_id)) != ADM_EXIT_OK) {
        return rc;
    }
    /* every refused item is named, not only the first the checkout would stop at */
    for (size_t i = 0; i < n_pos; i++) {
        err = inv_lend_check(ctx->db, b.id, argv[i], ctx->now, NULL, NULL);
        if (err == INV_E_ITEM_ON_LOAN && relend) { /* taken back in the checkout itself */
            continue;
        }
        if (err == INV_E_BORROWER_BLOCKED) { /* the borrower's adult: no item can go */
            return adm_fail_inv(ctx, err, "cannot lend");
        }
        if (err != INV_OK) {
            const char *why = inv_errmsg(ctx->db);
            if (why == NULL || why[0] == '\0') {
                adm_err("cannot lend %s: %s", argv[i], inv_strerror(err));
            } else if (names(why, argv[i])) {
                adm_err("cannot lend: %s", why);
            } else {
                adm_err("cannot lend %s: %s", argv[i], why); /* a part of the set, say */
            }
            refused++;
        }
    }
    if (refused > 0) {
        return adm_fail("nothing lent to %s (card %s): %zu of %zu items refused", b.name, b.card,
                        refused, n_pos);
    }
    co.borrower_id = b.id;
    co.relend = relend;
    co.barcodes = (const char *const *)argv;
    co.n_barcodes = n_pos;
    co.now = ctx->now;
    err = inv_checkout(ctx->db, &co, &loan_id);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot lend");
    }
    printf("lent to %s (card %s), loan %lld:\n", ADM_ESC(b.name), b.card, (long long)loan_id);
    err = inv_loan_each_line(ctx->db, loan_id, ctx->now, print_line, NULL);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list the loan");
    }
    return ADM_EXIT_OK;
}

int adm_cmd_return(AdmCtx *ctx, int argc, char **argv)
{
    bool damaged = false;
    const char *note = NULL;
    const char *staff = NULL;
    const char *missing = NULL;
    const AdmOpt opts[] = {
        {"--damaged", NULL, &damaged},
        {"--note", &note, NULL},
        {"--staff", &staff, NULL},
        {"--missing", &missing, NULL},
    };
    size_t n_pos = 0;
    size_t failed = 0;
    int64_t staff_no = 0;

    int rc = adm_parse("return", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("return", n_pos, 1, (size_t)argc, "at least one BARCODE", argv);
    }
    if (rc == ADM_EXIT_OK && note != NULL && strlen(note) >= INV_TEXT_MAX) {
        rc = adm_usage("invalid --note: longer than %d bytes", INV_TEXT_MAX - 1);
    }
    if (rc == ADM_EXIT_OK && missing != NULL && n_pos != 1) {
        rc = adm_usage("return --missing takes one set BARCODE, not %zu", n_pos);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_no)) != ADM_EXIT_OK) {
        return rc;
    }
    if (missing != NULL) { /* a set that came back without some of its parts */
        return adm_return_missing(ctx, argv[0], missing, damaged, note, staff_no);
    }
    for (size_t i = 0; i < n_pos; i++) {
        InvReturn ret = {
            .barcode = argv[i],
            .damaged = damaged,
            .note = note,
            .staff_id = staff_no,
            .now = ctx->now,
        };
        InvReturned out = {0};
        InvBorrower b = {0};
        char due[32] = "";
        int err = inv_return(ctx->db, &ret, &out);
        if (err != INV_OK) {
            const char *why = inv_errmsg(ctx->db);
            if (names(why, argv[i])) {
                adm_err("cannot return: %s", why);
            } else {
                adm_err("cannot return %s: %s", argv[i], why[0] ? why : inv_strerror(err));
            }
            failed++;
            continue;
        }
        err = inv_borrower_get_id(ctx->db, out.borrower_id, &b);
        if (err != INV_OK) {
            adm_copy(b.name, sizeof b.name, "?");
            adm_copy(b.card, sizeof b.card, "?");
        }
        adm_time(out.due_at, false, due, sizeof due);
        printf("returned %s %s from %s (card %s)", out.item.barcode, ADM_ESC(out.item.name),
               ADM_ESC(b.name), b.card);
        if (out.overdue) {
            printf(", overdue (was due %s)", due);
        }
        if (out.item.status == INV_ITEM_IN_REPAIR) {
            printf(", to repair");
        }
        fputc('\n', stdout);
        /* a set comes back with the parts that went out with it */
        for (size_t k = 0; k < out.n_parts; k++) {
            InvItem part = {0};
            if (inv_item_get(ctx->db, out.parts[k], &part) == INV_OK) {
                printf("  with %s %s\n", part.barcode, ADM_ESC(part.name));
            } else {
                printf("  with %s\n", out.parts[k]);
            }
        }
    }
    if (failed > 0) {
        if (n_pos > 1) {
            adm_err("%zu of %zu items not returned", failed, n_pos);
        }
        return ADM_EXIT_FAIL;
    }
    return ADM_EXIT_OK;
}

int adm_cmd_overdue(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    LineList list = {0};
    bool call_list = false; /* reminders (adm_remind.c): whom no message reaches */
    const AdmOpt opts[] = {{"--call-list", NULL, &call_list}};

    int rc = adm_parse("overdue", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("overdue", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (call_list) {
        return adm_call_list(ctx);
    }
    int err = inv_each_overdue(ctx->db, ctx->now, collect_line, &list);
    if (err != INV_OK) {
        rc = adm_fail_inv(ctx, err, "cannot list overdue items");
        goto out_free;
    }
    for (size_t i = 0; i < list.n; i++) {
        const InvLoanLine *line = &list.lines[i];
        InvBorrower b = {0};
        char due[32] = "";
        err = inv_borrower_get_id(ctx->db, line->borrower_id, &b);
        if (err != INV_OK) {
            rc = adm_fail_inv(ctx, err, "cannot list overdue items");
            goto out_free;
        }
        adm_time(line->due_at, false, due, sizeof due);
        adm_cell(line->borrower_name, 22);
        adm_cell(line->card, 10);
        char phone[INV_PHONE_MAX + 16] = ""; /* a child's: the adult's, "(guardian)" */
        adm_contact(ctx, &b, phone, sizeof phone);
        adm_cell(phone, 20);
        adm_cell(line->barcode, 12);
        adm_cell(line->item_name, 22);
        printf("due %s\n", due);
    }
out_free:
    free(list.lines);
    return rc;
}

/* Whether msg names `code` as a word of its own ("SKI-1 (Ski) is on loan" names SKI-1, not SKI). */
static bool names(const char *msg, const char *code)
{
    size_t len = strlen(code);
    if (len == 0) {
        return false;
    }
    for (const char *p = strstr(msg, code); p != NULL; p = strstr(p + 1, code)) {
        char after = p[len];
        bool starts = p == msg || p[-1] == ' ';
        bool ends = after == '\0' || after == ' ' || after == ',' || after == ')' || after == ':';
        if (starts && ends) {
            return true;
        }
    }
    return false;
}

static int print_line(const InvLoanLine *line, void *ctx)
{
    char due[32] = "";
    (void)ctx;
    adm_time(line->due_at, false, due, sizeof due);
    fputs("  ", stdout);
    adm_cell(line->barcode, 12);
    adm_cell(line->item_name, 24);
    printf("due %s\n", due);
    return 0;
}

static int collect_line(const InvLoanLine *line, void *ctx)
{
    LineList *list = ctx;
    if (list->n == list->cap) {
        size_t cap = list->cap != 0 ? list->cap * 2 : 16;
        InvLoanLine *lines = realloc(list->lines, cap * sizeof *lines);
        if (lines == NULL) {
            return INV_E_NOMEM;
        }
        list->lines = lines;
        list->cap = cap;
    }
    list->lines[list->n++] = *line;
    return 0;
}
