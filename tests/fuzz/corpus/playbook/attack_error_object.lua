-- Attack: raise an error whose __tostring never ends.
error(setmetatable({}, { __tostring = function() while true do end end }))
