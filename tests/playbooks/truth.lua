-- tests/playbooks/truth.lua — the method of tests/cli_review_truth.sh: a
-- review's split, findings and movers computed by hand. The test derives
-- version 2 from this file with sed (the lines marked v1).
playbook "truth" { version = "1" }

metric "finance.a" { label = "Alpha", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }   -- v1 goalposts of Alpha
metric "finance.b" { label = "Beta", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "finance.revenue" { label = "Revenue", unit = "EUR", better = "higher", rollup = "sum",
  goalposts = { worst = 0, best = 1000, source = "test" } }
metric "finance.cash" { label = "Cash at bank", unit = "EUR", better = "higher", rollup = "last" }
metric "customer.c1" { label = "Care one", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "customer.c2" { label = "Care two", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "customer.c3" { label = "Care three", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "marketing.m1" { label = "Reach one", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "marketing.m2" { label = "Reach two", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "operations.d" { label = "Derived delta", unit = "points", better = "higher", rollup = "derived",
  inputs = { "finance.a" },
  compute = function (m) return 2 * m["finance.a"] end,   -- v1 computation of Derived delta
  goalposts = { worst = 0, best = 400, source = "test" } }

weights { operations = 0, technology = 0 }

rule "T-a-low" { area = "finance", kind = "weakness", severity = "high", metrics = { "finance.a" },
  when = function (m) return m["finance.a"] < 50 end, title = "Alpha is low" }
rule "T-cash" { area = "finance", kind = "threat", severity = "high", metrics = { "finance.cash" },
  when = function (m) return m["finance.cash"] < 1000 end, title = "Cash is low" }
rule "T-always" { area = "finance", kind = "strength", severity = "low", metrics = { "finance.b" },
  when = function (m) return m["finance.b"] >= 0 end, title = "Beta is measured" }
rule "T-fails" { area = "finance", kind = "weakness", severity = "low", metrics = { "finance.b" },
  when = function (m) return m["finance.b"] > 0 end,   -- v1 when of T-fails
  title = "A rule that fails later" }
rule "T-old" { area = "finance", kind = "weakness", severity = "low", metrics = { "finance.b" },   -- v1 only
  when = function (m) return m["finance.b"] > 0 end, title = "An old rule" }                       -- v1 only

initiative "T-boost" { area = "finance", title = "Sell more", cost = 100, hours = 8, months = 1,
  confidence = 0.8, effect = { ["finance.revenue"] = 30 } }
