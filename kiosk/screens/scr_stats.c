/* Year figures: the four figures every centre reports (items lent, loans, borrowers, new
 * borrowers), a bar chart per month and one per category, and a year picker. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void stats_enter(UiState *st, const void *args, UiEffects *fx);
static void stats_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void stats_view(const UiState *st, UiDrawList *dl, UiRect area);
static void load(UiState *st, UiEffects *fx);

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
    y += touch + gap;

    bool loaded = st->stats.loaded && st->stats.data.year == st->stats.year;
    const UiStats *s = &st->stats.data;
    struct {
        const char *id;
        UiMsg msg;
        int64_t v;
    } figs[4] = {
        {"stats.items", UI_MSG_STATS_ITEMS, loaded ? s->items_lent : 0},
        {"stats.loans", UI_MSG_STATS_LOANS, loaded ? s->loans : 0},
        {"stats.borrowers", UI_MSG_STATS_BORROWERS, loaded ? s->borrowers : 0},
        {"stats.new", UI_MSG_STATS_NEW, loaded ? s->new_borrowers : 0},
    };
    int tw = (area.w - 2 * pad - 3 * gap) / 4;
    int th = ui__px(st, 104);
    for (int i = 0; i < 4; i++) {
        UiRect r = ui__rect_make(pad + i * (tw + gap), y, tw, th);
        ui__fill(dl, r, ui__col(st, UI_COL_PANEL));
        ui__frame(dl, r, ui__col(st, UI_COL_FRAME), 1);
        ui__sprintf(text, sizeof text, "%lld", (long long)figs[i].v);
        ui__label(dl, st, figs[i].id, ui__rect_make(r.x, r.y + gap, r.w, ui__px(st, 60)),
                  UI_FONT_HUGE, UI_COL_BUTTON, UI_ALIGN_CENTER, loaded ? text : "-");
        ui__text(dl, st,
                 ui__rect_make(r.x + gap, r.y + ui__px(st, 68), r.w - 2 * gap, ui__px(st, 30)),
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
    if (!loaded)
        return;
    if (s->items_lent == 0) {
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
    for (int i = 0; i < 12; i++)
        max = s->month_items[i] > max ? s->month_items[i] : max;
    int top = mc.y + lh + gap + ui__px(st, 22);
    int base = mc.y + mc.h - ui__px(st, 28);
    int slot = (mc.w - 2 * gap) / 12;
    for (int i = 0; i < 12; i++) {
        int bh = (int)((base - top) * s->month_items[i] / max);
        int bx = mc.x + gap + i * slot + slot / 6;
        int bwid = slot * 2 / 3;
        char id[UI_ID_MAX];
        UiRect bar = ui__rect_make(bx, base - bh, bwid, bh);
        ui__fill(dl, bar, ui__col(st, UI_COL_CHART));
        ui__sprintf(id, sizeof id, "stats.month.%d", i + 1);
        ui__sprintf(text, sizeof text, "%lld", (long long)s->month_items[i]);
        ui__widget(dl, id, UI_W_BAR, bar, text);
        if (s->month_items[i])
            ui__text(dl, st,
                     ui__rect_make(mc.x + gap + i * slot, base - bh - ui__px(st, 22), slot,
                                   ui__px(st, 22)),
                     UI_FONT_SMALL, ui__col(st, UI_COL_TEXT), UI_ALIGN_CENTER, text);
        ui__text(dl, st, ui__rect_make(mc.x + gap + i * slot, base + 2, slot, ui__px(st, 24)),
                 UI_FONT_SMALL, ui__col(st, UI_COL_MUTED), UI_ALIGN_CENTER, months[i]);
    }
    int ry = cc.y + lh + gap;
    int rh = ui__px(st, 32);
    int name_w = cc.w * 36 / 100;
    int num_w = ui__px(st, 56);
    /* every category, or as many as fit (most lent first) and one "other" row for the rest */
    int fit = (cc.y + cc.h - gap - ry + 2) / (rh + 2);
    int shown = s->n_cats;
    if (s->n_cats_more > 0 || s->n_cats > fit)
        shown = (fit - 1 < s->n_cats ? fit - 1 : s->n_cats);
    if (shown < 0)
        shown = 0;
    int other_n = s->n_cats - shown + s->n_cats_more;
    int64_t other_items = s->cat_more_items;
    for (int i = shown; i < s->n_cats; i++)
        other_items += s->cat_items[i];
    int64_t cmax = other_n > 0 && other_items > 1 ? other_items : 1;
    for (int i = 0; i < s->n_cats; i++)
        cmax = s->cat_items[i] > cmax ? s->cat_items[i] : cmax;
    char other_name[UI_TEXT_MAX];
    ui__sprintf(text, sizeof text, "%d", other_n);
    ui_format(other_name, sizeof other_name, ui_t(st, UI_MSG_STATS_OTHER), text, NULL);
    for (int i = 0; i < shown + (other_n > 0); i++) {
        bool other = i == shown;
        const char *name = other ? other_name : s->cat_name[i];
        int64_t items = other ? other_items : s->cat_items[i];
        ui__text(dl, st, ui__rect_make(cc.x + gap, ry, name_w - gap, rh), UI_FONT_SMALL,
                 ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, name);
        int full = cc.w - name_w - num_w - 2 * gap;
        int bl = (int)(full * items / cmax);
        UiRect bar = ui__rect_make(cc.x + name_w, ry + rh / 6, bl, rh * 2 / 3);
        ui__fill(dl, bar, ui__col(st, UI_COL_CHART));
        ui__sprintf(text, sizeof text, "%lld", (long long)items);
        char id[UI_ID_MAX];
        if (other)
            ui__copy(id, sizeof id, "stats.cat.other");
        else
            ui__sprintf(id, sizeof id, "stats.cat.%d", i);
        char wtext[UI_TEXT_MAX];
        ui__sprintf(wtext, sizeof wtext, "%s %s", name, text);
        ui__widget(dl, id, UI_W_BAR, bar, wtext);
        ui__text(dl, st, ui__rect_make(cc.x + name_w + bl + 4, ry, num_w, rh), UI_FONT_SMALL,
                 ui__col(st, UI_COL_TEXT), UI_ALIGN_LEFT, text);
        ry += rh + 2;
    }
}

static void load(UiState *st, UiEffects *fx)
{
    UiFx *f = ui__fx(fx, UI_FX_STATS);
    f->stats.year = st->stats.year;
}
