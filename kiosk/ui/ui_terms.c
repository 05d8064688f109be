/* The terms a borrower reads before accepting them: a scrolling box of wrapped text with big
 * arrow buttons, shared by the register screen and the new-terms screen at login. The text is
 * the app's (cfg.terms); a paragraph is one line of it, and scrolling moves by paragraphs, so
 * that the state needs no text measuring. */
#include "ui_int.h"

#include <string.h>

#define LINE_MAX_BYTES (UI_TEXT_MAX - 1)
#define SCROLL_STEP 4 /* paragraphs a tap on an arrow moves */

static int paragraphs(const char *text);
static const char *paragraph(const char *text, int i, size_t *len);
static int wrap(UiDrawList *dl, UiFont font, int px, int width, const char *p, size_t len,
                size_t *breaks, int max);
static int font_line_h(UiDrawList *dl, UiFont font, int px);

void ui__terms_view(UiDrawList *dl, const UiState *st, UiRect area, int first, const char *prefix)
{
    const char *text = st->cfg.terms[st->lang];
    int gap = ui__px(st, 8);
    int bw = ui__px(st, 150);
    UiRect box = ui__rect_make(area.x, area.y, area.w - bw - gap, area.h);
    ui__fill(dl, box, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, box, ui__col(st, UI_COL_FRAME), 1);
    char id[UI_ID_MAX];
    int n = text ? paragraphs(text) : 0;
    if (first > n - 1)
        first = n > 0 ? n - 1 : 0;
    if (first < 0)
        first = 0;
    bool more = false;
    if (!text) {
        ui__label(dl, st, "terms.missing", ui__inset(box, ui__px(st, 16)), UI_FONT_BODY, UI_COL_BAD,
                  UI_ALIGN_CENTER, ui_t(st, UI_MSG_TERMS_MISSING));
    } else {
        UiRect in = ui__inset(box, ui__px(st, 14));
        int y = in.y;
        for (int i = first; i < n; i++) {
            size_t len = 0;
            const char *p = paragraph(text, i, &len);
            /* the title and the lines that end in ':' are headings */
            bool heading = i == 0 || (len > 0 && p[len - 1] == ':');
            UiFont font = heading ? UI_FONT_LARGE : UI_FONT_BODY;
            int px = ui__px(st, ui_font_base_px(font));
            int lh = font_line_h(dl, font, px);
            if (len == 0) { /* a blank line: a little air */
                y += lh / 2;
                continue;
            }
            size_t breaks[32];
            int lines = wrap(dl, font, px, in.w, p, len, breaks, 32);
            size_t start = 0;
            for (int k = 0; k < lines; k++) {
                if (y + lh > in.y + in.h) {
                    more = true;
                    break;
                }
                char line[UI_TEXT_MAX];
                size_t end = breaks[k];
                size_t m = end - start < LINE_MAX_BYTES ? end - start : LINE_MAX_BYTES;
                memcpy(line, p + start, m);
                line[m] = '\0';
                ui__text(dl, st, ui__rect_make(in.x, y, in.w, lh), font, ui__col(st, UI_COL_TEXT),
                         UI_ALIGN_LEFT, line);
                y += lh;
                start = end;
                while (start < len && p[start] == ' ')
                    start++;
            }
            if (more)
                break;
        }
    }
    int bh = (area.h - gap) / 2;
    UiRect up = ui__rect_make(area.x + area.w - bw, area.y, bw, bh);
    UiRect down = ui__rect_make(area.x + area.w - bw, area.y + bh + gap, bw, area.h - bh - gap);
    bool can_up = first > 0;
    ui__sprintf(id, sizeof id, can_up ? "%s.up" : "%s.up.off", prefix);
    ui__button(dl, st, id, up, ui_t(st, UI_MSG_TERMS_UP),
               can_up ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    ui__sprintf(id, sizeof id, more ? "%s.down" : "%s.down.off", prefix);
    ui__button(dl, st, id, down, ui_t(st, UI_MSG_TERMS_DOWN),
               more ? UI_STYLE_PRIMARY : UI_STYLE_DISABLED);
}

bool ui__terms_scroll(const UiState *st, const char *press_id, const char *prefix, int *first)
{
    size_t plen = strlen(prefix);
    size_t n = 0;
    if (strncmp(press_id, prefix, plen) != 0)
        return false;
    const char *what = press_id + plen;
    const char *text = st->cfg.terms[st->lang];
    int last = text ? paragraphs(text) - 1 : 0;
    /* a few paragraphs a tap (blank lines not counted): fewer than a box shows, so nothing is
     * skipped */
    if (strcmp(what, ".up") == 0) {
        for (int k = 0; k<SCROLL_STEP && * first> 0; k++) {
            (*first)--;
            while (*first > 0 && text && (paragraph(text, *first, &n), n == 0))
                (*first)--;
        }
        return true;
    }
    if (strcmp(what, ".down") == 0) {
        for (int k = 0; k < SCROLL_STEP && *first < last; k++) {
            (*first)++;
            while (*first < last && text && (paragraph(text, *first, &n), n == 0))
                (*first)++;
        }
        return true;
    }
    return strcmp(what, ".up.off") == 0 || strcmp(what, ".down.off") == 0;
}

/* The number of lines of the text. */
static int paragraphs(const char *text)
{
    int n = 1;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* Line i of the text and its length (without the newline). */
static const char *paragraph(const char *text, int i, size_t *len)
{
    const char *p = text;
    for (int k = 0; k < i && p; k++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p) {
        *len = 0;
        return "";
    }
    *len = strcspn(p, "\n");
    return p;
}

/* Greedy word wrap of p[0..len) into lines of at most `width` pixels: breaks[k] is where line k
 * ends. A word wider than the line gets a line of its own (ui__text cuts it). */
static int wrap(UiDrawList *dl, UiFont font, int px, int width, const char *p, size_t len,
                size_t *breaks, int max)
{
    int lines = 0;
    size_t start = 0;
    while (start < len && lines < max) {
        size_t best = 0;
        size_t i = start;
        while (i < len) {
            size_t j = i;
            while (j < len && p[j] == ' ')
                j++;
            while (j < len && p[j] != ' ')
                j++;
            if (j - start > LINE_MAX_BYTES)
                break;
            char cand[UI_TEXT_MAX];
            memcpy(cand, p + start, j - start);
            cand[j - start] = '\0';
            if (best > 0 && ui__text_width(dl, font, px, cand) > width)
                break;
            best = j;
            i = j;
        }
        if (best == 0)
            best = len - start < LINE_MAX_BYTES ? len : start + LINE_MAX_BYTES;
        breaks[lines++] = best;
        start = best;
        while (start < len && p[start] == ' ')
            start++;
    }
    return lines;
}

static int font_line_h(UiDrawList *dl, UiFont font, int px)
{
    if (dl->measure.line_height)
        return dl->measure.line_height(dl->measure.ctx, font, px);
    return px * 5 / 4;
}
