-- Attack: quadratic matching in string.gmatch.
for w in string.gmatch(string.rep("a", 200000), "(a*)*b") do end
