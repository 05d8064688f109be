/* The file commands of bua-admin: import (CSV, all rows or none), backup and restore. A path that
 * is no file (missing, a folder) is refused here in plain words; the file's content is judged by
 * inv_import_csv(), whose problems are printed as FILE:LINE: why. */
#include "adm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Files from this size on show progress even when stderr is not a terminal. */
#define PROGRESS_LARGE ((uint64_t)16 * 1024 * 1024)
/* Files below this size import too fast for progress on a terminal. */
#define PROGRESS_SMALL ((uint64_t)256 * 1024)

typedef struct Progress {
    const char *path;
    bool tty;
    int last; /* last percentage shown, -1 before the first */
} Progress;

static int precheck(const char *path, uint64_t *size);
static void show_progress(uint64_t done, uint64_t total, void *ctx);
static bool same_file(const char *a, const char *b);

int adm_cmd_import(AdmCtx *ctx, int argc, char **argv)
{
    size_t n_pos = 0;
    InvImportKind kind = INV_IMPORT_ITEMS;
    uint64_t size = 0;
    Progress progress = {.last = -1};
    InvImportResult *result = NULL;

    const char *skew_text = NULL;
    int skew = INV_IMPORT_MAX_SKEW_DEFAULT;
    const AdmOpt opts[] = {{"--max-skew", &skew_text, NULL}};

    int rc = adm_parse("import", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("import", n_pos, 2, 2, "items|borrowers|loans and a FILE", argv);
    }
    if (rc == ADM_EXIT_OK && skew_text != NULL) {
        rc = adm_parse_int("--max-skew", skew_text, 0, 366L * 24 * 3600, &skew);
    }
    if (rc == ADM_EXIT_OK && !inv_import_kind_parse(argv[0], &kind)) {
        rc = adm_usage("invalid import kind '%s': use items, borrowers or loans", argv[0]);
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    const char *path = argv[1];
    rc = precheck(path, &size);
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    result = calloc(1, sizeof *result);
    if (result == NULL) {
        return adm_fail("cannot import %s: out of memory", path);
    }
    progress.path = path;
    progress.tty = isatty(STDERR_FILENO) != 0;
    bool show = (progress.tty && size >= PROGRESS_SMALL) || size >= PROGRESS_LARGE;
    InvImportOptions io = {ctx->now, skew, show ? show_progress : NULL, &progress};
    int err = inv_import_csv_opts(ctx->db, kind, path, &io, result);
    if (progress.tty && progress.last >= 0) {
        fputc('\n', stderr);
    }
    if (err == INV_OK) {
        printf("imported %zu rows from %s\n", result->added, path);
    } else if (err == INV_E_IMPORT && result->n_problems == 1) {
        /* one problem (an empty, binary or non-UTF-8 file, or one bad row): one line */
        rc = adm_fail("%s (refused, nothing imported)", result->problems[0]);
    } else if (err == INV_E_IMPORT) {
        size_t listed = result->n_problems < INV_IMPORT_PROBLEMS_MAX ? result->n_problems
                                                                     : INV_IMPORT_PROBLEMS_MAX;
        for (size_t i = 0; i < listed; i++) {
            fprintf(stderr, "%s\n", result->problems[i]);
        }
        rc = adm_fail("%s: refused, nothing imported (%zu problems)", path, result->n_problems);
    } else {
        rc = adm_fail_inv(ctx, err, "cannot import");
    }
    free(result);
    return rc;
}

int adm_cmd_backup(AdmCtx *ctx, int argc, char **argv)
{
    bool force = false;
    const char *dir = NULL;
    const char *keep = NULL;
    const AdmOpt opts[] = {
        {"--force", NULL, &force}, {"--dir", &dir, NULL}, {"--keep", &keep, NULL}};
    size_t n_pos = 0;

    int rc = adm_parse("backup", argc, argv, opts, 3, &n_pos);
    if (rc == ADM_EXIT_OK && dir != NULL) {
        /* a dated copy into a folder, the oldest beyond --keep removed (adm_backup.c) */
        if (n_pos != 0 || force) {
            return adm_usage("backup --dir DIR takes no FILE and no --force");
        }
        return adm_backup_dir(ctx, dir, keep);
    }
    if (rc == ADM_EXIT_OK && keep != NULL) {
        return adm_usage("option --keep of backup goes with --dir DIR");
    }
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("backup", n_pos, 1, 1, "a FILE", argv);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    return adm_backup_file(ctx, argv[0], force);
}

int adm_backup_file(AdmCtx *ctx, const char *path, bool force)
{
    struct stat st = {0};

    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            return adm_fail("cannot back up to %s: is a folder", path);
        }
        if (same_file(path, ctx->db_path)) {
            return adm_fail("cannot back up to %s: it is the database itself", path);
        }
        if (!force) {
            return adm_fail("cannot back up to %s: it exists already (--force replaces it)", path);
        }
    } else if (errno != ENOENT) {
        return adm_fail("cannot back up to %s: %s", path, adm_errno_text(errno));
    } else {
        char folder[ADM_PATH_MAX] = "";
        const char *slash = strrchr(path, '/');
        if (slash != NULL && slash != path) {
            size_t len = (size_t)(slash - path) < sizeof folder - 1 ? (size_t)(slash - path)
                                                                    : sizeof folder - 1;
            memcpy(folder, path, len);
            folder[len] = '\0';
            if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
                return adm_fail("cannot back up to %s: no such folder %s", path, folder);
            }
        }
    }
    /* a copy next to FILE, renamed over it when complete: FILE is never half written */
    char part[ADM_PATH_MAX] = "";
    int n = snprintf(part, sizeof part, "%s.part", path);
    if (n < 0 || (size_t)n >= sizeof part) {
        return adm_fail("cannot back up to %s: the path is too long", path);
    }
    if (unlink(part) != 0 && errno != ENOENT) {
        return adm_fail("cannot back up to %s: cannot remove %s: %s", path, part,
                        adm_errno_text(errno));
    }
    int err = inv_backup(ctx->db, part);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot back up");
    }
    if (chmod(part, 0600) != 0 || rename(part, path) != 0) {
        int e = errno;
        unlink(part);
        return adm_fail("cannot back up to %s: %s", path, adm_errno_text(e));
    }
    printf("backed up %s to %s\n", ctx->db_path, path);
    return ADM_EXIT_OK;
}

int adm_cmd_restore(AdmCtx *ctx, int argc, char **argv)
{
    bool force = false;
    const AdmOpt opts[] = {{"--force", NULL, &force}};
    size_t n_pos = 0;
    char msg[INV_MSG_MAX] = "";

    int rc = adm_parse("restore", argc, argv, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("restore", n_pos, 1, 1, "a BACKUP file", argv);
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    const char *backup = argv[0];
    if (same_file(backup, ctx->db_path)) {
        return adm_fail("cannot restore from %s: it is the database itself", backup);
    }
    /* no adm_open: restore needs no handle, and its own would count as a program using the
     * database */
    int err = inv_restore(ctx->db_path, backup, force, msg, sizeof msg);
    if (err != INV_OK) {
        return adm_fail("%s", msg[0] != '\0' ? msg : inv_strerror(err));
    }
    printf("restored %s from %s\n", ctx->db_path, backup);
    return ADM_EXIT_OK;
}

/* Refuses a path that is no file to read (missing, a folder), with the reason in plain words;
 * what is in the file (empty, binary, not UTF-8, not CSV) is for inv_import_csv to say. */
static int precheck(const char *path, uint64_t *size)
{
    struct stat st = {0};
    if (stat(path, &st) != 0) {
        return adm_fail("cannot import %s: %s", path, adm_errno_text(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        return adm_fail("cannot import %s: is a folder", path);
    }
    if (access(path, R_OK) != 0) {
        return adm_fail("cannot import %s: %s", path, adm_errno_text(errno));
    }
    *size = (uint64_t)st.st_size;
    return ADM_EXIT_OK;
}

static void show_progress(uint64_t done, uint64_t total, void *ctx)
{
    Progress *p = ctx;
    if (total == 0) {
        return;
    }
    int pct = (int)(done * 100 / total);
    if (p->tty) {
        if (pct != p->last) {
            fprintf(stderr, "\rimporting %s: %d%%", p->path, pct);
            p->last = pct;
        }
    } else if (pct / 10 != p->last / 10 || p->last < 0) {
        fprintf(stderr, "importing %s: %d%%\n", p->path, pct);
        p->last = pct;
    }
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa = {0};
    struct stat sb = {0};
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}
