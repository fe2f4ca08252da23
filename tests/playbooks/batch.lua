-- tests/playbooks/batch.lua — the playbook of the portfolio tests: two input
-- metrics and a derived one that fails for one planted value, so one client
-- of a batch can fail while the others go on.
playbook "batch" { version = "1.0", description = "assess --all and portfolio tests" }

metric "finance.a" { label = "A", unit = "EUR", better = "higher", rollup = "sum",
  goalposts = { worst = 0, best = 100, source = "test" } }
metric "finance.b" { label = "B", unit = "days", better = "lower", rollup = "last",
  goalposts = { worst = 10, best = 0, source = "test" } }
metric "finance.a_per_b" { label = "A per B", unit = "ratio", better = "higher", rollup = "derived",
  inputs = { "finance.a", "finance.b" },
  goalposts = { worst = 0, best = 50, source = "test" },
  compute = function (m)
    if m["finance.a"] == 666 then error("planted failure") end
    if m["finance.b"] == 0 then return nil end
    return m["finance.a"] / m["finance.b"]
  end }

weights { operations = 0, marketing = 0, customer = 0, technology = 0 }

rule "BATCH-1" { area = "finance", kind = "weakness", severity = "medium", metrics = { "finance.b" },
  when = function (m) return m["finance.b"] > 5 end, title = "B is high" }
