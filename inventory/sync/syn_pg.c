/* Connecting to the server and reading its errors: the one place bua-sync opens a libpq
 * connection, so every command names an unreachable server, a refused login and a missing
 * password the same way. */
#include "syn.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void one_line(char *s);
static bool conninfo_has_password(const char *conninfo);

int syn_secret_read(const char *path, const char *what, char *buf, size_t size, char *msg,
                    size_t msg_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        snprintf(msg, msg_size, "cannot read %s %s: %s", what, path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(msg, msg_size, "%s %s is not a regular file", what, path);
        close(fd);
        return -1;
    }
    if ((st.st_mode & 077) != 0) {
        snprintf(msg, msg_size,
                 "%s %s is readable by others (mode %04o): make it the service user's only "
                 "(chmod 600)",
                 what, path, (unsigned)(st.st_mode & 07777));
        close(fd);
        return -1;
    }
    ssize_t n = read(fd, buf, size - 1);
    int err = errno;
    close(fd);
    if (n < 0) {
        snprintf(msg, msg_size, "cannot read %s %s: %s", what, path, strerror(err));
        return -1;
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    if (buf[0] == '\0') {
        snprintf(msg, msg_size, "%s %s is empty", what, path);
        return -1;
    }
    return 0;
}

PGconn *syn_connect(const char *conninfo, const char *password_file, char *msg, size_t msg_size)
{
    char password[SYN_SECRET_MAX] = "";
    bool has_file = password_file != NULL && password_file[0] != '\0';
    if (has_file && syn_secret_read(password_file, "password file", password, sizeof password, msg,
                                    msg_size) != 0) {
        return NULL;
    }
    /* later keywords override what the expanded conninfo (dbname) says */
    const char *keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                          has_file ? "password" : NULL, NULL};
    const char *vals[] = {"10", "bua-sync", conninfo, has_file ? password : NULL, NULL};
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    memset(password, 0, sizeof password);
    if (conn == NULL) {
        snprintf(msg, msg_size, "cannot connect to the server: out of memory");
        return NULL;
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        char err[SYN_MSG_MAX] = "";
        snprintf(err, sizeof err, "%s", PQerrorMessage(conn));
        one_line(err);
        const char *host = PQhost(conn);
        const char *port = PQport(conn);
        bool no_password = !has_file && !conninfo_has_password(conninfo);
        snprintf(msg, msg_size, "server unreachable or login refused (%s%s%s): %s%s",
                 host != NULL && host[0] != '\0' ? host : "default host",
                 port != NULL && port[0] != '\0' ? " port " : "", port != NULL ? port : "", err,
                 no_password &&
                         (strstr(err, "password") != NULL || strstr(err, "authentication") != NULL)
                     ? " (no password given: --password-file or [sync] password_file)"
                     : "");
        PQfinish(conn);
        return NULL;
    }
    /* quiet "already exists, skipping" notices of the idempotent setup */
    PGresult *res = PQexec(conn, "SET client_min_messages = warning");
    PQclear(res);
    return conn;
}

void syn_pg_error(const PGresult *res, const PGconn *conn, char *msg, size_t msg_size)
{
    const char *primary = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *hint = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
    if (primary == NULL) {
        snprintf(msg, msg_size, "%s", conn != NULL ? PQerrorMessage(conn) : "no answer");
    } else {
        snprintf(msg, msg_size, "%s%s%s%s%s%s", primary, detail != NULL ? " (" : "",
                 detail != NULL ? detail : "", hint != NULL ? "; " : "", hint != NULL ? hint : "",
                 detail != NULL ? ")" : "");
    }
    one_line(msg);
    if (msg[0] == '\0') {
        snprintf(msg, msg_size, "the connection to the server was lost");
    }
}

const char *syn_pg_state(const PGresult *res)
{
    const char *s = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return s != NULL ? s : "";
}

bool syn_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 32) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

/* libpq's messages end with a newline and may hold several lines */
static void one_line(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ')) {
        s[--n] = '\0';
    }
    char *w = s;
    for (const char *p = s; *p != '\0'; p++) {
        char c = *p == '\n' || *p == '\t' ? ' ' : *p;
        if (c == ' ' && w > s && w[-1] == ' ') {
            continue;
        }
        *w++ = c;
    }
    *w = '\0';
}

static bool conninfo_has_password(const char *conninfo)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    PQfreemem(err);
    bool has = false;
    for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++) {
        if ((strcmp(o->keyword, "password") == 0 || strcmp(o->keyword, "passfile") == 0) &&
            o->val != NULL && o->val[0] != '\0') {
            has = true;
        }
    }
    PQconninfoFree(opts);
    return has || getenv("PGPASSWORD") != NULL;
}
