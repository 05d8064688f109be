#!/usr/bin/env python3
"""Writes a centre's history as the CSV files bua-admin imports (national_report.sh): items,
borrowers (registered over both years, some with a birth year) and loans of 1 to 4 items over
2024 and 2025, every item lent only while free, every loan returned before the test's clock
(2025-12-01); a few returns land in the next year. Sizes differ per centre so that the ranking
has a known order.

usage: national_centre.py SEED LOANS FOLDER"""
import datetime
import random
import sys

seed, n_loans, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(seed)
start = datetime.datetime(2024, 1, 2, 9, 0)
end = datetime.datetime(2025, 11, 25, 9, 0)
span = (end - start).total_seconds()


def day(t):
    """t moved out of the night: no time that summer time skips or repeats"""
    t = t.replace(second=0, microsecond=0)
    return t.replace(hour=t.hour + 8) if t.hour in (1, 2, 3) else t


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M")


n_items = 20 + n_loans // 10
n_borrowers = 15 + n_loans // 6
with open(folder + "/items.csv", "w") as f:
    f.write("barcode,name,category\n")
    for i in range(n_items):
        cat = rnd.choice(["Ski", "Telt", "Sykkel", "Kano"])
        f.write("%s-%d,%s %d,%s\n" % (cat.upper(), i, cat, i, cat))
cards = []
with open(folder + "/borrowers.csv", "w") as f:
    f.write("card,name,birth_year,registered_at\n")
    for i in range(n_borrowers):
        card = "%d%04d" % (seed, i)
        reg = day(start + datetime.timedelta(seconds=rnd.uniform(-200 * 86400, span * 0.6)))
        by = rnd.choice(["", str(rnd.randint(1945, 2016))])
        f.write("%s,Person %d,%s,%s\n" % (card, i, by, iso(reg)))
        cards.append((card, reg))
items = [l.split(",")[0] for l in open(folder + "/items.csv").read().splitlines()[1:]]
free_at = {b: start for b in items}
times = sorted(start + datetime.timedelta(seconds=rnd.uniform(0, span)) for _ in range(n_loans))
with open(folder + "/loans.csv", "w") as f:
    f.write("loan_ref,card,barcode,checked_out_at,due_at,returned_at\n")
    for i, t in enumerate(times):
        t = day(t)
        free = [b for b in items if free_at[b] <= t]
        if not free:
            continue
        who = [c for c, reg in cards if reg <= t] or [cards[0][0]]
        card = rnd.choice(who)
        back = t + datetime.timedelta(minutes=rnd.randint(60, 20 * 1440))
        back = min(day(back), datetime.datetime(2025, 11, 30, 12, 0))
        for b in rnd.sample(free, min(len(free), rnd.randint(1, 4))):
            f.write("L%d,%s,%s,%s,%s,%s\n" % (i, card, b, iso(t),
                                              (t + datetime.timedelta(days=14)).strftime("%Y-%m-%d"),
                                              iso(back)))
            free_at[b] = back + datetime.timedelta(minutes=1)
