#!/usr/bin/env python3
# examples/demo/make-channels.py — regenerates channels.csv, the demo client's
# marketing by channel: each month of metrics.csv split over five channels, so
# the channels add up exactly to the month's spend, visits, leads, new customers
# and campaign revenue. Google Ads is the clearly inefficient channel.
import csv
import random

random.seed(20261130)
CHANNELS = ["instagram", "google-ads", "newsletter", "local-events", "marketplace"]
# share of each figure per channel (before a little monthly noise)
SHARES = {
    "spend":         [0.24, 0.42, 0.03, 0.15, 0.16],
    "visits":        [0.30, 0.38, 0.12, 0.00, 0.20],   # events track no website visits
    "leads":         [0.22, 0.14, 0.18, 0.26, 0.20],
    "new_customers": [0.25, 0.03, 0.16, 0.27, 0.29],
    "revenue":       [0.22, 0.08, 0.20, 0.20, 0.30],
}
SOURCE = {
    "spend": "marketing.marketing_spend", "visits": "marketing.website_visits",
    "leads": "marketing.leads", "new_customers": "marketing.new_customers",
    "revenue": "marketing.marketing_revenue",
}


def noisy(shares):
    w = [s * random.uniform(0.9, 1.1) for s in shares]
    t = sum(w)
    return [x / t for x in w]


def split_count(total, shares):
    """Whole numbers that add up to total (largest remainder)."""
    raw = [total * s for s in shares]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda k: raw[k] - out[k], reverse=True)
    for k in order[: total - sum(out)]:
        out[k] += 1
    return out


def split_money(total, shares):
    """Cents that add up to total; the last channel takes the rounding."""
    out = [round(total * s, 2) for s in shares[:-1]]
    out.append(round(total - sum(out), 2))
    return out


with open("metrics.csv") as f:
    months = list(csv.DictReader(f))

with open("channels.csv", "w") as f:
    f.write("period,channel,spend,visits,leads,new_customers,revenue\n")
    for m in months:
        cols = {}
        for what, shares in SHARES.items():
            total = float(m[SOURCE[what]])
            s = noisy(shares)
            if what in ("spend", "revenue"):
                cols[what] = split_money(total, s)
            else:
                cols[what] = split_count(int(round(total)), s)
        for k, ch in enumerate(CHANNELS):
            f.write("%s,%s,%.2f,%d,%d,%d,%.2f\n" % (
                m["period"], ch, cols["spend"][k], cols["visits"][k], cols["leads"][k],
                cols["new_customers"][k], cols["revenue"][k]))
