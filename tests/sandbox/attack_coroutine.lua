-- Attack: use coroutines.
local co = coroutine.wrap(function() while true do coroutine.yield() end end)
co()
