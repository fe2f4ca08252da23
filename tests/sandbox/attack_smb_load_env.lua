-- Attack: use smb as the environment of a chunk.
local f = load("name = 'pwned'", "x", "t", smb)
f()
