-- operations.lua: smbopt's default operations playbook: productivity, labour,
-- delivery reliability, quality, and the seed's maturity questions (process
-- improvement, operations technology, supply chain, operational metrics).
-- Goalposts are rules of thumb unless a source says otherwise.

playbook "operations-default" {
  version = "1.0",
  description = "Productivity, labour cost, delivery, quality and operations maturity for small businesses",
}

local kit = require "smbkit"

---------------------------------------------------------------------------
-- Observed inputs (metrics CSV)
---------------------------------------------------------------------------
metric "operations.employees" { label = "Employees (headcount at period end)", unit = "people", better = "higher", rollup = "last",
  definition = "How many people work in the business at the period's end.",
  range = { min = 0 }
}
metric "operations.labour_cost" { label = "Labour cost incl. contractors", unit = "currency", better = "lower", rollup = "sum",
  definition = "What staff and contractors cost in the period.",
  range = { min = 0 }
}
metric "operations.overtime_hours" { label = "Overtime hours", unit = "hours", better = "lower", rollup = "sum",
  definition = "Hours worked beyond contracted hours in the period.",
  range = { min = 0 }
}
metric "operations.paid_hours" { label = "Paid hours incl. overtime", unit = "hours", better = "higher", rollup = "sum",
  definition = "All hours paid in the period, overtime included.",
  range = { min = 0 }
}
metric "operations.orders" { label = "Orders fulfilled", unit = "count", better = "higher", rollup = "sum",
  definition = "How many orders the business fulfilled in the period.",
  range = { min = 0 }
}

metric "operations.order_cycle_days" {
  definition = "How many days pass on average from an order to its delivery.",
  range = { min = 0 },
  label = "Order cycle time (order to delivery)", unit = "days", better = "lower", rollup = "mean",
  goalposts = { worst = 14, best = 2,
    source = "Rule of thumb of this playbook: two weeks from order to delivery loses customers used to "
          .. "next-day and two-day delivery from online retailers" },
  industry_goalposts = {
    ["e-commerce"] = { worst = 7, best = 1,
      source = "E-commerce rule of thumb: dispatch the day of the order or the next, delivery within 2-3 days" },
  },
}

metric "operations.on_time_delivery_pct" {
  definition = "The share of orders delivered when promised.",
  range = { 0, 100 },
  label = "On-time delivery", unit = "%", better = "higher", rollup = "mean",
  goalposts = { worst = 80, best = 98,
    source = "Supply-chain rule of thumb: on-time delivery of 95% or more; on-time is one element of the "
          .. "'perfect order fulfillment' metric of the ASCM SCOR model" },
  weight = 1.5,
}

metric "operations.return_rate_pct" {
  definition = "The share of sales customers sent back.",
  range = { 0, 100 },
  label = "Return rate (share of sales returned)", unit = "%", better = "lower", rollup = "mean",
  goalposts = { worst = 20, best = 2,
    source = "NRF & Appriss Retail, 'Consumer Returns in the Retail Industry 2023': 14.5% of US retail sales "
          .. "returned overall, about 10% in stores" },
  industry_goalposts = {
    ["e-commerce"] = { worst = 30, best = 8,
      source = "NRF & Appriss Retail, 'Consumer Returns in the Retail Industry 2023': 17.6% of online purchases returned" },
  },
}

metric "operations.defect_rate_pct" {
  definition = "The share of work or products that had to be redone or was faulty.",
  range = { 0, 100 },
  label = "Defect / rework rate", unit = "%", better = "lower", rollup = "mean",
  goalposts = { worst = 5, best = 0.5,
    source = "Rule of thumb of this playbook; the long-run ideal is Six Sigma's 3.4 defects per million "
          .. "opportunities (Motorola)" },
}

---------------------------------------------------------------------------
-- Productivity and labour
---------------------------------------------------------------------------
metric "operations.revenue_per_employee" {
  definition = "Revenue per employee over a year.",
  label = "Revenue per employee (annualised)", unit = "currency", better = "higher", rollup = "derived",
  inputs = { "finance.revenue", "operations.employees" },
  compute = function (m, p)
    local e = m["operations.employees"]
    if e <= 0 then return nil end
    return kit.per_year(m["finance.revenue"] / e, p)
  end,
  goalposts = { worst = 50000, best = 200000,
    source = "Rule of thumb of this playbook; compare turnover per person employed for the client's NACE sector "
          .. "in Eurostat Structural Business Statistics" },
  industry_goalposts = {
    restaurant = { worst = 30000, best = 90000,
      source = "Eurostat Structural Business Statistics: food and beverage service activities have among the lowest "
            .. "turnover per person employed of all sectors; goalposts rule of thumb of this playbook" },
    saas = { worst = 80000, best = 250000,
      source = "Rule of thumb for software companies; compare published SaaS surveys (e.g. KeyBanc Capital Markets SaaS Survey)" },
  },
  weight = 1.5,
}

metric "operations.labour_cost_pct" {
  definition = "Labour cost as a share of revenue.",
  label = "Labour cost % of revenue", unit = "%", better = "lower", rollup = "derived",
  inputs = { "finance.revenue", "operations.labour_cost" },
  compute = function (m) return kit.pct(m["operations.labour_cost"], m["finance.revenue"]) end,
  goalposts = { worst = 50, best = 20,
    source = "Rule of thumb of this playbook for trading businesses; people-based services run higher" },
  industry_goalposts = {
    restaurant = { worst = 40, best = 25,
      source = "Restaurant rule of thumb: labour 25-35% of sales, prime cost (food + labour) at most about 60-65%" },
    services = { worst = 70, best = 40,
      source = "Professional-services rule of thumb: staff cost 40-60% of fee income" },
  },
}

metric "operations.overtime_pct" {
  definition = "Overtime as a share of all paid hours.",
  label = "Overtime share of paid hours", unit = "%", better = "lower", rollup = "derived",
  inputs = { "operations.overtime_hours", "operations.paid_hours" },
  compute = function (m) return kit.pct(m["operations.overtime_hours"], m["operations.paid_hours"]) end,
  goalposts = { worst = 20, best = 2,
    source = "EU Working Time Directive 2003/88/EC caps the average week at 48 hours, 20% above a 40-hour week; "
          .. "rule of thumb: sustained overtime above 5-10% signals under-staffing" },
}

metric "operations.orders_per_employee" {
  definition = "Orders fulfilled per employee in an average month.",
  label = "Orders per employee per month", unit = "count", better = "higher", rollup = "derived",
  inputs = { "operations.orders", "operations.employees" },
  compute = function (m, p)
    local e = m["operations.employees"]
    if e <= 0 then return nil end
    return kit.per_month(m["operations.orders"] / e, p)
  end,
  -- not scored: an order means very different work in a restaurant and a wholesaler
}

metric "operations.avg_order_value" {
  definition = "Revenue per order fulfilled.",
  label = "Average order value", unit = "currency", better = "higher", rollup = "derived",
  inputs = { "finance.revenue", "operations.orders" },
  compute = function (m) return kit.div(m["finance.revenue"], m["operations.orders"]) end,
  -- not scored: context for marketing (CAC against order value)
}

---------------------------------------------------------------------------
-- Maturity questions (the seed's operations rows)
---------------------------------------------------------------------------
question "operations.q_process_improvement" {
  text = "How does the business improve the way work is done?",
  answers = { none = 0, informal = 25, ["lean-six-sigma"] = 70, ["re-engineering"] = 100 },
}

question "operations.q_ops_technology" {
  text = "Which tools run day-to-day operations such as scheduling, orders and stock?",
  answers = { paper = 0, ["basic-tools"] = 30, saas = 70, ["ai-driven"] = 100 },
}

question "operations.q_supply_chain" {
  text = "How are the supplies the business cannot do without secured?",
  answers = { ["single-supplier"] = 0, ["just-in-time"] = 50, resilient = 100 },
}

question "operations.q_metrics" {
  text = "Which operational measures are tracked and reviewed?",
  answers = { none = 0, ["efficiency-kpis"] = 60, ["resilience-sustainability"] = 100 },
}

---------------------------------------------------------------------------
-- Rules
---------------------------------------------------------------------------
rule "OPS-0010" {
  area = "operations", kind = "weakness", severity = "medium",
  metrics = { "operations.revenue_per_employee" },
  when = function (m) return m["operations.revenue_per_employee"] < 50000 end,
  title = "Low revenue per employee",
  detail = "Each employee brings in {operations.revenue_per_employee:%.0f} a year; below 50,000 the business "
        .. "struggles to pay competitive wages.",
  recommend = { "OPS-process-mapping", "OPS-scheduling-tool" },
}

rule "OPS-0020" {
  area = "operations", kind = "strength", severity = "medium",
  recommend = {},
  metrics = { "operations.revenue_per_employee" },
  when = function (m) return m["operations.revenue_per_employee"] >= 200000 end,
  title = "High productivity per head",
  detail = "Revenue per employee is {operations.revenue_per_employee:%.0f} a year.",
}

rule "OPS-0030" {
  area = "operations", kind = "weakness", severity = "high",
  metrics = { "operations.labour_cost_pct" },
  when = function (m) return m["operations.labour_cost_pct"] > 50 end,
  title = "Labour takes more than half of revenue",
  detail = "Labour cost is {operations.labour_cost_pct:%.1f}% of revenue.",
  recommend = { "OPS-scheduling-tool", "OPS-process-mapping", "OPS-cross-training" },
}

rule "OPS-0040" {
  area = "operations", kind = "weakness", severity = "high",
  industries = { "restaurant" },
  metrics = { "operations.labour_cost_pct" },
  when = function (m) return m["operations.labour_cost_pct"] > 35 end,
  title = "Restaurant labour cost above the usual range",
  detail = "Labour cost is {operations.labour_cost_pct:%.1f}% of sales; restaurants typically run 25-35%.",
  recommend = { "OPS-scheduling-tool", "OPS-cross-training" },
}

rule "OPS-0050" {
  area = "operations", kind = "weakness", severity = "medium",
  metrics = { "operations.overtime_pct" },
  when = function (m) return m["operations.overtime_pct"] > 10 end,
  title = "Overtime has become routine",
  detail = "Overtime is {operations.overtime_pct:%.1f}% of paid hours; sustained levels above 10% wear staff "
        .. "out and cost a premium.",
  recommend = { "OPS-scheduling-tool", "OPS-cross-training" },
}

rule "OPS-0060" {
  area = "operations", kind = "threat", severity = "high",
  metrics = { "operations.overtime_pct", "operations.on_time_delivery_pct" },
  when = function (m)
    return m["operations.overtime_pct"] > 8 and m["operations.on_time_delivery_pct"] < 92
  end,
  title = "Staff are stretched and deliveries are still late",
  detail = "Overtime is {operations.overtime_pct:%.1f}% of hours while only {operations.on_time_delivery_pct:%.1f}% "
        .. "of orders arrive on time: the bottleneck is the process, not effort.",
  recommend = { "OPS-process-mapping", "OPS-cross-training" },
}

rule "OPS-0070" {
  area = "operations", kind = "weakness", severity = "high",
  metrics = { "operations.on_time_delivery_pct" },
  when = function (m) return m["operations.on_time_delivery_pct"] < 90 end,
  title = "Too many late deliveries",
  detail = "{operations.on_time_delivery_pct:%.1f}% of orders are delivered on time; the common target is 95% or more.",
  recommend = { "OPS-delivery-promise", "OPS-dispatch-routine", "OPS-carrier-review", "OPS-3pl" },
}

rule "OPS-0080" {
  area = "operations", kind = "strength", severity = "medium",
  recommend = {},
  metrics = { "operations.on_time_delivery_pct" },
  when = function (m) return m["operations.on_time_delivery_pct"] >= 97 end,
  title = "Reliable delivery",
  detail = "{operations.on_time_delivery_pct:%.1f}% of orders are delivered on time.",
}

rule "OPS-0090" {
  needs = { "goods" },
  area = "operations", kind = "weakness", severity = "medium",
  metrics = { "operations.return_rate_pct" },
  when = function (m) return m["operations.return_rate_pct"] > 12 end,
  title = "High return rate",
  detail = "{operations.return_rate_pct:%.1f}% of sales come back; above 12% products or their descriptions disappoint.",
  recommend = { "OPS-quality-checklist", "OPS-product-information" },
}

rule "OPS-0100" {
  area = "operations", kind = "weakness", severity = "high",
  industries = { "e-commerce" },
  metrics = { "operations.return_rate_pct" },
  when = function (m) return m["operations.return_rate_pct"] > 25 end,
  title = "Returns eat the online margin",
  detail = "{operations.return_rate_pct:%.1f}% of online sales are returned, against an average of about 18% "
        .. "for online retail.",
  recommend = { "OPS-product-information" },
}

rule "OPS-0110" {
  area = "operations", kind = "weakness", severity = "high",
  metrics = { "operations.defect_rate_pct" },
  when = function (m) return m["operations.defect_rate_pct"] > 2 end,
  title = "Quality problems",
  detail = "{operations.defect_rate_pct:%.1f}% of output needs rework or is defective.",
  recommend = { "OPS-quality-checklist", "OPS-lean-training" },
}

rule "OPS-0120" {
  area = "operations", kind = "weakness", severity = "medium",
  metrics = { "operations.order_cycle_days" },
  when = function (m) return m["operations.order_cycle_days"] > 7 end,
  title = "Slow order cycle",
  detail = "An order takes {operations.order_cycle_days:%.1f} days from order to delivery.",
  recommend = { "OPS-dispatch-routine", "OPS-3pl", "OPS-process-mapping" },
}

rule "OPS-0130" {
  area = "operations", kind = "opportunity", severity = "medium",
  metrics = { "operations.q_process_improvement" },
  when = function (m) return m["operations.q_process_improvement"] < 25 end,
  title = "No method for improving processes",
  detail = "Process improvement scores {operations.q_process_improvement:%.0f}/100: improvements happen by "
        .. "chance rather than by method.",
  recommend = { "OPS-lean-training", "OPS-process-mapping" },
}

rule "OPS-0140" {
  area = "operations", kind = "threat", severity = "high",
  metrics = { "operations.q_supply_chain" },
  when = function (m) return m["operations.q_supply_chain"] < 25 end,
  title = "Dependent on a single supplier",
  detail = "Supply-chain resilience scores {operations.q_supply_chain:%.0f}/100: one supplier failing stops the business.",
  recommend = { "OPS-second-supplier", "OPS-safety-stock" },
}

rule "OPS-0150" {
  area = "operations", kind = "opportunity", severity = "medium",
  metrics = { "operations.q_metrics" },
  when = function (m) return m["operations.q_metrics"] < 25 end,
  title = "Operations are not measured",
  detail = "Operational measurement scores {operations.q_metrics:%.0f}/100; without a few KPIs problems show "
        .. "up only as complaints.",
  recommend = { "OPS-kpi-board" },
}

rule "OPS-0160" {
  area = "operations", kind = "opportunity", severity = "medium",
  metrics = { "operations.q_ops_technology" },
  when = function (m) return m["operations.q_ops_technology"] < 50 end,
  title = "Operations run on paper and spreadsheets",
  detail = "Operations technology scores {operations.q_ops_technology:%.0f}/100; SaaS tools for orders, "
        .. "stock and rotas are affordable at this size.",
  recommend = { "OPS-inventory-system", "OPS-scheduling-tool" },
}

rule "OPS-0170" {
  area = "operations", kind = "strength", severity = "low",
  recommend = {},
  metrics = { "operations.q_supply_chain", "operations.q_metrics" },
  when = function (m)
    return m["operations.q_supply_chain"] >= 100 and m["operations.q_metrics"] >= 100
  end,
  title = "Resilient, well-measured operations",
  detail = "Supply chain ({operations.q_supply_chain:%.0f}/100) and operational measurement "
        .. "({operations.q_metrics:%.0f}/100) are at the advanced level.",
}

---------------------------------------------------------------------------
-- Initiatives
---------------------------------------------------------------------------
initiative "OPS-process-mapping" {
  area = "operations", title = "Map the five core processes end to end; remove waiting, rework and double handling",
  cost = 3000, hours = 60, months = 2, confidence = 0.6,
  effect = { ["operations.order_cycle_days"] = -2, ["operations.revenue_per_employee"] = 5000,
             ["operations.q_process_improvement"] = 25 },
}

initiative "OPS-lean-training" {
  area = "operations", title = "Lean basics with an external coach: 5S, standard work, a daily 10-minute huddle",
  cost = 2500, hours = 80, months = 3, confidence = 0.6,
  effect = { ["operations.q_process_improvement"] = 45, ["operations.defect_rate_pct"] = -0.5 },
}

initiative "OPS-reengineering" {
  area = "operations", title = "Redesign the order-to-delivery process from scratch around the customer",
  cost = 8000, hours = 200, months = 6, confidence = 0.45,
  effect = { ["operations.q_process_improvement"] = 30, ["operations.order_cycle_days"] = -3,
             ["operations.revenue_per_employee"] = 10000 },
  requires = { "OPS-process-mapping" },
}

initiative "OPS-scheduling-tool" {
  needs = { "team" },
  area = "operations", title = "Staff scheduling software: rotas matched to forecast demand",
  cost = 1200, hours = 40, months = 2, confidence = 0.7,
  effect = { ["operations.overtime_pct"] = -4, ["operations.labour_cost_pct"] = -2, ["operations.q_ops_technology"] = 20 },
}

initiative "OPS-cross-training" {
  needs = { "team" },
  area = "operations", title = "Cross-train staff so every key task has a second person who can do it",
  cost = 2000, hours = 120, months = 4, confidence = 0.6,
  effect = { ["operations.overtime_pct"] = -3, ["operations.on_time_delivery_pct"] = 3 },
}

initiative "OPS-quality-checklist" {
  area = "operations", title = "Checklists and a final check before dispatch; log every defect with its cause",
  cost = 800, hours = 40, months = 1, confidence = 0.7,
  effect = { ["operations.defect_rate_pct"] = -1, ["operations.return_rate_pct"] = -2 },
}

initiative "OPS-product-information" {
  needs = { "goods" },
  area = "operations", title = "Better product information: measurements, size guides, real photos, reviews",
  cost = 2500, hours = 60, months = 2, confidence = 0.6,
  effect = { ["operations.return_rate_pct"] = -4 },
}

-- For every business: shipping advice needs the `ships` fact, but late
-- jobs and late orders over a counter are late too.
initiative "OPS-delivery-promise" {
  area = "operations", title = "Promise dates you can keep: a lead time per kind of job or order, each tracked against "
    .. "its promise, a call ahead before it slips",
  cost = 300, hours = 24, months = 2, confidence = 0.6,
  effect = { ["operations.on_time_delivery_pct"] = 5 },
}

initiative "OPS-dispatch-routine" {
  needs = { "ships" },
  area = "operations", title = "Daily dispatch cut-off and pick-pack routine; same-day shipping for stock items",
  cost = 1000, hours = 50, months = 2, confidence = 0.7,
  effect = { ["operations.order_cycle_days"] = -2, ["operations.on_time_delivery_pct"] = 5 },
  excludes = { "OPS-3pl" },
}

initiative "OPS-3pl" {
  needs = { "ships", "stock" },
  area = "operations", title = "Outsource storage and shipping to a fulfilment provider (3PL)",
  cost = 4000, hours = 60, months = 3, confidence = 0.6,
  effect = { ["operations.order_cycle_days"] = -3, ["operations.on_time_delivery_pct"] = 6 },
  excludes = { "OPS-dispatch-routine" },
}

initiative "OPS-carrier-review" {
  needs = { "ships" },
  area = "operations", title = "Review carriers: tracked service levels and a second carrier for peaks",
  cost = 500, hours = 30, months = 2, confidence = 0.6,
  effect = { ["operations.on_time_delivery_pct"] = 4 },
}

initiative "OPS-second-supplier" {
  area = "operations", title = "Qualify a second supplier for the ten most critical items",
  cost = 1500, hours = 60, months = 4, confidence = 0.6,
  effect = { ["operations.q_supply_chain"] = 50 },
}

initiative "OPS-safety-stock" {
  needs = { "stock" },
  area = "operations", title = "Safety stock and reorder points for critical items",
  cost = 2000, hours = 30, months = 2, confidence = 0.7,
  -- buys reliability with stock: days of inventory rise a little
  effect = { ["operations.on_time_delivery_pct"] = 3, ["operations.q_supply_chain"] = 25, ["finance.dio_days"] = 5 },
}

initiative "OPS-kpi-board" {
  area = "operations", title = "Weekly operations KPI board: on-time delivery, cycle time, defects, overtime",
  cost = 500, hours = 30, months = 1, confidence = 0.8,
  effect = { ["operations.q_metrics"] = 60 },
}

initiative "OPS-resilience-kpis" {
  area = "operations", title = "Add resilience and sustainability measures: supplier risk, energy and waste per order",
  cost = 1000, hours = 30, months = 2, confidence = 0.7,
  effect = { ["operations.q_metrics"] = 40 },
  requires = { "OPS-kpi-board" },
}

initiative "OPS-inventory-system" {
  needs = { "stock" },
  area = "operations", title = "Cloud order and inventory management connected to the shop or till",
  cost = 3000, hours = 80, months = 3, confidence = 0.65,
  effect = { ["operations.q_ops_technology"] = 40, ["operations.order_cycle_days"] = -1 },
}

initiative "OPS-demand-forecast" {
  area = "operations", title = "AI-assisted demand forecasting for purchasing and staffing",
  cost = 5000, hours = 80, months = 4, confidence = 0.5,
  effect = { ["operations.q_ops_technology"] = 30, ["operations.overtime_pct"] = -2 },
  requires = { "OPS-inventory-system" },
}

---------------------------------------------------------------------------
-- Tests: known answers computed by hand
---------------------------------------------------------------------------
local Q = { days = 92, months = 3 }
local YEAR = { days = 365, months = 12 }

function test_revenue_per_employee(t)
  t.near(t.compute("operations.revenue_per_employee", { ["finance.revenue"] = 300000, ["operations.employees"] = 5 }, Q),
    240000, 1e-6, "quarter: 300000 / 5 x 12 / 3 = 240000 a year")
  t.near(t.compute("operations.revenue_per_employee", { ["finance.revenue"] = 1000000, ["operations.employees"] = 10 }, YEAR),
    100000, 1e-6, "year: 1000000 / 10 = 100000")
  t.eq(t.compute("operations.revenue_per_employee", { ["finance.revenue"] = 1000, ["operations.employees"] = 0 }, Q), nil,
    "no employees: undefined")
  t.near(t.score("operations.revenue_per_employee", 125000), 50, 1e-9, "125000 halfway between 50000 and 200000")
  t.near(t.score("operations.revenue_per_employee", 60000, "restaurant"), 50, 1e-9, "restaurant: 60000 halfway 30000..90000")
end

function test_labour_cost_pct(t)
  t.near(t.compute("operations.labour_cost_pct", { ["finance.revenue"] = 300000, ["operations.labour_cost"] = 90000 }),
    30, 1e-9, "90000 / 300000 = 30%")
  t.eq(t.compute("operations.labour_cost_pct", { ["finance.revenue"] = 0, ["operations.labour_cost"] = 90000 }), nil,
    "no revenue: undefined")
  t.near(t.score("operations.labour_cost_pct", 35), 50, 1e-9, "35% halfway between 50 and 20")
  t.near(t.score("operations.labour_cost_pct", 30, "restaurant"), 66.666667, 1e-5, "restaurant: 30% on 40..25 scores 66.7")
end

function test_overtime_pct(t)
  t.near(t.compute("operations.overtime_pct", { ["operations.overtime_hours"] = 120, ["operations.paid_hours"] = 2400 }),
    5, 1e-9, "120 / 2400 = 5%")
  t.eq(t.compute("operations.overtime_pct", { ["operations.overtime_hours"] = 0, ["operations.paid_hours"] = 0 }), nil,
    "no paid hours: undefined")
  t.near(t.score("operations.overtime_pct", 11), 50, 1e-9, "11% halfway between 20 and 2")
end

function test_orders_per_employee(t)
  t.near(t.compute("operations.orders_per_employee", { ["operations.orders"] = 1500, ["operations.employees"] = 5 }, Q),
    100, 1e-9, "1500 orders / 5 people / 3 months = 100 a month")
  t.eq(t.compute("operations.orders_per_employee", { ["operations.orders"] = 1500, ["operations.employees"] = 0 }, Q), nil,
    "no employees: undefined")
end

function test_avg_order_value(t)
  t.near(t.compute("operations.avg_order_value", { ["finance.revenue"] = 300000, ["operations.orders"] = 1500 }), 200, 1e-9,
    "300000 / 1500 = 200")
  t.eq(t.compute("operations.avg_order_value", { ["finance.revenue"] = 300000, ["operations.orders"] = 0 }), nil,
    "no orders: undefined")
end

function test_observed_scores(t)
  t.near(t.score("operations.order_cycle_days", 8), 50, 1e-9, "8 days halfway between 14 and 2")
  t.near(t.score("operations.order_cycle_days", 4, "e-commerce"), 50, 1e-9, "e-commerce: 4 days halfway 7..1")
  t.near(t.score("operations.on_time_delivery_pct", 89), 50, 1e-9, "89% halfway between 80 and 98")
  t.near(t.score("operations.on_time_delivery_pct", 75), 0, 1e-9, "below 80% scores 0")
  t.near(t.score("operations.return_rate_pct", 11), 50, 1e-9, "11% halfway between 20 and 2")
  t.near(t.score("operations.return_rate_pct", 19, "e-commerce"), 50, 1e-9, "e-commerce: 19% halfway 30..8")
  t.near(t.score("operations.defect_rate_pct", 2.75), 50, 1e-9, "2.75% halfway between 5 and 0.5")
end

function test_rule_OPS_0010(t)
  t.eq(t.fires("OPS-0010", { ["operations.revenue_per_employee"] = 49999 }), true, "49999 fires")
  t.eq(t.fires("OPS-0010", { ["operations.revenue_per_employee"] = 50000 }), false, "50000 does not")
end

function test_rule_OPS_0020(t)
  t.eq(t.fires("OPS-0020", { ["operations.revenue_per_employee"] = 200000 }), true, "200000 fires")
  t.eq(t.fires("OPS-0020", { ["operations.revenue_per_employee"] = 199999 }), false, "199999 does not")
end

function test_rule_OPS_0030(t)
  t.eq(t.fires("OPS-0030", { ["operations.labour_cost_pct"] = 50.1 }), true, "50.1% fires")
  t.eq(t.fires("OPS-0030", { ["operations.labour_cost_pct"] = 50 }), false, "50% does not")
end

function test_rule_OPS_0040(t)
  t.eq(t.fires("OPS-0040", { ["operations.labour_cost_pct"] = 35.1 }), true, "35.1% fires")
  t.eq(t.fires("OPS-0040", { ["operations.labour_cost_pct"] = 35 }), false, "35% does not")
end

function test_rule_OPS_0050(t)
  t.eq(t.fires("OPS-0050", { ["operations.overtime_pct"] = 10.1 }), true, "10.1% fires")
  t.eq(t.fires("OPS-0050", { ["operations.overtime_pct"] = 10 }), false, "10% does not")
end

function test_rule_OPS_0060(t)
  t.eq(t.fires("OPS-0060", { ["operations.overtime_pct"] = 8.1, ["operations.on_time_delivery_pct"] = 91.9 }), true,
    "8.1% overtime and 91.9% on time fires")
  t.eq(t.fires("OPS-0060", { ["operations.overtime_pct"] = 8, ["operations.on_time_delivery_pct"] = 80 }), false,
    "8% overtime does not")
  t.eq(t.fires("OPS-0060", { ["operations.overtime_pct"] = 15, ["operations.on_time_delivery_pct"] = 92 }), false,
    "92% on time does not")
end

function test_rule_OPS_0070(t)
  t.eq(t.fires("OPS-0070", { ["operations.on_time_delivery_pct"] = 89.9 }), true, "89.9% fires")
  t.eq(t.fires("OPS-0070", { ["operations.on_time_delivery_pct"] = 90 }), false, "90% does not")
end

function test_rule_OPS_0080(t)
  t.eq(t.fires("OPS-0080", { ["operations.on_time_delivery_pct"] = 97 }), true, "97% fires")
  t.eq(t.fires("OPS-0080", { ["operations.on_time_delivery_pct"] = 96.9 }), false, "96.9% does not")
end

function test_rule_OPS_0090(t)
  t.eq(t.fires("OPS-0090", { ["operations.return_rate_pct"] = 12.1 }), true, "12.1% fires")
  t.eq(t.fires("OPS-0090", { ["operations.return_rate_pct"] = 12 }), false, "12% does not")
end

function test_rule_OPS_0100(t)
  t.eq(t.fires("OPS-0100", { ["operations.return_rate_pct"] = 25.1 }), true, "25.1% fires")
  t.eq(t.fires("OPS-0100", { ["operations.return_rate_pct"] = 25 }), false, "25% does not")
end

function test_rule_OPS_0110(t)
  t.eq(t.fires("OPS-0110", { ["operations.defect_rate_pct"] = 2.1 }), true, "2.1% fires")
  t.eq(t.fires("OPS-0110", { ["operations.defect_rate_pct"] = 2 }), false, "2% does not")
end

function test_rule_OPS_0120(t)
  t.eq(t.fires("OPS-0120", { ["operations.order_cycle_days"] = 7.1 }), true, "7.1 days fires")
  t.eq(t.fires("OPS-0120", { ["operations.order_cycle_days"] = 7 }), false, "7 days does not")
end

function test_rule_OPS_0130(t)
  t.eq(t.fires("OPS-0130", { ["operations.q_process_improvement"] = 24 }), true, "24 fires")
  t.eq(t.fires("OPS-0130", { ["operations.q_process_improvement"] = 25 }), false, "informal (25) does not")
end

function test_rule_OPS_0140(t)
  t.eq(t.fires("OPS-0140", { ["operations.q_supply_chain"] = 0 }), true, "single supplier (0) fires")
  t.eq(t.fires("OPS-0140", { ["operations.q_supply_chain"] = 25 }), false, "25 does not")
end

function test_rule_OPS_0150(t)
  t.eq(t.fires("OPS-0150", { ["operations.q_metrics"] = 24 }), true, "24 fires")
  t.eq(t.fires("OPS-0150", { ["operations.q_metrics"] = 25 }), false, "25 does not")
end

function test_rule_OPS_0160(t)
  t.eq(t.fires("OPS-0160", { ["operations.q_ops_technology"] = 49 }), true, "49 fires")
  t.eq(t.fires("OPS-0160", { ["operations.q_ops_technology"] = 50 }), false, "50 does not")
end

function test_rule_OPS_0170(t)
  t.eq(t.fires("OPS-0170", { ["operations.q_supply_chain"] = 100, ["operations.q_metrics"] = 100 }), true, "both 100 fire")
  t.eq(t.fires("OPS-0170", { ["operations.q_supply_chain"] = 99, ["operations.q_metrics"] = 100 }), false, "supply 99 does not")
  t.eq(t.fires("OPS-0170", { ["operations.q_supply_chain"] = 100, ["operations.q_metrics"] = 99 }), false, "metrics 99 does not")
end
