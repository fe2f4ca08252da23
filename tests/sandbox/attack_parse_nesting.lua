-- Attack: nest expressions beyond the parser's depth.
local f = assert(load(string.rep("(", 100000) .. "1" .. string.rep(")", 100000)))
return f()
