-- Attack: sort 100,000 copies of a 20 MiB string with the default order:
-- every comparison reads 20 MiB in C, where the count hook never runs.
local s = string.rep("x", 20 << 20)
local t = {}
for i = 1, 100000 do t[i] = s end
table.sort(t)
