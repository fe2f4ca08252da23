playbook "cycle" { version = "1" }
metric "finance.x" { better = "higher", rollup = "derived", inputs = { "finance.y" },
  compute = function (m) return m["finance.y"] end, goalposts = { worst = 0, best = 1, source = "t" } }
metric "finance.y" { better = "higher", rollup = "derived", inputs = { "finance.x" },
  compute = function (m) return m["finance.x"] end, goalposts = { worst = 0, best = 1, source = "t" } }
function test_cycle(t) t.eq(1, 1, "one") end
