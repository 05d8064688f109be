/* labels: barcode labels as a PDF, for printing on A4 label sheets or a label roll.
 *
 * A label carries one code (Code 128, or Data Matrix when asked), made with libzint as vector
 * rectangles and drawn with cairo onto a PDF surface, so it prints sharp at any resolution;
 * under the code (beside it for Data Matrix) the code as text, a title (an item's name, "Lånekort",
 * a shelf's code) and a second line (the centre). Labels fill a sheet left to right, top to
 * bottom; more labels than a sheet holds go on as further pages.
 *
 * The module knows nothing of the store: the caller looks the codes up and passes the texts.
 * It links cairo and zint, nothing else of the project. Every function writes its outputs only
 * on success; a message names the code, the sheet or the file concerned. */
#ifndef BUA_LABELS_H
#define BUA_LABELS_H

#include <stdbool.h>
#include <stddef.h>

/* X(NAME, "text"): the errors of the module (lbl_strerror). */
#define LBL_ERRNO_MAP(X)                                                                           \
    X(OK, "done")                                                                                  \
    X(E_CODE, "code cannot be encoded")                                                            \
    X(E_TOO_LONG, "code too long for the label")                                                   \
    X(E_WRITE, "cannot write the file")                                                            \
    X(E_DRAW, "cannot draw the labels")

typedef enum LblErr {
#define LBL_ERR_ENUM(name, text) LBL_##name,
    LBL_ERRNO_MAP(LBL_ERR_ENUM)
#undef LBL_ERR_ENUM
} LblErr;

/* The text of an LblErr (static). */
const char *lbl_strerror(int err);

/* X(NAME, "option", page width, page height, columns, rows, label width, label height, left,
 * top, padding across, padding down, Code 128 bar height, font size of the title (points)),
 * all lengths in millimetres.
 *   a4-3x8     Avery Zweckform 3474: 24 labels of 70 x 37 mm on A4, no side margins, the spare
 *              millimetre split above and below; 5 mm padding keeps the print off the edges a
 *              printer cannot reach
 *   a4-2x7     Herma 4625 / Igepa EA-1050x423: 14 labels of 105 x 42.3 mm on A4, no side
 *              margins, 0.45 mm above and below
 *   roll-62mm  Brother DK-22205, 62 mm continuous roll: one label a page, 62 mm across and as
 *              long as the label needs (38 mm here) */
#define LBL_SHEET_MAP(X)                                                                           \
    X(A4_3X8, "a4-3x8", 210.0, 297.0, 3, 8, 70.0, 37.0, 0.0, 0.5, 5.0, 3.5, 14.0, 9.0)             \
    X(A4_2X7, "a4-2x7", 210.0, 297.0, 2, 7, 105.0, 42.3, 0.0, 0.45, 6.0, 4.0, 17.0, 11.0)          \
    X(ROLL_62MM, "roll-62mm", 62.0, 38.0, 1, 1, 62.0, 38.0, 0.0, 0.0, 3.0, 3.5, 15.0, 10.0)

typedef enum LblSheetId {
#define LBL_SHEET_ENUM(name, ...) LBL_SHEET_##name,
    LBL_SHEET_MAP(LBL_SHEET_ENUM)
#undef LBL_SHEET_ENUM
        LBL_SHEET_COUNT
} LblSheetId;

typedef struct LblSheet {
    const char *name; /* "a4-3x8" */
    double page_w, page_h;
    int cols, rows;
    double label_w, label_h;
    double left, top;    /* the first label's corner on the page */
    double pad_x, pad_y; /* blank inside each label's edges */
    double bar_h;        /* Code 128: height of the bars */
    double title_pt;     /* the title's font size; the code and the second line are smaller */
} LblSheet;

/* The sheet named `name` ("a4-3x8", "a4-2x7", "roll-62mm"), or NULL. */
const LblSheet *lbl_sheet_find(const char *name);

/* The sheets' names, "a4-3x8|a4-2x7|roll-62mm" (static), for messages and help. */
const char *lbl_sheet_names(void);

typedef enum LblSymbology {
    LBL_CODE128 = 0, /* the default: every scanner reads it */
    LBL_DATAMATRIX,  /* square, small; needs a 2D (camera) scanner */
} LblSymbology;

/* Parses "code128" or "datamatrix"; false otherwise. */
bool lbl_symbology_parse(const char *name, LblSymbology *out);

/* Code 128 bars narrower than this (millimetres) are refused: 10 mil, what ordinary scanners
 * read at any distance and a 300 dpi label printer draws with 3 dots. */
#define LBL_MODULE_MIN 0.25
/* ... and no wider than this, so a short code stays a compact label. */
#define LBL_MODULE_MAX 0.5

/* Most characters in a code (the store's barcodes are shorter). */
#define LBL_CODE_MAX 63

/* One label: the code and the two lines of text (UTF-8, borrowed; "" for none). */
typedef struct LblLabel {
    const char *code;
    const char *title;
    const char *line;
} LblLabel;

typedef struct LblJob {
    const LblSheet *sheet;
    LblSymbology symbology;
    int start; /* 1-based position of the first label on the first sheet: used ones are skipped */
    const LblLabel *labels;
    size_t n;
} LblJob;

/* Can `code` be a label of this sheet? The code must be 1 to LBL_CODE_MAX printable ASCII
 * characters (what a keyboard-mode scanner types back), and zint must encode it; Code 128 must
 * fit the label with bars of at least LBL_MODULE_MIN. LBL_OK, or an error with a message that
 * names the code ("code 'SKI-Å1' cannot be a label: 'Å' is not printable ASCII"). */
int lbl_check(const LblSheet *sheet, LblSymbology sym, const char *code, char *msg, size_t size);

/* The pages a job fills. */
int lbl_pages(const LblJob *job);

/* Checks every code (lbl_check), then writes the labels as a PDF to `path`: first to PATH.part,
 * renamed over `path` when whole, so a reader never sees half a file. LBL_OK, or an error with a
 * message naming the code or the file; then `path` is untouched and no .part is left. */
int lbl_write_pdf(const LblJob *job, const char *path, char *msg, size_t size);

/* Frees what cairo and fontconfig keep for the life of the process (the fonts found, their
 * patterns), so a leak checker at exit sees nothing of them. Call once, when the program ends,
 * after its last label; no lbl_ call may follow. */
void lbl_exit(void);

#endif
