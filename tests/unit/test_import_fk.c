/* Unit tests of the loan import's foreign key switch (issue 16): the loans are written with the
 * foreign key checks off (nothing changed since the check phase: a prepared PRAGMA
 * foreign_keys, as before, takes effect when it is prepared, so it never turned them off), and
 * the checks are on again afterwards on the same connection, after every import, also when one
 * import follows another and when one is refused. The summaries of the imported loans add up
 * (inv_check), also when a loan's rows lie apart in the file. */
#include "check.h"
#include "inv_int.h"
#include "inventory.h"
#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t now;

/* Imports text as a file of kind; the error code. */
static int import(InvDb *db, InvImportKind kind, const char *name, const char *text)
{
    char path[512];
    stf_path(path, sizeof(path), name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    CHECK(fputs(text, f) >= 0);
    CHECK_EQ(fclose(f), 0);
    InvImportResult *res = calloc(1, sizeof(*res));
    CHECK(res != NULL);
    int err = inv_import_csv(db, kind, path, now, NULL, NULL, res);
    for (size_t i = 0; i < res->n_problems && i < INV_IMPORT_PROBLEMS_MAX; i++)
        fprintf(stderr, "   problem: %s\n", res->problems[i]);
    free(res);
    return err;
}

/* Whether the connection checks foreign keys now. */
static bool fk_checked(InvDb *db)
{
    int on = -1;
    CHECK_EQ(sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &on), SQLITE_OK);
    return on == 1;
}

/* The checks at the last commit (the commit hook may not run SQL; reading the setting is not). */
static int fk_at_commit = -1;

static int on_commit(void *ctx)
{
    InvDb *db = ctx;
    sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &fk_at_commit);
    return 0;
}

/* A line of a loan that does not exist: refused when the checks are on. */
static void fk_refuses(InvDb *db)
{
    CHECK(fk_checked(db));
    int rc = sqlite3_exec(db->sql,
                          "INSERT INTO loan_line(loan_id, seq, item_id, due_at, returned_at)"
                          " VALUES (999999, 1, 1, 0, 1)",
                          NULL, NULL, NULL);
    CHECK_EQ(rc, SQLITE_CONSTRAINT_FOREIGNKEY);
}

static void test_imports_in_a_row(void)
{
    InvDb *db = stf_open_new("fk.db");
    CHECK(fk_checked(db));
    CHECK_EQ(import(db, INV_IMPORT_ITEMS, "items.csv",
                    "barcode,name,category\nI1,Ski,Ski\nI2,Skøyter,Skøyter\nI3,Hjelm,Ski\n"),
             INV_OK);
    CHECK_EQ(import(db, INV_IMPORT_BORROWERS, "borrowers.csv", "card,name\nC1,Ada\nC2,Bo\n"),
             INV_OK);
    CHECK(fk_checked(db));
    sqlite3_commit_hook(db->sql, on_commit, db);

    /* the first loans: the index of lines by item is made again (a schema change) */
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "a.csv",
                    "loan_ref,card,barcode,checked_out_at,returned_at\n"
                    "A1,C1,I1,2024-01-02T10:00,2024-01-03T10:00\n"
                    "A1,C1,I2,2024-01-02T10:00,2024-01-04T10:00\n"
                    "A2,C2,I3,2024-02-02T10:00,2024-02-03T10:00\n"
                    "A3,C2,I1,2024-03-02T10:00,2024-03-05T10:00\n"
                    "A1,C1,I3,2024-01-02T10:00,2024-01-05T10:00\n"),
             INV_OK);
    CHECK_EQ(fk_at_commit, 0); /* written with the checks off */
    fk_refuses(db);
    /* more loans on the same connection, no schema change this time */
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "b.csv",
                    "loan_ref,card,barcode,checked_out_at,returned_at\n"
                    "B1,C1,I2,2024-04-02T10:00,2024-04-03T10:00\n"
                    "B2,C2,I1,2024-04-02T11:00,\n"),
             INV_OK);
    CHECK_EQ(fk_at_commit, 0);
    fk_refuses(db);
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "c.csv",
                    "loan_ref,card,barcode,checked_out_at,returned_at\n"
                    "C1,C1,I3,2024-05-02T10:00,2024-05-03T10:00\n"),
             INV_OK);
    CHECK_EQ(fk_at_commit, 0);
    fk_refuses(db);
    /* items are written with the checks on */
    CHECK_EQ(
        import(db, INV_IMPORT_ITEMS, "items2.csv", "barcode,name,category\nI4,Sykkel,Sykkel\n"),
        INV_OK);
    CHECK_EQ(fk_at_commit, 1);
    /* refused (an unknown card): nothing written, the checks on */
    CHECK_EQ(import(db, INV_IMPORT_LOANS, "d.csv",
                    "loan_ref,card,barcode,checked_out_at,returned_at\n"
                    "D1,C9,I3,2024-06-02T10:00,2024-06-03T10:00\n"),
             INV_E_IMPORT);
    fk_refuses(db);

    CHECK_EQ(stf_count(db, "SELECT count(*) FROM loan"), 6);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM loan_line"), 8);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM loan_line WHERE loan_id ="
                           " (SELECT id FROM loan WHERE ref = 'A1')"),
             3);
    CHECK_EQ(stf_count(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    CHECK_EQ(inv_check(db), INV_OK);
    sqlite3_commit_hook(db->sql, NULL, NULL);
    inv_close(db);
}

int main(void)
{
    stf_begin("import-fk");
    now = stf_at("2025-01-15T12:00");
    test_imports_in_a_row();
    stf_end();
    printf("test_import_fk: ok\n");
    return 0;
}
