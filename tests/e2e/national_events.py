#!/usr/bin/env python3
"""Writes a generated event log as SQL for the national tests (national_state.sh): CENTRES
centres, three devices each, two years around a New Year (local time decides the year), with
the changes the server must keep its summaries exact under: returns, lost lines, deleted lines
and loans, loans re-pointed to another borrower (the privacy sweep), the same card registered on
two devices (one bk), a new card (another bk), erasure, anonymous keys, registration times
moved. The events are printed in a shuffled order (not each device's seq order), so the live
tables are built in another order than bua.rebuild() replays them.

usage: national_events.py SEED CENTRES"""
import json
import random
import sys

seed, n_centres = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(seed)
T0 = 1733000000  # 2024-11-30: the loans span 2024 and 2025
DAY = 86400
events = []
seqs = {}


def emit(centre, device, at, tbl, op, gid, row, bk=None, sealed=False):
    seqs[(centre, device)] = seqs.get((centre, device), 0) + 1
    events.append((centre, device, seqs[(centre, device)], at, tbl, op, gid, row, bk, sealed))


centres = ["c%02d" % i for i in range(n_centres)]
for ci, centre in enumerate(centres):
    devices = ["a", "b", "c"]
    borrowers = []  # [gid, row, bk]
    erased = set()
    loans = []
    lines = []
    n_b = 30 + 10 * ci
    for i in range(n_b):
        d = rnd.choice(devices)
        at = T0 + rnd.randint(-40 * DAY, 70 * DAY)
        gid = "%s:%d" % (d, i + 1)
        bk = "%032x" % rnd.randint(0, n_b * 2 // 3)  # some cards on two devices: one person
        row = {"registered_at": at, "birth_year": rnd.randint(1940, 2018),
               "municipality": rnd.choice(["Hamar", "Stange", ""]), "key_only": 0,
               "erased_at": None, "responsible_id": None}
        emit(centre, d, at, "borrower", "put", gid, row, bk, True)
        borrowers.append([gid, row, bk])
    for i in range(80 + 40 * ci):
        d = rnd.choice(devices)
        at = T0 + rnd.randint(0, 60 * DAY)
        gid = "%s:%d" % (d, 1000 + i)
        b = rnd.choice(borrowers)[0]
        emit(centre, d, at, "loan", "put", gid,
             {"borrower_id": b, "staff_id": None, "checked_out_at": at, "ref": None})
        loans.append((gid, at))
        for s in range(1, rnd.randint(2, 5)):
            row = {"loan_id": gid, "seq": s, "item_id": "%s:%d" % (d, rnd.randint(1, 50)),
                   "due_at": at + 14 * DAY, "returned_at": None, "lost_at": None, "renewals": 0}
            emit(centre, d, at, "loan_line", "put", "%s/%d" % (gid, s), row)
            lines.append((gid, s, at, row))
    for i in range(20):
        d = rnd.choice(devices)
        emit(centre, d, T0, "item", "put", "%s:%d" % (d, i + 1),
             {"barcode": "X-%d" % i, "name": "Ting", "category_id": d + ":1", "status": 0})
    for k in range(200 + 20 * ci):
        d = rnd.choice(devices)
        r = rnd.random()
        when = T0 + rnd.randint(0, 100 * DAY)
        if r < 0.35:  # a return (on any device), now and then written off as lost
            gid, s, at, row = rnd.choice(lines)
            row = dict(row)
            row["returned_at"] = at + rnd.randint(3600, 30 * DAY)
            if rnd.random() < 0.1:
                row["lost_at"] = row["returned_at"]
            emit(centre, d, row["returned_at"], "loan_line", "put", "%s/%d" % (gid, s), row)
        elif r < 0.42:  # a line deleted
            gid, s, at, row = rnd.choice(lines)
            emit(centre, d, when, "loan_line", "del", "%s/%d" % (gid, s), {})
        elif r < 0.55:  # a loan re-pointed to another borrower, or its checkout moved
            gid, at = rnd.choice(loans)
            nat = at if rnd.random() < 0.7 else at + rnd.randint(-45 * DAY, 45 * DAY)
            emit(centre, d, when, "loan", "put", gid,
                 {"borrower_id": rnd.choice(borrowers)[0], "staff_id": None,
                  "checked_out_at": nat, "ref": None})
        elif r < 0.58:  # a loan deleted
            gid, at = rnd.choice(loans)
            emit(centre, d, when, "loan", "del", gid, {})
        elif r < 0.8:  # a borrower changed
            entry = rnd.choice(borrowers)
            gid, row, bk = entry
            if gid in erased:
                continue
            row = dict(row)
            x = rnd.random()
            if x < 0.25:  # erased (the person's last image): the card and personal columns go
                when = T0 + 110 * DAY + k
                row["erased_at"] = when
                row["birth_year"] = None
                row["municipality"] = ""
                bk = "%032x" % rnd.getrandbits(120)
                erased.add(gid)
            elif x < 0.5:  # a new card, perhaps someone else's key
                bk = "%032x" % rnd.randint(0, n_b)
            elif x < 0.8:  # registration time corrected
                row["registered_at"] += rnd.randint(-40 * DAY, 40 * DAY)
            else:  # an anonymous key of the privacy sweep
                row["key_only"] = 1
                bk = None
            entry[1], entry[2] = row, bk
            emit(centre, d, when, "borrower", "put", gid, row, bk, True)
        elif r < 0.82:  # a borrower deleted
            entry = rnd.choice(borrowers)
            if entry[0] in erased:
                continue
            emit(centre, d, T0 + 110 * DAY + k, "borrower", "del", entry[0], {})
            erased.add(entry[0])  # no more puts of it
        else:  # a category, staff: no figure reads them
            emit(centre, d, when, "category", "put", d + ":1", {"name": "Telt"})

rnd.shuffle(events)


def q(x):
    return "NULL" if x is None else "'" + str(x).replace("'", "''") + "'"


print("BEGIN;")
print("INSERT INTO bua.centre(code, name) VALUES " +
      ", ".join("(%s, %s)" % (q(c), q("BUA " + c.upper())) for c in centres) + ";")
print("INSERT INTO bua.device(centre, device, role, seq) VALUES " +
      ", ".join("(%s, %s, %s, %d)" % (q(c), q(d), q("r_%s_%s" % (c, d)), seqs.get((c, d), 0))
                for c in centres for d in "abc") + ";")
for c, d, s, at, tbl, op, gid, row, bk, sealed in events:
    print("INSERT INTO bua.event(centre, device, seq, at, tbl, op, gid, row, bk, sealed) VALUES "
          "(%s, %s, %d, %d, %s, %s, %s, %s, %s, %s);"
          % (q(c), q(d), s, at, q(tbl), q(op), q(gid), q(json.dumps(row)), q(bk),
             "'\\x0102'" if sealed else "NULL"))
print("COMMIT;")
