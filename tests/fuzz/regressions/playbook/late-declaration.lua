playbook "k" { version = "1" }
local keep = playbook
local m = metric "finance.z"
function test_late(t) keep "again" { version = "2" } end
function test_late_metric(t) m { label = "z" } end
