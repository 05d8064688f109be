/* kiosk_ui: the screens and the state. UiState is a core (configuration, clock, screen, hint),
 * a session (who is logged in: what logout clears) and one struct per screen, declared in that
 * screen's header (kiosk/screens/scr_<name>.h). A screen writes only its own struct and the
 * session; it moves to another screen through that screen's enter (ui__go with arguments).
 *
 * Adding a screen: write kiosk/screens/scr_<name>.c and .h, include the header below and add
 * one line to UI_SCREEN_MAP; its messages go in ui_msg.h and the catalogues. */
#ifndef BUA_KIOSK_UI_STATE_H
#define BUA_KIOSK_UI_STATE_H

#include "scr_accounts.h"
#include "scr_audit.h"
#include "scr_basket.h"
#include "scr_calendar.h"
#include "scr_calls.h"
#include "scr_home.h"
#include "scr_item.h"
#include "scr_jobs.h"
#include "scr_leader.h"
#include "scr_loans.h"
#include "scr_person.h"
#include "scr_privacy.h"
#include "scr_receipt.h"
#include "scr_register.h"
#include "scr_repairs.h"
#include "scr_reserve.h"
#include "scr_return.h"
#include "scr_staff.h"
#include "scr_stats.h"
#include "scr_sync.h"
#include "scr_terms.h"
#include "scr_workday.h"
#include "scr_workdays.h"
#include "ui.h"

/* X(ID, "stable name", screen table (kiosk/screens), state type, member of UiState). */
#define UI_SCREEN_MAP(X)                                                                           \
    X(HOME, "home", scr_home, ScrHome, home)                                                       \
    X(BASKET, "basket", scr_basket, ScrBasket, basket)                                             \
    X(RECEIPT, "receipt", scr_receipt, ScrReceipt, receipt)                                        \
    X(RETURN, "return", scr_return, ScrReturn, ret)                                                \
    X(REGISTER, "register", scr_register, ScrRegister, reg)                                        \
    X(STAFF, "staff", scr_staff, ScrStaff, staff)                                                  \
    X(LEADER, "leader", scr_leader, ScrLeader, leader)                                             \
    X(AUDIT, "audit", scr_audit, ScrAudit, audit)                                                  \
    X(STATS, "stats", scr_stats, ScrStats, stats)                                                  \
    X(LOANS, "loans", scr_loans, ScrLoans, loans)                                                  \
    X(RESERVE, "reserve", scr_reserve, ScrReserve, reserve)                                        \
    X(ITEM, "item", scr_item, ScrItem, item)                                                       \
    X(PERSON, "person", scr_person, ScrPerson, person)                                             \
    X(ACCOUNTS, "accounts", scr_accounts, ScrAccounts, accounts)                                   \
    X(CALENDAR, "calendar", scr_calendar, ScrCalendar, calendar)                                   \
    X(TERMS, "terms", scr_terms, ScrTerms, terms)                                                  \
    X(CALLS, "calls", scr_calls, ScrCalls, calls)                                                  \
    X(PRIVACY, "privacy", scr_privacy, ScrPrivacy, privacy)                                        \
    X(REPAIRS, "repairs", scr_repairs, ScrRepairs, repairs)                                        \
    X(JOBS, "jobs", scr_jobs, ScrJobs, jobs)                                                       \
    X(WORKDAY, "workday", scr_workday, ScrWorkday, workday)                                        \
    X(WORKDAYS, "workdays", scr_workdays, ScrWorkdays, workdays)                                   \
    X(SYNC, "sync", scr_sync, ScrSync, sync)

typedef enum UiScreenId {
#define UI_SCR_ENUM(id, name, table, type, member) UI_SCR_##id,
    UI_SCREEN_MAP(UI_SCR_ENUM)
#undef UI_SCR_ENUM
        UI_SCR_COUNT
} UiScreenId;

/* The stable name of a screen ("home", "basket", ...); "?" for none. */
const char *ui_screen_name(UiScreenId id);

/* Who is logged in, and what comes with them: all of it ends at logout. */
typedef struct UiSession {
    UiPerson borrower; /* logged-in borrower (id 0: none) */
    UiPerson co[UI_CO_MAX];
    int n_co;
    int lend_for; /* -1: the borrower; else index into co */
    UiLoan loans[UI_LOANS_MAX];
    int n_loans;
    int n_overdue;
    UiPerson staff; /* logged-in staff member (id 0: none) */
    UiRole role;
} UiSession;

struct UiState {
    /* core */
    UiConfig cfg;
    const UiCatalog *cat;
    UiLang lang;
    UiScreenId screen;
    int w, h;
    int64_t now_ms;
    int64_t last_input_ms;
    int year_now; /* the local year of the clock (ui_set_year) */
    int busy;     /* effects asked for and not answered yet */
    UiToast toast;
    char store_error[UI_TEXT_MAX]; /* detail of the last store failure, shown for staff */
    char typed[UI_CODE_MAX];       /* keys typed where no field has focus: a keyboard scanner */
    bool shift;                    /* the on-screen keyboard's shift */

    UiSession session;

    /* one struct per screen */
#define UI_SCR_STATE(id, name, table, type, member) type member;
    UI_SCREEN_MAP(UI_SCR_STATE)
#undef UI_SCR_STATE
};

#endif
