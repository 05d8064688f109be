/* The kiosk's keyboard input (kiosk/app/app.c with the barcode module's wedge detector): a
 * keyboard-mode scanner's burst becomes a scan, a person's typing becomes text, in the running
 * app with a real store. */
#include "app.h"
#include "check.h"
#include "ui_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static App *app;

/* Types text one character at a time, gap_ms apart from *t; returns nothing. */
static void type(AppKeys *k, const char *text, uint32_t *t, uint32_t gap_ms)
{
    for (const char *p = text; *p;) {
        char ch[8] = "";
        size_t n = 1;
        while (((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        memcpy(ch, p, n);
        *t += gap_ms;
        app_keys_poll(app, k, *t);
        app_keys_text(app, k, ch, *t);
        p += n;
    }
}

static void press(const char *id)
{
    UiEvent ev;
    ui_event_init(&ev, UI_EV_PRESS);
    snprintf(ev.press.id, sizeof ev.press.id, "%s", id);
    app_dispatch(app, &ev);
}

int main(void)
{
    char path[] = "/tmp/test_ui_keys_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    app = calloc(1, sizeof *app);
    CHECK(app != NULL);
    char msg[INV_MSG_MAX];
    InvOpenOptions oo = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    CHECK_EQ(inv_open(&oo, &app->db, msg, sizeof msg), INV_OK);
    InvBorrower b;
    memset(&b, 0, sizeof b);
    snprintf(b.card, sizeof b.card, "B-1001");
    snprintf(b.name, sizeof b.name, "Kari Nordmann");
    CHECK_EQ(inv_borrower_add(app->db, &b, 0, NULL), INV_OK);

    ui_config_default(&app->cfg);
    ui_catalog_init(&app->cat);
    CHECK(uih_read_po(&app->cat, UI_LANG_NB, "nb.po") > 0);
    CHECK(uih_read_po(&app->cat, UI_LANG_EN, "en.po") > 0);
    app->script = true;
    app->last_sound = (UiSound)-1;
    ui_init(&app->st, &app->cfg, &app->cat, 1024, 600, 0);
    ui_set_year(&app->st, 2026);

    AppKeys k;
    app_keys_init(&k);
    uint32_t t = 1000;

    /* a scanner: 6 characters 4 ms apart and Enter: a scan that logs Kari in */
    type(&k, "B-1001", &t, 4);
    CHECK(app_keys_pending(&k));
    t += 4;
    app_keys_end(app, &k, t);
    CHECK(!app_keys_pending(&k));
    CHECK_EQ(app->st.screen, UI_SCR_BASKET);
    CHECK_STREQ(app->st.session.borrower.name, "Kari Nordmann");

    /* a person at the registration form: slow keys are text in the focused field */
    press("top.logout");
    press("home.register");
    CHECK_EQ(app->st.screen, UI_SCR_REGISTER);
    CHECK_EQ(app->st.reg.focus, UI_REG_NAME);
    type(&k, "Åse", &t, 250);
    t += 250;
    app_keys_poll(app, &k, t);
    CHECK_STREQ(app->st.reg.field[UI_REG_NAME].text, "Åse");
    t += 300;
    app_keys_end(app, &k, t); /* Enter moves to the next field */
    CHECK_EQ(app->st.reg.focus, UI_REG_PHONE);

    /* a scanner while a field has focus: its burst is a scan (the new card), not typing */
    type(&k, "B-2002", &t, 3);
    t += 3;
    app_keys_end(app, &k, t);
    CHECK_STREQ(app->st.reg.field[UI_REG_CARD].text, "B-2002");
    CHECK_STREQ(app->st.reg.field[UI_REG_PHONE].text, "");

    /* a typed character, then a scanner's burst 100 ms later: the typed one is text */
    type(&k, "9", &t, 400);
    t += 100;
    type(&k, "1234", &t, 3);
    t += 3;
    app_keys_end(app, &k, t);
    CHECK_STREQ(app->st.reg.field[UI_REG_PHONE].text, "9");
    CHECK_STREQ(app->st.reg.field[UI_REG_ADULT].text, "1234");

    /* the app's answer queue: a checkout of 9 items and a login with 9 loans and 2 children
     * come back in parts (UI_EV_LENT_PART, UI_EV_LOANS_PART, UI_EV_CO_PART), all of them
     * drained before app_dispatch returns */
    press("top.logout");
    InvBorrower kari;
    CHECK_EQ(inv_borrower_get(app->db, "B-1001", &kari), INV_OK);
    for (int i = 0; i < 2; i++) {
        InvBorrower child;
        memset(&child, 0, sizeof child);
        snprintf(child.card, sizeof child.card, "B-300%d", i);
        snprintf(child.name, sizeof child.name, "Barn %d", i);
        child.birth_year = 2016;
        child.responsible_id = kari.id;
        CHECK_EQ(inv_borrower_add(app->db, &child, 0, NULL), INV_OK);
    }
    for (int i = 0; i < 9; i++) {
        InvItem it;
        memset(&it, 0, sizeof it);
        snprintf(it.barcode, sizeof it.barcode, "BALL-%04d", i);
        snprintf(it.name, sizeof it.name, "Ball %d", i);
        snprintf(it.category, sizeof it.category, "Ball");
        CHECK_EQ(inv_item_add(app->db, &it, 0, NULL), INV_OK);
    }
    app_scan(app, "B-1001");
    CHECK_EQ(app->st.screen, UI_SCR_BASKET);
    CHECK_EQ(app->st.session.n_co, 2);
    CHECK_EQ(app->st.session.n_loans, 0);
    for (int i = 0; i < 9; i++) {
        char code[16];
        snprintf(code, sizeof code, "BALL-%04d", i);
        app_scan(app, code);
    }
    CHECK_EQ(app->st.basket.n, 9);
    press("basket.finish");
    CHECK_EQ(app->st.screen, UI_SCR_RECEIPT);
    CHECK_EQ(app->st.receipt.n, 9);
    CHECK(app->st.receipt.lines[8].due.year > 0);
    CHECK_EQ(app->st.busy, 0);
    press("receipt.done");
    app_scan(app, "B-1001");
    CHECK_EQ(app->st.session.n_loans, 9);
    CHECK(app->st.session.loans[8].code[0] != '\0'); /* the third part arrived */
    CHECK_EQ(app->st.session.n_co, 2);
    CHECK_STREQ(app->st.session.co[1].name, "Barn 1");
    CHECK_EQ(app->q_len, 0);

    inv_close(app->db);
    unlink(path);
    free(app);
    fprintf(stderr, "test_ui_keys: ok\n");
    return 0;
}
