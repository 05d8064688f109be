/* Workshop figures benchmark: one centre's year of workshop figures (inv_workshop_year) in a
 * file of many centres, against plain SQL that counts the same figures from the status history
 * (item_event, joined to item for the centre, through the index item_event(item_id, at)) and the
 * steps and jobs joined the same way. Prints figures, never fails on them; both run in the same
 * process on the same file, interleaved, and must agree.
 *   File: CENTRES centres of ITEMS items each, three years (2023-2025) of repair spells (a change
 *   to in repair, then available or retired) and repair steps, and bike jobs with time.
 * Usage: bench_workshop [--quick] */
#include "inv_sql.h"
#include "inventory.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_workshop: %s: %s\n", what, detail);
    exit(1);
}

static void exec(sqlite3 *sql, const char *text)
{
    char *err = NULL;
    if (sqlite3_exec(sql, text, NULL, NULL, &err) != SQLITE_OK)
        die(text, err != NULL ? err : "?");
}

static sqlite3_stmt *prep(sqlite3 *sql, const char *text)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(sql, text, -1, &st, NULL) != SQLITE_OK)
        die(text, sqlite3_errmsg(sql));
    return st;
}

static void run(sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die("insert", sqlite3_errmsg(sqlite3_db_handle(st)));
    sqlite3_reset(st);
}

/* The file: centres, items, status changes and steps, jobs, written with plain SQL in one
 * transaction, then workshop_change filled as migration 4 fills it. */
static void fill(const char *path, int centres, int items)
{
    sqlite3 *sql = NULL;
    if (sqlite3_open(path, &sql) != SQLITE_OK)
        die("open", path);
    exec(sql, "BEGIN");
    exec(sql, "INSERT OR IGNORE INTO category(id, name) VALUES (1, 'Sykler')");
    sqlite3_stmt *centre = prep(sql, "INSERT OR IGNORE INTO centre(id, name) VALUES (?1, ?2)");
    sqlite3_stmt *item = prep(sql, "INSERT INTO item(id, centre_id, barcode, name, category_id,"
                                   " added_at) VALUES (?1, ?2, ?3, 'Ting', 1, ?4)");
    sqlite3_stmt *event =
        prep(sql, "INSERT INTO item_event(item_id, at, status, note) VALUES (?1, ?2, ?3, '')");
    sqlite3_stmt *step = prep(sql, "INSERT INTO repair_step(centre_id, item_id, at, step, reason)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5)");
    sqlite3_stmt *job = prep(sql, "INSERT INTO job(id, centre_id, customer, bike, work, status,"
                                  " received_at, finished_at, picked_up_at) VALUES (?1, ?2, 'K',"
                                  " 'B', 'W', 4, ?3, ?4, ?5)");
    sqlite3_stmt *job_ev = prep(sql, "INSERT INTO job_event(centre_id, job_id, at, status, minutes)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5)");
    const int64_t y2023 = 1672527600; /* 2023-01-01 00:00 Oslo */
    const int64_t year_s = 365 * 86400;
    unsigned seed = 7;
    int64_t item_id = 0;
    int64_t job_id = 0;
    for (int c = 1; c <= centres; c++) {
        char name[32];
        snprintf(name, sizeof name, "Senter %d", c);
        sqlite3_bind_int(centre, 1, c);
        sqlite3_bind_text(centre, 2, name, -1, SQLITE_TRANSIENT);
        run(centre);
        for (int i = 0; i < items; i++) {
            char code[32];
            snprintf(code, sizeof code, "C%d-%d", c, i);
            sqlite3_bind_int64(item, 1, ++item_id);
            sqlite3_bind_int(item, 2, c);
            sqlite3_bind_text(item, 3, code, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(item, 4, y2023 - 86400);
            run(item);
            /* two repair spells a year on a fifth of the items */
            if (i % 5 != 0)
                continue;
            for (int k = 0; k < 6; k++) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = (seed >> 16) % 1000;
                int64_t in = y2023 + year_s * k / 2 + (int64_t)r * 3600;
                int64_t out = in + 3600 * (int64_t)(10 + r % 300);
                int to = r % 10 == 0 ? 4 : 0; /* retired, else available */
                sqlite3_bind_int64(event, 1, item_id);
                sqlite3_bind_int64(event, 2, in);
                sqlite3_bind_int(event, 3, 2);
                run(event);
                sqlite3_bind_int64(event, 1, item_id);
                sqlite3_bind_int64(event, 2, out);
                sqlite3_bind_int(event, 3, to);
                run(event);
                sqlite3_bind_int(step, 1, c);
                sqlite3_bind_int64(step, 2, item_id);
                sqlite3_bind_int64(step, 3, out);
                sqlite3_bind_int(step, 4, to == 4 ? 3 : 2);
                if (to == 4)
                    sqlite3_bind_int(step, 5, (int)(r % 5));
                else
                    sqlite3_bind_null(step, 5);
                run(step);
                if (to == 4)
                    break;
            }
        }
        for (int j = 0; j < items / 10; j++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 1000;
            int64_t in = y2023 + (int64_t)j * 3 * year_s / (items / 10) + r * 60;
            sqlite3_bind_int64(job, 1, ++job_id);
            sqlite3_bind_int(job, 2, c);
            sqlite3_bind_int64(job, 3, in);
            sqlite3_bind_int64(job, 4, in + 86400 * 3);
            sqlite3_bind_int64(job, 5, in + 86400 * 5);
            run(job);
            const int64_t at[3] = {in + 3600, in + 86400 * 3, in + 86400 * 5};
            const int st[3] = {1, 3, 4};
            for (int k = 0; k < 3; k++) {
                sqlite3_bind_int(job_ev, 1, c);
                sqlite3_bind_int64(job_ev, 2, job_id);
                sqlite3_bind_int64(job_ev, 3, at[k]);
                sqlite3_bind_int(job_ev, 4, st[k]);
                sqlite3_bind_int(job_ev, 5, k == 0 ? 30 + (int)(r % 60) : 0);
                run(job_ev);
            }
        }
    }
    exec(sql, INV_WORKSHOP_BACKFILL);
    exec(sql, "COMMIT");
    sqlite3_finalize(centre);
    sqlite3_finalize(item);
    sqlite3_finalize(event);
    sqlite3_finalize(step);
    sqlite3_finalize(job);
    sqlite3_finalize(job_ev);
    sqlite3_close(sql);
}

/* The plain way: the same figures from the history itself, through item for the centre. */
typedef struct Plain {
    sqlite3 *sql;
    sqlite3_stmt *steps, *retired, *spells, *jobs;
} Plain;

static void plain_open(Plain *p, const char *path)
{
    if (sqlite3_open_v2(path, &p->sql, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        die("open", path);
    p->steps = prep(p->sql, "SELECT count(*) FROM repair_step r JOIN item i ON i.id = r.item_id"
                            " WHERE r.step = 2 AND r.at >= ?1 AND r.at < ?2 AND i.centre_id = ?3");
    p->retired = prep(p->sql, "SELECT count(*) FROM item_event e JOIN item i ON i.id = e.item_id"
                              " WHERE e.status = 4 AND e.at >= ?1 AND e.at < ?2 AND"
                              " i.centre_id = ?3");
    p->spells =
        prep(p->sql, "SELECT e.at - (SELECT min(s.at) FROM item_event s WHERE s.item_id ="
                     " e.item_id AND s.status = 2 AND (s.at, s.id) < (e.at, e.id) AND NOT EXISTS"
                     " (SELECT 1 FROM item_event x WHERE x.item_id = e.item_id AND x.status <> 2"
                     " AND (x.at, x.id) < (e.at, e.id) AND (x.at, x.id) > (s.at, s.id))) AS d"
                     " FROM item_event e JOIN item i ON i.id = e.item_id WHERE e.status <> 2 AND"
                     " e.at >= ?1 AND e.at < ?2 AND i.centre_id = ?3 AND (SELECT p.status FROM"
                     " item_event p WHERE p.item_id = e.item_id AND (p.at, p.id) < (e.at, e.id)"
                     " ORDER BY p.at DESC, p.id DESC LIMIT 1) = 2 ORDER BY d");
    p->jobs = prep(p->sql, "SELECT (SELECT count(*) FROM job WHERE centre_id = ?3 AND received_at"
                           " >= ?1 AND received_at < ?2), (SELECT coalesce(sum(ev.minutes), 0)"
                           " FROM job_event ev JOIN job j ON j.id = ev.job_id WHERE j.centre_id"
                           " = ?3 AND ev.at >= ?1 AND ev.at < ?2)");
}

static int64_t one(sqlite3_stmt *st, int64_t lo, int64_t hi, int64_t centre, int col)
{
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    sqlite3_bind_int64(st, 3, centre);
    if (sqlite3_step(st) != SQLITE_ROW)
        die("plain", sqlite3_errmsg(sqlite3_db_handle(st)));
    int64_t v = sqlite3_column_int64(st, col);
    sqlite3_reset(st);
    return v;
}

static void plain_year(Plain *p, int64_t lo, int64_t hi, int64_t centre, InvWorkshopYear *w)
{
    memset(w, 0, sizeof *w);
    w->repairs_done = one(p->steps, lo, hi, centre, 0);
    w->retired = one(p->retired, lo, hi, centre, 0);
    w->jobs_received = one(p->jobs, lo, hi, centre, 0);
    w->job_minutes = one(p->jobs, lo, hi, centre, 1);
    int64_t d[4096];
    int n = 0;
    sqlite3_bind_int64(p->spells, 1, lo);
    sqlite3_bind_int64(p->spells, 2, hi);
    sqlite3_bind_int64(p->spells, 3, centre);
    while (sqlite3_step(p->spells) == SQLITE_ROW && n < 4096)
        d[n++] = sqlite3_column_int64(p->spells, 0);
    sqlite3_reset(p->spells);
    w->repairs_ended = n;
    if (n > 0)
        w->median_repair_days =
            (n % 2 ? (double)d[n / 2] : ((double)d[n / 2 - 1] + (double)d[n / 2]) / 2.0) / 86400.0;
}

int main(int argc, char **argv)
{
    bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    int centres = quick ? 20 : 100;
    int items = quick ? 500 : 1000;
    const char *base = getenv("BUA_BENCH_DIR");
    char dir[256];
    snprintf(dir, sizeof dir, "%s/bua-bench-workshop-XXXXXX", base != NULL ? base : "/var/tmp");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", dir);
    char path[512];
    snprintf(path, sizeof path, "%s/ws.db", dir);
    setenv("TZ", "Europe/Oslo", 1);
    InvOpenOptions o = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    if (inv_open(&o, &db, msg, sizeof msg) != INV_OK)
        die("inv_open", msg);
    inv_close(db);
    double t0 = now_us();
    fill(path, centres, items);
    printf("file: %d centres x %d items, 2023-2025, made in %.1f s\n", centres, items,
           (now_us() - t0) / 1e6);

    Plain p;
    plain_open(&p, path);
    enum { ROUNDS = 200, PLAIN_ROUNDS = 10 };
    double mine[ROUNDS];
    double plain[PLAIN_ROUNDS];
    int64_t centre = centres / 2;
    o.create = false;
    o.centre_id = centre;
    if (inv_open(&o, &db, msg, sizeof msg) != INV_OK)
        die("inv_open", msg);
    const int64_t lo = 1704063600; /* 2024-01-01 00:00 Oslo */
    const int64_t hi = 1735686000; /* 2025-01-01 00:00 Oslo */
    for (int i = 0; i < ROUNDS; i++) {
        InvWorkshopYear a;
        InvWorkshopYear b;
        double s = now_us();
        if (inv_workshop_year(db, centre, 2024, &a) != INV_OK)
            die("inv_workshop_year", inv_errmsg(db));
        mine[i] = now_us() - s;
        if (i >= PLAIN_ROUNDS)
            continue;
        s = now_us();
        plain_year(&p, lo, hi, centre, &b);
        plain[i] = now_us() - s;
        if (a.repairs_done != b.repairs_done || a.retired != b.retired ||
            a.repairs_ended != b.repairs_ended || a.median_repair_days != b.median_repair_days ||
            a.jobs_received != b.jobs_received || a.job_minutes != b.job_minutes)
            die("figures differ", "inv_workshop_year against plain SQL");
        if (i == 0)
            printf("centre %lld, 2024: %lld repairs, %lld spells (median %.2f days), %lld"
                   " retired, %lld jobs, %lld min\n",
                   (long long)centre, (long long)a.repairs_done, (long long)a.repairs_ended,
                   a.median_repair_days, (long long)a.retired, (long long)a.jobs_received,
                   (long long)a.job_minutes);
    }
    qsort(mine, ROUNDS, sizeof mine[0], cmp_double);
    qsort(plain, PLAIN_ROUNDS, sizeof plain[0], cmp_double);
    printf("one centre-year of workshop figures: p50 %.0f us, p95 %.0f us (inv_workshop_year)\n",
           mine[ROUNDS / 2], mine[ROUNDS * 95 / 100]);
    printf("                       plain SQL:   p50 %.0f us, max %.0f us (%.1fx the time)\n",
           plain[PLAIN_ROUNDS / 2], plain[PLAIN_ROUNDS - 1],
           plain[PLAIN_ROUNDS / 2] / mine[ROUNDS / 2]);
    inv_close(db);
    sqlite3_finalize(p.steps);
    sqlite3_finalize(p.retired);
    sqlite3_finalize(p.spells);
    sqlite3_finalize(p.jobs);
    sqlite3_close(p.sql);
    char rm[600];
    snprintf(rm, sizeof rm, "%s-wal", path);
    unlink(rm);
    snprintf(rm, sizeof rm, "%s-shm", path);
    unlink(rm);
    snprintf(rm, sizeof rm, "%s-lock", path);
    unlink(rm);
    unlink(path);
    rmdir(dir);
    return 0;
}
