/* The wire format between bua-sync and the server: an outbox event becomes
 *   {"seq":N,"at":T,"tbl":"loan","op":"put","gid":"g","row":{...},"sealed":"<base64>"?,"bk":"<hex>"?}
 * for bua.push, with the personal columns (inv_sync_personal) taken out of `row` and sealed with
 * the centre key; bua.pull's rows come back the other way, the sealed columns opened and merged
 * into the event's data for inv_sync_apply. */
#include "syn.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int copy_field(char *dst, size_t size, const char *src, const char *what, const char *where,
                      char *msg, size_t msg_size);

char *syn_wire_push(const InvSyncEvent *ev, size_t n, const SynKey *key, char *msg, size_t msg_size)
{
    cJSON *arr = cJSON_CreateArray();
    char *text = NULL;
    if (arr == NULL) {
        snprintf(msg, msg_size, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const InvSyncEvent *e = &ev[i];
        cJSON *row = cJSON_Parse(e->data);
        if (row == NULL || !cJSON_IsObject(row)) {
            snprintf(msg, msg_size, "outbox event %lld (%s %s) holds no JSON object",
                     (long long)e->seq, e->tbl, e->gid);
            cJSON_Delete(row);
            goto out_free;
        }
        cJSON *sealed = cJSON_CreateObject();
        cJSON *o = cJSON_CreateObject();
        if (sealed == NULL || o == NULL) {
            cJSON_Delete(row);
            cJSON_Delete(sealed);
            cJSON_Delete(o);
            snprintf(msg, msg_size, "out of memory");
            goto out_free;
        }
        cJSON_AddItemToArray(arr, o);
        for (cJSON *c = row->child; c != NULL;) {
            cJSON *next = c->next;
            if (c->string != NULL && inv_sync_personal(e->tbl, c->string)) {
                cJSON_AddItemToObject(sealed, c->string, cJSON_DetachItemViaPointer(row, c));
            }
            c = next;
        }
        cJSON_AddNumberToObject(o, "seq", (double)e->seq);
        cJSON_AddNumberToObject(o, "at", (double)e->at);
        cJSON_AddStringToObject(o, "tbl", e->tbl);
        cJSON_AddStringToObject(o, "op", e->del ? "del" : "put");
        cJSON_AddStringToObject(o, "gid", e->gid);
        cJSON_AddItemToObject(o, "row", row);
        if (sealed->child != NULL) {
            char *plain = cJSON_PrintUnformatted(sealed);
            char *box = plain != NULL ? syn_seal(key, plain, strlen(plain)) : NULL;
            if (plain != NULL) {
                memset(plain, 0, strlen(plain));
            }
            cJSON_free(plain);
            if (box == NULL) {
                cJSON_Delete(sealed);
                snprintf(msg, msg_size, "out of memory");
                goto out_free;
            }
            cJSON_AddStringToObject(o, "sealed", box);
            free(box);
            const cJSON *card = cJSON_GetObjectItemCaseSensitive(sealed, "card");
            if (strcmp(e->tbl, "borrower") == 0 && cJSON_IsString(card) &&
                card->valuestring[0] != '\0') {
                char bk[SYN_BK_BYTES * 2 + 1] = "";
                syn_borrower_key(key, card->valuestring, bk, sizeof bk);
                cJSON_AddStringToObject(o, "bk", bk);
            }
        }
        cJSON_Delete(sealed);
    }
    text = cJSON_PrintUnformatted(arr);
    if (text == NULL) {
        snprintf(msg, msg_size, "out of memory");
    }
out_free:
    cJSON_Delete(arr);
    return text;
}

int syn_wire_pull(const PGresult *res, const SynKey *key, InvSyncEvent **out, size_t *n, char *msg,
                  size_t msg_size)
{
    size_t rows = (size_t)PQntuples(res);
    InvSyncEvent *ev = calloc(rows > 0 ? rows : 1, sizeof *ev);
    size_t done = 0;
    if (ev == NULL) {
        snprintf(msg, msg_size, "out of memory");
        return -1;
    }
    for (; done < rows; done++) {
        int r = (int)done;
        InvSyncEvent *e = &ev[done];
        char where[128] = "";
        snprintf(where, sizeof where, "event %s:%s", PQgetvalue(res, r, 0), PQgetvalue(res, r, 1));
        if (copy_field(e->device, sizeof e->device, PQgetvalue(res, r, 0), "device", where, msg,
                       msg_size) != 0 ||
            copy_field(e->tbl, sizeof e->tbl, PQgetvalue(res, r, 3), "table", where, msg,
                       msg_size) != 0 ||
            copy_field(e->gid, sizeof e->gid, PQgetvalue(res, r, 5), "gid", where, msg, msg_size) !=
                0) {
            goto out_fail;
        }
        e->seq = strtoll(PQgetvalue(res, r, 1), NULL, 10);
        e->at = strtoll(PQgetvalue(res, r, 2), NULL, 10);
        e->del = strcmp(PQgetvalue(res, r, 4), "del") == 0;
        const char *row = PQgetvalue(res, r, 6);
        if (PQgetisnull(res, r, 7)) {
            e->data = strdup(row);
            if (e->data == NULL) {
                snprintf(msg, msg_size, "out of memory");
                goto out_fail;
            }
            continue;
        }
        char *plain = syn_open(key, PQgetvalue(res, r, 7));
        if (plain == NULL) {
            snprintf(msg, msg_size,
                     "cannot open the personal columns of %s (%s %s): wrong key file? every "
                     "device of the centre needs the same key (bua-sync keygen once, then copy "
                     "the file)",
                     where, e->tbl, e->gid);
            goto out_fail;
        }
        cJSON *obj = cJSON_Parse(row);
        cJSON *sealed = cJSON_Parse(plain);
        memset(plain, 0, strlen(plain));
        free(plain);
        if (!cJSON_IsObject(obj) || !cJSON_IsObject(sealed)) {
            cJSON_Delete(obj);
            cJSON_Delete(sealed);
            snprintf(msg, msg_size, "%s (%s %s) holds no JSON object", where, e->tbl, e->gid);
            goto out_fail;
        }
        while (sealed->child != NULL) {
            cJSON *c = cJSON_DetachItemViaPointer(sealed, sealed->child);
            cJSON_DeleteItemFromObjectCaseSensitive(obj, c->string);
            cJSON_AddItemToObject(obj, c->string, c);
        }
        char *text = cJSON_PrintUnformatted(obj);
        cJSON_Delete(obj);
        cJSON_Delete(sealed);
        if (text == NULL) {
            snprintf(msg, msg_size, "out of memory");
            goto out_fail;
        }
        e->data = strdup(text);
        cJSON_free(text);
        if (e->data == NULL) {
            snprintf(msg, msg_size, "out of memory");
            goto out_fail;
        }
    }
    *out = ev;
    *n = rows;
    return 0;
out_fail:
    inv_sync_events_free(ev, done + 1);
    return -1;
}

static int copy_field(char *dst, size_t size, const char *src, const char *what, const char *where,
                      char *msg, size_t msg_size)
{
    size_t len = strlen(src);
    if (len >= size) {
        snprintf(msg, msg_size, "%s from the server: %s is longer than %zu bytes", where, what,
                 size - 1);
        return -1;
    }
    memcpy(dst, src, len + 1);
    return 0;
}
