#!/usr/bin/env python3
"""Writes the emulated scanners (umockdev device descriptions, *.umockdev) and the report
sequences (*.reports) used by tests/replay. Run it again after changing a device; the outputs
are committed so the tests need no Python."""
import struct

def dev_desc(vid, pid, bcd_dev, cls=0, mps=64, nconf=1, strings=(1, 2, 3)):
    return struct.pack('<BBHBBBBHHHBBBB', 18, 1, 0x0200, cls, 0, 0, mps, vid, pid, bcd_dev,
                       strings[0], strings[1], strings[2], nconf)

def iface(num, nep, cls, sub, proto, alt=0, s=0):
    return struct.pack('<BBBBBBBBB', 9, 4, num, alt, nep, cls, sub, proto, s)

def ep(addr, attr, size, interval):
    return struct.pack('<BBBBHB', 7, 5, addr, attr, size, interval)

def hid(report_len):
    return struct.pack('<BBHBBBH', 9, 0x21, 0x0111, 0, 1, 0x22, report_len)

def config(body, power_ma=100, attrs=0xa0):
    total = 9 + len(body)
    return struct.pack('<BBHBBBBB', 9, 2, total, count_ifaces(body), 1, 0, attrs,
                       power_ma // 2) + body

def count_ifaces(body):
    n, i = 0, 0
    while i < len(body):
        if body[i + 1] == 4 and body[i + 3] == 0:
            n += 1
        i += body[i]
    return n

# HID boot keyboard report descriptor (the standard one a keyboard-mode scanner copies).
KBD_REPORT = bytes.fromhex(
    '05010906a101050719e029e71500250175019508810295017508810395057501050819012905910295017503'
    '9103950675081500256505071900296581' + '00c0')
# HID POS barcode scanner (usage page 0x8C), input report 2 of 63 bytes after the id, as
# Honeywell and Access-IS describe it: length, AIM id, data, flags.
POS_REPORT = bytes.fromhex(
    '068c000902a101'            # Usage Page (Bar Code Scanner), Usage (Bar Code Scanner), App
    '8502'                      # Report ID 2
    '0912a102'                  # Usage (Scanned Data Report), Collection (Logical)
    '150026ff007508'            # Logical 0..255, 8 bits
    '9501093b8102'              # 1 byte: Usage (0x3B) length
    '9503'                      # 3 bytes: symbology identifier 1..3
    '09fb09fc09fd8102'
    '953809fe8202'              # 56 bytes: Decoded Data (0xFE), buffered bytes
    '95020600ff0901 8102'.replace(' ', '') +  # 2 reserved vendor bytes
    '9501250175019508'          # flags byte
    '09ff8102'                  # Decode Data Continued (0xFF)
    'c0'
    '8504 0600ff 0901 9508 9140'.replace(' ', '') +  # output report 4: vendor commands
    'c0')

def umockdev(syspath, busnum, devnum, descriptors, driver='usb', product='', manufacturer='',
             extra_attrs=()):
    lines = [
        'P: ' + syspath,
        'N: bus/usb/%03d/%03d' % (busnum, devnum),
        'E: SUBSYSTEM=usb',
        'E: DEVTYPE=usb_device',
        'E: DRIVER=' + driver,
        'E: BUSNUM=%03d' % busnum,
        'E: DEVNUM=%03d' % devnum,
        'E: DEVNAME=/dev/bus/usb/%03d/%03d' % (busnum, devnum),
        'A: busnum=%d\\n' % busnum,
        'A: devnum=%d\\n' % devnum,
        'A: bConfigurationValue=1\\n',
        'A: speed=12\\n',
    ]
    if manufacturer:
        lines.append('A: manufacturer=%s\\n' % manufacturer)
    if product:
        lines.append('A: product=%s\\n' % product)
    lines += list(extra_attrs)
    lines.append('H: descriptors=' + descriptors.hex().upper())
    return '\n'.join(lines) + '\n'

def write(name, text):
    with open(name, 'w') as f:
        f.write(text)

root_hub = dev_desc(0x1d6b, 0x0002, 0x0601, cls=9, mps=64, strings=(3, 2, 1)) + config(
    iface(0, 1, 9, 0, 0) + ep(0x81, 3, 4, 12), power_ma=0, attrs=0xe0)
write('usb1-root-hub.umockdev', umockdev('/devices/pci0000:00/0000:00:14.0/usb1', 1, 1,
                                         root_hub, product='xHCI Host Controller'))

hub = dev_desc(0x05e3, 0x0610, 0x9337, cls=9, strings=(0, 1, 0)) + config(
    iface(0, 1, 9, 0, 1) + ep(0x81, 3, 1, 12), power_ma=100, attrs=0xe0)
write('hub-1-4.umockdev', umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-4', 1, 3, hub,
                                   driver='usb', product='USB2.0 Hub'))

# Honeywell Xenon 1900 in USB keyboard mode: one boot-keyboard interface.
kbd_scanner = dev_desc(0x0c2e, 0x0b61, 0x0100) + config(
    iface(0, 1, 3, 1, 1) + hid(len(KBD_REPORT)) + ep(0x81, 3, 8, 1), power_ma=500, attrs=0x80)
write('honeywell-kbd-1-2.umockdev',
      umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-2', 1, 2, kbd_scanner,
               manufacturer='Honeywell Imaging & Mobility', product='Honeywell Scanning and Mobility'))

# Second keyboard-mode scanner (Datalogic QuickScan, set to the Norwegian layout).
dl_scanner = dev_desc(0x05f9, 0x2214, 0x0100) + config(
    iface(0, 1, 3, 1, 1) + hid(len(KBD_REPORT)) + ep(0x81, 3, 8, 8), power_ma=450, attrs=0x80)
write('datalogic-kbd-1-3.umockdev',
      umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-3', 1, 4, dl_scanner,
               manufacturer='Datalogic ADC, Inc.', product='Handheld Barcode Scanner'))

# Honeywell in HID POS mode behind a hub: interface 0 HID POS (IN 0x83, OUT 0x04, 64 bytes).
pos_scanner = dev_desc(0x0c2e, 0x0b6a, 0x0100) + config(
    iface(0, 2, 3, 0, 0) + hid(len(POS_REPORT)) + ep(0x83, 3, 64, 1) + ep(0x04, 3, 64, 1),
    power_ma=500, attrs=0x80)
write('honeywell-pos-1-4.2.umockdev',
      umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4.2', 1, 5, pos_scanner,
               manufacturer='Honeywell Imaging & Mobility', product='Honeywell HID POS'))

# A HID POS scanner whose interrupt endpoint is only 32 bytes (full-speed devices may): each
# 64-byte report arrives in two packets, so a transfer must be a whole report long.
pos_small = dev_desc(0x0c2e, 0x0b6a, 0x0100) + config(
    iface(0, 2, 3, 0, 0) + hid(len(POS_REPORT)) + ep(0x83, 3, 32, 1) + ep(0x04, 3, 32, 1),
    power_ma=500, attrs=0x80)
write('honeywell-pos32-1-6.umockdev',
      umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-6', 1, 8, pos_small,
               manufacturer='Honeywell Imaging & Mobility', product='Honeywell HID POS'))

# Newland in USB CDC (virtual COM) mode: comm interface 0 + data interface 1.
cdc_func = bytes.fromhex('0524001001' '0524010001' '04240202' '0524060001')
cdc_scanner = dev_desc(0x1eab, 0x1d06, 0x0100, cls=2) + config(
    iface(0, 1, 2, 2, 1) + cdc_func + ep(0x82, 3, 8, 16) +
    iface(1, 2, 0x0a, 0, 0) + ep(0x81, 2, 64, 0) + ep(0x01, 2, 64, 0), power_ma=500, attrs=0x80)
write('newland-cdc-1-5.umockdev',
      umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-5', 1, 6, cdc_scanner,
               manufacturer='Newland', product='Newland Auto-ID NLS CDC'))

# The kiosk's real keyboard (Logitech K120): must never be opened.
real_kbd = dev_desc(0x046d, 0xc31c, 0x6400) + config(
    iface(0, 1, 3, 1, 1) + hid(len(KBD_REPORT)) + ep(0x81, 3, 8, 10) +
    iface(1, 1, 3, 0, 0) + hid(159) + ep(0x82, 3, 4, 255), power_ma=90, attrs=0xa0)
write('logitech-keyboard-1-1.umockdev',
      umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-1', 1, 7, real_kbd,
               manufacturer='Logitech', product='USB Keyboard'))

# A Honeywell with two scanner interfaces: 0 boot keyboard, 1 HID POS.
dual = dev_desc(0x0c2e, 0x0b87, 0x0100) + config(
    iface(0, 1, 3, 1, 1) + hid(len(KBD_REPORT)) + ep(0x81, 3, 8, 1) +
    iface(1, 1, 3, 0, 0) + hid(len(POS_REPORT)) + ep(0x83, 3, 64, 1), power_ma=500, attrs=0x80)
write('honeywell-dual-1-8.umockdev',
      umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-8', 1, 9, dual,
               manufacturer='Honeywell Imaging & Mobility', product='Honeywell Dual'))

# Forty devices that are no scanners (webcams behind a hub at 1-7): more than the pending queue
# holds, so hotplug's start-up enumeration must not queue them.
hub7 = dev_desc(0x05e3, 0x0610, 0x9337, cls=9, strings=(0, 1, 0)) + config(
    iface(0, 1, 9, 0, 1) + ep(0x81, 3, 1, 12), power_ma=100, attrs=0xe0)
webcam = dev_desc(0x046d, 0x0825, 0x0012, cls=0xef) + config(
    iface(0, 1, 0x0e, 1, 0) + ep(0x87, 3, 16, 8), power_ma=500, attrs=0x80)
write('bystanders-1-7.umockdev', '\n'.join(
    [umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-7', 1, 20, hub7, product='USB2.0 Hub')] +
    [umockdev('/devices/pci0000:00/0000:00:14.0/usb1/1-7/1-7.%d' % (i + 1), 1, 21 + i, webcam,
              manufacturer='Logitech', product='Webcam C270') for i in range(40)]))

write('report-descriptor-pos.hex', POS_REPORT.hex() + '\n')

# ---- report sequences ----------------------------------------------------------------------
US = {c: (0, 0x04 + i) for i, c in enumerate('abcdefghijklmnopqrstuvwxyz')}
US.update({c.upper(): (2, 0x04 + i) for i, c in enumerate('abcdefghijklmnopqrstuvwxyz')})
US.update({c: (0, 0x1e + i) for i, c in enumerate('123456789')})
US.update({'0': (0, 0x27), '-': (0, 0x2d), '/': (0, 0x38), ']': (0, 0x30), '.': (0, 0x37)})
NO = dict(US)
NO.update({'-': (0, 0x38), '/': (2, 0x24), '+': (0, 0x2d)})

def kbd_reports(text, layout, suffix=(0x28,)):
    out = []
    for c in text:
        mod, key = layout[c]
        out.append(bytes([mod, 0, key, 0, 0, 0, 0, 0]))
        out.append(bytes(8))
    for key in suffix:
        out.append(bytes([0, 0, key, 0, 0, 0, 0, 0]))
        out.append(bytes(8))
    return out

def pos_reports(aim, data):
    out = []
    chunks = [data[i:i + 56] for i in range(0, len(data), 56)] or [b'']
    for i, chunk in enumerate(chunks):
        r = bytearray(64)
        r[0] = 2
        r[1] = len(chunk)
        r[2:5] = aim.encode()
        r[5:5 + len(chunk)] = chunk
        r[63] = 1 if i + 1 < len(chunks) else 0
        out.append(bytes(r))
    return out

def write_reports(name, comment, reports):
    with open(name, 'w') as f:
        f.write('# ' + comment + '\n')
        for r in reports:
            if isinstance(r, tuple):  # ('overflow', report): the transfer fails with -EOVERFLOW
                f.write(r[0] + ' ' + r[1].hex(' ') + '\n')
            else:
                f.write(r.hex(' ') + '\n')

write_reports('kbd-ean13.reports', 'keyboard mode, US: EAN-13 7038010013966, then 4006381333931',
              kbd_reports('7038010013966', US) + kbd_reports('4006381333931', US))
write_reports('kbd-doubled.reports', 'keyboard mode, US: doubled digits and shifted letters',
              kbd_reports('1100', US) + kbd_reports('BUA-Ski', US, suffix=(0x2b,)))
write_reports('kbd-no-layout.reports', 'keyboard mode, Norwegian layout: AB-12/3',
              kbd_reports('AB-12/3', NO))
write_reports('kbd-partial.reports', 'keyboard mode: the first 6 characters of a code, no Enter',
              kbd_reports('703801', US, suffix=()))
write_reports('kbd-repeat.reports', 'keyboard mode: the same code twice in a row (dedupe)',
              kbd_reports('BUA-7', US) + kbd_reports('BUA-7', US))
write_reports('pos-single.reports', 'HID POS: EAN-13 in one report, then Code 128',
              pos_reports(']E0', b'7038010013966') + pos_reports(']C0', b'BUA-000123'))
long_qr = b'https://bua.no/utlan/' + bytes(ord('a') + i % 26 for i in range(100))
write_reports('pos-multi.reports', 'HID POS: a %d-byte QR code over 3 reports' % len(long_qr),
              pos_reports(']Q1', long_qr))
write_reports('pos-bad-check.reports', 'HID POS: EAN-13 with a wrong check digit, then a good one',
              pos_reports(']E0', b'7038010013967') + pos_reports(']E4', b'96385074'))
# Faults inside a code (issue 9 finding 8): the whole code is dropped, the next reads whole.
write_reports('kbd-fault-short.reports',
              'keyboard mode: G-0005 with a 3-byte report for the third 0, then G-0007',
              kbd_reports('G-00', US, suffix=()) + [bytes([0, 0, 0x27])] + [bytes(8)] +
              kbd_reports('05', US) + kbd_reports('G-0007', US))
write_reports('kbd-fault-overflow.reports',
              'keyboard mode: G-0006 whose third 0 press overflows (-EOVERFLOW), then G-0008',
              kbd_reports('G-0', US, suffix=()) + [('overflow', bytes([0, 0, 0x27, 0, 0, 0, 0, 0]))] +
              [bytes(8)] + kbd_reports('06', US) + kbd_reports('G-0008', US))
def random_reports(seed, n):
    import random
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        size = rnd.choice([1, 3, 7, 8, 8, 8, 9, 16])
        out.append(bytes(rnd.randrange(256) for _ in range(size)))
    return out
write_reports('kbd-random.reports', 'keyboard mode: 400 random reports of random lengths',
              random_reports(9, 400))

with open('serial.bytes', 'w') as f:
    f.write('# CDC-ACM chunks as bulk transfers deliver them: codes end in CR LF\n')
    for chunk in [b']E0703801', b'0013966\r\n]C0BUA-', b'42\r\n']:
        f.write(chunk.hex(' ') + '\n')
print('ok')
