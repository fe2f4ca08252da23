-- Attack: catastrophic backtracking in string.find.
return string.find(string.rep("a", 200000), string.rep("a-", 30) .. "b")
