/* bua-admin init --centre CODE --device NAME (the database's sync identity) and sync-status
 * (what bua-sync last did, events waiting, conflicts), on inventory.h's section "sync". */
#include "adm.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char status_help[] =
    "usage: bua-admin sync-status [--json]\n"
    "\n"
    "Shows this database's sync identity, the outbox (events waiting to be sent), the last\n"
    "successful and failed round of bua-sync, open conflicts and events waiting for a row\n"
    "from another device. --json prints one JSON object.\n";

static int status_json(const InvSyncStatus *s);

int adm_sync_identity(AdmCtx *ctx, const char *centre, const char *device)
{
    int64_t emitted = 0;
    int err = inv_sync_init(ctx->db, centre, device, ctx->now, &emitted);
    if (err != INV_OK)
        return adm_fail_inv(ctx, err, "cannot set the sync identity");
    printf("database %s is device %s of centre %s", ctx->db_path, device, centre);
    if (emitted > 0)
        printf(" (%lld rows of its history to send)", (long long)emitted);
    printf("\n");
    return ADM_EXIT_OK;
}

int adm_cmd_sync_status(AdmCtx *ctx, int argc, char **argv)
{
    bool json = false;
    const AdmOpt opts[] = {{"--json", NULL, &json}};
    size_t n_pos = 0;
    if (adm_wants_help(argc, argv)) {
        fputs(status_help, stdout);
        return ADM_EXIT_OK;
    }
    int rc = adm_parse("sync-status", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK)
        rc = adm_want_args("sync-status", n_pos, 0, 0, "", argv);
    if (rc == ADM_EXIT_OK)
        rc = adm_open(ctx);
    if (rc != ADM_EXIT_OK)
        return rc;
    InvSyncStatus s;
    int err = inv_sync_status(ctx->db, &s);
    if (err != INV_OK)
        return adm_fail_inv(ctx, err, "cannot read the sync state");
    if (json)
        return status_json(&s);
    if (!s.initialised) {
        printf("sync:       not set up (bua-admin init --centre CODE --device NAME)\n");
        return ADM_EXIT_OK;
    }
    char when[64];
    printf("device:     %s of centre %s\n", s.id.device, s.id.centre);
    printf("outbox:     %lld events waiting to be sent (newest %lld, sent up to %lld)\n",
           (long long)s.waiting, (long long)s.last_seq, (long long)s.pushed);
    adm_time(s.ok_at, false, when, sizeof when);
    printf("last sync:  %s\n", s.ok_at != 0 ? when : "never");
    if (s.error_at != 0) {
        adm_time(s.error_at, false, when, sizeof when);
        char esc[ADM_ESC_MAX];
        printf("last error: %s: %s\n", when, adm_esc(esc, sizeof esc, s.error));
    }
    printf("conflicts:  %lld open\n", (long long)s.conflicts_open);
    printf("waiting:    %lld events for rows not seen yet\n", (long long)s.parked);
    return ADM_EXIT_OK;
}

static int status_json(const InvSyncStatus *s)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return adm_fail("out of memory");
    cJSON_AddBoolToObject(o, "initialised", s->initialised);
    if (s->initialised) {
        cJSON_AddStringToObject(o, "centre", s->id.centre);
        cJSON_AddStringToObject(o, "device", s->id.device);
    }
    cJSON_AddNumberToObject(o, "last_seq", (double)s->last_seq);
    cJSON_AddNumberToObject(o, "pushed", (double)s->pushed);
    cJSON_AddNumberToObject(o, "waiting", (double)s->waiting);
    if (s->ok_at != 0)
        cJSON_AddNumberToObject(o, "ok_at", (double)s->ok_at);
    else
        cJSON_AddNullToObject(o, "ok_at");
    if (s->error_at != 0) {
        cJSON_AddNumberToObject(o, "error_at", (double)s->error_at);
        cJSON_AddStringToObject(o, "error", s->error);
    } else {
        cJSON_AddNullToObject(o, "error_at");
        cJSON_AddNullToObject(o, "error");
    }
    cJSON_AddNumberToObject(o, "conflicts_open", (double)s->conflicts_open);
    cJSON_AddNumberToObject(o, "parked", (double)s->parked);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (text == NULL)
        return adm_fail("out of memory");
    printf("%s\n", text);
    free(text);
    return ADM_EXIT_OK;
}
