-- Attack: quadratic plain search in string.find.
return string.find(string.rep("a", 1 << 22), string.rep("a", 1 << 16) .. "b", 1, true)
