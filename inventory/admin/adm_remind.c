/* bua-admin remind: one round of reminders and receipts (queue what is due, then send what is
 * queued by e-mail and SMS), remind-rules, overdue --call-list and a borrower's wishes for
 * messages. The store decides and records (inv_remind.c); adm_send.c does the network; the
 * texts come from the kiosk's catalogues (assets/i18n, keys remind.*), in the recipient's
 * language.
 *
 * Rounds never overlap: each holds an exclusive lock on DB-remind.lock (released by the kernel
 * even on kill -9), so a message found `sending` when a round starts was left by one that
 * stopped, and is marked in doubt instead of being sent again. */
#include "adm.h"
#include "inv_paths.h"
#include "ui.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <unistd.h>

#define TEXT_MAX 4096
#define OPEN_DAYS_SHOWN 3
#define OPEN_DAYS_LOOK 21
#define CENTRE_DEFAULT "BUA"

/* What a round needs to write texts. */
typedef struct Texts {
    AdmCtx *ctx;
    UiCatalog *cat; /* large: on the heap */
    char centre[INV_NAME_MAX];
} Texts;

/* The lines a text lists. */
typedef struct Lines {
    const Texts *t;
    UiLang lang;
    bool reminder;
    int64_t now;
    char *buf;
    size_t size;
    int n;
} Lines;

/* A round's tally of one channel. */
typedef struct Tally {
    int sent;
    int failed; /* a failure stops the channel for this round */
    char server[512];
    char answer[INV_TEXT_MAX];
} Tally;

static int load_texts(AdmCtx *ctx, Texts *t);
static int render(const Texts *t, const InvOutMsg *m, int64_t now, char *subject, size_t s_size,
                  char *text, size_t size);
static int print_would(const InvOutMsg *m, void *vctx);
static int take_lock(AdmCtx *ctx, int *fd);
static void make_token(char *buf, size_t size);
static void day_text(const Texts *t, UiLang lang, InvDate d, char *buf, size_t size);
static void first_name(const char *name, char *buf, size_t size);
static void append(char *buf, size_t size, const char *s);
static int count_waiting(const InvOutMsg *m, void *vctx);
static int print_call(const InvCallEntry *e, void *vctx);
static int print_status(AdmCtx *ctx);
static int print_doubt(const InvOutMsg *m, void *vctx);

int adm_cmd_remind(AdmCtx *ctx, int argc, char **argv)
{
    bool dry = false;
    bool status = false;
    const char *resend = NULL;
    const AdmOpt opts[] = {
        {"--dry-run", NULL, &dry}, {"--status", NULL, &status}, {"--resend", &resend, NULL}};
    size_t n_pos = 0;
    AdmChannels ch;
    Texts t = {0};
    char msg[ADM_PATH_MAX + 256] = "";
    int lock = -1;
    Tally tally[3] = {{0}};

    int rc = adm_parse("remind", argc, argv, opts, 3, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("remind", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && dry + status + (resend != NULL) > 1) {
        rc = adm_usage("remind takes one of --dry-run, --status and --resend");
    }
    int64_t resend_id = 0;
    if (rc == ADM_EXIT_OK && resend != NULL) {
        rc = adm_parse_id("message", "remind --status", resend, &resend_id);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    if (status) {
        return print_status(ctx);
    }
    if (resend != NULL) {
        int err = inv_outbox_resend(ctx->db, resend_id, ctx->now);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot send the message again");
        }
        printf("message %lld is queued again: the next round sends it\n", (long long)resend_id);
        return ADM_EXIT_OK;
    }
    if (adm_channels_load(ctx->config, &ch, msg, sizeof msg) != 0) {
        return adm_fail("%s", msg);
    }
    if ((rc = load_texts(ctx, &t)) != ADM_EXIT_OK) {
        free(t.cat); /* NULL, or the catalogue half loaded */
        return rc;
    }
    size_t queued = 0;
    if (dry) {
        int err = inv_remind_queue(ctx->db, ctx->now, true, print_would, &t, &queued);
        if (err != INV_OK) {
            rc = adm_fail_inv(ctx, err, "cannot work out the reminders");
        } else {
            printf("dry run: %zu new reminder%s would be queued; nothing was sent or changed\n",
                   queued, queued == 1 ? "" : "s");
        }
        goto out_free;
    }
    if ((rc = take_lock(ctx, &lock)) != ADM_EXIT_OK) {
        goto out_free;
    }
    size_t doubt = 0;
    int err = inv_outbox_recover(ctx->db, &doubt);
    if (err == INV_OK) {
        err = inv_remind_queue(ctx->db, ctx->now, false, NULL, NULL, &queued);
    }
    if (err != INV_OK) {
        rc = adm_fail_inv(ctx, err, "cannot queue the reminders");
        goto out_free;
    }
    if (doubt > 0) {
        printf("%zu message%s left sending by a round that stopped: in doubt, not sent again\n",
               doubt, doubt == 1 ? "" : "s");
    }
    printf("queued %zu reminder%s\n", queued, queued == 1 ? "" : "s");

    unsigned mask = (ch.has_sms ? INV_CHANNEL_SMS : 0) | (ch.has_mail ? INV_CHANNEL_EMAIL : 0);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    while (mask != 0) {
        char token[40] = "";
        InvOutMsg m;
        make_token(token, sizeof token);
        err = inv_outbox_claim(ctx->db, ctx->now, mask, token, &m);
        if (err == INV_E_NOT_FOUND) {
            break;
        }
        if (err != INV_OK) {
            rc = adm_fail_inv(ctx, err, "cannot take the next message");
            break;
        }
        char key[96] = "";
        char subject[INV_NAME_MAX * 2] = "";
        char *text = malloc(TEXT_MAX);
        char answer[INV_TEXT_MAX] = "";
        int sent = -1;
        inv_out_key(&m, key, sizeof key);
        if (text == NULL) {
            adm_copy(answer, sizeof answer, "out of memory");
        } else if (render(&t, &m, ctx->now, subject, sizeof subject, text, TEXT_MAX) != INV_OK) {
            snprintf(answer, sizeof answer, "cannot write the text: %s", inv_errmsg(ctx->db));
        } else {
            AdmMessage am = {key, m.to, t.centre, subject, text};
            sent = m.channel == INV_CHANNEL_SMS
                       ? adm_send_sms(&ch.sms, &am, answer, sizeof answer)
                       : adm_send_mail(&ch.mail, &am, answer, sizeof answer);
        }
        free(text);
        const char *server = m.channel == INV_CHANNEL_SMS ? ch.sms.url : ch.mail.url;
        err = inv_outbox_done(ctx->db, m.id, token, sent == 0, server, answer, ctx->now, NULL);
        if (err != INV_OK) {
            rc = adm_fail_inv(ctx, err, "cannot record what the server answered");
            break;
        }
        Tally *tl = &tally[m.channel];
        if (sent == 0) {
            tl->sent++;
            printf("sent %s (%s)\n", key, answer);
        } else {
            tl->failed++;
            adm_copy(tl->server, sizeof tl->server, server);
            adm_copy(tl->answer, sizeof tl->answer, answer);
            mask &= ~(unsigned)m.channel;
        }
    }
    curl_global_cleanup();
    printf("sent %d SMS and %d e-mail%s\n", tally[INV_CHANNEL_SMS].sent,
           tally[INV_CHANNEL_EMAIL].sent, tally[INV_CHANNEL_EMAIL].sent == 1 ? "" : "s");

    /* what stays queued: a failing channel's messages (retried later), and messages for a
     * channel the settings do not set up */
    int waiting[3] = {0};
    err = inv_outbox_each(ctx->db, INV_OUT_QUEUED, 0, count_waiting, waiting);
    if (err != INV_OK && rc == ADM_EXIT_OK) {
        rc = adm_fail_inv(ctx, err, "cannot read the outbox");
    }
    static const InvChannel chans[] = {INV_CHANNEL_SMS, INV_CHANNEL_EMAIL};
    for (size_t i = 0; i < 2; i++) {
        InvChannel c = chans[i];
        const char *what = c == INV_CHANNEL_SMS ? "SMS gateway" : "SMTP relay";
        if (tally[c].failed > 0) {
            InvChannelHealth h = {0};
            char since[32] = "";
            inv_channel_health(ctx->db, c, &h);
            adm_time(h.failing_since, false, since, sizeof since);
            adm_err("%s %s: %s; %d failure%s in a row since %s; %d message%s wait for the "
                    "next round",
                    what, tally[c].server, tally[c].answer, h.fails, h.fails == 1 ? "" : "s", since,
                    waiting[c], waiting[c] == 1 ? "" : "s");
            rc = ADM_EXIT_FAIL;
        } else if (waiting[c] > 0 && (c == INV_CHANNEL_SMS ? !ch.has_sms : !ch.has_mail)) {
            adm_err("%d %s wait: no %s url in the settings%s%s", waiting[c],
                    c == INV_CHANNEL_SMS ? "SMS" : "e-mails",
                    c == INV_CHANNEL_SMS ? "[sms]" : "[smtp]", ctx->config[0] ? " " : "",
                    ctx->config[0] ? ctx->config : " (no settings file)");
            rc = ADM_EXIT_FAIL;
        }
    }
out_free:
    if (lock >= 0) {
        close(lock);
    }
    free(t.cat);
    return rc;
}

int adm_cmd_remind_rules(AdmCtx *ctx, int argc, char **argv)
{
    const char *every_text = NULL;
    const char *max_text = NULL;
    const AdmOpt opts[] = {{"--every-days", &every_text, NULL}, {"--max", &max_text, NULL}};
    size_t n_pos = 0;
    InvRemindRules r = {0};
    int v = 0;

    int rc = adm_parse("remind-rules", argc, argv, opts, 2, &n_pos);
    if (rc == ADM_EXIT_OK) {
        rc = adm_want_args("remind-rules", n_pos, 0, 0, "", argv);
    }
    if (rc == ADM_EXIT_OK && every_text != NULL) {
        rc = adm_parse_int("--every-days", every_text, 1, 60, &v);
    }
    if (rc == ADM_EXIT_OK && max_text != NULL) {
        rc = adm_parse_int("--max", max_text, 0, 10, &v);
    }
    if (rc != ADM_EXIT_OK || (rc = adm_open(ctx)) != ADM_EXIT_OK) {
        return rc;
    }
    int err = inv_remind_rules(ctx->db, &r);
    if (err == INV_OK && (every_text != NULL || max_text != NULL)) {
        if (every_text != NULL) {
            adm_parse_int("--every-days", every_text, 1, 60, &r.every_days);
        }
        if (max_text != NULL) {
            adm_parse_int("--max", max_text, 0, 10, &r.max);
        }
        err = inv_remind_rules_set(ctx->db, &r);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot set the reminder rules");
    }
    printf("remind_every_days %d\nremind_max %d\n", r.every_days, r.max);
    return ADM_EXIT_OK;
}

int adm_call_list(AdmCtx *ctx)
{
    int err = inv_call_list_each(ctx->db, ctx->now, print_call, ctx);
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot list whom to call");
    }
    return ADM_EXIT_OK;
}

int adm_borrower_prefs(AdmCtx *ctx, const char *card, const char *receipts, const char *lang)
{
    int want = -1;
    InvBorrower b = {0};
    InvRemindPrefs p = {0};
    if (receipts != NULL) {
        if (strcmp(receipts, "yes") == 0) {
            want = 1;
        } else if (strcmp(receipts, "no") == 0) {
            want = 0;
        } else {
            return adm_usage("invalid --receipts '%s': yes or no", receipts);
        }
    }
    if (lang != NULL && lang[0] != '\0' && strcmp(lang, "nb") != 0 && strcmp(lang, "en") != 0) {
        return adm_usage("invalid --language '%s': nb or en (\"\" for the centre's)", lang);
    }
    int err = inv_borrower_get(ctx->db, card, &b);
    if (err == INV_OK) {
        err = inv_remind_prefs_set(ctx->db, b.id, want, lang, 0, ctx->now);
    }
    if (err == INV_OK) {
        err = inv_remind_prefs(ctx->db, b.id, &p);
    }
    if (err != INV_OK) {
        return adm_fail_inv(ctx, err, "cannot change the borrower's wishes");
    }
    printf("borrower %s: receipts %s, language %s\n", b.card, p.receipts ? "yes" : "no",
           p.lang[0] != '\0' ? p.lang : "nb (the centre's)");
    return ADM_EXIT_OK;
}

static int load_texts(AdmCtx *ctx, Texts *t)
{
    static const char *const files[UI_LANG_COUNT] = {"nb.po", "en.po"};
    char assets[INV_PATH_MAX] = "";
    char msg[256] = "";
    t->ctx = ctx;
    adm_copy(t->centre, sizeof t->centre, CENTRE_DEFAULT);
    if (ctx->config[0] != '\0') {
        char name[INV_NAME_MAX] = "";
        if (inv_paths_config_get(ctx->config, "kiosk", "centre_name", name, sizeof name, msg,
                                 sizeof msg) < 0) {
            return adm_fail("%s", msg);
        }
        if (name[0] != '\0') {
            adm_copy(t->centre, sizeof t->centre, name);
        }
    }
    if (inv_paths_data(NULL, assets, sizeof assets) != 0) {
        return adm_fail("cannot find the translations: the path is too long");
    }
    t->cat = malloc(sizeof *t->cat);
    if (t->cat == NULL) {
        return adm_fail("out of memory");
    }
    ui_catalog_init(t->cat);
    for (int lang = 0; lang < UI_LANG_COUNT; lang++) {
        char path[INV_PATH_MAX + 32] = "";
        snprintf(path, sizeof path, "%s/i18n/%s", assets, files[lang]);
        FILE *f = fopen(path, "rb");
        if (f == NULL) {
            return adm_fail("cannot read the translations %s: %s", path, adm_errno_text(errno));
        }
        char *po = NULL;
        size_t len = 0;
        size_t cap = 0;
        for (;;) {
            if (len + 4096 > cap) {
                cap = cap ? cap * 2 : 65536;
                char *np = realloc(po, cap);
                if (np == NULL) {
                    free(po);
                    fclose(f);
                    return adm_fail("out of memory");
                }
                po = np;
            }
            size_t n = fread(po + len, 1, cap - len, f);
            len += n;
            if (n == 0) {
                break;
            }
        }
        bool bad = ferror(f) != 0;
        fclose(f);
        int n = bad ? -1 : ui_catalog_load_po(t->cat, (UiLang)lang, po, len, msg, sizeof msg);
        free(po);
        if (n < 0) {
            return adm_fail("cannot read the translations %s:%s", path, bad ? " read error" : msg);
        }
    }
    return ADM_EXIT_OK;
}

static int add_line(const InvLoanLine *line, void *vctx)
{
    Lines *l = vctx;
    if (line->returned_at != 0 || (l->reminder && line->due_at >= l->now)) {
        return 0;
    }
    InvDate due = {0};
    char day[64] = "";
    char row[INV_NAME_MAX * 2 + 64] = "";
    char buf[16] = "";
    inv_time_format(line->due_at, true, buf, sizeof buf);
    inv_date_parse(buf, &due);
    day_text(l->t, l->lang, due, day, sizeof day);
    ui_format(row, sizeof row,
              ui_catalog_get(l->t->cat, l->lang,
                             l->reminder ? UI_MSG_REMIND_LINE : UI_MSG_REMIND_RECEIPT_LINE),
              line->item_name, day);
    append(l->buf, l->size, row);
    append(l->buf, l->size, "\n");
    l->n++;
    return 0;
}

/* The text of message m, in its language (nb unless the recipient chose en). */
static int render(const Texts *t, const InvOutMsg *m, int64_t now, char *subject, size_t s_size,
                  char *text, size_t size)
{
    InvDb *db = t->ctx->db;
    UiLang lang = strcmp(m->lang, "en") == 0 ? UI_LANG_EN : UI_LANG_NB;
    bool reminder = m->kind == INV_OUT_REMINDER;
    InvBorrower to = {0};
    InvBorrower who = {0};
    char line[INV_NAME_MAX * 3] = "";
    char name[INV_NAME_MAX] = "";
    int err = inv_borrower_get_id(db, m->recipient_id, &to);
    if (err == INV_OK) {
        err = inv_borrower_get_id(db, m->borrower_id, &who);
    }
    if (err != INV_OK) {
        return err;
    }
    text[0] = '\0';
    ui_format(subject, s_size,
              ui_catalog_get(t->cat, lang,
                             reminder ? UI_MSG_REMIND_SUBJECT : UI_MSG_REMIND_RECEIPT_SUBJECT),
              t->centre, NULL);
    first_name(to.name, name, sizeof name);
    ui_format(line, sizeof line, ui_catalog_get(t->cat, lang, UI_MSG_REMIND_HELLO), name, NULL);
    append(text, size, line);
    append(text, size, "\n\n");
    bool child = m->borrower_id != m->recipient_id;
    UiMsg intro = reminder ? (child ? UI_MSG_REMIND_DUE_CHILD : UI_MSG_REMIND_DUE_SELF)
                           : (child ? UI_MSG_REMIND_RECEIPT_CHILD : UI_MSG_REMIND_RECEIPT_SELF);
    first_name(who.name, name, sizeof name);
    if (child) {
        ui_format(line, sizeof line, ui_catalog_get(t->cat, lang, intro), name, t->centre);
    } else {
        ui_format(line, sizeof line, ui_catalog_get(t->cat, lang, intro), t->centre, NULL);
    }
    append(text, size, line);
    append(text, size, "\n");
    Lines l = {t, lang, reminder, now, text, size, 0};
    err = inv_loan_each_line(db, m->loan_id, now, add_line, &l);
    if (err != INV_OK) {
        return err;
    }
    if (reminder) { /* the next open days, from today */
        InvDate today = {0};
        char buf[16] = "";
        char days[OPEN_DAYS_SHOWN][64];
        int n = 0;
        inv_time_format(now, true, buf, sizeof buf);
        inv_date_parse(buf, &today);
        int64_t d0 = inv_date_days(today);
        for (int64_t d = d0; d < d0 + OPEN_DAYS_LOOK && n < OPEN_DAYS_SHOWN; d++) {
            InvDay day;
            err = inv_calendar_day(db, inv_date_from_days(d), &day);
            if (err != INV_OK) {
                return err;
            }
            if (day.kind == INV_DAY_OPEN) {
                day_text(t, lang, day.date, days[n], sizeof days[n]);
                n++;
            }
        }
        if (n > 0) {
            char list[256] = "";
            for (int i = 0; i + 1 < n; i++) {
                append(list, sizeof list, days[i]);
                append(list, sizeof list, i + 2 < n ? ", " : "");
            }
            char joined[320] = "";
            if (n > 1) {
                ui_format(joined, sizeof joined, ui_catalog_get(t->cat, lang, UI_MSG_REMIND_AND),
                          list, days[n - 1]);
            } else {
                adm_copy(joined, sizeof joined, days[0]);
            }
            ui_format(line, sizeof line, ui_catalog_get(t->cat, lang, UI_MSG_REMIND_OPEN), joined,
                      NULL);
            append(text, size, "\n");
            append(text, size, line);
            append(text, size, "\n");
        }
    }
    ui_format(line, sizeof line, ui_catalog_get(t->cat, lang, UI_MSG_REMIND_THANKS), t->centre,
              NULL);
    append(text, size, "\n");
    append(text, size, line);
    return INV_OK;
}

static int print_would(const InvOutMsg *m, void *vctx)
{
    const Texts *t = vctx;
    char key[96] = "";
    char subject[INV_NAME_MAX * 2] = "";
    char text[TEXT_MAX] = "";
    InvBorrower to = {0};
    InvBorrower who = {0};
    inv_out_key(m, key, sizeof key);
    int err = inv_borrower_get_id(t->ctx->db, m->recipient_id, &to);
    if (err == INV_OK) {
        err = inv_borrower_get_id(t->ctx->db, m->borrower_id, &who);
    }
    if (err == INV_OK) {
        err = render(t, m, t->ctx->now, subject, sizeof subject, text, sizeof text);
    }
    if (err != INV_OK) {
        return err;
    }
    printf("would send %s to %s (%s", key, m->to, ADM_ESC(to.name));
    if (who.id != to.id) {
        printf(", for %s", ADM_ESC(who.name));
    }
    printf(")\n");
    if (m->channel == INV_CHANNEL_EMAIL) {
        printf("    %s\n", ADM_ESC(subject));
    }
    for (char *p = text; *p != '\0';) {
        char *nl = strchr(p, '\n');
        if (nl != NULL) {
            *nl = '\0';
        }
        printf("    %s\n", ADM_ESC(p));
        if (nl == NULL) {
            break;
        }
        p = nl + 1;
    }
    return 0;
}

/* One round at a time: an exclusive lock on DB-remind.lock, never waited for. */
static int take_lock(AdmCtx *ctx, int *fd)
{
    char path[ADM_PATH_MAX + 16] = "";
    snprintf(path, sizeof path, "%s-remind.lock", ctx->db_path);
    int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (f < 0) {
        return adm_fail("cannot open the lock file %s: %s", path, adm_errno_text(errno));
    }
    if (flock(f, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(f);
        if (e == EWOULDBLOCK) {
            return adm_fail("another reminder round is running on %s: try again later",
                            ctx->db_path);
        }
        return adm_fail("cannot lock %s: %s", path, adm_errno_text(e));
    }
    *fd = f;
    return ADM_EXIT_OK;
}

static void make_token(char *buf, size_t size)
{
    unsigned char r[16] = {0};
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t n = getrandom(r + got, sizeof r - got, 0);
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    size_t o = 0;
    for (size_t i = 0; i < sizeof r && o + 2 < size; i++) {
        o += (size_t)snprintf(buf + o, size - o, "%02x", r[i]);
    }
}

/* "tir. 3.12" / "Tue 3.12". */
static void day_text(const Texts *t, UiLang lang, InvDate d, char *buf, size_t size)
{
    const char *names = ui_catalog_get(t->cat, lang, UI_MSG_REMIND_WEEKDAYS);
    int wd = inv_date_weekday(d);
    const char *p = names;
    for (int i = 0; i < wd && p != NULL; i++) {
        p = strchr(p, ',');
        p = p != NULL ? p + 1 : NULL;
    }
    char name[32] = "";
    if (p != NULL) {
        size_t n = strcspn(p, ",");
        if (n >= sizeof name) {
            n = sizeof name - 1;
        }
        memcpy(name, p, n);
        name[n] = '\0';
    }
    snprintf(buf, size, "%s%s%d.%d", name, name[0] ? " " : "", d.day, d.month);
}

static void first_name(const char *name, char *buf, size_t size)
{
    size_t n = strcspn(name, " ");
    if (n >= size) {
        n = size - 1;
    }
    memcpy(buf, name, n);
    buf[n] = '\0';
}

static void append(char *buf, size_t size, const char *s)
{
    size_t len = strlen(buf);
    if (len + 1 < size) {
        adm_copy(buf + len, size - len, s);
    }
}

static int count_waiting(const InvOutMsg *m, void *vctx)
{
    int *waiting = vctx;
    if (m->channel == INV_CHANNEL_SMS || m->channel == INV_CHANNEL_EMAIL) {
        waiting[m->channel]++;
    }
    return 0;
}

static int print_call(const InvCallEntry *e, void *vctx)
{
    (void)vctx;
    char phone[INV_PHONE_MAX + 16] = "";
    if (e->phone[0] == '\0') {
        adm_copy(phone, sizeof phone, "-");
    } else {
        snprintf(phone, sizeof phone, "%s%s", e->phone, e->guardian ? " (guardian)" : "");
    }
    adm_cell(e->name, 22);
    adm_cell(e->card, 10);
    adm_cell(phone, 24);
    printf("%d day%s late: %s\n", e->days_late, e->days_late == 1 ? "" : "s",
           ADM_ESC(e->item_names));
    return 0;
}

/* remind --status: each channel's health, the messages by state, those in doubt. */
static int print_status(AdmCtx *ctx)
{
    static const InvChannel chans[] = {INV_CHANNEL_SMS, INV_CHANNEL_EMAIL};
    for (size_t i = 0; i < 2; i++) {
        InvChannelHealth h = {0};
        char since[32] = "";
        char ok[32] = "";
        int err = inv_channel_health(ctx->db, chans[i], &h);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot read the outbox");
        }
        adm_time(h.failing_since, false, since, sizeof since);
        adm_time(h.last_ok, false, ok, sizeof ok);
        printf("%-7s ", chans[i] == INV_CHANNEL_SMS ? "sms:" : "e-mail:");
        if (h.fails > 0) {
            printf("failing: %d failure%s in a row since %s; %s: %s\n", h.fails,
                   h.fails == 1 ? "" : "s", since, h.server, h.answer);
        } else if (h.last_ok != 0) {
            printf("working, last sent %s\n", ok);
        } else {
            printf("not used yet\n");
        }
    }
    static const InvOutState states[] = {INV_OUT_QUEUED, INV_OUT_SENDING, INV_OUT_SENT,
                                         INV_OUT_UNSURE, INV_OUT_DROPPED};
    int64_t n_doubt = 0;
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        int64_t n = 0;
        int err = inv_outbox_count(ctx->db, states[i], &n);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot read the outbox");
        }
        printf("%s%s %lld", i ? ", " : "messages: ", inv_out_state_name(states[i]), (long long)n);
        if (states[i] == INV_OUT_UNSURE) {
            n_doubt = n;
        }
    }
    printf("\n");
    if (n_doubt > 0) {
        printf("in doubt (a round stopped while sending; check with the person, then\n"
               "bua-admin remind --resend ID if it did not arrive):\n");
        int err = inv_outbox_each(ctx->db, INV_OUT_UNSURE, 0, print_doubt, ctx);
        if (err != INV_OK) {
            return adm_fail_inv(ctx, err, "cannot read the outbox");
        }
    }
    return ADM_EXIT_OK;
}

static int print_doubt(const InvOutMsg *m, void *vctx)
{
    (void)vctx;
    char key[96] = "";
    char queued[32] = "";
    inv_out_key(m, key, sizeof key);
    adm_time(m->queued_at, false, queued, sizeof queued);
    printf("  %lld  %s to %s, queued %s\n", (long long)m->id, key, m->to, queued);
    return 0;
}
