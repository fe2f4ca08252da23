#!/usr/bin/env python3
# examples/demo/make-metrics.py — regenerates metrics.csv, the demo client's
# 24 months of monthly figures. The numbers are synthetic but shaped like a
# small bookshop-café's books: December peak, thin margins, cash that drains.
import math
import random

random.seed(20261129)
months = [(2024 + (9 + i) // 12, (9 + i) % 12 + 1) for i in range(24)]  # 2024-10 .. 2026-09
keys = [
    "finance.revenue", "finance.cogs", "finance.opex", "finance.payroll", "finance.rent",
    "finance.net_income", "finance.operating_cash_flow", "finance.cash", "finance.current_assets",
    "finance.current_liabilities", "finance.inventory_value", "finance.receivables", "finance.payables",
    "finance.debt", "finance.equity",
    "operations.employees", "operations.labour_cost", "operations.overtime_hours", "operations.paid_hours",
    "operations.orders", "operations.order_cycle_days", "operations.on_time_delivery_pct",
    "operations.return_rate_pct", "operations.defect_rate_pct",
    "marketing.marketing_spend", "marketing.website_visits", "marketing.leads", "marketing.new_customers",
    "marketing.marketing_revenue",
    "customer.active_customers", "customer.customers_lost", "customer.repeat_customers", "customer.nps",
    "customer.csat", "customer.first_response_hours", "customer.resolution_hours", "customer.complaints",
    "technology.software_cost", "technology.processes_total", "technology.processes_automated",
    "technology.rekeying_steps", "technology.cloud_apps", "technology.apps_total",
    "technology.kpis_reviewed_monthly", "technology.ai_use_cases",
]
cash, debt, equity = 48000.0, 35000.0, 52000.0
rows = []
for i, (y, m) in enumerate(months):
    season = 1.0 + 0.45 * (m == 12) + 0.15 * (m == 11) - 0.12 * (m in (1, 2)) + 0.05 * math.sin(i / 3)
    trend = 1.0 + 0.006 * i
    revenue = round(52000 * season * trend * random.uniform(0.97, 1.03), 2)
    cogs = round(revenue * random.uniform(0.545, 0.565), 2)
    payroll = round(15800 + 150 * i + (2400 if m == 12 else 0), 2)
    rent = 4200.0 if y == 2024 else 4450.0
    other = round(4300 * random.uniform(0.95, 1.08), 2)
    opex = round(payroll + rent + other, 2)
    net = round(revenue - cogs - opex - 180, 2)
    ocf = round(net + random.uniform(-900, 400), 2)
    cash = round(cash + ocf - 350, 2)
    debt = round(debt - 350, 2)
    equity = round(equity + net, 2)
    inventory = round(61000 + 900 * i * random.uniform(0.8, 1.2) + (9000 if m in (10, 11) else 0), 2)
    receivables = round(revenue * 0.06, 2)
    payables = round(cogs * random.uniform(0.55, 0.7), 2)
    cur_assets = round(cash + inventory + receivables, 2)
    cur_liab = round(payables + 14500 + 120 * i, 2)
    employees = 12 if i < 14 else 13
    paid_hours = round(employees * 160 * random.uniform(0.98, 1.04))
    overtime = round(paid_hours * (0.05 + 0.002 * i + (0.05 if m == 12 else 0)))
    orders = round(revenue / 23.5)
    row = [
        revenue, cogs, opex, payroll, rent, net, ocf, cash, cur_assets, cur_liab, inventory, receivables,
        payables, debt, equity,
        employees, round(payroll * 1.21, 2), overtime, paid_hours, orders,
        round(random.uniform(2.6, 3.6), 1), round(random.uniform(88, 94), 1), round(random.uniform(2.5, 3.8), 1),
        round(random.uniform(0.6, 1.4), 1),
        round(1450 + 40 * i), round(8200 * season * random.uniform(0.9, 1.1)), round(310 * season),
        round(118 * season * random.uniform(0.9, 1.1)), round(5800 * season * random.uniform(0.9, 1.1), 2),
        2350 + 12 * i, round(random.uniform(48, 75)), round(880 * season), round(random.uniform(24, 38)),
        round(random.uniform(74, 82), 1), round(random.uniform(14, 26), 1), round(random.uniform(36, 60), 1),
        round(random.uniform(6, 16)),
        round(640 + 15 * i, 2), 14, 3 if i < 12 else 4, 6 if i < 12 else 5, 4 if i < 12 else 5, 8, 3, 0 if i < 18 else 1,
    ]
    rows.append(["%04d-%02d" % (y, m)] + row)

with open("metrics.csv", "w") as f:
    f.write("period," + ",".join(keys) + "\n")
    for r in rows:
        f.write(",".join(str(v) for v in r) + "\n")
