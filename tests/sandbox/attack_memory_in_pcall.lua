-- Attack: exhaust memory inside pcall and go on.
local ok = pcall(function()
  local s = "x"
  while true do s = s .. s end
end)
local t = {}
for i = 1, 1e6 do t[i] = i end
return "escaped"
