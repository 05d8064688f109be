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

/* Step 4, reminders and receipts (inv_remind.c): a borrower's wish for a receipt after each
 * checkout and their language for messages ('' for the centre's, nb); the outbox, one row per
 * message, written in the transaction that decides it (a checkout's receipt, a round's
 * reminder), unique per loan, kind, reminder number (0 for a receipt) and channel (1 SMS,
 * 2 e-mail, the bits of contact_consent), so nothing is queued twice. recipient_id is who it
 * goes to (a child's responsible adult); state: 0 queued, 1 sending (claimed with `token` just
 * before the network call), 2 sent, 3 in doubt (left sending by a round that stopped: never sent
 * again by itself), 4 dropped (the items came back before it went); answer is the server's last
 * answer. outbox_channel keeps each channel's failures in a row since the last success. The
 * borrower columns have no REFERENCES clause, so the migration test can drop them again. */
#define INV_SCHEMA_V4_REMIND                                                                       \
    "ALTER TABLE borrower ADD COLUMN receipts INTEGER NOT NULL DEFAULT 0"                         \
    "  CHECK (receipts IN (0, 1));"                                                              \
    "ALTER TABLE borrower ADD COLUMN lang TEXT NOT NULL DEFAULT '';"                             \
    "CREATE TABLE outbox (id INTEGER PRIMARY KEY,"                                               \
    "  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),"                                            \
    "  loan_id INTEGER NOT NULL REFERENCES loan(id),"                                            \
    "  number INTEGER NOT NULL CHECK (number >= 0),"                                             \
    "  channel INTEGER NOT NULL CHECK (channel IN (1, 2)),"                                      \
    "  recipient_id INTEGER NOT NULL REFERENCES borrower(id),"                                   \
    "  to_addr TEXT NOT NULL, lang TEXT NOT NULL DEFAULT '', queued_at INTEGER NOT NULL,"        \
    "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),"                          \
    "  token TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 0,"                     \
    "  next_try INTEGER NOT NULL, tried_at INTEGER, sent_at INTEGER,"                            \
    "  answer TEXT NOT NULL DEFAULT '',"                                                         \
    "  UNIQUE (loan_id, kind, number, channel));"                                                \
    "CREATE INDEX outbox_due ON outbox(next_try) WHERE state = 0;"                               \
    "CREATE INDEX outbox_state ON outbox(state) WHERE state IN (1, 3);"                          \
    "CREATE INDEX outbox_recipient ON outbox(recipient_id);"                                     \
    "CREATE TABLE outbox_channel (channel INTEGER PRIMARY KEY,"                                  \
    "  server TEXT NOT NULL DEFAULT '', fails INTEGER NOT NULL DEFAULT 0,"                       \
    "  failing_since INTEGER, answer TEXT NOT NULL DEFAULT '', last_ok INTEGER);"

/* Step 4, privacy (inv_privacy.c, inv_sweep.c): who opened a borrower's details, when (the access
 * log, kept for the retention period); a borrower's last card login at the kiosk (login_at, for
 * the retention sweep); erased_at: when the person was erased (the row stays as the anonymous
 * key that loans and summaries keep; name, card and contact are gone); key_only: a row that is
 * only an anonymous key holding loan history detached from a person (never a registration: not
 * counted among new borrowers). */
#define INV_SCHEMA_V4_PRIVACY                                                                      \
    "CREATE TABLE access_log (id INTEGER PRIMARY KEY,"                                           \
    "  borrower_id INTEGER NOT NULL REFERENCES borrower(id),"                                    \
    "  staff_id INTEGER REFERENCES staff(id), at INTEGER NOT NULL, what TEXT NOT NULL);"          \
    "CREATE INDEX access_log_borrower ON access_log(borrower_id);"                               \
    "CREATE INDEX access_log_at ON access_log(at);"                                              \
    "ALTER TABLE borrower ADD COLUMN login_at INTEGER;"                                          \
    "ALTER TABLE borrower ADD COLUMN erased_at INTEGER;"                                         \
    "ALTER TABLE borrower ADD COLUMN key_only INTEGER NOT NULL DEFAULT 0"                        \
    "  CHECK (key_only IN (0, 1));"

/* Step 4, workshop: the steps of the repair queue (inv_workshop.c): what was done (step 0),
 * waiting for parts (1), made available (2) and retired (3, with a reason from
 * INV_RETIRE_REASON_MAP); a step that changed the item's status names the item_event it wrote
 * (event_id), so the history shows that change once, as the repair step. workshop_change keeps,
 * per centre, the status changes the yearly figures count (every change to retired, and every
 * change that ends a repair spell, with the spell's start), written by inv__item_status in the
 * change's transaction and filled here from the history; so a centre's figures are a range read
 * of its own rows (status: 2 in repair, 4 retired, as INV_ITEM_STATUS_MAP says). Customer bike
 * jobs (inv_job.c): the job number is the id; every change (status, time worked, note) is one
 * job_event row with who and when; finished_at is the first time the job became done,
 * picked_up_at when it was picked up, swept_at when the customer's name and phone were cleared
 * (inv_job_sweep). centre_id columns have no REFERENCES clause (the migration test drops them). */
/* workshop_change filled from the history (part of INV_SCHEMA_V4_WORKSHOP; test_workshop runs it
 * again on a file whose rows it removed, and gets the same figures). */
#define INV_WORKSHOP_BACKFILL                                                                      \
    "WITH e AS (SELECT ev.item_id, ev.at, ev.id, ev.status, (SELECT p.status FROM item_event p"  \
    "  WHERE p.item_id = ev.item_id AND (p.at, p.id) < (ev.at, ev.id)"                           \
    "  ORDER BY p.at DESC, p.id DESC LIMIT 1) AS prev FROM item_event ev)"                       \
    " INSERT INTO workshop_change(centre_id, item_id, at, status, started_at)"                   \
    " SELECT i.centre_id, e.item_id, e.at, e.status, CASE WHEN e.prev = 2 THEN (SELECT min(s.at)" \
    "  FROM item_event s WHERE s.item_id = e.item_id AND s.status = 2 AND (s.at, s.id) <"        \
    "  (e.at, e.id) AND NOT EXISTS (SELECT 1 FROM item_event x WHERE x.item_id = e.item_id AND"  \
    "  x.status <> 2 AND (x.at, x.id) < (e.at, e.id) AND (x.at, x.id) > (s.at, s.id))) END"      \
    "  FROM e JOIN item i ON i.id = e.item_id WHERE e.status <> 2 AND (e.status = 4 OR"          \
    "  e.prev = 2) ORDER BY e.at, e.id;"

#define INV_SCHEMA_V4_WORKSHOP                                                                     \
    "CREATE INDEX item_event_item_at ON item_event(item_id, at);"                                \
    "CREATE TABLE repair_step (id INTEGER PRIMARY KEY, centre_id INTEGER NOT NULL,"              \
    "  item_id INTEGER NOT NULL REFERENCES item(id), at INTEGER NOT NULL,"                       \
    "  staff_id INTEGER REFERENCES staff(id), step INTEGER NOT NULL CHECK (step BETWEEN 0 AND 3)," \
    "  reason INTEGER CHECK (reason IS NULL OR reason BETWEEN 0 AND 4),"                         \
    "  note TEXT NOT NULL DEFAULT '', event_id INTEGER REFERENCES item_event(id));"              \
    "CREATE INDEX repair_step_item ON repair_step(item_id, at);"                                 \
    "CREATE INDEX repair_step_centre ON repair_step(centre_id, at);"                             \
    "CREATE INDEX repair_step_event ON repair_step(event_id) WHERE event_id IS NOT NULL;"        \
    "CREATE TABLE workshop_change (id INTEGER PRIMARY KEY, centre_id INTEGER NOT NULL,"          \
    "  item_id INTEGER NOT NULL REFERENCES item(id), at INTEGER NOT NULL,"                       \
    "  status INTEGER NOT NULL, started_at INTEGER);"                                            \
    "CREATE INDEX workshop_change_centre ON workshop_change(centre_id, at);"                     \
    INV_WORKSHOP_BACKFILL                                                                          \
    "CREATE TABLE job (id INTEGER PRIMARY KEY,"                                                  \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id),"                                        \
    "  customer TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"                       \
    "  bike TEXT NOT NULL, work TEXT NOT NULL,"                                                  \
    "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 4),"                        \
    "  received_at INTEGER NOT NULL, received_by INTEGER REFERENCES staff(id),"                  \
    "  finished_at INTEGER, picked_up_at INTEGER, swept_at INTEGER);"                            \
    "CREATE INDEX job_received ON job(centre_id, received_at);"                                  \
    "CREATE INDEX job_finished ON job(centre_id, finished_at) WHERE finished_at IS NOT NULL;"    \
    "CREATE INDEX job_picked_up ON job(centre_id, picked_up_at) WHERE picked_up_at IS NOT NULL;" \
    "CREATE TABLE job_event (id INTEGER PRIMARY KEY, centre_id INTEGER NOT NULL,"                \
    "  job_id INTEGER NOT NULL REFERENCES job(id), at INTEGER NOT NULL,"                         \
    "  staff_id INTEGER REFERENCES staff(id), status INTEGER,"                                   \
    "  minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0), note TEXT NOT NULL DEFAULT '');" \
    "CREATE INDEX job_event_job ON job_event(job_id);"                                           \
    "CREATE INDEX job_event_centre ON job_event(centre_id, at) WHERE minutes > 0;"

/* Step 4, work training (inv_training.c): the centre's opening hours per weekday (minutes after
 * local midnight; a forgotten check-out closes at `closes` of its day); trainees' shifts (one
 * check-in to its check-out; `day` is the local date 'YYYY-MM-DD' of in_at; auto_closed when the
 * store closed a forgotten one at closing time; corrected_by/at when a leader set the day; at
 * most one open shift per trainee); the centre's schemes (the defaults below, editable) and a
 * trainee's membership of one, from..to inclusive (to NULL: still running); sum_training, the
 * closed shifts summed per centre, local year, trainee and scheme (0: all), kept by every write
 * of shifts and memberships (inv_training.c), which the year figures read. Indexes let a
 * trainee's loans, returns and registrations be counted without scanning every loan. No
 * column added to another table refers elsewhere, so the step can be undone. */
#define INV_SCHEMA_V4_TRAINING                                                                     \
    "CREATE TABLE opening_hours (centre_id INTEGER NOT NULL REFERENCES centre(id),"              \
    "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"                                \
    "  opens INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),"                                 \
    "  closes INTEGER NOT NULL CHECK (closes > opens AND closes <= 1440),"                       \
    "  PRIMARY KEY (centre_id, weekday)) WITHOUT ROWID;"                                         \
    "CREATE TABLE training_shift (id INTEGER PRIMARY KEY,"                                       \
    "  staff_id INTEGER NOT NULL REFERENCES staff(id),"                                          \
    "  centre_id INTEGER NOT NULL REFERENCES centre(id),"                                        \
    "  day TEXT NOT NULL CHECK (length(day) = 10), in_at INTEGER NOT NULL, out_at INTEGER,"      \
    "  auto_closed INTEGER NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1)),"                    \
    "  corrected_by INTEGER REFERENCES staff(id), corrected_at INTEGER,"                         \
    "  CHECK (out_at IS NULL OR out_at >= in_at));"                                              \
    "CREATE UNIQUE INDEX training_shift_open ON training_shift(staff_id) WHERE out_at IS NULL;"  \
    "CREATE INDEX training_shift_day ON training_shift(centre_id, day);"                         \
    "CREATE INDEX training_shift_staff ON training_shift(staff_id, day);"                        \
    "CREATE TABLE training_scheme (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"          \
    "INSERT INTO training_scheme(name) VALUES ('Arbeidstrening NAV'), ('Aktivitetsplikt'),"      \
    "  ('VTO'), ('Samfunnsstraff'), ('Frivillig'), ('Sommerjobb');"                              \
    "CREATE TABLE training_member (id INTEGER PRIMARY KEY,"                                      \
    "  staff_id INTEGER NOT NULL REFERENCES staff(id),"                                          \
    "  scheme_id INTEGER NOT NULL REFERENCES training_scheme(id),"                               \
    "  from_day TEXT NOT NULL CHECK (length(from_day) = 10), to_day TEXT,"                       \
    "  added_at INTEGER NOT NULL, added_by INTEGER REFERENCES staff(id),"                        \
    "  CHECK (to_day IS NULL OR (length(to_day) = 10 AND to_day >= from_day)));"                 \
    "CREATE INDEX training_member_staff ON training_member(staff_id, from_day);"                 \
    "CREATE INDEX training_member_to ON training_member(to_day) WHERE to_day IS NOT NULL;"       \
    "CREATE TABLE sum_training (centre_id INTEGER NOT NULL, year INTEGER NOT NULL,"              \
    "  staff_id INTEGER NOT NULL, scheme_id INTEGER NOT NULL, days INTEGER NOT NULL,"            \
    "  seconds INTEGER NOT NULL, auto_days INTEGER NOT NULL,"                                    \
    "  PRIMARY KEY (centre_id, year, scheme_id, staff_id)) WITHOUT ROWID;"                       \
    "CREATE INDEX loan_staff ON loan(staff_id, checked_out_at) WHERE staff_id IS NOT NULL;"      \
    "CREATE INDEX loan_line_return_staff ON loan_line(return_staff_id, returned_at)"             \
    "  WHERE return_staff_id IS NOT NULL;"                                                       \
    "CREATE INDEX borrower_registered_by ON borrower(registered_by, registered_at)"              \
    "  WHERE registered_by IS NOT NULL;"

/* Step 4, the report: a borrower counted in a period's set (sum_borrower) carries the age band
 * (INV_AGE_BAND_MAP) and the municipality the borrower had when counted, so that erasing the
 * person later changes no figure; sum_profile counts each year's set by band and municipality
 * (kept by a trigger, so every writer of sum_borrower keeps it: the fold, the import, the
 * rebuild), and the report reads a few rows instead of the whole set. Rows already there are
 * filled from the borrowers as they are now (nothing was erased before this step). */
#define SUM_BAND_WHEN(name, number, key, oldest) " WHEN y - b.birth_year <= " #oldest " THEN " #number
#define SUM_BAND "CASE WHEN coalesce(b.birth_year, 0) = 0 THEN 0" INV_AGE_BAND_MAP(SUM_BAND_WHEN) " END"
#define SUM_YEAR(period) "CASE WHEN " period " < 10000 THEN " period " ELSE " period " / 100 END"
#define INV_SCHEMA_V4_REPORT                                                                       \
    "ALTER TABLE sum_borrower ADD COLUMN band INTEGER NOT NULL DEFAULT 0;"                       \
    "ALTER TABLE sum_borrower ADD COLUMN municipality TEXT NOT NULL DEFAULT '';"                 \
    "UPDATE sum_borrower SET band = x.band, municipality = x.municipality FROM"                 \
    "  (SELECT s.centre_id, s.period, s.borrower_id, " SUM_BAND " AS band, b.municipality"       \
    "   FROM (SELECT centre_id, period, borrower_id, " SUM_YEAR("period") " AS y"               \
    "         FROM sum_borrower) s JOIN borrower b ON b.id = s.borrower_id) x"                 \
    "  WHERE sum_borrower.centre_id = x.centre_id AND sum_borrower.period = x.period"          \
    "  AND sum_borrower.borrower_id = x.borrower_id;"                                          \
    "CREATE TABLE sum_profile (centre_id INTEGER NOT NULL, year INTEGER NOT NULL,"              \
    "  band INTEGER NOT NULL, municipality TEXT NOT NULL, borrowers INTEGER NOT NULL,"          \
    "  PRIMARY KEY (centre_id, year, band, municipality)) WITHOUT ROWID;"                      \
    "INSERT INTO sum_profile SELECT centre_id, period, band, municipality, count(*)"            \
    "  FROM sum_borrower WHERE period < 10000 GROUP BY 1, 2, 3, 4;"                            \
    "CREATE TRIGGER sum_profile_add AFTER INSERT ON sum_borrower WHEN new.period < 10000 BEGIN" \
    "  INSERT INTO sum_profile VALUES (new.centre_id, new.period, new.band, new.municipality, 1)" \
    "  ON CONFLICT DO UPDATE SET borrowers = borrowers + 1; END;"

/* The index of loan lines by state and item (made by step 4 below, and again by the loan import
 * after a large file). Its first column is 0 for an open line and NULL for a returned one, so
 * the open lines are one range (a borrower's loans, the overdue list), an item's open line is
 * one seek, and it is unique for open lines only (NULLs are distinct): one open line per item.
 * A statement finds lines through it only when it asks for the state as these macros write it
 * (`t`: the table's alias and a dot, or ""): LL_OPEN an open line, LL_CLOSED a returned one,
 * LL_ANY either (an item's every line: two seeks). test_open_lines checks every statement's
 * plan: none reads the whole table unless listed there. */
#define LL_ITEM_OPEN_INDEX_V4                                                                      \
    "CREATE UNIQUE INDEX IF NOT EXISTS loan_line_open_item ON loan_line("                        \
    "(CASE WHEN returned_at IS NULL THEN 0 END), item_id)"
/* Step 5 (sync): an open line's state is its open_key, 0 but for a line kept open in a double
 * lend's conflict (open_key: its loan id), which is neither open nor returned to the store's
 * statements until staff resolve the conflict (inv_sync_apply.c). */
#define LL_ITEM_OPEN_INDEX                                                                         \
    "CREATE UNIQUE INDEX IF NOT EXISTS loan_line_open_item ON loan_line("                        \
    "(CASE WHEN returned_at IS NULL THEN open_key END), item_id)"
#define LL_STATE(t) "CASE WHEN " t "returned_at IS NULL THEN " t "open_key END"
#define LL_HELD(t) LL_STATE(t) " > 0"
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
    LL_ITEM_OPEN_INDEX_V4 ";"

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

/* Migration step 5 (user_version 4 to 5), sync between a centre's devices (issue 14; see
 * inv_sync_out.c). sync_self: the identity (centre and device NULL until bua-admin init gives
 * them: the triggers then write nothing), `applying` set while other devices' events are applied;
 * sync_out: the outbox, one row image per change of a replicated table, written by the triggers
 * that inv_sync_spec.c generates (made by inv_sync_init, with the identity), except a checkout's
 * 1 + n events, one row (INV_SYNC_EVENTS below); sync_map: the
 * global id of a row that came from another device (alias 1: a further gid of a merged row);
 * sync_peer: per other device, the last seq applied; sync_state: the last round of bua-sync;
 * sync_wait: events parked until the row they point to arrives; sync_conflict: double lends and
 * card merges for staff. loan_line.open_key: 0, or the loan id of a line kept open in a
 * double lend's conflict (the index of lines by state takes it as the state). */
#define INV_SCHEMA_V5_SYNC                                                                         \
    "CREATE TABLE sync_self (one INTEGER PRIMARY KEY CHECK (one = 1), centre TEXT, device TEXT,"  \
    "  centre_id INTEGER, applying INTEGER NOT NULL DEFAULT 0, since INTEGER);"                  \
    "INSERT INTO sync_self(one) VALUES (1);"                                                     \
    "CREATE TABLE sync_out (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, tbl TEXT NOT NULL,"    \
    "  op TEXT NOT NULL CHECK (op IN ('put', 'del')), gid TEXT NOT NULL, data TEXT NOT NULL);"   \
    "CREATE TABLE sync_map (tbl TEXT NOT NULL, gid TEXT NOT NULL, id INTEGER NOT NULL,"          \
    "  alias INTEGER NOT NULL DEFAULT 0 CHECK (alias IN (0, 1)), PRIMARY KEY (tbl, gid))"        \
    "  WITHOUT ROWID;"                                                                           \
    "CREATE UNIQUE INDEX sync_map_id ON sync_map(tbl, id) WHERE alias = 0;"                      \
    "CREATE TABLE sync_peer (device TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;"      \
    "CREATE TABLE sync_state (one INTEGER PRIMARY KEY CHECK (one = 1),"                          \
    "  pushed INTEGER NOT NULL DEFAULT 0, ok_at INTEGER, error TEXT, error_at INTEGER);"         \
    "INSERT INTO sync_state(one) VALUES (1);"                                                    \
    "CREATE TABLE sync_wait (id INTEGER PRIMARY KEY, device TEXT NOT NULL, seq INTEGER NOT NULL," \
    "  at INTEGER NOT NULL, tbl TEXT NOT NULL, op TEXT NOT NULL, gid TEXT NOT NULL,"             \
    "  data TEXT NOT NULL, missing TEXT NOT NULL);"                                              \
    "CREATE INDEX sync_wait_gid ON sync_wait(tbl, gid);"                                         \
    "CREATE TABLE sync_conflict (id INTEGER PRIMARY KEY, kind TEXT NOT NULL"                     \
    "  CHECK (kind IN ('double_lend', 'card_merge')), at INTEGER NOT NULL, item_id INTEGER,"     \
    "  borrower_id INTEGER, a_gid TEXT, b_gid TEXT, detail TEXT NOT NULL, resolved_at INTEGER,"  \
    "  resolved_by INTEGER, resolution TEXT, UNIQUE (kind, a_gid, b_gid));"                      \
    "CREATE INDEX sync_conflict_open ON sync_conflict(resolved_at) WHERE resolved_at IS NULL;"  \
    "ALTER TABLE loan_line ADD COLUMN open_key INTEGER NOT NULL DEFAULT 0;"                      \
    "DROP INDEX IF EXISTS loan_line_open_item;"                                                  \
    LL_ITEM_OPEN_INDEX ";"

/* The outbox as the events it stands for, a row each, with the columns of sync_out. A row is one
 * event, but a checkout's (tbl 'loan', data a JSON array): its loan's image, then its lines' in
 * seq order, 1 + n events whose seqs end at the row's (the next row's seq follows on); a line's
 * gid is the loan's with "/<seq>". inv_sync_outbox reads them so; tests and benchmarks query this
 * (ordered by seq). */
#define INV_SYNC_BUNDLE(o) "(" o "tbl = 'loan' AND substr(" o "data, 1, 1) = '[')"
#define INV_SYNC_EVENTS                                                                            \
    "SELECT seq, at, tbl, op, gid, data FROM sync_out WHERE NOT " INV_SYNC_BUNDLE("")              \
    " UNION ALL SELECT o.seq - json_array_length(o.data) + 1 + j.key, o.at, CASE j.key WHEN 0"     \
    " THEN 'loan' ELSE 'loan_line' END, o.op, CASE j.key WHEN 0 THEN o.gid ELSE o.gid || '/' ||"   \
    " j.key END, j.value FROM sync_out o, json_each(o.data) j WHERE " INV_SYNC_BUNDLE("o.")

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
    " blocked_reason, responsible_id, registered_by, consent_version, consent_at, consent_by,"     \
    " contact_consent, municipality"

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

/* Outbox rows, for InvOutMsg (read_msg in inv_remind.c). */
#define OUT_COLS                                                                                   \
    "o.id, o.kind, o.loan_id, o.number, o.channel, o.recipient_id, l.borrower_id, o.to_addr,"     \
    " o.lang, o.state, o.attempts, o.queued_at, o.next_try, coalesce(o.sent_at, 0), o.answer"     \
    " FROM outbox o JOIN loan l ON l.id = o.loan_id"

/* The start of an item's repair spell (column 15 after ITEM_COLS): the first change to in_repair
 * with no change to another status after it; NULL if none was recorded. In a statement that
 * starts with ST_WITH, item `i`. */
#define REPAIR_SINCE                                                                               \
    "(SELECT min(e.at) FROM item_event e WHERE e.item_id = i.id AND e.status = " ST("in_repair")   \
    " AND NOT EXISTS (SELECT 1 FROM item_event x WHERE x.item_id = i.id AND x.status <> "          \
    ST("in_repair") " AND (x.at, x.id) > (e.at, e.id)))"

/* Bike job rows: the column order read_job() (inv_job.c) expects. */
#define JOB_COLS                                                                                   \
    "j.id, j.customer, j.phone, j.bike, j.work, j.status, j.received_at,"                          \
    " coalesce(j.received_by, 0), coalesce(j.finished_at, 0), coalesce(j.picked_up_at, 0),"        \
    " coalesce(j.swept_at, 0), (SELECT coalesce(sum(ev.minutes), 0) FROM job_event ev WHERE"       \
    " ev.job_id = j.id)"

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
                    " registered_at, consent, responsible_id, registered_by, consent_version,"     \
                    " consent_at, consent_by, contact_consent, municipality) VALUES (?1, ?2, ?3,"  \
                    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, coalesce(?14, 0),"               \
                    " coalesce(?15, ''))")                                                         \
    X(BORROWER_GET, "SELECT " BORROWER_COLS " FROM borrower WHERE card = ?1")                      \
    X(BORROWER_GET_ID, "SELECT " BORROWER_COLS " FROM borrower WHERE id = ?1")                     \
    X(BORROWER_BLOCK, "UPDATE borrower SET blocked = ?2, blocked_reason = ?3, blocked_at = ?4,"   \
                     " blocked_by = ?5 WHERE id = ?1")                                             \
    X(BORROWER_EACH, "SELECT " BORROWER_COLS " FROM borrower WHERE erased_at IS NULL AND (?1 IS"   \
                     " NULL OR name LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 ESCAPE '\\'"              \
                     " OR card LIKE ?1 ESCAPE '\\') ORDER BY name, card LIMIT ?2")                 \
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
    X(SUM_BORROWER_ADD, "INSERT OR IGNORE INTO sum_borrower(centre_id, period, borrower_id, band," \
                        " municipality) SELECT ?1, ?2, b.id, " SUM_BAND ", b.municipality FROM"    \
                        " (SELECT " SUM_YEAR("?2") " AS y) CROSS JOIN borrower b WHERE b.id = ?3") \
    X(SUM_BORROWERS_8, "INSERT OR IGNORE INTO sum_borrower(centre_id, period, borrower_id, band,"  \
                       " municipality) SELECT ?1, ?2, b.id, " SUM_BAND ", b.municipality FROM"     \
                       " (SELECT " SUM_YEAR("?2") " AS y) CROSS JOIN borrower b WHERE b.id IN"    \
                       " (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")                                       \
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
    X(REBUILD_REGS, "SELECT centre_id, registered_at FROM borrower WHERE key_only = 0")            \
    X(RAW_LOANS, "SELECT count(*), count(DISTINCT borrower_id) FROM loan WHERE checked_out_at >="  \
                 " ?1 AND checked_out_at < ?2 AND (?3 = 0 OR centre_id = ?3)")                     \
    X(RAW_ITEMS, "SELECT count(*) FROM loan_line ll JOIN loan l ON l.id = ll.loan_id WHERE"        \
                 " l.checked_out_at >= ?1 AND l.checked_out_at < ?2 AND (?3 = 0 OR l.centre_id ="  \
                 " ?3)")                                                                           \
    X(RAW_NEW, "SELECT count(*) FROM borrower WHERE registered_at >= ?1 AND registered_at < ?2"    \
               " AND (?3 = 0 OR centre_id = ?3) AND key_only = 0")                                 \
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
                     " responsible_id = ?6, municipality = ?7 WHERE id = ?1")                      \
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
                    " ll.returned_at, ll.renewals, 0, '', -1, coalesce(s.name, ''), -1"            \
                    HIST_LINE_FROM " LEFT JOIN staff s ON s.id = l.staff_id WHERE ll.item_id = ?1" \
                    " AND " LL_ANY("ll.")                                                          \
                    " UNION ALL SELECT ?5, ll.returned_at, l.id, b.card, b.name, ll.due_at,"       \
                    " ll.returned_at, ll.renewals, ll.damaged, ll.return_note, -1,"                \
                    " coalesce(s.name, ''), -1" HIST_LINE_FROM " LEFT JOIN staff s ON s.id ="      \
                    " ll.return_staff_id WHERE ll.item_id = ?1 AND " LL_CLOSED("ll.")              \
                    " AND ll.lost_at IS NULL"                                                      \
                    " UNION ALL SELECT ?6, ll.lost_at, l.id, b.card, b.name, ll.due_at,"           \
                    " ll.returned_at, ll.renewals, 0, ll.return_note, -1, coalesce(s.name, ''),"   \
                    " -1" HIST_LINE_FROM " LEFT JOIN staff s ON s.id = ll.return_staff_id WHERE"   \
                    " ll.item_id = ?1 AND " LL_ANY("ll.") " AND ll.lost_at IS NOT NULL"            \
                    " UNION ALL SELECT ?7, e.at, e.id, '', '', 0, NULL, 0, 0, e.note, e.status,"   \
                    " coalesce(s.name, ''), -1 FROM item_event e LEFT JOIN staff s ON s.id ="      \
                    " e.staff_id WHERE e.item_id = ?1 AND NOT EXISTS (SELECT 1 FROM repair_step"   \
                    " r WHERE r.event_id = e.id)"                                                  \
                    " UNION ALL SELECT ?8, a.at, a.audit_id, '', '', 0, NULL, 0, 0, au.zone,"      \
                    " a.kind, coalesce(s.name, ''), -1 FROM audit_scan a JOIN audit au ON au.id =" \
                    " a.audit_id LEFT JOIN staff s ON s.id = au.staff_id WHERE a.item_id = ?1"     \
                    " UNION ALL SELECT ?9, r.at, r.id, '', '', 0, NULL, 0, 0, r.note, r.step,"     \
                    " coalesce(s.name, ''), coalesce(r.reason, -1) FROM repair_step r LEFT JOIN"   \
                    " staff s ON s.id = r.staff_id WHERE r.item_id = ?1"                           \
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
    X(IMP_LINES, "INSERT INTO loan_line(" IMP_LINE_COLS ") VALUES " IMP_LINE_ROWS_32)             \
    /* consent (inv_consent.c): the terms accepted again, the contact consent changed */          \
    X(BORROWER_CONSENT, "UPDATE borrower SET consent = 1, consent_version = ?2, consent_at = ?3,"  \
                        " consent_by = ?4 WHERE id = ?1")                                          \
    X(BORROWER_SET_CONTACT, "UPDATE borrower SET contact_consent = ?2 WHERE id = ?1")              \
    /* reminders and receipts (inv_remind.c) */                                                   \
    X(RECEIPT_WANTED, "SELECT receipts FROM borrower WHERE id = ?1")                               \
    X(REMIND_PREFS, "SELECT receipts, lang, contact_consent FROM borrower WHERE id = ?1")          \
    X(REMIND_SET_PREFS, "UPDATE borrower SET receipts = coalesce(?2, receipts), lang ="            \
                        " coalesce(?3, lang) WHERE id = ?1")                                       \
    X(REMIND_RECIPIENT, "SELECT r.id, r.contact_consent, r.phone, r.email, r.lang FROM borrower b" \
                        " JOIN borrower r ON r.id = coalesce(b.responsible_id, b.id) WHERE b.id =" \
                        " ?1")                                                                     \
    X(REMIND_LOANS, "SELECT l.id, l.borrower_id, min(ll.due_at), (SELECT coalesce(max(o.number),"  \
                    " 0) FROM outbox o WHERE o.loan_id = l.id AND o.kind = 2) FROM loan_line ll"   \
                    " JOIN loan l ON l.id = ll.loan_id WHERE " LL_OPEN("ll.") " AND"               \
                    " ll.due_at < ?1 GROUP BY l.id ORDER BY l.id")                                 \
    X(OUTBOX_ADD, "INSERT INTO outbox(kind, loan_id, number, channel, recipient_id, to_addr, lang," \
                  " queued_at, next_try) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"               \
                  " ON CONFLICT (loan_id, kind, number, channel) DO NOTHING")                      \
    X(OUTBOX_RECOVER, "UPDATE outbox SET state = 3, answer = ?1 WHERE state = 1")                  \
    X(OUTBOX_NEXT, "SELECT " OUT_COLS " WHERE o.state = 0 AND o.next_try <= ?1 AND (o.channel &"   \
                   " ?2) <> 0 ORDER BY o.next_try, o.id LIMIT 1")                                  \
    X(OUTBOX_EACH, "SELECT " OUT_COLS " WHERE o.state = ?1 AND (?2 = 0 OR o.next_try <= ?2)"       \
                   " ORDER BY o.id")                                                               \
    X(OUTBOX_CLAIM, "UPDATE outbox SET state = 1, token = ?2, attempts = attempts + 1, tried_at ="  \
                    " ?3 WHERE id = ?1 AND state = 0")                                             \
    X(OUTBOX_DROP, "UPDATE outbox SET state = 4, answer = ?2 WHERE id = ?1")                       \
    X(OUTBOX_STILL_DUE, "SELECT 1 FROM loan_line WHERE loan_id = ?1 AND returned_at IS NULL AND"   \
                        " due_at < ?2 LIMIT 1")                                                    \
    X(OUTBOX_SENT, "UPDATE outbox SET state = 2, sent_at = ?3, answer = ?4 WHERE id = ?1 AND"      \
                   " token = ?2 AND state = 1")                                                    \
    X(OUTBOX_RETRY, "UPDATE outbox SET state = 0, next_try = ?3, answer = ?4 WHERE id = ?1 AND"    \
                    " token = ?2 AND state = 1")                                                   \
    X(OUTBOX_COUNT, "SELECT count(*) FROM outbox WHERE state = ?1")                                \
    X(OUTBOX_GET, "SELECT " OUT_COLS " WHERE o.id = ?1")                                           \
    X(OUTBOX_RESEND, "UPDATE outbox SET state = 0, next_try = ?2, answer = ?3 WHERE id = ?1 AND"    \
                     " state = 3")                                                                 \
    X(CHANNEL_OK, "INSERT INTO outbox_channel(channel, server, fails, answer, last_ok) VALUES"     \
                  " (?1, ?2, 0, ?3, ?4) ON CONFLICT (channel) DO UPDATE SET server ="              \
                  " excluded.server, fails = 0, failing_since = NULL, answer = excluded.answer,"   \
                  " last_ok = excluded.last_ok")                                                   \
    X(CHANNEL_FAIL, "INSERT INTO outbox_channel(channel, server, fails, failing_since, answer)"    \
                    " VALUES (?1, ?2, 1, ?4, ?3) ON CONFLICT (channel) DO UPDATE SET server ="     \
                    " excluded.server, fails = fails + 1, failing_since = coalesce(failing_since," \
                    " excluded.failing_since), answer = excluded.answer")                          \
    X(CHANNEL_GET, "SELECT server, fails, coalesce(failing_since, 0), answer, coalesce(last_ok, 0)" \
                   " FROM outbox_channel WHERE channel = ?1")                                      \
    X(CALL_LIST, "SELECT b.id, b.name, b.card, r.phone, b.phone, r.id <> b.id, r.name,"            \
                 " min(ll.due_at), count(*), group_concat(i.name, ', ') FROM loan_line ll JOIN"    \
                 " loan l ON l.id = ll.loan_id JOIN borrower b ON b.id = l.borrower_id JOIN"       \
                 " borrower r ON r.id = coalesce(b.responsible_id, b.id) JOIN item i ON i.id ="    \
                 " ll.item_id WHERE " LL_OPEN("ll.") " AND ll.due_at < ?1 AND NOT"                 \
                 " ((r.contact_consent & 1 AND r.phone <> '') OR (r.contact_consent & 2 AND"       \
                 " r.email <> '')) GROUP BY b.id ORDER BY min(ll.due_at), b.name, b.id")           \
    /* privacy: the export of a person (one statement a section, ?1 the borrower id; the     \
       sections and what each covers are in inv_privacy.c), erasure, the access log, logins, \
       the retention sweep and detached history (inv_privacy.c, inv_sweep.c) */                \
    X(EXPORT_PERSON, "SELECT * FROM borrower WHERE id = ?1")                                       \
    X(EXPORT_ADULT, "SELECT a.id, a.card, a.name, a.phone, a.email FROM borrower b JOIN borrower"  \
                    " a ON a.id = b.responsible_id WHERE b.id = ?1")                               \
    X(EXPORT_CHILDREN, "SELECT id, card, name, birth_year, registered_at FROM borrower WHERE"      \
                       " responsible_id = ?1 ORDER BY name, card")                                 \
    X(EXPORT_CONSENTS, "SELECT id, card, name, consent_version, consent_at FROM borrower WHERE"    \
                       " consent_by = ?1 AND id <> ?1 ORDER BY name, card")                        \
    X(EXPORT_LOANS, "SELECT l.id AS loan, l.checked_out_at, i.barcode, i.name AS item, ll.due_at," \
                    " ll.returned_at, ll.renewals, ll.lost_at, ll.damaged, ll.return_note FROM"     \
                    " loan l JOIN loan_line ll ON ll.loan_id = l.id JOIN item i ON i.id ="         \
                    " ll.item_id WHERE l.borrower_id = ?1 ORDER BY l.checked_out_at, l.id,"        \
                    " ll.seq")                                                                     \
    X(EXPORT_RENEWALS, "SELECT rn.loan_id AS loan, i.barcode, rn.at, rn.old_due_at,"              \
                       " rn.new_due_at FROM renewal rn JOIN loan l ON l.id = rn.loan_id JOIN item" \
                       " i ON i.id = rn.item_id WHERE l.borrower_id = ?1 ORDER BY rn.at, rn.id")  \
    X(EXPORT_RESERVATIONS, "SELECT r.id, coalesce(i.barcode, '') AS barcode, coalesce(c.name,"    \
                           " '') AS category, r.count, r.starts_at, r.ends_at, r.made_at,"         \
                           " r.fulfilled_at, r.cancelled_at FROM reservation r LEFT JOIN item i"  \
                           " ON i.id = r.item_id LEFT JOIN category c ON c.id = r.category_id"    \
                           " WHERE r.borrower_id = ?1 ORDER BY r.starts_at, r.id")                 \
    X(EXPORT_CHANGES, "SELECT p.at, coalesce(s.name, '') AS by_staff, p.fields FROM person_change" \
                      " p LEFT JOIN staff s ON s.id = p.by_staff WHERE p.borrower_id = ?1 ORDER"   \
                      " BY p.at, p.id")                                                            \
    X(EXPORT_CARDS, "SELECT card, new_card, replaced_at FROM card_replaced WHERE borrower_id = ?1" \
                    " ORDER BY replaced_at")                                                       \
    X(EXPORT_ACCESS, "SELECT a.at, coalesce(s.name, '') AS staff, a.what FROM access_log a LEFT"   \
                     " JOIN staff s ON s.id = a.staff_id WHERE a.borrower_id = ?1 ORDER BY a.at,"  \
                     " a.id")                                                                      \
    X(EXPORT_MESSAGES, "SELECT o.queued_at, CASE o.kind WHEN 1 THEN 'receipt' ELSE 'reminder'"    \
                       " END AS kind, o.number, CASE o.channel WHEN 1 THEN 'sms' ELSE 'email' END"  \
                       " AS channel, o.to_addr, o.state, o.sent_at, o.answer, l.id AS loan FROM"   \
                       " outbox o JOIN loan l ON l.id = o.loan_id WHERE o.recipient_id = ?1 OR"    \
                       " l.borrower_id = ?1 ORDER BY o.queued_at, o.id")                           \
    X(ERASE_MESSAGES, "DELETE FROM outbox WHERE recipient_id = ?1")                                \
    X(PRIVACY_REFS, "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name)" \
                    " f WHERE m.type = 'table' AND f.\"table\" = 'borrower' ORDER BY 1, 2")        \
    X(PRIVACY_COLUMN, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2")                      \
    X(ERASE_FIND, "SELECT id, card, name, erased_at IS NOT NULL OR key_only = 1 FROM borrower"     \
                  " WHERE card = ?1")                                                              \
    X(ERASE_OPEN, "SELECT b.card, i.barcode FROM borrower b JOIN loan l ON l.borrower_id = b.id"   \
                  " JOIN loan_line ll ON ll.loan_id = l.id JOIN item i ON i.id = ll.item_id WHERE"  \
                  " " LL_OPEN("ll.") " AND (b.id = ?1 OR b.responsible_id = ?1) ORDER BY"      \
                  " b.id <> ?1, b.card, i.barcode")                                                \
    X(ERASE_CHILDREN, "SELECT id, card FROM borrower WHERE responsible_id = ?1 AND erased_at IS"   \
                      " NULL ORDER BY card")                                                       \
    X(ERASE_ROW, "UPDATE borrower SET card = ?3, name = ?4, phone = '', email = '', birth_year ="  \
                 " NULL, consent = 0, blocked = 0, blocked_reason = '', blocked_at = NULL,"        \
                 " blocked_by = NULL, responsible_id = NULL, consent_version = NULL, consent_at ="  \
                 " NULL, consent_by = NULL, contact_consent = 0, municipality = '', login_at ="     \
                 " NULL, receipts = 0, lang = '', erased_at = ?2 WHERE id = ?1")                                            \
    X(ERASE_CARDS, "DELETE FROM card_replaced WHERE borrower_id = ?1")                             \
    X(ERASE_ACCESS, "DELETE FROM access_log WHERE borrower_id = ?1")                               \
    X(ERASE_RES_ITEMS, "UPDATE reservation_item SET held = 0 WHERE held = 1 AND reservation_id IN" \
                       " (SELECT id FROM reservation WHERE borrower_id = ?1)")                     \
    X(ERASE_RES, "UPDATE reservation SET cancelled_at = ?2 WHERE borrower_id = ?1 AND"             \
                 " cancelled_at IS NULL AND fulfilled_at IS NULL AND pickup_by >= ?2")             \
    X(ACCESS_ADD, "INSERT INTO access_log(borrower_id, staff_id, at, what) VALUES (?1, ?2, ?3,"    \
                  " ?4)")                                                                          \
    X(ACCESS_PRUNE, "DELETE FROM access_log WHERE at < ?1")                                        \
    X(LOGIN_SET, "UPDATE borrower SET login_at = ?2 WHERE id = ?1 AND (login_at IS NULL OR"        \
                 " login_at <= ?2 - 86400)")                                                       \
    X(SWEEP_FIND, "WITH lo AS (SELECT l.borrower_id AS id, max(l.checked_out_at) AS t,"           \
                  " max(coalesce(ll.returned_at, 0)) AS back, max(ll.returned_at IS NULL) AS open" \
                  " FROM loan l JOIN loan_line ll ON ll.loan_id = l.id GROUP BY l.borrower_id),"   \
                  " re AS (SELECT borrower_id AS id, max(made_at) AS t FROM reservation GROUP BY"  \
                  " borrower_id), act AS (SELECT b.id, b.responsible_id, max(b.registered_at,"     \
                  " coalesce(b.login_at, 0), coalesce(lo.t, 0), coalesce(lo.back, 0),"              \
                  " coalesce(re.t, 0)) AS last, coalesce(lo.open, 0) AS open FROM borrower b LEFT"  \
                  " JOIN lo ON lo.id = b.id LEFT JOIN re ON re.id = b.id WHERE b.erased_at IS"     \
                  " NULL) SELECT a.id, b.card, b.name, a.last FROM act a JOIN borrower b ON b.id"  \
                  " = a.id WHERE a.last < ?1 AND NOT a.open AND NOT EXISTS (SELECT 1 FROM act c"   \
                  " WHERE c.responsible_id = a.id AND (c.last >= ?1 OR c.open)) ORDER BY a.last,"  \
                  " b.card")                                                                       \
    X(DETACH_FIND, "SELECT l.borrower_id FROM loan l JOIN borrower b ON b.id = l.borrower_id"     \
                   " WHERE l.checked_out_at < ?1 AND b.erased_at IS NULL GROUP BY l.borrower_id"   \
                   " HAVING NOT EXISTS (SELECT 1 FROM loan x JOIN loan_line ll ON ll.loan_id ="    \
                   " x.id WHERE x.borrower_id = l.borrower_id AND x.checked_out_at < ?1 AND"       \
                   " ll.returned_at IS NULL) ORDER BY l.borrower_id")                              \
    X(DETACH_KEY, "INSERT INTO borrower(centre_id, card, name, registered_at, erased_at,"         \
                  " key_only) SELECT centre_id, '\xe2\x88\x85k' || hex(randomblob(12)), ?2, ?3, ?3, 1" \
                  " FROM borrower WHERE id = ?1")                                                  \
    X(DETACH_KEY_CARD, "UPDATE borrower SET card = ?2 WHERE id = ?1")                              \
    X(DETACH_LOANS, "UPDATE loan SET borrower_id = ?2 WHERE borrower_id = ?1 AND checked_out_at <" \
                    " ?3")                                                                         \
    X(DETACH_MESSAGES, "DELETE FROM outbox WHERE loan_id IN (SELECT id FROM loan WHERE"           \
                       " borrower_id = ?1)")                                                       \
    X(DETACH_RES, "UPDATE reservation SET borrower_id = ?2 WHERE borrower_id = ?1 AND made_at <"   \
                  " ?3")                                                                           \
    X(DETACH_SUMS, "UPDATE sum_borrower SET borrower_id = ?2 WHERE borrower_id = ?1 AND"           \
                   " ((period < 10000 AND period < ?3) OR (period >= 10000 AND period < ?3 *"      \
                   " 100))")                                                                       \
    /* the workshop (inv_workshop.c, inv_job.c): the repair queue with each item's spell start    \
       (REPAIR_SINCE), its notes and steps; bike jobs; the year's figures */                     \
    X(REPAIR_EACH, ST_WITH "SELECT " ITEM_COLS ", " REPAIR_SINCE ITEM_FROM " WHERE i.status = "   \
                   ST("in_repair") " AND i.centre_id = ?1 AND (?2 IS NULL OR i.barcode = ?2)"     \
                   " ORDER BY 15, i.barcode")                                                      \
    X(REPAIR_LAST_STEP, "SELECT step, at FROM repair_step WHERE item_id = ?1 ORDER BY at DESC,"   \
                        " id DESC LIMIT 1")                                                        \
    X(REPAIR_NOTES, ST_WITH "SELECT min(at), 0, -1, note, staff FROM (SELECT e.at AS at, e.note"  \
                    " AS note, coalesce(s.name, '') AS staff FROM item_event e LEFT JOIN staff s"  \
                    " ON s.id = e.staff_id WHERE e.item_id = ?1 AND e.status = " ST("in_repair")   \
                    " AND e.at >= ?2 AND e.note <> ''"                                             \
                    " UNION ALL SELECT ll.returned_at, ll.return_note, coalesce(s.name, '') FROM"  \
                    " loan_line ll LEFT JOIN staff s ON s.id = ll.return_staff_id WHERE"           \
                    " ll.item_id = ?1 AND " LL_CLOSED("ll.") " AND ll.damaged = 1 AND"              \
                    " ll.returned_at >= ?2 AND"                                                    \
                    " ll.return_note <> '') GROUP BY note"                                         \
                    " UNION ALL SELECT r.at, 1, r.step, r.note, coalesce(s.name, '') FROM"         \
                    " repair_step r LEFT JOIN staff s ON s.id = r.staff_id WHERE r.item_id = ?1"   \
                    " AND r.at >= ?2 ORDER BY 1, 2")                                               \
    X(REPAIR_STEP_ADD, "INSERT INTO repair_step(item_id, at, staff_id, step, reason, note,"       \
                       " event_id, centre_id) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, centre_id FROM"   \
                       " item WHERE id = ?1")                                                      \
    X(WS_ITEM_STATE, ST_WITH "SELECT i.centre_id, i.status, coalesce(" REPAIR_SINCE ","           \
                     " i.added_at) FROM item i WHERE i.id = ?1")                                   \
    X(WS_CHANGE_ADD, "INSERT INTO workshop_change(centre_id, item_id, at, status, started_at)"    \
                     " VALUES (?1, ?2, ?3, ?4, ?5)")                                               \
    X(JOB_ADD, "INSERT INTO job(centre_id, customer, phone, bike, work, status, received_at,"     \
               " received_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")                            \
    X(JOB_GET, "SELECT " JOB_COLS " FROM job j WHERE j.id = ?1")                                   \
    X(JOB_OPEN, "SELECT " JOB_COLS " FROM job j WHERE j.centre_id = ?1 AND j.status <> ?2"        \
                " ORDER BY j.received_at, j.id")                                                   \
    X(JOB_ALL, "SELECT " JOB_COLS " FROM job j WHERE j.centre_id = ?1 ORDER BY j.id DESC")         \
    X(JOB_SET_STATUS, "UPDATE job SET status = ?2, finished_at = CASE WHEN ?2 = ?4 THEN"          \
                      " coalesce(finished_at, ?3) ELSE finished_at END, picked_up_at = CASE WHEN"  \
                      " ?2 = ?5 THEN ?3 ELSE picked_up_at END WHERE id = ?1")                      \
    X(JOB_EVENT_ADD, "INSERT INTO job_event(job_id, at, staff_id, status, minutes, note,"         \
                     " centre_id) SELECT ?1, ?2, ?3, ?4, ?5, ?6, centre_id FROM job WHERE id = ?1") \
    X(JOB_EVENTS, "SELECT ev.at, coalesce(s.name, ''), coalesce(ev.status, -1), ev.minutes,"      \
                  " ev.note FROM job_event ev LEFT JOIN staff s ON s.id = ev.staff_id WHERE"       \
                  " ev.job_id = ?1 ORDER BY ev.at, ev.id")                                         \
    X(JOB_WORKERS, "SELECT s.id, s.name, s.card, sum(ev.minutes) AS m FROM job_event ev JOIN"     \
                   " staff s ON s.id = ev.staff_id WHERE ev.job_id = ?1 AND ev.minutes > 0"        \
                   " GROUP BY s.id ORDER BY m DESC, s.name")                                       \
    X(JOB_SWEEP_COUNT, "SELECT count(*) FROM job WHERE picked_up_at IS NOT NULL AND"               \
                       " picked_up_at < ?1 AND swept_at IS NULL")                                  \
    X(JOB_SWEEP, "UPDATE job SET customer = '', phone = '', swept_at = ?2 WHERE picked_up_at IS"   \
                 " NOT NULL AND picked_up_at < ?1 AND swept_at IS NULL")                           \
    X(JOB_ERASE, "UPDATE job SET customer = '', phone = '', swept_at = ?2 WHERE id = ?1 AND"       \
                 " swept_at IS NULL")                                                              \
    X(WS_REPAIRS, "SELECT step, coalesce(reason, -1), count(*) FROM repair_step WHERE"            \
                  " centre_id = ?3 AND at >= ?1 AND at < ?2 AND step >= ?4 GROUP BY 1, 2")        \
    X(WS_RETIRED, ST_WITH "SELECT count(*) FROM workshop_change WHERE centre_id = ?3 AND at >="    \
                  " ?1 AND at < ?2 AND status = " ST("retired"))                                   \
    X(WS_SPELLS, "SELECT at - started_at AS d FROM workshop_change WHERE centre_id = ?3 AND at >=" \
                 " ?1 AND at < ?2 AND started_at IS NOT NULL ORDER BY d")                          \
    X(WS_JOBS, "SELECT (SELECT count(*) FROM job WHERE centre_id = ?3 AND received_at >= ?1 AND"  \
               " received_at < ?2), (SELECT count(*) FROM job WHERE centre_id = ?3 AND"            \
               " finished_at >= ?1 AND finished_at < ?2), (SELECT count(*) FROM job WHERE"         \
               " centre_id = ?3 AND picked_up_at >= ?1 AND picked_up_at < ?2), (SELECT"            \
               " coalesce(sum(minutes), 0) FROM job_event WHERE centre_id = ?3 AND at >= ?1 AND"  \
               " at < ?2 AND minutes > 0)")                                                        \
    /* work training (inv_training.c): opening hours, shifts, schemes, memberships, figures */    \
    X(TR_HOURS_GET, "SELECT opens, closes FROM opening_hours WHERE centre_id = ?1 AND"            \
                    " weekday = ?2")                                                               \
    X(TR_HOURS_SET, "INSERT INTO opening_hours(centre_id, weekday, opens, closes)"                \
                    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (centre_id, weekday) DO UPDATE SET"      \
                    " opens = excluded.opens, closes = excluded.closes")                           \
    X(TR_OPEN_GET, "SELECT id, day, in_at FROM training_shift WHERE staff_id = ?1 AND"            \
                   " out_at IS NULL")                                                              \
    X(TR_FORGOTTEN, "SELECT id, centre_id, day, in_at, staff_id FROM training_shift WHERE"       \
                    " out_at IS NULL"                                                              \
                    " AND day < ?1 ORDER BY id")                                                   \
    X(TR_CLOSE, "UPDATE training_shift SET out_at = ?2, auto_closed = ?3 WHERE id = ?1 AND"       \
                " out_at IS NULL")                                                                 \
    X(TR_SHIFT_ADD, "INSERT INTO training_shift(staff_id, centre_id, day, in_at, out_at,"         \
                    " corrected_by, corrected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")            \
    X(TR_LAST_CLOSED, "SELECT id, day, in_at, out_at, auto_closed FROM training_shift"            \
                      " WHERE staff_id = ?1 AND out_at IS NOT NULL AND day < ?2"                   \
                      " AND NOT EXISTS (SELECT 1 FROM training_shift n WHERE n.staff_id = ?1"       \
                      " AND n.day >= ?2) ORDER BY in_at DESC LIMIT 1")                             \
    X(TR_DAY_DELETE, "DELETE FROM training_shift WHERE staff_id = ?1 AND day = ?2")                \
    X(TR_DAY_SECONDS, "SELECT coalesce(sum(out_at - in_at), 0) FROM training_shift"               \
                      " WHERE staff_id = ?1 AND day = ?2 AND out_at IS NOT NULL")                  \
    X(TR_DAYS, "SELECT d.staff_id, st.name, st.card, d.day, d.first_in, d.last_out, d.secs,"      \
               " d.shifts, d.open, d.auto, d.corrected_at, coalesce(c.name, '') FROM"             \
               " (SELECT staff_id, day, min(in_at) AS first_in, max(out_at) AS last_out,"         \
               " sum(coalesce(out_at - in_at, 0)) AS secs, count(*) AS shifts,"                   \
               " max(out_at IS NULL) AS open, max(auto_closed) AS auto,"                          \
               " max(corrected_at) AS corrected_at, max(corrected_by) AS cb FROM training_shift"  \
               " WHERE centre_id = ?1 AND day BETWEEN ?2 AND ?3 AND (?4 = 0 OR staff_id = ?4)"    \
               " GROUP BY staff_id, day) d JOIN staff st ON st.id = d.staff_id"                   \
               " LEFT JOIN staff c ON c.id = d.cb ORDER BY d.day DESC, st.name, st.id")           \
    X(SCHEME_EACH, "SELECT s.id, s.name, (SELECT count(*) FROM training_member m WHERE"           \
                   " m.scheme_id = s.id AND m.from_day <= ?1 AND (m.to_day IS NULL OR"             \
                   " m.to_day >= ?1)), (SELECT count(*) FROM training_member m WHERE"             \
                   " m.scheme_id = s.id) FROM training_scheme s ORDER BY s.name")                 \
    X(SCHEME_FIND, "SELECT id, name FROM training_scheme WHERE lower(name) = lower(?1)")          \
    X(SCHEME_ADD, "INSERT INTO training_scheme(name) VALUES (?1)")                                 \
    X(SCHEME_RENAME, "UPDATE training_scheme SET name = ?2 WHERE id = ?1")                         \
    X(SCHEME_USED, "SELECT count(*) FROM training_member WHERE scheme_id = ?1")                    \
    X(SCHEME_REMOVE, "DELETE FROM training_scheme WHERE id = ?1")                                  \
    X(MEMBER_ADD, "INSERT INTO training_member(staff_id, scheme_id, from_day, to_day, added_at,"  \
                  " added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                    \
    X(MEMBER_OVERLAP, "SELECT from_day, coalesce(to_day, '') FROM training_member"                \
                      " WHERE staff_id = ?1 AND scheme_id = ?2 AND from_day <= ?4 AND"             \
                      " coalesce(to_day, '9999-12-31') >= ?3 AND id <> ?5 LIMIT 1")                \
    X(MEMBER_GET, "SELECT m.id, m.staff_id, st.name, st.card, s.name, m.from_day,"                \
                  " coalesce(m.to_day, ''), m.scheme_id FROM training_member m"                   \
                  " JOIN staff st ON st.id = m.staff_id JOIN training_scheme s ON"                \
                  " s.id = m.scheme_id WHERE m.id = ?1")                                           \
    X(MEMBER_EACH, "SELECT m.id, m.staff_id, st.name, st.card, s.name, m.from_day,"               \
                   " coalesce(m.to_day, ''), m.scheme_id FROM training_member m"                  \
                   " JOIN staff st ON st.id = m.staff_id JOIN training_scheme s ON"               \
                   " s.id = m.scheme_id WHERE (?1 = 0 OR m.staff_id = ?1)"                        \
                   " ORDER BY st.name, st.id, m.from_day, m.id")                                   \
    X(MEMBER_END, "UPDATE training_member SET to_day = ?2 WHERE id = ?1")                          \
    X(MEMBER_REMOVE, "DELETE FROM training_member WHERE id = ?1")                                  \
    X(TR_SWEEP_COUNT, "SELECT count(*) FROM training_member WHERE to_day < ?1")                    \
    X(TR_SWEEP, "DELETE FROM training_member WHERE to_day < ?1")                                   \
    X(TR_YEAR_TOTAL, "SELECT count(*), coalesce(sum(days), 0), coalesce(sum(seconds), 0),"       \
                     " coalesce(sum(auto_days), 0) FROM sum_training WHERE centre_id = ?1 AND"     \
                     " year = ?2 AND scheme_id = 0")                                               \
    X(TR_YEAR_TRAINEES, "SELECT st.id, st.name, st.card, s.days, s.seconds FROM sum_training s"   \
                        " JOIN staff st ON st.id = s.staff_id WHERE s.centre_id = ?1 AND"          \
                        " s.year = ?2 AND s.scheme_id = 0 ORDER BY st.name, st.id")                \
    X(TR_YEAR_SCHEMES, "SELECT sc.name, count(s.staff_id), coalesce(sum(s.seconds), 0)"           \
                       " FROM training_scheme sc LEFT JOIN sum_training s ON s.scheme_id = sc.id"  \
                       " AND s.centre_id = ?1 AND s.year = ?2 GROUP BY sc.id ORDER BY sc.name")    \
    X(TR_WORK, "SELECT (SELECT count(*) FROM loan l WHERE l.staff_id = ?1 AND"                    \
               " l.checked_out_at >= ?3 AND l.checked_out_at < ?4 AND l.centre_id = ?2),"          \
               " (SELECT count(*) FROM loan l JOIN loan_line ll ON ll.loan_id = l.id"              \
               " WHERE l.staff_id = ?1 AND l.checked_out_at >= ?3 AND l.checked_out_at < ?4"       \
               " AND l.centre_id = ?2),"                                                           \
               " (SELECT count(*) FROM loan_line ll JOIN loan l ON l.id = ll.loan_id"              \
               " WHERE ll.return_staff_id = ?1 AND ll.returned_at >= ?3 AND ll.returned_at < ?4"   \
               " AND l.centre_id = ?2),"                                                           \
               " (SELECT count(*) FROM borrower b WHERE b.registered_by = ?1 AND"                  \
               " b.registered_at >= ?3 AND b.registered_at < ?4 AND b.centre_id = ?2),"            \
               " (SELECT count(*) FROM repair_step r WHERE r.staff_id = ?1 AND r.step = 2 AND"     \
               " r.at >= ?3 AND r.at < ?4 AND r.centre_id = ?2),"                                  \
               " (SELECT count(DISTINCT e.job_id) FROM job_event e WHERE e.staff_id = ?1 AND"      \
               " e.at >= ?3 AND e.at < ?4 AND e.centre_id = ?2),"                                  \
               " (SELECT coalesce(sum(e.minutes), 0) FROM job_event e WHERE e.staff_id = ?1 AND"   \
               " e.at >= ?3 AND e.at < ?4 AND e.centre_id = ?2)")                                  \
    /* sum_training made again for staff ?1..?2 and days ?3..?4 ('YYYY-01-01'..'YYYY-12-31') */ \
    X(SUMTR_DELETE, "DELETE FROM sum_training WHERE staff_id BETWEEN ?1 AND ?2 AND"               \
                    " year BETWEEN CAST(substr(?3, 1, 4) AS INTEGER) AND"                          \
                    " CAST(substr(?4, 1, 4) AS INTEGER)")                                          \
    X(SUMTR_ALL, "INSERT INTO sum_training(centre_id, year, staff_id, scheme_id, days, seconds,"  \
                 " auto_days) SELECT centre_id, CAST(substr(day, 1, 4) AS INTEGER), staff_id, 0,"  \
                 " count(*), sum(secs), sum(auto) FROM (SELECT centre_id, staff_id, day,"          \
                 " sum(out_at - in_at) AS secs, max(auto_closed) AS auto FROM training_shift"      \
                 " WHERE staff_id BETWEEN ?1 AND ?2 AND day BETWEEN ?3 AND ?4 AND"                 \
                 " out_at IS NOT NULL GROUP BY centre_id, staff_id, day)"                          \
                 " GROUP BY centre_id, staff_id, substr(day, 1, 4)")                               \
    X(SUMTR_SCHEMES, "INSERT INTO sum_training(centre_id, year, staff_id, scheme_id, days,"       \
                     " seconds, auto_days) SELECT t.centre_id, CAST(substr(t.day, 1, 4) AS"        \
                     " INTEGER), t.staff_id, m.scheme_id, count(DISTINCT t.day),"                  \
                     " sum(t.out_at - t.in_at), 0 FROM training_shift t JOIN training_member m"    \
                     " ON m.staff_id = t.staff_id AND m.from_day <= t.day AND (m.to_day IS NULL"   \
                     " OR m.to_day >= t.day) WHERE t.staff_id BETWEEN ?1 AND ?2 AND t.day"         \
                     " BETWEEN ?3 AND ?4 AND t.out_at IS NOT NULL"                                 \
                     " GROUP BY t.centre_id, t.staff_id, m.scheme_id, substr(t.day, 1, 4)")                 \
    X(CHECK_SUM_TRAINING, "WITH fresh AS (SELECT centre_id, CAST(substr(day, 1, 4) AS INTEGER)"  \
                          " AS year, staff_id, 0 AS scheme_id, count(*) AS days, sum(secs) AS"     \
                          " seconds, sum(auto) AS auto_days FROM (SELECT centre_id, staff_id,"     \
                          " day, sum(out_at - in_at) AS secs, max(auto_closed) AS auto"            \
                          " FROM training_shift WHERE out_at IS NOT NULL"                          \
                          " GROUP BY centre_id, staff_id, day)"                                    \
                          " GROUP BY centre_id, staff_id, substr(day, 1, 4)"                       \
                          " UNION ALL SELECT t.centre_id, CAST(substr(t.day, 1, 4) AS INTEGER),"  \
                          " t.staff_id, m.scheme_id, count(DISTINCT t.day),"                       \
                          " sum(t.out_at - t.in_at), 0 FROM training_shift t"                      \
                          " JOIN training_member m ON m.staff_id = t.staff_id AND"                 \
                          " m.from_day <= t.day AND (m.to_day IS NULL OR m.to_day >= t.day)"       \
                          " WHERE t.out_at IS NOT NULL"                                            \
                          " GROUP BY t.centre_id, t.staff_id, m.scheme_id, substr(t.day, 1, 4)),"  \
                          " kept AS (SELECT centre_id, year, staff_id, scheme_id, days, seconds,"  \
                          " auto_days FROM sum_training)"                                          \
                          " SELECT year, staff_id FROM (SELECT * FROM fresh EXCEPT SELECT * FROM"  \
                          " kept) UNION ALL SELECT year, staff_id FROM (SELECT * FROM kept"        \
                          " EXCEPT SELECT * FROM fresh) LIMIT 1")                                  \
    /* the report: a year's borrowers by age band and municipality (inv_stats.c) */          \
    X(SUM_PROFILE_GET, "SELECT band, municipality, borrowers FROM sum_profile WHERE"               \
                       " centre_id = ?1 AND year = ?2")                                            \
    X(CHECK_PROFILE, "SELECT centre_id, year FROM (SELECT centre_id, period AS year, band,"       \
                     " municipality, count(*) FROM sum_borrower WHERE period < 10000 GROUP BY"     \
                     " 1, 2, 3, 4 EXCEPT SELECT centre_id, year, band, municipality, borrowers"    \
                     " FROM sum_profile) UNION ALL SELECT centre_id, year FROM (SELECT"           \
                     " centre_id, year, band, municipality, borrowers FROM sum_profile EXCEPT"     \
                     " SELECT centre_id, period, band, municipality, count(*) FROM sum_borrower"  \
                     " WHERE period < 10000 GROUP BY 1, 2, 3, 4) LIMIT 1")                         \
    /* sync (inv_sync_out.c, inv_sync_apply.c) */                                                  \
    X(SYNC_SELF_GET, "SELECT coalesce(centre, ''), coalesce(device, ''), applying FROM sync_self" \
                     " WHERE one = 1")                                                            \
    X(SYNC_SELF_SET, "UPDATE sync_self SET centre = ?1, device = ?2, centre_id = ?3, since = ?4"  \
                     " WHERE one = 1")                                                            \
    X(SYNC_APPLYING, "UPDATE sync_self SET applying = ?1 WHERE one = 1")                          \
    X(SYNC_OUT_AFTER, "SELECT seq, at, tbl, op, gid, data FROM sync_out WHERE seq > ?1"           \
                      " ORDER BY seq LIMIT ?2")                                                   \
    X(SYNC_OUT_LAST, "SELECT coalesce(max(seq), 0) FROM sync_out")                                \
    X(SYNC_STATE_GET, "SELECT pushed, coalesce(ok_at, 0), coalesce(error, ''),"                   \
                      " coalesce(error_at, 0) FROM sync_state WHERE one = 1")                     \
    X(SYNC_ACKED, "UPDATE sync_state SET pushed = max(pushed, ?1), ok_at = ?2, error = NULL,"     \
                  " error_at = NULL WHERE one = 1")                                               \
    X(SYNC_OUT_DROP, "DELETE FROM sync_out WHERE seq <= ?1 AND seq < (SELECT max(seq) FROM"        \
                     " sync_out)")                                                                \
    X(SYNC_FAILED, "UPDATE sync_state SET error = ?1, error_at = ?2 WHERE one = 1")               \
    X(SYNC_MARKS, "SELECT device, seq FROM sync_peer ORDER BY device")                            \
    X(SYNC_MAP_GIDS_8, "SELECT v.column1, m.gid FROM (VALUES (0, ?1, 'borrower'), (1, ?2, 'staff'),"  \
                       " (2, ?3, 'item'), (3, ?4, 'item'), (4, ?5, 'item'), (5, ?6, 'item'), (6, ?7,"  \
                       " 'item'), (7, ?8, 'item'), (8, ?9, 'item'), (9, ?10, 'item')) v LEFT JOIN"     \
                       " sync_map m ON m.tbl = v.column3 AND m.id = v.column2 AND m.alias = 0"        \
                       " WHERE v.column2 IS NOT NULL")                                                 \
    X(SYNC_OUT_BUNDLE, "INSERT INTO sync_out(seq, at, tbl, op, gid, data) VALUES ((SELECT"       \
                       " coalesce(max(seq), 0) FROM sync_out) + ?1, unixepoch(), 'loan', 'put',"  \
                       " ?2, ?3)")                                                                \
    X(SYNC_TRIGGERS_STALE, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name"   \
                           " IN ('sync_loan_ins', 'sync_loan_line_ins') AND instr(sql,"            \
                           " 'bua_sync_quiet()') = 0")                                            \
    X(SYNC_MARK_SET, "INSERT INTO sync_peer(device, seq) VALUES (?1, ?2) ON CONFLICT (device)"    \
                     " DO UPDATE SET seq = excluded.seq")                                         \
    X(SYNC_COUNTS, "SELECT (SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL),"       \
                   " (SELECT count(*) FROM sync_wait)")                                            \
    X(SYNC_MAP_GET, "SELECT id FROM sync_map WHERE tbl = ?1 AND gid = ?2")                         \
    X(SCHEMA_VERSION, "PRAGMA main.schema_version")                                               \
    X(TRIGGERS_LOCAL, "SELECT name FROM temp.sqlite_master WHERE type = 'trigger'"               \
                      " AND name GLOB 'local_*'")                                              \
    X(TRIGGERS_MAIN, "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'"           \
                     " ORDER BY name")                                                          \
    X(ITEM_STATUS_OF, "SELECT status FROM item WHERE id = ?1")                                    \
    X(SYNC_MAP_GID, "SELECT gid FROM sync_map WHERE tbl = ?1 AND id = ?2 AND alias = 0")           \
    X(SYNC_MAP_ADD, "INSERT INTO sync_map(tbl, gid, id, alias) VALUES (?1, ?2, ?3, ?4)"            \
                    " ON CONFLICT (tbl, gid) DO UPDATE SET id = excluded.id, alias = excluded.alias") \
    X(SYNC_MAP_ALIAS, "UPDATE sync_map SET alias = 1 WHERE tbl = ?1 AND id = ?2 AND alias = 0")    \
    X(SYNC_MAP_DROP, "DELETE FROM sync_map WHERE tbl = ?1 AND id = ?2")                            \
    X(SYNC_WAIT_HAS, "SELECT EXISTS (SELECT 1 FROM sync_wait WHERE tbl = ?1 AND gid = ?2"          \
                     " AND id < ?3 AND device = ?4)")                                              \
    X(SYNC_WAIT_ADD, "INSERT INTO sync_wait(device, seq, at, tbl, op, gid, data, missing)"         \
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")                                   \
    X(SYNC_WAIT_EACH, "SELECT id, device, seq, at, tbl, op, gid, data FROM sync_wait"              \
                      " WHERE id > ?1 ORDER BY id LIMIT 1")                                        \
    X(SYNC_WAIT_DROP, "DELETE FROM sync_wait WHERE id = ?1")                                       \
    X(SYNC_LOAN_AT, "SELECT checked_out_at, borrower_id, centre_id FROM loan WHERE id = ?1")       \
    X(SYNC_LINE_GET, "SELECT item_id, returned_at, lost_at FROM loan_line WHERE loan_id = ?1"      \
                     " AND seq = ?2") \
    X(SYNC_LINE_OPEN, "SELECT ll.loan_id, ll.seq, l.checked_out_at FROM loan_line ll JOIN loan l"  \
                      " ON l.id = ll.loan_id WHERE ll.item_id = ?1 AND " LL_OPEN("ll."))           \
    X(SYNC_LINE_HOLD, "UPDATE loan_line SET open_key = ?3 WHERE loan_id = ?1 AND seq = ?2")        \
    X(SYNC_LINES_HELD, "SELECT ll.loan_id, ll.seq, l.checked_out_at FROM loan_line ll JOIN loan l" \
                       " ON l.id = ll.loan_id WHERE " LL_HELD("ll.") " AND ll.item_id = ?1")       \
    X(SYNC_LINES_OF_ITEM, "SELECT ll.loan_id, ll.seq, l.checked_out_at, ll.returned_at FROM"       \
                          " loan_line ll JOIN loan l ON l.id = ll.loan_id WHERE ll.item_id = ?1"   \
                          " AND " LL_OPEN("ll.") " UNION ALL SELECT ll.loan_id, ll.seq,"           \
                          " l.checked_out_at, ll.returned_at FROM loan_line ll JOIN loan l ON"     \
                          " l.id = ll.loan_id WHERE ll.item_id = ?1 AND " LL_CLOSED("ll.")         \
                          " UNION ALL SELECT ll.loan_id, ll.seq, l.checked_out_at, ll.returned_at" \
                          " FROM loan_line ll JOIN loan l ON l.id = ll.loan_id WHERE " LL_HELD("ll.") \
                          " AND ll.item_id = ?1")                                                  \
    X(SYNC_ITEM_DERIVE, "UPDATE item SET status = CASE WHEN EXISTS (SELECT 1 FROM loan_line ll"    \
                        " WHERE ll.item_id = item.id AND " LL_OPEN("ll.") ") THEN ?3 ELSE ?2 END," \
                        " ever_lent = max(ever_lent, " LL_OF_ITEM("item.id") ") WHERE id = ?1"     \
                        " AND status IN (?2, ?3)")                                                 \
    X(SYNC_EVER_LENT, "UPDATE item SET ever_lent = 1 WHERE id = ?1 AND ever_lent = 0")             \
    X(SYNC_CONFLICT_ADD, "INSERT INTO sync_conflict(kind, at, item_id, borrower_id, a_gid, b_gid," \
                         " detail, resolved_at, resolution) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"   \
                         " ?8, ?9) ON CONFLICT (kind, a_gid, b_gid) DO NOTHING")                   \
    X(SYNC_CONFLICT_SETTLE, "UPDATE sync_conflict SET resolved_at = ?2, resolution = ?3 WHERE"     \
                            " resolved_at IS NULL AND kind = 'double_lend' AND a_gid = ?1")        \
    X(SYNC_REG_MIN, "UPDATE borrower SET registered_at = ?2 WHERE id = ?1 AND registered_at > ?2") \
    X(SYNC_BORROWER_REG, "SELECT registered_at, key_only FROM borrower WHERE id = ?1")                   \
    X(SYNC_BORROWER_ERASED, "SELECT erased_at IS NOT NULL FROM borrower WHERE id = ?1")            \
    X(SYNC_ERASED_CARD, "UPDATE borrower SET card = ?2 WHERE id = ?1")                             \
    X(SYNC_JSON, "SELECT json_extract(?1, ?2)")                                                    \
    X(SYNC_JSON_CARD, "SELECT json_set(?1, '$.card', 'sync ' || ?2)")                              \
    X(SYNC_CONFLICTS, "SELECT c.id, c.kind, c.at, coalesce(i.barcode, ''), coalesce(i.name, ''),"  \
                      " coalesce(b.card, ''), coalesce(b.name, ''), c.detail,"                     \
                      " coalesce(c.resolved_at, 0), coalesce(c.resolution, '') FROM"               \
                      " sync_conflict c LEFT JOIN item i ON i.id = c.item_id LEFT JOIN"            \
                      " borrower b ON b.id = c.borrower_id WHERE ?1 = 0 OR c.resolved_at"          \
                      " IS NULL ORDER BY c.at DESC, c.id DESC")                                    \
    X(SYNC_CONFLICT_GET, "SELECT kind, a_gid, resolved_at IS NOT NULL FROM sync_conflict"          \
                         " WHERE id = ?1")                                                         \
    X(SYNC_CONFLICT_DONE, "UPDATE sync_conflict SET resolved_at = ?2, resolved_by = ?3,"           \
                          " resolution = ?4 WHERE id = ?1")                                        \
    X(SYNC_LINE_CLOSE, "UPDATE loan_line SET returned_at = ?3, return_staff_id = ?4,"              \
                       " open_key = 0 WHERE loan_id = ?1 AND seq = ?2")                            \
    X(SYNC_LINE_MOVE, "UPDATE loan_line SET item_id = ?3, open_key = 0 WHERE loan_id = ?1"         \
                      " AND seq = ?2")                                                            \
    /* the two loans of a double lend, for staff (inv_conflict.c) */                                \
    X(CONFLICT_GIDS, "SELECT a_gid, b_gid FROM sync_conflict WHERE id = ?1"                        \
                     " AND kind = 'double_lend'")                                                 \
    X(CONFLICT_MAP, "SELECT id FROM sync_map WHERE tbl = 'loan' AND gid = ?1")                     \
    X(CONFLICT_LOAN, "SELECT l.checked_out_at, coalesce(b.card, ''), coalesce(b.name, '')"         \
                     " FROM loan l LEFT JOIN borrower b ON b.id = l.borrower_id WHERE l.id = ?1")

/* inv_summaries_rebuild keeps what the sets recorded of borrowers already counted (an erased
 * borrower's band and municipality are no longer in `borrower`), then counts sum_profile again.
 * Run with sqlite3_exec, not prepared: they use a temporary table that exists only meanwhile. */
#define INV_SQL_REBUILD_KEEP                                                                       \
    "CREATE TEMP TABLE sum_keep AS SELECT centre_id, period, borrower_id, band, municipality"    \
    "  FROM sum_borrower;"                                                                       \
    "DELETE FROM summary; DELETE FROM sum_borrower;"                                             \
    "DELETE FROM sum_profile;"
#define INV_SQL_REBUILD_RESTORE                                                                    \
    "UPDATE sum_borrower SET band = k.band, municipality = k.municipality FROM temp.sum_keep k"  \
    "  WHERE sum_borrower.centre_id = k.centre_id AND sum_borrower.period = k.period"            \
    "  AND sum_borrower.borrower_id = k.borrower_id;"                                            \
    "DROP TABLE temp.sum_keep; DELETE FROM sum_profile;"                                         \
    "INSERT INTO sum_profile SELECT centre_id, period, band, municipality, count(*)"             \
    "  FROM sum_borrower WHERE period < 10000 GROUP BY 1, 2, 3, 4;"

/* clang-format on */

#endif
