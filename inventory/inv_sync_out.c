/* Sync, the sending side: a database's identity as one device of a centre, the outbox that the
 * generated triggers fill (inv_sync_spec.c), and the state bua-sync records after each round.
 *
 * To understand the sync, start with the contract (inventory.h, section "sync"), then the table
 * spec in inv_sync_spec.c, then inv_sync_init here (the history sent once) and inv_sync_apply in
 * inv_sync_apply.c (other devices' events through the store's rules). */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool valid_name(const char *s);
static int read_self(InvDb *db, InvSyncIdentity *id, bool *applying);
static int emit_history(InvDb *db, int64_t now, int64_t *emitted);

int inv_sync_identity(InvDb *db, InvSyncIdentity *out)
{
    InvSyncIdentity id = {"", ""};
    int err = read_self(db, &id, NULL);
    if (err != INV_OK)
        return err;
    if (id.device[0] == '\0')
        return inv__fail(db, INV_E_NOT_FOUND,
                         "this database has no sync identity: run bua-admin init --centre CODE"
                         " --device NAME");
    *out = id;
    return INV_OK;
}

int inv_sync_init(InvDb *db, const char *centre, const char *device, int64_t now, int64_t *emitted)
{
    if (!valid_name(centre))
        return inv__fail(db, INV_E_INVALID,
                         "invalid centre code '%s': use 1 to 32 of a-z, 0-9 and -",
                         centre != NULL ? centre : "");
    if (!valid_name(device))
        return inv__fail(db, INV_E_INVALID,
                         "invalid device name '%s': use 1 to 32 of a-z, 0-9 and -",
                         device != NULL ? device : "");
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvSyncIdentity id = {"", ""};
    int64_t n = 0;
    err = read_self(db, &id, NULL);
    if (err != INV_OK)
        goto out_rollback;
    if (id.device[0] != '\0') {
        if (strcmp(id.centre, centre) != 0 || strcmp(id.device, device) != 0) {
            err = inv__fail(db, INV_E_EXISTS, "this database is device %s of centre %s", id.device,
                            id.centre);
            goto out_rollback;
        }
        inv__rollback(db); /* the same identity again: nothing to do */
        if (emitted != NULL)
            *emitted = 0;
        return INV_OK;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_SELF_SET);
    sqlite3_bind_text(st, 1, centre, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, device, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, db->centre_id);
    sqlite3_bind_int64(st, 4, now);
    err = inv__run(db, st, "cannot set the sync identity");
    if (err == INV_OK)
        err = inv__sync_triggers(db);
    if (err == INV_OK)
        err = emit_history(db, now, &n);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && emitted != NULL)
        *emitted = n;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

/* The events read so far (inv_sync_outbox). */
typedef struct Outbox {
    InvSyncEvent *ev;
    size_t n;
    size_t cap;
} Outbox;

/* Appends an event (its data copied); false when out of memory. */
static bool outbox_add(Outbox *o, const char *device, int64_t seq, int64_t at, const char *tbl,
                       bool del, const char *gid, const char *data)
{
    if (o->n == o->cap) {
        size_t ncap = o->cap == 0 ? 64 : o->cap * 2;
        InvSyncEvent *p = realloc(o->ev, ncap * sizeof *p);
        if (p == NULL)
            return false;
        o->ev = p;
        o->cap = ncap;
    }
    InvSyncEvent *e = &o->ev[o->n];
    *e = (InvSyncEvent){.seq = seq, .at = at, .del = del};
    inv__copy(e->device, sizeof e->device, device);
    inv__copy(e->tbl, sizeof e->tbl, tbl);
    inv__copy(e->gid, sizeof e->gid, gid);
    e->data = strdup(data != NULL ? data : "{}");
    if (e->data == NULL)
        return false;
    o->n++;
    return true;
}

/* Splits the JSON array of objects at s ("[{...},{...}]", as inv__sync_checkout writes it) in
 * place into its elements' texts: *k of them into parts (at most max). False when s is not such
 * an array (whitespace between the elements is allowed, none after the closing bracket). */
static bool split_objects(char *s, char **parts, size_t max, size_t *k)
{
    *k = 0;
    if (*s++ != '[')
        return false;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        if (*s != '{' || *k == max)
            return false;
        parts[(*k)++] = s;
        int depth = 0;
        bool in_string = false;
        for (; *s != '\0'; s++) {
            if (in_string) {
                if (*s == '\\' && s[1] != '\0')
                    s++;
                else if (*s == '"')
                    in_string = false;
            } else if (*s == '"') {
                in_string = true;
            } else if (*s == '{' || *s == '[') {
                depth++;
            } else if ((*s == '}' || *s == ']') && --depth == 0) {
                break;
            }
        }
        if (*s == '\0')
            return false;
        char *end = ++s; /* after the element: ',' or the closing ']' */
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        char next = *s++;
        *end = '\0';
        if (next == ']')
            return *s == '\0';
        if (next != ',')
            return false;
    }
}

/* A checkout's row (INV_SYNC_EVENTS): the loan's event and its lines', those after `after` and
 * up to max in all. */
static int outbox_bundle(InvDb *db, Outbox *o, const char *device, int64_t seq, int64_t at,
                         const char *gid, const char *data, int64_t after, size_t max)
{
    char *copy = strdup(data);
    if (copy == NULL)
        return inv__fail(db, INV_E_NOMEM, "out of memory reading the outbox");
    char *parts[INV_CHECKOUT_MAX + 1];
    size_t k = 0;
    int err = INV_OK;
    if (!split_objects(copy, parts, INV_CHECKOUT_MAX + 1, &k))
        err = inv__fail(db, INV_E_CORRUPT,
                        "outbox row %lld is not a checkout's loan and lines (a JSON array of at"
                        " most %d objects)",
                        (long long)seq, INV_CHECKOUT_MAX + 1);
    int64_t first = seq - (int64_t)k + 1; /* the loan's; its lines' follow */
    for (size_t i = 0; err == INV_OK && i < k && o->n < max; i++) {
        if (first + (int64_t)i <= after)
            continue;
        char line_gid[INV_SYNC_GID_MAX + 24];
        if (snprintf(line_gid, sizeof line_gid, "%s/%zu", gid, i) >= INV_SYNC_GID_MAX)
            err = inv__fail(db, INV_E_CORRUPT, "outbox row %lld: the gid %s is too long",
                            (long long)seq, gid);
        else if (!outbox_add(o, device, first + (int64_t)i, at, i == 0 ? "loan" : "loan_line",
                             false, i == 0 ? gid : line_gid, parts[i]))
            err = inv__fail(db, INV_E_NOMEM, "out of memory reading the outbox");
    }
    free(copy);
    return err;
}

int inv_sync_outbox(InvDb *db, int64_t after, size_t max, InvSyncEvent **out, size_t *n)
{
    InvSyncIdentity id = {"", ""};
    int err = inv_sync_identity(db, &id);
    if (err != INV_OK)
        return err;
    Outbox o = {NULL, 0, 0};
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_OUT_AFTER);
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, max > INT64_MAX ? INT64_MAX : (int64_t)max);
    int rc = SQLITE_DONE;
    while (err == INV_OK && o.n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t seq = sqlite3_column_int64(st, 0);
        int64_t at = sqlite3_column_int64(st, 1);
        char tbl[32];
        char gid[INV_SYNC_GID_MAX];
        inv__col_text(st, 2, tbl, sizeof tbl);
        bool del = strcmp((const char *)sqlite3_column_text(st, 3), "del") == 0;
        inv__col_text(st, 4, gid, sizeof gid);
        const char *data = (const char *)sqlite3_column_text(st, 5);
        if (strcmp(tbl, "loan") == 0 && data != NULL && data[0] == '[')
            err = outbox_bundle(db, &o, id.device, seq, at, gid, data, after, max);
        else if (!outbox_add(&o, id.device, seq, at, tbl, del, gid, data))
            err = inv__fail(db, INV_E_NOMEM, "out of memory reading the outbox");
    }
    sqlite3_reset(st);
    if (err == INV_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        err = inv__sqlfail(db, rc, "cannot read the outbox");
    if (err != INV_OK) {
        inv_sync_events_free(o.ev, o.n);
        return err;
    }
    *out = o.ev;
    *n = o.n;
    return INV_OK;
}

void inv_sync_events_free(InvSyncEvent *ev, size_t n)
{
    if (ev == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(ev[i].data);
    free(ev);
}

int inv_sync_pending(InvDb *db, int64_t *waiting)
{
    InvSyncStatus s;
    int err = inv_sync_status(db, &s);
    if (err == INV_OK)
        *waiting = s.waiting;
    return err;
}

int inv_sync_acked(InvDb *db, int64_t seq, int64_t now)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_OUT_LAST);
    int rc = sqlite3_step(st);
    int64_t last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the outbox");
        goto out_rollback;
    }
    if (seq < 0 || seq > last) {
        err =
            inv__fail(db, INV_E_INVALID, "acknowledged seq %lld is past the newest outbox row %lld",
                      (long long)seq, (long long)last);
        goto out_rollback;
    }
    st = inv__stmt(db, SQL_SYNC_ACKED);
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int64(st, 2, now);
    err = inv__run(db, st, "cannot record the acknowledgement");
    if (err == INV_OK) {
        st = inv__stmt(db, SQL_SYNC_OUT_DROP);
        sqlite3_bind_int64(st, 1, seq);
        err = inv__run(db, st, "cannot drop the sent outbox rows");
    }
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_sync_failed(InvDb *db, const char *error, int64_t now)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_FAILED);
    char text[256];
    inv__copy(text, sizeof text, error != NULL && error[0] != '\0' ? error : "failed");
    sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now);
    return inv__run(db, st, "cannot record the failed round");
}

int inv_sync_marks(InvDb *db, InvSyncMark **out, size_t *n)
{
    InvSyncMark *m = NULL;
    size_t cnt = 0;
    size_t cap = 0;
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_MARKS);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (cnt == cap) {
            size_t ncap = cap == 0 ? 8 : cap * 2;
            InvSyncMark *p = realloc(m, ncap * sizeof *p);
            if (p == NULL) {
                sqlite3_reset(st);
                free(m);
                return inv__fail(db, INV_E_NOMEM, "out of memory reading the marks");
            }
            m = p;
            cap = ncap;
        }
        inv__col_text(st, 0, m[cnt].device, sizeof m[cnt].device);
        m[cnt].seq = sqlite3_column_int64(st, 1);
        cnt++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(m);
        return inv__sqlfail(db, rc, "cannot read the marks");
    }
    *out = m;
    *n = cnt;
    return INV_OK;
}

int inv_sync_status(InvDb *db, InvSyncStatus *out)
{
    InvSyncStatus s = {0};
    int err = read_self(db, &s.id, NULL);
    if (err != INV_OK)
        return err;
    s.initialised = s.id.device[0] != '\0';
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_OUT_LAST);
    int rc = sqlite3_step(st);
    s.last_seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the outbox");
    st = inv__stmt(db, SQL_SYNC_STATE_GET);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s.pushed = sqlite3_column_int64(st, 0);
        s.ok_at = sqlite3_column_int64(st, 1);
        inv__col_text(st, 2, s.error, sizeof s.error);
        s.error_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the sync state");
    st = inv__stmt(db, SQL_SYNC_COUNTS);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s.conflicts_open = sqlite3_column_int64(st, 0);
        s.parked = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the sync state");
    s.waiting = s.last_seq > s.pushed ? s.last_seq - s.pushed : 0;
    *out = s;
    return INV_OK;
}

/* ---- helpers ------------------------------------------------------------------------------- */

static bool valid_name(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    if (n < 1 || n > INV_SYNC_NAME_MAX - 1)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

static int read_self(InvDb *db, InvSyncIdentity *id, bool *applying)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SYNC_SELF_GET);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        inv__col_text(st, 0, id->centre, sizeof id->centre);
        inv__col_text(st, 1, id->device, sizeof id->device);
        if (applying != NULL)
            *applying = sqlite3_column_int(st, 2) != 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the sync identity");
    return INV_OK;
}

/* Every row of every replicated table as a put, parents first, in the caller's transaction. */
static int emit_history(InvDb *db, int64_t now, int64_t *emitted)
{
    *emitted = 0;
    for (size_t i = 0; i < inv__sync_n_tables; i++) {
        const SyncTable *t = &inv__sync_tables[i];
        SyncBuf b = {0};
        inv__sync_buf_add(
            &b, "INSERT INTO sync_out(at, tbl, op, gid, data) SELECT ?1, '%s', 'put', ", t->name);
        int err = inv__sync_gid_expr(db, t, "t.", &b);
        inv__sync_buf_add(&b, ", ");
        if (err == INV_OK)
            err = inv__sync_image_expr(db, t, "t.", &b);
        inv__sync_buf_add(&b, " FROM %s t ORDER BY %s", t->name, t->pk != NULL ? t->pk : "t.id");
        if (err == INV_OK && b.oom)
            err = inv__fail(db, INV_E_NOMEM, "out of memory");
        sqlite3_stmt *st = NULL;
        if (err == INV_OK) {
            int rc = sqlite3_prepare_v2(db->sql, b.p, -1, &st, NULL);
            if (rc == SQLITE_OK) {
                sqlite3_bind_int64(st, 1, now);
                rc = sqlite3_step(st);
            }
            if (rc != SQLITE_DONE)
                err = inv__sqlfail(db, rc, "cannot send the history");
            else
                *emitted += sqlite3_changes(db->sql);
            sqlite3_finalize(st);
        }
        inv__sync_buf_free(&b);
        if (err != INV_OK)
            return err;
    }
    return INV_OK;
}

int inv__sync_scrub_borrower(InvDb *db, int64_t id)
{
    const SyncTable *b = inv__sync_table("borrower");
    const SyncTable *c = inv__sync_table("card_replaced");
    SyncBuf q = {0};
    /* the person's gids: their own row's and any merged into it */
    inv__sync_buf_add(&q, "WITH g(gid) AS (SELECT gid FROM sync_map WHERE tbl = 'borrower' AND"
                          " id = ?1 UNION SELECT device || ':' || ?1 FROM sync_self WHERE one = 1"
                          " AND device IS NOT NULL) UPDATE sync_out SET data = CASE tbl WHEN"
                          " 'borrower' THEN json_set(data");
    for (size_t i = 0; b->personal[i] != NULL; i++)
        inv__sync_buf_add(&q, ", '$.%s', ''", b->personal[i]);
    inv__sync_buf_add(&q, ") ELSE json_set(data");
    for (size_t i = 0; c->personal[i] != NULL; i++)
        inv__sync_buf_add(&q, ", '$.%s', ''", c->personal[i]);
    inv__sync_buf_add(&q, ") END WHERE (tbl = 'borrower' AND gid IN g) OR (tbl = 'card_replaced'"
                          " AND json_extract(data, '$.borrower_id') IN g)");
    if (q.oom) {
        inv__sync_buf_free(&q);
        return inv__fail(db, INV_E_NOMEM, "out of memory");
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, q.p, -1, &st, NULL);
    inv__sync_buf_free(&q);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot remove the person from the sync outbox");
    return INV_OK;
}
