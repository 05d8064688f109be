/* The inventory module's handle: opening, schema migrations, prepared statements, transactions,
 * error messages, settings and whole-file checks.
 *
 * To understand the module, start with inventory.h, then inv_open() here, then inv_loans.c
 * (checkout and return, the writes that matter most) and inv_stats.c (the yearly figures, read
 * from summaries that inv_loans.c and inv_import.c keep in the same transactions). */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CURRENT_VERSION 5
#define BUSY_TIMEOUT_MS 5000
#define RESTORE_TRIES 1500 /* of 20 ms, while another program writes */
#define LOCK_WAIT_MS 5000  /* a shared in-use lock waits out an exclusive one this long */

static const char *const schema_v1[] = {INV_SCHEMA_V1, NULL};
static const char *const schema_v2[] = {INV_SCHEMA_V2, NULL};
/* one part a line (clang-format would pack them) */
/* clang-format off */
static const char *const schema_v3[] = {
    INV_SCHEMA_V3_LINES,
    INV_SCHEMA_V3_LEND,
    INV_SCHEMA_V3_ITEMS,
    INV_SCHEMA_V3_PEOPLE,
    INV_SCHEMA_V3_CALENDAR,
    INV_SCHEMA_V3_SUMMARY,
    INV_SCHEMA_V3_EVER,
    NULL,
};
static const char *const schema_v4[] = {
    INV_SCHEMA_V4_PERSON,
    INV_SCHEMA_V4_REMIND,
    INV_SCHEMA_V4_PRIVACY,
    INV_SCHEMA_V4_WORKSHOP,
    INV_SCHEMA_V4_TRAINING,
    INV_SCHEMA_V4_REPORT,
    INV_SCHEMA_V4_LINES,
    INV_SCHEMA_V4_SUMMARY,
    INV_SCHEMA_V4_EVER,
    NULL,
};
/* clang-format on */
/* step 5: sync between a centre's devices (its triggers are made by inv_sync_init) */
static const char *const schema_v5[] = {INV_SCHEMA_V5_SYNC, NULL};

/* migrations[v] takes user_version v to v+1 */
static const char *const *const migrations[CURRENT_VERSION] = {schema_v1, schema_v2, schema_v3,
                                                               schema_v4, schema_v5};

static const char *const sql_text[SQL__COUNT] = {
#define INV_SQL_TEXT(name, text) text,
    INV_SQL_MAP(INV_SQL_TEXT)
#undef INV_SQL_TEXT
};

static const char *const err_text[] = {
#define INV_ERR_TEXT(name, text) text,
    INV_ERRNO_MAP(INV_ERR_TEXT)
#undef INV_ERR_TEXT
};

/* The tables every bua-kiosk schema has: a database of application id 0 (made before the id
 * existed) is adopted only if it has them all. */
#define BUA_TABLES "'setting','centre','item','borrower','loan','loan_line'"
#define BUA_TABLES_N 6
#define SQLITE_MAGIC "SQLite format 3"

static int migrate(InvDb *db);
static int check_header(const char *path, char *msg, size_t msg_size);
static int check_identity(sqlite3 *sql, const char *path, bool blank, bool *adopt, char *msg,
                          size_t msg_size);
static int pragma_int(sqlite3 *sql, const char *pragma, int *out);
static int check_moved(InvDb *db);
static void remove_files(const char *path);
static int lock_file(const char *path, int how, int *fd_out);
static bool is_bua_file(const char *path);
static int load_settings(InvDb *db, const InvOpenOptions *opt, bool fresh);
static int apply_timezone(InvDb *db);
static int create_file(const char *path, char *msg, size_t msg_size);
static void folder_of(const char *path, char *buf, size_t size);

const char *inv_strerror(int err)
{
    if (err == INV_OK)
        return "ok";
    int i = err - INV__E_FIRST - 1;
    if (i < 0 || (size_t)i >= sizeof(err_text) / sizeof(err_text[0]))
        return "unknown error";
    return err_text[i];
}

int inv_open(const InvOpenOptions *opt, InvDb **out, char *msg, size_t msg_size)
{
    char scratch[INV_MSG_MAX];
    if (msg == NULL) {
        msg = scratch;
        msg_size = sizeof(scratch);
    }
    msg[0] = '\0';
    if (opt == NULL || opt->path == NULL || opt->path[0] == '\0') {
        snprintf(msg, msg_size, "no database path given");
        return INV_E_INVALID;
    }
    if (sodium_init() < 0) {
        snprintf(msg, msg_size, "cannot initialise libsodium");
        return INV_E_NOMEM;
    }

    bool fresh = false;
    bool blank = false;
    struct stat sb;
    if (stat(opt->path, &sb) != 0) {
        if (!opt->create) {
            snprintf(msg, msg_size, "database %s does not exist (create it with bua-admin init)",
                     opt->path);
            return INV_E_NOT_FOUND;
        }
        int rc = create_file(opt->path, msg, msg_size);
        if (rc != INV_OK)
            return rc;
        fresh = true;
        blank = true;
    } else if (!S_ISREG(sb.st_mode)) {
        snprintf(msg, msg_size, "cannot open database %s: not a regular file", opt->path);
        return INV_E_IO;
    } else if (sb.st_size == 0 && opt->create) {
        blank = true;
    } else if (sb.st_size == 0) {
        snprintf(msg, msg_size, "%s is not a bua-kiosk database (the file is empty)", opt->path);
        return INV_E_FOREIGN;
    }

    InvDb *db = calloc(1, sizeof(*db));
    if (db == NULL) {
        snprintf(msg, msg_size, "cannot open database %s: out of memory", opt->path);
        if (fresh)
            unlink(opt->path);
        return INV_E_NOMEM;
    }
    inv__copy(db->path, sizeof(db->path), opt->path);
    db->lock_fd = -1;

    int err = INV_OK;
    int rc =
        sqlite3_open_v2(opt->path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        err = inv__sqlfail(db, rc, "cannot open database");
        goto out_fail;
    }
    sqlite3_extended_result_codes(db->sql, 1);
    err = inv__sync_register(db);
    if (err != INV_OK)
        goto out_fail;
    sqlite3_busy_timeout(db->sql, BUSY_TIMEOUT_MS);
    db->busy_ms = BUSY_TIMEOUT_MS;
    bool adopt = false;
    err = check_identity(db->sql, opt->path, blank, &adopt, msg, msg_size);
    if (err != INV_OK) {
        inv_close(db);
        return err;
    }
    /* the shared lock that tells inv_restore() this file is in use */
    if (lock_file(opt->path, LOCK_SH, &db->lock_fd) != 0) {
        if (errno == EWOULDBLOCK)
            err = inv__fail(db, INV_E_BUSY,
                            "a restore into the database is running, try again when it is done");
        else
            err = inv__fail(db, INV_E_IO, "cannot lock the database (%s-lock): %s", opt->path,
                            strerror(errno));
        goto out_fail;
    }
    if (stat(opt->path, &sb) != 0) {
        err = inv__fail(db, INV_E_MOVED, "the file was moved or deleted while it was opened");
        goto out_fail;
    }
    db->dev = sb.st_dev;
    db->ino = sb.st_ino;

    /* journal_mode answers with a row; the others with none. secure_delete: what is deleted or
     * overwritten is zeroed in the file, so an erased person is in no free byte (inv_privacy.c) */
    rc = sqlite3_exec(db->sql,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                      " PRAGMA cache_size=-16384; PRAGMA secure_delete=ON;",
                      NULL, NULL, NULL);
    if (rc == SQLITE_OK && opt->replayable)
        rc = sqlite3_exec(db->sql, "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        err = inv__sqlfail(db, rc, "cannot open database");
        goto out_fail;
    }
    err = migrate(db);
    if (err != INV_OK)
        goto out_fail;
    if (adopt) {
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA application_id=%d", INV_APPLICATION_ID);
        rc = sqlite3_exec(db->sql, pragma, NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            err = inv__sqlfail(db, rc, "cannot set the application id");
            goto out_fail;
        }
    }

    /* the triggers as they are to be (inv__sync_open), then this connection's own copies of them
     * (inv__local_triggers: its persistent triggers off, which expires prepared statements), then
     * the statements. The sync statements (from SQL_SYNC_SELF_GET on) are prepared when first
     * used (inv__stmt): a kiosk that is not a synced device never pays for them at open */
    err = inv__sync_open(db);
    if (err == INV_OK)
        err = inv__local_triggers(db);
    if (err != INV_OK)
        goto out_fail;
    for (int i = 0; i < SQL_SYNC_SELF_GET; i++) {
        if (db->stmt[i] != NULL) /* used above */
            continue;
        rc = sqlite3_prepare_v3(db->sql, sql_text[i], -1, SQLITE_PREPARE_PERSISTENT, &db->stmt[i],
                                NULL);
        if (rc != SQLITE_OK) {
            err = inv__sqlfail(db, rc, "cannot prepare statement");
            goto out_fail;
        }
    }
    err = load_settings(db, opt, fresh);
    if (err != INV_OK)
        goto out_fail;
    err = apply_timezone(db);
    if (err == INV_OK)
        err = inv__sum_open(db); /* after the time zone: summaries are by local month */
    if (err != INV_OK)
        goto out_fail;
    *out = db;
    return INV_OK;

out_fail:
    snprintf(msg, msg_size, "%s: %s", opt->path, db->msg);
    inv_close(db);
    if (fresh)
        remove_files(opt->path);
    return err;
}

void inv_close(InvDb *db)
{
    if (db == NULL)
        return;
    inv__cal_free(db);
    for (int i = 0; i < SQL__COUNT; i++)
        sqlite3_finalize(db->stmt[i]);
    inv__sync_close(db);
    sqlite3_close(db->sql);
    if (db->lock_fd >= 0)
        close(db->lock_fd);
    free(db);
}

const char *inv_errmsg(const InvDb *db)
{
    return db->msg;
}

const char *inv_err_barcode(const InvDb *db)
{
    return db->err_code;
}

int64_t inv_err_at(const InvDb *db)
{
    return db->err_at;
}

const char *inv_timezone(const InvDb *db)
{
    return db->timezone;
}

int64_t inv_centre_id(const InvDb *db)
{
    return db->centre_id;
}

int inv_check(InvDb *db)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "integrity check");
    rc = sqlite3_step(st);
    char first[INV_MSG_MAX] = "";
    if (rc == SQLITE_ROW)
        inv__col_text(st, 0, first, sizeof(first));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "integrity check");
    if (strcmp(first, "ok") != 0)
        return inv__fail(db, INV_E_CORRUPT, "integrity check failed: %s", first);

    rc = sqlite3_prepare_v2(db->sql, "PRAGMA foreign_key_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "foreign key check");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char table[INV_NAME_MAX];
        inv__col_text(st, 0, table, sizeof(table));
        sqlite3_finalize(st);
        return inv__fail(db, INV_E_CORRUPT, "table %s refers to a row that does not exist", table);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "foreign key check");

    /* Every open loan line's item is on loan, and every item on loan has one open line; an open
     * line reported lost (a part missing from a returned set) belongs to a missing item. */
    st = inv__stmt(db, SQL_CHECK_OPEN_LINES);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char code[INV_CODE_MAX];
        inv__col_text(st, 0, code, sizeof(code));
        sqlite3_reset(st);
        return inv__fail(db, INV_E_CORRUPT, "item %s: status and open loans disagree", code);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "loan check");

    /* The "ever lent" mark (what the year report counts as never lent) is 1 exactly for the items
     * with a loan line. */
    st = inv__stmt(db, SQL_CHECK_EVER_LENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char code[INV_CODE_MAX];
        inv__col_text(st, 0, code, sizeof(code));
        sqlite3_reset(st);
        return inv__fail(db, INV_E_CORRUPT, "item %s: its ever-lent mark and its loans disagree",
                         code);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "loan check");

    /* Summaries agree with the loans, year by year and centre by centre (0: all). */
    int err = inv__sum_fold(db);
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_SUM_YEARS);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && err == INV_OK) {
        int64_t centre = sqlite3_column_int64(st, 0);
        int year = sqlite3_column_int(st, 1);
        InvFigures fast;
        InvFigures slow;
        err = inv_figures(db, year, centre, &fast);
        if (err == INV_OK)
            err = inv_figures_raw(db, year, centre, &slow);
        if (err == INV_OK && memcmp(&fast, &slow, sizeof(fast)) != 0)
            err = inv__fail(db, INV_E_CORRUPT,
                            "summaries of %d (centre %lld) disagree with the loans", year,
                            (long long)centre);
    }
    sqlite3_reset(st);
    if (err != INV_OK)
        return err;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "summary check");

    /* The year's borrowers by age band and municipality (sum_profile) count the sets. */
    st = inv__stmt(db, SQL_CHECK_PROFILE);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int64_t centre = sqlite3_column_int64(st, 0);
        int year = sqlite3_column_int(st, 1);
        sqlite3_reset(st);
        return inv__fail(db, INV_E_CORRUPT,
                         "borrowers by age and municipality of %d (centre %lld) disagree with"
                         " the summaries",
                         year, (long long)centre);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "summary check");
    /* the work-training summaries agree with the shifts (inv_training.c) */
    return inv__training_check(db);
}

int inv_checkpoint(InvDb *db, int *frames)
{
    int log = 0;
    int done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        return inv__sqlfail(db, rc, "cannot checkpoint the database");
    if (frames != NULL)
        *frames = log;
    return INV_OK;
}

int inv_backup(InvDb *db, const char *path)
{
    char msg[INV_MSG_MAX];
    struct stat sb;
    if (stat(path, &sb) == 0)
        return inv__fail(db, INV_E_EXISTS, "cannot back up to %s: the file exists", path);
    int err = create_file(path, msg, sizeof(msg));
    if (err != INV_OK)
        return inv__fail(db, err, "%s", msg);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *bk = sqlite3_backup_init(dst, "main", db->sql, "main");
        if (bk == NULL) {
            rc = sqlite3_errcode(dst);
        } else {
            do {
                rc = sqlite3_backup_step(bk, 256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(20);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(bk);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        err = inv__fail(db, INV_E_IO, "cannot back up to %s: %s", path,
                        dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        sqlite3_close(dst);
        unlink(path);
        return err;
    }
    sqlite3_close(dst);
    return INV_OK;
}

int inv_restore(const char *path, const char *backup, bool force, char *msg, size_t msg_size)
{
    char scratch[INV_MSG_MAX];
    if (msg == NULL) {
        msg = scratch;
        msg_size = sizeof(scratch);
    }
    msg[0] = '\0';
    struct stat sb;
    if (stat(backup, &sb) != 0) {
        snprintf(msg, msg_size, "cannot restore from %s: %s", backup, strerror(errno));
        return INV_E_NOT_FOUND;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(msg, msg_size, "cannot restore from %s: not a regular file", backup);
        return INV_E_INVALID;
    }
    int err = check_header(backup, msg, msg_size);
    if (err != INV_OK)
        return err;

    /* The backup: a bua-kiosk database of a known schema, whole. */
    sqlite3 *src = NULL;
    sqlite3 *dst = NULL;
    int fd = -1;
    bool fresh = false;
    int rc = sqlite3_open_v2(backup, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        snprintf(msg, msg_size, "cannot restore from %s: %s", backup,
                 src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
        err = INV_E_IO;
        goto out_close;
    }
    bool adopt = false;
    err = check_identity(src, backup, false, &adopt, msg, msg_size);
    if (err != INV_OK)
        goto out_close;
    int version = 0;
    rc = pragma_int(src, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK && version > CURRENT_VERSION) {
        snprintf(msg, msg_size,
                 "cannot restore from %s: schema version %d is newer than this program knows (%d)",
                 backup, version, CURRENT_VERSION);
        err = INV_E_SCHEMA;
        goto out_close;
    }
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(src, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        const unsigned char *first = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
        if (first != NULL && strcmp((const char *)first, "ok") != 0) {
            snprintf(msg, msg_size, "cannot restore from %s: integrity check failed: %s", backup,
                     (const char *)first);
            err = INV_E_CORRUPT;
        }
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
        sqlite3_finalize(st);
    }
    if (err != INV_OK)
        goto out_close;
    if (rc != SQLITE_OK) {
        snprintf(msg, msg_size, "cannot restore from %s: %s", backup, sqlite3_errmsg(src));
        err = (rc & 0xff) == SQLITE_CORRUPT ? INV_E_CORRUPT : INV_E_IO;
        goto out_close;
    }

    /* The live file: created if missing; refused while another handle holds it, or when it
     * is another program's file (a wrong --db), unless forced. */
    if (stat(path, &sb) != 0) {
        err = create_file(path, msg, msg_size);
        if (err != INV_OK)
            goto out_close;
        fresh = true;
    } else if (!S_ISREG(sb.st_mode)) {
        snprintf(msg, msg_size, "cannot restore into %s: not a regular file", path);
        err = INV_E_INVALID;
        goto out_close;
    }
    if (lock_file(path, LOCK_EX, &fd) != 0 && !force) {
        if (errno == EWOULDBLOCK) {
            snprintf(msg, msg_size,
                     "cannot restore into %s: another program has it open (a kiosk?); close it"
                     " first, or use --force",
                     path);
            err = INV_E_BUSY;
        } else {
            snprintf(msg, msg_size, "cannot restore into %s: cannot lock it: %s", path,
                     strerror(errno));
            err = INV_E_IO;
        }
        goto out_close;
    }
    if (!fresh && sb.st_size > 0 && !force && !is_bua_file(path)) {
        snprintf(msg, msg_size,
                 "cannot restore into %s: it is not a bua-kiosk database (--force replaces it)",
                 path);
        err = INV_E_FOREIGN;
        goto out_close;
    }
    rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(dst, BUSY_TIMEOUT_MS);
        sqlite3_backup *bk = sqlite3_backup_init(dst, "main", src, "main");
        if (bk == NULL) {
            rc = sqlite3_errcode(dst);
        } else {
            /* a writer in the way (only with force): the busy timeout, then up to 30 s more */
            int tries = 0;
            do {
                rc = sqlite3_backup_step(bk, -1);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(20);
            } while (rc == SQLITE_OK ||
                     ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < RESTORE_TRIES));
            sqlite3_backup_finish(bk);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        snprintf(msg, msg_size, "cannot restore into %s: %s", path,
                 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        err = INV_E_IO;
        goto out_close;
    }
    if (adopt) {
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA application_id=%d", INV_APPLICATION_ID);
        rc = sqlite3_exec(dst, pragma, NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            snprintf(msg, msg_size, "cannot restore into %s: %s", path, sqlite3_errmsg(dst));
            err = INV_E_IO;
        }
    }

out_close:
    sqlite3_close(dst);
    sqlite3_close(src);
    if (fd >= 0)
        close(fd);
    if (err != INV_OK && fresh)
        remove_files(path);
    return err;
}

int inv_category_loan_days(InvDb *db, const char *category, int *days_out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_CATEGORY_GET);
    inv__bind_text(st, 1, category);
    int rc = sqlite3_step(st);
    int days = INV_DEFAULT_LOAN_DAYS;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL)
        days = sqlite3_column_int(st, 1);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read category");
    *days_out = days;
    return INV_OK;
}

int inv_category_set_loan_days(InvDb *db, const char *category, int days)
{
    int err = inv__check_text(db, "category", category, INV_NAME_MAX, true);
    if (err != INV_OK)
        return err;
    if (days < 1 || days > 366)
        return inv__fail(db, INV_E_INVALID, "loan days must be 1 to 366, not %d", days);
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    int64_t id = 0;
    err = inv__category_id(db, category, &id);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_CATEGORY_SET_DAYS);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, days);
    err = inv__run(db, st, "cannot set loan days");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

/* ---- shared helpers (inv_int.h) ------------------------------------------------------------ */

int inv__fail(InvDb *db, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->msg, sizeof(db->msg), fmt, ap);
    va_end(ap);
    db->err_code[0] = '\0';
    db->err_at = 0;
    return err;
}

int inv__refuse(InvDb *db, int err, const char *barcode, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->msg, sizeof(db->msg), fmt, ap);
    va_end(ap);
    inv__copy(db->err_code, sizeof(db->err_code), barcode);
    db->err_at = 0;
    return err;
}

int inv__sqlfail(InvDb *db, int rc, const char *what)
{
    int err = INV_E_IO;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        err = INV_E_BUSY;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        err = INV_E_CORRUPT;
        break;
    case SQLITE_NOMEM:
        err = INV_E_NOMEM;
        break;
    case SQLITE_CONSTRAINT:
        err = INV_E_INVALID;
        break;
    default:
        break;
    }
    const char *detail = db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);
    if ((rc & 0xff) == SQLITE_NOTADB)
        detail = "not a bua-kiosk database";
    /* a full disk shows as SQLITE_FULL, or as an I/O error (growing the -shm file) whose errno
     * says so */
    int sys = db->sql ? sqlite3_system_errno(db->sql) : 0;
    if ((rc & 0xff) == SQLITE_FULL ||
        ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT)))
        detail = "disk full";
    return inv__fail(db, err, "%s: %s", what, detail);
}

sqlite3_stmt *inv__stmt(InvDb *db, int id)
{
    sqlite3_stmt *st = db->stmt[id];
    if (st == NULL) { /* a sync statement, first used now; constant SQL that fails is a bug */
        int rc = sqlite3_prepare_v3(db->sql, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &db->stmt[id], NULL);
        if (rc != SQLITE_OK) {
            fprintf(stderr, "%s:%d: cannot prepare statement %d: %s\n", __FILE__, __LINE__, id,
                    sqlite3_errmsg(db->sql));
            abort();
        }
        return db->stmt[id];
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

int inv__run(InvDb *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, what);
    return INV_OK;
}

void inv_set_busy_timeout(InvDb *db, int ms)
{
    sqlite3_busy_timeout(db->sql, ms);
    db->busy_ms = ms;
}

/* The file is checked at the commit only (check_moved): a transaction on a file that has gone
 * is rolled back there, before anything is saved. */
int inv__begin(InvDb *db)
{
    db->cal_checked = false;
    sqlite3_stmt *st = inv__stmt(db, SQL_BEGIN);
    int err = inv__run(db, st, "cannot start a transaction");
    if (err == INV_OK)
        err = inv__local_triggers_check(db); /* another program changed the schema */
    if (err != INV_OK)
        inv__rollback(db);
    return err;
}

int inv__commit(InvDb *db)
{
    db->cal_checked = false;
    /* once more at the end: the file may have gone while the transaction was being written */
    int err = check_moved(db);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_COMMIT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot commit");
        inv__rollback(db);
        return err;
    }
    db->copies_pending = false;
    return INV_OK;
}

void inv__rollback(InvDb *db)
{
    db->cal_checked = false;
    if (db->copies_pending) { /* the store's triggers, copied in this transaction, are undone */
        db->schema_seen = -1; /* copied again at the next write transaction */
        db->copies_pending = false;
    }
    if (sqlite3_get_autocommit(db->sql))
        return;
    sqlite3_stmt *st = inv__stmt(db, SQL_ROLLBACK);
    sqlite3_step(st);
    sqlite3_reset(st);
}

void inv__bind_text(sqlite3_stmt *st, int col, const char *text)
{
    sqlite3_bind_text(st, col, text ? text : "", -1, SQLITE_STATIC);
}

void inv__col_text(sqlite3_stmt *st, int col, char *buf, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    inv__copy(buf, size, t ? (const char *)t : "");
}

void inv__copy(char *dst, size_t size, const char *src)
{
    if (size == 0)
        return;
    size_t n = strlen(src);
    if (n >= size) {
        n = size - 1;
        /* step back over UTF-8 continuation bytes so no character is cut in half */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void inv__read_item(sqlite3_stmt *st, InvItem *out)
{
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(st, 0);
    inv__col_text(st, 1, out->barcode, sizeof(out->barcode));
    inv__col_text(st, 2, out->name, sizeof(out->name));
    inv__col_text(st, 3, out->category, sizeof(out->category));
    inv__col_text(st, 4, out->location, sizeof(out->location));
    inv__col_text(st, 5, out->condition, sizeof(out->condition));
    inv__col_text(st, 6, out->notes, sizeof(out->notes));
    out->status = (InvItemStatus)sqlite3_column_int(st, 7);
    out->kit_id = sqlite3_column_int64(st, 8);
    out->loan_days = sqlite3_column_int(st, 9);
    out->added_at = sqlite3_column_int64(st, 10);
}

void inv__read_item_extra(sqlite3_stmt *st, InvItemExtra *out)
{
    out->category_id = sqlite3_column_int64(st, 11);
    out->loan_days = sqlite3_column_int(st, 12);
    if (out->loan_days <= 0)
        out->loan_days = INV_DEFAULT_LOAN_DAYS;
    out->has_parts = sqlite3_column_int(st, 13) != 0;
    out->maybe_held = true; /* not read here: the reservation check always runs */
}

void inv__read_borrower(sqlite3_stmt *st, InvBorrower *out)
{
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(st, 0);
    inv__col_text(st, 1, out->card, sizeof(out->card));
    inv__col_text(st, 2, out->name, sizeof(out->name));
    inv__col_text(st, 3, out->phone, sizeof(out->phone));
    inv__col_text(st, 4, out->email, sizeof(out->email));
    out->birth_year = sqlite3_column_int(st, 5);
    out->registered_at = sqlite3_column_int64(st, 6);
    out->consent = sqlite3_column_int(st, 7) != 0;
    out->blocked = sqlite3_column_int(st, 8) != 0;
    inv__col_text(st, 9, out->blocked_reason, sizeof(out->blocked_reason));
    out->responsible_id = sqlite3_column_int64(st, 10);
    out->registered_by = sqlite3_column_int64(st, 11);
    inv__col_text(st, 12, out->consent_version, sizeof(out->consent_version));
    out->consent_at = sqlite3_column_int64(st, 13);
    out->consent_by = sqlite3_column_int64(st, 14);
    out->contact_consent = sqlite3_column_int(st, 15);
    inv__col_text(st, 16, out->municipality, sizeof(out->municipality));
}

int inv__category_find(InvDb *db, const char *name, int64_t *id)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_CATEGORY_GET);
    inv__bind_text(st, 1, name);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no category %s", name);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read category");
    return INV_OK;
}

int inv__category_id(InvDb *db, const char *name, int64_t *id)
{
    int err = inv__category_find(db, name, id);
    if (err != INV_E_NOT_FOUND)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_CATEGORY_ADD);
    inv__bind_text(st, 1, name);
    err = inv__run(db, st, "cannot add category");
    if (err != INV_OK)
        return err;
    *id = sqlite3_last_insert_rowid(db->sql);
    return INV_OK;
}

int inv__check_code(InvDb *db, const char *what, const char *code)
{
    if (code == NULL || code[0] == '\0')
        return inv__fail(db, INV_E_INVALID, "%s is empty", what);
    size_t n = strlen(code);
    if (n >= INV_CODE_MAX)
        return inv__fail(db, INV_E_INVALID, "%s %.20s... is longer than %d characters", what, code,
                         INV_CODE_MAX - 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)code[i];
        if (c < 0x21 || c > 0x7e)
            return inv__fail(db, INV_E_INVALID,
                             "%s \"%s\" has a character that is not printable ASCII (at %zu)", what,
                             code, i + 1);
    }
    return INV_OK;
}

int inv__check_text(InvDb *db, const char *what, const char *text, size_t size, bool required)
{
    if (text == NULL || text[0] == '\0') {
        if (required)
            return inv__fail(db, INV_E_INVALID, "%s is empty", what);
        return INV_OK;
    }
    size_t n = strlen(text);
    if (n >= size)
        return inv__fail(db, INV_E_INVALID, "%s is longer than %zu bytes", what, size - 1);
    if (!inv__utf8_valid(text, n))
        return inv__fail(db, INV_E_INVALID, "%s is not valid UTF-8", what);
    return inv__check_chars(db, what, text);
}

bool inv__utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n = 0;
        uint32_t cp = 0;
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= len)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        /* overlong forms, surrogates and code points past U+10FFFF */
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        i += n + 1;
    }
    return true;
}

/* ---- helpers ------------------------------------------------------------------------------- */

static int migrate(InvDb *db)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "cannot read schema version");
    rc = sqlite3_step(st);
    int version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (version < 0)
        return inv__sqlfail(db, rc, "cannot read schema version");
    if (version > CURRENT_VERSION)
        return inv__fail(db, INV_E_SCHEMA,
                         "schema version %d is newer than this program knows (%d)", version,
                         CURRENT_VERSION);
    if (version == CURRENT_VERSION)
        return INV_OK;

    rc = sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return inv__sqlfail(db, rc, "cannot migrate schema");
    for (int v = version; v < CURRENT_VERSION; v++) {
        for (const char *const *part = migrations[v]; *part != NULL && rc == SQLITE_OK; part++)
            rc = sqlite3_exec(db->sql, *part, NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            int err = inv__sqlfail(db, rc, "cannot migrate schema");
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
            return err;
        }
    }
    char pragma[96];
    snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d; PRAGMA application_id=%d",
             CURRENT_VERSION, INV_APPLICATION_ID);
    rc = sqlite3_exec(db->sql, pragma, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        int err = inv__sqlfail(db, rc, "cannot migrate schema");
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return err;
    }
    return INV_OK;
}

static int setting_get(InvDb *db, const char *key, char *buf, size_t size, bool *found)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SETTING_GET);
    inv__bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        inv__col_text(st, 0, buf, size);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read settings");
    return INV_OK;
}

static int load_settings(InvDb *db, const InvOpenOptions *opt, bool fresh)
{
    (void)fresh;
    bool found = false;
    int err = setting_get(db, "timezone", db->timezone, sizeof(db->timezone), &found);
    if (err != INV_OK)
        return err;
    bool need_tz = !found;
    int64_t centre = 0;
    sqlite3_stmt *st = NULL;
    if (opt->centre_id > 0) {
        st = inv__stmt(db, SQL_CENTRE_GET);
        sqlite3_bind_int64(st, 1, opt->centre_id);
    } else {
        st = inv__stmt(db, SQL_CENTRE_FIRST);
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        centre = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read centre");
    if (centre == 0 && opt->centre_id > 0 && !opt->create && found)
        return inv__fail(db, INV_E_NOT_FOUND, "no centre %lld in this database",
                         (long long)opt->centre_id);
    if (!need_tz && centre != 0) {
        db->centre_id = centre;
        return INV_OK;
    }

    /* A new database (or a new centre): record the zone and the centre. */
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    if (need_tz) {
        const char *tz = opt->timezone;
        if (tz == NULL || tz[0] == '\0')
            tz = getenv("TZ");
        if (tz != NULL && tz[0] == ':')
            tz++;
        if (tz == NULL || tz[0] == '\0')
            tz = "Europe/Oslo";
        err = inv__check_text(db, "time zone", tz, sizeof(db->timezone), true);
        if (err != INV_OK)
            goto out_rollback;
        inv__copy(db->timezone, sizeof(db->timezone), tz);
        st = inv__stmt(db, SQL_SETTING_SET);
        inv__bind_text(st, 1, "timezone");
        inv__bind_text(st, 2, db->timezone);
        err = inv__run(db, st, "cannot save the time zone");
        if (err != INV_OK)
            goto out_rollback;
    }
    if (centre == 0) {
        centre = opt->centre_id > 0 ? opt->centre_id : 1;
        char name[64];
        snprintf(name, sizeof(name), "Centre %lld", (long long)centre);
        st = inv__stmt(db, SQL_CENTRE_ADD);
        sqlite3_bind_int64(st, 1, centre);
        inv__bind_text(st, 2, name);
        err = inv__run(db, st, "cannot add the centre");
        if (err != INV_OK)
            goto out_rollback;
    }
    db->centre_id = centre;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

static int apply_timezone(InvDb *db)
{
    const char *tz = db->timezone;
    /* A zone name (no digits, as in "Europe/Oslo") must exist in the zone database; a POSIX TZ
     * rule ("CET-1CEST,M3.5.0,M10.5.0/3") is taken as it is. */
    if (strpbrk(tz, "0123456789,") == NULL && strcmp(tz, "UTC") != 0) {
        char file[INV_NAME_MAX + 32];
        snprintf(file, sizeof(file), "/usr/share/zoneinfo/%s", tz);
        if (strstr(tz, "..") != NULL || access(file, R_OK) != 0)
            return inv__fail(db, INV_E_INVALID,
                             "unknown time zone %s (install tzdata, or fix the zone)", tz);
    }
    if (setenv("TZ", tz, 1) != 0)
        return inv__fail(db, INV_E_NOMEM, "cannot set the time zone %s", tz);
    tzset();
    return INV_OK;
}

static void folder_of(const char *path, char *buf, size_t size)
{
    inv__copy(buf, size, path);
    char *slash = strrchr(buf, '/');
    if (slash == NULL)
        inv__copy(buf, size, ".");
    else if (slash == buf)
        slash[1] = '\0';
    else
        *slash = '\0';
}

/* Creates an empty file with mode 0600 (SQLite gives its -wal and -shm files the same mode). */
static int create_file(const char *path, char *msg, size_t msg_size)
{
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        char folder[1024];
        folder_of(path, folder, sizeof(folder));
        struct stat sb;
        if (errno == ENOENT && stat(folder, &sb) != 0)
            snprintf(msg, msg_size, "cannot create database %s: folder %s does not exist", path,
                     folder);
        else
            snprintf(msg, msg_size, "cannot create %s: %s", path, strerror(errno));
        return INV_E_IO;
    }
    close(fd);
    return INV_OK;
}

/* Refuses (INV_E_FOREIGN) a file that is empty or no SQLite database, by its header alone: no
 * SQLite call, so nothing is created or changed. Only for a file no handle of this process has
 * open: its close() would drop that handle's POSIX locks. */
static int check_header(const char *path, char *msg, size_t msg_size)
{
    char head[sizeof(SQLITE_MAGIC)] = "";
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(msg, msg_size, "cannot open database %s: %s", path, strerror(errno));
        return errno == ENOENT ? INV_E_NOT_FOUND : INV_E_IO;
    }
    ssize_t n = read(fd, head, sizeof(head));
    close(fd);
    if (n == 0) {
        snprintf(msg, msg_size, "%s is not a bua-kiosk database (the file is empty)", path);
        return INV_E_FOREIGN;
    }
    if (n != (ssize_t)sizeof(head) || memcmp(head, SQLITE_MAGIC, sizeof(head)) != 0) {
        snprintf(msg, msg_size, "%s is not a bua-kiosk database (not an SQLite file)", path);
        return INV_E_FOREIGN;
    }
    return INV_OK;
}

/* Checks the application id of an open SQLite file: ours, or 0 on a database this program made
 * before the id existed (schema version set, the bua tables present: *adopt is set, the caller
 * writes the id). `blank`: the file is new and empty, anything goes. Only reads. */
static int check_identity(sqlite3 *sql, const char *path, bool blank, bool *adopt, char *msg,
                          size_t msg_size)
{
    *adopt = false;
    if (blank)
        return INV_OK;
    int app_id = 0;
    int version = 0;
    int tables = 0;
    int rc = pragma_int(sql, "PRAGMA application_id", &app_id);
    if (rc == SQLITE_OK)
        rc = pragma_int(sql, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK && app_id == 0)
        rc = pragma_int(sql,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                        " (" BUA_TABLES ")",
                        &tables);
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_NOTADB) {
            snprintf(msg, msg_size, "%s is not a bua-kiosk database (not an SQLite file)", path);
            return INV_E_FOREIGN;
        }
        snprintf(msg, msg_size, "cannot open database %s: %s", path, sqlite3_errmsg(sql));
        return (rc & 0xff) == SQLITE_CORRUPT ? INV_E_CORRUPT : INV_E_IO;
    }
    if (app_id == INV_APPLICATION_ID)
        return INV_OK;
    if (app_id == 0 && version >= 1 && tables == BUA_TABLES_N) {
        *adopt = true;
        return INV_OK;
    }
    if (app_id != 0)
        snprintf(msg, msg_size,
                 "%s is not a bua-kiosk database (an SQLite database of another program,"
                 " application id 0x%08x)",
                 path, (unsigned)app_id);
    else
        snprintf(msg, msg_size,
                 "%s is not a bua-kiosk database (an SQLite database without the bua tables)",
                 path);
    return INV_E_FOREIGN;
}

/* Runs a query that answers one integer. SQLITE_OK or the failing code. */
static int pragma_int(sqlite3 *sql, const char *pragma, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(sql, pragma, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    return rc;
}

/* INV_E_MOVED if the path no longer names the file this handle opened (deleted, or another file
 * renamed over it): a write now would land in a file nobody will read again. */
static int check_moved(InvDb *db)
{
    /* what SQLITE_FCNTL_HAS_MOVED tells (a stat of the path, the inode compared), and the
     * device: one stat a commit */
    struct stat now;
    bool moved = stat(db->path, &now) != 0 || now.st_dev != db->dev || now.st_ino != db->ino;
    if (moved)
        return inv__fail(db, INV_E_MOVED,
                         "the database file %s was moved or deleted since it was opened; nothing"
                         " was saved (restart with the right file)",
                         db->path);
    return INV_OK;
}

/* Removes a database file, the -wal and -shm files SQLite may have left beside it, and the
 * -lock file. */
static void remove_files(const char *path)
{
    char side[1100];
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-lock", path);
    unlink(side);
    unlink(path);
}

/* Opens (creating, mode 0600) the lock file beside the database, `path`-lock, and flocks it
 * (LOCK_SH or LOCK_EX, without waiting). A file of its own, not the database: closing any
 * descriptor of the database file would drop SQLite's POSIX locks on it in this process. */
static int lock_file(const char *path, int how, int *fd_out)
{
    char lock[1100];
    snprintf(lock, sizeof(lock), "%s-lock", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    /* a shared lock waits out a short exclusive holder (a restore finishing, or a probe that
     * checks whether the file is in use) for up to LOCK_WAIT_MS; an exclusive one never waits */
    int waited = 0;
    int rc = 0;
    while ((rc = flock(fd, how | LOCK_NB)) != 0 && errno == EWOULDBLOCK && how == LOCK_SH &&
           waited < LOCK_WAIT_MS) {
        nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
        waited += 10;
    }
    if (rc != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    *fd_out = fd;
    return 0;
}

/* Whether `path` is a bua-kiosk database by its header and application id (or an older one
 * that would be adopted). Opens the file: only where no handle of this process has it open. */
static bool is_bua_file(const char *path)
{
    char msg[INV_MSG_MAX];
    if (check_header(path, msg, sizeof(msg)) != INV_OK)
        return false;
    sqlite3 *sql = NULL;
    bool adopt = false;
    bool ok = sqlite3_open_v2(path, &sql, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
              check_identity(sql, path, false, &adopt, msg, sizeof(msg)) == INV_OK;
    sqlite3_close(sql);
    return ok;
}
