/* labels: the sheets fit their pages, which codes can be a label (and the messages that name
 * them), pages per job, the PDF written whole or not at all; and the kiosk's labels folder
 * (inv_paths_labels). The codes' round trip through a real decoder is admin_label.sh's. */
#include "check.h"
#include "inv_paths.h"
#include "labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void test_sheets(void)
{
    CHECK_STREQ(lbl_sheet_names(), "a4-3x8|a4-2x7|roll-62mm");
    CHECK(lbl_sheet_find("a5") == NULL);
    CHECK(lbl_sheet_find("") == NULL);
    static const struct {
        const char *name;
        int per;
        double w, h;
    } want[] = {
        {"a4-3x8", 24, 70.0, 37.0}, {"a4-2x7", 14, 105.0, 42.3}, {"roll-62mm", 1, 62.0, 38.0}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const LblSheet *s = lbl_sheet_find(want[i].name);
        CHECK(s != NULL);
        CHECK_STREQ(s->name, want[i].name);
        CHECK_EQ(s->cols * s->rows, want[i].per);
        CHECK(s->label_w == want[i].w && s->label_h == want[i].h);
        /* every label on the page, with room for the text under the bars */
        CHECK(s->left + s->cols * s->label_w <= s->page_w + 1e-9);
        CHECK(s->top + s->rows * s->label_h <= s->page_h + 1e-9);
        CHECK(s->bar_h + 3 * s->title_pt * 25.4 / 72 < s->label_h - 2 * s->pad_y);
    }
    LblSymbology sym = LBL_DATAMATRIX;
    CHECK(lbl_symbology_parse("code128", &sym) && sym == LBL_CODE128);
    CHECK(lbl_symbology_parse("datamatrix", &sym) && sym == LBL_DATAMATRIX);
    CHECK(!lbl_symbology_parse("qr", &sym) && sym == LBL_DATAMATRIX);
}

static void test_check(void)
{
    const LblSheet *small = lbl_sheet_find("a4-3x8");
    const LblSheet *wide = lbl_sheet_find("a4-2x7");
    char msg[256] = "";
    CHECK_EQ(lbl_check(small, LBL_CODE128, "SKI-0001", msg, sizeof msg), LBL_OK);
    CHECK_EQ(lbl_check(small, LBL_CODE128, "", msg, sizeof msg), LBL_E_CODE);
    CHECK_STREQ(msg, "an empty code cannot be a label");
    CHECK_EQ(lbl_check(small, LBL_CODE128,
                       "SKI-\xC3\x85"
                       "1",
                       msg, sizeof msg),
             LBL_E_CODE);
    CHECK_STREQ(msg, "code 'SKI-\xC3\x85"
                     "1' cannot be a label: '\xC3\x85' is not printable ASCII");
    CHECK_EQ(lbl_check(small, LBL_DATAMATRIX, "A\nB", msg, sizeof msg), LBL_E_CODE);
    CHECK(strstr(msg, "control character 0x0a") != NULL);
    /* 24 characters of Code 128 set B: bars of 0.20 mm on 70 mm, 0.31 mm on 105 mm */
    const char *code24 = "ABCDEFGHIJKLMNOPQRSTUVWX";
    CHECK_EQ(lbl_check(small, LBL_CODE128, code24, msg, sizeof msg), LBL_E_TOO_LONG);
    CHECK(strstr(msg, "is too long for a 70 x 37 mm label (a4-3x8)") != NULL);
    CHECK_EQ(lbl_check(wide, LBL_CODE128, code24, msg, sizeof msg), LBL_OK);
    CHECK_EQ(lbl_check(small, LBL_DATAMATRIX, code24, msg, sizeof msg), LBL_OK);
    /* digits pack two to a symbol character (set C): 24 of them fit the small label */
    CHECK_EQ(lbl_check(small, LBL_CODE128, "704123456789012345678901", msg, sizeof msg), LBL_OK);
    char longest[LBL_CODE_MAX + 2];
    memset(longest, 'A', sizeof longest);
    longest[LBL_CODE_MAX] = '\0';
    CHECK_EQ(lbl_check(small, LBL_DATAMATRIX, longest, msg, sizeof msg), LBL_OK);
    longest[LBL_CODE_MAX] = 'A';
    longest[LBL_CODE_MAX + 1] = '\0';
    CHECK_EQ(lbl_check(small, LBL_DATAMATRIX, longest, msg, sizeof msg), LBL_E_TOO_LONG);
    CHECK(strstr(msg, "longer than 63 characters") != NULL);
    CHECK_EQ(lbl_check(small, LBL_CODE128, "NULL-MSG", NULL, 0), LBL_OK);
    CHECK_STREQ(lbl_strerror(LBL_E_WRITE), "cannot write the file");
    CHECK_STREQ(lbl_strerror(LBL_OK), "done");
    CHECK_STREQ(lbl_strerror(-1), "unknown error");
    CHECK_STREQ(lbl_strerror(99), "unknown error");
}

static void test_pages(void)
{
    LblLabel l[30];
    for (int i = 0; i < 30; i++)
        l[i] = (LblLabel){"X-1", "X", "BUA"};
    LblJob job = {lbl_sheet_find("a4-3x8"), LBL_CODE128, 1, l, 30};
    CHECK_EQ(lbl_pages(&job), 2);
    job.n = 24;
    CHECK_EQ(lbl_pages(&job), 1);
    job.start = 24; /* the last place of a part-used sheet, then a new one */
    job.n = 1;
    CHECK_EQ(lbl_pages(&job), 1);
    job.n = 2;
    CHECK_EQ(lbl_pages(&job), 2);
    job.n = 0;
    CHECK_EQ(lbl_pages(&job), 0);
    job.sheet = lbl_sheet_find("roll-62mm");
    job.start = 1;
    job.n = 5;
    CHECK_EQ(lbl_pages(&job), 5);
}

static void test_write(void)
{
    char path[512];
    char part[600];
    char msg[1024] = "";
    snprintf(path, sizeof path, "%s/a.pdf", dir);
    snprintf(part, sizeof part, "%s.part", path);
    LblLabel l[3] = {
        {"SKI-0001", "Ski 1", "BUA"}, {"SKI-0002", "Ski 2", "BUA"}, {"SKI-0003", "", ""}};
    LblJob job = {lbl_sheet_find("a4-2x7"), LBL_CODE128, 13, l, 3};
    CHECK_EQ(lbl_write_pdf(&job, path, msg, sizeof msg), LBL_OK);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    char head[6] = "";
    CHECK_EQ(fread(head, 1, 5, f), 5);
    fclose(f);
    CHECK_STREQ(head, "%PDF-");
    CHECK(!exists(part));
    /* a code that cannot be a label: nothing written, the old file kept */
    l[1].code = "SKI-\xC3\x98";
    CHECK_EQ(lbl_write_pdf(&job, path, msg, sizeof msg), LBL_E_CODE);
    CHECK(strstr(msg, "SKI-\xC3\x98") != NULL);
    CHECK(exists(path) && !exists(part));
    l[1].code = "SKI-0002";
    /* a folder that is not there */
    char bad[600];
    snprintf(bad, sizeof bad, "%s/no/such.pdf", dir);
    CHECK_EQ(lbl_write_pdf(&job, bad, msg, sizeof msg), LBL_E_WRITE);
    char want[700];
    snprintf(want, sizeof want, "cannot write %s: no such file or folder", bad);
    CHECK_STREQ(msg, want);
    /* Data Matrix on the roll, a name far wider than the label */
    l[0].title = "Telt for fire personer med ekstra fortelt, myggnetting og to innganger";
    job.sheet = lbl_sheet_find("roll-62mm");
    job.symbology = LBL_DATAMATRIX;
    job.start = 1;
    CHECK_EQ(lbl_write_pdf(&job, path, msg, sizeof msg), LBL_OK);
    CHECK(!exists(part));
    unlink(path);
}

static void test_folder(void)
{
    char buf[64];
    CHECK_EQ(inv_paths_labels("/srv/labels", "/var/lib/bua-kiosk/bua.db", buf, sizeof buf), 0);
    CHECK_STREQ(buf, "/srv/labels");
    CHECK_EQ(inv_paths_labels("", "/var/lib/bua-kiosk/bua.db", buf, sizeof buf), 0);
    CHECK_STREQ(buf, "/var/lib/bua-kiosk/labels");
    CHECK_EQ(inv_paths_labels(NULL, "/bua.db", buf, sizeof buf), 0);
    CHECK_STREQ(buf, "/labels");
    CHECK_EQ(inv_paths_labels(NULL, "bua.db", buf, sizeof buf), 0);
    CHECK_STREQ(buf, "labels");
    char tiny[12];
    CHECK_EQ(inv_paths_labels(NULL, "/var/lib/bua-kiosk/bua.db", tiny, sizeof tiny), -1);
    CHECK_STREQ(tiny, "");
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/bua-test-labels-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    test_sheets();
    test_check();
    test_pages();
    test_write();
    test_folder();
    rmdir(dir);
    lbl_exit();
    printf("test_labels: ok\n");
    return 0;
}
