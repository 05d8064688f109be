/* The scan comes from a USB scanner: an emulated Honeywell HID POS scanner (umockdev, the
 * scanner tests' usbmock) sends a Code 128 label through the real scanner module into a running
 * bua-kiosk, whose script waits for it (usb-scan) and expects the item in the basket; the loan
 * is then checked in the store. Run under umockdev-wrapper.
 * Usage: kiosk_usb SCANNER_DATA_DIR BUA_KIOSK SCRIPT WORK_DIR */
#include "check.h"
#include "inventory.h"
#include "usbmock.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void make_centre(const char *path, const char *kiosk)
{
    unlink(path);
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    InvOpenOptions oo = {.path = path, .create = true, .timezone = "Europe/Oslo"};
    CHECK_EQ(inv_open(&oo, &db, msg, sizeof msg), INV_OK);
    InvBorrower b;
    memset(&b, 0, sizeof b);
    snprintf(b.card, sizeof b.card, "B-1001");
    snprintf(b.name, sizeof b.name, "Kari Nordmann");
    b.consent = true;
    /* the terms in force (the kiosk's assets): else the login asks for them first */
    static InvTerms terms[2];
    char dir[1024];
    const char *slash = strrchr(kiosk, '/');
    snprintf(dir, sizeof dir, "%.*s/bua-dev-assets/terms", slash ? (int)(slash - kiosk) : 1,
             slash ? kiosk : ".");
    CHECK_EQ(inv_terms_load_all(dir, terms, msg, sizeof msg), 0);
    snprintf(b.consent_version, sizeof b.consent_version, "%s", terms[0].version);
    CHECK_EQ(inv_borrower_add(db, &b, 0, NULL), INV_OK);
    InvItem it;
    memset(&it, 0, sizeof it);
    snprintf(it.barcode, sizeof it.barcode, "SKI-0001");
    snprintf(it.name, sizeof it.name, "Langrennski 180 cm");
    snprintf(it.category, sizeof it.category, "Ski");
    CHECK_EQ(inv_item_add(db, &it, 0, NULL), INV_OK);
    inv_close(db);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: kiosk_usb DATA_DIR BUA_KIOSK SCRIPT WORK_DIR\n");
        return 2;
    }
    char db_path[1024];
    snprintf(db_path, sizeof db_path, "%s/kiosk_usb.db", argv[4]);
    make_centre(db_path, argv[2]);

    UsbMock *m = usbmock_new(argv[1]);
    usbmock_add(m, "hub-1-4.umockdev", "hub", NULL);
    MockDev *pos =
        usbmock_add(m, "honeywell-pos-1-4.2.umockdev", "usbhid", "report-descriptor-pos.hex");

    char *kargv[] = {argv[2], "--db",     db_path, "--headless", "--no-sound",
                     "--usb", "--script", argv[3], NULL};
    pid_t pid = 0;
    CHECK(posix_spawn(&pid, argv[2], NULL, NULL, kargv, environ) == 0);

    /* the kiosk's scanner thread claims the scanner; then the label is read */
    int t = 0;
    while (t < 15000 && !usbmock_claimed(pos, 0)) {
        sleep_ms(5);
        t += 5;
    }
    CHECK(usbmock_claimed(pos, 0));
    uint8_t report[64];
    memset(report, 0, sizeof report);
    const char *code = "SKI-0001";
    report[0] = 0x02; /* report id */
    report[1] = (uint8_t)strlen(code);
    memcpy(report + 2, "]C0", 3); /* AIM identifier: Code 128 */
    memcpy(report + 5, code, strlen(code));
    usbmock_queue(pos, report, sizeof report);
    CHECK(usbmock_wait_drained(pos, 10000));

    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK_EQ(WEXITSTATUS(status), 0);
    CHECK(usbmock_driver_bound(pos, 0)); /* the kiosk gave the scanner back on exit */
    usbmock_free(m);

    /* the loan is in the store */
    InvDb *db = NULL;
    char msg[INV_MSG_MAX];
    InvOpenOptions oo = {.path = db_path};
    CHECK_EQ(inv_open(&oo, &db, msg, sizeof msg), INV_OK);
    InvItem it;
    CHECK_EQ(inv_item_get(db, "SKI-0001", &it), INV_OK);
    CHECK_EQ(it.status, INV_ITEM_ON_LOAN);
    inv_close(db);
    fprintf(stderr, "kiosk_usb: the scanned item was lent\n");
    return 0;
}
