-- tests/sandbox/lib/helper.lua — a helper module a playbook may require from
-- the search path.
local M = {}

function M.pct(part, whole)
  return 100 * part / whole
end

-- "{finance.current_ratio}" style placeholders, as rule texts use them.
function M.fill(template, values)
  return (template:gsub("{([%w_.]+)}", function (k) return tostring(values[k]) end))
end

return M
