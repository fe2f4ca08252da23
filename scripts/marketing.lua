-- marketing.lua: smbopt's default marketing playbook: spend, acquisition cost,
-- the visit -> lead -> customer funnel and return on ad spend from the metrics
-- CSV, plus the seed's marketing maturity questions. Per-channel analysis
-- (channels dataset, LTV:CAC) belongs to the marketing plugin.

playbook "marketing-default" {
  version = "1.0",
  description = "Marketing spend, acquisition cost, funnel conversion, ROAS and marketing maturity for small businesses",
}

local kit = require "smbkit"

---------------------------------------------------------------------------
-- Observed inputs (metrics CSV)
---------------------------------------------------------------------------
metric "marketing.marketing_spend" { label = "Marketing spend", unit = "currency", better = "lower", rollup = "sum",
  definition = "What the business spent on marketing and advertising in the period (total, from the accounts).",
  range = { min = 0 }
}
metric "marketing.website_visits" { label = "Website visits", unit = "count", better = "higher", rollup = "sum",
  definition = "Visits to the business's website in the period.",
  range = { min = 0 }
}
metric "marketing.leads" { label = "Leads (enquiries, sign-ups)", unit = "count", better = "higher", rollup = "sum",
  definition = "Enquiries, sign-ups and other people who showed interest in buying.",
  range = { min = 0 }
}
metric "marketing.new_customers" { label = "New customers", unit = "count", better = "higher", rollup = "sum",
  definition = "How many customers bought for the first time in the period.",
  range = { min = 0 }
}
metric "marketing.marketing_revenue" { label = "Revenue attributed to campaigns", unit = "currency", better = "higher", rollup = "sum",
  definition = "Revenue the business attributes to its campaigns.",
  range = { min = 0 }
}

---------------------------------------------------------------------------
-- Derived
---------------------------------------------------------------------------
metric "marketing.spend_pct" {
  definition = "Marketing spend as a share of revenue.",
  basis = "the channels file's spend / revenue first; else marketing spend / revenue",
  label = "Marketing spend % of revenue", unit = "%", better = "lower", rollup = "derived",
  inputs = { "marketing.marketing_spend", "finance.revenue" },
  prefer = { "marketing.channel_spend_pct" },
  compute = function (m) return kit.pct(m["marketing.marketing_spend"], m["finance.revenue"]) end,
  -- not scored: neither more nor less is better in itself; rules MKT-0070 and MKT-0080 judge it with ROAS
}

metric "marketing.cac" {
  definition = "What it costs on average to win one new customer.",
  basis = "the channels file's spend / new customers first; else marketing spend / new customers from the totals",
  label = "Customer acquisition cost (blended)", unit = "currency", better = "lower", rollup = "derived",
  inputs = { "marketing.marketing_spend", "marketing.new_customers" },
  prefer = { "marketing.channel_cac_blended" },
  compute = function (m) return kit.div(m["marketing.marketing_spend"], m["marketing.new_customers"]) end,
  -- not scored as an amount: judged against what a customer earns (cac_payback_months)
}

metric "marketing.cac_payback_months" {
  definition = "How many months of a new customer's gross profit it takes to earn back what winning the customer cost.",
  basis = "the channels file's payback first (CAC / a new customer's 12-month CLV x gross margin / 12); else CAC / (gross profit per active customer per month)",
  label = "CAC payback (months of gross profit per customer)", unit = "months", better = "lower", rollup = "derived",
  inputs = { "marketing.cac", "finance.revenue", "finance.cogs", "customer.active_customers" },
  -- One concept, one number: the channels file's payback (CAC over the gross margin of what a new
  -- customer buys in 12 months) comes first, since it measures new customers; without it, the
  -- average active customer's gross profit stands in.
  prefer = { "marketing.channel_cac_payback_months" },
  compute = function (m, p)
    local active = m["customer.active_customers"]
    if active <= 0 then return nil end
    local monthly_gp = (m["finance.revenue"] - m["finance.cogs"]) / active / p.months
    if monthly_gp <= 0 then return nil end
    return m["marketing.cac"] / monthly_gp
  end,
  goalposts = { worst = 24, best = 6,
    source = "Rule of thumb: recover customer acquisition cost within 12 months (David Skok, 'SaaS Metrics 2.0', "
          .. "forEntrepreneurs.com)" },
  weight = 1.5,
}

metric "marketing.visit_to_lead_pct" {
  definition = "The share of website visits that turned into leads.",
  basis = "the channels file's rate over channels reporting both visits and leads first (honest denominator); else leads / website visits from the totals",
  label = "Visit to lead conversion", unit = "%", better = "higher", rollup = "derived",
  inputs = { "marketing.leads", "marketing.website_visits" },
  -- Honest denominators: the channels file's rate counts only channels that report both visits
  -- and leads, so it comes first; the totals may count leads from channels that track no visits.
  prefer = { "marketing.channel_visit_to_lead_pct" },
  compute = function (m) return kit.pct(m["marketing.leads"], m["marketing.website_visits"]) end,
  goalposts = { worst = 0.5, best = 5,
    source = "Rule of thumb of this playbook; landing-page benchmark studies (e.g. Unbounce Conversion Benchmark "
          .. "Report) put median conversion rates in the single digits" },
}

metric "marketing.lead_to_customer_pct" {
  definition = "The share of leads that became customers.",
  basis = "the channels file's rate over channels reporting both leads and new customers first; else new customers / leads from the totals",
  label = "Lead to customer conversion", unit = "%", better = "higher", rollup = "derived",
  inputs = { "marketing.new_customers", "marketing.leads" },
  prefer = { "marketing.channel_lead_to_customer_pct" },
  compute = function (m) return kit.pct(m["marketing.new_customers"], m["marketing.leads"]) end,
  goalposts = { worst = 2, best = 30,
    source = "Rule of thumb of this playbook for small B2C and B2B sellers; below a few per cent, leads are "
          .. "either poorly qualified or not followed up" },
}

metric "marketing.roas" {
  definition = "Campaign revenue for each unit of campaign spend.",
  basis = "the channels file's revenue / spend over channels reporting revenue first; else campaign revenue / marketing spend from the totals",
  label = "Return on ad spend (campaign revenue / spend)", unit = "ratio", better = "higher", rollup = "derived",
  inputs = { "marketing.marketing_revenue", "marketing.marketing_spend" },
  prefer = { "marketing.channel_roas" },
  compute = function (m) return kit.div(m["marketing.marketing_revenue"], m["marketing.marketing_spend"]) end,
  goalposts = { worst = 1, best = 5,
    source = "ROAS below 1 returns less revenue than the ad spend; 4:1 is a widely quoted e-commerce rule of thumb; "
          .. "break-even ROAS = 1 / gross margin" },
  weight = 1.5,
}

metric "marketing.break_even_roas" {
  definition = "The campaign revenue per unit of ad spend at which campaigns just pay for themselves at today's gross margin.",
  label = "Break-even ROAS (1 / gross margin)", unit = "ratio", better = "lower", rollup = "derived",
  inputs = { "finance.gross_margin_pct" },
  compute = function (m)
    local gm = m["finance.gross_margin_pct"]
    if gm <= 0 then return nil end
    return 100 / gm
  end,
  -- not scored: the yardstick for ROAS (rule MKT-0020)
}

---------------------------------------------------------------------------
-- Maturity questions (the seed's marketing rows)
---------------------------------------------------------------------------
question "marketing.q_channels" {
  text = "How many marketing channels do you use, and do they work together?",
  answers = { none = 0, single = 25, several = 60, integrated = 100 },
}

question "marketing.q_content" {
  text = "How is marketing content (posts, articles, videos, newsletters) produced?",
  answers = { none = 0, occasional = 30, planned = 70, ["data-driven"] = 100 },
}

question "marketing.q_automation" {
  text = "Which marketing tasks run automatically?",
  answers = { none = 0, basic = 40, ["triggered-flows"] = 75, personalised = 100 },
}

question "marketing.q_measurement" {
  text = "How do you measure what each campaign brings in?",
  answers = { none = 0, ["platform-reports"] = 35, ["tracked-conversions"] = 70, attribution = 100 },
}

---------------------------------------------------------------------------
-- Rules
---------------------------------------------------------------------------
rule "MKT-0010" {
  area = "marketing", kind = "weakness", severity = "high",
  metrics = { "marketing.roas" },
  when = function (m) return m["marketing.roas"] < 1 end,
  title = "Campaigns bring in less than they cost",
  detail = "Every 1 spent on campaigns brings {marketing.roas:%.2f} of revenue.",
  recommend = { "MKT-stop-losers", "MKT-tracking" },
}

rule "MKT-0020" {
  area = "marketing", kind = "weakness", severity = "medium",
  metrics = { "marketing.roas", "marketing.break_even_roas" },
  when = function (m)
    return m["marketing.roas"] >= 1 and m["marketing.roas"] < m["marketing.break_even_roas"]
  end,
  title = "Campaigns cover the ads but not the goods",
  detail = "ROAS is {marketing.roas:%.2f}; at this gross margin campaigns break even only at "
        .. "{marketing.break_even_roas:%.2f}.",
  recommend = { "MKT-stop-losers", "MKT-landing-pages" },
}

rule "MKT-0030" {
  area = "marketing", kind = "opportunity", severity = "medium",
  metrics = { "marketing.roas" },
  when = function (m) return m["marketing.roas"] >= 4 end,
  title = "Campaigns earn well: room to scale",
  detail = "Every 1 spent brings {marketing.roas:%.2f} of revenue, above the 4:1 rule of thumb.",
  recommend = { "MKT-scale-winners" },
}

rule "MKT-0040" {
  area = "marketing", kind = "weakness", severity = "medium",
  metrics = { "marketing.cac_payback_months", "marketing.cac" },
  when = function (m) return m["marketing.cac_payback_months"] > 12 end,
  title = "New customers take over a year to pay back",
  detail = "A new customer costs {marketing.cac:%.0f} to win and takes {marketing.cac_payback_months:%.1f} "
        .. "months of gross profit to repay it; the rule of thumb is under 12.",
  recommend = { "MKT-referral", "MKT-lead-follow-up", "MKT-email-automation" },
}

rule "MKT-0050" {
  area = "marketing", kind = "weakness", severity = "medium",
  metrics = { "marketing.visit_to_lead_pct" },
  when = function (m) return m["marketing.visit_to_lead_pct"] < 1 end,
  title = "Website visitors rarely get in touch",
  detail = "Only {marketing.visit_to_lead_pct:%.2f}% of visits become a lead.",
  recommend = { "MKT-landing-pages" },
}

rule "MKT-0060" {
  area = "marketing", kind = "weakness", severity = "medium",
  metrics = { "marketing.lead_to_customer_pct" },
  when = function (m) return m["marketing.lead_to_customer_pct"] < 5 end,
  title = "Leads are not converted",
  detail = "{marketing.lead_to_customer_pct:%.1f}% of leads become customers.",
  recommend = { "MKT-lead-follow-up", "MKT-crm-nurture" },
}

rule "MKT-0070" {
  area = "marketing", kind = "opportunity", severity = "low",
  metrics = { "marketing.spend_pct" },
  when = function (m) return m["marketing.spend_pct"] < 2 end,
  title = "Very little is invested in marketing",
  detail = "Marketing takes {marketing.spend_pct:%.1f}% of revenue; the often-quoted US Small Business "
        .. "Administration guidance for small firms is 7-8%.",
  recommend = { "MKT-channel-test", "MKT-local-seo" },
}

rule "MKT-0080" {
  area = "marketing", kind = "weakness", severity = "high",
  metrics = { "marketing.spend_pct", "marketing.roas" },
  when = function (m) return m["marketing.spend_pct"] > 15 and m["marketing.roas"] < 2 end,
  title = "Heavy marketing spend with weak returns",
  detail = "Marketing takes {marketing.spend_pct:%.1f}% of revenue and returns {marketing.roas:%.2f} per 1 spent.",
  recommend = { "MKT-stop-losers", "MKT-tracking" },
}

rule "MKT-0090" {
  area = "marketing", kind = "weakness", severity = "medium",
  metrics = { "marketing.q_measurement" },
  when = function (m) return m["marketing.q_measurement"] < 70 end,
  title = "Campaign results are not tracked to sales",
  detail = "Marketing measurement scores {marketing.q_measurement:%.0f}/100: it is not known which spend "
        .. "brings customers.",
  recommend = { "MKT-tracking", "MKT-dashboard" },
}

rule "MKT-0100" {
  area = "marketing", kind = "threat", severity = "medium",
  metrics = { "marketing.q_channels" },
  when = function (m) return m["marketing.q_channels"] < 30 end,
  title = "Customers come through one channel or none",
  detail = "Channel maturity scores {marketing.q_channels:%.0f}/100: a change in one platform's rules or prices "
        .. "can cut the flow of customers.",
  recommend = { "MKT-channel-test", "MKT-local-seo" },
}

rule "MKT-0110" {
  area = "marketing", kind = "opportunity", severity = "low",
  metrics = { "marketing.q_automation" },
  when = function (m) return m["marketing.q_automation"] < 40 end,
  title = "No marketing automation",
  detail = "Marketing automation scores {marketing.q_automation:%.0f}/100; welcome and win-back e-mails run "
        .. "themselves once set up.",
  recommend = { "MKT-email-automation" },
}

rule "MKT-0120" {
  area = "marketing", kind = "opportunity", severity = "low",
  metrics = { "marketing.q_content" },
  when = function (m) return m["marketing.q_content"] < 30 end,
  title = "No content to attract customers",
  detail = "Content maturity scores {marketing.q_content:%.0f}/100.",
  recommend = { "MKT-content-calendar" },
}

rule "MKT-0130" {
  area = "marketing", kind = "strength", severity = "medium",
  recommend = {},
  metrics = { "marketing.cac_payback_months" },
  when = function (m) return m["marketing.cac_payback_months"] <= 6 end,
  title = "New customers pay back quickly",
  detail = "Acquisition cost is recovered in {marketing.cac_payback_months:%.1f} months of gross profit.",
}

---------------------------------------------------------------------------
-- Initiatives
---------------------------------------------------------------------------
initiative "MKT-tracking" {
  area = "marketing", title = "Conversion tracking: analytics goals, UTM tags on every campaign, revenue per campaign",
  cost = 800, hours = 20, months = 1, confidence = 0.8,
  effect = { ["marketing.q_measurement"] = 50 },
}

initiative "MKT-dashboard" {
  area = "marketing", title = "Monthly marketing dashboard: spend, CAC, conversion and ROAS per channel",
  cost = 600, hours = 20, months = 1, confidence = 0.75,
  effect = { ["marketing.q_measurement"] = 30 },
  requires = { "MKT-tracking" },
}

initiative "MKT-stop-losers" {
  area = "marketing", title = "Pause campaigns that return less than they cost; keep the budget for the rest",
  cost = 0, hours = 10, months = 1, confidence = 0.75,
  effect = { ["marketing.roas"] = 1, ["marketing.spend_pct"] = -1 },
  requires = { "MKT-tracking" },
}

initiative "MKT-scale-winners" {
  area = "marketing", title = "Raise budget step by step on campaigns with ROAS above 4 while the return holds",
  cost = 3000, hours = 20, months = 3, confidence = 0.5,
  -- returns diminish as budget grows: ROAS falls a little while revenue grows
  effect = { ["finance.revenue_growth_yoy_pct"] = 3, ["marketing.roas"] = -0.5 },
  requires = { "MKT-tracking" },
}

initiative "MKT-landing-pages" {
  area = "marketing", title = "A landing page per campaign with one offer and one call to action",
  cost = 2000, hours = 30, months = 2, confidence = 0.6,
  effect = { ["marketing.visit_to_lead_pct"] = 1 },
}

initiative "MKT-lead-follow-up" {
  area = "marketing", title = "Answer every lead within one hour, with a follow-up script for the next two weeks",
  cost = 300, hours = 40, months = 1, confidence = 0.7,
  -- fast response: Oldroyd, McElheran & Elkington, 'The Short Life of Online Sales Leads', HBR 2011
  effect = { ["marketing.lead_to_customer_pct"] = 5 },
}

initiative "MKT-crm-nurture" {
  area = "marketing", title = "Nurture e-mail sequence for leads not yet ready to buy",
  cost = 1500, hours = 40, months = 2, confidence = 0.6,
  effect = { ["marketing.lead_to_customer_pct"] = 3, ["marketing.q_automation"] = 35 },
}

initiative "MKT-email-automation" {
  needs = { "online" },
  area = "marketing", title = "Automated welcome, abandoned-cart and win-back e-mails",
  cost = 1200, hours = 30, months = 2, confidence = 0.65,
  effect = { ["marketing.q_automation"] = 50, ["marketing.cac_payback_months"] = -1 },
}

initiative "MKT-segmented-offers" {
  area = "marketing", title = "Segment customers by purchase history and personalise offers",
  cost = 2000, hours = 40, months = 3, confidence = 0.5,
  effect = { ["marketing.q_automation"] = 25, ["marketing.roas"] = 0.5 },
  requires = { "MKT-email-automation" },
}

initiative "MKT-referral" {
  area = "marketing", title = "Referral programme: reward customers who bring a new customer",
  cost = 1500, hours = 30, months = 3, confidence = 0.5,
  effect = { ["marketing.cac_payback_months"] = -3 },
}

initiative "MKT-channel-test" {
  area = "marketing", title = "Test one new channel for eight weeks with a capped budget and a success threshold",
  cost = 2500, hours = 40, months = 3, confidence = 0.5,
  effect = { ["marketing.q_channels"] = 35 },
}

initiative "MKT-content-calendar" {
  area = "marketing", title = "Content calendar: one useful article or video a week, reused across channels",
  cost = 1000, hours = 60, months = 3, confidence = 0.6,
  effect = { ["marketing.q_content"] = 40, ["marketing.visit_to_lead_pct"] = 0.3 },
}

initiative "MKT-local-seo" {
  area = "marketing", title = "Complete the Google Business Profile and ask every happy customer for a review",
  cost = 300, hours = 20, months = 2, confidence = 0.7,
  effect = { ["marketing.q_channels"] = 15, ["marketing.visit_to_lead_pct"] = 0.3 },
}

---------------------------------------------------------------------------
-- Tests: known answers computed by hand
---------------------------------------------------------------------------
local Q = { days = 92, months = 3 }

function test_spend_pct(t)
  t.near(t.compute("marketing.spend_pct", { ["marketing.marketing_spend"] = 15000, ["finance.revenue"] = 300000 }), 5, 1e-9,
    "15000 / 300000 = 5%")
  t.eq(t.compute("marketing.spend_pct", { ["marketing.marketing_spend"] = 15000, ["finance.revenue"] = 0 }), nil,
    "no revenue: undefined")
end

function test_cac(t)
  t.near(t.compute("marketing.cac", { ["marketing.marketing_spend"] = 15000, ["marketing.new_customers"] = 60 }), 250, 1e-9,
    "15000 / 60 = 250")
  t.eq(t.compute("marketing.cac", { ["marketing.marketing_spend"] = 15000, ["marketing.new_customers"] = 0 }), nil,
    "no new customers: undefined")
end

function test_cac_payback(t)
  local v = { ["marketing.cac"] = 250, ["finance.revenue"] = 300000, ["finance.cogs"] = 180000,
    ["customer.active_customers"] = 500 }
  t.near(t.compute("marketing.cac_payback_months", v, Q), 3.125, 1e-9,
    "gross profit 120000 / 500 customers / 3 months = 80 a month; 250 / 80 = 3.125")
  v["finance.cogs"] = 300000
  t.eq(t.compute("marketing.cac_payback_months", v, Q), nil, "no gross profit: never pays back, undefined")
  v["finance.cogs"] = 180000; v["customer.active_customers"] = 0
  t.eq(t.compute("marketing.cac_payback_months", v, Q), nil, "no active customers: undefined")
  t.near(t.score("marketing.cac_payback_months", 15), 50, 1e-9, "15 months halfway between 24 and 6")
end

function test_visit_to_lead(t)
  t.near(t.compute("marketing.visit_to_lead_pct", { ["marketing.leads"] = 300, ["marketing.website_visits"] = 20000 }),
    1.5, 1e-9, "300 / 20000 = 1.5%")
  t.eq(t.compute("marketing.visit_to_lead_pct", { ["marketing.leads"] = 3, ["marketing.website_visits"] = 0 }), nil,
    "no visits: undefined")
  t.near(t.score("marketing.visit_to_lead_pct", 2.75), 50, 1e-9, "2.75% halfway between 0.5 and 5")
end

function test_lead_to_customer(t)
  t.near(t.compute("marketing.lead_to_customer_pct", { ["marketing.new_customers"] = 60, ["marketing.leads"] = 300 }),
    20, 1e-9, "60 / 300 = 20%")
  t.eq(t.compute("marketing.lead_to_customer_pct", { ["marketing.new_customers"] = 6, ["marketing.leads"] = 0 }), nil,
    "no leads: undefined")
  t.near(t.score("marketing.lead_to_customer_pct", 16), 50, 1e-9, "16% halfway between 2 and 30")
end

function test_roas(t)
  t.near(t.compute("marketing.roas", { ["marketing.marketing_revenue"] = 45000, ["marketing.marketing_spend"] = 15000 }),
    3, 1e-12, "45000 / 15000 = 3")
  t.eq(t.compute("marketing.roas", { ["marketing.marketing_revenue"] = 45000, ["marketing.marketing_spend"] = 0 }), nil,
    "no spend: undefined")
  t.near(t.score("marketing.roas", 3), 50, 1e-9, "3 halfway between 1 and 5")
end

function test_break_even_roas(t)
  t.near(t.compute("marketing.break_even_roas", { ["finance.gross_margin_pct"] = 40 }), 2.5, 1e-12, "1 / 0.40 = 2.5")
  t.eq(t.compute("marketing.break_even_roas", { ["finance.gross_margin_pct"] = 0 }), nil, "no margin: never breaks even")
  t.eq(t.compute("marketing.break_even_roas", { ["finance.gross_margin_pct"] = -5 }), nil, "negative margin: undefined")
end

function test_rule_MKT_0010(t)
  t.eq(t.fires("MKT-0010", { ["marketing.roas"] = 0.99 }), true, "0.99 fires")
  t.eq(t.fires("MKT-0010", { ["marketing.roas"] = 1 }), false, "1.0 does not")
end

function test_rule_MKT_0020(t)
  t.eq(t.fires("MKT-0020", { ["marketing.roas"] = 2.49, ["marketing.break_even_roas"] = 2.5 }), true, "2.49 under 2.5 fires")
  t.eq(t.fires("MKT-0020", { ["marketing.roas"] = 2.5, ["marketing.break_even_roas"] = 2.5 }), false, "at break-even does not")
  t.eq(t.fires("MKT-0020", { ["marketing.roas"] = 0.9, ["marketing.break_even_roas"] = 2.5 }), false,
    "below 1 is MKT-0010's finding, not this one")
end

function test_rule_MKT_0030(t)
  t.eq(t.fires("MKT-0030", { ["marketing.roas"] = 4 }), true, "4.0 fires")
  t.eq(t.fires("MKT-0030", { ["marketing.roas"] = 3.99 }), false, "3.99 does not")
end

function test_rule_MKT_0040(t)
  t.eq(t.fires("MKT-0040", { ["marketing.cac_payback_months"] = 12.1, ["marketing.cac"] = 500 }), true, "12.1 months fires")
  t.eq(t.fires("MKT-0040", { ["marketing.cac_payback_months"] = 12, ["marketing.cac"] = 500 }), false, "12 months does not")
end

function test_rule_MKT_0050(t)
  t.eq(t.fires("MKT-0050", { ["marketing.visit_to_lead_pct"] = 0.99 }), true, "0.99% fires")
  t.eq(t.fires("MKT-0050", { ["marketing.visit_to_lead_pct"] = 1 }), false, "1% does not")
end

function test_rule_MKT_0060(t)
  t.eq(t.fires("MKT-0060", { ["marketing.lead_to_customer_pct"] = 4.9 }), true, "4.9% fires")
  t.eq(t.fires("MKT-0060", { ["marketing.lead_to_customer_pct"] = 5 }), false, "5% does not")
end

function test_rule_MKT_0070(t)
  t.eq(t.fires("MKT-0070", { ["marketing.spend_pct"] = 1.9 }), true, "1.9% fires")
  t.eq(t.fires("MKT-0070", { ["marketing.spend_pct"] = 2 }), false, "2% does not")
end

function test_rule_MKT_0080(t)
  t.eq(t.fires("MKT-0080", { ["marketing.spend_pct"] = 15.1, ["marketing.roas"] = 1.99 }), true, "15.1% with ROAS 1.99 fires")
  t.eq(t.fires("MKT-0080", { ["marketing.spend_pct"] = 15, ["marketing.roas"] = 0.5 }), false, "15% does not")
  t.eq(t.fires("MKT-0080", { ["marketing.spend_pct"] = 30, ["marketing.roas"] = 2 }), false, "ROAS 2 does not")
end

function test_rule_MKT_0090(t)
  t.eq(t.fires("MKT-0090", { ["marketing.q_measurement"] = 35 }), true, "platform reports only (35) fires")
  t.eq(t.fires("MKT-0090", { ["marketing.q_measurement"] = 70 }), false, "tracked conversions (70) does not")
end

function test_rule_MKT_0100(t)
  t.eq(t.fires("MKT-0100", { ["marketing.q_channels"] = 25 }), true, "single channel (25) fires")
  t.eq(t.fires("MKT-0100", { ["marketing.q_channels"] = 30 }), false, "30 does not")
end

function test_rule_MKT_0110(t)
  t.eq(t.fires("MKT-0110", { ["marketing.q_automation"] = 39 }), true, "39 fires")
  t.eq(t.fires("MKT-0110", { ["marketing.q_automation"] = 40 }), false, "basic automation (40) does not")
end

function test_rule_MKT_0120(t)
  t.eq(t.fires("MKT-0120", { ["marketing.q_content"] = 29 }), true, "29 fires")
  t.eq(t.fires("MKT-0120", { ["marketing.q_content"] = 30 }), false, "occasional content (30) does not")
end

function test_rule_MKT_0130(t)
  t.eq(t.fires("MKT-0130", { ["marketing.cac_payback_months"] = 6 }), true, "6 months fires")
  t.eq(t.fires("MKT-0130", { ["marketing.cac_payback_months"] = 6.1 }), false, "6.1 months does not")
end
