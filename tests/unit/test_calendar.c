/* Unit tests of the centre's calendar on real SQLite files: Easter and the Norwegian public
 * holidays, dates, weekly closed days, dated closures, due days moved to the next open day (at
 * checkout, in inv_lend_check and in an import), the cap on the search, a calendar changed by
 * another connection, and open days in the year report. */
#include "check.h"
#include "inventory.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static InvDb *open_path(const char *path, bool create)
{
    InvOpenOptions o = {.path = path, .create = create, .timezone = "Europe/Oslo"};
    return stf_open(&o);
}

static InvDb *open_new(const char *name, char *path, size_t size)
{
    stf_path(path, size, name);
    unlink(path);
    return open_path(path, true);
}

static InvDate date(const char *text)
{
    InvDate d;
    CHECK(inv_date_parse(text, &d));
    return d;
}

/* An item "Ting CODE" of category cat, added at "2026-01-02T09:00". */
static void add_item(InvDb *db, const char *code, const char *cat)
{
    stf_add_item(db, code, cat, stf_at("2026-01-02T09:00"));
}

static int64_t add_borrower(InvDb *db, const char *card)
{
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "%s", card);
    snprintf(b.name, sizeof(b.name), "Kari %s", card);
    int64_t id = 0;
    CHECK_EQ(inv_borrower_add(db, &b, stf_at("2026-01-02T09:00"), &id), INV_OK);
    return id;
}

/* The due time inv_lend_check gives an item lent at `now`, as local "YYYY-MM-DD HH:MM". */
static void due_text(InvDb *db, int64_t borrower, const char *code, const char *now, char *buf,
                     size_t size)
{
    int64_t due = 0;
    CHECK_EQ(inv_lend_check(db, borrower, code, stf_at(now), NULL, &due), INV_OK);
    inv_time_format(due, false, buf, size);
}

static void expect_due(InvDb *db, int64_t borrower, const char *code, const char *now,
                       const char *want)
{
    char got[32];
    due_text(db, borrower, code, now, got, sizeof(got));
    if (strcmp(got, want) != 0)
        fprintf(stderr, "lent %s at %s: due %s, want %s\n", code, now, got, want);
    CHECK_STREQ(got, want);
}

static void test_easter(void)
{
    static const struct {
        int year;
        const char *sunday;
    } cases[] = {
        {1970, "1970-03-29"}, {1981, "1981-04-19"}, {2000, "2000-04-23"}, {2008, "2008-03-23"},
        {2011, "2011-04-24"}, {2019, "2019-04-21"}, {2024, "2024-03-31"}, {2025, "2025-04-20"},
        {2026, "2026-04-05"}, {2027, "2027-03-28"}, {2038, "2038-04-25"}, {2100, "2100-03-28"},
        {2285, "2285-03-22"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char got[16];
        inv_date_format(inv_easter_sunday(cases[i].year), got, sizeof(got));
        CHECK_STREQ(got, cases[i].sunday);
        CHECK_EQ(inv_date_weekday(inv_easter_sunday(cases[i].year)), 6); /* a Sunday */
    }
}

static void test_holidays(void)
{
    static const struct {
        const char *day;
        InvHoliday h;
    } y2026[] = {
        {"2026-01-01", INV_HOLIDAY_NEW_YEAR},      {"2026-04-02", INV_HOLIDAY_MAUNDY_THURSDAY},
        {"2026-04-03", INV_HOLIDAY_GOOD_FRIDAY},   {"2026-04-05", INV_HOLIDAY_EASTER_SUNDAY},
        {"2026-04-06", INV_HOLIDAY_EASTER_MONDAY}, {"2026-05-01", INV_HOLIDAY_MAY_DAY},
        {"2026-05-14", INV_HOLIDAY_ASCENSION_DAY}, {"2026-05-17", INV_HOLIDAY_CONSTITUTION_DAY},
        {"2026-05-24", INV_HOLIDAY_WHIT_SUNDAY},   {"2026-05-25", INV_HOLIDAY_WHIT_MONDAY},
        {"2026-12-25", INV_HOLIDAY_CHRISTMAS_DAY}, {"2026-12-26", INV_HOLIDAY_BOXING_DAY},
    };
    for (size_t i = 0; i < sizeof(y2026) / sizeof(y2026[0]); i++)
        CHECK_EQ(inv_public_holiday(date(y2026[i].day)), y2026[i].h);
    /* exactly these twelve in the year */
    int n = 0;
    for (int64_t d = inv_date_days(date("2026-01-01")); d <= inv_date_days(date("2026-12-31")); d++)
        n += inv_public_holiday(inv_date_from_days(d)) != INV_HOLIDAY_NONE;
    CHECK_EQ(n, 12);
    CHECK_EQ(inv_public_holiday(date("2026-04-04")), INV_HOLIDAY_NONE); /* Easter Saturday */
    CHECK_EQ(inv_public_holiday(date("2026-12-24")), INV_HOLIDAY_NONE); /* Christmas Eve */
    /* Easter-based days of other years: 2024 (Easter 31 March), 2038 (25 April) */
    CHECK_EQ(inv_public_holiday(date("2024-03-28")), INV_HOLIDAY_MAUNDY_THURSDAY);
    CHECK_EQ(inv_public_holiday(date("2024-04-01")), INV_HOLIDAY_EASTER_MONDAY);
    CHECK_EQ(inv_public_holiday(date("2038-06-03")), INV_HOLIDAY_ASCENSION_DAY);
    CHECK_EQ(inv_public_holiday(date("2038-06-14")), INV_HOLIDAY_WHIT_MONDAY);
    CHECK_STREQ(inv_holiday_name(INV_HOLIDAY_EASTER_MONDAY, true), "2. påskedag");
    CHECK_STREQ(inv_holiday_name(INV_HOLIDAY_EASTER_MONDAY, false), "Easter Monday");
    CHECK_STREQ(inv_holiday_name(INV_HOLIDAY_NONE, true), "");
}

static void test_dates(void)
{
    static const struct {
        const char *text;
        const char *iso; /* NULL: refused */
    } cases[] = {
        {"2026-03-10", "2026-03-10"},
        {"10.03.2026", "2026-03-10"},
        {"1.3.2026", "2026-03-01"},
        {"29.02.2024", "2024-02-29"},
        {"2024-02-29", "2024-02-29"},
        {"9999-12-31", "9999-12-31"},
        {"1970-01-01", "1970-01-01"},
        {"2025-02-29", NULL},
        {"29.02.2025", NULL},
        {"2026-02-30", NULL},
        {"2026-13-01", NULL},
        {"2026-00-10", NULL},
        {"1969-12-31", NULL},
        {"2026-1-01", NULL},
        {"2026-01-01T10:00", NULL},
        {"00.01.2026", NULL},
        {"1.1.26", NULL},
        {"1.1.20266", NULL},
        {"32.01.2026", NULL},
        {"", NULL},
        {"1..2026", NULL},
        {"+1.01.2026", NULL},
        {"1.01.2026 ", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        InvDate d = {0, 0, 0};
        bool ok = inv_date_parse(cases[i].text, &d);
        if (ok != (cases[i].iso != NULL))
            fprintf(stderr, "date '%s'\n", cases[i].text);
        CHECK_EQ(ok, cases[i].iso != NULL);
        if (ok) {
            char got[16];
            inv_date_format(d, got, sizeof(got));
            CHECK_STREQ(got, cases[i].iso);
        }
    }
    CHECK_EQ(inv_date_weekday(date("1970-01-01")), 3);
    CHECK_EQ(inv_date_weekday(date("2026-03-10")), 1);
    CHECK_EQ(inv_date_weekday(date("2000-02-29")), 1);
    CHECK_EQ(inv_date_days(date("1970-01-02")), 1);
    /* day numbers and dates agree for every day of four centuries */
    int64_t prev = inv_date_days(date("1999-12-31"));
    for (int64_t n = prev + 1; n < prev + 146097; n++) {
        InvDate d = inv_date_from_days(n);
        CHECK_EQ(inv_date_days(d), n);
        CHECK(d.day >= 1 && d.day <= 31 && d.month >= 1 && d.month <= 12);
    }
}

static void test_due_days(void)
{
    char path[512];
    InvDb *db = open_new("due.db", path, sizeof(path));
    add_item(db, "A-1", "Ski");
    int64_t kari = add_borrower(db, "B-1");

    /* no rules: only the public holidays (closed by default) move a due day */
    expect_due(db, kari, "A-1", "2026-03-10T12:00", "2026-03-17 23:59");
    expect_due(db, kari, "A-1", "2026-03-30T12:00", "2026-04-07 23:59"); /* Easter Monday */
    expect_due(db, kari, "A-1", "2026-03-26T12:00", "2026-04-04 23:59"); /* Maundy Thu, Good Fri */
    expect_due(db, kari, "A-1", "2026-12-18T12:00", "2026-12-27 23:59"); /* past 25 and 26 Dec */

    /* weekly: Tuesdays closed */
    CHECK_EQ(inv_calendar_set_weekly(db, 1u << 1), INV_OK);
    expect_due(db, kari, "A-1", "2026-03-10T12:00", "2026-03-18 23:59");
    /* Easter Monday, then a closed Tuesday */
    expect_due(db, kari, "A-1", "2026-03-30T12:00", "2026-04-08 23:59");
    /* holidays open: Easter Monday is a due day again */
    CHECK_EQ(inv_calendar_set_holidays(db, true), INV_OK);
    expect_due(db, kari, "A-1", "2026-03-30T12:00", "2026-04-06 23:59");
    InvCalendarRules r;
    CHECK_EQ(inv_calendar_rules(db, &r), INV_OK);
    CHECK_EQ(r.closed_weekdays, 1u << 1);
    CHECK(r.holidays_open);
    CHECK_EQ(inv_calendar_set_holidays(db, false), INV_OK);

    /* a closed Sunday on the day the clocks go forward: the end of Monday, in summer time */
    CHECK_EQ(inv_calendar_set_weekly(db, 1u << 6), INV_OK);
    expect_due(db, kari, "A-1", "2026-03-22T12:00", "2026-03-30 23:59");

    /* every day closed is refused; six closed days leave the seventh */
    CHECK_EQ(inv_calendar_set_weekly(db, INV_WEEKDAYS_ALL), INV_E_INVALID);
    CHECK(strstr(inv_errmsg(db), "every day of the week") != NULL);
    CHECK_EQ(inv_calendar_set_weekly(db, 0x80), INV_E_INVALID);
    CHECK_EQ(inv_calendar_set_weekly(db, 0x3f), INV_OK); /* open on Sundays only */
    expect_due(db, kari, "A-1", "2026-03-10T12:00", "2026-03-22 23:59");
    CHECK_EQ(inv_calendar_set_weekly(db, 0), INV_OK);

    /* a dated closure, and the day after it */
    CHECK_EQ(inv_closure_add(db, date("2026-07-01"), date("2026-07-31"), "sommerferie"), INV_OK);
    expect_due(db, kari, "A-1", "2026-06-25T12:00", "2026-08-01 23:59");
    InvDay day;
    CHECK_EQ(inv_calendar_day(db, date("2026-07-10"), &day), INV_OK);
    CHECK_EQ(day.kind, INV_DAY_CLOSURE);
    CHECK_STREQ(day.note, "sommerferie");
    CHECK_EQ(inv_calendar_day(db, date("2026-04-06"), &day), INV_OK);
    CHECK_EQ(day.kind, INV_DAY_HOLIDAY);
    CHECK_EQ(day.holiday, INV_HOLIDAY_EASTER_MONDAY);
    CHECK_EQ(inv_calendar_day(db, date("2026-08-01"), &day), INV_OK);
    CHECK_EQ(day.kind, INV_DAY_OPEN);

    /* closures: overlaps, reversed ranges, removal by the first day only */
    CHECK_EQ(inv_closure_add(db, date("2026-07-31"), date("2026-08-02"), NULL), INV_E_EXISTS);
    CHECK(strstr(inv_errmsg(db), "2026-07-01 to 2026-07-31 (sommerferie)") != NULL);
    CHECK_EQ(inv_closure_add(db, date("2026-06-01"), date("2026-08-31"), NULL), INV_E_EXISTS);
    CHECK_EQ(inv_closure_add(db, date("2026-09-02"), date("2026-09-01"), NULL), INV_E_INVALID);
    CHECK(strstr(inv_errmsg(db), "2026-09-01") != NULL);
    CHECK_EQ(inv_closure_add(db, date("2026-06-30"), date("2026-06-30"), "dugnad"), INV_OK);
    CHECK_EQ(inv_closure_remove(db, date("2026-07-10")), INV_E_NOT_FOUND);
    CHECK(strstr(inv_errmsg(db), "inside the closure 2026-07-01 to 2026-07-31") != NULL);
    CHECK_EQ(inv_closure_remove(db, date("2026-10-10")), INV_E_NOT_FOUND);
    CHECK(strstr(inv_errmsg(db), "no closure starts on 2026-10-10") != NULL);
    CHECK_EQ(inv_closure_remove(db, date("2026-07-01")), INV_OK);
    expect_due(db, kari, "A-1", "2026-06-25T12:00", "2026-07-02 23:59");
    CHECK_EQ(inv_closure_remove(db, date("2026-07-01")), INV_E_NOT_FOUND);

    /* nothing open within a year of the due day: the plain due day stays (no endless search) */
    CHECK_EQ(inv_closure_add(db, date("2027-01-01"), date("2028-12-31"), "ombygging"), INV_OK);
    expect_due(db, kari, "A-1", "2026-12-30T12:00", "2027-01-06 23:59");
    InvDate due;
    CHECK_EQ(inv_calendar_due_day(db, stf_at("2026-12-30T12:00"), 7, &due), INV_OK);
    CHECK_EQ(inv_date_days(due), inv_date_days(date("2027-01-06")));

    /* the checkout stores what inv_lend_check said */
    const char *codes[] = {"A-1"};
    InvCheckout co = {
        .borrower_id = kari, .barcodes = codes, .n_barcodes = 1, .now = stf_at("2026-03-30T12:00")};
    CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
    InvLoanLine line;
    CHECK_EQ(inv_item_loan(db, "A-1", stf_at("2026-03-30T12:00"), &line), INV_OK);
    char got[32];
    inv_time_format(line.due_at, false, got, sizeof(got));
    CHECK_STREQ(got, "2026-04-07 23:59");
    inv_close(db);
}

/* Another connection (bua-admin beside a running kiosk) changes the calendar: the next due day
 * follows it. */
static void test_other_connection(void)
{
    char path[512];
    InvDb *kiosk = open_new("two.db", path, sizeof(path));
    add_item(kiosk, "A-1", "Ski");
    add_item(kiosk, "A-2", "Ski");
    int64_t kari = add_borrower(kiosk, "B-1");
    expect_due(kiosk, kari, "A-1", "2026-03-10T12:00", "2026-03-17 23:59");

    InvDb *admin = open_path(path, false);
    CHECK_EQ(inv_calendar_set_weekly(admin, 1u << 1), INV_OK);
    expect_due(kiosk, kari, "A-1", "2026-03-10T12:00", "2026-03-18 23:59");
    CHECK_EQ(inv_closure_add(admin, date("2026-03-18"), date("2026-03-19"), "kurs"), INV_OK);
    /* in a checkout's own transaction too */
    const char *codes[] = {"A-1", "A-2"};
    InvCheckout co = {
        .borrower_id = kari, .barcodes = codes, .n_barcodes = 2, .now = stf_at("2026-03-10T12:00")};
    CHECK_EQ(inv_checkout(kiosk, &co, NULL), INV_OK);
    for (int i = 0; i < 2; i++) {
        InvLoanLine line;
        CHECK_EQ(inv_item_loan(kiosk, codes[i], stf_at("2026-03-10T12:00"), &line), INV_OK);
        char got[32];
        inv_time_format(line.due_at, false, got, sizeof(got));
        CHECK_STREQ(got, "2026-03-20 23:59");
    }
    CHECK_EQ(inv_closure_remove(admin, date("2026-03-18")), INV_OK);
    CHECK_EQ(inv_calendar_set_weekly(admin, 0), INV_OK);
    InvDate due;
    CHECK_EQ(inv_calendar_due_day(kiosk, stf_at("2026-03-10T12:00"), 7, &due), INV_OK);
    CHECK_EQ(inv_date_days(due), inv_date_days(date("2026-03-17")));
    inv_close(admin);
    inv_close(kiosk);
}

/* Loans imported without due_at get the calendar's due day. */
static void test_import(void)
{
    char path[512];
    InvDb *db = open_new("import.db", path, sizeof(path));
    add_item(db, "A-1", "Ski");
    add_item(db, "A-2", "Ski");
    add_borrower(db, "B-1");
    char csv[512];
    stf_path(csv, sizeof(csv), "loans.csv");
    FILE *f = fopen(csv, "w");
    CHECK(f != NULL);
    fputs("loan_ref,card,barcode,checked_out_at,due_at\n"
          "L1,B-1,A-1,2026-03-30T10:00,\n"
          "L2,B-1,A-2,2026-03-30T10:00,2026-04-06T20:00\n",
          f);
    fclose(f);
    InvImportResult res;
    int err =
        inv_import_csv(db, INV_IMPORT_LOANS, csv, stf_at("2026-04-01T10:00"), NULL, NULL, &res);
    if (err != INV_OK)
        fprintf(stderr, "import: %s\n", inv_errmsg(db));
    CHECK_EQ(err, INV_OK);
    InvLoanLine line;
    char got[32];
    CHECK_EQ(inv_item_loan(db, "A-1", stf_at("2026-04-01T10:00"), &line), INV_OK);
    inv_time_format(line.due_at, false, got, sizeof(got));
    CHECK_STREQ(got, "2026-04-07 23:59"); /* past Easter Monday */
    CHECK_EQ(inv_item_loan(db, "A-2", stf_at("2026-04-01T10:00"), &line), INV_OK);
    inv_time_format(line.due_at, false, got, sizeof(got));
    CHECK_STREQ(got, "2026-04-06 20:00"); /* a due_at in the file is kept as it is */
    inv_close(db);
}

typedef struct Closed {
    int n;
    int weekly;
    int holiday;
    int closure;
} Closed;

static int count_closed(const InvDay *day, void *vctx)
{
    Closed *c = vctx;
    c->n++;
    c->weekly += day->kind == INV_DAY_WEEKLY;
    c->holiday += day->kind == INV_DAY_HOLIDAY;
    c->closure += day->kind == INV_DAY_CLOSURE;
    return 0;
}

static void test_open_days(void)
{
    char path[512];
    InvDb *db = open_new("open.db", path, sizeof(path));
    int64_t open = 0;
    CHECK_EQ(
        inv_calendar_each_closed(db, date("2026-01-01"), date("2026-12-31"), NULL, NULL, &open),
        INV_OK);
    CHECK_EQ(open, 365 - 12);
    /* Sundays closed: 52 in 2026, three of them holidays (Easter, 17 May, Whit Sunday) */
    CHECK_EQ(inv_calendar_set_weekly(db, 1u << 6), INV_OK);
    Closed c = {0, 0, 0, 0};
    CHECK_EQ(inv_calendar_each_closed(db, date("2026-01-01"), date("2026-12-31"), count_closed, &c,
                                      &open),
             INV_OK);
    CHECK_EQ(open, 365 - (52 + 12 - 3));
    CHECK_EQ(c.n, 52 + 12 - 3);
    CHECK_EQ(c.holiday, 12);
    CHECK_EQ(c.weekly, 52 - 3);
    /* a closure across New Year counts in each year only its own days */
    CHECK_EQ(inv_closure_add(db, date("2026-12-28"), date("2027-01-03"), "juleferie"), INV_OK);
    InvYearReport r;
    CHECK_EQ(inv_year_report(db, 2026, stf_at("2026-12-31T12:00"), &r), INV_OK);
    /* 28-31 Dec 2026: Mon-Thu, none a holiday or Sunday */
    CHECK_EQ(r.open_days, 365 - (52 + 12 - 3) - 4);
    inv_year_report_release(&r);
    /* between two dates, and a range that ends before it starts */
    CHECK_EQ(
        inv_calendar_each_closed(db, date("2026-04-01"), date("2026-04-08"), NULL, NULL, &open),
        INV_OK);
    CHECK_EQ(open, 4); /* 2 Apr, 3 Apr, 5 Apr (Sunday), 6 Apr closed */
    CHECK_EQ(
        inv_calendar_each_closed(db, date("2026-04-08"), date("2026-04-01"), NULL, NULL, &open),
        INV_E_INVALID);
    inv_close(db);
}

int main(void)
{
    stf_begin("cal");
    RUN(test_easter);
    RUN(test_holidays);
    RUN(test_dates);
    RUN(test_due_days);
    RUN(test_other_connection);
    RUN(test_import);
    RUN(test_open_days);
    stf_end();
    fprintf(stderr, "test_calendar: ok\n");
    return 0;
}
