/* bua-admin backup --dir DIR [--keep N]: the nightly backup of an installed kiosk
 * (bua-backup.timer). Each run adds one dated copy, DIR/bua-YYYYMMDDTHHMMSSZ.db (UTC, so the
 * names sort by time across summer time), and then removes the oldest of those beyond N. Only
 * files named exactly so are counted or removed; nothing else in DIR is touched, and nothing
 * is removed when the new copy failed. */
#include "adm.h"
#include "inv_paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NAME_LEN 23 /* bua-YYYYMMDDTHHMMSSZ.db */

static int read_keep(AdmCtx *ctx, const char *keep_text, int *keep);
static int is_backup_name(const struct dirent *e);

int adm_backup_dir(AdmCtx *ctx, const char *dir, const char *keep_text)
{
    struct stat st = {0};
    struct tm tm = {0};
    char name[NAME_LEN + 1] = "";
    char path[ADM_PATH_MAX] = "";
    int keep = 0;

    int rc = read_keep(ctx, keep_text, &keep);
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    if (stat(dir, &st) != 0) {
        return adm_fail("cannot back up into %s: %s", dir, adm_errno_text(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
        return adm_fail("cannot back up into %s: not a folder", dir);
    }
    if ((rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    time_t now = (time_t)ctx->now;
    if (gmtime_r(&now, &tm) == NULL ||
        strftime(name, sizeof name, "bua-%Y%m%dT%H%M%SZ.db", &tm) != NAME_LEN) {
        return adm_fail("cannot back up: the time %lld has no date", (long long)ctx->now);
    }
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        return adm_fail("cannot back up into %s: the path is too long", dir);
    }
    rc = adm_backup_file(ctx, path, false);
    if (rc != ADM_EXIT_OK) {
        return rc;
    }

    struct dirent **list = NULL;
    int count = scandir(dir, &list, is_backup_name, alphasort);
    if (count < 0) {
        return adm_fail("backed up, but cannot list %s to remove old backups: %s", dir,
                        adm_errno_text(errno));
    }
    for (int i = 0; i < count; i++) {
        if (i < count - keep && rc == ADM_EXIT_OK) {
            n = snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
            if (n < 0 || (size_t)n >= sizeof path || unlink(path) != 0) {
                rc = adm_fail("backed up, but cannot remove the old backup %s/%s: %s", dir,
                              list[i]->d_name, adm_errno_text(errno));
            } else {
                printf("removed old backup %s\n", path);
            }
        }
        free(list[i]);
    }
    free(list);
    return rc;
}

/* --keep N, else [backup] keep = N of the settings file, else ADM_BACKUP_KEEP */
static int read_keep(AdmCtx *ctx, const char *keep_text, int *keep)
{
    char value[32] = "";
    char msg[ADM_PATH_MAX + 64] = "";
    char what[ADM_PATH_MAX + 32] = "";

    if (keep_text != NULL) {
        return adm_parse_int("--keep", keep_text, 1, ADM_BACKUP_KEEP_MAX, keep);
    }
    *keep = ADM_BACKUP_KEEP;
    if (ctx->config[0] == '\0') {
        return ADM_EXIT_OK;
    }
    int found =
        inv_paths_config_get(ctx->config, "backup", "keep", value, sizeof value, msg, sizeof msg);
    if (found < 0) {
        return adm_fail("%s", msg);
    }
    if (found == 0) {
        return ADM_EXIT_OK;
    }
    snprintf(what, sizeof what, "keep in [backup] of %s", ctx->config);
    if (adm_parse_int(what, value, 1, ADM_BACKUP_KEEP_MAX, keep) != ADM_EXIT_OK) {
        return ADM_EXIT_FAIL; /* a bad settings file is a refusal, not a wrong command line */
    }
    return ADM_EXIT_OK;
}

/* bua-YYYYMMDDTHHMMSSZ.db, digits where the date and time go: nothing else is ours */
static int is_backup_name(const struct dirent *e)
{
    static const char pattern[] = "bua-########T######Z.db";
    const char *s = e->d_name;
    if (strlen(s) != NAME_LEN) {
        return 0;
    }
    for (size_t i = 0; i < NAME_LEN; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (pattern[i] == '#' ? !digit : s[i] != pattern[i]) {
            return 0;
        }
    }
    return 1;
}
