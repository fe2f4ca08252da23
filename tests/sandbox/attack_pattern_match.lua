-- Attack: catastrophic backtracking in string.match.
return string.match(string.rep("x", 100000), ".-.-.-.-y")
