-- Attack: move 2^63 elements in C.
table.move({}, 1, math.maxinteger - 1, 2)
