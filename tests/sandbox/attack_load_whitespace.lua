-- Attack: load scans its whole source in C: 30 MiB of blanks is no
-- allocation and one call, a tenth of a second of lexing each time.
local s = string.rep(" ", 30 << 20)
for i = 1, 100000 do load(s) end
