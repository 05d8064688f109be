/* The centre's calendar: weekly closed days, dated closures and the Norwegian public holidays,
 * and due days moved forward to the next open day.
 *
 * The rules live in the tables calendar and closure (INV_SCHEMA_V3_CALENDAR). They are read into
 * the handle (InvCal) once and again only when PRAGMA data_version says another
 * connection committed, or when this handle changed them: a checkout asks inv__cal_ready() once
 * in its transaction and then works out due days in memory (inv__due_at). */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A dated closure in memory: local day numbers (inv_date_days), first..last inclusive. */
typedef struct Span {
    int64_t first;
    int64_t last;
    char *note; /* owned */
} Span;

struct InvCal {
    bool loaded;
    int64_t version; /* PRAGMA data_version when read */
    InvCalendarRules rules;
    Span *spans; /* by first day; they never overlap */
    size_t n_spans;
};

typedef struct HolidayRule {
    int month; /* 0: easter_offset days from Easter Sunday */
    int day;
    int easter_offset;
    const char *nb;
    const char *en;
} HolidayRule;

/* indexed by InvHoliday */
static const HolidayRule holidays[] = {{0, 0, 0, "", ""},
#define HOLIDAY_ROW(name, month, day, offset, nb, en) {month, day, offset, nb, en},
                                       INV_HOLIDAY_MAP(HOLIDAY_ROW)
#undef HOLIDAY_ROW
};
#define N_HOLIDAYS (sizeof(holidays) / sizeof(holidays[0]))

static int data_version(InvDb *db, int64_t *out);
static int load(InvDb *db, InvCal *out);
static void spans_free(Span *spans, size_t n);
static InvDayKind day_kind(const InvCal *c, int64_t day, const Span **span);
static int64_t next_open(const InvCal *c, int64_t day);
static int calendar_write(InvDb *db, int stmt_id, int value, const char *what);
static void span_text(InvDate first, InvDate last, const char *note, char *buf, size_t size);
static int closure_overlap(InvDb *db, const char *a, const char *b, InvDate first, InvDate last,
                           char of[16], char *other, size_t other_size);

InvDate inv_easter_sunday(int year)
{
    /* the anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8) */
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return (InvDate){year, month, day};
}

InvHoliday inv_public_holiday(InvDate d)
{
    int64_t easter = -1;
    int64_t n = inv_date_days(d);
    for (size_t h = 1; h < N_HOLIDAYS; h++) {
        const HolidayRule *r = &holidays[h];
        if (r->month != 0) {
            if (r->month == d.month && r->day == d.day)
                return (InvHoliday)h;
            continue;
        }
        if (d.month < 3 || d.month > 6) /* Easter-based days fall from March to June */
            continue;
        if (easter < 0)
            easter = inv_date_days(inv_easter_sunday(d.year));
        if (n == easter + r->easter_offset)
            return (InvHoliday)h;
    }
    return INV_HOLIDAY_NONE;
}

const char *inv_holiday_name(InvHoliday h, bool norwegian)
{
    if ((size_t)h >= N_HOLIDAYS)
        return "";
    return norwegian ? holidays[h].nb : holidays[h].en;
}

int inv_calendar_rules(InvDb *db, InvCalendarRules *out)
{
    int err = inv__cal_ready(db);
    if (err != INV_OK)
        return err;
    *out = db->cal->rules;
    return INV_OK;
}

int inv_calendar_set_weekly(InvDb *db, unsigned closed_weekdays)
{
    if (closed_weekdays > INV_WEEKDAYS_ALL)
        return inv__fail(db, INV_E_INVALID, "closed weekdays: %#x is not a set of weekdays",
                         closed_weekdays);
    if (closed_weekdays == INV_WEEKDAYS_ALL)
        return inv__fail(db, INV_E_INVALID,
                         "a centre closed every day of the week would have no due days: keep at"
                         " least one weekday open");
    return calendar_write(db, SQL_CAL_SET_WEEKLY, (int)closed_weekdays,
                          "cannot save the closed weekdays");
}

int inv_calendar_set_holidays(InvDb *db, bool holidays_open)
{
    return calendar_write(db, SQL_CAL_SET_HOLIDAYS, holidays_open ? 0 : 1,
                          "cannot save the public holiday rule");
}

int inv_closure_add(InvDb *db, InvDate first, InvDate last, const char *note)
{
    char a[16];
    char b[16];
    inv_date_format(first, a, sizeof(a));
    inv_date_format(last, b, sizeof(b));
    if (inv_date_days(last) < inv_date_days(first))
        return inv__fail(db, INV_E_INVALID, "a closure cannot end (%s) before it starts (%s)", b,
                         a);
    int err = inv__check_text(db, "closure note", note, INV_TEXT_MAX, false);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    char of[16];
    char other[INV_TEXT_MAX + 64];
    int rc = closure_overlap(db, a, b, first, last, of, other, sizeof(other));
    if (rc == SQLITE_ROW) {
        char mine[INV_TEXT_MAX + 64];
        span_text(first, last, "", mine, sizeof(mine));
        err = inv__fail(db, INV_E_EXISTS, "closure %s overlaps the closure %s: remove that first",
                        mine, other);
        goto out_rollback;
    }
    if (rc != SQLITE_DONE) {
        err = inv__sqlfail(db, rc, "cannot read the closures");
        goto out_rollback;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_CLOSURE_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, a);
    inv__bind_text(st, 3, b);
    inv__bind_text(st, 4, note);
    err = inv__run(db, st, "cannot add the closure");
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    inv__cal_forget(db);
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_closure_remove(InvDb *db, InvDate first)
{
    char a[16];
    inv_date_format(first, a, sizeof(a));
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_CLOSURE_REMOVE);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, a);
    err = inv__run(db, st, "cannot remove the closure");
    if (err != INV_OK)
        goto out_rollback;
    if (sqlite3_changes(db->sql) == 0) {
        /* a day inside a closure: name the closure and the day that removes it */
        char of[16];
        char other[INV_TEXT_MAX + 64];
        int rc = closure_overlap(db, a, a, first, first, of, other, sizeof(other));
        if (rc == SQLITE_ROW) {
            err = inv__fail(db, INV_E_NOT_FOUND,
                            "no closure starts on %s: it is inside the closure %s (remove that"
                            " one by its first day, %s)",
                            a, other, of);
        } else {
            err = rc == SQLITE_DONE ? inv__fail(db, INV_E_NOT_FOUND, "no closure starts on %s", a)
                                    : inv__sqlfail(db, rc, "cannot read the closures");
        }
        goto out_rollback;
    }
    err = inv__commit(db);
    inv__cal_forget(db);
    return err;

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_calendar_day(InvDb *db, InvDate d, InvDay *out)
{
    int err = inv__cal_ready(db);
    if (err != INV_OK)
        return err;
    const Span *span = NULL;
    out->date = d;
    out->kind = day_kind(db->cal, inv_date_days(d), &span);
    out->holiday = inv_public_holiday(d);
    out->note = span != NULL ? span->note : "";
    return INV_OK;
}

int inv_calendar_each_closed(InvDb *db, InvDate from, InvDate to, InvDayFn fn, void *ctx,
                             int64_t *open_days)
{
    int64_t a = inv_date_days(from);
    int64_t b = inv_date_days(to);
    if (b < a) {
        char fa[16];
        char fb[16];
        inv_date_format(from, fa, sizeof(fa));
        inv_date_format(to, fb, sizeof(fb));
        return inv__fail(db, INV_E_INVALID, "the range ends (%s) before it starts (%s)", fb, fa);
    }
    int err = inv__cal_ready(db);
    if (err != INV_OK)
        return err;
    int64_t open = 0;
    for (int64_t n = a; n <= b; n++) {
        const Span *span = NULL;
        InvDayKind kind = day_kind(db->cal, n, &span);
        if (kind == INV_DAY_OPEN) {
            open++;
            continue;
        }
        if (fn == NULL)
            continue;
        InvDay day;
        day.date = inv_date_from_days(n);
        day.kind = kind;
        day.holiday = inv_public_holiday(day.date);
        day.note = span != NULL ? span->note : "";
        int rc = fn(&day, ctx);
        if (rc != 0)
            return rc;
    }
    if (open_days != NULL)
        *open_days = open;
    return INV_OK;
}

int inv_calendar_due_day(InvDb *db, int64_t from, int days, InvDate *out)
{
    int err = inv__cal_ready(db);
    if (err != INV_OK)
        return err;
    InvLocal l = inv__local(from);
    int64_t n = inv_date_days((InvDate){l.year, l.month, l.day}) + days;
    *out = inv_date_from_days(next_open(db->cal, n));
    return INV_OK;
}

/* ---- internal (inv_int.h) ------------------------------------------------------------------ */

int64_t inv__due_at(InvDb *db, int64_t from, int days)
{
    InvLocal l = inv__local(from);
    int64_t n = inv_date_days((InvDate){l.year, l.month, l.day}) + days;
    if (inv__cal_ready(db) == INV_OK || (db->cal != NULL && db->cal->loaded))
        n = next_open(db->cal, n);
    InvDate d = inv_date_from_days(n);
    /* end of the due day = start of the next day, less one second (DST-safe) */
    return inv__local_midnight(d.year, d.month, d.day + 1) - 1;
}

int inv__cal_ready(InvDb *db)
{
    bool in_txn = !sqlite3_get_autocommit(db->sql);
    if (db->cal != NULL && db->cal->loaded && in_txn && db->cal_checked)
        return INV_OK;
    if (db->cal == NULL) {
        db->cal = calloc(1, sizeof(*db->cal));
        if (db->cal == NULL)
            return inv__fail(db, INV_E_NOMEM, "out of memory");
    }
    int64_t version = 0;
    int err = data_version(db, &version);
    if (err != INV_OK)
        return err;
    if (!db->cal->loaded || version != db->cal->version) {
        InvCal fresh = {0};
        err = load(db, &fresh);
        if (err != INV_OK)
            return err;
        spans_free(db->cal->spans, db->cal->n_spans);
        *db->cal = fresh;
        db->cal->version = version;
        db->cal->loaded = true;
    }
    db->cal_checked = in_txn;
    return INV_OK;
}

void inv__cal_free(InvDb *db)
{
    if (db->cal == NULL)
        return;
    spans_free(db->cal->spans, db->cal->n_spans);
    free(db->cal);
    db->cal = NULL;
}

void inv__cal_forget(InvDb *db)
{
    if (db->cal != NULL)
        db->cal->loaded = false;
    db->cal_checked = false;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* PRAGMA data_version: it changes when another connection commits. */
static int data_version(InvDb *db, int64_t *out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_DATA_VERSION);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? INV_OK : inv__sqlfail(db, rc, "cannot read the data version");
}

/* Reads the centre's rules and closures into *out (left empty on failure). */
static int load(InvDb *db, InvCal *out)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = inv__stmt(db, SQL_CAL_GET);
    sqlite3_bind_int64(st, 1, db->centre_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->rules.closed_weekdays = (unsigned)sqlite3_column_int(st, 0) & INV_WEEKDAYS_ALL;
        out->rules.holidays_open = sqlite3_column_int(st, 1) == 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read the calendar");

    int err = INV_OK;
    size_t cap = 0;
    st = inv__stmt(db, SQL_CLOSURE_EACH);
    sqlite3_bind_int64(st, 1, db->centre_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char a[16];
        char b[16];
        InvDate f;
        InvDate l;
        inv__col_text(st, 0, a, sizeof(a));
        inv__col_text(st, 1, b, sizeof(b));
        if (!inv_date_parse(a, &f) || !inv_date_parse(b, &l)) {
            err = inv__fail(db, INV_E_CORRUPT, "closure %s to %s: not a date", a, b);
            break;
        }
        if (out->n_spans == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            Span *p = realloc(out->spans, ncap * sizeof(*p));
            if (p == NULL) {
                err = inv__fail(db, INV_E_NOMEM, "out of memory");
                break;
            }
            out->spans = p;
            cap = ncap;
        }
        const unsigned char *note = sqlite3_column_text(st, 2);
        size_t len = note != NULL ? strlen((const char *)note) : 0;
        char *copy = malloc(len + 1);
        if (copy == NULL) {
            err = inv__fail(db, INV_E_NOMEM, "out of memory");
            break;
        }
        memcpy(copy, note != NULL ? (const char *)note : "", len + 1);
        out->spans[out->n_spans++] = (Span){inv_date_days(f), inv_date_days(l), copy};
    }
    sqlite3_reset(st);
    if (err == INV_OK && rc != SQLITE_DONE)
        err = inv__sqlfail(db, rc, "cannot read the closures");
    if (err != INV_OK) {
        spans_free(out->spans, out->n_spans);
        memset(out, 0, sizeof(*out));
    }
    return err;
}

static void spans_free(Span *spans, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(spans[i].note);
    free(spans);
}

/* Why `day` is closed (INV_DAY_OPEN if it is not); *span gets its closure, if that is why. */
static InvDayKind day_kind(const InvCal *c, int64_t day, const Span **span)
{
    *span = NULL;
    /* the last closure starting on or before the day */
    size_t lo = 0;
    size_t hi = c->n_spans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->spans[mid].first <= day)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && c->spans[lo - 1].last >= day) {
        *span = &c->spans[lo - 1];
        return INV_DAY_CLOSURE;
    }
    InvDate d = inv_date_from_days(day);
    if (!c->rules.holidays_open && inv_public_holiday(d) != INV_HOLIDAY_NONE)
        return INV_DAY_HOLIDAY;
    if (c->rules.closed_weekdays & (1u << inv_date_weekday(d)))
        return INV_DAY_WEEKLY;
    return INV_DAY_OPEN;
}

/* The first open day from `day` on, looking INV_CALENDAR_SEARCH_DAYS ahead; else `day`. */
static int64_t next_open(const InvCal *c, int64_t day)
{
    const Span *span = NULL;
    for (int64_t n = day; n <= day + INV_CALENDAR_SEARCH_DAYS; n++)
        if (day_kind(c, n, &span) == INV_DAY_OPEN)
            return n;
    return day;
}

/* One value of the calendar row, in a transaction; the handle reads the calendar again. */
static int calendar_write(InvDb *db, int stmt_id, int value, const char *what)
{
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, stmt_id);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int(st, 2, value);
    err = inv__run(db, st, what);
    if (err != INV_OK) {
        inv__rollback(db);
        return err;
    }
    err = inv__commit(db);
    inv__cal_forget(db);
    return err;
}

/* "2026-07-01 to 2026-07-31 (summer break)", or one date; the note only if there is one. */
static void span_text(InvDate first, InvDate last, const char *note, char *buf, size_t size)
{
    char a[16];
    char b[16];
    inv_date_format(first, a, sizeof(a));
    inv_date_format(last, b, sizeof(b));
    bool one = inv_date_days(first) == inv_date_days(last);
    if (note[0] != '\0')
        snprintf(buf, size, "%s%s%s (%s)", a, one ? "" : " to ", one ? "" : b, note);
    else
        snprintf(buf, size, "%s%s%s", a, one ? "" : " to ", one ? "" : b);
}

/* A closure of this centre overlapping the days a to b (YYYY-MM-DD): SQLITE_ROW with its first
 * day into of[16] and its days and note as text (span_text) into other[other_size], SQLITE_DONE
 * when there is none, else the SQLite failure. first and last stand in for days that do not
 * read back. */
static int closure_overlap(InvDb *db, const char *a, const char *b, InvDate first, InvDate last,
                           char of[16], char *other, size_t other_size)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_CLOSURE_OVERLAP);
    sqlite3_bind_int64(st, 1, db->centre_id);
    inv__bind_text(st, 2, a);
    inv__bind_text(st, 3, b);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char ol[16];
        char on[INV_TEXT_MAX];
        inv__col_text(st, 0, of, 16);
        inv__col_text(st, 1, ol, sizeof(ol));
        inv__col_text(st, 2, on, sizeof(on));
        sqlite3_reset(st);
        inv_date_parse(of, &first);
        inv_date_parse(ol, &last);
        span_text(first, last, on, other, other_size);
    } else {
        sqlite3_reset(st);
    }
    return rc;
}
