/* Unit tests of work training on real SQLite files: check in and out, a forgotten check-out
 * closed at the day's closing time (and only after the day), a leader's correction, opening
 * hours, schemes and memberships, the retention sweep, and the year figures checked against
 * counts made straight from the raw rows with SQL of the test's own. */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static InvDate date(const char *text)
{
    InvDate d;
    CHECK(inv_date_parse(text, &d));
    return d;
}

static int64_t add_staff(InvDb *db, const char *card, const char *name, InvRole role)
{
    InvStaff s;
    memset(&s, 0, sizeof s);
    snprintf(s.card, sizeof s.card, "%s", card);
    snprintf(s.name, sizeof s.name, "%s", name);
    s.role = role;
    int64_t id = 0;
    CHECK_EQ(inv_staff_add(db, &s, "1234", &id), INV_OK);
    return id;
}

static void check_in_out(void)
{
    InvDb *db = stf_open_new("inout.db");
    add_staff(db, "T-1", "Kari Trainee", INV_ROLE_TRAINEE);
    add_staff(db, "L-1", "Leo Leader", INV_ROLE_LEADER);
    InvTrainingStatus st;
    CHECK_EQ(inv_training_status(db, "T-1", stf_at("2026-03-02T08:55"), &st), INV_OK);
    CHECK(!st.checked_in);
    CHECK_EQ(st.today_seconds, 0);
    CHECK_EQ(inv_training_check_in(db, "T-1", stf_at("2026-03-02T09:00"), &st), INV_OK);
    CHECK(st.checked_in);
    CHECK_EQ(st.open.in_at, stf_at("2026-03-02T09:00"));
    CHECK_EQ(inv_training_check_in(db, "T-1", stf_at("2026-03-02T09:05"), NULL), INV_E_CHECKED_IN);
    CHECK(strstr(inv_errmsg(db), "already checked in since 09:00") != NULL);
    /* the same evening, after closing time: still checked in (the day has not ended) */
    CHECK_EQ(inv_training_status(db, "T-1", stf_at("2026-03-02T19:00"), &st), INV_OK);
    CHECK(st.checked_in);
    CHECK_EQ(inv_training_check_out(db, "T-1", stf_at("2026-03-02T19:30"), &st), INV_OK);
    CHECK(!st.checked_in);
    CHECK_EQ(st.today_seconds, 10 * 3600 + 30 * 60);
    CHECK_EQ(inv_training_check_out(db, "T-1", stf_at("2026-03-02T19:31"), NULL),
             INV_E_NOT_CHECKED_IN);
    /* a second shift the same day adds to the day */
    CHECK_EQ(inv_training_check_in(db, "T-1", stf_at("2026-03-02T20:00"), NULL), INV_OK);
    CHECK_EQ(inv_training_check_out(db, "T-1", stf_at("2026-03-02T20:30"), &st), INV_OK);
    CHECK_EQ(st.today_seconds, 11 * 3600);
    /* only trainees; unknown and disabled cards */
    CHECK_EQ(inv_training_check_in(db, "L-1", stf_at("2026-03-02T09:00"), NULL), INV_E_NOT_TRAINEE);
    CHECK(strstr(inv_errmsg(db), "Leo Leader (card L-1) is a leader") != NULL);
    CHECK_EQ(inv_training_check_in(db, "NOPE", stf_at("2026-03-02T09:00"), NULL), INV_E_NOT_FOUND);
    CHECK_EQ(inv_training_check_in(db, "", stf_at("2026-03-02T09:00"), NULL), INV_E_INVALID);
    CHECK_EQ(inv_staff_enable(db, "T-1", false, 0, stf_at("2026-03-03T09:00")), INV_OK);
    CHECK_EQ(inv_training_check_in(db, "T-1", stf_at("2026-03-03T10:00"), NULL),
             INV_E_STAFF_DISABLED);
    inv_close(db);
}

static int count_days(const InvTrainingDay *d, void *ctx)
{
    InvTrainingDay *last = ctx;
    *last = *d;
    return 0;
}

static void forgotten(void)
{
    InvDb *db = stf_open_new("forgot.db");
    add_staff(db, "T-1", "Kari Trainee", INV_ROLE_TRAINEE);
    add_staff(db, "T-2", "Per Trainee", INV_ROLE_TRAINEE);
    add_staff(db, "T-3", "Ola Trainee", INV_ROLE_TRAINEE);
    /* Tuesdays close at 16:00; other days keep the default 18:00 */
    CHECK_EQ(inv_hours_set(db, 1u << 1, 10 * 60, 16 * 60), INV_OK);
    int opens = 0;
    int closes = 0;
    bool set = true;
    CHECK_EQ(inv_hours(db, 0, &opens, &closes, &set), INV_OK);
    CHECK(!set);
    CHECK_EQ(closes, INV_HOURS_DEFAULT_CLOSES);
    CHECK_EQ(inv_hours(db, 1, &opens, &closes, &set), INV_OK);
    CHECK(set);
    CHECK_EQ(closes, 16 * 60);
    CHECK_EQ(inv_hours_set(db, 1u, 18 * 60, 10 * 60), INV_E_INVALID);
    CHECK_EQ(inv_hours_set(db, 0u, 8 * 60, 10 * 60), INV_E_INVALID);

    CHECK_EQ(inv_training_check_in(db, "T-1", stf_at("2026-03-03T09:30"), NULL), INV_OK); /* Tue */
    CHECK_EQ(inv_training_check_in(db, "T-2", stf_at("2026-03-02T10:00"), NULL), INV_OK); /* Mon */
    CHECK_EQ(inv_training_check_in(db, "T-3", stf_at("2026-03-03T17:00"), NULL), INV_OK);
    InvTrainingDay mon;
    memset(&mon, 0, sizeof mon);
    CHECK_EQ(
        inv_training_each_day(db, "T-2", date("2026-03-02"), date("2026-03-02"), count_days, &mon),
        INV_OK);
    CHECK(mon.auto_closed);
    CHECK_EQ(mon.last_out, stf_at("2026-03-02T18:00"));
    size_t n = 99;
    /* nothing closes on the day itself, even after closing time */
    CHECK_EQ(inv_training_close_forgotten(db, stf_at("2026-03-03T23:59"), &n), INV_OK);
    CHECK_EQ(n, 0); /* Monday's was closed by T-3's check-in on Tuesday; Tuesday's stay open */
    InvTrainingStatus st;
    CHECK_EQ(inv_training_status(db, "T-1", stf_at("2026-03-04T09:00"), &st), INV_OK);
    CHECK(!st.checked_in);
    CHECK_EQ(st.closed.id != 0, 1);
    CHECK_EQ(st.closed.out_at, stf_at("2026-03-03T16:00"));
    CHECK(st.closed.auto_closed);
    CHECK_EQ(inv_training_check_in(db, "T-1", stf_at("2026-03-04T09:00"), &st), INV_OK);
    CHECK(st.checked_in);
    CHECK_EQ(st.closed.id, 0); /* a shift today: nothing to tell */
    /* T-2's Monday closed at 18:00 by the earlier sweep; T-3 came after closing: 0 hours */
    CHECK_EQ(inv_training_check_out(db, "T-3", stf_at("2026-03-04T09:00"), NULL),
             INV_E_NOT_CHECKED_IN);
    CHECK(strstr(inv_errmsg(db), "the day of 2026-03-03 was closed at 17:00") != NULL);
    InvTrainingYear y;
    CHECK_EQ(inv_training_year(db, 0, 2026, &y), INV_OK);
    CHECK_EQ(y.participants, 3);
    CHECK_EQ(y.days, 3);
    CHECK_EQ(y.auto_days, 3);
    CHECK_EQ(y.seconds, (8 * 3600) + (6 * 3600 + 30 * 60) + 0);
    inv_training_year_release(&y);
    inv_close(db);
}

static void correction(void)
{
    InvDb *db = stf_open_new("correct.db");
    int64_t t1 = add_staff(db, "T-1", "Kari Trainee", INV_ROLE_TRAINEE);
    int64_t l1 = add_staff(db, "L-1", "Leo Leader", INV_ROLE_LEADER);
    int64_t now = stf_at("2026-03-05T12:00");
    CHECK_EQ(inv_training_check_in(db, "T-1", stf_at("2026-03-04T09:00"), NULL), INV_OK);
    CHECK_EQ(inv_training_day_set(db, "T-1", date("2026-03-04"), 9 * 60, 15 * 60, t1, now),
             INV_E_NEEDS_LEADER);
    CHECK_EQ(inv_training_day_set(db, "T-1", date("2026-03-06"), 9 * 60, 15 * 60, l1, now),
             INV_E_INVALID); /* the future */
    CHECK_EQ(inv_training_day_set(db, "T-1", date("2026-03-05"), 9 * 60, 15 * 60, l1, now),
             INV_E_INVALID); /* out later than now */
    CHECK_EQ(inv_training_day_set(db, "T-1", date("2026-03-04"), 15 * 60, 9 * 60, l1, now),
             INV_E_INVALID);
    CHECK_EQ(inv_training_day_set(db, "NOPE", date("2026-03-04"), 9 * 60, 15 * 60, l1, now),
             INV_E_NOT_FOUND);
    CHECK_EQ(inv_training_day_set(db, "T-1", date("2026-03-04"), 9 * 60 + 15, 15 * 60, l1, now),
             INV_OK);
    InvTrainingDay d;
    memset(&d, 0, sizeof d);
    CHECK_EQ(
        inv_training_each_day(db, "T-1", date("2026-03-01"), date("2026-03-05"), count_days, &d),
        INV_OK);
    CHECK_EQ(d.seconds, 5 * 3600 + 45 * 60);
    CHECK_EQ(d.shifts, 1);
    CHECK(!d.open);
    CHECK(!d.auto_closed);
    CHECK_EQ(d.corrected_at, now);
    CHECK_STREQ(d.corrected_by, "Leo Leader");
    /* the open shift was replaced: the trainee is no longer checked in */
    InvTrainingStatus st;
    CHECK_EQ(inv_training_status(db, "T-1", now, &st), INV_OK);
    CHECK(!st.checked_in);
    CHECK_EQ(inv_training_day_clear(db, "T-1", date("2026-03-04"), l1), INV_OK);
    CHECK_EQ(inv_training_day_clear(db, "T-1", date("2026-03-04"), l1), INV_E_NOT_FOUND);
    inv_close(db);
}

static int count_members(const InvMembership *m, void *ctx)
{
    (void)m;
    (*(int *)ctx)++;
    return 0;
}

static void schemes(void)
{
    InvDb *db = stf_open_new("schemes.db");
    add_staff(db, "T-1", "Kari Trainee", INV_ROLE_TRAINEE);
    add_staff(db, "L-1", "Leo Leader", INV_ROLE_LEADER);
    int64_t now = stf_at("2026-03-01T12:00");
    CHECK_EQ(inv_scheme_add(db, "vto"), INV_E_EXISTS);
    CHECK_EQ(inv_scheme_add(db, "Praksisplass"), INV_OK);
    CHECK_EQ(inv_scheme_rename(db, "Praksisplass", "Praksis"), INV_OK);
    CHECK_EQ(inv_scheme_rename(db, "Praksis", "VTO"), INV_E_EXISTS);
    CHECK_EQ(inv_scheme_add(db, ""), INV_E_INVALID);
    int64_t id = 0;
    CHECK_EQ(
        inv_membership_add(db, "T-1", "VTO", date("2025-01-01"), date("2025-06-30"), 0, now, &id),
        INV_OK);
    CHECK_EQ(
        inv_membership_add(db, "T-1", "VTO", date("2025-06-01"), (InvDate){0, 0, 0}, 0, now, NULL),
        INV_E_EXISTS);
    CHECK_EQ(
        inv_membership_add(db, "T-1", "VTO", date("2025-07-01"), date("2025-06-30"), 0, now, NULL),
        INV_E_INVALID);
    CHECK_EQ(
        inv_membership_add(db, "L-1", "VTO", date("2025-07-01"), (InvDate){0, 0, 0}, 0, now, NULL),
        INV_E_NOT_TRAINEE);
    CHECK_EQ(
        inv_membership_add(db, "T-1", "Nope", date("2025-07-01"), (InvDate){0, 0, 0}, 0, now, NULL),
        INV_E_NOT_FOUND);
    int64_t id2 = 0;
    CHECK_EQ(
        inv_membership_add(db, "T-1", "VTO", date("2025-07-01"), (InvDate){0, 0, 0}, 0, now, &id2),
        INV_OK);
    CHECK_EQ(inv_membership_end(db, id, date("2025-07-15")), INV_E_EXISTS);
    CHECK_EQ(inv_membership_end(db, id, date("2024-07-15")), INV_E_INVALID);
    CHECK_EQ(inv_membership_end(db, id, date("2025-03-31")), INV_OK);
    CHECK_EQ(inv_scheme_remove(db, "VTO"), INV_E_EXISTS);
    CHECK_EQ(inv_scheme_remove(db, "Praksis"), INV_OK);
    CHECK_EQ(inv_membership_add(db, "T-1", "Frivillig", date("2023-01-01"), date("2024-02-29"), 0,
                                now, NULL),
             INV_OK);
    int n = 0;
    CHECK_EQ(inv_membership_each(db, "T-1", count_members, &n), INV_OK);
    CHECK_EQ(n, 3);
    /* 24 months before 2026-03-01 is 2024-03-01: the one that ended 2024-02-29 goes */
    size_t swept = 0;
    CHECK_EQ(inv_training_sweep(db, now, 24, true, &swept), INV_OK);
    CHECK_EQ(swept, 1);
    n = 0;
    CHECK_EQ(inv_membership_each(db, NULL, count_members, &n), INV_OK);
    CHECK_EQ(n, 3); /* a dry run deletes nothing */
    CHECK_EQ(inv_training_sweep(db, now, 24, false, &swept), INV_OK);
    CHECK_EQ(swept, 1);
    n = 0;
    CHECK_EQ(inv_membership_each(db, NULL, count_members, &n), INV_OK);
    CHECK_EQ(n, 2);
    /* 12 months: the VTO membership that ended 2025-03-31 is kept (cut 2025-03-01) */
    CHECK_EQ(inv_training_sweep(db, now, 12, false, &swept), INV_OK);
    CHECK_EQ(swept, 0);
    /* the 31st moved back into a short month is clamped to its last day */
    CHECK_EQ(inv_training_sweep(db, stf_at("2026-03-31T12:00"), 1, true, &swept), INV_OK);
    CHECK_EQ(inv_training_sweep(db, now, 0, false, &swept), INV_E_INVALID);
    CHECK_EQ(inv_membership_remove(db, id2), INV_OK);
    CHECK_EQ(inv_membership_remove(db, id2), INV_E_NOT_FOUND);
    inv_close(db);
}

/* one value of a query of the test's own */
static int64_t q(sqlite3 *s, const char *sql, int64_t a, int64_t b)
{
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, b);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void year_figures(void)
{
    char path[512];
    stf_path(path, sizeof path, "year.db");
    InvDb *db = stf_open_new("year.db");
    int64_t staff[4];
    staff[0] = add_staff(db, "T-1", "Anne", INV_ROLE_TRAINEE);
    staff[1] = add_staff(db, "T-2", "Bjørn", INV_ROLE_TRAINEE);
    staff[2] = add_staff(db, "T-3", "Cecilie", INV_ROLE_TRAINEE);
    staff[3] = add_staff(db, "L-1", "Leder", INV_ROLE_LEADER);
    CHECK_EQ(inv_membership_add(db, "T-1", "VTO", date("2025-01-01"), (InvDate){0, 0, 0}, 0,
                                stf_at("2025-01-01T09:00"), NULL),
             INV_OK);
    CHECK_EQ(inv_membership_add(db, "T-2", "Samfunnsstraff", date("2025-11-01"), date("2026-02-15"),
                                0, stf_at("2025-01-01T09:00"), NULL),
             INV_OK);
    CHECK_EQ(inv_membership_add(db, "T-2", "Frivillig", date("2026-02-01"), (InvDate){0, 0, 0}, 0,
                                stf_at("2025-01-01T09:00"), NULL),
             INV_OK);
    /* days over two years, pseudo-random lengths; some days clear of any scheme */
    unsigned seed = 12345;
    for (int k = 0; k < 120; k++) {
        seed = seed * 1103515245u + 12345u;
        int who = (int)((seed >> 8) % 3);
        int64_t day = inv_date_days(date("2025-10-01")) + (int64_t)((seed >> 12) % 200);
        InvDate d = inv_date_from_days(day);
        int in = 8 * 60 + (int)((seed >> 4) % 120);
        int out = in + 60 + (int)((seed >> 16) % 400);
        const char *card = who == 0 ? "T-1" : who == 1 ? "T-2" : "T-3";
        CHECK_EQ(inv_training_day_set(db, card, d, in, out, staff[3], stf_at("2026-06-01T12:00")),
                 INV_OK);
    }
    /* an open shift today is not counted */
    CHECK_EQ(inv_training_check_in(db, "T-3", stf_at("2026-06-01T09:00"), NULL), INV_OK);
    /* work: loans, returns and registrations by trainees, the leader and self-service */
    for (int i = 0; i < 30; i++) {
        char code[16];
        snprintf(code, sizeof code, "I-%d", i);
        stf_add_item(db, code, "Ski", stf_at("2025-09-01T09:00"));
        InvBorrower b;
        memset(&b, 0, sizeof b);
        snprintf(b.card, sizeof b.card, "B-%d", i);
        snprintf(b.name, sizeof b.name, "Låner %d", i);
        b.registered_by = i % 5 == 4 ? 0 : staff[i % 4];
        b.registered_at = i < 15 ? stf_at("2025-12-20T10:00") : stf_at("2026-01-20T10:00");
        int64_t bid = 0;
        CHECK_EQ(inv_borrower_add(db, &b, b.registered_at, &bid), INV_OK);
        const char *codes[1] = {code};
        InvCheckout co = {bid,   codes,
                          1,     i % 3 == 2 ? 0 : staff[(i + 1) % 4],
                          false, i < 10 ? stf_at("2025-12-28T12:00") : stf_at("2026-02-02T12:00"),
                          NULL};
        int64_t loan = 0;
        CHECK_EQ(inv_checkout(db, &co, &loan), INV_OK);
        if (i % 2 == 0) {
            InvReturn r = {code, false, NULL, staff[(i + 2) % 4],
                           i < 6 ? stf_at("2025-12-30T12:00") : stf_at("2026-02-05T12:00")};
            CHECK_EQ(inv_return(db, &r, NULL), INV_OK);
        }
    }
    sqlite3 *s = NULL;
    CHECK_EQ(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (int year = 2025; year <= 2026; year++) {
        InvTrainingYear y;
        CHECK_EQ(inv_training_year(db, 0, year, &y), INV_OK);
        CHECK_EQ(y.loans, 0); /* the work is counted on request */
        CHECK_EQ(inv_training_work(db, &y), INV_OK);
        int64_t t0 = stf_at(year == 2025 ? "2025-01-01T00:00" : "2026-01-01T00:00");
        int64_t t1 = stf_at(year == 2025 ? "2026-01-01T00:00" : "2027-01-01T00:00");
        const char *in_year = "(SELECT * FROM training_shift WHERE out_at IS NOT NULL AND"
                              " in_at >= ?1 AND in_at < ?2)";
        char sql[1024];
        snprintf(sql, sizeof sql, "SELECT count(DISTINCT staff_id) FROM %s", in_year);
        CHECK_EQ(y.participants, q(s, sql, t0, t1));
        CHECK(y.participants == 3);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM (SELECT DISTINCT staff_id, date(in_at, 'unixepoch',"
                 " 'localtime') FROM %s)",
                 in_year);
        CHECK_EQ(y.days, q(s, sql, t0, t1));
        snprintf(sql, sizeof sql, "SELECT sum(out_at - in_at) FROM %s", in_year);
        CHECK_EQ(y.seconds, q(s, sql, t0, t1));
        CHECK(y.fte > 0.0);
        CHECK_EQ((int64_t)(y.fte * 1700.0 * 3600.0 + 0.5), y.seconds);
        CHECK_EQ(y.n_trainees, 3);
        int64_t loans = 0;
        for (size_t i = 0; i < y.n_trainees; i++) {
            const InvTraineeYear *t = &y.trainees[i];
            snprintf(sql, sizeof sql, "SELECT sum(out_at - in_at) FROM %s WHERE staff_id = %lld",
                     in_year, (long long)t->staff_id);
            CHECK_EQ(t->seconds, q(s, sql, t0, t1));
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM loan WHERE staff_id = %lld AND checked_out_at >= ?1"
                     " AND checked_out_at < ?2",
                     (long long)t->staff_id);
            CHECK_EQ(t->loans, q(s, sql, t0, t1));
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM loan_line WHERE return_staff_id = %lld AND"
                     " returned_at >= ?1 AND returned_at < ?2",
                     (long long)t->staff_id);
            CHECK_EQ(t->returns, q(s, sql, t0, t1));
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM borrower WHERE registered_by = %lld AND"
                     " registered_at >= ?1 AND registered_at < ?2",
                     (long long)t->staff_id);
            CHECK_EQ(t->registrations, q(s, sql, t0, t1));
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM repair_step WHERE staff_id = %lld AND step = 2 AND"
                     " at >= ?1 AND at < ?2",
                     (long long)t->staff_id);
            CHECK_EQ(t->repairs, q(s, sql, t0, t1));
            snprintf(sql, sizeof sql,
                     "SELECT count(DISTINCT job_id) FROM job_event WHERE staff_id = %lld AND"
                     " at >= ?1 AND at < ?2",
                     (long long)t->staff_id);
            CHECK_EQ(t->jobs, q(s, sql, t0, t1));
            snprintf(sql, sizeof sql,
                     "SELECT coalesce(sum(minutes), 0) FROM job_event WHERE staff_id = %lld AND"
                     " at >= ?1 AND at < ?2",
                     (long long)t->staff_id);
            CHECK_EQ(t->job_minutes, q(s, sql, t0, t1));
            CHECK_EQ(t->items_lent, t->loans); /* one item a loan here */
            loans += t->loans;
        }
        CHECK_EQ(y.loans, loans);
        CHECK(strcmp(y.trainees[0].name, "Anne") == 0);
        /* the leader's work is not a participant's */
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM loan WHERE staff_id IN (SELECT id FROM staff WHERE role = 1)"
                 " AND checked_out_at >= ?1 AND checked_out_at < ?2");
        CHECK_EQ(y.loans, q(s, sql, t0, t1));
        /* per scheme, by the membership dates */
        CHECK_EQ(y.n_schemes, 6);
        for (size_t i = 0; i < y.n_schemes; i++) {
            const InvSchemeYear *sc = &y.schemes[i];
            char where[256];
            if (strcmp(sc->name, "VTO") == 0)
                snprintf(where, sizeof where, "staff_id = %lld", (long long)staff[0]);
            else if (strcmp(sc->name, "Samfunnsstraff") == 0)
                snprintf(where, sizeof where,
                         "staff_id = %lld AND date(in_at, 'unixepoch', 'localtime') BETWEEN"
                         " '2025-11-01' AND '2026-02-15'",
                         (long long)staff[1]);
            else if (strcmp(sc->name, "Frivillig") == 0)
                snprintf(where, sizeof where,
                         "staff_id = %lld AND date(in_at, 'unixepoch', 'localtime') >="
                         " '2026-02-01'",
                         (long long)staff[1]);
            else
                snprintf(where, sizeof where, "0");
            snprintf(sql, sizeof sql, "SELECT count(DISTINCT staff_id) FROM %s WHERE %s", in_year,
                     where);
            CHECK_EQ(sc->persons, q(s, sql, t0, t1));
            snprintf(sql, sizeof sql, "SELECT coalesce(sum(out_at - in_at), 0) FROM %s WHERE %s",
                     in_year, where);
            CHECK_EQ(sc->seconds, q(s, sql, t0, t1));
            if (strcmp(sc->name, "VTO") == 0)
                CHECK(sc->persons == 1 && sc->seconds > 0);
        }
        inv_training_year_release(&y);
    }
    sqlite3_close(s);
    /* the FTE hours setting */
    int h = 0;
    CHECK_EQ(inv_training_fte_hours(db, &h), INV_OK);
    CHECK_EQ(h, 1700);
    CHECK_EQ(inv_training_fte_hours_set(db, 99), INV_E_INVALID);
    CHECK_EQ(inv_training_fte_hours_set(db, 1695), INV_OK);
    InvTrainingYear y;
    CHECK_EQ(inv_training_year(db, 0, 2026, &y), INV_OK);
    CHECK_EQ(y.fte_hours, 1695);
    inv_training_year_release(&y);
    CHECK_EQ(inv_training_year(db, 0, 1969, &y), INV_E_INVALID);
    /* inv_check holds the summaries to the shifts */
    CHECK_EQ(inv_check(db), INV_OK);
    CHECK_EQ(sqlite3_open(path, &s), SQLITE_OK);
    CHECK_EQ(sqlite3_exec(s,
                          "UPDATE sum_training SET seconds = seconds + 60 WHERE year = 2025 AND"
                          " scheme_id = 0 AND staff_id = (SELECT min(staff_id) FROM sum_training)",
                          NULL, NULL, NULL),
             SQLITE_OK);
    sqlite3_close(s);
    CHECK_EQ(inv_check(db), INV_E_CORRUPT);
    CHECK(strstr(inv_errmsg(db), "work-training summaries of 2025") != NULL);
    inv_close(db);
}

int main(void)
{
    stf_begin("training");
    RUN(check_in_out);
    RUN(forgotten);
    RUN(correction);
    RUN(schemes);
    RUN(year_figures);
    stf_end();
    fprintf(stderr, "test_training: ok\n");
    return 0;
}
