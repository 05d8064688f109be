/* Labels at the kiosk: a leader's "Lag etikett" for the item on screen (the one just added, or
 * any other) writes its barcode label to a new PDF in the labels folder and, when CUPS's lp is
 * on PATH, hands the file to it. lp runs as a grandchild the kiosk never waits for (the child
 * that started it ends at once), so a slow or stuck printer never holds the screen; whatever lp
 * says goes to the journal through the kiosk's stderr. Without lp the screen says where the PDF
 * is. */
#include "app.h"
#include "inv_paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CENTRE_DEFAULT "BUA"

static bool find_lp(char *buf, size_t size);
static bool start_lp(const char *lp, const char *printer, const char *file);
static void file_name(const char *folder, const char *code, int64_t now, char *buf, size_t size);

void app_label_init(AppLabelCfg *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->sheet = lbl_sheet_find("roll-62mm");
    cfg->symbology = LBL_CODE128;
}

int app_label_set(AppLabelCfg *cfg, const char *name, const char *value, char *err, size_t err_size)
{
    bool ok = true;
    if (strcmp(name, "folder") == 0) {
        ok = value[0] == '/' && strlen(value) < sizeof cfg->folder;
        if (ok)
            app_copy(cfg->folder, sizeof cfg->folder, value);
    } else if (strcmp(name, "printer") == 0) {
        ok = strlen(value) < sizeof cfg->printer && value[0] != '-';
        for (const char *p = value; ok && *p; p++)
            ok = (unsigned char)*p > 0x20 && *p != 0x7f && *p != '/';
        if (ok)
            app_copy(cfg->printer, sizeof cfg->printer, value);
    } else if (strcmp(name, "sheet") == 0) {
        const LblSheet *sh = lbl_sheet_find(value);
        ok = sh != NULL;
        if (ok)
            cfg->sheet = sh;
    } else if (strcmp(name, "symbology") == 0) {
        ok = lbl_symbology_parse(value, &cfg->symbology);
    } else {
        snprintf(err, err_size, "unknown setting %s", name);
        return -1;
    }
    if (!ok) {
        snprintf(err, err_size, "bad value for %s: %s", name, value);
        return -1;
    }
    return 0;
}

int app_label_open(AppLabelCfg *cfg, const char *db_path, char *err, size_t err_size)
{
    char folder[sizeof cfg->folder];
    if (inv_paths_labels(cfg->folder, db_path, folder, sizeof folder) != 0) {
        snprintf(err, err_size, "the labels folder beside %s: the path is too long", db_path);
        return -1;
    }
    app_copy(cfg->folder, sizeof cfg->folder, folder);
    return 0;
}

void app_label_perform(App *app, const UiFx *fx)
{
    const AppLabelCfg *cfg = &app->label;
    UiEvLabel *ev = &app_push(app, UI_EV_LABEL)->label;
    app_copy(ev->code, sizeof ev->code, fx->make_label.code);
    InvItem it;
    int err = inv_item_get(app->db, fx->make_label.code, &it);
    ev->h.result = app_map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    app->label.used = true;
    char path[sizeof cfg->folder + UI_CODE_MAX + 32];
    char msg[sizeof path + 128] = "";
    file_name(cfg->folder, it.barcode, app_now(app), path, sizeof path);
    const char *centre = app->cfg.centre_name[0] ? app->cfg.centre_name : CENTRE_DEFAULT;
    LblLabel label = {it.barcode, it.name, centre};
    const LblSheet *sheet = cfg->sheet ? cfg->sheet : lbl_sheet_find("roll-62mm");
    LblJob job = {sheet, cfg->symbology, 1, &label, 1};
    if (mkdir(cfg->folder, 0700) != 0 && errno != EEXIST) {
        snprintf(msg, sizeof msg, "cannot make the labels folder %s: %s", cfg->folder,
                 strerror(errno));
    } else if (lbl_write_pdf(&job, path, msg, sizeof msg) == LBL_OK) {
        msg[0] = '\0';
    }
    if (msg[0]) {
        inv_log(INV_LOG_ERR, "label: %s", msg);
        ev->outcome = UI_LABEL_FAILED;
        app_copy(ev->h.detail, sizeof ev->h.detail, msg);
        return;
    }
    app_copy(ev->path, sizeof ev->path, path);
    char lp[1024];
    ev->outcome = UI_LABEL_SAVED;
    if (find_lp(lp, sizeof lp) && start_lp(lp, cfg->printer, path))
        ev->outcome = UI_LABEL_PRINTING;
}

void app_label_close(AppLabelCfg *cfg)
{
    if (cfg->used)
        lbl_exit();
    cfg->used = false;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* lp, as the shell would find it on PATH. */
static bool find_lp(char *buf, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !path[0])
        return false;
    while (*path) {
        size_t n = strcspn(path, ":");
        int len = snprintf(buf, size, "%.*s/lp", (int)n, n ? path : ".");
        if (len > 0 && (size_t)len < size && access(buf, X_OK) == 0)
            return true;
        path += n;
        if (*path == ':')
            path++;
    }
    return false;
}

/* Starts `lp [-d PRINTER] -- FILE` without waiting for it: a child starts lp and ends at once,
 * so lp is nobody's child to wait for (init or the service manager reaps it). Its stdout (the
 * request id) goes to /dev/null, its stderr to the kiosk's (the journal). True if lp started. */
static bool start_lp(const char *lp, const char *printer, const char *file)
{
    char *argv[6];
    int n = 0;
    argv[n++] = (char *)"lp";
    if (printer[0]) {
        argv[n++] = (char *)"-d";
        argv[n++] = (char *)printer;
    }
    argv[n++] = (char *)"--";
    argv[n++] = (char *)file;
    argv[n] = NULL;
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    int pipefd[2] = {-1, -1}; /* closed by a successful exec: lp started */
    if (null < 0 || pipe(pipefd) != 0 || fcntl(pipefd[0], F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(pipefd[1], F_SETFD, FD_CLOEXEC) != 0) {
        inv_log(INV_LOG_WARNING, "label: cannot start %s: %s", lp, strerror(errno));
        for (int k = 0; k < 2; k++) {
            if (pipefd[k] >= 0)
                close(pipefd[k]);
        }
        if (null >= 0)
            close(null);
        return false;
    }
    pid_t child = fork();
    if (child == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            dup2(null, STDIN_FILENO);
            dup2(null, STDOUT_FILENO);
            for (int fd = STDERR_FILENO + 1; fd < 1024; fd++) { /* the database stays ours */
                if (fd != pipefd[1])
                    close(fd);
            }
            execv(lp, argv);
            int e = errno;
            (void)!write(pipefd[1], &e, sizeof e);
            _exit(127);
        }
        _exit(grandchild < 0 ? 1 : 0);
    }
    int e = errno;
    close(null);
    close(pipefd[1]);
    int status = 0;
    bool ok = child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0;
    if (ok) { /* the pipe closes at the exec (or says why it failed) */
        ssize_t got = read(pipefd[0], &e, sizeof e);
        ok = got == 0;
    }
    close(pipefd[0]);
    if (!ok)
        inv_log(INV_LOG_WARNING, "label: cannot start %s: %s", lp, strerror(e));
    return ok;
}

/* FOLDER/CODE-YYYYMMDDTHHMMSSZ.pdf (UTC): a new file for each label, so a file lp is still
 * reading is never written over; characters a file name should not have become '_'. */
static void file_name(const char *folder, const char *code, int64_t now, char *buf, size_t size)
{
    char safe[UI_CODE_MAX];
    size_t n = 0;
    for (const char *p = code; *p && n + 1 < sizeof safe; p++) {
        char c = *p;
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
        safe[n] = keep && !(n == 0 && c == '.') ? c : '_';
        n++;
    }
    safe[n] = '\0';
    time_t t = (time_t)now;
    struct tm tm;
    char stamp[32] = "";
    if (gmtime_r(&t, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(buf, size, "%s/%s-%s.pdf", folder, safe, stamp);
}
