-- Attack: require a path above the search path.
require "../x"
