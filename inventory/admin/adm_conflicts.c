/* bua-admin conflicts (issue 14): what the sync between a centre's devices could not settle by
 * itself. `conflicts [list] [--all] [--json]` lists the open double lends (an item lent on two
 * devices while they were apart: both loans stand) with their two loans; --all adds those
 * resolved and the card merges (the same card registered on two devices, merged at once).
 * `conflicts resolve ID (--returned | --other-item BARCODE)` settles a double lend: the older
 * loan was returned now, or was really of another item. The store does the work
 * (inv_sync_conflicts, inv_conflict_loans, inv_sync_conflict_resolve); the kiosk's staff screen
 * does the same. */
#include "adm.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int list(AdmCtx *ctx, int argc, char **argv);
static int resolve(AdmCtx *ctx, int argc, char **argv);
static int print_text(AdmCtx *ctx, const InvSyncConflict *c);
static int add_json(AdmCtx *ctx, cJSON *arr, const InvSyncConflict *c);
static bool is_double(const InvSyncConflict *c);

int adm_cmd_conflicts(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        return list(ctx, argc, argv);
    }
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0) {
        return list(ctx, argc - 1, argv + 1);
    }
    if (strcmp(sub, "resolve") == 0) {
        return resolve(ctx, argc - 1, argv + 1);
    }
    return adm_usage("unknown subcommand 'conflicts %s' (use list or resolve)", sub);
}

static int list(AdmCtx *ctx, int argc, char **argv)
{
    bool all = false;
    bool json = false;
    const AdmOpt opts[] = {{"--all", NULL, &all}, {"--json", NULL, &json}};
    size_t n_pos = 0;
    int rc = adm_parse("conflicts list", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("conflicts list", n_pos, 0, 0, "", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    InvSyncConflict *c = NULL;
    size_t n = 0;
    int err = inv_sync_conflicts(ctx->db, !all, &c, &n);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list conflicts");
    }
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    if (json && arr == NULL) {
        free(c);
        return adm_fail("cannot list conflicts: out of memory");
    }
    size_t shown = 0;
    for (size_t i = 0; i < n && rc == ADM_EXIT_OK; i++) {
        if (!all && !is_double(&c[i])) {
            continue; /* a card merge is settled at once: listed with --all */
        }
        shown++;
        rc = json ? add_json(ctx, arr, &c[i]) : print_text(ctx, &c[i]);
    }
    free(c);
    if (json) {
        char *text = rc == ADM_EXIT_OK ? cJSON_Print(arr) : NULL;
        cJSON_Delete(arr);
        if (rc != ADM_EXIT_OK) {
            return rc;
        }
        if (text == NULL) {
            return adm_fail("cannot list conflicts: out of memory");
        }
        puts(text);
        cJSON_free(text);
    } else if (rc == ADM_EXIT_OK && shown == 0) {
        puts(all ? "no conflicts" : "no open conflicts");
    }
    return rc;
}

static int resolve(AdmCtx *ctx, int argc, char **argv)
{
    bool returned = false;
    const char *other = NULL;
    const char *staff = NULL;
    const AdmOpt opts[] = {
        {"--returned", NULL, &returned}, {"--other-item", &other, NULL}, {"--staff", &staff, NULL}};
    size_t n_pos = 0;
    int64_t id = 0;
    int64_t staff_id = 0;
    int rc = adm_parse("conflicts resolve", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("conflicts resolve", n_pos, 1, 1, "one conflict ID", argv);
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_parse_id("conflict", "conflicts list", argv[0], &id);
    }
    if (rc == ADM_EXIT_OK && returned == (other != NULL)) {
        rc = adm_usage("conflicts resolve %s needs one of --returned or --other-item BARCODE",
                       argv[0]);
    }
    if (rc == ADM_EXIT_OK && other != NULL && other[0] == '\0') {
        rc = adm_usage("conflicts resolve %s: --other-item needs a barcode", argv[0]);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (staff != NULL && (rc = adm_staff_id(ctx, staff, &staff_id)) != ADM_EXIT_OK) {
        return rc;
    }
    /* the conflict as it is, to say what was settled */
    InvSyncConflict *c = NULL;
    size_t n = 0;
    InvSyncConflict found;
    memset(&found, 0, sizeof found);
    int err = inv_sync_conflicts(ctx->db, false, &c, &n);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the conflicts");
    }
    bool known = false;
    for (size_t i = 0; i < n; i++) {
        if (c[i].id == id) {
            found = c[i];
            known = true;
        }
    }
    free(c);
    if (!known) {
        return adm_fail("cannot resolve conflict %lld: no such conflict (see bua-admin conflicts "
                        "--all)",
                        (long long)id);
    }
    if (!is_double(&found)) {
        return adm_fail("cannot resolve conflict %lld: it is a %s, settled when it was found",
                        (long long)id, found.kind);
    }
    if (found.resolved_at != 0) {
        char when[32] = "";
        adm_time(found.resolved_at, false, when, sizeof when);
        return adm_fail("cannot resolve conflict %lld: resolved already on %s (%s)", (long long)id,
                        when, ADM_ESC(found.resolution));
    }
    InvConflictLoan loans[2];
    err = inv_conflict_loans(ctx->db, id, loans);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot read the loans of the conflict");
    }
    char resolution[INV_CODE_MAX + 16];
    char what[INV_CODE_MAX + 64];
    if (returned) {
        snprintf(resolution, sizeof resolution, "returned");
        snprintf(what, sizeof what, "cannot resolve conflict %lld", (long long)id);
    } else {
        if (strlen(other) >= INV_CODE_MAX) {
            return adm_usage("conflicts resolve %lld: --other-item '%s' is too long", (long long)id,
                             other);
        }
        snprintf(resolution, sizeof resolution, "other-item %s", other);
        snprintf(what, sizeof what, "cannot resolve conflict %lld with --other-item %s",
                 (long long)id, other);
    }
    err = inv_sync_conflict_resolve(ctx->db, id, staff_id, resolution, ctx->now);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, what);
    }
    if (returned) {
        printf("conflict %lld resolved: %s of the older loan (%s, card %s) returned\n",
               (long long)id, found.barcode, ADM_ESC(loans[0].name), loans[0].card);
    } else {
        printf("conflict %lld resolved: the older loan (%s, card %s) was %s, not %s\n",
               (long long)id, ADM_ESC(loans[0].name), loans[0].card, other, found.barcode);
    }
    return ADM_EXIT_OK;
}

/* One conflict: a line of what and when, then its two loans or its resolution. */
static int print_text(AdmCtx *ctx, const InvSyncConflict *c)
{
    char at[32] = "";
    adm_time(c->at, false, at, sizeof at);
    printf("%-5lld ", (long long)c->id);
    adm_cell(c->resolved_at ? "resolved" : "open", 8);
    adm_cell(c->kind, 11);
    adm_cell(at, 16);
    if (is_double(c)) {
        adm_cell(c->barcode, 12);
        printf("%s\n", ADM_ESC(c->item_name));
        InvConflictLoan loans[2];
        int err = inv_conflict_loans(ctx->db, c->id, loans);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot read the loans of the conflict");
        }
        for (int k = 0; k < 2; k++) {
            char when[32] = "";
            adm_time(loans[k].at, false, when, sizeof when);
            printf("      %s loan: %s (card %s), lent %s on %s\n", k == 0 ? "older" : "newer",
                   ADM_ESC(loans[k].name), loans[k].card, when, loans[k].device);
        }
    } else {
        adm_cell(c->card, 12);
        printf("%s\n", ADM_ESC(c->borrower_name));
        printf("      %s\n", ADM_ESC(c->detail));
    }
    if (c->resolved_at != 0) {
        char when[32] = "";
        adm_time(c->resolved_at, false, when, sizeof when);
        printf("      resolved %s: %s\n", when, ADM_ESC(c->resolution));
    }
    return ADM_EXIT_OK;
}

static int add_json(AdmCtx *ctx, cJSON *arr, const InvSyncConflict *c)
{
    char at[32] = "";
    char resolved[32] = "";
    adm_time(c->at, false, at, sizeof at);
    if (c->resolved_at != 0) {
        adm_time(c->resolved_at, false, resolved, sizeof resolved);
    }
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        return adm_fail("cannot list conflicts: out of memory");
    }
    bool ok = cJSON_AddNumberToObject(o, "id", (double)c->id) != NULL &&
              cJSON_AddStringToObject(o, "kind", c->kind) != NULL &&
              cJSON_AddStringToObject(o, "state", c->resolved_at ? "resolved" : "open") != NULL &&
              cJSON_AddStringToObject(o, "at", at) != NULL &&
              cJSON_AddStringToObject(o, "barcode", c->barcode) != NULL &&
              cJSON_AddStringToObject(o, "item", c->item_name) != NULL &&
              cJSON_AddStringToObject(o, "card", c->card) != NULL &&
              cJSON_AddStringToObject(o, "borrower", c->borrower_name) != NULL &&
              cJSON_AddStringToObject(o, "detail", c->detail) != NULL &&
              (c->resolved_at ? cJSON_AddStringToObject(o, "resolved_at", resolved)
                              : cJSON_AddNullToObject(o, "resolved_at")) != NULL &&
              (c->resolved_at ? cJSON_AddStringToObject(o, "resolution", c->resolution)
                              : cJSON_AddNullToObject(o, "resolution")) != NULL;
    if (ok && is_double(c)) {
        InvConflictLoan loans[2];
        int err = inv_conflict_loans(ctx->db, c->id, loans);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot read the loans of the conflict");
        }
        cJSON *l = cJSON_AddArrayToObject(o, "loans");
        for (int k = 0; ok && l != NULL && k < 2; k++) {
            char when[32] = "";
            adm_time(loans[k].at, false, when, sizeof when);
            cJSON *x = cJSON_CreateObject();
            ok = x != NULL && cJSON_AddItemToArray(l, x) &&
                 cJSON_AddStringToObject(x, "device", loans[k].device) != NULL &&
                 cJSON_AddStringToObject(x, "at", when) != NULL &&
                 cJSON_AddStringToObject(x, "card", loans[k].card) != NULL &&
                 cJSON_AddStringToObject(x, "name", loans[k].name) != NULL;
        }
        ok = ok && l != NULL;
    }
    return ok ? ADM_EXIT_OK : adm_fail("cannot list conflicts: out of memory");
}

static bool is_double(const InvSyncConflict *c)
{
    return strcmp(c->kind, "double_lend") == 0;
}
