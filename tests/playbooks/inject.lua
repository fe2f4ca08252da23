-- tests/playbooks/inject.lua — labels, titles and details that try to drive
-- the terminal (ESC sequences, a bell) and to fake lines and table rows
-- (newlines, CR, '|'); tests/cli_safety.sh checks every rendering escapes them.
playbook "inject" { version = "1.0", description = "terminal and Markdown injection" }

metric "finance.a" { label = "A\27]0;pwned\7\27[2J | fake | row |\nOverall: 99.9 / 100", unit = "EUR",
  better = "higher", rollup = "sum", goalposts = { worst = 0, best = 100, source = "test" } }

weights { marketing = 0, customer = 0, technology = 0, operations = 0 }

rule "INJ-1" { area = "finance", kind = "weakness", severity = "medium", metrics = { "finance.a" },
  when = function (m) return true end,
  title = "T\r\27[31mred\nOverall: 99.9 / 100", detail = "D | x |\n| forged | row |" }
