/* Whole-number rules kept in the setting table (lend rules, reminder rules, privacy rules): each
 * area lists its rules once (key, default, range, where in its struct) and reads and writes them
 * through the two functions here. */
#include "inv_int.h"

#include <stdio.h>
#include <stdlib.h>

static int *field(void *rules, const InvIntRule *rule)
{
    return (int *)(void *)((char *)rules + rule->offset);
}

static int cfield(const void *rules, const InvIntRule *rule)
{
    return *(const int *)(const void *)((const char *)rules + rule->offset);
}

int inv__rules_get(InvDb *db, const InvIntRule *list, size_t n, void *out)
{
    for (size_t i = 0; i < n; i++) {
        int *v = field(out, &list[i]);
        *v = list[i].def;
        sqlite3_stmt *st = inv__stmt(db, SQL_SETTING_GET);
        inv__bind_text(st, 1, list[i].key);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            char text[32];
            inv__col_text(st, 0, text, sizeof(text));
            char *end = NULL;
            long v_read = strtol(text, &end, 10);
            if (end != text && *end == '\0' && v_read >= list[i].min && v_read <= list[i].max)
                *v = (int)v_read;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return inv__sqlfail(db, rc, "cannot read settings");
    }
    return INV_OK;
}

int inv__rules_set(InvDb *db, const InvIntRule *list, size_t n, const void *in)
{
    for (size_t i = 0; i < n; i++) {
        int v = cfield(in, &list[i]);
        if (v < list[i].min || v > list[i].max)
            return inv__fail(db, INV_E_INVALID, "%s is %d to %d, not %d", list[i].key, list[i].min,
                             list[i].max, v);
    }
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    for (size_t i = 0; i < n && err == INV_OK; i++) {
        char text[32];
        snprintf(text, sizeof(text), "%d", cfield(in, &list[i]));
        sqlite3_stmt *st = inv__stmt(db, SQL_SETTING_SET);
        inv__bind_text(st, 1, list[i].key);
        inv__bind_text(st, 2, text);
        err = inv__run(db, st, "cannot store settings");
    }
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}
