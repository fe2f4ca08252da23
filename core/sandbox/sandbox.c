/* core/sandbox/sandbox.c — the Lua sandbox playbooks run in: a capped allocator, an
 * instruction budget that cannot be caught, a safe standard library, a
 * read-only smb table (the library functions that count their own C loops
 * are in sandbox_lib.c, require in sandbox_require.c). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE   /* realpath */
#endif
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "sandbox_int.h"

#define set_err smb_sandbox_set_err

void smb_sandbox_set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

const char smb_sandbox_loading = 0;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void fmt_bytes(char *out, size_t n, size_t v)
{
	if (v % ((size_t)1 << 20) == 0)
		snprintf(out, n, "%zu MiB", v >> 20);
	else if (v % 1024 == 0)
		snprintf(out, n, "%zu KiB", v >> 10);
	else
		snprintf(out, n, "%zu bytes", v);
}

/* ---- limits: trip, hook, charge ---------------------------------------- */

static void sb_hook(lua_State *L, lua_Debug *ar);

/* The costliest single instructions (string coercion, comparison) scan
 * memory, so the hook runs more often as the heap grows: the time between
 * two clock readings stays small whatever one instruction costs. */
static int hook_count(const smb_sandbox *sb)
{
	long long n;
	if (sb->used <= SB_SMALL_HEAP)
		return sb->interval;
	n = (long long)sb->interval * (long long)(SB_SMALL_HEAP >> 10) / (long long)(sb->used >> 10);
	return n < 1 ? 1 : (int)n;
}

static void set_count(smb_sandbox *sb, int count)
{
	if (sb->L && !sb->closing && sb->cur_count != count) {
		lua_sethook(sb->L, sb_hook, LUA_MASKCOUNT, count);
		sb->cur_count = count;
	}
}

/* The first trip wins and stays. Setting the hook to every instruction makes
 * any Lua code still running (a __close method on the way out) die at once.
 * Safe from the allocator: lua_sethook only stores fields. */
static void mark_trip(smb_sandbox *sb, int kind, const char *where, const char *what)
{
	char size[32];
	if (!sb->tripped) {
		sb->tripped = kind;
		if (kind == SMB_SANDBOX_MEMORY) {
			fmt_bytes(size, sizeof size, sb->limit);
			snprintf(sb->trip_msg, sizeof sb->trip_msg, "memory limit of %s exceeded", size);
		} else if (kind == SMB_SANDBOX_INSTRUCTIONS) {
			snprintf(sb->trip_msg, sizeof sb->trip_msg, "%sinstruction limit of %lld exceeded%s%s",
			         where, sb->budget, what ? " in " : " (endless loop?)", what ? what : "");
		} else if (sb->total_binds) {
			snprintf(sb->trip_msg, sizeof sb->trip_msg, "%s%s spent its time budget of %g s for this assessment%s%s",
			         where, sb->who, sb->total, what ? " in " : "", what ? what : "");
		} else {
			snprintf(sb->trip_msg, sizeof sb->trip_msg, "%stime limit of %g s exceeded%s%s",
			         where, sb->seconds, what ? " in " : " (endless loop?)", what ? what : "");
		}
	}
	set_count(sb, 1);
}

static int raise_trip(lua_State *L, smb_sandbox *sb)
{
	lua_pushstring(L, sb->trip_msg);
	return lua_error(L);
}

/* Every place that catches a Lua error calls this: a memory error is a trip,
 * and a tripped sandbox re-raises instead of letting the playbook go on. */
void smb_sandbox_after_catch(lua_State *L, smb_sandbox *sb, int status)
{
	if (status == LUA_ERRMEM)
		mark_trip(sb, SMB_SANDBOX_MEMORY, "", NULL);
	if (sb->tripped)
		raise_trip(L, sb);
}

static void where_of(lua_State *L, lua_Debug *ar, char *out, size_t n)
{
	out[0] = '\0';
	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
		snprintf(out, n, "%s:%d: ", ar->short_src, ar->currentline);
}

static int time_up(const smb_sandbox *sb)
{
	return sb->deadline > 0 && now_s() > sb->deadline;
}

static void sb_hook(lua_State *L, lua_Debug *ar)
{
	smb_sandbox *sb = SB(L);
	char where[LUA_IDSIZE + 32];
	if (!sb->tripped) {
		sb->remaining -= sb->cur_count;
		if (sb->remaining >= 0 && !time_up(sb)) {
			set_count(sb, hook_count(sb));
			return;
		}
		where_of(L, ar, where, sizeof where);
		mark_trip(sb, sb->remaining < 0 ? SMB_SANDBOX_INSTRUCTIONS : SMB_SANDBOX_TIME, where, NULL);
	}
	raise_trip(L, sb);
}

static void sb_charge(lua_State *L, smb_sandbox *sb, long long units, const char *what)
{
	char where[LUA_IDSIZE + 32] = "";
	lua_Debug ar;
	if (!sb->tripped) {
		int kind;
		if (units <= sb->remaining) {
			sb->remaining -= units;
			if (!time_up(sb))
				return;
			kind = SMB_SANDBOX_TIME;
		} else {
			sb->remaining = -1;
			kind = SMB_SANDBOX_INSTRUCTIONS;
		}
		if (lua_getstack(L, 1, &ar))
			where_of(L, &ar, where, sizeof where);
		mark_trip(sb, kind, where, what);
	}
	raise_trip(L, sb);
}

void smb_sandbox_charge(lua_State *L, long long units, const char *what)
{
	sb_charge(L, SB(L), units < 0 ? 0 : units, what);
}

int smb_sandbox_hold(lua_State *L, size_t bytes)
{
	smb_sandbox *sb = SB(L);
	if (!sb->tripped && bytes <= sb->limit - sb->used) {
		sb->used += bytes;   /* never given back: the copies live as long as the state */
		return 0;
	}
	mark_trip(sb, SMB_SANDBOX_MEMORY, "", NULL);   /* raised at the next instruction */
	return -1;
}

/* ---- the allocator ------------------------------------------------------ */

static void *refuse(smb_sandbox *sb, void *ptr, size_t osize, size_t nsize)
{
	if (sb->ref_pending && sb->ref_ptr == ptr && sb->ref_osize == osize && sb->ref_nsize == nsize)
		mark_trip(sb, SMB_SANDBOX_MEMORY, "", NULL);
	sb->ref_pending = 1;
	sb->ref_ptr = ptr;
	sb->ref_osize = osize;
	sb->ref_nsize = nsize;
	return NULL;
}

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	smb_sandbox *sb = ud;
	void *p;
	if (ptr == NULL)
		osize = 0;   /* Lua passes the object type there */
	if (nsize == 0) {
		free(ptr);
		sb->used -= osize;
		return NULL;
	}
	if (nsize > osize) {
		size_t grow = nsize - osize;
		if (grow > sb->limit - sb->used || !(p = realloc(ptr, nsize)))
			return refuse(sb, ptr, osize, nsize);
		sb->used += grow;
		sb->remaining -= (long long)(grow >> SB_ALLOC_SHIFT);
		if (sb->remaining < 0 && sb->depth > 0)
			set_count(sb, 1);   /* let the hook trip at the next instruction */
	} else {
		p = realloc(ptr, nsize);
		if (!p)
			p = ptr;   /* a shrink that failed leaves the block as it was */
		sb->used -= osize - nsize;
	}
	sb->ref_pending = 0;
	return p;
}

/* ---- read-only proxies -------------------------------------------------- */

/* A proxy is a userdata with two user values, the real table and its name;
 * no raw access reaches a userdata, and __metatable hides the real table. */
static void push_proxy(lua_State *L, int t, const char *path)
{
	lua_newuserdatauv(L, 0, 2);
	luaL_setmetatable(L, RO_META);
	lua_pushvalue(L, t);
	lua_setiuservalue(L, -2, 1);
	lua_pushstring(L, path);
	lua_setiuservalue(L, -2, 2);
}

static int ro_fail(lua_State *L, int i)
{
	lua_getiuservalue(L, i, 2);
	return luaL_error(L, "%s is read-only", lua_tostring(L, -1));
}

static int ro_index(lua_State *L)
{
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	lua_gettable(L, -2);
	return 1;
}

static int ro_newindex(lua_State *L)
{
	return ro_fail(L, 1);
}

static int ro_len(lua_State *L)
{
	lua_getiuservalue(L, 1, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

static int ro_next(lua_State *L)
{
	lua_settop(L, 2);
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	if (lua_next(L, 3))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int ro_pairs(lua_State *L)
{
	lua_pushcfunction(L, ro_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int ro_tostring(lua_State *L)
{
	lua_getiuservalue(L, 1, 2);
	lua_pushfstring(L, "%s (read-only)", lua_tostring(L, -1));
	return 1;
}

/* Replaces the table on top of the stack by its proxy, after freezing every
 * table among its values; `seen` maps tables to proxies for shared parts
 * and cycles. Keys are left alone. */
static void freeze_top(lua_State *L, int seen, const char *path, int depth)
{
	int t = lua_gettop(L);
	char sub[256];
	if (depth > 64)
		luaL_error(L, "%s: smb table nested too deeply", path);
	luaL_checkstack(L, 8, "smb table nested too deeply");
	lua_pushvalue(L, t);
	if (lua_rawget(L, seen) != LUA_TNIL) {
		lua_replace(L, t);
		return;
	}
	lua_pop(L, 1);
	push_proxy(L, t, path);
	lua_pushvalue(L, t);
	lua_pushvalue(L, t + 1);
	lua_rawset(L, seen);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		if (lua_type(L, -1) != LUA_TTABLE) {
			lua_pop(L, 1);
			continue;
		}
		if (lua_type(L, -2) == LUA_TSTRING)
			snprintf(sub, sizeof sub, "%s.%s", path, lua_tostring(L, -2));
		else if (lua_isinteger(L, -2))
			snprintf(sub, sizeof sub, "%s[%lld]", path, (long long)lua_tointeger(L, -2));
		else
			snprintf(sub, sizeof sub, "%s[?]", path);
		freeze_top(L, seen, sub, depth + 1);
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, t);   /* replacing an existing field is allowed during lua_next */
	}
	lua_replace(L, t);
}

static int freeze_fn(lua_State *L)
{
	smb_sandbox *sb = SB(L);
	lua_newtable(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, sb->smb_ref);
	freeze_top(L, 1, "smb", 0);
	lua_setglobal(L, "smb");
	return 0;
}

/* ---- base library replacements ------------------------------------------ */

static int sb_pcall(lua_State *L)
{
	smb_sandbox *sb = SB(L);
	int status;
	luaL_checkany(L, 1);
	if (sb->tripped)
		return raise_trip(L, sb);
	status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
	smb_sandbox_after_catch(L, sb, status);
	lua_pushboolean(L, status == LUA_OK);
	lua_insert(L, 1);
	return lua_gettop(L);
}

/* A trip is raised from inside the count hook, and Lua calls the message
 * handler right there, where hooks are off: a playbook's handler would run
 * unwatched. So the handler xpcall installs is this one, which hands the
 * trip error on untouched and calls the playbook's handler otherwise. */
static int xpcall_handler(lua_State *L)
{
	if (SB(L)->tripped)
		return 1;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int sb_xpcall(lua_State *L)
{
	smb_sandbox *sb = SB(L);
	int status, n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	if (sb->tripped)
		return raise_trip(L, sb);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, xpcall_handler, 1);
	lua_replace(L, 2);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 1);   /* f, handler, f, args... */
	status = lua_pcall(L, n - 2, LUA_MULTRET, 2);
	smb_sandbox_after_catch(L, sb, status);
	lua_pushboolean(L, status == LUA_OK);
	lua_replace(L, 2);
	return lua_gettop(L) - 1;
}

/* The parser reads its source in C without allocating for blanks and
 * comments: a load pays one unit per 4 bytes of source (lexing a byte
 * takes about a quarter of a VM instruction's time). */
#define LOAD_SHIFT 2

static const char BINARY_REFUSED[] =
	"binary chunks are not allowed in playbooks (load accepts source text only)";

static const char *load_reader(lua_State *L, void *ud, size_t *size)
{
	int *first = ud;
	const char *s;
	luaL_checkstack(L, 2, "too many nested functions");
	lua_pushvalue(L, 1);
	lua_call(L, 0, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		*size = 0;
		return NULL;
	}
	if (!lua_isstring(L, -1))
		luaL_error(L, "reader function must return a string");
	lua_replace(L, 5);   /* keeps the piece alive while the parser reads it */
	s = lua_tolstring(L, 5, size);
	smb_sandbox_charge(L, (long long)(*size >> LOAD_SHIFT), "load");
	if (*first && *size > 0) {
		*first = 0;
		if (s[0] == LUA_SIGNATURE[0])
			luaL_error(L, "%s", BINARY_REFUSED);
	}
	return s;
}

/* load(chunk [, name [, mode [, env]]]): always text mode; a mode without
 * 't' and anything starting like bytecode are refused. */
static int sb_load(lua_State *L)
{
	smb_sandbox *sb = SB(L);
	size_t l;
	int status, has_env = !lua_isnone(L, 4);
	const char *s = lua_tolstring(L, 1, &l);
	const char *mode = luaL_optstring(L, 3, "bt");
	if (!strchr(mode, 't')) {
		luaL_pushfail(L);
		lua_pushfstring(L, "load mode '%s' refused: %s", mode, BINARY_REFUSED);
		return 2;
	}
	if (s) {
		const char *name = luaL_optstring(L, 2, s);
		smb_sandbox_charge(L, 1 + (long long)(l >> LOAD_SHIFT), "load");
		if (l > 0 && s[0] == LUA_SIGNATURE[0]) {
			luaL_pushfail(L);
			lua_pushstring(L, BINARY_REFUSED);
			return 2;
		}
		status = luaL_loadbufferx(L, s, l, name, "t");
	} else {
		const char *name = luaL_optstring(L, 2, "=(load)");
		int first = 1;
		luaL_checktype(L, 1, LUA_TFUNCTION);
		lua_settop(L, 5);
		status = lua_load(L, load_reader, &first, name, "t");
	}
	smb_sandbox_after_catch(L, sb, status);
	if (status != LUA_OK) {
		luaL_pushfail(L);
		lua_insert(L, -2);
		return 2;
	}
	if (has_env) {
		lua_pushvalue(L, 4);
		if (!lua_setupvalue(L, -2, 1))
			lua_pop(L, 1);
	}
	return 1;
}

/* Everything but "count" is refused: "collect" in a loop is unbounded C work
 * the budget would not see, and "stop" only helps exhaust memory. */
static int sb_collectgarbage(lua_State *L)
{
	const char *opt = luaL_optstring(L, 1, "collect");
	if (strcmp(opt, "count") != 0)
		return luaL_error(L, "collectgarbage: only \"count\" is allowed in playbooks");
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) + lua_gc(L, LUA_GCCOUNTB, 0) / 1024.0);
	return 1;
}

static int sb_print(lua_State *L)
{
	smb_sandbox *sb = SB(L);
	int i, n = lua_gettop(L);
	luaL_Buffer b;
	size_t len;
	const char *s;
	if (!sb->print)
		return 0;
	luaL_buffinit(L, &b);
	for (i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	s = lua_tolstring(L, -1, &len);
	sb->print(sb->print_ud, s, len);
	return 0;
}

/* __gc is refused: finalizers run at arbitrary points (even inside the
 * host's own API calls and lua_close) and swallow their errors. */
static int sb_setmetatable(lua_State *L)
{
	smb_sandbox *sb = SB(L);
	if (luaL_testudata(L, 1, RO_META))
		return ro_fail(L, 1);
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "setmetatable: __gc metamethods are not allowed in playbooks");
		lua_pop(L, 1);
	}
	return sb->orig_setmetatable(L);
}

static int sb_rawset(lua_State *L)
{
	if (luaL_testudata(L, 1, RO_META))
		return ro_fail(L, 1);
	return SB(L)->orig_rawset(L);
}

/* ---- building the state ----------------------------------------------------- */

static lua_CFunction get_cfunction(lua_State *L, int t, const char *name)
{
	lua_CFunction f;
	lua_getfield(L, t, name);
	f = lua_tocfunction(L, -1);
	lua_pop(L, 1);
	if (!f)
		luaL_error(L, "sandbox: the standard library has no C function %s", name);
	return f;
}

static void drop(lua_State *L, int t, const char *name)
{
	lua_pushnil(L);
	lua_setfield(L, t, name);
}

static int sb_setup(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string }, { LUA_TABLIBNAME, luaopen_table },
		{ LUA_MATHLIBNAME, luaopen_math }, { LUA_UTF8LIBNAME, luaopen_utf8 }, { NULL, NULL }
	};
	static const luaL_Reg base[] = {
		{ "load", sb_load }, { "pcall", sb_pcall }, { "xpcall", sb_xpcall },
		{ "collectgarbage", sb_collectgarbage }, { "print", sb_print },
		{ "setmetatable", sb_setmetatable }, { "rawset", sb_rawset }, { "require", smb_sandbox_require },
		{ NULL, NULL }
	};
	static const luaL_Reg ro[] = {
		{ "__index", ro_index }, { "__newindex", ro_newindex }, { "__len", ro_len },
		{ "__pairs", ro_pairs }, { "__tostring", ro_tostring }, { NULL, NULL }
	};
	smb_sandbox *sb = SB(L);
	const luaL_Reg *lib;
	for (lib = libs; lib->name; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);                               /* 1 */
	sb->orig_setmetatable = get_cfunction(L, 1, "setmetatable");
	sb->orig_rawset = get_cfunction(L, 1, "rawset");
	drop(L, 1, "dofile");
	drop(L, 1, "loadfile");
	drop(L, 1, "warn");
	luaL_setfuncs(L, base, 0);
	lua_getfield(L, 1, LUA_STRLIBNAME);
	drop(L, 2, "dump");
	lua_settop(L, 0);
	smb_sandbox_open_counted(L);

	luaL_newmetatable(L, RO_META);
	luaL_setfuncs(L, ro, 0);
	lua_pushliteral(L, "read-only");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);

	/* getmetatable("") yields a read-only view of the string metatable. */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	push_proxy(L, lua_gettop(L), "string metatable");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);

	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, KEY_LOADED);
	lua_newtable(L);
	sb->smb_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/* ---- public API --------------------------------------------------------------- */

void smb_sandbox_default_limits(smb_sandbox_limits *lim)
{
	memset(lim, 0, sizeof *lim);
	lim->memory = SB_DEFAULT_MEMORY;
	lim->instructions = SB_DEFAULT_BUDGET;
	lim->hook_interval = SB_DEFAULT_INTERVAL;
	lim->seconds = SB_DEFAULT_SECONDS;
}

static void copy_err(lua_State *L, int idx, char *err, size_t errlen)
{
	switch (lua_type(L, idx)) {   /* no metamethod of the playbook runs here */
	case LUA_TSTRING:
		set_err(err, errlen, "%s", lua_tostring(L, idx));
		break;
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx))
			set_err(err, errlen, "%lld", (long long)lua_tointeger(L, idx));
		else
			set_err(err, errlen, "%.14g", (double)lua_tonumber(L, idx));
		break;
	default:
		set_err(err, errlen, "(error object is a %s value)", luaL_typename(L, idx));
	}
}

int smb_sandbox_new(const smb_sandbox_limits *lim, smb_sandbox **out, char *err, size_t errlen)
{
	smb_sandbox_limits d;
	smb_sandbox *sb;
	lua_State *L;
	char real[PATH_MAX], size[32];
	size_t i;
	int status;
	if (!out) {
		set_err(err, errlen, "smb_sandbox_new: no place for the result");
		return -1;
	}
	*out = NULL;
	smb_sandbox_default_limits(&d);
	if (!(sb = calloc(1, sizeof *sb))) {
		set_err(err, errlen, "out of memory");
		return -1;
	}
	sb->limit = lim && lim->memory ? lim->memory : d.memory;
	sb->budget = lim && lim->instructions > 0 ? lim->instructions : d.instructions;
	sb->interval = lim && lim->hook_interval > 0 ? lim->hook_interval : d.hook_interval;
	sb->seconds = lim && lim->seconds != 0 ? lim->seconds : d.seconds;
	if (sb->seconds < 0)
		sb->seconds = 0;
	sb->remaining = sb->budget;
	if (lim && lim->nsearch_path) {
		if (!(sb->dirs = calloc(lim->nsearch_path, sizeof *sb->dirs))) {
			smb_sandbox_free(sb);
			set_err(err, errlen, "out of memory");
			return -1;
		}
		for (i = 0; i < lim->nsearch_path; i++) {
			if (!lim->search_path[i] || !realpath(lim->search_path[i], real))
				continue;
			if (!(sb->dirs[sb->ndirs] = strdup(real))) {
				smb_sandbox_free(sb);
				set_err(err, errlen, "out of memory");
				return -1;
			}
			sb->ndirs++;
		}
	}
	if (!(L = lua_newstate(sb_alloc, sb))) {
		fmt_bytes(size, sizeof size, sb->limit);
		set_err(err, errlen, "cannot create a Lua state within the memory limit of %s", size);
		smb_sandbox_free(sb);
		return -1;
	}
	SB(L) = sb;
	sb->L = L;
	sb->cur_count = sb->interval;
	lua_sethook(L, sb_hook, LUA_MASKCOUNT, sb->cur_count);
	lua_pushcfunction(L, sb_setup);
	status = lua_pcall(L, 0, 0, 0);
	if (status != LUA_OK) {
		fmt_bytes(size, sizeof size, sb->limit);
		if (status == LUA_ERRMEM)
			set_err(err, errlen, "the memory limit of %s is too small to open the sandbox", size);
		else
			copy_err(L, -1, err, errlen);
		smb_sandbox_free(sb);
		return -1;
	}
	*out = sb;
	return 0;
}

void smb_sandbox_free(smb_sandbox *sb)
{
	size_t i;
	if (!sb)
		return;
	sb->closing = 1;
	if (sb->L)
		lua_close(sb->L);
	for (i = 0; i < sb->ndirs; i++)
		free(sb->dirs[i]);
	free(sb->dirs);
	free(sb);
}

lua_State *smb_sandbox_lua(smb_sandbox *sb)
{
	return sb ? sb->L : NULL;
}

smb_sandbox *smb_sandbox_from_lua(lua_State *L)
{
	return L ? SB(L) : NULL;
}

void smb_sandbox_set_print(smb_sandbox *sb, smb_sandbox_print_fn fn, void *ud)
{
	sb->print = fn;
	sb->print_ud = ud;
}

int smb_sandbox_smb_table(smb_sandbox *sb)
{
	if (!sb || sb->frozen || !lua_checkstack(sb->L, 1))
		return -1;
	lua_rawgeti(sb->L, LUA_REGISTRYINDEX, sb->smb_ref);
	return 0;
}

int smb_sandbox_tripped(const smb_sandbox *sb)
{
	return sb ? sb->tripped : 0;
}

size_t smb_sandbox_memory(const smb_sandbox *sb)
{
	return sb ? sb->used : 0;
}

long long smb_sandbox_used(const smb_sandbox *sb)
{
	return sb ? sb->used_last : 0;
}

void smb_sandbox_time_total(smb_sandbox *sb, double seconds, const char *who)
{
	if (!sb)
		return;
	sb->total = seconds > 0 ? seconds : 0;
	sb->spent = 0;
	snprintf(sb->who, sizeof sb->who, "%s", who ? who : "the playbook");
}

static int tripped_err(const smb_sandbox *sb, char *err, size_t errlen)
{
	set_err(err, errlen, "%s", sb->trip_msg);
	return sb->tripped;
}

int smb_sandbox_freeze(smb_sandbox *sb, char *err, size_t errlen)
{
	int status;
	if (!sb) {
		set_err(err, errlen, "smb_sandbox_freeze: no sandbox");
		return -1;
	}
	if (sb->frozen)
		return 0;
	if (sb->tripped)
		return tripped_err(sb, err, errlen);
	lua_pushcfunction(sb->L, freeze_fn);
	status = lua_pcall(sb->L, 0, 0, 0);   /* C only: no budget involved */
	if (status == LUA_ERRMEM)
		mark_trip(sb, SMB_SANDBOX_MEMORY, "", NULL);
	if (status != LUA_OK) {
		copy_err(sb->L, -1, err, errlen);
		lua_pop(sb->L, 1);
		return sb->tripped ? tripped_err(sb, err, errlen) : SMB_SANDBOX_ERROR;
	}
	sb->frozen = 1;
	return 0;
}

int smb_sandbox_call(smb_sandbox *sb, int nargs, int nresults, char *err, size_t errlen)
{
	lua_State *L;
	int status, base, rc;
	if (!sb || nargs < 0 || lua_gettop(sb->L) < nargs + 1) {
		set_err(err, errlen, "smb_sandbox_call: fewer values on the stack than a function and %d arguments",
		        nargs);
		return -1;
	}
	L = sb->L;
	base = lua_gettop(L) - nargs - 1;
	if (!sb->tripped && !sb->frozen && (rc = smb_sandbox_freeze(sb, err, errlen)) != 0) {
		lua_settop(L, base);
		return rc;
	}
	if (sb->tripped) {
		lua_settop(L, base);
		return tripped_err(sb, err, errlen);
	}
	if (sb->depth == 0) {   /* nested calls from host C functions share the outer budget */
		double t = now_s();
		sb->remaining = sb->budget;
		sb->deadline = sb->seconds > 0 ? t + sb->seconds : 0;
		sb->total_binds = 0;
		if (sb->total > 0) {
			double end = t + (sb->total - sb->spent);
			if (sb->deadline == 0 || end <= sb->deadline) {
				sb->deadline = end;
				sb->total_binds = 1;
			}
			if (sb->spent >= sb->total) {   /* spent already: not even a short call runs */
				mark_trip(sb, SMB_SANDBOX_TIME, "", NULL);
				lua_settop(L, base);
				return tripped_err(sb, err, errlen);
			}
		}
		sb->call_start = t;
		sb->cur_count = 0;
		set_count(sb, hook_count(sb));
	}
	sb->depth++;
	status = lua_pcall(L, nargs, nresults, 0);
	sb->depth--;
	if (sb->depth == 0) {
		sb->used_last = sb->budget - (sb->remaining < 0 ? 0 : sb->remaining);
		sb->deadline = 0;
		sb->spent += now_s() - sb->call_start;
	}
	if (status == LUA_ERRMEM)
		mark_trip(sb, SMB_SANDBOX_MEMORY, "", NULL);
	if (sb->tripped) {
		lua_settop(L, base);
		return tripped_err(sb, err, errlen);
	}
	if (status != LUA_OK) {
		copy_err(L, -1, err, errlen);
		lua_settop(L, base);
		return SMB_SANDBOX_ERROR;
	}
	return 0;
}

int smb_sandbox_compile(smb_sandbox *sb, const char *chunkname, const char *src, size_t len,
                        char *err, size_t errlen)
{
	const char *shown;
	char *name;
	int status, rc;
	if (!sb || !chunkname || (!src && len > 0)) {
		set_err(err, errlen, "smb_sandbox_compile: missing argument");
		return -1;
	}
	if (sb->tripped)
		return tripped_err(sb, err, errlen);
	if (!sb->frozen && (rc = smb_sandbox_freeze(sb, err, errlen)) != 0)
		return rc;
	shown = (chunkname[0] == '@' || chunkname[0] == '=') ? chunkname + 1 : chunkname;
	if (len > 0 && src[0] == LUA_SIGNATURE[0]) {
		set_err(err, errlen, "%s: binary chunks are not allowed; playbooks are loaded as Lua source text only",
		        shown);
		return SMB_SANDBOX_ERROR;
	}
	if (!(name = malloc(strlen(shown) + 2)) || !lua_checkstack(sb->L, 2)) {
		free(name);
		set_err(err, errlen, "%s: out of memory", shown);
		return -1;
	}
	name[0] = chunkname[0] == '@' ? '@' : '=';
	strcpy(name + 1, shown);
	status = luaL_loadbufferx(sb->L, src ? src : "", len, name, "t");
	free(name);
	if (status == LUA_OK)
		return 0;
	if (status == LUA_ERRMEM)
		mark_trip(sb, SMB_SANDBOX_MEMORY, "", NULL);
	if (sb->tripped) {
		lua_pop(sb->L, 1);
		return tripped_err(sb, err, errlen);
	}
	copy_err(sb->L, -1, err, errlen);
	lua_pop(sb->L, 1);
	return SMB_SANDBOX_ERROR;
}

int smb_sandbox_load_string(smb_sandbox *sb, const char *chunkname, const char *src, size_t len,
                            char *err, size_t errlen)
{
	int rc = smb_sandbox_compile(sb, chunkname, src, len, err, errlen);
	return rc ? rc : smb_sandbox_call(sb, 0, 0, err, errlen);
}

int smb_sandbox_load_file(smb_sandbox *sb, const char *path, char *err, size_t errlen)
{
	char *src, *name;
	size_t len;
	int rc;
	if (!sb || !path) {
		set_err(err, errlen, "smb_sandbox_load_file: missing argument");
		return -1;
	}
	if (smb_sandbox_slurp(path, sb->limit, &src, &len, err, errlen) != 0)
		return -1;
	if (!(name = malloc(strlen(path) + 2))) {
		free(src);
		set_err(err, errlen, "%s: out of memory", path);
		return -1;
	}
	name[0] = '@';
	strcpy(name + 1, path);
	rc = smb_sandbox_load_string(sb, name, src, len, err, errlen);
	free(name);
	free(src);
	return rc;
}
