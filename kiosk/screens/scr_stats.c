/* Year figures: the four figures every centre reports (items lent, loans, borrowers, new
 * borrowers) with last year's in brackets, a bar chart per month and one per category with
 * last year's bars beside this year's (a light shade), and a year picker. Digits are grouped
 * with a space, as the annual report prints them ("13 334 (14 836)"). */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void stats_enter(UiState *st, const void *args, UiEffects *fx);
static void stats_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void stats_view(const UiState *st, UiDrawList *dl, UiRect area);
static void load(UiState *st, UiEffects *fx);
static void group(int64_t n, char *buf, size_t size);
static void last_bar(UiDrawList *dl, const UiState *st, UiRect r);

const UiScreen scr_stats = {
    .enter = stats_enter,
    .update = stats_update,
    .view = stats_view,
    .title_msg = UI_MSG_STATS_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* no args */
static void stats_enter(UiState *st, const void *args, UiEffects *fx)
{
    (void)args;
    st->stats.year = st->year_now; /* always opens on this year */
    load(st, fx);
}

static void stats_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    if (st->session.role != UI_ROLE_LEADER) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    if (ev->kind == UI_EV_STATS) {
        if (ev->h.result == UI_R_OK && ev->stats.stats.year == st->stats.year) {
            st->stats.data = ev->stats.stats;
            st->stats.loaded = true;
        }
    } else if (ev->kind == UI_EV_PRESS) {
        if (strcmp(ev->press.id, "stats.prev") == 0 && st->stats.year > 2000) {
            st->stats.year--;
            load(st, fx);
        } else if (strcmp(ev->press.id, "stats.next") == 0 && st->stats.year < st->year_now) {
            st->stats.year++;
            load(st, fx);
        } else if (strcmp(ev->press.id, "stats.back") == 0) {
            ui__go(st, UI_SCR_LEADER, NULL, fx);
        }
    }
}

static void stats_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 10);
    int touch = ui__touch(st);
    char text[UI_TEXT_MAX];
    int y = area.y + pad;

    /* year picker */
    int yw = ui__px(st, 160);
    int x0 = (area.w - yw - 2 * touch - 2 * gap) / 2;
    ui__button(dl, st, "stats.prev", ui__rect_make(x0, y, touch, touch), "\xE2\x97\x80",
               st->stats.year > 2000 ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    ui__sprintf(text, sizeof text, "%d", st->stats.year);
    ui__label(dl, st, "stats.year", ui__rect_make(x0 + touch + gap, y, yw, touch), UI_FONT_TITLE,
              UI_COL_TEXT, UI_ALIGN_CENTER, text);
    ui__button(dl, st, "stats.next", ui__rect_make(x0 + touch + yw + 2 * gap, y, touch, touch),
               "\xE2\x96\xB6",
               st->stats.year < st->year_now ? UI_STYLE_SECONDARY : UI_STYLE_DISABLED);
    ui__button(dl, st, "stats.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);

    bool loaded = st->stats.loaded && st->stats.data.year == st->stats.year;
    const UiStats *s = &st->stats.data;
    bool last = loaded && s->has_last;
    if (last) { /* which year the brackets are, at the end of the picker's row */
        char year[16];
        ui__sprintf(year, sizeof year, "%d", st->stats.year - 1);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_STATS_LAST), year, NULL);
        int lx = x0 + 2 * touch + yw + 3 * gap;
        ui__label(dl, st, "stats.last", ui__rect_make(lx, y, area.w - pad - lx, touch),
                  UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_RIGHT, text);
    }
    y += touch + gap;

    struct {
        const char *id;
        UiMsg msg;
        int64_t v;
        int64_t last;
    } figs[4] = {
        {"stats.items", UI_MSG_STATS_ITEMS, loaded ? s->items_lent : 0, s->last_items_lent},
        {"stats.loans", UI_MSG_STATS_LOANS, loaded ? s->loans : 0, s->last_loans},
        {"stats.borrowers", UI_MSG_STATS_BORROWERS, loaded ? s->borrowers : 0, s->last_borrowers},
        {"stats.new", UI_MSG_STATS_NEW, loaded ? s->new_borrowers : 0, s->last_new_borrowers},
    };
    int tw = (area.w - 2 * pad - 3 * gap) / 4;
    /* a line for last year's in brackets when there is one (else the tiles as they were) */
    int th = ui__px(st, last ? 128 : 104);
    int label_y = ui__px(st, last ? 94 : 68);
    for (int i = 0; i < 4; i++) {
        UiRect r = ui__rect_make(pad + i * (tw + gap), y, tw, th);
        ui__fill(dl, r, ui__col(st, UI_COL_PANEL));
        ui__frame(dl, r, ui__col(st, UI_COL_FRAME), 1);
        group(figs[i].v, text, sizeof text);
        ui__label(dl, st, figs[i].id,
                  ui__rect_make(r.x + gap, r.y + gap, r.w - 2 * gap, ui__px(st, 58)), UI_FONT_HUGE,
                  UI_COL_BUTTON, UI_ALIGN_CENTER, loaded ? text : "-");
        if (last) {
            char num[32];
            char id[UI_ID_MAX];
            group(figs[i].last, num, sizeof num);
            ui__sprintf(text, sizeof text, "(%s)", num);
            ui__sprintf(id, sizeof id, "%s.last", figs[i].id);
            ui__label(dl, st, id,
                      ui__rect_make(r.x + gap, r.y + ui__px(st, 66), r.w - 2 * gap, ui__px(st, 26)),
                      UI_FONT_BODY, UI_COL_MUTED, UI_ALIGN_CENTER, text);
        }
        ui__text(dl, st, ui__rect_make(r.x + gap, r.y + label_y, r.w - 2 * gap, ui__px(st, 28)),
                 UI_FONT_BODY, ui__col(st, UI_COL_MUTED), UI_ALIGN_CENTER, ui_t(st, figs[i].msg));
    }
    y += th + gap;

    /* per month: vertical bars; per category: horizontal bars */
    int cw = (area.w - 2 * pad - gap) * 58 / 100;
    UiRect mc = ui__rect_make(pad, y, cw, area.y + area.h - y - pad);
    UiRect cc = ui__rect_make(pad + cw + gap, y, area.w - 2 * pad - cw - gap, mc.h);
    ui__fill(dl, mc, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, mc, ui__col(st, UI_COL_FRAME), 1);
    ui__fill(dl, cc, ui__col(st, UI_COL_PANEL));
    ui__frame(dl, cc, ui__col(st, UI_COL_FRAME), 1);
    int lh = ui__px(st, 28);
    ui__label(dl, st, "stats.month_title", ui__rect_make(mc.x + gap, mc.y + 4, mc.w - 2 * gap, lh),
              UI_FONT_BODY, UI_COL_TEXT, UI_ALIGN_LEFT, ui_t(st, UI_MSG_STATS_MONTH));
    ui__label(dl, st, "stats.cat_title", ui__rect_make(cc.x + gap, cc.y + 4, cc.w - 2 * gap, lh),
              UI_FONT_BODY, UI_COL_TEXT, UI_ALIGN_LEFT, ui_t(st, UI_MSG_STATS_CATEGORY));
    if (last) { /* which shade is which year, at the end of the month chart's title row */
        int sq = ui__px(st, 14);
        char year[16];
        int x = mc.x + mc.w - gap;
        for (int k = 0; k < 2; k++) {
            ui__sprintf(year, sizeof year, "%d", st->stats.year - k);
            int w = ui__text_width(dl, UI_FONT_SMALL, ui__px(st, 18), year) + ui__px(st, 4);
            x -= w;
            ui__text(dl, st, ui__rect_make(x, mc.y + 4, w, lh), UI_FONT_SMALL,
                     ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, year);
            x -= sq + ui__px(st, 6);
            UiRect box = ui__rect_make(x, mc.y + 4 + (lh - sq) / 2, sq, sq);
            if (k == 0)
                ui__fill(dl, box, ui__col(st, UI_COL_CHART));
            else
                last_bar(dl, st, box);
            x -= ui__px(st, 14);
        }
    }
    if (!loaded)
        return;
    if (s->items_lent == 0 && !last) {
        ui__label(dl, st, "stats.none",
                  ui__rect_make(mc.x + gap, mc.y + mc.h / 2, mc.w - 2 * gap, lh), UI_FONT_LARGE,
                  UI_COL_MUTED, UI_ALIGN_CENTER, ui_t(st, UI_MSG_STATS_NONE));
        return;
    }
    /* month names come as one message: "Jan Feb ..." */
    char months[12][16];
    memset(months, 0, sizeof months);
    const char *m = ui_t(st, UI_MSG_MONTHS);
    for (int i = 0; i < 12 && *m; i++) {
        while (*m == ' ')
            m++;
        size_t n = 0;
        while (m[n] && m[n] != ' ')
            n++;
        if (n >= sizeof months[i])
            n = sizeof months[i] - 1;
        memcpy(months[i], m, n);
        m += n;
    }
    int64_t max = 1;
    for (int i = 0; i < 12; i++) {
        max = s->month_items[i] > max ? s->month_items[i] : max;
        if (last && s->last_month_items[i] > max)
            max = s->last_month_items[i];
    }
    int top = mc.y + lh + gap + ui__px(st, 22);
    int base = mc.y + mc.h - ui__px(st, 28);
    int slot = (mc.w - 2 * gap) / 12;
    /* the value over each bar when every value fits its slot */
    bool numbers = true;
    for (int i = 0; i < 12 && numbers; i++) {
        group(s->month_items[i], text, sizeof text);
        numbers = ui__text_width(dl, UI_FONT_SMALL, ui__px(st, 18), text) <= slot;
    }
    for (int i = 0; i < 12; i++) {
        int bh = (int)((base - top) * s->month_items[i] / max);
        int bwid = last ? slot * 2 / 5 : slot * 2 / 3;
        int bx = last ? mc.x + gap + i * slot + slot / 2 : mc.x + gap + i * slot + slot / 6;
        char id[UI_ID_MAX];
        int tallest = bh; /* the value goes over the pair's taller bar */
        if (last) {
            int lbh = (int)((base - top) * s->last_month_items[i] / max);
            tallest = lbh > bh ? lbh : bh;
            UiRect lbar = ui__rect_make(bx - bwid - 1, base - lbh, bwid, lbh);
            last_bar(dl, st, lbar);
            ui__sprintf(id, sizeof id, "stats.month.%d.last", i + 1);
            ui__sprintf(text, sizeof text, "%lld", (long long)s->last_month_items[i]);
            ui__widget(dl, id, UI_W_BAR, lbar, text);
        }
        UiRect bar = ui__rect_make(bx, base - bh, bwid, bh);
        if (bh > 0)
            ui__fill(dl, bar, ui__col(st, UI_COL_CHART));
        ui__sprintf(id, sizeof id, "stats.month.%d", i + 1);
        ui__sprintf(text, sizeof text, "%lld", (long long)s->month_items[i]);
        ui__widget(dl, id, UI_W_BAR, bar, text);
        if (s->month_items[i] && numbers) {
            group(s->month_items[i], text, sizeof text);
            ui__text(dl, st,
                     ui__rect_make(mc.x + gap + i * slot, base - tallest - ui__px(st, 22), slot,
                                   ui__px(st, 22)),
                     UI_FONT_SMALL, ui__col(st, UI_COL_TEXT), UI_ALIGN_CENTER, text);
        }
        ui__text(dl, st, ui__rect_make(mc.x + gap + i * slot, base + 2, slot, ui__px(st, 24)),
                 UI_FONT_SMALL, ui__col(st, UI_COL_MUTED), UI_ALIGN_CENTER, months[i]);
    }
    int ry = cc.y + lh + gap;
    int rh = ui__px(st, 32);
    int name_w = cc.w * 36 / 100;
    /* every category, or as many as fit (most lent first) and one "other" row for the rest */
    int fit = (cc.y + cc.h - gap - ry + 2) / (rh + 2);
    int shown = s->n_cats;
    if (s->n_cats_more > 0 || s->n_cats > fit)
        shown = (fit - 1 < s->n_cats ? fit - 1 : s->n_cats);
    if (shown < 0)
        shown = 0;
    int other_n = s->n_cats - shown + s->n_cats_more;
    int64_t other_items = s->cat_more_items;
    int64_t other_last = s->cat_more_last_items;
    for (int i = shown; i < s->n_cats; i++) {
        other_items += s->cat_items[i];
        other_last += s->cat_last_items[i];
    }
    int64_t cmax = other_n > 0 && other_items > 1 ? other_items : 1;
    if (other_n > 0 && last && other_last > cmax)
        cmax = other_last;
    for (int i = 0; i < s->n_cats; i++) {
        cmax = s->cat_items[i] > cmax ? s->cat_items[i] : cmax;
        if (last && s->cat_last_items[i] > cmax)
            cmax = s->cat_last_items[i];
    }
    char other_name[UI_TEXT_MAX];
    ui__sprintf(text, sizeof text, "%d", other_n);
    ui_format(other_name, sizeof other_name, ui_t(st, UI_MSG_STATS_OTHER), text, NULL);
    /* the numbers' column: as wide as the widest "556 (130)" */
    int n_rows = shown + (other_n > 0);
    char nums[UI_CATS_MAX + 1][48];
    int num_w = ui__px(st, 40);
    for (int i = 0; i < n_rows; i++) {
        bool other = i == shown;
        char a[24];
        char b[24];
        group(other ? other_items : s->cat_items[i], a, sizeof a);
        group(other ? other_last : s->cat_last_items[i], b, sizeof b);
        if (last)
            ui__sprintf(nums[i], sizeof nums[i], "%s (%s)", a, b);
        else
            ui__copy(nums[i], sizeof nums[i], a);
        int w = ui__text_width(dl, UI_FONT_SMALL, ui__px(st, 18), nums[i]) + ui__px(st, 8);
        num_w = w > num_w ? w : num_w;
    }
    for (int i = 0; i < n_rows; i++) {
        bool other = i == shown;
        const char *name = other ? other_name : s->cat_name[i];
        int64_t items = other ? other_items : s->cat_items[i];
        int64_t before = other ? other_last : s->cat_last_items[i];
        ui__text(dl, st, ui__rect_make(cc.x + gap, ry, name_w - gap, rh), UI_FONT_SMALL,
                 ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, name);
        int full = cc.w - name_w - num_w - 2 * gap;
        int bl = (int)(full * items / cmax);
        int bh = last ? rh * 2 / 5 : rh * 2 / 3;
        UiRect bar = ui__rect_make(cc.x + name_w, ry + (last ? rh / 10 : rh / 6), bl, bh);
        if (bl > 0)
            ui__fill(dl, bar, ui__col(st, UI_COL_CHART));
        char id[UI_ID_MAX];
        if (other)
            ui__copy(id, sizeof id, "stats.cat.other");
        else
            ui__sprintf(id, sizeof id, "stats.cat.%d", i);
        char wtext[UI_TEXT_MAX];
        ui__sprintf(wtext, sizeof wtext, "%s %lld", name, (long long)items);
        ui__widget(dl, id, UI_W_BAR, bar, wtext);
        int end = bl;
        if (last) {
            int lbl = (int)(full * before / cmax);
            UiRect lbar = ui__rect_make(cc.x + name_w, bar.y + bh + 1, lbl, bh);
            last_bar(dl, st, lbar);
            ui__sprintf(wtext, sizeof wtext, "%s %lld", name, (long long)before);
            char lid[UI_ID_MAX];
            ui__sprintf(lid, sizeof lid, "%s.last", id);
            ui__widget(dl, lid, UI_W_BAR, lbar, wtext);
            end = lbl > bl ? lbl : bl;
        }
        ui__text(dl, st, ui__rect_make(cc.x + name_w + end + 4, ry, num_w, rh), UI_FONT_SMALL,
                 ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, nums[i]);
        ry += rh + 2;
    }
}

static void load(UiState *st, UiEffects *fx)
{
    UiFx *f = ui__fx(fx, UI_FX_STATS);
    f->stats.year = st->stats.year;
}

/* "13 334": digits in threes with a space, as the annual report prints them */
static void group(int64_t n, char *buf, size_t size)
{
    char digits[24];
    char out[32];
    ui__sprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
    size_t len = strlen(digits);
    size_t o = 0;
    if (n < 0)
        out[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ' ';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    ui__copy(buf, size, out);
}

/* last year's bar: the light shade, edged in the chart colour so it stands out from the panel */
static void last_bar(UiDrawList *dl, const UiState *st, UiRect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    ui__fill(dl, r, ui__col(st, UI_COL_CHART_LAST));
    ui__frame(dl, r, ui__col(st, UI_COL_CHART), 1);
}
