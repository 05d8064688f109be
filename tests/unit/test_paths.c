/* inv_paths: where the programs find the data, fonts, settings and database, in order; paths
 * that do not fit are failures, never cut short; the settings reader. */
#include "check.h"
#include "inv_paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[256];

static void clear_env(void)
{
    const char *const vars[] = {"BUA_ROOT",   "BUA_DB",        "BUA_CONFIG",
                                "BUA_ASSETS", "XDG_DATA_HOME", "HOME"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        unsetenv(vars[i]);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    CHECK(fputs(text, f) >= 0);
    CHECK(fclose(f) == 0);
}

static void make_dirs(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    }
    mkdir(path, 0700);
}

static void test_db_order(void)
{
    char buf[INV_PATH_MAX];
    char msg[256];
    char want[512];
    InvDbFrom from = INV_DB_FROM_SYSTEM;

    clear_env();
    /* nothing to go by */
    CHECK_EQ(inv_paths_db(NULL, NULL, buf, sizeof buf, &from, msg, sizeof msg), -1);
    CHECK(strstr(msg, "give --db PATH or set BUA_DB") != NULL);
    /* the user's: XDG_DATA_HOME, else HOME */
    setenv("HOME", "/home/kari", 1);
    CHECK_EQ(inv_paths_db(NULL, "", buf, sizeof buf, &from, msg, sizeof msg), 0);
    CHECK_STREQ(buf, "/home/kari/.local/share/bua-kiosk/bua.db");
    CHECK_EQ(from, INV_DB_FROM_USER);
    setenv("XDG_DATA_HOME", "/data", 1);
    CHECK_EQ(inv_paths_db(NULL, NULL, buf, sizeof buf, &from, msg, sizeof msg), 0);
    CHECK_STREQ(buf, "/data/bua-kiosk/bua.db");
    /* the system folder under BUA_ROOT, once it exists */
    setenv("BUA_ROOT", root, 1);
    CHECK_EQ(inv_paths_db(NULL, NULL, buf, sizeof buf, &from, msg, sizeof msg), 0);
    CHECK_EQ(from, INV_DB_FROM_USER);
    make_dirs("var/lib/bua-kiosk");
    CHECK_EQ(inv_paths_db(NULL, NULL, buf, sizeof buf, &from, msg, sizeof msg), 0);
    snprintf(want, sizeof want, "%s/var/lib/bua-kiosk/bua.db", root);
    CHECK_STREQ(buf, want);
    CHECK_EQ(from, INV_DB_FROM_SYSTEM);
    /* then the settings, BUA_DB, --db */
    CHECK_EQ(inv_paths_db(NULL, "/conf.db", buf, sizeof buf, &from, msg, sizeof msg), 0);
    CHECK_STREQ(buf, "/conf.db");
    CHECK_EQ(from, INV_DB_FROM_CONFIG);
    setenv("BUA_DB", "env.db", 1);
    CHECK_EQ(inv_paths_db(NULL, "/conf.db", buf, sizeof buf, &from, msg, sizeof msg), 0);
    CHECK_STREQ(buf, "env.db");
    CHECK_EQ(from, INV_DB_FROM_ENV);
    CHECK_EQ(inv_paths_db("opt.db", "/conf.db", buf, sizeof buf, &from, msg, sizeof msg), 0);
    CHECK_STREQ(buf, "opt.db");
    CHECK_EQ(from, INV_DB_FROM_OPTION);
    CHECK_STREQ(inv_db_from_name(from), "--db");
    /* too long for the caller's buffer: a failure, buf and from untouched */
    char small[8] = "keep";
    from = INV_DB_FROM_USER;
    CHECK_EQ(inv_paths_db("/a/long/path.db", NULL, small, sizeof small, &from, msg, sizeof msg),
             -1);
    CHECK(strstr(msg, "longer than 7 bytes") != NULL);
    CHECK_EQ(from, INV_DB_FROM_USER);
    clear_env();
}

static void test_data_fonts_config(void)
{
    char buf[INV_PATH_MAX];
    char want[512];
    char msg[256];

    clear_env();
    setenv("BUA_ROOT", root, 1);
    /* the test program has no bua-dev-assets link beside it: the installed data folder */
    CHECK_EQ(inv_paths_data(NULL, buf, sizeof buf), 0);
    CHECK(strncmp(buf, root, strlen(root)) == 0);
    CHECK(strstr(buf, "/share/bua-kiosk") != NULL);
    setenv("BUA_ASSETS", "/env/assets", 1);
    CHECK_EQ(inv_paths_data(NULL, buf, sizeof buf), 0);
    CHECK_STREQ(buf, "/env/assets");
    CHECK_EQ(inv_paths_data("/opt/assets", buf, sizeof buf), 0);
    CHECK_STREQ(buf, "/opt/assets");
    char small[6];
    CHECK_EQ(inv_paths_data("/opt/assets", small, sizeof small), -1);

    /* fonts beside the data (the build tree), else Debian's under BUA_ROOT */
    make_dirs("data/fonts");
    snprintf(want, sizeof want, "%s/data", root);
    CHECK_EQ(inv_paths_fonts(want, buf, sizeof buf), 0);
    snprintf(want, sizeof want, "%s/usr/share/fonts/truetype/dejavu", root);
    CHECK_STREQ(buf, want);
    snprintf(want, sizeof want, "%s/data/fonts/DejaVuSans.ttf", root);
    write_file(want, "not really a font");
    snprintf(want, sizeof want, "%s/data", root);
    CHECK_EQ(inv_paths_fonts(want, buf, sizeof buf), 0);
    snprintf(want, sizeof want, "%s/data/fonts", root);
    CHECK_STREQ(buf, want);

    /* settings: none, then /etc under BUA_ROOT, BUA_CONFIG, --config */
    CHECK_EQ(inv_paths_config(NULL, buf, sizeof buf), 0);
    CHECK_STREQ(buf, "");
    make_dirs("etc/bua-kiosk");
    snprintf(want, sizeof want, "%s/etc/bua-kiosk/kiosk.ini", root);
    write_file(want, "; the settings\n[kiosk]\ncentre_name = Hamar\ndatabase = /srv/bua.db\n"
                     "[backup]\nkeep = 30\n");
    CHECK_EQ(inv_paths_config(NULL, buf, sizeof buf), 1);
    CHECK_STREQ(buf, want);
    setenv("BUA_CONFIG", "/env.ini", 1);
    CHECK_EQ(inv_paths_config(NULL, buf, sizeof buf), 1);
    CHECK_STREQ(buf, "/env.ini");
    CHECK_EQ(inv_paths_config("/opt.ini", buf, sizeof buf), 1);
    CHECK_STREQ(buf, "/opt.ini");

    /* one key of the settings */
    char value[16];
    CHECK_EQ(inv_paths_config_get(want, "kiosk", "database", value, sizeof value, msg, sizeof msg),
             1);
    CHECK_STREQ(value, "/srv/bua.db");
    CHECK_EQ(inv_paths_config_get(want, "backup", "keep", value, sizeof value, msg, sizeof msg), 1);
    CHECK_STREQ(value, "30");
    CHECK_EQ(inv_paths_config_get(want, "backup", "database", value, sizeof value, msg, sizeof msg),
             0);
    char tiny[4];
    CHECK_EQ(inv_paths_config_get(want, "kiosk", "database", tiny, sizeof tiny, msg, sizeof msg),
             -1);
    CHECK(strstr(msg, "database is longer than 3 bytes") != NULL);
    CHECK_EQ(inv_paths_config_get("/nonexistent/kiosk.ini", "kiosk", "database", value,
                                  sizeof value, msg, sizeof msg),
             -1);
    CHECK(strstr(msg, "cannot read /nonexistent/kiosk.ini") != NULL);
    clear_env();
}

static void test_version(void)
{
    const char *v = inv_version();
    CHECK(v != NULL && v[0] >= '0' && v[0] <= '9');
    CHECK(strchr(v, '.') != NULL);
}

int main(void)
{
    snprintf(root, sizeof root, "/tmp/bua-test-paths.XXXXXX");
    CHECK(mkdtemp(root) != NULL);
    test_db_order();
    test_data_fonts_config();
    test_version();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0);
    printf("test_paths: ok\n");
    return 0;
}
