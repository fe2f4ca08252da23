-- customer.lua: smbopt's default customer playbook: loyalty (NPS, CSAT),
-- retention (churn, repeat share), service speed and complaints, plus the
-- customer maturity questions. Lifetime value from transactions (BG/NBD,
-- Gamma-Gamma, RFM) belongs to the customer plugin.

playbook "customer-default" {
  version = "1.0",
  description = "Loyalty, retention, service speed, complaints and customer-care maturity for small businesses",
}

local kit = require "smbkit"

---------------------------------------------------------------------------
-- Observed inputs (metrics CSV)
---------------------------------------------------------------------------
metric "customer.active_customers" { label = "Active customers (period end)", unit = "count", better = "higher", rollup = "last",
  definition = "How many customers were active at the end of the period.",
  range = { min = 0 }
}
metric "customer.customers_lost" { label = "Customers lost in the period", unit = "count", better = "lower", rollup = "sum",
  definition = "How many customers stopped buying in the period.",
  range = { min = 0 }
}
metric "customer.repeat_customers" { label = "Customers who bought again", unit = "count", better = "higher", rollup = "sum",
  definition = "How many customers bought again in the period.",
  range = { min = 0 }
}
metric "customer.complaints" { label = "Complaints received", unit = "count", better = "lower", rollup = "sum",
  definition = "How many complaints customers made in the period.",
  range = { min = 0 }
}

metric "customer.nps" {
  definition = "Promoters minus detractors as a percentage of everyone asked how likely they are to recommend the business (-100 to 100).",
  range = { -100, 100 },
  label = "Net Promoter Score", unit = "points", better = "higher", rollup = "mean",
  goalposts = { worst = -20, best = 60,
    source = "NPS = % promoters - % detractors on a -100..+100 scale (Reichheld 2003, 'The One Number You Need "
          .. "to Grow', HBR; Bain & Company); above 0 is positive, above 50 commonly called excellent" },
  weight = 1.5,
}

metric "customer.csat" {
  definition = "The share of surveyed customers who said they were satisfied.",
  range = { 0, 100 },
  label = "Customer satisfaction (% satisfied)", unit = "%", better = "higher", rollup = "mean",
  goalposts = { worst = 60, best = 95,
    source = "CSAT as the share answering 4 or 5 on a 5-point scale; rule of thumb of this playbook, compare "
          .. "ACSI (American Customer Satisfaction Index) national scores in the 70s on its 0-100 scale" },
}

metric "customer.first_response_hours" {
  definition = "How long, on average, a customer waits for the first answer to a request.",
  range = { min = 0 },
  label = "First response time", unit = "hours", better = "lower", rollup = "mean",
  goalposts = { worst = 48, best = 1,
    source = "Rule of thumb: answer e-mail within one business day; customer-service benchmark studies "
          .. "(e.g. SuperOffice) report average e-mail first responses of around half a day" },
}

metric "customer.resolution_hours" {
  definition = "How long, on average, it takes to settle a customer's request.",
  range = { min = 0 },
  label = "Time to resolve a request", unit = "hours", better = "lower", rollup = "mean",
  goalposts = { worst = 120, best = 8,
    source = "Rule of thumb of this playbook: most requests resolved within one business day, none left "
          .. "open beyond a working week" },
}

---------------------------------------------------------------------------
-- Derived
---------------------------------------------------------------------------
metric "customer.churn_rate_pct" {
  definition = "The share of the customers at the start of the period who were lost during it (logo churn).",
  basis = "customers lost / active customers at the end of the previous period; else / (active at the end + lost)",
  label = "Customer churn in the period", unit = "%", better = "lower", rollup = "derived",
  inputs = { "customer.customers_lost", "customer.active_customers" },
  compute = function (m)
    local lost = m["customer.customers_lost"]
    -- Logo churn: customers lost / customers at the start of the period (the previous period's
    -- end). Without it, those still active at the end plus those lost stand in (exact when the
    -- period won no new customers). One definition for every industry (the SaaS plugin's too).
    local start = m.prev and m.prev["customer.active_customers"]
    if start and start > 0 then return kit.pct(lost, start) end
    return kit.pct(lost, m["customer.active_customers"] + lost)
  end,
  -- not scored: depends on the period's length; the monthly rate below is scored
}

metric "customer.churn_monthly_pct" {
  definition = "The share of customers lost in an average month of the period (the monthly rate that compounds to the period's churn).",
  basis = "1 - (1 - period churn)^(1 / months): the one churn metric (logo churn) for every industry",
  label = "Customer churn per month", unit = "%", better = "lower", rollup = "derived",
  inputs = { "customer.churn_rate_pct" },
  compute = function (m, p)
    local c = m["customer.churn_rate_pct"] / 100
    if c < 0 or c > 1 then return nil end
    -- the monthly rate that compounds to the period's rate
    return 100 * (1 - (1 - c) ^ (1 / p.months))
  end,
  goalposts = { worst = 8, best = 1,
    source = "Rule of thumb of this playbook: at 5% a month a business loses nearly half its customers a year; "
          .. "subscription benchmarks (e.g. Recurly Research) report average monthly churn of a few per cent" },
  weight = 1.5,
}

-- Repeat buyers are counted per month and summed over a period, active
-- customers are a count at its end: over a quarter the sum could pass the
-- count, so the share is of an average month of the period.
metric "customer.repeat_share_pct" {
  definition = "The share of active customers who bought again in an average month.",
  label = "Repeat customers in an average month, % of active customers", unit = "%", better = "higher",
  rollup = "derived",
  inputs = { "customer.repeat_customers", "customer.active_customers" },
  compute = function (m, p)
    local share = kit.pct(m["customer.repeat_customers"], m["customer.active_customers"])
    if share == nil then return nil end
    return kit.per_month(share, p)
  end,
  goalposts = { worst = 10, best = 50,
    source = "Rule of thumb of this playbook; why it matters: Reichheld & Sasser, 'Zero Defections: Quality "
          .. "Comes to Services', HBR 1990" },
}

metric "customer.complaints_per_100" {
  definition = "Complaints per 100 active customers in an average month.",
  label = "Complaints per 100 customers per month", unit = "count", better = "lower", rollup = "derived",
  inputs = { "customer.complaints", "customer.active_customers" },
  compute = function (m, p)
    local per100 = kit.pct(m["customer.complaints"], m["customer.active_customers"])
    if per100 == nil then return nil end
    return kit.per_month(per100, p)
  end,
  goalposts = { worst = 3, best = 0.2,
    source = "Rule of thumb of this playbook; most dissatisfied customers never complain (TARP studies, "
          .. "John Goodman), so each complaint stands for several silent ones" },
}

---------------------------------------------------------------------------
-- Maturity questions
---------------------------------------------------------------------------
question "customer.q_feedback_loop" {
  text = "How do you collect customer feedback, and what happens with it?",
  answers = { none = 0, occasional = 33, regular = 67, ["closed-loop"] = 100 },
}

question "customer.q_loyalty_programme" {
  text = "How do you reward customers who come back?",
  answers = { none = 0, informal = 33, programme = 67, personalised = 100 },
}

question "customer.q_service_standards" {
  text = "Are there service standards (response times, tone, what staff may decide) that are written down and checked?",
  answers = { none = 0, informal = 33, written = 67, measured = 100 },
}

---------------------------------------------------------------------------
-- Rules
---------------------------------------------------------------------------
rule "CUS-0010" {
  area = "customer", kind = "weakness", severity = "high",
  metrics = { "customer.nps" },
  when = function (m) return m["customer.nps"] < 0 end,
  title = "More detractors than promoters",
  detail = "Net Promoter Score is {customer.nps:%.0f}: more customers would warn others off than recommend you.",
  recommend = { "CUS-feedback-loop", "CUS-root-cause" },
}

rule "CUS-0020" {
  area = "customer", kind = "strength", severity = "medium",
  recommend = {},
  metrics = { "customer.nps" },
  when = function (m) return m["customer.nps"] >= 50 end,
  title = "Customers recommend the business",
  detail = "Net Promoter Score is {customer.nps:%.0f}, in the range Bain calls excellent.",
}

rule "CUS-0030" {
  area = "customer", kind = "weakness", severity = "medium",
  metrics = { "customer.csat" },
  when = function (m) return m["customer.csat"] < 75 end,
  title = "Too many customers are not satisfied",
  detail = "{customer.csat:%.0f}% of customers say they are satisfied; aim for 80% or more.",
  recommend = { "CUS-service-standards", "CUS-root-cause" },
}

-- SaaS clients have SAS-0020 instead, at SaaS's 3% a month: one finding
-- for one fact.
rule "CUS-0040" {
  area = "customer", kind = "threat", severity = "high", industries = { "!saas" },
  metrics = { "customer.churn_monthly_pct", "customer.churn_rate_pct" },
  when = function (m) return m["customer.churn_monthly_pct"] > 5 end,
  title = "Customers leave fast",
  detail = "{customer.churn_rate_pct:%.1f}% of customers were lost in the period, {customer.churn_monthly_pct:%.1f}% "
        .. "a month: at over 5% a month nearly half the base must be replaced each year.",
  recommend = { "CUS-win-back", "CUS-onboarding", "CUS-key-account-calls" },
}

rule "CUS-0050" {
  area = "customer", kind = "weakness", severity = "medium",
  metrics = { "customer.repeat_share_pct" },
  when = function (m) return m["customer.repeat_share_pct"] < 20 end,
  title = "Few customers come back",
  detail = "Only {customer.repeat_share_pct:%.1f}% of active customers bought again in an average month.",
  recommend = { "CUS-loyalty-programme", "CUS-follow-up" },
}

rule "CUS-0060" {
  area = "customer", kind = "weakness", severity = "medium",
  metrics = { "customer.first_response_hours" },
  when = function (m) return m["customer.first_response_hours"] > 24 end,
  title = "Slow first response",
  detail = "Customers wait {customer.first_response_hours:%.1f} hours for a first answer; aim for one business day at most.",
  recommend = { "CUS-helpdesk", "CUS-service-standards" },
}

rule "CUS-0070" {
  area = "customer", kind = "weakness", severity = "medium",
  metrics = { "customer.resolution_hours" },
  when = function (m) return m["customer.resolution_hours"] > 72 end,
  title = "Requests stay open for days",
  detail = "A request takes {customer.resolution_hours:%.0f} hours to resolve on average.",
  recommend = { "CUS-helpdesk", "CUS-service-recovery", "CUS-faq" },
}

rule "CUS-0080" {
  area = "customer", kind = "weakness", severity = "high",
  metrics = { "customer.complaints_per_100" },
  when = function (m) return m["customer.complaints_per_100"] > 2 end,
  title = "Many complaints",
  detail = "{customer.complaints_per_100:%.1f} complaints per 100 customers a month; most unhappy customers "
        .. "never complain, so the real number is higher.",
  recommend = { "CUS-root-cause", "CUS-service-recovery" },
}

rule "CUS-0090" {
  area = "customer", kind = "threat", severity = "medium",
  metrics = { "customer.nps", "customer.churn_monthly_pct" },
  when = function (m) return m["customer.nps"] >= 30 and m["customer.churn_monthly_pct"] > 3 end,
  title = "Customers like you but drift away",
  detail = "NPS is {customer.nps:%.0f} yet {customer.churn_monthly_pct:%.1f}% of customers leave each month: "
        .. "they are not unhappy, just not reminded.",
  recommend = { "CUS-onboarding", "CUS-loyalty-programme", "CUS-follow-up" },
}

rule "CUS-0100" {
  area = "customer", kind = "opportunity", severity = "medium",
  metrics = { "customer.q_feedback_loop" },
  when = function (m) return m["customer.q_feedback_loop"] < 34 end,
  title = "Customer feedback is not collected systematically",
  detail = "Feedback practice scores {customer.q_feedback_loop:%.0f}/100.",
  recommend = { "CUS-feedback-loop" },
}

rule "CUS-0110" {
  area = "customer", kind = "opportunity", severity = "low",
  metrics = { "customer.q_loyalty_programme", "customer.repeat_share_pct" },
  when = function (m)
    return m["customer.q_loyalty_programme"] < 34 and m["customer.repeat_share_pct"] < 30
  end,
  title = "No reason given to come back",
  detail = "Loyalty practice scores {customer.q_loyalty_programme:%.0f}/100 and {customer.repeat_share_pct:%.1f}% "
        .. "of customers buy again in an average month.",
  recommend = { "CUS-loyalty-programme", "CUS-follow-up" },
}

rule "CUS-0120" {
  area = "customer", kind = "weakness", severity = "medium",
  metrics = { "customer.q_service_standards" },
  when = function (m) return m["customer.q_service_standards"] < 34 end,
  title = "No agreed service standards",
  detail = "Service standards score {customer.q_service_standards:%.0f}/100: each employee decides how fast "
        .. "and how well to answer.",
  recommend = { "CUS-service-standards" },
}

rule "CUS-0130" {
  area = "customer", kind = "opportunity", severity = "low",
  metrics = { "customer.nps" },
  when = function (m) return m["customer.nps"] >= 30 end,
  title = "Promoters could bring new customers",
  detail = "With an NPS of {customer.nps:%.0f}, many customers would recommend you if asked.",
  recommend = { "CUS-reviews-programme" },
}

---------------------------------------------------------------------------
-- Initiatives
---------------------------------------------------------------------------
initiative "CUS-feedback-loop" {
  area = "customer", title = "Short survey after each purchase; review monthly; call back every detractor",
  cost = 600, hours = 30, months = 2, confidence = 0.7,
  effect = { ["customer.q_feedback_loop"] = 50, ["customer.nps"] = 5 },
}

initiative "CUS-service-standards" {
  area = "customer", title = "Written service standards (response times, tone, what staff may decide) and training",
  cost = 800, hours = 40, months = 2, confidence = 0.7,
  effect = { ["customer.q_service_standards"] = 50, ["customer.first_response_hours"] = -8, ["customer.csat"] = 3 },
}

initiative "CUS-helpdesk" {
  area = "customer", title = "Shared inbox / helpdesk tool with response-time targets and templates",
  cost = 1200, hours = 30, months = 1, confidence = 0.75,
  effect = { ["customer.first_response_hours"] = -12, ["customer.resolution_hours"] = -24 },
}

initiative "CUS-faq" {
  area = "customer", title = "Self-service help pages for the twenty most frequent questions",
  cost = 1000, hours = 40, months = 2, confidence = 0.6,
  effect = { ["customer.complaints_per_100"] = -0.3, ["customer.resolution_hours"] = -8 },
}

initiative "CUS-service-recovery" {
  needs = { "team" },
  area = "customer", title = "Let front-line staff fix a complaint on the spot within a set budget",
  cost = 1000, hours = 20, months = 1, confidence = 0.6,
  effect = { ["customer.resolution_hours"] = -24, ["customer.csat"] = 3 },
}

initiative "CUS-root-cause" {
  area = "customer", title = "Monthly complaint review: fix the root cause of the three most frequent",
  cost = 500, hours = 40, months = 3, confidence = 0.65,
  effect = { ["customer.complaints_per_100"] = -0.5, ["customer.csat"] = 3, ["customer.nps"] = 3 },
}

initiative "CUS-loyalty-programme" {
  industries = { "retail", "restaurant", "e-commerce" },
  area = "customer", title = "Simple loyalty programme: stamp card or points with a reward customers want",
  cost = 3000, hours = 60, months = 3, confidence = 0.5,
  effect = { ["customer.repeat_share_pct"] = 5, ["customer.q_loyalty_programme"] = 50 },
}

initiative "CUS-personalised-loyalty" {
  industries = { "retail", "restaurant", "e-commerce" }, needs = { "customers" },
  area = "customer", title = "Personalised loyalty: offers based on each customer's purchase history",
  cost = 2000, hours = 40, months = 3, confidence = 0.5,
  effect = { ["customer.repeat_share_pct"] = 3, ["customer.q_loyalty_programme"] = 30 },
  requires = { "CUS-loyalty-programme" },
}

initiative "CUS-follow-up" {
  needs = { "goods" },
  area = "customer", title = "Follow up every purchase: thank-you, care tips, a reminder when it is time to reorder",
  cost = 500, hours = 20, months = 1, confidence = 0.65,
  effect = { ["customer.repeat_share_pct"] = 3 },
}

initiative "CUS-onboarding" {
  area = "customer", title = "Onboarding for new customers: what to expect in the first 90 days, a check-in call",
  cost = 1500, hours = 40, months = 2, confidence = 0.6,
  effect = { ["customer.churn_monthly_pct"] = -1 },
}

initiative "CUS-win-back" {
  area = "customer", title = "Win-back campaign: contact customers lost in the last year with a reason to return",
  cost = 800, hours = 20, months = 2, confidence = 0.5,
  effect = { ["customer.churn_monthly_pct"] = -0.5 },
}

initiative "CUS-key-account-calls" {
  area = "customer", title = "Quarterly call to the customers who bring the top 20% of revenue",
  cost = 0, hours = 40, months = 3, confidence = 0.6,
  effect = { ["customer.churn_monthly_pct"] = -0.5, ["customer.repeat_share_pct"] = 3 },
}

initiative "CUS-reviews-programme" {
  area = "customer", title = "Ask promoters for an online review or a referral",
  cost = 300, hours = 15, months = 1, confidence = 0.7,
  effect = { ["marketing.visit_to_lead_pct"] = 0.2 },
}

---------------------------------------------------------------------------
-- Tests: known answers computed by hand
---------------------------------------------------------------------------
local Q = { days = 92, months = 3 }

function test_churn_rate(t)
  t.near(t.compute("customer.churn_rate_pct", { ["customer.customers_lost"] = 25, ["customer.active_customers"] = 475 }),
    5, 1e-9, "25 lost of 475 + 25 = 5%")
  t.eq(t.compute("customer.churn_rate_pct", { ["customer.customers_lost"] = 0, ["customer.active_customers"] = 0 }), nil,
    "no customers at all: undefined")
  t.near(t.compute("customer.churn_rate_pct", { ["customer.customers_lost"] = 10, ["customer.active_customers"] = 0 }),
    100, 1e-9, "everyone lost: 100%")
end

function test_churn_monthly(t)
  t.near(t.compute("customer.churn_monthly_pct", { ["customer.churn_rate_pct"] = 27.1 }, Q), 10, 1e-9,
    "27.1% a quarter: 1 - 0.729^(1/3) = 1 - 0.9 = 10% a month")
  t.near(t.compute("customer.churn_monthly_pct", { ["customer.churn_rate_pct"] = 5 }, { days = 30, months = 1 }), 5, 1e-9,
    "a month: unchanged")
  t.near(t.compute("customer.churn_monthly_pct", { ["customer.churn_rate_pct"] = 0 }, Q), 0, 1e-12, "no churn: 0")
  t.eq(t.compute("customer.churn_monthly_pct", { ["customer.churn_rate_pct"] = 120 }, Q), nil, "over 100%: undefined")
  t.near(t.score("customer.churn_monthly_pct", 4.5), 50, 1e-9, "4.5% halfway between 8 and 1")
end

function test_repeat_share(t)
  t.near(t.compute("customer.repeat_share_pct", { ["customer.repeat_customers"] = 150, ["customer.active_customers"] = 500 },
    { days = 30, months = 1 }), 30, 1e-9, "a month: 150 / 500 = 30%")
  t.near(t.compute("customer.repeat_share_pct", { ["customer.repeat_customers"] = 540, ["customer.active_customers"] = 500 }, Q),
    36, 1e-9, "a quarter: 540 repeat buyers summed over 3 months of 500 customers = 36% a month, never over 100%")
  t.eq(t.compute("customer.repeat_share_pct", { ["customer.repeat_customers"] = 1, ["customer.active_customers"] = 0 }), nil,
    "no active customers: undefined")
  t.near(t.score("customer.repeat_share_pct", 30), 50, 1e-9, "30% halfway between 10 and 50")
end

function test_complaints_per_100(t)
  t.near(t.compute("customer.complaints_per_100", { ["customer.complaints"] = 15, ["customer.active_customers"] = 500 }, Q),
    1, 1e-9, "15 / 500 x 100 = 3 a quarter = 1 a month")
  t.eq(t.compute("customer.complaints_per_100", { ["customer.complaints"] = 15, ["customer.active_customers"] = 0 }, Q), nil,
    "no customers: undefined")
  t.near(t.score("customer.complaints_per_100", 1.6), 50, 1e-9, "1.6 halfway between 3 and 0.2")
end

function test_observed_scores(t)
  t.near(t.score("customer.nps", 20), 50, 1e-9, "NPS 20 halfway between -20 and 60")
  t.near(t.score("customer.nps", -50), 0, 1e-9, "NPS -50 scores 0")
  t.near(t.score("customer.csat", 77.5), 50, 1e-9, "CSAT 77.5% halfway between 60 and 95")
  t.near(t.score("customer.first_response_hours", 24.5), 50, 1e-9, "24.5 h halfway between 48 and 1")
  t.near(t.score("customer.resolution_hours", 64), 50, 1e-9, "64 h halfway between 120 and 8")
end

function test_rule_CUS_0010(t)
  t.eq(t.fires("CUS-0010", { ["customer.nps"] = -1 }), true, "NPS -1 fires")
  t.eq(t.fires("CUS-0010", { ["customer.nps"] = 0 }), false, "NPS 0 does not")
end

function test_rule_CUS_0020(t)
  t.eq(t.fires("CUS-0020", { ["customer.nps"] = 50 }), true, "NPS 50 fires")
  t.eq(t.fires("CUS-0020", { ["customer.nps"] = 49 }), false, "NPS 49 does not")
end

function test_rule_CUS_0030(t)
  t.eq(t.fires("CUS-0030", { ["customer.csat"] = 74.9 }), true, "74.9% fires")
  t.eq(t.fires("CUS-0030", { ["customer.csat"] = 75 }), false, "75% does not")
end

function test_rule_CUS_0040(t)
  t.eq(t.fires("CUS-0040", { ["customer.churn_monthly_pct"] = 5.1, ["customer.churn_rate_pct"] = 14.5 }), true, "5.1% fires")
  t.eq(t.fires("CUS-0040", { ["customer.churn_monthly_pct"] = 5, ["customer.churn_rate_pct"] = 14.3 }), false, "5% does not")
end

function test_rule_CUS_0050(t)
  t.eq(t.fires("CUS-0050", { ["customer.repeat_share_pct"] = 19.9 }), true, "19.9% fires")
  t.eq(t.fires("CUS-0050", { ["customer.repeat_share_pct"] = 20 }), false, "20% does not")
end

function test_rule_CUS_0060(t)
  t.eq(t.fires("CUS-0060", { ["customer.first_response_hours"] = 24.5 }), true, "24.5 h fires")
  t.eq(t.fires("CUS-0060", { ["customer.first_response_hours"] = 24 }), false, "24 h does not")
end

function test_rule_CUS_0070(t)
  t.eq(t.fires("CUS-0070", { ["customer.resolution_hours"] = 72.5 }), true, "72.5 h fires")
  t.eq(t.fires("CUS-0070", { ["customer.resolution_hours"] = 72 }), false, "72 h does not")
end

function test_rule_CUS_0080(t)
  t.eq(t.fires("CUS-0080", { ["customer.complaints_per_100"] = 2.1 }), true, "2.1 fires")
  t.eq(t.fires("CUS-0080", { ["customer.complaints_per_100"] = 2 }), false, "2.0 does not")
end

function test_rule_CUS_0090(t)
  t.eq(t.fires("CUS-0090", { ["customer.nps"] = 30, ["customer.churn_monthly_pct"] = 3.1 }), true, "NPS 30, churn 3.1% fires")
  t.eq(t.fires("CUS-0090", { ["customer.nps"] = 29, ["customer.churn_monthly_pct"] = 6 }), false, "NPS 29 does not")
  t.eq(t.fires("CUS-0090", { ["customer.nps"] = 60, ["customer.churn_monthly_pct"] = 3 }), false, "churn 3% does not")
end

function test_rule_CUS_0100(t)
  t.eq(t.fires("CUS-0100", { ["customer.q_feedback_loop"] = 33 }), true, "occasional (33) fires")
  t.eq(t.fires("CUS-0100", { ["customer.q_feedback_loop"] = 34 }), false, "34 does not")
end

function test_rule_CUS_0110(t)
  t.eq(t.fires("CUS-0110", { ["customer.q_loyalty_programme"] = 33, ["customer.repeat_share_pct"] = 29.9 }), true,
    "informal loyalty and 29.9% repeat fires")
  t.eq(t.fires("CUS-0110", { ["customer.q_loyalty_programme"] = 34, ["customer.repeat_share_pct"] = 10 }), false,
    "loyalty 34 does not")
  t.eq(t.fires("CUS-0110", { ["customer.q_loyalty_programme"] = 0, ["customer.repeat_share_pct"] = 30 }), false,
    "30% repeat does not")
end

function test_rule_CUS_0120(t)
  t.eq(t.fires("CUS-0120", { ["customer.q_service_standards"] = 33 }), true, "informal (33) fires")
  t.eq(t.fires("CUS-0120", { ["customer.q_service_standards"] = 34 }), false, "34 does not")
end

function test_rule_CUS_0130(t)
  t.eq(t.fires("CUS-0130", { ["customer.nps"] = 30 }), true, "NPS 30 fires")
  t.eq(t.fires("CUS-0130", { ["customer.nps"] = 29 }), false, "NPS 29 does not")
end
