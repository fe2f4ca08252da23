-- Attack: concatenate an endless virtual list.
local t = setmetatable({}, { __len = function() return 1 << 62 end, __index = function() return "" end })
return table.concat(t)
