-- Attack: load a literal bytecode chunk.
local f = assert(load("\27LuaT\0\25\147\r\n\26\n\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@\1"))
return f()
