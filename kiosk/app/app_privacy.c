/* The app's part of personal data: staff open a borrower's details (logged in the store's access
 * log), see everything stored about them (the store's export, as lines of text), and a leader
 * erases a person. Each effect is one store call; the answer goes back as events (app_fx.c). */
#include "app.h"
#include "inv_paths.h"

#include <stdio.h>
#include <string.h>

/* The export as lines, gathered first: the count goes first, then the lines in parts. */
typedef struct ExportGather {
    int n;
    int total;
    UiExportLine line[UI_EXPORT_MAX];
} ExportGather;

static void export_lines(App *app, const UiFxAccess *r);
static void add(ExportGather *g, const UiExportLine *line);
static void close_section(ExportGather *g);
static int on_export(const char *section, const InvField *fields, size_t n, void *ctx);
static void value_text(const InvField *f, bool date_only, char *buf, size_t size);
static bool is_key(const char *name);
static int on_open(const InvLoanLine *line, void *ctx);

void app_privacy_perform(App *app, const UiFx *fx)
{
    int64_t now = app_now(app);
    switch (fx->kind) {
    case UI_FX_ACCESS_LOG: {
        int err = inv_access_log(app->db, fx->access_log.borrower_id, fx->access_log.staff_id,
                                 "kiosk person", now);
        if (err != INV_OK) /* nothing to show the staff: the details are open already */
            inv_log(INV_LOG_ERR, "cannot log the access: %s", inv_errmsg(app->db));
        return;
    }
    case UI_FX_EXPORT:
        export_lines(app, &fx->export_data);
        return;
    case UI_FX_ERASE: {
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        ev->of = UI_FX_ERASE;
        app_copy(ev->code, sizeof ev->code, fx->erase.card);
        InvErased r = {0};
        /* the store checks that staff_id is a leader's, and records who erased */
        int err = inv_borrower_erase(app->db, fx->erase.card, fx->erase.staff_id, now, &r);
        ev->h.result = app_map_err(app, err, &ev->h);
        InvBorrower b;
        if (err == INV_E_HAS_LOANS && inv_borrower_get(app->db, fx->erase.card, &b) == INV_OK)
            inv_borrower_each_open(app->db, b.id, true, now, on_open, &ev->h); /* which items */
        if (err == INV_OK && !r.log_cleared)
            inv_log(INV_LOG_WARNING, "%s", inv_errmsg(app->db));
        return;
    }
    default:
        return;
    }
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void export_lines(App *app, const UiFxAccess *r)
{
    static ExportGather g; /* static: the app is single-threaded, and the stack stays small */
    memset(&g, 0, sizeof g);
    UiEvExport *ev = &app_push(app, UI_EV_EXPORT)->export_info;
    ev->borrower_id = r->borrower_id;
    InvBorrower b;
    int err = inv_borrower_get_id(app->db, r->borrower_id, &b);
    if (err == INV_OK)
        err = inv_access_log(app->db, b.id, r->staff_id, "kiosk export", app_now(app));
    if (err == INV_OK)
        err = inv_borrower_export(app->db, b.card, on_export, &g, NULL);
    if (err == INV_OK)
        close_section(&g);
    ev->h.result = app_map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    ev->n = g.n;
    ev->total = g.total;
    for (int i = 0; i < g.n; i += UI_EV_EXPORT_PART_MAX) {
        UiEvExportPart *p = &app_push(app, UI_EV_EXPORT_PART)->export_part;
        p->first = i;
        for (int k = i; k < g.n && p->n < UI_EV_EXPORT_PART_MAX; k++)
            p->line[p->n++] = g.line[k];
    }
}

/* Counts a line, and keeps it while there is room. */
static void add(ExportGather *g, const UiExportLine *line)
{
    g->total++;
    if (g->n < UI_EXPORT_MAX)
        g->line[g->n++] = *line;
}

/* A section whose heading is the last line had no rows: one empty line ("nothing"). */
static void close_section(ExportGather *g)
{
    if (g->total > 0 && g->n > 0 && g->n == g->total && g->line[g->n - 1].head) {
        UiExportLine none;
        memset(&none, 0, sizeof none);
        app_copy(none.section, sizeof none.section, g->line[g->n - 1].section);
        add(g, &none);
    }
}

/* A heading per section, then a line per field of the person ("field: value"), or per row of
 * the others ("field value" apart by commas); only values that say something (no empty ones,
 * no zeros, no row keys: bua-admin borrower export shows every column). */
static int on_export(const char *section, const InvField *fields, size_t n, void *ctx)
{
    ExportGather *g = ctx;
    UiExportLine line;
    memset(&line, 0, sizeof line);
    app_copy(line.section, sizeof line.section, section);
    char value[UI_TEXT_MAX];
    if (fields == NULL) {
        close_section(g);
        line.head = true;
        add(g, &line);
        return 0;
    }
    if (strcmp(section, "person") == 0) {
        for (size_t i = 0; i < n; i++) {
            value_text(&fields[i], false, value, sizeof value);
            if (!value[0] || strcmp(value, "0") == 0 || is_key(fields[i].name))
                continue;
            int k = snprintf(line.text, sizeof line.text, "%s: %s", fields[i].name, value);
            if (k < 0)
                continue;
            add(g, &line);
        }
        return 0;
    }
    size_t used = 0;
    for (size_t i = 0; i < n && used + 1 < sizeof line.text; i++) {
        /* dates are enough in a row, but for when someone looked or changed something */
        value_text(&fields[i], strcmp(fields[i].name, "at") != 0, value, sizeof value);
        if (!value[0] || strcmp(value, "0") == 0 || is_key(fields[i].name))
            continue;
        int k = snprintf(line.text + used, sizeof line.text - used, "%s%s %s", used ? ", " : "",
                         fields[i].name, value);
        used = k > 0 ? used + (size_t)k : used;
    }
    add(g, &line);
    return 0;
}

static void value_text(const InvField *f, bool date_only, char *buf, size_t size)
{
    buf[0] = '\0';
    if (f->null)
        return;
    if (f->is_time)
        inv_time_format(f->i, date_only, buf, size);
    else if (f->is_int)
        snprintf(buf, size, "%lld", (long long)f->i);
    else
        app_copy(buf, size, f->text);
}

/* The store's row keys, which say nothing to staff (bua-admin borrower export shows them). */
static bool is_key(const char *name)
{
    return strcmp(name, "id") == 0 || strcmp(name, "centre_id") == 0 || strcmp(name, "loan") == 0;
}

/* The barcodes still on loan, into the refusal's detail: "TELT-0002, SKI-0001". */
static int on_open(const InvLoanLine *line, void *ctx)
{
    UiEvHead *h = ctx;
    size_t used = strlen(h->detail);
    int k = snprintf(h->detail + used, sizeof h->detail - used, "%s%s", used ? ", " : "",
                     line->barcode);
    return k < 0 || (size_t)k >= sizeof h->detail - used; /* full: stop */
}
