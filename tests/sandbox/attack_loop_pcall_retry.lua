-- Attack: retry after each instruction-limit error.
local n = 0
repeat
  n = n + 1
  pcall(function() while true do end end)
until false
