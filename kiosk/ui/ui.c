/* kiosk_ui core: the common part of every screen (clock, idle logout with its countdown, hints,
 * store failures, the top bar) and the dispatch to the current screen's table.
 *
 * Start reading at ui_update(): an event first updates the clock and the idle timer, result
 * events settle the busy count and store failures, then the current screen gets the event.
 * ui_view() draws the top bar, the screen's content, the countdown and the hint. */
#include "ui.h"

#include "ui_int.h"

#include <stdio.h>
#include <string.h>

static const UiScreen *const screens[UI_SCR_COUNT] = {
#define UI_SCR_TABLE(id, name, table, type, member) [UI_SCR_##id] = &table,
    UI_SCREEN_MAP(UI_SCR_TABLE)
#undef UI_SCR_TABLE
};

static const char *const screen_names[UI_SCR_COUNT] = {
#define UI_SCR_NAME(id, name, table, type, member) [UI_SCR_##id] = name,
    UI_SCREEN_MAP(UI_SCR_NAME)
#undef UI_SCR_NAME
};

static const char *const sound_names[UI_SOUND_COUNT] = {
#define UI_SOUND_NAME(name, key) [UI_SOUND_##name] = key,
    UI_SOUND_MAP(UI_SOUND_NAME)
#undef UI_SOUND_NAME
};

static bool wants_text(const UiState *st);
static void count_busy(UiState *st, const UiEffects *fx);
static bool idle_applies(const UiState *st);
static int idle_timeout_ms(const UiState *st);
static int64_t idle_deadline(const UiState *st);
/* Where the parts of the top bar go: title, who is logged in, the screen's "Back" and "Log out"
 * (w 0 when the screen has none), laid out from the metrics in the config. */
typedef struct TopBar {
    UiRect bar;
    UiRect title;
    UiRect who;
    UiRect back;
    UiRect logout;
} TopBar;

static TopBar top_bar(const UiState *st);
static void view_top_bar(const UiState *st, UiDrawList *dl);

const char *ui_screen_name(UiScreenId id)
{
    return (unsigned)id < UI_SCR_COUNT ? screen_names[id] : "?";
}

const char *ui_lang_name(UiLang lang)
{
    return lang == UI_LANG_EN ? "en" : "nb";
}

bool ui_lang_parse(const char *name, UiLang *out)
{
    if (strcmp(name, "nb") == 0 || strcmp(name, "no") == 0) {
        *out = UI_LANG_NB;
        return true;
    }
    if (strcmp(name, "en") == 0) {
        *out = UI_LANG_EN;
        return true;
    }
    return false;
}

const char *ui_sound_name(UiSound s)
{
    return (unsigned)s < UI_SOUND_COUNT ? sound_names[s] : "?";
}

void ui_event_init(UiEvent *ev, UiEvKind kind)
{
    memset(ev, 0, sizeof *ev);
    ev->kind = kind;
}

bool ui_event_is_result(UiEvKind kind)
{
    static const bool result[UI_EV_COUNT] = {
#define UI_EV_RESULT(name, member, type, res) [UI_EV_##name] = res,
        UI_EV_MAP(UI_EV_RESULT)
#undef UI_EV_RESULT
    };
    return (unsigned)kind < UI_EV_COUNT && result[kind];
}

void ui_effects_clear(UiEffects *fx)
{
    fx->n = 0;
}

void ui_init(UiState *st, const UiConfig *cfg, const UiCatalog *cat, int w, int h, int64_t now_ms)
{
    memset(st, 0, sizeof *st);
    st->cfg = *cfg;
    st->cat = cat;
    st->lang = cfg->lang;
    st->screen = UI_SCR_HOME;
    st->w = w;
    st->h = h;
    st->now_ms = now_ms;
    st->last_input_ms = now_ms;
    st->session.lend_for = -1;
}

void ui_set_year(UiState *st, int year)
{
    st->year_now = year;
}

const char *ui_t(const UiState *st, UiMsg msg)
{
    return ui_catalog_get(st->cat, st->lang, msg);
}

int ui_scale(const UiState *st)
{
    int sx = st->w * 1000 / 1024;
    int sy = st->h * 1000 / 600;
    int s = sx < sy ? sx : sy;
    return s < 500 ? 500 : s;
}

void ui_update(UiState *st, const UiEvent *ev, UiEffects *fx)
{
    ui_effects_clear(fx);
    if (ev->h.now_ms > st->now_ms)
        st->now_ms = ev->h.now_ms;

    switch (ev->kind) {
    case UI_EV_TICK:
        if (st->toast.until_ms && st->now_ms >= st->toast.until_ms)
            st->toast.until_ms = 0;
        if (idle_applies(st) && st->now_ms >= idle_deadline(st)) {
            /* idle logout, unless the screen finishes something first (the basket lends what
             * was accepted) */
            const UiScreen *scr = screens[st->screen];
            if (scr->on_idle && scr->on_idle(st, fx))
                st->last_input_ms = st->now_ms;
            else
                ui__logout(st, fx);
            count_busy(st, fx);
            return;
        }
        break;
    case UI_EV_RESIZE:
        st->w = ev->resize.w;
        st->h = ev->resize.height;
        return;
    case UI_EV_SCAN_REJECTED:
        /* a misread label: a calm hint and the refusal tone, nothing added, the screen stays */
        st->last_input_ms = st->now_ms;
        ui__toastf(st, UI_TONE_WARN, UI_MSG_COMMON_SCAN_AGAIN, NULL, NULL);
        ui__sound(st, fx, UI_SOUND_REFUSED);
        return;
    case UI_EV_PRESS:
    case UI_EV_TEXT:
    case UI_EV_KEY:
    case UI_EV_SCAN:
        st->last_input_ms = st->now_ms;
        if (ev->kind == UI_EV_PRESS &&
            (strcmp(ev->press.id, "idle.stay") == 0 || strcmp(ev->press.id, "idle.overlay") == 0))
            return;
        if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "top.logout") == 0) {
            ui__logout(st, fx);
            return;
        }
        if (ev->kind == UI_EV_PRESS && strcmp(ev->press.id, "toast") == 0) {
            st->toast.until_ms = 0;
            return;
        }
        if ((ev->kind == UI_EV_TEXT || ev->kind == UI_EV_KEY) && !wants_text(st)) {
            /* a keyboard(-wedge) scanner types the code and Enter where no field has focus */
            if (ev->kind == UI_EV_TEXT) {
                ui__append(st->typed, sizeof st->typed, ev->text.text);
                return;
            }
            if (ev->key.key == UI_KEY_BACKSPACE) {
                ui__utf8_pop(st->typed);
                return;
            }
            if (ev->key.key != UI_KEY_ENTER || !st->typed[0])
                return;
            UiEvent scan;
            ui_event_init(&scan, UI_EV_SCAN);
            scan.h.now_ms = st->now_ms;
            ui__copy(scan.scan.code, sizeof scan.scan.code, st->typed);
            st->typed[0] = '\0';
            screens[st->screen]->update(st, &scan, fx);
            count_busy(st, fx);
            return;
        }
        break;
    case UI_EV_LOANS_PART:
        /* the logged-in borrower's open loans, after UI_EV_IDENTIFIED logged them in */
        if (ev->loans_part.borrower_id && ev->loans_part.borrower_id == st->session.borrower.id) {
            for (int i = 0; i < ev->loans_part.n && st->session.n_loans < UI_LOANS_MAX; i++)
                st->session.loans[st->session.n_loans++] = ev->loans_part.loan[i];
        }
        return;
    case UI_EV_CO_PART:
        if (ev->co_part.borrower_id && ev->co_part.borrower_id == st->session.borrower.id) {
            for (int i = 0; i < ev->co_part.n && st->session.n_co < UI_CO_MAX; i++)
                st->session.co[st->session.n_co++] = ev->co_part.co[i];
        }
        return;
    default:
        if (ui_event_is_result(ev->kind)) {
            if (st->busy > 0)
                st->busy--;
            if (ev->h.result == UI_R_STORE) {
                ui__copy(st->store_error, sizeof st->store_error, ev->h.detail);
                ui__toast(st, UI_TONE_WARN, ui_t(st, UI_MSG_COMMON_STORE_ERROR));
                st->toast.until_ms = st->now_ms + 3 * (int64_t)st->cfg.toast_ms;
            }
        }
        break;
    }
    screens[st->screen]->update(st, ev, fx);
    count_busy(st, fx);
}

void ui_view(const UiState *st, UiDrawList *dl)
{
    dl->n_cmd = 0;
    dl->n_widget = 0;
    int bar_h = ui__bar_h(st);
    ui__fill(dl, ui__rect_make(0, 0, st->w, st->h), ui__col(st, UI_COL_BG));
    view_top_bar(st, dl);

    UiRect area = ui__rect_make(0, bar_h, st->w, st->h - bar_h);
    screens[st->screen]->view(st, dl, area);

    int pad = ui__px(st, 12);
    if (idle_applies(st)) {
        int64_t left = idle_deadline(st) - st->now_ms;
        if (left <= (int64_t)st->cfg.idle_warn_s * 1000) {
            /* "are you still there?": the screen dims, any touch (or scan) keeps the session */
            char secs[16];
            char text[UI_TEXT_MAX];
            ui__sprintf(secs, sizeof secs, "%d", (int)((left + 999) / 1000));
            int n_secs = (int)((left + 999) / 1000);
            ui_format(text, sizeof text,
                      ui_t(st, n_secs == 1 ? UI_MSG_COMMON_IDLE_ONE : UI_MSG_COMMON_IDLE), secs,
                      NULL);
            UiColor dim = {0, 0, 0, 150};
            UiRect all = ui__rect_make(0, 0, st->w, st->h);
            ui__fill(dl, all, dim);
            ui__widget(dl, "idle.overlay", UI_W_BUTTON, all, "");
            int pw = st->w * 7 / 10;
            int ph = ui__px(st, 220);
            UiRect r = ui__rect_make((st->w - pw) / 2, (st->h - ph) / 2, pw, ph);
            ui__panel(dl, st, r, UI_TONE_WARN);
            ui__label(dl, st, "idle.ask",
                      ui__rect_make(r.x + pad * 2, r.y + pad, r.w - pad * 4, ui__px(st, 56)),
                      UI_FONT_TITLE, UI_COL_TEXT, UI_ALIGN_CENTER,
                      ui_t(st, UI_MSG_COMMON_IDLE_ASK));
            ui__label(dl, st, "idle.countdown",
                      ui__rect_make(r.x + pad * 2, r.y + pad + ui__px(st, 58), r.w - pad * 4,
                                    ui__px(st, 48)),
                      UI_FONT_LARGE, UI_COL_WARN, UI_ALIGN_CENTER, text);
            int bw = ui__px(st, 320);
            ui__button(dl, st, "idle.stay",
                       ui__rect_make(r.x + (r.w - bw) / 2, r.y + r.h - ui__touch(st) - 2 * pad, bw,
                                     ui__touch(st)),
                       ui_t(st, UI_MSG_COMMON_STAY), UI_STYLE_PRIMARY);
        }
    }
    if (st->toast.until_ms > st->now_ms && st->toast.text[0]) {
        /* hints sit in the top bar, left of its button, so they never hide a field, a key or
         * an item; a hint takes no touch */
        bool detail = st->toast.tone == UI_TONE_WARN && st->store_error[0] && st->session.staff.id;
        TopBar t = top_bar(st);
        int right = t.back.w ? t.back.x : t.logout.w ? t.logout.x : st->w;
        UiRect r = ui__rect_make(pad, ui__px(st, 6), right - 2 * pad, bar_h - ui__px(st, 12));
        ui__panel(dl, st, r, st->toast.tone);
        ui__frame(dl, r, ui__col(st, UI_COL_MUTED), ui__px(st, 2));
        ui__widget(dl, "toast", UI_W_LABEL, r, st->toast.text);
        UiColorId c = st->toast.tone == UI_TONE_BAD    ? UI_COL_BAD
                      : st->toast.tone == UI_TONE_OK   ? UI_COL_OK
                      : st->toast.tone == UI_TONE_WARN ? UI_COL_WARN
                                                       : UI_COL_TEXT;
        UiRect line = ui__rect_make(r.x + pad * 2, r.y, r.w - pad * 3, detail ? r.h / 2 : r.h);
        ui__text(dl, st, line, detail ? UI_FONT_BODY : UI_FONT_LARGE, ui__col(st, c), UI_ALIGN_LEFT,
                 st->toast.text);
        if (detail) {
            char text[UI_TEXT_MAX];
            ui_format(text, sizeof text, ui_t(st, UI_MSG_COMMON_STAFF_DETAIL), st->store_error,
                      NULL);
            line.y += r.h / 2;
            ui__text(dl, st, line, UI_FONT_SMALL, ui__col(st, UI_COL_MUTED), UI_ALIGN_LEFT, text);
        }
    }
}

int64_t ui_next_deadline(const UiState *st)
{
    int64_t best = -1;
    int64_t cand[3] = {-1, -1, -1};
    if (st->toast.until_ms > st->now_ms)
        cand[0] = st->toast.until_ms;
    if (idle_applies(st)) {
        int64_t d = idle_deadline(st);
        int64_t warn = d - (int64_t)st->cfg.idle_warn_s * 1000;
        if (st->now_ms < warn)
            cand[1] = warn;
        else /* the countdown shows whole seconds */
            cand[1] = st->now_ms + ((d - st->now_ms) % 1000 ? (d - st->now_ms) % 1000 : 1000);
    }
    if (screens[st->screen]->deadline)
        cand[2] = screens[st->screen]->deadline(st);
    for (int i = 0; i < 3; i++) {
        if (cand[i] >= 0 && (best < 0 || cand[i] < best))
            best = cand[i];
    }
    return best;
}

/* ---- shared helpers ------------------------------------------------------------------------ */

UiFx *ui__fx(UiEffects *fx, UiFxKind kind)
{
    ui__expect(fx->n < UI_FX_MAX); /* more effects for one event is a bug in a screen */
    UiFx *f = &fx->fx[fx->n++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    return f;
}

void ui__sound(const UiState *st, UiEffects *fx, UiSound s)
{
    if (!st->cfg.sound)
        return;
    UiFx *f = ui__fx(fx, UI_FX_SOUND);
    f->sound.sound = s;
}

void ui__toast(UiState *st, UiTone tone, const char *text)
{
    ui__copy(st->toast.text, sizeof st->toast.text, text);
    st->toast.tone = tone;
    st->toast.until_ms = st->now_ms + st->cfg.toast_ms;
}

void ui__toast_clear(UiState *st)
{
    st->toast.until_ms = 0;
}

void ui__toastf(UiState *st, UiTone tone, UiMsg msg, const char *a1, const char *a2)
{
    char text[UI_TEXT_MAX];
    ui_format(text, sizeof text, ui_t(st, msg), a1, a2);
    ui__toast(st, tone, text);
}

void ui__toast_code(UiState *st, UiMsg msg, const char *code)
{
    size_t n = strlen(code);
    bool pin_like = n >= UI_PIN_MIN && n <= UI_PIN_MAX && strspn(code, "0123456789") == n;
    if (pin_like)
        ui__toastf(st, UI_TONE_BAD, UI_MSG_COMMON_UNKNOWN_NUMBER, NULL, NULL);
    else
        ui__toastf(st, UI_TONE_BAD, msg, code, NULL);
}

void ui__go(UiState *st, UiScreenId screen, const void *args, UiEffects *fx)
{
    st->screen = screen;
    st->typed[0] = '\0';
    st->toast.until_ms = 0; /* a hint belongs to the screen it was given on */
    st->shift = false;
    if (screens[screen]->enter)
        screens[screen]->enter(st, args, fx);
}

void ui__redirect(UiState *st, UiScreenId screen, const void *args, const UiEvent *ev,
                  UiEffects *fx)
{
    ui__go(st, screen, args, fx);
    screens[screen]->update(st, ev, fx);
}

void ui__login(UiState *st, const UiPerson *who, int n_overdue, UiEffects *fx)
{
    st->session.borrower = *who;
    st->session.n_co = 0;
    st->session.n_loans = 0;
    st->session.n_overdue = n_overdue;
    st->session.lend_for = -1;
    ui__sound(st, fx, UI_SOUND_OK);
    /* new terms since they last accepted: asked before anything else (scr_terms) */
    ui__go(st, who->terms_due ? UI_SCR_TERMS : UI_SCR_BASKET, NULL, fx);
}

void ui__logout(UiState *st, UiEffects *fx)
{
    bool had_session = st->session.borrower.id || st->session.staff.id;
    memset(&st->session.borrower, 0, sizeof st->session.borrower);
    memset(&st->session.staff, 0, sizeof st->session.staff);
    st->session.role = UI_ROLE_NONE;
    st->session.n_co = 0;
    st->session.lend_for = -1;
    st->session.n_loans = 0;
    st->session.n_overdue = 0;
    st->store_error[0] = '\0';
    st->lang = st->cfg.lang;
    if (had_session)
        ui__fx(fx, UI_FX_LOGGED_OUT);
    ui__go(st, UI_SCR_HOME, NULL, fx);
}

void ui__set_shift(UiState *st, bool on)
{
    st->shift = on;
}

void ui__set_lang(UiState *st, UiLang lang)
{
    st->lang = lang;
}

const UiPerson *ui__lend_for(const UiState *st)
{
    if (st->session.lend_for >= 0 && st->session.lend_for < st->session.n_co)
        return &st->session.co[st->session.lend_for];
    return &st->session.borrower;
}

int64_t ui__staff_id(const UiState *st)
{
    return st->session.staff.id;
}

static const struct {
    UiMsg reason;
    UiMsg label;
    bool overridable;
    UiTone tone;
} results[UI_R_COUNT] = {
#define UI_R_ROW(name, reason, label, overridable, tone, inv)                                      \
    [UI_R_##name] = {UI_MSG_##reason, UI_MSG_##label, overridable, UI_TONE_##tone},
    UI_RESULT_MAP(UI_R_ROW)
#undef UI_R_ROW
};

const char *ui__reason(const UiState *st, UiResult r)
{
    if ((unsigned)r >= UI_R_COUNT)
        r = UI_R_STORE;
    return ui_t(st, results[r].reason);
}

const char *ui__reason_label(const UiState *st, UiResult r)
{
    if ((unsigned)r >= UI_R_COUNT)
        r = UI_R_STORE;
    return ui_t(st, results[r].label);
}

bool ui__overridable(UiResult r)
{
    return (unsigned)r < UI_R_COUNT && results[r].overridable;
}

UiTone ui__result_tone(UiResult r)
{
    return (unsigned)r < UI_R_COUNT ? results[r].tone : UI_TONE_WARN;
}

void ui__word(const char *list, int i, char *buf, size_t size)
{
    const char *m = list;
    buf[0] = '\0';
    for (int k = 0; *m; k++) {
        while (*m == ' ')
            m++;
        size_t n = 0;
        while (m[n] && m[n] != ' ')
            n++;
        if (k == i) {
            if (n >= size)
                n = size - 1;
            memcpy(buf, m, n);
            buf[n] = '\0';
            return;
        }
        m += n;
    }
}

void ui_date_text(const UiState *st, UiDate date, bool with_weekday, char *buf, size_t size)
{
    char day[8];
    char month[32];
    char dm[UI_DATE_MAX];
    buf[0] = '\0';
    if (date.year == 0 || date.month < 1 || date.month > 12)
        return;
    ui__sprintf(day, sizeof day, "%d", date.day);
    ui__word(ui_t(st, UI_MSG_MONTH_NAMES), date.month - 1, month, sizeof month);
    ui_format(dm, sizeof dm, ui_t(st, UI_MSG_DATE_DAY), day, month);
    if (with_weekday && date.weekday >= 1 && date.weekday <= 7) {
        char wd[32];
        ui__word(ui_t(st, UI_MSG_WEEKDAYS), date.weekday - 1, wd, sizeof wd);
        ui__sprintf(buf, size, "%s %s", wd, dm);
    } else {
        ui__copy(buf, size, dm);
    }
    if (date.year != st->year_now) {
        char year[16];
        ui__sprintf(year, sizeof year, " %d", date.year);
        ui__append(buf, size, year);
    }
}

bool ui_text_is_secret(const UiState *st)
{
    const UiScreen *scr = screens[st->screen];
    return scr->secret_text && scr->secret_text(st);
}

const char *ui__status(const UiState *st, UiItemStatus s)
{
    static const UiMsg msgs[UI_ITEM_COUNT] = {
#define UI_ITEM_MSG(name, msg) [UI_ITEM_##name] = UI_MSG_##msg,
        UI_ITEM_STATUS_MAP(UI_ITEM_MSG)
#undef UI_ITEM_MSG
    };
    return (unsigned)s < UI_ITEM_COUNT ? ui_t(st, msgs[s]) : "?";
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Typed text goes into a field (else it is a keyboard scanner's code). */
static bool wants_text(const UiState *st)
{
    const UiScreen *scr = screens[st->screen];
    return scr->wants_text && scr->wants_text(st);
}

/* Every effect that expects an answer counts as busy until it comes. */
static void count_busy(UiState *st, const UiEffects *fx)
{
    for (int i = 0; i < fx->n; i++) {
        if (fx->fx[i].kind != UI_FX_SOUND && fx->fx[i].kind != UI_FX_LOGGED_OUT)
            st->busy++;
    }
}

static bool idle_applies(const UiState *st)
{
    return screens[st->screen]->idle_logout;
}

static int idle_timeout_ms(const UiState *st)
{
    return (st->session.staff.id ? st->cfg.idle_staff_s : st->cfg.idle_self_s) * 1000;
}

static int64_t idle_deadline(const UiState *st)
{
    return st->last_input_ms + idle_timeout_ms(st);
}

static TopBar top_bar(const UiState *st)
{
    const UiScreen *scr = screens[st->screen];
    int pad = ui__px(st, st->cfg.top_pad_px);
    TopBar t;
    memset(&t, 0, sizeof t);
    t.bar = ui__rect_make(0, 0, st->w, ui__bar_h(st));
    int widths[4] = {ui__px(st, st->cfg.top_title_px), 0};
    int n = 2;
    if (scr->has_back)
        widths[n++] = ui__px(st, st->cfg.top_back_px);
    if (scr->top_logout)
        widths[n++] = ui__px(st, st->cfg.top_logout_px);
    UiLayout lay = ui__layout(ui__rect_make(2 * pad, 0, st->w - 3 * pad, t.bar.h), pad);
    ui__row(&lay, n, widths, t.bar.h);
    t.title = ui__next(&lay);
    t.who = ui__next(&lay);
    /* buttons are touch targets centred in the bar (as high as the bar at most) */
    int touch = ui__touch(st) < t.bar.h ? ui__touch(st) : t.bar.h;
    if (scr->has_back) {
        t.back = ui__next(&lay);
        t.back.y = (t.bar.h - touch) / 2;
        t.back.h = touch;
    }
    if (scr->top_logout) {
        t.logout = ui__next(&lay);
        t.logout.y = (t.bar.h - touch) / 2;
        t.logout.h = touch;
    }
    return t;
}

static void view_top_bar(const UiState *st, UiDrawList *dl)
{
    TopBar t = top_bar(st);
    ui__fill(dl, t.bar, ui__col(st, UI_COL_BAR));
    const UiScreen *scr = screens[st->screen];
    UiMsg tmsg = scr->title ? scr->title(st) : scr->title_msg;
    ui__label(dl, st, "top.title", t.title, UI_FONT_TITLE, UI_COL_BAR_TEXT, UI_ALIGN_LEFT,
              ui_t(st, tmsg));

    char who[UI_TEXT_MAX] = "";
    if (st->session.staff.id) {
        ui_format(who, sizeof who, ui_t(st, UI_MSG_COMMON_STAFF_BY), st->session.staff.name, NULL);
        if (st->session.borrower.id) {
            ui__append(who, sizeof who, "  ·  ");
            ui__append(who, sizeof who, st->session.borrower.name);
        }
    } else if (st->session.borrower.id) {
        ui__copy(who, sizeof who, st->session.borrower.name);
    }
    if (who[0])
        ui__label(dl, st, "top.who", t.who, UI_FONT_BODY, UI_COL_BAR_TEXT, UI_ALIGN_RIGHT, who);
    if (scr->top_logout) {
        bool session = st->session.borrower.id || st->session.staff.id;
        ui__button(dl, st, "top.logout", t.logout,
                   ui_t(st, session ? UI_MSG_COMMON_LOGOUT : UI_MSG_COMMON_BACK),
                   UI_STYLE_SECONDARY);
    }
}

UiRect ui__back_rect(const UiState *st)
{
    return top_bar(st).back;
}
