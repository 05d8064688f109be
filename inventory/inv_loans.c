/* Lending rules: whether an item can be lent, checkout (one transaction per loan, sets lend
 * their parts), return (one transaction per item), and the lists of loan lines. */
#include "inv_int.h"
#include "inv_sync_int.h"
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of a checkout being built. */
typedef struct Line {
    int64_t item_id;
    int64_t category_id;
    int64_t due_at;
    int64_t res_id; /* the borrower's own reservation this line fulfils; 0: none */
    int status;     /* the item's, as read for the checkout */
    char barcode[INV_CODE_MAX];
} Line;

typedef struct Build {
    Line lines[INV_CHECKOUT_MAX];
    size_t n;
    int due_days; /* the last due time worked out: for due_days, at due_at */
    int64_t due_at;
    int64_t borrower_id; /* who borrows: items reserved for others are refused */
} Build;

static void build_init(Build *b, int64_t borrower_id);
static int check_borrower(InvDb *db, int64_t borrower_id);
/* Loan lines are written up to BATCH at a time (the *_8 statements). */
#define BATCH 8
/* Items are looked up to LOOKUP_BATCH at a time (LEND_INFO_8). */
#define LOOKUP_BATCH 8

/* An item's facts for a checkout (read_facts). */
typedef struct LendFacts {
    int64_t id;
    InvItemStatus status;
    InvItemExtra x;
    char name[INV_NAME_MAX];
} LendFacts;

static int lend_info(InvDb *db, const char *barcode, InvItem *item, InvItemExtra *x);
static int lend_info_batch(InvDb *db, const char *const *barcodes, size_t n, LendFacts *facts,
                           bool *found);
static void use_facts(const LendFacts *f, const char *barcode, InvItem *item, InvItemExtra *x);
static int refusal(InvDb *db, const InvItem *item, bool relend, bool force, int64_t staff_id,
                   int64_t now);
static int add_line(InvDb *db, Build *b, const InvItem *item, const InvItemExtra *x, int64_t now);
static int add_parts(InvDb *db, Build *b, const InvItem *set, bool relend, int64_t staff_id,
                     int64_t now);
static int close_line(InvDb *db, int64_t seq, int64_t loan_id, int64_t item_id, bool damaged,
                      const char *note, int64_t staff_id, int64_t now);
static int fulfil_reservations(InvDb *db, const Build *b, int64_t now);
static int return_item(InvDb *db, const InvReturn *ret, const char *const *present,
                       size_t n_present, bool all, InvReturned *out);

int inv_lend_check(InvDb *db, int64_t borrower_id, const char *barcode, int64_t now, InvItem *item,
                   int64_t *due_at)
{
    InvItem it;
    InvItemExtra x;
    int err = inv__check_code(db, "barcode", barcode);
    if (err != INV_OK)
        return err;
    err = inv__item_get(db, barcode, &it, &x);
    if (err != INV_OK)
        return err;
    if (item != NULL)
        *item = it;
    int64_t due = inv__due_at(db, now, x.loan_days);
    if (due_at != NULL)
        *due_at = due;
    err = check_borrower(db, borrower_id);
    if (err != INV_OK)
        return err;
    err = refusal(db, &it, false, false, 0, now);
    int64_t own = 0;
    if (err == INV_OK)
        err = inv__reserve_check(db, it.id, it.barcode, it.name, borrower_id, now, due, &own);
    if (err != INV_OK || !x.has_parts)
        return err;
    Build b;
    build_init(&b, borrower_id);
    b.due_days = x.loan_days; /* parts of the same loan period reuse the set's due day */
    b.due_at = due;
    return add_parts(db, &b, &it, false, 0, now);
}

int inv_checkout(InvDb *db, const InvCheckout *co, int64_t *loan_id)
{
    if (co->n_barcodes == 0 || co->n_barcodes > INV_CHECKOUT_MAX)
        return inv__fail(db, INV_E_INVALID, "a checkout has 1 to %d items, not %zu",
                         INV_CHECKOUT_MAX, co->n_barcodes);
    bool any_override = false;
    for (size_t i = 0; co->overrides != NULL && i < co->n_barcodes; i++)
        any_override = any_override || co->overrides[i];
    if ((co->relend || any_override) && co->staff_id == 0)
        return inv__fail(db, INV_E_NEEDS_LEADER,
                         "only a leader can lend a refused item: no staff card given");
    for (size_t i = 0; i < co->n_barcodes; i++) {
        int err = inv__check_code(db, "barcode", co->barcodes[i]);
        if (err != INV_OK)
            return err;
    }
    Build build; /* on the stack: its lines are written before they are read */
    Build *b = &build;
    build_init(b, co->borrower_id);
    int err = inv__begin(db);
    if (err != INV_OK)
        return err;
    if (co->relend || any_override) {
        err = inv__check_leader(
            db, co->staff_id,
            co->relend ? "take back and lend again an item on loan" : "lend a refused item", NULL);
        if (err != INV_OK)
            goto out_rollback;
    }
    err = check_borrower(db, co->borrower_id);
    if (err == INV_OK)
        err = inv__cal_ready(db); /* due days: the calendar as committed, read once */
    if (err != INV_OK)
        goto out_rollback;

    /* the items, in the order they were scanned. Unless a leader takes back or overrides (which
     * write while the items are read), nothing changes an item before the loans are written:
     * then their facts are read LOOKUP_BATCH at a time, and each is used when its turn comes. */
    InvItem item;
    InvItemExtra x;
    LendFacts facts[LOOKUP_BATCH];
    bool found[LOOKUP_BATCH];
    bool batch = !co->relend && !any_override;
    for (size_t i = 0; i < co->n_barcodes; i++) {
        bool force = co->overrides != NULL && co->overrides[i];
        size_t k = i % LOOKUP_BATCH;
        if (!batch)
            err = lend_info(db, co->barcodes[i], &item, &x);
        else if (k == 0)
            err = lend_info_batch(db, co->barcodes + i, co->n_barcodes - i, facts, found);
        if (batch && err == INV_OK) {
            if (found[k])
                use_facts(&facts[k], co->barcodes[i], &item, &x);
            else
                err = inv__refuse(db, INV_E_UNKNOWN_ITEM, co->barcodes[i], "unknown barcode %s",
                                  co->barcodes[i]);
        }
        if (err == INV_OK)
            err = refusal(db, &item, co->relend || force, force, co->staff_id, co->now);
        if (err == INV_OK)
            err = add_line(db, b, &item, &x, co->now);
        if (err == INV_OK && x.has_parts)
            err = add_parts(db, b, &item, co->relend, co->staff_id, co->now);
        if (err != INV_OK)
            goto out_rollback;
    }

    /* the loan and its lines; their row images go to the outbox (of a synced device) after
     * them in one statement, their INSERT triggers quiet meanwhile (inv_sync_spec.c) */
    db->sync_quiet = true;
    sqlite3_stmt *st = inv__stmt(db, SQL_LOAN_ADD);
    sqlite3_bind_int64(st, 1, db->centre_id);
    sqlite3_bind_int64(st, 2, co->borrower_id);
    if (co->staff_id != 0)
        sqlite3_bind_int64(st, 3, co->staff_id);
    sqlite3_bind_int64(st, 4, co->now);
    err = inv__run(db, st, "cannot record the loan");
    if (err != INV_OK)
        goto out_rollback;
    int64_t id = sqlite3_last_insert_rowid(db->sql);

    for (size_t first = 0; first < b->n; first += BATCH) {
        size_t n = b->n - first < BATCH ? b->n - first : BATCH;
        sqlite3_stmt *lines = inv__stmt(db, SQL_LINES_ADD_8);
        sqlite3_bind_int64(lines, 1, id);
        for (size_t i = 0; i < n; i++) {
            const Line *l = &b->lines[first + i];
            sqlite3_bind_int64(lines, 2 + 3 * (int)i, (int64_t)(first + i + 1)); /* seq */
            sqlite3_bind_int64(lines, 3 + 3 * (int)i, l->item_id);
            sqlite3_bind_int64(lines, 4 + 3 * (int)i, l->due_at);
        }
        err = inv__run(db, lines, "cannot record the loan");
        if (err != INV_OK)
            goto out_rollback;
    }
    db->sync_quiet = false;
    int64_t item_ids[INV_CHECKOUT_MAX];
    int64_t due[INV_CHECKOUT_MAX];
    for (size_t i = 0; i < b->n; i++) {
        item_ids[i] = b->lines[i].item_id;
        due[i] = b->lines[i].due_at;
    }
    SyncCheckout out = {.loan_id = id,
                        .borrower_id = co->borrower_id,
                        .staff_id = co->staff_id,
                        .at = co->now,
                        .n = b->n,
                        .item_id = item_ids,
                        .due_at = due};
    err = inv__sync_checkout(db, &out);
    if (err != INV_OK)
        goto out_rollback;
    /* on loan, and lent at least once: one UPDATE by id per item (an IN list of ids would build
     * a temporary table at every checkout: ~4% more CPU a checkout, with or without a sync
     * identity, though callgrind counts fewer instructions), the status bound (a WITH of every
     * status costs more than the update) */
    for (size_t i = 0; i < b->n; i++) {
        /* a refused item a leader lends (or one taken back meanwhile): its status now, for the
         * outbox row a change from other than available or on loan makes; else as read */
        int before = b->lines[i].status;
        if (!batch)
            err = inv__sync_status_before(db, b->lines[i].item_id, &before);
        sqlite3_stmt *lend = inv__stmt(db, SQL_ITEM_LEND);
        sqlite3_bind_int64(lend, 1, b->lines[i].item_id);
        sqlite3_bind_int(lend, 2, INV_ITEM_ON_LOAN);
        if (err == INV_OK)
            err = inv__run(db, lend, "cannot record the loan");
        if (err == INV_OK)
            err = inv__sync_item_status(db, b->lines[i].item_id, before, INV_ITEM_ON_LOAN);
        if (err != INV_OK)
            goto out_rollback;
    }
    err = inv__sum_checkout(db, id);
    if (err != INV_OK)
        goto out_rollback;
    err = fulfil_reservations(db, b, co->now);
    if (err == INV_OK)
        err = inv__receipt_queue(db, id, co->borrower_id, co->now);
    if (err != INV_OK)
        goto out_rollback;
    err = inv__commit(db);
    if (err == INV_OK && loan_id != NULL)
        *loan_id = id;
    return err;

out_rollback:
    db->sync_quiet = false;
    inv__rollback(db);
    return err;
}

int inv_return(InvDb *db, const InvReturn *ret, InvReturned *out)
{
    return return_item(db, ret, NULL, 0, true, out);
}

int inv_return_set(InvDb *db, const InvReturn *ret, const char *const *present, size_t n_present,
                   InvReturned *out)
{
    if (n_present > INV_CHECKOUT_MAX)
        return inv__fail(db, INV_E_INVALID, "a set has at most %d parts, not %zu",
                         INV_CHECKOUT_MAX - 1, n_present);
    for (size_t i = 0; i < n_present; i++) {
        int err = inv__check_code(db, "part barcode", present[i]);
        if (err != INV_OK)
            return err;
    }
    return return_item(db, ret, present, n_present, false, out);
}

int inv_return_damaged(InvDb *db, const char *barcode, const char *note, int64_t staff_id,
                       int64_t now)
{
    int err = inv__check_code(db, "barcode", barcode);
    if (err == INV_OK)
        err = inv__check_text(db, "note", note, INV_TEXT_MAX, false);
    if (err != INV_OK)
        return err;
    err = inv__begin(db);
    if (err != INV_OK)
        return err;
    InvItem item;
    err = inv_item_get(db, barcode, &item);
    if (err != INV_OK)
        goto out_rollback;
    if (item.status == INV_ITEM_ON_LOAN) {
        err = inv__fail(db, INV_E_ITEM_ON_LOAN, "%s (%s) is on loan: return it as damaged",
                        item.barcode, item.name);
        goto out_rollback;
    }
    sqlite3_stmt *st = inv__stmt(db, SQL_LINE_LAST_RETURNED);
    sqlite3_bind_int64(st, 1, item.id);
    int rc = sqlite3_step(st);
    int64_t loan_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int64_t seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        err = inv__fail(db, INV_E_NOT_ON_LOAN, "%s (%s) has never been lent", item.barcode,
                        item.name);
        goto out_rollback;
    }
    if (rc != SQLITE_ROW) {
        err = inv__sqlfail(db, rc, "cannot read loans");
        goto out_rollback;
    }
    const char *why = note != NULL && note[0] != '\0' ? note : "damaged at return";
    st = inv__stmt(db, SQL_LINE_DAMAGED);
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_int64(st, 2, seq);
    inv__bind_text(st, 3, why);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 4, staff_id);
    err = inv__run(db, st, "cannot note the damage");
    if (err != INV_OK)
        goto out_rollback;
    err = inv__item_status(db, item.id, INV_ITEM_IN_REPAIR, why, staff_id, now);
    if (err != INV_OK)
        goto out_rollback;
    return inv__commit(db);

out_rollback:
    inv__rollback(db);
    return err;
}

int inv_borrower_each_open(InvDb *db, int64_t borrower_id, bool include_co, int64_t now,
                           InvLoanLineFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINES_OF_BORROWER);
    sqlite3_bind_int64(st, 1, borrower_id);
    sqlite3_bind_int(st, 2, include_co ? 1 : 0);
    return inv__walk_lines(db, st, now, fn, ctx);
}

int inv_each_overdue(InvDb *db, int64_t now, InvLoanLineFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINES_OVERDUE);
    sqlite3_bind_int64(st, 1, now);
    return inv__walk_lines(db, st, now, fn, ctx);
}

int inv_loan_each_line(InvDb *db, int64_t loan_id, int64_t now, InvLoanLineFn fn, void *ctx)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINES_OF_LOAN);
    sqlite3_bind_int64(st, 1, loan_id);
    return inv__walk_lines(db, st, now, fn, ctx);
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* The parts out with a set on loan `loan_id`: seq, item id, and barcode in r->parts. */
static int read_parts(InvDb *db, int64_t loan_id, int64_t set_id, int64_t (*parts)[2],
                      InvReturned *r, size_t *n_out)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINE_OPEN_PARTS);
    sqlite3_bind_int64(st, 1, loan_id);
    sqlite3_bind_int64(st, 2, set_id);
    size_t n = 0;
    int rc = SQLITE_OK;
    while (n < INV_CHECKOUT_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        parts[n][0] = sqlite3_column_int64(st, 0);
        parts[n][1] = sqlite3_column_int64(st, 1);
        inv__col_text(st, 2, r->parts[n], sizeof(r->parts[n]));
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return inv__sqlfail(db, rc, "cannot read the parts of a set");
    *n_out = n;
    return INV_OK;
}

/* "incomplete: missing A, B" and the returner's note after it, cut to fit a note. */
static void missing_note(const InvReturned *r, const char *note, char *buf, size_t size)
{
    char all[INV_CHECKOUT_MAX * (INV_CODE_MAX + 2) + INV_TEXT_MAX + 64];
    size_t len = (size_t)snprintf(all, sizeof(all), "incomplete: missing");
    for (size_t i = 0; i < r->n_missing; i++)
        len += (size_t)snprintf(all + len, sizeof(all) - len, "%s %s", i == 0 ? "" : ",",
                                r->missing[i]);
    if (note != NULL && note[0] != '\0')
        snprintf(all + len, sizeof(all) - len, "; %s", note);
    inv__copy(buf, size, all);
}

/* Returns an item; a set comes back with the parts that went out with it on the same loan: all
 * of them (all), or those in present[] while the others are missing (inv_return_set). */
static int return_item(InvDb *db, const InvReturn *ret, const char *const *present,
                       size_t n_present, bool all, InvReturned *out)
{
    int err = inv__check_code(db, "barcode", ret->barcode);
    if (err == INV_OK)
        err = inv__check_text(db, "note", ret->note, INV_TEXT_MAX, false);
    if (err != INV_OK)
        return err;
    InvReturned *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return inv__fail(db, INV_E_NOMEM, "out of memory");
    err = inv__begin(db);
    if (err != INV_OK)
        goto out_free;
    err = inv_item_get(db, ret->barcode, &r->item);
    if (err != INV_OK)
        goto out_rollback;
    int64_t seq = 0;
    err = inv__open_line(db, r->item.id, &seq, &r->loan_id, &r->borrower_id, &r->due_at);
    if (err != INV_OK)
        goto out_rollback;
    if (seq == 0) {
        err = inv__fail(db, INV_E_NOT_ON_LOAN, "%s (%s) is not on loan: nothing to return",
                        r->item.barcode, r->item.name);
        goto out_rollback;
    }

    /* A set comes back with the parts that went out with it on the same loan. */
    int64_t parts[INV_CHECKOUT_MAX][2];
    bool back[INV_CHECKOUT_MAX];
    size_t n = 0;
    err = read_parts(db, r->loan_id, r->item.id, parts, r, &n);
    if (err != INV_OK)
        goto out_rollback;
    for (size_t i = 0; i < n; i++)
        back[i] = all;
    for (size_t k = 0; k < n_present; k++) {
        size_t i = 0;
        while (i < n && strcmp(r->parts[i], present[k]) != 0)
            i++;
        if (i == n || back[i]) {
            err = inv__refuse(db, INV_E_NOT_A_PART, present[k],
                              i == n ? "%s is not a part of set %s out on this loan"
                                     : "part %s of set %s is listed twice",
                              present[k], r->item.barcode);
            goto out_rollback;
        }
        back[i] = true;
    }
    char returned[INV_CHECKOUT_MAX][INV_CODE_MAX];
    size_t n_back = 0;
    for (size_t i = 0; i < n; i++) {
        if (back[i])
            memcpy(returned[n_back++], r->parts[i], INV_CODE_MAX);
        else
            memcpy(r->missing[r->n_missing++], r->parts[i], INV_CODE_MAX);
    }

    char note[INV_TEXT_MAX];
    inv__copy(note, sizeof(note), ret->note != NULL ? ret->note : "");
    if (r->n_missing > 0)
        missing_note(r, ret->note, note, sizeof(note));
    bool to_repair = ret->damaged || r->n_missing > 0;
    err = close_line(db, seq, r->loan_id, r->item.id, to_repair, note, ret->staff_id, ret->now);
    for (size_t i = 0; i < n && err == INV_OK; i++) {
        if (back[i]) {
            err = close_line(db, parts[i][0], r->loan_id, parts[i][1], false, "", ret->staff_id,
                             ret->now);
            continue;
        }
        /* missing: the line stays open, reported lost; the part is missing, not available */
        char why[INV_TEXT_MAX];
        snprintf(why, sizeof(why), "missing when set %s came back", r->item.barcode);
        sqlite3_stmt *st = inv__stmt(db, SQL_LINE_SET_LOST);
        sqlite3_bind_int64(st, 1, r->loan_id);
        sqlite3_bind_int64(st, 2, parts[i][0]);
        sqlite3_bind_int64(st, 3, ret->now);
        if (ret->staff_id != 0)
            sqlite3_bind_int64(st, 4, ret->staff_id);
        inv__bind_text(st, 5, why);
        err = inv__run(db, st, "cannot record a missing part");
        if (err == INV_OK)
            err = inv__item_status(db, parts[i][1], INV_ITEM_MISSING, why, ret->staff_id, ret->now);
    }
    if (err != INV_OK)
        goto out_rollback;
    memcpy(r->parts, returned, sizeof(returned[0]) * n_back);
    r->n_parts = n_back;

    r->item.status = to_repair ? INV_ITEM_IN_REPAIR : INV_ITEM_AVAILABLE;
    r->overdue = ret->now > r->due_at;
    err = inv__commit(db);
    if (err == INV_OK && out != NULL)
        *out = *r;
    free(r);
    return err;

out_rollback:
    inv__rollback(db);
out_free:
    free(r);
    return err;
}

/* What a checkout needs of an item, and no more (it is on the scan-to-loan path): id, status,
 * category, loan days, has parts, name and maybe held, read from column `c` of LEND_INFO or
 * LEND_INFO_8 on. */
static void read_facts(sqlite3_stmt *st, int c, LendFacts *f)
{
    f->id = sqlite3_column_int64(st, c);
    f->status = (InvItemStatus)sqlite3_column_int(st, c + 1);
    f->x.category_id = sqlite3_column_int64(st, c + 2);
    f->x.loan_days = sqlite3_column_int(st, c + 3);
    if (f->x.loan_days <= 0)
        f->x.loan_days = INV_DEFAULT_LOAN_DAYS;
    f->x.has_parts = sqlite3_column_int(st, c + 4) != 0;
    inv__col_text(st, c + 5, f->name, sizeof(f->name));
    f->x.maybe_held = sqlite3_column_int(st, c + 6) != 0;
}

/* The facts as the checkout uses them: id, barcode, name and status in *item, the rest zero. */
static void use_facts(const LendFacts *f, const char *barcode, InvItem *item, InvItemExtra *x)
{
    memset(item, 0, sizeof(*item));
    item->id = f->id;
    item->status = f->status;
    inv__copy(item->name, sizeof(item->name), f->name);
    inv__copy(item->barcode, sizeof(item->barcode), barcode);
    *x = f->x;
}

static int lend_info(InvDb *db, const char *barcode, InvItem *item, InvItemExtra *x)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LEND_INFO);
    inv__bind_text(st, 1, barcode);
    int rc = sqlite3_step(st);
    LendFacts f;
    if (rc == SQLITE_ROW)
        read_facts(st, 0, &f);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        use_facts(&f, barcode, item, x);
        return INV_OK;
    }
    if (rc == SQLITE_DONE)
        return inv__refuse(db, INV_E_UNKNOWN_ITEM, barcode, "unknown barcode %s", barcode);
    return inv__sqlfail(db, rc, "cannot read item");
}

/* The facts of the next min(n, LOOKUP_BATCH) items in one statement: one step loop and one
 * reset for them all, not one each. found[i] is false for an unknown barcode, which the
 * checkout refuses when it reaches it, as it would have looking it up alone. */
static int lend_info_batch(InvDb *db, const char *const *barcodes, size_t n, LendFacts *facts,
                           bool *found)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LEND_INFO_8);
    for (size_t i = 0; i < LOOKUP_BATCH; i++) {
        found[i] = false;
        if (i < n)
            inv__bind_text(st, 1 + (int)i, barcodes[i]);
        else
            sqlite3_bind_null(st, 1 + (int)i);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = sqlite3_column_int(st, 0);
        if (k >= 0 && k < LOOKUP_BATCH) {
            read_facts(st, 1, &facts[k]);
            found[k] = true;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read item");
    return INV_OK;
}

static void build_init(Build *b, int64_t borrower_id)
{
    b->n = 0;
    b->due_days = 0;
    b->due_at = 0;
    b->borrower_id = borrower_id;
}

/* The borrower may borrow: known, not blocked, nor their responsible adult. One lookup of two
 * flags when all is well; the refusal's names are read only when it is not. */
static int check_borrower(InvDb *db, int64_t borrower_id)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_BORROWER_CHECK);
    sqlite3_bind_int64(st, 1, borrower_id);
    int rc = sqlite3_step(st);
    bool fine = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0 &&
                sqlite3_column_int(st, 1) == 0 && sqlite3_column_int(st, 2) == 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read borrower");
    if (fine)
        return INV_OK;
    InvBorrower b;
    int err = inv_borrower_get_id(db, borrower_id, &b);
    if (err == INV_E_NOT_FOUND)
        return inv__fail(db, INV_E_UNKNOWN_BORROWER, "no borrower with id %lld",
                         (long long)borrower_id);
    if (err != INV_OK)
        return err;
    if (b.blocked)
        return inv__fail(db, INV_E_BORROWER_BLOCKED, "%s is blocked: %s", b.name, b.blocked_reason);
    if (b.responsible_id != 0) {
        InvBorrower adult;
        err = inv_borrower_get_id(db, b.responsible_id, &adult);
        if (err != INV_OK)
            return err;
        if (adult.blocked)
            return inv__fail(db, INV_E_BORROWER_BLOCKED, "%s's responsible adult %s is blocked: %s",
                             b.name, adult.name, adult.blocked_reason);
    }
    return INV_OK;
}

/* Only a leader may lend a refused item (override) or take an item back to lend it again
 * (relend): the store knows the roles, so every caller gets the same rule. */

/* Whether `item` can go out now: INV_OK, or its refusal with a message naming it. An item on
 * loan is taken back here when staff asked to lend it again (relend); one in repair or missing is
 * made available when a leader lends it anyway (force), with a note in its history. */
static int refusal(InvDb *db, const InvItem *item, bool relend, bool force, int64_t staff_id,
                   int64_t now)
{
    if (force && (item->status == INV_ITEM_IN_REPAIR || item->status == INV_ITEM_MISSING))
        return inv__item_status(db, item->id, INV_ITEM_AVAILABLE, "override by leader at checkout",
                                staff_id, now);
    switch (item->status) {
    case INV_ITEM_AVAILABLE:
        return INV_OK;
    case INV_ITEM_ON_LOAN: {
        int64_t seq = 0;
        int64_t loan_id = 0;
        int64_t borrower_id = 0;
        int64_t due_at = 0;
        int err = inv__open_line(db, item->id, &seq, &loan_id, &borrower_id, &due_at);
        if (err != INV_OK)
            return err;
        if (relend && seq != 0)
            return close_line(db, seq, loan_id, item->id, false, "taken back at a new checkout",
                              staff_id, now);
        char due[32];
        inv_time_format(due_at, true, due, sizeof(due));
        return inv__refuse(db, INV_E_ITEM_ON_LOAN, item->barcode, "%s (%s) is on loan, due %s",
                           item->barcode, item->name, due);
    }
    case INV_ITEM_IN_REPAIR:
        return inv__refuse(db, INV_E_ITEM_IN_REPAIR, item->barcode, "%s (%s) is in repair",
                           item->barcode, item->name);
    case INV_ITEM_MISSING:
        return inv__refuse(db, INV_E_ITEM_MISSING, item->barcode, "%s (%s) is marked missing",
                           item->barcode, item->name);
    case INV_ITEM_RETIRED:
        return inv__refuse(db, INV_E_ITEM_RETIRED, item->barcode, "%s (%s) is retired",
                           item->barcode, item->name);
    }
    return inv__fail(db, INV_E_CORRUPT, "%s has an unknown status %d", item->barcode,
                     (int)item->status);
}

static int add_line(InvDb *db, Build *b, const InvItem *item, const InvItemExtra *x, int64_t now)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->lines[i].item_id == item->id)
            return inv__refuse(db, INV_E_ITEM_TWICE, item->barcode,
                               "%s (%s) is in the checkout twice", item->barcode, item->name);
    if (b->n == INV_CHECKOUT_MAX)
        return inv__fail(db, INV_E_INVALID, "a checkout has at most %d items with their parts",
                         INV_CHECKOUT_MAX);
    Line *l = &b->lines[b->n];
    l->category_id = x->category_id;
    l->item_id = item->id;
    l->status = (int)item->status;
    if (b->due_days != x->loan_days) { /* items of one loan mostly share their loan period */
        b->due_days = x->loan_days;
        b->due_at = inv__due_at(db, now, x->loan_days);
    }
    l->due_at = b->due_at;
    inv__copy(l->barcode, sizeof(l->barcode), item->barcode);
    /* held for someone else from now to due? (looked up only when a reservation holds it) */
    l->res_id = 0;
    int err = x->maybe_held ? inv__reserve_check(db, item->id, item->barcode, item->name,
                                                 b->borrower_id, now, l->due_at, &l->res_id)
                            : INV_OK;
    if (err != INV_OK)
        return err;
    b->n++;
    return INV_OK;
}

typedef struct PartsCtx {
    InvDb *db;
    Build *b;
    bool relend;
    int64_t staff_id;
    int64_t now;
    InvItem set;
} PartsCtx;

static int part_fn(const InvItem *part, void *vctx)
{
    PartsCtx *c = vctx;
    int err = refusal(c->db, part, c->relend, false, c->staff_id, c->now);
    if (err != INV_OK) {
        char why[INV_MSG_MAX];
        inv__copy(why, sizeof(why), c->db->msg);
        return inv__refuse(c->db, err, c->set.barcode, "part of set %s: %s", c->set.barcode, why);
    }
    InvItem again;
    InvItemExtra x;
    err = inv__item_get(c->db, part->barcode, &again, &x);
    if (err != INV_OK)
        return err;
    return add_line(c->db, c->b, part, &x, c->now);
}

/* A set (an item with parts) lends its parts with it. */
static int add_parts(InvDb *db, Build *b, const InvItem *set, bool relend, int64_t staff_id,
                     int64_t now)
{
    PartsCtx c = {db, b, relend, staff_id, now, *set};
    return inv_item_each_part(db, set->id, part_fn, &c);
}

/* Closes open line `seq` of a loan (and counts its length in the summaries of the loan's year). */
static int close_line(InvDb *db, int64_t seq, int64_t loan_id, int64_t item_id, bool damaged,
                      const char *note, int64_t staff_id, int64_t now)
{
    sqlite3_stmt *ls = inv__stmt(db, SQL_LOAN_START);
    sqlite3_bind_int64(ls, 1, loan_id);
    int lrc = sqlite3_step(ls);
    int64_t centre = lrc == SQLITE_ROW ? sqlite3_column_int64(ls, 0) : 0;
    int64_t out_at = lrc == SQLITE_ROW ? sqlite3_column_int64(ls, 1) : 0;
    sqlite3_reset(ls);
    if (lrc != SQLITE_ROW)
        return inv__sqlfail(db, lrc, "cannot read the loan");
    int err =
        inv__sum_returned(db, centre, inv__local(out_at).year, 1, now > out_at ? now - out_at : 0);
    if (err != INV_OK)
        return err;
    sqlite3_stmt *st = inv__stmt(db, SQL_LINE_RETURN);
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int64(st, 6, loan_id);
    sqlite3_bind_int64(st, 2, now);
    if (staff_id != 0)
        sqlite3_bind_int64(st, 3, staff_id);
    sqlite3_bind_int(st, 4, damaged ? 1 : 0);
    inv__bind_text(st, 5, note);
    err = inv__run(db, st, "cannot record the return");
    if (err != INV_OK)
        return err;
    if (damaged) /* to repair, with the note in the item's history */
        return inv__item_status(db, item_id, INV_ITEM_IN_REPAIR,
                                note && note[0] ? note : "damaged at return", staff_id, now);
    int before = INV_ITEM_ON_LOAN;
    err = inv__sync_status_before(db, item_id, &before); /* one marked missing comes back */
    if (err != INV_OK)
        return err;
    st = inv__stmt(db, SQL_ITEM_SET_STATUS);
    sqlite3_bind_int64(st, 1, item_id);
    sqlite3_bind_int(st, 2, INV_ITEM_AVAILABLE);
    err = inv__run(db, st, "cannot record the return");
    if (err == INV_OK)
        err = inv__sync_item_status(db, item_id, before, INV_ITEM_AVAILABLE);
    return err;
}

/* The loan fulfils the borrower's reservations: an item held for them is collected; another item
 * of a category they booked takes the place of the one set aside (which is free again). Only
 * looked at when the borrower has a reservation (one lookup per checkout otherwise). */
static int fulfil_reservations(InvDb *db, const Build *b, int64_t now)
{
    bool any = false;
    for (size_t i = 0; i < b->n && !any; i++)
        any = b->lines[i].res_id != 0;
    int err = INV_OK;
    if (!any)
        err = inv__borrower_has_reservations(db, b->borrower_id, now, &any);
    for (size_t i = 0; any && err == INV_OK && i < b->n; i++) {
        const Line *l = &b->lines[i];
        err = inv__reserve_fulfil(db, l->res_id, l->item_id, l->category_id, b->borrower_id, now,
                                  l->due_at);
    }
    return err;
}

int inv__open_line(InvDb *db, int64_t item_id, int64_t *seq, int64_t *loan_id, int64_t *borrower_id,
                   int64_t *due_at)
{
    sqlite3_stmt *st = inv__stmt(db, SQL_LINE_OPEN);
    sqlite3_bind_int64(st, 1, item_id);
    int rc = sqlite3_step(st);
    *seq = 0;
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(st, 0);
        *loan_id = sqlite3_column_int64(st, 1);
        *borrower_id = sqlite3_column_int64(st, 2);
        *due_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot read loans");
    return INV_OK;
}

int inv__walk_lines(InvDb *db, sqlite3_stmt *st, int64_t now, InvLoanLineFn fn, void *ctx)
{
    int rc = SQLITE_OK;
    int ret = 0;
    InvLoanLine l;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        inv__read_line(st, now, &l);
        ret = fn(&l, ctx);
    }
    sqlite3_reset(st);
    if (ret != 0)
        return ret;
    if (rc != SQLITE_DONE)
        return inv__sqlfail(db, rc, "cannot list loans");
    return INV_OK;
}

void inv__read_line(sqlite3_stmt *st, int64_t now, InvLoanLine *l)
{
    memset(l, 0, sizeof(*l));
    l->loan_id = sqlite3_column_int64(st, 0);
    l->borrower_id = sqlite3_column_int64(st, 1);
    inv__col_text(st, 2, l->borrower_name, sizeof(l->borrower_name));
    inv__col_text(st, 3, l->card, sizeof(l->card));
    inv__col_text(st, 4, l->barcode, sizeof(l->barcode));
    inv__col_text(st, 5, l->item_name, sizeof(l->item_name));
    inv__col_text(st, 6, l->category, sizeof(l->category));
    l->checked_out_at = sqlite3_column_int64(st, 7);
    l->due_at = sqlite3_column_int64(st, 8);
    l->returned_at = sqlite3_column_int64(st, 9);
    l->overdue = l->returned_at == 0 && l->due_at < now;
}
