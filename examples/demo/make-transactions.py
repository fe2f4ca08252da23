#!/usr/bin/env python3
# examples/demo/make-transactions.py — regenerates transactions.csv, the demo
# client's loyalty-card purchases 2024-10..2026-09, drawn from the processes
# the customer plugin's models assume (BG/NBD purchases, Gamma-Gamma spend),
# plus split baskets and refunds, so that the fits have something real to find.
import datetime
import random

random.seed(20261201)
START = datetime.date(2024, 10, 1)
END = datetime.date(2026, 9, 30)
CUSTOMERS = 300
# BG/NBD: purchase rate per week ~ Gamma(r, alpha); dropout after each
# purchase ~ Beta(a, b). Gamma-Gamma: spend ~ Gamma(p, nu), nu ~ Gamma(q, gamma).
R, ALPHA, A, B = 1.5, 3.0, 1.0, 20.0   # about two visits a month, ~20 visits a lifetime
P, Q, GAMMA = 6.0, 4.0, 9.0          # mean spend p gamma / (q - 1) = 18 EUR
CHANNELS = ["walk-in", "instagram", "google-ads", "newsletter", "local-events", "marketplace"]
WEIGHTS = [0.40, 0.14, 0.02, 0.11, 0.16, 0.17]


def first_day():
    # a third signed up when the card was launched, the rest over time
    if random.random() < 0.33:
        return START + datetime.timedelta(days=random.randrange(31))
    return START + datetime.timedelta(days=random.randrange((END - START).days - 10))


lines = []   # (date, customer, amount, channel, order)
order = 0
for c in range(1, CUSTOMERS + 1):
    cid = "HB%04d" % c
    channel = random.choices(CHANNELS, WEIGHTS)[0]
    lam = random.gammavariate(R, 1 / ALPHA)
    p = random.betavariate(A, B)
    nu = random.gammavariate(Q, 1 / GAMMA)
    day = first_day()
    while day <= END:
        spend = random.gammavariate(P, 1 / nu)
        order += 1
        oid = "HB-%06d" % order
        # a basket rung up as one or two lines (a book, a coffee)
        parts = random.choice([1, 1, 1, 2])
        cuts = sorted(random.random() for _ in range(parts - 1))
        bounds = [0.0] + cuts + [1.0]
        amounts = [round(spend * (bounds[k + 1] - bounds[k]), 2) for k in range(parts)]
        for a in amounts:
            lines.append((day, cid, max(a, 0.01), channel, oid))
        u = random.random()
        if u < 0.01:
            # an item taken back at the till: a same-day refund line
            lines.append((day, cid, -round(amounts[-1] * 0.5, 2), channel, oid))
        elif u < 0.04:
            # a book returned within a fortnight, on its own day
            back = day + datetime.timedelta(days=random.randint(1, 14))
            if back <= END:
                lines.append((back, cid, -amounts[0], channel, oid))
        if random.random() < p or lam <= 0:
            break
        gap_weeks = random.expovariate(lam)
        day = day + datetime.timedelta(days=max(1, round(gap_weeks * 7)))

lines.sort(key=lambda l: (l[0], l[1], l[4], -l[2]))
with open("transactions.csv", "w") as f:
    f.write("customer_id,date,amount,channel,order_id\n")
    for d, cid, a, ch, oid in lines:
        f.write("%s,%s,%.2f,%s,%s\n" % (cid, d.isoformat(), a, ch, oid))
