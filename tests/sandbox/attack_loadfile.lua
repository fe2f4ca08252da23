-- Attack: load a file from anywhere.
local f = loadfile("/etc/passwd")
return f()
