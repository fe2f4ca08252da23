/* tests/test_sandbox.c — the playbook sandbox: ordinary Lua works, and each
 * attack in tests/sandbox/attack_*.lua fails fast with a clear message while
 * an honest playbook in another sandbox keeps giving the right answer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "sandbox.h"
#include "tap.h"

#define PWNED "/tmp/smb_sandbox_pwned"

static char dir[4096], libdir[4200];

static const struct attack {
	const char *file;
	const char *expect;   /* a substring of the error message */
	int code;
	int heavy;            /* fills most of the memory limit: bound by page-fault speed */
} attacks[] = {
	{ "attack_io_open.lua", "global 'io'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_io_lines.lua", "global 'io'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_io_write.lua", "global 'io'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_io_popen.lua", "global 'io'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_os_execute.lua", "global 'os'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_os_remove.lua", "global 'os'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_dofile.lua", "global 'dofile'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_loadfile.lua", "global 'loadfile'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_require_abs.lua", "invalid module name '/etc/passwd'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_require_parent.lua", "invalid module name '../x'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_require_dotdot.lua", "invalid module name '..etc.passwd'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_require_c_module.lua", "only Lua source modules can be required", SMB_SANDBOX_ERROR, 0 },
	{ "attack_require_circular.lua", "requires itself", SMB_SANDBOX_ERROR, 0 },
	{ "attack_package_loadlib.lua", "global 'package'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_package_cpath.lua", "global 'package'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_string_dump.lua", "field 'dump'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_load_mode_b.lua", "binary chunks are not allowed", SMB_SANDBOX_ERROR, 0 },
	{ "attack_load_bytecode.lua", "binary chunks are not allowed", SMB_SANDBOX_ERROR, 0 },
	{ "attack_load_reader.lua", "binary chunks are not allowed", SMB_SANDBOX_ERROR, 0 },
	{ "attack_debug_registry.lua", "global 'debug'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_other_state.lua", "global 'SECRET'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_smb_assign.lua", "smb is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_smb_rawset.lua", "smb is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_smb_setmetatable.lua", "smb is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_smb_nested.lua", "smb.areas is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_smb_insert.lua", "smb.areas is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_smb_load_env.lua", "smb is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_string_metatable.lua", "string metatable is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_string_rawset.lua", "string metatable is read-only", SMB_SANDBOX_ERROR, 0 },
	{ "attack_string_setmetatable.lua", "table expected, got string", SMB_SANDBOX_ERROR, 0 },
	{ "attack_memory_table.lua", "memory limit of 64 MiB exceeded", SMB_SANDBOX_MEMORY, 1 },
	{ "attack_memory_concat.lua", "memory limit of 64 MiB exceeded", SMB_SANDBOX_MEMORY, 1 },
	{ "attack_memory_rep.lua", "memory limit of 64 MiB exceeded", SMB_SANDBOX_MEMORY, 0 },
	{ "attack_memory_rep_sep.lua", "memory limit of 64 MiB exceeded", SMB_SANDBOX_MEMORY, 0 },
	{ "attack_memory_in_pcall.lua", "memory limit of 64 MiB exceeded", SMB_SANDBOX_MEMORY, 1 },
	{ "attack_memory_close.lua", "memory limit of 64 MiB exceeded", SMB_SANDBOX_MEMORY, 1 },
	{ "attack_loop_while.lua", "instruction limit of 10000000 exceeded (endless loop?)", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_loop_goto.lua", "instruction limit of 10000000 exceeded (endless loop?)", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_loop_in_pcall.lua", "instruction limit of 10000000 exceeded", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_loop_pcall_retry.lua", "instruction limit of 10000000 exceeded", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_loop_xpcall.lua", "instruction limit of 10000000 exceeded", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_loop_xpcall_handler.lua", "instruction limit of 10000000 exceeded", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_loop_close.lua", "instruction limit of 10000000 exceeded", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_recursion.lua", "stack overflow", SMB_SANDBOX_ERROR, 1 },
	{ "attack_recursion_gsub.lua", "stack overflow", SMB_SANDBOX_ERROR, 0 },
	{ "attack_recursion_index.lua", "stack overflow", SMB_SANDBOX_ERROR, 0 },
	{ "attack_recursion_tostring.lua", "stack overflow", SMB_SANDBOX_ERROR, 0 },
	{ "attack_parse_nesting.lua", "stack overflow", SMB_SANDBOX_ERROR, 0 },
	{ "attack_pattern_find.lua", "instruction limit of 10000000 exceeded in string.find", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_pattern_match.lua", "instruction limit of 10000000 exceeded in string.match", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_pattern_gsub.lua", "instruction limit of 10000000 exceeded in string.gsub", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_pattern_gmatch.lua", "instruction limit of 10000000 exceeded in string.gmatch", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_pattern_plain.lua", "instruction limit of 10000000 exceeded in string.find", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_coroutine.lua", "global 'coroutine'", SMB_SANDBOX_ERROR, 0 },
	{ "attack_gc_stop.lua", "only \"count\" is allowed", SMB_SANDBOX_ERROR, 0 },
	{ "attack_gc_collect.lua", "only \"count\" is allowed", SMB_SANDBOX_ERROR, 0 },
	{ "attack_gc_finalizer.lua", "__gc metamethods are not allowed", SMB_SANDBOX_ERROR, 0 },
	{ "attack_table_move.lua", "instruction limit of 10000000 exceeded in table.move", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_table_insert_len.lua", "instruction limit of 10000000 exceeded in table.insert", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_table_concat_len.lua", "instruction limit of 10000000 exceeded", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_table_unpack.lua", "too many results to unpack", SMB_SANDBOX_ERROR, 0 },
	{ "attack_error_object.lua", "(error object is a table value)", SMB_SANDBOX_ERROR, 0 },
	{ "attack_sort_huge_strings.lua", "instruction limit of 10000000 exceeded in table.sort", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_sort_comparator.lua", "instruction limit of 10000000 exceeded in table.sort", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_utf8_len.lua", "instruction limit of 10000000 exceeded in utf8.len", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_load_whitespace.lua", "instruction limit of 10000000 exceeded in load", SMB_SANDBOX_INSTRUCTIONS, 0 },
	{ "attack_pack_format.lua", "instruction limit of 10000000 exceeded in string.packsize", SMB_SANDBOX_INSTRUCTIONS, 0 },
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Under valgrind or ASan everything is 10-50 times slower; SMB_TEST_TIME_SCALE
 * says so, and stretches both the speed bounds and the clock backstop. */
static double time_scale(void)
{
	const char *s = getenv("SMB_TEST_TIME_SCALE");
	double v = s ? atof(s) : 1.0;
	return v > 0 ? v : 1.0;
}

/* How long this machine takes to fill 64 MiB of fresh memory (page faults
 * dominate, and on some virtual machines they cost ~1 s for 64 MiB): an
 * attack that exhausts the memory limit cannot be faster than that. */
static double fill_time(void)
{
	size_t n = (size_t)64 << 20, i;
	double t0 = now();
	char *p = malloc(n);
	volatile char sink = 0;
	if (!p)
		return 0;
	memset(p, 1, n);
	for (i = 0; i < n; i += 4096)
		sink = (char)(sink + p[i]);
	free(p);
	return now() - t0;
}

static smb_sandbox *make(const smb_sandbox_limits *lim_in)
{
	smb_sandbox_limits lim;
	const char *path[1] = { libdir };
	smb_sandbox *sb = NULL;
	char err[512];
	lua_State *L;
	if (lim_in) {
		lim = *lim_in;
	} else {
		smb_sandbox_default_limits(&lim);
		lim.seconds *= time_scale();   /* a slow build must not trip the clock first */
	}
	lim.search_path = path;
	lim.nsearch_path = 1;
	if (smb_sandbox_new(&lim, &sb, err, sizeof err) != 0) {
		printf("# smb_sandbox_new: %s\n", err);
		return NULL;
	}
	/* smb = { name = "honest", version = "1.0", areas = { "finance", "operations" },
	 *         goalposts = { finance = { worst = 0, best = 100 } } } */
	L = smb_sandbox_lua(sb);
	smb_sandbox_smb_table(sb);
	lua_pushliteral(L, "honest");
	lua_setfield(L, -2, "name");
	lua_pushliteral(L, "1.0");
	lua_setfield(L, -2, "version");
	lua_newtable(L);
	lua_pushliteral(L, "finance");
	lua_rawseti(L, -2, 1);
	lua_pushliteral(L, "operations");
	lua_rawseti(L, -2, 2);
	lua_setfield(L, -2, "areas");
	lua_newtable(L);
	lua_newtable(L);
	lua_pushinteger(L, 0);
	lua_setfield(L, -2, "worst");
	lua_pushinteger(L, 100);
	lua_setfield(L, -2, "best");
	lua_setfield(L, -2, "finance");
	lua_setfield(L, -2, "goalposts");
	lua_pop(L, 1);
	if (smb_sandbox_freeze(sb, err, sizeof err) != 0) {
		printf("# freeze: %s\n", err);
		smb_sandbox_free(sb);
		return NULL;
	}
	return sb;
}

/* Runs src in sb and returns its first result as a string ("" on error,
 * with the error in err). */
static const char *run(smb_sandbox *sb, const char *src, char *err, size_t errlen)
{
	static char out[4096];
	lua_State *L = smb_sandbox_lua(sb);
	int rc;
	out[0] = '\0';
	err[0] = '\0';
	if ((rc = smb_sandbox_compile(sb, "=test", src, strlen(src), err, errlen)) != 0)
		return out;
	if ((rc = smb_sandbox_call(sb, 0, 1, err, errlen)) != 0)
		return out;
	snprintf(out, sizeof out, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "(not a string)");
	lua_pop(L, 1);
	return out;
}

static int honest_ok(smb_sandbox *honest, const char *after)
{
	lua_State *L = smb_sandbox_lua(honest);
	char err[512] = "";
	double v = 0;
	const char *label = "";
	int top = lua_gettop(L), rc;
	lua_getglobal(L, "compute");
	rc = smb_sandbox_call(honest, 0, 2, err, sizeof err);
	if (rc == 0) {
		v = lua_tonumber(L, -2);
		label = lua_tostring(L, -1) ? lua_tostring(L, -1) : "";
	}
	rc = ok(rc == 0 && fabs(v - 5703.75) < 1e-9 && strcmp(label, "honest: gross margin 36.33%") == 0 &&
	        lua_gettop(L) == top + 2,
	        "honest playbook still gives 5703.75 and its label after %s", after);
	if (!rc)
		printf("#   rc %d err '%s' value %.12g label '%s'\n", rc, err, v, label);
	lua_settop(L, top);
	return rc;
}

static void test_attacks(smb_sandbox *honest)
{
	size_t i;
	double total = 0, slowest = 0, memtotal = 0, fill = fill_time(), limit;
	const char *slowest_file = "";
	char path[8192], err[1024];
	printf("# filling 64 MiB of fresh memory takes %.3f s here\n", fill);
	for (i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		const struct attack *a = &attacks[i];
		smb_sandbox_limits lim;
		smb_sandbox *sb;
		double t0, dt;
		int rc;
		/* On a slow or loaded machine the 5 s clock could race the memory
		 * limit; the heavy attacks keep every other default but the clock. */
		smb_sandbox_default_limits(&lim);
		lim.seconds = (a->heavy ? 30 : lim.seconds) * time_scale();
		sb = make(&lim);
		t0 = now();
		/* "Ends" means the limit stops the attack, not the 30 s clock: the
		 * bound is generous, as a loaded machine (or a sanitizer build)
		 * slows filling the heap more than it slows the calibration. */
		limit = (a->heavy ? 2.0 + 8 * fill : 1.0) * time_scale();
		snprintf(path, sizeof path, "%s/%s", dir, a->file);
		err[0] = '\0';
		rc = sb ? smb_sandbox_load_file(sb, path, err, sizeof err) : -1;
		dt = now() - t0;
		total += dt;
		if (a->heavy)
			memtotal += dt;
		else if (dt > slowest) {
			slowest = dt;
			slowest_file = a->file;
		}
		if (!ok(rc == a->code && strstr(err, a->expect) != NULL, "%s fails with \"%s\"", a->file, a->expect))
			printf("#   rc %d (want %d): %s\n", rc, a->code, err);
		ok(dt < limit, "%s ends in %.3f s", a->file, dt);
		if (a->code >= SMB_SANDBOX_MEMORY)
			is_int(smb_sandbox_tripped(sb), a->code, "%s leaves the sandbox tripped", a->file);
		smb_sandbox_free(sb);
		honest_ok(honest, a->file);
	}
	ok(access(PWNED, F_OK) != 0, "no attack wrote %s", PWNED);
	printf("# attack suite: %zu playbooks in %.3f s, of which %.3f s in the 5 that fill memory; "
	       "slowest of the others %s, %.3f s\n",
	       sizeof attacks / sizeof attacks[0], total, memtotal, slowest_file, slowest);
}

static void test_timeouts(smb_sandbox *honest)
{
	static const char *const files[] = { "timeout_index_chain.lua", "timeout_unpack_chain.lua" };
	smb_sandbox_limits lim;
	char path[8192], err[1024];
	size_t i;
	smb_sandbox_default_limits(&lim);
	lim.seconds = 0.3;
	for (i = 0; i < 2; i++) {
		smb_sandbox *sb = make(&lim);
		double t0 = now(), dt;
		int rc;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		rc = smb_sandbox_load_file(sb, path, err, sizeof err);
		dt = now() - t0;
		if (!ok(rc == SMB_SANDBOX_TIME && strstr(err, "time limit of 0.3 s exceeded"), "%s trips the clock",
		        files[i]))
			printf("#   rc %d: %s\n", rc, err);
		ok(dt < 1.0 * time_scale(), "%s ends in %.3f s", files[i], dt);
		smb_sandbox_free(sb);
		honest_ok(honest, files[i]);
	}
}

/* Each call within its own 5 s, yet together past the playbook's budget
 * for the assessment: the call that crosses it trips, naming whose budget,
 * and nothing runs after (not even a call too short for the hook). */
static void test_time_total(void)
{
	smb_sandbox_limits lim;
	smb_sandbox *sb;
	char err[1024] = "";
	double t0, dt, budget = 0.3 * time_scale();
	int calls = 0, rc = 0;
	const char *busy = "local x = 0 for i = 1, 500000 do x = x + i end return tostring(x)";

	smb_sandbox_default_limits(&lim);
	lim.seconds *= time_scale();
	sb = make(&lim);
	smb_sandbox_time_total(sb, budget, "playbook slow (slow.lua)");
	t0 = now();
	while (calls < 100000 && now() - t0 < 30) {
		run(sb, busy, err, sizeof err);
		calls++;
		if ((rc = smb_sandbox_tripped(sb)))
			break;
	}
	dt = now() - t0;
	is_int(rc, SMB_SANDBOX_TIME, "many short calls trip the playbook's total time budget");
	ok(calls > 1, "after some calls ran (%d)", calls);
	ok(strstr(err, "playbook slow (slow.lua) spent its time budget of") != NULL && strstr(err, "for this assessment"),
	   "the message names the playbook: %s", err);
	ok(dt < budget + 1.0 * time_scale(), "within the budget and a call's hook interval (%.3f s)", dt);
	is_str(run(sb, "return 'x'", err, sizeof err), "", "a later call, however short, does not run");
	smb_sandbox_free(sb);

	/* A new account per assessment: calls that fit run. */
	sb = make(&lim);
	smb_sandbox_time_total(sb, 60, "playbook quick");
	is_str(run(sb, busy, err, sizeof err), "125000250000", "a budget not spent leaves calls alone");
	smb_sandbox_time_total(sb, 60, "playbook quick");
	is_str(run(sb, "return 'again'", err, sizeof err), "again", "and a new account starts from zero");
	smb_sandbox_free(sb);
}

static void test_ordinary(void)
{
	smb_sandbox *sb = make(NULL);
	char err[512];
	double t0;
	lua_State *L = smb_sandbox_lua(sb);
	int top = lua_gettop(L);
	is_str(run(sb, "return string.format('%5.2f|%d|%s|%q', 3.14159, 42, 'x', 'a\\n')", err, sizeof err),
	       " 3.14|42|x|\"a\\\n\"", "string.format");
	is_str(run(sb, "return tostring(math.floor(7.9) + math.max(3, 9) + math.sqrt(16) + math.abs(-2))",
	           err, sizeof err), "22.0", "math");
	is_str(run(sb, "local t = {5, 2, 8, 1} table.sort(t) table.sort(t, function(a, b) return a > b end)"
	               " return table.concat(t, ',')", err, sizeof err), "8,5,2,1", "table.sort");
	is_str(run(sb, "return utf8.len('Größe') .. utf8.char(72, 228)", err, sizeof err), "5Hä", "utf8");
	is_str(run(sb, "return tostring(load('return 1 + 1')())", err, sizeof err), "2", "load of a text chunk");
	is_str(run(sb, "local e = {x = 7} return tostring(load('return x', 'c', 't', e)())", err, sizeof err),
	       "7", "load with an environment");
	is_str(run(sb, "local p = {'return ', '4', '2'} local i = 0 "
	               "return tostring(load(function() i = i + 1 return p[i] end)())", err, sizeof err),
	       "42", "load with a reader function");
	is_str(run(sb, "local h = require 'helper' return h.fill('ratio {r}', {r = h.pct(1, 4)})", err, sizeof err),
	       "ratio 25.0", "require of a helper under the search path");
	is_str(run(sb, "return tostring(require('helper') == require('helper'))", err, sizeof err), "true",
	       "require caches its modules");
	is_str(run(sb, "return (('Current ratio is {cr}'):gsub('{(%w+)}', {cr = '1.20'}))", err, sizeof err),
	       "Current ratio is 1.20", "gsub of a placeholder");
	is_str(run(sb, "return tostring(('Short-term debts exceed'):find('debts'))", err, sizeof err), "12",
	       "find of a plain word");
	t0 = now();
	is_str(run(sb, "return string.rep('', math.maxinteger) .. string.rep('ab', 3, ',')", err, sizeof err),
	       "ab,ab,ab", "string.rep, also of an empty string a maxinteger times");
	ok(now() - t0 < 0.5 * time_scale(), "string.rep('', maxinteger) returns at once");
	is_str(run(sb, "return tostring(collectgarbage('count') > 0)", err, sizeof err), "true",
	       "collectgarbage('count')");
	is_str(run(sb, "local ok, e = pcall(error, 'boom', 0) return tostring(ok) .. ' ' .. e", err, sizeof err),
	       "false boom", "pcall catches an ordinary error");
	is_str(run(sb, "local ok, e = xpcall(function() error('x', 0) end, function(m) return 'handled ' .. m end)"
	               " return e", err, sizeof err), "handled x", "xpcall calls its handler");
	is_str(run(sb, "return tostring(getmetatable('').__index == string)", err, sizeof err), "true",
	       "the string metatable can be read");
	is_str(run(sb, "local n = 0 for k, v in pairs(smb) do n = n + 1 end local a = {} "
	               "for i, v in ipairs(smb.areas) do a[i] = v end "
	               "return smb.name .. n .. #smb.areas .. table.concat(a, '+') .. smb.goalposts.finance.best",
	           err, sizeof err), "honest42finance+operations100", "smb can be read, counted and iterated");
	is_str(run(sb, "return tostring(getmetatable(smb)) .. ' ' .. tostring(smb.areas)", err, sizeof err),
	       "read-only smb.areas (read-only)", "smb's metatable is hidden");
	is_str(run(sb, "return type(io) .. type(os) .. type(debug) .. type(package) .. type(coroutine) .. "
	               "type(dofile) .. type(loadfile) .. type(string.dump) .. type(warn)", err, sizeof err),
	       "nilnilnilnilnilnilnilnilnil", "no io, os, debug, package, coroutine, dofile, loadfile, dump, warn");
	is_int(lua_gettop(L), top, "the stack is balanced after the calls");
	ok(smb_sandbox_memory(sb) > 0 && smb_sandbox_memory(sb) < ((size_t)4 << 20),
	   "memory in use is reported (%zu bytes)", smb_sandbox_memory(sb));
	run(sb, "local x = 0 for i = 1, 100000 do x = x + i end", err, sizeof err);
	ok(smb_sandbox_used(sb) >= 190000 && smb_sandbox_used(sb) <= 400000,
	   "budget used by a 100,000-step loop: %lld", smb_sandbox_used(sb));
	is_str(run(sb, "local ok, e = pcall(string.rep, 'x', 1 << 40) return e", err, sizeof err),
	       "resulting string too large", "string.rep beyond 2 GiB is an ordinary error");
	is_int(smb_sandbox_smb_table(sb), -1, "smb cannot be reached for writing after the freeze");

	/* error messages carry FILE:LINE */
	is_int(smb_sandbox_load_string(sb, "rules.lua", "x = = 1", 7, err, sizeof err), SMB_SANDBOX_ERROR,
	       "a syntax error is a Lua error");
	ok(strncmp(err, "rules.lua:1:", 12) == 0, "syntax error as FILE:LINE: (%s)", err);
	is_int(smb_sandbox_load_string(sb, "rules.lua", "local a = 1\nerror('boom')", 25, err, sizeof err),
	       SMB_SANDBOX_ERROR, "a runtime error is a Lua error");
	is_str(err, "rules.lua:2: boom", "runtime error as FILE:LINE: message");
	is_int(smb_sandbox_load_string(sb, "bin.lua", "\033Lua", 4, err, sizeof err), SMB_SANDBOX_ERROR,
	       "a binary chunk is refused by the host loader");
	ok(strstr(err, "bin.lua: binary chunks are not allowed") != NULL, "with a clear message (%s)", err);
	is_int(smb_sandbox_tripped(sb), 0, "ordinary errors do not trip the sandbox");
	smb_sandbox_free(sb);
}

static void on_print(void *ud, const char *text, size_t len)
{
	snprintf(ud, 256, "%.*s", (int)len, text);
}

static void test_print_and_trip(void)
{
	smb_sandbox_limits lim;
	smb_sandbox *sb;
	char err[512], printed[256] = "";
	lua_State *L;

	sb = make(NULL);
	smb_sandbox_set_print(sb, on_print, printed);
	run(sb, "print('a', 1, true, nil)", err, sizeof err);
	is_str(printed, "a\t1\ttrue\tnil", "print goes to the host callback");
	smb_sandbox_free(sb);

	smb_sandbox_default_limits(&lim);
	lim.instructions = 1000;
	lim.hook_interval = 10;
	sb = make(&lim);
	L = smb_sandbox_lua(sb);
	is_str(run(sb, "local x = 0 for i = 1, 10 do x = x + i end return tostring(x)", err, sizeof err), "55",
	       "a short loop fits in a budget of 1000");
	run(sb, "ran = true while true do end", err, sizeof err);
	is_str(err, "test:1: instruction limit of 1000 exceeded (endless loop?)", "a configured budget, with its place");
	is_int(smb_sandbox_tripped(sb), SMB_SANDBOX_INSTRUCTIONS, "the sandbox is tripped");
	lua_pushcfunction(L, luaopen_base);   /* any function: it must not run */
	is_int(smb_sandbox_call(sb, 0, 0, err, sizeof err), SMB_SANDBOX_INSTRUCTIONS,
	       "a tripped sandbox refuses every further call");
	is_int(lua_gettop(L), 0, "and pops what it was given");
	is_int(smb_sandbox_load_string(sb, "again", "return 1", 8, err, sizeof err), SMB_SANDBOX_INSTRUCTIONS,
	       "and every further load");
	smb_sandbox_free(sb);

	smb_sandbox_default_limits(&lim);
	lim.memory = (size_t)1 << 20;
	sb = make(&lim);
	run(sb, "local t = {} for i = 1, 1e6 do t[i] = i end", err, sizeof err);
	is_str(err, "memory limit of 1 MiB exceeded", "a configured memory limit");
	ok(smb_sandbox_memory(sb) <= lim.memory, "the heap never passed the limit (%zu bytes)",
	   smb_sandbox_memory(sb));
	smb_sandbox_free(sb);

	lim.memory = 4096;
	ok(smb_sandbox_new(&lim, &sb, err, sizeof err) != 0 && strstr(err, "4 KiB") != NULL,
	   "a memory limit too small to open the sandbox is refused (%s)", err);

	/* two sandboxes share nothing */
	{
		smb_sandbox *a = make(NULL), *b = make(NULL);
		run(a, "shared = 'a' string.upper = nil return ''", err, sizeof err);
		is_str(run(b, "return tostring(shared) .. ('x'):upper()", err, sizeof err), "nilX",
		       "globals and library changes stay in their own sandbox");
		smb_sandbox_free(a);
		smb_sandbox_free(b);
	}
}

/* A symbolic link in the search path that leads outside it is refused. */
static void test_symlink(void)
{
	char tmpl[] = "/tmp/smb_sandbox_XXXXXX", link[256], err[512];
	const char *path[1];
	smb_sandbox_limits lim;
	smb_sandbox *sb = NULL;
	if (!mkdtemp(tmpl)) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(link, sizeof link, "%s/passwd.lua", tmpl);
	if (symlink("/etc/passwd", link) != 0) {
		ok(0, "symlink");
		rmdir(tmpl);
		return;
	}
	smb_sandbox_default_limits(&lim);
	path[0] = tmpl;
	lim.search_path = path;
	lim.nsearch_path = 1;
	if (smb_sandbox_new(&lim, &sb, err, sizeof err) == 0) {
		run(sb, "return require 'passwd'", err, sizeof err);
		ok(strstr(err, "leads outside the playbook search path") != NULL,
		   "require through a symlink out of the search path is refused (%s)", err);
	}
	smb_sandbox_free(sb);
	unlink(link);
	rmdir(tmpl);
}

/* Bytecode written to a file by stock Lua is refused by load_file. */
static int writer(lua_State *L, const void *p, size_t sz, void *ud)
{
	(void)L;
	return fwrite(p, 1, sz, ud) == sz ? 0 : 1;
}

static void test_bytecode_file(void)
{
	char file[] = "/tmp/smb_sandbox_bc_XXXXXX", err[512];
	lua_State *L = luaL_newstate();
	smb_sandbox *sb = make(NULL);
	int fd = mkstemp(file);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f || !L || !sb) {
		ok(0, "setup for the bytecode file");
		return;
	}
	luaL_loadstring(L, "return 1");
	lua_dump(L, writer, f, 0);
	fclose(f);
	lua_close(L);
	is_int(smb_sandbox_load_file(sb, file, err, sizeof err), SMB_SANDBOX_ERROR, "a bytecode file is refused");
	ok(strstr(err, "binary chunks are not allowed") != NULL, "with a clear message (%s)", err);
	unlink(file);
	smb_sandbox_free(sb);
}

/* The sandbox's own pattern matcher and table loops give stock Lua's results. */
static void test_patterns(void)
{
	char path[8192], err[512];
	lua_State *L = luaL_newstate();
	smb_sandbox *sb = make(NULL);
	lua_State *S = smb_sandbox_lua(sb);
	const char *a, *b;
	int rc, lines = 0, diff = 0;
	snprintf(path, sizeof path, "%s/patterns.lua", dir);
	luaL_openlibs(L);
	rc = luaL_dofile(L, path);
	ok(rc == 0, "stock Lua runs patterns.lua");
	if (smb_sandbox_load_file(sb, path, err, sizeof err) != 0)
		printf("# %s\n", err);
	/* load_file discards results: run it again through compile + call */
	{
		FILE *f = fopen(path, "rb");
		static char src[1 << 16];
		size_t n = f ? fread(src, 1, sizeof src, f) : 0;
		if (f)
			fclose(f);
		rc = smb_sandbox_compile(sb, "@patterns.lua", src, n, err, sizeof err);
		if (rc == 0)
			rc = smb_sandbox_call(sb, 0, 1, err, sizeof err);
	}
	ok(rc == 0, "the sandbox runs patterns.lua (%s)", rc ? err : "ok");
	a = lua_tostring(L, -1);
	b = rc == 0 ? lua_tostring(S, -1) : NULL;
	if (a && b) {
		while (*a || *b) {
			size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
			lines++;
			if (la != lb || memcmp(a, b, la) != 0) {
				if (diff++ < 5)
					printf("#   stock:   %.*s\n#   sandbox: %.*s\n", (int)la, a, (int)lb, b);
			}
			a += la + (a[la] == '\n');
			b += lb + (b[lb] == '\n');
		}
	}
	ok(lines > 7000 && diff == 0, "pattern and table transcripts agree (%d lines, %d differ)", lines, diff);
	lua_close(L);
	smb_sandbox_free(sb);
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	char err[512], path[8192];
	smb_sandbox *honest;
	snprintf(dir, sizeof dir, "%s/tests/sandbox", top && *top ? top : ".");
	snprintf(libdir, sizeof libdir, "%s/lib", dir);
	unlink(PWNED);

	honest = make(NULL);
	snprintf(path, sizeof path, "%s/honest.lua", dir);
	ok(honest && smb_sandbox_load_file(honest, path, err, sizeof err) == 0, "honest.lua loads");
	honest_ok(honest, "loading");

	test_ordinary();
	test_print_and_trip();
	test_symlink();
	test_bytecode_file();
	test_patterns();
	test_attacks(honest);
	test_timeouts(honest);
	test_time_total();

	smb_sandbox_free(honest);
	return done_testing();
}
