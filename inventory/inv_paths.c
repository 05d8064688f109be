/* The paths of an installed kiosk and how each program finds its files (see inv_paths.h). */
#include "inv_paths.h"

#include "bua_build.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct ConfigGet {
    const char *section;
    const char *key;
    char *buf;
    size_t size;
    int found; /* 1 found, -1 too long */
} ConfigGet;

static const char *log_prog = "bua"; /* inv_log_init */
static bool log_journal;             /* stderr is the journal */

static int join(char *buf, size_t size, const char *a, const char *b);
static int rooted(const char *path, char *buf, size_t size);
static bool is_folder(const char *path);
static bool is_file(const char *path);
static bool dev_assets(char *buf, size_t size);
static int on_key(void *user, const char *section, const char *name, const char *value);

const char *inv_version(void)
{
    return BUA_VERSION;
}

int inv_paths_data(const char *opt, char *buf, size_t size)
{
    const char *env = getenv("BUA_ASSETS");
    char dev[INV_PATH_MAX] = "";
    if (opt != NULL && opt[0] != '\0')
        return join(buf, size, opt, NULL);
    if (env != NULL && env[0] != '\0')
        return join(buf, size, env, NULL);
    if (dev_assets(dev, sizeof dev))
        return join(buf, size, dev, NULL);
    return rooted(BUA_DATA_DIR, buf, size);
}

int inv_paths_fonts(const char *data, char *buf, size_t size)
{
    char dir[INV_PATH_MAX] = "";
    char font[INV_PATH_MAX] = "";
    if (join(dir, sizeof dir, data, "/fonts") == 0 &&
        join(font, sizeof font, dir, "/DejaVuSans.ttf") == 0 && is_file(font))
        return join(buf, size, dir, NULL);
    return rooted(BUA_SYSTEM_FONT_DIR, buf, size);
}

int inv_paths_config(const char *opt, char *buf, size_t size)
{
    const char *env = getenv("BUA_CONFIG");
    char sys[INV_PATH_MAX] = "";
    if (opt != NULL && opt[0] != '\0')
        return join(buf, size, opt, NULL) == 0 ? 1 : -1;
    if (env != NULL && env[0] != '\0')
        return join(buf, size, env, NULL) == 0 ? 1 : -1;
    if (rooted(BUA_CONFIG_FILE, sys, sizeof sys) != 0)
        return -1;
    if (!is_file(sys)) {
        if (size > 0)
            buf[0] = '\0';
        return 0;
    }
    return join(buf, size, sys, NULL) == 0 ? 1 : -1;
}

int inv_paths_config_get(const char *path, const char *section, const char *key, char *buf,
                         size_t size, char *msg, size_t msg_size)
{
    ConfigGet get = {section, key, buf, size, 0};
    int line = ini_parse(path, on_key, &get);
    if (line < 0) {
        snprintf(msg, msg_size, "cannot read %s: %s", path,
                 line == -1 ? strerror(errno) : "out of memory");
        return -1;
    }
    if (get.found < 0) {
        snprintf(msg, msg_size, "%s: %s is longer than %zu bytes", path, key, size - 1);
        return -1;
    }
    /* other lines are for the kiosk to judge: only a line this key is on matters here */
    return get.found;
}

int inv_paths_db(const char *opt, const char *config_db, char *buf, size_t size, InvDbFrom *from,
                 char *msg, size_t msg_size)
{
    const char *env = getenv("BUA_DB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char path[INV_PATH_MAX] = "";
    char state[INV_PATH_MAX] = "";
    InvDbFrom f = INV_DB_FROM_OPTION;
    int rc = 0;

    if (opt != NULL && opt[0] != '\0') {
        rc = join(path, sizeof path, opt, NULL);
    } else if (env != NULL && env[0] != '\0') {
        f = INV_DB_FROM_ENV;
        rc = join(path, sizeof path, env, NULL);
    } else if (config_db != NULL && config_db[0] != '\0') {
        f = INV_DB_FROM_CONFIG;
        rc = join(path, sizeof path, config_db, NULL);
    } else if (rooted(BUA_STATE_DIR, state, sizeof state) == 0 && is_folder(state)) {
        f = INV_DB_FROM_SYSTEM;
        rc = join(path, sizeof path, state, "/bua.db");
    } else if (xdg != NULL && xdg[0] == '/') {
        f = INV_DB_FROM_USER;
        rc = join(path, sizeof path, xdg, "/bua-kiosk/bua.db");
    } else if (home != NULL && home[0] == '/') {
        f = INV_DB_FROM_USER;
        rc = join(path, sizeof path, home, "/.local/share/bua-kiosk/bua.db");
    } else {
        snprintf(msg, msg_size, "cannot find the database: give --db PATH or set BUA_DB");
        return -1;
    }
    if (rc != 0 || join(buf, size, path, NULL) != 0) {
        snprintf(msg, msg_size, "invalid database path: longer than %zu bytes",
                 (size < sizeof path ? size : sizeof path) - 1);
        return -1;
    }
    *from = f;
    return 0;
}

int inv_paths_labels(const char *opt, const char *db, char *buf, size_t size)
{
    if (opt != NULL && opt[0] != '\0')
        return join(buf, size, opt, NULL);
    const char *slash = strrchr(db, '/');
    if (slash == NULL)
        return join(buf, size, "labels", NULL);
    int n = snprintf(buf, size, "%.*s/labels", (int)(slash - db), db);
    if (n < 0 || (size_t)n >= size) {
        if (size > 0)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}

const char *inv_db_from_name(InvDbFrom from)
{
    switch (from) {
    case INV_DB_FROM_OPTION:
        return "--db";
    case INV_DB_FROM_ENV:
        return "BUA_DB";
    case INV_DB_FROM_CONFIG:
        return "the settings file";
    case INV_DB_FROM_SYSTEM:
        return "the system default";
    case INV_DB_FROM_USER:
        return "the user default";
    }
    return "?";
}

/* a + b (b may be NULL) into buf; -1 when it does not fit */
void inv_log_init(const char *prog)
{
    const char *stream = getenv("JOURNAL_STREAM");
    struct stat st;
    unsigned long long dev = 0;
    unsigned long long ino = 0;
    log_prog = prog;
    /* systemd's rule: the prefix only when stderr is still the stream it connected */
    log_journal = stream != NULL && sscanf(stream, "%llu:%llu", &dev, &ino) == 2 &&
                  fstat(STDERR_FILENO, &st) == 0 && (unsigned long long)st.st_dev == dev &&
                  (unsigned long long)st.st_ino == ino;
}

void inv_log(InvLogLevel level, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (log_journal)
        fprintf(stderr, "<%d>%s: %s\n", (int)level, log_prog, line);
    else
        fprintf(stderr, "%s: %s\n", log_prog, line);
}

static int join(char *buf, size_t size, const char *a, const char *b)
{
    int n = snprintf(buf, size, "%s%s", a, b ? b : "");
    if (n < 0 || (size_t)n >= size) {
        if (size > 0)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}

/* a built-in absolute path under $BUA_ROOT (a staged installation) */
static int rooted(const char *path, char *buf, size_t size)
{
    const char *root = getenv("BUA_ROOT");
    if (root == NULL || root[0] == '\0')
        return join(buf, size, path, NULL);
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    int w = snprintf(buf, size, "%.*s%s", (int)n, root, path);
    if (w < 0 || (size_t)w >= size) {
        if (size > 0)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A program in the build tree has a link bua-dev-assets beside it, to the repository's assets
 * (made by CMake, never installed). */
static bool dev_assets(char *buf, size_t size)
{
    char exe[INV_PATH_MAX] = "";
    char i18n[INV_PATH_MAX] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return false;
    *slash = '\0';
    if (join(buf, size, exe, "/bua-dev-assets") != 0 ||
        join(i18n, sizeof i18n, buf, "/i18n") != 0 || !is_folder(i18n)) {
        if (size > 0)
            buf[0] = '\0';
        return false;
    }
    return true;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    ConfigGet *get = user;
    if (strcmp(section, get->section) != 0 || strcmp(name, get->key) != 0)
        return 1;
    if (join(get->buf, get->size, value, NULL) != 0) {
        get->found = -1;
        return 0;
    }
    get->found = 1;
    return 1;
}
