-- Attack: catastrophic backtracking in string.gsub.
return string.gsub(string.rep("a", 5000), string.rep("a*", 20) .. "b", "")
