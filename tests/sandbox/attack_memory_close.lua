-- Attack: turn a memory error into another error from a __close method.
pcall(function()
  local guard <close> = setmetatable({}, { __close = function() error("not a limit") end })
  local s = "x"
  while true do s = s .. s end
end)
return "escaped"
