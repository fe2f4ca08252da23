-- Attack: turn the limit into another error from a __close method.
pcall(function()
  local guard <close> = setmetatable({}, { __close = function() error("not a limit") end })
  while true do end
end)
return "escaped"
