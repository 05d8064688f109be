/* Lending history generator: see gen.h. Loans are spread evenly over each local year, the first
 * at 00:00:00 on 1 January and the last at 23:59:59 on 31 December; loan i of a year goes to
 * active borrower i for the first `borrowers` loans (old ones first, then the new ones, each
 * registered shortly before its first loan), then round the active borrowers again. The last
 * new borrower of a year registers at 23:59:29 on 31 December and borrows at 23:59:59. Items
 * are lent round-robin and come back after two days (the final week's loans of the last year
 * stay out), so no item is ever out twice at once. */
#include "gen.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const categories[] = {"Ski", "Skøyter",     "Hjelm",  "Telt",     "Sykkel",
                                         "SUP", "Fiskeutstyr", "Truger", "Sovepose", "Ryggsekk"};
#define N_CATEGORIES (sizeof(categories) / sizeof(categories[0]))
#define LOAN_SECONDS (2 * 86400)

static int64_t local_midnight(int year)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = year - 1900;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static void utc(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

typedef struct Out {
    FILE *b;
    FILE *l;
    const GenCentre *c;
    long item_cursor;
    long ref;
} Out;

static void loan_lines(Out *o, const char *card, int64_t at, long n, bool open)
{
    char out[32];
    char back[32];
    utc(at, out, sizeof(out));
    utc(at + LOAN_SECONDS, back, sizeof(back));
    o->ref++;
    for (long k = 0; k < n; k++) {
        long item = o->item_cursor++ % o->c->n_items;
        fprintf(o->l, "%sL%07ld,%s,%sI%05ld,%s,,%s\n", o->c->prefix, o->ref, card, o->c->prefix,
                item, out, open ? "" : back);
    }
}

static const char *const municipalities[] = {"Hamar", "Stange", "Løten", "Ringsaker", ""};
#define N_MUNICIPALITIES (sizeof(municipalities) / sizeof(municipalities[0]))

static void borrower(Out *o, const char *card, const char *name, int64_t at)
{
    char when[32];
    utc(at, when, sizeof(when));
    if (!o->c->profile) {
        fprintf(o->b, "%s,%s,9%07ld,%s,%d\n", card, name, (long)(at % 10000000), when,
                1950 + (int)(at % 60));
        return;
    }
    char year[16] = ""; /* one in eleven gives none */
    if (at % 11 != 0)
        snprintf(year, sizeof(year), "%d", 1930 + (int)(at % 93));
    fprintf(o->b, "%s,%s,9%07ld,%s,%s,%s\n", card, name, (long)(at % 10000000), when, year,
            municipalities[(at / 7) % N_MUNICIPALITIES]);
}

/* The id of the j-th borrower who may borrow: the old ones, then (past the idle ones) those
 * registered in the generated years, in order. */
static long active_id(const GenCentre *c, long j)
{
    return j < c->old_borrowers ? j : j + c->idle_borrowers;
}

int gen_centre(const GenCentre *c, const char *dir, char *items, char *borrowers, char *loans,
               size_t path_size)
{
    if (c->edges && c->n_years != 1) { /* an edge loan would fall into a generated year */
        errno = EINVAL;
        return -1;
    }
    for (int y = 0; y < c->n_years; y++) {
        const GenYear *g = &c->years[y];
        if (g->items_lent < g->loans || g->borrowers > g->loans || g->borrowers < 2 ||
            g->new_borrowers > g->borrowers || g->new_borrowers < 1 ||
            g->borrowers - g->new_borrowers > c->old_borrowers + y * g->new_borrowers) {
            errno = EINVAL;
            return -1;
        }
    }
    snprintf(items, path_size, "%s/items.csv", dir);
    snprintf(borrowers, path_size, "%s/borrowers.csv", dir);
    snprintf(loans, path_size, "%s/loans.csv", dir);
    FILE *fi = fopen(items, "wb");
    FILE *fb = fopen(borrowers, "wb");
    FILE *fl = fopen(loans, "wb");
    if (fi == NULL || fb == NULL || fl == NULL) {
        if (fi)
            fclose(fi);
        if (fb)
            fclose(fb);
        if (fl)
            fclose(fl);
        return -1;
    }

    char when[32];
    int64_t start = local_midnight(c->first_year);
    utc(start - 400 * 86400, when, sizeof(when));
    const char *sep = c->semicolon ? ";" : ",";
    const char *eol = c->semicolon ? "\r\n" : "\n";
    if (c->semicolon)
        fputs("\xEF\xBB\xBF", fi);
    fprintf(fi, "barcode%sname%scategory%slocation%sadded_at%s", sep, sep, sep, sep, eol);
    for (long i = 0; i < c->n_items; i++)
        fprintf(fi, "%sI%05ld%s\"%s nr. %ld\"%s%s%sHYLLE-%c%ld%s%s%s", c->prefix, i, sep,
                categories[i % N_CATEGORIES], i, sep, categories[i % N_CATEGORIES], sep,
                'A' + (char)(i % 8), i % 20, sep, when, eol);
    for (int e = 0; c->edges && e < 2 * c->n_years; e++)
        fprintf(fi, "%sEDGE%d%sKantutstyr%sSki%sHYLLE-Z%s%s%s", c->prefix, e, sep, sep, sep, sep,
                when, eol);

    Out o = {fb, fl, c, 0, 0};
    fputs(c->profile ? "card,name,phone,registered_at,birth_year,municipality\n"
                     : "card,name,phone,registered_at,birth_year\n",
          fb);
    fputs("loan_ref,card,barcode,checked_out_at,due_at,returned_at\n", fl);
    char card[64];
    char name[64];
    /* borrowers registered before the first year: old (active) and idle ones */
    for (long j = 0; j < c->old_borrowers + c->idle_borrowers; j++) {
        snprintf(card, sizeof(card), "%sB%06ld", c->prefix, j);
        snprintf(name, sizeof(name), "Låner %ld", j);
        borrower(&o, card, name, start - 300 * 86400 + j * 600);
    }
    long registered = c->old_borrowers; /* borrowers who may borrow, see active_id() */
    long next_id = c->old_borrowers + c->idle_borrowers;

    for (int y = 0; y < c->n_years; y++) {
        const GenYear *g = &c->years[y];
        int64_t t0 = local_midnight(c->first_year + y);
        int64_t tend = local_midnight(c->first_year + y + 1) - 1;
        long n_old = g->borrowers - g->new_borrowers;
        long first_new = next_id;
        /* active borrower k: k < n_old an earlier one, else new number first_new + (k - n_old) */
        long old_base = registered - n_old;
        long base_lines = g->items_lent / g->loans;
        long extra = g->items_lent % g->loans;
        bool last_year = y == c->n_years - 1;

        if (c->edges) { /* a second before the year: a loan and a registration of the old year */
            snprintf(card, sizeof(card), "%sB%06ld", c->prefix, 0L);
            char edge[64];
            snprintf(edge, sizeof(edge), "%sEDGE%d", c->prefix, 2 * y);
            char out[32];
            char back[32];
            utc(t0 - 1, out, sizeof(out));
            utc(t0 + 3600, back, sizeof(back));
            o.ref++;
            fprintf(fl, "%sL%07ld,%s,%s,%s,,%s\n", c->prefix, o.ref, card, edge, out, back);
            snprintf(card, sizeof(card), "%sX%d", c->prefix, 2 * y);
            borrower(&o, card, "Nyttårsaften", t0 - 1);
        }
        for (long i = 0; i < g->loans; i++) {
            int64_t at = t0 + (int64_t)((double)(tend - t0) * (double)i / (double)(g->loans - 1));
            long k = 0;
            if (i < g->borrowers - 1)
                k = i;
            else if (i == g->loans - 1)
                k = g->borrowers - 1;
            else
                k = (i - (g->borrowers - 1)) % (g->borrowers - 1);
            if (k < n_old) {
                snprintf(card, sizeof(card), "%sB%06ld", c->prefix, active_id(c, old_base + k));
            } else {
                long id = first_new + (k - n_old);
                snprintf(card, sizeof(card), "%sB%06ld", c->prefix, id);
                if (i == k || i == g->loans - 1) { /* first loan: register just before it */
                    int64_t reg = at - 600;
                    if (k == n_old)
                        reg = t0 + 1800; /* 00:30 on New Year's Day */
                    else if (i == g->loans - 1)
                        reg = tend - 30; /* 23:59:29 on New Year's Eve */
                    if (reg < t0)
                        reg = t0;
                    snprintf(name, sizeof(name), "Ny låner %ld", id);
                    borrower(&o, card, name, reg);
                }
            }
            long n = base_lines + (i < extra ? 1 : 0);
            loan_lines(&o, card, at, n, last_year && at > tend - 7 * 86400);
        }
        next_id += g->new_borrowers;
        registered += g->new_borrowers;
        if (c->edges) { /* a second after the year: the next year's */
            snprintf(card, sizeof(card), "%sB%06ld", c->prefix, 1L);
            char edge[64];
            snprintf(edge, sizeof(edge), "%sEDGE%d", c->prefix, 2 * y + 1);
            char out[32];
            char back[32];
            utc(tend + 1, out, sizeof(out));
            utc(tend + 3600, back, sizeof(back));
            o.ref++;
            fprintf(fl, "%sL%07ld,%s,%s,%s,,%s\n", c->prefix, o.ref, card, edge, out,
                    last_year ? "" : back);
            snprintf(card, sizeof(card), "%sX%d", c->prefix, 2 * y + 1);
            borrower(&o, card, "Nyttårsdag", tend + 1);
        }
    }
    int bad = ferror(fi) || ferror(fb) || ferror(fl);
    bad |= fclose(fi) != 0;
    bad |= fclose(fb) != 0;
    bad |= fclose(fl) != 0;
    return bad ? -1 : 0;
}
