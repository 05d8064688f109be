/* Privacy: everything stored about one borrower, for staff, read from the store when the screen
 * opens (the store logs who looked); a heading per part (registration, loans, who looked ...),
 * then its lines, in pages. A leader sees "Delete person": the first tap asks, the second one
 * deletes (the store refuses while items are on loan, naming them). After a deletion the person
 * is gone from the session and staff are back on their screen. */
#include "../ui/ui_int.h"

#include <stdio.h>
#include <string.h>

static void privacy_enter(UiState *st, const void *args, UiEffects *fx);
static void privacy_update(UiState *st, const UiEvent *ev, UiEffects *fx);
static void privacy_view(const UiState *st, UiDrawList *dl, UiRect area);
static void erased(UiState *st, const UiEvDone *ev, UiEffects *fx);
static const char *section_title(const UiState *st, const char *section);

const UiScreen scr_privacy = {
    .enter = privacy_enter,
    .update = privacy_update,
    .view = privacy_view,
    .title_msg = UI_MSG_PRIV_TITLE,
    .has_back = true,
    .idle_logout = true,
    .top_logout = true,
};

/* The store's sections and their headings. */
static const struct {
    const char *section;
    UiMsg msg;
} sections[] = {
    {"person", UI_MSG_PRIV_SEC_PERSON},
    {"responsible_adult", UI_MSG_PRIV_SEC_ADULT},
    {"children", UI_MSG_PRIV_SEC_CHILDREN},
    {"consents_given", UI_MSG_PRIV_SEC_CONSENTS},
    {"loans", UI_MSG_PRIV_SEC_LOANS},
    {"renewals", UI_MSG_PRIV_SEC_RENEWALS},
    {"reservations", UI_MSG_PRIV_SEC_RESERVATIONS},
    {"changes", UI_MSG_PRIV_SEC_CHANGES},
    {"cards_replaced", UI_MSG_PRIV_SEC_CARDS},
    {"access_log", UI_MSG_PRIV_SEC_ACCESS},
    {"messages", UI_MSG_PRIV_SEC_MESSAGES},
};

/* args: ScrPrivacyArgs, required */
static void privacy_enter(UiState *st, const void *args, UiEffects *fx)
{
    const ScrPrivacyArgs *a = args;
    ui__expect(a != NULL && a->who != NULL);
    memset(&st->privacy, 0, sizeof st->privacy);
    st->privacy.who = *a->who;
    UiFxAccess *r = &ui__fx(fx, UI_FX_EXPORT)->export_data;
    r->borrower_id = a->who->id;
    r->staff_id = ui__staff_id(st);
}

static void privacy_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ScrPrivacy *p = &st->privacy;
    if (!st->session.staff.id) {
        ui__go(st, UI_SCR_HOME, NULL, fx);
        return;
    }
    switch (ev->kind) {
    case UI_EV_EXPORT:
        if (ev->export_info.borrower_id != p->who.id)
            break;
        if (ev->h.result == UI_R_OK) {
            p->loaded = true;
            p->total = ev->export_info.total;
            p->n = 0;
        } else if (ev->h.result != UI_R_STORE) {
            ui__toastf(st, UI_TONE_BAD, UI_MSG_PRIV_REFUSED, ui__reason(st, ev->h.result), NULL);
        }
        break;
    case UI_EV_EXPORT_PART:
        for (int k = 0; k < ev->export_part.n; k++) {
            int at = ev->export_part.first + k;
            if (at >= 0 && at < UI_EXPORT_MAX && at == p->n)
                p->line[p->n++] = ev->export_part.line[k];
        }
        break;
    case UI_EV_DONE:
        if (ev->done.of == UI_FX_ERASE)
            erased(st, &ev->done, fx);
        break;
    case UI_EV_IDENTIFIED: /* the borrower as stored now: back to the basket */
        if (ev->h.result == UI_R_OK && ev->identified.who == UI_WHO_BORROWER)
            ui__login(st, &ev->identified.borrower, ev->identified.n_overdue, fx);
        break;
    case UI_EV_PRESS: {
        const char *id = ev->press.id;
        int i = -1;
        if (strcmp(id, "privacy.back") == 0) {
            ui__fx(fx, UI_FX_LOAD_BORROWER)->load_borrower.id = p->who.id;
        } else if ((i = ui__index(id, "privacy.down.")) >= 0 && i < p->n) {
            p->skip = i; /* the id says where the next page starts */
        } else if (strcmp(id, "privacy.up") == 0) {
            p->skip = 0;
        } else if (strcmp(id, "privacy.erase") == 0 && st->session.role == UI_ROLE_LEADER &&
                   !p->erasing) {
            if (!p->confirm) {
                p->confirm = true; /* a deletion cannot be undone: a second tap */
            } else {
                p->confirm = false;
                p->erasing = true;
                UiFxErase *r = &ui__fx(fx, UI_FX_ERASE)->erase;
                ui__copy(r->card, sizeof r->card, p->who.card);
                r->staff_id = ui__staff_id(st);
            }
        } else {
            p->confirm = false; /* any other tap takes the question back */
        }
        break;
    }
    default:
        break;
    }
}

static void privacy_view(const UiState *st, UiDrawList *dl, UiRect area)
{
    const ScrPrivacy *p = &st->privacy;
    int pad = ui__px(st, 16);
    int gap = ui__px(st, 8);
    int touch = ui__touch(st);
    int x = pad;
    int w = area.w - 2 * pad;
    int y = area.y + pad;
    char text[UI_TEXT_MAX];
    char id[UI_ID_MAX];

    ui__button(dl, st, "privacy.back", ui__back_rect(st), ui_t(st, UI_MSG_COMMON_BACK),
               UI_STYLE_SECONDARY);
    bool leader = st->session.role == UI_ROLE_LEADER;
    int ew = leader ? ui__px(st, 420) : 0;
    ui_format(text, sizeof text, ui_t(st, UI_MSG_PRIV_HEAD), p->who.name, NULL);
    ui__label(dl, st, "privacy.head", ui__rect_make(x, y, w - ew - gap, touch), UI_FONT_LARGE,
              UI_COL_TEXT, UI_ALIGN_LEFT, text);
    if (leader) {
        char ask[UI_TEXT_MAX];
        ui_format(ask, sizeof ask, ui_t(st, UI_MSG_PRIV_ERASE_CONFIRM), p->who.name, NULL);
        const char *label = p->erasing   ? ui_t(st, UI_MSG_COMMON_WORKING)
                            : p->confirm ? ask
                                         : ui_t(st, UI_MSG_PRIV_ERASE);
        ui__button(dl, st, "privacy.erase", ui__rect_make(x + w - ew, y, ew, touch), label,
                   p->erasing ? UI_STYLE_DISABLED : UI_STYLE_DANGER);
    }
    y += touch + gap;
    if (!p->loaded) {
        ui__label(dl, st, "privacy.loading", ui__rect_make(x, y, w, touch), UI_FONT_BODY,
                  UI_COL_MUTED, UI_ALIGN_LEFT, ui_t(st, UI_MSG_PRIV_LOADING));
        return;
    }
    int bottom = area.y + area.h - pad - touch - gap; /* room for the paging row */
    int head_h = ui__px(st, 34);
    int line_h = ui__px(st, 28);
    int skip = p->skip < p->n ? p->skip : 0;
    int next = -1;
    for (int i = skip; i < p->n; i++) {
        const UiExportLine *l = &p->line[i];
        int h = l->head ? head_h : line_h;
        if (y + h + (l->head ? line_h : 0) > bottom) { /* a heading keeps its first line */
            next = i;
            break;
        }
        ui__sprintf(id, sizeof id, "privacy.line.%d", i);
        if (l->head) {
            ui__label(dl, st, id, ui__rect_make(x, y, w, h), UI_FONT_BODY, UI_COL_TEXT,
                      UI_ALIGN_LEFT, section_title(st, l->section));
        } else {
            ui__label(dl, st, id, ui__rect_make(x + ui__px(st, 24), y, w - ui__px(st, 24), h),
                      UI_FONT_SMALL, l->text[0] ? UI_COL_TEXT : UI_COL_MUTED, UI_ALIGN_LEFT,
                      l->text[0] ? l->text : ui_t(st, UI_MSG_PRIV_NONE));
        }
        y += h;
    }

    UiLayout lay = ui__layout(ui__rect_make(x, area.y + area.h - pad - touch, w, touch), gap);
    int nav_w = ui__px(st, 200);
    ui__row(&lay, 3, (int[]){nav_w, nav_w, 0}, touch);
    UiRect up = ui__next(&lay);
    UiRect down = ui__next(&lay);
    if (skip > 0)
        ui__button(dl, st, "privacy.up", up, ui_t(st, UI_MSG_LOANS_UP), UI_STYLE_SECONDARY);
    if (next >= 0) {
        ui__sprintf(id, sizeof id, "privacy.down.%d", next);
        ui__button(dl, st, id, down, ui_t(st, UI_MSG_LOANS_DOWN), UI_STYLE_SECONDARY);
    }
    if (p->total > p->n) {
        char more[16];
        ui__sprintf(more, sizeof more, "%d", p->total - p->n);
        ui_format(text, sizeof text, ui_t(st, UI_MSG_PRIV_MORE), more, NULL);
        ui__label(dl, st, "privacy.more", ui__next(&lay), UI_FONT_SMALL, UI_COL_MUTED,
                  UI_ALIGN_RIGHT, text);
    }
}

static void erased(UiState *st, const UiEvDone *ev, UiEffects *fx)
{
    ScrPrivacy *p = &st->privacy;
    p->erasing = false;
    if (ev->h.result == UI_R_OK) {
        char name[UI_NAME_MAX];
        ui__copy(name, sizeof name, p->who.name);
        /* the person is gone: out of the session, staff stay logged in */
        memset(&st->session.borrower, 0, sizeof st->session.borrower);
        st->session.n_co = 0;
        st->session.n_loans = 0;
        st->session.n_overdue = 0;
        st->session.lend_for = -1;
        ui__go(st, UI_SCR_STAFF, NULL, fx);
        ui__toastf(st, UI_TONE_OK, UI_MSG_PRIV_ERASED, name, NULL);
        ui__sound(st, fx, UI_SOUND_OK);
    } else if (ev->h.result != UI_R_STORE) {
        char why[UI_TEXT_MAX];
        if (ev->h.detail[0])
            ui__sprintf(why, sizeof why, "%s: %s", ui__reason(st, ev->h.result), ev->h.detail);
        else
            ui__copy(why, sizeof why, ui__reason(st, ev->h.result));
        ui__toastf(st, UI_TONE_BAD, UI_MSG_PRIV_REFUSED, why, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
    }
}

static const char *section_title(const UiState *st, const char *section)
{
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        if (strcmp(sections[i].section, section) == 0)
            return ui_t(st, sections[i].msg);
    }
    return section; /* a section added to the store later: its own name until translated */
}
