/* core/engine/playcall.c — calling into a playbook: compute and when functions
 * during a cycle, and the playbook's own test_* functions. Every call runs
 * through smb_sandbox_call, so limits hold and errors carry their line. */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "period.h"
#include "playbook.h"
#include "score.h"

typedef struct call {
	const smb_callable *fn;
	smb_ctx *ctx;
	smb_ctx **box;           /* what m reaches the cycle through; emptied on return */
	int when;                /* 0 compute, 1 when */
	double value;
	int missing;             /* 1 nil; 2 unbounded: ±math.huge and a reason */
	int fires;
	char reason[256];        /* missing 2: why */
} call;

/* m["area.x"] reads the cycle; m.prev and m.year_ago read other periods.
 * They reach the cycle through a box that do_call empties when the call
 * returns: an m kept in a global and read later is an error at that line,
 * not a read through a stack frame long gone. */
static int m_index(lua_State *L)
{
	smb_ctx **box = lua_touserdata(L, lua_upvalueindex(1));
	smb_ctx *ctx = box ? *box : NULL;
	int mode = (int)lua_tointeger(L, lua_upvalueindex(2));
	const char *key = lua_tostring(L, 2);
	double v;
	int rc;

	if (!ctx)
		return luaL_error(L, "m (and m.prev, m.year_ago) can only be read during the call it was handed to; "
		                  "keep the values, not m");
	if (!key || lua_type(L, 2) != LUA_TSTRING)
		return 0;
	if (mode == 0 && (strcmp(key, "prev") == 0 || strcmp(key, "year_ago") == 0)) {
		lua_newtable(L);
		lua_newtable(L);
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_pushinteger(L, key[0] == 'p' ? 1 : 2);
		lua_pushcclosure(L, m_index, 2);
		lua_setfield(L, -2, "__index");
		lua_setmetatable(L, -2);
		return 1;
	}
	if (mode == 0) {
		rc = smb_ctx_get(ctx, key, &v);
	} else {
		smb_period p;
		char text[SMB_PERIOD_TEXT];
		smb_period_parse(smb_ctx_period(ctx), &p, NULL, 0);
		p = mode == 1 ? smb_period_previous(&p) : smb_period_year_ago(&p);
		smb_period_format(&p, text);
		rc = smb_ctx_get_at(ctx, key, text, &v);
	}
	if (rc != SMB_PLUGIN_OK)
		return 0;
	lua_pushnumber(L, v);
	return 1;
}

static void push_p(lua_State *L, const char *period, const char *industry)
{
	smb_period p;
	int ok = smb_period_parse(period, &p, NULL, 0) == 0;

	lua_createtable(L, 0, 4);
	lua_pushstring(L, period);
	lua_setfield(L, -2, "period");
	lua_pushinteger(L, ok ? smb_period_last_day(&p) - smb_period_first_day(&p) + 1 : 0);
	lua_setfield(L, -2, "days");
	lua_pushinteger(L, ok ? smb_period_months(&p) : 0);
	lua_setfield(L, -2, "months");
	if (industry) {
		lua_pushstring(L, industry);
		lua_setfield(L, -2, "industry");
	}
}

/* Reads the function's result into c; raises on a wrong kind of result. */
static void take_result(lua_State *L, call *c)
{
	if (c->when) {
		if (!lua_isboolean(L, -1))
			luaL_error(L, "when must return true or false, not %s", luaL_typename(L, -1));
		c->fires = lua_toboolean(L, -1);
	} else if (lua_isnil(L, -2)) {
		c->missing = 1;
	} else if (lua_type(L, -2) != LUA_TNUMBER) {
		luaL_error(L, "compute must return a number or nil, not %s", luaL_typename(L, -2));
	} else if (isinf(c->value = lua_tonumber(L, -2)) && lua_type(L, -1) == LUA_TSTRING) {
		/* return math.huge, "why": a value beyond measure, with its reason
		 * (SMB_PLUGIN_UNBOUNDED for a plugin). */
		snprintf(c->reason, sizeof c->reason, "%s", lua_tostring(L, -1));
		c->missing = 2;
	} else if (!isfinite(c->value)) {
		luaL_error(L, "compute returned %f, not a finite number (math.huge needs a reason "
		           "as its second result)", c->value);
	}
	lua_pop(L, c->when ? 1 : 2);
}

static int trampoline(lua_State *L)
{
	call *c = lua_touserdata(L, 1);
	smb_ctx **box;

	lua_rawgeti(L, LUA_REGISTRYINDEX, c->fn->ref);
	lua_newtable(L);
	lua_newtable(L);
	box = lua_newuserdatauv(L, sizeof *box, 0);
	*box = c->ctx;
	/* The registry holds the box until the next call, so do_call can
	 * empty it after this function has returned or raised. */
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "smbopt.ctxbox");
	c->box = box;
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, m_index, 2);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	push_p(L, smb_ctx_period(c->ctx), smb_ctx_industry(c->ctx));
	lua_call(L, 2, c->when ? 1 : 2);
	take_result(L, c);
	return 0;
}

static int do_call(call *c, char *err, size_t errlen)
{
	smb_sandbox *sb = c->fn->pb->sb;
	lua_State *L = smb_sandbox_lua(sb);

	int rc;

	lua_pushcfunction(L, trampoline);
	lua_pushlightuserdata(L, c);
	rc = smb_sandbox_call(sb, 1, 0, err, errlen) ? SMB_PARTIAL : SMB_OK;
	if (c->box)
		*c->box = NULL;
	return rc;
}

int smb_playbook_compute(const smb_callable *fn, smb_ctx *ctx, double *out, int *missing, char *err, size_t errlen)
{
	call c = { .fn = fn, .ctx = ctx, .when = 0, .value = NAN };
	int rc = do_call(&c, err, errlen);

	*out = c.value;
	*missing = c.missing;
	if (c.missing == 2)
		snprintf(ctx->message, sizeof ctx->message, "%s", c.reason);
	return rc;
}

int smb_playbook_when(const smb_callable *fn, smb_ctx *ctx, int *fires, char *err, size_t errlen)
{
	call c = { .fn = fn, .ctx = ctx, .when = 1, .value = NAN };
	int rc = do_call(&c, err, errlen);

	*fires = c.fires;
	return rc;
}

/* ---- test_* functions --------------------------------------------------- */

typedef struct tstate {
	smb_playbook *pb;
	smb_buf *out;
	const char *test;
	int n, failed;
} tstate;

static tstate *ts_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

static void report(lua_State *L, tstate *ts, int pass, const char *msg, const char *diag)
{
	ts->n++;
	if (!pass)
		ts->failed++;
	smb_buf_printf(ts->out, "%sok %d - %s: %s\n", pass ? "" : "not ", ts->n, ts->test, msg ? msg : "");
	if (!pass && diag) {
		lua_Debug ar;
		int line = lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
		smb_buf_printf(ts->out, "#   %s (%s:%d)\n", diag, ts->pb->path, line);
	}
}

static int t_ok(lua_State *L)
{
	report(L, ts_of(L), lua_toboolean(L, 1), luaL_optstring(L, 2, ""), "assertion is false");
	return 0;
}

static int t_eq(lua_State *L)
{
	char diag[256];
	int pass = lua_compare(L, 1, 2, LUA_OPEQ);

	lua_getglobal(L, "tostring");
	lua_pushvalue(L, 1);
	lua_call(L, 1, 1);
	lua_getglobal(L, "tostring");
	lua_pushvalue(L, 2);
	lua_call(L, 1, 1);
	snprintf(diag, sizeof diag, "got %s, want %s", lua_tostring(L, -2), lua_tostring(L, -1));
	report(L, ts_of(L), pass, luaL_optstring(L, 3, ""), diag);
	return 0;
}

static int t_near(lua_State *L)
{
	char diag[256];
	int isnum = lua_type(L, 1) == LUA_TNUMBER;
	double got = lua_tonumber(L, 1), want = luaL_checknumber(L, 2), tol = luaL_checknumber(L, 3);
	int pass = isnum && fabs(got - want) <= tol;

	if (isnum)
		snprintf(diag, sizeof diag, "got %.10g, want %.10g within %g", got, want, tol);
	else
		snprintf(diag, sizeof diag, "got %s, want %.10g", luaL_typename(L, 1), want);
	report(L, ts_of(L), pass, luaL_optstring(L, 4, ""), diag);
	return 0;
}

/* m for a fixture: its values, with prev and year_ago tables always there. */
static void push_fixture(lua_State *L, int idx)
{
	lua_newtable(L);
	if (lua_istable(L, idx)) {
		lua_pushnil(L);
		while (lua_next(L, idx)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, -4);
		}
	}
	for (int k = 0; k < 2; k++) {
		const char *name = k ? "year_ago" : "prev";
		if (lua_getfield(L, -1, name) != LUA_TTABLE) {
			lua_pop(L, 1);
			lua_newtable(L);
			lua_setfield(L, -2, name);
		} else {
			lua_pop(L, 1);
		}
	}
}

/* p for a test: 2026-Q3 of a retail client unless the test says otherwise. */
static void push_test_p(lua_State *L, int idx)
{
	push_p(L, "2026-Q3", "retail");
	if (lua_istable(L, idx)) {
		lua_pushnil(L);
		while (lua_next(L, idx)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, -4);
		}
	}
}

static int fixture_has(lua_State *L, int fixture, char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int t = lua_getfield(L, fixture, keys[i]);
		lua_pop(L, 1);
		if (t == LUA_TNIL)
			return 0;
	}
	return 1;
}

static int t_compute(lua_State *L)
{
	tstate *ts = ts_of(L);
	const char *key = luaL_checkstring(L, 1);
	const smb_metric *m = smb_registry_metric(ts->pb->reg, key);
	call c = { .fn = NULL, .ctx = NULL, .when = 0, .value = NAN };

	if (!m || m->fn.pb != ts->pb)
		return luaL_error(L, "t.compute: %s is not a computed metric of this playbook", key);
	push_fixture(L, 2);
	if (!fixture_has(L, lua_gettop(L), m->inputs, m->ninputs))
		return 0;   /* the host does not call compute without its inputs */
	lua_rawgeti(L, LUA_REGISTRYINDEX, m->fn.ref);
	lua_insert(L, -2);
	push_test_p(L, 3);
	lua_call(L, 2, 2);
	take_result(L, &c);
	if (c.missing == 1)
		return 0;
	lua_pushnumber(L, c.value);
	if (c.missing == 2) {
		lua_pushstring(L, c.reason);
		return 2;
	}
	return 1;
}

static int t_fires(lua_State *L)
{
	tstate *ts = ts_of(L);
	const char *id = luaL_checkstring(L, 1);
	const smb_rule *r = smb_registry_rule(ts->pb->reg, id);
	call c = { .fn = NULL, .ctx = NULL, .when = 1, .value = NAN };

	if (!r || r->fn.pb != ts->pb)
		return luaL_error(L, "t.fires: %s is not a rule of this playbook", id);
	push_fixture(L, 2);
	if (!fixture_has(L, lua_gettop(L), r->metrics, r->nmetrics))
		return 0;   /* not evaluated: a named metric is missing */
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->fn.ref);
	lua_insert(L, -2);
	push_test_p(L, 3);
	lua_call(L, 2, 1);
	take_result(L, &c);
	lua_pushboolean(L, c.fires);
	return 1;
}

static int t_score(lua_State *L)
{
	tstate *ts = ts_of(L);
	const char *key = luaL_checkstring(L, 1);
	double v = luaL_checknumber(L, 2);
	const smb_goalposts *g = smb_registry_goalposts(ts->pb->reg, key, luaL_optstring(L, 3, NULL));

	if (!g)
		return luaL_error(L, "t.score: %s has no goalposts", key);
	lua_pushnumber(L, smb_score(g, v));
	return 1;
}

static int run_one(lua_State *L)
{
	static const luaL_Reg fns[] = { { "ok", t_ok }, { "eq", t_eq }, { "near", t_near }, { "compute", t_compute },
	                                { "fires", t_fires }, { "score", t_score }, { NULL, NULL } };
	tstate *ts = lua_touserdata(L, 1);

	lua_getglobal(L, ts->test);
	lua_newtable(L);
	lua_pushlightuserdata(L, ts);
	luaL_setfuncs(L, fns, 1);
	lua_call(L, 1, 0);
	return 0;
}

int smb_playbook_run_tests(smb_playbook *pb, smb_buf *out, smb_err *e)
{
	lua_State *L = smb_sandbox_lua(pb->sb);
	tstate ts = { pb, out, NULL, 0, 0 };
	char why[SMB_ERR_MAX];

	if (pb->ntests == 0)
		return smb_err_set(e, SMB_EDATA, "%s declares no test_* functions", pb->path), -1;
	for (size_t i = 0; i < pb->ntests; i++) {
		int before = ts.n;
		ts.test = pb->tests[i];
		lua_pushcfunction(L, run_one);
		lua_pushlightuserdata(L, &ts);
		if (smb_sandbox_call(pb->sb, 1, 0, why, sizeof why)) {
			ts.n++;
			ts.failed++;
			smb_buf_printf(out, "not ok %d - %s: error: %s\n", ts.n, ts.test, why);
		} else if (ts.n == before) {
			ts.n++;
			ts.failed++;
			smb_buf_printf(out, "not ok %d - %s: asserted nothing\n", ts.n, ts.test);
		}
	}
	smb_buf_printf(out, "1..%d\n", ts.n);
	return ts.failed;
}
