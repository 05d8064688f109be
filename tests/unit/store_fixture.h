/* The setup the store unit tests share (test_inventory, test_people, test_calendar,
 * test_lending, test_items, test_report, test_import_fk, test_checkout_batch): real SQLite files in
 * a fresh temporary folder, opened in Europe/Oslo, the folder removed at the end. */
#ifndef BUA_TESTS_STORE_FIXTURE_H
#define BUA_TESTS_STORE_FIXTURE_H

#include "inventory.h"

#include <stddef.h>
#include <stdint.h>

/* The test's folder, $TMPDIR/bua-<name>-XXXXXX (or under /tmp), made by stf_begin(). */
extern char stf_dir[256];

/* Makes the test's folder and sets TZ to Europe/Oslo; fails the test if it cannot. */
void stf_begin(const char *name);
/* Removes the test's folder and everything in it; fails the test if it cannot. */
void stf_end(void);

/* The path of `name` in the test's folder. */
void stf_path(char *buf, size_t size, const char *name);
/* Opens the store as `o` says; prints the store's message and fails the test if it cannot. */
InvDb *stf_open(const InvOpenOptions *o);
/* A new store file `name` in the test's folder (any old one removed first), in Europe/Oslo. */
InvDb *stf_open_new(const char *name);

/* Adds the item "Ting <code>" of category `cat` at time `at`; fails the test if it cannot. */
void stf_add_item(InvDb *db, const char *code, const char *cat, int64_t at);
/* The first column of the first row of `sql` run on the store's own connection (a count). A
 * query may read the outbox as events from the view sync_ev (INV_SYNC_EVENTS: a checkout's row
 * expanded into its loan's and lines' events). */
int64_t stf_count(InvDb *db, const char *sql);
/* Adds a borrower (card, name, consent given) registered at `at`; its id. */
int64_t stf_add_borrower(InvDb *db, const char *card, const char *name, int64_t at);

/* The time `text` (as inv_time_parse() reads it); fails the test if it is not one. */
int64_t stf_at(const char *text);
/* The time `text` read with the store's zone: opens (and closes) zone.db in the folder first. */
int64_t stf_zone_time(const char *text);

#endif
