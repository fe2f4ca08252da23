-- Attack: recurse through a string.gsub callback.
local function f() return (("x"):gsub("x", f)) end
return f()
