-- Attack: spend C time in full collections.
for i = 1, 1e6 do collectgarbage() end
