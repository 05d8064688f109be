/* The annual report as an A4 PDF (bua-admin report --pdf FILE), drawn with cairo in DejaVu Sans
 * from the fonts folder (the build tree's assets, else Debian's fonts-dejavu-core): the title,
 * every row of the block as the text report prints it ("13 334 (14 836)"), a bar chart per
 * month and one per category with last year's bar beside this year's (two shades, a legend).
 * Elements flow down the page and a new page starts where one would not fit: one page for a
 * small block, two with the categories, more only if a block grows long. */
#include "adm_report.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include "inv_paths.h"

#include <stdio.h>
#include <string.h>

/* A4 in points, margins, and the look: calm, high contrast, two shades of the kiosk's blue */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.0
#define BOTTOM (PAGE_H - 64.0)
#define ROW_H 15.5
#define TEXT_PT 10.0
#define SMALL_PT 8.0
#define HEAD_PT 12.5
#define TITLE_PT 20.0
#define VALUE_X 420.0 /* this year's value ends here; last year's in brackets follows */
#define MONTH_CHART_H 220.0
#define CAT_ROW_H 22.0
#define CATS_MAX 16 /* categories drawn; the rest summed as one row */

typedef struct Rgb {
    double r, g, b;
} Rgb;

static const Rgb ink = {0.11, 0.11, 0.11};
static const Rgb muted = {0.33, 0.35, 0.36};
static const Rgb rule = {0.80, 0.82, 0.83};
static const Rgb shade_now = {0.12, 0.44, 0.55};  /* #1F6F8B: this year */
static const Rgb shade_last = {0.66, 0.78, 0.83}; /* a light tint of it: last year */

typedef struct Pdf {
    cairo_t *cr;
    cairo_font_face_t *regular;
    cairo_font_face_t *bold;
    double y;
    int page;
    const AdmReport *r;
    char footer[256];
} Pdf;

static int open_fonts(FT_Library *ft, FT_Face *faces, cairo_font_face_t **regular,
                      cairo_font_face_t **bold);
static void need(Pdf *p, double h);
static void footer(Pdf *p);
static void text(Pdf *p, double x, double y, cairo_font_face_t *face, double pt, Rgb c,
                 const char *s);
static double text_w(Pdf *p, cairo_font_face_t *face, double pt, const char *s);
static void rect(Pdf *p, double x, double y, double w, double h, Rgb c);
static void draw_rows(Pdf *p);
static void draw_months(Pdf *p);
static void draw_categories(Pdf *p);
static void legend(Pdf *p, double right, double y);
static int64_t nice_max(int64_t max);

int adm_report_pdf(AdmCtx *ctx, const AdmReport *r, const char *path)
{
    FT_Library ft = NULL;
    FT_Face faces[2] = {NULL, NULL};
    Pdf p;
    memset(&p, 0, sizeof(p));
    p.r = r;
    if (open_fonts(&ft, faces, &p.regular, &p.bold) != 0) {
        return ADM_EXIT_FAIL;
    }
    int rc = ADM_EXIT_OK;
    cairo_surface_t *s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        rc = adm_fail("cannot write %s: %s", path, cairo_status_to_string(cairo_surface_status(s)));
        goto out_surface;
    }
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "bua-admin");

    /* the centre's name from the settings file, when it gives one */
    char centre[INV_NAME_MAX] = "";
    char msg[ADM_PATH_MAX + 128] = "";
    if (ctx->config[0] != '\0' && inv_paths_config_get(ctx->config, "kiosk", "centre_name", centre,
                                                       sizeof centre, msg, sizeof msg) < 0) {
        centre[0] = '\0';
    }
    char title[INV_NAME_MAX + 64];
    const char *word = adm_word(r->lang, ADM_WORD_TITLE);
    if (r->title != NULL) {
        adm_copy(title, sizeof title, r->title);
    } else if (centre[0] != '\0') {
        snprintf(title, sizeof title, "%s %d – %s", word, r->cur.year, centre);
    } else {
        snprintf(title, sizeof title, "%s %d – BUA", word, r->cur.year);
    }
    char made[32] = "";
    adm_time(ctx->now, true, made, sizeof made);
    snprintf(p.footer, sizeof p.footer, "%s · bua-admin · %s", title, made);

    p.cr = cairo_create(s);
    p.page = 1;
    p.y = MARGIN;
    text(&p, MARGIN, p.y + TITLE_PT, p.bold, TITLE_PT, ink, title);
    p.y += TITLE_PT + 10;
    if (r->prev.has_data) {
        char sub[64];
        snprintf(sub, sizeof sub, "%s: %d", adm_word(r->lang, ADM_WORD_BRACKETS), r->prev.year);
        text(&p, MARGIN, p.y + TEXT_PT, p.regular, TEXT_PT, muted, sub);
        p.y += TEXT_PT + 8;
    }
    p.y += 8;
    draw_rows(&p);
    if (!r->figures_only) {
        draw_months(&p);
        draw_categories(&p);
    }
    footer(&p);
    cairo_show_page(p.cr);
    cairo_status_t st = cairo_status(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) {
        st = cairo_surface_status(s);
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        rc = adm_fail("cannot write %s: %s", path, cairo_status_to_string(st));
    }
out_surface:
    cairo_surface_destroy(s);
    cairo_font_face_destroy(p.regular);
    cairo_font_face_destroy(p.bold);
    FT_Done_Face(faces[0]);
    FT_Done_Face(faces[1]);
    FT_Done_FreeType(ft);
    return rc;
}

/* DejaVu Sans and its bold from the fonts folder; a message naming the file if one is missing */
static int open_fonts(FT_Library *ft, FT_Face *faces, cairo_font_face_t **regular,
                      cairo_font_face_t **bold)
{
    char data[INV_PATH_MAX] = "";
    char dir[INV_PATH_MAX] = "";
    static const char *const names[2] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};
    if (inv_paths_data(NULL, data, sizeof data) != 0 ||
        inv_paths_fonts(data, dir, sizeof dir) != 0) {
        adm_fail("cannot find the fonts: a path is too long");
        return -1;
    }
    if (FT_Init_FreeType(ft) != 0) {
        adm_fail("cannot start FreeType for the PDF's fonts");
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        char path[INV_PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (FT_New_Face(*ft, path, 0, &faces[i]) != 0) {
            adm_fail("cannot read the font %s (Debian: fonts-dejavu-core)", path);
            return -1;
        }
    }
    *regular = cairo_ft_font_face_create_for_ft_face(faces[0], 0);
    *bold = cairo_ft_font_face_create_for_ft_face(faces[1], 0);
    return 0;
}

/* a new page if h more points do not fit on this one */
static void need(Pdf *p, double h)
{
    if (p->y + h <= BOTTOM) {
        return;
    }
    footer(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN;
}

static void footer(Pdf *p)
{
    char page[32];
    snprintf(page, sizeof page, "%d", p->page);
    text(p, MARGIN, PAGE_H - 36, p->regular, SMALL_PT, muted, p->footer);
    text(p, PAGE_W - MARGIN - text_w(p, p->regular, SMALL_PT, page), PAGE_H - 36, p->regular,
         SMALL_PT, muted, page);
}

static void text(Pdf *p, double x, double y, cairo_font_face_t *face, double pt, Rgb c,
                 const char *s)
{
    cairo_set_font_face(p->cr, face);
    cairo_set_font_size(p->cr, pt);
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
    cairo_move_to(p->cr, x, y);
    cairo_show_text(p->cr, s);
}

static double text_w(Pdf *p, cairo_font_face_t *face, double pt, const char *s)
{
    cairo_text_extents_t e;
    cairo_set_font_face(p->cr, face);
    cairo_set_font_size(p->cr, pt);
    cairo_text_extents(p->cr, s, &e);
    return e.x_advance;
}

static void rect(Pdf *p, double x, double y, double w, double h, Rgb c)
{
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_fill(p->cr);
}

/* every row: the label, this year's value in bold ending at VALUE_X, last year's in brackets */
static void draw_rows(Pdf *p)
{
    const AdmReport *r = p->r;
    for (size_t i = 0; i < r->n_rows; i++) {
        const AdmRow *row = &r->rows[i];
        const char *heading =
            row->group[0] != '\0' ? row->group : adm_section_heading(row->section, r->lang);
        bool first = i == 0 || r->rows[i - 1].section != row->section ||
                     strcmp(r->rows[i - 1].group, row->group) != 0;
        if (heading[0] != '\0' && first) {
            need(p, 14 + HEAD_PT + 6 + ROW_H);
            p->y += 14;
            text(p, MARGIN, p->y + HEAD_PT, p->bold, HEAD_PT, ink, heading);
            p->y += HEAD_PT + 6;
        }
        need(p, ROW_H);
        double base = p->y + TEXT_PT + 2;
        double indent = heading[0] != '\0' ? 12 : 0;
        text(p, MARGIN + indent, base, p->regular, TEXT_PT, ink, row->label);
        char now[64];
        char last[80];
        adm_report_value(r, row->format, row->now, now, sizeof now);
        if (row->unit[0] != '\0') {
            size_t n = strlen(now);
            snprintf(now + n, sizeof now - n, " %s", row->unit);
        }
        text(p, VALUE_X - text_w(p, p->bold, TEXT_PT, now), base, p->bold, TEXT_PT, ink, now);
        if (row->has_last) {
            char v[64];
            adm_report_value(r, row->format, row->last, v, sizeof v);
            snprintf(last, sizeof last, " (%s)", v);
            text(p, VALUE_X, base, p->regular, TEXT_PT, muted, last);
        }
        cairo_set_source_rgb(p->cr, rule.r, rule.g, rule.b);
        cairo_set_line_width(p->cr, 0.4);
        cairo_move_to(p->cr, MARGIN + indent, p->y + ROW_H - 0.5);
        cairo_line_to(p->cr, PAGE_W - MARGIN, p->y + ROW_H - 0.5);
        cairo_stroke(p->cr);
        p->y += ROW_H;
    }
}

/* two squares and the years, ending at `right` */
static void legend(Pdf *p, double right, double y)
{
    char a[16];
    char b[16];
    snprintf(a, sizeof a, "%d", p->r->cur.year);
    snprintf(b, sizeof b, "%d", p->r->prev.year);
    double x = right - text_w(p, p->regular, SMALL_PT, a);
    text(p, x, y + 8, p->regular, SMALL_PT, ink, a);
    rect(p, x - 13, y, 9, 9, shade_now);
    if (!p->r->prev.has_data) {
        return;
    }
    x -= 22 + text_w(p, p->regular, SMALL_PT, b);
    text(p, x, y + 8, p->regular, SMALL_PT, ink, b);
    rect(p, x - 13, y, 9, 9, shade_last);
}

/* a round top for an axis: 1, 2 or 5 times a power of ten, at least max */
static int64_t nice_max(int64_t max)
{
    int64_t step = 1;
    while (step * 10 < max) {
        step *= 10;
    }
    static const int mul[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++) {
        if (step * mul[i] >= max) {
            return step * mul[i];
        }
    }
    return step * 10;
}

/* items lent per month: pairs of bars, last year's (light) left of this year's */
static void draw_months(Pdf *p)
{
    const AdmReport *r = p->r;
    bool last = r->prev.has_data;
    need(p, 20 + HEAD_PT + MONTH_CHART_H);
    p->y += 20;
    text(p, MARGIN, p->y + HEAD_PT, p->bold, HEAD_PT, ink, adm_word(r->lang, ADM_WORD_CHART_MONTH));
    legend(p, PAGE_W - MARGIN, p->y + 2);
    p->y += HEAD_PT + 12;

    int64_t max = 1;
    for (int m = 0; m < 12; m++) {
        max = r->cur.month[m].items_lent > max ? r->cur.month[m].items_lent : max;
        if (last && r->prev.month[m].items_lent > max) {
            max = r->prev.month[m].items_lent;
        }
    }
    max = nice_max(max);
    double axis_w = 40;
    double x0 = MARGIN + axis_w;
    double w = PAGE_W - MARGIN - x0;
    double h = MONTH_CHART_H - HEAD_PT - 40;
    double top = p->y;
    double base = top + h;
    /* grid: 0, half and the top, grouped digits */
    for (int g = 0; g <= 2; g++) {
        double gy = base - h * g / 2.0;
        char v[32];
        adm_group(max * g / 2, v, sizeof v);
        text(p, x0 - 6 - text_w(p, p->regular, SMALL_PT, v), gy + 3, p->regular, SMALL_PT, muted,
             v);
        cairo_set_source_rgb(p->cr, rule.r, rule.g, rule.b);
        cairo_set_line_width(p->cr, g == 0 ? 0.8 : 0.4);
        cairo_move_to(p->cr, x0, gy);
        cairo_line_to(p->cr, x0 + w, gy);
        cairo_stroke(p->cr);
    }
    double slot = w / 12;
    double bw = last ? slot * 0.34 : slot * 0.5;
    for (int m = 0; m < 12; m++) {
        double sx = x0 + m * slot;
        double now_h = h * (double)r->cur.month[m].items_lent / (double)max;
        if (last) {
            double last_h = h * (double)r->prev.month[m].items_lent / (double)max;
            rect(p, sx + slot * 0.14, base - last_h, bw, last_h, shade_last);
            rect(p, sx + slot * 0.14 + bw + 1, base - now_h, bw, now_h, shade_now);
        } else {
            rect(p, sx + slot * 0.25, base - now_h, bw, now_h, shade_now);
        }
        char name[16];
        snprintf(name, sizeof name, "%.3s", adm_month_name(r->lang, m + 1));
        text(p, sx + (slot - text_w(p, p->regular, SMALL_PT, name)) / 2, base + 12, p->regular,
             SMALL_PT, muted, name);
    }
    p->y = base + 24;
}

/* items lent per category, most lent first: this year's bar over last year's, values after */
static void draw_categories(Pdf *p)
{
    const AdmReport *r = p->r;
    bool last = r->prev.has_data;
    size_t n = r->cur.n_categories;
    size_t shown = n > CATS_MAX ? CATS_MAX - 1 : n;
    bool other = n > shown;
    size_t rows = shown + (other ? 1 : 0);
    need(p, 20 + HEAD_PT + 12 + (double)(rows ? rows : 1) * CAT_ROW_H);
    p->y += 20;
    text(p, MARGIN, p->y + HEAD_PT, p->bold, HEAD_PT, ink, adm_word(r->lang, ADM_WORD_CHART_CAT));
    legend(p, PAGE_W - MARGIN, p->y + 2);
    p->y += HEAD_PT + 12;
    if (n == 0) {
        text(p, MARGIN, p->y + TEXT_PT, p->regular, TEXT_PT, muted,
             adm_word(r->lang, ADM_WORD_NO_LOANS));
        p->y += CAT_ROW_H;
        return;
    }
    int64_t other_now = 0;
    int64_t other_last = 0;
    for (size_t i = shown; i < n; i++) {
        other_now += r->cur.by_category[i].items_lent;
        other_last += adm_report_prev_category(r, r->cur.by_category[i].category);
    }
    int64_t max = other_now > 1 ? other_now : 1;
    for (size_t i = 0; i < shown; i++) {
        const InvCategoryFigure *c = &r->cur.by_category[i];
        int64_t pl = last ? adm_report_prev_category(r, c->category) : 0;
        max = c->items_lent > max ? c->items_lent : max;
        max = pl > max ? pl : max;
    }
    max = other_last > max ? other_last : max;
    double name_w = 130;
    double x0 = MARGIN + name_w;
    double w = PAGE_W - MARGIN - x0 - 90;
    for (size_t i = 0; i < rows; i++) {
        char name[INV_NAME_MAX + 16];
        int64_t now = 0;
        int64_t prev = 0;
        if (i < shown) {
            snprintf(name, sizeof name, "%.40s", r->cur.by_category[i].category);
            now = r->cur.by_category[i].items_lent;
            prev = last ? adm_report_prev_category(r, r->cur.by_category[i].category) : 0;
        } else {
            snprintf(name, sizeof name, "%s (%zu)", adm_word(r->lang, ADM_WORD_OTHER), n - shown);
            now = other_now;
            prev = other_last;
        }
        /* a long name is cut to fit its column */
        while (strlen(name) > 4 && text_w(p, p->regular, TEXT_PT, name) > name_w - 8) {
            size_t len = strlen(name) - 4;
            while (len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80) {
                len--;
            }
            memcpy(name + len, "…", sizeof("…"));
        }
        double ry = p->y;
        text(p, MARGIN, ry + 11, p->regular, TEXT_PT, ink, name);
        double now_w = w * (double)now / (double)max;
        double bh = last ? 8 : 12;
        rect(p, x0, ry + 2, now_w, bh, shade_now);
        char v[48];
        char vl[48];
        char cell[100];
        double end = now_w;
        adm_group(now, v, sizeof v);
        if (last) {
            double last_w = w * (double)prev / (double)max;
            rect(p, x0, ry + 2 + bh + 1, last_w, bh - 2, shade_last);
            end = last_w > end ? last_w : end;
            adm_group(prev, vl, sizeof vl);
            snprintf(cell, sizeof cell, "%s (%s)", v, vl);
        } else {
            snprintf(cell, sizeof cell, "%s", v);
        }
        text(p, x0 + end + 6, ry + 11, p->regular, SMALL_PT, ink, cell); /* after both bars */
        p->y += CAT_ROW_H;
    }
}
