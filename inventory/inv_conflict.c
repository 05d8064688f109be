/* The two loans of a double lend, for staff (the kiosk's conflicts screen, bua-admin conflicts):
 * who borrowed, when, and on which device. The conflict keeps the gids of its two loan lines,
 * older first ("<loan gid>/<seq>", a loan gid "<device>:<id>"): the device is the gid's own
 * prefix, and the local loan is found through sync_map (another device's loan) or is the gid's
 * id (this device's). Read only. */
#include "inv_int.h"
#include "inventory.h"

#include <stdlib.h>
#include <string.h>

static int one_loan(InvDb *db, const char *gid, InvConflictLoan *out);

int inv_conflict_loans(InvDb *db, int64_t id, InvConflictLoan out[2])
{
    char gid[2][INV_SYNC_GID_MAX];
    sqlite3_stmt *st = inv__stmt(db, SQL_CONFLICT_GIDS);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        inv__col_text(st, 0, gid[0], sizeof gid[0]);
        inv__col_text(st, 1, gid[1], sizeof gid[1]);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no double lend %lld", (long long)id);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the conflict");
    InvConflictLoan got[2];
    memset(got, 0, sizeof got);
    for (int k = 0; k < 2; k++) {
        int err = one_loan(db, gid[k], &got[k]);
        if (err != INV_OK)
            return err;
    }
    memcpy(out, got, sizeof got);
    return INV_OK;
}

static int one_loan(InvDb *db, const char *gid, InvConflictLoan *out)
{
    char lg[INV_SYNC_GID_MAX];
    inv__copy(lg, sizeof lg, gid);
    char *slash = strrchr(lg, '/');
    char *colon = strchr(lg, ':');
    if (slash == NULL || colon == NULL || colon > slash)
        return inv__fail(db, INV_E_CORRUPT, "bad loan line gid %s in a conflict", gid);
    *slash = '\0';
    size_t n = (size_t)(colon - lg);
    if (n >= sizeof out->device)
        n = sizeof out->device - 1;
    memcpy(out->device, lg, n);
    out->device[n] = '\0';
    sqlite3_stmt *st = inv__stmt(db, SQL_CONFLICT_MAP);
    sqlite3_bind_text(st, 1, lg, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int64_t loan = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot look up a loan of the conflict");
    if (loan == 0) /* this device's own loan */
        loan = strtoll(colon + 1, NULL, 10);
    st = inv__stmt(db, SQL_CONFLICT_LOAN);
    sqlite3_bind_int64(st, 1, loan);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->at = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, out->card, sizeof out->card);
        inv__col_text(st, 2, out->name, sizeof out->name);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no loan %s of the conflict", lg);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read a loan of the conflict");
    return INV_OK;
}
