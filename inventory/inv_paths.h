/* Where bua-kiosk's programs find their files: the one place that knows the paths.
 *
 * An installed kiosk follows the FHS (the package puts everything there):
 *   programs      /usr/bin/bua-kiosk, bua-admin, bua-scan
 *   data          /usr/share/bua-kiosk (i18n/nb.po, i18n/en.po)
 *   fonts         /usr/share/fonts/truetype/dejavu (Debian's fonts-dejavu-core)
 *   settings      /etc/bua-kiosk/kiosk.ini
 *   database      /var/lib/bua-kiosk/bua.db (backups in /var/lib/bua-kiosk/backups)
 * A program run from the build tree finds the repository's assets through a link CMake puts
 * beside it (bua-dev-assets): no source path is compiled into a program.
 *
 * $BUA_ROOT, when set, is put in front of every built-in path (data, fonts, settings,
 * database): a staged installation (dpkg -x, DESTDIR) runs as if it were installed. Paths
 * given by option or environment are used as they are.
 *
 * Every function writes its result only on success; a path that does not fit the buffer is a
 * failure, never cut short. */
#ifndef INV_PATHS_H
#define INV_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#define INV_PATH_MAX 1024

/* Where the database was found (printed in the kiosk's start line and bua-admin's errors). */
typedef enum InvDbFrom {
    INV_DB_FROM_OPTION, /* --db */
    INV_DB_FROM_ENV,    /* $BUA_DB */
    INV_DB_FROM_CONFIG, /* database = in [kiosk] of the settings file */
    INV_DB_FROM_SYSTEM, /* /var/lib/bua-kiosk/bua.db: the package made that folder */
    INV_DB_FROM_USER,   /* $XDG_DATA_HOME/bua-kiosk/bua.db or ~/.local/share/...: a developer */
} InvDbFrom;

/* The version: the project version, plus `git describe` when built from git. Static text. */
const char *inv_version(void);

/* The data folder: `opt` (--assets) if given, else $BUA_ASSETS, else the build tree's assets
 * (the bua-dev-assets link beside the running program), else $BUA_ROOT/usr/share/bua-kiosk.
 * Returns 0, or -1 when the path is too long. */
int inv_paths_data(const char *opt, char *buf, size_t size);

/* The font folder: DATA/fonts when it holds DejaVuSans.ttf (the build tree), else Debian's
 * $BUA_ROOT/usr/share/fonts/truetype/dejavu. Returns 0, or -1 when the path is too long. */
int inv_paths_fonts(const char *data, char *buf, size_t size);

/* The settings file: `opt` (--config) if given, else $BUA_CONFIG, else
 * $BUA_ROOT/etc/bua-kiosk/kiosk.ini when it exists. Returns 1 and the path, 0 when there is
 * none to read (buf ""), -1 when the path is too long. */
int inv_paths_config(const char *opt, char *buf, size_t size);

/* Reads one setting (KEY in [SECTION]) from the settings file PATH into buf. Returns 1 when
 * found, 0 when the file does not set it, -1 when the file cannot be read or a value does not
 * fit (msg says which file and line). */
int inv_paths_config_get(const char *path, const char *section, const char *key, char *buf,
                         size_t size, char *msg, size_t msg_size);

/* The database, found the same way by every program: `opt` (--db), else $BUA_DB, else
 * `config_db` (database = in the settings file; NULL or "" for none), else
 * $BUA_ROOT/var/lib/bua-kiosk/bua.db when that folder exists (an installed kiosk), else
 * $XDG_DATA_HOME/bua-kiosk/bua.db, XDG_DATA_HOME defaulting to ~/.local/share. Returns 0 and
 * where it came from, or -1 with msg (too long, or no HOME to find it). */
int inv_paths_db(const char *opt, const char *config_db, char *buf, size_t size, InvDbFrom *from,
                 char *msg, size_t msg_size);

/* The folder the kiosk writes barcode labels (PDF) into: `opt` (folder = in [labels] of the
 * settings file) if given, else labels/ beside the database `db`: /var/lib/bua-kiosk/labels on
 * an installed kiosk (its state folder, which the kiosk's user may write), else
 * ~/.local/share/bua-kiosk/labels. Returns 0, or -1 when the path is too long. */
int inv_paths_labels(const char *opt, const char *db, char *buf, size_t size);

/* Log priorities, as syslog's and journald's (<3> .. <6>). */
typedef enum InvLogLevel {
    INV_LOG_ERR = 3,     /* the program cannot go on, or a store failure */
    INV_LOG_WARNING = 4, /* something is off but the program goes on (no sound, no USB) */
    INV_LOG_NOTICE = 5,  /* the start line, a scanner plugged in or out */
    INV_LOG_INFO = 6,
} InvLogLevel;

/* One line on stderr: "PROG: message". Under systemd (stderr is the journal stream named by
 * $JOURNAL_STREAM) the line starts with the priority, "<3>PROG: message", so journalctl shows
 * and filters it by priority. Never pass names, cards or PINs: the log is not personal.
 * inv_log_init sets PROG (static text, e.g. "bua-kiosk") and looks at stderr once. */
void inv_log_init(const char *prog);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void inv_log(InvLogLevel level, const char *fmt, ...);

/* "--db", "BUA_DB", "the settings file", "the system default", "the user default". */
const char *inv_db_from_name(InvDbFrom from);

#endif
