/* The server admin's commands: setup (the server SQL embedded at build time, applied in one
 * transaction), device add (a device's login role, its password and its bua.device row) and
 * rebuild (bua.rebuild(), which replays the log into the derived state). Run by the server's
 * admin, never by the service at run time. */
#include "syn.h"
#include "syn_sql.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int
fail(const char *fmt, ...);
static int exec_ok(PGconn *conn, const char *sql, const char *what, char *msg, size_t msg_size);
static bool role_name_ok(const char *s);

int syn_cmd_setup(const char *conninfo, const char *password_file)
{
    char msg[SYN_MSG_MAX] = "";
    PGconn *conn = syn_connect(conninfo, password_file, msg, sizeof msg);
    if (conn == NULL) {
        return fail("%s", msg);
    }
    int rc = SYN_EXIT_FAIL;
    /* one setup at a time; everything or nothing */
    if (exec_ok(conn, "BEGIN; SELECT pg_advisory_xact_lock(hashtext('bua-sync setup'))", "begin",
                msg, sizeof msg) != 0) {
        goto out_fail;
    }
    for (size_t i = 0; i < sizeof syn_sql_files / sizeof syn_sql_files[0]; i++) {
        if (exec_ok(conn, syn_sql_files[i].text, syn_sql_files[i].name, msg, sizeof msg) != 0) {
            goto out_fail;
        }
    }
    if (exec_ok(conn, "COMMIT", "commit", msg, sizeof msg) != 0) {
        goto out_fail;
    }
    printf("server schema bua is up to date:");
    for (size_t i = 0; i < sizeof syn_sql_files / sizeof syn_sql_files[0]; i++) {
        printf(" %s", syn_sql_files[i].name);
    }
    printf("\n");
    rc = SYN_EXIT_OK;
    goto out_finish;
out_fail:
    fprintf(stderr, "bua-sync: setup failed, nothing changed: %s\n", msg);
out_finish:
    PQfinish(conn);
    return rc;
}

int syn_cmd_device_add(const char *conninfo, const char *password_file, const char *centre,
                       const char *device, const char *device_password_file, const char *role)
{
    char msg[SYN_MSG_MAX] = "";
    char name[128] = "";
    char password[SYN_SECRET_MAX] = "";
    if (!syn_name_ok(centre)) {
        return fail("invalid centre code '%s': use a-z, 0-9 and -, 1 to 32 characters", centre);
    }
    if (!syn_name_ok(device)) {
        return fail("invalid device name '%s': use a-z, 0-9 and -, 1 to 32 characters", device);
    }
    if (role != NULL) {
        snprintf(name, sizeof name, "%s", role);
    } else {
        snprintf(name, sizeof name, "bua_%s_%s", centre, device);
        for (char *p = name; *p != '\0'; p++) {
            if (*p == '-') {
                *p = '_';
            }
        }
    }
    if (!role_name_ok(name)) {
        return fail("invalid role name '%s': a-z, 0-9 and _, starting with a letter, at most 63 "
                    "characters%s",
                    name, role == NULL ? " (give a shorter one with --role)" : "");
    }
    if (syn_secret_read(device_password_file, "--password-file", password, sizeof password, msg,
                        sizeof msg) != 0) {
        return fail("%s", msg);
    }
    PGconn *conn = syn_connect(conninfo, password_file, msg, sizeof msg);
    if (conn == NULL) {
        memset(password, 0, sizeof password);
        return fail("%s", msg);
    }
    int rc = SYN_EXIT_FAIL;
    char *ident = NULL;
    char *lit = NULL;
    char *hashed = PQencryptPasswordConn(conn, password, name, NULL);
    memset(password, 0, sizeof password);
    PGresult *res = NULL;
    if (hashed == NULL) {
        syn_pg_error(NULL, conn, msg, sizeof msg);
        goto out_fail;
    }
    ident = PQescapeIdentifier(conn, name, strlen(name));
    lit = PQescapeLiteral(conn, hashed, strlen(hashed));
    if (ident == NULL || lit == NULL) {
        syn_pg_error(NULL, conn, msg, sizeof msg);
        goto out_fail;
    }
    if (exec_ok(conn, "BEGIN", "begin", msg, sizeof msg) != 0) {
        goto out_fail;
    }
    const char *schema_sql = "SELECT to_regclass('bua.device') IS NOT NULL";
    res = PQexec(conn, schema_sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        syn_pg_error(res, conn, msg, sizeof msg);
        goto out_fail;
    }
    if (strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
        snprintf(msg, sizeof msg,
                 "the server has no bua schema: run bua-sync setup --server "
                 "CONNINFO first");
        goto out_fail;
    }
    PQclear(res);
    const char *params[3] = {centre, device, name};
    res = PQexecParams(conn,
                       "SELECT role FROM bua.device WHERE centre = $1 AND device = $2 UNION ALL "
                       "SELECT '!' || centre || '/' || device FROM bua.device WHERE role = $3 "
                       "AND (centre, device) <> ($1, $2)",
                       3, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        syn_pg_error(res, conn, msg, sizeof msg);
        goto out_fail;
    }
    bool exists = false;
    for (int r = 0; r < PQntuples(res); r++) {
        const char *v = PQgetvalue(res, r, 0);
        if (v[0] == '!') {
            snprintf(msg, sizeof msg, "role %s is already the role of device %s", name, v + 1);
            goto out_fail;
        }
        if (strcmp(v, name) != 0) {
            snprintf(msg, sizeof msg, "device %s of centre %s already connects as role %s, not %s",
                     device, centre, v, name);
            goto out_fail;
        }
        exists = true;
    }
    PQclear(res);
    res = PQexecParams(conn,
                       "SELECT rolsuper OR rolcreaterole OR rolbypassrls OR rolcreatedb FROM "
                       "pg_roles WHERE rolname = $1",
                       1, NULL, params + 2, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        syn_pg_error(res, conn, msg, sizeof msg);
        goto out_fail;
    }
    bool role_exists = PQntuples(res) > 0;
    if (role_exists && strcmp(PQgetvalue(res, 0, 0), "t") == 0) {
        snprintf(msg, sizeof msg,
                 "role %s exists with admin rights: a device needs an ordinary role of its own",
                 name);
        goto out_fail;
    }
    PQclear(res);
    res = NULL;
    size_t sql_size = strlen(ident) * 2 + strlen(lit) + 200;
    char *sql = malloc(sql_size);
    if (sql == NULL) {
        snprintf(msg, sizeof msg, "out of memory");
        goto out_fail;
    }
    snprintf(sql, sql_size,
             "%s ROLE %s WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS "
             "PASSWORD %s; GRANT bua_device TO %s",
             role_exists ? "ALTER" : "CREATE", ident, lit, ident);
    int sql_rc = exec_ok(conn, sql, "role", msg, sizeof msg);
    free(sql);
    if (sql_rc != 0) {
        goto out_fail;
    }
    res = PQexecParams(conn,
                       "WITH c AS (INSERT INTO bua.centre (code) VALUES ($1) ON CONFLICT DO "
                       "NOTHING) INSERT INTO bua.device (centre, device, role) VALUES ($1, $2, "
                       "$3) ON CONFLICT DO NOTHING",
                       3, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        syn_pg_error(res, conn, msg, sizeof msg);
        goto out_fail;
    }
    PQclear(res);
    res = NULL;
    if (exec_ok(conn, "COMMIT", "commit", msg, sizeof msg) != 0) {
        goto out_fail;
    }
    printf("device %s of centre %s connects as role %s%s\n", device, centre, name,
           exists ? " (was there: password set anew)" : "");
    rc = SYN_EXIT_OK;
    goto out_finish;
out_fail:
    fprintf(stderr, "bua-sync: device add failed, nothing changed: %s\n", msg);
out_finish:
    PQclear(res);
    PQfreemem(hashed);
    PQfreemem(ident);
    PQfreemem(lit);
    PQfinish(conn);
    return rc;
}

int syn_cmd_rebuild(const char *conninfo, const char *password_file)
{
    char msg[SYN_MSG_MAX] = "";
    PGconn *conn = syn_connect(conninfo, password_file, msg, sizeof msg);
    if (conn == NULL) {
        return fail("%s", msg);
    }
    int rc = SYN_EXIT_FAIL;
    PGresult *res = PQexec(conn, "SELECT to_regprocedure('bua.rebuild()') IS NOT NULL");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        syn_pg_error(res, conn, msg, sizeof msg);
        goto out_fail;
    }
    if (strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
        snprintf(msg, sizeof msg,
                 "the server has no function bua.rebuild(): run bua-sync setup with a bua-sync "
                 "that carries server_state.sql");
        goto out_fail;
    }
    PQclear(res);
    res = PQexec(conn, "SELECT bua.rebuild()");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        syn_pg_error(res, conn, msg, sizeof msg);
        goto out_fail;
    }
    printf("derived state rebuilt from the log%s%s\n", PQgetisnull(res, 0, 0) ? "" : ": ",
           PQgetisnull(res, 0, 0) ? "" : PQgetvalue(res, 0, 0));
    rc = SYN_EXIT_OK;
    goto out_finish;
out_fail:
    fprintf(stderr, "bua-sync: rebuild failed: %s\n", msg);
out_finish:
    PQclear(res);
    PQfinish(conn);
    return rc;
}

static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bua-sync: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    return SYN_EXIT_FAIL;
}

/* runs sql (several statements are fine); a failure rolls back and says which part failed */
static int exec_ok(PGconn *conn, const char *sql, const char *what, char *msg, size_t msg_size)
{
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        PQclear(res);
        return 0;
    }
    char err[SYN_MSG_MAX] = "";
    syn_pg_error(res, conn, err, sizeof err);
    snprintf(msg, msg_size, "%s: %s", what, err);
    PQclear(res);
    res = PQexec(conn, "ROLLBACK");
    PQclear(res);
    return -1;
}

static bool role_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 63 || !(s[0] >= 'a' && s[0] <= 'z')) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) {
            return false;
        }
    }
    return true;
}
