/* Unit tests of the barcode module: byte-level HID keyboard and HID POS reports, serial
 * streams, layouts, AIM identifiers, check digits, repeat suppression, wedge bursts. */
#include "barcode.h"
#include "check.h"

#include <stdint.h>
#include <string.h>

#define R(...) ((const uint8_t[]){__VA_ARGS__})
#define KEY(mod, k) R((mod), 0, (k), 0, 0, 0, 0, 0)
#define UP R(0, 0, 0, 0, 0, 0, 0, 0)
#define SHIFT 0x02
#define RSHIFT 0x20
#define ALTGR 0x40
#define CTRL 0x01
#define LALT 0x04
#define GUI 0x08

/* Feeds 8-byte reports; returns the result of the last one that returned non-zero (0 if
 * none) and counts results. */
typedef struct {
    int last;
    int codes;
    int errors;
    BcCode code;
} Run;

static void feed8(BcDecoder *d, Run *run, const uint8_t *rep, uint32_t now)
{
    BcCode c;
    int r = 0;

    memset(&c, 0, sizeof(c));
    r = bc_feed(d, rep, 8, now, &c);
    if (r == 1) {
        run->codes++;
        run->code = c;
    } else if (r < 0) {
        run->errors++;
    }
    if (r != 0)
        run->last = r;
}

/* Types digits the way the EAN-13 capture shows it: press, all-zero release, ..., Enter. */
static void type_digits(BcDecoder *d, Run *run, const char *digits, uint32_t *now)
{
    for (const char *p = digits; *p; p++) {
        uint8_t k = *p == '0' ? 0x27 : (uint8_t)(0x1e + (*p - '1'));
        feed8(d, run, KEY(0, k), (*now)++);
        feed8(d, run, UP, (*now)++);
    }
}

static void test_ean13_capture(void)
{
    /* 7038010013966 as a real keyboard-mode scanner sends it, one report each. */
    static const uint8_t capture[][8] = {
        {0, 0, 0x24, 0, 0, 0, 0, 0}, {0}, {0, 0, 0x27, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x20, 0, 0, 0, 0, 0}, {0}, {0, 0, 0x25, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x27, 0, 0, 0, 0, 0}, {0}, {0, 0, 0x1e, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x27, 0, 0, 0, 0, 0}, {0}, {0, 0, 0x27, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x1e, 0, 0, 0, 0, 0}, {0}, {0, 0, 0x20, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x26, 0, 0, 0, 0, 0}, {0}, {0, 0, 0x23, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x23, 0, 0, 0, 0, 0}, {0}, {0, 0, 0x28, 0, 0, 0, 0, 0}, {0},
    };
    BcDecoder d;
    Run run = {0};

    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_US);
    for (size_t i = 0; i < sizeof(capture) / sizeof(capture[0]); i++) {
        feed8(&d, &run, capture[i], 100 + (uint32_t)i);
        if (i < 26)
            CHECK_EQ(run.codes, 0);
    }
    CHECK_EQ(run.codes, 1);
    CHECK_EQ(run.errors, 0);
    CHECK_STREQ(run.code.text, "7038010013966");
    CHECK_EQ(run.code.len, 13);
    CHECK_EQ(run.code.symbology, BC_SYM_UNKNOWN);
    CHECK_EQ(run.code.time_ms, 100 + 26);
    CHECK(!bc_decoder_has_partial(&d));
}

static void test_doubled_digits(void)
{
    BcDecoder d;
    Run run = {0};
    uint32_t now = 0;

    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_US);
    type_digits(&d, &run, "1100220", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 1);
    CHECK_STREQ(run.code.text, "1100220");

    /* A key still held in the next report is not pressed again; never merge real repeats. */
    feed8(&d, &run, KEY(0, 0x1e), now++);
    feed8(&d, &run, KEY(0, 0x1e), now++);
    feed8(&d, &run, R(0, 0, 0x1e, 0x1f, 0, 0, 0, 0), now++);
    feed8(&d, &run, UP, now++);
    feed8(&d, &run, KEY(0, 0x1f), now++);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 2);
    CHECK_STREQ(run.code.text, "122");
}

static void test_shifted_letters(void)
{
    BcDecoder d;
    Run run = {0};

    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_US);
    feed8(&d, &run, KEY(SHIFT, 0x05), 1); /* B */
    feed8(&d, &run, R(SHIFT, 0, 0, 0, 0, 0, 0, 0), 2);
    feed8(&d, &run, KEY(RSHIFT, 0x18), 3); /* U */
    feed8(&d, &run, UP, 4);
    feed8(&d, &run, KEY(SHIFT, 0x04), 5); /* A */
    feed8(&d, &run, UP, 6);
    feed8(&d, &run, KEY(SHIFT, 0x2d), 7); /* _ */
    feed8(&d, &run, UP, 8);
    feed8(&d, &run, KEY(0, 0x07), 9); /* d */
    feed8(&d, &run, UP, 10);
    feed8(&d, &run, KEY(0, 0x2b), 11); /* Tab ends it too */
    CHECK_EQ(run.codes, 1);
    CHECK_STREQ(run.code.text, "BUA_d");
}

static void test_layouts(void)
{
    static const struct {
        BcLayout layout;
        uint8_t mod;
        uint8_t key;
        const char *want;
    } cases[] = {
        {BC_LAYOUT_US, 0, 0x38, "/"},
        {BC_LAYOUT_NO, 0, 0x38, "-"},
        {BC_LAYOUT_US, 0, 0x2d, "-"},
        {BC_LAYOUT_NO, 0, 0x2d, "+"},
        {BC_LAYOUT_US, SHIFT, 0x24, "&"},
        {BC_LAYOUT_NO, SHIFT, 0x24, "/"},
        {BC_LAYOUT_NO, SHIFT, 0x27, "="},
        {BC_LAYOUT_NO, ALTGR, 0x1f, "@"},
        {BC_LAYOUT_NO, ALTGR, 0x21, "$"},
        {BC_LAYOUT_NO, SHIFT, 0x38, "_"},
        {BC_LAYOUT_NO, 0, 0x2f, "\xc3\xa5"},
        {BC_LAYOUT_NO, SHIFT, 0x33, "\xc3\x98"},
        {BC_LAYOUT_NO, 0, 0x64, "<"},
        {BC_LAYOUT_NO, SHIFT, 0x37, ":"},
        {BC_LAYOUT_US, SHIFT, 0x33, ":"},
        {BC_LAYOUT_US, 0, 0x59, "1"},
        {BC_LAYOUT_NO, 0, 0x63, ","},
        /* US has no #~ key: the non-US key 0x32 types what 0x31 does (Linux and Windows). */
        {BC_LAYOUT_US, 0, 0x32, "\\"},
        {BC_LAYOUT_US, SHIFT, 0x32, "|"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        BcDecoder d;
        Run run = {0};
        char want[16];

        bc_decoder_init(&d, BC_MODE_KEYBOARD, cases[i].layout);
        feed8(&d, &run, KEY(0, 0x04), 1); /* 'a' first: a lone space is still a code */
        feed8(&d, &run, UP, 2);
        feed8(&d, &run, KEY(cases[i].mod, cases[i].key), 3);
        feed8(&d, &run, UP, 4);
        feed8(&d, &run, KEY(0, 0x28), 5);
        snprintf(want, sizeof(want), "a%s", cases[i].want);
        if (run.codes != 1 || strcmp(run.code.text, want) != 0)
            fprintf(stderr, "layout case %zu: got %d codes, \"%s\"\n", i, run.codes, run.code.text);
        CHECK_EQ(run.codes, 1);
        CHECK_STREQ(run.code.text, want);
    }
}

/* A Norwegian-layout scanner reading "AB-12/3" through the US table goes wrong, which is why
 * the layout is configured per scanner. */
static void test_layout_mismatch(void)
{
    static const uint8_t reps[][8] = {
        {SHIFT, 0, 0x04, 0, 0, 0, 0, 0}, {0}, {SHIFT, 0, 0x05, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x38, 0, 0, 0, 0, 0},     {0}, {0, 0, 0x1e, 0, 0, 0, 0, 0},     {0},
        {0, 0, 0x1f, 0, 0, 0, 0, 0},     {0}, {SHIFT, 0, 0x24, 0, 0, 0, 0, 0}, {0},
        {0, 0, 0x20, 0, 0, 0, 0, 0},     {0}, {0, 0, 0x28, 0, 0, 0, 0, 0},
    };
    BcDecoder no;
    BcDecoder us;
    Run rn = {0};
    Run ru = {0};

    bc_decoder_init(&no, BC_MODE_KEYBOARD, BC_LAYOUT_NO);
    bc_decoder_init(&us, BC_MODE_KEYBOARD, BC_LAYOUT_US);
    for (size_t i = 0; i < sizeof(reps) / sizeof(reps[0]); i++) {
        feed8(&no, &rn, reps[i], (uint32_t)i);
        feed8(&us, &ru, reps[i], (uint32_t)i);
    }
    CHECK_STREQ(rn.code.text, "AB-12/3");
    CHECK_STREQ(ru.code.text, "AB/12&3");
}

static void test_stray_chords(void)
{
    BcDecoder d;
    Run run = {0};
    uint32_t now = 0;

    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_US);
    type_digits(&d, &run, "4006381333931", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    feed8(&d, &run, UP, now++);
    /* Ctrl+Shift chord some scanners send after Enter, with a key in it. */
    feed8(&d, &run, R(CTRL | SHIFT, 0, 0, 0, 0, 0, 0, 0), now++);
    feed8(&d, &run, KEY(CTRL | SHIFT, 0x1e), now++);
    feed8(&d, &run, UP, now++);
    CHECK(!bc_decoder_has_partial(&d));
    type_digits(&d, &run, "12", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 2);
    CHECK_EQ(run.errors, 0);
    CHECK_STREQ(run.code.text, "12");

    /* A lone Enter (a CR LF suffix) is not an empty code. */
    feed8(&d, &run, KEY(0, 0x28), now++);
    feed8(&d, &run, UP, now++);
    feed8(&d, &run, KEY(0, 0x58), now++);
    CHECK_EQ(run.codes, 2);
    CHECK_EQ(run.errors, 0);

    /* Rollover-error reports are ignored and do not end held keys. */
    feed8(&d, &run, KEY(0, 0x1e), now++);
    feed8(&d, &run, R(0, 0, 1, 1, 1, 1, 1, 1), now++);
    feed8(&d, &run, KEY(0, 0x1e), now++);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 3);
    CHECK_STREQ(run.code.text, "1");
}

/* One key pressed (with modifiers) and released, the modifiers still held in the release. */
static void press(BcDecoder *d, Run *run, uint8_t mod, uint8_t key, uint32_t *now)
{
    feed8(d, run, KEY(mod, key), (*now)++);
    feed8(d, run, R(mod, 0, 0, 0, 0, 0, 0, 0), (*now)++);
}

/* Keys with Ctrl, Alt or GUI inside a code are never dropped: they mean something or the code
 * fails. */
static void test_chords_mid_code(void)
{
    static const struct {
        const char *name;
        struct {
            uint8_t mod;
            uint8_t key;
        } keys[16];
        int want; /* 1: a code, else the error */
        const char *text;
    } cases[] = {
        {"Alt+064 is @",
         {{SHIFT, 0x04},
          {SHIFT, 0x05},
          {LALT, 0x62},
          {LALT, 0x5e},
          {LALT, 0x5c},
          {0, 0x1e},
          {0, 0x28}},
         1,
         "AB@1"},
        {"GS1 Ctrl+] is GS",
         {{0, 0x30},
          {SHIFT, 0x06},
          {0, 0x1e},
          {0, 0x27},
          {0, 0x1e},
          {CTRL, 0x30},
          {0, 0x1e},
          {0, 0x27},
          {SHIFT, 0x04},
          {0, 0x28}},
         1,
         "01\x1d"
         "10A"},
        {"Alt+0029 is GS",
         {{0, 0x30},
          {SHIFT, 0x06},
          {0, 0x1e},
          {0, 0x27},
          {0, 0x1e},
          {LALT, 0x62},
          {LALT, 0x62},
          {LALT, 0x5a},
          {LALT, 0x61},
          {0, 0x1e},
          {0, 0x28}},
         1,
         "01\x1d"
         "1"},
        {"Ctrl+Enter ends", {{0, 0x1e}, {0, 0x1f}, {CTRL, 0x28}}, 1, "12"},
        {"Ctrl+M ends", {{0, 0x1e}, {0, 0x1f}, {CTRL, 0x10}}, 1, "12"},
        {"Ctrl+J ends", {{0, 0x1e}, {0, 0x1f}, {CTRL, 0x0d}}, 1, "12"},
        {"Windows AltGr @", {{0, 0x04}, {CTRL | ALTGR, 0x1f}, {0, 0x05}, {0, 0x28}}, 1, "a@b"},
        {"Windows AltGr $ { } [ ] ~",
         {{CTRL | ALTGR, 0x21},
          {CTRL | ALTGR, 0x24},
          {CTRL | ALTGR, 0x27},
          {CTRL | ALTGR, 0x25},
          {CTRL | ALTGR, 0x26},
          {CTRL | ALTGR, 0x30},
          {0, 0x2c},
          {0, 0x28}},
         1,
         "${}[]~"},
        {"Ctrl+A mid-code", {{0, 0x1e}, {CTRL, 0x04}, {0, 0x1f}, {0, 0x28}}, BC_ERR_CONTROL, NULL},
        {"Alt+letter mid-code", {{0, 0x1e}, {LALT, 0x04}, {0, 0x28}}, BC_ERR_CONTROL, NULL},
        {"GUI+key mid-code", {{0, 0x1e}, {GUI, 0x1f}, {0, 0x28}}, BC_ERR_CONTROL, NULL},
        {"Ctrl+Shift+1 mid-code",
         {{0, 0x1e}, {CTRL | SHIFT, 0x1e}, {0, 0x28}},
         BC_ERR_CONTROL,
         NULL},
        {"Alt+numpad control", {{0, 0x1e}, {LALT, 0x5f}, {0, 0x28}}, BC_ERR_CONTROL, NULL},
        {"Alt+Enter mid-code",
         {{0, 0x1e}, {LALT, 0x5e}, {LALT, 0x28}, {0, 0x28}},
         BC_ERR_CONTROL,
         NULL},
        {"stray chord before a code", {{CTRL | SHIFT, 0x1e}, {0, 0x1e}, {0, 0x28}}, 1, "1"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        BcDecoder d;
        Run run = {0};
        uint32_t now = 0;

        /* The two "Windows AltGr" cases are Norwegian, the rest US. */
        bc_decoder_init(&d, BC_MODE_KEYBOARD, i == 6 || i == 7 ? BC_LAYOUT_NO : BC_LAYOUT_US);
        for (size_t k = 0; k < 16 && cases[i].keys[k].key != 0; k++)
            press(&d, &run, cases[i].keys[k].mod, cases[i].keys[k].key, &now);
        feed8(&d, &run, UP, now++);
        if (run.last != cases[i].want)
            fprintf(stderr, "chord case %zu (%s): got %d \"%s\"\n", i, cases[i].name, run.last,
                    run.code.text);
        CHECK_EQ(run.last, cases[i].want);
        CHECK_EQ(run.codes + run.errors, 1);
        if (cases[i].want == 1)
            CHECK_STREQ(run.code.text, cases[i].text);
        CHECK(!bc_decoder_has_partial(&d));
    }
}

/* Norwegian dead keys: dead key + Space is the character, nothing more; anything else fails. */
static void test_dead_keys(void)
{
    static const struct {
        uint8_t mod;
        uint8_t key;
        uint8_t next; /* the key after the dead key */
        int want;
        const char *text;
    } cases[] = {
        {ALTGR, 0x30, 0x2c, 1, "A~B"},
        {SHIFT, 0x30, 0x2c, 1, "A^B"},
        {SHIFT, 0x2e, 0x2c, 1, "A`B"},
        {ALTGR, 0x30, 0x04, BC_ERR_CONTROL, NULL}, /* ~ then a: would compose */
        {ALTGR, 0x30, 0x28, BC_ERR_CONTROL, NULL}, /* ~ then Enter: the ~ is never typed */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        BcDecoder d;
        Run run = {0};
        uint32_t now = 0;

        bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_NO);
        press(&d, &run, SHIFT, 0x04, &now);
        press(&d, &run, cases[i].mod, cases[i].key, &now);
        CHECK(bc_decoder_has_partial(&d));
        press(&d, &run, 0, cases[i].next, &now);
        if (cases[i].next != 0x28) {
            press(&d, &run, SHIFT, 0x05, &now);
            press(&d, &run, 0, 0x28, &now);
        }
        if (run.last != cases[i].want)
            fprintf(stderr, "dead key case %zu: got %d \"%s\"\n", i, run.last, run.code.text);
        CHECK_EQ(run.last, cases[i].want);
        CHECK_EQ(run.codes + run.errors, 1);
        if (cases[i].want == 1)
            CHECK_STREQ(run.code.text, cases[i].text);
        CHECK(!bc_decoder_has_partial(&d));
    }
}

static void test_keyboard_rejects(void)
{
    BcDecoder d;
    Run run = {0};
    uint32_t now = 0;
    BcCode c;

    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_US);
    /* An arrow key inside a code: rejected at its end. */
    type_digits(&d, &run, "12", &now);
    feed8(&d, &run, KEY(0, 0x4f), now++);
    feed8(&d, &run, UP, now++);
    CHECK(bc_decoder_has_partial(&d));
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.last, BC_ERR_CONTROL);
    CHECK_EQ(run.codes, 0);

    /* Overlong code. */
    feed8(&d, &run, UP, now++);
    for (int i = 0; i < BC_CODE_MAX + 10; i++) {
        feed8(&d, &run, KEY(0, 0x1e), now++);
        feed8(&d, &run, UP, now++);
    }
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.last, BC_ERR_TOO_LONG);
    CHECK_EQ(run.codes, 0);

    /* Exactly BC_CODE_MAX characters pass. */
    feed8(&d, &run, UP, now++);
    for (int i = 0; i < BC_CODE_MAX; i++) {
        feed8(&d, &run, KEY(0, 0x1e), now++);
        feed8(&d, &run, UP, now++);
    }
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 1);
    CHECK_EQ(run.code.len, BC_CODE_MAX);

    /* Wrong report size: the code it falls into is rejected at its end. */
    memset(&c, 0, sizeof(c));
    CHECK_EQ(bc_feed(&d, R(0, 0, 0x1e, 0, 0, 0, 0), 7, now, &c), 0);
    CHECK(bc_decoder_has_partial(&d));
    CHECK_EQ(bc_feed(&d, KEY(0, 0x28), 8, now, &c), BC_ERR_REPORT);
    CHECK(!bc_decoder_has_partial(&d));
}

static void test_keyboard_aim(void)
{
    BcDecoder d;
    Run run = {0};
    uint32_t now = 0;

    /* "]E0" typed by a scanner set to send AIM ids: ] is 0x30, E is Shift+0x08, 0 is 0x27. */
    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_US);
    feed8(&d, &run, KEY(0, 0x30), now++);
    feed8(&d, &run, UP, now++);
    feed8(&d, &run, KEY(SHIFT, 0x08), now++);
    feed8(&d, &run, UP, now++);
    type_digits(&d, &run, "04006381333931", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 1);
    CHECK_STREQ(run.code.text, "4006381333931");
    CHECK_STREQ(run.code.aim, "]E0");
    CHECK_EQ(run.code.symbology, BC_SYM_EAN13);

    /* Same with a wrong check digit. */
    feed8(&d, &run, UP, now++);
    feed8(&d, &run, KEY(0, 0x30), now++);
    feed8(&d, &run, UP, now++);
    feed8(&d, &run, KEY(SHIFT, 0x08), now++);
    feed8(&d, &run, UP, now++);
    type_digits(&d, &run, "04006381333932", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 1);
    CHECK_EQ(run.last, BC_ERR_CHECK_DIGIT);
}

static void hidpos_report(uint8_t *rep, const char *aim, const char *data, size_t n, bool more)
{
    memset(rep, 0, BC_HIDPOS_REPORT_LEN);
    rep[0] = BC_HIDPOS_REPORT_ID;
    rep[1] = (uint8_t)n;
    if (aim)
        memcpy(rep + 2, aim, 3);
    memcpy(rep + BC_HIDPOS_DATA_OFFSET, data, n);
    rep[BC_HIDPOS_FLAGS_OFFSET] = more ? BC_HIDPOS_MORE : 0;
}

static void test_hidpos_single(void)
{
    /* A Honeywell report for EAN-13 7038010013966, byte by byte. */
    static const uint8_t rep[64] = {
        0x02, 13,  ']', 'E', '0', '7', '0', '3', '8', '0', '1', '0', '0', '1', '3', '9',
        '6',  '6', 0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
        0,    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
        0,    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    };
    uint8_t other[64] = {0x04, 1, 2, 3};
    BcDecoder d;
    BcCode c;

    memset(&c, 0, sizeof(c));
    bc_decoder_init(&d, BC_MODE_HIDPOS, BC_LAYOUT_US);
    CHECK_EQ(bc_feed(&d, other, sizeof(other), 1, &c), 0); /* other report ids are ignored */
    CHECK_EQ(bc_feed(&d, rep, sizeof(rep), 7, &c), 1);
    CHECK_STREQ(c.text, "7038010013966");
    CHECK_STREQ(c.aim, "]E0");
    CHECK_EQ(c.symbology, BC_SYM_EAN13);
    CHECK_STREQ(bc_symbology_name(c.symbology), "ean13");
    CHECK_EQ(c.time_ms, 7);
    /* A short report: maybe the first of several, so the code is closed only after the gap. */
    CHECK_EQ(bc_feed(&d, rep, 10, 8, &c), 0);
    CHECK_EQ(bc_decoder_poll(&d, 8 + BC_FAULT_GAP_MS - 1), 0);
    CHECK_EQ(bc_decoder_poll(&d, 8 + BC_FAULT_GAP_MS), BC_ERR_REPORT);
    CHECK_EQ(bc_decoder_poll(&d, 9 + BC_FAULT_GAP_MS), 0); /* once */
    CHECK_EQ(bc_feed(&d, rep, sizeof(rep), 9 + BC_FAULT_GAP_MS, &c), 1);
    CHECK_STREQ(c.text, "7038010013966");
}

static void test_hidpos_multi(void)
{
    char data[120];
    uint8_t rep[64];
    BcDecoder d;
    BcCode c;

    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (char)('A' + i % 26);
    memset(&c, 0, sizeof(c));
    bc_decoder_init(&d, BC_MODE_HIDPOS, BC_LAYOUT_US);
    hidpos_report(rep, "]Q1", data, 56, true);
    CHECK_EQ(bc_feed(&d, rep, 64, 1, &c), 0);
    CHECK(bc_decoder_has_partial(&d));
    hidpos_report(rep, "]Q1", data + 56, 56, true);
    CHECK_EQ(bc_feed(&d, rep, 64, 2, &c), 0);
    hidpos_report(rep, "]Q1", data + 112, 8, false);
    CHECK_EQ(bc_feed(&d, rep, 64, 3, &c), 1);
    CHECK_EQ(c.len, 120);
    CHECK(memcmp(c.text, data, 120) == 0);
    CHECK_EQ(c.symbology, BC_SYM_QR);
    CHECK(!bc_decoder_has_partial(&d));

    /* GS1-128 with a GS separator; then a plain Code 128 with a control byte is rejected. */
    hidpos_report(rep, "]C1",
                  "0107038010013966\x1d"
                  "10AB",
                  21, false);
    CHECK_EQ(bc_feed(&d, rep, 64, 4, &c), 1);
    CHECK_EQ(c.symbology, BC_SYM_GS1_128);
    hidpos_report(rep, "]C0",
                  "AB\x1d"
                  "C",
                  4, false);
    CHECK_EQ(bc_feed(&d, rep, 64, 5, &c), BC_ERR_CONTROL);
    hidpos_report(rep, "]C0", "", 0, false);
    CHECK_EQ(bc_feed(&d, rep, 64, 6, &c), BC_ERR_EMPTY);
    /* Length byte past the data area. */
    hidpos_report(rep, "]C0", "A", 1, false);
    rep[1] = 57;
    CHECK_EQ(bc_feed(&d, rep, 64, 7, &c), 0);
    CHECK_EQ(bc_decoder_poll(&d, 7 + BC_FAULT_GAP_MS), BC_ERR_REPORT);
    /* Too long: five full reports. */
    for (int i = 0; i < 5; i++) {
        memset(data, 'x', sizeof(data));
        hidpos_report(rep, "]C0", data, 56, i < 4);
        CHECK_EQ(bc_feed(&d, rep, 64, 8 + BC_FAULT_GAP_MS, &c), i < 4 ? 0 : BC_ERR_TOO_LONG);
    }
}

static void test_serial(void)
{
    const char *stream = "]E40123456\r\n\r\nABC-1\rX\n";
    BcDecoder d;
    BcCode c;
    const uint8_t *p = (const uint8_t *)stream;
    size_t left = strlen(stream);
    int r = 0;

    memset(&c, 0, sizeof(c));
    bc_decoder_init(&d, BC_MODE_SERIAL, BC_LAYOUT_US);
    /* EAN-8 0123456 + check 5 would be 01234565; 0123456 is only 7 digits: bad length */
    r = bc_feed(&d, p, left, 1, &c);
    CHECK_EQ(r, BC_ERR_LENGTH);
    p += bc_decoder_consumed(&d);
    left -= bc_decoder_consumed(&d);
    r = bc_feed(&d, p, left, 2, &c);
    CHECK_EQ(r, 1);
    CHECK_STREQ(c.text, "ABC-1");
    p += bc_decoder_consumed(&d);
    left -= bc_decoder_consumed(&d);
    r = bc_feed(&d, p, left, 3, &c);
    CHECK_EQ(r, 1);
    CHECK_STREQ(c.text, "X");
    CHECK_EQ(bc_decoder_consumed(&d), left);

    /* A code split across chunks. */
    CHECK_EQ(bc_feed(&d, (const uint8_t *)"]E4012", 6, 4, &c), 0);
    CHECK(bc_decoder_has_partial(&d));
    CHECK_EQ(bc_feed(&d, (const uint8_t *)"34565\r", 6, 5, &c), 1);
    CHECK_STREQ(c.text, "01234565");
    CHECK_EQ(c.symbology, BC_SYM_EAN8);
}

static void test_code_check(void)
{
    static const struct {
        const char *in;
        int want;
        const char *text;
        BcSymbology sym;
    } cases[] = {
        {"]E04006381333931", BC_OK, "4006381333931", BC_SYM_EAN13},
        {"]E04006381333932", BC_ERR_CHECK_DIGIT, NULL, 0},
        {"]E0036000291452", BC_OK, "036000291452", BC_SYM_UPCA},
        {"]E0036000291453", BC_ERR_CHECK_DIGIT, NULL, 0},
        {"]E496385074", BC_OK, "96385074", BC_SYM_EAN8},
        {"]E496385075", BC_ERR_CHECK_DIGIT, NULL, 0},
        {"]E0123", BC_ERR_LENGTH, NULL, 0},
        {"]E040063813339A", BC_ERR_LENGTH, NULL, 0},
        {"]C0BUA-000123", BC_OK, "BUA-000123", BC_SYM_CODE128},
        {"]d2ABC", BC_OK, "ABC", BC_SYM_DATAMATRIX},
        {"]Q1https://x", BC_OK, "https://x", BC_SYM_QR},
        {"]X0abc", BC_OK, "abc", BC_SYM_OTHER},
        {"4006381333932", BC_OK, "4006381333932", BC_SYM_UNKNOWN}, /* no AIM: not guessed */
        {"]E0", BC_ERR_EMPTY, NULL, 0},
        {"", BC_ERR_EMPTY, NULL, 0},
        {"AB\tC", BC_ERR_CONTROL, NULL, 0},
        {"AB\x7f", BC_ERR_CONTROL, NULL, 0},
        {"]C1\x1d"
         "01",
         BC_ERR_CONTROL, NULL, 0},
        {"bl\xc3\xa5", BC_OK, "bl\xc3\xa5", BC_SYM_UNKNOWN},
        {"bl\xc3", BC_ERR_ENCODING, NULL, 0},
        /* C1 control characters U+0080..U+009F, e.g. NEL U+0085; U+00A0 is no control. */
        {"AB\xc2\x85", BC_ERR_CONTROL, NULL, 0},
        {"\xc2\x80", BC_ERR_CONTROL, NULL, 0},
        {"A\xc2\x9f"
         "B",
         BC_ERR_CONTROL, NULL, 0},
        {"A\xc2\xa0", BC_OK, "A\xc2\xa0", BC_SYM_UNKNOWN},
        /* UPC-E as scanners send it by default: ]E0 and 8 digits, checked as its UPC-A. */
        {"]E001234565", BC_OK, "01234565", BC_SYM_UPCE}, /* 012345000065, sixth digit 5-9 */
        {"]E004252614", BC_OK, "04252614", BC_SYM_UPCE}, /* 042100005264, sixth digit 0-2 */
        {"]E001234531", BC_OK, "01234531", BC_SYM_UPCE}, /* 012300000451, sixth digit 3 */
        {"]E001234543", BC_OK, "01234543", BC_SYM_UPCE}, /* 012340000053, sixth digit 4 */
        {"]E019876502", BC_OK, "19876502", BC_SYM_UPCE}, /* 198000007652, number system 1 */
        {"]E001234566", BC_ERR_CHECK_DIGIT, NULL, 0},
        {"]E004252615", BC_ERR_CHECK_DIGIT, NULL, 0},
        {"]E004252610", BC_ERR_CHECK_DIGIT, NULL, 0}, /* valid as EAN-8, not as UPC-E */
        {"]E021234565", BC_ERR_LENGTH, NULL, 0},      /* number system 2: no UPC-E */
        {"]E401234565", BC_OK, "01234565", BC_SYM_EAN8},
        {"\xed\xa0\x80", BC_ERR_ENCODING, NULL, 0},
        {"\xc0\xaf", BC_ERR_ENCODING, NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        BcCode c;
        int r = 0;

        memset(&c, 0, sizeof(c));
        r = bc_code_check((const uint8_t *)cases[i].in, strlen(cases[i].in), NULL, 9, &c);
        if (r != cases[i].want)
            fprintf(stderr, "case %zu (%s): got %d\n", i, cases[i].in, r);
        CHECK_EQ(r, cases[i].want);
        if (r == BC_OK) {
            CHECK_STREQ(c.text, cases[i].text);
            CHECK_EQ(c.symbology, cases[i].sym);
        } else {
            CHECK_EQ(c.len, 0); /* untouched on failure */
        }
    }
    CHECK(bc_ean_is_valid("7038010013966", 13));
    CHECK(!bc_ean_is_valid("7038010013967", 13));
    CHECK(!bc_ean_is_valid("70380100139", 11));
}

static BcCode code_at(const char *text, uint32_t t)
{
    BcCode c;
    memset(&c, 0, sizeof(c));
    CHECK_EQ(bc_code_check((const uint8_t *)text, strlen(text), NULL, t, &c), BC_OK);
    return c;
}

static void test_dedupe(void)
{
    BcDedupe dd;
    BcCode a0 = code_at("A", 0);
    BcCode a1 = code_at("A", 1499);
    BcCode b = code_at("B", 1500);
    BcCode a2 = code_at("A", 1600);
    BcCode a3 = code_at("A", 3099);
    BcCode a4 = code_at("A", 4598);
    BcCode a5 = code_at("A", 6099);
    BcCode w0 = code_at("W", UINT32_MAX - 100);
    BcCode w1 = code_at("W", 500);

    bc_dedupe_init(&dd, BC_DEDUPE_DEFAULT_MS);
    CHECK(!bc_dedupe_is_repeat(&dd, &a0));
    CHECK(bc_dedupe_is_repeat(&dd, &a1));
    CHECK(!bc_dedupe_is_repeat(&dd, &b)); /* a different code always passes */
    CHECK(!bc_dedupe_is_repeat(&dd, &a2));
    CHECK(bc_dedupe_is_repeat(&dd, &a3));
    CHECK(bc_dedupe_is_repeat(&dd, &a4));  /* 1500 ms after the last read, not the delivery */
    CHECK(!bc_dedupe_is_repeat(&dd, &a5)); /* after a pause of a whole window */
    CHECK(!bc_dedupe_is_repeat(&dd, &w0));
    CHECK(bc_dedupe_is_repeat(&dd, &w1)); /* across the uint32_t wrap */

    bc_dedupe_init(&dd, 0);
    CHECK(!bc_dedupe_is_repeat(&dd, &a0));
    CHECK(!bc_dedupe_is_repeat(&dd, &a0));
}

/* A scanner held over a label re-reads it: reads at 0, 1000 and 1600 ms deliver once. */
static void test_dedupe_held(void)
{
    BcDedupe dd;
    BcCode r0 = code_at("A", 0);
    BcCode r1 = code_at("A", 1000);
    BcCode r2 = code_at("A", 1600);
    BcCode r3 = code_at("A", 2400);
    BcCode r4 = code_at("A", 3900);

    bc_dedupe_init(&dd, BC_DEDUPE_DEFAULT_MS);
    CHECK(!bc_dedupe_is_repeat(&dd, &r0));
    CHECK(bc_dedupe_is_repeat(&dd, &r1));
    CHECK(bc_dedupe_is_repeat(&dd, &r2));
    CHECK(bc_dedupe_is_repeat(&dd, &r3));
    CHECK(!bc_dedupe_is_repeat(&dd, &r4)); /* 1500 ms without a read: a new loan line */
}

static void test_parse(void)
{
    BcLayout l = BC_LAYOUT_US;
    uint32_t ms = 0;

    CHECK_EQ(bc_layout_parse("no", &l), BC_OK);
    CHECK_EQ(l, BC_LAYOUT_NO);
    CHECK_EQ(bc_layout_parse("US", &l), BC_OK);
    CHECK_EQ(l, BC_LAYOUT_US);
    CHECK_EQ(bc_layout_parse("de", &l), BC_ERR_PARSE);
    CHECK_EQ(bc_layout_parse("", &l), BC_ERR_PARSE);
    CHECK_STREQ(bc_layout_name(BC_LAYOUT_NO), "no");

    CHECK_EQ(bc_window_parse("1.5", &ms), BC_OK);
    CHECK_EQ(ms, 1500);
    CHECK_EQ(bc_window_parse("2", &ms), BC_OK);
    CHECK_EQ(ms, 2000);
    CHECK_EQ(bc_window_parse("0.25s", &ms), BC_OK);
    CHECK_EQ(ms, 250);
    CHECK_EQ(bc_window_parse("800ms", &ms), BC_OK);
    CHECK_EQ(ms, 800);
    CHECK_EQ(bc_window_parse("0", &ms), BC_OK);
    CHECK_EQ(ms, 0);
    ms = 7;
    CHECK_EQ(bc_window_parse("", &ms), BC_ERR_PARSE);
    CHECK_EQ(bc_window_parse("-1", &ms), BC_ERR_PARSE);
    CHECK_EQ(bc_window_parse("1.5x", &ms), BC_ERR_PARSE);
    CHECK_EQ(bc_window_parse("61", &ms), BC_ERR_PARSE);
    CHECK_EQ(bc_window_parse("99999999999999999999", &ms), BC_ERR_PARSE);
    CHECK_EQ(ms, 7);
    CHECK_STREQ(bc_strerror(BC_ERR_CHECK_DIGIT), "wrong check digit");
    CHECK_STREQ(bc_strerror(12345), "unknown error");
}

static int wedge_type(BcWedge *w, const char *s, uint32_t start, uint32_t gap, BcCode *out,
                      int *typed)
{
    uint32_t t = start;
    for (const char *p = s; *p; p++, t += gap) {
        int r = bc_wedge_feed(w, p, 1, false, t, out);
        if (r == BC_WEDGE_TYPED)
            (*typed)++;
    }
    return bc_wedge_feed(w, NULL, 0, true, t, out);
}

static void test_wedge(void)
{
    BcWedge w;
    BcCode c;
    int typed = 0;

    memset(&c, 0, sizeof(c));
    bc_wedge_init(&w, 0, 0);
    /* Scanner: 8 ms apart, ends in Enter. */
    CHECK_EQ(wedge_type(&w, "7038010013966", 1000, 8, &c, &typed), BC_WEDGE_CODE);
    CHECK_STREQ(c.text, "7038010013966");
    CHECK_EQ(typed, 0);
    /* Person: 120 ms apart: each late character closes the previous sequence as typed. */
    CHECK_EQ(wedge_type(&w, "hei", 5000, 120, &c, &typed), BC_WEDGE_TYPED);
    CHECK_EQ(typed, 2);
    /* Fast but too short (a person's double tap + Enter). */
    typed = 0;
    CHECK_EQ(wedge_type(&w, "ab", 9000, 5, &c, &typed), BC_WEDGE_TYPED);
    /* Fast, but Enter came late. */
    CHECK_EQ(bc_wedge_feed(&w, "1", 1, false, 10000, &c), BC_WEDGE_PENDING);
    CHECK_EQ(bc_wedge_feed(&w, "2", 1, false, 10005, &c), BC_WEDGE_PENDING);
    CHECK_EQ(bc_wedge_feed(&w, "3", 1, false, 10010, &c), BC_WEDGE_PENDING);
    CHECK_EQ(bc_wedge_feed(&w, "4", 1, false, 10015, &c), BC_WEDGE_PENDING);
    CHECK(bc_wedge_is_burst(&w));
    CHECK_EQ(bc_wedge_feed(&w, NULL, 0, true, 10500, &c), BC_WEDGE_TYPED);
    CHECK(!bc_wedge_is_burst(&w));
    /* A lone Enter. */
    CHECK_EQ(bc_wedge_feed(&w, NULL, 0, true, 11000, &c), BC_WEDGE_PENDING);
    /* A burst with a control character is a scanner's, rejected. */
    CHECK_EQ(wedge_type(&w,
                        "12\x01"
                        "45",
                        12000, 3, &c, &typed),
             BC_ERR_CONTROL);
    /* Poll closes a stalled sequence. */
    CHECK_EQ(bc_wedge_feed(&w, "x", 1, false, 13000, &c), BC_WEDGE_PENDING);
    CHECK_EQ(bc_wedge_poll(&w, 13020), BC_WEDGE_PENDING);
    CHECK_EQ(bc_wedge_poll(&w, 13100), BC_WEDGE_TYPED);
    CHECK_EQ(bc_wedge_poll(&w, 13200), BC_WEDGE_PENDING);
}

/* Types ASCII letters, digits and '-' (US layout) as press and release reports. */
static void type_text(BcDecoder *d, Run *run, const char *text, uint32_t *now)
{
    for (const char *p = text; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            feed8(d, run, KEY(SHIFT, (uint8_t)(0x04 + (*p - 'A'))), (*now)++);
        else if (*p == '-')
            feed8(d, run, KEY(0, 0x2d), (*now)++);
        else
            feed8(d, run, KEY(0, *p == '0' ? 0x27 : (uint8_t)(0x1e + (*p - '1'))), (*now)++);
        feed8(d, run, UP, (*now)++);
    }
}

/* Issue 9 finding 8: a fault inside a code drops the whole code, once, and the next code reads
 * whole ("G-0005" used to give "05", a lost press "G-0006" gave "G-006"). */
static void test_keyboard_faults(void)
{
    BcDecoder d;
    Run run = {0};
    BcCode c;
    uint32_t now = 1000;

    memset(&c, 0, sizeof(c));
    bc_decoder_init(&d, BC_MODE_KEYBOARD, BC_LAYOUT_US);

    /* A 3-byte report in the middle of "G-0005". */
    type_text(&d, &run, "G-00", &now);
    CHECK_EQ(bc_feed(&d, R(0, 0, 0x27), 3, now++, &c), 0);
    type_text(&d, &run, "05", &now);
    CHECK_EQ(run.codes, 0);
    feed8(&d, &run, KEY(0, 0x28), now++);
    feed8(&d, &run, UP, now++);
    CHECK_EQ(run.codes, 0);
    CHECK_EQ(run.errors, 1);
    CHECK_EQ(run.last, BC_ERR_REPORT);
    type_text(&d, &run, "G-0007", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 1);
    CHECK_STREQ(run.code.text, "G-0007");

    /* The press of the second '0' of "G-0006" lost in transfer. */
    run = (Run){0};
    type_text(&d, &run, "G-0", &now);
    bc_decoder_lost(&d, now++);
    feed8(&d, &run, UP, now++);
    type_text(&d, &run, "06", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 0);
    CHECK_EQ(run.errors, 1);
    CHECK_EQ(run.last, BC_ERR_LOST);
    type_text(&d, &run, "G-0008", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 1);
    CHECK_STREQ(run.code.text, "G-0008");

    /* Several faults in one code: one rejection. The first press of a code malformed: the rest
     * is not delivered as a code of its own. */
    run = (Run){0};
    CHECK_EQ(bc_feed(&d, R(0, 0, 0x0a, 0), 4, now++, &c), 0);
    type_text(&d, &run, "-00", &now);
    CHECK_EQ(bc_feed(&d, R(1, 2, 3, 4, 5, 6, 7, 8, 9), 9, now++, &c), 0);
    type_text(&d, &run, "09", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.codes, 0);
    CHECK_EQ(run.errors, 1);

    /* A doomed code whose Enter was lost: closed after the gap, then the next code reads whole;
     * bc_decoder_poll() reports it once, bc_feed() alone drops it silently. */
    run = (Run){0};
    type_text(&d, &run, "G-00", &now);
    bc_decoder_lost(&d, now);
    CHECK_EQ(bc_decoder_poll(&d, now + BC_FAULT_GAP_MS - 1), 0);
    CHECK_EQ(bc_decoder_poll(&d, now + BC_FAULT_GAP_MS), BC_ERR_LOST);
    CHECK(!bc_decoder_has_partial(&d));
    now += BC_FAULT_GAP_MS;
    type_text(&d, &run, "G-00", &now);
    CHECK_EQ(bc_feed(&d, R(0, 0), 2, now, &c), 0);
    now += BC_FAULT_GAP_MS;
    type_text(&d, &run, "G-0010", &now);
    feed8(&d, &run, KEY(0, 0x28), now++);
    CHECK_EQ(run.errors, 0);
    CHECK_EQ(run.codes, 1);
    CHECK_STREQ(run.code.text, "G-0010");

    /* A lost keyboard report between codes with nothing after it (a key release): no rejection;
     * a malformed one is something the scanner sent: rejected. */
    feed8(&d, &run, UP, now++);
    bc_decoder_lost(&d, now);
    CHECK(!bc_decoder_has_partial(&d)); /* an unplug now loses no code */
    CHECK_EQ(bc_decoder_poll(&d, now + BC_FAULT_GAP_MS), 0);
    CHECK(!bc_decoder_has_partial(&d));
    now += BC_FAULT_GAP_MS;
    CHECK_EQ(bc_feed(&d, R(0, 0, 0), 3, now, &c), 0);
    CHECK_EQ(bc_decoder_poll(&d, now + BC_FAULT_GAP_MS), BC_ERR_REPORT);
}

static void test_hidpos_faults(void)
{
    uint8_t rep[64];
    BcDecoder d;
    BcCode c;

    memset(&c, 0, sizeof(c));
    bc_decoder_init(&d, BC_MODE_HIDPOS, BC_LAYOUT_US);
    /* A malformed middle report of a three-report code: the last one does not make a code. */
    hidpos_report(rep, "]C0", "G-00", 4, true);
    CHECK_EQ(bc_feed(&d, rep, 64, 1, &c), 0);
    CHECK_EQ(bc_feed(&d, rep, 20, 2, &c), 0);
    hidpos_report(rep, "]C0", "05", 2, false);
    CHECK_EQ(bc_feed(&d, rep, 64, 3, &c), BC_ERR_REPORT);
    CHECK_EQ(bc_feed(&d, rep, 64, 4, &c), 1);
    CHECK_STREQ(c.text, "05"); /* a real single-report code after it reads */

    /* A lost middle report. */
    hidpos_report(rep, "]C0", "G-00", 4, true);
    CHECK_EQ(bc_feed(&d, rep, 64, 5, &c), 0);
    bc_decoder_lost(&d, 6);
    hidpos_report(rep, "]C0", "06", 2, false);
    CHECK_EQ(bc_feed(&d, rep, 64, 7, &c), BC_ERR_LOST);

    /* A lost transfer between codes in HID POS mode was a code: reported after the gap. */
    bc_decoder_lost(&d, 10);
    CHECK_EQ(bc_decoder_poll(&d, 10 + BC_FAULT_GAP_MS), BC_ERR_LOST);
}

static void test_serial_faults(void)
{
    BcDecoder d;
    BcCode c;
    const uint8_t *tail = (const uint8_t *)"06\r\nG-0007\r\n";

    memset(&c, 0, sizeof(c));
    bc_decoder_init(&d, BC_MODE_SERIAL, BC_LAYOUT_US);
    CHECK_EQ(bc_feed(&d, (const uint8_t *)"G-0", 3, 1, &c), 0);
    bc_decoder_lost(&d, 2);
    CHECK_EQ(bc_feed(&d, tail, 12, 3, &c), BC_ERR_LOST);
    CHECK_EQ(bc_decoder_consumed(&d), 3);
    CHECK_EQ(bc_feed(&d, tail + 3, 9, 3, &c), 1);
    CHECK_STREQ(c.text, "G-0007");
}

int main(void)
{
    RUN(test_ean13_capture);
    RUN(test_doubled_digits);
    RUN(test_shifted_letters);
    RUN(test_layouts);
    RUN(test_layout_mismatch);
    RUN(test_stray_chords);
    RUN(test_chords_mid_code);
    RUN(test_dead_keys);
    RUN(test_keyboard_rejects);
    RUN(test_keyboard_aim);
    RUN(test_hidpos_single);
    RUN(test_hidpos_multi);
    RUN(test_keyboard_faults);
    RUN(test_hidpos_faults);
    RUN(test_serial_faults);
    RUN(test_serial);
    RUN(test_code_check);
    RUN(test_dedupe);
    RUN(test_dedupe_held);
    RUN(test_parse);
    RUN(test_wedge);
    return 0;
}
