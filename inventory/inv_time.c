/* Time: ISO 8601 parsing, local calendar of the centre, due dates. All stored times are UTC
 * seconds; the local calendar comes from the process time zone that inv_open() set. */
#include "inv_int.h"
#include "inventory.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool digits(const char *s, int n, int *out);
static int64_t days_from_civil(int y, int m, int d);
static int days_in_month(int year, int month);

bool inv_time_parse(const char *text, int64_t *out)
{
    if (text == NULL)
        return false;
    while (*text == ' ')
        text++;
    size_t len = strlen(text);
    while (len > 0 && text[len - 1] == ' ')
        len--;
    if (len < 10 || len > 40)
        return false;

    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    int year = 0;
    int month = 0;
    int day = 0;
    if (!digits(text, 4, &year) || text[4] != '-' || !digits(text + 5, 2, &month) ||
        text[7] != '-' || !digits(text + 8, 2, &day))
        return false;
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return false;
    int hour = 0;
    int min = 0;
    int sec = 0;
    const char *p = text + 10;
    const char *end = text + len;
    if (p < end) {
        if (*p != 'T' && *p != 't' && *p != ' ')
            return false;
        p++;
        if (end - p < 5 || !digits(p, 2, &hour) || p[2] != ':' || !digits(p + 3, 2, &min))
            return false;
        p += 5;
        if (p < end && *p == ':') {
            if (end - p < 3 || !digits(p + 1, 2, &sec))
                return false;
            p += 3;
            if (p < end && (*p == '.' || *p == ',')) { /* fraction: ignored */
                p++;
                const char *f = p;
                while (p < end && *p >= '0' && *p <= '9')
                    p++;
                if (p == f)
                    return false;
            }
        }
        if (hour > 23 || min > 59 || sec > 59)
            return false;
    }
    bool has_zone = false;
    int offset = 0;
    if (p < end) {
        has_zone = true;
        if ((*p == 'Z' || *p == 'z') && p + 1 == end) {
            offset = 0;
        } else if (*p == '+' || *p == '-') {
            int sign = *p == '-' ? -1 : 1;
            int oh = 0;
            int om = 0;
            p++;
            if (end - p == 2 && digits(p, 2, &oh)) {
                om = 0;
            } else if (end - p == 4 && digits(p, 2, &oh) && digits(p + 2, 2, &om)) {
            } else if (end - p == 5 && digits(p, 2, &oh) && p[2] == ':' && digits(p + 3, 2, &om)) {
            } else {
                return false;
            }
            if (oh > 14 || om > 59)
                return false;
            offset = sign * (oh * 3600 + om * 60);
        } else {
            return false;
        }
    }

    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    if (has_zone) {
        *out = days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec - offset;
    } else {
        /* Try the time as standard and as summer time, keeping what reads back the same: none
         * for a time skipped when the clocks go forward (02:30 on the last Sunday of March in
         * Oslo), two for one that happens twice in autumn (then the later). mktime's own guess
         * for those depends on earlier calls, so it is not used. */
        bool found = false;
        time_t t = 0;
        for (int dst = 0; dst <= 1; dst++) {
            struct tm c = tm;
            c.tm_isdst = dst;
            time_t ct = mktime(&c);
            struct tm back;
            if (ct == (time_t)-1 || localtime_r(&ct, &back) == NULL)
                continue;
            if (back.tm_isdst != dst || back.tm_hour != hour || back.tm_min != min ||
                back.tm_mday != day || back.tm_mon != month - 1)
                continue;
            if (!found || ct > t)
                t = ct;
            found = true;
        }
        if (!found)
            return false;
        *out = (int64_t)t;
    }
    return true;
}

void inv_time_format(int64_t t, bool date_only, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (size == 0)
        return;
    if (localtime_r(&tt, &tm) == NULL) {
        snprintf(buf, size, "?");
        return;
    }
    strftime(buf, size, date_only ? "%Y-%m-%d" : "%Y-%m-%d %H:%M", &tm);
}

int inv_time_year(int64_t t)
{
    return inv__local(t).year;
}

InvLocal inv__local(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    InvLocal l = {1970, 1, 1};
    if (localtime_r(&tt, &tm) != NULL) {
        l.year = tm.tm_year + 1900;
        l.month = tm.tm_mon + 1;
        l.day = tm.tm_mday;
    }
    return l;
}

int64_t inv__local_midnight(int year, int month, int day)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

bool inv_date_parse(const char *text, InvDate *out)
{
    int year = 0;
    int month = 0;
    int day = 0;
    if (text == NULL)
        return false;
    size_t len = strlen(text);
    if (len == 10 && text[4] == '-' && text[7] == '-') {
        if (!digits(text, 4, &year) || !digits(text + 5, 2, &month) || !digits(text + 8, 2, &day))
            return false;
    } else {
        /* D.M.YYYY, day and month of one or two digits */
        const char *p = text;
        int part[3] = {0, 0, 0};
        int widths[3] = {2, 2, 4};
        for (int k = 0; k < 3; k++) {
            int n = 0;
            while (p[n] >= '0' && p[n] <= '9')
                n++;
            if (n < (k == 2 ? 4 : 1) || n > widths[k] || !digits(p, n, &part[k]))
                return false;
            p += n;
            if (k < 2 && *p++ != '.')
                return false;
        }
        if (*p != '\0')
            return false;
        day = part[0];
        month = part[1];
        year = part[2];
    }
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return false;
    *out = (InvDate){year, month, day};
    return true;
}

void inv_date_format(InvDate d, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

int64_t inv_date_days(InvDate d)
{
    return days_from_civil(d.year, d.month, d.day);
}

/* The inverse of days_from_civil (H. Hinnant's civil_from_days). */
InvDate inv_date_from_days(int64_t days)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    int year = (int)(yoe + era * 400 + (month <= 2));
    return (InvDate){year, month, day};
}

int inv_date_weekday(InvDate d)
{
    int64_t n = inv_date_days(d); /* 1970-01-01 was a Thursday (3) */
    int64_t w = (n + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm):
 * UTC times without the C library's timegm, which is slow on the import path. */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
