-- Attack: ask string.rep for a huge joined string.
return #string.rep("ab", 1 << 28, ",")
