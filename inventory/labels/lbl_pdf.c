/* Labels as a PDF: cairo draws each label in its cell of the sheet (in millimetres), the code's
 * zint rectangles as filled vector paths and the text in DejaVu Sans (fontconfig), shrunk and
 * then cut with an ellipsis when a name is wider than the label. The file is written to
 * PATH.part and renamed when whole. */
#include "labels.h"
#include "lbl_int.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zint.h>

#define MM_TO_PT (72.0 / 25.4)
#define PT_TO_MM (25.4 / 72.0)
#define FONT "DejaVu Sans"
#define SMALL 0.75   /* the code and the second line, against the title */
#define LEADING 1.25 /* a line's height, against its font size */
#define SHRINK 0.75  /* a text too wide is drawn down to this size before it is cut */

typedef struct Sink {
    FILE *f;
    int err; /* errno of the first failed write */
} Sink;

typedef struct Box {
    double x, y, w, h;
} Box;

static int draw_label(cairo_t *cr, const LblJob *job, const LblLabel *l, Box cell, char *msg,
                      size_t size);
static void draw_rects(cairo_t *cr, const struct zint_symbol *s, Box at);
static const char *split_title(cairo_t *cr, const char *title, double w, double size_mm,
                               char *first, size_t size);
static void draw_text(cairo_t *cr, const char *text, Box line, double size_mm, bool bold,
                      bool centre);
static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length);
static const char *errno_text(int err);

int lbl_pages(const LblJob *job)
{
    int per = job->sheet->cols * job->sheet->rows;
    int first = job->start > 1 ? job->start - 1 : 0;
    if (job->n == 0)
        return 0;
    return (int)((first + job->n + (size_t)per - 1) / (size_t)per);
}

int lbl_write_pdf(const LblJob *job, const char *path, char *msg, size_t size)
{
    const LblSheet *sh = job->sheet;
    for (size_t i = 0; i < job->n; i++) {
        int err = lbl_check(sh, job->symbology, job->labels[i].code, msg, size);
        if (err != LBL_OK)
            return err;
    }
    char part[4096];
    if ((size_t)snprintf(part, sizeof part, "%s.part", path) >= sizeof part) {
        lbl__msg(msg, size, "cannot write %s: the path is too long", path);
        return LBL_E_WRITE;
    }
    Sink sink = {fopen(part, "wb"), 0};
    if (!sink.f) {
        lbl__msg(msg, size, "cannot write %s: %s", path, errno_text(errno));
        return LBL_E_WRITE;
    }
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(
        sink_write, &sink, sh->page_w * MM_TO_PT, sh->page_h * MM_TO_PT);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, "BUA labels");
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "bua-kiosk");
    cairo_t *cr = cairo_create(pdf);
    cairo_scale(cr, MM_TO_PT, MM_TO_PT);
    int per = sh->cols * sh->rows;
    int first = job->start > 1 ? job->start - 1 : 0;
    int err = LBL_OK;
    for (size_t i = 0; i < job->n && err == LBL_OK; i++) {
        int pos = first + (int)i;
        if (i > 0 && pos % per == 0)
            cairo_show_page(cr);
        int cell = pos % per;
        Box box = {sh->left + (cell % sh->cols) * sh->label_w,
                   sh->top + (cell / sh->cols) * sh->label_h, sh->label_w, sh->label_h};
        err = draw_label(cr, job, &job->labels[i], box, msg, size);
    }
    if (job->n > 0)
        cairo_show_page(cr);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(pdf);
    cairo_surface_destroy(pdf);
    if (err == LBL_OK && cs != CAIRO_STATUS_SUCCESS && !sink.err) {
        lbl__msg(msg, size, "cannot draw the labels of %s: %s", path, cairo_status_to_string(cs));
        err = LBL_E_DRAW;
    }
    if (fflush(sink.f) != 0 || fsync(fileno(sink.f)) != 0) {
        if (!sink.err)
            sink.err = errno;
    }
    if (fclose(sink.f) != 0 && !sink.err)
        sink.err = errno;
    if (err == LBL_OK && sink.err) {
        lbl__msg(msg, size, "cannot write %s: %s", path, errno_text(sink.err));
        err = LBL_E_WRITE;
    }
    if (err == LBL_OK && rename(part, path) != 0) {
        lbl__msg(msg, size, "cannot write %s: %s", path, errno_text(errno));
        err = LBL_E_WRITE;
    }
    if (err != LBL_OK)
        unlink(part);
    return err;
}

void lbl_exit(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Code 128: the bars across, then the code, the title and the line, centred below. Data Matrix:
 * the square on the left, the three lines left-aligned beside it. */
static int draw_label(cairo_t *cr, const LblJob *job, const LblLabel *l, Box cell, char *msg,
                      size_t size)
{
    const LblSheet *sh = job->sheet;
    struct zint_symbol *s = NULL;
    int err = lbl__encode(job->symbology, l->code, &s, msg, size);
    if (err != LBL_OK)
        return err;
    Box in = {cell.x + sh->pad_x, cell.y + sh->pad_y, cell.w - 2 * sh->pad_x,
              cell.h - 2 * sh->pad_y};
    double title = sh->title_pt * PT_TO_MM;
    double small = title * SMALL;
    /* a shelf's label has its code as the title: once is enough */
    const char *code_text = l->title && strcmp(l->title, l->code) == 0 ? "" : l->code;
    double code_h = code_text[0] ? small * LEADING : 0;
    double side = in.h < in.w * 0.42 ? in.h : in.w * 0.42; /* Data Matrix */
    double gap = job->symbology == LBL_CODE128 ? 0.8 : 3.0;
    double text_w = job->symbology == LBL_CODE128 ? in.w : in.w - side - gap;
    char first[512];
    const char *second =
        split_title(cr, l->title ? l->title : "", text_w, title, first, sizeof first);
    double title_h = (second[0] ? 2 : 1) * title * LEADING;
    double text_h = code_h + title_h + small * LEADING;
    Box t = {in.x, 0, text_w, 0};
    if (job->symbology == LBL_CODE128) {
        double m = lbl__module_mm(sh, s->width);
        double bars_w = m * s->width;
        double bar_h = sh->bar_h;
        if (bar_h + gap + text_h > in.h)
            bar_h = in.h - gap - text_h;
        double y = in.y + (in.h - bar_h - gap - text_h) / 2;
        draw_rects(cr, s, (Box){in.x + (in.w - bars_w) / 2, y, bars_w, bar_h});
        t.y = y + bar_h + gap;
    } else {
        draw_rects(cr, s, (Box){in.x, in.y + (in.h - side) / 2, side, side});
        t.x = in.x + side + gap;
        t.y = in.y + (in.h - text_h) / 2;
    }
    bool centre = job->symbology == LBL_CODE128;
    draw_text(cr, code_text, (Box){t.x, t.y, t.w, code_h}, small, false, centre);
    t.y += code_h;
    draw_text(cr, first, (Box){t.x, t.y, t.w, title * LEADING}, title, true, centre);
    t.y += title * LEADING;
    if (second[0]) {
        draw_text(cr, second, (Box){t.x, t.y, t.w, title * LEADING}, title, true, centre);
        t.y += title * LEADING;
    }
    draw_text(cr, l->line, (Box){t.x, t.y, t.w, small * LEADING}, small, false, centre);
    ZBarcode_Delete(s);
    return LBL_OK;
}

/* The title on one line when it fits (if need be a little smaller, down to SHRINK), else on two:
 * the first as many whole words as fit, copied into first[size]; returns the second line (the
 * rest of `title`, "" for one line). */
static const char *split_title(cairo_t *cr, const char *title, double w, double size_mm,
                               char *first, size_t size)
{
    snprintf(first, size, "%s", title);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, size_mm);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, first, &ext);
    if (ext.x_advance * SHRINK <= w)
        return "";
    size_t best = 0;
    for (size_t i = 1; i + 1 < size && title[i]; i++) {
        if (title[i] != ' ' || title[i - 1] == ' ')
            continue;
        first[i] = '\0';
        cairo_text_extents(cr, first, &ext);
        first[i] = ' ';
        if (ext.x_advance > w)
            break;
        best = i;
    }
    if (best == 0) /* one long word: cut on one line */
        return "";
    first[best] = '\0';
    const char *rest = title + best;
    while (*rest == ' ')
        rest++;
    return rest;
}

/* zint's rectangles (its own units, the symbol `vector->width` across) scaled into `at`. */
static void draw_rects(cairo_t *cr, const struct zint_symbol *s, Box at)
{
    const struct zint_vector *v = s->vector;
    double sx = at.w / v->width;
    double sy = at.h / v->height;
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const struct zint_vector_rect *r = v->rectangles; r; r = r->next) {
        if (r->colour != -1 && r->colour != 7) /* foreground (or black): the rest is paper */
            continue;
        cairo_rectangle(cr, at.x + r->x * sx, at.y + r->y * sy, r->width * sx, r->height * sy);
    }
    cairo_fill(cr);
}

/* One line of text in `line` (its top and width), size_mm high; a text wider than the line is
 * drawn smaller (down to SHRINK) and then cut at a whole character with an ellipsis. */
static void draw_text(cairo_t *cr, const char *text, Box line, double size_mm, bool bold,
                      bool centre)
{
    if (!text || !text[0])
        return;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_text_extents_t ext;
    double fs = size_mm;
    cairo_set_font_size(cr, fs);
    cairo_text_extents(cr, buf, &ext);
    if (ext.x_advance > line.w) {
        fs = size_mm * line.w / ext.x_advance;
        if (fs < size_mm * SHRINK)
            fs = size_mm * SHRINK;
        cairo_set_font_size(cr, fs);
        cairo_text_extents(cr, buf, &ext);
    }
    size_t len = strlen(buf);
    while (ext.x_advance > line.w && len > 0) {
        do /* back to the start of a UTF-8 character */
            len--;
        while (len > 0 && ((unsigned char)buf[len] & 0xc0) == 0x80);
        while (len > 0 && buf[len - 1] == ' ')
            len--;
        if (len + 4 > sizeof buf)
            continue;
        memcpy(buf + len, "\xE2\x80\xA6", 4); /* … */
        cairo_text_extents(cr, buf, &ext);
    }
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    double x = centre ? line.x + (line.w - ext.x_advance) / 2 : line.x;
    double y = line.y + (line.h - (fe.ascent + fe.descent)) / 2 + fe.ascent;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, buf);
}

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    Sink *sink = closure;
    if (fwrite(data, 1, length, sink->f) != length) {
        if (!sink->err)
            sink->err = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static const char *errno_text(int err)
{
    switch (err) {
    case ENOENT:
        return "no such file or folder";
    case EACCES:
    case EPERM:
        return "permission denied";
    case ENOSPC:
        return "no space left on the disk";
    case EROFS:
        return "read-only file system";
    case EISDIR:
        return "is a folder";
    case ENOTDIR:
        return "a part of the path is not a folder";
    default:
        return strerror(err);
    }
}
