#!/usr/bin/env python3
# examples/demo/make-inventory.py — regenerates inventory.csv, the demo
# client's monthly stock per SKU (2024-10 .. 2026-09). Synthetic, shaped like a
# bookshop-café: a December peak, coffee beans that turn fast, a tail of dead
# books and last year's diaries, and a few best sellers running low at the end.
import math
import random

random.seed(20261130)
months = [(2024 + (9 + i) // 12, (9 + i) % 12 + 1) for i in range(24)]  # 2024-10 .. 2026-09

# Demand profiles: the share of a normal month sold in each calendar month.
FLAT = {m: 1.0 for m in range(1, 13)}
BOOKS = {1: 0.75, 2: 0.8, 3: 0.95, 4: 0.95, 5: 0.95, 6: 1.0, 7: 1.05, 8: 1.05, 9: 0.95, 10: 1.0, 11: 1.3, 12: 1.9}
GIFTS = {1: 0.6, 2: 0.7, 3: 0.8, 4: 0.9, 5: 1.0, 6: 0.9, 7: 1.0, 8: 1.0, 9: 0.9, 10: 1.0, 11: 1.5, 12: 2.6}
COFFEE = {1: 1.05, 2: 1.0, 3: 1.0, 4: 0.95, 5: 0.9, 6: 0.85, 7: 0.85, 8: 0.85, 9: 0.95, 10: 1.05, 11: 1.15, 12: 1.4}
DIARY = {9: 0.6, 10: 1.0, 11: 1.2, 12: 1.6, 1: 0.8, 2: 0.1}   # sells only around the turn of the year

# sku, units sold in a normal month, unit cost, unit price, lead time (days or None),
# profile, cover (months of demand ordered up to), first and last month index,
# stop (month index from which it no longer sells) and the units then left over,
# end_on_hand (stock forced at 2026-09: a late delivery)
SKUS = [
    # coffee beans, retail bags: fast, short lead time
    ("COF-HOUSE-250", 320, 5.00, 9.50, 7, COFFEE, 1.6, 0, 23, None, None, 95),
    ("COF-ESPRESSO-250", 190, 5.50, 10.50, 7, COFFEE, 1.7, 0, 23, None, None, None),
    ("COF-ETHIOPIA-250", 110, 7.20, 13.00, 10, COFFEE, 1.8, 0, 23, None, None, None),
    ("COF-DECAF-250", 50, 5.60, 10.50, 10, COFFEE, 2.0, 0, 23, None, None, None),
    ("COF-HOUSE-1KG", 40, 16.50, 29.00, 7, COFFEE, 1.8, 0, 23, None, None, None),
    # books: best sellers and backlist, distributor lead time
    ("BK-FIC-BESTSELLER-HB", 140, 13.20, 22.00, 10, BOOKS, 2.5, 0, 23, None, None, 55),
    ("BK-FIC-PAPERBACK-TOP20", 390, 6.50, 10.99, 10, BOOKS, 3.8, 0, 23, None, None, None),
    ("BK-CRIME-PAPERBACK", 190, 6.50, 10.99, 10, BOOKS, 4.2, 0, 23, None, None, None),
    ("BK-CHILDREN-PICTURE", 160, 5.90, 9.99, 14, BOOKS, 4.6, 0, 23, None, None, None),
    ("BK-YA-PAPERBACK", 110, 6.40, 10.99, 14, BOOKS, 4.6, 0, 23, None, None, None),
    ("BK-NONFIC-POPULAR-HB", 80, 12.60, 21.00, 14, BOOKS, 4.8, 0, 23, None, None, None),
    ("BK-COOKERY-HB", 45, 14.50, 25.00, 14, BOOKS, 5.5, 0, 23, None, None, None),
    ("BK-LOCAL-HISTORY", 34, 9.90, 16.99, 21, BOOKS, 6.0, 0, 23, None, None, None),
    ("BK-POETRY", 14, 7.00, 11.99, 21, BOOKS, 7.0, 0, 23, None, None, None),
    ("BK-CLASSICS-PENGUIN", 70, 5.20, 8.99, 14, BOOKS, 5.5, 0, 23, None, None, None),
    ("BK-TRAVEL-GUIDES", 30, 11.80, 19.99, 21, BOOKS, 6.0, 0, 23, None, None, None),
    ("BK-SCIFI-PAPERBACK", 52, 6.90, 11.99, 14, BOOKS, 5.0, 0, 23, None, None, None),
    ("BK-BIOGRAPHY-HB", 26, 12.90, 22.00, 14, BOOKS, 6.0, 0, 23, None, None, None),
    ("BK-NEW-RELEASE-SPRING26", 105, 12.60, 21.00, 10, BOOKS, 2.5, 17, 23, None, None, 30),
    ("BK-GRAPHIC-NOVELS", 40, 10.60, 17.99, 14, BOOKS, 5.5, 0, 23, None, None, None),
    # books that stopped selling: dead stock (units left on the shelf when sales stopped)
    ("BK-ART-COFFEE-TABLE", 10, 28.50, 49.99, 30, BOOKS, 6.0, 0, 23, 9, 85, None),
    ("BK-TRAVEL-OLD-EDITIONS", 20, 10.80, 19.99, 21, BOOKS, 6.0, 0, 23, 7, 170, None),
    ("BK-CELEB-MEMOIR-2024", 45, 12.20, 22.00, 14, BOOKS, 4.0, 0, 23, 11, 230, None),
    ("BK-SELF-HELP-HB", 15, 11.60, 19.99, 14, BOOKS, 7.0, 0, 23, 13, 160, None),
    ("BK-LANGUAGE-COURSES", 6, 16.40, 29.99, 30, BOOKS, 9.0, 0, 23, 12, 95, None),
    # stationery: lead time not recorded (the default applies)
    ("ST-NOTEBOOK-A5", 120, 3.10, 7.50, None, FLAT, 3.5, 0, 23, None, None, None),
    ("ST-PEN-FOUNTAIN", 22, 9.50, 19.99, None, GIFTS, 5.0, 0, 23, None, None, None),
    ("ST-GREETING-CARDS", 280, 1.30, 2.95, None, GIFTS, 3.5, 0, 23, None, None, None),
    ("ST-WRAPPING-PAPER", 70, 1.20, 3.50, None, GIFTS, 4.0, 0, 23, None, None, None),
    ("ST-DIARY-2025", 90, 5.80, 14.99, None, DIARY, 1.5, 0, 23, 5, 190, None),
    ("ST-CALENDAR-2025", 70, 4.60, 12.99, None, DIARY, 1.5, 0, 23, 5, 150, None),
    ("ST-DIARY-2026", 95, 5.90, 14.99, None, DIARY, 1.5, 11, 23, 17, 105, None),
    # gifts: long lead times from importers
    ("GF-MUG-HARBOUR", 52, 5.80, 12.00, 30, GIFTS, 5.0, 0, 23, None, None, None),
    ("GF-TOTE-BAG", 64, 5.00, 12.00, 30, GIFTS, 4.5, 0, 23, None, None, 25),
    ("GF-PUZZLE-1000", 30, 10.20, 19.99, 30, GIFTS, 5.0, 0, 23, None, None, None),
    ("GF-CANDLE-BOOKISH", 34, 7.90, 16.00, 30, GIFTS, 5.0, 0, 23, None, None, None),
    ("GF-BOOKMARK-LEATHER", 56, 1.60, 4.99, 30, GIFTS, 6.0, 0, 23, None, None, None),
    ("GF-READING-LIGHT", 19, 8.20, 18.99, 30, GIFTS, 6.0, 0, 23, None, None, None),
    ("GF-SNOW-GLOBE-2024", 22, 7.50, 17.99, 30, GIFTS, 1.5, 0, 23, 4, 120, None),
    ("GF-ADVENT-CALENDAR-BOOK", 30, 14.00, 29.99, 30, DIARY, 1.5, 0, 15, 4, 40, None),
]


def demand(base, profile, month, i):
    mean = base * profile.get(month, 0.0) * (1 + 0.004 * i)
    if mean <= 0:
        return 0
    return max(0, round(random.gauss(mean, 0.18 * mean + 0.5)))


rows = []
for sku, base, cost, price, lead, profile, cover, first, last, stop, leftover, end_stock in SKUS:
    on_hand = round(base * cover * 1.2) if profile is not DIARY else round(base * 3)
    for i, (y, m) in enumerate(months):
        if i < first or i > last:
            continue
        selling = stop is None or i < stop
        if i == stop and leftover is not None:
            on_hand = leftover
        want = demand(base, profile, m, i) if selling else 0
        # what arrives this month: a top-up to `cover` months of a normal month's
        # demand, placed while the line is still selling
        if selling and i > first:
            target = round(base * max(profile.get(m, 0.0), profile.get(m % 12 + 1, 0.0)) * cover)
            if on_hand < target:
                on_hand = target
        sold = min(want, on_hand)
        on_hand -= sold
        if i == 23 and end_stock is not None:
            on_hand = end_stock   # a delivery is late: the shelf runs low at the end of September
        c = round(cost * (1 + 0.02 * (y - 2024)), 2)
        p = round(price * (1 + 0.03 * (y - 2024)), 2)
        rows.append(("%04d-%02d" % (y, m), sku, sold, on_hand, c, p, "" if lead is None else lead))

with open("inventory.csv", "w") as f:
    f.write("period,sku,units_sold,on_hand,unit_cost,unit_price,lead_time_days\n")
    for r in sorted(rows, key=lambda r: (r[0], r[1])):
        f.write(",".join(str(v) for v in r) + "\n")
