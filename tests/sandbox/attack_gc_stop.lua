-- Attack: stop the garbage collector.
collectgarbage("stop")
local t = {}
for i = 1, 1e7 do t[i] = {} end
