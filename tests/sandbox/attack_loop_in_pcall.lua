-- Attack: loop inside pcall and carry on.
pcall(function() while true do end end)
return "escaped"
