-- Attack: exhaust memory by growing a table.
local t = {}
for i = 1, math.huge do t[i] = ("x"):rep(4000) end
