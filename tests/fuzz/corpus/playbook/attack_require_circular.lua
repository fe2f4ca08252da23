-- Attack: a module that requires itself.
require "circular"
