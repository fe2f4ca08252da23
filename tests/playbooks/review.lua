-- tests/playbooks/review.lua — two metrics in opposite directions, rules
-- that fire, stop and persist across cycles, an initiative to calibrate.
playbook "review" { version = "1.0" }

metric "finance.up" { label = "Up", unit = "points", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "finance.down" { label = "Down", unit = "days", better = "lower", rollup = "last",
  goalposts = { worst = 100, best = 0, source = "test" } }
metric "finance.nodata" { label = "Never observed", unit = "", better = "higher", rollup = "last",
  goalposts = { worst = 0, best = 1, source = "test" } }

weights { operations = 0, marketing = 0, customer = 0, technology = 0 }

rule "REV-low" { area = "finance", kind = "weakness", severity = "high", metrics = { "finance.up" },
  when = function (m) return m["finance.up"] < 30 end, title = "Up is low", recommend = { "REV-boost" } }
rule "REV-high" { area = "finance", kind = "strength", severity = "low", metrics = { "finance.up" },
  when = function (m) return m["finance.up"] > 60 end, title = "Up is high" }
rule "REV-always" { area = "finance", kind = "threat", severity = "medium", metrics = { "finance.down" },
  when = function (m) return m["finance.down"] > 0 end, title = "Down is above zero" }

initiative "REV-boost" { area = "finance", title = "Boost up", cost = 100, hours = 8, months = 3,
  confidence = 0.8, effect = { ["finance.up"] = 10 } }
