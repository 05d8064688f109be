/* Unit tests of the scanner configuration: the kiosk's [scanner] keys, their errors, and the
 * error strings. (Device matching and claiming are exercised in tests/replay.) */
#include "check.h"
#include "scanner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_defaults(void)
{
    ScanConfig cfg;

    scan_config_init(&cfg);
    CHECK_EQ(cfg.layout, BC_LAYOUT_US);
    CHECK_EQ(cfg.dedupe_ms, 1500);
    CHECK_EQ(cfg.rescan_ms, 0);
    CHECK_EQ(cfg.access_retry_ms, SCAN_ACCESS_RETRY_DEFAULT_MS);
    CHECK(!cfg.no_hotplug);
    CHECK_EQ(cfg.n_rules, 0);
    CHECK(cfg.on_code == NULL);
}

static void test_keys(void)
{
    ScanConfig cfg;
    char err[128] = {0};

    scan_config_init(&cfg);
    CHECK_EQ(scan_config_set(&cfg, "layout", "no", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(cfg.layout, BC_LAYOUT_NO);
    CHECK_EQ(scan_config_set(&cfg, "dedupe", "2.5", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(cfg.dedupe_ms, 2500);
    CHECK_EQ(scan_config_set(&cfg, "dedupe", "0", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(cfg.dedupe_ms, 0);
    CHECK_EQ(scan_config_set(&cfg, "rescan", "500", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(cfg.rescan_ms, 500);
    CHECK_EQ(scan_config_set(&cfg, "hotplug", "no", err, sizeof(err)), SCAN_OK);
    CHECK(cfg.no_hotplug);
    CHECK_EQ(scan_config_set(&cfg, "hotplug", "yes", err, sizeof(err)), SCAN_OK);
    CHECK(!cfg.no_hotplug);

    CHECK_EQ(scan_config_set(&cfg, "device", "1-4.2 no", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(scan_config_set(&cfg, "device", "0c2e:0B61 \t us", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(scan_config_set(&cfg, "allow", "1a86:e026", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(scan_config_set(&cfg, "ignore", "05e0:*", err, sizeof(err)), SCAN_OK);
    CHECK_EQ(cfg.n_rules, 4);
    CHECK_STREQ(cfg.rules[0].match, "1-4.2");
    CHECK(cfg.rules[0].has_layout);
    CHECK_EQ(cfg.rules[0].layout, BC_LAYOUT_NO);
    CHECK_STREQ(cfg.rules[1].match, "0c2e:0B61");
    CHECK_EQ(cfg.rules[1].layout, BC_LAYOUT_US);
    CHECK(cfg.rules[2].allow && !cfg.rules[2].ignore && !cfg.rules[2].has_layout);
    CHECK(cfg.rules[3].ignore && !cfg.rules[3].allow);
}

static void test_errors(void)
{
    static const char *const bad[][2] = {
        {"layout", "de"},      {"dedupe", "soon"},
        {"dedupe", "90"},      {"rescan", "-1"},
        {"rescan", "x"},       {"hotplug", "maybe"},
        {"device", "1-4.2"},   {"device", "1-4.2 fr"},
        {"device", "usb1 no"}, {"device", "1-.2 no"},
        {"allow", "0c2e"},     {"allow", "0c2e:zz00"},
        {"ignore", "1-4-2"},   {"colour", "red"},
        {"allow", ""},         {"device", "0c2e:0b61:1 no"},
    };
    ScanConfig cfg;
    ScanConfig before;

    scan_config_init(&cfg);
    before = cfg;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char err[128] = {0};
        int r = scan_config_set(&cfg, bad[i][0], bad[i][1], err, sizeof(err));
        if (r != SCAN_ERR_CONFIG)
            fprintf(stderr, "case %zu: %s = %s gave %d\n", i, bad[i][0], bad[i][1], r);
        CHECK_EQ(r, SCAN_ERR_CONFIG);
        CHECK(err[0] != '\0');
        CHECK(memcmp(&cfg, &before, sizeof(cfg)) == 0); /* unchanged on error */
    }
    CHECK_EQ(scan_config_set(&cfg, "layout", "xx", NULL, 0), SCAN_ERR_CONFIG);
}

static void test_rules_full(void)
{
    ScanConfig cfg;

    scan_config_init(&cfg);
    for (int i = 0; i < SCAN_RULES_MAX; i++)
        CHECK_EQ(scan_config_set(&cfg, "allow", "1a86:e026", NULL, 0), SCAN_OK);
    CHECK_EQ(scan_config_set(&cfg, "allow", "1a86:e026", NULL, 0), SCAN_ERR_TOO_MANY);
    CHECK_EQ(cfg.n_rules, SCAN_RULES_MAX);
}

static void test_strerror(void)
{
    CHECK_STREQ(scan_strerror(SCAN_OK), "success");
    CHECK_STREQ(scan_strerror(SCAN_ERR_BUSY), "device is claimed by another program");
    CHECK(strstr(scan_strerror(SCAN_ERR_ACCESS), "udev") != NULL);
    CHECK_STREQ(scan_strerror(-999), "unknown error");
}

static void test_open_needs_callback(void)
{
    ScanConfig cfg;
    ScanCtx *ctx = NULL;

    scan_config_init(&cfg);
    CHECK_EQ(scan_open(&cfg, &ctx), SCAN_ERR_CONFIG);
    CHECK(ctx == NULL);
    scan_close(NULL);
}

/* The udev rule grants access to exactly the vendors the scanner module claims. */
static void test_udev_rule_matches_vendors(void)
{
    const char *data = getenv("BUA_TEST_DATA");
    char path[1024];
    char line[256];
    bool in_rule[0x10000];
    FILE *f = NULL;
    int lines = 0;

    CHECK(data != NULL);
    snprintf(path, sizeof(path), "%s/../../scripts/udev/70-bua-scanners.rules", data);
    f = fopen(path, "r");
    CHECK(f != NULL);
    memset(in_rule, 0, sizeof(in_rule));
    while (fgets(line, sizeof(line), f) != NULL) {
        unsigned vid = 0;
        const char *p = strstr(line, "ATTR{idVendor}==\"");
        if (line[0] == '#' || p == NULL)
            continue;
        CHECK(sscanf(p + strlen("ATTR{idVendor}==\""), "%4x", &vid) == 1);
        CHECK(strstr(line, "TAG+=\"uaccess\"") != NULL);
        in_rule[vid] = true;
        lines++;
    }
    fclose(f);
    CHECK(lines > 0);
    for (unsigned vid = 0; vid <= 0xffff; vid++) {
        if (in_rule[vid] != scan_is_known_vendor((uint16_t)vid))
            fprintf(stderr, "vendor %04x: rule %d, known %d\n", vid, in_rule[vid],
                    scan_is_known_vendor((uint16_t)vid));
        CHECK_EQ(in_rule[vid], scan_is_known_vendor((uint16_t)vid));
    }
}

int main(void)
{
    RUN(test_defaults);
    RUN(test_keys);
    RUN(test_errors);
    RUN(test_rules_full);
    RUN(test_strerror);
    RUN(test_open_needs_callback);
    RUN(test_udev_rule_matches_vendors);
    return 0;
}
