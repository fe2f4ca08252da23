-- Attack: exhaust memory by doubling a string.
local s = "x"
while true do s = s .. s end
