/* Reminders and receipts: the outbox of messages to borrowers, the rules of when a reminder is
 * due, the claim-and-record steps around each network call, each channel's health, and the
 * call list of those no message can reach. The network itself is the caller's (bua-admin
 * remind): nothing here sends anything.
 *
 * Start reading at inv_remind_queue (what a round decides) and inv_outbox_claim /
 * inv_outbox_done (the protocol that keeps a message from going out twice). */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_SECONDS 86400
#define BACKOFF_FIRST (10 * 60)
#define BACKOFF_MAX (12 * 3600)

static const InvIntRule rules[] = {
    {"remind_every_days", INV_REMIND_EVERY_DAYS_DEFAULT, 1, 60,
     offsetof(InvRemindRules, every_days)},
    {"remind_max", INV_REMIND_MAX_DEFAULT, 0, 10, offsetof(InvRemindRules, max)},
};
#define N_RULES (sizeof(rules) / sizeof(rules[0]))

static const char *const state_names[] = {
#define INV_OUT_STATE_TEXT(name, value, text) [value] = text,
    INV_OUT_STATE_MAP(INV_OUT_STATE_TEXT)
#undef INV_OUT_STATE_TEXT
};

/* Who a message goes to (the borrower, or a child's responsible adult) and where. */
typedef struct Recipient {
    int64_t id;
    int consent;
    char phone[INV_PHONE_MAX];
    char email[INV_NAME_MAX];
    char lang[INV_LANG_MAX];
} Recipient;

static int recipient(InvDb *db, int64_t borrower_id, Recipient *out);
static int queue_to(InvDb *db, InvOutKind kind, int64_t loan_id, int number, const Recipient *r,
                    int64_t now, size_t *added);
static int open_day_from(InvDb *db, int64_t days, int64_t *out);
static int reminder_time(InvDb *db, int64_t due_at, int number, int every, int64_t *out);
static void read_msg(sqlite3_stmt *st, InvOutMsg *m);
static int walk(InvDb *db, InvOutState state, int64_t due, InvOutFn fn, void *ctx);

const char *inv_out_state_name(InvOutState s)
{
    if ((unsigned)s >= sizeof(state_names) / sizeof(state_names[0]) || state_names[s] == NULL)
        return "?";
    return state_names[s];
}

int inv_remind_rules(InvDb *db, InvRemindRules *out)
{
    InvRemindRules r;
    int err = inv__rules_get(db, rules, N_RULES, &r);
    if (err == INV_OK)
        *out = r;
    return err;
}

int inv_remind_rules_set(InvDb *db, const InvRemindRules *in)
{
    return inv__rules_set(db, rules, N_RULES, in);
}

int inv_remind_prefs(InvDb *db, int64_t borrower_id, InvRemindPrefs *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_REMIND_PREFS);
    sqlite3_bind_int64(st, 1, borrower_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        InvRemindPrefs p;
        p.receipts = sqlite3_column_int(st, 0) != 0;
        inv__col_text(st, 1, p.lang, sizeof(p.lang));
        p.contact_consent = sqlite3_column_int(st, 2);
        *out = p;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no borrower with id %lld", (long long)borrower_id);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the borrower");
    return INV_OK;
}

int inv_remind_prefs_set(InvDb *db, int64_t borrower_id, int receipts, const char *lang,
                         int64_t staff_id, int64_t now)
{
    if (receipts < -1 || receipts > 1)
        return inv__fail(db, INV_E_INVALID, "receipts is yes or no");
    if (lang != NULL && lang[0] != '\0' && strcmp(lang, "nb") != 0 && strcmp(lang, "en") != 0)
        return inv__fail(db, INV_E_INVALID, "unknown language '%s': nb or en", lang);
    InvRemindPrefs old;
    int err = inv_remind_prefs(db, borrower_id, &old);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_REMIND_SET_PREFS);
    sqlite3_bind_int64(st, 1, borrower_id);
    if (receipts >= 0)
        sqlite3_bind_int(st, 2, receipts);
    if (lang != NULL)
        sqlite3_bind_text(st, 3, lang, -1, SQLITE_TRANSIENT);
    err = inv__run(db, st, "cannot store the borrower's wishes");
    char fields[64] = "";
    if (receipts >= 0 && (receipts != 0) != old.receipts)
        snprintf(fields, sizeof(fields), "receipts");
    if (lang != NULL && strcmp(lang, old.lang) != 0)
        snprintf(fields + strlen(fields), sizeof(fields) - strlen(fields), "%slang",
                 fields[0] ? "," : "");
    if (err == INV_OK && fields[0] != '\0') {
        st = inv__stmt(db, SQL_PERSON_CHANGE_ADD);
        sqlite3_bind_int64(st, 1, borrower_id);
        sqlite3_bind_int64(st, 3, now);
        if (staff_id != 0)
            sqlite3_bind_int64(st, 4, staff_id);
        inv__bind_text(st, 5, fields);
        err = inv__run(db, st, "cannot record the change");
    }
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

void inv_out_key(const InvOutMsg *m, char *buf, size_t size)
{
    const char *channel = m->channel == INV_CHANNEL_SMS ? "sms" : "email";
    if (m->kind == INV_OUT_RECEIPT)
        snprintf(buf, size, "loan-%lld-receipt-%s", (long long)m->loan_id, channel);
    else
        snprintf(buf, size, "loan-%lld-reminder-%d-%s", (long long)m->loan_id, m->number, channel);
}

/* In the checkout's transaction: one read by rowid when the borrower wants no receipt. */
int inv__receipt_queue(InvDb *db, int64_t loan_id, int64_t borrower_id, int64_t now)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_RECEIPT_WANTED);
    sqlite3_bind_int64(st, 1, borrower_id);
    int rc = sqlite3_step(st);
    bool wanted = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the borrower");
    if (!wanted)
        return INV_OK;
    Recipient r;
    int err = recipient(db, borrower_id, &r);
    if (err != INV_OK)
        return err;
    return queue_to(db, INV_OUT_RECEIPT, loan_id, 0, &r, now, NULL);
}

int inv_remind_queue(InvDb *db, int64_t now, bool dry_run, InvOutFn fn, void *ctx, size_t *queued)
{
    InvRemindRules rl;
    int err = inv_remind_rules(db, &rl);
    if (err != INV_OK)
        return err;
    size_t added = 0;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    /* the loans first (the statement stays busy no longer than its walk), then their reminders */
    typedef struct Due {
        int64_t loan_id;
        int64_t borrower_id;
        int64_t due_at;
        int last;
    } Due;
    Due *due = NULL;
    size_t n_due = 0;
    size_t cap = 0;
    sqlite3_stmt *st = inv__stmt(db, SQL_REMIND_LOANS);
    sqlite3_bind_int64(st, 1, now);
    int rc;
    while (rl.max > 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n_due == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            Due *nd = realloc(due, ncap * sizeof(*nd));
            if (nd == NULL) {
                sqlite3_reset(st);
                err = inv__fail(db, INV_E_NOMEM, "out of memory listing overdue loans");
                goto out_rollback;
            }
            due = nd;
            cap = ncap;
        }
        Due *d = &due[n_due++];
        d->loan_id = sqlite3_column_int64(st, 0);
        d->borrower_id = sqlite3_column_int64(st, 1);
        d->due_at = sqlite3_column_int64(st, 2);
        d->last = sqlite3_column_int(st, 3);
    }
    sqlite3_reset(st);
    if (rl.max > 0 && rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot list overdue loans");
        goto out_rollback;
    }
    for (size_t i = 0; i < n_due; i++) {
        /* the latest reminder whose time has come, if its window (every_days) is still open */
        int pick = 0;
        for (int k = due[i].last + 1; k <= rl.max; k++) {
            int64_t t = 0;
            err = reminder_time(db, due[i].due_at, k, rl.every_days, &t);
            if (err != INV_OK)
                goto out_rollback;
            if (t > now)
                break;
            pick = now < t + (int64_t)rl.every_days * DAY_SECONDS ? k : 0;
        }
        if (pick == 0)
            continue;
        Recipient r;
        err = recipient(db, due[i].borrower_id, &r);
        if (err == INV_OK)
            err = queue_to(db, INV_OUT_REMINDER, due[i].loan_id, pick, &r, now, &added);
        if (err != INV_OK)
            goto out_rollback;
    }
    free(due);
    due = NULL;
    if (dry_run) {
        err = fn != NULL ? walk(db, INV_OUT_QUEUED, now, fn, ctx) : INV_OK;
        inv__rollback(db);
        if (err == INV_OK && queued != NULL)
            *queued = added;
        return err;
    }
    err = inv__commit(db);
    if (err == INV_OK && queued != NULL)
        *queued = added;
    return err;

out_rollback:
    free(due);
    inv__rollback(db);
    return err;
}

int inv_outbox_recover(InvDb *db, size_t *n)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_OUTBOX_RECOVER);
    inv__bind_text(st, 1, "in doubt: the round stopped while sending; not sent again");
    err = inv__run(db, st, "cannot mark interrupted messages");
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    size_t changed = (size_t)sqlite3_changes(db->sql);
    err = inv__commit(db);
    if (err == INV_OK && n != NULL)
        *n = changed;
    return err;
}

int inv_outbox_claim(InvDb *db, int64_t now, unsigned channels, const char *token, InvOutMsg *out)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    for (;;) {
        InvOutMsg m;
        sqlite3_stmt *st = inv__stmt(db, SQL_OUTBOX_NEXT);
        sqlite3_bind_int64(st, 1, now);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)channels);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            read_msg(st, &m);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) { /* keep what was dropped */
            err = inv__commit(db);
            if (err != INV_OK)
                return err;
            return inv__fail(db, INV_E_NOT_FOUND, "no message is due");
        }
        if (rc != SQLITE_ROW) {
            err = inv__sqlfail(db, rc, "cannot read the outbox");
            goto out_rollback;
        }
        if (m.kind == INV_OUT_REMINDER) {
            st = inv__stmt(db, SQL_OUTBOX_STILL_DUE);
            sqlite3_bind_int64(st, 1, m.loan_id);
            sqlite3_bind_int64(st, 2, now);
            rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
                err = inv__sqlfail(db, rc, "cannot read the loan");
                goto out_rollback;
            }
            if (rc == SQLITE_DONE) { /* the items came back: nothing to remind of */
                st = inv__stmt(db, SQL_OUTBOX_DROP);
                sqlite3_bind_int64(st, 1, m.id);
                inv__bind_text(st, 2, "dropped: the items came back before it was sent");
                err = inv__run(db, st, "cannot update the outbox");
                if (err != INV_OK)
                    goto out_rollback;
                continue;
            }
        }
        st = inv__stmt(db, SQL_OUTBOX_CLAIM);
        sqlite3_bind_int64(st, 1, m.id);
        inv__bind_text(st, 2, token);
        sqlite3_bind_int64(st, 3, now);
        err = inv__run(db, st, "cannot claim the message");
        if (err != INV_OK)
            goto out_rollback;
        err = inv__commit(db);
        if (err != INV_OK)
            return err;
        m.state = INV_OUT_SENDING;
        m.attempts++;
        *out = m;
        return INV_OK;
    }
out_rollback:
    inv__rollback(db);
    return err;
}

int inv_outbox_done(InvDb *db, int64_t id, const char *token, bool ok, const char *server,
                    const char *answer, int64_t now, int64_t *next_try)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvOutMsg m;
    sqlite3_stmt *st = inv__stmt(db, SQL_OUTBOX_GET);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_msg(st, &m);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        err = inv__fail(db, INV_E_NOT_FOUND, "no message %lld in the outbox", (long long)id);
        goto out_rollback;
    }
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the outbox");
        goto out_rollback;
    }
    int64_t next = 0;
    if (ok) {
        st = inv__stmt(db, SQL_OUTBOX_SENT);
        sqlite3_bind_int64(st, 3, now);
    } else {
        /* attempts counts this one: 1 -> 10 minutes, 2 -> 20, ... at most 12 hours */
        int64_t wait = BACKOFF_FIRST;
        for (int k = 1; k < m.attempts && wait < BACKOFF_MAX; k++)
            wait *= 2;
        next = now + (wait < BACKOFF_MAX ? wait : BACKOFF_MAX);
        st = inv__stmt(db, SQL_OUTBOX_RETRY);
        sqlite3_bind_int64(st, 3, next);
    }
    sqlite3_bind_int64(st, 1, id);
    inv__bind_text(st, 2, token);
    inv__bind_text(st, 4, answer);
    err = inv__run(db, st, "cannot record the answer");
    if (err == INV_OK && sqlite3_changes(db->sql) == 0)
        err = inv__fail(db, INV_E_NOT_FOUND, "message %lld is not being sent with this token",
                        (long long)id);
    if (err != INV_OK)
        goto out_rollback;
    st = inv__stmt(db, ok ? SQL_CHANNEL_OK : SQL_CHANNEL_FAIL);
    sqlite3_bind_int(st, 1, (int)m.channel);
    inv__bind_text(st, 2, server);
    inv__bind_text(st, 3, answer);
    sqlite3_bind_int64(st, 4, now);
    err = inv__run(db, st, "cannot record the channel's health");
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && next_try != NULL)
        *next_try = next;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_outbox_resend(InvDb *db, int64_t id, int64_t now)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_OUTBOX_RESEND);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    inv__bind_text(st, 3, "queued again by hand: it was not delivered");
    err = inv__run(db, st, "cannot queue the message again");
    if (err == INV_OK && sqlite3_changes(db->sql) == 0)
        err = inv__fail(db, INV_E_NOT_FOUND, "no message %lld is in doubt", (long long)id);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv_outbox_each(InvDb *db, InvOutState state, int64_t due, InvOutFn fn, void *ctx)
{
    return walk(db, state, due, fn, ctx);
}

int inv_outbox_count(InvDb *db, InvOutState state, int64_t *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_OUTBOX_COUNT);
    sqlite3_bind_int(st, 1, (int)state);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count the outbox");
    return INV_OK;
}

int inv_channel_health(InvDb *db, InvChannel channel, InvChannelHealth *out)
{
    InvChannelHealth h;
    memset(&h, 0, sizeof(h));
    sqlite3_stmt *st = inv__stmt(db, SQL_CHANNEL_GET);
    sqlite3_bind_int(st, 1, (int)channel);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        inv__col_text(st, 0, h.server, sizeof(h.server));
        h.fails = sqlite3_column_int(st, 1);
        h.failing_since = sqlite3_column_int64(st, 2);
        inv__col_text(st, 3, h.answer, sizeof(h.answer));
        h.last_ok = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the channel's health");
    *out = h;
    return INV_OK;
}

int inv_call_list_each(InvDb *db, int64_t now, InvCallFn fn, void *ctx)
{
    InvLocal today = inv__local(now);
    int64_t today_days = inv_date_days((InvDate){today.year, today.month, today.day});
    sqlite3_stmt *st = inv__stmt(db, SQL_CALL_LIST);
    sqlite3_bind_int64(st, 1, now);
    int rc;
    int stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        InvCallEntry e;
        memset(&e, 0, sizeof(e));
        e.borrower_id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, e.name, sizeof(e.name));
        inv__col_text(st, 2, e.card, sizeof(e.card));
        bool child = sqlite3_column_int(st, 5) != 0;
        inv__col_text(st, 3, e.phone, sizeof(e.phone));
        e.guardian = child && e.phone[0] != '\0';
        if (e.phone[0] == '\0') /* a child's adult without a phone: the child's own, if any */
            inv__col_text(st, 4, e.phone, sizeof(e.phone));
        if (child)
            inv__col_text(st, 6, e.guardian_name, sizeof(e.guardian_name));
        InvLocal d = inv__local(sqlite3_column_int64(st, 7));
        e.days_late = (int)(today_days - inv_date_days((InvDate){d.year, d.month, d.day}));
        e.items = sqlite3_column_int(st, 8);
        inv__col_text(st, 9, e.item_names, sizeof(e.item_names));
        stop = fn(&e, ctx);
        if (stop != 0)
            break;
    }
    sqlite3_reset(st);
    if (stop != 0)
        return stop;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the call list");
    return INV_OK;
}

static int recipient(InvDb *db, int64_t borrower_id, Recipient *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_REMIND_RECIPIENT);
    sqlite3_bind_int64(st, 1, borrower_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->consent = sqlite3_column_int(st, 1);
        inv__col_text(st, 2, out->phone, sizeof(out->phone));
        inv__col_text(st, 3, out->email, sizeof(out->email));
        inv__col_text(st, 4, out->lang, sizeof(out->lang));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no borrower with id %lld", (long long)borrower_id);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the borrower");
    return INV_OK;
}

/* One message per channel the recipient consented to and has an address for. */
static int queue_to(InvDb *db, InvOutKind kind, int64_t loan_id, int number, const Recipient *r,
                    int64_t now, size_t *added)
{
    static const InvChannel channels[] = {INV_CHANNEL_SMS, INV_CHANNEL_EMAIL};
    for (size_t i = 0; i < sizeof(channels) / sizeof(channels[0]); i++) {
        const char *to = channels[i] == INV_CHANNEL_SMS ? r->phone : r->email;
        if ((r->consent & (int)channels[i]) == 0 || to[0] == '\0')
            continue;
        sqlite3_stmt *st = inv__stmt(db, SQL_OUTBOX_ADD);
        sqlite3_bind_int(st, 1, (int)kind);
        sqlite3_bind_int64(st, 2, loan_id);
        sqlite3_bind_int(st, 3, number);
        sqlite3_bind_int(st, 4, (int)channels[i]);
        sqlite3_bind_int64(st, 5, r->id);
        inv__bind_text(st, 6, to);
        inv__bind_text(st, 7, r->lang);
        sqlite3_bind_int64(st, 8, now);
        int err = inv__run(db, st, "cannot queue the message");
        if (err != INV_OK)
            return err;
        if (added != NULL)
            *added += (size_t)sqlite3_changes(db->sql);
    }
    return INV_OK;
}

/* The first open day on or after day number `days` (the day itself if no open day comes within
 * INV_CALENDAR_SEARCH_DAYS, as due days do). */
static int open_day_from(InvDb *db, int64_t days, int64_t *out)
{
    for (int64_t n = days; n <= days + INV_CALENDAR_SEARCH_DAYS; n++) {
        InvDay day;
        int err = inv_calendar_day(db, inv_date_from_days(n), &day);
        if (err != INV_OK)
            return err;
        if (day.kind == INV_DAY_OPEN) {
            *out = n;
            return INV_OK;
        }
    }
    *out = days;
    return INV_OK;
}

/* When reminder `number` of a loan due at due_at is due: INV_REMIND_HOUR on the first open day
 * after the due day, and every `every` days after that first one (each moved to an open day). */
static int reminder_time(InvDb *db, int64_t due_at, int number, int every, int64_t *out)
{
    InvLocal d = inv__local(due_at);
    int64_t first = 0;
    int err = open_day_from(db, inv_date_days((InvDate){d.year, d.month, d.day}) + 1, &first);
    int64_t day = first;
    if (err == INV_OK && number > 1)
        err = open_day_from(db, first + (int64_t)(number - 1) * every, &day);
    if (err != INV_OK)
        return err;
    InvDate date = inv_date_from_days(day);
    *out = inv__local_midnight(date.year, date.month, date.day) + INV_REMIND_HOUR * 3600;
    return INV_OK;
}

static void read_msg(sqlite3_stmt *st, InvOutMsg *m)
{
    memset(m, 0, sizeof(*m));
    m->id = sqlite3_column_int64(st, 0);
    m->kind = (InvOutKind)sqlite3_column_int(st, 1);
    m->loan_id = sqlite3_column_int64(st, 2);
    m->number = sqlite3_column_int(st, 3);
    m->channel = (InvChannel)sqlite3_column_int(st, 4);
    m->recipient_id = sqlite3_column_int64(st, 5);
    m->borrower_id = sqlite3_column_int64(st, 6);
    inv__col_text(st, 7, m->to, sizeof(m->to));
    inv__col_text(st, 8, m->lang, sizeof(m->lang));
    m->state = (InvOutState)sqlite3_column_int(st, 9);
    m->attempts = sqlite3_column_int(st, 10);
    m->queued_at = sqlite3_column_int64(st, 11);
    m->next_try = sqlite3_column_int64(st, 12);
    m->sent_at = sqlite3_column_int64(st, 13);
    inv__col_text(st, 14, m->answer, sizeof(m->answer));
}

/* The rows are read into memory first: fn may use other inv_ calls (a text names the loan's
 * items), which must not find this statement busy. */
static int walk(InvDb *db, InvOutState state, int64_t due, InvOutFn fn, void *ctx)
{
    InvOutMsg *rows = NULL;
    size_t n = 0;
    size_t cap = 0;
    int err = INV_OK;
    sqlite3_stmt *st = inv__stmt(db, SQL_OUTBOX_EACH);
    sqlite3_bind_int(st, 1, (int)state);
    sqlite3_bind_int64(st, 2, due);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            InvOutMsg *nr = realloc(rows, ncap * sizeof(*nr));
            if (nr == NULL) {
                sqlite3_reset(st);
                free(rows);
                return inv__fail(db, INV_E_NOMEM, "out of memory reading the outbox");
            }
            rows = nr;
            cap = ncap;
        }
        read_msg(st, &rows[n++]);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        err = inv__sqlfail(db, rc, "cannot read the outbox");
    for (size_t i = 0; err == INV_OK && i < n; i++)
        err = fn(&rows[i], ctx);
    free(rows);
    return err;
}
