/* core/sandbox/sandbox_int.h — what the files of the sandbox share and nothing
 * else sees: the sandbox's state and a few helpers (core/sandbox/sandbox.c defines
 * them). The public side is core/sandbox/sandbox.h. */
#ifndef SMB_SANDBOX_INT_H
#define SMB_SANDBOX_INT_H

#include "sandbox.h"

#include <stddef.h>

#include <lauxlib.h>
#include <lua.h>

#define SB_DEFAULT_MEMORY   ((size_t)64 << 20)
#define SB_DEFAULT_BUDGET   10000000LL
#define SB_DEFAULT_INTERVAL 1000
#define SB_DEFAULT_SECONDS  5.0
#define SB_ALLOC_SHIFT      6          /* one budget unit per 64 bytes allocated */
#define SB_SMALL_HEAP       ((size_t)4 << 20)
#define RO_META             "smb.sandbox.readonly"
#define KEY_LOADED          "smb.sandbox.loaded"

struct smb_sandbox {
	lua_State *L;
	size_t limit, used;          /* invariant: used <= limit */
	long long budget, remaining; /* remaining < 0 means the budget is spent */
	int interval, cur_count;     /* cur_count: the count the hook is set to now */
	double seconds, deadline;    /* deadline 0: no clock in force */
	double total, spent;         /* time budget across outermost calls (0: none), and its use */
	double call_start;           /* when the outermost call in progress began */
	int total_binds;             /* the deadline in force is the total's, not the call's */
	char who[160];               /* whose total it is, for the trip message */
	int tripped, depth, frozen, closing;
	long long used_last;
	char trip_msg[LUA_IDSIZE + 400];
	/* The allocation refused last. Lua answers a refusal with an emergency
	 * collection and then repeats the very same request (only frees come in
	 * between); a repeated refusal is therefore a real overrun, and is marked
	 * here, before any __close handler can turn the error into another one. */
	void *ref_ptr;
	size_t ref_osize, ref_nsize;
	int ref_pending;
	char **dirs;                 /* search path, resolved by realpath */
	size_t ndirs;
	smb_sandbox_print_fn print;
	void *print_ud;
	lua_CFunction orig_setmetatable, orig_rawset;
	int smb_ref;
};

/* The sentinel in the loaded table while a module runs (sandbox_require.c). */
extern const char smb_sandbox_loading;

#define SB(L) (*(smb_sandbox **)lua_getextraspace(L))
#define UC(c) ((unsigned char)(c))

/* Formats into err when there is one. */
void smb_sandbox_set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reads a regular file of at most max bytes into a new buffer. Returns 0, or
 * -1 with a message. */
int smb_sandbox_slurp(const char *path, size_t max, char **out, size_t *outlen, char *err, size_t errlen);
/* After a protected call or a load returned status: a limit that tripped
 * inside it is raised again, so no pcall in the playbook can keep it. */
void smb_sandbox_after_catch(lua_State *L, smb_sandbox *sb, int status);
/* require, as the sandbox gives it (sandbox_require.c). */
int smb_sandbox_require(lua_State *L);

#endif
