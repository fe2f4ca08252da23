-- finance.lua: smbopt's default finance playbook: liquidity, working capital,
-- profitability, leverage, cash runway and growth, with the rules and
-- initiatives a consultant would discuss with the owner.
-- Goalposts are rules of thumb unless a source says otherwise; every one names
-- where it comes from so the client can check it.

playbook "finance-default" {
  version = "1.0",
  description = "Liquidity, working capital, margins, leverage, cash runway and growth for small businesses",
}

local kit = require "smbkit"

---------------------------------------------------------------------------
-- Observed inputs (metrics CSV). Flows are summed over the period, stocks
-- are the value on the last day of the period.
---------------------------------------------------------------------------
metric "finance.revenue" { label = "Revenue", unit = "currency", better = "higher", rollup = "sum",
  definition = "Sales of the period, excluding sales taxes.",
  range = { min = 0 }
}
metric "finance.cogs" { label = "Cost of goods sold", unit = "currency", better = "lower", rollup = "sum",
  definition = "What the goods or services sold cost to buy or make.",
  range = { min = 0 }
}
metric "finance.opex" { label = "Operating expenses (excl. cost of goods sold)", unit = "currency", better = "lower", rollup = "sum",
  definition = "Running costs other than the cost of goods sold: staff, rent, marketing, software and the rest.",
  range = { min = 0 }
}
metric "finance.net_income" { label = "Net income", unit = "currency", better = "higher", rollup = "sum",
  definition = "Profit after all costs, interest and tax (negative for a loss)."
}
metric "finance.operating_cash_flow" { label = "Operating cash flow", unit = "currency", better = "higher", rollup = "sum",
  definition = "Cash the day-to-day business brought in (negative when it used cash)."
}
metric "finance.payroll" { label = "Payroll", unit = "currency", better = "lower", rollup = "sum",
  definition = "Wages, salaries and employer costs of the period.",
  range = { min = 0 }
}
metric "finance.rent" { label = "Rent and occupancy", unit = "currency", better = "lower", rollup = "sum",
  definition = "Rent, service charges and other occupancy costs of the period.",
  range = { min = 0 }
}
metric "finance.cash" { label = "Cash and bank balances", unit = "currency", better = "higher", rollup = "last",
  definition = "Money in the till and the bank at the end of the period."
}
metric "finance.current_assets" { label = "Current assets", unit = "currency", better = "higher", rollup = "last",
  definition = "Cash, receivables, stock and other assets that turn into cash within a year, at the period's end.",
  range = { min = 0 }
}
metric "finance.current_liabilities" { label = "Current liabilities", unit = "currency", better = "lower", rollup = "last",
  definition = "Debts due within a year, at the period's end.",
  range = { min = 0 }
}
metric "finance.inventory_value" { label = "Inventory at cost", unit = "currency", better = "lower", rollup = "last",
  definition = "The stock on the balance sheet, at cost, at the period's end.",
  range = { min = 0 }
}
metric "finance.receivables" { label = "Trade receivables", unit = "currency", better = "lower", rollup = "last",
  definition = "What customers owe the business at the period's end.",
  range = { min = 0 }
}
metric "finance.payables" { label = "Trade payables", unit = "currency", better = "lower", rollup = "last",
  definition = "What the business owes its suppliers at the period's end.",
  range = { min = 0 }
}
metric "finance.debt" { label = "Financial debt", unit = "currency", better = "lower", rollup = "last",
  definition = "Loans and other financial debt at the period's end.",
  range = { min = 0 }
}

metric "finance.equity" {
  definition = "What the business is worth to its owners on the balance sheet at the period's end.",
  label = "Equity", unit = "currency", better = "higher", rollup = "last",
  -- scored only through debt-to-equity; negative equity is a rule (FIN-0130)
}

---------------------------------------------------------------------------
-- Profitability
---------------------------------------------------------------------------
metric "finance.gross_margin_pct" {
  definition = "The share of revenue left after the cost of the goods or services sold.",
  label = "Gross margin", unit = "%", better = "higher", rollup = "derived",
  inputs = { "finance.revenue", "finance.cogs" },
  compute = function (m)
    return kit.pct(m["finance.revenue"] - m["finance.cogs"], m["finance.revenue"])
  end,
  goalposts = { worst = 10, best = 50,
    source = "Rule of thumb of this playbook for a mixed SMB portfolio; compare the client's sector in "
          .. "NYU Stern (Damodaran) 'Margins by Sector', updated each January" },
  industry_goalposts = {
    restaurant = { worst = 55, best = 72,
      source = "Restaurant rule of thumb: food and beverage cost 28-35% of sales, i.e. gross margin about 65-72%" },
    saas = { worst = 50, best = 80,
      source = "SaaS investor rule of thumb: gross margin of 70-80% or more (see the annual KeyBanc Capital Markets SaaS Survey)" },
  },
  weight = 1.5,
}

metric "finance.net_margin_pct" {
  definition = "The share of revenue left as profit after all costs.",
  label = "Net profit margin", unit = "%", better = "higher", rollup = "derived",
  inputs = { "finance.revenue", "finance.net_income" },
  compute = function (m)
    return kit.pct(m["finance.net_income"], m["finance.revenue"])
  end,
  goalposts = { worst = -5, best = 20, bands = { -5, 0, 5, 10, 20 },
    source = "Rule of thumb (Corporate Finance Institute, 'Net profit margin'): 5% low, 10% average, 20% high; "
          .. "below 0 the business loses money" },
  industry_goalposts = {
    restaurant = { worst = -5, best = 10,
      source = "Restaurant-industry rule of thumb: net margins in the low single digits (3-6%) are typical, 10% is excellent" },
  },
  weight = 2,
}

metric "finance.opex_pct" {
  definition = "Running costs as a share of revenue.",
  label = "Operating expenses % of revenue", unit = "%", better = "lower", rollup = "derived",
  inputs = { "finance.revenue", "finance.opex" },
  compute = function (m) return kit.pct(m["finance.opex"], m["finance.revenue"]) end,
  -- not scored: what is normal depends on the gross margin; FIN-0160 compares the two
}

metric "finance.payroll_pct" {
  definition = "Payroll as a share of revenue.",
  label = "Payroll % of revenue", unit = "%", better = "lower", rollup = "derived",
  inputs = { "finance.revenue", "finance.payroll" },
  compute = function (m) return kit.pct(m["finance.payroll"], m["finance.revenue"]) end,
  -- not scored here: labour cost is scored in operations (operations.labour_cost_pct)
}

metric "finance.rent_pct" {
  definition = "Rent and occupancy as a share of revenue.",
  label = "Rent % of revenue", unit = "%", better = "lower", rollup = "derived",
  inputs = { "finance.revenue", "finance.rent" },
  compute = function (m) return kit.pct(m["finance.rent"], m["finance.revenue"]) end,
  goalposts = { worst = 20, best = 5,
    source = "Occupancy-cost rule of thumb used in retail and restaurant leasing: rent at most about 5-10% of sales" },
  industry_goalposts = {
    restaurant = { worst = 12, best = 6,
      source = "Restaurant rule of thumb: occupancy cost 6-10% of sales" },
  },
  weight = 0.5,
}

---------------------------------------------------------------------------
-- Liquidity and working capital
---------------------------------------------------------------------------
metric "finance.current_ratio" {
  definition = "How many times short-term assets cover short-term debts.",
  label = "Current ratio", unit = "ratio", better = "higher", rollup = "derived",
  inputs = { "finance.current_assets", "finance.current_liabilities" },
  compute = function (m)
    local cl = m["finance.current_liabilities"]
    if cl <= 0 then return nil end
    return m["finance.current_assets"] / cl
  end,
  goalposts = { worst = 0.5, best = 2.0, bands = { 0.5, 1.0, 1.25, 1.5, 2.0 },
    source = "Current ratio 1.5-2: standard liquidity rule, e.g. Brealey, Myers & Allen, Principles of Corporate Finance; "
          .. "below 1 short-term debts exceed short-term assets" },
  weight = 2,
}

metric "finance.quick_ratio" {
  definition = "How many times cash and receivables alone (without stock) cover short-term debts.",
  label = "Quick ratio (acid test)", unit = "ratio", better = "higher", rollup = "derived",
  inputs = { "finance.current_assets", "finance.inventory_value", "finance.current_liabilities" },
  compute = function (m)
    local cl = m["finance.current_liabilities"]
    if cl <= 0 then return nil end
    return (m["finance.current_assets"] - m["finance.inventory_value"]) / cl
  end,
  goalposts = { worst = 0.3, best = 1.0,
    source = "Quick (acid-test) ratio of at least 1: standard textbook liquidity rule, e.g. Brealey, Myers & Allen, "
          .. "Principles of Corporate Finance" },
}

metric "finance.dso_days" {
  definition = "How many days of sales customers take to pay.",
  label = "Days sales outstanding", unit = "days", better = "lower", rollup = "derived",
  inputs = { "finance.receivables", "finance.revenue" },
  compute = function (m, p) return kit.days_of(m["finance.receivables"], m["finance.revenue"], p) end,
  goalposts = { worst = 90, best = 30,
    source = "DSO 30-45 days: common B2B terms net 30; the EU Late Payment Directive 2011/7/EU caps B2B terms at "
          .. "60 days unless expressly agreed" },
  industry_goalposts = {
    retail = { worst = 20, best = 2,
      source = "Rule of thumb for businesses paid at the till: card and cash sales settle within a few business days" },
    restaurant = { worst = 20, best = 2,
      source = "Rule of thumb for businesses paid at the till: card and cash sales settle within a few business days" },
    ["e-commerce"] = { worst = 20, best = 2,
      source = "Rule of thumb for online shops: payment-provider payouts arrive within a few business days" },
  },
}

metric "finance.dpo_days" {
  definition = "How many days of purchases the business takes to pay its suppliers.",
  label = "Days payables outstanding", unit = "days", better = "higher", rollup = "derived",
  inputs = { "finance.payables", "finance.cogs" },
  compute = function (m, p) return kit.days_of(m["finance.payables"], m["finance.cogs"], p) end,
  goalposts = { worst = 10, best = 45,
    source = "Working-capital rule of thumb: pay suppliers on the agreed due date (typically net 30-60; EU Late Payment "
          .. "Directive 2011/7/EU caps B2B terms at 60 days unless agreed), not earlier" },
  weight = 0.5,
}

metric "finance.dio_days" {
  definition = "How many days of sales at cost the stock on the balance sheet would last (all the stock, from the accounts).",
  basis = "inventory at cost / cost of goods sold x days in the period, from the accounts; the scored measure of how fast stock turns (the stock file's operations.days_of_inventory covers only the SKUs it lists)",
  label = "Days inventory outstanding", unit = "days", better = "lower", rollup = "derived",
  inputs = { "finance.inventory_value", "finance.cogs" },
  compute = function (m, p) return kit.days_of(m["finance.inventory_value"], m["finance.cogs"], p) end,
  goalposts = { worst = 120, best = 30,
    source = "Rule of thumb of this playbook (inventory turning 3-12 times a year); compare the client's industry "
          .. "in RMA Annual Statement Studies (inventory turnover)" },
  industry_goalposts = {
    restaurant = { worst = 30, best = 7,
      source = "Restaurant cost-control rule of thumb: food inventory turns 2-4 times a month" },
  },
}

metric "finance.ccc_days" {
  definition = "How many days pass between paying for stock and being paid by customers (stock days + receivable days - payable days).",
  label = "Cash conversion cycle", unit = "days", better = "lower", rollup = "derived",
  inputs = { "finance.dio_days", "finance.dso_days", "finance.dpo_days" },
  compute = function (m)
    return m["finance.dio_days"] + m["finance.dso_days"] - m["finance.dpo_days"]
  end,
  goalposts = { worst = 120, best = 0,
    source = "Cash conversion cycle = DIO + DSO - DPO (Richards & Laughlin 1980, Financial Management 9(1)); "
          .. "goalposts are this playbook's rule of thumb" },
}

---------------------------------------------------------------------------
-- Leverage and cash runway
---------------------------------------------------------------------------
metric "finance.debt_to_equity" {
  definition = "Financial debt for each unit of the owners' equity.",
  label = "Debt to equity", unit = "ratio", better = "lower", rollup = "derived",
  inputs = { "finance.debt", "finance.equity" },
  compute = function (m)
    local e = m["finance.equity"]
    if e <= 0 then return nil end   -- negative equity: see rule FIN-0130
    return m["finance.debt"] / e
  end,
  goalposts = { worst = 3, best = 0.5,
    source = "Lender rule of thumb: debt-to-equity below 1 is conservative, above 2 highly leveraged; compare "
          .. "Debt/Worth medians in RMA Annual Statement Studies" },
}

-- Burn counts debt repayments (the fall of finance.debt over the period) as
-- the cash outlook does, so the two runways measure the same outflows; new
-- borrowing is not counted as income. Without the debt at both ends of the
-- period, operations alone (the source says which).
metric "finance.monthly_burn" {
  definition = "How much cash the business loses in an average month of the period, debt repayments included (zero when it does not).",
  label = "Monthly cash burn (operations and debt repayments)", unit = "currency", better = "lower", rollup = "derived",
  inputs = { "finance.operating_cash_flow" },
  compute = function (m, p)
    local ocf = m["finance.operating_cash_flow"]
    local debt, before = m["finance.debt"], m.prev and m.prev["finance.debt"]
    local repaid = (debt and before and before > debt) and (before - debt) or 0
    local net = ocf - repaid
    if net >= 0 then return 0 end
    return -net / p.months
  end,
  -- not scored: an amount, meaningful only against cash (see runway)
}

-- No placeholder for a business that does not burn cash: the runway is
-- math.huge with its reason, shown as none and scored as the best.
metric "finance.cash_runway_months" {
  definition = "How many months the cash would last if the business kept losing money at the period's rate, debt repayments included (cash / monthly burn).",
  label = "Cash runway (cash / monthly burn, debt repayments included)", unit = "months", better = "higher",
  rollup = "derived",
  inputs = { "finance.cash", "finance.monthly_burn" },
  compute = function (m)
    local burn, cash = m["finance.monthly_burn"], m["finance.cash"]
    if cash <= 0 then return 0 end
    if burn <= 0 then
      return math.huge, "operations and debt repayments do not burn cash this period"
    end
    return cash / burn
  end,
  goalposts = { worst = 1, best = 12, bands = { 1, 3, 6, 9, 12 },
    source = "Small-business rule of thumb: 3-6 months of expenses in reserve; JPMorgan Chase Institute (2016), "
          .. "'Cash is King': the median small business holds 27 days of cash buffer" },
  weight = 2,
}

---------------------------------------------------------------------------
-- Growth
---------------------------------------------------------------------------
metric "finance.revenue_growth_pct" {
  definition = "How much revenue grew compared with the previous period.",
  label = "Revenue growth vs previous period", unit = "%", better = "higher", rollup = "derived",
  inputs = { "finance.revenue" },
  compute = function (m)
    return kit.growth(m["finance.revenue"], m.prev and m.prev["finance.revenue"])
  end,
  -- not scored: seasonal businesses swing between periods; the year-on-year figure is scored
}

metric "finance.revenue_growth_yoy_pct" {
  definition = "How much revenue grew compared with the same period a year before.",
  label = "Revenue growth vs same period last year", unit = "%", better = "higher", rollup = "derived",
  inputs = { "finance.revenue" },
  compute = function (m)
    return kit.growth(m["finance.revenue"], m.year_ago and m.year_ago["finance.revenue"])
  end,
  goalposts = { worst = -10, best = 15,
    source = "Rule of thumb of this playbook: growth above inflation (ECB medium-term target 2%) keeps real revenue "
          .. "from shrinking; double-digit growth is strong for an established SMB" },
}

---------------------------------------------------------------------------
-- Questions (financial management maturity)
---------------------------------------------------------------------------
question "finance.q_budget" {
  text = "Is there an annual budget, and is it compared with actual results every month?",
  answers = { none = 0, ["annual-only"] = 40, ["monthly-review"] = 100 },
}

question "finance.q_cash_forecast" {
  text = "Do you keep a cash-flow forecast for the coming weeks and months?",
  answers = { none = 0, occasional = 40, rolling = 100 },
}

---------------------------------------------------------------------------
-- Rules
---------------------------------------------------------------------------
rule "FIN-0010" {
  area = "finance", kind = "weakness", severity = "high",
  metrics = { "finance.current_ratio" },
  when = function (m) return m["finance.current_ratio"] < 1.0 end,
  title = "Short-term debts exceed short-term assets",
  detail = "Current ratio is {finance.current_ratio:%.2f}; healthy is 1.5-2. Bills due within a year cannot be met "
        .. "from cash, receivables and stock alone.",
  recommend = { "FIN-collections", "FIN-credit-line", "FIN-cash-forecast" },
}

rule "FIN-0020" {
  area = "finance", kind = "strength", severity = "medium",
  recommend = {},
  metrics = { "finance.current_ratio", "finance.quick_ratio" },
  when = function (m) return m["finance.current_ratio"] >= 1.5 and m["finance.quick_ratio"] >= 1.0 end,
  title = "Sound liquidity",
  detail = "Current ratio {finance.current_ratio:%.2f} and quick ratio {finance.quick_ratio:%.2f} meet the "
        .. "textbook levels of 1.5 and 1.0.",
}

rule "FIN-0030" {
  needs = { "stock" },
  area = "finance", kind = "weakness", severity = "medium",
  metrics = { "finance.quick_ratio", "finance.current_ratio" },
  when = function (m) return m["finance.quick_ratio"] < 0.5 end,
  title = "Liquidity depends on selling stock",
  detail = "Quick ratio is {finance.quick_ratio:%.2f} (current ratio {finance.current_ratio:%.2f}); without "
        .. "inventory, liquid assets cover less than half of short-term debts. Acid-test rule: at least 1.",
  recommend = { "FIN-inventory-cleanup", "FIN-collections" },
}

rule "FIN-0040" {
  area = "finance", kind = "weakness", severity = "medium",
  metrics = { "finance.dso_days" },
  when = function (m) return m["finance.dso_days"] > 60 end,
  title = "Customers pay slowly",
  detail = "Customers take {finance.dso_days:%.0f} days on average to pay; with net-30 terms this should be "
        .. "30-45 days, and EU law caps B2B terms at 60 days unless agreed.",
  recommend = { "FIN-collections", "FIN-factoring" },
}

rule "FIN-0050" {
  area = "finance", kind = "opportunity", severity = "low",
  metrics = { "finance.dpo_days" },
  when = function (m) return m["finance.dpo_days"] < 15 end,
  title = "Suppliers are paid earlier than needed",
  detail = "Suppliers are paid in {finance.dpo_days:%.0f} days on average; common terms are 30-60 days. Paying "
        .. "on the due date keeps cash in the business.",
  recommend = { "FIN-supplier-terms" },
}

rule "FIN-0060" {
  needs = { "stock" },
  area = "finance", kind = "weakness", severity = "medium",
  metrics = { "finance.dio_days" },
  when = function (m) return m["finance.dio_days"] > 90 end,
  title = "Stock sits on the shelf too long",
  detail = "Inventory covers {finance.dio_days:%.0f} days of sales at cost; more than 90 days ties up cash "
        .. "and risks obsolete stock.",
  recommend = { "FIN-inventory-cleanup" },
}

rule "FIN-0070" {
  area = "finance", kind = "weakness", severity = "medium",
  metrics = { "finance.ccc_days", "finance.dio_days", "finance.dso_days", "finance.dpo_days" },
  when = function (m) return m["finance.ccc_days"] > 90 end,
  title = "Long cash conversion cycle",
  detail = "Cash is tied up for {finance.ccc_days:%.0f} days between paying suppliers and being paid "
        .. "(stock {finance.dio_days:%.0f} + receivables {finance.dso_days:%.0f} - payables {finance.dpo_days:%.0f}).",
  recommend = { "FIN-collections", "FIN-inventory-cleanup", "FIN-supplier-terms" },
}

rule "FIN-0080" {
  area = "finance", kind = "weakness", severity = "high",
  metrics = { "finance.gross_margin_pct" },
  when = function (m) return m["finance.gross_margin_pct"] < 25 end,
  title = "Thin gross margin",
  detail = "Gross margin is {finance.gross_margin_pct:%.1f}%; below 25% little is left to pay staff, rent "
        .. "and overheads.",
  recommend = { "FIN-price-review", "FIN-supplier-renegotiation" },
}

rule "FIN-0090" {
  area = "finance", kind = "weakness", severity = "high",
  metrics = { "finance.net_margin_pct" },
  when = function (m) return m["finance.net_margin_pct"] < 0 end,
  title = "The business is making a loss",
  detail = "Net margin is {finance.net_margin_pct:%.1f}% of revenue.",
  recommend = { "FIN-cost-review", "FIN-price-review", "FIN-monthly-close" },
}

rule "FIN-0100" {
  area = "finance", kind = "strength", severity = "medium",
  recommend = {},
  metrics = { "finance.net_margin_pct" },
  when = function (m) return m["finance.net_margin_pct"] >= 10 end,
  title = "Healthy profitability",
  detail = "Net margin is {finance.net_margin_pct:%.1f}%, at or above the 10% commonly called healthy.",
}

rule "FIN-0110" {
  area = "finance", kind = "threat", severity = "high",
  metrics = { "finance.cash_runway_months", "finance.monthly_burn" },
  when = function (m) return m["finance.cash_runway_months"] < 3 end,
  title = "Cash runs out within three months",
  detail = "Operations burn {finance.monthly_burn:%.0f} a month; cash lasts {finance.cash_runway_months:%.1f} "
        .. "months at that rate. Keep 3-6 months in reserve.",
  recommend = { "FIN-cash-forecast", "FIN-credit-line", "FIN-cost-review" },
}

rule "FIN-0120" {
  area = "finance", kind = "threat", severity = "medium",
  metrics = { "finance.debt_to_equity" },
  when = function (m) return m["finance.debt_to_equity"] > 2 end,
  title = "High leverage",
  detail = "Debt is {finance.debt_to_equity:%.2f} times equity; lenders treat more than 2 as highly leveraged.",
  recommend = { "FIN-refinance", "FIN-equity-injection" },
}

rule "FIN-0130" {
  area = "finance", kind = "threat", severity = "high",
  metrics = { "finance.equity" },
  when = function (m) return m["finance.equity"] < 0 end,
  title = "Negative equity",
  detail = "Equity is {finance.equity:%.0f}: losses have used up the owners' capital. Check the legal duties "
        .. "this triggers for the company's directors.",
  recommend = { "FIN-equity-injection", "FIN-cost-review" },
}

rule "FIN-0140" {
  area = "finance", kind = "threat", severity = "high",
  metrics = { "finance.revenue_growth_yoy_pct" },
  when = function (m) return m["finance.revenue_growth_yoy_pct"] < -10 end,
  title = "Revenue is falling year on year",
  detail = "Revenue is {finance.revenue_growth_yoy_pct:%.1f}% against the same period last year.",
  recommend = { "FIN-cost-review", "FIN-cash-forecast" },
}

rule "FIN-0150" {
  area = "finance", kind = "threat", severity = "medium",
  metrics = { "finance.revenue_growth_yoy_pct", "finance.cash_runway_months" },
  when = function (m)
    return m["finance.revenue_growth_yoy_pct"] >= 15 and m["finance.cash_runway_months"] < 6
  end,
  title = "Growth is outrunning cash",
  detail = "Revenue grows {finance.revenue_growth_yoy_pct:%.1f}% a year while cash lasts only "
        .. "{finance.cash_runway_months:%.1f} months: growth is consuming working capital.",
  recommend = { "FIN-credit-line", "FIN-cash-forecast" },
}

rule "FIN-0160" {
  area = "finance", kind = "weakness", severity = "high",
  metrics = { "finance.opex_pct", "finance.gross_margin_pct" },
  when = function (m) return m["finance.opex_pct"] > m["finance.gross_margin_pct"] end,
  title = "Overheads exceed gross profit",
  detail = "Operating expenses take {finance.opex_pct:%.1f}% of revenue, more than the gross margin of "
        .. "{finance.gross_margin_pct:%.1f}%: the business loses money before interest and tax.",
  recommend = { "FIN-cost-review", "FIN-price-review" },
}

rule "FIN-0170" {
  area = "finance", kind = "weakness", severity = "medium",
  metrics = { "finance.rent_pct" },
  when = function (m) return m["finance.rent_pct"] > 15 end,
  title = "Premises cost too much for the revenue they carry",
  detail = "Rent takes {finance.rent_pct:%.1f}% of revenue; the common rule of thumb is 5-10%.",
  recommend = { "FIN-lease-renegotiation" },
}

rule "FIN-0180" {
  area = "finance", kind = "weakness", severity = "medium",
  industries = { "retail", "e-commerce", "restaurant" },
  metrics = { "finance.payroll_pct" },
  when = function (m) return m["finance.payroll_pct"] > 35 end,
  title = "Payroll is heavy for a trading business",
  detail = "Payroll takes {finance.payroll_pct:%.1f}% of revenue; above 35% leaves little margin in retail, "
        .. "online trade or restaurants.",
  recommend = { "FIN-headcount-plan" },
}

rule "FIN-0190" {
  area = "finance", kind = "threat", severity = "medium",
  metrics = { "finance.revenue_growth_pct" },
  when = function (m) return m["finance.revenue_growth_pct"] < -20 end,
  title = "Sharp drop in revenue since the previous period",
  detail = "Revenue changed {finance.revenue_growth_pct:%.1f}% against the previous period; check whether this "
        .. "is seasonal before it reaches the cash position.",
  recommend = { "FIN-cash-forecast" },
}

rule "FIN-0200" {
  area = "finance", kind = "opportunity", severity = "low",
  metrics = { "finance.current_ratio", "finance.cash_runway_months" },
  when = function (m) return m["finance.current_ratio"] > 3 and m["finance.cash_runway_months"] >= 12 end,
  title = "Idle cash could work harder",
  detail = "Current ratio is {finance.current_ratio:%.2f} and cash covers {finance.cash_runway_months:%.0f} "
        .. "months or more: surplus cash beyond a reserve earns nothing.",
  recommend = { "FIN-treasury" },
}

rule "FIN-0210" {
  area = "finance", kind = "opportunity", severity = "medium",
  metrics = { "finance.q_cash_forecast" },
  when = function (m) return m["finance.q_cash_forecast"] < 50 end,
  title = "No regular cash-flow forecast",
  detail = "Cash forecasting scores {finance.q_cash_forecast:%.0f}/100; a rolling 13-week forecast shows "
        .. "shortfalls while there is still time to act.",
  recommend = { "FIN-cash-forecast" },
}

rule "FIN-0220" {
  area = "finance", kind = "opportunity", severity = "low",
  metrics = { "finance.q_budget" },
  when = function (m) return m["finance.q_budget"] < 50 end,
  title = "Budget is not used to steer the business",
  detail = "Budgeting scores {finance.q_budget:%.0f}/100; comparing actuals with budget every month shows "
        .. "where margin is lost.",
  recommend = { "FIN-monthly-close" },
}

---------------------------------------------------------------------------
-- Initiatives (cost in the client's currency, hours of the client's staff)
---------------------------------------------------------------------------
initiative "FIN-collections" {
  area = "finance", title = "Invoice on delivery, automatic reminders at 7 and 21 days, 2% early-payment discount",
  cost = 1500, hours = 40, months = 2, confidence = 0.7,
  effect = { ["finance.dso_days"] = -12, ["finance.ccc_days"] = -12 },
}

initiative "FIN-factoring" {
  area = "finance", title = "Finance receivables through invoice factoring",
  cost = 3000, hours = 16, months = 1, confidence = 0.8,
  effect = { ["finance.dso_days"] = -25, ["finance.ccc_days"] = -25 },
  -- a bank providing a credit line usually takes the receivables as security
  excludes = { "FIN-credit-line" },
}

initiative "FIN-credit-line" {
  area = "finance", title = "Arrange a committed multi-year credit line sized to three months of fixed costs",
  cost = 800, hours = 20, months = 2, confidence = 0.5,
  effect = { ["finance.cash_runway_months"] = 2, ["finance.current_ratio"] = 0.2 },
  excludes = { "FIN-factoring" },
}

initiative "FIN-cash-forecast" {
  area = "finance", title = "Keep a rolling 13-week cash-flow forecast, reviewed every week",
  cost = 600, hours = 30, months = 1, confidence = 0.8,
  effect = { ["finance.q_cash_forecast"] = 60, ["finance.cash_runway_months"] = 1 },
}

initiative "FIN-price-review" {
  area = "finance", title = "Review prices: raise low-margin lines, end unprofitable discounts",
  cost = 2000, hours = 40, months = 2, confidence = 0.6,
  effect = { ["finance.gross_margin_pct"] = 3, ["finance.net_margin_pct"] = 2.5 },
}

initiative "FIN-supplier-renegotiation" {
  area = "finance", title = "Tender the ten largest purchases and consolidate suppliers for volume discounts",
  cost = 500, hours = 50, months = 3, confidence = 0.6,
  effect = { ["finance.gross_margin_pct"] = 2, ["finance.net_margin_pct"] = 1.5 },
}

initiative "FIN-supplier-terms" {
  area = "finance", title = "Agree 30-45 day terms with key suppliers and pay on the due date",
  cost = 0, hours = 20, months = 2, confidence = 0.6,
  effect = { ["finance.dpo_days"] = 10, ["finance.ccc_days"] = -10 },
}

initiative "FIN-inventory-cleanup" {
  needs = { "stock" },
  area = "finance", title = "ABC analysis of stock: clear slow movers, set reorder points for A items",
  cost = 1500, hours = 60, months = 3, confidence = 0.65,
  effect = { ["finance.dio_days"] = -20, ["finance.ccc_days"] = -20, ["finance.quick_ratio"] = 0.1 },
}

initiative "FIN-cost-review" {
  area = "finance", title = "Zero-based review of overheads: subscriptions, insurance, energy, telecoms",
  cost = 1000, hours = 40, months = 2, confidence = 0.7,
  effect = { ["finance.opex_pct"] = -3, ["finance.net_margin_pct"] = 2.5 },
}

initiative "FIN-lease-renegotiation" {
  area = "finance", title = "Renegotiate the lease or sublet unused space",
  cost = 1500, hours = 30, months = 6, confidence = 0.4,
  effect = { ["finance.rent_pct"] = -3, ["finance.net_margin_pct"] = 2 },
}

initiative "FIN-headcount-plan" {
  needs = { "team" },
  area = "finance", title = "Plan headcount and rotas against the revenue forecast; hold non-critical hires",
  cost = 500, hours = 40, months = 3, confidence = 0.6,
  effect = { ["finance.payroll_pct"] = -3, ["finance.net_margin_pct"] = 2 },
}

initiative "FIN-refinance" {
  area = "finance", title = "Refinance short-term and expensive debt into one longer-term loan",
  cost = 1500, hours = 30, months = 3, confidence = 0.5,
  effect = { ["finance.current_ratio"] = 0.3 },
}

initiative "FIN-equity-injection" {
  area = "finance", title = "Strengthen equity: retain profits, add owner capital or convert owner loans",
  cost = 1000, hours = 30, months = 12, confidence = 0.5,
  effect = { ["finance.debt_to_equity"] = -0.5 },
}

initiative "FIN-monthly-close" {
  area = "finance", title = "Monthly management accounts within 10 days of month end, with margin by product line",
  cost = 2400, hours = 24, months = 2, confidence = 0.7,
  effect = { ["finance.q_budget"] = 60, ["finance.net_margin_pct"] = 1 },
}

initiative "FIN-treasury" {
  area = "finance", title = "Keep a six-month cash reserve; put the surplus on deposit or repay debt",
  cost = 0, hours = 8, months = 1, confidence = 0.8,
  effect = { ["finance.debt_to_equity"] = -0.2, ["finance.net_margin_pct"] = 0.3 },
}

---------------------------------------------------------------------------
-- Tests: known answers computed by hand
---------------------------------------------------------------------------
local Q = { days = 92, months = 3 }   -- a quarter such as 2026-Q3

function test_gross_margin(t)
  t.near(t.compute("finance.gross_margin_pct", { ["finance.revenue"] = 200000, ["finance.cogs"] = 120000 }), 40, 1e-9,
    "(200000 - 120000) / 200000 = 40%")
  t.eq(t.compute("finance.gross_margin_pct", { ["finance.revenue"] = 0, ["finance.cogs"] = 100 }), nil,
    "no revenue: gross margin undefined")
  t.near(t.score("finance.gross_margin_pct", 30), 50, 1e-9, "30% is halfway between 10 and 50")
  t.near(t.score("finance.gross_margin_pct", 63.5, "restaurant"), 50, 1e-9, "restaurant: 63.5% is halfway between 55 and 72")
end

function test_net_margin(t)
  t.near(t.compute("finance.net_margin_pct", { ["finance.revenue"] = 200000, ["finance.net_income"] = 10000 }), 5, 1e-9,
    "10000 / 200000 = 5%")
  t.near(t.compute("finance.net_margin_pct", { ["finance.revenue"] = 100000, ["finance.net_income"] = -5000 }), -5, 1e-9,
    "a loss of 5000 on 100000 = -5%")
  t.eq(t.compute("finance.net_margin_pct", { ["finance.revenue"] = 0, ["finance.net_income"] = -10 }), nil,
    "no revenue: net margin undefined")
  t.near(t.score("finance.net_margin_pct", 7.5), 62.5, 1e-9, "7.5% lies halfway in the 5..10 band (50..75)")
  t.near(t.score("finance.net_margin_pct", 5, "restaurant"), 66.6666667, 1e-6, "restaurant: 5% on -5..10 scores 66.7")
end

function test_expense_ratios(t)
  t.near(t.compute("finance.opex_pct", { ["finance.revenue"] = 200000, ["finance.opex"] = 60000 }), 30, 1e-9,
    "opex 60000 / 200000 = 30%")
  t.near(t.compute("finance.payroll_pct", { ["finance.revenue"] = 200000, ["finance.payroll"] = 50000 }), 25, 1e-9,
    "payroll 50000 / 200000 = 25%")
  t.near(t.compute("finance.rent_pct", { ["finance.revenue"] = 200000, ["finance.rent"] = 10000 }), 5, 1e-9,
    "rent 10000 / 200000 = 5%")
  t.eq(t.compute("finance.rent_pct", { ["finance.revenue"] = 0, ["finance.rent"] = 10000 }), nil,
    "no revenue: rent share undefined")
  t.eq(t.compute("finance.opex_pct", { ["finance.revenue"] = 0, ["finance.opex"] = 1 }), nil, "no revenue: opex share undefined")
  t.eq(t.compute("finance.payroll_pct", { ["finance.revenue"] = 0, ["finance.payroll"] = 1 }), nil, "no revenue: payroll share undefined")
  t.near(t.score("finance.rent_pct", 12.5), 50, 1e-9, "rent 12.5% halfway between 20 and 5")
end

function test_current_ratio(t)
  t.near(t.compute("finance.current_ratio", { ["finance.current_assets"] = 150000, ["finance.current_liabilities"] = 100000 }),
    1.5, 1e-12, "150000 / 100000 = 1.5")
  t.eq(t.compute("finance.current_ratio", { ["finance.current_assets"] = 150000, ["finance.current_liabilities"] = 0 }),
    nil, "no current liabilities: ratio undefined")
  t.near(t.score("finance.current_ratio", 1.25), 50, 1e-9, "band: 1.25 scores 50")
  t.near(t.score("finance.current_ratio", 0.75), 12.5, 1e-9, "band: 0.75 halfway between 0.5 (0) and 1.0 (25)")
  t.near(t.score("finance.current_ratio", 3.0), 100, 1e-9, "above 2 scores 100")
end

function test_quick_ratio(t)
  t.near(t.compute("finance.quick_ratio", { ["finance.current_assets"] = 150000, ["finance.inventory_value"] = 60000,
    ["finance.current_liabilities"] = 100000 }), 0.9, 1e-12, "(150000 - 60000) / 100000 = 0.9")
  t.eq(t.compute("finance.quick_ratio", { ["finance.current_assets"] = 1, ["finance.inventory_value"] = 0,
    ["finance.current_liabilities"] = 0 }), nil, "no current liabilities: undefined")
end

function test_dso(t)
  t.near(t.compute("finance.dso_days", { ["finance.receivables"] = 50000, ["finance.revenue"] = 150000 }, Q),
    30.666667, 1e-5, "50000 / 150000 x 92 days = 30.67")
  t.near(t.compute("finance.dso_days", { ["finance.receivables"] = 25000, ["finance.revenue"] = 365000 },
    { days = 365, months = 12 }), 25, 1e-9, "a year: 25000 / 365000 x 365 = 25")
  t.eq(t.compute("finance.dso_days", { ["finance.receivables"] = 50000, ["finance.revenue"] = 0 }, Q), nil,
    "no revenue: DSO undefined")
  t.near(t.score("finance.dso_days", 60), 50, 1e-9, "60 days halfway between 90 and 30")
  t.near(t.score("finance.dso_days", 11, "retail"), 50, 1e-9, "retail: 11 days halfway between 20 and 2")
end

function test_dpo(t)
  t.near(t.compute("finance.dpo_days", { ["finance.payables"] = 30000, ["finance.cogs"] = 90000 }, Q),
    30.666667, 1e-5, "30000 / 90000 x 92 = 30.67")
  t.eq(t.compute("finance.dpo_days", { ["finance.payables"] = 30000, ["finance.cogs"] = 0 }, Q), nil,
    "no cost of goods: DPO undefined")
end

function test_dio(t)
  t.near(t.compute("finance.dio_days", { ["finance.inventory_value"] = 45000, ["finance.cogs"] = 90000 },
    { days = 90, months = 3 }), 45, 1e-9, "45000 / 90000 x 90 = 45")
  t.eq(t.compute("finance.dio_days", { ["finance.inventory_value"] = 45000, ["finance.cogs"] = 0 }, Q), nil,
    "no cost of goods: DIO undefined")
  t.near(t.score("finance.dio_days", 18.5, "restaurant"), 50, 1e-9, "restaurant: 18.5 days halfway between 30 and 7")
end

function test_ccc(t)
  t.near(t.compute("finance.ccc_days", { ["finance.dio_days"] = 45, ["finance.dso_days"] = 30, ["finance.dpo_days"] = 20 }),
    55, 1e-12, "45 + 30 - 20 = 55")
  t.near(t.compute("finance.ccc_days", { ["finance.dio_days"] = 0, ["finance.dso_days"] = 2, ["finance.dpo_days"] = 30 }),
    -28, 1e-12, "paid by customers before paying suppliers: -28")
end

function test_debt_to_equity(t)
  t.near(t.compute("finance.debt_to_equity", { ["finance.debt"] = 150000, ["finance.equity"] = 100000 }), 1.5, 1e-12,
    "150000 / 100000 = 1.5")
  t.eq(t.compute("finance.debt_to_equity", { ["finance.debt"] = 1, ["finance.equity"] = 0 }), nil, "zero equity: undefined")
  t.eq(t.compute("finance.debt_to_equity", { ["finance.debt"] = 1, ["finance.equity"] = -5 }), nil, "negative equity: undefined")
end

function test_monthly_burn(t)
  t.near(t.compute("finance.monthly_burn", { ["finance.operating_cash_flow"] = -30000 }, Q), 10000, 1e-9,
    "-30000 over 3 months = 10000 a month")
  t.eq(t.compute("finance.monthly_burn", { ["finance.operating_cash_flow"] = 5000 }, Q), 0, "positive cash flow: no burn")
  t.eq(t.compute("finance.monthly_burn", { ["finance.operating_cash_flow"] = 0 }, Q), 0, "zero cash flow: no burn")
  t.near(t.compute("finance.monthly_burn", { ["finance.operating_cash_flow"] = -3000, ["finance.debt"] = 33600,
    prev = { ["finance.debt"] = 34650 } }, Q), 1350, 1e-9, "(3000 + 1050 repaid) / 3 months = 1350 a month")
  t.eq(t.compute("finance.monthly_burn", { ["finance.operating_cash_flow"] = 900, ["finance.debt"] = 33600,
    prev = { ["finance.debt"] = 34650 } }, Q), 50, "900 from operations less 1050 repaid: burns 50 a month")
  t.eq(t.compute("finance.monthly_burn", { ["finance.operating_cash_flow"] = -300, ["finance.debt"] = 40000,
    prev = { ["finance.debt"] = 30000 } }, Q), 100, "new borrowing is not counted as income")
end

function test_cash_runway(t)
  t.near(t.compute("finance.cash_runway_months", { ["finance.cash"] = 25000, ["finance.monthly_burn"] = 10000 }), 2.5, 1e-12,
    "25000 / 10000 = 2.5 months")
  local v, why = t.compute("finance.cash_runway_months", { ["finance.cash"] = 25000, ["finance.monthly_burn"] = 0 })
  t.eq(v, math.huge, "no burn: no end, not a placeholder number")
  t.eq(why, "operations and debt repayments do not burn cash this period", "with its reason")
  t.eq(t.compute("finance.cash_runway_months", { ["finance.cash"] = 2000000, ["finance.monthly_burn"] = 1 }), 2000000,
    "a long runway is its value, not capped")
  t.near(t.score("finance.cash_runway_months", math.huge), 100, 0, "no end scores as the best")
  t.eq(t.compute("finance.cash_runway_months", { ["finance.cash"] = -5000, ["finance.monthly_burn"] = 1000 }), 0,
    "overdrawn and burning: 0 months")
  t.near(t.score("finance.cash_runway_months", 4.5), 37.5, 1e-9, "band: 4.5 months halfway between 3 (25) and 6 (50)")
end

function test_revenue_growth(t)
  t.near(t.compute("finance.revenue_growth_pct", { ["finance.revenue"] = 110, prev = { ["finance.revenue"] = 100 } }),
    10, 1e-9, "110 after 100 = +10%")
  t.eq(t.compute("finance.revenue_growth_pct", { ["finance.revenue"] = 110 }), nil, "no previous period: undefined")
  t.eq(t.compute("finance.revenue_growth_pct", { ["finance.revenue"] = 110, prev = { ["finance.revenue"] = 0 } }), nil,
    "previous revenue 0: undefined")
end

function test_revenue_growth_yoy(t)
  t.near(t.compute("finance.revenue_growth_yoy_pct", { ["finance.revenue"] = 90, year_ago = { ["finance.revenue"] = 120 },
    prev = { ["finance.revenue"] = 50 } }), -25, 1e-9, "90 against 120 a year ago = -25% (previous period ignored)")
  t.eq(t.compute("finance.revenue_growth_yoy_pct", { ["finance.revenue"] = 90, prev = { ["finance.revenue"] = 50 } }), nil,
    "no year-ago value: undefined")
end

-- rules: just past the threshold fires, at or just before it does not
function test_rule_FIN_0010(t)
  t.eq(t.fires("FIN-0010", { ["finance.current_ratio"] = 0.99 }), true, "0.99 < 1.0 fires")
  t.eq(t.fires("FIN-0010", { ["finance.current_ratio"] = 1.0 }), false, "1.0 does not fire")
end

function test_rule_FIN_0020(t)
  t.eq(t.fires("FIN-0020", { ["finance.current_ratio"] = 1.5, ["finance.quick_ratio"] = 1.0 }), true, "1.5 and 1.0 fire")
  t.eq(t.fires("FIN-0020", { ["finance.current_ratio"] = 1.49, ["finance.quick_ratio"] = 1.2 }), false, "current 1.49 does not")
  t.eq(t.fires("FIN-0020", { ["finance.current_ratio"] = 2.0, ["finance.quick_ratio"] = 0.99 }), false, "quick 0.99 does not")
end

function test_rule_FIN_0030(t)
  t.eq(t.fires("FIN-0030", { ["finance.quick_ratio"] = 0.49, ["finance.current_ratio"] = 1.2 }), true, "0.49 fires")
  t.eq(t.fires("FIN-0030", { ["finance.quick_ratio"] = 0.5, ["finance.current_ratio"] = 1.2 }), false, "0.5 does not")
end

function test_rule_FIN_0040(t)
  t.eq(t.fires("FIN-0040", { ["finance.dso_days"] = 60.5 }), true, "60.5 days fires")
  t.eq(t.fires("FIN-0040", { ["finance.dso_days"] = 60 }), false, "60 days does not")
end

function test_rule_FIN_0050(t)
  t.eq(t.fires("FIN-0050", { ["finance.dpo_days"] = 14.9 }), true, "14.9 days fires")
  t.eq(t.fires("FIN-0050", { ["finance.dpo_days"] = 15 }), false, "15 days does not")
end

function test_rule_FIN_0060(t)
  t.eq(t.fires("FIN-0060", { ["finance.dio_days"] = 90.1 }), true, "90.1 days fires")
  t.eq(t.fires("FIN-0060", { ["finance.dio_days"] = 90 }), false, "90 days does not")
end

function test_rule_FIN_0070(t)
  local v = { ["finance.ccc_days"] = 91, ["finance.dio_days"] = 60, ["finance.dso_days"] = 50, ["finance.dpo_days"] = 19 }
  t.eq(t.fires("FIN-0070", v), true, "91 days fires")
  v["finance.ccc_days"] = 90
  t.eq(t.fires("FIN-0070", v), false, "90 days does not")
end

function test_rule_FIN_0080(t)
  t.eq(t.fires("FIN-0080", { ["finance.gross_margin_pct"] = 24.9 }), true, "24.9% fires")
  t.eq(t.fires("FIN-0080", { ["finance.gross_margin_pct"] = 25 }), false, "25% does not")
end

function test_rule_FIN_0090(t)
  t.eq(t.fires("FIN-0090", { ["finance.net_margin_pct"] = -0.1 }), true, "-0.1% fires")
  t.eq(t.fires("FIN-0090", { ["finance.net_margin_pct"] = 0 }), false, "break-even does not")
end

function test_rule_FIN_0100(t)
  t.eq(t.fires("FIN-0100", { ["finance.net_margin_pct"] = 10 }), true, "10% fires")
  t.eq(t.fires("FIN-0100", { ["finance.net_margin_pct"] = 9.9 }), false, "9.9% does not")
end

function test_rule_FIN_0110(t)
  t.eq(t.fires("FIN-0110", { ["finance.cash_runway_months"] = 2.9, ["finance.monthly_burn"] = 10000 }), true, "2.9 months fires")
  t.eq(t.fires("FIN-0110", { ["finance.cash_runway_months"] = 3, ["finance.monthly_burn"] = 10000 }), false, "3 months does not")
end

function test_rule_FIN_0120(t)
  t.eq(t.fires("FIN-0120", { ["finance.debt_to_equity"] = 2.01 }), true, "2.01 fires")
  t.eq(t.fires("FIN-0120", { ["finance.debt_to_equity"] = 2 }), false, "2.0 does not")
end

function test_rule_FIN_0130(t)
  t.eq(t.fires("FIN-0130", { ["finance.equity"] = -1 }), true, "equity -1 fires")
  t.eq(t.fires("FIN-0130", { ["finance.equity"] = 0 }), false, "equity 0 does not")
end

function test_rule_FIN_0140(t)
  t.eq(t.fires("FIN-0140", { ["finance.revenue_growth_yoy_pct"] = -10.1 }), true, "-10.1% fires")
  t.eq(t.fires("FIN-0140", { ["finance.revenue_growth_yoy_pct"] = -10 }), false, "-10% does not")
end

function test_rule_FIN_0150(t)
  t.eq(t.fires("FIN-0150", { ["finance.revenue_growth_yoy_pct"] = 15, ["finance.cash_runway_months"] = 5.9 }), true,
    "15% growth with 5.9 months fires")
  t.eq(t.fires("FIN-0150", { ["finance.revenue_growth_yoy_pct"] = 14.9, ["finance.cash_runway_months"] = 2 }), false,
    "14.9% growth does not")
  t.eq(t.fires("FIN-0150", { ["finance.revenue_growth_yoy_pct"] = 30, ["finance.cash_runway_months"] = 6 }), false,
    "6 months of runway does not")
end

function test_rule_FIN_0160(t)
  t.eq(t.fires("FIN-0160", { ["finance.opex_pct"] = 40.1, ["finance.gross_margin_pct"] = 40 }), true, "opex 40.1 > margin 40 fires")
  t.eq(t.fires("FIN-0160", { ["finance.opex_pct"] = 40, ["finance.gross_margin_pct"] = 40 }), false, "equal does not")
end

function test_rule_FIN_0170(t)
  t.eq(t.fires("FIN-0170", { ["finance.rent_pct"] = 15.1 }), true, "15.1% fires")
  t.eq(t.fires("FIN-0170", { ["finance.rent_pct"] = 15 }), false, "15% does not")
end

function test_rule_FIN_0180(t)
  t.eq(t.fires("FIN-0180", { ["finance.payroll_pct"] = 35.1 }), true, "35.1% fires")
  t.eq(t.fires("FIN-0180", { ["finance.payroll_pct"] = 35 }), false, "35% does not")
end

function test_rule_FIN_0190(t)
  t.eq(t.fires("FIN-0190", { ["finance.revenue_growth_pct"] = -20.1 }), true, "-20.1% fires")
  t.eq(t.fires("FIN-0190", { ["finance.revenue_growth_pct"] = -20 }), false, "-20% does not")
end

function test_rule_FIN_0200(t)
  t.eq(t.fires("FIN-0200", { ["finance.current_ratio"] = 3.01, ["finance.cash_runway_months"] = 12 }), true, "3.01 and 12 fire")
  t.eq(t.fires("FIN-0200", { ["finance.current_ratio"] = 3, ["finance.cash_runway_months"] = math.huge }), false, "3.0 does not")
  t.eq(t.fires("FIN-0200", { ["finance.current_ratio"] = 5, ["finance.cash_runway_months"] = 11.9 }), false, "11.9 months does not")
end

function test_rule_FIN_0210(t)
  t.eq(t.fires("FIN-0210", { ["finance.q_cash_forecast"] = 40 }), true, "occasional forecast (40) fires")
  t.eq(t.fires("FIN-0210", { ["finance.q_cash_forecast"] = 50 }), false, "50 does not")
end

function test_rule_FIN_0220(t)
  t.eq(t.fires("FIN-0220", { ["finance.q_budget"] = 40 }), true, "annual-only budget (40) fires")
  t.eq(t.fires("FIN-0220", { ["finance.q_budget"] = 50 }), false, "50 does not")
end
