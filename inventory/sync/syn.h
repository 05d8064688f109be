/* bua-sync's shared declarations (module prefix syn_): the program that carries a device's
 * outbox to the centre's PostgreSQL log and the other devices' events back (issue 14; the
 * contract is in the README's "Sync" section). Start reading at main.c.
 *
 *   main.c       command line, settings ([sync] in kiosk.ini), help
 *   syn_pg.c     connecting (conninfo + password file), server messages, secret files
 *   syn_admin.c  setup (the embedded server SQL), device add, rebuild: the server admin's side
 *   syn_key.c    the centre key: keygen, loading, sealing and opening personal columns
 *   syn_wire.c   an outbox event <-> the JSON bua.push takes and the rows bua.pull returns
 *   syn_run.c    run: push, pull, apply, the loop with backoff */
#ifndef SYN_H
#define SYN_H

#include "inventory.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYN_MSG_MAX 1024
#define SYN_PATH_MAX 1024
#define SYN_CONNINFO_MAX 2048
#define SYN_SECRET_MAX 512
#define SYN_KEY_BYTES 32
#define SYN_BK_BYTES 16
#define SYN_PUSH_BATCH 500  /* events per bua.push call */
#define SYN_PULL_BATCH 1000 /* events per bua.pull call */

/* exit codes, as bua-admin's */
enum { SYN_EXIT_OK = 0, SYN_EXIT_FAIL = 1, SYN_EXIT_USAGE = 2 };

typedef struct SynKey {
    unsigned char k[SYN_KEY_BYTES];
} SynKey;

/* ---- syn_pg.c ---- */
/* Reads the first line of a secret file (password); refuses a file group or others may read.
 * `what` names it in messages ("--password-file"). 0, or -1 with msg. */
int syn_secret_read(const char *path, const char *what, char *buf, size_t size, char *msg,
                    size_t msg_size);
/* Connects with `conninfo`, plus the password read from `password_file` when not NULL/"".
 * Returns the connection, or NULL with msg naming the server and the cause (a missing password
 * is named as such). */
PGconn *syn_connect(const char *conninfo, const char *password_file, char *msg, size_t msg_size);
/* The server's error of a failed result as one line: "ERROR text (DETAIL; HINT)". */
void syn_pg_error(const PGresult *res, const PGconn *conn, char *msg, size_t msg_size);
/* The server's SQLSTATE of a failed result ("" if none). */
const char *syn_pg_state(const PGresult *res);
/* true for a name of [a-z0-9-]{1,32} (centre code, device name) */
bool syn_name_ok(const char *s);

/* ---- syn_admin.c ---- */
int syn_cmd_setup(const char *conninfo, const char *password_file);
int syn_cmd_device_add(const char *conninfo, const char *password_file, const char *centre,
                       const char *device, const char *device_password_file, const char *role);
int syn_cmd_rebuild(const char *conninfo, const char *password_file);

/* ---- syn_key.c ---- */
/* A new key file: 32 random bytes as 64 hex digits and a newline, mode 0600; never overwrites. */
int syn_keygen(const char *path, char *msg, size_t msg_size);
/* Loads a key file made by syn_keygen (refused if group or others may read it). */
int syn_key_load(const char *path, SynKey *out, char *msg, size_t msg_size);
/* Seals `plain` (len bytes): crypto_secretbox_easy, nonce || box, as base64 (malloc'd). */
char *syn_seal(const SynKey *key, const char *plain, size_t len);
/* Opens what syn_seal made (base64; newlines ignored); malloc'd NUL-terminated text, or NULL
 * when it is not base64 or the key does not open it. */
char *syn_open(const SynKey *key, const char *b64);
/* The borrower key of a card: hex of crypto_generichash(card, key), 16 bytes. */
void syn_borrower_key(const SynKey *key, const char *card, char *hex, size_t hex_size);

/* ---- syn_wire.c ---- */
/* The JSON array bua.push takes for events ev[0..n): personal columns sealed with key, the
 * borrower key added to borrower rows. malloc'd text, or NULL with msg. */
char *syn_wire_push(const InvSyncEvent *ev, size_t n, const SynKey *key, char *msg,
                    size_t msg_size);
/* Turns bua.pull's rows (columns device, seq, at, tbl, op, gid, row, sealed) into events for
 * inv_sync_apply, the sealed personal columns opened with key and merged into data. *out is
 * released with inv_sync_events_free. 0, or -1 with msg. */
int syn_wire_pull(const PGresult *res, const SynKey *key, InvSyncEvent **out, size_t *n, char *msg,
                  size_t msg_size);

/* ---- syn_run.c ---- */
typedef struct SynRunOptions {
    const char *db;            /* the device's database */
    const char *conninfo;      /* the server */
    const char *password_file; /* the device role's password ("" none) */
    const char *key_file;      /* the centre key */
    bool once;                 /* one push and pull, then exit */
} SynRunOptions;
int syn_cmd_run(const SynRunOptions *opt);

#endif
