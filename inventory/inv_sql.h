/* Internal: the schema migrations and every SQL statement of the inventory module.
 * Statements are constant text, prepared once in inv_open() and finalized in inv_close(). */
#ifndef BUA_INV_SQL_H
#define BUA_INV_SQL_H

/* The SQL is laid out by hand, one clause per line. */
/* clang-format off */

/* Migration step 1 (user_version 0 to 1), in parts short enough for ISO C string limits. */
#define INV_SCHEMA_V1                                                                              \
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"             \
    "CREATE TABLE centre (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"                          \
    "CREATE TABLE category (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"                  \
    "  loan_days INTEGER CHECK (loan_days IS NULL OR loan_days >= 1));"                          \
    "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL, card TEXT NOT NULL UNIQUE," \
    "  role INTEGER NOT NULL CHECK (role IN (1, 2)), pin_hash TEXT NOT NULL);"                   \
    "CREATE TABLE item (id INTEGER PRIMARY KEY,"                                                 \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id),"                                        \
    "  barcode TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"                                        \
    "  category_id INTEGER NOT NULL REFERENCES category(id),"                                    \
    "  location TEXT NOT NULL DEFAULT '', condition TEXT NOT NULL DEFAULT '',"                   \
    "  notes TEXT NOT NULL DEFAULT '',"                                                          \
    "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 4),"                        \
    "  kit_id INTEGER REFERENCES item(id),"                                                      \
    "  loan_days INTEGER CHECK (loan_days IS NULL OR loan_days >= 1),"                           \
    "  added_at INTEGER NOT NULL);"                                                              \
    "CREATE INDEX item_kit ON item(kit_id) WHERE kit_id IS NOT NULL;"                            \
    "CREATE INDEX item_location ON item(location, barcode);"                                     \
    "CREATE INDEX item_category ON item(category_id);"                                           \
    "CREATE TABLE item_event (id INTEGER PRIMARY KEY,"                                           \
    "  item_id INTEGER NOT NULL REFERENCES item(id), at INTEGER NOT NULL,"                       \
    "  status INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',"                                  \
    "  staff_id INTEGER REFERENCES staff(id));"                                                  \
    "CREATE INDEX item_event_item ON item_event(item_id);"                                       \
    ,                                                                                           \
    "CREATE TABLE borrower (id INTEGER PRIMARY KEY,"                                             \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id),"                                        \
    "  card TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"                                           \
    "  phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',"                          \
    "  birth_year INTEGER, registered_at INTEGER NOT NULL,"                                      \
    "  consent INTEGER NOT NULL DEFAULT 0, blocked INTEGER NOT NULL DEFAULT 0,"                  \
    "  blocked_reason TEXT NOT NULL DEFAULT '', blocked_at INTEGER,"                             \
    "  blocked_by INTEGER REFERENCES staff(id),"                                                 \
    "  responsible_id INTEGER REFERENCES borrower(id),"                                          \
    "  registered_by INTEGER REFERENCES staff(id));"                                             \
    "CREATE INDEX borrower_responsible ON borrower(responsible_id)"                              \
    "  WHERE responsible_id IS NOT NULL;"                                                        \
    "CREATE INDEX borrower_registered ON borrower(registered_at);"                               \
    "CREATE INDEX borrower_name ON borrower(name);"                                              \
    ,                                                                                           \
    "CREATE TABLE loan (id INTEGER PRIMARY KEY,"                                                 \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id),"                                        \
    "  borrower_id INTEGER NOT NULL REFERENCES borrower(id),"                                    \
    "  staff_id INTEGER REFERENCES staff(id),"                                                   \
    "  checked_out_at INTEGER NOT NULL, ref TEXT);"                                              \
    "CREATE UNIQUE INDEX loan_ref ON loan(ref) WHERE ref IS NOT NULL;"                           \
    "CREATE TABLE loan_line (loan_id INTEGER NOT NULL REFERENCES loan(id),"                      \
    "  seq INTEGER NOT NULL, item_id INTEGER NOT NULL REFERENCES item(id),"                      \
    "  due_at INTEGER NOT NULL, returned_at INTEGER,"                                            \
    "  return_staff_id INTEGER REFERENCES staff(id),"                                            \
    "  damaged INTEGER NOT NULL DEFAULT 0, return_note TEXT NOT NULL DEFAULT '',"                \
    "  PRIMARY KEY (loan_id, seq)) WITHOUT ROWID;"                                               \
    "CREATE INDEX loan_line_item ON loan_line(item_id);"                                         \
    "CREATE UNIQUE INDEX loan_line_open ON loan_line(item_id) WHERE returned_at IS NULL;"        \
    ,                                                                                           \
    "CREATE TABLE summary (centre_id INTEGER NOT NULL, period INTEGER NOT NULL,"                 \
    "  category_id INTEGER NOT NULL, loans INTEGER NOT NULL DEFAULT 0,"                          \
    "  items_lent INTEGER NOT NULL DEFAULT 0, borrowers INTEGER NOT NULL DEFAULT 0,"             \
    "  new_borrowers INTEGER NOT NULL DEFAULT 0, returned INTEGER NOT NULL DEFAULT 0,"          \
    "  loan_seconds INTEGER NOT NULL DEFAULT 0,"                                                 \
    "  PRIMARY KEY (centre_id, period, category_id)) WITHOUT ROWID;"                             \
    "CREATE TABLE sum_borrower (centre_id INTEGER NOT NULL, period INTEGER NOT NULL,"            \
    "  borrower_id INTEGER NOT NULL, PRIMARY KEY (centre_id, period, borrower_id))"              \
    "  WITHOUT ROWID;"                                                                           \
    ,                                                                                           \
    "CREATE TABLE audit (id INTEGER PRIMARY KEY,"                                                \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id), zone TEXT NOT NULL,"                    \
    "  staff_id INTEGER REFERENCES staff(id),"                                                   \
    "  started_at INTEGER NOT NULL, finished_at INTEGER);"                                       \
    "CREATE TABLE audit_expected (audit_id INTEGER NOT NULL REFERENCES audit(id),"               \
    "  item_id INTEGER NOT NULL REFERENCES item(id), PRIMARY KEY (audit_id, item_id))"           \
    "  WITHOUT ROWID;"                                                                           \
    "CREATE TABLE audit_scan (audit_id INTEGER NOT NULL REFERENCES audit(id),"                   \
    "  barcode TEXT NOT NULL, item_id INTEGER REFERENCES item(id), kind INTEGER NOT NULL,"       \
    "  at INTEGER NOT NULL, PRIMARY KEY (audit_id, barcode)) WITHOUT ROWID;"

/* Migration step 2 (user_version 1 to 2): wrong PINs and lockouts per staff card. */
#define INV_SCHEMA_V2                                                                              \
    "CREATE TABLE staff_pin (staff_id INTEGER PRIMARY KEY REFERENCES staff(id),"                  \
    "  fails INTEGER NOT NULL DEFAULT 0 CHECK (fails >= 0),"                                     \
    "  locked_until INTEGER NOT NULL DEFAULT 0);"

/* Migration step 3 (user_version 2 to 3): everyday lending. Each area adds its own part below
 * (one macro per area, listed in schema_v3 in inv_db.c). Loan lines count their renewals and
 * say when the item was reported lost (an open line with lost_at is a part missing from a
 * returned set; a closed one was written off). */
#define INV_SCHEMA_V3_LINES                                                                        \
    "ALTER TABLE loan_line ADD COLUMN renewals INTEGER NOT NULL DEFAULT 0 CHECK (renewals >= 0);" \
    "ALTER TABLE loan_line ADD COLUMN lost_at INTEGER;"

/* Step 3, renewals and reservations: each renewal of a loan line (when, by whom, old and new
 * due); reservations of a borrower for whole days, and the concrete items each holds
 * (reservation_item: one row per item set aside; `held` until collected, cancelled or freed;
 * pickup_by is when an uncollected item stops being held, so expiry needs no sweep). */
#define INV_SCHEMA_V3_LEND                                                                         \
    "CREATE TABLE renewal (id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL, seq INTEGER NOT NULL," \
    "  item_id INTEGER NOT NULL REFERENCES item(id), at INTEGER NOT NULL,"                       \
    "  staff_id INTEGER REFERENCES staff(id), old_due_at INTEGER NOT NULL,"                      \
    "  new_due_at INTEGER NOT NULL,"                                                             \
    "  FOREIGN KEY (loan_id, seq) REFERENCES loan_line(loan_id, seq));"                          \
    "CREATE INDEX renewal_at ON renewal(at);"                                                    \
    "CREATE TABLE reservation (id INTEGER PRIMARY KEY,"                                          \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id),"                                        \
    "  borrower_id INTEGER NOT NULL REFERENCES borrower(id),"                                    \
    "  item_id INTEGER REFERENCES item(id), category_id INTEGER REFERENCES category(id),"        \
    "  count INTEGER NOT NULL CHECK (count >= 1), starts_at INTEGER NOT NULL,"                   \
    "  ends_at INTEGER NOT NULL, pickup_by INTEGER NOT NULL, made_at INTEGER NOT NULL,"          \
    "  staff_id INTEGER REFERENCES staff(id), fulfilled_at INTEGER, cancelled_at INTEGER,"       \
    "  CHECK (ends_at >= starts_at));"                                                           \
    "CREATE INDEX reservation_borrower ON reservation(borrower_id, pickup_by);"                  \
    "CREATE INDEX reservation_starts ON reservation(starts_at);"                                 \
    "CREATE INDEX reservation_made ON reservation(made_at);"                                     \
    "CREATE INDEX reservation_fulfilled ON reservation(fulfilled_at)"                            \
    "  WHERE fulfilled_at IS NOT NULL;"                                                          \
    "CREATE TABLE reservation_item ("                                                            \
    "  reservation_id INTEGER NOT NULL REFERENCES reservation(id),"                              \
    "  item_id INTEGER NOT NULL REFERENCES item(id), starts_at INTEGER NOT NULL,"                \
    "  ends_at INTEGER NOT NULL, pickup_by INTEGER NOT NULL,"                                    \
    "  held INTEGER NOT NULL DEFAULT 1, collected_at INTEGER,"                                   \
    "  PRIMARY KEY (reservation_id, item_id)) WITHOUT ROWID;"                                    \
    "CREATE INDEX reservation_item_held ON reservation_item(item_id, starts_at) WHERE held = 1;" \
    "CREATE INDEX reservation_item_pickup ON reservation_item(pickup_by) WHERE held = 1;"

/* Step 3, items: an item's history reads its stocktake scans by item. */
#define INV_SCHEMA_V3_ITEMS                                                                        \
    "CREATE INDEX audit_scan_item ON audit_scan(item_id) WHERE item_id IS NOT NULL;"

/* Step 3, people: staff cards can be disabled and expire; a replaced card (a borrower's or a
 * staff member's) is kept so that it is refused, never reused; person_change records which
 * fields of a borrower or staff account changed, when and by whom (not the old values). */
#define INV_SCHEMA_V3_PEOPLE                                                                       \
    "ALTER TABLE staff ADD COLUMN disabled_at INTEGER;"                                          \
    "ALTER TABLE staff ADD COLUMN expires_at INTEGER;"                                           \
    "CREATE TABLE card_replaced (card TEXT PRIMARY KEY, new_card TEXT NOT NULL,"                 \
    "  borrower_id INTEGER REFERENCES borrower(id), staff_id INTEGER REFERENCES staff(id),"      \
    "  replaced_at INTEGER NOT NULL, replaced_by INTEGER REFERENCES staff(id),"                  \
    "  CHECK ((borrower_id IS NULL) <> (staff_id IS NULL))) WITHOUT ROWID;"                      \
    "CREATE TABLE person_change (id INTEGER PRIMARY KEY,"                                        \
    "  borrower_id INTEGER REFERENCES borrower(id), staff_id INTEGER REFERENCES staff(id),"      \
    "  at INTEGER NOT NULL, by_staff INTEGER REFERENCES staff(id), fields TEXT NOT NULL,"        \
    "  CHECK ((borrower_id IS NULL) <> (staff_id IS NULL)));"                                    \
    "CREATE INDEX person_change_borrower ON person_change(borrower_id)"                          \
    "  WHERE borrower_id IS NOT NULL;"

/* Step 3, calendar: a centre's closed weekdays (bit 0 Monday .. bit 6 Sunday; never all seven)
 * and whether the Norwegian public holidays are closed days (1, the default) or open (0); and
 * its dated closures, first to last day inclusive, as local dates 'YYYY-MM-DD' that never
 * overlap (inv_calendar.c). */
#define INV_SCHEMA_V3_CALENDAR                                                                     \
    "CREATE TABLE calendar (centre_id INTEGER PRIMARY KEY REFERENCES centre(id),"                \
    "  closed_weekdays INTEGER NOT NULL DEFAULT 0 CHECK (closed_weekdays BETWEEN 0 AND 126),"    \
    "  public_holidays INTEGER NOT NULL DEFAULT 1 CHECK (public_holidays IN (0, 1)));"           \
    "CREATE TABLE closure (id INTEGER PRIMARY KEY,"                                              \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id),"                                        \
    "  first_day TEXT NOT NULL, last_day TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',"          \
    "  CHECK (length(first_day) = 10 AND length(last_day) = 10 AND last_day >= first_day));"     \
    "CREATE UNIQUE INDEX closure_first ON closure(centre_id, first_day);"

/* Migration step 3, summaries and reports: a centre's own items, for its year report (items
 * never lent, and items on loan past due, are counted per centre through item_centre and the
 * loan line indexes; not by status, which checkouts write); checkouts not yet added to the
 * summaries (see inv_stats.c). */
#define INV_SCHEMA_V3_SUMMARY                                                                      \
    "CREATE INDEX item_centre ON item(centre_id);"                                               \
    "CREATE TABLE sum_pending (loan_id INTEGER PRIMARY KEY);"

/* Step 3, the "ever lent" mark: 1 once an item has a loan line. Checkout sets it in the statement
 * that sets the status (ITEM_LEND), the loan import in one statement after its lines (IMP_EVER_LENT),
 * this step from the lines already stored; nothing clears it (loan lines are never deleted).
 * A centre's items never lent are then a count over item_never_lent, not a lookup per item. */
#define INV_SCHEMA_V3_EVER                                                                         \
    "ALTER TABLE item ADD COLUMN ever_lent INTEGER NOT NULL DEFAULT 0"                           \
    "  CHECK (ever_lent IN (0, 1));"                                                             \
    "UPDATE item SET ever_lent = 1 WHERE EXISTS (SELECT 1 FROM loan_line ll"                     \
    "  WHERE ll.item_id = item.id);"                                                             \
    "CREATE INDEX item_never_lent ON item(centre_id, status) WHERE ever_lent = 0;"

/* Migration step 4 (user_version 3 to 4): personal data and the centre's week. Each area adds its
 * own part below (one macro per area, listed in schema_v4 in inv_db.c). A borrower's consent
 * records which version of the terms was accepted, when, and by whom (consent_by: the borrower
 * who tapped, the responsible adult for a child; NULL for consents older than this step; no
 * REFERENCES clause, so that the column can be dropped again, as the migration test does);
 * contact_consent is the separate, optional consent to be contacted (bit 1 SMS, bit 2 e-mail);
 * municipality is optional, chosen from the centre's configured list. */
#define INV_SCHEMA_V4_PERSON                                                                       \
    "ALTER TABLE borrower ADD COLUMN consent_version TEXT;"                                      \
    "ALTER TABLE borrower ADD COLUMN consent_at INTEGER;"                                        \
    "ALTER TABLE borrower ADD COLUMN consent_by INTEGER;"                                        \
    "ALTER TABLE borrower ADD COLUMN contact_consent INTEGER NOT NULL DEFAULT 0"                 \
    "  CHECK (contact_consent BETWEEN 0 AND 3);"                                                 \
    "ALTER TABLE borrower ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"

/* The index of loan lines by state and item (made by step 4 below, and again by the loan import
 * after a large file). Its first column is 0 for an open line and NULL for a returned one, so
 * the open lines are one range (a borrower's loans, the overdue list), an item's open line is
 * one seek, and it is unique for open lines only (NULLs are distinct): one open line per item.
 * A statement finds lines through it only when it asks for the state as these macros write it
 * (`t`: the table's alias and a dot, or ""): LL_OPEN an open line, LL_CLOSED a returned one,
 * LL_ANY either (an item's every line: two seeks). test_open_lines checks every statement's
 * plan: none reads the whole table unless listed there. */
#define LL_ITEM_OPEN_INDEX                                                                         \
    "CREATE UNIQUE INDEX IF NOT EXISTS loan_line_open_item ON loan_line("                        \
    "(CASE WHEN returned_at IS NULL THEN 0 END), item_id)"
#define LL_STATE(t) "CASE WHEN " t "returned_at IS NULL THEN 0 END"
#define LL_OPEN(t) LL_STATE(t) " = 0"
#define LL_CLOSED(t) LL_STATE(t) " IS NULL"
#define LL_ANY(t) "(" LL_OPEN(t) " OR " LL_CLOSED(t) ")"
/* Whether the item `id` has a loan line: one seek each for an open and a returned line (cheaper
 * than LL_ANY's two-range OR where it runs for many items). */
#define LL_OF_ITEM(id)                                                                             \
    "(EXISTS (SELECT 1 FROM loan_line ll WHERE ll.item_id = " id " AND " LL_OPEN("ll.") ") OR"   \
    " EXISTS (SELECT 1 FROM loan_line ll WHERE ll.item_id = " id " AND " LL_CLOSED("ll.") "))"

/* Step 4, checkout's writes (issue 16): one index of loan lines instead of two (loan_line_item
 * by item, and loan_line_open of the open lines by item, one each), so a checkout writes one
 * index entry a line, not two. */
#define INV_SCHEMA_V4_LINES                                                                        \
    "DROP INDEX IF EXISTS loan_line_item;"                                                       \
    "DROP INDEX IF EXISTS loan_line_open;"                                                       \
    LL_ITEM_OPEN_INDEX ";"

/* Step 4, the summary queue as a mark (issue 16): sum_mark's one row holds the last loan id in
 * the summaries; the loans above it are queued, so a checkout writes nothing for its figures
 * (see inv_stats.c). NULL: not known, the summaries are rebuilt at the next fold. Step 3 queued
 * loans as rows of sum_pending: when they are the newest loans the mark goes just below them;
 * when not (an import came between), it is NULL. */
#define INV_SCHEMA_V4_SUMMARY                                                                      \
    "CREATE TABLE sum_mark (one INTEGER PRIMARY KEY CHECK (one = 1), loan_id INTEGER);"          \
    "INSERT INTO sum_mark(one, loan_id) SELECT 1, CASE WHEN (SELECT count(*) FROM loan"          \
    "  WHERE id >= q.first) = q.n THEN q.first - 1 END FROM (SELECT coalesce(min(p.loan_id),"    \
    "  (SELECT coalesce(max(id), 0) + 1 FROM loan)) AS first, count(*) AS n FROM sum_pending p"  \
    "  JOIN loan l ON l.id = p.loan_id) q;"                                                      \
    "DROP TABLE sum_pending;"

/* Step 4, no index of items never lent (issue 16): item_never_lent (by centre and status, of
 * the items whose "ever lent" mark is 0) cost a checkout an index page for every item lent for
 * the first time (its status changed, then the mark); a centre's items never lent are counted
 * over its items (item_centre) reading the mark and status of each, a few hundred rows. */
#define INV_SCHEMA_V4_EVER "DROP INDEX IF EXISTS item_never_lent;"

/* Item statuses in SQL, from INV_ITEM_STATUS_MAP (inventory.h) and nowhere else: a statement
 * that compares or sets a status starts with ST_WITH, which makes a one-row table `st` with one
 * column per status (named as inv_item_status_name() says, holding the value stringified from the
 * list), and reads the value as ST("on_loan"). A misspelt name fails in inv_open(). */
#define ST_COL(name, value, text) #value " AS " text ", "
#define ST_WITH "WITH st AS (SELECT " INV_ITEM_STATUS_MAP(ST_COL) "NULL AS end_) "
#define ST(text) "(SELECT " text " FROM st)"

/* Item rows: the column order inv__read_item() expects. */
#define ITEM_COLS                                                                                  \
    "i.id, i.barcode, i.name, c.name, i.location, i.condition, i.notes, i.status, i.kit_id,"       \
    " i.loan_days, i.added_at, i.category_id, coalesce(i.loan_days, c.loan_days, 0),"              \
    " EXISTS (SELECT 1 FROM item p WHERE p.kit_id = i.id)"
#define ITEM_FROM " FROM item i JOIN category c ON c.id = i.category_id"

/* Borrower rows: the column order inv__read_borrower() expects. */
#define BORROWER_COLS                                                                              \
    "id, card, name, phone, email, birth_year, registered_at, consent, blocked,"                   \
    " blocked_reason, responsible_id, registered_by"

/* Staff rows: the column order read_staff() (inv_people.c) expects. */
#define STAFF_COLS "id, name, card, role, pin_hash, disabled_at, expires_at"

/* Loan line rows, for InvLoanLine. */
#define LINE_COLS                                                                                  \
    "l.id, b.id, b.name, b.card, i.barcode, i.name, c.name, l.checked_out_at, ll.due_at,"         \
    " ll.returned_at"
#define LINE_FROM                                                                                  \
    " FROM loan_line ll JOIN loan l ON l.id = ll.loan_id JOIN borrower b ON b.id = l.borrower_id" \
    " JOIN item i ON i.id = ll.item_id JOIN category c ON c.id = i.category_id"

/* An item's loan lines with their loan and borrower (history). */
#define HIST_LINE_FROM                                                                             \
    " FROM loan_line ll JOIN loan l ON l.id = ll.loan_id JOIN borrower b ON b.id = l.borrower_id"

/* the loan import's lines: IMP_LINES_PER_STATEMENT rows of seven values to a statement */
#define IMP_LINES_PER_STATEMENT 32
#define IMP_LINE_COLS "loan_id, seq, item_id, due_at, returned_at, renewals, lost_at"
#define IMP_LINE_ROW "(?, ?, ?, ?, ?, ?, ?)"
#define IMP_LINE_ROWS_4 IMP_LINE_ROW ", " IMP_LINE_ROW ", " IMP_LINE_ROW ", " IMP_LINE_ROW
#define IMP_LINE_ROWS_16 IMP_LINE_ROWS_4 ", " IMP_LINE_ROWS_4 ", " IMP_LINE_ROWS_4 ", " IMP_LINE_ROWS_4
#define IMP_LINE_ROWS_32 IMP_LINE_ROWS_16 ", " IMP_LINE_ROWS_16

/* X(name, sql) */
#define INV_SQL_MAP(X)                                                                             \
    X(BEGIN, "BEGIN IMMEDIATE")                                                                    \
    X(COMMIT, "COMMIT")                                                                            \
    X(ROLLBACK, "ROLLBACK")                                                                        \
    X(BEGIN_READ, "BEGIN DEFERRED")                                                                \
    X(DATA_VERSION, "PRAGMA data_version")                                                         \
    X(SETTING_GET, "SELECT value FROM setting WHERE key = ?1")                                     \
    X(SETTING_SET, "INSERT OR REPLACE INTO setting(key, value) VALUES (?1, ?2)")                   \
    X(CENTRE_FIRST, "SELECT id FROM centre ORDER BY id LIMIT 1")                                   \
    X(CENTRE_GET, "SELECT id FROM centre WHERE id = ?1")                                           \
    X(CENTRE_ADD, "INSERT INTO centre(id, name) VALUES (?1, ?2)")                                  \
    X(CATEGORY_GET, "SELECT id, loan_days FROM category WHERE name = ?1")                          \
    X(CATEGORY_ADD, "INSERT INTO category(name) VALUES (?1)")                                      \
    X(CATEGORY_SET_DAYS, "UPDATE category SET loan_days = ?2 WHERE id = ?1")                       \
    X(ITEM_ADD, "INSERT INTO item(centre_id, barcode, name, category_id, location, condition,"     \
                " notes, kit_id, loan_days, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"  \
                " ?10)")                                                                           \
    X(ITEM_GET, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.barcode = ?1")                             \
    X(ITEM_GET_ID, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.id = ?1")                               \
    X(LEND_INFO, "SELECT i.id, i.status, i.category_id, coalesce(i.loan_days, c.loan_days, 0),"   \
                 " EXISTS (SELECT 1 FROM item p WHERE p.kit_id = i.id), i.name, EXISTS (SELECT 1"  \
                 " FROM reservation_item ri WHERE ri.item_id = i.id AND ri.held = 1) FROM item i"  \
                 " JOIN category c ON c.id = i.category_id WHERE i.barcode = ?1")                  \
    X(LEND_INFO_8, "SELECT v.column1, i.id, i.status, i.category_id, coalesce(i.loan_days,"      \
                   " c.loan_days, 0), EXISTS (SELECT 1 FROM item p WHERE p.kit_id = i.id), i.name," \
                   " EXISTS (SELECT 1 FROM reservation_item ri WHERE ri.item_id = i.id AND"        \
                   " ri.held = 1) FROM (VALUES (0, ?1), (1, ?2), (2, ?3), (3, ?4), (4, ?5), (5,"    \
                   " ?6), (6, ?7), (7, ?8)) v CROSS JOIN item i CROSS JOIN category c WHERE"       \
                   " i.barcode = v.column2 AND c.id = i.category_id")                             \
    X(ITEM_LEND, "UPDATE item SET status = ?2, ever_lent = 1 WHERE id = ?1")                       \
    X(BORROWER_CHECK, "SELECT b.blocked, coalesce(a.blocked, 0), b.responsible_id IS NOT NULL AND" \
                      " a.id IS NULL FROM borrower b LEFT JOIN borrower a ON a.id ="              \
                      " b.responsible_id WHERE b.id = ?1")                                         \
    X(LINES_ADD_8, "INSERT INTO loan_line(loan_id, seq, item_id, due_at) SELECT ?1, column1,"      \
                   " column2, column3 FROM (VALUES (?2, ?3, ?4), (?5, ?6, ?7), (?8, ?9, ?10),"      \
                   " (?11, ?12, ?13), (?14, ?15, ?16), (?17, ?18, ?19), (?20, ?21, ?22), (?23,"     \
                   " ?24, ?25)) WHERE column1 IS NOT NULL")                                        \
    X(ITEM_LOAN, "SELECT " LINE_COLS LINE_FROM " WHERE ll.item_id = ?1 AND " LL_OPEN("ll."))       \
    X(CATEGORY_EACH, "SELECT c.name, c.loan_days, (SELECT count(*) FROM item i WHERE"             \
                     " i.category_id = c.id) FROM category c ORDER BY c.name")                     \
    X(ITEM_UPDATE, "UPDATE item SET name = ?2, category_id = ?3, location = ?4, condition = ?5,"   \
                   " notes = ?6, kit_id = ?7, loan_days = ?8 WHERE id = ?1")                       \
    X(ITEM_SET_STATUS, "UPDATE item SET status = ?2 WHERE id = ?1")                                \
    X(ITEM_EACH, "SELECT " ITEM_COLS ITEM_FROM " WHERE (?1 IS NULL OR c.name = ?1)"                \
                 " AND (?2 IS NULL OR i.location = ?2) AND (?3 < 0 OR i.status = ?3)"              \
                 " ORDER BY i.barcode")                                                            \
    X(ITEM_EACH_PART, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.kit_id = ?1 ORDER BY i.barcode")     \
    X(ITEM_EVENT_ADD, "INSERT INTO item_event(item_id, at, status, note, staff_id)"                \
                      " VALUES (?1, ?2, ?3, ?4, ?5)")                                              \
    X(BORROWER_ADD, "INSERT INTO borrower(centre_id, card, name, phone, email, birth_year,"        \
                    " registered_at, consent, responsible_id, registered_by) VALUES (?1, ?2, ?3,"  \
                    " ?4, ?5, ?6, ?7, ?8, ?9, ?10)")                                               \
    X(BORROWER_GET, "SELECT " BORROWER_COLS " FROM borrower WHERE card = ?1")                      \
    X(BORROWER_GET_ID, "SELECT " BORROWER_COLS " FROM borrower WHERE id = ?1")                     \
    X(BORROWER_BLOCK, "UPDATE borrower SET blocked = ?2, blocked_reason = ?3, blocked_at = ?4,"   \
                     " blocked_by = ?5 WHERE id = ?1")                                             \
    X(BORROWER_EACH, "SELECT " BORROWER_COLS " FROM borrower WHERE ?1 IS NULL"                     \
                     " OR name LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 ESCAPE '\\'"                   \
                     " OR card LIKE ?1 ESCAPE '\\' ORDER BY name, card LIMIT ?2")                  \
    X(BORROWER_EACH_CO, "SELECT " BORROWER_COLS " FROM borrower WHERE responsible_id = ?1"         \
                        " ORDER BY name, card")                                                    \
    X(STAFF_ADD, "INSERT INTO staff(name, card, role, pin_hash) VALUES (?1, ?2, ?3, ?4)")          \
    X(STAFF_GET, "SELECT " STAFF_COLS " FROM staff WHERE card = ?1")                               \
    X(STAFF_PIN_GET, "SELECT fails, locked_until FROM staff_pin WHERE staff_id = ?1")              \
    X(STAFF_PIN_SET, "INSERT INTO staff_pin(staff_id, fails, locked_until) VALUES (?1, ?2, ?3)"     \
                     " ON CONFLICT (staff_id) DO UPDATE SET fails = excluded.fails,"               \
                     " locked_until = excluded.locked_until")                                      \
    X(LOAN_ADD, "INSERT INTO loan(centre_id, borrower_id, staff_id, checked_out_at, ref)"          \
                " VALUES (?1, ?2, ?3, ?4, ?5)")                                                    \
    X(LINE_OPEN, "SELECT ll.seq, l.id, l.borrower_id, ll.due_at FROM loan_line ll"                 \
                 " JOIN loan l ON l.id = ll.loan_id WHERE ll.item_id = ?1 AND " LL_OPEN("ll."))    \
    X(LINE_LAST_RETURNED, "SELECT loan_id, seq FROM loan_line WHERE item_id = ?1 AND "             \
                          LL_CLOSED("") " ORDER BY returned_at DESC, loan_id DESC LIMIT 1")        \
    X(LINE_DAMAGED, "UPDATE loan_line SET damaged = 1, return_note = ?3,"                          \
                    " return_staff_id = coalesce(?4, return_staff_id) WHERE loan_id = ?1 AND seq" \
                    " = ?2")                                                                       \
    X(LINE_RETURN, "UPDATE loan_line SET returned_at = ?2, return_staff_id = ?3, damaged = ?4,"    \
                   " return_note = ?5 WHERE loan_id = ?6 AND seq = ?1")                            \
    X(LINE_OPEN_PARTS, "SELECT ll.seq, ll.item_id, i.barcode FROM loan_line ll JOIN item i ON"     \
                       " i.id ="                                                                   \
                       " ll.item_id WHERE ll.loan_id = ?1 AND i.kit_id = ?2 AND " LL_OPEN("ll."))  \
    X(LINES_OF_BORROWER, "SELECT " LINE_COLS LINE_FROM " WHERE " LL_OPEN("ll.") " AND"             \
                         " (b.id = ?1 OR (?2 AND b.responsible_id = ?1)) ORDER BY ll.due_at,"      \
                         " ll.loan_id, ll.seq")                                                    \
    X(LINES_OVERDUE, "SELECT " LINE_COLS LINE_FROM " WHERE " LL_OPEN("ll.") " AND"                 \
                     " ll.due_at < ?1 ORDER BY ll.due_at, ll.loan_id, ll.seq")                     \
    X(LINES_OF_LOAN, "SELECT " LINE_COLS LINE_FROM " WHERE ll.loan_id = ?1 ORDER BY ll.seq")       \
    X(SUM_BORROWER_ADD, "INSERT OR IGNORE INTO sum_borrower(centre_id, period, borrower_id)"       \
                        " VALUES (?1, ?2, ?3)")                                                    \
    X(SUM_BORROWERS_8, "INSERT OR IGNORE INTO sum_borrower(centre_id, period, borrower_id) SELECT" \
                       " ?1, ?2, column1 FROM (VALUES (?3), (?4), (?5), (?6), (?7), (?8), (?9),"  \
                       " (?10)) WHERE column1 IS NOT NULL")                                        \
    X(SUM_ADD, "INSERT INTO summary(centre_id, period, category_id, loans, items_lent, borrowers," \
               " new_borrowers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (centre_id,"        \
               " period, category_id) DO UPDATE SET loans = loans + excluded.loans, items_lent ="  \
               " items_lent + excluded.items_lent, borrowers = borrowers + excluded.borrowers,"    \
               " new_borrowers = new_borrowers + excluded.new_borrowers")                          \
    X(SUM_ADD_LOAN, "INSERT INTO summary(centre_id, period, category_id, loans, items_lent,"       \
                    " borrowers) SELECT column1, column2, column3, column4, column5, column6 FROM"   \
                    " (VALUES (?1, ?2, ?24, 1, ?3, ?4), (0, ?2, ?24, 1, ?3, ?5), (?1, ?6, ?24, 1,"  \
                    " ?3, ?7),"                                                                    \
                    " (?1, ?6, ?8, 0, ?9, 0), (?1, ?6, ?10, 0, ?11, 0), (?1, ?6, ?12, 0, ?13, 0),"  \
                    " (?1, ?6, ?14, 0, ?15, 0), (?1, ?6, ?16, 0, ?17, 0), (?1, ?6, ?18, 0, ?19, 0),"  \
                    " (?1, ?6, ?20, 0, ?21, 0), (?1, ?6, ?22, 0, ?23, 0)) WHERE column3 IS NOT NULL" \
                    " ON CONFLICT (centre_id, period, category_id) DO UPDATE SET loans = loans +"   \
                    " excluded.loans, items_lent = items_lent + excluded.items_lent, borrowers ="   \
                    " borrowers + excluded.borrowers")                                             \
    X(SUM_ADD_RETURNED, "INSERT INTO summary(centre_id, period, category_id, returned,"           \
                        " loan_seconds) VALUES (?1, ?2, 0, ?3, ?4) ON CONFLICT (centre_id, period," \
                        " category_id) DO UPDATE SET returned = returned + excluded.returned,"      \
                        " loan_seconds = loan_seconds + excluded.loan_seconds")                    \
    X(SUM_GET, "SELECT loans, items_lent, borrowers, new_borrowers, returned, loan_seconds FROM"    \
               " summary WHERE centre_id = ?1 AND period = ?2 AND category_id = 0")                \
    X(LOAN_START, "SELECT centre_id, checked_out_at FROM loan WHERE id = ?1")                      \
    X(REBUILD_RETURNS, "SELECT l.centre_id, l.checked_out_at, ll.returned_at - l.checked_out_at"   \
                       " FROM loan_line ll JOIN loan l ON l.id = ll.loan_id WHERE ll.returned_at"   \
                       " IS NOT NULL AND ll.lost_at IS NULL ORDER BY l.id")                       \
    X(SUM_MONTHS_GET, "SELECT period, loans, items_lent, borrowers, new_borrowers FROM summary"    \
                      " WHERE centre_id = ?1 AND period BETWEEN ?2 AND ?3 AND category_id = 0")    \
    X(SUM_CATS_GET, "SELECT c.name, sum(s.items_lent) AS n FROM summary s JOIN category c ON c.id" \
                    " = s.category_id WHERE s.centre_id = ?1 AND s.period BETWEEN ?2 AND ?3 AND"    \
                    " s.category_id <> 0 GROUP BY c.name ORDER BY n DESC, c.name")                 \
    X(SUM_MARK_GET, "SELECT (SELECT loan_id FROM sum_mark), (SELECT coalesce(max(id), 0) FROM"    \
                    " loan)")                                                                      \
    X(SUM_MARK_SET, "INSERT OR REPLACE INTO sum_mark(one, loan_id) VALUES (1, ?1)")                \
    X(SUM_QUEUED_LINES, "SELECT l.id, l.centre_id, l.checked_out_at, l.borrower_id,"               \
                        " i.category_id FROM loan l CROSS JOIN loan_line ll CROSS JOIN item i"      \
                        " WHERE l.id > ?1 AND l.id <= ?2 AND ll.loan_id = l.id AND i.id ="         \
                        " ll.item_id ORDER BY l.id")                                               \
    X(SUM_RANKING, "SELECT c.id, c.name, coalesce(s.loans, 0) AS loans, coalesce(s.items_lent,"  \
                   " 0) AS items, coalesce(s.borrowers, 0) AS borrowers, coalesce(s.new_borrowers," \
                   " 0) AS new FROM centre c LEFT JOIN summary s ON s.centre_id = c.id AND"        \
                   " s.period = ?1 AND s.category_id = 0 ORDER BY loans DESC, items DESC,"          \
                   " borrowers DESC, new DESC, c.id")                                              \
    X(SUM_YEARS, "SELECT centre_id, period FROM summary WHERE period < 10000 AND category_id = 0"  \
                 " ORDER BY 1, 2")                                                                 \
    X(ITEM_MARK_MISSING, ST_WITH "UPDATE item SET status = " ST("missing") " WHERE id = ?1 AND"   \
                         " status = " ST("available"))                                          \
    X(ITEM_LEND_IF_FREE, ST_WITH "UPDATE item SET status = " ST("on_loan") " WHERE id = ?1 AND"   \
                         " status = " ST("available"))                                          \
    X(ITEM_INFO, "SELECT i.barcode, i.id, i.category_id, i.status, coalesce(i.loan_days,"          \
                 " c.loan_days, 0) FROM item i JOIN category c ON c.id = i.category_id WHERE"      \
                 " i.centre_id = ?1")                                                              \
    X(BORROWER_INFO, "SELECT card, id FROM borrower WHERE centre_id = ?1")                         \
    X(LINE_OVERLAP, "SELECT coalesce(l.ref, l.id), l.checked_out_at FROM loan_line ll JOIN loan l" \
                    " ON l.id = ll.loan_id WHERE ll.item_id = ?1 AND " LL_OPEN("ll.") " AND"       \
                    " l.checked_out_at < ?3 UNION ALL SELECT coalesce(l.ref, l.id),"               \
                    " l.checked_out_at FROM loan_line ll JOIN loan l ON l.id = ll.loan_id WHERE"   \
                    " ll.item_id = ?1 AND " LL_CLOSED("ll.") " AND l.checked_out_at < ?3 AND"      \
                    " ll.returned_at > ?2 LIMIT 1")                                                \
    X(REBUILD_LOANS, "SELECT l.id, l.centre_id, l.checked_out_at, l.borrower_id, i.category_id,"   \
                     " count(*) FROM loan l JOIN loan_line ll ON ll.loan_id = l.id JOIN item i ON"  \
                     " i.id = ll.item_id GROUP BY l.id, i.category_id ORDER BY l.id")              \
    X(REBUILD_REGS, "SELECT centre_id, registered_at FROM borrower")                               \
    X(RAW_LOANS, "SELECT count(*), count(DISTINCT borrower_id) FROM loan WHERE checked_out_at >="  \
                 " ?1 AND checked_out_at < ?2 AND (?3 = 0 OR centre_id = ?3)")                     \
    X(RAW_ITEMS, "SELECT count(*) FROM loan_line ll JOIN loan l ON l.id = ll.loan_id WHERE"        \
                 " l.checked_out_at >= ?1 AND l.checked_out_at < ?2 AND (?3 = 0 OR l.centre_id ="  \
                 " ?3)")                                                                           \
    X(RAW_NEW, "SELECT count(*) FROM borrower WHERE registered_at >= ?1 AND registered_at < ?2"    \
               " AND (?3 = 0 OR centre_id = ?3)")                                                  \
    /* the centre's items out (an open line is an item on loan, or missing from a returned     \
       set: inv_check), each seeking its open line (CROSS JOIN keeps that order: the open lines \
       of every centre in the file are many more) */                                            \
    X(OVERDUE_COUNT, ST_WITH "SELECT count(*) FROM item i CROSS JOIN loan_line ll ON ll.item_id" \
                     " = i.id AND " LL_OPEN("ll.") " WHERE i.centre_id = ?2 AND i.status IN ("     \
                     ST("on_loan") ", " ST("missing") ") AND ll.due_at < ?1")                      \
    X(NEVER_LENT, ST_WITH "SELECT count(*) FROM item i WHERE i.centre_id = ?1 AND"                \
                  " i.ever_lent = 0 AND i.status <> " ST("retired"))                             \
    X(AUDIT_ADD, "INSERT INTO audit(centre_id, zone, staff_id, started_at) VALUES (?1, ?2, ?3,"    \
                 " ?4)")                                                                           \
    X(AUDIT_EXPECT, ST_WITH "INSERT INTO audit_expected(audit_id, item_id) SELECT ?1, id FROM item" \
                    " WHERE status = " ST("available") " AND centre_id = ?3 AND (?2 = '' OR"      \
                    " location = ?2)")                                                          \
    X(AUDIT_GET, "SELECT zone, finished_at FROM audit WHERE id = ?1")                              \
    X(AUDIT_INFO, "SELECT zone, staff_id, started_at, finished_at FROM audit WHERE id = ?1")       \
    X(AUDIT_FOUND, "SELECT s.barcode, coalesce(i.name, ''), coalesce(i.location, '') FROM"        \
                   " audit_scan s LEFT JOIN item i ON i.id = s.item_id WHERE s.audit_id = ?1 AND"  \
                   " s.kind = ?2 ORDER BY s.barcode")                                              \
    X(AUDIT_IS_EXPECTED, "SELECT 1 FROM audit_expected WHERE audit_id = ?1 AND item_id = ?2")      \
    X(AUDIT_SCAN_ADD, "INSERT OR IGNORE INTO audit_scan(audit_id, barcode, item_id, kind, at)"     \
                      " VALUES (?1, ?2, ?3, ?4, ?5)")                                              \
    X(AUDIT_COUNT, "SELECT (SELECT count(*) FROM audit_expected WHERE audit_id = ?1),"             \
                   " (SELECT count(*) FROM audit_scan s JOIN audit_expected e ON e.audit_id ="      \
                   " s.audit_id AND e.item_id = s.item_id WHERE s.audit_id = ?1),"                 \
                   " (SELECT count(*) FROM audit_scan WHERE audit_id = ?1 AND kind = ?2),"         \
                   " (SELECT count(*) FROM audit_scan WHERE audit_id = ?1 AND kind = ?3),"         \
                   " (SELECT count(*) FROM audit_scan WHERE audit_id = ?1 AND kind = ?4)")         \
    X(AUDIT_FINISH, "UPDATE audit SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL")     \
    X(AUDIT_MISSING, ST_WITH "SELECT i.barcode, i.name, i.location, i.id FROM audit_expected e"    \
                     " JOIN item i ON i.id = e.item_id WHERE e.audit_id = ?1 AND i.status = "      \
                     ST("available") " AND NOT"                                                 \
                     " EXISTS (SELECT 1 FROM audit_scan s WHERE s.audit_id = ?1 AND s.item_id ="   \
                     " e.item_id) ORDER BY i.barcode")                                             \
    X(CARD_REPLACED_GET, "SELECT replaced_at FROM card_replaced WHERE card = ?1")                 \
    X(CARD_REPLACED_ADD, "INSERT INTO card_replaced(card, new_card, borrower_id, staff_id,"       \
                         " replaced_at, replaced_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")             \
    X(PERSON_CHANGE_ADD, "INSERT INTO person_change(borrower_id, staff_id, at, by_staff, fields)" \
                         " VALUES (?1, ?2, ?3, ?4, ?5)")                                           \
    X(BORROWER_EDIT, "UPDATE borrower SET name = ?2, phone = ?3, email = ?4, birth_year = ?5,"    \
                     " responsible_id = ?6 WHERE id = ?1")                                         \
    X(BORROWER_SET_CARD, "UPDATE borrower SET card = ?2 WHERE id = ?1")                            \
    X(BORROWER_CO_COUNT, "SELECT count(*) FROM borrower WHERE responsible_id = ?1")                \
    X(STAFF_GET_ID, "SELECT " STAFF_COLS " FROM staff WHERE id = ?1")                              \
    X(STAFF_EACH, "SELECT " STAFF_COLS " FROM staff ORDER BY role DESC, name, card")               \
    X(STAFF_UPDATE, "UPDATE staff SET name = ?2, role = ?3, card = ?4, expires_at = ?5"            \
                    " WHERE id = ?1")                                                              \
    X(STAFF_SET_DISABLED, "UPDATE staff SET disabled_at = ?2 WHERE id = ?1")                       \
    X(STAFF_SET_PIN, "UPDATE staff SET pin_hash = ?2 WHERE id = ?1")                               \
    X(STAFF_OTHER_LEADERS, "SELECT count(*) FROM staff WHERE role = ?2 AND id <> ?1 AND"           \
                           " disabled_at IS NULL AND (expires_at IS NULL OR expires_at >= ?3)")    \
    X(AUDIT_ODD, "SELECT s.kind, s.barcode, coalesce(i.name, ''), coalesce(i.location, '') FROM"   \
                 " audit_scan s LEFT JOIN item i ON i.id = s.item_id WHERE s.audit_id = ?1 AND"    \
                 " s.kind IN (?2, ?3, ?4) ORDER BY s.kind, s.barcode")                 \
    /* renewals and reservations (inv_lend.c, inv_reserve.c) */                                   \
    X(RENEW_LINE, "SELECT ll.loan_id, ll.seq, ll.due_at, ll.renewals, l.borrower_id,"             \
                  " coalesce(b.responsible_id, 0) FROM loan_line ll JOIN loan l ON l.id ="          \
                  " ll.loan_id JOIN borrower b ON b.id = l.borrower_id WHERE ll.item_id = ?1 AND " \
                  LL_OPEN("ll."))                                                                  \
    X(RENEW_SET, "UPDATE loan_line SET due_at = ?3, renewals = renewals + 1 WHERE loan_id = ?1"    \
                 " AND seq = ?2")                                                                  \
    X(RENEW_PARTS, "SELECT ll.seq, ll.item_id, i.barcode, ll.due_at, i.name FROM loan_line ll JOIN" \
                   " item i"                                                                       \
                   " ON i.id = ll.item_id WHERE ll.loan_id = ?1 AND i.kit_id = ?2 AND "            \
                   LL_OPEN("ll."))                                                                 \
    X(RENEWAL_ADD, "INSERT INTO renewal(loan_id, seq, item_id, at, staff_id, old_due_at,"          \
                   " new_due_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")                             \
    X(RES_HELD, "SELECT ri.reservation_id, ri.starts_at, ri.ends_at, r.borrower_id = ?4,"          \
                " r.borrower_id FROM reservation_item ri JOIN reservation r ON r.id ="              \
                " ri.reservation_id WHERE ri.item_id = ?1 AND ri.held = 1 AND ri.starts_at <= ?3"  \
                " AND ri.ends_at >= ?2 AND ri.pickup_by >= ?5 ORDER BY r.borrower_id = ?4,"        \
                " ri.starts_at LIMIT 1")                                                           \
    X(RES_BORROWER_OPEN, "SELECT 1 FROM reservation WHERE borrower_id = ?1 AND pickup_by >= ?2"    \
                         " AND cancelled_at IS NULL LIMIT 1")                                      \
    X(RES_SWAP_FIND, "SELECT ri.reservation_id, ri.item_id FROM reservation_item ri JOIN"          \
                     " reservation r ON r.id = ri.reservation_id JOIN item i ON i.id ="            \
                     " ri.item_id WHERE r.borrower_id = ?1 AND r.category_id = ?2 AND ri.held = 1" \
                     " AND ri.starts_at <= ?3 AND ri.ends_at >= ?4 AND ri.pickup_by >= ?4 AND NOT"  \
                     " EXISTS (SELECT 1 FROM reservation_item x WHERE x.reservation_id ="          \
                     " ri.reservation_id AND x.item_id = ?5) ORDER BY ri.starts_at, i.barcode DESC" \
                     " LIMIT 1")                                                                   \
    X(RES_ITEM_COLLECT, "UPDATE reservation_item SET held = 0, collected_at = ?3 WHERE"            \
                        " reservation_id = ?1 AND item_id = ?2")                                   \
    X(RES_ITEM_FREE, "UPDATE reservation_item SET held = 0 WHERE reservation_id = ?1 AND"          \
                     " item_id = ?2")                                                              \
    X(RES_ITEM_ADD_COLLECTED, "INSERT INTO reservation_item(reservation_id, item_id, starts_at,"   \
                              " ends_at, pickup_by, held, collected_at) SELECT id, ?2, starts_at," \
                              " ends_at, pickup_by, 0, ?3 FROM reservation WHERE id = ?1")         \
    X(RES_FULFILLED, "UPDATE reservation SET fulfilled_at = coalesce(fulfilled_at, ?2) WHERE id"  \
                     " = ?1")                                                                      \
    X(RES_ADD, "INSERT INTO reservation(centre_id, borrower_id, item_id, category_id, count,"      \
               " starts_at, ends_at, pickup_by, made_at, staff_id) VALUES (?1, ?2, ?3, ?4, ?5,"     \
               " ?6, ?7, ?8, ?9, ?10)")                                                            \
    X(RES_ITEM_ADD, "INSERT INTO reservation_item(reservation_id, item_id, starts_at, ends_at,"    \
                    " pickup_by) VALUES (?1, ?2, ?3, ?4, ?5)")                                     \
    X(RES_LOAN_CLASH, "SELECT ll.due_at FROM loan_line ll WHERE ll.item_id = ?1 AND "              \
                      LL_OPEN("ll.") " AND ll.due_at >= ?2")                                       \
    X(RES_FREE_OF_CATEGORY, ST_WITH "SELECT i.id FROM item i WHERE i.category_id = ?1 AND"         \
                            " i.centre_id = ?2 AND i.kit_id IS NULL AND i.status IN ("             \
                            ST("available") ", " ST("on_loan") ") AND NOT EXISTS (SELECT 1 FROM"  \
                            " loan_line ll WHERE ll.item_id = i.id AND " LL_OPEN("ll.") " AND"     \
                            " ll.due_at >= ?3) AND NOT EXISTS (SELECT 1 FROM reservation_item ri"  \
                            " WHERE ri.item_id = i.id AND ri.held = 1 AND ri.starts_at <= ?4 AND"  \
                            " ri.ends_at >= ?3 AND ri.pickup_by >= ?5) ORDER BY i.barcode")        \
    X(RES_COLS_GET, "SELECT r.id, r.borrower_id, b.card, b.name, coalesce(i.barcode, ''),"         \
                    " coalesce(i.name, ''), coalesce(c.name, ''), r.count, (SELECT count(*) FROM"  \
                    " reservation_item ri WHERE ri.reservation_id = r.id AND ri.collected_at IS"   \
                    " NOT NULL), r.starts_at, r.ends_at, r.pickup_by, r.made_at,"                  \
                    " coalesce(r.staff_id, 0), coalesce(r.cancelled_at, 0) FROM reservation r JOIN" \
                    " borrower b ON b.id = r.borrower_id LEFT JOIN item i ON i.id = r.item_id"     \
                    " LEFT JOIN category c ON c.id = r.category_id WHERE r.id = ?1")               \
    X(RES_EACH, "SELECT r.id FROM reservation r WHERE ?2 OR (r.ends_at >= ?1 AND r.cancelled_at"   \
                " IS NULL AND (r.fulfilled_at IS NOT NULL OR r.pickup_by >= ?1)) ORDER BY"         \
                " r.starts_at, r.id")                                                              \
    X(RES_SWEEP, "UPDATE reservation_item SET held = 0 WHERE held = 1 AND pickup_by < ?1")         \
    X(RES_EACH_ITEM, "SELECT i.barcode, i.name, coalesce(ri.collected_at, 0), ri.held = 1 AND"     \
                     " ri.pickup_by >= ?2 FROM"                                                    \
                     " reservation_item ri JOIN item i ON i.id = ri.item_id WHERE"                 \
                     " ri.reservation_id = ?1 ORDER BY i.barcode")                                 \
    X(RES_CANCEL, "UPDATE reservation SET cancelled_at = ?2 WHERE id = ?1")                        \
    X(RES_CANCEL_ITEMS, "UPDATE reservation_item SET held = 0 WHERE reservation_id = ?1")          \
    X(LEND_YEAR, "SELECT (SELECT count(*) FROM renewal rn JOIN loan l ON l.id = rn.loan_id WHERE"  \
                 " rn.at >= ?1 AND rn.at < ?2 AND l.centre_id = ?3), (SELECT"                      \
                 " count(*) FROM reservation WHERE made_at >= ?1 AND made_at < ?2 AND centre_id ="  \
                 " ?3), (SELECT count(*) FROM reservation WHERE fulfilled_at >= ?1 AND"            \
                 " fulfilled_at < ?2 AND centre_id = ?3)")                                         \
    X(LINES_HISTORY, "SELECT " LINE_COLS LINE_FROM " WHERE l.borrower_id = ?1 AND"                 \
                     " l.checked_out_at >= ?2 ORDER BY l.checked_out_at DESC, l.id DESC, ll.seq")  \
    X(LOST_OPEN, "SELECT loan_id, seq FROM loan_line WHERE item_id = ?1 AND " LL_OPEN("")         \
                 " AND lost_at IS NOT NULL")                                                       \
    X(LINE_FOUND, "UPDATE loan_line SET returned_at = ?3, lost_at = NULL, return_staff_id = ?4,"  \
                  " return_note = ?5 WHERE loan_id = ?1 AND seq = ?2")                             \
    X(LINE_WRITE_OFF, "UPDATE loan_line SET returned_at = ?3, lost_at = coalesce(lost_at, ?3),"    \
                      " return_staff_id = ?4, return_note = ?5 WHERE loan_id = ?1 AND seq = ?2")   \
    X(LINE_SET_LOST, "UPDATE loan_line SET lost_at = ?3, return_staff_id = ?4, return_note = ?5"   \
                     " WHERE loan_id = ?1 AND seq = ?2")                                           \
    X(LINES_PARTS_OUT, "SELECT " LINE_COLS LINE_FROM " WHERE ll.loan_id = ?1 AND i.kit_id = ?2"    \
                       " AND " LL_OPEN("ll.") " ORDER BY ll.seq")                                  \
    X(LINES_LOST_OF_BORROWER, "SELECT " LINE_COLS ", ll.lost_at, ll.return_note" LINE_FROM         \
                              " WHERE ll.lost_at IS NOT NULL AND (b.id = ?1 OR (?2 AND"            \
                              " b.responsible_id = ?1)) ORDER BY ll.lost_at DESC, ll.loan_id"      \
                              " DESC, ll.seq")                                                     \
    X(ITEM_HISTORY, "SELECT ?4, l.checked_out_at, l.id, b.card, b.name, ll.due_at,"                \
                    " ll.returned_at, ll.renewals, 0, '', -1, coalesce(s.name, '')" HIST_LINE_FROM \
                    " LEFT JOIN staff s ON s.id = l.staff_id WHERE ll.item_id = ?1 AND "           \
                    LL_ANY("ll.")                                                                  \
                    " UNION ALL SELECT ?5, ll.returned_at, l.id, b.card, b.name, ll.due_at,"       \
                    " ll.returned_at, ll.renewals, ll.damaged, ll.return_note, -1,"                \
                    " coalesce(s.name, '')" HIST_LINE_FROM " LEFT JOIN staff s ON s.id ="          \
                    " ll.return_staff_id WHERE ll.item_id = ?1 AND " LL_CLOSED("ll.")              \
                    " AND ll.lost_at IS NULL"                                                      \
                    " UNION ALL SELECT ?6, ll.lost_at, l.id, b.card, b.name, ll.due_at,"           \
                    " ll.returned_at, ll.renewals, 0, ll.return_note, -1, coalesce(s.name, '')"    \
                    HIST_LINE_FROM " LEFT JOIN staff s ON s.id = ll.return_staff_id WHERE"         \
                    " ll.item_id = ?1 AND " LL_ANY("ll.") " AND ll.lost_at IS NOT NULL"            \
                    " UNION ALL SELECT ?7, e.at, e.id, '', '', 0, NULL, 0, 0, e.note, e.status,"   \
                    " coalesce(s.name, '') FROM item_event e LEFT JOIN staff s ON s.id ="          \
                    " e.staff_id WHERE e.item_id = ?1"                                             \
                    " UNION ALL SELECT ?8, a.at, a.audit_id, '', '', 0, NULL, 0, 0, au.zone,"      \
                    " a.kind, coalesce(s.name, '') FROM audit_scan a JOIN audit au ON au.id ="     \
                    " a.audit_id LEFT JOIN staff s ON s.id = au.staff_id WHERE a.item_id = ?1"     \
                    " ORDER BY 2 DESC, 1 DESC, 3 DESC LIMIT ?2 OFFSET ?3")                         \
    X(CAL_GET, "SELECT closed_weekdays, public_holidays FROM calendar WHERE centre_id = ?1")      \
    X(CAL_SET_WEEKLY, "INSERT INTO calendar(centre_id, closed_weekdays) VALUES (?1, ?2)"          \
                      " ON CONFLICT (centre_id) DO UPDATE SET closed_weekdays ="                   \
                      " excluded.closed_weekdays")                                                 \
    X(CAL_SET_HOLIDAYS, "INSERT INTO calendar(centre_id, public_holidays) VALUES (?1, ?2)"        \
                        " ON CONFLICT (centre_id) DO UPDATE SET public_holidays ="                 \
                        " excluded.public_holidays")                                               \
    X(CLOSURE_EACH, "SELECT first_day, last_day, note FROM closure WHERE centre_id = ?1"          \
                    " ORDER BY first_day")                                                         \
    X(CLOSURE_OVERLAP, "SELECT first_day, last_day, note FROM closure WHERE centre_id = ?1"       \
                       " AND first_day <= ?3 AND last_day >= ?2 ORDER BY first_day LIMIT 1")       \
    X(CLOSURE_ADD, "INSERT INTO closure(centre_id, first_day, last_day, note)"                    \
                   " VALUES (?1, ?2, ?3, ?4)")                                                     \
    X(CLOSURE_REMOVE, "DELETE FROM closure WHERE centre_id = ?1 AND first_day = ?2")               \
    /* the loan import (inv_import_loans.c): loans found by ref, lines 32 to a statement (the    \
       last few one at a time) with renewals and lost_at, and the index of lines by item made    \
       again after a large import (as the schema makes it) */                                    \
    X(IMP_LOAN_MAX, "SELECT coalesce(max(id), 0) FROM loan")                                       \
    X(IMP_LINE_COUNT, "SELECT count(*) FROM loan_line")                                            \
    X(IMP_LINE_SEQ, "SELECT coalesce(max(seq), 0) FROM loan_line WHERE loan_id = ?1")              \
    X(IMP_ITEM_INDEX_DROP, "DROP INDEX IF EXISTS loan_line_open_item")                             \
    X(IMP_ITEM_INDEX_MAKE, LL_ITEM_OPEN_INDEX)                                                     \
    X(CHECK_OPEN_LINES, ST_WITH "SELECT i.barcode FROM item i WHERE (i.status = " ST("on_loan")  \
                        ") <> EXISTS (SELECT 1 FROM loan_line ll WHERE ll.item_id = i.id AND "     \
                        LL_OPEN("ll.") " AND ll.lost_at IS NULL) OR (i.status <> " ST("missing")   \
                        " AND EXISTS (SELECT 1 FROM loan_line ll WHERE ll.item_id = i.id AND "     \
                        LL_OPEN("ll.") " AND ll.lost_at IS NOT NULL)) LIMIT 1")                    \
    X(CHECK_EVER_LENT, "SELECT i.barcode FROM item i WHERE i.ever_lent <> " LL_OF_ITEM("i.id")    \
                       " LIMIT 1")                                                                 \
    X(IMP_EVER_LENT, "UPDATE item SET ever_lent = 1 WHERE centre_id = ?1 AND ever_lent = 0 AND "  \
                     LL_OF_ITEM("item.id"))                                                        \
    X(IMP_LOAN_BY_REF, "SELECT id, borrower_id, checked_out_at FROM loan WHERE ref = ?1")          \
    X(IMP_LINE, "INSERT INTO loan_line(" IMP_LINE_COLS ") VALUES " IMP_LINE_ROW)                   \
    X(IMP_LINES, "INSERT INTO loan_line(" IMP_LINE_COLS ") VALUES " IMP_LINE_ROWS_32)

/* clang-format on */

#endif
