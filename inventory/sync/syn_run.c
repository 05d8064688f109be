/* bua-sync run: one device's side of the sync. A round pushes the outbox above the server's
 * acknowledged seq (batches of SYN_PUSH_BATCH, one bua.push each; the server's high-water goes
 * to inv_sync_acked) and pulls the centre's other devices' events above this device's marks
 * (batches of SYN_PULL_BATCH through bua.pull, handed to inv_sync_apply). With --once that is
 * all; else the loop pushes within a second of a local write (it watches the database file and
 * its -wal every POLL_MS), pulls every PULL_MS, and after a failure records it
 * (inv_sync_failed) and tries again after 1 s, doubling up to 60 s, until it works again.
 * SIGTERM and SIGINT end it cleanly (exit 0). */
#include "inv_paths.h"
#include "syn.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define POLL_MS 200
#define PULL_MS 3000
#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS 60000
#define OK_REFRESH_S 30 /* how often a quiet loop rewrites "last successful sync" */

typedef struct Run {
    const SynRunOptions *opt;
    InvDb *db;
    PGconn *conn;
    SynKey key;
    InvSyncIdentity id;
    int64_t pushed; /* events sent in this round */
    InvSyncApplied applied;
    size_t pulled;
    char msg[SYN_MSG_MAX];
} Run;

typedef struct FileSig {
    long long size, wal_size;
    long long mtime_ns, wal_mtime_ns;
} FileSig;

static volatile sig_atomic_t stop_flag = 0;

static int push_all(Run *r);
static int pull_all(Run *r);
static int ensure_conn(Run *r);
static void mark_ok(Run *r, int64_t now);
static void server_failed(Run *r, PGresult *res, const char *what);
static void on_signal(int sig);
static int64_t now_ms(void);
static void sleep_ms(int ms);
static FileSig file_sig(const char *path);

int syn_cmd_run(const SynRunOptions *opt)
{
    Run r;
    memset(&r, 0, sizeof r);
    r.opt = opt;
    int rc = SYN_EXIT_FAIL;
    inv_log_init("bua-sync");
    if (syn_key_load(opt->key_file, &r.key, r.msg, sizeof r.msg) != 0) {
        inv_log(INV_LOG_ERR, "%s", r.msg);
        return SYN_EXIT_FAIL;
    }
    /* what bua-sync writes (acknowledgements, other devices' events with their marks) the server
     * gives again if a power cut loses it: no flush per commit */
    InvOpenOptions oo = {.path = opt->db, .create = false, .replayable = true};
    int err = inv_open(&oo, &r.db, r.msg, sizeof r.msg);
    if (err == INV_E_NOT_FOUND) {
        inv_log(INV_LOG_ERR,
                "database %s does not exist: make it with bua-admin init --centre CODE --device "
                "NAME --db %s",
                opt->db, opt->db);
        goto out_close;
    }
    if (err != INV_OK) {
        inv_log(INV_LOG_ERR, "%s", r.msg);
        goto out_close;
    }
    err = inv_sync_identity(r.db, &r.id);
    if (err == INV_E_NOT_FOUND) {
        inv_log(INV_LOG_ERR,
                "database %s is not initialised as a device of a centre: run bua-admin init "
                "--centre CODE --device NAME --db %s",
                opt->db, opt->db);
        goto out_close;
    }
    if (err != INV_OK) {
        inv_log(INV_LOG_ERR, "cannot read the sync identity of %s: %s", opt->db, inv_errmsg(r.db));
        goto out_close;
    }

    if (opt->once) {
        if (push_all(&r) == 0 && pull_all(&r) == 0) {
            mark_ok(&r, (int64_t)time(NULL));
            if (inv_checkpoint(r.db, NULL) != INV_OK) {
                inv_log(INV_LOG_WARNING, "%s", inv_errmsg(r.db));
            }
            printf("pushed %lld, pulled %zu: applied %zu, skipped %zu, waiting %zu, conflicts "
                   "%zu\n",
                   (long long)r.pushed, r.pulled, r.applied.applied, r.applied.skipped,
                   r.applied.waiting, r.applied.conflicts);
            rc = SYN_EXIT_OK;
        } else {
            inv_sync_failed(r.db, r.msg, (int64_t)time(NULL));
            inv_log(INV_LOG_ERR, "%s", r.msg);
        }
        goto out_close;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    inv_log(INV_LOG_NOTICE, "device %s of centre %s: syncing %s", r.id.device, r.id.centre,
            opt->db);

    FileSig seen;
    memset(&seen, 0xff, sizeof seen); /* the first look counts as a change */
    int64_t next_pull = 0;
    int64_t retry_at = 0;
    int backoff = 0;
    int64_t ok_written = 0;
    bool failing = false;
    bool wrote = false; /* this process wrote to the file since its last checkpoint */
    while (!stop_flag) {
        int64_t t = now_ms();
        if (t < retry_at) {
            sleep_ms(POLL_MS);
            continue;
        }
        FileSig sig = file_sig(opt->db);
        bool changed = memcmp(&sig, &seen, sizeof sig) != 0;
        bool want_pull = t >= next_pull;
        if (!changed && !want_pull) {
            if (wrote) { /* a quiet moment: the WAL into the file, not during a round */
                if (inv_checkpoint(r.db, NULL) != INV_OK) {
                    inv_log(INV_LOG_WARNING, "%s", inv_errmsg(r.db));
                }
                wrote = false;
                seen = file_sig(opt->db);
            }
            sleep_ms(POLL_MS);
            continue;
        }
        seen = sig;
        r.pushed = 0;
        int step = push_all(&r);
        if (step == 0 && want_pull) {
            step = pull_all(&r);
        }
        int64_t now = (int64_t)time(NULL);
        if (step != 0) {
            inv_sync_failed(r.db, r.msg, now);
            backoff = backoff == 0 ? BACKOFF_FIRST_MS : backoff * 2;
            if (backoff > BACKOFF_MAX_MS) {
                backoff = BACKOFF_MAX_MS;
            }
            inv_log(INV_LOG_WARNING, "%s (trying again in %d s)", r.msg, backoff / 1000);
            retry_at = now_ms() + backoff;
            memset(&seen, 0xff, sizeof seen); /* push and pull again after the pause */
            next_pull = 0;
            failing = true;
            continue;
        }
        if (want_pull) {
            next_pull = now_ms() + PULL_MS;
            if (failing || now - ok_written >= OK_REFRESH_S) {
                mark_ok(&r, now);
                ok_written = now;
            }
        }
        if (failing) {
            inv_log(INV_LOG_NOTICE, "sync works again");
            failing = false;
        }
        backoff = 0;
        if (r.pushed > 0) {
            ok_written = now; /* inv_sync_acked wrote it */
        }
        wrote = true;
        seen = file_sig(opt->db); /* what this round wrote itself is no new local write */
        sleep_ms(POLL_MS);
    }
    inv_log(INV_LOG_NOTICE, "stopped");
    rc = SYN_EXIT_OK;
out_close:
    if (r.conn != NULL) {
        PQfinish(r.conn);
    }
    inv_close(r.db);
    return rc;
}

/* Sends the outbox above the acknowledged seq; 0, or -1 with r->msg. */
static int push_all(Run *r)
{
    InvSyncStatus st;
    if (inv_sync_status(r->db, &st) != INV_OK) {
        snprintf(r->msg, sizeof r->msg, "cannot read the sync state: %s", inv_errmsg(r->db));
        return -1;
    }
    int64_t after = st.pushed;
    for (;;) {
        InvSyncEvent *ev = NULL;
        size_t n = 0;
        if (inv_sync_outbox(r->db, after, SYN_PUSH_BATCH, &ev, &n) != INV_OK) {
            snprintf(r->msg, sizeof r->msg, "cannot read the outbox: %s", inv_errmsg(r->db));
            return -1;
        }
        if (n == 0) {
            inv_sync_events_free(ev, n);
            return 0;
        }
        int64_t last = ev[n - 1].seq;
        char *json = syn_wire_push(ev, n, &r->key, r->msg, sizeof r->msg);
        inv_sync_events_free(ev, n);
        if (json == NULL || ensure_conn(r) != 0) {
            free(json);
            return -1;
        }
        const char *params[3] = {r->id.centre, r->id.device, json};
        PGresult *res = PQexecParams(r->conn, "SELECT bua.push($1, $2, $3::jsonb)", 3, NULL, params,
                                     NULL, NULL, 0);
        free(json);
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            server_failed(r, res, "push");
            return -1;
        }
        long long hw = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        PQclear(res);
        if (hw < last) {
            snprintf(r->msg, sizeof r->msg,
                     "push: the server acknowledged seq %lld of device %s, not %lld", hw,
                     r->id.device, (long long)last);
            return -1;
        }
        if (hw > st.last_seq) {
            snprintf(r->msg, sizeof r->msg,
                     "push: the server holds events of device %s of centre %s up to seq %lld, "
                     "but this database's outbox ends at seq %lld: was it restored from an "
                     "older backup? Give the restored database a new device name",
                     r->id.device, r->id.centre, hw, (long long)st.last_seq);
            return -1;
        }
        if (inv_sync_acked(r->db, hw, (int64_t)time(NULL)) != INV_OK) {
            snprintf(r->msg, sizeof r->msg, "cannot record the acknowledged seq %lld: %s", hw,
                     inv_errmsg(r->db));
            return -1;
        }
        r->pushed += hw - after;
        after = hw;
    }
}

/* Fetches the other devices' events above the marks and applies them; 0, or -1 with r->msg. */
static int pull_all(Run *r)
{
    for (;;) {
        InvSyncMark *marks = NULL;
        size_t nm = 0;
        if (inv_sync_marks(r->db, &marks, &nm) != INV_OK) {
            snprintf(r->msg, sizeof r->msg, "cannot read the marks: %s", inv_errmsg(r->db));
            return -1;
        }
        cJSON *obj = cJSON_CreateObject();
        long long mark_sum = 0;
        for (size_t i = 0; obj != NULL && i < nm; i++) {
            cJSON_AddNumberToObject(obj, marks[i].device, (double)marks[i].seq);
            mark_sum += marks[i].seq;
        }
        free(marks);
        char *json = obj != NULL ? cJSON_PrintUnformatted(obj) : NULL;
        cJSON_Delete(obj);
        if (json == NULL) {
            snprintf(r->msg, sizeof r->msg, "out of memory");
            return -1;
        }
        if (ensure_conn(r) != 0) {
            cJSON_free(json);
            return -1;
        }
        char limit[16] = "";
        snprintf(limit, sizeof limit, "%d", SYN_PULL_BATCH);
        const char *params[4] = {r->id.centre, r->id.device, json, limit};
        PGresult *res = PQexecParams(r->conn,
                                     "SELECT device, seq, at, tbl, op, gid, row::text, "
                                     "translate(encode(sealed, 'base64'), E'\\n', '') "
                                     "FROM bua.pull($1, $2, $3::jsonb, $4::int)",
                                     4, NULL, params, NULL, NULL, 0);
        cJSON_free(json);
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            server_failed(r, res, "pull");
            return -1;
        }
        InvSyncEvent *ev = NULL;
        size_t n = 0;
        int wrc = syn_wire_pull(res, &r->key, &ev, &n, r->msg, sizeof r->msg);
        PQclear(res);
        if (wrc != 0) {
            return -1;
        }
        if (n == 0) {
            inv_sync_events_free(ev, n);
            return 0;
        }
        InvSyncApplied a;
        memset(&a, 0, sizeof a);
        int err = inv_sync_apply(r->db, ev, n, (int64_t)time(NULL), &a);
        inv_sync_events_free(ev, n);
        if (err != INV_OK) {
            snprintf(r->msg, sizeof r->msg, "cannot apply %zu events of the centre: %s", n,
                     inv_errmsg(r->db));
            return -1;
        }
        r->pulled += n;
        r->applied.applied += a.applied;
        r->applied.skipped += a.skipped;
        r->applied.waiting += a.waiting;
        r->applied.conflicts += a.conflicts;
        if (n < SYN_PULL_BATCH) {
            return 0;
        }
        /* a full batch: more may follow, but only if the marks moved */
        if (inv_sync_marks(r->db, &marks, &nm) != INV_OK) {
            snprintf(r->msg, sizeof r->msg, "cannot read the marks: %s", inv_errmsg(r->db));
            return -1;
        }
        long long new_sum = 0;
        for (size_t i = 0; i < nm; i++) {
            new_sum += marks[i].seq;
        }
        free(marks);
        if (new_sum <= mark_sum) {
            snprintf(r->msg, sizeof r->msg,
                     "pull: %zu events applied but the marks did not move: stopping", n);
            return -1;
        }
    }
}

/* a good round: "last successful sync" now, the error cleared (the acknowledged seq as it is) */
static void mark_ok(Run *r, int64_t now)
{
    InvSyncStatus st;
    if (inv_sync_status(r->db, &st) == INV_OK) {
        inv_sync_acked(r->db, st.pushed, now);
    }
}

static int ensure_conn(Run *r)
{
    if (r->conn != NULL && PQstatus(r->conn) == CONNECTION_OK) {
        return 0;
    }
    if (r->conn != NULL) {
        PQfinish(r->conn);
        r->conn = NULL;
    }
    r->conn = syn_connect(r->opt->conninfo, r->opt->password_file, r->msg, sizeof r->msg);
    return r->conn != NULL ? 0 : -1;
}

/* A failed call: the server's words, with what to do for the failures we know. */
static void server_failed(Run *r, PGresult *res, const char *what)
{
    char err[SYN_MSG_MAX / 2] = "";
    const char *state = syn_pg_state(res);
    syn_pg_error(res, r->conn, err, sizeof err);
    const char *hint = "";
    if (strcmp(state, "BU001") == 0) {
        hint = " (the server misses events this device no longer holds: was the server "
               "restored from an older backup?)";
    } else if (strcmp(state, "42883") == 0 || strcmp(state, "3F000") == 0 ||
               strcmp(state, "42P01") == 0) {
        hint = " (run bua-sync setup --server CONNINFO as the server's admin)";
    } else if (strcmp(state, "BU004") == 0 || strcmp(state, "42501") == 0) {
        hint = " (each device connects as its own role, made by the server's admin with "
               "bua-sync device add)";
    }
    snprintf(r->msg, sizeof r->msg, "%s: %s%s", what, err, hint);
    PQclear(res);
    /* a broken or unknown connection state: start afresh next time */
    PQfinish(r->conn);
    r->conn = NULL;
}

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL); /* a signal cuts it short: the loop looks at stop_flag */
}

static FileSig file_sig(const char *path)
{
    FileSig s;
    memset(&s, 0, sizeof s);
    char wal[SYN_PATH_MAX + 8] = "";
    struct stat st;
    if (stat(path, &st) == 0) {
        s.size = (long long)st.st_size;
        s.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    }
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (stat(wal, &st) == 0) {
        s.wal_size = (long long)st.st_size;
        s.wal_mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    }
    return s;
}
