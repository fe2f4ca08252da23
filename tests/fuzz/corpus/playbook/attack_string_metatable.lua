-- Attack: escape through the string metatable.
getmetatable("").__index = { upper = function() return "pwned" end }
