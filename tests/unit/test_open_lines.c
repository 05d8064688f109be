/* The index of loan lines (issue 16, schema step 4): loan_line_open_item, on (0 when open / NULL
 * when returned, item), one index in place of two (lines by item, open lines by item). Every
 * statement of INV_SQL_MAP is planned on a real store file (EXPLAIN QUERY PLAN): those that look
 * up an item's open line seek it, those that read the open lines read their range, and none
 * reads every loan line unless listed here as meaning to (a statement that asks for lines by
 * item without LL_OPEN, LL_CLOSED or LL_ANY does: the rule fails then). The index keeps "one open
 * line per item": a second open line is refused, returned lines are many. (And a centre's items
 * never lent are counted over its items, item_centre.) */
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

/* The statements that look up one item's open line (or each item's, joined by item): one seek. */
static const char *const open_by_item[] = {
    "LINE_OPEN",      "ITEM_LOAN",        "RENEW_LINE",           "LOST_OPEN",
    "RES_LOAN_CLASH", "CHECK_OPEN_LINES", "RES_FREE_OF_CATEGORY", "OVERDUE_COUNT",
};
/* The statements that read the open lines (a borrower's, the overdue ones): their range only. */
static const char *const open_lines[] = {"LINES_OF_BORROWER", "LINES_OVERDUE", "CALL_LIST",
                                         "REMIND_LOANS", "ERASE_OPEN"};
/* The statements that read every loan line on purpose (rebuilds, raw counts, the import's size
 * check), or by borrower, for which no index exists (a borrower's history and losses). */
static const char *const whole_table[] = {
    "REBUILD_LOANS",          "RAW_ITEMS",    "IMP_LINE_COUNT", "LINES_HISTORY",
    "LINES_LOST_OF_BORROWER", "EXPORT_LOANS", "SWEEP_FIND",
};

#define SEEK_OPEN "loan_line_open_item (<expr>=? AND item_id=?)"
#define RANGE_OPEN "loan_line_open_item (<expr>=?)"

static int64_t T0; /* 2024-03-01 12:00 Oslo */

static bool listed(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}
#define LISTED(name, list) listed(name, list, sizeof(list) / sizeof(list[0]))

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

/* Whether a plan reads the whole of loan_line (as `ll`, its alias in every statement, or by
 * name): a scan of the table or of its index. */
static bool scans_lines(const char *plan)
{
    for (const char *p = plan; (p = strstr(p, "SCAN ")) != NULL; p++) {
        const char *what = p + 5;
        const char *end = strchr(what, '\n');
        size_t len = end ? (size_t)(end - what) : strlen(what);
        if (strncmp(what, "ll", 2) == 0 && (what[2] == '\n' || what[2] == ' '))
            return true;
        if (strncmp(what, "loan_line", 9) == 0 && (what[9] == '\n' || what[9] == ' '))
            return true;
        for (size_t k = 0; k + 19 <= len; k++)
            if (strncmp(what + k, "loan_line_open_item", 19) == 0)
                return true;
    }
    return false;
}

static void test_plans(void)
{
    InvDb *db = stf_open_new("plans.db");
    char plan[16384];
    /* the rules can fail: an item's open line asked for without LL_OPEN reads every line */
    const char *forgot = "SELECT seq FROM loan_line ll WHERE ll.item_id = ?1 AND"
                         " ll.returned_at IS NULL";
    plan_of(db->sql, "forgot", forgot, plan, sizeof(plan));
    CHECK(scans_lines(plan));
    CHECK(strstr(plan, SEEK_OPEN) == NULL);

    size_t n_stmts = sizeof(stmts) / sizeof(stmts[0]);
    size_t seen = 0;
    for (size_t i = 0; i < n_stmts; i++) {
        const char *name = stmts[i].name;
        plan_of(db->sql, name, stmts[i].sql, plan, sizeof(plan));
        bool whole = LISTED(name, whole_table);
        if (scans_lines(plan) != whole) {
            fprintf(stderr, "%s %s:\n%s", name,
                    whole ? "is listed as reading every loan line, and does not"
                          : "reads every loan line (LL_OPEN, LL_CLOSED or LL_ANY forgotten?)",
                    plan);
            CHECK(false);
        }
        const char *want = LISTED(name, open_by_item) ? SEEK_OPEN
                           : LISTED(name, open_lines) ? RANGE_OPEN
                                                      : NULL;
        if (want != NULL && strstr(plan, want) == NULL) {
            fprintf(stderr, "%s does not read %s:\n%s", name, want, plan);
            CHECK(false);
        }
        seen += whole + (want != NULL);
    }
    /* every name listed is a statement */
    CHECK_EQ(seen, sizeof(open_by_item) / sizeof(open_by_item[0]) +
                       sizeof(open_lines) / sizeof(open_lines[0]) +
                       sizeof(whole_table) / sizeof(whole_table[0]));
    /* a centre's items never lent: over its items, no index of the mark (which a checkout's
     * status update would write) */
    plan_of(db->sql, "NEVER_LENT", stmts[SQL_NEVER_LENT].sql, plan, sizeof(plan));
    CHECK(strstr(plan, "USING INDEX item_centre (centre_id=?)") != NULL);
    /* nothing else indexes loan lines: a checkout writes one index entry a line */
    sqlite3_stmt *st = NULL;
    CHECK_EQ(sqlite3_prepare_v2(db->sql,
                                "SELECT group_concat(name, ' ') FROM (SELECT name FROM"
                                " sqlite_master WHERE type = 'index' AND tbl_name = 'loan_line'"
                                " ORDER BY name)",
                                -1, &st, NULL),
             SQLITE_OK);
    CHECK_EQ(sqlite3_step(st), SQLITE_ROW);
    /* and the work-training one: lines a staff member took back (inv_training.c), partial */
    CHECK_STREQ((const char *)sqlite3_column_text(st, 0),
                "loan_line_open_item loan_line_return_staff");
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
