/* Option parsing, number parsing and the message and table helpers of bua-admin. */
#include "adm.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int adm_parse(const char *cmd, int argc, char **argv, const AdmOpt *opts, size_t n_opts,
              size_t *n_pos)
{
    size_t n = 0;
    bool options_done = false;

    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            argv[n++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = true;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t name_len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
        const AdmOpt *opt = NULL;
        for (size_t k = 0; k < n_opts; k++) {
            if (strlen(opts[k].name) == name_len && strncmp(opts[k].name, arg, name_len) == 0) {
                opt = &opts[k];
                break;
            }
        }
        if (opt == NULL) {
            return adm_usage("unknown option %.*s for %s (see bua-admin --help)", (int)name_len,
                             arg, cmd);
        }
        if (opt->value == NULL) {
            if (eq != NULL) {
                return adm_usage("option %s of %s takes no value", opt->name, cmd);
            }
            *opt->flag = true;
            continue;
        }
        const char *value = NULL;
        if (eq != NULL) {
            value = eq + 1;
        } else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
            value = argv[++i];
        } else {
            return adm_usage("option %s of %s needs a value", opt->name, cmd);
        }
        if (*opt->value != NULL) {
            return adm_usage("option %s of %s is given twice", opt->name, cmd);
        }
        *opt->value = value;
    }
    *n_pos = n;
    return ADM_EXIT_OK;
}

int adm_want_args(const char *cmd, size_t n_pos, size_t min, size_t max, const char *what,
                  char **pos)
{
    if (n_pos < min) {
        return adm_usage("%s needs %s (see bua-admin --help)", cmd, what);
    }
    if (n_pos > max) {
        return adm_usage("too many arguments for %s: %s", cmd, pos[max]);
    }
    return ADM_EXIT_OK;
}

int adm_parse_id(const char *what, const char *printer, const char *text, int64_t *out)
{
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end != '\0' || v < 1 || v == LLONG_MAX) {
        return adm_usage("invalid %s ID '%s': use the number %s printed", what, text, printer);
    }
    *out = (int64_t)v;
    return ADM_EXIT_OK;
}

int adm_parse_int(const char *what, const char *text, long min, long max, int *out)
{
    const char *p = text;
    if (*p == '+' || *p == '-') {
        p++;
    }
    if (*p < '0' || *p > '9') {
        return adm_usage("invalid %s '%s': not a whole number", what, text);
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (*end != '\0') {
        return adm_usage("invalid %s '%s': not a whole number", what, text);
    }
    if (errno == ERANGE || v < min || v > max) {
        return adm_usage("invalid %s %s: out of range (%ld to %ld)", what, text, min, max);
    }
    *out = (int)v;
    return ADM_EXIT_OK;
}

bool adm_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return false;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return true;
        }
    }
    return false;
}

static void verr(const char *fmt, va_list ap) ADM_PRINTF(1, 0);

static void verr(const char *fmt, va_list ap)
{
    fputs("bua-admin: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void adm_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verr(fmt, ap);
    va_end(ap);
}

int adm_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verr(fmt, ap);
    va_end(ap);
    return ADM_EXIT_USAGE;
}

int adm_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verr(fmt, ap);
    va_end(ap);
    return ADM_EXIT_FAIL;
}

int adm_fail_inv(AdmCtx *ctx, int err, const char *what)
{
    const char *detail = ctx->db != NULL ? inv_errmsg(ctx->db) : NULL;
    if (detail == NULL || detail[0] == '\0') {
        detail = inv_strerror(err);
    }
    if (strncmp(detail, "cannot ", 7) == 0) {
        return adm_fail("%s", detail); /* says already what failed */
    }
    return adm_fail("%s: %s", what, detail);
}

void adm_cell(const char *raw, int width)
{
    char esc[ADM_ESC_MAX];
    const char *s = adm_esc(esc, sizeof(esc), raw);
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p & 0xC0) != 0x80) {
            chars++;
        }
    }
    fputs(s, stdout);
    for (; chars < width; chars++) {
        fputc(' ', stdout);
    }
    fputc(' ', stdout);
}

void adm_time(int64_t t, bool date_only, char *buf, size_t size)
{
    if (t == 0) {
        adm_copy(buf, size, "-");
        return;
    }
    inv_time_format(t, date_only, buf, size);
}

const char *adm_errno_text(int err)
{
    switch (err) {
    case ENOENT:
        return "no such file";
    case EACCES:
    case EPERM:
        return "permission denied";
    case EISDIR:
        return "is a folder";
    case ENOTDIR:
        return "a part of the path is not a folder";
    case ENOSPC:
        return "no space left on the device";
    case EROFS:
        return "read-only file system";
    case EEXIST:
        return "it exists already";
    default:
        return "cannot read or write it";
    }
}

bool adm_copy(char *dst, size_t size, const char *src)
{
    size_t len = strlen(src);
    if (len >= size) {
        memcpy(dst, src, size - 1);
        dst[size - 1] = '\0';
        return false;
    }
    memcpy(dst, src, len + 1);
    return true;
}

int adm_field(char *dst, size_t size, const char *what, const char *value)
{
    if (strlen(value) >= size) {
        return adm_usage("invalid %s: longer than %zu bytes", what, size - 1);
    }
    memcpy(dst, value, strlen(value) + 1);
    return ADM_EXIT_OK;
}
