-- Attack (needs the clock): table.unpack walks a 1990-long __index chain for
-- each of 900,000 values inside C.
local base = {}
local cur = base
for i = 1, 1990 do
  local nxt = {}
  setmetatable(cur, { __index = nxt })
  cur = nxt
end
return select("#", table.unpack(base, 1, 900000))
