/* Emulated USB scanners for the replay tests, on top of umockdev: devices come from umockdev
 * description files under tests/data/scanner, and an ioctl handler plays the kernel's usbfs
 * (claiming, a bound kernel driver that makes claims fail with EBUSY until detached, control
 * requests, interrupt/bulk URBs fed from queued reports, unplugging). Needs umockdev-wrapper. */
#ifndef BUA_TESTS_USBMOCK_H
#define BUA_TESTS_USBMOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct UsbMock UsbMock;
typedef struct MockDev MockDev;

/* A new testbed with the bus's root hub. data_dir holds the description files. Aborts when
 * not run under umockdev-wrapper. */
UsbMock *usbmock_new(const char *data_dir);
void usbmock_free(UsbMock *m);

/* Adds a device from a description file (relative to data_dir). driver: the kernel driver
 * bound to its interfaces ("usbhid", "cdc_acm") or NULL. report_desc: what GET_DESCRIPTOR(Report)
 * answers (hex file name) or NULL. Returns the device, owned by the mock. */
MockDev *usbmock_add(UsbMock *m, const char *file, const char *driver, const char *report_desc);

/* Adds the devices of a description file that the host must never open (no ioctl emulation). */
void usbmock_add_plain(UsbMock *m, const char *file);

/* Pulls the device out: URBs in flight fail as on a real disconnect, then the device vanishes. */
void usbmock_unplug(MockDev *d);

/* Queues reports (or serial chunks) read from a file of hex lines; returns how many. A line
 * "overflow HEX" is a report whose URB ends with -EOVERFLOW (libusb: LIBUSB_TRANSFER_OVERFLOW). */
size_t usbmock_queue_file(MockDev *d, const char *file);
void usbmock_queue(MockDev *d, const uint8_t *data, size_t len);

/* Waits until every queued report has been read by the host; false on timeout. */
bool usbmock_wait_drained(MockDev *d, int timeout_ms);

/* Another program holds (busy) or lets go of the device's interfaces: claims fail with EBUSY. */
void usbmock_set_busy(MockDev *d, bool busy);
void usbmock_set_busy_iface(MockDev *d, unsigned iface, bool busy); /* one interface only */

/* Observations. */
bool usbmock_driver_bound(MockDev *d, unsigned iface); /* kernel driver attached now */
bool usbmock_claimed(MockDev *d, unsigned iface);      /* claimed by the host now */
int usbmock_claim_count(MockDev *d);                   /* successful claims so far */
int usbmock_busy_count(MockDev *d);                    /* claims refused with EBUSY */
int usbmock_opens(MockDev *d);                         /* any ioctl at all reached it */
int usbmock_control_count(MockDev *d, uint8_t request_type, uint8_t request);
/* The wValue of the last such control request (-1 if none). */
int usbmock_control_last_value(MockDev *d, uint8_t request_type, uint8_t request);
int usbmock_attach_count(MockDev *d); /* kernel driver re-attached by the host so far */

/* The next n IN transfers fail with a transfer error (-EPROTO, as from a bad cable) while the
 * device stays connected. */
void usbmock_fail_urbs(MockDev *d, int n);

/* The next n IN transfers stall (endpoint halted); with clear_fails, CLEAR_HALT then fails (EIO)
 * until the next call. */
void usbmock_stall_urbs(MockDev *d, int n, bool clear_fails);

/* The next n IN transfer submissions are refused with EIO (libusb: LIBUSB_ERROR_IO). */
void usbmock_fail_submits(MockDev *d, int n);

/* CLOCK_MONOTONIC time (ns) at which the last queued report was handed to the host. */
uint64_t usbmock_last_data_ns(MockDev *d);

#endif
