/* Unit tests of the outbox on real SQLite files: the reminder schedule on the centre's calendar
 * (first open day after the due day, every N days, at most M, missed windows skipped), one
 * message per loan, number and channel however often a round runs, recipients (a child's
 * responsible adult; only channels consented to with an address), receipts in the checkout's
 * transaction and only when asked for (one read by rowid otherwise), the claim-and-record
 * protocol (tokens, backoff doubling to 12 hours, messages left sending become in doubt), the
 * channel's health, the call list and a borrower's wishes. */
#include "check.h"
#include "inv_sql.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The receipt's one read at checkout, as the store prepares it (INV_SQL_MAP). */
static const char *receipt_sql(void)
{
#define PICK_SQL(name, text)                                                                       \
    if (strcmp(#name, "RECEIPT_WANTED") == 0)                                                      \
        return text;
    INV_SQL_MAP(PICK_SQL)
#undef PICK_SQL
    return NULL;
}

static char path[512];

static int64_t add_borrower(InvDb *db, const char *card, const char *phone, const char *email,
                            int64_t adult)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "Navn %s", card);
    snprintf(b.phone, sizeof(b.phone), "%s", phone);
    snprintf(b.email, sizeof(b.email), "%s", email);
    b.responsible_id = adult;
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, stf_at("2026-01-02T09:00"), &id), INV_OK);
    return id;
}

/* Sets what the consent screen will set (another area's): contact consent by SQL. */
static void set_consent(const char *card, int bits)
{
    sqlite3 *s = NULL;
    CHECK_EQ(sqlite3_open(path, &s), SQLITE_OK);
    sqlite3_busy_timeout(s, 5000);
    char q[128];
    snprintf(q, sizeof(q), "UPDATE borrower SET contact_consent = %d WHERE card = '%s'", bits,
             card);
    CHECK_EQ(sqlite3_exec(s, q, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
}

static int64_t count(const char *query)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_open(path, &s), SQLITE_OK);
    CHECK_EQ(sqlite3_prepare_v2(s, query, -1, &st, NULL), SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return n;
}

static int64_t lend(InvDb *db, int64_t borrower, const char *code, const char *when)
{
    const char *codes[] = {code};
    InvCheckout co = {.borrower_id = borrower, .barcodes = codes, .n_barcodes = 1};
    co.now = stf_at(when);
    int64_t loan = 0;
    CHECK_EQ(inv_checkout(db, &co, &loan), INV_OK);
    return loan;
}

static size_t queue(InvDb *db, const char *when)
{
    size_t n = 0;
    CHECK_EQ(inv_remind_queue(db, stf_at(when), false, NULL, NULL, &n), INV_OK);
    return n;
}

typedef struct Keys {
    char text[1024];
} Keys;

static int add_key(const InvOutMsg *m, void *ctx)
{
    Keys *k = ctx;
    char key[96];
    inv_out_key(m, key, sizeof(key));
    size_t len = strlen(k->text);
    snprintf(k->text + len, sizeof(k->text) - len, "%s%s>%s", len ? " " : "", key, m->to);
    return 0;
}

static void test_schedule(void)
{
    InvDb *db = stf_open_new("remind.db");
    stf_path(path, sizeof(path), "remind.db");
    stf_add_item(db, "SKI-1", "Ski", stf_at("2026-01-02T09:00"));
    int64_t kari = add_borrower(db, "K1", "90000001", "kari@example.no", 0);
    set_consent("K1", 1);
    /* Tuesdays closed: lent Tuesday 3 March, due Tuesday 10 March moves to Wednesday 11th; the
     * first reminder is on the first open day after it, Thursday 12th, from 09:00 */
    CHECK_EQ(inv_calendar_set_weekly(db, 1u << 1), INV_OK);
    lend(db, kari, "SKI-1", "2026-03-03T12:00");
    InvRemindRules r = {.every_days = 5, .max = 2};
    CHECK_EQ(inv_remind_rules_set(db, &r), INV_OK);
    InvRemindRules bad = {.every_days = 0, .max = 2};
    CHECK_EQ(inv_remind_rules_set(db, &bad), INV_E_INVALID);
    CHECK(strstr(inv_errmsg(db), "remind_every_days is 1 to 60, not 0") != NULL);

    CHECK_EQ(queue(db, "2026-03-12T08:59"), 0);
    Keys k = {""};
    size_t n = 0;
    CHECK_EQ(inv_remind_queue(db, stf_at("2026-03-12T09:00"), true, add_key, &k, &n), INV_OK);
    CHECK_EQ(n, 1);
    CHECK_STREQ(k.text, "loan-1-reminder-1-sms>90000001");
    CHECK_EQ(count("SELECT count(*) FROM outbox"), 0); /* the dry run kept nothing */
    CHECK_EQ(queue(db, "2026-03-12T09:00"), 1);
    CHECK_EQ(queue(db, "2026-03-12T09:00"), 0); /* never twice */
    CHECK_EQ(queue(db, "2026-03-16T12:00"), 0);
    /* the second 5 days after the first: Tuesday 17th is closed, so Wednesday 18th */
    CHECK_EQ(queue(db, "2026-03-17T12:00"), 0);
    CHECK_EQ(queue(db, "2026-03-18T09:00"), 1);
    CHECK_EQ(queue(db, "2026-03-30T09:00"), 0); /* at most 2 */
    CHECK_EQ(count("SELECT count(*) FROM outbox WHERE kind = 2 AND loan_id = 1"), 2);

    /* switching reminders on late skips the windows that passed: only the one still open */
    stf_add_item(db, "SKI-2", "Ski", stf_at("2026-01-02T09:00"));
    lend(db, kari, "SKI-2", "2026-03-02T12:00"); /* due Monday 9th: reminders 11th and 16th */
    CHECK_EQ(queue(db, "2026-03-30T09:00"), 0);  /* both windows long gone */
    CHECK_EQ(count("SELECT count(*) FROM outbox WHERE loan_id = 2"), 0);
    CHECK_EQ(queue(db, "2026-03-20T09:00"), 1); /* ... not the second's (16th to 21st) */
    CHECK_EQ(count("SELECT number FROM outbox WHERE loan_id = 2"), 2);
    inv_close(db);
}

static void test_recipients_and_receipts(void)
{
    InvDb *db = stf_open_new("who.db");
    stf_path(path, sizeof(path), "who.db");
    stf_add_item(db, "A", "Ski", stf_at("2026-01-02T09:00"));
    stf_add_item(db, "B", "Ski", stf_at("2026-01-02T09:00"));
    stf_add_item(db, "C", "Ski", stf_at("2026-01-02T09:00"));
    int64_t adult = add_borrower(db, "AD", "90000001", "", 0); /* no e-mail */
    int64_t child = add_borrower(db, "CH", "41111111", "child@example.no", adult);
    int64_t other = add_borrower(db, "OT", "", "ot@example.no", 0);
    set_consent("AD", 3);
    set_consent("CH", 3); /* a child's own consent does not count: the adult's does */
    set_consent("OT", 1); /* SMS, but no phone */

    /* no receipt wanted: nothing queued */
    lend(db, child, "A", "2026-03-02T10:00");
    CHECK_EQ(count("SELECT count(*) FROM outbox"), 0);
    /* the child wants receipts: they go to the adult, by SMS only (no e-mail address) */
    CHECK_EQ(inv_remind_prefs_set(db, child, 1, "en", 0, stf_at("2026-03-02T10:00")), INV_OK);
    CHECK_EQ(inv_remind_prefs_set(db, child, -1, "sv", 0, 0), INV_E_INVALID);
    InvRemindPrefs p;
    CHECK_EQ(inv_remind_prefs(db, child, &p), INV_OK);
    CHECK(p.receipts);
    CHECK_STREQ(p.lang, "en");
    CHECK_EQ(p.contact_consent, 3);
    lend(db, child, "B", "2026-03-02T10:01");
    CHECK_EQ(count("SELECT count(*) FROM outbox"), 1);
    CHECK_EQ(count("SELECT count(*) FROM outbox WHERE kind = 1 AND number = 0 AND channel = 1 AND"
                   " to_addr = '90000001' AND recipient_id = 1 AND lang = ''"),
             1);
    /* no channel with an address: no receipt, and the call list has them when late */
    CHECK_EQ(inv_remind_prefs_set(db, other, 1, NULL, 0, 0), INV_OK);
    lend(db, other, "C", "2026-03-02T10:02");
    CHECK_EQ(count("SELECT count(*) FROM outbox"), 1);

    /* the receipt's read at checkout is one lookup by rowid */
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    char q[256];
    CHECK(receipt_sql() != NULL);
    snprintf(q, sizeof(q), "EXPLAIN QUERY PLAN %s", receipt_sql());
    CHECK_EQ(sqlite3_open(path, &s), SQLITE_OK);
    CHECK_EQ(sqlite3_prepare_v2(s, q, -1, &st, NULL), SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    CHECK(strstr((const char *)sqlite3_column_text(st, 3), "USING INTEGER PRIMARY KEY") != NULL);
    CHECK_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(s);

    /* reminders the same way: the adult for the child, by SMS (the e-mail has no address) */
    Keys k = {""};
    size_t n = 0;
    CHECK_EQ(inv_remind_queue(db, stf_at("2026-03-10T10:00"), true, add_key, &k, &n), INV_OK);
    CHECK_STREQ(k.text, "loan-2-receipt-sms>90000001 loan-1-reminder-1-sms>90000001 "
                        "loan-2-reminder-1-sms>90000001");
    inv_close(db);
}

static int keep_call(const InvCallEntry *e, void *ctx)
{
    InvCallEntry *out = ctx;
    if (out->borrower_id == 0)
        *out = *e;
    return 0;
}

static void test_call_list(void)
{
    InvDb *db = stf_open_new("calls.db");
    stf_path(path, sizeof(path), "calls.db");
    stf_add_item(db, "A", "Ski", stf_at("2026-01-02T09:00"));
    stf_add_item(db, "B", "Hjelm", stf_at("2026-01-02T09:00"));
    int64_t adult = add_borrower(db, "AD", "90000001", "", 0);
    int64_t child = add_borrower(db, "CH", "", "", adult);
    const char *codes[] = {"A", "B"};
    InvCheckout co = {.borrower_id = child, .barcodes = codes, .n_barcodes = 2};
    co.now = stf_at("2026-03-02T10:00");
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
    InvCallEntry e;
    memset(&e, 0, sizeof(e));
    CHECK_EQ(inv_call_list_each(db, stf_at("2026-03-12T10:00"), keep_call, &e), INV_OK);
    CHECK_STREQ(e.name, "Navn CH");
    CHECK_STREQ(e.phone, "90000001");
    CHECK(e.guardian);
    CHECK_STREQ(e.guardian_name, "Navn AD");
    CHECK_EQ(e.items, 2);
    CHECK_EQ(e.days_late, 3); /* due Monday 9th */
    CHECK(strstr(e.item_names, "Ting A") != NULL && strstr(e.item_names, "Ting B") != NULL);
    /* with the adult's consent, no one to call */
    set_consent("AD", 1);
    memset(&e, 0, sizeof(e));
    CHECK_EQ(inv_call_list_each(db, stf_at("2026-03-12T10:00"), keep_call, &e), INV_OK);
    CHECK_EQ(e.borrower_id, 0);
    inv_close(db);
}

static void test_protocol(void)
{
    InvDb *db = stf_open_new("send.db");
    stf_path(path, sizeof(path), "send.db");
    stf_add_item(db, "A", "Ski", stf_at("2026-01-02T09:00"));
    int64_t kari = add_borrower(db, "K1", "90000001", "kari@example.no", 0);
    set_consent("K1", 3);
    lend(db, kari, "A", "2026-03-02T10:00");
    CHECK_EQ(queue(db, "2026-03-10T10:00"), 2);
    int64_t now = stf_at("2026-03-10T10:00");
    InvOutMsg m;
    /* only the channels asked for */
    CHECK_EQ(inv_outbox_claim(db, now, INV_CHANNEL_EMAIL, "t1", &m), INV_OK);
    CHECK_EQ(m.channel, INV_CHANNEL_EMAIL);
    CHECK_EQ(m.state, INV_OUT_SENDING);
    CHECK_EQ(m.attempts, 1);
    CHECK_EQ(inv_outbox_claim(db, now, INV_CHANNEL_EMAIL, "t2", &m), INV_E_NOT_FOUND);
    /* a wrong token records nothing */
    CHECK_EQ(inv_outbox_done(db, 2, "nope", true, "smtp://x", "250", now, NULL), INV_E_NOT_FOUND);
    /* failures: 10 minutes, doubling, at most 12 hours; the channel counts them */
    int64_t next = 0;
    static const int64_t waits[] = {600, 1200, 2400, 4800, 9600, 19200, 38400, 43200, 43200};
    for (size_t i = 0; i < sizeof(waits) / sizeof(waits[0]); i++) {
        char token[16];
        snprintf(token, sizeof(token), "f%zu", i);
        if (i > 0)
            CHECK_EQ(inv_outbox_claim(db, now, INV_CHANNEL_EMAIL, token, &m), INV_OK);
        else
            snprintf(token, sizeof(token), "t1");
        CHECK_EQ(inv_outbox_done(db, m.id, token, false, "smtp://relay", "550 no", now, &next),
                 INV_OK);
        CHECK_EQ(next - now, waits[i]);
        now = next;
    }
    InvChannelHealth h;
    CHECK_EQ(inv_channel_health(db, INV_CHANNEL_EMAIL, &h), INV_OK);
    CHECK_EQ(h.fails, 9);
    CHECK_EQ(h.failing_since, stf_at("2026-03-10T10:00"));
    CHECK_STREQ(h.server, "smtp://relay");
    CHECK_STREQ(h.answer, "550 no");
    CHECK_EQ(inv_outbox_claim(db, now, INV_CHANNEL_EMAIL, "ok", &m), INV_OK);
    CHECK_EQ(inv_outbox_done(db, m.id, "ok", true, "smtp://relay", "250", now, NULL), INV_OK);
    CHECK_EQ(inv_channel_health(db, INV_CHANNEL_EMAIL, &h), INV_OK);
    CHECK_EQ(h.fails, 0);
    CHECK_EQ(h.failing_since, 0);
    CHECK_EQ(h.last_ok, now);
    /* sent is final: never claimed again */
    CHECK_EQ(inv_outbox_claim(db, now + 86400, INV_CHANNEL_EMAIL, "again", &m), INV_E_NOT_FOUND);

    /* a message left sending (the round was killed) is in doubt after recovery, never resent */
    CHECK_EQ(inv_outbox_claim(db, now, INV_CHANNEL_SMS, "killed", &m), INV_OK);
    size_t doubt = 0;
    CHECK_EQ(inv_outbox_recover(db, &doubt), INV_OK);
    CHECK_EQ(doubt, 1);
    int64_t n = 0;
    CHECK_EQ(inv_outbox_count(db, INV_OUT_UNSURE, &n), INV_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(inv_outbox_claim(db, now + 86400, INV_CHANNEL_SMS, "later", &m), INV_E_NOT_FOUND);
    CHECK_EQ(inv_outbox_done(db, m.id, "killed", true, "http://gw", "200", now, NULL),
             INV_E_NOT_FOUND);
    CHECK_STREQ(inv_out_state_name(INV_OUT_UNSURE), "in doubt");
    inv_close(db);
}

int main(void)
{
    stf_begin("remind");
    RUN(test_schedule);
    RUN(test_recipients_and_receipts);
    RUN(test_call_list);
    RUN(test_protocol);
    stf_end();
    fprintf(stderr, "test_remind: ok\n");
    return 0;
}
