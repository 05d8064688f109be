/* Effects: what the screens ask for, performed through inventory, with the outcome mapped to a
 * UiResult and the data the screens show copied into the answer event. A store failure (I/O,
 * busy, corrupt) becomes UI_R_STORE with inv_errmsg() as the detail shown to staff, and is
 * logged on stderr. */
#include "app.h"

#include <stdio.h>
#include <string.h>

static UiResult map_err(App *app, int err, UiEvent *ev);
static void copy(char *dst, size_t size, const char *src);
static void to_person(const InvBorrower *b, UiPerson *p);
static void to_item(const InvItem *it, UiItem *u);
static int load_borrower(App *app, const InvBorrower *b, UiEvent *ev);
static int on_open_line(const InvLoanLine *line, void *ctx);
static int on_co(const InvBorrower *b, void *ctx);
static int on_found(const InvBorrower *b, void *ctx);
static int on_audit_line(const InvAuditLine *line, void *ctx);
static int on_loan_line(const InvLoanLine *line, void *ctx);
static void checkout(App *app, const UiCheckoutReq *req, UiEvent *ev);
static void date_local(int64_t t, UiDate *out);

void app_perform(App *app, const UiFx *fx, const UiEffects *all, UiEvent *ev)
{
    InvDb *db = app->db;
    int64_t now = app_now(app);
    int err = INV_OK;
    ui_event_init(ev, UI_EV_TICK);
    ev->now_ms = app->clock_ms;
    switch (fx->kind) {
    case UI_FX_NONE:
    case UI_FX_LOGGED_OUT:
        app->staff_role = 0;
        return;
    case UI_FX_SOUND:
        app->last_sound = fx->sound;
        if (app->gfx)
            gfx_play(app->gfx, fx->sound);
        return;
    case UI_FX_IDENTIFY: {
        ev->kind = UI_EV_IDENTIFIED;
        copy(ev->code, sizeof ev->code, fx->code);
        InvBorrower b;
        err = inv_borrower_get(db, fx->code, &b);
        if (err == INV_OK) {
            err = load_borrower(app, &b, ev);
            break;
        }
        if (err != INV_E_UNKNOWN_BORROWER)
            break;
        InvStaff s;
        err = inv_staff_get(db, fx->code, &s);
        if (err == INV_OK) {
            ev->who_kind = UI_WHO_STAFF;
            ev->staff.id = s.id;
            copy(ev->staff.card, sizeof ev->staff.card, s.card);
            copy(ev->staff.name, sizeof ev->staff.name, s.name);
            ev->role = (UiRole)s.role;
            break;
        }
        if (err != INV_E_NOT_FOUND)
            break;
        InvItem it;
        err = inv_item_get(db, fx->code, &it);
        if (err == INV_OK) {
            ev->who_kind = UI_WHO_ITEM;
            to_item(&it, &ev->item);
        } else if (err == INV_E_UNKNOWN_ITEM) {
            ev->who_kind = UI_WHO_NONE;
        }
        break;
    }
    case UI_FX_LOAD_BORROWER: {
        ev->kind = UI_EV_IDENTIFIED;
        InvBorrower b;
        err = inv_borrower_get_id(db, fx->id, &b);
        if (err == INV_OK)
            err = load_borrower(app, &b, ev);
        break;
    }
    case UI_FX_LEND_CHECK: {
        ev->kind = UI_EV_LEND_CHECKED;
        copy(ev->code, sizeof ev->code, fx->code);
        InvItem it;
        memset(&it, 0, sizeof it);
        int64_t due = 0;
        err = inv_lend_check(db, fx->id, fx->code, now, &it, &due);
        to_item(&it, &ev->item);
        copy(ev->item.code, sizeof ev->item.code, fx->code);
        if (err == INV_OK)
            date_local(due, &ev->due);
        break;
    }
    case UI_FX_CHECKOUT:
        checkout(app, &all->checkout, ev);
        return;
    case UI_FX_RETURN: {
        ev->kind = UI_EV_RETURNED;
        copy(ev->code, sizeof ev->code, fx->code);
        InvReturn r = {fx->code, false, NULL, fx->staff_id, now};
        InvReturned out;
        err = inv_return(db, &r, &out);
        if (err == INV_OK) {
            to_item(&out.item, &ev->item);
            date_local(out.due_at, &ev->due);
            ev->overdue = out.overdue;
        } else {
            InvItem it; /* name the item even when it was not on loan */
            if (inv_item_get(db, fx->code, &it) == INV_OK)
                to_item(&it, &ev->item);
        }
        break;
    }
    case UI_FX_SET_STATUS:
        ev->kind = UI_EV_DONE;
        ev->of = fx->kind;
        copy(ev->code, sizeof ev->code, fx->code);
        ev->n = (int)fx->status;
        err = inv_item_set_status(db, fx->code, (InvItemStatus)fx->status,
                                  fx->text[0] ? fx->text : NULL, fx->staff_id, now);
        break;
    case UI_FX_DAMAGED:
        ev->kind = UI_EV_DONE;
        ev->of = fx->kind;
        copy(ev->code, sizeof ev->code, fx->code);
        err = inv_return_damaged(db, fx->code, fx->text[0] ? fx->text : NULL, fx->staff_id, now);
        break;
    case UI_FX_STAFF_LOGIN: {
        ev->kind = UI_EV_STAFF_LOGGED;
        InvStaff s;
        int64_t locked_until = 0;
        err = inv_staff_login(db, fx->code, fx->text, now, &s, &locked_until);
        if (err == INV_E_LOCKED) /* shown as a wrong PIN until the UI shows the countdown */
            err = INV_E_AUTH;
        if (err == INV_OK) {
            ev->staff.id = s.id;
            copy(ev->staff.card, sizeof ev->staff.card, s.card);
            copy(ev->staff.name, sizeof ev->staff.name, s.name);
            ev->role = (UiRole)s.role;
            app->staff_role = s.role;
        }
        break;
    }
    case UI_FX_SEARCH:
        ev->kind = UI_EV_FOUND;
        err = inv_borrower_each(db, fx->text, UI_FOUND_MAX, on_found, ev);
        break;
    case UI_FX_REGISTER: {
        ev->kind = UI_EV_REGISTERED;
        const UiRegisterReq *r = &all->reg;
        InvBorrower b;
        memset(&b, 0, sizeof b);
        if (r->adult_card[0]) {
            InvBorrower adult;
            err = inv_borrower_get(db, r->adult_card, &adult);
            if (err != INV_OK)
                break;
            b.responsible_id = adult.id;
        }
        copy(b.card, sizeof b.card, r->card);
        copy(b.name, sizeof b.name, r->name);
        copy(b.phone, sizeof b.phone, r->phone);
        b.birth_year = r->birth_year;
        b.consent = r->consent;
        b.registered_by = r->staff_id;
        err = inv_borrower_add(db, &b, now, NULL);
        if (err == INV_OK)
            err = inv_borrower_get(db, r->card, &b);
        if (err == INV_OK)
            to_person(&b, &ev->who);
        break;
    }
    case UI_FX_ITEM_INFO: {
        ev->kind = UI_EV_ITEM_INFO;
        copy(ev->code, sizeof ev->code, fx->code);
        InvItem it;
        err = inv_item_get(db, fx->code, &it);
        if (err == INV_OK)
            to_item(&it, &ev->item);
        break;
    }
    case UI_FX_ADD_ITEM: {
        ev->kind = UI_EV_DONE;
        ev->of = fx->kind;
        const UiItemReq *r = &all->item;
        copy(ev->code, sizeof ev->code, r->code);
        InvItem it;
        memset(&it, 0, sizeof it);
        copy(it.barcode, sizeof it.barcode, r->code);
        copy(it.name, sizeof it.name, r->name);
        copy(it.category, sizeof it.category, r->category);
        copy(it.location, sizeof it.location, r->location);
        err = inv_item_add(db, &it, now, NULL);
        break;
    }
    case UI_FX_BLOCK:
    case UI_FX_UNBLOCK:
        ev->kind = UI_EV_DONE;
        ev->of = fx->kind;
        copy(ev->code, sizeof ev->code, fx->code);
        if (fx->kind == UI_FX_BLOCK)
            err = inv_borrower_block(db, fx->code, fx->text, fx->staff_id, now);
        else
            err = inv_borrower_unblock(db, fx->code, fx->staff_id, now);
        break;
    case UI_FX_AUDIT_START: {
        ev->kind = UI_EV_AUDIT;
        int64_t id = 0;
        InvAuditCount c;
        InvItem it;
        if (fx->code[0] && inv_item_get(db, fx->code, &it) == INV_OK) {
            ev->result = UI_R_EXISTS; /* an item's barcode, not a shelf label */
            return;
        }
        err = inv_audit_start(db, fx->code, fx->staff_id, now, &id);
        if (err == INV_OK)
            err = inv_audit_count(db, id, &c);
        if (err == INV_OK) {
            ev->audit_id = id;
            ev->count = (UiAuditCount){(int)c.expected, (int)c.found, (int)c.misplaced, (int)c.lent,
                                       (int)c.unknown};
        }
        break;
    }
    case UI_FX_AUDIT_SCAN: {
        ev->kind = UI_EV_AUDIT;
        copy(ev->code, sizeof ev->code, fx->code);
        ev->audit_id = fx->id;
        InvAuditKind kind = INV_AUDIT_FOUND;
        InvAuditCount c;
        err = inv_audit_scan(db, fx->id, fx->code, now, &kind, &c);
        if (err == INV_OK) {
            ev->audit_kind = (UiAuditKind)kind;
            ev->count = (UiAuditCount){(int)c.expected, (int)c.found, (int)c.misplaced, (int)c.lent,
                                       (int)c.unknown};
            InvItem it;
            if (kind != INV_AUDIT_UNKNOWN && inv_item_get(db, fx->code, &it) == INV_OK)
                to_item(&it, &ev->item);
        }
        break;
    }
    case UI_FX_AUDIT_FINISH: {
        ev->kind = UI_EV_AUDIT_REPORT;
        ev->audit_id = fx->id;
        InvAuditCount c;
        err = inv_audit_finish(db, fx->id, now);
        if (err == INV_OK)
            err = inv_audit_count(db, fx->id, &c);
        if (err == INV_OK) {
            ev->count = (UiAuditCount){(int)c.expected, (int)c.found, (int)c.misplaced, (int)c.lent,
                                       (int)c.unknown};
            err = inv_audit_each(db, fx->id, on_audit_line, ev);
        }
        break;
    }
    case UI_FX_MARK_MISSING: {
        ev->kind = UI_EV_DONE;
        ev->of = fx->kind;
        size_t n = 0;
        err = inv_audit_mark_missing(db, fx->id, fx->staff_id, now, &n);
        ev->n = (int)n;
        break;
    }
    case UI_FX_STATS: {
        ev->kind = UI_EV_STATS;
        InvYearReport r;
        err = inv_year_report(db, fx->year, now, &r);
        if (err != INV_OK)
            break;
        UiStats *s = &ev->stats;
        s->year = fx->year;
        s->items_lent = r.total.items_lent;
        s->loans = r.total.loans;
        s->borrowers = r.total.borrowers;
        s->new_borrowers = r.total.new_borrowers;
        for (int m = 0; m < 12; m++)
            s->month_items[m] = r.month[m].items_lent;
        for (size_t i = 0; i < r.n_categories && s->n_cats < UI_CATS_MAX; i++) {
            copy(s->cat_name[s->n_cats], sizeof s->cat_name[0], r.by_category[i].category);
            s->cat_items[s->n_cats++] = r.by_category[i].items_lent;
        }
        inv_year_report_release(&r);
        break;
    }
    }
    ev->result = map_err(app, err, ev);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void checkout(App *app, const UiCheckoutReq *req, UiEvent *ev)
{
    InvDb *db = app->db;
    int64_t now = app_now(app);
    ev->kind = UI_EV_CHECKED_OUT;
    int err = INV_OK;
    if (req->leader_override && app->staff_role != INV_ROLE_LEADER) {
        ev->result = UI_R_NEEDS_LEADER;
        copy(ev->code, sizeof ev->code, req->line[0].code);
        return;
    }
    const char *codes[UI_BASKET_MAX];
    bool overridden[UI_BASKET_MAX];
    bool any = false;
    for (int i = 0; i < req->n; i++) {
        codes[i] = req->line[i].code;
        /* a leader lends a refused item anyway (on loan, in repair, missing): the store does it
         * in the checkout's own transaction, so a refused checkout changes nothing */
        overridden[i] = req->line[i].refused != UI_R_OK;
        any = any || overridden[i];
    }
    InvCheckout co = {.borrower_id = req->borrower_id,
                      .barcodes = codes,
                      .n_barcodes = (size_t)req->n,
                      .staff_id = req->staff_id,
                      .now = now,
                      .overrides = any ? overridden : NULL};
    int64_t loan_id = 0;
    err = inv_checkout(db, &co, &loan_id);
    if (err == INV_OK) {
        ev->result = UI_R_OK;
        /* due dates as the store set them */
        inv_loan_each_line(db, loan_id, now, on_loan_line, ev);
        return;
    }
    ev->result = map_err(app, err, ev);
    if (ev->result == UI_R_STORE)
        return;
    /* name the line that was refused: the barcode the store refused (a part scanned with its
     * set, say), else the first the store refuses now, else the last scanned */
    copy(ev->code, sizeof ev->code, inv_err_barcode(db));
    for (int i = 0; i < req->n && !ev->code[0]; i++) {
        if (req->line[i].refused == UI_R_OK &&
            inv_lend_check(db, req->borrower_id, codes[i], now, NULL, NULL) != INV_OK)
            copy(ev->code, sizeof ev->code, codes[i]);
    }
    if (!ev->code[0] && req->n > 0)
        copy(ev->code, sizeof ev->code, codes[req->n - 1]);
}

static UiResult map_err(App *app, int err, UiEvent *ev)
{
    switch (err) {
    case INV_OK:
        return UI_R_OK;
    case INV_E_UNKNOWN_ITEM:
        return UI_R_UNKNOWN_ITEM;
    case INV_E_ITEM_ON_LOAN:
        return UI_R_ON_LOAN;
    case INV_E_ITEM_IN_REPAIR:
        return UI_R_IN_REPAIR;
    case INV_E_ITEM_MISSING:
        return UI_R_MISSING;
    case INV_E_ITEM_RETIRED:
        return UI_R_RETIRED;
    case INV_E_BORROWER_BLOCKED:
        return UI_R_BLOCKED;
    case INV_E_ITEM_TWICE:
        return UI_R_TWICE;
    case INV_E_NOT_ON_LOAN:
        return UI_R_NOT_ON_LOAN;
    case INV_E_AUTH:
        return UI_R_AUTH;
    case INV_E_NEEDS_LEADER:
        return UI_R_NEEDS_LEADER;
    case INV_E_EXISTS:
        return UI_R_EXISTS;
    case INV_E_INVALID:
    case INV_E_AUDIT_CLOSED:
        copy(ev->text, sizeof ev->text, inv_errmsg(app->db));
        return UI_R_INVALID;
    case INV_E_NOT_FOUND:
        return UI_R_NOT_FOUND;
    case INV_E_UNKNOWN_BORROWER:
        return UI_R_UNKNOWN_BORROWER;
    default:
        copy(ev->text, sizeof ev->text, inv_errmsg(app->db));
        fprintf(stderr, "bua-kiosk: store failure: %s\n", ev->text);
        return UI_R_STORE;
    }
}

static void copy(char *dst, size_t size, const char *src)
{
    app_copy(dst, size, src);
}

static void to_person(const InvBorrower *b, UiPerson *p)
{
    memset(p, 0, sizeof *p);
    p->id = b->id;
    copy(p->card, sizeof p->card, b->card);
    copy(p->name, sizeof p->name, b->name);
    copy(p->phone, sizeof p->phone, b->phone);
    p->birth_year = b->birth_year;
    p->blocked = b->blocked;
    copy(p->blocked_reason, sizeof p->blocked_reason, b->blocked_reason);
    p->responsible_id = b->responsible_id;
}

static void to_item(const InvItem *it, UiItem *u)
{
    memset(u, 0, sizeof *u);
    copy(u->code, sizeof u->code, it->barcode);
    copy(u->name, sizeof u->name, it->name);
    copy(u->category, sizeof u->category, it->category);
    copy(u->location, sizeof u->location, it->location);
    u->status = (UiItemStatus)it->status;
}

static int load_borrower(App *app, const InvBorrower *b, UiEvent *ev)
{
    ev->who_kind = UI_WHO_BORROWER;
    to_person(b, &ev->who);
    int err = inv_borrower_each_open(app->db, b->id, true, app_now(app), on_open_line, ev);
    if (err == INV_OK && !b->responsible_id)
        err = inv_borrower_each_co(app->db, b->id, on_co, ev);
    return err;
}

static int on_open_line(const InvLoanLine *line, void *ctx)
{
    UiEvent *ev = ctx;
    if (line->overdue)
        ev->n_overdue++;
    if (ev->n_loans == UI_LOANS_MAX)
        return 0;
    UiLoan *l = &ev->loans[ev->n_loans++];
    copy(l->code, sizeof l->code, line->barcode);
    copy(l->name, sizeof l->name, line->item_name);
    copy(l->who, sizeof l->who, line->borrower_name);
    date_local(line->due_at, &l->due);
    l->overdue = line->overdue;
    return 0;
}

static int on_co(const InvBorrower *b, void *ctx)
{
    UiEvent *ev = ctx;
    if (ev->n_co < UI_CO_MAX)
        to_person(b, &ev->co[ev->n_co++]);
    return 0;
}

static int on_found(const InvBorrower *b, void *ctx)
{
    UiEvent *ev = ctx;
    if (ev->n < UI_FOUND_MAX)
        to_person(b, &ev->people[ev->n++]);
    return 0;
}

static int on_audit_line(const InvAuditLine *line, void *ctx)
{
    UiEvent *ev = ctx;
    if (line->kind == INV_AUDIT_MISSING)
        ev->n++;
    if (ev->n_lines == UI_AUDIT_LINES)
        return 0;
    UiAuditLine *l = &ev->lines[ev->n_lines++];
    l->kind = (UiAuditKind)line->kind;
    copy(l->code, sizeof l->code, line->barcode);
    copy(l->name, sizeof l->name, line->name);
    copy(l->location, sizeof l->location, line->location);
    return 0;
}

/* After a checkout: the due date the store gave each line, into the event's loans. */
static int on_loan_line(const InvLoanLine *line, void *ctx)
{
    UiEvent *ev = ctx;
    if (ev->n_loans == UI_EV_LOANS_MAX)
        return 0;
    UiLoan *l = &ev->loans[ev->n_loans++];
    copy(l->code, sizeof l->code, line->barcode);
    copy(l->name, sizeof l->name, line->item_name);
    date_local(line->due_at, &l->due);
    return 0;
}

/* The local date of a UTC time in the centre's time zone (inv_time_format's local date) as
 * numbers for the UI, with the weekday (Sakamoto's method; 1 Monday .. 7 Sunday). */
static void date_local(int64_t t, UiDate *out)
{
    static const int shift[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    char buf[32];
    int y = 0;
    int m = 0;
    int d = 0;
    memset(out, 0, sizeof *out);
    inv_time_format(t, true, buf, sizeof buf);
    if (sscanf(buf, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return;
    int yy = m < 3 ? y - 1 : y;
    int sunday0 = (yy + yy / 4 - yy / 100 + yy / 400 + shift[m - 1] + d) % 7;
    out->year = y;
    out->month = m;
    out->day = d;
    out->weekday = sunday0 == 0 ? 7 : sunday0;
}
