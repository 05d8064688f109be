/* bua-admin label: barcode labels for items, cards and shelves as a PDF to print on a label sheet
 * or a roll (the labels module draws them). Each code is looked up first: an item's label
 * carries its name and the centre; a card's says only "Lånekort" (or "Personalkort") and the
 * centre, never the holder's name, so a lost card tells a finder nothing about its owner; a
 * shelf's carries its zone code. Nothing is written unless every code can be a label. */
#include "adm.h"
#include "inv_paths.h"
#include "labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The texts printed on the labels: Norwegian, the centres' language. */
#define CARD_BORROWER "Lånekort"
#define CARD_STAFF "Personalkort"
#define CENTRE_DEFAULT "BUA"

typedef enum Kind { KIND_ITEM, KIND_CARD, KIND_ZONE } Kind;

typedef struct Texts {
    char title[INV_NAME_MAX];
} Texts;

static int centre_name(AdmCtx *ctx, const char *opt, char *buf, size_t size);
static int look_up(AdmCtx *ctx, Kind kind, const char *code, Texts *t);

int adm_cmd_label(AdmCtx *ctx, int argc, char **argv)
{
    const char *out = NULL;
    const char *sheet_name = NULL;
    const char *sym_name = NULL;
    const char *start_text = NULL;
    const char *centre_opt = NULL;
    const AdmOpt opts[] = {{"--out", &out, NULL},
                           {"--sheet", &sheet_name, NULL},
                           {"--symbology", &sym_name, NULL},
                           {"--start", &start_text, NULL},
                           {"--centre", &centre_opt, NULL}};
    size_t n_pos = 0;
    char msg[ADM_PATH_MAX + 256] = "";
    char centre[INV_NAME_MAX] = "";

    int rc = adm_parse("label", argc, argv, opts, sizeof opts / sizeof opts[0], &n_pos);
    if (rc == ADM_EXIT_OK)
        rc = adm_want_args("label", n_pos, 2, (size_t)argc, "item|card|zone and a CODE", argv);
    if (rc != ADM_EXIT_OK)
        return rc;
    Kind kind = KIND_ITEM;
    if (strcmp(argv[0], "card") == 0) {
        kind = KIND_CARD;
    } else if (strcmp(argv[0], "zone") == 0) {
        kind = KIND_ZONE;
    } else if (strcmp(argv[0], "item") != 0) {
        return adm_usage("unknown label kind '%s': use item, card or zone", argv[0]);
    }
    if (out == NULL || out[0] == '\0')
        return adm_usage("label needs --out FILE.pdf");
    if (sheet_name == NULL)
        sheet_name = "a4-3x8";
    if (sym_name == NULL)
        sym_name = "code128";
    const LblSheet *sheet = lbl_sheet_find(sheet_name);
    if (sheet == NULL)
        return adm_usage("unknown --sheet '%s': use %s", sheet_name, lbl_sheet_names());
    LblSymbology sym = LBL_CODE128;
    if (!lbl_symbology_parse(sym_name, &sym))
        return adm_usage("unknown --symbology '%s': use code128 or datamatrix", sym_name);
    int per = sheet->cols * sheet->rows;
    int start = 1;
    if (start_text != NULL && (rc = adm_parse_int("--start", start_text, 1, per, &start)) != 0)
        return rc;
    /* every code must be able to be a label before the store is asked about any */
    for (size_t i = 1; i < n_pos; i++) {
        if (lbl_check(sheet, sym, argv[i], msg, sizeof msg) != LBL_OK)
            return adm_fail("%s", msg);
    }
    if ((rc = adm_open(ctx)) != ADM_EXIT_OK)
        return rc;
    if ((rc = centre_name(ctx, centre_opt, centre, sizeof centre)) != ADM_EXIT_OK)
        return rc;
    size_t n = n_pos - 1;
    LblLabel *labels = calloc(n, sizeof *labels);
    Texts *texts = calloc(n, sizeof *texts);
    if (labels == NULL || texts == NULL) {
        rc = adm_fail("cannot make %zu labels: out of memory", n);
        goto out_free;
    }
    for (size_t i = 0; i < n; i++) {
        rc = look_up(ctx, kind, argv[i + 1], &texts[i]);
        if (rc != ADM_EXIT_OK)
            goto out_free;
        labels[i] = (LblLabel){argv[i + 1], texts[i].title, centre};
    }
    LblJob job = {sheet, sym, start, labels, n};
    if (lbl_write_pdf(&job, out, msg, sizeof msg) != LBL_OK) {
        rc = adm_fail("%s", msg);
        goto out_free;
    }
    int pages = lbl_pages(&job);
    printf("wrote %zu label%s on %d page%s (%s, %s) to %s\n", n, n == 1 ? "" : "s", pages,
           pages == 1 ? "" : "s", sheet->name, sym == LBL_CODE128 ? "Code 128" : "Data Matrix",
           out);
out_free:
    free(texts);
    free(labels);
    lbl_exit(); /* bua-admin runs one command: no label follows */
    return rc;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* The centre's name on every label: --centre, else centre_name in [kiosk] of the settings (as
 * the kiosk's start screen shows it), else "BUA". */
static int centre_name(AdmCtx *ctx, const char *opt, char *buf, size_t size)
{
    if (opt != NULL)
        return adm_field(buf, size, "--centre", opt);
    char msg[ADM_PATH_MAX + 64] = "";
    adm_copy(buf, size, CENTRE_DEFAULT);
    if (ctx->config[0] != '\0' &&
        inv_paths_config_get(ctx->config, "kiosk", "centre_name", buf, size, msg, sizeof msg) < 0)
        return adm_fail("%s", msg);
    if (buf[0] == '\0')
        adm_copy(buf, size, CENTRE_DEFAULT);
    return ADM_EXIT_OK;
}

/* The title under `code`: an item's name, what kind of card it is, or the zone itself. */
static int look_up(AdmCtx *ctx, Kind kind, const char *code, Texts *t)
{
    if (kind == KIND_ZONE) { /* a stocktake takes an item's barcode for the item, not a shelf */
        InvItem it;
        int err = inv_item_get(ctx->db, code, &it);
        if (err == INV_OK)
            return adm_fail("zone %s is the barcode of item %s: a shelf needs a code of its own",
                            code, ADM_ESC(it.name));
        if (err != INV_E_UNKNOWN_ITEM)
            return adm_fail_inv(ctx, err, "cannot look up the zone");
        adm_copy(t->title, sizeof t->title, code);
        return ADM_EXIT_OK;
    }
    if (kind == KIND_ITEM) {
        InvItem it;
        int err = inv_item_get(ctx->db, code, &it);
        if (err == INV_E_UNKNOWN_ITEM)
            return adm_fail("unknown item barcode %s: no label made", code);
        if (err != INV_OK)
            return adm_fail_inv(ctx, err, "cannot look up the item");
        adm_copy(t->title, sizeof t->title, it.name);
        return ADM_EXIT_OK;
    }
    InvBorrower b;
    int err = inv_borrower_get(ctx->db, code, &b);
    if (err == INV_OK) {
        adm_copy(t->title, sizeof t->title, CARD_BORROWER);
        return ADM_EXIT_OK;
    }
    if (err != INV_E_UNKNOWN_BORROWER)
        return adm_fail_inv(ctx, err, "cannot look up the card");
    InvStaff s;
    err = inv_staff_get(ctx->db, code, &s);
    if (err == INV_OK) {
        adm_copy(t->title, sizeof t->title, CARD_STAFF);
        return ADM_EXIT_OK;
    }
    if (err == INV_E_NOT_FOUND)
        return adm_fail("unknown card %s: no borrower or staff member has it; no label made", code);
    return adm_fail_inv(ctx, err, "cannot look up the card");
}
