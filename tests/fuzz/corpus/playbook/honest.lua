-- tests/sandbox/honest.lua — an honest playbook that runs beside the attacks
-- and must keep giving the same answer.
local helper = require "helper"

SECRET = "only this playbook can read this"

local sales = { 1200.5, 980.25, 1430.0, 1100.75 }
local cogs = 3000

-- 4711.5 (sales) + 980.25 (smallest) + 7 (words) + 5 (utf8 length) = 5703.75
function compute()
  local total = 0
  for _, v in ipairs(sales) do total = total + v end
  local sorted = { table.unpack(sales) }
  table.sort(sorted)
  local words = 0
  for _ in string.gmatch("Short-term debts exceed short-term assets", "%a+") do
    words = words + 1
  end
  local margin = helper.pct(total - cogs, total)
  local label = helper.fill("{name}: gross margin {margin}%",
                            { name = smb.name, margin = string.format("%.2f", margin) })
  return total + sorted[1] + words + utf8.len("Größe"), label
end
