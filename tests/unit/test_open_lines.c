/* The index of loan lines by item (issue 16, schema step 4): loan_line_item_open, one index for
 * "an item's lines" and "an item's open line" (second column 0 when open, NULL when returned),
 * in place of two. Every statement of INV_SQL_MAP is planned on a real store file (EXPLAIN QUERY
 * PLAN): those that look up an item's open line seek with both columns (they ask for it as
 * LL_OPEN does), and no statement that reads open lines searches an item's lines by the item
 * alone (LL_OPEN forgotten: every line the item ever had read to find the open one). The index
 * keeps the rule "one open line per item": a second open line is refused, returned lines are
 * many. (And a centre's items never lent are counted over item_never_lent, by centre.) */
#include "check.h"
#include "inv_int.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Stmt {
    const char *name;
    const char *sql;
} Stmt;

static const Stmt stmts[] = {
#define STMT(name, text) {#name, text},
    INV_SQL_MAP(STMT)
#undef STMT
};

/* The statements that look up one item's open line (or each item's, joined by item). */
static const char *const open_by_item[] = {
    "LINE_OPEN",      "ITEM_LOAN",     "RENEW_LINE",       "LOST_OPEN",
    "RES_LOAN_CLASH", "OVERDUE_COUNT", "CHECK_OPEN_LINES", "RES_FREE_OF_CATEGORY",
};

#define SEEK_OPEN "USING INDEX loan_line_item_open (item_id=? AND <expr>=?)"
#define SEEK_ITEM "INDEX loan_line_item_open (item_id=?)"

static int64_t T0; /* 2024-03-01 12:00 Oslo */

/* The plan of `sql` on connection s: its rows' details, one a line, into buf. */
static void plan_of(sqlite3 *s, const char *name, const char *sql, char *buf, size_t size)
{
    char text[8192];
    int n = snprintf(text, sizeof(text), "EXPLAIN QUERY PLAN %s", sql);
    CHECK(n > 0 && (size_t)n < sizeof(text));
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s, text, -1, &st, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", name, sqlite3_errmsg(s));
    CHECK_EQ(rc, SQLITE_OK);
    size_t len = 0;
    buf[0] = '\0';
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        n = snprintf(buf + len, size - len, "%s\n", detail ? detail : "");
        CHECK(n > 0 && (size_t)n < size - len);
        len += (size_t)n;
    }
    CHECK_EQ(rc, SQLITE_DONE);
    sqlite3_finalize(st);
}

/* Whether a statement that reads open lines searches an item's lines by the item alone. */
static bool reads_item_lines_for_open(const char *sql, const char *plan)
{
    return strstr(sql, "returned_at IS NULL") != NULL && strstr(plan, SEEK_ITEM) != NULL;
}

static void test_plans(void)
{
    InvDb *db = stf_open_new("plans.db");
    char plan[16384];
    /* the rule can fail: the open line asked for without LL_OPEN reads the item's lines */
    const char *forgot = "SELECT seq FROM loan_line WHERE item_id = ?1 AND returned_at IS NULL";
    plan_of(db->sql, "forgot", forgot, plan, sizeof(plan));
    CHECK(reads_item_lines_for_open(forgot, plan));
    CHECK(strstr(plan, SEEK_OPEN) == NULL);

    size_t n_stmts = sizeof(stmts) / sizeof(stmts[0]);
    size_t seen = 0;
    for (size_t i = 0; i < n_stmts; i++) {
        plan_of(db->sql, stmts[i].name, stmts[i].sql, plan, sizeof(plan));
        if (reads_item_lines_for_open(stmts[i].sql, plan)) {
            fprintf(stderr, "%s reads an item's lines to find the open one (use LL_OPEN):\n%s",
                    stmts[i].name, plan);
            CHECK(false);
        }
        for (size_t k = 0; k < sizeof(open_by_item) / sizeof(open_by_item[0]); k++) {
            if (strcmp(stmts[i].name, open_by_item[k]) != 0)
                continue;
            seen++;
            if (strstr(plan, SEEK_OPEN) == NULL) {
                fprintf(stderr, "%s does not seek the open line:\n%s", stmts[i].name, plan);
                CHECK(false);
            }
        }
    }
    CHECK_EQ(seen, sizeof(open_by_item) / sizeof(open_by_item[0])); /* every name listed exists */
    /* a centre's items never lent: over the partial index by centre, which a checkout's status
     * update leaves alone */
    plan_of(db->sql, "NEVER_LENT", stmts[SQL_NEVER_LENT].sql, plan, sizeof(plan));
    CHECK(strstr(plan, "USING INDEX item_never_lent (centre_id=?)") != NULL);
    /* nothing else indexes loan lines by item: a checkout writes one index entry a line */
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(db->sql,
                                "SELECT group_concat(name, ' ') FROM (SELECT name FROM"
                                " sqlite_master WHERE type = 'index' AND tbl_name = 'loan_line'"
                                " ORDER BY name)",
                                -1, &st, NULL),
             SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    CHECK_STREQ((const char *)sqlite3_column_text(st, 0), "loan_line_item_open");
    sqlite3_finalize(st);
    inv_close(db);
}

static int exec(InvDb *db, const char *sql)
{
    return sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

static void test_one_open_line(void)
{
    InvDb *db = stf_open_new("open.db");
    stf_add_item(db, "K-1", "Ski", T0);
    stf_add_item(db, "K-2", "Ski", T0);
    InvBorrower b;
    memset(&b, 0, sizeof(b));
    snprintf(b.card, sizeof(b.card), "C-1");
    snprintf(b.name, sizeof(b.name), "Ada");
    b.consent = true;
    int64_t who = 0;
    CHECK_EQ(inv_borrower_add(db, &b, T0, &who), INV_OK);
    /* K-1 lent and returned three times, then lent again: three returned lines, one open */
    for (int i = 0; i < 4; i++) {
        const char *codes[] = {"K-1"};
        InvCheckout co = {.borrower_id = who, .barcodes = codes, .n_barcodes = 1, .now = T0 + i};
        CHECK_EQ(inv_checkout(db, &co, NULL), INV_OK);
        if (i == 3)
            break;
        InvReturn r = {.barcode = "K-1", .now = T0 + i};
        InvReturned out;
        CHECK_EQ(inv_return(db, &r, &out), INV_OK);
    }
    InvLoanLine line;
    CHECK_EQ(inv_item_loan(db, "K-1", T0, &line), INV_OK);
    CHECK_EQ(line.loan_id, 4);
    /* a second open line of K-1 is refused by the index; more returned ones are not */
    CHECK_EQ(exec(db, "INSERT INTO loan_line(loan_id, seq, item_id, due_at) SELECT 1, 9, id, 0"
                      " FROM item WHERE barcode = 'K-1'"),
             SQLITE_CONSTRAINT_UNIQUE);
    CHECK_EQ(exec(db, "INSERT INTO loan_line(loan_id, seq, item_id, due_at, returned_at) SELECT"
                      " 1, 9, id, 0, 5 FROM item WHERE barcode = 'K-1'"),
             SQLITE_OK);
    /* another item's open line is no clash */
    CHECK_EQ(exec(db, "INSERT INTO loan_line(loan_id, seq, item_id, due_at) SELECT 1, 10, id, 0"
                      " FROM item WHERE barcode = 'K-2'"),
             SQLITE_OK);
    /* a line returned while another is open, then reopened: refused again */
    CHECK_EQ(exec(db, "UPDATE loan_line SET returned_at = NULL WHERE loan_id = 1 AND seq = 9"),
             SQLITE_CONSTRAINT_UNIQUE);
    inv_close(db);
}

int main(void)
{
    stf_begin("open-lines");
    T0 = stf_at("2024-03-01T12:00");
    RUN(test_plans);
    RUN(test_one_open_line);
    stf_end();
    return 0;
}
