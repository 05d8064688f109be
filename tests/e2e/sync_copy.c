/* sync_copy: the store's side of a sync round without a server, for end-to-end tests that need
 * a database with real sync state (tests/e2e/kiosk_e2e.sh sync_*, admin_conflicts.sh). It uses
 * the same calls as bua-sync (inventory.h, "sync"):
 *
 *   sync_copy --at T FROM.db TO.db       FROM's outbox applied to TO (inv_sync_outbox, then
 *                                        inv_sync_apply: what TO has is skipped)
 *   sync_copy --at T --acked DB          the server has all of DB's outbox (inv_sync_acked)
 *   sync_copy --at T --failed TEXT DB    the last round failed with TEXT (inv_sync_failed)
 *
 * T: UTC seconds. Prints what it did; exits 1 naming the file and the store's message. */
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(InvDb *db, const char *path, int err, const char *what)
{
    fprintf(stderr, "sync_copy: %s %s: %s\n", what, path,
            db && inv_errmsg(db)[0] ? inv_errmsg(db) : inv_strerror(err));
    return 1;
}

static int open_db(const char *path, InvDb **db)
{
    char msg[512] = "";
    InvOpenOptions o = {.path = path};
    int err = inv_open(&o, db, msg, sizeof msg);
    if (err != INV_OK)
        fprintf(stderr, "sync_copy: %s\n", msg);
    return err;
}

static int copy(int64_t at, const char *from, const char *to)
{
    InvDb *a = NULL;
    InvDb *b = NULL;
    InvSyncEvent *ev = NULL;
    size_t n = 0;
    int rc = 1;
    if (open_db(from, &a) != INV_OK)
        return 1;
    if (open_db(to, &b) != INV_OK)
        goto out_close;
    int err = inv_sync_outbox(a, 0, 1000000, &ev, &n);
    if (err != INV_OK) {
        fail(a, from, err, "cannot read the outbox of");
        goto out_close;
    }
    InvSyncApplied got;
    memset(&got, 0, sizeof got);
    err = inv_sync_apply(b, ev, n, at, &got);
    if (err != INV_OK) {
        fail(b, to, err, "cannot apply to");
        goto out_free;
    }
    printf("%s -> %s: %zu applied, %zu skipped, %zu waiting, %zu conflicts\n", from, to,
           got.applied, got.skipped, got.waiting, got.conflicts);
    rc = 0;
out_free:
    inv_sync_events_free(ev, n);
out_close:
    inv_close(b);
    inv_close(a);
    return rc;
}

static int state(int64_t at, const char *failed, const char *path)
{
    InvDb *db = NULL;
    if (open_db(path, &db) != INV_OK)
        return 1;
    InvSyncStatus s;
    int err = inv_sync_status(db, &s);
    if (err == INV_OK)
        err = failed ? inv_sync_failed(db, failed, at) : inv_sync_acked(db, s.last_seq, at);
    if (err != INV_OK) {
        fail(db, path, err, "cannot set the sync state of");
        inv_close(db);
        return 1;
    }
    printf("%s: %s\n", path, failed ? "failed" : "acknowledged");
    inv_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && strcmp(argv[1], "--at") == 0) {
        int64_t at = strtoll(argv[2], NULL, 10);
        if (argc == 5 && strcmp(argv[3], "--acked") != 0)
            return copy(at, argv[3], argv[4]);
        if (argc == 5)
            return state(at, NULL, argv[4]);
        if (argc == 6 && strcmp(argv[3], "--failed") == 0)
            return state(at, argv[4], argv[5]);
    }
    fprintf(stderr, "usage: sync_copy --at T FROM.db TO.db | --at T --acked DB |"
                    " --at T --failed TEXT DB\n");
    return 2;
}
