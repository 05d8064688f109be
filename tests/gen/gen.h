/* Generators of realistic lending data as CSV files, for tests and benchmarks: a centre's
 * items, borrowers and loan history, with exact yearly figures. Times are written in UTC ("Z");
 * local years are those of the process time zone (set TZ before calling). */
#ifndef BUA_TESTS_GEN_H
#define BUA_TESTS_GEN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct GenYear {
    long loans;         /* loans started in the year */
    long items_lent;    /* loan lines of those loans (>= loans) */
    long borrowers;     /* distinct borrowers of those loans (<= loans) */
    long new_borrowers; /* registered in the year, all of whom borrow in it (<= borrowers) */
} GenYear;

typedef struct GenCentre {
    const char *prefix; /* prefix of every barcode, card and loan_ref ("H-", "C017-") */
    int first_year;
    int n_years;
    const GenYear *years; /* n_years figures */
    long old_borrowers;   /* registered the year before first_year */
    long idle_borrowers;  /* registered then too, who never borrow */
    long n_items;
    bool edges;     /* add loans and registrations a second either side of the year's
                       New Years (outside its figures); only with n_years == 1 */
    bool semicolon; /* items.csv with ';', a BOM and CRLF, as a Norwegian spreadsheet saves */
    bool profile;   /* borrowers of every age (birth years 1930.., some not given) and a
                       municipality column (Hamar, Stange, Løten, Ringsaker, some not given) */
} GenCentre;

/* Writes items.csv, borrowers.csv and loans.csv into dir (paths out, each path_size bytes).
 * Returns 0, or -1 with errno set if a file cannot be written or the figures are impossible. */
int gen_centre(const GenCentre *c, const char *dir, char *items, char *borrowers, char *loans,
               size_t path_size);

#endif
