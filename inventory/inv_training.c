/* Work training: trainees' check-in and check-out (shifts), the forgotten check-out closed at the
 * centre's closing time, a leader's correction of a day, the centre's opening hours, schemes and
 * memberships (with their retention sweep), and the year's figures.
 *
 * Start at inv_training_check_in(): every entry point closes forgotten shifts first
 * (close_forgotten, in the caller's transaction), so nothing depends on a process running at
 * closing time. The tables are INV_SCHEMA_V4_TRAINING (inv_sql.h). */
#include "inv_int.h"
#include "inventory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FTE_KEY "training_fte_hours"

/* a forgotten shift to close */
typedef struct Forgotten {
    int64_t id;
    int64_t staff_id;
    int64_t centre_id;
    InvDate day;
    int64_t in_at;
} Forgotten;

static int trainee(InvDb *db, const char *card, int64_t now, InvStaff *out);
static int active_leader(InvDb *db, int64_t by_staff_id, const char *what);
static int close_forgotten(InvDb *db, int64_t now, size_t *n);
static int hours_of(InvDb *db, int64_t centre_id, int weekday, int *opens, int *closes, bool *set);
static int fill_status(InvDb *db, const InvStaff *s, int64_t now, InvTrainingStatus *out);
static int64_t local_at(InvDate d, int minutes);
static InvDate today_of(int64_t t);
static void day_text(InvDate d, char buf[16]);
static bool day_parse(const char *text, InvDate *out);
static int scheme_find(InvDb *db, const char *name, int64_t *id, char *found, size_t size);
static int member_overlap(InvDb *db, int64_t staff_id, int64_t scheme_id, InvDate from, InvDate to,
                          int64_t self, const char *who, const char *scheme);
static void read_member(sqlite3_stmt *st, InvMembership *m);
static void hhmm(int64_t t, char buf[16]);
static int sum_refresh(InvDb *db, int64_t staff_id, int year);

int inv_hours(InvDb *db, int weekday, int *opens, int *closes, bool *set)
{
    if (weekday < 0 || weekday > 6)
        return inv__fail(db, INV_E_INVALID, "weekday %d is not 0 (Monday) to 6 (Sunday)", weekday);
    return hours_of(db, db->centre_id, weekday, opens, closes, set);
}

int inv_hours_set(InvDb *db, unsigned weekdays, int opens, int closes)
{
    if (weekdays == 0 || weekdays > INV_WEEKDAYS_ALL)
        return inv__fail(db, INV_E_INVALID, "opening hours: %#x is not a set of weekdays",
                         weekdays);
    if (opens < 0 || closes > 24 * 60 || opens >= closes)
        return inv__fail(db, INV_E_INVALID,
                         "opening hours %02d:%02d-%02d:%02d: the centre must open before it"
                         " closes, within the day",
                         opens / 60, opens % 60, closes / 60, closes % 60);
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    for (int d = 0; d < 7 && err == INV_OK; d++) {
        if ((weekdays & (1u << d)) == 0)
            continue;
        sqlite3_stmt *st = inv__stmt(db, SQL_TR_HOURS_SET);
        sqlite3_bind_int64(st, 1, db->centre_id);
        sqlite3_bind_int(st, 2, d);
        sqlite3_bind_int(st, 3, opens);
        sqlite3_bind_int(st, 4, closes);
        err = inv__run(db, st, "cannot save the opening hours");
    }
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv_training_fte_hours(InvDb *db, int *out)
{
    int hours = INV_FTE_HOURS_DEFAULT;
    sqlite3_stmt *st = inv__stmt(db, SQL_SETTING_GET);
    inv__bind_text(st, 1, FTE_KEY);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char text[32];
        inv__col_text(st, 0, text, sizeof(text));
        char *end = NULL;
        long n = strtol(text, &end, 10);
        if (end != text && *end == '\0' && n >= INV_FTE_HOURS_MIN && n <= INV_FTE_HOURS_MAX)
            hours = (int)n;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read settings");
    *out = hours;
    return INV_OK;
}

int inv_training_fte_hours_set(InvDb *db, int hours)
{
    if (hours < INV_FTE_HOURS_MIN || hours > INV_FTE_HOURS_MAX)
        return inv__fail(db, INV_E_INVALID, "hours per full-time equivalent are %d to %d, not %d",
                         INV_FTE_HOURS_MIN, INV_FTE_HOURS_MAX, hours);
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    char text[32];
    snprintf(text, sizeof(text), "%d", hours);
    sqlite3_stmt *st = inv__stmt(db, SQL_SETTING_SET);
    inv__bind_text(st, 1, FTE_KEY);
    inv__bind_text(st, 2, text);
    err = inv__run(db, st, "cannot store settings");
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv_training_close_forgotten(InvDb *db, int64_t now, size_t *n)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    size_t closed = 0;
    err = close_forgotten(db, now, &closed);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    err = inv__commit(db);
    if (err == INV_OK && n != NULL)
        *n = closed;
    return err;
}

/* The opening of a trainee's work-day transaction: the card checked, a write transaction begun,
 * the trainee found (trainee()), forgotten check-outs closed and their status read. On an error
 * nothing is left open (rolled back). */
static int day_begin(InvDb *db, const char *card, int64_t now, InvStaff *s, InvTrainingStatus *r)
{
    int err = inv__check_code(db, "staff card", card);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = trainee(db, card, now, s);
    if (err == INV_OK)
        err = close_forgotten(db, now, NULL);
    if (err == INV_OK)
        err = fill_status(db, s, now, r);
    if (err != INV_OK)
        inv__rollback(db);
    return err;
}

int inv_training_status(InvDb *db, const char *card, int64_t now, InvTrainingStatus *out)
{
    InvStaff s;
    InvTrainingStatus r;
    int err = day_begin(db, card, now, &s, &r);
    if (err != INV_OK)
        return err;
    err = inv__commit(db);
    if (err == INV_OK) {
        *out = r;
    }
    return err;
}

int inv_training_check_in(InvDb *db, const char *card, int64_t now, InvTrainingStatus *out)
{
    InvStaff s;
    InvTrainingStatus r;
    int err = day_begin(db, card, now, &s, &r);
    if (err != INV_OK)
        return err;
    if (r.checked_in) {
        char at[16];
        hhmm(r.open.in_at, at);
        err = inv__fail(db, INV_E_CHECKED_IN, "%s (card %s) is already checked in since %s", s.name,
                        s.card, at);
        goto out_rollback;
    }
    char day[16];
    day_text(today_of(now), day);
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_SHIFT_ADD);
    sqlite3_bind_int64(st, 1, s.id);
    sqlite3_bind_int64(st, 2, db->centre_id);
    inv__bind_text(st, 3, day);
    sqlite3_bind_int64(st, 4, now);
    err = inv__run(db, st, "cannot check in");
    if (err == INV_OK)
        err = fill_status(db, &s, now, &r);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && out != NULL) {
        *out = r;
    }
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_training_check_out(InvDb *db, const char *card, int64_t now, InvTrainingStatus *out)
{
    InvStaff s;
    InvTrainingStatus r;
    int err = day_begin(db, card, now, &s, &r);
    if (err != INV_OK)
        return err;
    if (!r.checked_in) {
        if (r.closed.id != 0) {
            char d[16];
            char at[16];
            day_text(r.closed.day, d);
            hhmm(r.closed.out_at, at);
            err = inv__fail(db, INV_E_NOT_CHECKED_IN,
                            "%s (card %s) is not checked in: the day of %s was closed at %s",
                            s.name, s.card, d, at);
        } else {
            err = inv__fail(db, INV_E_NOT_CHECKED_IN, "%s (card %s) is not checked in", s.name,
                            s.card);
        }
        goto out_rollback;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_CLOSE);
    sqlite3_bind_int64(st, 1, r.open.id);
    sqlite3_bind_int64(st, 2, now < r.open.in_at ? r.open.in_at : now);
    sqlite3_bind_int(st, 3, 0);
    err = inv__run(db, st, "cannot check out");
    if (err == INV_OK)
        err = sum_refresh(db, s.id, r.open.day.year);
    if (err == INV_OK)
        err = fill_status(db, &s, now, &r);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && out != NULL) {
        *out = r;
    }
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_training_day_set(InvDb *db, const char *card, InvDate day, int in_min, int out_min,
                         int64_t by_staff_id, int64_t now)
{
    char d[16];
    day_text(day, d);
    int err = inv__check_code(db, "staff card", card);
    if (err != INV_OK)
        return err;
    if (in_min < 0 || out_min > 24 * 60 || in_min >= out_min)
        return inv__fail(db, INV_E_INVALID,
                         "work day %s: in %02d:%02d must be before out %02d:%02d, within the day",
                         d, in_min / 60, in_min % 60, out_min / 60, out_min % 60);
    int64_t in_at = local_at(day, in_min);
    int64_t out_at = local_at(day, out_min);
    if (inv_date_days(day) > inv_date_days(today_of(now)))
        return inv__fail(db, INV_E_INVALID, "work day %s is in the future", d);
    if (out_at > now)
        return inv__fail(db, INV_E_INVALID, "work day %s: out %02d:%02d is later than now", d,
                         out_min / 60, out_min % 60);
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = active_leader(db, by_staff_id, "correct a work day");
    InvStaff s;
    if (err == INV_OK)
        err = inv_staff_get(db, card, &s);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_DAY_DELETE);
    sqlite3_bind_int64(st, 1, s.id);
    inv__bind_text(st, 2, d);
    err = inv__run(db, st, "cannot correct the work day");
    if (err != INV_OK)
        goto out_rollback;
    st = inv__stmt(db, SQL_TR_SHIFT_ADD);
    sqlite3_bind_int64(st, 1, s.id);
    sqlite3_bind_int64(st, 2, db->centre_id);
    inv__bind_text(st, 3, d);
    sqlite3_bind_int64(st, 4, in_at);
    sqlite3_bind_int64(st, 5, out_at);
    if (by_staff_id != 0)
        sqlite3_bind_int64(st, 6, by_staff_id);
    sqlite3_bind_int64(st, 7, now);
    err = inv__run(db, st, "cannot correct the work day");
    if (err == INV_OK)
        err = sum_refresh(db, s.id, day.year);
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_training_day_clear(InvDb *db, const char *card, InvDate day, int64_t by_staff_id)
{
    char d[16];
    day_text(day, d);
    int err = inv__check_code(db, "staff card", card);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    err = active_leader(db, by_staff_id, "clear a work day");
    InvStaff s;
    if (err == INV_OK)
        err = inv_staff_get(db, card, &s);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_DAY_DELETE);
    sqlite3_bind_int64(st, 1, s.id);
    inv__bind_text(st, 2, d);
    err = inv__run(db, st, "cannot clear the work day");
    if (err != INV_OK)
        goto out_rollback;
    if (sqlite3_changes(db->sql) == 0) {
        err =
            inv__fail(db, INV_E_NOT_FOUND, "%s (card %s) has no work day on %s", s.name, s.card, d);
        goto out_rollback;
    }
    err = sum_refresh(db, s.id, day.year);
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_training_each_day(InvDb *db, const char *card, InvDate from, InvDate to,
                          InvTrainingDayFn fn, void *ctx)
{
    int64_t staff_id = 0;
    if (card != NULL) {
        InvStaff s;
        int err = inv_staff_get(db, card, &s);
        if (err != INV_OK)
            return err;
        staff_id = s.id;
    }
    char a[16];
    char b[16];
    day_text(from, a);
    day_text(to, b);
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_DAYS);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, a);
    inv__bind_text(st, 3, b);
    sqlite3_bind_int64(st, 4, staff_id);
    int rc = SQLITE_OK;
    int ret = 0;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        InvTrainingDay d;
        memset(&d, 0, sizeof d);
        char text[16];
        d.staff_id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, d.name, sizeof d.name);
        inv__col_text(st, 2, d.card, sizeof d.card);
        inv__col_text(st, 3, text, sizeof text);
        day_parse(text, &d.day);
        d.first_in = sqlite3_column_int64(st, 4);
        d.last_out = sqlite3_column_int64(st, 5);
        d.seconds = sqlite3_column_int64(st, 6);
        d.shifts = sqlite3_column_int(st, 7);
        d.open = sqlite3_column_int(st, 8) != 0;
        d.auto_closed = sqlite3_column_int(st, 9) != 0;
        d.corrected_at = sqlite3_column_int64(st, 10);
        inv__col_text(st, 11, d.corrected_by, sizeof d.corrected_by);
        ret = fn(&d, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the work days");
    return INV_OK;
}

int inv_scheme_each(InvDb *db, InvDate today, InvSchemeFn fn, void *ctx)
{
    char t[16];
    day_text(today, t);
    sqlite3_stmt *st = inv__stmt(db, SQL_SCHEME_EACH);
    inv__bind_text(st, 1, t);
    int rc = SQLITE_OK;
    int ret = 0;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        InvScheme s;
        s.id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, s.name, sizeof s.name);
        s.current = sqlite3_column_int64(st, 2);
        s.members = sqlite3_column_int64(st, 3);
        ret = fn(&s, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the schemes");
    return INV_OK;
}

int inv_scheme_add(InvDb *db, const char *name)
{
    int err = inv__check_text(db, "scheme name", name, INV_NAME_MAX, true);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    int64_t id = 0;
    char found[INV_NAME_MAX];
    err = scheme_find(db, name, &id, found, sizeof found);
    if (err == INV_OK) {
        err = inv__fail(db, INV_E_EXISTS, "there is already a scheme '%s'", found);
        goto out_rollback;
    }
    if (err != INV_E_NOT_FOUND)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_SCHEME_ADD);
    inv__bind_text(st, 1, name);
    err = inv__run(db, st, "cannot add the scheme");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_scheme_rename(InvDb *db, const char *name, const char *new_name)
{
    int err = inv__check_text(db, "scheme name", new_name, INV_NAME_MAX, true);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    int64_t id = 0;
    int64_t other = 0;
    char found[INV_NAME_MAX];
    err = scheme_find(db, name, &id, found, sizeof found);
    if (err != INV_OK)
        goto out_rollback;
    err = scheme_find(db, new_name, &other, found, sizeof found);
    if (err == INV_OK && other != id) {
        err = inv__fail(db, INV_E_EXISTS, "there is already a scheme '%s'", found);
        goto out_rollback;
    }
    if (err != INV_OK && err != INV_E_NOT_FOUND)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_SCHEME_RENAME);
    sqlite3_bind_int64(st, 1, id);
    inv__bind_text(st, 2, new_name);
    err = inv__run(db, st, "cannot rename the scheme");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_scheme_remove(InvDb *db, const char *name)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    int64_t id = 0;
    char found[INV_NAME_MAX];
    err = scheme_find(db, name, &id, found, sizeof found);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_SCHEME_USED);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int64_t used = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the scheme's memberships");
        goto out_rollback;
    }
    if (used > 0) {
        err = inv__fail(db, INV_E_EXISTS,
                        "scheme '%s' has %lld membership(s): remove them first, or rename the"
                        " scheme",
                        found, (long long)used);
        goto out_rollback;
    }
    st = inv__stmt(db, SQL_SCHEME_REMOVE);
    sqlite3_bind_int64(st, 1, id);
    err = inv__run(db, st, "cannot remove the scheme");
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_membership_add(InvDb *db, const char *card, const char *scheme, InvDate from, InvDate to,
                       int64_t by_staff_id, int64_t now, int64_t *id_out)
{
    char a[16];
    char b[16];
    day_text(from, a);
    day_text(to, b);
    int err = inv__check_code(db, "staff card", card);
    if (err != INV_OK)
        return err;
    if (to.year != 0 && inv_date_days(to) < inv_date_days(from))
        return inv__fail(db, INV_E_INVALID, "a membership cannot end (%s) before it starts (%s)", b,
                         a);
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvStaff s;
    int64_t scheme_id = 0;
    char found[INV_NAME_MAX];
    err = inv_staff_get(db, card, &s);
    if (err == INV_OK && s.role != INV_ROLE_TRAINEE)
        err = inv__fail(db, INV_E_NOT_TRAINEE,
                        "only a trainee belongs to a scheme: %s (card %s)"
                        " is a %s",
                        s.name, s.card, inv_role_name(s.role));
    if (err == INV_OK)
        err = scheme_find(db, scheme, &scheme_id, found, sizeof found);
    if (err == INV_OK)
        err = member_overlap(db, s.id, scheme_id, from, to, 0, s.name, found);
    if (err != INV_OK)
        goto out_rollback;
    sqlite3_stmt *st = inv__stmt(db, SQL_MEMBER_ADD);
    sqlite3_bind_int64(st, 1, s.id);
    sqlite3_bind_int64(st, 2, scheme_id);
    inv__bind_text(st, 3, a);
    if (to.year != 0)
        inv__bind_text(st, 4, b);
    sqlite3_bind_int64(st, 5, now);
    if (by_staff_id != 0)
        sqlite3_bind_int64(st, 6, by_staff_id);
    err = inv__run(db, st, "cannot add the membership");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    err = sum_refresh(db, s.id, 0);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && id_out != NULL)
        *id_out = id;
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_membership_end(InvDb *db, int64_t id, InvDate to)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvMembership m;
    err = inv_membership_get(db, id, &m);
    if (err != INV_OK)
        goto out_rollback;
    char a[16];
    char b[16];
    day_text(m.from, a);
    day_text(to, b);
    if (inv_date_days(to) < inv_date_days(m.from)) {
        err = inv__fail(db, INV_E_INVALID, "membership %lld starts %s: it cannot end %s",
                        (long long)id, a, b);
        goto out_rollback;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_MEMBER_GET);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int64_t scheme_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 7) : 0;
    sqlite3_reset(st);
    err = member_overlap(db, m.staff_id, scheme_id, m.from, to, id, m.name, m.scheme);
    if (err != INV_OK)
        goto out_rollback;
    st = inv__stmt(db, SQL_MEMBER_END);
    sqlite3_bind_int64(st, 1, id);
    inv__bind_text(st, 2, b);
    err = inv__run(db, st, "cannot end the membership");
    if (err == INV_OK)
        err = sum_refresh(db, m.staff_id, 0);
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_membership_remove(InvDb *db, int64_t id)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvMembership m;
    err = inv_membership_get(db, id, &m);
    if (err == INV_OK) {
        sqlite3_stmt *st = inv__stmt(db, SQL_MEMBER_REMOVE);
        sqlite3_bind_int64(st, 1, id);
        err = inv__run(db, st, "cannot remove the membership");
    }
    if (err == INV_OK)
        err = sum_refresh(db, m.staff_id, 0);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    return inv__commit(db);
}

int inv_membership_get(InvDb *db, int64_t id, InvMembership *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_MEMBER_GET);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    InvMembership m;
    if (rc == SQLITE_ROW)
        read_member(st, &m);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no membership %lld", (long long)id);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the membership");
    *out = m;
    return INV_OK;
}

int inv_membership_each(InvDb *db, const char *card, InvMembershipFn fn, void *ctx)
{
    int64_t staff_id = 0;
    if (card != NULL) {
        InvStaff s;
        int err = inv_staff_get(db, card, &s);
        if (err != INV_OK)
            return err;
        staff_id = s.id;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_MEMBER_EACH);
    sqlite3_bind_int64(st, 1, staff_id);
    int rc = SQLITE_OK;
    int ret = 0;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        InvMembership m;
        read_member(st, &m);
        ret = fn(&m, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the memberships");
    return INV_OK;
}

int inv_training_sweep(InvDb *db, int64_t now, int months, bool dry_run, size_t *n)
{
    if (months < 1 || months > 1200)
        return inv__fail(db, INV_E_INVALID, "keep memberships 1 to 1200 months, not %d", months);
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    size_t count = 0;
    err = inv__training_sweep_in(db, now, months, dry_run, &count);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    err = inv__commit(db);
    if (err == INV_OK && n != NULL)
        *n = count;
    return err;
}

int inv__training_sweep_in(InvDb *db, int64_t now, int months, bool dry_run, size_t *n)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    InvDate t = today_of(now);
    int m = t.year * 12 + (t.month - 1) - months;
    InvDate cut = {m / 12, m % 12 + 1, t.day};
    int last = mdays[cut.month - 1];
    if (cut.month == 2 && (cut.year % 4 == 0 && (cut.year % 100 != 0 || cut.year % 400 == 0)))
        last = 29;
    if (cut.day > last)
        cut.day = last;
    char c[16];
    day_text(cut, c);
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_SWEEP_COUNT);
    inv__bind_text(st, 1, c);
    int rc = sqlite3_step(st);
    int64_t count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot count old memberships");
    if (!dry_run && count > 0) {
        st = inv__stmt(db, SQL_TR_SWEEP);
        inv__bind_text(st, 1, c);
        int err = inv__run(db, st, "cannot delete old memberships");
        if (err == INV_OK)
            err = sum_refresh(db, 0, 0);
        if (err != INV_OK)
            return err;
    }
    *n = (size_t)count;
    return INV_OK;
}

int inv_training_year(InvDb *db, int64_t centre_id, int year, InvTrainingYear *out)
{
    if (year < 1970 || year > 9998)
        return inv__fail(db, INV_E_INVALID, "year %d is outside 1970..9998", year);
    if (centre_id == 0)
        centre_id = db->centre_id;
    InvTrainingYear y;
    memset(&y, 0, sizeof y);
    y.year = year;
    y.centre_id = centre_id;
    int err = inv_training_fte_hours(db, &y.fte_hours);
    if (err != INV_OK)
        return err;
    err = inv__run(db, inv__stmt(db, SQL_BEGIN_READ), "cannot start a transaction");
    if (err != INV_OK)
        return err;

    sqlite3_stmt *st = inv__stmt(db, SQL_TR_YEAR_TOTAL);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        y.participants = sqlite3_column_int64(st, 0);
        y.days = sqlite3_column_int64(st, 1);
        y.seconds = sqlite3_column_int64(st, 2);
        y.auto_days = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the work-training figures");
        goto out_fail;
    }
    y.fte = (double)y.seconds / 3600.0 / (double)y.fte_hours;

    if (y.participants > 0) {
        y.trainees = calloc((size_t)y.participants, sizeof *y.trainees);
        if (y.trainees == NULL) {
            err = inv__fail(db, INV_E_NOMEM, "out of memory for %lld trainees",
                            (long long)y.participants);
            goto out_fail;
        }
    }
    st = inv__stmt(db, SQL_TR_YEAR_TRAINEES);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int(st, 2, year);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && y.n_trainees < (size_t)y.participants) {
        InvTraineeYear *t = &y.trainees[y.n_trainees++];
        t->staff_id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, t->name, sizeof t->name);
        inv__col_text(st, 2, t->card, sizeof t->card);
        t->days = sqlite3_column_int64(st, 3);
        t->seconds = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read the work-training figures");
        goto out_fail;
    }

    size_t cap = 0;
    st = inv__stmt(db, SQL_TR_YEAR_SCHEMES);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int(st, 2, year);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (y.n_schemes == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            InvSchemeYear *p = realloc(y.schemes, ncap * sizeof *p);
            if (p == NULL) {
                sqlite3_reset(st);
                err = inv__fail(db, INV_E_NOMEM, "out of memory for the schemes");
                goto out_fail;
            }
            y.schemes = p;
            cap = ncap;
        }
        InvSchemeYear *sc = &y.schemes[y.n_schemes++];
        inv__col_text(st, 0, sc->name, sizeof sc->name);
        sc->persons = sqlite3_column_int64(st, 1);
        sc->seconds = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read the work-training figures");
        goto out_fail;
    }
    err = inv__run(db, inv__stmt(db, SQL_COMMIT), "cannot end a transaction");
    if (err != INV_OK) {
        inv_training_year_release(&y);
        return err;
    }
    *out = y;
    return INV_OK;

out_fail:
    inv__rollback(db);
    inv_training_year_release(&y);
    return err;
}

int inv_training_work(InvDb *db, InvTrainingYear *y)
{
    int64_t t0 = inv__local_midnight(y->year, 1, 1);
    int64_t t1 = inv__local_midnight(y->year + 1, 1, 1);
    int64_t totals[7] = {0, 0, 0, 0, 0, 0, 0};
    int err = inv__run(db, inv__stmt(db, SQL_BEGIN_READ), "cannot start a transaction");
    if (err != INV_OK)
        return err;
    for (size_t i = 0; i < y->n_trainees && err == INV_OK; i++) {
        InvTraineeYear *t = &y->trainees[i];
        sqlite3_stmt *st = inv__stmt(db, SQL_TR_WORK);
        sqlite3_bind_int64(st, 1, t->staff_id);
        sqlite3_bind_int64(st, 2, y->centre_id);
        sqlite3_bind_int64(st, 3, t0);
        sqlite3_bind_int64(st, 4, t1);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            t->loans = sqlite3_column_int64(st, 0);
            t->items_lent = sqlite3_column_int64(st, 1);
            t->returns = sqlite3_column_int64(st, 2);
            t->registrations = sqlite3_column_int64(st, 3);
            t->repairs = sqlite3_column_int64(st, 4);
            t->jobs = sqlite3_column_int64(st, 5);
            t->job_minutes = sqlite3_column_int64(st, 6);
            totals[0] += t->loans;
            totals[1] += t->items_lent;
            totals[2] += t->returns;
            totals[3] += t->registrations;
            totals[4] += t->repairs;
            totals[5] += t->jobs;
            totals[6] += t->job_minutes;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            err = inv__sqlfail(db, rc, "cannot count the trainees' work");
    }
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    err = inv__run(db, inv__stmt(db, SQL_COMMIT), "cannot end a transaction");
    if (err != INV_OK)
        return err;
    y->loans = totals[0];
    y->items_lent = totals[1];
    y->returns = totals[2];
    y->registrations = totals[3];
    y->repairs = totals[4];
    y->jobs = totals[5];
    y->job_minutes = totals[6];
    return INV_OK;
}

int inv__training_check(InvDb *db)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_CHECK_SUM_TRAINING);
    int rc = sqlite3_step(st);
    int year = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    int64_t staff = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return inv__fail(db, INV_E_CORRUPT,
                         "work-training summaries of %d (staff id %lld) disagree with the shifts",
                         year, (long long)staff);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "work-training summary check");
    return INV_OK;
}

void inv_training_year_release(InvTrainingYear *y)
{
    if (y == NULL)
        return;
    free(y->trainees);
    free(y->schemes);
    y->trainees = NULL;
    y->schemes = NULL;
    y->n_trainees = 0;
    y->n_schemes = 0;
}

/* ---- helpers ------------------------------------------------------------------------------ */

/* An active staff card of a trainee, in the caller's transaction. */
static int trainee(InvDb *db, const char *card, int64_t now, InvStaff *out)
{
    InvStaff s;
    int err = inv_staff_get(db, card, &s);
    if (err == INV_OK)
        err = inv_staff_check_active(db, &s, now);
    if (err != INV_OK)
        return err;
    if (s.role != INV_ROLE_TRAINEE)
        return inv__fail(db, INV_E_NOT_TRAINEE,
                         "only a trainee checks in and out: %s (card %s) is a %s", s.name, s.card,
                         inv_role_name(s.role));
    *out = s;
    return INV_OK;
}

/* by_staff_id 0 is bua-admin (the leader's own tool); else an active leader. */
static int active_leader(InvDb *db, int64_t by_staff_id, const char *what)
{
    if (by_staff_id == 0)
        return INV_OK;
    InvStaff by;
    int err = inv__check_leader(db, by_staff_id, what, &by);
    if (err != INV_OK)
        return err;
    return inv_staff_check_active(db, &by, 0) == INV_OK
               ? INV_OK
               : inv__fail(db, INV_E_NEEDS_LEADER, "only an active leader can %s: %s", what,
                           by.card);
}

/* Closes the shifts left open on a day before today (see inventory.h), in the caller's
 * transaction; *n (if not NULL) gets how many. */
static int close_forgotten(InvDb *db, int64_t now, size_t *n)
{
    char today[16];
    day_text(today_of(now), today);
    Forgotten *list = NULL;
    size_t count = 0;
    size_t cap = 0;
    int err = INV_OK;
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_FORGOTTEN);
    inv__bind_text(st, 1, today);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            Forgotten *p = realloc(list, ncap * sizeof *p);
            if (p == NULL) {
                err = inv__fail(db, INV_E_NOMEM, "out of memory closing forgotten check-outs");
                break;
            }
            list = p;
            cap = ncap;
        }
        Forgotten *f = &list[count++];
        char text[16];
        f->id = sqlite3_column_int64(st, 0);
        f->centre_id = sqlite3_column_int64(st, 1);
        inv__col_text(st, 2, text, sizeof text);
        if (!day_parse(text, &f->day))
            f->day = today_of(sqlite3_column_int64(st, 3));
        f->in_at = sqlite3_column_int64(st, 3);
        f->staff_id = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (err == INV_OK && rc != SQLITE_DONE)
        err = inv__sqlfail(db, rc, "cannot read open shifts");
    for (size_t i = 0; i < count && err == INV_OK; i++) {
        int opens = 0;
        int closes = 0;
        err = hours_of(db, list[i].centre_id, inv_date_weekday(list[i].day), &opens, &closes, NULL);
        if (err != INV_OK)
            break;
        int64_t out_at = local_at(list[i].day, closes);
        if (out_at < list[i].in_at)
            out_at = list[i].in_at;
        st = inv__stmt(db, SQL_TR_CLOSE);
        sqlite3_bind_int64(st, 1, list[i].id);
        sqlite3_bind_int64(st, 2, out_at);
        sqlite3_bind_int(st, 3, 1);
        err = inv__run(db, st, "cannot close a forgotten check-out");
        if (err == INV_OK)
            err = sum_refresh(db, list[i].staff_id, list[i].day.year);
    }
    free(list);
    if (err == INV_OK && n != NULL)
        *n = count;
    return err;
}

static int hours_of(InvDb *db, int64_t centre_id, int weekday, int *opens, int *closes, bool *set)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_HOURS_GET);
    sqlite3_bind_int64(st, 1, centre_id);
    sqlite3_bind_int(st, 2, weekday);
    int rc = sqlite3_step(st);
    int o = INV_HOURS_DEFAULT_OPENS;
    int c = INV_HOURS_DEFAULT_CLOSES;
    if (rc == SQLITE_ROW) {
        o = sqlite3_column_int(st, 0);
        c = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the opening hours");
    *opens = o;
    *closes = c;
    if (set != NULL)
        *set = rc == SQLITE_ROW;
    return INV_OK;
}

static int fill_status(InvDb *db, const InvStaff *s, int64_t now, InvTrainingStatus *out)
{
    InvTrainingStatus r;
    memset(&r, 0, sizeof r);
    r.staff = *s;
    sqlite3_stmt *st = inv__stmt(db, SQL_TR_OPEN_GET);
    sqlite3_bind_int64(st, 1, s->id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char text[16];
        r.checked_in = true;
        r.open.id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, text, sizeof text);
        r.open.in_at = sqlite3_column_int64(st, 2);
        if (!day_parse(text, &r.open.day))
            r.open.day = today_of(r.open.in_at);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the open shift");
    char today[16];
    day_text(today_of(now), today);
    st = inv__stmt(db, SQL_TR_DAY_SECONDS);
    sqlite3_bind_int64(st, 1, s->id);
    inv__bind_text(st, 2, today);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        r.today_seconds = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read today's hours");
    st = inv__stmt(db, SQL_TR_LAST_CLOSED);
    sqlite3_bind_int64(st, 1, s->id);
    inv__bind_text(st, 2, today);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int(st, 4) != 0) {
        char text[16];
        r.closed.id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, text, sizeof text);
        r.closed.in_at = sqlite3_column_int64(st, 2);
        r.closed.out_at = sqlite3_column_int64(st, 3);
        r.closed.auto_closed = true;
        if (!day_parse(text, &r.closed.day))
            r.closed.day = today_of(r.closed.in_at);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the last shift");
    *out = r;
    return INV_OK;
}

/* the UTC time of `minutes` after local midnight starting d (1440: the next midnight) */
static int64_t local_at(InvDate d, int minutes)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_hour = minutes / 60;
    tm.tm_min = minutes % 60;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static InvDate today_of(int64_t t)
{
    InvLocal l = inv__local(t);
    return (InvDate){l.year, l.month, l.day};
}

static void day_text(InvDate d, char buf[16])
{
    inv_date_format(d, buf, 16);
}

static bool day_parse(const char *text, InvDate *out)
{
    return inv_date_parse(text, out);
}

static int scheme_find(InvDb *db, const char *name, int64_t *id, char *found, size_t size)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_SCHEME_FIND);
    inv__bind_text(st, 1, name);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        inv__col_text(st, 1, found, size);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return inv__fail(db, INV_E_NOT_FOUND, "no scheme '%s' (bua-admin training scheme list)",
                         name);
    if (rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the schemes");
    return INV_OK;
}

/* INV_E_EXISTS if staff_id's membership of scheme_id from..to (to.year 0: open) would overlap
 * another than `self`. */
static int member_overlap(InvDb *db, int64_t staff_id, int64_t scheme_id, InvDate from, InvDate to,
                          int64_t self, const char *who, const char *scheme)
{
    char a[16];
    char b[16];
    day_text(from, a);
    if (to.year != 0)
        day_text(to, b);
    else
        inv__copy(b, sizeof b, "9999-12-31");
    sqlite3_stmt *st = inv__stmt(db, SQL_MEMBER_OVERLAP);
    sqlite3_bind_int64(st, 1, staff_id);
    sqlite3_bind_int64(st, 2, scheme_id);
    inv__bind_text(st, 3, a);
    inv__bind_text(st, 4, b);
    sqlite3_bind_int64(st, 5, self);
    int rc = sqlite3_step(st);
    char of[16] = "";
    char until[16] = "";
    if (rc == SQLITE_ROW) {
        inv__col_text(st, 0, of, sizeof of);
        inv__col_text(st, 1, until, sizeof until);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return inv__fail(db, INV_E_EXISTS,
                         "%s is already in %s from %s%s%s: the periods would overlap", who, scheme,
                         of, until[0] ? " to " : " (still running)", until);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the memberships");
    return INV_OK;
}

static void read_member(sqlite3_stmt *st, InvMembership *m)
{
    char text[16];
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    m->staff_id = sqlite3_column_int64(st, 1);
    inv__col_text(st, 2, m->name, sizeof m->name);
    inv__col_text(st, 3, m->card, sizeof m->card);
    inv__col_text(st, 4, m->scheme, sizeof m->scheme);
    inv__col_text(st, 5, text, sizeof text);
    day_parse(text, &m->from);
    inv__col_text(st, 6, text, sizeof text);
    if (!day_parse(text, &m->to))
        m->to = (InvDate){0, 0, 0};
}

static void hhmm(int64_t t, char buf[16])
{
    char full[32];
    inv_time_format(t, false, full, sizeof full);
    inv__copy(buf, 16, full + 11); /* "YYYY-MM-DD HH:MM" */
}

/* Makes sum_training again for one trainee (0: all) and one local year (0: all), in the
 * caller's transaction: every write of closed shifts or memberships calls it for what it
 * touched, so the year figures read a few summary rows instead of the shifts. */
static int sum_refresh(InvDb *db, int64_t staff_id, int year)
{
    char a[16];
    char b[16];
    if (year != 0) {
        day_text((InvDate){year, 1, 1}, a);
        day_text((InvDate){year, 12, 31}, b);
    } else {
        inv__copy(a, sizeof a, "0000-01-01");
        inv__copy(b, sizeof b, "9999-12-31");
    }
    static const int stmts[3] = {SQL_SUMTR_DELETE, SQL_SUMTR_ALL, SQL_SUMTR_SCHEMES};
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st = inv__stmt(db, stmts[i]);
        sqlite3_bind_int64(st, 1, staff_id != 0 ? staff_id : INT64_MIN);
        sqlite3_bind_int64(st, 2, staff_id != 0 ? staff_id : INT64_MAX);
        inv__bind_text(st, 3, a);
        inv__bind_text(st, 4, b);
        int err = inv__run(db, st, "cannot sum the work days");
        if (err != INV_OK)
            return err;
    }
    return INV_OK;
}
