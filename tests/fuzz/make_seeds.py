#!/usr/bin/env python3
"""Writes the fuzz seed corpora under corpus/<target>/ from the replay test data."""
import glob, os

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, '..', 'data', 'scanner')

def reports(name):
    out = []
    for line in open(os.path.join(data, name)):
        if line.strip() and not line.startswith('#'):
            out.append(bytes.fromhex(line.removeprefix('overflow ')))
    return out

def write(target, name, blob):
    d = os.path.join(here, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(blob)

for f in sorted(glob.glob(os.path.join(data, 'kbd-*.reports'))):
    name = os.path.basename(f)[:-8]
    write('bc_keyboard', name + '-us', b'\x00' + b''.join(reports(os.path.basename(f))))
    write('bc_keyboard', name + '-no', b'\x01' + b''.join(reports(os.path.basename(f))))
# Chords and dead keys inside codes: Alt+064, Ctrl+], Ctrl+M, LCtrl+RAlt (AltGr), dead ~ + Space.
def key(mod, k):
    return bytes([mod, 0, k, 0, 0, 0, 0, 0]) + bytes([mod, 0, 0, 0, 0, 0, 0, 0])
chords = (key(2, 0x04) + key(4, 0x62) + key(4, 0x5e) + key(4, 0x5c) + key(0, 0x1e) +
          key(1, 0x30) + key(0, 0x1f) + key(1, 0x10) + key(3, 0x1e) + bytes(8))
write('bc_keyboard', 'chords-us', b'\x00' + chords)
write('bc_keyboard', 'altgr-dead-no', b'\x01' + key(0x41, 0x1f) + key(0x40, 0x30) +
      key(0, 0x2c) + key(2, 0x30) + key(0, 0x04) + key(0, 0x28))
for f in sorted(glob.glob(os.path.join(data, 'pos-*.reports'))):
    write('bc_hidpos', os.path.basename(f)[:-8], b''.join(reports(os.path.basename(f))))
serial = b''.join(reports('serial.bytes'))
write('bc_serial', 'crlf-7', b'\x06' + serial)
write('bc_serial', 'crlf-whole', b'\x3f' + serial)
for i, s in enumerate([b']E07038010013966', b']E496385074', b']C1010703801001396610AB\x1dX',
                       b']Q1https://bua.no/x', b'BUA-000123', b'bl\xc3\xa5', b'1.5', b'800ms',
                       b'no', b']E001234565', b'AB\xc2\x85']):
    write('bc_code', 'seed-%d' % i, s)
write('bc_wedge', 'burst', b''.join(bytes([c, 5, 0]) for c in b'7038010013966\r'))
write('bc_wedge', 'typing', b''.join(bytes([c, 150, i % 2]) for i, c in enumerate(b'hei\r')))

# bc_faults: a mode byte, then records (op, [length], bytes); see fuzz_bc_faults.c.
def fault_kbd(keys):
    return b''.join(b'\x01' + bytes([mod, 0, k, 0, 0, 0, 0, 0]) + b'\x01' + bytes(8)
                    for mod, k in keys)
G00 = [(2, 0x0a), (0, 0x2d), (0, 0x27), (0, 0x27)]
G0007 = G00 + [(0, 0x27), (0, 0x24), (0, 0x28)]
write('bc_faults', 'kbd-short', b'\x00' + fault_kbd(G00) + bytes([0, 3, 0, 0, 0x27]) +
      fault_kbd([(0, 0x27), (0, 0x22), (0, 0x28)]) + fault_kbd(G0007))
write('bc_faults', 'kbd-lost', b'\x00' + fault_kbd(G00) + b'\x02' + bytes([3 | 40 << 2]) +
      fault_kbd(G0007))
def fault_pos(text, more):
    r = bytearray(64)
    r[0], r[1], r[2:5], r[63] = 2, len(text), b']C0', 1 if more else 0
    r[5:5 + len(text)] = text
    return b'\x01' + bytes(r)
write('bc_faults', 'pos-short', b'\x01' + fault_pos(b'G-00', True) + bytes([0, 20]) + bytes(20) +
      fault_pos(b'05', False) + fault_pos(b'05', False))
write('bc_faults', 'serial-lost', b'\x02' + bytes([0, 3]) + b'G-0' + b'\x02' + bytes([0, 12]) +
      b'06\r\nG-0007\r\n')
