-- Attack: load with binary mode.
local f = assert(load("return 1", "chunk", "b"))
return f()
