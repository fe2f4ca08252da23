-- Attack: unpack a hundred million values.
return select("#", table.unpack({}, 1, 1e8))
