-- tests/playbooks/hand.lua — a playbook small enough to check by hand:
-- three metrics in two areas, equal area weights for those two only.
playbook "hand" { version = "1.0", description = "hand-computed cycle test" }

metric "finance.a" { label = "A", unit = "EUR", better = "higher", rollup = "sum",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "finance.b" { label = "B", unit = "days", better = "lower", rollup = "last", weight = 3,
  goalposts = { worst = 10, best = 0, source = "test" } }
metric "operations.c" { label = "C", unit = "%", better = "higher", rollup = "mean",
  goalposts = { worst = 0, best = 50, source = "test" } }
metric "finance.a_per_b" { label = "A per B", unit = "ratio", better = "higher", rollup = "derived",
  inputs = { "finance.a", "finance.b" },
  compute = function (m) if m["finance.b"] == 0 then return nil end return m["finance.a"] / m["finance.b"] end }

weights { marketing = 0, customer = 0, technology = 0 }

rule "HAND-1" { area = "finance", kind = "weakness", severity = "medium", metrics = { "finance.b" },
  when = function (m) return m["finance.b"] < 3 end,
  title = "B is low", detail = "B is {finance.b:%.1f} and A is {finance.a:%.0f}.", recommend = { "HAND-up" } }
rule "HAND-2" { area = "operations", kind = "threat", severity = "high", metrics = { "operations.c" },
  when = function (m) return true end, title = "never evaluated: C is missing" }

initiative "HAND-up" { area = "finance", title = "Raise A", cost = 500, hours = 4, months = 1,
  confidence = 0.5, effect = { ["finance.a"] = 20 } }

function test_a_per_b(t)
  t.near(t.compute("finance.a_per_b", { ["finance.a"] = 60, ["finance.b"] = 2 }), 30, 1e-12, "60 / 2")
  t.eq(t.compute("finance.a_per_b", { ["finance.a"] = 60, ["finance.b"] = 0 }), nil, "no division by zero")
  t.eq(t.fires("HAND-1", { ["finance.b"] = 2.9 }), true, "fires below 3")
  t.eq(t.fires("HAND-1", { ["finance.b"] = 3 }), false, "not at 3")
  t.near(t.score("finance.b", 2), 80, 1e-12, "b=2 scores 80")
end
