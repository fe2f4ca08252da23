-- Attack: utf8.len scans its whole 20 MiB argument in C, a few VM
-- instructions per call.
local s = string.rep("x", 20 << 20)
local n = 0
for i = 1, 1000000 do n = n + utf8.len(s) end
