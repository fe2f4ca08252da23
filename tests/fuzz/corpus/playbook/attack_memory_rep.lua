-- Attack: ask string.rep for a gigabyte (beyond 2 GiB it is a plain "too large" error).
return #string.rep("x", 1 << 30)
