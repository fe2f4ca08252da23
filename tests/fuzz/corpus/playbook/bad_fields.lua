playbook "bad" { version = 1, colour = "red" }
metric "sales.x" { better = "sideways", rollup = "sometimes", goalposts = { worst = "a" } }
rule "R" { area = "nowhere", kind = "maybe", when = 3 }
initiative "I" { cost = -1 }
