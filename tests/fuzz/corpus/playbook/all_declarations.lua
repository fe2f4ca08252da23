playbook "retail-basics" { version = "1.2", industries = { "retail" }, description = "every declaration once" }

metric "finance.revenue" { label = "Revenue", unit = "EUR", better = "higher", rollup = "sum" }
metric "finance.cogs" { label = "COGS", unit = "EUR", better = "lower", rollup = "sum" }
metric "finance.gross_margin_pct" {
  label = "Gross margin", unit = "%", better = "higher", rollup = "derived",
  inputs = { "finance.revenue", "finance.cogs" },
  compute = function (m, p)
    if m["finance.revenue"] <= 0 then return nil end
    return 100 * (m["finance.revenue"] - m["finance.cogs"]) / m["finance.revenue"]
  end,
  goalposts = { worst = 15, best = 50, source = "test" },
  industry_goalposts = { restaurant = { worst = 55, best = 75, source = "test" } },
}
metric "finance.current_ratio" { label = "Current ratio", unit = "ratio", better = "higher", rollup = "last",
  goalposts = { bands = { 0.5, 0.8, 1.2, 1.5, 2 }, source = "test" } }
rule "FIN-0010" { area = "finance", kind = "weakness", severity = "high", metrics = { "finance.current_ratio" },
  when = function (m) return m["finance.current_ratio"] < 1.0 end,
  title = "Short-term debts exceed short-term assets", detail = "Current ratio is {finance.current_ratio:%.2f}.",
  recommend = { "FIN-collections" } }
initiative "FIN-collections" { area = "finance", title = "Collect faster", cost = 1500, hours = 40, months = 2,
  confidence = 0.7, effect = { ["finance.current_ratio"] = 0.2 }, requires = { }, excludes = { "FIN-other" } }
initiative "FIN-other" { area = "finance", title = "Borrow", cost = 100, hours = 1, months = 1,
  confidence = 0.5, effect = { ["finance.current_ratio"] = 0.1 } }
question "technology.q_offsite_backup" { text = "Backed up off-site?", answers = { no = 0, partly = 50, yes = 100 } }
goalposts "finance.current_ratio" { worst = 0.8, best = 2, source = "test", industry = "retail" }
weights { ["finance.current_ratio"] = 2, finance = 1.5 }

function test_gross_margin(t)
  t.near(t.compute("finance.gross_margin_pct", { ["finance.revenue"] = 200, ["finance.cogs"] = 150 }), 25, 1e-9, "25%")
  t.eq(t.fires("FIN-0010", { ["finance.current_ratio"] = 0.9 }), true, "fires below 1")
  t.near(t.score("finance.current_ratio", 1.2), 50, 1e-9, "bands")
end
