-- Attack: replace the metatable of smb.
setmetatable(smb, { __index = function() return "pwned" end })
