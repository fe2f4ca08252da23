-- Attack: string.packsize reads its whole 20 MiB format in C, without
-- allocating: about a tenth of a second a call, a few VM instructions each.
local f = string.rep("x", 20 << 20)
for i = 1, 100000 do string.packsize(f) end
