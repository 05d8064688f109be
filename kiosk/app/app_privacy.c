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
static void value_text(const InvField *f, char *buf, size_t size);

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
        if (err == INV_E_HAS_LOANS)
            app_copy(ev->h.detail, sizeof ev->h.detail, inv_errmsg(app->db));
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
 * no zeros: bua-admin borrower export shows every column). */
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
            value_text(&fields[i], value, sizeof value);
            if (!value[0] || strcmp(value, "0") == 0)
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
        value_text(&fields[i], value, sizeof value);
        if (!value[0] || strcmp(value, "0") == 0)
            continue;
        int k = snprintf(line.text + used, sizeof line.text - used, "%s%s %s", used ? ", " : "",
                         fields[i].name, value);
        used = k > 0 ? used + (size_t)k : used;
    }
    add(g, &line);
    return 0;
}

static void value_text(const InvField *f, char *buf, size_t size)
{
    buf[0] = '\0';
    if (f->null)
        return;
    if (f->is_time)
        inv_time_format(f->i, false, buf, size);
    else if (f->is_int)
        snprintf(buf, size, "%lld", (long long)f->i);
    else
        app_copy(buf, size, f->text);
}
