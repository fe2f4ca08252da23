/* core/engine/playbook_decl.c — the declarations a playbook is made of (playbook,
 * metric, rule, initiative, question, goalposts, weights): each reads its
 * table, records every problem as FILE:LINE, and adds what is valid to the
 * playbook's staging registry (the loader is playbook.c). */
#include "playbook_int.h"

#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* What one declaration may hand the host: text fields, lists and names are
 * bounded, and every copy counts against the playbook's memory limit
 * (smb_sandbox_hold), so declarations cannot grow the host's heap past it. */
#define DECL_MAX_TEXT      4096      /* label, unit, title, source, question text... */
#define DECL_MAX_LONG_TEXT 16384     /* description, detail */
#define DECL_MAX_NAME      128       /* metric keys, rule and initiative ids */
#define DECL_MAX_LIST      256       /* inputs, industries, metrics, answers, effects... */

static int decl_line(lua_State *L)
{
	lua_Debug ar;

	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
		return ar.currentline;
	return 0;
}

static void problem(lua_State *L, loadctx *lc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(lua_State *L, loadctx *lc, const char *fmt, ...)
{
	va_list ap;

	if (lc->nerrors++ >= 50)
		return;
	smb_buf_printf(&lc->errors, "%s:%d: ", lc->pb->path, decl_line(L));
	va_start(ap, fmt);
	smb_buf_vprintf(&lc->errors, fmt, ap);
	va_end(ap);
	smb_buf_putc(&lc->errors, '\n');
}

/* Declarations reach the load context through a box that the loader empties
 * when it returns: a playbook that calls `metric` from a compute or a test
 * gets an error, not a pointer into a stack frame long gone. */
static loadctx *ctx_of(lua_State *L)
{
	loadctx **box = lua_touserdata(L, lua_upvalueindex(1));

	if (!box || !*box)
		luaL_error(L, "declarations (playbook, metric, rule, ...) are only allowed while the playbook loads");
	return *box;
}

/* ---- reading declaration tables ---------------------------------------- */

/* lua_getfield without metamethods: an __index of a declaration table
 * would run playbook code between the host's copies, and an error there
 * would leave them behind. Field names are short strings Lua interns. */
static int rawfield(lua_State *L, int idx, const char *name)
{
	idx = lua_absindex(L, idx);
	lua_pushstring(L, name);
	return lua_rawget(L, idx);
}

/* Lua seeds its string hashes per state, so pairs() visits a table's keys
 * in an order that changes from run to run: what is read with it is
 * sorted, and the registry and the assessment come out the same. */
static int by_effect(const void *a, const void *b)
{
	const smb_effect *x = a, *y = b;
	return strcmp(x->metric ? x->metric : "", y->metric ? y->metric : "");
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reports fields of the table at idx that are not in allowed. */
static void check_fields(lua_State *L, loadctx *lc, int idx, const char *what, const char *const *allowed)
{
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		int known = 0;
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING)
			for (const char *const *a = allowed; *a && !known; a++)
				known = strcmp(*a, lua_tostring(L, -1)) == 0;
		if (!known) {
			if (lua_type(L, -1) == LUA_TSTRING)
				problem(L, lc, "%s: unknown field '%s'", what, lua_tostring(L, -1));
			else
				problem(L, lc, "%s: fields must be named (found a %s key)", what, luaL_typename(L, -1));
		}
	}
}

/* Each getter leaves the stack as it found it. type LUA_TNONE = absent. */
static int field_type(lua_State *L, int idx, const char *name)
{
	int t = rawfield(L, idx, name);
	lua_pop(L, 1);
	return t;
}

static size_t text_max(const char *name)
{
	return strcmp(name, "detail") == 0 || strcmp(name, "description") == 0 ? DECL_MAX_LONG_TEXT : DECL_MAX_TEXT;
}

/* A copy of the string at the top of the stack, held against the limit;
 * NULL (and a problem) when it is longer than max. */
static char *copy_text(lua_State *L, loadctx *lc, const char *what, const char *name, size_t max)
{
	size_t len;
	const char *s = lua_tolstring(L, -1, &len);

	if (len > max) {
		problem(L, lc, "%s: %s is %zu bytes; at most %zu are allowed", what, name, len, max);
		return NULL;
	}
	return smb_sandbox_hold(L, len + 1) ? NULL : strdup(s);
}

static char *get_string(lua_State *L, loadctx *lc, int idx, const char *what, const char *name, int required)
{
	char *s = NULL;
	int t = rawfield(L, idx, name);

	if (t == LUA_TSTRING)
		s = copy_text(L, lc, what, name, text_max(name));
	else if (t != LUA_TNIL || required)
		problem(L, lc, "%s: %s must be %s, not %s", what, name, "text", t == LUA_TNIL ? "missing" : lua_typename(L, t));
	lua_pop(L, 1);
	return s;
}

static int get_number(lua_State *L, loadctx *lc, int idx, const char *what, const char *name, int required,
                      double *out)
{
	int t = rawfield(L, idx, name), ok = 0;

	if (t == LUA_TNUMBER && isfinite(lua_tonumber(L, -1))) {
		*out = lua_tonumber(L, -1);
		ok = 1;
	} else if (t != LUA_TNIL || required) {
		problem(L, lc, "%s: %s must be a finite number, not %s", what, name,
		        t == LUA_TNIL ? "missing" : t == LUA_TNUMBER ? "inf or nan" : lua_typename(L, t));
	}
	lua_pop(L, 1);
	return ok;
}

/* A weight: finite and >= 0 on every path (metric, question, weights),
 * or a negative weight would turn an area's mean into anything. */
static void get_weight(lua_State *L, loadctx *lc, int idx, const char *what, double *out)
{
	double w = 1;

	if (get_number(L, lc, idx, what, "weight", 0, &w) && !(w >= 0))
		problem(L, lc, "%s: weight must be a finite number >= 0, not %g", what, w);
	else
		*out = w;
}

/* A list of strings { "a", "b" }; returns 0 and sets *v (maybe NULL). */
static int get_list(lua_State *L, loadctx *lc, int idx, const char *what, const char *name, char ***v, size_t *n)
{
	int t = rawfield(L, idx, name);
	lua_Integer len;

	*v = NULL;
	*n = 0;
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return 0;
	}
	if (t != LUA_TTABLE) {
		problem(L, lc, "%s: %s must be a list of text", what, name);
		lua_pop(L, 1);
		return -1;
	}
	len = (lua_Integer)lua_rawlen(L, -1);
	if (len > DECL_MAX_LIST) {
		problem(L, lc, "%s: %s has %lld entries; at most %d are allowed", what, name, (long long)len, DECL_MAX_LIST);
		lua_pop(L, 1);
		return -1;
	}
	if (smb_sandbox_hold(L, (size_t)len * sizeof **v) || (len > 0 && !(*v = calloc((size_t)len, sizeof **v)))) {
		lua_pop(L, 1);
		return -1;
	}
	for (lua_Integer i = 1; i <= len; i++) {
		if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
			problem(L, lc, "%s: %s[%lld] must be text", what, name, (long long)i);
		} else {
			(*v)[*n] = copy_text(L, lc, what, name, DECL_MAX_NAME);
			if ((*v)[*n])
				(*n)++;
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return 0;
}

/* Counts one more entry of a map field and holds its copy; past
 * DECL_MAX_LIST (reported once) or the memory limit (a trip) returns 1:
 * the caller stops reading it. */
static int map_full(lua_State *L, loadctx *lc, const char *what, const char *name, size_t *count)
{
	if (++*count <= DECL_MAX_LIST)   /* the entry's copy, near enough: keys are at most DECL_MAX_NAME */
		return smb_sandbox_hold(L, 64) ? 1 : 0;
	problem(L, lc, "%s: %s has more than %d entries", what, name, DECL_MAX_LIST);
	return 1;
}

/* overrides = true: this declaration replaces the one another provider
 * (a plugin, an earlier playbook) made; without it a second provider of
 * the same id is refused when the playbook is merged. */
static void get_overrides(lua_State *L, loadctx *lc, int idx, const char *what, const char *kind, const char *id)
{
	int t = rawfield(L, idx, "overrides");
	smb_err e;

	if (t == LUA_TBOOLEAN && lua_toboolean(L, -1))
		smb_registry_add_override(&lc->staging, kind, id, &e);
	else if (t != LUA_TBOOLEAN && t != LUA_TNIL)
		problem(L, lc, "%s: overrides must be true or false", what);
	lua_pop(L, 1);
}

/* A function field becomes a reference in the state's registry. */
static int get_function(lua_State *L, loadctx *lc, int idx, const char *what, const char *name, int required)
{
	int t = rawfield(L, idx, name);

	if (t == LUA_TFUNCTION)
		return luaL_ref(L, LUA_REGISTRYINDEX);
	if (t != LUA_TNIL || required)
		problem(L, lc, "%s: %s must be a function, not %s", what, name, t == LUA_TNIL ? "missing" : lua_typename(L, t));
	lua_pop(L, 1);
	return LUA_NOREF;
}

static int one_of(const char *s, const char *const *v)
{
	for (; s && *v; v++)
		if (strcmp(s, *v) == 0)
			return 1;
	return 0;
}

static char *origin(loadctx *lc)
{
	const char *base = strrchr(lc->pb->path, '/');
	char buf[1024];

	/* the file's name, not its path: origins reach reports shown to clients */
	snprintf(buf, sizeof buf, "playbook %s (%s)", lc->pb->name ? lc->pb->name : "?", base ? base + 1 : lc->pb->path);
	return strdup(buf);
}

/* Records where a declaration stands; a second one of the same id in the
 * same file is an error (across files, later ones override). */
static int declare(lua_State *L, loadctx *lc, const char *kind, const char *id)
{
	smb_playbook *pb = lc->pb;
	char what[256];
	smb_decl_line *nv;

	snprintf(what, sizeof what, "%s %s", kind, id);
	for (size_t i = 0; i < pb->ndecls; i++)
		if (strcmp(pb->decls[i].what, what) == 0) {
			problem(L, lc, "%s is declared twice (also at line %d)", what, pb->decls[i].line);
			return -1;
		}
	if (!(nv = realloc(pb->decls, (pb->ndecls + 1) * sizeof *nv)))
		return -1;
	pb->decls = nv;
	nv[pb->ndecls].what = strdup(what);
	nv[pb->ndecls].line = decl_line(L);
	pb->ndecls++;
	return 0;
}

static int need_playbook(lua_State *L, loadctx *lc)
{
	if (lc->pb->name)
		return 0;
	problem(L, lc, "declare playbook \"name\" { version = \"1.0\" } before anything else");
	return -1;
}

static void goalposts_of(lua_State *L, loadctx *lc, int idx, const char *what, const char *metric,
                         const char *industry)
{
	static const char *const fields[] = { "worst", "best", "source", "bands", "industry", NULL };
	smb_goalposts g;
	smb_err e;

	memset(&g, 0, sizeof g);
	check_fields(L, lc, idx, what, fields);
	/* Both are read before giving up, so both problems are reported. */
	int have_worst = get_number(L, lc, idx, what, "worst", 1, &g.worst);
	int have_best = get_number(L, lc, idx, what, "best", 1, &g.best);
	if (!have_worst || !have_best)
		return;
	if (g.worst == g.best) {
		problem(L, lc, "%s: worst and best must differ", what);
		return;
	}
	if (field_type(L, idx, "bands") != LUA_TNIL) {
		rawfield(L, idx, "bands");
		if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 5) {
			problem(L, lc, "%s: bands must list 5 values (scoring 0, 25, 50, 75, 100)", what);
		} else {
			int up;
			for (int i = 0; i < 5; i++) {
				lua_rawgeti(L, -1, i + 1);
				g.bands[i] = lua_tonumber(L, -1);
				lua_pop(L, 1);
			}
			up = g.bands[4] > g.bands[0];
			g.has_bands = 1;
			for (int i = 1; i < 5; i++)
				if (!isfinite(g.bands[i]) || (up ? g.bands[i] <= g.bands[i - 1] : g.bands[i] >= g.bands[i - 1])) {
					problem(L, lc, "%s: bands must be strictly monotone", what);
					g.has_bands = 0;
					break;
				}
		}
		lua_pop(L, 1);
	}
	g.source = get_string(L, lc, idx, what, "source", 1);
	if (g.source && !*g.source)
		problem(L, lc, "%s: source must say where the numbers come from", what);
	g.industry = industry ? strdup(industry) : get_string(L, lc, idx, what, "industry", 0);
	g.metric = strdup(metric);
	g.origin = origin(lc);
	if (!g.source || !g.metric)
		smb_goalposts_clear(&g);
	else
		smb_registry_add_goalposts(&lc->staging, &g, &e);
}

/* ---- the declarations --------------------------------------------------- */

static int body_playbook(lua_State *L)
{
	static const char *const fields[] = { "version", "description", "industries", NULL };
	loadctx *lc = ctx_of(L);
	smb_playbook *pb = lc->pb;
	const char *name = lua_tostring(L, lua_upvalueindex(2));

	luaL_checktype(L, 1, LUA_TTABLE);
	if (pb->name) {
		problem(L, lc, "playbook is declared twice");
		return 0;
	}
	pb->name = strdup(name);
	check_fields(L, lc, 1, "playbook", fields);
	pb->version = get_string(L, lc, 1, "playbook", "version", 1);
	pb->description = get_string(L, lc, 1, "playbook", "description", 0);
	get_list(L, lc, 1, "playbook", "industries", &pb->industries, &pb->nindustries);
	return 0;
}

/* range = { 0, 100 } or { min = 0 } or { max = 100 }: the plausible range
 * of an observed value, checked at import (registry.h, lo and hi). */
static void range_of(lua_State *L, loadctx *lc, const char *what, smb_metric *m)
{
	static const char *const ends[2] = { "min", "max" };

	if (rawfield(L, 1, "range") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	if (!lua_istable(L, -1)) {
		problem(L, lc, "%s: range must be a table { min, max }", what);
		lua_pop(L, 1);
		return;
	}
	for (int k = 0; k < 2; k++) {
		int t = lua_rawgeti(L, -1, k + 1);
		if (t == LUA_TNIL) {
			lua_pop(L, 1);
			t = rawfield(L, -1, ends[k]);
		}
		if (t == LUA_TNUMBER && isfinite(lua_tonumber(L, -1))) {
			*(k ? &m->hi : &m->lo) = lua_tonumber(L, -1);
			m->bounded |= 1 << k;
		} else if (t != LUA_TNIL) {
			problem(L, lc, "%s: range holds finite numbers { min, max }", what);
		}
		lua_pop(L, 1);
	}
	if (m->bounded == 3 && m->lo > m->hi)
		problem(L, lc, "%s: range min is above max", what);
	lua_pop(L, 1);
}

static int body_metric(lua_State *L)
{
	static const char *const fields[] = { "label", "unit", "better", "rollup", "inputs", "compute", "goalposts",
	                                      "industry_goalposts", "weight", "dataset", "industries", "definition",
	                                      "basis", "prefer", "range", "overrides", NULL };
	loadctx *lc = ctx_of(L);
	const char *key = lua_tostring(L, lua_upvalueindex(2));
	char what[160], *better, *rollup;
	smb_metric m;
	smb_err e;
	int before = lc->nerrors;

	luaL_checktype(L, 1, LUA_TTABLE);
	snprintf(what, sizeof what, "metric %s", key);
	if (need_playbook(L, lc) || declare(L, lc, "metric", key))
		return 0;
	memset(&m, 0, sizeof m);
	m.fn.ref = LUA_NOREF;
	check_fields(L, lc, 1, what, fields);
	get_overrides(L, lc, 1, what, "metric", key);
	{
		char area[16];
		snprintf(area, sizeof area, "%.*s", (int)(strchr(key, '.') - key), key);
		m.area = smb_area_index(area);
	}
	m.key = strdup(key);
	m.label = get_string(L, lc, 1, what, "label", 0);
	m.unit = get_string(L, lc, 1, what, "unit", 0);
	if (!m.label)
		m.label = strdup(key);
	if (!m.unit)
		m.unit = strdup("");
	better = get_string(L, lc, 1, what, "better", 1);
	m.better = better && strcmp(better, "lower") == 0 ? -1 : 1;
	if (better && strcmp(better, "higher") && strcmp(better, "lower"))
		problem(L, lc, "%s: better must be \"higher\" or \"lower\"", what);
	free(better);
	rollup = get_string(L, lc, 1, what, "rollup", 0);
	if (rollup && smb_rollup_parse(rollup, &m.rollup))
		problem(L, lc, "%s: rollup must be sum, last, mean or derived", what);
	m.fn.ref = get_function(L, lc, 1, what, "compute", 0);
	if (!rollup)
		m.rollup = m.fn.ref != LUA_NOREF ? SMB_ROLLUP_DERIVED : SMB_ROLLUP_SUM;
	free(rollup);
	if ((m.rollup == SMB_ROLLUP_DERIVED) != (m.fn.ref != LUA_NOREF))
		problem(L, lc, "%s: a derived metric needs compute; an observed one (sum, last, mean) has none", what);
	get_list(L, lc, 1, what, "inputs", &m.inputs, &m.ninputs);
	for (size_t i = 0; i < m.ninputs; i++)
		if (!smb_metric_key_valid(m.inputs[i]))
			problem(L, lc, "%s: input '%s' is not area.name", what, m.inputs[i]);
	if (m.rollup == SMB_ROLLUP_DERIVED && m.ninputs == 0)
		problem(L, lc, "%s: a derived metric lists its inputs", what);
	m.dataset = get_string(L, lc, 1, what, "dataset", 0);
	get_list(L, lc, 1, what, "industries", &m.industries, &m.nindustries);
	m.definition = get_string(L, lc, 1, what, "definition", 0);
	m.basis = get_string(L, lc, 1, what, "basis", 0);
	get_list(L, lc, 1, what, "prefer", &m.prefer, &m.nprefer);
	for (size_t i = 0; i < m.nprefer; i++)
		if (!smb_metric_key_valid(m.prefer[i]) || strcmp(m.prefer[i], key) == 0)
			problem(L, lc, "%s: preferred metric '%s' is not another area.name", what, m.prefer[i]);
	range_of(L, lc, what, &m);
	m.weight = 1;
	get_weight(L, lc, 1, what, &m.weight);
	if (rawfield(L, 1, "goalposts") == LUA_TTABLE)
		goalposts_of(L, lc, lua_gettop(L), what, key, NULL);
	else if (!lua_isnil(L, -1))
		problem(L, lc, "%s: goalposts must be a table", what);
	lua_pop(L, 1);
	if (rawfield(L, 1, "industry_goalposts") == LUA_TTABLE) {
		int t = lua_gettop(L);
		char **names = NULL, **nv;
		size_t n = 0, count = 0;
		lua_pushnil(L);
		while (lua_next(L, t)) {
			if (map_full(L, lc, what, "industry_goalposts", &count)) {
				lua_pop(L, 2);
				break;
			}
			if (lua_type(L, -2) != LUA_TSTRING || lua_rawlen(L, -2) > DECL_MAX_NAME || !lua_istable(L, -1)) {
				problem(L, lc, "%s: industry_goalposts maps an industry to { worst, best, source }", what);
			} else if ((nv = realloc(names, (n + 1) * sizeof *nv))) {
				names = nv;
				if ((names[n] = strdup(lua_tostring(L, -2))))
					n++;
			}
			lua_pop(L, 1);
		}
		if (n > 1)
			qsort(names, n, sizeof *names, by_str);
		for (size_t i = 0; i < n; i++) {
			lua_pushstring(L, names[i]);
			lua_rawget(L, t);
			goalposts_of(L, lc, lua_gettop(L), what, key, names[i]);
			lua_pop(L, 1);
			free(names[i]);
		}
		free(names);
	}
	lua_pop(L, 1);
	m.origin = origin(lc);
	if (m.fn.ref != LUA_NOREF)
		m.fn.pb = lc->pb;
	if (lc->nerrors != before || !m.key || !m.origin) {
		smb_metric_clear(&m);
		return 0;
	}
	smb_registry_add_metric(&lc->staging, &m, &e);
	return 0;
}

/* needs = { "ships", ... }: facts of the vocabulary (facts.h), into a set. */
static smb_facts get_needs(lua_State *L, loadctx *lc, const char *what)
{
	char **v;
	size_t n;
	smb_facts f = 0;

	get_list(L, lc, 1, what, "needs", &v, &n);
	for (size_t i = 0; i < n; i++) {
		smb_facts bit = smb_fact_bit(v[i]);
		if (!bit)
			problem(L, lc, "%s: needs '%s', which is not a fact (inventory, stock, goods, ships, counter, online, "
			        "channels, customers, team)", what, v[i]);
		f |= bit;
		free(v[i]);
	}
	free(v);
	return f;
}

static const char *const rule_kinds[] = { "strength", "weakness", "opportunity", "threat", NULL };
static const char *const severities[] = { "low", "medium", "high", NULL };

static int body_rule(lua_State *L)
{
	static const char *const fields[] = { "area", "kind", "severity", "metrics", "when", "title", "detail",
	                                      "recommend", "industries", "needs", "overrides", NULL };
	loadctx *lc = ctx_of(L);
	const char *id = lua_tostring(L, lua_upvalueindex(2));
	char what[160], *area;
	smb_rule r;
	smb_err e;
	int before = lc->nerrors;

	luaL_checktype(L, 1, LUA_TTABLE);
	snprintf(what, sizeof what, "rule %s", id);
	if (need_playbook(L, lc) || declare(L, lc, "rule", id))
		return 0;
	memset(&r, 0, sizeof r);
	r.fn.ref = LUA_NOREF;
	check_fields(L, lc, 1, what, fields);
	get_overrides(L, lc, 1, what, "rule", id);
	r.id = strdup(id);
	area = get_string(L, lc, 1, what, "area", 1);
	r.area = area ? smb_area_index(area) : -1;
	if (area && r.area < 0)
		problem(L, lc, "%s: area '%s' is not one of operations, marketing, finance, customer, technology", what, area);
	free(area);
	r.kind = get_string(L, lc, 1, what, "kind", 1);
	if (r.kind && !one_of(r.kind, rule_kinds))
		problem(L, lc, "%s: kind must be strength, weakness, opportunity or threat", what);
	r.severity = get_string(L, lc, 1, what, "severity", 1);
	if (r.severity && !one_of(r.severity, severities))
		problem(L, lc, "%s: severity must be low, medium or high", what);
	get_list(L, lc, 1, what, "metrics", &r.metrics, &r.nmetrics);
	for (size_t i = 0; i < r.nmetrics; i++)
		if (!smb_metric_key_valid(r.metrics[i]))
			problem(L, lc, "%s: metric '%s' is not area.name", what, r.metrics[i]);
	r.fn.ref = get_function(L, lc, 1, what, "when", 1);
	r.title = get_string(L, lc, 1, what, "title", 1);
	r.detail = get_string(L, lc, 1, what, "detail", 0);
	if (!r.detail)
		r.detail = strdup("");
	{
		/* The detail is expanded outside the sandbox: its formats are
		 * bounded, and what it can expand to is held against the limit. */
		char why[160];
		size_t bound;
		if (r.detail && smb_detail_check(r.detail, &bound, why, sizeof why))
			problem(L, lc, "%s: %s", what, why);
		else if (r.detail && smb_sandbox_hold(L, bound))
			problem(L, lc, "%s: no memory left for the detail", what);
	}
	get_list(L, lc, 1, what, "recommend", &r.recommend, &r.nrecommend);
	get_list(L, lc, 1, what, "industries", &r.industries, &r.nindustries);
	r.needs = get_needs(L, lc, what);
	r.origin = origin(lc);
	if (r.fn.ref != LUA_NOREF)
		r.fn.pb = lc->pb;
	if (lc->nerrors != before || !r.id || !r.origin) {
		smb_rule_clear(&r);
		return 0;
	}
	smb_registry_add_rule(&lc->staging, &r, &e);
	return 0;
}

static int body_initiative(lua_State *L)
{
	static const char *const fields[] = { "area", "title", "cost", "hours", "months", "confidence", "effect",
	                                      "requires", "excludes", "industries", "needs", "overrides", NULL };
	loadctx *lc = ctx_of(L);
	const char *id = lua_tostring(L, lua_upvalueindex(2));
	char what[160], *area;
	smb_initiative in;
	smb_err e;
	int before = lc->nerrors;

	luaL_checktype(L, 1, LUA_TTABLE);
	snprintf(what, sizeof what, "initiative %s", id);
	if (need_playbook(L, lc) || declare(L, lc, "initiative", id))
		return 0;
	memset(&in, 0, sizeof in);
	check_fields(L, lc, 1, what, fields);
	get_overrides(L, lc, 1, what, "initiative", id);
	in.id = strdup(id);
	area = get_string(L, lc, 1, what, "area", 1);
	in.area = area ? smb_area_index(area) : -1;
	if (area && in.area < 0)
		problem(L, lc, "%s: area '%s' is not one of the five areas", what, area);
	free(area);
	in.title = get_string(L, lc, 1, what, "title", 1);
	get_number(L, lc, 1, what, "cost", 1, &in.cost);
	get_number(L, lc, 1, what, "hours", 1, &in.hours);
	get_number(L, lc, 1, what, "months", 1, &in.months);
	in.confidence = 0.5;
	get_number(L, lc, 1, what, "confidence", 0, &in.confidence);
	if (in.cost < 0 || in.hours < 0 || in.months < 0)
		problem(L, lc, "%s: cost, hours and months must be >= 0", what);
	if (in.confidence < 0 || in.confidence > 1)
		problem(L, lc, "%s: confidence must be between 0 and 1", what);
	if (rawfield(L, 1, "effect") == LUA_TTABLE) {
		int t = lua_gettop(L);
		size_t count = 0;
		lua_pushnil(L);
		while (lua_next(L, t)) {
			smb_effect *nv;
			if (map_full(L, lc, what, "effect", &count)) {
				lua_pop(L, 2);
				break;
			}
			if (lua_type(L, -2) != LUA_TSTRING || !smb_metric_key_valid(lua_tostring(L, -2)) ||
			    !lua_isnumber(L, -1) || !isfinite(lua_tonumber(L, -1))) {
				problem(L, lc, "%s: effect maps metric keys to finite changes", what);
			} else if ((nv = realloc(in.effects, (in.neffects + 1) * sizeof *nv))) {
				in.effects = nv;
				nv[in.neffects].metric = strdup(lua_tostring(L, -2));
				nv[in.neffects].delta = lua_tonumber(L, -1);
				in.neffects++;
			}
			lua_pop(L, 1);
		}
		if (in.neffects > 1)   /* pairs() order follows Lua's per-state hash seed */
			qsort(in.effects, in.neffects, sizeof *in.effects, by_effect);
	} else if (!lua_isnil(L, -1)) {
		problem(L, lc, "%s: effect must be a table", what);
	}
	lua_pop(L, 1);
	get_list(L, lc, 1, what, "requires", &in.requires, &in.nrequires);
	get_list(L, lc, 1, what, "excludes", &in.excludes, &in.nexcludes);
	get_list(L, lc, 1, what, "industries", &in.industries, &in.nindustries);
	in.needs = get_needs(L, lc, what);
	in.origin = origin(lc);
	if (lc->nerrors != before || !in.id || !in.title) {
		smb_initiative_clear(&in);
		return 0;
	}
	smb_registry_add_initiative(&lc->staging, &in, &e);
	return 0;
}

static int by_score(const void *a, const void *b)
{
	const struct { char *label; double score; } *x = a, *y = b;
	if (x->score != y->score)
		return (x->score > y->score) - (x->score < y->score);
	return strcmp(x->label ? x->label : "", y->label ? y->label : "");
}

/* A question declares an observed metric scored 0..100 by its answers. */
static int body_question(lua_State *L)
{
	static const char *const fields[] = { "text", "answers", "weight", "industries", "overrides", NULL };
	loadctx *lc = ctx_of(L);
	const char *key = lua_tostring(L, lua_upvalueindex(2));
	struct { char *label; double score; } *ch = NULL;
	size_t nch = 0;
	char what[160];
	smb_metric m;
	smb_goalposts g;
	smb_err e;
	int before = lc->nerrors;

	luaL_checktype(L, 1, LUA_TTABLE);
	snprintf(what, sizeof what, "question %s", key);
	if (need_playbook(L, lc) || declare(L, lc, "metric", key))
		return 0;
	memset(&m, 0, sizeof m);
	m.fn.ref = LUA_NOREF;
	check_fields(L, lc, 1, what, fields);
	get_overrides(L, lc, 1, what, "metric", key);
	m.question = get_string(L, lc, 1, what, "text", 1);
	if (rawfield(L, 1, "answers") == LUA_TTABLE) {
		size_t count = 0;
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			void *nv;
			if (map_full(L, lc, what, "answers", &count)) {
				lua_pop(L, 2);
				break;
			}
			if (lua_type(L, -2) != LUA_TSTRING || lua_rawlen(L, -2) > DECL_MAX_NAME || !lua_isnumber(L, -1) || lua_tonumber(L, -1) < 0 ||
			    lua_tonumber(L, -1) > 100) {
				problem(L, lc, "%s: answers map a label to a score 0..100", what);
			} else if ((nv = realloc(ch, (nch + 1) * sizeof *ch))) {
				ch = nv;
				ch[nch].label = strdup(lua_tostring(L, -2));
				ch[nch].score = lua_tonumber(L, -1);
				nch++;
			}
			lua_pop(L, 1);
		}
		if (nch < 2)
			problem(L, lc, "%s: answers needs at least two choices", what);
	} else {
		problem(L, lc, "%s: answers must be a table { label = score, ... }", what);
	}
	lua_pop(L, 1);
	if (nch > 1)
		qsort(ch, nch, sizeof *ch, by_score);
	m.choices = calloc(nch ? nch : 1, sizeof *m.choices);
	m.choice_scores = calloc(nch ? nch : 1, sizeof *m.choice_scores);
	for (size_t i = 0; m.choices && m.choice_scores && i < nch; i++) {
		m.choices[i] = ch[i].label;
		m.choice_scores[i] = ch[i].score;
		ch[i].label = NULL;
		m.nchoices = i + 1;
	}
	for (size_t i = 0; i < nch; i++)
		free(ch[i].label);
	free(ch);
	{
		char area[16];
		snprintf(area, sizeof area, "%.*s", (int)(strchr(key, '.') - key), key);
		m.area = smb_area_index(area);
	}
	m.key = strdup(key);
	m.label = m.question ? strdup(m.question) : NULL;
	m.unit = strdup("points");
	m.better = 1;
	/* An answer describes the state at the time it was given. */
	m.rollup = SMB_ROLLUP_LAST;
	/* the answer's meaning is the question's; answers are scores 0..100 */
	m.definition = strdup("The client's answer to this question, scored from 0 (not in place) to 100 (fully in place).");
	m.bounded = 3;
	m.lo = 0;
	m.hi = 100;
	m.weight = 1;
	get_weight(L, lc, 1, what, &m.weight);
	get_list(L, lc, 1, what, "industries", &m.industries, &m.nindustries);
	m.origin = origin(lc);
	if (lc->nerrors != before || !m.key || !m.label) {
		smb_metric_clear(&m);
		return 0;
	}
	smb_registry_add_metric(&lc->staging, &m, &e);
	memset(&g, 0, sizeof g);
	g.metric = strdup(key);
	g.worst = 0;
	g.best = 100;
	g.source = strdup("the question's answer scale (0 worst, 100 best)");
	g.origin = origin(lc);
	smb_registry_add_goalposts(&lc->staging, &g, &e);
	return 0;
}

static int body_goalposts(lua_State *L)
{
	loadctx *lc = ctx_of(L);
	const char *key = lua_tostring(L, lua_upvalueindex(2));
	char what[160];

	luaL_checktype(L, 1, LUA_TTABLE);
	snprintf(what, sizeof what, "goalposts %s", key);
	if (need_playbook(L, lc))
		return 0;
	goalposts_of(L, lc, 1, what, key, NULL);
	return 0;
}

/* weights { ["finance.current_ratio"] = 2, finance = 1.5 }: metric keys
 * weigh metrics within their area, area names weigh areas in the overall. */
static int decl_weights(lua_State *L)
{
	loadctx *lc = ctx_of(L);
	smb_err e;

	luaL_checktype(L, 1, LUA_TTABLE);
	if (need_playbook(L, lc))
		return 0;
	size_t count = 0;
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		if (map_full(L, lc, "weights", "the table", &count)) {
			lua_pop(L, 2);
			break;
		}
		if (!k || (!smb_metric_key_valid(k) && smb_area_index(k) < 0) || !lua_isnumber(L, -1) ||
		    !(lua_tonumber(L, -1) >= 0) || !isfinite(lua_tonumber(L, -1)))
			problem(L, lc, "weights: '%.128s' must be a metric key or an area, with a finite weight >= 0", k ? k : "?");
		else
			smb_registry_add_weight(&lc->staging, k, lua_tonumber(L, -1), &e);
		lua_pop(L, 1);
	}
	return 0;
}

/* metric "key" returns the function that takes the { ... } table. */
static int decl_named(lua_State *L)
{
	lua_CFunction body = lua_tocfunction(L, lua_upvalueindex(2));
	const char *kind = lua_tostring(L, lua_upvalueindex(3));
	loadctx *lc = ctx_of(L);
	size_t len;
	const char *name = luaL_checklstring(L, 1, &len);

	if (len > DECL_MAX_NAME)
		return luaL_error(L, "%s: the name is %zu bytes; at most %d are allowed", kind, len, DECL_MAX_NAME);
	if (strcmp(kind, "playbook") && strcmp(kind, "rule") && strcmp(kind, "initiative") && !smb_metric_key_valid(name))
		problem(L, lc, "%s '%s': the key must be area.name (area one of operations, marketing, finance, customer, technology)",
		        kind, name);
	else if (!*name)
		problem(L, lc, "%s: the name is empty", kind);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushstring(L, name);
	lua_pushcclosure(L, body, 2);
	return 1;
}

int smb_playbook_install(lua_State *L)
{
	static const struct { const char *name; lua_CFunction body; } decls[] = {
		{ "playbook", body_playbook }, { "metric", body_metric }, { "rule", body_rule },
		{ "initiative", body_initiative }, { "question", body_question }, { "goalposts", body_goalposts },
	};
	loadctx *lc = lua_touserdata(L, 1);
	loadctx **box = lua_newuserdatauv(L, sizeof *box, 0);

	/* The registry keeps the box alive however the playbook rebinds the
	 * globals, so the loader can always empty it. */
	*box = lc;
	lc->box = box;
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "smbopt.loadctx");
	for (size_t i = 0; i < sizeof decls / sizeof decls[0]; i++) {
		lua_pushvalue(L, 2);
		lua_pushcfunction(L, decls[i].body);
		lua_pushstring(L, decls[i].name);
		lua_pushcclosure(L, decl_named, 3);
		lua_setglobal(L, decls[i].name);
	}
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, decl_weights, 1);
	lua_setglobal(L, "weights");
	return 0;
}

