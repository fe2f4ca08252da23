-- Attack: the same sort with a comparator of one instruction: each call
-- is a 20 MiB comparison in C between two counts of the hook.
local s = string.rep("x", 20 << 20)
local t = {}
for i = 1, 100000 do t[i] = s end
table.sort(t, function (a, b) return a < b end)
