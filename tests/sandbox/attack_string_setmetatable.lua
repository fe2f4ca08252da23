-- Attack: give strings another metatable.
setmetatable("", { __index = {} })
