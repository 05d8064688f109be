/* Lost and found, sets returned with parts missing, and an item's history: the bua-admin
 * commands item lost, item found, item history, and return SET --missing PART,... */
#include "adm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_LIMIT_MAX 100000

typedef struct PartList {
    size_t n;
    char code[INV_CHECKOUT_MAX][INV_CODE_MAX];
} PartList;

static int print_entry(const InvHistoryEntry *e, void *ctx);
static int print_entry_csv(const InvHistoryEntry *e, void *ctx);
static int collect_part(const InvLoanLine *line, void *ctx);
static int find_damage(const InvHistoryEntry *e, void *ctx);
static const char *status_text(const InvHistoryEntry *e);

int adm_item_lost(AdmCtx *ctx, int argc, char **argv)
{
    const char *note = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--note", &note, NULL}, {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t staff_no = 0;
    InvLoanLine line = {0};
    InvItem item = {0};

    int rc = adm_parse("item lost", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("item lost", n_pos, 1, 1, "a BARCODE", argv);
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
    int err = inv_item_lost(ctx->db, argv[0], note, staff_no, ctx->now, &line);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot mark lost");
    }
    if (inv_item_get(ctx->db, argv[0], &item) != INV_OK) {
        adm_copy(item.name, sizeof item.name, "?");
    }
    printf("lost %s %s, lent to %s (card %s): written off, the item is missing\n", argv[0],
           ADM_ESC(item.name), ADM_ESC(line.borrower_name), line.card);
    return ADM_EXIT_OK;
}

int adm_item_found(AdmCtx *ctx, int argc, char **argv)
{
    const char *note = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--note", &note, NULL}, {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t staff_no = 0;
    InvItem item = {0};

    int rc = adm_parse("item found", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("item found", n_pos, 1, 1, "a BARCODE", argv);
    }
    if (rc == ADM_EXIT_OK && note != NULL && strlen(note) >= INV_TEXT_MAX - 8) {
        rc = adm_usage("invalid --note: longer than %d bytes", INV_TEXT_MAX - 9);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_no)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_item_found(ctx->db, argv[0], note, staff_no, ctx->now);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot mark found");
    }
    if (inv_item_get(ctx->db, argv[0], &item) != INV_OK) {
        adm_copy(item.name, sizeof item.name, "?");
    }
    printf("found %s %s: available\n", argv[0], ADM_ESC(item.name));
    return ADM_EXIT_OK;
}

int adm_item_history(AdmCtx *ctx, int argc, char **argv)
{
    const char *format = NULL;
    const char *limit_text = NULL;
    const AdmOpt opts[] = {{"--format", &format, NULL}, {"--limit", &limit_text, NULL}};
    size_t n_pos = 0;
    bool csv = false;
    int limit = 0;

    int rc = adm_parse("item history", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("item history", n_pos, 1, 1, "a BARCODE", argv);
    }
    if (rc == ADM_EXIT_OK && format != NULL) {
        if (strcmp(format, "csv") == 0) {
            csv = true;
        } else if (strcmp(format, "text") != 0) {
            rc = adm_usage("invalid --format '%s': use text or csv", format);
        }
    }
    if (rc == ADM_EXIT_OK && limit_text != NULL) {
        rc = adm_parse_int("--limit", limit_text, 1, HISTORY_LIMIT_MAX, &limit);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    InvItem item = {0};
    int err = inv_item_get(ctx->db, argv[0], &item);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show the history");
    }
    if (csv) {
        fputs("at,kind,loan,card,borrower,due_at,returned_at,renewals,damaged,status,note,staff\n",
              stdout);
    } else {
        printf("%s %s: %s\n", item.barcode, ADM_ESC(item.name), inv_item_status_name(item.status));
    }
    size_t n = 0;
    err = inv_item_history(ctx->db, argv[0], 0, (size_t)limit, csv ? print_entry_csv : print_entry,
                           &n);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot show the history");
    }
    if (!csv && n == 0) {
        printf("  no history yet\n");
    }
    return ADM_EXIT_OK;
}

int adm_return_missing(AdmCtx *ctx, const char *barcode, const char *missing, bool damaged,
                       const char *note, int64_t staff_no)
{
    PartList *out = calloc(1, sizeof(*out));
    PartList *want = calloc(1, sizeof(*want));
    InvReturned *r = calloc(1, sizeof(*r));
    const char *present[INV_CHECKOUT_MAX];
    size_t n_present = 0;
    int rc = ADM_EXIT_OK;
    size_t total = strlen(missing);
    if (total == 0 || missing[0] == ',' || missing[total - 1] == ',' || strstr(missing, ",,")) {
        rc = adm_usage("invalid --missing '%s': barcodes of parts, separated by commas", missing);
        goto out_free;
    }
    if (out == NULL || want == NULL || r == NULL) {
        rc = adm_fail("out of memory");
        goto out_free;
    }
    int err = inv_set_parts_out(ctx->db, barcode, ctx->now, collect_part, out);
    if (err != INV_OK) {
        rc = adm_fail_inv(ctx, err, "cannot return");
        goto out_free;
    }
    if (out->n == 0) {
        rc = adm_fail("cannot return %s with --missing: it is not a set, or no parts went out "
                      "with it",
                      barcode);
        goto out_free;
    }
    /* --missing A,B: each must be a part out with the set */
    for (const char *p = missing; *p != '\0';) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= INV_CODE_MAX || want->n == INV_CHECKOUT_MAX) {
            rc = adm_usage("invalid --missing '%s': barcodes of parts, separated by commas",
                           missing);
            goto out_free;
        }
        memcpy(want->code[want->n], p, len);
        want->code[want->n][len] = '\0';
        size_t k = 0;
        while (k < out->n && strcmp(out->code[k], want->code[want->n]) != 0) {
            k++;
        }
        if (k == out->n) {
            rc = adm_fail("cannot return %s: %s is not a part of this set out on this loan",
                          barcode, want->code[want->n]);
            goto out_free;
        }
        want->n++;
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    for (size_t k = 0; k < out->n; k++) {
        bool gone = false;
        for (size_t m = 0; m < want->n && !gone; m++) {
            gone = strcmp(out->code[k], want->code[m]) == 0;
        }
        if (!gone) {
            present[n_present++] = out->code[k];
        }
    }
    InvReturn ret = {
        .barcode = barcode,
        .damaged = damaged,
        .note = note,
        .staff_id = staff_no,
        .now = ctx->now,
    };
    err = inv_return_set(ctx->db, &ret, present, n_present, r);
    if (err != INV_OK) {
        rc = adm_fail_inv(ctx, err, "cannot return");
        goto out_free;
    }
    InvBorrower b = {0};
    if (inv_borrower_get_id(ctx->db, r->borrower_id, &b) != INV_OK) {
        adm_copy(b.name, sizeof b.name, "?");
        adm_copy(b.card, sizeof b.card, "?");
    }
    printf("returned %s %s from %s (card %s), incomplete: to repair\n", r->item.barcode,
           ADM_ESC(r->item.name), ADM_ESC(b.name), b.card);
    for (size_t k = 0; k < r->n_parts; k++) {
        InvItem part = {0};
        inv_item_get(ctx->db, r->parts[k], &part);
        printf("  with %s %s\n", r->parts[k], ADM_ESC(part.name));
    }
    for (size_t k = 0; k < r->n_missing; k++) {
        InvItem part = {0};
        inv_item_get(ctx->db, r->missing[k], &part);
        printf("  missing %s %s\n", r->missing[k], ADM_ESC(part.name));
    }
out_free:
    free(r);
    free(want);
    free(out);
    return rc;
}

int adm_print_damage(AdmCtx *ctx, const char *barcode)
{
    InvHistoryEntry last = {0};
    int err = inv_item_history(ctx->db, barcode, 0, 0, find_damage, &last);
    if (err != INV_OK && err != 1) {
        return adm_fail_inv(ctx, err, "cannot show item");
    }
    if (err == 1) {
        char when[32] = "";
        adm_time(last.at, true, when, sizeof when);
        printf("damage:     %s (returned %s by %s, card %s)\n",
               last.note[0] != '\0' ? ADM_ESC(last.note) : "-", when, ADM_ESC(last.borrower_name),
               last.card);
    }
    return ADM_EXIT_OK;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Stops (1) at the newest return that noted damage, copied into ctx. */
static int find_damage(const InvHistoryEntry *e, void *ctx)
{
    if (e->kind != INV_HIST_RETURNED || !e->damaged) {
        return 0;
    }
    *(InvHistoryEntry *)ctx = *e;
    return 1;
}

static int collect_part(const InvLoanLine *line, void *ctx)
{
    PartList *list = ctx;
    if (list->n < INV_CHECKOUT_MAX) {
        adm_copy(list->code[list->n++], INV_CODE_MAX, line->barcode);
    }
    return 0;
}

/* The status an entry names: an item status, a stocktake result, or "". */
static const char *status_text(const InvHistoryEntry *e)
{
    if (e->kind == INV_HIST_STATUS) {
        return inv_item_status_name((InvItemStatus)e->status);
    }
    if (e->kind == INV_HIST_STOCKTAKE) {
        return inv_audit_kind_name((InvAuditKind)e->status);
    }
    if (e->kind == INV_HIST_REPAIR) {
        return inv_repair_step_name((InvRepairStepKind)e->status);
    }
    return "";
}

static int print_entry(const InvHistoryEntry *e, void *ctx)
{
    char at[32] = "";
    char due[32] = "";
    char back[32] = "";
    size_t *n = ctx;
    (*n)++;
    adm_time(e->at, false, at, sizeof at);
    adm_time(e->due_at, false, due, sizeof due);
    adm_time(e->returned_at, false, back, sizeof back);
    printf("  %s  ", at);
    adm_cell(inv_history_kind_name(e->kind), 9);
    switch (e->kind) {
    case INV_HIST_LENT:
        printf("to %s (card %s), due %s", ADM_ESC(e->borrower_name), e->card, due);
        if (e->renewals > 0) {
            printf(", renewed %d", e->renewals);
        }
        if (e->returned_at == 0) {
            printf(", not back");
        } else {
            printf(", back %s", back);
        }
        break;
    case INV_HIST_RETURNED:
        printf("from %s (card %s)%s", ADM_ESC(e->borrower_name), e->card,
               e->returned_at > e->due_at ? ", overdue" : "");
        if (e->damaged) {
            printf(", damaged: %s", ADM_ESC(e->note));
        } else if (e->note[0] != '\0') {
            printf(": %s", ADM_ESC(e->note));
        }
        break;
    case INV_HIST_LOST:
        printf("by %s (card %s)%s: %s", ADM_ESC(e->borrower_name), e->card,
               e->returned_at == 0 ? ", still open" : ", written off", ADM_ESC(e->note));
        break;
    case INV_HIST_STATUS:
        printf("%s%s%s", status_text(e), e->note[0] != '\0' ? ": " : "", ADM_ESC(e->note));
        break;
    case INV_HIST_STOCKTAKE:
        printf("%s, stocktake %lld%s%s", status_text(e), (long long)e->ref,
               e->note[0] != '\0' ? " of " : "", ADM_ESC(e->note));
        break;
    case INV_HIST_REPAIR: /* a step of the repair queue: "ready: new tube", "retired, unsafe" */
        printf("%s", status_text(e));
        if (e->reason >= 0) {
            printf(", %s", inv_retire_reason_name((InvRetireReason)e->reason));
        }
        printf("%s%s", e->note[0] != '\0' ? ": " : "", ADM_ESC(e->note));
        break;
    }
    if (e->staff[0] != '\0') {
        printf(" (%s)", ADM_ESC(e->staff));
    }
    fputc('\n', stdout);
    return 0;
}

static int print_entry_csv(const InvHistoryEntry *e, void *ctx)
{
    char at[32] = "";
    char due[32] = "";
    char back[32] = "";
    char num[32] = "";
    size_t *n = ctx;
    (*n)++;
    bool loan =
        e->kind == INV_HIST_LENT || e->kind == INV_HIST_RETURNED || e->kind == INV_HIST_LOST;
    adm_time(e->at, false, at, sizeof at);
    if (loan) {
        adm_time(e->due_at, false, due, sizeof due);
        if (e->returned_at != 0) {
            adm_time(e->returned_at, false, back, sizeof back);
        }
    }
    adm_csv_cell(stdout, at);
    fputc(',', stdout);
    adm_csv_cell(stdout, inv_history_kind_name(e->kind));
    fputc(',', stdout);
    if (e->ref != 0) {
        snprintf(num, sizeof num, "%lld", (long long)e->ref);
    }
    adm_csv_cell(stdout, num);
    fputc(',', stdout);
    adm_csv_cell(stdout, e->card);
    fputc(',', stdout);
    adm_csv_cell(stdout, e->borrower_name);
    fputc(',', stdout);
    adm_csv_cell(stdout, due);
    fputc(',', stdout);
    adm_csv_cell(stdout, back);
    fputc(',', stdout);
    snprintf(num, sizeof num, "%d", e->renewals);
    adm_csv_cell(stdout, loan ? num : "");
    fputc(',', stdout);
    adm_csv_cell(stdout, e->kind == INV_HIST_RETURNED ? (e->damaged ? "yes" : "no") : "");
    fputc(',', stdout);
    adm_csv_cell(stdout, status_text(e));
    fputc(',', stdout);
    adm_csv_cell(stdout, e->note);
    fputc(',', stdout);
    adm_csv_cell(stdout, e->staff);
    fputc('\n', stdout);
    return 0;
}
