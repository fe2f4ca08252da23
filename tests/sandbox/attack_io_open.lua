-- Attack: read /etc/passwd with io.open.
local f = io.open("/etc/passwd")
return f:read("a")
