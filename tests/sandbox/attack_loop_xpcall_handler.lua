-- Attack: loop inside the xpcall message handler.
xpcall(function() error("first") end, function() while true do end end)
return "escaped"
