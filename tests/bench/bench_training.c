/* Work-training benchmark: what the year's work-training figures (inv_training_year) add to the
 * yearly report. Prints figures, never fails on them; measured in the same run on the same file:
 *   a Hamar-sized year (2,921 loans, 13,334 items lent, 1,444 borrowers, 716 new) imported, then
 *   9 trainees with about 230 days each, six schemes with memberships, and the staff id on 60%
 *   of the loans, returns and registrations; timed: inv_year_report (the report from the
 *   summaries, the baseline), inv_training_year for this year and last (what the printed report
 *   adds), and the same figures in plain SQL without the store's indexes (the raw baseline).
 * Usage: bench_training [--quick] */
#include "gen.h"
#include "inventory.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TRAINEES 9

static char dir[256];

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_training: %s: %s\n", what, detail);
    exit(1);
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void exec_or_die(sqlite3 *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s, sql, NULL, NULL, &err) != SQLITE_OK)
        die(sql, err ? err : "?");
}

static double time_report(InvDb *db, int year, int64_t now, int reps)
{
    InvYearReport r;
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        if (inv_year_report(db, year, now, &r) != INV_OK)
            die("report", inv_errmsg(db));
        inv_year_report_release(&r);
    }
    return (now_us() - a) / reps;
}

static double time_training(InvDb *db, int year, int reps, InvTrainingYear *keep)
{
    InvTrainingYear y;
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        if (inv_training_year(db, 0, year, &y) != INV_OK)
            die("training year", inv_errmsg(db));
        if (keep != NULL && i == 0 && inv_training_work(db, &y) != INV_OK)
            die("training work", inv_errmsg(db));
        if (i == 0 && keep != NULL)
            *keep = y;
        else
            inv_training_year_release(&y);
    }
    return (now_us() - a) / reps;
}

/* The same per-trainee figures in plain SQL on a copy without the store's indexes for them. */
static double time_work(InvDb *db, int year, int reps)
{
    InvTrainingYear y;
    if (inv_training_year(db, 0, year, &y) != INV_OK)
        die("training year", inv_errmsg(db));
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        if (inv_training_work(db, &y) != INV_OK)
            die("training work", inv_errmsg(db));
    }
    double us = (now_us() - a) / reps;
    inv_training_year_release(&y);
    return us;
}

static double time_plain(const char *path, int reps)
{
    sqlite3 *s = NULL;
    if (sqlite3_open(path, &s) != SQLITE_OK)
        die("open plain", path);
    exec_or_die(s, "DROP INDEX loan_staff; DROP INDEX loan_line_return_staff;"
                   " DROP INDEX borrower_registered_by; ANALYZE;");
    sqlite3_stmt *st = NULL;
    const char *sql =
        "SELECT t.staff_id, count(DISTINCT t.day), sum(t.out_at - t.in_at),"
        " (SELECT count(*) FROM loan l WHERE l.staff_id = t.staff_id AND l.checked_out_at >= ?1"
        " AND l.checked_out_at < ?2),"
        " (SELECT count(*) FROM loan_line ll WHERE ll.return_staff_id = t.staff_id AND"
        " ll.returned_at >= ?1 AND ll.returned_at < ?2),"
        " (SELECT count(*) FROM borrower b WHERE b.registered_by = t.staff_id AND"
        " b.registered_at >= ?1 AND b.registered_at < ?2)"
        " FROM training_shift t WHERE t.in_at >= ?1 AND t.in_at < ?2 AND t.out_at IS NOT NULL"
        " GROUP BY t.staff_id";
    if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
        die("prepare plain", sqlite3_errmsg(s));
    double a = now_us();
    for (int i = 0; i < reps; i++) {
        sqlite3_bind_int64(st, 1, 1704063600); /* 2024-01-01 local */
        sqlite3_bind_int64(st, 2, 1735686000); /* 2025-01-01 local */
        while (sqlite3_step(st) == SQLITE_ROW) {
        }
        sqlite3_reset(st);
    }
    double us = (now_us() - a) / reps;
    sqlite3_finalize(st);
    sqlite3_close(s);
    return us;
}

int main(int argc, char **argv)
{
    bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    int reps = quick ? 50 : 500;
    setenv("TZ", "Europe/Oslo", 1);
    tzset();
    const char *tmp = getenv("BUA_BENCH_DIR");
    snprintf(dir, sizeof dir, "%s/bua-bench-XXXXXX", tmp && tmp[0] ? tmp : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    printf("bench_training (SQLite %s, files in %s)\n", sqlite3_libversion(), dir);

    static const GenYear hamar = {
        .loans = 2921, .items_lent = 13334, .borrowers = 1444, .new_borrowers = 716};
    GenCentre c = {.prefix = "H-",
                   .first_year = 2024,
                   .n_years = 1,
                   .years = &hamar,
                   .old_borrowers = 800,
                   .idle_borrowers = 120,
                   .n_items = 700};
    char items[400];
    char borrowers[400];
    char loans[400];
    if (gen_centre(&c, dir, items, borrowers, loans, sizeof items) != 0)
        die("generate", "hamar");
    char path[512];
    snprintf(path, sizeof path, "%s/hamar.db", dir);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof msg) != INV_OK)
        die("open", msg);
    InvImportResult res;
    const char *files[3] = {items, borrowers, loans};
    InvImportKind kinds[3] = {INV_IMPORT_ITEMS, INV_IMPORT_BORROWERS, INV_IMPORT_LOANS};
    for (int k = 0; k < 3; k++) {
        if (inv_import_csv(db, kinds[k], files[k], 1736942400, NULL, NULL, &res) != INV_OK)
            die(files[k], res.n_problems ? res.problems[0] : inv_errmsg(db));
    }
    /* trainees, schemes, and about 230 days each in 2023 and 2024 */
    static const char *const schemes[6] = {"Arbeidstrening NAV", "Aktivitetsplikt", "VTO",
                                           "Samfunnsstraff",     "Frivillig",       "Sommerjobb"};
    for (int t = 0; t < TRAINEES; t++) {
        InvStaff s;
        memset(&s, 0, sizeof s);
        snprintf(s.card, sizeof s.card, "T-%d", t);
        snprintf(s.name, sizeof s.name, "Deltager %d", t);
        s.role = INV_ROLE_TRAINEE;
        if (inv_staff_add(db, &s, "1234", NULL) != INV_OK)
            die("staff", inv_errmsg(db));
    }
    sqlite3 *s = NULL;
    if (sqlite3_open(path, &s) != SQLITE_OK)
        die("open raw", path);
    exec_or_die(s, "BEGIN;"
                   "WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 730)"
                   " INSERT INTO training_shift(staff_id, centre_id, day, in_at, out_at)"
                   " SELECT st.id, 1, date(1672527600 + d.n * 86400, 'unixepoch', 'localtime'),"
                   " 1672527600 + d.n * 86400 + 32400 + (st.id * 600),"
                   " 1672527600 + d.n * 86400 + 32400 + (st.id * 600) + 21600 + (d.n % 7) * 900"
                   " FROM d, staff st WHERE st.role = 1 AND (d.n + st.id) % 7 < 5"
                   " AND (d.n * 7 + st.id) % 17 <> 0;"
                   /* the trainees are staff 1..9 (the import adds no staff) */
                   "UPDATE loan SET staff_id = 1 + id % 9 WHERE id % 5 < 3;"
                   "UPDATE loan_line SET return_staff_id = 1 + (loan_id + seq) % 9"
                   " WHERE returned_at IS NOT NULL AND (loan_id + seq) % 5 < 3;"
                   "UPDATE borrower SET registered_by = 1 + id % 9 WHERE id % 5 < 3;"
                   "COMMIT; ANALYZE;");
    sqlite3_close(s);
    /* the shifts went in behind the store's back: each membership added sums its trainee's */
    for (int t = 0; t < TRAINEES; t++) {
        char card[16];
        snprintf(card, sizeof card, "T-%d", t);
        InvDate from = {2023, 1 + t, 1};
        if (inv_membership_add(db, card, schemes[t % 6], from, (InvDate){0, 0, 0}, 0, 1736942400,
                               NULL) != INV_OK)
            die("membership", inv_errmsg(db));
    }

    int64_t now = 1736000000;
    InvTrainingYear y;
    double report = time_report(db, 2024, now, reps);
    double training = time_training(db, 2024, reps, &y);
    double report2 = time_report(db, 2024, now, reps);
    double training2 = time_training(db, 2024, reps, NULL);
    double last = time_training(db, 2023, reps, NULL);
    double work = time_work(db, 2024, quick ? 5 : 50);
    double plain = getenv("BENCH_KEEP") ? 0 : time_plain(path, quick ? 5 : 20);
    report = report < report2 ? report : report2;
    training = training < training2 ? training : training2;
    printf("  the year 2024: %lld participants, %lld days, %.0f hours, %.2f FTE;"
           " by trainees %lld loans, %lld returns, %lld registrations\n",
           (long long)y.participants, (long long)y.days, (double)y.seconds / 3600.0, y.fte,
           (long long)y.loans, (long long)y.returns, (long long)y.registrations);
    inv_training_year_release(&y);
    printf("  inv_year_report (from the summaries):  %8.1f us\n", report);
    printf("  inv_training_year, this year:          %8.1f us  (%.2f x the report)\n", training,
           training / report);
    printf("  inv_training_year, last year:          %8.1f us\n", last);
    printf("  report + both years of work training:  %8.1f us  (%s 1 ms per centre-year)\n",
           report + training + last, report + training + last < 1000.0 ? "under" : "OVER");
    printf("  inv_training_work (the trainees' loans, returns, registrations, from the rows):"
           " %.1f us\n",
           work);
    printf("  the same figures in plain SQL from the shifts, without the indexes: %.1f us"
           " (%.1f x inv_training_year + inv_training_work)\n",
           plain, plain / (training + work));
    inv_close(db);
    if (getenv("BENCH_KEEP") != NULL)
        return 0; /* the files stay for a look at the query plans */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
