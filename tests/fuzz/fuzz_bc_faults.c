/* libFuzzer target: any decoder fed a mix of whole, malformed and lost reports, polled at
 * random times. Byte 0 picks the mode and layout; then records: an op byte (low 2 bits: 0 a
 * report of the length in the next byte, 1 a report of the mode's own length, 2 a lost report,
 * 3 a poll; high 6 bits: milliseconds to advance, times 8) and the report's bytes. Checks that no
 * code is ever delivered from a code a fault has doomed: after a fault, a rejection (or a silent
 * close after BC_FAULT_GAP_MS) must come before the next code. */
#include "fuzz_common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    BcDecoder d;
    bool doomed;      /* a fault fell into the code under way */
    bool seen;        /* last_ms is set */
    uint32_t last_ms; /* last feed or lost report, as the decoder counts its gap */
} Fuzz;

static bool is_fault(const Fuzz *f, const uint8_t *r, size_t len)
{
    switch (f->d.mode) {
    case BC_MODE_KEYBOARD:
        return len != 8;
    case BC_MODE_HIDPOS:
        return len == 0 || (r[0] == BC_HIDPOS_REPORT_ID &&
                            (len < BC_HIDPOS_REPORT_LEN || r[1] > BC_HIDPOS_DATA_MAX));
    case BC_MODE_SERIAL:
    default:
        return false;
    }
}

static void gap(Fuzz *f, uint32_t now)
{
    if (f->seen && now - f->last_ms >= BC_FAULT_GAP_MS)
        f->doomed = false; /* closed by the decoder (silently, or by the poll) */
}

static void result(Fuzz *f, int r, const BcCode *c)
{
    if (r == 1) {
        if (f->doomed)
            abort(); /* a half code got through */
        check_code(c);
    } else if (r < 0) {
        f->doomed = false;
    } else if (r != 0) {
        abort();
    }
}

static void feed(Fuzz *f, const uint8_t *r, size_t len, uint32_t now)
{
    BcCode c;
    size_t off = 0;
    bool fault = is_fault(f, r, len);

    gap(f, now);
    f->seen = true;
    f->last_ms = now;
    do {
        int res = bc_feed(&f->d, r + off, len - off, now, &c);
        off += bc_decoder_consumed(&f->d);
        result(f, res, &c);
    } while (f->d.mode == BC_MODE_SERIAL && off < len);
    if (fault)
        f->doomed = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const BcMode modes[] = {BC_MODE_KEYBOARD, BC_MODE_HIDPOS, BC_MODE_SERIAL};
    static const size_t own_len[] = {8, BC_HIDPOS_REPORT_LEN, 8};
    Fuzz f;
    uint32_t now = 1000;
    size_t mode = 0;

    if (size < 1)
        return 0;
    mode = data[0] % 3;
    bc_decoder_init(&f.d, modes[mode], (data[0] & 4) ? BC_LAYOUT_NO : BC_LAYOUT_US);
    f.doomed = false;
    f.seen = false;
    f.last_ms = 0;
    data++;
    size--;
    while (size > 0) {
        uint8_t op = data[0];
        size_t n = 0;
        int r = 0;

        data++;
        size--;
        now += (uint32_t)(op >> 2) * 8u;
        switch (op & 3) {
        case 0:
            n = size > 0 ? data[0] % 70u : 0;
            if (size > 0) {
                data++;
                size--;
            }
            /* fall through */
        case 1:
            if ((op & 3) == 1)
                n = own_len[mode];
            n = n <= size ? n : size;
            feed(&f, data, n, now);
            data += n;
            size -= n;
            break;
        case 2:
            gap(&f, now);
            bc_decoder_lost(&f.d, now);
            f.seen = true;
            f.last_ms = now;
            f.doomed = true;
            break;
        case 3:
        default:
            gap(&f, now);
            r = bc_decoder_poll(&f.d, now);
            if (r > 0)
                abort();
            if (r < 0 && bc_decoder_has_partial(&f.d))
                abort();
            if (r < 0)
                f.doomed = false;
            break;
        }
    }
    return 0;
}
