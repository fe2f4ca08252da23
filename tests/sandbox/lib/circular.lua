-- tests/sandbox/lib/circular.lua — a module that requires itself.
return require "circular"
