/* kiosk_ui: the message map. Every string a person sees is one of these ids, translated through
 * a UiCatalog (ui.h) from the gettext .po files in assets/i18n. Add a message here and in both
 * catalogues; test_ui checks that every catalogue has every message. */
#ifndef BUA_KIOSK_UI_MSG_H
#define BUA_KIOSK_UI_MSG_H

/* X(ID, "po msgid", "built-in English text shown when a catalogue lacks the message").
 * "{1}" and "{2}" in a text are replaced by arguments (ui_format). */
#define UI_MSG_MAP(X)                                                                              \
    X(APP_TITLE, "app.title", "BUA")                                                               \
    X(COMMON_BACK, "common.back", "Back")                                                          \
    X(COMMON_LOGOUT, "common.logout", "Log out")                                                   \
    X(COMMON_CANCEL, "common.cancel", "Cancel")                                                    \
    X(COMMON_DONE, "common.done", "Done")                                                          \
    X(COMMON_SAVE, "common.save", "Save")                                                          \
    X(COMMON_IDLE, "common.idle", "Logging out in {1} seconds")                                    \
    X(COMMON_STAY, "common.stay", "I'm still here")                                                \
    X(COMMON_IDLE_ASK, "common.idle_ask", "Are you still there?")                                  \
    X(COMMON_IDLE_ONE, "common.idle_one", "Logging out in 1 second")                               \
    X(COMMON_STORE_ERROR, "common.store_error",                                                    \
      "Something went wrong. Nothing is lost. Please ask a staff member.")                         \
    X(COMMON_STAFF_DETAIL, "common.staff_detail", "For staff: {1}")                                \
    X(COMMON_STAFF_BY, "common.staff_by", "Staff: {1}")                                            \
    X(COMMON_WORKING, "common.working", "One moment ...")                                          \
    X(COMMON_SCAN_AGAIN, "common.scan_again", "Scan again")                                        \
    X(COMMON_UNKNOWN_NUMBER, "common.unknown_number", "Unknown card or barcode")                   \
    X(KB_SPACE, "kb.space", "space")                                                               \
    X(KB_SHIFT, "kb.shift", "Shift")                                                               \
    X(HOME_TITLE, "home.title", "Welcome to BUA")                                                  \
    X(HOME_SUBTITLE, "home.subtitle", "Borrow sports and outdoor equipment for free")              \
    X(HOME_SCAN, "home.scan", "Scan your card to start")                                           \
    X(HOME_BORROW, "home.borrow", "Borrow")                                                        \
    X(HOME_RETURN, "home.return", "Return")                                                        \
    X(HOME_REGISTER, "home.register", "New borrower")                                              \
    X(HOME_STAFF, "home.staff", "Staff")                                                           \
    X(HOME_NEED_CARD, "home.need_card", "Scan your borrower card first")                           \
    X(HOME_NOT_LENT, "home.not_lent", "{1} is not on loan. To borrow it, scan your card first")    \
    X(HOME_UNKNOWN, "home.unknown", "Unknown card or barcode: {1}")                                \
    X(HOME_BLOCKED, "home.blocked", "This card is blocked: {1}. Please talk to a staff member")    \
    X(HOME_STAFF_CARD, "home.staff_card", "Staff card: enter your PIN")                            \
    X(HOME_TITLE_AT, "home.title_at", "Welcome to {1}")                                            \
    X(HOME_NO_CARD, "home.no_card", "No card? Tap “New borrower” or ask staff.")                   \
    X(BASKET_TITLE, "basket.title", "Borrow")                                                      \
    X(BASKET_HELLO, "basket.hello", "Hi, {1}!")                                                    \
    X(BASKET_SCAN, "basket.scan", "Scan the items you want to borrow")                             \
    X(BASKET_FOR, "basket.for", "Who is borrowing?")                                               \
    X(BASKET_DUE, "basket.due", "Return by {1}")                                                   \
    X(BASKET_REMOVE, "basket.remove", "Remove")                                                    \
    X(BASKET_OLDER, "basket.older", "\xE2\x96\xBC {1} older")                                      \
    X(BASKET_NEWER, "basket.newer", "\xE2\x96\xB2 {1} newer")                                      \
    X(BASKET_FINISH, "basket.finish", "Borrow {1} items")                                          \
    X(BASKET_FINISH_ONE, "basket.finish_one", "Borrow 1 item")                                     \
    X(BASKET_DUPLICATE, "basket.duplicate", "{1} is already in your basket")                       \
    X(BASKET_FULL, "basket.full", "The basket is full: finish this loan first")                    \
    X(BASKET_CHECKING, "basket.checking", "Checking ...")                                          \
    X(BASKET_OVERRIDE, "basket.override", "Lend anyway")                                           \
    X(BASKET_OVERRIDDEN, "basket.overridden", "Overridden by leader")                              \
    X(BASKET_NEEDS_LEADER, "basket.needs_leader", "Only a leader can override a refusal")          \
    X(BASKET_LOANS, "basket.loans", "Already borrowed ({1})")                                      \
    X(BASKET_NO_LOANS, "basket.no_loans", "You have nothing on loan")                              \
    X(BASKET_OVERDUE, "basket.overdue", "Late: was due {1}")                                       \
    X(BASKET_OVERDUE_COUNT, "basket.overdue_count",                                                \
      "{1} items are late. Please return them soon.")                                              \
    X(BASKET_OVERDUE_ONE, "basket.overdue_one", "1 item is late. Please return it soon.")          \
    X(BASKET_NOTHING, "basket.nothing", "Nothing to lend yet: scan an item")                       \
    X(BASKET_REFUSED, "basket.refused", "Not lent: {1}")                                           \
    X(BASKET_REFUSED_HELP, "basket.refused_help", "Can't be borrowed – put it back or ask staff")  \
    X(BASKET_IN_SET, "basket.in_set", "This goes with {1}, which is already in your basket")       \
    X(BASKET_HAS_PARTS, "basket.has_parts", "The parts go with {1}: one line is enough")           \
    X(RECEIPT_TITLE, "receipt.title", "Receipt")                                                   \
    X(RECEIPT_THANKS, "receipt.thanks", "Thank you, {1}! Have fun!")                               \
    X(RECEIPT_DUE, "receipt.due", "Return by {1}")                                                 \
    X(RECEIPT_AUTO, "receipt.auto", "Back to start in {1} s")                                      \
    X(RECEIPT_LENT_TO, "receipt.lent_to", "Lent to {1}")                                           \
    X(RECEIPT_PAGE, "receipt.page", "Page {1} of {2}")                                             \
    X(RECEIPT_NEXT, "receipt.next", "Next page ▼")                                                 \
    X(RECEIPT_PREV, "receipt.prev", "▲ Back a page")                                               \
    X(RETURN_TITLE, "return.title", "Return")                                                      \
    X(RETURN_SCAN, "return.scan", "Scan the items you bring back")                                 \
    X(RETURN_OK, "return.ok", "Returned. Thank you!")                                              \
    X(RETURN_LATE, "return.late", "Returned – it was due {1}. Thank you!")                         \
    X(RETURN_DAMAGED, "return.damaged", "Damaged / parts missing")                                 \
    X(RETURN_NOTE, "return.note", "Report damage: {1}")                                            \
    X(RETURN_SEND, "return.send", "Report damage")                                                 \
    X(RETURN_SENT, "return.sent", "Sent to repair: {1}")                                           \
    X(RETURN_FAILED, "return.failed", "Not returned: {1}")                                         \
    X(RETURN_NOT_LENT, "return.not_lent", "This isn't on loan. Put it back or ask staff.")         \
    X(RETURN_WHAT, "return.what", "What is damaged or missing?")                                   \
    X(RETURN_SCAN_STAFF, "return.scan_staff", "Scan the items being returned")                     \
    X(RETURN_NOT_LENT_STAFF, "return.not_lent_staff", "Not on loan. Put it back on the shelf.")    \
    X(REG_TITLE, "reg.title", "New borrower")                                                      \
    X(REG_CARD, "reg.card", "Card (scan a new card)")                                              \
    X(REG_NAME, "reg.name", "Name")                                                                \
    X(REG_PHONE, "reg.phone", "Phone")                                                             \
    X(REG_YEAR, "reg.year", "Birth year")                                                          \
    X(REG_ADULT, "reg.adult", "Responsible adult – only under 18 (scan card)")                     \
    X(REG_CONSENT, "reg.consent", "I accept BUA's terms")                                          \
    X(REG_SAVE, "reg.save", "Register")                                                            \
    X(REG_NEED_CARD, "reg.need_card", "Scan a new card first")                                     \
    X(REG_NEED_NAME, "reg.need_name", "Enter your name")                                           \
    X(REG_NEED_YEAR, "reg.need_year", "Enter a birth year like 2012")                              \
    X(REG_NEED_CONSENT, "reg.need_consent", "Tick that you accept the terms")                      \
    X(REG_NEED_ADULT, "reg.need_adult", "Under 18: scan the card of a responsible adult")          \
    X(REG_WELCOME, "reg.welcome", "Welcome, {1}!")                                                 \
    X(REG_CARD_TAKEN, "reg.card_taken", "This card is already registered")                         \
    X(REG_ADULT_BLOCKED, "reg.adult_blocked",                                                      \
      "Card {1} is blocked: it cannot be the adult. Scan another adult's card.")                   \
    X(STAFF_TITLE, "staff.title", "Staff")                                                         \
    X(STAFF_SCAN_CARD, "staff.scan_card", "Scan your staff card")                                  \
    X(STAFF_PIN, "staff.pin", "PIN for {1}")                                                       \
    X(STAFF_WRONG_PIN, "staff.wrong_pin", "Wrong card or PIN. Try again")                          \
    X(STAFF_NOT_STAFF, "staff.not_staff", "{1} is not a staff card")                               \
    X(STAFF_LOCKED, "staff.locked", "Too many wrong PINs. Try again in {1} s")                     \
    X(STAFF_HELLO, "staff.hello", "Logged in: {1} ({2})")                                          \
    X(STAFF_TRAINEE, "staff.trainee", "trainee")                                                   \
    X(STAFF_LEADER_ROLE, "staff.leader_role", "leader")                                            \
    X(STAFF_SEARCH, "staff.search", "Find borrower: name, phone or card")                          \
    X(STAFF_NO_MATCH, "staff.no_match", "No borrower found")                                       \
    X(STAFF_MATCHES, "staff.matches", "{1} borrowers found")                                       \
    X(STAFF_MATCH_ONE, "staff.match_one", "1 borrower found")                                      \
    X(STAFF_PAGE_PREV, "staff.page_prev", "\xE2\x96\xB2 Back")                                     \
    X(STAFF_PAGE_NEXT, "staff.page_next", "\xE2\x96\xBC More")                                     \
    X(STAFF_LEND, "staff.lend", "Lend")                                                            \
    X(STAFF_TAKE_BACK, "staff.take_back", "Check in returns")                                      \
    X(STAFF_REGISTER, "staff.register", "New borrower")                                            \
    X(STAFF_LEADER, "staff.leader", "Leader")                                                      \
    X(STAFF_BLOCKED, "staff.blocked", "blocked")                                                   \
    X(LEADER_TITLE, "leader.title", "Leader")                                                      \
    X(LEADER_AUDIT, "leader.audit", "Stocktake")                                                   \
    X(LEADER_STATS, "leader.stats", "Annual figures")                                              \
    X(LEADER_ITEMS, "leader.items", "Items")                                                       \
    X(LEADER_BORROWERS, "leader.borrowers", "Borrowers")                                           \
    X(LEADER_ONLY, "leader.only", "Only a leader can open this")                                   \
    X(ITEM_SCAN, "item.scan", "Scan an item to see it, or a new label to add a new item")          \
    X(ITEM_STATUS, "item.status", "Status: {1}")                                                   \
    X(ITEM_WHERE, "item.where", "Place: {1}")                                                      \
    X(ITEM_REPAIR, "item.repair", "Send to repair")                                                \
    X(ITEM_RETIRE, "item.retire", "Retire")                                                        \
    X(ITEM_AVAILABLE, "item.available", "Mark available")                                          \
    X(ITEM_NEW, "item.new", "New item: {1}")                                                       \
    X(ITEM_NAME, "item.name", "Name")                                                              \
    X(ITEM_CATEGORY, "item.category", "Category")                                                  \
    X(ITEM_LOCATION, "item.location", "Place (scan the shelf or zone label)")                      \
    X(ITEM_ADD, "item.add", "Add item")                                                            \
    X(ITEM_ADDED, "item.added", "Added: {1}")                                                      \
    X(ITEM_CHANGED, "item.changed", "{1}: {2}")                                                    \
    X(ITEM_NEED_FIELDS, "item.need_fields", "Write a name and pick a category")                    \
    X(ITEM_WHY_LENT, "item.why_lent",                                                              \
      "It is on loan. Take it back (Return) before you change it.")                                \
    X(ITEM_WHY_SAME, "item.why_same", "It is already {1}.")                                        \
    X(ITEM_LABEL, "item.label", "Make label")                                                      \
    X(ITEM_LABEL_PRINTING, "item.label_printing", "Label sent to the printer. The PDF: {1}")       \
    X(ITEM_LABEL_SAVED, "item.label_saved", "No printer found. The label is saved as {1}")         \
    X(ITEM_LABEL_FAILED, "item.label_failed", "Could not make the label: {1}")                     \
    X(BORR_BLOCK, "borr.block", "Block")                                                           \
    X(BORR_UNBLOCK, "borr.unblock", "Allow borrowing again")                                       \
    X(BORR_REASON, "borr.reason", "Reason for blocking")                                           \
    X(BORR_BLOCKED, "borr.blocked", "Blocked: {1}")                                                \
    X(BORR_UNBLOCKED, "borr.unblocked", "Can borrow again: {1}")                                   \
    X(BORR_NEED_REASON, "borr.need_reason", "Write a reason first")                                \
    X(STATUS_AVAILABLE, "status.available", "available")                                           \
    X(STATUS_ON_LOAN, "status.on_loan", "on loan")                                                 \
    X(STATUS_IN_REPAIR, "status.in_repair", "in repair")                                           \
    X(STATUS_MISSING, "status.missing", "missing")                                                 \
    X(STATUS_RETIRED, "status.retired", "retired")                                                 \
    X(AUDIT_TITLE, "audit.title", "Stocktake")                                                     \
    X(AUDIT_ZONE, "audit.zone", "Scan the shelf or zone label")                                    \
    X(AUDIT_WHOLE, "audit.whole", "Whole centre")                                                  \
    X(AUDIT_COUNTING, "audit.counting", "Counting: {1}")                                           \
    X(AUDIT_SCAN, "audit.scan", "Scan the next item here")                                         \
    X(AUDIT_FOUND, "audit.found", "Found {1} of {2}")                                              \
    X(AUDIT_OTHER, "audit.other", "Wrong place {1}  ·  On loan {2}")                               \
    X(AUDIT_UNKNOWN_N, "audit.unknown_n", "Unknown {1}")                                           \
    X(AUDIT_FINISH, "audit.finish", "Finish count")                                                \
    X(AUDIT_REPORT, "audit.report", "Result: {1}")                                                 \
    X(AUDIT_ALL_FOUND, "audit.all_found", "Everything was found")                                  \
    X(AUDIT_MARK, "audit.mark", "Mark missing ({1})")                                              \
    X(AUDIT_MARK_CONFIRM, "audit.mark_confirm", "Tap again: mark {1} missing")                     \
    X(AUDIT_NEW, "audit.new", "New count")                                                         \
    X(AUDIT_NOT_ZONE, "audit.not_zone", "{1} is an item: scan the shelf or zone label")            \
    X(AUDIT_MARKED, "audit.marked", "{1} item(s) marked missing")                                  \
    X(AUDIT_K_FOUND, "audit.k.found", "Found")                                                     \
    X(AUDIT_K_MISPLACED, "audit.k.misplaced", "Wrong place")                                       \
    X(AUDIT_K_LENT, "audit.k.lent", "On loan")                                                     \
    X(AUDIT_K_UNKNOWN, "audit.k.unknown", "Unknown barcode")                                       \
    X(AUDIT_K_MISSING, "audit.k.missing", "Missing")                                               \
    X(AUDIT_K_AGAIN, "audit.k.again", "Already counted")                                           \
    X(AUDIT_BELONGS, "audit.belongs", "belongs on {1}")                                            \
    X(AUDIT_PAGE, "audit.page", "Page {1} of {2}")                                                 \
    X(AUDIT_PREV, "audit.prev", "Back a page")                                                     \
    X(AUDIT_NEXT, "audit.next", "Next page")                                                       \
    X(AUDIT_GROUP, "audit.group", "{1} ({2})")                                                     \
    X(STATS_TITLE, "stats.title", "Annual figures")                                                \
    X(STATS_ITEMS, "stats.items", "Items lent")                                                    \
    X(STATS_LOANS, "stats.loans", "Loans")                                                         \
    X(STATS_BORROWERS, "stats.borrowers", "Borrowers")                                             \
    X(STATS_NEW, "stats.new", "New users")                                                         \
    X(STATS_MONTH, "stats.month", "Items lent per month")                                          \
    X(STATS_CATEGORY, "stats.category", "Items lent per category")                                 \
    X(STATS_NONE, "stats.none", "No loans this year")                                              \
    X(MONTHS, "stats.months", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")                   \
    X(STATS_OTHER, "stats.other", "Other ({1} kinds)")                                             \
    X(STATS_LAST, "stats.last", "In brackets: {1}")                                                \
    X(WEEKDAYS, "date.weekdays", "Monday Tuesday Wednesday Thursday Friday Saturday Sunday")       \
    X(MONTH_NAMES, "date.months",                                                                  \
      "January February March April May June July August September October November December")     \
    X(DATE_DAY, "date.day", "{1} {2}")                                                             \
    X(LABEL_ON_LOAN, "label.on_loan", "Already on loan")                                           \
    X(LABEL_IN_REPAIR, "label.in_repair", "In repair")                                             \
    X(LABEL_MISSING, "label.missing", "Missing")                                                   \
    X(LABEL_RETIRED, "label.retired", "Retired")                                                   \
    X(LABEL_UNKNOWN_ITEM, "label.unknown_item", "Unknown barcode")                                 \
    X(LABEL_BLOCKED, "label.blocked", "Blocked")                                                   \
    X(R_UNKNOWN_ITEM, "reason.unknown_item", "unknown barcode")                                    \
    X(R_ON_LOAN, "reason.on_loan", "already on loan")                                              \
    X(R_IN_REPAIR, "reason.in_repair", "in repair")                                                \
    X(R_MISSING, "reason.missing", "marked missing")                                               \
    X(R_RETIRED, "reason.retired", "retired, no longer lent out")                                  \
    X(R_BLOCKED, "reason.blocked", "the borrower is blocked")                                      \
    X(R_TWICE, "reason.twice", "scanned twice")                                                    \
    X(R_NOT_ON_LOAN, "reason.not_on_loan", "not on loan")                                          \
    X(R_AUTH, "reason.auth", "wrong card or PIN")                                                  \
    X(R_NEEDS_LEADER, "reason.needs_leader", "only a leader may do this")                          \
    X(R_EXISTS, "reason.exists", "already exists")                                                 \
    X(R_INVALID, "reason.invalid", "invalid value")                                                \
    X(R_NOT_FOUND, "reason.not_found", "not found")                                                \
    X(R_UNKNOWN_BORROWER, "reason.unknown_borrower", "unknown card")                               \
    /* lost and found, sets checked on return, an item's card and history (staff) */               \
    X(R_NOT_MISSING, "reason.not_missing", "not missing")                                          \
    X(R_NOT_A_PART, "reason.not_a_part", "not a part of this set")                                 \
    X(RETURN_SET_TITLE, "return.set_title", "Check the parts: {1}")                                \
    X(RETURN_SET_HINT, "return.set_hint", "Scan each part, or tap Missing.")                       \
    X(RETURN_PART_WAIT, "return.part_wait", "Not scanned yet")                                     \
    X(RETURN_PART_HERE, "return.part_here", "Here")                                                \
    X(RETURN_PART_MISSING, "return.part_missing", "Missing")                                       \
    X(RETURN_PART_MARK, "return.part_mark", "Missing")                                             \
    X(RETURN_PART_UNDO, "return.part_undo", "It's here")                                           \
    X(RETURN_ALL_HERE, "return.all_here", "All here")                                              \
    X(RETURN_SET_SEND, "return.set_send", "Return, {1} missing")                                   \
    X(RETURN_NOT_PART, "return.not_part", "{1} is not a part of this set")                         \
    X(RETURN_SET_INCOMPLETE, "return.set_incomplete",                                              \
      "Returned. Missing: {1}. The set goes to repair.")                                           \
    X(RETURN_MISSING_ITEM, "return.missing_item", "Marked missing. Has it turned up?")             \
    X(RETURN_FOUND, "return.found", "Found again")                                                 \
    X(RETURN_FOUND_OK, "return.found_ok", "Found again. Put it back on the shelf.")                \
    X(ITEM_TITLE, "item.title", "Item")                                                            \
    X(ITEM_LENT_TO, "item.lent_to", "Lent to {1}")                                                 \
    X(ITEM_DUE, "item.due", "Due {1}")                                                             \
    X(ITEM_OVERDUE, "item.overdue", "Overdue: was due {1}")                                        \
    X(ITEM_HOME, "item.home", "Not on loan: {1}")                                                  \
    X(ITEM_DAMAGE, "item.damage", "Damage: {1}")                                                   \
    X(ITEM_NOTES, "item.notes", "Notes: {1}")                                                      \
    X(ITEM_HISTORY, "item.history", "History")                                                     \
    X(ITEM_NO_HISTORY, "item.no_history", "No history yet")                                        \
    X(ITEM_OLDER, "item.older", "Older")                                                           \
    X(ITEM_NEWER, "item.newer", "Newer")                                                           \
    X(ITEM_TAKE_BACK, "item.take_back", "Take back")                                               \
    X(ITEM_LOST, "item.lost", "Report lost")                                                       \
    X(ITEM_LOST_ASK, "item.lost_ask",                                                              \
      "Report {1} as lost? The loan ends and the item is marked missing.")                         \
    X(ITEM_LOST_YES, "item.lost_yes", "Yes, it is lost")                                           \
    X(ITEM_LOST_DONE, "item.lost_done", "Reported lost: {1}")                                      \
    X(ITEM_LOST_NOTE, "item.lost_note", "Reported lost at the kiosk")                              \
    X(ITEM_H_LENT, "item.h_lent", "Lent to {1}")                                                   \
    X(ITEM_H_OUT, "item.h_out", "Lent to {1}, not back yet")                                       \
    X(ITEM_H_RETURNED, "item.h_returned", "Returned by {1}")                                       \
    X(ITEM_H_LOST, "item.h_lost", "Lost by {1}")                                                   \
    X(ITEM_H_STATUS, "item.h_status", "Now {1}")                                                   \
    X(ITEM_H_STOCKTAKE, "item.h_stocktake", "Stocktake: {1}")                                      \
    X(ITEM_H_RENEWED, "item.h_renewed", ", renewals: {1}")                                         \
    X(R_STORE, "reason.store", "the database did not answer")                                      \
    /* renewals, reservations and the borrower's own loans (scr_loans) */                          \
    X(LABEL_RESERVED, "label.reserved", "Reserved")                                                \
    X(LABEL_RESERVED_FROM, "label.reserved_from", "Reserved from {1}")                             \
    X(LABEL_RENEW_LIMIT, "label.renew_limit", "Cannot be renewed again")                           \
    X(LABEL_RENEW_OVERDUE, "label.renew_overdue", "Too late to renew: please return it")           \
    X(R_RESERVED, "reason.reserved", "reserved for someone else")                                  \
    X(R_RENEW_LIMIT, "reason.renew_limit", "renewed as often as allowed")                          \
    X(R_RENEW_OVERDUE, "reason.renew_overdue", "too long overdue to renew")                        \
    X(BASKET_MINE, "basket.mine", "My loans")                                                      \
    X(LOANS_TITLE, "loans.title", "My loans")                                                      \
    X(LOANS_HEAD, "loans.head", "Tap “Renew” to keep a thing longer")                              \
    X(LOANS_RENEW, "loans.renew", "Renew")                                                         \
    X(LOANS_RENEWED, "loans.renewed", "Renewed: return by {1}")                                    \
    X(LOANS_NONE, "loans.none", "You have nothing on loan")                                        \
    X(LOANS_HISTORY, "loans.history", "Earlier loans")                                             \
    X(LOANS_CURRENT, "loans.current", "On loan now")                                               \
    X(LOANS_HIST_HEAD, "loans.hist_head", "Your loans, last 12 months")                            \
    X(LOANS_HIST_LINE, "loans.hist_line", "Borrowed {1}, returned {2}")                            \
    X(LOANS_HIST_OPEN, "loans.hist_open", "Borrowed {1}, not returned yet")                        \
    X(LOANS_HIST_NONE, "loans.hist_none", "No loans in the last 12 months")                        \
    X(LOANS_HIST_MORE, "loans.hist_more", "Showing the newest {1} of {2}")                         \
    X(LOANS_DOWN, "loans.down", "\xE2\x96\xBC More")                                               \
    X(LOANS_UP, "loans.up", "\xE2\x96\xB2 Back up")                                                \
    /* reservations at the staff screen (scr_reserve) */                                           \
    X(R_TOO_FEW_FREE, "reason.too_few_free", "not enough free on those days")                      \
    X(R_RES_CLOSED, "reason.res_closed", "the reservation is no longer open")                      \
    X(STAFF_RESERVE, "staff.reserve", "Reservations")                                              \
    X(RES_TITLE, "reserve.title", "Reservations")                                                  \
    X(RES_HEAD, "reserve.head", "Coming reservations")                                             \
    X(RES_NEW, "reserve.new", "New reservation")                                                   \
    X(RES_NONE, "reserve.none", "No reservations coming")                                          \
    X(RES_MORE, "reserve.more", "and {1} more (bua-admin reservation list)")                       \
    X(RES_CANCELLED, "reserve.cancelled", "Reservation {1} is cancelled")                          \
    X(RES_CARD, "reserve.card", "Scan the card of the borrower")                                   \
    X(RES_WHAT, "reserve.what", "For {1}: scan a thing, or pick a category and how many")          \
    X(RES_COUNT, "reserve.count", "How many: {1}")                                                 \
    X(RES_NEXT, "reserve.next", "Next")                                                            \
    X(RES_FROM, "reserve.from", "From")                                                            \
    X(RES_TO, "reserve.to", "To")                                                                  \
    X(RES_DO, "reserve.do", "Reserve")                                                             \
    X(RES_DONE, "reserve.done", "Reserved: number {1}")                                            \
    X(RES_ITEMS, "reserve.items", "{1} \xC3\x97 {2}")                                              \
    X(RES_DAYS, "reserve.days", "{1} to {2}")                                                      \
    X(RES_COLLECTED, "reserve.collected", "Collected: {1}")                                        \
    X(RES_NOT_BORROWER, "reserve.not_borrower", "Not a borrower card: {1}")                        \
    X(RES_FOR, "reserve.for", "{1} for {2}")                                                       \
    X(R_CARD_REPLACED, "reason.card_replaced", "the card was replaced by a new one")               \
    X(R_STAFF_DISABLED, "reason.staff_disabled", "the staff card is disabled")                     \
    X(R_STAFF_EXPIRED, "reason.staff_expired", "the staff card has expired")                       \
    X(R_LAST_LEADER, "reason.last_leader", "the last leader must keep access")                     \
    X(LOGIN_REPLACED, "login.replaced",                                                            \
      "Card {1} was replaced (erstattet) on {2}. Use the new card or ask staff.")                  \
    X(LOGIN_DISABLED, "login.disabled", "Staff card {1} is disabled since {2}. Ask a leader.")     \
    X(LOGIN_EXPIRED, "login.expired", "Staff card {1} expired on {2}. Ask a leader.")              \
    X(GUARDIAN, "person.guardian", "(guardian)")                                                   \
    X(STAFF_EDIT, "staff.edit", "Edit borrower")                                                   \
    X(PERSON_TITLE, "person.title", "Edit borrower")                                               \
    X(PERSON_ADULT, "person.adult", "Responsible adult (scan to change)")                          \
    X(PERSON_NAME, "person.name", "Name  ·  card {1}")                                             \
    X(PERSON_NEW_CARD, "person.new_card", "New card")                                              \
    X(PERSON_SCAN_NEW, "person.scan_new", "Scan the new card for {1}")                             \
    X(PERSON_SAVED, "person.saved", "Saved: {1}")                                                  \
    X(PERSON_CARD_DONE, "person.card_done", "New card {1}. The old card {2} no longer works.")     \
    X(PERSON_CARD_USED, "person.card_used", "Card {1} can't be used: {2}. Scan another card.")     \
    X(PERSON_REFUSED, "person.refused", "Not saved: {1}")                                          \
    X(PERSON_NEED_NAME, "person.need_name", "Write a name")                                        \
    X(LEADER_STAFF, "leader.staff", "Staff cards")                                                 \
    X(ACC_SCAN, "acc.scan", "Scan a staff card")                                                   \
    X(ACC_ACTIVE, "acc.active", "Active")                                                          \
    X(ACC_ACTIVE_UNTIL, "acc.active_until", "Active until {1}")                                    \
    X(ACC_DISABLED, "acc.disabled", "Disabled since {1}")                                          \
    X(ACC_EXPIRED, "acc.expired", "Expired on {1}")                                                \
    X(ACC_DISABLE, "acc.disable", "Disable card")                                                  \
    X(ACC_ENABLE, "acc.enable", "Enable card")                                                     \
    X(ACC_PIN, "acc.pin", "New PIN")                                                               \
    X(ACC_PIN_FIRST, "acc.pin_first", "New PIN for {1}")                                           \
    X(ACC_PIN_AGAIN, "acc.pin_again", "The new PIN once more")                                     \
    X(ACC_PIN_DIFFER, "acc.pin_differ", "The two PINs differ. Try again.")                         \
    X(ACC_PIN_SHORT, "acc.pin_short", "A PIN has 4 to 12 digits")                                  \
    X(ACC_PIN_DONE, "acc.pin_done", "New PIN saved for {1}")                                       \
    X(ACC_DISABLED_DONE, "acc.disabled_done", "Disabled: {1}")                                     \
    X(ACC_ENABLED_DONE, "acc.enabled_done", "Enabled: {1}")                                        \
    X(ACC_REFUSED, "acc.refused", "Not done: {1}")                                                 \
    X(LEADER_CALENDAR, "leader.calendar", "Closed days")                                           \
    X(CAL_TITLE, "calendar.title", "Closed days")                                                  \
    X(CAL_WEEKLY, "calendar.weekly", "Closed every {1}")                                           \
    X(CAL_WEEKLY_NONE, "calendar.weekly_none", "Open every day of the week")                       \
    X(CAL_AND, "calendar.and", "{1} and {2}")                                                      \
    X(CAL_HOLIDAYS_CLOSED, "calendar.holidays_closed", "Closed on public holidays")                \
    X(CAL_HOLIDAYS_OPEN, "calendar.holidays_open", "Open on public holidays")                      \
    X(CAL_COMING, "calendar.coming", "Coming closed days")                                         \
    X(CAL_NONE, "calendar.none", "No other closed days in the coming year")                        \
    X(CAL_RANGE, "calendar.range", "{1} to {2}")                                                   \
    X(CAL_CLOSED, "calendar.closed", "Closed")                                                     \
    X(CAL_MORE, "calendar.more", "and {1} more in the coming year")                                \
    X(CAL_HOW, "calendar.how", "Due dates move to the next open day. Change: bua-admin calendar")  \
    X(HOLIDAY_NEW_YEAR, "holiday.new_year", "New Year's Day")                                      \
    X(HOLIDAY_MAUNDY_THURSDAY, "holiday.maundy_thursday", "Maundy Thursday")                       \
    X(HOLIDAY_GOOD_FRIDAY, "holiday.good_friday", "Good Friday")                                   \
    X(HOLIDAY_EASTER_SUNDAY, "holiday.easter_sunday", "Easter Sunday")                             \
    X(HOLIDAY_EASTER_MONDAY, "holiday.easter_monday", "Easter Monday")                             \
    X(HOLIDAY_MAY_DAY, "holiday.may_day", "May Day")                                               \
    X(HOLIDAY_CONSTITUTION_DAY, "holiday.constitution_day", "Constitution Day")                    \
    X(HOLIDAY_ASCENSION_DAY, "holiday.ascension_day", "Ascension Day")                             \
    X(HOLIDAY_WHIT_SUNDAY, "holiday.whit_sunday", "Whit Sunday")                                   \
    X(HOLIDAY_WHIT_MONDAY, "holiday.whit_monday", "Whit Monday")                                   \
    X(HOLIDAY_CHRISTMAS_DAY, "holiday.christmas_day", "Christmas Day")                             \
    X(HOLIDAY_BOXING_DAY, "holiday.boxing_day", "Boxing Day")                                      \
    /* consent: the terms at registration and at login (scr_register, scr_terms) */                \
    X(R_CONSENT_ADULT, "reason.consent_adult",                                                     \
      "only the child's responsible adult can accept the terms")                                   \
    X(REG_NEXT, "reg.next", "Next")                                                                \
    X(REG_BACK, "reg.back", "\xE2\x97\x80 Previous step")                                          \
    X(REG_EMAIL, "reg.email", "E-mail (if you want)")                                              \
    X(REG_BAD_PHONE, "reg.bad_phone", "A phone number has 8 to 15 digits")                         \
    X(REG_BAD_EMAIL, "reg.bad_email", "Write the e-mail like name@example.no")                     \
    X(REG_PLACE, "reg.place", "Which municipality do you live in?")                                \
    X(REG_PLACE_HINT, "reg.place_hint", "You choose. It helps us count, not to find you.")         \
    X(REG_PLACE_SKIP, "reg.place_skip", "I'd rather not say")                                      \
    X(REG_CONTACT, "reg.contact", "May we send you a message when something is due?")              \
    X(REG_CONTACT_HINT, "reg.contact_hint", "You choose. You can borrow either way.")              \
    X(REG_CONTACT_SMS, "reg.contact_sms", "SMS to {1}")                                            \
    X(REG_CONTACT_SMS_ADULT, "reg.contact_sms_adult", "SMS to the adult's phone")                  \
    X(REG_CONTACT_NO_PHONE, "reg.contact_no_phone", "SMS (no phone given)")                        \
    X(REG_CONTACT_EMAIL, "reg.contact_email", "E-mail to {1}")                                     \
    X(REG_CONTACT_NO_EMAIL, "reg.contact_no_email", "E-mail (no address given)")                   \
    X(REG_TERMS, "reg.terms", "Read the terms, then tick")                                         \
    X(REG_CONSENT_CHILD, "reg.consent_child", "I am the adult and accept for {1}")                 \
    X(REG_ADULT_SCAN, "reg.adult_scan", "Under 18: an adult reads this and scans their card")      \
    X(REG_ADULT_CARD, "reg.adult_card", "The adult's card: {1}")                                   \
    X(REG_CONSENT_ADULT, "reg.consent_adult",                                                      \
      "Card {1} cannot accept for the child. Ask the child's own adult.")                          \
    X(TERMS_UP, "terms.up", "\xE2\x96\xB2 Up")                                                     \
    X(TERMS_DOWN, "terms.down", "\xE2\x96\xBC More")                                               \
    X(TERMS_MISSING, "terms.missing", "The terms could not be read. Ask the staff.")               \
    X(TERMS_TITLE, "terms.title", "New terms")                                                     \
    X(TERMS_INTRO, "terms.intro", "Our terms have changed. Read them and say yes to go on.")       \
    X(TERMS_ACCEPT, "terms.accept", "Yes, I accept")                                               \
    X(TERMS_DECLINE, "terms.decline", "No thanks")                                                 \
    X(TERMS_DECLINED, "terms.declined",                                                            \
      "That's fine. Nothing was lent. Ask the staff if you wonder about something.")               \
    X(TERMS_CHILD, "terms.child", "Ask an adult to scan their card")                               \
    X(TERMS_THANKS, "terms.thanks", "Thank you, {1}!")                                             \
    /* reminders and receipts sent by bua-admin remind (adm_remind.c) */                           \
    X(REMIND_SUBJECT, "remind.subject", "Reminder from {1}")                                       \
    X(REMIND_HELLO, "remind.hello", "Hi {1}!")                                                     \
    X(REMIND_DUE_SELF, "remind.due_self", "Please bring back what you borrowed from {1}:")         \
    X(REMIND_DUE_CHILD, "remind.due_child", "{1} borrowed this from {2}. Please bring it back:")   \
    X(REMIND_LINE, "remind.line", "- {1}, due {2}")                                                \
    X(REMIND_OPEN, "remind.open", "We are open {1}. Welcome!")                                     \
    X(REMIND_THANKS, "remind.thanks", "Thank you! Best wishes, {1}")                               \
    X(REMIND_RECEIPT_SUBJECT, "remind.receipt_subject", "Your loan at {1}")                        \
    X(REMIND_RECEIPT_SELF, "remind.receipt_self", "You borrowed this from {1}:")                   \
    X(REMIND_RECEIPT_CHILD, "remind.receipt_child", "{1} borrowed this from {2}:")                 \
    X(REMIND_RECEIPT_LINE, "remind.receipt_line", "- {1}: bring back by {2}")                      \
    X(REMIND_WEEKDAYS, "remind.weekdays", "Mon,Tue,Wed,Thu,Fri,Sat,Sun")                           \
    X(REMIND_AND, "remind.and", "{1} and {2}")                                                     \
    /* the call list and failing channels (scr_calls.c) */                                         \
    X(STAFF_CALLS, "staff.calls", "Call list")                                                     \
    X(CALLS_TITLE, "calls.title", "Call list")                                                     \
    X(CALLS_INTRO, "calls.intro", "Late, and no SMS or e-mail reaches them. Please call:")         \
    X(CALLS_NONE, "calls.none", "No one to call. Everyone late gets a reminder.")                  \
    X(CALLS_LATE, "calls.late", "{1} days late")                                                   \
    X(CALLS_LATE_ONE, "calls.late_one", "1 day late")                                              \
    X(CALLS_NO_PHONE, "calls.no_phone", "No phone")                                                \
    X(CALLS_GUARDIAN, "calls.guardian", "{1} (guardian {2})")                                      \
    X(CALLS_MORE, "calls.more", "And {1} more: bua-admin overdue --call-list")                     \
    X(CALLS_SMS_FAILING, "calls.sms_failing", "SMS has failed {1} times since {2}")                \
    X(CALLS_MAIL_FAILING, "calls.mail_failing", "E-mail has failed {1} times since {2}")           \
    X(CALLS_FAIL_HOW, "calls.fail_how",                                                            \
      "Nothing is lost: it tries again every hour. Tell a leader.")                                \
    X(CALLS_DOUBT, "calls.doubt",                                                                  \
      "{1} messages may not have arrived: check with bua-admin remind --status")                   \
    X(R_HAS_LOANS, "reason.has_loans", "items are still on loan")                                  \
    X(PERSON_DATA, "person.data", "All data")                                                      \
    X(PRIV_TITLE, "privacy.title", "Data about the person")                                        \
    X(PRIV_HEAD, "privacy.head", "Everything stored about {1}")                                    \
    X(PRIV_LOADING, "privacy.loading", "Getting the data ...")                                     \
    X(PRIV_NONE, "privacy.none", "nothing")                                                        \
    X(PRIV_MORE, "privacy.more", "{1} more lines: bua-admin borrower export")                      \
    X(PRIV_ERASE, "privacy.erase", "Delete person")                                                \
    X(PRIV_ERASE_CONFIRM, "privacy.erase_confirm", "Tap again to delete {1}")                      \
    X(PRIV_ERASED, "privacy.erased", "Deleted: {1}. Loans stay in the figures without a name.")    \
    X(PRIV_REFUSED, "privacy.refused", "Not deleted: {1}")                                         \
    X(PRIV_SEC_PERSON, "privacy.sec.person", "Registration")                                       \
    X(PRIV_SEC_ADULT, "privacy.sec.responsible_adult", "Responsible adult")                        \
    X(PRIV_SEC_CHILDREN, "privacy.sec.children", "Children")                                       \
    X(PRIV_SEC_CONSENTS, "privacy.sec.consents_given", "Consent given for")                        \
    X(PRIV_SEC_LOANS, "privacy.sec.loans", "Loans")                                                \
    X(PRIV_SEC_RENEWALS, "privacy.sec.renewals", "Renewals")                                       \
    X(PRIV_SEC_RESERVATIONS, "privacy.sec.reservations", "Reservations")                           \
    X(PRIV_SEC_CHANGES, "privacy.sec.changes", "Changes")                                          \
    X(PRIV_SEC_CARDS, "privacy.sec.cards_replaced", "Replaced cards")                              \
    X(PRIV_SEC_ACCESS, "privacy.sec.access_log", "Who looked")                                     \
    X(PRIV_SEC_MESSAGES, "privacy.sec.messages", "Reminders and receipts sent")                    \
    /* the workshop: repair queue and bike jobs (scr_repairs.c, scr_jobs.c) */                     \
    X(STAFF_WORKSHOP, "staff.workshop", "Workshop")                                                \
    X(R_NOT_IN_REPAIR, "reason.not_in_repair", "it is no longer in repair")                        \
    X(R_JOB_MOVE, "reason.job_move", "the job cannot move to that status")                         \
    X(ITEM_H_REPAIR, "item.h_repair", "Workshop: {1}")                                             \
    X(REPAIR_S_NOTE, "repair.s_note", "Note")                                                      \
    X(REPAIR_S_WAIT, "repair.s_wait", "Waiting for parts")                                         \
    X(REPAIR_S_READY, "repair.s_ready", "Ready to lend")                                           \
    X(REPAIR_S_RETIRED, "repair.s_retired", "Retired")                                             \
    X(RETIRE_BEYOND_REPAIR, "retire.beyond_repair", "Cannot be repaired")                          \
    X(RETIRE_NOT_WORTH, "retire.not_worth", "Not worth repairing")                                 \
    X(RETIRE_UNSAFE, "retire.unsafe", "Not safe")                                                  \
    X(RETIRE_NO_PARTS, "retire.no_parts", "No parts to be had")                                    \
    X(RETIRE_OTHER, "retire.other", "Other")                                                       \
    X(JOB_S_RECEIVED, "job.s_received", "Received")                                                \
    X(JOB_S_WORKING, "job.s_working", "Being worked on")                                           \
    X(JOB_S_WAITING, "job.s_waiting", "Waiting for parts")                                         \
    X(JOB_S_DONE, "job.s_done", "Done")                                                            \
    X(JOB_S_PICKED_UP, "job.s_picked_up", "Picked up")                                             \
    X(REPAIRS_TITLE, "repairs.title", "Workshop")                                                  \
    X(REPAIRS_TAB, "repairs.tab", "Repairs")                                                       \
    X(REPAIRS_NONE, "repairs.none", "Nothing to repair")                                           \
    X(REPAIRS_ONE, "repairs.one", "1 item to repair, oldest first")                                \
    X(REPAIRS_COUNT, "repairs.count", "{1} items to repair, oldest first")                         \
    X(REPAIRS_HINT, "repairs.hint", "Tap an item, or scan it, to open it")                         \
    X(REPAIRS_TODAY, "repairs.today", "today")                                                     \
    X(REPAIRS_DAY, "repairs.day", "1 day")                                                         \
    X(REPAIRS_DAYS, "repairs.days", "{1} days")                                                    \
    X(REPAIRS_WAITING_MARK, "repairs.waiting_mark", "Waiting for parts")                           \
    X(REPAIRS_SINCE, "repairs.since", "In repair: {1}")                                            \
    X(REPAIRS_NO_NOTES, "repairs.no_notes", "No damage noted")                                     \
    X(REPAIRS_WHAT, "repairs.what", "What was done (tap to write)")                                \
    X(REPAIRS_READY, "repairs.ready", "Ready to lend")                                             \
    X(REPAIRS_WAIT, "repairs.wait", "Waiting for parts")                                           \
    X(REPAIRS_SAVE, "repairs.save", "Save note")                                                   \
    X(REPAIRS_RETIRE, "repairs.retire", "Retire")                                                  \
    X(REPAIRS_WHY, "repairs.why", "Why retire {1}?")                                               \
    X(REPAIRS_NOTE_IS, "repairs.note_is", "Note: {1}")                                             \
    X(REPAIRS_RETIRE_GO, "repairs.retire_go", "Retire it")                                         \
    X(REPAIRS_SAVED, "repairs.saved", "Note saved: {1}")                                           \
    X(REPAIRS_WAITING, "repairs.waiting", "{1} waits for parts")                                   \
    X(REPAIRS_READY_DONE, "repairs.ready_done", "{1} is ready to lend")                            \
    X(REPAIRS_RETIRED_DONE, "repairs.retired_done", "{1} is retired")                              \
    X(REPAIRS_NOT_HERE, "repairs.not_here", "{1}: {2}")                                            \
    X(JOBS_TITLE, "jobs.title", "Bike jobs")                                                       \
    X(JOBS_TAB, "jobs.tab", "Bike jobs")                                                           \
    X(JOBS_NONE, "jobs.none", "No bike jobs waiting")                                              \
    X(JOBS_ONE, "jobs.one", "1 bike job not picked up")                                            \
    X(JOBS_COUNT, "jobs.count", "{1} bike jobs not picked up, oldest first")                       \
    X(JOBS_NUMBER_SHORT, "jobs.number_short", "No.")                                               \
    X(JOBS_NUMBER, "jobs.number", "Bike job {1}")                                                  \
    X(JOBS_STATUS_IS, "jobs.status_is", "Status: {1}")                                             \
    X(JOBS_TIME, "jobs.time", "Time spent: {1} min")                                               \
    X(JOBS_ADD_TIME, "jobs.add_time", "+{1} min")                                                  \
    X(JOBS_MOVE, "jobs.move", "Move to:")                                                          \
    X(JOBS_TIME_ADD, "jobs.time_add", "Add time you worked:")                                      \
    X(JOBS_WORKERS, "jobs.workers", "Minutes each: {1}")                                           \
    X(JOBS_CLOSED, "jobs.closed", "Picked up: the job is closed")                                  \
    X(JOBS_SLIP, "jobs.slip", "Show slip")                                                         \
    X(JOBS_NEW, "jobs.new", "New bike job")                                                        \
    X(JOBS_CUSTOMER, "jobs.customer", "Customer's name")                                           \
    X(JOBS_PHONE, "jobs.phone", "Phone")                                                           \
    X(JOBS_BIKE, "jobs.bike", "The bike (colour, make)")                                           \
    X(JOBS_WORK, "jobs.work", "What to do")                                                        \
    X(JOBS_SAVE, "jobs.save", "Take in")                                                           \
    X(JOBS_NEW_HINT, "jobs.new_hint", "Tap a field to write in it. Enter goes to the next one.")   \
    X(JOBS_NEEDS, "jobs.needs", "Write this first: {1}")                                           \
    X(JOBS_CHANGED, "jobs.changed", "Bike job {1}: {2}")                                           \
    X(JOBS_SLIP_TITLE, "jobs.slip_title", "Your bike job number")                                  \
    X(JOBS_SLIP_KEEP, "jobs.slip_keep",                                                            \
      "Take a picture of this number, or write it down. Show it when you pick up the bike.")       \
    /* work training: a trainee checks in and out with the staff card (scr_workday.c) */           \
    X(R_NOT_TRAINEE, "reason.not_trainee", "only trainees check in and out")                       \
    X(R_CHECKED_IN, "reason.checked_in", "you are already checked in")                             \
    X(R_NOT_CHECKED_IN, "reason.not_checked_in", "you are not checked in")                         \
    X(WORK_TITLE, "work.title", "Work day")                                                        \
    X(WORK_HELLO, "work.hello", "Hi, {1}!")                                                        \
    X(WORK_START, "work.start", "Start work day")                                                  \
    X(WORK_FINISH, "work.finish", "Done for today")                                                \
    X(WORK_SINCE, "work.since", "You started at {1}.")                                             \
    X(WORK_TODAY, "work.today", "Today so far: {1}.")                                              \
    X(WORK_CLOSED, "work.closed", "You forgot to check out on {1}. The day ended at {2}.")         \
    X(WORK_STARTED, "work.started", "Have a good day, {1}!")                                       \
    X(WORK_FINISHED, "work.finished", "Thank you for today, {1}!")                                 \
    X(WORK_HOURS, "work.hours", "Today: {1}.")                                                     \
    X(WORK_HM, "work.hm", "{1} h {2} min")                                                         \
    X(WORK_H, "work.h", "{1} h")                                                                   \
    X(WORK_LOGIN, "work.login", "Log in to work")                                                  \
    X(WORK_OK, "work.ok", "OK")                                                                    \
    /* a leader looks at and corrects the trainees' days (scr_workdays.c) */                       \
    X(LEADER_WORKDAYS, "leader.workdays", "Work days")                                             \
    X(WDAYS_TITLE, "workdays.title", "Work days")                                                  \
    X(WDAYS_NONE, "workdays.none", "No work days in the last two weeks")                           \
    X(WDAYS_OPEN, "workdays.open", "checked in")                                                   \
    X(WDAYS_AUTO, "workdays.auto", "closed at closing time")                                       \
    X(WDAYS_CORRECTED, "workdays.corrected", "corrected")                                          \
    X(WDAYS_IN, "workdays.in", "In")                                                               \
    X(WDAYS_OUT, "workdays.out", "Out")                                                            \
    X(WDAYS_SAVED, "workdays.saved", "Saved: {1}")                                                 \
    X(WDAYS_HINT, "workdays.hint",                                                                 \
      "Tap a day to correct it. Other days: bua-admin training day set")                           \
    X(WDAYS_EDIT_HINT, "workdays.edit_hint", "The day becomes one shift from In to Out.")          \
    X(WDAYS_PAGE, "workdays.page", "{1} of {2}")                                                   \
    X(WDAYS_PREV, "workdays.prev", "Newer")                                                        \
    X(WDAYS_NEXT, "workdays.next", "Older")                                                        \
    X(WDAYS_MINUS, "workdays.minus", "\xE2\x88\x92 15 min")                                        \
    X(WDAYS_PLUS, "workdays.plus", "+ 15 min")                                                     \
    /* sync (issue 14): the state on the staff screen, the conflicts (scr_staff.c, scr_sync.c) */  \
    X(SYNC_TIME, "sync.time", "{1}:{2}")                                                           \
    X(SYNC_OK_TODAY, "sync.ok_today", "Synced at {1}")                                             \
    X(SYNC_OK_DAY, "sync.ok_day", "Synced {1}")                                                    \
    X(SYNC_NEVER, "sync.never", "Not synced yet")                                                  \
    X(SYNC_FAILING, "sync.failing",                                                                \
      "No contact with the server since {1}. Lending works as usual.")                             \
    X(SYNC_FAILING_NEVER, "sync.failing_never",                                                    \
      "No contact with the server yet. Lending works as usual.")                                   \
    X(SYNC_WAITING, "sync.waiting", "{1} waiting to be sent")                                      \
    X(SYNC_WAITING_ONE, "sync.waiting_one", "1 waiting to be sent")                                \
    X(SYNC_ALL_SENT, "sync.all_sent", "All sent")                                                  \
    X(SYNC_CONFLICTS, "sync.conflicts", "{1} conflicts")                                           \
    X(SYNC_CONFLICT_ONE, "sync.conflict_one", "1 conflict")                                        \
    X(SYNC_TITLE, "sync.title", "Sync")                                                            \
    X(SYNC_DEVICE, "sync.device", "This machine: {1} at {2}")                                      \
    X(SYNC_ERROR, "sync.error", "Technical: {1}")                                                  \
    X(SYNC_NONE, "sync.none", "No conflicts. Everything adds up.")                                 \
    X(SYNC_OF, "sync.of", "{1} of {2}")                                                            \
    X(SYNC_DOUBLE, "sync.double", "Lent out twice while the machines had no contact")              \
    X(SYNC_AT, "sync.at", "{1} at {2}")                                                            \
    X(SYNC_LOAN_WHEN, "sync.loan_when", "{1}, on {2}")                                             \
    X(SYNC_FIRST, "sync.first", "First loan")                                                      \
    X(SYNC_SECOND, "sync.second", "Second loan")                                                   \
    X(SYNC_ASK, "sync.ask", "What happened to the first loan?")                                    \
    X(SYNC_RETURNED, "sync.returned", "Returned")                                                  \
    X(SYNC_OTHER, "sync.other", "It was another item")                                             \
    X(SYNC_SCAN_OTHER, "sync.scan_other", "Scan the item {1} has")                                 \
    X(SYNC_SCAN_WHY, "sync.scan_why", "Its loan moves to that item.")                              \
    X(SYNC_DONE, "sync.done", "Settled: {1}")                                                      \
    X(SYNC_REFUSED, "sync.refused", "Not settled ({1}): {2}")                                      \
    X(SYNC_PANEL_FAILING, "sync.panel_failing", "No contact since {1}. Lending works as usual.")   \
    X(SYNC_PANEL_FAILING_NEVER, "sync.panel_failing_never",                                        \
      "No contact yet. Lending works as usual.")                                                   \
    X(SYNC_UNSENT, "sync.unsent", "{1} not sent yet")                                              \
    X(SYNC_MERGED_AT, "sync.merged_at", "Merged {1}")                                              \
    X(SYNC_SCAN_FIRST, "sync.scan_first", "Tap \"It was another item\" first, then scan it")       \
    X(SYNC_MERGE, "sync.merge", "The same card was registered on two machines: now one person")    \
    X(SYNC_MERGE_TAG, "sync.merge_tag", "For information")                                         \
    X(SYNC_PREV, "sync.prev", "Previous")                                                          \
    X(SYNC_NEXT, "sync.next", "Next")

typedef enum UiMsg {
#define UI_MSG_ENUM(name, key, en) UI_MSG_##name,
    UI_MSG_MAP(UI_MSG_ENUM)
#undef UI_MSG_ENUM
        UI_MSG_COUNT
} UiMsg;

#endif
