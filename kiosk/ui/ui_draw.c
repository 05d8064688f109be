/* Draw list and widgets: rectangles, fitted text, buttons, fields, the on-screen keyboard with
 * Norwegian letters and the PIN keypad. Only appends commands; gfx_ turns them into pixels. */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6"

typedef struct KbKey {
    const char *lower;
    const char *upper;
} KbKey;

static const KbKey kb_rows[4][11] = {
    {{"1", "1"},
     {"2", "2"},
     {"3", "3"},
     {"4", "4"},
     {"5", "5"},
     {"6", "6"},
     {"7", "7"},
     {"8", "8"},
     {"9", "9"},
     {"0", "0"},
     {"-", "-"}},
    {{"q", "Q"},
     {"w", "W"},
     {"e", "E"},
     {"r", "R"},
     {"t", "T"},
     {"y", "Y"},
     {"u", "U"},
     {"i", "I"},
     {"o", "O"},
     {"p", "P"},
     {"\xC3\xA5", "\xC3\x85"}},
    {{"a", "A"},
     {"s", "S"},
     {"d", "D"},
     {"f", "F"},
     {"g", "G"},
     {"h", "H"},
     {"j", "J"},
     {"k", "K"},
     {"l", "L"},
     {"\xC3\xB8", "\xC3\x98"},
     {"\xC3\xA6", "\xC3\x86"}},
    {{"z", "Z"},
     {"x", "X"},
     {"c", "C"},
     {"v", "V"},
     {"b", "B"},
     {"n", "N"},
     {"m", "M"},
     {".", "."},
     {NULL, NULL},
     {NULL, NULL},
     {NULL, NULL}},
};

static const int font_px[UI_FONT_COUNT] = {18, 22, 28, 34, 56};

static UiCmd *push_cmd(UiDrawList *dl, UiCmdKind kind);
static int line_h(UiDrawList *dl, UiFont font, int px);
static const KbKey *kb_key(const char *name);

int ui_font_base_px(UiFont font)
{
    return (unsigned)font < UI_FONT_COUNT ? font_px[font] : 22;
}

bool ui_font_bold(UiFont font)
{
    return font >= UI_FONT_LARGE;
}

static const struct {
    const char *name;
    bool tappable;
} widget_kinds[UI_W_COUNT] = {
#define UI_W_ROW_(name, key, tappable) [UI_W_##name] = {key, tappable},
    UI_WIDGET_KIND_MAP(UI_W_ROW_)
#undef UI_W_ROW_
};

const char *ui_widget_kind_name(UiWidgetKind kind)
{
    return (unsigned)kind < UI_W_COUNT ? widget_kinds[kind].name : "?";
}

bool ui_widget_is_tappable(UiWidgetKind kind)
{
    return (unsigned)kind < UI_W_COUNT && widget_kinds[kind].tappable;
}

const UiWidget *ui_hit(const UiDrawList *dl, int x, int y)
{
    for (int i = dl->n_widget - 1; i >= 0; i--) {
        const UiWidget *w = &dl->widget[i];
        if (!ui_widget_is_tappable(w->kind))
            continue;
        if (x >= w->rect.x && x < w->rect.x + w->rect.w && y >= w->rect.y &&
            y < w->rect.y + w->rect.h)
            return w;
    }
    return NULL;
}

const UiWidget *ui_find(const UiDrawList *dl, const char *id)
{
    for (int i = dl->n_widget - 1; i >= 0; i--) {
        if (strcmp(dl->widget[i].id, id) == 0)
            return &dl->widget[i];
    }
    return NULL;
}

int ui__px(const UiState *st, int base)
{
    return base * ui_scale(st) / 1000;
}

UiLayout ui__layout(UiRect area, int gap)
{
    UiLayout lay;
    memset(&lay, 0, sizeof lay);
    lay.area = area;
    lay.gap = gap;
    lay.y = area.y;
    return lay;
}

void ui__row(UiLayout *lay, int n, const int *widths, int h)
{
    ui__expect(n >= 1 && n <= UI_LAYOUT_MAX);
    if (lay->row_h > 0)
        lay->y = lay->row_y + lay->row_h + lay->gap;
    lay->row_y = lay->y;
    lay->row_h = h;
    lay->n = n;
    lay->next = 0;
    lay->x = lay->area.x;
    int fixed = (n - 1) * lay->gap;
    int n_shared = 0;
    for (int i = 0; i < n; i++) {
        lay->widths[i] = widths[i];
        if (widths[i] > 0)
            fixed += widths[i];
        if (widths[i] == 0)
            n_shared++;
    }
    lay->shared = n_shared ? (lay->area.w - fixed) / n_shared : 0;
}

UiRect ui__next(UiLayout *lay)
{
    ui__expect(lay->n > 0); /* ui__row first */
    if (lay->next == lay->n) {
        int widths[UI_LAYOUT_MAX];
        memcpy(widths, lay->widths, sizeof widths);
        ui__row(lay, lay->n, widths, lay->row_h);
    }
    int w = lay->widths[lay->next++];
    if (w == 0)
        w = lay->shared;
    else if (w < 0)
        w = lay->area.x + lay->area.w - lay->x + w - lay->gap;
    UiRect r = ui__rect_make(lay->x, lay->row_y, w > 0 ? w : 0, lay->row_h);
    lay->x += r.w + lay->gap;
    return r;
}

int ui__bar_h(const UiState *st)
{
    return ui__px(st, st->cfg.top_bar_px);
}

int ui__touch(const UiState *st)
{
    return ui__px(st, st->cfg.touch_px);
}

UiRect ui__rect_make(int x, int y, int w, int h)
{
    UiRect r = {x, y, w, h};
    return r;
}

UiRect ui__inset(UiRect r, int d)
{
    return ui__rect_make(r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d);
}

UiColor ui__col(const UiState *st, UiColorId id)
{
    return st->cfg.color[id];
}

void ui__fill(UiDrawList *dl, UiRect r, UiColor c)
{
    UiCmd *cmd = push_cmd(dl, UI_CMD_RECT);
    cmd->rect = r;
    cmd->color = c;
}

void ui__frame(UiDrawList *dl, UiRect r, UiColor c, int thickness)
{
    UiCmd *cmd = push_cmd(dl, UI_CMD_FRAME);
    cmd->rect = r;
    cmd->color = c;
    cmd->thickness = thickness < 1 ? 1 : thickness;
}

int ui__text(UiDrawList *dl, const UiState *st, UiRect box, UiFont font, UiColor c, UiAlign a,
             const char *text)
{
    if (!text || !text[0] || box.w <= 0)
        return 0;
    char buf[UI_TEXT_MAX];
    ui__copy(buf, sizeof buf, text);
    int f = font;
    int px = ui__px(st, font_px[f]);
    int w = ui__text_width(dl, (UiFont)f, px, buf);
    /* shrink by up to two sizes before cutting */
    while (w > box.w && f > 0 && f > (int)font - 2) {
        f--;
        px = ui__px(st, font_px[f]);
        w = ui__text_width(dl, (UiFont)f, px, buf);
    }
    if (w > box.w) {
        size_t len = strlen(buf);
        while (len > 0 && w > box.w) {
            ui__utf8_pop(buf);
            len = strlen(buf);
            while (len > 0 && buf[len - 1] == ' ')
                buf[--len] = '\0';
            char tmp[UI_TEXT_MAX];
            ui__copy(tmp, sizeof tmp - 4, buf);
            ui__append(tmp, sizeof tmp, ELLIPSIS);
            w = ui__text_width(dl, (UiFont)f, px, tmp);
            if (w <= box.w) {
                ui__copy(buf, sizeof buf, tmp);
                break;
            }
        }
    }
    UiCmd *cmd = push_cmd(dl, UI_CMD_TEXT);
    int h = line_h(dl, (UiFont)f, px);
    int x = box.x;
    if (a == UI_ALIGN_CENTER)
        x = box.x + (box.w - w) / 2;
    else if (a == UI_ALIGN_RIGHT)
        x = box.x + box.w - w;
    cmd->rect = ui__rect_make(x, box.y + (box.h - h) / 2, w, h);
    cmd->color = c;
    cmd->font = (UiFont)f;
    cmd->px = px;
    ui__copy(cmd->text, sizeof cmd->text, buf);
    return w;
}

int ui__text_wrap(UiDrawList *dl, const UiState *st, UiRect box, UiFont font, UiColor c,
                  int max_lines, const char *text)
{
    int px = ui__px(st, font_px[font]);
    int h = line_h(dl, font, px);
    const char *p = text;
    int lines = 0;
    while (*p && lines < max_lines) {
        while (*p == ' ')
            p++;
        char line[UI_TEXT_MAX] = "";
        size_t best = 0;
        size_t i = 0;
        /* take words while they fit */
        while (p[i]) {
            size_t j = i;
            while (p[j] == ' ')
                j++;
            while (p[j] && p[j] != ' ')
                j++;
            if (j >= sizeof line)
                break;
            char cand[UI_TEXT_MAX];
            memcpy(cand, p, j);
            cand[j] = '\0';
            if (best > 0 && ui__text_width(dl, font, px, cand) > box.w)
                break;
            best = j;
            i = j;
        }
        if (best == 0)
            best = strlen(p) < sizeof line - 1 ? strlen(p) : sizeof line - 1;
        memcpy(line, p, best);
        line[best] = '\0';
        p += best;
        bool last = lines == max_lines - 1;
        if (last && *p) { /* the rest does not fit: let ui__text cut the last line */
            char rest[UI_TEXT_MAX];
            ui__sprintf(rest, sizeof rest, "%s%s", line, p);
            ui__copy(line, sizeof line, rest);
        }
        ui__text(dl, st, ui__rect_make(box.x, box.y + lines * h, box.w, h), font, c, UI_ALIGN_LEFT,
                 line);
        lines++;
    }
    return lines * h;
}

void ui__widget(UiDrawList *dl, const char *id, UiWidgetKind kind, UiRect r, const char *text)
{
    ui__expect(dl->n_widget < UI_WIDGET_MAX); /* a view draws more than a frame holds */
    UiWidget *w = &dl->widget[dl->n_widget++];
    ui__copy(w->id, sizeof w->id, id);
    w->kind = kind;
    w->rect = r;
    ui__copy(w->text, sizeof w->text, text ? text : "");
}

void ui__label(UiDrawList *dl, const UiState *st, const char *id, UiRect box, UiFont font,
               UiColorId color, UiAlign a, const char *text)
{
    ui__text(dl, st, box, font, ui__col(st, color), a, text);
    if (id)
        ui__widget(dl, id, UI_W_LABEL, box, text);
}

void ui__button(UiDrawList *dl, const UiState *st, const char *id, UiRect r, const char *text,
                UiStyle style)
{
    UiColorId bg = UI_COL_BUTTON;
    UiColorId fg = UI_COL_BUTTON_TEXT;
    UiFont font = UI_FONT_LARGE;
    switch (style) {
    case UI_STYLE_PRIMARY:
        break;
    case UI_STYLE_SECONDARY:
        bg = UI_COL_SECONDARY;
        fg = UI_COL_TEXT;
        font = UI_FONT_BODY;
        break;
    case UI_STYLE_OK:
        bg = UI_COL_OK;
        break;
    case UI_STYLE_DANGER:
        bg = UI_COL_BAD;
        break;
    case UI_STYLE_SELECTED:
        bg = UI_COL_BAR;
        font = UI_FONT_BODY;
        break;
    case UI_STYLE_KEY:
        bg = UI_COL_PANEL;
        fg = UI_COL_TEXT;
        font = UI_FONT_LARGE;
        break;
    case UI_STYLE_BIG:
        font = UI_FONT_HUGE;
        break;
    case UI_STYLE_BIG_OK:
        bg = UI_COL_OK;
        font = UI_FONT_HUGE;
        break;
    case UI_STYLE_DISABLED:
        bg = UI_COL_BG;
        fg = UI_COL_FRAME;
        font = UI_FONT_BODY;
        break;
    }
    ui__fill(dl, r, ui__col(st, bg));
    ui__frame(dl, r, ui__col(st, UI_COL_FRAME), ui__px(st, 1));
    int pad = ui__px(st, 8);
    ui__text(dl, st, ui__rect_make(r.x + pad, r.y, r.w - 2 * pad, r.h), font, ui__col(st, fg),
             UI_ALIGN_CENTER, text);
    ui__widget(dl, id, style == UI_STYLE_KEY ? UI_W_KEY : UI_W_BUTTON, r, text);
}

void ui__field(UiDrawList *dl, const UiState *st, const char *id, UiRect r, const char *label,
               const char *value, bool focused)
{
    /* the label sits small in the top of the box, the value below it: one 64 px target */
    int pad = ui__px(st, 10);
    ui__fill(dl, r, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, r, ui__col(st, focused ? UI_COL_BUTTON : UI_COL_FRAME),
              ui__px(st, focused ? 3 : 1));
    int lh = r.h * 2 / 5;
    ui__text(dl, st, ui__rect_make(r.x + pad, r.y + ui__px(st, 3), r.w - 2 * pad, lh),
             UI_FONT_SMALL, ui__col(st, UI_COL_MUTED), UI_ALIGN_LEFT, label);
    char text[UI_TEXT_MAX];
    ui__sprintf(text, sizeof text, "%s%s", value, focused ? "|" : "");
    ui__text(dl, st, ui__rect_make(r.x + pad, r.y + lh, r.w - 2 * pad, r.h - lh - ui__px(st, 2)),
             UI_FONT_LARGE, ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, text);
    ui__widget(dl, id, UI_W_FIELD, r, value);
}

void ui__panel(UiDrawList *dl, const UiState *st, UiRect r, UiTone tone)
{
    UiColorId bg = UI_COL_PANEL;
    UiColorId edge = UI_COL_FRAME;
    if (tone == UI_TONE_OK) {
        bg = UI_COL_OK_BG;
        edge = UI_COL_OK;
    } else if (tone == UI_TONE_BAD) {
        bg = UI_COL_BAD_BG;
        edge = UI_COL_BAD;
    } else if (tone == UI_TONE_WARN) {
        bg = UI_COL_WARN_BG;
        edge = UI_COL_WARN;
    }
    ui__fill(dl, r, ui__col(st, bg));
    ui__frame(dl, r, ui__col(st, UI_COL_FRAME), 1);
    ui__fill(dl, ui__rect_make(r.x, r.y, ui__px(st, 8), r.h), ui__col(st, edge));
}

void ui__keyboard(UiDrawList *dl, const UiState *st, UiRect area, bool shift)
{
    int gap = ui__px(st, 5);
    int rows = 5;
    int kh = (area.h - gap * (rows - 1)) / rows;
    int kw = (area.w - gap * 10) / 11;
    char id[UI_ID_MAX];
    for (int r = 0; r < 4; r++) {
        int y = area.y + r * (kh + gap);
        int x = area.x + (r == 3 ? kw + gap : 0);
        for (int c = 0; c < 11 && kb_rows[r][c].lower; c++) {
            const KbKey *k = &kb_rows[r][c];
            ui__sprintf(id, sizeof id, "kb.%s", k->lower);
            ui__button(dl, st, id, ui__rect_make(x, y, kw, kh), shift ? k->upper : k->lower,
                       UI_STYLE_KEY);
            x += kw + gap;
        }
    }
    int y3 = area.y + 3 * (kh + gap);
    ui__button(dl, st, "kb.shift", ui__rect_make(area.x, y3, kw, kh),
               shift ? "\xE2\x87\xA7!" : "\xE2\x87\xA7", shift ? UI_STYLE_SELECTED : UI_STYLE_KEY);
    int bx = area.x + 10 * (kw + gap) - (kw + gap);
    ui__button(dl, st, "kb.back", ui__rect_make(bx, y3, 2 * kw + gap, kh), "\xE2\x8C\xAB",
               UI_STYLE_KEY);
    int y4 = area.y + 4 * (kh + gap);
    int ew = 3 * kw + 2 * gap;
    ui__button(dl, st, "kb.space", ui__rect_make(area.x + 2 * (kw + gap), y4, 6 * kw + 5 * gap, kh),
               ui_t(st, UI_MSG_KB_SPACE), UI_STYLE_KEY);
    ui__button(dl, st, "kb.enter", ui__rect_make(area.x + area.w - ew, y4, ew, kh), "\xE2\x86\xB5",
               UI_STYLE_PRIMARY);
}

bool ui__keyboard_event(UiState *st, const UiEvent *ev, UiField *f, bool *enter)
{
    *enter = false;
    if (ev->kind == UI_EV_TEXT) { /* a physical keyboard has its own shift */
        ui__append(f->text, sizeof f->text, ev->text.text);
        st->shift = false;
        return true;
    }
    if (ev->kind == UI_EV_KEY) {
        if (ev->key.key == UI_KEY_BACKSPACE)
            ui__utf8_pop(f->text);
        else if (ev->key.key == UI_KEY_ENTER)
            *enter = true;
        return ev->key.key == UI_KEY_BACKSPACE || ev->key.key == UI_KEY_ENTER;
    }
    if (ev->kind != UI_EV_PRESS || !ui__starts(ev->press.id, "kb."))
        return false;
    const char *k = ev->press.id + 3;
    if (strcmp(k, "shift") == 0) {
        st->shift = !st->shift;
    } else if (strcmp(k, "back") == 0) {
        ui__utf8_pop(f->text);
    } else if (strcmp(k, "space") == 0) {
        ui__append(f->text, sizeof f->text, " ");
    } else if (strcmp(k, "enter") == 0) {
        *enter = true;
    } else {
        const KbKey *key = kb_key(k);
        if (key) {
            ui__append(f->text, sizeof f->text, st->shift ? key->upper : key->lower);
            st->shift = false;
        }
    }
    return true;
}

void ui__keypad(UiDrawList *dl, const UiState *st, UiRect area)
{
    static const char *const keys[12] = {"1", "2", "3", "4",    "5", "6",
                                         "7", "8", "9", "back", "0", "ok"};
    int gap = ui__px(st, 8);
    int kw = (area.w - 2 * gap) / 3;
    int kh = (area.h - 3 * gap) / 4;
    for (int i = 0; i < 12; i++) {
        char id[UI_ID_MAX];
        ui__sprintf(id, sizeof id, "pin.%s", keys[i]);
        const char *label = keys[i];
        UiStyle style = UI_STYLE_KEY;
        if (strcmp(label, "back") == 0) {
            label = "\xE2\x8C\xAB";
        } else if (strcmp(label, "ok") == 0) {
            label = "OK";
            style = UI_STYLE_PRIMARY;
        }
        ui__button(
            dl, st, id,
            ui__rect_make(area.x + (i % 3) * (kw + gap), area.y + (i / 3) * (kh + gap), kw, kh),
            label, style);
    }
}

/* ---- helpers ------------------------------------------------------------------------------- */

static UiCmd *push_cmd(UiDrawList *dl, UiCmdKind kind)
{
    ui__expect(dl->n_cmd < UI_DRAW_MAX); /* a view draws more than a frame holds */
    UiCmd *cmd = &dl->cmd[dl->n_cmd++];
    cmd->kind = kind;
    cmd->text[0] = '\0';
    cmd->thickness = 0;
    cmd->px = 0;
    cmd->font = UI_FONT_BODY;
    return cmd;
}

int ui__text_width(UiDrawList *dl, UiFont font, int px, const char *text)
{
    if (dl->measure.text_width)
        return dl->measure.text_width(dl->measure.ctx, font, px, text);
    return (int)strlen(text) * px / 2;
}

UiFont ui__common_font(UiDrawList *dl, const UiState *st, UiFont largest, const char *const *texts,
                       const int *widths, int width, int n)
{
    for (int f = largest; f > UI_FONT_SMALL; f--) {
        int px = ui__px(st, ui_font_base_px((UiFont)f));
        bool fits = true;
        for (int i = 0; fits && i < n; i++)
            fits = ui__text_width(dl, (UiFont)f, px, texts[i]) <= (widths ? widths[i] : width);
        if (fits)
            return (UiFont)f;
    }
    return UI_FONT_SMALL;
}

static int line_h(UiDrawList *dl, UiFont font, int px)
{
    if (dl->measure.line_height)
        return dl->measure.line_height(dl->measure.ctx, font, px);
    return px * 5 / 4;
}

static const KbKey *kb_key(const char *name)
{
    for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 11 && kb_rows[r][c].lower; c++) {
            if (strcmp(kb_rows[r][c].lower, name) == 0)
                return &kb_rows[r][c];
        }
    }
    return NULL;
}
