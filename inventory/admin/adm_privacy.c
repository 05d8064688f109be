/* Personal data in bua-admin: borrower export (everything held on a person, text or JSON),
 * borrower erase, privacy sweep (the retention rules applied; a systemd timer runs it daily) and
 * privacy rules. Each export and show is written to the access log first, so it shows itself. */
#include "adm.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ExportCtx {
    bool json;
    cJSON *root;
    cJSON *section; /* the array (or the person object) being filled */
    bool person;
    size_t rows; /* of the current section, for text */
    bool any;    /* a section was opened (text) */
} ExportCtx;

static int export_row(const char *section, const InvField *fields, size_t n, void *ctx);
static int text_row(ExportCtx *x, const char *section, const InvField *fields, size_t n);
static int json_row(ExportCtx *x, const char *section, const InvField *fields, size_t n);
static void field_text(const InvField *f, char *buf, size_t size);
static int print_swept(const InvSweepPerson *p, void *ctx);
static int privacy_sweep(AdmCtx *ctx, int argc, char **argv);
static int privacy_rules(AdmCtx *ctx, int argc, char **argv);

int adm_borrower_export(AdmCtx *ctx, int argc, char **argv)
{
    const char *format = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--format", &format, NULL}, {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t staff_id = 0;
    int64_t id = 0;
    InvBorrower b = {0};
    ExportCtx x = {0};

    int rc = adm_parse("borrower export", argc, argv, opts, 2, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("borrower export", n_pos, 1, 1, "a CARD", argv);
    }
    if (rc == ADM_EXIT_OK && format != NULL && strcmp(format, "json") != 0 &&
        strcmp(format, "text") != 0) {
        rc = adm_usage("invalid --format '%s': use text or json", format);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_id)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_borrower_get(ctx->db, argv[0], &b);
    if (err == INV_OK) {
        err = inv_access_log(ctx->db, b.id, staff_id, "bua-admin export", ctx->now);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot export borrower");
    }
    x.json = format != NULL && strcmp(format, "json") == 0;
    if (x.json && (x.root = cJSON_CreateObject()) == NULL) {
        return adm_fail("cannot export borrower %s: out of memory", argv[0]);
    }
    if (x.json) {
        char when[32] = "";
        adm_time(ctx->now, false, when, sizeof when);
        if (cJSON_AddStringToObject(x.root, "exported_at", when) == NULL) {
            err = INV_E_NOMEM;
        }
    }
    if (err == INV_OK) {
        err = inv_borrower_export(ctx->db, argv[0], export_row, &x, &id);
    }
    if (err == INV_E_NOMEM || err == ADM_EXIT_FAIL) {
        cJSON_Delete(x.root);
        return adm_fail("cannot export borrower %s: out of memory", argv[0]);
    }
    if (err != INV_OK) {
        cJSON_Delete(x.root);
        return adm_fail_inv(ctx, err, "cannot export borrower");
    }
    if (x.json) {
        char *text = cJSON_Print(x.root);
        cJSON_Delete(x.root);
        if (text == NULL) {
            return adm_fail("cannot export borrower %s: out of memory", argv[0]);
        }
        printf("%s\n", text);
        cJSON_free(text);
    } else if (x.any && x.rows == 0) {
        printf("  (none)\n");
    }
    return ADM_EXIT_OK;
}

int adm_borrower_erase(AdmCtx *ctx, int argc, char **argv)
{
    const char *staff = NULL;
    const AdmOpt opts[] = {{"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t staff_id = 0;
    InvErased r = {0};

    int rc = adm_parse("borrower erase", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("borrower erase", n_pos, 1, 1, "a CARD", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_id)) != ADM_EXIT_OK) {
        return rc;
    }
    char what[INV_CODE_MAX + 32] = "";
    snprintf(what, sizeof what, "cannot erase borrower %s", argv[0]);
    int err = inv_borrower_erase(ctx->db, argv[0], staff_id, ctx->now, &r);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, what);
    }
    if (r.n_children > 0) {
        printf("erased borrower %s and %zu child%s registered by them; loans and figures keep "
               "the anonymous key %lld\n",
               argv[0], r.n_children, r.n_children == 1 ? "" : "ren", (long long)r.id);
    } else {
        printf("erased borrower %s; loans and figures keep the anonymous key %lld\n", argv[0],
               (long long)r.id);
    }
    if (!r.log_cleared) {
        adm_err("warning: %s", inv_errmsg(ctx->db));
    }
    return ADM_EXIT_OK;
}

int adm_cmd_privacy(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        return adm_usage("privacy needs a subcommand: sweep or rules");
    }
    if (strcmp(argv[1], "sweep") == 0) {
        return privacy_sweep(ctx, argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "rules") == 0) {
        return privacy_rules(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'privacy %s' (use sweep or rules)", argv[1]);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static int privacy_sweep(AdmCtx *ctx, int argc, char **argv)
{
    bool dry_run = false;
    const AdmOpt opts[] = {{"--dry-run", NULL, &dry_run}};
    size_t n_pos = 0;
    InvSweepResult r = {0};
    InvPrivacyRules rules = {0};

    int rc = adm_parse("privacy sweep", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("privacy sweep", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_privacy_rules(ctx->db, &rules);
    if (err == INV_OK) {
        err = inv_privacy_sweep(ctx->db, ctx->now, dry_run, print_swept, &dry_run, &r);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot sweep");
    }
    printf("%s %zu borrower%s inactive for %d months; loan history of %zu %s older than %d "
           "months %s\n",
           dry_run ? "dry run: would erase" : "erased", r.erased, r.erased == 1 ? "" : "s",
           rules.retention_months, r.detached_people, r.detached_people == 1 ? "person" : "people",
           rules.history_months, dry_run ? "would be detached; nothing changed" : "detached");
    printf("%s %zu bike customer%s (name and phone) picked up more than %d months ago; "
           "%s %zu scheme membership%s ended more than %d months ago\n",
           dry_run ? "would clear" : "cleared", r.jobs_swept, r.jobs_swept == 1 ? "" : "s",
           rules.retention_months, dry_run ? "would delete" : "deleted", r.memberships_swept,
           r.memberships_swept == 1 ? "" : "s", rules.retention_months);
    if (!dry_run) {
        printf("detached %lld loan%s; removed %lld access log entr%s\n",
               (long long)r.detached_loans, r.detached_loans == 1 ? "" : "s",
               (long long)r.access_pruned, r.access_pruned == 1 ? "y" : "ies");
        if (!r.log_cleared) {
            adm_err("warning: %s", inv_errmsg(ctx->db));
        }
    }
    return ADM_EXIT_OK;
}

static int privacy_rules(AdmCtx *ctx, int argc, char **argv)
{
    const char *keep_text = NULL;
    const char *history_text = NULL;
    const AdmOpt opts[] = {{"--retention-months", &keep_text, NULL},
                           {"--history-months", &history_text, NULL}};
    size_t n_pos = 0;
    int v = 0;
    InvPrivacyRules r = {0};

    int rc = adm_parse("privacy rules", argc, argv, opts, 2, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("privacy rules", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && keep_text != NULL) {
        rc = adm_parse_int("--retention-months", keep_text, 1, 240, &v);
    }
    if (rc == ADM_EXIT_OK && history_text != NULL) {
        rc = adm_parse_int("--history-months", history_text, 12, 1200, &v);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_privacy_rules(ctx->db, &r);
    if (err == INV_OK && (keep_text != NULL || history_text != NULL)) {
        if (keep_text != NULL) {
            adm_parse_int("--retention-months", keep_text, 1, 240, &r.retention_months);
        }
        if (history_text != NULL) {
            adm_parse_int("--history-months", history_text, 12, 1200, &r.history_months);
        }
        err = inv_privacy_rules_set(ctx->db, &r);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot set the privacy rules");
    }
    printf("retention_months %d\nhistory_months %d\n", r.retention_months, r.history_months);
    return ADM_EXIT_OK;
}

static int print_swept(const InvSweepPerson *p, void *ctx)
{
    const bool *dry_run = ctx;
    char when[32] = "";
    adm_time(p->last_at, true, when, sizeof when);
    printf("%s ", *dry_run ? "would erase" : "erased");
    adm_cell(p->card, 14);
    adm_cell(p->name, 28);
    printf("last activity %s\n", when);
    return 0;
}

static int export_row(const char *section, const InvField *fields, size_t n, void *ctx)
{
    ExportCtx *x = ctx;
    if (x->json) {
        return json_row(x, section, fields, n);
    }
    return text_row(x, section, fields, n);
}

static int text_row(ExportCtx *x, const char *section, const InvField *fields, size_t n)
{
    char value[ADM_ESC_MAX] = "";
    if (fields == NULL) {
        if (x->any && x->rows == 0) {
            printf("  (none)\n");
        }
        printf("%s[%s]\n", x->any ? "\n" : "", section);
        x->any = true;
        x->rows = 0;
        x->person = strcmp(section, "person") == 0;
        return 0;
    }
    x->rows++;
    for (size_t i = 0; i < n; i++) {
        field_text(&fields[i], value, sizeof value);
        if (x->person) {
            printf("  %-16s %s\n", fields[i].name, ADM_ESC(value));
        } else {
            printf("%s%s: %s", i == 0 ? "  - " : ", ", fields[i].name, ADM_ESC(value));
        }
    }
    if (!x->person) {
        printf("\n");
    }
    return 0;
}

static int json_row(ExportCtx *x, const char *section, const InvField *fields, size_t n)
{
    if (fields == NULL) {
        x->person = strcmp(section, "person") == 0;
        x->section = x->person ? cJSON_AddObjectToObject(x->root, section)
                               : cJSON_AddArrayToObject(x->root, section);
        return x->section == NULL ? ADM_EXIT_FAIL : 0;
    }
    cJSON *o = x->person ? x->section : cJSON_CreateObject();
    if (o == NULL) {
        return ADM_EXIT_FAIL;
    }
    if (!x->person) {
        cJSON_AddItemToArray(x->section, o);
    }
    for (size_t i = 0; i < n; i++) {
        const InvField *f = &fields[i];
        cJSON *v = NULL;
        if (f->null) {
            v = cJSON_AddNullToObject(o, f->name);
        } else if (f->is_time) {
            char when[32] = "";
            adm_time(f->i, false, when, sizeof when);
            v = cJSON_AddStringToObject(o, f->name, when);
        } else if (f->is_int) {
            v = cJSON_AddNumberToObject(o, f->name, (double)f->i);
        } else {
            v = cJSON_AddStringToObject(o, f->name, f->text);
        }
        if (v == NULL) {
            return ADM_EXIT_FAIL;
        }
    }
    return 0;
}

static void field_text(const InvField *f, char *buf, size_t size)
{
    if (f->null) {
        adm_copy(buf, size, "-");
    } else if (f->is_time) {
        adm_time(f->i, false, buf, size);
    } else if (f->is_int) {
        snprintf(buf, size, "%lld", (long long)f->i);
    } else {
        adm_copy(buf, size, f->text);
    }
}
