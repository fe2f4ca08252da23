-- Attack (needs the clock): every lookup walks a 1990-long __index chain
-- inside one VM instruction, so the instruction count barely moves.
local base = {}
local cur = base
for i = 1, 1990 do
  local nxt = {}
  setmetatable(cur, { __index = nxt })
  cur = nxt
end
while true do local _ = base.missing end
