/* Effects: what the screens ask for, performed through inventory, with the outcome mapped to a
 * UiResult and the data the screens show copied into the answer event. A store failure (I/O,
 * busy, corrupt) becomes UI_R_STORE with inv_errmsg() as the detail shown to staff, and is
 * logged on stderr. */
#include "app.h"
#include "inv_paths.h"

#include <stdio.h>
#include <string.h>

static UiResult map_err(App *app, int err, UiEvHead *h);
static void copy(char *dst, size_t size, const char *src);
static void to_person(const InvBorrower *b, UiPerson *p);
static void to_item(const InvItem *it, UiItem *u);
static UiAuditCount to_count(const InvAuditCount *c);
static void identify(App *app, const char *code);
static void load_borrower(App *app, int64_t id);
static int borrower_answer(App *app, const InvBorrower *b, UiEvIdentified *ev);
static int on_open_line(const InvLoanLine *line, void *ctx);
static int on_co(const InvBorrower *b, void *ctx);
static int on_found(const InvBorrower *b, void *ctx);
static int on_audit_line(const InvAuditLine *line, void *ctx);
static int on_loan_line(const InvLoanLine *line, void *ctx);
static void checkout(App *app, const UiFxCheckout *req);
static void search(App *app, const UiFxSearch *req);
static void audit_finish(App *app, int64_t audit_id);
static void date_local(int64_t t, UiDate *out);
static void history(App *app, int64_t borrower_id);
static void res_list(App *app);
static int on_reservation(const InvReservation *r, void *ctx);
static int64_t day_start(const UiDate *d);
static int on_history_line(const InvLoanLine *line, void *ctx);
static int calendar(App *app, int64_t now, UiCalendar *out);
static int stats_last_year(InvDb *db, int year, UiStats *s);

/* kiosk_ui mirrors these inventory enums value for value: checked here, the only place that sees
 * both headers. */
#define APP_ITEM_SAME(name, msg)                                                                   \
    _Static_assert((int)UI_ITEM_##name == (int)INV_ITEM_##name, "UI_ITEM_" #name);
UI_ITEM_STATUS_MAP(APP_ITEM_SAME)
#undef APP_ITEM_SAME
#define APP_AUDIT_SAME(name, msg, sound)                                                           \
    _Static_assert((int)UI_AUDIT_##name == (int)INV_AUDIT_##name, "UI_AUDIT_" #name);
UI_AUDIT_KIND_MAP(APP_AUDIT_SAME)
#undef APP_AUDIT_SAME
_Static_assert((int)UI_ROLE_TRAINEE == (int)INV_ROLE_TRAINEE, "UI_ROLE_TRAINEE");
_Static_assert(UI_CONTACT_SMS == INV_CONTACT_SMS && UI_CONTACT_EMAIL == INV_CONTACT_EMAIL,
               "contact consent bits");
_Static_assert((int)UI_ROLE_LEADER == (int)INV_ROLE_LEADER, "UI_ROLE_LEADER");
_Static_assert(UI_ITEM_COUNT == INV_ITEM_RETIRED + 1, "every item status is mirrored");
_Static_assert(UI_PIN_MIN == INV_PIN_MIN && UI_PIN_MAX == INV_PIN_MAX, "the PIN length");
_Static_assert(UI_AUDIT_COUNT == INV_AUDIT_AGAIN + 1, "every audit kind is mirrored");
#define APP_HOLIDAY_SAME(name, msg)                                                                \
    _Static_assert((int)UI_HOLIDAY_##name == (int)INV_HOLIDAY_##name, "UI_HOLIDAY_" #name);
UI_HOLIDAY_MAP(APP_HOLIDAY_SAME)
#undef APP_HOLIDAY_SAME
_Static_assert(UI_HOLIDAY_COUNT == INV_HOLIDAY_BOXING_DAY + 1, "every holiday is mirrored");

/* Lists gathered before their answer is queued: the result first, then its parts. */
typedef struct Gather {
    App *app;
    int64_t borrower_id;
    int n;
    int n_overdue;
    int missing;
    int skip;  /* search: matches before the page asked for */
    int total; /* search: every match */
    union {
        UiLoan loan[UI_LOANS_MAX];
        UiPerson person[UI_FOUND_MAX];
        UiLentLine lent[UI_EV_LOANS_MAX];
        UiAuditLine audit[UI_AUDIT_LINES];
    } u;
} Gather;

void app_perform(App *app, const UiFx *fx)
{
    InvDb *db = app->db;
    int64_t now = app_now(app);
    int err = INV_OK;
    UiEvHead *h = NULL; /* the answer, whose result is set from err at the end */
    switch (fx->kind) {
    case UI_FX_NONE:
    case UI_FX_COUNT:
        return;
    case UI_FX_LOGGED_OUT:
        app->staff_role = 0;
        return;
    case UI_FX_SOUND:
        app->last_sound = fx->sound.sound;
        if (app->gfx)
            gfx_play(app->gfx, fx->sound.sound);
        return;
    case UI_FX_IDENTIFY:
        identify(app, fx->identify.code);
        return;
    case UI_FX_STAFF_INFO: /* people: staff accounts and borrower changes (app_people.c) */
    case UI_FX_STAFF_ENABLE:
    case UI_FX_STAFF_PIN:
    case UI_FX_EDIT_BORROWER:
    case UI_FX_REPLACE_CARD:
        app_people_perform(app, fx);
        return;
    case UI_FX_EXPORT: /* personal data: export, erasure, access log (app_privacy.c) */
    case UI_FX_ERASE:
    case UI_FX_ACCESS_LOG:
        app_privacy_perform(app, fx);
        return;
    case UI_FX_WORKDAY:
    case UI_FX_WORKDAYS:
    case UI_FX_WORKDAY_SET:
        app_training_perform(app, fx);
        return;
    case UI_FX_SYNC_STATUS: /* sync: the state, the conflicts (app_sync.c) */
    case UI_FX_CONFLICTS:
    case UI_FX_RESOLVE:
        app_sync_perform(app, fx);
        return;
    case UI_FX_LOAD_BORROWER:
        load_borrower(app, fx->load_borrower.id);
        return;
    case UI_FX_REPAIRS: /* the workshop: repair queue and bike jobs (app_workshop.c) */
    case UI_FX_REPAIR_ITEM:
    case UI_FX_REPAIR_STEP:
    case UI_FX_JOBS:
    case UI_FX_JOB:
    case UI_FX_JOB_ADD:
    case UI_FX_JOB_CHANGE:
        app_workshop_perform(app, fx);
        return;
    case UI_FX_LEND_CHECK: {
        UiEvLendChecked *ev = &app_push(app, UI_EV_LEND_CHECKED)->lend_checked;
        h = &ev->h;
        copy(ev->code, sizeof ev->code, fx->lend_check.code);
        InvItem it;
        memset(&it, 0, sizeof it);
        int64_t due = 0;
        err = inv_lend_check(db, fx->lend_check.borrower_id, fx->lend_check.code, now, &it, &due);
        if (err == INV_E_ITEM_RESERVED)
            date_local(inv_err_at(db), &ev->reserved_from);
        to_item(&it, &ev->item);
        copy(ev->item.code, sizeof ev->item.code, fx->lend_check.code);
        if (err == INV_OK)
            date_local(due, &ev->due);
        InvItem set; /* a part of a set goes with it: the basket must know which set */
        memset(&set, 0, sizeof set);
        if (it.kit_id && inv_item_get_id(db, it.kit_id, &set) == INV_OK)
            copy(ev->kit_code, sizeof ev->kit_code, set.barcode);
        break;
    }
    case UI_FX_CHECKOUT:
        checkout(app, &fx->checkout);
        app->idle_at = app->clock_ms + APP_IDLE_MS; /* its loan is queued for the figures */
        return;
    case UI_FX_RENEW: {
        UiEvRenewed *ev = &app_push(app, UI_EV_RENEWED)->renewed;
        h = &ev->h;
        copy(ev->code, sizeof ev->code, fx->renew.code);
        InvRenew r = {.barcode = fx->renew.code,
                      .borrower_id = fx->renew.borrower_id,
                      .staff_id = fx->renew.staff_id,
                      .now = now};
        InvRenewed out;
        err = inv_renew(db, &r, &out);
        if (err == INV_OK)
            date_local(out.line.due_at, &ev->due);
        else if (err == INV_E_ITEM_RESERVED)
            date_local(inv_err_at(db), &ev->reserved_from);
        break;
    }
    case UI_FX_HISTORY:
        history(app, fx->history.id);
        return;
    case UI_FX_RES_LIST:
        res_list(app);
        return;
    case UI_FX_CALLS: /* the call list and failing channels (app_calls.c) */
        app_calls(app);
        return;
    case UI_FX_RESERVE: {
        const UiFxReserve *q = &fx->reserve;
        UiEvResDone *ev = &app_push(app, UI_EV_RES_DONE)->res_done;
        h = &ev->h;
        ev->of = fx->kind;
        InvReserve r = {.borrower_id = q->borrower_id,
                        .barcode = q->code[0] ? q->code : NULL,
                        .category = q->code[0] ? NULL : q->category,
                        .count = q->count,
                        .from = day_start(&q->from),
                        .to = day_start(&q->to),
                        .staff_id = q->staff_id,
                        .now = now};
        err = inv_reserve(db, &r, &ev->id);
        if (err != INV_OK) /* staff see the store's words: which clash, how many are free */
            copy(ev->h.detail, sizeof ev->h.detail, inv_errmsg(db));
        break;
    }
    case UI_FX_RES_CANCEL: {
        UiEvResDone *ev = &app_push(app, UI_EV_RES_DONE)->res_done;
        h = &ev->h;
        ev->of = fx->kind;
        ev->id = fx->res_cancel.id;
        err = inv_reservation_cancel(db, fx->res_cancel.id, 0, now);
        if (err != INV_OK)
            copy(ev->h.detail, sizeof ev->h.detail, inv_errmsg(db));
        break;
    }
    case UI_FX_RETURN_SET:
    case UI_FX_ITEM_FOUND:
    case UI_FX_ITEM_LOST:
    case UI_FX_ITEM_HISTORY:
        app_items_perform(app, fx);
        return;
    case UI_FX_MAKE_LABEL: /* a barcode label (app_label.c) */
        app_label_perform(app, fx);
        return;
    case UI_FX_RETURN: {
        if (fx->ret.check_parts) { /* staff: a set's parts are checked first (app_items.c) */
            app_items_perform(app, fx);
            return;
        }
        UiEvReturned *ev = &app_push(app, UI_EV_RETURNED)->returned;
        h = &ev->h;
        copy(ev->code, sizeof ev->code, fx->ret.code);
        InvReturn r = {fx->ret.code, false, NULL, fx->ret.staff_id, now};
        InvReturned out;
        err = inv_return(db, &r, &out);
        if (err == INV_OK) {
            to_item(&out.item, &ev->item);
            date_local(out.due_at, &ev->due);
            ev->overdue = out.overdue;
        } else {
            InvItem it; /* name the item even when it was not on loan */
            if (inv_item_get(db, fx->ret.code, &it) == INV_OK)
                to_item(&it, &ev->item);
        }
        break;
    }
    case UI_FX_SET_STATUS: {
        const UiFxSetStatus *r = &fx->set_status;
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        h = &ev->h;
        ev->of = fx->kind;
        copy(ev->code, sizeof ev->code, r->code);
        ev->status = r->status;
        err = inv_item_set_status(db, r->code, (InvItemStatus)r->status,
                                  r->note[0] ? r->note : NULL, r->staff_id, now);
        break;
    }
    case UI_FX_DAMAGED: {
        const UiFxDamaged *r = &fx->damaged;
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        h = &ev->h;
        ev->of = fx->kind;
        copy(ev->code, sizeof ev->code, r->code);
        err = inv_return_damaged(db, r->code, r->note[0] ? r->note : NULL, r->staff_id, now);
        break;
    }
    case UI_FX_STAFF_LOGIN: {
        UiEvStaffLogged *ev = &app_push(app, UI_EV_STAFF_LOGGED)->staff_logged;
        h = &ev->h;
        InvStaff s;
        int64_t locked_until = 0;
        err =
            inv_staff_login(db, fx->staff_login.card, fx->staff_login.pin, now, &s, &locked_until);
        if (err == INV_E_LOCKED) /* the store keeps the lock; the UI shows its countdown */
            ev->locked_s = locked_until > now ? (int)(locked_until - now) : 1;
        app_people_since(app, err, fx->staff_login.card, &ev->since);
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
        search(app, &fx->search);
        return;
    case UI_FX_REGISTER: {
        const UiFxRegister *r = &fx->reg;
        UiEvRegistered *ev = &app_push(app, UI_EV_REGISTERED)->registered;
        h = &ev->h;
        InvBorrower b;
        memset(&b, 0, sizeof b);
        if (r->adult_card[0]) {
            InvBorrower adult;
            err = inv_borrower_get(db, r->adult_card, &adult);
            if (err != INV_OK)
                break;
            b.responsible_id = adult.id;
            b.consent_by = adult.id; /* the adult scanned their card and accepted for the child */
        }
        copy(b.card, sizeof b.card, r->card);
        copy(b.name, sizeof b.name, r->name);
        copy(b.phone, sizeof b.phone, r->phone);
        copy(b.email, sizeof b.email, r->email);
        copy(b.municipality, sizeof b.municipality, r->municipality);
        b.contact_consent = r->contact;
        b.birth_year = r->birth_year;
        b.consent = r->consent;
        if (r->consent) /* the terms shown are the ones in force */
            copy(b.consent_version, sizeof b.consent_version, app->terms[0].version);
        b.registered_by = r->staff_id;
        err = inv_borrower_add(db, &b, now, NULL);
        if (err == INV_OK)
            err = inv_borrower_get(db, r->card, &b);
        if (err == INV_OK)
            to_person(&b, &ev->who);
        break;
    }
    case UI_FX_ITEM_INFO: {
        UiEvItemInfo *ev = &app_push(app, UI_EV_ITEM_INFO)->item_info;
        h = &ev->h;
        copy(ev->code, sizeof ev->code, fx->item_info.code);
        InvItem it;
        err = inv_item_get(db, fx->item_info.code, &it);
        if (err == INV_OK)
            to_item(&it, &ev->item);
        if (err == INV_OK) /* damage notes wherever staff see the item */
            err = app_item_damage(app, fx->item_info.code, ev->damage, sizeof ev->damage);
        break;
    }
    case UI_FX_ADD_ITEM: {
        const UiFxAddItem *r = &fx->add_item;
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        h = &ev->h;
        ev->of = fx->kind;
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
    case UI_FX_BLOCK: {
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        h = &ev->h;
        ev->of = fx->kind;
        copy(ev->code, sizeof ev->code, fx->block.card);
        err = inv_borrower_block(db, fx->block.card, fx->block.reason, fx->block.staff_id, now);
        break;
    }
    case UI_FX_UNBLOCK: {
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        h = &ev->h;
        ev->of = fx->kind;
        copy(ev->code, sizeof ev->code, fx->unblock.card);
        err = inv_borrower_unblock(db, fx->unblock.card, fx->unblock.staff_id, now);
        break;
    }
    case UI_FX_AUDIT_START: {
        const UiFxAuditStart *r = &fx->audit_start;
        UiEvAudit *ev = &app_push(app, UI_EV_AUDIT)->audit;
        h = &ev->h;
        int64_t id = 0;
        InvAuditCount c;
        InvItem it;
        if (r->zone[0] && inv_item_get(db, r->zone, &it) == INV_OK) {
            ev->h.result = UI_R_EXISTS; /* an item's barcode, not a shelf label */
            return;
        }
        err = inv_audit_start(db, r->zone, r->staff_id, now, &id);
        if (err == INV_OK)
            err = inv_audit_count(db, id, &c);
        if (err == INV_OK) {
            ev->audit_id = id;
            ev->count = to_count(&c);
        }
        break;
    }
    case UI_FX_AUDIT_SCAN: {
        const UiFxAuditScan *r = &fx->audit_scan;
        UiEvAudit *ev = &app_push(app, UI_EV_AUDIT)->audit;
        h = &ev->h;
        copy(ev->code, sizeof ev->code, r->code);
        ev->audit_id = r->audit_id;
        InvAuditKind kind = INV_AUDIT_FOUND;
        InvAuditCount c;
        err = inv_audit_scan(db, r->audit_id, r->code, now, &kind, &c);
        if (err == INV_OK) {
            ev->audit_kind = (UiAuditKind)kind;
            ev->count = to_count(&c);
            InvItem it;
            if (kind != INV_AUDIT_UNKNOWN && inv_item_get(db, r->code, &it) == INV_OK)
                to_item(&it, &ev->item);
        }
        break;
    }
    case UI_FX_AUDIT_FINISH:
        audit_finish(app, fx->audit_finish.id);
        return;
    case UI_FX_MARK_MISSING: {
        UiEvDone *ev = &app_push(app, UI_EV_DONE)->done;
        h = &ev->h;
        ev->of = fx->kind;
        size_t n = 0;
        err = inv_audit_mark_missing(db, fx->mark_missing.audit_id, fx->mark_missing.staff_id, now,
                                     &n);
        ev->marked = (int)n;
        break;
    }
    case UI_FX_STATS: {
        UiEvStats *ev = &app_push(app, UI_EV_STATS)->stats;
        h = &ev->h;
        InvYearReport r;
        err = inv_year_report(db, fx->stats.year, now, &r);
        if (err != INV_OK)
            break;
        UiStats *s = &ev->stats;
        s->year = fx->stats.year;
        s->items_lent = r.total.items_lent;
        s->loans = r.total.loans;
        s->borrowers = r.total.borrowers;
        s->new_borrowers = r.total.new_borrowers;
        for (int m = 0; m < 12; m++)
            s->month_items[m] = r.month[m].items_lent;
        for (size_t i = 0; i < r.n_categories; i++) {
            if (s->n_cats == UI_CATS_MAX) { /* the least lent: counted, shown as "other" */
                s->n_cats_more++;
                s->cat_more_items += r.by_category[i].items_lent;
                continue;
            }
            copy(s->cat_name[s->n_cats], sizeof s->cat_name[0], r.by_category[i].category);
            s->cat_items[s->n_cats++] = r.by_category[i].items_lent;
        }
        inv_year_report_release(&r);
        if (fx->stats.year > 1970)
            err = stats_last_year(db, fx->stats.year - 1, s);
        break;
    }
    case UI_FX_CALENDAR: {
        UiEvCalendar *ev = &app_push(app, UI_EV_CALENDAR)->calendar;
        h = &ev->h;
        err = calendar(app, now, &ev->cal);
        break;
    }
    case UI_FX_CONSENT: { /* the current terms accepted at login (a child's by their adult) */
        UiEvent *ev = app_push(app, UI_EV_CONSENTED);
        h = &ev->h;
        err = inv_borrower_consent(db, fx->consent.borrower_id, app->terms[0].version,
                                   fx->consent.adult_card, now);
        break;
    }
    }
    h->result = map_err(app, err, h);
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* What a code is: a borrower card (their loans and co-borrowers follow), a staff card, an item,
 * or nothing known. */
static void identify(App *app, const char *code)
{
    InvDb *db = app->db;
    UiEvIdentified *ev = &app_push(app, UI_EV_IDENTIFIED)->identified;
    copy(ev->code, sizeof ev->code, code);
    InvBorrower b;
    int err = inv_borrower_get(db, code, &b);
    if (err == INV_OK && inv_borrower_login(db, b.id, app_now(app)) != INV_OK)
        inv_log(INV_LOG_ERR, "cannot record the login: %s", inv_errmsg(db)); /* login anyway */
    if (err == INV_OK) {
        err = borrower_answer(app, &b, ev);
    } else if (err == INV_E_UNKNOWN_BORROWER) {
        InvStaff s;
        err = inv_staff_get(db, code, &s);
        if (err == INV_OK) /* a disabled or expired card is refused before its PIN is asked */
            err = inv_staff_check_active(db, &s, app_now(app));
        if (err == INV_OK) {
            ev->who = UI_WHO_STAFF;
            ev->staff.id = s.id;
            copy(ev->staff.card, sizeof ev->staff.card, s.card);
            copy(ev->staff.name, sizeof ev->staff.name, s.name);
            ev->role = (UiRole)s.role;
        } else if (err == INV_E_NOT_FOUND) {
            InvItem it;
            err = inv_item_get(db, code, &it);
            if (err == INV_OK) {
                ev->who = UI_WHO_ITEM;
                to_item(&it, &ev->item);
            } else if (err == INV_E_UNKNOWN_ITEM) {
                ev->who = UI_WHO_NONE;
            }
        }
    }
    app_people_since(app, err, code, &ev->since);
    ev->h.result = map_err(app, err, &ev->h);
}

static void load_borrower(App *app, int64_t id)
{
    UiEvIdentified *ev = &app_push(app, UI_EV_IDENTIFIED)->identified;
    InvBorrower b;
    int err = inv_borrower_get_id(app->db, id, &b);
    if (err == INV_OK)
        err = borrower_answer(app, &b, ev);
    ev->h.result = map_err(app, err, &ev->h);
}

/* A borrower into *ev, and their open loans and co-borrowers queued after it in parts. */
static int borrower_answer(App *app, const InvBorrower *b, UiEvIdentified *ev)
{
    static Gather loans; /* static: the app is single-threaded, and the stack stays small */
    static Gather co;
    ev->who = UI_WHO_BORROWER;
    to_person(b, &ev->borrower);
    app_contact(app, b, &ev->borrower);
    ev->borrower.terms_due =
        app->terms[0].version[0] && inv_borrower_terms_due(b, app->terms[0].version);
    memset(&loans, 0, sizeof loans);
    memset(&co, 0, sizeof co);
    int err = inv_borrower_each_open(app->db, b->id, true, app_now(app), on_open_line, &loans);
    if (err == INV_OK && !b->responsible_id)
        err = inv_borrower_each_co(app->db, b->id, on_co, &co);
    if (err != INV_OK)
        return err;
    ev->n_loans = loans.n;
    ev->n_overdue = loans.n_overdue;
    ev->n_co = co.n;
    for (int i = 0; i < loans.n; i += UI_EV_LOANS_PART_MAX) {
        UiEvLoansPart *p = &app_push(app, UI_EV_LOANS_PART)->loans_part;
        p->borrower_id = b->id;
        p->first = i;
        for (int k = i; k < loans.n && p->n < UI_EV_LOANS_PART_MAX; k++)
            p->loan[p->n++] = loans.u.loan[k];
    }
    for (int i = 0; i < co.n; i += UI_EV_CO_PART_MAX) {
        UiEvCoPart *p = &app_push(app, UI_EV_CO_PART)->co_part;
        p->borrower_id = b->id;
        p->first = i;
        for (int k = i; k < co.n && p->n < UI_EV_CO_PART_MAX; k++)
            p->co[p->n++] = co.u.person[k];
    }
    return INV_OK;
}

static void search(App *app, const UiFxSearch *req)
{
    static Gather found;
    memset(&found, 0, sizeof found);
    found.app = app; /* a child's contact is looked up through the adult */
    UiEvFound *ev = &app_push(app, UI_EV_FOUND)->found;
    found.skip = req->first > 0 ? req->first : 0;
    /* every match is walked to count them; the page keeps UI_FOUND_MAX from `first` */
    int err = inv_borrower_each(app->db, req->query, 0, on_found, &found);
    ev->h.result = map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    ev->n = found.n;
    ev->first = found.skip;
    ev->total = found.total;
    for (int i = 0; i < found.n; i += UI_EV_FOUND_PART_MAX) {
        UiEvFoundPart *p = &app_push(app, UI_EV_FOUND_PART)->found_part;
        p->first = i;
        for (int k = i; k < found.n && p->n < UI_EV_FOUND_PART_MAX; k++)
            p->people[p->n++] = found.u.person[k];
    }
}

static void audit_finish(App *app, int64_t audit_id)
{
    static Gather lines;
    memset(&lines, 0, sizeof lines);
    UiEvAuditReport *ev = &app_push(app, UI_EV_AUDIT_REPORT)->audit_report;
    ev->audit_id = audit_id;
    InvAuditCount c;
    int err = inv_audit_finish(app->db, audit_id, app_now(app));
    if (err == INV_OK)
        err = inv_audit_count(app->db, audit_id, &c);
    if (err == INV_OK)
        err = inv_audit_each(app->db, audit_id, on_audit_line, &lines);
    if (err == INV_OK) /* then the plainly found ones: every line of the result */
        err = inv_audit_each_found(app->db, audit_id, on_audit_line, &lines);
    ev->h.result = map_err(app, err, &ev->h);
    if (err != INV_OK)
        return;
    ev->count = to_count(&c);
    ev->n_lines = lines.n;
    ev->missing = lines.missing;
    for (int i = 0; i < lines.n; i += UI_EV_AUDIT_PART_MAX) {
        UiEvAuditPart *p = &app_push(app, UI_EV_AUDIT_PART)->audit_part;
        p->first = i;
        for (int k = i; k < lines.n && p->n < UI_EV_AUDIT_PART_MAX; k++)
            p->line[p->n++] = lines.u.audit[k];
    }
}

static void checkout(App *app, const UiFxCheckout *req)
{
    static Gather lent;
    InvDb *db = app->db;
    int64_t now = app_now(app);
    UiEvCheckedOut *ev = &app_push(app, UI_EV_CHECKED_OUT)->checked_out;
    int err = INV_OK;
    if (req->leader_override && app->staff_role != INV_ROLE_LEADER) {
        ev->h.result = UI_R_NEEDS_LEADER;
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
    if (err == INV_E_ITEM_RESERVED)
        date_local(inv_err_at(db), &ev->reserved_from);
    if (err == INV_OK) {
        ev->h.result = UI_R_OK;
        /* the lines as the store lent them (due dates, parts of sets) follow in parts */
        memset(&lent, 0, sizeof lent);
        inv_loan_each_line(db, loan_id, now, on_loan_line, &lent);
        ev->n_lines = lent.n;
        for (int i = 0; i < lent.n; i += UI_EV_LENT_PART_MAX) {
            UiEvLentPart *p = &app_push(app, UI_EV_LENT_PART)->lent_part;
            p->first = i;
            for (int k = i; k < lent.n && p->n < UI_EV_LENT_PART_MAX; k++)
                p->line[p->n++] = lent.u.lent[k];
        }
        return;
    }
    ev->h.result = map_err(app, err, &ev->h);
    if (ev->h.result == UI_R_STORE)
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

static UiResult map_err(App *app, int err, UiEvHead *h)
{
    UiResult r = UI_R_STORE; /* I/O, busy, corrupt, out of memory, ...: the store failed */
    switch (err) {
#define APP_R_CASE(name, reason, label, overridable, tone, inv)                                    \
    case inv:                                                                                      \
        r = UI_R_##name;                                                                           \
        break;
        UI_RESULT_MAP(APP_R_CASE)
#undef APP_R_CASE
    case INV_E_AUDIT_CLOSED: /* a count finished elsewhere: the request no longer fits */
        r = UI_R_INVALID;
        break;
    default:
        break;
    }
    if (r == UI_R_INVALID || r == UI_R_STORE)
        copy(h->detail, sizeof h->detail, inv_errmsg(app->db));
    if (r == UI_R_STORE)
        inv_log(INV_LOG_ERR, "store failure: %s", h->detail);
    return r;
}

static void copy(char *dst, size_t size, const char *src)
{
    app_copy(dst, size, src);
}

UiResult app_map_err(App *app, int err, UiEvHead *h)
{
    return map_err(app, err, h);
}

void app_to_item(const InvItem *it, UiItem *u)
{
    to_item(it, u);
}

void app_date_local(int64_t t, UiDate *out)
{
    date_local(t, out);
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

static UiAuditCount to_count(const InvAuditCount *c)
{
    return (UiAuditCount){(int)c->expected, (int)c->found, (int)c->misplaced, (int)c->lent,
                          (int)c->unknown};
}

static int on_open_line(const InvLoanLine *line, void *ctx)
{
    Gather *g = ctx;
    if (line->overdue)
        g->n_overdue++;
    if (g->n == UI_LOANS_MAX)
        return 0;
    UiLoan *l = &g->u.loan[g->n++];
    copy(l->code, sizeof l->code, line->barcode);
    copy(l->name, sizeof l->name, line->item_name);
    copy(l->who, sizeof l->who, line->borrower_name);
    date_local(line->due_at, &l->due);
    l->overdue = line->overdue;
    return 0;
}

static int on_co(const InvBorrower *b, void *ctx)
{
    Gather *g = ctx;
    if (g->n < UI_CO_MAX)
        to_person(b, &g->u.person[g->n++]);
    return 0;
}

static int on_found(const InvBorrower *b, void *ctx)
{
    Gather *g = ctx;
    if (g->total++ >= g->skip && g->n < UI_FOUND_MAX) {
        to_person(b, &g->u.person[g->n]);
        app_contact(g->app, b, &g->u.person[g->n++]);
    }
    return 0;
}

static int on_audit_line(const InvAuditLine *line, void *ctx)
{
    Gather *g = ctx;
    if (line->kind == INV_AUDIT_MISSING)
        g->missing++;
    if (g->n == UI_AUDIT_LINES)
        return 0;
    UiAuditLine *l = &g->u.audit[g->n++];
    l->kind = (UiAuditKind)line->kind;
    copy(l->code, sizeof l->code, line->barcode);
    copy(l->name, sizeof l->name, line->name);
    copy(l->location, sizeof l->location, line->location);
    return 0;
}

/* After a checkout: the due date the store gave each line. */
static int on_loan_line(const InvLoanLine *line, void *ctx)
{
    Gather *g = ctx;
    if (g->n == UI_EV_LOANS_MAX)
        return 0;
    UiLentLine *l = &g->u.lent[g->n++];
    copy(l->code, sizeof l->code, line->barcode);
    copy(l->name, sizeof l->name, line->item_name);
    date_local(line->due_at, &l->due);
    return 0;
}

/* Renewals and reservations: the borrower's own loan lines of the last 12 months, newest
 * first, the count first and the lines in parts. */
typedef struct HistGather {
    int n;
    int total;
    UiHistLine line[UI_HISTORY_MAX];
} HistGather;

static void history(App *app, int64_t borrower_id)
{
    static HistGather g;
    int64_t now = app_now(app);
    memset(&g, 0, sizeof g);
    UiEvHistory *ev = &app_push(app, UI_EV_HISTORY)->history;
    ev->borrower_id = borrower_id;
    int err = inv_borrower_each_history(app->db, borrower_id, now - 365LL * 86400, now,
                                        on_history_line, &g);
    if (err != INV_OK) {
        ev->h.result = map_err(app, err, &ev->h);
        return;
    }
    ev->h.result = UI_R_OK;
    ev->n = g.n;
    ev->total = g.total;
    for (int i = 0; i < g.n; i += UI_EV_HIST_PART_MAX) {
        UiEvHistPart *p = &app_push(app, UI_EV_HIST_PART)->hist_part;
        p->first = i;
        for (int k = i; k < g.n && p->n < UI_EV_HIST_PART_MAX; k++)
            p->line[p->n++] = g.line[k];
    }
}

/* The coming reservations for the staff screen: the count and today first, then parts. */
typedef struct ResGather {
    int n;
    int total;
    UiReservation res[UI_RES_MAX];
} ResGather;

static void res_list(App *app)
{
    static ResGather g;
    int64_t now = app_now(app);
    memset(&g, 0, sizeof g);
    UiEvResList *ev = &app_push(app, UI_EV_RES_LIST)->res_list;
    date_local(now, &ev->today);
    int err = inv_reservation_each(app->db, now, false, on_reservation, &g);
    if (err != INV_OK) {
        ev->h.result = map_err(app, err, &ev->h);
        return;
    }
    ev->h.result = UI_R_OK;
    ev->n = g.n;
    ev->total = g.total;
    for (int i = 0; i < g.n; i += UI_EV_RES_PART_MAX) {
        UiEvResPart *p = &app_push(app, UI_EV_RES_PART)->res_part;
        p->first = i;
        for (int k = i; k < g.n && p->n < UI_EV_RES_PART_MAX; k++)
            p->res[p->n++] = g.res[k];
    }
}

static int on_reservation(const InvReservation *r, void *ctx)
{
    ResGather *g = ctx;
    g->total++;
    if (g->n == UI_RES_MAX)
        return 0;
    UiReservation *u = &g->res[g->n++];
    u->id = r->id;
    copy(u->who, sizeof u->who, r->borrower_name);
    u->category = r->category[0] != '\0';
    copy(u->what, sizeof u->what, u->category ? r->category : r->item_name);
    u->count = r->count;
    u->collected = r->collected;
    date_local(r->starts_at, &u->from);
    date_local(r->ends_at, &u->to);
    return 0;
}

/* Local midnight starting a day the screen picked (0 if it is not a date). */
static int64_t day_start(const UiDate *d)
{
    char text[16];
    int64_t t = 0;
    snprintf(text, sizeof text, "%04d-%02d-%02d", d->year, d->month, d->day);
    return inv_time_parse(text, &t) ? t : 0;
}

static int on_history_line(const InvLoanLine *line, void *ctx)
{
    HistGather *g = ctx;
    g->total++;
    if (g->n == UI_HISTORY_MAX)
        return 0; /* counted, not kept: the newest are shown */
    UiHistLine *h = &g->line[g->n++];
    copy(h->code, sizeof h->code, line->barcode);
    copy(h->name, sizeof h->name, line->item_name);
    date_local(line->checked_out_at, &h->out);
    if (line->returned_at)
        date_local(line->returned_at, &h->back);
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

/* The coming closed days, gathered from the store's walk: weekly ones are left out (the screen
 * names the weekdays), the days of one closure make one row. */
typedef struct CalGather {
    UiCalendar *out;
    InvDate last; /* the last day of the last row */
} CalGather;

static UiDate ui_date(InvDate d)
{
    UiDate u = {d.year, d.month, d.day, inv_date_weekday(d) + 1};
    return u;
}

static int on_closed_day(const InvDay *day, void *vctx)
{
    CalGather *g = vctx;
    UiCalendar *c = g->out;
    if (day->kind == INV_DAY_WEEKLY)
        return 0;
    bool closure = day->kind == INV_DAY_CLOSURE;
    if (closure && c->n > 0 && c->n_more == 0) {
        UiClosedRow *r = &c->rows[c->n - 1];
        char note[UI_NAME_MAX];
        copy(note, sizeof note, day->note);
        if (r->holiday == UI_HOLIDAY_NONE &&
            inv_date_days(day->date) == inv_date_days(g->last) + 1 && strcmp(r->note, note) == 0) {
            r->last = ui_date(day->date);
            g->last = day->date;
            return 0;
        }
    }
    if (c->n == UI_CAL_ROWS_MAX) {
        /* a closure's later days are not rows of their own */
        if (!(closure && inv_date_days(day->date) == inv_date_days(g->last) + 1))
            c->n_more++;
        g->last = day->date;
        return 0;
    }
    UiClosedRow *r = &c->rows[c->n++];
    memset(r, 0, sizeof *r);
    r->first = ui_date(day->date);
    r->last = r->first;
    r->holiday = closure ? UI_HOLIDAY_NONE : (UiHoliday)day->holiday;
    if (closure)
        copy(r->note, sizeof r->note, day->note);
    g->last = day->date;
    return 0;
}

/* The centre's rules and the closed days of the coming year (today included). */
static int calendar(App *app, int64_t now, UiCalendar *out)
{
    InvCalendarRules rules;
    memset(out, 0, sizeof *out);
    int err = inv_calendar_rules(app->db, &rules);
    if (err != INV_OK)
        return err;
    out->closed_weekdays = rules.closed_weekdays;
    out->holidays_open = rules.holidays_open;
    date_local(now, &out->from);
    InvDate from = {out->from.year, out->from.month, out->from.day};
    InvDate to = inv_date_from_days(inv_date_days(from) + 365);
    CalGather g = {out, from};
    return inv_calendar_each_closed(app->db, from, to, on_closed_day, &g, NULL);
}

/* Last year's figures beside this year's (s filled already): the four figures, the months, and
 * each category shown by name; none (has_last false) when that year has no data. */
static int stats_last_year(InvDb *db, int year, UiStats *s)
{
    InvYearReport r;
    int err = inv_year_report(db, year, 0, &r); /* 0: no figures of the moment */
    if (err != INV_OK)
        return err;
    s->has_last = r.has_data;
    s->last_items_lent = r.total.items_lent;
    s->last_loans = r.total.loans;
    s->last_borrowers = r.total.borrowers;
    s->last_new_borrowers = r.total.new_borrowers;
    for (int m = 0; m < 12; m++)
        s->last_month_items[m] = r.month[m].items_lent;
    for (size_t i = 0; i < r.n_categories; i++) {
        int k = 0;
        while (k < s->n_cats && strcmp(s->cat_name[k], r.by_category[i].category) != 0)
            k++;
        if (k < s->n_cats)
            s->cat_last_items[k] = r.by_category[i].items_lent;
        else /* not among those shown: with the rest */
            s->cat_more_last_items += r.by_category[i].items_lent;
    }
    inv_year_report_release(&r);
    return INV_OK;
}
