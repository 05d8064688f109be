/* Internal to the CSV import (inv_import.c, inv_csv.c, inv_import_loans.c, inv_map.c): the
 * importer's state, the packed strings and the string map, and the functions the files share. */
#ifndef BUA_INV_IMPORT_INT_H
#define BUA_INV_IMPORT_INT_H

#include "inv_int.h"
#include "inventory.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_COLS 64
#define CATEGORY_CACHE 64

/* The columns of each kind of file: X(ENUM, header name, Norwegian names, required). One list per
 * kind gives both the enum used to read a row and the table the header is matched against. The
 * Norwegian names are '|'-separated, the first the one messages use; a header matches either
 * language case-insensitively, with æ, ø, å or their spellings ae, o/oe, a/aa, and with a space
 * or '-' for '_' (inv_csv.c: fold). */
#define ITEM_COLUMNS(X)                                                                            \
    X(C_ITEM_BARCODE, "barcode", "strekkode", true)                                                \
    X(C_ITEM_NAME, "name", "navn", true)                                                           \
    X(C_ITEM_CATEGORY, "category", "kategori", true)                                               \
    X(C_ITEM_ADDED_AT, "added_at", "lagt_til|registrert|innkjøpt", false)                          \
    X(C_ITEM_LOCATION, "location", "plassering|hylle|sted", false)                                 \
    X(C_ITEM_CONDITION, "condition", "tilstand", false)                                            \
    X(C_ITEM_NOTES, "notes", "merknad|merknader|notater", false)                                   \
    X(C_ITEM_LOAN_DAYS, "loan_days", "lånedager|utlånsdager", false)
#define LOAN_COLUMNS(X)                                                                            \
    X(C_LOAN_REF, "loan_ref", "lånenr|lånenummer|utlån", true)                                     \
    X(C_LOAN_CARD, "card", "kort|kortnr|lånekort", true)                                           \
    X(C_LOAN_BARCODE, "barcode", "strekkode", true)                                                \
    X(C_LOAN_OUT, "checked_out_at", "lånt|utlånt", true)                                           \
    X(C_LOAN_DUE, "due_at", "forfall|frist", false)                                                \
    X(C_LOAN_RETURNED, "returned_at", "levert|innlevert", false)                                   \
    X(C_LOAN_RENEWALS, "renewals", "fornyelser|forlengelser", false)                               \
    X(C_LOAN_LOST, "lost", "tapt", false)
#define BORROWER_COLUMNS(X)                                                                        \
    X(C_BOR_CARD, "card", "kort|kortnr|lånekort", true)                                            \
    X(C_BOR_NAME, "name", "navn", true)                                                            \
    X(C_BOR_PHONE, "phone", "telefon|tlf|mobil", false)                                            \
    X(C_BOR_EMAIL, "email", "epost|e_post", false)                                                 \
    X(C_BOR_BIRTH_YEAR, "birth_year", "fødselsår", false)                                          \
    X(C_BOR_REGISTERED_AT, "registered_at", "registrert", false)                                   \
    X(C_BOR_RESPONSIBLE, "responsible_card", "ansvarlig|ansvarlig_kort|foresatt", false)           \
    X(C_BOR_CONSENT, "consent", "samtykke", false)                                                 \
    X(C_BOR_MUNICIPALITY, "municipality", "kommune", false)

#define COLUMN_ENUM(e, name, nb, required) e,
#define COLUMN_ROW(e, name, nb, required) {name, nb, required},
enum { ITEM_COLUMNS(COLUMN_ENUM) C_ITEM__N };
enum { BORROWER_COLUMNS(COLUMN_ENUM) C_BOR__N };
enum { LOAN_COLUMNS(COLUMN_ENUM) C_LOAN__N };

/* A column of a kind of file: its header names and whether rows must fill it. */
typedef struct Column {
    const char *name; /* English */
    const char *nb;   /* Norwegian, '|'-separated */
    bool required;
} Column;

typedef struct Category {
    char name[INV_NAME_MAX];
    int64_t id;
} Category;

/* Strings of the import (barcodes, cards, loan refs), packed; referred to by offset. */
typedef struct Strs {
    char *buf;
    size_t len;
    size_t cap;
} Strs;

/* A string -> integer hash map (open addressing) over keys kept in a Strs. */
typedef struct MapSlot {
    size_t key; /* offset in the Strs, + 1; 0 = empty */
    uint64_t hash;
    int64_t val;
} MapSlot;

typedef struct Map {
    MapSlot *slot;
    size_t cap; /* a power of two */
    size_t n;
} Map;

/* An item as the loans import needs it. */
typedef struct ItemInfo {
    int64_t id;
    int64_t category_id;
    int status;
    int loan_days;
    size_t barcode; /* offset in strs */
    bool lost_last; /* its latest line in the file was written off as lost */
} ItemInfo;

/* One loan line of the file for the overlap check, sorted in runs (by item, then time) that
 * are spilled to a temporary file and merged: memory stays bounded at any file size. Its loan
 * is known by the ref's hash (equal refs, equal loans) and the ref's place in the row log. */
typedef struct Span {
    int64_t item_id;
    int64_t from;
    int64_t to; /* INT64_MAX while on loan */
    int64_t line;
    uint64_t ref_hash;
    uint64_t ref_off; /* offset of the ref in the row log */
    uint32_t item;    /* index in bulk.items */
    uint32_t lost;    /* 1: written off as lost */
} Span;

/* A checked loan row in the row log (a temporary file, in file order), followed by its ref
 * (ref_len bytes): the write phase writes these without reading the CSV again. */
typedef struct RowHead {
    int64_t line;
    int64_t borrower;
    int64_t out_at;
    int64_t due_at;
    int64_t back_at;
    int64_t lost_at;
    uint32_t item; /* index in bulk.items */
    int32_t renewals;
    uint32_t ref_len;
    uint32_t pad;
} RowHead;

/* A sorted run of spans in the spill file. */
typedef struct SpanRun {
    size_t first; /* index of its first span in the file */
    size_t n;
} SpanRun;

/* Growable arrays of the structs above. */
#define VEC(T)                                                                                     \
    struct {                                                                                       \
        T *v;                                                                                      \
        size_t n;                                                                                  \
        size_t cap;                                                                                \
    }

typedef struct Bulk {
    Strs strs;
    Map items_by_code;
    Map borrowers_by_card;
    VEC(ItemInfo) items;
    bool loaded;
    int64_t due_out_at; /* the last due time worked out, for loans of due_days from due_out_at */
    int due_days;
    int64_t due_at;

    /* check phase: the spans, a run in memory and the sorted runs spilled before it */
    Span *run;
    size_t n_run;
    FILE *log; /* the row log */
    uint64_t log_len;
    FILE *spill;
    size_t n_spilled;
    VEC(SpanRun) runs;
    VEC(Span) group; /* the spans of one item, while checking it */

    /* write phase */
    int64_t base;    /* the largest loan id before the import */
    FILE *firsts;    /* the first line (int32) of each loan written, by loan id - base - 1 */
    int64_t n_loans; /* loans written: ids base + 1 ... base + n_loans */
    /* the summaries of the lines written, handed over a chunk at a time (inv__sum_loans_bulk) */
    InvSumBulkLoan *sum_loans;
    InvSumBulkLine *sum_lines;
    size_t n_sum_loans;
    size_t n_sum_lines;
    size_t cache_sum; /* the entry in sum_loans of the loan of the last row; SIZE_MAX: none */
    char cache_ref[INV_CODE_MAX]; /* the loan of the last row written */
    int64_t cache_id;             /* 0: none */
    int64_t cache_borrower;
    int64_t cache_out_at;
    bool cache_before;                         /* imported before: its rows are not written */
    int32_t cache_first;                       /* its first line in the file */
    int32_t cache_lines;                       /* its lines so far */
    int64_t batch[IMP_LINES_PER_STATEMENT][7]; /* lines not yet written (0: NULL) */
    int n_batch;
    size_t written;
} Bulk;

/* A row that passed the checks, kept for the write phase: its fields, NUL-separated, at
 * `start` in Importer.stage. */
typedef struct StagedRow {
    long line;
    size_t start;
    size_t n_fields;
} StagedRow;

typedef struct Importer Importer;

/* One import: the reader feeds rows to row(), the row kind of the file. */
struct Importer {
    InvDb *db;
    InvImportKind kind;
    const char *path;
    InvImportResult *res;
    const Column *cols;
    int n_cols;
    int col[MAX_COLS];        /* our column -> index in the row, -1 if the file has none */
    char label[MAX_COLS][24]; /* our column -> its name in messages, in the file's language */
    int pass;                 /* borrowers: 1 adults, 2 co-borrowers */
    int64_t now;
    int64_t max_skew; /* seconds an imported time may lie past now */

    /* reading */
    long line;         /* physical line being fed */
    long row_line;     /* physical line the current row started on */
    bool line_start;   /* next byte fed starts a physical line */
    bool row_start;    /* next byte fed starts a row */
    size_t rows_ended; /* rows the parser has ended so far */
    bool header_done;
    bool fatal; /* stop reading: the file itself is broken */

    /* the current row: fields packed in buf, NUL-separated */
    char *buf;
    size_t len;
    size_t cap;
    size_t off[MAX_COLS];
    size_t n_fields;
    bool too_many_fields;

    Category cats[CATEGORY_CACHE];
    size_t n_cats;

    Bulk bulk; /* loans */
    long problem_line[INV_IMPORT_PROBLEMS_MAX];
    void (*row)(Importer *im); /* checks one row (stages it), or in the write phase writes it */

    /* Two phases: the file is read and checked outside the write lock (writing false: rows of
     * items and borrowers are staged, loans collected); then, under BEGIN IMMEDIATE, the
     * staged rows are written (writing true). */
    bool writing;
    Strs stage; /* fields of the staged rows */
    VEC(StagedRow) staged;
    Strs keys; /* barcodes or cards of the file's rows so far (check phase) */
    Map seen;  /* key -> 1 adult borrower or item, 2 co-borrower */
};

/* ---- inv_csv.c: the reader ---- */

/* Reads the file once, feeding each row to im->row (the header to the column map first).
 * Problems of the file go to the result; returns INV_OK or a failure to read it. */
int inv__csv_read(Importer *im, FILE *f, uint64_t total, InvProgressFn progress, void *pctx);

/* Lists "FILE:LINE: why" in the result (counted past INV_IMPORT_PROBLEMS_MAX, not kept). */
void inv__imp_problem(Importer *im, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The listed problems in line order. */
void inv__imp_sort_problems(Importer *im);

/* ---- inv_import.c: the row kinds ---- */

void inv__imp_row_item(Importer *im);
void inv__imp_row_borrower(Importer *im);

/* The text of our column c in the current row ("" if the file or the row has none). */
const char *inv__imp_field(const Importer *im, int c);

/* Checks the required fields; false (with problems listed) if one is empty. */
bool inv__imp_check_fields(Importer *im);

/* Check phase: keeps the current row for the write phase. false (and stops) if out of memory. */
bool inv__imp_stage(Importer *im);

/* Runs an inv__check_* result: false (and a problem on this row) when it failed. */
bool inv__imp_checked(Importer *im, int err);

/* The name of our column c in messages: as the file's header names it (English or the
 * Norwegian name), the English name if the file has no such column. */
const char *inv__imp_label(const Importer *im, int c);

/* Parses column c as a time into *out; false (and a problem naming the column) if it is not. */
bool inv__imp_time_field(Importer *im, int c, int64_t *out);

/* inv__imp_time_field for a time that has happened: refused (a problem naming the column) when
 * it lies more than the import's clock skew allowance past the import's now. */
bool inv__imp_past_field(Importer *im, int c, int64_t *out);

/* An integer from lo to hi (trailing spaces allowed) into *out; false if s is not one. */
bool inv__imp_parse_int(const char *s, long lo, long hi, long *out);

/* yes/ja/x/1/true or no/nei/0/false (any case) into *out; false if neither. */
bool inv__imp_parse_bool(const char *s, bool *out);

/* A failure of the store itself (not of the row): record it and stop reading. true if err. */
bool inv__imp_db_failed(Importer *im, int err);

/* Out of memory on this row: records it, stops reading, returns false. */
bool inv__imp_nomem(Importer *im);

/* ---- inv_import_loans.c: the bulk loan loader ---- */

/* One loan row: checked against the store's items and borrowers (read once); in the check
 * phase its span goes to the overlap check, in the write phase the row is written. */
void inv__imp_row_loan(Importer *im);

/* The write phase of loans: (with recheck, when the database changed since the check phase,
 * the overlaps again, then) each row of the row log written, its loan found by ref in the
 * database; then the items lost last marked missing and the summaries. Problems found here
 * are listed like those of single rows. */
int inv__imp_loans_finish(Importer *im, bool recheck);

/* The overlap check of the collected loans, among the file's rows and against the database. */
int inv__imp_loans_check(Importer *im);
void inv__imp_bulk_free(Bulk *b);

/* ---- inv_map.c: packed strings and a string -> integer map ---- */

/* Grows a VEC by doubling: true if (vec).n < (vec).cap afterwards. */
#define GROW(vec)                                                                                  \
    ((vec).n < (vec).cap || inv__grow((void **)&(vec).v, &(vec).cap, sizeof(*(vec).v)))
bool inv__grow(void **v, size_t *cap, size_t size);

/* The string at offset off; valid until the next inv__str_add. */
const char *inv__str_at(const Strs *s, size_t off);

/* Copies a string into the Strs; its offset in *off. false: out of memory. */
bool inv__str_add(Strs *s, const char *k, size_t *off);

/* The value of key k, in *val; false if k is not in the map. */
bool inv__map_get(const Map *m, const Strs *s, const char *k, int64_t *val);

/* Adds key (already in the Strs at offset key) -> val; the key must not be in the map yet.
 * false: out of memory. */
bool inv__map_put(Map *m, const Strs *s, size_t key, int64_t val);

#endif
