-- Attack: recurse through an __index metamethod.
local t = setmetatable({}, {})
getmetatable(t).__index = function(self, k) return self[k] end
return t.x
