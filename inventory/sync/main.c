/* bua-sync: carries a device's outbox to the centre's PostgreSQL server and the centre's other
 * devices' events back into the device's database (issue 14).
 *
 * To understand everything else, start reading main(): it picks the command and its options,
 * fills in what the settings file's [sync] section says, and hands over to syn_cmd_* (run in
 * syn_run.c, the server admin's setup, device add and rebuild in syn_admin.c, keygen in
 * syn_key.c). Exit codes as bua-admin's: 0 done, 1 refused or failed, 2 called wrongly. */
#include "inv_paths.h"
#include "syn.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Opts {
    const char *server;
    const char *password_file;
    const char *key_file;
    const char *db;
    const char *config;
    const char *centre;
    const char *device;
    const char *role;
    bool once;
} Opts;

static const char help_text[] =
    "usage: bua-sync COMMAND [OPTIONS]\n"
    "       bua-sync --help | --version\n"
    "\n"
    "Syncs a BUA kiosk's database with its centre's PostgreSQL server: sends this device's\n"
    "changes (the outbox) and applies the other devices' changes. Personal columns travel\n"
    "sealed with the centre key; the server never sees them in clear.\n"
    "\n"
    "commands:\n"
    "  run [--db PATH] [--server CONNINFO] [--once] [--key-file F] [--password-file F]\n"
    "      [--config FILE]\n"
    "                            sync: push the outbox, pull the other devices' events; without\n"
    "                            --once keep going (push within a second of a change, pull\n"
    "                            every 3 s, back off 1 s to 60 s while the server is away);\n"
    "                            SIGTERM or SIGINT stop it\n"
    "  keygen FILE               make the centre key (mode 0600; never overwrites): once per\n"
    "                            centre, then copy the file to every device of the centre\n"
    "  setup --server CONNINFO [--password-file F]\n"
    "                            create or upgrade the server schema bua (idempotent; the\n"
    "                            server's admin)\n"
    "  device add --server CONNINFO --centre C --device D --password-file F [--role R]\n"
    "                            let a device connect: a login role (default bua_C_D, - as _)\n"
    "                            with the password in F (mode 0600), member of bua_device;\n"
    "                            makes the centre if new (the server's admin)\n"
    "  rebuild --server CONNINFO [--password-file F]\n"
    "                            rebuild the server's derived state from its log (bua.rebuild)\n"
    "\n"
    "options:\n"
    "  --server CONNINFO         libpq connection string, e.g. \"host=sync.bua.example.no\n"
    "                            dbname=bua user=bua_hamar_k1 sslmode=verify-full\n"
    "                            sslrootcert=/etc/bua-kiosk/sync-ca.crt\"\n"
    "  --password-file F         the role's password (first line; mode 0600); with device add:\n"
    "                            the new device role's password\n"
    "  --key-file F              the centre key made by keygen\n"
    "  --db PATH                 the device's database (as bua-admin finds it: $BUA_DB, the\n"
    "                            settings file's [kiosk] database, /var/lib/bua-kiosk/bua.db)\n"
    "  --config FILE             the settings file (default $BUA_CONFIG, else\n"
    "                            /etc/bua-kiosk/kiosk.ini): [sync] server, password_file and\n"
    "                            key_file stand in for the options\n"
    "  --once                    one push and one pull, then exit\n"
    "\n"
    "The server admin's own password (device add) comes from CONNINFO, ~/.pgpass or\n"
    "$PGPASSWORD, as for psql.\n"
    "The database must belong to a device first: bua-admin init --centre CODE --device NAME.\n"
    "Exit status: 0 done, 1 refused or failed, 2 called wrongly.\n";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int
usage(const char *fmt, ...);
static int parse(int argc, char **argv, int first, Opts *o, const char *allowed, char **arg1);
static int from_config(const char *path, const char *key, char *buf, size_t size);
static int long_lines(const char *path);

int main(int argc, char **argv)
{
    if (argc < 2) {
        return usage("a command is needed");
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(help_text, stdout);
        return fflush(stdout) == 0 ? SYN_EXIT_OK : SYN_EXIT_FAIL;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("bua-sync %s\n", inv_version());
        return SYN_EXIT_OK;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "bua-sync: cannot start libsodium\n");
        return SYN_EXIT_FAIL;
    }
    Opts o;
    memset(&o, 0, sizeof o);
    char *arg1 = NULL;
    int rc = 0;
    if (strcmp(cmd, "keygen") == 0) {
        if ((rc = parse(argc, argv, 2, &o, "", &arg1)) != 0) {
            return rc;
        }
        if (arg1 == NULL) {
            return usage("keygen needs the FILE to write the key into");
        }
        char msg[SYN_MSG_MAX] = "";
        if (syn_keygen(arg1, msg, sizeof msg) != 0) {
            fprintf(stderr, "bua-sync: %s\n", msg);
            return SYN_EXIT_FAIL;
        }
        printf("centre key written to %s (mode 0600): copy it to every device of the centre\n",
               arg1);
        return SYN_EXIT_OK;
    }
    if (strcmp(cmd, "setup") == 0 || strcmp(cmd, "rebuild") == 0) {
        if ((rc = parse(argc, argv, 2, &o, "server password-file", NULL)) != 0) {
            return rc;
        }
        if (o.server == NULL) {
            return usage("%s needs --server CONNINFO (the server's admin)", cmd);
        }
        return cmd[0] == 's' ? syn_cmd_setup(o.server, o.password_file)
                             : syn_cmd_rebuild(o.server, o.password_file);
    }
    if (strcmp(cmd, "device") == 0) {
        if (argc < 3 || strcmp(argv[2], "add") != 0) {
            return usage("device needs add (bua-sync device add --server CONNINFO --centre C "
                         "--device D --password-file F)");
        }
        if ((rc = parse(argc, argv, 3, &o, "server centre device password-file role", NULL)) != 0) {
            return rc;
        }
        if (o.server == NULL || o.centre == NULL || o.device == NULL || o.password_file == NULL) {
            return usage("device add needs --server, --centre, --device and --password-file");
        }
        return syn_cmd_device_add(o.server, NULL, o.centre, o.device, o.password_file, o.role);
    }
    if (strcmp(cmd, "run") == 0) {
        if ((rc = parse(argc, argv, 2, &o, "db server once key-file password-file config", NULL)) !=
            0) {
            return rc;
        }
        static char config[INV_PATH_MAX];
        static char server[SYN_CONNINFO_MAX];
        static char password_file[SYN_PATH_MAX];
        static char key_file[SYN_PATH_MAX];
        static char config_db[INV_PATH_MAX];
        static char db[INV_PATH_MAX];
        int has = inv_paths_config(o.config, config, sizeof config);
        if (has < 0) {
            return usage("invalid settings path: too long");
        }
        if (has > 0) {
            if (long_lines(config) != 0) {
                return SYN_EXIT_FAIL;
            }
            if ((o.server == NULL && from_config(config, "server", server, sizeof server) < 0) ||
                (o.password_file == NULL &&
                 from_config(config, "password_file", password_file, sizeof password_file) < 0) ||
                (o.key_file == NULL &&
                 from_config(config, "key_file", key_file, sizeof key_file) < 0)) {
                return SYN_EXIT_FAIL;
            }
            char msg[SYN_MSG_MAX] = "";
            if (o.db == NULL && inv_paths_config_get(config, "kiosk", "database", config_db,
                                                     sizeof config_db, msg, sizeof msg) < 0) {
                fprintf(stderr, "bua-sync: %s\n", msg);
                return SYN_EXIT_FAIL;
            }
        }
        SynRunOptions ro = {
            .conninfo = o.server != NULL ? o.server : server,
            .password_file = o.password_file != NULL ? o.password_file : password_file,
            .key_file = o.key_file != NULL ? o.key_file : key_file,
            .once = o.once,
        };
        if (ro.conninfo[0] == '\0') {
            return usage("run needs --server CONNINFO (or server = in [sync] of the settings "
                         "file)");
        }
        if (ro.key_file[0] == '\0') {
            return usage("run needs --key-file F, the centre key (or key_file = in [sync] of "
                         "the settings file; bua-sync keygen makes one)");
        }
        char msg[SYN_MSG_MAX] = "";
        InvDbFrom from = INV_DB_FROM_OPTION;
        if (inv_paths_db(o.db, config_db, db, sizeof db, &from, msg, sizeof msg) != 0) {
            return usage("%s", msg);
        }
        ro.db = db;
        return syn_cmd_run(&ro);
    }
    return usage("unknown command '%s'", cmd);
}

static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bua-sync: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(bua-sync --help lists the commands and options)\n");
    va_end(ap);
    return SYN_EXIT_USAGE;
}

/* Options from argv[first]: those named in `allowed` (space-separated, without --), as
 * "--name VALUE" or "--name=VALUE" (--once takes none); one bare argument into *arg1 when
 * arg1 is not NULL. */
static int parse(int argc, char **argv, int first, Opts *o, const char *allowed, char **arg1)
{
    for (int i = first; i < argc; i++) {
        char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            if (arg1 == NULL || *arg1 != NULL) {
                return usage("unexpected argument '%s'", a);
            }
            *arg1 = a;
            continue;
        }
        char name[32] = "";
        const char *value = NULL;
        const char *eq = strchr(a + 2, '=');
        size_t len = eq != NULL ? (size_t)(eq - (a + 2)) : strlen(a + 2);
        if (len == 0 || len >= sizeof name) {
            return usage("unknown option '%s'", a);
        }
        memcpy(name, a + 2, len);
        name[len] = '\0';
        const char *p = strstr(allowed, name);
        if (p == NULL || (p != allowed && p[-1] != ' ') || (p[len] != ' ' && p[len] != '\0')) {
            return usage("unknown option '%s' for %s", a, argv[1]);
        }
        if (strcmp(name, "once") == 0) {
            if (eq != NULL) {
                return usage("--once takes no value");
            }
            o->once = true;
            continue;
        }
        if (eq != NULL) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return usage("option --%s needs a value", name);
        }
        if (value[0] == '\0') {
            return usage("option --%s needs a value", name);
        }
        const char **slot = strcmp(name, "server") == 0          ? &o->server
                            : strcmp(name, "password-file") == 0 ? &o->password_file
                            : strcmp(name, "key-file") == 0      ? &o->key_file
                            : strcmp(name, "db") == 0            ? &o->db
                            : strcmp(name, "config") == 0        ? &o->config
                            : strcmp(name, "centre") == 0        ? &o->centre
                            : strcmp(name, "device") == 0        ? &o->device
                                                                 : &o->role;
        *slot = value;
    }
    return 0;
}

/* KEY in [sync] of the settings file: 1 found, 0 not set, -1 unreadable (said on stderr) */
static int from_config(const char *path, const char *key, char *buf, size_t size)
{
    char msg[SYN_MSG_MAX] = "";
    int rc = inv_paths_config_get(path, "sync", key, buf, size, msg, sizeof msg);
    if (rc < 0) {
        fprintf(stderr, "bua-sync: %s\n", msg);
    }
    return rc;
}

/* The settings reader (inih) cuts a line at 198 characters without a word, and a conninfo is
 * easily longer: a long line in [sync] is refused here, naming the line. 0, or -1 (said). */
static int long_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return 0; /* inv_paths_config_get names an unreadable file */
    }
    char line[4096];
    int n = 0;
    int rc = 0;
    bool in_sync = false;
    bool cont = false; /* the rest of a line longer than the buffer */
    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strlen(line);
        bool whole = len > 0 && line[len - 1] == '\n';
        if (!cont) {
            n++;
            const char *p = line + strspn(line, " \t");
            if (*p == '[') {
                in_sync = strncmp(p, "[sync]", 6) == 0;
            }
            if (in_sync && *p != ';' && *p != '#' && (len > 199 || !whole)) {
                fprintf(stderr,
                        "bua-sync: %s line %d is longer than 198 characters, which the "
                        "settings reader cuts short: shorten it (server = service=NAME with a "
                        "pg_service.conf keeps a long connection string elsewhere)\n",
                        path, n);
                rc = -1;
                break;
            }
        }
        cont = !whole;
    }
    fclose(f);
    return rc;
}
