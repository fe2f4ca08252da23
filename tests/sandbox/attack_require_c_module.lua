-- Attack: load native code through require.
local lfs = require "lfs"
return lfs.dir("/")
