-- Attack: produce bytecode to load.
local code = string.dump(function() return 1 end)
return load(code, "x", "b")()
