/* The two channels of bua-admin remind, through libcurl: e-mail by the centre's SMTP relay
 * (STARTTLS as configured, login with a password from a file) and SMS by an HTTP POST to a
 * gateway (URL, authentication and a body template from the settings, so any gateway fits).
 * These are the program's only network use: each transfer is limited to its protocols, follows
 * no redirects and gives up after the configured timeout. */
#include "adm.h"
#include "inv_paths.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT 30
#define SECRET_MAX 1024
#define ADM_REPLY_MAX 256
#define SMS_BODY_DEFAULT "{\"to\": \"{to}\", \"text\": \"{text}\"}"
#define SMS_TYPE_DEFAULT "application/json"

/* An upload buffer for the SMTP transfer. */
typedef struct Upload {
    const char *data;
    size_t len;
    size_t pos;
} Upload;

/* A growing text (the e-mail, the SMS body, a gateway's answer). */
typedef struct Text {
    char *s;
    size_t len;
    size_t cap;
    bool failed;
} Text;

static int get(const char *config, const char *section, const char *key, char *buf, size_t size,
               char *msg, size_t msg_size);
static int read_secret(const char *path, const char *what, char *buf, size_t size, char *msg,
                       size_t msg_size);
static void text_add(Text *t, const char *s, size_t n);
static void text_adds(Text *t, const char *s);
static void add_base64(Text *t, const char *s);
static void add_json(Text *t, const char *s);
static void add_form(Text *t, const char *s);
static size_t read_upload(char *buf, size_t size, size_t n, void *ctx);
static size_t keep_answer(char *buf, size_t size, size_t n, void *ctx);
static int keep_reply(CURL *curl, curl_infotype type, char *data, size_t size, void *ctx);
static void answer_line(char *dst, size_t size, const char *s);

int adm_channels_load(const char *config, AdmChannels *out, char *msg, size_t msg_size)
{
    AdmChannels c;
    memset(&c, 0, sizeof c);
    char text[64] = "";
    int rc = 0;
    if (config == NULL || config[0] == '\0') {
        *out = c;
        return 0;
    }
    /* [smtp] */
    if ((rc = get(config, "smtp", "url", c.mail.url, sizeof c.mail.url, msg, msg_size)) < 0) {
        return -1;
    }
    if (rc > 0 && c.mail.url[0] != '\0') {
        if (strncmp(c.mail.url, "smtp://", 7) != 0 && strncmp(c.mail.url, "smtps://", 8) != 0) {
            snprintf(msg, msg_size, "%s: [smtp] url %s must start with smtp:// or smtps://", config,
                     c.mail.url);
            return -1;
        }
        if (get(config, "smtp", "from", c.mail.from, sizeof c.mail.from, msg, msg_size) <= 0 ||
            c.mail.from[0] == '\0') {
            if (msg[0] == '\0') {
                snprintf(msg, msg_size, "%s: [smtp] needs from = the centre's address", config);
            }
            return -1;
        }
        c.mail.starttls = ADM_TLS_TRY;
        if ((rc = get(config, "smtp", "starttls", text, sizeof text, msg, msg_size)) < 0) {
            return -1;
        }
        if (rc > 0 && strcmp(text, "required") == 0) {
            c.mail.starttls = ADM_TLS_REQUIRED;
        } else if (rc > 0 && strcmp(text, "no") == 0) {
            c.mail.starttls = ADM_TLS_NO;
        } else if (rc > 0 && strcmp(text, "try") != 0) {
            snprintf(msg, msg_size, "%s: [smtp] starttls is try, required or no, not '%s'", config,
                     text);
            return -1;
        }
        if (get(config, "smtp", "user", c.mail.user, sizeof c.mail.user, msg, msg_size) < 0 ||
            get(config, "smtp", "password_file", c.mail.password_file, sizeof c.mail.password_file,
                msg, msg_size) < 0) {
            return -1;
        }
        if (c.mail.user[0] != '\0' && c.mail.password_file[0] == '\0') {
            snprintf(msg, msg_size, "%s: [smtp] user needs password_file", config);
            return -1;
        }
        c.mail.timeout = DEFAULT_TIMEOUT;
        if ((rc = get(config, "smtp", "timeout", text, sizeof text, msg, msg_size)) < 0) {
            return -1;
        }
        if (rc > 0 && (sscanf(text, "%d", &c.mail.timeout) != 1 || c.mail.timeout < 1 ||
                       c.mail.timeout > 600)) {
            snprintf(msg, msg_size, "%s: [smtp] timeout is 1 to 600 seconds, not '%s'", config,
                     text);
            return -1;
        }
        c.has_mail = true;
    }
    /* [sms] */
    if ((rc = get(config, "sms", "url", c.sms.url, sizeof c.sms.url, msg, msg_size)) < 0) {
        return -1;
    }
    if (rc > 0 && c.sms.url[0] != '\0') {
        if (strncmp(c.sms.url, "http://", 7) != 0 && strncmp(c.sms.url, "https://", 8) != 0) {
            snprintf(msg, msg_size, "%s: [sms] url %s must start with https:// or http://", config,
                     c.sms.url);
            return -1;
        }
        c.sms.auth = ADM_AUTH_NONE;
        if ((rc = get(config, "sms", "auth", text, sizeof text, msg, msg_size)) < 0) {
            return -1;
        }
        if (rc > 0 && strcmp(text, "basic") == 0) {
            c.sms.auth = ADM_AUTH_BASIC;
        } else if (rc > 0 && strcmp(text, "header") == 0) {
            c.sms.auth = ADM_AUTH_HEADER;
        } else if (rc > 0 && strcmp(text, "none") != 0) {
            snprintf(msg, msg_size, "%s: [sms] auth is none, basic or header, not '%s'", config,
                     text);
            return -1;
        }
        if (get(config, "sms", "user", c.sms.user, sizeof c.sms.user, msg, msg_size) < 0 ||
            get(config, "sms", "secret_file", c.sms.secret_file, sizeof c.sms.secret_file, msg,
                msg_size) < 0) {
            return -1;
        }
        if (c.sms.auth != ADM_AUTH_NONE && c.sms.secret_file[0] == '\0') {
            snprintf(msg, msg_size, "%s: [sms] auth = %s needs secret_file", config,
                     c.sms.auth == ADM_AUTH_BASIC ? "basic" : "header");
            return -1;
        }
        adm_copy(c.sms.body, sizeof c.sms.body, SMS_BODY_DEFAULT);
        adm_copy(c.sms.content_type, sizeof c.sms.content_type, SMS_TYPE_DEFAULT);
        if (get(config, "sms", "body", c.sms.body, sizeof c.sms.body, msg, msg_size) < 0 ||
            get(config, "sms", "content_type", c.sms.content_type, sizeof c.sms.content_type, msg,
                msg_size) < 0) {
            return -1;
        }
        if (strstr(c.sms.body, "{text}") == NULL || strstr(c.sms.body, "{to}") == NULL) {
            snprintf(msg, msg_size, "%s: [sms] body must hold {to} and {text}", config);
            return -1;
        }
        c.sms.timeout = DEFAULT_TIMEOUT;
        if ((rc = get(config, "sms", "timeout", text, sizeof text, msg, msg_size)) < 0) {
            return -1;
        }
        if (rc > 0 &&
            (sscanf(text, "%d", &c.sms.timeout) != 1 || c.sms.timeout < 1 || c.sms.timeout > 600)) {
            snprintf(msg, msg_size, "%s: [sms] timeout is 1 to 600 seconds, not '%s'", config,
                     text);
            return -1;
        }
        c.has_sms = true;
    }
    *out = c;
    return 0;
}

int adm_send_mail(const AdmMailConfig *cfg, const AdmMessage *m, char *answer, size_t size)
{
    char password[SECRET_MAX] = "";
    char error[CURL_ERROR_SIZE] = "";
    char from[sizeof cfg->from + 2] = "";
    char to[INV_NAME_MAX + 2] = "";
    char date[64] = "";
    Text mail = {0};
    int ok = -1;

    if (cfg->password_file[0] != '\0' &&
        read_secret(cfg->password_file, "[smtp] password_file", password, sizeof password, answer,
                    size) != 0) {
        return -1;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    const char *at = strchr(cfg->from, '@');
    text_adds(&mail, "Date: ");
    text_adds(&mail, date);
    text_adds(&mail, "\r\nFrom: ");
    add_base64(&mail, m->centre);
    text_adds(&mail, " <");
    text_adds(&mail, cfg->from);
    text_adds(&mail, ">\r\nTo: <");
    text_adds(&mail, m->to);
    text_adds(&mail, ">\r\nSubject: ");
    add_base64(&mail, m->subject);
    text_adds(&mail, "\r\nMessage-ID: <bua-");
    text_adds(&mail, m->key);
    text_adds(&mail, "@");
    text_adds(&mail, at != NULL ? at + 1 : "bua-kiosk");
    text_adds(&mail, ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n");
    for (const char *p = m->text; *p != '\0'; p++) { /* line ends as CRLF */
        if (*p == '\n') {
            text_adds(&mail, "\r\n");
        } else {
            text_add(&mail, p, 1);
        }
    }
    text_adds(&mail, "\r\n");
    if (mail.failed) {
        adm_copy(answer, size, "out of memory");
        goto out_free;
    }

    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        adm_copy(answer, size, "cannot start libcurl");
        goto out_free;
    }
    struct curl_slist *rcpt = NULL;
    snprintf(from, sizeof from, "<%s>", cfg->from);
    snprintf(to, sizeof to, "<%s>", m->to);
    rcpt = curl_slist_append(rcpt, to);
    Upload up = {mail.s, mail.len, 0};
    curl_easy_setopt(curl, CURLOPT_URL, cfg->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     cfg->starttls == ADM_TLS_REQUIRED ? CURLUSESSL_ALL
                     : cfg->starttls == ADM_TLS_TRY    ? CURLUSESSL_TRY
                                                       : CURLUSESSL_NONE);
    if (cfg->user[0] != '\0') {
        curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password);
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)cfg->timeout);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    char reply[ADM_REPLY_MAX] = ""; /* what the relay said (keep_reply) */
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, keep_reply);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, reply);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    CURLcode res = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    if (res == CURLE_OK) {
        snprintf(answer, size, "%s", reply[0] ? reply : "250");
        ok = 0;
    } else if (res == CURLE_OPERATION_TIMEDOUT) {
        snprintf(answer, size, "no answer within %d s", cfg->timeout);
    } else if (code != 0 && reply[0] != '\0') {
        snprintf(answer, size, "%s (%s)", reply, error[0] ? error : curl_easy_strerror(res));
    } else if (code != 0) {
        snprintf(answer, size, "%ld (%s)", code, error[0] ? error : curl_easy_strerror(res));
    } else {
        snprintf(answer, size, "%s", error[0] ? error : curl_easy_strerror(res));
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
out_free:
    adm_wipe(password, sizeof password);
    free(mail.s);
    return ok;
}

int adm_send_sms(const AdmSmsConfig *cfg, const AdmMessage *m, char *answer, size_t size)
{
    char secret[SECRET_MAX] = "";
    char error[CURL_ERROR_SIZE] = "";
    char key_header[INV_NAME_MAX + 32] = "";
    char type_header[sizeof cfg->content_type + 16] = "";
    Text body = {0};
    Text reply = {0};
    int ok = -1;

    if (cfg->auth != ADM_AUTH_NONE && read_secret(cfg->secret_file, "[sms] secret_file", secret,
                                                  sizeof secret, answer, size) != 0) {
        return -1;
    }
    bool json = strstr(cfg->content_type, "json") != NULL;
    for (const char *p = cfg->body; *p != '\0';) {
        if (strncmp(p, "{to}", 4) == 0 || strncmp(p, "{text}", 6) == 0) {
            bool is_to = p[1] == 't' && p[2] == 'o';
            const char *v = is_to ? m->to : m->text;
            if (json) {
                add_json(&body, v);
            } else {
                add_form(&body, v);
            }
            p += is_to ? 4 : 6;
        } else {
            text_add(&body, p, 1);
            p++;
        }
    }
    if (body.failed) {
        adm_copy(answer, size, "out of memory");
        goto out_free;
    }
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        adm_copy(answer, size, "cannot start libcurl");
        goto out_free;
    }
    struct curl_slist *headers = NULL;
    snprintf(type_header, sizeof type_header, "Content-Type: %s", cfg->content_type);
    snprintf(key_header, sizeof key_header, "Idempotency-Key: bua-%s", m->key);
    headers = curl_slist_append(headers, type_header);
    headers = curl_slist_append(headers, key_header);
    if (cfg->auth == ADM_AUTH_HEADER) {
        headers = curl_slist_append(headers, secret);
    } else if (cfg->auth == ADM_AUTH_BASIC) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, secret);
    }
    curl_easy_setopt(curl, CURLOPT_URL, cfg->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.s);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)body.len);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_answer);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)cfg->timeout);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    CURLcode res = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    char said[160] = "";
    answer_line(said, sizeof said, reply.s != NULL ? reply.s : "");
    if (res == CURLE_OPERATION_TIMEDOUT) {
        snprintf(answer, size, "no answer within %d s", cfg->timeout);
    } else if (res != CURLE_OK) {
        snprintf(answer, size, "%s", error[0] ? error : curl_easy_strerror(res));
    } else {
        snprintf(answer, size, "HTTP %ld%s%s", code, said[0] ? ": " : "", said);
        ok = code >= 200 && code <= 299 ? 0 : -1;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
out_free:
    adm_wipe(secret, sizeof secret);
    free(body.s);
    free(reply.s);
    return ok;
}

/* inv_paths_config_get, with "FILE:" in front of a failure. */
static int get(const char *config, const char *section, const char *key, char *buf, size_t size,
               char *msg, size_t msg_size)
{
    msg[0] = '\0';
    return inv_paths_config_get(config, section, key, buf, size, msg, msg_size);
}

/* The first line of a secret file, which only its owner may read (mode 0600 or 0400). */
static int read_secret(const char *path, const char *what, char *buf, size_t size, char *msg,
                       size_t msg_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        snprintf(msg, msg_size, "cannot read %s %s: %s", what, path, adm_errno_text(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
        snprintf(msg, msg_size,
                 "%s %s is readable by others (mode %04o): make it the service user's only "
                 "(chmod 600)",
                 what, path, (unsigned)(st.st_mode & 07777));
        close(fd);
        return -1;
    }
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) {
        snprintf(msg, msg_size, "cannot read %s %s: %s", what, path, adm_errno_text(errno));
        return -1;
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    if (buf[0] == '\0') {
        snprintf(msg, msg_size, "%s %s is empty", what, path);
        return -1;
    }
    return 0;
}

static void text_add(Text *t, const char *s, size_t n)
{
    if (t->failed) {
        return;
    }
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1) {
            cap *= 2;
        }
        char *ns = realloc(t->s, cap);
        if (ns == NULL) {
            t->failed = true;
            return;
        }
        t->s = ns;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void text_adds(Text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

/* A header word in UTF-8 (RFC 2047 "B" encoding), for names and subjects with æ, ø, å. */
static void add_base64(Text *t, const char *s)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    text_adds(t, "=?UTF-8?B?");
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n) {
            v |= (unsigned)p[i + 1] << 8;
        }
        if (i + 2 < n) {
            v |= p[i + 2];
        }
        char q[4] = {abc[(v >> 18) & 63], abc[(v >> 12) & 63], i + 1 < n ? abc[(v >> 6) & 63] : '=',
                     i + 2 < n ? abc[v & 63] : '='};
        text_add(t, q, 4);
    }
    text_adds(t, "?=");
}

static void add_json(Text *t, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        char esc[8] = "";
        if (*p == '"' || *p == '\\') {
            snprintf(esc, sizeof esc, "\\%c", *p);
        } else if (*p == '\n') {
            adm_copy(esc, sizeof esc, "\\n");
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
        } else {
            text_add(t, (const char *)p, 1);
            continue;
        }
        text_adds(t, esc);
    }
}

static void add_form(Text *t, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            text_add(t, (const char *)p, 1);
        } else {
            char esc[4] = "";
            snprintf(esc, sizeof esc, "%%%02X", *p);
            text_adds(t, esc);
        }
    }
}

static size_t read_upload(char *buf, size_t size, size_t n, void *ctx)
{
    Upload *up = ctx;
    size_t room = size * n;
    size_t left = up->len - up->pos;
    size_t k = left < room ? left : room;
    memcpy(buf, up->data + up->pos, k);
    up->pos += k;
    return k;
}

/* The gateway's answer, its first 1 kB. */
static size_t keep_answer(char *buf, size_t size, size_t n, void *ctx)
{
    Text *t = ctx;
    size_t k = size * n;
    if (t->len < 1024) {
        text_add(t, buf, t->len + k > 1024 ? 1024 - t->len : k);
    }
    return k;
}

/* The SMTP relay's answers as they come (libcurl's debug callback): the first refusal (4xx,
 * 5xx), else the last "250" (the one to the message itself: "250 2.0.0 Ok: queued as ..."). */
static int keep_reply(CURL *curl, curl_infotype type, char *data, size_t size, void *ctx)
{
    (void)curl;
    char *reply = ctx;
    if (type != CURLINFO_HEADER_IN || size < 3 || (reply[0] == '4' || reply[0] == '5')) {
        return 0;
    }
    if (data[0] != '4' && data[0] != '5' && strncmp(data, "250", 3) != 0) {
        return 0;
    }
    char line[ADM_REPLY_MAX] = "";
    size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
    memcpy(line, data, n);
    line[n] = '\0';
    answer_line(reply, ADM_REPLY_MAX, line);
    return 0;
}

/* The first line of an answer, printable ASCII only (it goes to the journal). */
static void answer_line(char *dst, size_t size, const char *s)
{
    size_t o = 0;
    for (; *s != '\0' && *s != '\n' && *s != '\r' && o + 1 < size; s++) {
        dst[o++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
    }
    dst[o] = '\0';
}
