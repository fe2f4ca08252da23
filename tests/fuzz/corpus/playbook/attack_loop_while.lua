-- Attack: loop forever with while.
while true do end
