/* The terms a borrower accepts: `terms show`, and the current version that `borrower add
 * --consent` records (adm_people.c). */
#include "adm.h"
#include "inv_paths.h"

#include <stdio.h>
#include <string.h>

static int load_terms(AdmCtx *ctx, InvTerms terms[2]);

int adm_cmd_terms(AdmCtx *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "show") != 0) {
        return adm_usage(argc < 2 ? "terms needs a subcommand: show"
                                  : "unknown subcommand 'terms %s' (use show)",
                         argc < 2 ? "" : argv[1]);
    }
    const char *lang = NULL;
    const AdmOpt opts[] = {{"--lang", &lang, NULL}};
    size_t n_pos = 0;
    int rc = adm_parse("terms show", argc - 1, argv + 1, opts, 1, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("terms show", n_pos, 0, 0, "", argv + 1);
    }
    if (rc == ADM_EXIT_OK && lang != NULL && strcmp(lang, "nb") != 0 && strcmp(lang, "en") != 0) {
        rc = adm_usage("invalid --lang %s: nb or en", lang);
    }
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    static InvTerms terms[2];
    rc = load_terms(ctx, terms);
    if (rc != ADM_EXIT_OK) {
        return rc;
    }
    const InvTerms *t = &terms[lang != NULL && strcmp(lang, "en") == 0 ? 1 : 0];
    printf("version: %s\n\n%s\n", t->version, t->text);
    return ADM_EXIT_OK;
}

int adm_terms_version(AdmCtx *ctx, char *buf, size_t size)
{
    static InvTerms terms[2];
    int rc = load_terms(ctx, terms);
    if (rc == ADM_EXIT_OK) {
        snprintf(buf, size, "%s", terms[0].version);
    }
    return rc;
}

/* Both languages from the terms folder ([centre] terms of the settings, else DATA/terms). */
static int load_terms(AdmCtx *ctx, InvTerms terms[2])
{
    char data[INV_PATH_MAX] = "";
    char dir[INV_PATH_MAX] = "";
    char msg[INV_PATH_MAX + 256] = "";
    if (inv_paths_data(NULL, data, sizeof data) != 0) {
        return adm_fail("cannot find the terms: the data folder's path is too long");
    }
    if (inv_terms_dir(ctx->config[0] != '\0' ? ctx->config : NULL, data, dir, sizeof dir, msg,
                      sizeof msg) != 0 ||
        inv_terms_load_all(dir, terms, msg, sizeof msg) != 0) {
        return adm_fail("%s", msg);
    }
    return ADM_EXIT_OK;
}
