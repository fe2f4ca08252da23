-- technology.lua: smbopt's default technology playbook: automation, re-keying,
-- cloud adoption, data use, AI use and software cost, security basics, and a
-- questionnaire modelled on the EU Digital Maturity Assessment for SMEs.
-- DMA dimensions follow the JRC's 'Digital Maturity Assessment (DMA) Framework
-- and Questionnaires for SMEs/PSOs' (Kalpaka, Sörvik, Tasigiorgou, 2020); the
-- security basics follow the UK NCSC Small Business Guide and ENISA's
-- cybersecurity guide for SMEs.

playbook "technology-default" {
  version = "1.0",
  description = "Automation, cloud, data, AI, security basics and digital maturity for small businesses",
}

local kit = require "smbkit"

---------------------------------------------------------------------------
-- Observed inputs (metrics CSV)
---------------------------------------------------------------------------
metric "technology.software_cost" { label = "Software and subscriptions", unit = "currency", better = "lower", rollup = "sum",
  definition = "What software and subscriptions cost in the period.",
  range = { min = 0 }
}
metric "technology.processes_total" { label = "Key processes (count)", unit = "count", better = "higher", rollup = "last",
  definition = "How many key processes the business has (selling, invoicing, ordering, ...).",
  range = { min = 0 }
}
metric "technology.processes_automated" { label = "Key processes automated", unit = "count", better = "higher", rollup = "last",
  definition = "How many key processes run automatically.",
  range = { min = 0 }
}
metric "technology.cloud_apps" { label = "Business applications in the cloud", unit = "count", better = "higher", rollup = "last",
  definition = "How many of the business applications run in the cloud.",
  range = { min = 0 }
}
metric "technology.apps_total" { label = "Business applications", unit = "count", better = "higher", rollup = "last",
  definition = "How many business applications the business uses.",
  range = { min = 0 }
}

metric "technology.rekeying_steps" {
  definition = "How many times data are typed by hand from one system into another.",
  range = { min = 0 },
  label = "Manual re-keying steps between systems", unit = "count", better = "lower", rollup = "last",
  goalposts = { worst = 10, best = 0,
    source = "Rule of thumb of this playbook: every manual copy between systems (shop, invoicing, accounting, "
          .. "payroll) costs time and introduces errors; the target is none" },
}

metric "technology.kpis_reviewed_monthly" {
  definition = "How many key figures the owner looks at every month.",
  range = { min = 0 },
  label = "KPIs tracked and reviewed monthly", unit = "count", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 8,
    source = "Rule of thumb: a handful of KPIs reviewed every month; Parmenter, 'Key Performance Indicators' "
          .. "(Wiley), recommends no more than about ten" },
}

metric "technology.ai_use_cases" {
  definition = "How many uses of AI run in day-to-day work.",
  range = { min = 0 },
  label = "AI use cases in production", unit = "count", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 3,
    source = "Eurostat (2024): 13.5% of EU enterprises with 10 or more employees used at least one AI technology; "
          .. "goalposts are this playbook's rule of thumb" },
}

---------------------------------------------------------------------------
-- Derived
---------------------------------------------------------------------------
metric "technology.automation_share_pct" {
  definition = "The share of key processes that run automatically.",
  label = "Key processes automated", unit = "%", better = "higher", rollup = "derived",
  inputs = { "technology.processes_automated", "technology.processes_total" },
  compute = function (m)
    return kit.pct(m["technology.processes_automated"], m["technology.processes_total"])
  end,
  goalposts = { worst = 0, best = 70,
    source = "Rule of thumb of this playbook: routine rule-based processes (invoicing, reminders, bank "
          .. "reconciliation, order confirmation) can be automated with off-the-shelf tools" },
  weight = 1.5,
}

metric "technology.cloud_share_pct" {
  definition = "The share of business applications that run in the cloud.",
  label = "Business applications in the cloud", unit = "%", better = "higher", rollup = "derived",
  inputs = { "technology.cloud_apps", "technology.apps_total" },
  compute = function (m) return kit.pct(m["technology.cloud_apps"], m["technology.apps_total"]) end,
  goalposts = { worst = 0, best = 80,
    source = "Eurostat (2023): 45.2% of EU enterprises bought cloud computing services; goalposts are this "
          .. "playbook's rule of thumb" },
}

metric "technology.software_cost_per_employee" {
  definition = "Software and subscriptions per employee over a year.",
  label = "Software cost per employee (annualised)", unit = "currency", better = "lower", rollup = "derived",
  inputs = { "technology.software_cost", "operations.employees" },
  compute = function (m, p)
    local e = m["operations.employees"]
    if e <= 0 then return nil end
    return kit.per_year(m["technology.software_cost"] / e, p)
  end,
  -- not scored: spending more is fine when it replaces manual work; rule TEC-0150 judges it with automation
}

---------------------------------------------------------------------------
-- Questionnaire: EU DMA dimensions
---------------------------------------------------------------------------
question "technology.q_digital_strategy" {
  text = "Does the business have a digital plan with goals, a budget and an owner?",
  answers = { none = 0, ideas = 25, written = 60, ["funded-and-tracked"] = 100 },
}

question "technology.q_digital_readiness" {
  text = "How many core activities (selling, purchasing, invoicing, staff, delivery) run on digital tools?",
  answers = { none = 0, some = 33, most = 67, all = 100 },
}

question "technology.q_human_centric" {
  text = "Are staff trained and involved when digital tools are chosen and introduced?",
  answers = { no = 0, occasionally = 50, systematically = 100 },
}

question "technology.q_data_management" {
  text = "How are business data stored, connected and used?",
  answers = { scattered = 0, stored = 33, connected = 67, ["used-for-decisions"] = 100 },
}

question "technology.q_automation_ai" {
  text = "Which automation and AI technologies are in use?",
  answers = { none = 0, ["rule-based"] = 40, ["ai-pilot"] = 70, ["ai-in-production"] = 100 },
}

question "technology.q_green_digital" {
  text = "Are environmental effects considered in digital choices (device life, energy use, paperless processes)?",
  answers = { no = 0, some = 50, systematic = 100 },
}

-- the seed's technology-adoption rows
question "technology.q_tech_adoption" {
  text = "What kind of tools run customer management, accounting and projects?",
  answers = { paper = 0, ["basic-tools"] = 30, ["cloud-saas"] = 70, ["ai-driven"] = 100 },
}

---------------------------------------------------------------------------
-- Questionnaire: security basics
---------------------------------------------------------------------------
question "technology.q_mfa" {
  text = "Is multi-factor authentication on for e-mail, banking, accounting and administrator accounts?",
  answers = { no = 0, some = 50, all = 100 },
}

question "technology.q_offsite_backup" {
  text = "Are business data backed up off-site automatically, and is restoring them tested?",
  answers = { no = 0, manual = 40, automatic = 80, ["automatic-tested"] = 100 },
}

question "technology.q_patching" {
  text = "Are operating systems, browsers and business software updated automatically?",
  answers = { no = 0, manual = 50, automatic = 100 },
}

question "technology.q_phishing_training" {
  text = "Are staff trained to recognise phishing at least once a year?",
  answers = { never = 0, once = 40, yearly = 100 },
}

question "technology.q_passwords" {
  text = "Do all staff use unique passwords kept in a password manager?",
  answers = { no = 0, some = 50, all = 100 },
}

-- security basics weigh more than the other questions of the area
weights {
  ["technology.q_mfa"] = 1.5,
  ["technology.q_offsite_backup"] = 1.5,
}

---------------------------------------------------------------------------
-- Rules
---------------------------------------------------------------------------
rule "TEC-0010" {
  area = "technology", kind = "threat", severity = "high",
  metrics = { "technology.q_mfa" },
  when = function (m) return m["technology.q_mfa"] < 100 end,
  title = "Accounts without multi-factor authentication",
  detail = "Multi-factor authentication scores {technology.q_mfa:%.0f}/100: a stolen password is enough to "
        .. "get into e-mail, bank or accounting.",
  recommend = { "TEC-mfa", "TEC-password-manager" },
}

rule "TEC-0020" {
  area = "technology", kind = "threat", severity = "high",
  metrics = { "technology.q_offsite_backup" },
  when = function (m) return m["technology.q_offsite_backup"] < 80 end,
  title = "No automatic off-site backup",
  detail = "Backups score {technology.q_offsite_backup:%.0f}/100: ransomware, theft or a fire could erase "
        .. "the business's records.",
  recommend = { "TEC-offsite-backup" },
}

rule "TEC-0030" {
  area = "technology", kind = "threat", severity = "medium",
  metrics = { "technology.q_patching" },
  when = function (m) return m["technology.q_patching"] < 100 end,
  title = "Software is not updated automatically",
  detail = "Patching scores {technology.q_patching:%.0f}/100; known holes in unpatched software are the "
        .. "commonest way in.",
  recommend = { "TEC-auto-updates" },
}

rule "TEC-0040" {
  area = "technology", kind = "threat", severity = "medium",
  metrics = { "technology.q_phishing_training" },
  when = function (m) return m["technology.q_phishing_training"] < 100 end,
  title = "Staff are not trained against phishing every year",
  detail = "Phishing training scores {technology.q_phishing_training:%.0f}/100.",
  recommend = { "TEC-phishing-training", "TEC-password-manager" },
}

rule "TEC-0050" {
  area = "technology", kind = "weakness", severity = "medium",
  metrics = { "technology.rekeying_steps" },
  when = function (m) return m["technology.rekeying_steps"] > 2 end,
  title = "Data typed in twice",
  detail = "{technology.rekeying_steps:%.0f} steps copy data by hand from one system to another.",
  recommend = { "TEC-connect-shop-accounting", "TEC-automate-invoicing" },
}

rule "TEC-0060" {
  area = "technology", kind = "opportunity", severity = "medium",
  metrics = { "technology.automation_share_pct" },
  when = function (m) return m["technology.automation_share_pct"] < 20 end,
  title = "Little of the routine work is automated",
  detail = "{technology.automation_share_pct:%.0f}% of key processes are automated.",
  recommend = { "TEC-automate-invoicing", "TEC-crm" },
}

rule "TEC-0070" {
  area = "technology", kind = "opportunity", severity = "medium",
  metrics = { "technology.cloud_share_pct" },
  when = function (m) return m["technology.cloud_share_pct"] < 30 end,
  title = "Applications still installed on local machines",
  detail = "{technology.cloud_share_pct:%.0f}% of business applications run in the cloud.",
  recommend = { "TEC-cloud-accounting", "TEC-crm" },
}

rule "TEC-0080" {
  area = "technology", kind = "weakness", severity = "medium",
  metrics = { "technology.kpis_reviewed_monthly" },
  when = function (m) return m["technology.kpis_reviewed_monthly"] < 3 end,
  title = "The business is steered without numbers",
  detail = "{technology.kpis_reviewed_monthly:%.0f} KPIs are reviewed every month.",
  recommend = { "TEC-kpi-dashboard" },
}

rule "TEC-0090" {
  area = "technology", kind = "opportunity", severity = "low",
  metrics = { "technology.ai_use_cases", "technology.automation_share_pct" },
  when = function (m)
    return m["technology.ai_use_cases"] < 1 and m["technology.automation_share_pct"] >= 40
  end,
  title = "Ready to try AI",
  detail = "{technology.automation_share_pct:%.0f}% of processes are automated and {technology.ai_use_cases:%.0f} "
        .. "AI use cases run: the groundwork for a first AI pilot is in place.",
  recommend = { "TEC-ai-pilot" },
}

rule "TEC-0100" {
  area = "technology", kind = "weakness", severity = "medium",
  metrics = { "technology.q_digital_strategy" },
  when = function (m) return m["technology.q_digital_strategy"] < 60 end,
  title = "No digital plan",
  detail = "Digital strategy scores {technology.q_digital_strategy:%.0f}/100: tools are bought one at a time "
        .. "without goals or budget.",
  recommend = { "TEC-digital-roadmap" },
}

rule "TEC-0110" {
  area = "technology", kind = "weakness", severity = "medium",
  metrics = { "technology.q_data_management" },
  when = function (m) return m["technology.q_data_management"] < 67 end,
  title = "Business data live in separate islands",
  detail = "Data management scores {technology.q_data_management:%.0f}/100.",
  recommend = { "TEC-data-inventory", "TEC-kpi-dashboard" },
}

rule "TEC-0120" {
  area = "technology", kind = "strength", severity = "medium",
  recommend = {},
  metrics = { "technology.q_mfa", "technology.q_offsite_backup", "technology.q_patching" },
  when = function (m)
    return m["technology.q_mfa"] >= 100 and m["technology.q_offsite_backup"] >= 100
      and m["technology.q_patching"] >= 100
  end,
  title = "Security basics in place",
  detail = "Multi-factor authentication ({technology.q_mfa:%.0f}), tested off-site backups "
        .. "({technology.q_offsite_backup:%.0f}) and automatic updates ({technology.q_patching:%.0f}) are all in place.",
}

rule "TEC-0130" {
  area = "technology", kind = "weakness", severity = "low",
  metrics = { "technology.q_human_centric" },
  when = function (m) return m["technology.q_human_centric"] < 50 end,
  title = "Staff are left alone with new tools",
  detail = "Human-centric digitalisation scores {technology.q_human_centric:%.0f}/100.",
  recommend = { "TEC-digital-skills" },
}

rule "TEC-0140" {
  area = "technology", kind = "opportunity", severity = "medium",
  metrics = { "technology.q_tech_adoption" },
  when = function (m) return m["technology.q_tech_adoption"] < 70 end,
  title = "Customers, accounts and projects run on basic tools",
  detail = "Technology adoption scores {technology.q_tech_adoption:%.0f}/100; cloud tools for CRM, accounting "
        .. "and projects are the next step.",
  recommend = { "TEC-cloud-accounting", "TEC-crm" },
}

rule "TEC-0150" {
  area = "technology", kind = "weakness", severity = "low",
  metrics = { "technology.software_cost_per_employee", "technology.automation_share_pct" },
  when = function (m)
    return m["technology.software_cost_per_employee"] > 3000 and m["technology.automation_share_pct"] < 20
  end,
  title = "Software spend without automation",
  detail = "Software costs {technology.software_cost_per_employee:%.0f} per employee a year, yet only "
        .. "{technology.automation_share_pct:%.0f}% of key processes are automated.",
  recommend = { "TEC-software-audit", "TEC-automate-invoicing" },
}

---------------------------------------------------------------------------
-- Initiatives
---------------------------------------------------------------------------
initiative "TEC-mfa" {
  area = "technology", title = "Turn on multi-factor authentication for e-mail, banking, accounting and admin accounts",
  cost = 200, hours = 16, months = 1, confidence = 0.9,
  effect = { ["technology.q_mfa"] = 100 },
}

initiative "TEC-password-manager" {
  area = "technology", title = "Business password manager for all staff; unique passwords everywhere",
  cost = 600, hours = 20, months = 1, confidence = 0.8,
  effect = { ["technology.q_passwords"] = 100 },
}

initiative "TEC-offsite-backup" {
  area = "technology", title = "Automatic daily off-site backup of all business data, restore tested every quarter",
  cost = 600, hours = 16, months = 1, confidence = 0.9,
  effect = { ["technology.q_offsite_backup"] = 100 },
}

initiative "TEC-auto-updates" {
  area = "technology", title = "Automatic updates on all computers and phones; replace devices no longer updated",
  cost = 1000, hours = 16, months = 1, confidence = 0.85,
  effect = { ["technology.q_patching"] = 100 },
}

initiative "TEC-phishing-training" {
  area = "technology", title = "Yearly phishing-awareness training with a simulated phishing test",
  cost = 500, hours = 20, months = 1, confidence = 0.75,
  effect = { ["technology.q_phishing_training"] = 100 },
}

initiative "TEC-cloud-accounting" {
  area = "technology", title = "Move to cloud accounting with bank feeds",
  cost = 1500, hours = 60, months = 2, confidence = 0.75,
  effect = { ["technology.cloud_share_pct"] = 15, ["technology.q_tech_adoption"] = 40,
             ["technology.rekeying_steps"] = -1, ["technology.automation_share_pct"] = 10 },
}

initiative "TEC-connect-shop-accounting" {
  industries = { "retail", "restaurant", "e-commerce" },
  area = "technology", title = "Connect the shop or till to accounting so sales and fees post automatically",
  cost = 1500, hours = 30, months = 2, confidence = 0.7,
  effect = { ["technology.rekeying_steps"] = -2, ["technology.automation_share_pct"] = 10 },
  requires = { "TEC-cloud-accounting" },
}

initiative "TEC-automate-invoicing" {
  area = "technology", title = "Automate invoicing and payment reminders: e-invoices straight from orders",
  cost = 1200, hours = 40, months = 2, confidence = 0.75,
  effect = { ["technology.automation_share_pct"] = 10, ["technology.rekeying_steps"] = -1, ["finance.dso_days"] = -5 },
}

initiative "TEC-crm" {
  area = "technology", title = "Cloud CRM for contacts, quotes and follow-ups",
  cost = 2000, hours = 60, months = 3, confidence = 0.65,
  effect = { ["technology.q_tech_adoption"] = 20, ["technology.automation_share_pct"] = 5,
             ["technology.cloud_share_pct"] = 10 },
}

initiative "TEC-kpi-dashboard" {
  area = "technology", title = "KPI dashboard fed from accounting and the sales system, reviewed at a monthly meeting",
  cost = 1500, hours = 40, months = 2, confidence = 0.7,
  effect = { ["technology.kpis_reviewed_monthly"] = 6, ["technology.q_data_management"] = 33 },
}

initiative "TEC-data-inventory" {
  area = "technology", title = "Data inventory: where each kind of business data lives, who owns it, how it connects",
  cost = 800, hours = 30, months = 1, confidence = 0.7,
  effect = { ["technology.q_data_management"] = 33 },
}

initiative "TEC-ai-pilot" {
  area = "technology", title = "Pilot an AI assistant for one task (e-mail drafts, bookkeeping categories) with data-protection rules",
  cost = 1500, hours = 40, months = 2, confidence = 0.55,
  effect = { ["technology.ai_use_cases"] = 1, ["technology.q_automation_ai"] = 30 },
}

initiative "TEC-digital-roadmap" {
  area = "technology", title = "One-page digital roadmap: goals, budget and owner, reviewed every quarter",
  cost = 1500, hours = 24, months = 1, confidence = 0.7,
  effect = { ["technology.q_digital_strategy"] = 60 },
}

initiative "TEC-digital-skills" {
  area = "technology", title = "Digital skills plan: train staff on their tools and involve them in choosing new ones",
  cost = 1500, hours = 60, months = 3, confidence = 0.65,
  effect = { ["technology.q_human_centric"] = 50 },
}

initiative "TEC-software-audit" {
  area = "technology", title = "Audit subscriptions: cancel unused licences, merge overlapping tools",
  cost = 0, hours = 12, months = 1, confidence = 0.8,
  effect = { ["technology.software_cost_per_employee"] = -300 },
}

initiative "TEC-green-it" {
  area = "technology", title = "Greener IT: longer device life, paperless invoicing and documents, efficient hosting",
  cost = 500, hours = 16, months = 2, confidence = 0.7,
  effect = { ["technology.q_green_digital"] = 50 },
}

---------------------------------------------------------------------------
-- Tests: known answers computed by hand
---------------------------------------------------------------------------
local Q = { days = 92, months = 3 }

function test_automation_share(t)
  t.near(t.compute("technology.automation_share_pct", { ["technology.processes_automated"] = 6,
    ["technology.processes_total"] = 20 }), 30, 1e-9, "6 of 20 processes = 30%")
  t.eq(t.compute("technology.automation_share_pct", { ["technology.processes_automated"] = 0,
    ["technology.processes_total"] = 0 }), nil, "no processes listed: undefined")
  t.near(t.score("technology.automation_share_pct", 35), 50, 1e-9, "35% halfway between 0 and 70")
end

function test_cloud_share(t)
  t.near(t.compute("technology.cloud_share_pct", { ["technology.cloud_apps"] = 9, ["technology.apps_total"] = 12 }), 75, 1e-9,
    "9 of 12 applications = 75%")
  t.eq(t.compute("technology.cloud_share_pct", { ["technology.cloud_apps"] = 0, ["technology.apps_total"] = 0 }), nil,
    "no applications: undefined")
  t.near(t.score("technology.cloud_share_pct", 40), 50, 1e-9, "40% halfway between 0 and 80")
end

function test_software_cost_per_employee(t)
  t.near(t.compute("technology.software_cost_per_employee", { ["technology.software_cost"] = 4500,
    ["operations.employees"] = 5 }, Q), 3600, 1e-9, "4500 a quarter / 5 people x 4 = 3600 a year")
  t.eq(t.compute("technology.software_cost_per_employee", { ["technology.software_cost"] = 4500,
    ["operations.employees"] = 0 }, Q), nil, "no employees: undefined")
end

function test_observed_scores(t)
  t.near(t.score("technology.rekeying_steps", 5), 50, 1e-9, "5 steps halfway between 10 and 0")
  t.near(t.score("technology.rekeying_steps", 0), 100, 1e-9, "no re-keying scores 100")
  t.near(t.score("technology.kpis_reviewed_monthly", 4), 50, 1e-9, "4 KPIs halfway between 0 and 8")
  t.near(t.score("technology.ai_use_cases", 1.5), 50, 1e-9, "1.5 halfway between 0 and 3")
end

function test_rule_TEC_0010(t)
  t.eq(t.fires("TEC-0010", { ["technology.q_mfa"] = 50 }), true, "some accounts (50) fires")
  t.eq(t.fires("TEC-0010", { ["technology.q_mfa"] = 99 }), true, "99 fires")
  t.eq(t.fires("TEC-0010", { ["technology.q_mfa"] = 100 }), false, "all accounts (100) does not")
end

function test_rule_TEC_0020(t)
  t.eq(t.fires("TEC-0020", { ["technology.q_offsite_backup"] = 79 }), true, "79 fires")
  t.eq(t.fires("TEC-0020", { ["technology.q_offsite_backup"] = 80 }), false, "automatic (80) does not")
end

function test_rule_TEC_0030(t)
  t.eq(t.fires("TEC-0030", { ["technology.q_patching"] = 99 }), true, "99 fires")
  t.eq(t.fires("TEC-0030", { ["technology.q_patching"] = 100 }), false, "automatic (100) does not")
end

function test_rule_TEC_0040(t)
  t.eq(t.fires("TEC-0040", { ["technology.q_phishing_training"] = 40 }), true, "trained once (40) fires")
  t.eq(t.fires("TEC-0040", { ["technology.q_phishing_training"] = 100 }), false, "yearly (100) does not")
end

function test_rule_TEC_0050(t)
  t.eq(t.fires("TEC-0050", { ["technology.rekeying_steps"] = 3 }), true, "3 steps fires")
  t.eq(t.fires("TEC-0050", { ["technology.rekeying_steps"] = 2 }), false, "2 steps does not")
end

function test_rule_TEC_0060(t)
  t.eq(t.fires("TEC-0060", { ["technology.automation_share_pct"] = 19.9 }), true, "19.9% fires")
  t.eq(t.fires("TEC-0060", { ["technology.automation_share_pct"] = 20 }), false, "20% does not")
end

function test_rule_TEC_0070(t)
  t.eq(t.fires("TEC-0070", { ["technology.cloud_share_pct"] = 29.9 }), true, "29.9% fires")
  t.eq(t.fires("TEC-0070", { ["technology.cloud_share_pct"] = 30 }), false, "30% does not")
end

function test_rule_TEC_0080(t)
  t.eq(t.fires("TEC-0080", { ["technology.kpis_reviewed_monthly"] = 2 }), true, "2 KPIs fires")
  t.eq(t.fires("TEC-0080", { ["technology.kpis_reviewed_monthly"] = 3 }), false, "3 KPIs does not")
end

function test_rule_TEC_0090(t)
  t.eq(t.fires("TEC-0090", { ["technology.ai_use_cases"] = 0, ["technology.automation_share_pct"] = 40 }), true,
    "no AI at 40% automation fires")
  t.eq(t.fires("TEC-0090", { ["technology.ai_use_cases"] = 0, ["technology.automation_share_pct"] = 39.9 }), false,
    "39.9% automation does not")
  t.eq(t.fires("TEC-0090", { ["technology.ai_use_cases"] = 1, ["technology.automation_share_pct"] = 80 }), false,
    "one AI use case does not")
end

function test_rule_TEC_0100(t)
  t.eq(t.fires("TEC-0100", { ["technology.q_digital_strategy"] = 59 }), true, "59 fires")
  t.eq(t.fires("TEC-0100", { ["technology.q_digital_strategy"] = 60 }), false, "written plan (60) does not")
end

function test_rule_TEC_0110(t)
  t.eq(t.fires("TEC-0110", { ["technology.q_data_management"] = 66 }), true, "66 fires")
  t.eq(t.fires("TEC-0110", { ["technology.q_data_management"] = 67 }), false, "connected (67) does not")
end

function test_rule_TEC_0120(t)
  local v = { ["technology.q_mfa"] = 100, ["technology.q_offsite_backup"] = 100, ["technology.q_patching"] = 100 }
  t.eq(t.fires("TEC-0120", v), true, "all three at 100 fire")
  v["technology.q_offsite_backup"] = 99
  t.eq(t.fires("TEC-0120", v), false, "backup 99 does not")
end

function test_rule_TEC_0130(t)
  t.eq(t.fires("TEC-0130", { ["technology.q_human_centric"] = 49 }), true, "49 fires")
  t.eq(t.fires("TEC-0130", { ["technology.q_human_centric"] = 50 }), false, "occasionally (50) does not")
end

function test_rule_TEC_0140(t)
  t.eq(t.fires("TEC-0140", { ["technology.q_tech_adoption"] = 69 }), true, "69 fires")
  t.eq(t.fires("TEC-0140", { ["technology.q_tech_adoption"] = 70 }), false, "cloud SaaS (70) does not")
end

function test_rule_TEC_0150(t)
  t.eq(t.fires("TEC-0150", { ["technology.software_cost_per_employee"] = 3001,
    ["technology.automation_share_pct"] = 19.9 }), true, "3001 a head at 19.9% automation fires")
  t.eq(t.fires("TEC-0150", { ["technology.software_cost_per_employee"] = 3000,
    ["technology.automation_share_pct"] = 0 }), false, "3000 a head does not")
  t.eq(t.fires("TEC-0150", { ["technology.software_cost_per_employee"] = 9000,
    ["technology.automation_share_pct"] = 20 }), false, "20% automation does not")
end
