/* kiosk_ui unit tests: flows through the pure state machine (events in, effects and draw lists
 * out), the .po catalogues in assets/i18n, and layout rules checked on every screen: touch
 * targets of at least 64 px at 1024x600, nothing outside the screen, no overlapping buttons,
 * a draw list that never overflows (that aborts). Text is measured with a fixed-width fake. */
#include "check.h"
#include "ui.h"
#include "ui_harness.h"
#include "ui_int.h"
#include "ui_state.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The layout rules on the screen as it is now (see ui_harness.h). */
static void check_layout(const UiState *st, const char *what)
{
    uih_check_layout(st, what, 64);
}

/* The id of a widget on screen that starts with `prefix`, or NULL. */
static const char *widget(const UiState *st, const char *prefix)
{
    ui_view(st, &uih_dl);
    for (int i = 0; i < uih_dl.n_widget; i++) {
        if (strncmp(uih_dl.widget[i].id, prefix, strlen(prefix)) == 0)
            return uih_dl.widget[i].id;
    }
    return NULL;
}

static bool has_widget(const UiState *st, const char *id)
{
    const char *w = widget(st, id);
    return w != NULL && strcmp(w, id) == 0;
}

/* Logs in Kari with one co-borrower and one overdue loan. */
static void login(UiState *st, UiEffects *fx)
{
    uih_scan(st, "B-1001", fx);
    const UiFx *f = uih_find_fx(fx, UI_FX_IDENTIFY);
    CHECK(f != NULL);
    CHECK_STREQ(f->identify.code, "B-1001");
    /* the answer, then the borrower's co-borrowers and loans in parts */
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    UiEvIdentified *id = &ev.identified;
    id->who = UI_WHO_BORROWER;
    id->borrower.id = 7;
    snprintf(id->borrower.card, sizeof id->borrower.card, "B-1001");
    snprintf(id->borrower.name, sizeof id->borrower.name, "Kari Nordmann");
    id->n_co = 1;
    id->n_loans = 1;
    id->n_overdue = 1;
    uih_send(st, &ev, fx);
    CHECK_EQ(st->screen, UI_SCR_BASKET);
    CHECK(uih_has_sound(fx, UI_SOUND_OK));
    ui_event_init(&ev, UI_EV_CO_PART);
    ev.co_part.borrower_id = 7;
    ev.co_part.n = 1;
    ev.co_part.co[0].id = 8;
    snprintf(ev.co_part.co[0].name, sizeof ev.co_part.co[0].name, "Ola Nordmann");
    uih_send(st, &ev, fx);
    ui_event_init(&ev, UI_EV_LOANS_PART);
    UiEvLoansPart *lp = &ev.loans_part;
    lp->borrower_id = 7;
    lp->n = 1;
    snprintf(lp->loan[0].name, sizeof lp->loan[0].name, "Telt 2 personer");
    lp->loan[0].due = (UiDate){2026, 3, 1, 7};
    lp->loan[0].overdue = true;
    uih_send(st, &ev, fx);
    CHECK_EQ(st->session.n_co, 1);
    CHECK_EQ(st->session.n_loans, 1);
}

static void lend_checked(UiState *st, const char *code, UiResult r, const char *name, UiEffects *fx)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_LEND_CHECKED);
    snprintf(ev.lend_checked.code, sizeof ev.lend_checked.code, "%s", code);
    snprintf(ev.lend_checked.item.name, sizeof ev.lend_checked.item.name, "%s", name);
    ev.lend_checked.due = (UiDate){2026, 3, 20, 5};
    ev.h.result = r;
    uih_send(st, &ev, fx);
}

static void test_catalogue(void)
{
    /* both catalogues translate every message, with the same placeholders as the English */
    for (int lang = 0; lang < UI_LANG_COUNT; lang++) {
        for (int m = 0; m < UI_MSG_COUNT; m++) {
            CHECK(uih_cat.text[lang][m] != NULL);
            const char *en = ui_catalog_get(NULL, UI_LANG_EN, (UiMsg)m);
            const char *t = uih_cat.text[lang][m];
            CHECK_EQ(strstr(en, "{1}") != NULL, strstr(t, "{1}") != NULL);
            CHECK_EQ(strstr(en, "{2}") != NULL, strstr(t, "{2}") != NULL);
        }
    }
    CHECK_STREQ(ui_catalog_get(&uih_cat, UI_LANG_NB, UI_MSG_HOME_BORROW), "Lån");
    CHECK_STREQ(ui_catalog_get(&uih_cat, UI_LANG_EN, UI_MSG_HOME_RETURN), "Return");

    /* the reader: escapes, continued strings, fuzzy and unknown entries skipped, bad lines */
    UiCatalog c;
    ui_catalog_init(&c);
    const char *po = "# comment\nmsgid \"\"\nmsgstr \"Content-Type: x\\n\"\n\n"
                     "msgid \"home.borrow\"\nmsgstr \"L\\\"\"\n\"ån\"\n\n"
                     "#, fuzzy\nmsgid \"home.return\"\nmsgstr \"fuzzy\"\n\n"
                     "msgid \"no.such\"\nmsgstr \"x\"\n";
    char err[64];
    CHECK_EQ(ui_catalog_load_po(&c, UI_LANG_NB, po, strlen(po), err, sizeof err), 1);
    CHECK_STREQ(ui_catalog_get(&c, UI_LANG_NB, UI_MSG_HOME_BORROW), "L\"ån");
    CHECK_STREQ(ui_catalog_get(&c, UI_LANG_NB, UI_MSG_HOME_RETURN), "Return");
    const char *bad = "msgid \"home.borrow\"\nmsgstr \"unterminated\n";
    CHECK_EQ(ui_catalog_load_po(&c, UI_LANG_NB, bad, strlen(bad), err, sizeof err), -1);
    CHECK_STREQ(err, "2: cannot read this line");

    /* damaged files: random bytes and cut-off catalogues never crash or overrun (ASan) */
    unsigned seed = 12345;
    static char junk[4096];
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)(round * 13 % (int)sizeof junk);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            static const char alphabet[] = "msgidstr \"\\\n#,fuzzy[0]x\xC3\xA5";
            junk[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        ui_catalog_init(&c);
        int r = ui_catalog_load_po(&c, UI_LANG_EN, junk, n, err, sizeof err);
        CHECK(r >= -1 && r <= UI_MSG_COUNT);
    }
    char buf[16];
    ui_format(buf, sizeof buf, "{1} og {2}", "ski", "telt");
    CHECK_STREQ(buf, "ski og telt");
    ui_format(buf, 8, "{1}", "blåbærsyltetøy", NULL); /* 7 bytes: never half an "r" or "æ" */
    CHECK_STREQ(buf, "blåbæ");
}

/* Dates read as people say them, from the catalogue's names; the year only when it is not
 * this year. */
static void test_dates(void)
{
    static UiState st;
    char buf[UI_DATE_MAX];
    uih_setup(&st, 1024, 600);
    ui_date_text(&st, (UiDate){2026, 3, 17, 2}, true, buf, sizeof buf);
    CHECK_STREQ(buf, "tirsdag 17. mars");
    ui_date_text(&st, (UiDate){2026, 3, 9, 1}, false, buf, sizeof buf);
    CHECK_STREQ(buf, "9. mars");
    ui_date_text(&st, (UiDate){2027, 1, 4, 1}, true, buf, sizeof buf);
    CHECK_STREQ(buf, "mandag 4. januar 2027");
    ui_date_text(&st, (UiDate){0, 0, 0, 0}, true, buf, sizeof buf);
    CHECK_STREQ(buf, "");
    st.lang = UI_LANG_EN;
    ui_date_text(&st, (UiDate){2026, 3, 17, 2}, true, buf, sizeof buf);
    CHECK_STREQ(buf, "Tuesday 17 March");
    ui_date_text(&st, (UiDate){2025, 12, 31, 3}, false, buf, sizeof buf);
    CHECK_STREQ(buf, "31 December 2025");
}

static void test_borrow_flow(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    login(&st, &fx); /* logging in sounds ok (checked in login) */
    CHECK(uih_visible(&st, "Hei, Kari Nordmann!"));
    CHECK(uih_visible(&st, "For sent! Fristen var 1. mars"));

    uih_scan(&st, "SKI-0001", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_LEND_CHECK);
    CHECK(f != NULL);
    CHECK_EQ(f->lend_check.borrower_id, 7);
    CHECK(uih_visible(&st, "Sjekker"));
    lend_checked(&st, "SKI-0001", UI_R_OK, "Langrennski 180", &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_OK));
    CHECK(uih_visible(&st, "Lever innen fredag 20. mars"));

    uih_scan(&st, "SKI-0001", &fx); /* duplicate: a hint and its own tone, no new line */
    CHECK(uih_find_fx(&fx, UI_FX_LEND_CHECK) == NULL);
    CHECK(uih_has_sound(&fx, UI_SOUND_DUPLICATE));
    CHECK_EQ(st.basket.n, 1);
    CHECK(uih_visible(&st, "Langrennski 180 er allerede skannet"));

    uih_scan(&st, "TELT-0002", &fx);
    lend_checked(&st, "TELT-0002", UI_R_IN_REPAIR, "Telt 3 personer", &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    CHECK(uih_visible(&st, "Til reparasjon"));
    uih_scan(&st, "XX-9", &fx);
    lend_checked(&st, "XX-9", UI_R_UNKNOWN_ITEM, "", &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_UNKNOWN));
    CHECK(uih_visible(&st, "Ukjent strekkode"));
    /* a self-service borrower gets no override button */
    ui_view(&st, &uih_dl);
    CHECK(ui_find(&uih_dl, "basket.override.1") == NULL);
    uih_press(&st, "basket.remove.2", &fx);
    CHECK_EQ(st.basket.n, 2);

    /* lend to the co-borrower */
    uih_press(&st, "basket.for.0", &fx);
    CHECK(uih_visible(&st, "Hei, Ola Nordmann!"));
    uih_press(&st, "basket.finish", &fx);
    f = uih_find_fx(&fx, UI_FX_CHECKOUT);
    CHECK(f != NULL);
    CHECK_EQ(f->checkout.n, 1);
    CHECK_STREQ(f->checkout.line[0].code, "SKI-0001");
    CHECK_EQ(f->checkout.borrower_id, 8);
    CHECK_EQ(f->checkout.staff_id, 0);

    UiEvent ev;
    ui_event_init(&ev, UI_EV_CHECKED_OUT);
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_RECEIPT);
    CHECK(uih_visible(&st, "Takk, Ola Nordmann!"));
    CHECK(uih_visible(&st, "Lever innen fredag 20. mars"));
    CHECK(ui_next_deadline(&st) > st.now_ms);
    uih_tick(&st, 8000, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    CHECK_EQ(st.session.borrower.id, 0);
    CHECK(uih_find_fx(&fx, UI_FX_LOGGED_OUT) != NULL);
}

static void test_idle_logout(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    login(&st, &fx);
    uih_tick(&st, 39000, &fx);
    CHECK(!uih_visible(&st, "Du logges ut om"));
    uih_tick(&st, 2000, &fx);
    CHECK(uih_visible(&st, "Du logges ut om 19 sekunder"));
    uih_press(&st, "idle.stay", &fx); /* any touch restarts the timer */
    uih_tick(&st, 30000, &fx);
    CHECK(!uih_visible(&st, "Du logges ut om"));
    CHECK_EQ(st.screen, UI_SCR_BASKET);
    uih_tick(&st, 30000, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    CHECK_EQ(st.session.borrower.id, 0);

    /* accepted items are lent at the idle logout, not dropped */
    login(&st, &fx);
    uih_scan(&st, "SKI-0001", &fx);
    lend_checked(&st, "SKI-0001", UI_R_OK, "Langrennski", &fx);
    uih_tick(&st, 60000, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_CHECKOUT) != NULL);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_CHECKED_OUT);
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_RECEIPT);

    /* an idle checkout the store refuses (a part scanned with its set) ends the session: the
     * borrower is gone, and the next person must not find their basket */
    uih_press(&st, "receipt.done", &fx);
    login(&st, &fx);
    uih_scan(&st, "SKI-0001", &fx);
    lend_checked(&st, "SKI-0001", UI_R_OK, "Langrennski", &fx);
    uih_tick(&st, 60000, &fx);
    CHECK(uih_find_fx(&fx, UI_FX_CHECKOUT) != NULL);
    ui_event_init(&ev, UI_EV_CHECKED_OUT);
    ev.h.result = UI_R_TWICE;
    snprintf(ev.checked_out.code, sizeof ev.checked_out.code, "SKI-0001");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    CHECK_EQ(st.session.borrower.id, 0);
    CHECK_EQ(st.basket.n, 0);
}

static void test_wedge_and_store_failure(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    /* a keyboard scanner types at home: the code and Enter become a scan */
    UiEvent ev;
    ui_event_init(&ev, UI_EV_TEXT);
    snprintf(ev.text.text, sizeof ev.text.text, "B-10");
    uih_send(&st, &ev, &fx);
    snprintf(ev.text.text, sizeof ev.text.text, "01");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(fx.n, 0);
    ui_event_init(&ev, UI_EV_KEY);
    ev.key.key = UI_KEY_ENTER;
    uih_send(&st, &ev, &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_IDENTIFY);
    CHECK(f != NULL);
    CHECK_STREQ(f->identify.code, "B-1001");
    CHECK_EQ(st.busy, 1);
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.h.result = UI_R_STORE;
    snprintf(ev.h.detail, sizeof ev.h.detail, "database is locked");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.busy, 0);
    CHECK(uih_visible(&st, "Noe gikk galt. Ingenting er tapt"));
    CHECK_EQ(st.screen, UI_SCR_HOME);
}

static void test_return_damage(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    uih_press(&st, "home.lang.en", &fx);
    uih_press(&st, "home.return", &fx);
    CHECK_EQ(st.screen, UI_SCR_RETURN);
    uih_scan(&st, "SUP-0001", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_RETURN);
    CHECK(f != NULL);
    CHECK_STREQ(f->ret.code, "SUP-0001");
    UiEvent ev;
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "SUP-0001");
    snprintf(ev.returned.item.name, sizeof ev.returned.item.name, "SUP-brett");
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Returned. Thank you!"));
    uih_press(&st, "return.damaged.0", &fx);
    CHECK(uih_visible(&st, "Report damage: SUP-brett"));
    uih_press(&st, "kb.f", &fx); /* shift is on for the first letter */
    uih_press(&st, "kb.i", &fx);
    uih_press(&st, "kb.n", &fx);
    uih_press(&st, "kb.space", &fx);
    uih_press(&st, "kb.\xC3\xA5", &fx);
    CHECK_STREQ(st.ret.note.text, "Fin å");
    uih_press(&st, "kb.back", &fx);
    uih_press(&st, "return.send", &fx);
    f = uih_find_fx(&fx, UI_FX_DAMAGED);
    CHECK(f != NULL);
    CHECK_STREQ(f->damaged.code, "SUP-0001");
    CHECK_STREQ(f->damaged.note, "Fin ");
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_DAMAGED;
    snprintf(ev.done.code, sizeof ev.done.code, "SUP-0001");
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Sent to repair: SUP-brett"));
    CHECK(st.ret.lines[0].damaged);

    /* a failed line scanned again while the damage form is open: the form stays with its item */
    uih_scan(&st, "NOT-LENT", &fx);
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "NOT-LENT");
    ev.h.result = UI_R_NOT_ON_LOAN;
    uih_send(&st, &ev, &fx);
    uih_scan(&st, "SKI-0002", &fx);
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "SKI-0002");
    snprintf(ev.returned.item.name, sizeof ev.returned.item.name, "Langrennski 160");
    uih_send(&st, &ev, &fx);
    int line = -1;
    for (int i = 0; i < st.ret.n; i++)
        if (strcmp(st.ret.lines[i].code, "SKI-0002") == 0)
            line = i;
    CHECK(line >= 0);
    char id[32];
    snprintf(id, sizeof id, "return.damaged.%d", line);
    uih_press(&st, id, &fx);
    uih_scan(&st, "NOT-LENT", &fx); /* its old line goes; SKI-0002 moves up */
    uih_press(&st, "return.send", &fx);
    f = uih_find_fx(&fx, UI_FX_DAMAGED);
    CHECK(f != NULL);
    CHECK_STREQ(f->damaged.code, "SKI-0002");
}

static void test_basket_paging(void)
{
    /* twelve ski parts at the counter: older lines are a tap away, and every line can be
     * reached and removed; a new scan brings the list back to the newest */
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    login(&st, &fx);
    char code[32];
    for (int i = 0; i < 12; i++) {
        snprintf(code, sizeof code, "DEL-%02d", i);
        uih_scan(&st, code, &fx);
        lend_checked(&st, code, UI_R_OK, "Skidel", &fx);
    }
    CHECK(has_widget(&st, "basket.remove.11")); /* the newest is in view */
    CHECK(!has_widget(&st, "basket.remove.0"));
    CHECK(widget(&st, "basket.older.") != NULL);
    CHECK(!has_widget(&st, "basket.newer"));
    bool seen[12] = {false};
    for (int k = 0; k < 12; k++) { /* page through: every line shows on some page */
        for (int i = 0; i < 12; i++) {
            char id[32];
            snprintf(id, sizeof id, "basket.remove.%d", i);
            seen[i] = seen[i] || has_widget(&st, id);
        }
        const char *older = widget(&st, "basket.older.");
        if (older == NULL)
            break;
        char tap[UI_ID_MAX];
        snprintf(tap, sizeof tap, "%s", older);
        uih_press(&st, tap, &fx);
        CHECK(has_widget(&st, "basket.newer"));
    }
    for (int i = 0; i < 12; i++)
        CHECK(seen[i]);
    CHECK(has_widget(&st, "basket.remove.0")); /* the oldest was reached */
    uih_press(&st, "basket.remove.0", &fx);
    CHECK_EQ(st.basket.n, 11);
    CHECK_STREQ(st.basket.lines[0].code, "DEL-01");
    uih_scan(&st, "DEL-99", &fx);
    CHECK(has_widget(&st, "basket.remove.11"));
    CHECK(!has_widget(&st, "basket.newer"));
}

static void test_basket_rows(void)
{
    /* defect 4: eight items at 1024x600 show at least five whole lines, each inside the list
     * (above the finish row) and none over another; the paging buttons take no line's room */
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    login(&st, &fx);
    char code[32];
    for (int i = 0; i < 8; i++) {
        snprintf(code, sizeof code, "DEL-%02d", i);
        uih_scan(&st, code, &fx);
        lend_checked(&st, code, UI_R_OK, "Skidel", &fx);
    }
    ui_view(&st, &uih_dl);
    const UiWidget *finish = ui_find(&uih_dl, "basket.finish");
    CHECK(finish != NULL);
    int rows = 0;
    int prev_bottom = 0;
    for (int i = 7; i >= 0; i--) { /* newest first, top to bottom */
        char id[32];
        snprintf(id, sizeof id, "basket.remove.%d", i);
        const UiWidget *w = ui_find(&uih_dl, id);
        if (w == NULL)
            break;
        CHECK(w->rect.h >= 64); /* still a full touch target */
        CHECK(w->rect.y >= prev_bottom);
        CHECK(w->rect.y + w->rect.h <= finish->rect.y);
        prev_bottom = w->rect.y + w->rect.h;
        rows++;
    }
    CHECK(rows >= 5);
    const UiWidget *older = NULL;
    for (int i = 0; i < uih_dl.n_widget; i++) {
        if (strncmp(uih_dl.widget[i].id, "basket.older.", 13) == 0)
            older = &uih_dl.widget[i];
    }
    CHECK(older != NULL);
    CHECK(older->rect.y >= prev_bottom); /* below the lines, not between them */
}

static const UiCmd *text_cmd(const char *text)
{
    for (int i = 0; i < uih_dl.n_cmd; i++) {
        if (uih_dl.cmd[i].kind == UI_CMD_TEXT && strcmp(uih_dl.cmd[i].text, text) == 0)
            return &uih_dl.cmd[i];
    }
    return NULL;
}

static void test_basket_fonts(void)
{
    /* defect 5: one size for every name in the basket (a long name does not make its line's
     * font jump), and a name that fits at that size is not cut */
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    login(&st, &fx);
    uih_scan(&st, "SKI-0001", &fx);
    lend_checked(&st, "SKI-0001", UI_R_OK, "Ski", &fx);
    uih_scan(&st, "SYKKEL-0002", &fx);
    lend_checked(&st, "SYKKEL-0002", UI_R_OK, "Sykkel 24 tommer med barnesete", &fx);
    uih_scan(&st, "HJELM-0001", &fx);
    lend_checked(&st, "HJELM-0001", UI_R_OK, "Hjelm", &fx);
    ui_view(&st, &uih_dl);
    const UiCmd *a = text_cmd("Ski");
    const UiCmd *b = text_cmd("Sykkel 24 tommer med barnesete");
    const UiCmd *c = text_cmd("Hjelm");
    CHECK(a != NULL && b != NULL && c != NULL);
    CHECK_EQ(a->px, b->px);
    CHECK_EQ(b->px, c->px);

    /* the receipt too: one size for every line's name */
    uih_press(&st, "basket.finish", &fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_CHECKED_OUT);
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_RECEIPT);
    ui_view(&st, &uih_dl);
    a = text_cmd("Ski  (SKI-0001)");
    b = text_cmd("Sykkel 24 tommer med barnesete  (SYKKEL-0002)");
    CHECK(a != NULL && b != NULL);
    CHECK_EQ(a->px, b->px);
}

static void test_staff_override(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    uih_scan(&st, "S-1001", &fx);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_STAFF;
    snprintf(ev.identified.staff.card, sizeof ev.identified.staff.card, "S-1001");
    snprintf(ev.identified.staff.name, sizeof ev.identified.staff.name, "Trine");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_STAFF);
    CHECK_EQ(st.staff.stage, UI_STAFF_PIN);
    uih_press(&st, "pin.1", &fx);
    uih_press(&st, "pin.2", &fx);
    uih_press(&st, "pin.ok", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_STAFF_LOGIN);
    CHECK(f != NULL);
    CHECK_STREQ(f->staff_login.pin, "12");
    ui_event_init(&ev, UI_EV_STAFF_LOGGED);
    ev.h.result = UI_R_AUTH;
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Feil kort eller PIN"));
    CHECK_EQ(st.session.staff.id, 0);
    ui_event_init(&ev, UI_EV_STAFF_LOGGED);
    ev.staff_logged.staff.id = 3;
    snprintf(ev.staff_logged.staff.name, sizeof ev.staff_logged.staff.name, "Trine");
    ev.staff_logged.role = UI_ROLE_TRAINEE;
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.staff.stage, UI_STAFF_MENU);
    uih_press(&st, "staff.leader", &fx);
    CHECK(uih_visible(&st, "Bare en leder"));
    CHECK_EQ(st.screen, UI_SCR_STAFF);
    login(&st, &fx);
    uih_scan(&st, "SKI-0009", &fx);
    lend_checked(&st, "SKI-0009", UI_R_ON_LOAN, "Ski", &fx);
    ui_view(&st, &uih_dl);
    CHECK(ui_find(&uih_dl, "basket.override.0") != NULL);
    uih_press(&st, "basket.override.0", &fx); /* a trainee may not */
    CHECK(!st.basket.lines[0].overridden);
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    st.session.role = UI_ROLE_LEADER;
    uih_press(&st, "basket.override.0", &fx);
    CHECK(st.basket.lines[0].overridden);
    uih_tick(&st, 61000, &fx); /* staff stay logged in for 5 minutes, not 60 s */
    CHECK_EQ(st.screen, UI_SCR_BASKET);
    uih_press(&st, "basket.finish", &fx);
    f = uih_find_fx(&fx, UI_FX_CHECKOUT);
    CHECK(f != NULL);
    CHECK(f->checkout.leader_override);
    CHECK_EQ(f->checkout.staff_id, 3);
    CHECK_EQ(f->checkout.line[0].refused, UI_R_ON_LOAN);
    UiEvent done;
    ui_event_init(&done, UI_EV_CHECKED_OUT);
    uih_send(&st, &done, &fx);
    CHECK_EQ(st.screen, UI_SCR_RECEIPT);
    uih_tick(&st, 8000, &fx); /* after the receipt, staff are back at their screen */
    CHECK_EQ(st.screen, UI_SCR_STAFF);
    CHECK_EQ(st.session.staff.id, 3);
    uih_tick(&st, 290000, &fx); /* 298 s since the last touch (Finish) */
    CHECK_EQ(st.screen, UI_SCR_STAFF);
    uih_tick(&st, 3000, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
    CHECK_EQ(st.session.staff.id, 0);
}

static void test_layouts(void)
{
    static UiState st;
    UiEffects fx;
    for (int lang = 0; lang < UI_LANG_COUNT; lang++) {
        uih_setup(&st, 1024, 600);
        st.lang = (UiLang)lang;
        check_layout(&st, "home");
        uih_press(&st, "home.register", &fx);
        check_layout(&st, "register");
        st.screen = UI_SCR_HOME;
        uih_press(&st, "home.staff", &fx);
        check_layout(&st, "staff card");
        st.staff.stage = UI_STAFF_PIN;
        check_layout(&st, "pin");
        st.session.staff.id = 1;
        st.session.role = UI_ROLE_LEADER;
        st.staff.stage = UI_STAFF_MENU;
        check_layout(&st, "staff menu");
        login(&st, &fx);
        for (int i = 0; i < 6; i++) {
            char code[16];
            snprintf(code, sizeof code, "SKI-%04d", i);
            uih_scan(&st, code, &fx);
            lend_checked(&st, code, i % 2 ? UI_R_ON_LOAN : UI_R_OK,
                         "Et veldig langt navn på et par langrennski med bindinger", &fx);
        }
        check_layout(&st, "basket");
        uih_tick(&st, 45000, &fx);
        check_layout(&st, "basket with countdown");
        st.screen = UI_SCR_RECEIPT;
        check_layout(&st, "receipt");
        st.screen = UI_SCR_RETURN;
        st.ret.n = 3;
        check_layout(&st, "return");
        st.ret.damage_line = 0;
        check_layout(&st, "return note");
        st.ret.damage_line = -1;
        for (int stage = UI_LEADER_MENU; stage <= UI_LEADER_BORROWER; stage++) {
            st.screen = UI_SCR_LEADER;
            st.leader.stage = (UiLeaderStage)stage;
            st.leader.item_loaded = true;
            check_layout(&st, "leader");
            snprintf(st.leader.item_damage, sizeof st.leader.item_damage, "%s",
                     "bindingen er løs og må skrus fast igjen før neste utlån");
            check_layout(&st, "leader, an item with damage noted");
            st.leader.item_damage[0] = '\0';
        }
        st.screen = UI_SCR_AUDIT;
        for (int stage = UI_AUDIT_ZONE; stage <= UI_AUDIT_RESULT; stage++) {
            st.audit.stage = (UiAuditStage)stage;
            st.audit.n_lines = 20;
            st.audit.missing = 3;
            check_layout(&st, "audit");
        }
        st.screen = UI_SCR_STATS;
        st.stats.loaded = true;
        st.stats.data.year = st.stats.year;
        st.stats.data.items_lent = 1234;
        st.stats.data.n_cats = 6;
        for (int m = 0; m < 12; m++)
            st.stats.data.month_items[m] = m * 10;
        check_layout(&st, "stats");
        /* sets checked on return, found again, the staff item screen (issue 10) */
        st.screen = UI_SCR_RETURN;
        st.ret.n = 2;
        st.ret.lines[0].result = UI_R_NOT_ON_LOAN;
        st.ret.lines[0].status = UI_ITEM_MISSING;
        st.ret.lines[1].result = UI_R_OK;
        st.ret.lines[1].n_missing = 2;
        snprintf(st.ret.lines[1].missing, sizeof st.ret.lines[1].missing, "%s",
                 "Staver voksen 150 cm, Skistøvler str 38 med lang tekst");
        check_layout(&st, "return, found again and a set incomplete");
        memset(&st.ret.lines, 0, sizeof st.ret.lines);
        st.ret.set.active = true;
        snprintf(st.ret.set.name, sizeof st.ret.set.name, "%s", "Skisett voksen med staver");
        for (int k = 0; k < UI_SET_PARTS_MAX; k++) {
            snprintf(st.ret.set.part[k].code, UI_CODE_MAX, "SETT-%04d", k);
            snprintf(st.ret.set.part[k].name, UI_NAME_MAX, "%s",
                     "Et langt navn på en del av settet");
            st.ret.set.mark[k] = (UiPartMark)(k % 3);
        }
        for (int n = 1; n <= UI_SET_PARTS_MAX; n++) {
            st.ret.set.n = st.ret.set.expected = n;
            check_layout(&st, "return, a set's parts");
        }
        st.ret.set.active = false;
        st.screen = UI_SCR_ITEM;
        memset(&st.item, 0, sizeof st.item);
        st.item.loaded = true;
        st.item.lent = true;
        st.item.item.status = UI_ITEM_ON_LOAN;
        snprintf(st.item.item.name, sizeof st.item.item.name, "%s", "Langrennski 180 cm");
        snprintf(st.item.who, sizeof st.item.who, "%s", "Kari Nordmann");
        snprintf(st.item.damage, sizeof st.item.damage, "%s", "binding loose");
        snprintf(st.item.notes, sizeof st.item.notes, "%s", "god stand");
        st.item.n = UI_HISTORY_PAGE;
        st.item.more = true;
        st.item.first = UI_HISTORY_PAGE;
        check_layout(&st, "item");
        st.item.confirm_lost = true;
        check_layout(&st, "item, lost?");
        st.item.confirm_lost = false;
        st.item.lent = false;
        st.item.item.status = UI_ITEM_MISSING;
        check_layout(&st, "item missing");
    }
}

/* Staff returning a set: its parts come, are scanned or marked missing, then the set goes back
 * with the parts present; "all here" sends every part; cancel returns nothing. */
static void test_set_check(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    st.session.staff.id = 7;
    st.session.role = UI_ROLE_TRAINEE;
    st.screen = UI_SCR_STAFF;
    st.staff.stage = UI_STAFF_MENU;
    uih_press(&st, "staff.return", &fx);
    CHECK_EQ(st.screen, UI_SCR_RETURN);
    uih_scan(&st, "SET-1", &fx);
    const UiFx *f = uih_find_fx(&fx, UI_FX_RETURN);
    CHECK(f != NULL);
    CHECK(f->ret.check_parts);
    CHECK_EQ(f->ret.staff_id, 7);
    UiEvent ev;
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "SET-1");
    snprintf(ev.returned.item.name, sizeof ev.returned.item.name, "Skisett");
    ev.returned.n_parts = 3;
    uih_send(&st, &ev, &fx);
    CHECK(st.ret.set.active);
    uih_press(&st, "return.all_here", &fx); /* the parts are not all here yet */
    CHECK(uih_find_fx(&fx, UI_FX_RETURN_SET) == NULL);
    ui_event_init(&ev, UI_EV_SET_PART);
    snprintf(ev.set_part.set_code, sizeof ev.set_part.set_code, "SET-1");
    ev.set_part.n = 3;
    for (int k = 0; k < 3; k++) {
        snprintf(ev.set_part.part[k].code, UI_CODE_MAX, "SET-1-%d", k);
        snprintf(ev.set_part.part[k].name, UI_NAME_MAX, "Del %d", k);
    }
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.ret.set.n, 3);
    CHECK(uih_visible(&st, "Sjekk delene: Skisett"));
    uih_scan(&st, "SET-1-2", &fx);
    CHECK_EQ(st.ret.set.mark[2], UI_PART_HERE);
    CHECK(uih_has_sound(&fx, UI_SOUND_OK));
    uih_scan(&st, "OTHER-9", &fx);
    CHECK(uih_has_sound(&fx, UI_SOUND_REFUSED));
    CHECK(uih_find_fx(&fx, UI_FX_RETURN) == NULL); /* not returned while the set is checked */
    uih_press(&st, "return.part.1", &fx);
    CHECK_EQ(st.ret.set.mark[1], UI_PART_MISSING);
    CHECK(!has_widget(&st, "return.all_here"));
    CHECK(uih_visible(&st, "Lever, 1 mangler"));
    uih_press(&st, "return.set_send", &fx);
    f = uih_find_fx(&fx, UI_FX_RETURN_SET);
    CHECK(f != NULL);
    CHECK_EQ(f->return_set.n, 2);
    CHECK_STREQ(f->return_set.present[0], "SET-1-0");
    CHECK_STREQ(f->return_set.present[1], "SET-1-2");
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "SET-1");
    snprintf(ev.returned.item.name, sizeof ev.returned.item.name, "Skisett");
    ev.returned.n_missing = 1;
    uih_send(&st, &ev, &fx);
    CHECK(!st.ret.set.active);
    CHECK(uih_visible(&st, "Levert. Mangler: Del 1. Settet går til reparasjon."));

    /* all here: one tap; cancel: nothing returned, the line is gone */
    uih_scan(&st, "SET-2", &fx);
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "SET-2");
    ev.returned.n_parts = 1;
    uih_send(&st, &ev, &fx);
    ui_event_init(&ev, UI_EV_SET_PART);
    snprintf(ev.set_part.set_code, sizeof ev.set_part.set_code, "SET-2");
    ev.set_part.n = 1;
    snprintf(ev.set_part.part[0].code, UI_CODE_MAX, "SET-2-0");
    uih_send(&st, &ev, &fx);
    uih_press(&st, "return.all_here", &fx);
    f = uih_find_fx(&fx, UI_FX_RETURN_SET);
    CHECK(f != NULL);
    CHECK_EQ(f->return_set.n, 1);
    uih_scan(&st, "SET-3", &fx);
    CHECK(uih_find_fx(&fx, UI_FX_RETURN) == NULL); /* SET-2 is still being checked */
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "SET-2");
    uih_send(&st, &ev, &fx);
    CHECK(!st.ret.set.active);
    int lines = st.ret.n;
    uih_scan(&st, "SET-3", &fx);
    ui_event_init(&ev, UI_EV_RETURNED);
    snprintf(ev.returned.code, sizeof ev.returned.code, "SET-3");
    ev.returned.n_parts = 2;
    uih_send(&st, &ev, &fx);
    uih_press(&st, "return.set_cancel", &fx);
    CHECK(!st.ret.set.active);
    CHECK_EQ(st.ret.n, lines);

    /* a missing item scanned by staff: "found again" asks the store, then says so */
    uih_scan(&st, "LOST-1", &fx);
    ui_event_init(&ev, UI_EV_RETURNED);
    ev.h.result = UI_R_NOT_ON_LOAN;
    snprintf(ev.returned.code, sizeof ev.returned.code, "LOST-1");
    ev.returned.item.status = UI_ITEM_MISSING;
    uih_send(&st, &ev, &fx);
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "return.found.%d", st.ret.n - 1);
    CHECK(has_widget(&st, id));
    uih_press(&st, id, &fx);
    f = uih_find_fx(&fx, UI_FX_ITEM_FOUND);
    CHECK(f != NULL);
    CHECK_STREQ(f->item_found.code, "LOST-1");
    CHECK_STREQ(f->item_found.note, "Funnet igjen");
    ui_event_init(&ev, UI_EV_DONE);
    ev.done.of = UI_FX_ITEM_FOUND;
    snprintf(ev.done.code, sizeof ev.done.code, "LOST-1");
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Funnet igjen. Sett den på plass."));
    CHECK(!has_widget(&st, id));
}

/* The staff item screen: the card, a page of history, "report lost" only after a yes. */
static void test_item_screen(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    st.session.staff.id = 7;
    st.screen = UI_SCR_STAFF;
    st.staff.stage = UI_STAFF_MENU;
    UiEvent ev;
    ui_event_init(&ev, UI_EV_IDENTIFIED);
    ev.identified.who = UI_WHO_ITEM;
    snprintf(ev.identified.code, sizeof ev.identified.code, "SKI-1");
    snprintf(ev.identified.item.code, sizeof ev.identified.item.code, "SKI-1");
    uih_send(&st, &ev, &fx);
    CHECK_EQ(st.screen, UI_SCR_ITEM);
    const UiFx *f = uih_find_fx(&fx, UI_FX_ITEM_HISTORY);
    CHECK(f != NULL);
    CHECK_STREQ(f->item_history.code, "SKI-1");
    CHECK_EQ(f->item_history.first, 0);
    ui_event_init(&ev, UI_EV_ITEM_CARD);
    snprintf(ev.item_card.code, sizeof ev.item_card.code, "SKI-1");
    snprintf(ev.item_card.item.name, sizeof ev.item_card.item.name, "Ski");
    ev.item_card.item.status = UI_ITEM_ON_LOAN;
    ev.item_card.lent = true;
    snprintf(ev.item_card.who, sizeof ev.item_card.who, "Kari");
    snprintf(ev.item_card.damage, sizeof ev.item_card.damage, "bøyd stav");
    ev.item_card.n = 2;
    ev.item_card.more = true;
    uih_send(&st, &ev, &fx);
    ui_event_init(&ev, UI_EV_HISTORY_PART);
    ev.history_part.n = 2;
    ev.history_part.entry[0].kind = UI_HIST_LENT;
    ev.history_part.entry[0].open = true;
    ev.history_part.entry[0].renewals = 2;
    snprintf(ev.history_part.entry[0].who, UI_NAME_MAX, "Kari");
    ev.history_part.entry[1].kind = UI_HIST_STATUS;
    ev.history_part.entry[1].status = UI_ITEM_IN_REPAIR;
    snprintf(ev.history_part.entry[1].note, UI_TEXT_MAX, "bøyd stav");
    uih_send(&st, &ev, &fx);
    CHECK(uih_visible(&st, "Lånt av Kari"));
    CHECK(uih_visible(&st, "Skade: bøyd stav"));
    CHECK(uih_visible(&st, "Lånt av Kari, ikke levert ennå, forlengelser: 2"));
    CHECK(uih_visible(&st, "Nå til reparasjon: bøyd stav"));
    uih_press(&st, "item.older", &fx);
    f = uih_find_fx(&fx, UI_FX_ITEM_HISTORY);
    CHECK(f != NULL);
    CHECK_EQ(f->item_history.first, UI_HISTORY_PAGE);
    uih_press(&st, "item.lost_yes", &fx); /* not asked yet: nothing */
    CHECK(uih_find_fx(&fx, UI_FX_ITEM_LOST) == NULL);
    uih_press(&st, "item.lost", &fx);
    CHECK(st.item.confirm_lost);
    CHECK(uih_find_fx(&fx, UI_FX_ITEM_LOST) == NULL);
    uih_press(&st, "item.lost_yes", &fx);
    f = uih_find_fx(&fx, UI_FX_ITEM_LOST);
    CHECK(f != NULL);
    CHECK_STREQ(f->item_lost.code, "SKI-1");
    CHECK_EQ(f->item_lost.staff_id, 7);
    uih_press(&st, "item.back", &fx);
    CHECK_EQ(st.screen, UI_SCR_STAFF);
}

/* The lists generated from one X-macro each: names, what a row says, what may be overridden. */
static void test_lists(void)
{
    static UiState st;
    uih_setup(&st, 1024, 600);
    CHECK_STREQ(ui_sound_name(UI_SOUND_REFUSED), "refused");
    CHECK_STREQ(ui_sound_name(UI_SOUND_COUNT), "?");
    CHECK_STREQ(ui_widget_kind_name(UI_W_BAR), "bar");
    CHECK(ui_widget_is_tappable(UI_W_ROW));
    CHECK(!ui_widget_is_tappable(UI_W_LABEL));
    CHECK(!ui_widget_is_tappable(UI_W_BAR));
    CHECK_STREQ(ui_screen_name(UI_SCR_RETURN), "return");
    CHECK_STREQ(ui_screen_name(UI_SCR_COUNT), "?");
    st.lang = UI_LANG_EN;
    CHECK_STREQ(ui__reason(&st, UI_R_ON_LOAN), "already on loan");
    CHECK_STREQ(ui__reason_label(&st, UI_R_ON_LOAN), "Already on loan");
    CHECK_STREQ(ui__reason_label(&st, UI_R_TWICE), "scanned twice");
    CHECK_STREQ(ui__status(&st, UI_ITEM_IN_REPAIR), "in repair");
    for (int r = 0; r < UI_R_COUNT; r++) {
        bool may = r == UI_R_ON_LOAN || r == UI_R_IN_REPAIR || r == UI_R_MISSING;
        CHECK_EQ(ui__overridable((UiResult)r), may);
        CHECK(ui__reason(&st, (UiResult)r)[0] != '\0');
    }
    CHECK_EQ(ui__result_tone(UI_R_BLOCKED), UI_TONE_BAD);
}

static bool rect_is(UiRect r, int x, int y, int w, int h)
{
    if (r.x == x && r.y == y && r.w == w && r.h == h)
        return true;
    fprintf(stderr, "rect %d,%d %dx%d, want %d,%d %dx%d\n", r.x, r.y, r.w, r.h, x, y, w, h);
    return false;
}

/* The layout cursor, and the top bar laid out from the metrics in the config. */
static void test_layout_cursor(void)
{
    UiLayout lay = ui__layout(ui__rect_make(10, 20, 300, 100), 10);
    ui__row(&lay, 2, (int[]){0, 0}, 40);
    CHECK(rect_is(ui__next(&lay), 10, 20, 145, 40));
    CHECK(rect_is(ui__next(&lay), 165, 20, 145, 40));
    ui__row(&lay, 2, (int[]){100, -50}, 30);
    CHECK(rect_is(ui__next(&lay), 10, 70, 100, 30));
    CHECK(rect_is(ui__next(&lay), 120, 70, 130, 30)); /* 50 + a gap left at the right */
    CHECK(rect_is(ui__next(&lay), 10, 110, 100, 30)); /* a new row with the same widths */

    static UiState st;
    uih_setup(&st, 1024, 600);
    st.cfg.top_bar_px = 100;
    st.cfg.top_logout_px = 250;
    uih_press(&st, "home.return", &(UiEffects){0});
    ui_view(&st, &uih_dl);
    const UiWidget *title = ui_find(&uih_dl, "top.title");
    const UiWidget *logout = ui_find(&uih_dl, "top.logout");
    CHECK(title != NULL && logout != NULL);
    CHECK_EQ(title->rect.h, 100);
    CHECK_EQ(logout->rect.w, 250);
    CHECK_EQ(logout->rect.x + logout->rect.w, 1024 - 12); /* the bar's margin at the right */
    CHECK_EQ(logout->rect.y, (100 - 64) / 2);
}

/* A full effects list is a broken contract: it aborts with file and line (ui__expect). */
/* The text of widget `id` as last drawn ("" if it is not there). */
static const char *text_of(const UiState *st, const char *id)
{
    ui_view(st, &uih_dl);
    const UiWidget *w = ui_find(&uih_dl, id);
    return w != NULL ? w->text : "";
}

/* The year figures with last year's beside them: grouped digits, brackets, last year's bars;
 * without last year no brackets and no light bars. Laid out cleanly at both sizes. */
static void test_stats_last_year(void)
{
    static UiState st;
    for (int big = 0; big < 2; big++) {
        uih_setup(&st, big ? 1920 : 1024, big ? 1080 : 600);
        st.session.staff.id = 2;
        st.session.role = UI_ROLE_LEADER;
        st.screen = UI_SCR_STATS;
        st.stats.year = st.year_now;
        st.stats.loaded = true;
        UiStats *s = &st.stats.data;
        memset(s, 0, sizeof *s);
        s->year = st.year_now;
        s->items_lent = 13334;
        s->loans = 2921;
        s->borrowers = 1444;
        s->new_borrowers = 716;
        s->has_last = true;
        s->last_items_lent = 14836;
        s->last_loans = 2713;
        s->last_borrowers = 1440;
        s->last_new_borrowers = 698;
        for (int m = 0; m < 12; m++) {
            s->month_items[m] = 1000 + 30 * m;
            s->last_month_items[m] = 1300 - 20 * m;
        }
        s->n_cats = UI_CATS_MAX;
        for (int i = 0; i < UI_CATS_MAX; i++) {
            snprintf(s->cat_name[i], sizeof s->cat_name[i], "Kategori nummer %d", i + 1);
            s->cat_items[i] = 3000 - 250 * i;
            s->cat_last_items[i] = 2900 - 240 * i;
        }
        s->n_cats_more = 3;
        s->cat_more_items = 420;
        s->cat_more_last_items = 510;
        check_layout(&st, "stats with last year");
        CHECK_STREQ(text_of(&st, "stats.items"), "13 334");
        CHECK_STREQ(text_of(&st, "stats.items.last"), "(14 836)");
        CHECK_STREQ(text_of(&st, "stats.loans.last"), "(2 713)");
        CHECK_STREQ(text_of(&st, "stats.new.last"), "(698)");
        char want[32];
        snprintf(want, sizeof want, "I parentes: %d", st.year_now - 1);
        CHECK_STREQ(text_of(&st, "stats.last"), want);
        CHECK_STREQ(text_of(&st, "stats.month.1.last"), "1300");
        CHECK_STREQ(text_of(&st, "stats.month.1"), "1000");
        CHECK(has_widget(&st, "stats.cat.0.last"));
        s->has_last = false;
        check_layout(&st, "stats without last year");
        CHECK_STREQ(text_of(&st, "stats.items"), "13 334");
        CHECK(!has_widget(&st, "stats.items.last"));
        CHECK(!has_widget(&st, "stats.last"));
        CHECK(!has_widget(&st, "stats.month.1.last"));
    }
}

/* Closed days: a leader's screen, asked of the store when it opens, read only. */
static void test_calendar_screen(void)
{
    static UiState st;
    UiEffects fx;
    uih_setup(&st, 1024, 600);
    st.session.staff.id = 2;
    st.session.role = UI_ROLE_LEADER;
    st.screen = UI_SCR_LEADER;
    st.leader.stage = UI_LEADER_MENU;
    check_layout(&st, "leader menu");
    uih_press(&st, "leader.calendar", &fx);
    CHECK_EQ(st.screen, UI_SCR_CALENDAR);
    CHECK(uih_find_fx(&fx, UI_FX_CALENDAR) != NULL);
    CHECK(has_widget(&st, "calendar.working"));

    UiEvent ev;
    ui_event_init(&ev, UI_EV_CALENDAR);
    UiCalendar *c = &ev.calendar.cal;
    c->from = (UiDate){2026, 3, 10, 2};
    c->closed_weekdays = (1u << 2) | (1u << 6);
    c->rows[0] = (UiClosedRow){{2026, 3, 30, 1}, {2026, 4, 1, 3}, UI_HOLIDAY_NONE, "Påskeferie"};
    c->rows[1] = (UiClosedRow){{2026, 4, 6, 1}, {2026, 4, 6, 1}, UI_HOLIDAY_EASTER_MONDAY, ""};
    c->rows[2] = (UiClosedRow){{2026, 12, 24, 4}, {2026, 12, 24, 4}, UI_HOLIDAY_NONE, ""};
    c->n = 3;
    c->n_more = 4;
    uih_send(&st, &ev, &fx);
    CHECK_STREQ(text_of(&st, "calendar.weekly"), "Stengt hver onsdag og søndag");
    CHECK_STREQ(text_of(&st, "calendar.holidays"), "Stengt på helligdager");
    CHECK_STREQ(text_of(&st, "calendar.when.0"), "mandag 30. mars til onsdag 1. april");
    CHECK_STREQ(text_of(&st, "calendar.why.0"), "Påskeferie");
    CHECK_STREQ(text_of(&st, "calendar.when.1"), "mandag 6. april");
    CHECK_STREQ(text_of(&st, "calendar.why.1"), "2. påskedag");
    CHECK_STREQ(text_of(&st, "calendar.why.2"), "Stengt"); /* a closure without a note */
    CHECK_STREQ(text_of(&st, "calendar.more"), "og 4 til det neste året");
    check_layout(&st, "calendar");

    /* three weekdays, one, none; holidays open; nothing else closed */
    st.calendar.data.closed_weekdays = 1u | (1u << 2) | (1u << 6);
    CHECK_STREQ(text_of(&st, "calendar.weekly"), "Stengt hver mandag, onsdag og søndag");
    st.calendar.data.closed_weekdays = 1u << 6;
    CHECK_STREQ(text_of(&st, "calendar.weekly"), "Stengt hver søndag");
    st.calendar.data.closed_weekdays = 0;
    st.calendar.data.holidays_open = true;
    st.calendar.data.n = 0;
    st.calendar.data.n_more = 0;
    CHECK_STREQ(text_of(&st, "calendar.weekly"), "Åpent alle ukedager");
    CHECK_STREQ(text_of(&st, "calendar.holidays"), "Åpent på helligdager");
    CHECK(has_widget(&st, "calendar.none"));
    CHECK(!has_widget(&st, "calendar.more"));

    /* a full list in English, at both sizes: no overlap, nothing off the screen */
    st.lang = UI_LANG_EN;
    for (int i = 0; i < UI_CAL_ROWS_MAX; i++)
        st.calendar.data.rows[i] = (UiClosedRow){
            {2026, 5, 1 + i, 5}, {2026, 5, 20 + i, 3}, UI_HOLIDAY_NONE, "Sommerstengt for dugnad"};
    st.calendar.data.n = UI_CAL_ROWS_MAX;
    st.calendar.data.n_more = 9;
    check_layout(&st, "calendar full");
    /* every row shown, or the "more" line counts the ones that did not fit */
    ui_view(&st, &uih_dl);
    int rows = 0;
    while (rows < UI_CAL_ROWS_MAX) {
        char id[UI_ID_MAX];
        snprintf(id, sizeof id, "calendar.when.%d", rows);
        if (ui_find(&uih_dl, id) == NULL)
            break;
        rows++;
    }
    char more[64];
    snprintf(more, sizeof more, "and %d more in the coming year", 9 + UI_CAL_ROWS_MAX - rows);
    CHECK_STREQ(text_of(&st, "calendar.more"), more);
    UiEvent resize;
    ui_event_init(&resize, UI_EV_RESIZE);
    resize.resize.w = 1920;
    resize.resize.height = 1080;
    uih_send(&st, &resize, &fx);
    check_layout(&st, "calendar 1920");

    uih_press(&st, "calendar.back", &fx);
    CHECK_EQ(st.screen, UI_SCR_LEADER);
    /* not a leader: home */
    st.screen = UI_SCR_CALENDAR;
    st.session.role = UI_ROLE_TRAINEE;
    uih_tick(&st, 10, &fx);
    CHECK_EQ(st.screen, UI_SCR_HOME);
}

static void test_expect_aborts(void)
{
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(3);
        UiEffects fx;
        ui_effects_clear(&fx);
        for (int i = 0; i <= UI_FX_MAX; i++)
            ui__fx(&fx, UI_FX_LOGGED_OUT);
        _exit(0); /* not reached when the contract holds */
    }
    int status = 0;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

int main(void)
{
    ui_catalog_init(&uih_cat);
    uih_load_po(UI_LANG_NB, "nb.po");
    uih_load_po(UI_LANG_EN, "en.po");
    RUN(test_catalogue);
    RUN(test_dates);
    RUN(test_borrow_flow);
    RUN(test_idle_logout);
    RUN(test_wedge_and_store_failure);
    RUN(test_return_damage);
    RUN(test_basket_paging);
    RUN(test_basket_rows);
    RUN(test_basket_fonts);
    RUN(test_staff_override);
    RUN(test_layouts);
    RUN(test_lists);
    RUN(test_layout_cursor);
    RUN(test_calendar_screen);
    RUN(test_stats_last_year);
    RUN(test_expect_aborts);
    RUN(test_set_check);
    RUN(test_item_screen);
    return 0;
}
