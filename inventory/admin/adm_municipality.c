/* A borrower's municipality from the command line (borrower add/set --municipality): checked
 * against the centre's list in the settings file, `[centre] municipalities = Hamar, Stange, …`
 * (comma-separated; the kiosk's registration offers the same list). With no list any name is
 * taken; with one, the name must be on it (case does not matter) and is stored as the list
 * spells it, so the yearly figures group one municipality under one name. */
#include "adm.h"
#include "inv_paths.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define LIST_MAX 2048

static bool same_name(const char *a, size_t na, const char *b);

int adm_municipality(AdmCtx *ctx, const char *value, char *out, size_t size)
{
    char list[LIST_MAX] = "";
    char msg[ADM_PATH_MAX + 128] = "";

    if (value[0] == '\0') { /* "" clears it: not given */
        out[0] = '\0';
        return ADM_EXIT_OK;
    }
    int found = 0;
    if (ctx->config[0] != '\0') {
        found = inv_paths_config_get(ctx->config, "centre", "municipalities", list, sizeof list,
                                     msg, sizeof msg);
    }
    if (found < 0) {
        return adm_fail("%s", msg);
    }
    if (found == 0 || list[0] == '\0') {
        return adm_field(out, size, "--municipality", value);
    }
    for (const char *p = list; *p != '\0';) {
        while (*p == ' ' || *p == '\t' || *p == ',') {
            p++;
        }
        size_t n = strcspn(p, ",");
        size_t len = n;
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) {
            len--;
        }
        if (len > 0 && same_name(p, len, value)) {
            if (len >= size) {
                return adm_usage("invalid --municipality: longer than %zu bytes", size - 1);
            }
            memcpy(out, p, len);
            out[len] = '\0';
            return ADM_EXIT_OK;
        }
        p += n;
    }
    return adm_usage("invalid --municipality '%s': not in the centre's list (%s, [centre] "
                     "municipalities): %s",
                     value, ctx->config, list);
}

/* a (na bytes) and b are the same name, ASCII letters in any case (æøå as written) */
static bool same_name(const char *a, size_t na, const char *b)
{
    if (strlen(b) != na) {
        return false;
    }
    for (size_t i = 0; i < na; i++) {
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) {
            return false;
        }
    }
    return true;
}
