-- Attack: rawset into the string metatable.
rawset(getmetatable(""), "__index", {})
