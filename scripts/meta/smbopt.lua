---@meta smbopt
-- scripts/meta/smbopt.lua — type stubs of the smbopt playbook DSL for the Lua
-- language server (LuaLS): declarations, the compute and when arguments, the
-- test API and the smb table. Never loaded by smbopt (it lives in meta/,
-- which the loader does not read). Reference: smbopt-playbook(5),
-- docs/playbook.md. Point your editor's .luarc.json "workspace.library" at
-- this directory (the installed .luarc.json beside the playbooks does).

---@alias smb.area "operations"|"marketing"|"finance"|"customer"|"technology"
---@alias smb.better "higher"|"lower"
---@alias smb.rollup "sum"|"last"|"mean"|"derived"
---@alias smb.kind "strength"|"weakness"|"opportunity"|"threat"
---@alias smb.severity "low"|"medium"|"high"

---The values of the cycle: m["area.name"] is the metric's value for the
---period (nil when missing); m.prev and m.year_ago read observed values of
---the previous period and of the same period a year before.
---@class smb.M
---@field prev table<string, number?>
---@field year_ago table<string, number?>
---@field [string] number?

---The period being assessed.
---@class smb.P
---@field period string   "2026-Q3", "2026" or "2026-09"
---@field days integer    days in the period
---@field months integer  months in the period
---@field industry string? the client's industry

---@class smb.Goalposts
---@field worst number?   scored 0 (with best; or give bands)
---@field best number?    scored 100
---@field bands number[]? five values scored 0, 25, 50, 75, 100 (monotone)
---@field source string   where the numbers come from (required)
---@field industry string? only for clients of this industry (goalposts declaration)

---@class smb.PlaybookDecl
---@field version string
---@field description string?
---@field industries string[]? only for clients of these industries

---@class smb.MetricDecl
---@field label string
---@field unit string
---@field better smb.better
---@field rollup smb.rollup
---@field inputs string[]? metric keys a derived metric needs (all present, or it is not computed)
---@field compute (fun(m: smb.M, p: smb.P): number?)? a derived metric's value; nil when not defined
---@field goalposts smb.Goalposts?
---@field industry_goalposts table<string, smb.Goalposts>?
---@field weight number? weight within its area (default 1)
---@field dataset string? the dataset kind it is computed from
---@field industries string[]?

---@class smb.RuleDecl
---@field area smb.area
---@field kind smb.kind
---@field severity smb.severity
---@field metrics string[] evaluated only when all have values
---@field when fun(m: smb.M, p: smb.P): boolean
---@field title string
---@field detail string? "{area.name:%.1f}" inserts a value
---@field recommend string[]? initiative ids
---@field industries string[]?

---@class smb.InitiativeDecl
---@field area smb.area
---@field title string
---@field cost number  in the client's currency
---@field hours number staff hours
---@field months number
---@field confidence number 0..1
---@field effect table<string, number> metric key -> expected change
---@field requires string[]?
---@field excludes string[]?

---@class smb.QuestionDecl
---@field text string
---@field answers table<string, number> choice label -> score 0..100
---@field weight number?
---@field industries string[]?

---Declares the playbook: playbook "name" { version = "1.0" }.
---@param name string
---@return fun(t: smb.PlaybookDecl)
function playbook(name) end

---Declares a metric: metric "area.name" { ... }.
---@param key string
---@return fun(t: smb.MetricDecl)
function metric(key) end

---Declares a rule: rule "ID" { ... }.
---@param id string
---@return fun(t: smb.RuleDecl)
function rule(id) end

---Declares an initiative: initiative "ID" { ... }.
---@param id string
---@return fun(t: smb.InitiativeDecl)
function initiative(id) end

---Declares a questionnaire question: question "area.q_name" { ... }.
---@param key string
---@return fun(t: smb.QuestionDecl)
function question(key) end

---Sets goalposts of a metric declared elsewhere: goalposts "area.name" { ... }.
---@param key string
---@return fun(t: smb.Goalposts)
function goalposts(key) end

---Area and metric weights: weights { finance = 2, ["finance.x"] = 1.5 }.
---@param t table<string, number>
function weights(t) end

---What a test_* function receives.
---@class smb.T
local T = {}
---@param cond any
---@param name string?
function T.ok(cond, name) end
---@param got any
---@param want any
---@param name string?
function T.eq(got, want, name) end
---@param got number?
---@param want number
---@param tol number
---@param name string?
function T.near(got, want, tol, name) end
---A computed metric of this playbook on a fixture of inputs (p: 2026-Q3, retail).
---@param key string
---@param inputs table<string, number>
---@return number?
function T.compute(key, inputs) end
---Whether a rule of this playbook fires on a fixture.
---@param id string
---@param values table<string, number>
---@return boolean
function T.fires(id, values) end
---The score 0..100 of a value through the metric's goalposts.
---@param key string
---@param value number
---@return number
function T.score(key, value) end

---What every playbook may read.
---@class smb.Smb
---@field version string smbopt's version
---@field areas smb.area[]
smb = {}
