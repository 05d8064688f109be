/* Scanner configuration: defaults, the kiosk's [scanner] section keys, and rule matching. */
#include "scan_int.h"
#include "scanner.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int set_error(char *err, size_t err_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool valid_match(const char *m);
static int add_rule(ScanConfig *cfg, const ScanRule *rule);
static bool parse_hex4(const char *s, size_t n, uint16_t *out);

void scan_config_init(ScanConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->layout = BC_LAYOUT_US;
    cfg->dedupe_ms = BC_DEDUPE_DEFAULT_MS;
    cfg->rescan_ms = 0;
    cfg->access_retry_ms = SCAN_ACCESS_RETRY_DEFAULT_MS;
}

int scan_config_set(ScanConfig *cfg, const char *key, const char *value, char *err, size_t err_size)
{
    ScanRule rule;

    memset(&rule, 0, sizeof(rule));
    if (key == NULL || value == NULL)
        return set_error(err, err_size, "missing key or value");
    if (strcmp(key, "layout") == 0) {
        BcLayout l = BC_LAYOUT_US;
        if (bc_layout_parse(value, &l) != BC_OK)
            return set_error(err, err_size, "unknown layout %s (use us or no)", value);
        cfg->layout = l;
        return SCAN_OK;
    }
    if (strcmp(key, "dedupe") == 0) {
        uint32_t ms = 0;
        if (bc_window_parse(value, &ms) != BC_OK)
            return set_error(err, err_size, "bad dedupe window %s (seconds, e.g. 1.5)", value);
        cfg->dedupe_ms = ms;
        return SCAN_OK;
    }
    if (strcmp(key, "rescan") == 0) {
        char *end = NULL;
        unsigned long v = strtoul(value, &end, 10);
        if (end == value || *end != '\0' || v > 600000 || value[0] == '-')
            return set_error(err, err_size, "bad rescan period %s (milliseconds)", value);
        cfg->rescan_ms = (uint32_t)v;
        return SCAN_OK;
    }
    if (strcmp(key, "hotplug") == 0) {
        if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
            cfg->no_hotplug = false;
        else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
            cfg->no_hotplug = true;
        else
            return set_error(err, err_size, "bad hotplug value %s (yes or no)", value);
        return SCAN_OK;
    }
    if (strcmp(key, "device") == 0) {
        size_t n = strcspn(value, " \t");
        const char *sp = value + n;
        if (*sp == '\0' || n == 0 || n >= sizeof(rule.match))
            return set_error(err, err_size, "bad device line %s (want: PORT-OR-VID:PID LAYOUT)",
                             value);
        memcpy(rule.match, value, n);
        while (*sp == ' ' || *sp == '\t')
            sp++;
        if (!valid_match(rule.match))
            return set_error(err, err_size, "bad device %s (want 1-4.2 or 0c2e:0b61)", value);
        if (bc_layout_parse(sp, &rule.layout) != BC_OK)
            return set_error(err, err_size, "unknown layout in %s (use us or no)", value);
        rule.has_layout = true;
        return add_rule(cfg, &rule);
    }
    if (strcmp(key, "allow") == 0 || strcmp(key, "ignore") == 0) {
        if (strlen(value) >= sizeof(rule.match) || !valid_match(value))
            return set_error(err, err_size, "bad device %s (want 1-4.2 or 0c2e:0b61)", value);
        memcpy(rule.match, value, strlen(value) + 1);
        rule.allow = key[0] == 'a';
        rule.ignore = key[0] == 'i';
        return add_rule(cfg, &rule);
    }
    return set_error(err, err_size, "unknown scanner setting %s", key);
}

const ScanRule *scan__rule_find(const ScanConfig *cfg, const char *port, uint16_t vid, uint16_t pid)
{
    for (size_t i = 0; i < cfg->n_rules; i++) {
        const char *m = cfg->rules[i].match;
        uint16_t v = 0;
        uint16_t p = 0;
        if (strchr(m, ':') == NULL) {
            if (strcmp(m, port) == 0)
                return &cfg->rules[i];
            continue;
        }
        if (!parse_hex4(m, 4, &v) || v != vid)
            continue;
        if (strcmp(m + 5, "*") == 0 || (parse_hex4(m + 5, 4, &p) && p == pid))
            return &cfg->rules[i];
    }
    return NULL;
}

static int set_error(char *err, size_t err_size, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL && err_size > 0) {
        va_start(ap, fmt);
        vsnprintf(err, err_size, fmt, ap);
        va_end(ap);
    }
    return SCAN_ERR_CONFIG;
}

/* "vvvv:pppp", "vvvv:*", or a port path "B-p[.p]..." (decimal). */
static bool valid_match(const char *m)
{
    uint16_t x = 0;
    size_t n = strlen(m);
    const char *p = m;
    bool dash = false;

    if (n == 9 && m[4] == ':')
        return parse_hex4(m, 4, &x) && parse_hex4(m + 5, 4, &x);
    if (n == 6 && m[4] == ':' && m[5] == '*')
        return parse_hex4(m, 4, &x);
    if (n == 0 || m[0] < '0' || m[0] > '9')
        return false;
    for (; *p; p++) {
        if (*p == '-') {
            if (dash)
                return false;
            dash = true;
        } else if (*p == '.') {
            if (!dash)
                return false;
        } else if (*p < '0' || *p > '9') {
            return false;
        }
        if ((*p == '-' || *p == '.') && (p[1] < '0' || p[1] > '9'))
            return false;
    }
    return dash;
}

static int add_rule(ScanConfig *cfg, const ScanRule *rule)
{
    if (cfg->n_rules >= SCAN_RULES_MAX)
        return SCAN_ERR_TOO_MANY;
    cfg->rules[cfg->n_rules++] = *rule;
    return SCAN_OK;
}

static bool parse_hex4(const char *s, size_t n, uint16_t *out)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d = 0;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return false;
        v = v * 16 + d;
    }
    *out = (uint16_t)v;
    return true;
}
