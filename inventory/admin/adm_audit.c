/* The audit (stocktake) commands of bua-admin: start one for a zone, record scans, finish it, and
 * show every line of its result, grouped, the groups that need action first (text or CSV). */
#include "adm.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lines of a result, collected from the store's walks. */
typedef struct AuditLines {
    InvAuditLine *lines;
    size_t n;
    size_t cap;
} AuditLines;

/* The groups of a result in the order they are shown: what needs action first. */
static const InvAuditKind group_order[] = {INV_AUDIT_MISSING, INV_AUDIT_MISPLACED, INV_AUDIT_LENT,
                                           INV_AUDIT_UNKNOWN, INV_AUDIT_FOUND};

static int audit_start(AdmCtx *ctx, int argc, char **argv);
static int audit_scan(AdmCtx *ctx, int argc, char **argv);
static int audit_finish(AdmCtx *ctx, int argc, char **argv);
static int audit_show(AdmCtx *ctx, int argc, char **argv);
static int collect(const InvAuditLine *line, void *ctx);
static size_t count_kind(const AuditLines *all, InvAuditKind kind);
static void print_text(const InvAudit *a, const AuditLines *all);
static void print_csv(const AuditLines *all);

int adm_cmd_audit(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("audit needs a subcommand: start, scan, finish or show");
    }
    const char *sub = argv[1];
    if (strcmp(sub, "start") == 0) {
        return audit_start(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "scan") == 0) {
        return audit_scan(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "finish") == 0) {
        return audit_finish(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "show") == 0) {
        return audit_show(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'audit %s' (use start, scan, finish or show)", sub);
}

static int audit_start(AdmCtx *ctx, int argc, char **argv)
{
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t staff_id = 0;
    int64_t id = 0;
    InvAuditCount count = {0};

    int rc = adm_parse("audit start", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("audit start", n_pos, 0, 1, "at most one ZONE", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    const char *zone = n_pos == 1 ? argv[0] : "";
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_id)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_audit_start(ctx->db, zone, staff_id, ctx->now, &id);
    if (err == INV_OK) {
        err = inv_audit_count(ctx->db, id, &count);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot start the stocktake");
    }
    printf("started stocktake %lld of %s%s: %lld items expected\n", (long long)id,
           zone[0] != '\0' ? "zone " : "the whole centre", zone, (long long)count.expected);
    return ADM_EXIT_OK;
}

static int audit_scan(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int64_t id = 0;
    InvAuditCount count = {0};

    int rc = adm_parse("audit scan", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("audit scan", n_pos, 2, (size_t)INT_MAX, "an ID and BARCODEs", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("stocktake", "audit start", argv[0], &id);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    /* each scan is its own transaction, as at the kiosk: one that fails stops the rest */
    for (size_t i = 1; i < n_pos; i++) {
        InvAuditKind kind = INV_AUDIT_FOUND;
        int err = inv_audit_scan(ctx->db, id, argv[i], ctx->now, &kind, &count);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot record the scan");
        }
        printf("%s: %s\n", argv[i], inv_audit_kind_name(kind));
    }
    printf("stocktake %lld: %lld of %lld expected found, %lld misplaced, %lld lent, %lld unknown\n",
           (long long)id, (long long)count.found, (long long)count.expected,
           (long long)count.misplaced, (long long)count.lent, (long long)count.unknown);
    return ADM_EXIT_OK;
}

static int audit_finish(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    int64_t id = 0;

    int rc = adm_parse("audit finish", argc, argv, NULL, 0, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("audit finish", n_pos, 1, 1, "a stocktake ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("stocktake", "audit start", argv[0], &id);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_audit_finish(ctx->db, id, ctx->now);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot finish the stocktake");
    }
    printf("finished stocktake %lld\n", (long long)id);
    return ADM_EXIT_OK;
}

static int audit_show(AdmCtx *ctx, int argc, char **argv)
{
    const char *format = NULL;
    const AdmOpt opts[] = {{"--format", &format, NULL}};
    size_t n_pos = 0;
    int64_t id = 0;
    bool csv = false;
    InvAudit a = {0};
    AuditLines all = {0};

    int rc = adm_parse("audit show", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("audit show", n_pos, 1, 1, "a stocktake ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("stocktake", "audit start", argv[0], &id);
    }
    if (rc == ADM_EXIT_OK && format != NULL) {
        if (strcmp(format, "csv") == 0) {
            csv = true;
        } else if (strcmp(format, "text") != 0) {
            rc = adm_usage("invalid --format '%s': use text or csv", format);
        }
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_audit_get(ctx->db, id, &a);
    if (err == INV_OK) {
        err = inv_audit_each(ctx->db, id, collect, &all);
    }
    if (err == INV_OK) {
        err = inv_audit_each_found(ctx->db, id, collect, &all);
    }
    if (err == INV_E_NOMEM) {
        rc = adm_fail("cannot show stocktake %lld: out of memory", (long long)id);
    } else if (err != INV_OK) {
        rc = adm_fail_inv(ctx, err, "cannot show the stocktake");
    } else if (csv) {
        print_csv(&all);
    } else {
        print_text(&a, &all);
    }
    free(all.lines);
    return rc;
}

/* A stocktake id: a whole number from 1. */

static int collect(const InvAuditLine *line, void *ctx)
{
    AuditLines *all = ctx;
    if (all->n == all->cap) {
        size_t cap = all->cap ? all->cap * 2 : 64;
        InvAuditLine *grown = realloc(all->lines, cap * sizeof(*grown));
        if (grown == NULL) {
            return INV_E_NOMEM;
        }
        all->lines = grown;
        all->cap = cap;
    }
    all->lines[all->n++] = *line;
    return 0;
}

static size_t count_kind(const AuditLines *all, InvAuditKind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < all->n; i++) {
        n += all->lines[i].kind == kind;
    }
    return n;
}

static void print_text(const InvAudit *a, const AuditLines *all)
{
    char started[32] = "";
    char finished[32] = "";
    adm_time(a->started_at, false, started, sizeof started);
    adm_time(a->finished_at, false, finished, sizeof finished);
    printf("stocktake %lld of %s%s, started %s, %s%s\n", (long long)a->id,
           a->zone[0] != '\0' ? "zone " : "the whole centre", a->zone, started,
           a->finished_at != 0 ? "finished " : "still open", a->finished_at != 0 ? finished : "");
    for (size_t g = 0; g < sizeof group_order / sizeof group_order[0]; g++) {
        InvAuditKind kind = group_order[g];
        printf("%s: %zu\n", inv_audit_kind_name(kind), count_kind(all, kind));
        for (size_t i = 0; i < all->n; i++) {
            const InvAuditLine *l = &all->lines[i];
            if (l->kind != kind) {
                continue;
            }
            fputs("  ", stdout);
            adm_cell(l->barcode, 16);
            if (kind == INV_AUDIT_UNKNOWN) {
                fputs("not in the store\n", stdout);
                continue;
            }
            adm_cell(l->name, 28);
            printf("%s%s\n", kind == INV_AUDIT_MISPLACED ? "belongs in " : "",
                   l->location[0] != '\0' ? l->location : "-");
        }
    }
}

/* One row per line: group, barcode, name, location (where the store says the item belongs). */
static void print_csv(const AuditLines *all)
{
    printf("group,barcode,name,location\n");
    for (size_t g = 0; g < sizeof group_order / sizeof group_order[0]; g++) {
        for (size_t i = 0; i < all->n; i++) {
            const InvAuditLine *l = &all->lines[i];
            if (l->kind != group_order[g]) {
                continue;
            }
            adm_csv_cell(stdout, inv_audit_kind_name(l->kind));
            fputc(',', stdout);
            adm_csv_cell(stdout, l->barcode);
            fputc(',', stdout);
            adm_csv_cell(stdout, l->name);
            fputc(',', stdout);
            adm_csv_cell(stdout, l->location);
            fputc('\n', stdout);
        }
    }
}
