-- Attack: shift 2^62 elements through a lying __len.
local t = setmetatable({}, { __len = function() return 1 << 62 end })
table.insert(t, 1, "x")
