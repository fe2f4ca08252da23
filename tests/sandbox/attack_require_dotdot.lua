-- Attack: climb out of the search path with dots.
require "..etc.passwd"
