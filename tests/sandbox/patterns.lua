-- tests/sandbox/patterns.lua — pattern-matching cases run both in stock Lua
-- and in the sandbox; the test compares the two transcripts line by line.
local out = {}

local function show(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    parts[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  return table.concat(parts, ",")
end

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then
    out[#out + 1] = label .. " -> " .. show(table.unpack(r, 2, r.n))
  else
    out[#out + 1] = label .. " !! " .. tostring(r[2]):gsub("^[^:]*:%d+: ", "")
  end
end

local subjects = {
  "hello world", "", "aaa", "  trim me  ", "key = value", "THE (quick) fox",
  "f(a(b)c)d", "x=1, y=22, z=333", "caf\xc3\xa9 na\xc3\xafve", "a\0b\0c", "$100.00 ^caret^",
  "[brackets] and %percent%", "THE END", "2026-Q3", "finance.current_ratio",
}
local patterns = {
  "o", "l+", "l*", "l-", "l?", "^h", "d$", "^$", ".", "%a+", "%A+", "%d+", "%D", "%s*(.-)%s*$",
  "(%w+)%s*=%s*(%w+)", "%b()", "%b((", "%f[%a]%a+", "%f[%A]", "()a()", "(a)(a)", "(a*(.))%1",
  "[%a_][%w_]*", "[^%s]+", "[a-f]+", "[%]]", "[]]", "[^]]+", "[a-]", "[-a]", "%$%d+%.%d+",
  "%^", "^%^", "%%%a+%%", "(%d+)-Q(%d)", "(h)(e)(l)(l)(o)", "%u+", "%l+", "%p", "%x+", "%c",
  "%g+", "%w-%.", "(.-)%.(.*)", ".-", "a\0b", "%z", "[\0]", "x*$", "%.?", "()",
  "(", ")", "%", "[a", "%b", "%bx", "%f", "%fa", "%1", "(%1)", "%0", "(()", "(.)%2",
  "[%a-z]", "[%", "*", "+a", "a**", "$$", "^^", "%S+%s+%S+", "[%w%.]+", "(%a+)%.(%a+)",
}

for si, s in ipairs(subjects) do
  for pi, p in ipairs(patterns) do
    local tag = si .. "/" .. pi
    try("find " .. tag, string.find, s, p)
    try("find3 " .. tag, string.find, s, p, 3)
    try("findneg " .. tag, string.find, s, p, -4)
    try("match " .. tag, string.match, s, p)
    try("gsub " .. tag, string.gsub, s, p, "<%0>")
    try("gsubn " .. tag, string.gsub, s, p, "#", 2)
    try("gmatch " .. tag, function()
      local all = {}
      for a, b in string.gmatch(s, p) do
        all[#all + 1] = show(a, b)
        if #all > 50 then break end
      end
      return table.concat(all, ";")
    end)
  end
  try("plain " .. si, string.find, s, "(", 1, true)
  try("plain. " .. si, string.find, s, ".", 2, true)
  try("plainempty " .. si, string.find, s, "", 4, true)
  try("findfar " .. si, string.find, s, "a", 100)
  try("gmatchinit " .. si, function()
    local all = {}
    for w in string.gmatch(s, "%a+", 3) do all[#all + 1] = w end
    return table.concat(all, "|")
  end)
end

local s = "The {area} score is {score}; {missing} stays."
try("gsub table", string.gsub, s, "{(%w+)}", { area = "finance", score = 72.5 })
try("gsub func", string.gsub, s, "{(%w+)}", function(k) if k ~= "missing" then return k:upper() end end)
try("gsub false", string.gsub, s, "{(%w+)}", function() return false end)
try("gsub pos", string.gsub, "abc", "()", "%1")
try("gsub caps", string.gsub, "hello world", "(o)(.)", "%2%1")
try("gsub %%", string.gsub, "50", "%d+", "%0%%")
try("gsub bad %", string.gsub, "abc", "b", "%x")
try("gsub bad idx", string.gsub, "abc", "(b)", "%2")
try("gsub bad repl", string.gsub, "abc", "b", true)
try("gsub bad value", string.gsub, "abc", "b", function() return {} end)
try("gsub number repl", string.gsub, "abc", "b", 42)
try("gsub empty", string.gsub, "abc", "", "-")
try("gsub anchor", string.gsub, "aaa", "^a", "b")
try("gsub x*", string.gsub, "abc", "x*", "-")
try("gsub n0", string.gsub, "abc", "%w", "x", 0)
try("gsub tab pos", string.gsub, "abc", "()b", { [2] = "TWO" })
try("match anchored init", string.match, "hello", "^llo", 3)
try("find special init", string.find, "a.b.c", "%.", 3)
try("too many captures", string.find, "a", string.rep("()", 33))
try("pattern too complex", string.find, string.rep("a", 300), string.rep("a?", 250) .. "b")
try("long set", string.find, "zzzq", "[" .. string.rep("abc", 100) .. "q]")
try("rep", string.rep, "ab", 3, ",")
try("rep zero", string.rep, "ab", 0)
try("rep empty", string.rep, "", 5, "")
try("concat", table.concat, { 1, "b", 3.5 }, "-")
try("concat range", table.concat, { "a", "b", "c", "d" }, "", 2, 3)
try("concat bad", table.concat, { 1, {}, 3 })
try("unpack", function() return select("#", table.unpack({ 1, 2, nil, 4 }, 1, 4)) end)
try("insert", function() local t = { 1, 2, 3 } table.insert(t, 2, "x") table.insert(t, "y") return table.concat(t, ",") end)
try("insert bad pos", table.insert, { 1, 2 }, 5, "x")
try("insert args", table.insert, { 1, 2 }, 1, 2, 3)
try("remove", function() local t = { 1, 2, 3, 4 } local a = table.remove(t, 1) local b = table.remove(t) return a, b, table.concat(t, ",") end)
try("remove empty", function() local t = {} return table.remove(t), #t end)
try("move", function() local t = table.move({ 1, 2, 3, 4, 5 }, 2, 4, 1) return table.concat(t, ",") end)
try("move overlap", function() local t = table.move({ 1, 2, 3, 4, 5 }, 1, 4, 2) return table.concat(t, ",") end)
try("move other", function() local t = table.move({ 1, 2, 3 }, 1, 3, 2, { "x" }) return table.concat(t, ",") end)
try("sort", function() local t = { 5, 2, 8, 1, 9, 3 } table.sort(t) return table.concat(t, ",") end)
try("sort cmp", function() local t = { "b", "C", "a" } table.sort(t, function(x, y) return x:lower() < y:lower() end) return table.concat(t, ",") end)
try("sort meta", function()
  local store = { 3, 1, 2 }
  local t = setmetatable({}, { __index = store, __newindex = store, __len = function() return #store end })
  table.sort(t)
  return table.concat(store, ",")
end)

return table.concat(out, "\n")
