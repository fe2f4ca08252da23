-- Attack: point require at native code.
package.cpath = "/tmp/?.so"
require "evil"
