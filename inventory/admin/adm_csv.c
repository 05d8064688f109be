/* CSV output of bua-admin: one cell as RFC 4180 and OWASP's "CSV injection" rule want it. A
 * spreadsheet runs a cell that starts with = + - @ (or TAB or CR, which some strip first) as a
 * formula, so such a cell gets a single quote in front: the spreadsheet shows the text. */
#include "adm.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void adm_csv_cell(FILE *out, const char *s)
{
    bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}
